import type { Polygon } from "geojson";
import type { CountyCoverage } from "../coverage/county-coverage";
import { demandCoverage } from "../coverage/demand-coverage";
import { geodesicDistanceKm } from "../geo";
import { type CountyProps, type DemandPoint, type Facility, GRADED_TYPES, gradeRank } from "../model";
import type { CoverageResult, NearestPoint, NeighbourPoint } from "./context";
import { type BBox, bboxOf, expandBBox, inBBox } from "./helpers";
import type { Rule, RuleSet } from "./schema";
import { populationCover } from "./travel";
import type { AnalysisParams, GapDiscs, GapFeature, RingStat } from "./types";

// The analysis session's coverage layers and the pure helpers it scores with (kept apart so session.ts holds the
// incremental bookkeeping only).

export type CoverageRule = Rule & { kind: "radius-coverage" };

/** One coverage layer: the sites of one EMS rule at one radius (the rule's own, or a range end drawn as a ring). */
export interface Layer {
  key: string;
  rule: CoverageRule;
  radiusKm: number;
  main: boolean;
}

/**
 * The layers of a rule set's radius-coverage rules at the parameters' radii, with EMS-RURAL's range ends, and the
 * plan's single limit where another radius is chosen.
 */
export function layerDefs(ruleSet: RuleSet, params: AnalysisParams): Layer[] {
  const out: Layer[] = [];
  for (const rule of ruleSet.rules) {
    if (rule.kind !== "radius-coverage") continue;
    const r = rule.area === "urban" ? params.urbanRadiusKm : params.ruralRadiusKm;
    out.push({ key: rule.id, rule, radiusKm: r, main: true });
    const { min, max, value } = rule.params.radiusKm;
    if (rule.area === "rural") {
      const ends = [min, max].filter((x): x is number => x !== undefined);
      for (const e of new Set(ends)) out.push({ key: `${rule.id}@${e}`, rule, radiusKm: e, main: false });
    }
    // a radius other than a plan's single limit is a scenario: the plan's own figure is measured beside it (the
    // reviewer trial, s45: 宜春 at 25 km read 49.1 km² short under 004:439's 20 km, where 20 km left 154.1 km²)
    if (min === undefined && max === undefined && r !== value)
      out.push({ key: `${rule.id}@${value}`, rule, radiusKm: value, main: false });
  }
  return out;
}

/**
 * Which facilities the rule set's radius rules count as EMS points, in the urban and in the rural area (types, and for
 * hospitals the rule's minimum grade): the points the map and the exports draw a service ring round (the EMS planner
 * trial, s53 M1: 004:439's township health centres counted in the rural network had no ring).
 */
export function emsRingPoints(ruleSet: RuleSet): { urban: (f: Facility) => boolean; rural: (f: Facility) => boolean } {
  const layers = ruleSet.rules.flatMap((rule): Layer[] =>
    rule.kind === "radius-coverage" ? [{ key: rule.id, rule, radiusKm: 0, main: true }] : [],
  );
  const test = (area: "urban" | "rural") => {
    const mine = layers.filter((l) => l.rule.area === area);
    return (f: Facility) => mine.some((l) => eligible(l, f));
  };
  return { urban: test("urban"), rural: test("rural") };
}

/** Whether a facility counts as a site of layer `l` (its type, and for hospitals the rule's minimum grade). */
export function eligible(l: Layer, f: Facility): boolean {
  if (!l.rule.appliesTo.includes(f.type)) return false;
  if (GRADED_TYPES.has(f.type)) {
    const min = l.rule.params.supportHospitalMinGrade;
    if (!min) return true;
    return (gradeRank(f.grade) ?? -1) >= (gradeRank(min) ?? 0);
  }
  return true;
}

/**
 * Coverage of one radius rule over its part (urban or rural) of a county: shares, gaps, the range ends' rings, the
 * people covered when the county has a population grid, and the demand points covered when any are given.
 */
export function coverageResult(
  cov: CountyCoverage,
  layers: readonly Layer[],
  rule: CoverageRule,
  demand: readonly DemandPoint[] | undefined,
  isUrbanAt: (lon: number, lat: number) => boolean,
  nameOf: (id: string) => string | undefined = () => undefined,
  outside?: OutsideNetwork,
): CoverageResult {
  const part = rule.area;
  const main = layers.find((l) => l.main && l.rule === rule) as Layer;
  const stats = cov.stats(main.key, part);
  const sites = stats.areaKm2 > 0 && stats.uncoveredKm2 > 0 ? cov.sites(main.key) : [];
  const marginKm = exactMarginKm(cov.grid.cellSizeM);
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
          discs: gapDiscs(g.geometry, sites, main.radiusKm, marginKm),
        }))
      : [];
  const rings: RingStat[] = [];
  for (const l of layers) {
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
    nearest: (lon, lat) => {
      let best: NearestPoint | undefined;
      for (const site of cov.sites(main.key)) {
        const d = geodesicDistanceKm(lon, lat, site.lon, site.lat);
        if (!best || d < best.distanceKm) best = { id: site.id, distanceKm: d };
      }
      const name = best && nameOf(best.id);
      return best && name !== undefined ? { ...best, name } : best;
    },
    ...(outside ? { neighbour: (lon: number, lat: number) => nearestOutside(main, outside, lon, lat) } : {}),
  };
  const people = populationCover(cov.populationStats(main.key, part));
  if (people) out.population = people;
  if (demand && demand.length > 0) {
    const pts = demand.filter((d) => cov.contains(d.lon, d.lat) && isUrbanAt(d.lon, d.lat) === (rule.area === "urban"));
    const { covered, total, weightCovered, weightTotal } = demandCoverage(pts, cov.sites(main.key));
    out.demand = { covered, total, weightCovered, weightTotal };
  }
  return out;
}

