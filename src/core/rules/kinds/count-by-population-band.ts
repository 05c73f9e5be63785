import type { CountyProps, LocalizedText } from "../../model";
import { type Evaluator, outcome } from "../context";
import { isPublic } from "../helpers";
import { countyMedicalCentre } from "../medical-centre";
import { COUNT_BY_POPULATION_BAND as M } from "../messages";
import type { PopulationBand, Rule } from "../schema";
import type { AnalysisParams, CheckReading, CheckStatus } from "../types";
import { subCentreTest } from "./min-distance-outside-urban";

type CountRule = Rule & { kind: "count-by-population-band" };

/** What SUB-COUNT allows in one county under one reading: a [min, max] range with its reason, or why none applies. */
export type SubCountBand =
  | {
      kind: "range";
      range: [number, number];
      why: LocalizedText;
      /** What a count under the range is: "review" under 「可…选建」 (003:213), "fail" otherwise. */
      shortfall: "review" | "fail";
      /** Set when the population sits on a boundary the text puts in two bands (exactly 50万 or 100万). */
      boundary?: LocalizedText;
    }
  | { kind: "not-applicable" | "needs-data"; message: LocalizedText; measured?: number };

function inBand(b: PopulationBand, pop: number): boolean {
  const lo = b.populationMin;
  const hi = b.populationMax;
  const aboveLo = lo.bound === "inclusive" ? pop >= lo.value : pop > lo.value;
  const belowHi = !hi || (hi.bound === "inclusive" ? pop <= hi.value : pop < hi.value);
  return aboveLo && belowHi;
}

/**
 * The sub-centre count SUB-COUNT allows for a county: by resident-population band (003:213) or 1–2 per county
 * (003:143), as `variant` says. Bands are read lower-inclusive: a population on a boundary the text names in two
 * bands (「在50万人至100万人」 and 「在20万人至50万人」 both include 50万) goes to the upper band, as 「100万人以上」
 * does for 100万, and the result says so with the other band's range. Used by the check and by siting.
 */
export function subCountBand(
  rule: CountRule,
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
      shortfall: rule.params.perCountyShortfall,
    };
  }
  if (population === undefined) return { kind: "needs-data", message: M.needsPopulation() };
  const pop = population;
  const band = rule.params.bands.find((b) => inBand(b, pop));
  if (!band) return { kind: "not-applicable", measured: pop, message: M.bandNotStated(pop) };
  const other = rule.params.bands.find((b) => b !== band && b.populationMax?.value === pop);
  return {
    kind: "range",
    range: [band.countMin, band.countMax],
    why: M.band(pop, band.wording),
    shortfall: rule.params.bandsShortfall,
    ...(other && band.populationMin.value === pop ? { boundary: M.boundary(pop, band, other) } : {}),
  };
}

function readingStatus(n: number, band: SubCountBand): CheckStatus {
  if (band.kind !== "range") return band.kind;
  if (n > band.range[1]) return "fail";
  if (n < band.range[0]) return band.shortfall;
  return "pass";
}

/**
 * SUB-COUNT: the county's public sub-centres that meet SUB-15KM (outside the urban area, ≥ the distance from the
 * county medical centre) against both readings of 003, side by side: 003:213's population bands for 县(市、区) and
 * 003:143's 1–2 per 县(市). The reading in `params.subCountVariant` governs the status. Over the cap fails; under
 * the band is a review in both: 003:213 says 「可…选建」, 003:143 「规划建设…逐步」 (a fail until the audit, s50 L-2).
 */
export const countByPopulationBand: Evaluator<"count-by-population-band"> = (rule, ctx) => {
  const ref = countyMedicalCentre(ctx.props, ctx.facilities);
  const limit = ctx.params.subCentreMinKm;
  const subs = ctx.facilities.filter((f) => rule.appliesTo.includes(f.type) && isPublic(f));
  const qualifying = subs.filter((f) => {
    const t = subCentreTest(f, ref, limit, ctx);
    return !t.near && !t.urban;
  });
  const n = qualifying.length;
  const notCounted = subs.length - n;
  const pop = ctx.population?.population;
  const readings: CheckReading[] = (["bands", "per-county"] as const).map((variant) => {
    const band = subCountBand(rule, ctx.props.kind, pop, variant);
    const status = readingStatus(n, band);
    return {
      label: M.readingLabel(variant),
      status,
      governs: variant === ctx.params.subCountVariant,
      ...(band.kind === "range" ? { expected: band.range } : {}),
      message: band.kind === "range" ? M.result(n, band.why, band.range, status, band.boundary, variant) : band.message,
    };
  });
  const gov = readings.find((r) => r.governs) as CheckReading;
  const other = readings.find((r) => !r.governs) as CheckReading;
  return outcome({
    rule: rule.id,
    status: gov.status,
    count: n,
    ...(gov.expected ? { expected: gov.expected } : {}),
    ...(pop !== undefined ? { measured: pop } : {}),
    readings,
    message: M.summary(gov, other, notCounted, limit),
  });
};
