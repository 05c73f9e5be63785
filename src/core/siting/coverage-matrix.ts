import KDBush from "kdbush";
import { CONFIRM_ABS_KM, CONFIRM_REL, geodesicKm, kmPerDegree } from "./distance";

/** Compressed sparse rows: row `r` owns `index[start[r] .. start[r+1])`. */
export interface Csr {
  start: Int32Array;
  index: Int32Array;
}

/** Points as parallel coordinate arrays (degrees). */
export interface PointArrays {
  lon: Float64Array;
  lat: Float64Array;
}

/** A spatial index over points in a local equirectangular plane (km), with the inflation that keeps queries conservative. */
export interface PointIndex {
  points: PointArrays;
  tree: KDBush;
  lon0: number;
  lat0: number;
  kx: number;
  ky: number;
  /** Factor ≥ 1 by which a true radius must be enlarged in the plane to be sure no point is missed. */
  inflate: number;
}

/** Packs lon/lat records into coordinate arrays. */
export function toArrays(points: ReadonlyArray<{ lon: number; lat: number }>): PointArrays {
  const lon = new Float64Array(points.length);
  const lat = new Float64Array(points.length);
  for (let i = 0; i < points.length; i++) {
    lon[i] = points[i].lon;
    lat[i] = points[i].lat;
  }
  return { lon, lat };
}

/**
 * Builds a KDBush over `points` in a local plane centred on their bounding box.
 * `padKm` widens the latitude range used to bound the plane's scale error (queries
 * come from points up to that far outside the box).
 */
export function buildPointIndex(points: PointArrays, padKm: number): PointIndex {
  const n = points.lon.length;
  let latMin = Infinity;
  let latMax = -Infinity;
  let lonMin = Infinity;
  let lonMax = -Infinity;
  for (let i = 0; i < n; i++) {
    const la = points.lat[i];
    const lo = points.lon[i];
    if (la < latMin) latMin = la;
    if (la > latMax) latMax = la;
    if (lo < lonMin) lonMin = lo;
    if (lo > lonMax) lonMax = lo;
  }
  if (n === 0) {
    latMin = latMax = lonMin = lonMax = 0;
  }
  const lat0 = (latMin + latMax) / 2;
  const lon0 = (lonMin + lonMax) / 2;
  const { kx, ky } = kmPerDegree(lat0);
  const padDeg = padKm / 110 + 0.01;
  let inflate = 1;
  for (const la of [latMin - padDeg, latMax + padDeg, lat0]) {
    const clamped = Math.max(-89, Math.min(89, la));
    const k = kmPerDegree(clamped);
    // plane distance / true distance is at most max(kx/k.kx, ky/k.ky) and at least the min: invert for safety
    inflate = Math.max(inflate, kx / k.kx, ky / k.ky, k.kx / kx, k.ky / ky);
  }
  inflate = inflate * (1 + 1e-3) + 1e-6;
  const tree = new KDBush(Math.max(1, n));
  for (let i = 0; i < n; i++) tree.add((points.lon[i] - lon0) * kx, (points.lat[i] - lat0) * ky);
  if (n === 0) tree.add(1e12, 1e12);
  tree.finish();
  return { points, tree, lon0, lat0, kx, ky, inflate };
}

/**
 * Indices of indexed points whose geodesic distance to (lon, lat) is ≤ `radiusKm` (inclusive)
 * — or < `radiusKm` when `strict` — in no particular order.
 */
export function pointsWithin(index: PointIndex, lon: number, lat: number, radiusKm: number, strict = false): number[] {
  const { points, tree, lon0, lat0, kx, ky, inflate } = index;
  const n = points.lon.length;
  const raw = tree.within((lon - lon0) * kx, (lat - lat0) * ky, radiusKm * inflate + 1e-9);
  const band = radiusKm * CONFIRM_REL + CONFIRM_ABS_KM;
  const inner = radiusKm - band;
  const inner2 = inner > 0 ? inner * inner : -1;
  const outer2 = (radiusKm + band) * (radiusKm + band);
  // km per degree at the mid-latitude, linearised around the query latitude (error ∝ Δφ², negligible here)
  const h = 0.01;
  const k0 = kmPerDegree(lat);
  const kp = kmPerDegree(lat + h);
  const km = kmPerDegree(lat - h);
  const dkx = (kp.kx - km.kx) / (2 * h);
  const dky = (kp.ky - km.ky) / (2 * h);
  const out: number[] = [];
  for (const i of raw) {
    if (i >= n) continue;
    const dlat = points.lat[i] - lat;
    let dl = points.lon[i] - lon;
    if (dl > 180) dl -= 360;
    else if (dl < -180) dl += 360;
    const dx = dl * (k0.kx + dkx * dlat * 0.5);
    const dy = dlat * (k0.ky + dky * dlat * 0.5);
    const d2 = dx * dx + dy * dy;
    if (d2 < inner2) out.push(i);
    else if (d2 <= outer2) {
      const g = geodesicKm(lon, lat, points.lon[i], points.lat[i]);
      if (strict ? g < radiusKm : g <= radiusKm) out.push(i);
    }
  }
  return out;
}

/**
 * Coverage matrix: for each site (row), the demand points within `radiusKm` (geodesic, inclusive).
 * `keep` optionally filters demand points (only kept ones are listed).
 */
export function coverageCsr(
  demandIndex: PointIndex,
  sites: PointArrays,
  radiusKm: number,
  keep?: (demandIdx: number) => boolean,
): Csr {
  const m = sites.lon.length;
  const start = new Int32Array(m + 1);
  let buf = new Int32Array(1024);
  let nnz = 0;
  for (let j = 0; j < m; j++) {
    start[j] = nnz;
    const hits = pointsWithin(demandIndex, sites.lon[j], sites.lat[j], radiusKm);
    for (const i of hits) {
      if (keep && !keep(i)) continue;
      if (nnz === buf.length) {
        const nb = new Int32Array(buf.length * 2);
        nb.set(buf);
        buf = nb;
      }
      buf[nnz++] = i;
    }
  }
  start[m] = nnz;
  return { start, index: buf.slice(0, nnz) };
}

/** Transposes a CSR with `nCols` columns (rows of the result come out in ascending order of the original row). */
export function transpose(csr: Csr, nCols: number): Csr {
  const nRows = csr.start.length - 1;
  const count = new Int32Array(nCols + 1);
  for (let k = 0; k < csr.index.length; k++) count[csr.index[k] + 1]++;
  for (let c = 0; c < nCols; c++) count[c + 1] += count[c];
  const start = count.slice();
  const fill = count.slice(0, nCols);
  const index = new Int32Array(csr.index.length);
  for (let r = 0; r < nRows; r++) {
    for (let k = csr.start[r]; k < csr.start[r + 1]; k++) index[fill[csr.index[k]]++] = r;
  }
  return { start, index };
}
