import { type Facility, standsToday } from "../../model";
import { type Evaluator, outcome } from "../context";
import { isPublic } from "../helpers";
import { PER_CENTRE_BEDS as M } from "../messages";
import { softShortfallNote, withNote } from "../messages-common";
import type { CheckStatus, Violation } from "../types";

const CENTRE_TYPES = new Set<Facility["type"]>(["thc", "central-thc", "sub-centre", "chc"]);

/**
 * THC-BEDS (003:215 「按照每千名服务人口1.2张床位核定规模」): a sizing norm per centre on its own service population.
 * Each public township health centre (or CHC) is judged against the population of the township (street) its code
 * names: beds below the norm fail. A centre without a township code, or whose township has no population, or with
 * no bed count, needs data; the county's population never stands in for a centre's service population. With
 * `params.shortfall` (「核定规模」: the norm sizes a centre, it is not a floor in force) a centre below it is a review
 * naming the wording and its line, never an error (the audit, s50 H-2).
 */
export const perCentreBeds: Evaluator<"per-centre-beds"> = (rule, ctx) => {
  const norm = rule.params.bedsPerThousand.value;
  const soft = rule.params.shortfall;
  const centres = ctx.facilities.filter(
    (f) => rule.appliesTo.includes(f.type) && CENTRE_TYPES.has(f.type) && isPublic(f) && standsToday(f),
  );
  if (centres.length === 0)
    return outcome({ rule: rule.id, status: "not-applicable", count: 0, message: M.noCentres() });
  const perTownship = new Map<string, number>();
  for (const f of centres) if (f.township) perTownship.set(f.township, (perTownship.get(f.township) ?? 0) + 1);
  const violations: Violation[] = [];
  let judged = 0;
  let below = 0;
  let lacking = 0;
  for (const f of centres) {
    const pop = f.township ? ctx.unitPopulation.get(f.township) : undefined;
    if (pop === undefined || typeof f.beds !== "number") {
      lacking++;
      continue;
    }
    judged++;
    const shared = (perTownship.get(f.township as string) ?? 1) > 1;
    const need = (pop / 1000) * norm;
    if (f.beds >= need) continue;
    below++;
    const message = M.below(f.name, f.beds, pop, norm, need, shared, soft !== undefined);
    violations.push({
      rule: rule.id,
      severity: shared || soft ? "review" : "error",
      county: ctx.props.code,
      facilityId: f.id,
      facilityName: f.name,
      unitCode: f.township,
      lon: f.lon,
      lat: f.lat,
      message: soft ? withNote(message, softShortfallNote(soft)) : message,
    });
  }
  const errors = violations.filter((v) => v.severity === "error").length;
  const status: CheckStatus =
    errors > 0 ? "fail" : judged === 0 || lacking > 0 ? "needs-data" : below > 0 ? "review" : "pass";
  return outcome(
    {
      rule: rule.id,
      status,
      count: judged,
      expected: centres.length,
      measured: below,
      limit: norm,
      message: withNote(
        M.summary({ centres: centres.length, judged, below, lacking, norm }),
        soft && below > 0 ? softShortfallNote(soft) : undefined,
      ),
    },
    violations,
  );
};
