import { buildCountyGrid } from "../coverage/county-grid";
import { geodesicDistanceKm } from "../geo/geodesic";
import { polygonLocator } from "../geo/point-in-polygon";
import type { PopulationRaster } from "../io/raster";
import type {
  CountyPopulation,
  DemandPoint,
  Facility,
  FacilityType,
  LocalizedText,
  WeightedDemandPoint,
} from "../model";
import { DISTANCE_EPS_KM } from "../rules/context";
import { emsNetworkPointTypes, emsNetworkTypes, inOwnNetwork } from "../rules/ems-network";
import { bboxOf, expandBBox, inBBox } from "../rules/helpers";
import { countyMedicalCentre, type MedicalCentreRef } from "../rules/medical-centre";
import { SITING_NETWORK, SUB_CENTRE_CANDIDATE } from "../rules/messages";
import type { RuleSet } from "../rules/schema";
import { inScope } from "../rules/session-layers";
import { TRAVEL_MARGIN_KM } from "../rules/travel";
import type { AnalysisParams, Divisions } from "../rules/types";
import { divisionKinds, isUrbanPoint, urbanByCode } from "../rules/urban";
import { demandFromGrid } from "./grid-adapter";
import {
  buildCountySitingProblem,
  type CountyFeature,
  type CountySitingProblem,
  existingSiteTypes,
  type SubCentreCap,
  separationExclusion,
  subCentreCap,
} from "./plan";
import { type SitingTravel, withPeopleAndTravel } from "./travel-siting";
import type { Candidate, SitingObjective, SitingProblem } from "./types";

/** The county each facility belongs to: its own county code when the boundaries know it, else the polygon it lies in. */
export function homeCounties(counties: readonly CountyFeature[]): (f: Facility) => string | undefined {
  const codes = new Set(counties.map((c) => c.properties.code));
  const locators = counties.map((c) => ({ code: c.properties.code, contains: polygonLocator(c.geometry) }));
  const located = new Map<string, string | undefined>();
  return (f) => {
    if (f.county && codes.has(f.county)) return f.county;
    const key = `${f.lon},${f.lat}`;
    if (!located.has(key)) located.set(key, locators.find((l) => l.contains(f.lon, f.lat))?.code);
    return located.get(key);
  };
}

/** Where new sites may go: a grid every `gridKm`, a list (those inside the county), or facilities of a type. */
export type CandidateSource =
  | { kind: "grid"; gridKm: number }
  | { kind: "list"; candidates: Candidate[] }
  | { kind: "type"; type: FacilityType };

/** One county's siting request, with everything the plans' constraints read. */
export interface SitingRequest {
  /** Every county of the region (homes of facilities; county seats for the urban area). */
  counties: readonly CountyFeature[];
  /** Code of the county to site in. */
  county: string;
  /** All facilities (existing and proposed); those of `type` belonging to the county are the fixed sites. */
  facilities: readonly Facility[];
  ruleSet: RuleSet;
  /** Analysis parameters: the urban definition, the SUB-15KM distance and the SUB-COUNT reading come from here. */
  params: AnalysisParams;
  population?: readonly CountyPopulation[];
  /** Facility type being sited. */
  type: FacilityType;
  /** Coverage radius, km (geodesic, inclusive). */
  radiusKm: number;
  objective: SitingObjective;
  candidates: CandidateSource;
  /** New sites at least this far apart, km (geodesic), also from `chosenElsewhere`. */
  minSeparationKm?: number;
  /** New sites chosen in counties solved before this one. */
  chosenElsewhere?: ReadonlyArray<{ lon: number; lat: number; candidateId?: string }>;
  /** Weighted demand points (weight 1 where absent); those inside the county replace its area cells. */
  demand?: readonly DemandPoint[];
  /** Side of the area demand blocks, m (default 1000). */
  blockM?: number;
  /** Siting on travel time (roads, limit minutes) instead of the radius; the same coverage as EMS-TIME. */
  travel?: SitingTravel;
  /** A population raster: the demand becomes people, so siting maximises people covered. */
  populationRaster?: PopulationRaster;
  /** Division lists: existing facilities with a 街道 / 乡 / 村委会 code are urban or rural by the code, as the check. */
  divisions?: Divisions;
}

/** Urban as the check reads an existing facility: by its 街道 / 乡 / 村委会 code where that decides, else by position. */
function facilityUrban(
  f: Facility,
  req: Pick<SitingRequest, "counties" | "params" | "divisions">,
  county: CountyFeature,
): boolean {
  return (
    urbanByCode(f, divisionKinds(req.divisions)) ??
    isUrbanPoint(f.lon, f.lat, county.properties, req.counties as CountyFeature[], req.params.urban)
  );
}

