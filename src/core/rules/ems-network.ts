import type { MultiPolygon, Polygon } from "geojson";
import type { CountyProps, FacilityType, LocalizedText } from "../model";
import { EMS_NETWORK } from "./messages";
import type { RuleSet } from "./schema";

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

/** The network's types of a facility in the rule set: a type some EMS radius or travel-time rule counts. */
export function emsNetworkTypes(ruleSet: RuleSet): ReadonlySet<FacilityType> {
  const out = new Set<FacilityType>();
  for (const r of ruleSet.rules)
    if (r.kind === "radius-coverage" || r.kind === "travel-time") for (const t of r.appliesTo) out.add(t);
  return out;
}
