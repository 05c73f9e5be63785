// A bound on 桐柏县's MCLP (issue #13: r = 5 km, k = 30) that counts whole discs: the CANDIDATES are partitioned
// into square regions and each region's choice of sites is solved exactly, the regions linked by prices on the
// demand rows they share (a Lagrangian decomposition, its prices found by column generation).
// `npx tsx scripts/siting-region-bound.ts [--sides 10,15,20] [--sec S] [--check-only]`
//
// For prices π_r ∈ [0, w_r] on the rows and μ ≥ 0 on the site count, every choice x of at most k sites with
// S_R = the sites in region R satisfies
//   covered(x) = Σ_r w_r·min(1, Σ_R a_r(S_R)) ≤ Σ_r (w_r − π_r) + Σ_R [Σ_r π_r a_r(S_R) − μ|S_R|] + μk
//             ≤ Σ_r (w_r − π_r) + μk + Σ_R v_R(π, μ),   v_R = max over S ⊆ R of Σ_r π_r a_r(S) − μ|S|  (≥ 0),
// where a_r(S) = 1 when some site of S covers row r. v_R is a small MIP per region solved by HiGHS, whose dual
// bound is used, so the bound stays valid when a region stops at its time limit. The prices come from the master
// LP over the regions' solutions found so far (Dantzig–Wolfe); any prices give a valid bound, the master's only
// make it small.
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import {
  type CountyGrid,
  type HighsInstance,
  loadHighs,
  prepare,
  reduceModel,
  type SitingProblem,
  solveSiting,
} from "../src/core";
import { issueProblem, nanyangCountyGrid } from "./lib/siting-instances";

type Inst = ReturnType<typeof prepare>;
type Model = ReturnType<typeof reduceModel>;
const fc = JSON.parse(readFileSync(new URL("../geodata/counties-nanyang.geojson", import.meta.url), "utf8"));
const highs = await loadHighs();
const load = () => `load ${loadavg()[0].toFixed(1)}`;
const arg = (name: string) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
};

function info(model: { info: { get(name: string): unknown } }, name: string): number {
  const v = model.info.get(name);
  return typeof v === "bigint" ? Number(v) : (v as number);
}

/** Regions of candidate positions: squares of `sideKm` shifted by (ox, oy) km, over the positions that cover a row. */
function regionsOf(inst: Inst, model: Model, grid: CountyGrid, sideKm: number, ox: number, oy: number): number[][] {
  const p = inst.problem;
  const byKey = new Map<string, number[]>();
  for (let a = 0; a < inst.allowed.length; a++) {
    if (model.cover.start[a + 1] === model.cover.start[a]) continue;
    const c = p.candidates[inst.allowed[a]];
    const [x, y] = grid.projection.forward(c.lon, c.lat);
    const key = `${Math.floor((x / 1000 - ox) / sideKm)},${Math.floor((y / 1000 - oy) / sideKm)}`;
    const list = byKey.get(key) ?? [];
    list.push(a);
    byKey.set(key, list);
  }
  return [...byKey.values()];
}

/** Rows covered by a set of positions. */
function rowsOf(model: Model, sites: number[]): Set<number> {
  const out = new Set<number>();
  for (const a of sites)
    for (let q = model.cover.start[a]; q < model.cover.start[a + 1]; q++) out.add(model.cover.index[q]);
  return out;
}

