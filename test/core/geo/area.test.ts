import { readFileSync } from "node:fs";
import * as geographiclibNs from "geographiclib-geodesic";
import type { FeatureCollection, MultiPolygon, Polygon, Position } from "geojson";
import { describe, expect, it } from "vitest";
import { authalicAreaKm2 } from "../../../src/core/geo";

type GL = typeof geographiclibNs;
const gl: GL = (geographiclibNs as unknown as { default?: GL }).default ?? geographiclibNs;

/** geographiclib's geodesic polygon area (km²), straight from the library: the reference answer. */
function reference(geom: Polygon | MultiPolygon): number {
  const polys = geom.type === "Polygon" ? [geom.coordinates] : geom.coordinates;
  let total = 0;
  for (const rings of polys)
    rings.forEach((ring, k) => {
      const p = gl.Geodesic.WGS84.Polygon(false);
      for (const [lon, lat] of ring.slice(0, -1)) p.AddPoint(lat, lon);
      const a = Math.abs(p.Compute(false, true).area as number) / 1e6;
      total += k === 0 ? a : -a;
    });
  return total;
}

describe("authalicAreaKm2", () => {
  for (const city of ["nanyang", "pingdingshan", "yichun", "nangong"]) {
    it(`agrees with geographiclib within 1e-7 on every county of ${city}`, () => {
      const fc = JSON.parse(
        readFileSync(new URL(`../../../geodata/counties-${city}.geojson`, import.meta.url), "utf8"),
      ) as FeatureCollection<Polygon | MultiPolygon>;
      for (const f of fc.features) {
        const ref = reference(f.geometry);
        expect(Math.abs(authalicAreaKm2(f.geometry) / ref - 1), String(f.properties?.code)).toBeLessThan(1e-7);
      }
    });
  }

  it("splits long edges along the geodesic: within 1e-9 on boxes and triangles with 200–4,000 km edges", () => {
    const shapes: Position[][] = [
      [
        [112, 32],
        [114, 32],
        [114, 34],
        [112, 34],
        [112, 32],
      ],
      [
        [110, 30],
        [113, 35],
        [116, 30],
        [110, 30],
      ],
      [
        [80, 20],
        [120, 20],
        [120, 50],
        [80, 50],
        [80, 20],
      ],
    ];
    for (const ring of shapes) {
      const g: Polygon = { type: "Polygon", coordinates: [ring] };
      expect(Math.abs(authalicAreaKm2(g) / reference(g) - 1)).toBeLessThan(1e-9);
    }
  });

  it("ignores winding, subtracts holes and adds parts", () => {
    const outer: Position[] = [
      [112.4, 32.9],
      [112.7, 32.9],
      [112.7, 33.15],
      [112.4, 33.15],
      [112.4, 32.9],
    ];
    const hole: Position[] = [
      [112.5, 33.0],
      [112.5, 33.05],
      [112.55, 33.05],
      [112.55, 33.0],
      [112.5, 33.0],
    ];
    const a = authalicAreaKm2({ type: "Polygon", coordinates: [outer] });
    expect(authalicAreaKm2({ type: "Polygon", coordinates: [[...outer].reverse()] })).toBeCloseTo(a, 9);
    const h = authalicAreaKm2({ type: "Polygon", coordinates: [hole] });
    expect(authalicAreaKm2({ type: "Polygon", coordinates: [outer, hole] })).toBeCloseTo(a - h, 9);
    expect(authalicAreaKm2({ type: "MultiPolygon", coordinates: [[outer], [hole]] })).toBeCloseTo(a + h, 9);
    // an open ring (no closing vertex) is closed implicitly
    expect(authalicAreaKm2({ type: "Polygon", coordinates: [outer.slice(0, -1)] })).toBeCloseTo(a, 9);
  });
});
