/**
 * Where the time of the full Nanyang analysis goes, whole process: the engine's job (scripts/bench-analysis-job.ts,
 * bundled as `scripts/bench-geos.ts` bundles it) and the built CLI's `analyze` on the same facilities.
 *
 *   npx tsx scripts/profile-analysis.ts [--runs N]
 *
 * The job runs N times (default 5) and prints the median of its own timeline: process start → its module running
 * (Node's start-up, the bundle compiled and every module's top-level code run) → files read → parsed → analysis →
 * files written, with the process's CPU time at each point. Then the job and the CLI run once each under
 * `node --cpu-prof` (0.1 ms samples), and each profile is split into stages by the functions that own them: each
 * sample counts once, for the first stage in the list below whose function is anywhere on its stack (so "analysis:
 * other rules" is evaluateRule less the rules listed before it). Profiling slows the run: read the stages as shares,
 * the timeline as times.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildJobs } from "./bench-geos";
import type { CpuProfile, ProfileNode } from "./lib/cpu-profile";

const ROOT = new URL("..", import.meta.url).pathname;
const k = process.argv.indexOf("--runs");
const runs = k > 0 ? Number(process.argv[k + 1]) : 5;

/** Stages of a profile: a label and the function names whose inclusive time it takes (first match on the stack). */
type Stages = Array<[string, RegExp]>;

const JOB_STAGES: Stages = [
  ["garbage collection", /^\(garbage collector\)$/],
  ["bundle compiled (V8 parse)", /^compileSourceTextModule$/],
  ["files read (fs, UTF-8 decode)", /^readFileSync$/],
  ["JSON parsed", /^read$/],
  ["rule set checked (zod)", /^parseRuleSet$/],
  ["analysis: county grids (projection, scanline fill, area)", /^buildGrid$/],
  ["analysis: county point-in-polygon tests prepared", /^polygonLocator$/],
  ["analysis: urban areas and masks", /^setUrban$/],
  ["analysis: facilities located and added to layers", /^insert$/],
  ["analysis: radius coverage (layers, stats, gaps)", /^radiusCoverage$/],
  ["analysis: township rows", /^townships$/],
  ["analysis: other rules", /^evaluateRule$/],
  ["analysis: rest (city rows, report assembly)", /^analyze$/],
  ["files written (JSON.stringify, fs)", /^(stringify|writeFileSync)$/],
  ["other top-level code (modules' set-up: zod schemas, proj4, tables; the job's own lines)", /^(evaluate|run)$/],
  ["Node start-up and the rest", /./],
];

const CLI_STAGES: Stages = [
  ["garbage collection", /^\(garbage collector\)$/],
  ["chunks compiled (V8 parse)", /^compileSourceTextModule$/],
  ["facility file: decode, parse, records", /^(decodeText|readGeoJSONText|vectorRecords|convertRecords|readBytes)$/],
  ["facility file: coordinate checks (boundaries)", /^(checkCoordinates|checkStatedCounty)$/],
  ["facility file: datum check (GCJ-02 / BD-09 readings)", /^datumFromBoundaries$/],
  ["wrong-city check", /^refuseWrongCity$/],
  ["analysis", /^analyze$/],
  ["boundaries, rule set, divisions read", /^(loadCountyBoundaries|loadRuleSet|readJson)$/],
  ["output written", /^(writeOutputs|withOutputSet)$/],
  ["modules' top-level code", /^(evaluate|run)$/],
  ["Node start-up and the rest", /./],
];

