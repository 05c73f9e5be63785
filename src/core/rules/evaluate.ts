import type { CountyContext, Evaluator, RuleOutcome } from "./context";
import { countByPopulationBand } from "./kinds/count-by-population-band";
import { minDistanceOutsideUrban } from "./kinds/min-distance-outside-urban";
import { noNewInUrban } from "./kinds/no-new-in-urban";
import { onePerUnit } from "./kinds/one-per-unit";
import { radiusCoverage } from "./kinds/radius-coverage";
import { ratioPer1000 } from "./kinds/ratio-per-1000";
import { requiredSet } from "./kinds/required-set";
import { shareOfType } from "./kinds/share-of-type";
import { tiers } from "./kinds/tiers";
import { travelTime } from "./kinds/travel-time";
import type { Rule, RuleKind } from "./schema";

/** One evaluator per rule kind; the mapped type makes the compiler reject a kind without one. */
export const EVALUATORS: { readonly [K in RuleKind]: Evaluator<K> } = {
  "radius-coverage": radiusCoverage,
  "travel-time": travelTime,
  "min-distance-outside-urban": minDistanceOutsideUrban,
  "count-by-population-band": countByPopulationBand,
  "one-per-unit": onePerUnit,
  "required-set": requiredSet,
  "share-of-type": shareOfType,
  "no-new-in-urban": noNewInUrban,
  tiers,
  "ratio-per-1000": ratioPer1000,
};

/** Scores one rule in one county with the evaluator of its kind. */
export function evaluateRule(rule: Rule, ctx: CountyContext): RuleOutcome {
  const evaluate = EVALUATORS[rule.kind] as Evaluator<typeof rule.kind>;
  return evaluate(rule as never, ctx);
}
