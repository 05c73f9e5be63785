import gcoord from "gcoord";
import proj4, { type Converter } from "proj4";
import type { CrsId } from "./types";

/** GRS80 = CGCS2000 ellipsoid (CGCS2000's flattening differs from GRS80's by 1e-11, negligible). */
const CGCS2000_ELLPS = "+ellps=GRS80 +towgs84=0,0,0,0,0,0,0";

/**
 * proj4 definition of a projected CRS this module knows, or undefined.
 * EPSG:4513–4533: CGCS2000 3° Gauss–Krüger zone 25–45 (CM = 3 × zone °E, false easting zone × 10⁶ + 500 000 m).
 * EPSG:4534–4554: CGCS2000 3° GK CM 75°E–135°E (false easting 500 000 m). EPSG:32601–32660: WGS84 UTM north.
 */
export function projDefinition(crs: string): string | undefined {
  const m = /^EPSG:(\d+)$/i.exec(crs);
  if (!m) return undefined;
  const code = Number(m[1]);
  if (code >= 4513 && code <= 4533) {
    const zone = code - 4513 + 25;
    return `+proj=tmerc +lat_0=0 +lon_0=${zone * 3} +k=1 +x_0=${zone * 1_000_000 + 500_000} +y_0=0 ${CGCS2000_ELLPS} +units=m +no_defs`;
  }
  if (code >= 4534 && code <= 4554) {
    const cm = 75 + (code - 4534) * 3;
    return `+proj=tmerc +lat_0=0 +lon_0=${cm} +k=1 +x_0=500000 +y_0=0 ${CGCS2000_ELLPS} +units=m +no_defs`;
  }
  if (code >= 32601 && code <= 32660) return `+proj=utm +zone=${code - 32600} +datum=WGS84 +units=m +no_defs`;
  if (code === 4326 || code === 4490) return "+proj=longlat +datum=WGS84 +no_defs";
  // Web Mercator (web maps' tiles and many web GIS exports), under its official code and the ones used before it
  if (WEB_MERCATOR_CODES.has(code))
    return "+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +no_defs";
  return undefined;
}

/** EPSG:3857 and its former and vendor codes (900913, ESRI 102100 and 102113, EPSG 3785). */
const WEB_MERCATOR_CODES = new Set([3857, 900913, 102100, 102113, 3785]);

/** A projected CRS of {@link projDefinition} in words: 「CGCS2000 3度带高斯投影 中央经线 111°E」, "WGS84 UTM zone 49N". */
export function projectionLabel(crs: CrsId): { zh: string; en: string } {
  const code = Number(/^EPSG:(\d+)$/.exec(crs)?.[1]);
  if (code >= 4513 && code <= 4533) {
    const zone = code - 4513 + 25;
    return {
      zh: `CGCS2000 3度带高斯投影 ${zone} 带，带号前缀`,
      en: `CGCS2000 3° Gauss–Krüger zone ${zone}, with prefix`,
    };
  }
  if (code >= 4534 && code <= 4554) {
    const cm = 75 + (code - 4534) * 3;
    return { zh: `CGCS2000 3度带高斯投影 中央经线 ${cm}°E`, en: `CGCS2000 3° Gauss–Krüger CM ${cm}°E` };
  }
  if (code >= 32601 && code <= 32660)
    return { zh: `WGS84 UTM ${code - 32600}N 带`, en: `WGS84 UTM zone ${code - 32600}N` };
  if (WEB_MERCATOR_CODES.has(code)) return { zh: `Web 墨卡托（${crs}）`, en: `Web Mercator (${crs})` };
  return { zh: crs, en: crs };
}

