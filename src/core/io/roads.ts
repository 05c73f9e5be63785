import type { Feature, Geometry, Position } from "geojson";
import { segmentMeetsBox } from "../travel/network";
import type { Road } from "../travel/types";
import { toWgs84 } from "./crs";
import { describeFileError } from "./errors";
import { readGeoJSONText, readShapefileZip, type VectorRead } from "./georead";
import { cellTooLong, shortValue } from "./numbers";
import type { CrsId, Message, RowIssue } from "./types";

/** A WGS84 bounding box [minLon, minLat, maxLon, maxLat] in degrees. */
export type LonLatBbox = [number, number, number, number];

/** Progress of a road import: `done` of `total` units (bytes or features) in `phase`. */
export interface RoadProgress {
  phase: "parse" | "nodes" | "ways" | "features";
  done: number;
  total: number;
}

/** Options of the road readers. */
export interface RoadReadOptions {
  /** File name used in messages. */
  file: string;
  /** CRS of the coordinates: "wgs84" (also CGCS2000 geographic), "gcj02", or a projected EPSG id such as a
   * CGCS2000 Gauss–Krüger zone. Default: WGS84, or what a Shapefile's .prj says. */
  crs?: CrsId;
  /** Attribute holding the road class; default: the first of {@link CLASS_FIELDS} present on the feature. */
  classField?: string;
  /** Attribute holding a speed in km/h that overrides the class; default "speed_kmh" (any case). */
  speedField?: string;
  /** Only roads with a segment meeting this WGS84 box are kept (the rest are counted in `outside`). */
  bbox?: LonLatBbox;
  onProgress?: (p: RoadProgress) => void;
}

/** What a road import produced. Every feature of the file is in `roads`, in `issues`, in `outside` or in `skipped`. */
export interface RoadImport {
  roads: Road[];
  /** Features rejected (severity "error") or read with a remark ("warning"), by file, feature and field. */
  issues: RowIssue[];
  /** Features (or OSM ways) in the file. */
  totalFeatures: number;
  /** Features with no segment in the bounding box. */
  outside: number;
  /** Features that are not roads for vehicles (e.g. OSM highway=footway), counted by kind. */
  skipped: Record<string, number>;
  crs: CrsId;
  /** Attribute names the features carry (GeoJSON, Shapefile), in first-seen order: named when no road has a speed. */
  fields?: string[];
}

/** Attribute names tried, in order, for the road class. */
export const CLASS_FIELDS = [
  "class",
  "road_class",
  "roadclass",
  "fclass",
  "highway",
  "道路等级",
  "公路等级",
  "等级",
  "道路类型",
  "类型",
  "kind",
  "level",
  "grade",
  "type",
];

function fieldOf(props: Record<string, unknown>, wanted: string | undefined, fallbacks: string[]): string | undefined {
  const keys = Object.keys(props);
  const lower = new Map(keys.map((k) => [k.toLowerCase(), k]));
  if (wanted !== undefined) return lower.get(wanted.toLowerCase());
  for (const f of fallbacks) {
    const k = lower.get(f.toLowerCase());
    if (k !== undefined && props[k] !== null && props[k] !== undefined && String(props[k]).trim() !== "") return k;
  }
  return undefined;
}

function featureIssue(file: string, feature: number, field: string, code: string, zh: string, en: string): RowIssue {
  return {
    file,
    row: feature,
    field,
    message: { zh: `${file} 第 ${feature} 个要素：${zh}`, en: `${file}, feature ${feature}: ${en}` },
    severity: "error",
    code,
  };
}

/** Whether the segment (x1,y1)-(x2,y2) meets the box (Liang–Barsky). */
export function segmentMeetsBbox(x1: number, y1: number, x2: number, y2: number, b: LonLatBbox): boolean {
  return segmentMeetsBox(x1, y1, x2, y2, b[0], b[1], b[2], b[3]);
}

/** Whether any segment of interleaved lon/lat `coords` meets `bbox` (always true without a box). */
export function lineMeetsBbox(coords: Float64Array, bbox: LonLatBbox | undefined): boolean {
  if (!bbox) return true;
  if (coords.length === 2)
    return coords[0] >= bbox[0] && coords[0] <= bbox[2] && coords[1] >= bbox[1] && coords[1] <= bbox[3];
  for (let k = 0; k + 3 < coords.length; k += 2)
    if (segmentMeetsBbox(coords[k], coords[k + 1], coords[k + 2], coords[k + 3], bbox)) return true;
  return false;
}

