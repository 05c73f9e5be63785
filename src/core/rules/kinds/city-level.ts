import { type Facility, type LocalizedText, standsToday } from "../../model";
import { type Evaluator, outcome } from "../context";
import { isPublic } from "../helpers";
import { CITY_LEVEL as M } from "../messages";
import { softShortfallNote, withNote } from "../messages-common";
import { listOnly } from "../messages-indicators";
import type { Measure, Rule } from "../schema";
import type { Check, CheckReading, CheckStatus, CountyStaffing } from "../types";

/**
 * The figures of an area an indicator is scored on: one county (its row, information) or the city (the counties
 * the plan binds, judged). Populations and staff tables are summed over the counties; `missing` names the counties
 * without a figure.
 */
export interface AreaFigures {
  city: string;
  /** The counties of the area, each with the facilities belonging to it and its staffing-table row if any. */
  counties: Array<{ code: string; facilities: Facility[]; staffing?: CountyStaffing }>;
  population?: number;
  populationKind: "resident" | "registered" | "mixed";
  /** The counties without a population figure, named in each language ("Zhenping County" in English). */
  populationMissing: LocalizedText[];
  /**
   * An imported list that has no facility in some of the area's counties (the report's `listScope`): the counties it
   * covers and those it does not, named. What the area's figures count from the list rests on the covered ones only.
   */
  list?: ListCounties;
}

/** The counties an imported list covers and those it has no facility in, named in each language. */
export interface ListCounties {
  covered: LocalizedText[];
  missing: LocalizedText[];
}

type IndicatorRule = Rule & { kind: "indicator" };
type StaffKey = "doctors" | "nurses" | "pharmacists" | "gps";

/**
 * The measure's total in the area and what lacks a figure, or why it cannot be counted. Beds: `without` is the
 * facilities without a figure. Staff come from a county's staffing-table row where it has one, else from its
 * facilities' staff columns: `without` is the counties with neither, `facilitiesWithout` the facilities of the counties
 * counted from the columns that leave the figure blank (the trial, s44-a #1: 35 of 南宫's 57 facilities had no staff
 * figure and 1.20 doctors per 1,000 read 不达标, where the beds of the same rows read 至少 … 缺数据).
 */
function measureTotal(
  measure: Measure,
  rule: { appliesTo: readonly Facility["type"][] },
  area: AreaFigures,
): { value: number; without: number; facilitiesWithout?: number } | { missing: true } {
  const inScope = (f: Facility) => rule.appliesTo.includes(f.type) && standsToday(f);
  if (measure === "beds" || measure === "infectious-beds") {
    const get = (f: Facility) => (measure === "beds" ? f.beds : f.infectiousBeds);
    const scoped = area.counties.flatMap((c) => c.facilities.filter(inScope));
    const withValue = scoped.filter((f) => typeof get(f) === "number");
    if (withValue.length === 0) return { missing: true };
    return { value: withValue.reduce((s, f) => s + (get(f) as number), 0), without: scoped.length - withValue.length };
  }
  const key: StaffKey = measure;
  let value = 0;
  let counted = 0;
  let facilitiesWithout = 0;
  for (const c of area.counties) {
    if (typeof c.staffing?.[key] === "number") {
      value += c.staffing[key] as number;
      counted++;
      continue;
    }
    const scoped = c.facilities.filter(inScope);
    const withValue = scoped.filter((f) => typeof f.staff?.[key] === "number");
    if (withValue.length === 0) continue;
    value += withValue.reduce((s, f) => s + (f.staff?.[key] as number), 0);
    counted++;
    facilitiesWithout += scoped.length - withValue.length;
  }
  if (counted === 0) return { missing: true };
  return { value, without: area.counties.length - counted, ...(facilitiesWithout ? { facilitiesWithout } : {}) };
}

function meets(v: number, t: { value: number; bound: "inclusive" | "exclusive" }): boolean {
  return t.bound === "inclusive" ? v >= t.value : v > t.value;
}

/**
 * Scores an indicator per 1,000 (10,000) people in an area: judged for the city, information for a county row.
 * The governing target is the city's (`byCity`) or the rule's; figures the plans also state are scored beside it.
 */
