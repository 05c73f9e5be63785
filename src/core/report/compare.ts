import type { AnalysisReport, CheckStatus } from "../rules";

/** The EMS radius rules, whose covered shares the before/after table (and each site's own effect) gives. */
export const RADIUS_RULES: ReadonlySet<string> = new Set(["EMS-RURAL", "EMS-URBAN"]);

/** Whether the report judges an EMS service radius (a rule set with EMS-RURAL or EMS-URBAN: 002, for one, has none). */
export function checksRadius(report: Pick<AnalysisReport, "counties"> | null): boolean {
  return !!report?.counties.some((c) => c.checks.some((k) => RADIUS_RULES.has(k.rule)));
}

function ruleShare(r: AnalysisReport | null, code: string, rule: string) {
  return r?.counties.find((c) => c.code === code)?.checks.find((k) => k.rule === rule);
}

/**
 * What the proposed sites changed: per county and EMS radius rule, the covered share, uncovered area and verdict
 * before and after (every county where any of them moved: a share moving by less than 0.05 pp can still flip the
 * verdict, 99.98 % → 100 %; a county with no figure before, 缺数据, that has one now), and the failing checks and
 * violations before and after; and every other county check whose verdict or message changed (`checks`), with its
 * message before and now.
 */
export function comparison(report: AnalysisReport | null, baseline: AnalysisReport | null) {
  if (!report || !baseline) return null;
  const rows = report.counties.flatMap((c) => {
    const out: {
      code: string;
      name: string;
      rule: string;
      /** Undefined where the check had no figure before (缺数据: a city with no facility list, before its first site). */
      before: number | undefined;
      after: number;
      gapBefore: number | undefined;
      gapAfter: number;
      statusBefore: CheckStatus;
      statusAfter: CheckStatus;
    }[] = [];
    for (const rule of RADIUS_RULES) {
      const a = ruleShare(report, c.code, rule);
      const b = ruleShare(baseline, c.code, rule);
      if (a?.coveredShare === undefined || !b) continue;
      // any change is listed: a share moving by less than 0.05 pp can still flip the verdict (99.98 % → 100 %); a
      // check that had no figure before (缺数据) and has one now is listed with "–" before
      const gapBefore = b.coveredShare === undefined ? undefined : (b.uncoveredAreaKm2 ?? 0);
      const gapAfter = a.uncoveredAreaKm2 ?? 0;
      const same =
        b.coveredShare !== undefined &&
        gapBefore !== undefined &&
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
  // the other checks a site changed, each county's, with what the check says now: a sub-centre placed 14.99 km from the
  // county medical centre read only 「不达标项: 79 → 80」 (the planner trial, s46-b #11); the EMS radius rules are the
  // table above, the city rows are not a county's
  const checks = report.counties.flatMap((c) =>
    c.checks.flatMap((a) => {
      if (RADIUS_RULES.has(a.rule)) return [];
      const b = ruleShare(baseline, c.code, a.rule);
      if (!b || (a.status === b.status && a.message.zh === b.message.zh)) return [];
      return [
        {
          code: c.code,
          name: c.name,
          rule: a.rule,
          statusBefore: b.status,
          statusAfter: a.status,
          // what it said before too: 「✗ → ✗ 现在：…8 个缺」 hid the 10 before (the re-trial, s50b L1)
          before: b.message,
          now: a.message,
        },
      ];
    }),
  );
  const fails = (r: AnalysisReport) =>
    r.counties.reduce((n, c) => n + c.checks.filter((k) => k.status === "fail").length, 0);
  return {
    rows,
    checks,
    failsBefore: fails(baseline),
    failsAfter: fails(report),
    violationsBefore: baseline.violations.length,
    violationsAfter: report.violations.length,
  };
}
