import type { MultiPolygon, Polygon } from "geojson";
import polygonClipping, {
  type Geom,
  type MultiPolygon as PcMultiPolygon,
  type Polygon as PcPolygon,
} from "polygon-clipping";
import { authalicAreaKm2 } from "../geo/area";
import { polygonsInBox } from "../geo/clip-box";
import { geodesicDistanceKm } from "../geo/geodesic";
import { geodesicCircle, polygonLocator } from "../geo/point-in-polygon";
import { type BBox, bboxOf, boxesMeet, expandBBox } from "../rules/helpers";
import type { GapDiscs } from "../rules/types";

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

/** A closed lon/lat rectangle as polygon-clipping's polygon. */
function boxPolygon(b: BBox): PcPolygon {
  return [
    [
      [b[0], b[1]],
      [b[2], b[1]],
      [b[2], b[3]],
      [b[0], b[3]],
      [b[0], b[1]],
    ],
  ];
}

/** A box widened by 1 % of its size each way: what a part is cut to before an exact cut to the box itself. */
function widened(b: BBox): BBox {
  const mx = (b[2] - b[0]) * 0.01 + 1e-6;
  const my = (b[3] - b[1]) * 0.01 + 1e-6;
  return [b[0] - mx, b[1] - my, b[2] + mx, b[3] + my];
}

/** Largest distance (m) between a disc's polygon edge and its circle: a disc's vertices follow from it. */
export const DISC_EDGE_TOLERANCE_M = 0.5;

/**
 * A geodesic disc as a polygon for an exact gap: an even number of vertices such that an edge departs from the circle by
 * at most {@link DISC_EDGE_TOLERANCE_M}, set at the radius that gives the polygon the disc's area (an inscribed
 * polygon's is smaller, and would make every gap it bounds too large by a sliver along its rim).
 */
export function discPolygon(lon: number, lat: number, radiusKm: number): Polygon {
  const r = radiusKm * 1000;
  const half = Math.ceil((Math.PI * Math.sqrt(r / (2 * DISC_EDGE_TOLERANCE_M))) / 2);
  const steps = Math.min(2048, Math.max(64, 2 * half));
  const t = (2 * Math.PI) / steps;
  return geodesicCircle(lon, lat, radiusKm * Math.sqrt(t / Math.sin(t)), steps);
}

/**
 * The uncovered ground in a box: the part of the county its rule judges (as {@link clipGapToArea}) inside `roi`, less
 * every disc of radius `radiusKm` round `centres` (geodesic, {@link discPolygon}), as polygon-clipping's polygons.
 * `discCache` keeps the discs' polygons by centre and radius (a disc bounds several gaps; drawing one costs most of a
 * millisecond).
 */
function uncoveredIn(
  roi: BBox,
  centres: ReadonlyArray<[number, number]>,
  radiusKm: number,
  county: Polygon | MultiPolygon,
  area: GapArea,
  urban: ReadonlyArray<Polygon | MultiPolygon>,
  discCache: Map<string, Polygon>,
): PcMultiPolygon {
  const outer = widened(roi);
  const near = polygonsInBox(county, outer);
  if (near.length === 0) return [];
  const nearUrban = urban.filter((u) => boxesMeet(bboxOf(u), outer)).map((u) => polygonsInBox(u, outer) as Geom);
  if (area === "urban" && nearUrban.length === 0) return [];
  const parts =
    area === "urban"
      ? polygonClipping.intersection(
          near as Geom,
          boxPolygon(roi),
          nearUrban.length === 1 ? nearUrban[0] : polygonClipping.union(nearUrban[0], ...nearUrban.slice(1)),
        )
      : polygonClipping.intersection(near as Geom, boxPolygon(roi));
  // the rural part: the county less the urban area, taken away with the discs in one sweep
  const cuts: Geom[] = area === "rural" ? [...nearUrban] : [];
  for (const [lon, lat] of centres) {
    const key = `${lon},${lat},${radiusKm}`;
    let d = discCache.get(key);
    if (!d) {
      d = discPolygon(lon, lat, radiusKm);
      discCache.set(key, d);
    }
    if (!boxesMeet(bboxOf(d), outer)) continue;
    const inBox = polygonsInBox(d, outer);
    if (inBox.length > 0) cuts.push(inBox as Geom);
  }
  return parts.length > 0 && cuts.length > 0 ? polygonClipping.difference(parts, ...cuts) : parts;
}

/**
 * Whether a piece of ground and a gap's cells overlap: a vertex of one lies inside the other (two outlines that cross
 * with no vertex inside either would be two slivers, which cells do not make). Point tests: a general intersection
 * would cost the most of the whole export.
 */
function meets(
  piece: PcPolygon,
  cells: Polygon,
  inCells: (lon: number, lat: number) => boolean,
  inPiece: () => (lon: number, lat: number) => boolean,
): boolean {
  if (piece.some((ring) => ring.some((p) => inCells(p[0], p[1])))) return true;
  const test = inPiece();
  return cells.coordinates.some((ring) => ring.some((p) => test(p[0], p[1])));
}

/** A point-in-polygon test of a piece, prepared on first use. */
function lazyLocator(piece: PcPolygon): () => (lon: number, lat: number) => boolean {
  let test: ((lon: number, lat: number) => boolean) | undefined;
  return () => {
    test ??= polygonLocator({ type: "Polygon", coordinates: piece });
    return test;
  };
}

