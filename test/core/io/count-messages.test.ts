import { describe, expect, it } from "vitest";
import { notACount, parseFacilityFile, parsePopulationTable, parseUnitPopulationTable } from "../../../src/core/io";

const enc = (s: string) => new TextEncoder().encode(s);

describe("a count that is not one is said plainly (the #13 trial: 「人口“abc”不是非负数」)", () => {
  it("empty, below 0 or not a number, each in its own words", () => {
    const people = { zh: "人口", en: "population" };
    expect(notACount(people, " ")).toEqual({ zh: "人口为空", en: "population is empty" });
    expect(notACount(people, "-5")).toEqual({ zh: "人口“-5”小于 0", en: 'population "-5" is below 0' });
    expect(notACount(people, "-1,200")).toEqual({ zh: "人口“-1,200”小于 0", en: 'population "-1,200" is below 0' });
    expect(notACount(people, "abc")).toEqual({ zh: "人口“abc”不是数字", en: 'population "abc" is not a number' });
    expect(notACount(people, "9".repeat(70)).zh).toBe("人口不是数字：长度超过 64 个字符（70）");
  });

  it("reaches the county, township and facility readers", async () => {
    const county = await parsePopulationTable(enc("代码,人口\n411321,abc\n411322,-3\n"), "p.csv");
    expect(county.issues.map((i) => [i.row, i.message.zh])).toEqual([
      [2, "人口“abc”不是数字"],
      [3, "人口“-3”小于 0"],
    ]);
    const units = await parseUnitPopulationTable(enc("代码,人口\n411321100,-20\n"), "乡镇.csv");
    expect(units.issues.map((i) => i.message.zh)).toEqual(["人口“-20”小于 0"]);
    const beds = await parseFacilityFile(
      enc("名称,类型,经度,纬度,床位数\n南召县人民医院,医院,112.43,33.49,很多\n"),
      "f.csv",
    );
    expect(beds.issues.find((i) => i.code === "not-a-number")?.message).toEqual({
      zh: "床位数“很多”不是数字，未使用",
      en: 'beds "很多" is not a number; not used',
    });
    for (const r of [county, units, beds])
      for (const i of r.issues) expect(i.message.zh, i.message.zh).not.toContain("非负数");
  });
});
