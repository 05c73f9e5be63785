import { proxy } from "comlink";
import type { Feature, FeatureCollection, Point } from "geojson";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type {
  AnalysisReport,
  ColumnMapping,
  CoverageWork,
  CrsId,
  RowIssue,
  SitingResult,
  TypeOverrides,
} from "../core";
import {
  type CountyPopulation,
  FACILITY_TYPE_LABELS,
  type Facility,
  type FacilityType,
  paramSpec,
  parseProject,
  serializeProject,
} from "../core";
import { DataPanel, type ExportKind, type PendingImport } from "./components/DataPanel";
import { LayerPanel } from "./components/LayerPanel";
import { PlanPanel } from "./components/PlanPanel";
import { ReviewPanel, type Violation } from "./components/ReviewPanel";
import { type SuggestForm, SuggestPanel } from "./components/SuggestPanel";
import { type CityData, type CityInfo, loadCities, loadCityData } from "./data";
import { mapLegend, runExport } from "./export-actions";
import { download } from "./exports";
import { I18nProvider, type Lang, makeI18n } from "./i18n";
import { MapController } from "./map/controller";
import { ANALYSIS_LAYERS, type AnalysisLayerKey, COUNTY_FILL, COUNTY_LINE, facilityLayerId, SRC } from "./map/layers";
import { facilityPopup } from "./map/popup";
import { LAYER_KEYS, type LayerKey, layerKeyOf } from "./map/symbology";
import { loadPref, savePref } from "./persist";
import { RULE_SETS, ruleSetById } from "./rulesets";
import { analysisWorker } from "./state/analysis-client";
import { commit, commitFrom, type History, initHistory, redo, replace, undo } from "./state/history";
import {
  type ImportedBoundaries,
  INITIAL_SESSION,
  newProposedId,
  reduceSession,
  type SessionAction,
  type SessionState,
} from "./state/session";
import { flushSession, loadSession, saveSessionSoon } from "./state/store";
import { useAnalysis } from "./state/use-analysis";

declare global {
  interface Window {
    /** Test and debugging hook: the live map and what the app has loaded and computed. */
    __hfp?: {
      map: MapController["map"];
      cityId: string;
      ready: boolean;
      facilityCount: number;
      analysisSeq: number;
      report: AnalysisReport | null;
      /** Grids built, masks rasterised and site discs painted by the worker's session so far. */
      work: CoverageWork | null;
    };
  }
}

const ALL_VISIBLE = Object.fromEntries(LAYER_KEYS.map((k) => [k, true])) as Record<LayerKey, boolean>;
const ANALYSIS_VISIBLE: Record<AnalysisLayerKey, boolean> = { urban: true, gaps: true, rings: true, ring15: false };
const EMPTY_FC: FeatureCollection = { type: "FeatureCollection", features: [] };
const NO_FACILITIES: Facility[] = [];
const NO_POPULATION: CountyPopulation[] = [];
type Tab = "review" | "plan" | "suggest" | "data";

function facilityCollection(facilities: Facility[], status: Map<string, string>): FeatureCollection<Point> {
  return {
    type: "FeatureCollection",
    features: facilities.map(
      (f): Feature<Point> => ({
        type: "Feature",
        id: f.id,
        geometry: { type: "Point", coordinates: [f.lon, f.lat] },
        properties: {
          id: f.id,
          name: f.name,
          type: f.type,
          layer: layerKeyOf(f),
          proposed: !!f.proposed,
          status: status.get(f.id) ?? "not-checked",
        },
      }),
    ),
  };
}

/** Facility types that some rule of the set checks (their facilities get "passes" unless they violate). */
function checkedTypes(ruleSetId: string): Set<FacilityType> {
  return new Set(ruleSetById(ruleSetId).rules.flatMap((r) => r.appliesTo));
}