export function scoreIndicator(rule: IndicatorRule, area: AreaFigures, judged: boolean): Check {
  const p = rule.params;
  const gov = p.byCity?.[area.city] ?? { ...p.target, ...(p.alsoStated ? { alsoStated: p.alsoStated } : {}) };
  // the governing target's bound with its value: 001:134 「> 4.3」 was printed 「≥ 4.3」 under the comparison set, whose
  // targets are per city (the re-trial, s46)
  const base = {
    rule: rule.id,
    limit: gov.target.value,
    nature: gov.nature,
    ...(gov.target.bound === "exclusive" ? { limitExclusive: true } : {}),
  };
  if (area.population === undefined || area.population <= 0)
    return { ...base, status: "needs-data", message: M.needsPopulation(area.populationMissing) };
  const total = measureTotal(p.measure, rule, area);
  if ("missing" in total) return { ...base, status: "needs-data", message: M.needsMeasure(p.measure) };
  const ratio = (total.value / area.population) * p.per;
  // beds are counted from the list alone: the counties an imported list has no facility in add none, over the whole
  // city's population (staff: such a county without a staffing-table row is among `without` already)
  const listShort = area.list !== undefined && (p.measure === "beds" || p.measure === "infectious-beds");
  // facilities (beds) or counties (staff) without a figure make the ratio a lower bound: meeting the target is a
  // pass, falling short is not yet a failure (the reviewer trial: 6,510 of 6,799 facilities had no bed count); so do
  // the counties an imported list leaves out (s43)
  const facilitiesWithout = total.facilitiesWithout ?? 0;
  const lowerBound = total.without > 0 || facilitiesWithout > 0 || listShort;
  // an expected (预期性) target missed is for review, a binding (约束性) one's a failure: the check and its city row grade
  // it alike (the re-trial, s45: the row said 待核 under a panel that said ✘ 不达标)
  const short: CheckStatus = gov.nature === "expected" ? "review" : "fail";
  const verdict = (ok: boolean): CheckStatus => (!judged ? "info" : ok ? "pass" : lowerBound ? "needs-data" : short);
  const status = verdict(meets(ratio, gov.target));
  const readings: CheckReading[] | undefined = gov.alsoStated?.map((alt) => {
    const ok = meets(ratio, alt.target);
    return {
      label: alt.label,
      status: verdict(ok),
      expected: [alt.target.value, alt.target.value],
      governs: false,
      message: M.alsoStated(alt.label, ratio, alt.target, ok, alt.cites),
    };
  });
  return {
    ...base,
    status,
    measured: ratio,
    count: total.value,
    // the facilities (beds) or counties (staff) without a figure: `measured` is then a lower bound, which the review
    // report says as the screen does (the planner trial, s42-b #3: 「3.47 /千人」 without its 「至少」)
    ...(lowerBound ? { unknown: total.without + facilitiesWithout } : {}),
    expected: gov.target.value,
    ...(readings ? { readings } : {}),
    message: M.indicator({
      measure: p.measure,
      per: p.per,
      ratio,
      target: gov.target,
      nature: gov.nature,
      cites: gov.cites,
      ok: meets(ratio, gov.target),
      judged,
      populationKind: area.populationKind,
      resident: p.populationKind === "resident",
      without: total.without,
      ...(facilitiesWithout ? { facilitiesWithout } : {}),
      lowerBound,
      staff: p.measure !== "beds" && p.measure !== "infectious-beds",
      alsoStated: readings?.map((r) => r.message) ?? [],
      ...(listShort && area.list ? { list: area.list } : {}),
    }),
  };
}

