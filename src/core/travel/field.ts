import { MinHeap } from "./heap";
import {
  entryToEnds,
  injectSeed,
  type Labels,
  offerCell,
  offerNode,
  pendingEdges,
  runNetwork,
  runRaster,
  type SiteEntry,
  seedContext,
  seedLowerBound,
  snapToNetwork,
} from "./search";
import type { RoadNetwork, TravelSite } from "./types";

/**
 * Travel time from the nearest site to every cell of a county grid, with the search state that
 * {@link moveSite} updates. Plain typed arrays, so the whole object can cross a worker boundary.
 */
export interface TravelTimeField {
  network: RoadNetwork;
  sites: TravelSite[];
  /** Minutes from the nearest site to each cell centre (grid indexing); Infinity when there is no site. */
  minutes: Float32Array;
  /** Index into `sites` of the site each cell is nearest to in time; -1 when none. */
  site: Int32Array;
  /** Search state (minutes in float64), kept for incremental updates. */
  state: {
    nodes: Labels;
    cells: Labels;
    /** Seed of each cell: an edge index, or edge count + site index; -1 when none. */
    cellSeed: Int32Array;
    entries: Array<SiteEntry | null>;
    siteX: Float64Array;
    siteY: Float64Array;
  };
}

function checkSite(s: TravelSite, k: number, where: string): void {
  if (!Number.isFinite(s.lon) || Math.abs(s.lon) > 180)
    throw new RangeError(`${where}: sites[${k}].lon must be a longitude, got ${s.lon}`);
  if (!Number.isFinite(s.lat) || Math.abs(s.lat) > 90)
    throw new RangeError(`${where}: sites[${k}].lat must be a latitude, got ${s.lat}`);
}

function emptyLabels(n: number): Labels {
  return { time: new Float64Array(n).fill(Infinity), owner: new Int32Array(n).fill(-1) };
}

function copyLabels(l: Labels): Labels {
  return { time: l.time.slice(), owner: l.owner.slice() };
}

function offerEntry(net: RoadNetwork, nodes: Labels, heap: MinHeap, entry: SiteEntry | null, site: number): void {
  if (!entry) return;
  const [ta, tb] = entryToEnds(net, entry);
  offerNode(nodes, heap, net.edgeA[entry.edge], ta, site);
  offerNode(nodes, heap, net.edgeB[entry.edge], tb, site);
}

function finish(field: Omit<TravelTimeField, "minutes" | "site">): TravelTimeField {
  const { time, owner } = field.state.cells;
  return { ...field, minutes: new Float32Array(time), site: new Int32Array(owner) };
}

/**
 * Travel time from the nearest of `sites` to the centre of every cell of the network's grid.
 *
 * Method (see docs/travel-time.md): each site goes off-road in a straight line to the nearest point of
 * the road network; a Dijkstra search over the road graph gives the exact driving time to every node;
 * the off-road leg to a cell centre leaves an edge at its best point (where sin θ = v_off / v_road) or
 * starts at the site itself, and the best edge for each cell is found by seed propagation over the
 * grid's 8-neighbour lattice, starting from departure samples every `sampleSpacingM` along each edge.
 * Minutes are stored per cell in a Float32Array (Infinity when there is no site).
 */
export function computeTravelTime(net: RoadNetwork, sites: ReadonlyArray<TravelSite>): TravelTimeField {
  const where = `computeTravelTime(${net.grid.code})`;
  sites.forEach((s, k) => {
    checkSite(s, k, where);
  });
  const { grid } = net;
  const nEdges = net.edgeA.length;
  const heap = new MinHeap(4096);
  const nodes = emptyLabels(net.nodeX.length);
  const entries: Array<SiteEntry | null> = [];
  const siteX = new Float64Array(sites.length);
  const siteY = new Float64Array(sites.length);
  sites.forEach((s, k) => {
    [siteX[k], siteY[k]] = grid.projection.forward(s.lon, s.lat);
    const entry = snapToNetwork(net, siteX[k], siteY[k]);
    entries.push(entry);
    offerEntry(net, nodes, heap, entry, k);
  });
  runNetwork(net, nodes, heap);
  const ctx = seedContext(net, nodes, entries, siteX, siteY);
  const nCells = grid.width * grid.height;
  const cells = emptyLabels(nCells);
  const cellSeed = new Int32Array(nCells).fill(-1);
  for (let k = 0; k < sites.length; k++) injectSeed(ctx, nEdges + k, siteX[k], siteY[k], cells, cellSeed, heap);
  runRaster(ctx, cells, cellSeed, heap, Infinity, undefined, pendingEdges(ctx));
  return finish({ network: net, sites: sites.slice(), state: { nodes, cells, cellSeed, entries, siteX, siteY } });
}