/**
 * What a county's coverage reads of the points its network leaves out (no cross-border cover): every facility of the
 * session, whether one counts in the county's network, and its home county.
 */
export interface OutsideNetwork {
  facilities(): Iterable<Facility>;
  inNetwork(f: Facility): boolean;
  home(f: Facility): CountyProps | undefined;
}

/**
 * The eligible point of layer `main` outside the network nearest to (lon, lat) whose disc reaches it (geodesic
 * distance ≤ the radius); undefined when none does. The radius's box round the point ({@link expandBBox}, as
 * {@link emsPoints} reaches) skips the far points before the geodesic.
 */
function nearestOutside(main: Layer, outside: OutsideNetwork, lon: number, lat: number): NeighbourPoint | undefined {
  const r = main.radiusKm;
  const reach = expandBBox([lon, lat, lon, lat], r);
  let best: { f: Facility; d: number } | undefined;
  for (const f of outside.facilities()) {
    if (!inBBox(f.lon, f.lat, reach) || !eligible(main, f) || outside.inNetwork(f)) continue;
    const d = geodesicDistanceKm(lon, lat, f.lon, f.lat);
    if (d <= r && (!best || d < best.d)) best = { f, d };
  }
  if (!best) return undefined;
  const home = outside.home(best.f);
  return {
    id: best.f.id,
    ...(best.f.name ? { name: best.f.name } : {}),
    distanceKm: best.d,
    ...(home ? { county: home.code, countyName: home.name } : {}),
  };
}

/**
 * The EMS points a county's network counts for the township view: its network's eligible points (`inNetwork`:
 * ems-network.ts), or with crossBorder every eligible point within the largest radius of the county; and the radii
 * of the EMS layers.
 */
export function emsPoints(
  bbox: BBox,
  layers: readonly Layer[],
  facilities: Iterable<Facility>,
  crossBorder: boolean,
  inNetwork: (f: Facility) => boolean,
): { radii: number[]; points: Facility[] } {
  const main = layers.filter((l) => l.main);
  if (main.length === 0) return { radii: [], points: [] };
  const radii = [...new Set(layers.map((l) => l.radiusKm))].sort((a, b) => a - b);
  const reach = expandBBox(bbox, radii[radii.length - 1]);
  // where first (a box or the network), then which layers (grades are parsed): the same points, in order
  const points: Facility[] = [];
  for (const f of facilities)
    if ((crossBorder ? inBBox(f.lon, f.lat, reach) : inNetwork(f)) && main.some((l) => eligible(l, f))) points.push(f);
  return { radii, points };
}

/**
 * How far beyond a gap's box its exact outline is looked for (km): four cells, and at least 1 km. The uncovered
 * ground round a gap of cells lies within a cell or so of its staircase; a sliver that strays further is cut there.
 */
export function exactMarginKm(cellSizeM: number): number {
  return Math.max(1, (4 * cellSizeM) / 1000);
}

/**
 * The {@link GapDiscs} of a gap: the centres of `sites` whose disc of `radiusKm` may reach its box widened by `marginKm`,
 * west to east.
 */
export function gapDiscs(
  gap: Polygon,
  sites: ReadonlyArray<{ lon: number; lat: number }>,
  radiusKm: number,
  marginKm: number,
): GapDiscs {
  const reach = expandBBox(expandBBox(bboxOf(gap), marginKm), radiusKm);
  // in order of position, not of the layer's sites (which follow the edits): a session gives what a fresh analysis does
  const near = sites.filter((s) => inBBox(s.lon, s.lat, reach)).sort((a, b) => a.lon - b.lon || a.lat - b.lat);
  return { radiusKm, marginKm, centres: near.flatMap((s) => [s.lon, s.lat]) };
}

export function sameUrban(a: AnalysisParams["urban"], b: AnalysisParams["urban"]): boolean {
  return (
    a.centralCityRadiusKm === b.centralCityRadiusKm &&
    a.countySeatRadiusKm === b.countySeatRadiusKm &&
    a.polygons === b.polygons
  );
}

/** Whether the rule set binds a county: the plan's city, and its listed counties when it lists them. */
export function inScope(ruleSet: RuleSet, county: CountyProps): boolean {
  const scope = ruleSet.scope;
  if (!scope) return true;
  return county.city === scope.city && (!scope.counties || scope.counties.includes(county.code));
}

export { boxesMeet } from "./helpers";

export function pushTo(m: Map<string, Facility[]>, key: string, f: Facility): void {
  const list = m.get(key);
  if (list) list.push(f);
  else m.set(key, [f]);
}
