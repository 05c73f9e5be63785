import { describe, expect, it } from "vitest";
import { parseFacilityFile } from "../../../src/core/io";

/**
 * A type cell that states a grade (「二级医院」, 「三级甲等医院」) gives the row its grade when the grade cell is empty,
 * and the import says so: it was read as a hospital with no grade, counted under 一级及未定级医院, without a word.
 */
const enc = (s: string) => new TextEncoder().encode(s);
const CSV = [
  "名称,类型,等级,经度,纬度",
  "甲县人民医院,二级医院,,112.50,33.00",
  "乙市中心医院,三级甲等医院,,112.51,33.01",
  "丙县中医院,二级乙等中医医院,,112.52,33.02",
  "丁县医院,二级医院,三级乙等,112.53,33.03",
  "戊县医院,二级医院,二级,112.54,33.04",
].join("\n");

describe("a grade in the type cell", () => {
  it("is the row's grade when its grade cell is empty, and said in the type readings", async () => {
    const r = await parseFacilityFile(enc(CSV), "list.csv");
    expect(r.facilities.map((f) => [f.type, f.grade])).toEqual([
      ["hospital", "2"],
      ["hospital", "3A"],
      ["hospital", "2B"],
      ["hospital", "3B"],
      ["hospital", "2"],
    ]);
    const note = r.issues.find((i) => i.code === "type-readings");
    expect(note?.message.zh).toContain("二级医院 → 综合医院，二级（等级取自类型）（第 2 行）");
    expect(note?.message.zh).toContain("三级甲等医院 → 综合医院，三级甲等");
    expect(note?.message.en).toContain("二级乙等中医医院 → TCM hospital, Grade II B (grade from the type)");
    // the rows whose grade cell gave the grade are not said to take it from the type
    expect(note?.message.zh).not.toMatch(/第 [^）]*[56] 行/);
  });

  it("gives way to a grade cell that says otherwise, with a warning naming both", async () => {
    const r = await parseFacilityFile(enc(CSV), "list.csv");
    const warned = r.issues.filter((i) => i.code === "grade-disagrees");
    expect(warned).toHaveLength(1);
    expect(warned[0]).toMatchObject({ row: 5, field: "等级", severity: "warning", value: "三级乙等" });
    expect(warned[0].message.zh).toContain("三级乙等");
    expect(warned[0].message.zh).toContain("二级医院");
    expect(warned[0].message.en).toContain("Grade II");
  });
});
