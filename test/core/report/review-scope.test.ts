import { readFileSync } from "node:fs";
import type { FeatureCollection, MultiPolygon, Point, Polygon } from "geojson";
import { describe, expect, it } from "vitest";
import type { CountyProps, Facility } from "../../../src/core/model";
import { reviewDocx } from "../../../src/core/report/docx";
import { reviewHtml } from "../../../src/core/report/html";
import { reviewMaps } from "../../../src/core/report/map-image";
import { buildReview } from "../../../src/core/report/review";
import { analyze, type Divisions, RuleSetSchema } from "../../../src/core/rules";
import { docxParagraphs } from "../../docx-text";

/**
 * A city report of a rule set that binds only some of the city's counties: 002 binds 南宫市 (130581) alone and the
 * other 18 units of 邢台市 are context. The user trial's Word file of 邢台市 had 5,246 paragraphs, 18 county sections
 * whose every row read 「不在规划范围」; the report now covers the judged counties and names the context ones once.
 */

const readJson = (file: string) => JSON.parse(readFileSync(file, "utf8"));
const counties = readJson("geodata/counties-nangong.geojson") as FeatureCollection<Polygon | MultiPolygon, CountyProps>;
const divisions = readJson("geodata/divisions-nangong.json") as Divisions;
const facilities: Facility[] = (
  readJson("geodata/scenario-nangong.geojson") as FeatureCollection<Point, Facility>
).features.map((f) => ({ ...f.properties, lon: f.geometry.coordinates[0], lat: f.geometry.coordinates[1] }));
const ruleSet = RuleSetSchema.parse(readJson("seeds/ruleset-nangong.json"));
const report = analyze({ counties, facilities, ruleSet, divisions });
// the reference: the boundaries themselves, not the report's scope
const others = counties.features.filter((f) => f.properties.code !== "130581").map((f) => f.properties.name);
const base = {
  report,
  ruleSet,
  counties: counties.features,
  facilities,
  divisions,
  cityName: "邢台市",
  cityNameEn: "Xingtai",
  sources: [],
  invented: true,
};

describe("the review report of a city whose plan binds one county (南宫市 in 邢台市, plan 002)", () => {
  it("the city report has 南宫市's section and summary row alone, and names the context counties once", async () => {
    expect(others.length).toBe(18);
    const doc = buildReview(base);
    expect(doc.counties.map((c) => c.code)).toEqual(["130581"]);
    expect(doc.summary.rows.map((r) => r.name)).toEqual(["南宫市"]);
    expect(doc.scope).toBe("邢台市（规划范围：南宫市）");
    for (const name of others) expect(doc.context?.split(name).length, name).toBe(2);
    const paras = await docxParagraphs(await reviewDocx(doc));
    // each context county is named in one paragraph, the 【规划范围】 line, and never as a section
    for (const name of others)
      expect(
        paras.filter((p) => p.includes(name)),
        name,
      ).toHaveLength(1);
    expect(paras.filter((p) => p.startsWith("【规划范围】"))).toHaveLength(1);
    expect(paras.filter((p) => /^\S+（\d{6}，(市辖区|县|县级市)）$/.test(p))).toEqual(["南宫市（130581，县级市）"]);
    // no county's check table is a column of 「不在规划范围」
    expect(paras.filter((p) => p === "不在规划范围")).toEqual([]);
    const html = reviewHtml(doc);
    expect(html).toContain("【规划范围】");
    for (const name of others) expect(html.includes(`<h3>${name}（`), name).toBe(false);
  });

  it("draws a map for the judged county only", () => {
    const maps = reviewMaps({ ...base, counties: counties.features, widthPx: 200 });
    expect(Object.keys(maps)).toEqual(["130581"]);
  });

  it("南宫市's own report is unchanged: its title, its section, no context line", () => {
    const doc = buildReview({ ...base, county: "130581" });
    expect(doc.title).toBe("南宫市医疗卫生设施布局审查报告");
    expect(doc.scope).toBe("邢台市南宫市");
    expect(doc.counties.map((c) => c.code)).toEqual(["130581"]);
    expect(doc.context).toBeUndefined();
  });
});