function lines(geom: Geometry): Position[][] | null {
  if (geom.type === "LineString") return [geom.coordinates];
  if (geom.type === "MultiLineString") return geom.coordinates;
  return null;
}

/**
 * Roads from features already read from a file (GeoJSON or Shapefile): LineString and MultiLineString
 * features (each part of a MultiLineString becomes a road with the same feature number), converted to
 * WGS84. A feature with another geometry, bad coordinates, or a speed that is not a positive number and no class to
 * fall back on is rejected with an issue naming the file, feature number and field; a bad speed beside a class is a
 * warning, and the class's speed is used.
 */
export function roadsFromFeatures(read: VectorRead, opts: RoadReadOptions): RoadImport {
  const { file } = opts;
  const crs: CrsId = opts.crs ?? read.crs ?? "wgs84";
  const convert = opts.crs === undefined && !read.crs && read.customToWgs84 ? read.customToWgs84 : undefined;
  const roads: Road[] = [];
  const issues: RowIssue[] = read.notes.map((n) => ({
    file,
    row: 0,
    field: "",
    message: { zh: `${file}：${n.zh}`, en: `${file}: ${n.en}` },
    severity: n.severity,
    code: n.code,
  }));
  let outside = 0;
  const fields = new Set<string>();
  const features = read.features as Array<Feature<Geometry | null>>;
  features.forEach((f, index) => {
    const feature = index + 1;
    if (index % 5000 === 0) opts.onProgress?.({ phase: "features", done: index, total: features.length });
    const props = (f?.properties ?? {}) as Record<string, unknown>;
    if (index < 1000) for (const k of Object.keys(props)) fields.add(k);
    const geom = f?.geometry;
    const parts = geom ? lines(geom) : null;
    if (!parts) {
      issues.push(
        featureIssue(
          file,
          feature,
          "geometry",
          "not-a-line",
          `几何类型为 ${geom?.type ?? "空"}，不是线`,
          `geometry is ${geom?.type ?? "empty"}, not a line`,
        ),
      );
      return;
    }
    const speedKey = fieldOf(props, opts.speedField ?? "speed_kmh", []);
    const classKey = fieldOf(props, opts.classField, CLASS_FIELDS);
    const roadClass = classKey !== undefined && props[classKey] != null ? String(props[classKey]).trim() : undefined;
    let speedKmh: number | undefined;
    // a blank numeric DBF cell comes back from shpjs as NaN: like a blank text cell, no speed given
    const blank = (v: unknown) => v === null || v === undefined || Number.isNaN(v) || String(v).trim() === "";
    if (speedKey !== undefined && !blank(props[speedKey])) {
      const raw = props[speedKey];
      const v = typeof raw === "number" ? raw : Number(String(raw).trim());
      if (!Number.isFinite(v) || v <= 0) {
        // a road with a class keeps its class speed (the trial: 「60km/h」 dropped a 国道 entirely), said
        const hasClass = roadClass !== undefined && roadClass !== "";
        issues.push({
          ...featureIssue(
            file,
            feature,
            speedKey,
            "bad-speed",
            hasClass
              ? `速度“${String(raw)}”不是正数，按道路等级“${roadClass}”的速度计`
              : `速度“${String(raw)}”不是正数`,
            hasClass
              ? `speed "${String(raw)}" is not a positive number: the speed of its class "${roadClass}" is used`
              : `speed "${String(raw)}" is not a positive number`,
          ),
          ...(hasClass ? { severity: "warning" as const } : {}),
        });
        if (!hasClass) return;
      } else speedKmh = v;
    }
    const long = roadClass !== undefined ? cellTooLong(roadClass) : undefined;
    if (classKey !== undefined && roadClass !== undefined && long) {
      issues.push({
        ...featureIssue(file, feature, classKey, "cell-too-long", long.zh, long.en),
        value: shortValue(roadClass),
      });
      return;
    }
    if (opts.classField !== undefined && classKey === undefined && speedKmh === undefined) {
      issues.push(
        featureIssue(
          file,
          feature,
          opts.classField,
          "missing-class",
          "没有道路等级字段",
          "the road class field is missing",
        ),
      );
      return;
    }
    const converted: Float64Array[] = [];
    for (const part of parts) {
      const coords = new Float64Array(part.length * 2);
      for (let k = 0; k < part.length; k++) {
        const p = part[k];
        const x = Number(p?.[0]);
        const y = Number(p?.[1]);
        if (!Number.isFinite(x) || !Number.isFinite(y)) {
          issues.push(
            featureIssue(
              file,
              feature,
              "geometry",
              "bad-coordinate",
              `第 ${k + 1} 个点坐标无效`,
              `vertex ${k + 1} has a bad coordinate`,
            ),
          );
          return;
        }
        const [lon, lat] = convert ? convert(x, y) : toWgs84(x, y, crs);
        if (!Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lat) > 90 || Math.abs(lon) > 180) {
          issues.push(
            featureIssue(
              file,
              feature,
              "geometry",
              "out-of-range",
              `第 ${k + 1} 个点 (${x}, ${y}) 不是 ${crs} 中的有效坐标`,
              `vertex ${k + 1} (${x}, ${y}) is not a valid ${crs} coordinate`,
            ),
          );
          return;
        }
        coords[2 * k] = lon;
        coords[2 * k + 1] = lat;
      }
      if (part.length < 2) {
        issues.push(
          featureIssue(file, feature, "geometry", "short-line", "线少于 2 个点", "a line with fewer than 2 vertices"),
        );
        return;
      }
      converted.push(coords);
    }
    const kept = converted.filter((c) => lineMeetsBbox(c, opts.bbox));
    if (kept.length === 0) {
      outside++;
      return;
    }
    for (const coords of kept) roads.push({ coords, roadClass, speedKmh, ref: { file, feature } });
  });
  opts.onProgress?.({ phase: "features", done: features.length, total: features.length });
  return { roads, issues, totalFeatures: features.length, outside, skipped: {}, crs, fields: [...fields] };
}

