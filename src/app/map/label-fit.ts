import type { Feature, FeatureCollection, Point } from "geojson";
import type { FilterSpecification, GeoJSONSource, Map as MlMap } from "maplibre-gl";
import { COUNTY_LABEL, LABEL_FIT_SCALES, SRC } from "./layers";

const MAX_FIT = LABEL_FIT_SCALES.length - 1;
/** Rounds of fitting after a camera move: every step for a name, then its neighbours' steps once it goes first. */
const MAX_ROUNDS = 2 * MAX_FIT + 4;
/** The share of the view's width or height the names' points must spread over for the names to be fitted. */
const ROOMY_SPAN = 0.3;

/** How a pass of {@link LabelFitter.settle} ended: the names still not placed (in the frame) after the last step. */
export interface FitResult {
  unplaced: string[];
  rounds: number;
}

const fitters = new WeakMap<MlMap, LabelFitter>();

/** The label fitter installed on a map (MapController installs one), for the print to take over while it draws. */
export function labelFitterOf(map: MlMap): LabelFitter | undefined {
  return fitters.get(map);
}

/**
 * County names that collide are not dropped: MapLibre's collision handling places the names in rank order and leaves
 * out a name that overlaps one placed before; this fitter then draws the left-out names smaller, a step at a time
 * (LABEL_FIT_SCALES), until every name whose point is in view is placed or the smallest step is reached. On screen it
 * runs whenever the map is idle after the camera moved; a name shrunk at one zoom grows back when the zoom changes.
 * On screen a neighbour's name that would be cut by the map's edge is not drawn at all (only whole names, as on a
 * county print); the focus county's name always is. Zoomed far out, where the names bunch in a small part of the view,
 * nothing is fitted: MapLibre leaves out the names that collide, as any map does at that scale.
 */
export class LabelFitter {
  private base: FeatureCollection<Point> | null = null;
  private fits = new Map<string, number>();
  private hidden = new Set<string>();
  /** Names still not placed at the smallest step: placed before the others (after the focus county's) next time. */
  private first = new Set<string>();
  /** Names not placed even first: set beside their point, farther out (the layer draws their point as a dot). */
  private far = new Set<string>();
  private cameraKey = "";
  private fitZoom = Number.NaN;
  private rounds = 0;
  /** While the print draws, the screen's fitting is off (the print runs its own with {@link settle}). */
  suspended = false;

  constructor(private readonly map: MlMap) {
    fitters.set(map, this);
    map.on("idle", () => {
      if (!this.suspended) this.onIdle();
    });
  }

  /** New names (a city or language switch): every name back to full size and shown. */
  setLabels(data: FeatureCollection<Point>) {
    this.base = data;
    this.reset();
  }

  /** Every name at full size, none hidden, pushed to the map. */
  reset() {
    this.fits.clear();
    this.first.clear();
    this.far.clear();
    this.hidden.clear();
    this.rounds = 0;
    this.cameraKey = "";
    this.fitZoom = Number.NaN;
    this.push();
  }

  /** The codes of the names whose point is inside the map's `w` × `h` view. */
  private inView(): Array<Feature<Point>> {
    const { width, height } = this.map.getCanvas().getBoundingClientRect();
    return (this.base?.features ?? []).filter((f) => {
      const p = this.map.project(f.geometry.coordinates as [number, number]);
      return p.x >= 0 && p.y >= 0 && p.x <= width && p.y <= height;
    });
  }

  /**
   * Whether the names in view have room to be fitted: at most one name, or their points spread over at least
   * {@link ROOMY_SPAN} of the view's width or height (a city or county in view spans most of it; zoomed out to a
   * province, a city's names bunch in a corner of it).
   */
  private roomy(): boolean {
    const shown = this.inView();
    if (shown.length <= 1) return true;
    const { width, height } = this.map.getCanvas().getBoundingClientRect();
    let x0 = Number.POSITIVE_INFINITY;
    let y0 = Number.POSITIVE_INFINITY;
    let x1 = Number.NEGATIVE_INFINITY;
    let y1 = Number.NEGATIVE_INFINITY;
    for (const f of shown) {
      const p = this.map.project(f.geometry.coordinates as [number, number]);
      x0 = Math.min(x0, p.x);
      x1 = Math.max(x1, p.x);
      y0 = Math.min(y0, p.y);
      y1 = Math.max(y1, p.y);
    }
    return (x1 - x0) / width >= ROOMY_SPAN || (y1 - y0) / height >= ROOMY_SPAN;
  }

  private placed(): Set<string> {
    return new Set(this.map.queryRenderedFeatures({ layers: [COUNTY_LABEL] }).map((f) => String(f.properties.code)));
  }

