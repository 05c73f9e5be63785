import { useEffect, useRef } from "react";
import { loadPref, PLACE_PREFS, savePref } from "../persist";

/**
 * Each city's selected county, kept over a reload and restored once the city's data is there (a county the city no
 * longer has is not). Saved only for the city whose data is shown and whose county was restored, so that switching
 * city (which clears the selection before the new city's data arrives) does not wipe the last city's.
 */
export function useCountyMemory(
  cityId: string | undefined,
  data: { city: { id: string }; counties: { features: ReadonlyArray<{ properties: { code: string } }> } } | null,
  selectedCounty: string | null,
  select: (code: string) => void,
) {
  const restored = useRef<string | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per city's data; `select` is a new function each render
  useEffect(() => {
    if (!data || restored.current === data.city.id) return;
    restored.current = data.city.id;
    const code = loadPref(PLACE_PREFS.county(data.city.id), "");
    if (code !== "" && data.counties.features.some((f) => f.properties.code === code)) select(code);
  }, [data]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: on a new selection only (see above)
  useEffect(() => {
    const id = restored.current;
    if (id === null || data?.city.id !== id || (cityId !== undefined && cityId !== id)) return;
    savePref(PLACE_PREFS.county(id), selectedCounty ?? "");
  }, [selectedCounty]);
}
