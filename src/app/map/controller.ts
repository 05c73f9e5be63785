import {
  type GeoJSONSource,
  type LayerSpecification,
  type MapMouseEvent,
  Map as MlMap,
  NavigationControl,
  Popup,
  prewarm,
  ScaleControl,
  setWorkerCount,
  setWorkerUrl,
} from "maplibre-gl";
import workerUrl from "maplibre-gl/dist/maplibre-gl-worker.mjs?url";
import "maplibre-gl/dist/maplibre-gl.css";
import type { FeatureCollection, Point } from "geojson";
import { markOnce, perfMark } from "../perf";
import { featureDiff } from "./diff";
import { LabelFitter } from "./label-fit";
import {
  baseStyle,
  COUNTY_FILL,
  COUNTY_HIGHLIGHT,
  FACILITY_LAYER_IDS,
  FACILITY_LAYERS,
  type FacilityLayerKind,
  facilityFilter,
  LABEL_PLATE,
  labelLayers,
  labelPlateImage,
  mapLayersBelowLabels,
  markLayers,
  SRC,
  UNLISTED_HATCH_IMAGE,
  unlistedHatchImage,
} from "./layers";
import { setFilterIfChanged, setVisibility } from "./style-updates";
import { LAYER_KEYS, type LayerKey } from "./symbology";

setWorkerUrl(workerUrl);
// Two workers tile the map's sources, where MapLibre starts one outside Safari. A first load hands the map all its data
// at once, and one worker tiled it alone for 1.4–1.9 s while the page's main thread waited (a first map held until its
// data is in: holdFrames); with two, both cores tile. Measured in docs/benchmarks.md (2026-12-04, hold15).
setWorkerCount(2);

/**
 * Starts MapLibre's worker (its script fetched and compiled) now, not when React has built the page and the map: the
 * entry calls it while the city's data loads. Late, the worker was still loading each source's empty first data when
 * the real data came, and the tiles were then made twice (see {@link MapController.setData}).
 */
export function prewarmMap(): void {
  prewarm();
}

const EMPTY: FeatureCollection = { type: "FeatureCollection", features: [] };

/** The longest a page's first map is held (MapController.holdFrames): in all, and once handed its data. */
const HOLD_MAX_MS = 60_000;
const HOLD_AFTER_DATA_MS = 30_000;
/**
 * The longest an edit's frames are held (MapController.holdFrames with `edit`), from the edit: an import, an undo or a
 * rule change whose answer takes longer is drawn as its sources come, as before.
 */
const EDIT_HOLD_MS = 3_000;
/**
 * The longest a frame is held after a source was handed new data, for that data's tiles (MapController's send hold):
 * then the frame is drawn with what is in.
 */
const SEND_HOLD_MS = 150;
/** The map container's class while its frames are held (styles.css fades the last frame drawn). */
const HELD_CLASS = "map-held";

/**
 * The order the data sources are added in. MapLibre gives each new source the next of its two workers in turn, so
 * this order puts the facilities (6,799 points in 南阳, the most to tile) and a drag's sources (the proposed sites,
 * their rings, the gaps) on one worker, the service rings, the counties, their names and the urban areas on the
 * other: on a first load both tile about as much. (With the drag's sites and rings on different workers, their tiles
 * came back apart, one frame each: drag releases measured slower, docs/benchmarks.md.)
 */
const SOURCE_ORDER = [
  SRC.facilities,
  SRC.rings,
  SRC.proposed,
  SRC.counties,
  SRC.ringsProposed,
  SRC.labels,
  SRC.gaps,
  SRC.urban,
  SRC.isochrones,
  SRC.ring15,
  SRC.marks,
  SRC.labelLeaders,
] as const;
/**
 * How far (CSS px) beyond its edge a tile of a source keeps the source's geometry: MapLibre's 128 (a quarter of a
 * 512 px tile each side) is for labels placed across tile edges, and the county names keep it. The other sources draw
 * lines and fills, which each tile clips to its own square, and circles, which only the tile holding the centre
 * draws: with 128 a tile held a 768 px square, 2.25 times its own, tiled and drawn in every frame. With 16 px the map
 * draws the same pixels (test/e2e/foundation.test.ts compares them with 128's; 8 px left a few pixels of a line's
 * join changed, 2 px hundreds).
 */
