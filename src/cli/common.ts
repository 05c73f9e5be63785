import { readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon } from "geojson";
import type {
  AnalysisInput,
  ColumnMapping,
  CountyPopulation,
  CountyProps,
  CrsId,
  DemandPoint,
  Divisions,
  Facility,
  RejectedFacility,
  RowIssue,
  RuleSet,
} from "../core";
import {
  absentKindsIssue,
  CountyLocator,
  contextCountyIssues,
  counted,
  countyFeatures,
  detectFormat,
  editDistance,
  fileExt,
  fileStem,
  importedFacilities,
  keptForReview,
  listScopeIssue,
  normalizeCrs,
  parseBoundaryFile,
  parseFacilityFile,
  parsePopulationTable,
  placeOutsideRows,
  RECORD_UNIT_ZH,
  recordUnit,
  SHAPEFILE_PARTS,
  shapefileSet,
  thinCountyIssues,
  ungradedHospitalsIssue,
  validateBoundaries,
  withoutReplaced,
} from "../core";
import { isStamped } from "./boundary-stamps";
import { REPO_ROOT } from "./paths";

/** Cities with bundled boundary data (geodata/counties-<city>.geojson). */
export const CITIES = ["nanyang", "pingdingshan", "nangong", "yichun"] as const;

/** A city name accepted by `--city`. */
export type City = (typeof CITIES)[number];

/** A coordinate system accepted by `--crs`: wgs84, gcj02, bd09 or a projection by its EPSG code. */
export type Crs = CrsId;

/**
 * The `--crs` value as a coordinate system: wgs84, gcj02 or bd09 (and their other names: cgcs2000, amap, baidu …), or
 * a projection by EPSG code, CGCS2000 3° Gauss–Krüger (EPSG:4513–4554) or WGS84 UTM north (EPSG:32601–32660), for a
 * table or a Shapefile without .prj in metres (the GIS trial).
 */
export function crsOption(errors: string[], v: string, name = "crs"): Crs {
  const crs = normalizeCrs(v);
  if (crs) return crs;
  errors.push(
    optionError(
      name,
      `“${v}” 不是 wgs84、gcj02、bd09 或 EPSG:4513–4554（CGCS2000 3 度带高斯投影）、EPSG:32601–32660（UTM）之一`,
      `"${v}" is not one of wgs84, gcj02, bd09, EPSG:4513–4554 (CGCS2000 3° Gauss–Krüger) or EPSG:32601–32660 (UTM)`,
    ),
  );
  return "wgs84";
}

export { REPO_ROOT } from "./paths";

/** Warnings printed before the rest are summarised as a count (errors are always all printed). */
export const MAX_WARNINGS_SHOWN = 20;

/** Error lines printed on screen before the rest are counted (the full list goes to DIR/rejected.csv). */
export const MAX_ERRORS_SHOWN = 50;

/** The first `max` lines, then one counting the rest (and saying where they are, if `where` is given). */
export function capLines(lines: readonly string[], max: number, where?: string): string[] {
  if (lines.length <= max) return lines.slice();
  const more = lines.length - max;
  return [
    ...lines.slice(0, max),
    `…… 另有 ${more} 条未显示${where ? `，完整列表见 ${where}` : ""} / ${more} more not shown${where ? `; the full list is in ${where}` : ""}`,
  ];
}

/** A user-facing error: exit code 2 with these lines (at most {@link MAX_ERRORS_SHOWN}, then a count). */
export class InputError extends Error {
  readonly lines: string[];
  constructor(lines: string[]) {
    const shown = capLines(lines, MAX_ERRORS_SHOWN);
    super(shown.join("\n"));
    this.lines = shown;
  }
}

/**
 * An argument error in the project's form: Chinese first, then English, each half naming the option
 * (「参数 --radius-km：“abc” 不是数字 / option --radius-km: "abc" is not a number」).
 */
export function optionError(option: string, zh: string, en: string): string {
  // no space between a closing full-width bracket and the slash: 「（必需）/ missing …」
  return `参数 --${option}：${zh}${/[）」]$/.test(zh) ? "" : " "}/ option --${option}: ${en}`;
}

/** The error of a required option left out: 「缺少参数 --facilities（必需）/ missing required option --facilities」. */
export function missingOption(option: string): string {
  return `缺少参数 --${option}（必需）/ missing required option --${option}`;
}

/** The error of an option given without its value: 「参数 --out 缺少取值 / option --out needs a value」. */
function missingValue(option: string): string {
  return `参数 --${option} 缺少取值 / option --${option} needs a value`;
}

/** Command-line tokens split into `--name value` / `--name=value` options, bare flags and error lines. */
export interface ScannedArgs {
  /** Option name (without `--`) → value; a repeated option keeps its last value. */
  raw: Map<string, string>;
  /** Bare flags that were given (names without `--`). */
  flags: Set<string>;
  /** One line per unknown argument or option without a value. */
  errors: string[];
}

/**
 * Splits `argv` into options taking a value (`valueOptions`) and bare flags (`flags`); unknown arguments and
 * options without a value become error lines (zh / en), it never throws.
 */
