import { type ReducedModel, withoutPositions } from "./reduce";

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
  /** Multipliers to start from (clamped to [0, w_r]; default 0.15 w_r), e.g. a previous run's on a smaller model. */
  lambda?: Float64Array;
}

/** What {@link lagrangianBound} returns. */
export interface LagrangianResult {
  /** An upper bound on the MCLP optimum (model units). */
  bound: number;
  iterations: number;
  /** The multipliers λ_r that gave `bound` (empty when no iteration ran). */
  lambda: Float64Array;
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
export function lagrangianBound(model: ReducedModel, k: number, opts: LagrangianOptions): LagrangianResult {
  const t0 = now();
  const { sets, weight } = model.rows;
  const { start, index } = model.cover;
  const R = sets.length;
  const nA = start.length - 1;
  let total = 0;
  for (let r = 0; r < R; r++) total += weight[r];
  if (R === 0 || k <= 0) return { bound: 0, iterations: 0, lambda: new Float64Array(0) };
  const columns: number[] = [];
  for (let a = 0; a < nA; a++) if (start[a + 1] > start[a]) columns.push(a);
  if (k >= columns.length) return { bound: total, iterations: 0, lambda: new Float64Array(0) };

  const lambda = new Float64Array(R);
  for (let r = 0; r < R; r++)
    lambda[r] = opts.lambda?.length === R ? Math.min(weight[r], Math.max(0, opts.lambda[r])) : 0.15 * weight[r];
  const c = new Float64Array(columns.length);
  const top = new Int32Array(k);
  const g = new Float64Array(R);
  const previous = new Float64Array(R);
  const bestLambda = new Float64Array(R);
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
      bestLambda.set(lambda);
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
  return { bound: Math.min(total, best * (1 + 1e-12)), iterations: it, lambda: bestLambda };
}

/**
 * Reduced-cost fixing from Lagrangian multipliers: the positions that no MCLP solution covering at least
 * `incumbent` can use. With `λ` fixed, forcing x_j = 1 gives the bound L(λ) − c_(k) + c_j for a position j
 * outside the k largest c (c_(k) the k-th largest); when that is below `incumbent`, every solution with j is
 * worse than the incumbent, so j is fixed to 0. The model without the fixed positions still holds every
 * solution at least as good as the incumbent, so its optimum (or any upper bound on it) bounds the optimum
 * of the whole model once the incumbent is taken into account: OPT ≤ max(incumbent, bound of the smaller model).
 * Returns a mask over positions (1 = fixed to 0) and how many were fixed. A relative margin of 1e-9 keeps
 * floating error from fixing a position whose bound only rounds below the incumbent.
 */
export function lagrangianFixing(
  model: ReducedModel,
  k: number,
  lambda: Float64Array,
  incumbent: number,
): { fixed: Uint8Array; count: number } {
  const { weight } = model.rows;
  const { start, index } = model.cover;
  const nA = start.length - 1;
  const fixed = new Uint8Array(nA);
  const R = weight.length;
  if (lambda.length !== R || k <= 0) return { fixed, count: 0 };
  const c = new Float64Array(nA);
  const columns: number[] = [];
  for (let a = 0; a < nA; a++) {
    if (start[a + 1] === start[a]) continue;
    columns.push(a);
    let s = 0;
    for (let q = start[a]; q < start[a + 1]; q++) s += lambda[index[q]];
    c[a] = s;
  }
  if (columns.length <= k) return { fixed, count: 0 };
  let L = 0;
  for (let r = 0; r < R; r++) L += weight[r] - lambda[r];
  const sorted = [...columns].sort((a, b) => c[b] - c[a]);
  for (let p = 0; p < k; p++) L += c[sorted[p]];
  const ck = c[sorted[k - 1]];
  let count = 0;
  for (let p = k; p < sorted.length; p++) {
    const a = sorted[p];
    if ((L - ck + c[a]) * (1 + 1e-9) < incumbent) {
      fixed[a] = 1;
      count++;
    }
  }
  return { fixed, count };
}

/** What {@link boundAndFix} returns. */
export interface BoundAndFixResult {
  /** Upper bound on the optimum of the whole model: max(incumbent, bound of the smaller model), and ≤ the first bound. */
  bound: number;
  /** The first Lagrangian bound, on the whole model. */
  firstBound: number;
  /** The model without the fixed positions: it holds every solution at least as good as the incumbent. */
  model: ReducedModel;
  /** Positions fixed to 0, over all rounds. */
  fixed: number;
  rounds: number;
}

/**
 * Lagrangian bound with reduced-cost fixing, repeated: bound the model, fix to 0 the positions that cannot be in a
 * solution at least as good as `incumbent` ({@link lagrangianFixing}), and bound the smaller model again from the
 * same multipliers (merged rows take the sum of theirs), until nothing more is fixed, the bound reaches the
 * incumbent within `stopGap`, or the time is up. Each smaller model's optimum is at most its Lagrangian bound,
 * and the whole model's optimum is at most the larger of that and the incumbent.
 */
export function boundAndFix(
  model: ReducedModel,
  k: number,
  opts: { incumbent: number; stopGap?: number; timeLimitMs?: number; firstIterations?: number },
): BoundAndFixResult {
  const t0 = now();
  const left = () => (opts.timeLimitMs === undefined ? undefined : Math.max(0, opts.timeLimitMs - (now() - t0)));
  const stopGap = opts.stopGap ?? 0;
  // the first bound gets at most half of the time, so that fixing has multipliers to work from and time to use them
  const first = lagrangianBound(model, k, {
    incumbent: opts.incumbent,
    stopGap,
    timeLimitMs: opts.timeLimitMs === undefined ? undefined : opts.timeLimitMs / 2,
    maxIterations: opts.firstIterations,
  });
  let bound = first.bound;
  let lambda = first.lambda;
  let current = model;
  let fixed = 0;
  let rounds = 0;
  const closed = (b: number) => b - opts.incumbent <= stopGap * b;
  while (!closed(bound) && (left() ?? 1) > 0) {
    const fix = lagrangianFixing(current, k, lambda, opts.incumbent);
    if (fix.count === 0) break;
    const next = withoutPositions(current, fix.fixed);
    const carried = new Float64Array(next.rows.sets.length);
    next.rowOf.forEach((to, r) => {
      if (to >= 0) carried[to] += lambda[r];
    });
    const { rowOf: _r, ...smaller } = next;
    current = smaller;
    fixed += fix.count;
    rounds++;
    const lag = lagrangianBound(current, k, {
      incumbent: opts.incumbent,
      stopGap,
      timeLimitMs: left(),
      maxIterations: 1000,
      lambda: carried,
    });
    lambda = lag.lambda;
    bound = Math.min(bound, Math.max(lag.bound, opts.incumbent));
  }
  return { bound, firstBound: first.bound, model: current, fixed, rounds };
}
