/** Bilingual text: Chinese first (the plans' own words), English second. */
export interface LocalizedText {
  zh: string;
  en: string;
}

/**
 * The one facility taxonomy used by every layer, rule and file format.
 * Keys are stable English identifiers; labels use the plans' own Chinese terms.
 */
export const FACILITY_TYPES = [
  "hospital",
  "county-medical-centre",
  "sub-centre",
  "central-thc",
  "thc",
  "chc",
  "chc-station",
  "village-clinic",
  "ems-centre",
  "ems-dispatch",
  "ems-station",
] as const;

/** A facility type key (one of {@link FACILITY_TYPES}). */
export type FacilityType = (typeof FACILITY_TYPES)[number];

/** Chinese (plan wording) and English labels of each facility type. */
export const FACILITY_TYPE_LABELS: Record<FacilityType, LocalizedText> = {
  hospital: { zh: "医院", en: "Hospital" },
  "county-medical-centre": { zh: "县域医疗中心", en: "County medical centre" },
  "sub-centre": { zh: "县域医疗卫生次中心", en: "County sub-centre" },
  "central-thc": { zh: "中心乡镇卫生院", en: "Central township health centre" },
  thc: { zh: "乡镇卫生院", en: "Township health centre" },
  chc: { zh: "社区卫生服务中心", en: "Community health service centre" },
  "chc-station": { zh: "社区卫生服务站", en: "Community health service station" },
  "village-clinic": { zh: "村卫生室", en: "Village clinic" },
  "ems-centre": { zh: "急救中心", en: "EMS centre" },
  "ems-dispatch": { zh: "120急救指挥中心", en: "County 120 dispatch centre" },
  "ems-station": { zh: "急救站", en: "EMS station" },
};

/** Hospital kind (综合/中医/妇幼/专科). */
export type HospitalKind = "general" | "tcm" | "maternal-child" | "specialty";

/** Chinese and English labels of each hospital kind. */
export const HOSPITAL_KIND_LABELS: Record<HospitalKind, LocalizedText> = {
  general: { zh: "综合医院", en: "General hospital" },
  tcm: { zh: "中医医院", en: "TCM hospital" },
  "maternal-child": { zh: "妇幼保健院", en: "Maternal and child health hospital" },
  specialty: { zh: "专科医院", en: "Specialty hospital" },
};

/**
 * Hospital grade as written in China: level 1–3 with optional class 甲/乙/丙 (A/B/C).
 * Stored as "3A", "2A", "2B", "2", "1" etc.
 */
export type HospitalGrade = string;

/**
 * The facility types a rule may count from a grade up (a radius rule's `supportHospitalMinGrade`, 004:439's
 * 「二级以上医院」): hospitals and county medical centres.
 */
export const GRADED_TYPES: ReadonlySet<FacilityType> = new Set<FacilityType>(["hospital", "county-medical-centre"]);

/**
 * Grade rank: level × 10 + class (A = 3, B = 2, C = 1, none = 0), e.g. "3A" → 33, "2" → 20.
 * Returns undefined for a missing or unreadable grade.
 */
export function gradeRank(grade: string | undefined): number | undefined {
  if (!grade) return undefined;
  const m = /^\s*([123])\s*([ABCabc甲乙丙])?\s*$/.exec(grade);
  if (!m) return undefined;
  const cls = m[2] ? ({ a: 3, 甲: 3, b: 2, 乙: 2, c: 1, 丙: 1 }[m[2].toLowerCase()] ?? 0) : 0;
  return Number(m[1]) * 10 + cls;
}

/**
 * The level a hospital is shown at on the map's legend and in messages: 3 or 2 by its grade's first digit, else 1
 * (一级及未定级: grade I, or no readable grade).
 */
export function hospitalLevel(grade: string | undefined): 1 | 2 | 3 {
  const level = grade?.trim().charAt(0);
  return level === "3" ? 3 : level === "2" ? 2 : 1;
}

