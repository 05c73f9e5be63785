import type { MinHeap } from "./heap";
import type { RoadNetwork } from "./types";

/** Where a site joins the road network: the nearest point of the nearest edge. */
export interface SiteEntry {
  edge: number;
  /** Position along the edge, metres from its first node. */
  offsetM: number;
  /** Minutes of the off-road leg from the site to that point. */
  minutes: number;
}

/** Labels of a multi-source search; `owner` is the index of the source (site) a label comes from, -1 for none. */
export interface Labels {
  time: Float64Array;
  owner: Int32Array;
}

/** Off-road minutes per metre at `kmh`. */
export function minutesPerMetre(kmh: number): number {
  return 60 / (kmh * 1000);
}

function pointSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number): [number, number] {
  const dx = bx - ax;
  const dy = by - ay;
  const l2 = dx * dx + dy * dy;
  let t = l2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / l2 : 0;
  if (t < 0) t = 0;
  else if (t > 1) t = 1;
  return [t, Math.hypot(px - (ax + t * dx), py - (ay + t * dy))];
}

/**
 * The nearest point of the network to (x, y) in projected metres (exact: candidates come from the edge
 * index by box distance until no box can hold a nearer edge), or null for an empty network.
 */
export function snapToNetwork(net: RoadNetwork, x: number, y: number): SiteEntry | null {
  const nEdges = net.edgeA.length;
  if (nEdges === 0) return null;
  const take = Math.min(nEdges, 16);
  let best = -1;
  let bestT = 0;
  let bestD = Infinity;
  const consider = (e: number) => {
    const a = net.edgeA[e];
    const b = net.edgeB[e];
    const [t, d] = pointSegment(x, y, net.nodeX[a], net.nodeY[a], net.nodeX[b], net.nodeY[b]);
    if (d < bestD) {
      bestD = d;
      best = e;
      bestT = t;
    }
  };
  const near = net.edgeIndex.neighbors(x, y, take);
  for (const e of near) consider(e);
  if (near.length === take && take < nEdges) {
    // boxes are no farther than their edges: any edge nearer than bestD has a box within bestD
    for (const e of net.edgeIndex.search(x - bestD, y - bestD, x + bestD, y + bestD)) consider(e);
  }
  return { edge: best, offsetM: bestT * net.edgeLengthM[best], minutes: bestD * minutesPerMetre(net.offroadKmh) };
}

/** Minutes from an entry to each end of its edge: [to edgeA, to edgeB]. */
export function entryToEnds(net: RoadNetwork, entry: SiteEntry): [number, number] {
  const e = entry.edge;
  const perM = net.edgeMinutes[e] / (net.edgeLengthM[e] || 1);
  return [entry.minutes + entry.offsetM * perM, entry.minutes + (net.edgeLengthM[e] - entry.offsetM) * perM];
}

/** Offers `time` from `owner` to node `u`; pushes it when it improves the label. */
export function offerNode(labels: Labels, heap: MinHeap, u: number, time: number, owner: number): void {
  if (time < labels.time[u]) {
    labels.time[u] = time;
    labels.owner[u] = owner;
    heap.push(time, u);
  }
}

/**
 * Dijkstra over the road graph from whatever the heap holds, improving labels only. Stops when the
 * smallest key exceeds `limit` (minutes). `touched`, when given, receives every node whose label changed.
 */
export function runNetwork(
  net: RoadNetwork,
  labels: Labels,
  heap: MinHeap,
  limit = Infinity,
  touched?: number[],
): void {
  const { adjStart, adjEdge, edgeA, edgeB, edgeMinutes } = net;
  const { time, owner } = labels;
  while (heap.size > 0) {
    const k = heap.peekKey();
    const u = heap.pop();
    if (k > time[u]) continue;
    if (k > limit) break;
    const o = owner[u];
    for (let p = adjStart[u]; p < adjStart[u + 1]; p++) {
      const e = adjEdge[p];
      const v = edgeA[e] === u ? edgeB[e] : edgeA[e];
      const t = k + edgeMinutes[e];
      if (t < time[v]) {
        if (touched && time[v] === Infinity) touched.push(v);
        time[v] = t;
        owner[v] = o;
        heap.push(t, v);
      }
    }
  }
  heap.clear();
}

