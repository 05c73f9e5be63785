import { counted } from "../plural";
import { constraintWords, type Msg, pct, precheck } from "./feasibility";
import { coveredMask, type GreedyRun, onlineBound, orderByGain, runGreedy } from "./greedy";
import { boundAndFix } from "./lagrangian";
import { improveBySwaps } from "./local-search";
import { type AggregatedRows, buildMip, type HighsInstance, type HighsLoadOptions, loadHighs, runMip } from "./mip";
import { type Instance, prepare } from "./prepare";
import { type ReducedModel, reduceModel } from "./reduce";
import type { SitingModelInfo, SitingProblem, SitingResult, SitingSite } from "./types";

/** Options of {@link solveSiting}. */
export interface SolveOptions {
  /**
   * "exact": MIP with HiGHS (throws if HiGHS cannot be loaded). "greedy": lazy greedy only.
   * "auto" (default): exact when HiGHS loads and the model has at most `autoMaxNonzeros`
   * coverage entries after aggregation, otherwise greedy.
   */
  method?: "auto" | "exact" | "greedy";
  /** HiGHS time limit, seconds (default 30). */
  timeLimitSec?: number;
  /** A pre-loaded HiGHS instance (recommended in browsers; see docs/siting.md). */
  highs?: HighsInstance;
  /** Loader options used when `highs` is not given (e.g. `locateFile` for the wasm URL). */
  highsLoad?: HighsLoadOptions;
  /** Size limit for "auto" (default 400,000 nonzeros in the aggregated coverage rows). */
  autoMaxNonzeros?: number;
  /** HiGHS relative MIP gap at which it stops and reports optimal (default 1e-6). */
  mipRelGap?: number;
  /** Extra HiGHS options (snake_case names), applied last; the default sets `presolve: "off"`. */
  highsOptions?: Readonly<Record<string, string | number | boolean>>;
}

const ONE_MINUS_INV_E = 1 - Math.exp(-1);

function now(): number {
  const p = (globalThis as { performance?: { now(): number } }).performance;
  return p ? p.now() : Date.now();
}

function relGap(objective: number, bound: number): number {
  const d = Math.max(Math.abs(objective), Math.abs(bound));
  return d > 0 ? Math.abs(bound - objective) / d : 0;
}

function baseResult(inst: Instance, method: "exact" | "greedy", order: number[], gains: number[], t0: number) {
  const W = inst.totalWeight;
  const share = (w: number) => (W > 0 ? w / W : 0);
  const sites: SitingSite[] = order.map((a, u) => {
    const c = inst.problem.candidates[inst.allowed[a]];
    return { candidateId: c.id, lon: c.lon, lat: c.lat, gain: gains[u], gainShare: share(gains[u]) };
  });
  const curve = [{ k: 0, coveredShare: W > 0 ? share(inst.weightBefore) : 1 }];
  let acc = inst.weightBefore;
  gains.forEach((g, u) => {
    acc += g;
    curve.push({ k: u + 1, coveredShare: W > 0 ? share(acc) : 1 });
  });
  return {
    method,
    coveredShareBefore: curve[0].coveredShare,
    coveredShareAfter: curve[curve.length - 1].coveredShare,
    sites,
    curve,
    excluded: inst.excluded,
    timeMs: now() - t0,
    gained: acc - inst.weightBefore,
  };
}

function infeasibleResult(inst: Instance, method: "exact" | "greedy", msg: Msg, t0: number): SitingResult {
  const b = baseResult(inst, method, [], [], t0);
  const { gained: _g, ...rest } = b;
  return {
    ...rest,
    status: "infeasible",
    statusMessage: { zh: `无可行解：${msg.zh}`, en: `Infeasible: ${msg.en}` },
    objective: Number.NaN,
  };
}

/** Lower bound on the LSCP optimum: fewest sites whose single-site gains could add up to `need`. */
function lscpLowerBound(inst: Instance, need: number): number {
  if (need <= 0) return 0;
  const none = new Uint8Array(inst.weight.length);
  const gains: number[] = [];
  const { start, index } = inst.cover;
  for (let a = 0; a < inst.allowed.length; a++) {
    let g = 0;
    for (let k = start[a]; k < start[a + 1]; k++) if (!none[index[k]]) g += inst.weight[index[k]];
    gains.push(g);
  }
  gains.sort((x, y) => y - x);
  let s = 0;
  for (let m = 0; m < gains.length; m++) {
    s += gains[m];
    if (s >= need - 1e-9 * inst.totalWeight) return m + 1;
  }
  return gains.length + 1;
}

