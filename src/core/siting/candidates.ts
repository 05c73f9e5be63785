import type { Feature, MultiPolygon, Polygon } from "geojson";
import { type LocalProjection, localTransverseMercator, pointInPolygon } from "../geo";
import type { Candidate } from "./types";

/** Area accepted by {@link gridCandidates}: [west, south, east, north] in degrees, or a (multi)polygon. */
export type CandidateArea = [number, number, number, number] | Polygon | MultiPolygon | Feature<Polygon | MultiPolygon>;

function geometryOf(area: CandidateArea): Polygon | MultiPolygon | null {
  if (Array.isArray(area)) return null;
  return area.type === "Feature" ? area.geometry : area;
}

function bboxOf(area: CandidateArea): [number, number, number, number] {
  if (Array.isArray(area)) return area;
  const g = geometryOf(area) as Polygon | MultiPolygon;
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  const polys = g.type === "Polygon" ? [g.coordinates] : g.coordinates;
  for (const rings of polys)
    for (const [x, y] of rings[0] ?? []) {
      if (x < w) w = x;
      if (x > e) e = x;
      if (y < s) s = y;
      if (y > n) n = y;
    }
  return [w, s, e, n];
}

/**
 * A square grid of candidate sites with spacing `spacingKm` in a planar projection (by default a
 * transverse Mercator centred on the area), clipped to the polygon when one is given.
 * Grid lines sit on multiples of the spacing in projected metres. Ids are `g<row>_<col>`.
 */
export function gridCandidates(area: CandidateArea, spacingKm: number, projection?: LocalProjection): Candidate[] {
  if (!(spacingKm > 0)) throw new Error(`gridCandidates: spacingKm must be > 0, got ${spacingKm}`);
  const [w, s, e, n] = bboxOf(area);
  if (!(w <= e && s <= n)) throw new Error("gridCandidates: empty or invalid area");
  const proj = projection ?? localTransverseMercator((w + e) / 2, (s + n) / 2);
  const corners = [
    proj.forward(w, s),
    proj.forward(w, n),
    proj.forward(e, s),
    proj.forward(e, n),
    proj.forward((w + e) / 2, s),
    proj.forward((w + e) / 2, n),
  ];
  const step = spacingKm * 1000;
  const xs = corners.map((c) => c[0]);
  const ys = corners.map((c) => c[1]);
  const c0 = Math.floor(Math.min(...xs) / step);
  const c1 = Math.ceil(Math.max(...xs) / step);
  const r0 = Math.floor(Math.min(...ys) / step);
  const r1 = Math.ceil(Math.max(...ys) / step);
  const geom = geometryOf(area);
  const out: Candidate[] = [];
  for (let r = r0; r <= r1; r++) {
    for (let c = c0; c <= c1; c++) {
      const [lon, lat] = proj.inverse(c * step, r * step);
      if (geom ? !pointInPolygon(lon, lat, geom) : lon < w || lon > e || lat < s || lat > n) continue;
      out.push({ id: `g${r}_${c}`, lon, lat });
    }
  }
  return out;
}
