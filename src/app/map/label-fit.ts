import type { Feature, FeatureCollection, LineString, Point } from "geojson";
import type { FilterSpecification, GeoJSONSource, Map as MlMap } from "maplibre-gl";
import {
  anchorKey,
  type Box,
  type LabelForm,
  type LayoutInput,
  labelForms,
  layoutLabels,
  nearestOnBox,
} from "./label-layout";
import {
  COUNTY_LABEL,
  COUNTY_LABEL_LEADER,
  LABEL_FIT_SCALES,
  LABEL_FONTS,
  LABEL_LINE_HEIGHT,
  LABEL_MIN_PX,
  LEADER_OPACITY,
  labelSizePx,
  SRC,
} from "./layers";
import { setFilterIfChanged } from "./style-updates";

/** The share of the view's width or height the names' points must spread over for the names to be fitted. */
const ROOMY_SPAN = 0.3;
/**
 * Pixels MapLibre keeps clear round a name's text, x and y: its plate (icon-text-fit-padding, 2 px a side) and the
 * icon's and text's collision padding (2 px).
 */
const PAD: [number, number] = [4, 2];
/** Extra pixels round every box at first; grown when MapLibre left out a name the layout placed. */
const MARGIN = 1;
const MAX_RETRIES = 2;
/** A far name's leader is drawn when its text is at least this many pixels from its point. */
const LEADER_GAP_PX = 6;

/** How a pass of {@link LabelFitter.settle} ended: the names still not placed (in the frame). */
export interface FitResult {
  unplaced: string[];
  rounds: number;
}

/** The map container's `data-labels` while names are being fitted, and once MapLibre has drawn them. */
export type LabelState = "fitting" | "settled";

const fitters = new WeakMap<MlMap, LabelFitter>();

/** The label fitter installed on a map (MapController installs one), for the print to take over while it draws. */
export function labelFitterOf(map: MlMap): LabelFitter | undefined {
  return fitters.get(map);
}

/**
 * A line's advance in ems, as MapLibre shapes it with the browser's own fonts (no glyph server): each character
 * measured on its own at 48 px (TinySDF draws at 24 px × 2) in the label layer's font stack, summed.
 */
const advances = new Map<string, number>();
let measureCtx: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null = null;
function advanceEm(line: string): number {
  if (!measureCtx) {
    const canvas =
      typeof OffscreenCanvas !== "undefined" ? new OffscreenCanvas(8, 8) : document.createElement("canvas");
    measureCtx = canvas.getContext("2d") as CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;
    // MapLibre's family list: the text-font stack with a generic family after it, unquoted names as written
    measureCtx.font = `normal 400 48px ${[...LABEL_FONTS, "sans-serif"].join(",")}`;
  }
  let sum = 0;
  for (const ch of line) {
    let a = advances.get(ch);
    if (a === undefined) {
      a = measureCtx.measureText(ch).width / 2;
      advances.set(ch, a);
    }
    sum += a;
  }
  return sum / 24;
}

interface FitOptions {
  /** Boxes (CSS px of the map) no name may cover. */
  obstacles: Box[];
  /** The names to place (the print's filter); the others are left as they are. */
  wanted: (code: string) => boolean;
  /** On screen: names that find no place are hidden with the layer's filter (the print keeps its own filter). */
  screen: boolean;
}

/**
 * County names placed in one pass: the fitter measures every name's text, works out where each goes
 * (label-layout.ts: on its point, beside it, in narrower lines, a little smaller down to LABEL_MIN_PX, or farther out
 * with a dot and a leader), and hands MapLibre each name with the one anchor and offset chosen, in the order chosen;
 * MapLibre's collision handling stays the judge (a name it still leaves out makes the fitter try again with wider
 * margins). On screen it fits whenever the camera comes to rest or the overlays over the map change; names stay
 * clear of the overlays (the sample-data notice, the map's controls) and whole inside the view, the focus county's
 * always drawn. Zoomed far out, where the names bunch in a small part of the view, nothing is fitted: MapLibre
 * leaves out the names that collide, as any map does at that scale.
 *
 * The map's container carries `data-labels` ("fitting" or "settled", see {@link LabelState}) and `data-labels-seq`
 * (one more at each settling): browser tests wait on it instead of polling frames.
 */
