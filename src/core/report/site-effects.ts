import { geodesicDistanceKm } from "../geo/geodesic";
import { type Facility, type LocalizedText, standsToday } from "../model";
import { noCoverageRule } from "../rules/ems-network";
import { fmtPct } from "../rules/helpers";
import { countyNameEn, createAnalysisSession } from "../rules/session";
import { violationSubject } from "../rules/status";
import type { AnalysisInput, AnalysisReport, CheckStatus, Violation } from "../rules/types";
import { RADIUS_RULES } from "./compare";

// What each of the plan's proposed sites does, one by one: the analysis with every site, and with every site but it.
// The plan's before/after (report/compare.ts) says what the sites do together; a GIS desk taking the sites, and a
// reviewer reading the report's list of them, also need which site is for what (the trial, s51: the sites went out
// with no word of the rules they serve).

/** One proposed site's own effect: what the analysis loses when the site alone is taken away. */
export interface SiteEffect {
  id: string;
  /** Per county and EMS radius rule whose covered share the site raises: the share without it and with it, and km². */
  coverage: Array<{
    county: string;
    countyName: string;
    rule: string;
    without: number;
    with: number;
    km2: number;
    /** The check's verdict without the site and with it (「不达标 → 达标」, or 「仍不达标」 when it does not change). */
    statusWithout: CheckStatus;
    statusWith: CheckStatus;
  }>;
  /** Findings that are there without the site and not with it (a township's missing centre, a village's clinic). */
  resolves: Array<{ rule: string; county: string; text: LocalizedText }>;
  /** Findings the site brings (a new general hospital in the urban area), there with it and not without. */
  raises: Array<{ rule: string; county: string; text: LocalizedText }>;
  /**
   * For a site whose removal alone changes nothing: what it does when the nearest other proposed site of its type
   * that makes a difference to it is not built (its effect in the analysis without that site). Two sites that double
   * each other each say the other's name, so a planner does not take both away (the last trial's note: each of two
   * overlapping sites said 「单独去掉本站点，各项核查结果不变」, and nothing more).
   */
  ifNotBuilt?: { id: string; name: string; effect: Omit<SiteEffect, "ifNotBuilt"> };
  /** The effect in words (「使西峡县农村急救覆盖 99.1% → 99.6%（+2.3 km²）；解决 1 项：…」). */
  summary: LocalizedText;
}

/**
 * A finding's identity across the two analyses: its rule, county and subject (facility, unit, coverage, the city row),
 * and for a finding about the county as a whole the rule and county alone (its sentence differs as its figures do).
 */
function findingKey(v: Violation): string {
  return `${v.rule}|${v.county}|${violationSubject(v, () => "county")}`;
}

