import { validateStyleMin } from "@maplibre/maplibre-gl-style-spec";
import { describe, expect, it } from "vitest";
import {
  baseStyle,
  facilityLayers,
  labelLayers,
  mapLayersBelowLabels,
  markLayers,
  SRC,
} from "../../src/app/map/layers";
import { gradeLabel } from "../../src/app/map/popup";
import { LAYER_KEYS, layerKeyOf } from "../../src/app/map/symbology";

describe("layer builders", () => {
  // the map adds these layers without MapLibre's own validation (MapController), so this test is their only check
  it("produce a style that passes the MapLibre style-spec validator", () => {
    const style = baseStyle("https://tile.example.org/{z}/{x}/{y}.png");
    for (const id of Object.values(SRC)) {
      if (id !== SRC.basemap)
        style.sources[id] = { type: "geojson", data: { type: "FeatureCollection", features: [] } };
    }
    style.layers.push(...mapLayersBelowLabels(), ...labelLayers(), ...markLayers());
    expect(validateStyleMin(style)).toEqual([]);
  });

  it("draw one layer per legend category for existing facilities and one for proposed sites, these on top, over the rings of facilities at one site", () => {
    const all = facilityLayers();
    const rings = all.filter((l) => l.id.endsWith("-ring"));
    const layers = all.filter((l) => !l.id.endsWith("-ring"));
    const existing = layers.filter((l) => "source" in l && l.source === "facilities");
    const proposed = layers.filter((l) => "source" in l && l.source === "proposed-sites");
    expect(existing.map((l) => l.id).sort()).toEqual(LAYER_KEYS.map((k) => `facility-${k}`).sort());
    expect(proposed.map((l) => l.id).sort()).toEqual(LAYER_KEYS.map((k) => `facility-${k}-proposed`).sort());
    expect(layers.length).toBe(existing.length + proposed.length);
    // every proposed layer is drawn after every existing one
    expect(layers.findIndex((l) => l.id.endsWith("-proposed"))).toBe(existing.length);
    // the rings (every category but village clinics, existing then proposed) are drawn in the same order, over the
    // village clinics' dots and under every other marker
    const stacked = [...layers.map((l) => l.id)].filter((id) => !id.startsWith("facility-village-clinic"));
    expect(rings.map((l) => l.id)).toEqual(stacked.map((id) => `${id}-ring`));
    expect(all[0].id).toBe("facility-village-clinic");
    expect(all.slice(1, rings.length + 1)).toEqual(rings);
  });

  it("an empty base style needs no network source", () => {
    expect(Object.keys(baseStyle().sources)).toEqual([]);
  });
});

describe("layerKeyOf", () => {
  it("splits hospitals by grade and keeps other types", () => {
    expect(layerKeyOf({ type: "hospital", grade: "3A" })).toBe("hospital-3");
    expect(layerKeyOf({ type: "hospital", grade: "2B" })).toBe("hospital-2");
    expect(layerKeyOf({ type: "hospital", grade: "1" })).toBe("hospital-1");
    expect(layerKeyOf({ type: "hospital" })).toBe("hospital-1");
    expect(layerKeyOf({ type: "ems-station" })).toBe("ems-station");
  });
});

describe("gradeLabel", () => {
  it("writes grades the Chinese way", () => {
    expect(gradeLabel("3A", "zh")).toBe("三级甲等");
    expect(gradeLabel("2B", "zh")).toBe("二级乙等");
    expect(gradeLabel("2A", "en")).toBe("Grade II A");
  });
});
