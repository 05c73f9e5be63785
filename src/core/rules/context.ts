import type { CountyPopulation, CountyProps, Facility, RejectedFacility } from "../model";
import type { Rule, RuleKind } from "./schema";
import type { TravelResult } from "./travel";
import type {
  AnalysisParams,
  Check,
  CountyStaffing,
  Divisions,
  GapFeature,
  PopulationCover,
  RingStat,
  Violation,
} from "./types";
import type { DivisionKinds } from "./urban";

/** Coverage of one EMS rule over a county part (urban or rural), from the session's grids. */
export interface CoverageResult {
  areaKm2: number;
  coveredKm2: number;
  uncoveredKm2: number;
  coveredShare: number;
  radiusKm: number;
  gaps: GapFeature[];
  rings?: RingStat[];
  demand?: Check["demand"];
  /** People of the county part covered and not (when a population raster was given). */
  population?: PopulationCover;
  /** The EMS point counted (a site of the rule's layer) nearest to a point, geodesic; undefined when none counted. */
  nearest(lon: number, lat: number): NearestPoint | undefined;
  /**
   * Without cross-border cover: the EMS point of the rule's layer outside the network counted (a neighbouring
   * county's) nearest to a point and within the radius of it, geodesic; undefined when none reaches it or cover
   * is cross-border (every point is counted then).
   */
  neighbour?(lon: number, lat: number): NeighbourPoint | undefined;
}

/** An EMS point a coverage check counted, with its geodesic distance from a given point. */
export interface NearestPoint {
  id: string;
  name?: string;
  distanceKm: number;
}

/** An EMS point outside the network a coverage check counted, with its home county when it has one. */
export interface NeighbourPoint extends NearestPoint {
  county?: string;
  countyName?: string;
}

/** Everything a rule needs to be scored in one county. */
export interface CountyContext {
  props: CountyProps;
  /** The county's English name ("Wolong District") when the analysis was given one, else its Chinese name. */
  nameEn: string;
  /** Facilities whose home county is this one (their `county` code, else the polygon they lie in). */
  facilities: Facility[];
  /**
   * Rows of the facility list refused for their position alone that name a township or village of this county (by
   * code, or a name matched to one): the unit checks name them where a unit lacks its facility.
   */
  rejected: readonly RejectedFacility[];
  /** Facilities lying inside this county's polygon. */
  located: Facility[];
  population?: CountyPopulation;
  /** This county's divisions, when any were supplied. */
  divisions?: Divisions["counties"][number];
  /** Kinds of township and village codes (街道/镇/乡, 村委会/居委会). */
  kinds: DivisionKinds;
  /** Populations of townships, streets (9-digit codes) and villages (12-digit codes), when given. */
  unitPopulation: ReadonlyMap<string, number>;
  /** This county's row of a county staffing table, when given. */
  staffing?: CountyStaffing;
  /**
   * Facilities whose home is a district (市辖区) of the same city: the city-level EMS centre that serves the districts
   * (003:61) stands there; one standing in a 县 or 县级市 is that county's.
   */
  districtFacilities: Facility[];
  params: AnalysisParams;
  /** Urban by the facility's codes where they decide (街道 / 乡 / 村委会), else by position. */
  isUrban(f: Facility): boolean;
  /** Whether a point lies inside this county's polygon. */
  contains(lon: number, lat: number): boolean;
  coverage(rule: Rule & { kind: "radius-coverage" }): CoverageResult;
  /** Travel-time figures of a travel-time rule; null when no roads were given. */
  travel(rule: Rule & { kind: "travel-time" }): TravelResult | null;
}

/** A central THC or sub-centre that meets SUB-15KM, with its distance from the county medical centre. */
export interface QualifyingSubCentre {
  facilityId: string;
  distanceKm: number;
  county: string;
  name: string;
}

/** The outcome of one rule in one county. */
export interface RuleOutcome {
  check: Check;
  violations: Violation[];
  gaps: GapFeature[];
  qualifying: QualifyingSubCentre[];
}

/** Scores one rule of kind `K` in one county. */
export type Evaluator<K extends RuleKind> = (rule: Extract<Rule, { kind: K }>, ctx: CountyContext) => RuleOutcome;

/** Distances within 1 µm of a limit count as equal to it (float noise of the geodesic solver). */
export const DISTANCE_EPS_KM = 1e-9;

/** A rule outcome from its check, violations and (for coverage and SUB-15KM) gaps and qualifying sites. */
export function outcome(check: Check, violations: Violation[] = [], extra?: Partial<RuleOutcome>): RuleOutcome {
  return { check, violations, gaps: extra?.gaps ?? [], qualifying: extra?.qualifying ?? [] };
}