const TILE_BUFFER_PX = 16;
function tileBuffer(id: string): { buffer?: number } {
  return id === SRC.labels || id === SRC.labelLeaders ? {} : { buffer: TILE_BUFFER_PX };
}

/** Every source but the basemap is in SOURCE_ORDER (a type error otherwise). */
const sourceOrderComplete: [
  Exclude<(typeof SRC)[keyof typeof SRC], (typeof SOURCE_ORDER)[number] | typeof SRC.basemap>,
] extends [never]
  ? true
  : false = true;
void sourceOrderComplete;

/**
 * The sources of the map's own data: the counties, the facilities and the analysis's layers. Not the county names,
 * which the label fitter places and places again over several frames (their fitting kept the map from its idle 3.5–13 s
 * after the data were drawn, at load 12–15), nor the basemap's tiles, which come slowly from a slow server and never
 * offline: waiting for the map's idle, the note 「地图绘制中…」 stayed over a drawn map, for good with a basemap set
 * and out of reach.
 */
export const DATA_SOURCES: readonly string[] = Object.values(SRC).filter(
  (id) => id !== SRC.labels && id !== SRC.labelLeaders && id !== SRC.basemap,
);

/** Whether every data source the map has is loaded (tiled for the view), so that the frame drawn shows them. */
export function dataSourcesLoaded(map: MlMap): boolean {
  return DATA_SOURCES.every((id) => !map.getSource(id) || map.isSourceLoaded(id));
}

export interface MapHandlers {
  /** When set, proposed facilities can be dragged. */
  onDrag?: (id: string, lngLat: [number, number]) => void;
  onDrop?: (id: string, lngLat: [number, number]) => void;
  /** A drag released off the map: the site goes back where it was (else it is dropped where it left the map). */
  onDragCancel?: (id: string) => void;
  onFacilityClick?: (id: string, lngLat: [number, number]) => void;
  onCountyClick?: (code: string, lngLat: [number, number]) => void;
  onMapClick?: (lngLat: [number, number]) => void;
}

/**
 * The one imperative wrapper around MapLibre: sources are set with memoised setData, layers come from
 * the pure builders in layers.ts.
 */
/** The property that identifies a feature of the sources that are updated by diffs. */
const PROMOTE_ID: Record<string, string | undefined> = {
  [SRC.facilities]: "id",
  [SRC.counties]: "code",
  [SRC.rings]: "facilityId",
  [SRC.ringsProposed]: "facilityId",
  [SRC.proposed]: "id",
};

