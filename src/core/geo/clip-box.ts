import type { MultiPolygon, Polygon, Position } from "geojson";

/**
 * A closed ring cut to an axis-aligned rectangle (Sutherland–Hodgman against its four sides). Where the ring leaves
 * and re-enters, the result runs along the rectangle's side; the display ring lies strictly inside the rectangle,
 * so those stretches fall outside it and vanish in the exact intersection that follows.
 */
function clipToBox(ring: Position[], box: [number, number, number, number]): Position[] {
  let pts = ring.slice(0, -1);
  const sides: Array<[(p: Position) => boolean, (a: Position, b: Position) => Position]> = [
    [(p) => p[0] >= box[0], (a, b) => [box[0], a[1] + ((b[1] - a[1]) * (box[0] - a[0])) / (b[0] - a[0])]],
    [(p) => p[0] <= box[2], (a, b) => [box[2], a[1] + ((b[1] - a[1]) * (box[2] - a[0])) / (b[0] - a[0])]],
    [(p) => p[1] >= box[1], (a, b) => [a[0] + ((b[0] - a[0]) * (box[1] - a[1])) / (b[1] - a[1]), box[1]]],
    [(p) => p[1] <= box[3], (a, b) => [a[0] + ((b[0] - a[0]) * (box[3] - a[1])) / (b[1] - a[1]), box[3]]],
  ];
  for (const [inside, cross] of sides) {
    const out: Position[] = [];
    for (let i = 0; i < pts.length; i++) {
      const a = pts[i];
      const b = pts[(i + 1) % pts.length];
      if (inside(b)) {
        if (!inside(a)) out.push(cross(a, b));
        out.push(b);
      } else if (inside(a)) out.push(cross(a, b));
    }
    pts = out;
    if (pts.length === 0) return [];
  }
  return pts.length >= 3 ? [...pts, pts[0]] : [];
}

/**
 * A polygon's (or multipolygon's) parts cut to an axis-aligned lon/lat box `[west, south, east, north]`, as
 * polygon-clipping's multipolygon coordinates; rings that leave nothing behind are dropped. Where a ring leaves and
 * re-enters the box the result runs along its side, so it is meant as the input of an exact intersection with
 * something lying strictly inside the box (a display ring, a gap polygon): a general clipper's cost grows with the
 * vertices, and most of a county's lie far from what it is cut with.
 */
export function polygonsInBox(geom: Polygon | MultiPolygon, box: [number, number, number, number]): Position[][][] {
  const polys = geom.type === "Polygon" ? [geom.coordinates] : geom.coordinates;
  const out: Position[][][] = [];
  for (const poly of polys) {
    const outer = clipToBox(poly[0], box);
    if (outer.length === 0) continue;
    out.push([
      outer,
      ...poly
        .slice(1)
        .map((h) => clipToBox(h, box))
        .filter((h) => h.length > 0),
    ]);
  }
  return out;
}