  /**
   * One step: each name in view that is not placed (of those `wanted`) is drawn a step smaller. True when something
   * changed.
   */
  private step(wanted: (code: string) => boolean = () => true): boolean {
    const placed = this.placed();
    let changed = false;
    for (const f of this.inView()) {
      const code = String(f.properties?.code);
      if (placed.has(code) || this.hidden.has(code) || !wanted(code)) continue;
      const fit = this.fits.get(code) ?? 0;
      if (fit < MAX_FIT) {
        this.fits.set(code, fit + 1);
        changed = true;
      } else if (!this.first.has(code)) {
        // the most constrained name goes first; its neighbours, with more room, move or shrink round it
        this.first.add(code);
        changed = true;
      } else if (!this.far.has(code)) {
        // still no room: beside its point, farther out, with the point marked
        this.far.add(code);
        changed = true;
      }
    }
    return changed;
  }

  /**
   * The names (other than the focus county's) that the map's edge cuts: a placed name whose box reaches into a 1 px
   * strip along an edge of the view (MapLibre's query of rendered symbols tests their boxes, halo and padding in).
   */
  private cutByEdge(): string[] {
    const { width: w, height: h } = this.map.getCanvas().getBoundingClientRect();
    const strips: Array<[[number, number], [number, number]]> = [
      [
        [0, 0],
        [w, 1],
      ],
      [
        [0, h - 1],
        [w, h],
      ],
      [
        [0, 0],
        [1, h],
      ],
      [
        [w - 1, 0],
        [w, h],
      ],
    ];
    const out = new Set<string>();
    for (const s of strips)
      for (const f of this.map.queryRenderedFeatures(s, { layers: [COUNTY_LABEL] }))
        if (f.properties.focus !== true) out.add(String(f.properties.code));
    return [...out];
  }

  private onIdle() {
    if (!this.base || !this.map.getLayer(COUNTY_LABEL)) return;
    const c = this.map.getCenter();
    const zoom = this.map.getZoom();
    const key = `${zoom.toFixed(3)} ${c.lng.toFixed(5)} ${c.lat.toFixed(5)} ${this.map.getCanvas().width}`;
    if (key !== this.cameraKey) {
      // the camera moved: shown names are judged again at the edge; a zoom change lets shrunk names grow back
      this.cameraKey = key;
      this.rounds = 0;
      const regrow = !(Math.abs(zoom - this.fitZoom) < 0.25) && this.fits.size > 0;
      if (regrow) {
        this.fits.clear();
        this.first.clear();
        this.far.clear();
      }
      this.fitZoom = zoom;
      if (regrow || this.hidden.size > 0) {
        this.hidden.clear();
        this.push();
        return; // judged at the next idle, with the names at full size and all shown
      }
    }
    if (this.rounds >= MAX_ROUNDS) return;
    this.rounds++;
    // zoomed far out (the names' points bunched in a small part of the view) names are left out as MapLibre's
    // collision handling leaves them, instead of piling up small: fitting is for views where the city has room
    let changed = this.roomy() ? this.step() : false;
    for (const code of this.cutByEdge())
      if (!this.hidden.has(code)) {
        this.hidden.add(code);
        changed = true;
      }
    if (changed) this.push();
  }

  /** The label source's data with each name's fit step, and (`filter`) the layer's filter leaving out hidden names. */
  private push(filter = true) {
    const source = this.map.getSource(SRC.labels) as GeoJSONSource | undefined;
    if (!source || !this.base) return;
    source.setData({
      type: "FeatureCollection",
      features: this.base.features.map((f) => {
        const code = String(f.properties?.code);
        const fit = this.fits.get(code) ?? 0;
        const rank = this.first.has(code) ? -0.5 : f.properties?.rank;
        const far = this.far.has(code);
        return fit || far || rank !== f.properties?.rank
          ? { ...f, properties: { ...f.properties, fit, rank, far } }
          : f;
      }),
    });
    if (filter && this.map.getLayer(COUNTY_LABEL)) this.map.setFilter(COUNTY_LABEL, this.filter());
  }

  /** The label layer's filter: the hidden names left out (none: no filter). */
  filter(): FilterSpecification | null {
    return this.hidden.size ? ["!", ["in", ["get", "code"], ["literal", [...this.hidden]]]] : null;
  }

  /**
   * Fits the names for a still frame (the print): from full size, a step at a time, each name in view that is not
   * placed drawn smaller, waiting for the map to draw each step; `idle` resolves when the map has drawn. No name is
   * hidden at the edge here and the layer's filter is left to the print (`wanted`: the names its filter draws).
   * Returns the names still not placed at the smallest step.
   */
  async settle(idle: () => Promise<void>, wanted: (code: string) => boolean = () => true): Promise<FitResult> {
    this.fits.clear();
    this.first.clear();
    this.far.clear();
    this.hidden.clear();
    this.push(false);
    let rounds = 0;
    for (;;) {
      await idle();
      if (rounds >= MAX_ROUNDS || !this.step(wanted)) break;
      rounds++;
      this.push(false);
    }
    const placed = this.placed();
    const unplaced = this.inView()
      .map((f) => String(f.properties?.code))
      .filter((code) => wanted(code) && !placed.has(code));
    return { unplaced, rounds };
  }
}
