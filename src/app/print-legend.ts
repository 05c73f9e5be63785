import type { MapGeoJSONFeature, Map as MlMap } from "maplibre-gl";
import {
  ANALYSIS_STYLES,
  COUNTY_FILL,
  COUNTY_LABEL,
  COUNTY_LABEL_LEADER,
  COUNTY_LABEL_PIN,
  COUNTY_LINE,
  COUNTY_UNLISTED,
  FACILITY_LAYERS,
  isFacilityLayer,
  PROPOSED_OUTLINE,
  UNLISTED_FILL,
  UNLISTED_HATCH,
  VIOLATES_OUTLINE,
} from "./map/layers";
import { LAYER_KEYS, LAYER_STYLES, type LayerKey } from "./map/symbology";

/** A part of the urban area's key on the print: its county and the source of its outline (exports.ts). */
export function urbanPartKey(p: Record<string, unknown> | null | undefined): string {
  return `${String(p?.county ?? "")}|${String(p?.source ?? "")}`;
}

type Label = { zh: string; en: string };

/** One legend entry of the print, made from what a layer drew (its evaluated paint), with the layers that drew it. */
export interface PrintLegendItem {
  label: Label;
  /** The colour drawn (hex). */
  color: string;
  /** The colour's opacity as drawn (fills and rings drawn translucent). */
  opacity: number;
  /**
   * `circle`: a facility symbol (fill, with its `stroke` outline); `ring`: a status outline around a symbol; `fill`: an
   * area (drawn over `under` when it is a veil over other areas); `line`: a boundary or ring (`dash` when dashed);
   * `stack`: facilities at one site, a marker (`inner`, its colour) with a ring of another (`color`) round it;
   * `enclosure`: a dashed ring (`color`) round a marker, the urban area drawn round the symbols that would hide it.
   */
  shape: "circle" | "ring" | "fill" | "line" | "stack" | "enclosure";
  inner?: string;
  stroke?: string;
  under?: { color: string; opacity: number };
  /** A `fill` hatched over (the counties the list does not cover): the hatching's colour. */
  hatch?: string;
  dash?: boolean;
  width?: number;
  /** The map layers whose drawn features this entry stands for. */
  layers: string[];
}

/** The county print's layers (exports.ts adds them for the print only). */
export const PRINT_MASK = "print-mask";
export const PRINT_FOCUS = "print-focus";
export const PRINT_FORCED = "print-label-forced";
/**
 * The urban area's parts the facility markers would hide, drawn as a dashed ring round them above the markers, on a
 * white halo (exports.ts).
 */
export const PRINT_URBAN_OVER = "print-urban-over";
export const PRINT_URBAN_HALO = "print-urban-halo";
/**
 * The EMS coverage gaps' outlines drawn again above the facility markers, on a white halo (exports.ts): at the city
 * print's scale the central districts' urban gaps (卧龙区, 宛城区) lay under the village clinics' dots and the hospitals'
 * markers, a pale red hardly seen.
 */
export const PRINT_GAP_OVER = "print-gap-over";
export const PRINT_GAP_HALO = "print-gap-halo";
/**
 * The urban area's outline drawn again above the gaps' outlines (exports.ts), for the parts drawn at their true size:
 * the central city's gaps are the rim of its discs, and their edge ran over the disc's own dashed outline.
 */
export const PRINT_URBAN_TOP = "print-urban-top";

/**
 * Layers drawn without a legend entry: the ground (background, basemap) and the county names with what places them
 * (the dot and leader of a name set farther out); a name says what it is.
 */
export const UNLISTED_LAYERS: ReadonlySet<string> = new Set([
  "background",
  "basemap",
  COUNTY_LABEL,
  COUNTY_LABEL_PIN,
  COUNTY_LABEL_LEADER,
  PRINT_FORCED,
]);

/** What one drawn feature of a layer stands for in the legend: an entry's key, order, label and symbol. */
interface Entry extends Omit<PrintLegendItem, "layers"> {
  key: string;
  /** Place in the legend (lower first). */
  order: number;
}