export class MapController {
  readonly map: MlMap;
  private loaded: Promise<void>;
  /** True once the sources and layers are installed: then setData applies at once, in the caller's task. */
  private ready = false;
  /** Counts {@link reset}s: a send that waited for the map's load is dropped when a reset came in between. */
  private epoch = 0;
  /** A site is being dragged (the hover cursor is left alone and no features are queried on each move). */
  private dragging = false;
  private lastData = new Map<string, unknown>();
  private lastJson = new Map<string, string>();
  /** The county features last sent (by code): what only a new send changes. */
  private countyShape = new Map<string, { geometry: unknown; focus: unknown; context: unknown; unlisted: unknown }>();
  /** Each county's tint as set in feature state. */
  private countyStatus = new Map<string, string>();
  /**
   * Sources whose empty first data (set when they are installed) MapLibre's worker has not loaded yet, with the data
   * sent to them meanwhile (the latest only). Data set while the empty data is in MapLibre's worker replaces it, but
   * the replaced load still ends with the source's tiles requested, and the real load requests them again. Held here,
   * it goes when the empty load is back (its tiles are empty and cheap), and the data's tiles are made once.
   */
  private firstLoads = new Map<string, FeatureCollection | null>();
  private popup: Popup | null = null;
  /** Draws colliding county names smaller instead of dropping them, and hides names the map's edge would cut. */
  private labelFitter: LabelFitter | null = null;
  handlers: MapHandlers = {};
  /** The basemap's tile URL drawn now (none: the plain background). */
  basemapUrl: string | undefined;
  /**
   * The frames of a first load, a new session or another city are held (see {@link holdFrames}): "holding" until the
   * app hands the map the analysis, "loading" while that data is still being tiled, "off" once a frame has drawn it.
   */
  private hold: "holding" | "loading" | "off" = "off";
  /** What the frames are held for: a new map (a first load, a new session, another city) or an edit of this one. */
  private holdFor: "map" | "edit" = "map";
  private holdTimer: ReturnType<typeof setTimeout> | undefined;
  /** Puts MapLibre's own painter back when the hold ends. */
  private unholdPainter: (() => void) | null = null;
  /**
   * Sources handed new data since the last frame drawn whose tiles may not be in yet (the send hold, see
   * {@link holdForSends}), when the first of them was sent, and the timer that draws at the latest SEND_HOLD_MS after.
   */
  private sent = new Set<string>();
  private sentAt = 0;
  private sentTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(container: HTMLElement, basemapUrl?: string, opts: { holdFirstFrames?: boolean } = {}) {
    this.basemapUrl = basemapUrl;
    this.map = new MlMap({
      container,
      style: baseStyle(basemapUrl),
      center: [112.5, 33.0],
      zoom: 7,
      attributionControl: { compact: true },
      fadeDuration: 0,
      // no preserveDrawingBuffer: the print export reads the canvas in a render event (exports.ts)
      canvasContextAttributes: { preserveDrawingBuffer: false },
    });
    this.holdForSends();
    if (opts.holdFirstFrames) this.holdFrames();
    this.map.addControl(new NavigationControl({ showCompass: true, visualizePitch: false }), "top-right");
    this.map.addControl(new ScaleControl({ unit: "metric" }), "bottom-right");
    markOnce("map-created");
    // for scripts/profile-frames.ts: each frame drawn and each tile a source finished (marks only while profiling)
    this.map.on("render", () => perfMark("map:frame"));
    this.map.on("sourcedata", (e) => {
      if (e.tile) perfMark(`map:tile:${e.sourceId}`);
    });
    // the map follows the user's pan or zoom at once, edit or not
    this.map.on("movestart", () => this.endEditHold());
    this.loaded = new Promise((resolve) =>
      this.map.once("load", () => {
        markOnce("map-load");
        resolve();
      }),
    );
    this.loaded.then(() => {
      this.installSourcesAndLayers();
      this.ready = true;
    });
  }

  whenLoaded(): Promise<void> {
    return this.loaded;
  }

  /**
   * A page's first map is drawn once, whole: MapLibre still loads the style, requests and tiles every source and
   * places the labels in each of its frames, but its painter draws nothing until the app has handed it the first
   * analysis ({@link drawWhenLoaded}) and every data source has loaded it. In headless Chromium and on a PC without a
   * GPU each frame is drawn in software and read back (0.1–0.4 s on 2 cores); a cold load drew 13 of them while the
   * sources' tiles came in one by one, each on the cores MapLibre's worker was tiling on. The map shows its
   * background colour (the container's) and the "drawing the map" note meanwhile, as it did before the answer.
   * A new session ({@link reset}) holds the same way: the last frame stays on screen under the note until the new
   * session's map is whole (a reset drew 12 frames as the emptied sources and the new data's tiles came in).
   * So does a switch to another city (MapView). Never longer than HOLD_AFTER_DATA_MS after the data was handed over,
   * nor HOLD_MAX_MS in all: then frames are drawn as they come.
   *
   * With `edit`, an edit of the map shown (an import, an undo or redo, a rule or parameter set, sites added or
   * deleted: MapView) holds it the same way, from the edit until its answer is handed over ({@link drawWhenLoaded} with
   * `edit`) and tiled: the map then goes from before to after in one frame, where the facilities, then each overlay's
   * tiles drew frames of their own (4–6 frames an import or undo, scripts/profile-edits.ts). The last frame is not
   * faded (it is this map, about to change), a camera move or a drag ends the hold at once, and it never lasts
   * longer than EDIT_HOLD_MS from the edit, however many edits follow. A new map's hold is not shortened by one.
   */
  holdFrames({ edit = false }: { edit?: boolean } = {}) {
    if (edit) {
      if (this.hold !== "off") {
        // held already: a new map's hold stays as it is, an edit's keeps its limit (a run of edits cannot hold it longer)
        if (this.holdFor === "edit") this.hold = "holding";
        return;
      }
      this.holdFor = "edit";
      this.hold = "holding";
      this.holdTimer = setTimeout(() => this.endHold(true), EDIT_HOLD_MS);
    } else {
      clearTimeout(this.holdTimer);
      this.holdFor = "map";
      this.hold = "holding";
      // the last frame, if one was drawn, is shown faded: it is the map being replaced, not the one the panels describe
      this.map.getContainer().classList.add(HELD_CLASS);
      this.holdTimer = setTimeout(() => this.endHold(true), HOLD_MAX_MS);
    }
    if (this.unholdPainter) return; // the painter is held already
    const painter = this.map.painter;
    const draw = painter.render;
    painter.render = (...args: Parameters<typeof draw>) => {
      if (this.hold === "holding" || (this.hold === "loading" && !this.sourcesLoaded())) return;
      this.endHold();
      draw.apply(painter, args);
    };
    this.unholdPainter = () => {
      painter.render = draw;
    };
  }

