import { type Facility, type FacilityType, geodesicDistanceKm } from "../core";

/** Rules that count a facility by its township's, street's or village's code (a position cannot tell the unit). */
export const UNIT_RULES: ReadonlySet<string> = new Set(["THC-PER-TOWNSHIP", "CHC-PER-STREET", "VC-PER-VILLAGE"]);
/** Types counted per township (乡、镇): the health centres. */
export const TOWNSHIP_TYPES: ReadonlySet<FacilityType> = new Set<FacilityType>(["thc", "central-thc", "sub-centre"]);
/** Types counted per street (街道): the community health service centres and stations. */
export const STREET_TYPES: ReadonlySet<FacilityType> = new Set<FacilityType>(["chc", "chc-station"]);

/**
 * The unit a site placed on the map is counted in, from the violation selected when it was placed: a health centre
 * added for 「水寨乡：无乡镇卫生院」 is 水寨乡's, a clinic added for a village without one is that village's (the planner
 * trial: the site was added beside the red circle and the violation stayed). Nothing when the violation is not a
 * unit's, its rule does not count the type, or the site lies in another county.
 */
export function unitFromViolation(
  type: FacilityType,
  v: { rule: string; county: string; unitCode?: string } | undefined,
  siteCounty: string | null,
): Pick<Facility, "township" | "village"> {
  if (!v?.unitCode || siteCounty !== v.county) return {};
  return unitOf(type, v as { rule: string; unitCode: string });
}

/**
 * The name a proposed site placed for a unit's violation is given: the unit's short name and the type, with its id
 * (「马坡村卫生室（规划 P1）」 for 「马坡村民委员会：无村卫生室」), so the exports carry a name the planner need not retype (the
 * re-trial, s50b L6: 「规划村卫生室 P1」). Undefined where the site is not counted for the violation's unit.
 */
export function proposedNameFromViolation(
  type: FacilityType,
  v: { rule: string; county: string; unitCode?: string; unitName?: string } | undefined,
  siteCounty: string | null,
  id: string,
  typeLabel: string,
): string | undefined {
  if (!v?.unitName || !unitFromViolation(type, v, siteCounty).township) return undefined;
  // 「马坡村民委员会」 is 马坡村; a township's name is its own (张店镇)
  const short = v.unitName.replace(
    /(村|社区)?(民委员会|居民委员会|委员会)$/,
    (_m, kind: string | undefined) => kind ?? "村",
  );
  // the type without the unit's kind it repeats: 马坡村卫生室 (not 马坡村村卫生室), 张店镇卫生院, 张店镇中心卫生院
  const label =
    /[村区]$/.test(short) && typeLabel.startsWith("村")
      ? typeLabel.slice(1)
      : /[乡镇]$/.test(short)
        ? typeLabel.replace("乡镇", "")
        : typeLabel;
  return `${short}${label}（规划 ${id}）`;
}

/** The unit codes a violation's unit gives a site of `type` (see {@link unitFromViolation}). */
function unitOf(type: FacilityType, v: { rule: string; unitCode: string }): Pick<Facility, "township" | "village"> {
  if (v.rule === "THC-PER-TOWNSHIP" && TOWNSHIP_TYPES.has(type)) return { township: v.unitCode };
  if (v.rule === "CHC-PER-STREET" && STREET_TYPES.has(type)) return { township: v.unitCode };
  if (v.rule === "VC-PER-VILLAGE" && type === "village-clinic")
    return { township: v.unitCode.slice(0, 9), village: v.unitCode };
  return {};
}

/**
 * Which units a proposed site of `type` would fill, to mark them ✘ in its Plan row: for a health centre the townships
 * lacking one (THC-PER-TOWNSHIP), for a CHC the streets (CHC-PER-STREET), for a village clinic the villages lacking
 * one and the townships holding such a village (VC-PER-VILLAGE). The re-trial found a clinic's township choice marked
 * by the townships lacking a health centre.
 */
export function lackingUnits(
  violations: ReadonlyArray<{ rule: string; unitCode?: string; unitHas?: number; unitNeeds?: number }>,
  type: FacilityType,
): { township: (code: string) => boolean; village: (code: string) => boolean } {
  const rule = TOWNSHIP_TYPES.has(type)
    ? "THC-PER-TOWNSHIP"
    : STREET_TYPES.has(type)
      ? "CHC-PER-STREET"
      : type === "village-clinic"
        ? "VC-PER-VILLAGE"
        : undefined;
  // lacking, not a unit with more than its one (「有 2 所…请核查」 was marked ✘ too: the planner trial, s42-b #8)
  const lacks = (v: { unitHas?: number; unitNeeds?: number }) =>
    v.unitHas === undefined || v.unitNeeds === undefined || v.unitHas < v.unitNeeds;
  const codes = new Set(
    violations.filter((v) => v.rule === rule && v.unitCode && lacks(v)).map((v) => v.unitCode as string),
  );
  if (rule !== "VC-PER-VILLAGE") return { township: (c) => codes.has(c), village: () => false };
  const townships = new Set([...codes].map((c) => c.slice(0, 9)));
  return { township: (c) => townships.has(c), village: (c) => codes.has(c) };
}

/** How close (m) another proposed site of the same type is said to stand on the same place. */
export const TWIN_M = 200;

/**
 * The nearest other proposed site of the same type within {@link TWIN_M} of a site, with the distance in whole metres:
 * two sites placed on one spot (a double click, a site accepted twice) each say so in the Plan tab, not only in what
 * their effects measure (the re-trial, s52b L1: no word at placement).
 */
export function proposedTwin(
  f: Pick<Facility, "id" | "type" | "lon" | "lat">,
  proposed: readonly Facility[],
): { other: Facility; m: number } | undefined {
  let best: { other: Facility; m: number } | undefined;
  for (const o of proposed) {
    if (o.id === f.id || o.type !== f.type || Math.abs(o.lat - f.lat) > 0.01) continue;
    const m = Math.round(geodesicDistanceKm(f.lon, f.lat, o.lon, o.lat) * 1000);
    if (m <= TWIN_M && (!best || m < best.m)) best = { other: o, m };
  }
  return best;
}
