import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cli } from "./run";

/**
 * `analyze --city` for a city without a local plan goes the regional way (the file read once, split by city): its
 * rows' township and village names are matched in the city's list, and a row far from the county it names is refused,
 * as in the app and `report` (the re-trial: 洛阳's names all set aside, a 嵩县 row lying in 郑州 counted in 嵩县).
 */
const work = mkdtempSync(join(tmpdir(), "region-names-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("analyze --city 洛阳市 with names and a far row", () => {
  it("matches 田湖镇 and 樊店村 in 嵩县, refuses the row in 郑州, and says so", async () => {
    const csv = join(work, "luoyang.csv");
    writeFileSync(
      csv,
      [
        "名称,类型,经度,纬度,所属县区,乡镇,行政村",
        "嵩县田湖镇中心卫生院,中心卫生院,112.21,34.22,嵩县,田湖镇,",
        "樊店村卫生室,村卫生室,112.22,34.21,嵩县,田湖镇,樊店村",
        "嵩县测试卫生院,乡镇卫生院,113.664521,34.748119,嵩县,,",
      ].join("\n"),
    );
    const out = join(work, "out");
    const r = await cli("analyze", "--city", "洛阳市", "--facilities", csv, "--out", out);
    expect(r.code).toBe(3);
    expect(r.out).toContain("2 facilities analysed, 1 row rejected");
    const text = `${r.out}${r.err}`;
    expect(text).toContain("乡镇、行政村按名称与各市区划名录对应：2 行的乡镇、1 行的行政村");
    expect(text).not.toContain("不是 9 位统计代码");
    expect(text).toMatch(/第 4 行 row 4.*嵩县测试卫生院.*距所填县区/);
    const songxian = readFileSync(join(out, "report.ndjson"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l))
      .find((c) => c.code === "410325");
    const check = (rule: string) => songxian.checks.find((c: { rule: string }) => c.rule === rule);
    expect(check("THC-PER-TOWNSHIP").count).toBe(1);
    expect(check("VC-PER-VILLAGE").count).toBe(1);

    // suggest reads the names as analyze does (the GIS trial: 72 warnings 「不是 9 位统计代码」 in suggest alone)
    const s = await cli(
      "suggest",
      "--city",
      "洛阳市",
      "--facilities",
      csv,
      "--county",
      "410325",
      "--type",
      "ems-station",
      "--radius-km",
      "20",
      "--add",
      "1",
      "--out",
      join(work, "suggest"),
    );
    const said = `${s.out}${s.err}`;
    expect(said).toContain("乡镇、行政村按名称与本市区划名录对应：2 行的乡镇、1 行的行政村");
    expect(said).not.toContain("不是 9 位统计代码");
    expect(said).not.toContain("不是 12 位统计代码");
  });

  it("a village clinic with no township or village cell counts for the village its name says (「樊店村卫生室」)", async () => {
    const csv = join(work, "luoyang-names.csv");
    writeFileSync(csv, ["名称,类型,经度,纬度,所属县区", "樊店村卫生室,村卫生室,112.22,34.21,嵩县"].join("\n"));
    const out = join(work, "out-names");
    const r = await cli("analyze", "--city", "洛阳市", "--facilities", csv, "--out", out);
    const text = `${r.out}${r.err}`;
    expect(text).toMatch(/名称“樊店村卫生室”按名称对应为樊店村.*所属行政村为空，按名称计入；请核对/);
    expect(text).toContain("乡镇、行政村按名称与各市区划名录对应：0 行的乡镇、1 行的行政村");
    const songxian = readFileSync(join(out, "report.ndjson"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l))
      .find((c) => c.code === "410325");
    expect(songxian.checks.find((c: { rule: string }) => c.rule === "VC-PER-VILLAGE").count).toBe(1);
  });
});

/** A 会泽县 list's head and first rows (WGS84), for the 曲靖 and 云南 runs below. */
const HUIZE = [
  "名称,类型,经度,纬度,乡镇",
  "者海镇卫生院,乡镇卫生院,103.62,26.38,者海镇",
  "会泽县急救站甲,急救站,103.30,26.42,",
  "会泽县急救站乙,急救站,103.45,26.30,",
];

