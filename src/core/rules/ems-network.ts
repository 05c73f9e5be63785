import type { MultiPolygon, Polygon } from "geojson";
import type { CountyProps, FacilityType, LocalizedText } from "../model";
import { EMS_NETWORK } from "./messages";
import type { RuleSet } from "./schema";

// Which EMS points a county's network counts when cross-border cover is off (docs/rules.md §3). 003:61
// 「以市紧急医疗救援中心、县级“120”急救指挥中心为中枢、以急救站为基础」: each county (县) and county-level city (县级市) has its
// own county-level 120 hub and its network is its own; the city's districts (市辖区) are served by the city's rescue
// centre, so they form one network: the city's. The session's checks, the siting and the map's rings all read it here.

/**
 * The facility types that are the city's EMS hub alone: a tiers rule's `cityHub` types that are not also its
 * `countyHub` types (Nanyang: the 市紧急医疗救援中心, an `ems-centre`, while a county's hub is its 120 command centre).
 * One of these counts in the city network wherever in the city it stands. Where the same type is also a county's hub
 * (004:439 「市县两级急救中心（站）」: a county has its own 急救中心), one standing in a county is that county's and only
 * those standing in a district are the city's (they count there as district points anyway).
 */
export function cityHubTypes(ruleSet: RuleSet): ReadonlySet<FacilityType> {
  const out = new Set<FacilityType>();
  for (const r of ruleSet.rules)
    if (r.kind === "tiers") for (const t of r.params.cityHub) if (!r.params.countyHub.includes(t)) out.add(t);
  return out;
}

/**
 * Whether a facility belongs to the EMS network of `county` without cross-border cover: a 县 or 县级市 counts its own
 * points only; a district (市辖区) counts the points of every district of its city and the city's hub
 * ({@link cityHubTypes}) wherever in the city it stands. `home` is the facility's own county (undefined: none).
 */
export function inOwnNetwork(
  county: CountyProps,
  home: CountyProps | undefined,
  type: FacilityType,
  cityHubs: ReadonlySet<FacilityType>,
): boolean {
  if (!home) return false;
  if (home.code === county.code) return true;
  if (county.kind !== "district" || home.city !== county.city) return false;
  return home.kind === "district" || cityHubs.has(type);
}

/**
 * The counties (of `counties`) whose network a facility of `home` counts in without cross-border cover: its home,
 * and when it stands in a district or is a city hub, every district of the home's city.
 */
export function networkCounties<C extends CountyProps>(
  counties: readonly C[],
  home: CountyProps | undefined,
  type: FacilityType,
  cityHubs: ReadonlySet<FacilityType>,
): C[] {
  if (!home) return [];
  return counties.filter((c) => inOwnNetwork(c, home, type, cityHubs));
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
  type: FacilityType,
  cityHubs: ReadonlySet<FacilityType>,
): { key: string; geometry: Polygon | MultiPolygon; others: Array<Polygon | MultiPolygon> } | undefined {
  if (!home) return undefined;
  const own = counties.find((c) => c.properties.code === home.code);
  if (!own) return undefined;
  const others = counties.filter((c) => c !== own && inOwnNetwork(c.properties, home, type, cityHubs));
  const key = [own, ...others].map((c) => c.properties.code).join("+");
  return { key, geometry: own.geometry, others: others.map((c) => c.geometry) };
}

/** The network's types of a facility in the rule set: a type some EMS radius or travel-time rule counts. */
export function emsNetworkTypes(ruleSet: RuleSet): ReadonlySet<FacilityType> {
  const out = new Set<FacilityType>();
  for (const r of ruleSet.rules)
    if (r.kind === "radius-coverage" || r.kind === "travel-time") for (const t of r.appliesTo) out.add(t);
  return out;
}
