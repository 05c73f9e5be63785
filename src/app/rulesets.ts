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

export function findRule(ruleSet: RuleSet, ruleId: string): Rule | undefined {
  return ruleSet.rules.find((r) => r.id === ruleId);
}
