/**
 * Coverage benchmark: naive Turf buffer + union against the grid engine, plus incremental re-scoring; then
 * GEOS (shapely) side by side, whole process (scripts/bench-geos.ts), and 500,000 EMS stations against 500,000
 * village clinics (scripts/bench-scale.ts).
 * Then travel time and population rasters (scripts/bench-travel.ts, section (t); also `npm run bench:travel`), and
 * the built app in headless Chromium (scripts/bench-browser.ts, section (w); also `npm run bench:browser`), which is
 * skipped with the reason where Chromium is missing.
 * Usage: npm run bench [-- --quick] [-- --naive-n 5000] [-- --skip-naive] [-- --skip-geos] [-- --skip-scale]
 *        [-- --scale-n 500000] [-- --skip-travel] [-- --skip-browser] [-- --browser-runs 3] [-- --full-only (rule engine only, cold)]
 */
import { existsSync, readFileSync } from "node:fs";
import os from "node:os";
import { buffer, featureCollection, point, union } from "@turf/turf";
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon } from "geojson";
import type { CountyProps, Facility } from "../src/core";
import {
  analyze,
  applySite,
  buildCountyGrid,
  type CountyGrid,
  coverageStats,
  coverCounts,
  coverMask,
  createAnalysisSession,
  gapPolygons,
  type RuleSet,
  type Site,
} from "../src/core";
import { browserSkipReason, runBrowser } from "./bench-browser";
import { runGeosComparison } from "./bench-geos";
import { runScale } from "./bench-scale";
import { runTravel } from "./bench-travel";
import { flag, option } from "./lib/args";
import { seededRandom } from "./lib/rng";

const naiveN = flag("--quick") ? 1000 : Number(option("--naive-n") ?? 5000);
if (!Number.isInteger(naiveN) || naiveN < 2)
  throw new Error(`--naive-n must be an integer ≥ 2, got ${option("--naive-n")}`);
const moves = 200;
const radiusKm = 10;
const BBOX = { west: 110.6, east: 113.8, south: 32.2, north: 33.8 };

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}

const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);

type CountyFeature = Feature<Polygon | MultiPolygon, CountyProps>;

function loadCounties(): { counties: CountyFeature[]; source: string } {
  const path = new URL("../geodata/counties-nanyang.geojson", import.meta.url);
  if (existsSync(path)) {
    const fc = JSON.parse(readFileSync(path, "utf8")) as FeatureCollection<Polygon | MultiPolygon, CountyProps>;
    return { counties: fc.features, source: "geodata/counties-nanyang.geojson" };
  }
  const { west: w, east: e, south: s, north: n } = BBOX;
  const box: CountyFeature = {
    type: "Feature",
    properties: { code: "411300", name: "Nanyang bbox", kind: "county", seat: [112.5, 33], city: "nanyang" },
    geometry: {
      type: "Polygon",
      coordinates: [
        [
          [w, s],
          [e, s],
          [e, n],
          [w, n],
          [w, s],
        ],
      ],
    },
  };
  return { counties: [box], source: "geodata/counties-nanyang.geojson is missing: one bbox polygon instead" };
}

function randomSites(n: number, seed: number): Site[] {
  const r = seededRandom(seed);
  return Array.from({ length: n }, (_, k) => ({
    id: `p${k}`,
    lon: BBOX.west + (BBOX.east - BBOX.west) * r(),
    lat: BBOX.south + (BBOX.north - BBOX.south) * r(),
    radiusKm,
  }));
}

function naive(sites: Site[]): { bufferMs: number; unionMs: number; parts: number } {
  const t0 = performance.now();
  let layer: Feature<Polygon | MultiPolygon>[] = sites.map(
    (s) => buffer(point([s.lon, s.lat]), s.radiusKm, { units: "kilometers" }) as Feature<Polygon | MultiPolygon>,
  );
  const t1 = performance.now();
  while (layer.length > 1) {
    const next: Feature<Polygon | MultiPolygon>[] = [];
    for (let k = 0; k < layer.length; k += 2) {
      if (k + 1 >= layer.length) {
        next.push(layer[k]);
        continue;
      }
      const u = union(featureCollection([layer[k], layer[k + 1]]));
      if (u) next.push(u as Feature<Polygon | MultiPolygon>);
    }
    layer = next;
  }
  const t2 = performance.now();
  const g = layer[0].geometry;
  return { bufferMs: t1 - t0, unionMs: t2 - t1, parts: g.type === "Polygon" ? 1 : g.coordinates.length };
}

function engine(counties: CountyFeature[], sites: Site[]) {
  const t0 = performance.now();
  const grids = counties.map((c) => buildCountyGrid(c));
  const t1 = performance.now();
  let covered = 0;
  let area = 0;
  let gaps = 0;
  for (const grid of grids) {
    const mask = coverMask(grid, sites);
    const stats = coverageStats(grid, mask);
    gaps += gapPolygons(grid, mask).length;
    covered += stats.coveredKm2;
    area += stats.areaKm2;
  }
  const t2 = performance.now();
  return { grids, gridMs: t1 - t0, coverMs: t2 - t1, covered, area, gaps };
}

