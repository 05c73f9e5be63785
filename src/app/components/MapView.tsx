import type { Feature, FeatureCollection } from "geojson";
import { type ReactNode, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import type { AnalysisReport, CoverageWork, FacilityType, IsochroneFeature } from "../../core";
import type { Decorated } from "../../worker/api";
import type { CityData } from "../data";
import { useI18n } from "../i18n";
import { dataSourcesLoaded, MapController } from "../map/controller";
import { mapGaps } from "../map/features";
import { countyLabel, labelPoint, loadCountyNamesEn, rankAreaKm2 } from "../map/labels";
import { ANALYSIS_LAYERS, type AnalysisLayerKey, COUNTY_FILL, COUNTY_LINE, SRC } from "../map/layers";
import type { LayerKey } from "../map/symbology";
import { markOnce, perfMark } from "../perf";
import { isSavedView, loadPref, PLACE_PREFS, savePref } from "../persist";
import { type CameraRequest, EMPTY_FC } from "../state/ui";
import { HFP_PUBLISHED } from "../test-hook";

declare global {
  interface Window {
    /** Test and debugging hook: the live map and what the app has loaded and computed. */
    __hfp?: {
      map: MapController["map"];
      /** How many new sessions (「新建会话」) this page has started: the map stays the same object over them. */
      session: number;
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

/**
 * The map kept over a new session (「新建会话」): the app is built again, the MapLibre map is not. Its element moves
 * into the new app's map box and its controller is {@link MapController.reset} when the old app goes.
 */
export interface KeptMap {
  host: HTMLDivElement;
  controller: MapController;
  /** Set by the new-session handler before the app goes: whether the next session's city keeps the counties drawn. */
  keepCounties: boolean;
  /** And their names (not when the counties kept are the next city's, put on the map by the handler). */
  keepLabels?: boolean;
}

export interface MapViewProps {
  /** Where the map is kept for the next app (a new session), and found by it. */
  kept: { current: KeptMap | null };
  /** The page's count of new sessions, published in the test hook. */
  session: number;
  basemapUrl: string;
  data: CityData | null;
  counties: FeatureCollection | null;
  facilities: FeatureCollection;
  /**
   * True until the first analysis of the data is in (or failed): the map is then fitted to the city and its counties
   * (tinted), their names and the facilities (coloured) go to it together. Sent earlier, each would be tiled and drawn
   * on its own while the analysis runs, and every frame costs the page's main thread (0.2–0.45 s in headless Chromium,
   * which draws in software), the time the county table and the analysis's own layers wait for.
   */
  holdMap: boolean;
  /**
   * The map has been handed what its first frame is to show: the city's data with its first analysis (or an error that
   * ends the wait). Until then, and until that data is tiled, a page's first map draws nothing
   * (MapController's holdFrames). The service rings, when still being made, follow in frames of their own.
   */
  firstDraw: boolean;
  /**
   * An edit's answer is awaited (an import, an undo, a rule or parameter set: not a drag's live steps): the map holds
   * its frames from the edit until the answer is handed to it and tiled, and goes from before to after in one frame.
   */
  editPending: boolean;
  analysis: Decorated | null;
  /** Isochrone bands drawn during a drag, newer than the analysis's own when they arrive after it. */
  bands: IsochroneFeature[] | null;
  busy: boolean;
  /** A new session is being set up (the old app still up): the map says it is drawing again. */
  restarting?: boolean;
  seq: number;
  visible: Record<LayerKey, boolean>;
  overlays: Record<AnalysisLayerKey, boolean>;
  countiesVisible: boolean;
  selectedCounty: string | null;
  /** Points marked on the map (a selected violation, suggested sites). */
  marks: FeatureCollection;
  camera: CameraRequest | null;
  /** Add mode: a click places a facility of this type. */
  addType: FacilityType | null;
  /** The popup content for a clicked facility, or null for none. */
  popupFor: (id: string) => HTMLElement | null;
  onMapClick: (lngLat: [number, number]) => void;
  onDrag: (id: string, lngLat: [number, number]) => void;
  onDrop: (id: string, lngLat: [number, number]) => void;
  onDragCancel: (id: string) => void;
  /** The controller, once the map exists (exports draw from its map). */
  onController: (c: MapController | null) => void;
  children?: ReactNode;
}

/** Each ring as a map feature with its facility's id (made once per ring object, so an unchanged ring diffs equal). */
const ringFeatures = new WeakMap<Decorated["rings"][number], Feature>();
/**
 * The rings as two collections: the existing facilities' and the proposed sites' (their own source: a drag changes one
 * proposed ring, and MapLibre re-tiles the source it is in, which for the existing ones is every ring a tile holds).
 */
function ringCollections(rings: Decorated["rings"]): { existing: FeatureCollection; proposed: FeatureCollection } {
  const existing: Feature[] = [];
  const proposed: Feature[] = [];
  for (const r of rings) {
    let f = ringFeatures.get(r);
    if (!f) {
      f = { ...r, id: r.properties.facilityId };
      ringFeatures.set(r, f);
    }
    (r.properties.proposed ? proposed : existing).push(f);
  }
  return {
    existing: { type: "FeatureCollection", features: existing },
    proposed: { type: "FeatureCollection", features: proposed },
  };
}

/**
 * The map: the one MapLibre wrapper (MapController) created once, and effects that push the app's state into it
 * (sources, visibility, highlight, camera, handlers). No analysis happens here.
 */
export function MapView(props: MapViewProps) {
  const { data, counties, facilities, analysis, bands } = props;
  const report = analysis?.report ?? null;
  const div = useRef<HTMLDivElement>(null);
  const ctrl = useRef<MapController | null>(null);
  const onController = useRef(props.onController);
  onController.current = props.onController;

  // created once per page; basemap changes go through setBasemap. A new session's app takes the kept map back.
  // biome-ignore lint/correctness/useExhaustiveDependencies: created once
  useLayoutEffect(() => {
    const box = div.current;
    if (!box) return;
    let kept = props.kept.current;
    if (!kept) {
      const host = document.createElement("div");
      host.className = "map-host";
      box.appendChild(host);
      kept = {
        host,
        controller: new MapController(host, props.basemapUrl || undefined, { holdFirstFrames: true }),
        keepCounties: false,
      };
      props.kept.current = kept;
    } else {
      box.appendChild(kept.host);
      kept.controller.map.resize();
    }
    const c = kept.controller;
    ctrl.current = c;
    onController.current(c);
    return () => {
      onController.current(null);
      // the app is being rebuilt (a new session): the hook must not point at the last session's state
      if (window.__hfp?.map === c.map) delete window.__hfp;
      c.reset({ keepCounties: kept.keepCounties, keepLabels: kept.keepLabels ?? kept.keepCounties });
      kept.keepCounties = false;
      kept.keepLabels = undefined;
      ctrl.current = null;
    };
  }, []);
  useEffect(() => {
    const c = ctrl.current;
    const url = props.basemapUrl || undefined;
    c?.whenLoaded().then(() => {
      if (c.basemapUrl !== url) c.setBasemap(url);
    });
  }, [props.basemapUrl]);

  const { holdMap } = props;
  // A new session's app on the kept map (session > 0) does not hold the counties, their names and the fit for its first
  // analysis: they go as soon as the city's data is in (the data of the default city is the page's, already parsed),
  // so the map is not left blank while the analysis runs; the tints follow as feature state, without re-tiling.
  const holdCounties = holdMap && props.session === 0;
  // The map's data goes out in layout effects, within React's commit. Passive effects run after the next paint, and
  // MapLibre's pending frame (0.2–0.45 s, software-drawn in headless Chromium) came first: its worker began tiling an
  // answer only after it (commit → setData 232 ms median over drags, scripts/profile-drag.ts, load 12).
  useLayoutEffect(() => {
    if (counties && !holdCounties) {
      perfMark("ns:app-counties");
      ctrl.current?.setCounties(counties);
    }
  }, [counties, holdCounties]);
  // proposed sites in a source of their own: moving one re-tiles and re-draws that small source only
  const split = useMemo(() => {
    const existing: Feature[] = [];
    const proposed: Feature[] = [];
    for (const f of facilities.features) (f.properties?.proposed ? proposed : existing).push(f);
    return {
      existing: { type: "FeatureCollection", features: existing } as FeatureCollection,
      proposed: { type: "FeatureCollection", features: proposed } as FeatureCollection,
    };
  }, [facilities]);
  useLayoutEffect(() => {
    // drawn before their first verdicts, the facilities would be tiled and drawn twice while the analysis runs
    if (holdMap) return;
    ctrl.current?.setData(SRC.facilities, split.existing, { incremental: true });
    ctrl.current?.setData(SRC.proposed, split.proposed, { incremental: true });
  }, [split, holdMap]);
  useLayoutEffect(() => {
    if (bands)
      ctrl.current?.setData(SRC.isochrones, { type: "FeatureCollection", features: bands } as never, {
        unlessEqual: true,
      });
  }, [bands]);
  useLayoutEffect(() => {
    if (analysis) perfMark("move:commit");
  }, [analysis]);
  useLayoutEffect(() => {
    const c = ctrl.current;
    if (!c) return;
    perfMark("map:setData-start");
    if (analysis) markOnce("analysis-to-map");
    // a re-analysis after a move returns new objects even where nothing changed: only changed sources are sent
    const same = { unlessEqual: true };
    c.setData(SRC.gaps, report ? { type: "FeatureCollection", features: mapGaps(report) } : EMPTY_FC, same);
    // a live drag step keeps the bands it does not send
    if (!analysis?.isochronesKept)
      c.setData(
        SRC.isochrones,
        report?.isochrones ? ({ type: "FeatureCollection", features: report.isochrones } as never) : EMPTY_FC,
        same,
      );
    c.setData(
      SRC.urban,
      report ? ({ type: "FeatureCollection", features: report.urbanAreas } as never) : EMPTY_FC,
      same,
    );
    // a move changes one ring and keeps the others' objects (withAllRings): only the changed one goes to the map, and
    // a proposed site's to a source of its own
    // (a first load's answer whose rings are still being made leaves the rings' sources alone: they go in one piece
    // when they come)
    if (!analysis?.ringsPending) {
      const rings = analysis ? ringCollections(analysis.rings) : { existing: EMPTY_FC, proposed: EMPTY_FC };
      c.setData(SRC.rings, rings.existing, { incremental: true });
      c.setData(SRC.ringsProposed, rings.proposed, { incremental: true });
    }
    c.setData(SRC.ring15, analysis ? { type: "FeatureCollection", features: analysis.ring15 } : EMPTY_FC, same);
    perfMark("map:setData-end");
    c.map.once("render", () => perfMark("map:render"));
  }, [analysis, report]);
  // after the effects above have handed the map its data: its first frame is the whole map
  const { firstDraw } = props;
  // and drawn once, whole, whenever the analysis it shows is taken away to be made again (another city): from then its
  // frames are held, the last one staying on screen under the drawing note, until the next analysis is handed to it and
  // tiled, as on a first load. Each frame is drawn in software on a PC without a GPU (0.1–0.2 s of both cores here)
  const drewBefore = useRef(firstDraw);
  useLayoutEffect(() => {
    if (firstDraw) ctrl.current?.drawWhenLoaded();
    else if (drewBefore.current) ctrl.current?.holdFrames();
    drewBefore.current = firstDraw;
  }, [firstDraw]);
  // an edit's frames held alike (its facilities, then each overlay's tiles drew frames of their own), after the
  // effects above have handed the map the answer
  const { editPending } = props;
  useLayoutEffect(() => {
    if (editPending) ctrl.current?.holdFrames({ edit: true });
    else ctrl.current?.drawWhenLoaded({ edit: true });
  }, [editPending]);
  useEffect(() => {
    ctrl.current?.setData(SRC.marks, props.marks);
  }, [props.marks]);
  // `hfp:map-drawn`: the first frame drawn with an analysis's counties (tinted) and facilities (with their verdicts)
  // all in, which a first load draws while its service rings are still being made (scripts/bench-browser.ts prints it
  // beside the first map with the whole analysis, the test hook's ready)
  const drawnMarked = useRef(false);
  useEffect(() => {
    const c = ctrl.current;
    if (!c || !report || drawnMarked.current) return;
    const m = c.map;
    const check = () => {
      if (c.framesHeld) return; // the frame drew nothing
      if (!m.isSourceLoaded(SRC.counties) || !m.isSourceLoaded(SRC.facilities)) return;
      drawnMarked.current = true;
      markOnce("map-drawn");
      m.off("render", check);
    };
    m.on("render", check);
    return () => {
      m.off("render", check);
    };
  }, [report]);

  // fit once per city, when its data goes to the map (a fit before would draw a frame of its own)
  const fitted = useRef<CityData | null>(null);
  useEffect(() => {
    const c = ctrl.current;
    if (!c || !data || holdCounties || fitted.current === data) return;
    fitted.current = data;
    perfMark("ns:fit");
    // the view the planner left this city at, over a reload (the planner trial, s42-b #10: back to the whole city)
    const saved = loadPref<unknown>(PLACE_PREFS.view(data.city.id), {}, isSavedView);
    c.whenLoaded().then(() => {
      if (isSavedView(saved)) c.jumpTo(saved.center, saved.zoom);
      else c.fitBounds(data.city.bbox);
    });
  }, [data, holdCounties]);
  // each city's view kept as it is left (after the fit above: the view of the city on screen); not while a new session
  // is set up, which forgets it (the kept map moves and is fitted then)
  const restarting = useRef(false);
  restarting.current = !!props.restarting;
  useEffect(() => {
    const c = ctrl.current;
    if (!c || !data) return;
    const m = c.map;
    const keep = () => {
      if (fitted.current !== data || restarting.current) return;
      const { lng, lat } = m.getCenter();
      savePref(PLACE_PREFS.view(data.city.id), {
        center: [Number(lng.toFixed(6)), Number(lat.toFixed(6))],
        zoom: Number(m.getZoom().toFixed(3)),
      });
    };
    m.on("moveend", keep);
    return () => {
      m.off("moveend", keep);
    };
  }, [data]);
  // county names in the interface's language: Chinese, or in English the pinyin name above the Chinese
  const { lang, t } = useI18n();
  const [namesEn, setNamesEn] = useState<Record<string, string> | null>(null);
  useEffect(() => {
    if (lang !== "en" || namesEn) return;
    loadCountyNamesEn()
      .then(setNamesEn)
      .catch(() => setNamesEn({}));
  }, [lang, namesEn]);
  useEffect(() => {
    const c = ctrl.current;
    if (!c || !data || holdCounties) return;
    c.whenLoaded().then(() => {
      // each name at its county's pole of inaccessibility; the focus county first, then larger counties, for the
      // collision handling's order (see labelLayers)
      const byArea = [...data.counties.features]
        .map((f) => ({ f, area: rankAreaKm2(f.geometry) }))
        .sort((a, b) => b.area - a.area);
      c.setCountyLabels(
        byArea.map(({ f }, i) => ({
          code: f.properties.code,
          text: countyLabel(f.properties, lang === "en" ? namesEn : null),
          ...labelPoint(f.geometry),
          focus: f.properties.code === data.city.focusCounty,
          rank: f.properties.code === data.city.focusCounty ? -1 : i,
        })),
      );
    });
  }, [data, lang, namesEn, holdCounties]);

  const camera = props.camera;
  useEffect(() => {
    const c = ctrl.current;
    if (!c || !camera) return;
    if (camera.kind === "fit") c.fitBounds(camera.bbox, camera.animate);
    else c.flyTo(camera.center, camera.zoom);
  }, [camera]);

  useEffect(() => {
    const c = ctrl.current;
    if (!c) return;
    c.setFacilitiesVisible(props.visible);
  }, [props.visible]);
  useEffect(() => {
    const c = ctrl.current;
    if (!c) return;
    for (const key of Object.keys(ANALYSIS_LAYERS) as AnalysisLayerKey[])
      for (const id of ANALYSIS_LAYERS[key]) c.setLayerVisible(id, props.overlays[key]);
  }, [props.overlays]);
  useEffect(() => {
    ctrl.current?.setLayerVisible(COUNTY_FILL, props.countiesVisible);
    ctrl.current?.setLayerVisible(COUNTY_LINE, props.countiesVisible);
  }, [props.countiesVisible]);
  useEffect(() => {
    ctrl.current?.highlightCounty(props.selectedCounty);
  }, [props.selectedCounty]);

  const { popupFor, onMapClick, onDrag, onDrop, onDragCancel, addType } = props;
  useEffect(() => {
    const c = ctrl.current;
    if (!c) return;
    c.handlers = {
      onFacilityClick: (id, lngLat) => {
        const el = popupFor(id);
        if (el) c.showPopup(lngLat, el);
      },
      onMapClick: addType ? onMapClick : undefined,
      onDrag,
      onDrop,
      onDragCancel,
    };
    c.map.getCanvas().style.cursor = addType ? "crosshair" : "";
  }, [popupFor, onMapClick, onDrag, onDrop, onDragCancel, addType]);

  // "drawing the map" from the start (a new session's app is a new MapView) until the first analysis is drawn: the
  // first frame drawn with every data source loaded (see DATA_SOURCES), or the moment the test hook says ready,
  // whichever comes first; hidden at once then, ahead of React's next commit
  const [drawn, setDrawn] = useState(false);
  const drawingNote = useRef<HTMLDivElement>(null);
  const noteGone = useRef(false);
  // the test hook: ready once the analysis of the current data is drawn
  const { busy, seq } = props;
  useEffect(() => {
    const c = ctrl.current;
    if (!c || !data) return;
    const hideNote = () => {
      noteGone.current = true;
      if (drawingNote.current) drawingNote.current.hidden = true;
      setDrawn(true);
    };
    const publish = () => {
      if (report && !busy) {
        markOnce("map-ready");
        hideNote();
      }
      window.__hfp = {
        map: c.map,
        session: props.session,
        cityId: data.city.id,
        ready: !!report && !busy,
        facilityCount: facilities.features.length,
        analysisSeq: seq,
        report,
        work: analysis?.work ?? null,
      };
      window.dispatchEvent(new Event(HFP_PUBLISHED));
    };
    // the sources were set above (in this commit's earlier effects): when none is still loading and nothing moves,
    // the map shows them; otherwise at the next idle (no forced repaint: each frame costs a software-rendered
    // canvas in headless Chromium)
    if (c.map.loaded() && !c.map.isMoving()) {
      publish();
      return;
    }
    c.map.once("idle", publish);
    // the note goes with the frame that shows the analysis's data, not at the map's idle (names, basemap)
    const drawnFrame = () => {
      if (report && !busy && !c.framesHeld && dataSourcesLoaded(c.map)) {
        c.map.off("render", drawnFrame);
        hideNote();
      }
    };
    if (!noteGone.current && report && !busy) {
      c.map.on("render", drawnFrame);
      // one frame at least: the data may be loaded already, and with nothing left to load the map draws no more
      c.map.triggerRepaint();
    }
    return () => {
      c.map.off("idle", publish);
      c.map.off("render", drawnFrame);
    };
  }, [data, report, busy, facilities, seq, analysis, props.session]);

  return (
    <div className="map-wrap">
      <div ref={div} className={`map ${addType ? "adding" : ""}`} data-testid="map" />
      {props.children}
      {(!drawn || props.restarting || !firstDraw) && (
        <div
          ref={drawingNote}
          className="map-drawing"
          role="status"
          aria-live="polite"
          data-testid="map-drawing"
          data-labels-ignore=""
        >
          {t("mapDrawing")}
        </div>
      )}
    </div>
  );
}
