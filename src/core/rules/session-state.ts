import type { CountyCoverage } from "../coverage/county-coverage";
import type { CountyProps } from "../model";
import type { RuleOutcome } from "./context";
import type { BBox } from "./helpers";
import { SCOPE } from "./messages";
import type { Rule, RuleSet } from "./schema";
import type { CountyTravel } from "./travel";
import type { CountyReport, GapFeature, TownshipRow, Violation } from "./types";

/** What the analysis session keeps per county between reports. */

export type TravelRule = Rule & { kind: "travel-time" };

export interface CountyState {
  props: CountyProps;
  bbox: BBox;
  coverage: CountyCoverage;
  travel: CountyTravel;
  result?: CountyResult;
  /**
   * The last result while roads or speeds are all that changed since: the next score evaluates only the travel-time
   * rules and takes every other rule's outcome and the townships from here. Any other change clears it.
   */
  roadsOnly?: CountyResult;
}

export interface CountyResult {
  report: CountyReport;
  violations: Violation[];
  gaps: GapFeature[];
  qualifying: RuleOutcome["qualifying"];
  townships: TownshipRow[];
  /** Each rule's outcome, in the rule set's order (empty for a county outside the rule set's scope). */
  outcomes: RuleOutcome[];
}

/** Scores the county again from scratch at the next report(). */
export function invalidate(s: CountyState): void {
  s.result = undefined;
  s.roadsOnly = undefined;
}

/** The result of a county outside the rule set's scope: every check out-of-scope, with the plan's note. */
export function outOfScopeResult(ruleSet: RuleSet, base: Omit<CountyReport, "inScope" | "checks">): CountyResult {
  const note = ruleSet.scope?.note ?? SCOPE.allJudged();
  const message = SCOPE.outOfScope(note, base.name);
  return {
    report: {
      ...base,
      inScope: false,
      checks: ruleSet.rules.map((r) => ({ rule: r.id, status: "out-of-scope", message })),
    },
    violations: [],
    gaps: [],
    qualifying: [],
    townships: [],
    outcomes: [],
  };
}
