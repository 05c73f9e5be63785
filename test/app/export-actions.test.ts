import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { CityData } from "../../src/app/data";
import {
  countyNamesEn,
  countyTableCsv,
  layerNote,
  printSubtitle,
  reviewReportFileName,
} from "../../src/app/export-actions";
import { makeI18n } from "../../src/app/i18n";
import { coverageNotChecked, RuleSetSchema } from "../../src/core";
import { dbfFieldName } from "../../src/core/io/shapefile";
import type { AnalysisReport } from "../../src/core/rules";

const report = {
  counties: [
    {
      code: "411323",
      name: "西峡县",
      areaKm2: 3454.04,
      population: 440000,
      checks: [
        { rule: "EMS-RURAL", status: "fail", coveredShare: 0.927, message: { zh: "覆盖 92.7%", en: "92.7% covered" } },
        { rule: "SUB-COUNT", status: "needs-data", message: { zh: "需要人口", en: "needs population" } },
        {
          rule: "EMS-URBAN",
          status: "fail",
          coveredShare: 0.99996,
          uncoveredAreaKm2: 0.001,
          message: { zh: "城区", en: "urban" },
        },
      ],
    },
  ],
  violations: [
    {
      rule: "SUB-15KM",
      severity: "error",
      county: "411323",
      facilityId: "F1",
      facilityName: "丁河镇中心卫生院",
      distanceKm: 8.04,
      limitKm: 15,
      lon: 111.5,
      lat: 33.4,
      message: { zh: "距县域医疗中心 8.0 km，不足 15 km", en: 'at 8.0 km, "less" than 15 km' },
    },
    {
      rule: "VC-PER-VILLAGE",
      severity: "error",
      county: "411323",
      unitCode: "411323100201",
      unitName: "某村",
      message: { zh: "无村卫生室", en: "no clinic" },
    },
  ],
} as unknown as AnalysisReport;

describe("county table CSV", () => {
  it("has a BOM, CRLF lines, and a status plus a detail column per rule, in the chosen language", () => {
    const zh = countyTableCsv(report, makeI18n("zh"));
    expect(zh.startsWith("\uFEFF")).toBe(true);
    const lines = zh.slice(1).split("\r\n");
    expect(lines[0]).toBe(
      "代码,县区,面积km2,人口,EMS-RURAL,EMS-RURAL 说明,SUB-COUNT,SUB-COUNT 说明,EMS-URBAN,EMS-URBAN 说明",
    );
    // a failing share of 99.996 % reads 99.9 %, never 100.0 %
    expect(lines[1]).toBe("411323,西峡县,3454.0,440000,不达标 92.7%,覆盖 92.7%,缺数据,需要人口,不达标 99.9%,城区");
    const en = countyTableCsv(report, makeI18n("en")).slice(1).split("\r\n");
    expect(en[1]).toBe(
      // (county_en is empty: no English names given)
      "411323,西峡县,,3454.0,440000,fail 92.7%,92.7% covered,needs data,needs population,fail 99.9%,urban",
    );
  });
});

describe("county table CSV of a plan", () => {
  it("says on every row that the results count proposed sites (the user trial, s52 M3), in either language", () => {
    const scenario = { zh: "规划方案（含规划新增站点 1 处）", en: "plan (with 1 proposed site)" };
    const [head, row] = countyTableCsv(report, makeI18n("zh"), {}, scenario).slice(1).split("\r\n");
    expect(head.split(",").slice(0, 3)).toEqual(["代码", "方案", "县区"]);
    expect(row.split(",").slice(0, 3)).toEqual(["411323", "规划方案（含规划新增站点 1 处）", "西峡县"]);
    const en = countyTableCsv(report, makeI18n("en"), {}, scenario).slice(1).split("\r\n");
    expect(en[0].split(",")[1]).toBe("scenario");
    expect(en[1].split(",")[1]).toBe("plan (with 1 proposed site)");
  });
});

