/**
 * The cost of finding the facilities at one site (src/app/map/features.ts facilityStacks), which the app runs with
 * every facility collection it gives the map (each analysis, each step of a drag): Nanyang's sample, 6,799
 * facilities. `npx tsx scripts/bench-facility-stacks.ts [--runs N]`; prints the minimum and median of N runs after 5
 * warm-up runs, and the load average.
 */
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { facilityStacks } from "../src/app/map/features";
import type { Facility } from "../src/core";

const at = process.argv.indexOf("--runs");
const runs = at > 0 ? Number(process.argv[at + 1]) : 100;
const fc = JSON.parse(readFileSync("geodata/scenario-nanyang.geojson", "utf8")) as {
  features: Array<{ properties: Facility }>;
};
const list = fc.features.map((f) => f.properties);
const status = new Map();
for (let i = 0; i < 5; i++) facilityStacks(list, status);
const times: number[] = [];
let stacked = 0;
for (let i = 0; i < runs; i++) {
  const t0 = performance.now();
  stacked = facilityStacks(list, status).size;
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
console.log(
  `facilityStacks: ${list.length} facilities, ${stacked} drawn as rings; ${runs} runs: min ${times[0].toFixed(2)} ms, ` +
    `median ${times[Math.floor(runs / 2)].toFixed(2)} ms; load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
);
