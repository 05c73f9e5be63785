// The local search's perturbation on the two instances of issue #13 (1 km demand blocks, 2 km candidates as filed):
// "random" (three chosen sites replaced by candidates anywhere, the old rule) against "local" (a chosen site and up
// to two whose discs overlap it replaced by candidates overlapping the first), each seed from the greedy answer.
// `npx tsx scripts/siting-local-search-study.ts [CODE] [--rounds N] [--ms T] [--patience P] [--seeds 1,2,3]`
// With --rounds and no --ms the runs do the same work whatever the load, so the two rules compare on equal terms.
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { improveBySwaps, prepare, reduceModel, solveSiting } from "../src/core";
import { ISSUE_13_CASES, issueProblem, nanyangCountyGrid } from "./lib/siting-instances";

const arg = (name: string) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
};
const fc = JSON.parse(readFileSync(new URL("../geodata/counties-nanyang.geojson", import.meta.url), "utf8"));
const code = process.argv[2]?.match(/^\d{6}$/) ? process.argv[2] : "411330";
const rounds = Number(arg("--rounds") ?? 1500);
const ms = arg("--ms") === undefined ? undefined : Number(arg("--ms"));
const patience = arg("--patience") === undefined ? undefined : Number(arg("--patience"));
const seeds = (arg("--seeds") ?? "1,2,3,4,5,6").split(",").map(Number);
const c = ISSUE_13_CASES.find((x) => x.code === code);
if (!c) throw new Error(`not an issue #13 instance: ${code}`);
const grid = nanyangCountyGrid(fc, c.code);
const problem = issueProblem(grid, c.radiusKm, c.k, "as filed");
const inst = prepare(problem);
const W = inst.totalWeight;
const model = reduceModel(inst, { dropDominated: true });
const greedy = await solveSiting(problem, { method: "greedy" });
const byId = new Map(inst.allowed.map((a, u) => [problem.candidates[a].id, u]));
const start = greedy.sites.map((s) => byId.get(s.candidateId) as number);
console.log(
  `${c.name} r ${c.radiusKm} km k ${c.k}: greedy ${((100 * greedy.objective) / W).toFixed(3)} %; ${rounds} rounds${ms === undefined ? "" : `, ≤ ${ms} ms`}${patience === undefined ? "" : `, patience ${patience}`}`,
);
const sums = { random: 0, local: 0 };
for (const seed of seeds)
  for (const kick of ["random", "local"] as const) {
    const t = performance.now();
    const r = improveBySwaps(inst, model, start, c.k, { rounds, patience, timeLimitMs: ms, seed, kick });
    sums[kick] += r.value;
    console.log(
      `  seed ${seed} ${kick.padEnd(6)}: ${((100 * r.value) / W).toFixed(3)} %, ${r.rounds} rounds${r.timedOut ? " (time cap)" : ""}, ${((performance.now() - t) / 1000).toFixed(1)} s, load ${loadavg()[0].toFixed(1)}`,
    );
  }
console.log(
  `  mean over ${seeds.length} seeds: random ${((100 * sums.random) / seeds.length / W).toFixed(3)} %, local ${((100 * sums.local) / seeds.length / W).toFixed(3)} %`,
);
