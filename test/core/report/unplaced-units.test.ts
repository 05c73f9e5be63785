import { describe, expect, it } from "vitest";
import { reviewDocx } from "../../../src/core/report/docx";
import { reviewHtml } from "../../../src/core/report/html";
import { buildReview } from "../../../src/core/report/review";
import { analyze } from "../../../src/core/rules";
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
