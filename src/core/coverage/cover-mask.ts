import { tmScaleFactor } from "../geo";
import { paintSite } from "./cover-counts";
import { coversCell, edgeBandM, type GridInfo, gridInfo, type SiteFrame, siteFrame, windowInfo } from "./disc-test";
import { SiteStore } from "./site-store";
import type { CountyGrid, Site } from "./types";

/** A rectangle of cells, inclusive: columns i0..i1, rows j0..j1. */
export interface CellWindow {
  i0: number;
  j0: number;
  i1: number;
  j1: number;
}

/**
 * Cost model, in units of one cell painted by a disc walk (≈ 2.5 ns here): one cell of the distance
 * transform costs about 8 (two passes, the envelope and the classification), one cell of the band along
 * the union's edge decided by the exact test about 300 (measured on Nanyang grids, 250 m cells).
 */
const TRANSFORM_CELL_COST = 8;
const BAND_CELL_COST = 300;

/** Estimated cost of one disc walk per site: the cells of the discs (each padded by a cell), capped by the window. */
export function paintCost(sites: number, radiusM: number, cellSizeM: number, width: number, height: number): number {
  const rc = radiusM / cellSizeM + 1;
  return sites * Math.min(width * height, Math.PI * rc * rc);
}

/**
 * Estimated cost of the distance transform on a window of `width` × `height` cells: the passes, plus the band
 * of about two cells along the edge of the union of discs. For discs scattered over the window widened by a
 * radius (area A), the union's edge is about n·2πr·exp(−nπr²/A) long (the Boolean model's boundary length), so
 * the band vanishes once the discs overlap heavily; it is capped at a quarter of the window.
 */
export function transformCost(
  sites: number,
  radiusM: number,
  cellSizeM: number,
  width: number,
  height: number,
): number {
  const rc = radiusM / cellSizeM;
  const spread = (width + 2 * rc) * (height + 2 * rc);
  const edge = sites * 2 * Math.PI * (rc + 1) * Math.exp((-sites * Math.PI * rc * rc) / spread);
  return TRANSFORM_CELL_COST * width * height + BAND_CELL_COST * Math.min(2 * edge, (width * height) / 4);
}

const INF = 1 << 29;

/** Sites of one radius that may reach a window: their slots in the store and projected positions (m). */
interface Group {
  store: SiteStore;
  slots: Int32Array;
  xs: Float64Array;
  ys: Float64Array;
  /** Radius and edge band (m). */
  r: number;
  band: number;
}

/** Planar distance (m) beyond which no site of radius `r` covers a cell of `win` (scale correction included). */
function planarReach(grid: CountyGrid, rho2: number, win: CellWindow, r: number, band: number): number {
  const { originX: ox, cellSizeM: c } = grid;
  const maxAbsX = Math.max(Math.abs(ox + win.i0 * c), Math.abs(ox + (win.i1 + 1) * c));
  return (r + band) * tmScaleFactor(maxAbsX + 1.01 * (r + band) + 1, rho2) + 1;
}

/** Squared planar distance (m²) from (x, y) to the rectangle of the window's cell centres. */
function distanceToWindow2(grid: CountyGrid, win: CellWindow, x: number, y: number): number {
  const { originX: ox, originY: oy, cellSizeM: c } = grid;
  const x0 = ox + (win.i0 + 0.5) * c;
  const x1 = ox + (win.i1 + 0.5) * c;
  const y0 = oy + (win.j0 + 0.5) * c;
  const y1 = oy + (win.j1 + 0.5) * c;
  const dx = x < x0 ? x0 - x : x > x1 ? x - x1 : 0;
  const dy = y < y0 ? y0 - y : y > y1 ? y - y1 : 0;
  return dx * dx + dy * dy;
}

/** Quick reject in degrees, as {@link mayReach} for a site held in arrays. */
function mayReachAt(box: GridInfo, lon: number, lat: number, radiusKm: number): boolean {
  const dLat = radiusKm / 110.5 + 0.01;
  if (lat < box.minLat - dLat || lat > box.maxLat + dLat) return false;
  const latFar = Math.min(89, Math.max(Math.abs(box.minLat), Math.abs(box.maxLat)) + dLat);
  const dLon = radiusKm / (111.0 * Math.cos((latFar * Math.PI) / 180)) + 0.01;
  return lon >= box.minLon - dLon && lon <= box.maxLon + dLon;
}

