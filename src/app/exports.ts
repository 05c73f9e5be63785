import type { FeatureCollection } from "geojson";
import type {
  FilterSpecification,
  GeoJSONSource,
  LineLayerSpecification,
  Map as MlMap,
  SymbolLayerSpecification,
} from "maplibre-gl";
import { STACK_RING_PX } from "./map/features";
import { labelFitterOf } from "./map/label-fit";
import {
  ANALYSIS_STYLES,
  COUNTY_HIGHLIGHT,
  COUNTY_LABEL,
  FACILITY_LAYERS,
  hiddenCategories,
  LABEL_FONTS,
  labelLayers,
  markLayers,
  SRC,
} from "./map/layers";
import { LAYER_STYLES, type LayerKey } from "./map/symbology";
import { PT_PER_PX_300DPI, wrapLines } from "./print-layout";
import {
  PRINT_FOCUS,
  PRINT_FORCED,
  PRINT_GAP_HALO,
  PRINT_GAP_OVER,
  PRINT_MASK,
  PRINT_URBAN_HALO,
  PRINT_URBAN_OVER,
  PRINT_URBAN_TOP,
  type PrintLegendItem,
  type PrintMark,
  printLegend,
  urbanPartKey,
} from "./print-legend";
import {
  contrast,
  EDGE_CONTRAST,
  enclosingCircle,
  hexRgb,
  legibleOn,
  MARK_MIN_CONTRAST,
  type MarkerDisc,
  outlineHidden,
  over as overWhite,
} from "./print-marks";

declare global {
  interface Window {
    /**
     * Test hook: the last print's paper, title, the county names it drew (the label layer's placed symbols in its
     * frame) and its legend.
     */
    __hfpPrint?: {
      paper: Paper;
      title: string;
      labels: string[];
      legend: string[];
      /**
       * The legend's entries: label, colour, the map layers that drew their marks, and where the swatch is on the page
       * (page px of its centre, or of a point on its outline for a ring).
       */
      legendItems?: Array<{
        label: string;
        color: string;
        shape: string;
        layers: string[];
        at: [number, number];
        /** The page box the swatch takes (x, y, width, height). */
        box: [number, number, number, number];
      }>;
      /** Layers drawn on the print that no legend entry stands for (none is the aim). */
      unlabelled?: string[];
      side?: string[];
      /** The names' boxes as MapLibre placed them (its collision boxes, CSS px of the printed map, padding in). */
      labelBoxes?: Array<[number, number, number, number]>;
      /** Names drawn over others as a last resort (none when every name found room). */
      forced?: string[];
      /** The map's frame on the page (page px: x, y, width, height) and what it shows ([west, south, east, north]). */
      frame?: [number, number, number, number];
      view?: [number, number, number, number];
      /** The screen's selection layers (selected violation, suggested sites, selected county) hidden for the print. */
      hidden?: string[];
      /**
       * The facility markers drawn (print-legend.ts PrintMark) in page px: centre, radius as drawn and place in a
       * stack of markers at one site (0 drawn whole; 1, 2… a ring `ringPx` wide inside its radius).
       */
      marks?: Array<Omit<PrintMark, "x" | "y" | "r"> & { at: [number, number]; r: number }>;
      ringPx?: number;
      /**
       * The words above and below the map as set: each block's lines, size (page px and points at 300 dpi), box (page
       * px: x, y, width allowed, height taken) and each line's measured width.
       */
      text?: Array<{
        role: string;
        lines: string[];
        px: number;
        pt: number;
        box: [number, number, number, number];
        widths: number[];
      }>;
    };
  }
}

