import type { ReducedModel } from "./reduce";

/** Options of {@link lagrangianBound}. */
export interface LagrangianOptions {
  /** Weight of the best known solution: the step size aims at it, and the run stops within `stopGap` of it. */
  incumbent: number;
  /** Stop once (bound − incumbent) / bound is at most this (default 0). */
  stopGap?: number;
  /** Subgradient iterations (default 3000). */
  maxIterations?: number;
  /** Wall-time cap in milliseconds (default: none). */
  timeLimitMs?: number;
}

function now(): number {
  const p = (globalThis as { performance?: { now(): number } }).performance;
  return p ? p.now() : Date.now();
}

/**
 * An upper bound on the weight at most `k` sites can cover in `model` (MCLP), by Lagrangian relaxation of
 * the coverage rows y_r ≤ Σ_{j∈N_r} x_j with multipliers λ_r ∈ [0, w_r]:
 *
 *   L(λ) = Σ_r (w_r − λ_r) + (sum of the k largest c_j),  c_j = Σ_{r∋j} λ_r,
 *
 * which is ≥ the optimum for every λ (and whose minimum equals the LP relaxation's value). λ is improved by
 * deflected subgradient steps aimed at the incumbent (Polyak's rule, the step halved after 150 iterations
 * without progress). Each iteration costs one pass over the coverage nonzeros, so on county models it reaches
 * within a few tenths of a percent of the LP bound in a second or two, where solving the LP itself takes
 * tens of seconds. Side constraints are ignored, which only loosens the bound (it stays valid).
 */
export function lagrangianBound(
  model: ReducedModel,
  k: number,
  opts: LagrangianOptions,
): { bound: number; iterations: number } {
  const t0 = now();
  const { sets, weight } = model.rows;
  const { start, index } = model.cover;
  const R = sets.length;
  const nA = start.length - 1;
  let total = 0;
  for (let r = 0; r < R; r++) total += weight[r];
  if (R === 0 || k <= 0) return { bound: 0, iterations: 0 };
  const columns: number[] = [];
  for (let a = 0; a < nA; a++) if (start[a + 1] > start[a]) columns.push(a);
  if (k >= columns.length) return { bound: total, iterations: 0 };

  const lambda = new Float64Array(R);
  for (let r = 0; r < R; r++) lambda[r] = 0.15 * weight[r];
  const c = new Float64Array(columns.length);
  const top = new Int32Array(k);
  const g = new Float64Array(R);
  const previous = new Float64Array(R);
  const target = Math.min(opts.incumbent, total);
  const stopGap = opts.stopGap ?? 0;
  const maxIterations = opts.maxIterations ?? 3000;
  let best = total;
  let theta = 1;
  let stale = 0;
  let it = 0;
  for (; it < maxIterations; it++) {
    if (opts.timeLimitMs !== undefined && it % 16 === 0 && now() - t0 > opts.timeLimitMs) break;
    let L = 0;
    for (let r = 0; r < R; r++) L += weight[r] - lambda[r];
    for (let u = 0; u < columns.length; u++) {
      const a = columns[u];
      let s = 0;
      for (let q = start[a]; q < start[a + 1]; q++) s += lambda[index[q]];
      c[u] = s;
    }
    // the k largest c (partial selection into a sorted buffer of indices)
    let filled = 0;
    for (let u = 0; u < columns.length; u++) {
      if (filled < k) {
        let p = filled++;
        while (p > 0 && c[top[p - 1]] < c[u]) {
          top[p] = top[p - 1];
          p--;
        }
        top[p] = u;
      } else if (c[u] > c[top[k - 1]]) {
        let p = k - 1;
        while (p > 0 && c[top[p - 1]] < c[u]) {
          top[p] = top[p - 1];
          p--;
        }
        top[p] = u;
      }
    }
    for (let p = 0; p < k; p++) L += c[top[p]];
    if (L < best) {
      best = L;
      stale = 0;
    } else if (++stale >= 150) {
      theta /= 2;
      stale = 0;
    }
    if (best - target <= stopGap * best) break;
    // subgradient: −1 for every row with λ_r < w_r, +1 per chosen site covering it
    for (let r = 0; r < R; r++) g[r] = lambda[r] < weight[r] ? -1 : 0;
    for (let p = 0; p < k; p++) {
      const a = columns[top[p]];
      for (let q = start[a]; q < start[a + 1]; q++) g[index[q]] += 1;
    }
    // deflected direction (Camerini, Fratta & Maffioli): half of the previous one is kept, which damps zig-zags
    let norm2 = 0;
    for (let r = 0; r < R; r++) {
      g[r] += 0.5 * previous[r];
      previous[r] = g[r];
      norm2 += g[r] * g[r];
    }
    if (norm2 === 0) break;
    const step = (theta * Math.max(L - target, 1e-9 * total)) / norm2;
    for (let r = 0; r < R; r++) {
      const v = lambda[r] - step * g[r];
      lambda[r] = v < 0 ? 0 : v > weight[r] ? weight[r] : v;
    }
  }
  // floating sums over thousands of rows: widen by a relative 1e-12 so that the bound stays an upper bound
  return { bound: Math.min(total, best * (1 + 1e-12)), iterations: it };
}
