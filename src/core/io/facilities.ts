import type { Feature, Geometry } from "geojson";
import { CountyLocator } from "../cities/county-locator";
import type { Facility, RejectedFacility } from "../model";
import { counted } from "../plural";
import { isShapefileSet, SHAPEFILE_PARTS } from "./archive";
import {
  checkCoordinates,
  checkStatedCounty,
  type DatumEvidence,
  datumFromBoundaries,
  datumOfColumns,
  distanceOutsideKm,
  guessDatumFromNames,
  markOutsideUnitCounty,
  nearBoundaryCounties,
  outsideStatedRows,
  projectionFromBoundaries,
  unsayUnitReview,
} from "./checks";
import { combinedCoordinateColumn, guessColumns, splitCoordinatePair, truncatedCoordinatePairs } from "./columns";
import { projectionLabel } from "./crs";
import { nearDuplicateIssues, sameNameIssues } from "./duplicates";
import { describeFileError, FileProblem, preview } from "./errors";
import { type CountyRef, convertRecords, type SourceRecord } from "./facility-records";
import { type FeatureProblem, readGeoJSONText, readKmlText, readShapefileZip, type VectorRead } from "./georead";
import { excelScientific } from "./numbers";
import { isZip, parseTableBytes, type Table } from "./tabular";
import { decodeText, fileExt, isBlankText } from "./text";
import { simplifiedFeatures, simplifiedTable } from "./traditional";
import type { ColumnMapping, CrsId, FacilityImport, ParseFacilityOptions, RowIssue } from "./types";
import { matchUnitNames, namesUnit, placeRejectedFacilities, type UnitNameCells } from "./unit-names";

export { type CountyRef, PROGRESS_EVERY } from "./facility-records";

/** File formats recognised by extension or content. */
export type FileFormat = "csv" | "xlsx" | "geojson" | "kml" | "shapefile-zip";

/** Detects the format from the extension, falling back to the first bytes. */
export function detectFormat(data: Uint8Array, fileName: string): FileFormat | undefined {
  const ext = fileExt(fileName);
  if (ext === "csv" || ext === "txt" || ext === "tsv") return "csv";
  if (ext === "xlsx" || ext === "xlsm") return "xlsx";
  if (ext === "geojson" || ext === "json") return "geojson";
  if (ext === "kml") return "kml";
  if (ext === "zip" || ext === "shz" || isShapefileSet(data, fileName)) return "shapefile-zip";
  if (isZip(data)) return "xlsx";
  const head = decodeText(data.subarray(0, 512)).text.trimStart();
  if (head.startsWith("{")) return "geojson";
  if (head.startsWith("<")) return "kml";
  return "csv";
}

/** What a file's numbered items are: table rows (CSV, XLSX), features (GeoJSON, KML) or records (a Shapefile's). */
export type RecordUnit = "row" | "feature" | "record";

/** A numbered item of a file in Chinese, after its count: 「3 行」, 「3 个要素」, 「3 条记录」. */
export const RECORD_UNIT_ZH: Readonly<Record<RecordUnit, string>> = { row: "行", feature: "个要素", record: "条记录" };

/** The unit of a file's item numbers, from its name (as {@link detectFormat} reads it; other files count rows). */
export function recordUnit(fileName: string): RecordUnit {
  const format = detectFormat(new Uint8Array(0), fileName);
  // a Shapefile read from its loose files is named by its .shp (shapefileSet)
  if (fileExt(fileName) === "shp") return "record";
  return format === "geojson" || format === "kml" ? "feature" : format === "shapefile-zip" ? "record" : "row";
}

/**
 * The one issue of an empty file (0 bytes, or only blank space), whatever it was meant to hold, named by file (row 0,
 * the whole file); undefined when the file has something to read.
 */
export function emptyFileIssue(data: Uint8Array, fileName: string): RowIssue | undefined {
  if (!isBlankText(data)) return undefined;
  // a header is what a table (CSV, XLSX) would have; a GeoJSON, KML or Shapefile has features or records
  const tabular = recordUnit(fileName) === "row";
  return {
    file: fileName,
    row: 0,
    field: "",
    message: {
      zh: `文件“${fileName}”是空的（${data.length === 0 ? "0 字节" : "只有空白"}），${tabular ? "没有表头，也没有数据" : "没有可读的内容"}：可能选错了文件，或文件未保存完整；请打开核对后重新选择`,
      en: `the file "${fileName}" is empty (${data.length === 0 ? "0 bytes" : "only blank space"}): ${tabular ? "no header and no data" : "nothing to read"}. It may be the wrong file, or one not saved in full: open it, check, and choose it again`,
    },
    severity: "error",
    code: "empty-file",
  };
}

function tableRecords(table: Table): SourceRecord[] {
  const index = new Map<string, number>();
  table.headers.forEach((h, i) => {
    if (!index.has(h)) index.set(h, i);
  });
  return table.rows.map(({ row, cells }) => ({
    row,
    get: (column) => {
      if (column === undefined) return "";
      const i = index.get(column);
      return i === undefined ? "" : (cells[i] ?? "");
    },
  }));
}

function propText(v: unknown): string {
  if (v == null) return "";
  // DBF readers give NaN for blank numeric fields.
  if (typeof v === "number" && Number.isNaN(v)) return "";
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? "" : v.toISOString().slice(0, 10);
  if (typeof v === "object") {
    try {
      return JSON.stringify(v);
    } catch {
      return preview(v, 200); // nested too deep (or cyclic) to stringify
    }
  }
  return String(v);
}

/** A position of two finite numbers, or undefined. */
function position(c: unknown): [number, number] | undefined {
  if (!Array.isArray(c) || c.length < 2) return undefined;
  const [x, y] = c;
  return typeof x === "number" && typeof y === "number" && Number.isFinite(x) && Number.isFinite(y)
    ? [x, y]
    : undefined;
}