/** Saves text or bytes as a file through the browser's download. */
export function download(fileName: string, content: string | Uint8Array, mime: string) {
  const blob = new Blob([content as BlobPart], { type: mime });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Paper sizes of the print PNG, landscape, in pixels at 300 dpi. */
export const PAPER_PX = { A4: [3508, 2480], A3: [4961, 3508] } as const;
export type Paper = keyof typeof PAPER_PX;

/** What the print PNG shows beside the map. */
export interface PrintPage {
  paper: Paper;
  title: string;
  /**
   * Under the title, each a paragraph set across the page on the lines it needs: the rule set, then the parameters
   * and the urban-area definition.
   */
  subtitle: string[];
  /** Date as printed. */
  date: string;
  /** The scale line for a representative fraction ("1:533,000" written as "533,000") and the paper. */
  scaleLine: (rf: string, paper: Paper) => string;
  /** The legend's heading (图例 / Legend). */
  legendHeading: string;
  /**
   * A legend entry's words in the page's language. The entries themselves are what the print draws (print-legend.ts):
   * the layers visible at print time, with the paint each mark was drawn with.
   */
  legendLabel: (l: { zh: string; en: string }) => string;
  /**
   * What the map frames, whatever the screen shows: [west, south, east, north] in degrees (the whole city or one
   * county). North is up. County names are the map's own label layer, placed with its collision handling.
   */
  bounds: [number, number, number, number];
  /**
   * A county print: the county's code. Its outline is drawn strong and the other counties dimmed (kept as faint
   * context, their names in grey); a context name is drawn only where it fits whole inside the frame.
   */
  focus?: string;
  /** Invented-data notice, printed in red when given. */
  notice?: string;
  /** Data sources and coordinate system, printed small at the foot. */
  footer: string;
}

async function idle(map: MlMap): Promise<void> {
  await new Promise<void>((resolve) => {
    map.once("idle", () => resolve());
    map.triggerRepaint();
  });
}

/** The categories whose markers (and the rings round them at their site) no county name covers on the print. */
const NAME_FREE_CATEGORIES: ReadonlySet<string> = new Set(["county-medical-centre", "sub-centre"]);

/**
 * The boxes (CSS px of the map as framed now) of the county medical centres' and sub-centres' sites, rings included:
 * the print's county names are fitted clear of them (label-fit.ts settle), so the facilities the rules are about are
 * not under a name's plate. The radius as the facility layers draw it at this zoom (layers.ts stackedRadius), plus the
 * widest outline.
 */
async function subjectSiteBoxes(map: MlMap): Promise<Array<[number, number, number, number]>> {
  const source = map.getSource(SRC.facilities) as GeoJSONSource | undefined;
  if (!source) return [];
  const data = (await source.getData()) as FeatureCollection;
  const byPoint = new Map<string, { subject: boolean; r: number; at: [number, number] }>();
  for (const f of data.features) {
    if (f.geometry.type !== "Point" || !f.properties) continue;
    const at = f.geometry.coordinates as [number, number];
    const key = `${at[0]},${at[1]}`;
    const p = f.properties;
    const r = markerRadiusPx(map, p);
    const had = byPoint.get(key);
    byPoint.set(key, {
      subject: (had?.subject ?? false) || NAME_FREE_CATEGORIES.has(String(p.layer)),
      r: Math.max(had?.r ?? 0, r),
      at,
    });
  }
  const out: Array<[number, number, number, number]> = [];
  for (const site of byPoint.values()) {
    if (!site.subject) continue;
    const q = map.project(site.at);
    out.push([q.x - site.r, q.y - site.r, q.x + site.r, q.y + site.r]);
  }
  return out;
}

/**
 * A facility marker's radius as the facility layers draw it at the map's zoom (layers.ts stackedRadius: its own radius,
 * or under another marker at its site the top one's plus the rings between), plus the widest outline (3 CSS px).
 */
function markerRadiusPx(map: MlMap, p: Record<string, unknown>): number {
  const k = 0.8 + (Math.min(10, Math.max(6, map.getZoom())) - 6) * 0.15;
  const own = LAYER_STYLES[p.layer as LayerKey]?.radius ?? 0;
  return (typeof p.stackR === "number" ? p.stackR : own) * k + (typeof p.stackPx === "number" ? p.stackPx : 0) + 3;
}

/**
 * How far (CSS px) a part of the urban area's outline must lie outside every facility marker to be seen beside it: its
 * dashed line is 1.2 px wide.
 */
const URBAN_CLEAR_PX = 2;
/**
 * The urban area drawn where the markers would hide it (PRINT_URBAN_OVER): its dashed line's width (CSS px) and dash
 * (in line widths), the white halo's width under it, and how far the ring stays clear of the markers it encloses.
 */
const URBAN_OVER_LINE_PX = 1.8;
const URBAN_OVER_DASH = [2.5, 1.2];
const URBAN_OVER_HALO_PX = URBAN_OVER_LINE_PX + 2 * 1.4;
const URBAN_OVER_GAP_PX = 3;

/**
 * The EMS coverage gaps' outline drawn again above the facility markers on the print (PRINT_GAP_OVER): its colour (the
 * screen's gap outline, a dark red), width and the white halo under it (CSS px of the printed map). On the city print
 * (A4, 1:1.26 M) the screen's 1 px outline under the markers left the central districts' urban gaps a pale red between
 * the village clinics' dots and the hospitals' markers.
 */
const GAP_OVER_COLOR = "#b10026";
const GAP_OVER_LINE_PX = 2.4;
const GAP_OVER_HALO_PX = GAP_OVER_LINE_PX + 2 * 1.2;

/** The urban area's parts the print draws as a ring round the markers that would hide them (urbanPartsUnderMarkers). */
interface UrbanOver {
  /**
   * Each part's ring (a closed LineString in degrees) with the part's properties and `enlarged: true`, or the part
   * itself (`enlarged: false`) when it is larger than the markers on it.
   */
  rings: FeatureCollection;
  /** The rings' boxes (CSS px of the map as framed now): the county names are fitted clear of them. */
  boxes: Array<[number, number, number, number]>;
  /** The parts drawn as a ring (`county|source`): the legend's plain urban-area entry does not count them. */
  keys: Set<string>;
}

/**
 * The parts of the urban area (its `urban` source: the seats' built-up discs or imported polygons) that the facility
 * markers drawn now would hide on the print: those with over half of their outline's vertices under a marker or within
 * URBAN_CLEAR_PX of one. On 西峡县's county print (A3) its seat's 2 km disc, the county's only part of the urban area,
 * was a circle of 57 page px radius inside its county medical centre's marker and rings (65 px); on the city's print
 * (A4) the county seats' discs (about 18 page px) lay inside theirs (about 44). Drawn again above the markers at their
 * true size (as before), each showed as a dashed arc across the marker, purple on the purple county medical centre.
 * Each such part smaller than a marker on it is now drawn as a closed dashed ring round itself and round every marker
 * centred in it, clear of them (print-marks.ts enclosingCircle), on a white halo, above the markers, and its legend
 * entry says it is drawn larger; a larger part (the central city's discs among their many markers) has its own outline
 * drawn above the markers on the halo.
 */
async function urbanPartsUnderMarkers(map: MlMap): Promise<UrbanOver> {
  const none: UrbanOver = { rings: { type: "FeatureCollection", features: [] }, boxes: [], keys: new Set() };
  const urban = map.getSource(SRC.urban) as GeoJSONSource | undefined;
  if (!urban || (map.getLayoutProperty("urban-line", "visibility") ?? "visible") === "none") return none;
  const parts = ((await urban.getData()) as FeatureCollection).features;
  if (parts.length === 0) return none;
  // the markers drawn: each facility of a category shown (not left out by its layer's filter), existing and proposed
  const markers: MarkerDisc[] = [];
  for (const [src, layerId] of [
    [SRC.facilities, FACILITY_LAYERS.markers],
    [SRC.proposed, FACILITY_LAYERS.proposed],
  ] as const) {
    const source = map.getSource(src) as GeoJSONSource | undefined;
    if (!source || !map.getLayer(layerId)) continue;
    const hidden = hiddenCategories(map.getFilter(layerId));
    for (const f of ((await source.getData()) as FeatureCollection).features) {
      if (f.geometry.type !== "Point" || !f.properties || hidden.has(String(f.properties.layer))) continue;
      const q = map.project(f.geometry.coordinates as [number, number]);
      markers.push({ x: q.x, y: q.y, r: markerRadiusPx(map, f.properties) });
    }
  }
  const out = none;
  for (const f of parts) {
    const g = f.geometry;
    const rings =
      g.type === "Polygon" ? [g.coordinates[0]] : g.type === "MultiPolygon" ? g.coordinates.map((p) => p[0]) : [];
    const pts = rings.flat().map((c) => map.project(c as [number, number]));
    if (!outlineHidden(pts, markers, URBAN_CLEAR_PX)) continue;
    const c = enclosingCircle(pts, markers, URBAN_OVER_GAP_PX);
    if (!c.smaller) {
      // larger than the markers on it: its own outline, above them on the halo
      out.rings.features.push({ ...f, properties: { ...f.properties, enlarged: false } });
      continue;
    }
    const line: number[][] = [];
    for (let i = 0; i <= 96; i++) {
      const t = (i / 96) * 2 * Math.PI;
      line.push(map.unproject([c.x + c.r * Math.cos(t), c.y + c.r * Math.sin(t)]).toArray());
    }
    out.rings.features.push({
      type: "Feature",
      properties: { ...f.properties, enlarged: true },
      geometry: { type: "LineString", coordinates: line },
    });
    const h = c.r + URBAN_OVER_HALO_PX / 2;
    out.boxes.push([c.x - h, c.y - h, c.x + h, c.y + h]);
    out.keys.add(urbanPartKey(f.properties));
  }
  return out;
}

/** The county print's outline colour (a dark blue used by nothing else on the map). */
export const PRINT_FOCUS_COLOR = "#14206e";
/** The county print's neighbours' names: grey-blue, fainter than the county's own. */
export const PRINT_CONTEXT_LABEL_COLOR = "#5a6b8c";
/** The county print's dimming of the other counties: white at this opacity over them. */
export const PRINT_MASK_OPACITY = 0.62;
/** Largest size of a county name on the map, CSS px (labelLayers' text-size), and its offset from its point, em. */
const LABEL_MAX_PX = 14;
const LABEL_OFFSET_EM = 0.5;

/**
 * The codes of the labels that fit whole inside a `w` × `h` CSS-pixel map whichever of their anchors MapLibre picks:
 * the text measured in the label fonts at its largest size, plus its offset, halo and padding, on every side of its
 * point. A name that might be cut at the frame's edge («平县» for 镇平县) is left out of a county print.
 */
async function labelsWhollyInside(map: MlMap, w: number, h: number): Promise<string[]> {
  const ctx = document.createElement("canvas").getContext("2d");
  const source = map.getSource(SRC.labels) as GeoJSONSource | undefined;
  if (!ctx || !source) return [];
  const data = (await source.getData()) as FeatureCollection;
  ctx.font = `${LABEL_MAX_PX}px ${LABEL_FONTS.map((f) => (f === "sans-serif" ? f : `"${f}"`)).join(",")}`;
  const out = new Set<string>();
  for (const f of data.features) {
    if (f.geometry.type !== "Point" || !f.properties) continue;
    const lines = String(f.properties.name).split("\n");
    const tw = Math.max(...lines.map((l) => ctx.measureText(l).width));
    const th = lines.length * 1.2 * LABEL_MAX_PX;
    const slack = LABEL_OFFSET_EM * LABEL_MAX_PX + 6; // offset, halo (1.6), padding (2), rounding
    const p = map.project(f.geometry.coordinates as [number, number]);
    const dx = tw + slack;
    const dy = th + slack;
    if (p.x - dx >= 0 && p.x + dx <= w && p.y - dy >= 0 && p.y + dy <= h) out.add(String(f.properties.code));
  }
  return [...out];
}

/**
 * Test hook: the boxes of the names MapLibre placed in the frame just drawn (its collision index, CSS px of the map,
 * padding in; a name's text and plate boxes joined), read from the map's placement: not public API, empty if that
 * changes. The grid of the index is offset by 100 px.
 */
function placedLabelBoxes(map: MlMap): Array<[number, number, number, number]> {
  type Key = { bucketInstanceId: number; featureIndex: number };
  const grid = (
    map as unknown as {
      style?: { placement?: { collisionIndex?: { grid?: { bboxes?: number[]; boxKeys?: Key[] } } } };
    }
  ).style?.placement?.collisionIndex?.grid;
  const b = grid?.bboxes ?? [];
  const byName = new Map<string, [number, number, number, number]>();
  (grid?.boxKeys ?? []).forEach((k, i) => {
    const id = `${k.bucketInstanceId}:${k.featureIndex}`;
    const box: [number, number, number, number] = [
      b[4 * i] - 100,
      b[4 * i + 1] - 100,
      b[4 * i + 2] - 100,
      b[4 * i + 3] - 100,
    ];
    const had = byName.get(id);
    byName.set(
      id,
      had
        ? [Math.min(had[0], box[0]), Math.min(had[1], box[1]), Math.max(had[2], box[2]), Math.max(had[3], box[3])]
        : box,
    );
  });
  return [...byName.values()];
}

/**
 * What the screen marks for the moment and the print leaves out: a selected violation's marks (enlarged marker, link,
 * the limit's ring), suggested sites not yet accepted, the selected county's outline. None has a legend entry; the
 * print is of the plan and its verdicts, not of what was clicked last (and the enlarged marker hid county names).
 */
export const PRINT_HIDDEN_LAYERS: readonly string[] = [...markLayers().map((l) => l.id), COUNTY_HIGHLIGHT];

/** CSS pixels of the map per page pixel at A4 (the print draws the map at 2.5 page pixels a CSS pixel). */
const PRINT_RATIO = 2.5;

/**
 * Draws the map at print resolution until it is idle, calling `copy` in each frame's task. The map's WebGL canvas keeps
 * no copy of its last frame (no `preserveDrawingBuffer`, which costs every frame a copy; SwiftShader stalls on it), so
 * its pixels can be read only before the frame is handed to the compositor: in MapLibre's `render` event. The frame on
 * which the map goes idle (its `idle` event follows that frame's `render`) is the last copied: no extra frame is drawn
 * only to be read.
 */
function copyFramesUntilIdle(map: MlMap, copy: () => void): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let failed: unknown;
    const onRender = () => {
      try {
        copy();
      } catch (e) {
        failed ??= e;
      }
    };
    map.on("render", onRender);
    map.once("idle", () => {
      map.off("render", onRender);
      if (failed) reject(failed);
      else resolve();
    });
    map.triggerRepaint();
  });
}