export function scanArgs(argv: string[], valueOptions: readonly string[], flags: readonly string[] = []): ScannedArgs {
  const errors: string[] = [];
  const raw = new Map<string, string>();
  const given = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(a);
    if (m && flags.includes(m[1]) && m[2] === undefined) {
      given.add(m[1]);
      continue;
    }
    if (!m || !valueOptions.includes(m[1])) {
      if (!m && !a.startsWith("-")) {
        errors.push(
          `多余的参数 “${a}”（参数写作 --name 值）/ unexpected argument "${a}" (options are written --name value)`,
        );
        continue;
      }
      errors.push(unknownOption(a, m?.[1], [...valueOptions, ...flags]));
      // the word after an unknown --name is taken as its value, not reported again as a stray argument
      if (m && m[2] === undefined && argv[i + 1] !== undefined && !argv[i + 1].startsWith("-")) i++;
      continue;
    }
    const v = m[2] ?? argv[++i];
    if (v === undefined || (m[2] === undefined && v.startsWith("--"))) {
      errors.push(missingValue(m[1]));
      if (v?.startsWith("--")) i--;
      continue;
    }
    // an option given twice: refused, not the last one taken unsaid (the CLI trial, s54b H1: a second --facilities
    // replaced the first, whose 25 rows went unanalysed, exit 0)
    const before = raw.get(m[1]);
    if (before !== undefined && before !== v) {
      errors.push(repeatedOption(m[1], before, v));
      continue;
    }
    raw.set(m[1], v);
  }
  return { raw, flags: given, errors };
}

/** The error of an option given twice with two values: each option takes one; facility lists are joined first. */
function repeatedOption(name: string, first: string, second: string): string {
  const joinZh = name === "facilities" ? "；第二份设施清单请用 --add-facilities 追加（或先合并为一个文件）" : "";
  const joinEn =
    name === "facilities" ? "; give a second facility list with --add-facilities (or join them in one file first)" : "";
  return `参数 --${name} 给了两次（“${first}”与“${second}”），只能取一个值${joinZh} / option --${name} is given twice ("${first}" and "${second}") and takes one value${joinEn}`;
}

/**
 * The error of an unknown option, naming the options it may have meant: those that contain its name or are contained
 * in it (「--radius」: 「--rural-radius-km」), else those within two letters of it (「--facilites」), three at most.
 */
function unknownOption(arg: string, name: string | undefined, known: readonly string[]): string {
  let near = name ? known.filter((k) => k.includes(name) || name.includes(k)) : [];
  if (name && near.length === 0) near = known.filter((k) => editDistance(k, name) <= 2);
  near = near.slice(0, 3).map((k) => `--${k}`);
  if (near.length === 0) return `未知参数 ${arg} / unknown option ${arg}`;
  const en = near.length === 1 ? near[0] : `${near.slice(0, -1).join(", ")} or ${near.at(-1)}`;
  return `未知参数 ${arg}（是否指 ${near.join("、")}？）/ unknown option ${arg} (did you mean ${en}?)`;
}

/** Adds an error line to `errors` for each of `names` missing from `raw`. */
export function requireOptions(raw: Map<string, string>, names: readonly string[], errors: string[]): void {
  // an option given without its value has its own line already
  for (const req of names) if (!raw.has(req) && !errors.includes(missingValue(req))) errors.push(missingOption(req));
}

/** Returns `v` as one of `list`; if it is not, adds an error line naming option `--name` (the value is returned unchecked). */
export function oneOf<T extends string>(errors: string[], name: string, v: string, list: readonly T[]): T {
  if (!(list as readonly string[]).includes(v))
    errors.push(optionError(name, `“${v}” 不是 ${list.join("、")} 之一`, `"${v}" is not one of ${list.join(", ")}`));
  return v as T;
}

/** What a file is, in each language: 「设施文件」 / "facility file". */
export interface FileKind {
  zh: string;
  en: string;
}

/** Why a file cannot be read, in each language; the system's own text (English) only for a reason not listed. */
function readFailure(e: NodeJS.ErrnoException): { zh: string; en: string } {
  switch (e.code) {
    case "ENOENT":
      return { zh: "文件不存在", en: "no such file" };
    case "EACCES":
    case "EPERM":
      return { zh: "没有读取权限", en: "permission denied" };
    case "EISDIR":
      return { zh: "这是一个文件夹", en: "it is a folder" };
    default:
      return { zh: `系统错误 ${e.code ?? ""}`.trim(), en: e.message };
  }
}

/**
 * Reads a whole file; throws InputError naming the file and `what` if it cannot: 「无法读取设施文件 a.csv（文件不存在）/
 * cannot read the facility file a.csv (no such file)」, each language on its own.
 */
export function readBytes(file: string, what: FileKind): Uint8Array {
  try {
    return new Uint8Array(readFileSync(file));
  } catch (e) {
    const why = readFailure(e as NodeJS.ErrnoException);
    throw new InputError([`无法读取${what.zh} ${file}（${why.zh}）/ cannot read the ${what.en} ${file} (${why.en})`]);
  }
}

/**
 * Reads a GIS input file as the readers take it: a Shapefile named by any one of its files (`a.shp`, or `a.dbf`) is
 * read with the other files of its set from the same folder (.shp, .shx, .dbf, .prj, .cpg of the same base name,
 * any case) and given under the .shp's name, as the app takes a set chosen together (the GIS trial: a bare .shp was
 * refused with the advice to zip it). Any other file is read as it is. Throws InputError as {@link readBytes} does;
 * a part whose .shp is not beside it is read alone, and the reader says what it is.
 */
