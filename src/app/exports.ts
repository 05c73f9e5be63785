import type { FeatureCollection } from "geojson";
import type { FilterSpecification, GeoJSONSource, Map as MlMap, SymbolLayerSpecification } from "maplibre-gl";
import { labelFitterOf } from "./map/label-fit";
import { COUNTY_HIGHLIGHT, COUNTY_LABEL, LABEL_FONTS, labelLayers, markLayers, SRC } from "./map/layers";
import { PRINT_FOCUS, PRINT_FORCED, PRINT_MASK, type PrintLegendItem, printLegend } from "./print-legend";

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
      legendItems?: Array<{ label: string; color: string; shape: string; layers: string[]; at: [number, number] }>;
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
  /** Rule set, parameters and urban-area definition, one line. */
  subtitle: string;
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
 * print's faded neighbours) with a grey edge, a line at its width (dashed when dashed). Returns the page point whose
 * colour is the mark's (the symbol's middle, a point of the outline, the area's middle, the line's middle).
 */
function drawSwatch(
  ctx: CanvasRenderingContext2D,
  l: PrintLegendItem,
  x: number,
  y: number,
  u: number,
): [number, number] {
  const cy = y - 10 * u;
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
    at = [x + 20 * u, cy];
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
    if (l.under) {
      ctx.globalAlpha = l.under.opacity;
      ctx.fillStyle = l.under.color;
      ctx.fillRect(...box);
      ctx.fillStyle = l.color;
    }
    ctx.globalAlpha = l.opacity;
    ctx.fillRect(...box);
    ctx.globalAlpha = 1;
    // a pale tint (the county fill's) needs its edge to be seen on white paper; a dashed area (the urban area), its dash
    ctx.strokeStyle = l.dash ? l.color : "#999";
    ctx.lineWidth = 1.5 * u;
    if (l.dash) ctx.setLineDash([6 * u, 3 * u]);
    ctx.strokeRect(...box);
    at = [x + 21 * u, y - 11 * u];
  } else {
    ctx.globalAlpha = l.opacity;
    // the line as wide as on the map (2.5 page px a CSS px), at least 4 px to be seen
    ctx.lineWidth = Math.max(4 * u, (l.width ?? 2) * PRINT_RATIO * u);
    if (l.dash) ctx.setLineDash([12 * u, 6 * u]);
    ctx.beginPath();
    ctx.moveTo(x, cy);
    ctx.lineTo(x + 40 * u, cy);
    ctx.stroke();
    at = [x + 3 * u, cy];
  }
  ctx.restore();
  return at;
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
  const titleH = Math.round(190 * u);
  const footH = Math.round(170 * u);
  const sideW = Math.round(640 * u);
  const frame = {
    x: margin,
    y: margin + titleH,
    w: W - 2 * margin - sideW - 40 * u,
    h: H - 2 * margin - titleH - footH,
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
    // resolution: the frames of loading and placing are cheap there (placement is in CSS px, as is the frame)
    if (fitter) forced = (await fitter.settle(() => idle(map), wanted)).unplaced;
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
    const drawn = printLegend(map, cssW, cssH);
    legend = drawn.items;
    unlabelled = drawn.unlabelled;
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

  // title band
  ctx.textAlign = "left";
  ctx.textBaseline = "alphabetic";
  ctx.fillStyle = "#17324d";
  ctx.font = `bold ${Math.round(78 * u)}px ${font}`;
  ctx.fillText(page.title, margin, margin + 90 * u);
  ctx.font = `${Math.round(40 * u)}px ${font}`;
  ctx.fillStyle = "#333";
  ctx.fillText(page.subtitle, margin, margin + 160 * u, W - 2 * margin - 700 * u);
  ctx.textAlign = "right";
  ctx.fillText(page.date, W - margin, margin + 90 * u);
  ctx.textAlign = "left";

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
  // every entry fits beside the frame: the lines closer together (down to 40 page px at A4) when there are many
  const step = Math.max(40 * u, Math.min(52 * u, (frame.y + frame.h - sy) / Math.max(1, legend.length)));
  ctx.font = `${Math.round(Math.min(32, (step / u) * 0.62) * u)}px ${font}`;
  const swatches: NonNullable<NonNullable<Window["__hfpPrint"]>["legendItems"]> = [];
  for (const l of legend) {
    sy += step;
    // (past the frame's foot only if over 34 entries at A4, more than the layers can draw)
    if (sy > frame.y + frame.h + 60 * u) break;
    const at = drawSwatch(ctx, l, sx, sy, u);
    swatches.push({ label: page.legendLabel(l.label), color: l.color, shape: l.shape, layers: l.layers, at });
    ctx.fillStyle = "#222";
    ctx.fillText(page.legendLabel(l.label), sx + 60 * u, sy, sideW - 60 * u);
  }
  if (window.__hfpPrint) window.__hfpPrint.legendItems = swatches;

  // foot: notice and sources
  let fy = H - margin - footH + 60 * u;
  if (page.notice) {
    ctx.font = `bold ${Math.round(38 * u)}px ${font}`;
    const nw = ctx.measureText(page.notice).width;
    ctx.fillStyle = "#fff4e5";
    ctx.fillRect(margin, fy - 44 * u, nw + 40 * u, 60 * u);
    ctx.strokeStyle = "#9c2a00";
    ctx.lineWidth = 3 * u;
    ctx.strokeRect(margin, fy - 44 * u, nw + 40 * u, 60 * u);
    ctx.fillStyle = "#9c2a00";
    ctx.fillText(page.notice, margin + 20 * u, fy);
    fy += 70 * u;
  }
  ctx.font = `${Math.round(28 * u)}px ${font}`;
  ctx.fillStyle = "#444";
  ctx.fillText(page.footer, margin, fy, W - 2 * margin);

  return new Promise((resolve, reject) =>
    out.toBlob((b) => (b ? resolve(b) : reject(new Error("PNG encoding failed"))), "image/png"),
  );
}