/**
 * Draws a legend entry's swatch at (`x`, `y`: the text's baseline) as its layer drew the mark: a facility's symbol with
 * its outline, a status outline around a white symbol, an area at its opacity (over the areas it veils, for the county
 * print's faded neighbours), a line at its width (dashed when dashed), the urban area's ring round a marker. Every
 * swatch stands out on the legend's white paper (the last new-user trial found the county tints, the veil and the
 * urban area pale): an area gets a 3 px edge in its own colour at full opacity, darkened in its hue to 4:1 contrast
 * with white (print-marks.ts legibleOn, EDGE_CONTRAST: WCAG 2.1's non-text 3:1 kept by the edge's anti-aliased pixels);
 * a pale symbol whose outline is white too (一级医院, 中心乡镇卫生院) an edge alike round its outline; a line under 3:1
 * (the rural EMS ring's orange) a casing alike on both sides.
 * The colour inside (an area's middle, a line's middle, a symbol's fill) is the one the map draws, so the reader finds
 * it there. Returns the page point whose colour is the mark's and the box the swatch takes (x, y, width, height).
 */
function drawSwatch(
  ctx: CanvasRenderingContext2D,
  l: PrintLegendItem,
  x: number,
  y: number,
  u: number,
): { at: [number, number]; box: [number, number, number, number] } {
  const cy = y - 10 * u;
  const white = [255, 255, 255];
  const weak = (hex: string) => contrast(hexRgb(hex), white) < MARK_MIN_CONTRAST;
  ctx.save();
  ctx.fillStyle = l.color;
  ctx.strokeStyle = l.color;
  let at: [number, number];
  if (l.shape === "circle") {
    ctx.beginPath();
    ctx.arc(x + 20 * u, cy, 13 * u, 0, Math.PI * 2);
    ctx.fill();
    if (l.stroke) {
      ctx.strokeStyle = l.stroke;
      ctx.lineWidth = 2 * u;
      ctx.stroke();
    }
    if (weak(l.color) && (!l.stroke || weak(l.stroke))) {
      ctx.beginPath();
      ctx.arc(x + 20 * u, cy, 15.5 * u, 0, Math.PI * 2);
      ctx.strokeStyle = legibleOn(l.color, EDGE_CONTRAST);
      ctx.lineWidth = 3 * u;
      ctx.stroke();
    }
    at = [x + 20 * u, cy];
  } else if (l.shape === "stack") {
    // a marker with a ring of another facility round it, as the map draws a site's markers (features.ts)
    ctx.beginPath();
    ctx.arc(x + 20 * u, cy, 16 * u, 0, Math.PI * 2);
    ctx.fill();
    ctx.strokeStyle = "#000";
    ctx.lineWidth = 1.5 * u;
    ctx.stroke();
    ctx.beginPath();
    ctx.arc(x + 20 * u, cy, 9 * u, 0, Math.PI * 2);
    ctx.fillStyle = l.inner ?? "#fff";
    ctx.fill();
    ctx.strokeStyle = "#fff";
    ctx.lineWidth = 2 * u;
    ctx.stroke();
    at = [x + 20 * u + 13 * u, cy];
  } else if (l.shape === "enclosure") {
    // the urban area's ring round a site's markers (PRINT_URBAN_OVER): a grey marker, the dashed ring round it
    ctx.beginPath();
    ctx.arc(x + 20 * u, cy, 8 * u, 0, Math.PI * 2);
    ctx.fillStyle = "#8c8c8c";
    ctx.fill();
    ctx.beginPath();
    ctx.arc(x + 20 * u, cy, 16 * u, 0, Math.PI * 2);
    ctx.lineWidth = Math.max(4 * u, (l.width ?? 2) * PRINT_RATIO * u);
    ctx.setLineDash([10 * u, 5 * u]);
    ctx.stroke();
    at = [x + 36 * u, cy + 2 * u];
  } else if (l.shape === "ring") {
    ctx.lineWidth = 6 * u;
    ctx.fillStyle = "#ffffff";
    ctx.beginPath();
    ctx.arc(x + 20 * u, cy, 12 * u, 0, Math.PI * 2);
    ctx.fill();
    ctx.stroke();
    at = [x + 32 * u, cy];
  } else if (l.shape === "fill") {
    const box: [number, number, number, number] = [x + 4 * u, y - 26 * u, 34 * u, 30 * u];
    let seen = overWhite(l.color, l.opacity);
    if (l.under) {
      ctx.globalAlpha = l.under.opacity;
      ctx.fillStyle = l.under.color;
      ctx.fillRect(...box);
      ctx.fillStyle = l.color;
      seen = overWhite(l.color, l.opacity, hexRgb(overWhite(l.under.color, l.under.opacity)));
    }
    ctx.globalAlpha = l.opacity;
    ctx.fillRect(...box);
    ctx.globalAlpha = 1;
    if (l.hatch) {
      // hatched as the map hatches it (layers.ts unlistedHatchImage: a line 1 CSS px wide every 8 CSS px, diagonal)
      ctx.save();
      ctx.beginPath();
      ctx.rect(...box);
      ctx.clip();
      ctx.strokeStyle = l.hatch;
      ctx.lineWidth = PRINT_RATIO * u;
      const step = 8 * PRINT_RATIO * u;
      ctx.beginPath();
      for (let d = -box[3]; d < box[2]; d += step) {
        ctx.moveTo(box[0] + d, box[1] + box[3]);
        ctx.lineTo(box[0] + d + box[3], box[1]);
      }
      ctx.stroke();
      ctx.restore();
    }
    // its edge in its own colour at full opacity (the veil's: the colour it leaves), dark enough to be seen on white
    // paper; a dashed area (the urban area), dashed
    ctx.strokeStyle = legibleOn(l.under ? seen : l.color, EDGE_CONTRAST);
    ctx.lineWidth = 3 * u;
    if (l.dash) ctx.setLineDash([8 * u, 4 * u]);
    ctx.strokeRect(box[0] + 1.5 * u, box[1] + 1.5 * u, box[2] - 3 * u, box[3] - 3 * u);
    at = [x + 21 * u, y - 11 * u];
  } else {
    // the line as wide as on the map (2.5 page px a CSS px), at least 4 px to be seen
    const width = Math.max(4 * u, (l.width ?? 2) * PRINT_RATIO * u);
    const drawn = overWhite(l.color, l.opacity);
    if (weak(drawn)) {
      // a casing in the line's hue, darkened to be seen on white paper
      ctx.strokeStyle = legibleOn(drawn, EDGE_CONTRAST);
      ctx.lineWidth = width + 6 * u;
      ctx.beginPath();
      ctx.moveTo(x, cy);
      ctx.lineTo(x + 40 * u, cy);
      ctx.stroke();
      ctx.fillStyle = "#ffffff";
      ctx.fillRect(x, cy - width / 2, 40 * u, width);
      ctx.strokeStyle = l.color;
    }
    ctx.globalAlpha = l.opacity;
    ctx.lineWidth = width;
    if (l.dash) ctx.setLineDash([12 * u, 6 * u]);
    ctx.beginPath();
    ctx.moveTo(x, cy);
    ctx.lineTo(x + 40 * u, cy);
    ctx.stroke();
    at = [x + 3 * u, cy];
  }
  ctx.restore();
  return { at, box: [x, y - 28 * u, 44 * u, 36 * u] };
}

