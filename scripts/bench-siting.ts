// Siting benchmarks: `npx tsx scripts/bench-siting.ts [--runs N]`
// 1. one real Nanyang county (桐柏县 411330): 1 km demand blocks × 2 km candidate grid, exact MCLP k = 5;
// 2. the whole of Nanyang (13 county grids) greedy MCLP k = 20, and a synthetic 200 × 200 km square of
//    1 km cells (40,000) with 2 km candidates.
import { readFileSync } from "node:fs";
import {
  buildCountyGrid,
  type Candidate,
  candidatesFromGrid,
  type WeightedDemandPoint as DemandPoint,
  demandFromGrid,
  type ExistingSite,
  loadHighs,
  localTransverseMercator,
  type SitingResult,
  solveSiting,
} from "../src/core";

const runsArg = process.argv.indexOf("--runs");
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 3;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function timeIt(label: string, f: () => Promise<SitingResult>): Promise<void> {
  const times: number[] = [];
  let last: SitingResult | undefined;
  for (let r = 0; r < RUNS; r++) {
    const t = performance.now();
    last = await f();
    times.push(performance.now() - t);
  }
  const res = last as SitingResult;
  const gap = res.gap === undefined ? "" : ` gap=${(res.gap * 100).toFixed(3)}%`;
  console.log(
    `${label}: median ${median(times).toFixed(0)} ms (runs ${times.map((t) => t.toFixed(0)).join(", ")}) ` +
      `method=${res.method} status=${res.status} sites=${res.sites.length} covered ${(res.coveredShareBefore * 100).toFixed(1)}% → ${(res.coveredShareAfter * 100).toFixed(1)}%${gap}`,
  );
}

const fc = JSON.parse(readFileSync(new URL("../geodata/counties-nanyang.geojson", import.meta.url), "utf8"));
const scenario = JSON.parse(readFileSync(new URL("../geodata/scenario-nanyang.geojson", import.meta.url), "utf8"));
const highs = await loadHighs();

// --- one county, exact
const county = fc.features.find((f: { properties: { code: string } }) => f.properties.code === "411330");
const grid = buildCountyGrid(county);
const demand = demandFromGrid(grid, { blockM: 1000 });
const candidates = candidatesFromGrid(grid, 2);
const emsHere: ExistingSite[] = scenario.features
  .filter(
    (f: { properties: { type: string; county: string } }) =>
      f.properties.type === "ems-station" && f.properties.county === "411330",
  )
  .map((f: { properties: { id: string; lon: number; lat: number } }) => ({
    id: f.properties.id,
    lon: f.properties.lon,
    lat: f.properties.lat,
  }));
console.log(
  `county 411330 桐柏县: ${demand.length} demand blocks of 1 km, ${candidates.length} candidates at 2 km, ${emsHere.length} existing EMS stations`,
);
for (const radiusKm of [5, 10]) {
  for (const existing of [[], emsHere]) {
    const p = { demand, candidates, existing, radiusKm, objective: { kind: "mclp" as const, k: 5 } };
    await timeIt(`  exact MCLP k=5 r=${radiusKm} km existing=${existing.length}`, () =>
      solveSiting(p, { method: "exact", highs, timeLimitSec: 30 }),
    );
    await timeIt(`  greedy MCLP k=5 r=${radiusKm} km existing=${existing.length}`, () =>
      solveSiting(p, { method: "greedy" }),
    );
  }
}
{
  const p = {
    demand,
    candidates,
    existing: emsHere,
    radiusKm: 10,
    objective: { kind: "lscp" as const, targetShare: 0.95 },
  };
  await timeIt("  exact LSCP 95% r=10 km", () => solveSiting(p, { method: "exact", highs, timeLimitSec: 30 }));
  const q = { ...p, objective: { kind: "mclp" as const, k: 5 }, constraints: { minSeparationKm: 15 } };
  await timeIt("  exact MCLP k=5 r=10 km, separation 15 km", () =>
    solveSiting(q, { method: "exact", highs, timeLimitSec: 30 }),
  );
}

// --- whole city, greedy
const cityDemand: DemandPoint[] = [];
const cityCands: Candidate[] = [];
for (const f of fc.features) {
  const g = buildCountyGrid(f);
  cityDemand.push(...demandFromGrid(g, { blockM: 1000 }));
  cityCands.push(...candidatesFromGrid(g, 2));
}
console.log(`Nanyang city: ${cityDemand.length} demand blocks of 1 km, ${cityCands.length} candidates at 2 km`);
for (const radiusKm of [5, 10, 20]) {
  const p = {
    demand: cityDemand,
    candidates: cityCands,
    existing: [],
    radiusKm,
    objective: { kind: "mclp" as const, k: 20 },
  };
  await timeIt(`  greedy MCLP k=20 r=${radiusKm} km`, () => solveSiting(p, { method: "greedy" }));
}

// --- synthetic 40,000 cells
const proj = localTransverseMercator(112.5, 33);
const synthDemand: DemandPoint[] = [];
const synthCands: Candidate[] = [];
for (let j = 0; j < 200; j++)
  for (let i = 0; i < 200; i++) {
    const [lon, lat] = proj.inverse((i - 100 + 0.5) * 1000, (j - 100 + 0.5) * 1000);
    synthDemand.push({ id: `d${i}_${j}`, lon, lat, weight: 1 + ((i * 7 + j * 13) % 10) });
  }
for (let j = 0; j < 100; j++)
  for (let i = 0; i < 100; i++) {
    const [lon, lat] = proj.inverse((i - 50) * 2000 + 1000, (j - 50) * 2000 + 1000);
    synthCands.push({ id: `c${i}_${j}`, lon, lat });
  }
console.log(`synthetic: ${synthDemand.length} demand cells of 1 km, ${synthCands.length} candidates at 2 km`);
for (const radiusKm of [5, 10]) {
  const p = {
    demand: synthDemand,
    candidates: synthCands,
    existing: [],
    radiusKm,
    objective: { kind: "mclp" as const, k: 20 },
  };
  await timeIt(`  greedy MCLP k=20 r=${radiusKm} km`, () => solveSiting(p, { method: "greedy" }));
}
