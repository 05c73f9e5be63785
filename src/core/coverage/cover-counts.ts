import { gaussianRadiusSquared, geodesicDistanceKm, tmScaleFactor } from "../geo";
import type { CountyGrid, Site } from "./types";

/** Largest supported radius (km): the planar test with scale correction is checked up to this size. */
export const MAX_RADIUS_KM = 300;

/**
 * Half-width (m) of the band around the circle edge in which cells are decided by an exact
 * geographiclib distance instead of the scale-corrected planar distance. The planar estimate
 * errs by well under 1 cm at county scale (tested), so every cell agrees with the exact test.
 */
function edgeBandM(radiusM: number): number {
  return 0.5 + 2e-5 * radiusM;
}

interface GridInfo {
  rho2: number;
  minLon: number;
  maxLon: number;
  minLat: number;
  maxLat: number;
}

const infoCache = new WeakMap<CountyGrid, GridInfo>();

function gridInfo(grid: CountyGrid): GridInfo {
  let info = infoCache.get(grid);
  if (info) return info;
  const { originX: x0, originY: y0, width, height, cellSizeM: c, projection } = grid;
  const x1 = x0 + width * c;
  const y1 = y0 + height * c;
  let minLon = Infinity;
  let maxLon = -Infinity;
  let minLat = Infinity;
  let maxLat = -Infinity;
  // sample the grid border densely enough that the lon/lat box contains the whole grid
  const steps = 16;
  for (let s = 0; s <= steps; s++) {
    const t = s / steps;
    for (const [x, y] of [
      [x0 + t * (x1 - x0), y0],
      [x0 + t * (x1 - x0), y1],
      [x0, y0 + t * (y1 - y0)],
      [x1, y0 + t * (y1 - y0)],
    ]) {
      const [lon, lat] = projection.inverse(x, y);
      minLon = Math.min(minLon, lon);
      maxLon = Math.max(maxLon, lon);
      minLat = Math.min(minLat, lat);
      maxLat = Math.max(maxLat, lat);
    }
  }
  const [, lat0] = projection.inverse(0, 0);
  info = { rho2: gaussianRadiusSquared(lat0), minLon, maxLon, minLat, maxLat };
  infoCache.set(grid, info);
  return info;
}

function checkSite(site: Site, where: string): void {
  const ok =
    site != null &&
    Number.isFinite(site.lon) &&
    Number.isFinite(site.lat) &&
    Math.abs(site.lat) <= 90 &&
    Number.isFinite(site.radiusKm) &&
    site.radiusKm >= 0 &&
    site.radiusKm <= MAX_RADIUS_KM;
  if (!ok) {
    throw new RangeError(
      `${where}: site ${site?.id} has bad lon/lat/radiusKm (${site?.lon}, ${site?.lat}, ${site?.radiusKm}); radiusKm must be in [0, ${MAX_RADIUS_KM}]`,
    );
  }
}

/** Quick reject in degrees: can the site's disc reach the grid's lon/lat box at all? */
function mayReach(info: GridInfo, site: Site): boolean {
  const dLat = site.radiusKm / 110.5 + 0.01;
  if (site.lat < info.minLat - dLat || site.lat > info.maxLat + dLat) return false;
  const latFar = Math.min(89, Math.max(Math.abs(info.minLat), Math.abs(info.maxLat)) + dLat);
  const dLon = site.radiusKm / (111.0 * Math.cos((latFar * Math.PI) / 180)) + 0.01;
  return site.lon >= info.minLon - dLon && site.lon <= info.maxLon + dLon;
}

let spans = new Int32Array(1024);

function isCovered(
  grid: CountyGrid,
  site: Site,
  i: number,
  yc: number,
  d2: number,
  lo2: number,
  hi2: number,
  r: number,
): boolean {
  if (d2 <= lo2) return true;
  if (d2 > hi2) return false;
  const [lon, lat] = grid.projection.inverse(grid.originX + (i + 0.5) * grid.cellSizeM, yc);
  return geodesicDistanceKm(site.lon, site.lat, lon, lat) * 1000 <= r;
}

/**
 * Runs of covered cells, one per row at most, as pairs (first index, last index) inclusive, in a
 * shared scratch buffer valid until the next call; returns the number of pairs. A cell is covered
 * when its centre is within `site.radiusKm` (geodesic, inclusive) of the site. Along a row the
 * distance to the site is unimodal, so the covered cells of a row are contiguous.
 */
