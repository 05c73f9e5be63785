import { encode } from "fast-png";
import type { Position } from "geojson";

/** RGB colour of a map symbol. */
export type Rgb = [number, number, number];

/** 5 × 7 bitmap glyphs for the scale bar and the north arrow (rows top to bottom, 5 bits each). */
const GLYPHS: Record<string, number[]> = {
  "0": [14, 17, 19, 21, 25, 17, 14],
  "1": [4, 12, 4, 4, 4, 4, 14],
  "2": [14, 17, 1, 2, 4, 8, 31],
  "3": [31, 2, 4, 2, 1, 17, 14],
  "4": [2, 6, 10, 18, 31, 2, 2],
  "5": [31, 16, 30, 1, 1, 17, 14],
  "6": [6, 8, 16, 30, 17, 17, 14],
  "7": [31, 1, 2, 4, 8, 8, 8],
  "8": [14, 17, 17, 14, 17, 17, 14],
  "9": [14, 17, 17, 15, 1, 2, 12],
  k: [16, 16, 18, 20, 24, 20, 18],
  m: [0, 0, 26, 21, 21, 21, 21],
  N: [17, 25, 21, 19, 17, 17, 17],
  ".": [0, 0, 0, 0, 0, 12, 12],
  " ": [0, 0, 0, 0, 0, 0, 0],
};

/** Most colours a map may hold: it is written as an indexed (palette) PNG, one byte a pixel. */
const PALETTE_SIZE = 256;

const pack = (c: Rgb) => (c[0] << 16) | (c[1] << 8) | c[2];

/**
 * A raster of palette indices (one byte a pixel), written as an indexed PNG: a third of the bytes of RGB to fill,
 * copy and deflate, which is most of a map's time. Blending a colour over a pixel looks the mixed colour up in the
 * palette (cached per source index, colour and alpha, the alpha to 1/255; anti-aliased edges in eighths). The
 * symbols' own colours are entered first, so they are always exact; once the palette is full a new mixed colour
 * takes its nearest entry (squared RGB distance), which only happens to anti-aliased edge pixels of crowded maps.
 */
export class Raster {
  readonly data: Uint8Array;
  private readonly palette: number[] = [0xffffff];
  private readonly byColour = new Map<number, number>([[0xffffff, 0]]);
  private readonly mixes = new Map<number, number>();
  constructor(
    readonly width: number,
    readonly height: number,
    reserved: Rgb[] = [],
  ) {
    this.data = new Uint8Array(width * height);
    for (const c of reserved) this.index(pack(c));
  }

  /** The palette index of a colour: its own entry, a new one, or the nearest once the palette is full. */
  private index(rgb: number): number {
    const known = this.byColour.get(rgb);
    if (known !== undefined) return known;
    let i: number;
    if (this.palette.length < PALETTE_SIZE) {
      i = this.palette.length;
      this.palette.push(rgb);
    } else {
      let best = Number.POSITIVE_INFINITY;
      i = 0;
      for (let k = 0; k < this.palette.length; k++) {
        const q = this.palette[k];
        const dr = (q >> 16) - (rgb >> 16);
        const dg = ((q >> 8) & 255) - ((rgb >> 8) & 255);
        const db = (q & 255) - (rgb & 255);
        const d = dr * dr + dg * dg + db * db;
        if (d < best) {
          best = d;
          i = k;
        }
      }
    }
    this.byColour.set(rgb, i);
    return i;
  }

  /** The index of colour `to` laid at alpha `a255`/255 over palette entry `from`. */
  private mix(from: number, to: Rgb, a255: number): number {
    const key = (from * 0x1000000 + pack(to)) * 256 + a255;
    const known = this.mixes.get(key);
    if (known !== undefined) return known;
    const q = this.palette[from];
    const a = a255 / 255;
    const m = (s: number, c: number) => Math.round(s * (1 - a) + c * a);
    const i = this.index((m(q >> 16, to[0]) << 16) | (m((q >> 8) & 255, to[1]) << 8) | m(q & 255, to[2]));
    this.mixes.set(key, i);
    return i;
  }

  /**
   * Lays colour `c` at `alpha` over the pixels [i0, i1) of the raster: one fill when opaque, otherwise through a
   * 256-entry table (palette index before → after) kept in `table` across calls for the same colour and alpha.
   */
  private paint(i0: number, i1: number, c: Rgb, a255: number, table: Int16Array): void {
    const d = this.data;
    if (a255 >= 255) {
      d.fill(this.index(pack(c)), i0, i1);
      return;
    }
    for (let i = i0; i < i1; i++) {
      const from = d[i];
      let to = table[from];
      if (to < 0) {
        to = this.mix(from, c, a255);
        table[from] = to;
      }
      d[i] = to;
    }
  }

  blend(x: number, y: number, c: Rgb, alpha: number): void {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return;
    const a255 = Math.round(Math.min(1, alpha) * 255);
    if (a255 <= 0) return;
    const i = y * this.width + x;
    this.data[i] = this.mix(this.data[i], c, a255);
  }

