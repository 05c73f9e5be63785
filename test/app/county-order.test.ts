import { describe, expect, it } from "vitest";
import { byVerdict, verdictRank } from "../../src/app/county-order";
import type { AnalysisReport } from "../../src/core";

type County = AnalysisReport["counties"][number];
type Status = County["checks"][number]["status"];

function county(code: string, statuses: Status[], inScope = true): County {
  return {
    code,
    name: code,
    inScope,
    checks: statuses.map((status, i) => ({ rule: `R${i}`, status })),
  } as unknown as County;
}

describe("county table's default order: judged rows first", () => {
  it("puts 不达标 (most failing first), then 达标, then 缺数据, then the context units", () => {
    const rows = [
      county("130501", [], false),
      county("130502", ["needs-data", "needs-data"]),
      county("130503", ["pass", "needs-data"]),
      county("130504", ["fail", "pass"]),
      county("130505", ["fail", "fail", "pass"]),
      county("130506", ["pass"], false), // a context unit whatever its checks say
      county("130507", ["not-applicable"]),
    ];
    expect(byVerdict(rows).map((c) => c.code)).toEqual([
      "130505",
      "130504",
      "130503",
      "130502",
      "130507",
      "130501",
      "130506",
    ]);
    expect(rows.map(verdictRank)).toEqual([3, 2, 1, 0, 0, 3, 2]);
  });

  it("a one-county list: the county it covers first, the counties it has no facility in after (the user trial, s48 #11)", () => {
    const rows = [
      county("411302", ["fail", "fail", "fail"]),
      county("411303", ["fail", "fail"]),
      county("411330", ["fail", "pass"]),
      county("411399", ["pass"], false),
    ];
    expect(byVerdict(rows, new Set(["411302", "411303"])).map((c) => c.code)).toEqual([
      "411330",
      "411302",
      "411303",
      "411399",
    ]);
    // no list scope: as before
    expect(byVerdict(rows).map((c) => c.code)).toEqual(["411302", "411303", "411330", "411399"]);
  });

  it("keeps the input untouched and orders equal verdicts by code", () => {
    const rows = [county("2", ["pass"]), county("1", ["pass"])];
    expect(byVerdict(rows).map((c) => c.code)).toEqual(["1", "2"]);
    expect(rows.map((c) => c.code)).toEqual(["2", "1"]);
  });
});
