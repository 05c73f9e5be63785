import { createPropertyExpression, featureFilter, latest } from "@maplibre/maplibre-gl-style-spec";
import type { FeatureCollection } from "geojson";
import type { LayerSpecification, Map as MlMap } from "maplibre-gl";
import { describe, expect, it } from "vitest";
import type { CityData } from "../../src/app/data";
import { countyCollection, mapGaps } from "../../src/app/map/features";
import { COUNTY_FILL, COUNTY_TINT, countyLayers } from "../../src/app/map/layers";
import { PRINT_LEGEND_LABELS, printLegend } from "../../src/app/print-legend";
import type { AnalysisReport } from "../../src/core";

/** Counties A (the list's), B and C (not in it), as the city's data gives them. */
const counties = {
  type: "FeatureCollection",
  features: ["A", "B", "C"].map((code, i) => ({
    type: "Feature",
    properties: { code, name: code, kind: "county" },
    geometry: {
      type: "Polygon",
      coordinates: [
        [
          [i, 0],
          [i + 1, 0],
          [i + 1, 1],
          [i, 1],
          [i, 0],
        ],
      ],
    },
  })),
} as unknown as CityData["counties"];

/** A layer's filter (a background layer has none). */
const filterOf = (l: LayerSpecification): unknown => (l as { filter?: unknown }).filter;

/** The county fill layer's colour for a county feature with `status` as its feature state. */
function fillColour(properties: Record<string, unknown>, status: string): string {
  const layer = countyLayers().find((l) => l.id === COUNTY_FILL) as Extract<LayerSpecification, { type: "fill" }>;
  const e = createPropertyExpression(
    layer.paint?.["fill-color"],
    "fill-color",
    (latest.paint_fill as unknown as Record<string, never>)["fill-color"],
  );
  if (e.result !== "success") throw new Error(JSON.stringify(e.value));
  const c = (e.value as { evaluate: (...a: unknown[]) => { r: number; g: number; b: number } }).evaluate(
    { zoom: 7 },
    { type: 3, properties },
    { status },
  );
  return `#${[c.r, c.g, c.b]
    .map((v) =>
      Math.round(v * 255)
        .toString(16)
        .padStart(2, "0"),
    )
    .join("")}`;
}

describe("a county the imported list does not cover (the trials: printed red as failing)", () => {
  const fc = countyCollection(
    counties,
    null,
    new Map([
      ["A", "pass"],
      ["B", "fail"],
      ["C", "fail"],
    ]),
    new Set(),
    new Set(["B", "C"]),
  );
  const props = (code: string) => fc.features.find((f) => f.properties?.code === code)?.properties ?? {};

  it("is filled grey and hatched, not with its verdict's tint; a county in the list keeps its tint", () => {
    expect(props("B").unlisted).toBe(true);
    expect(props("A").unlisted).toBe(false);
    const grey = fillColour(props("B"), "fail");
    expect(grey).not.toBe(COUNTY_TINT.fail);
    const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(grey.slice(i, i + 2), 16));
    expect(Math.max(r, g, b) - Math.min(r, g, b)).toBeLessThanOrEqual(4);
    expect(fillColour(props("A"), "pass")).toBe(COUNTY_TINT.pass);
    // the hatching's layer draws it, and only it
    const hatch = countyLayers().filter((l) => l.type === "fill" && l.paint && "fill-pattern" in l.paint);
    expect(hatch).toHaveLength(1);
    const f = featureFilter(filterOf(hatch[0]) as never, "filter");
    const of = (p: Record<string, unknown>) => ({ type: 3 as const, properties: p, geometry: [] });
    expect(f.filter({ zoom: 7 }, of(props("B")) as never)).toBe(true);
    expect(f.filter({ zoom: 7 }, of(props("A")) as never)).toBe(false);
  });

  it("has no gaps drawn on the map: its gap is the whole county, a fact of the list; the list's counties keep theirs", () => {
    const gap = (county: string) => ({ type: "Feature", properties: { county }, geometry: null });
    const report = {
      gaps: [gap("A"), gap("B"), gap("C")],
      listScope: { covered: ["A"], missing: ["B", "C"] },
    } as unknown as AnalysisReport;
    expect(mapGaps(report).map((g) => g.properties.county)).toEqual(["A"]);
    expect(mapGaps({ ...report, listScope: undefined })).toHaveLength(3);
  });

  it("has its own print legend entry, 清单未含（按无设施核查）, hatched; none without such a county", () => {
    const drawn = (f: FeatureCollection, layers: LayerSpecification[]) => {
      const features = f.features.flatMap((g) =>
        layers
          .filter(
            (l) =>
              !filterOf(l) ||
              featureFilter(filterOf(l) as never, "f").filter({ zoom: 7 }, {
                type: 3,
                properties: g.properties,
                geometry: [],
              } as never),
          )
          .map((l) => ({
            layer: {
              id: l.id,
              paint: {
                "fill-color": fillColour(g.properties ?? {}, String(g.properties?.status)),
                "fill-opacity": 0.85,
              },
            },
            properties: g.properties,
            state: { status: g.properties?.status },
            geometry: g.geometry,
          })),
      );
      return {
        getStyle: () => ({ layers: layers.map((l) => ({ id: l.id, type: l.type })) }),
        getLayoutProperty: () => "visible",
        queryRenderedFeatures: () => features,
        project: ([x, y]: [number, number]) => ({ x: x * 10, y: y * 10 }),
      } as unknown as MlMap;
    };
    const { items, unlabelled } = printLegend(drawn(fc, countyLayers()), 100, 100);
    expect(unlabelled).toEqual([]);
    expect(items.map((i) => i.label.zh)).toEqual([
      PRINT_LEGEND_LABELS.fill.pass.zh,
      "县区底色：清单未含（按无设施核查）",
    ]);
    expect(items.find((i) => i.label.en === "County fill: not in the list (judged as having none)")?.hatch).toMatch(
      /^#/,
    );
    // the whole list: no such county, no such entry
    const all = countyCollection(
      counties,
      null,
      new Map([
        ["A", "pass"],
        ["B", "fail"],
        ["C", "fail"],
      ]),
    );
    const labels = printLegend(drawn(all, countyLayers()), 100, 100).items.map((i) => i.label.zh);
    expect(labels).toEqual([PRINT_LEGEND_LABELS.fill.fail.zh, PRINT_LEGEND_LABELS.fill.pass.zh]);
  });
});
