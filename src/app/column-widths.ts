/**
 * Column widths for the analysis column's tables (fixed layout): each column as wide as the widest thing it shows
 * (a figure is never wrapped, a heading wraps between its words), measured with the page's own font; the name column
 * (and any column left without a width) takes what is left.
 */

let context: CanvasRenderingContext2D | null | undefined;
let family = "";
/**
 * Widths measured so far, by font and text: a table measures every cell on each render (186 ms of a new session's
 * rebuild at load 31), and its figures and headings repeat from one render to the next.
 */
const measured = new Map<string, number>();

/** The width of a text in CSS px, in `weight` and `sizePx` of the page's font; an estimate where no canvas exists. */
export function textWidth(text: string, sizePx: number, weight = 400): number {
  if (context === undefined) {
    context = typeof document === "undefined" ? null : document.createElement("canvas").getContext("2d");
    family = typeof document === "undefined" ? "" : getComputedStyle(document.documentElement).fontFamily;
  }
  if (!context) return [...text].reduce((s, ch) => s + (/[\u2e80-\uffff]/.test(ch) ? 1 : 0.6), 0) * sizePx;
  const font = `${weight} ${sizePx}px ${family}`;
  const key = `${font}\u0000${text}`;
  let w = measured.get(key);
  if (w === undefined) {
    if (measured.size > 20_000) measured.clear();
    context.font = font;
    w = context.measureText(text).width;
    measured.set(key, w);
  }
  return w;
}

export interface ColumnText {
  /** The column's heading (bold, wraps between words). */
  heading: string;
  /** Every line any of its cells shows. */
  lines: string[];
  /** The cells wrap between words as the heading does (text, not figures): their widest word counts, not the line. */
  wrap?: boolean;
}

/** A table's cell text size (CSS px), the smallest it is set to fit its box, and the room a cell's padding, border and
 * the browser's rounding take. */
export const FONT_PX = 12;
export const MIN_FONT_PX = 9;
const CELL_PAD_PX = 4;
const SLACK_PX = 2;

/**
 * The pieces a line is broken into: words, and Chinese (which breaks between any two characters) in runs of up to
 * `han` characters, so that a Chinese heading is not one character a line.
 */
function pieces(text: string, han = 1): string[] {
  const run = new RegExp(`[\\u2e80-\\u9fff\\uff00-\\uffef]{1,${han}}|[^\\u2e80-\\u9fff\\uff00-\\uffef]+`, "g");
  return text.split(/\s+/).flatMap((w) => w.match(run) ?? []);
}

/** The width (CSS px) of a heading's widest word (bold, Chinese in runs of three characters), without padding. */
function headingWord(heading: string, fontPx: number): number {
  return Math.max(0, ...pieces(heading, 3).map((w) => textWidth(w, fontPx, 700)));
}

/**
 * The least width (CSS px) of a column that shares what the others leave: its heading's widest word and the cell's
 * padding (no slack for rounding: the room the table leaves it is measured in whole pixels already).
 */
export function sharedColumnWidth(heading: string, fontPx = FONT_PX): number {
  return Math.ceil(headingWord(heading, fontPx) + CELL_PAD_PX);
}

/**
 * The width (CSS px) a column needs to show every line of its cells whole (or, for a wrapping column, every word)
 * and each word of its heading unbroken.
 */
export function columnWidth(col: ColumnText, fontPx = FONT_PX): number {
  const head = headingWord(col.heading, fontPx);
  const cells = col.wrap ? col.lines.flatMap((l) => pieces(l)) : col.lines;
  const body = Math.max(0, ...cells.map((l) => textWidth(l, fontPx)));
  return Math.ceil(Math.max(head, body) + CELL_PAD_PX + SLACK_PX);
}

/** A table's text size (CSS px) and its layout (column widths and the like) at that size. */
export interface FittedLayout<T> {
  fontPx: number;
  layout: T;
}

/**
 * The text size (CSS px) a table is drawn in so that it fits `room` px without a sideways scroll, with the table's
 * layout at that size (`layoutAt`, whose width is `width(layout)`), each size's layout worked out once: FONT_PX where it
 * fits, else the largest size in half-pixel steps down to MIN_FONT_PX at which the table fits, else MIN_FONT_PX (the
 * table then scrolls). A font whose Latin letters are wider than the one the layout was drawn with (DejaVu Sans ahead
 * of a CJK font on a Linux PC) made the English county table 20 px wider than its panel. Where the room is not known
 * yet (first render, no layout), FONT_PX.
 */
export function fitLayout<T>(
  layoutAt: (fontPx: number) => T,
  width: (layout: T) => number,
  room: number | undefined,
): FittedLayout<T> {
  if (room === undefined || room <= 0) return { fontPx: FONT_PX, layout: layoutAt(FONT_PX) };
  for (let px = FONT_PX; px > MIN_FONT_PX; px -= 0.5) {
    const layout = layoutAt(px);
    if (width(layout) <= room) return { fontPx: px, layout };
  }
  return { fontPx: MIN_FONT_PX, layout: layoutAt(MIN_FONT_PX) };
}
