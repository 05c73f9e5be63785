import type { Feature, MultiPolygon, Polygon } from "geojson";
import {
  applySite,
  buildCountyGrid,
  type CountyGrid,
  coverageStats,
  DEFAULT_CELL_SIZE_M,
  demandCoverage,
  gapPolygons,
  rasterizeMask,
  type Site,
} from "../coverage";
import { polygonLocator } from "../geo";
import type { CountyProps, Facility } from "../model";
import { type CountyContext, type CoverageResult, evaluateRule, type RuleOutcome } from "./checks";
import { type BBox, bboxOf, expandBBox, gradeRank, inBBox } from "./helpers";
import type { Rule, RuleSet } from "./schema";
import type {
  AnalysisInput,
  AnalysisParams,
  AnalysisReport,
  AnalysisSession,
  CountyReport,
  GapFeature,
  RingStat,
  Violation,
} from "./types";
import { describeUrban, isUrbanPoint, urbanAreaFeatures } from "./urban";

/** Defaults not set by the rule set: districts + 3 km around each county seat are urban; 250 m cells. */
export const DEFAULT_PARAMS = {
  urban: { districts: true, seatRadiusKm: 3 },
  cellSizeM: DEFAULT_CELL_SIZE_M,
  crossBorder: false,
} as const;

type CoverageRule = Rule & { kind: "radius-coverage" };

/** Full parameters from the rule set's values and the caller's overrides; throws RangeError on bad values. */
export function resolveParams(ruleSet: RuleSet, partial: Partial<AnalysisParams> = {}): AnalysisParams {
  const find = <K extends Rule["id"]>(id: K) => ruleSet.rules.find((r) => r.id === id);
  const urbanRule = find("EMS-URBAN");
  const ruralRule = find("EMS-RURAL");
  const subRule = find("SUB-15KM");
  const countRule = find("SUB-COUNT");
  const p: AnalysisParams = {
    urbanRadiusKm: urbanRule?.kind === "radius-coverage" ? urbanRule.params.radiusKm.value : 5,
    ruralRadiusKm: ruralRule?.kind === "radius-coverage" ? ruralRule.params.radiusKm.value : 20,
    subCentreMinKm: subRule?.kind === "min-distance-outside-urban" ? subRule.params.minDistanceKm.value : 15,
    urban: { ...DEFAULT_PARAMS.urban },
    subCountVariant: countRule?.kind === "count-by-population-band" ? countRule.params.variant : "bands",
    cellSizeM: DEFAULT_PARAMS.cellSizeM,
    crossBorder: DEFAULT_PARAMS.crossBorder,
    ...partial,
  };
  const positive = (v: number, name: string) => {
    if (!Number.isFinite(v) || v <= 0) throw new RangeError(`${name} must be a positive number, got ${v}`);
  };
  positive(p.urbanRadiusKm, "urbanRadiusKm");
  positive(p.ruralRadiusKm, "ruralRadiusKm");
  positive(p.subCentreMinKm, "subCentreMinKm");
  positive(p.cellSizeM, "cellSizeM");
  if (ruralRule?.kind === "radius-coverage") {
    const { min, max } = ruralRule.params.radiusKm;
    if ((min !== undefined && p.ruralRadiusKm < min) || (max !== undefined && p.ruralRadiusKm > max)) {
      throw new RangeError(`ruralRadiusKm ${p.ruralRadiusKm} is outside the plan's range [${min}, ${max}] km`);
    }
  }
  if (p.urban.seatRadiusKm !== undefined && !(p.urban.seatRadiusKm >= 0)) {
    throw new RangeError(`urban.seatRadiusKm must be ≥ 0, got ${p.urban.seatRadiusKm}`);
  }
  return p;
}

/** One coverage layer: the sites of one EMS rule at one radius. */
interface Layer {
  key: string;
  rule: CoverageRule;
  radiusKm: number;
  main: boolean;
}

interface CountyState {
  feature: Feature<Polygon | MultiPolygon, CountyProps>;
  props: CountyProps;
  bbox: BBox;
  /** Prepared point-in-polygon test of the county (facilities and demand points are located with it). */
  contains: (lon: number, lat: number) => boolean;
  grid: CountyGrid;
  urbanMask: Uint8Array;
  ruralMask: Uint8Array;
  urbanAreaKm2: number;
  counts: Map<string, Uint16Array>;
  sites: Map<string, Map<string, Site>>;
  result?: { report: CountyReport; violations: Violation[]; gaps: GapFeature[]; qualifying: RuleOutcome["qualifying"] };
}

function sameUrban(a: AnalysisParams["urban"], b: AnalysisParams["urban"]): boolean {
  return a.districts === b.districts && (a.seatRadiusKm ?? 0) === (b.seatRadiusKm ?? 0) && a.polygons === b.polygons;
}