/** v_R(π, μ) by HiGHS: its dual bound (valid upper bound) and the best set found. */
function price(
  h: HighsInstance,
  model: Model,
  region: number[],
  pi: Float64Array,
  mu: number,
  k: number,
  limitSec: number,
): { upper: number; value: number; sites: number[] } {
  const rows = new Map<number, number[]>();
  for (const a of region)
    for (let q = model.cover.start[a]; q < model.cover.start[a + 1]; q++) {
      const r = model.cover.index[q];
      if (pi[r] <= 1e-12) continue;
      const list = rows.get(r) ?? [];
      list.push(a);
      rows.set(r, list);
    }
  if (rows.size === 0) return { upper: 0, value: 0, sites: [] };
  const cols = region.filter((a) => {
    for (let q = model.cover.start[a]; q < model.cover.start[a + 1]; q++)
      if (pi[model.cover.index[q]] > 1e-12) return true;
    return false;
  });
  const lp = [
    "Maximize",
    ` obj: ${[...rows.keys()].map((r) => `+ ${pi[r].toPrecision(15)} y${r}`).join(" ")}${mu > 0 ? ` ${cols.map((a) => `- ${mu.toPrecision(15)} x${a}`).join(" ")}` : ""}`,
    "Subject To",
    ...[...rows].map(([r, as]) => ` c${r}: y${r} ${as.map((a) => `- x${a}`).join(" ")} <= 0`),
    ` k: ${cols.map((a) => `x${a}`).join(" + ")} <= ${k}`,
    "Bounds",
    ...[...rows.keys()].map((r) => ` 0 <= y${r} <= 1`),
    "Binaries",
    ` ${cols.map((a) => `x${a}`).join(" ")}`,
    "End",
  ].join("\n");
  const m = h.createModel({ format: "lp", data: lp });
  try {
    m.options.set({ output_flag: false, presolve: "off", time_limit: limitSec, mip_rel_gap: 1e-7 });
    m.run();
    const dual = info(m, "mip_dual_bound");
    const names: string[] = [];
    const n = m.getDimensions().numCols;
    for (let c = 0; c < n; c++) names.push(m.getColName(c));
    const v = m.getSolution().colValue;
    const sites = names.flatMap((name, c) => (name.startsWith("x") && v[c] > 0.5 ? [Number(name.slice(1))] : []));
    let value = -mu * sites.length;
    for (const r of rowsOf(model, sites)) value += pi[r];
    // no dual bound (no time for the root): every positive price reachable from the region
    let all = 0;
    for (const r of rows.keys()) all += pi[r];
    const upper = Number.isFinite(dual) ? Math.min(Math.max(dual, value, 0), all) : all;
    return { upper, value, sites };
  } finally {
    m.dispose();
  }
}

interface Pattern {
  region: number;
  sites: number[];
  rows: number[];
}

/** The restricted master LP: its value, and the prices (π on rows, μ on k). */
function master(h: HighsInstance, model: Model, regions: number[][], patterns: Pattern[], k: number) {
  const nRows = model.rows.weight.length;
  const byRow: string[][] = Array.from({ length: nRows }, () => []);
  patterns.forEach((p, u) => {
    for (const r of p.rows) byRow[r].push(`l${u}`);
  });
  const lp = [
    "Maximize",
    ` obj: ${model.rows.weight.map((w, r) => `+ ${w.toPrecision(15)} y${r}`).join(" ")}`,
    "Subject To",
    ...byRow.map((ls, r) => ` c${r}: y${r}${ls.map((l) => ` - ${l}`).join("")} <= 0`),
    ` k: ${patterns.map((p, u) => `+ ${p.sites.length} l${u}`).join(" ")} <= ${k}`,
    ...regions.map(
      (_, g) => ` g${g}: ${patterns.flatMap((p, u) => (p.region === g ? [`+ l${u}`] : [])).join(" ")} = 1`,
    ),
    "Bounds",
    ...model.rows.weight.map((_, r) => ` 0 <= y${r} <= 1`),
    "End",
  ].join("\n");
  const m = h.createModel({ format: "lp", data: lp });
  try {
    m.options.set({ output_flag: false, presolve: "off" });
    m.run();
    const sol = m.getSolution();
    const dims = m.getDimensions();
    const pi = new Float64Array(nRows);
    let mu = 0;
    for (let i = 0; i < dims.numRows; i++) {
      const name = m.getRowName(i);
      const d = Math.abs(sol.rowDual[i]);
      if (name.startsWith("c")) {
        const r = Number(name.slice(1));
        pi[r] = Math.min(d, model.rows.weight[r]);
      } else if (name === "k") mu = d;
    }
    return { value: info(m, "objective_function_value"), pi, mu };
  } finally {
    m.dispose();
  }
}

