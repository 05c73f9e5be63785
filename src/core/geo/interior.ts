/// <reference path="./polylabel.d.ts" />
import type { Polygon, Position } from "geojson";
import polylabel from "polylabel";
import { pointInPolygon } from "./point-in-polygon";

/** Kilometres per degree of latitude (mean Earth radius 6,371.0088 km). */
const KM_PER_DEG = (Math.PI * 6371.0088) / 180;

/** Distance from (x, y) to the nearest edge of `rings`, in the rings' units. */
function edgeDistance(x: number, y: number, rings: Position[][]): number {
  let best = Infinity;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [ax, ay] = ring[j];
      const [bx, by] = ring[i];
      const dx = bx - ax;
      const dy = by - ay;
      const len2 = dx * dx + dy * dy;
      const t = len2 > 0 ? Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / len2)) : 0;
      const ex = ax + t * dx - x;
      const ey = ay + t * dy - y;
      const d = ex * ex + ey * ey;
      if (d < best) best = d;
    }
  }
  return Math.sqrt(best);
}

/**
 * A point inside `polygon` (holes excluded) and, when `accept` is given, accepted by it (e.g. inside the county): the
 * pole of inaccessibility (polylabel, the inside point farthest from the edge, found in a local equirectangular frame
 * to `precisionKm`), which lies inside by construction; should it fail `accept` (a gap drawn on grid cells can reach
 * half a cell past the county's border), the inside point farthest from the edge on a 64 × 64 lattice over the
 * polygon that `accept` takes; else the pole. The point is given to 6 decimals (0.11 m at most) where that is still
 * inside and accepted, as the exports write positions. `roomKm` is the point's distance to the polygon's edge.
 */
export function polygonInteriorPoint(
  polygon: Polygon,
  accept?: (lon: number, lat: number) => boolean,
  precisionKm = 0.01,
): { point: [number, number]; roomKm: number } {
  const outer = polygon.coordinates[0];
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const q of outer) {
    if (q[0] < x0) x0 = q[0];
    if (q[0] > x1) x1 = q[0];
    if (q[1] < y0) y0 = q[1];
    if (q[1] > y1) y1 = q[1];
  }
  const k = Math.cos((((y0 + y1) / 2) * Math.PI) / 180);
  const local = polygon.coordinates.map((ring) => ring.map((q) => [q[0] * k * KM_PER_DEG, q[1] * KM_PER_DEG]));
  const pole = polylabel(local, precisionKm);
  const point: [number, number] = [pole[0] / k / KM_PER_DEG, pole[1] / KM_PER_DEG];
  const inside = (lon: number, lat: number) => pointInPolygon(lon, lat, polygon) && (!accept || accept(lon, lat));
  // to 6 decimals (≤ 0.11 m) where that stays inside, as exports write positions; else exact
  const tidy = (found: { point: [number, number]; roomKm: number }) => {
    const r: [number, number] = [round6(found.point[0]), round6(found.point[1])];
    return inside(r[0], r[1]) ? { point: r, roomKm: found.roomKm } : found;
  };
  if (inside(point[0], point[1])) return tidy({ point, roomKm: pole.distance });
  const N = 64;
  let best: { point: [number, number]; roomKm: number } | null = null;
  for (let j = 0; j < N; j++) {
    const lat = y0 + ((j + 0.5) / N) * (y1 - y0);
    for (let i = 0; i < N; i++) {
      const lon = x0 + ((i + 0.5) / N) * (x1 - x0);
      if (!inside(lon, lat)) continue;
      const room = edgeDistance(lon * k * KM_PER_DEG, lat * KM_PER_DEG, local);
      if (!best || room > best.roomKm) best = { point: [lon, lat], roomKm: room };
    }
  }
  return best ? tidy(best) : { point, roomKm: pole.distance };
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