/** The words of the entries that are not a facility category or an analysis overlay's own label. */
export const PRINT_LEGEND_LABELS = {
  countyLine: { zh: "县级行政区界", en: "County-level boundary" },
  focusLine: { zh: "本规划所在县（市）界", en: "Boundary of the plan's county" },
  printFocus: { zh: "本图县（市、区）界", en: "Boundary of the county printed" },
  /** The county printed is the plan's own (南宫市 under 002): one entry for its one line. */
  printFocusPlan: {
    zh: "本图县（市）界，即本规划所在县（市）",
    en: "Boundary of the county printed, the plan's county",
  },
  mask: { zh: "相邻县区（淡化显示）", en: "Neighbouring units (faded)" },
  fill: {
    fail: { zh: "县区底色：急救服务半径未达标", en: "County fill: EMS radius check fails" },
    pass: { zh: "县区底色：急救服务半径达标", en: "County fill: EMS radius check passes" },
    district: { zh: "县区底色：市辖区（无急救半径结论）", en: "County fill: city district (no EMS radius verdict)" },
    county: { zh: "县区底色：县（市）（无急救半径结论）", en: "County fill: county (no EMS radius verdict)" },
    context: { zh: "县区底色：本规划不约束的县区（参照）", en: "County fill: unit the plan does not bind (context)" },
    unlisted: { zh: "县区底色：清单未含（按无设施核查）", en: "County fill: not in the list (judged as having none)" },
  },
  ring: {
    urban: { zh: "急救服务半径（城区）", en: "EMS service radius (urban)" },
    rural: { zh: "急救服务半径（农村）", en: "EMS service radius (rural)" },
    proposed: { zh: "规划新增站点的急救服务半径", en: "EMS service radius of a proposed site" },
  },
  band: (min: number): Label => ({ zh: `急救车程 ${min} 分钟以内`, en: `EMS drive within ${min} min` }),
  beyond: { zh: "超出急救时限的区域（虚线框）", en: "Beyond the EMS time limit (dashed)" },
  violates: { zh: "红框：违反规则", en: "Red outline: violates a rule" },
  proposed: { zh: "蓝框：规划新增", en: "Blue outline: proposed" },
  gapsOver: {
    zh: "急救服务半径覆盖缺口（深红勾边绘于设施符号之上）",
    en: "EMS radius coverage gaps (dark red edge drawn over the symbols)",
  },
  urbanEnlarged: {
    zh: "城区范围（小于符号，外圈示意）",
    en: "Urban area under the symbols (ring round them)",
  },
  stack: {
    zh: "同址设施：外环为同一地点的另一类设施",
    en: "Facilities at one site: each ring is another facility there",
  },
} as const;

/** A paint value as drawn (a MapLibre colour, evaluated for the feature) as hex and opacity. */
function colourOf(v: unknown): { color: string; opacity: number } {
  if (typeof v === "string") return { color: v, opacity: 1 };
  const c = v as { r: number; g: number; b: number; a: number } | undefined;
  if (!c || typeof c.r !== "number") return { color: "#000000", opacity: 1 };
  // MapLibre's colours are premultiplied by their alpha
  const a = c.a || 1;
  const hex = (x: number) =>
    Math.round(Math.min(1, x / a) * 255)
      .toString(16)
      .padStart(2, "0");
  return { color: `#${hex(c.r)}${hex(c.g)}${hex(c.b)}`, opacity: c.a };
}

const num = (v: unknown, d: number) => (typeof v === "number" ? v : d);

/** A drawn facility marker's legend category: a facility layer draws every category, the feature's own (`layer`). */
function facilityCategory(f: MapGeoJSONFeature): LayerKey | null {
  const key = f.properties?.layer as LayerKey;
  return isFacilityLayer(f.layer.id) && LAYER_KEYS.includes(key) ? key : null;
}

/**
 * The entries a drawn feature stands for, from its layer and the paint it was drawn with (MapLibre's
 * queryRenderedFeatures evaluates a layer's paint for each feature, feature state included). A layer this does not
 * know gives no entry: the caller lists it as unlabelled.
 */
