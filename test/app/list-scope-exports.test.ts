import JSZip from "jszip";
import { parseDbf } from "shpjs";
import { describe, expect, it } from "vitest";
import type { CityData } from "../../src/app/data";
import { countyTableCsv, placedViolations, shapefileReadme } from "../../src/app/export-actions";
import { makeI18n } from "../../src/app/i18n";
import {
  analyze,
  exportShapefileZip,
  gapFeaturesForExport,
  gapShapefileLayer,
  violationFlatProps,
  violationsCsv,
} from "../../src/core";
import type { Decorated } from "../../src/worker/api";
import { nanyangInputs } from "../core/report/nanyang";

/**
 * The app's exports of an imported list of one county (镇平县 411324) of 南阳's 13 (the reviewer trial, s43: 4,295 of
 * 4,709 exported violations were the 12 counties the list never covered, unmarked).
 */
const ZHENPING = "411324";
const inputs = nanyangInputs();
const facilities = inputs.facilities.filter((f) => f.county === ZHENPING);
const report = analyze({ ...inputs, facilities, facilitiesLoaded: true, listImported: true });
const ctx = {
  analysis: { report } as unknown as Decorated,
  data: { counties: inputs.counties, divisions: inputs.divisions } as unknown as CityData,
  facilities,
  ruleSet: inputs.ruleSet,
};

describe("exports of a list of one county", () => {
  it("each violation says whether the list had any facility in its county (GeoJSON, Shapefile, CSV)", () => {
    const placed = placedViolations(ctx);
    const outside = placed.filter((p) => p.properties.county !== ZHENPING);
    expect(outside.length).toBeGreaterThan(4000);
    for (const p of outside) expect(p.properties.countyInList).toBe(false);
    for (const p of placed.filter((p) => p.properties.county === ZHENPING))
      expect(p.properties.countyInList).toBe(true);
    expect(violationFlatProps(outside[0].properties).countyInList).toBe(false);
    const [head, ...rows] = violationsCsv(placed, "zh").slice(1).split("\r\n");
    expect(head.split(",")).toContain("清单含本县区");
    expect(rows.filter((r) => r.includes("否（清单未含）"))).toHaveLength(outside.length);
  });

  it("the county table CSV marks the twelve counties 清单未含 / not in the list", () => {
    const [head, ...rows] = countyTableCsv(report, makeI18n("zh")).slice(1).split("\r\n");
    expect(head.split(",").slice(0, 3)).toEqual(["代码", "县区", "清单含本县区"]);
    expect(rows.filter((r) => r.split(",")[2] === "否（清单未含）")).toHaveLength(12);
    expect(rows.find((r) => r.startsWith(ZHENPING))?.split(",")[2]).toBe("是");
    const en = countyTableCsv(report, makeI18n("en")).slice(1).split("\r\n");
    expect(en[0].split(",").slice(0, 4)).toEqual(["code", "county", "county_en", "county_in_list"]);
  });

  it("each gap says whether the list had any facility in its county, and the zip's README names the list's counties", async () => {
    // the GIS trial (s45-b #1): the other counties came out as whole-county gaps with no mark on the feature
    const gaps = gapFeaturesForExport({ report, counties: inputs.counties.features, ruleSet: inputs.ruleSet });
    const outside = gaps.filter((g) => g.properties.county !== ZHENPING);
    expect(outside.length).toBeGreaterThan(0);
    for (const g of outside) expect(g.properties.countyInList).toBe(false);
    for (const g of gaps.filter((g) => g.properties.county === ZHENPING)) expect(g.properties.countyInList).toBe(true);
    const names = Object.fromEntries(inputs.counties.features.map((c) => [c.properties.code, c.properties.name]));
    const meta = { listScope: report.listScope, generatedAt: "2026-12-06T00:00:00Z" };
    const { zip, fields } = await exportShapefileZip([gapShapefileLayer(gaps)], {
      readme: shapefileReadme(inputs.ruleSet, meta, true, names),
    });
    expect(fields.find((f) => f.property === "countyInList")).toMatchObject({ name: "IN_LIST", type: "L" });
    const z = await JSZip.loadAsync(zip);
    const dbf = await z.file("gaps.dbf")?.async("uint8array");
    const rows = parseDbf(dbf as Uint8Array, "UTF-8");
    expect(rows.map((r) => r.IN_LIST)).toEqual(gaps.map((g) => g.properties.county === ZHENPING));
    const readme = (await z.file("README.txt")?.async("string")) ?? "";
    expect(readme).toContain(`设施清单只含 1 个县区（镇平县${ZHENPING}）`);
    expect(readme).toContain("其余 12 个县区");
    expect(readme).toContain("并非实测缺口");
    expect(readme).toContain("not measured gaps");
    for (const code of report.listScope?.missing ?? []) expect(readme).toContain(`${names[code]}${code}`);
    expect((await z.file("fields.csv")?.async("string")) ?? "").toContain("gaps,IN_LIST,countyInList,L");
    // the facilities zip and a list that covers every county say nothing of it
    expect(shapefileReadme(inputs.ruleSet, meta, false, names)).not.toContain("IN_LIST");
    expect(shapefileReadme(inputs.ruleSet, { generatedAt: "x" }, true, names)).not.toContain("IN_LIST");
  });
});
