import type { Facility } from "../model";

/**
 * Which of the judged counties an imported facility list reaches: `covered` holds at least one of the list's
 * facilities, `missing` none. A county in `missing` is still judged, as having no facility, so its failures say what
 * the list lacks there, not what the county lacks (the reviewer trial: a 镇平县 list run for 南阳 gave the other 12
 * counties 6–7 failed rules each and 4,295 of 4,709 violations).
 */
export interface ListScope {
  /** County codes holding at least one facility of the list, in the order given. */
  covered: string[];
  /** County codes holding none of the list's facilities, in the order given. */
  missing: string[];
}

/**
 * The {@link ListScope} of `codes` from the facilities by home county (its county code, else the polygon it lies
 * in); proposed sites are not the list's and count for nothing, nor does a row whose own township or village is
 * another county's ({@link Facility.statedElsewhere}: the user trial, s46-a #4, one 内乡县 clinic placed in 西峡县 made
 * 西峡县 a county of the list, judged in full: 283 villages 确缺). Undefined when every county holds a facility, when
 * fewer than two counties are given, or when the list has no facility at all (said as "no facility data" elsewhere).
 */
export function listScopeOf(
  byHome: ReadonlyMap<string, readonly Facility[]>,
  codes: readonly string[],
): ListScope | undefined {
  if (codes.length < 2) return undefined;
  const covered = codes.filter((c) => (byHome.get(c) ?? []).some((f) => ownRow(f, c)));
  if (covered.length === 0 || covered.length === codes.length) return undefined;
  const has = new Set(covered);
  return { covered, missing: codes.filter((c) => !has.has(c)) };
}

/** A facility of the list that puts county `code` in its scope: not proposed, and not stating another county's units. */
function ownRow(f: Facility, code: string): boolean {
  return !f.proposed && (!f.statedElsewhere || f.statedElsewhere.county === code);
}
