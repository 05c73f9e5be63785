import type { AnalysisReport } from "../core";

type County = AnalysisReport["counties"][number];

/**
 * Where a county's row goes in the table before the user picks a sort: the judged rows first, a reviewer's order:
 * 不达标 (some check fails), then 达标 (some check passes, none fails), then 缺数据 (nothing could be judged), then the
 * context units the plan does not bind. 邢台's one judged unit, 南宫市, heads its 19 rows instead of being row 18.
 */
export function verdictRank(c: County): number {
  if (!c.inScope) return 3;
  if (c.checks.some((k) => k.status === "fail")) return 0;
  if (c.checks.some((k) => k.status === "pass")) return 1;
  return 2;
}

/**
 * The counties in verdict order (verdictRank), more failing checks first within 不达标, then by code; the judged
 * counties an imported list has no facility in (`notInList`, the report's listScope.missing) after those it covers,
 * before the context units: a one-county list's county heads the table, not below twelve 「清单未含」 rows judged as
 * having nothing (the user trial, s48 #11).
 */
export function byVerdict(counties: readonly County[], notInList: ReadonlySet<string> = new Set()): County[] {
  const fails = (c: County) => c.checks.filter((k) => k.status === "fail").length;
  const listed = (c: County) => (c.inScope && notInList.has(c.code) ? 1 : 0);
  return [...counties].sort(
    (a, b) =>
      (a.inScope ? 0 : 1) - (b.inScope ? 0 : 1) ||
      listed(a) - listed(b) ||
      verdictRank(a) - verdictRank(b) ||
      fails(b) - fails(a) ||
      a.code.localeCompare(b.code),
  );
}
