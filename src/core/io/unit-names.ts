import type { Facility, RejectedFacility } from "../model";
import type { Divisions } from "../rules/types";
import type { Message, RowIssue } from "./types";

/** A row's township and village cells that are not statistical codes: names, matched once the county is known. */
export interface UnitNameCells {
  township?: { field: string; text: string };
  /** The village cell: one name, or several (「王营村、丰山村」: a clinic built jointly by adjacent villages, 003:219). */
  village?: { field: string; text: string };
  /**
   * The division code column's cell, when its code gave the row's county, township or village ({@link ColumnMapping}
   * `unitCode`): the names are checked against it, and the code wins where they disagree.
   */
  code?: {
    field: string;
    text: string;
    /**
     * The code gave the row's county (no county column did): a township's or village's code is then where the row's
     * units are, not where it lies, and a row lying in another county is for review there ({@link matchUnitNames}).
     */
    county?: boolean;
  };
  /** Names in the served-villages cell (服务行政村), matched as a village cell's are (codes are read as they are). */
  serves?: { field: string; names: string[] };
  /** The county cell, when it names no county the tool knows (the row's county is then unknown, not unsaid). */
  countyUnread?: string;
}

/** The row's cells name a township or village (by name, still to be matched), not only villages it serves. */
export function namesUnit(cells: UnitNameCells | undefined): boolean {
  return cells?.township !== undefined || cells?.village !== undefined;
}

/**
 * The units a cell names, split on 、，,;；/ (「王营村、丰山村」 → two villages): one part for a cell naming one unit. A
 * village cell naming several is a clinic built jointly by adjacent villages (003:219 「相邻行政村可合建中心村卫生室」).
 */
export function splitUnitList(text: string): string[] {
  return text
    .split(/\s*[、，,;；/／]\s*/)
    .map((x) => x.trim())
    .filter((x) => x !== "");
}

/**
 * The keys a township's or village's name is matched by, closest first: spaces gone and the committee or office
 * removed (「田湖村村民委员会」 → 「田湖村」, 「城关街道办事处」 → 「城关街道」), then without its kind too (「田湖村」 →
 * 「田湖」, 「田湖镇」 → 「田湖」) when two characters are left (「车村」 stays). The national lists write most villages
 * 「X村村民委员会」, the planners 「X村」 (the re-trial: no 洛阳 village was matched).
 */
function keys(name: string, kind: "township" | "village"): [string, string] {
  const s = name.replace(/\s+/g, "");
  const office =
    kind === "township" ? s.replace(/(办事处)$/, "") : s.replace(/(村民委员会|居民委员会|村委会|居委会)$/, "");
  const bare = office.replace(kind === "township" ? /(民族乡|街道|镇|乡)$/ : /(社区|村)$/, "");
  return [office, bare.length >= 2 ? bare : office];
}

/** The kind a unit's name ends with (镇, 乡, 街道; 村, 社区), its committee or office removed; "" when none. */
function kindOf(name: string, kind: "township" | "village"): string {
  const s = name.replace(/\s+/g, "");
  // 「袁店村民委员会」 is a 村, 「丹水社区居民委员会」 a 社区, whatever is written before the committee
  if (kind === "village" && /(村民委员会|村委会)$/.test(s)) return "村";
  if (kind === "village" && /(居民委员会|居委会)$/.test(s)) return "社区";
  const office = keys(s, kind)[0];
  return (kind === "township" ? /(民族乡|街道|镇|乡)$/ : /(社区|村)$/).exec(office)?.[1] ?? "";
}

/**
 * The name without the county's or a township's name before it, each at most once, when two characters are left: 207
 * of 栾川县's 214 villages are listed 「栾川县XX镇YY村村民委员会」, and planners may write 「嵩县旧县镇」 (the re-trial).
 */
function withoutPrefixes(name: string, prefixes: readonly string[]): string {
  let s = name;
  for (const p of prefixes) if (p && s.startsWith(p) && s.length - p.length >= 2) s = s.slice(p.length);
  return s;
}

/** A list of units with each name's keys, built once per county or township and kind (a list names many rows). */
interface NameIndex<T> {
  list: readonly T[];
  kind: "township" | "village";
  /** Names a name may start with and still be the same unit: the county's, the townships' (「栾川县三川镇新庄村」). */
  prefixes: readonly string[];
  theirs: Array<[string, string]>;
}

function nameIndex<T extends { name: string }>(
  list: readonly T[],
  kind: "township" | "village",
  prefixes: readonly string[],
): NameIndex<T> {
  return { list, kind, prefixes, theirs: list.map((x) => keys(withoutPrefixes(x.name, prefixes), kind)) };
}

/** The one entry whose name is `text`, else the one whose key is its key, closest key first; how many match when not one. */
function byName<T extends { code: string; name: string }>(
  index: NameIndex<T>,
  text: string,
): { one: T } | { count: number } {
  const { list, kind, prefixes, theirs } = index;
  const t = text.replace(/\s+/g, "");
  const exact = list.filter((x) => x.name === t);
  if (exact.length === 1) return { one: exact[0] };
  if (exact.length > 1) return { count: exact.length };
  const mine = keys(withoutPrefixes(t, prefixes), kind);
  let count = 0;
  for (const level of [0, 1] as const) {
    const hits = list.filter((_, i) => theirs[i][level] === mine[level]);
    if (hits.length === 1) return { one: hits[0] };
    if (hits.length > 1) return { count: hits.length };
    count = hits.length;
  }
  return { count };
}

type County = Divisions["counties"][number];
type Township = County["townships"][number];