export function App() {
  const [lang, setLang] = useState<Lang>(() => loadPref<Lang>("lang", "zh", (v) => v === "zh" || v === "en"));
  const i18n = useMemo(() => makeI18n(lang), [lang]);
  const { t, pick } = i18n;
  const zh = lang === "zh";
  const [cities, setCities] = useState<CityInfo[]>([]);
  const [history, setHistory] = useState<History<SessionState> | null>(null);
  const session = history?.present ?? null;
  const [loaded, setLoaded] = useState<CityData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [visible, setVisible] = useState<Record<LayerKey, boolean>>(() => ({
    ...ALL_VISIBLE,
    ...loadPref("layers", {}),
  }));
  const [overlays, setOverlays] = useState<Record<AnalysisLayerKey, boolean>>(() => ({
    ...ANALYSIS_VISIBLE,
    ...loadPref("overlays", {}),
  }));
  const [countiesVisible, setCountiesVisible] = useState(true);
  const [basemapUrl, setBasemapUrl] = useState<string>(() => loadPref("basemap", ""));
  const [basemapDraft, setBasemapDraft] = useState(basemapUrl);
  const [showSettings, setShowSettings] = useState(false);
  const [tab, setTab] = useState<Tab>("review");
  const [selectedCounty, setSelectedCounty] = useState<string | null>(null);
  const [selectedViolation, setSelectedViolation] = useState<number | null>(null);
  const [addType, setAddType] = useState<FacilityType | null>(null);
  const [pending, setPending] = useState<PendingImport | null>(null);
  const [importing, setImporting] = useState<{ done: number; total: number } | null>(null);
  const [populationIssues, setPopulationIssues] = useState<RowIssue[]>([]);
  const [boundaryIssues, setBoundaryIssues] = useState<RowIssue[]>([]);
  const [demandIssues, setDemandIssues] = useState<RowIssue[]>([]);
  const [candidates, setCandidates] = useState<{
    fileName: string;
    list: Array<{ id: string; lon: number; lat: number; attrs: { name: string } }>;
  } | null>(null);
  const [projectErrors, setProjectErrors] = useState<RowIssue[]>([]);
  const [toast, setToast] = useState<string | null>(null);
  /** Why the saved session could not be loaded (it was set aside), until the user closes the message. */
  const [sessionSetAside, setSessionSetAside] = useState<RowIssue[] | null>(null);
  /** Parameter values of the saved session set aside (outside their rule set's ranges), until the message is closed. */
  const [paramsSetAside, setParamsSetAside] = useState<RowIssue[] | null>(null);
  const [suggestRunning, setSuggestRunning] = useState<string | null>(null);
  const [suggestResult, setSuggestResult] = useState<{
    form: SuggestForm;
    result: SitingResult & { capNote?: { zh: string; en: string } };
    weighted: boolean;
  } | null>(null);
  const [centralResult, setCentralResult] = useState<{
    county: string;
    result: SitingResult;
    names: Map<string, string>;
  } | null>(null);
  const [suggestError, setSuggestError] = useState<string | null>(null);
  const mapDiv = useRef<HTMLDivElement>(null);
  const ctrl = useRef<MapController | null>(null);
  const historyRef = useRef(history);
  historyRef.current = history;
  const dragStart = useRef<SessionState | null>(null);

  // ---------- session: restore, save, update ----------
  useEffect(() => {
    loadSession().then(({ state, setAside, paramsSetAside }) => {
      setHistory(initHistory(state ? { ...INITIAL_SESSION, ...state } : INITIAL_SESSION));
      if (setAside) setSessionSetAside(setAside);
      if (paramsSetAside) setParamsSetAside(paramsSetAside);
    });
    const onHide = () => void flushSession();
    window.addEventListener("pagehide", onHide);
    return () => window.removeEventListener("pagehide", onHide);
  }, []);
  useEffect(() => {
    if (session) saveSessionSoon(session);
  }, [session]);

  const dispatch = useCallback((action: SessionAction, mode: "commit" | "replace" = "commit") => {
    setHistory((h) => {
      if (!h) return h;
      const next = reduceSession(h.present, action);
      return mode === "commit" ? commit(h, next) : replace(h, next);
    });
  }, []);

  useEffect(() => {
    document.documentElement.lang = zh ? "zh-CN" : "en";
    document.title = t("appTitle");
    savePref("lang", lang);
  }, [lang, t, zh]);

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

  const city = cities.find((c) => c.id === session?.cityId) ?? cities[0];

  useEffect(() => {
    if (!city) return;
    let cancelled = false;
    setLoaded(null);
    setSelectedCounty(null);
    setSelectedViolation(null);
    loadCityData(city)
      .then((d) => {
        if (!cancelled) setLoaded(d);
      })
      .catch((e) => setError(`${city.id}: ${String(e)}`));
    return () => {
      cancelled = true;
    };
  }, [city]);

  const importedDemand = session && loaded ? session.demand?.[loaded.city.id] : undefined;
  // imported boundaries replace the embedded counties of this city (the map, the analysis and the exports follow)
  const importedBoundaries = session && loaded ? session.boundaries?.[loaded.city.id] : undefined;
  const data = useMemo((): CityData | null => {
    if (!loaded || !importedBoundaries) return loaded;
    const counties = {
      ...importedBoundaries.counties,
      source: `imported: ${importedBoundaries.fileName}`,
      note: "User-imported county boundaries (用户导入的县区边界); county seats estimated inside each polygon where the file has none.",
    };
    return { ...loaded, counties, city: { ...loaded.city, bbox: bboxOfCounties(counties.features) } };
  }, [loaded, importedBoundaries]);

  // ---------- inputs of the analysis ----------
  const dataset = session && data ? session.datasets[data.city.id] : undefined;
  const baseFacilities = useMemo(() => dataset?.facilities ?? data?.facilities ?? [], [dataset, data]);
  // memoised on the session's own slices, so that a parameter change does not look like a new facility list or a
  // new population (which would re-send every facility or reload the analysis)
  const sessionProposed = session?.proposed;
  const sessionPopulation = session?.population;
  const proposed = useMemo(
    () => (sessionProposed && data ? (sessionProposed[data.city.id] ?? NO_FACILITIES) : NO_FACILITIES),
    [sessionProposed, data],
  );
  const facilities = useMemo(() => [...baseFacilities, ...proposed], [baseFacilities, proposed]);
  const ruleSetId = session?.ruleSetId ?? "default";
  const ruleSet = ruleSetById(ruleSetId);
  const paramOverrides = session?.params;
  const paramSpecs = useMemo(() => paramSpec(ruleSet), [ruleSet]);
  const population = useMemo(
    () => (sessionPopulation && data ? (sessionPopulation[data.city.id] ?? NO_POPULATION) : NO_POPULATION),
    [sessionPopulation, data],
  );

  const isDragging = useCallback(() => dragStart.current !== null, []);
  const { analysis, baseline, busy, seq, moveLive } = useAnalysis({
    data,
    baseFacilities,
    facilities,
    ruleSet,
    paramOverrides,
    population,
    demand: importedDemand?.points,
    isDragging,
    onError: setError,
  });

  const report = analysis?.report ?? null;

  // ---------- map data ----------
  const status = useMemo(() => {
    const m = new Map<string, string>();
    if (!report) return m;
    const checked = checkedTypes(ruleSetId);
    for (const f of facilities) if (checked.has(f.type)) m.set(f.id, "passes");
    for (const v of report.violations) if (v.facilityId && v.severity !== "review") m.set(v.facilityId, "violates");
    return m;
  }, [report, facilities, ruleSetId]);
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
  const facilityFc = useMemo(() => facilityCollection(facilities, status), [facilities, status]);
  const countyFc = useMemo(() => {
    if (!data) return null;
    const focus = data.city.focusCounty;
    // counties are tinted by the EMS radius checks (the map's subject); every other check is in the table
    const radius = (c: AnalysisReport["counties"][number]) =>
      c.checks.filter((k) => k.rule === "EMS-RURAL" || k.rule === "EMS-URBAN");
    const fails = new Map(
      (report?.counties ?? [])
        .filter((c) => radius(c).some((k) => k.status === "pass" || k.status === "fail"))
        .map((c) => [c.code, radius(c).some((k) => k.status === "fail")]),
    );
    return {
      ...data.counties,
      features: data.counties.features.map((f) => ({
        ...f,
        properties: {
          ...f.properties,
          focus: f.properties.code === focus,
          status: fails.has(f.properties.code) ? (fails.get(f.properties.code) ? "fail" : "pass") : "none",
        },
      })),
    } as FeatureCollection;
  }, [data, report]);

  useEffect(() => {
    const c = ctrl.current;
    if (!c || !data || !countyFc) return;
    let cancelled = false;
    (async () => {
      await c.whenLoaded();
      if (cancelled) return;
      await c.setData(SRC.counties, countyFc);
    })();
    return () => {
      cancelled = true;
    };
  }, [data, countyFc]);

  useEffect(() => {
    ctrl.current?.setData(SRC.facilities, facilityFc, { incremental: true });
  }, [facilityFc]);

  useEffect(() => {
    const c = ctrl.current;
    if (!c) return;
    c.setData(SRC.gaps, report ? { type: "FeatureCollection", features: report.gaps } : EMPTY_FC);
    c.setData(
      SRC.urban,
      report ? ({ type: "FeatureCollection", features: report.urbanAreas } as FeatureCollection) : EMPTY_FC,
    );
    c.setData(SRC.rings, analysis ? { type: "FeatureCollection", features: analysis.rings } : EMPTY_FC);
    c.setData(SRC.ring15, analysis ? { type: "FeatureCollection", features: analysis.ring15 } : EMPTY_FC);
  }, [analysis, report]);

  // fit and label once per city
  useEffect(() => {
    const c = ctrl.current;
    if (!c || !data) return;
    c.whenLoaded().then(() => {
      c.fitBounds(data.city.bbox);
      c.setCountyLabels(
        data.counties.features.map((f) => ({
          text: f.properties.name,
          lngLat: f.properties.seat,
          focus: f.properties.code === data.city.focusCounty,
        })),
      );
    });
  }, [data]);

  // the test hook: ready once the analysis of the current data is drawn
  useEffect(() => {
    const c = ctrl.current;
    if (!c || !data) return;
    const publish = () => {
      window.__hfp = {
        map: c.map,
        cityId: data.city.id,
        ready: !!report && !busy,
        facilityCount: facilityFc.features.length,
        analysisSeq: seq,
        report,
        work: analysis?.work ?? null,
      };
    };
    if (c.map.loaded() && !c.map.isMoving()) publish();
    c.map.once("idle", publish);
    c.map.triggerRepaint();
  }, [data, report, busy, facilityFc, seq, analysis]);

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
    for (const key of Object.keys(ANALYSIS_LAYERS) as AnalysisLayerKey[]) {
      for (const id of ANALYSIS_LAYERS[key]) c.setLayerVisible(id, overlays[key]);
    }
    savePref("overlays", overlays);
  }, [overlays]);
  useEffect(() => {
    const c = ctrl.current;
    if (!c) return;
    c.setLayerVisible(COUNTY_FILL, countiesVisible);
    c.setLayerVisible(COUNTY_LINE, countiesVisible);
  }, [countiesVisible]);
  useEffect(() => {
    ctrl.current?.highlightCounty(selectedCounty);
  }, [selectedCounty]);

  // ---------- map interaction: popups, adding, dragging ----------
  const onFacilityClick = useCallback(
    (id: string, lngLat: [number, number]) => {
      const f = facilitiesById.get(id);
      if (!f || !ctrl.current) return;
      const el = facilityPopup(f, i18n, f.county ? countyNames.get(f.county) : undefined);
      const vs = (report?.violations ?? []).filter((v) => v.facilityId === id);
      for (const v of vs) {
        const p = document.createElement("p");
        p.className = "popup-violation";
        p.textContent = `${v.rule}: ${pick(v.message)}`;
        el.append(p);
      }
      const st = status.get(id);
      if (st) {
        const p = document.createElement("p");
        p.className = `popup-status ${st}`;
        p.textContent =
          st === "violates"
            ? zh
              ? "状态：违反规则"
              : "Status: violates a rule"
            : zh
              ? "状态：符合已核查规则"
              : "Status: passes the checked rules";
        el.append(p);
      }
      ctrl.current.showPopup(lngLat, el);
    },
    [facilitiesById, i18n, countyNames, report, status, pick, zh],
  );
  const onMapClick = useCallback(
    (lngLat: [number, number]) => {
      if (!addType || !historyRef.current) return;
      const list = historyRef.current.present.proposed[historyRef.current.present.cityId] ?? [];
      const id = newProposedId(list);
      const label = FACILITY_TYPE_LABELS[addType];
      dispatch({
        type: "addProposed",
        facility: {
          id,
          name: `${zh ? "规划" : "Proposed "}${pick(label)} ${id}`,
          type: addType,
          lon: Number(lngLat[0].toFixed(6)),
          lat: Number(lngLat[1].toFixed(6)),
          ownership: "public",
          proposed: true,
        },
      });
    },
    [addType, dispatch, pick, zh],
  );
  const onDrag = useCallback(
    (id: string, lngLat: [number, number]) => {
      const h = historyRef.current;
      if (!h) return;
      if (!dragStart.current) dragStart.current = h.present;
      dispatch({ type: "moveProposed", id, lon: lngLat[0], lat: lngLat[1] }, "replace");
      moveLive(id, lngLat[0], lngLat[1]);
    },
    [dispatch, moveLive],
  );
  // parameters: a slider drag is applied live and recorded as one undo step when it ends
  const paramGesture = useRef<SessionState | null>(null);
  const onParams = useCallback(
    (patch: Partial<SessionState["params"]>, live = false) => {
      if (!live) {
        dispatch({ type: "params", patch });
        return;
      }
      if (!paramGesture.current && historyRef.current) paramGesture.current = historyRef.current.present;
      dispatch({ type: "params", patch }, "replace");
    },
    [dispatch],
  );
  const onParamsEnd = useCallback(() => {
    const start = paramGesture.current;
    paramGesture.current = null;
    if (start) setHistory((h) => (h ? commitFrom(h, start) : h));
  }, []);
  const onDrop = useCallback((id: string, lngLat: [number, number]) => {
    const start = dragStart.current;
    if (!start) return;
    setHistory((h) => {
      if (!h) return h;
      const moved = reduceSession(h.present, {
        type: "moveProposed",
        id,
        lon: Number(lngLat[0].toFixed(6)),
        lat: Number(lngLat[1].toFixed(6)),
      });
      return { past: [...h.past, start], present: moved, future: [] };
    });
    dragStart.current = null;
  }, []);
  useEffect(() => {
    if (!ctrl.current) return;
    ctrl.current.handlers = { onFacilityClick, onMapClick: addType ? onMapClick : undefined, onDrag, onDrop };
    ctrl.current.map.getCanvas().style.cursor = addType ? "crosshair" : "";
  }, [onFacilityClick, onMapClick, onDrag, onDrop, addType]);

  // keyboard: undo / redo, Esc leaves add mode
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target && (target.tagName === "INPUT" || target.tagName === "SELECT" || target.tagName === "TEXTAREA"))
        return;
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "z") {
        e.preventDefault();
        setHistory((h) => (h ? (e.shiftKey ? redo(h) : undo(h)) : h));
      } else if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "y") {
        e.preventDefault();
        setHistory((h) => (h ? redo(h) : h));
      } else if (e.key === "Escape") setAddType(null);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  // ---------- selection ----------
  const selectCounty = (code: string) => {
    setSelectedCounty(code);
    const f = data?.counties.features.find((x) => x.properties.code === code);
    if (!f || !ctrl.current) return;
    ctrl.current.fitBounds(bboxOfCounties([f]), true);
  };
  const selectViolation = (index: number, v: Violation) => {
    setSelectedViolation(index);
    const c = ctrl.current;
    if (!c) return;
    if (v.lon !== undefined && v.lat !== undefined) {
      c.setData(SRC.violations, {
        type: "FeatureCollection",
        features: [
          { type: "Feature", geometry: { type: "Point", coordinates: [v.lon, v.lat] }, properties: { rule: v.rule } },
        ],
      });
      c.flyTo([v.lon, v.lat], 11);
      setSelectedCounty(v.county);
    } else {
      c.setData(SRC.violations, EMPTY_FC);
      selectCounty(v.county);
    }
  };

  // ---------- import / export / project ----------
  const countyRefs = useMemo(
    () => (data?.counties.features ?? []).map((f) => ({ code: f.properties.code, name: f.properties.name })),
    [data],
  );
  const parseFile = async (
    fileName: string,
    bytes: Uint8Array,
    crs: CrsId | undefined,
    mapping?: Partial<ColumnMapping>,
    typeOverrides?: TypeOverrides,
  ) => {
    setImporting({ done: 0, total: 0 });
    try {
      const w = analysisWorker();
      const [result, headers] = await Promise.all([
        w.parseFacilities(
          bytes,
          fileName,
          { crs, mapping, typeOverrides, counties: countyRefs, boundaries: data?.counties as never },
          proxy((done: number, total: number) => setImporting({ done, total })),
        ),
        w.fileHeaders(bytes, fileName).catch(() => [] as string[]),
      ]);
      setPending({ fileName, bytes, result, headers, crs, typeOverrides });
    } catch (e) {
      setError(`${fileName}: ${String(e)}`);
    } finally {
      setImporting(null);
    }
  };
  const applyImport = (drop: Set<number>) => {
    if (!pending) return;
    const kept = pending.result.facilities.filter((_, i) => !drop.has(pending.result.rows[i]));
    dispatch({
      type: "importDataset",
      dataset: {
        fileName: pending.fileName,
        importedAt: new Date().toISOString(),
        facilities: kept.map((f) => ({ ...f, invented: false })),
      },
    });
    setPending(null);
    setTab("review");
  };
  const onBoundariesFile = async (file: File) => {
    if (!loaded) return;
    try {
      const r = await analysisWorker().parseBoundaries(
        new Uint8Array(await file.arrayBuffer()),
        file.name,
        loaded.city.id,
      );
      setBoundaryIssues(r.issues);
      if (r.counties.features.length > 0)
        dispatch({ type: "importBoundaries", boundaries: { fileName: file.name, counties: r.counties } });
    } catch (e) {
      setError(`${file.name}: ${String(e)}`);
    }
  };
  const onDemandFile = async (file: File) => {
    try {
      const r = await analysisWorker().parseDemand(new Uint8Array(await file.arrayBuffer()), file.name);
      setDemandIssues(r.issues);
      if (r.points.length > 0) dispatch({ type: "importDemand", demand: { fileName: file.name, points: r.points } });
    } catch (e) {
      setError(`${file.name}: ${String(e)}`);
    }
  };
  const onCandidatesFile = async (file: File) => {
    try {
      const r = await analysisWorker().parseFacilities(new Uint8Array(await file.arrayBuffer()), file.name, {
        counties: countyRefs,
      });
      setSuggestError(
        r.rejectedRows
          ? `${file.name}: ${r.rejectedRows} ${zh ? "行被拒收（见数据页导入说明）" : "rows rejected"}`
          : null,
      );
      setCandidates({
        fileName: file.name,
        list: r.facilities.map((f) => ({ id: f.id, lon: f.lon, lat: f.lat, attrs: { name: f.name } })),
      });
    } catch (e) {
      setError(`${file.name}: ${String(e)}`);
    }
  };
  const onPopulationFile = async (file: File) => {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const r = await analysisWorker().parsePopulationTable(bytes, file.name, { counties: countyRefs });
    setPopulationIssues(r.issues);
    if (r.population.length) dispatch({ type: "population", rows: r.population as CountyPopulation[] });
  };
  const stamp = () => `${data?.city.id ?? "city"}-${new Date().toISOString().slice(0, 10)}`;
  const onExport = (kind: ExportKind) => {
    if (!analysis || !data) return;
    runExport(kind, {
      analysis,
      data,
      facilities,
      datasetName: dataset?.fileName ?? null,
      ruleSet,
      countyNames,
      legend: mapLegend(visible, counts, overlays, pick),
      map: ctrl.current?.map ?? null,
      i18n,
      sampleNotice: t("sampleNotice"),
    }).catch((e) => setError(`${kind}: ${String(e)}`));
  };
  const onSaveProject = () => {
    if (!session || !data) return;
    const text = serializeProject({
      city: data.city.id,
      ruleSetId,
      params: session.params,
      facilities: dataset?.facilities ?? [],
      proposed,
      population,
      ...(importedBoundaries ? { boundaries: importedBoundaries.counties } : {}),
      ...(importedDemand ? { demand: importedDemand } : {}),
    });
    download(`project-${stamp()}.hfp.json`, text, "application/json");
  };
  const onOpenProject = async (file: File) => {
    const r = parseProject(await file.text(), file.name, ruleSetById);
    if (!r.ok) {
      setProjectErrors(r.errors);
      return;
    }
    const p = r.project;
    if (!cities.some((c) => c.id === p.city)) {
      setProjectErrors([
        {
          file: file.name,
          row: 0,
          field: "city",
          value: p.city,
          severity: "error",
          code: "unknown-city",
          message: { zh: `城市“${p.city}”不在本程序的数据中`, en: `city "${p.city}" is not among this program's data` },
        },
      ]);
      return;
    }
    // parameter values outside the rule set's ranges were set aside: listed like any other file issue
    setProjectErrors(r.warnings);
    const prev = historyRef.current?.present ?? INITIAL_SESSION;
    dispatch({
      type: "load",
      state: {
        ...prev,
        cityId: p.city,
        ruleSetId: RULE_SETS.some((x) => x.id === p.ruleSetId) ? p.ruleSetId : "default",
        params: p.params,
        datasets: {
          ...prev.datasets,
          [p.city]: p.facilities.length
            ? { fileName: file.name, importedAt: p.savedAt, facilities: p.facilities }
            : undefined,
        },
        proposed: { ...prev.proposed, [p.city]: p.proposed },
        population: { ...prev.population, [p.city]: p.population ?? [] },
        demand: { ...prev.demand, [p.city]: p.demand },
        boundaries: {
          ...prev.boundaries,
          [p.city]: p.boundaries
            ? { fileName: file.name, counties: p.boundaries as ImportedBoundaries["counties"] }
            : undefined,
        },
      },
    });
    const n = r.warnings.length;
    setToast(
      zh
        ? `已打开项目 ${file.name}${n ? `（${n} 个参数超出范围，已搁置，见“数据”页）` : ""}`
        : `Opened project ${file.name}${n ? ` (${n} parameters out of range set aside; see the Data tab)` : ""}`,
    );
  };

  // ---------- site suggestions ----------
  const showPoints = (pts: Array<[number, number]>) => {
    const c = ctrl.current;
    if (!c || pts.length === 0) return;
    c.setData(SRC.violations, {
      type: "FeatureCollection",
      features: pts.map((p) => ({ type: "Feature", geometry: { type: "Point", coordinates: p }, properties: {} })),
    });
    const xs = pts.map((p) => p[0]);
    const ys = pts.map((p) => p[1]);
    c.fitBounds([Math.min(...xs) - 0.15, Math.min(...ys) - 0.12, Math.max(...xs) + 0.15, Math.max(...ys) + 0.12], true);
  };
  const runSuggest = async (form: SuggestForm) => {
    setSuggestRunning("sites");
    setSuggestError(null);
    try {
      const result = await analysisWorker().suggestSites({
        county: form.county,
        type: form.type,
        radiusKm: form.radiusKm,
        objective:
          form.mode === "mclp"
            ? { kind: "mclp", k: form.k }
            : { kind: "lscp", targetShare: Math.min(1, form.targetPct / 100) },
        gridKm: form.gridKm,
        minSeparationKm: form.minSeparationKm > 0 ? form.minSeparationKm : undefined,
        ...(candidates
          ? { candidates: candidates.list }
          : form.candidateSource !== "grid"
            ? { candidatesType: form.candidateSource }
            : {}),
        method: form.method,
        timeLimitSec: 20,
      });
      setSuggestResult({ form, result, weighted: !!importedDemand?.points.length });
      showPoints(result.sites.map((x) => [x.lon, x.lat]));
    } catch (e) {
      setSuggestError(String(e));
    } finally {
      setSuggestRunning(null);
    }
  };
  const runCentral = async (county: string, radiusKm: number) => {
    setSuggestRunning("central");
    setSuggestError(null);
    try {
      const result = await analysisWorker().suggestCentralThcs(county, radiusKm);
      setCentralResult({ county, result, names: new Map(facilities.map((f) => [f.id, f.name])) });
      showPoints(result.sites.map((x) => [x.lon, x.lat]));
    } catch (e) {
      setSuggestError(String(e));
    } finally {
      setSuggestRunning(null);
    }
  };
  const acceptSuggestions = () => {
    if (!suggestResult || !session) return;
    const list = [...(session.proposed[session.cityId] ?? [])];
    const added: Facility[] = [];
    for (const site of suggestResult.result.sites) {
      const id = newProposedId([...list, ...added]);
      added.push({
        id,
        name: `${zh ? "建议" : "Suggested "}${pick(FACILITY_TYPE_LABELS[suggestResult.form.type])} ${id}`,
        type: suggestResult.form.type,
        lon: Number(site.lon.toFixed(6)),
        lat: Number(site.lat.toFixed(6)),
        county: suggestResult.form.county,
        ownership: "public",
        proposed: true,
      });
    }
    dispatch({ type: "acceptMany", facilities: added });
    setSuggestResult(null);
    setToast(zh ? `已采纳 ${added.length} 个建议站点` : `Accepted ${added.length} suggested sites`);
  };

  const applyBasemap = (url: string) => {
    const clean = url.trim();
    setBasemapUrl(clean);
    savePref("basemap", clean);
    ctrl.current?.setBasemap(clean || undefined);
  };

  useEffect(() => {
    if (!toast) return;
    const id = setTimeout(() => setToast(null), 4000);
    return () => clearTimeout(id);
  }, [toast]);

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
            <select
              data-testid="city-picker"
              value={city?.id ?? ""}
              onChange={(e) => dispatch({ type: "city", cityId: e.target.value })}
            >
              {cities.map((c) => (
                <option key={c.id} value={c.id}>
                  {zh ? `${c.name}（${c.province}）` : `${c.nameEn} (${c.name})`}
                </option>
              ))}
            </select>
          </label>
          <div className="header-buttons">
            <button
              type="button"
              data-testid="lang-toggle"
              onClick={() => setLang(zh ? "en" : "zh")}
              aria-label={t("language")}
            >
              {zh ? "English" : "中文"}
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
              overlays={overlays}
              onToggleOverlay={(k, v) => setOverlays((prev) => ({ ...prev, [k]: v }))}
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
            <div ref={mapDiv} className={`map ${addType ? "adding" : ""}`} data-testid="map" />
            {(!data || (busy && !analysis)) && !error && <div className="map-loading">{t("loading")}</div>}
            {error && (
              <div className="map-error" role="alert">
                {error}{" "}
                <button type="button" onClick={() => setError(null)}>
                  {t("close")}
                </button>
              </div>
            )}
            {sessionSetAside && (
              <div className="map-error" role="alert" data-testid="session-set-aside">
                {zh
                  ? `上次保存的工作无法读取（${sessionSetAside[0]?.message.zh ?? "格式不符"}），已另存备查，现从头开始。`
                  : `The work saved last time could not be read (${sessionSetAside[0]?.message.en ?? "wrong format"}); it was set aside and the app starts afresh.`}{" "}
                <button type="button" onClick={() => setSessionSetAside(null)}>
                  {t("close")}
                </button>
              </div>
            )}
            {paramsSetAside && (
              <div className="map-error" role="alert" data-testid="params-set-aside">
                {zh
                  ? `上次保存的工作中有参数超出范围：${paramsSetAside.map((i) => i.message.zh).join("；")}`
                  : `A parameter of the work saved last time was out of range: ${paramsSetAside.map((i) => i.message.en).join("; ")}`}{" "}
                <button type="button" onClick={() => setParamsSetAside(null)}>
                  {t("close")}
                </button>
              </div>
            )}
            {toast && (
              <div className="toast" role="status">
                {toast}
              </div>
            )}
            {addType && (
              <div className="add-banner" role="status">
                {zh
                  ? `点击地图放置「${pick(FACILITY_TYPE_LABELS[addType])}」，按 Esc 结束`
                  : `Click the map to place a ${pick(FACILITY_TYPE_LABELS[addType])}; Esc to stop`}
              </div>
            )}
            <div className="sample-notice" data-testid="sample-notice" role="note">
              {dataset ? `${zh ? "数据：" : "Data: "}${dataset.fileName}` : t("sampleNotice")}
            </div>
          </div>
          <aside className="analysis">
            <div className="tabs" role="tablist">
              {(["review", "plan", "suggest", "data"] as Tab[]).map((k) => (
                <button
                  key={k}
                  type="button"
                  role="tab"
                  aria-selected={tab === k}
                  className={tab === k ? "active" : ""}
                  data-testid={`tab-${k}`}
                  onClick={() => setTab(k)}
                >
                  {
                    {
                      review: zh ? "核查" : "Review",
                      plan: zh ? "规划" : "Plan",
                      suggest: zh ? "选址" : "Suggest",
                      data: zh ? "数据" : "Data",
                    }[k]
                  }
                </button>
              ))}
              {busy && <span className="spinner" role="status" aria-label={zh ? "计算中" : "computing"} />}
            </div>
            <div className="tab-body">
              {tab === "review" && (
                <ReviewPanel
                  report={report}
                  baseline={baseline}
                  ruleSet={ruleSet}
                  onRuleSet={(id) => dispatch({ type: "ruleSet", ruleSetId: id })}
                  selectedCounty={selectedCounty}
                  onSelectCounty={selectCounty}
                  selectedViolation={selectedViolation}
                  onSelectViolation={selectViolation}
                  busy={busy}
                />
              )}
              {tab === "plan" && (
                <PlanPanel
                  params={report?.params ?? null}
                  spec={paramSpecs}
                  onParams={onParams}
                  onParamsEnd={onParamsEnd}
                  addType={addType}
                  onAddMode={setAddType}
                  proposed={proposed}
                  onUpdate={(id, patch) => dispatch({ type: "updateProposed", id, patch })}
                  onRemove={(id) => dispatch({ type: "removeProposed", id })}
                  onFocus={(f) => ctrl.current?.flyTo([f.lon, f.lat], 11)}
                  report={report}
                  baseline={baseline}
                />
              )}
              {tab === "suggest" && (
                <SuggestPanel
                  report={report}
                  selectedCounty={selectedCounty}
                  running={suggestRunning}
                  result={suggestResult}
                  central={centralResult}
                  onRun={runSuggest}
                  onCentral={runCentral}
                  onAccept={acceptSuggestions}
                  onShowSites={showPoints}
                  error={suggestError}
                  candidates={candidates ? { fileName: candidates.fileName, count: candidates.list.length } : null}
                  onCandidatesFile={onCandidatesFile}
                  onClearCandidates={() => setCandidates(null)}
                  demandName={importedDemand?.fileName ?? null}
                />
              )}
              {tab === "data" && (
                <DataPanel
                  datasetName={dataset?.fileName ?? null}
                  pending={pending}
                  importing={importing}
                  onFile={async (file, crs) => parseFile(file.name, new Uint8Array(await file.arrayBuffer()), crs)}
                  onReparse={(crs, mapping) =>
                    pending && parseFile(pending.fileName, pending.bytes, crs, mapping, pending.typeOverrides)
                  }
                  onTypeFix={(issue, type) => {
                    if (!pending) return;
                    // a type-cell value fixes every row that has it; a type guessed from the name is fixed for its row
                    const o = pending.typeOverrides ?? {};
                    const byValue =
                      issue.field === pending.result.mapping.type && issue.value
                        ? { ...o.byValue, [issue.value]: type }
                        : o.byValue;
                    const byRow = byValue === o.byValue ? { ...o.byRow, [issue.row]: type } : o.byRow;
                    parseFile(pending.fileName, pending.bytes, pending.crs, pending.result.mapping, { byValue, byRow });
                  }}
                  onApply={applyImport}
                  onCancel={() => setPending(null)}
                  onClearDataset={() => dispatch({ type: "clearDataset" })}
                  boundariesName={importedBoundaries?.fileName ?? null}
                  boundaryIssues={boundaryIssues}
                  onBoundariesFile={onBoundariesFile}
                  onClearBoundaries={() => dispatch({ type: "clearBoundaries" })}
                  demand={
                    importedDemand ? { fileName: importedDemand.fileName, count: importedDemand.points.length } : null
                  }
                  demandIssues={demandIssues}
                  onDemandFile={onDemandFile}
                  onClearDemand={() => dispatch({ type: "clearDemand" })}
                  population={population}
                  populationIssues={populationIssues}
                  onPopulationFile={onPopulationFile}
                  onExport={onExport}
                  onSaveProject={onSaveProject}
                  onOpenProject={onOpenProject}
                  projectErrors={projectErrors}
                  canUndo={(history?.past.length ?? 0) > 0}
                  canRedo={(history?.future.length ?? 0) > 0}
                  onUndo={() => setHistory((h) => (h ? undo(h) : h))}
                  onRedo={() => setHistory((h) => (h ? redo(h) : h))}
                />
              )}
            </div>
          </aside>
        </main>
      </div>
    </I18nProvider>
  );
}

/** [west, south, east, north] of county polygons (outer rings). */
function bboxOfCounties(features: CityData["counties"]["features"]): [number, number, number, number] {
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
