import { FACILITY_TYPES, type FacilityType, type HospitalGrade, type HospitalKind, type Ownership } from "../model";

const TYPE_KEYS = new Set<string>(FACILITY_TYPES);

/**
 * Ordered Chinese patterns, in the plans' own words: the first match wins, so specific terms come before general
 * ones. 120急救指挥中心 / 急救指挥中心 / 调度中心 → dispatch centre (003:61 「县级“120”急救指挥中心」); …镇中心医院 /
 * …乡中心医院 / 中心卫生院 → central THC (002:187 and the 002 tables name central THCs 「段芦头镇中心医院」); 社区卫生服务站
 * → a CHC station (002:191), which is not a 中心; a city's 中心医院 (e.g. 南阳市中心医院) stays a hospital.
 */
const ZH_TYPE_PATTERNS: Array<[RegExp, FacilityType]> = [
  [/(120)?(急救)?(指挥)?调度(指挥)?中心|(120)?急救指挥(调度)?中心/, "ems-dispatch"],
  [/急救(分)?站|急救点|急救分中心|120(急救)?分站/, "ems-station"],
  [/急救中心|紧急(医疗)?救援中心|120急救/, "ems-centre"],
  [/次中心/, "sub-centre"],
  [/县域医疗(卫生)?中心|县级医疗中心|医共体(牵头|总)/, "county-medical-centre"],
  [/中心卫生院|中心乡镇卫生院|[镇乡]中心医院/, "central-thc"],
  [/卫生院/, "thc"],
  [/社区卫生服务站|社区卫生站|社区服务站/, "chc-station"],
  [/社区卫生服务(中心)?|社区卫生中心|社区医院|社区服务中心/, "chc"],
  [/卫生室|村诊所|卫生所$/, "village-clinic"],
  [/医院|保健院|保健所|医疗中心/, "hospital"],
];

const EN_TYPE_ALIASES: Record<string, FacilityType> = {
  "county medical centre": "county-medical-centre",
  "county medical center": "county-medical-centre",
  "sub centre": "sub-centre",
  "sub center": "sub-centre",
  "sub-center": "sub-centre",
  "central thc": "central-thc",
  "township health centre": "thc",
  "township health center": "thc",
  "community health centre": "chc",
  "community health center": "chc",
  "community health station": "chc-station",
  "chc station": "chc-station",
  "village clinic": "village-clinic",
  "ems centre": "ems-centre",
  "ems center": "ems-centre",
  "ems-center": "ems-centre",
  "ems station": "ems-station",
  "ems dispatch": "ems-dispatch",
  "dispatch centre": "ems-dispatch",
  "dispatch center": "ems-dispatch",
};

function typeFromCell(cell: string): FacilityType | undefined {
  const s = cell.trim();
  if (s === "") return undefined;
  const lower = s.toLowerCase().replace(/_/g, "-");
  if (TYPE_KEYS.has(lower)) return lower as FacilityType;
  const spaced = lower.replace(/-/g, " ");
  // own keys only: "constructor" or "__proto__" in a type cell must not reach Object.prototype
  if (Object.hasOwn(EN_TYPE_ALIASES, spaced)) return EN_TYPE_ALIASES[spaced];
  if (Object.hasOwn(EN_TYPE_ALIASES, lower)) return EN_TYPE_ALIASES[lower];
  if (/^(急救站|急救分站)$/.test(s)) return "ems-station";
  for (const [re, t] of ZH_TYPE_PATTERNS) if (re.test(s)) return t;
  if (/^(中医|妇幼|专科|综合)$/.test(s)) return "hospital";
  return undefined;
}

/**
 * The category terms a type cell may hold, in the plans' words and their common synonyms (卫生机构分类 names such as
 * 中西医结合医院, 妇幼保健院, 社区医院), each with the type the patterns above give it. A cell the patterns classify
 * but that is none of these (after the qualifiers below) is a guess from a word inside it, e.g. 「火星医院」 read as a
 * hospital because it contains 医院: the import says so. Space-separated.
 */
