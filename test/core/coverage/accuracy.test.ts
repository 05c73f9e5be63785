import { check } from "@placemarkio/check-geojson";
import { booleanPointInPolygon } from "@turf/turf";
import type { MultiPolygon, Polygon, Position } from "geojson";
import * as polygonClipping from "polygon-clipping";
import proj4 from "proj4";
import { describe, expect, it } from "vitest";
import {
  buildCountyGrid,
  coverageStats,
  coverCounts,
  gapPolygons,
  rasterizeMask,
  type Site,
} from "../../../src/core/coverage";
import { expectSameArray } from "../../same-array";
import { type CountyFeature, deepFreeze, geod, loadHandmade, loadNanyang, refDistanceM } from "./helpers";

type PC = typeof polygonClipping;
const pc: PC = (polygonClipping as unknown as { default?: PC }).default ?? polygonClipping;

/** Exact reference: county ∩ ∪(256-gon geodesic circles) in a Lambert azimuthal equal-area projection (km²). */
function referenceCoverage(county: CountyFeature, sites: readonly Site[]): { countyKm2: number; coveredKm2: number } {
  const g = county.geometry;
  const polys = g.type === "Polygon" ? [g.coordinates] : g.coordinates;
  const c = polys[0][0][0];
  const laea = proj4("WGS84", `+proj=laea +lat_0=${c[1]} +lon_0=${c[0]} +x_0=0 +y_0=0 +ellps=WGS84 +units=m +no_defs`);
  const proj = (p: Position) => laea.forward([p[0], p[1]]) as [number, number];
  const countyXY = polys.map((rings) => rings.map((ring) => ring.map(proj)));
  const circles = sites.map((s) => {
    const ring: [number, number][] = [];
    for (let k = 0; k < 256; k++) {
      const d = geod.Direct(s.lat, s.lon, (360 * k) / 256, s.radiusKm * 1000);
      ring.push(proj([d.lon2 as number, d.lat2 as number]));
    }
    ring.push(ring[0]);
    return [ring];
  });
  const area = (mp: [number, number][][][]) => {
    let s = 0;
    for (const rings of mp)
      rings.forEach((ring, k) => {
        let a = 0;
        for (let i = 0; i < ring.length - 1; i++) a += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
        s += (k === 0 ? 1 : -1) * Math.abs(a / 2);
      });
    return s / 1e6;
  };
  const countyMP = pc.union(countyXY as polygonClipping.MultiPolygon);
  const union = circles.length ? pc.union(circles[0], ...circles.slice(1)) : [];
  const covered = pc.intersection(countyMP, union);
  return { countyKm2: area(countyMP), coveredKm2: area(covered) };
}

function sitesAround(county: CountyFeature): Site[] {
  // sites at 5, 10 and 15 km spread over the county's seat and bounding box
  const g = county.geometry;
  const pts = (g.type === "Polygon" ? [g.coordinates] : g.coordinates).flat(2);
  const lons = pts.map((p) => p[0]);
  const lats = pts.map((p) => p[1]);
  const [x0, x1, y0, y1] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
  const at = (u: number, v: number) => [x0 + u * (x1 - x0), y0 + v * (y1 - y0)];
  const spec: Array<[number, number, number]> = [
    [0.5, 0.5, 15],
    [0.2, 0.3, 10],
    [0.8, 0.7, 10],
    [0.3, 0.8, 5],
    [0.7, 0.2, 5],
    [0.55, 0.45, 5],
    [0.95, 0.05, 10],
  ];
  return deepFreeze(
    spec.map(([u, v, r], k) => {
      const [lon, lat] = at(u, v);
      return { id: `t${k}`, lon, lat, radiusKm: r };
    }),
  );
}

const nanyang = loadNanyang();
const handmade = loadHandmade();
const cases: Array<[string, CountyFeature, Site[]]> = [
  ["hand-made fixture", handmade.county, handmade.sites],
  ...(nanyang ?? [])
    .filter((f) => ["411302", "411321", "411323", "411381"].includes(f.properties.code))
    .map((f) => [`Nanyang ${f.properties.code}`, f, sitesAround(f)] as [string, CountyFeature, Site[]]),
];

