import type { Feature, FeatureCollection, MultiPolygon, Polygon } from "geojson";
import type { CoverageWork } from "../coverage/county-coverage";
import type { PopulationRaster } from "../io/raster";
import type { CountyPopulation, CountyProps, DemandPoint, Facility, LocalizedText } from "../model";
import type { RuleId, RuleSet } from "./schema";
import type { IsochroneFeature, RoadInput, TravelWork } from "./travel";

export type { DemandPoint } from "../model";

/**
 * What counts as urban (城区); no plan defines it. The union of: every district (区) when `districts`;
 * the geodesic disc of `seatRadiusKm` km around each county seat; the user's `polygons`.
 */
export type UrbanDefinition = { districts: boolean; seatRadiusKm?: number; polygons?: Array<Polygon | MultiPolygon> };

/** Analysis settings; defaults come from the rule set (radii, distance) and from DEFAULT_PARAMS. */
export interface AnalysisParams {
  /** Urban EMS radius, km (inclusive). */
  urbanRadiusKm: number;
  /** Rural EMS radius, km (inclusive), within the rule's [10, 20]. */
  ruralRadiusKm: number;
  /** Minimum distance of a sub-centre from the county medical centre, km (inclusive: d ≥ limit passes). */
  subCentreMinKm: number;
  urban: UrbanDefinition;
  /** SUB-COUNT variant: population bands (003:213) or 1–2 per county (003:143). */
  subCountVariant: "bands" | "per-county";
  /** Coverage grid cell size, metres. */
  cellSizeM: number;
  /** Whether EMS points of neighbouring counties count towards a county's coverage. */
  crossBorder: boolean;
}

/** Administrative divisions of a city (as in geodata/divisions-<city>.json). */
export interface Divisions {
  counties: Array<{
    code: string;
    name: string;
    townships: Array<{
      code: string;
      name: string;
      kind: "镇" | "乡" | "街道" | "other";
      villages: Array<{ code: string; name: string; kind: "village" | "community" }>;
    }>;
  }>;
}

/** What an analysis scores: county boundaries, facilities, the rule set, and optional parameters, populations, divisions and demand points. */
export interface AnalysisInput {
  counties: FeatureCollection<Polygon | MultiPolygon, CountyProps>;
  facilities: Facility[];
  ruleSet: RuleSet;
  params?: Partial<AnalysisParams>;
  population?: CountyPopulation[];
  divisions?: Divisions;
  demand?: DemandPoint[];
  /** Roads and speeds for the travel-time rules (EMS-TIME); without them those rules need data. */
  roads?: RoadInput;
  /**
   * A population raster (people per pixel, e.g. WorldPop or GHS-POP) over the counties: aggregated onto each
   * county's grid, it weighs the travel-time figures and gives every coverage check its population covered.
   */
  populationRaster?: PopulationRaster;
}

/** A check's verdict: pass, fail, not applicable in this county, or needs data the input lacks. */
export type CheckStatus = "pass" | "fail" | "not-applicable" | "needs-data";

/** Share of an area within one radius. */
export interface RingStat {
  radiusKm: number;
  coveredShare: number;
  coveredKm2: number;
}

/** Result of one rule in one county. Areas in km², distances in km, shares in [0, 1]. */
export interface Check {
  rule: RuleId;
  status: CheckStatus;
  coveredShare?: number;
  coveredKm2?: number;
  uncoveredAreaKm2?: number;
  areaKm2?: number;
  radiusKm?: number;
  count?: number;
  expected?: number | [number, number];
  measured?: number;
  limit?: number;
  /** EMS-RURAL: covered share within the range ends (10 and 20 km). */
  rings?: RingStat[];
  /** People in the area the check is over, covered and not, from the population raster (when one is given). */
  population?: PopulationCover;
  /** Travel-time rules: mean minutes from the nearest EMS point (null when no place is reachable). */
  meanMinutes?: number | null;
  /** Travel-time rules: share of the area, or of the population when given, within `limitMinutes` (inclusive). */
  shareWithinLimit?: number;
  limitMinutes?: number;
  /** Travel-time rules: what the mean and the share are taken over. */
  weighting?: "area" | "population";
  /** Travel-time rules: the longest time to any place of the county (absent when some place is unreachable). */
  maxMinutes?: number;
  /** Weighted demand covered (when demand points are given). */
  demand?: { covered: number; total: number; weightCovered: number; weightTotal: number };
  /** SUB-15KM: which point served as the county medical centre. */
  reference?: {
    kind: "county-medical-centre" | "peoples-hospital" | "seat";
    facilityId?: string;
    name: string;
    lon: number;
    lat: number;
  };
  message: LocalizedText;
}

