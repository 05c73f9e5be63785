import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { FeatureCollection, Polygon } from "geojson";
import { describe, expect, it } from "vitest";
import { type CountyProps, contextCountyIssues, type Facility, listScopeIssue, RuleSetSchema } from "../../../src/core";

/**
 * A list that reaches only some of the loaded counties: the others are judged as having nothing, which reads as their
 * failure (the GIS trial, s40-b #13: a 镇平县 list run for 南阳 gave 4,727 violations in the 12 counties it never
 * covered). Said once, before the list is used.
 */
const ROOT = join(import.meta.dirname, "../../..");
const nanyang = JSON.parse(readFileSync(join(ROOT, "geodata/counties-nanyang.geojson"), "utf8")) as FeatureCollection<
  Polygon,
  CountyProps
>;
const at = (id: string, county: string | undefined, lon: number, lat: number): Facility => ({
  id,
  name: id,
  type: "thc",
  lon,
  lat,
  ...(county ? { county } : {}),
});

describe("listScopeIssue", () => {
  it("a list of one county, of thirteen: the one named, the twelve judged as having none, said", () => {
    const i = listScopeIssue(
      "镇平县.csv",
      [at("a", "411324", 112.23, 33.03), at("b", "411324", 112.3, 33.1)],
      nanyang.features,
    );
    expect(i).toMatchObject({ row: 0, severity: "warning", code: "counties-without-facilities" });
    expect(i?.message.zh).toMatch(/^清单中的设施只在 1 个县区（镇平县）；其余 12 个县区没有任何设施，将按“无设施”核查/);
    // the counties are named in the message; no list of twelve codes after it on screen
    expect(i?.value).toBeUndefined();
    expect(i?.message.en).toContain("lie in 1 of the 13 counties (镇平县)");
  });

  it("a facility without a county code counts where it lies; a city list missing one county names it", () => {
    const all = nanyang.features.map((c, k) =>
      at(`f${k}`, c.properties.code, c.properties.seat[0], c.properties.seat[1]),
    );
    expect(listScopeIssue("全市.csv", all, nanyang.features)).toBeUndefined();
    // 西峡县's facility given by position alone still counts for it
    const byPlace = all.map((f) => (f.county === "411323" ? { ...f, county: undefined } : f));
    expect(listScopeIssue("全市.csv", byPlace, nanyang.features)).toBeUndefined();
    const missing = listScopeIssue(
      "全市.csv",
      all.filter((f) => f.county !== "411323"),
      nanyang.features,
    );
    expect(missing?.message.zh).toBe("1 个县区在清单中没有任何设施（西峡县）：将按“无设施”核查，请核对清单是否完整");
  });

  it("says nothing for one county, or an empty list", () => {
    expect(listScopeIssue("x.csv", [], nanyang.features)).toBeUndefined();
    expect(listScopeIssue("x.csv", [at("a", "411324", 112.23, 33.03)], nanyang.features.slice(0, 1))).toBeUndefined();
  });
});

/**
 * Plan 002 binds 南宫市 (130581) alone; 邢台's other 18 counties are context, never judged (the user trial: a 南宫市
 * list with one row in 威县 was warned that 17 counties would be judged as having none, and the 威县 row was not said).
 */
