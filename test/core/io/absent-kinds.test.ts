import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  absentKinds,
  absentKindsIssue,
  type Facility,
  type FacilityType,
  RuleSetSchema,
  reportSources,
} from "../../../src/core";

// The user trial, s46-a #6: a 基层卫生信息系统 export (卫生院, 社区卫生服务中心/站, 村卫生室; no hospital, no EMS point) gave
// every county six hospital and EMS failures, with no word that the list has no such kind.
const ruleSet = RuleSetSchema.parse(JSON.parse(readFileSync("seeds/ruleset-nanyang.json", "utf8")));
const fac = (id: string, type: FacilityType, extra: Partial<Facility> = {}): Facility => ({
  id,
  name: id,
  type,
  lon: 113,
  lat: 33.2,
  ...extra,
});
const basic = [fac("a", "thc"), fac("b", "village-clinic"), fac("c", "chc-station")];

describe("a list that has no hospital or no EMS point at all is said to lack the kind (the user trial, s46-a #6)", () => {
  it("the import's whole-file note names the kinds and the checks that will judge them as absent", () => {
    const issue = absentKindsIssue("基层导出.xlsx", basic, ruleSet);
    expect(issue).toMatchObject({ file: "基层导出.xlsx", row: 0, severity: "warning", code: "kinds-absent-from-list" });
    expect(issue?.message.zh).toBe(
      "清单中没有医院、急救中心/站：县级医院、急救半径等检查将按“无”判定，结论反映清单而非实况；涉及的检查：COUNTY-3-HOSPITALS、COUNTY-PH-GRADE3、EMS-URBAN、EMS-RURAL、EMS-TIME、EMS-TIERS",
    );
    expect(issue?.message.en).toBe(
      "the list has no hospitals and EMS centres or stations at all: the checks of county hospitals and EMS radii will judge them as absent, which reflects the list, not the counties; the checks: COUNTY-3-HOSPITALS, COUNTY-PH-GRADE3, EMS-URBAN, EMS-RURAL, EMS-TIME, EMS-TIERS",
    );
  });

  it("a kind the list has is not named; a proposed site is not the list's; nothing when none lacks or the list is empty", () => {
    expect(absentKinds([...basic, fac("h", "hospital")], ruleSet)?.rules).toEqual([
      "EMS-URBAN",
      "EMS-RURAL",
      "EMS-TIME",
      "EMS-TIERS",
    ]);
    expect(absentKinds([...basic, fac("d", "ems-dispatch")], ruleSet)?.rules).toEqual([
      "COUNTY-3-HOSPITALS",
      "COUNTY-PH-GRADE3",
    ]);
    expect(absentKinds([...basic, fac("h", "hospital", { proposed: true })], ruleSet)?.kinds.map((k) => k.zh)).toEqual([
      "医院",
      "急救中心/站",
    ]);
    expect(absentKinds([...basic, fac("h", "hospital"), fac("e", "ems-station")], ruleSet)).toBeUndefined();
    expect(absentKinds([], ruleSet)).toBeUndefined();
  });

  it("the review report's data-source section says it too", () => {
    const lacking = absentKinds(basic, ruleSet);
    const lines = reportSources({
      facilities: { file: "基层导出.xlsx", count: 3, invented: false, ...(lacking ? { absentKinds: lacking } : {}) },
      boundaries: { source: "x", licence: "MIT" },
      ruleSet: { id: "nanyang", title: "南阳市规划" },
      roads: null,
    });
    const note = lines.find((l) => l.title === "清单缺类");
    expect(note?.caveat).toMatch(
      /^清单中没有医院、急救中心\/站：县级医院、急救半径等检查将按“无”判定，结论反映清单而非实况/,
    );
  });
});
