/**
 * Coverage at scale: N EMS stations against N village clinics in Nanyang, in one process, side by side.
 * Usage: `npx tsx scripts/bench-scale.ts [--n 500000] [--rounds 2]` (also run by `npm run bench`).
 *
 * N points are drawn (seeded) uniformly inside Nanyang's 13 counties and used twice: once as EMS stations,
 * once as village clinics. Two cases, each run in interleaved rounds (clinics then stations):
 * - (h) the whole rule engine, `analyze()` with the combined rule set and the township/village lists: the
 *   stations feed four coverage layers per county (urban 5 km, rural 20 km, rings at 10 and 20 km), the
 *   clinics none (they are counted per village);
 * - (i) the coverage engine alone: `coverMask` + `coverageStats` per county, stations at 5 km (districts) /
 *   15 km (counties), clinics at 2.5 km, as in case (d) of scripts/bench.ts. For scale, disc painting
 *   (`coverCountsUint32`, one disc walk per site) on a tenth of the stations.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { FeatureCollection, MultiPolygon, Polygon } from "geojson";
import {
  analyze,
  buildCountyGrid,
  type CountyProps,
  coverageStats,
  coverCountsUint32,
  coverMask,
  type Divisions,
  type Facility,
  polygonLocator,
  type RuleSet,
  type Site,
} from "../src/core";
import { seededRandom } from "./lib/rng";

const ROOT = new URL("..", import.meta.url);
const read = (f: string) => JSON.parse(readFileSync(new URL(f, ROOT), "utf8"));
const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);

/** N points uniformly inside the counties (rejection sampling in their bounding box), with their county. */
function pointsInside(
  counties: FeatureCollection<Polygon | MultiPolygon, CountyProps>,
  n: number,
  seed: number,
): Array<{ lon: number; lat: number; county: string }> {
  const locate = counties.features.map((f) => ({ code: f.properties.code, contains: polygonLocator(f.geometry) }));
  let [w, s, e, nn] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const f of counties.features) {
    const polys = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
    for (const p of polys)
      for (const [x, y] of p[0]) {
        [w, s, e, nn] = [Math.min(w, x), Math.min(s, y), Math.max(e, x), Math.max(nn, y)];
      }
  }
  const r = seededRandom(seed);
  const out: Array<{ lon: number; lat: number; county: string }> = [];
  while (out.length < n) {
    const lon = w + (e - w) * r();
    const lat = s + (nn - s) * r();
    const hit = locate.find((l) => l.contains(lon, lat));
    if (hit) out.push({ lon, lat, county: hit.code });
  }
  return out;
}

interface Inputs {
  counties: FeatureCollection<Polygon | MultiPolygon, CountyProps>;
  ruleSet: RuleSet;
  divisions: Divisions;
  points: Array<{ lon: number; lat: number; county: string }>;
}

function inputs(n: number): Inputs {
  const counties = read("geodata/counties-nanyang.geojson") as FeatureCollection<Polygon | MultiPolygon, CountyProps>;
  return {
    counties,
    ruleSet: read("seeds/ruleset-nanyang.json") as RuleSet,
    divisions: read("geodata/divisions-nanyang.json") as Divisions,
    points: pointsInside(counties, n, 13),
  };
}

/** One `analyze()` of the points as facilities of `type`; in a fresh process, so no run inherits another's heap. */
function analyzeOnce(n: number, type: Facility["type"]): { ms: number; minRural: number; heapMB: number } {
  const { counties, ruleSet, divisions, points } = inputs(n);
  const facilities: Facility[] = points.map((p, k) => ({ id: `${type}-${k}`, name: `${type} ${k}`, type, ...p }));
  const t = performance.now();
  const report = analyze({ counties, facilities, ruleSet, divisions });
  const ms = performance.now() - t;
  const shares = report.counties
    .map((c) => c.checks.find((x) => x.rule === "EMS-RURAL")?.coveredShare)
    .filter((x): x is number => x !== undefined);
  return { ms, minRural: Math.min(...shares), heapMB: process.memoryUsage().heapUsed / 2 ** 20 };
}

