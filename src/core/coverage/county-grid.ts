import type { Feature, MultiPolygon, Polygon, Position } from "geojson";
import {
  authalicAreaKm2,
  gaussianRadiusSquared,
  type LocalProjection,
  localTransverseMercator,
  tmScaleFactor,
} from "../geo";
import { DEFAULT_CELL_SIZE_M } from "./defaults";
import type { CountyGrid } from "./types";

export { DEFAULT_CELL_SIZE_M } from "./defaults";
/** Largest number of cells a grid may hold (guards against a wrong cell size or a world-sized polygon). */
export const MAX_GRID_CELLS = 40_000_000;

/** Projected rings of one polygon, each as interleaved x, y (m). */
type ProjectedPolygon = Float64Array[];

function polygonsOf(geom: Polygon | MultiPolygon): Position[][][] {
  if (geom.type === "Polygon") return [geom.coordinates];
  if (geom.type === "MultiPolygon") return geom.coordinates;
  throw new TypeError(`expected a Polygon or MultiPolygon, got ${(geom as { type?: unknown }).type}`);
}

function checkPosition(p: Position, where: string): void {
  if (!Number.isFinite(p[0]) || !Number.isFinite(p[1]) || Math.abs(p[1]) > 90) {
    throw new RangeError(`${where}: bad coordinate [${p[0]}, ${p[1]}]`);
  }
}

/** Projects every ring of `geom` with `projection`. */
export function projectPolygons(
  geom: Polygon | MultiPolygon,
  projection: LocalProjection,
  where: string,
): ProjectedPolygon[] {
  return polygonsOf(geom).map((rings) =>
    rings.map((ring) => {
      const out = new Float64Array(ring.length * 2);
      for (let k = 0; k < ring.length; k++) {
        const p = ring[k];
        checkPosition(p, where);
        const xy = projection.forward(p[0], p[1]);
        out[2 * k] = xy[0];
        out[2 * k + 1] = xy[1];
      }
      return out;
    }),
  );
}

/**
 * Even-odd scanline fill of each polygon (outer ring and holes), OR-ed across polygons, at cell centres.
 * Sets `out[index] = 1` for every cell whose centre lies inside; a centre exactly on an edge may go either way.
 */
export function fillPolygons(
  out: Uint8Array,
  dims: { width: number; height: number; originX: number; originY: number; cellSizeM: number },
  polygons: ProjectedPolygon[],
): void {
  polygonRuns(dims, polygons, (a, b) => out.fill(1, a, b + 1));
}

/**
 * The runs of {@link fillPolygons}: `visit(a, b)` for each run of cells a..b (indices, inclusive, in one row) whose
 * centres lie inside a polygon (even-odd within each polygon); runs of different polygons may overlap.
 */