export function readInputFile(file: string, what: FileKind): { bytes: Uint8Array; name: string } {
  const name = basename(file);
  if (!SHAPEFILE_PARTS.includes(fileExt(name))) return { bytes: readBytes(file, what), name };
  const dir = dirname(file);
  const stem = fileStem(name);
  let siblings: string[] = [];
  try {
    siblings = readdirSync(dir).filter((n) => fileStem(n) === stem && SHAPEFILE_PARTS.includes(fileExt(n)));
  } catch {
    // the folder cannot be listed: read the file alone, and readBytes names the failure
  }
  const shp = siblings.find((n) => n.toLowerCase().endsWith(".shp"));
  if (!shp) return { bytes: readBytes(file, what), name };
  const set = shapefileSet(siblings.map((n) => ({ name: n, bytes: readBytes(join(dir, n), what) })));
  return set ? { bytes: set.bytes, name: set.name } : { bytes: readBytes(file, what), name };
}

/** Reads and parses a JSON file; throws InputError naming the file if it cannot be read or is not valid JSON. */
export function readJson(file: string, what: FileKind): unknown {
  return parseJson(file, readBytes(file, what));
}

function parseJson(file: string, bytes: Uint8Array): unknown {
  const text = new TextDecoder().decode(bytes);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new InputError([`${file}: 不是有效的 JSON / not valid JSON: ${(e as Error).message}`]);
  }
}

/**
 * The analysis input of a command that reads a facility list (`analyze`, `report`): the list counts as loaded (a kind
 * missing from it is missing from the county), its rows refused for their position make their units for review, and a
 * list other than the shipped sample names the counties it leaves out (`listImported`); the optional inputs as read.
 */
export function listAnalysisInput(
  x: Omit<AnalysisInput, "facilitiesLoaded" | "listImported" | "demand" | "divisions"> & {
    shipped: boolean;
    divisions?: Divisions | null;
    demand?: { points: DemandPoint[] } | null;
  },
): AnalysisInput {
  const { shipped, demand, divisions, ...rest } = x;
  return {
    ...rest,
    facilitiesLoaded: true,
    listImported: !shipped,
    ...(divisions ? { divisions } : {}),
    ...(demand ? { demand: demand.points } : {}),
  };
}

/** Counties' English (pinyin) names by code, as the app's map labels use them: the English texts of violations name counties so. */
export function countyNamesEn(): Record<string, string> {
  const file = readJson(join(REPO_ROOT, "geodata", "china", "county-names-en.json"), {
    zh: "县区英文名表",
    en: "county English name table",
  });
  return (file as { names: Record<string, string> }).names;
}

/** How {@link formatIssue} names a whole file's issue (row 0), where it would name a row. */
export const WHOLE_FILE = "整个文件 whole file";

/** The most characters of an issue's value a console line shows ({@link formatIssue}). */
const MAX_VALUE_SHOWN = 120;

/** One line per issue: file, row, field, message (zh / en). */
export function formatIssue(i: Pick<RowIssue, "file" | "row" | "field" | "value" | "message" | "severity">): string {
  // a GeoJSON's or KML's feature, a Shapefile's record, a table's row, as the app names them (the GIS trial)
  const unit = recordUnit(i.file);
  const where =
    i.row <= 0
      ? WHOLE_FILE
      : unit === "feature"
        ? `第 ${i.row} 个要素 feature ${i.row}`
        : unit === "record"
          ? `第 ${i.row} 条记录 record ${i.row}`
          : `第 ${i.row} 行 row ${i.row}`;
  const field = i.field ? `，字段 field “${i.field}”` : "";
  // a long value (every row of a whole-file note: 31,511 characters for 南宫's sample, the re-trial s50b L5) is cut on
  // the console; the message names the rows it is about, and the issue list (rejected.csv) keeps the value whole
  const shown =
    i.value !== undefined && i.value.length > MAX_VALUE_SHOWN ? `${i.value.slice(0, MAX_VALUE_SHOWN)}…` : i.value;
  const value = shown !== undefined && shown !== "" ? `（值 value “${shown}”）` : "";
  const tag = i.severity === "error" ? "错误 error" : i.severity === "note" ? "说明 note" : "警告 warning";
  return `${i.file}: ${where}${field}${value}: [${tag}] ${i.message.zh} / ${i.message.en}`;
}

/** Whole-file warnings that say why a file gave nothing: printed with its errors when the run stops on them. */
const EXPLAINS_ERRORS = new Set(["other-sheets-not-read", "formulas-without-values"]);

/** The issue codes of a row that is likely an earlier row entered again: an exact copy, or one a few metres off. */
const DUPLICATE_CODES = new Set(["duplicate-row", "possible-duplicate", "same-name"]);

/**
 * A command's facility count line: analysed (or read), rejected and, when there are any, the rows kept that are
 * likely an earlier row entered again (with the `--drop-rows` that strikes them out) and those whose type text is not
 * a known facility category (「火星医院」 taken as a hospital for its 医院): each also a 【存疑】 warning line.
 */
