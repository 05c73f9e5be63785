import type { Feature, Geometry, Position } from "geojson";
import { fromWgs84, gkZoneCrs, projectionLabel } from "./crs";
import type { CrsId } from "./types";

/** One layer to write: its features (WGS84) and a file name stem (ASCII letters, digits, `-` and `_`). */
export interface ShapefileLayer {
  name: string;
  features: Array<Feature<Geometry | null, object | null>>;
  /**
   * The layer's geometry type, kept when it has no features (a city with no gaps still writes a polygon layer, not a
   * point one), and the file that holds features without geometry.
   */
  kind?: ShapeKind;
  /**
   * The layer's full attribute schema: every property it may carry and its dBase type, written as a field even when no
   * feature has it (an empty layer, or an optional property none has), so that every city's file has the same fields.
   */
  fields?: readonly DbfSchemaField[];
}

/** One field of a layer's declared schema ({@link ShapefileLayer.fields}): the property and its dBase type. */
export interface DbfSchemaField {
  property: string;
  type: "C" | "N" | "L";
}

/** How one GeoJSON property was written into one DBF field. */
export interface DbfField {
  /** The shapefile (without extension) the field belongs to. */
  file: string;
  /** DBF field name: at most 10 ASCII characters. */
  name: string;
  /** The GeoJSON property it holds. */
  property: string;
  /** dBase type: C text (UTF-8), N number, L logical. */
  type: "C" | "N" | "L";
  /** Width in bytes and, for N, decimals. */
  width: number;
  decimals: number;
  /** Text values cut to DBF's 254 bytes (ending in "…"). */
  truncated: number;
}

/** A zipped Shapefile set: the zip's bytes and how each layer's properties were mapped to DBF fields. */
export interface ShapefileZip {
  /** The .zip bytes. */
  zip: Uint8Array;
  /** Every DBF field and the property it holds (also written into the zip as fields.csv). */
  fields: DbfField[];
  /** Shapefile names written, one per layer and geometry type. */
  files: string[];
}

/**
 * DBF names of the properties our exports carry (≤ 10 characters, units kept in the name); any other property gets
 * its name upper-cased, cut to 10 characters and numbered on a clash ({@link dbfFieldName}).
 */