/**
 * Column generation; returns the least Lagrangian bound met (valid for every iteration), the master's value and
 * the iteration count.
 */
function regionBound(
  h: HighsInstance,
  model: Model,
  regions: number[][],
  k: number,
  starts: number[][],
  opts: { timeSec: number; priceSec: number; log?: (s: string) => void },
) {
  const regionOf = new Map<number, number>();
  regions.forEach((reg, g) => {
    for (const a of reg) regionOf.set(a, g);
  });
  const patterns: Pattern[] = regions.map((_, g) => ({ region: g, sites: [], rows: [] }));
  const seen = new Set<string>();
  const add = (g: number, sites: number[]) => {
    const key = `${g}:${[...sites].sort((x, y) => x - y).join(",")}`;
    if (sites.length === 0 || seen.has(key)) return false;
    seen.add(key);
    patterns.push({ region: g, sites, rows: [...rowsOf(model, sites)] });
    return true;
  };
  for (const start of starts)
    regions.forEach((_, g) => {
      add(
        g,
        start.filter((a) => regionOf.get(a) === g),
      );
    });
  const t0 = performance.now();
  let best = Number.POSITIVE_INFINITY;
  let lastMaster = Number.NaN;
  let it = 0;
  let worstPriceMs = 0;
  // the sum of the regions' own coverages (π = w, μ = 0 is not a good start: begin from the master's prices)
  while ((performance.now() - t0) / 1000 < opts.timeSec) {
    it++;
    const ms = master(h, model, regions, patterns, k);
    lastMaster = ms.value;
    let bound = ms.mu * k;
    for (let r = 0; r < ms.pi.length; r++) bound += model.rows.weight[r] - ms.pi[r];
    let added = 0;
    for (let g = 0; g < regions.length; g++) {
      const t = performance.now();
      const pr = price(h, model, regions[g], ms.pi, ms.mu, k, opts.priceSec);
      worstPriceMs = Math.max(worstPriceMs, performance.now() - t);
      bound += pr.upper;
      if (add(g, pr.sites)) added++;
    }
    best = Math.min(best, bound);
    opts.log?.(
      `    it ${it}: master ${ms.value.toFixed(2)}, bound ${bound.toFixed(2)} (best ${best.toFixed(2)}) km², μ ${ms.mu.toFixed(3)}, ${added} columns added, ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    if (added === 0 || best - ms.value < 1e-6 * best) break;
  }
  return { bound: best * (1 + 1e-9), master: lastMaster, iterations: it, patterns: patterns.length, worstPriceMs };
}

/** Best k-subset by enumeration (small instances only). */
function bruteForce(model: Model, positions: number[], k: number): number {
  let best = 0;
  const pick: number[] = [];
  const rec = (from: number) => {
    if (pick.length === k) {
      let v = 0;
      for (const r of rowsOf(model, pick)) v += model.rows.weight[r];
      best = Math.max(best, v);
      return;
    }
    for (let u = from; u <= positions.length - (k - pick.length); u++) {
      pick.push(positions[u]);
      rec(u + 1);
      pick.pop();
    }
  };
  rec(0);
  return best;
}

const pct = (x: number, W: number) => `${((100 * x) / W).toFixed(3)} %`;

// --- the bound is a bound: brute force on small instances of 桐柏县 (r 5 km): every 4th candidate with k = 3, and the
// candidates within 7 km of the middle one with k = 5 (their discs must overlap, so the bound is not trivially tight)
const checks: Array<{ label: string; k: number; keep: (c: { lon: number; lat: number }, u: number) => boolean }> = [];
if (!process.argv.includes("--skip-check")) {
  const grid = nanyangCountyGrid(fc, "411330");
  const all = issueProblem(grid, 5, 3, "as filed").candidates.map((c) => grid.projection.forward(c.lon, c.lat));
  const mx = all.reduce((s, p) => s + p[0], 0) / all.length;
  const my = all.reduce((s, p) => s + p[1], 0) / all.length;
  const mid = all.reduce((b, p) => ((p[0] - mx) ** 2 + (p[1] - my) ** 2 < (b[0] - mx) ** 2 + (b[1] - my) ** 2 ? p : b));
  checks.push({ label: "every 4th candidate", k: 3, keep: (_, u) => u % 4 === 0 });
  checks.push({
    label: "candidates within 7 km of the middle one",
    k: 5,
    keep: (c) => {
      const [x, y] = grid.projection.forward(c.lon, c.lat);
      return (x - mid[0]) ** 2 + (y - mid[1]) ** 2 <= 7000 ** 2;
    },
  });
}
for (const { label, k, keep } of checks) {
  const grid = nanyangCountyGrid(fc, "411330");
  const full = issueProblem(grid, 5, k, "as filed");
  const small: SitingProblem = { ...full, candidates: full.candidates.filter((c, u) => keep(c, u)) };
  const inst = prepare(small);
  const model = reduceModel(inst, { dropDominated: false });
  const W = inst.totalWeight;
  const useful = inst.allowed.flatMap((_, a) => (model.cover.start[a + 1] > model.cover.start[a] ? [a] : []));
  const opt = bruteForce(model, useful, k);
  for (const side of [4, 8, 20]) {
    const regions = regionsOf(inst, model, grid, side, 0, 0);
    const r = regionBound(highs, model, regions, k, [], { timeSec: 20, priceSec: 5 });
    const ok = r.bound >= opt * (1 - 1e-9);
    console.log(
      `check: 桐柏县 r 5 km k ${k}, ${label} (${useful.length}): brute force ${pct(opt, W)}; region bound (${side} km, ${regions.length} regions, ${r.iterations} iterations) ${pct(r.bound, W)}, master ${pct(r.master, W)}: ${ok ? "valid" : "INVALID"}`,
    );
    if (!ok) process.exitCode = 1;
  }
}
if (process.argv.includes("--check-only")) process.exit();

// --- 桐柏县 r 5 km k 30
const grid = nanyangCountyGrid(fc, "411330");
const k = 30;
const problem = issueProblem(grid, 5, k, "as filed");
const inst = prepare(problem);
const W = inst.totalWeight;
const model = reduceModel(inst, { dropDominated: true });
console.log(`[${load()}] 桐柏县 r 5 km k 30: W = ${W.toFixed(1)} km², ${model.rows.weight.length} rows`);
const ours = await solveSiting(problem, { method: "exact", highs, timeLimitSec: 30, mipRelGap: 0.005 });
const byId = new Map(inst.allowed.map((a, u) => [problem.candidates[a].id, u]));
const start = ours.sites.map((s) => byId.get(s.candidateId) as number);
console.log(`  ours: ${pct(ours.objective, W)}, bound ${pct(ours.bound ?? Number.NaN, W)}`);
const sides = (arg("--sides") ?? "10,15,20").split(",").map(Number);
const sec = Number(arg("--sec") ?? 120);
for (const side of sides) {
  const regions = regionsOf(inst, model, grid, side, 0, 0);
  const sizes = regions.map((r) => r.length);
  console.log(
    `  [${load()}] ${side} km squares: ${regions.length} regions, ${Math.min(...sizes)}–${Math.max(...sizes)} candidates each`,
  );
  const t = performance.now();
  const r = regionBound(highs, model, regions, k, [start], {
    timeSec: sec,
    priceSec: 10,
    log: (s) => console.log(s),
  });
  console.log(
    `  [${load()}] ${side} km: bound ${pct(r.bound, W)}, master ${pct(r.master, W)} after ${r.iterations} iterations, ${r.patterns} columns, ${((performance.now() - t) / 1000).toFixed(1)} s (slowest pricing ${(r.worstPriceMs / 1000).toFixed(1)} s)`,
  );
}
