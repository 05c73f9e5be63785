import { useEffect, useMemo, useState } from "react";
import { type CityData, type CityInfo, loadCities, loadCityData } from "../data";
import type { ImportedBoundaries, SessionState } from "./session";

export interface CityState {
  cities: CityInfo[];
  /** The session's city (the first one until the session is restored). */
  city: CityInfo | undefined;
  /** The embedded data of the city, as loaded. */
  loaded: CityData | null;
  /** What the analysis and the map use: the loaded data with the user's imported boundaries, if any. */
  data: CityData | null;
}

/** The embedded cities and the session city's data (null while it loads). */
export function useCity(session: SessionState | null, onError: (message: string) => void): CityState {
  const [cities, setCities] = useState<CityInfo[]>([]);
  const [loaded, setLoaded] = useState<CityData | null>(null);
  useEffect(() => {
    loadCities()
      .then(setCities)
      .catch((e) => onError(String(e)));
  }, [onError]);
  const city = cities.find((c) => c.id === session?.cityId) ?? cities[0];
  useEffect(() => {
    if (!city) return;
    let cancelled = false;
    setLoaded(null);
    loadCityData(city)
      .then((d) => {
        if (!cancelled) setLoaded(d);
      })
      .catch((e) => onError(`${city.id}: ${String(e)}`));
    return () => {
      cancelled = true;
    };
  }, [city, onError]);
  const imported = session && loaded ? session.boundaries?.[loaded.city.id] : undefined;
  const data = useMemo(() => withBoundaries(loaded, imported), [loaded, imported]);
  return { cities, city, loaded, data };
}

/** A city's data with imported county boundaries in place of the embedded ones (the map, analysis, exports follow). */
export function withBoundaries(loaded: CityData | null, imported: ImportedBoundaries | undefined): CityData | null {
  if (!loaded || !imported) return loaded;
  const counties = {
    ...imported.counties,
    source: `imported: ${imported.fileName}`,
    note: "User-imported county boundaries (用户导入的县区边界); county seats estimated inside each polygon where the file has none.",
  };
  return { ...loaded, counties, city: { ...loaded.city, bbox: bboxOfCounties(counties.features) } };
}

/** [west, south, east, north] of county polygons (outer rings). */
export function bboxOfCounties(features: CityData["counties"]["features"]): [number, number, number, number] {
  const b: [number, number, number, number] = [180, 90, -180, -90];
  for (const f of features)
    for (const poly of f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates)
      for (const [x, y] of poly[0]) {
        b[0] = Math.min(b[0], x);
        b[1] = Math.min(b[1], y);
        b[2] = Math.max(b[2], x);
        b[3] = Math.max(b[3], y);
      }
  return b;
}
