import { describe, expect, it } from "vitest";
import { crsLine, crsSourceOf } from "../../../src/cli/common";
import { parseFacilityFile } from "../../../src/core";
import { FileProblem } from "../../../src/core/io/errors";
import { readGeoJSONText } from "../../../src/core/io/georead";

const fc = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({ type: "FeatureCollection", ...extra, features: [] });

describe("a GeoJSON's coordinate system: stated by the file, or not", () => {
  it("gives none where the file states none, so the CLI says WGS84 by default, not 「来自文件」 (the GIS trial, s45-b #9)", () => {
    expect(readGeoJSONText(fc()).crs).toBeUndefined();
    const read = readGeoJSONText(fc());
    expect(crsLine("a.geojson", "wgs84", crsSourceOf(undefined, "wgs84", false, read.crs !== undefined))).toContain(
      "默认 / the default",
    );
  });

  it("reads the crs member and the tool's own GCJ-02 marker", () => {
    const named = (name: string) => fc({ crs: { type: "name", properties: { name } } });
    expect(readGeoJSONText(named("urn:ogc:def:crs:EPSG::4326")).crs).toBe("wgs84");
    expect(readGeoJSONText(named("urn:ogc:def:crs:EPSG::4490")).crs).toBe("wgs84");
    expect(readGeoJSONText(named("EPSG:32649")).crs).toBe("EPSG:32649");
    // the code is the name's last number, and ESRI's Web Mercator is read (the re-check, s56c N4)
    expect(readGeoJSONText(named("urn:ogc:def:crs:EPSG:6.18:3:3857")).crs).toBe("EPSG:3857");
    expect(readGeoJSONText(named("ESRI:102100")).crs).toBe("EPSG:102100");
    expect(readGeoJSONText(named("EPSG:4547 - CGCS2000 / 3-degree Gauss-Kruger CM 114E")).crs).toBe("EPSG:4547");
    expect(readGeoJSONText(named("urn:ogc:def:crs:OGC:1.3:CRS84")).crs).toBe("wgs84");
    expect(readGeoJSONText(fc({ coordinateSystem: { id: "gcj02" } })).crs).toBe("gcj02");
  });

  it("converts Web Mercator (EPSG:3857 and its other codes) exactly, and refuses a system it cannot convert, naming it (the bad-files trial, s56b H1)", async () => {
    // the spherical Mercator forward: x = Rλ, y = R ln tan(π/4 + φ/2)
    const R = 6378137;
    const merc = (lon: number, lat: number) => [
      (R * lon * Math.PI) / 180,
      R * Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360)),
    ];
    const places: Array<[number, number]> = [
      [112.5285, 32.9908],
      [115.4695, 37.2287],
      [114.3891, 27.8043],
    ];
    for (const code of ["EPSG::3857", "EPSG:900913", "EPSG::102100"]) {
      const text = JSON.stringify({
        type: "FeatureCollection",
        crs: { type: "name", properties: { name: `urn:ogc:def:crs:${code}` } },
        features: places.map(([lon, lat], k) => ({
          type: "Feature",
          properties: { 名称: `急救站${k + 1}`, 类型: "急救站" },
          geometry: { type: "Point", coordinates: merc(lon, lat) },
        })),
      });
      const r = await parseFacilityFile(new TextEncoder().encode(text), "mercator.geojson");
      expect(r.issues.filter((i) => i.severity === "error")).toEqual([]);
      expect(r.facilities.map((f) => [f.lon, f.lat].map((v) => Number(v.toFixed(7))))).toEqual(places);
    }
    const other = fc({ crs: { type: "name", properties: { name: "urn:ogc:def:crs:EPSG::2383" } } });
    expect(() => readGeoJSONText(other)).toThrow(FileProblem);
    try {
      readGeoJSONText(other);
    } catch (e) {
      expect((e as FileProblem).code).toBe("unsupported-crs");
      expect((e as FileProblem).text.zh).toContain(
        "文件声明的坐标系为 EPSG:2383（crs 成员“urn:ogc:def:crs:EPSG::2383”），本工具不能换算",
      );
    }
    // a whole-file error in the import's words, not a crash
    const r = await parseFacilityFile(new TextEncoder().encode(other), "xian80.geojson");
    expect(r.issues.map((i) => [i.file, i.row, i.severity, i.code])).toEqual([
      ["xian80.geojson", 0, "error", "unsupported-crs"],
    ]);
  });
});