/** People in an area, and those covered (within the radius or the time limit); `coveredShare` in [0, 1]. */
export interface PopulationCover {
  total: number;
  covered: number;
  uncovered: number;
  coveredShare: number;
}

/** Every check of one county, with its area (km², geodesic), urban area and population when known. */
export interface CountyReport {
  code: string;
  name: string;
  areaKm2: number;
  population?: number;
  urbanAreaKm2: number;
  checks: Check[];
}

/** A rule broken at one facility or administrative unit; "review" needs a planner's look but is not a failure. */
export interface Violation {
  rule: RuleId;
  severity: "error" | "review";
  facilityId?: string;
  facilityName?: string;
  county: string;
  unitCode?: string;
  unitName?: string;
  distanceKm?: number;
  limitKm?: number;
  lon?: number;
  lat?: number;
  message: LocalizedText;
}

/**
 * An uncovered part of a county for one EMS rule (a polygon with its area in km²): beyond the radius (`radiusKm`) of
 * a radius rule, or beyond the time limit (`limitMinutes`) of a travel-time rule; with the people in it when a
 * population raster was given.
 */
export type GapFeature = Feature<
  Polygon,
  {
    county: string;
    gapId: string;
    areaKm2: number;
    rule: RuleId;
    radiusKm?: number;
    limitMinutes?: number;
    population?: number;
  }
>;

/** A part of the urban area as drawn: a district, a county-seat disc or a user polygon. */
export type UrbanAreaFeature = Feature<
  Polygon | MultiPolygon,
  { county: string; source: "district" | "seat" | "user"; radiusKm?: number }
>;

/** The result of an analysis: per county and rule the checks, the violations, gap polygons, urban areas and qualifying sub-centre candidates, with the rule set and parameters used. */
export interface AnalysisReport {
  ruleSetId: string;
  params: AnalysisParams;
  urbanDefinitionUsed: LocalizedText;
  generatedAt: string;
  counties: CountyReport[];
  violations: Violation[];
  gaps: GapFeature[];
  urbanAreas: UrbanAreaFeature[];
  qualifyingSubCentres: Array<{ facilityId: string; distanceKm: number; county: string; name: string }>;
  /** Isochrone bands of the travel-time rules (a third, two thirds and all of the limit), when roads were given. */
  isochrones?: IsochroneFeature[];
}

/** Incremental analysis: keeps county grids and coverage counts, re-scores only touched counties. */
export interface AnalysisSession {
  addFacility(f: Facility): void;
  moveFacility(id: string, lon: number, lat: number): void;
  updateFacility(id: string, patch: Partial<Omit<Facility, "id">>): void;
  removeFacility(id: string): void;
  setParams(partial: Partial<AnalysisParams>): void;
  setFacilities(list: Facility[]): void;
  /**
   * Scores the counties touched since the last call. The isochrone bands of re-scored counties are drawn again unless
   * `isochrones` is false (a live drag: the bands of the last full report are kept until the next one).
   */
  report(opts?: { isochrones?: boolean }): AnalysisReport;
  /** County codes re-scored by the last report() call (for diagnostics and tests). */
  lastRescored(): string[];
  /** Grids built, masks rasterised and site discs painted since the session began (for diagnostics and tests). */
  work(): CoverageWork;
  /** Roads for the travel-time rules, or none (they then need data again); every county is re-scored. */
  setRoads(roads: RoadInput | null): void;
  /** A population raster over the counties, or none; every county is re-scored. */
  setPopulationRaster(raster: PopulationRaster | null): void;
  /** Road networks built, travel-time fields computed and sites moved in place since the session began. */
  travelWork(): TravelWork;
}