export const DBF_FIELD_NAMES: Record<string, string> = {
  // an accepted suggestion's basis (report/sources SITING_BASIS), ASCII as our other fields (the re-check, s55e N4:
  // 「选址依」, cut to 10 bytes)
  选址依据: "SITE_BASIS",
  violationId: "VIOL_ID",
  id: "ID",
  name: "NAME",
  type: "TYPE",
  // the type's Chinese label (facilityTypeName), for a Chinese legend; the importer reads the type from TYPE
  typeName: "TYPE_ZH",
  county: "COUNTY",
  township: "TOWNSHIP",
  village: "VILLAGE",
  grade: "GRADE",
  hospitalKind: "HOSP_KIND",
  ownership: "OWNERSHIP",
  beds: "BEDS",
  infectiousBeds: "INF_BEDS",
  // a facility's staff counts, one numeric field each (flatStaff), read back by the staff columns' names
  doctors: "DOCTORS",
  nurses: "NURSES",
  pharmacists: "PHARMACIST",
  gps: "GPS",
  servesVillages: "SERVES_VIL",
  proposed: "PROPOSED",
  invented: "INVENTED",
  typeByHand: "TYPE_HAND",
  typeInFile: "TYPE_FILE",
  townshipInFile: "TWP_FILE",
  villageInFile: "VIL_FILE",
  typeAsRead: "TYPE_READ",
  typeGuessed: "TYPE_GUESS",
  nameGiven: "NAME_GIVEN",
  planEffectZh: "EFFECT_ZH",
  planEffectEn: "EFFECT_EN",
  refusedRow: "REF_ROW",
  refusedReason: "REF_REASON",
  rule: "RULE",
  ruleDescZh: "RULE_ZH",
  ruleDescEn: "RULE_EN",
  severity: "SEVERITY",
  countyName: "CNTY_NAME",
  countyNameEn: "CNTY_EN",
  countyInList: "IN_LIST",
  facilityId: "FAC_ID",
  facilityName: "FAC_NAME",
  unitCode: "UNIT_CODE",
  unitName: "UNIT_NAME",
  unitLevel: "UNIT_LEVEL",
  townshipCode: "TWP_CODE",
  townshipName: "TWP_NAME",
  villageName: "VIL_NAME",
  distanceKm: "DIST_KM",
  limitKm: "LIMIT_KM",
  measuredFromKind: "FROM_KIND",
  measuredFromId: "FROM_ID",
  measuredFromName: "FROM_NAME",
  measuredFromLon: "FROM_LON",
  measuredFromLat: "FROM_LAT",
  listRow: "LIST_ROW",
  listRowName: "ROW_NAME",
  listRowLon: "ROW_LON",
  listRowLat: "ROW_LAT",
  messageZh: "MSG_ZH",
  messageEn: "MSG_EN",
  citation: "CITATION",
  citeDoc: "CITE_DOC",
  citeLine: "CITE_LINE",
  citeSection: "CITE_SEC",
  citeQuote: "CITE_QUOTE",
  geometryKind: "GEOM_KIND",
  placeName: "PLACE_NAME",
  notBindingZh: "NOTBIND_ZH",
  notBindingEn: "NOTBIND_EN",
  gapId: "GAP_ID",
  radiusKm: "RADIUS_KM",
  areaKm2: "AREA_KM2",
  uncoveredKm2: "UNCOV_KM2",
  coveredPct: "COVER_PCT",
  limitMinutes: "LIMIT_MIN",
  meanMinutes: "MEAN_MIN",
  gapCount: "GAP_COUNT",
  largestGapId: "MAXGAP_ID",
  largestGapKm2: "MAXGAP_KM2",
  nearestPointId: "NEAR_ID",
  nearestPointName: "NEAR_NAME",
  nearestPointKm: "NEAR_KM",
  neighbourPointId: "NBR_ID",
  neighbourPointName: "NBR_NAME",
  neighbourPointCounty: "NBR_COUNTY",
  neighbourPointCountyName: "NBR_CNTYNM",
  neighbourPointKm: "NBR_KM",
  reviewGroup: "GRP_ID",
  groupRows: "GRP_ROWS",
  groupSurelyLacking: "GRP_SURE",
  planRadiusKm: "PLAN_KM",
  planUncoveredKm2: "PLAN_UNCOV",
  planCoveredPct: "PLAN_PCT",
  gridAreaKm2: "GRID_KM2",
  gridGaps: "GRID_GAPS",
  joinedGapIds: "JOINED",
  outline: "OUTLINE",
  population: "POPULATION",
  unitHas: "UNIT_HAS",
  unitNeeds: "UNIT_NEEDS",
  gradeNeeded: "GRADE_NEED",
  count: "COUNT",
  total: "TOTAL",
  measured: "MEASURED",
  expected: "EXPECTED",
  expectedMin: "EXP_MIN",
  expectedMax: "EXP_MAX",
  facilityType: "FAC_TYPE",
  role: "ROLE",
  clipped: "CLIPPED",
};

/**
 * Width and decimals of the numeric DBF fields our exports carry, from what each holds rather than from the values of
 * one export (a GAP_COUNT one character wide let no GIS user type 10 into it): counts N 10 0, km N 12 2 (to 10 m),
 * km² N 14 1, % N 6 1, minutes N 8 1, people N 12 0. A value that needs more room (never, for these meanings) widens
 * its field in that file, so no value is ever cut or rounded by the DBF.
 */
