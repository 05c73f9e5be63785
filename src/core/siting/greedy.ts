import { buildPointIndex, toArrays } from "./coverage-matrix";
import { conflictsOf, type Instance } from "./prepare";

/** Outcome of the lazy greedy. */
export interface GreedyRun {
  /** Allowed positions in the order chosen. */
  chosen: number[];
  /** Marginal weight of each chosen site. */
  gains: number[];
  /** Total newly covered weight. */
  gained: number;
  stop: "k" | "target" | "no-gain" | "no-candidate";
  /** Whether every per-county minimum is met. */
  minsMet: boolean;
  /**
   * Upper bound on the best newly covered weight with `k` sites (MCLP only): the minimum over the
   * steps of f(S_i) + the k largest (lazy, hence upper-bounding) marginal gains.
   */
  stepBound: number;
}

/** Binary max-heap of positions keyed by a float (ties: lower position first). */
class MaxHeap {
  private pos: number[] = [];
  constructor(private key: Float64Array) {}
  get size(): number {
    return this.pos.length;
  }
  private before(a: number, b: number): boolean {
    const ka = this.key[a];
    const kb = this.key[b];
    return ka > kb || (ka === kb && a < b);
  }
  push(a: number): void {
    const h = this.pos;
    h.push(a);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.before(h[i], h[p])) break;
      [h[i], h[p]] = [h[p], h[i]];
      i = p;
    }
  }
  pop(): number | undefined {
    const h = this.pos;
    if (h.length === 0) return undefined;
    const top = h[0];
    const last = h.pop() as number;
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.before(h[l], h[m])) m = l;
        if (r < h.length && this.before(h[r], h[m])) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m], h[i]];
        i = m;
      }
    }
    return top;
  }
}

/** Marginal gain of allowed position `a` given the covered mask. */
export function marginalGain(inst: Instance, covered: Uint8Array, a: number): number {
  const { start, index } = inst.cover;
  let g = 0;
  for (let k = start[a]; k < start[a + 1]; k++) {
    const i = index[k];
    if (!covered[i]) g += inst.weight[i];
  }
  return g;
}

/**
 * Lazy greedy (CELF): repeatedly adds the allowed candidate with the largest marginal gain,
 * skipping candidates that break the separation or per-county maximum, and restricting the
 * choice to counties with unmet minimums once the remaining slots are needed for them.
 * Stops at `k` sites (MCLP) or once `need` weight is newly covered and the minimums are met (LSCP).
 */
