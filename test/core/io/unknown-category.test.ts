import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parseFacilityFile, readTypeCell } from "../../../src/core/io";
import { KNOWN_TYPE_TERMS } from "../../../src/core/io/classify";
import { FACILITY_TYPE_LABELS, FACILITY_TYPES, HOSPITAL_KIND_LABELS } from "../../../src/core/model";

const root = resolve(import.meta.dirname, "../../..");
const csv = (lines: string[]) => new TextEncoder().encode(lines.join("\n"));

describe("a type text that is not a known facility category (issue 11: 「火星医院」)", () => {
  it("reads the app's own category names, type keys and their qualified forms as known", () => {
    for (const t of FACILITY_TYPES) {
      expect(readTypeCell(t)).toEqual({ type: t, term: t, known: true });
      expect(readTypeCell(FACILITY_TYPE_LABELS[t].zh)).toMatchObject({ type: t, known: true });
    }
    for (const k of Object.values(HOSPITAL_KIND_LABELS))
      expect(readTypeCell(k.zh)).toMatchObject({ type: "hospital", known: true });
    // every synonym is read as the type it is listed under (the patterns and the list agree)
    for (const [type, terms] of Object.entries(KNOWN_TYPE_TERMS))
      for (const term of terms.split(" ")) expect(readTypeCell(term), term).toMatchObject({ type, known: true });
    for (const s of [
      "二级综合医院",
      "三级甲等中医医院",
      "县人民医院",
      "公立医院",
      "县域医疗卫生次中心",
      "乡镇卫生院（中心）",
    ])
      expect(readTypeCell(s)?.known, s).toBe(true);
  });

  it("says which word of an unknown text decided the type", () => {
    expect(readTypeCell("火星医院")).toEqual({ type: "hospital", term: "医院", known: false });
    expect(readTypeCell("火星卫生院")).toEqual({ type: "thc", term: "卫生院", known: false });
    // the qualifier is stripped only from a text that is not itself a term: 县域医疗中心 stays known
    expect(readTypeCell("县域医疗中心")).toMatchObject({ type: "county-medical-centre", known: true });
    expect(readTypeCell("诊所X")).toBeUndefined();
  });

  it("keeps the row as the type it was taken for, with a 【存疑】 warning naming file, row and field", async () => {
    const r = await parseFacilityFile(
      csv([
        "编号,名称,机构类别,经度,纬度,医院等级",
        "A1,某某医院,火星医院,112.5,33.0,",
        "A2,某某卫生院,火星卫生院,112.5,33.0,",
        "A3,某县医院,二级综合医院,112.5,33.0,二级",
        "A4,某某医院,火星医院,112.5,33.0,三甲",
      ]),
      "trial.csv",
    );
    expect(r.facilities.map((f) => f.type)).toEqual(["hospital", "thc", "hospital", "hospital"]);
    expect(r.issues.map((i) => [i.file, i.row, i.field, i.value, i.severity, i.code])).toEqual([
      ["trial.csv", 2, "机构类别", "火星医院", "warning", "unknown-category"],
      ["trial.csv", 3, "机构类别", "火星卫生院", "warning", "unknown-category"],
      // A4 is A1 again (name, type and place), with another grade: likely entered twice
      ["trial.csv", 5, "名称", "某某医院", "warning", "duplicate-row"],
      ["trial.csv", 5, "机构类别", "火星医院", "warning", "unknown-category"],
    ]);
    expect(r.issues[0].message.zh).toBe("类型「火星医院」不是已知机构类别，按「医院」暂作一级及未定级医院，请核对");
    expect(r.issues[0].message.en).toBe(
      'type "火星医院" is not a known facility category; taken as "Grade I / ungraded hospital" for the "医院" in it; please check',
    );
    expect(r.issues[1].message.zh).toBe("类型「火星卫生院」不是已知机构类别，按「卫生院」暂作乡镇卫生院，请核对");
    expect(r.issues[3].message.zh).toBe("类型「火星医院」不是已知机构类别，按「医院」暂作三级医院，请核对");
  });

  it("adds no doubt when the user chose the row's type, and keeps a note of the choice", async () => {
    const r = await parseFacilityFile(
      csv(["编号,名称,机构类别,经度,纬度", "A1,某某医院,火星医院,112.5,33.0"]),
      "trial.csv",
      { typeOverrides: { byValue: { 火星医院: "ems-station" } } },
    );
    expect(r.facilities[0].type).toBe("ems-station");
    expect(r.issues.filter((i) => i.severity !== "note")).toEqual([]);
  });

  it("adds no warning to the four shipped samples, as shipped or with the categories' Chinese names", async () => {
    for (const city of ["nanyang", "pingdingshan", "nangong", "yichun"]) {
      const bytes = readFileSync(resolve(root, `geodata/scenario-${city}.geojson`));
      const shipped = await parseFacilityFile(new Uint8Array(bytes), `scenario-${city}.geojson`);
      expect(shipped.issues, city).toEqual([]);
      // each distinct (category, grade) of the sample, written as a planner's list would: 综合医院, 村卫生室, …
      const seen = new Set<string>();
      const lines = ["编号,名称,机构类别,经度,纬度,医院等级"];
      for (const f of JSON.parse(bytes.toString()).features) {
        const p = f.properties;
        const type =
          p.type === "hospital"
            ? HOSPITAL_KIND_LABELS[p.hospitalKind as "general"].zh
            : FACILITY_TYPE_LABELS[p.type as "thc"].zh;
        const key = `${type},${p.grade ?? ""}`;
        if (seen.has(key)) continue;
        seen.add(key);
        lines.push(`${p.id},${p.name},${type},${f.geometry.coordinates.join(",")},${p.grade ?? ""}`);
      }
      const zh = await parseFacilityFile(csv(lines), `${city}.csv`);
      expect(zh.facilities.length, city).toBe(lines.length - 1);
      expect(zh.issues, city).toEqual([]);
    }
  });
});