function badPosition(type: string, c: unknown): FeatureProblem {
  const text = preview(c);
  return {
    code: "invalid-coordinates",
    message: {
      zh: `${type} 的坐标无效（应为两个数字 [经度, 纬度]）：${text}`,
      en: `the ${type}'s coordinates are invalid (two numbers [lon, lat] expected): ${text}`,
    },
  };
}

function vectorRecords(
  features: Array<Feature<Geometry | null>>,
  problems: Array<FeatureProblem | undefined> = [],
): { records: SourceRecord[]; headers: string[] } {
  const headers: string[] = [];
  const seen = new Set<string>();
  const records = features.map((f, i) => {
    const props = (f?.properties ?? {}) as Record<string, unknown>;
    for (const k of Object.keys(props)) {
      if (!seen.has(k)) {
        seen.add(k);
        headers.push(k);
      }
    }
    const rec: SourceRecord = { row: i + 1, get: (c) => (c === undefined ? "" : propText(props[c])) };
    if (f?.id !== undefined && props.id === undefined) {
      const fid = String(f.id);
      rec.get = (c) => (c === undefined ? "" : c === "id" ? fid : propText(props[c]));
    }
    const g = f?.geometry;
    if (problems[i]) rec.problem = problems[i];
    else if (g?.type === "Point") {
      const p = position(g.coordinates);
      if (p) rec.point = p;
      else rec.problem = badPosition("Point", g.coordinates);
    } else if (g?.type === "MultiPoint" && g.coordinates.length === 1) {
      const p = position(g.coordinates[0]);
      if (p) rec.point = p;
      else rec.problem = badPosition("MultiPoint", g.coordinates);
    } else if (g?.type === "MultiPoint") rec.otherGeometry = `MultiPoint (${g.coordinates.length})`;
    else if (g?.type === "Polygon" || g?.type === "MultiPolygon") rec.area = g;
    else if (g) rec.otherGeometry = g.type;
    return rec;
  });
  if (features.some((f) => f?.id !== undefined) && !seen.has("id")) headers.push("id");
  return { records, headers };
}

/**
 * Two columns of a vector file whose headers name a datum (百度经度/百度纬度, 高德经度/高德纬度, amap_lng…; in a DBF cut to
 * 百度经/百度纬, {@link truncatedCoordinatePairs}) and whose values are the features' own point coordinates (to 1e-6°,
 * on every feature that has both): the geometry is in that datum. Undefined when there are none.
 */
function datumColumnsOfGeometry(
  headers: readonly string[],
  records: readonly SourceRecord[],
): { lon: string; lat: string; datum: "gcj02" | "bd09" } | undefined {
  // and a Shapefile's names cut to the DBF's 10 bytes, 「百度经」「百度纬」 (the GIS trial: not recognised, read as WGS84)
  const cut = truncatedCoordinatePairs(headers);
  const lons = [...headers.filter((h) => /经度|lng|lon/i.test(h)), ...cut.map((p) => p.lon)];
  const lats = [...headers.filter((h) => /纬度|lat/i.test(h)), ...cut.map((p) => p.lat)];
  for (const lon of lons)
    for (const lat of lats) {
      if (lon === lat) continue;
      const datum = datumOfColumns(lon, lat);
      if (!datum) continue;
      let matched = 0;
      let differ = false;
      for (const r of records) {
        if (!r.point) continue;
        const x = Number(r.get(lon).trim());
        const y = Number(r.get(lat).trim());
        if (r.get(lon).trim() === "" || r.get(lat).trim() === "" || !Number.isFinite(x) || !Number.isFinite(y))
          continue;
        if (Math.abs(x - r.point[0]) > 1e-6 || Math.abs(y - r.point[1]) > 1e-6) {
          differ = true;
          break;
        }
        matched++;
      }
      if (matched > 0 && !differ) return { lon, lat, datum };
    }
  return undefined;
}

/** An import that brought in nothing: its issues say why. */
function nothingImported(issues: RowIssue[], mapping: ColumnMapping, crs: CrsId): FacilityImport {
  return { facilities: [], rows: [], issues, rejectedRows: 0, totalRows: 0, mapping, crs };
}

/** Rows with an empty optional cell (「乡镇为空」) from which one whole-file line is said instead of one per row. */
const EMPTY_OPTIONAL_ROWS = 3;

/**
 * The issues with each column's empty optional cells (「乡镇为空」, code "missing-optional") said once for the file when
 * there are {@link EMPTY_OPTIONAL_ROWS} or more, naming the rows (up to 20) and what they cannot be counted for: a
 * blank 乡镇 column gave a warning on every THC row, and the app counted each row 【存疑】 (the GIS trial, s40-b #9:
 * 「其中存疑 12」 where 2 rows were doubtful). Fewer stay on their rows. Other issues are kept as they are.
 */
function emptyOptionalColumns(all: readonly RowIssue[], file: string, mapping: ColumnMapping): RowIssue[] {
  const what = (field: string) => emptyColumnWhat(field, mapping);
  const byField = new Map<string, RowIssue[]>();
  for (const i of all) if (i.code === "missing-optional") byField.set(i.field, [...(byField.get(i.field) ?? []), i]);
  const collapsed = new Set<string>();
  const out: RowIssue[] = [];
  for (const [field, list] of byField) {
    if (list.length < EMPTY_OPTIONAL_ROWS) continue;
    collapsed.add(field);
    out.push(
      emptyColumnIssue(
        file,
        field,
        what(field),
        list.map((i) => i.row),
      ),
    );
  }
  return [...out, ...all.filter((i) => !(i.code === "missing-optional" && collapsed.has(i.field)))];
}

/** What facilities with an empty cell in `field` cannot be counted for. */
function emptyColumnWhat(field: string, mapping: ColumnMapping): { zh: string; en: string } {
  return field === mapping.township
    ? { zh: "所在乡镇计入“每个乡镇 1 所”", en: "their township (“one per township”)" }
    : field === mapping.village
      ? { zh: "所在行政村计入“每个行政村 1 个”", en: "their village (“one per village”)" }
      : { zh: "所属县区核查（按位置判断）", en: "a stated county (their position is used)" };
}

