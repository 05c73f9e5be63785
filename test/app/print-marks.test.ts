import { describe, expect, it } from "vitest";
import { contrast, enclosingCircle, hexRgb, legibleOn, outlineHidden, over } from "../../src/app/print-marks";

const disc = (cx: number, cy: number, r: number, n = 64) =>
  Array.from({ length: n }, (_, i) => ({
    x: cx + r * Math.cos((i / n) * 2 * Math.PI),
    y: cy + r * Math.sin((i / n) * 2 * Math.PI),
  }));

describe("print marks: legend colours on white paper", () => {
  it("measures WCAG contrast: black on white 21, the old swatch edge #999 under 3", () => {
    expect(contrast([0, 0, 0], [255, 255, 255])).toBeCloseTo(21, 5);
    expect(contrast(hexRgb("#999"), [255, 255, 255])).toBeCloseTo(2.85, 2);
    expect(contrast(hexRgb("#767676"), [255, 255, 255])).toBeCloseTo(4.54, 2);
  });

  it("darkens a pale tint in its own hue to 3:1 on white, and leaves a strong colour as it is", () => {
    for (const pale of ["#f9e3df", "#e3f2e4", "#e4e0ef", "#ffffff", "#ff7f00", "#f4a6c8"]) {
      const d = legibleOn(pale);
      expect(contrast(hexRgb(d), [255, 255, 255]), pale).toBeGreaterThanOrEqual(3);
      // not darker than needed: one step lighter is under 3:1
      expect(
        contrast(
          hexRgb(d).map((v) => Math.min(255, v * 1.03)),
          [255, 255, 255],
        ),
        pale,
      ).toBeLessThan(3.2);
      // the hue kept: the channels in the same ratios (within rounding)
      const [a, b] = [hexRgb(pale), hexRgb(d)];
      const k = b[0] / Math.max(1, a[0]);
      for (let i = 0; i < 3; i++) expect(Math.abs(b[i] - a[i] * k), `${pale} channel ${i}`).toBeLessThanOrEqual(1);
    }
    expect(legibleOn("#e31a1c")).toBe("#e31a1c");
    expect(legibleOn("#14206e")).toBe("#14206e");
  });

  it("gives the colour a translucent mark takes on white", () => {
    expect(over("#000000", 0.5)).toBe("#808080");
    expect(over("#e31a1c", 1)).toBe("#e31a1c");
    expect(over("#e31a1c", 0)).toBe("#ffffff");
  });
});

describe("print marks: the urban area round the markers that would hide it", () => {
  // 西峡县 at A3 in CSS px: the seat's 2 km disc (radius 16) and its county medical centre's marker and rings
  // (radius 18.5, a little off the seat), a grade II hospital overlapping them, a health centre far off
  const part = disc(100, 100, 16);
  const markers = [
    { x: 102, y: 99, r: 18.5 },
    { x: 93, y: 108, r: 7 },
    { x: 200, y: 100, r: 6 },
  ];

  it("finds the disc hidden, and a part clear of the markers not", () => {
    expect(outlineHidden(part, markers, 2)).toBe(true);
    expect(outlineHidden(disc(100, 100, 40), markers, 2)).toBe(false);
    expect(outlineHidden([], markers, 2)).toBe(false);
  });

  it("draws a circle round the part and every marker reaching into it, clear of them by the gap", () => {
    const c = enclosingCircle(part, markers, 3);
    expect(c.smaller).toBe(true);
    expect(c.x).toBeCloseTo(100, 6);
    expect(c.y).toBeCloseTo(100, 6);
    expect(c.partR).toBeCloseTo(16, 6);
    // every marker centred in the part is inside, 3 px clear of the circle
    for (const m of markers.slice(0, 2))
      expect(c.r - (Math.hypot(m.x - c.x, m.y - c.y) + m.r)).toBeGreaterThanOrEqual(3 - 1e-9);
    // as small as that allows: the tightest marker touches the gap
    expect(Math.min(...markers.slice(0, 2).map((m) => c.r - (Math.hypot(m.x - c.x, m.y - c.y) + m.r)))).toBeCloseTo(
      3,
      6,
    );
    // the marker far off is not enclosed, nor one beside the disc reaching into it
    expect(enclosingCircle(part, [...markers, { x: 120, y: 100, r: 8 }], 3).r).toBeCloseTo(c.r, 9);
    expect(Math.hypot(200 - c.x, 0) - 6).toBeGreaterThan(c.r);
    // the whole part is inside
    for (const p of part) expect(Math.hypot(p.x - c.x, p.y - c.y)).toBeLessThanOrEqual(c.r + 1e-9);
  });

  it("keeps a part larger than the markers at its own size", () => {
    const big = disc(0, 0, 60);
    const c = enclosingCircle(big, [{ x: 58, y: 0, r: 5 }], 3);
    // the marker reaches 3 px past the outline: the circle grows just enough to clear it
    expect(c.r).toBeCloseTo(66, 6);
    expect(c.smaller).toBe(false);
    expect(enclosingCircle(big, [{ x: 0, y: 0, r: 5 }], 3).r).toBeCloseTo(60, 6);
  });
});
