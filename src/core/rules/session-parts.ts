import type { CountyCoverage } from "../coverage/county-coverage";
import type { CountyProps, Facility } from "../model";
import type { RuleOutcome } from "./context";
import type { BBox } from "./helpers";
import type { Rule } from "./schema";
import type { AnalysisInput, AnalysisParams, CountyReport, GapFeature, TownshipRow, Violation } from "./types";

/** The analysis session's parts: its per-county state, coverage layers and small helpers (see session.ts). */

export type CoverageRule = Rule & { kind: "radius-coverage" };

/** One coverage layer: the sites of one EMS rule at one radius (the rule's own, or a range end drawn as a ring). */
export interface Layer {
  key: string;
  rule: CoverageRule;
  radiusKm: number;
  main: boolean;
}

export interface CountyState {
  props: CountyProps;
  bbox: BBox;
  coverage: CountyCoverage;
  result?: {
    report: CountyReport;
    violations: Violation[];
    gaps: GapFeature[];
    qualifying: RuleOutcome["qualifying"];
    townships: TownshipRow[];
  };
}

/** Whether two urban definitions draw the same urban area. */
export function sameUrban(a: AnalysisParams["urban"], b: AnalysisParams["urban"]): boolean {
  return (
    a.centralCityRadiusKm === b.centralCityRadiusKm &&
    a.countySeatRadiusKm === b.countySeatRadiusKm &&
    a.polygons === b.polygons
  );
}

/** Whether the rule set binds a county: the plan's city, and its listed counties when it lists them. */
export function inScope(ruleSet: AnalysisInput["ruleSet"], county: CountyProps): boolean {
  const scope = ruleSet.scope;
  if (!scope) return true;
  return county.city === scope.city && (!scope.counties || scope.counties.includes(county.code));
}

/** Whether two boxes overlap. */
export function boxesMeet(a: BBox, b: BBox): boolean {
  return a[0] <= b[2] && a[2] >= b[0] && a[1] <= b[3] && a[3] >= b[1];
}

/** Appends `f` to the list under `key`. */
export function pushTo(m: Map<string, Facility[]>, key: string, f: Facility): void {
  const list = m.get(key);
  if (list) list.push(f);
  else m.set(key, [f]);
}
