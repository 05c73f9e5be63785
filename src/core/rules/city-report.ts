import type { CountyProps, Facility } from "../model";
import { withBindingNote } from "./comparison";
import { type AreaFigures, scoreIndicator, scoreMinimumForPopulation, scoreOwnershipShare } from "./kinds/city-level";
import type { ListScope } from "./list-scope";
import { CITY_LEVEL_KINDS, type Rule } from "./schema";
import { countyNameEn } from "./session-score";
import type { AnalysisInput, Check, CityReport } from "./types";

/** The figures of the counties a plan binds, summed for the city row. */
function cityFigures(
  input: AnalysisInput,
  counties: CountyProps[],
  byHome: Map<string, Facility[]>,
  listScope: ListScope | undefined,
): AreaFigures {
  const named = (codes: readonly string[]) =>
    codes.flatMap((code) => {
      const c = counties.find((x) => x.code === code);
      return c ? [{ zh: c.name, en: countyNameEn(c, input.countyNamesEn) }] : [];
    });
  const pops = counties.map((c) => ({ c, p: input.population?.find((x) => x.code === c.code) }));
  const missing = pops.filter((x) => !x.p).map((x) => ({ zh: x.c.name, en: countyNameEn(x.c, input.countyNamesEn) }));
  const kinds = new Set(pops.flatMap((x) => (x.p ? [x.p.kind] : [])));
  // a county the list leaves out holds none of its own rows, only rows naming another county's units: the city row
  // counts those as their counties do, not at all (the user re-trial, s48: 「公立 0 / 50 所村卫生室」 for the city beside
  // 方城县's 「0 / 49」, the fiftieth a clinic lying in 社旗县)
  const left = new Set(listScope?.missing ?? []);
  return {
    city: counties[0]?.city ?? "",
    counties: counties.map((c) => {
      const staffing = input.staffing?.find((r) => r.code === c.code);
      const all = byHome.get(c.code) ?? [];
      const facilities = left.has(c.code) ? all.filter((f) => !f.statedElsewhere) : all;
      return { code: c.code, facilities, ...(staffing ? { staffing } : {}) };
    }),
    ...(missing.length === 0 ? { population: pops.reduce((s, x) => s + (x.p?.population ?? 0), 0) } : {}),
    populationKind: kinds.size > 1 ? "mixed" : kinds.has("registered") ? "registered" : "resident",
    populationMissing: missing,
    ...(listScope ? { list: { covered: named(listScope.covered), missing: named(listScope.missing) } } : {}),
  };
}

function scoreCity(rule: Rule, area: AreaFigures): Check | undefined {
  switch (rule.kind) {
    case "indicator":
      return scoreIndicator(rule, area, true);
    case "ownership-share":
      return scoreOwnershipShare(rule, area, true);
    case "minimum-for-population":
      return scoreMinimumForPopulation(rule, area, true);
    default:
      return undefined;
  }
}

/**
 * The city row: each city-wide rule (indicators of the plans' tables, ownership shares, the infectious-bed minimum)
 * judged over the counties the plan binds (`counties`, those in scope), their populations, beds and staff summed.
 * With `listScope` (an imported list that has no facility in some of them), what is counted from the list cannot pass
 * on the covered counties alone where it could fall either way: a share needs data, a total or ratio is a lower bound.
 * Undefined when the rule set has no city-wide rule or no county is judged.
 */
export function cityReport(
  input: AnalysisInput,
  counties: CountyProps[],
  byHome: Map<string, Facility[]>,
  listScope?: ListScope,
): CityReport | undefined {
  const rules = input.ruleSet.rules.filter((r) => CITY_LEVEL_KINDS.has(r.kind));
  if (rules.length === 0 || counties.length === 0) return undefined;
  const area = cityFigures(input, counties, byHome, listScope);
  const checks = rules.flatMap((r) => {
    const c = scoreCity(r, area);
    return c ? [withBindingNote(input.ruleSet, area.city, c)] : [];
  });
  return {
    city: area.city,
    counties: counties.map((c) => c.code),
    ...(area.population !== undefined ? { population: area.population } : {}),
    checks,
  };
}
