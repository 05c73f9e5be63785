import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { refWgsToGcj } from "../core/io/reference";
import { cli, ROOT, workDir } from "./run";

/**
 * A regional run (`analyze --city` by code or for a city without a plan, `--province`, `--china`) reads coordinates
 * as `analyze` for a plan city does: a Shapefile in its .prj's CRS unless --crs is given, a hint when positions fit
 * their counties only once converted from Amap's GCJ-02, and a line saying which CRS was used (the CLI trial: none
 * of the three, and a Gauss–Krüger Shapefile with its .prj read as degrees).
 */
const work = workDir("region-crs-");
const scenario = JSON.parse(readFileSync(join(ROOT, "geodata/scenario-nanyang.geojson"), "utf8")) as {
  features: Array<{
    properties: { id: string; name: string; type: string; county: string };
    geometry: { coordinates: [number, number] };
  }>;
};

describe("analyze --city 411300 (the regional way) and coordinate systems", () => {
  it("positions in GCJ-02 read as WGS84 get the whole-file hint first, and the CRS line says it was the default", async () => {
    const rows = scenario.features.map(({ properties: p, geometry: g }) => {
      const [lon, lat] = refWgsToGcj(g.coordinates[0], g.coordinates[1]);
      return `${p.id},${p.name},${p.type},${lon.toFixed(6)},${lat.toFixed(6)},${p.county}`;
    });
    const csv = join(work, "list.csv");
    // row 2 lies in 郑州 but names 西峡县 (refused after reading), row 3 has no type (warned while reading)
    const far = "F1,远处卫生院,township-hc,113.664521,34.748119,411323";
    const untyped = "F2,某机构,,112.5,33.0,411302";
    writeFileSync(csv, `id,name,type,lon,lat,county\n${[far, untyped, ...rows].join("\n")}\n`);
    const r = await cli("analyze", "--city", "411300", "--stream", "--facilities", csv, "--out", join(work, "amap"));
    const text = `${r.err}${r.out}`;
    expect(text).toMatch(/坐标可能是 GCJ-02（高德\/腾讯）：按 WGS84 读取，所填县区代码与位置不符的有 \d+\/\d+ 个/);
    expect(r.out).toContain("list.csv: 坐标系 CRS wgs84（默认 / the default）");
    expect(r.out).toContain("取自高德/腾讯地图的坐标请加 --crs gcj02");
    // the hint is the first line of the rejected list, then the rows in order
    const listed = readFileSync(join(work, "amap", "rejected.csv"), "utf8")
      .trim()
      .split("\n")
      .slice(1);
    expect(listed[0]).toContain("maybe-gcj02");
    const rowNumbers = listed.map((l) => Number(l.split(",")[1]));
    expect(rowNumbers[0]).toBe(0);
    expect(rowNumbers).toContain(2);
    expect(rowNumbers).toContain(3);
    expect(rowNumbers).toEqual([...rowNumbers].sort((a, b) => a - b));

    const given = await cli(
      "analyze",
      "--city",
      "411300",
      "--facilities",
      csv,
      "--crs",
      "gcj02",
      "--out",
      join(work, "amap-gcj"),
    );
    expect(`${given.err}${given.out}`).not.toContain("坐标可能是");
    expect(given.out).toContain("list.csv: 坐标系 CRS gcj02（由 --crs 指定 / given by --crs）");
  });

  it("a Gauss–Krüger Shapefile is read in its .prj's projection, not as degrees", async () => {
    const zip = join(ROOT, "test/fixtures/io/facilities-gk4546.zip");
    const r = await cli("analyze", "--city", "411300", "--stream", "--facilities", zip, "--out", join(work, "gk"));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/坐标系 CRS EPSG:4546（来自文件/);
    expect(r.out).toMatch(/设施 [1-9]\d* 条已分析，0 行被拒绝/);
  });

  it("columns named 高德经度/高德纬度 are read as GCJ-02, and the CRS line says why (the planner trial, s41-b #2)", async () => {
    const p = scenario.features.find((f) => f.properties.county === "411323") as (typeof scenario.features)[number];
    const [lon, lat] = refWgsToGcj(p.geometry.coordinates[0], p.geometry.coordinates[1]);
    const csv = join(work, "amap-columns.csv");
    writeFileSync(
      csv,
      `机构名称,机构类型,高德经度,高德纬度,所属县区\n${p.properties.name},${p.properties.type},${lon.toFixed(7)},${lat.toFixed(7)},411323\n`,
    );
    const r = await cli("analyze", "--counties", "411323", "--facilities", csv, "--out", join(work, "amap-columns"));
    expect(r.out).toContain("amap-columns.csv: 坐标系 CRS gcj02（按经纬度列名（如「高德经度」），已换算为 WGS84");
    const kept = JSON.parse(
      readFileSync(join(work, "amap-columns", "facilities.geojsonl"), "utf8")
        .trim()
        .split("\n")[0],
    );
    const [x, y] = kept.geometry.coordinates;
    expect(Math.abs(x - p.geometry.coordinates[0]) * 95_000).toBeLessThan(1);
    expect(Math.abs(y - p.geometry.coordinates[1]) * 111_000).toBeLessThan(1);
  });
});
