import type { AnalysisReport, RuleSet } from "../../core";
import { useI18n } from "../i18n";
import type { Check } from "./CheckItem";
import { CheckItem, STATUS_ICON, STATUS_LABEL } from "./CheckItem";

/**
 * The city row, above the counties: the indicators a plan sets for the whole city (beds per 1,000, staff, shares),
 * judged over the counties the plan binds, each marked 约束性 or 预期性 as the plan marks it. County rows of these
 * indicators are information only. A summary line counts the verdicts; the checks open below it.
 */
export function CityRow({ city, ruleSet }: { city: NonNullable<AnalysisReport["city"]>; ruleSet: RuleSet }) {
  const { t } = useI18n();
  const counts = new Map<Check["status"], number>();
  for (const k of city.checks) counts.set(k.status, (counts.get(k.status) ?? 0) + 1);
  return (
    <details className="city-row" data-testid="city-row">
      <summary>
        <b>{t("cityRowHeading", city.counties.length)}</b>
        {city.population !== undefined ? ` · ${t("populationShort", city.population)}` : ""}
        {[...counts].map(([status, n]) => (
          <span key={status} className={`check-count ${status}`} data-status={status} data-count={n}>
            {" "}
            {STATUS_ICON[status]} {t(STATUS_LABEL[status])} {n}
          </span>
        ))}
      </summary>
      <ul>
        {city.checks.map((k) => (
          <CheckItem key={k.rule} check={k} ruleSet={ruleSet} />
        ))}
      </ul>
    </details>
  );
}
