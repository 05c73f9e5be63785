import type { FeatureCollection } from "geojson";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import {
  countyTints,
  FACILITY_TYPE_LABELS,
  type Facility,
  type FacilityType,
  facilityStatuses,
  geodesicDistanceKm,
  type PlacedViolation,
  placeViolations,
  shapefileProjections,
  violationKeys,
} from "../core";
import { forgetImportCrs } from "./components/DataPanel";
import { DataTab } from "./components/DataTab";
import { Header, Settings } from "./components/Header";
import { MapNotices } from "./components/MapNotices";
import { type KeptMap, MapView } from "./components/MapView";
import { NewSessionDialog } from "./components/NewSessionDialog";
import { PlanPanel } from "./components/PlanPanel";
import { ReviewPanel } from "./components/ReviewPanel";
import { Sidebar } from "./components/Sidebar";
import { SuggestPanel } from "./components/SuggestPanel";
import { Tabs } from "./components/Tabs";
import { ViolationDetail } from "./components/ViolationDetail";
import { loadCityData } from "./data";
import { proposedOnlyCount } from "./data-notice";
import { I18nProvider, makeI18n, OTHER_LANG } from "./i18n";
import type { MapController } from "./map/controller";
import { countyCollection, facilityCollection } from "./map/features";
import { violationFocus } from "./map/marks";
import { facilityVerdictPopup } from "./map/popup";
import { markOnce, perfMark } from "./perf";
import { forgetPlace } from "./persist";
import { proposedNameFromViolation, unitFromViolation } from "./proposed-unit";
import { analysisWorker } from "./state/analysis-client";
import { useAnalysisInputs } from "./state/inputs";
import { datasetTallies, INITIAL_SESSION } from "./state/session";
import { useShortcuts } from "./state/shortcuts";
import { clearSession, reloadSession } from "./state/store";
import { useUi } from "./state/ui";
import { useCountyMemory } from "./state/ui-memory";
import { useAnalysis } from "./state/use-analysis";
import { bboxOfCounties, knownCity, prefetchFirstCity, useCity } from "./state/use-city";
import { useEditing } from "./state/use-editing";
import { useExports } from "./state/use-exports";
import { useImports } from "./state/use-imports";
import { useLookups } from "./state/use-lookups";
import { usePrefs } from "./state/use-prefs";
import { useSession } from "./state/use-session";
import { useSuggestions } from "./state/use-suggestions";
import { useTravel } from "./state/use-travel";

/** How long a new session from another city waits for the default city's counties to be drawn before the rebuild. */
const NEW_SESSION_MAP_WAIT_MS = 600;

/**
 * The page's root: the app, built afresh after a new session (「新建会话」), so that every state of the interface and
 * the panels starts over as on a first visit, with the default city's shipped sample. The MapLibre map is kept: the
 * new app takes it back with every source emptied (MapView, MapController.reset), instead of creating a new one and
 * loading its style, glyphs and tiles again.
 */
export function Root() {
  const [generation, setGeneration] = useState(0);
  const kept = useRef<KeptMap | null>(null);
  // not a transition: built in slices, the new app waited for MapLibre's frames between them (from 宜春 the first
  // table row came 21 and 25 s after the confirm against main's 8 and 12 s, alternated, load 19–39)
  const restart = useCallback(() => setGeneration((g) => g + 1), []);
  return <App key={generation} generation={generation} keptMap={kept} onRestart={restart} />;
}

