/**
 * Pure geometry and colour for the print's marks (exports.ts): the circle an urban-area part is drawn as where the
 * facility markers would hide it, and legend colours that stand out on white paper. No DOM: the browser tests and the
 * unit tests call the same functions.
 */

/** WCAG 2 relative luminance of an sRGB colour (0–255 channels). */
export function luminance([r, g, b]: readonly number[]): number {
  const lin = (v: number) => {
    const c = v / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** WCAG 2 contrast ratio of two colours (1 to 21). */
export function contrast(a: readonly number[], b: readonly number[]): number {
  const [la, lb] = [luminance(a), luminance(b)];
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** "#rrggbb" (or "#rgb") as [r, g, b]. */
export function hexRgb(hex: string): [number, number, number] {
  const h = hex.length === 4 ? `#${hex[1]}${hex[1]}${hex[2]}${hex[2]}${hex[3]}${hex[3]}` : hex;
  return [1, 3, 5].map((i) => Number.parseInt(h.slice(i, i + 2), 16)) as [number, number, number];
}

const toHex = (c: readonly number[]) => `#${c.map((v) => Math.round(v).toString(16).padStart(2, "0")).join("")}`;

/**
 * WCAG 2.1's least contrast for the parts of a graphic needed to read it (success criterion 1.4.11, non-text
 * contrast): a legend swatch's mark against the legend's white paper.
 */
export const MARK_MIN_CONTRAST = 3;

/**
 * The contrast the print's legend gives the edges and casings it adds to pale swatches: above MARK_MIN_CONTRAST, so
 * that the edge's anti-aliased pixels, blended with the paper, still have it across most of the edge's width.
 */
export const EDGE_CONTRAST = 4;

/**
 * `hex` darkened toward black in its own hue (each channel scaled alike) until it has `min` contrast against `bg`
 * (white): the edge of a pale legend swatch (a county tint, the veil over the neighbours) that still reads as its
 * colour. A colour that already has it is returned as it is.
 */
export function legibleOn(hex: string, min = MARK_MIN_CONTRAST, bg: readonly number[] = [255, 255, 255]): string {
  const c = hexRgb(hex);
  for (let k = 1; k >= 0; k -= 0.01) {
    const d = c.map((v) => Math.round(v * k));
    if (contrast(d, bg) >= min) return toHex(d);
  }
  return "#000000";
}

/** `hex` drawn at `opacity` over `bg` (the colour a translucent mark takes on white paper). */
export function over(hex: string, opacity: number, bg: readonly number[] = [255, 255, 255]): string {
  const c = hexRgb(hex);
  return toHex(c.map((v, i) => v * opacity + bg[i] * (1 - opacity)));
}

/** A facility marker as the print draws it, in CSS px of the printed map: centre and radius (outline included). */
export interface MarkerDisc {
  x: number;
  y: number;
  r: number;
}

/**
 * The circle (CSS px) an urban-area part is drawn as on the print where the facility markers would hide its outline:
 * round the part (its outline's vertices, `pts`) and round every marker centred in it (within its radius of its middle),
 * `gap` px clear of them; a marker beside it, which the ring may cross, is drawn under the ring.
 * Centred on the middle of the part's extent (a seat's disc: the seat), its radius the part's own or more. `smaller`:
 * the part is smaller than a marker centred in it (its radius under the marker's), which the print then draws so;
 * a larger part (the central city's 7.2 km discs among its many markers) is outlined at its true size. So the
 * outline is a closed ring round the town, outside the markers on it (西峡县's 2 km disc, 57 page px at A3, lay
 * inside its county medical centre's marker and rings, 65 px, and showed as a dashed arc across them).
 */
export function enclosingCircle(
  pts: ReadonlyArray<{ x: number; y: number }>,
  markers: readonly MarkerDisc[],
  gap: number,
): { x: number; y: number; r: number; partR: number; smaller: boolean } {
  const xs = pts.map((p) => p.x);
  const ys = pts.map((p) => p.y);
  const x = (Math.min(...xs) + Math.max(...xs)) / 2;
  const y = (Math.min(...ys) + Math.max(...ys)) / 2;
  const partR = Math.max(...pts.map((p) => Math.hypot(p.x - x, p.y - y)));
  let r = partR;
  let largest = 0;
  for (const m of markers) {
    const d = Math.hypot(m.x - x, m.y - y);
    if (d > partR) continue;
    r = Math.max(r, d + m.r + gap);
    largest = Math.max(largest, m.r);
  }
  return { x, y, r, partR, smaller: partR < largest };
}

/**
 * Whether over half of a part's outline (its vertices, `pts`) is under the markers or within `clear` px of one: its
 * outline drawn at its true size would not be seen there.
 */
export function outlineHidden(
  pts: ReadonlyArray<{ x: number; y: number }>,
  markers: readonly MarkerDisc[],
  clear: number,
): boolean {
  const under = pts.filter((q) => markers.some((m) => Math.hypot(q.x - m.x, q.y - m.y) <= m.r + clear)).length;
  return pts.length > 0 && under > pts.length / 2;
}
