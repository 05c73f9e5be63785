import { useEffect, useState } from "react";
import type { Lang } from "../i18n";
import type { AnalysisLayerKey } from "../map/layers";
import { LAYER_KEYS, type LayerKey } from "../map/symbology";
import { loadPref, savePref } from "../persist";

const ALL_VISIBLE = Object.fromEntries(LAYER_KEYS.map((k) => [k, true])) as Record<LayerKey, boolean>;
const ANALYSIS_VISIBLE: Record<AnalysisLayerKey, boolean> = {
  urban: true,
  gaps: true,
  isochrones: true,
  rings: true,
  ring15: false,
};

/** A value kept in localStorage under `key`, restored on start (see persist.ts). */
function usePref<T>(key: string, initial: () => T) {
  const [value, setValue] = useState<T>(initial);
  useEffect(() => savePref(key, value), [key, value]);
  return [value, setValue] as const;
}

/** The reader's preferences: language, which layers show, and the basemap. */
export function usePrefs() {
  const [lang, setLang] = usePref<Lang>("lang", () => loadPref<Lang>("lang", "zh"));
  const [visible, setVisible] = usePref("layers", () => ({ ...ALL_VISIBLE, ...loadPref("layers", {}) }));
  const [overlays, setOverlays] = usePref("overlays", () => ({ ...ANALYSIS_VISIBLE, ...loadPref("overlays", {}) }));
  const [basemapUrl, setBasemapUrl] = usePref("basemap", () => loadPref("basemap", ""));
  const [countiesVisible, setCountiesVisible] = useState(true);
  return {
    lang,
    setLang,
    visible,
    toggleLayer: (key: LayerKey, v: boolean) => setVisible((prev) => ({ ...prev, [key]: v })),
    setAllLayers: (v: boolean) =>
      setVisible(Object.fromEntries(LAYER_KEYS.map((k) => [k, v])) as Record<LayerKey, boolean>),
    overlays,
    toggleOverlay: (key: AnalysisLayerKey, v: boolean) => setOverlays((prev) => ({ ...prev, [key]: v })),
    basemapUrl,
    setBasemapUrl: (url: string) => setBasemapUrl(url.trim()),
    countiesVisible,
    setCountiesVisible,
  };
}

export type Prefs = ReturnType<typeof usePrefs>;
