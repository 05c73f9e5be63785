import type { ExpressionSpecification, FilterSpecification, LayerSpecification, StyleSpecification } from "maplibre-gl";
import { anchorKey, LABEL_ANCHORS, LABEL_RADII_EM, radialOffset } from "./label-layout";
import { LAYER_DRAW_ORDER, LAYER_KEYS, LAYER_STYLES, type LayerKey, STROKE_PX } from "./symbology";

/** Source ids used by the app. */
export const SRC = {
  counties: "counties",
  facilities: "facilities",
  gaps: "gaps",
  isochrones: "isochrones",
  urban: "urban",
  rings: "rings",
  /** The proposed sites' service rings, apart from the others: a drag re-tiles this small source, not 127 rings. */
  ringsProposed: "rings-proposed",
  /** Proposed facilities, apart from the others: a drag re-tiles this small source only. */
  proposed: "proposed-sites",
  ring15: "ring15",
  marks: "marks",
  labels: "county-labels",
  labelLeaders: "county-label-leaders",
  basemap: "basemap",
} as const;

export const COUNTY_FILL = "county-fill";
/** A county's tint by its radius checks' verdict (the print legend names it). */
export const COUNTY_TINT = { fail: "#f9e3df", pass: "#e3f2e4" } as const;
/**
 * A county the imported facility list has no facility in (the report's listScope.missing): not checked, so neither
 * tint nor gaps but a neutral grey under grey hatching (the trials: a one-county list printed every other county red as
 * failing). The hatching is a layer of its own (COUNTY_UNLISTED) over the fill, its pattern an image the map adds.
 */
export const COUNTY_UNLISTED = "county-unlisted";
export const UNLISTED_FILL = "#e3e3e3";
export const UNLISTED_HATCH = "#8a8a8a";
export const UNLISTED_HATCH_IMAGE = "unlisted-hatch";

/**
 * The hatching's pixels: a 16 × 16 tile (pixel ratio 2: 8 CSS px) with a diagonal line 2 px wide in UNLISTED_HATCH on
 * transparent, seamless when tiled.
 */
export function unlistedHatchImage(): { width: number; height: number; data: Uint8Array } {
  const n = 16;
  const data = new Uint8Array(n * n * 4);
  const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(UNLISTED_HATCH.slice(i, i + 2), 16));
  for (let y = 0; y < n; y++)
    for (let x = 0; x < n; x++) if ((x + y) % n < 2) data.set([r, g, b, 255], (y * n + x) * 4);
  return { width: n, height: n, data };
}

/** The outline of a facility that violates a rule, and of a proposed site. */
export const VIOLATES_OUTLINE = "#d0021b";
export const PROPOSED_OUTLINE = "#0050b3";
/** A proposed site's service ring: a lighter blue than its outline, apart from the near-black county boundaries in grey. */
export const PROPOSED_RING = "#3a7bd5";
export const COUNTY_LINE = "county-line";
export const COUNTY_HIGHLIGHT = "county-highlight";

/**
 * The facility layers: a few data-driven layers, each drawing every legend category it holds by the feature's `layer`
 * (its colour, size and outline from LAYER_STYLES), where there was one layer per category and kind (50 layers, each
 * a bucket that read every facility of a tile in MapLibre's worker). Bottom to top: the village clinics' dots, the
 * rings of markers under another at their site (existing, then proposed), the existing markers, the proposed sites.
 */
export const FACILITY_LAYERS = {
  clinics: "facility-village-clinics",
  rings: "facility-rings",
  proposedRings: "facility-proposed-rings",
  markers: "facility-markers",
  proposed: "facility-proposed",
} as const;

export type FacilityLayerKind = keyof typeof FACILITY_LAYERS;

/** The facility layers' ids, bottom to top (what a click or the pointer queries). */
export const FACILITY_LAYER_IDS: readonly string[] = [
  FACILITY_LAYERS.clinics,
  FACILITY_LAYERS.rings,
  FACILITY_LAYERS.proposedRings,
  FACILITY_LAYERS.markers,
  FACILITY_LAYERS.proposed,
];

/** Whether a layer id is one of the facility layers (whose features' category is their `layer` property). */
export function isFacilityLayer(id: string): boolean {
  return FACILITY_LAYER_IDS.includes(id);
}

