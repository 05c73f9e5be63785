import type { Facility } from "../model";
import type { RuleSet } from "./schema";
import type { AnalysisReport, Violation } from "./types";

/**
 * How a facility stands against the rule set: `violates` when a violation names it (a "review" entry is a planner's
 * look, not a failure), `passes` when some rule of the set checks its type, else `not-checked`. A facility registered
 * to a county the plan does not bind (a context county, e.g. 邢台's other units under 002) is `not-checked`: it is
 * shown, not judged.
 */
export type FacilityStatus = "passes" | "violates" | "not-checked";

/** Every facility's {@link FacilityStatus} by id; an empty map while there is no report. */
export function facilityStatuses(
  report: (Pick<AnalysisReport, "violations"> & Partial<Pick<AnalysisReport, "counties">>) | null,
  facilities: readonly Pick<Facility, "id" | "type" | "county">[],
  ruleSet: Pick<RuleSet, "rules">,
): Map<string, FacilityStatus> {
  const out = new Map<string, FacilityStatus>();
  if (!report) return out;
  const checked = new Set(ruleSet.rules.flatMap((r) => r.appliesTo));
  const context = new Set((report.counties ?? []).filter((c) => c.inScope === false).map((c) => c.code));
  for (const f of facilities) {
    const judged = checked.has(f.type) && !(f.county && context.has(f.county));
    out.set(f.id, judged ? "passes" : "not-checked");
  }
  for (const v of report.violations) {
    if (v.facilityId && v.severity !== "review" && out.has(v.facilityId)) out.set(v.facilityId, "violates");
  }
  return out;
}

/**
 * The map's county tint: the verdict of the rule set's radius-coverage checks (EMS service radius, the map's
 * subject); `fail` when one of them fails, `pass` when at least one passes and none fails, `none` when no such
 * check has a verdict (not applicable, needs data, or no such rule).
 */
export type CountyTint = "pass" | "fail" | "none";

/** Each county's {@link CountyTint} by code, for every county of the report. */
export function countyTints(
  report: Pick<AnalysisReport, "counties">,
  ruleSet: Pick<RuleSet, "rules">,
): Map<string, CountyTint> {
  const radius = new Set(ruleSet.rules.filter((r) => r.kind === "radius-coverage").map((r) => r.id as string));
  const out = new Map<string, CountyTint>();
  for (const c of report.counties) {
    const verdicts = c.checks.filter((k) => radius.has(k.rule) && (k.status === "pass" || k.status === "fail"));
    out.set(c.code, verdicts.length === 0 ? "none" : verdicts.some((k) => k.status === "fail") ? "fail" : "pass");
  }
  return out;
}

/** FNV-1a, 32 bits, of a text's UTF-16 code units, as 8 hex digits: a stable short name for a message. */
function textHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}

/**
 * What a violation is about, for its key: the city row, its facility (`f:id`), its unit (`u:code`), a county's coverage,
 * else the county as a whole, named by `whole` (violationKeys: a hash of its sentence; site effects: the rule and county
 * alone, as its sentence changes with its figures).
 */
export function violationSubject(v: Violation, whole: (v: Violation) => string): string {
  return v.scope === "city"
    ? "city"
    : v.facilityId
      ? `f:${v.facilityId}`
      : v.unitCode
        ? `u:${v.unitCode}`
        : v.coverage
          ? "coverage"
          : whole(v);
}

/**
 * A key that names one violation across re-scores: its rule, county, and the facility or administrative unit it is
 * about; a coverage failure (one per county and rule) by its kind, so that it stays selected while its figures change
 * (a radius dragged, a site moved); a violation about none of these (a county missing a required hospital kind) is
 * told apart by its text, as a short hash of its English message (`t:3f9a0c21`): the key is an id in the Chinese
 * exports too, where the message itself read as untranslated English (the re-trial, s48 #6). Keys are unique within
 * one report: a repeat gets `#2`, `#3`… in report order.
 */
export function violationKeys(violations: readonly Violation[]): string[] {
  const seen = new Map<string, number>();
  return violations.map((v) => {
    const base = `${v.rule}|${v.county}|${violationSubject(v, (w) => `t:${textHash(w.message.en)}`)}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}#${n}`;
  });
}