export const DBF_NUMBER_FIELDS: Record<string, { width: number; decimals: number }> = {
  beds: { width: 10, decimals: 0 },
  infectiousBeds: { width: 10, decimals: 0 },
  gapCount: { width: 10, decimals: 0 },
  citeLine: { width: 10, decimals: 0 },
  population: { width: 12, decimals: 0 },
  distanceKm: { width: 12, decimals: 2 },
  measuredFromLon: { width: 12, decimals: 6 },
  measuredFromLat: { width: 12, decimals: 6 },
  listRow: { width: 10, decimals: 0 },
  listRowLon: { width: 12, decimals: 6 },
  listRowLat: { width: 12, decimals: 6 },
  limitKm: { width: 12, decimals: 2 },
  nearestPointKm: { width: 12, decimals: 2 },
  neighbourPointKm: { width: 12, decimals: 2 },
  groupRows: { width: 10, decimals: 0 },
  groupSurelyLacking: { width: 10, decimals: 0 },
  planRadiusKm: { width: 12, decimals: 2 },
  planUncoveredKm2: { width: 14, decimals: 1 },
  planCoveredPct: { width: 6, decimals: 1 },
  radiusKm: { width: 12, decimals: 2 },
  areaKm2: { width: 14, decimals: 1 },
  uncoveredKm2: { width: 14, decimals: 1 },
  largestGapKm2: { width: 14, decimals: 1 },
  gridAreaKm2: { width: 14, decimals: 1 },
  gridGaps: { width: 10, decimals: 0 },
  count: { width: 10, decimals: 0 },
  total: { width: 10, decimals: 0 },
  unitHas: { width: 10, decimals: 0 },
  unitNeeds: { width: 10, decimals: 0 },
  expectedMin: { width: 10, decimals: 0 },
  expectedMax: { width: 10, decimals: 0 },
  measured: { width: 16, decimals: 4 },
  expected: { width: 16, decimals: 4 },
  coveredPct: { width: 6, decimals: 1 },
  limitMinutes: { width: 8, decimals: 1 },
  meanMinutes: { width: 8, decimals: 1 },
};
/**
 * The logical properties that answer yes or no, whose absence means no: a facility not proposed is `PROPOSED` F, one
 * the file does not mark invented `INVENTED` F, a type not chosen by hand or guessed `TYPE_HAND` / `TYPE_GUESS` F, a
 * name from the file `NAME_GIVEN` F, a ring not cut `CLIPPED` F. Written `?` (null) they made `"PROPOSED" = false`
 * select nothing in QGIS (the GIS trial, s45-b #9). Any other logical field (`IN_LIST`, absent on the city-wide row and
 * where the list left no county out; a list's own yes/no column) keeps `?` where a row has no value: unknown there.
 */
export const DBF_FALSE_WHEN_ABSENT: ReadonlySet<string> = new Set([
  "proposed",
  "invented",
  "typeByHand",
  "typeGuessed",
  "nameGiven",
  "clipped",
]);

/**
 * The yes/no fields every facilities Shapefile has, whether or not a facility says yes ({@link ShapefileLayer.fields}):
 * a list with no proposed site still has `PROPOSED`, all F, so that a GIS user's `"PROPOSED" = false` finds them.
 */
export const FACILITY_DBF_FIELDS: readonly DbfSchemaField[] = [
  { property: "proposed", type: "L" },
  { property: "invented", type: "L" },
];

/** Other numeric properties: whole numbers N 10 0 (a GIS "long"), others N 19 with the decimals they need (a "double"). */
const DBF_INTEGER = { width: 10, decimals: 0 } as const;
const DBF_REAL_WIDTH = 19;

/** ESRI WKT of WGS84 longitude/latitude. */
export const PRJ_WGS84 =
  'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';
/**
 * GCJ-02 has no EPSG code (it is WGS84 with an obfuscating offset): the .prj names it, coordinate system and datum
 * (`D_GCJ_02`), so that people and our importer ({@link crsFromPrj}) see it and a GIS does not take it for WGS84 (the GIS
 * trial: with `D_WGS_1984` QGIS would lay it 500 m off over WGS84 layers, without a word); on the WGS84 ellipsoid, in
 * degrees, as it is.
 */
export const PRJ_GCJ02 =
  'GEOGCS["GCS_GCJ_02_not_WGS84",DATUM["D_GCJ_02",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';

/**
 * The coordinate systems a Shapefile export is written in: WGS84, GCJ-02 (for Amap/Tencent basemaps), or a projected
 * one of crs.ts's projDefinition: a CGCS2000 3° Gauss–Krüger zone (EPSG:4513–4554, the GIS desk's own; the GIS trial,
 * s55 M4: its list came in EPSG:4547 and could only go back in WGS84) or WGS84 UTM.
 */
export type ShapefileCrs = "wgs84" | "gcj02" | `EPSG:${number}`;

/**
 * The .prj (ESRI WKT) of a Shapefile export in `crs`: {@link PRJ_WGS84}, {@link PRJ_GCJ02}, or the projection named
 * as ArcGIS names it (「CGCS2000_3_Degree_GK_CM_114E」 on the CGCS2000 ellipsoid, 「WGS_1984_UTM_Zone_49N」), which
 * QGIS, ArcGIS and our importer ({@link crsFromPrj}) read back as the same EPSG code. Throws for a CRS it does not know.
 */