/** Options of {@link moveSite}. */
export interface MoveSiteOptions {
  /**
   * Update `field` in place and return it (no copy of the per-cell arrays: the drag path of the app). Default false:
   * the input field is left as it was and a new one is returned.
   */
  mutate?: boolean;
}

/** Work arrays reused across moves on one network (all zero between calls). */
interface Scratch {
  cleared: Uint8Array;
  changedEdge: Uint8Array;
  nodeTime: Float64Array;
}
const scratchByNetwork = new WeakMap<RoadNetwork, Scratch>();

function scratchOf(net: RoadNetwork): Scratch {
  let s = scratchByNetwork.get(net);
  if (!s) {
    s = {
      cleared: new Uint8Array(net.grid.width * net.grid.height),
      changedEdge: new Uint8Array(net.edgeA.length),
      nodeTime: new Float64Array(net.nodeX.length),
    };
    scratchByNetwork.set(net, s);
  }
  return s;
}

/**
 * The field after moving site `siteIndex` to (lon, lat), by a bounded repair instead of a full search:
 * the road nodes and cells the site served are cleared and refilled from their neighbours and from the
 * site's new position; the rest is untouched. Road-node times come out exactly as from a fresh
 * {@link computeTravelTime}; cell times agree with a fresh compute up to the seed-propagation tolerance
 * stated in docs/travel-time.md. The input field is not modified unless `opts.mutate` is set, in which case
 * it is updated in place (no per-cell array is copied) and returned.
 */