/** A block of the print's words: its lines as set, their size (page px), weight, colour and box on the page. */
interface TextBlock {
  role: "title" | "date" | "ruleSet" | "params" | "notice" | "footer" | "legend";
  lines: string[];
  /** The text's size in page px (300 dpi) and the distance between baselines. */
  px: number;
  lineH: number;
  bold: boolean;
  color: string;
  align: "left" | "right";
  /** x, y, width, height in page px: the width the lines may take, the height they take. */
  box: [number, number, number, number];
  /** Each line's measured width (page px). */
  widths: number[];
  /** Above the map (else below it). */
  top: boolean;
  /** A box drawn around it (the notice). */
  frame?: { fill: string; stroke: string; pad: number };
}

/** Text sizes of the print's blocks in page px at A4 (× the paper's scale at A3): all at least PRINT_MIN_PT. */
const TEXT_PX = { title: 78, date: 38, sub: 38, notice: 38, footer: 35, legend: 35 } as const;

/**
 * The print's words laid out: the title (wrapped beside the date), the rule set and the parameters under it across
 * the page, and at the foot the invented-data notice and the sources, each wrapped at its size (wrapLines) on the
 * lines it needs. The map's frame takes the room left between (printMapPng).
 */
function layoutTextBlocks(
  ctx: CanvasRenderingContext2D,
  page: PrintPage,
  font: string,
  W: number,
  H: number,
  margin: number,
  u: number,
): TextBlock[] {
  const make = (
    role: TextBlock["role"],
    text: string,
    sizeA4: number,
    x: number,
    y: number,
    maxW: number,
    opts: { bold?: boolean; color?: string; align?: "left" | "right"; top: boolean; frame?: TextBlock["frame"] },
  ): TextBlock => {
    const px = Math.round(sizeA4 * u);
    ctx.font = `${opts.bold ? "bold " : ""}${px}px ${font}`;
    const measure = (t: string) => ctx.measureText(t).width;
    const lines = wrapLines(text, maxW, measure);
    const lineH = Math.round(px * 1.32);
    return {
      role,
      lines,
      px,
      lineH,
      bold: !!opts.bold,
      color: opts.color ?? "#333",
      align: opts.align ?? "left",
      box: [x, y, maxW, lines.length * lineH],
      widths: lines.map(measure),
      top: opts.top,
      ...(opts.frame ? { frame: opts.frame } : {}),
    };
  };
  const inner = W - 2 * margin;
  ctx.font = `${Math.round(TEXT_PX.date * u)}px ${font}`;
  const dateW = Math.ceil(ctx.measureText(page.date).width) + 2;
  const date = make("date", page.date, TEXT_PX.date, W - margin - dateW, margin + 20 * u, dateW, {
    align: "right",
    top: true,
  });
  const title = make("title", page.title, TEXT_PX.title, margin, margin, inner - dateW - 80 * u, {
    bold: true,
    color: "#17324d",
    top: true,
  });
  const out = [title, date];
  let y = margin + title.box[3] + 10 * u;
  for (const [i, text] of page.subtitle.entries()) {
    const b = make(i === 0 ? "ruleSet" : "params", text, TEXT_PX.sub, margin, y, inner, { top: true });
    out.push(b);
    y += b.box[3] + 6 * u;
  }
  // the foot from the page's bottom margin up: the sources last, the notice above them
  const footer = make("footer", page.footer, TEXT_PX.footer, margin, 0, inner, { color: "#444", top: false });
  footer.box[1] = H - margin - footer.box[3];
  out.push(footer);
  if (page.notice) {
    const pad = Math.round(18 * u);
    const notice = make("notice", page.notice, TEXT_PX.notice, margin + pad, 0, inner - 2 * pad, {
      bold: true,
      color: "#9c2a00",
      top: false,
      frame: { fill: "#fff4e5", stroke: "#9c2a00", pad },
    });
    notice.box[1] = footer.box[1] - 24 * u - pad - notice.box[3];
    // the box as wide as the lines it holds
    notice.box[2] = Math.ceil(Math.max(...notice.widths));
    out.push(notice);
  }
  return out;
}

