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
 * The rule sets offered for a plan city: its own plans (the default) and "all five plans, for comparison". The
 * national set is never among them (a city without a local plan has no choice to make).
 */
export function ruleSetsFor(cityId: string): RuleSet[] {
  return RULE_SETS.filter((r) => r.comparison === true || r.scope?.city === cityId);
}

/**
 * The rule set in use for a city: for a city without a local plan (no set is scoped to it) the national set,
 * whatever was chosen for the plan cities; else the chosen one when it is the city's own or the comparison set,
 * else the city's own plans (a city's plans never judge another city).
 */
export function ruleSetFor(id: string, cityId: string): RuleSet {
  const own = RULE_SETS.find((r) => r.scope?.city === cityId);
  if (!own) return NATIONAL_RULE_SET ?? RULE_SETS[0];
  const chosen = RULE_SETS.find((r) => r.id === id);
  if (chosen && (chosen.comparison === true || chosen.scope?.city === cityId)) return chosen;
  return own;
}

export function findRule(ruleSet: RuleSet, ruleId: string): Rule | undefined {
  return ruleSet.rules.find((r) => r.id === ruleId);
}