/** The legend's names of hospitals by level (hospitalLevel). */
export const HOSPITAL_LEVEL_LABELS: Record<1 | 2 | 3, LocalizedText> = {
  3: { zh: "三级医院", en: "Grade III hospital" },
  2: { zh: "二级医院", en: "Grade II hospital" },
  1: { zh: "一级及未定级医院", en: "Grade I / ungraded hospital" },
};

/** How a grade code reads: "3A" → 三级甲等 / Grade III A, "2" → 二级 / Grade II; an unreadable code as it is. */
export function gradeLabel(grade: string): LocalizedText {
  const m = /^([123])([ABC])?$/.exec(grade);
  if (!m) return { zh: grade, en: grade };
  const level = Number(m[1]);
  const cls = m[2] ? { A: "甲等", B: "乙等", C: "丙等" }[m[2]] : "";
  return { zh: `${["", "一", "二", "三"][level]}级${cls}`, en: `Grade ${"I".repeat(level)}${m[2] ? ` ${m[2]}` : ""}` };
}

/**
 * Government-run (政府办 / 政府举办), other public (公立 / 国有 / 集体 / 公有产权, the run-by not stated), or private
 * (民营 / 社会办). Private facilities are exempt from layout quotas (000:337, 004:500); shares of government-run
 * centres (003:141) count "government" only.
 */
export type Ownership = "government" | "public" | "private";

/** Staff counts of a facility (persons), when the data carries them: 执业（助理）医师, 注册护士, 药师（士）, 全科医生. */
export interface StaffCounts {
  doctors?: number;
  nurses?: number;
  pharmacists?: number;
  gps?: number;
}

/** One facility. Coordinates are WGS84 / CGCS2000 longitude and latitude in degrees. */
export interface Facility {
  id: string;
  name: string;
  type: FacilityType;
  lon: number;
  lat: number;
  /** 6-digit county-level code (e.g. "411321"). */
  county?: string;
  /** 9-digit township / street code. */
  township?: string;
  /** 12-digit village / community code. */
  village?: string;
  grade?: HospitalGrade;
  hospitalKind?: HospitalKind;
  ownership?: Ownership;
  beds?: number;
  /** Beds for infectious-disease treatment (传染病救治床位), when given (002:209). */
  infectiousBeds?: number;
  /** Staff counts, when given (the staffing indicators). */
  staff?: StaffCounts;
  /**
   * 12-digit codes of the administrative villages a village clinic serves besides its own (a 中心村卫生室 built
   * jointly by adjacent villages, 003:219). Only this list lets a village without its own clinic count as served.
   */
  servesVillages?: string[];
  /** A site proposed by the planner (what-if), not an existing facility. */
  proposed?: boolean;
  /**
   * A proposed site that raises an existing facility (an upgrade: a central THC to a sub-centre): that facility's id.
   * The checks count the site in its place, not both ({@link withoutReplaced}; the re-trial: an accepted upgrade
   * left the centre too, and 「丁河镇：有 2 所」 was flagged).
   */
  replaces?: string;
  /** Sample data whose position and attributes are invented. */
  invented?: boolean;
  /**
   * The type was chosen by hand at import (for a row whose type the tool could not read with confidence): `type` is
   * the user's choice, not the file's. Exports and the review report say so, with {@link typeInFile}.
   */
  typeByHand?: boolean;
  /**
   * The type was guessed by the tool at import, not read from the file: from the name, the type cell being empty or
   * not a type (「火星卫生院」 → 乡镇卫生院), or from a category word in a cell that is no known category (「火星医院」 →
   * 医院), a row the import marked 【存疑】 (`type-from-name`, `unknown-category`). Exports say so, with
   * {@link typeInFile}. A type chosen by hand ({@link typeByHand}) replaces the guess: never both.
   */
  typeGuessed?: boolean;
  /**
   * With `typeByHand` or `typeGuessed`: the file's own type text, which the choice or the guess replaced (absent: the
   * file gave none, the name was all there was).
   */
  typeInFile?: string;
  /**
   * The row's township or village cell where no unit was found for it (a name matched nowhere, found twice, or another
   * county's where the county column says otherwise): the file's text, written back by the exports (CSV and GeoJSON
   * `townshipInFile`, `villageInFile`; Shapefile TWP_FILE, VIL_FILE), so that the list loses nothing (the user trial,
   * s49 #1: 「宣化镇」 of row 18 was in no export).
   */
  townshipInFile?: string;
  villageInFile?: string;
  /**
   * With `typeByHand`: the type the tool had read the row as, a guess as `typeGuessed` is (absent: it could not tell,
   * the row was refused).
   */
  typeAsRead?: FacilityType;
  /**
   * The name was made up by the tool at import, the file's name cell being empty (「村卫生室（第43行）」, the type and
   * the row: `missing-name`), not the facility's real name. Exports say so.
   */
  nameGiven?: boolean;
  /**
   * The file's other columns, by header, as written (备注, 地址, 统一社会信用代码, a DBF's XZQDM): no rule reads them,
   * and every facility export writes them back, so the cleaned layer keeps what the county sent (the GIS trial,
   * s40-b #6). Empty cells are left out.
   */
  extra?: Record<string, string>;
  /**
   * The row's own township or village (by code, or a name found there) is another county's than the one it lies in
   * (the user trial, s46-a #3: a 方城县 clinic, 古庄店镇 红庙村, placed in 社旗县): that county's code, and the stated
   * units' codes where known. Its units are not matched where it lies, and it does not put that county in the list's
   * scope ({@link listScopeOf}).
   */
  statedElsewhere?: { county: string; township?: string; village?: string };
  /**
   * The row lies this far (km) outside the county it states, more than 2 km (io STATED_COUNTY_WARN_KM), kept with a
   * warning (`outside-stated-county`; the user re-trial: 鲁山县's 瓦屋镇卫生院 placed in 南召县, 15.9 km out, still gave
   * 瓦屋镇 its centre). It stays a facility where it lies, of its stated county, but counts for no township or village
   * it names: those are for review, naming the row (a {@link RejectedFacility} with reason "outside-stated-county").
   */
  outsideStatedKm?: number;
}

