import {
  createPropertyExpression,
  latest,
  type StylePropertySpecification,
  type SymbolLayerSpecification,
} from "@maplibre/maplibre-gl-style-spec";
import { describe, expect, it } from "vitest";
import { seededRandom } from "../../scripts/lib/rng";
import {
  anchorKey,
  type Box,
  type LayoutInput,
  type LayoutOptions,
  type LayoutResult,
  labelForms,
  layoutLabels,
} from "../../src/app/map/label-layout";
import { COUNTY_LABEL, labelLayers } from "../../src/app/map/layers";

/** A stand-in for measured text: every character 0.6 em wide, a CJK character 1 em (as a CJK font draws it). */
const advanceEm = (line: string) => [...line].reduce((s, ch) => s + (/[\u4e00-\u9fff]/.test(ch) ? 1 : 0.6), 0);

const OPTS: LayoutOptions = {
  width: 600,
  height: 400,
  obstacles: [],
  minPx: 9,
  scales: [1, 0.88, 0.78],
  pad: [4, 2],
  margin: 1,
  keepInView: true,
};

function label(code: string, x: number, y: number, text: string, sizePx = 11.5, rank = 0): LayoutInput {
  return { code, x, y, forms: labelForms(text, advanceEm), sizePx, focus: false, rank };
}

/** The text box of a placement, its padding and margin taken off (what is drawn). */
function textBox(b: Box, opts: LayoutOptions): Box {
  const k = [opts.pad[0] + opts.margin, opts.pad[1] + opts.margin];
  return [b[0] + k[0], b[1] + k[1], b[2] - k[0], b[3] - k[1]];
}

/** Distance from a point to a box (0 inside). */
function distance(x: number, y: number, b: Box): number {
  const dx = Math.max(b[0] - x, 0, x - b[2]);
  const dy = Math.max(b[1] - y, 0, y - b[3]);
  return Math.hypot(dx, dy);
}

/**
 * What every layout must hold, checked by brute force over the boxes: no two names overlap, none covers an obstacle
 * or a far name's dot, each is whole in the view, each is drawn at `minPx` or more, each box is the size of its text
 * (its form's ems times its size) and sits on or beside its point (within half an em) unless set far out.
 */
function checkInvariants(labels: LayoutInput[], r: LayoutResult, opts: LayoutOptions) {
  const by = new Map(labels.map((l) => [l.code, l]));
  expect(r.placed.length + r.unplaced.length).toBe(labels.length);
  const overlap = (a: Box, b: Box) =>
    Math.min(a[2], b[2]) > Math.max(a[0], b[0]) && Math.min(a[3], b[3]) > Math.max(a[1], b[1]);
  for (const [i, p] of r.placed.entries()) {
    const l = by.get(p.code)!;
    const [x1, y1, x2, y2] = p.box;
    expect(x1).toBeGreaterThanOrEqual(0);
    expect(y1).toBeGreaterThanOrEqual(0);
    expect(x2).toBeLessThanOrEqual(opts.width);
    expect(y2).toBeLessThanOrEqual(opts.height);
    const px = l.sizePx * p.scale;
    expect(px >= opts.minPx || p.scale === 1).toBe(true);
    const t = textBox(p.box, opts);
    const form = l.forms[p.form];
    expect(t[2] - t[0]).toBeCloseTo(form.widthEm * px, 6);
    expect(t[3] - t[1]).toBeCloseTo(form.heightEm * px, 6);
    const d = distance(l.x, l.y, t);
    if (p.far) expect(d).toBeGreaterThan(0.5 * px);
    else expect(d).toBeLessThanOrEqual(0.5 * px + 1e-9);
    for (const o of opts.obstacles) expect(overlap(p.box, o)).toBe(false);
    for (const [j, q] of r.placed.entries()) {
      if (j <= i) continue;
      expect(overlap(p.box, q.box), `${p.code} over ${q.code}`).toBe(false);
    }
    for (const q of r.placed) {
      if (!q.far || q.code === p.code) continue;
      const m = by.get(q.code)!;
      expect(distance(m.x, m.y, p.box), `${p.code} over the dot of ${q.code}`).toBeGreaterThan(0);
    }
  }
}

