import * as geographiclibNs from "geographiclib-geodesic";
import type { MultiPolygon, Polygon, Position } from "geojson";

type GeographicLib = typeof geographiclibNs;
// The package is CommonJS: under Node's ESM loader its exports sit on `default`, under bundlers on the namespace.
const geographiclib: GeographicLib =
  (geographiclibNs as unknown as { default?: GeographicLib }).default ?? geographiclibNs;

/** The WGS84 ellipsoid solver of geographiclib (CGCS2000 differs by < 0.1 mm at county scale). */
export const WGS84 = geographiclib.Geodesic.WGS84;
const DISTANCE = geographiclib.Geodesic.DISTANCE;
const DIRECT_OUT = geographiclib.Geodesic.LATITUDE | geographiclib.Geodesic.LONGITUDE;

/** WGS84 semi-major axis (m) and flattening. */
export const WGS84_A = WGS84.a;
export const WGS84_F = WGS84.f;

/**
 * Length of the ellipsoidal geodesic between two points (geographiclib inverse problem, WGS84).
 * Coordinates in degrees; result in kilometres, accurate to ~15 nm.
 * @example geodesicDistanceKm(112.5, 33.0, 112.6, 33.0) // ≈ 9.34
 */
export function geodesicDistanceKm(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const r = WGS84.Inverse(lat1, lon1, lat2, lon2, DISTANCE);
  return (r.s12 as number) / 1000;
}

/**
 * The point reached by going `distanceKm` along the geodesic from (lon, lat) with initial
 * azimuth `azimuthDeg` (clockwise from north); geographiclib direct problem. Returns [lon, lat] in degrees.
 */
export function geodesicDestination(
  lon: number,
  lat: number,
  azimuthDeg: number,
  distanceKm: number,
): [number, number] {
  const r = WGS84.Direct(lat, lon, azimuthDeg, distanceKm * 1000, DIRECT_OUT);
  return [r.lon2 as number, r.lat2 as number];
}

/** Absolute geodesic area of one ring in m² (closing vertex optional). */
function ringAreaM2(ring: Position[]): number {
  const n = ring.length;
  if (n < 3) return 0;
  const closed = ring[0][0] === ring[n - 1][0] && ring[0][1] === ring[n - 1][1];
  const poly = WGS84.Polygon(false);
  for (let i = 0; i < (closed ? n - 1 : n); i++) poly.AddPoint(ring[i][1], ring[i][0]);
  const area = poly.Compute(false, true).area ?? 0;
  return Math.abs(area);
}

/**
 * Area of a polygon or multipolygon on the WGS84 ellipsoid (geographiclib PolygonArea), in km².
 * Each outer ring counts positively and each hole negatively whatever the winding; parts of a
 * multipolygon are summed (they are assumed not to overlap, as GeoJSON requires).
 */
export function geodesicAreaKm2(geom: Polygon | MultiPolygon): number {
  const polygons = geom.type === "Polygon" ? [geom.coordinates] : geom.coordinates;
  let total = 0;
  for (const rings of polygons) {
    rings.forEach((ring, k) => {
      const a = ringAreaM2(ring);
      total += k === 0 ? a : -a;
    });
  }
  return total / 1e6;
}