/**
 * Each county's township names with their keys, built once for the many names a run looks for in every list (by the
 * county entry: a renamed unit's entry shares its successor's townships under another name).
 */
const townshipIndexes = new WeakMap<County, NameIndex<Township>>();

function townshipIndex(c: County): NameIndex<Township> {
  let index = townshipIndexes.get(c);
  if (!index) {
    index = nameIndex(c.townships, "township", [c.name]);
    townshipIndexes.set(c, index);
  }
  return index;
}

/** A township found by name: its county and itself. */
export interface TownshipNamed {
  county: { code: string; name: string };
  township: { code: string; name: string };
}

/**
 * The townships of `divisions` called `text` (by the rules {@link matchUnitNames} matches a township cell by, county by
 * county): one per county that has exactly one such township. A list's row that lies outside every county of a run
 * is the run's when its township is one of these (the user trial, s52 M2: `--city 曲靖市` left out 上村乡卫生院, lying in
 * 昆明市东川区, with no word on its row).
 */
export function townshipsNamed(divisions: Divisions, text: string): TownshipNamed[] {
  return divisions.counties.flatMap((c) => found(c, text));
}

function found(c: County, text: string): TownshipNamed[] {
  const hit = byName(townshipIndex(c), text);
  return "one" in hit ? [{ county: { code: c.code, name: c.name }, township: hit.one }] : [];
}

/**
 * {@link townshipsNamed} over many lists at once, for a run of every county (41,000 townships in 2,858 counties): each
 * name looked up only in the counties that have a township of that name or key, or whose own name it starts with,
 * instead of in every county (5.8 ms a name over the whole country, measured; a messy national list has thousands).
 * Returns, for a name, each list's index with what {@link townshipsNamed} gives for that list, lists in order.
 */
export function townshipFinder(
  lists: ReadonlyArray<Divisions>,
): (text: string) => Array<{ list: number; found: TownshipNamed[] }> {
  const counties = lists.flatMap((d, list) => d.counties.map((county) => ({ list, county })));
  const holders = new Map<string, number[]>();
  const hold = (key: string, j: number) => {
    const at = holders.get(key);
    if (!at) holders.set(key, [j]);
    else if (at[at.length - 1] !== j) at.push(j);
  };
  for (const [j, { county }] of counties.entries()) {
    const index = townshipIndex(county);
    for (const [i, t] of county.townships.entries()) {
      hold(`=${t.name}`, j);
      hold(`0${index.theirs[i][0]}`, j);
      hold(`1${index.theirs[i][1]}`, j);
    }
  }
  return (text) => {
    const t = text.replace(/\s+/g, "");
    const [k0, k1] = keys(t, "township");
    const maybe = new Set([
      ...(holders.get(`=${t}`) ?? []),
      ...(holders.get(`0${k0}`) ?? []),
      ...(holders.get(`1${k1}`) ?? []),
    ]);
    // a county whose name the text starts with reads it without that name (「嵩县旧县镇」)
    for (const [j, { county }] of counties.entries())
      if (county.name && t.startsWith(county.name) && t.length - county.name.length >= 2) maybe.add(j);
    const out: Array<{ list: number; found: TownshipNamed[] }> = [];
    for (const j of [...maybe].sort((a, b) => a - b)) {
      const { list, county } = counties[j];
      const hits = found(county, text);
      if (hits.length === 0) continue;
      const last = out[out.length - 1];
      if (last?.list === list) last.found.push(...hits);
      else out.push({ list, found: hits });
    }
    return out;
  };
}

/**
 * Matches the township and village names of a facility list to their statistical codes in the city's division list
 * (the planner trial: a list naming 「田湖镇」 and 「樊店村」, as planners keep them, had every name set aside as not a
 * 9- or 12-digit code, so 嵩县 read 「16 个乡镇中 0 个有乡镇卫生院」). A township is looked up in the facility's county
 * (its stated county, else the one it lies in), a village in its township, or in the whole county when the township is
 * not given. A name found once is used; a name not found, or found more than once, is warned and not used, as a cell
 * that is not a code was before. Sets `township` / `village` on the facilities; returns the warnings and how many
 * names were matched.
 */
