/**
 * Where each county name goes, worked out in one pass from the names' measured sizes (no map, no DOM): the label
 * fitter (label-fit.ts) hands the names' points in screen pixels, each name's text box in ems, the boxes of what
 * floats over the map (the sample-data notice, the map's controls), and gets back for each name its size, its line
 * breaks and the one anchor and offset MapLibre is to draw it at. Every placed name is whole inside the view, off the
 * overlays and off every other placed name, at a legible size (`minPx`): a name with no room on or beside its point
 * is set farther out, with a dot at its point and a leader line to it, rather than shrunk below that size.
 */

/** [x1, y1, x2, y2] in CSS pixels of the map, y down. */
export type Box = [number, number, number, number];

export type Anchor =
  | "center"
  | "top"
  | "bottom"
  | "left"
  | "right"
  | "top-left"
  | "top-right"
  | "bottom-left"
  | "bottom-right";

/** One way to break a name into lines, and the size of its text box in ems (MapLibre's shaping at one em). */
export interface LabelForm {
  lines: string[];
  /** The widest line's advance, in ems. */
  widthEm: number;
  /** Line count × the layer's line height (1.2 em). */
  heightEm: number;
}

export interface LayoutInput {
  code: string;
  /** The name's point, in CSS px of the map. */
  x: number;
  y: number;
  /** Ways to set the name, in order of preference (the plain two lines first, then narrower ones). */
  forms: LabelForm[];
  /** The name's full text size here, in CSS px. */
  sizePx: number;
  /** The focus county: placed first, and kept even where the view's edge cuts it. */
  focus: boolean;
  /** Collision order: lower first (after the focus county). */
  rank: number;
}

export interface LayoutPlacement {
  code: string;
  form: number;
  /** The text size factor (1: full size). */
  scale: number;
  anchor: Anchor;
  /** The text's offset from its point, in ems of its drawn size (MapLibre's text-offset). */
  offsetEm: [number, number];
  /** That offset's length along the anchor's direction (one of LABEL_RADII_EM; offsetEm = radialOffset(anchor, it)). */
  radiusEm: number;
  /** Set away from its point: drawn with a dot at the point (and a leader line when the gap is wide). */
  far: boolean;
  /** The box the name takes (text, plate and padding, with the layout's margin). */
  box: Box;
  /** The order MapLibre is to place it in. */
  order: number;
}

export interface LayoutOptions {
  width: number;
  height: number;
  /** Boxes no name may cover (overlays). */
  obstacles: Box[];
  /** The smallest text size a name may be drawn at, in CSS px. */
  minPx: number;
  /** The size factors to try, largest first (those that keep a name at or over `minPx`). */
  scales: readonly number[];
  /** Pixels around a name's text the map keeps clear: its plate's sides and MapLibre's padding (x, y). */
  pad: [number, number];
  /** Extra pixels on each side of every box (the measured text is not MapLibre's to the pixel). */
  margin: number;
  /** Whether a name must lie wholly inside the view (false: the print, which drops no name at its frame). */
  keepInView: boolean;
}

export interface LayoutResult {
  placed: LayoutPlacement[];
  /** Names that found no place (in view). */
  unplaced: string[];
}

/** Where a county name may go around its point, in order of preference: on it, then beside it. */
export const LABEL_ANCHORS: readonly Anchor[] = [
  "center",
  "top",
  "bottom",
  "left",
  "right",
  "top-left",
  "top-right",
  "bottom-left",
  "bottom-right",
];
const AROUND = LABEL_ANCHORS.slice(1);
/** The offsets tried farther out, in ems: beside the point (the first) and out on a leader. */
const NEAR_EM = 0.5;
const FAR_EM = [1.2, 2.2, 3.4, 5];
/** Every offset length a name may be set at: beside its point, then farther out. */
export const LABEL_RADII_EM: readonly number[] = [NEAR_EM, ...FAR_EM];

/**
 * A placement's anchor and offset as one string property. MapLibre passes a GeoJSON feature's array property to its
 * layout expressions as JSON text (`__$json__:…`), which text-variable-anchor-offset cannot read, so the label layer
 * matches this key to a literal (layers.ts) instead of reading an array.
 */
export function anchorKey(anchor: Anchor, radiusEm: number): string {
  return `${anchor}@${radiusEm}`;
}

/** Where the text's box sits relative to its point for an anchor: 0 (box after the point) … 1 (box before it). */
function align(anchor: Anchor): [number, number] {
  const h = anchor.endsWith("left") ? 0 : anchor.endsWith("right") ? 1 : 0.5;
  const v = anchor.startsWith("top") ? 0 : anchor.startsWith("bottom") ? 1 : 0.5;
  return [h, v];
}

