import type { Facility, RejectedFacility } from "../../model";
import { type CountyContext, type Evaluator, outcome } from "../context";
import { isPublic } from "../helpers";
import { ONE_PER_UNIT as M } from "../messages";
import { softShortfallNote, withNote } from "../messages-common";
import type { Rule } from "../schema";
import type { CheckStatus, Violation } from "../types";

type UnitRule = Rule & { kind: "one-per-unit" };
type Unit = { code: string; name: string };

const THC_TYPES = new Set(["thc", "central-thc", "sub-centre"]);

function byCode(list: Facility[], key: "township" | "village"): Map<string, Facility[]> {
  const m = new Map<string, Facility[]>();
  for (const f of list) {
    const c = f[key];
    if (!c) continue;
    const l = m.get(c);
    if (l) l.push(f);
    else m.set(c, [f]);
  }
  return m;
}

/**
 * A row kept with its stated county though it lies outside it ("outside-stated-county"): its facility is among the
 * county's facilities too, so it is not counted a second time where facilities and refused rows are counted together.
 */
function alsoPlaced(r: RejectedFacility): boolean {
  return r.reason === "outside-stated-county";
}

/** A THC's row that is not counted, for the may-host note: refused for its position, or kept where it lies elsewhere. */
function rowNote(row: number, reason: string | undefined): { row: number; elsewhere: boolean } {
  return { row, elsewhere: reason === "unit-elsewhere" };
}

/** The administrative villages to check, with those exempt as hosting a THC (and the ones needing a population). */
/**
 * Whether a THC with no village code leaves its village unknown: an existing one always; a planner's proposed one
 * when it has a township chosen (it will stand in one of its villages, as an existing one without a code does: the
 * trial, s51 #2, read a planned 赤兴乡卫生院's township 违规 beside the others' 待核), not one counted in no unit.
 */
function villageUnsaid(f: Facility): boolean {
  return !f.proposed || f.township !== undefined;
}

/**
 * The villages hosting a THC, by their codes: the THCs' own village codes, a refused row's too (its village hosts it as
 * much, s45 #2). Where the rule exempts them (002:193, 004:437) they need no clinic, 004's only under 800 people.
 */
export function thcVillages(ctx: Pick<CountyContext, "facilities" | "rejected">): Set<string> {
  return new Set([
    ...ctx.facilities.filter((f) => THC_TYPES.has(f.type) && f.village).map((f) => f.village as string),
    ...ctx.rejected.filter((r) => THC_TYPES.has(r.type) && r.village).map((r) => r.village as string),
  ]);
}

function villageUnits(rule: UnitRule, ctx: CountyContext) {
  const exempt = new Set(rule.exemptions);
  const hosts = thcVillages(ctx);
  const min = rule.params.thcVillageUnlessPopulationAtLeast;
  const units: Unit[] = [];
  let exemptUnits = 0;
  let needPopulation = 0;
  for (const t of ctx.divisions?.townships ?? [])
    for (const v of t.villages) {
      if (v.kind === "community") continue;
      if (exempt.has("thc-village") && hosts.has(v.code)) {
        if (min === undefined) {
          exemptUnits++;
          continue;
        }
        // 004:437: a THC village is exempt unless it has 800+ people, which only its population tells
        const pop = ctx.unitPopulation.get(v.code);
        if (pop === undefined) {
          needPopulation++;
          continue;
        }
        if (pop < min) {
          exemptUnits++;
          continue;
        }
      }
      units.push(v);
    }
  // THCs with no village code: their villages, which the plan exempts, cannot be told (the reviewer trial: no sample THC
  // has one, so the exemption was never applied, unsaid)
  const thcVillageUnknown = exempt.has("thc-village")
    ? ctx.facilities.filter((f) => THC_TYPES.has(f.type) && !f.village && villageUnsaid(f)).length +
      ctx.rejected.filter((r) => THC_TYPES.has(r.type) && !r.village && !alsoPlaced(r)).length
    : 0;
  return { units, exemptUnits, needPopulation, thcVillageUnknown };
}

