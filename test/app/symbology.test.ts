import { createPropertyExpression, featureFilter, latest, validateStyleMin } from "@maplibre/maplibre-gl-style-spec";
import type { LayerSpecification } from "maplibre-gl";
import { describe, expect, it } from "vitest";
import {
  baseStyle,
  FACILITY_LAYER_IDS,
  FACILITY_LAYERS,
  facilityFilter,
  facilityLayers,
  hiddenCategories,
  labelLayers,
  mapLayersBelowLabels,
  markLayers,
  PROPOSED_OUTLINE,
  SRC,
  VIOLATES_OUTLINE,
} from "../../src/app/map/layers";
import { gradeLabel } from "../../src/app/map/popup";
import {
  LAYER_DRAW_ORDER,
  LAYER_KEYS,
  LAYER_STYLES,
  type LayerKey,
  layerKeyOf,
  strokePx,
} from "../../src/app/map/symbology";

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

  it("draw the facilities with five data-driven layers: clinics' dots, the rings (existing, proposed), markers, proposed sites", () => {
    const all = facilityLayers();
    expect(all.map((l) => l.id)).toEqual([...FACILITY_LAYER_IDS]);
    expect(all.map((l) => l.id)).toEqual([
      FACILITY_LAYERS.clinics,
      FACILITY_LAYERS.rings,
      FACILITY_LAYERS.proposedRings,
      FACILITY_LAYERS.markers,
      FACILITY_LAYERS.proposed,
    ]);
    const sourceOf = (l: LayerSpecification) => ("source" in l ? l.source : null);
    expect(all.map(sourceOf)).toEqual([SRC.facilities, SRC.facilities, SRC.proposed, SRC.facilities, SRC.proposed]);
  });

  // what the per-category layers drew (one layer per category and kind, before they were merged), from the symbology
  // itself: each feature's layer, colour, radius at zooms 6 and 10, outline colour and width, and its place in the order
  const z6 = 0.8;
  const z10 = 1.4;
  interface Look {
    layer: string;
    color: string;
    r6: number;
    r10: number;
    stroke: string;
    strokeWidth: number;
  }
  function expected(p: {
    layer: LayerKey;
    proposed: boolean;
    status: string;
    stackR?: number;
    stackPx?: number;
  }): Look {
    const s = LAYER_STYLES[p.layer];
    const stacked = p.stackR !== undefined;
    const r = (k: number) => (stacked ? p.stackR! * k + (p.stackPx ?? 0) : s.radius * k);
    const layer = p.proposed
      ? stacked
        ? FACILITY_LAYERS.proposedRings
        : FACILITY_LAYERS.proposed
      : stacked
        ? FACILITY_LAYERS.rings
        : p.layer === "village-clinic"
          ? FACILITY_LAYERS.clinics
          : FACILITY_LAYERS.markers;
    return {
      layer,
      color: s.color,
      r6: r(z6),
      r10: r(z10),
      stroke: p.status === "violates" ? VIOLATES_OUTLINE : p.proposed ? PROPOSED_OUTLINE : s.stroke,
      strokeWidth: strokePx(p.layer, p),
    };
  }
  const colour = (c: unknown) => {
    const { r, g, b } = c as { r: number; g: number; b: number };
    return `#${[r, g, b]
      .map((v) =>
        Math.round(v * 255)
          .toString(16)
          .padStart(2, "0"),
      )
      .join("")}`;
  };
  const hex = (c: string) => (c.length === 4 ? `#${[...c.slice(1)].map((x) => x + x).join("")}` : c).toLowerCase();

  it("draw every category, status and stack as the per-category layers did (colour, size, outline, layer)", () => {
    const layers = facilityLayers() as unknown as Array<{
      id: string;
      source: string;
      filter: unknown;
      paint: Record<string, unknown>;
    }>;
    const compiled = layers.map((l) => ({
      id: l.id,
      source: l.source,
      filter: featureFilter(l.filter as never, `layers.${l.id}.filter`),
      paint: Object.fromEntries(
        ["circle-color", "circle-radius", "circle-stroke-color", "circle-stroke-width"].map((k) => {
          const e = createPropertyExpression(
            l.paint[k],
            `layers.${l.id}.paint.${k}`,
            (latest.paint_circle as unknown as Record<string, never>)[k],
          );
          if (e.result !== "success") throw new Error(`${l.id} ${k}: ${JSON.stringify(e.value)}`);
          return [k, e.value];
        }),
      ),
    }));
    let checked = 0;
    for (const layer of LAYER_KEYS)
      for (const proposed of [false, true])
        for (const status of ["passes", "violates", "not-checked"])
          for (const stack of layer === "village-clinic"
            ? [undefined]
            : [undefined, { stack: 1, stackR: 8, stackPx: 4 }]) {
            const properties = { id: "x", layer, proposed, status, ...(stack ?? {}) };
            const feature = { type: 1 as const, properties, geometry: [] };
            const source = proposed ? SRC.proposed : SRC.facilities;
            const drawnBy = compiled.filter(
              (l) => l.source === source && l.filter.filter({ zoom: 7 }, feature as never),
            );
            const want = expected({ layer, proposed, status, stackR: stack?.stackR, stackPx: stack?.stackPx });
            expect(
              drawnBy.map((l) => l.id),
              JSON.stringify(properties),
            ).toEqual([want.layer]);
            const ev = (k: string, zoom: number) =>
              (drawnBy[0].paint[k] as { evaluate: (g: unknown, f: unknown) => unknown }).evaluate({ zoom }, feature);
            const got: Look = {
              layer: drawnBy[0].id,
              color: colour(ev("circle-color", 7)),
              r6: ev("circle-radius", 6) as number,
              r10: ev("circle-radius", 10) as number,
              stroke: colour(ev("circle-stroke-color", 7)),
              strokeWidth: ev("circle-stroke-width", 7) as number,
            };
            expect(got.r6).toBeCloseTo(want.r6, 9);
            expect(got.r10).toBeCloseTo(want.r10, 9);
            expect({ ...got, r6: 0, r10: 0 }, JSON.stringify(properties)).toEqual({
              ...want,
              color: hex(want.color),
              stroke: hex(want.stroke),
              r6: 0,
              r10: 0,
            });
            checked++;
          }
    expect(checked).toBe(13 * 2 * 3 * 2 - 2 * 3);
  });

  it("draw the categories in z order within a layer, a site's outer rings first, and leave out a hidden category", () => {
    const sortKey = (id: string, properties: Record<string, unknown>) => {
      const l = facilityLayers().find((x) => x.id === id) as { layout?: Record<string, unknown> };
      const e = createPropertyExpression(
        l.layout!["circle-sort-key"],
        `layers.${id}.layout.circle-sort-key`,
        latest.layout_circle["circle-sort-key"] as never,
      );
      if (e.result !== "success") throw new Error("sort key");
      return (e.value as { evaluate: (g: unknown, f: unknown) => number }).evaluate({ zoom: 7 }, { properties });
    };
    const order = LAYER_KEYS.filter((k) => k !== "village-clinic").sort(
      (a, b) => sortKey(FACILITY_LAYERS.markers, { layer: a }) - sortKey(FACILITY_LAYERS.markers, { layer: b }),
    );
    expect(order).toEqual(LAYER_DRAW_ORDER.filter((k) => k !== "village-clinic"));
    // rings: by category, and within one the outer ring (larger stack) first
    const ring = (layer: string, stack: number) => sortKey(FACILITY_LAYERS.rings, { layer, stack });
    expect(ring("ems-station", 2)).toBeLessThan(ring("ems-station", 1));
    expect(ring("ems-station", 1)).toBeLessThan(ring("county-medical-centre", 3));
    // a hidden category: left out by the filter, and read back from it
    const hidden = facilityFilter("markers", ["thc", "chc"]);
    const f = featureFilter(hidden as never, "layers.test.filter");
    const feature = (layer: string) => ({ type: 1 as const, properties: { layer, status: "passes" }, geometry: [] });
    expect(f.filter({ zoom: 7 }, feature("thc") as never)).toBe(false);
    expect(f.filter({ zoom: 7 }, feature("hospital-3") as never)).toBe(true);
    expect([...hiddenCategories(hidden)].sort()).toEqual(["chc", "thc"]);
    // every layer's filter with categories hidden is a valid filter that leaves them out, and reads back
    for (const kind of Object.keys(FACILITY_LAYERS) as Array<keyof typeof FACILITY_LAYERS>) {
      const filter = facilityFilter(kind, ["village-clinic", "ems-station"]);
      const proposed = kind === "proposed" || kind === "proposedRings";
      const stack = kind === "rings" || kind === "proposedRings" ? { stack: 1 } : {};
      const g = featureFilter(filter as never, `layers.${kind}.filter`);
      const of = (layer: string) => ({ type: 1 as const, properties: { layer, proposed, ...stack }, geometry: [] });
      expect(g.filter({ zoom: 7 }, of("ems-station") as never), kind).toBe(false);
      expect(g.filter({ zoom: 7 }, of(kind === "clinics" ? "village-clinic" : "thc") as never), kind).toBe(
        kind !== "clinics",
      );
      expect([...hiddenCategories(filter)].sort()).toEqual(["ems-station", "village-clinic"]);
    }
    expect(hiddenCategories(facilityFilter("markers")).size).toBe(0);
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