function entriesOf(f: MapGeoJSONFeature): Entry[] | null {
  const id = f.layer.id;
  const paint = (f.layer.paint ?? {}) as Record<string, unknown>;
  const p = f.properties ?? {};
  const L = PRINT_LEGEND_LABELS;
  const line = (key: string, order: number, label: Label, width = 2): Entry => ({
    key,
    order,
    label,
    shape: "line",
    ...colourOf(paint["line-color"]),
    opacity: num(paint["line-opacity"], 1) * colourOf(paint["line-color"]).opacity,
    width: num(paint["line-width"], width),
    ...(paint["line-dasharray"] ? { dash: true } : {}),
  });
  const fill = (key: string, order: number, label: Label): Entry => {
    const c = colourOf(paint["fill-color"]);
    return { key, order, label, shape: "fill", color: c.color, opacity: num(paint["fill-opacity"], 1) * c.opacity };
  };
  // a county the list does not cover, drawn grey (COUNTY_FILL) and hatched (COUNTY_UNLISTED): one entry, the fill's
  // colour as drawn under the hatching
  const unlisted = (): Entry => {
    const c = colourOf(
      ((f.layer.id === COUNTY_FILL ? paint : {}) as Record<string, unknown>)["fill-color"] ?? UNLISTED_FILL,
    );
    const o = f.layer.id === COUNTY_FILL ? num(paint["fill-opacity"], 1) : 0.85;
    return {
      key: "fill:unlisted",
      order: 85,
      label: L.fill.unlisted,
      shape: "fill",
      color: c.color,
      opacity: o * c.opacity,
      hatch: UNLISTED_HATCH,
    };
  };
  const category = facilityCategory(f);
  if (category) {
    const order = LAYER_KEYS.indexOf(category);
    const stroke = colourOf(paint["circle-stroke-color"]).color;
    const out: Entry[] = [
      {
        key: `facility:${category}`,
        order,
        label: LAYER_STYLES[category].label,
        shape: "circle",
        color: colourOf(paint["circle-color"]).color,
        opacity: 1,
        // the category's own outline; a status outline is an entry of its own
        stroke: LAYER_STYLES[category].stroke,
      },
    ];
    if (stroke === VIOLATES_OUTLINE)
      out.push({ key: "outline:violates", order: 20, label: L.violates, shape: "ring", color: stroke, opacity: 1 });
    else if (stroke === PROPOSED_OUTLINE)
      out.push({ key: "outline:proposed", order: 21, label: L.proposed, shape: "ring", color: stroke, opacity: 1 });
    return out;
  }
  switch (id) {
    case "ring-line":
    case "ring-line-proposed": {
      const which = p.proposed ? "proposed" : p.role === "urban" ? "urban" : "rural";
      return [line(`ring:${which}`, { urban: 30, rural: 31, proposed: 32 }[which], L.ring[which])];
    }
    case "ring15-line":
      return [line("ring15", 33, ANALYSIS_STYLES.ring15.label)];
    case "gap-fill":
      return [fill("gaps", 40, ANALYSIS_STYLES.gaps.label)];
    case "gap-line":
    case PRINT_GAP_OVER:
    case PRINT_GAP_HALO:
      return [{ ...fill("gaps", 40, ANALYSIS_STYLES.gaps.label), part: true } as Entry];
    case "iso-fill":
    case "iso-line": {
      const min = num(p.toMinutes, 0);
      const e = fill(`band:${min}`, 50 + min / 100, L.band(min));
      return [id === "iso-fill" ? e : ({ ...e, part: true } as Entry)];
    }
    case "iso-beyond":
      return [line("beyond", 51, L.beyond)];
    case "urban-fill":
      return [{ ...fill("urban", 60, ANALYSIS_STYLES.urban.label), dash: true }];
    case "urban-line":
    case PRINT_URBAN_TOP:
      return [{ ...fill("urban", 60, ANALYSIS_STYLES.urban.label), part: true } as Entry];
    case PRINT_URBAN_OVER:
      return p.enlarged
        ? [{ ...line("urban-enlarged", 61, L.urbanEnlarged), shape: "enclosure" }]
        : [{ ...fill("urban", 60, ANALYSIS_STYLES.urban.label), part: true } as Entry];
    case PRINT_URBAN_HALO:
      if (!p.enlarged) return [{ ...fill("urban", 60, ANALYSIS_STYLES.urban.label), part: true } as Entry];
      return [
        {
          ...line("urban-enlarged", 61, L.urbanEnlarged),
          color: ANALYSIS_STYLES.urban.color,
          shape: "enclosure",
          dash: true,
          part: true,
        } as Entry,
      ];
    case COUNTY_LINE:
      return [p.focus ? line("focus-line", 71, L.focusLine) : line("county-line", 70, L.countyLine)];
    case PRINT_FOCUS:
      return [line("print-focus", 72, L.printFocus)];
    case PRINT_MASK:
      return [fill("mask", 73, L.mask)];
    case COUNTY_UNLISTED:
      return [{ ...unlisted(), part: true } as Entry];
    case COUNTY_FILL: {
      if (p.unlisted && !p.context) return [unlisted()];
      const which = p.context
        ? "context"
        : f.state?.status === "fail" || f.state?.status === "pass"
          ? (f.state.status as "fail" | "pass")
          : p.kind === "district"
            ? "district"
            : "county";
      return [
        fill(`fill:${which}`, { fail: 80, pass: 81, district: 82, county: 83, context: 84 }[which], L.fill[which]),
      ];
    }
    default:
      return null;
  }
}