/** Upper bound on the MCLP optimum from a greedy run (see docs/siting.md, "Greedy and its bound"). */
function mclpBound(inst: Instance, run: GreedyRun, k: number, hasSideConstraints: boolean): number {
  const covered = coveredMask(inst, run.chosen);
  let bound = Math.min(inst.coverableWeight, onlineBound(inst, covered, run.gained, k), run.stepBound);
  if (!hasSideConstraints && (run.stop === "k" || run.stop === "no-gain"))
    bound = Math.min(bound, run.gained / ONE_MINUS_INV_E);
  return Math.max(bound, run.gained);
}

function hasSide(inst: Instance): boolean {
  const cons = inst.problem.constraints ?? {};
  const sumMin = Object.values(cons.perCountyMin ?? {}).reduce((s, m) => s + m, 0);
  return (cons.minSeparationKm ?? 0) > 0 || Object.keys(cons.perCountyMax ?? {}).length > 0 || sumMin > 0;
}

function greedyResult(inst: Instance, t0: number, note?: Msg): SitingResult {
  const p = inst.problem;
  const cons = p.constraints ?? {};
  const sumMin = Object.values(cons.perCountyMin ?? {}).reduce((s, m) => s + m, 0);
  const hasSideConstraints = hasSide(inst);
  const suffix = note ? { zh: `（${note.zh}）`, en: ` (${note.en})` } : { zh: "", en: "" };
  if (p.objective.kind === "mclp") {
    const k = p.objective.k;
    const run = runGreedy(inst, { k });
    const b = baseResult(inst, "greedy", run.chosen, run.gains, t0);
    const bound = mclpBound(inst, run, k, hasSideConstraints);
    const { gained: _g, ...rest } = b;
    if (!run.minsMet) {
      return {
        ...rest,
        timeMs: now() - t0,
        status: "heuristic",
        statusMessage: {
          zh: `贪心法未能满足${constraintWords(inst).zh}${suffix.zh}`,
          en: `greedy could not satisfy ${constraintWords(inst).en}${suffix.en}`,
        },
        objective: run.gained,
        bound,
        gap: relGap(run.gained, bound),
      };
    }
    const gap = relGap(run.gained, bound);
    return {
      ...rest,
      timeMs: now() - t0,
      status: "heuristic",
      statusMessage: {
        zh: `贪心解：新增覆盖不低于最优值的 ${pct(bound > 0 ? run.gained / bound : 1)}${suffix.zh}`,
        en: `greedy solution: new coverage is at least ${pct(bound > 0 ? run.gained / bound : 1)} of the optimum${suffix.en}`,
      },
      objective: run.gained,
      bound,
      gap,
    };
  }
  const W = inst.totalWeight;
  const need = p.objective.targetShare * W - inst.weightBefore;
  const run = runGreedy(inst, { need: Math.max(0, need) });
  const b = baseResult(inst, "greedy", run.chosen, run.gains, t0);
  const { gained: _g, ...rest } = b;
  const bound = Math.max(lscpLowerBound(inst, need), sumMin);
  if (run.stop !== "target") {
    return {
      ...rest,
      timeMs: now() - t0,
      status: "heuristic",
      statusMessage: {
        zh: `贪心法在满足${constraintWords(inst).zh}的情况下未达到目标 ${pct(p.objective.targetShare)}，最多覆盖 ${pct(rest.coveredShareAfter)}${suffix.zh}`,
        en: `greedy could not reach the target ${pct(p.objective.targetShare)} under ${constraintWords(inst).en}; it reached ${pct(rest.coveredShareAfter)}${suffix.en}`,
      },
      objective: run.chosen.length,
      bound,
      gap: relGap(run.chosen.length, bound),
    };
  }
  return {
    ...rest,
    timeMs: now() - t0,
    status: "heuristic",
    statusMessage: {
      zh: `贪心解：${run.chosen.length} 个新站点达到目标 ${pct(p.objective.targetShare)}，最优解至少需要 ${bound} 个${suffix.zh}`,
      en: `greedy solution: ${counted(run.chosen.length, "new site reaches", "new sites reach")} the target ${pct(p.objective.targetShare)}; the optimum needs at least ${bound}${suffix.en}`,
    },
    objective: run.chosen.length,
    bound,
    gap: relGap(run.chosen.length, bound),
  };
}

