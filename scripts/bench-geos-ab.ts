/**
 * A/B of (g), whole processes: this checkout's engine job and built CLI against another checkout's (say main's, as a
 * `git archive` or worktree with node_modules), with GEOS in every round, so that a speed-up is measured in the same
 * minutes as what it is compared with:
 *
 *   npx tsx scripts/bench-geos-ab.ts --base DIR [--runs N]
 *
 * Both checkouts' full-analysis jobs (scripts/bench-analysis-job.ts) are bundled as scripts/bench-geos.ts bundles
 * them and both CLIs built as `npm run build` builds them (each with its own checkout's scripts). Each round runs
 * GEOS (scripts/geos-baseline.py, 5,000 points at 10 km), then the two jobs and the two CLIs' `analyze` on the
 * Nanyang scenario, A before B in even rounds and B before A in odd ones. Prints every run, the medians, and per
 * round the ratios GEOS / job and base / this for the job and the CLI, with the 1-minute load average before and
 * after; where GNU time is installed, also each process's CPU time (user + system), which a loaded machine inflates
 * far less than the wall time. Needs Debian's python3-shapely and python3-pyproj.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { build, type Plugin } from "esbuild";
import { buildJobs, writePoints } from "./bench-geos";

const ROOT = new URL("..", import.meta.url).pathname;
const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const baseArg = arg("--base");
if (!baseArg) {
  console.error("usage: bench-geos-ab.ts --base DIR [--runs N]");
  process.exit(2);
}
const BASE = resolve(baseArg);
const runs = Number(arg("--runs") ?? 7);
const PYTHON = process.env.GEOS_PYTHON ?? "/usr/bin/python3";

/** The base checkout's job and CLI, built with its own scripts. */
async function buildBase(): Promise<{ analysisJob: string; cli: string }> {
  const mod = (await import(join(BASE, "scripts", "build-cli.ts"))) as {
    buildCli: (outdir: string) => Promise<string>;
    noZodLocales: Plugin;
  };
  const cli = await mod.buildCli(join(BASE, ".cache", "bench-cli"));
  const analysisJob = join(BASE, ".cache", "bench", "analysis-job.mjs");
  mkdirSync(join(BASE, ".cache", "bench"), { recursive: true });
  await build({
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    logLevel: "warning",
    plugins: [mod.noZodLocales],
    entryPoints: [join(BASE, "scripts", "bench-analysis-job.ts")],
    outfile: analysisJob,
  });
  return { analysisJob, cli };
}

/** GNU time, to read each process's CPU time (user + system, all its threads) beside its wall time. */
const GNU_TIME = "/usr/bin/time";
const cpuTimes = existsSync(GNU_TIME);

