import type { AnalysisReport, CheckStatus } from "../core";

function ruleShare(r: AnalysisReport | null, code: string, rule: string) {
  return r?.counties.find((c) => c.code === code)?.checks.find((k) => k.rule === rule);
}

/**
 * What the proposed sites changed: per county and EMS radius rule, the covered share, uncovered area and verdict
 * before and after (every county where any of them moved: a share moving by less than 0.05 pp can still flip the
 * verdict, 99.98 % → 100 %), and the failing checks and violations before and after.
 */
export function comparison(report: AnalysisReport | null, baseline: AnalysisReport | null) {
  if (!report || !baseline) return null;
  const rows = report.counties.flatMap((c) => {
    const out: {
      code: string;
      name: string;
      rule: string;
      before: number;
      after: number;
      gapBefore: number;
      gapAfter: number;
      statusBefore: CheckStatus;
      statusAfter: CheckStatus;
    }[] = [];
    for (const rule of ["EMS-RURAL", "EMS-URBAN"]) {
      const a = ruleShare(report, c.code, rule);
      const b = ruleShare(baseline, c.code, rule);
      if (a?.coveredShare === undefined || b?.coveredShare === undefined) continue;
      // any change is listed: a share moving by less than 0.05 pp can still flip the verdict (99.98 % → 100 %)
      const gapBefore = b.uncoveredAreaKm2 ?? 0;
      const gapAfter = a.uncoveredAreaKm2 ?? 0;
      const same =
        a.status === b.status &&
        Math.abs(a.coveredShare - b.coveredShare) < 1e-9 &&
        Math.abs(gapBefore - gapAfter) < 1e-6;
      if (same) continue;
      out.push({
        code: c.code,
        name: c.name,
        rule,
        before: b.coveredShare,
        after: a.coveredShare,
        gapBefore,
        gapAfter,
        statusBefore: b.status,
        statusAfter: a.status,
      });
    }
    return out;
  });
  const fails = (r: AnalysisReport) =>
    r.counties.reduce((n, c) => n + c.checks.filter((k) => k.status === "fail").length, 0);
  return {
    rows,
    failsBefore: fails(baseline),
    failsAfter: fails(report),
    violationsBefore: baseline.violations.length,
    violationsAfter: report.violations.length,
  };
}
