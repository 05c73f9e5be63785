import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { exportShapefileZip, parseFacilityFile } from "../../src/core";
import { refWgsToBd, refWgsToGcj } from "../core/io/reference";
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

  it("a Shapefile with 百度经度/百度纬度, which the DBF's 10-byte names cut to 百度经/百度纬: read in BD-09 (the GIS trial)", async () => {
    // the tool's own writer, as any UTF-8 writer: 12 bytes each, cut between characters to 9
    const { zip, fields } = await exportShapefileZip([{ name: "list", features }]);
    expect(fields.map((f) => f.name)).toEqual(expect.arrayContaining(["百度经", "百度纬"]));
    const r = await parseFacilityFile(zip, "list.zip");
    expect(r.crs).toBe("bd09");
    expect(r.crsFromColumns).toBe(true);
    expect(r.issues.find((i) => i.code === "crs-from-columns")?.message.zh).toContain("「百度经」「百度纬」");
    for (const [k, t] of TRUE_WGS84.entries())
      expect(metres([r.facilities[k].lon, r.facilities[k].lat], [t[3], t[4]])).toBeLessThan(1);
  });

  it("高德经度/高德纬度 cut to 高德经/高德纬 likewise read in GCJ-02; the cut pair of a table too", async () => {
    const amap = TRUE_WGS84.map(([id, name, type, lon, lat]) => {
      const [x, y] = refWgsToGcj(lon, lat);
      return {
        type: "Feature" as const,
        geometry: { type: "Point" as const, coordinates: [x, y] },
        properties: { id, name, type, county: "990001", 高德经度: x.toFixed(6), 高德纬度: y.toFixed(6) },
      };
    });
    const { zip } = await exportShapefileZip([{ name: "list", features: amap }]);
    const r = await parseFacilityFile(zip, "list.zip");
    expect(r.crs).toBe("gcj02");
    for (const [k, t] of TRUE_WGS84.entries())
      expect(metres([r.facilities[k].lon, r.facilities[k].lat], [t[3], t[4]])).toBeLessThan(1);
    // the DBF's table saved as CSV: its cut columns are the coordinates, in the datum they name
    const rows = amap.map((f) => [f.properties.name, f.properties.type, f.properties.高德经度, f.properties.高德纬度]);
    const csv = enc(["名称,类型,高德经,高德纬", ...rows.map((x) => x.join(","))].join("\n"));
    const t = await parseFacilityFile(csv, "list.csv");
    expect(t.mapping).toMatchObject({ lon: "高德经", lat: "高德纬" });
    expect(t.crs).toBe("gcj02");
    for (const [k, w] of TRUE_WGS84.entries())
      expect(metres([t.facilities[k].lon, t.facilities[k].lat], [w[3], w[4]])).toBeLessThan(1);
  });

  it("the CLI's CRS line says the columns named it", async () => {
    const file = join(work, "baidu.geojson");
    writeFileSync(file, JSON.stringify({ type: "FeatureCollection", features }));
    const r = await cli("analyze", "--facilities", file, "--boundaries", TWO_COUNTIES, "--out", join(work, "out"));
    expect(r.code).toBe(0);
    expect(r.out).toContain("baidu.geojson: 坐标系 CRS bd09（按经纬度列名");
  });
});
