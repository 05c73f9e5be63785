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

const E2 = WGS84_F * (2 - WGS84_F);
const RAD = Math.PI / 180;
/** Meridional radius of curvature M(φ) (m), smallest at the equator. */
const meridional = (s2: number) => (WGS84_A * (1 - E2)) / (1 - E2 * s2) ** 1.5;
/** Radius of a parallel N(φ)·cos φ (m). */
const parallel = (s2: number) => (WGS84_A * Math.sqrt(1 - s2)) / Math.sqrt(1 - E2 * s2);

/**
 * Lower and upper bounds (m) on the geodesic distance between two points, from the ellipsoid's metric
 * ds² = M(φ)² dφ² + (N(φ) cos φ)² dλ² alone (no iteration). Upper: the path straight in (φ, λ) between the points
 * is no shorter than the geodesic and no longer than √((M̂ Δφ)² + (P̂ Δλ)²), M̂ and P̂ the largest M and N cos φ
 * between the two latitudes. Lower: the geodesic is no longer than that bound, so it stays within
 * upper / M(0) of the points' latitudes (M(0) = a(1 − e²), the least meridional radius); over that band
 * ds ≥ √((M̌ dφ)² + (P̌ dλ)²), whose integral is at least √((M̌ Δφ)² + (P̌ Δλ)²) (a norm of the total displacement,
 * and |Δλ| taken the short way round is the least longitude change). Written into `out` as [lower, upper];
 * returns false (bounds not given) near the poles or beyond 10° of longitude, where callers use geographiclib.
 */
export function geodesicBoundsM(lon1: number, lat1: number, lon2: number, lat2: number, out: number[]): boolean {
  let dLon = Math.abs(lon2 - lon1) % 360;
  if (dLon > 180) dLon = 360 - dLon;
  if (!(dLon <= 10) || !(Math.abs(lat1) <= 80) || !(Math.abs(lat2) <= 80)) return false;
  const dl = dLon * RAD;
  const dp = Math.abs(lat2 - lat1) * RAD;
  const lo = Math.min(lat1, lat2);
  const hi = Math.max(lat1, lat2);
  // |φ| largest and smallest over [lo, hi]: M grows with |φ|, N cos φ shrinks
  const far = Math.max(Math.abs(lo), Math.abs(hi));
  const near = lo <= 0 && hi >= 0 ? 0 : Math.min(Math.abs(lo), Math.abs(hi));
  const sFar = Math.sin(far * RAD) ** 2;
  const sNear = Math.sin(near * RAD) ** 2;
  const upper = Math.hypot(meridional(sFar) * dp, parallel(sNear) * dl);
  const band = upper / (WGS84_A * (1 - E2)) / RAD; // degrees the geodesic can stray from [lo, hi]
  const far2 = Math.min(90, far + band);
  const near2 = lo - band <= 0 && hi + band >= 0 ? 0 : Math.max(0, near - band);
  const lower = Math.hypot(meridional(Math.sin(near2 * RAD) ** 2) * dp, parallel(Math.sin(far2 * RAD) ** 2) * dl);
  out[0] = lower;
  out[1] = upper;
  return true;
}

const bounds = [0, 0];

/**
 * Whether the geodesic distance between two points is at most `radiusKm`: exactly the answer of
 * `geodesicDistanceKm(...) <= radiusKm`. Decided by {@link geodesicBoundsM} when they clear the radius by more than
 * geographiclib's own error (15 nm; 1 µm plus 1e-12 of the distance is used, for rounding in the bounds), and by
 * geographiclib otherwise, so only points near the circle pay for the inverse problem.
 */
export function geodesicWithinKm(lon1: number, lat1: number, lon2: number, lat2: number, radiusKm: number): boolean {
  if (geodesicBoundsM(lon1, lat1, lon2, lat2, bounds)) {
    const r = radiusKm * 1000;
    const margin = 1e-6 + 1e-12 * bounds[1];
    if (bounds[1] + margin < r) return true;
    if (bounds[0] - margin > r) return false;
  }
  return geodesicDistanceKm(lon1, lat1, lon2, lat2) <= radiusKm;
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
