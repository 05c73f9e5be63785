import { readFileSync } from "node:fs";
import { booleanPointInPolygon, point, pointToLineDistance, polygonToLine } from "@turf/turf";
import type { Feature, FeatureCollection, LineString, MultiLineString, MultiPolygon, Polygon } from "geojson";
import { describe, expect, it } from "vitest";
import { labelPoint, rankAreaKm2 } from "../../src/app/map/labels";
import { geodesicAreaKm2 } from "../../src/core";

const nanyang = JSON.parse(readFileSync("geodata/counties-nanyang.geojson", "utf8")) as FeatureCollection<
  Polygon | MultiPolygon,
  { name: string; seat: [number, number] }
>;

/** Distance in km from a point to the nearest edge of a county (turf, geodesic by segment), the reference. */
function edgeKm(f: Feature<Polygon | MultiPolygon>, p: [number, number]): number {
  const lines = polygonToLine(f as Feature<Polygon>) as
    | Feature<LineString | MultiLineString>
    | FeatureCollection<LineString | MultiLineString>;
  const feats = "features" in lines ? lines.features : [lines];
  let best = Infinity;
  for (const l of feats) {
    const parts = l.geometry.type === "LineString" ? [l.geometry.coordinates] : l.geometry.coordinates;
    for (const c of parts)
      best = Math.min(
        best,
        pointToLineDistance(point(p), { type: "LineString", coordinates: c }, { units: "kilometers" }),
      );
  }
  return best;
}

describe("labelPoint", () => {
  it("puts a rectangle's label at its centre, half its height from the edge", () => {
    // 2° wide by 0.5° tall at the equator: the pole is the centre, 0.25° (27.8 km) from the long sides
    const rect: Polygon = {
      type: "Polygon",
      coordinates: [
        [
          [110, 0],
          [112, 0],
          [112, 0.5],
          [110, 0.5],
          [110, 0],
        ],
      ],
    };
    const { lngLat, roomKm } = labelPoint(rect);
    expect(lngLat[1]).toBeCloseTo(0.25, 3);
    expect(lngLat[0]).toBeGreaterThan(110.25);
    expect(lngLat[0]).toBeLessThan(111.75);
    expect(roomKm).toBeCloseTo(0.25 * 111.195, 0);
  });

  it("places every 南阳 county's name inside it, with the room it reports, at least as far from the edge as the seat", () => {
    for (const f of nanyang.features) {
      const { lngLat, roomKm } = labelPoint(f.geometry);
      expect(booleanPointInPolygon(lngLat, f), f.properties.name).toBe(true);
      const ref = edgeKm(f, lngLat);
      // polylabel's precision is 0.1 km in a local equirectangular frame: within 0.5 % + 0.15 km of the geodesic figure
      expect(Math.abs(ref - roomKm), f.properties.name).toBeLessThan(0.005 * ref + 0.15);
      expect(ref, f.properties.name).toBeGreaterThanOrEqual(edgeKm(f, f.properties.seat) - 0.15);
    }
  });

  it("puts 宛城区 and 卧龙区 apart though their seats are in one city proper", () => {
    const at = (name: string) => nanyang.features.find((f) => f.properties.name === name)!;
    const km = (a: [number, number], b: [number, number]) =>
      Math.hypot((a[0] - b[0]) * Math.cos((a[1] * Math.PI) / 180), a[1] - b[1]) * 111.195;
    const seats = km(at("宛城区").properties.seat, at("卧龙区").properties.seat);
    const poles = km(labelPoint(at("宛城区").geometry).lngLat, labelPoint(at("卧龙区").geometry).lngLat);
    expect(poles).toBeGreaterThan(2 * seats);
  });
});

describe("rankAreaKm2", () => {
  // the label ranking's area against geographiclib's geodesic polygon area, on every county of the plan cities
  for (const city of ["nanyang", "pingdingshan", "nangong", "yichun"]) {
    const fc = JSON.parse(readFileSync(`geodata/counties-${city}.geojson`, "utf8")) as FeatureCollection<
      Polygon | MultiPolygon,
      { code: string }
    >;
    it(`is within 0.5 % of the geodesic area and ranks ${city}'s counties in the same order`, () => {
      const exact = fc.features.map((f) => geodesicAreaKm2(f.geometry));
      const fast = fc.features.map((f) => rankAreaKm2(f.geometry));
      fast.forEach((a, i) => {
        expect(Math.abs(a - exact[i]) / exact[i]).toBeLessThan(0.005);
      });
      const order = (xs: number[]) => xs.map((_, i) => i).sort((a, b) => xs[b] - xs[a]);
      expect(order(fast)).toEqual(order(exact));
    });
  }
});
