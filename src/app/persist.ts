/** Small UI preferences kept in localStorage (the session's data goes to IndexedDB, see session-store). */
export function loadPref<T>(key: string, fallback: T): T {
  try {
    const raw = localStorage.getItem(`hfp:${key}`);
    return raw === null ? fallback : (JSON.parse(raw) as T);
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