/** Normalises a CRS id: "WGS84"/"EPSG:4326"/"EPSG:4490"/"CGCS2000" → "wgs84", "GCJ-02"/"amap" → "gcj02", "BD-09"/"baidu" → "bd09". */
export function normalizeCrs(crs: string): CrsId | undefined {
  const s = crs
    .trim()
    .toLowerCase()
    .replace(/[\s_-]/g, "");
  if (["wgs84", "epsg:4326", "epsg:4490", "cgcs2000", "4326", "4490"].includes(s)) return "wgs84";
  if (["gcj02", "gcj", "amap", "gaode", "高德", "火星坐标"].includes(s)) return "gcj02";
  if (["bd09", "bd09ll", "baidu", "百度"].includes(s)) return "bd09";
  const m = /^epsg:(\d+)$/.exec(s);
  if (m && projDefinition(`EPSG:${m[1]}`)) return `EPSG:${Number(m[1])}`;
  return undefined;
}

/** Whether `crs` is a supported CRS id. */
export function isSupportedCrs(crs: string): crs is CrsId {
  return crs === "wgs84" || crs === "gcj02" || crs === "bd09" || projDefinition(crs) !== undefined;
}

/** Whether `crs` has coordinates in metres (easting, northing) rather than degrees. */
export function isProjected(crs: CrsId): boolean {
  return crs !== "wgs84" && crs !== "gcj02" && crs !== "bd09" && crs !== "EPSG:4326" && crs !== "EPSG:4490";
}

const converters = new Map<string, Converter>();
function converter(crs: string): Converter {
  let c = converters.get(crs);
  if (!c) {
    const def = projDefinition(crs);
    if (!def) throw new Error(`Unsupported CRS ${crs}`);
    c = proj4("+proj=longlat +datum=WGS84 +no_defs", def);
    converters.set(crs, c);
  }
  return c;
}

/**
 * gcoord's forward shift of one point. It is passed as a GeoJSON Point, which gcoord converts in place with the same
 * function it applies to a bare [lon, lat]: a bare position is first checked with messages built from the position
 * on every call (two array-to-string conversions), which cost more than the shift itself; the inversion below calls
 * this up to ten times a point, and the datum check of an import four times a facility.
 */
function gcoordForward(lon: number, lat: number, to: typeof gcoord.GCJ02 | typeof gcoord.BD09): [number, number] {
  const point = { type: "Point" as const, coordinates: [lon, lat] as [number, number] };
  gcoord.transform(point, gcoord.WGS84, to);
  return [point.coordinates[0], point.coordinates[1]];
}
function gcjForward(lon: number, lat: number): [number, number] {
  return gcoordForward(lon, lat, gcoord.GCJ02);
}
function bdForward(lon: number, lat: number): [number, number] {
  return gcoordForward(lon, lat, gcoord.BD09);
}

/** Inverts a forward datum shift by fixed-point iteration (converges to < 1e-9° in 2–4 steps). */
function invert(forward: (lon: number, lat: number) => [number, number], x: number, y: number): [number, number] {
  let lon = x;
  let lat = y;
  for (let i = 0; i < 10; i++) {
    const [fx, fy] = forward(lon, lat);
    const dx = x - fx;
    const dy = y - fy;
    lon += dx;
    lat += dy;
    if (Math.abs(dx) < 1e-10 && Math.abs(dy) < 1e-10) break;
  }
  return [lon, lat];
}

/**
 * Converts a coordinate in `crs` to WGS84 longitude/latitude in degrees.
 * For projected CRSs `x` is the easting and `y` the northing in metres.
 * GCJ-02 and BD-09 are inverted numerically (residual < 1e-9°, about 0.1 mm).
 */
export function toWgs84(x: number, y: number, crs: CrsId): [number, number] {
  if (crs === "wgs84" || crs === "EPSG:4326" || crs === "EPSG:4490") return [x, y];
  if (crs === "gcj02") return invert(gcjForward, x, y);
  if (crs === "bd09") return invert(bdForward, x, y);
  const r = converter(crs).inverse([x, y]);
  return [r[0], r[1]];
}