/**
 * A row of a facility list refused for its position alone (no coordinates, or none that can be read) whose type is
 * known: kept beside the facilities so that the unit checks (THC-PER-TOWNSHIP, VC-PER-VILLAGE) say that the unit's
 * facility is in the list but was refused, not that the unit has none (the reviewer trial: 彭营镇 read 「无乡镇卫生院」
 * while row 23, 「彭营镇卫生院」, had been refused for its empty 经度/纬度).
 */
export interface RejectedFacility {
  /** File name as given by the caller. */
  file: string;
  /** Row number as the import's issues give it (CSV/XLSX: header = row 1; other formats: feature number). */
  row: number;
  name: string;
  type: FacilityType;
  /** 6-digit county code from the row (a code, or a name matched in the loaded counties). */
  county?: string;
  /** 9-digit township code from the row (a code, or a name matched once in the city's division list). */
  township?: string;
  /** 12-digit village code from the row (a code, or a name matched once in the city's division list). */
  village?: string;
  /** The row's township or village cell when it is a name not (yet) matched to a code. */
  townshipName?: string;
  villageName?: string;
  /**
   * Why the row was refused: its error code ("missing-coordinate", "not-a-number", "out-of-range", "outside-china"), or
   * "unit-elsewhere" for a row kept where it lies whose own township or village is another county's
   * ({@link Facility.statedElsewhere}): its units are for review in that county, naming the row, and it is not
   * exported a second time; or "outside-stated-county" for a row kept with its stated county that lies more than
   * 2 km outside it ({@link Facility.outsideStatedKm}): the township or village it names is
   * for review, naming the row, and it is not exported a second time either ({@link keptForReview}).
   */
  reason: string;
  /** With reason "unit-elsewhere": the county the row lies in, code and name. */
  liesIn?: { code: string; name: string };
  /**
   * With reason "outside-stated-county": how far outside its stated county the row lies, km; with "unit-elsewhere"
   * (where the boundaries tell): how far outside the county whose units it names.
   */
  outsideKm?: number;
  /**
   * With reason "outside-stated-county": the row states no county; the county is its township's or village's, and the
   * row lies in none of the loaded counties (the user trial, s52 #1).
   */
  countyFromUnit?: boolean;
  /** The row's id cell, when it had one. */
  id?: string;
  /**
   * A row kept where it lies (reasons "unit-elsewhere" and "outside-stated-county"): its point, WGS84, so that the
   * review row of the unit it names can show where it is (the re-trial, s48 #3: 崔洼村's row lay 13.3 km away, unshown).
   */
  at?: { lon: number; lat: number };
  /**
   * The row's other fields as read (grade, kind, ownership, beds, staff, served villages, the file's other columns), so
   * that the facility exports that carry the row keep them (the planner trial, s46-b #9: its beds and staff were lost).
   */
  attributes?: RefusedAttributes;
}

