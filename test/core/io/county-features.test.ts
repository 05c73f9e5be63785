import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { pointInPolygon } from "../../../src/core/geo";
import { countyFeatures, interiorPoint, parseBoundaryFile } from "../../../src/core/io";

describe("interiorPoint", () => {
  it("is the bbox centre when that is inside, and inside the polygon when it is not (a U shape)", () => {
    const square = {
      type: "Polygon" as const,
      coordinates: [
        [
          [0, 0],
          [2, 0],
          [2, 2],
          [0, 2],
          [0, 0],
        ],
      ],
    };
    expect(interiorPoint(square)).toEqual([1, 1]);
    const u = {
      type: "Polygon" as const,
      coordinates: [
        [
          [0, 0],
          [3, 0],
          [3, 3],
          [2, 3],
          [2, 1],
          [1, 1],
          [1, 3],
          [0, 3],
          [0, 0],
        ],
      ],
    };
    const p = interiorPoint(u);
    expect(pointInPolygon(1.5, 1.5, u)).toBe(false); // the bbox centre is in the notch
    expect(pointInPolygon(p[0], p[1], u)).toBe(true);
  });
  it("lies inside every real county of the embedded data", () => {
    const fc = JSON.parse(readFileSync("geodata/counties-nanyang.geojson", "utf8"));
    for (const f of fc.features) {
      const [x, y] = interiorPoint(f.geometry);
      expect(pointInPolygon(x, y, f.geometry), f.properties.code).toBe(true);
    }
  });
});

describe("countyFeatures", () => {
  it("turns imported boundaries into counties, naming the features it has to leave out", async () => {
    const bytes = new Uint8Array(readFileSync("test/fixtures/io/boundaries.geojson"));
    const parsed = await parseBoundaryFile(bytes, "boundaries.geojson");
    const { counties, issues } = countyFeatures(parsed.boundaries, { city: "custom", file: "boundaries.geojson" });
    const byCode = new Map(counties.features.map((f) => [f.properties.code, f.properties]));
    expect(byCode.get("411321")).toMatchObject({ name: "南召县", kind: "county", city: "custom" });
    expect(byCode.get("411302")).toMatchObject({ name: "宛城区", kind: "district" });
    for (const f of counties.features)
      expect(pointInPolygon(f.properties.seat[0], f.properties.seat[1], f.geometry)).toBe(true);
    expect(counties.features.length + issues.length).toBe(parsed.boundaries.features.length);
    for (const i of issues) expect(i).toMatchObject({ file: "boundaries.geojson", field: "code", severity: "error" });
  });
});
