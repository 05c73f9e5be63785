import type { Feature, FeatureCollection, MultiPolygon, Polygon } from "geojson";
import type { CoverageWork } from "../coverage/county-coverage";
import type { PopulationRaster } from "../io/raster";
import type {
  CountyPopulation,
  CountyProps,
  CountyStaffing,
  DemandPoint,
  Facility,
  LocalizedText,
  RejectedFacility,
  UnitPopulation,
} from "../model";
import type { ListScope } from "./list-scope";
import type { RuleId, RuleSet } from "./schema";
import type { IsochroneFeature, RoadInput, TravelWork } from "./travel";

export type { CountyStaffing, DemandPoint, UnitPopulation } from "../model";

/**
 * What counts as urban (城区); no plan defines it. By the statistical meaning (统计上划分城乡的规定: the built-up
 * area connected to a seat): a geodesic disc around each seat, `centralCityRadiusKm` for the district seats of the
 * prefecture's central city and `countySeatRadiusKm` for every other seat. User `polygons` (中心城区 / 城镇开发边界
 * of the 国土空间规划) replace the discs. Whole districts are never urban by themselves. Facilities carrying a
 * 街道, 乡 or 村委会 code are classified by the code (see {@link urbanByCode}).
 */
export interface UrbanDefinition {
  /** Radius of the built-up disc around each district seat of the central city, km (≥ 0). */
  centralCityRadiusKm: number;
  /** Radius of the built-up disc around every other district seat and each county / county-level city seat, km. */
  countySeatRadiusKm: number;
  /** Imported urban polygons; when present they replace the discs. */
  polygons?: Array<Polygon | MultiPolygon>;
  /** Where the polygons come from (a file name), recorded with every result. */
  polygonsSource?: string;
}

/** Analysis settings; defaults come from the rule set (radii, distance) and from DEFAULT_PARAMS. */
export interface AnalysisParams {
  /** Urban EMS radius, km (inclusive). */
  urbanRadiusKm: number;
  /** Rural EMS radius, km (inclusive), within the rule's [10, 20]. */
  ruralRadiusKm: number;
  /** Minimum distance of a sub-centre from the county medical centre, km (inclusive: d ≥ limit passes). */
  subCentreMinKm: number;
  /** The urban area (城区); defaults sized from published built-up areas (see urban-defaults.ts). */
  urban: UrbanDefinition;
  /** SUB-COUNT variant: population bands (003:213) or 1–2 per county (003:143). */
  subCountVariant: "bands" | "per-county";
  /** Coverage grid cell size, metres. */
  cellSizeM: number;
  /**
   * Whether EMS points of neighbouring counties count towards a county's coverage. Off by default: the plans
   * assign the three-tier EMS network to each county, so each county is judged on its own network.
   */
  crossBorder: boolean;
}

/** Overrides of the analysis parameters: any subset, the urban definition field by field. */
export type ParamOverrides = Partial<Omit<AnalysisParams, "urban">> & { urban?: Partial<UrbanDefinition> };

/** A county-level unit of the divisions with no boundary: its townships (乡镇), streets (街道) and villages not judged. */
export interface UnplacedUnit {
  code: string;
  name: string;
  /** 乡 and 镇 (and other non-street units). */
  townships: number;
  streets: number;
  /** Administrative villages (村委会), not communities. */
  villages: number;
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
  /**
   * A facility list was loaded for these counties, even if none of its facilities falls in them (the CLI's
   * `--facilities`, split by city in a regional run): a kind missing from a county is a failure. Left out, facility
   * data counts as loaded while the analysis holds any facility, a proposed site included; with none, the checks
   * that read facilities need data instead of failing (docs/rules.md, "No facility data").
   */
  facilitiesLoaded?: boolean;
  /**
   * The facilities (less the proposed sites) are a list the user imported, not the embedded sample data: a judged
   * county it has no facility in is then named in the report's `listScope`, its failures flagged as the list's, and
   * the city-wide figures that rest on the list cannot pass on the counties it covers alone.
   */
  listImported?: boolean;
  ruleSet: RuleSet;
  params?: ParamOverrides;
  population?: CountyPopulation[];
  /**
   * Counties' English (pinyin) names by code, without their kind ("Wolong" for 卧龙区), as the shipped county-name table
   * gives them: the English text of a violation naming its county uses "Wolong District". A county not listed is named
   * in Chinese there too.
   */
  countyNamesEn?: Readonly<Record<string, string>>;
  divisions?: Divisions;
  /**
   * Demand points (e.g. villages with their population). A point whose id is a 12-digit village code locates that
   * village for the per-township view.
   */
  demand?: DemandPoint[];
  /** Roads and speeds for the travel-time rules (EMS-TIME); without them those rules need data. */
  roads?: RoadInput;
  /**
   * A population raster (people per pixel, e.g. WorldPop or GHS-POP) over the counties: aggregated onto each
   * county's grid, it weighs the travel-time figures and gives every coverage check its population covered.
   */
  populationRaster?: PopulationRaster;
  /** Populations of townships / streets (9-digit codes) and administrative villages (12-digit codes). */
  unitPopulation?: UnitPopulation[];
  /** Staff counts per county (a county staffing table), used where facilities carry no staff columns. */
  staffing?: CountyStaffing[];
  /**
   * Rows of the facility list refused for their position alone (`FacilityImport.rejectedFacilities`): a township or
   * village whose only facility of the kind is among them is for review, naming the row, not an error (the reviewer
   * trial: 彭营镇 read 「无乡镇卫生院」 while its centre's row had been refused for its empty coordinates).
   */
  rejectedFacilities?: RejectedFacility[];
}

