import type { Map as MlMap } from "maplibre-gl";
import { describe, expect, it } from "vitest";
import { COUNTY_LINE } from "../../src/app/map/layers";
import { PRINT_FOCUS, PRINT_LEGEND_LABELS, printLegend } from "../../src/app/print-legend";

/** A drawn feature as MapLibre's queryRenderedFeatures gives it: its layer with the paint it was drawn with. */
interface Drawn {
  layer: { id: string; paint: Record<string, unknown> };
  properties: Record<string, unknown>;
  state?: Record<string, unknown>;
}

const square = (x: number, y: number) => ({
  type: "Polygon",
  coordinates: [
    [
      [x, y],
      [x + 10, y],
      [x + 10, y + 10],
      [x, y + 10],
      [x, y],
    ],
  ],
});

/**
 * A map that has drawn `features` (each a square in the 100 × 100 px frame, the map's px its coordinates): the few
 * calls printLegend makes, answered as MapLibre would.
 */
function mapOf(features: Drawn[]): MlMap {
  const drawn = features.map((f, i) => ({ ...f, state: f.state ?? {}, geometry: square(i * 10, 0) }));
  const ids = [...new Set(features.map((f) => f.layer.id))];
  return {
    getStyle: () => ({ layers: ids.map((id) => ({ id, type: "line" })) }),
    getLayoutProperty: () => "visible",
    queryRenderedFeatures: () => drawn,
    project: ([x, y]: [number, number]) => ({ x, y }),
  } as unknown as MlMap;
}

const countyLine = (code: string, focus: boolean): Drawn => ({
  layer: { id: COUNTY_LINE, paint: { "line-color": "#33333d", "line-width": focus ? 2.5 : 1.2 } },
  properties: { code, focus },
});
const printFocus = (code: string): Drawn => ({
  layer: { id: PRINT_FOCUS, paint: { "line-color": "#14206e", "line-width": 3 } },
  properties: { code },
});

describe("the print legend's boundary entries", () => {
  it("one entry for the plan's county printed alone (南宫市 under 002): its navy outline over its plan outline is one line", () => {
    const { items } = printLegend(
      mapOf([countyLine("130581", true), countyLine("130582", false), printFocus("130581")]),
      100,
      100,
    );
    const labels = items.map((i) => i.label.zh);
    // one entry for the county's line, naming it as both (its navy line is the one seen on top), and the others' line
    const focus = items.filter((i) => i.label.zh !== PRINT_LEGEND_LABELS.countyLine.zh);
    expect(focus.map((i) => i.label.zh)).toEqual(["本图县（市）界，即本规划所在县（市）"]);
    expect(focus[0].color).toBe("#14206e");
    expect(labels).toContain(PRINT_LEGEND_LABELS.countyLine.zh);
  });

  it("two entries when the county printed is another (a neighbour of 南宫市): two lines on the page", () => {
    const { items } = printLegend(
      mapOf([countyLine("130581", true), countyLine("130582", false), printFocus("130582")]),
      100,
      100,
    );
    const labels = items.map((i) => i.label.zh);
    expect(labels).toContain(PRINT_LEGEND_LABELS.focusLine.zh);
    expect(labels).toContain(PRINT_LEGEND_LABELS.printFocus.zh);
    expect(labels).toHaveLength(3);
  });

  it("the plan's county on a city print: its own entry, no printed county's", () => {
    const { items } = printLegend(mapOf([countyLine("130581", true), countyLine("130582", false)]), 100, 100);
    const labels = items.map((i) => i.label.zh);
    expect(labels).toEqual([PRINT_LEGEND_LABELS.countyLine.zh, PRINT_LEGEND_LABELS.focusLine.zh]);
  });
});
