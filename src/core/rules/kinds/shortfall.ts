import { polygonInteriorPoint } from "../../geo/interior";
import type { LocalizedText } from "../../model";
import { uncoveredKm2 } from "../../report/rounding";
import type { CountyContext } from "../context";
import type { RuleId } from "../schema";
import type { CoverageShortfall, GapFeature, Violation } from "../types";

/**
 * A failing coverage check (EMS radius or travel time) as one violation of its county: the check's figures, its gaps
 * counted, the largest gap (the first of the largest, as gaps come largest first) named by id and area, and placed at a
 * point inside that gap and inside the county ({@link polygonInteriorPoint}), not at a centroid that can fall outside a
 * crescent-shaped gap. `message` gets the largest gap's area rounded as exported (0.1 km², never 0.0).
 */
export function shortfallViolation(
  rule: RuleId,
  ctx: CountyContext,
  figures: Omit<CoverageShortfall, "gapCount" | "largestGapId" | "largestGapKm2">,
  gaps: readonly GapFeature[],
  message: (s: { gapCount: number; largestGapKm2?: number }) => LocalizedText,
): Violation {
  let largest: GapFeature | undefined;
  for (const g of gaps) if (!largest || g.properties.areaKm2 > largest.properties.areaKm2) largest = g;
  const shortfall: CoverageShortfall = {
    ...figures,
    gapCount: gaps.length,
    ...(largest ? { largestGapId: largest.properties.gapId, largestGapKm2: largest.properties.areaKm2 } : {}),
  };
  const place = largest ? polygonInteriorPoint(largest.geometry, ctx.contains).point : undefined;
  return {
    rule,
    severity: "error",
    county: ctx.props.code,
    ...(figures.radiusKm !== undefined ? { limitKm: figures.radiusKm } : {}),
    ...(place ? { lon: place[0], lat: place[1] } : {}),
    coverage: shortfall,
    message: message({
      gapCount: gaps.length,
      ...(largest ? { largestGapKm2: uncoveredKm2(largest.properties.areaKm2) } : {}),
    }),
  };
}
