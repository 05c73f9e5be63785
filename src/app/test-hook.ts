/**
 * Dispatched on `window` each time the app replaces its test and debugging hook `window.__hfp` (MapView), so that
 * browser tests wait on it instead of polling.
 */
export const HFP_PUBLISHED = "hfp:published";