  /**
   * A frame is not drawn while a source handed new data has not tiled it: MapLibre draws a frame as soon as data is
   * sent, with the source's old tiles, and in software (a PC without a GPU, headless Chromium) that frame holds the
   * page's main thread for about 90 ms, so the new tiles, made meanwhile by MapLibre's worker, wait for it and are
   * drawn in a second frame. That wasted frame was the slow half of the drag releases (docs/benchmarks.md, stop 51:
   * a source's tile came 80–110 ms after its send, the release done in about 100 or 170 ms instead of 10–40). So each
   * frame after a send waits until every source sent to since the last frame drawn has loaded, or SEND_HOLD_MS have
   * passed since the first of those sends (then it draws what is in: a drag that keeps sending still moves on
   * screen), or the camera moves (the map follows a pan or zoom at once).
   */
  private holdForSends() {
    const painter = this.map.painter;
    const draw = painter.render;
    painter.render = (...args: Parameters<typeof draw>) => {
      if (this.sendsPending()) return;
      draw.apply(painter, args);
    };
  }

  /** Notes a send to `sourceId` for the send hold ({@link holdForSends}). */
  private noteSend(sourceId: string) {
    perfMark(`map:send-${sourceId}`);
    if (this.sent.size === 0) {
      this.sentAt = performance.now();
      clearTimeout(this.sentTimer);
      this.sentTimer = setTimeout(() => this.map.triggerRepaint(), SEND_HOLD_MS);
    }
    this.sent.add(sourceId);
  }

  /** Whether the frame about to be drawn is held for a send's tiles (and the hold is over when not). */
  private sendsPending(): boolean {
    if (this.sent.size === 0) return false;
    for (const id of this.sent) if (!this.map.getSource(id) || this.map.isSourceLoaded(id)) this.sent.delete(id);
    if (this.sent.size > 0 && performance.now() - this.sentAt < SEND_HOLD_MS && !this.map.isMoving()) return true;
    this.sent.clear();
    clearTimeout(this.sentTimer);
    return false;
  }

  /** Ends the hold: the painter draws again (at once with `repaint`, for a hold ended by its timer). */
  private endHold(repaint = false) {
    if (this.hold === "off") return;
    this.hold = "off";
    clearTimeout(this.holdTimer);
    this.map.getContainer().classList.remove(HELD_CLASS);
    this.unholdPainter?.();
    this.unholdPainter = null;
    if (repaint) this.map.triggerRepaint();
  }

  /**
   * Every source but the basemap has its latest data tiled, and none still holds data for after its empty first
   * load. The county names too: their tiles wait for the page's main thread to draw their glyphs, which a frame drawn
   * first would hold up, and a frame of their own would follow.
   */
  private sourcesLoaded(): boolean {
    return (
      this.firstLoads.size === 0 && SOURCE_ORDER.every((id) => !this.map.getSource(id) || this.map.isSourceLoaded(id))
    );
  }

