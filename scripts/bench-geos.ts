/**
 * Side-by-side, whole process: GEOS (shapely) against the engine on the same work and on the full analysis.
 * Usage: `npx tsx scripts/bench-geos.ts [--runs N]` (also run by `npm run bench`).
 *
 * Three commands run in turn, N times each (interleaved, so that load on the machine hits all three alike),
 * each as its own process timed from spawn to exit:
 * - GEOS: `/usr/bin/python3 scripts/geos-baseline.py` (shapely + pyproj): buffer the 5,000 benchmark points at
 *   10 km, union, clip to Nanyang's 13 counties (covered area and gap polygons per county);
 * - engine, same work: `node coverage-job.mjs` (scripts/bench-coverage-job.ts bundled with esbuild) on the same
 *   points file: county grids, covered cells, covered area and gap polygons per county;
 * - engine, full analysis: `node analysis-job.mjs` (scripts/bench-analysis-job.ts bundled): read the scenario's
 *   6,789 facilities, score every rule in every county, write report.json, gaps.geojson and violations.geojson;
 * - the CLI built as `npm run build` builds it (scripts/build-cli.ts, into .cache/bench-cli/),
 *   `analyze --facilities geodata/scenario-nanyang.geojson`: the same analysis plus what the CLI does around it
 *   (file-format and coordinate-system detection, messages), exit status checked.
 * Skipped with a note where Debian's python3-shapely / python3-pyproj are missing.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { buildCli, noZodLocales } from "./build-cli";
import { seededRandom } from "./lib/rng";

const PYTHON = process.env.GEOS_PYTHON ?? "/usr/bin/python3";
const ROOT = new URL("..", import.meta.url).pathname;
const CACHE = join(ROOT, ".cache", "bench");
const BBOX = { west: 110.6, east: 113.8, south: 32.2, north: 33.8 };

/** The benchmark points of scripts/bench.ts (same seed and box) as a GeoJSON file. */
export function writePoints(n: number, seed: number): string {
  const r = seededRandom(seed);
  const features = Array.from({ length: n }, (_, k) => {
    const lon = BBOX.west + (BBOX.east - BBOX.west) * r();
    const lat = BBOX.south + (BBOX.north - BBOX.south) * r();
    return { type: "Feature", properties: { id: `p${k}` }, geometry: { type: "Point", coordinates: [lon, lat] } };
  });
  const file = join(CACHE, `points-${n}-${seed}.geojson`);
  writeFileSync(file, JSON.stringify({ type: "FeatureCollection", features }));
  return file;
}

function geosAvailable(): { ok: true } | { ok: false; why: string } {
  if (!existsSync(PYTHON)) return { ok: false, why: `${PYTHON} not found` };
  const probe = spawnSync(PYTHON, ["-c", "import shapely, pyproj; print(shapely.__version__, pyproj.__version__)"], {
    encoding: "utf8",
  });
  if (probe.status !== 0)
    return { ok: false, why: `shapely or pyproj missing (apt-get install python3-shapely python3-pyproj)` };
  return { ok: true };
}

interface Timed {
  ms: number;
  stdout: string;
}

