import { describe, expect, it } from "vitest";
import { parseFacilityFile } from "../../../src/core/io";
import { gradeInTypeCell } from "../../../src/core/io/classify";
import { facilityProperties } from "../../../src/core/io/export";

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

/**
 * A grade in brackets after the category (the user trial, s47: 「桐柏县人民医院, 类型 = 县级综合医院（二级甲等）」 and no
 * grade column) was dropped without a word: the rules said 「等级未填」, the legend drew 一级及未定级, the exports had
 * no grade.
 */
describe("a grade in brackets after the type", () => {
  it("is read by the grade parser, after other qualifiers or among other words, and not from a bare number", () => {
    expect(gradeInTypeCell("县级综合医院（二级甲等）")).toBe("2A");
    expect(gradeInTypeCell("综合医院(三甲)")).toBe("3A");
    expect(gradeInTypeCell("中医医院（二级，公立）")).toBe("2");
    expect(gradeInTypeCell("县级二级甲等综合医院")).toBe("2A");
    expect(gradeInTypeCell("县级综合医院")).toBeUndefined();
    expect(gradeInTypeCell("综合医院（未定级）")).toBeUndefined();
    expect(gradeInTypeCell("村卫生室（2）")).toBeUndefined();
    expect(gradeInTypeCell("二级甲等")).toBeUndefined();
    expect(gradeInTypeCell("（二级甲等）")).toBeUndefined();
  });

  it("is the facility's grade when the file has no grade column, said in the type readings with its row", async () => {
    const csv = ["名称,类型,经度,纬度", "桐柏县人民医院,县级综合医院（二级甲等）,113.40,32.37"].join("\n");
    const r = await parseFacilityFile(enc(csv), "list.csv");
    expect(r.facilities).toHaveLength(1);
    expect(r.facilities[0]).toMatchObject({
      name: "桐柏县人民医院",
      type: "hospital",
      hospitalKind: "general",
      grade: "2A",
    });
    const note = r.issues.find((i) => i.code === "type-readings");
    expect(note?.severity).toBe("note");
    expect(note?.message.zh).toContain("县级综合医院（二级甲等） → 综合医院，二级甲等（等级取自类型）（第 2 行）");
    expect(note?.message.en).toContain(
      "县级综合医院（二级甲等） → General hospital, Grade II A (grade from the type) (综合医院，二级甲等（等级取自类型）; row 2)",
    );
    // the type is still a known category (no 「不是已知机构类别」), and nothing else is said of the row
    expect(r.issues.filter((i) => i.row === 2)).toEqual([]);
    // every export reads the grade from the facility
    expect(facilityProperties(r.facilities[0])).toMatchObject({ grade: "2A" });
  });

  it("is the row's grade when its grade cell is empty; a grade cell that says otherwise wins, with a warning", async () => {
    const csv = [
      "名称,类型,等级,经度,纬度",
      "桐柏县人民医院,县级综合医院（二级甲等）,,113.40,32.37",
      "桐柏县中医院,县级中医医院（二级甲等）,三级乙等,113.41,32.38",
      "桐柏县妇幼保健院,妇幼保健院(二甲),二级甲等,113.42,32.39",
    ].join("\n");
    const r = await parseFacilityFile(enc(csv), "list.csv");
    expect(r.facilities.map((f) => [f.type, f.grade])).toEqual([
      ["hospital", "2A"],
      ["hospital", "3B"],
      ["hospital", "2A"],
    ]);
    const note = r.issues.find((i) => i.code === "type-readings");
    expect(note?.message.zh).toContain("县级综合医院（二级甲等） → 综合医院，二级甲等（等级取自类型）（第 2 行）");
    expect(note?.message.zh).not.toContain("第 3 行");
    const warned = r.issues.filter((i) => i.code === "grade-disagrees");
    expect(warned).toHaveLength(1);
    expect(warned[0]).toMatchObject({ row: 3, field: "等级", severity: "warning", value: "三级乙等" });
    expect(warned[0].message.zh).toBe(
      "等级“三级乙等”与类型“县级中医医院（二级甲等）”中的二级甲等不一致，按等级列计，请核对",
    );
    expect(warned[0].message.en).toContain("Grade II A");
  });
});