export class LabelFitter {
  private base: FeatureCollection<Point> | null = null;
  private forms = new Map<string, LabelForm[]>();
  private hidden = new Set<string>();
  /** The data last pushed (as JSON), so an unchanged layout is not sent again. */
  private lastJson = "";
  /** How many leaders were sent last (the source is installed empty). */
  private leaderCount = 0;
  /** The names the last layout placed: MapLibre should have placed each. */
  private expected: string[] = [];
  private checking = false;
  private margin = MARGIN;
  private retries = 0;
  private settledSeq = 0;
  private overlayKey = "";
  private observed = new Set<Element>();
  private resizeObserver: ResizeObserver | null = null;
  private mutationObserver: MutationObserver | null = null;
  private watchedRoot: Element | null = null;
  private scheduled = 0;
  /** While the print draws, the screen's fitting is off (the print runs its own with {@link settle}). */
  suspended = false;

  constructor(private readonly map: MlMap) {
    fitters.set(map, this);
    map.on("movestart", () => {
      if (this.suspended) return;
      this.setState("fitting");
      this.setLeadersVisible(false);
    });
    map.on("moveend", () => {
      if (this.suspended) return;
      this.margin = MARGIN;
      this.retries = 0;
      this.place(this.screenOptions());
    });
    map.on("resize", () => {
      if (!this.suspended) this.schedule();
    });
    map.on("idle", () => {
      if (!this.suspended) this.onIdle();
    });
    map.on("remove", () => {
      this.resizeObserver?.disconnect();
      this.mutationObserver?.disconnect();
    });
    this.watchOverlays();
  }

  /** New names (a city or language switch): measured, then placed at once. */
  setLabels(data: FeatureCollection<Point>) {
    this.base = data;
    this.forms.clear();
    for (const f of data.features)
      this.forms.set(String(f.properties?.code), labelForms(String(f.properties?.name), advanceEm, LABEL_LINE_HEIGHT));
    this.reset();
  }

  /** Placed again from scratch for the screen (after the print). */
  reset() {
    this.margin = MARGIN;
    this.retries = 0;
    this.lastJson = "";
    this.place(this.screenOptions());
  }

  private setState(state: LabelState) {
    const el = this.map.getContainer();
    if (state === "settled") el.dataset.labelsSeq = String(++this.settledSeq);
    el.dataset.labels = state;
  }

  private setLeadersVisible(visible: boolean) {
    if (!this.map.getLayer(COUNTY_LABEL_LEADER)) return;
    const opacity = visible ? LEADER_OPACITY : 0;
    if (this.map.getPaintProperty(COUNTY_LABEL_LEADER, "line-opacity") !== opacity)
      this.map.setPaintProperty(COUNTY_LABEL_LEADER, "line-opacity", opacity);
  }

  /** Fits again on the next frame (several overlay or size changes in one go fit once). */
  private schedule() {
    if (this.scheduled) return;
    this.scheduled = requestAnimationFrame(() => {
      this.scheduled = 0;
      if (!this.suspended && !this.map.isMoving()) this.place(this.screenOptions());
    });
  }

  /**
   * The element whose children float over the map: the app's `.map-wrap` (the map's container sits in a box inside
   * it, which a new session's app takes over), else the container's parent.
   */
  private overlayRoot(): Element | null {
    const container = this.map.getContainer();
    return container.closest(".map-wrap") ?? container.parentElement;
  }

  /**
   * What floats over the map: the overlay root's other children (notices, banners) and MapLibre's controls. Their
   * size or number changing fits the names again.
   */
  private overlayElements(): Element[] {
    const container = this.map.getContainer();
    const root = this.overlayRoot();
    if (root && root !== this.watchedRoot) {
      // the map moved into a new app's box (新建会话): watch the new one's overlays
      this.watchedRoot = root;
      this.mutationObserver?.observe(root, { childList: true });
    }
    // not the note shown until the map is drawn (`data-labels-ignore`): it goes with the first frame that shows the
    // names, and fitting them round it placed them all again, a second tiling and frame, on the way to the ready map
    const beside = root
      ? [...root.children].filter((e) => !e.contains(container) && !e.hasAttribute("data-labels-ignore"))
      : [];
    return [...beside, ...container.querySelectorAll(".maplibregl-ctrl")];
  }

  private watchOverlays() {
    if (typeof ResizeObserver === "undefined" || typeof MutationObserver === "undefined") return;
    this.resizeObserver = new ResizeObserver(() => this.onOverlaysChanged());
    this.mutationObserver = new MutationObserver(() => this.onOverlaysChanged());
    const container = this.map.getContainer();
    this.mutationObserver.observe(container, { childList: true, subtree: true });
    this.onOverlaysChanged();
  }

