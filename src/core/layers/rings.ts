import type { Feature, MultiPolygon, Polygon } from "geojson";
import { geodesicCircle, pointInPolygon } from "../geo";
import type { Facility, FacilityType } from "../model";

/** Vertices of a ring drawn for display; 96 keeps a 20 km circle within 11 m of the true geodesic circle. */
export const RING_STEPS = 96;

/** Properties of a display ring: the facility it belongs to, its radius (km) and role, and whether it is proposed. */
export interface RingProps {
  facilityId: string;
  facilityType: FacilityType;
  radiusKm: number;
  /** "urban" or "rural" service radius, or "sub-centre-distance" for the ring around a county medical centre. */
  role: "urban" | "rural" | "sub-centre-distance";
  proposed: boolean;
}

/**
 * A geodesic circle for display, taken from `cache` when the same centre and radius were drawn before (the worker
 * keeps one cache, so a drag recomputes only the moved site's ring).
 */
function ring(lon: number, lat: number, radiusKm: number, cache?: Map<string, Polygon>): Polygon {
  if (!cache) return geodesicCircle(lon, lat, radiusKm, RING_STEPS);
  const key = `${lon},${lat},${radiusKm}`;
  let g = cache.get(key);
  if (!g) {
    if (cache.size > 20_000) cache.clear();
    g = geodesicCircle(lon, lat, radiusKm, RING_STEPS);
    cache.set(key, g);
  }
  return g;
}

/**
 * Service-radius rings of EMS facilities: the urban radius for a facility inside the urban area, the rural
 * radius elsewhere. The same radii the coverage rules use, drawn as geodesic circles.
 */
export function serviceRings(
  facilities: readonly Facility[],
  emsTypes: readonly FacilityType[],
  urbanAreas: ReadonlyArray<Polygon | MultiPolygon>,
  radii: { urbanKm: number; ruralKm: number },
  cache?: Map<string, Polygon>,
): Feature<Polygon, RingProps>[] {
  const types = new Set(emsTypes);
  const out: Feature<Polygon, RingProps>[] = [];
  for (const f of facilities) {
    if (!types.has(f.type)) continue;
    const urban = urbanAreas.some((g) => pointInPolygon(f.lon, f.lat, g));
    const radiusKm = urban ? radii.urbanKm : radii.ruralKm;
    out.push({
      type: "Feature",
      geometry: ring(f.lon, f.lat, radiusKm, cache),
      properties: {
        facilityId: f.id,
        facilityType: f.type,
        radiusKm,
        role: urban ? "urban" : "rural",
        proposed: !!f.proposed,
      },
    });
  }
  return out;
}

/** The ring at the sub-centre distance (e.g. 15 km) around each county medical centre. */
export function subCentreRings(
  centres: ReadonlyArray<{ id: string; lon: number; lat: number; type?: FacilityType }>,
  minKm: number,
  cache?: Map<string, Polygon>,
): Feature<Polygon, RingProps>[] {
  return centres.map((c) => ({
    type: "Feature",
    geometry: ring(c.lon, c.lat, minKm, cache),
    properties: {
      facilityId: c.id,
      facilityType: c.type ?? "county-medical-centre",
      radiusKm: minKm,
      role: "sub-centre-distance",
      proposed: false,
    },
  }));
}