function stages(p: CpuProfile, list: Stages): Array<[string, number]> {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const sums = new Map<string, number>(list.map(([l]) => [l, 0]));
  for (let i = 0; i < p.samples.length; i++) {
    const dt = (p.timeDeltas[i + 1] ?? 0) / 1000;
    const stack: ProfileNode[] = [];
    for (let id: number | undefined = p.samples[i]; id !== undefined; id = parent.get(id))
      stack.push(byId.get(id) as ProfileNode);
    if (stack[0].callFrame.functionName === "(idle)") continue;
    // the innermost frame that names a stage decides, in the order the stages are listed
    let label = list[list.length - 1][0];
    outer: for (const [l, re] of list)
      for (const n of stack)
        if (re.test(n.callFrame.functionName)) {
          label = l;
          break outer;
        }
    sums.set(label, (sums.get(label) ?? 0) + dt);
  }
  return [...sums];
}

function profiled(args: string[], dir: string): CpuProfile {
  const out = spawnSync(
    process.execPath,
    ["--cpu-prof", "--cpu-prof-dir", dir, "--cpu-prof-interval", "100", ...args],
    {
      cwd: ROOT,
      encoding: "utf8",
    },
  );
  if (out.status !== 0) throw new Error(`${args.join(" ")} failed: ${out.stderr}`);
  const file = readdirSync(dir).find((f) => f.endsWith(".cpuprofile"));
  if (!file) throw new Error("no profile written");
  return JSON.parse(readFileSync(join(dir, file), "utf8")) as CpuProfile;
}

function print(title: string, rows: Array<[string, number]>): void {
  const total = rows.reduce((s, [, v]) => s + v, 0);
  console.log(`${title}: ${total.toFixed(0)} ms sampled`);
  for (const [l, v] of rows)
    if (v > 0) console.log(`  ${v.toFixed(0).padStart(6)} ms ${((100 * v) / total).toFixed(0).padStart(3)} %  ${l}`);
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const { analysisJob, cli } = await buildJobs();
const tmp = mkdtempSync(join(tmpdir(), "profile-analysis-"));
const facilities = join(ROOT, "geodata", "scenario-nanyang.geojson");
const jobArgs = [
  analysisJob,
  facilities,
  join(ROOT, "geodata", "counties-nanyang.geojson"),
  join(ROOT, "seeds", "ruleset-nanyang.json"),
  join(ROOT, "geodata", "divisions-nanyang.json"),
];
try {
  const lines: Array<{ ms: Record<string, number>; cpu: Record<string, number>; wall: number }> = [];
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    const out = spawnSync(process.execPath, [...jobArgs, join(tmp, `job-${r}`)], { cwd: ROOT, encoding: "utf8" });
    const wall = performance.now() - t;
    if (out.status !== 0) throw new Error(out.stderr);
    lines.push({ ...JSON.parse(out.stdout), wall });
  }
  const m = (f: (l: (typeof lines)[number]) => number) => median(lines.map(f)).toFixed(0).padStart(5);
  console.log(`engine, full Nanyang analysis, whole process: timeline, median of ${runs} runs (ms)`);
  console.log("                                     wall    CPU (all threads, cumulative)");
  console.log(`  process start → module running  ${m((l) => l.ms.start)}    ${m((l) => l.cpu.start)}`);
  console.log(`  files read                      ${m((l) => l.ms.readFiles)}`);
  console.log(`  JSON parsed, rule set checked   ${m((l) => l.ms.parse)}    ${m((l) => l.cpu.read)} (after both)`);
  console.log(`  analysis                        ${m((l) => l.ms.analyze)}    ${m((l) => l.cpu.analyze)}`);
  console.log(`  files written                   ${m((l) => l.ms.write)}    ${m((l) => l.cpu.write)}`);
  console.log(`  spawn → exit (as bench-geos)    ${m((l) => l.wall)}`);
  const jobDir = join(tmp, "prof-job");
  print("engine job under --cpu-prof", stages(profiled([...jobArgs, join(tmp, "job-prof")], jobDir), JOB_STAGES));
  const cliDir = join(tmp, "prof-cli");
  const cliProfile = profiled([cli, "analyze", "--facilities", facilities, "--out", join(tmp, "cli-prof")], cliDir);
  print("built CLI analyze under --cpu-prof", stages(cliProfile, CLI_STAGES));
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
