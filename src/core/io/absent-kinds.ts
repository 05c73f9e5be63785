import type { Facility, FacilityType, LocalizedText } from "../model";
import type { RuleSet } from "../rules/schema";
import type { RowIssue } from "./types";

/** The kinds of facility a list may lack as a whole, with the checks that then judge them as absent. */
const KINDS: ReadonlyArray<{ types: readonly FacilityType[]; label: LocalizedText; checks: LocalizedText }> = [
  {
    types: ["hospital", "county-medical-centre"],
    label: { zh: "医院", en: "hospitals" },
    checks: { zh: "县级医院", en: "county hospitals" },
  },
  {
    types: ["ems-centre", "ems-dispatch", "ems-station"],
    label: { zh: "急救中心/站", en: "EMS centres or stations" },
    checks: { zh: "急救半径", en: "EMS radii" },
  },
];

/** The kinds a facility list has none of at all, and the rules of the rule set that judge only those kinds. */
export interface AbsentKinds {
  /** The kinds missing from the list, in the plans' words (「医院」「急救中心/站」). */
  kinds: LocalizedText[];
  /** What their checks are about (「县级医院」「急救半径」). */
  checks: LocalizedText[];
  /** The ids of the rules that will judge them as absent, in the rule set's order. */
  rules: string[];
}

/**
 * The kinds of facility (hospitals; EMS centres and stations) a list holds none of at all, among those the rule set
 * has checks for (a rule whose types are all of the kind): those checks will judge every county as having none, which
 * reflects the list, not the county (the user trial, s46-a #6: a 基层卫生信息系统 export of 卫生院 and 村卫生室 gave each
 * county six hospital and EMS failures, with no word that the list has no hospital or EMS point). Proposed sites are
 * not the list's. Undefined when the list is empty (said elsewhere) or lacks no such kind.
 */
export function absentKinds(facilities: readonly Facility[], ruleSet: RuleSet | undefined): AbsentKinds | undefined {
  const listed = facilities.filter((f) => !f.proposed);
  if (!ruleSet || listed.length === 0) return undefined;
  const present = new Set(listed.map((f) => f.type));
  const out: AbsentKinds = { kinds: [], checks: [], rules: [] };
  for (const k of KINDS) {
    if (k.types.some((t) => present.has(t))) continue;
    const rules = ruleSet.rules.filter((r) => r.appliesTo.every((t) => k.types.includes(t)));
    if (rules.length === 0) continue;
    out.kinds.push(k.label);
    out.checks.push(k.checks);
    out.rules.push(...rules.map((r) => r.id));
  }
  return out.kinds.length > 0 ? out : undefined;
}

/**
 * What {@link absentKinds} says, one sentence: 「清单中没有医院、急救中心/站：县级医院、急救半径等检查将按“无”判定，结论反映
 * 清单而非实况；涉及的检查：COUNTY-3-HOSPITALS、…」. The import's note and the review report's data-source section both say it.
 */
export function absentKindsText(a: AbsentKinds): LocalizedText {
  const zh = (xs: LocalizedText[]) => xs.map((x) => x.zh).join("、");
  const en = (xs: LocalizedText[]) => xs.map((x) => x.en).join(" and ");
  return {
    zh: `清单中没有${zh(a.kinds)}：${zh(a.checks)}等检查将按“无”判定，结论反映清单而非实况；涉及的检查：${a.rules.join("、")}`,
    en: `the list has no ${en(a.kinds)} at all: the checks of ${en(a.checks)} will judge them as absent, which reflects the list, not the counties; the checks: ${a.rules.join(", ")}`,
  };
}

/** The import's whole-file warning of {@link absentKinds} (code "kinds-absent-from-list"); none when nothing lacks. */
export function absentKindsIssue(
  file: string,
  facilities: readonly Facility[],
  ruleSet: RuleSet | undefined,
): RowIssue | undefined {
  const a = absentKinds(facilities, ruleSet);
  if (!a) return undefined;
  return {
    file,
    row: 0,
    field: "",
    severity: "warning",
    code: "kinds-absent-from-list",
    message: absentKindsText(a),
  };
}
