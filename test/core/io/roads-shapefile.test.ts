import gcoord from "gcoord";
import type { Feature, Geometry } from "geojson";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { readRoadsShapefile } from "../../../src/core/io/roads";
import { exportShapefileZip } from "../../../src/core/io/shapefile";

function line(coordinates: number[][], properties: Record<string, unknown>): Feature<Geometry> {
  return { type: "Feature", properties, geometry: { type: "LineString", coordinates } };
}

const FEATURES: Feature<Geometry>[] = [
  line(
    [
      [112.5, 33],
      [112.6, 33],
      [112.65, 33.02],
    ],
    { class: "县道" },
  ),
  {
    type: "Feature",
    properties: { class: "primary", speed_kmh: 45 },
    geometry: {
      type: "MultiLineString",
      coordinates: [
        [
          [112.5, 33],
          [112.5, 33.1],
        ],
        [
          [112.7, 33],
          [112.7, 33.1],
        ],
      ],
    },
  },
  line(
    [
      [112.5, 33],
      [112.6, 33.1],
    ],
    { class: "乡道", speed_kmh: -3 },
  ),
  line(
    [
      [114.5, 35],
      [114.6, 35.1],
    ],
    { class: "国道" },
  ),
];

describe("zipped Shapefile roads", () => {
  it("reads lines with their class and speed (DBF fields CLASS, SPEED_KMH), reports a bad speed by feature and field, and clips by box", async () => {
    const { zip } = await exportShapefileZip([{ name: "roads", features: FEATURES }]);
    const r = await readRoadsShapefile(zip, { file: "roads.zip", bbox: [112, 32.5, 113, 33.5] });
    expect(r.totalFeatures).toBe(4);
    expect(r.crs).toBe("wgs84");
    expect(r.roads.map((x) => [x.ref.feature, x.roadClass, x.speedKmh])).toEqual([
      [1, "县道", undefined],
      [2, "primary", 45],
      [2, "primary", 45],
      // a bad speed beside a class: the class's speed, with a warning
      [3, "乡道", undefined],
    ]);
    expect(Array.from(r.roads[0].coords)).toEqual([112.5, 33, 112.6, 33, 112.65, 33.02]);
    expect(Array.from(r.roads[2].coords)).toEqual([112.7, 33, 112.7, 33.1]);
    expect(r.issues.map((i) => [i.row, i.field.toLowerCase(), i.code, i.severity])).toEqual([
      [3, "speed_kmh", "bad-speed", "warning"],
    ]);
    expect(r.issues[0].message.zh).toContain("roads.zip 第 3 个要素");
    expect(r.issues[0].message.en).toContain("roads.zip, feature 3");
    expect(r.outside).toBe(1);
  });

  it("takes the CRS from the .prj: GCJ-02 coordinates come back in WGS84 (gcoord as the reference)", async () => {
    const { zip } = await exportShapefileZip([{ name: "roads", features: FEATURES.slice(0, 1) }], { crs: "gcj02" });
    // its README warns a GIS user that QGIS and ArcGIS lay it 500–600 m off (the GIS trial, s45-b #3)
    const readme = await (await JSZip.loadAsync(zip)).file("README.txt")?.async("string");
    expect(readme).toContain("叠加 WGS84 / CGCS2000 图层时将偏差约 500–600 米，GIS 分析请用 WGS84 版本");
    const r = await readRoadsShapefile(zip, { file: "roads.zip" });
    expect(r.crs).toBe("gcj02");
    expect(r.issues.filter((i) => i.severity === "error")).toEqual([]);
    const c = r.roads[0].coords;
    // what the file holds, by an independent GCJ-02 implementation
    const inFile = gcoord.transform([112.6, 33], gcoord.WGS84, gcoord.GCJ02) as [number, number];
    expect(Math.abs(inFile[0] - 112.6)).toBeGreaterThan(1e-3);
    expect(Math.abs(c[2] - 112.6)).toBeLessThan(1e-5);
    expect(Math.abs(c[3] - 33)).toBeLessThan(1e-5);
  });

  it("names the file when it is not a zipped Shapefile", async () => {
    const r = await readRoadsShapefile(new TextEncoder().encode("not a zip"), { file: "roads.zip" });
    expect(r.roads).toEqual([]);
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0].row).toBe(0);
    expect(r.issues[0].severity).toBe("error");
    expect(r.issues[0].message.en).toContain("roads.zip");
  });
});