export function matchUnitNames(
  facilities: readonly Facility[],
  rows: readonly number[],
  cells: ReadonlyMap<number, UnitNameCells>,
  opts: {
    file: string;
    divisions?: Divisions | null;
    countyAt?: (lon: number, lat: number) => string | undefined;
    /**
     * How far (km) a point lies outside a county's boundary (0 inside), for the note on a row whose township is another
     * county's than the one it lies in.
     */
    kmOutside?: (lon: number, lat: number, county: string) => number | undefined;
    /**
     * The county, township and village columns, for the notes on rows whose codes are another county's and on a county
     * cell taken as wrong; the name column, for the notes on a unit read from a facility's name (the EMS planner trial,
     * s53 L3: the Chinese issue table said 「name」 where the file's column is 「机构名称」).
     */
    fields?: { county?: string; township?: string; village?: string; name?: string };
  },
): {
  issues: RowIssue[];
  townships: number;
  villages: number;
  elsewhere: RejectedFacility[];
  /**
   * Rows whose county cell was taken as the mistake, their township and point agreeing on another county
   * (code "county-by-township"): their earlier "outside-stated-county" warning no longer holds.
   */
  countyFixed: number[];
} {
  const issues: RowIssue[] = [];
  const countyFixed: number[] = [];
  const elsewhereRows: RejectedFacility[] = [];
  let townships = 0;
  let villages = 0;
  const counties = new Map((opts.divisions?.counties ?? []).map((c) => [c.code, c]));
  const warn = (row: number, field: string, code: string, message: Message, value: string) =>
    issues.push({ file: opts.file, row, field, value, severity: "warning", code, message });
  /** Marks a row whose own units are county `o`'s while it lies in `at`, and keeps it for review there. */
  const placedElsewhere = (
    f: Facility,
    row: number,
    at: { code: string; name: string },
    o: { code: string },
    township: string | undefined,
    village: string | undefined,
  ) => {
    f.statedElsewhere = { county: o.code, ...(township ? { township } : {}), ...(village ? { village } : {}) };
    elsewhereRows.push({
      file: opts.file,
      row,
      name: f.name,
      type: f.type,
      county: o.code,
      ...(township ? { township } : {}),
      ...(village ? { village } : {}),
      reason: "unit-elsewhere",
      liesIn: { code: at.code, name: at.name },
      // how far outside the county it names, for the unit's review row (the user re-trial, s48: 崔洼村's row gave no
      // distance, where the import's note said 13.3 km)
      ...(() => {
        const km = opts.kmOutside?.(f.lon, f.lat, o.code);
        return km !== undefined && km > 0 ? { outsideKm: Math.round(km * 10) / 10 } : {};
      })(),
      ...(f.id ? { id: f.id } : {}),
      at: { lon: f.lon, lat: f.lat },
    });
  };
  /**
   * A name matched to a unit of another kind (「龚店乡」 to 龚店镇: the list may predate a 撤乡设镇, or name another
   * unit): said on its row, as a note to check, not a doubt (the GIS trial, s40-b #10: matched unsaid).
   */
  const otherKind = (
    row: number,
    field: string,
    text: string,
    unit: { code: string; name: string },
    kind: "township" | "village",
  ) => {
    const mine = kindOf(text, kind);
    const theirs = kindOf(unit.name, kind);
    if (!mine || !theirs || mine === theirs) return;
    const what = kind === "township" ? "乡镇" : "行政村";
    issues.push({
      file: opts.file,
      row,
      field,
      value: text,
      severity: "note",
      code: "unit-name-other-kind",
      message: {
        zh: `${what}“${text}”按名称对应为${unit.name}（${unit.code}）：“${mine}”与“${theirs}”不同，请核对`,
        en: `${kind} "${text}" matched by name to ${unit.name} (${unit.code}): 「${mine}」 is not 「${theirs}」; check it`,
      },
    });
  };
  // each county's and township's names keyed once, not once per row (a county's townships: townshipIndex)
  type Village = Township["villages"][number];
  const indexes = new Map<string, NameIndex<Village>>();
  /** The villages of a township, or of the whole county when no township is known. */
  const villageIndex = (county: County, township: Township | undefined): NameIndex<Village> => {
    const key = township ? `v${township.code}` : `V${county.code}`;
    let ix = indexes.get(key) as NameIndex<Village> | undefined;
    if (!ix) {
      const prefixes = [county.name, ...county.townships.map((t) => t.name)];
      const list = township ? township.villages : county.townships.flatMap((t) => t.villages);
      ix = nameIndex(list, "village", prefixes);
      indexes.set(key, ix);
    }
    return ix;
  };
  /**
   * A village clinic left with no village (no village cell, no code, no name matched): the village its name says
   * (「王三沟村卫生室」 → 王三沟村), in its township when known, else its county, when exactly one matches; said on the
   * row, to check (the user trial, s47: 方城县's three such clinics read as uncoded, its 12 sure gaps as 21 for review).
   */
  const fromName = (f: Facility, row: number, county: County | undefined, township: Township | undefined) => {
    if (f.type !== "village-clinic" || f.village !== undefined || !county) return;
    const text = villageInName(f.name);
    if (!text) return;
    const t = township ?? county.townships.find((x) => x.code === f.township);
    const index = villageIndex(county, t);
    // a clinic called its village's 「中心村卫生室」 (「王三沟中心村卫生室」): the village without 中心, when the whole
    // name is no village's (the s47 re-trial's leftover: 王三沟中心村卫生室 stayed uncoded)
    let hit = byName(index, text);
    const plain = text.replace(/中心(村|社区)$/, "$1");
    if (!("one" in hit) && hit.count === 0 && plain !== text && plain.length >= 2) hit = byName(index, plain);
    if (!("one" in hit)) return;
    f.village = hit.one.code;
    if (!f.township) f.township = hit.one.code.slice(0, 9);
    villages++;
    issues.push({
      file: opts.file,
      row,
      field: opts.fields?.name ?? "name",
      value: f.name,
      severity: "note",
      code: "village-from-name",
      message: {
        zh: `名称“${f.name}”按名称对应为${hit.one.name}（${hit.one.code}）：所属行政村为空，按名称计入；请核对`,
        en: `name "${f.name}" matched by name to ${hit.one.name} (${hit.one.code}): no village given, counted for the one its name says; check it`,
      },
    });
  };
  /**
   * The one township of the county whose full name the facility's name holds (「黄岗镇卫生院」 → 黄岗镇), for a row whose
   * township cell names none of the county's (a misspelling, 「黄冈镇」): counted there, said on the row with what the
   * cell read, to check (the user trial, s48 #2: 「乡镇“黄冈镇”不在桐柏县的区划名录中，未使用」, and 黄岗镇 read 「无」
   * beside its own centre). (A row with no township cell at all is left as it was: a list without a 乡镇 column.)
   */
  const townshipFromName = (f: Facility, row: number, county: County, cell?: { field: string; text: string }) => {
    if (f.township !== undefined) return undefined;
    // with no cell: a health centre's name alone (「明化镇卫生院」), the list having no 乡镇 for it
    if (!cell && !TOWNSHIP_CENTRE_TYPES.has(f.type)) return undefined;
    const hits = county.townships.filter((t) => t.name.length >= 2 && f.name.includes(t.name));
    if (hits.length !== 1) return undefined;
    const t = hits[0];
    f.township = t.code;
    townships++;
    issues.push({
      file: opts.file,
      row,
      field: cell?.field ?? opts.fields?.name ?? "name",
      value: cell?.text ?? f.name,
      severity: cell ? "warning" : "note",
      code: "township-from-name",
      message: cell
        ? {
            zh: `乡镇“${cell.text}”不在${county.name}的区划名录中；设施名称“${f.name}”含${t.name}（${t.code}），按${t.name}计入；请核对`,
            en: `township "${cell.text}" is not in ${county.name}'s division list; the facility's name "${f.name}" holds ${t.name} (${t.code}), counted there; check it`,
          }
        : {
            zh: `名称“${f.name}”含${t.name}（${t.code}）：所属乡镇为空，按名称计入；请核对`,
            en: `name "${f.name}" holds ${t.name} (${t.code}): no township given, counted for the one its name says; check it`,
          },
    });
    return t;
  };
  facilities.forEach((f, i) => {
    const row = rows[i];
    const c = cells.get(row);
    // a county the division code column gave by a township's or village's code (no county column stated one) is the
    // row's own units' county, not a statement of where it lies: lying in another loaded county, the row is that
    // county's, its units the code's, for review there (below), as with a code in the township or village column
    if (c?.code?.county && f.county && (f.township ?? f.village) !== undefined && counties.has(f.county)) {
      const at = opts.countyAt?.(f.lon, f.lat);
      if (at && at !== f.county && counties.has(at)) delete f.county;
    }
    const code = f.county ?? opts.countyAt?.(f.lon, f.lat);
    let county = code ? counties.get(code) : undefined;
    // a row that lies in none of the loaded counties and names none by a county column: the township it names is
    // looked for by name in the whole list, and the one county that has it is the row's for its units (its position
    // still counts it in no county; the unit is for review, naming the row: checks' markOutsideUnitCounty), as the
    // row's outside-boundaries warning says (the user trial, s52 #1: 上村乡卫生院, placed in 东川区, read
    // 「所填乡镇…仍按所填计数」 and then 「所在县区不明…未使用」, and 上村乡 read 「无乡镇卫生院」)
    if (opts.countyAt && !county && !f.county && c?.township && !c.code && c.countyUnread === undefined) {
      const text = c.township.text;
      const found = opts.divisions ? townshipsNamed(opts.divisions, text) : [];
      if (found.length === 1) {
        county = counties.get(found[0].county.code) as County;
        const t = found[0].township;
        const km = opts.kmOutside?.(f.lon, f.lat, county.code);
        const far = km === undefined ? "" : ` ${km.toFixed(1)} km`;
        issues.push({
          file: opts.file,
          row,
          field: c.township.field,
          value: text,
          severity: "warning",
          code: "township-outside",
          message: {
            zh: `乡镇“${text}”按名称在本市名录中只对应${county.name}${t.name}（${t.code}）；本行坐标在${county.name}之外${far}，不计入${t.name}，${t.name}按待核计；请核对坐标`,
            en: `township "${text}" is, by name, only ${county.name}'s ${t.name} (${t.code}) in this city's list; the row lies${far} outside ${county.name}: not counted for ${t.name}, which is for review; check its coordinates`,
          },
        });
      } else if (found.length > 1) {
        warn(
          row,
          c.township.field,
          "ambiguous-unit-name",
          {
            zh: `“${f.name}”的坐标不在已加载的县区内，所填乡镇“${text}”在本市有 ${found.length} 个（${found.map((x) => `${x.county.name}${x.township.name}`).join("、")}），无法确定，未使用：请填县区或统计代码`,
            en: `"${f.name}" lies in none of the loaded counties, and ${found.length} townships of this city are called "${text}" (${found.map((x) => `${x.county.name} ${x.township.name}`).join(", ")}); not used: give the county or the statistical code`,
          },
          text,
        );
        return;
      }
    }
    // a row whose own township or village code is another loaded county's than the one it lies in (no county column
    // says which): its units are that county's, for review there, and no name of it is matched where it lies
    const codeCounty = !f.county && county ? (f.township ?? f.village)?.slice(0, 6) : undefined;
    const codeOther = codeCounty && codeCounty !== county?.code ? counties.get(codeCounty) : undefined;
    if (!c) {
      if (codeOther && county) {
        const unit = f.village ?? (f.township as string);
        placedElsewhere(f, row, county, codeOther, f.township, f.village);
        issues.push({
          file: opts.file,
          row,
          field: (f.village ? opts.fields?.village : opts.fields?.township) ?? (f.village ? "village" : "township"),
          value: unit,
          severity: "warning",
          code: "unit-elsewhere",
          message: elsewhereNote(f.name, unit, codeOther.name, county.name),
        });
        return;
      }
      // a health centre's name may say its township (「明化镇卫生院」), a clinic's its village
      const t = county && !codeOther ? townshipFromName(f, row, county) : undefined;
      fromName(f, row, county, t);
      return;
    }
    const notFound = (what: "乡镇" | "行政村", whatEn: string, text: string, digits: number): Message =>
      !opts.divisions
        ? {
            zh: `${what}“${text}”不是 ${digits} 位统计代码，未使用`,
            en: `${whatEn} "${text}" is not a ${digits}-digit code; not used`,
          }
        : !code
          ? {
              // neither a county the row names nor one it lies in (another city's list): said as such, not as a
              // list not loaded
              zh: `${what}“${text}”不是 ${digits} 位统计代码，所在县区不明（不在已加载的县区内），无法按名称匹配，未使用`,
              en: `${whatEn} "${text}" is not a ${digits}-digit code and its county is unknown (in none of the loaded counties), so the name cannot be matched; not used`,
            }
          : !county
            ? {
                zh: `${what}“${text}”不是 ${digits} 位统计代码，所在县区的区划名录未加载，无法按名称匹配，未使用`,
                en: `${whatEn} "${text}" is not a ${digits}-digit code and its county's division list is not loaded to match the name; not used`,
              }
            : {
                zh: `${what}“${text}”不在${county.name}的区划名录中，未使用`,
                en: `${whatEn} "${text}" is not in ${county.name}'s division list; not used`,
              };
    const several = (what: "乡镇" | "行政村", whatEn: string, text: string, n: number, where: string): Message => ({
      zh: `${where}有 ${n} 个${what}名为“${text}”，无法确定，未使用：请填统计代码`,
      en: `${n} ${whatEn}s in ${where} are called "${text}"; not used: give the statistical code`,
    });
    /** Where else a name not found is, once: the county of a township, the township of a village (the re-trial). */
    const elsewhere = (kind: "township" | "village", text: string, township?: Township): Message | undefined => {
      if (kind === "village" && county && township) {
        const hit = byName(villageIndex(county, undefined), text);
        if (!("one" in hit)) return undefined;
        const other = county.townships.find((t) => t.code === hit.one.code.slice(0, 9));
        return {
          zh: `行政村“${text}”不在${township.name}，而在${county.name}${other?.name ?? ""}（${hit.one.code}）：乡镇或行政村有误，未使用`,
          en: `village "${text}" is not in ${township.name} but in ${county.name}'s ${other?.name ?? ""} (${hit.one.code}): the township or the village is wrong; not used`,
        };
      }
      if (kind === "township" && county) {
        const here = county.code;
        const found = [...counties.values()].flatMap((o) => {
          if (o.code === here) return [];
          const hit = byName(townshipIndex(o), text);
          return "one" in hit ? [{ county: o, township: hit.one }] : [];
        });
        if (found.length !== 1) return undefined;
        const [{ county: o, township: t }] = found;
        return {
          zh: `乡镇“${text}”不在${county.name}，而在${o.name}（${t.name}，${t.code}）：县区或乡镇有误，未使用`,
          en: `township "${text}" is not in ${county.name} but in ${o.name} (${t.name}, ${t.code}): the county or the township is wrong; not used`,
        };
      }
      return undefined;
    };
    let township = county?.townships.find((t) => t.code === f.township);
    /**
     * The name of the unit the division code column names, in brackets after its code (「（郝寨镇）」), looked up in the
     * code's own county; none if not listed.
     */
    const codeUnit = (code: string) => {
      const units: Array<{ code: string; name: string }> =
        (counties.get(code.slice(0, 6)) ?? county)?.townships.flatMap(
          (t): Array<{ code: string; name: string }> => (code.length === 12 ? t.villages : [t]),
        ) ?? [];
      const v = units.find((x) => x.code === code);
      return v ? { zh: `（${v.name}）`, en: ` (${v.name})` } : { zh: "", en: "" };
    };
    /** A name that names another unit than the division code column's code: said, and the code kept. */
    const disagrees = (field: string, text: string, unit: { code: string; name: string }, code: string) => {
      const what = code.length === 12 ? "行政村" : "乡镇";
      const whatEn = code.length === 12 ? "village" : "township";
      warn(
        row,
        field,
        "unit-code-disagrees",
        {
          zh: `${what}“${text}”（名录中为${unit.name}，${unit.code}）与${c.code?.field ?? "行政区划代码"}“${c.code?.text ?? code}”${codeUnit(code).zh}不符：按代码计，请核对`,
          en: `${whatEn} "${text}" (${unit.name}, ${unit.code} in the list) disagrees with ${c.code?.field ?? "the division code"} "${c.code?.text ?? code}"${codeUnit(code).en}: the code is used; please check`,
        },
        text,
      );
    };
    let statedIn: { county: County; township?: Township } | undefined;
    /** The one other county whose township is named `text`, with that township. */
    const otherTownship = (text: string) => {
      const found = [...counties.values()].flatMap((o) => {
        if (o.code === county?.code) return [];
        const hit = byName(townshipIndex(o), text);
        return "one" in hit ? [{ county: o, township: hit.one }] : [];
      });
      return found.length === 1 ? found[0] : undefined;
    };
    // the division code column's township or village is another loaded county's than the one the row lies in (the
    // code gave the county, no county column did; the trial, s46-a: row 142, 411322112217, lies in 社旗县): the row's
    // names are checked against the code in that county (the code wins), never matched where it lies
    const codedElsewhere = c.code?.county === true && codeOther !== undefined;
    if (codedElsewhere && codeOther) {
      const t = codeOther.townships.find((x) => x.code === f.township);
      if (c.township && f.township) {
        const hit = byName(townshipIndex(codeOther), c.township.text);
        if ("one" in hit && hit.one.code !== f.township)
          disagrees(c.township.field, c.township.text, hit.one, f.township);
      }
      statedIn = { county: codeOther, ...(t ? { township: t } : {}) };
    } else if (c.township) {
      const hit = county ? byName(townshipIndex(county), c.township.text) : { count: 0 };
      if ("one" in hit && c.code && f.township && hit.one.code !== f.township)
        disagrees(c.township.field, c.township.text, hit.one, f.township);
      else if ("one" in hit) {
        township = hit.one;
        f.township = hit.one.code;
        townships++;
        otherKind(row, c.township.field, c.township.text, hit.one, "township");
      } else if (hit.count > 1 && county)
        warn(
          row,
          c.township.field,
          "ambiguous-unit-name",
          several("乡镇", "township", c.township.text, hit.count, county.name),
          c.township.text,
        );
      else {
        const other = elsewhere("township", c.township.text);
        // the county cell the odd one out: the row lies far outside the county it states, in the one county whose
        // township it names (the user trial, s49 #1: 登封市宣化镇卫生院 with 新密市 in its county cell, 10.8 km outside
        // it, left 宣化镇 「无乡镇卫生院」 while the import said the township was for review): counted there, said
        const fixed = other && county && f.outsideStatedKm !== undefined ? otherTownship(c.township.text) : undefined;
        if (fixed && county && opts.countyAt?.(f.lon, f.lat) === fixed.county.code) {
          const away = f.outsideStatedKm as number;
          issues.push({
            file: opts.file,
            row,
            field: opts.fields?.county ?? "county",
            value: county.name,
            severity: "warning",
            code: "county-by-township",
            message: {
              zh: `所填县区“${county.name}”与乡镇、坐标不符：乡镇“${c.township.text}”在${fixed.county.name}（${fixed.township.name}，${fixed.township.code}），坐标也在${fixed.county.name}（在${county.name}之外 ${away.toFixed(1)} km），按${fixed.county.name}${fixed.township.name}计入；请核对县区`,
              en: `the county given, ${county.name}, disagrees with the township and the position: township "${c.township.text}" is in ${fixed.county.name} (${fixed.township.name}, ${fixed.township.code}) and so is the point (${away.toFixed(1)} km outside ${county.name}); counted for ${fixed.county.name} ${fixed.township.name}; check the county`,
            },
          });
          countyFixed.push(row);
          f.county = fixed.county.code;
          delete f.outsideStatedKm;
          county = fixed.county;
          township = fixed.township;
          f.township = fixed.township.code;
          townships++;
        } else {
          // (a row whose county column says where it is contradicts itself, not its position: left as it was)
          if (other && !f.county) statedIn = otherTownship(c.township.text);
          // a name not found anywhere: the township the facility's own name holds, if one
          const named = !other && county ? townshipFromName(f, row, county, c.township) : undefined;
          if (named) township = named;
          else
            warn(
              row,
              c.township.field,
              other ? "unit-name-elsewhere" : "not-a-code",
              // no county column: the row lies in one county and names another's township, which is for review there,
              // said with how far the point is from it (the user trial, s48 #9: 「不在唐河县……县区或乡镇有误，未使用」 blamed a
              // county the file never gave, and the row's township was in fact for review in 桐柏县)
              statedIn && county
                ? townshipElsewhereNote(
                    f.name,
                    c.township.text,
                    statedIn.county,
                    statedIn.township,
                    county.name,
                    opts.kmOutside?.(f.lon, f.lat, statedIn.county.code),
                  )
                : (other ?? notFound("乡镇", "township", c.township.text, 9)),
              c.township.text,
            );
        }
      }
    } else if (county && !codeOther) {
      // no township cell: a health centre's name may say its township
      const t = townshipFromName(f, row, county);
      if (t) township = t;
    }
    // the row's own township is another county's (by its name or its code): its village is looked for there, never
    // matched by name where the row lies (the user trial, s46-a #3: 古庄店镇 红庙, placed in 社旗县, was credited to
    // 社旗县郝寨镇红庙村); the village it names there is for review, naming the row
    if (!statedIn && codeOther) {
      const t = codeOther.townships.find((x) => x.code === f.township);
      statedIn = { county: codeOther, ...(t ? { township: t } : {}) };
    }
    if (statedIn && county) {
      const { county: o, township: t } = statedIn;
      let village = f.village?.startsWith(o.code) ? f.village : undefined;
      // the division code column's village, which its names are checked against (the code wins)
      const coded = codedElsewhere ? village : undefined;
      let said = false;
      if (c.village) {
        const hit = byName(villageIndex(o, t), c.village.text);
        const found = "one" in hit ? hit.one : undefined;
        if (found && coded !== undefined && found.code !== coded)
          disagrees(c.village.field, c.village.text, found, coded);
        else {
          if (found) village = found.code;
          const where = `${o.name}${t ? t.name : ""}`;
          const whereEn = t ? `${o.name} ${t.name}` : o.name;
          warn(
            row,
            c.village.field,
            "unit-elsewhere",
            {
              zh: found
                ? `行政村“${c.village.text}”未在${county.name}按名称对应：本行所填乡镇属${where}，该村应为${where}${found.name}（${found.code}），按待核计，不计入${county.name}的行政村`
                : `行政村“${c.village.text}”未在${county.name}按名称对应：本行所填乡镇属${where}，而${where}中没有唯一名为“${c.village.text}”的行政村，未使用`,
              en: found
                ? `village "${c.village.text}" not matched by name in ${county.name}: the row's township is in ${whereEn}, so the village is ${whereEn} ${found.name} (${found.code}), for review there; not counted for a village of ${county.name}`
                : `village "${c.village.text}" not matched by name in ${county.name}: the row's township is in ${whereEn}, and no one village there is called "${c.village.text}"; not used`,
            },
            c.village.text,
          );
          said = true;
        }
      }
      // the division code column's unit, no village name saying it: the note on a code of another county
      if (!said && codedElsewhere && c.code) {
        const unit = f.village ?? f.township ?? c.code.text;
        warn(row, c.code.field, "unit-elsewhere", elsewhereNote(f.name, unit, o.name, county.name), c.code.text);
      }
      placedElsewhere(f, row, county, o, t?.code ?? village?.slice(0, 9), village);
      return;
    }
    /** One village name (or 12-digit code) of the row, matched in its township (or county): the village, or why not. */
    const oneVillage = (text: string): { one: Village } | { code: string; message: Message } => {
      if (/^\d{12}$/.test(text)) {
        const listed = county?.townships.flatMap((t) => t.villages).find((v) => v.code === text);
        return { one: listed ?? { code: text, name: text, kind: "village" } };
      }
      const hit = county ? byName(villageIndex(county, township), text) : { count: 0 };
      if ("one" in hit) return hit;
      if (hit.count > 1 && county)
        return {
          code: "ambiguous-unit-name",
          message: several("行政村", "village", text, hit.count, township ? township.name : county.name),
        };
      const other = elsewhere("village", text, township);
      return {
        code: other ? "unit-name-elsewhere" : "not-a-code",
        message: other ?? notFound("行政村", "village", text, 12),
      };
    };
    if (c.village) {
      const { field, text } = c.village;
      const parts = splitUnitList(text);
      let found: Village[] = [];
      for (const part of parts.length > 1 ? parts : [text]) {
        const hit = oneVillage(part);
        if ("one" in hit) {
          if (!found.some((v) => v.code === hit.one.code)) found.push(hit.one);
          otherKind(row, field, part, hit.one, "village");
        } else warn(row, field, hit.code, hit.message, parts.length > 1 ? part : text);
      }
      // the division code column's village: the clinic's own among those named; none of them, the code is kept and the
      // names are not used
      const coded = c.code ? f.village : undefined;
      if (coded !== undefined && found.length > 0) {
        const own = found.find((v) => v.code === coded);
        if (own) found = [own, ...found.filter((v) => v !== own)];
        else {
          disagrees(field, text, found[0], coded);
          found = [];
        }
      }
      if (found.length > 0) {
        f.village = found[0].code;
        // a village named alone gives its township too
        if (!f.township) f.township = found[0].code.slice(0, 9);
        villages++;
      }
      if (found.length > 1) {
        // 「王营村、丰山村」: the clinic counts for each village named (003:219), the first as its own, the others as
        // villages it serves, as a 服务行政村 column says (the user trial, s46-a #2: counted for neither, and among the
        // uncoded facilities)
        const serves = new Set([...(f.servesVillages ?? []), ...found.slice(1).map((v) => v.code)]);
        serves.delete(found[0].code);
        f.servesVillages = [...serves];
        const named = (v: Village) => `${v.name}（${v.code}）`;
        const namedEn = (v: Village) => `${v.name} (${v.code})`;
        issues.push({
          file: opts.file,
          row,
          field,
          value: text,
          severity: "note",
          code: "joint-village-clinic",
          message: {
            zh: `${field}“${text}”：按合建村卫生室计入 ${found.map(named).join("、")}（003:219「相邻行政村可合建中心村卫生室」；未规定合建的规则集只计 ${found[0].name}）`,
            en: `${field} "${text}": counted as a clinic built jointly by adjacent villages for ${found.map(namedEn).join(", ")} (003:219; rule sets without joint clinics count ${found[0].name} only)`,
          },
        });
      }
    }
    if (c.serves) {
      // names in a 服务行政村 column: in the row's township, else anywhere in its county (adjacent villages may lie in
      // two townships)
      const codes = new Set(f.servesVillages ?? []);
      for (const text of c.serves.names) {
        const near = county ? byName(villageIndex(county, township), text) : { count: 0 };
        const hit = "one" in near || !county || !township ? near : byName(villageIndex(county, undefined), text);
        if ("one" in hit) codes.add(hit.one.code);
        else
          warn(
            row,
            c.serves.field,
            hit.count > 1 ? "ambiguous-unit-name" : "not-a-code",
            hit.count > 1 && county
              ? several("行政村", "village", text, hit.count, county.name)
              : notFound("行政村", "village", text, 12),
            text,
          );
      }
      if (f.village) codes.delete(f.village);
      if (codes.size > 0) f.servesVillages = [...codes];
    }
    // (a village cell named, matched or not, is the row's word on its village: its name is not tried)
    if (!c.village) fromName(f, row, county, township);
  });
  // a township or village cell no unit was found for: its text kept on the facility, for the exports
  facilities.forEach((f, i) => {
    const c = cells.get(rows[i]);
    if (!c) return;
    if (c.township && f.township === undefined && f.statedElsewhere?.township === undefined)
      f.townshipInFile = c.township.text;
    if (c.village && f.village === undefined && f.statedElsewhere?.village === undefined)
      f.villageInFile = c.village.text;
  });
  return { issues, townships, villages, elsewhere: elsewhereRows, countyFixed };
}

