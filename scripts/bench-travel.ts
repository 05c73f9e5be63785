/**
 * Travel-time and population benchmark: full compute (3,000 km² county, 50 stations, ~20,000 road
 * segments), one-station moves (copying and in place), a station drag through the worker's API (the session
 * re-scores the county: every rule, EMS-TIME repaired in place), and the aggregation of a 2.6 M-pixel GeoTIFF
 * (100 m over a 26,000 km² city). Also run by `npm run bench` (section (t)).
 * Usage: npm run bench:travel
 */
import { readFileSync } from "node:fs";
import os from "node:os";
import { pathToFileURL } from "node:url";
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from "geojson";
import { writeArrayBuffer } from "geotiff";
import {
  aggregatePopulation,
  buildCountyGrid,
  buildRoadNetwork,
  type CountyProps,
  computeTravelTime,
  type Facility,
  geodesicAreaKm2,
  isochroneBands,
  loadHighs,
  moveSite,
  RuleSetSchema,
  readPopulationGeoTiff,
  travelGapPolygons,
  travelTimeSummary,
} from "../src/core";
import { createAnalysisApi } from "../src/worker/api";
import { latticeRoads, randomSites, rng } from "../test/core/travel/synthetic";

type County = Feature<Polygon | MultiPolygon, CountyProps>;
const fc = JSON.parse(
  readFileSync(new URL("../geodata/counties-nanyang.geojson", import.meta.url), "utf8"),
) as FeatureCollection<Polygon | MultiPolygon, CountyProps>;
const counties = fc.features as County[];

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
function pct(xs: number[], p: number): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * p))];
}
const ms = (x: number) => `${x.toFixed(1)} ms`;

