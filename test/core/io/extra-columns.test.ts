import { describe, expect, it } from "vitest";
import { exportFacilitiesCsv, exportFacilitiesGeoJSON, facilityFeature, parseFacilityFile } from "../../../src/core/io";
import { exportShapefileZip } from "../../../src/core/io/shapefile";

/**
 * The file's other columns (备注, 地址, 统一社会信用代码, a DBF's XZQDM) are kept on each facility and written back by
 * every facility export: a cleaned layer lost them (the GIS trial, s40-b #6).
 */
const enc = (s: string) => new TextEncoder().encode(s);
const CSV = [
  "序号,机构名称,机构类别,经度,纬度,备注,统一社会信用代码,地址",
  "1,丹水镇卫生院,乡镇卫生院,111.50,33.35,个体,12411323MB1234567X,西峡县丹水镇",
  "2,西峡县急救站,急救站,111.49,33.31,,,",
].join("\n");

describe("a list's other columns are kept and written back", () => {
  it("are read as they are, empty cells left out; the mapped columns are not among them", async () => {
    const r = await parseFacilityFile(enc(CSV), "县报.csv");
    // the credit code is the id (an organisation's code before a row number), so 序号 is one of the others
    expect(r.mapping.id).toBe("统一社会信用代码");
    expect(r.facilities.map((f) => f.extra)).toEqual([
      { 序号: "1", 备注: "个体", 地址: "西峡县丹水镇" },
      { 序号: "2" },
    ]);
  });

  it("round-trip through the CSV and GeoJSON exports, flat, and the tool's own columns never become other columns", async () => {
    const r = await parseFacilityFile(enc(CSV), "县报.csv");
    const csv = exportFacilitiesCsv(r.facilities);
    expect(csv.split("\r\n")[0]).toMatch(/,序号,备注,地址$/);
    const again = await parseFacilityFile(enc(csv), "facilities.csv");
    expect(again.facilities.map((f) => f.extra)).toEqual(r.facilities.map((f) => f.extra));
    const geo = JSON.parse(exportFacilitiesGeoJSON(r.facilities));
    expect(geo.features[0].properties).toMatchObject({ 备注: "个体", 地址: "西峡县丹水镇" });
    expect(geo.features[0].properties.extra).toBeUndefined();
    const back = await parseFacilityFile(enc(JSON.stringify(geo)), "facilities.geojson");
    expect(back.facilities.map((f) => f.extra)).toEqual(r.facilities.map((f) => f.extra));
    // a column named as one of the facility's fields is kept beside it, not over it
    const clash = facilityFeature({ ...r.facilities[0], extra: { name: "另名" } });
    expect(clash.properties).toMatchObject({ name: "丹水镇卫生院", 原_name: "另名" });
  });

  it("are Shapefile fields named in their own words, cut to a field name's 10 bytes", async () => {
    const r = await parseFacilityFile(enc(CSV), "县报.csv");
    const { zip } = await exportShapefileZip([
      { name: "facilities", features: r.facilities.map((f) => facilityFeature(f)) },
    ]);
    const read = await parseFacilityFile(zip, "facilities.zip");
    expect(read.facilities[0].extra).toEqual({ 序号: "1", 备注: "个体", 地址: "西峡县丹水镇" });
  });
});
