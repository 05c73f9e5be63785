import type { MultiPolygon, Polygon } from "geojson";
import type { CountyProps, Facility, FacilityType, LocalizedText } from "../model";
import { EMS_NETWORK } from "./messages";
import type { Rule, RuleSet } from "./schema";

// Which EMS points a county's network counts when cross-border cover is off (docs/rules.md §3). 003:61
// 「以市紧急医疗救援中心、县级“120”急救指挥中心为中枢、以急救站为基础」: each county (县) and county-level city (县级市) has its
// own county-level 120 hub and its network is its own; the city's districts (市辖区) are served by the city's rescue
// centre, so they form one network: the city's. The city's centre is an EMS centre standing in a district: one
// standing in a 县 or 县级市 (「镇平县急救中心」) is that county's, in its network alone (the GIS trial: a county's
// centre was read as the city's and covered the districts with cross-border cover off). The session's checks, the
// siting and the map's rings all read it here.

/**
 * Whether a facility belongs to the EMS network of `county` without cross-border cover: a 县 or 县级市 counts its own
 * points only; a district (市辖区) counts the points of every district of its city, the city's EMS centre among them.
 * `home` is the facility's own county (undefined: none).
 */
export function inOwnNetwork(county: CountyProps, home: CountyProps | undefined): boolean {
  if (!home) return false;
  if (home.code === county.code) return true;
  return county.kind === "district" && home.kind === "district" && home.city === county.city;
}

/**
 * The counties (of `counties`) whose network a facility of `home` counts in without cross-border cover: its home,
 * and when it stands in a district, every district of the home's city.
 */
export function networkCounties<C extends CountyProps>(counties: readonly C[], home: CountyProps | undefined): C[] {
  if (!home) return [];
  return counties.filter((c) => inOwnNetwork(c, home));
}

/** The network a county's EMS figures counted, as its checks and violation rows say it (each a suffix). */
export function networkNote(county: CountyProps, crossBorder: boolean): LocalizedText {
  if (crossBorder) return EMS_NETWORK.cross();
  return county.kind === "district" ? EMS_NETWORK.city() : EMS_NETWORK.own();
}

/**
 * The area a facility's ring is cut to on the map without cross-border cover: its home county's polygon and the
 * other counties whose network it counts in (a district's station: the city's other districts; a county's: none), so
 * a district's ring may cover the other districts. `key` names the area for the ring cache.
 */
export function networkArea<C extends CountyProps>(
  counties: ReadonlyArray<{ properties: C; geometry: Polygon | MultiPolygon }>,
  home: CountyProps | undefined,
): { key: string; geometry: Polygon | MultiPolygon; others: Array<Polygon | MultiPolygon> } | undefined {
  if (!home) return undefined;
  const own = counties.find((c) => c.properties.code === home.code);
  if (!own) return undefined;
  const others = counties.filter((c) => c !== own && inOwnNetwork(c.properties, home));
  const key = [own, ...others].map((c) => c.properties.code).join("+");
  return { key, geometry: own.geometry, others: others.map((c) => c.geometry) };
}

/**
 * Why a rule set's coverage files are empty where it sets no EMS radius and no travel time (平顶山's 001): nothing was
 * measured, so no gap is no finding (the GIS trial, s51b M2: the gaps README said every check found none); undefined
 * where some rule measures coverage.
 */
export function coverageNotChecked(ruleSet: RuleSet): LocalizedText | undefined {
  const none = noCoverageRule(ruleSet);
  return (
    none && {
      zh: `${none.zh}，未作覆盖核查：没有缺口、没有服务半径不表示已覆盖`,
      en: `${none.en}, so coverage was not checked: no gap and no service radius do not mean covered`,
    }
  );
}

/**
 * 「本规则集（001）未设急救服务半径或急救行车时间」 where the rule set has no EMS radius or travel-time rule; undefined
 * where it has one. (English: "This rule set (001) sets no EMS service radius or travel time".)
 */
