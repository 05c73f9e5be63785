import type { MultiPolygon, Polygon } from "geojson";
import { geodesicDistanceKm } from "../../geo";
import { GRADED_TYPES, gradeRank } from "../../model";
import { coveredPct, uncoveredKm2 } from "../../report/rounding";
import { type Evaluator, outcome } from "../context";
import { networkNote } from "../ems-network";
import { COVERAGE_SHORTFALL, RADIUS_COVERAGE } from "../messages";
import type { Rule } from "../schema";
import { shortfallViolation } from "./shortfall";

/** The EMS facilities proper: any other type a radius rule counts (a THC in 004's network) is said on the verdict. */
const EMS_TYPES: ReadonlySet<string> = new Set(["ems-centre", "ems-dispatch", "ems-station"]);

/**
 * EMS-URBAN / EMS-RURAL: the share of the urban (rural) area within the radius of an EMS point, and its gaps; the
 * message says which network was counted (a county's own by default, a district's the city's network, or
 * cross-border: ems-network.ts). A failing check is also one violation of the county, placed in its largest gap
 * ({@link shortfallViolation}).
 */
export const radiusCoverage: Evaluator<"radius-coverage"> = (rule, ctx) => {
  const cov = ctx.coverage(rule);
  const base = { rule: rule.id, radiusKm: cov.radiusKm, areaKm2: cov.areaKm2 };
  if (cov.areaKm2 <= 0) {
    return outcome({ ...base, status: "not-applicable", message: RADIUS_COVERAGE.noArea(rule.area) });
  }
  const fail = cov.uncoveredKm2 > 0;
  // a radius stricter than any the plan sets (宜春's 10 km where 004:439 says 20): a scenario, not the plan's breach
  // (the reviewer trial: 9 of 宜春's 10 counties failed at 10 km, each cited to a line that says 20 km)
  const { minKm: planKm, maxKm: planMaxKm, cite } = planRadius(rule);
  const stricter = cov.radiusKm < planKm ? RADIUS_COVERAGE.stricterThanPlan(cov.radiusKm, planKm, cite) : undefined;
  // and one looser than the plan's: a county within it may still be short of the plan's
  const looser = cov.radiusKm > planMaxKm ? RADIUS_COVERAGE.looserThanPlan(cov.radiusKm, planMaxKm, cite) : undefined;
  // the plan's own figure beside a scenario radius: its single limit, or the range's end nearest the radius chosen,
  // where it was measured (a ring layer); a looser radius still short is a shortfall of the plan's too, said with it
  const planEdgeKm = cov.radiusKm > planMaxKm ? planMaxKm : cov.radiusKm < planKm ? planKm : undefined;
  const planEdge = planEdgeKm === undefined ? undefined : cov.rings?.find((r) => r.radiusKm === planEdgeKm);
  const planFigures =
    planEdge && planEdgeKm !== undefined
      ? {
          radiusKm: planEdgeKm,
          uncoveredKm2: Math.max(0, cov.areaKm2 - planEdge.coveredKm2),
          coveredShare: planEdge.coveredShare,
        }
      : undefined;
  const looserFails =
    fail && cov.radiusKm > planMaxKm
      ? RADIUS_COVERAGE.looserFails(cov.radiusKm, planMaxKm, cite, planFigures)
      : undefined;
  const scenario = stricter ?? looserFails;
  const minGrade = rule.params.supportHospitalMinGrade;
  // the county's hospitals that give no grade, where hospitals count from a grade up: left out, named; when each gap lies
  // within the radius of one of them, the failure rests on a missing grade and is for review (the EMS planner trial,
  // s53 H1: 袁州区 不达标 at 90.2 %, its 人民医院 with no grade 3.8 km from the gap)
  const ungraded =
    fail && minGrade
      ? ctx.facilities.filter(
          (f) => GRADED_TYPES.has(f.type) && rule.appliesTo.includes(f.type) && gradeRank(f.grade) === undefined,
        )
      : [];
  const wouldClose =
    ungraded.length > 0 &&
    cov.gaps.length > 0 &&
    cov.gaps.every((g) => ungraded.some((h) => withinKm(g.geometry, h, cov.radiusKm)));
  const ungradedNote =
    minGrade && ungraded.length > 0
      ? RADIUS_COVERAGE.ungradedNotCounted(
          ungraded.map((f) => f.name),
          minGrade,
          cite,
          cov.radiusKm,
          wouldClose,
        )
      : undefined;
  const violations = fail
    ? [
        shortfallViolation(
          rule.id,
          ctx,
          {
            areaKm2: cov.areaKm2,
            uncoveredKm2: cov.uncoveredKm2,
            coveredShare: cov.coveredShare,
            radiusKm: cov.radiusKm,
            ...(planFigures ? { plan: planFigures } : {}),
          },
          cov.gaps,
          (g) =>
            withNetwork(
              COVERAGE_SHORTFALL.radius({ zh: ctx.props.name, en: ctx.nameEn }, rule.area, {
                radiusKm: cov.radiusKm,
                uncoveredKm2: uncoveredKm2(cov.uncoveredKm2),
                coveredPct: coveredPct(cov.coveredShare, false),
                ...g,
              }),
              networkNote(ctx.props, ctx.params.crossBorder),
            ),
          cov.nearest,
          cov.neighbour,
        ),
      ]
        .map((v) =>
          stricter
            ? { ...v, severity: "review" as const, message: withNetwork(v.message, stricter) }
            : scenario
              ? { ...v, message: withNetwork(v.message, scenario) }
              : v,
        )
        .map((v) =>
          ungradedNote
            ? {
                ...v,
                ...(wouldClose ? { severity: "review" as const } : {}),
                // a review's reason first, where a 254-byte field (a Shapefile's) still holds it (the re-trial, s53b M-b)
                message: withNetwork(
                  wouldClose ? RADIUS_COVERAGE.ungradedReviewLead(ungraded.length) : { zh: "", en: "" },
                  withNetwork(v.message, ungradedNote),
                ),
              }
            : v,
        )
    : [];
  // facilities other than EMS centres and stations that the plan's network counts, said on the verdict
  const others = rule.appliesTo.filter((t) => !EMS_TYPES.has(t));
  const points = others.length ? RADIUS_COVERAGE.pointsInclude(others, cite, minGrade) : { zh: "", en: "" };
  // a failing check says the county's 120 command centres it left out (the GIS trial, s45 #8)
  const dispatch = rule.appliesTo.includes("ems-dispatch")
    ? 0
    : ctx.facilities.filter((f) => f.type === "ems-dispatch").length;
  const dispatchNote = fail && dispatch > 0 ? RADIUS_COVERAGE.dispatchNotCounted(dispatch) : { zh: "", en: "" };
  return outcome(
    {
      ...base,
      status: fail ? (stricter || wouldClose ? "review" : "fail") : looser ? "review" : "pass",
      coveredShare: cov.coveredShare,
      coveredKm2: cov.coveredKm2,
      uncoveredAreaKm2: cov.uncoveredKm2,
      limit: cov.radiusKm,
      ...(cov.rings ? { rings: cov.rings } : {}),
      ...(cov.demand ? { demand: cov.demand } : {}),
      ...(cov.population ? { population: cov.population } : {}),
      message: withNetwork(
        withNetwork(
          withNetwork(RADIUS_COVERAGE.result(rule.area, cov), networkNote(ctx.props, ctx.params.crossBorder)),
          withNetwork(points, withNetwork(dispatchNote, ungradedNote ?? { zh: "", en: "" })),
        ),
        (fail
          ? scenario
          : (looser ??
            (cov.radiusKm < planKm ? RADIUS_COVERAGE.stricterMet(cov.radiusKm, planKm, cite) : undefined))) ?? {
          zh: "",
          en: "",
        },
      ),
    },
    violations,
    { gaps: cov.gaps },
  );
};