/**
 * Reads roads from GeoJSON text (see {@link roadsFromFeatures}). A file that cannot be read (not JSON, not GeoJSON) is
 * a whole-file issue in our own words ({@link unreadableFile}).
 */
export function readRoadsGeoJSON(text: string, opts: RoadReadOptions): RoadImport {
  let read: VectorRead;
  try {
    read = readGeoJSONText(text);
  } catch (e) {
    return unreadableFile(opts, e, { zh: "无法读取 GeoJSON 道路", en: "cannot read the GeoJSON roads" });
  }
  return roadsFromFeatures(read, opts);
}

/**
 * Reads roads from a zipped Shapefile (first layer; the .prj names the CRS unless `opts.crs` is given). An archive
 * that cannot be read is a whole-file issue in our own words ({@link unreadableFile}).
 */
export async function readRoadsShapefile(data: Uint8Array, opts: RoadReadOptions): Promise<RoadImport> {
  let read: VectorRead;
  try {
    read = await readShapefileZip(data);
  } catch (e) {
    return unreadableFile(opts, e, {
      zh: "无法读取压缩的 Shapefile 道路",
      en: "cannot read the zipped Shapefile of roads",
    });
  }
  return roadsFromFeatures(read, opts);
}

/**
 * An import with one whole-file error for an error thrown while reading: `what` failed, and why in our own words
 * (describeFileError: damaged JSON, zip, Shapefile…); the library's own text, if any, is only the issue's value.
 */
export function unreadableFile(opts: RoadReadOptions, e: unknown, what: Message): RoadImport {
  const why = describeFileError(e);
  return wholeFileError(opts, why.code, `${what.zh}：${why.message.zh}`, `${what.en}: ${why.message.en}`, why.detail);
}

/** An import with one whole-file error (row 0); `value` keeps a library's own text, if any. */
export function wholeFileError(
  opts: RoadReadOptions,
  code: string,
  zh: string,
  en: string,
  value?: string,
): RoadImport {
  return {
    roads: [],
    issues: [
      {
        file: opts.file,
        row: 0,
        field: "",
        ...(value !== undefined ? { value } : {}),
        message: { zh: `${opts.file}：${zh}`, en: `${opts.file}: ${en}` },
        severity: "error",
        code,
      },
    ],
    totalFeatures: 0,
    outside: 0,
    skipped: {},
    crs: opts.crs ?? "wgs84",
  };
}
