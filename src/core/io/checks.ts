import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from "geojson";
import type { Facility } from "../model";
import type { RowIssue } from "./types";

/** China's bounding box used for sanity checks, degrees (inclusive): lon 73–136 °E, lat 3–54 °N. */
export const CHINA_BBOX = { minLon: 73, maxLon: 136, minLat: 3, maxLat: 54 } as const;

/** Whether (lon, lat) lies in {@link CHINA_BBOX}. */
export function inChinaBbox(lon: number, lat: number): boolean {
  return lon >= CHINA_BBOX.minLon && lon <= CHINA_BBOX.maxLon && lat >= CHINA_BBOX.minLat && lat <= CHINA_BBOX.maxLat;
}

function ringContains(ring: Position[], x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const xi = ring[i][0];
    const yi = ring[i][1];
    const xj = ring[j][0];
    const yj = ring[j][1];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function polygonContains(rings: Position[][], x: number, y: number): boolean {
  if (rings.length === 0 || !ringContains(rings[0], x, y)) return false;
  for (let k = 1; k < rings.length; k++) if (ringContains(rings[k], x, y)) return false;
  return true;
}

/** A point-in-polygons test over a FeatureCollection of (Multi)Polygons (planar in lon/lat; holes respected). */
export function makeContains(boundaries: FeatureCollection<Polygon | MultiPolygon>): (lon: number, lat: number) => boolean {
  const polys: Array<{ bbox: [number, number, number, number]; rings: Position[][] }> = [];
  for (const f of boundaries.features as Array<Feature<Polygon | MultiPolygon | null>>) {
    const g = f.geometry;
    if (!g) continue;
    const list = g.type === "Polygon" ? [g.coordinates] : g.type === "MultiPolygon" ? g.coordinates : [];
    for (const rings of list) {
      if (!rings[0]) continue;
      let minX = Infinity;
      let minY = Infinity;
      let maxX = -Infinity;
      let maxY = -Infinity;
      for (const p of rings[0]) {
        if (p[0] < minX) minX = p[0];
        if (p[0] > maxX) maxX = p[0];
        if (p[1] < minY) minY = p[1];
        if (p[1] > maxY) maxY = p[1];
      }
      polys.push({ bbox: [minX, minY, maxX, maxY], rings });
    }
  }
  return (lon, lat) => polys.some((p) => lon >= p.bbox[0] && lon <= p.bbox[2] && lat >= p.bbox[1] && lat <= p.bbox[3] && polygonContains(p.rings, lon, lat));
}

/** Terms in a file name or header that suggest GCJ-02 (Amap/Tencent) or BD-09 (Baidu) coordinates. */
const GCJ_HINT = /高德|gaode|amap|gcj|腾讯|tencent|火星/i;
const BD_HINT = /百度|baidu|bd-?09|bmap/i;

/**
 * Heuristic for "coordinates look like GCJ-02/BD-09 while WGS84 was chosen": the file name or a column header
 * mentions 高德/amap/gcj/腾讯 (→ "gcj02") or 百度/baidu/bd09 (→ "bd09"). Returns undefined when nothing suggests it.
 * (A positional test is not possible without reference points: the GCJ-02 offset, 100–700 m, is smooth.)
 */
export function guessDatumFromNames(fileName: string, headers: string[]): "gcj02" | "bd09" | undefined {
  const text = [fileName, ...headers].join(" ");
  if (BD_HINT.test(text)) return "bd09";
  if (GCJ_HINT.test(text)) return "gcj02";
  return undefined;
}

/** Options of {@link checkCoordinates}. */
export interface CheckOptions {
  boundaries?: FeatureCollection<Polygon | MultiPolygon>;
  /** File name used in issues; default "". */
  file?: string;
  /** Row number of each facility (same order); default index + 1. */
  rows?: number[];
  /** Field name used in coordinate issues; default "lon/lat". */
  field?: string;
}

/**
 * Checks WGS84 facility coordinates: non-finite or out-of-range values and points outside China's bbox are
 * errors (the facility is removed); lon/lat that are swapped (lon in 15–55 and lat in 73–136, i.e. the swap
 * lands in China) are swapped back with a warning; points outside all `boundaries` polygons get a warning.
 * Inputs are not mutated.
 */
export function checkCoordinates(facilities: Facility[], opts: CheckOptions = {}): { facilities: Facility[]; issues: RowIssue[]; rejected: number } {
  const file = opts.file ?? "";
  const field = opts.field ?? "lon/lat";
  const contains = opts.boundaries ? makeContains(opts.boundaries) : undefined;
  const out: Facility[] = [];
  const issues: RowIssue[] = [];
  let rejected = 0;
  facilities.forEach((f, i) => {
    const row = opts.rows?.[i] ?? i + 1;
    const value = `${f.lon}, ${f.lat}`;
    const c = classifyLonLat(f.lon, f.lat);
    if (c.kind === "error") {
      issues.push({ file, row, field, value, severity: "error", code: c.code, message: c.message });
      rejected++;
      return;
    }
    let g = f;
    if (c.kind === "swapped") {
      g = { ...f, lon: f.lat, lat: f.lon };
      issues.push({ file, row, field, value, severity: "warning", code: "swapped-lat-lon", message: SWAP_MESSAGE });
    }
    if (contains && !contains(g.lon, g.lat)) {
      issues.push({ file, row, field, value: `${g.lon}, ${g.lat}`, severity: "warning", code: "outside-boundaries", message: outsideBoundariesMessage(g.name) });
    }
    out.push(g);
  });
  return { facilities: out, issues, rejected };
}

export const SWAP_MESSAGE = { zh: "经纬度疑似填反，已交换", en: "longitude and latitude look swapped; swapped back" };

/** Message of an "outside-boundaries" warning. */
export function outsideBoundariesMessage(name: string) {
  return { zh: `“${name}”位于已加载的行政区边界之外`, en: `"${name}" lies outside the loaded boundaries` };
}

/** Classifies a WGS84 lon/lat pair: ok, swapped (swap lands in China), or an error with code and message. */
export function classifyLonLat(lon: number, lat: number):
  | { kind: "ok" }
  | { kind: "swapped" }
  | { kind: "error"; code: string; message: { zh: string; en: string } } {
  if (!Number.isFinite(lon) || !Number.isFinite(lat)) return { kind: "error", code: "not-a-number", message: { zh: "坐标不是数字", en: "coordinate is not a number" } };
  if (inChinaBbox(lon, lat)) return { kind: "ok" };
  if (inChinaBbox(lat, lon)) return { kind: "swapped" };
  if (Math.abs(lon) > 180 || Math.abs(lat) > 90) return { kind: "error", code: "out-of-range", message: { zh: "坐标超出取值范围（经度 ±180°，纬度 ±90°）", en: "coordinate out of range (lon ±180°, lat ±90°)" } };
  return { kind: "error", code: "outside-china", message: { zh: "坐标不在中国范围内（经度 73–136°，纬度 3–54°）", en: "coordinate outside China (lon 73–136°, lat 3–54°)" } };
}
