import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import type { Facility } from "../../../src/core/model";
import { reviewDocx } from "../../../src/core/report/docx";
import { reviewHtml } from "../../../src/core/report/html";
import { buildReview } from "../../../src/core/report/review";
import { analyze, RuleSetSchema } from "../../../src/core/rules";
import { docxParagraphs } from "../../docx-text";
import { nanyangInputs, nanyangReviewBase } from "./nanyang";

/**
 * 南阳's division list has two county-level units with no boundary of their own (南阳高新技术产业开发区 411371 and
 * 南阳市城乡一体化示范区 411372): their townships, streets and villages are in no county's checks. The plans bind every
 * 乡镇 and 行政村 (003:143), so they are named, not passed over (the reviewer's audit, s50 M-4: 新店乡 and three
 * 村委会 were judged by nothing and said by nothing).
 */
const inputs = nanyangInputs();
const report = analyze(inputs);
const base = { ...nanyangReviewBase({ ...inputs, report }), sources: [], invented: true };

describe("division units with no boundary are named as not judged", () => {
  it("the analysis lists them with their townships, streets and villages, counted from the division list", () => {
    const boundary = new Set(inputs.counties.features.map((f) => f.properties.code));
    const expected = (inputs.divisions?.counties ?? [])
      .filter((c) => !boundary.has(c.code))
      .map((c) => ({
        code: c.code,
        name: c.name,
        townships: c.townships.filter((t) => t.kind !== "街道").length,
        streets: c.townships.filter((t) => t.kind === "街道").length,
        villages: c.townships.flatMap((t) => t.villages).filter((v) => v.kind === "village").length,
      }));
    expect(expected.map((u) => u.code)).toEqual(["411371", "411372"]);
    expect(report.scope.unplaced).toEqual(expected);
    // 新店乡 is 411372's township; 411371 holds three 村委会
    expect(report.scope.unplaced?.find((u) => u.code === "411372")?.townships).toBe(1);
    expect(report.scope.unplaced?.find((u) => u.code === "411371")?.villages).toBe(3);
    // without a division list nothing is said (nothing is known to be left out)
    expect(analyze({ ...inputs, divisions: undefined }).scope.unplaced).toBeUndefined();
  });

  it("a unit that is no functional zone (a district renamed since the boundaries: 任泽区, drawn as 任县) is not one", () => {
    // 统计用区划代码: county digits 71–79 are the 开发区 and 示范区; 任泽区 130505 is 邢台's renamed 任县 (the re-trial, s50b M2)
    const renamed = {
      code: "411390",
      name: "某新区",
      townships: [{ code: "411390100", name: "某镇", kind: "镇" as const, villages: [] }],
    };
    const divisions = { counties: [...(inputs.divisions?.counties ?? []), renamed] };
    expect(analyze({ ...inputs, divisions }).scope.unplaced?.map((u) => u.code)).toEqual(["411371", "411372"]);
  });

  it("a plan that binds named counties only (002: 南宫市) names none: they are outside its scope", () => {
    const root = resolve(import.meta.dirname, "../../..");
    const json = (f: string) => JSON.parse(readFileSync(join(root, f), "utf8"));
    const counties = json("geodata/counties-nangong.geojson");
    const facilities = json("geodata/scenario-nangong.geojson").features.map(
      (f: { properties: Facility; geometry: { coordinates: [number, number] } }) => ({
        ...f.properties,
        lon: f.geometry.coordinates[0],
        lat: f.geometry.coordinates[1],
      }),
    );
    const r = analyze({
      counties,
      facilities,
      ruleSet: RuleSetSchema.parse(json("seeds/ruleset-nangong.json")),
      divisions: json("geodata/divisions-nangong.json"),
    });
    expect(r.scope.unplaced).toBeUndefined();
  });

  it("the city report says so in its first section (Word and print), a county report does not", async () => {
    const text = (await docxParagraphs(await reviewDocx(buildReview(base)))).join("\n");
    expect(text).toContain(
      "【未核查单位】未核查：区划名录中的南阳高新技术产业开发区（411371：1 个乡镇、2 个街道、3 个行政村）、南阳市城乡一体化示范区（411372：1 个乡镇、3 个街道）没有县级边界",
    );
    expect(reviewHtml(buildReview(base))).toContain("【未核查单位】未核查：区划名录中的南阳高新技术产业开发区");
    const county = (await docxParagraphs(await reviewDocx(buildReview({ ...base, county: "411323" })))).join("\n");
    expect(county).not.toContain("未核查单位");
  });
});
