import { basename } from "node:path";
import type { FeatureCollection, MultiPolygon, Polygon } from "geojson";
import { decodeText, inChinaBbox, parseCsvBytes, type RowIssue, toWgs84 } from "../core/io";
import type { CountyProps } from "../core/model";
import { type DemandPoint, pointInPolygon } from "../core/rules";
import { type Crs, formatIssue, InputError, readBytes } from "./common";

/** Accepted column headers / GeoJSON property names (matched case-insensitively, trimmed). */
const ID_NAMES = ["id", "编号", "序号"];
const LON_NAMES = ["lon", "lng", "longitude", "经度"];
const LAT_NAMES = ["lat", "latitude", "纬度"];
const WEIGHT_NAMES = ["weight", "人口", "population", "权重"];

/** Demand points read from a file, with the issue lines that go with them. */
export interface DemandFileResult {
  /** Good points, WGS84 degrees; weight defaults to 1. */
  points: DemandPoint[];
  /** Rows (CSV) or features (GeoJSON) rejected with at least one error. */
  rejected: number;
  /** Data rows or features in the file. */
  total: number;
  /** One line per error (file, row, field). */
  errorLines: string[];
  /** Warning lines (e.g. points outside every county). */
  warnings: string[];
}

type Issue = Pick<RowIssue, "file" | "row" | "field" | "value" | "message">;

function findKey(keys: readonly string[], names: readonly string[]): string | undefined {
  return keys.find((k) => names.includes(k.trim().toLowerCase()));
}

/** Parses a coordinate/weight cell; undefined when blank or not a finite number. */
function num(v: unknown): number | undefined {
  if (typeof v === "number") return Number.isFinite(v) ? v : undefined;
  if (typeof v !== "string" || v.trim() === "") return undefined;
  const n = Number(v.trim().replace(/,/g, ""));
  return Number.isFinite(n) ? n : undefined;
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
  crs: Crs,
  errors: Issue[],
): DemandPoint | undefined {
  const before = errors.length;
  const text = (v: unknown) => (v === undefined || v === null ? "" : String(v));
  const lon = num(raw.lon);
  const lat = num(raw.lat);
  if (lon === undefined)
    errors.push({ file, row, field: fields.lon, value: text(raw.lon), message: { zh: "经度缺失或不是数字", en: "longitude is missing or not a number" } });
  else if (lon < -180 || lon > 180)
    errors.push({ file, row, field: fields.lon, value: text(raw.lon), message: { zh: "经度超出 [-180, 180]", en: "longitude is outside [-180, 180]" } });
  if (lat === undefined)
    errors.push({ file, row, field: fields.lat, value: text(raw.lat), message: { zh: "纬度缺失或不是数字", en: "latitude is missing or not a number" } });
  else if (lat < -90 || lat > 90)
    errors.push({ file, row, field: fields.lat, value: text(raw.lat), message: { zh: "纬度超出 [-90, 90]", en: "latitude is outside [-90, 90]" } });
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
        message: { zh: "权重必须是 ≥ 0 的数字", en: "weight must be a number ≥ 0" },
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
      message: { zh: "坐标不在中国范围内（经度 73–136，纬度 3–54）", en: "coordinates are outside China (lon 73–136, lat 3–54)" },
    });
    return undefined;
  }
  return { id, lon: x, lat: y, weight };
}

