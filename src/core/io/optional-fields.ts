import type { Facility } from "../model";
import { guessHospitalKind, parseGrade, parseOwnership } from "./classify";
import type { SourceRecord } from "./facility-records";
import { excelScientific, notACount, parseDecimal, shortValue } from "./numbers";
import type { ColumnMapping, Message } from "./types";
import type { UnitNameCells } from "./unit-names";

function message(zh: string, en: string): Message {
  return { zh, en };
}

/**
 * The most beds or staff of one kind one facility is taken to have: China's largest hospitals have about 10,000 beds,
 * so a greater figure is a typing or unit error.
 */
export const MAX_FACILITY_COUNT = 20_000;

/** A count's problem, with what follows from it: the cell is not used (the row is kept). */
function unused(why: Message): Message {
  return { zh: `${why.zh}，未使用`, en: `${why.en}; not used` };
}

/** Staff columns and how their values are named in messages. */
const STAFF_FIELDS: Array<["doctors" | "nurses" | "pharmacists" | "gps", Message]> = [
  ["doctors", { zh: "执业（助理）医师数", en: "doctors" }],
  ["nurses", { zh: "注册护士数", en: "nurses" }],
  ["pharmacists", { zh: "药师（士）数", en: "pharmacists" }],
  ["gps", { zh: "全科医生数", en: "general practitioners" }],
];

function parseBool(text: string): boolean | undefined {
  const s = text.trim().toLowerCase();
  if (["true", "1", "yes", "y", "是", "t"].includes(s)) return true;
  if (["false", "0", "no", "n", "否", "f", ""].includes(s)) return false;
  return undefined;
}

/** A county name as written, for matching: spaces removed. */
export function normCountyName(s: string): string {
  return s.trim().replace(/\s+/g, "");
}

/**
 * A division code cell's digits: full-width digits as ASCII (「４１１３２２」), and a number Excel wrote in scientific
 * notation restored when it kept every digit (「4.11322105223E+11」 is 411322105223); `lost` when it did not.
 */
export function unitCodeDigits(text: string): { code: string } | { lost: Message } {
  const t = text.trim().replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  const sci = /^(\d)(?:\.(\d+))?E\+(\d+)$/i.exec(t);
  if (sci) {
    const fraction = sci[2] ?? "";
    const exponent = Number(sci[3]);
    if (fraction.length > exponent) return { code: t };
    if (fraction.length < exponent) return { lost: excelScientific(t) as Message };
    return { code: sci[1] + fraction };
  }
  return { code: t };
}

/** Adds a warning about one field of the record being converted. */
export type Warn = (field: string, code: string, msg: Message, value?: string) => void;

/**
 * The optional fields of a facility (county, township, village, beds, grade, hospital kind, ownership, proposed,
 * invented) from their columns, each checked; a value that cannot be used is left out with a warning. "Missing"
 * warnings only where a rule needs the field: county for all, township for township health centres, village for
 * village clinics.
 */
