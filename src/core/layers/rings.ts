import type { Feature, MultiPolygon, Polygon } from "geojson";
import { geodesicDestination } from "../geo";
import type { Facility, FacilityType } from "../model";

/** Vertices of a ring drawn for display; 96 keeps a 20 km circle within 11 m of the true geodesic circle. */
export const RING_STEPS = 96;

/** A closed geodesic circle (points at exactly `radiusKm` along geodesics), counter-clockwise, lon/lat. */
export function geodesicCircle(lon: number, lat: number, radiusKm: number, steps = RING_STEPS): Polygon {
  const ring: [number, number][] = [];
  for (let i = 0; i < steps; i++) {
    // azimuth decreasing = counter-clockwise in lon/lat (RFC 7946 exterior ring)
    const az = 360 - (360 * i) / steps;
    ring.push(geodesicDestination(lon, lat, az % 360, radiusKm));
  }
  ring.push(ring[0]);
  return { type: "Polygon", coordinates: [ring] };
}

export interface RingProps {
  facilityId: string;
  facilityType: FacilityType;
  radiusKm: number;
  /** "urban" or "rural" service radius, or "sub-centre-distance" for the ring around a county medical centre. */
  role: "urban" | "rural" | "sub-centre-distance";
  proposed: boolean;
}

/** Ray-casting point-in-polygon on lon/lat rings (even-odd over every ring, so holes count). */
export function pointInGeometry(lon: number, lat: number, geom: Polygon | MultiPolygon): boolean {
  const polys = geom.type === "Polygon" ? [geom.coordinates] : geom.coordinates;
  let inside = false;
  for (const poly of polys) {
    for (const ring of poly) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i];
        const [xj, yj] = ring[j];
        if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
      }
    }
  }
  return inside;
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
    const urban = urbanAreas.some((g) => pointInGeometry(f.lon, f.lat, g));
    const radiusKm = urban ? radii.urbanKm : radii.ruralKm;
    out.push({
      type: "Feature",
      geometry: geodesicCircle(f.lon, f.lat, radiusKm),
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
    geometry: geodesicCircle(c.lon, c.lat, minKm),
    properties: {
      facilityId: c.id,
      facilityType: c.type ?? "county-medical-centre",
      radiusKm: minKm,
      role: "sub-centre-distance",
      proposed: false,
    },
  }));
}
