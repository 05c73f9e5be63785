import type { Csr } from "./coverage-matrix";
import { type AggregatedRows, aggregateRows } from "./mip";
import type { Instance } from "./prepare";

/** The coverage model handed to the solvers after reduction. */
export interface ReducedModel {
  /** Aggregated rows over the kept positions: demand covered by the same kept candidates is one row. */
  rows: AggregatedRows;
  /** Position → the rows it covers (over all allowed positions; empty for a dropped or useless one). */
  cover: Csr;
  /** Rows before the reduction (open demand points that some candidate covers). */
  demandRows: number;
  /** Allowed positions covering some open demand, before the reduction. */
  usefulPositions: number;
  /** Positions dropped because another position of the same county covers all their rows (or the same rows). */
  dominated: number;
}

/** Position → rows, from rows → positions. */
function transposeRows(sets: Int32Array[], nPositions: number): Csr {
  const start = new Int32Array(nPositions + 1);
  for (const set of sets) for (const a of set) start[a + 1]++;
  for (let a = 0; a < nPositions; a++) start[a + 1] += start[a];
  const fill = start.slice(0, nPositions);
  const index = new Int32Array(start[nPositions]);
  sets.forEach((set, r) => {
    for (const a of set) index[fill[a]++] = r;
  });
  return { start, index };
}

/** Merges rows whose (filtered) sets are identical, summing their weights. */
function regroup(rows: AggregatedRows, keep: (a: number) => boolean): AggregatedRows {
  const byKey = new Map<string, number>();
  const sets: Int32Array[] = [];
  const weight: number[] = [];
  rows.sets.forEach((set, r) => {
    const kept = set.filter(keep);
    const key = kept.join(",");
    const at = byKey.get(key);
    if (at === undefined) {
      byKey.set(key, sets.length);
      sets.push(kept);
      weight.push(rows.weight[r]);
    } else weight[at] += rows.weight[r];
  });
  return { sets, weight };
}

/**
 * Reduces the coverage model: open demand points covered by exactly the same candidates become one
 * weighted row; with `dropDominated`, a candidate whose rows are all covered by another candidate of the
 * same county is dropped (of candidates covering the same rows, the first is kept), and the rows are merged
 * again. Dropping is exact for MCLP and LSCP with per-county limits: a solution using a dropped candidate
 * stays feasible and covers at least as much with its dominator instead. It is not exact under a minimum
 * separation (the dominator may be too close to another site), so callers pass `dropDominated: false` then.
 */
export function reduceModel(inst: Instance, opts: { dropDominated: boolean }): ReducedModel {
  const nA = inst.allowed.length;
  const rows = aggregateRows(inst);
  const cover0 = transposeRows(rows.sets, nA);
  let usefulPositions = 0;
  for (let a = 0; a < nA; a++) if (cover0.start[a + 1] > cover0.start[a]) usefulPositions++;
  const base = { demandRows: rows.sets.length, usefulPositions };
  if (!opts.dropDominated || usefulPositions < 2) return { rows, cover: cover0, dominated: 0, ...base };

  const R = rows.sets.length;
  const words = (R + 31) >>> 5;
  const bits = new Uint32Array(nA * words);
  for (let a = 0; a < nA; a++)
    for (let q = cover0.start[a]; q < cover0.start[a + 1]; q++) {
      const r = cover0.index[q];
      bits[a * words + (r >>> 5)] |= 1 << (r & 31);
    }
  const subset = (a: number, b: number): boolean => {
    const oa = a * words;
    const ob = b * words;
    for (let u = 0; u < words; u++) if ((bits[oa + u] & ~bits[ob + u]) !== 0) return false;
    return true;
  };
  const size = (a: number) => cover0.start[a + 1] - cover0.start[a];
  const dropped = new Uint8Array(nA);
  let dominated = 0;
  for (let a = 0; a < nA; a++) {
    if (size(a) === 0) continue;
    // every dominator covers a's rarest row: only its candidates need testing
    let rare = cover0.index[cover0.start[a]];
    for (let q = cover0.start[a]; q < cover0.start[a + 1]; q++) {
      const r = cover0.index[q];
      if (rows.sets[r].length < rows.sets[rare].length) rare = r;
    }
    for (const b of rows.sets[rare]) {
      if (b === a || inst.county[b] !== inst.county[a] || size(b) < size(a)) continue;
      if (size(b) === size(a) && b > a) continue; // of equal sets the lowest position is kept
      if (subset(a, b)) {
        dropped[a] = 1;
        dominated++;
        break;
      }
    }
  }
  const reduced = regroup(rows, (a) => !dropped[a]);
  return { rows: reduced, cover: transposeRows(reduced.sets, nA), dominated, ...base };
}

/**
 * The model without the positions `drop` marks (fixed to 0, e.g. by {@link lagrangianFixing}): their columns
 * leave every row, rows left with the same set merge, and rows no kept position covers are left out (no
 * solution of the smaller model can cover them). `rowOf` maps each row of `model` to its row in the result
 * (−1 when left out), e.g. to carry Lagrangian multipliers over.
 */
export function withoutPositions(model: ReducedModel, drop: Uint8Array): ReducedModel & { rowOf: Int32Array } {
  const byKey = new Map<string, number>();
  const sets: Int32Array[] = [];
  const weight: number[] = [];
  const rowOf = new Int32Array(model.rows.sets.length).fill(-1);
  model.rows.sets.forEach((set, r) => {
    const kept = set.filter((a) => !drop[a]);
    if (kept.length === 0) return;
    const key = kept.join(",");
    let at = byKey.get(key);
    if (at === undefined) {
      at = sets.length;
      byKey.set(key, at);
      sets.push(kept);
      weight.push(model.rows.weight[r]);
    } else weight[at] += model.rows.weight[r];
    rowOf[r] = at;
  });
  const rows = { sets, weight };
  return { ...model, rows, cover: transposeRows(sets, model.cover.start.length - 1), rowOf };
}
