import type { MultiPolygon, Polygon } from "geojson";
import { useCallback, useEffect, useMemo, useState } from "react";
import type { ChinaIndex } from "../../core";
import { type CityData, type CityInfo, cityInfoFromEntry, loadChinaIndex, loadCities, loadCityData } from "../data";
import { startFirstAnalysis } from "./first-analysis";
import { type ImportedBoundaries, INITIAL_SESSION, type SessionState } from "./session";
import { sessionAtStart } from "./store";

export interface CityState {
  /** The plan cities (geodata/cities.json), known from the start. */
  cities: CityInfo[];
  /** The national index of every city, once asked for ({@link CityState.needIndex}) or preloaded when idle. */
  index: ChinaIndex | null;
  /** Fetches the national index (a picker opened, a saved session on another city); idempotent. */
  needIndex: () => void;
  /** The session's city (undefined until the session is restored and the city is known). */
  city: CityInfo | undefined;
  /** The embedded data of the city, as loaded. */
  loaded: CityData | null;
  /** What the analysis and the map use: the loaded data with the user's imported boundaries, if any. */
  data: CityData | null;
}

/**
 * The session city's data (null while it loads): a plan city from geodata/cities.json, or any other city of the
 * national index, whose chunks are fetched only when it is chosen. Nothing loads before the session is restored,
 * so a reload on another city never fetches the default city first.
 */
export function useCity(session: SessionState | null, onError: (message: string) => void): CityState {
  const [cities, setCities] = useState<CityInfo[]>([]);
  const [index, setIndex] = useState<ChinaIndex | null>(null);
  const [loaded, setLoaded] = useState<CityData | null>(null);
  useEffect(() => {
    loadCities()
      .then(setCities)
      .catch((e) => onError(String(e)));
  }, [onError]);
  const needIndex = useCallback(() => {
    loadChinaIndex()
      .then(setIndex)
      .catch((e) => onError(`geodata/china/index.json: ${String(e)}`));
  }, [onError]);

  const cityId = session?.cityId;
  const planCity = cities.find((c) => c.id === cityId);
  const other = !planCity && cityId !== undefined && cities.length > 0;
  useEffect(() => {
    if (other) needIndex();
  }, [other, needIndex]);
  const restored = session !== null;
  // keyed on the id, not the session: every edit makes a new session object, and a new city object reloads
  const city = useMemo(() => {
    if (!restored || cities.length === 0) return undefined;
    if (planCity) return planCity;
    if (!index) return undefined;
    const entry = index.cities.find((c) => c.id === cityId);
    // a saved id this build does not know: the first plan city
    return entry ? cityInfoFromEntry(entry, index) : cities[0];
  }, [restored, cities, planCity, index, cityId]);

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
  // the last city's data until the effect above clears them: not this city's (the panels would show its rows under
  // the new city's name for a frame)
  const own = loaded && loaded.city.id === city?.id ? loaded : null;
  const imported = session && own ? session.boundaries?.[own.city.id] : undefined;
  const data = useMemo(() => withBoundaries(own, imported), [own, imported]);
  return { cities, index, needIndex, city, loaded, data };
}

/**
 * Whether the app has data for a city id: one of the plan cities, or any city of the national index (fetched for
 * the question if it is not in yet; an index that cannot be read knows no city beyond the plan cities).
 */
export async function knownCity(cities: CityInfo[], id: string): Promise<KnownCity | null> {
  const plan = cities.find((c) => c.id === id);
  if (plan) return { name: plan.name, bbox: plan.bbox };
  const index = await loadChinaIndex().catch(() => null);
  const entry = index?.cities.find((c) => c.id === id);
  return entry ? { name: entry.name, bbox: entry.bbox } : null;
}

/** A city this app has data for: its name and the [w, s, e, n] of its counties (a project's sites are held to it). */
export interface KnownCity {
  name: string;
  bbox: [number, number, number, number];
}
/** A city's data with imported county boundaries in place of the embedded ones (the map, analysis, exports follow). */
export function withBoundaries(loaded: CityData | null, imported: ImportedBoundaries | undefined): CityData | null {
  if (!loaded || !imported) return loaded;
  const counties = {
    ...imported.counties,
    source: `imported: ${imported.fileName}`,
    importedFrom: imported.fileName,
    note: "User-imported county boundaries (用户导入的县区边界); county seats estimated inside each polygon where the file has none.",
  };
  return { ...loaded, counties, city: { ...loaded.city, bbox: bboxOfCounties(counties.features) } };
}

/** [west, south, east, north] of county polygons (outer rings). */
export function bboxOfCounties(features: CityData["counties"]["features"]): [number, number, number, number] {
  return bboxOfPolygons(features.map((f) => f.geometry));
}

/** The [west, south, east, north] box of polygons' outer rings. */
export function bboxOfPolygons(geometries: ReadonlyArray<Polygon | MultiPolygon>): [number, number, number, number] {
  const b: [number, number, number, number] = [180, 90, -180, -90];
  for (const g of geometries)
    for (const poly of g.type === "Polygon" ? [g.coordinates] : g.coordinates)
      for (const [x, y] of poly[0]) {
        b[0] = Math.min(b[0], x);
        b[1] = Math.min(b[1], y);
        b[2] = Math.max(b[2], x);
        b[3] = Math.max(b[3], y);
      }
  return b;
}

/**
 * Starts what the first screen needs: the saved session and, from it, the city's data (the default city when
 * nothing is saved; another city's chunks wait for the national index in {@link useCity}) and the city's first
 * analysis in the worker, which fetches the city's files itself (first-analysis.ts). Resolves once the
 * fetches are under way (reading the session takes a few milliseconds), so the page can be built while they run;
 * started after React's first render they would wait for it and the map's creation.
 */
export async function prefetchFirstCity(): Promise<void> {
  try {
    const [saved, cities] = await Promise.all([sessionAtStart(), loadCities()]);
    const state = saved.state ?? INITIAL_SESSION;
    const city = cities.find((c) => c.id === state.cityId);
    if (city) {
      // the first analysis goes to the worker now, which reads the city's files itself, not after React's first render
      startFirstAnalysis(state, city);
      loadCityData(city).catch(() => {}); // useCity asks again and reports the error
    }
  } catch {
    // useCity reports it
  }
}