/** Keeps the sites that add coverage, plus zero-gain ones a per-county minimum needs. */
function dropUseless(inst: Instance, order: number[], gains: number[]): { order: number[]; gains: number[] } {
  const minBy = inst.problem.constraints?.perCountyMin ?? {};
  const count: Record<string, number> = {};
  for (const a of order) {
    const c = inst.county[a];
    if (c !== undefined) count[c] = (count[c] ?? 0) + 1;
  }
  const o: number[] = [];
  const g: number[] = [];
  // walk from the end so the zero-gain tail is dropped first
  const keep = new Array<boolean>(order.length).fill(true);
  for (let u = order.length - 1; u >= 0; u--) {
    if (gains[u] > 0) continue;
    const c = inst.county[order[u]];
    if (c !== undefined && minBy[c] !== undefined && count[c] <= minBy[c]) continue;
    keep[u] = false;
    if (c !== undefined) count[c]--;
  }
  order.forEach((a, u) => {
    if (keep[u]) {
      o.push(a);
      g.push(gains[u]);
    }
  });
  return { order: o, gains: g };
}

/**
 * Chooses new facility sites: MCLP (at most k sites, maximise newly covered weight) or
 * LSCP (fewest sites reaching a covered share), exactly with HiGHS or by lazy greedy.
 * Coverage is geodesic distance ≤ `radiusKm` (inclusive); demand already covered by
 * `existing` counts as covered and brings no gain.
 *
 * @example
 * const r = await solveSiting({ demand, candidates, existing: [], radiusKm: 10, objective: { kind: "mclp", k: 3 } });
 */
