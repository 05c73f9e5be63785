import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { analyze, buildReview } from "../../../src/core";
import { reviewDocx } from "../../../src/core/report/docx";
import { reviewHtml } from "../../../src/core/report/html";
import { townshipTableRows } from "../../../src/core/report/review";
import { nanyangInputs } from "./nanyang";

// The user trial, s49 #4: a two-county list's whole-city Word report ran to about 15,000 paragraphs, 1,504 of its
// 2,032 rows the other counties', unit by unit (「无村卫生室」 for every village of a county the list never had).
describe("the whole city's review report of a list that leaves counties out", () => {
  const all = nanyangInputs();
  const ZHENPING = "411324";
  const listed = all.facilities.filter((f) => f.county === ZHENPING);
  const report = analyze({ ...all, facilities: listed, listImported: true });
  const base = {
    report,
    ruleSet: all.ruleSet,
    counties: all.counties.features,
    facilities: listed,
    divisions: all.divisions,
    cityName: "南阳市",
    sources: [],
    invented: true,
    maps: {},
  };

  it("sums a left-out county's township and village rows by rule, keeping its count and its county-wide rows", () => {
    expect(report.listScope?.covered).toEqual([ZHENPING]);
    const doc = buildReview(base);
    const xixia = doc.counties.find((c) => c.code === "411323")!;
    const own = report.violations.filter((v) => v.county === "411323");
    const unitRows = own.filter((v) => v.unitCode !== undefined);
    expect(unitRows.length).toBeGreaterThan(100);
    // the heading's count is every row's
    expect(xixia.violationCount).toBe(own.length);
    // one row per rule for the units, the others as they were
    const unitRules = new Set(unitRows.map((v) => v.rule));
    expect(xixia.violations).toHaveLength(own.length - unitRows.length + unitRules.size);
    const village = xixia.violations.find((r) => r.rule === "VC-PER-VILLAGE")!;
    const villages = unitRows.filter((v) => v.rule === "VC-PER-VILLAGE").length;
    expect(village.where).toBe(`${villages} 个行政村`);
    expect(village.text).toBe(
      `清单未含本县区：${villages} 个行政村均按无设施计，逐个从略（见本县区的审查报告，或违规清单 CSV、GeoJSON）`,
    );
    // no township table for it (every township 「无」); the listed county has one
    expect(xixia.townships).toBeUndefined();
    // the listed county keeps every row
    const zhenping = doc.counties.find((c) => c.code === ZHENPING)!;
    expect(zhenping.townships?.length).toBe(report.townships.filter((t) => t.county === ZHENPING).length);
    expect(zhenping.violations).toHaveLength(report.violations.filter((v) => v.county === ZHENPING).length);
  });

  it("a left-out county's own report lists every row", () => {
    const doc = buildReview({ ...base, county: "411323" });
    const own = report.violations.filter((v) => v.county === "411323");
    expect(doc.counties.find((c) => c.code === "411323")?.violations).toHaveLength(own.length);
  });
});

describe("the review report's township table (the re-trial, s49b #3: a reviewer signs off township by township)", () => {
  const all = nanyangInputs();
  const report = analyze(all);
  /** 西峡县's own review report of the sample. */
  const xixiaReview = () =>
    buildReview({
      report,
      ruleSet: all.ruleSet,
      counties: all.counties.features,
      facilities: all.facilities,
      divisions: all.divisions,
      cityName: "南阳市",
      sources: [],
      invented: true,
      maps: {},
      county: "411323",
    });

  it("has one row per township of the county, as the app's table: centres, distance, villages, clinics", () => {
    const doc = xixiaReview();
    const rows = report.townships.filter((t) => t.county === "411323");
    const table = doc.counties[0].townships!;
    expect(table.map((r) => r[0])).toEqual(rows.map((t) => t.name));
    rows.forEach((t, i) => {
      const [, , centres, km, villages, withClinic, without] = table[i];
      expect(villages).toBe(String(t.villages));
      expect(withClinic).toBe(String(t.villagesWithClinic));
      expect(without.startsWith(String(t.villagesWithoutClinic))).toBe(true);
      expect(km).toBe(t.distanceToCountyCentreKm === undefined ? "–" : t.distanceToCountyCentreKm.toFixed(2));
      if (t.centres.length > 0) for (const c of t.centres) expect(centres).toContain(c.name);
      else expect(centres).toMatch(/^(无|无？待核|待核：)/);
    });
  });

  it("is in the Word file and the HTML report under 乡镇（街道）一览", async () => {
    const doc = xixiaReview();
    const n = report.townships.filter((t) => t.county === "411323").length;
    const html = reviewHtml(doc);
    expect(html).toContain(`<h3>乡镇（街道）一览（${n} 个）</h3>`);
    const zip = await JSZip.loadAsync(await reviewDocx(doc));
    const xml = (await zip.file("word/document.xml")?.async("string")) ?? "";
    expect(xml).toContain(`乡镇（街道）一览（${n} 个）`);
    expect(xml).toContain("距县域医疗中心 km");
  });
});

describe("townshipTableRows", () => {
  it("gives each centre's distance where a township has several, the sub-centre marked, never rounded onto the limit", () => {
    const [row] = townshipTableRows(
      [
        {
          code: "411322101",
          name: "博望镇",
          kind: "镇",
          county: "411322",
          centres: [
            {
              id: "a",
              name: "博望镇中心卫生院",
              type: "central-thc",
              central: true,
              subCentre: false,
              distanceKm: 27.04,
            },
            { id: "b", name: "博望镇次中心", type: "sub-centre", central: false, subCentre: true, distanceKm: 14.996 },
          ],
          distanceToCountyCentreKm: 14.996,
          villages: 20,
          villagesWithClinic: 12,
          villagesWithoutClinic: 8,
          villagesForReview: 1,
        },
      ],
      15,
    );
    expect(row).toEqual([
      "博望镇",
      "镇",
      "博望镇中心卫生院（中心）、博望镇次中心（次中心）",
      "27.04 / 14.99（次中心）",
      "20",
      "12",
      "8（待核 1）",
    ]);
  });
});
