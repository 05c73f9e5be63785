/**
 * Times the review report's parts on the Nanyang scenario: the analysis, the 13 county maps drawn in pure JS, the
 * content model, the Word file and the HTML page; and a Shapefile zip of the violations. Run:
 * `npx tsx scripts/bench-report.ts`. Prints one line per step with wall-clock and CPU milliseconds (the process's
 * user + system time, which a loaded machine inflates less than the wall clock) and output size.
 */
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon } from "geojson";
import type { CountyProps, Facility } from "../src/core";
import {
  analyze,
  buildReview,
  type Divisions,
  exportShapefileZip,
  placeViolations,
  RuleSetSchema,
  reviewDocx,
  reviewHtml,
  reviewMaps,
  violationFlatProps,
} from "../src/core";

const json = <T>(p: string) => JSON.parse(readFileSync(p, "utf8")) as T;

async function main() {
  const ruleSet = RuleSetSchema.parse(json("seeds/ruleset-nanyang.json"));
  const counties = json<FeatureCollection<Polygon | MultiPolygon, CountyProps>>("geodata/counties-nanyang.geojson");
  const divisions = json<Divisions>("geodata/divisions-nanyang.json");
  const facilities = json<FeatureCollection<Point, Facility>>("geodata/scenario-nanyang.geojson").features.map(
    (f: Feature<Point, Facility>) => ({
      ...f.properties,
      lon: f.geometry.coordinates[0],
      lat: f.geometry.coordinates[1],
    }),
  );
  const step = async <T>(name: string, f: () => T | Promise<T>, size?: (t: T) => number): Promise<T> => {
    const t = performance.now();
    const cpu0 = process.cpuUsage();
    const out = await f();
    const ms = performance.now() - t;
    const cpu = process.cpuUsage(cpu0);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    console.log(
      `${name.padEnd(34)} ${ms.toFixed(0).padStart(6)} ms (CPU ${cpuMs.toFixed(0).padStart(6)} ms)${size ? `  ${size(out).toLocaleString("en-US")} bytes` : ""}`,
    );
    return out;
  };
  console.log(
    `load average ${loadavg()
      .map((x) => x.toFixed(2))
      .join(" ")}`,
  );
  const report = await step("analyze (13 counties, 6,789 sites)", () =>
    analyze({ counties, facilities, ruleSet, divisions }),
  );
  const base = { report, ruleSet, counties: counties.features, facilities, divisions };
  const maps = await step(
    "reviewMaps, 13 maps at 1600 px",
    () => reviewMaps(base),
    (m) => Object.values(m).reduce((s, x) => s + x.png.length, 0),
  );
  const doc = await step("buildReview", () =>
    buildReview({ ...base, cityName: "南阳市", sources: [], invented: true, maps }),
  );
  await step(
    "reviewDocx",
    () => reviewDocx(doc),
    (b) => b.length,
  );
  await step(
    "reviewHtml",
    () => reviewHtml(doc),
    (s) => new TextEncoder().encode(s).length,
  );
  const placed = await step("placeViolations", () => placeViolations({ ...base, violations: report.violations }));
  await step(
    "exportShapefileZip (violations)",
    () =>
      exportShapefileZip([
        { name: "violations", features: placed.map((p) => ({ ...p, properties: violationFlatProps(p.properties) })) },
      ]),
    (z) => z.zip.length,
  );
}

main();
