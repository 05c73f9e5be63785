import { polygonInteriorPoint } from "../../geo/interior";
import type { LocalizedText } from "../../model";
import { uncoveredKm2 } from "../../report/rounding";
import type { CountyContext, NearestPoint, NeighbourPoint } from "../context";
import type { RuleId } from "../schema";
import type { CoverageShortfall, GapFeature, Violation } from "../types";

/**
 * A failing coverage check (EMS radius or travel time) as one violation of its county: the check's figures, its gaps
 * counted, the largest gap (the first of the largest, as gaps come largest first) named by id and area, and placed at a
 * point inside that gap and inside the county ({@link polygonInteriorPoint}), not at a centroid that can fall outside a
 * crescent-shaped gap. `message` gets the largest gap's area rounded as exported (0.1 km², never 0.0). With `nearest`
 * (a radius rule's counted EMS points) the row's figures also name the point counted nearest to its place and the
 * distance: where the gap lies relative to the network (kept out of the message, which a DBF field holds to 254 bytes);
 * with `neighbour` (no cross-border cover) also the nearest point outside the network whose radius reaches the place.
 */
export function shortfallViolation(
  rule: RuleId,
  ctx: CountyContext,
  figures: Omit<CoverageShortfall, "gapCount" | "largestGapId" | "largestGapKm2">,
  gaps: readonly GapFeature[],
  message: (s: { gapCount: number; largestGapKm2?: number }) => LocalizedText,
  nearest?: (lon: number, lat: number) => NearestPoint | undefined,
  neighbour?: (lon: number, lat: number) => NeighbourPoint | undefined,
): Violation {
  let largest: GapFeature | undefined;
  for (const g of gaps) if (!largest || g.properties.areaKm2 > largest.properties.areaKm2) largest = g;
  const shortfall: CoverageShortfall = {
    ...figures,
    gapCount: gaps.length,
    ...(largest ? { largestGapId: largest.properties.gapId, largestGapKm2: largest.properties.areaKm2 } : {}),
  };
  const place = largest ? polygonInteriorPoint(largest.geometry, ctx.contains).point : undefined;
  const near = place && nearest ? nearest(place[0], place[1]) : undefined;
  if (near) {
    shortfall.nearestPointId = near.id;
    if (near.name !== undefined) shortfall.nearestPointName = near.name;
    shortfall.nearestPointKm = near.distanceKm;
  }
  const other = place && neighbour ? neighbour(place[0], place[1]) : undefined;
  if (other) {
    shortfall.neighbourPointId = other.id;
    if (other.name !== undefined) shortfall.neighbourPointName = other.name;
    if (other.county !== undefined) shortfall.neighbourPointCounty = other.county;
    if (other.countyName !== undefined) shortfall.neighbourPointCountyName = other.countyName;
    shortfall.neighbourPointKm = other.distanceKm;
  }
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
