/**
 * Where a test run's time goes: reads Vitest JSON reports (`--reporter=json --outputFile.json=FILE`) or the text
 * Vitest prints when its output is not a terminal (a CI log: each file's line with its time, then its tests slower
 * than 300 ms) and prints a Markdown table of the test files, slowest first, with each file's time, its tests and
 * its slowest test. Run: `npx tsx scripts/test-durations.ts REPORT [REPORT ...]` (several reports are merged).
 * From a log it also adds up the browser tests' `[e2e] openApp:` lines: how many new pages and how many resets
 * through 新建会话 the run made, and their time.
 */
import { readFileSync } from "node:fs";
import { relative } from "node:path";

interface JsonReport {
  startTime: number;
  testResults: {
    name: string;
    startTime: number;
    endTime: number;
    status: string;
    assertionResults: { title: string; duration?: number | null; status: string }[];
  }[];
}

const paths = process.argv.slice(2);
if (paths.length === 0) {
  console.error("usage: tsx scripts/test-durations.ts REPORT.json [REPORT.json ...]");
  process.exit(2);
}
interface Row {
  file: string;
  ms: number;
  tests: number;
  failed: number;
  slowest: { ms: number; title: string };
}

/** Rows from Vitest's text output (colours stripped). */
function fromText(text: string): Row[] {
  const rows: Row[] = [];
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the ANSI colour codes of a log
  for (const line of text.replace(/\x1b\[[0-9;]*m/g, "").split("\n")) {
    const file = /^ [✓❯×↓] +(?:\S+ +)?(test\/\S+) \((\d+) tests?(?: \| (\d+) failed)?[^)]*\)(?: +(\d+)ms)?$/.exec(line);
    if (file) {
      rows.push({
        file: file[1],
        ms: Number(file[4] ?? 0),
        tests: Number(file[2]),
        failed: Number(file[3] ?? 0),
        slowest: { ms: 0, title: "" },
      });
      continue;
    }
    const test = /^ {4,}[✓×] (.*?) +(\d+)ms$/.exec(line);
    const last = rows[rows.length - 1];
    if (test && last && Number(test[2]) > last.slowest.ms) last.slowest = { ms: Number(test[2]), title: test[1] };
  }
  return rows;
}

function fromJson(report: JsonReport): Row[] {
  return report.testResults.map((f) => {
    const slowest = f.assertionResults.reduce(
      (a, t) => ((t.duration ?? 0) > a.ms ? { ms: t.duration ?? 0, title: t.title } : a),
      { ms: 0, title: "" },
    );
    return {
      file: relative(process.cwd(), f.name),
      ms: f.endTime - f.startTime,
      tests: f.assertionResults.length,
      failed: f.assertionResults.filter((t) => t.status === "failed").length,
      slowest,
    };
  });
}

/** The browser tests' openApp lines of a log: count and seconds, by kind (new page, new session). */
const openApps = new Map<string, { n: number; s: number; max: number }>();
function countOpenApps(text: string) {
  for (const m of text.matchAll(/\[e2e\] openApp: (new page|new session)[^\n]*? in ([\d.]+) s/g)) {
    const k = openApps.get(m[1]) ?? { n: 0, s: 0, max: 0 };
    const t = Number(m[2]);
    openApps.set(m[1], { n: k.n + 1, s: k.s + t, max: Math.max(k.max, t) });
  }
}

const rows = paths.flatMap((p) => {
  const text = readFileSync(p, "utf8");
  if (text.trimStart().startsWith("{")) return fromJson(JSON.parse(text) as JsonReport);
  countOpenApps(text);
  return fromText(text);
});
rows.sort((a, b) => b.ms - a.ms);
const total = rows.reduce((s, r) => s + r.ms, 0);
const s = (ms: number) => (ms / 1000).toFixed(1);
console.log("| file | s | tests | slowest test (s) |");
console.log("|---|---:|---:|---|");
for (const r of rows) {
  const title = r.slowest.title.length > 70 ? `${r.slowest.title.slice(0, 69)}…` : r.slowest.title;
  console.log(
    `| ${r.file}${r.failed ? ` (${r.failed} failed)` : ""} | ${s(r.ms)} | ${r.tests} | ${title.replaceAll("|", "\\|")} (${s(r.slowest.ms)}) |`,
  );
}
console.log(`\n${rows.length} files, ${rows.reduce((n, r) => n + r.tests, 0)} tests; sum of file times ${s(total)} s`);
for (const [kind, k] of openApps)
  console.log(
    `openApp, ${kind}: ${k.n}, ${k.s.toFixed(1)} s in all (${(k.s / k.n).toFixed(1)} s on average, at most ${k.max.toFixed(1)} s)`,
  );
