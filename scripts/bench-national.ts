/**
 * The national run, measured: `analyze --china` with N invented EMS stations (scripts/make-national-stations.ts),
 * each run a process of the built CLI (`dist/cli/hfp.mjs`, built first) under `/usr/bin/time -v` (wall time, CPU time, peak resident memory), with the
 * output size. Then:
 * - cost against area and villages, from the per-city times of the national run's summary (least squares);
 * - cost against facilities, from the same province run with 1×, 2× and 4× the stations;
 * - with `--shards K`, the national run in K shards, and whether their files concatenate to the single run's.
 *
 *   npx tsx scripts/bench-national.ts [--count 20000] [--province 41] [--province-count 2000] [--shards 2] [--skip-china]
 */
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";

const ROOT = join(import.meta.dirname, "..");
const WORK = join(ROOT, ".cache", "bench-national");
mkdirSync(WORK, { recursive: true });

function arg(name: string, fallback?: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}
const count = Number(arg("count", "20000"));
const province = arg("province", "41") as string;
const provinceCount = Number(arg("province-count", "2000"));
const shards = Number(arg("shards", "0"));
const skipChina = process.argv.includes("--skip-china");

function stations(n: number, prov?: string): string {
  const file = join(WORK, `stations-${prov ?? "china"}-${n}.csv`);
  if (!existsSync(file))
    execFileSync(
      "npx",
      [
        "tsx",
        "scripts/make-national-stations.ts",
        "--count",
        String(n),
        ...(prov ? ["--province", prov] : []),
        "--out",
        file,
      ],
      { cwd: ROOT, stdio: "inherit" },
    );
  return file;
}

interface Run {
  label: string;
  wallS: number;
  cpuS: number;
  maxRssMB: number;
  outMB: number;
  summary: {
    totals: { counties: number; gaps: number; violations: Record<string, number> };
    facilities: { analysed: number };
    cities: Array<{ id: string; areaKm2: number; villages: number; cpuSeconds: number; facilities: number }>;
    seconds: number;
  };
  out: string;
}

/** One CLI process under /usr/bin/time -v. */
function run(label: string, args: string[]): Run {
  const out = join(WORK, `out-${label.replace(/[^a-z0-9]+/gi, "-")}`);
  rmSync(out, { recursive: true, force: true });
  const r = spawnSync("/usr/bin/time", ["-v", "node", "dist/cli/hfp.mjs", "analyze", ...args, "--out", out], {
    cwd: ROOT,
    encoding: "utf8",
    maxBuffer: 1 << 28,
  });
  if (r.status !== 0 && r.status !== 3) throw new Error(`${label}: exit ${r.status}\n${r.stderr.slice(-3000)}`);
  const field = (name: string) => new RegExp(`${name}: (.*)`).exec(r.stderr)?.[1].trim() ?? "";
  const wall = field("Elapsed \\(wall clock\\) time \\(h:mm:ss or m:ss\\)")
    .split(":")
    .map(Number)
    .reduce((s, x) => s * 60 + x, 0);
  const outBytes = readdirSync(out).reduce((s, f) => s + statSync(join(out, f)).size, 0);
  return {
    label,
    wallS: wall,
    cpuS: Number(field("User time \\(seconds\\)")) + Number(field("System time \\(seconds\\)")),
    maxRssMB: Number(field("Maximum resident set size \\(kbytes\\)")) / 1024,
    outMB: outBytes / 1e6,
    summary: JSON.parse(readFileSync(join(out, "summary.json"), "utf8")),
    out,
  };
}

function row(r: Run): string {
  const v = Object.values(r.summary.totals.violations).reduce((s, n) => s + n, 0);
  return `| ${r.label} | ${r.summary.totals.counties} | ${r.summary.facilities.analysed} | ${r.wallS.toFixed(1)} | ${r.cpuS.toFixed(1)} | ${r.maxRssMB.toFixed(0)} | ${r.outMB.toFixed(1)} | ${r.summary.totals.gaps} | ${v} |`;
}

