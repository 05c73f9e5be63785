import type { CellCoverage, CountyGrid, CoverageStats } from "./types";

/** Sum of true cell areas (km²) over cells inside the county (and `mask`), and over those also covered. */
export function cellAreaSums(
  grid: CountyGrid,
  counts: CellCoverage | null,
  mask?: Uint8Array,
): { inside: number; covered: number } {
  const { inside, cellAreaKm2 } = grid;
  const constant = typeof cellAreaKm2 === "number";
  let nIn = 0;
  let nCov = 0;
  let aIn = 0;
  let aCov = 0;
  for (let k = 0; k < inside.length; k++) {
    if (!inside[k] || (mask && !mask[k])) continue;
    const covered = counts !== null && counts[k] > 0;
    if (constant) {
      nIn++;
      if (covered) nCov++;
    } else {
      const a = (cellAreaKm2 as Float32Array)[k];
      aIn += a;
      if (covered) aCov += a;
    }
  }
  if (constant) return { inside: nIn * (cellAreaKm2 as number), covered: nCov * (cellAreaKm2 as number) };
  return { inside: aIn, covered: aCov };
}

/**
 * The ratio that turns cell-area sums into areas consistent with the county's geodesic area:
 * grid.areaKm2 / (area of all inside cells). 1 for a county with no inside cell.
 */
export function areaScale(grid: CountyGrid): number {
  let scale = scaleCache.get(grid);
  if (scale === undefined) {
    const { inside } = cellAreaSums(grid, null);
    scale = inside > 0 ? grid.areaKm2 / inside : 1;
    scaleCache.set(grid, scale);
  }
  return scale;
}

// grids are treated as immutable once built, so the whole-county cell sum is computed once per grid
const scaleCache = new WeakMap<CountyGrid, number>();

/**
 * Covered and uncovered area over the cells inside the county (and inside `mask` when given).
 * A cell is covered when its count is > 0. Areas (km²) are cell areas scaled so that the whole
 * county sums to its geodesic area; `coveredShare` is in 0..1 (0 for an empty area).
 */
export function coverageStats(grid: CountyGrid, counts: CellCoverage, mask?: Uint8Array): CoverageStats {
  const n = grid.width * grid.height;
  if (counts.length !== n)
    throw new RangeError(`coverageStats(${grid.code}): counts has ${counts.length} cells, grid has ${n}`);
  if (mask && mask.length !== n)
    throw new RangeError(`coverageStats(${grid.code}): mask has ${mask.length} cells, grid has ${n}`);
  const scale = areaScale(grid);
  const sums = mask ? cellAreaSums(grid, counts, mask) : cellAreaSums(grid, counts);
  const areaKm2 = mask ? sums.inside * scale : grid.areaKm2;
  const coveredKm2 = sums.covered * scale;
  return {
    areaKm2,
    coveredKm2,
    uncoveredKm2: sums.covered >= sums.inside ? 0 : (sums.inside - sums.covered) * scale,
    coveredShare: sums.inside > 0 ? sums.covered / sums.inside : 0,
  };
}