function rescoring(grid: CountyGrid, base: Site[], seed: number): { median: number; p95: number; max: number } {
  const sites = base.map((s) => ({ ...s }));
  const counts = coverCounts(grid, sites);
  const r = seededRandom(seed);
  const [clon, clat] = grid.projection.inverse(
    grid.originX + (grid.width * grid.cellSizeM) / 2,
    grid.originY + (grid.height * grid.cellSizeM) / 2,
  );
  // move facilities that matter to this county: the ones nearest to its centre
  const near = sites
    .map((s, k) => ({ k, d: Math.hypot(s.lon - clon, s.lat - clat) }))
    .sort((a, b) => a.d - b.d)
    .slice(0, 30)
    .map((x) => x.k);
  const times: number[] = [];
  for (let m = 0; m < moves; m++) {
    const k = near[Math.floor(r() * near.length)];
    const old = sites[k];
    const moved = { ...old, lon: old.lon + (r() - 0.5) * 0.1, lat: old.lat + (r() - 0.5) * 0.08 };
    const t0 = performance.now();
    applySite(grid, counts, old, -1);
    applySite(grid, counts, moved, 1);
    coverageStats(grid, counts);
    gapPolygons(grid, counts);
    times.push(performance.now() - t0);
    sites[k] = moved;
  }
  return { median: quantile(times, 0.5), p95: quantile(times, 0.95), max: Math.max(...times) };
}

function scenario(grids: CountyGrid[], kinds: Map<string, CountyProps["kind"]>) {
  const path = new URL("../geodata/scenario-nanyang.geojson", import.meta.url);
  if (!existsSync(path)) return null;
  const fc = JSON.parse(readFileSync(path, "utf8")) as FeatureCollection<Point, Facility>;
  const facilities = fc.features.map((f) => f.properties);
  const ems = facilities.filter(
    (f) => f.type === "ems-centre" || f.type === "ems-station" || f.type === "ems-dispatch",
  );
  const thc = facilities.filter((f) => f.type === "thc" || f.type === "central-thc" || f.type === "sub-centre");
  const vc = facilities.filter((f) => f.type === "village-clinic");
  const asSites = (fs: Facility[], r: number): Site[] =>
    fs.map((f) => ({ id: f.id, lon: f.lon, lat: f.lat, radiusKm: r }));
  const t0 = performance.now();
  let gaps = 0;
  for (const grid of grids) {
    const emsKm = kinds.get(grid.code) === "district" ? 5 : 15;
    for (const layer of [asSites(ems, emsKm), asSites(thc, 10), asSites(vc, 2.5)]) {
      const mask = coverMask(grid, layer);
      coverageStats(grid, mask);
      gaps += gapPolygons(grid, mask).length;
    }
  }
  return { ms: performance.now() - t0, ems: ems.length, thc: thc.length, vc: vc.length, gaps };
}

// (e) the whole rule engine, as the app and the CLI run it: every rule of the combined rule set, every county,
// gaps included; (f) what the app does while a planner drags: move one EMS station in the session, full report.
function fullEngine(): number | undefined {
  if (!existsSync("geodata/scenario-nanyang.geojson") || !existsSync("geodata/divisions-nanyang.json")) {
    console.log("(e)(f) scenario or divisions missing: full rule-engine cases skipped");
    return undefined;
  }
  const read = (f: string) => JSON.parse(readFileSync(f, "utf8"));
  const countiesFc = read("geodata/counties-nanyang.geojson");
  const scenarioFc = read("geodata/scenario-nanyang.geojson") as FeatureCollection<Point, Facility>;
  const facilities = scenarioFc.features.map((f) => ({
    ...f.properties,
    lon: f.geometry.coordinates[0],
    lat: f.geometry.coordinates[1],
  }));
  const input = {
    counties: countiesFc,
    facilities,
    ruleSet: read("seeds/ruleset-nanyang.json") as RuleSet,
    divisions: read("geodata/divisions-nanyang.json"),
  };
  const warmNote = flag("--full-only")
    ? "(cold: first core call in this process)"
    : "(after (b)-(d) warmed the coverage code)";
  const t0 = performance.now();
  const report = analyze(input);
  const fullMs = performance.now() - t0;
  const checks = report.counties.reduce((n, c) => n + c.checks.length, 0);
  console.log(
    `(e) full rule engine, analyze(): ${facilities.length} facilities, ${report.counties.length} counties, ${checks} checks, ${report.violations.length} violations, ${report.gaps.length} gaps: ${fmt(fullMs)} ${warmNote}`,
  );
  const session = createAnalysisSession(input);
  session.report();
  const station =
    facilities.find((f) => f.type === "ems-station" && f.county === "411323") ??
    facilities.find((f) => f.type === "ems-station")!;
  const r = seededRandom(11);
  const times: number[] = [];
  for (let i = 0; i < 50; i++) {
    const t = performance.now();
    session.moveFacility(station.id, station.lon + (r() - 0.5) * 0.1, station.lat + (r() - 0.5) * 0.1);
    session.report();
    times.push(performance.now() - t);
  }
  console.log(
    `(f) session: move one EMS station + full report, 50 moves: median ${fmt(quantile(times, 0.5))}, p95 ${fmt(quantile(times, 0.95))}`,
  );
  return fullMs;
}

