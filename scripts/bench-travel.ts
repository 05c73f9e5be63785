/**
 * Travel-time and population benchmark: full compute (3,000 km² county, 50 stations, ~20,000 road
 * segments), one-station moves, and the aggregation of a 2.6 M-pixel GeoTIFF (100 m over a 26,000 km² city).
 * Usage: npm run bench:travel
 */
import { readFileSync } from "node:fs";
import os from "node:os";
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from "geojson";
import { writeArrayBuffer } from "geotiff";
import {
  aggregatePopulation,
  buildCountyGrid,
  buildRoadNetwork,
  computeTravelTime,
  geodesicAreaKm2,
  isochroneBands,
  moveSite,
  readPopulationGeoTiff,
  travelGapPolygons,
  travelTimeSummary,
} from "../src/core";
import { latticeRoads, randomSites, rng } from "../test/core/travel/synthetic";

type County = Feature<Polygon | MultiPolygon, { code: string; name?: string }>;
const fc = JSON.parse(
  readFileSync(new URL("../geodata/counties-nanyang.geojson", import.meta.url), "utf8"),
) as FeatureCollection<Polygon | MultiPolygon, { code: string; name?: string }>;
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
  `move one station (±1 km), 100 moves: median ${ms(median(moves))}, p90 ${ms(pct(moves, 0.9))}, max ${ms(Math.max(...moves))}`,
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
