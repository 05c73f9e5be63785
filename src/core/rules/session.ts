import type { MultiPolygon, Polygon } from "geojson";
import { CountyCoverage, type CoverageWork } from "../coverage/county-coverage";
import { demandCoverage } from "../coverage/demand-coverage";
import { type CountyProps, type Facility, gradeRank } from "../model";
import { cityReport } from "./city-report";
import type { CountyContext, CoverageResult, RuleOutcome } from "./context";
import { evaluateRule } from "./evaluate";
import { type BBox, bboxOf, expandBBox, inBBox } from "./helpers";
import { SCOPE } from "./messages";
import { resolveParams } from "./params";
import type { Rule } from "./schema";
import { townshipRows } from "./townships";
import type {
  AnalysisInput,
  AnalysisParams,
  AnalysisReport,
  AnalysisSession,
  CountyReport,
  GapFeature,
  ParamOverrides,
  RingStat,
  TownshipRow,
  Violation,
} from "./types";
import {
  type DivisionKinds,
  describeUrban,
  divisionKinds,
  isUrbanPoint,
  urbanAreaFeatures,
  urbanByCode,
} from "./urban";

type CoverageRule = Rule & { kind: "radius-coverage" };

/** One coverage layer: the sites of one EMS rule at one radius (the rule's own, or a range end drawn as a ring). */
interface Layer {
  key: string;
  rule: CoverageRule;
  radiusKm: number;
  main: boolean;
}

interface CountyState {
  props: CountyProps;
  bbox: BBox;
  coverage: CountyCoverage;
  result?: {
    report: CountyReport;
    violations: Violation[];
    gaps: GapFeature[];
    qualifying: RuleOutcome["qualifying"];
    townships: TownshipRow[];
  };
}

function sameUrban(a: AnalysisParams["urban"], b: AnalysisParams["urban"]): boolean {
  return (
    a.centralCityRadiusKm === b.centralCityRadiusKm &&
    a.countySeatRadiusKm === b.countySeatRadiusKm &&
    a.polygons === b.polygons
  );
}

/** Whether the rule set binds a county: the plan's city, and its listed counties when it lists them. */
export function inScope(ruleSet: AnalysisInput["ruleSet"], county: CountyProps): boolean {
  const scope = ruleSet.scope;
  if (!scope) return true;
  return county.city === scope.city && (!scope.counties || scope.counties.includes(county.code));
}

function boxesMeet(a: BBox, b: BBox): boolean {
  return a[0] <= b[2] && a[2] >= b[0] && a[1] <= b[3] && a[3] >= b[1];
}