/** Least squares y ≈ X·b (normal equations, small k). */
function leastSquares(X: number[][], y: number[]): { b: number[]; r2: number } {
  const k = X[0].length;
  const A = Array.from({ length: k }, () => new Array(k + 1).fill(0));
  for (const [i, x] of X.entries())
    for (let p = 0; p < k; p++) {
      for (let q = 0; q < k; q++) A[p][q] += x[p] * x[q];
      A[p][k] += x[p] * y[i];
    }
  for (let p = 0; p < k; p++) {
    let m = p;
    for (let q = p + 1; q < k; q++) if (Math.abs(A[q][p]) > Math.abs(A[m][p])) m = q;
    [A[p], A[m]] = [A[m], A[p]];
    for (let q = 0; q < k; q++) {
      if (q === p) continue;
      const f = A[q][p] / A[p][p];
      for (let c = p; c <= k; c++) A[q][c] -= f * A[p][c];
    }
  }
  const b = A.map((r, p) => r[k] / r[p]);
  const mean = y.reduce((s, v) => s + v, 0) / y.length;
  let ssr = 0;
  let sst = 0;
  for (const [i, x] of X.entries()) {
    const e = y[i] - x.reduce((s, v, p) => s + v * b[p], 0);
    ssr += e * e;
    sst += (y[i] - mean) ** 2;
  }
  return { b, r2: 1 - ssr / sst };
}

// the built CLI, as a user runs it (no TypeScript loader in the measurement)
execFileSync("npx", ["tsx", "scripts/build-cli.ts"], { cwd: ROOT, stdio: "inherit" });

const header =
  "| run | counties | facilities | wall s | CPU s | peak RSS MB | output MB | gaps | violations |\n|---|---|---|---|---|---|---|---|---|";
const rows: string[] = [];
const load = readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
console.log(`load average before: ${load}`);

if (!skipChina) {
  const file = stations(count);
  const china = run(`china, ${count} stations`, ["--china", "--facilities", file]);
  rows.push(row(china));
  const cities = china.summary.cities;
  const fitAll = leastSquares(
    cities.map((c) => [c.areaKm2, c.villages, 1]),
    cities.map((c) => c.cpuSeconds),
  );
  console.log(
    `per-city CPU time ≈ ${(fitAll.b[0] * 1e3).toFixed(3)} ms/km² · area + ${(fitAll.b[1] * 1e3).toFixed(3)} ms/village + ${(fitAll.b[2] * 1e3).toFixed(1)} ms; R² = ${fitAll.r2.toFixed(3)} over ${cities.length} cities`,
  );
  // without the slowest city (in our runs 三沙: islands across the South China Sea, whose grids follow the boxes of
  // its scattered parts), and by fifths of the cities by area: the cost per km² must not grow with area
  const worst = cities.reduce((w, c) => (c.cpuSeconds > w.cpuSeconds ? c : w), cities[0]);
  const rest = cities.filter((c) => c !== worst);
  const fitRest = leastSquares(
    rest.map((c) => [c.areaKm2, c.villages, 1]),
    rest.map((c) => c.cpuSeconds),
  );
  console.log(
    `without ${worst.id} (${worst.cpuSeconds} s): ${(fitRest.b[0] * 1e3).toFixed(4)} ms/km², ${(fitRest.b[1] * 1e3).toFixed(3)} ms/village, R² = ${fitRest.r2.toFixed(3)}`,
  );
  const byArea = [...cities].sort((a, b) => a.areaKm2 - b.areaKm2);
  for (let q = 0; q < 5; q++) {
    const part = byArea.slice(Math.floor((q * byArea.length) / 5), Math.floor(((q + 1) * byArea.length) / 5));
    const area = part.reduce((s, c) => s + c.areaKm2, 0);
    const cpu = part.reduce((s, c) => s + c.cpuSeconds, 0);
    console.log(
      `fifth ${q + 1} by area: ${part.length} cities, ${Math.round(area)} km², ${cpu.toFixed(1)} s CPU, ${((cpu / area) * 1e3).toFixed(4)} ms/km²`,
    );
  }
  if (shards > 1) {
    const hashes = new Map<string, ReturnType<typeof createHash>>();
    for (let i = 1; i <= shards; i++) {
      const part = run(`china, shard ${i}/${shards}`, ["--china", "--shard", `${i}/${shards}`, "--facilities", file]);
      rows.push(row(part));
      for (const f of ["report.ndjson", "gaps.geojsonl", "violations.geojsonl"]) {
        const h = hashes.get(f) ?? createHash("sha256");
        h.update(readFileSync(join(part.out, f)));
        hashes.set(f, h);
      }
    }
    for (const [f, h] of hashes) {
      const whole = createHash("sha256")
        .update(readFileSync(join(china.out, f)))
        .digest("hex");
      console.log(`${f}: ${shards} shards concatenated ${h.digest("hex") === whole ? "==" : "!="} single run`);
    }
  }
}

for (const k of [1, 2, 4]) {
  const n = provinceCount * k;
  rows.push(
    row(run(`province ${province}, ${n} stations`, ["--province", province, "--facilities", stations(n, province)])),
  );
}
console.log(`${header}\n${rows.join("\n")}`);
console.log(`load average after: ${readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ")}`);
