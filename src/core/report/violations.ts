import type { Feature, MultiPolygon, Point, Polygon } from "geojson";
import { interiorPoint } from "../io/boundaries";
import type { CountyProps, Facility, FacilityType } from "../model";
import type { AnalysisReport, Check, CoverageShortfall, Divisions, Violation } from "../rules";
import { notBindingNote } from "../rules/comparison";
import type { Provenance, Rule, RuleId, RuleSet } from "../rules/schema";
import { violationKeys } from "../rules/status";
import { coveredPct, distanceKm, areaKm2 as roundArea, roundKeepingSide, uncoveredKm2 } from "./rounding";

/**
 * Where a violation's point comes from, most precise first:
 * - `facility`: the facility the violation is about;
 * - `unit-seat`: the seat of the township or village, as supplied by the caller (`unitSeats`);
 * - `unit-facility`: a facility registered to that township or village (one the rule counts, if any: e.g. one of two
 *   health centres in one township; else any, e.g. a private clinic in a village without a public one);
 * - `township-health-centre`: for a village, the health centre of its township (health centres sit in the
 *   township seat as a rule): a stand-in that lies in the right township, not in the village;
 * - `township-facility`: for a village whose township has no health centre, a facility registered to the township
 *   (a street's community health service centre first): still in the right township;
 * - `gap-interior`: for a failing coverage check (EMS radius or travel time), a point inside its largest gap and inside
 *   the county (the gap's pole of inaccessibility, see the rule's shortfallViolation);
 * - `county-interior`: a point inside the county polygon ({@link interiorPoint}), for a rule about the county as a
 *   whole (a missing hospital or dispatch centre) or a unit with no better place;
 * - `city`: a city-wide rule failing in the city row (an indicator or share of the plans' tables): the city as a
 *   whole, no single place, so no geometry; `county` is the city's code and `countyName` 「全市」;
 * - `none`: the county is not among the boundaries, so there is no geometry.
 */
export type GeometryKind =
  | "facility"
  | "unit-seat"
  | "unit-facility"
  | "township-health-centre"
  | "township-facility"
  | "gap-interior"
  | "county-interior"
  | "city"
  | "none";

