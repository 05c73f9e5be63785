import { basename, join } from "node:path";
import { parseRuleSet, type RuleSet } from "../core";
import { InputError, REPO_ROOT, readJson } from "./common";

/** The rule set bundled with the tool (seeds/ruleset-default.json): every rule of the five plans. */
export const DEFAULT_RULES_FILE = join(REPO_ROOT, "seeds", "ruleset-default.json");

/** Reads and validates a rule set; throws InputError naming the file and each bad JSON path (exit 2). */
export function loadRuleSet(file: string = DEFAULT_RULES_FILE): RuleSet {
  const parsed = parseRuleSet(readJson(file, "规则集 rule set"), basename(file));
  if (!parsed.ok) throw new InputError([`${basename(file)}: 规则集无效 / invalid rule set`, ...parsed.errors]);
  return parsed.ruleSet;
}
