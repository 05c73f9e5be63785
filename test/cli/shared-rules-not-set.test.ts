import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { unsetSharedRules } from "../../src/cli/region";
import { loadRuleSet } from "../../src/cli/rules";
import { cli } from "./run";

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

describe("on the command line", () => {
  const work = mkdtempSync(join(tmpdir(), "shared-rules-"));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const list = join(work, "henan.csv");
  writeFileSync(
    list,
    "名称,类型,经度,纬度,所属县区\n新华区急救站,急救站,113.29,33.74,410402\n金水区急救站,急救站,113.66,34.80,410105\n",
  );

  it("a run over 平顶山 and 郑州 names the rules 平顶山's plan leaves out and the --counties run that compares them (the re-check, s56e N1)", async () => {
    const r = await cli("analyze", "--counties", "410402,410105", "--facilities", list, "--out", join(work, "two"));
    expect(r.code, r.err).not.toBe(2);
    expect(r.out).toContain(
      "平顶山市按本市规划核查，其规划未设共有规则中的 EMS-URBAN（城区每一处距最近的急救点不超过 5 公里）",
    );
    expect(r.out).toMatch(/如需对照，可另跑：--counties 410402(,\d{6})* --rules national \//);
    const summary = JSON.parse(readFileSync(join(work, "two", "summary.json"), "utf8"));
    expect(summary.ruleSets.find((s: { id: string }) => s.id === "pingdingshan").sharedRulesNotSet).toEqual([
      "EMS-URBAN",
      "EMS-RURAL",
      "VC-PER-VILLAGE",
    ]);
    // that run, as typed: 平顶山 said to have its plan, checked by the chosen set for comparison, not 「未加载本地规划」
    const again = await cli(
      "analyze",
      "--counties",
      "410402",
      "--rules",
      "national",
      "--facilities",
      list,
      "--out",
      join(work, "national"),
    );
    expect(again.code, again.err).not.toBe(2);
    expect(again.out).toContain("平顶山市有本市规划，此次按 --rules 所选的规则集");
    expect(again.out).not.toContain("该市未加载本地规划");
  }, 120_000);
});