/**
 * The village a clinic's name says: the part before its clinic suffix (卫生室, 卫生所, 医疗室, 诊所), when it ends in a
 * village's kind or committee (村, 社区, 村委会, 居委会 …): 「王三沟村卫生室」 → 「王三沟村」; undefined otherwise. A
 * bracketed tail and a number or 新 / 分 before the suffix are not the village's (the re-trial, s51b: 「北街村第二卫生室」
 * and 「北街村卫生室（新）」 matched no village): 「北街村第二卫生室」 → 「北街村」.
 */
export function villageInName(name: string): string | undefined {
  const bare = name.replace(/\s+/g, "").replace(/[（(][^（）()]*[）)]$/, "");
  const m =
    /^(.+?)(?:第[一二三四五六七八九十0-9]+|[一二三四五六七八九十0-9]+号|新|分)?(?:卫生室|卫生所|医疗室|诊所)$/.exec(
      bare,
    );
  const text = m?.[1];
  return text && text.length >= 3 && /(村|社区|村民委员会|居民委员会|村委会|居委会)$/.test(text) ? text : undefined;
}

/** The types whose name may say their township when the row gives none: township health centres and CHCs. */
const TOWNSHIP_CENTRE_TYPES: ReadonlySet<Facility["type"]> = new Set(["thc", "central-thc", "sub-centre", "chc"]);

