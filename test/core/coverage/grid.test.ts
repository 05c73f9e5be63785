import { booleanPointInPolygon } from "@turf/turf";
import type { Polygon } from "geojson";
import { describe, expect, it } from "vitest";
import { buildCountyGrid, rasterizeMask } from "../../../src/core/coverage";
import { urbanRuralMasks } from "../../../src/core/coverage/county-grid";
import { loadHandmade, loadNanyang, rng } from "./helpers";

const counties = [loadHandmade().county, ...(loadNanyang() ?? [])];

function densify(ring: number[][], stepDeg: number): number[][] {
  const out: number[][] = [];
  for (let k = 0; k + 1 < ring.length; k++) {
    const [a, b] = [ring[k], ring[k + 1]];
    const n = Math.ceil(Math.max(Math.abs(b[0] - a[0]), Math.abs(b[1] - a[1])) / stepDeg);
    for (let t = 0; t < n; t++) out.push([a[0] + ((b[0] - a[0]) * t) / n, a[1] + ((b[1] - a[1]) * t) / n]);
  }
  out.push(ring[ring.length - 1]);
  return out;
}

describe("buildCountyGrid", () => {
  it.each(
    counties.map((c) => [c.properties.code, c] as const),
  )("county %s: inside cells agree with turf point-in-polygon", (_code, county) => {
    const grid = buildCountyGrid(county);
    expect(grid.cellSizeM).toBe(250);
    expect(grid.inside.length).toBe(grid.width * grid.height);
    const r = rng(3);
    let mismatches = 0;
    const samples = 3000;
    for (let n = 0; n < samples; n++) {
      const i = Math.floor(r() * grid.width);
      const j = Math.floor(r() * grid.height);
      const [lon, lat] = grid.projection.inverse(grid.originX + (i + 0.5) * 250, grid.originY + (j + 0.5) * 250);
      const ref = booleanPointInPolygon([lon, lat], county.geometry) ? 1 : 0;
      if (ref !== grid.inside[j * grid.width + i]) mismatches++;
    }
    // a sampled centre within ~1 mm of the boundary could legitimately differ; none is expected
    expect(mismatches).toBe(0);
    // cell sum vs geodesic polygon area: a 250 m grid over a county-sized polygon is within 0.3 %
    const cellSum = grid.insideCount * (grid.cellAreaKm2 as number);
    expect(typeof grid.cellAreaKm2).toBe("number");
    expect(Math.abs(cellSum / grid.areaKm2 - 1)).toBeLessThan(0.003);
  });

  it("uses per-cell areas when the county is wide enough for the TM scale error to exceed 1e-4", () => {
    const wide = {
      type: "Feature" as const,
      properties: { code: "990002" },
      // densified so that straight projected edges and geodesic edges describe the same shape
      geometry: {
        type: "Polygon" as const,
        coordinates: [
          densify(
            [
              [100, 40],
              [104, 40],
              [104, 41],
              [100, 41],
              [100, 40],
            ],
            0.05,
          ),
        ],
      },
    };
    const grid = buildCountyGrid(wide, { cellSizeM: 500 });
    expect(grid.cellAreaKm2).toBeInstanceOf(Float32Array);
    const areas = grid.cellAreaKm2 as Float32Array;
    let sum = 0;
    for (let k = 0; k < areas.length; k++) if (grid.inside[k]) sum += areas[k];
    // ±170 km from the central meridian: the nominal 0.25 km² per cell overstates the area by ≈ 2e-4
    const nominal = grid.insideCount * 0.25;
    expect(Math.abs(sum / grid.areaKm2 - 1)).toBeLessThan(1e-4);
    expect(Math.abs(sum / grid.areaKm2 - 1)).toBeLessThan(Math.abs(nominal / grid.areaKm2 - 1));
    expect(areas[0]).toBeLessThan(0.25);
  });

  it("rejects bad input with a message naming the county", () => {
    const { county } = loadHandmade();
    expect(() => buildCountyGrid(county, { cellSizeM: 0 })).toThrow(/990001/);
    expect(() => buildCountyGrid({ ...county, properties: {} as { code: string } })).toThrow(/code/);
    const bad = {
      ...county,
      geometry: {
        type: "Polygon" as const,
        coordinates: [
          [
            [112, 33],
            [Number.NaN, 33],
            [112, 34],
            [112, 33],
          ],
        ],
      },
    };
    expect(() => buildCountyGrid(bad)).toThrow(/990001.*NaN/);
  });
});