/**
 * The most discs a gap's exact outline is drawn from. Past it the gap keeps its cells' outline (`outline: "cells"`):
 * a thousand stations along a road make a thousand arcs that cross each other in the box of every gap beside it, and
 * the clipper's time grows with their crossings (a minute for four gaps); the cells are then within half a cell.
 */
export const MAX_EXACT_DISCS = 48;

/**
 * The distinct centres (of `flat`: lon, lat, lon, lat…) that can be the nearest centre to some point of a box: those
 * whose geodesic distance to the box's middle o is at most the nearest one's plus twice the distance R from o to the
 * box's farthest corner. (For a point p of the box whose nearest centre is c, d(c, o) ≤ d(c, p) + R ≤ d(c*, p) + R ≤
 * d(c*, o) + 2R, c* the centre nearest to o.) Discs of one radius cover a point when its nearest centre's does, so the
 * others add nothing in the box: with a thousand stations along a road every gap met a thousand discs, and the export
 * took a minute where it takes a second.
 */
export function nearestCentres(flat: readonly number[], box: BBox): Array<[number, number]> {
  const ox = (box[0] + box[2]) / 2;
  const oy = (box[1] + box[3]) / 2;
  const reach = Math.max(
    geodesicDistanceKm(ox, oy, box[0], box[1]),
    geodesicDistanceKm(ox, oy, box[2], box[1]),
    geodesicDistanceKm(ox, oy, box[0], box[3]),
    geodesicDistanceKm(ox, oy, box[2], box[3]),
  );
  const seen = new Map<string, { at: [number, number]; km: number }>();
  for (let k = 0; k + 1 < flat.length; k += 2) {
    const key = `${flat[k]},${flat[k + 1]}`;
    if (!seen.has(key))
      seen.set(key, { at: [flat[k], flat[k + 1]], km: geodesicDistanceKm(ox, oy, flat[k], flat[k + 1]) });
  }
  const all = [...seen.values()];
  const nearest = Math.min(...all.map((c) => c.km));
  // a metre to spare for the rounding of the distances
  return all.filter((c) => c.km <= nearest + 2 * reach + 0.001).map((c) => c.at);
}

/** The area (km²) a piece shares with a gap's cells. */
function overlapKm2(piece: PcPolygon, cells: Polygon): number {
  // the cells near the piece only: a big gap's staircase has thousands of vertices, most far from a small piece
  const near = polygonsInBox(cells, widened(bboxOf({ type: "Polygon", coordinates: piece })));
  if (near.length === 0) return 0;
  const overlap = polygonClipping.intersection(piece, near as Geom);
  return overlap.length ? authalicAreaKm2({ type: "MultiPolygon", coordinates: overlap }) : 0;
}

/**
 * The exact outlines of one county's gaps for one radius rule, for export (in the order given; null where nothing is
 * left). The analysis measures a gap by whole cells (a cell counts when its centre is uncovered), and its outline is
 * their staircase; these follow the county's boundary, the urban area's and the discs' rims, so their area is the
 * gap's true area (the cells run low where a gap meets the county's edge: a cell whose centre lies outside is not
 * counted, though part of it is uncovered ground).
 *
 * Each gap is looked for within `discs.marginKm` of its box: the ground there that lies in the part of the county the
 * rule judges and outside every disc ({@link discPolygon}), in pieces, keeping those that overlap its cells. A piece
 * that overlaps another gap's cells too (two gaps of cells joined by a strip too narrow for a cell's centre are one
 * piece of ground) is given once, to the gap whose cells it overlaps most (the first on a tie); a sliver too thin for
 * any cell's centre meets no gap's cells and is left out. Null for a gap near more than {@link MAX_EXACT_DISCS} discs
 * that can bound it (it keeps its cells). `discCache` keeps the discs' polygons by centre and radius, to share between
 * counties.
 */
export function exactGapOutlines(
  gaps: ReadonlyArray<{ geometry: Polygon; discs: GapDiscs }>,
  county: Polygon | MultiPolygon,
  area: GapArea,
  urban: ReadonlyArray<Polygon | MultiPolygon> = [],
  discCache: Map<string, Polygon> = new Map(),
): Array<Polygon | MultiPolygon | null> {
  const cellBoxes = gaps.map((g) => bboxOf(g.geometry));
  const inCells = gaps.map((g) => polygonLocator(g.geometry));
  return gaps.map((g, i) => {
    const roi = expandBBox(cellBoxes[i], g.discs.marginKm);
    const centres = nearestCentres(g.discs.centres, roi);
    if (centres.length > MAX_EXACT_DISCS) return null;
    const pieces = uncoveredIn(roi, centres, g.discs.radiusKm, county, area, urban, discCache);
    const kept = pieces.filter((piece) => {
      const inPiece = lazyLocator(piece);
      if (!meets(piece, g.geometry, inCells[i], inPiece)) return false;
      const b = bboxOf({ type: "Polygon", coordinates: piece });
      const others = gaps
        .map((_, j) => j)
        .filter((j) => j !== i && boxesMeet(cellBoxes[j], b) && meets(piece, gaps[j].geometry, inCells[j], inPiece));
      if (others.length === 0) return true;
      // the same ground reached from several gaps: it stays with the one whose cells overlap it most
      const mine = overlapKm2(piece, g.geometry);
      return others.every((j) => {
        const theirs = overlapKm2(piece, gaps[j].geometry);
        return mine > theirs || (mine === theirs && i < j);
      });
    });
    return toGeometry(kept);
  });
}
