import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { exportShapefileZip, parseFacilityFile } from "../../src/core";
import { cli, TWO_COUNTIES, workDir } from "./run";

/**
 * A file that states WGS84 (a Shapefile's .prj, a GeoJSON `crs` member) was read in it, not by default: the CLI said
 * 「wgs84（默认 / the default）」 with the hint to add --crs gcj02 for Amap positions (trial s41, noticed), and the
 * app's import panel showed the default-CRS hint and its convert buttons.
 */
const work = workDir("crs-stated-");
const points = [
  ["a1", "甲县人民医院", "county-medical-centre", 112.25, 33.0],
  ["a2", "甲县急救站", "ems-station", 112.4, 32.9],
] as const;

describe("a file stating WGS84 is read in it, and said so", () => {
  it("a Shapefile with a WGS84 .prj: 「来自文件」 on the CLI, crsFromFile for the app; a table stays the default", async () => {
    const shp = await exportShapefileZip([
      {
        name: "facilities",
        features: points.map(([id, name, type, lon, lat]) => ({
          type: "Feature" as const,
          geometry: { type: "Point" as const, coordinates: [lon, lat] },
          properties: { id, name, type, county: "990001" },
        })),
      },
    ]);
    const zip = join(work, "wgs84-prj.zip");
    writeFileSync(zip, shp.zip);
    const parsed = await parseFacilityFile(new Uint8Array(readFileSync(zip)), "wgs84-prj.zip");
    expect(parsed.crs).toBe("wgs84");
    expect(parsed.crsFromFile).toBe(true);
    const r = await cli("analyze", "--facilities", zip, "--boundaries", TWO_COUNTIES, "--out", join(work, "shp"));
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      "wgs84-prj.zip: 坐标系 CRS wgs84（来自文件（Shapefile 的 .prj 或 GeoJSON 的 crs）/ from the file (a Shapefile's .prj or a GeoJSON crs member)）\n",
    );
    expect(r.out).not.toContain("请加 --crs gcj02");

    const csv = join(work, "table.csv");
    writeFileSync(csv, ["id,name,type,lon,lat,county", ...points.map((p) => `${p.join(",")},990001`)].join("\n"));
    const table = await cli("analyze", "--facilities", csv, "--boundaries", TWO_COUNTIES, "--out", join(work, "csv"));
    expect(table.out).toContain(
      "table.csv: 坐标系 CRS wgs84（默认 / the default）；取自高德/腾讯地图的坐标请加 --crs gcj02",
    );
    const fromTable = await parseFacilityFile(new Uint8Array(readFileSync(csv)), "table.csv");
    expect(fromTable.crsFromFile).toBeUndefined();
  });
});