  /**
   * The app has handed the map the data it was waiting for (the first analysis, or the error that ends it): a held
   * first map is drawn at the first frame with every data source loaded. Nothing when no hold is on.
   */
  drawWhenLoaded({ edit = false }: { edit?: boolean } = {}) {
    if (this.hold !== "holding" || (edit && this.holdFor !== "edit")) return;
    this.hold = "loading";
    if (this.holdFor === "map") {
      clearTimeout(this.holdTimer);
      this.holdTimer = setTimeout(() => this.endHold(true), HOLD_AFTER_DATA_MS);
    }
    this.map.triggerRepaint();
  }

  /** Ends an edit's hold now (the user moves the camera or drags a site: the map must follow). */
  private endEditHold() {
    if (this.hold !== "off" && this.holdFor === "edit") this.endHold(true);
  }

  /** Whether the painter is holding the first map's frames (a frame event then drew nothing). */
  get framesHeld(): boolean {
    return this.hold !== "off";
  }

  private installSourcesAndLayers() {
    const m = this.map;
    // Sources and layers go in without MapLibre's validation (test/app/symbology.test.ts validates every layer with
    // the style-spec validator): Map.addLayer validated each of the 70-odd layers against a serialisation of the whole
    // style so far, 0.8–1.1 s of the page's main thread in a cold load (profiled at load 10–17), on the way to the first
    // table row and the first map. The map's style is marked changed once at the end (what Map.addLayer does per layer).
    const noCheck = { validate: false };
    const addLayer = (layer: LayerSpecification) => m.style.addLayer(layer, undefined, noCheck);
    for (const id of SOURCE_ORDER) {
      m.style.addSource(id, { type: "geojson", data: EMPTY, promoteId: PROMOTE_ID[id], ...tileBuffer(id) }, noCheck);
      if (id !== SRC.labels) this.firstLoads.set(id, null);
    }
    m.on("sourcedata", (e) => {
      if (e.sourceDataType !== "metadata" || !this.firstLoads.has(e.sourceId)) return;
      const held = this.firstLoads.get(e.sourceId);
      this.firstLoads.delete(e.sourceId);
      if (held) (m.getSource(e.sourceId) as GeoJSONSource | undefined)?.setData(held);
    });
    m.addImage(UNLISTED_HATCH_IMAGE, unlistedHatchImage(), { pixelRatio: 2 });
    for (const layer of mapLayersBelowLabels()) addLayer(layer);
    const facilityIds = FACILITY_LAYER_IDS;
    m.on("click", (e: MapMouseEvent) => {
      const lngLat: [number, number] = [e.lngLat.lng, e.lngLat.lat];
      // in add mode a click places a site, even on top of an existing facility
      if (this.handlers.onMapClick) {
        this.handlers.onMapClick(lngLat);
        return;
      }
      const hits = m.queryRenderedFeatures(e.point, { layers: facilityIds.filter((id) => m.getLayer(id)) });
      if (hits.length > 0 && this.handlers.onFacilityClick) {
        this.handlers.onFacilityClick(String(hits[0].properties.id), lngLat);
        return;
      }
      const counties = m.queryRenderedFeatures(e.point, { layers: [COUNTY_FILL] });
      if (counties.length > 0 && this.handlers.onCountyClick) {
        this.handlers.onCountyClick(String(counties[0].properties.code), lngLat);
      }
    });
    m.on("mousedown", (e: MapMouseEvent) => {
      if (!this.handlers.onDrag) return;
      const hit = m
        .queryRenderedFeatures(e.point, { layers: facilityIds.filter((id) => m.getLayer(id)) })
        .find((f) => f.properties.proposed === true);
      if (!hit) return;
      e.preventDefault(); // keeps the map from panning while a site is dragged
      const id = String(hit.properties.id);
      this.endEditHold();
      this.dragging = true;
      m.getCanvas().style.cursor = "grabbing";
      this.closePopup();
      let last: [number, number] = [e.lngLat.lng, e.lngLat.lat];
      const move = (ev: MapMouseEvent) => {
        last = [ev.lngLat.lng, ev.lngLat.lat];
        this.handlers.onDrag?.(id, last);
      };
      let done = false;
      const end = (at: [number, number] | null) => {
        if (done) return;
        done = true;
        perfMark("drag:up");
        m.off("mousemove", move);
        m.off("mouseup", up);
        window.removeEventListener("mouseup", outside);
        this.dragging = false;
        m.getCanvas().style.cursor = "";
        if (at === null && this.handlers.onDragCancel) this.handlers.onDragCancel(id);
        else this.handlers.onDrop?.(id, at ?? last);
      };
      const up = (ev: MapMouseEvent) => end([ev.lngLat.lng, ev.lngLat.lat]);
      // released off the map (over a panel, outside the window): cancelled, the site back where it was (the re-trial:
      // dropped at the map's edge it landed in a county never pointed at), not a drag left open until the next click
      const outside = () => end(null);
      m.on("mousemove", move);
      m.on("mouseup", up);
      window.addEventListener("mouseup", outside);
    });
    m.addImage(LABEL_PLATE, labelPlateImage());
    for (const layer of labelLayers()) addLayer(layer);
    this.labelFitter = new LabelFitter(m);
    for (const layer of markLayers()) addLayer(layer);
    m._update(true);
    // the pointer cursor over a facility: one query of the facility layers per move (a listener per layer queried
    // each layer on every move), none while a site is dragged or in add mode (their cursors stay)
    let overFacility = false;
    m.on("mousemove", (e: MapMouseEvent) => {
      if (this.dragging || this.handlers.onMapClick) return;
      const over = m.queryRenderedFeatures(e.point, { layers: facilityIds.filter((id) => m.getLayer(id)) }).length > 0;
      if (over !== overFacility) m.getCanvas().style.cursor = over ? "pointer" : "";
      overFacility = over;
    });
  }