/**
 * Whether a facility's own name may give it the unit its row lacks ({@link matchUnitNames}): a village clinic with no
 * village (「王三沟村卫生室」), a health centre or CHC with no township (「明化镇卫生院」).
 */
export function mayTakeUnitFromName(f: Pick<Facility, "type" | "township" | "village">): boolean {
  return (
    (f.type === "village-clinic" && f.village === undefined) ||
    (TOWNSHIP_CENTRE_TYPES.has(f.type) && f.township === undefined)
  );
}

/**
 * The note on a row (no county column) whose township name is another county's than the one it lies in: not counted
 * where it lies, its township for review in the county it names, with how far outside that county the point is.
 */
function townshipElsewhereNote(
  name: string,
  text: string,
  county: { code: string; name: string },
  township: { code: string; name: string } | undefined,
  liesIn: string,
  km: number | undefined,
): Message {
  const far = km !== undefined && km > 0 ? `，距${county.name}边界 ${km.toFixed(1)} km` : "";
  const farEn = km !== undefined && km > 0 ? `, ${km.toFixed(1)} km outside ${county.name}` : "";
  return {
    zh: `“${name}”所填乡镇“${text}”属${county.name}${township ? `（${township.name}，${township.code}）` : ""}，而坐标在${liesIn}${far}：不计入${liesIn}的乡镇、行政村，${county.name}的该乡镇及所填行政村按待核计；请核对坐标或乡镇`,
    en: `"${name}" gives the township "${text}", which is ${county.name}'s${township ? ` (${township.name}, ${township.code})` : ""}, but lies in ${liesIn}${farEn}: not counted for a township or village of ${liesIn}, and that township of ${county.name} and the village the row gives are for review; check the coordinates or the township`,
  };
}

