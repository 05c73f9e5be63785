/**
 * Small UI preferences kept in localStorage (the session's data goes to IndexedDB, see state/store). A stored value
 * that is not valid JSON, or not of the fallback's kind (text, number, yes/no, plain object), or that `valid`
 * refuses, gives the fallback: a damaged preference never breaks the page.
 */
export function loadPref<T>(key: string, fallback: T, valid?: (v: unknown) => boolean): T {
  try {
    const raw = localStorage.getItem(`hfp:${key}`);
    if (raw === null) return fallback;
    const v: unknown = JSON.parse(raw);
    const sameKind =
      typeof v === typeof fallback &&
      (typeof fallback !== "object" ||
        (v !== null && !Array.isArray(v) && fallback !== null && !Array.isArray(fallback)));
    return sameKind && (valid?.(v) ?? true) ? (v as T) : fallback;
  } catch {
    return fallback;
  }
}

export function savePref(key: string, value: unknown) {
  try {
    localStorage.setItem(`hfp:${key}`, JSON.stringify(value));
  } catch {
    // storage full or disabled: preferences simply are not kept
  }
}

/**
 * Where the planner was in the app, kept over a reload beside the work (the session): the tab, each city's selected
 * county and each city's Suggest form. Not the reader's preferences (language, layers, basemap), which stay.
 */
export const PLACE_PREFS = {
  tab: "tab",
  suggestForms: "suggest-forms",
  county: (cityId: string) => `county:${cityId}`,
  /** Each city's map view (centre and zoom) as the planner left it (the planner trial, s42-b #10). */
  view: (cityId: string) => `view:${cityId}`,
  /** The Data tab's export scope (a county code, "" the whole city) per set of judged counties: kept over a reload. */
  exportScope: (key: string) => `export-scope:${key}`,
  /**
   * The coordinate system last chosen for an import (the Data tab says it applies to the tables chosen after): kept
   * over a reload (the user trial, s52 M5: after a reload the next Amap sheet was read as WGS84, 0.5 km off).
   */
  importCrs: "import-crs",
  /** The projected system the Shapefile exports were last written in ("" WGS84; the GIS trial, s55 M4). */
  exportShpCrs: "export-shp-crs",
} as const;

/** A saved map view: [longitude, latitude] and zoom, each finite and in range; anything else is not one. */
export function isSavedView(v: unknown): v is { center: [number, number]; zoom: number } {
  if (typeof v !== "object" || v === null) return false;
  const { center, zoom } = v as { center?: unknown; zoom?: unknown };
  return (
    Array.isArray(center) &&
    center.length === 2 &&
    typeof center[0] === "number" &&
    typeof center[1] === "number" &&
    Math.abs(center[0]) <= 180 &&
    Math.abs(center[1]) <= 90 &&
    typeof zoom === "number" &&
    zoom >= 0 &&
    zoom <= 24
  );
}

/**
 * Forgets {@link PLACE_PREFS}: a new session starts on the first tab, no county selected, the Suggest form's defaults,
 * an import's coordinate system at 自动.
 */
export function forgetPlace() {
  try {
    const prefixes = [
      `hfp:${PLACE_PREFS.county("")}`,
      `hfp:${PLACE_PREFS.view("")}`,
      `hfp:${PLACE_PREFS.exportScope("")}`,
    ];
    const keys = Array.from({ length: localStorage.length }, (_, i) => localStorage.key(i) ?? "");
    for (const k of keys)
      if (
        k === `hfp:${PLACE_PREFS.tab}` ||
        k === `hfp:${PLACE_PREFS.suggestForms}` ||
        k === `hfp:${PLACE_PREFS.importCrs}` ||
        prefixes.some((p) => k.startsWith(p))
      )
        localStorage.removeItem(k);
  } catch {
    // storage disabled: nothing was kept
  }
}
