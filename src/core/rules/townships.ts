import { geodesicDistanceKm } from "../geo";
import { type CountyProps, type Facility, keptForReview, type RejectedFacility, standsToday } from "../model";
import { isPublic } from "./helpers";
import { countyMedicalCentre } from "./medical-centre";
import type { Divisions, TownshipRow } from "./types";

const THC_TYPES = new Set<Facility["type"]>(["thc", "central-thc", "sub-centre"]);
const STREET_TYPES = new Set<Facility["type"]>(["chc", "chc-station"]);

/** What the per-township view of one county reads. */
export interface TownshipInput {
  county: CountyProps;
  divisions: Divisions["counties"][number];
  /** Facilities belonging to the county. */
  facilities: Facility[];
  unitPopulation: ReadonlyMap<string, number>;
  /** Village locations by 12-digit code (demand points named by their village code). */
  villagePoints: ReadonlyMap<string, { lon: number; lat: number }>;
  /** The EMS points the county's network counts, and the radii (km) of the EMS rules and their range ends. */
  ems: { radii: number[]; points: Facility[] };
  /** Only publicly owned clinics count (004:437 公有产权, VC-PER-VILLAGE's private exemption): as the check counts. */
  publicClinicsOnly?: boolean;
  /**
   * Villages the check exempts from a clinic (a THC's own village, 002:193, 004:437 under 800 people): not counted
   * among those without one, said apart (the re-trial, s51c: 垂杨镇 read 38 without beside a verdict counting 37).
   */
  exemptVillages?: ReadonlySet<string>;
  /** Rows of the list refused for their position alone (the county's), each with the unit codes its row gave. */
  rejected?: readonly RejectedFacility[];
  /**
   * Village codes VC-PER-VILLAGE leaves for review rather than failing (a refused or outside-county row names the
   * village, a THC may stand there): counted apart among the villages without a clinic.
   */
  villagesForReview?: ReadonlyMap<string, { group: string; atMost: number }>;
  /**
   * Township (street) codes the one-per-township (-street) rules leave for review lacking a centre: a centre with no
   * township code, or one refused, may be theirs.
   */
  townshipsForReview?: ReadonlySet<string>;
}

const NEEDS_VILLAGES = {
  zh: "需要村点位（以村代码为编号的需求点）才能计算各村急救覆盖",
  en: "Needs village locations (demand points named by their village code) for the villages' EMS cover",
};
const NO_RADIUS = { zh: "本规划未规定急救服务半径", en: "The plan states no EMS service radius" };

/**
 * One row per township (乡/镇/街道) of a county, as a reviewer reads it: its health centre(s) (present, central,
 * sub-centre), the first centre's geodesic distance to the county medical centre, its villages with and without a
 * village clinic (their own, or a shared one that lists them), and the share of its located villages within each
 * EMS radius of the county's network. Village positions are never invented: without village points the EMS shares
 * are left out and the row says what is needed.
 */
/** The review groups of VC-PER-VILLAGE that span the county (one-per-unit.ts): no township's alone. */
const COUNTY_WIDE = new Set(["uncoded", "thc:*"]);

