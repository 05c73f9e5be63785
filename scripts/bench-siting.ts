// Siting benchmarks: `npx tsx scripts/bench-siting.ts [--runs N] [--skip-glpk] [--issue-only]`
// 0. the two instances of issue #13 (桐柏县 r = 5 km k = 30, 西峡县 r = 10 km k = 10), exact with a 30 s limit, with
//    the candidate lattice as filed and the nested one; the reduced model's LP cross-checked with GLPK (glpsol);
// 1. one real Nanyang county (桐柏县 411330): 1 km demand blocks × 2 km candidate grid, exact MCLP k = 5;
// 2. the whole of Nanyang (13 county grids) greedy MCLP k = 20, and a synthetic 200 × 200 km square of
//    1 km cells (40,000) with 2 km candidates.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import {
  boundAndFix,
  buildCountyGrid,
  buildMip,
  type Candidate,
  candidatesFromGrid,
  type WeightedDemandPoint as DemandPoint,
  demandFromGrid,
  type ExistingSite,
  loadHighs,
  localTransverseMercator,
  prepare,
  reduceModel,
  type SitingProblem,
  type SitingResult,
  solveSiting,
} from "../src/core";
import { filedCandidates } from "./lib/siting-instances";

const runsArg = process.argv.indexOf("--runs");
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 3;
const GLPSOL = "/usr/bin/glpsol";

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function timeIt(label: string, f: () => Promise<SitingResult>): Promise<void> {
  const times: number[] = [];
  let last: SitingResult | undefined;
  for (let r = 0; r < RUNS; r++) {
    const t = performance.now();
    last = await f();
    times.push(performance.now() - t);
  }
  const res = last as SitingResult;
  const gap = res.gap === undefined ? "" : ` gap=${(res.gap * 100).toFixed(3)}%`;
  console.log(
    `${label}: median ${median(times).toFixed(0)} ms (runs ${times.map((t) => t.toFixed(0)).join(", ")}) ` +
      `method=${res.method} status=${res.status} sites=${res.sites.length} covered ${(res.coveredShareBefore * 100).toFixed(1)}% → ${(res.coveredShareAfter * 100).toFixed(1)}%${gap}`,
  );
}

const fc = JSON.parse(readFileSync(new URL("../geodata/counties-nanyang.geojson", import.meta.url), "utf8"));
const scenario = JSON.parse(readFileSync(new URL("../geodata/scenario-nanyang.geojson", import.meta.url), "utf8"));
const highs = await loadHighs();
const countyGrid = (code: string) =>
  buildCountyGrid(fc.features.find((f: { properties: { code: string } }) => f.properties.code === code));

