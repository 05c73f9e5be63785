import type { WeightedDemandPoint } from "../model";

/** A demand point (a grid cell, a village, …) whose weight (e.g. population) should be covered; see core/model. */
export type DemandPoint = WeightedDemandPoint;

/** A place where a new facility could be sited. */
export interface Candidate {
  id: string;
  lon: number;
  lat: number;
  /** 6-digit county code, used by per-county min / max constraints. */
  county?: string;
  attrs?: Record<string, unknown>;
}

/** An existing facility: fixed, its coverage counts as already covered. */
export interface ExistingSite {
  id: string;
  lon: number;
  lat: number;
}

/**
 * MCLP: choose at most `k` new sites maximising newly covered weight.
 * LSCP: choose the fewest new sites such that the covered share of the total weight
 * (existing + new coverage) is ≥ `targetShare` (0..1, inclusive).
 */
export type SitingObjective = { kind: "mclp"; k: number } | { kind: "lscp"; targetShare: number };

/** Constraints on new sites: separation, per-county minimum and maximum counts, excluded candidates. */
export interface SitingConstraints {
  /** New sites must be at least this far apart (geodesic km, d ≥ minSeparationKm is allowed). */
  minSeparationKm?: number;
  /** At most this many new sites per county code (inclusive). */
  perCountyMax?: Record<string, number>;
  /** At least this many new sites per county code (inclusive). */
  perCountyMin?: Record<string, number>;
  /** Returns a reason when a candidate may not be used, or null when it may. */
  exclude?: (c: Candidate) => string | null;
}

/**
 * A coverage relation computed elsewhere (e.g. travel time on roads, `travelTimeCoverage`), used instead of the
 * radius: row r of `cover` lists the demand indices candidate r covers (ascending), `coveredBefore` marks the demand
 * the existing sites already cover.
 */
export interface GivenCoverage {
  /** What "covered" means, for messages: within this many minutes of travel. */
  limitMinutes: number;
  cover: { start: Int32Array; index: Int32Array };
  coveredBefore: Uint8Array;
}

/** A siting problem: weighted demand, candidate and existing sites, the coverage radius, objective and constraints. */
export interface SitingProblem {
  demand: DemandPoint[];
  candidates: Candidate[];
  existing: ExistingSite[];
  /**
   * Coverage radius: a demand point is covered when its geodesic distance to a site is ≤ radiusKm (inclusive).
   * Not used (and not checked) when `coverage` is given.
   */
  radiusKm: number;
  /** A coverage relation given in full (travel time); the radius is then not used. */
  coverage?: GivenCoverage;
  objective: SitingObjective;
  constraints?: SitingConstraints;
}

/** optimal, heuristic (greedy), time-limit (best found when the solver stopped) or infeasible. */
export type SitingStatus = "optimal" | "time-limit" | "infeasible" | "heuristic";

/** One chosen new site, in the order that gives the largest marginal gain first. */
export interface SitingSite {
  candidateId: string;
  lon: number;
  lat: number;
  /** Weight newly covered by this site given the sites listed before it (and the existing ones). */
  gain: number;
  /** `gain` as a share (0..1) of the total demand weight. */
  gainShare: number;
}

/** The chosen sites with their gains, coverage before and after, the curve, bounds and what was excluded. */
export interface SitingResult {
  method: "exact" | "greedy";
  status: SitingStatus;
  statusMessage: { zh: string; en: string };
  /**
   * MCLP: weight newly covered by the new sites (existing coverage excluded).
   * LSCP: number of new sites.
   */
  objective: number;
  /**
   * MCLP: an upper bound on the optimal objective. LSCP: a lower bound on the optimal number of sites.
   * Absent when nothing is known.
   */
  bound?: number;
  /** Relative gap |bound − objective| / max(|objective|, tiny), when a bound is known. */
  gap?: number;
  /** Share (0..1) of total demand weight covered by existing sites alone. */
  coveredShareBefore: number;
  /** Share (0..1) of total demand weight covered by existing plus new sites. */
  coveredShareAfter: number;
  sites: SitingSite[];
  /** Covered share after adding the first k listed sites, k = 0..sites.length. */
  curve: Array<{ k: number; coveredShare: number }>;
  /** Candidates removed by the `exclude` predicate, with their reasons. */
  excluded: Array<{ candidateId: string; reason: string }>;
  /** Wall time of the whole call, milliseconds. */
  timeMs: number;
  /** Exact method: the model's size before and after reduction, and where the answer and bound came from. */
  model?: SitingModelInfo;
}

/** How an exact run went: sizes of the reduced model and the source of the solution and of the bound. */
export interface SitingModelInfo {
  /** Open demand points some candidate covers, and rows after merging identical covering sets. */
  demandPoints: number;
  rows: number;
  /** Candidates covering some open demand, columns after dropping dominated candidates, and how many were dropped. */
  candidates: number;
  columns: number;
  dominated: number;
  /** Objective of the greedy start and after local search (MCLP; weight newly covered). */
  greedyObjective?: number;
  localSearchObjective?: number;
  /**
   * Lagrangian upper bound (MCLP), after reduced-cost fixing (see `fixedByBound`): the larger of the local-search
   * value and the bound of the model without the fixed candidates, when that is the smaller.
   */
  lagrangianBound?: number;
  /**
   * Candidates left out of the MIP because the Lagrangian bound with that candidate forced in is below the
   * local-search value (reduced-cost fixing; the MIP then still holds every solution at least that good).
   */
  fixedByBound?: number;
  /** Whether HiGHS ran (false when the bounds already closed the gap). */
  highsRan: boolean;
  /**
   * HiGHS's own dual bound, when it ran and reported one; on the model after fixing, so it bounds the solutions at
   * least as good as the local search's (the result's `bound` is never below the answer).
   */
  highsBound?: number;
  /** Milliseconds spent in local search, the Lagrangian bound and HiGHS. */
  ms: { localSearch: number; lagrangian: number; highs: number };
}

/** Thrown for malformed problems (non-finite coordinates, negative weights, …); names the array, index and field. */
export class SitingInputError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(
      `invalid siting problem: ${problems.slice(0, 5).join("; ")}${problems.length > 5 ? ` (+${problems.length - 5} more)` : ""}`,
    );
    this.name = "SitingInputError";
    this.problems = problems;
  }
}