export function readOptionalFields(
  rec: SourceRecord,
  f: Facility,
  ctx: {
    typeCell: string;
    mapping: ColumnMapping;
    countyByName: Map<string, string>;
    /** The loaded counties' names by code, for the note on a county cell read by another kind's name. */
    countyNameOf?: Map<string, string>;
    warn: Warn;
    /** Adds a note (not a doubt) about one field: a reading worth checking, as 「登封县」 read as 登封市. */
    note?: Warn;
    /** Township and village cells that are not codes, by row, to be matched by name ({@link matchUnitNames}). */
    unitNames?: Map<number, UnitNameCells>;
    /**
     * Collects the county cells that are not the code read from them (a name, 镇平县; a 9- or 12-digit code), by row:
     * what the file said, for the issues about the row's county ({@link checkStatedCounty}).
     */
    countyCells?: Map<number, string>;
  },
): void {
  const { typeCell, mapping, countyByName, warn, unitNames } = ctx;
  const byName = (key: "township" | "village", field: string, text: string) => {
    const cells = unitNames?.get(rec.row) ?? {};
    cells[key] = { field, text };
    unitNames?.set(rec.row, cells);
  };
  const { type, name } = f;
  // the division code column's code (行政区划代码): its length says whether it is a village's, a township's or a county's
  const unit = unitCode(rec, mapping.unitCode, warn);
  if (mapping.county) {
    const c = rec.get(mapping.county).trim();
    if (c === "") warn(mapping.county, "missing-optional", message("所属县区为空", "county is empty"));
    else if (/^\d{6}$/.test(c)) f.county = c;
    else if (/^\d{6}0{6}$/.test(c) || /^\d{6}0{3}$/.test(c)) f.county = c.slice(0, 6);
    else {
      const exact = countyByName.get(normCountyName(c));
      const code = exact ?? countyByName.get(normCountyName(c).replace(/(自治县|县|区|市)$/, ""));
      // a name of another kind than the county's (「登封县」 for 登封市: the name before 撤县设市, or a slip): read, and said
      // (the user trial, s49 #10: taken silently)
      const named = code !== undefined ? ctx.countyNameOf?.get(code) : undefined;
      const kind = (s: string) => /(自治县|县|区|市)$/.exec(s)?.[1];
      if (code && exact === undefined && named && kind(c) && kind(named) !== kind(c))
        ctx.note?.(
          mapping.county,
          "county-name-other-kind",
          message(
            `所属县区“${c}”按名称对应为${named}（${code}）：“${kind(c)}”与“${kind(named)}”不同（或为撤县设市、撤县设区前的名称），请核对`,
            `county "${c}" matched by name to ${named} (${code}): 「${kind(c)}」 is not 「${kind(named)}」 (perhaps its name before it became a city or district); check it`,
          ),
          c,
        );
      if (code) f.county = code;
      else {
        // (the row's county is then unknown but not unsaid: its township is not looked for by name in other counties)
        if (unitNames) unitNames.set(rec.row, { ...(unitNames.get(rec.row) ?? {}), countyUnread: c });
        warn(
          mapping.county,
          "unresolved-county",
          message(
            `所属县区“${c}”不是 6 位代码且无法按名称匹配`,
            `county "${c}" is not a 6-digit code and matches no county name`,
          ),
          c,
        );
      }
    }
    if (f.county !== undefined && f.county !== c) ctx.countyCells?.set(rec.row, c);
  }
  if (mapping.township) {
    const t = rec.get(mapping.township).trim();
    if (t === "") {
      if ((type === "thc" || type === "central-thc" || type === "sub-centre") && (unit?.length ?? 0) < 9)
        warn(mapping.township, "missing-optional", message("乡镇为空", "township is empty"));
    } else if (excelScientific(t)) warn(mapping.township, "excel-scientific", excelScientific(t) as Message, t);
    else if (/^\d{9}$/.test(t)) f.township = t;
    else if (/^\d{9}000$/.test(t)) f.township = t.slice(0, 9);
    else if (unitNames && !/^\d+$/.test(t)) byName("township", mapping.township, t);
    else
      warn(
        mapping.township,
        "not-a-code",
        message(`乡镇“${t}”不是 9 位统计代码，未使用`, `township "${t}" is not a 9-digit code; not used`),
        t,
      );
  }
  if (mapping.village) {
    const v = rec.get(mapping.village).trim();
    if (v === "") {
      if (type === "village-clinic" && unit?.length !== 12)
        warn(mapping.village, "missing-optional", message("行政村为空", "village is empty"));
    } else if (excelScientific(v)) warn(mapping.village, "excel-scientific", excelScientific(v) as Message, v);
    else if (/^\d{12}$/.test(v)) f.village = v;
    else if (unitNames && !/^\d+$/.test(v)) byName("village", mapping.village, v);
    else
      warn(
        mapping.village,
        "not-a-code",
        message(`行政村“${v}”不是 12 位统计代码，未使用`, `village "${v}" is not a 12-digit code; not used`),
        v,
      );
  }
  if (unit !== undefined && mapping.unitCode) applyUnitCode(rec.row, f, unit, mapping, warn, ctx);
  /**
   * A facility's count of beds or staff: a whole number from 0 to {@link MAX_FACILITY_COUNT}; any other value is
   * warned and not used (the GIS trial: one row's 99999999999999999999 beds turned the city's beds per 1,000 to pass).
   */
  const count = (col: string | undefined, what: Message): number | undefined => {
    if (!col) return undefined;
    const b = rec.get(col).trim();
    if (b === "") return undefined;
    // thousands separators ("1,200") are read as such, not as a decimal comma
    const n = parseDecimal(/^\d{1,3}([,，]\d{3})+$/.test(b) ? b.replace(/[,，]/g, "") : b);
    const v = shortValue(b);
    if (!Number.isFinite(n) || n < 0) warn(col, n < 0 ? "below-zero" : "not-a-number", unused(notACount(what, b)), v);
    else if (!Number.isInteger(n))
      warn(
        col,
        "not-a-whole-number",
        unused(message(`${what.zh}“${v}”不是整数`, `${what.en} "${v}" is not a whole number`)),
        v,
      );
    else if (n > MAX_FACILITY_COUNT)
      warn(
        col,
        "implausible-count",
        unused(
          message(
            `${what.zh}“${v}”超过单个机构的合理上限 ${MAX_FACILITY_COUNT}`,
            `${what.en} "${v}" is above ${MAX_FACILITY_COUNT.toLocaleString("en")}, more than any one facility has`,
          ),
        ),
        v,
      );
    else return n;
    return undefined;
  };
  const beds = count(mapping.beds, message("床位数", "beds"));
  if (beds !== undefined) f.beds = beds;
  const infectious = count(mapping.infectiousBeds, message("传染病床位数", "infectious-disease beds"));
  if (infectious !== undefined) f.infectiousBeds = infectious;
  const staff: NonNullable<Facility["staff"]> = {};
  for (const [key, what] of STAFF_FIELDS) {
    const n = count(mapping[key], what);
    if (n !== undefined) staff[key] = n;
  }
  if (Object.keys(staff).length > 0) f.staff = staff;
  if (mapping.servesVillages) {
    const cell = rec.get(mapping.servesVillages).trim();
    if (cell !== "") {
      // the GeoJSON and Shapefile exports write the list as a JSON array (["411302001003"]): its brackets and quotes
      // are not part of the codes
      const parts = cell
        .replace(/^\[(.*)\]$/, "$1")
        .replace(/"/g, " ")
        .split(/[\s,，;；、/|]+/)
        .filter((x) => x !== "");
      const codes = parts.filter((x) => /^\d{12}$/.test(x));
      // names (「丰山村」) are matched as a village cell's are, once the county is known ({@link matchUnitNames})
      const names = unitNames ? parts.filter((x) => !/^\d+$/.test(x)) : [];
      const bad = parts.filter((x) => !/^\d{12}$/.test(x) && !names.includes(x));
      if (codes.length > 0) f.servesVillages = codes;
      if (names.length > 0) {
        const cells = unitNames?.get(rec.row) ?? {};
        cells.serves = { field: mapping.servesVillages, names };
        unitNames?.set(rec.row, cells);
      }
      if (bad.length > 0)
        warn(
          mapping.servesVillages,
          "not-a-code",
          message(
            `服务行政村中“${shortValue(bad.join("、"))}”不是 12 位统计代码，未使用`,
            `served villages "${shortValue(bad.join(", "))}" are not 12-digit codes; not used`,
          ),
          shortValue(cell),
        );
    }
  }
  if (mapping.grade) {
    const g = rec.get(mapping.grade).trim();
    if (g !== "") {
      const grade = parseGrade(g);
      if (grade) f.grade = grade;
      else if (!/未定级|无|^-$/.test(g))
        warn(mapping.grade, "unknown-grade", message(`等级“${g}”无法识别`, `grade "${g}" not recognised`), g);
    }
  }
  if (type === "hospital" || mapping.hospitalKind) {
    const kindCell = rec.get(mapping.hospitalKind).trim();
    if (type === "hospital") f.hospitalKind = guessHospitalKind(name, kindCell || typeCell);
    // a county medical centre is a hospital too (a county's TCM hospital may lead its 医共体): its kind as the file
    // gives it, kept (it was dropped on every import, the GIS trial); none given, the rules take it as general
    else if (type === "county-medical-centre" && kindCell !== "") f.hospitalKind = guessHospitalKind(name, kindCell);
  }
  if (mapping.ownership) {
    const o = rec.get(mapping.ownership).trim();
    if (o !== "") {
      const own = parseOwnership(o);
      if (own) f.ownership = own;
      else
        warn(
          mapping.ownership,
          "unknown-ownership",
          message(`性质“${o}”无法识别`, `ownership "${o}" not recognised`),
          o,
        );
    }
  }
  for (const key of ["proposed", "invented"] as const) {
    const col = mapping[key];
    if (!col) continue;
    const cell = rec.get(col);
    const b = parseBool(cell);
    if (b === true) f[key] = true;
    else if (b === undefined)
      warn(col, "not-a-boolean", message(`“${cell}”不是是/否`, `"${cell}" is not a yes/no value`), cell);
  }
}

/** The row's code in the division code column: 6, 9 or 12 digits (a 9- or 12-digit code with trailing zeros kept). */
function unitCode(rec: SourceRecord, column: string | undefined, warn: Warn): string | undefined {
  if (!column) return undefined;
  const raw = rec.get(column).trim();
  if (raw === "") return undefined;
  const read = unitCodeDigits(raw);
  if ("lost" in read) {
    warn(column, "excel-scientific", read.lost, raw);
    return undefined;
  }
  const code = read.code;
  if (/^\d{6}$|^\d{9}$|^\d{12}$/.test(code)) return code;
  warn(
    column,
    "not-a-code",
    message(
      `行政区划代码“${raw}”不是 6 位县级、9 位乡镇或 12 位村级统计代码，未使用`,
      `division code "${raw}" is not a 6-digit county, 9-digit township or 12-digit village code; not used`,
    ),
    raw,
  );
  return undefined;
}

/**
 * The division code column's code gives the row's county, township and village (as many as its length holds) where
 * their own columns give no code; where they give one that disagrees, the code is not used and the row says so (the
 * columns name one field each). Names in those columns are checked against it when they are matched
 * ({@link matchUnitNames}, where the code wins).
 */
function applyUnitCode(
  row: number,
  f: Facility,
  code: string,
  mapping: ColumnMapping,
  warn: Warn,
  ctx: { unitNames?: Map<number, UnitNameCells>; countyCells?: Map<number, string> },
): void {
  const column = mapping.unitCode as string;
  const levels = [
    { key: "county", digits: 6, zh: "所属县区" },
    { key: "township", digits: 9, zh: "乡镇" },
    { key: "village", digits: 12, zh: "行政村" },
  ] as const;
  for (const l of levels) {
    if (code.length < l.digits) break;
    const mine = f[l.key];
    const theirs = code.slice(0, l.digits);
    if (mine !== undefined && mine !== theirs) {
      warn(
        column,
        "unit-code-disagrees",
        message(
          `行政区划代码“${code}”与${l.zh}列的代码“${mine}”不符：按${l.zh}列计，本列未使用，请核对`,
          `division code "${code}" disagrees with the ${l.key} column's code "${mine}": the ${l.key} column is used, not this one; please check`,
        ),
        code,
      );
      return;
    }
  }
  const before = f.county;
  for (const l of levels) if (code.length >= l.digits && f[l.key] === undefined) f[l.key] = code.slice(0, l.digits);
  if (before === undefined && f.county !== undefined) ctx.countyCells?.set(row, code);
  if (ctx.unitNames) {
    const cells = ctx.unitNames.get(row) ?? {};
    cells.code = {
      field: column,
      text: code,
      ...(before === undefined && f.county !== undefined ? { county: true } : {}),
    };
    ctx.unitNames.set(row, cells);
  }
}
