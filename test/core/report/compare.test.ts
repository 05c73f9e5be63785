import { describe, expect, it } from "vitest";
import type { AnalysisReport } from "../../../src/core";
import { comparison } from "../../../src/core/report/compare";

type County = AnalysisReport["counties"][number];
type Check = County["checks"][number];

function report(counties: Array<{ code: string; checks: Array<Partial<Check>> }>): AnalysisReport {
  return {
    counties: counties.map((c) => ({ code: c.code, name: `县${c.code}`, checks: c.checks })),
    violations: [],
  } as unknown as AnalysisReport;
}
const rural = (status: Check["status"], coveredShare: number, uncoveredAreaKm2: number): Partial<Check> => ({
  rule: "EMS-RURAL",
  status,
  coveredShare,
  uncoveredAreaKm2,
});

describe("the Plan tab's before/after table", () => {
  it("lists a county whose share moves by less than 0.05 pp when its verdict flips (the planner trial)", () => {
    const before = report([
      { code: "1", checks: [rural("fail", 0.9998, 0.3)] },
      { code: "2", checks: [rural("fail", 0.8, 40)] },
    ]);
    const after = report([
      { code: "1", checks: [rural("pass", 1, 0)] },
      { code: "2", checks: [rural("fail", 0.8, 40)] },
    ]);
    const cmp = comparison(after, before);
    expect(cmp?.rows.map((r) => [r.code, r.statusBefore, r.statusAfter])).toEqual([["1", "fail", "pass"]]);
  });

  it("lists a shrinking gap whose share rounds to the same 0.1 %, and leaves out counties that did not move", () => {
    const before = report([{ code: "1", checks: [rural("fail", 0.95, 12.4)] }]);
    const after = report([{ code: "1", checks: [rural("fail", 0.95001, 12.39)] }]);
    expect(comparison(after, before)?.rows).toHaveLength(1);
    expect(comparison(before, before)?.rows).toEqual([]);
  });

  it("lists a county that had no figure before (缺数据: a city with no list, before its first proposed site)", () => {
    const before = report([
      { code: "1", checks: [{ rule: "EMS-RURAL", status: "needs-data" }] },
      { code: "2", checks: [{ rule: "EMS-RURAL", status: "needs-data" }] },
    ]);
    const after = report([
      { code: "1", checks: [rural("fail", 0.31, 900)] },
      { code: "2", checks: [{ rule: "EMS-RURAL", status: "needs-data" }] },
    ]);
    const rows = comparison(after, before)?.rows ?? [];
    expect(rows.map((r) => [r.code, r.statusBefore, r.before, r.gapBefore, r.statusAfter, r.after])).toEqual([
      ["1", "needs-data", undefined, undefined, "fail", 0.31],
    ]);
  });
});

describe("the before/after lists the other checks a site changed (the planner trial, s46-b #11)", () => {
  it("with the verdict before and after and what the check says now, not the EMS radius rules or unchanged ones", () => {
    const sub = (status: Check["status"], zh: string): Partial<Check> => ({
      rule: "SUB-15KM",
      status,
      message: { zh, en: zh },
    });
    const thc = (zh: string): Partial<Check> => ({ rule: "THC-PER-TOWNSHIP", status: "pass", message: { zh, en: zh } });
    const before = report([{ code: "1", checks: [rural("fail", 0.9, 10), sub("pass", "本县无次中心"), thc("全有")] }]);
    const after = report([
      { code: "1", checks: [rural("fail", 0.9, 10), sub("fail", "最近者 14.99 km，不足 15 km"), thc("全有")] },
    ]);
    const cmp = comparison(after, before);
    expect(cmp?.checks.map((c) => [c.code, c.rule, c.statusBefore, c.statusAfter, c.now.zh])).toEqual([
      ["1", "SUB-15KM", "pass", "fail", "最近者 14.99 km，不足 15 km"],
    ]);
    // a drag that moves the distance but not the verdict is listed too: the figure the planner is watching
    const dragged = report([
      { code: "1", checks: [rural("fail", 0.9, 10), sub("fail", "最近者 14.50 km，不足 15 km"), thc("全有")] },
    ]);
    expect(comparison(dragged, after)?.checks.map((c) => c.now.zh)).toEqual(["最近者 14.50 km，不足 15 km"]);
    // and what it said before (the re-trial, s50b L1: 「✗ → ✗ 8 个缺」 hid the 10 before)
    expect(comparison(dragged, after)?.checks.map((c) => c.before.zh)).toEqual(["最近者 14.99 km，不足 15 km"]);
    expect(comparison(after, after)?.checks).toEqual([]);
  });
});
