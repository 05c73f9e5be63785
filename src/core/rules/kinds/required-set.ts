import { gradeRank } from "../../model";
import { type Evaluator, outcome } from "../context";
import { cityRunInDistrict, hospitalKindOf, isPublic } from "../helpers";
import { REQUIRED_SET as M } from "../messages";
import { softShortfallNote, withNote } from "../messages-common";
import type { Violation } from "../types";

/**
 * COUNTY-3-HOSPITALS / COUNTY-MCH / COUNTY-TCM: one public hospital of each required kind, at the minimum grade.
 * Whether districts are judged is the rule's `units` (000:310 says 县（区）, 001:295 县（市）). With `params.shortfall`
 * (002:177 「原则上设置…」) a missing or under-grade hospital is a review. A kind whose hospitals give no grade is
 * not judged below it: each is a review (「等级未填」), and a county with no other shortfall needs data (the planner
 * trial: 洛阳's lists without a 等级 column read 「具备 0/3」 and 「等级未知，未达二级」 as errors).
 */
export const requiredSet: Evaluator<"required-set"> = (rule, ctx) => {
  const minGrade = rule.params.minGrade;
  const minRank = minGrade ? (gradeRank(minGrade) ?? 0) : 0;
  // in a district, a hospital named for a city is the city's, not the district's own (004:458 names it apart)
  const cityRun = (name: string) => cityRunInDistrict(ctx.props, name);
  const candidates = ctx.facilities.filter((f) => rule.appliesTo.includes(f.type) && isPublic(f));
  const hospitals = candidates.filter((f) => !cityRun(f.name));
  const theCity = candidates.filter((f) => cityRun(f.name));
  // a district where the target names counties only: its shortfall is a review (the reviewer trial, s41-a #1)
  const district = ctx.props.kind === "district" ? rule.params.districtShortfall : undefined;
  const soft = rule.params.shortfall ?? district;
  const softNote = rule.params.shortfall
    ? softShortfallNote(rule.params.shortfall)
    : district
      ? M.districtNote(district)
      : undefined;
  const violations: Violation[] = [];
  const privateOfKind = (kind: string) => {
    const names = ctx.facilities
      .filter((f) => rule.appliesTo.includes(f.type) && !isPublic(f) && hospitalKindOf(f) === kind)
      .map((f) => f.name);
    privateLeftOut.push(...names.filter((n) => !privateLeftOut.includes(n)));
    return names;
  };
  let met = 0;
  let ungraded = 0;
  // a kind met only by hospitals whose ownership the list does not give: counted as public (a county's 妇幼保健院 or
  // 中医院 is one as a rule), and said with their names (the trial, s51 #1: the pass rested on it unsaid)
  const assumedPublic: string[] = [];
  // and the private hospitals of a kind missing, named on the county's line as on the row (the re-trial, s51c)
  const privateLeftOut: string[] = [];
  for (const kind of rule.params.required) {
    const ofKind = hospitals.filter((f) => hospitalKindOf(f) === kind);
    const meeting = ofKind.filter((f) => !minGrade || (gradeRank(f.grade) ?? -1) >= minRank);
    if (meeting.length > 0) {
      met++;
      if (meeting.every((f) => f.ownership === undefined)) assumedPublic.push(meeting[0].name);
      continue;
    }
    const unknown = minGrade ? ofKind.find((f) => gradeRank(f.grade) === undefined) : undefined;
    if (unknown) {
      ungraded++;
      violations.push({
        rule: rule.id,
        severity: "review",
        county: ctx.props.code,
        facilityId: unknown.id,
        facilityName: unknown.name,
        lon: unknown.lon,
        lat: unknown.lat,
        message: M.gradeUnknown(unknown.name, minGrade),
      });
      continue;
    }
    const best = ofKind[0];
    violations.push({
      rule: rule.id,
      severity: soft ? "review" : "error",
      county: ctx.props.code,
      ...(best ? { facilityId: best.id, facilityName: best.name, lon: best.lon, lat: best.lat } : {}),
      // the hospital's grade and the grade asked for, in fields as COUNTY-PH-GRADE3's (the re-trial, s49b #1: the
      // CSV's 等级 / 应达等级 were blank beside 「等级 一级甲等，未达二级」)
      ...(best?.grade && minGrade ? { grade: best.grade, gradeNeeded: minGrade } : {}),
      message: withNote(
        best
          ? M.belowGrade(best.name, best.grade, minGrade)
          : M.missingKind(
              kind,
              theCity.filter((f) => hospitalKindOf(f) === kind).map((f) => f.name),
              privateOfKind(kind),
            ),
        softNote,
      ),
    });
  }
  const need = rule.params.required.length;
  const short = need - met - ungraded;
  return outcome(
    {
      rule: rule.id,
      status: short > 0 ? (soft ? "review" : "fail") : ungraded > 0 ? "needs-data" : "pass",
      count: met,
      expected: need,
      ...(assumedPublic.length > 0 ? { assumedPublic } : {}),
      message: withNote(
        withNote(
          withNote(
            M.summary(rule.params.required, minGrade, met, ungraded),
            privateLeftOut.length > 0 ? M.privateLeftOut(privateLeftOut) : undefined,
          ),
          assumedPublic.length > 0 ? M.assumedPublic(assumedPublic) : undefined,
        ),
        short > 0 ? softNote : undefined,
      ),
    },
    violations,
  );
};
