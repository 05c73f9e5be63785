import { geodesicDistanceKm } from "../geo";

const A_KM = 6378.137;
const E2 = 0.0066943799901413165;
const DEG = Math.PI / 180;

/** Geodesic distance on the WGS84 ellipsoid (geographiclib), kilometres: the one in `core/geo`. */
export const geodesicKm = geodesicDistanceKm;

/** Kilometres per degree of longitude (east) and latitude (north) at latitude `latDeg` on WGS84. */
export function kmPerDegree(latDeg: number): { kx: number; ky: number } {
  const s = Math.sin(latDeg * DEG);
  const w = 1 - E2 * s * s;
  const n = A_KM / Math.sqrt(w);
  const m = (A_KM * (1 - E2)) / (w * Math.sqrt(w));
  return { kx: n * Math.cos(latDeg * DEG) * DEG, ky: m * DEG };
}

/**
 * Fast distance approximation (local plane at the mid-latitude of the two points), km.
 * Relative error below 1e-5 for distances under 50 km between latitudes 15° and 55°;
 * callers confirm with {@link geodesicKm} whenever the result is near a threshold.
 */
export function approxKm(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const { kx, ky } = kmPerDegree((lat1 + lat2) / 2);
  let dl = lon2 - lon1;
  if (dl > 180) dl -= 360;
  else if (dl < -180) dl += 360;
  const dx = dl * kx;
  const dy = (lat2 - lat1) * ky;
  return Math.sqrt(dx * dx + dy * dy);
}

/** Relative band around a threshold inside which {@link approxKm} is confirmed by {@link geodesicKm}. */
export const CONFIRM_REL = 1e-4;
/** Absolute part of that band, km (1 m). */
export const CONFIRM_ABS_KM = 0.001;

/** Whether the geodesic distance between two points is ≤ `limitKm` (inclusive), using the approximation away from the edge. */
export function withinKm(lon1: number, lat1: number, lon2: number, lat2: number, limitKm: number): boolean {
  const d = approxKm(lon1, lat1, lon2, lat2);
  const band = limitKm * CONFIRM_REL + CONFIRM_ABS_KM;
  if (d < limitKm - band) return true;
  if (d > limitKm + band) return false;
  return geodesicKm(lon1, lat1, lon2, lat2) <= limitKm;
}
