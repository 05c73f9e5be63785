import type { Csr } from "./coverage-matrix";
import { conflictPairs, type Instance } from "./prepare";
import type { ReducedModel } from "./reduce";

/** Options of {@link improveBySwaps}. */
export interface SwapOptions {
  /** Perturbation rounds after the first descent (default 300). */
  rounds?: number;
  /** Wall-time cap in milliseconds (default: none). */
  timeLimitMs?: number;
  /** Stop after this many rounds in a row without a better solution (default: no such stop). */
  patience?: number;
  /** Seed of the perturbations (default 1): the same seed and budget give the same answer. */
  seed?: number;
  /**
   * How a round perturbs the best solution: "random" replaces up to three chosen sites by candidates anywhere;
   * "local" (default) replaces a chosen site and up to two chosen sites whose discs overlap it by candidates
   * whose discs overlap the first one's, so the descent repairs one neighbourhood instead of undoing far moves.
   */
  kick?: "local" | "random";
}

/** A solution improved by {@link improveBySwaps}. */
export interface SwapResult {
  chosen: number[];
  /** Open weight the chosen positions cover. */
  value: number;
  rounds: number;
  /** Whether the time cap stopped it before its rounds were done. */
  timedOut: boolean;
}

function now(): number {
  const p = (globalThis as { performance?: { now(): number } }).performance;
  return p ? p.now() : Date.now();
}

/** The side constraints as quick checks on a swap. */
interface Feasibility {
  county: Int32Array;
  max: Int32Array;
  min: Int32Array;
  conflicts: Csr | null;
}

function feasibility(inst: Instance, columns: number[]): Feasibility {
  const cons = inst.problem.constraints ?? {};
  const codes = new Map<string, number>();
  const county = new Int32Array(inst.allowed.length).fill(-1);
  inst.county.forEach((c, a) => {
    if (c === undefined) return;
    if (!codes.has(c)) codes.set(c, codes.size);
    county[a] = codes.get(c) as number;
  });
  const max = new Int32Array(codes.size).fill(2 ** 30);
  const min = new Int32Array(codes.size);
  for (const [c, m] of Object.entries(cons.perCountyMax ?? {})) if (codes.has(c)) max[codes.get(c) as number] = m;
  for (const [c, m] of Object.entries(cons.perCountyMin ?? {})) if (codes.has(c)) min[codes.get(c) as number] = m;
  let conflicts: Csr | null = null;
  if ((cons.minSeparationKm ?? 0) > 0) {
    const pairs = conflictPairs(inst, cons.minSeparationKm as number, new Set(columns));
    const n = inst.allowed.length;
    const start = new Int32Array(n + 1);
    for (const [a, b] of pairs) {
      start[a + 1]++;
      start[b + 1]++;
    }
    for (let a = 0; a < n; a++) start[a + 1] += start[a];
    const fill = start.slice(0, n);
    const index = new Int32Array(start[n]);
    for (const [a, b] of pairs) {
      index[fill[a]++] = b;
      index[fill[b]++] = a;
    }
    conflicts = { start, index };
  }
  return { county, max, min, conflicts };
}

/**
 * Improves a feasible MCLP solution (allowed positions, at most `k`) by local search: repeatedly makes the
 * best swap of one chosen site for one other candidate while it adds weight (all pairs are evaluated in one
 * pass over the coverage rows), then perturbs the best solution (up to three sites replaced, by default in one
 * neighbourhood; see `kick`) and descends again, keeping the best. Swaps keep the per-county limits and the
 * minimum separation. The result is never worse than `start`.
 */