/**
 * A check's verdict: pass; fail; review (for a planner's look, not a failure: an allowance such as 「可…选建」);
 * info (shown, not judged here: a county row of a city-wide indicator); not applicable in this unit; needs data the
 * input lacks; out of scope (the plan does not bind this county: shown as context).
 */
export type CheckStatus = "pass" | "fail" | "review" | "info" | "not-applicable" | "needs-data" | "out-of-scope";

/** One reading of a rule where the text allows two (SUB-COUNT: 003:213 bands and 003:143 1–2 per county). */
export interface CheckReading {
  label: LocalizedText;
  status: CheckStatus;
  expected?: [number, number];
  /** Whether this reading decides the check's status. */
  governs: boolean;
  message: LocalizedText;
}

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
  /** Share rules (ownership-share, share-of-type): how many `count` is a part of (361 public of 407 clinics). */
  total?: number;
  /** Ownership shares: how many of `total` have an ownership not stated (or not enough to count), so the share lies
   * between count/total and (count + unknown)/total. One-per-unit rules: how many of the `measured` lacking units
   * facilities without a unit code may stand in (the rest surely lack one). Indicators: how many facilities (beds) or
   * counties and facilities (staff: counties with neither a staffing row nor a facility's figure, facilities of the
   * other counties with a blank staff cell) give no figure, so that `measured` is a lower bound. */
  unknown?: number;
  /** One-per-unit rules asking for public facilities: units whose facilities do not say their ownership (待核). */
  ownershipUnknown?: number;
  /**
   * Required sets (COUNTY-3-HOSPITALS, COUNTY-MCH, COUNTY-TCM): the hospitals a kind was met by alone whose ownership
   * the list does not give, counted as public (the check's message says so; the review report's 实测 too).
   */
  assumedPublic?: string[];
  /**
   * VC-PER-VILLAGE where a THC's village is exempt: how many of the `measured` lacking villages may be the village of a
   * THC that gives no village code (待核); the rest, less `unknown`, surely lack one.
   */
  mayBeExempt?: number;
  /**
   * One-per-unit rules: how many of the `measured` lacking units have their facility in a row refused for its position
   * (RejectedFacility), so are for review (待核), not surely lacking; the rest, less `mayBeExempt` and `unknown`, are.
   */
  refused?: number;
  /**
   * Of `refused`, the units named only by rows kept as facilities where they lie, not counted here (another county's,
   * "unit-elsewhere", or more than 2 km outside their stated county, "outside-stated-county"): for review too.
   */
  notCounted?: number;
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
  /** 约束性 (binding) or 预期性 (expected), for the plans' indicators. */
  nature?: "binding" | "expected";
  /** Indicators: the governing target `limit` is exclusive (「> 4.3」, not 「≥」). */
  limitExclusive?: boolean;
  /** The readings of a rule the text allows two of, side by side, one governing. */
  readings?: CheckReading[];
  /** The units the rule binds, in the plan's words (e.g. 县(市、区)). */
  units?: LocalizedText;
  /** SUB-15KM: which point served as the county medical centre. */
  reference?: {
    kind: "county-medical-centre" | "peoples-hospital" | "seat";
    facilityId?: string;
    name: string;
    lon: number;
    lat: number;
  };
  /**
   * SUB-15KM: every central THC of the county against the sub-centre siting conditions, with its distance from
   * `reference`, whether it qualifies and its one-line text (the user trial, s46-b #7: only a count was shown).
   */
  candidates?: Array<{
    facilityId: string;
    name: string;
    distanceKm: number;
    qualifies: boolean;
    reasons: LocalizedText[];
    text: LocalizedText;
  }>;
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
  /** Whether the rule set's plan binds this county; a context county's checks are all "out-of-scope". */
  inScope: boolean;
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
  /** The county's 6-digit code; for a city-wide rule's row (`scope: "city"`), the city's (its counties' 4 digits + 00). */
  county: string;
  /**
   * "city": a city-wide rule failing in the city row (an indicator or share of the plans' tables, 003:143 公有产权村卫生室
   * 90 %): listed with the counties' violations, with no place of its own.
   */
  scope?: "city";
  unitCode?: string;
  unitName?: string;
  /**
   * A unit's row (one-per-unit rules): how many facilities the rule counts the unit has (0 where it lacks one, 2 where
   * a township has two) and how many it needs: the row's own figures, beside its check's (the reviewer trial, s41-a #5:
   * a village row carried only the county's 「measured: 7」).
   */
  unitHas?: number;
  unitNeeds?: number;
  /**
   * A unit's review row whose data cannot tell whether the unit lacks the facility (its row refused or lying outside
   * the county, a facility with no unit code that may stand there, a THC that may stand in the village), not one the
   * plan words softly (「原则上」, 002:193): the township view counts only these as 待核. Rows of one `group` share
   * the doubt: at most `atMost` of them may not lack the facility (the 2 THCs of a township with no village code may
   * stand in 2 of its 39 lacking villages; a refused row's unit is a group of its own, at most 1). `of`: how many rows
   * of the check share the group, so at least `of − atMost` of them surely lack it.
   */
  uncertain?: { group: string; atMost: number; of?: number };
  /**
   * A unit's review row for a list row kept where it lies, outside the county (it names this unit but lies in another
   * county, or far outside the one it states): that row, its name and its point, WGS84 (the first such row, where
   * several name the unit; the message names them all).
   */
  listRow?: { row: number; name: string; lon: number; lat: number };
  /**
   * A grade rule's row (COUNTY-PH-GRADE3, and COUNTY-3-HOSPITALS / COUNTY-MCH / COUNTY-TCM for a hospital below the
   * grade): the hospital's grade and the grade the plan asks for, as codes ("2A", "3"): the row's figures in fields
   * (the GIS trial, s42-a #8: only inside the message text).
   */
  grade?: string;
  gradeNeeded?: string;
  distanceKm?: number;
  limitKm?: number;
  /**
   * A distance rule's row (SUB-15KM): the point `distanceKm` was measured from, the county medical centre (else the
   * people's hospital or the seat: {@link Check}'s `reference`), so that a GIS can draw the measured line (the GIS
   * trial, s45 #6: only the message named it).
   */
  measuredFrom?: NonNullable<Check["reference"]>;
  lon?: number;
  lat?: number;
  /**
   * A coverage failure (an EMS radius or travel-time check failing in the county): its figures, the same as the
   * check's; `lon`/`lat` are then a point inside its largest gap ({@link CoverageShortfall}).
   */
  coverage?: CoverageShortfall;
  message: LocalizedText;
}

