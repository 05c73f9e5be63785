import { rewind, simplify, area as turfArea } from "@turf/turf";
import type { MultiPolygon, Polygon, Position } from "geojson";
import type { MultiPolygon as PcMulti } from "polygon-clipping";
import polygonClipping from "polygon-clipping";

/** Round a number to `digits` decimals. */
export function roundTo(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** Geodesic-ish (turf spherical) area of a Polygon/MultiPolygon in km². */
export function areaKm2(g: Polygon | MultiPolygon): number {
  return turfArea(g) / 1e6;
}

function roundRings(coords: Position[][][], digits: number): PcMulti {
  return coords.map((poly) =>
    poly.map((ring) => {
      const out: [number, number][] = [];
      for (const p of ring) {
        const q: [number, number] = [roundTo(p[0], digits), roundTo(p[1], digits)];
        const last = out[out.length - 1];
        if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q);
      }
      return out;
    }),
  );
}

function toMulti(g: Polygon | MultiPolygon): Position[][][] {
  return g.type === "Polygon" ? [g.coordinates] : g.coordinates;
}

/** Polygon parts smaller than this (km²) are slivers left by the repair and are dropped. */
export const SLIVER_KM2 = 0.02;

function fromMulti(m: PcMulti): Polygon | MultiPolygon {
  const big = (ring: Position[]) =>
    ring.length >= 4 && turfArea({ type: "Polygon", coordinates: [ring] }) / 1e6 >= SLIVER_KM2;
  const clean = m
    .filter((poly) => poly.length > 0 && big(poly[0]))
    .map((poly) => [poly[0], ...poly.slice(1).filter(big)]);
  const g: Polygon | MultiPolygon =
    clean.length === 1 ? { type: "Polygon", coordinates: clean[0] } : { type: "MultiPolygon", coordinates: clean };
  return rewind(g, { mutate: true }) as Polygon | MultiPolygon;
}

/** Repair a (possibly self-intersecting) polygon by a polygon-clipping union of the polygon with itself. */
export function repair(g: Polygon | MultiPolygon): Polygon | MultiPolygon {
  return fromMulti(polygonClipping.union(toMulti(g) as PcMulti));
}

/**
 * Repair, simplify (Douglas–Peucker, tolerance in degrees), round to `digits` decimals and repair again until
 * rounding no longer changes the repaired geometry (at most 5 rounds).
 */
export function cleanPolygon(g: Polygon | MultiPolygon, toleranceDeg: number, digits: number): Polygon | MultiPolygon {
  let cur = repair(g);
  if (toleranceDeg > 0) {
    cur = simplify(cur, { tolerance: toleranceDeg, highQuality: true, mutate: false }) as Polygon | MultiPolygon;
  }
  for (let i = 0; i < 5; i++) {
    const rounded = roundRings(toMulti(cur), digits);
    const unioned = fromMulti(polygonClipping.union(rounded));
    const reRounded = fromMulti(roundRings(toMulti(unioned), digits));
    cur = reRounded;
    if (JSON.stringify(toMulti(unioned)) === JSON.stringify(toMulti(reRounded))) break;
  }
  return cur;
}

function snapRings(coords: Position[][][], step: number): PcMulti {
  return coords.map((poly) =>
    poly.map((ring) => {
      const out: [number, number][] = [];
      for (const p of ring) {
        const q: [number, number] = [Math.round(p[0] * step) / step, Math.round(p[1] * step) / step];
        const last = out[out.length - 1];
        if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q);
      }
      return out;
    }),
  );
}

/**
 * Repair (self-union), then snap every vertex to the grid of 1/`step` degree and union again until snapping no
 * longer changes the result (at most `rounds` times). Returns the geometry and whether it became stable, i.e.
 * every vertex lies on the grid and the polygon equals its own union (valid rings, no self-crossings).
 */
export function snapPolygon(
  g: Polygon | MultiPolygon,
  step: number,
  rounds = 8,
): { geometry: Polygon | MultiPolygon; stable: boolean } {
  let cur = toMulti(repair(g));
  for (let i = 0; i < rounds; i++) {
    const unioned = fromMulti(polygonClipping.union(snapRings(cur, step)));
    const onGrid = snapRings(toMulti(unioned), step);
    if (JSON.stringify(toMulti(unioned)) === JSON.stringify(onGrid)) return { geometry: unioned, stable: true };
    cur = onGrid;
  }
  return { geometry: fromMulti(cur as PcMulti), stable: false };
}

/**
 * polygon-clipping may return holes that touch each other at two or more vertices; together they cut a piece out
 * of the interior, which OGC validity (GEOS, PostGIS, QGIS) rejects as "interior is disconnected". In each group
 * of such holes the largest is kept and the others are filled. Vertices stay where they are. Returns the number
 * of holes filled and their area (km²).
 */
export function fillTouchingHoles(g: Polygon | MultiPolygon): {
  geometry: Polygon | MultiPolygon;
  filled: number;
  filledKm2: number;
} {
  let filled = 0;
  let filledKm2 = 0;
  const out = toMulti(g).map((poly) => {
    const holes = poly.slice(1);
    const keys = holes.map((r) => new Set(r.slice(0, -1).map((p) => `${p[0]},${p[1]}`)));
    const parent = holes.map((_, i) => i);
    const find = (i: number): number => {
      while (parent[i] !== i) i = parent[i];
      return i;
    };
    for (let i = 0; i < holes.length; i++)
      for (let j = i + 1; j < holes.length; j++) {
        let shared = 0;
        for (const k of keys[j]) if (keys[i].has(k) && ++shared >= 2) break;
        if (shared >= 2) parent[find(j)] = find(i);
      }
    const km2 = holes.map((r) => turfArea({ type: "Polygon", coordinates: [r] }) / 1e6);
    const keep = holes.map((_, i) => {
      const group = holes.map((__, j) => j).filter((j) => find(j) === find(i));
      const largest = group.reduce((a, b) => (km2[b] > km2[a] ? b : a));
      return group.length === 1 || largest === i;
    });
    keep.forEach((k, i) => {
      if (!k) {
        filled++;
        filledKm2 += km2[i];
      }
    });
    return [poly[0], ...holes.filter((_, i) => keep[i])];
  });
  if (filled === 0) return { geometry: g, filled, filledKm2 };
  const m: Polygon | MultiPolygon =
    out.length === 1 ? { type: "Polygon", coordinates: out[0] } : { type: "MultiPolygon", coordinates: out };
  return { geometry: m, filled, filledKm2 };
}
