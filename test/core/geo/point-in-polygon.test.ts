import { readFileSync } from "node:fs";
import geodesic from "geographiclib-geodesic";
import type { FeatureCollection, MultiPolygon, Polygon } from "geojson";
import { describe, expect, it } from "vitest";
import { seededRandom as seeded } from "../../../scripts/lib/rng";
import { geodesicDestination } from "../../../src/core/geo/geodesic";
import { geodesicCircle, pointInPolygon, polygonLocator } from "../../../src/core/geo/point-in-polygon";
import { loadNanyang, rng } from "../coverage/helpers";

const WGS84 = geodesic.Geodesic.WGS84;

function load(path: string) {
  return JSON.parse(readFileSync(path, "utf8")) as FeatureCollection<Polygon | MultiPolygon>;
}

const square = {
  type: "Polygon" as const,
  coordinates: [
    [
      [0, 0],
      [10, 0],
      [10, 10],
      [0, 10],
      [0, 0],
    ],
    [
      [4, 4],
      [6, 4],
      [6, 6],
      [4, 6],
      [4, 4],
    ],
  ],
};

describe("pointInPolygon", () => {
  it("respects holes and parts", () => {
    expect(pointInPolygon(1, 1, square)).toBe(true);
    expect(pointInPolygon(5, 5, square)).toBe(false);
    expect(pointInPolygon(11, 5, square)).toBe(false);
    const multi = {
      type: "MultiPolygon" as const,
      coordinates: [
        square.coordinates,
        [
          [
            [20, 0],
            [22, 0],
            [22, 2],
            [20, 2],
            [20, 0],
          ],
        ],
      ],
    };
    expect(pointInPolygon(21, 1, multi)).toBe(true);
    expect(pointInPolygon(5, 5, multi)).toBe(false);
  });
});

describe("polygonLocator", () => {
  const geoms: Array<[string, Polygon | MultiPolygon]> = [
    ["square with hole", square],
    ...load("test/fixtures/coverage/handmade-county.geojson")
      .features.filter((f) => f.geometry.type === "Polygon" || f.geometry.type === "MultiPolygon")
      .map((f, i) => [`handmade ${i}`, f.geometry] as [string, Polygon | MultiPolygon]),
    ...["nanyang", "nangong", "yichun"].flatMap((c) =>
      load(`geodata/counties-${c}.geojson`).features.map(
        (f) => [`${c} ${(f.properties as { code: string }).code}`, f.geometry] as [string, Polygon | MultiPolygon],
      ),
    ),
  ];
  it.each(
    geoms,
  )("%s: gives the plain ray-casting answer for 3,000 seeded points in and around the polygon", (_name, geom) => {
    const locate = polygonLocator(geom);
    const rnd = seeded(7);
    const pts = (geom.type === "Polygon" ? [geom.coordinates] : geom.coordinates).flatMap((p) => p.flat());
    const xs = pts.map((p) => p[0]);
    const ys = pts.map((p) => p[1]);
    const [w, e, s, n] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    let inside = 0;
    // every point that disagrees, checked once at the end: an expect per point was most of the test's time
    const wrong: [number, number, boolean][] = [];
    for (let i = 0; i < 3000; i++) {
      // half uniform over a box 10% larger than the bbox, half at vertices nudged by a few metres
      let lon: number;
      let lat: number;
      if (i % 2 === 0) {
        lon = w - 0.1 * (e - w) + rnd() * 1.2 * (e - w);
        lat = s - 0.1 * (n - s) + rnd() * 1.2 * (n - s);
      } else {
        const p = pts[Math.floor(rnd() * pts.length)];
        lon = p[0] + (rnd() - 0.5) * 1e-4;
        lat = p[1] + (rnd() - 0.5) * 1e-4;
      }
      const want = pointInPolygon(lon, lat, geom);
      if (locate(lon, lat) !== want) wrong.push([lon, lat, want]);
      if (want) inside++;
    }
    expect(wrong, "[lon, lat, ray casting's answer] where the locator differs").toEqual([]);
    expect(inside).toBeGreaterThan(100);
  });

  it("is prepared once per geometry object; a copy gets its own test with the same answers", () => {
    const geom = geoms.find(([name]) => name.startsWith("nanyang"))?.[1] as Polygon | MultiPolygon;
    const copy = structuredClone(geom);
    expect(polygonLocator(geom)).toBe(polygonLocator(geom));
    expect(polygonLocator(copy)).not.toBe(polygonLocator(geom));
    const rnd = seeded(11);
    for (let i = 0; i < 500; i++) {
      const lon = 110.5 + rnd() * 3.5;
      const lat = 32 + rnd() * 2;
      expect(polygonLocator(copy)(lon, lat)).toBe(pointInPolygon(lon, lat, geom));
    }
  });
});

describe("geodesicCircle", () => {
  it("puts every vertex at the radius, to the millimetre, and closes counter-clockwise", () => {
    const poly = geodesicCircle(112.53, 33.0, 15, 96);
    const ring = poly.coordinates[0];
    expect(ring).toHaveLength(97);
    expect(ring[0]).toEqual(ring[ring.length - 1]);
    for (const p of ring)
      expect(Math.abs((WGS84.Inverse(33.0, 112.53, p[1], p[0]).s12 as number) / 1000 - 15)).toBeLessThan(1e-6);
    let twiceArea = 0;
    for (let i = 0; i < ring.length - 1; i++) twiceArea += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
    expect(twiceArea).toBeGreaterThan(0);
  });

  it("gives geographiclib's direct problem to the last bit at every vertex (the western half is reflected)", () => {
    const r = rng(31);
    const counties = loadNanyang();
    expect(counties).not.toBeNull();
    const seats = (counties ?? []).map((c) => (c.properties as unknown as { seat: [number, number] }).seat);
    expect(seats.every((s) => s.length === 2)).toBe(true);
    const centres: Array<[number, number]> = [
      ...seats,
      ...Array.from({ length: 200 }, (): [number, number] => [-170 + 340 * r(), -80 + 160 * r()]),
      [169.99, 10],
      [112, 79.9],
    ];
    let n = 0;
    // every vertex that differs, checked once at the end: a toEqual per vertex (over 40,000) was most of the test's time
    const wrong: { centre: [number, number]; radiusKm: number; i: number; got: number[]; want: number[] }[] = [];
    for (const [k, [lon, lat]] of centres.entries()) {
      const steps = [128, 96, 180, 720][k % 4];
      const radiusKm = [2.5, 5, 10, 15, 20, 40][k % 6] * (0.5 + r());
      const ring = geodesicCircle(lon, lat, radiusKm, steps).coordinates[0];
      for (let i = 0; i < steps; i++) {
        const want = geodesicDestination(lon, lat, (360 - (360 * i) / steps) % 360, radiusKm);
        // to the last bit: Object.is on each coordinate, as toEqual compares numbers
        if (ring[i].length !== want.length || !want.every((v, j) => Object.is(ring[i][j], v)))
          wrong.push({ centre: [lon, lat], radiusKm, i, got: ring[i], want });
        n++;
      }
    }
    expect(wrong, "vertices that are not geographiclib's direct problem's answer").toEqual([]);
    expect(n).toBeGreaterThan(40_000);
  });
});
