import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fromWgs84, parseFacilityFile } from "../../../src/core/io";
import { looksLikeMetres } from "../../../src/core/io/facility-records";

const counties = JSON.parse(readFileSync("geodata/counties-nanyang.geojson", "utf8"));
const sample = JSON.parse(readFileSync("geodata/scenario-nanyang.geojson", "utf8")).features.slice(0, 60) as Array<{
  properties: { name: string; type: string };
  geometry: { coordinates: [number, number] };
}>;
const enc = (s: string) => new TextEncoder().encode(s);

/** The sample's first facilities as a table with positions in `crs` (metres). */
function table(crs: `EPSG:${number}`): Uint8Array {
  const rows = sample.map((f) => {
    const [x, y] = fromWgs84(f.geometry.coordinates[0], f.geometry.coordinates[1], crs);
    return `${f.properties.name},${f.properties.type},${x.toFixed(2)},${y.toFixed(2)}`;
  });
  return enc(`名称,类型,经度,纬度\n${rows.join("\n")}\n`);
}

describe("positions in projected metres read as degrees (the GIS trial: a .prj-less Gauss–Krüger Shapefile)", () => {
  it("tell metres from degrees and from numbers that are neither", () => {
    expect(looksLikeMetres(544099.06, 3686928.78)).toBe(true);
    expect(looksLikeMetres(37544099.06, 3686928.78)).toBe(true);
    expect(looksLikeMetres(112.5, 33.0)).toBe(false);
    expect(looksLikeMetres(544099.06, 368.0)).toBe(false);
    expect(looksLikeMetres(99544099.06, 3686928.78)).toBe(false);
  });

  it("get one whole-file warning, first, naming the projection that puts them in the counties; read in it they all are", async () => {
    for (const [crs, label] of [
      ["EPSG:4546", "中央经线 111°E"],
      ["EPSG:4525", "37 带，带号前缀"],
    ] as const) {
      const r = await parseFacilityFile(table(crs), "设施.csv", { boundaries: counties });
      expect(r.facilities).toHaveLength(0);
      expect(r.issues[0]).toMatchObject({ row: 0, code: "looks-projected", value: crs, severity: "warning" });
      expect(r.issues[0].message.zh).toContain(`${sample.length} 行的坐标似为投影坐标（米），而未选坐标系：按 ${crs}`);
      expect(r.issues[0].message.zh).toContain(label);
      expect(r.issues[0].message.zh).toContain(`抽查的 ${sample.length} 个中有 ${sample.length} 个落在已加载的县区内`);
      const again = await parseFacilityFile(table(crs), "设施.csv", { boundaries: counties, crs });
      expect(again.facilities).toHaveLength(sample.length);
      expect(again.issues.filter((i) => i.severity === "error")).toEqual([]);
    }
  });

  it("without boundaries the warning asks for the .prj or the system, naming none", async () => {
    const r = await parseFacilityFile(table("EPSG:4546"), "设施.csv");
    expect(r.issues[0]).toMatchObject({ row: 0, code: "looks-projected" });
    expect(r.issues[0].value).toBeUndefined();
    expect(r.issues[0].message.zh).toContain("请附上 .prj 或指定坐标系后重新导入");
  });
});