describe("rasterizeMask", () => {
  it("marks cells whose centre is inside a polygon and inside the county", () => {
    const { county } = loadHandmade();
    const grid = buildCountyGrid(county, { cellSizeM: 500 });
    const a: Polygon = {
      type: "Polygon",
      coordinates: [
        [
          [112.0, 32.9],
          [112.3, 32.9],
          [112.3, 33.1],
          [112.0, 33.1],
          [112.0, 32.9],
        ],
      ],
    };
    // a square straddling the county border with a hole
    const b: Polygon = {
      type: "Polygon",
      coordinates: [
        [
          [112.5, 32.9],
          [112.8, 32.9],
          [112.8, 33.3],
          [112.5, 33.3],
          [112.5, 32.9],
        ],
        [
          [112.55, 33.0],
          [112.55, 33.1],
          [112.6, 33.1],
          [112.6, 33.0],
          [112.55, 33.0],
        ],
      ],
    };
    const mask = rasterizeMask(grid, [a, b]);
    let n = 0;
    for (let j = 0; j < grid.height; j++)
      for (let i = 0; i < grid.width; i++) {
        const [lon, lat] = grid.projection.inverse(grid.originX + (i + 0.5) * 500, grid.originY + (j + 0.5) * 500);
        const inPoly = booleanPointInPolygon([lon, lat], a) || booleanPointInPolygon([lon, lat], b);
        const ref = inPoly && booleanPointInPolygon([lon, lat], county.geometry) ? 1 : 0;
        if (ref !== mask[j * grid.width + i]) n++;
      }
    expect(n).toBe(0);
  });
});

describe("urbanRuralMasks and the inside count, run by run", () => {
  const square = (w: number, s: number, e: number, n: number): number[][] => [
    [w, s],
    [e, s],
    [e, n],
    [w, n],
    [w, s],
  ];

  it("overlapping polygons: urban is inside ∧ (in any polygon), rural the county's other cells", () => {
    const { county } = loadHandmade();
    const grid = buildCountyGrid(county, { cellSizeM: 500 });
    // two overlapping squares, one with a hole, and a third inside the first
    const polys: Polygon[] = [
      { type: "Polygon", coordinates: [square(112.0, 32.9, 112.4, 33.2)] },
      { type: "Polygon", coordinates: [square(112.3, 33.0, 112.7, 33.3), square(112.35, 33.05, 112.45, 33.15)] },
      { type: "Polygon", coordinates: [square(112.1, 33.0, 112.2, 33.1)] },
    ];
    const { urban, rural } = urbanRuralMasks(grid, polys);
    let bad = 0;
    let urbanCells = 0;
    for (let j = 0; j < grid.height; j++)
      for (let i = 0; i < grid.width; i++) {
        const k = j * grid.width + i;
        const [lon, lat] = grid.projection.inverse(grid.originX + (i + 0.5) * 500, grid.originY + (j + 0.5) * 500);
        const inAny = polys.some((p) => booleanPointInPolygon([lon, lat], p));
        const inside = grid.inside[k] === 1;
        if (urban[k] !== (inside && inAny ? 1 : 0) || rural[k] !== (inside && !inAny ? 1 : 0)) bad++;
        urbanCells += urban[k];
      }
    expect(bad).toBe(0);
    expect(urbanCells).toBeGreaterThan(100);
    expect(rasterizeMask(grid, polys)).toEqual(urban);
  });

  it("a multipolygon with overlapping parts counts each inside cell once", () => {
    const parts = [square(112.0, 32.9, 112.4, 33.2), square(112.3, 33.0, 112.7, 33.3)];
    const grid = buildCountyGrid({
      type: "Feature",
      properties: { code: "990099" },
      geometry: { type: "MultiPolygon", coordinates: [[parts[0]], [parts[1]]] },
    });
    let ones = 0;
    for (const v of grid.inside) ones += v;
    expect(grid.insideCount).toBe(ones);
    const single = buildCountyGrid({
      type: "Feature",
      properties: { code: "990098" },
      geometry: { type: "Polygon", coordinates: [parts[0]] },
    });
    let singleOnes = 0;
    for (const v of single.inside) singleOnes += v;
    expect(single.insideCount).toBe(singleOnes);
    expect(ones).toBeGreaterThan(singleOnes);
  });
});
