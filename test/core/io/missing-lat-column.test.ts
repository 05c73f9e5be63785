import { describe, expect, it } from "vitest";
import { parseFacilityFile } from "../../../src/core/io";

const enc = (s: string) => new TextEncoder().encode(s);

describe("a facility table without a latitude column (issue #11)", () => {
  it("names the missing latitude column, Chinese in Chinese and English in English", async () => {
    // the new-user trial's file: 名称, 类型 and 经度, no 纬度
    const csv = "名称,类型,经度\n南召县人民医院,医院,112.43\n南召县城郊乡卫生院,乡镇卫生院,112.40\n";
    const r = await parseFacilityFile(enc(csv), "bad2.csv");
    expect(r.facilities).toHaveLength(0);
    expect(r.rejectedRows).toBe(2);
    const whole = r.issues.filter((i) => i.row === 0 && i.code === "missing-column");
    // the whole-file message names the one column missing, not both
    expect(whole.map((i) => i.message)).toEqual([
      { zh: "找不到纬度列，请指定列对应关系", en: "no latitude column found; set the column mapping" },
    ]);
    const rows = r.issues.filter((i) => i.row > 0);
    // the 字段 column names the missing field (its logical name: the file has no header for it)
    expect(rows.map((i) => [i.row, i.field, i.code])).toEqual([
      [2, "lat", "missing-coordinate"],
      [3, "lat", "missing-coordinate"],
    ]);
    for (const i of rows) {
      expect(i.message).toEqual({
        zh: "没有坐标（缺少纬度列）",
        en: "no coordinates (no latitude column)",
      });
      // the present 经度 column is not blamed, and neither language carries the other's words
      expect(i.field).not.toContain("经度");
      expect(i.message.zh).not.toMatch(/[A-Za-z]/);
      expect(i.message.en).not.toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it("names the longitude column when it is the one missing, and both when both are", async () => {
    const noLon = await parseFacilityFile(enc("名称,类型,纬度\n南召县人民医院,医院,33.49\n"), "a.csv");
    expect(noLon.issues.find((i) => i.row === 2)?.message).toEqual({
      zh: "没有坐标（缺少经度列）",
      en: "no coordinates (no longitude column)",
    });
    expect(noLon.issues.find((i) => i.row === 2)?.field).toBe("lon");
    expect(noLon.issues.find((i) => i.row === 0 && i.code === "missing-column")?.message).toEqual({
      zh: "找不到经度列，请指定列对应关系",
      en: "no longitude column found; set the column mapping",
    });
    const neither = await parseFacilityFile(enc("名称,类型\n南召县人民医院,医院\n"), "b.csv");
    expect(neither.issues.find((i) => i.row === 2)?.message).toEqual({
      zh: "没有坐标（缺少经度列和纬度列）",
      en: "no coordinates (no longitude or latitude column)",
    });
    expect(neither.issues.find((i) => i.row === 2)?.field).toBe("lon/lat");
    expect(neither.issues.find((i) => i.row === 0 && i.code === "missing-column")?.message).toEqual({
      zh: "找不到经度列和纬度列，请指定列对应关系",
      en: "no longitude or latitude column found; set the column mapping",
    });
  });
});
