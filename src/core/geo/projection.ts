import proj4 from "proj4";
import { WGS84_A, WGS84_F } from "./geodesic";

/** A planar projection in metres with its proj4 definition. */
export interface LocalProjection {
  def: string;
  forward(lon: number, lat: number): [number, number];
  inverse(x: number, y: number): [number, number];
}

/**
 * Transverse Mercator on WGS84 centred on (lon0, lat0) with unit scale on the central meridian,
 * no false easting/northing; x, y in metres. Its point scale is ≈ 1 + x²/(2ρν) (see
 * {@link tmScaleFactor}): under 3 × 10⁻⁴ within 150 km of the central meridian.
 */
export function localTransverseMercator(lon0: number, lat0: number): LocalProjection {
  if (!Number.isFinite(lon0) || !Number.isFinite(lat0) || Math.abs(lat0) > 90) {
    throw new RangeError(`localTransverseMercator: bad centre (${lon0}, ${lat0})`);
  }
  const def = `+proj=tmerc +lat_0=${lat0} +lon_0=${lon0} +k=1 +x_0=0 +y_0=0 +ellps=WGS84 +units=m +no_defs`;
  const cached = projections.get(def);
  if (cached) return cached;
  const made = makeProjection(def);
  projections.set(def, made);
  return made;
}

/** Projections by definition: a county's grid, its urban masks and its candidates share one (they are immutable). */
const projections = new Map<string, LocalProjection>();

const D2R = Math.PI / 180;
const R2D = 180 / Math.PI;

/**
 * The projection of `def` called point by point. `proj4(from, to).forward` goes through proj4's general transform
 * (axis order, datum shift, unit scaling, a fresh object or two per step), none of which applies from WGS84 lon/lat to
 * a transverse Mercator on the WGS84 ellipsoid in metres: the datum step is the identity (no datum shift is defined),
 * the unit factor 1 and the axes east-north. So the projection's own forward and inverse are called on radians,
 * with the same degree–radian factors proj4 uses; the results are proj4's to the last bit (tested).
 */
function makeProjection(def: string): LocalProjection {
  const tm = new proj4.Proj(def) as unknown as ProjCore;
  if (tm.projName !== "tmerc" || tm.to_meter !== undefined || tm.from_greenwich !== undefined || tm.axis !== "enu")
    throw new Error(`localTransverseMercator: unexpected proj4 set-up for ${def}`);
  const pt = { x: 0, y: 0 };
  return {
    def,
    forward(lon, lat) {
      if (!Number.isFinite(lon) || !Number.isFinite(lat)) throw new TypeError("coordinates must be finite numbers");
      pt.x = lon * D2R;
      pt.y = lat * D2R;
      const p = tm.forward(pt);
      return [p.x, p.y];
    },
    inverse(x, y) {
      if (!Number.isFinite(x) || !Number.isFinite(y)) throw new TypeError("coordinates must be finite numbers");
      pt.x = x;
      pt.y = y;
      const p = tm.inverse(pt);
      return [p.x * R2D, p.y * R2D];
    },
  };
}

/** The part of a proj4 projection object used here (proj4's typings do not describe it). */
interface ProjCore {
  projName: string;
  to_meter?: number;
  from_greenwich?: number;
  axis: string;
  forward(p: { x: number; y: number }): { x: number; y: number };
  inverse(p: { x: number; y: number }): { x: number; y: number };
}

const E2 = WGS84_F * (2 - WGS84_F);

/** ρ·ν (m²) at latitude `latDeg`: the square of the Gaussian radius of curvature on WGS84. */
export function gaussianRadiusSquared(latDeg: number): number {
  const s = Math.sin((latDeg * Math.PI) / 180);
  const w = 1 - E2 * s * s;
  return (WGS84_A * WGS84_A * (1 - E2)) / (w * w);
}

/**
 * Point scale factor of a transverse Mercator projection at easting `xM` (m from the central
 * meridian), given ρν (m², from {@link gaussianRadiusSquared}): k ≈ 1 + x²/(2ρν) + x⁴/(24ρ²ν²).
 */
export function tmScaleFactor(xM: number, rho2: number): number {
  const q = (xM * xM) / rho2;
  return 1 + q / 2 + (q * q) / 24;
}
