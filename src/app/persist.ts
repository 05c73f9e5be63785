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
} as const;

/** Forgets {@link PLACE_PREFS}: a new session starts on the first tab, no county selected, the Suggest form's defaults. */
export function forgetPlace() {
  try {
    const prefix = `hfp:${PLACE_PREFS.county("")}`;
    const keys = Array.from({ length: localStorage.length }, (_, i) => localStorage.key(i) ?? "");
    for (const k of keys)
      if (k === `hfp:${PLACE_PREFS.tab}` || k === `hfp:${PLACE_PREFS.suggestForms}` || k.startsWith(prefix))
        localStorage.removeItem(k);
  } catch {
    // storage disabled: nothing was kept
  }
}