/** GLPK on the reduced model's LP: its last incumbent and bound (problem units), status and wall time. */
function glpk(problem: SitingProblem, k: number, tmlim: number, fixAt?: number) {
  const inst = prepare(problem);
  let model = reduceModel(inst, { dropDominated: true });
  // with fixAt, the model after reduced-cost fixing against that incumbent (what HiGHS is given)
  let fixed = 0;
  if (fixAt !== undefined) {
    const f = boundAndFix(model, k, { incumbent: fixAt, timeLimitMs: 20_000 });
    model = f.model;
    fixed = f.fixed;
  }
  const mip = buildMip(inst, model.rows, { k });
  const dir = mkdtempSync(join(tmpdir(), "bench-siting-"));
  try {
    const file = join(dir, "model.lp");
    writeFileSync(file, mip.lp);
    const t = performance.now();
    const out = spawnSync(GLPSOL, ["--lp", file, "--tmlim", String(tmlim)], { encoding: "utf8", maxBuffer: 64 << 20 });
    const ms = performance.now() - t;
    const lines = out.stdout.split("\n").filter((l) => /mip =/.test(l));
    const last = lines[lines.length - 1] ?? "";
    const m = /mip =\s+(\S+)\s+<=\s+(\S+)/.exec(last);
    const status = /INTEGER OPTIMAL SOLUTION FOUND/.test(out.stdout)
      ? "optimal"
      : /TIME LIMIT EXCEEDED/.test(out.stdout)
        ? "time-limit"
        : "other";
    const value = m ? Number(m[1]) / mip.scale : Number.NaN;
    const bound = m && m[2] !== "tree" ? Number(m[2]) / mip.scale : Number.NaN;
    return { status, value, bound: status === "optimal" ? value : bound, ms, lp: mip.lp.length, fixed };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const pctOf = (x: number, W: number) => `${((100 * x) / W).toFixed(2)}%`;

async function issueInstances(): Promise<void> {
  const glpkOk = !process.argv.includes("--skip-glpk") && existsSync(GLPSOL);
  const cases = [
    { name: "桐柏县 411330", code: "411330", radiusKm: 5, k: 30 },
    { name: "西峡县 411323", code: "411323", radiusKm: 10, k: 10 },
  ];
  console.log("issue #13 instances (1 km demand blocks, 2 km candidates), exact with a 30 s limit:");
  for (const c of cases) {
    const grid = countyGrid(c.code);
    const demand = demandFromGrid(grid, { blockM: 1000 });
    const W = demand.reduce((s, d) => s + d.weight, 0);
    for (const [lattice, candidates] of [
      ["as filed", filedCandidates(grid, 2)],
      ["nested", candidatesFromGrid(grid, 2)],
    ] as const) {
      const problem: SitingProblem = {
        demand,
        candidates,
        existing: [],
        radiusKm: c.radiusKm,
        objective: { kind: "mclp", k: c.k },
      };
      const head = `  [load ${loadavg()[0].toFixed(1)}] ${c.name}, r = ${c.radiusKm} km, k = ${c.k}, ${demand.length} × ${candidates.length} (${lattice})`;
      const greedy = await solveSiting(problem, { method: "greedy" });
      for (const gapTarget of [0.005, 1e-6]) {
        const t = performance.now();
        const r = await solveSiting(problem, { method: "exact", highs, timeLimitSec: 30, mipRelGap: gapTarget });
        const ms = performance.now() - t;
        const m = r.model;
        console.log(
          `${head}, mipRelGap ${gapTarget}: ${r.status} in ${(ms / 1000).toFixed(1)} s: covered ${pctOf(r.objective, W)}, bound ${pctOf(r.bound ?? Number.NaN, W)}, gap ${((r.gap ?? Number.NaN) * 100).toFixed(3)}% (greedy ${pctOf(greedy.objective, W)})`,
        );
        if (m)
          console.log(
            `      model ${m.demandPoints} → ${m.rows} rows, ${m.candidates} → ${m.columns} columns (${m.dominated} dominated); local search ${pctOf(m.localSearchObjective ?? Number.NaN, W)} in ${(m.ms.localSearch / 1000).toFixed(1)} s; Lagrangian bound ${pctOf(m.lagrangianBound ?? Number.NaN, W)} in ${(m.ms.lagrangian / 1000).toFixed(1)} s, ${m.fixedByBound ?? 0} candidates fixed to 0 by it; HiGHS ${m.highsRan ? `${(m.ms.highs / 1000).toFixed(1)} s, bound ${pctOf(m.highsBound ?? Number.NaN, W)}` : "not needed"}`,
          );
        if (gapTarget === 1e-6 && glpkOk && lattice === "as filed") {
          const g = glpk(problem, c.k, 150);
          const consistent =
            g.value <= (r.bound ?? Number.POSITIVE_INFINITY) * (1 + 1e-9) && r.objective <= g.bound * (1 + 1e-9);
          console.log(
            `      GLPK (glpsol --lp, 150 s) on the same reduced LP: ${g.status} in ${(g.ms / 1000).toFixed(1)} s, incumbent ${pctOf(g.value, W)}, bound ${pctOf(g.bound, W)}; consistent with ours (each incumbent ≤ the other's bound): ${consistent ? "yes" : "NO"}`,
          );
          // reduced-cost fixing keeps every solution at least as good as ours: GLPK on the smaller model must find
          // the same optimum as on the whole one (the fixing is redone here with up to 20 s, whatever the run had)
          const f = glpk(problem, c.k, 300, r.objective);
          console.log(
            f.fixed === 0
              ? "      reduced-cost fixing against our answer fixes nothing here"
              : `      GLPK (300 s) on the model after fixing ${f.fixed} candidates against our answer: ${f.status} in ${(f.ms / 1000).toFixed(1)} s, incumbent ${pctOf(f.value, W)}, bound ${pctOf(f.bound, W)}; ${f.lp} bytes of LP against ${g.lp}`,
          );
        }
      }
    }
  }
}

/** An optimum HiGHS proves, checked against GLPK's on the same reduced LP (桐柏县, k = 5). */
async function glpkCrossCheck(): Promise<void> {
  if (process.argv.includes("--skip-glpk") || !existsSync(GLPSOL)) {
    console.log("GLPK cross-check skipped (--skip-glpk or no /usr/bin/glpsol)");
    return;
  }
  const grid = countyGrid("411330");
  const demand = demandFromGrid(grid, { blockM: 1000 });
  const W = demand.reduce((s, d) => s + d.weight, 0);
  for (const radiusKm of [5, 10]) {
    const problem: SitingProblem = {
      demand,
      candidates: candidatesFromGrid(grid, 2),
      existing: [],
      radiusKm,
      objective: { kind: "mclp", k: 5 },
    };
    const r = await solveSiting(problem, { method: "exact", highs, timeLimitSec: 60 });
    const g = glpk(problem, 5, 300);
    const same = r.status === "optimal" && g.status === "optimal" && Math.abs(r.objective - g.value) <= 1e-6 * W;
    console.log(
      `  cross-check 桐柏县 r = ${radiusKm} km, k = 5: ours ${r.status} ${pctOf(r.objective, W)} in ${(r.timeMs / 1000).toFixed(1)} s; GLPK ${g.status} ${pctOf(g.value, W)} in ${(g.ms / 1000).toFixed(1)} s; same optimum: ${same ? "yes" : "NO"}`,
    );
  }
}

await issueInstances();
await glpkCrossCheck();
if (process.argv.includes("--issue-only")) process.exit(0);

// --- one county, exact
const grid = countyGrid("411330");
const demand = demandFromGrid(grid, { blockM: 1000 });
const candidates = candidatesFromGrid(grid, 2);
const emsHere: ExistingSite[] = scenario.features
  .filter(
    (f: { properties: { type: string; county: string } }) =>
      f.properties.type === "ems-station" && f.properties.county === "411330",
  )
  .map((f: { properties: { id: string; lon: number; lat: number } }) => ({
    id: f.properties.id,
    lon: f.properties.lon,
    lat: f.properties.lat,
  }));
console.log(
  `county 411330 桐柏县: ${demand.length} demand blocks of 1 km, ${candidates.length} candidates at 2 km, ${emsHere.length} existing EMS stations`,
);
for (const radiusKm of [5, 10]) {
  for (const existing of [[], emsHere]) {
    const p = { demand, candidates, existing, radiusKm, objective: { kind: "mclp" as const, k: 5 } };
    await timeIt(`  exact MCLP k=5 r=${radiusKm} km existing=${existing.length}`, () =>
      solveSiting(p, { method: "exact", highs, timeLimitSec: 30 }),
    );
    await timeIt(`  greedy MCLP k=5 r=${radiusKm} km existing=${existing.length}`, () =>
      solveSiting(p, { method: "greedy" }),
    );
  }
}
{
  const p = {
    demand,
    candidates,
    existing: emsHere,
    radiusKm: 10,
    objective: { kind: "lscp" as const, targetShare: 0.95 },
  };
  await timeIt("  exact LSCP 95% r=10 km", () => solveSiting(p, { method: "exact", highs, timeLimitSec: 30 }));
  const q = { ...p, objective: { kind: "mclp" as const, k: 5 }, constraints: { minSeparationKm: 15 } };
  await timeIt("  exact MCLP k=5 r=10 km, separation 15 km", () =>
    solveSiting(q, { method: "exact", highs, timeLimitSec: 30 }),
  );
}

// --- whole city, greedy
const cityDemand: DemandPoint[] = [];
const cityCands: Candidate[] = [];
for (const f of fc.features) {
  const g = buildCountyGrid(f);
  cityDemand.push(...demandFromGrid(g, { blockM: 1000 }));
  cityCands.push(...candidatesFromGrid(g, 2));
}
console.log(`Nanyang city: ${cityDemand.length} demand blocks of 1 km, ${cityCands.length} candidates at 2 km`);
for (const radiusKm of [5, 10, 20]) {
  const p = {
    demand: cityDemand,
    candidates: cityCands,
    existing: [],
    radiusKm,
    objective: { kind: "mclp" as const, k: 20 },
  };
  await timeIt(`  greedy MCLP k=20 r=${radiusKm} km`, () => solveSiting(p, { method: "greedy" }));
}

// --- synthetic 40,000 cells
const proj = localTransverseMercator(112.5, 33);
const synthDemand: DemandPoint[] = [];
const synthCands: Candidate[] = [];
for (let j = 0; j < 200; j++)
  for (let i = 0; i < 200; i++) {
    const [lon, lat] = proj.inverse((i - 100 + 0.5) * 1000, (j - 100 + 0.5) * 1000);
    synthDemand.push({ id: `d${i}_${j}`, lon, lat, weight: 1 + ((i * 7 + j * 13) % 10) });
  }
for (let j = 0; j < 100; j++)
  for (let i = 0; i < 100; i++) {
    const [lon, lat] = proj.inverse((i - 50) * 2000 + 1000, (j - 50) * 2000 + 1000);
    synthCands.push({ id: `c${i}_${j}`, lon, lat });
  }
console.log(`synthetic: ${synthDemand.length} demand cells of 1 km, ${synthCands.length} candidates at 2 km`);
for (const radiusKm of [5, 10]) {
  const p = {
    demand: synthDemand,
    candidates: synthCands,
    existing: [],
    radiusKm,
    objective: { kind: "mclp" as const, k: 20 },
  };
  await timeIt(`  greedy MCLP k=20 r=${radiusKm} km`, () => solveSiting(p, { method: "greedy" }));
}
