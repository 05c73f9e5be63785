import { coveredPct, uncoveredKm2 } from "../../report/rounding";
import { type Evaluator, outcome } from "../context";
import { COVERAGE_SHORTFALL, TRAVEL_TIME } from "../messages";
import { shortfallViolation } from "./shortfall";

/**
 * EMS-TIME: the mean travel time from the nearest EMS point over the county (over its people when a population
 * raster is given, else over its area) against the limit, inclusive; the share within the limit and the places
 * beyond it (gaps) are reported beside it. Without roads, or with none that has a usable speed near the county, the
 * rule needs data, and says how to give them. A failing check is also one violation of the county, placed in its
 * largest gap beyond the limit ({@link shortfallViolation}).
 */
export const travelTime: Evaluator<"travel-time"> = (rule, ctx) => {
  const limit = rule.params.maxMinutes.value;
  const base = { rule: rule.id, limit, limitMinutes: limit };
  const t = ctx.travel(rule);
  if (!t) return outcome({ ...base, status: "needs-data", message: TRAVEL_TIME.needsNetwork(limit) });
  // no usable road near the county: its times would be a walk at the off-road speed, judged as if it were driving
  // (the trial: a file of roads without class or speed failed every county at 52–104 min)
  if (t.roadsUsed === 0) return outcome({ ...base, status: "needs-data", message: TRAVEL_TIME.noRoads(limit) });
  const s = t.summary;
  if (s.areaKm2 <= 0) return outcome({ ...base, status: "not-applicable", message: TRAVEL_TIME.noArea() });
  const pass = s.meanMinutes !== null && s.meanMinutes <= limit;
  const people = s.population;
  const coveredShare = s.areaKm2 > 0 ? s.withinKm2 / s.areaKm2 : 0;
  const violations = pass
    ? []
    : [
        shortfallViolation(
          rule.id,
          ctx,
          {
            areaKm2: s.areaKm2,
            uncoveredKm2: s.beyondKm2,
            coveredShare,
            limitMinutes: limit,
            meanMinutes: s.meanMinutes,
          },
          t.gaps,
          (g) =>
            COVERAGE_SHORTFALL.travel(
              { zh: ctx.props.name, en: ctx.nameEn },
              {
                limitMinutes: limit,
                meanMinutes: s.meanMinutes,
                weighting: s.weighting,
                uncoveredKm2: uncoveredKm2(s.beyondKm2),
                withinPct: coveredPct(s.shareWithinLimit, s.shareWithinLimit >= 1),
                ...g,
              },
            ),
        ),
      ];
  return outcome(
    {
      ...base,
      status: pass ? "pass" : "fail",
      meanMinutes: s.meanMinutes,
      shareWithinLimit: s.shareWithinLimit,
      weighting: s.weighting,
      ...(Number.isFinite(s.maxMinutes) ? { maxMinutes: s.maxMinutes } : {}),
      measured: s.meanMinutes ?? undefined,
      areaKm2: s.areaKm2,
      coveredKm2: s.withinKm2,
      uncoveredAreaKm2: s.beyondKm2,
      coveredShare,
      ...(people
        ? {
            population: {
              total: people.total,
              covered: people.within,
              uncovered: Math.max(0, people.beyond),
              coveredShare: people.total > 0 ? people.within / people.total : 0,
            },
          }
        : {}),
      message: TRAVEL_TIME.result({
        ...s,
        sites: t.sites,
        crossBorder: ctx.params.crossBorder,
        district: ctx.props.kind === "district",
      }),
    },
    violations,
    { gaps: t.gaps },
  );
};
