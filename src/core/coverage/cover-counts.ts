import { tmScaleFactor } from "../geo";
import { checkSite, decide, gridInfo, MAX_RADIUS_KM, mayReach, planarRadii, siteFrame } from "./disc-test";
import type { CountyGrid, Site } from "./types";

export { MAX_RADIUS_KM };

/** Per-cell site counts: how many sites cover each cell. Uint16Array holds up to 65,535 per cell, Uint32Array 4,294,967,295. */
export type SiteCounts = Uint16Array | Uint32Array;

let spans = new Int32Array(1024);
/** Per column of a disc's window: squared planar radii below which a cell is surely covered, above which not. */
let lo2 = new Float64Array(1024);
let hi2 = new Float64Array(1024);
const radii = { lo: 0, hi: 0 };

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
  const { originX: ox, originY: oy, width, height, cellSizeM: c } = grid;
  const f = siteFrame(grid, info, site);
  const { sx, sy, r, band } = f;
  const reach = (r + band) * tmScaleFactor(Math.abs(sx) + 1.01 * r + band, info.rho2) + 1;
  const iMin = Math.max(0, Math.ceil((sx - reach - ox) / c - 0.5));
  const iMax = Math.min(width - 1, Math.floor((sx + reach - ox) / c - 0.5));
  const jMin = Math.max(0, Math.ceil((sy - reach - oy) / c - 0.5));
  const jMax = Math.min(height - 1, Math.floor((sy + reach - oy) / c - 0.5));
  if (iMin > iMax || jMin > jMax) return 0;
  const nCols = iMax - iMin + 1;
  if (spans.length < 2 * (jMax - jMin + 1)) spans = new Int32Array(4 * (jMax - jMin + 1));
  if (lo2.length < nCols) {
    lo2 = new Float64Array(2 * nCols);
    hi2 = new Float64Array(2 * nCols);
  }
  let hiMax2 = 0;
  for (let i = iMin; i <= iMax; i++) {
    planarRadii(f, ox + (i + 0.5) * c, radii);
    lo2[i - iMin] = radii.lo * radii.lo;
    hi2[i - iMin] = radii.hi * radii.hi;
    if (radii.hi * radii.hi > hiMax2) hiMax2 = radii.hi * radii.hi;
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
      if (decide(grid, f, a, yc, dx * dx + dy2, lo2[a - iMin], hi2[a - iMin])) break;
      a++;
    }
    while (b >= a) {
      const dx = ox + (b + 0.5) * c - sx;
      if (decide(grid, f, b, yc, dx * dx + dy2, lo2[b - iMin], hi2[b - iMin])) break;
      b--;
    }
    if (a > b) continue;
    spans[n++] = j * width + a;
    spans[n++] = j * width + b;
  }
  return n / 2;
}

/**
 * Sets `mask[k] = 1` for every cell the site covers (geodesic distance ≤ radius, inclusive), only within
 * `win` (inclusive cell ranges) when given. IN PLACE; for the batch and incremental coverage code.
 */
export function paintSite(
  grid: CountyGrid,
  mask: Uint8Array,
  site: Site,
  win?: { i0: number; j0: number; i1: number; j1: number },
): void {
  const m = discSpans(grid, site);
  const w = grid.width;
  for (let s = 0; s < m; s++) {
    let a = spans[2 * s];
    let b = spans[2 * s + 1];
    if (win) {
      const j = Math.floor(a / w);
      if (j < win.j0 || j > win.j1) continue;
      a = Math.max(a, j * w + win.i0);
      b = Math.min(b, j * w + win.i1);
      if (a > b) continue;
    }
    mask.fill(1, a, b + 1);
  }
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

function countInto<T extends SiteCounts>(grid: CountyGrid, sites: Site[], counts: T, where: string): T {
  const limit = counts instanceof Uint16Array ? 65535 : 4294967295;
  for (const site of sites) {
    const m = discSpans(grid, site);
    for (let s = 0; s < m; s++) {
      const end = spans[2 * s + 1];
      for (let k = spans[2 * s]; k <= end; k++) {
        if (counts[k] === limit) {
          throw new RangeError(
            `${where}(${grid.code}): more than ${limit} sites cover cell ${k}; use coverCountsUint32 or coverMask`,
          );
        }
        counts[k]++;
      }
    }
  }
  return counts;
}

/**
 * Per cell of `grid`, how many sites cover its centre (geodesic distance ≤ radius, inclusive).
 * All cells of the grid are counted, inside the county or not. Throws a RangeError past 65,535 sites on
 * one cell: {@link coverCountsUint32} counts further, {@link coverMask} needs no count at all.
 * Costs one disc walk per site: for many sites with large radii use {@link coverMask}.
 */
export function coverCounts(grid: CountyGrid, sites: Site[]): Uint16Array {
  return countInto(grid, sites, new Uint16Array(grid.width * grid.height), "coverCounts");
}

/** {@link coverCounts} with 32-bit counts (up to 4,294,967,295 sites per cell). */
export function coverCountsUint32(grid: CountyGrid, sites: Site[]): Uint32Array {
  return countInto(grid, sites, new Uint32Array(grid.width * grid.height), "coverCountsUint32");
}

/**
 * Adds (`delta` = 1) or removes (`delta` = -1) one site's disc to `counts` IN PLACE: this is the one
 * core function that mutates an argument, so that moving a facility costs two disc walks.
 * Throws, leaving `counts` unchanged, if a count would go below 0 (the site was not counted) or above
 * the array's range (65,535 for a Uint16Array, 4,294,967,295 for a Uint32Array).
 */
export function applySite(grid: CountyGrid, counts: SiteCounts, site: Site, delta: 1 | -1): void {
  if (counts.length !== grid.width * grid.height) {
    throw new RangeError(
      `applySite(${grid.code}): counts has ${counts.length} cells, grid has ${grid.width * grid.height}`,
    );
  }
  if (delta !== 1 && delta !== -1) throw new RangeError(`applySite(${grid.code}): delta must be 1 or -1, got ${delta}`);
  const m = discSpans(grid, site);
  const max = counts instanceof Uint16Array ? 65535 : 4294967295;
  const limit = delta === 1 ? max : 0;
  for (let s = 0; s < m; s++) {
    const end = spans[2 * s + 1];
    for (let k = spans[2 * s]; k <= end; k++) {
      if (counts[k] === limit) {
        throw new RangeError(
          delta === 1
            ? `applySite(${grid.code}): more than ${max} sites cover cell ${k} (adding site ${site.id})`
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
