/**
 * Dispatched on `window` each time the app replaces its test and debugging hook `window.__hfp` (MapView), so that
 * browser tests wait on it instead of polling.
 */
export const HFP_PUBLISHED = "hfp:published";

/**
 * Dispatched on `window` when every change handed to the session store is in IndexedDB (state/store.ts,
 * `whenSaved`): a test can reload after it instead of pausing for the debounce.
 */
export const HFP_SAVED = "hfp:saved";

declare global {
  interface Window {
    /** Resolves once every change handed to the session store is in IndexedDB (state/store.ts, `whenSaved`). */
    __hfpWhenSaved?: () => Promise<void>;
  }
}
