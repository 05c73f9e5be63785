import type { PlacedViolationProps } from "../core";

/** A bracketed plan quote inside a message, e.g. 「（000:310 推动县级人民医院全部晋升三级综合医院）」 or "(000:310: …)". */
const QUOTED_CITATION = /（[^（）]*\d{3}:\d+[^（）]*）|\([^()]*\d{3}:\d+[^()]*\)/g;

/**
 * The words a violation is found by in the list's search box: what the row is about, not what its rule says in
 * general. The rule's code; the county (its Chinese name, its English name when known, and `countyNames`: every name
 * the app finds it by, in either interface language, see county-names.ts's countySearchNames); the facility, township and village; and the item's own message without any plan text it quotes. The rule's
 * description and citation are left out: they list every kind the rule covers (「每县办好综合、中医、妇幼各 1 所公立医院」),
 * so 「妇幼」 would find 「缺公立中医医院」; the rule filter picks a rule by its name.
 */
export function violationSearchText(p: PlacedViolationProps, countyNames: string): string {
  return [
    p.rule,
    p.countyName,
    p.countyNameEn ?? "",
    countyNames,
    p.facilityName ?? "",
    p.unitName ?? "",
    p.townshipName ?? "",
    p.messageZh.replace(QUOTED_CITATION, ""),
    p.messageEn.replace(QUOTED_CITATION, ""),
  ]
    .join("\n")
    .toLowerCase();
}

/** Whether a violation matches the search box's text (trimmed, case-insensitive; every space-separated word). */
export function matchesViolationSearch(p: PlacedViolationProps, countyNames: string, query: string): boolean {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const text = violationSearchText(p, countyNames);
  return words.every((w) => text.includes(w));
}