export function polygonRuns(
  dims: { width: number; height: number; originX: number; originY: number; cellSizeM: number },
  polygons: ProjectedPolygon[],
  visit: (a: number, b: number) => void,
): void {
  const { width, height, originX, originY, cellSizeM: c } = dims;
  for (const rings of polygons) {
    let minY = Infinity;
    let maxY = -Infinity;
    for (const r of rings)
      for (let k = 1; k < r.length; k += 2) {
        if (r[k] < minY) minY = r[k];
        if (r[k] > maxY) maxY = r[k];
      }
    const j0 = Math.max(0, Math.ceil((minY - originY) / c - 0.5));
    const j1 = Math.min(height - 1, Math.ceil((maxY - originY) / c - 0.5) - 1);
    if (j1 < j0) continue;
    // each edge's crossings of the row centres it spans, gathered by row (a counting sort), then sorted per row;
    // the first pass keeps each edge's rows (a > b: none) for the second
    const nRows = j1 - j0 + 1;
    const start = new Int32Array(nRows + 1);
    let edges = 0;
    for (const r of rings) edges += r.length / 2;
    if (rowsA.length < edges) {
      rowsA = new Int32Array(2 * edges);
      rowsB = new Int32Array(2 * edges);
    }
    let e = 0;
    for (const r of rings) {
      const n = r.length / 2;
      for (let k = 0; k < n; k++, e++) {
        const y1 = r[2 * k + 1];
        const y2 = r[2 * ((k + 1) % n) + 1];
        rowsA[e] = 1;
        rowsB[e] = 0;
        if (y1 === y2) continue;
        const lo = Math.min(y1, y2);
        const hi = Math.max(y1, y2);
        // rows whose centre y is in [lo, hi)
        const a = Math.max(j0, Math.ceil((lo - originY) / c - 0.5));
        const b = Math.min(j1, Math.ceil((hi - originY) / c - 0.5) - 1);
        rowsA[e] = a;
        rowsB[e] = b;
        for (let j = a; j <= b; j++) start[j - j0 + 1]++;
      }
    }
    for (let t = 0; t < nRows; t++) start[t + 1] += start[t];
    if (xs.length < start[nRows]) xs = new Float64Array(2 * start[nRows]);
    const at = start.slice(0, nRows);
    e = 0;
    for (const r of rings) {
      const n = r.length / 2;
      for (let k = 0; k < n; k++, e++) {
        const a = rowsA[e];
        const b = rowsB[e];
        if (a > b) continue;
        const m = (k + 1) % n;
        const x1 = r[2 * k];
        const y1 = r[2 * k + 1];
        const slope = (r[2 * m] - x1) / (r[2 * m + 1] - y1);
        for (let j = a; j <= b; j++) {
          const yc = originY + (j + 0.5) * c;
          xs[at[j - j0]++] = x1 + (yc - y1) * slope;
        }
      }
    }
    for (let j = j0; j <= j1; j++) {
      const from = start[j - j0];
      const to = start[j - j0 + 1];
      if (to - from < 2) continue;
      const row = xs.subarray(from, to).sort();
      const base = j * width;
      for (let k = 0; k + 1 < row.length; k += 2) {
        const i0 = Math.max(0, Math.ceil((row[k] - originX) / c - 0.5));
        const i1 = Math.min(width - 1, Math.ceil((row[k + 1] - originX) / c - 0.5) - 1);
        if (i0 <= i1) visit(base + i0, base + i1);
      }
    }
  }
}

/** Scratch space for the row crossings of {@link fillPolygons} and each edge's rows (grown as needed). */
let xs = new Float64Array(1024);
let rowsA = new Int32Array(1024);
let rowsB = new Int32Array(1024);

/**
 * Builds the coverage grid of one county: a local transverse Mercator centred on the county's
 * longitude/latitude bounding box, cells of `cellSizeM` metres (default 250) covering the
 * projected bounding box, and an inside mask from a scanline fill at cell centres.
 * @throws on a non-polygon geometry, a missing code, bad coordinates or a bad cell size.
 */
