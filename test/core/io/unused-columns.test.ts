import { describe, expect, it } from "vitest";
import { guessColumns, parseFacilityFile } from "../../../src/core/io";

/**
 * The planner trial, s46-b #3: a 医生 column was not read as the doctors (执业（助理）医师), and nothing said it was
 * left unused; the CLI, which has no column mapping, gave 「数据中无执业（助理）医师数」 where the app, remapped by
 * hand, gave 0.89 per 1,000.
 */
const enc = (s: string) => new TextEncoder().encode(s);

describe("医生 is the doctors, and a column read by no field is said", () => {
  it("医生, 医生数, 医生人数 (and 医师人数) map to the doctors; 全科医生 stays the GPs, 乡村医生 is not a doctor count", () => {
    for (const h of ["医生", "医生数", "医生人数", "医师人数", "执业医师人数"])
      expect(guessColumns(["名称", "床位", h, "护士"]).doctors, h).toBe(h);
    expect(guessColumns(["名称", "全科医生", "医生"])).toMatchObject({ gps: "全科医生", doctors: "医生" });
    expect(guessColumns(["名称", "乡村医生"]).doctors).toBeUndefined();
  });

  it("a 医生 column's counts are the facilities' doctors", async () => {
    const r = await parseFacilityFile(
      enc("名称,类型,乡镇,经度,纬度,床位,医生,护士\n鲁山县人民医院,综合医院,鲁阳街道,112.91,33.74,600,210,320\n"),
      "lushan-facilities.csv",
    );
    expect(r.mapping.doctors).toBe("医生");
    expect(r.facilities[0].staff).toEqual({ doctors: 210, nurses: 320 });
    expect(r.issues.some((i) => i.code === "unused-columns")).toBe(false);
  });

  it("the columns no field reads are named in one whole-file note, kept and written with the exports", async () => {
    const r = await parseFacilityFile(
      enc(
        "名称,类型,经度,纬度,备注,地址\n甲卫生院,乡镇卫生院,112.91,33.74,新建,某镇某路\n乙卫生院,乡镇卫生院,112.92,33.75,,\n",
      ),
      "县报.csv",
    );
    const notes = r.issues.filter((i) => i.code === "unused-columns");
    expect(notes.map((i) => [i.row, i.field, i.severity, i.value])).toEqual([[0, "", "note", "备注、地址"]]);
    expect(notes[0].message.zh).toBe(
      "未使用的列：备注、地址（保留为附加列，随导出写出；如其中有应读的字段，请在“列对应”中指定）",
    );
    expect(notes[0].message.en).toBe(
      "2 columns not read: 备注, 地址 (kept as other columns and written with the exports; if one holds a field to read, set it in the column mapping)",
    );
    // every column read: nothing to say
    const all = await parseFacilityFile(enc("名称,类型,经度,纬度\n甲卫生院,乡镇卫生院,112.91,33.74\n"), "县报.csv");
    expect(all.issues).toEqual([]);
  });
});
