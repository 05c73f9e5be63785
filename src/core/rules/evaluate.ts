import type { CountyContext, Evaluator, RuleOutcome } from "./context";
import { outcome } from "./context";
import { indicatorCountyRow, minimumCountyRow, ownershipShareCountyRow } from "./kinds/city-level";
import { countByPopulationBand } from "./kinds/count-by-population-band";
import { minDistanceOutsideUrban } from "./kinds/min-distance-outside-urban";
import { noNewInUrban } from "./kinds/no-new-in-urban";
import { onePerUnit } from "./kinds/one-per-unit";
import { peoplesHospitalGrade } from "./kinds/peoples-hospital-grade";
import { perCentreBeds } from "./kinds/per-centre-beds";
import { radiusCoverage } from "./kinds/radius-coverage";
import { requiredSet } from "./kinds/required-set";
import { shareOfType } from "./kinds/share-of-type";
import { tiers } from "./kinds/tiers";
import { travelTime } from "./kinds/travel-time";
import { UNITS } from "./messages";
import type { Rule, RuleKind } from "./schema";

/**
 * One evaluator per rule kind; the mapped type makes the compiler reject a kind without one. City-level kinds
 * (indicators, ownership shares, minimums for a population) score a county row for information here; the city row
 * is judged by the session over the counties the plan binds.
 */
export const EVALUATORS: { readonly [K in RuleKind]: Evaluator<K> } = {
  "radius-coverage": radiusCoverage,
  "travel-time": travelTime,
  "min-distance-outside-urban": minDistanceOutsideUrban,
  "count-by-population-band": countByPopulationBand,
  "one-per-unit": onePerUnit,
  "required-set": requiredSet,
  "peoples-hospital-grade": peoplesHospitalGrade,
  "share-of-type": shareOfType,
  "ownership-share": ownershipShareCountyRow,
  "no-new-in-urban": noNewInUrban,
  tiers,
  indicator: indicatorCountyRow,
  "minimum-for-population": minimumCountyRow,
  "per-centre-beds": perCentreBeds,
};

/**
 * Scores one rule in one county with the evaluator of its kind. A district is not judged by a rule whose plan
 * words its units without districts (县（市）); every check carries the units in the plan's words, in its message.
 */
export function evaluateRule(rule: Rule, ctx: CountyContext): RuleOutcome {
  const units = UNITS.label(rule.units);
  if (!rule.units.districts && ctx.props.kind === "district") {
    const m = UNITS.notForDistricts(rule.units);
    return outcome({
      rule: rule.id,
      status: "not-applicable",
      units,
      message: { zh: `${m.zh}〔${units.zh}〕`, en: `${m.en} [${units.en}]` },
    });
  }
  const evaluate = EVALUATORS[rule.kind] as Evaluator<typeof rule.kind>;
  const o = evaluate(rule as never, ctx);
  const c = o.check;
  return {
    ...o,
    check: { ...c, units, message: { zh: `${c.message.zh}〔${units.zh}〕`, en: `${c.message.en} [${units.en}]` } },
  };
}
