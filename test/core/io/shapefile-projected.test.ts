import { execFileSync } from "node:child_process";
import type { Point } from "geojson";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { parseFacilityFile } from "../../../src/core/io";
import { readShapefileZip } from "../../../src/core/io/georead";
import { exportShapefileZip, isShapefileCrs, shapefilePrj, shapefileProjections } from "../../../src/core/io/shapefile";
import { PYTHON, shapelyAvailable } from "../../python-oracle";

/**
 * A Shapefile export in the GIS desk's own projected system (the GIS trial, s55 M4: its list came in EPSG:4547, CGCS2000
 * 3° Gauss–Krüger CM 114°E, and could go back only in WGS84 or GCJ-02): the .prj names the projection as ArcGIS does,
 * PROJ reads it as the same EPSG code and puts each point where the export did, and our importer reads the file back
 * to the positions it was given.
 */
const SITES = [
  { name: "郏县人民医院", type: "hospital", lon: 113.2127, lat: 33.9712 },
  { name: "鲁山县急救站", type: "ems-station", lon: 112.9057, lat: 33.7384 },
  { name: "石龙区卫生院", type: "township-health-centre", lon: 112.8986, lat: 33.8989 },
];
const layer = {
  name: "facilities",
  kind: "point" as const,
  features: SITES.map(({ lon, lat, ...p }) => ({
    type: "Feature" as const,
    geometry: { type: "Point" as const, coordinates: [lon, lat] },
    properties: p,
  })),
};

/** PROJ's reading of a .prj: its EPSG code and each WGS84 point projected by it. */
function projRead(prj: string, points: Array<[number, number]>): { epsg: number | null; xy: number[][] } {
  const script = [
    "import json, sys, pyproj",
    "a = json.load(sys.stdin)",
    "c = pyproj.CRS.from_wkt(a['prj'])",
    "t = pyproj.Transformer.from_crs(4326, c, always_xy=True)",
    "print(json.dumps({'epsg': c.to_epsg(min_confidence=50), 'xy': [list(t.transform(x, y)) for x, y in a['points']]}))",
  ].join("\n");
  return JSON.parse(execFileSync(PYTHON, ["-c", script], { input: JSON.stringify({ prj, points }) }).toString());
}

describe("a Shapefile export in a projected CRS", () => {
  for (const crs of ["EPSG:4547", "EPSG:4526", "EPSG:32649"] as const)
    it(`${crs}: the .prj and the points, read back by our importer to the millimetre`, async () => {
      const out = await exportShapefileZip([layer], { crs, date: new Date("2026-12-07T00:00:00Z") });
      const zip = await JSZip.loadAsync(out.zip);
      expect(await zip.file("facilities.prj")?.async("string")).toBe(shapefilePrj(crs));
      const readme = (await zip.file("README.txt")?.async("string")) ?? "";
      expect(readme).toContain(`（${crs}），单位米`);
      const read = await readShapefileZip(out.zip);
      expect(read.crs).toBe(crs);
      // metres, not degrees
      const first = (read.features[0].geometry as Point).coordinates;
      expect(first[0]).toBeGreaterThan(1e5);
      const back = await parseFacilityFile(out.zip, "facilities.zip");
      expect(back.facilities.map((f) => f.name)).toEqual(SITES.map((s) => s.name));
      back.facilities.forEach((f, i) => {
        expect(Math.abs(f.lon - SITES[i].lon)).toBeLessThan(1e-8);
        expect(Math.abs(f.lat - SITES[i].lat)).toBeLessThan(1e-8);
      });
    });

  it.runIf(shapelyAvailable("the PROJ reading of the export's .prj"))(
    "PROJ reads each .prj as its EPSG code and projects the points where the export wrote them (< 1 mm)",
    async () => {
      for (const [crs, epsg] of [
        ["EPSG:4547", 4547],
        ["EPSG:4526", 4526],
        ["EPSG:4545", 4545],
        ["EPSG:32649", 32649],
      ] as const) {
        const out = await exportShapefileZip([layer], { crs });
        const read = await readShapefileZip(out.zip);
        const proj = projRead(
          shapefilePrj(crs),
          SITES.map((s) => [s.lon, s.lat]),
        );
        expect(proj.epsg, crs).toBe(epsg);
        read.features.forEach((f, i) => {
          const [x, y] = (f.geometry as Point).coordinates;
          expect(Math.hypot(x - proj.xy[i][0], y - proj.xy[i][1]), `${crs} ${SITES[i].name}`).toBeLessThan(0.001);
        });
      }
    },
  );

  it("offers the list's own projected system, then the city's Gauss–Krüger zone nearest its centre", () => {
    // 平顶山 (centre 112.97°E): CM 114°E; a list read in EPSG:4547 offers it once
    expect(shapefileProjections(112.97)).toEqual(["EPSG:4547"]);
    expect(shapefileProjections(112.97, "EPSG:4547")).toEqual(["EPSG:4547"]);
    // 南阳 (112.40°E): CM 111°E is nearer than 114°E; a list in zone 38 with prefix comes first
    expect(shapefileProjections(112.4, "EPSG:4526")).toEqual(["EPSG:4526", "EPSG:4546"]);
    // a list in GCJ-02, WGS84 or BD-09 adds nothing
    for (const crs of ["gcj02", "wgs84", "bd09"]) expect(shapefileProjections(114.4, crs)).toEqual(["EPSG:4547"]);
  });

  it("writes only the systems it can name: not BD-09 or an unknown EPSG code", async () => {
    expect(isShapefileCrs("EPSG:4547")).toBe(true);
    expect(isShapefileCrs("EPSG:4513")).toBe(true);
    expect(isShapefileCrs("bd09")).toBe(false);
    expect(isShapefileCrs("EPSG:3857")).toBe(false);
    await expect(exportShapefileZip([layer], { crs: "EPSG:3857" })).rejects.toThrow(/EPSG:3857/);
  });
});