  /** Sets a GeoJSON source's data when it changed (by identity). */
  /**
   * Sets a GeoJSON source's data when it changed (by identity). With `incremental`, only the features that differ
   * from the previous data are sent (MapLibre's updateData), so dragging one site does not re-tile thousands.
   */
  /**
   * Sets a source's data unless it is the one set last. `incremental`: only the features that changed are sent
   * (features need ids). `unlessEqual`: nothing is sent when the new data is equal in value to the last (a
   * re-analysis returns new objects for gaps and urban areas a drag did not change; MapLibre would serialise,
   * re-tile and redraw them all).
   */
  async setData(
    sourceId: string,
    data: FeatureCollection,
    opts: { incremental?: boolean; unlessEqual?: boolean } = {},
  ) {
    if (!this.ready) {
      const epoch = this.epoch;
      await this.loaded;
      if (epoch !== this.epoch) return;
    }
    const prev = this.lastData.get(sourceId) as FeatureCollection | undefined;
    if (prev === data) return;
    this.lastData.set(sourceId, data);
    if (opts.unlessEqual) {
      const json = JSON.stringify(data.features);
      const same = this.lastJson.get(sourceId) === json;
      this.lastJson.set(sourceId, json);
      if (same) return;
    }
    // a source installed empty, or last sent empty, is not sent empty again (its tiles would be made and drawn again)
    const empty = data.features.length === 0;
    const wasEmpty = prev ? prev.features.length === 0 : true;
    if (empty && wasEmpty) return;
    const source = this.map.getSource(sourceId) as GeoJSONSource | undefined;
    if (!source) return;
    if (this.firstLoads.has(sourceId)) {
      this.firstLoads.set(sourceId, data);
      return;
    }
    const diff = opts.incremental && prev ? featureDiff(prev, data) : null;
    if (diff) {
      if (diff.add.length || diff.remove.length) {
        this.noteSend(sourceId);
        source.updateData(diff);
      }
    } else {
      this.noteSend(sourceId);
      source.setData(data);
    }
  }

