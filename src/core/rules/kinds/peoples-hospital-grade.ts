import { gradeRank } from "../../model";
import { type Evaluator, outcome } from "../context";
import { countyMedicalCentre } from "../medical-centre";
import { PEOPLES_HOSPITAL_GRADE as M } from "../messages";
import { softShortfallNote, withNote } from "../messages-common";

/**
 * COUNTY-PH-GRADE3 (000:310 「推动县级人民医院全部晋升三级综合医院」): the county people's hospital — the county medical
 * centre facility, else the county's 人民医院 — reaches the grade. No such hospital in the data fails; one without a
 * grade needs data. With `params.shortfall` (「推动…晋升」: a direction, not a standard met today) a hospital below the
 * grade, or none in the data, is a review naming the wording.
 */
export const peoplesHospitalGrade: Evaluator<"peoples-hospital-grade"> = (rule, ctx) => {
  const ref = countyMedicalCentre(ctx.props, ctx.facilities);
  const min = rule.params.minGrade;
  const base = { rule: rule.id, expected: gradeRank(min) };
  const soft = rule.params.shortfall;
  if (ref.kind === "seat") {
    // a direction (「推动…晋升」) has no hospital to push where the data has none: for review as a shortfall is, not a
    // breach (the user trial, s47: 方城县's list of primary care alone read 「不达标」 beside the rule's 「未达为待核」)
    const message = withNote(
      M.none({ zh: ctx.props.name, en: ctx.nameEn }),
      soft ? softShortfallNote(soft) : undefined,
    );
    return outcome({ ...base, status: soft ? "review" : "fail", message }, [
      { rule: rule.id, severity: soft ? "review" : "error", county: ctx.props.code, message },
    ]);
  }
  const f = ctx.facilities.find((x) => x.id === ref.facilityId);
  const rank = gradeRank(f?.grade);
  if (!f || rank === undefined) return outcome({ ...base, status: "needs-data", message: M.noGrade(ref.name) });
  const ok = rank >= (gradeRank(min) ?? 0);
  const message = withNote(
    M.result(ref.name, f.grade as string, min, ok),
    ok || !soft ? undefined : softShortfallNote(soft),
  );
  return outcome(
    { ...base, status: ok ? "pass" : soft ? "review" : "fail", measured: rank, message },
    ok
      ? []
      : [
          {
            rule: rule.id,
            severity: soft ? "review" : "error",
            county: ctx.props.code,
            facilityId: f.id,
            facilityName: f.name,
            grade: f.grade as string,
            gradeNeeded: min,
            lon: f.lon,
            lat: f.lat,
            message,
          },
        ],
  );
};
