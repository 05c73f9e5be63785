import type { Feature, Geometry } from "geojson";
import { FACILITY_TYPE_LABELS, type Facility } from "../model";
import {
  checkCoordinates,
  checkStatedCounty,
  classifyLonLat,
  datumFromBoundaries,
  guessDatumFromNames,
  inChinaBbox,
  SWAP_MESSAGE,
} from "./checks";
import { guessFacilityType, guessHospitalKind, parseGrade, parseOwnership } from "./classify";
import { guessColumns } from "./columns";
import { isProjected, toWgs84 } from "./crs";
import { describeFileError, preview } from "./errors";
import { type FeatureProblem, readGeoJSONText, readKmlText, readShapefileZip, type VectorRead } from "./georead";
import { MAX_NUMBER_CHARS, parseCoordinate, parseDecimal, shortValue } from "./numbers";
import { isZip, parseCsvBytes, parseXlsxBytes, type Table } from "./tabular";
import { decodeText, fileExt, fileStem } from "./text";
import type {
  ColumnMapping,
  CrsId,
  FacilityImport,
  Message,
  ParseFacilityOptions,
  RowIssue,
  TypeOverrides,
} from "./types";

/** How often onProgress is called, rows. */
export const PROGRESS_EVERY = 5000;

/** A county to resolve county names to codes. */
export interface CountyRef {
  code: string;
  name: string;
}

/** File formats recognised by extension or content. */
export type FileFormat = "csv" | "xlsx" | "geojson" | "kml" | "shapefile-zip";

/** Detects the format from the extension, falling back to the first bytes. */
export function detectFormat(data: Uint8Array, fileName: string): FileFormat | undefined {
  const ext = fileExt(fileName);
  if (ext === "csv" || ext === "txt" || ext === "tsv") return "csv";
  if (ext === "xlsx" || ext === "xlsm") return "xlsx";
  if (ext === "geojson" || ext === "json") return "geojson";
  if (ext === "kml") return "kml";
  if (ext === "zip" || ext === "shz") return "shapefile-zip";
  if (isZip(data)) return "xlsx";
  const head = decodeText(data.subarray(0, 512)).text.trimStart();
  if (head.startsWith("{")) return "geojson";
  if (head.startsWith("<")) return "kml";
  return "csv";
}

/** One input record: a spreadsheet row or a vector feature, with its cells as text. */
interface SourceRecord {
  row: number;
  get(column: string | undefined): string;
  /** Point geometry in the file's CRS, for vector formats. */
  point?: [number, number];
  /** Geometry type when it is not a point (→ error). */
  otherGeometry?: string;
  /** Why the record cannot be read at all (→ error). */
  problem?: FeatureProblem;
}

function message(zh: string, en: string): Message {
  return { zh, en };
}

/** "longitude "…" is not a number", saying so when the text is too long to be one. */
function notANumber(zh: string, en: string, text: string): Message {
  const v = shortValue(text);
  if (text.length > MAX_NUMBER_CHARS)
    return message(
      `${zh}不是数字：长度超过 ${MAX_NUMBER_CHARS} 个字符（${text.length}）`,
      `${en} is not a number: longer than ${MAX_NUMBER_CHARS} characters (${text.length})`,
    );
  return message(`${zh}“${v}”不是数字`, `${en} "${v}" is not a number`);
}

function parseBool(text: string): boolean | undefined {
  const s = text.trim().toLowerCase();
  if (["true", "1", "yes", "y", "是", "t"].includes(s)) return true;
  if (["false", "0", "no", "n", "否", "f", ""].includes(s)) return false;
  return undefined;
}

function normCountyName(s: string): string {
  return s.trim().replace(/\s+/g, "");
}

/** Options for {@link rowsToFacilities} beyond {@link ParseFacilityOptions}. */
interface ConvertContext {
  file: string;
  crs: CrsId;
  customToWgs84?: (x: number, y: number) => [number, number];
  mapping: ColumnMapping;
  headers: string[];
  counties?: CountyRef[];
  onProgress?: (done: number, total: number) => void;
  /** Field name used for the geometry in issues (vector formats). */
  geometryField?: string;
  typeOverrides?: TypeOverrides;
}

