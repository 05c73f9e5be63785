/**
 * Where a test run's time goes: reads Vitest JSON reports (`--reporter=json --outputFile.json=FILE`) and prints a
 * Markdown table of the test files, slowest first, with each file's wall time, its tests and its slowest test.
 * Run: `npx tsx scripts/test-durations.ts REPORT.json [REPORT.json ...]` (files of several reports are merged).
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
const rows = paths.flatMap((p) =>
  (JSON.parse(readFileSync(p, "utf8")) as JsonReport).testResults.map((f) => {
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
  }),
);
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
