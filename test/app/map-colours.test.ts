import type { LayerSpecification } from "maplibre-gl";
import { describe, expect, it } from "vitest";
import { ANALYSIS_LAYERS, COUNTY_LINE, FACILITY_LAYERS, mapLayersBelowLabels, SRC } from "../../src/app/map/layers";

/** sRGB hex → linear RGB (0..1). */
function linear(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((c) => {
    const v = c / 255;
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
}

/** Relative luminance (WCAG 2, ITU-R BT.709 weights): what a greyscale print keeps of a colour. */
const luminance = ([r, g, b]: [number, number, number]) => 0.2126 * r + 0.7152 * g + 0.0722 * b;

/** WCAG contrast ratio of two luminances (1: the same grey; 21: black on white). */
const contrast = (a: number, b: number) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);

/** A colour as a deuteranope sees it: Machado, Oliveira and Fernandes (2009), severity 1, in linear RGB. */
function deuteranopia([r, g, b]: [number, number, number]): [number, number, number] {
  const clamp = (v: number) => Math.min(1, Math.max(0, v));
  return [
    clamp(0.367322 * r + 0.860646 * g - 0.227968 * b),
    clamp(0.280085 * r + 0.672501 * g + 0.047413 * b),
    clamp(-0.01182 * r + 0.04294 * g + 0.968881 * b),
  ];
}

/** CIE L*a*b* (D65) of a linear RGB colour. */
function lab([r, g, b]: [number, number, number]): [number, number, number] {
  const x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
  const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 / 116) * t + 16 / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}
const deltaE = (a: [number, number, number], b: [number, number, number]) => Math.hypot(...a.map((v, i) => v - b[i]));

/** Every colour literal in a paint value (an expression's arms included). */
function colours(v: unknown): string[] {
  if (typeof v === "string") return /^#[0-9a-f]{6}$/i.test(v) ? [v] : [];
  return Array.isArray(v) ? v.flatMap(colours) : [];
}
const paintOf = (l: LayerSpecification, key: string) => (l as { paint?: Record<string, unknown> }).paint?.[key];

describe("county boundaries and EMS service rings on the map and the print", () => {
  const layers = mapLayersBelowLabels();
  const ids = layers.map((l) => l.id);
  const countyLine = layers.find((l) => l.id === COUNTY_LINE)!;
  const ring = layers.find((l) => l.id === "ring-line")!;

  it("draws the boundaries above the rings, which are cut along them (the rings' colour took the boundaries over)", () => {
    expect(ids.indexOf(COUNTY_LINE)).toBeGreaterThan(ids.indexOf("ring-line"));
    expect(ids.indexOf(COUNTY_LINE)).toBeGreaterThan(ids.indexOf("ring15-line"));
    // and below the facilities, which stay on top of everything but the names
    expect(ids.indexOf(COUNTY_LINE)).toBeLessThan(ids.indexOf(FACILITY_LAYERS.markers));
    // the boundary is at least as wide as an existing station's ring, so it covers the ring's edge along it
    expect(paintOf(countyLine, "line-width")).toEqual(["case", ["boolean", ["get", "focus"], false], 2.5, 1.2]);
    expect(paintOf(ring, "line-width")).toEqual(["case", ["boolean", ["get", "proposed"], false], 2.2, 1.1]);
  });

  it("draws the proposed sites' rings (their own source) as the others, right above them and under the boundaries", () => {
    const proposed = layers.find((l) => l.id === "ring-line-proposed")!;
    expect((proposed as { source: string }).source).toBe(SRC.ringsProposed);
    expect((ring as { source: string }).source).toBe(SRC.rings);
    expect(proposed.paint).toEqual(ring.paint);
    expect(ids.indexOf("ring-line-proposed")).toBe(ids.indexOf("ring-line") + 1);
    expect(ids.indexOf(COUNTY_LINE)).toBeGreaterThan(ids.indexOf("ring-line-proposed"));
    // the legend's rings switch shows and hides both
    expect(ANALYSIS_LAYERS.rings).toEqual(["ring-line", "ring-line-proposed"]);
  });

  it("gives the boundaries a colour apart from every ring's in a greyscale print and for a deuteranope", () => {
    const [line] = colours(paintOf(countyLine, "line-color"));
    const rings = colours(paintOf(ring, "line-color"));
    expect(rings.length).toBe(3); // proposed, urban, rural
    for (const c of rings) {
      // greyscale: the two greys at least 2:1 apart (a 1.2 px grey line beside a 1.1 px orange one)
      expect(contrast(luminance(linear(line)), luminance(linear(c))), c).toBeGreaterThanOrEqual(2);
      // deuteranopia: the simulated colours at least 25 ΔE*ab apart (about the step between two named colours)
      expect(deltaE(lab(deuteranopia(linear(line))), lab(deuteranopia(linear(c)))), c).toBeGreaterThanOrEqual(25);
    }
  });
});
