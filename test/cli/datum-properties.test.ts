import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { exportShapefileZip, parseFacilityFile } from "../../src/core";
import { refWgsToBd } from "../core/io/reference";
import { cli, TWO_COUNTIES, workDir } from "./run";

/**
 * A GeoJSON (or Shapefile) whose features carry their position again as 百度经度/百度纬度 is read in BD-09 and
 * converted, as a table with those columns is: it was read as WGS84 with a warning only, every point 0.7–1.5 km off.
 */
const work = workDir("datum-properties-");
const TRUE_WGS84 = [
  ["a1", "甲县人民医院", "county-medical-centre", 112.25, 33.0],
  ["a2", "甲县急救站", "ems-station", 112.4, 32.9],
] as const;
const features = TRUE_WGS84.map(([id, name, type, lon, lat]) => {
  const [x, y] = refWgsToBd(lon, lat);
  return {
    type: "Feature" as const,
    geometry: { type: "Point" as const, coordinates: [x, y] },
    properties: { id, name, type, county: "990001", 百度经度: x.toFixed(6), 百度纬度: y.toFixed(6) },
  };
});
const enc = (s: string) => new TextEncoder().encode(s);
/** Metres between two WGS84 points (equirectangular: enough at 1 m). */
const metres = (a: [number, number], b: [number, number]) =>
  Math.hypot((a[0] - b[0]) * Math.cos((a[1] * Math.PI) / 180), a[1] - b[1]) * 111_320;

describe("datum columns equal to a vector file's geometry", () => {
  it("a GeoJSON: read in BD-09 and converted, with the columns' note and flag", async () => {
    const r = await parseFacilityFile(enc(JSON.stringify({ type: "FeatureCollection", features })), "list.geojson");
    expect(r.crs).toBe("bd09");
    expect(r.crsFromColumns).toBe(true);
    expect(r.issues.find((i) => i.code === "crs-from-columns")?.message.zh).toContain("「百度经度」「百度纬度」");
    expect(r.issues.some((i) => i.code === "maybe-bd09")).toBe(false);
    for (const [k, t] of TRUE_WGS84.entries())
      expect(metres([r.facilities[k].lon, r.facilities[k].lat], [t[3], t[4]])).toBeLessThan(1);
  });

  it("columns that differ from the geometry, or a CRS given, leave it as it is", async () => {
    const moved = features.map((f) => ({ ...f, properties: { ...f.properties, 百度经度: "112.1" } }));
    const r = await parseFacilityFile(enc(JSON.stringify({ type: "FeatureCollection", features: moved })), "x.geojson");
    expect(r.crs).toBe("wgs84");
    const given = await parseFacilityFile(enc(JSON.stringify({ type: "FeatureCollection", features })), "x.geojson", {
      crs: "wgs84",
    });
    expect(given.crs).toBe("wgs84");
    expect(given.crsFromColumns).toBeUndefined();
  });

  it("a Shapefile with a WGS84 .prj and such fields (BD09_LNG, BD09_LAT): read in BD-09 too", async () => {
    // ASCII names: a DBF field name has 10 bytes, too few for 百度经度 in UTF-8
    const { zip } = await exportShapefileZip([
      {
        name: "list",
        features: features.map(({ properties: { 百度经度, 百度纬度, ...p }, ...f }) => ({
          ...f,
          properties: { ...p, bd09_lng: 百度经度, bd09_lat: 百度纬度 },
        })),
      },
    ]);
    const r = await parseFacilityFile(zip, "list.zip");
    expect(r.crs).toBe("bd09");
    expect(r.crsFromColumns).toBe(true);
    for (const [k, t] of TRUE_WGS84.entries())
      expect(metres([r.facilities[k].lon, r.facilities[k].lat], [t[3], t[4]])).toBeLessThan(1);
  });

  it("the CLI's CRS line says the columns named it", async () => {
    const file = join(work, "baidu.geojson");
    writeFileSync(file, JSON.stringify({ type: "FeatureCollection", features }));
    const r = await cli("analyze", "--facilities", file, "--boundaries", TWO_COUNTIES, "--out", join(work, "out"));
    expect(r.code).toBe(0);
    expect(r.out).toContain("baidu.geojson: 坐标系 CRS bd09（按经纬度列名");
  });
});