export async function solveSiting(problem: SitingProblem, opts: SolveOptions = {}): Promise<SitingResult> {
  const t0 = now();
  const inst = prepare(problem);
  const method = opts.method ?? "auto";
  const pre = precheck(inst);
  if (pre) return infeasibleResult(inst, method === "greedy" ? "greedy" : "exact", pre, t0);
  if (method === "greedy") return greedyResult(inst, t0);

  const W = inst.totalWeight;
  const isMclp = problem.objective.kind === "mclp";
  const need = problem.objective.kind === "lscp" ? problem.objective.targetShare * W - inst.weightBefore : 0;
  const separated = (problem.constraints?.minSeparationKm ?? 0) > 0;
  const model = reduceModel(inst, { dropDominated: !separated });
  const rows = model.rows;
  let nnz = 0;
  for (const s of rows.sets) nnz += s.length;
  if (method === "auto" && nnz > (opts.autoMaxNonzeros ?? 400_000)) {
    return greedyResult(inst, t0, {
      zh: `模型过大（${nnz} 个非零元），改用贪心法`,
      en: `model too large for the exact solver (${nnz} nonzeros), greedy used`,
    });
  }
  let highs = opts.highs;
  if (!highs) {
    try {
      highs = await loadHighs(opts.highsLoad);
    } catch (e) {
      if (method === "exact") throw e;
      return greedyResult(inst, t0, {
        zh: "无法加载 HiGHS，改用贪心法",
        en: `HiGHS could not be loaded (${String(e)}), greedy used`,
      });
    }
  }
  const sumMin = Object.values(problem.constraints?.perCountyMin ?? {}).reduce((s, m) => s + m, 0);
  if (!isMclp && need <= 1e-9 * W && sumMin === 0) {
    const b = baseResult(inst, "exact", [], [], t0);
    const { gained: _g, ...rest } = b;
    return {
      ...rest,
      status: "optimal",
      statusMessage: {
        zh: "现有设施已达到目标，无需新增站点",
        en: "existing sites already reach the target; no new site is needed",
      },
      objective: 0,
      bound: 0,
      gap: 0,
    };
  }
  const warm = runGreedy(inst, isMclp ? { k: (problem.objective as { k: number }).k } : { need: Math.max(0, need) });
  const warmFeasible = warm.minsMet && (isMclp || warm.stop === "target");
  const timeLimitSec = opts.timeLimitSec ?? 30;
  const targetGap = opts.mipRelGap ?? 1e-6;
  const info: SitingModelInfo = {
    demandPoints: model.demandRows,
    rows: rows.sets.length,
    candidates: model.usefulPositions,
    columns: countColumns(rows),
    dominated: model.dominated,
    highsRan: false,
    ms: { localSearch: 0, lagrangian: 0, highs: 0 },
  };
  let start = warmFeasible ? warm.chosen : undefined;
  let lagBound: number | undefined;
  let mipModel: ReducedModel = model;
  if (isMclp && warmFeasible) {
    // a strong incumbent from local search, and a bound from the Lagrangian relaxation, before any MIP:
    // each gets at most a fifth of the time limit
    const k = (problem.objective as { k: number }).k;
    const budgetMs = 200 * timeLimitSec;
    const t1 = now();
    let ls = improveBySwaps(inst, model, warm.chosen, k, { rounds: 5000, patience: 300, timeLimitMs: budgetMs });
    const lsMs = now() - t1;
    const t2 = now();
    const lag = boundAndFix(model, k, { incumbent: ls.value, stopGap: targetGap, timeLimitMs: budgetMs });
    const t3 = now();
    lagBound = lag.bound;
    const bound = Math.min(lag.bound, mclpBound(inst, warm, k, hasSide(inst)));
    info.ms.lagrangian = t3 - t2;
    // not proven yet, and the first chain stopped (300 rounds without progress) within its budget: it is stuck in
    // its basin, so further chains run from the greedy solution with other seeds while the budget lasts, until one
    // ends where an earlier one did (at most four in all). Every solution at least as good as the first chain's
    // avoids the candidates fixed against it, so the better one still fits the smaller model.
    if (relGap(ls.value, Math.max(bound, ls.value)) > targetGap && !ls.timedOut) {
      const t5 = now();
      for (let seed = 2, last = ls.value; seed <= 4; seed++) {
        const left = budgetMs - lsMs - (now() - t5);
        if (left < 0.1 * budgetMs) break;
        const more = improveBySwaps(inst, model, warm.chosen, k, {
          rounds: 5000,
          patience: 300,
          timeLimitMs: left,
          seed,
        });
        const same =
          Math.abs(more.value - last) <= 1e-9 * Math.max(1, last) ||
          Math.abs(more.value - ls.value) <= 1e-9 * Math.max(1, ls.value);
        if (more.value > ls.value) ls = more;
        if (same || more.timedOut) break;
        last = more.value;
      }
      info.ms.localSearch = lsMs + (now() - t5);
    } else info.ms.localSearch = lsMs;
    start = ls.chosen;
    Object.assign(info, {
      greedyObjective: warm.gained,
      localSearchObjective: ls.value,
      lagrangianBound: lag.bound,
      fixedByBound: lag.fixed,
    });
    const proven = Math.max(bound, ls.value);
    if (relGap(ls.value, proven) <= targetGap)
      return exactResult(inst, ls.chosen, "optimal", proven, timeLimitSec, info, t0);
    // the MIP without the candidates that no solution as good as the local search's can use
    mipModel = lag.model;
  }
  const mip = buildMip(
    inst,
    mipModel.rows,
    isMclp ? { k: (problem.objective as { k: number }).k } : { need: Math.max(0, need) },
  );
  const elapsedSec = (now() - t0) / 1000;
  const t4 = now();
  const out = runMip(highs, mip, {
    timeLimitSec: Math.max(0.1 * timeLimitSec, timeLimitSec - elapsedSec),
    start,
    relGap: opts.mipRelGap,
    highsOptions: opts.highsOptions,
  });
  info.highsRan = true;
  info.ms.highs = now() - t4;
  if (out.dualBound !== undefined) info.highsBound = out.dualBound;
  if (out.status === "infeasible" && mipModel !== model && start) {
    // the smaller model holds the start, so this cannot happen unless HiGHS rejects it; the start stands, unproven
    return exactResult(inst, start, "time-limit", lagBound, timeLimitSec, info, t0, targetGap);
  }
  if (out.status === "infeasible") {
    const w = constraintWords(inst);
    const msg = isMclp
      ? { zh: `${w.zh}无法同时满足`, en: `${w.en} cannot all be met together` }
      : {
          zh: `在${w.zh}下无法达到目标 ${pct((problem.objective as { targetShare: number }).targetShare)}（不考虑这些约束时可以达到）`,
          en: `no set of sites reaches the target ${pct((problem.objective as { targetShare: number }).targetShare)} under ${w.en} (it is reachable without them)`,
        };
    return infeasibleResult(inst, "exact", msg, t0);
  }
  let chosen = out.chosen;
  if (!out.hasSolution) {
    if (!start) {
      const b = baseResult(inst, "exact", [], [], t0);
      const { gained: _g, ...rest } = b;
      return {
        ...rest,
        status: "time-limit",
        statusMessage: {
          zh: `已达 ${timeLimitSec} 秒时间上限，尚未找到可行解`,
          en: `time limit of ${timeLimitSec} s reached before any feasible solution was found`,
        },
        objective: Number.NaN,
        bound: out.dualBound,
        model: info,
      };
    }
    chosen = start;
  } else if (isMclp && start && gainOf(inst, start) > gainOf(inst, chosen)) {
    // HiGHS may have rejected the start and stopped on a worse incumbent
    chosen = start;
  }
  // HiGHS's dual bound, tightened by the bounds known before it ran (HiGHS may stop before it has one)
  let bound = out.dualBound;
  if (isMclp) {
    const g = Math.min(
      mclpBound(inst, warm, (problem.objective as { k: number }).k, hasSide(inst)),
      lagBound ?? Infinity,
    );
    bound = Math.min(bound ?? g, g);
  } else {
    const g = Math.max(lscpLowerBound(inst, need), sumMin);
    bound = Math.max(bound === undefined ? g : Math.ceil(bound - 1e-6), g);
  }
  return exactResult(inst, chosen, out.status, bound, timeLimitSec, info, t0, targetGap);
}