/** Whether a drawn feature's geometry (as queried: cut to its tile) reaches into the `w` × `h` CSS-pixel frame. */
function inFrame(map: MlMap, g: MapGeoJSONFeature["geometry"], w: number, h: number): boolean {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (c: unknown): void => {
    if (typeof (c as number[])[0] === "number") {
      const q = map.project(c as [number, number]);
      x0 = Math.min(x0, q.x);
      y0 = Math.min(y0, q.y);
      x1 = Math.max(x1, q.x);
      y1 = Math.max(y1, q.y);
    } else for (const d of c as unknown[]) visit(d);
  };
  if (g.type === "GeometryCollection") return true;
  visit(g.coordinates);
  return x1 >= 0 && y1 >= 0 && x0 <= w && y0 <= h;
}

/**
 * A facility marker drawn on the print: its legend category, colour, where it is (CSS px of the printed map), its
 * radius as drawn and, under another marker at its site (features.ts facilityStacks), its place in the stack (0: drawn
 * whole; 1, 2…: a ring STACK_RING_PX wide inside that radius).
 */
export interface PrintMark {
  category: LayerKey;
  color: string;
  x: number;
  y: number;
  r: number;
  stack: number;
}

/**
 * The print's legend, from what the map draws now: every visible layer's features drawn in the `w` × `h` CSS-pixel
 * frame (a point outside it does not count), each standing for the entry its layer and evaluated paint give (see
 * entriesOf). So every mark on the print has an entry and no entry is without its mark. `unlabelled`: layers drawn
 * that no entry stands for (none is the aim; the browser tests check it). `marks`: the facility markers drawn in the
 * frame (PrintMark), which the browser tests find on the page.
 */