export function runGreedy(inst: Instance, limit: { k?: number; need?: number }): GreedyRun {
  const nA = inst.allowed.length;
  const cons = inst.problem.constraints ?? {};
  const minSep = cons.minSeparationKm ?? 0;
  const maxBy = cons.perCountyMax ?? {};
  const minBy = cons.perCountyMin ?? {};
  const count: Record<string, number> = {};
  let unmet = 0;
  for (const m of Object.values(minBy)) unmet += m;

  const ub = new Float64Array(nA);
  const round = new Int32Array(nA);
  const blocked = new Uint8Array(nA);
  const covered = new Uint8Array(inst.weight.length);
  const heap = new MaxHeap(ub);
  for (let a = 0; a < nA; a++) {
    const cty = inst.county[a];
    if (cty !== undefined && maxBy[cty] !== undefined && maxBy[cty] <= 0) {
      blocked[a] = 1;
      continue;
    }
    ub[a] = marginalGain(inst, covered, a);
    heap.push(a);
  }
  const sepIndex =
    minSep > 0 ? buildPointIndex(toArrays(inst.allowed.map((j) => inst.problem.candidates[j])), minSep) : null;

  const chosen: number[] = [];
  const gains: number[] = [];
  let gained = 0;
  let step = 0;
  const eps = 1e-9 * Math.max(inst.totalWeight, 1e-300);
  const needsMin = (a: number) => {
    const cty = inst.county[a];
    return cty !== undefined && minBy[cty] !== undefined && (count[cty] ?? 0) < minBy[cty];
  };
  let stop: GreedyRun["stop"] = "no-candidate";
  let stepBound = Number.POSITIVE_INFINITY;
  const topK = (kk: number) => {
    // sum of the kk largest entries of ub (small kk: insertion into a sorted buffer)
    const buf: number[] = [];
    for (let a = 0; a < nA; a++) {
      const v = ub[a];
      if (buf.length < kk) {
        buf.push(v);
        buf.sort((x, y) => y - x);
      } else if (v > buf[kk - 1]) {
        buf[kk - 1] = v;
        for (let u = kk - 1; u > 0 && buf[u] > buf[u - 1]; u--) [buf[u], buf[u - 1]] = [buf[u - 1], buf[u]];
      }
    }
    return buf.reduce((x, y) => x + y, 0);
  };
  for (;;) {
    if (limit.k !== undefined && limit.k > 0) stepBound = Math.min(stepBound, gained + topK(limit.k));
    if (limit.k !== undefined && chosen.length >= limit.k) {
      stop = "k";
      break;
    }
    const targetMet = limit.need !== undefined && gained >= limit.need - eps;
    if (targetMet && unmet === 0) {
      stop = "target";
      break;
    }
    const forced = unmet > 0 && (targetMet || (limit.k !== undefined && limit.k - chosen.length <= unmet));
    const deferred: number[] = [];
    let pick = -1;
    while (heap.size > 0) {
      const a = heap.pop() as number;
      if (blocked[a]) continue;
      if (forced && !needsMin(a)) {
        deferred.push(a);
        continue;
      }
      if (round[a] !== step) {
        ub[a] = marginalGain(inst, covered, a);
        round[a] = step;
        heap.push(a);
        continue;
      }
      pick = a;
      break;
    }
    for (const a of deferred) heap.push(a);
    if (pick < 0) {
      stop = "no-candidate";
      break;
    }
    const g = ub[pick];
    if (g <= 0 && !forced) {
      heap.push(pick);
      stop = "no-gain";
      break;
    }
    chosen.push(pick);
    gains.push(g);
    gained += g;
    ub[pick] = 0;
    blocked[pick] = 1;
    const { start, index } = inst.cover;
    for (let k = start[pick]; k < start[pick + 1]; k++) covered[index[k]] = 1;
    const cty = inst.county[pick];
    if (cty !== undefined) {
      if (needsMin(pick)) unmet--;
      count[cty] = (count[cty] ?? 0) + 1;
      if (maxBy[cty] !== undefined && count[cty] >= maxBy[cty]) {
        for (let a = 0; a < nA; a++) if (inst.county[a] === cty) blocked[a] = 1;
      }
    }
    if (sepIndex) for (const b of conflictsOf(inst, sepIndex, pick, minSep)) blocked[b] = 1;
    step++;
  }
  return { chosen, gains, gained, stop, minsMet: unmet === 0, stepBound };
}

/** Covered mask (over demand) of a set of allowed positions, counting open demand only. */
export function coveredMask(inst: Instance, positions: number[]): Uint8Array {
  const covered = new Uint8Array(inst.weight.length);
  const { start, index } = inst.cover;
  for (const a of positions) for (let k = start[a]; k < start[a + 1]; k++) covered[index[k]] = 1;
  return covered;
}

/**
 * Orders a fixed set of positions greedily (largest marginal gain first) and returns the gains.
 * Ties keep the lower position first.
 */
export function orderByGain(inst: Instance, positions: number[]): { order: number[]; gains: number[] } {
  const left = [...positions].sort((x, y) => x - y);
  const covered = new Uint8Array(inst.weight.length);
  const order: number[] = [];
  const gains: number[] = [];
  const { start, index } = inst.cover;
  while (left.length > 0) {
    let best = 0;
    let bestG = -1;
    for (let u = 0; u < left.length; u++) {
      const g = marginalGain(inst, covered, left[u]);
      if (g > bestG) {
        bestG = g;
        best = u;
      }
    }
    const a = left.splice(best, 1)[0];
    order.push(a);
    gains.push(bestG);
    for (let k = start[a]; k < start[a + 1]; k++) covered[index[k]] = 1;
  }
  return { order, gains };
}

/**
 * Upper bound on the best newly covered weight with at most `k` more sites than `covered`
 * already provides: f(S) + sum of the k largest marginal gains w.r.t. S (valid by submodularity,
 * under any extra constraint).
 */
export function onlineBound(inst: Instance, covered: Uint8Array, base: number, k: number): number {
  const gains: number[] = [];
  for (let a = 0; a < inst.allowed.length; a++) gains.push(marginalGain(inst, covered, a));
  gains.sort((x, y) => y - x);
  let s = base;
  for (let u = 0; u < Math.min(k, gains.length); u++) s += gains[u];
  return s;
}