class Session implements AnalysisSession {
  private readonly input: AnalysisInput;
  private params: AnalysisParams;
  private readonly states = new Map<string, CountyState>();
  private readonly order: string[] = [];
  private layers: Layer[] = [];
  private readonly facilities = new Map<string, Facility>();
  /** County containing each facility's point (undefined: outside all counties). */
  private readonly located = new Map<string, string | undefined>();
  private rescored: string[] = [];
  private urbanAreas: AnalysisReport["urbanAreas"] = [];

  constructor(input: AnalysisInput) {
    this.input = input;
    this.params = resolveParams(input.ruleSet, input.params);
    for (const feature of input.counties.features) {
      const code = feature.properties.code;
      if (this.states.has(code)) throw new Error(`duplicate county code ${code} in the boundaries`);
      this.order.push(code);
      this.states.set(code, this.buildState(feature));
    }
    this.urbanAreas = urbanAreaFeatures(input.counties.features, this.params.urban);
    this.layers = this.buildLayers();
    for (const f of input.facilities) this.insert(f);
  }

  private buildState(feature: CountyState["feature"], grid?: CountyGrid): CountyState {
    const g = grid ?? buildCountyGrid(feature, { cellSizeM: this.params.cellSizeM });
    const state: CountyState = {
      feature,
      props: feature.properties,
      bbox: bboxOf(feature.geometry),
      contains: polygonLocator(feature.geometry),
      grid: g,
      urbanMask: new Uint8Array(0),
      ruralMask: new Uint8Array(0),
      urbanAreaKm2: 0,
      counts: new Map(),
      sites: new Map(),
    };
    this.buildMasks(state);
    return state;
  }

  private buildMasks(s: CountyState): void {
    const { grid, props } = s;
    const urban = this.params.urban;
    const polys: Array<Polygon | MultiPolygon> = [];
    let all = false;
    if (urban.districts && props.kind === "district") all = true;
    else {
      for (const a of urbanAreaFeatures(this.input.counties.features, { ...urban, polygons: [] })) {
        if (a.properties.source !== "seat") continue;
        if (expandBBoxIntersects(bboxOf(a.geometry), s.bbox)) polys.push(a.geometry);
      }
      for (const g of urban.polygons ?? []) polys.push(g);
    }
    s.urbanMask = all ? grid.inside.slice() : rasterizeMask(grid, polys);
    s.ruralMask = new Uint8Array(grid.inside.length);
    for (let k = 0; k < grid.inside.length; k++) s.ruralMask[k] = grid.inside[k] & (s.urbanMask[k] ^ 1);
    s.urbanAreaKm2 = coverageStats(grid, new Uint16Array(grid.inside.length), s.urbanMask).areaKm2;
  }

  private buildLayers(): Layer[] {
    const out: Layer[] = [];
    for (const rule of this.input.ruleSet.rules) {
      if (rule.kind !== "radius-coverage") continue;
      const r = rule.area === "urban" ? this.params.urbanRadiusKm : this.params.ruralRadiusKm;
      out.push({ key: rule.id, rule, radiusKm: r, main: true });
      if (rule.area === "rural") {
        const ends = [rule.params.radiusKm.min, rule.params.radiusKm.max].filter((x): x is number => x !== undefined);
        for (const e of new Set(ends)) out.push({ key: `${rule.id}@${e}`, rule, radiusKm: e, main: false });
      }
    }
    for (const s of this.states.values()) {
      s.counts.clear();
      s.sites.clear();
      for (const l of out) {
        s.counts.set(l.key, new Uint16Array(s.grid.inside.length));
        s.sites.set(l.key, new Map());
      }
    }
    return out;
  }

  private locate(f: Facility): string | undefined {
    for (const code of this.order) {
      const s = this.states.get(code) as CountyState;
      if (s.contains(f.lon, f.lat)) return code;
    }
    return undefined;
  }

  /** The county a facility belongs to: its own code when known, else the polygon it lies in. */
  private home(f: Facility): string | undefined {
    if (f.county && this.states.has(f.county)) return f.county;
    return this.located.get(f.id);
  }

  private eligible(l: Layer, f: Facility): boolean {
    if (!l.rule.appliesTo.includes(f.type)) return false;
    if (f.type === "hospital" || f.type === "county-medical-centre") {
      const min = l.rule.params.supportHospitalMinGrade;
      if (!min) return true;
      return (gradeRank(f.grade) ?? -1) >= (gradeRank(min) ?? 0);
    }
    return true;
  }

