import { describe, expect, it } from "vitest";
import { DBF_FIELD_NAMES } from "../../../src/core/io/shapefile";
import { reviewHtml } from "../../../src/core/report/html";
import { buildReview } from "../../../src/core/report/review";
import { violationsCsv } from "../../../src/core/report/tables";
import { citedViolations, placeViolations } from "../../../src/core/report/violations";
import { analyze, resolveParams } from "../../../src/core/rules";
import { subCentreVerdicts } from "../../../src/core/siting/county-siting";
import { check, cityCheck, counties, direct, fac, ruleSet, SEAT_A } from "../rules/fidelity-helpers";

/**
 * The user trial s46-b (鲁山县, 平顶山市, preparing the 县域医疗卫生次中心 plan): 001, 平顶山's own plan, states no
 * sub-centre rule (no 次中心 in its text), so the county's review says so; the comparison set applies 南阳's 003:213
 * and 003:143 to 平顶山's counties, and each such row says that 003 does not bind 平顶山. Expectations from the plans'
 * cities (docs/rules.md §1: each plan binds its own city only).
 */

const A = "990001";
// 甲县's people's hospital at its seat (no 县域医疗中心 in the list), and three central THCs round the 15 km line
const hospital = fac("甲县人民医院", "hospital", SEAT_A, A, { hospitalKind: "general", ownership: "public" });
const thcs = [
  fac("张良镇中心卫生院", "central-thc", direct(SEAT_A, 90, 14.9), A),
  fac("马楼乡中心卫生院", "central-thc", direct(SEAT_A, 0, 15.05), A),
  fac("梁洼镇中心卫生院", "central-thc", direct(SEAT_A, 200, 14.996), A),
];
const facilities = [hospital, ...thcs];
const population = [{ code: A, population: 786_600, kind: "resident" as const, year: 2020 }];

function review(set: string) {
  const rs = ruleSet(set);
  const fc = counties("pingdingshan");
  const report = analyze({ counties: fc, facilities, ruleSet: rs, population });
  const doc = buildReview({
    report,
    ruleSet: rs,
    counties: fc.features,
    facilities,
    cityName: "平顶山市",
    cityNameEn: "Pingdingshan",
    sources: [],
    invented: true,
    county: A,
  });
  return { report, doc, section: doc.counties.find((c) => c.code === A)! };
}

const NOT_BINDING = "（003 为南阳市规划，对平顶山市仅作对比，不具约束力）";

describe("sub-centres under 平顶山's own plan (001) and under the comparison set", () => {
  it("under 001 the county's review says that 001 sets no sub-centre rule, once, after its checks", () => {
    const { report, doc, section } = review("pingdingshan");
    expect(report.counties[0].checks.some((k) => k.rule.startsWith("SUB-"))).toBe(false);
    expect(section.subCentre).toEqual(["本规划（001）未规定县域医疗卫生次中心的数量与选址条件，次中心不作核查。"]);
    expect(reviewHtml(doc)).toContain("本规划（001）未规定县域医疗卫生次中心的数量与选址条件");
  });

  it("under the comparison set a rule of 南阳's 003 says in its message and its report row that it does not bind 平顶山", () => {
    const { report, section } = review("all");
    for (const rule of ["SUB-15KM", "SUB-COUNT"]) {
      expect(check(report, A, rule).message.zh.startsWith(NOT_BINDING), rule).toBe(true);
      expect(check(report, A, rule).message.en).toContain("003 is Nanyang's plan: for Pingdingshan a comparison only");
      expect(section.checks.find((k) => k.rule === rule)?.citation, rule).toContain(NOT_BINDING);
    }
    // SUB-COUNT: the note before the count it asks for
    const sub = check(report, A, "SUB-COUNT").message.zh;
    expect(sub.indexOf(NOT_BINDING)).toBeLessThan(sub.indexOf("786,600"));
    // every rule, not only sub-centres: 002's infectious beds (南宫市), the city row too
    expect(check(report, A, "INFECTIOUS-BEDS").message.zh).toContain(
      "（002 为南宫市规划，对平顶山市仅作对比，不具约束力）",
    );
    expect(cityCheck(report, "INFECTIOUS-BEDS").message.zh).toContain("002 为南宫市规划");
    // 001 states the one-THC-per-township rule (001:301): it binds, no note
    expect(check(report, A, "THC-PER-TOWNSHIP").message.zh).not.toContain("仅作对比");
    expect(section.checks.find((k) => k.rule === "THC-PER-TOWNSHIP")?.citation).toBe("001:301");
    // the sub-centre rules are there: no 「未规定」 line
    expect(section.subCentre ?? []).not.toContain(expect.stringContaining("未规定"));
  });

  it("under 南阳's own set 003 binds: no note", () => {
    const rs = ruleSet("all");
    const fc = counties("nanyang");
    const report = analyze({ counties: fc, facilities, ruleSet: rs, population });
    expect(check(report, A, "SUB-COUNT").message.zh).not.toContain("仅作对比");
    expect(check(report, A, "INFECTIOUS-BEDS").message.zh).toContain("002 为南宫市规划，对南阳市仅作对比");
  });
});