export const COUNTY_LABEL = "county-label";
/** The dot at the point of a county name set farther out (label-fit.ts). */
export const COUNTY_LABEL_PIN = "county-label-pin";
/** The leader line from a county name set farther out to its point (label-fit.ts). */
export const COUNTY_LABEL_LEADER = "county-label-leader";
/**
 * The leaders' opacity. The label fitter hides them while the camera moves by their opacity (a paint property, drawn
 * from the tiles as made), not their visibility (a layout property: each change re-tiled the leaders' source).
 */
export const LEADER_OPACITY = 0.8;

/**
 * The plate behind county names: white at 82 % over the map, which keeps a facility marker under a name faintly
 * visible and the name legible. An image the map adds itself (see {@link labelPlateImage}); no sprite, no network.
 */
export const LABEL_PLATE = "label-plate";
export const LABEL_PLATE_ALPHA = 0.82;

/** The plate's pixels: a 4 × 4 square of white at LABEL_PLATE_ALPHA (stretched to each name by icon-text-fit). */
export function labelPlateImage(): { width: number; height: number; data: Uint8Array } {
  const data = new Uint8Array(4 * 4 * 4);
  for (let i = 0; i < 16; i++) data.set([255, 255, 255, Math.round(255 * LABEL_PLATE_ALPHA)], i * 4);
  return { width: 4, height: 4, data };
}

/**
 * Font families for map text. The style has no `glyphs` URL, so MapLibre draws every glyph with the browser's own
 * fonts (TinySDF), CJK included: labels need no glyph server and no network.
 */
export const LABEL_FONTS = ["PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei", "sans-serif"];

/** An empty style: no basemap, no glyphs, no network. */
export function baseStyle(basemapUrl?: string): StyleSpecification {
  const style: StyleSpecification = {
    version: 8,
    sources: {},
    // no paint transitions: each would redraw the map for 300 ms, and a frame is a software-rendered canvas read back
    // in headless Chromium
    transition: { duration: 0, delay: 0 },
    layers: [{ id: "background", type: "background", paint: { "background-color": "#eef1ec" } }],
  };
  if (basemapUrl) {
    style.sources[SRC.basemap] = {
      type: "raster",
      tiles: [basemapUrl],
      tileSize: 256,
      attribution: "basemap: user-configured tile server",
    };
    style.layers.push({ id: "basemap", type: "raster", source: SRC.basemap, paint: { "raster-opacity": 0.75 } });
  }
  return style;
}

/** County polygons, filled by status when present (under the analysis overlays; their lines: countyLineLayers). */
export function countyLayers(): LayerSpecification[] {
  return [
    {
      id: COUNTY_FILL,
      type: "fill",
      source: SRC.counties,
      paint: {
        // a context county (the plan does not bind it) is grey whatever else it is; a county the list does not cover
        // is not checked: neutral, not its verdict
        "fill-color": [
          "case",
          ["boolean", ["get", "context"], false],
          "#d9d9d9",
          ["boolean", ["get", "unlisted"], false],
          UNLISTED_FILL,
          [
            "match",
            // the tint is feature state (MapController.setCounties): a new analysis re-colours without re-tiling
            ["coalesce", ["feature-state", "status"], ["get", "status"]],
            "fail",
            COUNTY_TINT.fail,
            "pass",
            COUNTY_TINT.pass,
            ["match", ["get", "kind"], "district", "#e4e0ef", "#f7f5ee"],
          ],
        ],
        "fill-opacity": 0.85,
      },
    },
    {
      id: COUNTY_UNLISTED,
      type: "fill",
      source: SRC.counties,
      filter: ["all", ["boolean", ["get", "unlisted"], false], ["!", ["boolean", ["get", "context"], false]]],
      paint: { "fill-pattern": UNLISTED_HATCH_IMAGE },
    },
  ];
}

/** The county boundaries' colour: a dark neutral grey, apart in hue and lightness from every service ring. */
export const COUNTY_LINE_COLOR = "#33333d";

/**
 * County boundaries and the selected county's outline, drawn above the analysis overlays (below the facilities): a
 * service ring is cut to its county (the worker's serviceRings), so along a boundary its edge and the boundary are the
 * same line, and drawn on top the ring's colour took the boundary over (the boundaries looked orange).
 */