  /** (county, layer) pairs a facility contributes a coverage site to. */
  private contributions(f: Facility): Array<{ code: string; layer: Layer }> {
    const out: Array<{ code: string; layer: Layer }> = [];
    for (const l of this.layers) {
      if (!this.eligible(l, f)) continue;
      if (this.params.crossBorder) {
        for (const code of this.order) {
          const s = this.states.get(code) as CountyState;
          if (inBBox(f.lon, f.lat, expandBBox(s.bbox, l.radiusKm))) out.push({ code, layer: l });
        }
      } else {
        const h = this.home(f);
        if (h) out.push({ code: h, layer: l });
      }
    }
    return out;
  }

  private markDirty(code: string | undefined): void {
    if (!code) return;
    const s = this.states.get(code);
    if (s) s.result = undefined;
  }

  private insert(f: Facility): void {
    if (this.facilities.has(f.id)) throw new Error(`duplicate facility id ${f.id}`);
    this.facilities.set(f.id, f);
    this.located.set(f.id, this.locate(f));
    for (const { code, layer } of this.contributions(f)) {
      const s = this.states.get(code) as CountyState;
      const site: Site = { id: f.id, lon: f.lon, lat: f.lat, radiusKm: layer.radiusKm };
      applySite(s.grid, s.counts.get(layer.key) as Uint16Array, site, 1);
      s.sites.get(layer.key)?.set(f.id, site);
      s.result = undefined;
    }
    this.markDirty(this.home(f));
    this.markDirty(this.located.get(f.id));
  }

  private delete(id: string): Facility {
    const f = this.facilities.get(id);
    if (!f) throw new Error(`no facility with id ${id}`);
    for (const s of this.states.values()) {
      for (const l of this.layers) {
        const sites = s.sites.get(l.key) as Map<string, Site>;
        const site = sites.get(id);
        if (!site) continue;
        applySite(s.grid, s.counts.get(l.key) as Uint16Array, site, -1);
        sites.delete(id);
        s.result = undefined;
      }
    }
    this.markDirty(this.home(f));
    this.markDirty(this.located.get(id));
    this.facilities.delete(id);
    this.located.delete(id);
    return f;
  }

  addFacility(f: Facility): void {
    this.insert(f);
  }

  moveFacility(id: string, lon: number, lat: number): void {
    this.updateFacility(id, { lon, lat });
  }

  updateFacility(id: string, patch: Partial<Omit<Facility, "id">>): void {
    const old = this.delete(id);
    this.insert({ ...old, ...patch, id });
  }

  removeFacility(id: string): void {
    this.delete(id);
  }

  setFacilities(list: Facility[]): void {
    for (const id of [...this.facilities.keys()]) this.delete(id);
    for (const f of list) this.insert(f);
  }

  setParams(partial: Partial<AnalysisParams>): void {
    const before = this.params;
    const next = resolveParams(this.input.ruleSet, { ...before, ...partial });
    this.params = next;
    const facilities = [...this.facilities.values()];
    if (next.cellSizeM !== before.cellSizeM) {
      for (const code of this.order) {
        const s = this.states.get(code) as CountyState;
        this.states.set(code, this.buildState(s.feature));
      }
    } else if (!sameUrban(next.urban, before.urban)) {
      for (const s of this.states.values()) this.buildMasks(s);
    }
    this.urbanAreas = urbanAreaFeatures(this.input.counties.features, next.urban);
    const layersChanged =
      next.cellSizeM !== before.cellSizeM ||
      next.urbanRadiusKm !== before.urbanRadiusKm ||
      next.ruralRadiusKm !== before.ruralRadiusKm ||
      next.crossBorder !== before.crossBorder;
    if (layersChanged) {
      this.layers = this.buildLayers();
      this.facilities.clear();
      this.located.clear();
      for (const f of facilities) this.insert(f);
    }
    for (const s of this.states.values()) s.result = undefined;
  }

  private coverage(s: CountyState, rule: CoverageRule): CoverageResult {
    const mask = rule.area === "urban" ? s.urbanMask : s.ruralMask;
    const main = this.layers.find((l) => l.main && l.rule === rule) as Layer;
    const counts = s.counts.get(main.key) as Uint16Array;
    const stats = coverageStats(s.grid, counts, mask);
    const gaps: GapFeature[] =
      stats.areaKm2 > 0 && stats.uncoveredKm2 > 0
        ? gapPolygons(s.grid, counts, { mask }).map((g) => ({
            ...g,
            properties: {
              ...g.properties,
              gapId: `${rule.id}-${g.properties.gapId}`,
              rule: rule.id,
              radiusKm: main.radiusKm,
            },
          }))
        : [];
    const rings: RingStat[] = [];
    for (const l of this.layers) {
      if (l.main || l.rule !== rule) continue;
      const st = coverageStats(s.grid, s.counts.get(l.key) as Uint16Array, mask);
      rings.push({ radiusKm: l.radiusKm, coveredShare: st.coveredShare, coveredKm2: st.coveredKm2 });
    }
    const out: CoverageResult = {
      areaKm2: stats.areaKm2,
      coveredKm2: stats.coveredKm2,
      uncoveredKm2: stats.uncoveredKm2,
      coveredShare: stats.coveredShare,
      radiusKm: main.radiusKm,
      gaps,
      ...(rings.length ? { rings } : {}),
    };
    const demand = this.input.demand;
    if (demand && demand.length > 0) {
      const pts = demand.filter(
        (d) => s.contains(d.lon, d.lat) && this.isUrbanAt(d.lon, d.lat, s.props) === (rule.area === "urban"),
      );
      const { covered, total, weightCovered, weightTotal } = demandCoverage(pts, [
        ...(s.sites.get(main.key) as Map<string, Site>).values(),
      ]);
      out.demand = { covered, total, weightCovered, weightTotal };
    }
    return out;
  }

