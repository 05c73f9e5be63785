/**
 * The GEOS baseline's work done by the engine, as one process (bundled and run by `scripts/bench-geos.ts`):
 * `node coverage-job.mjs POINTS.geojson COUNTIES.geojson RADIUS_KM`. Reads the points and county polygons,
 * builds the county grids (250 m), marks the cells within the radius of a point, and computes each county's
 * covered area and gap polygons. Prints one JSON line with the totals and the time of each step (ms).
 */
import { readFileSync } from "node:fs";
import type { FeatureCollection, MultiPolygon, Point, Polygon } from "geojson";
import { buildCountyGrid, coverageStats, coverMask, gapPolygons, type Site } from "../src/core";

const t0 = performance.now();
const [pointsFile, countiesFile, radiusArg] = process.argv.slice(2);
const radiusKm = Number(radiusArg);
if (!pointsFile || !countiesFile || !(radiusKm > 0)) {
  console.error("usage: coverage-job POINTS.geojson COUNTIES.geojson RADIUS_KM");
  process.exit(2);
}
const points = JSON.parse(readFileSync(pointsFile, "utf8")) as FeatureCollection<Point>;
const counties = JSON.parse(readFileSync(countiesFile, "utf8")) as FeatureCollection<
  Polygon | MultiPolygon,
  { code: string }
>;
const sites: Site[] = points.features.map((f, k) => ({
  id: String(f.properties?.id ?? k),
  lon: f.geometry.coordinates[0],
  lat: f.geometry.coordinates[1],
  radiusKm,
}));
const t1 = performance.now();
const grids = counties.features.map((c) => buildCountyGrid(c));
const t2 = performance.now();
let areaKm2 = 0;
let coveredKm2 = 0;
let gapCount = 0;
for (const grid of grids) {
  const mask = coverMask(grid, sites);
  const stats = coverageStats(grid, mask);
  areaKm2 += stats.areaKm2;
  coveredKm2 += stats.coveredKm2;
  gapCount += gapPolygons(grid, mask).length;
}
const t3 = performance.now();
console.log(
  JSON.stringify({
    points: sites.length,
    counties: grids.length,
    radiusKm,
    areaKm2,
    coveredKm2,
    gapPolygons: gapCount,
    ms: { read: t1 - t0, grids: t2 - t1, cover: t3 - t2 },
  }),
);