function run(cmd: string, args: string[]): Timed {
  const t = performance.now();
  const out = spawnSync(cmd, args, { cwd: ROOT, encoding: "utf8", maxBuffer: 64 << 20 });
  const ms = performance.now() - t;
  if (out.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed (${out.status}): ${out.stderr}`);
  return { ms, stdout: out.stdout };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/**
 * Bundles the two engine jobs into .cache/bench/ as the CLI is bundled (scripts/build-cli.ts: ES module for Node 20,
 * without zod's message locales) and builds the CLI as `npm run build` makes it (lazy chunks) into .cache/bench-cli/,
 * two levels below the root as it must be. Returns the three entry files.
 */
export async function buildJobs(): Promise<{ job: string; analysisJob: string; cli: string }> {
  mkdirSync(CACHE, { recursive: true });
  const job = join(CACHE, "coverage-job.mjs");
  const analysisJob = join(CACHE, "analysis-job.mjs");
  const cli = await buildCli(join(ROOT, ".cache", "bench-cli"));
  const common = {
    bundle: true,
    platform: "node" as const,
    format: "esm" as const,
    target: "node20",
    logLevel: "warning" as const,
    plugins: [noZodLocales],
  };
  await build({ ...common, entryPoints: [join(ROOT, "scripts", "bench-coverage-job.ts")], outfile: job });
  await build({ ...common, entryPoints: [join(ROOT, "scripts", "bench-analysis-job.ts")], outfile: analysisJob });
  return { job, analysisJob, cli };
}

/** Runs the comparison and prints it; returns the medians (ms), or null when GEOS is unavailable. */
export async function runGeosComparison(
  runs = 5,
): Promise<{ geos: number; job: number; full: number; cli: number } | null> {
  const avail = geosAvailable();
  if (!avail.ok) {
    console.log(`(g) GEOS baseline skipped: ${avail.why}`);
    return null;
  }
  mkdirSync(CACHE, { recursive: true });
  const points = writePoints(5000, 20261122);
  const counties = join(ROOT, "geodata", "counties-nanyang.geojson");
  const { job, analysisJob, cli } = await buildJobs();
  const out = mkdtempSync(join(tmpdir(), "bench-geos-"));
  const times = { geos: [] as number[], job: [] as number[], full: [] as number[], cli: [] as number[] };
  let geosOut = "";
  let jobOut = "";
  let fullOut = "";
  try {
    for (let k = 0; k < runs; k++) {
      const g = run(PYTHON, [join(ROOT, "scripts", "geos-baseline.py"), points, counties, "10"]);
      const j = run(process.execPath, [job, points, counties, "10"]);
      const f = run(process.execPath, [
        analysisJob,
        join(ROOT, "geodata", "scenario-nanyang.geojson"),
        counties,
        join(ROOT, "seeds", "ruleset-nanyang.json"),
        join(ROOT, "geodata", "divisions-nanyang.json"),
        join(out, `job-${k}`),
      ]);
      const c = run(process.execPath, [
        cli,
        "analyze",
        "--facilities",
        join(ROOT, "geodata", "scenario-nanyang.geojson"),
        "--out",
        join(out, `run-${k}`),
      ]);
      times.geos.push(g.ms);
      times.job.push(j.ms);
      times.full.push(f.ms);
      times.cli.push(c.ms);
      fullOut = f.stdout;
      geosOut = g.stdout;
      jobOut = j.stdout;
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  const gs = JSON.parse(geosOut);
  const js = JSON.parse(jobOut);
  const fs = JSON.parse(fullOut);
  const med = {
    geos: median(times.geos),
    job: median(times.job),
    full: median(times.full),
    cli: median(times.cli),
  };
  const list = (xs: number[]) => xs.map((x) => (x / 1000).toFixed(2)).join(", ");
  console.log(`(g) GEOS baseline, whole processes, ${runs} interleaved runs each (median; all runs in brackets):`);
  console.log(
    `    GEOS (shapely ${PYTHON}): buffer + union + clip, 5,000 points at 10 km, 13 counties: ${fmt(med.geos)} [${list(times.geos)}]`,
  );
  console.log(
    `        covered ${gs.coveredKm2.toFixed(1)} of ${gs.areaKm2.toFixed(1)} km², ${gs.gapPolygons} gaps; in-process: import ${gs.seconds.import.toFixed(2)} s, read ${gs.seconds.read.toFixed(2)} s, buffer ${gs.seconds.buffer.toFixed(2)} s, union ${gs.seconds.union.toFixed(2)} s, clip ${gs.seconds.clip.toFixed(2)} s`,
  );
  console.log(
    `    engine, same work (node, bundled): ${fmt(med.job)} [${list(times.job)}]: ${(med.geos / med.job).toFixed(2)}× GEOS`,
  );
  console.log(
    `        covered ${js.coveredKm2.toFixed(1)} of ${js.areaKm2.toFixed(1)} km², ${js.gapPolygons} gaps; in-process: read ${js.ms.read.toFixed(0)} ms, grids ${js.ms.grids.toFixed(0)} ms, cover/stats/gaps ${js.ms.cover.toFixed(0)} ms`,
  );
  console.log(
    `    engine, full Nanyang analysis (every rule, files written): ${fmt(med.full)} [${list(times.full)}]: ${(med.geos / med.full).toFixed(2)}× GEOS`,
  );
  console.log(
    `        ${fs.facilities} facilities, ${fs.checks} checks, ${fs.violations} violations, ${fs.gaps} gaps; process start to module run ${fs.ms.start.toFixed(0)} ms, read ${fs.ms.read.toFixed(0)} ms, analyze ${fs.ms.analyze.toFixed(0)} ms, write ${fs.ms.write.toFixed(0)} ms`,
  );
  console.log(
    `    CLI analyze, the same analysis with the CLI's file and coordinate checks: ${fmt(med.cli)} [${list(times.cli)}]: ${(med.geos / med.cli).toFixed(2)}× GEOS`,
  );
  return med;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const k = process.argv.indexOf("--runs");
  await runGeosComparison(k > 0 ? Number(process.argv[k + 1]) : 5);
}