/** Properties of an exported violation; measured figures rounded (0.01 km) and units in the names. */
export interface PlacedViolationProps {
  /**
   * A key naming the violation, unique within the report and the same for the same violation in another run of the
   * same inputs: `RULE|county|subject`, the subject `f:` a facility id, `u:` a township or village code, `coverage`
   * (a coverage failure), `city` (the city row) or `t:` a hash of the English message; a repeat gets `#2`, `#3`… in report
   * order ({@link violationKeys}, the key the app keeps a selection by).
   */
  violationId: string;
  rule: RuleId;
  /** The rule in our words (the rule set's description). */
  ruleDescZh: string;
  ruleDescEn: string;
  severity: Violation["severity"];
  /** 6-digit county code and name. */
  county: string;
  countyName: string;
  /** The county's English name ("Xixia County"), when the caller gives English names (DBF `CNTY_EN`). */
  countyNameEn?: string;
  /**
   * Whether the imported facility list had any facility in the county (DBF `IN_LIST`): `false` where it had none, so
   * that the county was judged as having none and the row says what the list lacks there, not what the county lacks;
   * `true` on the other counties' rows. Written only when the list leaves some judged county out (the report's
   * `listScope`); absent on a city-wide row.
   */
  countyInList?: boolean;
  facilityId?: string;
  facilityName?: string;
  /** 9-digit township or 12-digit village code, with its name and level. */
  unitCode?: string;
  unitName?: string;
  unitLevel?: "township" | "village";
  /**
   * The unit's own figures (one-per-unit rows): how many facilities the rule counts it has, and how many it needs
   * (「公有产权村卫生室 0 所 / ≥ 1 所」); `count`, `measured` and `expected` below are its check's, the county's.
   */
  unitHas?: number;
  unitNeeds?: number;
  /** A grade rule's row: the hospital's grade and the grade asked for, as codes ("2A", "3"). */
  grade?: string;
  gradeNeeded?: string;
  /** For a village, or a facility's row: its township's code and name (from the divisions). */
  townshipCode?: string;
  townshipName?: string;
  /** Measured distance, km, to 0.01 and never rounded onto the limit ({@link distanceKm}). */
  distanceKm?: number;
  limitKm?: number;
  /**
   * A distance row (SUB-15KM): the point the distance was measured from (the county medical centre, else the people's
   * hospital or the seat: `measuredFromKind`), its facility id, name and WGS84 position, so that the line can be drawn.
   */
  measuredFromKind?: string;
  measuredFromId?: string;
  /**
   * A unit's review row for a list row that names the unit but lies outside its county (in another county, or far
   * outside the one it states): the row's number, name and WGS84 point, so that a GIS or the app can go to it.
   */
  listRow?: number;
  listRowName?: string;
  listRowLon?: number;
  listRowLat?: number;
  measuredFromName?: string;
  measuredFromLon?: number;
  measuredFromLat?: number;
  /**
   * A coverage failure's figures (absent on other rows): the area judged and the uncovered area, km² to 0.1 (the
   * uncovered never 0.0), the covered share in % to 0.1 (never 100.0), the time limit and mean in minutes (travel time;
   * the radius is `limitKm`), how many gaps, and the largest one's id (as in gaps.geojson) and area; for a radius
   * rule, the EMS point counted nearest to the row's point (inside the largest gap), its id, name and distance (km
   * to 0.01, never rounded onto the radius).
   */
  areaKm2?: number;
  uncoveredKm2?: number;
  coveredPct?: number;
  limitMinutes?: number;
  meanMinutes?: number;
  gapCount?: number;
  largestGapId?: string;
  largestGapKm2?: number;
  nearestPointId?: string;
  nearestPointName?: string;
  nearestPointKm?: number;
  /**
   * Without cross-border cover, a radius row's nearest EMS point outside the network counted whose radius reaches the
   * row's point: its id, name, county (code and name) and distance (km to 0.01, never rounded onto the radius).
   */
  neighbourPointId?: string;
  neighbourPointName?: string;
  neighbourPointCounty?: string;
  neighbourPointCountyName?: string;
  neighbourPointKm?: number;
  /**
   * A unit's review row whose data cannot tell whether it lacks the facility, one of a group sharing the doubt (the
   * villages of a township whose THC gives no village code, one of which may be its exempt village): the group's id
   * (rule|county|group), its rows, and how many of them surely lack it (the trial, s51 #2: 120 rows 待核 where at
   * least 105 villages surely lacked a clinic).
   */
  reviewGroup?: string;
  groupRows?: number;
  groupSurelyLacking?: number;
  /**
   * A scenario radius's row (a radius other than the plan's): the plan's radius and what it leaves uncovered (km² to
   * 0.1, covered % to 0.1), beside the scenario's `limitKm`, `uncoveredKm2` and `coveredPct`.
   */
  planRadiusKm?: number;
  planUncoveredKm2?: number;
  planCoveredPct?: number;
  /**
   * The figures of the check the violation belongs to (the county's, or the city row's for a city-wide rule), as in
   * `report.json`, for the rules that count (absent for the coverage rules, whose figures are above, and for SUB-15KM,
   * whose row has `distanceKm`): `count` what the rule counts (THC-PER-TOWNSHIP, VC-PER-VILLAGE: the units that have
   * one; COUNTY-3-HOSPITALS: the kinds present; SUB-COUNT: the qualifying sub-centres; a share: the facilities that
   * count), `total` a share's whole, `expected` the rule's number (units in the county, kinds required, the target)
   * or `expectedMin`/`expectedMax` a range (SUB-COUNT's band), `measured` the check's measure (units without one,
   * centres below the beds, the county's population for SUB-COUNT, a share in 0..1, an indicator's ratio) rounded to
   * 0.0001, never across `expected`. See docs/outputs.md for each rule.
   */
  count?: number;
  total?: number;
  measured?: number;
  expected?: number;
  expectedMin?: number;
  expectedMax?: number;
  messageZh: string;
  messageEn: string;
  /** The plan text the rule comes from, as in the rule set; only the documents binding the county's city when any. */
  provenance: Provenance[];
  /** Short citation: document:line, "；"-separated (e.g. "000:232；003:213"). */
  citation: string;
  geometryKind: GeometryKind;
  /** The facility whose point stands in for the unit's (`unit-facility`, `township-health-centre`, `township-facility`). */
  placeName?: string;
  /**
   * In a comparison set (ruleset-all), the note that the row compares and does not bind the county's city
   * ({@link notBindingNote}): none of the rule's plans is the city's own (「（003 为南阳市规划，对平顶山市仅作对比，不具约束力）」),
   * or its own plan reads the rule otherwise (「（本项按对比用的合并口径核查（含 000），与平顶山市规划 001 的规定不同，…）」).
   * Its check said so and each of its rows did not (the user trial, s46-b #2, left for the violation list; s47).
   */
  notBindingZh?: string;
  notBindingEn?: string;
}