export function printLegend(
  map: MlMap,
  w: number,
  h: number,
  urbanEnlarged: ReadonlySet<string> = new Set(),
): { items: PrintLegendItem[]; unlabelled: string[]; marks: PrintMark[] } {
  const style = map.getStyle();
  const layers = style.layers
    .filter((l) => !UNLISTED_LAYERS.has(l.id) && l.type !== "background" && l.type !== "raster")
    .filter((l) => (map.getLayoutProperty(l.id, "visibility") ?? "visible") !== "none")
    .map((l) => l.id);
  const byKey = new Map<string, Entry & { layers: Set<string>; whole: boolean }>();
  const unlabelled = new Set<string>();
  const drawn = map
    .queryRenderedFeatures({ layers })
    .filter((f) => inFrame(map, f.geometry, w, h))
    // a part of the urban area drawn as a ring round the markers (its own entry) is not seen at its true size
    .filter(
      (f) =>
        !(
          (f.layer.id === "urban-fill" || f.layer.id === "urban-line") &&
          urbanEnlarged.has(urbanPartKey(f.properties))
        ),
    );
  // what the county fill draws under the print's veil over the neighbours, by county
  const fillByCode = new Map<unknown, { color: string; opacity: number }>();
  for (const f of drawn)
    if (f.layer.id === COUNTY_FILL) {
      const c = colourOf((f.layer.paint as Record<string, unknown>)["fill-color"]);
      const o = num((f.layer.paint as Record<string, unknown>)["fill-opacity"], 1);
      fillByCode.set(f.properties?.code, { color: c.color, opacity: o * c.opacity });
    }
  const marks: PrintMark[] = [];
  for (const f of drawn) {
    const category = facilityCategory(f);
    if (category && f.geometry.type === "Point") {
      const paint = (f.layer.paint ?? {}) as Record<string, unknown>;
      const q = map.project(f.geometry.coordinates as [number, number]);
      marks.push({
        category,
        color: colourOf(paint["circle-color"]).color,
        x: q.x,
        y: q.y,
        r: num(paint["circle-radius"], LAYER_STYLES[category].radius),
        stack: num(f.properties?.stack, 0),
      });
    }
    let entries = entriesOf(f);
    if (!entries) {
      unlabelled.add(f.layer.id);
      continue;
    }
    const under = f.layer.id === PRINT_MASK ? fillByCode.get(f.properties?.code) : undefined;
    if (under) entries = entries.map((e) => ({ ...e, under }));
    for (const e of entries) {
      const part = (e as { part?: boolean }).part === true;
      const had = byKey.get(e.key);
      if (had) {
        had.layers.add(f.layer.id);
        if (!part && !had.whole) Object.assign(had, e, { layers: had.layers, whole: true });
      } else byKey.set(e.key, { ...e, layers: new Set([f.layer.id]), whole: !part });
    }
  }
  // the county printed is the plan's own county (南宫市 under 002): its navy outline is drawn over its plan outline, one
  // line on the page, one entry (the re-trial: 本规划所在县（市）界 and 本图县（市、区）界 for the same line)
  const planFocus = drawn
    .filter((f) => f.layer.id === COUNTY_LINE && f.properties?.focus)
    .map((f) => f.properties?.code);
  const printed = new Set(drawn.filter((f) => f.layer.id === PRINT_FOCUS).map((f) => f.properties?.code));
  const printFocus = byKey.get("print-focus");
  if (byKey.has("focus-line") && printFocus && planFocus.every((c) => printed.has(c))) {
    byKey.delete("focus-line");
    printFocus.label = PRINT_LEGEND_LABELS.printFocusPlan;
  }
  // facilities at one site (drawn as nested rings): an entry with one of the print's own stacks as its swatch, a
  // county medical centre's or sub-centre's when there is one
  const rings = marks.filter((m) => m.stack === 1);
  const pairs = rings.flatMap((r) => {
    const top = marks.find((m) => m.stack === 0 && Math.hypot(m.x - r.x, m.y - r.y) < 0.5);
    return top ? [{ top, ring: r }] : [];
  });
  const pair =
    pairs.find((p) => p.top.category === "county-medical-centre" || p.top.category === "sub-centre") ?? pairs[0];
  if (pair)
    byKey.set("stack", {
      key: "stack",
      order: 22,
      label: PRINT_LEGEND_LABELS.stack,
      shape: "stack",
      color: pair.ring.color,
      inner: pair.top.color,
      opacity: 1,
      layers: new Set([FACILITY_LAYERS.rings]),
      whole: true,
    });
  // the gaps' edges drawn over the symbols (the print's own layer): the entry says so
  const gaps = byKey.get("gaps");
  if (gaps?.layers.has(PRINT_GAP_OVER)) gaps.label = PRINT_LEGEND_LABELS.gapsOver;
  const items = [...byKey.values()]
    .sort((a, b) => a.order - b.order)
    .map(({ key: _k, order: _o, whole: _w, layers: ls, ...e }) => {
      const { part: _p, ...item } = e as typeof e & { part?: boolean };
      return { ...item, layers: [...ls] };
    });
  return { items, unlabelled: [...unlabelled], marks };
}