export function shapefilePrj(crs: ShapefileCrs): string {
  if (crs === "wgs84") return PRJ_WGS84;
  if (crs === "gcj02") return PRJ_GCJ02;
  const code = Number(/^EPSG:(\d+)$/.exec(crs)?.[1]);
  const tm = (name: string, geog: string, projection: string, fe: number, cm: number, k: number) =>
    `PROJCS["${name}",${geog},PROJECTION["${projection}"],PARAMETER["False_Easting",${fe.toFixed(1)}],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",${cm.toFixed(1)}],PARAMETER["Scale_Factor",${k}],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]`;
  const cgcs2000 =
    'GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';
  if (code >= 4513 && code <= 4533) {
    const zone = code - 4513 + 25;
    return tm(`CGCS2000_3_Degree_GK_Zone_${zone}`, cgcs2000, "Gauss_Kruger", zone * 1e6 + 5e5, zone * 3, 1.0);
  }
  if (code >= 4534 && code <= 4554) {
    const cm = 75 + (code - 4534) * 3;
    return tm(`CGCS2000_3_Degree_GK_CM_${cm}E`, cgcs2000, "Gauss_Kruger", 5e5, cm, 1.0);
  }
  if (code >= 32601 && code <= 32660) {
    const zone = code - 32600;
    return tm(`WGS_1984_UTM_Zone_${zone}N`, PRJ_WGS84, "Transverse_Mercator", 5e5, zone * 6 - 183, 0.9996);
  }
  throw new Error(`Shapefile export: coordinate system ${crs} is not one the export writes`);
}

/**
 * The projected systems a Shapefile export offers beside WGS84: the one the list was read in (`listCrs`, a .prj's or
 * the one chosen at import) when an export can be written in it, then the CGCS2000 3° Gauss–Krüger zone (no prefix)
 * whose central meridian is nearest the city's centre `lon`: the GIS desk's own (the GIS trial, s55 M4).
 */
export function shapefileProjections(lon: number, listCrs?: string): ShapefileCrs[] {
  const own = listCrs && listCrs !== "wgs84" && listCrs !== "gcj02" && isShapefileCrs(listCrs) ? [listCrs] : [];
  const zone = gkZoneCrs(lon) as ShapefileCrs;
  return own.includes(zone) ? own : [...own, zone];
}

/** The README's line on a projected export: the projection, its EPSG code, metres, and how it was computed. */
function projectedNote(crs: ShapefileCrs): string {
  const label = projectionLabel(crs as CrsId);
  const cgcs = Number(/^EPSG:(\d+)$/.exec(crs)?.[1]) < 32601;
  return `坐标系：${label.zh}（${crs}），单位米，X 为东坐标、Y 为北坐标；由 WGS84 经纬度按 ${cgcs ? "CGCS2000 椭球（与 WGS84 相差 < 0.1 m）" : "WGS84 椭球"}投影换算（proj4）。Coordinates: ${label.en} (${crs}) in metres, X easting and Y northing; projected from WGS84 longitude/latitude ${cgcs ? "on the CGCS2000 ellipsoid (WGS84 within 0.1 m)" : "on the WGS84 ellipsoid"} with proj4.`;
}

/** Whether a Shapefile export can be written in `crs` ({@link shapefilePrj} knows it). */
export function isShapefileCrs(crs: string): crs is ShapefileCrs {
  if (crs === "wgs84" || crs === "gcj02") return true;
  const code = Number(/^EPSG:(\d+)$/.exec(crs)?.[1]);
  return (code >= 4513 && code <= 4554) || (code >= 32601 && code <= 32660);
}

const MAX_TEXT_BYTES = 254;
const utf8 = new TextEncoder();

/** The DBF field name of a property: from {@link DBF_FIELD_NAMES}, else upper-cased ASCII cut to 10, unique in `taken`. */
export function dbfFieldName(property: string, taken: Set<string>): string {
  // a Chinese header (a county list's 备注, 统一社会信用代码) keeps its own words, in UTF-8 as the .cpg says, cut to
  // the 10 bytes a field name has: 「备注」, 「统一社」 (the GIS trial, s40-b #6: an ASCII name would be 「FIELD」)
  const ascii = property
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toUpperCase()
    .replace(/[^A-Z0-9_]/g, "")
    .slice(0, 10);
  const base =
    DBF_FIELD_NAMES[property] ??
    ([...property].some((ch) => ch.charCodeAt(0) > 0x7f) ? utf8Prefix(property.replace(/\s+/g, ""), 10) : ascii);
  const stem = base || "FIELD";
  let name = stem;
  for (let n = 1; taken.has(name); n++) name = `${utf8Prefix(stem, 10 - String(n).length - 1)}_${n}`;
  taken.add(name);
  return name;
}