  /**
   * Even-odd fill of rings given in pixel coordinates, sampled at pixel centres: each edge's crossings of the rows'
   * centre lines, bucketed by row in two passes over typed arrays (count, then place), sorted within each row.
   */
  fillRings(rings: Position[][], c: Rgb, alpha: number): void {
    const a255 = Math.round(Math.min(1, alpha) * 255);
    if (a255 <= 0) return;
    const table = new Int16Array(PALETTE_SIZE).fill(-1);
    const h = this.height;
    const span = (yi: number, yj: number): [number, number] => [
      Math.max(0, Math.ceil(Math.min(yi, yj) - 0.5)),
      Math.min(h - 1, Math.ceil(Math.max(yi, yj) - 0.5) - 1),
    ];
    const start = new Int32Array(h + 1);
    for (const r of rings)
      for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
        if (r[i][1] === r[j][1]) continue;
        const [lo, hi] = span(r[i][1], r[j][1]);
        for (let y = lo; y <= hi; y++) start[y + 1]++;
      }
    for (let y = 0; y < h; y++) start[y + 1] += start[y];
    if (start[h] === 0) return;
    const xs = new Float64Array(start[h]);
    const next = start.slice(0, h);
    for (const r of rings)
      for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
        const [xi, yi] = r[i];
        const [xj, yj] = r[j];
        if (yi === yj) continue;
        const [lo, hi] = span(yi, yj);
        for (let y = lo; y <= hi; y++) xs[next[y]++] = xi + ((y + 0.5 - yi) * (xj - xi)) / (yj - yi);
      }
    for (let y = 0; y < h; y++) {
      if (start[y + 1] - start[y] < 2) continue;
      const row = xs.subarray(start[y], start[y + 1]).sort();
      const base = y * this.width;
      for (let k = 0; k + 1 < row.length; k += 2) {
        const from = Math.max(0, Math.ceil(row[k] - 0.5));
        const to = Math.min(this.width - 1, Math.floor(row[k + 1] - 0.5));
        if (to >= from) this.paint(base + from, base + to + 1, c, a255, table);
      }
    }
  }

  /** Anti-aliased disc (edge coverage in eighths, which keeps the palette small). */
  disc(cx: number, cy: number, r: number, c: Rgb, alpha = 1): void {
    for (let y = Math.floor(cy - r - 1); y <= Math.ceil(cy + r + 1); y++)
      for (let x = Math.floor(cx - r - 1); x <= Math.ceil(cx + r + 1); x++) {
        const dx = x + 0.5 - cx;
        const dy = y + 0.5 - cy;
        const cover = Math.round(8 * Math.max(0, Math.min(1, r + 0.5 - Math.sqrt(dx * dx + dy * dy)))) / 8;
        this.blend(x, y, c, alpha * cover);
      }
  }

  /** A line of width `w`, drawn as overlapping discs. */
  line(a: Position, b: Position, w: number, c: Rgb): void {
    const n = Math.max(1, Math.ceil(Math.hypot(b[0] - a[0], b[1] - a[1]) / 0.75));
    const solid = this.index(pack(c));
    for (let k = 0; k <= n; k++) {
      const t = k / n;
      this.stamp(a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, w / 2, solid);
    }
  }

  /** Opaque disc without blending twice over the same pixel (lines stay solid). */
  private stamp(cx: number, cy: number, r: number, solid: number): void {
    const lim = (r + 0.35) * (r + 0.35);
    const y0 = Math.max(0, Math.floor(cy - r));
    const y1 = Math.min(this.height - 1, Math.ceil(cy + r));
    const x0 = Math.max(0, Math.floor(cx - r));
    const x1 = Math.min(this.width - 1, Math.ceil(cx + r));
    for (let y = y0; y <= y1; y++) {
      const dy = y + 0.5 - cy;
      for (let x = x0; x <= x1; x++) {
        const dx = x + 0.5 - cx;
        if (dx * dx + dy * dy <= lim) this.data[y * this.width + x] = solid;
      }
    }
  }

  rect(x: number, y: number, w: number, h: number, c: Rgb, alpha = 1): void {
    const a255 = Math.round(Math.min(1, alpha) * 255);
    if (a255 <= 0) return;
    const table = new Int16Array(PALETTE_SIZE).fill(-1);
    const y0 = Math.max(0, Math.round(y));
    const y1 = Math.min(this.height, Math.round(y + h));
    const x0 = Math.max(0, Math.round(x));
    const x1 = Math.min(this.width, Math.round(x + w));
    if (x1 <= x0) return;
    for (let yy = y0; yy < y1; yy++) this.paint(yy * this.width + x0, yy * this.width + x1, c, a255, table);
  }

  text(s: string, x: number, y: number, scale: number, c: Rgb): void {
    let cx = x;
    for (const ch of s) {
      const g = GLYPHS[ch] ?? GLYPHS[" "];
      g.forEach((row, r) => {
        for (let col = 0; col < 5; col++)
          if (row & (1 << (4 - col))) this.rect(cx + col * scale, y + r * scale, scale, scale, c);
      });
      cx += 6 * scale;
    }
  }

  /** The raster as an indexed PNG (8 bit, palette of the colours used). */
  png(): Uint8Array {
    const palette = this.palette.map((q): [number, number, number] => [q >> 16, (q >> 8) & 255, q & 255]);
    return encode(
      { width: this.width, height: this.height, data: this.data, channels: 1, depth: 8, palette },
      { zlib: { level: 1 } },
    );
  }
}