/** A violation as a GeoJSON feature with its citation, county, figures and a point (or none), see {@link placeViolations}. */
export type PlacedViolation = Feature<Point | null, PlacedViolationProps>;

/** What {@link placeViolations} reads: the violations, the rule set, counties, divisions and facilities. */
export interface PlaceViolationsInput {
  violations: Violation[];
  ruleSet: RuleSet;
  /** County features with their seats (CountyProps); a violation's county is looked up by code. */
  counties: Array<Feature<Polygon | MultiPolygon, CountyProps>>;
  /** Township and village names and codes: a village's township is named from them. */
  divisions?: Divisions | null;
  /** The analysed facilities: a township's health centre places its villages' violations. */
  facilities?: Facility[];
  /** Seats of townships and villages by code, [lon, lat] WGS84 (e.g. from an imported settlement list). */
  unitSeats?: Record<string, [number, number]>;
  /**
   * Counties' English names by code ("Xixia County"), written beside the Chinese `countyName` as `countyNameEn`
   * (the Chinese name stays for joins on GIS desks).
   */
  countyNamesEn?: Record<string, string>;
  /**
   * The report's checks (its counties and city row): each violation of a rule that counts gets its check's figures
   * (`count`, `total`, `measured`, `expected`; see {@link PlacedViolationProps}). Without it there are none.
   */
  report?: Pick<AnalysisReport, "counties" | "city" | "listScope">;
}

/** Rule kinds whose violations carry their check's count, measured and expected figures. */
const COUNTING_KINDS = new Set<Rule["kind"]>([
  "one-per-unit",
  "count-by-population-band",
  "required-set",
  "tiers",
  "per-centre-beds",
  "share-of-type",
  "no-new-in-urban",
  "ownership-share",
  "indicator",
  "minimum-for-population",
]);

/** A check's figures as a violation row exports them (see {@link PlacedViolationProps}). */
function checkFigures(k: Check): Partial<PlacedViolationProps> {
  const e = k.expected;
  const out: Partial<PlacedViolationProps> = {};
  if (k.count !== undefined) out.count = k.count;
  if (k.total !== undefined) out.total = k.total;
  if (typeof e === "number") out.expected = e;
  else if (Array.isArray(e)) {
    out.expectedMin = e[0];
    out.expectedMax = e[1];
  }
  if (k.measured !== undefined && Number.isFinite(k.measured)) {
    const m = k.measured;
    out.measured =
      typeof e === "number" ? roundKeepingSide(m, 0.0001, (x) => x >= e === m >= e) : Math.round(m * 1e4) / 1e4;
  }
  return out;
}

const HEALTH_CENTRE_TYPES: FacilityType[] = ["thc", "central-thc", "sub-centre"];

/**
 * The rule's provenance restricted to the documents that bind `city` (each plan binds its own city), else all; in a
 * comparison set, a rule the city's own set does not judge alike ({@link Rule.bindsAsIs}) cites every line, the city's
 * first.
 * Given the facilities a finding involves (`involved`), a line that sets facilities aside (`role: "exemption"`,
 * 「社会办医……不作规划限制」) is kept only when one of them is private and of a type the rule counts: a township
 * with no health centre at all is not answered by the line on private hospitals. Without `involved` (the rule's
 * own listing) every line is kept.
 */
export function bindingProvenance(
  ruleSet: RuleSet,
  rule: RuleId,
  city: string | undefined,
  involved?: readonly Facility[],
): Provenance[] {
  const found = ruleSet.rules.find((r) => r.id === rule);
  let all = found?.provenance ?? [];
  if (involved && all.some((p) => p.role === "exemption")) {
    const types = new Set(found?.appliesTo ?? []);
    const setAside = involved.some((f) => f.ownership === "private" && types.has(f.type));
    if (!setAside) all = all.filter((p) => p.role !== "exemption");
  }
  if (!city) return all;
  const docs = new Set(ruleSet.documents.filter((d) => d.city === city).map((d) => d.file));
  const binding = all.filter((p) => docs.has(p.doc));
  // a comparison set's rule that the city's own set judges otherwise is judged by the other plans' lines: they are
  // cited too, after the city's (the user trial, s47: 「未达二级甲等」 cited 001:295 alone, which says 二级)
  if (ruleSet.comparison && !found?.bindsAsIs?.includes(city))
    return [...binding, ...all.filter((p) => !docs.has(p.doc))];
  return binding.length > 0 ? binding : all;
}