describe("county table CSV in English", () => {
  it("writes the English name beside the Chinese one (county_en), which stays for joins; none in Chinese", () => {
    const names = { "411323": "Xixia County" };
    const [head, row] = countyTableCsv(report, makeI18n("en"), names).slice(1).split("\r\n");
    expect(head.split(",").slice(0, 4)).toEqual(["code", "county", "county_en", "area_km2"]);
    expect(row.split(",").slice(0, 3)).toEqual(["411323", "西峡县", "Xixia County"]);
    const zh = countyTableCsv(report, makeI18n("zh"), names).slice(1).split("\r\n");
    expect(zh[0]).not.toContain("county_en");
    expect(zh[1]).not.toContain("Xixia");
  });
});

describe("the review report's file name in the interface's language", () => {
  const county = (code: string, name: string, kind: "county" | "district" | "city") =>
    ({ properties: { code, name, kind } }) as CityData["counties"]["features"][number];

  it("Chinese as before; English from the shipped English county names, the code alone without one", async () => {
    // the shipped table (geodata/china/county-names-en.json), as the English interface names the counties
    const en = await countyNamesEn([
      county("411324", "镇平县", "county"),
      county("411303", "卧龙区", "district"),
      county("210212", "旅顺口区", "district"),
      county("990001", "甲县", "county"),
    ]);
    expect(en).toEqual({
      "411324": "Zhenping County",
      "411303": "Wolong District",
      "210212": "Lüshunkou District",
    });
    const zhenping = { code: "411324", name: "镇平县", nameEn: en["411324"] };
    const NANYANG = { id: "nanyang", name: "南阳市", nameEn: "Nanyang" };
    expect(reviewReportFileName("zh", NANYANG, "2026-12-02", zhenping)).toBe("审查报告-镇平县-411324-2026-12-02");
    expect(reviewReportFileName("zh", NANYANG, "2026-12-02")).toBe("审查报告-南阳市-2026-12-02");
    expect(reviewReportFileName("en", NANYANG, "2026-12-02", zhenping)).toBe(
      "review-report-Zhenping-County-411324-2026-12-02",
    );
    expect(reviewReportFileName("en", NANYANG, "2026-12-02")).toBe("review-report-Nanyang-2026-12-02");
    // a name with a diacritic as plain letters; a county the table does not know by its code alone
    expect(
      reviewReportFileName("en", { id: "dalian", name: "大连市", nameEn: "Dalian" }, "2026-12-02", {
        code: "210212",
        name: "旅顺口区",
        nameEn: en["210212"],
      }),
    ).toBe("review-report-Lushunkou-District-210212-2026-12-02");
    expect(reviewReportFileName("en", NANYANG, "2026-12-02", { code: "990001", name: "甲县" })).toBe(
      "review-report-990001-2026-12-02",
    );
    // nothing but ASCII letters, digits and hyphens in an English name
    for (const name of [reviewReportFileName("en", NANYANG, "2026-12-02", zhenping)])
      expect(name).toMatch(/^[A-Za-z0-9-]+$/);
  });
});

describe("the print map's subtitle (the GIS trial, s42-a #2)", () => {
  const at = (name: string) =>
    RuleSetSchema.parse(
      JSON.parse(readFileSync(join(import.meta.dirname, `../../seeds/ruleset-${name}.json`), "utf8")),
    );
  const shown = {
    params: { urbanRadiusKm: 5, ruralRadiusKm: 20 } as AnalysisReport["params"],
    urbanDefinitionUsed: { zh: "城区为建成区", en: "urban = built-up" },
  };
  it("states the radii where the rule set checks them, and that it sets none where it does not", () => {
    expect(printSubtitle(at("nanyang"), shown, makeI18n("zh"))[1]).toBe(
      "急救服务半径：城区 5 km、农村 20 km；城区为建成区",
    );
    expect(printSubtitle(at("pingdingshan"), shown, makeI18n("zh"))[1]).toBe(
      "本规则集未设急救服务半径（不核查半径覆盖）；城区为建成区",
    );
    expect(printSubtitle(at("pingdingshan"), shown, makeI18n("en"))[1]).toBe(
      "This rule set sets no EMS service radius (radius cover not checked); urban = built-up",
    );
  });
});