describe("a known type word other than the tool's own is read and said (the planner trial, s41-b #7)", () => {
  it("「卫生院」 and 「急救分站」: one whole-file note names each word, what it was read as and its rows", async () => {
    const r = await parseFacilityFile(
      csv([
        "名称,类型,经度,纬度",
        "甲卫生院,卫生院,115.42,31.81",
        "乙急救分站,急救分站,115.43,31.82",
        "丙卫生院,卫生院,115.44,31.83",
        "丁卫生院,乡镇卫生院,115.45,31.84",
        "戊医院,二级中医医院,115.46,31.85",
      ]),
      "商城县.csv",
    );
    const notes = r.issues.filter((i) => i.code === "type-readings");
    expect(notes.map((i) => [i.row, i.field, i.severity])).toEqual([[0, "类型", "note"]]);
    expect(notes[0].message.zh).toBe(
      "类型按以下读法计入，请核对：卫生院 → 乡镇卫生院（第 2、4 行）；急救分站 → 急救站（第 3 行）；二级中医医院 → 中医医院，二级（等级取自类型）（第 6 行）",
    );
    // the tool's own words (乡镇卫生院) are not listed, a hospital kind only for the grade taken from it; nothing else
    // is said
    expect(r.issues.filter((i) => i.code !== "type-readings")).toEqual([]);
  });
});

describe("「卫生所」, a word for two kinds of facility, is a guess to check (the reviewer trial, s48 #8)", () => {
  it("reads 卫生所 as a village clinic but not as known; 村卫生所 stays known", () => {
    expect(readTypeCell("卫生所")).toMatchObject({ type: "village-clinic", known: false });
    expect(readTypeCell("卫生所")?.doubt?.zh).toContain("门诊部");
    expect(readTypeCell("村卫生所")).toEqual({ type: "village-clinic", term: "卫生所", known: true });
    expect(readTypeCell("村卫生室")?.doubt).toBeUndefined();
  });

  it("warns on the row with why, and the facility carries the guess and the file's word for the exports", async () => {
    const r = await parseFacilityFile(
      csv(["编号,名称,类型,经度,纬度", "P54,彭庄村卫生所,卫生所,112.5,33.0", "P55,李庄村卫生所,村卫生所,112.51,33.0"]),
      "桐柏县.csv",
    );
    expect(r.facilities.map((f) => [f.type, f.typeGuessed, f.typeInFile])).toEqual([
      ["village-clinic", true, "卫生所"],
      ["village-clinic", undefined, undefined],
    ]);
    const w = r.issues.filter((i) => i.severity === "warning");
    expect(w.map((i) => [i.file, i.row, i.field, i.value, i.code])).toEqual([
      ["桐柏县.csv", 2, "类型", "卫生所", "unknown-category"],
    ]);
    expect(w[0].message.zh).toBe(
      "类型「卫生所」未必是村卫生室：「卫生所」可为村卫生所，也可为单位、厂矿、学校的卫生所（卫生统计归门诊部、诊所、卫生所、医务室类，不计一村一室）；暂作村卫生室，请核对",
    );
  });
});