/**
 * The existing EMS points an EMS siting counts as covering already: how many (the county's own, and a district's
 * city's or, with cross-border cover, the neighbours' within reach), and of them the 急救点 the plan names beyond the
 * EMS facilities (002:201: 南宫's THCs and CHCs), with the sentence saying so.
 */
export interface ExistingNetwork {
  count: number;
  points?: { count: number; types: readonly FacilityType[]; cite: string };
  /** How many of `count` are proposed sites of the plan, not yet built (counted, and said in `note`). */
  planned?: number;
  note: LocalizedText;
}

/** A county's siting problem with what shaped it, or why the county gets no new site. */
export type CountySitingPlan =
  | {
      kind: "problem";
      code: string;
      name: string;
      built: CountySitingProblem;
      /** EMS sites only: the existing points counted as covering (app and CLI say them). */
      network?: ExistingNetwork;
      /** SUB-COUNT's cap (sub-centres only). */
      cap?: SubCentreCap;
      /** The point SUB-15KM measures from (sub-centres only). */
      reference?: MedicalCentreRef;
    }
  | { kind: "skip"; code: string; name: string; reason: LocalizedText; cap?: SubCentreCap };

/**
 * The SUB-15KM predicate on a candidate site, exactly as the check scores a sub-centre: inside the urban area
 * (the analysis' definition), or nearer than the distance (inclusive, 「15公里以上」) to the county medical centre.
 * Returns the reason (zh / en) or null.
 */
export function subCentreSiteRule(
  counties: readonly CountyFeature[],
  county: CountyFeature,
  reference: MedicalCentreRef,
  params: Pick<AnalysisParams, "urban" | "subCentreMinKm">,
): (c: { lon: number; lat: number }) => string | null {
  const limit = params.subCentreMinKm;
  const countyList = counties as CountyFeature[];
  return (c) => {
    if (isUrbanPoint(c.lon, c.lat, county.properties, countyList, params.urban))
      return "位于城区内 / inside the urban area";
    const d = geodesicDistanceKm(c.lon, c.lat, reference.lon, reference.lat);
    if (d < limit - DISTANCE_EPS_KM)
      return `距${reference.name} ${d.toFixed(1)} 公里，不足 ${limit} 公里 / ${d.toFixed(1)} km from ${reference.name}, less than ${limit} km`;
    return null;
  };
}

function countyOf(req: { counties: readonly CountyFeature[]; county: string }): CountyFeature {
  const c = req.counties.find((x) => x.properties.code === req.county);
  if (!c) throw new Error(`unknown county ${req.county}`);
  return c;
}

/**
 * Builds one county's siting problem with every plan constraint, for the app's worker and the CLI alike:
 * existing sites, candidates (grid, list or a facility type: upgrades), demand (weighted points inside the county,
 * else area blocks), separation within the county and from sites chosen in counties solved earlier, and for
 * sub-centres SUB-15KM (outside the urban area, at least the distance from the county medical centre, falling back
 * to the people's hospital and the seat like the check) and SUB-COUNT (no more new ones than the band allows; a
 * county at its cap is skipped with the reason).
 */