/** The longest prefix of `text` whose UTF-8 bytes number at most `max`, cut between characters. */
function utf8Prefix(text: string, max: number): string {
  let out = "";
  let bytes = 0;
  for (const ch of text) {
    const n = new TextEncoder().encode(ch).length;
    if (bytes + n > max) break;
    out += ch;
    bytes += n;
  }
  return out;
}

/** A Shapefile's geometry type: points, lines (PolyLine) or polygons. */
export type ShapeKind = "point" | "line" | "polygon";

function kindOf(g: Geometry): ShapeKind {
  switch (g.type) {
    case "Point":
      return "point";
    case "LineString":
    case "MultiLineString":
      return "line";
    case "Polygon":
    case "MultiPolygon":
      return "polygon";
    default:
      throw new Error(`Shapefile export: unsupported geometry type ${g.type} (Point, lines and polygons only)`);
  }
}

const SHAPE_TYPE: Record<ShapeKind, number> = { point: 1, line: 3, polygon: 5 };

/** Twice the signed area (shoelace, x east, y north): positive for a counter-clockwise ring. */
function signedArea2(ring: Position[]): number {
  let s = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++)
    s += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  return s;
}

/** Shapefile parts of a geometry; polygon outer rings clockwise and holes counter-clockwise, as the ESRI spec says. */
function partsOf(g: Geometry): Position[][] {
  switch (g.type) {
    case "LineString":
      return [g.coordinates];
    case "MultiLineString":
      return g.coordinates;
    case "Polygon":
    case "MultiPolygon": {
      const polys = g.type === "Polygon" ? [g.coordinates] : g.coordinates;
      const out: Position[][] = [];
      for (const poly of polys)
        poly.forEach((ring, i) => {
          const ccw = signedArea2(ring) > 0;
          const wantCcw = i > 0;
          out.push(ccw === wantCcw ? ring : [...ring].reverse());
        });
      return out;
    }
    default:
      return [];
  }
}

interface Shp {
  shp: Uint8Array;
  shx: Uint8Array;
}

function writeShp(kind: ShapeKind, geometries: Array<Geometry | null>, project: (p: Position) => Position): Shp {
  const records = geometries.map((g) => {
    if (!g) return { content: new DataView(new ArrayBuffer(4)), box: null as null | number[] };
    if (g.type === "Point") {
      const [x, y] = project(g.coordinates);
      const v = new DataView(new ArrayBuffer(20));
      v.setInt32(0, 1, true);
      v.setFloat64(4, x, true);
      v.setFloat64(12, y, true);
      return { content: v, box: [x, y, x, y] };
    }
    const parts = partsOf(g).map((ring) => ring.map(project));
    const n = parts.reduce((s, p) => s + p.length, 0);
    const v = new DataView(new ArrayBuffer(44 + 4 * parts.length + 16 * n));
    const box = [Infinity, Infinity, -Infinity, -Infinity];
    for (const p of parts)
      for (const [x, y] of p) {
        box[0] = Math.min(box[0], x);
        box[1] = Math.min(box[1], y);
        box[2] = Math.max(box[2], x);
        box[3] = Math.max(box[3], y);
      }
    v.setInt32(0, SHAPE_TYPE[kind], true);
    box.forEach((b, i) => {
      v.setFloat64(4 + 8 * i, b, true);
    });
    v.setInt32(36, parts.length, true);
    v.setInt32(40, n, true);
    let start = 0;
    let off = 44 + 4 * parts.length;
    parts.forEach((p, i) => {
      v.setInt32(44 + 4 * i, start, true);
      start += p.length;
      for (const [x, y] of p) {
        v.setFloat64(off, x, true);
        v.setFloat64(off + 8, y, true);
        off += 16;
      }
    });
    return { content: v, box };
  });
  const total = [Infinity, Infinity, -Infinity, -Infinity];
  for (const r of records) {
    if (!r.box) continue;
    total[0] = Math.min(total[0], r.box[0]);
    total[1] = Math.min(total[1], r.box[1]);
    total[2] = Math.max(total[2], r.box[2]);
    total[3] = Math.max(total[3], r.box[3]);
  }
  const fileBox = Number.isFinite(total[0]) ? total : [0, 0, 0, 0];
  const shpLen = 100 + records.reduce((s, r) => s + 8 + r.content.byteLength, 0);
  const shxLen = 100 + 8 * records.length;
  const shp = new DataView(new ArrayBuffer(shpLen));
  const shx = new DataView(new ArrayBuffer(shxLen));
  for (const [view, len] of [
    [shp, shpLen],
    [shx, shxLen],
  ] as const) {
    view.setInt32(0, 9994, false);
    view.setInt32(24, len / 2, false);
    view.setInt32(28, 1000, true);
    view.setInt32(32, SHAPE_TYPE[kind], true);
    fileBox.forEach((b, i) => {
      view.setFloat64(36 + 8 * i, b, true);
    });
  }
  let off = 100;
  records.forEach((r, i) => {
    shx.setInt32(100 + 8 * i, off / 2, false);
    shx.setInt32(104 + 8 * i, r.content.byteLength / 2, false);
    shp.setInt32(off, i + 1, false);
    shp.setInt32(off + 4, r.content.byteLength / 2, false);
    new Uint8Array(shp.buffer, off + 8, r.content.byteLength).set(new Uint8Array(r.content.buffer));
    off += 8 + r.content.byteLength;
  });
  return { shp: new Uint8Array(shp.buffer), shx: new Uint8Array(shx.buffer) };
}