/** The whole-file line for a column's empty cells on `rows` ({@link emptyOptionalColumns}), `also` after it. */
function emptyColumnIssue(
  file: string,
  field: string,
  what: { zh: string; en: string },
  rows: readonly number[],
  also?: { zh: string; en: string },
): RowIssue {
  const shown = rows.slice(0, 20).join("、") + (rows.length > 20 ? ` 等` : "");
  const shownEn = rows.slice(0, 20).join(", ") + (rows.length > 20 ? " …" : "");
  return {
    file,
    row: 0,
    field,
    value: rows.join(", "),
    severity: "warning",
    code: "missing-optional-column",
    message: {
      zh: `“${field}”列有 ${rows.length} 行为空（第 ${shown} 行）：这些设施不能按${what.zh}，请补填代码或名称${also?.zh ?? ""}`,
      en: `the "${field}" column is empty on ${counted(rows.length, "row", "rows")} (${shownEn}): those facilities cannot be counted by ${what.en}; fill in the codes or names${also?.en ?? ""}`,
    },
  };
}

/**
 * The village column's empty cells once clinics' names have given their villages ("village-from-name"): those rows
 * are counted, said on their own rows, and no longer among the rows that cannot be (the re-trial, s47: 「“所属村”列有
 * 3 行为空……不能按所在行政村计入」 over three clinics the names had placed). The column's line names the rest, and how
 * many its names placed; with none left it goes.
 */
function withVillagesFromNames(issues: readonly RowIssue[], mapping: ColumnMapping): RowIssue[] {
  const field = mapping.village;
  const named = new Set(issues.filter((i) => i.code === "village-from-name").map((i) => i.row));
  if (!field || named.size === 0) return [...issues];
  const out: RowIssue[] = [];
  for (const i of issues) {
    if (i.field !== field) out.push(i);
    else if (i.code === "missing-optional") {
      if (!named.has(i.row)) out.push(i);
    } else if (i.code === "missing-optional-column") {
      const all = (i.value ?? "").split(", ").map(Number);
      const rows = all.filter((r) => !named.has(r));
      const placed = all.length - rows.length;
      if (rows.length === 0) continue;
      out.push(
        emptyColumnIssue(
          i.file,
          field,
          emptyColumnWhat(field, mapping),
          rows,
          placed > 0
            ? {
                zh: `（另有 ${placed} 行按设施名称对应了行政村，已计入，逐行列出）`,
                en: ` (${counted(placed, "more row was", "more rows were")} placed in a village by the facility's name and counted, listed by row)`,
              }
            : undefined,
        ),
      );
    } else out.push(i);
  }
  return out;
}

/**
 * A whole-file hint when no row's longitude (or latitude) is a number: the column the guesser took is almost
 * certainly the wrong one (or the file writes coordinates some other way), which one line says better than a message
 * on every row. The per-row messages stay (the download has them all). None for a file of one row.
 */
function wrongCoordinateColumns(
  rowIssues: readonly RowIssue[],
  rows: number,
  mapping: ColumnMapping,
  file: string,
): RowIssue[] {
  if (rows < 2) return [];
  const out: RowIssue[] = [];
  for (const [field, zh, en] of [
    [mapping.lon, "经度", "longitude"],
    [mapping.lat, "纬度", "latitude"],
  ] as const) {
    if (field === undefined) continue;
    const bad = new Set(rowIssues.filter((i) => i.field === field && i.code === "not-a-number").map((i) => i.row));
    if (bad.size < rows) continue;
    out.push({
      file,
      row: 0,
      field,
      // a hint, not a rejection: the rows are rejected by their own errors (a row-0 error would mean the file as a
      // whole could not be read, which the command line answers by writing nothing)
      severity: "warning",
      code: "column-not-numbers",
      message: {
        zh: `${zh}列“${field}”的 ${rows} 个值都不是数字：是否选错了列？请在“列对应”中核对，或检查文件中坐标的写法`,
        en: `none of the ${rows} values in the ${en} column "${field}" is a number: is it the wrong column? Check the column mapping, or how the file writes coordinates`,
      },
    });
  }
  return out;
}

/**
 * Columns of names and places, whose text never says which datum the coordinates are in (a village 「火星庙村」, an
 * address on 百度大厦's street): the tool's own exports' `townshipName` / `villageName`, and a list's 地址, 乡镇, 村.
 */
const PLACE_COLUMN = /name|address|名称|名字|地址|乡|镇|村|街道|社区|县|区/i;

/**
 * An imported list's facilities as the app and the CLI keep them: each says whether its file marks it invented
 * (`invented` true, as the app's export of its sample data writes it, else false), so that the flag is never lost nor
 * laundered, and the app's and the CLI's exports of the same file carry the same properties (the GIS trial: the CLI
 * wrote no `invented` where the app wrote false).
 */
export function importedFacilities(facilities: readonly Facility[]): Facility[] {
  return facilities.map((f) => ({ ...f, invented: f.invented === true }));
}

/**
 * Parses a facility file: CSV (UTF-8, UTF-8 BOM or GBK/GB18030), XLSX, GeoJSON, KML or a zipped Shapefile.
 * Columns are guessed ({@link guessColumns}) and can be overridden; coordinates are converted from `opts.crs`
 * (default WGS84, or the Shapefile's .prj) to WGS84. Rows with an error are left out and counted in
 * `rejectedRows`; every problem is reported in `issues` with file, row and field.
 * Unreadable files (bad JSON, not a zip, missing sheet) and empty ones (0 bytes, or only blank space) give one error
 * issue with row 0 and no facilities.
 */