  /**
   * County polygons with their tints. A new analysis changes only the tints (`status`): they go to the map as feature
   * state, so the boundaries are not sent, re-tiled and uploaded again (each tile that arrives is a frame); anything
   * else (another city, the focus county, the rule set's context counties, the counties the list does not cover)
   * sends the collection again.
   */
  async setCounties(data: FeatureCollection) {
    if (!this.ready) {
      const epoch = this.epoch;
      await this.loaded;
      if (epoch !== this.epoch) return;
    }
    if (this.lastData.get(SRC.counties) === data) return;
    this.lastData.set(SRC.counties, data);
    const source = this.map.getSource(SRC.counties) as GeoJSONSource | undefined;
    if (!source) return;
    const code = (f: FeatureCollection["features"][number]) => String(f.properties?.code);
    const shape = this.countyShape;
    const same =
      data.features.length === shape.size &&
      data.features.every((f) => {
        const s = shape.get(code(f));
        return (
          !!s &&
          s.geometry === f.geometry &&
          s.focus === f.properties?.focus &&
          s.context === f.properties?.context &&
          s.unlisted === f.properties?.unlisted
        );
      });
    if (!same) {
      shape.clear();
      for (const f of data.features)
        shape.set(code(f), {
          geometry: f.geometry,
          focus: f.properties?.focus,
          context: f.properties?.context,
          unlisted: f.properties?.unlisted,
        });
      this.countyStatus.clear();
      if (this.firstLoads.has(SRC.counties)) this.firstLoads.set(SRC.counties, data);
      else {
        this.noteSend(SRC.counties);
        source.setData(data);
      }
    }
    for (const f of data.features) {
      const status = String(f.properties?.status ?? "none");
      if (this.countyStatus.get(code(f)) === status) continue;
      this.countyStatus.set(code(f), status);
      this.map.setFeatureState({ source: SRC.counties, id: code(f) }, { status });
    }
  }

  /**
   * Resolves true once a frame has drawn one of `codes`' counties in view (a new session's counties, put on the map
   * before the app is rebuilt), or false once `timeoutMs` have passed (checked by a timer and after each frame: on a
   * loaded machine a frame can hold the timer back by seconds).
   */
  whenCountiesDrawn(codes: ReadonlySet<string>, timeoutMs: number): Promise<boolean> {
    const m = this.map;
    const start = performance.now();
    return new Promise((resolve) => {
      const check = () => {
        const drawn = m
          .queryRenderedFeatures({ layers: [COUNTY_FILL] })
          .some((f) => codes.has(String(f.properties.code)));
        if (drawn || performance.now() - start >= timeoutMs) done(drawn);
      };
      const done = (drawn: boolean) => {
        clearTimeout(timer);
        m.off("render", check);
        resolve(drawn);
      };
      const timer = setTimeout(() => done(false), timeoutMs);
      m.on("render", check);
      m.triggerRepaint();
    });
  }

  async setLayerVisible(layerId: string, visible: boolean) {
    await this.loaded;
    setVisibility(this.map, layerId, visible);
  }

  /**
   * Shows the legend categories that are `visible` and leaves the others out of the facility layers' filters (their
   * markers, proposed sites and rings). Unchanged categories change nothing: a filter set re-tiles its source.
   */
  async setFacilitiesVisible(visible: Readonly<Record<LayerKey, boolean>>) {
    await this.loaded;
    const hidden = LAYER_KEYS.filter((k) => !visible[k]);
    for (const kind of Object.keys(FACILITY_LAYERS) as FacilityLayerKind[])
      setFilterIfChanged(this.map, FACILITY_LAYERS[kind], facilityFilter(kind, hidden));
  }

  async highlightCounty(code: string | null) {
    await this.loaded;
    setFilterIfChanged(this.map, COUNTY_HIGHLIGHT, ["==", ["get", "code"], code ?? ""]);
  }

  flyTo(lngLat: [number, number], zoom = 11) {
    this.map.flyTo({ center: lngLat, zoom, duration: 600 });
  }

  /** Shows `center` at `zoom` at once (a view kept over a reload). */
  jumpTo(center: [number, number], zoom: number) {
    this.map.jumpTo({ center, zoom });
  }

