import type { FeatureCollection, MultiPolygon, Polygon } from "geojson";
import { pointInPolygon } from "../geo";
import type { WeightedDemandPoint } from "../model";
import { inChinaBbox } from "./checks";
import { toWgs84 } from "./crs";
import { describeFileError } from "./errors";
import { cellTooLong, notACount, notANumber, parseDecimal, shortValue } from "./numbers";
import { parseCsvBytes, type Table } from "./tabular";
import { decodeText } from "./text";
import type { CrsId, RowIssue } from "./types";

/** A demand point (e.g. a village) with its weight (e.g. population; 1 when the file gives none); see core/model. */
export type WeightedPoint = WeightedDemandPoint;

/** Demand points read from a file, and every problem with file, row and field. */
export interface DemandImport {
  points: WeightedPoint[];
  /** Errors (rejected rows; row 0 = the whole file) and warnings (points outside every county). */
  issues: RowIssue[];
  /** Rows (CSV) or features (GeoJSON) rejected with at least one error. */
  rejected: number;
  /** Data rows or features in the file. */
  total: number;
}

/** Accepted column headers / GeoJSON property names (matched case-insensitively, trimmed). */
const ID_NAMES = ["id", "编号", "序号"];
const LON_NAMES = ["lon", "lng", "longitude", "经度"];
const LAT_NAMES = ["lat", "latitude", "纬度"];
const WEIGHT_NAMES = ["weight", "人口", "population", "权重"];

type Issue = Pick<RowIssue, "file" | "row" | "field" | "value" | "message"> & { code?: string };

function findKey(keys: readonly string[], names: readonly string[]): string | undefined {
  return keys.find((k) => names.includes(k.trim().toLowerCase()));
}

/** Parses a coordinate/weight cell (a plain decimal; "0x10" or "1e999" are not numbers); undefined when blank or not one. */
function num(v: unknown): number | undefined {
  if (typeof v === "number") return Number.isFinite(v) ? v : undefined;
  if (typeof v !== "string" || v.trim() === "") return undefined;
  const n = parseDecimal(v.trim().replace(/,/g, ""));
  return Number.isFinite(n) ? n : undefined;
}

/** Why a coordinate cell gave no number: it is empty (or missing from a feature), or what it holds is not one. */
function coordinateProblem(what: { zh: string; en: string }, v: unknown): { zh: string; en: string } {
  if (v === undefined || v === null || (typeof v === "string" && v.trim() === ""))
    return { zh: `${what.zh}为空`, en: `${what.en} is empty` };
  return notANumber(what, typeof v === "string" ? v.trim() : (JSON.stringify(v) ?? String(v)));
}

/**
 * Validates one row's raw values and returns a WGS84 demand point, or pushes error issues naming `field`.
 * `lon`/`lat` are degrees in `crs`; weight blank → 1, otherwise a finite number ≥ 0.
 */
function rowPoint(
  file: string,
  row: number,
  id: string,
  raw: { lon: unknown; lat: unknown; weight: unknown },
  fields: { lon: string; lat: string; weight?: string },
  crs: CrsId,
  errors: Issue[],
): WeightedPoint | undefined {
  const before = errors.length;
  const text = (v: unknown) => (v === undefined || v === null ? "" : shortValue(String(v)));
  const lon = num(raw.lon);
  const lat = num(raw.lat);
  if (lon === undefined)
    errors.push({
      file,
      row,
      field: fields.lon,
      value: text(raw.lon),
      message: coordinateProblem({ zh: "经度", en: "longitude" }, raw.lon),
    });
  else if (lon < -180 || lon > 180)
    errors.push({
      file,
      row,
      field: fields.lon,
      value: text(raw.lon),
      message: { zh: "经度超出 [-180, 180]", en: "longitude is outside [-180, 180]" },
    });
  if (lat === undefined)
    errors.push({
      file,
      row,
      field: fields.lat,
      value: text(raw.lat),
      message: coordinateProblem({ zh: "纬度", en: "latitude" }, raw.lat),
    });
  else if (lat < -90 || lat > 90)
    errors.push({
      file,
      row,
      field: fields.lat,
      value: text(raw.lat),
      message: { zh: "纬度超出 [-90, 90]", en: "latitude is outside [-90, 90]" },
    });
  let weight = 1;
  const wText = text(raw.weight).trim();
  if (fields.weight && wText !== "") {
    const w = num(raw.weight);
    if (w === undefined || w < 0) {
      errors.push({
        file,
        row,
        field: fields.weight,
        value: wText,
        message: notACount({ zh: "权重", en: "weight" }, wText),
      });
    } else weight = w;
  }
  if (errors.length > before || lon === undefined || lat === undefined) return undefined;
  const [x, y] = toWgs84(lon, lat, crs);
  if (!inChinaBbox(x, y)) {
    errors.push({
      file,
      row,
      field: `${fields.lon}/${fields.lat}`,
      value: `${lon}, ${lat}`,
      message: {
        zh: "坐标不在中国范围内（经度 73–136，纬度 3–54）",
        en: "coordinates are outside China (lon 73–136, lat 3–54)",
      },
    });
    return undefined;
  }
  return { id, lon: x, lat: y, weight };
}

