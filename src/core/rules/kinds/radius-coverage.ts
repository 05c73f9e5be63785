import { type Evaluator, outcome } from "../context";
import { RADIUS_COVERAGE } from "../messages";

/** EMS-URBAN / EMS-RURAL: the share of the urban (rural) area within the radius of an EMS point, and its gaps. */
export const radiusCoverage: Evaluator<"radius-coverage"> = (rule, ctx) => {
  const cov = ctx.coverage(rule);
  const base = { rule: rule.id, radiusKm: cov.radiusKm, areaKm2: cov.areaKm2 };
  if (cov.areaKm2 <= 0) {
    return outcome({ ...base, status: "not-applicable", message: RADIUS_COVERAGE.noArea(rule.area) });
  }
  return outcome(
    {
      ...base,
      status: cov.uncoveredKm2 <= 0 ? "pass" : "fail",
      coveredShare: cov.coveredShare,
      coveredKm2: cov.coveredKm2,
      uncoveredAreaKm2: cov.uncoveredKm2,
      limit: cov.radiusKm,
      ...(cov.rings ? { rings: cov.rings } : {}),
      ...(cov.demand ? { demand: cov.demand } : {}),
      ...(cov.population ? { population: cov.population } : {}),
      message: RADIUS_COVERAGE.result(rule.area, cov),
    },
    [],
    { gaps: cov.gaps },
  );
};