export function moveSite(
  field: TravelTimeField,
  siteIndex: number,
  lon: number,
  lat: number,
  opts: MoveSiteOptions = {},
): TravelTimeField {
  const net = field.network;
  const where = `moveSite(${net.grid.code})`;
  if (!Number.isInteger(siteIndex) || siteIndex < 0 || siteIndex >= field.sites.length)
    throw new RangeError(`${where}: no site ${siteIndex}`);
  const moved = { ...field.sites[siteIndex], lon, lat };
  checkSite(moved, siteIndex, where);
  const mutate = opts.mutate === true;
  const sites = mutate ? field.sites : field.sites.slice();
  sites[siteIndex] = moved;
  const { grid } = net;
  const nEdges = net.edgeA.length;
  const heap = new MinHeap(4096);
  const old = field.state;
  const s = siteIndex;
  const scratch = scratchOf(net);

  // road graph: clear what s served, refill from the boundary, every entry and s's new entry
  const nodes = mutate ? old.nodes : copyLabels(old.nodes);
  const nodeTimeBefore = scratch.nodeTime;
  nodeTimeBefore.set(old.nodes.time);
  const cleared: number[] = [];
  for (let u = 0; u < nodes.time.length; u++) {
    if (nodes.owner[u] !== s) continue;
    nodes.time[u] = Infinity;
    nodes.owner[u] = -1;
    cleared.push(u);
  }
  for (const u of cleared) {
    for (let p = net.adjStart[u]; p < net.adjStart[u + 1]; p++) {
      const e = net.adjEdge[p];
      const v = net.edgeA[e] === u ? net.edgeB[e] : net.edgeA[e];
      if (nodes.time[v] < Infinity) heap.push(nodes.time[v], v);
    }
  }
  const entries = mutate ? old.entries : old.entries.slice();
  const siteX = mutate ? old.siteX : old.siteX.slice();
  const siteY = mutate ? old.siteY : old.siteY.slice();
  [siteX[s], siteY[s]] = grid.projection.forward(lon, lat);
  const oldEdge = entries[s]?.edge ?? -1;
  entries[s] = snapToNetwork(net, siteX[s], siteY[s]);
  entries.forEach((entry, k) => {
    offerEntry(net, nodes, heap, entry, k);
  });
  runNetwork(net, nodes, heap);
  const ctx = seedContext(net, nodes, entries, siteX, siteY);

  // edges whose end times changed (or that carry the site's old or new entry) are searched again in full
  const changedEdge = scratch.changedEdge;
  const changedEdges: number[] = [];
  const markEdgesOf = (u: number) => {
    for (let p = net.adjStart[u]; p < net.adjStart[u + 1]; p++) {
      const e = net.adjEdge[p];
      if (changedEdge[e]) continue;
      changedEdge[e] = 1;
      changedEdges.push(e);
    }
  };
  for (let u = 0; u < nodes.time.length; u++) if (nodes.time[u] !== nodeTimeBefore[u]) markEdgesOf(u);
  for (const e of [oldEdge, entries[s]?.edge ?? -1]) {
    if (e < 0 || changedEdge[e]) continue;
    changedEdge[e] = 1;
    changedEdges.push(e);
  }

  // cells: clear those s served, refill from the boundary, the unchanged edges offered to them, and the sites
  const cells = mutate ? old.cells : copyLabels(old.cells);
  const cellSeed = mutate ? old.cellSeed : old.cellSeed.slice();
  const { width, height, originX, originY, cellSizeM: c } = grid;
  const clearedCell = scratch.cleared;
  const clearedCells: number[] = [];
  for (let k = 0; k < cellSeed.length; k++) {
    if (cells.owner[k] !== s) continue;
    cells.time[k] = Infinity;
    cells.owner[k] = -1;
    cellSeed[k] = -1;
    clearedCell[k] = 1;
    clearedCells.push(k);
  }
  for (const k of clearedCells) {
    const i0 = k % width;
    const j0 = (k - i0) / width;
    for (let j = Math.max(0, j0 - 1); j <= Math.min(height - 1, j0 + 1); j++)
      for (let i = Math.max(0, i0 - 1); i <= Math.min(width - 1, i0 + 1); i++) {
        const n = j * width + i;
        if (!clearedCell[n] && cells.time[n] < Infinity) heap.push(cells.time[n], n);
      }
    for (let p = net.cellEdgeStart[k]; p < net.cellEdgeStart[k + 1]; p++) {
      const e = net.cellEdges[p];
      if (!changedEdge[e]) offerCell(ctx, e, k, seedLowerBound(ctx, e), cells, cellSeed, heap);
    }
  }
  const nearCleared = (x: number, y: number): boolean => {
    const i0 = Math.floor((x - originX) / c);
    const j0 = Math.floor((y - originY) / c);
    for (let j = Math.max(0, j0 - 1); j <= Math.min(height - 1, j0 + 1); j++)
      for (let i = Math.max(0, i0 - 1); i <= Math.min(width - 1, i0 + 1); i++)
        if (clearedCell[j * width + i]) return true;
    return false;
  };
  for (let k = 0; k < sites.length; k++) {
    if (k === s || nearCleared(siteX[k], siteY[k]))
      injectSeed(ctx, nEdges + k, siteX[k], siteY[k], cells, cellSeed, heap);
  }
  runRaster(ctx, cells, cellSeed, heap, Infinity, undefined, pendingEdges(ctx, changedEdges));
  for (const k of clearedCells) clearedCell[k] = 0;
  for (const e of changedEdges) changedEdge[e] = 0;
  if (!mutate) return finish({ network: net, sites, state: { nodes, cells, cellSeed, entries, siteX, siteY } });
  const { time, owner } = cells;
  for (let k = 0; k < time.length; k++) {
    field.minutes[k] = time[k];
    field.site[k] = owner[k];
  }
  return field;
}