/** The findings of `a` whose key `b` does not have, one per key. */
function missingFrom(a: readonly Violation[], b: readonly Violation[]): Violation[] {
  const have = new Set(b.map(findingKey));
  const seen = new Set<string>();
  return a.filter((v) => {
    const k = findingKey(v);
    if (have.has(k) || seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** How many findings a summary names before 「等 N 项」. */
const NAMED = 3;

function listed(vs: ReadonlyArray<{ rule: string; text: LocalizedText }>): LocalizedText {
  const shown = vs.slice(0, NAMED);
  const more = vs.length - shown.length;
  return {
    zh: `${shown.map((v) => `${v.text.zh}（${v.rule}）`).join("；")}${more > 0 ? `；等 ${vs.length} 项` : ""}`,
    en: `${shown.map((v) => `${v.text.en} (${v.rule})`).join("; ")}${more > 0 ? `; ${vs.length} in all` : ""}`,
  };
}

/** A coverage check's verdict without a site and with it, as the effect says it: 「，不达标 → 达标」 or 「，仍不达标」. */
function verdictChange(without: CheckStatus, withIt: CheckStatus): LocalizedText {
  if (without === "fail" && withIt === "pass") return { zh: "，不达标 → 达标", en: ", fail → pass" };
  if (without === "fail" && withIt === "fail") return { zh: "，仍不达标", en: ", still failing" };
  return { zh: "", en: "" };
}

/** The effect of one site from the analysis with every site (`all`) and without it (`without`). */
function effectOf(
  id: string,
  all: AnalysisReport,
  without: AnalysisReport,
  nameEn: (code: string, name: string) => string,
): SiteEffect {
  const coverage: SiteEffect["coverage"] = [];
  for (const c of all.counties)
    for (const k of c.checks) {
      if (!RADIUS_RULES.has(k.rule) || k.coveredShare === undefined) continue;
      const w = without.counties.find((x) => x.code === c.code)?.checks.find((x) => x.rule === k.rule);
      if (w?.coveredShare === undefined) continue;
      const km2 = (w.uncoveredAreaKm2 ?? 0) - (k.uncoveredAreaKm2 ?? 0);
      if (k.coveredShare - w.coveredShare < 1e-9 && km2 < 1e-6) continue;
      coverage.push({
        county: c.code,
        countyName: c.name,
        rule: k.rule,
        without: w.coveredShare,
        with: k.coveredShare,
        km2,
        statusWithout: w.status,
        statusWith: k.status,
      });
    }
  const pick = (v: Violation) => ({ rule: v.rule, county: v.county, text: v.message });
  const resolves = missingFrom(without.violations, all.violations).map(pick);
  const raises = missingFrom(all.violations, without.violations).map(pick);
  const area = (rule: string) => (rule === "EMS-URBAN" ? { zh: "城区", en: "urban" } : { zh: "农村", en: "rural" });
  const parts: LocalizedText[] = [
    ...coverage.map((x) => {
      // whether the county then passes (the re-trial, s52b M3: 「99.9% → 99.9%（+0.1 km²）」 did not say)
      const verdict = verdictChange(x.statusWithout, x.statusWith);
      return {
        zh: `使${x.countyName}${area(x.rule).zh}急救覆盖 ${fmtPct(x.without)} → ${fmtPct(x.with)}（+${x.km2.toFixed(1)} km²${verdict.zh}）`,
        en: `raises ${nameEn(x.county, x.countyName)}'s ${area(x.rule).en} EMS cover ${fmtPct(x.without)} → ${fmtPct(x.with)} (+${x.km2.toFixed(1)} km²${verdict.en})`,
      };
    }),
    ...(resolves.length
      ? [
          {
            zh: `解决 ${resolves.length} 项：${listed(resolves).zh}`,
            en: `resolves ${resolves.length === 1 ? "1 finding" : `${resolves.length} findings`}: ${listed(resolves).en}`,
          },
        ]
      : []),
    ...(raises.length
      ? [
          {
            zh: `新增 ${raises.length} 项：${listed(raises).zh}`,
            en: `brings ${raises.length === 1 ? "1 finding" : `${raises.length} findings`}: ${listed(raises).en}`,
          },
        ]
      : []),
  ];
  // what it changes that no verdict shows: a check's count (a designated sub-centre: SUB-COUNT 2 → 1 without it; the
  // planner trial, s53d M4: 「各项核查结果不变（其作用与其他站点或现有设施重叠）」 read as the designation doing nothing)
  const counts: Array<{ county: string; countyName: string; rule: string; with: number; without: number }> = [];
  if (parts.length === 0)
    for (const c of all.counties)
      for (const k of c.checks) {
        if (RADIUS_RULES.has(k.rule) || k.count === undefined) continue;
        const w = without.counties.find((x) => x.code === c.code)?.checks.find((x) => x.rule === k.rule);
        if (w?.count !== undefined && w.count !== k.count)
          counts.push({ county: c.code, countyName: c.name, rule: k.rule, with: k.count, without: w.count });
      }
  const countText = (lang: "zh" | "en") =>
    counts
      .slice(0, NAMED)
      .map(
        (x) =>
          (lang === "zh" ? `${x.rule}（${x.countyName}）` : `${x.rule} (${nameEn(x.county, x.countyName)})`) +
          ` ${x.with} → ${x.without}`,
      )
      .join(lang === "zh" ? "；" : "; ");
  const summary = parts.length
    ? { zh: parts.map((p) => p.zh).join("；"), en: parts.map((p) => p.en).join("; ") }
    : counts.length
      ? {
          zh: `单独去掉本站点，各项核查结论不变，但计数改变：${countText("zh")}`,
          en: `taking this site alone away changes no verdict, but changes counts: ${countText("en")}`,
        }
      : {
          zh: "单独去掉本站点，各项核查结果不变（其作用与其他站点或现有设施重叠）",
          en: "taking this site alone away changes no finding (what it does, other sites or existing facilities do too)",
        };
  return { id, coverage, resolves, raises, summary };
}

/** A site's summary when its removal alone changes nothing but it matters without `other` (ifNotBuilt). */
function ifNotBuiltSummary(other: string, effect: LocalizedText): LocalizedText {
  return {
    zh: `单独去掉本站点，各项核查结果不变：其作用与「${other}」重叠；若「${other}」不建，本站点${effect.zh}`,
    en: `taking this site alone away changes no finding: it overlaps 「${other}」; if 「${other}」 is not built, this site ${effect.en}`,
  };
}

/** How many other proposed sites of its type, nearest first, a site whose removal alone changes nothing is tried with. */
const PARTNERS = 3;

/** How close (km) the nearest proposed site of its type is named beside a site whose removal changes nothing. */
const NEAR_KM = 5;

/** The types a rule set's EMS cover counts as EMS points at the least (stations, centres, dispatch). */
const EMS_POINT_TYPES: ReadonlySet<string> = new Set(["ems-centre", "ems-station", "ems-dispatch"]);

/**
 * Each proposed site's own effect: the analysis of `input` (the plan, with every proposed site) against the same
 * analysis without that one site, in a session of its own (the caller's is not touched). A proposed upgrade of an
 * existing centre (`replaces`) is taken away with its centre standing again in its place, found in `listed` (the list
 * as imported: the analysis's input leaves raised centres out). Sites in `ids` only when given. One re-score of the
 * counties a site touches per site, after one whole analysis.
 */
export function siteEffects(
  input: AnalysisInput,
  opts: { ids?: readonly string[]; listed?: readonly Facility[] } = {},
): SiteEffect[] {
  const { ids } = opts;
  const sites = input.facilities.filter((f) => f.proposed && (!ids || ids.includes(f.id)));
  if (sites.length === 0) return [];
  const session = createAnalysisSession(input);
  // the counties' English names in the English sentence, as the violations' (「Xixia County's」, not 「西峡县's」)
  const props = new Map(input.counties.features.map((c) => [c.properties.code, c.properties]));
  const nameEn = (code: string, name: string) => {
    const p = props.get(code);
    return p ? countyNameEn(p, input.countyNamesEn) : name;
  };
  const all = session.report();
  // an upgrade stands in its centre's place: without it, the centre it raises is back as it was
  const takeAway = (site: Facility) => {
    const raised = site.replaces ? replacedCentre(opts.listed ?? [], site) : undefined;
    session.removeFacility(site.id);
    if (raised) session.addFacility(raised);
    return () => {
      if (raised) session.removeFacility(raised.id);
      session.addFacility(site);
    };
  };
  const out: SiteEffect[] = [];
  const withoutOf = new Map<string, AnalysisReport>();
  for (const site of sites) {
    const putBack = takeAway(site);
    const without = session.report();
    putBack();
    withoutOf.set(site.id, without);
    out.push(effectOf(site.id, all, without, nameEn));
  }
  // a site that changes nothing alone: what it does without each of the nearest other proposed sites of its type, the
  // first that makes a difference named (the analysis without that one, against it without both)
  const proposed = input.facilities.filter((f) => f.proposed);
  const noCoverage = noCoverageRule(input.ruleSet);
  for (const [i, e] of out.entries()) {
    if (e.coverage.length || e.resolves.length || e.raises.length) continue;
    const site = sites[i];
    // an EMS point where the rule set checks no EMS cover: its place counts for nothing, which is the reason, not an
    // overlap (the re-trial, s52b M1: under 平顶山's 001 every station, one 30 km from the others, read 「其作用与其他
    // 站点或现有设施重叠」)
    if (noCoverage && EMS_POINT_TYPES.has(site.type)) {
      e.summary = {
        zh: `单独去掉本站点，各项核查结果不变：${noCoverage.zh}，急救站点的位置不影响任何核查`,
        en: `taking this site alone away changes no finding: ${noCoverage.en.replace(/^This/, "this")}, so an EMS point's place affects no check`,
      };
      continue;
    }
    const partners = proposed
      .filter((f) => f.id !== site.id && f.type === site.type)
      .map((f) => ({ f, d: geodesicDistanceKm(site.lon, site.lat, f.lon, f.lat) }))
      .sort((a, b) => a.d - b.d);
    // the nearest such site when close: a planner looking for duplicates sees it named, whatever it does (the
    // re-trial, s52b M3: two stations 2 km apart never named each other)
    const near = partners[0] && partners[0].d <= NEAR_KM ? partners[0] : undefined;
    const nearNote = (unless?: string): LocalizedText =>
      near && near.f.id !== unless
        ? {
            zh: `；最近的同类规划站点「${near.f.name}」相距 ${near.d.toFixed(1)} km`,
            en: `; the nearest proposed site of its type, 「${near.f.name}」, is ${near.d.toFixed(1)} km away`,
          }
        : { zh: "", en: "" };
    const generic = nearNote();
    e.summary = { zh: `${e.summary.zh}${generic.zh}`, en: `${e.summary.en}${generic.en}` };
    for (const { f: other } of partners.slice(0, PARTNERS)) {
      const putOtherBack = takeAway(other);
      const withoutOther = withoutOf.get(other.id) ?? session.report();
      const putBack = takeAway(site);
      const withoutBoth = session.report();
      putBack();
      putOtherBack();
      const effect = effectOf(site.id, withoutOther, withoutBoth, nameEn);
      if (!effect.coverage.length && !effect.resolves.length && !effect.raises.length) continue;
      e.ifNotBuilt = { id: other.id, name: other.name, effect };
      const base = ifNotBuiltSummary(other.name, effect.summary);
      const note = nearNote(other.id);
      e.summary = { zh: `${base.zh}${note.zh}`, en: `${base.en}${note.en}` };
      break;
    }
  }
  return out;
}

/** The existing centre an upgrade raises, as it stood (the list holds it beside the upgrade, which leaves it out). */
function replacedCentre(list: readonly Facility[], site: Facility): Facility | undefined {
  const f = list.find((x) => x.id === site.replaces);
  return f && standsToday(f) && !f.proposed ? f : undefined;
}
