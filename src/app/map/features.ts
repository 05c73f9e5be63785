import type { Feature, FeatureCollection, Point } from "geojson";
import type { CountyTint, Facility, FacilityStatus } from "../../core";
import type { CityData } from "../data";
import { layerKeyOf } from "./symbology";

/** Each facility's feature, made once per facility object and status (a drag moves one site: the others are reused). */
const facilityFeatures = new WeakMap<Facility, Feature<Point>>();

/**
 * Facilities as map features: id, legend layer, proposed flag and status (see core's facilityStatuses), what the
 * layers draw and a click looks up. Names and types stay in the app (the popup reads them there): 6,800 features of
 * a city's sample are serialised to MapLibre's worker and tiled, and those two made up about a third of it.
 */
export function facilityCollection(
  facilities: readonly Facility[],
  status: ReadonlyMap<string, FacilityStatus>,
): FeatureCollection<Point> {
  return {
    type: "FeatureCollection",
    features: facilities.map((f): Feature<Point> => {
      const s = status.get(f.id) ?? "not-checked";
      const kept = facilityFeatures.get(f);
      if (kept && kept.properties?.status === s) return kept;
      const made: Feature<Point> = {
        type: "Feature",
        id: f.id,
        geometry: { type: "Point", coordinates: [f.lon, f.lat] },
        properties: {
          id: f.id,
          layer: layerKeyOf(f),
          proposed: !!f.proposed,
          status: s,
        },
      };
      facilityFeatures.set(f, made);
      return made;
    }),
  };
}

/**
 * County polygons as map features with the focus flag, the tint (see core's countyTints) and whether the county is
 * context only (the rule set's plan does not bind it: report.scope.context), drawn grey.
 */
export function countyCollection(
  counties: CityData["counties"],
  focus: string | null,
  tints: ReadonlyMap<string, CountyTint>,
  context: ReadonlySet<string> = new Set(),
): FeatureCollection {
  return {
    ...counties,
    features: counties.features.map((f) => ({
      ...f,
      id: f.properties.code, // ids let a change of tint go to the map as a diff of the counties that changed
      properties: {
        ...f.properties,
        focus: f.properties.code === focus,
        status: tints.get(f.properties.code) ?? "none",
        context: context.has(f.properties.code),
      },
    })),
  } as FeatureCollection;
}