/** Converts WGS84 longitude/latitude (degrees) to `crs` (degrees, or easting/northing in metres). */
export function fromWgs84(lon: number, lat: number, crs: CrsId): [number, number] {
  if (crs === "wgs84" || crs === "EPSG:4326" || crs === "EPSG:4490") return [lon, lat];
  if (crs === "gcj02") return gcjForward(lon, lat);
  if (crs === "bd09") return bdForward(lon, lat);
  const r = converter(crs).forward([lon, lat]);
  return [r[0], r[1]];
}

/** CGCS2000 3° GK CRS (without zone prefix) whose central meridian is nearest to `lon`. */
export function gkZoneCrs(lon: number, withPrefix = false): CrsId {
  const zone = Math.min(45, Math.max(25, Math.round(lon / 3)));
  return `EPSG:${withPrefix ? 4513 + zone - 25 : 4534 + zone - 25}`;
}

/**
 * Recognises a .prj WKT: geographic CGCS2000/WGS84 → "wgs84" (one named GCJ-02, as our exports write it → "gcj02");
 * a CGCS2000 / Xian 80 / Beijing 54 3° or 6° GK
 * or a UTM projection → the matching CRS id when it is one of ours. Returns undefined otherwise
 * (the caller may then hand the WKT to proj4).
 */
export function crsFromPrj(wkt: string): CrsId | undefined {
  const s = wkt.replace(/\s+/g, " ");
  const auth = /AUTHORITY\["EPSG",\s*"?(\d+)"?\]\s*\]\s*$/i.exec(s) ?? /ID\["EPSG",\s*(\d+)\]\s*\]\s*$/i.exec(s);
  if (auth) {
    const id = normalizeCrs(`EPSG:${auth[1]}`);
    if (id) return id;
  }
  if (/^\s*GEOG(CS|CRS)\[/i.test(s)) {
    if (/GCJ[_ -]?02/i.test(s)) return "gcj02";
    if (/2000|WGS[_ ]?(19)?84|4490|4326/i.test(s)) return "wgs84";
    return undefined;
  }
  if (!/^\s*PROJ(CS|CRS)\[/i.test(s)) return undefined;
  const isCgcs = /CGCS[_ ]?2000|China[_ ]Geodetic[_ ]Coordinate[_ ]System[_ ]2000/i.test(s);
  const isWgs = /WGS[_ ]?(19)?84/i.test(s);
  const param = (name: string): number | undefined => {
    const m = new RegExp(`PARAMETER\\["${name}",\\s*(-?[\\d.eE+-]+)`, "i").exec(s);
    return m ? Number(m[1]) : undefined;
  };
  const cm = param("central_meridian") ?? param("Longitude of natural origin");
  const fe = param("false_easting") ?? param("False easting");
  const k = param("scale_factor") ?? param("Scale factor at natural origin") ?? 1;
  const lat0 = param("latitude_of_origin") ?? param("Latitude of natural origin") ?? 0;
  if (cm === undefined || fe === undefined || lat0 !== 0) return undefined;
  if (isCgcs && Math.abs(k - 1) < 1e-12 && cm % 3 === 0 && cm >= 75 && cm <= 135) {
    const zone = cm / 3;
    if (fe === 500000) return `EPSG:${4534 + zone - 25}`;
    if (fe === zone * 1_000_000 + 500000) return `EPSG:${4513 + zone - 25}`;
  }
  if (isWgs && Math.abs(k - 0.9996) < 1e-12 && fe === 500000) {
    const zone = (cm + 183) / 6;
    if (Number.isInteger(zone) && zone >= 1 && zone <= 60) return `EPSG:${32600 + zone}`;
  }
  return undefined;
}

/** A proj4 definition built from WKT, for .prj files {@link crsFromPrj} does not recognise; undefined if proj4 cannot read it. */
export function wktToWgs84(wkt: string): ((x: number, y: number) => [number, number]) | undefined {
  try {
    const c = proj4(wkt, "+proj=longlat +datum=WGS84 +no_defs");
    return (x, y) => {
      const r = c.forward([x, y]);
      return [r[0], r[1]];
    };
  } catch {
    return undefined;
  }
}