  private onOverlaysChanged() {
    for (const el of this.overlayElements())
      if (!this.observed.has(el)) {
        this.observed.add(el);
        this.resizeObserver?.observe(el);
      }
    const key = JSON.stringify(this.overlayBoxes());
    if (key === this.overlayKey) return;
    this.overlayKey = key;
    if (!this.suspended && this.base) this.schedule();
  }

  /** The overlays' boxes in CSS px of the map's canvas (those with a size). */
  private overlayBoxes(): Box[] {
    const canvas = this.map.getCanvas().getBoundingClientRect();
    const out: Box[] = [];
    for (const el of this.overlayElements()) {
      const r = el.getBoundingClientRect();
      if (r.width < 1 || r.height < 1) continue;
      if (getComputedStyle(el).visibility === "hidden") continue;
      const b: Box = [r.left - canvas.left, r.top - canvas.top, r.right - canvas.left, r.bottom - canvas.top];
      // only what lies over the map
      if (b[2] <= 0 || b[3] <= 0 || b[0] >= canvas.width || b[1] >= canvas.height) continue;
      out.push(b);
    }
    return out;
  }

  private screenOptions(): FitOptions {
    return { obstacles: this.overlayBoxes(), wanted: () => true, screen: true };
  }

  private viewSize(): { width: number; height: number } {
    const { width, height } = this.map.getCanvas().getBoundingClientRect();
    return { width, height };
  }

  /**
   * Whether the names in view have room to be fitted: at most one name, or their points spread over at least
   * {@link ROOMY_SPAN} of the view's width or height (a city or county in view spans most of it; zoomed out to a
   * province, a city's names bunch in a corner of it).
   */
  private roomy(points: Array<{ x: number; y: number }>): boolean {
    if (points.length <= 1) return true;
    const { width, height } = this.viewSize();
    const xs = points.map((p) => p.x);
    const ys = points.map((p) => p.y);
    return (
      (Math.max(...xs) - Math.min(...xs)) / width >= ROOMY_SPAN ||
      (Math.max(...ys) - Math.min(...ys)) / height >= ROOMY_SPAN
    );
  }

  /**
   * Works out every name's place for the current view and pushes the names (and the far names' leaders) to the map
   * when they differ from what it has. Returns the names the layout placed.
   */
  private place(opts: FitOptions): string[] {
    if (!this.base || !this.map.getLayer(COUNTY_LABEL)) return [];
    this.setState("fitting");
    const { width, height } = this.viewSize();
    const zoom = this.map.getZoom();
    const inView: Array<{ f: Feature<Point>; x: number; y: number }> = [];
    for (const f of this.base.features) {
      const p = this.map.project(f.geometry.coordinates as [number, number]);
      if (p.x >= 0 && p.y >= 0 && p.x <= width && p.y <= height) inView.push({ f, x: p.x, y: p.y });
    }
    const features: Array<Feature<Point>> = [];
    const leaders: Array<Feature<LineString>> = [];
    this.hidden.clear();
    let placedCodes: string[];
    if (!this.roomy(inView)) {
      // zoomed far out: every name as it comes, MapLibre leaves out those that collide
      features.push(...this.base.features);
      placedCodes = [];
    } else {
      const wanted = inView.filter(({ f }) => opts.wanted(String(f.properties?.code)));
      const inputs: LayoutInput[] = wanted.map(({ f, x, y }) => {
        const p = f.properties ?? {};
        return {
          code: String(p.code),
          x,
          y,
          forms: this.forms.get(String(p.code)) ?? [],
          sizePx: labelSizePx(zoom, {
            focus: p.focus === true,
            roomKm: p.room,
            twoLines: String(p.name).includes("\n"),
          }),
          focus: p.focus === true,
          rank: Number(p.rank),
        };
      });
      const layout = layoutLabels(inputs, {
        width,
        height,
        obstacles: opts.obstacles,
        minPx: LABEL_MIN_PX,
        scales: LABEL_FIT_SCALES,
        pad: PAD,
        margin: this.margin,
        keepInView: true,
      });
      const byCode = new Map(layout.placed.map((p) => [p.code, p]));
      placedCodes = layout.placed.map((p) => p.code);
      const last = layout.placed.length;
      for (const f of this.base.features) {
        const code = String(f.properties?.code);
        const at = byCode.get(code);
        if (!at) {
          // no place found (or out of view): hidden on screen; in the print, after every placed name
          if (opts.screen) this.hidden.add(code);
          features.push({ ...f, properties: { ...f.properties, rank: last + Number(f.properties?.rank ?? 0) + 1 } });
          continue;
        }
        const form = this.forms.get(code)?.[at.form];
        features.push({
          ...f,
          properties: {
            ...f.properties,
            // the lines drawn (the name's own, or broken narrower); `name` stays the county's name
            text: form ? form.lines.join("\n") : f.properties?.name,
            scale: at.scale,
            vak: anchorKey(at.anchor, at.radiusEm),
            far: at.far,
            rank: at.order,
          },
        });
        if (at.far) {
          const { x, y } = this.map.project(f.geometry.coordinates as [number, number]);
          const inner: Box = [
            at.box[0] + PAD[0] + this.margin,
            at.box[1] + PAD[1] + this.margin,
            at.box[2] - PAD[0] - this.margin,
            at.box[3] - PAD[1] - this.margin,
          ];
          const [ex, ey] = nearestOnBox(x, y, inner);
          if (Math.hypot(ex - x, ey - y) >= LEADER_GAP_PX) {
            const end = this.map.unproject([ex, ey]);
            leaders.push({
              type: "Feature",
              properties: { code },
              geometry: { type: "LineString", coordinates: [f.geometry.coordinates, [end.lng, end.lat]] },
            });
          }
        }
      }
    }
    this.expected = placedCodes;
    const json = JSON.stringify([features, leaders, opts.screen ? [...this.hidden] : null]);
    if (json !== this.lastJson) {
      this.lastJson = json;
      // the filter first, then the data: the data's tiles are made with it (a filter set after would make them again)
      if (opts.screen) setFilterIfChanged(this.map, COUNTY_LABEL, this.filter());
      (this.map.getSource(SRC.labels) as GeoJSONSource | undefined)?.setData({ type: "FeatureCollection", features });
      // no leaders sent where there were none (an empty source set empty again is tiled again)
      if (leaders.length > 0 || this.leaderCount > 0)
        (this.map.getSource(SRC.labelLeaders) as GeoJSONSource | undefined)?.setData({
          type: "FeatureCollection",
          features: leaders,
        });
      this.leaderCount = leaders.length;
    }
    this.setLeadersVisible(true);
    this.checking = true;
    // the check is made at the map's next idle, after it drew what it has
    this.map.triggerRepaint();
    return placedCodes;
  }

