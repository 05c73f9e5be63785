import { describe, expect, it } from "vitest";
import { countyTableCsv, drawnOverlays, mapLegend, statusLegend } from "../../src/app/export-actions";
import { makeI18n } from "../../src/app/i18n";
import type { AnalysisLayerKey } from "../../src/app/map/layers";
import { LAYER_KEYS, type LayerKey } from "../../src/app/map/symbology";
import type { Facility } from "../../src/core";
import type { AnalysisReport, RuleSet } from "../../src/core/rules";

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

describe("print legend", () => {
  const visible = Object.fromEntries(LAYER_KEYS.map((k) => [k, true])) as Record<LayerKey, boolean>;
  const counts = Object.fromEntries(LAYER_KEYS.map((k) => [k, k === "ems-station" ? 3 : 0])) as Record<
    LayerKey,
    number
  >;
  // every overlay switched on, as the app starts
  const on: Record<AnalysisLayerKey, boolean> = {
    urban: true,
    gaps: true,
    isochrones: true,
    rings: true,
    ring15: true,
  };
  const square = {
    type: "Polygon" as const,
    coordinates: [
      [
        [0, 0],
        [1, 0],
        [1, 1],
        [0, 0],
      ],
    ],
  };
  const gap = { type: "Feature" as const, geometry: square, properties: { county: "411323", areaKm2: 1 } };
  const band = { type: "Feature" as const, geometry: square, properties: { fromMinutes: 0, toMinutes: 10 } };
  const analysis = (isochrones: unknown[] | undefined) => ({
    report: { gaps: [gap], urbanAreas: [], isochrones } as unknown as AnalysisReport,
    rings: [{}],
    ring15: [],
  });
  const labels = (a: ReturnType<typeof analysis>) =>
    mapLegend(visible, counts, on, drawnOverlays(a), makeI18n("zh").pick).map((l) => l.label);

  it("lists the EMS isochrones only when bands are drawn (roads loaded)", () => {
    const without = labels(analysis(undefined));
    expect(without.some((l) => l.startsWith("急救等时圈"))).toBe(false);
    expect(labels(analysis([])).some((l) => l.startsWith("急救等时圈"))).toBe(false);
    const withRoads = labels(analysis([band]));
    expect(withRoads.filter((l) => l.startsWith("急救等时圈"))).toHaveLength(1);
  });

  it("lists only overlays with something drawn and categories with facilities", () => {
    // no urban area, no 15 km rings: neither listed though switched on; radius gaps and rings are
    expect(labels(analysis(undefined))).toEqual(["急救站", "急救服务半径覆盖缺口", "急救服务半径（城区/农村）"]);
    // EMS-TIME's gaps alone (they carry limitMinutes) are drawn with the isochrones, not as radius gaps
    const timeGap = { ...gap, properties: { ...gap.properties, limitMinutes: 12 } };
    const a = analysis([band]);
    a.report.gaps = [timeGap] as never;
    expect(drawnOverlays(a).gaps).toBe(false);
  });
});

describe("print legend: the outlines and the county tint", () => {
  const visible = Object.fromEntries(LAYER_KEYS.map((k) => [k, true])) as Record<LayerKey, boolean>;
  const ruleSet = {
    rules: [
      { id: "SUB-15KM", kind: "min-distance", appliesTo: ["sub-centre"] },
      { id: "EMS-RURAL", kind: "radius-coverage", appliesTo: ["ems-station"] },
    ],
  } as unknown as RuleSet;
  const sub = { id: "S1", name: "某镇中心卫生院", type: "sub-centre", county: "411324", lon: 112.4, lat: 33.0 };
  const ems = { id: "E1", name: "某急救站", type: "ems-station", county: "411324", lon: 112.3, lat: 33.1 };
  const county = (status: string) => ({ code: "411324", inScope: true, checks: [{ rule: "EMS-RURAL", status }] });
  const report = (violations: unknown[], status = "pass") =>
    ({ violations, counties: [county(status)] }) as unknown as AnalysisReport;
  const t = makeI18n("zh").t;
  const labels = (r: AnalysisReport, facilities: unknown[], shown = visible) =>
    statusLegend(r, facilities as Facility[], ruleSet, shown, t).map((l) => `${l.shape}:${l.label}`);
  const violation = { rule: "SUB-15KM", facilityId: "S1", severity: "error", county: "411324" };

  it("names the red outline when a drawn facility violates a rule, the blue one when a proposed site is drawn", () => {
    expect(labels(report([violation]), [sub, ems])).toEqual([
      "ring:红框：违反规则",
      "fill:县区底色：急救服务半径核查，红=不达标，绿=达标",
    ]);
    // the violating category switched off: its outline is not drawn, not listed
    expect(labels(report([violation]), [sub, ems], { ...visible, "sub-centre": false })).toEqual([
      "fill:县区底色：急救服务半径核查，红=不达标，绿=达标",
    ]);
    // a violation to review (severity review) draws no red outline
    expect(labels(report([{ ...violation, severity: "review" }]), [sub, ems])).toHaveLength(1);
    expect(labels(report([]), [sub, { ...ems, id: "P1", proposed: true }])).toEqual([
      "ring:蓝框：规划新增",
      "fill:县区底色：急救服务半径核查，红=不达标，绿=达标",
    ]);
  });

  it("names the county tint only when a county has a radius verdict", () => {
    expect(labels(report([], "needs-data"), [sub])).toEqual([]);
    expect(labels(report([], "fail"), [sub])).toEqual(["fill:县区底色：急救服务半径核查，红=不达标，绿=达标"]);
  });
});