const cpus = os.cpus();
console.log(
  `node ${process.version}, ${cpus.length} cores (${cpus[0]?.model ?? "?"}), ${new Date().toISOString().slice(0, 10)}`,
);
if (flag("--full-only")) {
  fullEngine();
  process.exit(0);
}
const { counties, source } = loadCounties();
console.log(`counties: ${counties.length} from ${source}`);
const sites = randomSites(naiveN, 20261122);
console.log(
  `N = ${naiveN} random points (seed 20261122) in ${BBOX.west}–${BBOX.east} E, ${BBOX.south}–${BBOX.north} N, radius ${radiusKm} km\n`,
);

const ours = engine(counties, sites);
const oursMs = ours.gridMs + ours.coverMs;
console.log(
  `(b) engine: grids ${fmt(ours.gridMs)} + coverMask/coverageStats/gapPolygons ${fmt(ours.coverMs)} = ${fmt(oursMs)}`,
);
console.log(
  `    covered ${ours.covered.toFixed(1)} of ${ours.area.toFixed(1)} km² (${((100 * ours.covered) / ours.area).toFixed(2)} %), ${ours.gaps} gap polygons`,
);

const largest = ours.grids.reduce((a, b) => (b.insideCount > a.insideCount ? b : a));
const dense = rescoring(largest, sites, 7);
console.log(
  `(c) re-score county ${largest.code} (${largest.insideCount} cells) after moving one of the N facilities, ${moves} moves:`,
);
console.log(`    median ${fmt(dense.median)}, p95 ${fmt(dense.p95)}, max ${fmt(dense.max)}`);
const sparse = rescoring(largest, randomSites(60, 99), 8);
console.log(
  `    with 60 facilities only (many gaps): median ${fmt(sparse.median)}, p95 ${fmt(sparse.p95)}, max ${fmt(sparse.max)}`,
);
console.log(`    p95 < 50 ms: ${Math.max(dense.p95, sparse.p95) < 50 ? "yes" : "NO"}`);

const kinds = new Map(counties.map((c) => [c.properties.code, c.properties.kind]));
const sc = scenario(ours.grids, kinds);
if (sc) {
  console.log(
    `(d) full scenario (geodata/scenario-nanyang.geojson): ${sc.ems} EMS at 5 km (districts) / 15 km (counties), ${sc.thc} THCs at 10 km, ${sc.vc} village clinics at 2.5 km, ${counties.length} counties: ${fmt(sc.ms)} (${sc.gaps} gap polygons; grids built in (b))`,
  );
} else {
  console.log("(d) geodata/scenario-nanyang.geojson not found: full-scenario case skipped");
}

const fullMs = fullEngine();

if (flag("--skip-naive")) {
  console.log("\n(a) naive Turf run skipped (--skip-naive)");
} else {
  console.log(`\n(a) naive: turf.buffer × ${naiveN} then pairwise-tree turf.union …`);
  const nv = naive(sites);
  const naiveMs = nv.bufferMs + nv.unionMs;
  console.log(
    `    buffer ${fmt(nv.bufferMs)} + union ${fmt(nv.unionMs)} = ${fmt(naiveMs)} (${nv.parts} polygon parts, no per-county stats or gaps)`,
  );
  console.log(
    `\ntotals: naive ${fmt(naiveMs)} vs engine ${fmt(oursMs)}: ${(naiveMs / oursMs).toFixed(0)}× faster (target ≥ 50×)`,
  );
  if (fullMs !== undefined)
    console.log(
      `        naive ${fmt(naiveMs)} vs full rule engine (e) ${fmt(fullMs)}: ${(naiveMs / fullMs).toFixed(0)}× faster`,
    );
}

console.log("");
if (flag("--skip-geos")) console.log("(g) GEOS baseline skipped (--skip-geos)");
else await runGeosComparison(flag("--quick") ? 3 : 5);
console.log("");
if (flag("--skip-scale")) console.log("(h)(i) 500,000-site runs skipped (--skip-scale)");
else runScale(Number(option("--scale-n") ?? (flag("--quick") ? 100_000 : 500_000)), 2);
console.log("");
if (flag("--skip-travel")) console.log("(t) travel time and population skipped (--skip-travel)");
else {
  console.log("(t) travel time and population rasters (scripts/bench-travel.ts)");
  await runTravel();
}
console.log("");
const browserSkip = flag("--skip-browser") ? "--skip-browser" : browserSkipReason();
if (browserSkip) console.log(`(w) the app in the browser skipped: ${browserSkip}`);
else {
  console.log("(w) the built app in headless Chromium (scripts/bench-browser.ts)");
  const quick = flag("--quick");
  await runBrowser({ runs: Number(option("--browser-runs") ?? (quick ? 2 : 5)), drags: quick ? 4 : 10 });
}
