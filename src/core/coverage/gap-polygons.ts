import { contours } from "d3-contour";
import type { Feature, Polygon, Position } from "geojson";
import { areaScale } from "./coverage-stats";
import type { CellCoverage, CountyGrid, GapFeatureProps } from "./types";

const ROUND = 1e7;

/** Signed shoelace area (positive = counter-clockwise with x east, y north). */
function signedArea(ring: Position[]): number {
  let s = 0;
  for (let k = 0, n = ring.length; k < n - 1; k++) s += ring[k][0] * ring[k + 1][1] - ring[k + 1][0] * ring[k][1];
  return s / 2;
}

/**
 * Turns d3's marching-squares ring (vertices at cell-edge midpoints, corners cut) into the exact
 * staircase outline of the cells: each diagonal step gets back its cell corner, except at saddle
 * corners (two diagonal cells), which stay cut so that rings never touch themselves. Collinear
 * vertices are then dropped. Coordinates are padded grid units (cell i spans [i+1, i+2]).
 */
function staircase(ring: number[][], value: (gx: number, gy: number) => number): number[][] {
  const n = ring.length - 1; // d3 rings are closed
  const pts: number[][] = [];
  for (let k = 0; k < n; k++) {
    const p = ring[k];
    const q = ring[(k + 1) % n];
    pts.push(p);
    if (p[0] !== q[0] && p[1] !== q[1]) {
      const corner = Number.isInteger(p[0]) ? [p[0], q[1]] : [q[0], p[1]];
      const [X, Y] = corner;
      const a = value(X - 1, Y - 1);
      const b = value(X, Y - 1);
      const c = value(X - 1, Y);
      const d = value(X, Y);
      const saddle = a === d && b === c && a !== b;
      if (!saddle) pts.push(corner);
    }
  }
  const out: number[][] = [];
  const m = pts.length;
  for (let k = 0; k < m; k++) {
    const prev = pts[(k - 1 + m) % m];
    const p = pts[k];
    const next = pts[(k + 1) % m];
    const cross = (p[0] - prev[0]) * (next[1] - p[1]) - (p[1] - prev[1]) * (next[0] - p[0]);
    if (cross !== 0) out.push(p);
  }
  out.push(out[0]);
  return out;
}

/**
 * Labels the 4-connected regions of cells whose padded value is 1 (the gap cells): label[g] = region number
 * (1-based) of padded cell g, 0 elsewhere.
 */
function labelRegions(values: Float64Array, W: number, H: number): Int32Array {
  const label = new Int32Array(W * H);
  const stack: number[] = [];
  let next = 0;
  for (let g = 0; g < values.length; g++) {
    if (values[g] !== 1 || label[g] !== 0) continue;
    label[g] = ++next;
    stack.push(g);
    while (stack.length > 0) {
      const u = stack.pop() as number;
      const x = u % W;
      for (const v of [u - 1, u + 1, u - W, u + W]) {
        if (v < 0 || v >= values.length || values[v] !== 1 || label[v] !== 0) continue;
        if ((v === u - 1 && x === 0) || (v === u + 1 && x === W - 1)) continue;
        label[v] = next;
        stack.push(v);
      }
    }
  }
  return label;
}

/**
 * The region an outline encloses: the gap cell beside the first axis-parallel edge of its outer ring (an outer
 * edge has a gap cell on one side and none on the other). 0 when no such edge is found.
 */
function regionOf(outer: number[][], label: Int32Array, W: number, H: number): number {
  const at = (gx: number, gy: number) => (gx < 0 || gy < 0 || gx >= W || gy >= H ? 0 : label[gy * W + gx]);
  for (let k = 0; k + 1 < outer.length; k++) {
    const [x0, y0] = outer[k];
    const [x1, y1] = outer[k + 1];
    if (y0 === y1 && x0 !== x1) {
      const gx = Math.floor((x0 + x1) / 2);
      const r = at(gx, y0 - 1) || at(gx, y0);
      if (r) return r;
    } else if (x0 === x1 && y0 !== y1) {
      const gy = Math.floor((y0 + y1) / 2);
      const r = at(x0 - 1, gy) || at(x0, gy);
      if (r) return r;
    }
  }
  return 0;
}

/**
 * Connected uncovered regions of the county (cells inside the county, inside `mask` when given,
 * with count 0) as WGS84 lon/lat polygons with their holes, largest first.
 * Outlines follow the cell edges (4-connected regions; diagonal-only contacts stay separate). The outlines are
 * traced on the smallest window of the grid holding the uncovered cells, so the cost follows that window.
 * Rings follow RFC 7946 (outer counter-clockwise, holes clockwise); coordinates rounded to 1e-7°.
 * `areaKm2` is the gap's cell area scaled like {@link coverageStats}, so that with `minAreaKm2` = 0
 * the gaps add up to `uncoveredKm2` (the geodesic area of the polygon itself agrees within ~0.1 %).
 * Gaps smaller than `minAreaKm2` (km², default 0) are dropped. With `weight` (one value per grid cell, e.g. the
 * people per cell of a population raster), each gap carries `population`: the sum of the weights of its cells.
 */
