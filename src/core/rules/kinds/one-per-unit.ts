import type { Facility } from "../../model";
import { type Evaluator, outcome } from "../context";
import { isPublic } from "../helpers";
import { ONE_PER_UNIT as M } from "../messages";
import type { Violation } from "../types";

/**
 * THC-PER-TOWNSHIP / CHC-PER-STREET / VC-PER-VILLAGE: each township, street or administrative village of the
 * county's division list has its facility (by the facility's 9- or 12-digit code). A missing one is an error, or a
 * review where adjacent villages may share a clinic; more than one per township is a review.
 */
export const onePerUnit: Evaluator<"one-per-unit"> = (rule, ctx) => {
  const code = ctx.props.code;
  if (!ctx.divisions) {
    return outcome({ rule: rule.id, status: "needs-data", message: M.needsDivisions(rule.unit) });
  }
  const exempt = new Set(rule.exemptions);
  const counted = ctx.facilities.filter(
    (f) => rule.appliesTo.includes(f.type) && (!exempt.has("private") || isPublic(f)),
  );
  type Unit = { code: string; name: string };
  let units: Unit[] = [];
  let exemptUnits = 0;
  const key = rule.unit === "village" ? "village" : "township";
  if (rule.unit === "village") {
    const thcVillages = new Set(
      ctx.facilities
        .filter((f) => (f.type === "thc" || f.type === "central-thc" || f.type === "sub-centre") && f.village)
        .map((f) => f.village as string),
    );
    for (const t of ctx.divisions.townships)
      for (const v of t.villages) {
        if (v.kind === "community") continue;
        if (exempt.has("thc-village") && thcVillages.has(v.code)) {
          exemptUnits++;
          continue;
        }
        units.push(v);
      }
  } else {
    units = ctx.divisions.townships.filter((t) =>
      rule.unit === "street" ? t.kind === "街道" : t.kind === "镇" || t.kind === "乡",
    );
  }
  const byUnit = new Map<string, Facility[]>();
  let unassigned = 0;
  for (const f of counted) {
    const c = f[key];
    if (!c) {
      unassigned++;
      continue;
    }
    const list = byUnit.get(c) ?? [];
    list.push(f);
    byUnit.set(c, list);
  }
  const need = rule.params.perUnit.value;
  const violations: Violation[] = [];
  let missing = 0;
  let satisfied = 0;
  const shared = rule.unit === "village" && exempt.has("shared-clinic");
  for (const u of units) {
    const have = byUnit.get(u.code) ?? [];
    if (have.length < need) {
      missing++;
      violations.push({
        rule: rule.id,
        severity: shared ? "review" : "error",
        county: code,
        unitCode: u.code,
        unitName: u.name,
        message: M.missing(u.name, rule.appliesTo, shared),
      });
      continue;
    }
    satisfied++;
    if (rule.unit !== "village" && have.length > need) {
      violations.push({
        rule: rule.id,
        severity: "review",
        county: code,
        unitCode: u.code,
        unitName: u.name,
        message: M.several(
          u.name,
          rule.appliesTo,
          have.map((f) => f.name),
        ),
      });
    }
  }
  if (units.length === 0) {
    return outcome({ rule: rule.id, status: "not-applicable", count: 0, expected: 0, message: M.noUnits(rule.unit) });
  }
  return outcome(
    {
      rule: rule.id,
      status: missing > 0 && !shared ? "fail" : "pass",
      count: satisfied,
      expected: units.length,
      measured: missing,
      message: M.summary(rule.unit, rule.appliesTo, {
        units: units.length,
        satisfied,
        missing,
        unassigned,
        exemptUnits,
      }),
    },
    violations,
  );
};