export const KNOWN_TYPE_TERMS: Record<FacilityType, string> = {
  hospital:
    "医院 综合医院 综合 中医 妇幼 专科 中医医院 中医院 中西医结合医院 中西医医院 民族医院 民族医医院 蒙医医院 藏医医院 " +
    "维医医院 专科医院 人民医院 中心医院 妇幼保健院 妇幼保健所 妇产医院 妇产科医院 儿童医院 " +
    "精神病医院 精神专科医院 传染病医院 口腔医院 眼科医院 耳鼻喉医院 耳鼻喉科医院 肿瘤医院 康复医院 骨科医院 胸科医院 " +
    "结核病医院 皮肤病医院 心血管病医院 血液病医院 整形外科医院 美容医院 保健院 医疗中心",
  "county-medical-centre":
    "县域医疗中心 县域医疗卫生中心 县级医疗中心 医共体牵头医院 医共体牵头单位 医共体总医院 县域医共体牵头医院",
  "sub-centre": "县域医疗卫生次中心 县域医疗次中心 医疗卫生次中心 县域次中心 次中心",
  "central-thc":
    "中心卫生院 中心乡镇卫生院 乡镇中心卫生院 镇中心卫生院 乡中心卫生院 镇中心医院 乡中心医院 乡镇中心医院",
  thc: "卫生院 乡镇卫生院 乡卫生院 镇卫生院 街道卫生院 一般卫生院",
  chc: "社区卫生服务中心 社区卫生服务 社区卫生中心 社区医院 社区服务中心",
  "chc-station": "社区卫生服务站 社区卫生站 社区服务站",
  "village-clinic": "村卫生室 卫生室 村诊所 村卫生所",
  "ems-centre": "急救中心 120急救中心 紧急医疗救援中心 紧急救援中心 医疗急救中心 院前急救中心 120急救",
  "ems-dispatch":
    "120急救指挥中心 急救指挥中心 急救调度中心 急救指挥调度中心 调度中心 120调度中心 120指挥调度中心 120调度指挥中心 120急救调度中心",
  "ems-station": "急救站 急救分站 急救点 急救分中心 120分站 120急救分站 120急救站 院前急救站",
};

const KNOWN_TERM_TYPE = new Map<string, FacilityType>(
  (Object.entries(KNOWN_TYPE_TERMS) as Array<[FacilityType, string]>).flatMap(([t, terms]) =>
    terms.split(" ").map((term) => [term, t] as [string, FacilityType]),
  ),
);

/**
 * Category words that name two kinds of facility, read as the patterns say but always a guess to check, with why.
 * 「卫生所」 is a village's clinic in many counties (村卫生所), yet the health statistics file a 卫生所 with 门诊部, 诊所
 * and 医务室 (a works' or school's clinic), which no 一村一室 rule counts (the reviewer trial, s48 #8: a 卫生所 counted
 * for its village with no 【存疑】, and its export said nothing).
 */
const TWO_WAY_TERMS: Record<string, { zh: string; en: string }> = {
  卫生所: {
    zh: "「卫生所」可为村卫生所，也可为单位、厂矿、学校的卫生所（卫生统计归门诊部、诊所、卫生所、医务室类，不计一村一室）",
    en: "\"卫生所\" may be a village's clinic or a works', school's or unit's infirmary (filed with outpatient departments and clinics in the health statistics, not counted for one clinic per village)",
  },
};

