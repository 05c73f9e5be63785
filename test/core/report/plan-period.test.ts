import { describe, expect, it } from "vitest";
import { planPeriodNote } from "../../../src/core";
import { reviewDocx } from "../../../src/core/report/docx";
import { buildReview } from "../../../src/core/report/review";
import { analyze } from "../../../src/core/rules";
import { docxParagraphs } from "../../docx-text";
import { nanyangInputs, nanyangReviewBase } from "./nanyang";

/**
 * The plans' targets are for the last year of their period (十四五: 2025; 003: 2024—2025): the verdicts never said so,
 * nor that the period had ended by the day of the check (the reviewer's audit, s50 L-1).
 */
describe("the plans' periods beside the day of the check", () => {
  const docs = nanyangInputs().ruleSet.documents;

  it("南阳's rule set carries its two plans' periods, from their titles", () => {
    expect(docs.map((d) => [d.file, d.period])).toEqual([
      ["000", { from: 2021, to: 2025 }],
      ["003", { from: 2024, to: 2025 }],
    ]);
  });

  it("after 2025 the present state is judged against the targets; within the period a shortfall is the way to go", () => {
    expect(planPeriodNote(docs, "2026-12-07")?.zh).toBe(
      "规划期：000 为 2021—2025 年，003 为 2024—2025 年；规划目标为到 2025 年应达的值。核查日 2026-12-07：规划期已满，按目标值核查现状",
    );
    expect(planPeriodNote(docs, "2026-12-07")?.en).toBe(
      "Plan periods: 000 2021–2025; 003 2024–2025; the targets are what 2025 should reach. Checked on 2026-12-07: the period has ended, so the present state is judged against the targets",
    );
    expect(planPeriodNote(docs, "2025-06-30")?.zh).toContain("尚在规划期内，未达者为现状与目标的差距");
    expect(planPeriodNote([{ file: "009" }], "2026-12-07")).toBeUndefined();
  });

  it("the review report says it in its rule-set section", async () => {
    const inputs = nanyangInputs();
    const report = analyze(inputs);
    const doc = buildReview({
      ...nanyangReviewBase({ ...inputs, report }),
      sources: [],
      invented: true,
      generatedAt: "2026-12-07T08:00:00Z",
    });
    const text = (await docxParagraphs(await reviewDocx(doc))).join("\n");
    expect(text).toContain(
      "规划期：000 为 2021—2025 年，003 为 2024—2025 年；规划目标为到 2025 年应达的值。核查日 2026-12-07：规划期已满",
    );
  });
});
