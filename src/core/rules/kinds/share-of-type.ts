import { type Evaluator, outcome } from "../context";
import { isPublic } from "../helpers";
import { SHARE_OF_TYPE } from "../messages";

/**
 * CTHC-THIRD: the share of central THCs among the county's public THCs, against the target ± tolerance; outside it
 * a review where the plan words a target (「1/3左右」), not a hard limit.
 */
export const shareOfType: Evaluator<"share-of-type"> = (rule, ctx) => {
  const all = ctx.facilities.filter((f) => rule.appliesTo.includes(f.type) && isPublic(f));
  const num = all.filter((f) => rule.numerator.includes(f.type)).length;
  const target = rule.params.share.value;
  const tol = rule.params.tolerance.value;
  if (all.length === 0) {
    return outcome({ rule: rule.id, status: "not-applicable", count: 0, message: SHARE_OF_TYPE.none() });
  }
  const share = num / all.length;
  const ok = Math.abs(share - target) <= tol + 1e-12;
  return outcome({
    rule: rule.id,
    status: ok ? "pass" : (rule.params.outside ?? "fail"),
    count: num,
    total: all.length,
    expected: target,
    measured: share,
    limit: tol,
    message: SHARE_OF_TYPE.result(num, all.length, share, target, tol),
  });
};