/** Qualifiers a category may carry in a type cell: level and grade, tier of government, ownership, quotes. */
const TYPE_QUALIFIER =
  /^(?:[一二三123]级[甲乙丙特]?等?|[一二三][甲乙丙]|未定级|省级|市级|县级|区级|乡级|镇级|省|市|县|区|公立|公办|民营|民办|私立|私营|个体|社会办|政府办|非营利性|营利性|[“”"「」])+/;

/** A type cell without spaces, a bracketed tail and leading qualifiers (二级, 县级, 公立): 「二级综合医院」 → 「综合医院」. */
export function bareTypeTerm(cell: string): string {
  return cell
    .replace(/\s+/g, "")
    .replace(/[（(][^）)]*[）)]$/, "")
    .replace(TYPE_QUALIFIER, "");
}

/**
 * How a type cell is read: the type, the words that decided it, and whether the cell is a known category (a type key,
 * an English label, or a Chinese category term, qualifiers such as 二级/县级/公立 aside) rather than a text that only
 * contains one. Undefined when the cell gives no type.
 * @example readTypeCell("火星医院") // { type: "hospital", term: "医院", known: false }
 * @example readTypeCell("二级综合医院") // { type: "hospital", term: "医院", known: true }
 */
export function readTypeCell(
  cell: string,
): { type: FacilityType; term: string; known: boolean; doubt?: { zh: string; en: string } } | undefined {
  const s = cell.trim();
  const type = typeFromCell(s);
  if (!type) return undefined;
  // a type key or English label (no Chinese), or the bare shorthands typeFromCell takes as they are
  if (!/\p{Script=Han}/u.test(s) || /^(急救站|急救分站|中医|妇幼|专科|综合)$/.test(s))
    return { type, term: s, known: true };
  const term = ZH_TYPE_PATTERNS.find(([re]) => re.test(s))?.[0].exec(s)?.[0] ?? s;
  const bare = s.replace(/\s+/g, "").replace(/[（(][^）)]*[）)]$/, "");
  const known = KNOWN_TERM_TYPE.get(bare) === type || KNOWN_TERM_TYPE.get(bare.replace(TYPE_QUALIFIER, "")) === type;
  const doubt = Object.hasOwn(TWO_WAY_TERMS, bare.replace(TYPE_QUALIFIER, ""))
    ? TWO_WAY_TERMS[bare.replace(TYPE_QUALIFIER, "")]
    : undefined;
  return doubt ? { type, term, known: false, doubt } : { type, term, known };
}

/**
 * Guesses the facility type from a type cell (English key, English label or Chinese term) and the name.
 * A recognised type cell wins; otherwise the name decides. Returns undefined when neither is recognised.
 * @example guessFacilityType("城关镇中心卫生院") // "central-thc"
 * @example guessFacilityType("张庄村卫生室") // "village-clinic"
 */
export function guessFacilityType(name: string, typeCell?: string): FacilityType | undefined {
  return (typeCell ? typeFromCell(typeCell) : undefined) ?? typeFromName(name);
}

function typeFromName(name: string): FacilityType | undefined {
  const s = name.trim();
  if (s === "") return undefined;
  for (const [re, t] of ZH_TYPE_PATTERNS) if (re.test(s)) return t;
  return undefined;
}

/** Hospital kind from the name or a kind/type cell: 中医 → tcm, 妇幼 → maternal-child, 专科/精神/口腔… → specialty, else general. */
export function guessHospitalKind(name: string, cell?: string): HospitalKind {
  const c = (cell ?? "").trim().toLowerCase();
  if (c === "general" || c === "tcm" || c === "maternal-child" || c === "specialty") return c;
  const s = `${cell ?? ""} ${name}`;
  if (/中医|中西医|蒙医|藏医|维医|民族医/.test(s)) return "tcm";
  if (/妇幼|妇产|儿童医院|母婴/.test(s)) return "maternal-child";
  if (/专科|精神|口腔|眼科|肿瘤|传染|胸科|骨科|康复|皮肤|结核|血液|心血管|脑科|耳鼻喉|整形|美容/.test(s))
    return "specialty";
  return "general";
}

const LEVELS: Record<string, string> = { 一: "1", 二: "2", 三: "3", "1": "1", "2": "2", "3": "3" };
const CLASSES: Record<string, string> = { 甲: "A", 乙: "B", 丙: "C", 特: "S", a: "A", b: "B", c: "C" };

/**
 * Parses a hospital grade: "三级甲等" / "三甲" / "3A" / "3甲" → "3A"; "二级" → "2"; "一级乙等" → "1B".
 * Returns undefined for unrecognised text (e.g. "未定级").
 */
export function parseGrade(text: string): HospitalGrade | undefined {
  const s = text.trim().replace(/\s+/g, "");
  if (s === "") return undefined;
  const m = /^([一二三123])(?:级)?([甲乙丙特abcABC])?(?:等|级)?$/.exec(s);
  if (!m) return undefined;
  const level = LEVELS[m[1]];
  const cls = m[2] ? (CLASSES[m[2].toLowerCase()] ?? CLASSES[m[2]]) : "";
  return `${level}${cls ?? ""}`;
}