/** UTF-8 bytes of `s`, cut at a character boundary to at most `max` bytes (ending in "…" when cut). */
function textBytes(s: string, max: number): { bytes: Uint8Array; cut: boolean } {
  const all = utf8.encode(s);
  if (all.length <= max) return { bytes: all, cut: false };
  let end = max - 3;
  while (end > 0 && (all[end] & 0xc0) === 0x80) end--;
  const out = new Uint8Array(end + 3);
  out.set(all.subarray(0, end));
  out.set([0xe2, 0x80, 0xa6], end);
  return { bytes: out, cut: true };
}

function decimalsOfNumber(x: number): number {
  for (let d = 0; d < 15; d++) if (Number(x.toFixed(d)) === x) return d;
  return 15;
}

/**
 * A row with a facility's `staff` object as four numeric fields (doctors, nurses, pharmacists, gps): a GIS sums a number,
 * not a JSON text (the trial, s44-a #12: 「{"doctors":210,"nurses":260}」 in one STAFF field).
 */
function flatStaff(r: Record<string, unknown>): Record<string, unknown> {
  const staff = r.staff;
  if (typeof staff !== "object" || staff === null || Array.isArray(staff)) return r;
  const { staff: _staff, ...rest } = r;
  const out: Record<string, unknown> = { ...rest };
  for (const [k, v] of Object.entries(staff)) if (typeof v === "number" && !(k in rest)) out[k] = v;
  return out;
}