/** Entries of sites keyed by the edge they lie on. */
export type EntriesByEdge = Map<number, Array<{ site: number; entry: SiteEntry }>>;

/** Groups site entries by edge. */
export function entriesByEdge(entries: ReadonlyArray<SiteEntry | null>): EntriesByEdge {
  const byEdge: EntriesByEdge = new Map();
  entries.forEach((entry, site) => {
    if (!entry) return;
    const list = byEdge.get(entry.edge);
    if (list) list.push({ site, entry });
    else byEdge.set(entry.edge, [{ site, entry }]);
  });
  return byEdge;
}

/**
 * What an off-road leg can start from. Seed ids: 0 … nEdges − 1 are road edges (leave the edge at the best
 * point), nEdges + k is site k itself (walk straight from the site).
 */
export interface SeedContext {
  net: RoadNetwork;
  nodes: Labels;
  entries: EntriesByEdge;
  /** 1 for edges with a site entry on them. */
  hasEntry: Uint8Array;
  siteX: Float64Array;
  siteY: Float64Array;
  /** Off-road minutes per metre. */
  m: number;
}

/** The context of seed evaluations for the given node labels, entries and site positions. */
export function seedContext(
  net: RoadNetwork,
  nodes: Labels,
  entries: ReadonlyArray<SiteEntry | null>,
  siteX: Float64Array,
  siteY: Float64Array,
): SeedContext {
  const byEdge = entriesByEdge(entries);
  const hasEntry = new Uint8Array(net.edgeA.length);
  for (const e of byEdge.keys()) hasEntry[e] = 1;
  return { net, nodes, entries: byEdge, hasEntry, siteX, siteY, m: minutesPerMetre(net.offroadKmh) };
}

/** Owner (site index) of the last {@link seedTime} result; -1 when unreachable. */
export let seedOwner = -1;

/**
 * Least time over a convex piece of an edge: arrive at along-edge position `sBase` at `tBase` minutes,
 * drive towards increasing s (`dir` = 1) or decreasing s (`dir` = -1) at `k` minutes per metre over
 * [lo, hi], then go off-road at `m` minutes per metre to a point whose foot on the edge's line is `sp`, at
 * perpendicular distance `d`. The best departure point is where the leg meets the road at the angle θ from
 * the perpendicular with sin θ = k / m, i.e. s* = sp − dir·d·tan θ, clamped to [lo, hi].
 */
function pieceTime(
  tBase: number,
  sBase: number,
  dir: number,
  lo: number,
  hi: number,
  k: number,
  m: number,
  tan: number,
  sp: number,
  d: number,
): number {
  let s: number;
  if (tan < 0) s = dir > 0 ? lo : hi;
  else {
    s = sp - dir * d * tan;
    if (s < lo) s = lo;
    else if (s > hi) s = hi;
  }
  const ds = s - sp;
  return tBase + k * dir * (s - sBase) + m * Math.sqrt(ds * ds + d * d);
}

