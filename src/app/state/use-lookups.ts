import { useMemo } from "react";
import { CountyLocator, type Facility } from "../../core";
import type { CityData } from "../data";
import { LAYER_KEYS, type LayerKey, layerKeyOf } from "../map/symbology";

/**
 * Lookups the panels and the map share: facilities by id, county names by code, facility counts per map layer. The
 * existing facilities (a city's thousands) are looked up and counted once per list; a drag's steps, which move a
 * proposed site, redo only the proposed sites' part.
 */
export function useLookups(baseFacilities: readonly Facility[], proposed: readonly Facility[], data: CityData | null) {
  const baseById = useMemo(() => new Map(baseFacilities.map((f) => [f.id, f])), [baseFacilities]);
  const facilitiesById = useMemo((): Pick<ReadonlyMap<string, Facility>, "get"> => {
    // a proposed site wins over an existing facility of the same id, as in the list [...base, ...proposed]
    const byId = new Map(proposed.map((f) => [f.id, f]));
    return { get: (id: string) => byId.get(id) ?? baseById.get(id) };
  }, [baseById, proposed]);
  const countyNames = useMemo(
    () => new Map((data?.counties.features ?? []).map((f) => [f.properties.code, f.properties.name])),
    [data],
  );
  const baseCounts = useMemo(() => {
    const c = Object.fromEntries(LAYER_KEYS.map((k) => [k, 0])) as Record<LayerKey, number>;
    for (const f of baseFacilities) c[layerKeyOf(f)]++;
    return c;
  }, [baseFacilities]);
  const counts = useMemo(() => {
    const c = { ...baseCounts };
    for (const f of proposed) c[layerKeyOf(f)]++;
    return c;
  }, [baseCounts, proposed]);
  // the county a point lies in (the Plan tab's list of proposed sites names it, or says a site is outside the city)
  const countyAt = useMemo(() => {
    const features = data?.counties.features ?? [];
    const locator = new CountyLocator(features);
    return (lon: number, lat: number): { code: string; name: string } | null => {
      const i = locator.locate(lon, lat);
      return i < 0 ? null : { code: features[i].properties.code, name: features[i].properties.name };
    };
  }, [data]);
  return { facilitiesById, countyNames, counts, countyAt };
}
