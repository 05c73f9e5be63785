import KDBush from "kdbush";
import { geodesicWithinKm } from "../geo";
import type { DemandPoint } from "../model";
import type { Site } from "./types";

/**
 * Which demand points lie within some site's radius (geodesic distance ≤ radiusKm, inclusive).
 * Points are indexed with a k-d tree in degrees; each site queries a box that safely contains its
 * disc, and candidates are confirmed with the exact geographiclib distance.
 * Weights default to 1. Throws on non-finite coordinates, a negative or non-finite weight, or a bad radius.
 */
export function demandCoverage(
  points: DemandPoint[],
  sites: Site[],
): { covered: number; total: number; weightCovered: number; weightTotal: number; coveredIds: Set<string> } {
  let weightTotal = 0;
  points.forEach((p, n) => {
    if (!Number.isFinite(p.lon) || !Number.isFinite(p.lat) || Math.abs(p.lat) > 90) {
      throw new RangeError(`demandCoverage: point ${n} (id ${p.id}) has bad lon/lat (${p.lon}, ${p.lat})`);
    }
    const w = p.weight ?? 1;
    if (!Number.isFinite(w) || w < 0)
      throw new RangeError(`demandCoverage: point ${n} (id ${p.id}) has bad weight ${p.weight}`);
    weightTotal += w;
  });
  const isCovered = new Uint8Array(points.length);
  if (points.length > 0) {
    const index = new KDBush(points.length);
    for (const p of points) index.add(p.lon, p.lat);
    index.finish();
    sites.forEach((s, n) => {
      if (
        !Number.isFinite(s.lon) ||
        !Number.isFinite(s.lat) ||
        Math.abs(s.lat) > 90 ||
        !Number.isFinite(s.radiusKm) ||
        s.radiusKm < 0
      ) {
        throw new RangeError(
          `demandCoverage: site ${n} (id ${s.id}) has bad lon/lat/radiusKm (${s.lon}, ${s.lat}, ${s.radiusKm})`,
        );
      }
      // a degree of latitude is ≥ 110.57 km, of longitude ≥ 111.32·cos(lat) km: pad both by 1%
      const dLat = (s.radiusKm / 110.57) * 1.01 + 1e-9;
      const latFar = Math.min(90, Math.abs(s.lat) + dLat);
      const cosFar = Math.cos((latFar * Math.PI) / 180);
      const dLon = cosFar > 1e-6 ? Math.min(360, (s.radiusKm / (111.32 * cosFar)) * 1.01 + 1e-9) : 360;
      for (const k of index.range(s.lon - dLon, s.lat - dLat, s.lon + dLon, s.lat + dLat)) {
        if (isCovered[k]) continue;
        const p = points[k];
        if (geodesicWithinKm(s.lon, s.lat, p.lon, p.lat, s.radiusKm)) isCovered[k] = 1;
      }
    });
  }
  let covered = 0;
  let weightCovered = 0;
  const coveredIds = new Set<string>();
  points.forEach((p, k) => {
    if (!isCovered[k]) return;
    covered++;
    weightCovered += p.weight ?? 1;
    coveredIds.add(p.id);
  });
  return { covered, total: points.length, weightCovered, weightTotal, coveredIds };
}