/**
 * What a failing coverage check leaves uncovered in one county, for its violation row: the area it is taken over, the
 * uncovered area (the sum of its gap polygons) and the covered share, as in the check; the radius (radius rules) or
 * the time limit and mean (travel-time rules); how many gaps and the largest one, whose interior point places the row.
 */
export interface CoverageShortfall {
  areaKm2: number;
  uncoveredKm2: number;
  /** In [0, 1]; below 1 whenever `uncoveredKm2` > 0. */
  coveredShare: number;
  radiusKm?: number;
  limitMinutes?: number;
  meanMinutes?: number | null;
  gapCount: number;
  /** The largest gap: its id (as in gaps.geojson) and area, km². Absent when the check left no gap polygon. */
  largestGapId?: string;
  largestGapKm2?: number;
  /**
   * A radius rule's EMS point counted nearest to the row's point inside the largest gap (id, name) and its geodesic
   * distance, km: where the gap lies relative to the network, for a reviewer. Absent for travel-time rules (a straight
   * line says little about minutes) and when the network counted no point.
   */
  nearestPointId?: string;
  nearestPointName?: string;
  nearestPointKm?: number;
  /**
   * Without cross-border cover: the EMS point outside the network counted (a neighbouring county's, named with its
   * county) nearest to the row's point whose radius reaches it, and its geodesic distance, km. A reviewer reads that the
   * gap is the tool's network choice, not a place no station reaches (the audit, s50 LOW-3). Absent when no such
   * point reaches the place, with cross-border cover, and for travel-time rules.
   */
  neighbourPointId?: string;
  neighbourPointName?: string;
  neighbourPointCounty?: string;
  neighbourPointCountyName?: string;
  neighbourPointKm?: number;
  /**
   * A radius other than the plan's (a scenario): the plan's own radius and what it leaves uncovered, where it was
   * measured beside the scenario's (the plan's single limit, or a range's end), so that a GIS reading the row's figures
   * sees both (the re-trial, s45: 「25 km, 49.1 km²」 under 004:439's 20 km, which leaves 154.1 km²).
   */
  plan?: { radiusKm: number; uncoveredKm2: number; coveredShare: number };
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
> & {
  /** A radius rule's discs near the gap, from which its exact outline is drawn on export (absent for travel time). */
  discs?: GapDiscs;
};

/**
 * The discs a radius rule's gap was measured against, near it: the centres of the sites of the county's network whose
 * disc (`radiusKm`, geodesic) reaches within `marginKm` of the gap's box. From them an export draws the gap's exact
 * outline (`exactGapOutline`, core/report/gap-clip.ts) where the analysis keeps the grid cells' staircase. A member of
 * the feature beside its properties (GeoJSON's foreign member), so that no map or table reads it as a property.
 */
export interface GapDiscs {
  radiusKm: number;
  marginKm: number;
  /** Longitude, latitude, longitude, latitude…, degrees. */
  centres: number[];
}

/** A part of the urban area as drawn: a central-city or county-seat disc, or a user polygon. */
export type UrbanAreaFeature = Feature<
  Polygon | MultiPolygon,
  { county: string; source: "central-city" | "county-seat" | "user"; radiusKm?: number }
>;

/** The city-level row: indicators the plans set for the whole city, judged over the counties the plan binds. */
export interface CityReport {
  /** City id (e.g. "nanyang"). */
  city: string;
  /** The counties summed (those in scope). */
  counties: string[];
  /** Their summed population, when every one of them has a figure. */
  population?: number;
  checks: Check[];
}

/** One township (乡/镇/街道) as a reviewer reads it. Distances in km; shares in [0, 1]. */
export interface TownshipRow {
  code: string;
  name: string;
  kind: "镇" | "乡" | "街道" | "other";
  county: string;
  /** Township health centres (or CHCs in a street) carrying this township's code, proposed ones among them (marked). */
  centres: Array<{
    id: string;
    name: string;
    type: Facility["type"];
    central: boolean;
    subCentre: boolean;
    /** A planner's proposed centre (not an upgrade of one that stands): the verdicts count it, the table marks it 拟建. */
    proposed?: true;
    /** Its geodesic distance to the county medical centre (the same reference as `distanceToCountyCentreKm`), km. */
    distanceKm?: number;
  }>;
  /**
   * Rows of the list naming this township for such a centre that were refused for their position alone (no or bad
   * coordinates: the import's rejectedFacilities), by file and row: with no centre counted, the township is for review,
   * not 无 (the re-trial, s43: 彭营镇 read 无 in red where its violation named row 23).
   */
  refusedCentres?: Array<{
    file: string;
    row: number;
    name: string;
    /**
     * The row is not refused but kept as a facility where it lies, outside the county (another county's, or more than
     * 2 km outside the one it states): not counted here, for review all the same.
     */
    notCounted?: boolean;
  }>;
  /**
   * No centre is counted here and no refused row names one, but the rule leaves the township for review, not lacking:
   * a centre of the county with no township code (or a name that matched none) may be its own.
   */
  centreForReview?: true;
  /**
   * Geodesic distance from the township's centre to the county medical centre: its sub-centre's where it has one (the
   * distance SUB-15KM judges: the re-trial, s49b #2, saw 博望镇's central THC at 27.04 km and not its sub-centre at
   * 4.4 km), else its central THC's, else its first centre's; each centre's own in `centres`.
   */
  distanceToCountyCentreKm?: number;
  /**
   * What that distance is measured from: the county medical centre, else the people's hospital standing in for it,
   * else the county seat, by name (the planner trial, s41-b #8: the column read from 商城县人民医院 unsaid).
   */
  distanceFrom?: { kind: "county-medical-centre" | "peoples-hospital" | "seat"; name: string };
  /** Administrative villages (村委会) of the township. */
  villages: number;
  /** Villages with a clinic the check counts (a publicly owned one where it counts those only). */
  villagesWithClinic: number;
  villagesWithoutClinic: number;
  /** Villages the check exempts from a clinic (a THC's own village), not among `villagesWithoutClinic`. */
  villagesExempt?: number;
  /** Where only publicly owned clinics count: the villages without one whose only clinics are private. */
  villagesPrivateOnly?: number;
  /** Where only publicly owned clinics count: the villages without one whose clinics do not say their ownership. */
  villagesOwnershipUnknown?: number;
  /**
   * Of the villages without a clinic (and not private-only or ownership-unknown), those VC-PER-VILLAGE leaves for review,
   * not surely lacking one: a row of the list names the village but was refused or lies outside its county, or a
   * township health centre with no village code may stand there. Absent when none.
   */
  villagesForReview?: number;
  /** With `villagesForReview`: the villages whose rows are for review (of which at most that many may not lack one). */
  villagesForReviewNames?: string[];
  /** Population when given. */
  population?: number;
  /**
   * Share of the township's villages within each EMS radius, from village points (demand points whose id is the
   * village code); absent with `emsNeeds` saying why when no village is located.
   */
  ems?: Array<{ radiusKm: number; share: number; located: number }>;
  emsNeeds?: LocalizedText;
  /**
   * No facility data is loaded at all (docs/rules.md, "No facility data"): the centres and clinics are unknown, not
   * absent, so `centres` is empty and the clinic counts 0 without meaning 无.
   */
  noFacilityData?: true;
}

/** The result of an analysis: per county and rule the checks, the violations, gap polygons, urban areas and qualifying sub-centre candidates, with the rule set and parameters used. */
export interface AnalysisReport {
  ruleSetId: string;
  params: AnalysisParams;
  urbanDefinitionUsed: LocalizedText;
  /** Which EMS network each county was judged on: a county its own, a district the city's (default), or with neighbours' stations (crossBorder). */
  emsNetworkUsed: LocalizedText;
  /**
   * What the rule set binds: judged counties and context counties, with the plan's words. `unplaced`: county-level
   * units of the divisions with no boundary among the counties (development zones such as 平顶山高新区, 南阳's 中关村
   * 科技产业园), whose townships and villages no rule judges: named, with what they hold, so a report does not pass
   * over them in silence (the audit, s50 M-4). Absent when every unit of the divisions has a boundary.
   */
  scope: { judged: string[]; context: string[]; note: LocalizedText; unplaced?: UnplacedUnit[] };
  /** City-wide indicators judged for the city (absent when the rule set has none). */
  city?: CityReport;
  /**
   * An imported list (`listImported`) that has no facility in some judged counties: which it covers and which it does
   * not. Those are judged as having no facility (their failures stay, flagged as the list's: `countyInList: false` on
   * their violations); the city-wide figures resting on the list say they rest on the covered counties only. Absent
   * when the list is the sample data or reaches every judged county.
   */
  listScope?: ListScope;
  /** Per township of the judged counties (needs the division lists). */
  townships: TownshipRow[];
  generatedAt: string;
  counties: CountyReport[];
  violations: Violation[];
  gaps: GapFeature[];
  urbanAreas: UrbanAreaFeature[];
  qualifyingSubCentres: Array<{ facilityId: string; distanceKm: number; county: string; name: string }>;
  /** Isochrone bands of the travel-time rules (a third, two thirds and all of the limit), when roads were given. */
  isochrones?: IsochroneFeature[];
}

/** Options of {@link AnalysisSession.report}. */
export interface ReportOptions {
  /** Draw the isochrone bands of the counties scored since they were last drawn (default true; off during a drag). */
  isochrones?: boolean;
  /** Called after each county re-scored, with how many are done of how many (progress of a long re-score). */
  onCounty?: (done: number, total: number) => void;
}

/** Incremental analysis: keeps county grids and coverage counts, re-scores only touched counties. */
export interface AnalysisSession {
  addFacility(f: Facility): void;
  moveFacility(id: string, lon: number, lat: number): void;
  updateFacility(id: string, patch: Partial<Omit<Facility, "id">>): void;
  removeFacility(id: string): void;
  setParams(partial: ParamOverrides): void;
  setFacilities(list: Facility[]): void;
  /**
   * Scores the counties touched since the last call. The isochrone bands of re-scored counties are drawn again unless
   * `isochrones` is false (a live drag: the bands of the last full report are kept until the next one).
   */
  report(opts?: ReportOptions): AnalysisReport;
  /**
   * Draws the isochrone bands of the counties scored since they were last drawn and returns every county's bands
   * (undefined without roads): after live steps reported with `isochrones: false`, the bands catch up.
   */
  isochrones(): IsochroneFeature[] | undefined;
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
