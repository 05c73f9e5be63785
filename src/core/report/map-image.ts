import { encode } from "fast-png";
import type { Feature, MultiPolygon, Point, Polygon, Position } from "geojson";
import { localTransverseMercator, pointInPolygon } from "../geo";
import type { CountyProps, Facility } from "../model";
import type { AnalysisReport, Divisions, RuleSet } from "../rules";
import type { SectionMap } from "./review";
import { placeViolations } from "./violations";

/** RGB colour of a map symbol. */
export type Rgb = [number, number, number];

/** One legend entry of the map image (the caller writes the legend as text beside the image). */
export interface MapLegendEntry {
  zh: string;
  en: string;
  color: Rgb;
  shape: "dot" | "area" | "line" | "cross";
}

/** Symbols of the report map, in drawing order (the same colours as the app's layers). */
export const MAP_SYMBOLS = {
  neighbour: { zh: "相邻县区", en: "Neighbouring units", color: [225, 225, 220], shape: "area" },
  county: { zh: "县区界", en: "County boundary", color: [40, 40, 60], shape: "line" },
  urban: { zh: "城区（所用口径）", en: "Urban area (definition used)", color: [142, 108, 192], shape: "area" },
  gap: { zh: "急救服务半径覆盖缺口", en: "EMS radius coverage gap", color: [227, 26, 28], shape: "area" },
  clinic: { zh: "村卫生室", en: "Village clinic", color: [140, 140, 140], shape: "dot" },
  thc: { zh: "乡镇卫生院 / 社区卫生服务中心", en: "THC / CHC", color: [120, 180, 80], shape: "dot" },
  hospital: { zh: "医院", en: "Hospital", color: [231, 41, 138], shape: "dot" },
  centre: {
    zh: "县域医疗中心 / 次中心",
    en: "County medical centre / sub-centre",
    color: [123, 50, 148],
    shape: "dot",
  },
  ems: { zh: "急救中心 / 急救站", en: "EMS centre / station", color: [215, 48, 31], shape: "dot" },
  violation: { zh: "违规位置", en: "Violation", color: [0, 0, 0], shape: "cross" },
} as const satisfies Record<string, MapLegendEntry>;

export type MapSymbolKey = keyof typeof MAP_SYMBOLS;

/** What to draw for one county. Coordinates WGS84. */
export interface CountyMapInput {
  county: Feature<Polygon | MultiPolygon, CountyProps>;
  /** Other units drawn in grey around the county (clipped by the frame). */
  neighbours?: Array<Feature<Polygon | MultiPolygon, CountyProps>>;
  facilities: Facility[];
  gaps?: Array<Polygon | MultiPolygon>;
  urban?: Array<Polygon | MultiPolygon>;
  /** Violation places [lon, lat]. */
  violations?: Position[];
  /** Image width in pixels (default 1600); the height follows the county's shape, within [0.6, 1.25] × width. */
  widthPx?: number;
}

/** A rendered map: PNG bytes, size, the legend of what it shows and the scale bar length. */
export interface CountyMapImage {
  png: Uint8Array;
  width: number;
  height: number;
  legend: MapLegendEntry[];
  scaleBarKm: number;
  /** Metres per pixel at the centre. */
  metresPerPx: number;
}

function symbolOf(f: Facility): MapSymbolKey {
  switch (f.type) {
    case "village-clinic":
      return "clinic";
    case "thc":
    case "central-thc":
    case "chc":
      return "thc";
    case "hospital":
      return "hospital";
    case "county-medical-centre":
    case "sub-centre":
      return "centre";
    default:
      return "ems";
  }
}

