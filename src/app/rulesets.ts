import type { Rule, RuleSet } from "../core";

// The plans' rule sets ship with the app (seeds/*.json, validated by the unit tests).
const FILES = import.meta.glob("../../seeds/ruleset-*.json", { eager: true, import: "default" }) as Record<
  string,
  RuleSet
>;

/** All rule sets, the combined default first, then by document number. */
export const RULE_SETS: RuleSet[] = Object.values(FILES).sort((a, b) =>
  a.id === "default" ? -1 : b.id === "default" ? 1 : a.id.localeCompare(b.id),
);

export function ruleSetById(id: string): RuleSet {
  return RULE_SETS.find((r) => r.id === id) ?? RULE_SETS[0];
}

/** The set for a city with no local plan loaded (seeds/ruleset-national.json): the rules the plans share. */
export const NATIONAL_RULE_SET: RuleSet | undefined = RULE_SETS.find((r) => r.noLocalPlan);

/** The sets a plan city offers: its plans' sets and the combined default (the national set is for other cities). */
export const PLAN_RULE_SETS: RuleSet[] = RULE_SETS.filter((r) => !r.noLocalPlan);

/**
 * The rule set that applies to a city: a plan city's chosen set (one of {@link PLAN_RULE_SETS}); for any other
 * city the national set, whatever the session chose for the plan cities.
 */
export function ruleSetFor(localPlan: boolean, chosenId: string): RuleSet {
  if (!localPlan && NATIONAL_RULE_SET) return NATIONAL_RULE_SET;
  return PLAN_RULE_SETS.find((r) => r.id === chosenId) ?? PLAN_RULE_SETS[0];
}

export function findRule(ruleSet: RuleSet, ruleId: string): Rule | undefined {
  return ruleSet.rules.find((r) => r.id === ruleId);
}
