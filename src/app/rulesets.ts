import type { Rule, RuleSet } from "../core";

// The plans' rule sets ship with the app (seeds/*.json, validated by the unit tests).
const FILES = import.meta.glob("../../seeds/ruleset-*.json", { eager: true, import: "default" }) as Record<
  string,
  RuleSet
>;

/** All rule sets: the cities' own plans, then the comparison set of all five plans. */
export const RULE_SETS: RuleSet[] = Object.values(FILES).sort(
  (a, b) => Number(a.comparison === true) - Number(b.comparison === true) || a.id.localeCompare(b.id),
);

/** The rule sets offered for a city: its own plans (the default) and "all five plans, for comparison". */
export function ruleSetsFor(cityId: string): RuleSet[] {
  return RULE_SETS.filter((r) => r.comparison === true || r.scope?.city === cityId);
}

/**
 * The rule set in use for a city: the chosen one when it is the city's own or the comparison set, else the city's
 * own plans (a city's plans never judge another city), else the first set.
 */
export function ruleSetFor(id: string, cityId: string): RuleSet {
  const chosen = RULE_SETS.find((r) => r.id === id);
  if (chosen && (chosen.comparison === true || chosen.scope?.city === cityId)) return chosen;
  return RULE_SETS.find((r) => r.scope?.city === cityId) ?? RULE_SETS[0];
}

export function findRule(ruleSet: RuleSet, ruleId: string): Rule | undefined {
  return ruleSet.rules.find((r) => r.id === ruleId);
}