/**
 * A row of {@link RejectedFacility} that is not refused but kept as a facility where it lies, its units for review
 * (reasons "unit-elsewhere" and "outside-stated-county"): the facility exports carry it as the facility it is.
 */
export function keptForReview(r: Pick<RejectedFacility, "reason">): boolean {
  return r.reason === "unit-elsewhere" || r.reason === "outside-stated-county";
}

/** The fields of a refused row kept beside its name, type and units ({@link RejectedFacility.attributes}). */
export type RefusedAttributes = Pick<
  Facility,
  "grade" | "hospitalKind" | "ownership" | "beds" | "infectiousBeds" | "staff" | "servesVillages" | "extra"
>;

/**
 * What a type chosen by hand says: 「类型：火星医院 → 乡镇卫生院（人工指定）」 / "type: 火星医院 → Township health centre
 * (set by hand)"; a row with no type text in the file gives its name: 「类型：（无，名称“某某”）→ …」, or says it has
 * none: 「类型：（无，名称也为空）→ …」. Where the name is printed just before it (a list of facilities), `withName`
 * false leaves it out: 「类型：（文件中无）→ …」.
 */
export function typeChoiceText(
  f: Pick<Facility, "name" | "type" | "typeInFile">,
  opts: { withName?: boolean } = {},
): LocalizedText {
  const to = FACILITY_TYPE_LABELS[f.type];
  if (f.typeInFile)
    return { zh: `类型：${f.typeInFile} → ${to.zh}（人工指定）`, en: `type: ${f.typeInFile} → ${to.en} (set by hand)` };
  if (opts.withName === false)
    return { zh: `类型：（文件中无）→ ${to.zh}（人工指定）`, en: `type: (none in the file) → ${to.en} (set by hand)` };
  return f.name === ""
    ? { zh: `类型：（无，名称也为空）→ ${to.zh}（人工指定）`, en: `type: (none, and no name) → ${to.en} (set by hand)` }
    : {
        zh: `类型：（无，名称“${f.name}”）→ ${to.zh}（人工指定）`,
        en: `type: (none; name "${f.name}") → ${to.en} (set by hand)`,
      };
}

/** County-level unit (区 / 县 / 县级市) properties as carried by geodata county features. */
export interface CountyProps {
  /** 6-digit code. */
  code: string;
  name: string;
  /** 区 = district (urban by default), 县 = county, 市 = county-level city. */
  kind: "district" | "county" | "city";
  /** County seat (政府驻地) point [lon, lat], approximate. */
  seat: [number, number];
  /** City id this county belongs to. */
  city: string;
  /**
   * The 2023 name of a unit the boundary file knows by an older one whose kind has changed (孟津县 → 孟津区): `kind`
   * is then the current one.
   */
  nowNamed?: string;
}

/** A county-level unit's kind in English, as its English name ends ("Xixia County", "Wolong District"). */
export const COUNTY_KIND_EN: Readonly<Record<CountyProps["kind"], string>> = {
  district: "District",
  county: "County",
  city: "City",
};

/** A county-level unit's kind from its Chinese name, as boundary files are read: …区 district, …市 city, else county (县, 旗). */
export function countyKindOfName(name: string): CountyProps["kind"] {
  return /区$/.test(name) ? "district" : /市$/.test(name) ? "city" : "county";
}