type RawRow = {
  row: number;
  id: string;
  raw: { lon: unknown; lat: unknown; weight: unknown };
  fields: { lon: string; lat: string; weight?: string; id?: string };
  notPoint?: string;
};

function fileIssue(file: string, code: string, zh: string, en: string): RowIssue {
  return { file, row: 0, field: "", severity: "error", code, message: { zh, en } };
}

/** The raw rows of a CSV demand file, or the file-level problem (no coordinate columns). */
function csvRows(bytes: Uint8Array, file: string): RawRow[] | RowIssue[] {
  let t: Table;
  try {
    t = parseCsvBytes(bytes, { also: "geojson" });
  } catch (e) {
    const why = describeFileError(e);
    return [
      {
        ...fileIssue(file, why.code, why.message.zh, why.message.en),
        ...(why.detail !== undefined ? { value: why.detail } : {}),
      },
    ];
  }
  const col = (names: readonly string[]) => {
    const h = findKey(t.headers, names);
    return h === undefined ? -1 : t.headers.indexOf(h);
  };
  const [iId, iLon, iLat, iW] = [col(ID_NAMES), col(LON_NAMES), col(LAT_NAMES), col(WEIGHT_NAMES)];
  const missing: RowIssue[] = [];
  // what the file has, so that the user sees which column to rename
  const has = t.headers.filter((h) => h !== "").slice(0, 12);
  const hasZh = has.length
    ? `；文件的列：${has.join("、")}${t.headers.length > has.length ? "……" : ""}`
    : "；文件没有表头";
  const hasEn = has.length
    ? `; the file's columns: ${has.join(", ")}${t.headers.length > has.length ? ", …" : ""}`
    : "; the file has no header";
  const rows = t.rows.length;
  const zhLost = rows === 0 ? "" : rows === 1 ? "；该行未导入" : `；全部 ${rows} 行均未导入`;
  const enLost =
    rows === 0 ? "" : rows === 1 ? "; the row was not imported" : `; none of the ${rows} rows was imported`;
  if (iLon < 0)
    missing.push({
      ...fileIssue(
        file,
        "no-longitude-column",
        `缺少经度列：列名应为“经度”“lon”“lng”或“longitude”${hasZh}${zhLost}`,
        `no longitude column: name it 经度, lon, lng or longitude${hasEn}${enLost}`,
      ),
      field: "lon",
    });
  if (iLat < 0)
    missing.push({
      ...fileIssue(
        file,
        "no-latitude-column",
        `缺少纬度列：列名应为“纬度”“lat”或“latitude”${hasZh}${zhLost}`,
        `no latitude column: name it 纬度, lat or latitude${hasEn}${enLost}`,
      ),
      field: "lat",
    });
  if (missing.length) return missing;
  const fields = {
    lon: t.headers[iLon],
    lat: t.headers[iLat],
    ...(iW >= 0 ? { weight: t.headers[iW] } : {}),
    ...(iId >= 0 ? { id: t.headers[iId] } : {}),
  };
  return t.rows.map((r) => ({
    row: r.row,
    id: iId >= 0 && (r.cells[iId] ?? "").trim() !== "" ? (r.cells[iId] as string).trim() : String(r.row),
    raw: { lon: r.cells[iLon], lat: r.cells[iLat], weight: iW >= 0 ? r.cells[iW] : undefined },
    fields,
  }));
}

