import { describe, expect, it } from "vitest";
import type { Facility } from "../../../src/core/model";
import { reviewDocx } from "../../../src/core/report/docx";
import { reviewHtml } from "../../../src/core/report/html";
import { buildReview, PLAN_EFFECT_HEADING, reviewReasons } from "../../../src/core/report/review";
import { coveredPct, uncoveredKm2 } from "../../../src/core/report/rounding";
import { analyze } from "../../../src/core/rules";
import { docxParagraphs } from "../../docx-text";
import { nanyangInputs, nanyangReviewBase } from "./nanyang";

/**
 * A county plan cites what its proposed sites change: the Plan tab's 「桐柏县 EMS-RURAL 86.3% → 95.6%」 was in no export,
 * and the Word report gave only the after (the user trial, s50 M1). With the analysis without the sites (the baseline)
 * the report gives the before → after of the counties it covers.
 */
const TONGBAI = "411330";
const inputs = nanyangInputs();
const params = { ruralRadiusKm: 10 };
const site: Facility = {
  id: "P1",
  name: "月河北急救站（规划）",
  type: "ems-station",
  lon: 113.580609,
  lat: 32.566885,
  ownership: "public",
  proposed: true,
};
const report = analyze({ ...inputs, facilities: [...inputs.facilities, site], params });
const baseline = analyze({ ...inputs, params });
const base = {
  ...nanyangReviewBase({ ...inputs, facilities: [...inputs.facilities, site], report }),
  sources: [],
  invented: true,
};
const rural = (r: typeof report) =>
  r.counties.find((c) => c.code === TONGBAI)?.checks.find((k) => k.rule === "EMS-RURAL");

describe("a check met at a radius stricter than the plan's", () => {
  it("says under its table that the plan's is met too (the re-check, s55c N1: 樟树市 read 达标 at 10 km beside 20 km)", () => {
    const strict = analyze({ ...inputs, params: { urbanRadiusKm: 3 } });
    const doc = buildReview({
      ...nanyangReviewBase({ ...inputs, report: strict }),
      sources: [],
      invented: true,
    });
    const met = doc.counties.flatMap((c) =>
      c.checks.filter((k) => k.rule === "EMS-URBAN" && k.status === "pass").map(() => c),
    );
    expect(met.length).toBeGreaterThan(0);
    for (const c of met)
      expect(reviewReasons(c.checks)).toContain(
        "达标 EMS-URBAN：所选半径 3 km 严于规划的 5 km（000:232）：按所选半径达标，规划的 5 km 亦达标",
      );
    // at the plan's own radius, nothing
    const plain = buildReview({ ...nanyangReviewBase({ ...inputs, report: baseline }), sources: [], invented: true });
    expect(plain.counties.flatMap((c) => reviewReasons(c.checks)).filter((l) => l.includes("亦达标"))).toEqual([]);
  });
});

describe("the review report gives the proposed sites' before → after", () => {
  it("桐柏县's rural coverage, figures from the two analyses, in the city and the county report", async () => {
    const before = rural(baseline);
    const after = rural(report);
    if (before?.coveredShare === undefined || after?.coveredShare === undefined) throw new Error("no EMS-RURAL");
    expect(after.coveredShare).toBeGreaterThan(before.coveredShare);
    const pct = (x: number) => `${coveredPct(x, x >= 1).toFixed(1)}%`;
    const row = [
      "桐柏县",
      "EMS-RURAL",
      `${pct(before.coveredShare)} → ${pct(after.coveredShare)}`,
      `${uncoveredKm2(before.uncoveredAreaKm2 ?? 0).toFixed(1)} → ${uncoveredKm2(after.uncoveredAreaKm2 ?? 0).toFixed(1)}`,
    ];
    for (const county of [undefined, TONGBAI]) {
      const doc = buildReview({ ...base, ...(county ? { county } : {}), baseline });
      const got = doc.planEffect?.rows.find((r) => r[0] === "桐柏县" && r[1] === "EMS-RURAL");
      expect(got?.slice(0, 4)).toEqual(row);
      // only the counties the report covers: the one site changed 桐柏县 alone
      expect(doc.planEffect?.rows.every((r) => r[0] === "桐柏县")).toBe(true);
      const text = (await docxParagraphs(await reviewDocx(doc))).join("\n");
      expect(text).toContain(PLAN_EFFECT_HEADING);
      expect(text).toContain(row[2]);
      expect(reviewHtml(doc)).toContain(row[2]);
    }
    // the county's own check row says it counts the site, with its verdict and figures before it; the cover says the
    // report judges the plan (the reviewer trial, s55b M2: 「达标 100.0%」 with nothing saying an unbuilt site made it so)
    const doc = buildReview({ ...base, county: TONGBAI, baseline });
    const check = doc.counties[0].checks.find((k) => k.rule === "EMS-RURAL");
    expect(check?.statusLabel).toMatch(/（含规划）$/);
    expect(check?.note).toMatch(
      new RegExp(
        `^【计入规划新增站点，尚未建成】规划前\\S+（覆盖 ${pct(before.coveredShare).replace(".", "\\.")}，未覆盖 ${row[3].split(" → ")[0].replace(".", "\\.")} km²）。`,
      ),
    );
    // the checks the site changed say so, as the before → after lists them; the others say nothing of it
    const listed = new Set([
      ...(doc.planEffect?.rows ?? []).map((r) => r[1]),
      ...(doc.planEffect?.checks ?? []).map((c) => c.split(" ")[1].split("：")[0]),
    ]);
    expect(listed.size).toBeLessThan(doc.counties[0].checks.length);
    for (const k of doc.counties[0].checks)
      expect(k.note.includes("【计入规划新增站点"), k.rule).toBe(listed.has(k.rule));
    // and under the county's table, whatever its verdict (the re-check, s55c N1: a pass got no line there)
    expect(reviewReasons(doc.counties[0].checks).filter((l) => / EMS-RURAL：/.test(l))).toEqual([
      expect.stringMatching(/(计入规划新增站点（尚未建成），规划前|【计入规划新增站点，尚未建成】规划前)/),
    ]);
    expect(reviewHtml(doc)).toMatch(/<p class="review-reason">\S+ EMS-RURAL：.*规划前/);
    expect(doc.planNotice).toContain("本报告的核查结论计入了规划新增站点（尚未建成）");
    const words = (await docxParagraphs(await reviewDocx(doc))).join("\n");
    expect(words).toContain("【规划方案】本报告的核查结论计入了规划新增站点");
    expect(reviewHtml(doc)).toContain("【规划方案】");
    // without proposed sites, no cover line
    expect(
      buildReview({ ...nanyangReviewBase({ ...inputs, report: baseline }), sources: [], invented: true }).planNotice,
    ).toBeUndefined();
    // another county's report has nothing of it; without a baseline neither has the city's
    expect(buildReview({ ...base, county: "411323", baseline }).planEffect).toBeUndefined();
    expect(buildReview(base).planEffect).toBeUndefined();
  });
});