/** MapLibre's radial offset for an anchor, as an [x, y] text offset in ems (diagonals at r / √2 on each axis). */
export function radialOffset(anchor: Anchor, r: number): [number, number] {
  if (anchor === "center") return [0, 0];
  const [h, v] = align(anchor);
  const dx = h === 0 ? 1 : h === 1 ? -1 : 0;
  const dy = v === 0 ? 1 : v === 1 ? -1 : 0;
  const k = dx !== 0 && dy !== 0 ? r / Math.SQRT2 : r;
  return [dx * k, dy * k];
}

/** The box of a name's text drawn `px` high with `anchor` and `offsetEm` at (x, y), padded by `pad` + `margin`. */
export function labelBox(
  x: number,
  y: number,
  form: LabelForm,
  px: number,
  anchor: Anchor,
  offsetEm: [number, number],
  pad: [number, number],
  margin: number,
): Box {
  const w = form.widthEm * px;
  const h = form.heightEm * px;
  const [ha, va] = align(anchor);
  const cx = x - (ha - 0.5) * w + offsetEm[0] * px;
  const cy = y - (va - 0.5) * h + offsetEm[1] * px;
  const px2 = w / 2 + pad[0] + margin;
  const py2 = h / 2 + pad[1] + margin;
  return [cx - px2, cy - py2, cx + px2, cy + py2];
}

export function boxesOverlap(a: Box, b: Box): boolean {
  return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
}

/** One place a name may take: a placement without its box and order. */
type Candidate = Omit<LayoutPlacement, "code" | "box" | "order">;

/** A name's candidate places in order of preference: on or beside its point at each size and form, then farther out. */
function candidates(label: LayoutInput, opts: LayoutOptions): Candidate[] {
  const scales = opts.scales.filter((s, i) => i === 0 || label.sizePx * s >= opts.minPx);
  const out: Candidate[] = [];
  for (const scale of scales)
    for (let form = 0; form < label.forms.length; form++)
      for (const anchor of LABEL_ANCHORS)
        out.push({ form, scale, anchor, offsetEm: radialOffset(anchor, NEAR_EM), radiusEm: NEAR_EM, far: false });
  for (const r of FAR_EM)
    for (const scale of scales)
      for (let form = 0; form < label.forms.length; form++)
        for (const anchor of AROUND)
          out.push({ form, scale, anchor, offsetEm: radialOffset(anchor, r), radiusEm: r, far: true });
  return out;
}

/** The dot drawn at a far name's point, as a box other names keep off. */
function dotBox(x: number, y: number): Box {
  return [x - 4, y - 4, x + 4, y + 4];
}

/** A candidate's box for a name. */
function boxOf(label: LayoutInput, c: Candidate, opts: LayoutOptions): Box {
  return labelBox(
    label.x,
    label.y,
    label.forms[c.form],
    label.sizePx * c.scale,
    c.anchor,
    c.offsetEm,
    opts.pad,
    opts.margin,
  );
}

/**
 * One greedy pass in `order`: each name at its first candidate clear of the view's edge, the overlays, the names
 * placed before it and the dots of far names. A name that finds none is given a place by moving one name in its way
 * to another of that name's candidates, if one is clear of everything else.
 */
function pass(labels: LayoutInput[], opts: LayoutOptions): LayoutResult {
  const placed: Array<LayoutPlacement & { label: LayoutInput }> = [];
  const unplaced: string[] = [];
  const inside = (b: Box) => b[0] >= 0 && b[1] >= 0 && b[2] <= opts.width && b[3] <= opts.height;
  /** Whether `box` (of `label` at `c`) is clear of everything placed but `skip`. */
  const clear = (label: LayoutInput, c: Candidate, box: Box, keepInView: boolean, skip: string | null = null) => {
    if (keepInView && !inside(box)) return false;
    if (opts.obstacles.some((o) => boxesOverlap(o, box))) return false;
    for (const p of placed) {
      if (p.code === skip) continue;
      if (boxesOverlap(p.box, box)) return false;
      if (p.far && boxesOverlap(dotBox(p.label.x, p.label.y), box)) return false;
      if (c.far && boxesOverlap(p.box, dotBox(label.x, label.y))) return false;
    }
    return true;
  };
  for (const label of labels) {
    const cands = candidates(label, opts);
    let found: LayoutPlacement | null = null;
    // the focus county's name is drawn even where the edge cuts it (its county is what the view is about)
    const tries = opts.keepInView && label.focus ? [true, false] : [opts.keepInView];
    for (const keepInView of tries) {
      for (const c of cands) {
        const box = boxOf(label, c, opts);
        if (clear(label, c, box, keepInView)) {
          found = { code: label.code, ...c, box, order: placed.length };
          break;
        }
      }
      if (found) break;
    }
    if (!found) found = repair(label, cands, placed, opts, clear);
    if (!found) {
      unplaced.push(label.code);
      continue;
    }
    placed.push({ ...found, label });
  }
  return { placed: placed.map(({ label: _, ...p }) => ({ ...p })), unplaced };
}

