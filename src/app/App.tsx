import type { Feature, FeatureCollection, Point } from "geojson";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { Facility } from "../core/model";
import { LayerPanel } from "./components/LayerPanel";
import { type CityData, type CityInfo, loadCities, loadCityData } from "./data";
import { I18nProvider, type Lang, makeI18n } from "./i18n";
import { MapController } from "./map/controller";
import { COUNTY_FILL, COUNTY_LINE, facilityLayerId, SRC } from "./map/layers";
import { facilityPopup } from "./map/popup";
import { LAYER_KEYS, type LayerKey, layerKeyOf } from "./map/symbology";
import { loadPref, savePref } from "./persist";

declare global {
  interface Window {
    /** Test and debugging hook: the live map and what the app has loaded. */
    __hfp?: { map: MapController["map"]; cityId: string; ready: boolean; facilityCount: number };
  }
}

const ALL_VISIBLE = Object.fromEntries(LAYER_KEYS.map((k) => [k, true])) as Record<LayerKey, boolean>;

function facilityCollection(facilities: Facility[]): FeatureCollection<Point> {
  return {
    type: "FeatureCollection",
    features: facilities.map(
      (f): Feature<Point> => ({
        type: "Feature",
        id: f.id,
        geometry: { type: "Point", coordinates: [f.lon, f.lat] },
        properties: { id: f.id, name: f.name, type: f.type, layer: layerKeyOf(f), proposed: !!f.proposed },
      }),
    ),
  };
}