/** Draws a text block's lines in its box (and the box's frame, for the notice). */
function drawTextBlock(ctx: CanvasRenderingContext2D, b: TextBlock, font: string): void {
  const [x, y, w, h] = b.box;
  ctx.save();
  if (b.frame) {
    const p = b.frame.pad;
    ctx.fillStyle = b.frame.fill;
    ctx.fillRect(x - p, y - p, w + 2 * p, h + 2 * p);
    ctx.strokeStyle = b.frame.stroke;
    ctx.lineWidth = Math.max(2, p / 6);
    ctx.strokeRect(x - p, y - p, w + 2 * p, h + 2 * p);
  }
  ctx.font = `${b.bold ? "bold " : ""}${b.px}px ${font}`;
  ctx.fillStyle = b.color;
  ctx.textBaseline = "middle";
  ctx.textAlign = b.align;
  for (const [i, line] of b.lines.entries())
    ctx.fillText(line, b.align === "right" ? x + w : x, y + i * b.lineH + b.lineH / 2);
  ctx.restore();
}

/**
 * A print-resolution PNG (A4 or A3 landscape, 300 dpi) composed on a canvas: title and subtitle above; the map
 * framing `bounds` (north up) whatever the screen shows, drawn again by MapLibre at the print size with its own
 * county-name layer; off the map a legend, north arrow, scale bar with the representative fraction, date, rule set,
 * sources and the invented-data notice. For the print the map's container is given the frame's shape for a moment;
 * its size, camera and pixel ratio are restored afterwards.
 */
