import { describe, expect, it } from "vitest";
import { ungradedHospitalsIssue } from "../../../src/core";
import { analyze } from "../../../src/core/rules";
import { check, counties, direct, fac, ruleSet, SEAT_A } from "./fidelity-helpers";

/**
 * 004:439 counts 「二级以上医院」 in the urban EMS network. A list that gives no grade (many do) left every hospital out
 * without a word, so 袁州区 read 不达标 at 90.2 % with its 人民医院 0.2 km from the seat (the EMS planner trial, s53 H1).
 * The verdict now names the grade the plan asks for and the hospitals it left out, and a failure that a grade would
 * undo is for review.
 */
const A = "990001";
const run = (hospital: { at: [number, number]; grade?: string }) =>
  analyze({
    counties: counties("yichun"),
    facilities: [fac("h1", "hospital", hospital.at, A, hospital.grade ? { grade: hospital.grade } : {})],
    ruleSet: ruleSet("yichun"),
  });

describe("EMS-URBAN under 004:439 with hospitals that give no grade", () => {
  it("a graded hospital at the seat covers the urban area; the verdict says which hospitals count", () => {
    const c = check(run({ at: SEAT_A, grade: "2A" }), A, "EMS-URBAN");
    expect(c.status).toBe("pass");
    expect(c.message.zh).toContain("；急救点含二级及以上医院/二级及以上县域医疗中心（004:439）");
    expect(c.message.en).toContain(
      "; EMS points include hospital of Grade II or above/county medical centre of Grade II or above (二级及以上医院/二级及以上县域医疗中心, 004:439)",
    );
    expect(c.message.zh).not.toContain("未填等级");
  });

  it("the same hospital with no grade: left out and named, and since it reaches every gap, for review, not a breach", () => {
    const r = run({ at: SEAT_A });
    const c = check(r, A, "EMS-URBAN");
    expect(c.status).toBe("review");
    expect(c.message.zh).toMatch(
      /本县区医院 1 所未填等级（h1），未计为急救点（须二级及以上，004:439）；各缺口均在其中一所的 5 km 内：若其达二级即达标，待核，请补填等级/,
    );
    expect(c.message.en).toContain("not counted as EMS points: the county's 1 hospital with no grade given");
    const v = r.violations.filter((x) => x.rule === "EMS-URBAN" && x.county === A);
    expect(v.map((x) => x.severity)).toEqual(["review"]);
    expect(v[0].message.zh).toContain("未填等级");
    // the reason first, where a Shapefile's 254-byte field still holds it (the re-trial, s53b M-b)
    expect(v[0].message.zh.startsWith("待核（1 所医院未填等级，补填后可能达标）：")).toBe(true);
    expect(v[0].message.en.startsWith("For review (1 hospital gives no grade; with the grades it may pass): ")).toBe(
      true,
    );
  });

  it("an ungraded hospital far from the gaps: still a breach, the hospital named", () => {
    const r = run({ at: direct(SEAT_A, 90, 25) });
    const c = check(r, A, "EMS-URBAN");
    expect(c.status).toBe("fail");
    expect(c.message.zh).toContain("；即使计入仍有缺口，请补填等级");
    const v = r.violations.filter((x) => x.rule === "EMS-URBAN" && x.county === A);
    expect(v.map((x) => x.severity)).toEqual(["error"]);
    expect(v[0].message.zh).toContain("本县区医院 1 所未填等级（h1）");
  });
});

describe("the import says which hospitals give no grade, and which checks ask for one", () => {
  const list = [
    fac("h1", "hospital", SEAT_A, A, { name: "袁州区人民医院" }),
    fac("h2", "hospital", SEAT_A, A, { name: "宜春市人民医院", grade: "3A" }),
    fac("s1", "ems-station", SEAT_A, A),
    fac("p1", "hospital", SEAT_A, A, { proposed: true }),
  ];
  it("宜春: the ungraded hospital's row and 004:439's EMS-URBAN with its grade; not the graded, not a proposed site", () => {
    const issue = ungradedHospitalsIssue("yichun.csv", list, [3, 4, 5, 6], ruleSet("yichun"));
    expect(issue).toMatchObject({ file: "yichun.csv", row: 0, field: "grade", severity: "warning" });
    expect(issue?.code).toBe("hospitals-ungraded");
    expect(issue?.message.zh).toMatch(
      /^1 所医院未填等级（第 3 行）：按未定级计，以下检查不计入或无法判定：EMS-URBAN（须二级及以上，004:439）/,
    );
    expect(issue?.message.en).toMatch(
      /^1 hospital gives no grade \(row 3\): read as ungraded.*EMS-URBAN \(Grade II or above, 004:439\)/,
    );
  });

  it("none when every hospital gives a grade, or the rule set asks for no grade", () => {
    expect(ungradedHospitalsIssue("a.csv", list.slice(1), undefined, ruleSet("yichun"))).toBeUndefined();
    // 宜春's plan asks for a grade in EMS-URBAN alone (004 sets no county hospital grade)
    const none = { ...ruleSet("yichun"), rules: ruleSet("yichun").rules.filter((r) => r.id !== "EMS-URBAN") };
    expect(ungradedHospitalsIssue("a.csv", list, undefined, none)).toBeUndefined();
    // 南阳's asks for one in its county hospitals' rule
    expect(ungradedHospitalsIssue("a.csv", list, undefined, ruleSet("nanyang"))?.message.zh).toMatch(
      /须二级甲等及以上/,
    );
  });
});
