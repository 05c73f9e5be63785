import type { LayerSpecification, StyleSpecification } from "maplibre-gl";
import { LAYER_DRAW_ORDER, LAYER_STYLES, type LayerKey } from "./symbology";

/** Source ids used by the app. */
export const SRC = {
  counties: "counties",
  facilities: "facilities",
  gaps: "gaps",
  urban: "urban",
  rings: "rings",
  ring15: "ring15",
  violations: "violations",
  basemap: "basemap",
} as const;

export const COUNTY_FILL = "county-fill";
export const COUNTY_LINE = "county-line";
export const COUNTY_HIGHLIGHT = "county-highlight";

export function facilityLayerId(key: LayerKey): string {
  return `facility-${key}`;
}

/** An empty style: no basemap, no glyphs, no network. */
export function baseStyle(basemapUrl?: string): StyleSpecification {
  const style: StyleSpecification = {
    version: 8,
    sources: {},
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

/** County polygons: fill coloured by status when present, outline, and a highlight for the selected county. */
export function countyLayers(): LayerSpecification[] {
  return [
    {
      id: COUNTY_FILL,
      type: "fill",
      source: SRC.counties,
      paint: {
        "fill-color": [
          "match",
          ["get", "status"],
          "fail",
          "#f6d5d0",
          "pass",
          "#d9eedb",
          ["match", ["get", "kind"], "district", "#e4e0ef", "#f7f5ee"],
        ],
        "fill-opacity": 0.85,
      },
    },
    {
      id: COUNTY_LINE,
      type: "line",
      source: SRC.counties,
      paint: { "line-color": "#5b5b6b", "line-width": ["case", ["boolean", ["get", "focus"], false], 2.5, 1.2] },
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

/** One circle layer per legend category, drawn in z order. Proposed sites get a thick dashed-looking ring. */
export function facilityLayers(): LayerSpecification[] {
  return LAYER_DRAW_ORDER.map((key) => {
    const s = LAYER_STYLES[key];
    return {
      id: facilityLayerId(key),
      type: "circle",
      source: SRC.facilities,
      filter: ["==", ["get", "layer"], key],
      paint: {
        "circle-color": s.color,
        "circle-radius": ["interpolate", ["linear"], ["zoom"], 6, s.radius * 0.8, 10, s.radius * 1.4],
        "circle-stroke-color": [
          "match",
          ["get", "status"],
          "violates",
          "#d0021b",
          ["case", ["boolean", ["get", "proposed"], false], "#0050b3", s.stroke],
        ],
        "circle-stroke-width": [
          "case",
          ["boolean", ["get", "proposed"], false],
          3,
          ["==", ["get", "status"], "violates"],
          2.5,
          key === "village-clinic" ? 0 : 1,
        ],
      },
    } satisfies LayerSpecification;
  });
}