export function improveBySwaps(
  inst: Instance,
  model: ReducedModel,
  start: number[],
  k: number,
  opts: SwapOptions = {},
): SwapResult {
  const t0 = now();
  const nA = inst.allowed.length;
  const { sets, weight } = model.rows;
  const { start: cs, index: ci } = model.cover;
  const R = sets.length;
  const columns: number[] = [];
  for (let a = 0; a < nA; a++) if (cs[a + 1] > cs[a]) columns.push(a);
  const feas = feasibility(inst, columns);
  let seed = (opts.seed ?? 1) >>> 0 || 1;
  const random = () => {
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };

  const cov = new Int32Array(R);
  /** Sum of the chosen positions covering each row: the one coverer when cov is 1. */
  const who = new Float64Array(R);
  const inS = new Uint8Array(nA);
  const countyCount = new Int32Array(feas.max.length);
  const conflictCount = new Int32Array(nA);
  const loss = new Float64Array(nA);
  const extra = new Float64Array(nA);
  let value = 0;

  const place = (a: number, d: 1 | -1) => {
    inS[a] = d === 1 ? 1 : 0;
    for (let q = cs[a]; q < cs[a + 1]; q++) {
      const r = ci[q];
      if (d === 1 && cov[r] === 0) value += weight[r];
      cov[r] += d;
      who[r] += d * a;
      if (d === -1 && cov[r] === 0) value -= weight[r];
    }
    if (feas.county[a] >= 0) countyCount[feas.county[a]] += d;
    if (feas.conflicts)
      for (let q = feas.conflicts.start[a]; q < feas.conflicts.start[a + 1]; q++) {
        conflictCount[feas.conflicts.index[q]] += d;
      }
  };
  const conflictsWith = (a: number, b: number): boolean => {
    if (!feas.conflicts) return false;
    for (let q = feas.conflicts.start[a]; q < feas.conflicts.start[a + 1]; q++)
      if (feas.conflicts.index[q] === b) return true;
    return false;
  };
  const canSwap = (out: number, into: number): boolean => {
    if (conflictCount[into] - (conflictsWith(into, out) ? 1 : 0) > 0) return false;
    const co = feas.county[out];
    const ci2 = feas.county[into];
    if (co === ci2) return true;
    if (co >= 0 && countyCount[co] - 1 < feas.min[co]) return false;
    if (ci2 >= 0 && countyCount[ci2] + 1 > feas.max[ci2]) return false;
    return true;
  };
  const canAdd = (into: number): boolean =>
    conflictCount[into] === 0 &&
    (feas.county[into] < 0 || countyCount[feas.county[into]] + 1 <= feas.max[feas.county[into]]);

  let chosen = [...start];
  for (const a of chosen) place(a, 1);

  // positions whose discs share a row with each position (for the local kicks), built on first use
  let near: Csr | null = null;
  const nearLists = (): Csr => {
    if (near) return near;
    const mark = new Int32Array(nA).fill(-1);
    const lists: number[][] = [];
    const startN = new Int32Array(nA + 1);
    for (let a = 0; a < nA; a++) {
      const list: number[] = [];
      for (let q = cs[a]; q < cs[a + 1]; q++)
        for (const b of sets[ci[q]])
          if (b !== a && mark[b] !== a) {
            mark[b] = a;
            list.push(b);
          }
      lists.push(list);
      startN[a + 1] = startN[a] + list.length;
    }
    const index = new Int32Array(startN[nA]);
    lists.forEach((list, a) => {
      index.set(list, startN[a]);
    });
    near = { start: startN, index };
    return near;
  };

  /** Best-improvement descent over swaps (and additions while below k). */
  const descend = () => {
    const eps = 1e-12 * Math.max(1, value);
    for (;;) {
      loss.fill(0);
      for (const a of chosen) for (let q = cs[a]; q < cs[a + 1]; q++) if (cov[ci[q]] === 1) loss[a] += weight[ci[q]];
      let best = eps;
      let bestIn = -1;
      let bestOut = -1;
      const touched: number[] = [];
      for (const c of columns) {
        if (inS[c]) continue;
        let gain = 0;
        for (let q = cs[c]; q < cs[c + 1]; q++) {
          const r = ci[q];
          if (cov[r] === 0) gain += weight[r];
          else if (cov[r] === 1) {
            const j = who[r];
            if (extra[j] === 0) touched.push(j);
            extra[j] += weight[r];
          }
        }
        if (chosen.length < k && gain > best && canAdd(c)) {
          best = gain;
          bestIn = c;
          bestOut = -1;
        }
        for (const j of chosen) {
          const d = gain + extra[j] - loss[j];
          if (d > best && canSwap(j, c)) {
            best = d;
            bestIn = c;
            bestOut = j;
          }
        }
        for (const j of touched) extra[j] = 0;
        touched.length = 0;
      }
      if (bestIn < 0) return;
      if (bestOut >= 0) {
        place(bestOut, -1);
        chosen = chosen.map((a) => (a === bestOut ? bestIn : a));
      } else chosen.push(bestIn);
      place(bestIn, 1);
    }
  };

  descend();
  let best = [...chosen];
  let bestValue = value;
  const rounds = opts.rounds ?? 300;
  const patience = opts.patience ?? Number.POSITIVE_INFINITY;
  let done = 0;
  let sinceBetter = 0;
  let timedOut = false;
  for (; done < rounds && sinceBetter < patience && chosen.length > 0 && columns.length > chosen.length; done++) {
    if (opts.timeLimitMs !== undefined && now() - t0 > opts.timeLimitMs) {
      timedOut = true;
      break;
    }
    // restart from the best and replace up to three sites (see SwapOptions.kick)
    for (const a of chosen) place(a, -1);
    chosen = [...best];
    for (const a of chosen) place(a, 1);
    if ((opts.kick ?? "local") === "random") {
      for (let t = 0; t < Math.min(3, chosen.length); t++) {
        const out = chosen[Math.floor(random() * chosen.length)];
        for (let tries = 0; tries < 20; tries++) {
          const c = columns[Math.floor(random() * columns.length)];
          if (inS[c] || !canSwap(out, c)) continue;
          place(out, -1);
          chosen = chosen.map((a) => (a === out ? c : a));
          place(c, 1);
          break;
        }
      }
    } else {
      const nb = nearLists();
      const centre = chosen[Math.floor(random() * chosen.length)];
      const pool = nb.index.subarray(nb.start[centre], nb.start[centre + 1]);
      const outs = [centre, ...chosen.filter((a) => a !== centre && pool.includes(a))];
      const howMany = Math.min(outs.length, 1 + Math.floor(random() * 3));
      for (let t = 0; t < howMany && pool.length > 0; t++) {
        const pickAt = t + Math.floor(random() * (outs.length - t));
        [outs[t], outs[pickAt]] = [outs[pickAt], outs[t]];
        const out = outs[t];
        for (let tries = 0; tries < 20; tries++) {
          const c = pool[Math.floor(random() * pool.length)];
          if (inS[c] || cs[c + 1] === cs[c] || !canSwap(out, c)) continue;
          place(out, -1);
          chosen = chosen.map((a) => (a === out ? c : a));
          place(c, 1);
          break;
        }
      }
    }
    descend();
    if (value > bestValue + 1e-12 * Math.max(1, bestValue)) {
      bestValue = value;
      best = [...chosen];
      sinceBetter = 0;
    } else sinceBetter++;
  }
  return { chosen: best.sort((x, y) => x - y), value: bestValue, rounds: done, timedOut };
}