function pushTo(m: Map<string, Facility[]>, key: string, f: Facility): void {
  const list = m.get(key);
  if (list) list.push(f);
  else m.set(key, [f]);
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
  /** The (county, layer) pairs each facility paints a coverage site into. */
  private readonly painted = new Map<string, Array<{ code: string; key: string }>>();
  private rescored: string[] = [];
  private urbanAreas: AnalysisReport["urbanAreas"] = [];
  private readonly kinds: DivisionKinds;
  private readonly unitPopulation: Map<string, number>;
  private readonly city: string | undefined;
  /** Demand points whose id is a 12-digit village code: the villages' locations for the township view. */
  private readonly villagePoints: Map<string, { lon: number; lat: number }>;
  /** Facility types that are a city-level EMS hub (a change to one re-scores every county of its city). */
  private readonly cityHubTypes: Set<string>;

  constructor(input: AnalysisInput) {
    this.input = input;
    this.city = input.ruleSet.scope?.city ?? input.counties.features[0]?.properties.city;
    this.params = resolveParams(input.ruleSet, input.params, this.city);
    this.kinds = divisionKinds(input.divisions);
    this.unitPopulation = new Map((input.unitPopulation ?? []).map((u) => [u.code, u.population]));
    this.villagePoints = new Map(
      (input.demand ?? []).filter((d) => /^\d{12}$/.test(d.id)).map((d) => [d.id, { lon: d.lon, lat: d.lat }]),
    );
    this.cityHubTypes = new Set(input.ruleSet.rules.flatMap((r) => (r.kind === "tiers" ? r.params.cityHub : [])));
    for (const feature of input.counties.features) {
      const code = feature.properties.code;
      if (this.states.has(code)) throw new Error(`duplicate county code ${code} in the boundaries`);
      this.order.push(code);
      this.states.set(code, {
        props: feature.properties,
        bbox: bboxOf(feature.geometry),
        coverage: new CountyCoverage(feature, this.params.cellSizeM),
      });
    }
    this.setUrban();
    this.layers = this.layerDefs();
    for (const s of this.states.values()) s.coverage.setLayers(this.layers);
    for (const f of input.facilities) this.insert(f);
  }

  /** Urban areas for display and the urban/rural masks of every county (seat discs, or the user's polygons). */
  private setUrban(): void {
    const urban = this.params.urban;
    this.urbanAreas = urbanAreaFeatures(this.input.counties.features, urban);
    const parts = this.urbanAreas.map((a) => ({ geometry: a.geometry, bbox: bboxOf(a.geometry) }));
    for (const s of this.states.values()) {
      const polys: Array<Polygon | MultiPolygon> = parts
        .filter((a) => boxesMeet(a.bbox, s.bbox))
        .map((a) => a.geometry);
      s.coverage.setUrban(polys);
    }
  }

  private layerDefs(): Layer[] {
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
    return out;
  }

  private state(code: string): CountyState {
    return this.states.get(code) as CountyState;
  }

  private locate(f: Facility): string | undefined {
    return this.order.find((code) => this.state(code).coverage.contains(f.lon, f.lat));
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

  /** Counties of layer `l` a facility paints a coverage site into. */
  private contributions(f: Facility, l: Layer): string[] {
    if (!this.eligible(l, f)) return [];
    if (this.params.crossBorder)
      return this.order.filter((code) => inBBox(f.lon, f.lat, expandBBox(this.state(code).bbox, l.radiusKm)));
    const h = this.home(f);
    return h ? [h] : [];
  }

  private markDirty(code: string | undefined): void {
    const s = code === undefined ? undefined : this.states.get(code);
    if (s) s.result = undefined;
  }

  private paint(f: Facility, layers: readonly Layer[]): void {
    const list = this.painted.get(f.id) ?? [];
    for (const l of layers)
      for (const code of this.contributions(f, l)) {
        this.state(code).coverage.addSite(l.key, f);
        list.push({ code, key: l.key });
        this.markDirty(code);
      }
    this.painted.set(f.id, list);
  }

  private insert(f: Facility): void {
    if (this.facilities.has(f.id)) throw new Error(`duplicate facility id ${f.id}`);
    this.facilities.set(f.id, f);
    this.located.set(f.id, this.locate(f));
    this.paint(f, this.layers);
    this.markDirty(this.home(f));
    this.markDirty(this.located.get(f.id));
    this.markCity(f);
  }

  /** A city-level EMS hub serves the city's districts (003:61): its counties are re-scored when one changes. */
  private markCity(f: Facility): void {
    if (!this.cityHubTypes.has(f.type)) return;
    const city = this.states.get(this.home(f) ?? "")?.props.city;
    for (const s of this.states.values()) if (s.props.city === city) s.result = undefined;
  }

  private delete(id: string): Facility {
    const f = this.facilities.get(id);
    if (!f) throw new Error(`no facility with id ${id}`);
    for (const code of new Set((this.painted.get(id) ?? []).map((p) => p.code))) {
      this.state(code).coverage.removeSite(id);
      this.markDirty(code);
    }
    this.painted.delete(id);
    this.markDirty(this.home(f));
    this.markDirty(this.located.get(id));
    this.markCity(f);
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

  /**
   * New parameters, recomputing only what they change: a cell size rebuilds the grids; an urban definition
   * re-rasterises the masks; a radius repaints that radius's layer from the sites it has (with `crossBorder`, which
   * counties a site reaches depends on the radius, so that layer's sites are placed again; facilities are not
   * located again). Every county is re-scored at the next report().
   */
  setParams(partial: ParamOverrides): void {
    const before = this.params;
    const next = resolveParams(
      this.input.ruleSet,
      { ...before, ...partial, urban: { ...before.urban, ...partial.urban } },
      this.city,
    );
    this.params = next;
    if (next.cellSizeM !== before.cellSizeM)
      for (const s of this.states.values()) s.coverage.setCellSize(next.cellSizeM);
    if (!sameUrban(next.urban, before.urban)) this.setUrban();
    const layers = this.layerDefs();
    const changed = layers.filter(
      (l, i) => next.crossBorder !== before.crossBorder || l.radiusKm !== this.layers[i].radiusKm,
    );
    this.layers = layers;
    if (changed.length > 0) {
      const keys = new Set(changed.map((l) => l.key));
      if (next.crossBorder || before.crossBorder) {
        for (const s of this.states.values()) {
          for (const k of keys) s.coverage.clearLayer(k);
          s.coverage.setLayers(layers);
        }
        for (const f of this.facilities.values()) {
          this.painted.set(
            f.id,
            (this.painted.get(f.id) ?? []).filter((p) => !keys.has(p.key)),
          );
          this.paint(f, changed);
        }
      } else {
        for (const s of this.states.values()) s.coverage.setLayers(layers);
      }
    }
    for (const s of this.states.values()) s.result = undefined;
  }

  private coverage(s: CountyState, rule: CoverageRule): CoverageResult {
    const part = rule.area;
    const main = this.layers.find((l) => l.main && l.rule === rule) as Layer;
    const cov = s.coverage;
    const stats = cov.stats(main.key, part);
    const gaps: GapFeature[] =
      stats.areaKm2 > 0 && stats.uncoveredKm2 > 0
        ? cov.gaps(main.key, part).map((g) => ({
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
      const st = cov.stats(l.key, part);
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
        (d) => cov.contains(d.lon, d.lat) && this.isUrbanAt(d.lon, d.lat, s.props) === (rule.area === "urban"),
      );
      const { covered, total, weightCovered, weightTotal } = demandCoverage(pts, cov.sites(main.key));
      out.demand = { covered, total, weightCovered, weightTotal };
    }
    return out;
  }

  private isUrbanAt(lon: number, lat: number, county: CountyProps | undefined): boolean {
    return isUrbanPoint(lon, lat, county, this.input.counties.features, this.params.urban);
  }

  /** Urban by the facility's codes where they decide (街道 / 乡 / 村委会), else by its position. */
  private isUrbanFacility(f: Facility): boolean {
    const byCode = urbanByCode(f, this.kinds);
    if (byCode !== undefined) return byCode;
    const loc = this.located.get(f.id);
    return this.isUrbanAt(f.lon, f.lat, loc ? this.states.get(loc)?.props : undefined);
  }

  private score(
    s: CountyState,
    byHome: Map<string, Facility[]>,
    byLocated: Map<string, Facility[]>,
    byCity: Map<string, Facility[]>,
  ): void {
    const code = s.props.code;
    const pop = this.input.population?.find((p) => p.code === code);
    const rules = this.input.ruleSet.rules;
    const base = {
      code,
      name: s.props.name,
      areaKm2: s.coverage.grid.areaKm2,
      ...(pop ? { population: pop.population } : {}),
      urbanAreaKm2: s.coverage.urbanAreaKm2,
    };
    if (!inScope(this.input.ruleSet, s.props)) {
      const note = this.input.ruleSet.scope?.note ?? SCOPE.allJudged();
      const message = SCOPE.outOfScope(note, s.props.name);
      s.result = {
        report: {
          ...base,
          inScope: false,
          checks: rules.map((r) => ({ rule: r.id, status: "out-of-scope", message })),
        },
        violations: [],
        gaps: [],
        qualifying: [],
        townships: [],
      };
      return;
    }
    const ctx: CountyContext = {
      props: s.props,
      facilities: byHome.get(code) ?? [],
      located: byLocated.get(code) ?? [],
      population: pop,
      divisions: this.input.divisions?.counties.find((c) => c.code === code),
      kinds: this.kinds,
      unitPopulation: this.unitPopulation,
      staffing: this.input.staffing?.find((r) => r.code === code),
      cityFacilities: byCity.get(s.props.city) ?? [],
      params: this.params,
      isUrban: (f) => this.isUrbanFacility(f),
      coverage: (rule) => this.coverage(s, rule),
    };
    const checks = [];
    const violations: Violation[] = [];
    const gaps: GapFeature[] = [];
    const qualifying: RuleOutcome["qualifying"] = [];
    for (const rule of rules) {
      const o = evaluateRule(rule, ctx);
      checks.push(o.check);
      violations.push(...o.violations);
      gaps.push(...o.gaps);
      qualifying.push(...o.qualifying);
    }
    const ems = this.emsPoints(s);
    const divisions = ctx.divisions;
    const townships = divisions
      ? townshipRows({
          county: s.props,
          divisions,
          facilities: ctx.facilities,
          unitPopulation: this.unitPopulation,
          villagePoints: this.villagePoints,
          ems,
        })
      : [];
    s.result = { report: { ...base, inScope: true, checks }, violations, gaps, qualifying, townships };
  }

  /** Facilities by home county, for every county (the city row reads all of them). */
  private facilitiesByHome(): Map<string, Facility[]> {
    const m = new Map<string, Facility[]>();
    for (const f of this.facilities.values()) {
      const h = this.home(f);
      if (h) pushTo(m, h, f);
    }
    return m;
  }

  /**
   * The EMS points a county's network counts for the township view: its own eligible points, or with crossBorder
   * every eligible point within the largest radius of the county; and the radii of the EMS layers.
   */
  private emsPoints(s: CountyState): { radii: number[]; points: Facility[] } {
    const main = this.layers.filter((l) => l.main);
    if (main.length === 0) return { radii: [], points: [] };
    const radii = [...new Set(this.layers.map((l) => l.radiusKm))].sort((a, b) => a - b);
    const reach = expandBBox(s.bbox, radii[radii.length - 1]);
    const points = [...this.facilities.values()].filter(
      (f) =>
        main.some((l) => this.eligible(l, f)) &&
        (this.params.crossBorder ? inBBox(f.lon, f.lat, reach) : this.home(f) === s.props.code),
    );
    return { radii, points };
  }

  report(): AnalysisReport {
    const dirty = this.order.filter((c) => !this.state(c).result);
    this.rescored = dirty;
    const byHome = this.facilitiesByHome();
    if (dirty.length > 0) {
      const byLocated = new Map<string, Facility[]>();
      const byCity = new Map<string, Facility[]>();
      const wanted = new Set(dirty);
      for (const f of this.facilities.values()) {
        const l = this.located.get(f.id);
        if (l && wanted.has(l)) pushTo(byLocated, l, f);
        const h = this.home(f);
        const city = h ? this.states.get(h)?.props.city : undefined;
        if (city) pushTo(byCity, city, f);
      }
      for (const c of dirty) this.score(this.state(c), byHome, byLocated, byCity);
    }
    const results = this.order.map((c) => this.state(c).result as NonNullable<CountyState["result"]>);
    const judged = this.order.filter((c) => this.state(c).result?.report.inScope);
    const context = this.order.filter((c) => !this.state(c).result?.report.inScope);
    const judgedProps = judged.map((c) => this.state(c).props);
    const city = cityReport(this.input, judgedProps, byHome);
    return {
      ruleSetId: this.input.ruleSet.id,
      params: this.params,
      urbanDefinitionUsed: describeUrban(this.params.urban),
      emsNetworkUsed: SCOPE.network(this.params.crossBorder),
      scope: { judged, context, note: this.input.ruleSet.scope?.note ?? SCOPE.allJudged() },
      ...(city ? { city } : {}),
      townships: results.flatMap((r) => r.townships),
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

  work(): CoverageWork {
    const total: CoverageWork = { grids: 0, masks: 0, paints: 0 };
    for (const s of this.states.values()) {
      total.grids += s.coverage.work.grids;
      total.masks += s.coverage.work.masks;
      total.paints += s.coverage.work.paints;
    }
    return total;
  }
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