export async function printMapPng(map: MlMap, page: PrintPage): Promise<Blob> {
  const [W, H] = PAPER_PX[page.paper];
  const u = W / 3508; // unit: 1 at A4
  const out = document.createElement("canvas");
  out.width = W;
  out.height = H;
  const ctx = out.getContext("2d");
  if (!ctx) throw new Error("2D canvas unavailable");
  const font = '"SimHei","Microsoft YaHei","PingFang SC","Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif';
  ctx.fillStyle = "#fff";
  ctx.fillRect(0, 0, W, H);
  const margin = Math.round(120 * u);
  const sideW = Math.round(640 * u);
  // the words above and below the map, set on as many lines as they need at their size (never squeezed)
  const blocks = layoutTextBlocks(ctx, page, font, W, H, margin, u);
  const titleBottom = Math.max(...blocks.filter((b) => b.top).map((b) => b.box[1] + b.box[3]));
  const footTop = Math.min(H - margin, ...blocks.filter((b) => !b.top).map((b) => b.box[1] - (b.frame?.pad ?? 0)));
  const frame = {
    x: margin,
    y: Math.round(titleBottom + 40 * u),
    w: W - 2 * margin - sideW - 40 * u,
    h: Math.round(footTop - 40 * u - (titleBottom + 40 * u)),
  };

  // the map in the frame's shape, fitted to the bounds, drawn at the print resolution
  const ratio = PRINT_RATIO * u;
  const cssW = Math.round(frame.w / ratio);
  const cssH = Math.round(frame.h / ratio);
  const container = map.getContainer();
  const style = container.style.cssText;
  const camera = { center: map.getCenter(), zoom: map.getZoom(), bearing: map.getBearing(), pitch: map.getPitch() };
  const before = map.getPixelRatio();
  let mPerCssPx: number;
  // every county named on paper, none over another: the names are fitted for the print's frame (label-fit.ts)
  const fitter = labelFitterOf(map);
  const labelFilter = map.getFilter(COUNTY_LABEL);
  const labelColor = map.getPaintProperty(COUNTY_LABEL, "text-color");
  let forced: string[] = [];
  let legend: PrintLegendItem[] = [];
  let unlabelled: string[] = [];
  let marks: PrintMark[] = [];
  // the selection layers' visibility as the screen had it, restored afterwards
  const hidden = PRINT_HIDDEN_LAYERS.filter((id) => map.getLayer(id)).map(
    (id) => [id, map.getLayoutProperty(id, "visibility")] as const,
  );
  try {
    if (fitter) fitter.suspended = true;
    for (const [id] of hidden) map.setLayoutProperty(id, "visibility", "none");
    map.setFilter(COUNTY_LABEL, null);
    container.style.width = `${cssW}px`;
    container.style.height = `${cssH}px`;
    container.style.flex = "none";
    map.resize();
    const [w, s, e, n] = page.bounds;
    const fit = map.cameraForBounds(
      [
        [w, s],
        [e, n],
      ],
      { padding: 24, bearing: 0 },
    );
    if (!fit) throw new Error("print: the area to frame is empty");
    map.jumpTo({ ...fit, bearing: 0, pitch: 0 });
    // the urban area's parts the markers would hide, drawn as a ring round them on a white halo above the markers
    // (under a county print's veil over the neighbours, added next)
    const urbanOver = await urbanPartsUnderMarkers(map);
    if (urbanOver.rings.features.length > 0) {
      map.addSource(PRINT_URBAN_OVER, { type: "geojson", data: urbanOver.rings });
      map.addLayer(
        {
          id: PRINT_URBAN_HALO,
          type: "line",
          source: PRINT_URBAN_OVER,
          paint: { "line-color": "#ffffff", "line-width": URBAN_OVER_HALO_PX, "line-opacity": 0.95 },
        },
        COUNTY_LABEL,
      );
      map.addLayer(
        {
          id: PRINT_URBAN_OVER,
          type: "line",
          source: PRINT_URBAN_OVER,
          paint: {
            "line-color": ANALYSIS_STYLES.urban.color,
            "line-width": URBAN_OVER_LINE_PX,
            "line-dasharray": URBAN_OVER_DASH,
          },
        },
        COUNTY_LABEL,
      );
    }
    // the EMS coverage gaps' outlines again above the markers and the village clinics' dots, on a white halo
    if (map.getLayer("gap-line") && (map.getLayoutProperty("gap-line", "visibility") ?? "visible") !== "none") {
      const filter = map.getFilter("gap-line") ?? null;
      for (const [id, paint] of [
        [PRINT_GAP_HALO, { "line-color": "#ffffff", "line-width": GAP_OVER_HALO_PX, "line-opacity": 0.9 }],
        [PRINT_GAP_OVER, { "line-color": GAP_OVER_COLOR, "line-width": GAP_OVER_LINE_PX }],
      ] as const)
        map.addLayer({ id, type: "line", source: SRC.gaps, ...(filter ? { filter } : {}), paint }, COUNTY_LABEL);
      // the central city's gaps are the rim of its discs: the disc's own dashed outline drawn again above their edge
      // (the parts drawn as a ring round their markers apart), so both are seen, the purple dashes on the dark red
      if (map.getLayer("urban-line") && (map.getLayoutProperty("urban-line", "visibility") ?? "visible") !== "none")
        map.addLayer(
          {
            id: PRINT_URBAN_TOP,
            type: "line",
            source: SRC.urban,
            filter: [
              "!",
              [
                "in",
                ["concat", ["to-string", ["get", "county"]], "|", ["to-string", ["get", "source"]]],
                ["literal", [...urbanOver.keys]],
              ],
            ],
            paint: {
              "line-color": map.getPaintProperty("urban-line", "line-color"),
              "line-width": map.getPaintProperty("urban-line", "line-width"),
              "line-dasharray": map.getPaintProperty("urban-line", "line-dasharray"),
            },
          } as LineLayerSpecification,
          COUNTY_LABEL,
        );
    }
    let wanted: ((code: string) => boolean) | undefined;
    if (page.focus) {
      const isFocus: FilterSpecification = ["==", ["get", "code"], page.focus];
      map.addLayer(
        {
          id: PRINT_MASK,
          type: "fill",
          source: SRC.counties,
          filter: ["!", isFocus],
          paint: { "fill-color": "#ffffff", "fill-opacity": PRINT_MASK_OPACITY },
        },
        COUNTY_LABEL,
      );
      map.addLayer(
        {
          id: PRINT_FOCUS,
          type: "line",
          source: SRC.counties,
          filter: isFocus,
          paint: { "line-color": PRINT_FOCUS_COLOR, "line-width": 3 },
        },
        COUNTY_LABEL,
      );
      // the county's name always; a neighbour's only whole inside the frame, in grey
      const whole = await labelsWhollyInside(map, cssW, cssH);
      map.setFilter(COUNTY_LABEL, ["any", isFocus, ["in", ["get", "code"], ["literal", whole]]]);
      map.setPaintProperty(COUNTY_LABEL, "text-color", ["case", isFocus, "#1d2733", PRINT_CONTEXT_LABEL_COLOR]);
      wanted = (code) => code === page.focus || whole.includes(code);
    }
    // the names fitted in the frame (smaller, first, or beside their point where they have no room) at the screen's
    // resolution: the frames of loading and placing are cheap there (placement is in CSS px, as is the frame); kept
    // off the sites the print is about (county medical centres, sub-centres)
    if (fitter)
      forced = (await fitter.settle(() => idle(map), wanted, [...(await subjectSiteBoxes(map)), ...urbanOver.boxes]))
        .unplaced;
    if (forced.length > 0) {
      // a last resort: a name that found no room at all is drawn over the others rather than left out
      const base = labelLayers().find((l) => l.id === COUNTY_LABEL) as SymbolLayerSpecification;
      map.addLayer({
        ...base,
        id: PRINT_FORCED,
        filter: ["in", ["get", "code"], ["literal", forced]],
        layout: { ...base.layout, "text-allow-overlap": true, "icon-allow-overlap": true },
      });
    }
    // then the map drawn at print resolution (about 4.9 million pixels at A4, 9.7 at A3, software-rendered where there
    // is no GPU) until idle, each frame copied onto the page: one frame where the names are settled, where each frame
    // of the settling was one before, and another only to copy it
    map.setPixelRatio(ratio);
    const src = map.getCanvas();
    const scale = Math.min(frame.w / src.width, frame.h / src.height);
    const dx = frame.x + (frame.w - src.width * scale) / 2;
    const dy = frame.y + (frame.h - src.height * scale) / 2;
    await copyFramesUntilIdle(map, () => {
      ctx.fillStyle = "#fff";
      ctx.fillRect(dx, dy, src.width * scale, src.height * scale);
      ctx.drawImage(src, dx, dy, src.width * scale, src.height * scale);
    });
    // the legend of what this frame draws: the layers visible now (the print's own included), with their paint
    const drawn = printLegend(map, cssW, cssH, urbanOver.keys);
    legend = drawn.items;
    unlabelled = drawn.unlabelled;
    marks = drawn.marks;
    mPerCssPx = (40075016.686 * Math.cos((map.getCenter().lat * Math.PI) / 180)) / (512 * 2 ** map.getZoom());
    window.__hfpPrint = {
      paper: page.paper,
      title: page.title,
      labels: map
        .queryRenderedFeatures({ layers: map.getLayer(PRINT_FORCED) ? [COUNTY_LABEL, PRINT_FORCED] : [COUNTY_LABEL] })
        .map((f) => String(f.properties.name)),
      legend: legend.map((l) => page.legendLabel(l.label)),
      unlabelled,
      labelBoxes: placedLabelBoxes(map),
      forced,
      frame: [dx, dy, src.width * scale, src.height * scale],
      view: map.getBounds().toArray().flat() as [number, number, number, number],
      hidden: hidden.map(([id]) => id),
      marks: marks.map(({ x, y, r, ...m }) => ({
        ...m,
        at: [dx + (x * (src.width * scale)) / cssW, dy + (y * (src.height * scale)) / cssH],
        r: (r * src.width * scale) / cssW,
      })),
      ringPx: (STACK_RING_PX * src.width * scale) / cssW,
    };
    ctx.strokeStyle = "#333";
    ctx.lineWidth = 3 * u;
    ctx.strokeRect(dx, dy, src.width * scale, src.height * scale);
    frame.x = dx;
    frame.y = dy;
    frame.w = src.width * scale;
    frame.h = src.height * scale;
  } finally {
    for (const [id, was] of hidden) if (map.getLayer(id)) map.setLayoutProperty(id, "visibility", was ?? "visible");
    if (map.getLayer(PRINT_FORCED)) map.removeLayer(PRINT_FORCED);
    if (map.getLayer(PRINT_MASK)) map.removeLayer(PRINT_MASK);
    if (map.getLayer(PRINT_FOCUS)) map.removeLayer(PRINT_FOCUS);
    if (map.getLayer(PRINT_URBAN_OVER)) map.removeLayer(PRINT_URBAN_OVER);
    if (map.getLayer(PRINT_URBAN_HALO)) map.removeLayer(PRINT_URBAN_HALO);
    if (map.getLayer(PRINT_GAP_OVER)) map.removeLayer(PRINT_GAP_OVER);
    if (map.getLayer(PRINT_GAP_HALO)) map.removeLayer(PRINT_GAP_HALO);
    if (map.getLayer(PRINT_URBAN_TOP)) map.removeLayer(PRINT_URBAN_TOP);
    if (map.getSource(PRINT_URBAN_OVER)) map.removeSource(PRINT_URBAN_OVER);
    map.setFilter(COUNTY_LABEL, labelFilter ?? null);
    map.setPaintProperty(COUNTY_LABEL, "text-color", labelColor);
    container.style.cssText = style;
    map.setPixelRatio(before);
    map.resize();
    map.jumpTo(camera);
    // the screen's names fitted again for its own view
    if (fitter) {
      fitter.suspended = false;
      fitter.reset();
    }
  }
  const k = frame.w / cssW; // page pixels per CSS pixel of the printed map

  // title band: title and date, rule set, parameters
  for (const b of blocks.filter((x) => x.top)) drawTextBlock(ctx, b, font);
  // side column: north arrow (the print is north up), scale, legend
  const sx = W - margin - sideW;
  let sy = frame.y;
  ctx.save();
  ctx.translate(sx + sideW / 2, sy + 130 * u);
  ctx.fillStyle = "#222";
  ctx.beginPath();
  ctx.moveTo(0, -80 * u);
  ctx.lineTo(40 * u, 70 * u);
  ctx.lineTo(0, 40 * u);
  ctx.lineTo(-40 * u, 70 * u);
  ctx.closePath();
  ctx.fill();
  ctx.font = `bold ${Math.round(48 * u)}px ${font}`;
  ctx.textAlign = "center";
  ctx.fillText("N", 0, -100 * u);
  ctx.restore();
  sy += 260 * u;
  const mPerPagePx = mPerCssPx / k;
  const maxM = (sideW - 60 * u) * mPerPagePx;
  const pow = 10 ** Math.floor(Math.log10(maxM));
  const niceM = [5, 2, 1].map((x) => x * pow).find((v) => v <= maxM) ?? pow;
  const barPx = niceM / mPerPagePx;
  ctx.fillStyle = "#222";
  ctx.fillRect(sx, sy + 30 * u, barPx, 14 * u);
  ctx.fillStyle = "#fff";
  ctx.fillRect(sx + barPx / 2, sy + 33 * u, barPx / 2 - 3 * u, 8 * u);
  ctx.fillStyle = "#222";
  ctx.font = `${Math.round(34 * u)}px ${font}`;
  ctx.fillText("0", sx, sy + 90 * u);
  ctx.textAlign = "right";
  ctx.fillText(niceM >= 1000 ? `${niceM / 1000} km` : `${niceM} m`, sx + barPx, sy + 90 * u);
  ctx.textAlign = "left";
  // representative fraction at 300 dpi: one page pixel is 25.4 / 300 mm
  const rf = Math.round(mPerPagePx / (0.0254 / 300) / 1000) * 1000;
  const scaleLine = page.scaleLine(rf.toLocaleString("en-US"), page.paper);
  ctx.fillText(scaleLine, sx, sy + 140 * u);
  sy += 220 * u;
  ctx.font = `bold ${Math.round(42 * u)}px ${font}`;
  ctx.fillText(page.legendHeading, sx, sy);
  // the side column's words, for the browser tests (the page is an image)
  if (window.__hfpPrint) window.__hfpPrint.side = [scaleLine, page.legendHeading];
  sy += 30 * u;
  // each entry's words at TEXT_PX.legend (≥ 8 pt), on a second line where they are longer than the column; every entry
  // fits beside the frame: the entries closer together (down to 42 page px at A4) when there are many
  const legendPx = Math.round(TEXT_PX.legend * u);
  ctx.font = `${legendPx}px ${font}`;
  const textW = sideW - 60 * u;
  const wrapped = legend.map((l) => wrapLines(page.legendLabel(l.label), textW, (t) => ctx.measureText(t).width));
  const innerStep = Math.round(legendPx * 1.15);
  const extra = wrapped.reduce((a, w) => a + Math.max(0, w.length - 1) * innerStep, 0);
  const step = Math.max(42 * u, Math.min(56 * u, (frame.y + frame.h - sy - extra) / Math.max(1, legend.length)));
  const swatches: NonNullable<NonNullable<Window["__hfpPrint"]>["legendItems"]> = [];
  const legendText: TextBlock[] = [];
  for (const [i, l] of legend.entries()) {
    sy += step;
    // (past the frame's foot only if over 30 entries at A4, more than the layers can draw)
    if (sy > frame.y + frame.h + 60 * u) break;
    const { at, box } = drawSwatch(ctx, l, sx, sy, u);
    swatches.push({ label: page.legendLabel(l.label), color: l.color, shape: l.shape, layers: l.layers, at, box });
    ctx.fillStyle = "#222";
    const lines = wrapped[i];
    for (const [j, line] of lines.entries()) ctx.fillText(line, sx + 60 * u, sy + j * innerStep);
    legendText.push({
      role: "legend",
      lines,
      px: legendPx,
      lineH: innerStep,
      bold: false,
      color: "#222",
      align: "left",
      box: [sx + 60 * u, sy - legendPx, textW, legendPx + (lines.length - 1) * innerStep + Math.round(legendPx * 0.25)],
      widths: lines.map((t) => ctx.measureText(t).width),
      top: false,
    });
    sy += (lines.length - 1) * innerStep;
  }
  if (window.__hfpPrint) window.__hfpPrint.legendItems = swatches;

  // foot: the invented-data notice (boxed, in red) and the sources
  for (const b of blocks.filter((x) => !x.top)) drawTextBlock(ctx, b, font);
  if (window.__hfpPrint)
    window.__hfpPrint.text = [...blocks, ...legendText].map((b) => ({
      role: b.role,
      lines: b.lines,
      px: b.px,
      pt: b.px * PT_PER_PX_300DPI,
      box: b.box,
      widths: b.widths,
    }));

  return new Promise((resolve, reject) =>
    out.toBlob((b) => (b ? resolve(b) : reject(new Error("PNG encoding failed"))), "image/png"),
  );
}