/**
 * The kind word of a county's English name ("County", "District", "City"): its kind, except for a unit the boundary
 * file knows by an older name whose kind has changed ({@link CountyProps.nowNamed}), whose English name follows the
 * Chinese name shown beside it (马龙县 "Malong County", judged as the district it is now; the user trial, s52 L1 read
 * 「Malong District 马龙县」).
 */
export function countyKindEn(p: { name: string; kind?: CountyProps["kind"]; nowNamed?: string }): string {
  return COUNTY_KIND_EN[p.nowNamed || !p.kind ? countyKindOfName(p.name) : p.kind];
}

/**
 * The counties' English names by code as the exports write them beside the Chinese ones (`countyNameEn`): the pinyin
 * name from the shipped table (`geodata/china/county-names-en.json`, by code) and the county's kind, "Xixia County",
 * "Wolong District". A county the table does not know (own boundaries) has none. The app's exports and the CLI's
 * files call this one function, so that the same data gives the same names in both (the GIS trial).
 */
export function countyNamesEnByCode(
  counties: ReadonlyArray<{
    properties: { code: string; name: string; kind?: CountyProps["kind"]; nowNamed?: string };
  }>,
  pinyin: Readonly<Record<string, string>> | null | undefined,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { properties: p } of counties) {
    const en = pinyin?.[p.code];
    if (en) out[p.code] = `${en} ${countyKindEn(p)}`;
  }
  return out;
}

/**
 * A demand point (village, settlement, population cell) in WGS84 degrees; `weight` (e.g. residents) is finite and
 * ≥ 0, and counts as 1 where absent.
 */
export interface DemandPoint {
  id: string;
  lon: number;
  lat: number;
  weight?: number;
}

/** A demand point whose weight is stated (siting needs one for every point). */
export type WeightedDemandPoint = DemandPoint & { weight: number };

/** Population of a county, with the kind of figure (常住 resident vs 户籍 registered). */
export interface CountyPopulation {
  code: string;
  population: number;
  kind: "resident" | "registered";
  year?: number;
  source?: string;
}

/** The population of a township, street (9-digit code) or administrative village (12-digit code). */
export interface UnitPopulation {
  code: string;
  population: number;
}

/** Staff of a county (persons), from a county staffing table. */
export interface CountyStaffing {
  code: string;
  doctors?: number;
  nurses?: number;
  pharmacists?: number;
  gps?: number;
  source?: string;
}

/**
 * Whether a facility stands today: an existing one, or an upgrade of one ({@link Facility.replaces}: the same building,
 * its beds and staff). The rules that count what exists (beds, staff, ownership shares, the township table) count an
 * upgrade in its centre's place (the re-trial of s42-b #3: the upgraded centre's 145 beds and its township's centre
 * were left out as a proposal's).
 */
export function standsToday(f: Pick<Facility, "proposed" | "replaces">): boolean {
  return !f.proposed || f.replaces !== undefined;
}

/**
 * What an upgrade keeps of the facility it raises ({@link Facility.replaces}): its units, ownership, beds, staff and the
 * file's other columns; not its identity, name, type, position nor the import's and the sample's own marks (a type
 * chosen by hand or guessed, a name made up, invented data). The planner trial (s42-b #3): an upgrade without them
 * left its township 「无」 and its county without the centre's beds.
 */
export function keptByUpgrade(from: Facility): Partial<Facility> {
  const {
    id: _id,
    name: _name,
    type: _type,
    lon: _lon,
    lat: _lat,
    proposed: _proposed,
    replaces: _replaces,
    invented: _invented,
    typeByHand: _byHand,
    typeGuessed: _guessed,
    typeInFile: _inFile,
    typeAsRead: _asRead,
    nameGiven: _nameGiven,
    ...kept
  } = from;
  return kept;
}

/**
 * The facilities with those a proposed site replaces ({@link Facility.replaces}) left out: an upgraded centre is
 * counted once, as what it is raised to.
 */
export function withoutReplaced<F extends Pick<Facility, "id" | "proposed" | "replaces">>(list: readonly F[]): F[] {
  const gone = new Set(list.filter((f) => f.proposed && f.replaces).map((f) => f.replaces as string));
  return gone.size === 0 ? [...list] : list.filter((f) => !gone.has(f.id));
}