function convertRecords(
  records: SourceRecord[],
  ctx: ConvertContext,
): { facilities: Facility[]; rows: number[]; issues: RowIssue[]; rejected: number } {
  const { file, mapping } = ctx;
  const issues: RowIssue[] = [];
  const facilities: Facility[] = [];
  const rows: number[] = [];
  let rejected = 0;
  const stem = fileStem(file);
  const ids = new Set<string>();
  const projected = isProjected(ctx.crs) || ctx.customToWgs84 !== undefined;
  const toWgs = ctx.customToWgs84 ?? ((x: number, y: number) => toWgs84(x, y, ctx.crs));
  const countyByName = new Map<string, string>();
  for (const c of ctx.counties ?? []) {
    const n = normCountyName(c.name);
    countyByName.set(n, c.code);
    const short = n.replace(/(自治县|县|区|市)$/, "");
    if (short.length >= 2 && !countyByName.has(short)) countyByName.set(short, c.code);
  }
  const lonField = mapping.lon ?? "lon";
  const latField = mapping.lat ?? "lat";
  const total = records.length;

  records.forEach((rec, index) => {
    if (ctx.onProgress && index > 0 && index % PROGRESS_EVERY === 0) ctx.onProgress(index, total);
    const row = rec.row;
    if (rec.problem) {
      issues.push({
        file,
        row,
        field: ctx.geometryField ?? "geometry",
        message: rec.problem.message,
        severity: "error",
        code: rec.problem.code,
      });
      rejected++;
      return;
    }
    const rowIssues: RowIssue[] = [];
    const err = (field: string, code: string, msg: Message, value?: string) =>
      rowIssues.push({
        file,
        row,
        field,
        ...(value !== undefined ? { value } : {}),
        message: msg,
        severity: "error",
        code,
      });
    const warn = (field: string, code: string, msg: Message, value?: string) =>
      rowIssues.push({
        file,
        row,
        field,
        ...(value !== undefined ? { value } : {}),
        message: msg,
        severity: "warning",
        code,
      });

    // Coordinates in the file's CRS.
    let x = Number.NaN;
    let y = Number.NaN;
    let coordField = `${lonField}/${latField}`;
    let coordValue = "";
    if (rec.otherGeometry) {
      err(
        ctx.geometryField ?? "geometry",
        "not-a-point",
        message(
          `几何类型为 ${rec.otherGeometry}，不是单个点`,
          `the geometry is a ${rec.otherGeometry}, not a single point`,
        ),
        rec.otherGeometry,
      );
    } else if (rec.point) {
      [x, y] = rec.point;
      coordField = ctx.geometryField ?? "geometry";
      coordValue = `${x}, ${y}`;
    } else if (mapping.lon === undefined || mapping.lat === undefined) {
      err(
        ctx.geometryField ? "geometry" : `${lonField}/${latField}`,
        "missing-coordinate",
        message(
          "没有坐标（缺少经度/纬度列或点几何）",
          "no coordinates (no longitude/latitude column or point geometry)",
        ),
      );
    } else {
      const lonText = rec.get(mapping.lon).trim();
      const latText = rec.get(mapping.lat).trim();
      coordValue = `${shortValue(lonText)}, ${shortValue(latText)}`;
      x = lonText === "" ? Number.NaN : parseCoordinate(lonText);
      y = latText === "" ? Number.NaN : parseCoordinate(latText);
      if (lonText === "") err(lonField, "missing-coordinate", message("经度为空", "longitude is empty"));
      else if (Number.isNaN(x))
        err(lonField, "not-a-number", notANumber("经度", "longitude", lonText), shortValue(lonText));
      if (latText === "") err(latField, "missing-coordinate", message("纬度为空", "latitude is empty"));
      else if (Number.isNaN(y))
        err(latField, "not-a-number", notANumber("纬度", "latitude", latText), shortValue(latText));
    }

    let lon = Number.NaN;
    let lat = Number.NaN;
    if (Number.isFinite(x) && Number.isFinite(y) && rowIssues.length === 0) {
      if (!projected) {
        const c = classifyLonLat(x, y);
        if (c.kind === "error") {
          const field = rec.point
            ? coordField
            : c.code === "out-of-range"
              ? Math.abs(y) > 90
                ? latField
                : lonField
              : !inChinaLon(x)
                ? lonField
                : latField;
          err(
            field,
            c.code,
            c.message,
            rec.point
              ? coordValue
              : field === latField
                ? String(rec.get(mapping.lat).trim())
                : String(rec.get(mapping.lon).trim()),
          );
        } else {
          if (c.kind === "swapped") {
            [x, y] = [y, x];
            warn(coordField, "swapped-lat-lon", SWAP_MESSAGE, coordValue);
          }
          [lon, lat] = toWgs(x, y);
        }
      } else {
        const direct = toWgs(x, y);
        if (inChinaBbox(direct[0], direct[1])) [lon, lat] = direct;
        else {
          const swapped = toWgs(y, x);
          if (inChinaBbox(swapped[0], swapped[1])) {
            [lon, lat] = swapped;
            warn(
              coordField,
              "swapped-x-y",
              message("X/Y（北坐标/东坐标）疑似填反，已交换", "easting and northing look swapped; swapped back"),
              coordValue,
            );
          } else {
            err(
              coordField,
              "outside-china",
              message(
                `投影坐标 (${x}, ${y}) 在 ${ctx.crs} 下不在中国范围内：坐标系选错了吗？`,
                `projected coordinate (${x}, ${y}) is outside China in ${ctx.crs}: wrong CRS?`,
              ),
              coordValue,
            );
          }
        }
      }
    }

    // Name and type.
    let name = rec.get(mapping.name).trim();
    const typeCell = rec.get(mapping.type).trim();
    const byRow = ctx.typeOverrides?.byRow;
    const byValue = ctx.typeOverrides?.byValue;
    const chosen =
      (byRow && Object.hasOwn(byRow, row) ? byRow[row] : undefined) ??
      (typeCell !== "" && byValue && Object.hasOwn(byValue, typeCell) ? byValue[typeCell] : undefined);
    const type = chosen ?? guessFacilityType(name, typeCell);
    if (chosen) {
      // the user's choice: nothing to report
    } else if (!type) {
      if (typeCell !== "")
        err(
          mapping.type ?? "type",
          "unknown-type",
          message(`无法识别机构类型“${typeCell}”`, `unknown facility type "${typeCell}"`),
          typeCell,
        );
      else
        err(
          mapping.type ?? mapping.name ?? "type",
          "unknown-type",
          message(`无法从名称“${name}”判断机构类型`, `cannot tell the facility type from the name "${name}"`),
          name,
        );
    } else if (typeCell !== "" && guessFacilityType("", typeCell) === undefined) {
      warn(
        mapping.type ?? "type",
        "type-from-name",
        message(
          `类型“${typeCell}”无法识别，已按名称判断为${FACILITY_TYPE_LABELS[type].zh}`,
          `type "${typeCell}" not recognised; took ${type} from the name`,
        ),
        typeCell,
      );
    }
    if (name === "" && type) {
      name = `${FACILITY_TYPE_LABELS[type].zh}（第${row}行）`;
      warn(
        mapping.name ?? "name",
        "missing-name",
        message(`名称为空，暂命名为“${name}”`, `name is empty; named "${name}"`),
      );
    }

    if (rowIssues.some((i) => i.severity === "error") || !type) {
      issues.push(...rowIssues);
      rejected++;
      return;
    }

    const f: Facility = { id: "", name, type, lon, lat };
    // Id.
    let id = rec.get(mapping.id).trim();
    if (id === "") id = `${stem}-${row}`;
    if (ids.has(id)) {
      const newId = `${id}~${row}`;
      warn(
        mapping.id ?? "id",
        "duplicate-id",
        message(`编号“${id}”重复，改为“${newId}”`, `duplicate id "${id}"; renamed "${newId}"`),
        id,
      );
      id = newId;
    }
    ids.add(id);
    f.id = id;

    // "missing-optional" warnings only where a rule needs the field: county for all, township for
    // township health centres, village for village clinics.
    if (mapping.county) {
      const c = rec.get(mapping.county).trim();
      if (c === "") warn(mapping.county, "missing-optional", message("所属县区为空", "county is empty"));
      else if (/^\d{6}$/.test(c)) f.county = c;
      else if (/^\d{6}0{6}$/.test(c) || /^\d{6}0{3}$/.test(c)) f.county = c.slice(0, 6);
      else {
        const code =
          countyByName.get(normCountyName(c)) ?? countyByName.get(normCountyName(c).replace(/(自治县|县|区|市)$/, ""));
        if (code) f.county = code;
        else
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
    if (mapping.township) {
      const t = rec.get(mapping.township).trim();
      if (t === "") {
        if (type === "thc" || type === "central-thc" || type === "sub-centre")
          warn(mapping.township, "missing-optional", message("乡镇为空", "township is empty"));
      } else if (/^\d{9}$/.test(t)) f.township = t;
      else if (/^\d{9}000$/.test(t)) f.township = t.slice(0, 9);
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
        if (type === "village-clinic")
          warn(mapping.village, "missing-optional", message("行政村为空", "village is empty"));
      } else if (/^\d{12}$/.test(v)) f.village = v;
      else
        warn(
          mapping.village,
          "not-a-code",
          message(`行政村“${v}”不是 12 位统计代码，未使用`, `village "${v}" is not a 12-digit code; not used`),
          v,
        );
    }
    if (mapping.beds) {
      const b = rec.get(mapping.beds).trim();
      if (b !== "") {
        // thousands separators ("1,200") are read as such, not as a decimal comma
        const n = parseDecimal(/^\d{1,3}([,，]\d{3})+$/.test(b) ? b.replace(/[,，]/g, "") : b);
        if (Number.isFinite(n) && n >= 0) f.beds = n;
        else
          warn(
            mapping.beds,
            "not-a-number",
            message(
              `床位数“${shortValue(b)}”不是非负数，未使用`,
              `beds "${shortValue(b)}" is not a non-negative number; not used`,
            ),
            shortValue(b),
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
    issues.push(...rowIssues);
    facilities.push(f);
    rows.push(row);
  });
  ctx.onProgress?.(total, total);
  return { facilities, rows, issues, rejected };
}

function inChinaLon(lon: number): boolean {
  return lon >= 73 && lon <= 136;
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
    message: message(
      `${type} 的坐标无效（应为两个数字 [经度, 纬度]）：${text}`,
      `the ${type}'s coordinates are invalid (two numbers [lon, lat] expected): ${text}`,
    ),
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
    else if (g) rec.otherGeometry = g.type;
    return rec;
  });
  if (features.some((f) => f?.id !== undefined) && !seen.has("id")) headers.push("id");
  return { records, headers };
}

/**
 * Parses a facility file: CSV (UTF-8, UTF-8 BOM or GBK/GB18030), XLSX, GeoJSON, KML or a zipped Shapefile.
 * Columns are guessed ({@link guessColumns}) and can be overridden; coordinates are converted from `opts.crs`
 * (default WGS84, or the Shapefile's .prj) to WGS84. Rows with an error are left out and counted in
 * `rejectedRows`; every problem is reported in `issues` with file, row and field.
 * Unreadable files (bad JSON, not a zip, missing sheet) give one error issue with row 0 and no facilities.
 */
export async function parseFacilityFile(
  data: Uint8Array,
  fileName: string,
  opts: ParseFacilityOptions & { counties?: CountyRef[] } = {},
): Promise<FacilityImport> {
  const format = detectFormat(data, fileName);
  const fileIssue = (code: string, zh: string, en: string, severity: "error" | "warning" = "error"): RowIssue => ({
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
  let geometryField: string | undefined;
  const issues: RowIssue[] = [];
  try {
    if (format === "csv" || format === "xlsx") {
      const table = format === "csv" ? parseCsvBytes(data) : await parseXlsxBytes(data, opts.sheet);
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
      else if (format === "kml") read = readKmlText(decodeText(data).text);
      else read = await readShapefileZip(data);
      for (const n of read.notes) issues.push(fileIssue(n.code, n.zh, n.en, n.severity));
      encoding = read.encoding;
      if (!opts.crs) {
        if (read.crs) crs = read.crs;
        else customToWgs84 = read.customToWgs84;
      }
      geometryField = "geometry";
      ({ records, headers } = vectorRecords(read.features, read.problems));
    }
  } catch (e) {
    const why = describeFileError(e);
    return {
      facilities: [],
      rows: [],
      issues: [
        {
          ...fileIssue(why.code, why.message.zh, why.message.en),
          ...(why.detail !== undefined ? { value: why.detail } : {}),
        },
      ],
      rejectedRows: 0,
      totalRows: 0,
      mapping: {},
      crs,
    };
  }

  if (records.length === 0)
    issues.push(
      geometryField === undefined
        ? fileIssue("no-data-rows", "文件只有表头，没有数据行", "the file has a header but no data rows")
        : fileIssue("no-data-rows", "文件中没有要素", "the file holds no features"),
    );
  const mapping: ColumnMapping = { ...guessColumns(headers), ...opts.mapping };
  for (const [k, v] of Object.entries(opts.mapping ?? {})) {
    if (v !== undefined && !headers.includes(v))
      issues.push(
        fileIssue("unknown-column", `指定的列“${v}”（${k}）不存在`, `column "${v}" given for ${k} does not exist`),
      );
  }
  if (geometryField === undefined && (mapping.lon === undefined || mapping.lat === undefined)) {
    issues.push(
      fileIssue(
        "missing-column",
        "找不到经度/纬度列，请指定列对应关系",
        "no longitude/latitude column found; set the column mapping",
      ),
    );
  }
  if (mapping.name === undefined && mapping.type === undefined) {
    issues.push(
      fileIssue(
        "missing-column",
        "找不到名称列和类型列，无法判断机构类型",
        "no name or type column; facility types cannot be determined",
      ),
    );
  } else if (mapping.name === undefined) {
    issues.push(fileIssue("missing-column", "找不到名称列", "no name column", "warning"));
  }
  if (crs === "wgs84" && !opts.crs) {
    const datum = guessDatumFromNames(fileName, headers);
    if (datum) {
      const label = datum === "gcj02" ? "GCJ-02（高德/腾讯）" : "BD-09（百度）";
      issues.push({
        ...fileIssue(
          datum === "gcj02" ? "maybe-gcj02" : "maybe-bd09",
          `文件名或列名提示坐标可能是 ${label}，但按 WGS84 读取；如属实请选择 ${datum} 重新导入（偏差约 100–700 米）`,
          `the file or column names suggest ${datum.toUpperCase()} coordinates but WGS84 was used; re-import with crs "${datum}" if so (offset about 100–700 m)`,
          "warning",
        ),
        value: datum,
      });
    }
  }

  const conv = convertRecords(records, {
    file: fileName,
    crs,
    customToWgs84,
    mapping,
    headers,
    counties: opts.counties,
    onProgress: opts.onProgress,
    geometryField,
    typeOverrides: opts.typeOverrides,
  });
  for (const i of conv.issues) issues.push(i);
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
    for (const i of checked.issues) if (i.code === "outside-boundaries") issues.push(i);
    const stated = checkStatedCounty(checked.facilities, checked.rows, opts.boundaries, {
      file: fileName,
      field: mapping.county ?? "county",
    });
    facilities = stated.facilities;
    rows = stated.rows;
    rejectedRows += stated.rejected;
    for (const i of stated.issues) issues.push(i);
    issues.sort((a, b) => a.row - b.row);
    if (crs === "wgs84") {
      // positional evidence: facilities fall into the county their code names only once converted
      const ev = datumFromBoundaries(facilities, opts.boundaries);
      if (ev.suggest && !issues.some((i) => i.code === `maybe-${ev.suggest}`)) {
        const after = ev.suggest === "gcj02" ? ev.mismatchGcj02 : ev.mismatchBd09;
        const label = ev.suggest === "gcj02" ? "GCJ-02（高德/腾讯）" : "BD-09（百度）";
        issues.push({
          ...fileIssue(
            `maybe-${ev.suggest}`,
            `坐标可能是 ${label}：按 WGS84 读取，所填县区代码与位置不符的有 ${ev.mismatchAsRead}/${ev.checked} 个，按 ${ev.suggest} 换算后只有 ${after} 个；如属实请按 ${ev.suggest} 重新导入`,
            `coordinates may be ${ev.suggest.toUpperCase()}: read as WGS84, ${ev.mismatchAsRead} of ${ev.checked} facilities lie outside the county their code names, ${after} after converting from ${ev.suggest}; re-import with crs "${ev.suggest}" if so`,
            "warning",
          ),
          value: ev.suggest,
        });
      }
    }
  }
  const result: FacilityImport = {
    facilities,
    rows,
    issues,
    rejectedRows,
    totalRows: records.length,
    mapping,
    crs,
  };
  if (encoding) result.encoding = encoding;
  if (sheet !== undefined) result.sheet = sheet;
  if (sheets) result.sheets = sheets;
  return result;
}