/** Wall time (ms, spawn to exit) and, where GNU time is installed, CPU time (ms) of one process. */
function timed(cmd: string, args: string[], cwd: string, cpuOut: number[]): number {
  const rusage = join(tmp, "rusage.txt");
  const [c, a] = cpuTimes ? [GNU_TIME, ["-o", rusage, "-f", "%U %S", cmd, ...args]] : [cmd, args];
  const t = performance.now();
  const out = spawnSync(c, a, { cwd, encoding: "utf8", maxBuffer: 64 << 20 });
  const ms = performance.now() - t;
  if (out.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed (${out.status}): ${out.stderr}`);
  if (cpuTimes) {
    const [user, sys] = readFileSync(rusage, "utf8").trim().split("\n").at(-1)?.split(" ").map(Number) ?? [];
    cpuOut.push((user + sys) * 1000);
  }
  return ms;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const mine = await buildJobs();
const base = await buildBase();
const tmp = mkdtempSync(join(tmpdir(), "bench-geos-ab-"));
const points = writePoints(5000, 20261122);
const counties = join(ROOT, "geodata", "counties-nanyang.geojson");
const facilities = join(ROOT, "geodata", "scenario-nanyang.geojson");
const jobArgs = (job: string, out: string) => [
  job,
  facilities,
  counties,
  join(ROOT, "seeds", "ruleset-nanyang.json"),
  join(ROOT, "geodata", "divisions-nanyang.json"),
  out,
];
const t = {
  geos: [] as number[],
  jobA: [] as number[],
  jobB: [] as number[],
  cliA: [] as number[],
  cliB: [] as number[],
};
const cpu = {
  geos: [] as number[],
  jobA: [] as number[],
  jobB: [] as number[],
  cliA: [] as number[],
  cliB: [] as number[],
};
const loads: string[] = [];
try {
  console.log(`A = base ${BASE}, B = this checkout; ${runs} rounds; seconds`);
  console.log("round  load         GEOS   job A  job B   CLI A  CLI B   GEOS/jobB  jobA/jobB  cliA/cliB");
  for (let r = 0; r < runs; r++) {
    const before = loadavg()[0];
    t.geos.push(timed(PYTHON, [join(ROOT, "scripts", "geos-baseline.py"), points, counties, "10"], ROOT, cpu.geos));
    const jobs = [
      () => t.jobA.push(timed(process.execPath, jobArgs(base.analysisJob, join(tmp, `a-${r}`)), BASE, cpu.jobA)),
      () => t.jobB.push(timed(process.execPath, jobArgs(mine.analysisJob, join(tmp, `b-${r}`)), ROOT, cpu.jobB)),
    ];
    const clis = [
      () =>
        t.cliA.push(
          timed(
            process.execPath,
            [base.cli, "analyze", "--facilities", facilities, "--out", join(tmp, `ca-${r}`)],
            BASE,
            cpu.cliA,
          ),
        ),
      () =>
        t.cliB.push(
          timed(
            process.execPath,
            [mine.cli, "analyze", "--facilities", facilities, "--out", join(tmp, `cb-${r}`)],
            ROOT,
            cpu.cliB,
          ),
        ),
    ];
    for (const f of r % 2 ? [...jobs].reverse() : jobs) f();
    for (const f of r % 2 ? [...clis].reverse() : clis) f();
    const load = `${before.toFixed(2)} → ${loadavg()[0].toFixed(2)}`;
    loads.push(load);
    const s = (ms: number) => (ms / 1000).toFixed(2).padStart(5);
    console.log(
      `${String(r + 1).padStart(5)}  ${load.padEnd(12)} ${s(t.geos[r])}   ${s(t.jobA[r])}  ${s(t.jobB[r])}   ${s(t.cliA[r])}  ${s(t.cliB[r])}   ${(t.geos[r] / t.jobB[r]).toFixed(2).padStart(8)}×  ${(t.jobA[r] / t.jobB[r]).toFixed(2).padStart(8)}×  ${(t.cliA[r] / t.cliB[r]).toFixed(2).padStart(8)}×`,
    );
  }
  const m = (xs: number[]) => (median(xs) / 1000).toFixed(2).padStart(5);
  console.log(
    `median              ${m(t.geos)}   ${m(t.jobA)}  ${m(t.jobB)}   ${m(t.cliA)}  ${m(t.cliB)}   ${(median(t.geos) / median(t.jobB)).toFixed(2).padStart(8)}×  ${(median(t.jobA) / median(t.jobB)).toFixed(2).padStart(8)}×  ${(median(t.cliA) / median(t.cliB)).toFixed(2).padStart(8)}×`,
  );
  console.log(`GEOS / base job, median: ${(median(t.geos) / median(t.jobA)).toFixed(2)}×`);
  if (cpuTimes) {
    console.log(
      `CPU time (user + system), median: GEOS ${m(cpu.geos)}, job A ${m(cpu.jobA)}, job B ${m(cpu.jobB)}, CLI A ${m(cpu.cliA)}, CLI B ${m(cpu.cliB)}`,
    );
    console.log(
      `  per round, job B: ${cpu.jobB.map((x) => (x / 1000).toFixed(2)).join(", ")}; GEOS: ${cpu.geos.map((x) => (x / 1000).toFixed(2)).join(", ")}`,
    );
    console.log(
      `  GEOS / job B ${(median(cpu.geos) / median(cpu.jobB)).toFixed(2)}×, job A / job B ${(median(cpu.jobA) / median(cpu.jobB)).toFixed(2)}×, CLI A / CLI B ${(median(cpu.cliA) / median(cpu.cliB)).toFixed(2)}×`,
    );
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