/** The app: composition of the session, the city's data, the analysis in the worker, the map and the panels. */
export function App({
  generation,
  keptMap,
  onRestart,
}: {
  /** How many new sessions the page has started. */
  generation: number;
  keptMap: { current: KeptMap | null };
  onRestart: () => void;
}) {
  const prefs = usePrefs();
  const i18n = useMemo(() => makeI18n(prefs.lang), [prefs.lang]);
  const { t } = i18n;
  const [ui, ui$] = useUi();
  const store = useSession();
  const { session, dispatch } = store;
  const onError = useCallback((text: string) => ui$({ type: "error", text }), [ui$]);
  const onToast = useCallback((text: string) => ui$({ type: "toast", text }), [ui$]);
  const { cities, index, needIndex, city, data } = useCity(session, onError);
  const inputs = useAnalysisInputs(session, data);
  const { facilities, ruleSet } = inputs;
  const { analysis, baseline, busy, editPending, seq, bands, moveLive, apply } = useAnalysis({
    data,
    baseFacilities: inputs.baseFacilities,
    listImported: inputs.dataset !== undefined,
    facilities: inputs.listed,
    ruleSet,
    paramOverrides: inputs.paramOverrides,
    population: inputs.population,
    demand: inputs.demand?.points,
    urban: inputs.urban,
    unitPopulation: inputs.unitPopulation?.rows,
    staffing: inputs.staffing?.rows,
    rejectedFacilities: inputs.dataset?.rejectedFacilities,
    isDragging: store.inGesture,
    onError,
  });
  const report = analysis?.report ?? null;
  const travel = useTravel(data, analysis !== null, apply, onError);
  const controller = useRef<MapController | null>(null);
  const [askNewSession, setAskNewSession] = useState(false);
  // a new session: the saved session and its steps are deleted, the worker forgets the roads and the raster, the
  // default city's first analysis goes to the worker, and the app is built again from the default session (on the
  // kept map: the county polygons stay drawn when the city does not change)
  const sessionCity = session?.cityId;
  // from the confirm until the new app is built: the panels say computing and the map says drawing, not the last
  // session's figures as if they were the new one's
  const [restarting, setRestarting] = useState(false);
  const newSession = useCallback(async () => {
    perfMark("ns:confirm");
    setRestarting(true);
    forgetImportCrs();
    forgetPlace();
    try {
      await Promise.all([clearSession(), analysisWorker().reset()]);
    } catch (e) {
      setRestarting(false);
      setAskNewSession(false);
      onError(String(e));
      return;
    }
    perfMark("ns:reset-done");
    void prefetchFirstCity(); // as on a page's start: the analysis is under way while the app is built
    const kept = keptMap.current;
    const next = cities.find((c) => c.id === INITIAL_SESSION.cityId);
    if (kept && sessionCity !== INITIAL_SESSION.cityId && next) {
      // from another city: the default city's counties (the page's data, parsed once) go on the kept map now, untinted,
      // ahead of the emptied sources in MapLibre's worker, so the map is not blank while the first analysis runs
      const d = await loadCityData(next).catch(() => null);
      perfMark("ns:data");
      if (d) {
        await kept.controller.setCounties(countyCollection(d.counties, d.city.focusCounty, new Map()));
        // and the camera on them now: left on the last city, the counties' first tiles were made for a view that did
        // not show them, and drawn only after the new app's fit (about 2 s after the rebuild) was tiled again
        kept.controller.fitBounds(d.city.bbox);
        perfMark("ns:counties-set");
        kept.keepCounties = true;
        kept.keepLabels = false;
        // and drawn before React rebuilds the app: the rebuild's long tasks (0.3–1.3 s of the page's main thread)
        // held back the tiles MapLibre's worker sent and the frame that draws them, while the first analysis, which
        // the panels wait for, runs in its own worker meanwhile; a slow frame does not hold the panels back for long
        const codes = new Set(d.counties.features.map((f) => f.properties.code));
        await kept.controller.whenCountiesDrawn(codes, NEW_SESSION_MAP_WAIT_MS);
        perfMark("ns:counties-drawn");
      }
    } else if (kept) kept.keepCounties = sessionCity === INITIAL_SESSION.cityId;
    perfMark("ns:restart");
    onRestart();
  }, [onError, onRestart, keptMap, sessionCity, cities]);

  // another tab saved the session and the user chose its version: read again and the app built anew from it, as after
  // a reload of the page (the worker forgets the roads and the raster this tab had, as a new page's would not have them)
  const loadOtherTab = useCallback(async () => {
    setRestarting(true);
    forgetImportCrs();
    try {
      const [loaded] = await Promise.all([reloadSession(), analysisWorker().reset()]);
      const kept = keptMap.current;
      if (kept) kept.keepCounties = (loaded.state?.cityId ?? INITIAL_SESSION.cityId) === sessionCity;
    } catch (e) {
      setRestarting(false);
      onError(String(e));
      return;
    }
    onRestart();
  }, [onError, onRestart, keptMap, sessionCity]);

  useEffect(() => {
    markOnce("react-first-commit");
    perfMark("ns:app-mount");
  }, []);
  // The first analysis's tables are painted before the map is given it: in that commit's layout effects the map's
  // sources (the sample's facilities, the service rings: megabytes) are copied to MapLibre's worker, which kept the
  // table off screen meanwhile. From the next task on the map takes every analysis in the same commit as the tables
  // (a drag's release shows both at once).
  const [mapTakes, setMapTakes] = useState(false);
  useEffect(() => {
    if (!analysis || mapTakes) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const go = () => setMapTakes(true);
    // after the frame that paints the tables; a page whose frames are paused (a background tab) goes on anyway
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(go);
    });
    const fallback = setTimeout(go, 250);
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
      clearTimeout(fallback);
    };
  }, [analysis, mapTakes]);
  // A first load's answer comes without its service rings: the map takes it at once (the counties tinted, the
  // facilities with their verdicts, the gaps), so MapLibre's worker tiles them while the analysis worker makes the
  // rings, and the map is drawn without waiting for those; the rings follow (MapView). The page stays busy, and the
  // test hook not ready, until they are drawn too.
  const mapAnalysis = mapTakes ? analysis : null;
  // computing, as the panels say it: an analysis under way, a new session being set up, or no report yet (the first
  // load's and a new session's first analysis) unless an error stopped it
  const computing = busy || restarting || (report === null && ui.error === null);
  useEffect(() => {
    document.documentElement.lang = t("htmlLang");
    document.title = t("appTitle");
  }, [t]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new city clears the selection
  useEffect(() => ui$({ type: "cityChanged" }), [city, ui$]);
  // ---------- what the map and the panels show ----------
  // the facilities as they are now, read by the memos below that a drag's steps (a proposed site's new position) must
  // not redo
  const facilitiesNow = useRef(facilities);
  facilitiesNow.current = facilities;
  // each facility's status reads its id, type and county, not its position: recomputed for a new report or a new list,
  // not for each step of a drag (6,800 facilities of a city's sample, on the page's main thread)
  const { baseFacilities, proposed } = inputs;
  const proposedJudged = useMemo(
    () => proposed.map((f) => `${f.id}\t${f.type}\t${f.county ?? ""}`).join("\n"),
    [proposed],
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: the list is read through the ref; these say when it changed
  const status = useMemo(
    () => facilityStatuses(report, facilitiesNow.current, ruleSet),
    [report, ruleSet, baseFacilities, proposedJudged],
  );
  const facilityFc = useMemo(() => facilityCollection(facilities, status), [facilities, status]);
  // the 15 km rings drawn, for the legend's count and what they are drawn round
  const ring15Props = useMemo(() => analysis?.ring15.map((f) => f.properties), [analysis]);
  const countyFc = useMemo(
    () =>
      data &&
      countyCollection(
        data.counties,
        data.city.focusCounty,
        report ? countyTints(report, ruleSet) : new Map(),
        new Set(report?.scope.context ?? []),
        new Set(report?.listScope?.missing ?? []),
      ),
    [data, report, ruleSet],
  );
  const { facilitiesById, countyNames, counts, planned, outsideCity, countyAt } = useLookups(
    baseFacilities,
    proposed,
    data,
  );
  // the counties the facility list reaches: the Suggest tab opens on a failing one of them, not on a county the list
  // never covered (the planner trial, s41-b #4: one county's list opened Suggest on an empty 浉河区)
  const listedCounties = useMemo(() => countiesReached(baseFacilities, countyAt), [baseFacilities, countyAt]);
  // the existing facilities by the township their code names: where a proposed site's chosen township lies
  // (made when first asked, by a Plan row with a township: not on the first load's path)
  const unitDistanceKm = useMemo(() => {
    let byUnit: Map<string, Array<[number, number]>> | null = null;
    const places = () => {
      if (byUnit) return byUnit;
      byUnit = new Map();
      for (const f of baseFacilities) {
        if (!f.township || !Number.isFinite(f.lon)) continue;
        const list = byUnit.get(f.township);
        if (list) list.push([f.lon, f.lat]);
        else byUnit.set(f.township, [[f.lon, f.lat]]);
      }
      return byUnit;
    };
    return (unit: string, lon: number, lat: number) => {
      let best: number | undefined;
      for (const [x, y] of places().get(unit) ?? []) {
        const d = geodesicDistanceKm(lon, lat, x, y);
        if (best === undefined || d < best) best = d;
      }
      return best;
    };
  }, [baseFacilities]);
  // counted once per imported list, not on each render of a drag
  const dataset = inputs.dataset;
  const datasetInvented = useMemo(() => dataset?.facilities.filter((f) => f.invented).length ?? 0, [dataset]);
  const tallies = useMemo(() => datasetTallies(dataset), [dataset]);
  const proposedOnly = useMemo(
    () => proposedOnlyCount(baseFacilities, proposed, Boolean(dataset), countyAt),
    [baseFacilities, proposed, dataset, countyAt],
  );
  const keys = useMemo(() => violationKeys(report?.violations ?? []), [report]);
  // placed once per report, with the facilities as they are when it arrives (every facility change brings a new
  // report): a drag's steps do not place every violation again on each pointer move
  const placed = useMemo(
    () =>
      report && data
        ? placeViolations({
            violations: report.violations,
            // its checks' figures and the list's scope, as the exports place them (the detail pane of a county the
            // list left out did not say 清单未含: the re-trial, s43)
            report,
            ruleSet,
            counties: data.counties.features,
            divisions: data.divisions,
            facilities: facilitiesNow.current,
          })
        : [],
    [report, data, ruleSet],
  );

  // ---------- map interaction ----------
  const popupFor = useCallback(
    (id: string) => {
      const f = facilitiesById.get(id);
      if (!f) return null;
      const vs = (report?.violations ?? []).filter((v) => v.facilityId === id);
      const county = f.county ? countyNames.get(f.county) : undefined;
      return facilityVerdictPopup(f, i18n, county, vs, status.get(id));
    },
    [facilitiesById, report, countyNames, status, i18n],
  );
  const { addType } = ui;
  // a site added while a township's or village's violation is selected is counted in that unit
  const selectedPlaced = ui.selectedViolation === null ? undefined : placed[keys.indexOf(ui.selectedViolation)];
  const unitAt = useCallback(
    (type: FacilityType, lon: number, lat: number) =>
      unitFromViolation(type, selectedPlaced?.properties, countyAt(lon, lat)?.code ?? null),
    [selectedPlaced, countyAt],
  );
  // named for that unit too (「马坡村卫生室（规划 P1）」: the re-trial, s50b L6)
  const nameAt = useCallback(
    (type: FacilityType, lon: number, lat: number, id: string) =>
      proposedNameFromViolation(
        type,
        selectedPlaced?.properties,
        countyAt(lon, lat)?.code ?? null,
        id,
        FACILITY_TYPE_LABELS[type].zh,
      ),
    [selectedPlaced, countyAt],
  );
  const editing = useEditing(store, addType, moveLive, i18n, unitAt, countyAt, onToast, nameAt);
  useShortcuts({ undo: store.undo, redo: store.redo, escape: () => ui$({ type: "addMode", addType: null }) });
  const countyBbox = (code: string) => {
    const f = data?.counties.features.find((x) => x.properties.code === code);
    return f ? bboxOfCounties([f]) : undefined;
  };
  // the selected county survives a reload, as the work does
  useCountyMemory(city?.id, data, ui.selectedCounty, (code) =>
    ui$({ type: "selectCounty", code, bbox: countyBbox(code) }),
  );
  const showPoints = (points: Array<[number, number]>, keepView?: boolean) =>
    ui$({ type: "showPoints", points, ...(keepView ? { keepView } : {}) });
  // a violation the new report no longer has (fixed by an edit, an undo or redo, another rule set) is no longer
  // selected: its detail and marks go, and an undo that brings it back does not select it again
  useEffect(() => {
    if (report && ui.selectedViolation !== null && !keys.includes(ui.selectedViolation))
      ui$({ type: "clearViolation" });
  }, [report, keys, ui.selectedViolation, ui$]);
  const focusOf = (v: PlacedViolation) => {
    const p = v.properties;
    const check = report?.counties.find((c) => c.code === p.county)?.checks.find((k) => k.rule === p.rule);
    return violationFocus(v, {
      facility: p.facilityId ? facilitiesById.get(p.facilityId) : undefined,
      reference: check?.reference,
      // a city-wide rule's row shows the whole city (the map stayed on the last county: the planner trial)
      countyBbox: p.geometryKind === "city" && data ? bboxOfCounties(data.counties.features) : countyBbox(p.county),
      ...(p.geometryKind === "gap-interior"
        ? { gaps: (report?.gaps ?? []).filter((g) => g.properties.county === p.county && g.properties.rule === p.rule) }
        : {}),
    });
  };
  const selectViolation = (key: string | null, index: number) => {
    const v = placed[index];
    if (key === null || !v) return ui$({ type: "clearViolation" });
    ui$({ type: "selectViolation", key, county: v.properties.county, ...focusOf(v) });
  };
  // a violation still selected after an edit (a site added or dragged, an undo) has its marks drawn from the new report:
  // its gap outline and marker stayed where they were, over ground the new site covers (the reviewer trial, s43-a #3)
  const marksFor = useRef<typeof report>(null);
  useEffect(() => {
    if (!report || marksFor.current === report) return;
    marksFor.current = report;
    const key = ui.selectedViolation;
    const k = key === null ? -1 : keys.indexOf(key);
    if (key === null || k < 0 || !placed[k]) return;
    ui$({ type: "refreshViolationMarks", key, marks: focusOf(placed[k]).marks });
  });

  // ---------- flows: imports, suggestions, exports ----------
  const imports = useImports({
    data,
    travel,
    session: store.current,
    dispatch,
    onError,
    onToast,
    onApplied: (list) => {
      ui$({ type: "tab", tab: "review" });
      // a list of one county: that county is selected, as its list-scope warning asks, and Suggest sites in it (the
      // re-trial: a county chosen in Suggest before the import stayed, an empty one)
      const reached = countiesReached(list, countyAt);
      // (selected, not flown to: the new list is drawn in one frame, the camera left where the planner put it)
      if (reached.size === 1) {
        const [code] = reached;
        ui$({ type: "selectCounty", code });
      }
    },
    onFit: (bbox) => ui$({ type: "fit", bbox }),
    i18n,
    knownCity: (id) => knownCity(cities, id),
    switchCity: store.switchCity,
    workerReady: analysis !== null,
  });
  const suggestions = useSuggestions({
    cityId: data?.city.id,
    facilities,
    session: store.current,
    dispatch,
    countyRefs: imports.countyRefs,
    showPoints,
    onError,
    onToast,
    i18n,
    // only the EMS radius is a plan's (000:232, 004:437); a radius for any other type is the planner's assumption
    countyAt,
    planSetsRadius: (type) => type === "ems-station" && ruleSet.rules.some((r) => r.kind === "radius-coverage"),
  });
  const exportTo = useExports({
    analysis,
    data,
    facilities,
    datasetName: inputs.dataset?.fileName ?? null,
    ...(tallies.length ? { datasetTallies: tallies } : {}),
    ...(inputs.dataset?.rejectedFacilities ? { refused: inputs.dataset.rejectedFacilities } : {}),
    ruleSet,
    countyNames,
    controller,
    i18n,
    localPlan: inputs.localPlan,
    datasetInvented,
    proposedOnly,
    onError,
  });

  return (
    <I18nProvider lang={prefs.lang}>
      <div className="app">
        <Header
          cities={cities}
          index={index}
          needIndex={needIndex}
          city={city}
          onCity={store.switchCity}
          canUndo={store.canUndo}
          canRedo={store.canRedo}
          undoStep={store.undoStep}
          redoStep={store.redoStep}
          onUndo={store.undo}
          onRedo={store.redo}
          onNewSession={() => setAskNewSession(true)}
          onToggleLang={() => prefs.setLang(OTHER_LANG[prefs.lang])}
          onToggleSettings={() => ui$({ type: "toggleSettings" })}
        />
        {askNewSession && <NewSessionDialog onConfirm={newSession} onClose={() => setAskNewSession(false)} />}
        {ui.showSettings && <Settings basemapUrl={prefs.basemapUrl} onBasemap={prefs.setBasemapUrl} />}
        <main className="app-main">
          <Sidebar
            data={data}
            counts={counts}
            planned={planned}
            visible={prefs.visible}
            countiesVisible={prefs.countiesVisible}
            countyCount={data?.counties.features.length ?? 0}
            onToggle={prefs.toggleLayer}
            onToggleCounties={prefs.setCountiesVisible}
            onAll={prefs.setAllLayers}
            overlays={prefs.overlays}
            onToggleOverlay={prefs.toggleOverlay}
            selectionRingKm={selectionRingKm(ui.marks)}
            ringsOmitted={analysis?.ringsOmitted}
            ring15={ring15Props}
            ring15Checked={ruleSet.rules.some((r) => r.id === "SUB-15KM")}
            unlisted={(report?.listScope?.missing.length ?? 0) > 0}
            outsideCity={outsideCity}
          />
          <MapView
            kept={keptMap}
            session={generation}
            basemapUrl={prefs.basemapUrl}
            data={data}
            counties={countyFc}
            facilities={facilityFc}
            holdMap={data !== null && mapAnalysis === null && ui.error === null}
            firstDraw={ui.error !== null || (data !== null && mapAnalysis !== null)}
            editPending={editPending && ui.error === null}
            analysis={mapAnalysis}
            bands={bands}
            busy={busy}
            restarting={restarting}
            seq={seq}
            visible={prefs.visible}
            overlays={prefs.overlays}
            countiesVisible={prefs.countiesVisible}
            selectedCounty={ui.selectedCounty}
            marks={ui.marks}
            camera={ui.camera}
            addType={addType}
            popupFor={popupFor}
            onMapClick={editing.onMapClick}
            onDrag={editing.onDrag}
            onDrop={editing.onDrop}
            onDragCancel={editing.onDragCancel}
            onController={(c) => {
              controller.current = c;
            }}
          >
            <MapNotices
              loading={!data || (busy && !analysis)}
              error={ui.error}
              onCloseError={() => ui$({ type: "error", text: null })}
              toast={ui.toast}
              addType={addType}
              onStopAdding={() => ui$({ type: "addMode", addType: null })}
              datasetName={inputs.dataset?.fileName ?? null}
              datasetInvented={datasetInvented}
              sessionSetAside={store.sessionSetAside}
              paramsSetAside={store.paramsSetAside}
              stepsSetAside={store.stepsSetAside}
              onDismissSetAside={store.dismissSetAside}
              saveConflict={store.saveConflict}
              onLoadOtherTab={loadOtherTab}
              onKeepThisTab={store.keepThisTab}
              localPlan={inputs.localPlan}
              proposedOnly={proposedOnly}
              travelMissing={travel.missing}
              onDismissTravelMissing={travel.onDismissMissing}
            />
          </MapView>
          <Tabs tab={ui.tab} onTab={(tab) => ui$({ type: "tab", tab })} busy={computing}>
            {ui.tab === "review" && (
              <ReviewPanel
                report={report}
                baseline={baseline}
                ruleSet={ruleSet}
                localPlan={inputs.localPlan}
                noFacilityData={facilities.length === 0}
                cityId={data?.city.id ?? ""}
                onRuleSet={(id) => dispatch({ type: "ruleSet", ruleSetId: id })}
                selectedCounty={ui.selectedCounty}
                onSelectCounty={(code) => ui$({ type: "selectCounty", code, bbox: countyBbox(code) })}
                violationKeys={keys}
                selectedViolation={ui.selectedViolation}
                placed={placed}
                onSelectViolation={selectViolation}
                violationFilters={ui.violationFilters}
                onViolationFilters={(filters) => ui$({ type: "violationFilters", filters })}
                onCountyReport={exportTo}
                busy={computing}
              />
            )}
            {ui.tab === "plan" && (
              <PlanPanel
                params={report?.params ?? null}
                spec={inputs.paramSpecs}
                onParams={editing.onParams}
                onParamsEnd={editing.onParamsEnd}
                addType={addType}
                onAddMode={(type) => ui$({ type: "addMode", addType: type })}
                addChoice={ui.addChoice}
                onAddChoice={(type) => ui$({ type: "addChoice", addType: type })}
                proposed={inputs.proposed}
                countyAt={countyAt}
                divisions={data?.divisions ?? null}
                unitDistanceKm={unitDistanceKm}
                thcVillageExempt={ruleSet.rules.some(
                  (r) => r.kind === "one-per-unit" && r.exemptions.includes("thc-village"),
                )}
                onUpdate={editing.onUpdate}
                onSiteEffects={() => analysisWorker().siteEffects()}
                onRemove={(id) => dispatch({ type: "removeProposed", id })}
                onFocus={(f) => ui$({ type: "fly", center: [f.lon, f.lat], zoom: 11 })}
                report={report}
                baseline={baseline}
              />
            )}
            {/* once the city is there: the form opens as this city's last siting left it (see useSuggestions) */}
            {ui.tab === "suggest" && data && (
              <SuggestPanel
                key={data.city.id}
                report={report}
                selectedCounty={ui.selectedCounty}
                listedCounties={listedCounties}
                onSelectCounty={(code) => ui$({ type: "selectCounty", code, bbox: countyBbox(code) })}
                demandName={inputs.demand?.fileName ?? null}
                rasterName={travel.raster?.file ?? null}
                roadsName={travel.roads?.file ?? null}
                {...suggestions}
              />
            )}
            {/* the selected violation stays in view beside the map's marks while reviewing, planning a fix or
                printing (the print leaves it out); the Suggest tab's sites take the marks and close it */}
            {ui.tab !== "suggest" && (
              <ViolationDetail
                placed={placed}
                keys={keys}
                selectedKey={ui.selectedViolation}
                onClose={() => ui$({ type: "clearViolation" })}
                onCountyReport={exportTo}
                onFlyTo={(center) => ui$({ type: "fly", center, zoom: 14 })}
              />
            )}
            {ui.tab === "data" && (
              <DataTab
                inputs={inputs}
                imports={imports}
                travel={travel}
                dispatch={dispatch}
                urbanDefinitionUsed={report?.urbanDefinitionUsed ?? null}
                onExport={exportTo}
                exportCounties={report?.counties.filter((c) => c.inScope)}
                exportContext={report?.scope.context.length ?? 0}
                {...(report?.listScope ? { exportListed: report.listScope.covered } : {})}
                {...(data
                  ? { exportProjections: shapefileProjections(data.city.center[0], inputs.dataset?.tally?.crs?.read) }
                  : {})}
              />
            )}
          </Tabs>
        </main>
      </div>
    </I18nProvider>
  );
}

/** The limit of the ring a selected violation's marks draw (marks.ts's "ring"), or null when there is none. */
function selectionRingKm(marks: FeatureCollection): number | null {
  const ring = marks.features.find((f) => f.properties?.kind === "ring");
  return typeof ring?.properties?.limitKm === "number" ? ring.properties.limitKm : null;
}

/** The counties a facility list reaches: each facility's stated county, else the one it lies in. */
function countiesReached(
  list: readonly Facility[],
  countyAt: (lon: number, lat: number) => { code: string } | null | undefined,
): Set<string> {
  return new Set(list.map((f) => f.county ?? countyAt(f.lon, f.lat)?.code).filter((c) => c !== undefined));
}