/** The JSON lines of one of a run's line files. */
const lines = (out: string, file: string) =>
  readFileSync(join(out, file), "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));

describe("analyze --city 曲靖市 with rows outside it (the user trial, s52 M2)", () => {
  it("a row lying in 昆明市东川区 whose 乡镇 is 会泽县's 上村乡 is the run's, 上村乡 for review naming it; a row with no unit of the run is named as outside, with where it lies", async () => {
    const csv = join(work, "huize.csv");
    writeFileSync(
      csv,
      [
        ...HUIZE,
        "会泽县急救站丙,急救站,103.40,26.55,",
        "上村乡卫生院,乡镇卫生院,102.95,26.20,上村乡",
        "昆明某急救站,急救站,102.71,25.04,",
      ].join("\n"),
    );
    const out = join(work, "out-qj");
    const r = await cli("analyze", "--city", "曲靖市", "--facilities", csv, "--out", out);
    const text = `${r.out}${r.err}`;
    expect(text).toContain("5 facilities analysed, 0 rows rejected");
    expect(text).toContain("1 outside this run");
    expect(text).toMatch(
      /第 6 行 row 6.*乡镇“上村乡”按名称在本市名录中只对应会泽县上村乡（530326211）；本行坐标在会泽县之外 \d+\.\d km/,
    );
    expect(text).toMatch(/第 7 行 row 7.*“昆明某急救站”位于本次范围之外（在昆明市境内），未分析/);
    const rows = lines(out, "violations.geojsonl").map((f) => f.properties);
    const shangcun = rows.filter((p) => p.rule === "THC-PER-TOWNSHIP" && p.unitCode === "530326211");
    expect(shangcun.map((p) => [p.severity, p.listRow])).toEqual([["review", 6]]);
    expect(shangcun[0].messageZh).toMatch(
      /^上村乡：清单第 6 行“上村乡卫生院”所填乡镇即此处，但坐标在会泽县之外 \d+\.\d km，未计入；待核/,
    );
    // and the cleaned list keeps it
    const names = lines(out, "facilities.geojsonl").map((f) => f.properties.name);
    expect(names).toContain("上村乡卫生院");
    expect(names).not.toContain("昆明某急救站");
  });
});

describe("analyze --province 云南省 with a one-county list (the user trial, s52 M4)", () => {
  it("flags every county line and violation with whether the list has facilities there, and counts them", async () => {
    const csv = join(work, "huize-only.csv");
    // and 上村乡卫生院, lying in 昆明市东川区: read in 会泽县's 上村乡, not where it lies (the re-trial, s52b M2)
    writeFileSync(csv, [...HUIZE, "上村乡卫生院,乡镇卫生院,102.95,26.20,上村乡"].join("\n"));
    const out = join(work, "out-yn");
    const r = await cli("analyze", "--province", "云南省", "--facilities", csv, "--out", out);
    const counties = lines(out, "report.ndjson");
    expect(counties.length).toBeGreaterThan(100);
    expect(counties.filter((c) => c.countyInList === true).map((c) => c.code)).toEqual(["530326"]);
    expect(counties.every((c) => c.countyInList !== undefined)).toBe(true);
    const violations = lines(out, "violations.geojsonl").map((f) => f.properties);
    const county = violations.filter((p) => p.county?.length === 6 && p.scope !== "city");
    expect(county.filter((p) => p.countyInList === undefined)).toEqual([]);
    expect(new Set(county.filter((p) => p.countyInList).map((p) => p.county))).toEqual(new Set(["530326"]));
    const shangcun = violations.filter((p) => p.rule === "THC-PER-TOWNSHIP" && p.unitCode === "530326211");
    expect(shangcun.map((p) => [p.severity, p.listRow])).toEqual([["review", 5]]);
    expect(`${r.out}${r.err}`).not.toContain("不在东川区的区划名录中");
    const gaps = lines(out, "gaps.geojsonl").map((f) => f.properties);
    expect(gaps.length).toBeGreaterThan(0);
    expect(gaps.filter((p) => p.countyInList === undefined)).toEqual([]);
    const summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8"));
    expect(summary.totals.countiesInList).toBe(1);
    expect(`${r.out}${r.err}`).toContain(`清单含其设施的县区 1 个（共 ${counties.length} 个）`);
  });
});
