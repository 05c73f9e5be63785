import { type Facility, type FacilityType, GRADED_TYPES, gradeLabel, gradeRank, type LocalizedText } from "../model";
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

/**
 * The import's whole-file warning of a list's hospitals that give no grade, where the rule set has checks that count
 * hospitals from a grade up (code "hospitals-ungraded"): each is read as ungraded, so such a check leaves it out or
 * cannot judge it (the EMS planner trial, s53 H1: a 宜春 list with no 等级 column left its six hospitals out of the
 * urban network, 004:439 「二级以上医院为支撑」, and the import said nothing). Names the rows (the first 10) and the
 * checks with the grade each asks for. None when every hospital gives a grade, or no rule asks for one.
 */
export function ungradedHospitalsIssue(
  file: string,
  facilities: readonly Facility[],
  rows: readonly number[] | undefined,
  ruleSet: RuleSet | undefined,
): RowIssue | undefined {
  if (!ruleSet) return undefined;
  const at = facilities.flatMap((f, k) =>
    GRADED_TYPES.has(f.type) && !f.proposed && gradeRank(f.grade) === undefined ? [rows?.[k] ?? k + 1] : [],
  );
  if (at.length === 0) return undefined;
  const asks = ruleSet.rules.flatMap((r) => {
    if (!r.appliesTo.some((t) => GRADED_TYPES.has(t))) return [];
    const p = r.params as { supportHospitalMinGrade?: unknown; minGrade?: unknown };
    const min =
      typeof p.supportHospitalMinGrade === "string"
        ? p.supportHospitalMinGrade
        : typeof p.minGrade === "string"
          ? p.minGrade
          : undefined;
    if (!min) return [];
    const lines = r.provenance.map((x) => `${x.doc}:${x.line}`);
    // joined in each language's own way (the re-trial, s54e: 「000:310、000:337」 in the English)
    return [{ id: r.id, grade: gradeLabel(min), cite: lines.join("、"), citeEn: lines.join(", ") }];
  });
  if (asks.length === 0) return undefined;
  const shown = at.slice(0, 10);
  const more = at.length - shown.length;
  const n = at.length;
  return {
    file,
    row: 0,
    field: "grade",
    // no value: the rows are in the message, and were printed twice after it (the re-trial, s54c L3)
    severity: "warning",
    code: "hospitals-ungraded",
    message: {
      zh: `${n} 所医院未填等级（第 ${shown.join("、")}${more > 0 ? ` 等 ${n}` : ""} 行）：按未定级计，以下检查不计入或无法判定：${asks.map((a) => `${a.id}（须${a.grade.zh}及以上，${a.cite}）`).join("、")}；请补填“等级”列（如“二级甲等”）后重新导入`,
      en: `${n === 1 ? "1 hospital gives" : `${n} hospitals give`} no grade (${n === 1 ? "row" : "rows"} ${shown.join(", ")}${more > 0 ? `, ${n} in all` : ""}): read as ungraded, so these checks leave ${n === 1 ? "it" : "them"} out or cannot judge ${n === 1 ? "it" : "them"}: ${asks.map((a) => `${a.id} (${a.grade.en} or above, ${a.citeEn})`).join(", ")}; fill in the grade column (e.g. 二级甲等) and import the list again`,
    },
  };
}
