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
      // every column is taken (名称, 类型, 经度): no mapping can help, the column has to be added
      zh: "找不到纬度列，全部 2 行均未导入：其余各列都已对应其他字段，没有可作纬度的列：请在表格中加入“纬度”列后重新导入（现有列：名称、类型、经度）",
      en: "no latitude column found, so none of the 2 rows was imported: every other column is taken by another field, so none can be the latitude: add a 纬度 (lat) column to the file and import it again (columns: 名称, 类型, 经度)",
    });
    // the guessed mapping is kept, so the app can offer the columns to choose from
    expect(r.mapping).toMatchObject({ name: "名称", type: "类型", lon: "经度" });
    expect(r.encoding).toBe("utf-8");
  });

  it("names the longitude column when it is the one missing, and both when both are", async () => {
    const noLon = await parseFacilityFile(enc("名称,类型,纬度\n南召县人民医院,医院,33.49\n"), "a.csv");
    expect(noLon.issues.map((i) => [i.row, i.field, i.code])).toEqual([[0, "lon", "missing-column"]]);
    expect(noLon.issues[0].message).toEqual({
      zh: "找不到经度列，该行未导入：其余各列都已对应其他字段，没有可作经度的列：请在表格中加入“经度”列后重新导入（现有列：名称、类型、纬度）",
      en: "no longitude column found, so the row was not imported: every other column is taken by another field, so none can be the longitude: add a 经度 (lon) column to the file and import it again (columns: 名称, 类型, 纬度)",
    });
    // a column no field took (备注) may be it: the user is sent to the column mapping
    const other = await parseFacilityFile(enc("名称,类型,纬度,备注\n南召县人民医院,医院,33.49,112.43\n"), "c.csv");
    expect(other.issues.find((i) => i.code === "missing-column")?.message.zh).toBe(
      "找不到经度列，该行未导入：请在“列对应”中指定经度所在的列（命令行：把该列改名为“经度”）（现有列：名称、类型、纬度、备注）",
    );
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

  it("a longitude column none of whose values is a number gets one line for the file above the rows' own", async () => {
    const rows = Array.from({ length: 5 }, (_, i) => `急救站${i},急救站,abc,33.${i}`).join("\n");
    const r = await parseFacilityFile(enc(`名称,类型,经度,纬度\n${rows}\n`), "bad-lon.csv");
    expect(r.issues[0]).toMatchObject({ row: 0, field: "经度", code: "column-not-numbers", severity: "warning" });
    expect(r.issues[0].message.zh).toBe(
      "经度列“经度”的 5 个值都不是数字：是否选错了列？请在“列对应”中核对，或检查文件中坐标的写法",
    );
    expect(r.issues.filter((i) => i.code === "not-a-number")).toHaveLength(5);
    // one good value among them: no hint (the column is right, some cells are wrong)
    const mixed = await parseFacilityFile(enc(`名称,类型,经度,纬度\n${rows}\n好站,急救站,112.5,33.5\n`), "m.csv");
    expect(mixed.issues.some((i) => i.code === "column-not-numbers")).toBe(false);
  });
});