export function countyLineLayers(): LayerSpecification[] {
  return [
    {
      id: COUNTY_LINE,
      type: "line",
      source: SRC.counties,
      paint: {
        "line-color": COUNTY_LINE_COLOR,
        "line-width": ["case", ["boolean", ["get", "focus"], false], 2.5, 1.2],
      },
    },
    {
      id: COUNTY_HIGHLIGHT,
      type: "line",
      source: SRC.counties,
      filter: ["==", ["get", "code"], ""],
      paint: { "line-color": "#0050b3", "line-width": 3.5 },
    },
  ];
}

const byCategory = (value: (key: LayerKey) => number | string, fallback: number | string): ExpressionSpecification =>
  [
    "match",
    ["get", "layer"],
    ...LAYER_KEYS.flatMap((k) => [k, value(k)]),
    fallback,
  ] as unknown as ExpressionSpecification;

/** A marker's place in the draw order of its layer: by LAYER_DRAW_ORDER (symbology z, then legend order). */
const drawRankExpr = (): ExpressionSpecification => byCategory((k) => LAYER_DRAW_ORDER.indexOf(k), 0);

/** The categories a facility layer holds, and whether it draws the rings of stacked markers (always an `all`). */
function facilityBaseFilter(kind: FacilityLayerKind): FilterSpecification {
  const stacked: FilterSpecification = ["has", "stack"];
  const alone: FilterSpecification = ["!", ["has", "stack"]];
  const clinic: FilterSpecification = ["==", ["get", "layer"], "village-clinic"];
  const notClinic: FilterSpecification = ["!=", ["get", "layer"], "village-clinic"];
  switch (kind) {
    case "clinics":
      return ["all", clinic, alone];
    case "rings":
    case "proposedRings":
      // village clinics are never stacked (features.ts facilityStacks)
      return ["all", notClinic, stacked];
    case "markers":
      return ["all", notClinic, alone];
    case "proposed":
      return ["all", alone];
  }
}

/**
 * A facility layer's filter with the legend categories switched off (`hidden`) left out. A filter change re-tiles the
 * layer's source: the categories hidden are set only when they change (MapController.setFacilitiesVisible).
 */
export function facilityFilter(kind: FacilityLayerKind, hidden: readonly LayerKey[] = []): FilterSpecification {
  const base = facilityBaseFilter(kind);
  if (hidden.length === 0) return base;
  return [
    ...(base as unknown[]),
    ["!", ["in", ["get", "layer"], ["literal", [...hidden].sort()]]],
  ] as FilterSpecification;
}

/** The legend categories a facility layer's filter leaves out (see {@link facilityFilter}). */
export function hiddenCategories(filter: unknown): Set<string> {
  if (!Array.isArray(filter)) return new Set();
  for (const part of filter) {
    const inner = Array.isArray(part) && part[0] === "!" ? part[1] : null;
    const list = Array.isArray(inner) && inner[0] === "in" && Array.isArray(inner[2]) ? inner[2][1] : null;
    if (Array.isArray(list)) return new Set(list.map(String));
  }
  return new Set();
}

/**
 * The facility layers, bottom to top (FACILITY_LAYER_IDS): every legend category in one layer per kind, drawn in the
 * categories' z order within it (`circle-sort-key`). Proposed sites (their own source) get a thick outline and are
 * drawn above every existing facility. Under them all but the village clinics' dots, the rings of facilities at one
 * site, in the same order (the outer rings of a site first): a marker next to a site is drawn over its rings, not
 * hidden under them, and the markers drawn whole at a site stay on top.
 */
export function facilityLayers(hidden: readonly LayerKey[] = []): LayerSpecification[] {
  return (Object.keys(FACILITY_LAYERS) as FacilityLayerKind[])
    .sort((a, b) => FACILITY_LAYER_IDS.indexOf(FACILITY_LAYERS[a]) - FACILITY_LAYER_IDS.indexOf(FACILITY_LAYERS[b]))
    .map((kind) => facilityLayer(kind, hidden));
}

/**
 * A facility marker's radius at a zoom's size factor `k`: its category's radius × k, or under another marker at its
 * site the top marker's radius × k plus the outlines and rings between (the feature's `stackR` and `stackPx`).
 */
