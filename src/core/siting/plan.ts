import type { Feature, MultiPolygon, Polygon } from "geojson";
import { buildCountyGrid, type CountyGrid } from "../coverage";
import { pointInPolygon } from "../geo";
import type { CountyPopulation, CountyProps, Facility, FacilityType } from "../model";
import { emsNetworkPointTypes } from "../rules/ems-network";
import { isPublic } from "../rules/helpers";
import { subCountBand } from "../rules/kinds/count-by-population-band";
import { COUNT_BY_POPULATION_BAND } from "../rules/messages";
import type { Rule, RuleSet } from "../rules/schema";
import type { RoadInput } from "../rules/travel";
import type { AnalysisParams } from "../rules/types";
import { geodesicKm } from "./distance";
import { candidatesFromGrid, demandFromGrid } from "./grid-adapter";
import type { Candidate, DemandPoint, SitingObjective, SitingProblem, SitingResult, SitingStatus } from "./types";

/** A county boundary feature as carried by geodata/counties-<city>.geojson. */
export type CountyFeature = Feature<Polygon | MultiPolygon, CountyProps>;

/** Input of {@link buildCountySitingProblem}. */
export interface CountySitingInput {
  county: CountyFeature;
  /** All facilities; those of `type` belonging to this county are the fixed existing sites. */
  facilities: Facility[];
  /** Facility type being sited (e.g. "ems-station"). */
  type: FacilityType;
  /** The types whose facilities are the existing sites (default `type` alone): an EMS network's, as its check counts. */
  existingTypes?: ReadonlySet<FacilityType>;
  /** Coverage radius, km (geodesic, inclusive). */
  radiusKm: number;
  objective: SitingObjective;
  /** Candidate sites; only those inside the county polygon are used. Default: a grid every `gridKm`. */
  candidates?: Candidate[];
  /** Spacing of grid candidates, km (default 2); ignored when `candidates` is given. */
  gridKm?: number;
  /** New sites at least this far apart, km (geodesic). */
  minSeparationKm?: number;
  /** Coverage grid cell size, m (default 250). */
  cellSizeM?: number;
  /** Side of demand blocks, m (default 1000). */
  blockM?: number;
  /** Extra exclusion (e.g. too close to sites already chosen in a neighbouring county); returns a reason or null. */
  exclude?: (c: Candidate) => string | null;
  /**
   * Weighted demand points (e.g. villages with their population); those inside the county replace the area cells
   * as the demand. Absent or none inside: the county's area, in blocks, weighted by km².
   */
  demand?: DemandPoint[];
}

/** A siting problem for one county plus what it was built from. */
export interface CountySitingProblem {
  code: string;
  name: string;
  problem: SitingProblem;
  grid: CountyGrid;
  /** Existing facilities of the sited type counted as fixed sites. */
  existing: Facility[];
  /** Sum of demand weights (km² of county area with the default weight). */
  totalWeight: number;
  /**
   * "area": the county's grid cells in blocks (weighted by km²); "points": the given demand points inside it;
   * "people": the grid's blocks weighted by a population raster; "travel": 1 km cells covered by travel time
   * (siting/travel-siting.ts). "area" and "travel" are re-measured on the checks' grid by solveCountySiting.
   */
  demandKind: "area" | "points" | "people" | "travel";
  /** "travel" demand weighted by a population raster's people rather than by area. */
  peopleWeighted?: boolean;
  /**
   * "travel" demand: what the EMS-TIME check measures the answer with on `grid` (solveCountySiting re-measures the
   * sites there): the roads, the limit, and the people per cell of `grid` where the check weights by people.
   */
  travelCheck?: { roads: RoadInput; limitMinutes: number; population?: ArrayLike<number> };
}

/**
 * Whether facility `f` belongs to `county`: its `county` code when set, else the polygon it lies in.
 */
export function belongsToCounty(f: Facility, county: CountyFeature): boolean {
  if (f.county !== undefined) return f.county === county.properties.code;
  return pointInPolygon(f.lon, f.lat, county.geometry);
}

/**
 * Builds the siting problem of one county: demand = the county's grid cells (default 250 m)
 * aggregated to blocks (default 1 km) weighted by area in km²; existing = facilities of `type`
 * belonging to the county; candidates = the given ones inside the county polygon, or a grid every
 * `gridKm` km (default 2) at inside cells.
 */