/** Runs every travel-time and population measurement, printing one line per figure. */
export async function runTravel(): Promise<void> {
  console.log(
    `Node ${process.version}, ${os.cpus()[0]?.model ?? "cpu"}, load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );

  // 1. full compute and moves on the Nanyang county closest to 3,000 km²
  const county = counties
    .map((f) => ({ f, a: geodesicAreaKm2(f.geometry) }))
    .sort((x, y) => Math.abs(x.a - 3000) - Math.abs(y.a - 3000))[0];
  const grid = buildCountyGrid(county.f, { cellSizeM: 250 });
  const roads = latticeRoads(grid, 730);
  let t = performance.now();
  const { network } = buildRoadNetwork(grid, roads);
  const buildMs = performance.now() - t;
  const sites = randomSites(grid, 50);
  const full: number[] = [];
  let field = computeTravelTime(network, sites);
  for (let k = 0; k < 5; k++) {
    t = performance.now();
    field = computeTravelTime(network, sites);
    full.push(performance.now() - t);
  }
  console.log(
    `${county.f.properties.name ?? ""} ${county.f.properties.code}: ${county.a.toFixed(0)} km², grid ${grid.width}×${grid.height} (250 m), ` +
      `${network.edgeA.length} road segments, ${network.nodeX.length} nodes, 50 stations`,
  );
  console.log(`build network ${ms(buildMs)}; full compute: first ${ms(full[0])}, median of 5 ${ms(median(full))}`);
  const r = rng(5);
  const moves: number[] = [];
  for (let k = 0; k < 100; k++) {
    const s = Math.floor(r() * sites.length);
    const lon = field.sites[s].lon + (r() - 0.5) * 0.02;
    const lat = field.sites[s].lat + (r() - 0.5) * 0.02;
    t = performance.now();
    field = moveSite(field, s, lon, lat);
    moves.push(performance.now() - t);
  }
  console.log(
    `move one station (±1 km), 100 moves, copying the field: median ${ms(median(moves))}, p90 ${ms(pct(moves, 0.9))}, max ${ms(Math.max(...moves))}`,
  );
  const inPlace: number[] = [];
  for (let k = 0; k < 100; k++) {
    const s = Math.floor(r() * sites.length);
    const lon = field.sites[s].lon + (r() - 0.5) * 0.02;
    const lat = field.sites[s].lat + (r() - 0.5) * 0.02;
    t = performance.now();
    field = moveSite(field, s, lon, lat, { mutate: true });
    inPlace.push(performance.now() - t);
  }
  console.log(
    `move one station (±1 km), 100 moves in place ({ mutate: true }): median ${ms(median(inPlace))}, p90 ${ms(pct(inPlace, 0.9))}, max ${ms(Math.max(...inPlace))}`,
  );
  t = performance.now();
  const summary = travelTimeSummary(grid, field.minutes);
  const gaps = travelGapPolygons(grid, field.minutes, 30);
  const summaryMs = performance.now() - t;
  t = performance.now();
  isochroneBands(grid, field.minutes);
  const isoMs = performance.now() - t;
  console.log(
    `summary + gap polygons ${ms(summaryMs)} (mean ${summary.meanMinutes?.toFixed(1)} min, ${gaps.length} gaps); isochrone bands 10/20/30 ${ms(isoMs)}`,
  );

  await workerDrag(county.f, roads, sites);
  await cityRoads();

  // 2. a 2.6 M-pixel population GeoTIFF at 100 m (EPSG:32649 UTM 49N, over Nanyang), onto the 13 county grids
  const W = 1625;
  const H = 1600;
  const px = 100;
  const x0 = 520_000;
  const y0 = 3_760_000;
  const values = new Float32Array(W * H);
  const g = rng(9);
  for (let k = 0; k < values.length; k++) values[k] = k % 1000 === 0 ? -200 : g() * 30;
  const tif = writeArrayBuffer(values, {
    width: W,
    height: H,
    ModelPixelScale: [px, px, 0],
    ModelTiepoint: [0, 0, 0, x0, y0, 0],
    GTModelTypeGeoKey: 1,
    GTRasterTypeGeoKey: 1,
    ProjectedCSTypeGeoKey: 32649,
    GDAL_NODATA: "-200",
    SampleFormat: [3],
    BitsPerSample: [32],
  });
  const grids = counties.map((f) => buildCountyGrid(f, { cellSizeM: 250 }));
  const runs: number[] = [];
  let people = 0;
  for (let k = 0; k < 3; k++) {
    t = performance.now();
    const read = await readPopulationGeoTiff(tif, { file: "bench.tif" });
    if (!read.ok) throw new Error(read.errors[0].message.en);
    people = 0;
    for (const gr of grids) people += aggregatePopulation(gr, read.value).countySum;
    runs.push(performance.now() - t);
  }
  console.log(
    `GeoTIFF ${W}×${H} = ${((W * H) / 1e6).toFixed(2)} M pixels (100 m, EPSG:32649), read + aggregate onto ${grids.length} county grids: ` +
      `first ${ms(runs[0])}, median of 3 ${ms(median(runs))}; ${people.toFixed(0)} people inside the counties`,
  );
}

/** Roads as a GeoJSON file's bytes (what the app hands the worker). */
function roadsGeoJSON(roads: ReturnType<typeof latticeRoads>): Uint8Array {
  const features = roads.map((road) => {
    const coordinates: number[][] = [];
    for (let k = 0; k < road.coords.length; k += 2) coordinates.push([road.coords[k], road.coords[k + 1]]);
    return { type: "Feature", properties: { class: road.roadClass }, geometry: { type: "LineString", coordinates } };
  });
  return new TextEncoder().encode(JSON.stringify({ type: "FeatureCollection", features }));
}

/**
 * A station drag as the app does it: the worker's API (in this process) loaded with the county, its 50 stations and
 * the road file; each step is `moveFacility(…, { live: true })` (re-score the county, every rule, EMS-TIME repaired in
 * place, no isochrone redraw), and the release a plain `moveFacility` (isochrones redrawn).
 */
async function workerDrag(
  county: County,
  roads: ReturnType<typeof latticeRoads>,
  sites: ReturnType<typeof randomSites>,
) {
  const ruleSet = RuleSetSchema.parse(
    JSON.parse(readFileSync(new URL("../seeds/ruleset-nanyang.json", import.meta.url), "utf8")),
  );
  const facilities: Facility[] = sites.map((s, k) => ({
    id: `ems-${k}`,
    name: `急救站 ${k}`,
    type: "ems-station",
    lon: s.lon,
    lat: s.lat,
    county: county.properties.code,
  }));
  const api = createAnalysisApi({ loadHighs: () => loadHighs() });
  let t = performance.now();
  api.load({ counties: { type: "FeatureCollection", features: [county] }, facilities, ruleSet });
  const loadMs = performance.now() - t;
  const bytes = roadsGeoJSON(roads);
  t = performance.now();
  const read = await api.loadRoads(bytes, "roads.geojson");
  if (!read.ok) throw new Error(read.issues.map((i) => i.message.en).join("\n"));
  const roadsMs = performance.now() - t;
  const r = rng(11);
  const steps: number[] = [];
  const releases: number[] = [];
  const bands: number[] = [];
  let last = read.current.report;
  for (let k = 0; k < 20; k++) {
    const s = Math.floor(r() * facilities.length);
    const f = facilities[s];
    for (let step = 1; step <= 5; step++) {
      const lon = f.lon + step * 0.002;
      const lat = f.lat + step * 0.001;
      t = performance.now();
      last = api.moveFacility(f.id, lon, lat, { live: true }).report;
      steps.push(performance.now() - t);
      // the page asks for the bands of the live position now and then during the drag (every 400 ms at most)
      if (step === 3) {
        t = performance.now();
        api.isochrones();
        bands.push(performance.now() - t);
      }
    }
    t = performance.now();
    last = api.moveFacility(f.id, f.lon + 0.01, f.lat + 0.005).report;
    releases.push(performance.now() - t);
    f.lon += 0.01;
    f.lat += 0.005;
  }
  const mean = last.counties[0].checks.find((c) => c.rule === "EMS-TIME")?.meanMinutes;
  console.log(
    `worker: load the county ${ms(loadMs)}; loadRoads (${(bytes.length / 1e6).toFixed(1)} MB GeoJSON, ${read.loaded.roads} roads: read, build, first EMS-TIME) ${ms(roadsMs)}`,
  );
  console.log(
    `worker drag, 20 drags × 5 live steps (re-score the county, EMS-TIME in place): median ${ms(median(steps))}, p90 ${ms(pct(steps, 0.9))}, max ${ms(Math.max(...steps))}; ` +
      `release (with isochrones) median ${ms(median(releases))}, max ${ms(Math.max(...releases))}; mean time after ${mean?.toFixed(2)} min`,
  );
  console.log(
    `worker drag, the live position's bands (isochrones(), once per drag): median ${ms(median(bands))}, max ${ms(Math.max(...bands))}`,
  );
}