export function buildCountyGrid(
  county: Feature<Polygon | MultiPolygon, { code: string }>,
  opts?: { cellSizeM?: number },
): CountyGrid {
  const code = county?.properties?.code;
  if (typeof code !== "string" || code === "")
    throw new TypeError("buildCountyGrid: county feature has no properties.code");
  const cellSizeM = opts?.cellSizeM ?? DEFAULT_CELL_SIZE_M;
  if (!Number.isFinite(cellSizeM) || cellSizeM <= 0)
    throw new RangeError(`buildCountyGrid(${code}): bad cellSizeM ${cellSizeM}`);
  const geom = county.geometry;
  const where = `buildCountyGrid(${code})`;
  let minLon = Infinity;
  let maxLon = -Infinity;
  let minLat = Infinity;
  let maxLat = -Infinity;
  for (const rings of polygonsOf(geom))
    for (const ring of rings)
      for (const p of ring) {
        checkPosition(p, where);
        minLon = Math.min(minLon, p[0]);
        maxLon = Math.max(maxLon, p[0]);
        minLat = Math.min(minLat, p[1]);
        maxLat = Math.max(maxLat, p[1]);
      }
  if (!(minLon <= maxLon)) throw new RangeError(`${where}: empty geometry`);
  const projection = localTransverseMercator((minLon + maxLon) / 2, (minLat + maxLat) / 2);
  const projected = projectPolygons(geom, projection, where);
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (const rings of projected)
    for (const r of rings)
      for (let k = 0; k < r.length; k += 2) {
        minX = Math.min(minX, r[k]);
        maxX = Math.max(maxX, r[k]);
        minY = Math.min(minY, r[k + 1]);
        maxY = Math.max(maxY, r[k + 1]);
      }
  const width = Math.max(1, Math.ceil((maxX - minX) / cellSizeM));
  const height = Math.max(1, Math.ceil((maxY - minY) / cellSizeM));
  if (width * height > MAX_GRID_CELLS) {
    throw new RangeError(`${where}: ${width}×${height} cells exceeds ${MAX_GRID_CELLS}; use a larger cellSizeM`);
  }
  const dims = { width, height, originX: minX, originY: minY, cellSizeM };
  const inside = new Uint8Array(width * height);
  let insideCount = 0;
  // one polygon's runs are disjoint, so their lengths add up to the count; parts of a multipolygon may overlap
  polygonRuns(dims, projected, (a, b) => {
    inside.fill(1, a, b + 1);
    insideCount += b - a + 1;
  });
  if (projected.length > 1) {
    insideCount = 0;
    for (let k = 0; k < inside.length; k++) insideCount += inside[k];
  }
  return {
    code,
    ...dims,
    projection,
    inside,
    cellAreaKm2: cellAreas(dims, (minLat + maxLat) / 2),
    insideCount,
    areaKm2: authalicAreaKm2(geom),
  };
}

/** Scale-corrected cell areas: (c/k)² with the TM point scale k at the cell centre's easting. */
function cellAreas(
  dims: { width: number; height: number; originX: number; cellSizeM: number },
  lat0: number,
): number | Float32Array {
  const { width, height, originX, cellSizeM: c } = dims;
  const rho2 = gaussianRadiusSquared(lat0);
  const nominal = (c * c) / 1e6;
  const byColumn = new Float64Array(width);
  let worst = 0;
  for (let i = 0; i < width; i++) {
    const k = tmScaleFactor(originX + (i + 0.5) * c, rho2);
    byColumn[i] = nominal / (k * k);
    worst = Math.max(worst, Math.abs(1 / (k * k) - 1));
  }
  if (worst < 1e-4) return nominal;
  const out = new Float32Array(width * height);
  for (let j = 0; j < height; j++) out.set(byColumn, j * width);
  return out;
}

/**
 * 1 where the cell centre is inside any of `polygons` (lon/lat, even-odd within each polygon) and
 * inside the county; 0 elsewhere. A new array; inputs are not modified.
 */
export function rasterizeMask(grid: CountyGrid, polygons: Array<Polygon | MultiPolygon>): Uint8Array {
  return urbanRuralMasks(grid, polygons).urban;
}

/**
 * The county's cells split by `polygons` (lon/lat): `urban` is {@link rasterizeMask}, `rural` the county's other
 * cells. Copied and cleared run by run (no pass over every cell). New arrays; inputs are not modified.
 */
export function urbanRuralMasks(
  grid: CountyGrid,
  polygons: Array<Polygon | MultiPolygon>,
): { urban: Uint8Array; rural: Uint8Array } {
  const urban = new Uint8Array(grid.width * grid.height);
  const rural = grid.inside.slice();
  polygons.forEach((geom, n) => {
    const projected = projectPolygons(geom, grid.projection, `rasterizeMask(${grid.code}) polygon ${n}`);
    polygonRuns(grid, projected, (a, b) => {
      urban.set(grid.inside.subarray(a, b + 1), a);
      rural.fill(0, a, b + 1);
    });
  });
  return { urban, rural };
}
