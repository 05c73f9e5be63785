import type { CountyProps, LocalizedText } from "../../model";
import { type Evaluator, outcome } from "../context";
import { isPublic } from "../helpers";
import { COUNT_BY_POPULATION_BAND as M } from "../messages";
import type { Rule } from "../schema";
import type { AnalysisParams } from "../types";

/** What SUB-COUNT allows in one county: a [min, max] range with its reason, or why no range applies. */
export type SubCountBand =
  | { kind: "range"; range: [number, number]; why: LocalizedText }
  | { kind: "not-applicable" | "needs-data"; message: LocalizedText; measured?: number };

/**
 * The sub-centre count SUB-COUNT allows for a county: by resident-population band (003:213) or 1–2 per county
 * (003:143), as `variant` says. Used by the check and by the siting of new sub-centres.
 */
export function subCountBand(
  rule: Rule & { kind: "count-by-population-band" },
  countyKind: CountyProps["kind"],
  population: number | undefined,
  variant: AnalysisParams["subCountVariant"],
): SubCountBand {
  if (variant === "per-county") {
    if (countyKind === "district" && !rule.params.perCountyIncludesDistricts) {
      return { kind: "not-applicable", message: M.perCountyNotForDistricts() };
    }
    return {
      kind: "range",
      range: [rule.params.perCounty.countMin, rule.params.perCounty.countMax],
      why: M.perCounty(),
    };
  }
  if (population === undefined) return { kind: "needs-data", message: M.needsPopulation() };
  const pop = population;
  const band = rule.params.bands.find((b) => {
    const lo = b.populationMin;
    const hi = b.populationMax;
    const aboveLo = lo.bound === "inclusive" ? pop >= lo.value : pop > lo.value;
    const belowHi = !hi || (hi.bound === "inclusive" ? pop <= hi.value : pop < hi.value);
    return aboveLo && belowHi;
  });
  if (!band) return { kind: "not-applicable", measured: pop, message: M.bandNotStated(pop) };
  return { kind: "range", range: [band.countMin, band.countMax], why: M.band(pop) };
}

/** SUB-COUNT: the county's public sub-centres against the band its population (or the per-county reading) allows. */
export const countByPopulationBand: Evaluator<"count-by-population-band"> = (rule, ctx) => {
  const n = ctx.facilities.filter((f) => rule.appliesTo.includes(f.type) && isPublic(f)).length;
  const base = { rule: rule.id, count: n };
  const band = subCountBand(rule, ctx.props.kind, ctx.population?.population, ctx.params.subCountVariant);
  if (band.kind !== "range") {
    return outcome({
      ...base,
      status: band.kind,
      ...(band.measured !== undefined ? { measured: band.measured } : {}),
      message: band.message,
    });
  }
  const { range, why } = band;
  return outcome({
    ...base,
    status: n >= range[0] && n <= range[1] ? "pass" : "fail",
    expected: range,
    message: M.result(n, why, range),
  });
};