/** Minutes from the nearest site to (x, y) by way of seed `seed` (see {@link SeedContext}); sets {@link seedOwner}. */
export function seedTime(ctx: SeedContext, seed: number, x: number, y: number): number {
  const { net, nodes, m } = ctx;
  const nEdges = net.edgeA.length;
  if (seed >= nEdges) {
    const site = seed - nEdges;
    seedOwner = site;
    const dx = x - ctx.siteX[site];
    const dy = y - ctx.siteY[site];
    return m * Math.sqrt(dx * dx + dy * dy);
  }
  const a = net.edgeA[seed];
  const b = net.edgeB[seed];
  const ax = net.nodeX[a];
  const ay = net.nodeY[a];
  const L = net.edgeLengthM[seed];
  const ta = nodes.time[a];
  const tb = nodes.time[b];
  if (L === 0) {
    const dx = x - ax;
    const dy = y - ay;
    seedOwner = ta <= tb ? nodes.owner[a] : nodes.owner[b];
    return Math.min(ta, tb) + m * Math.sqrt(dx * dx + dy * dy);
  }
  const ux = net.edgeUx[seed];
  const uy = net.edgeUy[seed];
  const sp = (x - ax) * ux + (y - ay) * uy;
  const dPerp = (x - ax) * uy - (y - ay) * ux;
  const d = dPerp < 0 ? -dPerp : dPerp;
  const k = net.edgeMinutes[seed] / L;
  const tan = net.edgeTan[seed];
  let best = Infinity;
  let owner = -1;
  if (ta < Infinity) {
    best = pieceTime(ta, 0, 1, 0, L, k, m, tan, sp, d);
    owner = nodes.owner[a];
  }
  if (tb < Infinity) {
    const t = pieceTime(tb, L, -1, 0, L, k, m, tan, sp, d);
    if (t < best) {
      best = t;
      owner = nodes.owner[b];
    }
  }
  if (ctx.hasEntry[seed]) {
    for (const { site, entry } of ctx.entries.get(seed) ?? []) {
      const t = Math.min(
        pieceTime(entry.minutes, entry.offsetM, 1, entry.offsetM, L, k, m, tan, sp, d),
        pieceTime(entry.minutes, entry.offsetM, -1, 0, entry.offsetM, k, m, tan, sp, d),
      );
      if (t < best) {
        best = t;
        owner = site;
      }
    }
  }
  seedOwner = owner;
  return best;
}

/** A lower bound on {@link seedTime} of `seed` anywhere: the earliest time the edge (or site) is reached. */
export function seedLowerBound(ctx: SeedContext, seed: number): number {
  const { net, nodes } = ctx;
  if (seed >= net.edgeA.length) return 0;
  let lb = Math.min(nodes.time[net.edgeA[seed]], nodes.time[net.edgeB[seed]]);
  if (ctx.hasEntry[seed]) for (const { entry } of ctx.entries.get(seed) ?? []) lb = Math.min(lb, entry.minutes);
  return lb;
}

/**
 * Offers seed `seed` to the 3×3 cells around (x, y) (clamped to the grid); pushes improved cells.
 * `touched` receives cells whose label changed from ∞.
 */
export function injectSeed(
  ctx: SeedContext,
  seed: number,
  x: number,
  y: number,
  cells: Labels,
  cellSeed: Int32Array,
  heap: MinHeap,
  limit = Infinity,
  touched?: number[],
): void {
  const { originX, originY, cellSizeM: c, width, height } = ctx.net.grid;
  const lb = seedLowerBound(ctx, seed);
  if (lb > limit) return;
  const ci = Math.min(width - 1, Math.max(0, Math.floor((x - originX) / c)));
  const cj = Math.min(height - 1, Math.max(0, Math.floor((y - originY) / c)));
  for (let j = Math.max(0, cj - 1); j <= Math.min(height - 1, cj + 1); j++) {
    const yc = originY + (j + 0.5) * c;
    for (let i = Math.max(0, ci - 1); i <= Math.min(width - 1, ci + 1); i++) {
      const k = j * width + i;
      if (lb >= cells.time[k]) continue;
      const t = seedTime(ctx, seed, originX + (i + 0.5) * c, yc);
      if (t < cells.time[k] && t <= limit) {
        if (touched && cells.time[k] === Infinity) touched.push(k);
        cells.time[k] = t;
        cells.owner[k] = seedOwner;
        cellSeed[k] = seed;
        heap.push(t, k);
      }
    }
  }
}

/**
 * Offers seed `seed` to cell `k` (evaluated at its centre); pushes the cell when it improves. `touched` receives the
 * cell when its label changed from ∞.
 */
export function offerCell(
  ctx: SeedContext,
  seed: number,
  k: number,
  lb: number,
  cells: Labels,
  cellSeed: Int32Array,
  heap: MinHeap,
  limit = Infinity,
  touched?: number[],
): void {
  if (lb >= cells.time[k]) return;
  const { originX, originY, cellSizeM: c, width } = ctx.net.grid;
  const i = k % width;
  const j = (k - i) / width;
  const t = seedTime(ctx, seed, originX + (i + 0.5) * c, originY + (j + 0.5) * c);
  if (t < cells.time[k] && t <= limit) {
    if (touched && cells.time[k] === Infinity) touched.push(k);
    cells.time[k] = t;
    cells.owner[k] = seedOwner;
    cellSeed[k] = seed;
    heap.push(t, k);
  }
}