/** The raw features of a GeoJSON demand file, or the file-level problem. */
function geojsonRows(bytes: Uint8Array, file: string): RawRow[] | RowIssue[] {
  let fc: FeatureCollection;
  try {
    fc = JSON.parse(decodeText(bytes).text) as FeatureCollection;
  } catch (e) {
    return [
      fileIssue(
        file,
        "invalid-json",
        `不是有效的 JSON：${(e as Error).message}`,
        `not valid JSON: ${(e as Error).message}`,
      ),
    ];
  }
  if (fc?.type !== "FeatureCollection" || !Array.isArray(fc.features))
    return [
      fileIssue(file, "not-a-feature-collection", "不是 GeoJSON FeatureCollection", "not a GeoJSON FeatureCollection"),
    ];
  return fc.features.map((f, n) => {
    const props = (f?.properties ?? {}) as Record<string, unknown>;
    const keys = Object.keys(props);
    const idKey = findKey(keys, ID_NAMES);
    const wKey = findKey(keys, WEIGHT_NAMES);
    const idRaw = idKey !== undefined ? props[idKey] : f?.id;
    const g = f?.geometry;
    const isPoint = g?.type === "Point" && Array.isArray(g.coordinates);
    return {
      row: n + 1,
      id: idRaw !== undefined && idRaw !== null && String(idRaw).trim() !== "" ? String(idRaw).trim() : String(n + 1),
      raw: {
        lon: isPoint ? g.coordinates[0] : undefined,
        lat: isPoint ? g.coordinates[1] : undefined,
        weight: wKey !== undefined ? props[wKey] : undefined,
      },
      fields: {
        lon: "lon",
        lat: "lat",
        ...(wKey !== undefined ? { weight: wKey } : {}),
        ...(idKey !== undefined ? { id: idKey } : {}),
      },
      notPoint: !isPoint ? String(g?.type ?? "null") : undefined,
    };
  });
}

/**
 * Reads demand points from a CSV (UTF-8 or GBK; columns id (optional, default the row number), lon/经度,
 * lat/纬度, weight/人口/population (optional, default 1)) or a GeoJSON FeatureCollection of points with the same
 * properties. Coordinates are in `crs` (degrees, default WGS84) and converted to WGS84. Each bad row is rejected
 * with an error naming file, row (CSV: header = row 1; GeoJSON: 1-based feature index) and field; a file without
 * coordinate columns gives one error with row 0. Points outside every county of `counties` are kept, with one
 * warning that counts them (no county uses them).
 */
export function parseDemandFile(
  data: Uint8Array,
  fileName: string,
  opts: { crs?: CrsId; counties?: FeatureCollection<Polygon | MultiPolygon> } = {},
): DemandImport {
  const crs = opts.crs ?? "wgs84";
  const rows = /\.(geo)?json$/i.test(fileName) ? geojsonRows(data, fileName) : csvRows(data, fileName);
  if (rows.length > 0 && "severity" in rows[0])
    return { points: [], issues: rows as RowIssue[], rejected: 0, total: 0 };
  if (rows.length === 0)
    return {
      points: [],
      issues: [
        fileIssue(
          fileName,
          "no-data-rows",
          "需求点文件没有数据行或要素",
          "the demand file has no data rows or features",
        ),
      ],
      rejected: 0,
      total: 0,
    };
  const points: WeightedPoint[] = [];
  const issues: RowIssue[] = [];
  let rejected = 0;
  const outsideRows: number[] = [];
  for (const r of rows as RawRow[]) {
    const errors: Issue[] = [];
    let p: WeightedPoint | undefined;
    const long = cellTooLong(r.id);
    if (long) {
      errors.push({
        file: fileName,
        row: r.row,
        field: r.fields.id ?? "id",
        value: shortValue(r.id),
        message: long,
        code: "cell-too-long",
      });
    } else if (r.notPoint !== undefined) {
      errors.push({
        file: fileName,
        row: r.row,
        field: "geometry",
        value: r.notPoint,
        message: { zh: "几何不是点", en: "geometry is not a Point" },
      });
    } else p = rowPoint(fileName, r.row, r.id, r.raw, r.fields, crs, errors);
    if (errors.length || !p) {
      rejected++;
      for (const { code, ...e } of errors) issues.push({ ...e, severity: "error", code: code ?? "bad-demand-row" });
      continue;
    }
    const q = p;
    if (opts.counties && !opts.counties.features.some((c) => pointInPolygon(q.lon, q.lat, c.geometry)))
      outsideRows.push(r.row);
    points.push(p);
  }
  if (outsideRows.length > 0) {
    const shown = outsideRows.slice(0, 10).join(", ") + (outsideRows.length > 10 ? ", …" : "");
    issues.push({
      file: fileName,
      row: 0,
      field: "lon/lat",
      value: shown,
      severity: "warning",
      code: "outside-boundaries",
      message: {
        zh: `${outsideRows.length} 个需求点不在任何县区边界内，不计入覆盖（行 ${shown}）`,
        en: `${outsideRows.length} demand points lie outside every county and count nowhere (rows ${shown})`,
      },
    });
  }
  return { points, issues, rejected, total: rows.length };
}
