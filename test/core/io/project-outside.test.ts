import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type Facility, projectOutsideCity } from "../../../src/core";

/**
 * A project's sites lying outside the city it names are said when it is opened (the reviewer trial, s55b M3: a file
 * naming 南阳 with three 宜春 sites opened with a plain 「已打开项目」).
 */
const cities = JSON.parse(readFileSync("geodata/cities.json", "utf8")) as Array<{
  id: string;
  name: string;
  bbox: [number, number, number, number];
}>;
const nanyang = cities.find((c) => c.id === "nanyang")!;
const site = (id: string, lon: number, lat: number): Facility => ({
  id,
  name: `规划急救站 ${id}`,
  type: "ems-station",
  lon,
  lat,
  proposed: true,
});
// 宜春's 袁州区, 奉新县, 铜鼓县; 南阳's 西峡县
const YICHUN = [site("P1", 114.38, 27.8), site("P2", 115.38, 28.7), site("P3", 114.37, 28.52)];
const XIXIA = site("P4", 111.48, 33.3);

describe("a project's sites outside its city", () => {
  it("all of them: the file's city may be wrong, each named with its position", () => {
    const issues = projectOutsideCity({ facilities: [], proposed: YICHUN }, nanyang, "p.hfp.json");
    expect(issues.map((i) => [i.file, i.row, i.field, i.value, i.severity, i.code])).toEqual([
      ["p.hfp.json", 0, "proposed", "P1, P2, P3", "warning", "project-outside-city"],
    ]);
    expect(issues[0].message.zh).toBe(
      "项目的 3 个规划新增站点全部在南阳市范围以外（「规划急救站 P1」114.3800, 27.8000；「规划急救站 P2」115.3800, 28.7000；「规划急救站 P3」114.3700, 28.5200）：项目文件记录的城市可能有误，或坐标有误；不在本市县区内的不计入核查",
    );
    expect(issues[0].message.en).toMatch(/^all the project's 3 proposed sites lie outside 南阳市 /);
  });

  it("some of them: those are in no check; the sites within, and a project within, say nothing", () => {
    const some = projectOutsideCity(
      { facilities: [{ ...XIXIA, id: "F1", proposed: false }], proposed: [XIXIA, YICHUN[0]] },
      nanyang,
      "p.hfp.json",
    );
    expect(some.map((i) => [i.field, i.value])).toEqual([["proposed", "P1"]]);
    expect(some[0].message.zh).toMatch(
      /^项目中 1 个规划新增站点在南阳市范围以外（「规划急救站 P1」.*）：不计入核查，请核对坐标$/,
    );
    expect(some[0].message.en).toMatch(/^1 proposed site of the project lies outside 南阳市/);
    expect(projectOutsideCity({ facilities: [XIXIA], proposed: [XIXIA] }, nanyang, "p.hfp.json")).toEqual([]);
    // facilities too, apart from the sites
    const list = projectOutsideCity(
      { facilities: YICHUN.map((f) => ({ ...f, proposed: false })), proposed: [] },
      nanyang,
      "p",
    );
    expect(list.map((i) => i.field)).toEqual(["facilities"]);
    expect(list[0].message.zh).toContain("项目的 3 个设施全部在南阳市范围以外");
  });
});