export function planCountySiting(req: SitingRequest): CountySitingPlan {
  const county = countyOf(req);
  const { code, name } = county.properties;
  const home = homeCounties(req.counties);
  const mine = req.facilities.filter((f) => home(f) === code);
  const excludes: Array<(c: Candidate) => string | null> = [];
  const sep = req.minSeparationKm ?? 0;
  if (sep > 0 && req.chosenElsewhere?.length) excludes.push(separationExclusion([...req.chosenElsewhere], sep));
  let objective = req.objective;
  let cap: SubCentreCap | undefined;
  let reference: MedicalCentreRef | undefined;
  if (req.type === "sub-centre") {
    reference = countyMedicalCentre(county.properties, mine);
    excludes.push(subCentreSiteRule(req.counties, county, reference, req.params));
    const ref = reference;
    const limit = req.params.subCentreMinKm;
    // SUB-COUNT counts only sub-centres meeting SUB-15KM, as the check does
    const qualifies = (f: Facility) =>
      !facilityUrban(f, req, county) && geodesicDistanceKm(f.lon, f.lat, ref.lon, ref.lat) >= limit - DISTANCE_EPS_KM;
    cap = subCentreCap(
      req.ruleSet,
      county,
      mine,
      req.population ? [...req.population] : undefined,
      req.params.subCountVariant,
      qualifies,
    );
    if (cap.maxNew === 0) return { kind: "skip", code, name, reason: cap.note, cap };
    if (cap.maxNew !== undefined && objective.kind === "mclp" && objective.k > cap.maxNew)
      objective = { kind: "mclp", k: cap.maxNew };
  }
  const src = req.candidates;
  const candidates =
    src.kind === "list"
      ? src.candidates
      : src.kind === "type"
        ? mine
            .filter((f) => f.type === src.type)
            .map((f): Candidate => ({ id: f.id, lon: f.lon, lat: f.lat, attrs: { name: f.name } }))
        : undefined;
  const demand: WeightedDemandPoint[] | undefined = req.demand?.length
    ? req.demand.map((d) => ({ id: d.id, lon: d.lon, lat: d.lat, weight: d.weight ?? 1 }))
    : undefined;
  const existingTypes = existingSiteTypes(req.ruleSet, req.type);
  const ems = req.type === "ems-centre" || req.type === "ems-station";
  // the plan's 急救点 beyond the EMS facilities (002:201: 南宫's THCs and CHCs) are the county's own network's: a
  // neighbour's or another district's count only as EMS facilities, and a county the plan does not bind (邢台's
  // other units under 002) has none
  const bound = inScope(req.ruleSet, county.properties);
  const network = emsNetworkPointTypes(req.ruleSet);
  const pointTypes = new Set<FacilityType>(ems ? (network.points?.types ?? []) : []);
  const ownTypes = bound ? existingTypes : new Set([...existingTypes].filter((t) => !pointTypes.has(t)));
  const elsewhereTypes = new Set([...existingTypes].filter((t) => !pointTypes.has(t)));
  const plain = buildCountySitingProblem({
    county,
    facilities: mine,
    type: req.type,
    existingTypes: ownTypes,
    radiusKm: req.radiusKm,
    objective,
    ...(candidates ? { candidates } : { gridKm: src.kind === "grid" ? src.gridKm : undefined }),
    minSeparationKm: req.minSeparationKm,
    cellSizeM: req.params.cellSizeM,
    ...(req.blockM !== undefined ? { blockM: req.blockM } : {}),
    ...(demand ? { demand } : {}),
    ...(excludes.length
      ? { exclude: (c: Candidate) => excludes.map((x) => x(c)).find((r) => r !== null) ?? null }
      : {}),
  });
  if (req.params.crossBorder) {
    // cross-border cover (off by default: each county's own network, a district's the city's): neighbouring
    // counties' existing sites of the type within the radius of the county (on travel time: within the roads'
    // margin, as EMS-TIME counts them) also cover its demand, as they count in the check; added before the
    // travel-time cover is found from them
    const reach = expandBBox(bboxOf(county.geometry), req.travel ? TRAVEL_MARGIN_KM : req.radiusKm);
    for (const f of req.facilities)
      if (elsewhereTypes.has(f.type) && home(f) !== code && inBBox(f.lon, f.lat, reach))
        plain.problem.existing.push({ id: f.id, lon: f.lon, lat: f.lat });
  } else if (county.properties.kind === "district" && emsNetworkTypes(req.ruleSet).has(req.type)) {
    // a district's own network is the city's (ems-network.ts, 003:61): the existing sites of the type of the city's
    // other districts, its rescue centre among them, cover its demand as they count in the check (within
    // the radius of the county, or on travel time within the roads' margin, as EMS-TIME counts them)
    const reach = expandBBox(bboxOf(county.geometry), req.travel ? TRAVEL_MARGIN_KM : req.radiusKm);
    const props = new Map(req.counties.map((c) => [c.properties.code, c.properties]));
    for (const f of req.facilities) {
      const h = home(f);
      if (!elsewhereTypes.has(f.type) || h === code || !inBBox(f.lon, f.lat, reach)) continue;
      if (inOwnNetwork(county.properties, props.get(h ?? "")))
        plain.problem.existing.push({ id: f.id, lon: f.lon, lat: f.lat });
    }
  }
  const built =
    req.travel || req.populationRaster
      ? withPeopleAndTravel(plain, county, {
          ...(req.travel ? { travel: req.travel } : {}),
          ...(req.populationRaster ? { populationRaster: req.populationRaster } : {}),
          ...(req.blockM !== undefined ? { blockM: req.blockM } : {}),
        })
      : plain;
  if (cap?.maxNew !== undefined)
    built.problem.constraints = { ...built.problem.constraints, perCountyMax: { [code]: cap.maxNew } };
  const existing = ems ? existingNetwork(plain, bound ? network.points : undefined, ownTypes) : undefined;
  return {
    kind: "problem",
    code,
    name,
    built,
    ...(existing ? { network: existing } : {}),
    ...(cap ? { cap } : {}),
    ...(reference ? { reference } : {}),
  };
}