export function noCoverageRule(ruleSet: RuleSet): LocalizedText | undefined {
  if (ruleSet.rules.some((r) => r.kind === "radius-coverage" || r.kind === "travel-time")) return undefined;
  const docs = [...new Set(ruleSet.rules.flatMap((r) => r.provenance.map((p) => p.doc)))].sort().join("、");
  return {
    zh: `本规则集${docs ? `（${docs}）` : ""}未设急救服务半径或急救行车时间`,
    en: `This rule set${docs ? ` (${docs.replace(/、/g, ", ")})` : ""} sets no EMS service radius or travel time`,
  };
}

/** The network's types of a facility in the rule set: a type some EMS radius or travel-time rule counts. */
export function emsNetworkTypes(ruleSet: RuleSet): ReadonlySet<FacilityType> {
  const out = new Set<FacilityType>();
  for (const r of ruleSet.rules)
    if (r.kind === "radius-coverage" || r.kind === "travel-time") for (const t of r.appliesTo) out.add(t);
  return out;
}

/**
 * The 急救点 an EMS-TIERS rule names beyond the EMS facilities (002:201 「各乡镇卫生院、社区服务中心设立急救点」: 南宫's
 * THCs and CHCs), with the line that names them; undefined where the rule names none. The check counts a county's
 * facilities of these types as its network's points, and siting counts them as existing EMS coverage.
 */
export function tierPoints(
  rule: Extract<Rule, { kind: "tiers" }>,
): { types: readonly FacilityType[]; cite: string } | undefined {
  const types = rule.params.points;
  if (!types?.length) return undefined;
  const line = rule.provenance.find((p) => p.quote.includes("急救点")) ?? rule.provenance[0];
  return { types, cite: line ? `${line.doc}:${line.line}` : rule.id };
}

/** The facilities of `facilities` that are an EMS-TIERS rule's 急救点 ({@link tierPoints}); none where it names none. */
export function tierPointFacilities(
  rule: Extract<Rule, { kind: "tiers" }>,
  facilities: readonly Facility[],
): Facility[] {
  const points = tierPoints(rule);
  return points ? facilities.filter((f) => points.types.includes(f.type)) : [];
}

/** The facility types a rule set's EMS network counts as its points, as its checks count them. */
export interface EmsNetworkTypes {
  /** Every type whose facilities are points of the network: existing EMS coverage. */
  types: ReadonlySet<FacilityType>;
  /**
   * The 急救点 of EMS-TIERS that no radius rule counts (002:201: THCs and CHCs), with the line naming them: points of
   * the county's own network, as the check lists them.
   */
  points?: { types: readonly FacilityType[]; cite: string };
}

/**
 * The EMS network's points by the rule set, as its checks count them: every 急救中心 and 急救站; the types its EMS
 * radius rule counts (EMS-RURAL, else EMS-URBAN: 宜春's THCs under 004:439); where it states no radius, the hubs and
 * stations EMS-TIERS counts (南宫's 120 command centre too, the hub 002:201 sets up); and the 急救点 EMS-TIERS names
 * (002:201: 南宫's THCs and CHCs). Siting counts these as the existing coverage of an EMS site.
 */
export function emsNetworkPointTypes(ruleSet: RuleSet): EmsNetworkTypes {
  const radius =
    ruleSet.rules.find((r) => r.id === "EMS-RURAL" && r.kind === "radius-coverage") ??
    ruleSet.rules.find((r) => r.id === "EMS-URBAN" && r.kind === "radius-coverage");
  const tiers = ruleSet.rules.find((r): r is Extract<Rule, { kind: "tiers" }> => r.kind === "tiers");
  const types = new Set<FacilityType>(["ems-centre", "ems-station", ...(radius?.appliesTo ?? tiers?.appliesTo ?? [])]);
  const named = tiers && tierPoints(tiers);
  const extra = named?.types.filter((t) => !types.has(t)) ?? [];
  for (const t of extra) types.add(t);
  return { types, ...(named && extra.length > 0 ? { points: { types: extra, cite: named.cite } } : {}) };
}