export function buildCountySitingProblem(input: CountySitingInput): CountySitingProblem {
  const { county } = input;
  const code = county.properties.code;
  const grid = buildCountyGrid(county, { cellSizeM: input.cellSizeM });
  const points = input.demand?.filter((d) => pointInPolygon(d.lon, d.lat, county.geometry)) ?? [];
  const demand: DemandPoint[] = points.length > 0 ? points : demandFromGrid(grid, { blockM: input.blockM ?? 1000 });
  const types = input.existingTypes ?? new Set([input.type]);
  const existing = input.facilities.filter((f) => types.has(f.type) && belongsToCounty(f, county));
  const candidates = input.candidates
    ? input.candidates.filter((c) => pointInPolygon(c.lon, c.lat, county.geometry)).map((c) => ({ ...c, county: code }))
    : candidatesFromGrid(grid, input.gridKm ?? 2);
  const problem: SitingProblem = {
    demand,
    candidates,
    existing: existing.map((f) => ({ id: f.id, lon: f.lon, lat: f.lat })),
    radiusKm: input.radiusKm,
    objective: input.objective,
  };
  if ((input.minSeparationKm ?? 0) > 0 || input.exclude) {
    problem.constraints = {
      ...((input.minSeparationKm ?? 0) > 0 ? { minSeparationKm: input.minSeparationKm } : {}),
      ...(input.exclude ? { exclude: input.exclude } : {}),
    };
  }
  let totalWeight = 0;
  for (const d of demand) totalWeight += d.weight;
  const demandKind = points.length > 0 ? "points" : "area";
  return { code, name: county.properties.name, problem, grid, existing, totalWeight, demandKind };
}

const STATUS_ORDER: SitingStatus[] = ["optimal", "heuristic", "time-limit", "infeasible"];

/** The worse of two statuses: infeasible > time-limit > heuristic > optimal. */
export function worseStatus(a: SitingStatus, b: SitingStatus): SitingStatus {
  return STATUS_ORDER.indexOf(a) >= STATUS_ORDER.indexOf(b) ? a : b;
}

/** One county's result with the weight it was computed over. */
export interface CountySitingOutcome {
  code: string;
  name: string;
  result: SitingResult;
  totalWeight: number;
}

/**
 * An exclusion predicate rejecting candidates closer than `minSeparationKm` (geodesic, strict <) to any
 * of `chosen`, so that counties solved one after another keep their new sites apart across borders.
 */
export function separationExclusion(
  chosen: Array<{ lon: number; lat: number; candidateId?: string }>,
  minSeparationKm: number,
): (c: Candidate) => string | null {
  return (c) => {
    for (const s of chosen) {
      const d = geodesicKm(c.lon, c.lat, s.lon, s.lat);
      if (d < minSeparationKm)
        return `${d.toFixed(2)} km from new site ${s.candidateId ?? ""} of a county solved earlier, less than ${minSeparationKm} km`;
    }
    return null;
  };
}

/** Totals over several independently solved counties. */
export interface CombinedSiting {
  status: SitingStatus;
  method: "exact" | "greedy" | "mixed";
  /** MCLP: newly covered weight summed; LSCP: new sites summed. */
  objective: number;
  /** Sum of the counties' bounds, when every county has one. */
  bound?: number;
  gap?: number;
  coveredShareBefore: number;
  coveredShareAfter: number;
  /** Every county's sites merged by decreasing gain, with their county code. */
  sites: Array<SitingResult["sites"][number] & { county: string; countyName: string }>;
  /** Covered share of the total weight after the first k merged sites. */
  curve: Array<{ k: number; coveredShare: number }>;
  timeMs: number;
}

/**
 * Combines per-county results: shares weighted by each county's total weight, sites merged by
 * decreasing gain (counties are independent, so each site's gain stays its marginal gain), `gainShare`
 * re-expressed over the combined weight, status the worst over counties.
 */
export function combineCountyResults(outcomes: CountySitingOutcome[]): CombinedSiting {
  let W = 0;
  let before = 0;
  let after = 0;
  let objective = 0;
  let bound: number | undefined = 0;
  let timeMs = 0;
  let status: SitingStatus = "optimal";
  const methods = new Set<string>();
  const sites: CombinedSiting["sites"] = [];
  for (const o of outcomes) {
    const r = o.result;
    W += o.totalWeight;
    before += r.coveredShareBefore * o.totalWeight;
    after += r.coveredShareAfter * o.totalWeight;
    objective += r.objective;
    bound = bound !== undefined && r.bound !== undefined ? bound + r.bound : undefined;
    timeMs += r.timeMs;
    status = worseStatus(status, r.status);
    methods.add(r.method);
    for (const s of r.sites) sites.push({ ...s, county: o.code, countyName: o.name });
  }
  sites.sort((a, b) => b.gain - a.gain);
  const share = (w: number) => (W > 0 ? w / W : 0);
  for (const s of sites) s.gainShare = share(s.gain);
  const curve = [{ k: 0, coveredShare: share(before) }];
  let acc = before;
  sites.forEach((s, i) => {
    acc += s.gain;
    curve.push({ k: i + 1, coveredShare: share(acc) });
  });
  const out: CombinedSiting = {
    status,
    method:
      methods.size === 1 ? (methods.values().next().value as "exact" | "greedy") : outcomes.length ? "mixed" : "greedy",
    objective,
    coveredShareBefore: share(before),
    coveredShareAfter: share(after),
    sites,
    curve,
    timeMs,
  };
  if (bound !== undefined && outcomes.length > 0) {
    out.bound = bound;
    const d = Math.max(Math.abs(bound), Math.abs(objective));
    out.gap = d > 0 ? Math.abs(bound - objective) / d : 0;
  }
  return out;
}

