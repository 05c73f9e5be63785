import type { MultiPolygon, Polygon, Position } from "geojson";
import { geodesicDestination } from "./geodesic";

function inRing(lon: number, lat: number, ring: Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/**
 * Point-in-polygon on lon/lat coordinates (planar even–odd ray casting, holes respected; a point exactly on an
 * edge may go either way). For many points against one polygon use {@link polygonLocator}.
 */
export function pointInPolygon(lon: number, lat: number, geom: Polygon | MultiPolygon): boolean {
  const polys = geom.type === "Polygon" ? [geom.coordinates] : geom.coordinates;
  for (const rings of polys) {
    if (rings.length === 0 || !inRing(lon, lat, rings[0])) continue;
    let inHole = false;
    for (let k = 1; k < rings.length; k++) if (inRing(lon, lat, rings[k])) inHole = true;
    if (!inHole) return true;
  }
  return false;
}

/**
 * A point-in-polygon test prepared for many queries: the same answers as {@link pointInPolygon}, but each query
 * only scans the edges of its latitude strip (edges are bucketed once), after a bounding-box check. The test is
 * prepared once per geometry object and shared (geometries are never modified in place: the core's inputs are
 * immutable): a facility import's three checks and the analysis ask for the same counties' tests.
 */
export function polygonLocator(geom: Polygon | MultiPolygon): (lon: number, lat: number) => boolean {
  let test = locators.get(geom);
  if (!test) {
    test = prepareLocator(geom);
    locators.set(geom, test);
  }
  return test;
}

const locators = new WeakMap<Polygon | MultiPolygon, (lon: number, lat: number) => boolean>();

function prepareLocator(geom: Polygon | MultiPolygon): (lon: number, lat: number) => boolean {
  const polys = geom.type === "Polygon" ? [geom.coordinates] : geom.coordinates;
  let edgeCount = 0;
  for (const rings of polys) for (const ring of rings) edgeCount += ring.length;
  const coords = new Float64Array(4 * edgeCount); // x1, y1, x2, y2 per edge
  const owner = new Int32Array(edgeCount); // polygon index per edge
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  let q = 0;
  for (let p = 0; p < polys.length; p++) {
    for (const ring of polys[p]) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const x = ring[i][0];
        const y = ring[i][1];
        coords[4 * q] = ring[j][0];
        coords[4 * q + 1] = ring[j][1];
        coords[4 * q + 2] = x;
        coords[4 * q + 3] = y;
        owner[q++] = p;
        if (x < w) w = x;
        if (x > e) e = x;
        if (y < s) s = y;
        if (y > n) n = y;
      }
    }
  }
  if (edgeCount === 0) return () => false;
  const strips = Math.max(1, Math.min(4096, Math.ceil(edgeCount / 4)));
  const height = (n - s) / strips || 1;
  const stripOf = (y: number) => Math.min(strips - 1, Math.max(0, Math.floor((y - s) / height)));
  // counting sort of edges into the strips their latitude range touches
  const start = new Int32Array(strips + 1);
  for (let k = 0; k < edgeCount; k++) {
    const a = stripOf(Math.min(coords[4 * k + 1], coords[4 * k + 3]));
    const b = stripOf(Math.max(coords[4 * k + 1], coords[4 * k + 3]));
    for (let t = a; t <= b; t++) start[t + 1]++;
  }
  for (let t = 0; t < strips; t++) start[t + 1] += start[t];
  const fill = start.slice(0, strips);
  const members = new Int32Array(start[strips]);
  for (let k = 0; k < edgeCount; k++) {
    const a = stripOf(Math.min(coords[4 * k + 1], coords[4 * k + 3]));
    const b = stripOf(Math.max(coords[4 * k + 1], coords[4 * k + 3]));
    for (let t = a; t <= b; t++) members[fill[t]++] = k;
  }
  const parity = new Uint8Array(polys.length);
  return (lon, lat) => {
    if (lon < w || lon > e || lat < s || lat > n) return false;
    parity.fill(0);
    const t = stripOf(lat);
    for (let m = start[t]; m < start[t + 1]; m++) {
      const k = members[m];
      const xj = coords[4 * k];
      const yj = coords[4 * k + 1];
      const xi = coords[4 * k + 2];
      const yi = coords[4 * k + 3];
      if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) parity[owner[k]] ^= 1;
    }
    // even–odd within each polygon (outer ring and its holes), any polygon
    for (let p = 0; p < parity.length; p++) if (parity[p]) return true;
    return false;
  };
}

/**
 * A closed geodesic circle: `steps` points at exactly `radiusKm` along geodesics, counter-clockwise (RFC 7946),
 * starting due north. A circle is symmetric about its centre's meridian, so with an even `steps` the eastern half
 * (azimuths 0–180°) is solved with geographiclib's direct problem and each western point is its eastern twin
 * reflected, lon₀ − (lon − lon₀) at the same latitude, when the circle's longitudes stay within one binade (one
 * power of two) on one side of Greenwich: there geographiclib's longitude lon₀ ± Δ rounds alike both ways and the
 * reflection equals its own answer for the western azimuth to the last bit (tested). Elsewhere (a circle across
 * 64°, 128°, Greenwich or the antimeridian, or beyond 80° of latitude) every point is solved.
 */
export function geodesicCircle(lon: number, lat: number, radiusKm: number, steps = 128): Polygon {
  const ring: Position[] = new Array(steps);
  const half = steps / 2;
  const at = (i: number) => geodesicDestination(lon, lat, (360 - (360 * i) / steps) % 360, radiusKm);
  const even = steps % 2 === 0 && steps >= 4;
  if (even) {
    let east = lon;
    for (let i = 0; i < steps; i++)
      if (i === 0 || i >= half) {
        ring[i] = at(i);
        east = Math.max(east, ring[i][0]);
      }
    const west = lon - (east - lon);
    const mirror = Math.abs(lat) <= 80 && east - lon < 90 && sameBinade(west, east);
    for (let i = 1; i < half; i++) {
      const twin = ring[steps - i];
      ring[i] = mirror ? [lon - (twin[0] - lon), twin[1]] : at(i);
    }
  } else for (let i = 0; i < steps; i++) ring[i] = at(i);
  ring.push(ring[0]);
  return { type: "Polygon", coordinates: [ring] };
}

/** Whether a and b are non-zero, of one sign and within one power of two (so adding to them rounds alike). */
function sameBinade(a: number, b: number): boolean {
  if (!(a * b > 0)) return false;
  return Math.floor(Math.log2(Math.abs(a))) === Math.floor(Math.log2(Math.abs(b)));
}