export function runScale(n = 500_000, rounds = 2): { ratioAnalyze: number[]; ratioCover: number[] } {
  const child = (type: Facility["type"]) => {
    const out = spawnSync(
      process.execPath,
      [...process.execArgv, fileURLToPath(import.meta.url), "--child", type, "--n", String(n)],
      {
        encoding: "utf8",
        maxBuffer: 16 << 20,
      },
    );
    if (out.status !== 0) throw new Error(`bench-scale child (${type}) failed: ${out.stderr}`);
    return JSON.parse(out.stdout.trim().split("\n").pop() as string) as ReturnType<typeof analyzeOnce>;
  };
  console.log(
    `(h) ${n.toLocaleString("en")} points drawn (seed 13) inside Nanyang's 13 counties; analyze() of them as village clinics and as EMS stations, each in a fresh process, ${rounds} interleaved rounds:`,
  );
  const ratioAnalyze: number[] = [];
  for (let round = 1; round <= rounds; round++) {
    const clinics = child("village-clinic");
    const stations = child("ems-station");
    ratioAnalyze.push(stations.ms / clinics.ms);
    console.log(
      `    round ${round}: clinics ${fmt(clinics.ms)}, EMS stations ${fmt(stations.ms)}: ${(stations.ms / clinics.ms).toFixed(2)}× (target ≤ 3×); heap after ${clinics.heapMB.toFixed(0)} / ${stations.heapMB.toFixed(0)} MB; lowest rural 20 km share with the stations ${(100 * stations.minRural).toFixed(1)} %`,
    );
  }

  const { counties, points } = inputs(n);
  const grids = counties.features.map((f) => ({ grid: buildCountyGrid(f), kind: f.properties.kind }));
  const sitesFor = (code: string, radiusKm: number, every = 1): Site[] => {
    const out: Site[] = [];
    points.forEach((p, k) => {
      if (p.county === code && k % every === 0) out.push({ id: `s${k}`, lon: p.lon, lat: p.lat, radiusKm });
    });
    return out;
  };
  const ratioCover: number[] = [];
  for (let round = 1; round <= rounds; round++) {
    let clinicMs = 0;
    let stationMs = 0;
    for (const { grid, kind } of grids) {
      const clinics = sitesFor(grid.code, 2.5);
      const stations = sitesFor(grid.code, kind === "district" ? 5 : 15);
      let t = performance.now();
      coverageStats(grid, coverMask(grid, clinics));
      clinicMs += performance.now() - t;
      t = performance.now();
      coverageStats(grid, coverMask(grid, stations));
      stationMs += performance.now() - t;
    }
    ratioCover.push(stationMs / clinicMs);
    console.log(
      `(i) round ${round}, coverMask + coverageStats, 13 counties: clinics at 2.5 km ${fmt(clinicMs)}, stations at 5 / 15 km ${fmt(stationMs)}: ${(stationMs / clinicMs).toFixed(2)}×`,
    );
  }
  let paintMs = 0;
  let painted = 0;
  for (const { grid, kind } of grids) {
    const tenth = sitesFor(grid.code, kind === "district" ? 5 : 15, 10);
    painted += tenth.length;
    const t = performance.now();
    coverageStats(grid, coverCountsUint32(grid, tenth));
    paintMs += performance.now() - t;
  }
  console.log(
    `(i) for scale: disc painting (coverCountsUint32) of ${painted.toLocaleString("en")} stations (a tenth) at 5 / 15 km: ${fmt(paintMs)}`,
  );
  return { ratioAnalyze, ratioCover };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const opt = (name: string, d: number) => {
    const k = process.argv.indexOf(name);
    return k > 0 ? Number(process.argv[k + 1]) : d;
  };
  const child = process.argv.indexOf("--child");
  if (child > 0)
    console.log(JSON.stringify(analyzeOnce(opt("--n", 500_000), process.argv[child + 1] as Facility["type"])));
  else runScale(opt("--n", 500_000), opt("--rounds", 2));
}