export async function parseFacilityFile(
  data: Uint8Array,
  fileName: string,
  opts: ParseFacilityOptions & { counties?: CountyRef[] } = {},
): Promise<FacilityImport> {
  const format = detectFormat(data, fileName);
  const fileIssue = (code: string, zh: string, en: string, severity: RowIssue["severity"] = "error"): RowIssue => ({
    file: fileName,
    row: 0,
    field: "",
    message: { zh, en },
    severity,
    code,
  });
  let records: SourceRecord[];
  let headers: string[];
  let encoding: string | undefined;
  let sheet: string | undefined;
  let sheets: string[] | undefined;
  let crs: CrsId = opts.crs ?? "wgs84";
  let customToWgs84: VectorRead["customToWgs84"];
  let crsName: string | undefined;
  let crsFromColumns = false;
  let crsFromFile = false;
  let geometryField: string | undefined;
  const issues: RowIssue[] = [];
  try {
    const empty = emptyFileIssue(data, fileName);
    if (empty) throw new FileProblem("empty-file", empty.message);
    // one file of a Shapefile set, chosen alone (the GIS trial: a bare .shp read as 「不是文本表格」)
    const part = fileExt(fileName);
    if (SHAPEFILE_PARTS.includes(part) && !isShapefileSet(data, fileName))
      throw new FileProblem("shapefile-part", {
        zh: `这是 Shapefile 的一个组成文件（.${part}）：请同时选中同名的 .shp、.dbf、.prj（及 .shx、.cpg）一起导入，或把它们压缩成 .zip 再导入`,
        en: `this is one file of a Shapefile set (.${part}): choose the .shp, .dbf and .prj (and .shx, .cpg) of the same name together, or zip them and import the .zip`,
      });
    if (format === "csv" || format === "xlsx") {
      const table = await simplifiedTable(await parseTableBytes(data, fileName, format, opts.sheet));
      ({ encoding, sheet, sheets, headers } = table);
      for (const n of table.notes ?? [])
        issues.push({
          file: fileName,
          row: n.row,
          field: n.col !== undefined ? (table.headers[n.col] ?? "") : "",
          ...(n.value !== undefined ? { value: n.value } : {}),
          message: n.message,
          severity: n.severity,
          code: n.code,
        });
      records = tableRecords(table);
    } else {
      let read: VectorRead;
      if (format === "geojson") read = readGeoJSONText(decodeText(data).text);
      else if (format === "kml") read = await readKmlText(decodeText(data).text);
      else read = await readShapefileZip(data);
      // a facility's name and type are in the .dbf: without it no record can be used (the GIS trial: 「找不到名称列和
      // 类型列」 and an error on every record, the missing .dbf never named)
      if (read.notes.some((n) => n.code === "missing-dbf")) {
        const stem = fileName.replace(/\.shp$/i, "");
        throw new FileProblem(
          "missing-dbf",
          isShapefileSet(data, fileName)
            ? {
                zh: `缺少同名的 .dbf 属性表（${stem}.dbf）：设施的名称和类型在 .dbf 中。请同时选中同名的 .shp、.dbf、.prj（及 .cpg），或在命令行中把它们放在同一文件夹`,
                en: `the attribute table of the same name (${stem}.dbf) is missing: the facilities' names and types are in it. Choose the .shp, .dbf and .prj (and .cpg) together, or on the command line keep them in one folder`,
              }
            : {
                zh: "压缩包中没有 .dbf 属性表：设施的名称和类型在 .dbf 中。请把同名的 .shp、.shx、.dbf、.prj 一起压缩成 .zip 再导入",
                en: "no .dbf attribute table in the archive: the facilities' names and types are in it. Zip the .shp, .shx, .dbf and .prj of the same name together and import that",
              },
        );
      }
      for (const n of read.notes) issues.push(fileIssue(n.code, n.zh, n.en, n.severity));
      encoding = read.encoding;
      // a Big5 .dbf (named by its .cpg or found so): names and types in simplified characters, as a Big5 table's
      const simplified = await simplifiedFeatures(read.features, read.encoding);
      if (simplified.note)
        issues.push(fileIssue("traditional-converted", simplified.note.zh, simplified.note.en, "note"));
      read = { ...read, features: simplified.features };
      if (!opts.crs) {
        if (read.crs) {
          crs = read.crs;
          crsFromFile = true;
        } else {
          customToWgs84 = read.customToWgs84;
          crsName = read.crsName;
        }
      }
      geometryField = "geometry";
      ({ records, headers } = vectorRecords(read.features, read.problems));
    }
  } catch (e) {
    const why = describeFileError(e);
    const issue = fileIssue(why.code, why.message.zh, why.message.en);
    return nothingImported([why.detail !== undefined ? { ...issue, value: why.detail } : issue], {}, crs);
  }
  const tableInfo = () => ({
    ...(crsFromColumns ? { crsFromColumns } : {}),
    ...(crsFromFile ? { crsFromFile } : {}),
    ...(encoding ? { encoding } : {}),
    ...(crsName ? { crsName } : {}),
    ...(sheet !== undefined ? { sheet } : {}),
    ...(sheets ? { sheets } : {}),
  });

  if (records.length === 0)
    issues.push(
      geometryField === undefined
        ? fileIssue("no-data-rows", "文件只有表头，没有数据行", "the file has a header but no data rows")
        : fileIssue("no-data-rows", "文件中没有要素", "the file holds no features"),
    );
  const mapping: ColumnMapping = { ...guessColumns(headers), ...opts.mapping };
  // an id column Excel has turned to scientific notation (every 组织机构代码 「4.102E+11」): the row number column
  // instead, when there is one, and said (the re-trial: every id garbled to 「4.102E+11~4」 beside a clean 序号)
  if (opts.mapping?.id === undefined && mapping.id !== undefined) {
    const idColumn = mapping.id;
    const cells = records
      .slice(0, 200)
      .map((r) => r.get(idColumn).trim())
      .filter((c) => c !== "");
    const serial = headers.find((h) => h !== idColumn && /^(序号|no\.?)$/i.test(h.trim()));
    if (
      serial !== undefined &&
      cells.length > 0 &&
      cells.filter((c) => excelScientific(c)).length * 2 >= cells.length
    ) {
      mapping.id = serial;
      issues.push(
        fileIssue(
          "id-column-scientific",
          `“${idColumn}”列多为 Excel 科学计数法（末几位已丢失），改用“${serial}”作编号：请把该列设为“文本”格式后重新导出`,
          `the "${idColumn}" column is mostly in Excel's scientific notation (its last digits lost), so "${serial}" is the id: format the column as text and export again`,
          "warning",
        ),
      );
    }
  }
  // one column holding both coordinates (「经纬度」 "114.35,34.77"): read as a longitude and a latitude column
  const both =
    geometryField === undefined && mapping.lon === undefined && mapping.lat === undefined
      ? combinedCoordinateColumn(headers, (h) => records.slice(0, 200).map((r) => r.get(h)))
      : undefined;
  if (both !== undefined) {
    const lon = `${both}（经度）`;
    const lat = `${both}（纬度）`;
    records = records.map((r) => ({
      ...r,
      get: (column: string | undefined) => {
        if (column !== lon && column !== lat) return r.get(column);
        const cell = r.get(both);
        const pair = splitCoordinatePair(cell);
        return pair ? pair[column === lon ? 0 : 1] : column === lon ? cell : "";
      },
    }));
    headers = [...headers, lon, lat];
    mapping.lon = lon;
    mapping.lat = lat;
    issues.push(
      fileIssue(
        "combined-coordinates",
        `“${both}”列一格中含经度和纬度，已按“经度,纬度”拆为两列读取`,
        `the "${both}" column holds longitude and latitude in one cell: read as "longitude,latitude"`,
        "note",
      ),
    );
  }
  for (const [k, v] of Object.entries(opts.mapping ?? {})) {
    if (v !== undefined && !headers.includes(v))
      issues.push(
        fileIssue("unknown-column", `指定的列“${v}”（${k}）不存在`, `column "${v}" given for ${k} does not exist`),
      );
  }
  // a file with no features has no columns to look for: saying so once is enough
  const noColumns = records.length === 0 && headers.length === 0;
  const noCoordinates =
    !noColumns && geometryField === undefined && (mapping.lon === undefined || mapping.lat === undefined);
  if (noCoordinates) {
    // Say which of the two is missing (a file with 经度 but no 纬度 is not missing its longitude), once for the file:
    // every row lacks the same column, and one identical message per row would bury the others.
    const noLon = mapping.lon === undefined;
    const noLat = mapping.lat === undefined;
    const zh = noLon && noLat ? "经度列和纬度列" : noLon ? "经度列" : "纬度列";
    const en =
      noLon && noLat ? "no longitude or latitude column" : noLon ? "no longitude column" : "no latitude column";
    const n = records.length;
    const shown = headers.slice(0, 12);
    const more = headers.length > shown.length ? "…" : "";
    const zhLost = n === 0 ? "" : n === 1 ? "，该行未导入" : `，全部 ${n} 行均未导入`;
    const enLost = n === 0 ? "" : n === 1 ? ", so the row was not imported" : `, so none of the ${n} rows was imported`;
    // the advice fits the file: a column no other field took could be the missing one (map it); with none, the
    // column has to be added to the file (no mapping can help)
    const taken = new Set(Object.values(mapping).filter((v) => v !== undefined));
    const free = headers.filter((h) => h !== "" && !taken.has(h));
    // a workbook whose other sheets hold rows: the data is there, not in a column to rename (the re-check, s56c: a
    // first sheet of notes was told to rename its columns)
    const otherSheets = issues.find((i) => i.code === "other-sheets-not-read")?.value?.split("、");
    const [zhDo, enDo] = otherSheets?.length
      ? [
          `数据似在其他工作表（${otherSheets.join("、")}）：请在导入时选择“工作表”（命令行加 --sheet ${otherSheets[0]}）`,
          `the data seems to be on another sheet (${otherSheets.join(", ")}): choose the sheet at import (on the command line --sheet ${otherSheets[0]})`,
        ]
      : free.length > 0
        ? [
            // the command line has no column mapping: renaming the column is what it can do (the GIS trial)
            `请在“列对应”中指定${noLon && noLat ? "经度和纬度" : noLon ? "经度" : "纬度"}所在的列（命令行：把该列改名为${noLon && noLat ? "“经度”“纬度”" : noLon ? "“经度”" : "“纬度”"}）`,
            `set it in the column mapping (on the command line: rename the column ${noLon && noLat ? "经度 and 纬度 (lon and lat)" : noLon ? "经度 (lon)" : "纬度 (lat)"})`,
          ]
        : [
            // every column is taken by another field: none is left that could hold it (the CLI trial, s54b L17: 「no
            // other column to use」 read as if the file had no columns)
            `其余各列都已对应其他字段，没有可作${noLon && noLat ? "经纬度" : noLon ? "经度" : "纬度"}的列：请在表格中加入${noLon && noLat ? "“经度”和“纬度”列" : noLon ? "“经度”列" : "“纬度”列"}后重新导入`,
            `every other column is taken by another field, so none can be the ${noLon && noLat ? "longitude or latitude" : noLon ? "longitude" : "latitude"}: add ${noLon && noLat ? "经度 and 纬度 (lon and lat) columns" : noLon ? "a 经度 (lon) column" : "a 纬度 (lat) column"} to the file and import it again`,
          ];
    issues.push({
      ...fileIssue(
        "missing-column",
        `找不到${zh}${zhLost}：${zhDo}（现有列：${shown.join("、")}${more}）`,
        `${en} found${enLost}: ${enDo} (columns: ${shown.join(", ")}${more})`,
      ),
      // a missing column has no header in the file: the field is its logical name
      field: noLon && noLat ? "lon/lat" : noLon ? "lon" : "lat",
    });
  }
  if (noColumns) {
    // nothing more to say about columns
  } else if (mapping.name === undefined && mapping.type === undefined) {
    const byRow = opts.typeOverrides?.byRow ?? {};
    // every row's type chosen by hand: nothing is left undetermined, so the file's lack is a note, not an error
    const allChosen = records.length > 0 && records.every((r) => Object.hasOwn(byRow, r.row));
    issues.push(
      allChosen
        ? fileIssue(
            "missing-column",
            "找不到名称列和类型列：各行类型均已人工指定",
            "no name or type column: every row's type was set by hand",
            "note",
          )
        : fileIssue(
            "missing-column",
            "找不到名称列和类型列，无法判断机构类型",
            "no name or type column; facility types cannot be determined",
          ),
    );
  } else if (mapping.name === undefined) {
    issues.push(fileIssue("missing-column", "找不到名称列", "no name column", "warning"));
  }
  if (noCoordinates)
    return {
      ...nothingImported(issues, mapping, crs),
      rejectedRows: records.length,
      totalRows: records.length,
      ...tableInfo(),
    };
  // coordinate columns that name their datum (「高德经度」「高德纬度」) are read in it: read as WGS84 with a warning, every
  // position was 100–700 m off unless the planner pressed convert (the planner trial, s41-b #2); in a GeoJSON, KML or
  // Shapefile, such columns holding the geometry's own coordinates say the geometry is in that datum (the GIS trial:
  // a GeoJSON with 百度经度/百度纬度 equal to its points was read as WGS84, with a warning only)
  const named =
    crs !== "wgs84" || opts.crs || records.length === 0
      ? undefined
      : geometryField === undefined
        ? mapping.lon && mapping.lat
          ? { lon: mapping.lon, lat: mapping.lat, datum: datumOfColumns(mapping.lon, mapping.lat) }
          : undefined
        : customToWgs84 === undefined
          ? datumColumnsOfGeometry(headers, records)
          : undefined;
  if (named?.datum) {
    const datum = named.datum;
    crs = datum;
    crsFromColumns = true;
    crsFromFile = false;
    const label = datum === "gcj02" ? "高德/腾讯地图（GCJ-02）" : "百度地图（BD-09）";
    const labelEn = datum === "gcj02" ? "Amap or Tencent (GCJ-02)" : "Baidu (BD-09)";
    issues.push(
      fileIssue(
        "crs-from-columns",
        `经纬度列名「${named.lon}」「${named.lat}」表明坐标取自${label}：已按 ${datum} 读取并换算为 WGS84；如实为 WGS84，请把坐标系选为 wgs84 后重新读取（命令行：--crs wgs84）`,
        `the coordinate columns' names 「${named.lon}」「${named.lat}」 say the positions come from ${labelEn}: read as ${datum} and converted to WGS84; if they are WGS84, read the file again with the coordinate system set to wgs84 (command line: --crs wgs84)`,
        "note",
      ),
    );
  }
  // (a file with no rows has no positions to convert: no hint, no convert buttons; the planner trial, s41-b #9)
  if (crs === "wgs84" && !opts.crs && records.length > 0) {
    // the other columns' text of the first rows: a note such as 「坐标取自高德地图」; not names or places (「百度大厦卫生站」,
    // 「火星庙村民委员会」 in the tool's own export: the planner trial, s40-a #1)
    const named = new Set(Object.values(mapping));
    const other = headers.filter((h) => !named.has(h) && !PLACE_COLUMN.test(h));
    const cells = records.slice(0, 1000).flatMap((r) => other.map((h) => r.get(h)));
    // and a title row skipped above the header: 「…（坐标取自百度地图）」 (the EMS planner trial, s53 L1: only the
    // generic hint, and a row whose code is 袁州区's read 21 km away in 分宜县)
    for (const i of issues) if (i.code === "title-rows-skipped" && i.value) cells.push(i.value);
    const datum = guessDatumFromNames(fileName, headers, cells);
    if (datum) {
      const label = datum === "gcj02" ? "GCJ-02（高德/腾讯）" : "BD-09（百度）";
      issues.push({
        ...fileIssue(
          datum === "gcj02" ? "maybe-gcj02" : "maybe-bd09",
          `文件名、列名或备注提示坐标可能是 ${label}，但按 WGS84 读取；如属实请按 ${datum === "gcj02" ? "GCJ-02" : "BD-09"} 转换（命令行：--crs ${datum}）（偏差约 ${datum === "gcj02" ? "100–700 米" : "0.7–1.5 公里"}）`,
          `the file name, column names or notes suggest ${datum.toUpperCase()} coordinates but WGS84 was used; if so, convert from ${datum === "gcj02" ? "GCJ-02" : "BD-09"} (command line: --crs ${datum}) (offset about ${datum === "gcj02" ? "100–700 m" : "0.7–1.5 km"})`,
          "warning",
        ),
        value: datum,
      });
    }
  }

  const unitNames = opts.divisions !== undefined || opts.unitNamesLater ? new Map<number, UnitNameCells>() : undefined;
  // the county cells as written where they are names, for the county issues' values (the code is in their message)
  const countyCells = new Map<number, string>();
  const conv = convertRecords(records, {
    unitNames,
    countyCells,
    file: fileName,
    crs,
    customToWgs84,
    mapping,
    headers,
    counties: opts.counties,
    onProgress: opts.onProgress,
    geometryField,
    // (the bad-files trial, s56b L: 「坐标」 read as both coordinates and also listed among 「未使用的列」)
    ...(both !== undefined ? { coordinatesColumn: both } : {}),
    typeOverrides: opts.typeOverrides,
  });
  for (const i of emptyOptionalColumns(conv.issues, fileName, mapping)) issues.push(i);
  const wrongColumn = wrongCoordinateColumns(conv.issues, records.length, mapping, fileName);
  if (wrongColumn.length) issues.unshift(...wrongColumn);
  // positions in metres read as degrees: one line saying so, and which projection fits (the GIS trial: a Shapefile in
  // CGCS2000 Gauss–Krüger without its .prj gave 59 「坐标超出取值范围」 and no hint)
  if (conv.metres.length > 0 && conv.metres.length * 2 >= records.length) {
    const fit = opts.boundaries ? projectionFromBoundaries(conv.metres, opts.boundaries) : null;
    const shp = format === "shapefile-zip";
    const where = opts.crs ? `指定按 ${opts.crs} 读取` : shp ? " Shapefile 缺 .prj" : "未选坐标系";
    const whereEn = opts.crs
      ? `${opts.crs} was chosen`
      : shp
        ? "the Shapefile has no .prj"
        : "no coordinate system was chosen";
    const unit = recordUnit(fileName);
    const items = `${conv.metres.length} ${RECORD_UNIT_ZH[unit]}`;
    const itemsEn = counted(conv.metres.length, `${unit}'s`, `${unit}s'`);
    issues.unshift({
      ...fileIssue(
        "looks-projected",
        fit
          ? `${items}的坐标似为投影坐标（米），而${where}：按 ${fit.crs}（${projectionLabel(fit.crs).zh}）换算，抽查的 ${fit.tried} 个中有 ${fit.inside} 个落在已加载的县区内；如属实请按 ${fit.crs} 重新导入（命令行：--crs ${fit.crs}）`
          : `${items}的坐标似为投影坐标（米，如 CGCS2000 高斯-克吕格），而${where}：请附上 .prj 或指定坐标系后重新导入`,
        fit
          ? `${itemsEn} coordinates look like projected metres and ${whereEn}: read in ${fit.crs} (${projectionLabel(fit.crs).en}), ${fit.inside} of ${fit.tried} sampled fall inside the loaded counties; re-import in ${fit.crs} if so (command line: --crs ${fit.crs})`
          : `${itemsEn} coordinates look like projected metres (such as CGCS2000 Gauss–Krüger) and ${whereEn}: add the .prj or choose the coordinate system and import again`,
        "warning",
      ),
      ...(fit ? { value: fit.crs } : {}),
    });
  }
  let rejectedRows = conv.rejected;
  let facilities = conv.facilities;
  let rows = conv.rows;
  if (opts.boundaries) {
    const checked = checkCoordinates(facilities, {
      boundaries: opts.boundaries,
      file: fileName,
      rows: conv.rows,
      field: geometryField ?? `${mapping.lon}/${mapping.lat}`,
    });
    const stated = checkStatedCounty(checked.facilities, checked.rows, opts.boundaries, {
      file: fileName,
      // a county taken from the division code column is said against that column
      field: mapping.county ?? mapping.unitCode ?? "county",
      countyCells,
      ...(unitNames ? { namesUnit: (row: number) => namesUnit(unitNames.get(row)) } : {}),
    });
    // a row with no county just outside every boundary: the nearest county's, said (the approximate boundaries)
    const near = nearBoundaryCounties(stated.facilities, stated.rows, opts.boundaries, {
      file: fileName,
      field: geometryField ?? `${mapping.lon}/${mapping.lat}`,
      outside: new Set(checked.issues.filter((i) => i.code === "outside-boundaries").map((i) => i.row)),
    });
    // a row rejected for lying far from its stated county is not also told how it would count outside every county
    // (the GIS trial: 北京协和医院 coded 411302 had both), nor one given its nearest county, nor one just outside the
    // county it states and counted there (near-stated-county)
    const refused = new Set(
      stated.issues.filter((i) => i.severity === "error" || i.code === "near-stated-county").map((i) => i.row),
    );
    for (const i of checked.issues)
      if (i.code === "outside-boundaries" && !refused.has(i.row) && !near.near.has(i.row)) issues.push(i);
    for (const i of near.issues) issues.push(i);
    stated.facilities = near.facilities;
    facilities = stated.facilities;
    rows = stated.rows;
    rejectedRows += stated.rejected;
    for (const i of stated.issues) issues.push(i);
    issues.sort((a, b) => a.row - b.row);
    if (crs === "wgs84") {
      // positional evidence: facilities fall into the county their code names only once converted
      const hint = datumIssue(fileName, datumFromBoundaries(facilities, opts.boundaries));
      // first, with the file's other whole-file issues: it explains the rows' outside-boundary warnings below it
      if (hint && !issues.some((i) => i.code === hint.code)) issues.unshift(hint);
    }
  }
  // one facility entered twice a few metres apart counts twice in every check (the user trial: 明化镇卫生院 on rows
  // 15 and 16, 35 m apart): said on the later row, as an exact copy is ("duplicate-row", which it does not repeat)
  const copies = new Set(issues.filter((i) => i.code === "duplicate-row").map((i) => i.row));
  const near = nearDuplicateIssues(fileName, facilities, rows, {
    field: mapping.name ?? "name",
    unit: recordUnit(fileName),
    skipRows: copies,
  });
  // the same name and type in one county a few kilometres off: perhaps one entered twice, perhaps two of one name
  const warned = new Set([...copies, ...near.map((i) => i.row)]);
  const same = sameNameIssues(fileName, facilities, rows, {
    field: mapping.name ?? "name",
    unit: recordUnit(fileName),
    skipRows: warned,
  });
  near.push(...same);
  if (near.length > 0) {
    for (const i of near) issues.push(i);
    // the whole file's issues first, then the rows' in order (stable: a row's own issues keep their order)
    issues.sort((a, b) => a.row - b.row);
  }
  // rows refused for their position: their township and village names matched as the rows' are (not when the names
  // are matched later, city by city)
  const refused = opts.unitNamesLater
    ? conv.positionRefused
    : placeRejectedFacilities(conv.positionRefused, opts.divisions);
  let refusedInfo: { rejectedFacilities?: RejectedFacility[] } =
    refused.length > 0 ? { rejectedFacilities: refused } : {};
  if (opts.unitNamesLater && unitNames)
    return {
      facilities,
      rows,
      issues,
      ...refusedInfo,
      rejectedRows,
      totalRows: records.length,
      mapping,
      crs,
      ...tableInfo(),
      unitNames,
      ...(countyCells.size > 0 ? { countyCells } : {}),
    };
  // how far outside a loaded county a point lies, km
  const kmOutside = opts.boundaries
    ? (lon: number, lat: number, county: string) => {
        const geom = opts.boundaries?.features.find(
          (f) => String((f.properties as { code?: unknown } | null)?.code ?? "") === county,
        )?.geometry;
        return geom && (geom.type === "Polygon" || geom.type === "MultiPolygon")
          ? distanceOutsideKm(lon, lat, geom)
          : undefined;
      }
    : undefined;
  // (also with no names: a row whose township or village code is another county's than where it lies is said)
  if (unitNames && (unitNames.size > 0 || opts.divisions)) {
    const locator = opts.boundaries ? new CountyLocator(opts.boundaries.features) : undefined;
    const codeOf = (i: number) =>
      String((opts.boundaries?.features[i]?.properties as { code?: unknown } | null)?.code ?? "");
    const matched = matchUnitNames(facilities, rows, unitNames, {
      file: fileName,
      divisions: opts.divisions,
      fields: {
        ...(mapping.county ? { county: mapping.county } : {}),
        ...(mapping.township ? { township: mapping.township } : {}),
        ...(mapping.village ? { village: mapping.village } : {}),
        ...(mapping.name ? { name: mapping.name } : {}),
      },
      ...(locator
        ? {
            countyAt: (lon: number, lat: number) => {
              const i = locator.locate(lon, lat);
              return i >= 0 ? codeOf(i) : undefined;
            },
          }
        : {}),
      ...(kmOutside ? { kmOutside } : {}),
    });
    for (const i of matched.issues) issues.push(i);
    // a county cell taken as the mistake (its township and point agree on another county): the row's warning that it
    // lies outside that county, its township for review, no longer holds; the new warning says what was done
    dropIssues(issues, "outside-stated-county", matched.countyFixed);
    // a row outside its stated county whose names matched no unit: no unit is for review, as its warning said
    unsayUnitReview(issues, facilities, rows);
    // (copied back one by one: a spread of a 200,000-row file's issues overflows the stack)
    const kept = withVillagesFromNames(issues, mapping);
    if (kept.length !== issues.length || kept.some((i, n) => i !== issues[n])) {
      issues.length = 0;
      for (const i of kept) issues.push(i);
    }
    issues.sort((a, b) => a.row - b.row);
    // rows kept where they lie whose own units are another county's: those units are for review, naming the row
    if (matched.elsewhere.length > 0) refusedInfo = { rejectedFacilities: [...refused, ...matched.elsewhere] };
    if (matched.townships + matched.villages > 0)
      issues.unshift({
        ...fileIssue(
          "unit-names-matched",
          // rows, not units: 靖安县's 11 townships read 「乡镇 55 个」 over its 55 rows (the reviewer trial, s45 #8)
          `乡镇、行政村按名称与本市区划名录对应：${matched.townships} 行的乡镇、${matched.villages} 行的行政村（同名或找不到的逐行列出）`,
          `townships and villages matched by name to the city's division list: the township on ${counted(matched.townships, "row", "rows")}, the village on ${counted(matched.villages, "row", "rows")} (names found twice or not at all are listed by row)`,
          "note",
        ),
      });
  }
  // rows kept far outside the county they state (outside-stated-county): the units they name are for review, naming
  // the row, not counted as having the facility (the user re-trial: 瓦屋镇卫生院 15.9 km into 南召县 gave 瓦屋镇 its centre)
  // and rows in none of the loaded counties, stating none, whose township or village is one of them (the user trial,
  // s52 #1)
  if (kmOutside) markOutsideUnitCounty(facilities, kmOutside);
  const outside = outsideStatedRows(facilities, rows, fileName);
  if (outside.length > 0)
    refusedInfo = {
      rejectedFacilities: [...(refusedInfo.rejectedFacilities ?? []), ...outside],
    };
  return {
    facilities,
    rows,
    issues,
    ...refusedInfo,
    rejectedRows,
    totalRows: records.length,
    mapping,
    crs,
    ...tableInfo(),
  };
}

