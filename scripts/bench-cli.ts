/**
 * CLI start-up benchmark: wall time of `--help` and of a bare `node -e 0`, each run `--runs` times (default 20),
 * interleaved so that a change in machine load hits every command alike. Prints min / median / p90 in ms and the
 * ratio of each median to the bare node start. Commands that cannot run here (e.g. the built CLI before
 * `npm run build`) are skipped with a note.
 *
 *   npx tsx scripts/bench-cli.ts [--runs 20] [--before DIR] [--analyze]
 *
 * `--analyze` adds a whole `analyze` of the Nanyang sample (6,789 facilities) by the built CLI and through tsx, to
 * show what transpiling costs a real run (use fewer runs: each takes seconds).
 * `--before DIR` adds the CLI of another checkout (e.g. the commit before the CLI was built and loaded lazily),
 * run the way `npm run cli` ran it there: node with the tsx loader on src/cli/main.ts.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const runs = Number(arg("--runs") ?? 20);
const before = arg("--before");

interface Case {
  name: string;
  cmd: string;
  args: string[];
  /** A file that must exist for the case to run. */
  needs?: string;
}

const builtCli = join(root, "dist", "cli", "hfp.mjs");
const outRoot = mkdtempSync(join(tmpdir(), "bench-cli-"));
process.on("exit", () => rmSync(outRoot, { recursive: true, force: true }));
const sample = (name: string) => [
  "--facilities",
  join(root, "geodata/scenario-nanyang.geojson"),
  "--out",
  join(outRoot, name),
];
const cases: Case[] = [
  { name: "node -e 0 (bare node start)", cmd: process.execPath, args: ["-e", "0"] },
  {
    name: "node dist/cli/hfp.mjs --help (built CLI)",
    cmd: process.execPath,
    args: [builtCli, "--help"],
    needs: builtCli,
  },
  {
    name: "node dist/cli/hfp.mjs analyze --help",
    cmd: process.execPath,
    args: [builtCli, "analyze", "--help"],
    needs: builtCli,
  },
  {
    name: "node --import tsx src/cli/bin.ts --help (what npm run cli runs)",
    cmd: process.execPath,
    args: ["--import", "tsx", join(root, "src/cli/bin.ts"), "--help"],
  },
  ...(process.argv.includes("--analyze")
    ? [
        {
          name: "node dist/cli/hfp.mjs analyze (Nanyang sample)",
          cmd: process.execPath,
          args: [builtCli, "analyze", ...sample("built")],
          needs: builtCli,
        },
        {
          name: "node --import tsx src/cli/bin.ts analyze (Nanyang sample)",
          cmd: process.execPath,
          args: ["--import", "tsx", join(root, "src/cli/bin.ts"), "analyze", ...sample("tsx")],
        },
      ]
    : []),
  ...(before
    ? [
        {
          name: "before: node --import tsx src/cli/main.ts --help (npm run cli of --before)",
          cmd: process.execPath,
          args: ["--import", "tsx", join(resolve(before), "src/cli/main.ts"), "--help"],
        },
      ]
    : []),
];

function once(c: Case): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(c.cmd, c.args, { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  if (c.args.includes("--help") && !r.stdout.includes("Usage")) throw new Error(`${c.name}: printed no usage`);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${c.name}: exit ${r.status}\n${r.stderr}`);
  return ms;
}

const active = cases.filter((c) => {
  if (c.needs && !existsSync(c.needs)) {
    console.log(`skipped (run npm run build first): ${c.name}`);
    return false;
  }
  return true;
});
const times = new Map<Case, number[]>(active.map((c) => [c, []]));
for (const c of active) once(c); // warm the file cache
const load0 = loadavg()[0];
for (let i = 0; i < runs; i++) for (const c of active) times.get(c)?.push(once(c));
const load1 = loadavg()[0];

const q = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * (s.length - 1) + 0.5))];
};
const base = q(times.get(active[0]) ?? [], 0.5);
console.log(`${runs} runs each, Node ${process.version}, load average ${load0.toFixed(2)} → ${load1.toFixed(2)}`);
console.log("| command | min ms | median ms | p90 ms | median / bare node |");
console.log("|---|---|---|---|---|");
for (const c of active) {
  const xs = times.get(c) ?? [];
  const med = q(xs, 0.5);
  console.log(
    `| ${c.name} | ${Math.min(...xs).toFixed(0)} | ${med.toFixed(0)} | ${q(xs, 0.9).toFixed(0)} | ${(med / base).toFixed(1)}× |`,
  );
}