/** The live sites of `store` that may cover a cell of `win`, grouped by radius, projected on the grid. */
function groupsFor(store: SiteStore, win: CellWindow): Group[] {
  const grid = store.grid;
  const info = gridInfo(grid);
  const whole = win.i0 === 0 && win.j0 === 0 && win.i1 === grid.width - 1 && win.j1 === grid.height - 1;
  const box = whole ? info : windowInfo(grid, win);
  const byRadius = new Map<number, { slots: number[]; reach2: number }>();
  const { lon, lat, radiusKm, alive, x, y } = store;
  for (let k = 0; k < store.length; k++) {
    if (!alive[k] || !mayReachAt(box, lon[k], lat[k], radiusKm[k])) continue;
    let g = byRadius.get(radiusKm[k]);
    if (!g) {
      const r = radiusKm[k] * 1000;
      const reach = planarReach(grid, info.rho2, win, r, edgeBandM(r));
      g = { slots: [], reach2: reach * reach };
      byRadius.set(radiusKm[k], g);
    }
    store.project(k);
    if (distanceToWindow2(grid, win, x[k], y[k]) <= g.reach2) g.slots.push(k);
  }
  const out: Group[] = [];
  for (const [radius, g] of byRadius) {
    if (g.slots.length === 0) continue;
    const slots = Int32Array.from(g.slots);
    const r = radius * 1000;
    const xs = new Float64Array(slots.length);
    const ys = new Float64Array(slots.length);
    slots.forEach((k, n) => {
      xs[n] = x[k];
      ys[n] = y[k];
    });
    out.push({ store, slots, xs, ys, r, band: edgeBandM(r) });
  }
  return out;
}

/**
 * The sites of a group in buckets on a square lattice of side `size` metres (compressed rows), for the
 * exact check of the cells the transform leaves undecided. Frames for the exact test are made on demand.
 */
class Buckets {
  readonly size: number;
  readonly x0: number;
  readonly y0: number;
  readonly nx: number;
  readonly ny: number;
  readonly start: Int32Array;
  readonly items: Int32Array;
  private readonly frames: Array<SiteFrame | undefined>;
  private readonly grid: CountyGrid;
  private readonly g: Group;

  constructor(grid: CountyGrid, g: Group, size: number) {
    this.grid = grid;
    this.g = g;
    const { xs, ys } = g;
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (let n = 0; n < xs.length; n++) {
      minX = Math.min(minX, xs[n]);
      maxX = Math.max(maxX, xs[n]);
      minY = Math.min(minY, ys[n]);
      maxY = Math.max(maxY, ys[n]);
    }
    this.size = size;
    this.x0 = minX;
    this.y0 = minY;
    this.nx = Math.floor((maxX - minX) / size) + 1;
    this.ny = Math.floor((maxY - minY) / size) + 1;
    const nb = this.nx * this.ny;
    const keys = new Int32Array(xs.length);
    this.start = new Int32Array(nb + 1);
    for (let n = 0; n < xs.length; n++) {
      keys[n] = Math.floor((ys[n] - minY) / size) * this.nx + Math.floor((xs[n] - minX) / size);
      this.start[keys[n] + 1]++;
    }
    for (let b = 0; b < nb; b++) this.start[b + 1] += this.start[b];
    const fill = this.start.slice(0, nb);
    this.items = new Int32Array(xs.length);
    for (let n = 0; n < xs.length; n++) this.items[fill[keys[n]]++] = n;
    this.frames = new Array(xs.length);
  }

  frame(n: number): SiteFrame {
    let f = this.frames[n];
    if (!f) {
      f = siteFrame(this.grid, gridInfo(this.grid), this.g.store.site(this.g.slots[n]));
      this.frames[n] = f;
    }
    return f;
  }

  /** Whether any site covers cell (i, j), by the exact disc test; only sites within `reach` (m) are tried. */
  anyCovers(i: number, j: number, reach: number): boolean {
    const { grid, size, x0, y0, nx, ny, start, items } = this;
    const { xs, ys } = this.g;
    const xc = grid.originX + (i + 0.5) * grid.cellSizeM;
    const yc = grid.originY + (j + 0.5) * grid.cellSizeM;
    const bx0 = Math.max(0, Math.floor((xc - reach - x0) / size));
    const bx1 = Math.min(nx - 1, Math.floor((xc + reach - x0) / size));
    const by0 = Math.max(0, Math.floor((yc - reach - y0) / size));
    const by1 = Math.min(ny - 1, Math.floor((yc + reach - y0) / size));
    const reach2 = reach * reach;
    for (let by = by0; by <= by1; by++) {
      for (let bx = bx0; bx <= bx1; bx++) {
        const b = by * nx + bx;
        for (let q = start[b]; q < start[b + 1]; q++) {
          const n = items[q];
          const dx = xs[n] - xc;
          const dy = ys[n] - yc;
          if (dx * dx + dy * dy > reach2) continue;
          if (coversCell(grid, this.frame(n), i, j)) return true;
        }
      }
    }
    return false;
  }
}