export function gapPolygons(
  grid: CountyGrid,
  counts: CellCoverage,
  opts?: { mask?: Uint8Array; minAreaKm2?: number; weight?: ArrayLike<number> },
): Feature<Polygon, GapFeatureProps>[] {
  const { width, height, inside, originX, originY, cellSizeM: c, projection, code } = grid;
  const n = width * height;
  if (counts.length !== n)
    throw new RangeError(`gapPolygons(${code}): counts has ${counts.length} cells, grid has ${n}`);
  const mask = opts?.mask;
  if (mask && mask.length !== n)
    throw new RangeError(`gapPolygons(${code}): mask has ${mask.length} cells, grid has ${n}`);
  const weight = opts?.weight;
  if (weight && weight.length !== n)
    throw new RangeError(`gapPolygons(${code}): weight has ${weight.length} cells, grid has ${n}`);
  const minAreaKm2 = opts?.minAreaKm2 ?? 0;
  // the window of uncovered cells: tracing runs on it alone (a seat's urban disc is a small part of a county), with
  // one empty cell around it; contours are the same as on the whole grid, shifted by whole cells
  let i0 = width;
  let i1 = -1;
  let j0 = height;
  let j1 = -1;
  for (let j = 0; j < height; j++) {
    for (let i = 0, k = j * width; i < width; i++, k++) {
      if (inside[k] && counts[k] === 0 && (!mask || mask[k])) {
        if (i < i0) i0 = i;
        if (i > i1) i1 = i;
        if (j < j0) j0 = j;
        j1 = j;
      }
    }
  }
  if (i1 < 0) return [];
  const W = i1 - i0 + 3;
  const H = j1 - j0 + 3;
  const values = new Float64Array(W * H);
  for (let j = j0; j <= j1; j++) {
    for (let i = i0, k = j * width + i0; i <= i1; i++, k++) {
      if (inside[k] && counts[k] === 0 && (!mask || mask[k])) values[(j - j0 + 1) * W + i - i0 + 1] = 1;
    }
  }
  const value = (gx: number, gy: number) => (gx < 0 || gy < 0 || gx >= W || gy >= H ? 0 : values[gy * W + gx]);
  const [multi] = contours().size([W, H]).thresholds([0.5])(values as unknown as number[]);
  const scale = areaScale(grid);
  const toLonLat = (p: number[]): Position => {
    const [lon, lat] = projection.inverse(originX + (p[0] - 1 + i0) * c, originY + (p[1] - 1 + j0) * c);
    return [Math.round(lon * ROUND) / ROUND, Math.round(lat * ROUND) / ROUND];
  };
  const cellKm2 = (gx: number, gy: number): number => {
    if (typeof grid.cellAreaKm2 === "number") return grid.cellAreaKm2;
    const i = Math.min(width - 1, Math.max(0, Math.floor(gx - 1) + i0));
    const j = Math.min(height - 1, Math.max(0, Math.floor(gy - 1) + j0));
    return grid.cellAreaKm2[j * width + i];
  };
  // people per region: the sum of the weights of its cells
  let label: Int32Array | undefined;
  let regionWeight: Float64Array | undefined;
  if (weight) {
    label = labelRegions(values, W, H);
    let regions = 0;
    for (let g = 0; g < label.length; g++) if (label[g] > regions) regions = label[g];
    regionWeight = new Float64Array(regions + 1);
    // the window's labels at the window's positions (read at the whole grid's, a gap away from the grid's corner got
    // other cells' people: the trial, s44-b #1)
    for (let j = j0; j <= j1; j++)
      for (let i = i0; i <= i1; i++) {
        const r = label[(j - j0 + 1) * W + i - i0 + 1];
        if (r) regionWeight[r] += weight[j * width + i];
      }
  }
  const gaps: Array<{ rings: Position[][]; areaKm2: number; population?: number }> = [];
  for (const polygon of multi.coordinates) {
    const outline = polygon.map((ring) => staircase(ring, value));
    // the outline follows cell edges, so its area in grid units is its number of cells
    let cells = 0;
    outline.forEach((ring, r) => {
      const a = Math.abs(signedArea(ring));
      cells += r === 0 ? a : -a;
    });
    const areaKm2 = cells * cellKm2(outline[0][0][0], outline[0][0][1]) * scale;
    if (areaKm2 < minAreaKm2) continue;
    const rings = outline.map((ring, r) => {
      const ll = ring.map(toLonLat);
      if ((r === 0) !== signedArea(ll) > 0) ll.reverse();
      return ll;
    });
    let population: number | undefined;
    if (label && regionWeight) {
      const region = regionOf(outline[0], label, W, H);
      if (region === 0) throw new Error(`gapPolygons(${code}): a gap outline encloses no gap cell`);
      population = regionWeight[region];
    }
    gaps.push({ rings, areaKm2, ...(population !== undefined ? { population } : {}) });
  }
  gaps.sort((a, b) => b.areaKm2 - a.areaKm2);
  return gaps.map((g, k) => ({
    type: "Feature",
    geometry: { type: "Polygon", coordinates: g.rings },
    properties: {
      county: code,
      gapId: `${code}-gap-${k + 1}`,
      areaKm2: g.areaKm2,
      ...(g.population !== undefined ? { population: g.population } : {}),
    },
  }));
}
