import type { LocalizedText } from "../model";
import { PLAN_BINDING } from "./messages";
import type { RuleId, RuleSet } from "./schema";
import type { Check } from "./types";

// Which plans bind which city: each plan binds its own city only (docs/rules.md §1). The comparison set
// (ruleset-all.json) applies every plan to every county; a check there says when none of its rule's plans is the
// county's city's own (the user trial, s46-b #2: 南阳's 003 read as binding on 鲁山县).

/** The files of `ruleSet`'s documents that are `city`'s own plans (its `documents[].city`). */
export function ownPlanFiles(ruleSet: RuleSet, city: string | undefined): string[] {
  return ruleSet.documents.filter((d) => d.city === city).map((d) => d.file);
}

/** A city's name as the rule set's documents give it, else its id. */
function cityName(ruleSet: RuleSet, city: string): LocalizedText {
  const named = ruleSet.documents.find((d) => d.city === city && d.cityName)?.cityName;
  return named ?? { zh: city, en: city };
}

/**
 * In a comparison set, the note for a rule that does not bind `city` as the set reads it: none of its cited plans is
 * the city's own (「003 为南阳市规划，对平顶山市仅作对比，不具约束力」), or the city's plan states it in another reading
 * than the set's, which its own rule set applies (「本项按对比用的合并口径核查（含 000），与平顶山市规划 001 的规定不同…」). Undefined
 * outside a comparison set, and for a rule the city's own set judges alike ({@link Rule.bindsAsIs}).
 */
export function notBindingNote(ruleSet: RuleSet, rule: RuleId, city: string | undefined): LocalizedText | undefined {
  if (!ruleSet.comparison || city === undefined) return undefined;
  const found = ruleSet.rules.find((r) => r.id === rule);
  if (!found) return undefined;
  const files = [...new Set(found.provenance.map((p) => p.doc))];
  const own = new Set(ownPlanFiles(ruleSet, city));
  if (files.length === 0 || found.bindsAsIs?.includes(city)) return undefined;
  // the city's plan states the rule, in another reading than the set's (its own rule set judges it otherwise: 000's
  // 二级甲等 against 001's 二级; the user trial, s47)
  const mine = files.filter((f) => own.has(f));
  if (mine.length > 0)
    return PLAN_BINDING.otherReading(
      files.filter((f) => !own.has(f)),
      mine,
      cityName(ruleSet, city),
    );
  const byCity = new Map<string, string[]>();
  for (const f of files) {
    const c = ruleSet.documents.find((d) => d.file === f)?.city ?? "";
    byCity.set(c, [...(byCity.get(c) ?? []), f]);
  }
  const plans = [...byCity].map(([c, fs]) => ({ files: fs, city: cityName(ruleSet, c) }));
  return PLAN_BINDING.notBinding(plans, own.size > 0 ? cityName(ruleSet, city) : undefined);
}

/** The check with {@link notBindingNote} before its message, when there is one (the check itself otherwise). */
export function withBindingNote<C extends Check>(ruleSet: RuleSet, city: string | undefined, check: C): C {
  const note = notBindingNote(ruleSet, check.rule, city);
  if (!note) return check;
  return { ...check, message: { zh: note.zh + check.message.zh, en: note.en + check.message.en } };
}

/**
 * What a rule set with no sub-centre rule (neither SUB-15KM nor SUB-COUNT: 平顶山's 001) says of sub-centres, its
 * city's plans named (「本规划（001）未规定县域医疗卫生次中心的数量与选址条件」); undefined when it has one.
 */
export function subCentreNotStated(ruleSet: RuleSet, city: string | undefined): LocalizedText | undefined {
  if (ruleSet.rules.some((r) => r.kind === "min-distance-outside-urban" || r.kind === "count-by-population-band"))
    return undefined;
  return PLAN_BINDING.noSubCentreRule(ownPlanFiles(ruleSet, city));
}
