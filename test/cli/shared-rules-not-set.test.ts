import { describe, expect, it } from "vitest";
import { unsetSharedRules } from "../../src/cli/region";
import { loadRuleSet } from "../../src/cli/rules";

describe("a region run says which shared rules a plan city's own plans do not set (the national analyst's trial, s56d M1)", () => {
  it("平顶山 (001) sets no EMS radius and no clinic per village; 南阳 no CHC per street; 南宫 the radius neither", () => {
    const national = { ruleSet: loadRuleSet("national", "zhengzhou") };
    const sets = ["pingdingshan", "nanyang", "nangong"].map((city) => ({ ruleSet: loadRuleSet(undefined, city) }));
    const unset = unsetSharedRules([national, ...sets]);
    expect(unset.get("pingdingshan")).toEqual(["EMS-URBAN", "EMS-RURAL", "VC-PER-VILLAGE"]);
    expect(unset.get("nanyang")).toEqual(["CHC-PER-STREET"]);
    expect(unset.get("nangong")).toEqual(expect.arrayContaining(["EMS-URBAN", "EMS-RURAL"]));
    // every id named is a rule of the shared set that the plan city's set lacks
    const shared = new Set(national.ruleSet.rules.map((r) => r.id));
    for (const s of sets) {
      const own = new Set(s.ruleSet.rules.map((r) => r.id));
      expect(unset.get(s.ruleSet.id) ?? []).toEqual([...shared].filter((id) => !own.has(id)));
    }
    // with no city on the shared set in the run, nothing to compare: no line
    expect(unsetSharedRules(sets).size).toBe(0);
  });
});
