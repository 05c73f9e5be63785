import { describe, expect, it } from "vitest";
import { analyze, buildReview, violationsCsv } from "../../../src/core";
import { nanyang, nanyangPlaced, nanyangReviewBase } from "./nanyang";

/**
 * A grade rule's rows carry their figures in fields (the GIS trial, s42-a #8: COUNTY-PH-GRADE3's 8 rows had the grade
 * only inside the message text): the hospital's grade and the grade asked for, in every export and the report.
 */
describe("COUNTY-PH-GRADE3 rows carry the grade and the grade asked for", () => {
  it("in the violation, the placed export, the CSV and the review report's 实测 / 限值", () => {
    const c = nanyang();
    const rows = c.report.violations.filter((v) => v.rule === "COUNTY-PH-GRADE3");
    expect(rows).toHaveLength(8);
    for (const v of rows) {
      expect(v.grade).toMatch(/^2[ABC]?$/);
      expect(v.gradeNeeded).toBe("3");
    }
    const placed = nanyangPlaced(c).filter((f) => f.properties.rule === "COUNTY-PH-GRADE3");
    expect(placed.map((f) => [f.properties.grade, f.properties.gradeNeeded])).toEqual(rows.map((v) => [v.grade, "3"]));
    const csv = violationsCsv(placed, "zh").split("\n");
    const header = csv[0].split(",");
    const at = header.indexOf("应达等级");
    expect(at).toBeGreaterThan(0);
    // in words in the Chinese file, as codes in the English one (re-trial s48 #6: 「2A」 read as an untranslated code)
    expect(csv[1].split(",")[at]).toBe("三级");
    expect(csv.slice(1, 1 + rows.length).map((l) => l.split(",")[at - 1])).toEqual(
      rows.map((v) => ({ "2": "二级", "2A": "二级甲等", "2B": "二级乙等", "2C": "二级丙等" })[v.grade!]),
    );
    const en = violationsCsv(placed, "en").split("\n");
    const enAt = en[0].split(",").indexOf("grade_needed");
    expect(en.slice(1, 1 + rows.length).map((l) => l.split(",").slice(enAt - 1, enAt + 1))).toEqual(
      rows.map((v) => [v.grade, "3"]),
    );
    const review = JSON.stringify(buildReview({ ...nanyangReviewBase(c), sources: [], invented: true, maps: {} }));
    expect(review).toMatch(/二级甲等 \/ ≥ 三级/);
    // the county's 逐项检查 row: the grade measured and the grade asked for, in words (re-trial s48 #6: 「未达」, 「≥ 3 级」)
    const doc = buildReview({ ...nanyangReviewBase(c), sources: [], invented: true, maps: {} });
    const v = rows[0];
    const row = doc.counties.find((k) => k.code === v.county)?.checks.find((k) => k.rule === "COUNTY-PH-GRADE3");
    const words = { "2": "二级", "2A": "二级甲等", "2B": "二级乙等", "2C": "二级丙等" }[v.grade!];
    expect([row?.measured, row?.limit]).toEqual([`${words}，未达`, "≥ 三级"]);
  });
});

describe("COUNTY-3-HOSPITALS rows of a hospital below the grade carry it too (the re-trial, s49b #1)", () => {
  it("in the violation, the placed row and the Chinese CSV's 等级 / 应达等级", () => {
    const base = nanyang();
    // 西峡县's TCM hospital at 一级甲等, below the plan's 二级甲等
    const tcm = base.facilities.find(
      (f) => f.county === "411323" && f.type === "hospital" && f.hospitalKind === "tcm",
    )!;
    expect(tcm).toBeDefined();
    const facilities = base.facilities.map((f) => (f.id === tcm.id ? { ...f, grade: "1A" } : f));
    const report = analyze({ ...base, facilities });
    const v = report.violations.find((x) => x.rule === "COUNTY-3-HOSPITALS" && x.facilityId === tcm.id);
    expect([v?.grade, v?.gradeNeeded]).toEqual(["1A", "2A"]);
    const placed = nanyangPlaced({ ...base, facilities, report }).filter(
      (f) => f.properties.rule === "COUNTY-3-HOSPITALS" && f.properties.facilityId === tcm.id,
    );
    const csv = violationsCsv(placed, "zh").split("\n");
    const header = csv[0].split(",");
    const row = csv[1].split(",");
    expect([row[header.indexOf("等级")], row[header.indexOf("应达等级")]]).toEqual(["一级甲等", "二级甲等"]);
  });
});
