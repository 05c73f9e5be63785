import type { Highs } from "highs";
import { conflictPairs, type Instance } from "./prepare";

/** A loaded HiGHS WebAssembly runtime (the object `await (await import("highs")).default()` resolves to). */
export type HighsInstance = Highs;

/** Options passed to the HiGHS loader; `locateFile` tells it where `highs.wasm` is served. */
export interface HighsLoadOptions {
  locateFile?: (file: string) => string;
  wasmBinary?: ArrayBuffer | ArrayBufferView;
}

let cached: Promise<HighsInstance> | null = null;

/**
 * Loads HiGHS. Without options the instance is cached for the life of the module.
 * In a browser bundle pass `locateFile` returning the URL of `highs.wasm` (see docs/siting.md).
 */
export function loadHighs(options?: HighsLoadOptions): Promise<HighsInstance> {
  const load = async () => {
    const mod = await import("highs");
    return mod.default(options);
  };
  if (options) return load();
  if (!cached) {
    cached = load();
    cached.catch(() => {
      cached = null;
    });
  }
  return cached;
}

/** Demand points aggregated by identical covering sets of allowed candidates. */
export interface AggregatedRows {
  /** Allowed positions covering each row. */
  sets: Int32Array[];
  weight: number[];
}

/** Merges open demand points covered by exactly the same allowed candidates into one weighted row. */
export function aggregateRows(inst: Instance): AggregatedRows {
  const { start, index } = inst.coveredBy;
  const byKey = new Map<string, number>();
  const sets: Int32Array[] = [];
  const weight: number[] = [];
  for (let i = 0; i < inst.weight.length; i++) {
    const s = start[i];
    const e = start[i + 1];
    if (e === s) continue;
    const set = index.subarray(s, e);
    const key = set.join(",");
    const r = byKey.get(key);
    if (r === undefined) {
      byKey.set(key, sets.length);
      sets.push(set);
      weight.push(inst.weight[i]);
    } else weight[r] += inst.weight[i];
  }
  return { sets, weight };
}

/** The MIP in CPLEX LP format plus what is needed to read the solution back. */
export interface SitingMip {
  lp: string;
  /** Allowed positions that have a column `x<position>`. */
  columns: number[];
  rows: number;
  /** Multiplier applied to weights in the LP (objective / target are in scaled units). */
  scale: number;
  /** Number of separation constraints written. */
  separationPairs: number;
  /** The aggregated rows behind `y<r>`. */
  aggregated: AggregatedRows;
}

function num(v: number): string {
  const s = Number(v.toPrecision(12)).toString();
  return s;
}

/** Writes terms `coef name` (coef 1 / −1 written as a sign) on lines of at most 16 terms. */
function sum(terms: Array<[number, string]>): string {
  const parts: string[] = [];
  terms.forEach(([c, name], u) => {
    const sign = c < 0 ? "-" : "+";
    const mag = Math.abs(c);
    const t = mag === 1 ? `${name}` : `${num(mag)} ${name}`;
    parts.push(u === 0 ? (c < 0 ? `- ${t}` : t) : `${sign} ${t}`);
    if ((u + 1) % 16 === 0) parts.push("\n  ");
  });
  return parts.join(" ");
}

/**
 * Builds the MCLP or LSCP model:
 * - MCLP: max Σ w_r y_r  s.t.  y_r ≤ Σ_{j∈N_r} x_j,  Σ x_j ≤ k,  constraints,  0 ≤ y ≤ 1,  x binary.
 * - LSCP: min Σ x_j      s.t.  y_r ≤ Σ_{j∈N_r} x_j,  Σ w_r y_r ≥ need,  constraints, …
 * Constraints: x_a + x_b ≤ 1 for candidates closer than the separation; Σ_{j∈c} x_j ≤ max_c / ≥ min_c.
 */
