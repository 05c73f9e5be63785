import { type Evaluator, outcome } from "../context";
import { isPublic } from "../helpers";
import { RATIO_PER_1000 } from "../messages";

/**
 * BEDS-PER-1000 / THC-BEDS: beds per 1,000 people in the county (the city's own target where the rule has one).
 * `publicOnly` counts public facilities only; `countyPopulationAsProxy` says the rule is a per-centre norm scored
 * with the county population standing in for the service population.
 */
export const ratioPer1000: Evaluator<"ratio-per-1000"> = (rule, ctx) => {
  const target = rule.params.byCity?.[ctx.props.city] ?? rule.params.perThousand;
  const pop = ctx.population?.population;
  const scoped = ctx.facilities.filter(
    (f) => rule.appliesTo.includes(f.type) && (!rule.params.publicOnly || isPublic(f)),
  );
  const withBeds = scoped.filter((f) => typeof f.beds === "number" && Number.isFinite(f.beds));
  const base = { rule: rule.id, limit: target.value };
  if (pop === undefined || pop <= 0) {
    return outcome({ ...base, status: "needs-data", message: RATIO_PER_1000.needsPopulation() });
  }
  if (withBeds.length === 0) {
    return outcome({ ...base, status: "needs-data", message: RATIO_PER_1000.needsBeds() });
  }
  const beds = withBeds.reduce((s, f) => s + (f.beds as number), 0);
  const ratio = (beds / pop) * 1000;
  const ok = target.bound === "inclusive" ? ratio >= target.value : ratio > target.value;
  const missing = scoped.length - withBeds.length;
  return outcome({
    ...base,
    status: ok ? "pass" : "fail",
    count: beds,
    measured: ratio,
    expected: target.value,
    message: RATIO_PER_1000.result(
      { ratio, target: target.value, ok, missing },
      ctx.population?.kind === "registered" ? "registered" : "resident",
      rule.params.countyPopulationAsProxy === true,
    ),
  });
};