function stackedRadius(k: number): ExpressionSpecification {
  return [
    "+",
    ["*", ["coalesce", ["get", "stackR"], byCategory((key) => LAYER_STYLES[key].radius, 0)], k],
    ["coalesce", ["get", "stackPx"], 0],
  ];
}

/**
 * The village clinics' layer (the existing ones; a proposed clinic is drawn by the proposed sites' layer): one
 * category, never stacked, so its colour and size are constants and only the outline reads the feature (a clinic that
 * violates a rule). It draws what the shared expressions give a clinic, tested; but MapLibre's worker evaluates an
 * expression that reads the feature for every feature of a tile, and the size's zoom curve over the feature at two
 * stops: for 6,383 clinics (南阳) that was the largest part of tiling the facilities on a first load.
 */
function clinicsLayer(hidden: readonly LayerKey[]): LayerSpecification {
  const style = LAYER_STYLES["village-clinic"];
  const violates: ExpressionSpecification = ["==", ["get", "status"], "violates"];
  return {
    id: FACILITY_LAYERS.clinics,
    type: "circle",
    source: SRC.facilities,
    filter: facilityFilter("clinics", hidden),
    paint: {
      "circle-color": style.color,
      "circle-radius": ["interpolate", ["linear"], ["zoom"], 6, style.radius * 0.8, 10, style.radius * 1.4],
      "circle-stroke-color": ["case", violates, VIOLATES_OUTLINE, style.stroke],
      "circle-stroke-width": ["case", violates, STROKE_PX.violates, STROKE_PX.villageClinic],
    },
  } satisfies LayerSpecification;
}

function facilityLayer(kind: FacilityLayerKind, hidden: readonly LayerKey[]): LayerSpecification {
  if (kind === "clinics") return clinicsLayer(hidden);
  const ring = kind === "rings" || kind === "proposedRings";
  const proposed = kind === "proposed" || kind === "proposedRings";
  // the outer rings of a site first (two of one category at a site share a rank)
  const sortKey: ExpressionSpecification = ring ? ["-", ["*", drawRankExpr(), 100], ["get", "stack"]] : drawRankExpr();
  return {
    id: FACILITY_LAYERS[kind],
    type: "circle",
    source: proposed ? SRC.proposed : SRC.facilities,
    filter: facilityFilter(kind, hidden),
    layout: { "circle-sort-key": sortKey },
    paint: {
      "circle-color": byCategory((k) => LAYER_STYLES[k].color, "#000000"),
      // its own size; under another marker at its site, a ring around it: the top marker's size scaled alike, plus
      // the outlines and rings above (stackPx)
      "circle-radius": ["interpolate", ["linear"], ["zoom"], 6, stackedRadius(0.8), 10, stackedRadius(1.4)],
      "circle-stroke-color": [
        "match",
        ["get", "status"],
        "violates",
        VIOLATES_OUTLINE,
        [
          "case",
          ["boolean", ["get", "proposed"], false],
          PROPOSED_OUTLINE,
          byCategory((k) => LAYER_STYLES[k].stroke, "#ffffff"),
        ],
      ],
      "circle-stroke-width": [
        "case",
        ["boolean", ["get", "proposed"], false],
        STROKE_PX.proposed,
        ["==", ["get", "status"], "violates"],
        STROKE_PX.violates,
        ["==", ["get", "layer"], "village-clinic"],
        STROKE_PX.villageClinic,
        STROKE_PX.own,
      ],
    },
  } satisfies LayerSpecification;
}

/**
 * The map's layers under the county names, bottom to top: county fills, the analysis overlays, the county boundaries
 * (over the rings cut along them), the facilities.
 */
export function mapLayersBelowLabels(): LayerSpecification[] {
  return [...countyLayers(), ...analysisLayers(), ...countyLineLayers(), ...facilityLayers()];
}

/** Analysis overlays, toggled together with the legend's analysis section. */
export const ANALYSIS_LAYERS = {
  urban: ["urban-fill", "urban-line"],
  gaps: ["gap-fill", "gap-line"],
  isochrones: ["iso-fill", "iso-line", "iso-beyond"],
  rings: ["ring-line", "ring-line-proposed"],
  ring15: ["ring15-line"],
} as const;