export function facilitiesLine(
  n: number,
  rejected: number,
  issues: ReadonlyArray<Pick<RowIssue, "code" | "file" | "row"> & { message?: RowIssue["message"] }>,
  verb: "analysed" | "read" = "analysed",
  outside = 0,
): string {
  // a row struck out by --drop-rows is not among the doubtful ones kept (the re-trial: 火星医院 struck out still counted)
  const struckRows = new Set(issues.filter((i) => i.code === "dropped-by-user").map((i) => `${i.file}:${i.row}`));
  const unknown = issues.filter((i) => i.code === "unknown-category" && !struckRows.has(`${i.file}:${i.row}`)).length;
  // facilities lying in no county of the run (no code of one either) are kept, not analysed in any county (the GIS
  // trial: 「设施 50000 条已分析」 while 5,635 lay outside): said apart
  const out = outside
    ? {
        zh: `，${outside} 条不在任何县区内（不计入各县核查，仅跨县覆盖时作急救点计）`,
        en: `, ${counted(outside, "facility lies", "facilities lie")} in no county (not in any county's checks; an EMS point only with cross-border cover)`,
      }
    : { zh: "", en: "" };
  // rows struck out by --drop-rows are said apart from the refused ones, as the app's report says 「用户剔除」
  const struckIssues = issues.filter((i) => i.code === "dropped-by-user");
  const struck = struckIssues.length;
  // by the option that struck them: the added file's are --add-drop-rows' (the re-check, s55e N3)
  const options = [
    ...new Set(
      struckIssues.map((i) => (i.message?.en.includes("--add-drop-rows") ? "--add-drop-rows" : "--drop-rows")),
    ),
  ].sort((a, b) => a.length - b.length);
  const dropped = struck
    ? {
        zh: `，${struck} 行按 ${options.join("、")} 剔除`,
        en: `, ${counted(struck, "row", "rows")} struck out by ${options.join(" and ")}`,
      }
    : { zh: "", en: "" };
  // rows that are likely an earlier row again (an exact copy, or the same name and type within 100 m): doubtful, kept,
  // and the option that strikes them out, ready to paste (the user trial: 明化镇卫生院 twice, counted twice, unsaid)
  const twice = [
    ...new Set(
      issues.filter((i) => DUPLICATE_CODES.has(i.code) && !struckRows.has(`${i.file}:${i.row}`)).map((i) => i.row),
    ),
  ];
  const shownTwice = twice.slice(0, 10).join(",") + (twice.length > 10 ? ",…" : "");
  const again = twice.length
    ? {
        zh: `，${twice.length} 行疑似重复录入（存疑，仍计入；核对后可加 --drop-rows ${shownTwice} 剔除）`,
        en: `, ${counted(twice.length, "row", "rows")} possibly entered twice (doubtful, still counted; once checked, --drop-rows ${shownTwice} strikes ${twice.length === 1 ? "it" : "them"} out)`,
      }
    : { zh: "", en: "" };
  const zh = `设施 ${n - outside} 条已${verb === "read" ? "读入" : "分析"}${out.zh}，${rejected} 行被拒绝${dropped.zh}${again.zh}`;
  const en = `${counted(n - outside, "facility", "facilities")} ${verb}${out.en}, ${counted(rejected, "row", "rows")} rejected${dropped.en}${again.en}`;
  if (unknown === 0) return `${zh} / ${en}`;
  return `${zh}，${unknown} 行类型不是已知机构类别（存疑，按类型文字暂定） / ${en}, ${counted(unknown, "row", "rows")} with a type that is not a known facility category (doubtful, taken from a word in it)`;
}

/** How many facilities lie in no county of `counties` and carry no code of one: they are in no county's checks. */
export function outsideCount(
  facilities: readonly Facility[],
  counties: FeatureCollection<Polygon | MultiPolygon, CountyProps>,
): number {
  const codes = new Set(counties.features.map((c) => c.properties.code));
  const locator = new CountyLocator(counties.features);
  return facilities.filter((f) => !(f.county && codes.has(f.county)) && locator.locate(f.lon, f.lat) < 0).length;
}

/** The first MAX_WARNINGS_SHOWN warnings as output lines, then a line counting the ones not shown. */
export function warningLines(warnings: readonly string[], where?: string): string[] {
  // a whole file's warnings first and all of them (the GIS trial: 「坐标可能是 GCJ-02」 was cut off behind 20 row
  // warnings, in rejected.csv only), then the rows' up to the cap
  const whole = warnings.filter((w) => w.includes(WHOLE_FILE));
  const rows = warnings.filter((w) => !w.includes(WHOLE_FILE));
  const shown = rows.slice(0, Math.max(0, MAX_WARNINGS_SHOWN - whole.length));
  // a note (a title row skipped, names matched) is not a warning (the re-trial: a clean file printed 「警告」 lines)
  const lines = [...whole, ...shown].map((w) => `${w.includes("[说明 note]") ? "说明 note" : "警告 warning"}: ${w}`);
  const more = rows.length - shown.length;
  if (more > 0)
    lines.push(
      `…… 另有 ${more} 条警告未显示${where ? `，完整列表见 ${where}` : ""} / ${counted(more, "more warning", "more warnings")} not shown${where ? `; the full list is in ${where}` : ""}`,
    );
  return lines;
}

function isCountyProps(p: unknown): p is CountyProps {
  const o = p as Record<string, unknown> | null;
  return (
    !!o &&
    typeof o.code === "string" &&
    typeof o.name === "string" &&
    (o.kind === "district" || o.kind === "county" || o.kind === "city") &&
    Array.isArray(o.seat) &&
    o.seat.length === 2
  );
}