function writeDbf(
  file: string,
  given: Array<Record<string, unknown>>,
  date: Date,
  schema: readonly DbfSchemaField[] = [],
): { dbf: Uint8Array; fields: DbfField[] } {
  const rows = given.map(flatStaff);
  const props: string[] = [];
  for (const r of rows) for (const k of Object.keys(r)) if (!props.includes(k)) props.push(k);
  // the declared fields no row has: written empty, with their declared type
  const declared = new Map(schema.map((f) => [f.property, f.type]));
  for (const f of schema) if (!props.includes(f.property)) props.push(f.property);
  // known properties in the order of DBF_FIELD_NAMES, then the others as first seen
  const known = Object.keys(DBF_FIELD_NAMES);
  const rank = (k: string) => (known.includes(k) ? known.indexOf(k) : known.length);
  props.sort((a, b) => rank(a) - rank(b));
  const taken = new Set<string>();
  const fields: DbfField[] = [];
  const cells: Uint8Array[][] = rows.map(() => []);
  for (const prop of props) {
    const values = rows.map((r) => r[prop]);
    const present = values.filter((v) => v !== undefined && v !== null);
    const numeric = present.every((v) => typeof v === "number" && Number.isFinite(v));
    const type: DbfField["type"] =
      present.length === 0 && declared.has(prop)
        ? (declared.get(prop) as DbfField["type"])
        : numeric && (present.length > 0 || prop in DBF_NUMBER_FIELDS)
          ? "N"
          : present.length > 0 && present.every((v) => typeof v === "boolean")
            ? "L"
            : "C";
    const field: DbfField = {
      file,
      name: dbfFieldName(prop, taken),
      property: prop,
      type,
      width: 1,
      decimals: 0,
      truncated: 0,
    };
    let encoded: Uint8Array[];
    if (type === "N") {
      const needed = Math.max(0, ...present.map((v) => decimalsOfNumber(v as number)));
      const fixed =
        DBF_NUMBER_FIELDS[prop] ?? (needed === 0 ? DBF_INTEGER : { width: DBF_REAL_WIDTH, decimals: needed });
      field.decimals = Math.max(fixed.decimals, needed);
      const text = values.map((v) => (typeof v === "number" ? v.toFixed(field.decimals) : ""));
      field.width = Math.max(fixed.width + field.decimals - fixed.decimals, ...text.map((t) => t.length));
      encoded = text.map((t) => utf8.encode(t.padStart(field.width, " ")));
    } else if (type === "L") {
      const absent = DBF_FALSE_WHEN_ABSENT.has(prop) ? "F" : "?";
      encoded = values.map((v) => utf8.encode(v === true ? "T" : v === false ? "F" : absent));
    } else {
      const texts = values.map((v) => {
        if (v === undefined || v === null) return { bytes: new Uint8Array(0), cut: false };
        return textBytes(typeof v === "object" ? JSON.stringify(v) : String(v), MAX_TEXT_BYTES);
      });
      field.truncated = texts.filter((t) => t.cut).length;
      field.width = Math.max(1, ...texts.map((t) => t.bytes.length));
      encoded = texts.map((t) => {
        const b = new Uint8Array(field.width).fill(0x20);
        b.set(t.bytes);
        return b;
      });
    }
    encoded.forEach((b, i) => {
      cells[i].push(b);
    });
    fields.push(field);
  }
  const headerLen = 32 + 32 * fields.length + 1;
  const recordLen = 1 + fields.reduce((s, f) => s + f.width, 0);
  const out = new Uint8Array(headerLen + recordLen * rows.length + 1);
  const v = new DataView(out.buffer);
  out[0] = 0x03;
  out[1] = date.getUTCFullYear() - 1900;
  out[2] = date.getUTCMonth() + 1;
  out[3] = date.getUTCDate();
  v.setUint32(4, rows.length, true);
  v.setUint16(8, headerLen, true);
  v.setUint16(10, recordLen, true);
  // byte 29, language driver: 0 (none); the .cpg says UTF-8
  fields.forEach((f, i) => {
    const at = 32 + 32 * i;
    out.set(utf8.encode(f.name), at);
    out[at + 11] = f.type.charCodeAt(0);
    out[at + 16] = f.width;
    out[at + 17] = f.decimals;
  });
  out[headerLen - 1] = 0x0d;
  let off = headerLen;
  for (const row of cells) {
    out[off++] = 0x20;
    for (const b of row) {
      out.set(b, off);
      off += b.length;
    }
  }
  out[off] = 0x1a;
  return { dbf: out, fields };
}

