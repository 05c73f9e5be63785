import { describe, expect, it } from "vitest";
import { parseFacilityFile } from "../../../src/core/io";
import { exportFacilitiesCsv, exportFacilitiesGeoJSON } from "../../../src/core/io/export";

/**
 * A cell an optional field could not use (「约40」 beds, 「某某」 ownership) was warned and dropped from every export: a
 * GIS desk could recover it from the issue list alone (the re-trial, s51b). It is kept as written, beside the field.
 */
const enc = (s: string) => new TextEncoder().encode(s);
const CSV = [
  "名称,类型,经度,纬度,床位数,性质,等级",
  "甲县人民医院,综合医院,112.50,33.00,约40,某某,二甲",
  "乙镇卫生院,乡镇卫生院,112.51,33.01,25,公立,",
].join("\n");

describe("a cell the field could not use", () => {
  it("is kept as written under 「header（原文）」, and the field stays empty", async () => {
    const r = await parseFacilityFile(enc(CSV), "list.csv");
    const [h, t] = r.facilities;
    expect(h.beds).toBeUndefined();
    expect(h.ownership).toBeUndefined();
    expect(h.extra).toEqual({ "床位数（原文）": "约40", "性质（原文）": "某某" });
    // a grade read is not kept twice; a good row keeps nothing of the kind
    expect(h.grade).toBe("2A");
    expect(t.extra).toBeUndefined();
    expect(t.beds).toBe(25);
    // the warnings stay
    expect(r.issues.filter((i) => i.row === 2).map((i) => i.code)).toEqual(
      expect.arrayContaining(["not-a-number", "unknown-ownership"]),
    );
  });

  it("goes out in the exports and survives a re-import of the CSV, with no warning of them the second time", async () => {
    const r = await parseFacilityFile(enc(CSV), "list.csv");
    const geo = JSON.parse(exportFacilitiesGeoJSON(r.facilities));
    expect(geo.features[0].properties["床位数（原文）"]).toBe("约40");
    const csv = exportFacilitiesCsv(r.facilities);
    const again = await parseFacilityFile(enc(csv), "again.csv");
    expect(again.facilities[0].beds).toBeUndefined();
    expect(again.facilities[0].extra).toEqual({ "床位数（原文）": "约40", "性质（原文）": "某某" });
    expect(again.facilities[1].beds).toBe(25);
    // (the blank county and township columns of the export are warned as such; nothing of the cells kept)
    expect(again.issues.filter((i) => ["not-a-number", "unknown-ownership"].includes(i.code ?? ""))).toEqual([]);
  });
});
