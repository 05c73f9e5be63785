import { type Evaluator, outcome } from "../context";
import { TIERS } from "../messages";
import type { Violation } from "../types";

/** EMS-TIERS: each county has its hub (e.g. the 120 dispatch centre); stations lying in a county belong to it. */
export const tiers: Evaluator<"tiers"> = (rule, ctx) => {
  const t = rule.params.perCounty;
  const need = rule.params.perCountyMin.value;
  const have = ctx.facilities.filter((f) => f.type === t).length;
  const violations: Violation[] = [];
  if (have < need) {
    violations.push({
      rule: rule.id,
      severity: "error",
      county: ctx.props.code,
      message: TIERS.missing(ctx.props.name, t),
    });
  }
  for (const f of ctx.located) {
    if (f.type !== "ems-station" || !f.county || f.county === ctx.props.code) continue;
    violations.push({
      rule: rule.id,
      severity: "error",
      facilityId: f.id,
      facilityName: f.name,
      county: ctx.props.code,
      lon: f.lon,
      lat: f.lat,
      message: TIERS.foreignStation(f.name, ctx.props.name, f.county),
    });
  }
  const foreign = violations.length > (have < need ? 1 : 0);
  return outcome(
    {
      rule: rule.id,
      status: violations.length > 0 ? "fail" : "pass",
      count: have,
      expected: need,
      message: TIERS.result(t, have, need, foreign),
    },
    violations,
  );
};