export type AnalysisLayerKey = keyof typeof ANALYSIS_LAYERS;

export const ANALYSIS_STYLES: Record<AnalysisLayerKey, { color: string; label: { zh: string; en: string } }> = {
  urban: { color: "#8e6cc0", label: { zh: "城区范围（所用口径）", en: "Urban area (definition used)" } },
  gaps: { color: "#e31a1c", label: { zh: "急救服务半径覆盖缺口", en: "EMS radius coverage gaps" } },
  isochrones: {
    color: "#1a9850",
    label: { zh: "急救等时圈（10/20/30 分钟，超时区域斜线）", en: "EMS isochrones (10/20/30 min; beyond hatched)" },
  },
  rings: { color: "#ff7f00", label: { zh: "急救服务半径（城区/农村）", en: "EMS service radius (urban / rural)" } },
  ring15: { color: "#6a3d9a", label: { zh: "县域医疗中心 15 公里圈", en: "15 km ring around county medical centres" } },
};

/** Layers of the analysis overlays; inserted below the facility circles. */
export function analysisLayers(): LayerSpecification[] {
  return [
    {
      id: "urban-fill",
      type: "fill",
      source: SRC.urban,
      paint: { "fill-color": ANALYSIS_STYLES.urban.color, "fill-opacity": 0.18 },
    },
    {
      id: "urban-line",
      type: "line",
      source: SRC.urban,
      paint: { "line-color": ANALYSIS_STYLES.urban.color, "line-width": 1.2, "line-dasharray": [2, 1] },
    },
    {
      id: "iso-fill",
      type: "fill",
      source: SRC.isochrones,
      paint: {
        "fill-color": ["step", ["get", "toMinutes"], "#1a9850", 10.5, "#91cf60", 20.5, "#fee08b"],
        "fill-opacity": 0.35,
      },
    },
    {
      id: "iso-line",
      type: "line",
      source: SRC.isochrones,
      paint: { "line-color": "#4d4d4d", "line-width": 0.6, "line-opacity": 0.6 },
    },
    {
      // the places beyond the travel-time limit (EMS-TIME's gaps), outlined over the bands
      id: "iso-beyond",
      type: "line",
      source: SRC.gaps,
      filter: ["has", "limitMinutes"],
      paint: { "line-color": "#d73027", "line-width": 1.4, "line-dasharray": [1, 1] },
    },
    {
      id: "gap-fill",
      type: "fill",
      source: SRC.gaps,
      filter: ["!", ["has", "limitMinutes"]],
      paint: { "fill-color": ANALYSIS_STYLES.gaps.color, "fill-opacity": 0.38 },
    },
    {
      id: "gap-line",
      type: "line",
      source: SRC.gaps,
      filter: ["!", ["has", "limitMinutes"]],
      paint: { "line-color": "#b10026", "line-width": 1 },
    },
    ...[SRC.rings, SRC.ringsProposed].map(
      (source): LayerSpecification => ({
        id: source === SRC.rings ? "ring-line" : "ring-line-proposed",
        type: "line",
        source,
        paint: {
          "line-color": [
            "case",
            ["boolean", ["get", "proposed"], false],
            PROPOSED_RING,
            ["match", ["get", "role"], "urban", "#d95f02", "#ff7f00"],
          ],
          "line-width": ["case", ["boolean", ["get", "proposed"], false], 2.2, 1.1],
          "line-opacity": 0.85,
        },
      }),
    ),
    {
      id: "ring15-line",
      type: "line",
      source: SRC.ring15,
      paint: { "line-color": ANALYSIS_STYLES.ring15.color, "line-width": 1.6, "line-dasharray": [3, 2] },
    },
  ];
}

/**
 * Marks of a selection (see marks.ts): a coverage failure's gaps outlined (the largest stronger), the limit's ring and
 * link, a stand-in, the reference, the subject on top.
 */
