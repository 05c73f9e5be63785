import proj4 from "proj4";
import { describe, expect, it } from "vitest";
import { parseFacilityFile } from "../../../src/core";
import { pointText } from "../../../src/core/io/facility-records";

/**
 * A file's point in an import message is shown to the millimetre (metres) or about a centimetre (degrees), not with a
 * double's 17 digits (the GIS trial, s55 L2: a Shapefile's swapped X/Y said 「(3747677.6124672843, 398289.8051377756)」).
 */
describe("a point in an import message", () => {
  it("is rounded to the millimetre in metres and to 10⁻⁷ in degrees, whole numbers as they are", () => {
    expect(pointText(3747677.6124672843, 398289.8051377756)).toBe("3747677.612, 398289.805");
    expect(pointText(112.74365512345678, 33.77539)).toBe("112.7436551, 33.77539");
    expect(pointText(500000, 3700000)).toBe("500000, 3700000");
    expect(pointText(Number.NaN, 1)).toBe("NaN, 1");
  });

  it("a swapped projected point of a GeoJSON is named so in its warning", async () => {
    // (a name of the test's own, so that the importer's EPSG:4547 is its own definition)
    proj4.defs(
      "test:cgcs2000-gk-cm114",
      "+proj=tmerc +lat_0=0 +lon_0=114 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs",
    );
    const [e, n] = proj4("EPSG:4326", "test:cgcs2000-gk-cm114", [113.2, 33.96]);
    const fc = {
      type: "FeatureCollection",
      features: [
        {
          type: "Feature",
          properties: { 名称: "郏县人民医院", 类型: "综合医院" },
          geometry: { type: "Point", coordinates: [n, e] },
        },
      ],
    };
    const r = await parseFacilityFile(new TextEncoder().encode(JSON.stringify(fc)), "jiaxian.geojson", {
      crs: "EPSG:4547",
    });
    const swap = r.issues.find((i) => i.code === "swapped-x-y");
    expect(swap?.value).toBe(pointText(n, e));
    expect(swap?.value).toMatch(/^\d+(\.\d{1,3})?, \d+(\.\d{1,3})?$/);
    expect(r.facilities[0].lon).toBeCloseTo(113.2, 7);
  });
});
