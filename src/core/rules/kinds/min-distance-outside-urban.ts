import { geodesicDistanceKm } from "../../geo";
import type { Facility } from "../../model";
import { type CountyContext, DISTANCE_EPS_KM, type Evaluator, outcome, type RuleOutcome } from "../context";
import { countyMedicalCentre, type MedicalCentreRef } from "../medical-centre";
import { MIN_DISTANCE_OUTSIDE_URBAN as M, SUB_CENTRE_CANDIDATE } from "../messages";
import type { Check, Violation } from "../types";

/** SUB-15KM's test of one site: its distance from the reference, whether that is too near, and whether it is urban. */
export interface SubCentreTest {
  distanceKm: number;
  near: boolean;
  urban: boolean;
}

/**
 * SUB-15KM's predicate (003:213 「在县(市、区)城区之外,距离县域医疗中心15公里以上」): outside the urban area and at least
 * `limitKm` (inclusive: 「以上」) from the county medical centre. SUB-COUNT counts only sub-centres that meet it.
 */
export function subCentreTest(f: Facility, ref: MedicalCentreRef, limitKm: number, ctx: CountyContext): SubCentreTest {
  const d = geodesicDistanceKm(f.lon, f.lat, ref.lon, ref.lat);
  return { distanceKm: d, near: d < limitKm - DISTANCE_EPS_KM, urban: ctx.isUrban(f) };
}

/**
 * SUB-15KM: every sub-centre lies outside the urban area and at least the distance from the county medical centre
 * (inclusive, 「15公里以上」); central THCs that meet both are listed as qualifying candidates.
 */
export const minDistanceOutsideUrban: Evaluator<"min-distance-outside-urban"> = (rule, ctx) => {
  const limit = ctx.params.subCentreMinKm;
  const ref = countyMedicalCentre(ctx.props, ctx.facilities);
  const candidates = ctx.facilities.filter(
    (f) => (f.type === "sub-centre" || f.type === "central-thc") && rule.appliesTo.includes(f.type),
  );
  const base = { rule: rule.id, limit, reference: ref };
  if (candidates.length === 0) {
    return outcome({ ...base, status: "not-applicable", count: 0, message: M.noCandidates() });
  }
  const violations: Violation[] = [];
  const qualifying: RuleOutcome["qualifying"] = [];
  const listed: NonNullable<Check["candidates"]> = [];
  let subCount = 0;
  let minSubKm = Infinity;
  for (const f of candidates) {
    const { distanceKm: d, near, urban } = subCentreTest(f, ref, limit, ctx);
    if (f.type === "central-thc") {
      if (!near && !urban) qualifying.push({ facilityId: f.id, distanceKm: d, county: ctx.props.code, name: f.name });
      // each one listed with its distance and why it does not qualify (the user trial, s46-b #7)
      listed.push({
        facilityId: f.id,
        name: f.name,
        distanceKm: d,
        qualifies: !near && !urban,
        reasons: SUB_CENTRE_CANDIDATE.reasons({ distanceKm: d, limitKm: limit, near, urban }),
        text: SUB_CENTRE_CANDIDATE.line(f.name, d, limit, { near, urban }),
      });
      continue;
    }
    subCount++;
    minSubKm = Math.min(minSubKm, d);
    if (!near && !urban) continue;
    violations.push({
      rule: rule.id,
      severity: "error",
      facilityId: f.id,
      facilityName: f.name,
      county: ctx.props.code,
      distanceKm: d,
      limitKm: limit,
      measuredFrom: ref,
      lon: f.lon,
      lat: f.lat,
      message: M.violation({ zh: ctx.props.name, en: ctx.nameEn }, f.name, ref.kind, {
        near,
        urban,
        distanceKm: d,
        limitKm: limit,
      }),
    });
  }
  return outcome(
    {
      ...base,
      status: violations.length > 0 ? "fail" : subCount === 0 ? "not-applicable" : "pass",
      count: subCount,
      ...(subCount > 0 ? { measured: minSubKm } : {}),
      ...(listed.length > 0 ? { candidates: listed } : {}),
      message: M.summary(ref, {
        violations: violations.length,
        subCount,
        qualifying: qualifying.length,
        limitKm: limit,
        ...(subCount > 0 ? { nearestKm: minSubKm } : {}),
        failing: violations.map((v) => v.facilityName ?? ""),
      }),
    },
    violations,
    { qualifying },
  );
};