function discSpans(grid: CountyGrid, site: Site): number {
  checkSite(site, `coverage(${grid.code})`);
  const info = gridInfo(grid);
  if (!mayReach(info, site)) return 0;
  const { originX: ox, originY: oy, width, height, cellSizeM: c, projection } = grid;
  const [sx, sy] = projection.forward(site.lon, site.lat);
  const r = site.radiusKm * 1000;
  const band = edgeBandM(r);
  const kSite = tmScaleFactor(sx, info.rho2);
  const reach = (r + band) * tmScaleFactor(Math.abs(sx) + 1.01 * r + band, info.rho2) + 1;
  const iMin = Math.max(0, Math.ceil((sx - reach - ox) / c - 0.5));
  const iMax = Math.min(width - 1, Math.floor((sx + reach - ox) / c - 0.5));
  const jMin = Math.max(0, Math.ceil((sy - reach - oy) / c - 0.5));
  const jMax = Math.min(height - 1, Math.floor((sy + reach - oy) / c - 0.5));
  if (iMin > iMax || jMin > jMax) return 0;
  const nCols = iMax - iMin + 1;
  if (spans.length < 2 * (jMax - jMin + 1)) spans = new Int32Array(4 * (jMax - jMin + 1));
  // planar radius per column: geodesic length ≈ planar length × mean(1/k) along the chord (Simpson)
  const lo2 = new Float64Array(nCols);
  const hi2 = new Float64Array(nCols);
  let hiMax2 = 0;
  for (let i = iMin; i <= iMax; i++) {
    const xc = ox + (i + 0.5) * c;
    const inv = (1 / kSite + 4 / tmScaleFactor((sx + xc) / 2, info.rho2) + 1 / tmScaleFactor(xc, info.rho2)) / 6;
    const lo = Math.max(0, r - band) / inv;
    const hi = (r + band) / inv;
    lo2[i - iMin] = lo * lo;
    hi2[i - iMin] = hi * hi;
    if (hi * hi > hiMax2) hiMax2 = hi * hi;
  }
  let n = 0;
  for (let j = jMin; j <= jMax; j++) {
    const yc = oy + (j + 0.5) * c;
    const dy2 = (yc - sy) * (yc - sy);
    if (dy2 > hiMax2) continue;
    const half = Math.sqrt(hiMax2 - dy2);
    let a = Math.max(iMin, Math.ceil((sx - half - ox) / c - 0.5));
    let b = Math.min(iMax, Math.floor((sx + half - ox) / c - 0.5));
    while (a <= b) {
      const dx = ox + (a + 0.5) * c - sx;
      if (isCovered(grid, site, a, yc, dx * dx + dy2, lo2[a - iMin], hi2[a - iMin], r)) break;
      a++;
    }
    while (b >= a) {
      const dx = ox + (b + 0.5) * c - sx;
      if (isCovered(grid, site, b, yc, dx * dx + dy2, lo2[b - iMin], hi2[b - iMin], r)) break;
      b--;
    }
    if (a > b) continue;
    spans[n++] = j * width + a;
    spans[n++] = j * width + b;
  }
  return n / 2;
}

/** Indices of the cells whose centre is within `site.radiusKm` (geodesic, inclusive) of the site, ascending. */
export function siteCells(grid: CountyGrid, site: Site): Int32Array {
  const m = discSpans(grid, site);
  let total = 0;
  for (let s = 0; s < m; s++) total += spans[2 * s + 1] - spans[2 * s] + 1;
  const out = new Int32Array(total);
  let n = 0;
  for (let s = 0; s < m; s++) for (let k = spans[2 * s]; k <= spans[2 * s + 1]; k++) out[n++] = k;
  return out;
}

/**
 * Per cell of `grid`, how many sites cover its centre (geodesic distance ≤ radius, inclusive).
 * All cells of the grid are counted, inside the county or not. Throws past 65,535 sites on one cell.
 */
export function coverCounts(grid: CountyGrid, sites: Site[]): Uint16Array {
  const counts = new Uint16Array(grid.width * grid.height);
  for (const site of sites) {
    const m = discSpans(grid, site);
    for (let s = 0; s < m; s++) {
      const end = spans[2 * s + 1];
      for (let k = spans[2 * s]; k <= end; k++) {
        if (++counts[k] === 0) throw new RangeError(`coverCounts(${grid.code}): more than 65535 sites cover cell ${k}`);
      }
    }
  }
  return counts;
}

/**
 * Adds (`delta` = 1) or removes (`delta` = -1) one site's disc to `counts` IN PLACE: this is the one
 * core function that mutates an argument, so that moving a facility costs two disc walks.
 * Throws, leaving `counts` unchanged, if a count would go below 0 (the site was not counted) or above 65,535.
 */
export function applySite(grid: CountyGrid, counts: Uint16Array, site: Site, delta: 1 | -1): void {
  if (counts.length !== grid.width * grid.height) {
    throw new RangeError(
      `applySite(${grid.code}): counts has ${counts.length} cells, grid has ${grid.width * grid.height}`,
    );
  }
  if (delta !== 1 && delta !== -1) throw new RangeError(`applySite(${grid.code}): delta must be 1 or -1, got ${delta}`);
  const m = discSpans(grid, site);
  const limit = delta === 1 ? 65535 : 0;
  for (let s = 0; s < m; s++) {
    const end = spans[2 * s + 1];
    for (let k = spans[2 * s]; k <= end; k++) {
      if (counts[k] === limit) {
        throw new RangeError(
          delta === 1
            ? `applySite(${grid.code}): more than 65535 sites cover cell ${k} (adding site ${site.id})`
            : `applySite(${grid.code}): site ${site.id} is not counted in these counts (cell ${k} is 0)`,
        );
      }
    }
  }
  for (let s = 0; s < m; s++) {
    const end = spans[2 * s + 1];
    for (let k = spans[2 * s]; k <= end; k++) counts[k] += delta;
  }
}
