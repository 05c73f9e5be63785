import type { MultiPolygon, Polygon } from "geojson";
import polygonClipping, { type Geom, type MultiPolygon as PcMultiPolygon } from "polygon-clipping";
import { polygonsInBox } from "../geo/clip-box";
import { type BBox, bboxOf, boxesMeet } from "../rules/helpers";

/** What part of its county a gap's rule judges: the whole county, its urban area, or the county less the urban area. */
export type GapArea = "county" | "urban" | "rural";

function coords(g: Polygon | MultiPolygon): Geom {
  return (g.type === "Polygon" ? g.coordinates : g.coordinates) as Geom;
}

function toGeometry(parts: PcMultiPolygon): Polygon | MultiPolygon | null {
  if (parts.length === 0) return null;
  return parts.length === 1 ? { type: "Polygon", coordinates: parts[0] } : { type: "MultiPolygon", coordinates: parts };
}

/**
 * A gap polygon cut to the area its rule judges: its county polygon, and for a radius rule over the urban area the
 * urban-area parts (`urban`, the report's urbanAreas: seat discs or the user's polygons), for one over the rural area
 * the county less them. Gaps are unions of grid cells whose centre lies in that area, so their staircase outline
 * strays up to a cell beyond it; this is the polygon a GIS user expects. The county is first cut to the gap's box (1 %
 * wider), as polygon-clipping's cost grows with the vertices and most of a county's lie far from the gap. Null when
 * nothing is left (a gap can hardly lie wholly outside, its cells' centres being inside). A general clipper costs some
 * milliseconds a gap, too much for every re-score of a drag: the exports call it (`gapFeaturesForExport`), the
 * analysis keeps the cell outlines.
 */
export function clipGapToArea(
  gap: Polygon,
  county: Polygon | MultiPolygon,
  area: GapArea,
  urban: ReadonlyArray<Polygon | MultiPolygon> = [],
): Polygon | MultiPolygon | null {
  const b = bboxOf(gap);
  const mx = (b[2] - b[0]) * 0.01 + 1e-6;
  const my = (b[3] - b[1]) * 0.01 + 1e-6;
  const box: BBox = [b[0] - mx, b[1] - my, b[2] + mx, b[3] + my];
  const near = polygonsInBox(county, box);
  if (near.length === 0) return null;
  let parts = polygonClipping.intersection(gap.coordinates as Geom, near as Geom);
  if (parts.length === 0 || area === "county") return toGeometry(parts);
  const nearUrban = urban.filter((u) => boxesMeet(bboxOf(u), box)).map(coords);
  if (area === "urban") {
    if (nearUrban.length === 0) return null;
    const all = nearUrban.length === 1 ? nearUrban[0] : polygonClipping.union(nearUrban[0], ...nearUrban.slice(1));
    parts = polygonClipping.intersection(parts, all);
  } else if (nearUrban.length > 0) parts = polygonClipping.difference(parts, ...nearUrban);
  return toGeometry(parts);
}
