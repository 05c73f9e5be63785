import { describe, expect, it } from "vitest";
import { buildReview } from "../../../src/core/report/review";
import { analyze } from "../../../src/core/rules";
import { check, counties, direct, fac, ruleSet, SEAT_A } from "./fidelity-helpers";

/**
 * COUNTY-PH-GRADE3 (000:310 「推动县级人民医院全部晋升三级综合医院」) reads as a direction: a people's hospital below the
 * grade is for review. A county whose data has no people's hospital at all (a list of primary care alone: the user
 * trial s47, 方城县) was 「不达标」 with 「实测 未达」 beside the rule's own 「未达为待核」: it is for review too, and the
 * report says there is none rather than a grade not reached.
 */
const A = "990001";
const facilities = [fac("甲镇卫生院", "thc", direct(SEAT_A, 90, 8), A)];

describe("a county people's hospital the data lacks, against a grade the plan pushes toward", () => {
  it("is for review naming the plan's wording, and the report's figure says the data has none", () => {
    const rs = ruleSet("nanyang");
    const fc = counties("nanyang");
    const report = analyze({ counties: fc, facilities, ruleSet: rs });
    const k = check(report, A, "COUNTY-PH-GRADE3");
    expect(k.status).toBe("review");
    expect(k.message.zh).toContain("数据中无县人民医院");
    expect(k.message.zh).toContain("推动");
    const rows = report.violations.filter((v) => v.rule === "COUNTY-PH-GRADE3" && v.county === A);
    expect(rows.map((v) => v.severity)).toEqual(["review"]);
    const doc = buildReview({
      report,
      ruleSet: rs,
      counties: fc.features,
      facilities,
      cityName: "南阳市",
      cityNameEn: "Nanyang",
      sources: [],
      invented: true,
      county: A,
    });
    const row = doc.counties.find((c) => c.code === A)?.checks.find((c) => c.rule === "COUNTY-PH-GRADE3");
    expect(row?.measured).toBe("数据中无县人民医院");
  });
});
