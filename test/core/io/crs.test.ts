import gcoord from "gcoord";
import geographiclib from "geographiclib-geodesic";
import { describe, expect, it } from "vitest";
import { crsFromPrj, fromWgs84, gkZoneCrs, normalizeCrs, projDefinition, toWgs84 } from "../../../src/core/io";
import { metresBetween, refGk, refUtm, refWgsToBd, refWgsToGcj } from "./reference";

const POINTS: Array<[number, number]> = [
  [111, 33],
  [112.5281, 32.9907],
  [110.1, 31.2],
  [112.49, 34.1],
  [111.7, 33.55],
];

describe("CGCS2000 Gauss–Krüger zones", () => {
  it("numbers the zones as EPSG does", () => {
    expect(projDefinition("EPSG:4546")).toContain("+lon_0=111 ");
    expect(projDefinition("EPSG:4546")).toContain("+x_0=500000 ");
    expect(projDefinition("EPSG:4525")).toContain("+lon_0=111 ");
    expect(projDefinition("EPSG:4525")).toContain("+x_0=37500000 ");
    expect(projDefinition("EPSG:4513")).toContain("+lon_0=75 ");
    expect(projDefinition("EPSG:4554")).toContain("+lon_0=135 ");
    expect(projDefinition("EPSG:4555")).toBeUndefined();
    expect(gkZoneCrs(112.4)).toBe("EPSG:4546");
    expect(gkZoneCrs(112.6)).toBe("EPSG:4547");
    expect(gkZoneCrs(112.4, true)).toBe("EPSG:4525");
  });

  it("puts the central meridian's northing at the geographiclib meridian arc", () => {
    const geod = new geographiclib.Geodesic.Geodesic(6378137, 1 / 298.257222101);
    for (const lat of [22, 33, 45]) {
      const arc = geod.Inverse(0, 111, lat, 111).s12 as number;
      const [e, n] = fromWgs84(111, lat, "EPSG:4546");
      expect(e).toBeCloseTo(500000, 6);
      expect(Math.abs(n - arc)).toBeLessThan(1e-4);
    }
  });

  it("matches an independent Krüger-series implementation (< 2 mm) and inverts (< 1e-9°)", () => {
    for (const [lon, lat] of POINTS) {
      for (const [crs, prefix] of [
        ["EPSG:4546", false],
        ["EPSG:4525", true],
      ] as const) {
        const [e, n] = fromWgs84(lon, lat, crs);
        const [re, rn] = refGk(lon, lat, 111, prefix);
        expect(Math.abs(e - re)).toBeLessThan(0.002);
        expect(Math.abs(n - rn)).toBeLessThan(0.002);
        const [blon, blat] = toWgs84(re, rn, crs);
        expect(Math.abs(blon - lon)).toBeLessThan(1e-9 * 30);
        expect(Math.abs(blat - lat)).toBeLessThan(1e-9 * 30);
      }
    }
  });

  it("handles WGS84 UTM zone 49N", () => {
    for (const [lon, lat] of POINTS) {
      const [e, n] = fromWgs84(lon, lat, "EPSG:32649");
      const [re, rn] = refUtm(lon, lat, 49);
      expect(Math.abs(e - re)).toBeLessThan(0.002);
      expect(Math.abs(n - rn)).toBeLessThan(0.002);
    }
  });

  it("recognises .prj files", () => {
    const prj = (cm: number, fe: number) =>
      `PROJCS["CGCS2000_3_Degree_GK_CM_${cm}E",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",${fe}],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",${cm}],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]`;
    expect(crsFromPrj(prj(111, 500000))).toBe("EPSG:4546");
    expect(crsFromPrj(prj(114, 38500000))).toBe("EPSG:4526");
    expect(
      crsFromPrj(
        'GEOGCS["China Geodetic Coordinate System 2000",DATUM["China_2000",SPHEROID["CGCS2000",6378137,298.257222101]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]]',
      ),
    ).toBe("wgs84");
    expect(normalizeCrs("EPSG:4490")).toBe("wgs84");
    expect(normalizeCrs("GCJ-02")).toBe("gcj02");
    expect(normalizeCrs("epsg:4546")).toBe("EPSG:4546");
  });
});

describe("GCJ-02 and BD-09", () => {
  it("forward transform agrees with the published formula", () => {
    for (const [lon, lat] of POINTS) {
      const g = fromWgs84(lon, lat, "gcj02");
      const r = refWgsToGcj(lon, lat);
      expect(metresBetween(g, r)).toBeLessThan(0.01);
      const b = fromWgs84(lon, lat, "bd09");
      expect(metresBetween(b, refWgsToBd(lon, lat))).toBeLessThan(0.01);
    }
  });

  it("inverts the published forward formula to < 5 cm", () => {
    for (const [lon, lat] of POINTS) {
      expect(metresBetween(toWgs84(...refWgsToGcj(lon, lat), "gcj02"), [lon, lat])).toBeLessThan(0.05);
      expect(metresBetween(toWgs84(...refWgsToBd(lon, lat), "bd09"), [lon, lat])).toBeLessThan(0.05);
    }
  });

  it("gives gcoord's own answer for a bare position to the last bit (it is called with a GeoJSON point)", () => {
    // a grid over China and beyond its box, where gcoord leaves GCJ-02 unshifted
    for (let lon = 70; lon <= 140; lon += 2.37)
      for (let lat = 0; lat <= 56; lat += 1.91) {
        expect(fromWgs84(lon, lat, "gcj02")).toEqual(gcoord.transform([lon, lat], gcoord.WGS84, gcoord.GCJ02));
        expect(fromWgs84(lon, lat, "bd09")).toEqual(gcoord.transform([lon, lat], gcoord.WGS84, gcoord.BD09));
      }
  });
});