/** The note on a row whose township or village code is another county's than the one it lies in. */
function elsewhereNote(name: string, code: string, statedCounty: string, liesIn: string): Message {
  return {
    zh: `“${name}”所填区划代码 ${code} 属${statedCounty}，而坐标在${liesIn}：不计入${liesIn}的乡镇、行政村，${statedCounty}的该单位按待核计；请核对坐标或代码`,
    en: `"${name}" gives the division code ${code}, which is ${statedCounty}'s, but lies in ${liesIn}: not counted for a township or village of ${liesIn}, and that unit of ${statedCounty} is for review; check the coordinates or the code`,
  };
}

/**
 * The codes of refused rows' township and village names ({@link RejectedFacility}), matched in the city's division list
 * as {@link matchUnitNames} matches an imported row's, but with no position to tell the county: in the county the row
 * names, else in the one county of the city where the name is found once (a name found in two counties, or twice in
 * one, stays a name, matched to nothing). A village named alone gives its township too.
 */
export function placeRejectedFacilities(
  rows: readonly RejectedFacility[],
  divisions: Divisions | null | undefined,
): RejectedFacility[] {
  if (!divisions) return [...rows];
  const one = <T>(hits: T[]): T | undefined => (hits.length === 1 ? hits[0] : undefined);
  return rows.map((r) => {
    // a village clinic with no village: the village its name says, as a placed row's (matchUnitNames)
    const named =
      r.type === "village-clinic" && !r.village && r.villageName === undefined ? villageInName(r.name) : undefined;
    if (r.townshipName === undefined && r.villageName === undefined && named === undefined) return r;
    const counties = divisions.counties.filter((c) => !r.county || c.code === r.county);
    const out: RejectedFacility = { ...r };
    let township: { county: County; township: Township } | undefined;
    if (r.township) {
      const c = counties.find((c) => r.township?.startsWith(c.code));
      const t = c?.townships.find((t) => t.code === r.township);
      if (c && t) township = { county: c, township: t };
    } else if (r.townshipName !== undefined) {
      const text = r.townshipName;
      township = one(
        counties.flatMap((c) => {
          const hit = byName(nameIndex(c.townships, "township", [c.name]), text);
          return "one" in hit ? [{ county: c, township: hit.one }] : [];
        }),
      );
      if (township) {
        out.township = township.township.code;
        delete out.townshipName;
      }
    }
    const villageText = r.villageName ?? named;
    if (!r.village && villageText !== undefined) {
      const where = township ? [township.county] : counties;
      const villageNamed = (text: string) =>
        one(
          where.flatMap((c) => {
            const list = township ? township.township.villages : c.townships.flatMap((t) => t.villages);
            const hit = byName(nameIndex(list, "village", [c.name, ...c.townships.map((t) => t.name)]), text);
            return "one" in hit ? [hit.one] : [];
          }),
        );
      // 「王营村、丰山村」: a clinic built jointly by adjacent villages (003:219), each name matched as a placed row's are
      // (matchUnitNames), the first its own village, the others villages it serves
      const found = splitUnitList(villageText).flatMap((text) => villageNamed(text) ?? []);
      const village = found[0];
      if (village) {
        out.village = village.code;
        delete out.villageName;
        if (!out.township) out.township = village.code.slice(0, 9);
        const serves = new Set([...(r.attributes?.servesVillages ?? []), ...found.slice(1).map((v) => v.code)]);
        serves.delete(village.code);
        if (serves.size > 0) out.attributes = { ...r.attributes, servesVillages: [...serves] };
      }
    }
    return out;
  });
}