/** "000:232；003:213" from provenance entries (duplicates once). */
export function shortCitation(provenance: Provenance[]): string {
  return [...new Set(provenance.map((p) => `${p.doc}:${p.line}`))].join("；");
}

/**
 * What the violation exports' figures mean, written into the GeoJSON as its `fieldNotes` member (and listed in
 * docs/outputs.md): `count`, `expected` and `measured` are the county check's figures and mean different things by
 * rule, which a desk holding the file alone could not tell (the trial, s51 #6: `measured` 2 on a THC row was the
 * townships lacking one).
 */
export const VIOLATION_FIELD_NOTES: Readonly<Record<string, { zh: string; en: string }>> = {
  severity: {
    zh: "error = 违规；review = 待核（数据不能判定、规划用语为“原则上”“推动”等，或情景分析）",
    en: "error = a breach; review = for review (the data cannot tell, the plan words it softly, or a scenario)",
  },
  count: {
    zh: "所属县区（或全市）核查的计数，非本行：一乡一院、一村一室为已有的乡镇/村数；三院为已具备的类别数；占比为计入的机构数",
    en: "the county's (or city's) check's count, not the row's: the units that have one (one per township / village), the kinds present (county hospitals), the facilities counted (a share)",
  },
  total: { zh: "占比的分母（全县/全市）", en: "a share's whole (county or city)" },
  expected: {
    zh: "规则要求的数：乡镇/村的总数、应具备的类别数或目标值",
    en: "the rule's number: the units in the county, the kinds required, or the target",
  },
  expectedMin: { zh: "要求为区间时的下限（次中心数量）", en: "a range's lower end (SUB-COUNT)" },
  expectedMax: { zh: "要求为区间时的上限", en: "a range's upper end" },
  measured: {
    zh: "核查的实测值：一乡一院、一村一室为全县缺的乡镇/村数（不是本行的值）；占比为 0–1 的比例；指标为比值；次中心数量为人口",
    en: "the check's measure: for one per township / village the county's units lacking one (not this row's); a share in 0..1; an indicator's ratio; SUB-COUNT the population",
  },
  unitHas: {
    zh: "本行乡镇/村自身现有的机构数",
    en: "this township's or village's own count of the facilities counted",
  },
  unitNeeds: { zh: "本行乡镇/村应有的机构数", en: "how many this township or village needs" },
  groupRows: {
    zh: "与本行同组存疑的条数（如乡镇卫生院未填所在村的乡镇所缺各村）",
    en: "rows sharing this row's doubt (the lacking villages of a township whose THC gives no village code)",
  },
  groupSurelyLacking: { zh: "同组中至少确缺的个数", en: "how many of the group surely lack the facility" },
  nearestPointKm: {
    zh: "标注点到所计急救网络最近急救点的测地距离，km",
    en: "geodesic km from the row's point to the nearest EMS point of the network counted",
  },
  neighbourPointKm: {
    zh: "未计跨县覆盖时，标注点到本网络外在服务半径内的最近急救点的测地距离，km",
    en: "without cross-border cover, geodesic km to the nearest EMS point outside the network whose radius reaches the row's point",
  },
  distanceKm: {
    zh: "实测测地距离，km（保留两位，不会四舍五入到限值上）：次中心距县医疗中心等",
    en: "the measured geodesic distance, km to 0.01, never rounded onto the limit (a sub-centre to the county medical centre)",
  },
  limitKm: { zh: "规则的距离限值或服务半径，km", en: "the rule's distance limit or service radius, km" },
  areaKm2: {
    zh: "覆盖核查的判定面积（城区或农村部分），km²",
    en: "a coverage row's judged area (the urban or the rural part), km²",
  },
  uncoveredKm2: {
    zh: "判定面积中未覆盖的面积，km²（保留一位，不会显示为 0.0）",
    en: "the part of the judged area not covered, km² to 0.1 (never 0.0)",
  },
  coveredPct: {
    zh: "覆盖率，%（保留一位，未全覆盖时不会显示为 100.0）；覆盖核查行的实测值见此，不在 measured",
    en: "the covered share, % to 0.1 (never 100.0 while a gap remains); a coverage row's figure is here, not in measured",
  },
  limitMinutes: { zh: "急救时间规则的时限，分钟", en: "an EMS time rule's limit, minutes" },
  meanMinutes: { zh: "实测平均急救时间，分钟", en: "the measured mean EMS time, minutes" },
  gapCount: { zh: "该县该规则的覆盖缺口个数（见缺口文件）", en: "the county's gaps for the rule (in the gaps file)" },
  largestGapId: {
    zh: "最大缺口在缺口文件中的编号；本行的点在其内部",
    en: "the largest gap's id in the gaps file; the row's point lies inside it",
  },
  largestGapKm2: { zh: "最大缺口的面积，km²", en: "the largest gap's area, km²" },
  geometryKind: {
    zh: "本行点位的来源：设施位置、缺口内点、乡镇/村驻地、所在乡镇卫生院、县内点等（无确切位置时的替代点）",
    en: "where the row's point comes from: the facility, a point inside the gap, the unit's seat, its township's health centre, a point of the county… (a stand-in where the row has no place of its own)",
  },
  listRow: {
    zh: "本乡镇/村待核所依据的清单行号（该行名称即此单元，但坐标在县外或他县），listRowLon/Lat 为其坐标",
    en: "the list row the unit's review rests on (it names the unit but lies outside its county); listRowLon/Lat its point",
  },
  notBindingZh: {
    zh: "有此字段者仅作对比：所据规划不是本市规划，不具约束力",
    en: "present where the rule is a comparison only: none of its plans is the city's own",
  },
};

