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
    // a fraction or a figure no facility has is not used either (the GIS trial: 99999999999999999999 beds passed)
    const odd = await parseFacilityFile(
      enc(
        '名称,类型,经度,纬度,床位数,执业医师数\n甲医院,医院,112.43,33.49,12.5,30\n乙医院,医院,112.44,33.49,99999999999999999999,20001\n丙医院,医院,112.45,33.49,"1,200",20000\n',
      ),
      "f.csv",
    );
    expect(odd.issues.map((i) => [i.row, i.field, i.code, i.message.zh])).toEqual([
      [2, "床位数", "not-a-whole-number", "床位数“12.5”不是整数，未使用"],
      [3, "床位数", "implausible-count", "床位数“99999999999999999999”超过单个机构的合理上限 20000，未使用"],
      [3, "执业医师数", "implausible-count", "执业（助理）医师数“20001”超过单个机构的合理上限 20000，未使用"],
    ]);
    expect(odd.facilities.map((f) => [f.beds, f.staff?.doctors])).toEqual([
      [undefined, 30],
      [undefined, undefined],
      [1200, 20000],
    ]);
    expect(odd.issues[1].message.en).toBe(
      'beds "99999999999999999999" is above 20,000, more than any one facility has; not used',
    );
    for (const r of [county, units, beds])
      for (const i of r.issues) expect(i.message.zh, i.message.zh).not.toContain("非负数");
  });
});