/** Warning added, after the file name, when a boundary file has no county seats. */
const SEATS_ESTIMATED =
  "无县政府驻地数据，驻地取边界内一点（近似）/ no county seats in this file; each is estimated by a point inside the county";

/**
 * Loads county boundaries from `boundaries` or, by default, geodata/counties-<city>.geojson, validated (and repaired
 * where it can be, with a warning) like any other boundary file. A GeoJSON file whose features all carry CountyProps
 * keeps them; any other boundary file is parsed, features without a 6-digit county code are skipped with a warning,
 * and each seat is estimated by core's `interiorPoint` (a point inside the county), as in the app, with a warning.
 * Throws InputError on unreadable or unusable files.
 */
export async function loadCountyBoundaries(
  opts: { boundaries?: string; city: City },
  warnings: string[],
): Promise<FeatureCollection<Polygon | MultiPolygon, CountyProps>> {
  const file = opts.boundaries ?? join(REPO_ROOT, "geodata", `counties-${opts.city}.geojson`);
  const { bytes, name } = readInputFile(file, { zh: "边界文件", en: "boundary file" });
  if (/\.(geo)?json$/i.test(file)) {
    const fc = parseJson(file, bytes) as FeatureCollection;
    if (
      fc?.type === "FeatureCollection" &&
      Array.isArray(fc.features) &&
      fc.features.length > 0 &&
      fc.features.every((f) => isCountyProps(f?.properties))
    ) {
      // the shipped boundaries, byte for byte as they passed validation when built, need no second pass
      if (!opts.boundaries && isStamped(dirname(file), basename(file), bytes))
        return withOrigin(fc, fc.features as Array<Feature<Polygon | MultiPolygon, CountyProps>>);
      // boundaries in our own format are validated like any other (a bow-tie or a repeated code is no less wrong)
      const checked = validateBoundaries(fc.features as Array<Feature<Geometry | null, CountyProps>>, {
        file: basename(file),
      });
      const errors = checked.issues.filter((i) => i.severity === "error");
      if (errors.length) throw new InputError(errors.map(formatIssue));
      for (const i of checked.issues) warnings.push(formatIssue(i));
      return withOrigin(fc, checked.features);
    }
  }
  const parsed = await parseBoundaryFile(bytes, name);
  const errors = parsed.issues.filter((i) => i.severity === "error");
  if (errors.length) throw new InputError(errors.map(formatIssue));
  for (const i of parsed.issues) if (i.severity === "warning") warnings.push(formatIssue(i));
  const { counties, issues } = countyFeatures(parsed.boundaries, { city: opts.city, file: basename(file) });
  for (const i of issues)
    warnings.push(`${i.file}: 第 ${i.row} 个要素 feature ${i.row}: ${i.message.zh} / ${i.message.en}`);
  const features = counties.features;
  if (features.length === 0)
    throw new InputError([`${basename(file)}: 没有可用的县级边界 / no usable county boundary`]);
  warnings.push(`${basename(file)}: ${SEATS_ESTIMATED}`);
  return { type: "FeatureCollection", features };
}

/** The counties with their file's origin (package, version, licence, note) kept: the review report cites it. */
function withOrigin(
  fc: FeatureCollection,
  features: Array<Feature<Polygon | MultiPolygon, CountyProps>>,
): FeatureCollection<Polygon | MultiPolygon, CountyProps> {
  const meta = fc as { source?: unknown; licence?: unknown; note?: unknown };
  const text = (v: unknown) => (typeof v === "string" && v ? v : undefined);
  const source = text(meta.source);
  const licence = text(meta.licence);
  const note = text(meta.note);
  return {
    type: "FeatureCollection",
    features,
    ...(source ? { source } : {}),
    ...(licence ? { licence } : {}),
    ...(note ? { note } : {}),
  } as FeatureCollection<Polygon | MultiPolygon, CountyProps>;
}

/** Where the CRS a file was read in came from. */
export type CrsSource = "option" | "file" | "columns" | "default";

/**
 * Where the CRS `used` came from: --crs when `given`, else the coordinate columns' names (「高德经度」) when
 * `fromColumns`, else the file's own when it states one (`fromFile`: a .prj or GeoJSON `crs` saying WGS84 too) or
 * reads in another, else the WGS84 default.
 */
export function crsSourceOf(given: unknown, used: CrsId, fromColumns = false, fromFile = false): CrsSource {
  return given ? "option" : fromColumns ? "columns" : fromFile || used !== "wgs84" ? "file" : "default";
}

/**
 * The line saying which CRS a file was read in, and why (zh / en). `crsName`: a .prj no CRS id stands for (Xian 1980
 * Gauss–Krüger), whose own parameters converted the positions (the GIS trial: it said 「wgs84（默认）」).
 */
export function crsLine(file: string, crs: CrsId, source: CrsSource, crsName?: string): string {
  if (crsName)
    return `${file}: 坐标系 CRS ${crsName}（来自文件的 .prj，已换算为经纬度 / from the file's .prj, converted to longitude/latitude）`;
  const why = {
    option: "由 --crs 指定 / given by --crs",
    file: "来自文件（Shapefile 的 .prj 或 GeoJSON 的 crs）/ from the file (a Shapefile's .prj or a GeoJSON crs member)",
    columns:
      "按经纬度列名（如「高德经度」），已换算为 WGS84；如实为 WGS84 请加 --crs wgs84 / named by the coordinate columns (such as 「高德经度」), converted to WGS84; add --crs wgs84 if they are WGS84",
    default: "默认 / the default",
  }[source];
  // read as WGS84 by default: most lists' positions come from Amap or Baidu, as the app says beside its import (the
  // re-trial: the CLI said nothing where no row fell outside its county to show the shift)
  const hint =
    source === "default" && crs === "wgs84"
      ? "；取自高德/腾讯地图的坐标请加 --crs gcj02，百度的加 --crs bd09 / positions from Amap or Tencent need --crs gcj02, from Baidu --crs bd09"
      : "";
  return `${file}: 坐标系 CRS ${crs}（${why}）${hint}`;
}