/**
 * THC-PER-TOWNSHIP / CHC-PER-STREET / VC-PER-VILLAGE: each township, street or administrative village of the
 * county's division list has its facility (by the facility's 9- or 12-digit code).
 * - A county with none of the units' facilities at all fails; a unit without one is an error.
 * - 003:219: a village without its own clinic is served only where the data says so: a clinic's `servesVillages`
 *   lists it (a 中心村卫生室 built jointly by adjacent villages); never a blanket waiver.
 * - 002:193 / 004:437: a village hosting a THC is exempt (004: unless it has 800+ people, judged when village
 *   populations are given).
 * - 001:301 counts a station (「社区卫生服务中心（站）」) for a street; 002:191 lets a street under 3万 have a station
 *   (a review, not an error); 002:189 「或3-10万居民」 makes a street over 10万 with one centre a review.
 * - More than one THC in a township is a review (002 has such a township).
 * - A unit whose facility is only in a row of the list refused for its position (`ctx.rejected`: no coordinates, or
 *   none readable) is a review naming the row, not an error: the facility is listed, only unplaced.
 * - `params.shortfall` (002:193 「原则上每个行政村设置1个村卫生室」): a unit without its facility is a review naming the
 *   wording; a county with none at all still fails.
 */
export const onePerUnit: Evaluator<"one-per-unit"> = (rule, ctx) => {
  if (!ctx.divisions) {
    return outcome({ rule: rule.id, status: "needs-data", message: M.needsDivisions(rule.unit) });
  }
  const exempt = new Set(rule.exemptions);
  const types = new Set([...rule.appliesTo, ...(rule.params.alsoCounts ?? [])]);
  const counted = ctx.facilities.filter((f) => types.has(f.type) && (!exempt.has("private") || isPublic(f)));
  const key = rule.unit === "village" ? "village" : "township";
  let units: Unit[];
  let exemptUnits = 0;
  let needPopulation = 0;
  let thcVillageUnknown = 0;
  if (rule.unit === "village") ({ units, exemptUnits, needPopulation, thcVillageUnknown } = villageUnits(rule, ctx));
  else
    units = ctx.divisions.townships.filter((t) =>
      rule.unit === "street" ? t.kind === "街道" : t.kind === "镇" || t.kind === "乡",
    );
  if (units.length === 0 && needPopulation === 0) {
    return outcome({
      rule: rule.id,
      status: "not-applicable",
      count: 0,
      expected: 0,
      message: M.noUnits(rule.unit, ctx.props.kind),
    });
  }
  // a facility kept more than 2 km outside the county it states counts for none of the units it names: they are for
  // review, naming its row (its "outside-stated-county" row in ctx.rejected; the user re-trial: 瓦屋镇卫生院, 15.9 km
  // into 南召县, gave 瓦屋镇 its centre)
  const placed = counted.filter((f) => f.outsideStatedKm === undefined);
  const mine = byCode(placed, key);
  // facilities of the type the rule does not count (private, where it asks for public ones), by unit: a unit with only
  // those is named with them (the reviewer trial: 宜春 villages with a private clinic read 「无村卫生室」)
  const notCounted = exempt.has("private")
    ? byCode(
        ctx.facilities.filter((f) => types.has(f.type) && !isPublic(f) && f.outsideStatedKm === undefined),
        key,
      )
    : new Map<string, Facility[]>();
  // a planner's proposed site with no unit chosen counts in no unit (its Plan row says so): it does not make the lacking
  // units unknown (the re-trial: one proposed clinic turned 桐柏县's village violations into reviews)
  // nor does one kept far outside the county it states: it lies in another county, in none of this one's units (the
  // re-trial, s49b #5: a 卫生院 11.7 km outside 新密市, its township matched nowhere, took 新密市's 确缺 from 10 to 9)
  const unassigned = placed.filter((f) => !f[key] && !f.proposed).length;
  // villages a shared clinic (中心村卫生室) serves besides its own, by the clinic's own list (003:219)
  const servedBy = new Map<string, Facility>();
  if (exempt.has("shared-clinic"))
    for (const f of placed) for (const v of f.servesVillages ?? []) if (!servedBy.has(v)) servedBy.set(v, f);
  // rows of the list refused for their position (no coordinates), of the types counted, by the unit they name
  const refusedHere = new Map<string, RejectedFacility[]>();
  for (const r of ctx.rejected) {
    if (!types.has(r.type)) continue;
    // a refused shared clinic names the villages it serves too, where the rule set counts shared clinics (003:219):
    // each is for review, not lacking (a refused row's 「王营村、丰山村」 left 丰山村 确缺)
    const served = key === "village" && exempt.has("shared-clinic") ? (r.attributes?.servesVillages ?? []) : [];
    for (const code of new Set([r[key], ...served]))
      if (code) refusedHere.set(code, [...(refusedHere.get(code) ?? []), r]);
  }
  let refusedUnits = 0;
  let elsewhereUnits = 0;
  let outsideUnits = 0;
  const violations: Violation[] = [];
  const violation = (u: Unit, severity: "error" | "review", message: Violation["message"], has = 0) =>
    violations.push({
      rule: rule.id,
      severity,
      county: ctx.props.code,
      unitCode: u.code,
      unitName: u.name,
      unitHas: has,
      unitNeeds: rule.params.perUnit.value,
      message,
    });
  // units without a facility of their code, in the list's order: settled after the loop, once it is known how many
  // of them an uncoded facility may fill
  const lacking = new Map<Violation, Violation["message"]>();
  let satisfied = 0;
  let shared = 0;
  let missing = 0;
  let reviews = 0;
  const need = rule.params.perUnit.value;
  const soft = rule.params.shortfall;
  const softNote = soft && softShortfallNote(soft);
  const small = rule.params.smallStreet;
  // units whose facilities' ownership is not given where the plan asks for public ones (004:437 「公有产权」村卫生室,
  // 「政府办」 centres): for review, not met (the reviewer trial: a list without an ownership column passed every such
  // test). A 乡镇卫生院 is government-run by what it is, so its ownership need not be given.
  let ownershipUnknown = 0;
  const ownershipKnown = (f: Facility) => !exempt.has("private") || f.ownership !== undefined || THC_TYPES.has(f.type);
  const ownershipRows = new Set<Violation>();
  // a list with no ownership at all (no column): one line for the county, not a review row per village (the re-trial:
  // 2,154 rows 「所有制未填」 buried the 45 villages with no clinic). The list's facilities decide it, not the planner's
  // proposed sites: one proposed clinic (public by the form's choice) turned 41 imported clinics into 41 review rows
  // (the trial, s51 #3: 2,374 → 2,412 violations for one clinic added)
  const noOwnershipData =
    exempt.has("private") && !counted.some((f) => !THC_TYPES.has(f.type) && !f.proposed && f.ownership !== undefined);
  for (const u of units) {
    const have = mine.get(u.code) ?? [];
    const centres = have.filter((f) => rule.appliesTo.includes(f.type));
    const pop = ctx.unitPopulation.get(u.code);
    if (have.length >= need && have.filter(ownershipKnown).length < need) {
      ownershipUnknown++;
      violation(
        u,
        "review",
        M.ownershipUnknown(
          u.name,
          rule.unit,
          rule.appliesTo,
          have.map((f) => f.name),
        ),
        have.filter(ownershipKnown).length,
      );
      ownershipRows.add(violations[violations.length - 1]);
      continue;
    }
    if (have.length >= need) {
      satisfied++;
      if (rule.unit === "township" && have.length > need && !rule.params.atLeast) {
        reviews++;
        violation(
          u,
          "review",
          M.several(
            u.name,
            rule.appliesTo,
            have.map((f) => f.name),
          ),
          have.length,
        );
      }
      const per = rule.params.residentsPerCentreMax;
      if (rule.unit === "street" && per && pop !== undefined && centres.length * per < pop) {
        reviews++;
        violation(u, "review", M.largeStreet(u.name, pop, centres.length, per), centres.length);
      }
      continue;
    }
    const host = servedBy.get(u.code);
    if (host) {
      shared++;
      satisfied++;
      continue;
    }
    if (rule.unit === "street" && small) {
      const stations = ctx.facilities.filter((f) => small.stationTypes.includes(f.type) && f.township === u.code);
      if (pop !== undefined && pop < small.populationBelow) {
        reviews++;
        violation(u, "review", M.smallStreet(u.name, pop, small.populationBelow, stations.length));
        continue;
      }
      if (pop === undefined && stations.length > 0) {
        reviews++;
        violation(u, "review", M.stationUnknownPopulation(u.name, small.populationBelow));
        continue;
      }
    }
    missing++;
    // its facility is in a row refused for its position: for review, naming the row (the reviewer trial: 彭营镇's centre
    // refused for its empty 经度/纬度 read 「无乡镇卫生院」, an error with no word of the row)
    const refused = refusedHere.get(u.code);
    if (refused) {
      refusedUnits++;
      if (refused.every((r) => r.reason === "unit-elsewhere")) elsewhereUnits++;
      else if (refused.every((r) => r.reason === "outside-stated-county")) outsideUnits++;
      violation(u, "review", M.refused(u.name, refused, { unit: rule.unit, county: ctx.props.name }));
      const last = violations[violations.length - 1];
      last.uncertain = { group: u.code, atMost: 1 };
      // the row kept where it lies: its point, for the review to go to (the re-trial, s48 #3)
      const kept = refused.find((r) => r.at !== undefined);
      if (kept?.at) last.listRow = { row: kept.row, name: kept.name, lon: kept.at.lon, lat: kept.at.lat };
      continue;
    }
    const others = notCounted.get(u.code) ?? [];
    const text = others.length
      ? M.missingPublic(
          u.name,
          rule.unit,
          rule.appliesTo,
          others.map((f) => f.name),
        )
      : M.missing(u.name, rule.appliesTo);
    violation(u, soft ? "review" : "error", withNote(text, softNote));
    lacking.set(violations[violations.length - 1], text);
  }
  // a lacking village may be the village of a THC that gives no village code, which the plan exempts (004:437, 002:193):
  // such villages are for review, as many of them as there are such THCs in their township (or in the county, for a
  // THC with no township either) may be exempt (the reviewer trial, s41-a #4: 7 villages of 铜鼓县 read 违规 beside
  // 「缺的村中可能有免设者」, where only 1 was surely lacking)
  let mayBeExempt = 0;
  if (rule.unit === "village" && thcVillageUnknown > 0) {
    // the THCs placed with no village code, and those whose rows were refused for their position (the reviewer trial,
    // s45 #2: 中源乡's centre refused for its blank coordinates left 古竹村委会 「确缺」, though it may stand there)
    const thcs: Array<{ township?: string; row?: number; reason?: string; proposed?: boolean }> = [
      ...ctx.facilities.filter((f) => THC_TYPES.has(f.type) && !f.village && villageUnsaid(f)),
      ...ctx.rejected.filter((r) => THC_TYPES.has(r.type) && !r.village && !alsoPlaced(r)),
    ];
    const inTownship = new Map<string, number>();
    const plannedIn = new Map<string, number>();
    const refusedRows = new Map<string, Array<{ row: number; elsewhere: boolean }>>();
    for (const f of thcs)
      if (f.township) {
        inTownship.set(f.township, (inTownship.get(f.township) ?? 0) + 1);
        if (f.proposed) plannedIn.set(f.township, (plannedIn.get(f.township) ?? 0) + 1);
        // (a row kept where it lies in another county is not counted here, not refused: the message says which)
        if (f.row !== undefined)
          refusedRows.set(f.township, [...(refusedRows.get(f.township) ?? []), rowNote(f.row, f.reason)]);
      }
    const anywhere = thcs.filter((f) => !f.township).length;
    const anywhereRows = thcs
      .filter((f) => !f.township && f.row !== undefined)
      .map((f) => rowNote(f.row as number, f.reason));
    const min = rule.params.thcVillageUnlessPopulationAtLeast;
    const rows = [...lacking.keys()];
    const byTownship = new Map<string, Violation[]>();
    for (const v of rows) {
      const t = (v.unitCode ?? "").slice(0, 9);
      byTownship.set(t, [...(byTownship.get(t) ?? []), v]);
    }
    let left = 0;
    for (const [t, vs] of byTownship) {
      const k = inTownship.get(t) ?? 0;
      if (k === 0) {
        left += vs.length;
        continue;
      }
      mayBeExempt += Math.min(k, vs.length);
      for (const v of vs) {
        v.severity = "review";
        // k THCs of the township may stand in k of its lacking villages: at most that many of them are exempt
        v.uncertain = { group: `thc:${t}`, atMost: Math.min(k, vs.length) };
        v.message = withNote(v.message, M.mayHostThc(k, true, vs.length, refusedRows.get(t), min, plannedIn.get(t)));
      }
    }
    if (anywhere > 0 && left > 0) {
      mayBeExempt += Math.min(anywhere, left);
      for (const v of rows)
        if (v.severity === "error" || (v.severity === "review" && !v.uncertain)) {
          v.severity = "review";
          v.uncertain = { group: "thc:*", atMost: Math.min(anywhere, left) };
          v.message = withNote(v.message, M.mayHostThc(anywhere, false, left, anywhereRows, min));
        }
    }
  }
  // facilities with no unit code may stand in any of the units lacking one (the GIS trial: a county list without
  // village codes read 「无村卫生室」 for all 408 villages): as many lacking units as there are uncoded facilities are
  // unknown, not missing; when they cover every lacking unit the check needs the codes, and no unit is named
  const unknown = Math.min(unassigned, missing - mayBeExempt - refusedUnits);
  const surelyMissing = missing - mayBeExempt - refusedUnits - unknown;
  // the lacking rows become one group: those the township's THCs may stand in (mayBeExempt, their groups until now)
  // join it, so the group's sure shortfall is the check's (the planner trial, s56 M1: the list's 「至少 410 个确实缺少」
  // beside the check's 399, the 11 villages THCs may stand in lost when their rows were regrouped)
  if (unknown > 0)
    for (const [v, text] of lacking) {
      v.severity = "review";
      v.uncertain = { group: "uncoded", atMost: unknown + mayBeExempt };
      v.message = withNote(text, M.uncodedMayBeHere(unassigned, rule.unit));
    }
  const listed = (surelyMissing > 0 || unknown === 0 ? violations : violations.filter((v) => !lacking.has(v))).filter(
    (v) => !(noOwnershipData && ownershipRows.has(v)),
  );
  // each doubtful row says how many rows share its doubt, so that a reader of one row (or of the exports) has the sure
  // shortfall of its group: 11 villages of a township whose THC gives no village code, at most 1 exempt, at least 10
  // lacking (the trial, s51 #2: 120 rows 待核 beside the card's 「125 个确缺」)
  const groupRows = new Map<string, number>();
  for (const v of listed)
    if (v.uncertain) groupRows.set(v.uncertain.group, (groupRows.get(v.uncertain.group) ?? 0) + 1);
  for (const v of listed) if (v.uncertain) v.uncertain.of = groupRows.get(v.uncertain.group) ?? 1;
  // (a county whose only ones are in refused rows has them, unplaced: its units say so, each for review)
  const noneAtAll = counted.length === 0 && refusedHere.size === 0 && units.length > 0;
  // 「原则上」 (002:193): a missing unit is a review; a county with none of the facilities at all still fails
  const failing = noneAtAll || (surelyMissing > 0 && !soft);
  const status: CheckStatus = failing
    ? "fail"
    : needPopulation > 0 || unknown > 0 || (ownershipUnknown > 0 && noOwnershipData)
      ? "needs-data"
      : reviews > 0 || missing > 0 || ownershipUnknown > 0
        ? "review"
        : "pass";
  return outcome(
    {
      rule: rule.id,
      status,
      count: satisfied,
      expected: units.length,
      measured: missing,
      ...(unknown > 0 ? { unknown } : {}),
      ...(ownershipUnknown > 0 ? { ownershipUnknown } : {}),
      ...(mayBeExempt > 0 ? { mayBeExempt } : {}),
      ...(refusedUnits > 0 ? { refused: refusedUnits } : {}),
      ...(elsewhereUnits + outsideUnits > 0 ? { notCounted: elsewhereUnits + outsideUnits } : {}),
      message: withNote(
        // the types the plan counts, stations too where it says 「中心（站）」 (001:301; the reviewer trial, s41-a #7)
        M.summary(rule.unit, [...rule.appliesTo, ...(rule.params.alsoCounts ?? [])], {
          units: units.length,
          satisfied,
          missing,
          unassigned,
          surelyMissing,
          exemptUnits,
          shared,
          reviews,
          needPopulation,
          noneAtAll,
          ownershipUnknown,
          noOwnershipData,
          publicOnly: exempt.has("private"),
          thcVillageUnknown,
          mayBeExempt,
          refused: refusedUnits,
          elsewhere: elsewhereUnits,
          outside: outsideUnits,
        }),
        missing > 0 && !noneAtAll ? softNote : undefined,
      ),
    },
    listed,
  );
};