/**
 * Of some rows (the ones a list shows), those that share a doubt in groups ({@link PlacedViolationProps.reviewGroup}),
 * and how many of them surely lack the facility: per group, the rows present less the most that may not lack it
 * (`groupRows − groupSurelyLacking`), at least 0, and the rows of the groups that have one. Undefined when no row shown
 * belongs to a group with a sure shortfall.
 * @example sureInGroups(elevenVillagesOfOneTownship) // { rows: 11, sure: 10 }
 */
export function sureInGroups(
  rows: Iterable<Pick<PlacedViolationProps, "reviewGroup" | "groupRows" | "groupSurelyLacking">>,
): { rows: number; sure: number } | undefined {
  const groups = new Map<string, { shown: number; mayNotLack: number }>();
  for (const r of rows) {
    if (r.reviewGroup === undefined || r.groupRows === undefined || r.groupSurelyLacking === undefined) continue;
    const g = groups.get(r.reviewGroup) ?? { shown: 0, mayNotLack: r.groupRows - r.groupSurelyLacking };
    g.shown++;
    groups.set(r.reviewGroup, g);
  }
  // the rows of the groups with a sure shortfall among those shown (the re-trial, s51b: 株潭镇's 12 counted a refused
  // row's group of one beside its 11)
  let shown = 0;
  let sure = 0;
  for (const g of groups.values()) {
    const n = g.shown - g.mayNotLack;
    if (n <= 0) continue;
    shown += g.shown;
    sure += n;
  }
  return sure > 0 ? { rows: shown, sure } : undefined;
}

/**
 * Violations as GeoJSON Point features that carry their citation as data and a place: the facility's point, else the
 * township's or village's seat when known, else a stand-in named by `geometryKind` (see {@link GeometryKind}).
 * Nothing is dropped: a violation whose county has no polygon keeps a null geometry (`none`). The features come in
 * the report's order; inputs are not mutated.
 */
