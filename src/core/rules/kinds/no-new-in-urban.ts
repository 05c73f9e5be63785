import { type Evaluator, outcome } from "../context";
import { hospitalKindOf } from "../helpers";
import { NO_NEW_IN_URBAN } from "../messages";
import type { Violation } from "../types";

/** NO-NEW-GH-URBAN: no proposed hospital of the kind inside the urban area. */
export const noNewInUrban: Evaluator<"no-new-in-urban"> = (rule, ctx) => {
  const proposed = ctx.facilities.filter(
    (f) => f.proposed && rule.appliesTo.includes(f.type) && hospitalKindOf(f) === rule.params.hospitalKind,
  );
  const bad = proposed.filter((f) => ctx.isUrban(f));
  const violations: Violation[] = bad.map((f) => ({
    rule: rule.id,
    severity: "error",
    facilityId: f.id,
    facilityName: f.name,
    county: ctx.props.code,
    lon: f.lon,
    lat: f.lat,
    message: NO_NEW_IN_URBAN.violation(f.name),
  }));
  return outcome(
    {
      rule: rule.id,
      status: bad.length > 0 ? "fail" : "pass",
      count: bad.length,
      message: NO_NEW_IN_URBAN.result(bad.length, proposed.length),
    },
    violations,
  );
};
