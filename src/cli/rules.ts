import { existsSync } from "node:fs";
import { basename, join } from "node:path";
import { parseRuleSet, type RuleSet } from "../core";
import { InputError, REPO_ROOT, readJson } from "./common";

/** The bundled rule sets (seeds/ruleset-<name>.json): one per city, its own plans, and "all" for comparison. */
export const SEEDS_DIR = join(REPO_ROOT, "seeds");

/** The name accepted by `--rules` for the comparison set of all five plans. */
export const COMPARISON_RULES = "all";

/**
 * The rule-set file `--rules` names: a bundled set by name (a city such as "nanyang", or "all" for the five plans
 * for comparison), else a path; absent: the city's own plans (seeds/ruleset-<city>.json).
 */
export function ruleSetFile(rules: string | undefined, city: string): string {
  const name = rules ?? city;
  const bundled = join(SEEDS_DIR, `ruleset-${name}.json`);
  if (/^[a-z-]+$/.test(name) && existsSync(bundled)) return bundled;
  return name;
}

/** Reads and validates a rule set; throws InputError naming the file and each bad JSON path (exit 2). */
export function loadRuleSet(rules: string | undefined, city: string): RuleSet {
  const file = ruleSetFile(rules, city);
  const parsed = parseRuleSet(readJson(file, { zh: "规则集文件", en: "rule set file" }), basename(file));
  if (!parsed.ok) throw new InputError([`${basename(file)}: 规则集无效 / invalid rule set`, ...parsed.errors]);
  return parsed.ruleSet;
}