describe("coverage accuracy against an exact polygon computation", () => {
  it.each(
    cases,
  )("%s: covered share within 0.5 pp, gaps add up and lie outside every circle", (_name, county, sites) => {
    const grid = buildCountyGrid(county);
    const counts = coverCounts(grid, sites);
    const stats = coverageStats(grid, counts);
    const ref = referenceCoverage(county, sites);
    expect(Math.abs(stats.coveredShare - ref.coveredKm2 / ref.countyKm2)).toBeLessThan(0.005);
    expect(Math.abs(stats.coveredKm2 - ref.coveredKm2)).toBeLessThan(0.005 * ref.countyKm2);
    expect(stats.areaKm2).toBeCloseTo(grid.areaKm2, 9);
    expect(stats.coveredKm2 + stats.uncoveredKm2).toBeCloseTo(stats.areaKm2, 6);

    const gaps = gapPolygons(grid, counts);
    expect(gaps.length).toBeGreaterThan(0);
    expect(() => check(JSON.stringify({ type: "FeatureCollection", features: gaps }))).not.toThrow();
    // independent area of the returned geometry (geographiclib, not the areaKm2 property)
    let total = 0;
    for (const gap of gaps) {
      const pa = geod.Polygon(false);
      let a = 0;
      gap.geometry.coordinates.forEach((ring, k) => {
        pa.Clear();
        for (const p of ring.slice(0, -1)) pa.AddPoint(p[1], p[0]);
        const r = pa.Compute(false, true);
        // RFC 7946: outer ring counter-clockwise (positive), holes clockwise (negative)
        expect(Math.sign(r.area as number)).toBe(k === 0 ? 1 : -1);
        a += (r.area as number) / 1e6;
      });
      total += a;
      expect(gap.properties.county).toBe(county.properties.code);
    }
    expect(Math.abs(total / stats.uncoveredKm2 - 1)).toBeLessThan(0.01);
    for (let k = 1; k < gaps.length; k++)
      expect(gaps[k].properties.areaKm2).toBeLessThanOrEqual(gaps[k - 1].properties.areaKm2);
    // each gap's cells are outside every circle; its outline is at most half a cell diagonal inside one
    for (const gap of gaps.slice(0, 5)) {
      for (const ring of gap.geometry.coordinates)
        for (const p of ring) {
          for (const s of sites)
            expect(refDistanceM(s.lon, s.lat, p[0], p[1])).toBeGreaterThan(s.radiusKm * 1000 - 0.71 * 250);
        }
      let sampled = 0;
      for (let j = 0; j < grid.height && sampled < 200; j += 3)
        for (let i = 0; i < grid.width && sampled < 200; i += 3) {
          const [lon, lat] = grid.projection.inverse(grid.originX + (i + 0.5) * 250, grid.originY + (j + 0.5) * 250);
          if (!booleanPointInPolygon([lon, lat], gap.geometry)) continue;
          sampled++;
          for (const s of sites) expect(refDistanceM(s.lon, s.lat, lon, lat)).toBeGreaterThan(s.radiusKm * 1000);
        }
    }
  });

  it("restricts stats and gaps to a mask, and drops gaps under minAreaKm2", () => {
    const { county, sites } = handmade;
    const grid = buildCountyGrid(county);
    const counts = coverCounts(grid, sites);
    const west: Polygon = {
      type: "Polygon",
      coordinates: [
        [
          [111.8, 32.6],
          [112.3, 32.6],
          [112.3, 33.4],
          [111.8, 33.4],
          [111.8, 32.6],
        ],
      ],
    };
    const mask = rasterizeMask(grid, deepFreeze([west]));
    const [countsBefore, maskBefore, insideBefore] = [counts.slice(), mask.slice(), grid.inside.slice()];
    const whole = coverageStats(grid, counts);
    const part = coverageStats(grid, counts, mask);
    expect(part.areaKm2).toBeLessThan(whole.areaKm2);
    const gaps = gapPolygons(grid, counts, { mask });
    for (const gap of gaps)
      for (const ring of gap.geometry.coordinates) for (const p of ring) expect(p[0]).toBeLessThanOrEqual(112.3 + 0.01);
    const sum = gaps.reduce((s, g) => s + g.properties.areaKm2, 0);
    expect(Math.abs(sum / part.uncoveredKm2 - 1)).toBeLessThan(0.01);
    const big = gapPolygons(grid, counts, { mask, minAreaKm2: 10 });
    expect(big.every((g) => g.properties.areaKm2 >= 10)).toBe(true);
    expect(big.length).toBeLessThan(gaps.length + 1);
    expectSameArray(counts, countsBefore);
    expectSameArray(mask, maskBefore);
    expectSameArray(grid.inside, insideBefore);
  });

  it("returns no gap when everything is covered and one gap per isolated uncovered cell group", () => {
    const { county } = handmade;
    const grid = buildCountyGrid(county, { cellSizeM: 1000 });
    const all = coverCounts(grid, [{ id: "big", lon: 112.35, lat: 33.0, radiusKm: 80 }]);
    expect(gapPolygons(grid, all)).toEqual([]);
    expect(coverageStats(grid, all).coveredShare).toBe(1);
    const none = new Uint16Array(grid.width * grid.height);
    const gaps = gapPolygons(grid, none);
    // the county has two parts and one hole: two gaps, the main one keeping the hole
    expect(gaps.length).toBe(2);
    expect(gaps[0].geometry.coordinates.length).toBe(2);
    const mp: MultiPolygon = county.geometry as MultiPolygon;
    expect(mp.coordinates.length).toBe(2);
  });
});
