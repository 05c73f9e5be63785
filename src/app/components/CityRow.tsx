import type { AnalysisReport, RuleSet } from "../../core";
import { useI18n } from "../i18n";
import { CheckItem } from "./CheckItem";

/**
 * The city row, above the counties: the indicators a plan sets for the whole city (beds per 1,000, staff, shares),
 * judged over the counties the plan binds, each marked 约束性 or 预期性 as the plan marks it. County rows of these
 * indicators are information only.
 */
export function CityRow({ city, ruleSet }: { city: NonNullable<AnalysisReport["city"]>; ruleSet: RuleSet }) {
  const { t } = useI18n();
  return (
    <section className="city-row" data-testid="city-row">
      <h3>
        {t("cityRowHeading", city.counties.length)}
        {city.population !== undefined ? ` · ${t("populationShort", city.population)}` : ""}
      </h3>
      <ul>
        {city.checks.map((k) => (
          <CheckItem key={k.rule} check={k} ruleSet={ruleSet} />
        ))}
      </ul>
    </section>
  );
}