  fitBounds(bbox: [number, number, number, number], animate = false) {
    this.map.fitBounds(
      [
        [bbox[0], bbox[1]],
        [bbox[2], bbox[3]],
      ],
      { padding: { top: 30, left: 30, right: 50, bottom: 56 }, animate },
    );
  }

  /**
   * County names for the label layer: one point each, ranked (lower first) for collision handling, with the room
   * around the point in km (the label layer draws names with little room smaller when zoomed out).
   */
  setCountyLabels(
    labels: Array<{
      code: string;
      text: string;
      lngLat: [number, number];
      roomKm: number;
      focus?: boolean;
      rank: number;
    }>,
  ) {
    const epoch = this.epoch;
    this.loaded.then(() => {
      if (epoch !== this.epoch) return; // a new session came first
      this.labelFitter?.setLabels({
        type: "FeatureCollection",
        features: labels.map((l) => ({
          type: "Feature",
          geometry: { type: "Point", coordinates: l.lngLat },
          properties: { code: l.code, name: l.text, focus: !!l.focus, rank: l.rank, room: l.roomKm },
        })),
      });
    });
  }

  showPopup(lngLat: [number, number], content: HTMLElement) {
    this.popup?.remove();
    this.popup = new Popup({ closeButton: true, maxWidth: "320px" })
      .setLngLat(lngLat)
      .setDOMContent(content)
      .addTo(this.map);
  }

  closePopup() {
    this.popup?.remove();
    this.popup = null;
  }

  setBasemap(url: string | undefined) {
    const m = this.map;
    this.basemapUrl = url;
    if (m.getLayer("basemap")) m.removeLayer("basemap");
    if (m.getSource(SRC.basemap)) m.removeSource(SRC.basemap);
    if (!url) return;
    m.addSource(SRC.basemap, { type: "raster", tiles: [url], tileSize: 256, attribution: "basemap: user-configured" });
    m.addLayer({ id: "basemap", type: "raster", source: SRC.basemap, paint: { "raster-opacity": 0.75 } }, COUNTY_FILL);
  }

  /**
   * Takes the map back to what a new controller shows once loaded, keeping the map itself (a new session): every
   * source the app filled is emptied (facilities, proposed sites, gaps, rings, isochrones, urban areas, the 15 km
   * ring, marks), the county highlight and tints, the popup, the handlers and a camera move under way end. With
   * `keepCounties` (the next session opens on the same city) the county polygons and names stay on the map, and the
   * next city's identical data changes only their tints; otherwise they are emptied too. `keepLabels` (default
   * `keepCounties`): the county names stay too (not when the counties kept are another city's, set just before).
   * What the app sets on every mount (layer visibility, the basemap, the camera's fit) it sets again.
   */
  reset({ keepCounties, keepLabels = keepCounties }: { keepCounties: boolean; keepLabels?: boolean }) {
    this.epoch++;
    // the frames are held until the next app on this map (a new session's, or React's development double mount, which
    // resets the map it has just made) hands it its first analysis (drawWhenLoaded) and the sources have tiled it
    this.handlers = {};
    this.closePopup();
    this.dragging = false;
    const m = this.map;
    m.stop();
    m.getCanvas().style.cursor = "";
    if (!this.ready) return; // nothing was installed or sent yet
    this.holdFrames();
    for (const [id, data] of this.lastData) {
      if (id === SRC.counties && keepCounties) continue;
      this.lastData.delete(id);
      this.lastJson.delete(id);
      if ((data as FeatureCollection).features.length === 0) continue;
      (m.getSource(id) as GeoJSONSource | undefined)?.setData(EMPTY);
    }
    // the last session's verdicts go with it: the counties kept are drawn untinted until the new analysis tints them
    this.countyStatus.clear();
    m.removeFeatureState({ source: SRC.counties });
    if (!keepCounties) this.countyShape.clear();
    if (!keepLabels) this.labelFitter?.setLabels(EMPTY as FeatureCollection<Point>);
    setFilterIfChanged(m, COUNTY_HIGHLIGHT, ["==", ["get", "code"], ""]);
  }

  destroy() {
    this.endHold();
    this.map.remove();
  }
}