describe("every central THC against the sub-centre conditions, named with its distance to 0.01 km (the user trial, s46-b #7)", () => {
  // distances by geographiclib (direct): 14.9, 15.05 and 14.996 km from the hospital
  const expected = [
    ["张良镇中心卫生院", "张良镇中心卫生院 14.90 km，不符合（不足 15 km）", false],
    ["马楼乡中心卫生院", "马楼乡中心卫生院 15.05 km，符合", true],
    // 14.996 km reads 14.99 against 15, never 15.00
    ["梁洼镇中心卫生院", "梁洼镇中心卫生院 14.99 km，不符合（不足 15 km）", false],
  ] as const;

  it("the SUB-15KM check lists each one, qualifying or not and why, in the county detail's data", () => {
    const { report } = review("all");
    const k = check(report, A, "SUB-15KM");
    expect(k.status).toBe("not-applicable");
    expect(k.candidates?.map((c) => [c.name, c.text.zh, c.qualifies])).toEqual(expected);
    expect(k.candidates?.[0].reasons.map((r) => r.zh)).toEqual(["距县域医疗中心 14.90 公里，不足 15 公里"]);
    expect(k.candidates?.[1].reasons).toEqual([]);
    expect(k.candidates?.[0].text.en).toBe("张良镇中心卫生院 14.90 km, does not qualify (less than 15 km)");
  });

  it("the review report's county section names them all, after the note that 003 does not bind 平顶山", () => {
    const { doc, section } = review("all");
    const para = section.subCentre?.find((l) => l.includes("中心乡镇卫生院对照次中心选建条件"));
    expect(para).toBeDefined();
    expect(para?.startsWith(NOT_BINDING)).toBe(true);
    expect(para).toContain("以甲县人民医院为县（市、区）人民医院（作为县域医疗中心）量起");
    for (const [, text] of expected) expect(para).toContain(text);
    expect(reviewHtml(doc)).toContain("张良镇中心卫生院 14.90 km，不符合（不足 15 km）");
    // 001 has no such check: no list
    expect(review("pingdingshan").section.subCentre?.some((l) => l.includes("选建条件"))).toBe(false);
  });

  it("the CLI's suggest --sub-centres (subCentreVerdicts) gives the same reasons, to 0.01 km", () => {
    const rs = ruleSet("all");
    const { verdicts } = subCentreVerdicts({
      counties: counties("pingdingshan").features,
      county: A,
      facilities,
      params: resolveParams(rs, {}, "pingdingshan"),
    });
    expect(verdicts.map((v) => [v.facility.name, v.qualifies, v.reasons.map((r) => r.zh)])).toEqual([
      ["张良镇中心卫生院", false, ["距县域医疗中心 14.90 公里，不足 15 公里"]],
      ["马楼乡中心卫生院", true, []],
      ["梁洼镇中心卫生院", false, ["距县域医疗中心 14.99 公里，不足 15 公里"]],
    ]);
  });
});