/** Columns the MIP will have: positions in some row. */
function countColumns(rows: AggregatedRows): number {
  const used = new Set<number>();
  for (const set of rows.sets) for (const a of set) used.add(a);
  return used.size;
}

/** Open weight covered by a set of positions. */
function gainOf(inst: Instance, positions: number[]): number {
  const covered = coveredMask(inst, positions);
  let g = 0;
  for (let i = 0; i < covered.length; i++) if (covered[i]) g += inst.weight[i];
  return g;
}

/**
 * The result of an exact run from its chosen positions: sites in greedy order with their gains, the
 * objective recomputed from the coverage matrix, and the status. "optimal" when the solver proved it, or
 * when the bound is within `targetGap` of the objective (the message then gives the gap).
 */
function exactResult(
  inst: Instance,
  chosen: number[],
  solverStatus: "optimal" | "time-limit",
  rawBound: number | undefined,
  timeLimitSec: number,
  info: SitingModelInfo,
  t0: number,
  targetGap = 0,
): SitingResult {
  const problem = inst.problem;
  const W = inst.totalWeight;
  const isMclp = problem.objective.kind === "mclp";
  const ordered = orderByGain(inst, chosen);
  const { order, gains } = isMclp ? dropUseless(inst, ordered.order, ordered.gains) : ordered;
  const b = baseResult(inst, "exact", order, gains, t0);
  const { gained, ...rest } = b;
  const objective = isMclp ? gained : order.length;
  const bound =
    rawBound === undefined ? undefined : isMclp ? Math.max(rawBound, objective) : Math.min(rawBound, objective);
  const gap = bound === undefined ? undefined : relGap(objective, bound);
  const proven = solverStatus === "optimal" || (gap !== undefined && gap <= targetGap);
  if (proven) {
    const within =
      gap !== undefined && gap > 1e-6
        ? { zh: `（与最优值之差不超过 ${pct(gap)}，已证明）`, en: ` (proven within ${pct(gap)} of the optimum)` }
        : { zh: "", en: "" };
    return {
      ...rest,
      status: "optimal",
      // the optimum is the candidates' (a grid's points, or the list given), as the CLI says (the user trial, s50 M4)
      statusMessage: isMclp
        ? {
            zh:
              order.length === 0
                ? `最优解（就所列 ${inst.allowed.length} 个候选点而言）：没有候选点能增加覆盖${within.zh}`
                : `最优解（就所列 ${inst.allowed.length} 个候选点而言）：${order.length} 个新站点，新增覆盖 ${pct(W > 0 ? gained / W : 0)}${within.zh}`,
            // no site: said in words, not 「0 new sites add 0% coverage」 (the trial, s51 #5)
            en:
              order.length === 0
                ? `optimal among the ${inst.allowed.length} candidates: none of them adds coverage${within.en}`
                : `optimal among the ${inst.allowed.length} candidates: ${counted(order.length, "new site adds", "new sites add")} ${pct(W > 0 ? gained / W : 0)} coverage${within.en}`,
          }
        : {
            zh: `最优解（就所列 ${inst.allowed.length} 个候选点而言）：至少需要 ${order.length} 个新站点${within.zh}`,
            en: `optimal among the ${inst.allowed.length} candidates: ${order.length === 1 ? "1 new site is the fewest that reaches" : `${order.length} new sites are the fewest that reach`} the target${within.en}`,
          },
      objective,
      bound,
      gap,
      model: info,
      timeMs: now() - t0,
    };
  }
  return {
    ...rest,
    status: "time-limit",
    statusMessage: {
      zh: `已达 ${timeLimitSec} 秒时间上限；当前解与最优解的差距不超过 ${pct(gap ?? 1)}`,
      en: `time limit of ${timeLimitSec} s reached; the solution is within ${pct(gap ?? 1)} of the optimum`,
    },
    objective,
    bound,
    gap,
    model: info,
    timeMs: now() - t0,
  };
}