describe("a list read for a plan that binds some of the counties shown", () => {
  const xingtai = JSON.parse(readFileSync(join(ROOT, "geodata/counties-nangong.geojson"), "utf8")) as FeatureCollection<
    Polygon,
    CountyProps
  >;
  const plan002 = RuleSetSchema.parse(JSON.parse(readFileSync(join(ROOT, "seeds/ruleset-nangong.json"), "utf8")));
  const seat = (code: string) => xingtai.features.find((c) => c.properties.code === code)!.properties.seat;
  const NANGONG = "130581";
  const WEIXIAN = "130533";
  const inNangong = Array.from({ length: 58 }, (_, k) =>
    at(`n${k}`, k % 2 === 0 ? NANGONG : undefined, seat(NANGONG)[0] + (k % 7) * 0.005, seat(NANGONG)[1]),
  );
  const weixian = at("威县人民医院", undefined, seat(WEIXIAN)[0], seat(WEIXIAN)[1]);
  const rows = (n: number) => Array.from({ length: n }, (_, k) => k + 2);
  const mapping = { name: "名称", type: "类型", lon: "经度", lat: "纬度", county: "所属县区" };

  it("no list-scope warning when the one county judged has facilities, whatever the context counties hold", () => {
    const list = [...inNangong, weixian];
    expect(listScopeIssue("南宫市.xlsx", list, xingtai.features, plan002)).toBeUndefined();
    // without the plan (every county judged), the warning the trial saw
    expect(listScopeIssue("南宫市.xlsx", list, xingtai.features)?.message.zh).toMatch(
      /^清单中的设施只在 2 个县区（威县、南宫市）；其余 17 个县区没有任何设施/,
    );
    // the comparison set judges every county: warned as before
    const all = RuleSetSchema.parse(JSON.parse(readFileSync(join(ROOT, "seeds/ruleset-all.json"), "utf8")));
    expect(listScopeIssue("南宫市.xlsx", list, xingtai.features, all)?.code).toBe("counties-without-facilities");
  });

  it("a row in a context county gets a note naming its county and the county judged, by its position or its code", () => {
    const list = [...inNangong, weixian, { ...weixian, id: "w2", county: WEIXIAN }];
    const notes = contextCountyIssues(
      "南宫市.xlsx",
      { facilities: list, rows: rows(60), mapping },
      xingtai.features,
      plan002,
    );
    expect(notes.map((i) => [i.row, i.field, i.severity, i.code])).toEqual([
      [60, "经度/纬度", "note", "context-county"],
      [61, "所属县区", "note", "context-county"],
    ]);
    expect(notes[0].message.zh).toBe("第 60 行在威县，不在本规划约束的县区（南宫市）内：作背景显示，不参与核查");
    expect(notes[0].message.en).toBe(
      "row 60 lies in 威县, not in the counties the plan binds (南宫市): shown as context, not checked",
    );
    // none for a plan that binds every county shown, nor without a rule set
    const plans000and003 = RuleSetSchema.parse(
      JSON.parse(readFileSync(join(ROOT, "seeds/ruleset-nanyang.json"), "utf8")),
    );
    expect(
      contextCountyIssues("x.csv", { facilities: list, rows: rows(60), mapping }, xingtai.features, undefined),
    ).toEqual([]);
    const nanyangList = [at("a", "411324", 112.23, 33.03)];
    expect(
      contextCountyIssues("x.csv", { facilities: nanyangList, rows: [2], mapping }, nanyang.features, plans000and003),
    ).toEqual([]);
    expect(
      contextCountyIssues("x.csv", { facilities: nanyangList, rows: [2], mapping: {} }, nanyang.features, undefined),
    ).toEqual([]);
  });

  it("a whole city's list: one note counting the rows by county; a neighbour's list: a warning that the county judged has none", () => {
    const city = xingtai.features.flatMap((c, k) =>
      Array.from({ length: 3 }, (_, j) =>
        at(`c${k}-${j}`, c.properties.code, c.properties.seat[0], c.properties.seat[1]),
      ),
    );
    const notes = contextCountyIssues(
      "邢台市.geojson",
      { facilities: city, rows: city.map((_, k) => k + 1), mapping: {} },
      xingtai.features,
      plan002,
    );
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ row: 0, severity: "note", code: "context-county" });
    expect(notes[0].message.zh).toMatch(
      /^54 个要素在本规划约束的县区（南宫市）以外的 18 个县区（.+ 3 个要素、.+ 等）：作背景显示，不参与核查（第 1、2、3、/,
    );
    // the count after 等 (the re-check, s56c N5: 「…20 等 个要素」)
    expect(notes[0].message.zh).toMatch(/、\d+ 等 54 个要素）$/);
    expect(notes[0].message.en).toMatch(
      /^54 features lie in 18 counties the plan does not bind \(.+\), outside 南宫市/,
    );
    const neighbour = contextCountyIssues(
      "威县.csv",
      { facilities: [weixian], rows: [2], mapping },
      xingtai.features,
      plan002,
    );
    expect(neighbour.map((i) => [i.row, i.severity, i.code])).toEqual([
      [0, "warning", "no-facility-in-judged-counties"],
      [2, "note", "context-county"],
    ]);
    expect(neighbour[0].message.zh).toBe(
      "清单中没有一个设施在本规划约束的县区（南宫市）内：这些县区将按“无设施”核查，请核对是否选错了文件或城市",
    );
  });
});
