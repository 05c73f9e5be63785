import { describe, expect, it } from "vitest";
import { parseFacilityFile } from "../../../src/core";

/**
 * A 「…中心卫生院」 typed 乡镇卫生院 is counted as the cell says, and said once for the file (the planner trial, s54d L5:
 * 南宫's central THCs typed 乡镇卫生院 read CTHC-THIRD 「0/11」 with no word of why).
 */
const csv = (rows: string[]) => new TextEncoder().encode(`名称,类型,经度,纬度\n${rows.join("\n")}\n`);

describe("a health centre named central but typed a plain one", () => {
  it("is counted as typed, and one note names its rows", async () => {
    const r = await parseFacilityFile(
      csv([
        "垂杨镇中心卫生院,乡镇卫生院,115.40,37.30",
        "段芦头镇卫生院,乡镇卫生院,115.45,37.35",
        "大村乡中心卫生院,中心乡镇卫生院,115.50,37.40",
        "明化镇中心卫生院,,115.55,37.45",
      ]),
      "南宫卫生院.csv",
    );
    expect(r.facilities.map((f) => f.type)).toEqual(["thc", "thc", "central-thc", "central-thc"]);
    const notes = r.issues.filter((i) => i.code === "central-in-name");
    expect(notes.map((i) => [i.row, i.field, i.severity])).toEqual([[0, "类型", "note"]]);
    expect(notes[0].message.zh).toBe(
      "1 行名称为“中心卫生院”而类型为“乡镇卫生院”（第 2 行）：按乡镇卫生院计；如为中心乡镇卫生院，请把类型改为“中心乡镇卫生院”（核查中心乡镇卫生院数量的规则按其计数）",
    );
    expect(notes[0].message.en).toContain("1 row is named a 中心卫生院 but typed 乡镇卫生院 (row 2)");
  });
});
