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
  const converter = proj4("WGS84", def);
  return {
    def,
    forward(lon, lat) {
      const p = converter.forward([lon, lat]);
      return [p[0], p[1]];
    },
    inverse(x, y) {
      const p = converter.inverse([x, y]);
      return [p[0], p[1]];
    },
  };
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