/**
 * Felzenszwalb–Huttenlocher lower envelope of parabolas: for q in [0, n), out[q] = min_p (q − p)² + f[p]
 * over the p with f[p] < INF (out[q] = INF when there is none). `v` and `z` are scratch of length n and n + 1.
 */
function envelope1d(f: Float64Array, n: number, out: Float64Array, v: Int32Array, z: Float64Array): void {
  let k = -1;
  for (let q = 0; q < n; q++) {
    const fq = f[q];
    if (fq >= INF) continue;
    if (k < 0) {
      k = 0;
      v[0] = q;
      z[0] = -Infinity;
      z[1] = Infinity;
      continue;
    }
    let p = v[k];
    let s = (fq + q * q - (f[p] + p * p)) / (2 * (q - p));
    // z[0] = −∞ stops the loop at k = 0
    while (s <= z[k]) {
      k--;
      p = v[k];
      s = (fq + q * q - (f[p] + p * p)) / (2 * (q - p));
    }
    k++;
    v[k] = q;
    z[k] = s;
    z[k + 1] = Infinity;
  }
  if (k < 0) {
    out.fill(INF, 0, n);
    return;
  }
  let m = 0;
  for (let q = 0; q < n; q++) {
    while (z[m + 1] < q) m++;
    const d = q - v[m];
    out[q] = d * d + f[v[m]];
  }
}

/**
 * Marks in `out` (IN PLACE, OR-ed) the cells of `win` covered by a site of the group, using an exact Euclidean
 * distance transform of the sites' cells (Felzenszwalb & Huttenlocher, "Distance transforms of sampled
 * functions", Theory of Computing 8, 2012).
 *
 * Each site is snapped to the centre of the cell it lies in, moving it by at most `delta` (≤ √2/2 cell); the
 * transform gives every cell its planar distance D to the nearest snapped site, so the nearest true site is
 * within [D − delta, D + delta]. A cell with D + delta ≤ r − band is surely covered (the planar radius of the
 * exact test is at least r − band), one with D − delta > (r + band)·kmax surely not (it is at most that).
 * The cells in between, a band about 2·delta wide along the edge of the union of discs, are decided by the
 * same exact test disc painting uses, against every site within reach. The result is therefore the same as
 * disc painting cell for cell, at a cost that grows with the window's area and the number of sites, not with
 * the discs' area.
 */
