import { describe, expect, it } from "vitest";
import { parseFacilityFile } from "../../../src/core/io/facilities";

describe("number cells in full-width digits", () => {
  it("are read as ASCII and said once for the file, with their rows (the reviewer trial, s45-a #8)", async () => {
    const csv = [
      "名称,类型,经度,纬度,床位数",
      "甲卫生院,乡镇卫生院,１１２．５,33.0,20",
      "乙卫生院,乡镇卫生院,112.6,33.1,７１９",
      "丙卫生院,乡镇卫生院,112.7,33.2,30",
    ].join("\n");
    const r = await parseFacilityFile(new TextEncoder().encode(csv), "list.csv");
    expect(r.facilities.map((f) => [f.lon, f.beds])).toEqual([
      [112.5, 20],
      [112.6, 719],
      [112.7, 30],
    ]);
    const notes = r.issues.filter((i) => i.code === "full-width-digits");
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ row: 0, severity: "note", field: "经度/床位数", value: "１１２．５" });
    expect(notes[0].message.zh).toBe("第 2、3 行的数字为全角（如「１１２．５」），已按半角读取");
    expect(notes[0].message.en).toBe(
      "rows 2, 3 have numbers in full-width digits (such as 「１１２．５」), read as ASCII",
    );
    const plain = await parseFacilityFile(new TextEncoder().encode(csv.replace(/[０-９．]/g, "1")), "plain.csv");
    expect(plain.issues.some((i) => i.code === "full-width-digits")).toBe(false);
  });
});