/** The existing points an EMS siting counts ({@link ExistingNetwork}), from its problem as built. */
function existingNetwork(
  built: CountySitingProblem,
  points: { types: readonly FacilityType[]; cite: string } | undefined,
  types: ReadonlySet<FacilityType>,
): ExistingNetwork {
  const count = built.problem.existing.length;
  const named = points && {
    count: built.existing.filter((f) => points.types.includes(f.type)).length,
    types: points.types,
    cite: points.cite,
  };
  const planned = built.existing.filter((f) => f.proposed).length;
  return {
    count,
    ...(named ? { points: named } : {}),
    ...(planned ? { planned } : {}),
    note: SITING_NETWORK.existing(count, [...types], named, planned),
  };
}

/**
 * CTHC-THIRD's problem in one county: its existing (not proposed) township health centres, central ones and
 * sub-centres included, and the county's area as demand (250 m cells in 1 km blocks).
 */
export function centralThcPlan(req: Pick<SitingRequest, "counties" | "county" | "facilities" | "params">): {
  thcs: Facility[];
  demand: WeightedDemandPoint[];
} {
  const county = countyOf(req);
  const home = homeCounties(req.counties);
  const thcs = req.facilities.filter(
    (f) =>
      (f.type === "thc" || f.type === "central-thc" || f.type === "sub-centre") &&
      !f.proposed &&
      home(f) === county.properties.code,
  );
  if (thcs.length === 0) return { thcs, demand: [] };
  return { thcs, demand: demandFromGrid(buildCountyGrid(county, { cellSizeM: req.params.cellSizeM })) };
}

/** One central THC or sub-centre against SUB-15KM, scored like the check. */
export interface SubCentreVerdict {
  facility: Facility;
  distanceKm: number;
  insideUrban: boolean;
  qualifies: boolean;
  /** Why it does not qualify (empty when it does). */
  reasons: LocalizedText[];
}

/**
 * Every central THC and sub-centre of a county against SUB-15KM, with the reference point the check uses
 * (county medical centre, else people's hospital, else seat) and the analysis' urban definition.
 */
export function subCentreVerdicts(
  req: Pick<SitingRequest, "counties" | "county" | "facilities" | "params" | "divisions">,
): {
  reference: MedicalCentreRef;
  verdicts: SubCentreVerdict[];
} {
  const county = countyOf(req);
  const home = homeCounties(req.counties);
  const mine = req.facilities.filter((f) => home(f) === county.properties.code);
  const reference = countyMedicalCentre(county.properties, mine);
  const limit = req.params.subCentreMinKm;
  const verdicts = mine
    .filter((f) => f.type === "central-thc" || f.type === "sub-centre")
    .map((f): SubCentreVerdict => {
      const distanceKm = geodesicDistanceKm(f.lon, f.lat, reference.lon, reference.lat);
      const insideUrban = facilityUrban(f, req, county);
      // the check's own wording, to 0.01 km never rounded across the limit (the user trial, s46-b #7: 「15.0 km」)
      const reasons = SUB_CENTRE_CANDIDATE.reasons({
        distanceKm,
        limitKm: limit,
        near: distanceKm < limit - DISTANCE_EPS_KM,
        urban: insideUrban,
      });
      return { facility: f, distanceKm, insideUrban, qualifies: reasons.length === 0, reasons };
    });
  return { reference, verdicts };
}

/** A siting problem as plain data: the exclusion predicate evaluated into the excluded candidates and reasons. */
export interface SitingProblemDigest {
  demand: WeightedDemandPoint[];
  candidates: Candidate[];
  excluded: Array<{ candidateId: string; reason: string }>;
  existing: SitingProblem["existing"];
  radiusKm: number;
  objective: SitingObjective;
  constraints: {
    minSeparationKm?: number;
    perCountyMax?: Record<string, number>;
    perCountyMin?: Record<string, number>;
  };
}

/** A siting problem as plain, comparable data (for tests, logs and showing what will be solved). */
export function describeSitingProblem(p: SitingProblem): SitingProblemDigest {
  const exclude = p.constraints?.exclude;
  const excluded: SitingProblemDigest["excluded"] = [];
  for (const c of p.candidates) {
    const reason = exclude ? exclude(c) : null;
    if (reason) excluded.push({ candidateId: c.id, reason });
  }
  const { exclude: _, ...constraints } = p.constraints ?? {};
  return {
    demand: p.demand,
    candidates: p.candidates,
    excluded,
    existing: p.existing,
    radiusKm: p.radiusKm,
    objective: p.objective,
    constraints,
  };
}