/** Reads the raw rows of a CSV demand file; throws InputError if the coordinate columns are missing. */
function csvRows(bytes: Uint8Array, file: string) {
  const t = parseCsvBytes(bytes);
  const col = (names: readonly string[]) => {
    const h = findKey(t.headers, names);
    return h === undefined ? -1 : t.headers.indexOf(h);
  };
  const [iId, iLon, iLat, iW] = [col(ID_NAMES), col(LON_NAMES), col(LAT_NAMES), col(WEIGHT_NAMES)];
  const missing: string[] = [];
  if (iLon < 0) missing.push(`${file}: 整个文件 whole file: 缺少经度列（lon/经度）/ no longitude column (lon/经度)`);
  if (iLat < 0) missing.push(`${file}: 整个文件 whole file: 缺少纬度列（lat/纬度）/ no latitude column (lat/纬度)`);
  if (missing.length) throw new InputError(missing);
  const fields = { lon: t.headers[iLon], lat: t.headers[iLat], ...(iW >= 0 ? { weight: t.headers[iW] } : {}) };
  return t.rows.map((r) => ({
    row: r.row,
    id: iId >= 0 && (r.cells[iId] ?? "").trim() !== "" ? (r.cells[iId] as string).trim() : String(r.row),
    raw: { lon: r.cells[iLon], lat: r.cells[iLat], weight: iW >= 0 ? r.cells[iW] : undefined },
    fields,
  }));
}

/** Reads the raw features of a GeoJSON demand file; throws InputError if it is not a FeatureCollection. */
function geojsonRows(bytes: Uint8Array, file: string) {
  let fc: FeatureCollection;
  try {
    fc = JSON.parse(decodeText(bytes).text) as FeatureCollection;
  } catch (e) {
    throw new InputError([`${file}: 不是有效的 JSON / not valid JSON: ${(e as Error).message}`]);
  }
  if (fc?.type !== "FeatureCollection" || !Array.isArray(fc.features))
    throw new InputError([`${file}: 整个文件 whole file: 不是 GeoJSON FeatureCollection / not a GeoJSON FeatureCollection`]);
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
      fields: { lon: "lon", lat: "lat", ...(wKey !== undefined ? { weight: wKey } : {}) },
      notPoint: !isPoint ? String(g?.type ?? "null") : undefined,
    };
  });
}

/**
 * Reads demand points from a CSV (UTF-8 or GBK; columns id (optional, default the row number), lon/经度,
 * lat/纬度, weight/人口/population (optional, default 1)) or a GeoJSON FeatureCollection of points with the same
 * properties. Coordinates are in `crs` (degrees) and converted to WGS84. Bad rows are rejected with one error
 * line each naming file, row (CSV: header = row 1; GeoJSON: 1-based feature index) and field; points outside
 * every county of `counties` are kept with a warning (no county uses them). Throws InputError if the file cannot
 * be read or has no coordinate columns.
 */
export function readDemandFile(
  path: string,
  crs: Crs,
  counties: FeatureCollection<Polygon | MultiPolygon, CountyProps>,
): DemandFileResult {
  const bytes = readBytes(path, "需求点文件 demand file");
  const file = basename(path);
  const rows = /\.(geo)?json$/i.test(file) ? geojsonRows(bytes, file) : csvRows(bytes, file);
  const points: DemandPoint[] = [];
  const errorLines: string[] = [];
  const warnings: string[] = [];
  let rejected = 0;
  let outside = 0;
  const outsideRows: number[] = [];
  for (const r of rows) {
    const errors: Issue[] = [];
    let p: DemandPoint | undefined;
    if ("notPoint" in r && r.notPoint !== undefined) {
      errors.push({
        file,
        row: r.row,
        field: "geometry",
        value: r.notPoint,
        message: { zh: "几何不是点", en: "geometry is not a Point" },
      });
    } else p = rowPoint(file, r.row, r.id, r.raw, r.fields, crs, errors);
    if (errors.length || !p) {
      rejected++;
      for (const e of errors) errorLines.push(formatIssue({ ...e, severity: "error" }));
      continue;
    }
    const q = p;
    if (!counties.features.some((c) => pointInPolygon(q.lon, q.lat, c.geometry))) {
      outside++;
      if (outsideRows.length < 10) outsideRows.push(r.row);
    }
    points.push(p);
  }
  if (outside > 0)
    warnings.push(
      `${file}: ${outside} 个需求点不在任何县区边界内，不计入覆盖（行 rows ${outsideRows.join(", ")}${outside > outsideRows.length ? ", …" : ""}）/ ${outside} demand points lie outside every county and count nowhere`,
    );
  return { points, rejected, total: rows.length, errorLines, warnings };
}
