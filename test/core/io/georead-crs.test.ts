import { describe, expect, it } from "vitest";
import { crsLine, crsSourceOf } from "../../../src/cli/common";
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
    expect(readGeoJSONText(fc({ coordinateSystem: { id: "gcj02" } })).crs).toBe("gcj02");
  });
});
