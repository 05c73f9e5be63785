import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCsvBytes, parseFacilityFile } from "../../../src/core/io";
import { decodeText } from "../../../src/core/io/text";
import { fixture } from "./helpers";

/**
 * A list saved on a Taiwan or Hong Kong locale PC is Big5 (code page 950). Read as GBK it gave 「嘿,摸,竒,絥」 for
 * 「名稱,類型,經度,緯度」 and names like 「马キ郡チ洛皘」, with no word of the encoding (the GIS trial, s40-b #1).
 */
const ROOT = join(import.meta.dirname, "../../..");
const big5 = () => fixture("big5-zhenping.csv");

describe("a Big5 list is read as Big5, its traditional characters matched in simplified form", () => {
  it("the bytes are decoded as Big5, and said so", () => {
    const d = decodeText(big5());
    expect(d.encoding).toBe("big5");
    expect(d.text.split(/\r?\n/)[0]).toBe("名稱,類型,經度,緯度,所屬縣區,鄉鎮");
    expect(d.notes.map((n) => n.code)).toEqual(["big5"]);
    const t = parseCsvBytes(big5());
    expect(t.notes?.map((n) => [n.row, n.code, n.severity])).toEqual([[0, "big5", "warning"]]);
    expect(t.notes?.[0].message.zh).toContain("Big5（繁体中文）");
  });

  it("columns, types and townships are found as in a simplified list; names are kept in simplified characters", async () => {
    const r = await parseFacilityFile(big5(), "big5-zhenping.csv", {
      counties: [{ code: "411324", name: "镇平县" }],
      divisions: JSON.parse(readFileSync(join(ROOT, "geodata/divisions-nanyang.json"), "utf8")),
    });
    expect(r.facilities.map((f) => [f.name, f.type])).toEqual([
      ["镇平县人民医院", "hospital"],
      ["镇平县石佛寺镇卫生院", "thc"],
      ["镇平县急救站", "ems-station"],
      ["侯集镇卫生院", "thc"],
    ]);
    expect(r.mapping.lon).toBe("经度");
    expect(r.rejectedRows).toBe(0);
    // the townships named in traditional characters are matched to their codes (石佛寺鎮 → 石佛寺镇)
    expect(r.facilities[1].township).toMatch(/^411324\d{3}$/);
    expect(r.facilities[3].township).toMatch(/^411324\d{3}$/);
    const codes = r.issues.map((i) => i.code);
    expect(codes).toContain("big5");
    expect(codes).toContain("traditional-converted");
    const conv = r.issues.find((i) => i.code === "traditional-converted");
    expect(conv?.message.zh).toMatch(/繁体字已转为简体（\d+ 个单元格）/);
  });

  it("GBK stays GBK: the same list in simplified characters is not taken for Big5", () => {
    // GB2312 bytes of a simplified list, as a mainland PC saves it (Python's gbk codec, written as hex)
    const hex =
      "c3fbb3c62cc0e0d0cd2cbeadb6c82cceb3b6c80d0ad5f2c6bdcfd8c8cbc3f1d2bdd4ba2cd2bdd4ba2c3131322e323334352c33332e303334300d0a";
    const bytes = new Uint8Array(hex.match(/../g)!.map((h) => Number.parseInt(h, 16)));
    const d = decodeText(bytes);
    expect(d.encoding).toBe("gb18030");
    expect(d.text).toContain("名称,类型,经度,纬度");
    expect(d.text).toContain("镇平县人民医院");
    expect(d.notes).toEqual([]);
  });
});

describe("a Big5 Shapefile with no .cpg is read as Big5 too (stop 40 told only CSV apart)", () => {
  const zipped = () => fixture("big5-zhenping-nocpg.zip");
  const nanyang = () => ({
    counties: [{ code: "411324", name: "镇平县" }],
    divisions: JSON.parse(readFileSync(join(ROOT, "geodata/divisions-nanyang.json"), "utf8")),
  });

  it("its records read as Big5, found by their characters, and said; fields and names in simplified form", async () => {
    const r = await parseFacilityFile(zipped(), "big5-zhenping.zip", nanyang());
    expect(r.encoding).toBe("big5");
    expect(r.facilities.map((f) => [f.name, f.type])).toEqual([
      ["镇平县人民医院", "hospital"],
      ["镇平县石佛寺镇卫生院", "thc"],
      ["镇平县急救站", "ems-station"],
      ["侯集镇卫生院", "thc"],
    ]);
    expect(r.facilities[1].township).toMatch(/^411324\d{3}$/);
    expect(r.rejectedRows).toBe(0);
    const notes = r.issues.filter((i) => i.row === 0).map((i) => [i.code, i.severity]);
    expect(notes).toContainEqual(["big5", "note"]);
    expect(notes).toContainEqual(["traditional-converted", "note"]);
    expect(r.issues.find((i) => i.code === "big5")?.message.zh).toContain("没有 .cpg");
  });

  it("the .dbf's language driver decides where it names one: 0x78 Big5, 0x4D GBK", async () => {
    const { default: JSZip } = await import("jszip");
    const withDriver = async (driver: number) => {
      const zip = await JSZip.loadAsync(zipped());
      const dbf = await zip.file("big5-zhenping.dbf")!.async("uint8array");
      dbf[29] = driver;
      zip.file("big5-zhenping.dbf", dbf);
      return parseFacilityFile(await zip.generateAsync({ type: "uint8array" }), "big5-zhenping.zip", nanyang());
    };
    expect((await withDriver(0x78)).encoding).toBe("big5");
    const gbk = await withDriver(0x4d);
    expect(gbk.encoding).toBe("gbk");
    expect(gbk.facilities[0]?.name).not.toBe("镇平县人民医院");
  });
});
