import { describe, expect, it } from "vitest";
import type { CityData } from "../../src/app/data";
import { countyTableCsv, placedViolations } from "../../src/app/export-actions";
import { makeI18n } from "../../src/app/i18n";
import { analyze, violationFlatProps, violationsCsv } from "../../src/core";
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
});