  private isUrbanAt(lon: number, lat: number, county: CountyProps | undefined): boolean {
    return isUrbanPoint(lon, lat, county, this.input.counties.features, this.params.urban);
  }

  private score(s: CountyState, byHome: Map<string, Facility[]>, byLocated: Map<string, Facility[]>): void {
    const code = s.props.code;
    const pop = this.input.population?.find((p) => p.code === code);
    const ctx: CountyContext = {
      props: s.props,
      facilities: byHome.get(code) ?? [],
      located: byLocated.get(code) ?? [],
      population: pop,
      divisions: this.input.divisions?.counties.find((c) => c.code === code),
      params: this.params,
      isUrban: (f) => {
        const loc = this.located.get(f.id);
        return this.isUrbanAt(f.lon, f.lat, loc ? this.states.get(loc)?.props : undefined);
      },
      coverage: (rule) => this.coverage(s, rule),
    };
    const checks = [];
    const violations: Violation[] = [];
    const gaps: GapFeature[] = [];
    const qualifying: RuleOutcome["qualifying"] = [];
    for (const rule of this.input.ruleSet.rules) {
      const o = evaluateRule(rule, ctx);
      checks.push(o.check);
      violations.push(...o.violations);
      gaps.push(...o.gaps);
      qualifying.push(...o.qualifying);
    }
    s.result = {
      report: {
        code,
        name: s.props.name,
        areaKm2: s.grid.areaKm2,
        ...(pop ? { population: pop.population } : {}),
        urbanAreaKm2: s.urbanAreaKm2,
        checks,
      },
      violations,
      gaps,
      qualifying,
    };
  }

  report(): AnalysisReport {
    const dirty = this.order.filter((c) => !(this.states.get(c) as CountyState).result);
    this.rescored = dirty;
    if (dirty.length > 0) {
      const byHome = new Map<string, Facility[]>();
      const byLocated = new Map<string, Facility[]>();
      const wanted = new Set(dirty);
      for (const f of this.facilities.values()) {
        const h = this.home(f);
        if (h && wanted.has(h)) pushTo(byHome, h, f);
        const l = this.located.get(f.id);
        if (l && wanted.has(l)) pushTo(byLocated, l, f);
      }
      for (const c of dirty) this.score(this.states.get(c) as CountyState, byHome, byLocated);
    }
    const results = this.order.map(
      (c) => (this.states.get(c) as CountyState).result as NonNullable<CountyState["result"]>,
    );
    return {
      ruleSetId: this.input.ruleSet.id,
      params: this.params,
      urbanDefinitionUsed: describeUrban(this.params.urban),
      generatedAt: new Date().toISOString(),
      counties: results.map((r) => r.report),
      violations: results.flatMap((r) => r.violations),
      gaps: results.flatMap((r) => r.gaps),
      urbanAreas: this.urbanAreas,
      qualifyingSubCentres: results.flatMap((r) => r.qualifying),
    };
  }

  lastRescored(): string[] {
    return [...this.rescored];
  }
}

function pushTo(m: Map<string, Facility[]>, key: string, f: Facility): void {
  const list = m.get(key);
  if (list) list.push(f);
  else m.set(key, [f]);
}

function expandBBoxIntersects(a: BBox, b: BBox): boolean {
  return a[0] <= b[2] && a[2] >= b[0] && a[1] <= b[3] && a[3] >= b[1];
}

/**
 * Creates an incremental analysis session. It keeps county grids and coverage counts; each edit
 * marks only the counties it touches (the facility's home and containing county, and with
 * `crossBorder` the counties within its radius) and report() re-scores only those.
 * Inputs are not mutated.
 */
export function createAnalysisSession(input: AnalysisInput): AnalysisSession {
  return new Session(input);
}

/**
 * Scores every rule of the rule set in every county.
 * @example analyze({ counties, facilities, ruleSet }).counties[0].checks
 */
export function analyze(input: AnalysisInput): AnalysisReport {
  return createAnalysisSession(input).report();
}