export function App() {
  const [lang, setLang] = useState<Lang>(() => loadPref<Lang>("lang", "zh"));
  const i18n = useMemo(() => makeI18n(lang), [lang]);
  const { t } = i18n;
  const [cities, setCities] = useState<CityInfo[]>([]);
  const [cityId, setCityId] = useState<string>(() => loadPref("city", "nanyang"));
  const [data, setData] = useState<CityData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [visible, setVisible] = useState<Record<LayerKey, boolean>>(() => ({ ...ALL_VISIBLE, ...loadPref("layers", {}) }));
  const [countiesVisible, setCountiesVisible] = useState(true);
  const [basemapUrl, setBasemapUrl] = useState<string>(() => loadPref("basemap", ""));
  const [basemapDraft, setBasemapDraft] = useState(basemapUrl);
  const [showSettings, setShowSettings] = useState(false);
  const mapDiv = useRef<HTMLDivElement>(null);
  const ctrl = useRef<MapController | null>(null);

  useEffect(() => {
    document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
    document.title = t("appTitle");
    savePref("lang", lang);
  }, [lang, t]);

  useEffect(() => {
    loadCities()
      .then(setCities)
      .catch((e) => setError(String(e)));
  }, []);

  // the map is created once; basemap changes go through setBasemap
  // biome-ignore lint/correctness/useExhaustiveDependencies: created once
  useEffect(() => {
    if (!mapDiv.current) return;
    const c = new MapController(mapDiv.current, basemapUrl || undefined);
    ctrl.current = c;
    return () => {
      c.destroy();
      ctrl.current = null;
    };
  }, []);

  const city = cities.find((c) => c.id === cityId) ?? cities[0];

  useEffect(() => {
    if (!city) return;
    let cancelled = false;
    setData(null);
    loadCityData(city)
      .then((d) => {
        if (!cancelled) setData(d);
      })
      .catch((e) => setError(`${city.id}: ${String(e)}`));
    savePref("city", city.id);
    return () => {
      cancelled = true;
    };
  }, [city]);

  const facilities = data?.facilities ?? [];
  const facilitiesById = useMemo(() => new Map(facilities.map((f) => [f.id, f])), [facilities]);
  const countyNames = useMemo(
    () => new Map((data?.counties.features ?? []).map((f) => [f.properties.code, f.properties.name])),
    [data],
  );
  const counts = useMemo(() => {
    const c = Object.fromEntries(LAYER_KEYS.map((k) => [k, 0])) as Record<LayerKey, number>;
    for (const f of facilities) c[layerKeyOf(f)]++;
    return c;
  }, [facilities]);
  const facilityFc = useMemo(() => facilityCollection(facilities), [facilities]);
  const countyFc = useMemo(() => {
    if (!data) return null;
    const focus = data.city.focusCounty;
    return {
      ...data.counties,
      features: data.counties.features.map((f) => ({ ...f, properties: { ...f.properties, focus: f.properties.code === focus } })),
    };
  }, [data]);

  // push data to the map
  useEffect(() => {
    const c = ctrl.current;
    if (!c || !data || !countyFc) return;
    let cancelled = false;
    (async () => {
      await c.whenLoaded();
      if (cancelled) return;
      await c.setData(SRC.counties, countyFc as FeatureCollection);
      await c.setData(SRC.facilities, facilityFc);
      c.fitBounds(data.city.bbox);
      c.setCountyLabels(
        data.counties.features.map((f) => ({
          text: f.properties.name,
          lngLat: f.properties.seat,
          focus: f.properties.code === data.city.focusCounty,
        })),
      );
      c.map.once("idle", () => {
        window.__hfp = { map: c.map, cityId: data.city.id, ready: true, facilityCount: facilityFc.features.length };
      });
      c.map.triggerRepaint();
    })();
    return () => {
      cancelled = true;
    };
  }, [data, countyFc, facilityFc]);

  // layer visibility
  useEffect(() => {
    const c = ctrl.current;
    if (!c) return;
    for (const key of LAYER_KEYS) c.setLayerVisible(facilityLayerId(key), visible[key]);
    savePref("layers", visible);
  }, [visible]);
  useEffect(() => {
    const c = ctrl.current;
    if (!c) return;
    c.setLayerVisible(COUNTY_FILL, countiesVisible);
    c.setLayerVisible(COUNTY_LINE, countiesVisible);
  }, [countiesVisible]);

  // click popups
  const onFacilityClick = useCallback(
    (id: string, lngLat: [number, number]) => {
      const f = facilitiesById.get(id);
      if (!f || !ctrl.current) return;
      ctrl.current.showPopup(lngLat, facilityPopup(f, i18n, f.county ? countyNames.get(f.county) : undefined));
    },
    [facilitiesById, i18n, countyNames],
  );
  useEffect(() => {
    if (ctrl.current) ctrl.current.handlers = { onFacilityClick };
  }, [onFacilityClick]);

  const applyBasemap = (url: string) => {
    const clean = url.trim();
    setBasemapUrl(clean);
    savePref("basemap", clean);
    ctrl.current?.setBasemap(clean || undefined);
  };

  return (
    <I18nProvider lang={lang}>
      <div className="app">
        <header className="app-header">
          <div className="titles">
            <h1>{t("appTitle")}</h1>
            <span className="subtitle">{t("appSubtitle")}</span>
          </div>
          <label className="city-picker">
            {t("city")}
            <select data-testid="city-picker" value={city?.id ?? ""} onChange={(e) => setCityId(e.target.value)}>
              {cities.map((c) => (
                <option key={c.id} value={c.id}>
                  {lang === "zh" ? `${c.name}（${c.province}）` : `${c.nameEn} (${c.name})`}
                </option>
              ))}
            </select>
          </label>
          <div className="header-buttons">
            <button
              type="button"
              data-testid="lang-toggle"
              onClick={() => setLang(lang === "zh" ? "en" : "zh")}
              aria-label={t("language")}
            >
              {lang === "zh" ? "English" : "中文"}
            </button>
            <button type="button" data-testid="settings-toggle" onClick={() => setShowSettings(!showSettings)}>
              {t("settings")}
            </button>
          </div>
        </header>
        {showSettings && (
          <div className="settings" data-testid="settings">
            <label>
              {t("basemapUrl")}
              <input
                type="url"
                value={basemapDraft}
                placeholder="https://tile.example.org/{z}/{x}/{y}.png"
                onChange={(e) => setBasemapDraft(e.target.value)}
              />
            </label>
            <p className="hint">{t("basemapHint")}</p>
            <button type="button" onClick={() => applyBasemap(basemapDraft)}>
              {t("apply")}
            </button>
            <button
              type="button"
              onClick={() => {
                setBasemapDraft("");
                applyBasemap("");
              }}
            >
              {t("clear")}
            </button>
          </div>
        )}
        <main className="app-main">
          <aside className="sidebar">
            <LayerPanel
              counts={counts}
              visible={visible}
              countiesVisible={countiesVisible}
              countyCount={data?.counties.features.length ?? 0}
              onToggle={(key, v) => setVisible((prev) => ({ ...prev, [key]: v }))}
              onToggleCounties={setCountiesVisible}
              onAll={(v) => setVisible(Object.fromEntries(LAYER_KEYS.map((k) => [k, v])) as Record<LayerKey, boolean>)}
            />
            {data && (
              <section className="panel sources">
                <h2>{t("boundarySource")}</h2>
                <p>{data.counties.source}</p>
                <p className="hint">{data.counties.note}</p>
              </section>
            )}
          </aside>
          <div className="map-wrap">
            <div ref={mapDiv} className="map" data-testid="map" />
            {!data && !error && <div className="map-loading">{t("loading")}</div>}
            {error && (
              <div className="map-error" role="alert">
                {error}
              </div>
            )}
            {data?.scenario.invented && (
              <div className="sample-notice" data-testid="sample-notice" role="note">
                {t("sampleNotice")}
              </div>
            )}
          </div>
        </main>
      </div>
    </I18nProvider>
  );
}
