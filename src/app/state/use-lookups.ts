import { useMemo } from "react";
import { CountyLocator, type Facility } from "../../core";
import type { CityData } from "../data";
import { LAYER_KEYS, type LayerKey, layerKeyOf } from "../map/symbology";

/**
 * Lookups the panels and the map share: facilities by id, county names by code, facility counts per map layer (of the
 * facilities in the city; `outsideCity`: those outside its boundaries, drawn but not counted). The
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
  // the county a point lies in (the Plan tab's list of proposed sites names it, or says a site is outside the city)
  const countyAt = useMemo(() => {
    const features = data?.counties.features ?? [];
    const locator = new CountyLocator(features);
    return (lon: number, lat: number): { code: string; name: string } | null => {
      const i = locator.locate(lon, lat);
      return i < 0 ? null : { code: features[i].properties.code, name: features[i].properties.name };
    };
  }, [data]);
  // the legend counts the facilities in the city: a row placed outside its boundaries (the import warns of it; it is in
  // no county's checks) is drawn but counted apart (the reviewer trial, s45-a #5: 乡镇卫生院 8 counted a 永修县 row)
  const inCity = useMemo(() => {
    if (!data) return () => true;
    return (f: Facility) => countyAt(f.lon, f.lat) !== null;
  }, [data, countyAt]);
  const baseCounts = useMemo(() => {
    const c = Object.fromEntries(LAYER_KEYS.map((k) => [k, 0])) as Record<LayerKey, number>;
    let outside = 0;
    for (const f of baseFacilities) {
      if (inCity(f)) c[layerKeyOf(f)]++;
      else outside++;
    }
    return { c, outside };
  }, [baseFacilities, inCity]);
  // the proposed sites apart: the legend says 「急救站 126 +3」, not 129 stations where 126 exist (the user trial, s50 L5)
  const { counts, planned, outsideCity } = useMemo(() => {
    const c = { ...baseCounts.c };
    const p = Object.fromEntries(LAYER_KEYS.map((k) => [k, 0])) as Record<LayerKey, number>;
    let outside = baseCounts.outside;
    for (const f of proposed) {
      if (inCity(f)) p[layerKeyOf(f)]++;
      else outside++;
    }
    return { counts: c, planned: p, outsideCity: outside };
  }, [baseCounts, proposed, inCity]);
  return { facilitiesById, countyNames, counts, planned, outsideCity, countyAt };
}
