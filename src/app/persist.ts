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
