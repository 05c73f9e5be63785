/**
 * The full Nanyang analysis by the engine, as one process (bundled and run by `scripts/bench-geos.ts`):
 * `node analysis-job.mjs FACILITIES.geojson COUNTIES.geojson RULES.json DIVISIONS.json OUT_DIR`. Reads the
 * facility points, boundaries, rule set and township/village lists, scores every rule in every county
 * (gaps included) and writes report.json, gaps.geojson and violations.geojson as the CLI does, without the
 * CLI's file-format detection and coordinate-system checks. Prints one JSON line with counts and times (ms), and
 * the process's timeline: `ms.start` from the process's start to this module running (Node's own start-up, then
 * the bundle compiled and its modules' top-level code run), then reading the files (`ms.readFiles`) and parsing
 * them (`ms.parse`), the analysis and the files written; `cpu` is the process's CPU time (user + system, all threads)
 * at each of those points.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { FeatureCollection, MultiPolygon, Point, Polygon } from "geojson";
import { analyze, type CountyProps, type Divisions, type Facility, parseRuleSet } from "../src/core";

const t0 = performance.now();
const cpu0 = process.cpuUsage();
const [facilitiesFile, countiesFile, rulesFile, divisionsFile, outDir] = process.argv.slice(2);
if (!outDir) {
  console.error("usage: analysis-job FACILITIES.geojson COUNTIES.geojson RULES.json DIVISIONS.json OUT_DIR");
  process.exit(2);
}
let readMs = 0;
const read = (f: string) => {
  const t = performance.now();
  const text = readFileSync(f, "utf8");
  readMs += performance.now() - t;
  return JSON.parse(text);
};
const points = read(facilitiesFile) as FeatureCollection<Point, Facility>;
// each feature's properties object becomes the facility (its position from the geometry), not a copy of it
const facilities: Facility[] = points.features.map((f) => {
  const p = f.properties;
  p.lon = f.geometry.coordinates[0];
  p.lat = f.geometry.coordinates[1];
  return p;
});
const counties = read(countiesFile) as FeatureCollection<Polygon | MultiPolygon, CountyProps>;
const parsed = parseRuleSet(read(rulesFile), rulesFile);
if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
const divisions = read(divisionsFile) as Divisions;
const t1 = performance.now();
const cpu1 = process.cpuUsage();
const report = analyze({ counties, facilities, ruleSet: parsed.ruleSet, divisions });
const t2 = performance.now();
const cpu2 = process.cpuUsage();
mkdirSync(outDir, { recursive: true });
const meta = { ruleSet: report.ruleSetId, params: report.params, generatedAt: report.generatedAt };
writeFileSync(join(outDir, "report.json"), `${JSON.stringify(report, null, 2)}\n`);
writeFileSync(
  join(outDir, "gaps.geojson"),
  `${JSON.stringify({ type: "FeatureCollection", ...meta, features: report.gaps })}\n`,
);
const violations = report.violations.map((v) => ({
  type: "Feature",
  geometry: v.lon !== undefined && v.lat !== undefined ? { type: "Point", coordinates: [v.lon, v.lat] } : null,
  properties: { ...v },
}));
writeFileSync(
  join(outDir, "violations.geojson"),
  `${JSON.stringify({ type: "FeatureCollection", ...meta, features: violations })}\n`,
);
const t3 = performance.now();
const cpu3 = process.cpuUsage();
const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;
console.log(
  JSON.stringify({
    facilities: facilities.length,
    counties: report.counties.length,
    checks: report.counties.reduce((n, c) => n + c.checks.length, 0),
    violations: report.violations.length,
    gaps: report.gaps.length,
    ms: { start: t0, read: t1 - t0, readFiles: readMs, parse: t1 - t0 - readMs, analyze: t2 - t1, write: t3 - t2 },
    cpu: { start: cpuMs(cpu0), read: cpuMs(cpu1), analyze: cpuMs(cpu2), write: cpuMs(cpu3) },
  }),
);