export function markLayers(): LayerSpecification[] {
  const kind = (k: string) => ["==", ["get", "kind"], k] as ["==", ["get", string], string];
  return [
    {
      id: "mark-gap",
      type: "line",
      source: SRC.marks,
      filter: kind("gap"),
      paint: {
        "line-color": "#d0021b",
        "line-width": ["case", ["boolean", ["get", "largest"], false], 3.5, 2],
        "line-opacity": 0.9,
      },
    },
    {
      id: "mark-ring",
      type: "line",
      source: SRC.marks,
      filter: kind("ring"),
      paint: { "line-color": ANALYSIS_STYLES.ring15.color, "line-width": 2.5, "line-dasharray": [3, 2] },
    },
    {
      id: "mark-link",
      type: "line",
      source: SRC.marks,
      filter: kind("link"),
      paint: { "line-color": "#d0021b", "line-width": 2 },
    },
    {
      id: "mark-stand-in",
      type: "circle",
      source: SRC.marks,
      filter: kind("stand-in"),
      paint: {
        "circle-radius": 14,
        "circle-color": "rgba(0,0,0,0)",
        "circle-stroke-color": "#d0021b",
        "circle-stroke-width": 2,
        "circle-stroke-opacity": 0.7,
      },
    },
    {
      id: "mark-reference",
      type: "circle",
      source: SRC.marks,
      filter: kind("reference"),
      paint: {
        "circle-radius": 11,
        "circle-color": LAYER_STYLES["county-medical-centre"].color,
        "circle-stroke-color": "#ffffff",
        "circle-stroke-width": 3,
      },
    },
    {
      id: "mark-subject",
      type: "circle",
      source: SRC.marks,
      filter: kind("subject"),
      paint: {
        "circle-radius": 10,
        "circle-color": ["coalesce", ["get", "color"], "#ffffff"],
        "circle-stroke-color": "#d0021b",
        "circle-stroke-width": 4,
      },
    },
    {
      id: "mark-suggested",
      type: "circle",
      source: SRC.marks,
      filter: kind("suggested"),
      paint: {
        "circle-radius": 9,
        "circle-color": SUGGESTED_COLOR,
        "circle-stroke-color": "#053b37",
        "circle-stroke-width": 2.5,
      },
    },
  ];
}

/** Suggested sites: teal, apart from the violation red and the proposed blue. */
export const SUGGESTED_COLOR = "#13a89e";

/**
 * The size factors a county name may be drawn at when it finds no place at full size (label-layout.ts), none taking
 * it under LABEL_MIN_PX: a name with no room at those is set farther out with a leader instead.
 */
export const LABEL_FIT_SCALES = [1, 0.88, 0.78] as const;

/** The smallest text a county name is drawn at on screen or in print, in CSS px. */
export const LABEL_MIN_PX = 9;

/** The label layer's line height, in ems (MapLibre's default `text-line-height`). */
export const LABEL_LINE_HEIGHT = 1.2;

/**
 * A county name's full text size in CSS px at zoom 7 and at zoom 9 (linear between, held outside them): the focus
 * county's; a small unit's (under 6 km from its label point to its edge, a city's districts) in two lines (English
 * above Chinese); a small unit's in one; any other.
 */
export const LABEL_SIZES = {
  7: { focus: 13, smallTwoLines: 9, small: 10, other: 11.5 },
  9: { focus: 14, smallTwoLines: 10.5, small: 11.5, other: 12.5 },
} as const;

/** Kilometres of room under which a county counts as small for its name's size. */
const SMALL_ROOM_KM = 6;

/** The full text size (CSS px) of a county name at `zoom`, as the label layer draws it (before its fit factor). */
export function labelSizePx(zoom: number, p: { focus?: boolean; roomKm?: number; twoLines: boolean }): number {
  const pick = (s: (typeof LABEL_SIZES)[7 | 9]) =>
    p.focus ? s.focus : (p.roomKm ?? 99) < SMALL_ROOM_KM ? (p.twoLines ? s.smallTwoLines : s.small) : s.other;
  const t = Math.min(1, Math.max(0, (zoom - 7) / 2));
  return pick(LABEL_SIZES[7]) + t * (pick(LABEL_SIZES[9]) - pick(LABEL_SIZES[7]));
}

export { LABEL_ANCHORS };

/**
 * A name's anchors and offsets when it is not fitted (zoomed far out): every anchor of LABEL_ANCHORS, half an em
 * from the point (on it for `center`; a diagonal at half an em / √2 on each axis), as MapLibre's radial offset sets.
 */
export function defaultAnchorOffsets(): Array<string | [number, number]> {
  return LABEL_ANCHORS.flatMap((a) => [a, radialOffset(a, 0.5)]);
}