export function townshipRows(x: TownshipInput): TownshipRow[] {
  const ref = countyMedicalCentre(x.county, x.facilities);
  // villages with a clinic the check counts; where it counts public ones only, those with private ones alone apart
  // (the planner trial: 宜丰县's table read 216 villages with a clinic beside the verdict's 198)
  const clinicVillages = new Set<string>();
  const privateVillages = new Set<string>();
  // and those whose clinics do not say their ownership, counted apart too, as the check does (the re-trial: the table
  // counted them public beside the verdict's 「所有制未填」)
  const unknownVillages = new Set<string>();
  for (const f of x.facilities) {
    // (a clinic kept more than 2 km outside its stated county counts for no village it names, as in VC-PER-VILLAGE)
    if (f.type !== "village-clinic" || f.outsideStatedKm !== undefined) continue;
    const into = !x.publicClinicsOnly
      ? clinicVillages
      : f.ownership === undefined
        ? unknownVillages
        : isPublic(f)
          ? clinicVillages
          : privateVillages;
    if (f.village) into.add(f.village);
    for (const v of f.servesVillages ?? []) into.add(v);
  }
  // the list's village clinics and THCs with no village code, by township (and those of none): the villages they may
  // stand in are for review
  const unplacedIn = new Map<string, number>();
  let unplacedAnywhere = 0;
  for (const f of x.facilities) {
    if (f.village || f.proposed || f.outsideStatedKm !== undefined) continue;
    if (f.type !== "village-clinic" && !THC_TYPES.has(f.type)) continue;
    if (f.township === undefined) unplacedAnywhere++;
    else unplacedIn.set(f.township, (unplacedIn.get(f.township) ?? 0) + 1);
  }
  // the county's present centres by township code, in the facilities' order (one pass, not one per township)
  const byTownship = new Map<string, Facility[]>();
  for (const f of x.facilities) {
    // and the planner's proposed ones, marked as such: the verdict counts them (the GIS trial, s51b M1: 渣元乡 read 无 in
    // the table beside a THC-PER-TOWNSHIP that counted its proposed centre)
    if (f.township === undefined || !(THC_TYPES.has(f.type) || STREET_TYPES.has(f.type))) continue;
    // kept more than 2 km outside its stated county: not this township's centre, for review naming its row (below), as
    // THC-PER-TOWNSHIP says (the user re-trial: 瓦屋镇卫生院 in 南召县)
    if (f.outsideStatedKm !== undefined) continue;
    const list = byTownship.get(f.township);
    if (list) list.push(f);
    else byTownship.set(f.township, [f]);
  }
  // centres of the list with no township (street) code may stand in any township (street) lacking one: each is then
  // for review, not 无 (镇平县's one-county list: 12 uncoded centres, its check 缺数据, its table 「无」 in red)
  const uncoded = (types: ReadonlySet<Facility["type"]>) =>
    x.facilities.some(
      (f) =>
        standsToday(f) &&
        !f.proposed &&
        f.township === undefined &&
        f.outsideStatedKm === undefined &&
        types.has(f.type),
    );
  const centresUnknown = { township: uncoded(THC_TYPES), street: uncoded(STREET_TYPES) };
  return x.divisions.townships.map((t) => {
    const types = t.kind === "街道" ? STREET_TYPES : THC_TYPES;
    const centres = (byTownship.get(t.code) ?? []).filter((f) => types.has(f.type));
    const villages = t.villages.filter((v) => v.kind === "village");
    const withClinic = villages.filter((v) => clinicVillages.has(v.code)).length;
    const exempt = villages.filter((v) => !clinicVillages.has(v.code) && x.exemptVillages?.has(v.code)).length;
    const privateOnly = villages.filter((v) => !clinicVillages.has(v.code) && privateVillages.has(v.code)).length;
    const ownershipUnknown = villages.filter(
      (v) => !clinicVillages.has(v.code) && !privateVillages.has(v.code) && unknownVillages.has(v.code),
    ).length;
    // of those without one the check counts (and not named apart as private-only or ownership-unknown), the villages
    // its verdict leaves for review
    // (rows sharing a doubt count up to its bound: 2 THCs with no village code may stand in 2 of 39 lacking villages,
    // not 39: the user re-trial, s48 #2, 「39（待核 39）」 beside 「至多 13 个可能免设」)
    const groups = new Map<string, { n: number; atMost: number }>();
    const reviewNames: string[] = [];
    for (const v of villages) {
      const u = x.villagesForReview?.get(v.code);
      if (!u || clinicVillages.has(v.code) || privateVillages.has(v.code) || unknownVillages.has(v.code)) continue;
      const g = groups.get(u.group) ?? { n: 0, atMost: u.atMost };
      g.n++;
      groups.set(u.group, g);
      reviewNames.push(v.name);
    }
    // a county-wide group (facilities with no village code may stand in any lacking village) is this township's only
    // as far as such facilities are in it or name no township: not its whole bound in every row (the planner trial,
    // s56 M2: 「待核 8」 in all 15 townships of 南宫市 for 8 rows in all)
    const forReview = [...groups.entries()].reduce(
      (sum, [key, g]) =>
        sum + Math.min(g.n, g.atMost, COUNTY_WIDE.has(key) ? (unplacedIn.get(t.code) ?? 0) + unplacedAnywhere : g.n),
      0,
    );
    const pop = x.unitPopulation.get(t.code);
    const refused = (x.rejected ?? []).filter((r) => r.township === t.code && types.has(r.type));
    // the sub-centre first, the distance SUB-15KM judges; then a central THC, then any THC
    const first =
      centres.find((f) => f.type === "sub-centre") ??
      centres.find((f) => f.type === "central-thc") ??
      centres.find((f) => THC_TYPES.has(f.type)) ??
      centres[0];
    const row: TownshipRow = {
      code: t.code,
      name: t.name,
      kind: t.kind,
      county: x.county.code,
      centres: centres.map((f) => ({
        id: f.id,
        name: f.name,
        type: f.type,
        central: f.type === "central-thc",
        subCentre: f.type === "sub-centre",
        ...(standsToday(f) ? {} : { proposed: true as const }),
        distanceKm: geodesicDistanceKm(f.lon, f.lat, ref.lon, ref.lat),
      })),
      ...(refused.length
        ? {
            refusedCentres: refused.map((r) => ({
              file: r.file,
              row: r.row,
              name: r.name,
              ...(keptForReview(r) ? { notCounted: true } : {}),
            })),
          }
        : {}),
      ...(centres.length === 0 &&
      !refused.length &&
      (x.townshipsForReview?.has(t.code) || centresUnknown[t.kind === "街道" ? "street" : "township"])
        ? { centreForReview: true }
        : {}),
      ...(first
        ? {
            distanceToCountyCentreKm: geodesicDistanceKm(first.lon, first.lat, ref.lon, ref.lat),
            distanceFrom: { kind: ref.kind, name: ref.name },
          }
        : {}),
      villages: villages.length,
      villagesWithClinic: withClinic,
      villagesWithoutClinic: villages.length - withClinic - exempt,
      ...(exempt ? { villagesExempt: exempt } : {}),
      ...(x.publicClinicsOnly ? { villagesPrivateOnly: privateOnly } : {}),
      ...(x.publicClinicsOnly && ownershipUnknown ? { villagesOwnershipUnknown: ownershipUnknown } : {}),
      ...(forReview ? { villagesForReview: forReview, villagesForReviewNames: reviewNames } : {}),
      ...(pop !== undefined ? { population: pop } : {}),
    };
    if (x.ems.radii.length === 0) return { ...row, emsNeeds: NO_RADIUS };
    const located = t.villages.flatMap((v) => {
      const p = x.villagePoints.get(v.code);
      return p ? [p] : [];
    });
    if (located.length === 0) return { ...row, emsNeeds: NEEDS_VILLAGES };
    const nearest = located.map((p) =>
      x.ems.points.reduce((m, f) => Math.min(m, geodesicDistanceKm(p.lon, p.lat, f.lon, f.lat)), Infinity),
    );
    return {
      ...row,
      ems: x.ems.radii.map((r) => ({
        radiusKm: r,
        share: nearest.filter((d) => d <= r + 1e-9).length / located.length,
        located: located.length,
      })),
    };
  });
}