/** A grade as a type cell writes it before its category: 二级, 三级甲等, 三甲 (not a bare 3A, which is no word). */
const GRADE_WORD = /^(?:[一二三123]级[甲乙丙]?等?|[一二三][甲乙丙])/;

/** Qualifiers other than a grade that may come before one in a type cell: 「县级二级甲等综合医院」, 「公立三甲医院」. */
const NON_GRADE_QUALIFIER =
  /^(?:未定级|省级|市级|县级|区级|乡级|镇级|省|市|县|区|公立|公办|民营|民办|私立|私营|个体|社会办|政府办|非营利性|营利性|[“”"「」])+/;

/**
 * The grade a type cell states with its category, read by {@link parseGrade}: before it, after any other qualifier
 * (「二级医院」 → "2", 「三级甲等医院」 → "3A", 「三甲医院」 → "3A", 「二级乙等综合医院」 → "2B", 「县级二级甲等综合医院」 → "2A"),
 * or in a bracketed tail, alone or among other words (「县级综合医院（二级甲等）」 → "2A", 「综合医院(三甲，公立)」 → "3A");
 * undefined when the cell states none (「医院」, 「未定级医院」, 「综合医院（未定级）」, 「村卫生室（2）」) or is a grade alone.
 */
export function gradeInTypeCell(cell: string): HospitalGrade | undefined {
  const s = cell.replace(/\s+/g, "");
  const rest = s.replace(NON_GRADE_QUALIFIER, "");
  const m = GRADE_WORD.exec(rest);
  if (m && m[0].length < rest.length) return parseGrade(m[0].replace(/等$/, ""));
  // a bracketed tail after a category (the user trial, s47: 「县级综合医院（二级甲等）」 was read with no grade)
  const tail = /^(.+?)[（(]([^（）()]*)[）)]$/.exec(s);
  if (!tail || tail[1].replace(TYPE_QUALIFIER, "") === "") return undefined;
  for (const part of tail[2].split(/[，,、;；/／]/)) {
    // a grade in words or with its class (二级, 三甲, 3A), not a bare number: 「村卫生室（2）」 numbers a clinic
    const word = part.replace(/医院$/, "");
    const grade = /级|[甲乙丙]|^[123][abcABC]$/.test(word) ? parseGrade(word) : undefined;
    if (grade) return grade;
  }
  return undefined;
}

/**
 * The ownership a type cell states beside its category: in its leading qualifiers (「民营医院」 → "private", 「公立医院」
 * → "public", 「政府办卫生院」 → "government") or in a bracketed tail (「综合医院（民营）」); undefined when it states none.
 * The trial (s51 #1): 「民营医院」 on a row named 万载县妇幼保健院 was read as a hospital whose ownership no one gave, and
 * COUNTY-MCH (「政府举办」) passed on it.
 */
export function ownershipInTypeCell(cell: string): Ownership | undefined {
  const s = cell.replace(/\s+/g, "");
  const lead = TYPE_QUALIFIER.exec(s)?.[0];
  const fromLead = lead ? parseOwnership(lead) : undefined;
  if (fromLead) return fromLead;
  const tail = /^(.+?)[（(]([^（）()]*)[）)]$/.exec(s);
  if (!tail) return undefined;
  for (const part of tail[2].split(/[，,、;；/／]/)) {
    const own = parseOwnership(part);
    if (own) return own;
  }
  return undefined;
}

/**
 * Ownership: 政府办/政府举办/公办/government → "government"; 公立/国有/集体/公有/public → "public" (run-by not stated);
 * 民营/私立/私人/个体/社会办/private → "private".
 */
export function parseOwnership(text: string): Ownership | undefined {
  const s = text.trim().toLowerCase();
  if (s === "") return undefined;
  if (/^(government|gov|government-run)$|政府办|政府举办|公办/.test(s)) return "government";
  if (/^(public|state)$|公立|国有|集体|公有|全民|事业|公建民营/.test(s)) return "public";
  if (/^(private)$|民营|私立|私营|私人|个体|社会办|民办|股份|合伙|外资|合资/.test(s)) return "private";
  return undefined;
}
