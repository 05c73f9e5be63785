import type { MultiPolygon, Polygon } from "geojson";
import { CountyCoverage, type CoverageWork } from "../coverage/county-coverage";
import { demandCoverage } from "../coverage/demand-coverage";
import { cropPopulationRaster, type PopulationRaster } from "../io/raster";
import { type CountyProps, type Facility, gradeRank } from "../model";
import type { CountyContext, CoverageResult, RuleOutcome } from "./context";
import { evaluateRule } from "./evaluate";
import { type BBox, bboxOf, expandBBox, inBBox } from "./helpers";
import { resolveParams } from "./params";
import type { Rule } from "./schema";
import {
  CountyTravel,
  populationCover,
  type RoadInput,
  TRAVEL_MARGIN_KM,
  type TravelResult,
  type TravelWork,
} from "./travel";
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

type CoverageRule = Rule & { kind: "radius-coverage" };
type TravelRule = Rule & { kind: "travel-time" };

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
  travel: CountyTravel;
  result?: { report: CountyReport; violations: Violation[]; gaps: GapFeature[]; qualifying: RuleOutcome["qualifying"] };
}

function sameUrban(a: AnalysisParams["urban"], b: AnalysisParams["urban"]): boolean {
  return a.districts === b.districts && (a.seatRadiusKm ?? 0) === (b.seatRadiusKm ?? 0) && a.polygons === b.polygons;
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
  private roads: RoadInput | null;

  constructor(input: AnalysisInput) {
    this.input = input;
    this.params = resolveParams(input.ruleSet, input.params);
    this.roads = input.roads ?? null;
    for (const feature of input.counties.features) {
      const code = feature.properties.code;
      if (this.states.has(code)) throw new Error(`duplicate county code ${code} in the boundaries`);
      this.order.push(code);
      this.states.set(code, {
        props: feature.properties,
        bbox: bboxOf(feature.geometry),
        coverage: new CountyCoverage(feature, this.params.cellSizeM),
        travel: new CountyTravel(),
      });
    }
    if (input.populationRaster) this.setPopulationRaster(input.populationRaster);
    this.setUrban();
    this.layers = this.layerDefs();
    for (const s of this.states.values()) s.coverage.setLayers(this.layers);
    for (const f of input.facilities) this.insert(f);
  }

  /** Urban areas for display and the urban/rural masks of every county. */
  private setUrban(): void {
    const urban = this.params.urban;
    this.urbanAreas = urbanAreaFeatures(this.input.counties.features, urban);
    const seats = urbanAreaFeatures(this.input.counties.features, { ...urban, polygons: [] })
      .filter((a) => a.properties.source === "seat")
      .map((a) => ({ geometry: a.geometry, bbox: bboxOf(a.geometry) }));
    for (const s of this.states.values()) {
      if (urban.districts && s.props.kind === "district") {
        s.coverage.setUrban("all");
        continue;
      }
      const polys: Array<Polygon | MultiPolygon> = seats
        .filter((a) => boxesMeet(a.bbox, s.bbox))
        .map((a) => a.geometry);
      for (const g of urban.polygons ?? []) polys.push(g);
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
    this.markTravelReach(f);
  }

  /** With cross-border cover and roads, the counties whose travel times a travel-time rule's site reaches. */
  private markTravelReach(f: Facility): void {
    if (!this.roads || !this.params.crossBorder) return;
    if (!this.travelRules().some((r) => r.appliesTo.includes(f.type))) return;
    for (const s of this.states.values())
      if (inBBox(f.lon, f.lat, expandBBox(s.bbox, TRAVEL_MARGIN_KM))) s.result = undefined;
  }

  private travelRules(): TravelRule[] {
    return this.input.ruleSet.rules.filter((r): r is TravelRule => r.kind === "travel-time");
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
    this.markTravelReach(f);
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
  setParams(partial: Partial<AnalysisParams>): void {
    const before = this.params;
    const next = resolveParams(this.input.ruleSet, { ...before, ...partial });
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

  setRoads(roads: RoadInput | null): void {
    this.roads = roads;
    for (const s of this.states.values()) {
      s.travel.reset();
      s.result = undefined;
    }
  }

  setPopulationRaster(raster: PopulationRaster | null): void {
    for (const s of this.states.values()) {
      s.coverage.setPopulation(raster ? (cropPopulationRaster(raster, s.bbox) ?? null) : null);
      s.result = undefined;
    }
  }

  /**
   * A travel-time rule in one county: times from the rule's EMS points (the county's own, or with `crossBorder` every
   * one within {@link TRAVEL_MARGIN_KM} of it), weighted by the population grid when there is one.
   */
  private travel(s: CountyState, rule: TravelRule): TravelResult | null {
    const roads = this.roads;
    if (!roads) return null;
    const code = s.props.code;
    const reach = expandBBox(s.bbox, TRAVEL_MARGIN_KM);
    const sites = [];
    for (const f of this.facilities.values()) {
      if (!rule.appliesTo.includes(f.type)) continue;
      if (this.params.crossBorder ? !inBBox(f.lon, f.lat, reach) : this.home(f) !== code) continue;
      sites.push({ id: f.id, lon: f.lon, lat: f.lat });
    }
    const limit = rule.params.maxMinutes.value;
    const grid = s.coverage.grid;
    return s.travel.result(grid, roads, rule.id, sites, limit, s.coverage.population?.population);
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
    const people = populationCover(cov.populationStats(main.key, part));
    if (people) out.population = people;
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
      travel: (rule) => this.travel(s, rule),
    };
    s.travel.beginScore();
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
        areaKm2: s.coverage.grid.areaKm2,
        ...(pop ? { population: pop.population } : {}),
        urbanAreaKm2: s.coverage.urbanAreaKm2,
        checks,
      },
      violations,
      gaps,
      qualifying,
    };
  }

  report(opts: { isochrones?: boolean } = {}): AnalysisReport {
    const dirty = this.order.filter((c) => !this.state(c).result);
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
      for (const c of dirty) this.score(this.state(c), byHome, byLocated);
    }
    const results = this.order.map((c) => this.state(c).result as NonNullable<CountyState["result"]>);
    if (this.roads && opts.isochrones !== false)
      for (const s of this.states.values()) s.travel.drawIsochrones(s.coverage.grid);
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
      ...(this.roads ? { isochrones: this.order.flatMap((c) => this.state(c).travel.isochrones) } : {}),
    };
  }

  lastRescored(): string[] {
    return [...this.rescored];
  }

  travelWork(): TravelWork {
    const total: TravelWork = { builds: 0, computes: 0, moves: 0 };
    for (const s of this.states.values()) {
      total.builds += s.travel.work.builds;
      total.computes += s.travel.work.computes;
      total.moves += s.travel.work.moves;
    }
    return total;
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