export function placeViolations(input: PlaceViolationsInput): PlacedViolation[] {
  const counties = new Map(input.counties.map((c) => [c.properties.code, c]));
  const interior = new Map<string, [number, number]>();
  const centreOfTownship = new Map<string, Facility>();
  // a facility kept outside the county its units are in (outsideStatedKm) places none of their rows: it lies elsewhere,
  // and its unit's own row points to it (the user trial, s52: 上村乡's villages were drawn at its 卫生院, 17 km away in
  // 昆明市东川区)
  const placed = (input.facilities ?? []).filter((f) => f.outsideStatedKm === undefined);
  for (const f of placed) {
    if (!f.township || !HEALTH_CENTRE_TYPES.includes(f.type)) continue;
    const have = centreOfTownship.get(f.township);
    // an existing public centre before a proposed or private one; then the lowest id, so the choice is stable
    const rank = (x: Facility) => (x.proposed ? 2 : 0) + (x.ownership === "private" ? 1 : 0);
    if (!have || rank(f) < rank(have) || (rank(f) === rank(have) && f.id < have.id))
      centreOfTownship.set(f.township, f);
  }
  const townshipNames = new Map<string, string>();
  for (const c of input.divisions?.counties ?? []) for (const t of c.townships) townshipNames.set(t.code, t.name);
  // a facility's row is placed in its township too (the GIS trial, s45 #6: SUB-15KM and COUNTY-PH-GRADE3 rows had an
  // empty 所属乡镇 though the facility gives one)
  const townshipOfFacility = new Map<string, string>();
  for (const f of input.facilities ?? []) if (f.township) townshipOfFacility.set(f.id, f.township);
  const facilitiesOfUnit = new Map<string, Facility[]>();
  for (const f of placed)
    for (const code of [f.township, f.village]) {
      if (!code) continue;
      const list = facilitiesOfUnit.get(code) ?? [];
      list.push(f);
      facilitiesOfUnit.set(code, list);
    }

  const place = (v: Violation): { point: [number, number] | null; kind: GeometryKind; by?: Facility } => {
    if (v.scope === "city") return { point: null, kind: "city" };
    if (v.lon !== undefined && v.lat !== undefined)
      return { point: [v.lon, v.lat], kind: v.coverage ? "gap-interior" : "facility" };
    if (v.unitCode) {
      const seat = input.unitSeats?.[v.unitCode];
      if (seat) return { point: seat, kind: "unit-seat" };
      const own = facilitiesOfUnit.get(v.unitCode) ?? [];
      if (own.length > 0) {
        const applies = new Set(input.ruleSet.rules.find((r) => r.id === v.rule)?.appliesTo ?? []);
        const f = [...own].sort(
          (a, b) => Number(applies.has(b.type)) - Number(applies.has(a.type)) || (a.id < b.id ? -1 : 1),
        )[0];
        return { point: [f.lon, f.lat], kind: "unit-facility", by: f };
      }
      if (v.unitCode.length === 12) {
        const centre = centreOfTownship.get(v.unitCode.slice(0, 9));
        if (centre) return { point: [centre.lon, centre.lat], kind: "township-health-centre", by: centre };
        // no health centre: a facility of the township, a CHC first (the reviewer trial: 南宫's 西康庄村 went to the
        // county's middle though 段芦头镇 has facilities of its own)
        const rank = (x: Facility) => (x.type === "chc" ? 0 : x.type === "chc-station" ? 1 : 2) + (x.proposed ? 3 : 0);
        const inTownship = [...(facilitiesOfUnit.get(v.unitCode.slice(0, 9)) ?? [])].sort(
          (a, b) => rank(a) - rank(b) || (a.id < b.id ? -1 : 1),
        );
        const f = inTownship[0];
        if (f) return { point: [f.lon, f.lat], kind: "township-facility", by: f };
      }
    }
    const county = counties.get(v.county);
    if (!county) return { point: null, kind: "none" };
    let p = interior.get(v.county);
    if (!p) {
      p = interiorPoint(county.geometry);
      interior.set(v.county, p);
    }
    return { point: p, kind: "county-interior" };
  };

  // the facilities a finding is about: its own facility, else its township's or village's, else its county's
  // (the city's for a city row); an exemption line is cited only when one of them is set aside
  const facilityById = new Map((input.facilities ?? []).map((f) => [f.id, f]));
  const involvedIn = (v: Violation): readonly Facility[] => {
    const own = v.facilityId !== undefined ? facilityById.get(v.facilityId) : undefined;
    if (own) return [own];
    if (v.unitCode) return facilitiesOfUnit.get(v.unitCode) ?? [];
    const all = input.facilities ?? [];
    return v.scope === "city" ? all : all.filter((f) => f.county === v.county);
  };
  const keys = violationKeys(input.violations);
  const notInList = input.report?.listScope ? new Set(input.report.listScope.missing) : undefined;
  const checksOf = new Map((input.report?.counties ?? []).map((c) => [c.code, c.checks]));
  const checkOf = (v: Violation): Check | undefined =>
    (v.scope === "city" ? input.report?.city?.checks : checksOf.get(v.county))?.find((k) => k.rule === v.rule);

  const facilityTownship = (id: string): Pick<PlacedViolationProps, "townshipCode" | "townshipName"> => {
    const code = townshipOfFacility.get(id);
    if (!code) return {};
    const name = townshipNames.get(code);
    return { townshipCode: code, ...(name !== undefined ? { townshipName: name } : {}) };
  };

  return input.violations.map((v, i) => {
    const rule = input.ruleSet.rules.find((r) => r.id === v.rule);
    const check = rule && COUNTING_KINDS.has(rule.kind) ? checkOf(v) : undefined;
    const county = counties.get(v.county);
    const cityWide = v.scope === "city";
    // a city row's violation: the city of the counties under its code
    const city = cityWide
      ? input.counties.find((c) => c.properties.code.slice(0, 4) === v.county.slice(0, 4))?.properties.city
      : county?.properties.city;
    // the facilities involved are looked up only where the rule has a line that sets some aside
    const exempting = rule?.provenance.some((p) => p.role === "exemption");
    const provenance = bindingProvenance(input.ruleSet, v.rule, city, exempting ? involvedIn(v) : []);
    const notBinding = notBindingNote(input.ruleSet, v.rule, city);
    const { point, kind, by } = place(v);
    const props: PlacedViolationProps = {
      violationId: keys[i],
      rule: v.rule,
      ruleDescZh: rule?.description.zh ?? v.rule,
      ruleDescEn: rule?.description.en ?? v.rule,
      severity: v.severity,
      county: v.county,
      countyName: cityWide ? "全市" : (county?.properties.name ?? ""),
      ...(cityWide ? { countyNameEn: "Whole city" } : {}),
      ...(!cityWide && input.countyNamesEn?.[v.county] ? { countyNameEn: input.countyNamesEn[v.county] } : {}),
      ...(notInList && !cityWide ? { countyInList: !notInList.has(v.county) } : {}),
      ...(v.facilityId !== undefined ? { facilityId: v.facilityId } : {}),
      ...(v.facilityName !== undefined ? { facilityName: v.facilityName } : {}),
      ...(v.unitCode !== undefined ? { unitCode: v.unitCode } : {}),
      ...(v.unitName !== undefined ? { unitName: v.unitName } : {}),
      ...(v.unitHas !== undefined ? { unitHas: v.unitHas } : {}),
      ...(v.unitNeeds !== undefined ? { unitNeeds: v.unitNeeds } : {}),
      ...(v.grade !== undefined ? { grade: v.grade } : {}),
      ...(v.gradeNeeded !== undefined ? { gradeNeeded: v.gradeNeeded } : {}),
      ...(v.unitCode?.length === 9 ? { unitLevel: "township" as const } : {}),
      ...(v.unitCode?.length === 12
        ? {
            unitLevel: "village" as const,
            townshipCode: v.unitCode.slice(0, 9),
            ...(townshipNames.has(v.unitCode.slice(0, 9))
              ? { townshipName: townshipNames.get(v.unitCode.slice(0, 9)) }
              : {}),
          }
        : {}),
      ...(v.unitCode === undefined && v.facilityId !== undefined ? facilityTownship(v.facilityId) : {}),
      ...(v.distanceKm !== undefined ? { distanceKm: distanceKm(v.distanceKm, v.limitKm) } : {}),
      ...(v.limitKm !== undefined ? { limitKm: v.limitKm } : {}),
      ...(v.measuredFrom
        ? {
            measuredFromKind: v.measuredFrom.kind,
            ...(v.measuredFrom.facilityId !== undefined ? { measuredFromId: v.measuredFrom.facilityId } : {}),
            measuredFromName: v.measuredFrom.name,
            measuredFromLon: v.measuredFrom.lon,
            measuredFromLat: v.measuredFrom.lat,
          }
        : {}),
      ...(v.listRow
        ? {
            listRow: v.listRow.row,
            listRowName: v.listRow.name,
            listRowLon: v.listRow.lon,
            listRowLat: v.listRow.lat,
          }
        : {}),
      // (a group of one, a row refused for its position, shares its doubt with no other row: no group)
      ...(v.uncertain?.of !== undefined && v.uncertain.of > 1
        ? {
            reviewGroup: `${v.rule}|${v.county}|${v.uncertain.group}`,
            groupRows: v.uncertain.of,
            groupSurelyLacking: Math.max(0, v.uncertain.of - v.uncertain.atMost),
          }
        : {}),
      ...(v.coverage ? shortfallProps(v.coverage) : {}),
      ...(check ? checkFigures(check) : {}),
      messageZh: v.message.zh,
      messageEn: v.message.en,
      provenance,
      citation: shortCitation(provenance),
      geometryKind: kind,
      ...(by && kind !== "facility" ? { placeName: by.name } : {}),
      ...(notBinding ? { notBindingZh: notBinding.zh, notBindingEn: notBinding.en } : {}),
    };
    return { type: "Feature", geometry: point ? { type: "Point", coordinates: point } : null, properties: props };
  });
}