/**
 * The whole-list warnings of a facility list as the app's import gives them, to `out.warnings` and `out.collected`:
 * the judged counties the list never reaches (not with `scope` false: one county asked for), the one or two rows it
 * has in a county it is otherwise not about, no hospital or EMS point at all and hospitals with no grade (neither for
 * the shipped sample, `shipped`). `listed` is readFacilityFile's: the rows kept, with their row numbers.
 */
export function listWarnings(
  file: string,
  listed: { facilities: readonly Facility[]; rows: readonly number[] },
  counties: FeatureCollection<Polygon | MultiPolygon, CountyProps>,
  ruleSet: RuleSet,
  out: { warnings: string[]; collected: RowIssue[] },
  opts: { scope?: boolean; shipped?: boolean } = {},
): void {
  const issues = [
    // judged counties the list never reaches are judged as having nothing (the GIS trial, s40-b #13); not the
    // counties the rule set leaves as context (the user trial: 002 binds 南宫市 alone)
    opts.scope === false ? undefined : listScopeIssue(file, listed.facilities, counties.features, ruleSet, listed.rows),
    // the one or two rows a list has in a county it is otherwise not about (the user trial, s54 M1)
    ...thinCountyIssues(file, listed.facilities, listed.rows, counties.features, ruleSet),
    // a list with no hospital or no EMS point at all: those checks judge the list (the user trial, s46-a #6)
    opts.shipped ? undefined : absentKindsIssue(file, listed.facilities, ruleSet),
    // hospitals that give no grade, where a check counts hospitals from a grade up (the EMS planner trial, s53 H1)
    opts.shipped ? undefined : ungradedHospitalsIssue(file, listed.facilities, listed.rows, ruleSet),
  ];
  for (const issue of issues) {
    if (!issue) continue;
    out.warnings.push(formatIssue(issue));
    out.collected.push(issue);
  }
}

/** `--sheet` given for a file that is not a workbook: refused, as it would be ignored. */
export function checkSheetOption(name: string, bytes: Uint8Array, sheet: string | undefined): void {
  if (sheet === undefined || detectFormat(bytes, name) === "xlsx") return;
  throw new InputError([
    `${name}: 参数 --sheet 只用于 .xlsx 工作簿，本文件不是工作簿 / option --sheet is for an .xlsx workbook, and this file is not one`,
  ]);
}

/**
 * Reads a facility-format file (CSV/XLSX/GeoJSON/KML/zip) against the county `boundaries`, in `crs` when given,
 * else in the file's own CRS (a Shapefile's .prj) or WGS84. Issue lines go to `errorLines` (errors) or `warnings`
 * and, when `collected` is given, the issues themselves to it; facilities whose county code is not among the
 * boundaries are rejected with a line naming file, row and field. Throws InputError if the whole file is unusable.
 * Returns the good facilities, the number of rejected rows and the CRS used with where it came from.
 */