/**
 * The label layer's anchor and offset: the one the fitter chose, by its key (`vak`, anchorKey), matched to a literal
 * for every anchor and offset length the fitter may choose; every anchor beside the point when not fitted.
 */
function fittedAnchorOffset(): unknown[] {
  const arms: unknown[] = [];
  for (const r of LABEL_RADII_EM)
    for (const a of LABEL_ANCHORS) arms.push(anchorKey(a, r), ["literal", [a, radialOffset(a, r)]]);
  return ["match", ["coalesce", ["get", "vak"], ""], ...arms, ["literal", defaultAnchorOffsets()]];
}

/**
 * County names as a symbol layer, each at its county's pole of inaccessibility (labels.ts `labelPoint`), so the names
 * are part of the map's canvas (and of the print). The label fitter (label-fit.ts) works out from the names' measured
 * text where each goes (its size, line breaks, anchor and offset, in properties of its feature) so that none covers
 * another or an overlay and every one is legible; MapLibre's collision handling then places them in that order
 * (`rank`) and stays the judge. Zoomed far out, names are not fitted: each may take any of LABEL_ANCHORS and MapLibre
 * leaves out the ones that collide.
 */
export function labelLayers(): LayerSpecification[] {
  const isFar = ["boolean", ["get", "far"], false];
  const focus = ["boolean", ["get", "focus"], false];
  const small = ["<", ["coalesce", ["get", "room"], 99], SMALL_ROOM_KM];
  // a two-line name (English above Chinese) is twice as tall and wider: smaller still where there is little room
  const twoLines = ["in", "\n", ["get", "name"]];
  // the size factor the label fitter gave the name (label-fit.ts)
  const scale = ["coalesce", ["get", "scale"], 1];
  const size = (s: (typeof LABEL_SIZES)[7 | 9]) => [
    "*",
    scale,
    ["case", focus, s.focus, ["all", small, twoLines], s.smallTwoLines, small, s.small, s.other],
  ];
  return [
    {
      // the leader from a name set farther out to its point (label-fit.ts)
      id: COUNTY_LABEL_LEADER,
      type: "line",
      source: SRC.labelLeaders,
      paint: { "line-color": "#1d2733", "line-width": 1, "line-opacity": LEADER_OPACITY },
    } as LayerSpecification,
    {
      // the point of a name set farther out (label-fit.ts): a small dark dot the name stands beside
      id: COUNTY_LABEL_PIN,
      type: "circle",
      source: SRC.labels,
      filter: isFar,
      paint: {
        "circle-radius": 2.5,
        "circle-color": "#1d2733",
        "circle-stroke-color": "#fff",
        "circle-stroke-width": 1,
      },
    } as LayerSpecification,
    {
      id: COUNTY_LABEL,
      type: "symbol",
      source: SRC.labels,
      layout: {
        // the lines the fitter set (`text`), else the name as given
        "text-field": ["coalesce", ["get", "text"], ["get", "name"]],
        "text-font": LABEL_FONTS,
        "text-size": ["interpolate", ["linear"], ["zoom"], 7, size(LABEL_SIZES[7]), 9, size(LABEL_SIZES[9])],
        // the fitter breaks the lines itself (it measured them): MapLibre breaks only at the newlines
        "text-max-width": 100,
        "text-line-height": LABEL_LINE_HEIGHT,
        // the anchor and offset the fitter chose for the name (or every anchor, beside the point, when not fitted)
        "text-variable-anchor-offset": fittedAnchorOffset(),
        "text-justify": "auto",
        "text-padding": 2,
        "text-allow-overlap": false,
        "text-ignore-placement": false,
        "symbol-sort-key": ["get", "rank"],
        // a pale plate behind each name (LABEL_PLATE), so the facility markers under it do not break up the text
        "icon-image": LABEL_PLATE,
        "icon-text-fit": "both",
        "icon-text-fit-padding": [0, 2, 0, 2],
        "icon-allow-overlap": false,
      } as LayerSpecification["layout"],
      paint: {
        "text-color": "#1d2733",
        "text-halo-color": "rgba(255,255,255,0.92)",
        "text-halo-width": 1.6,
      },
    } as LayerSpecification,
  ];
}