/** A coverage failure's figures as exported, rounded as the county table rounds them (see {@link PlacedViolationProps}). */
function shortfallProps(c: CoverageShortfall): Partial<PlacedViolationProps> {
  return {
    areaKm2: roundArea(c.areaKm2),
    uncoveredKm2: uncoveredKm2(c.uncoveredKm2),
    coveredPct: coveredPct(c.coveredShare, c.uncoveredKm2 <= 0),
    ...(c.limitMinutes !== undefined ? { limitMinutes: c.limitMinutes } : {}),
    // a mean over the limit never reads as the limit (30.04 → 30.1 against ≤ 30 min)
    ...(c.meanMinutes !== undefined && c.meanMinutes !== null
      ? { meanMinutes: roundKeepingSide(c.meanMinutes, 0.1, (m) => m <= (c.limitMinutes ?? Infinity)) }
      : {}),
    gapCount: c.gapCount,
    ...(c.largestGapId !== undefined ? { largestGapId: c.largestGapId } : {}),
    ...(c.largestGapKm2 !== undefined ? { largestGapKm2: uncoveredKm2(c.largestGapKm2) } : {}),
    ...(c.nearestPointId !== undefined ? { nearestPointId: c.nearestPointId } : {}),
    ...(c.nearestPointName !== undefined ? { nearestPointName: c.nearestPointName } : {}),
    ...(c.nearestPointKm !== undefined ? { nearestPointKm: distanceKm(c.nearestPointKm, c.radiusKm) } : {}),
    ...(c.neighbourPointId !== undefined ? { neighbourPointId: c.neighbourPointId } : {}),
    ...(c.neighbourPointName !== undefined ? { neighbourPointName: c.neighbourPointName } : {}),
    ...(c.neighbourPointCounty !== undefined ? { neighbourPointCounty: c.neighbourPointCounty } : {}),
    ...(c.neighbourPointCountyName !== undefined ? { neighbourPointCountyName: c.neighbourPointCountyName } : {}),
    ...(c.neighbourPointKm !== undefined ? { neighbourPointKm: distanceKm(c.neighbourPointKm, c.radiusKm) } : {}),
    ...(c.plan
      ? {
          planRadiusKm: c.plan.radiusKm,
          planUncoveredKm2: uncoveredKm2(c.plan.uncoveredKm2),
          planCoveredPct: coveredPct(c.plan.coveredShare, c.plan.uncoveredKm2 <= 0),
        }
      : {}),
  };
}

