import { describe, expect, it } from "vitest";
import { reviewDocx } from "../../../src/core/report/docx";
import { buildReview } from "../../../src/core/report/review";
import { analyze } from "../../../src/core/rules";
import { docxParagraphs } from "../../docx-text";
import { nanyangInputs } from "./nanyang";

/**
 * The review report of an imported list of one county (镇平县 411324) run for 南阳's 13 (the reviewer trial, s43: the
 * city report gave each of the other 12 「不达标 6 项」 and never said the list covered only 镇平县).
 */
const ZHENPING = "411324";
const inputs = nanyangInputs();
const facilities = inputs.facilities.filter((f) => f.county === ZHENPING);
const report = analyze({ ...inputs, facilities, facilitiesLoaded: true, listImported: true });
const base = {
  report,
  ruleSet: inputs.ruleSet,
  counties: inputs.counties.features,
  facilities,
  divisions: inputs.divisions,
  cityName: "南阳市",
  sources: [],
  invented: false,
};

describe("the review report of a list of one county", () => {
  it("the city report says which county the list covered and names the twelve judged as having none", async () => {
    const text = (await docxParagraphs(await reviewDocx(buildReview(base)))).join("\n");
    const others = report.counties.filter((c) => c.code !== ZHENPING).map((c) => c.name);
    expect(others).toHaveLength(12);
    expect(text).toContain(
      `【清单范围】所用设施清单只含 1 个县区（镇平县）的设施；其余 12 个县区（${others.join("、")}）在清单中没有任何设施，均按“无设施”核查`,
    );
    // each of the twelve's sections says so under its tally, 镇平县's does not
    const sections = text.split(/\n(?=\S+（4113\d\d，)/);
    const xixia = sections.find((s) => s.startsWith("西峡县（411323，"));
    expect(xixia).toContain("本县区在设施清单中没有任何设施，按“无设施”核查");
    expect(sections.find((s) => s.startsWith("镇平县（411324，"))).not.toContain("本县区在设施清单中没有任何设施");
  });

  it("a county report of a county the list left out says so in its summary and its section", async () => {
    const text = (await docxParagraphs(await reviewDocx(buildReview({ ...base, county: "411323" })))).join("\n");
    expect(text).toContain("所用设施清单只含 1 个县区（镇平县）的设施");
    expect(text).toContain("本县区在设施清单中没有任何设施");
  });
});
