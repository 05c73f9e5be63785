import type { Rule, RuleSet } from "../core";

// The plans' rule sets ship with the app (seeds/*.json, validated by the unit tests).
const FILES = import.meta.glob("../../seeds/ruleset-*.json", { eager: true, import: "default" }) as Record<
  string,
  RuleSet
>;

/** All rule sets: the cities' own plans, the national set, then the comparison set of all five plans. */
export const RULE_SETS: RuleSet[] = Object.values(FILES).sort(
  (a, b) => Number(a.comparison === true) - Number(b.comparison === true) || a.id.localeCompare(b.id),
);

/** The set for a city with no local plan loaded (seeds/ruleset-national.json): the rules the plans share. */
export const NATIONAL_RULE_SET: RuleSet | undefined = RULE_SETS.find((r) => r.noLocalPlan !== undefined);

/**
 * The rule sets offered for a city: its own plans (the default) or, for a city without a local plan, the national set
 * (the default); then "all five plans, for comparison", whose every rule is then marked 仅作对比 (the user trial, s49
 * #3: a 郑州 planner could not see a sub-centre verdict at all, the national set stating no sub-centre rule).
 */
export function ruleSetsFor(cityId: string): RuleSet[] {
  const own = RULE_SETS.filter((r) => r.scope?.city === cityId);
  const first = own.length > 0 ? own : NATIONAL_RULE_SET ? [NATIONAL_RULE_SET] : [];
  return [...first, ...RULE_SETS.filter((r) => r.comparison === true)];
}

/**
 * The rule set in use for a city: the comparison set when chosen; else the city's own plans, or for a city without a
 * local plan (no set is scoped to it) the national set (a city's plans never judge another city, and the national
 * set no plan city). A change of city starts on the default again (the session's ruleSet is reset with the city).
 */
export function ruleSetFor(id: string, cityId: string): RuleSet {
  const own = RULE_SETS.find((r) => r.scope?.city === cityId);
  const chosen = RULE_SETS.find((r) => r.id === id);
  if (chosen?.comparison === true) return chosen;
  if (!own) return NATIONAL_RULE_SET ?? RULE_SETS[0];
  if (chosen && chosen.scope?.city === cityId) return chosen;
  return own;
}

export function findRule(ruleSet: RuleSet, ruleId: string): Rule | undefined {
  return ruleSet.rules.find((r) => r.id === ruleId);
}
