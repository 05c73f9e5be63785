import { type Evaluator, outcome } from "../context";
import { RADIUS_COVERAGE } from "../messages";

/** Which network a coverage figure counts, in the check's message (each county's own, or cross-border). */
const NETWORK = {
  own: { zh: "（仅计本县急救网络）", en: " (the county's own network only)" },
  cross: { zh: "（计入邻县急救点）", en: " (neighbouring counties' points counted)" },
};

/**
 * EMS-URBAN / EMS-RURAL: the share of the urban (rural) area within the radius of an EMS point, and its gaps; the
 * message says which network was counted (each county's own by default, or cross-border).
 */
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
      message: withNetwork(RADIUS_COVERAGE.result(rule.area, cov), ctx.params.crossBorder),
    },
    [],
    { gaps: cov.gaps },
  );
};

function withNetwork(m: { zh: string; en: string }, crossBorder: boolean): { zh: string; en: string } {
  const n = crossBorder ? NETWORK.cross : NETWORK.own;
  return { zh: `${m.zh}${n.zh}`, en: `${m.en}${n.en}` };
}