export async function readFacilityFile(
  file: string,
  what: FileKind,
  crs: Crs | undefined,
  boundaries: FeatureCollection<Polygon | MultiPolygon, CountyProps>,
  warnings: string[],
  errorLines: string[],
  collected?: RowIssue[],
  /** The city's division list: township and village names in the file are matched to their codes in it. */
  divisions?: Divisions | null,
  /** Rows struck out by `--drop-rows` (see {@link dropRows}). */
  drop: readonly number[] = [],
  /**
   * The rule set of the run: a kept row in a county it does not bind (a context county) gets a note, shown as context
   * and not checked (core's contextCountyIssues).
   */
  ruleSet?: RuleSet,
  /** The workbook's sheet to read (`--sheet`); default the first. */
  sheet?: string,
  /** The option that strikes rows out of this file, as its notes name it: `drop-rows`, or `add-drop-rows`. */
  dropOption = "drop-rows",
): Promise<{
  facilities: Facility[];
  /** Every facility the file gave, before those registered to a county outside the boundaries were rejected. */
  read: Facility[];
  rejected: number;
  crs: CrsId;
  crsSource: CrsSource;
  /** The .prj's own name, when no CRS id stands for it (see {@link crsLine}). */
  crsName?: string;
  /** Data rows (features, records) the file held. */
  totalRows: number;
  /** The rows struck out by `--drop-rows` (a refused row listed there is not among them). */
  dropped: number[];
  /** The rows refused for their position alone, which the unit checks name (core's FacilityImport). */
  rejectedFacilities: RejectedFacility[];
  /** The rows kept, with their row numbers (before an upgrade replaces the facility it raises), for row-naming notes. */
  listed: { facilities: Facility[]; rows: number[] };
  /** The columns the file's fields were read from (名称 for name …), for notes naming a row's field. */
  mapping: ColumnMapping;
  /** The workbook's sheet read, when the file is a workbook. */
  sheet?: string;
}> {
  const { bytes, name } = readInputFile(file, what);
  checkSheetOption(name, bytes, sheet);
  const refs = boundaries.features.map((c) => ({ code: c.properties.code, name: c.properties.name }));
  const codes = new Set(refs.map((r) => r.code));
  const imported = await parseFacilityFile(bytes, name, {
    ...(crs ? { crs } : {}),
    ...(sheet ? { sheet } : {}),
    counties: refs,
    boundaries,
    ...(divisions !== undefined ? { divisions } : {}),
  });
  const take = (i: RowIssue) => {
    (i.severity === "error" ? errorLines : warnings).push(formatIssue(i));
    collected?.push(i);
  };
  // a row outside the boundaries names the city and county it lies in (「位于九江市永修县」), read from the national
  // geodata of the cities whose box holds one (the reviewer trial, s45-a), as the app's import says
  const { issues } = imported.issues.some((i) => i.code === "outside-boundaries")
    ? await (async () => {
        const { loadChinaIndex, readGeodata } = await import("./region-select");
        return placeOutsideRows(name, imported, (await loadChinaIndex()).cities, readGeodata);
      })()
    : imported;
  for (const i of issues) take(i);
  // a table's row numbers are its lines, not a 序号 column's: said once, under its rows' messages (the re-trial, s46:
  // the app said so, the command line not)
  if (recordUnit(name) === "row" && issues.some((i) => i.row > 0))
    warnings.push(
      `${name}: 所列行号为表格中的行（表头为第 1 行，与 Excel 左侧行号一致），不是“序号”列的编号 / the row numbers given are the spreadsheet's lines (the header is line 1, as Excel numbers them), not a serial-number column's`,
    );
  // the whole file's notes that explain its errors go with them: the workbook's other sheets (a first sheet of notes
  // read 「找不到经度列」 with no word of the 医疗机构 sheet or --sheet, the bad-files trial s56b M3), formulas with
  // no saved result
  if (imported.facilities.length === 0 && imported.issues.some((i) => i.row === 0 && i.severity === "error"))
    throw new InputError(
      imported.issues
        .filter((i) => i.severity === "error" || (i.row === 0 && EXPLAINS_ERRORS.has(i.code)))
        .map(formatIssue),
    );
  const struck = dropRows(name, imported, drop, dropOption);
  for (const i of struck.issues) take(i);
  let rejected = imported.rejectedRows;
  const facilities: Facility[] = [];
  const rows: number[] = [];
  for (const [i, f] of struck.facilities.entries()) {
    if (f.county && !codes.has(f.county)) {
      rejected++;
      take(unknownCountyIssue(name, struck.rows[i], f.county, f.id));
      continue;
    }
    facilities.push(f);
    rows.push(struck.rows[i]);
  }
  // rows in a county the plan does not bind: context, not checked (the user trial: 威县 in a 南宫市 list, unsaid)
  for (const i of contextCountyIssues(
    name,
    { facilities, rows, mapping: imported.mapping },
    boundaries.features,
    ruleSet,
  ))
    take(i);
  // rows, and not one usable: bad input, as a header-only file is (the GIS trial: 59 of 59 rejected exited 3 and wrote
  // an analysis of a city without facilities); the whole file's hints first (「坐标似为投影坐标」), then the rows
  if (imported.facilities.length === 0 && imported.totalRows > 0) {
    const unit = RECORD_UNIT_ZH[recordUnit(name)];
    throw new InputError([
      ...imported.issues.filter((i) => i.row === 0).map(formatIssue),
      `${name}: ${imported.totalRows} ${unit}全部被拒绝，未写入任何结果 / all ${counted(imported.totalRows, recordUnit(name), `${recordUnit(name)}s`)} rejected, nothing written`,
      ...imported.issues.filter((i) => i.row > 0 && i.severity === "error").map(formatIssue),
    ]);
  }
  return {
    // an upgrade in the list (the app's export of a plan) counts in place of the facility it raises; each says whether
    // the file marks it invented, as the app keeps an imported list
    facilities: importedFacilities(withoutReplaced(facilities)),
    read: struck.facilities,
    rejected,
    crs: imported.crs,
    crsSource: crsSourceOf(crs, imported.crs, imported.crsFromColumns, imported.crsFromFile),
    ...(imported.crsName ? { crsName: imported.crsName } : {}),
    totalRows: imported.totalRows,
    dropped: struck.dropped,
    // (a row kept whose units are for review is not, once struck out)
    rejectedFacilities: (imported.rejectedFacilities ?? []).filter(
      (r) => !(keptForReview(r) && struck.dropped.includes(r.row)),
    ),
    listed: { facilities, rows },
    mapping: imported.mapping,
    ...(imported.sheet ? { sheet: imported.sheet } : {}),
  };
}

/**
 * `--drop-rows`: the rows to strike out (剔除) as the app's import panel does, by the numbers the import report gives
 * them: 「11,15」「11-13」「11、15」. Refused, naming the option, when a part is not a row number or a range.
 */