/**
 * Roads for a whole city, as the app loads them: Nanyang's 13 counties with the sample scenario (6,799 facilities)
 * and one proposed EMS station (so the before/after baseline session is re-scored too), and a jittered lattice of
 * roads at 2 km over every county, as one GeoJSON file through the worker's `loadRoads`. Loading roads evaluates
 * only the travel-time rules again; the last reading progress call splits reading from scoring.
 */
async function cityRoads() {
  const ruleSet = RuleSetSchema.parse(
    JSON.parse(readFileSync(new URL("../seeds/ruleset-nanyang.json", import.meta.url), "utf8")),
  );
  const scenario = JSON.parse(readFileSync(new URL("../geodata/scenario-nanyang.geojson", import.meta.url), "utf8"));
  const divisions = JSON.parse(readFileSync(new URL("../geodata/divisions-nanyang.json", import.meta.url), "utf8"));
  const facilities: Facility[] = scenario.features.map(
    (f: { properties: Facility; geometry: { coordinates: number[] } }) => ({
      ...f.properties,
      lon: f.geometry.coordinates[0],
      lat: f.geometry.coordinates[1],
    }),
  );
  const seat = counties[0].properties.seat;
  facilities.push({
    id: "proposed-1",
    name: "拟建急救站",
    type: "ems-station",
    lon: seat[0] + 0.05,
    lat: seat[1],
    proposed: true,
  });
  const roads = counties.flatMap((c, k) => latticeRoads(buildCountyGrid(c, { cellSizeM: 250 }), 2000, k + 1));
  const bytes = roadsGeoJSON(roads);
  const api = createAnalysisApi({ loadHighs: () => loadHighs() });
  let t = performance.now();
  api.load({ counties: fc, facilities, ruleSet, divisions });
  const loadMs = performance.now() - t;
  let readEnd = 0;
  let calls = 0;
  t = performance.now();
  const read = await api.loadRoads(bytes, "roads.geojson", {}, (p) => {
    if (p.phase === "score") calls++;
    else readEnd = performance.now();
  });
  const end = performance.now();
  if (!read.ok) throw new Error(read.issues.map((i) => i.message.en).join("\n"));
  console.log(
    `city roads: Nanyang, 13 counties, ${facilities.length} facilities (1 proposed), analysis loaded in ${ms(loadMs)}; ` +
      `loadRoads (${(bytes.length / 1e6).toFixed(1)} MB GeoJSON, ${read.loaded.roads} roads) ${ms(end - t)}: ` +
      `read (to the last reading progress call) ${ms(readEnd - t)}, then re-score (EMS-TIME only, current and baseline, ${calls} progress calls) ${ms(end - readEnd)}`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await runTravel();
