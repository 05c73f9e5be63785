import type { Feature, MultiPolygon, Polygon } from "geojson";
import { geodesicCircle, pointInPolygon } from "../geo";
import type { Facility, FacilityType } from "../model";

/** Vertices of a ring drawn for display; 96 keeps a 20 km circle within 11 m of the true geodesic circle. */
export const RING_STEPS = 96;

export interface RingProps {
  facilityId: string;
  facilityType: FacilityType;
  radiusKm: number;
  /** "urban" or "rural" service radius, or "sub-centre-distance" for the ring around a county medical centre. */
  role: "urban" | "rural" | "sub-centre-distance";
  proposed: boolean;
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
): Feature<Polygon, RingProps>[] {
  const types = new Set(emsTypes);
  const out: Feature<Polygon, RingProps>[] = [];
  for (const f of facilities) {
    if (!types.has(f.type)) continue;
    const urban = urbanAreas.some((g) => pointInPolygon(f.lon, f.lat, g));
    const radiusKm = urban ? radii.urbanKm : radii.ruralKm;
    out.push({
      type: "Feature",
      geometry: geodesicCircle(f.lon, f.lat, radiusKm, RING_STEPS),
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
): Feature<Polygon, RingProps>[] {
  return centres.map((c) => ({
    type: "Feature",
    geometry: geodesicCircle(c.lon, c.lat, minKm, RING_STEPS),
    properties: {
      facilityId: c.id,
      facilityType: c.type ?? "county-medical-centre",
      radiusKm: minKm,
      role: "sub-centre-distance",
      proposed: false,
    },
  }));
}
