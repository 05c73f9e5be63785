import { describe, expect, it } from "vitest";
import { analyze } from "../../../src/core";
import { parseFacilityFile } from "../../../src/core/io";
import { ownershipInTypeCell } from "../../../src/core/io/classify";
import { check, counties, ruleSet } from "../rules/fidelity-helpers";

/**
 * An ownership in the type cell (「民营医院」, 「公立医院」) was dropped without a word: the trial (s51 #1) typed 万载县妇幼保健院
 * 「民营医院」, the row was read as a 妇幼保健院 whose ownership no one gave, and COUNTY-MCH (004:402 「政府举办」) passed on it.
 */
const enc = (s: string) => new TextEncoder().encode(s);
const A = "990001";
const CSV = [
  "名称,类型,性质,县区代码,经度,纬度",
  "甲县妇幼保健院,民营医院,,990001,112.30,33.00",
  "甲县博爱医院,民营医院,,990001,112.31,33.01",
  "甲县人民医院,公立医院,,990001,112.32,33.02",
  "甲县中医院,综合医院（民营）,公立,990001,112.33,33.03",
  "甲县康复医院,公立医院,政府办,990001,112.34,33.04",
].join("\n");

describe("an ownership in the type cell", () => {
  it("is read from the type's qualifiers or its bracketed tail, and not from a category alone", () => {
    expect(ownershipInTypeCell("民营医院")).toBe("private");
    expect(ownershipInTypeCell("私立二级医院")).toBe("private");
    expect(ownershipInTypeCell("公立医院")).toBe("public");
    expect(ownershipInTypeCell("政府办卫生院")).toBe("government");
    expect(ownershipInTypeCell("综合医院（民营）")).toBe("private");
    expect(ownershipInTypeCell("中医医院（二级，公立）")).toBe("public");
    expect(ownershipInTypeCell("医院")).toBeUndefined();
    expect(ownershipInTypeCell("县级综合医院（二级甲等）")).toBeUndefined();
  });

  it("is the row's ownership when its ownership cell is empty, and said in the type readings with the kind from the name", async () => {
    const r = await parseFacilityFile(enc(CSV), "list.csv");
    expect(r.facilities.map((f) => [f.name, f.type, f.hospitalKind, f.ownership])).toEqual([
      ["甲县妇幼保健院", "hospital", "maternal-child", "private"],
      ["甲县博爱医院", "hospital", "general", "private"],
      ["甲县人民医院", "hospital", "general", "public"],
      ["甲县中医院", "hospital", "tcm", "public"],
      ["甲县康复医院", "hospital", "specialty", "government"],
    ]);
    const note = r.issues.find((i) => i.code === "type-readings")?.message;
    expect(note?.zh).toContain("民营医院 → 妇幼保健院，民营（所有制取自类型）（第 2 行）");
    expect(note?.zh).toContain("民营医院 → 综合医院，民营（所有制取自类型）（第 3 行）");
    expect(note?.zh).toContain("公立医院 → 综合医院，公立（所有制取自类型）（第 4 行）");
    expect(note?.en).toContain("→ Maternal and child health hospital, private (ownership from the type)");
  });

  it("gives way to an ownership cell, with a warning where one says private and the other not", async () => {
    const r = await parseFacilityFile(enc(CSV), "list.csv");
    const warned = r.issues.filter((i) => i.code === "ownership-disagrees");
    expect(warned).toHaveLength(1);
    expect(warned[0]).toMatchObject({ row: 5, field: "性质", severity: "warning", value: "公立" });
    expect(warned[0].message.zh).toBe("性质“公立”与类型“综合医院（民营）”中的民营不一致，按性质列计，请核对");
    // 「公立医院」 with 政府办 in the ownership cell: no disagreement
    expect(warned.some((w) => w.row === 6)).toBe(false);
  });

  it("a 民营 妇幼保健院 does not meet 004:402's 「政府举办」: COUNTY-MCH fails where it passed", async () => {
    const r = await parseFacilityFile(enc(CSV), "list.csv");
    const report = analyze({ counties: counties("yichun"), facilities: r.facilities, ruleSet: ruleSet("yichun") });
    expect(report.counties.find((c) => c.code === A)).toBeDefined();
    expect(check(report, A, "COUNTY-MCH").status).toBe("fail");
  });
});