/**
 * A place for `label` by moving one name in its way: for each of the label's candidates in turn that only one placed
 * name (not the focus county's) blocks, that name's candidates are tried in its order, and the first that is clear of
 * everything else with the label at its candidate wins. The moved name keeps its place in the order.
 */
function repair(
  label: LayoutInput,
  cands: Candidate[],
  placed: Array<LayoutPlacement & { label: LayoutInput }>,
  opts: LayoutOptions,
  clear: (label: LayoutInput, c: Candidate, box: Box, keepInView: boolean, skip?: string | null) => boolean,
): LayoutPlacement | null {
  const inside = (b: Box) => b[0] >= 0 && b[1] >= 0 && b[2] <= opts.width && b[3] <= opts.height;
  for (const c of cands) {
    const box = boxOf(label, c, opts);
    if (opts.keepInView && !inside(box)) continue;
    if (opts.obstacles.some((o) => boxesOverlap(o, box))) continue;
    const blockers = placed.filter(
      (p) =>
        boxesOverlap(p.box, box) ||
        (p.far && boxesOverlap(dotBox(p.label.x, p.label.y), box)) ||
        (c.far && boxesOverlap(p.box, dotBox(label.x, label.y))),
    );
    if (blockers.length !== 1 || blockers[0].label.focus) continue;
    const b = blockers[0];
    for (const bc of candidates(b.label, opts)) {
      const bbox = boxOf(b.label, bc, opts);
      if (boxesOverlap(bbox, box)) continue;
      if (bc.far && boxesOverlap(box, dotBox(b.label.x, b.label.y))) continue;
      if (c.far && boxesOverlap(bbox, dotBox(label.x, label.y))) continue;
      if (!clear(b.label, bc, bbox, opts.keepInView, b.code)) continue;
      Object.assign(b, bc, { box: bbox });
      return { code: label.code, ...c, box, order: placed.length };
    }
  }
  return null;
}

/** Lower is better: names left out first, then names set far out, then names drawn smaller. */
function cost(r: LayoutResult): number {
  return r.unplaced.length * 1e6 + r.placed.reduce((s, p) => s + (p.far ? 1000 : 0) + (1 - p.scale) * 100, 0);
}

/**
 * Places every name: the focus county's first, then in rank order (larger counties first, as MapLibre's collision
 * handling would); a name that finds no place is moved to the front (after the focus county) and the pass run
 * again, up to `rounds` times, keeping the best pass (fewest names left out, then fewest set far out).
 */
export function layoutLabels(labels: LayoutInput[], opts: LayoutOptions, rounds = 4): LayoutResult {
  const byRank = [...labels].sort((a, b) => Number(b.focus) - Number(a.focus) || a.rank - b.rank);
  let first: string[] = [];
  let best: LayoutResult | null = null;
  for (let round = 0; round <= rounds; round++) {
    const front = first.map((code) => byRank.find((l) => l.code === code)!);
    const order = [
      ...byRank.filter((l) => l.focus),
      ...front.filter((l) => !l.focus),
      ...byRank.filter((l) => !l.focus && !first.includes(l.code)),
    ];
    const result = pass(order, opts);
    if (!best || cost(result) < cost(best)) best = result;
    if (result.unplaced.length === 0) break;
    const more = result.unplaced.filter((c) => !first.includes(c));
    if (more.length === 0) break;
    first = [...first, ...more];
  }
  return best!;
}

/**
 * The line breaks of a name, narrowest last: as given (its own lines: English above Chinese), then with each line
 * that has spaces broken at them ("Qiaodong District" over "Qiaodong" / "District"). `advanceEm` gives a line's width
 * in ems.
 */
export function labelForms(text: string, advanceEm: (line: string) => number, lineHeightEm = 1.2): LabelForm[] {
  const make = (lines: string[]): LabelForm => ({
    lines,
    widthEm: Math.max(...lines.map(advanceEm)),
    heightEm: lines.length * lineHeightEm,
  });
  const given = text.split("\n");
  const forms = [make(given)];
  const broken = given.flatMap((l) => (l.includes(" ") ? l.split(" ").filter((w) => w.length > 0) : [l]));
  if (broken.length > given.length) {
    const narrow = make(broken);
    if (narrow.widthEm < forms[0].widthEm) forms.push(narrow);
  }
  return forms;
}

/** The point on a box nearest to (x, y), for a leader line from a far name's point to its text. */
export function nearestOnBox(x: number, y: number, b: Box): [number, number] {
  return [Math.min(Math.max(x, b[0]), b[2]), Math.min(Math.max(y, b[1]), b[3])];
}