/** How many new sub-centres a county may get under SUB-COUNT, and why (shown with the suggestion). */
export interface SubCentreCap {
  /** Largest number of new sub-centres; absent when the plan sets no range for this county. */
  maxNew?: number;
  existing: number;
  note: { zh: string; en: string };
  /**
   * Without a population, where the highest band allows more than the per-county reading (003:143's 1–2 a county):
   * how many new ones that reading allows, and its words for a site beyond them (the planner trial, s53d M3: 邓州市's
   * three suggested upgrades, one click from being adopted, beyond 1~2).
   */
  perCounty?: { maxNew: number; beyond: { zh: string; en: string } };
}

/**
 * The SUB-COUNT cap on new sub-centres in a county: the band's maximum (003:213 by population, or 003:143's
 * 1–2 per county) minus the public sub-centres it already has. No cap when the rule set has no SUB-COUNT, the
 * population is unknown, or the band is not stated; the note then says why.
 */
export function subCentreCap(
  ruleSet: RuleSet,
  county: CountyFeature,
  facilities: Facility[],
  population: CountyPopulation[] | undefined,
  variant: AnalysisParams["subCountVariant"],
  /** Which existing sub-centres count (SUB-COUNT counts only those meeting SUB-15KM); default all public ones. */
  counts: (f: Facility) => boolean = () => true,
): SubCentreCap {
  const rule = ruleSet.rules.find(
    (r): r is Rule & { kind: "count-by-population-band" } => r.kind === "count-by-population-band",
  );
  if (!rule) return { existing: 0, note: COUNT_BY_POPULATION_BAND.noRule() };
  if (county.properties.kind === "district" && !rule.units.districts)
    return { existing: 0, note: COUNT_BY_POPULATION_BAND.perCountyNotForDistricts() };
  const existing = facilities.filter(
    (f) => rule.appliesTo.includes(f.type) && isPublic(f) && belongsToCounty(f, county) && counts(f),
  ).length;
  const pop = population?.find((p) => p.code === county.properties.code)?.population;
  const band = subCountBand(rule, county.properties.kind, pop, variant);
  if (band.kind === "needs-data" && rule.params.bands.length > 0) {
    // no population: no more than the highest band allows, whatever the population (both readings said)
    const lo = Math.min(...rule.params.bands.map((b) => b.countMin));
    const hi = Math.max(...rule.params.bands.map((b) => b.countMax));
    const perCounty =
      county.properties.kind === "district" && !rule.params.perCountyIncludesDistricts
        ? undefined
        : ([rule.params.perCounty.countMin, rule.params.perCounty.countMax] as [number, number]);
    const maxNew = Math.max(0, hi - existing);
    const perCountyNew = perCounty ? Math.max(0, perCounty[1] - existing) : undefined;
    return {
      maxNew,
      existing,
      note: COUNT_BY_POPULATION_BAND.capWithoutPopulation([lo, hi], perCounty, existing, maxNew),
      ...(perCounty && perCountyNew !== undefined && perCountyNew < maxNew
        ? { perCounty: { maxNew: perCountyNew, beyond: COUNT_BY_POPULATION_BAND.beyondPerCounty(perCounty) } }
        : {}),
    };
  }
  if (band.kind !== "range") return { existing, note: band.message };
  const maxNew = Math.max(0, band.range[1] - existing);
  return { maxNew, existing, note: COUNT_BY_POPULATION_BAND.cap(band.why, band.range, existing, maxNew) };
}

/**
 * The types whose facilities are a siting's existing sites: for an EMS centre or station, the points of the rule
 * set's EMS network as its checks count them ({@link emsNetworkPointTypes}: EMS-RURAL's types, else EMS-URBAN's — 120
 * centres, and in 004's network the THCs —, and 002:201's 急救点, 南宫's THCs and CHCs, with its hubs); for any other
 * type, that type (the GIS trial: siting a 急救站 in 杞县 left out its 120 centre and proposed a station 3 km from it,
 * 69.6 % "before" where the check said 86.9 %; the user trial: 南宫's 16 THCs and CHCs, 急救点 by 002:201, were left
 * out and 2 stations filled gaps they cover).
 */
export function existingSiteTypes(ruleSet: RuleSet, type: FacilityType): ReadonlySet<FacilityType> {
  if (type !== "ems-centre" && type !== "ems-station") return new Set([type]);
  return new Set<FacilityType>([type, ...emsNetworkPointTypes(ruleSet).types]);
}