  /** The codes of the names MapLibre placed. */
  private placed(): Set<string> {
    return new Set(this.map.queryRenderedFeatures({ layers: [COUNTY_LABEL] }).map((f) => String(f.properties.code)));
  }

  /** The names the layout placed that MapLibre left out. */
  private missing(): string[] {
    const placed = this.placed();
    return this.expected.filter((c) => !placed.has(c));
  }

  private onIdle() {
    if (!this.checking) return;
    if (this.missing().length > 0 && this.retries < MAX_RETRIES) {
      // the measured text was narrower than MapLibre's: more room round every name
      this.retries++;
      this.margin += 2;
      this.place(this.screenOptions());
      return;
    }
    this.checking = false;
    this.setState("settled");
  }

  /** The label layer's filter: the hidden names left out (none: no filter). */
  filter(): FilterSpecification | null {
    return this.hidden.size ? ["!", ["in", ["get", "code"], ["literal", [...this.hidden]]]] : null;
  }

  /**
   * Fits the names for a still frame (the print) in one pass and waits for the map to draw them (`idle` resolves
   * when it has); if MapLibre left out a name the layout placed, once or twice more with wider margins. No name is
   * hidden and the layer's filter is left to the print (`wanted`: the names its filter draws; `obstacles`: boxes no
   * name may cover, CSS px of the map). Returns the names not placed.
   */
  async settle(
    idle: () => Promise<void>,
    wanted: (code: string) => boolean = () => true,
    obstacles: Box[] = [],
  ): Promise<FitResult> {
    this.margin = MARGIN;
    this.lastJson = "";
    let rounds = 0;
    const opts: FitOptions = { obstacles, wanted, screen: false };
    this.place(opts);
    for (;;) {
      await idle();
      if (rounds >= MAX_RETRIES || this.missing().length === 0) break;
      rounds++;
      this.margin += 2;
      this.place(opts);
    }
    this.checking = false;
    const placed = this.placed();
    const { width, height } = this.viewSize();
    const unplaced = (this.base?.features ?? [])
      .filter((f) => {
        const p = this.map.project(f.geometry.coordinates as [number, number]);
        return p.x >= 0 && p.y >= 0 && p.x <= width && p.y <= height;
      })
      .map((f) => String(f.properties?.code))
      .filter((code) => wanted(code) && !placed.has(code));
    return { unplaced, rounds };
  }
}