describe("label layout", () => {
  it("breaks an English name at its spaces for a narrower form, and keeps a Chinese name in one", () => {
    const forms = labelForms("Qiaodong District\n桥东区", advanceEm);
    expect(forms.map((f) => f.lines)).toEqual([
      ["Qiaodong District", "桥东区"],
      ["Qiaodong", "District", "桥东区"],
    ]);
    expect(forms[1].widthEm).toBeLessThan(forms[0].widthEm);
    expect(forms[1].heightEm).toBeCloseTo(3 * 1.2, 9);
    expect(labelForms("桥东区", advanceEm)).toHaveLength(1);
  });

  it("names with room stay on their points at full size", () => {
    const labels = [
      label("a", 100, 100, "Xixia County\n西峡县"),
      label("b", 400, 300, "Neixiang County\n内乡县", 11.5, 1),
    ];
    const r = layoutLabels(labels, OPTS);
    expect(r.unplaced).toEqual([]);
    for (const p of r.placed) expect([p.anchor, p.scale, p.far]).toEqual(["center", 1, false]);
    checkInvariants(labels, r, OPTS);
  });

  it("nine names within 15 px: every one placed, around them and farther out, none under 9 px", () => {
    const labels = Array.from({ length: 9 }, (_, i) =>
      label(`n${i}`, 300 + 15 * Math.cos(i * 0.7), 200 + 15 * Math.sin(i * 0.7), `Name${i} District\n区${i}`, 9.5, i),
    );
    const r = layoutLabels(labels, OPTS);
    expect(r.unplaced).toEqual([]);
    expect(r.placed.some((p) => p.far)).toBe(true);
    checkInvariants(labels, r, OPTS);
  });

  it("a name does not go under an overlay: it moves beside its point", () => {
    const obstacles: Box[] = [[0, 340, 360, 400]];
    const opts = { ...OPTS, obstacles };
    const labels = [label("x", 180, 345, "Xichuan County\n淅川县")];
    const r = layoutLabels(labels, opts);
    expect(r.unplaced).toEqual([]);
    expect(r.placed[0].box[3]).toBeLessThanOrEqual(340);
    checkInvariants(labels, r, opts);
  });

  it("the focus county's name is kept where the edge cuts it; a neighbour's is left out", () => {
    const labels = [
      { ...label("f", 2, 2, "Xixia County\n西峡县"), focus: true },
      label("n", 598, 398, "Neixiang County\n内乡县"),
    ];
    // a view too small for either name whole
    const opts = { ...OPTS, width: 40, height: 20 };
    labels[1].x = 38;
    labels[1].y = 18;
    const r = layoutLabels(labels, opts);
    expect(r.placed.map((p) => p.code)).toEqual(["f"]);
    expect(r.unplaced).toEqual(["n"]);
  });

  it("random crowded cities: every layout holds the invariants; most names are placed", () => {
    const rand = seededRandom(20261202);
    let placed = 0;
    let total = 0;
    for (let k = 0; k < 40; k++) {
      const n = 8 + Math.floor(rand() * 14);
      const labels = Array.from({ length: n }, (_, i) =>
        label(
          `c${i}`,
          40 + rand() * 520,
          40 + rand() * 320,
          rand() < 0.5 ? `Name${i} County\n县${i}` : `县${i}`,
          9 + rand() * 4,
          i,
        ),
      );
      const opts = { ...OPTS, obstacles: [[0, 360, 250, 400]] as Box[] };
      const r = layoutLabels(labels, opts);
      checkInvariants(labels, r, opts);
      placed += r.placed.length;
      total += n;
    }
    expect(placed / total).toBeGreaterThan(0.95);
  });
});

describe("the label layer draws the anchor and offset the fitter chose", () => {
  it("every placement's key evaluates, through MapLibre's expression, to exactly its anchor and offset", () => {
    const layer = labelLayers().find((l) => l.id === COUNTY_LABEL) as SymbolLayerSpecification;
    const spec = latest.layout_symbol["text-variable-anchor-offset"] as unknown as StylePropertySpecification;
    const parsed = createPropertyExpression(layer.layout?.["text-variable-anchor-offset"], "vao", spec);
    if (parsed.result !== "success") throw new Error(JSON.stringify(parsed.value));
    const expression = parsed.value;
    const evaluate = (properties: Record<string, unknown>) =>
      (
        expression.evaluate({ zoom: 7 }, { type: "Point", properties } as never) as unknown as {
          values: Array<string | [number, number]>;
        }
      ).values;
    // crowded random layouts reach the far offsets too
    const rand = seededRandom(11);
    const seen = new Set<string>();
    for (let round = 0; round < 20; round++) {
      const labels = Array.from({ length: 14 }, (_, i) =>
        label(`r${round}-${i}`, 250 + 100 * rand(), 150 + 100 * rand(), `Name${i} District\n区${i}`, 9.5, i),
      );
      for (const p of layoutLabels(labels, OPTS).placed) {
        seen.add(`${p.anchor}@${p.radiusEm}`);
        const values = evaluate({ vak: anchorKey(p.anchor, p.radiusEm) });
        expect(values[0]).toBe(p.anchor);
        expect(values[1][0]).toBeCloseTo(p.offsetEm[0], 12);
        expect(values[1][1]).toBeCloseTo(p.offsetEm[1], 12);
        expect(values).toHaveLength(2);
      }
    }
    expect([...seen].some((k) => !k.endsWith("@0.5"))).toBe(true);
    // a name not fitted may take any anchor beside its point
    expect(evaluate({})).toHaveLength(18);
  });
});