describe("a rule set that measures no coverage (平顶山's 001)", () => {
  const load = (name: string) =>
    RuleSetSchema.parse(
      JSON.parse(readFileSync(join(import.meta.dirname, `../../seeds/ruleset-${name}.json`), "utf8")),
    );
  it("its gaps and service-radius layers say nothing was measured, not that nothing is uncovered (the GIS trial, s51b M2)", () => {
    const note = coverageNotChecked(load("pingdingshan"));
    expect(note?.zh).toBe(
      "本规则集（001）未设急救服务半径或急救行车时间，未作覆盖核查：没有缺口、没有服务半径不表示已覆盖",
    );
    expect(layerNote("gaps", [], undefined, note)).toContain("未作覆盖核查");
    expect(layerNote("gaps", [], undefined, note)).not.toContain("本范围内没有覆盖缺口");
    expect(layerNote("coverage", [], undefined, note)).toContain("coverage was not checked");
    // the violations layer keeps its own word
    expect(layerNote("violations", [], undefined, note)).toContain("本范围内没有违规或待核项");
    // a rule set with an EMS radius measures coverage: no such word
    expect(coverageNotChecked(load("nanyang"))).toBeUndefined();
    expect(coverageNotChecked(load("nangong"))).toBeDefined();
  });
});

describe("an empty results layer's README", () => {
  it("says there is nothing in the scope, for gaps and violations only (the re-trial, s45)", () => {
    const placed = { geometry: { type: "Point" } };
    expect(layerNote("gaps", [])).toContain("本范围内没有覆盖缺口");
    expect(layerNote("violations", [])).toContain("本范围内没有违规或待核项");
    expect(layerNote("gaps", [placed, placed, placed])).toBe("");
    expect(layerNote("facilities", [])).toBe("");
    expect(layerNote("facilities", [placed])).toBe("");
    // the rows refused for their position, kept with no geometry, are said (with their fields' names)
    expect(layerNote("facilities", [placed, { geometry: null }])).toContain("另有 1 行导入时因坐标被拒收");
    expect(layerNote("facilities", [{ geometry: null }, { geometry: null }])).toContain(
      "2 rows refused at import for their position are kept as features with no geometry",
    );
  });

  it("a county's cut says which of its rows lie in another county, kept so that none is lost (the user trial, s48 #4)", () => {
    const here = { geometry: { type: "Point" }, properties: { county: "411330" } };
    const away = {
      geometry: { type: "Point" },
      properties: { county: "411328", statedElsewhere: { county: "411330", township: "411330106" } },
    };
    expect(layerNote("facilities", [here, away], "411330")).toContain(
      "另有 1 行所填乡镇、行政村属本县区，但坐标在其他县区（COUNTY 为所在县区，STATED_ELS 为所填单位）",
    );
    expect(layerNote("facilities", [here, away, away], "411330")).toContain(
      "2 rows naming this county's township or village but lying in another county",
    );
    // the whole city's export, or a county no row names from elsewhere: nothing to say
    expect(layerNote("facilities", [here, away])).toBe("");
    expect(layerNote("facilities", [here], "411330")).toBe("");
    // with a refused row too: both said
    const both = layerNote("facilities", [here, away, { geometry: null }], "411330");
    expect(both).toContain("另有 1 行导入时因坐标被拒收");
    expect(both).toContain("另有 1 行所填乡镇、行政村属本县区");
    // the field names the note gives are the Shapefile's
    expect(dbfFieldName("statedElsewhere", new Set())).toBe("STATED_ELS");
    expect(dbfFieldName("county", new Set())).toBe("COUNTY");
  });
});