describe("each violation row of a rule that does not bind the county's city says so (the comparison set)", () => {
  it("placed violations carry the note, the violation CSV has a column for it, and a binding rule's rows have none", () => {
    const { report } = review("all");
    const placed = placeViolations({
      violations: report.violations,
      ruleSet: ruleSet("all"),
      counties: counties("pingdingshan").features,
    });
    // EMS-TIERS is 003's and 004's (南阳's, 宜春's): its row compares
    const tiers = placed.filter((p) => p.properties.rule === "EMS-TIERS" && p.properties.county === A);
    const TIERS_NOTE = "（003 为南阳市规划，004 为宜春市规划，对平顶山市仅作对比，不具约束力）";
    expect(tiers.length).toBeGreaterThan(0);
    for (const p of tiers) {
      expect(p.properties.notBindingZh).toBe(TIERS_NOTE);
      expect(p.properties.notBindingEn).toContain("for Pingdingshan a comparison only");
    }
    // 001 states the three county hospitals, but as 二级 (001:295) where the set reads 000's 二级甲等 (000:310): its rows
    // compare too, and cite both plans, the city's first (the user trial, s47: untagged, citing 001:295 alone)
    const three = placed.filter((p) => p.properties.rule === "COUNTY-3-HOSPITALS" && p.properties.county === A);
    expect(three.length).toBeGreaterThan(0);
    for (const p of three) {
      expect(p.properties.notBindingZh).toBe(
        "（本项按对比用的合并口径核查（含 000），与平顶山市规划 001 的规定不同，对平顶山市仅作对比，不具约束力；按本市规划核查请选本市规则集）",
      );
      expect(p.properties.notBindingEn).toContain("which differs from Pingdingshan's plan 001");
      expect(p.properties.citation.startsWith("001:")).toBe(true);
      expect(p.properties.citation).toContain("000:310");
    }
    expect(check(report, A, "COUNTY-3-HOSPITALS").message.zh).toContain("与平顶山市规划 001 的规定不同");
    // THC-PER-TOWNSHIP: 001:301 reads it as the set does (bindsAsIs): it binds, no note
    expect(ruleSet("all").rules.find((r) => r.id === "THC-PER-TOWNSHIP")?.bindsAsIs).toContain("pingdingshan");
    expect(check(report, A, "THC-PER-TOWNSHIP").message.zh).not.toContain("仅作对比");
    // the review report's violation table says so beside the verdict
    const rows = review("all").section.violations;
    expect(rows.find((v) => v.rule === "EMS-TIERS")?.severity).toBe("违规（仅作对比）");
    expect(review("pingdingshan").section.violations.every((v) => !v.severity.includes("仅作对比"))).toBe(true);
    const csv = violationsCsv(placed, "zh")
      .replace(/^\uFEFF/, "")
      .split("\r\n");
    expect(csv[0].split(",")).toContain("约束力");
    // report.json's records (the CLI) carry it as the features do
    const cited = citedViolations(report.violations, placed);
    expect(cited.find((v) => v.rule === "EMS-TIERS" && v.county === A)?.notBindingZh).toBe(TIERS_NOTE);
    expect(csv.some((line) => line.includes("EMS-TIERS") && line.includes(TIERS_NOTE))).toBe(true);
    // a short tag to filter on, the note in the column after it (the re-trial, s48)
    expect(csv[0].split(",")).toContain("约束力说明");
    expect(csv.some((line) => line.includes("EMS-TIERS") && line.includes(`,仅作对比,${TIERS_NOTE},`))).toBe(true);
    expect(violationsCsv(placed, "en").split("\r\n")[0].split(",")).toContain("binding");
    // a row that binds says so, not a blank cell (the re-trial, s47)
    // (here every row compares: one made binding, as THC-PER-TOWNSHIP's would be)
    const { notBindingZh: _zh, notBindingEn: _en, ...boundProps } = tiers[0].properties;
    const withBound = [...placed, { ...tiers[0], properties: { ...boundProps, violationId: "bound-1" } }];
    expect(violationsCsv(withBound, "zh").match(/,具约束力,/g)).toHaveLength(1);
    const en = violationsCsv(withBound, "en").split("\r\n").slice(1);
    expect(en.filter((line) => line.includes(",binding,"))).toHaveLength(1);
    // DBF: a field of its own, named
    expect(DBF_FIELD_NAMES.notBindingZh).toBe("NOTBIND_ZH");
    // under 平顶山's own plan no row is a comparison, and the CSV has no such column
    const own = review("pingdingshan").report;
    const ownPlaced = placeViolations({
      violations: own.violations,
      ruleSet: ruleSet("pingdingshan"),
      counties: counties("pingdingshan").features,
    });
    expect(ownPlaced.length).toBeGreaterThan(0);
    expect(ownPlaced.every((p) => p.properties.notBindingZh === undefined)).toBe(true);
    expect(violationsCsv(ownPlaced, "zh").split("\r\n")[0]).not.toContain("约束力");
  });
});
