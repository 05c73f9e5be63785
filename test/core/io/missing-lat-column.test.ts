import { describe, expect, it } from "vitest";
import { parseFacilityFile } from "../../../src/core/io";

const enc = (s: string) => new TextEncoder().encode(s);

describe("a facility table without a coordinate column (issue #11, #13 trial)", () => {
  it("says once which column is missing and how many rows it cost, Chinese in Chinese and English in English", async () => {
    // the new-user trial's file: 名称, 类型 and 经度, no 纬度
    const csv = "名称,类型,经度\n南召县人民医院,医院,112.43\n南召县城郊乡卫生院,乡镇卫生院,112.40\n";
    const r = await parseFacilityFile(enc(csv), "bad2.csv");
    expect(r.facilities).toHaveLength(0);
    expect(r.rejectedRows).toBe(2);
    expect(r.totalRows).toBe(2);
    // one issue for the file, not one identical issue per row
    expect(r.issues.map((i) => [i.row, i.field, i.code])).toEqual([[0, "lat", "missing-column"]]);
    expect(r.issues[0].message).toEqual({
      zh: "找不到纬度列，全部 2 行均未导入：请指定列对应关系（现有列：名称、类型、经度）",
      en: "no latitude column found, so none of the 2 rows was imported: set the column mapping (columns: 名称, 类型, 经度)",
    });
    // the guessed mapping is kept, so the app can offer the columns to choose from
    expect(r.mapping).toMatchObject({ name: "名称", type: "类型", lon: "经度" });
    expect(r.encoding).toBe("utf-8");
  });

  it("names the longitude column when it is the one missing, and both when both are", async () => {
    const noLon = await parseFacilityFile(enc("名称,类型,纬度\n南召县人民医院,医院,33.49\n"), "a.csv");
    expect(noLon.issues.map((i) => [i.row, i.field, i.code])).toEqual([[0, "lon", "missing-column"]]);
    expect(noLon.issues[0].message).toEqual({
      zh: "找不到经度列，该行未导入：请指定列对应关系（现有列：名称、类型、纬度）",
      en: "no longitude column found, so the row was not imported: set the column mapping (columns: 名称, 类型, 纬度)",
    });
    expect(noLon.rejectedRows).toBe(1);
    const neither = await parseFacilityFile(enc("名称,类型\n南召县人民医院,医院\n"), "b.csv");
    expect(neither.issues.map((i) => [i.row, i.field, i.code])).toEqual([[0, "lon/lat", "missing-column"]]);
    expect(neither.issues[0].message.zh).toMatch(/^找不到经度列和纬度列，该行未导入/);
  });

  it("stays one issue for 300 rows, and still names a missing name and type column", async () => {
    const rows = Array.from({ length: 300 }, (_, i) => `${i},x${i}`).join("\n");
    const r = await parseFacilityFile(enc(`编号,备注\n${rows}\n`), "many.csv");
    expect(r.rejectedRows).toBe(300);
    expect(r.issues.map((i) => [i.row, i.code])).toEqual([
      [0, "missing-column"],
      [0, "missing-column"],
    ]);
    expect(r.issues[0].message.en).toContain("none of the 300 rows was imported");
    expect(r.issues[1].message.zh).toBe("找不到名称列和类型列，无法判断机构类型");
  });

  it("lists at most 12 of a wide table's columns", async () => {
    const headers = Array.from({ length: 30 }, (_, i) => `列${i + 1}`);
    const r = await parseFacilityFile(enc(`${headers.join(",")}\n${headers.map(() => "1").join(",")}\n`), "w.csv");
    expect(r.issues[0].message.zh).toContain(
      "（现有列：列1、列2、列3、列4、列5、列6、列7、列8、列9、列10、列11、列12…）",
    );
  });
});