/** Scores an ownership share (003:143 公有产权村卫生室 ≥ 90 %, 003:141 政府办社区卫生服务中心 ≥ 70 %) in an area. */
export function scoreOwnershipShare(
  rule: Rule & { kind: "ownership-share" },
  area: AreaFigures,
  judged: boolean,
): Check {
  const all = area.counties
    .flatMap((c) => c.facilities)
    .filter((f) => rule.appliesTo.includes(f.type) && standsToday(f));
  const target = rule.params.share;
  const base = { rule: rule.id, limit: target.value, ...(rule.params.nature ? { nature: rule.params.nature } : {}) };
  if (all.length === 0) return { ...base, status: "not-applicable", count: 0, message: M.noneOfType(rule.appliesTo) };
  const counts = (f: Facility) =>
    rule.params.counts === "government" ? f.ownership === "government" : f.ownership !== undefined && isPublic(f);
  const unknown = all.filter(
    (f) => f.ownership === undefined || (rule.params.counts === "government" && f.ownership === "public"),
  ).length;
  const yes = all.filter(counts).length;
  const low = yes / all.length;
  const high = (yes + unknown) / all.length;
  const okLow = meets(low, target);
  const okHigh = meets(high, target);
  // a share of the facilities of the counties an imported list covers says nothing of the others': the city's share
  // cannot be judged on it, met or not (s43: 「公立 4 / 4 所村卫生室，100.0%」 of one county read as the city's 达标)
  // a direction (003:141 「推动…达到70%」) short of its share is for review, not a failure (the audit, s50 H-1: the same
  // rule set reads 000:310's 「推动…晋升」 so)
  const soft = rule.params.shortfall;
  const short: CheckStatus = soft ? "review" : "fail";
  const verdict: CheckStatus = area.list ? "needs-data" : okLow ? "pass" : okHigh ? "needs-data" : short;
  const message = M.share(rule.params.counts, rule.appliesTo, {
    yes,
    all: all.length,
    unknown,
    target,
    judged,
    verdict,
  });
  return {
    ...base,
    status: judged || verdict === "needs-data" ? verdict : "info",
    count: yes,
    total: all.length,
    ...(unknown ? { unknown } : {}),
    expected: target.value,
    measured: low,
    message: withList(
      judged && verdict === "review" && soft ? withNote(message, softShortfallNote(soft)) : message,
      judged ? area.list : undefined,
    ),
  };
}

/** Scores a minimum for a population band (002:209 infectious-disease beds ≥ 50 for 30–50万 people) in an area. */
export function scoreMinimumForPopulation(
  rule: Rule & { kind: "minimum-for-population" },
  area: AreaFigures,
  judged: boolean,
): Check {
  const p = rule.params;
  const base = { rule: rule.id, limit: p.minimum.value };
  if (area.population === undefined)
    return { ...base, status: "needs-data", message: M.needsPopulation(area.populationMissing) };
  const pop = area.population;
  // outside the band the plan states: no figure of the rule's measure (the population was its `measured`, and the
  // review report printed 「786600 张」 as the beds, the planner trial, s46-b #1); the population is in the message
  if (pop < p.populationMin.value || pop > p.populationMax.value)
    return {
      ...base,
      status: "not-applicable",
      message: M.bandNotStated(pop, p.populationMin.value, p.populationMax.value),
    };
  const total = measureTotal(p.measure, rule, area);
  if ("missing" in total) return { ...base, status: "needs-data", message: M.needsMeasure(p.measure) };
  const ok = meets(total.value, p.minimum);
  // counted from the list alone: the counties it has no facility in add none, so a total short of the minimum is a
  // lower bound, not yet a failure (as an indicator's)
  const list = judged ? area.list : undefined;
  return {
    ...base,
    status: judged ? (ok ? "pass" : list ? "needs-data" : "fail") : "info",
    measured: total.value,
    expected: p.minimum.value,
    message: withList(M.minimum(p.measure, total.value, p.minimum.value, pop, ok, judged, list !== undefined), list),
  };
}

/** A message followed by what the city figure rests on when an imported list leaves counties out. */
function withList(m: LocalizedText, list: ListCounties | undefined): LocalizedText {
  if (!list) return m;
  const note = listOnly(list);
  return { zh: `${m.zh}；${note.zh}`, en: `${m.en}; ${note.en}` };
}

/** A county row of a city-level rule: the county's own figure, for information (the city row is judged). */
function countyRow<K extends "indicator" | "ownership-share" | "minimum-for-population">(
  score: (rule: Extract<Rule, { kind: K }>, area: AreaFigures, judged: boolean) => Check,
): Evaluator<K> {
  return (rule, ctx) => {
    const pop = ctx.population;
    const area: AreaFigures = {
      city: ctx.props.city,
      counties: [
        { code: ctx.props.code, facilities: ctx.facilities, ...(ctx.staffing ? { staffing: ctx.staffing } : {}) },
      ],
      ...(pop ? { population: pop.population } : {}),
      populationKind: pop?.kind ?? "resident",
      populationMissing: pop ? [] : [{ zh: ctx.props.name, en: ctx.nameEn }],
    };
    return outcome(score(rule, area, false));
  };
}

/** County rows of the city-wide indicators (information; the city row is judged). */
export const indicatorCountyRow = countyRow<"indicator">(scoreIndicator);
export const ownershipShareCountyRow = countyRow<"ownership-share">(scoreOwnershipShare);
export const minimumCountyRow = countyRow<"minimum-for-population">(scoreMinimumForPopulation);
