import { useMemo } from "react";
import type { Facility } from "../../core";
import type { CityData } from "../data";
import { LAYER_KEYS, type LayerKey, layerKeyOf } from "../map/symbology";

/** Lookups the panels and the map share: facilities by id, county names by code, facility counts per map layer. */
export function useLookups(facilities: Facility[], data: CityData | null) {
  const facilitiesById = useMemo(() => new Map(facilities.map((f) => [f.id, f])), [facilities]);
  const countyNames = useMemo(
    () => new Map((data?.counties.features ?? []).map((f) => [f.properties.code, f.properties.name])),
    [data],
  );
  const counts = useMemo(() => {
    const c = Object.fromEntries(LAYER_KEYS.map((k) => [k, 0])) as Record<LayerKey, number>;
    for (const f of facilities) c[layerKeyOf(f)]++;
    return c;
  }, [facilities]);
  return { facilitiesById, countyNames, counts };
}