/**
 * The radius a radius rule's plan sets: its smallest and largest (a range, 南阳's rural 10–20 km; else one value for
 * both), with the rule's citation 「000:232」: what a chosen radius is stricter or looser than, for the verdict and for
 * the review report's remark beside it.
 */
export function planRadius(rule: Pick<Extract<Rule, { kind: "radius-coverage" }>, "params" | "provenance">): {
  minKm: number;
  maxKm: number;
  cite: string;
} {
  const plan = rule.params.radiusKm;
  return {
    minKm: plan.min ?? plan.value,
    maxKm: plan.max ?? plan.value,
    cite: rule.provenance.map((p) => `${p.doc}:${p.line}`).join("、"),
  };
}

/** Whether every vertex of a gap lies within `km` of a point (a disc holds a polygon whose corners it holds). */
function withinKm(g: Polygon | MultiPolygon, p: { lon: number; lat: number }, km: number): boolean {
  const rings = g.type === "Polygon" ? g.coordinates : g.coordinates.flat();
  return rings.every((ring) => ring.every(([lon, lat]) => geodesicDistanceKm(lon, lat, p.lon, p.lat) <= km));
}

/** The two texts one after the other. */
function withNetwork(m: { zh: string; en: string }, n: { zh: string; en: string }): { zh: string; en: string } {
  return { zh: `${m.zh}${n.zh}`, en: `${m.en}${n.en}` };
}