/**
 * The whole-file warning that a list read as WGS84 is more likely GCJ-02 or BD-09, from {@link datumFromBoundaries}'s
 * positional evidence (facilities fall into the county their code names only once converted); none without it.
 */
export function datumIssue(file: string, ev: DatumEvidence): RowIssue | undefined {
  if (!ev.suggest) return undefined;
  const after = ev.suggest === "gcj02" ? ev.mismatchGcj02 : ev.mismatchBd09;
  const label = ev.suggest === "gcj02" ? "GCJ-02（高德/腾讯）" : "BD-09（百度）";
  return {
    file,
    row: 0,
    field: "",
    severity: "warning",
    code: `maybe-${ev.suggest}`,
    value: ev.suggest,
    message: {
      zh: `坐标可能是 ${label}：按 WGS84 读取，所填县区代码与位置不符的有 ${ev.mismatchAsRead}/${ev.checked} 个，按 ${ev.suggest} 换算后只有 ${after} 个；如属实请按 ${ev.suggest} 重新导入`,
      en: `coordinates may be ${ev.suggest.toUpperCase()}: read as WGS84, ${ev.mismatchAsRead} of ${ev.checked} facilities lie outside the county their code names, ${after} after converting from ${ev.suggest}; re-import with crs "${ev.suggest}" if so`,
    },
  };
}

/**
 * Removes, in place, the issues of `code` on the given rows (in place: a 200,000-row file's list is not spread); true
 * when any was.
 */
export function dropIssues(issues: RowIssue[], code: string, rows: readonly number[]): boolean {
  if (rows.length === 0) return false;
  const drop = new Set(rows);
  let n = 0;
  for (const i of issues) if (!(i.code === code && drop.has(i.row))) issues[n++] = i;
  const changed = n < issues.length;
  issues.length = n;
  return changed;
}
