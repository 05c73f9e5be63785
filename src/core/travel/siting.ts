import type { CountyGrid } from "../coverage";
import type { Csr } from "../siting/coverage-matrix";
import type { DemandPoint } from "../siting/types";
import { computeTravelTime } from "./field";
import { MinHeap } from "./heap";
import {
  entryToEnds,
  injectSeed,
  type Labels,
  offerNode,
  pendingEdges,
  runNetwork,
  runRaster,
  seedContext,
  snapToNetwork,
} from "./search";
import type { RoadNetwork, TravelSite } from "./types";

/**
 * A travel-time coverage relation in the shapes the siting code uses (core/siting: `Instance.cover`,
 * `Instance.coveredBefore`, `DemandPoint`): demand points are the grid cells inside the county with a
 * positive weight, and a site covers a demand point when its travel time to the cell centre is ≤ the limit.
 */
export interface TravelTimeCoverage {
  limitMinutes: number;
  /** One per inside cell with weight > 0, at the cell centre; id `<county>-t<i>_<j>`. */
  demand: DemandPoint[];
  /** Grid cell of each demand point. */
  demandCell: Int32Array;
  /** Row r = candidates[r]: indices of the demand points it reaches within the limit (ascending). */
  cover: Csr;
  /** 1 where an existing site already reaches the demand point within the limit. */
  coveredBefore: Uint8Array;
}

/** Options of {@link travelTimeCoverage}. */
export interface TravelTimeCoverageOptions {
  candidates: ReadonlyArray<TravelSite>;
  existing: ReadonlyArray<TravelSite>;
  /** Coverage limit in minutes (inclusive), e.g. 30. */
  limitMinutes: number;
  /** Weight per grid cell (e.g. population from aggregatePopulation); default the cell's area in km². */
  cellWeight?: ArrayLike<number>;
}

/**
 * For each candidate, the demand cells it reaches within `limitMinutes`, by a search bounded at the limit
 * from that candidate alone (road graph, then off-road propagation, both stopped at the limit); and the
 * cells the existing sites already reach, from one multi-site {@link computeTravelTime}. A cell is reached
 * by a candidate exactly when a field with that candidate as the only site gives it ≤ the limit.
 */
export function travelTimeCoverage(net: RoadNetwork, opts: TravelTimeCoverageOptions): TravelTimeCoverage {
  const { grid } = net;
  const limit = opts.limitMinutes;
  if (!(Number.isFinite(limit) && limit > 0))
    throw new RangeError(`travelTimeCoverage(${grid.code}): limitMinutes must be > 0, got ${limit}`);
  const nCells = grid.width * grid.height;
  if (opts.cellWeight && opts.cellWeight.length !== nCells)
    throw new RangeError(
      `travelTimeCoverage(${grid.code}): cellWeight has ${opts.cellWeight.length} cells, grid has ${nCells}`,
    );
  const { demand, demandCell, demandOf } = demandCells(grid, opts.cellWeight);
  const coveredBefore = new Uint8Array(demand.length);
  if (opts.existing.length > 0) {
    const field = computeTravelTime(net, opts.existing);
    for (let d = 0; d < demand.length; d++) if (field.state.cells.time[demandCell[d]] <= limit) coveredBefore[d] = 1;
  }
  const nodes: Labels = {
    time: new Float64Array(net.nodeX.length).fill(Infinity),
    owner: new Int32Array(net.nodeX.length).fill(-1),
  };
  const cells: Labels = { time: new Float64Array(nCells).fill(Infinity), owner: new Int32Array(nCells).fill(-1) };
  const cellSeed = new Int32Array(nCells).fill(-1);
  const heap = new MinHeap(4096);
  const start = new Int32Array(opts.candidates.length + 1);
  const index: number[] = [];
  const nEdges = net.edgeA.length;
  opts.candidates.forEach((cand, r) => {
    if (!Number.isFinite(cand.lon) || !Number.isFinite(cand.lat))
      throw new RangeError(`travelTimeCoverage(${grid.code}): candidates[${r}] has a bad coordinate`);
    const [x, y] = grid.projection.forward(cand.lon, cand.lat);
    const touchedNodes: number[] = [];
    const touchedCells: number[] = [];
    const entry = snapToNetwork(net, x, y);
    if (entry && entry.minutes <= limit) {
      const [ta, tb] = entryToEnds(net, entry);
      for (const [u, t] of [
        [net.edgeA[entry.edge], ta],
        [net.edgeB[entry.edge], tb],
      ]) {
        if (nodes.time[u] === Infinity) touchedNodes.push(u);
        offerNode(nodes, heap, u, t, 0);
      }
      runNetwork(net, nodes, heap, limit, touchedNodes);
    }
    const ctx = seedContext(net, nodes, [entry], Float64Array.of(x), Float64Array.of(y));
    const edges = new Set<number>();
    for (const u of touchedNodes) for (let p = net.adjStart[u]; p < net.adjStart[u + 1]; p++) edges.add(net.adjEdge[p]);
    if (entry) edges.add(entry.edge);
    injectSeed(ctx, nEdges, x, y, cells, cellSeed, heap, limit, touchedCells);
    runRaster(ctx, cells, cellSeed, heap, limit, touchedCells, pendingEdges(ctx, [...edges]));
    start[r] = index.length;
    const row: number[] = [];
    for (const k of touchedCells) {
      if (cells.time[k] <= limit && demandOf[k] >= 0) row.push(demandOf[k]);
      cells.time[k] = Infinity;
      cells.owner[k] = -1;
      cellSeed[k] = -1;
    }
    row.sort((a, b) => a - b);
    for (const d of row) index.push(d);
    for (const u of touchedNodes) {
      nodes.time[u] = Infinity;
      nodes.owner[u] = -1;
    }
  });
  start[opts.candidates.length] = index.length;
  return { limitMinutes: limit, demand, demandCell, cover: { start, index: Int32Array.from(index) }, coveredBefore };
}

function demandCells(grid: CountyGrid, weight: ArrayLike<number> | undefined) {
  const demand: DemandPoint[] = [];
  const cellsOf: number[] = [];
  const demandOf = new Int32Array(grid.width * grid.height).fill(-1);
  for (let j = 0; j < grid.height; j++)
    for (let i = 0; i < grid.width; i++) {
      const k = j * grid.width + i;
      if (!grid.inside[k]) continue;
      const w = weight ? weight[k] : typeof grid.cellAreaKm2 === "number" ? grid.cellAreaKm2 : grid.cellAreaKm2[k];
      if (!(w > 0)) continue;
      const [lon, lat] = grid.projection.inverse(
        grid.originX + (i + 0.5) * grid.cellSizeM,
        grid.originY + (j + 0.5) * grid.cellSizeM,
      );
      demandOf[k] = demand.length;
      cellsOf.push(k);
      demand.push({ id: `${grid.code}-t${i}_${j}`, lon, lat, weight: w });
    }
  return { demand, demandCell: Int32Array.from(cellsOf), demandOf };
}