export function buildMip(inst: Instance, rows: AggregatedRows, goal: { k?: number; need?: number }): SitingMip {
  const cons = inst.problem.constraints ?? {};
  const minBy = cons.perCountyMin ?? {};
  const maxBy = cons.perCountyMax ?? {};
  const used = new Set<number>();
  for (const set of rows.sets) for (const a of set) used.add(a);
  for (let a = 0; a < inst.allowed.length; a++) {
    const c = inst.county[a];
    if (c !== undefined && (minBy[c] ?? 0) > 0) used.add(a);
  }
  const columns = [...used].sort((x, y) => x - y);
  const scale = 1e4 / Math.max(inst.coverableWeight, 1e-300);
  const x = (a: number) => `x${a}`;
  const out: string[] = [];
  const isMclp = goal.k !== undefined;
  if (isMclp) {
    const terms = rows.weight.map((w, r) => [w * scale, `y${r}`] as [number, string]);
    out.push("Maximize", ` obj: ${terms.length > 0 ? sum(terms) : `0 ${x(columns[0] ?? 0)}`}`);
  } else {
    out.push("Minimize", ` obj: ${sum(columns.map((a) => [1, x(a)] as [number, string]))}`);
  }
  out.push("Subject To");
  rows.sets.forEach((set, r) => {
    const terms: Array<[number, string]> = [[1, `y${r}`]];
    for (const a of set) terms.push([-1, x(a)]);
    out.push(` c${r}: ${sum(terms)} <= 0`);
  });
  if (isMclp && columns.length > 0)
    out.push(` k: ${sum(columns.map((a) => [1, x(a)] as [number, string]))} <= ${goal.k}`);
  if (!isMclp && rows.sets.length > 0) {
    const terms = rows.weight.map((w, r) => [w * scale, `y${r}`] as [number, string]);
    out.push(` target: ${sum(terms)} >= ${num((goal.need ?? 0) * scale)}`);
  }
  let separationPairs = 0;
  if ((cons.minSeparationKm ?? 0) > 0) {
    for (const [a, b] of conflictPairs(inst, cons.minSeparationKm as number, used)) {
      out.push(` s${separationPairs++}: ${x(a)} + ${x(b)} <= 1`);
    }
  }
  const countyCols = new Map<string, number[]>();
  for (const a of columns) {
    const c = inst.county[a];
    if (c === undefined) continue;
    const list = countyCols.get(c) ?? [];
    list.push(a);
    countyCols.set(c, list);
  }
  let q = 0;
  for (const [c, m] of Object.entries(maxBy)) {
    const list = countyCols.get(c);
    if (list && list.length > m)
      out.push(` cmax${q++}: ${sum(list.map((a) => [1, x(a)] as [number, string]))} <= ${m}`);
  }
  for (const [c, m] of Object.entries(minBy)) {
    if (m <= 0) continue;
    const list = countyCols.get(c) ?? [];
    // an empty list with m > 0 is caught before the MIP is built
    if (list.length > 0) out.push(` cmin${q++}: ${sum(list.map((a) => [1, x(a)] as [number, string]))} >= ${m}`);
  }
  out.push("Bounds");
  for (let r = 0; r < rows.sets.length; r++) out.push(` 0 <= y${r} <= 1`);
  if (columns.length > 0) {
    out.push("Binaries");
    for (let u = 0; u < columns.length; u += 20)
      out.push(
        ` ${columns
          .slice(u, u + 20)
          .map(x)
          .join(" ")}`,
      );
  }
  out.push("End", "");
  return { lp: out.join("\n"), columns, rows: rows.sets.length, scale, separationPairs, aggregated: rows };
}

/** What came back from HiGHS, in problem units. */
export interface MipOutcome {
  status: "optimal" | "time-limit" | "infeasible";
  /** Chosen allowed positions (empty when infeasible or no incumbent). */
  chosen: number[];
  hasSolution: boolean;
  /** MIP dual bound in problem units (weight for MCLP, sites for LSCP), when HiGHS reports one. */
  dualBound?: number;
  /** HiGHS's own relative gap. */
  mipGap?: number;
}

/** Solves the model; `start` (allowed positions) is offered as the initial incumbent. */
export function runMip(
  highs: HighsInstance,
  mip: SitingMip,
  opts: {
    timeLimitSec: number;
    start?: number[];
    relGap?: number;
    highsOptions?: Readonly<Record<string, string | number | boolean>>;
  },
): MipOutcome {
  const model = highs.createModel({ format: "lp", data: mip.lp });
  try {
    // presolve off: on county MCLPs (2,000 rows × 500 binaries) the root LP is ≈ 3× faster without it (measured)
    model.options.set({
      output_flag: false,
      presolve: "off",
      time_limit: opts.timeLimitSec,
      mip_rel_gap: opts.relGap ?? 1e-6,
      ...opts.highsOptions,
    });
    const dims = model.getDimensions();
    if (opts.start && dims.numCols > 0) {
      const chosen = new Set(opts.start);
      const colValue = new Float64Array(dims.numCols);
      for (let c = 0; c < dims.numCols; c++) {
        const name = model.getColName(c);
        const id = Number(name.slice(1));
        if (name.startsWith("x")) colValue[c] = chosen.has(id) ? 1 : 0;
        else colValue[c] = mip.aggregated.sets[id].some((a) => chosen.has(a)) ? 1 : 0;
      }
      try {
        model.setSolution({ colValue });
      } catch {
        // an infeasible or rejected start is only a hint
      }
    }
    model.run();
    const st = model.getModelStatus();
    const K = highs.constants.modelStatus;
    const info = (name: string): number | undefined => {
      try {
        const v = model.info.get(name);
        return typeof v === "bigint" ? Number(v) : v;
      } catch {
        return undefined;
      }
    };
    if (st === K.infeasible || st === K.unboundedOrInfeasible) {
      return { status: "infeasible", chosen: [], hasSolution: false };
    }
    if (st !== K.optimal && st !== K.timeLimit && st !== K.interrupted && st !== K.iterationLimit) {
      throw new Error(`HiGHS ended with model status ${st}`);
    }
    const hasSolution = (info("primal_solution_status") ?? 0) >= 2;
    const chosen: number[] = [];
    if (hasSolution) {
      const v = model.getSolution().colValue;
      for (let c = 0; c < v.length; c++) {
        const name = model.getColName(c);
        if (name.startsWith("x") && v[c] > 0.5) chosen.push(Number(name.slice(1)));
      }
    }
    const isMclp = mip.lp.startsWith("Maximize");
    const db = info("mip_dual_bound");
    const dualBound = db === undefined || !Number.isFinite(db) ? undefined : isMclp ? db / mip.scale : db;
    return {
      status: st === K.optimal ? "optimal" : "time-limit",
      chosen: chosen.sort((a, b) => a - b),
      hasSolution,
      dualBound,
      mipGap: info("mip_gap"),
    };
  } finally {
    model.dispose();
  }
}
