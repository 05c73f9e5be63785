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
 * What {@link exactGapOutlines} gives a gap: its exact outline; `{ mergedInto }` (the index of the gap whose outline
 * holds it) when its ground is another gap's piece; null where its cells are kept.
 */
export type ExactOutline = Polygon | MultiPolygon | { mergedInto: number } | null;

/**
 * The exact outlines of one county's gaps for one radius rule, for export (in the order given). The analysis measures a
 * gap by whole cells (a cell counts when its centre is uncovered), and its outline is their staircase; these follow the
 * county's boundary, the urban area's and the discs' rims, so their area is the gap's true area (the cells run low
 * where a gap meets the county's edge: a cell whose centre lies outside is not counted, though part of it is uncovered
 * ground).
 *
 * Each gap is looked for within `discs.marginKm` of its box, and gaps whose boxes so widened meet are drawn together,
 * in the union of their boxes, so that one piece of ground is computed once: the ground there that lies in the part of
 * the county the rule judges and outside every disc ({@link discPolygon}). A piece belongs to the gap whose cells it
 * overlaps, to the one it overlaps most when it meets several (two gaps of cells joined by a strip too narrow for a
 * cell's centre are one piece of ground; the first on a tie); a gap whose cells meet only pieces given to others is
 * merged into the gap given the last of them (`{ mergedInto }`: its ground is exported once, in that one's); a sliver too thin for any cell's centre meets no gap's cells and
 * is left out. A group near more than {@link MAX_EXACT_DISCS} discs that can bound it keeps its cells (null for each,
 * and null for a gap no piece met). Drawn one by one, two gaps joined beyond one's box each kept the piece: 西峡县's
 * 43 km² gap at 10 km lay inside its 1,043 km² one (the re-trial, s43). `discCache` keeps the discs' polygons by centre
 * and radius, to share between counties.
 */
export function exactGapOutlines(
  gaps: ReadonlyArray<{ geometry: Polygon; discs: GapDiscs }>,
  county: Polygon | MultiPolygon,
  area: GapArea,
  urban: ReadonlyArray<Polygon | MultiPolygon> = [],
  discCache: Map<string, Polygon> = new Map(),
): ExactOutline[] {
  const cellBoxes = gaps.map((g) => bboxOf(g.geometry));
  const boxes = gaps.map((g, i) => expandBBox(cellBoxes[i], g.discs.marginKm));
  // gaps whose widened boxes meet, in groups (union–find)
  const up = gaps.map((_, i) => i);
  const root = (i: number): number => {
    let r = i;
    while (up[r] !== r) r = up[r];
    return r;
  };
  for (let i = 0; i < gaps.length; i++)
    for (let j = i + 1; j < gaps.length; j++) if (boxesMeet(boxes[i], boxes[j])) up[root(i)] = root(j);
  const groups = new Map<number, number[]>();
  gaps.forEach((_, i) => {
    const list = groups.get(root(i)) ?? [];
    list.push(i);
    groups.set(root(i), list);
  });
  const out: ExactOutline[] = gaps.map(() => null);
  const inCells = gaps.map((g) => polygonLocator(g.geometry));
  for (const members of groups.values()) {
    const roi: BBox = [Infinity, Infinity, -Infinity, -Infinity];
    const flat: number[] = [];
    for (const i of members) {
      const b = boxes[i];
      roi[0] = Math.min(roi[0], b[0]);
      roi[1] = Math.min(roi[1], b[1]);
      roi[2] = Math.max(roi[2], b[2]);
      roi[3] = Math.max(roi[3], b[3]);
      flat.push(...gaps[i].discs.centres);
    }
    const centres = nearestCentres(flat, roi);
    if (centres.length > MAX_EXACT_DISCS) continue;
    const pieces = uncoveredIn(roi, centres, gaps[members[0]].discs.radiusKm, county, area, urban, discCache);
    const owned = new Map<number, PcPolygon[]>();
    // the gap each gap's cells last met a piece of, given to another
    const metIn = new Map<number, number>();
    for (const piece of pieces) {
      const inPiece = lazyLocator(piece);
      const b = bboxOf({ type: "Polygon", coordinates: piece });
      const owners = members.filter(
        (i) => boxesMeet(cellBoxes[i], b) && meets(piece, gaps[i].geometry, inCells[i], inPiece),
      );
      if (owners.length === 0) continue;
      let best = owners[0];
      if (owners.length > 1) {
        let most = -1;
        for (const i of owners) {
          const a = overlapKm2(piece, gaps[i].geometry);
          if (a > most) [best, most] = [i, a];
        }
      }
      for (const i of owners) if (i !== best) metIn.set(i, best);
      owned.set(best, [...(owned.get(best) ?? []), piece]);
    }
    for (const i of members) {
      const mine = owned.get(i);
      const into = metIn.get(i);
      out[i] = mine ? toGeometry(mine) : into !== undefined ? { mergedInto: into } : null;
    }
  }
  return out;
}