const DOT_RADIUS: Record<MapSymbolKey, number> = {
  neighbour: 0,
  county: 0,
  urban: 0,
  gap: 0,
  clinic: 2.2,
  thc: 5,
  hospital: 6,
  centre: 8,
  ems: 6.5,
  violation: 7,
};

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
class Raster {
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

function ringsOf(g: Polygon | MultiPolygon): Position[][] {
  return g.type === "Polygon" ? g.coordinates : g.coordinates.flat();
}

/**
 * Draws one county for the review report, without a browser: neighbours in grey, the urban area, coverage gaps,
 * the county's outline, its facilities by kind, violation places as crosses, a north arrow and a scale bar (text in
 * a 5 × 7 pixel font: digits and "km"). The map is a transverse Mercator projection centred on the county (north up,
 * true scale at the centre). Returns PNG bytes (RGB, 8 bit) and the legend of what it shows.
 */
export function renderCountyMap(input: CountyMapInput): CountyMapImage {
  const g = input.county.geometry;
  const all = ringsOf(g).flat();
  const lons = all.map((p) => p[0]);
  const lats = all.map((p) => p[1]);
  const lon0 = (Math.min(...lons) + Math.max(...lons)) / 2;
  const lat0 = (Math.min(...lats) + Math.max(...lats)) / 2;
  const tm = localTransverseMercator(lon0, lat0);
  const xy = all.map((p) => tm.forward(p[0], p[1]));
  const minX = Math.min(...xy.map((p) => p[0]));
  const maxX = Math.max(...xy.map((p) => p[0]));
  const minY = Math.min(...xy.map((p) => p[1]));
  const maxY = Math.max(...xy.map((p) => p[1]));
  const width = Math.round(input.widthPx ?? 1600);
  const margin = 0.06;
  const spanX = (maxX - minX) * (1 + 2 * margin);
  const spanY = (maxY - minY) * (1 + 2 * margin);
  const height = Math.round(Math.min(1.25, Math.max(0.6, spanY / spanX)) * width);
  const mPerPx = Math.max(spanX / width, spanY / height);
  const cx = (minX + maxX) / 2;
  const cy = (minY + maxY) / 2;
  const px = (p: Position): Position => {
    const [x, y] = tm.forward(p[0], p[1]);
    return [width / 2 + (x - cx) / mPerPx, height / 2 - (y - cy) / mPerPx];
  };
  // every colour drawn solid is in the palette from the start (exact whatever the anti-aliasing adds)
  const r = new Raster(width, height, [
    ...Object.values(MAP_SYMBOLS).map((m): Rgb => [...m.color]),
    [250, 250, 246],
    [170, 170, 165],
    [20, 20, 20],
  ]);
  const shown = new Set<MapSymbolKey>();
  const s = MAP_SYMBOLS;

  for (const n of input.neighbours ?? []) {
    if (n.properties.code === input.county.properties.code) continue;
    const rings = ringsOf(n.geometry).map((ring) => ring.map(px));
    const pts = rings.flat();
    const outside =
      pts.every((p) => p[0] < 0) ||
      pts.every((p) => p[0] > width) ||
      pts.every((p) => p[1] < 0) ||
      pts.every((p) => p[1] > height);
    if (outside) continue;
    r.fillRings(rings, s.neighbour.color, 1);
    for (const p of rings)
      for (let i = 1; i < p.length; i++) {
        const a = p[i - 1];
        const b = p[i];
        if (
          (a[0] < 0 && b[0] < 0) ||
          (a[1] < 0 && b[1] < 0) ||
          (a[0] > width && b[0] > width) ||
          (a[1] > height && b[1] > height)
        )
          continue;
        r.line(a, b, 1.5, [170, 170, 165]);
      }
    shown.add("neighbour");
  }
  r.fillRings(
    ringsOf(g).map((ring) => ring.map(px)),
    [250, 250, 246],
    1,
  );
  for (const u of input.urban ?? []) {
    r.fillRings(
      ringsOf(u).map((ring) => ring.map(px)),
      s.urban.color,
      0.22,
    );
    shown.add("urban");
  }
  for (const gap of input.gaps ?? []) {
    r.fillRings(
      ringsOf(gap).map((ring) => ring.map(px)),
      s.gap.color,
      0.45,
    );
    shown.add("gap");
  }
  for (const ring of ringsOf(g)) {
    const p = ring.map(px);
    for (let i = 1; i < p.length; i++) r.line(p[i - 1], p[i], 3, s.county.color);
  }
  shown.add("county");
  const order: MapSymbolKey[] = ["clinic", "thc", "hospital", "centre", "ems"];
  for (const key of order)
    for (const f of input.facilities) {
      if (symbolOf(f) !== key) continue;
      const [x, y] = px([f.lon, f.lat]);
      const rad = DOT_RADIUS[key];
      if (key !== "clinic") r.disc(x, y, rad + 1.5, [255, 255, 255]);
      r.disc(x, y, rad, s[key].color);
      shown.add(key);
    }
  for (const v of input.violations ?? []) {
    const [x, y] = px(v);
    const d = DOT_RADIUS.violation;
    r.line([x - d, y - d], [x + d, y + d], 2.5, s.violation.color);
    r.line([x - d, y + d], [x + d, y - d], 2.5, s.violation.color);
    shown.add("violation");
  }

  // north arrow (north is up in a transverse Mercator centred on the county)
  const ax = width - 60;
  const ay = 40;
  r.rect(ax - 30, ay - 14, 60, 112, [255, 255, 255], 0.85);
  r.text("N", ax - 8, ay - 6, 3, [20, 20, 20]);
  r.fillRings(
    [
      [
        [ax, ay + 20],
        [ax + 14, ay + 90],
        [ax, ay + 74],
        [ax - 14, ay + 90],
        [ax, ay + 20],
      ],
    ],
    [20, 20, 20],
    1,
  );

  // scale bar: the longest 1-2-5 length within a fifth of the width
  const maxKm = (width / 5) * (mPerPx / 1000);
  const pow = 10 ** Math.floor(Math.log10(maxKm));
  const km = [5, 2, 1].map((k) => k * pow).find((v) => v <= maxKm) ?? pow;
  const barPx = (km * 1000) / mPerPx;
  const label = `${km >= 1 ? km : km.toFixed(1)} km`;
  const bx = 30;
  const by = height - 40;
  r.rect(bx - 12, by - 40, Math.max(barPx, label.length * 18) + 24, 62, [255, 255, 255], 0.85);
  r.rect(bx, by, barPx, 8, [20, 20, 20]);
  r.rect(bx + barPx / 2, by + 2, barPx / 2 - 2, 4, [255, 255, 255]);
  r.rect(bx, by - 8, 3, 16, [20, 20, 20]);
  r.rect(bx + barPx - 3, by - 8, 3, 16, [20, 20, 20]);
  r.text(label, bx, by - 32, 3, [20, 20, 20]);

  const png = r.png();
  const legend = (Object.keys(s) as MapSymbolKey[]).filter((k) => shown.has(k)).map((k) => s[k]);
  return {
    png,
    width,
    height,
    legend: legend.map((l) => ({ ...l, color: [...l.color] as Rgb })),
    scaleBarKm: km,
    metresPerPx: mPerPx,
  };
}

/**
 * A map image per county of an analysis (all counties, or only `county`), for {@link buildReview}: each county with
 * its neighbours, urban area, gaps, own facilities and placed violations (see {@link placeViolations}).
 */
export function reviewMaps(input: {
  report: AnalysisReport;
  ruleSet: RuleSet;
  counties: Array<Feature<Polygon | MultiPolygon, CountyProps>>;
  facilities: Facility[];
  divisions?: Divisions | null;
  county?: string;
  widthPx?: number;
}): Record<string, SectionMap> {
  const out: Record<string, SectionMap> = {};
  const placed = placeViolations({
    violations: input.report.violations.filter((v) => !input.county || v.county === input.county),
    ruleSet: input.ruleSet,
    counties: input.counties,
    divisions: input.divisions,
    facilities: input.facilities,
  });
  for (const county of input.counties) {
    const code = county.properties.code;
    if (input.county && code !== input.county) continue;
    const img = renderCountyMap({
      county,
      neighbours: input.counties,
      facilities: input.facilities.filter((f) =>
        f.county ? f.county === code : pointInPolygon(f.lon, f.lat, county.geometry),
      ),
      gaps: input.report.gaps.filter((g) => g.properties.county === code).map((g) => g.geometry),
      urban: input.report.urbanAreas.filter((u) => u.properties.county === code).map((u) => u.geometry),
      violations: placed
        .filter((p) => p.properties.county === code && p.geometry)
        .map((p) => (p.geometry as Point).coordinates),
      ...(input.widthPx ? { widthPx: input.widthPx } : {}),
    });
    out[code] = {
      png: img.png,
      width: img.width,
      height: img.height,
      legend: img.legend.map((l) => ({ label: l.zh, color: l.color, shape: l.shape })),
      caption: `${county.properties.name}：设施、急救覆盖缺口与违规位置（比例尺见左下，${img.scaleBarKm} km）`,
    };
  }
  return out;
}