function csvCell(s: string | number): string {
  const t = String(s);
  return /[",\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
}

/**
 * Zipped ESRI Shapefiles of the given layers: one shapefile per layer and geometry type (`<name>.shp` when a layer has
 * one type, `<name>_point` / `_line` / `_polygon` otherwise), each with .shp, .shx, .dbf (UTF-8 text), .cpg ("UTF-8")
 * and .prj (WGS84, or GCJ-02 named as such with `crs: "gcj02"`, coordinates shifted). A feature without geometry is a
 * null shape in its layer's only file, else in its point file. A layer with no features is one file of its declared
 * `kind`, with its declared `fields` (an empty gaps layer is a polygon layer with the gaps' fields). Polygon rings are written clockwise (holes counter-clockwise) as the ESRI
 * specification requires. DBF field names are at most 10 characters ({@link DBF_FIELD_NAMES}); the mapping is in
 * `fields` and in the zip's fields.csv, with a README.txt. Text longer than 254 bytes is cut (ending "…") and counted
 * per field. Nested values (arrays, objects) are written as JSON text.
 */
export async function exportShapefileZip(
  layers: ShapefileLayer[],
  opts: { crs?: ShapefileCrs; date?: Date; readme?: string } = {},
): Promise<ShapefileZip> {
  const crs = opts.crs ?? "wgs84";
  const prj = shapefilePrj(crs);
  const date = opts.date ?? new Date();
  const project = (p: Position): Position => (crs === "wgs84" ? [p[0], p[1]] : fromWgs84(p[0], p[1], crs as CrsId));
  // loaded on first use: an export is rare next to an analysis
  const { default: JSZip } = await import("jszip");
  const zip = new JSZip();
  const fields: DbfField[] = [];
  const files: string[] = [];
  for (const layer of layers) {
    if (!/^[A-Za-z0-9_-]+$/.test(layer.name))
      throw new Error(`Shapefile export: layer name ${layer.name} is not ASCII`);
    const groups = new Map<ShapeKind, ShapefileLayer["features"]>();
    const nulls: ShapefileLayer["features"] = [];
    for (const f of layer.features) {
      if (!f.geometry) {
        nulls.push(f);
        continue;
      }
      const k = kindOf(f.geometry);
      const list = groups.get(k) ?? [];
      list.push(f);
      groups.set(k, list);
    }
    // features without geometry: null shapes in the layer's only file, else in its declared kind's, else its point
    // file; a layer with no features is one empty file of its declared kind
    const home = groups.size === 1 ? [...groups.keys()][0] : (layer.kind ?? "point");
    if (nulls.length > 0 || groups.size === 0) groups.set(home, [...(groups.get(home) ?? []), ...nulls]);
    for (const [kind, features] of groups) {
      const file = groups.size === 1 ? layer.name : `${layer.name}_${kind}`;
      const { shp, shx } = writeShp(
        kind,
        features.map((f) => f.geometry),
        project,
      );
      const { dbf, fields: ff } = writeDbf(
        file,
        features.map((f) => (f.properties ?? {}) as Record<string, unknown>),
        date,
        layer.fields,
      );
      const zipOpts = { date, binary: true } as const;
      zip.file(`${file}.shp`, shp, zipOpts);
      zip.file(`${file}.shx`, shx, zipOpts);
      zip.file(`${file}.dbf`, dbf, zipOpts);
      zip.file(`${file}.cpg`, "UTF-8", { date });
      zip.file(`${file}.prj`, prj, { date });
      fields.push(...ff);
      files.push(file);
    }
  }
  const table = [
    "file,dbf_field,property,type,width,decimals,truncated_values",
    ...fields.map((f) => [f.file, f.name, f.property, f.type, f.width, f.decimals, f.truncated].map(csvCell).join(",")),
  ].join("\r\n");
  zip.file("fields.csv", `\uFEFF${table}\r\n`, { date });
  const crsNote =
    crs === "gcj02"
      ? // PROJ (QGIS, GDAL) reads this .prj as WGS84's ellipsoid and shifts it by nothing: laid over WGS84 or CGCS2000
        // layers it sits 500–600 m off, unsaid (the GIS trial, s45-b #3), so the README says so
        "坐标系：GCJ-02（高德、腾讯底图坐标，非 WGS84）。仅用于叠加高德、腾讯底图；QGIS、ArcGIS 等会把它当作 WGS84 处理而不作偏移，叠加 WGS84 / CGCS2000 图层时将偏差约 500–600 米，GIS 分析请用 WGS84 版本。Coordinates: GCJ-02 (Amap/Tencent), not WGS84: for Amap/Tencent basemaps only. QGIS, ArcGIS and GDAL take it as WGS84 with no shift, so over WGS84/CGCS2000 layers it lies about 500–600 m off: use the WGS84 export for GIS work."
      : crs === "wgs84"
        ? "坐标系：WGS84 经纬度（与 CGCS2000 相差 < 0.1 m）。Coordinates: WGS84 longitude/latitude (CGCS2000 within 0.1 m)."
        : projectedNote(crs);
  const readme = [
    crsNote,
    "属性表为 UTF-8 编码（见 .cpg）。Attributes are UTF-8 (see the .cpg files).",
    "字段名不超过 10 个字符；字段与 GeoJSON 属性的对应见 fields.csv。DBF field names are at most 10 characters; fields.csv maps them to the GeoJSON properties.",
    "文本超过 254 字节的截断并以“…”结尾（fields.csv 的 truncated_values 列计数）；完整内容见同名 GeoJSON 导出。Text over 254 bytes is cut and ends in “…” (counted in fields.csv); the GeoJSON export has it whole.",
    ...(opts.readme ? [opts.readme] : []),
  ].join("\r\n");
  zip.file("README.txt", `\uFEFF${readme}\r\n`, { date });
  const bytes = await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
  return { zip: bytes, fields, files };
}