/**
 * A violation's properties flattened for a Shapefile's DBF: the provenance list becomes the first entry's document,
 * line, section and quote (`citeDoc`, `citeLine`, `citeSection`, `citeQuote`); every entry stays in `citation`.
 */
export function violationFlatProps(p: PlacedViolationProps): Record<string, string | number | boolean> {
  const { provenance, ...rest } = p;
  const first = provenance[0];
  const out: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(rest)) if (v !== undefined) out[k] = v;
  if (first) {
    out.citeDoc = first.doc;
    out.citeLine = first.line;
    out.citeSection = first.section;
    out.citeQuote = first.quote;
  }
  return out;
}

/** A violation of `report.json`: as the engine gives it, with its citation as data and the place it was put. */
export type CitedViolation = Violation & {
  /** The violation's key, as its placed feature's `violationId`. */
  violationId: string;
  /** As its placed feature's `countyInList`: false where the imported list had no facility in the county. */
  countyInList?: boolean;
  /** The plan text the rule comes from (as in the rule set; the documents binding the county's city when any). */
  provenance: Provenance[];
  /** Short citation: document:line, "；"-separated. */
  citation: string;
  /** How the point was chosen ({@link GeometryKind}); `lon`/`lat` are that point (absent for `none`). */
  geometryKind: GeometryKind;
  /** As its placed feature's: in a comparison set, the note that the row compares and does not bind the city. */
  notBindingZh?: string;
  notBindingEn?: string;
};

/**
 * The report's violations with the citation and place of their placed features ({@link placeViolations}, same order,
 * one each), for outputs that list violations as records rather than features (`report.json`).
 */
export function citedViolations(violations: Violation[], placed: PlacedViolation[]): CitedViolation[] {
  if (placed.length !== violations.length)
    throw new RangeError(`placed violations (${placed.length}) do not match the report's (${violations.length})`);
  return violations.map((v, i) => {
    const f = placed[i];
    const point = f.geometry?.coordinates;
    return {
      violationId: f.properties.violationId,
      ...v,
      ...(f.properties.countyInList !== undefined ? { countyInList: f.properties.countyInList } : {}),
      ...(point ? { lon: point[0], lat: point[1] } : {}),
      provenance: f.properties.provenance,
      citation: f.properties.citation,
      geometryKind: f.properties.geometryKind,
      ...(f.properties.notBindingZh !== undefined
        ? { notBindingZh: f.properties.notBindingZh, notBindingEn: f.properties.notBindingEn }
        : {}),
    };
  });
}