/** Offers edge `e` to its cells (the 3 × 3 cells around each of its departure samples; see {@link injectSeed}). */
export function injectEdge(
  ctx: SeedContext,
  e: number,
  cells: Labels,
  cellSeed: Int32Array,
  heap: MinHeap,
  limit = Infinity,
  touched?: number[],
): void {
  const { net } = ctx;
  const lb = seedLowerBound(ctx, e);
  if (lb > limit) return;
  for (let p = net.edgeCellStart[e]; p < net.edgeCellStart[e + 1]; p++)
    offerCell(ctx, e, net.edgeCells[p], lb, cells, cellSeed, heap, limit, touched);
}

/**
 * Edges still to be injected, in increasing order of their lower bound: an edge is injected only when
 * the search reaches its lower bound, so edges that cannot improve any cell cost one comparison per cell.
 */
export interface PendingEdges {
  order: Int32Array;
  lowerBound: Float64Array;
  next: number;
}

/** Orders `edges` (all when omitted) by their lower bound; unreachable edges are left out. */
export function pendingEdges(ctx: SeedContext, edges?: ArrayLike<number>): PendingEdges {
  const n = ctx.net.edgeA.length;
  const lowerBound = new Float64Array(n);
  const list: number[] = [];
  const m = edges ? edges.length : n;
  for (let q = 0; q < m; q++) {
    const e = edges ? edges[q] : q;
    lowerBound[e] = seedLowerBound(ctx, e);
    if (lowerBound[e] < Infinity) list.push(e);
  }
  list.sort((a, b) => lowerBound[a] - lowerBound[b]);
  return { order: Int32Array.from(list), lowerBound, next: 0 };
}

const DI = [1, -1, 0, 0, 1, 1, -1, -1];
const DJ = [0, 0, 1, -1, 1, -1, 1, -1];

/**
 * Off-road propagation over the grid (8 neighbours), improving only: each cell carries the seed (edge or
 * site) that gave its time, and offers that seed to its neighbours, evaluated exactly at the neighbour's
 * centre. Stops at `limit` minutes. `touched` receives cells whose label changed from ∞.
 */
export function runRaster(
  ctx: SeedContext,
  cells: Labels,
  cellSeed: Int32Array,
  heap: MinHeap,
  limit = Infinity,
  touched?: number[],
  pending?: PendingEdges,
): void {
  const { originX, originY, cellSizeM: c, width, height } = ctx.net.grid;
  const { time, owner } = cells;
  for (;;) {
    if (pending && pending.next < pending.order.length) {
      const e = pending.order[pending.next];
      if (heap.size === 0 || pending.lowerBound[e] <= heap.peekKey()) {
        pending.next++;
        if (pending.lowerBound[e] > limit) pending.next = pending.order.length;
        else injectEdge(ctx, e, cells, cellSeed, heap, limit, touched);
        continue;
      }
    }
    if (heap.size === 0) break;
    const key = heap.peekKey();
    const k = heap.pop();
    if (key > time[k]) continue;
    if (key > limit) break;
    const s = cellSeed[k];
    const i0 = k % width;
    const j0 = (k - i0) / width;
    for (let d = 0; d < 8; d++) {
      const i = i0 + DI[d];
      const j = j0 + DJ[d];
      if (i < 0 || j < 0 || i >= width || j >= height) continue;
      const n = j * width + i;
      const t = seedTime(ctx, s, originX + (i + 0.5) * c, originY + (j + 0.5) * c);
      if (t < time[n] && t <= limit) {
        if (touched && time[n] === Infinity) touched.push(n);
        time[n] = t;
        owner[n] = seedOwner;
        cellSeed[n] = s;
        heap.push(t, n);
      }
    }
  }
  heap.clear();
}