export function dropRowsOption(errors: string[], text: string, option = "drop-rows"): number[] {
  const rows = new Set<number>();
  for (const part of text.split(/[\s,，;；、]+/).filter(Boolean)) {
    const m = /^(\d+)(?:\s*[-–~～]\s*(\d+))?$/.exec(part);
    const from = m ? Number(m[1]) : Number.NaN;
    const to = m?.[2] !== undefined ? Number(m[2]) : from;
    if (!m || from < 1 || to < from || to - from > 100_000) {
      errors.push(
        optionError(
          option,
          `“${part}”不是行号或行号范围（如 11,15 或 11-13）`,
          `“${part}” is not a row number or a range of rows (such as 11,15 or 11-13)`,
        ),
      );
      continue;
    }
    for (let r = from; r <= to; r++) rows.add(r);
  }
  if (rows.size === 0 && errors.length === 0) errors.push(optionError(option, "未给出行号", "no row numbers given"));
  return [...rows].sort((a, b) => a - b);
}

/**
 * Strikes the rows `drop` names out of a parsed facility file, as the app's 剔除 does: each struck row is kept in the
 * issue list as a note (「按 --drop-rows 剔除」), never silently gone; a row already refused gets a warning (nothing to
 * strike); a number that is no data row of the file is refused as bad input, naming the file and the rows it has.
 * The CLI gave 3,039 violations for a file the app gave 3,038 after one 剔除, with no way to match it (trial s41-a).
 */
export function dropRows(
  file: string,
  parsed: { facilities: Facility[]; rows: number[]; issues: readonly RowIssue[] },
  drop: readonly number[],
  /** The option that listed the rows: `drop-rows`, or `add-drop-rows` for the file `--add-facilities` gives. */
  option = "drop-rows",
): { facilities: Facility[]; rows: number[]; issues: RowIssue[]; dropped: number[] } {
  if (drop.length === 0) return { facilities: parsed.facilities, rows: parsed.rows, issues: [], dropped: [] };
  const refused = new Set(parsed.issues.filter((i) => i.row > 0 && i.severity === "error").map((i) => i.row));
  const kept = new Set(parsed.rows);
  const all = [...new Set([...kept, ...refused])].sort((a, b) => a - b);
  const unknown = drop.filter((r) => !kept.has(r) && !refused.has(r));
  if (unknown.length) {
    const span = all.length ? `${all[0]}–${all[all.length - 1]}` : "";
    throw new InputError([
      optionError(
        option,
        `第 ${unknown.slice(0, 10).join("、")}${unknown.length > 10 ? " 等" : ""} 行不是 ${file} 的数据行${span ? `（数据行为第 ${span} 行）` : "（文件没有数据行）"}，未写入任何结果`,
        `${unknown.length === 1 ? "row" : "rows"} ${unknown.slice(0, 10).join(", ")}${unknown.length > 10 ? " …" : ""} ${unknown.length === 1 ? "is not a data row" : "are not data rows"} of ${file}${span ? ` (its data rows are ${span})` : " (the file has no data rows)"}; nothing written`,
      ),
    ]);
  }
  const struck = new Set(drop);
  const issues: RowIssue[] = [];
  for (const r of drop)
    issues.push(
      refused.has(r)
        ? {
            file,
            row: r,
            field: "",
            severity: "warning",
            code: "drop-refused-row",
            message: {
              zh: `--${option} 列出了本行，但本行已被拒收，无需剔除`,
              en: `--${option} lists this row, but it was already refused: nothing to strike out`,
            },
          }
        : {
            file,
            row: r,
            field: "",
            severity: "note",
            code: "dropped-by-user",
            message: {
              zh: `按 --${option} 剔除：不计入核查与导出`,
              en: `struck out by --${option}: not in the checks or the exports`,
            },
          },
    );
  const keep = parsed.rows.map((r) => !struck.has(r));
  return {
    facilities: parsed.facilities.filter((_, k) => keep[k]),
    rows: parsed.rows.filter((_, k) => keep[k]),
    issues,
    dropped: drop.filter((r) => kept.has(r)),
  };
}

/**
 * Reads a county population table (CSV/XLSX) against the counties; error issues go to `errorLines`, warnings to
 * `warnings`; `rejected` counts the rows with an error.
 */
export async function readPopulation(
  file: string,
  counties: Array<{ code: string; name: string }>,
  warnings: string[],
  errorLines: string[],
  collected?: RowIssue[],
): Promise<{ population: CountyPopulation[]; rejected: number }> {
  const pop = await parsePopulationTable(readBytes(file, { zh: "人口表", en: "population table" }), basename(file), {
    counties,
  });
  for (const i of pop.issues) {
    (i.severity === "error" ? errorLines : warnings).push(formatIssue(i));
    collected?.push(i);
  }
  return {
    population: pop.population,
    rejected: new Set(pop.issues.filter((i) => i.severity === "error").map((i) => i.row)).size,
  };
}

/** A facility row whose county code is in no boundary the run has (file, row and field named). */
export function unknownCountyIssue(file: string, row: number, county: string, id: string): RowIssue {
  return {
    file,
    row,
    field: "county",
    value: county,
    severity: "error",
    code: "unknown-county",
    message: {
      // not 「不在边界数据中」 for another city's county (the re-check, s56e: a 河南 list sited in 南阳 called every
      // other city's code unknown): it is not among this run's counties
      zh: `县级代码不属本次核查的县区（设施 ${id}）：该行未计入；如属他市，请按该市（--city）或按省（--province）核查`,
      en: `the county code is none of this run's counties (facility ${id}): the row is not counted; if it is another city's, run that city (--city) or the province (--province)`,
    },
  };
}