function transformGroup(grid: CountyGrid, g: Group, win: CellWindow, out: Uint8Array): void {
  const { originX: ox, originY: oy, cellSizeM: c, width } = grid;
  const info = gridInfo(grid);
  let u0 = win.i0;
  let u1 = win.i1;
  let v0 = win.j0;
  let v1 = win.j1;
  let delta = 0;
  const { xs, ys } = g;
  const cellI = new Int32Array(xs.length);
  const cellJ = new Int32Array(xs.length);
  for (let n = 0; n < xs.length; n++) {
    const i = Math.floor((xs[n] - ox) / c);
    const j = Math.floor((ys[n] - oy) / c);
    cellI[n] = i;
    cellJ[n] = j;
    if (i < u0) u0 = i;
    if (i > u1) u1 = i;
    if (j < v0) v0 = j;
    if (j > v1) v1 = j;
    const ex = xs[n] - (ox + (i + 0.5) * c);
    const ey = ys[n] - (oy + (j + 0.5) * c);
    delta = Math.max(delta, ex * ex + ey * ey);
  }
  delta = Math.sqrt(delta);
  delta += 1e-6;
  const dw = u1 - u0 + 1;
  const dh = v1 - v0 + 1;
  // pass 1, down the columns (row by row for memory order): cells to the nearest seed in the same column
  const gcol = new Int32Array(dw * dh).fill(INF);
  for (let n = 0; n < cellI.length; n++) gcol[(cellJ[n] - v0) * dw + (cellI[n] - u0)] = 0;
  for (let v = 1; v < dh; v++) {
    const row = v * dw;
    for (let u = 0; u < dw; u++) {
      const above = gcol[row - dw + u] + 1;
      if (above < gcol[row + u]) gcol[row + u] = above;
    }
  }
  for (let v = dh - 2; v >= 0; v--) {
    const row = v * dw;
    for (let u = 0; u < dw; u++) {
      const below = gcol[row + dw + u] + 1;
      if (below < gcol[row + u]) gcol[row + u] = below;
    }
  }
  // pass 2, along the rows of the window: the lower envelope gives the squared distance in cells²
  const f = new Float64Array(dw);
  const d2 = new Float64Array(dw);
  const vIdx = new Int32Array(dw);
  const z = new Float64Array(dw + 1);
  // every site and cell centre lies within [u0, u1 + 1] cells of the origin in x
  const kmax = tmScaleFactor(Math.max(Math.abs(ox + u0 * c), Math.abs(ox + (u1 + 1) * c)), info.rho2);
  const sureIn = g.r - g.band - delta;
  const sureOut = (g.r + g.band) * kmax + delta;
  const sureIn2 = sureIn > 0 ? (sureIn / c) * (sureIn / c) : -1;
  const sureOut2 = (sureOut / c) * (sureOut / c);
  const reach = (g.r + g.band) * kmax + 1;
  let buckets: Buckets | null = null;
  for (let j = win.j0; j <= win.j1; j++) {
    const row = (j - v0) * dw;
    for (let u = 0; u < dw; u++) {
      const gv = gcol[row + u];
      f[u] = gv >= INF ? INF : gv * gv;
    }
    envelope1d(f, dw, d2, vIdx, z);
    const base = j * width;
    for (let i = win.i0; i <= win.i1; i++) {
      const k = base + i;
      if (out[k]) continue;
      const d = d2[i - u0];
      if (d <= sureIn2) out[k] = 1;
      else if (d <= sureOut2) {
        buckets ??= new Buckets(grid, g, Math.max(c, reach / 4));
        if (buckets.anyCovers(i, j, reach)) out[k] = 1;
      }
    }
  }
}

/** How {@link coverMask} and {@link coverWindow} decide the cells: "auto" picks the cheaper method per radius. */
export type CoverMethod = "auto" | "transform" | "paint";

/**
 * Marks in `out` (IN PLACE) which cells of `win` the live sites of `store` cover: cells of the window are first
 * cleared, then set to 1 where some site covers the cell centre (geodesic, inclusive). Per radius, whichever
 * is cheaper (or as `method` says): one disc walk per site, or the distance transform of {@link transformGroup}.
 */
export function coverWindow(store: SiteStore, win: CellWindow, out: Uint8Array, method: CoverMethod = "auto"): void {
  const grid = store.grid;
  const { width, cellSizeM: c } = grid;
  for (let j = win.j0; j <= win.j1; j++) out.fill(0, j * width + win.i0, j * width + win.i1 + 1);
  const w = win.i1 - win.i0 + 1;
  const h = win.j1 - win.j0 + 1;
  for (const g of groupsFor(store, win)) {
    const n = g.slots.length;
    const paint =
      method === "paint" || (method === "auto" && paintCost(n, g.r, c, w, h) <= transformCost(n, g.r, c, w, h));
    if (paint) for (const k of g.slots) paintSite(grid, out, store.site(k), win);
    else transformGroup(grid, g, win, out);
  }
}

/**
 * Per cell of `grid`, 1 when some site covers its centre (geodesic distance ≤ radius, inclusive), else 0:
 * the same cells as `coverCounts(grid, sites)[k] > 0`, without counting. With many sites it uses an exact
 * Euclidean distance transform, whose cost grows with the grid's area and the number of sites, not with
 * the area of the discs; no count can overflow. All cells of the grid are marked, inside the county or
 * not. `opts.method` forces one method ("transform" or "paint"; default "auto", the cheaper).
 * Throws a RangeError naming a bad site.
 */
export function coverMask(grid: CountyGrid, sites: Site[], opts?: { method?: CoverMethod }): Uint8Array {
  const out = new Uint8Array(grid.width * grid.height);
  const store = SiteStore.of(grid, sites, `coverMask(${grid.code})`);
  coverWindow(store, { i0: 0, j0: 0, i1: grid.width - 1, j1: grid.height - 1 }, out, opts?.method);
  return out;
}
