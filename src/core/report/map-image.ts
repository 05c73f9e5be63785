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

class Raster {
  readonly data: Uint8Array;
  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.data = new Uint8Array(width * height * 4).fill(255);
  }

  blend(x: number, y: number, c: Rgb, alpha: number): void {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height || alpha <= 0) return;
    const i = (y * this.width + x) * 4;
    const a = Math.min(1, alpha);
    for (let k = 0; k < 3; k++) this.data[i + k] = Math.round(this.data[i + k] * (1 - a) + c[k] * a);
  }

  /** Even-odd fill of rings given in pixel coordinates, sampled at pixel centres (crossings bucketed by row). */
  fillRings(rings: Position[][], c: Rgb, alpha: number): void {
    const rows: number[][] = Array.from({ length: this.height }, () => []);
    for (const r of rings)
      for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
        const [xi, yi] = r[i];
        const [xj, yj] = r[j];
        if (yi === yj) continue;
        const lo = Math.max(0, Math.ceil(Math.min(yi, yj) - 0.5));
        const hi = Math.min(this.height - 1, Math.ceil(Math.max(yi, yj) - 0.5) - 1);
        for (let y = lo; y <= hi; y++) {
          const yc = y + 0.5;
          rows[y].push(xi + ((yc - yi) * (xj - xi)) / (yj - yi));
        }
      }
    rows.forEach((xs, y) => {
      if (xs.length < 2) return;
      xs.sort((a, b) => a - b);
      for (let k = 0; k + 1 < xs.length; k += 2) {
        const from = Math.max(0, Math.ceil(xs[k] - 0.5));
        const to = Math.min(this.width - 1, Math.floor(xs[k + 1] - 0.5));
        for (let x = from; x <= to; x++) this.blend(x, y, c, alpha);
      }
    });
  }

  /** Anti-aliased disc. */
  disc(cx: number, cy: number, r: number, c: Rgb, alpha = 1): void {
    for (let y = Math.floor(cy - r - 1); y <= Math.ceil(cy + r + 1); y++)
      for (let x = Math.floor(cx - r - 1); x <= Math.ceil(cx + r + 1); x++) {
        const d = Math.hypot(x + 0.5 - cx, y + 0.5 - cy);
        this.blend(x, y, c, alpha * Math.max(0, Math.min(1, r + 0.5 - d)));
      }
  }

  /** A line of width `w`, drawn as overlapping discs. */
  line(a: Position, b: Position, w: number, c: Rgb): void {
    const n = Math.max(1, Math.ceil(Math.hypot(b[0] - a[0], b[1] - a[1]) / 0.75));
    for (let k = 0; k <= n; k++) {
      const t = k / n;
      this.stamp(a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, w / 2, c);
    }
  }

  /** Opaque disc without blending twice over the same pixel (lines stay solid). */
  private stamp(cx: number, cy: number, r: number, c: Rgb): void {
    for (let y = Math.floor(cy - r); y <= Math.ceil(cy + r); y++)
      for (let x = Math.floor(cx - r); x <= Math.ceil(cx + r); x++) {
        if (Math.hypot(x + 0.5 - cx, y + 0.5 - cy) > r + 0.35) continue;
        if (x < 0 || y < 0 || x >= this.width || y >= this.height) continue;
        const i = (y * this.width + x) * 4;
        this.data[i] = c[0];
        this.data[i + 1] = c[1];
        this.data[i + 2] = c[2];
      }
  }

  rect(x: number, y: number, w: number, h: number, c: Rgb, alpha = 1): void {
    for (let yy = Math.round(y); yy < Math.round(y + h); yy++)
      for (let xx = Math.round(x); xx < Math.round(x + w); xx++) this.blend(xx, yy, c, alpha);
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
  const r = new Raster(width, height);
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

  const rgb = new Uint8Array(width * height * 3);
  for (let i = 0, j = 0; i < r.data.length; i += 4, j += 3) {
    rgb[j] = r.data[i];
    rgb[j + 1] = r.data[i + 1];
    rgb[j + 2] = r.data[i + 2];
  }
  const png = encode({ width, height, data: rgb, channels: 3, depth: 8 }, { zlib: { level: 1 } });
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
