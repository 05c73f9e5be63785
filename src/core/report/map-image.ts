import type { Feature, MultiPolygon, Point, Polygon, Position } from "geojson";
import { localTransverseMercator, pointInPolygon } from "../geo";
import type { CountyProps, Facility, FacilityType } from "../model";
import type { AnalysisReport, Divisions, RuleSet } from "../rules";
import { coverageNotChecked } from "../rules/ems-network";
import { Raster, type Rgb } from "./palette-raster";
import type { SectionMap } from "./review";
import { type GeometryKind, placeViolations } from "./violations";

export type { Rgb };

/** One legend entry of the map image (the caller writes the legend as text beside the image). */
export interface MapLegendEntry {
  zh: string;
  en: string;
  color: Rgb;
  shape: "dot" | "area" | "line" | "cross" | "box" | "ring";
}

/** The character a text legend (the Word and HTML reports') draws a legend entry's shape with. */
export function legendGlyph(shape: string): string {
  const glyphs: Record<string, string> = {
    dot: "●",
    line: "━",
    cross: "✕",
    box: "□",
    ring: "○",
    area: "■",
  };
  return glyphs[shape] ?? "■";
}

/** Symbols of the report map, in drawing order (the same colours as the app's layers). */
export const MAP_SYMBOLS = {
  neighbour: { zh: "相邻县区", en: "Neighbouring units", color: [225, 225, 220], shape: "area" },
  county: { zh: "县区界", en: "County boundary", color: [40, 40, 60], shape: "line" },
  urban: { zh: "城区（所用口径）", en: "Urban area (definition used)", color: [142, 108, 192], shape: "area" },
  gap: { zh: "急救服务半径覆盖缺口", en: "EMS radius coverage gap", color: [227, 26, 28], shape: "area" },
  clinic: { zh: "村卫生室", en: "Village clinic", color: [140, 140, 140], shape: "dot" },
  // as the app's map draws them (the trial, s46-a #7: drawn as 急救中心 / 急救站 in red, on a report of no EMS point)
  station: {
    zh: "社区卫生服务站",
    en: "Community health service station",
    color: [158, 202, 225],
    shape: "dot",
  },
  thc: { zh: "乡镇卫生院 / 社区卫生服务中心", en: "THC / CHC", color: [120, 180, 80], shape: "dot" },
  hospital: { zh: "医院", en: "Hospital", color: [231, 41, 138], shape: "dot" },
  centre: {
    zh: "县域医疗中心 / 次中心",
    en: "County medical centre / sub-centre",
    color: [123, 50, 148],
    shape: "dot",
  },
  ems: { zh: "急救中心 / 急救站", en: "EMS centre / station", color: [215, 48, 31], shape: "dot" },
  // as the app's map and print map mark them (「蓝框：规划新增」): the planner trial's report drew them as existing ones
  proposed: {
    zh: "蓝框：规划新增（尚未建成）",
    en: "Blue box: proposed (not yet built)",
    color: [31, 120, 220],
    shape: "box",
  },
  violation: { zh: "违规位置", en: "Violation", color: [0, 0, 0], shape: "cross" },
  // a violation with no place of its own, drawn at a stand-in (a facility of its unit, its township's health centre, a
  // point inside the county): a hollow ring around the place, under the symbol, never a ✕ over it (the reviewer
  // trial: hundreds of village rows drew ✕ on the health centres, read as 违规位置)
  standIn: { zh: "代位（无确切位置）", en: "Stand-in place (no exact place)", color: [96, 96, 110], shape: "ring" },
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
  /** Places [lon, lat] of violations with a place of their own (the facility, the unit's seat, a gap): a ✕ each. */
  violations?: Position[];
  /**
   * Places [lon, lat] of violations with none, drawn at a stand-in (see {@link STAND_IN_KINDS}): a hollow ring each,
   * one per place, under the facility symbols and around them, so that a facility standing in is never hidden.
   */
  standIns?: Position[];
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

/** The report map's symbol of each facility type (every type named: a new one must be given its own). */
const SYMBOL_OF_TYPE: Record<FacilityType, MapSymbolKey> = {
  "village-clinic": "clinic",
  "chc-station": "station",
  thc: "thc",
  "central-thc": "thc",
  chc: "thc",
  hospital: "hospital",
  "county-medical-centre": "centre",
  "sub-centre": "centre",
  "ems-centre": "ems",
  "ems-dispatch": "ems",
  "ems-station": "ems",
};

function symbolOf(f: Facility): MapSymbolKey {
  return SYMBOL_OF_TYPE[f.type];
}

const DOT_RADIUS: Record<MapSymbolKey, number> = {
  neighbour: 0,
  county: 0,
  urban: 0,
  gap: 0,
  clinic: 2.2,
  station: 3.5,
  thc: 5,
  hospital: 6,
  centre: 8,
  ems: 6.5,
  /** Half the side of a proposed site's box. */
  proposed: 13.5,
  violation: 7,
  /** The stand-in ring's radius: outside the largest symbol with its white halo (8 + 1.5). */
  standIn: 12,
};

/**
 * The places of a violation that are not its own ({@link GeometryKind}): a facility registered to its unit, its
 * township's health centre or another facility of the township, a point inside the county.
 */
export const STAND_IN_KINDS: ReadonlySet<GeometryKind> = new Set<GeometryKind>([
  "unit-facility",
  "township-health-centre",
  "township-facility",
  "county-interior",
]);

function ringsOf(g: Polygon | MultiPolygon): Position[][] {
  return g.type === "Polygon" ? g.coordinates : g.coordinates.flat();
}

/**
 * Draws one county for the review report, without a browser: neighbours in grey, the urban area, coverage gaps,
 * the county's outline, its facilities by kind, violation places as crosses (those at a stand-in as rings under the
 * facility symbols, {@link CountyMapInput.standIns}), a north arrow and a scale bar (text in
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
  // stand-in places first, one ring per place: the facility symbols are drawn over their middle
  const rings = new Set<string>();
  for (const v of input.standIns ?? []) {
    const [x, y] = px(v);
    const key = `${Math.round(x)},${Math.round(y)}`;
    if (rings.has(key)) continue;
    rings.add(key);
    const rad = DOT_RADIUS.standIn;
    const steps = 40;
    for (let k = 0; k < steps; k++) {
      const a = (2 * Math.PI * k) / steps;
      const b = (2 * Math.PI * (k + 1)) / steps;
      r.line(
        [x + rad * Math.cos(a), y + rad * Math.sin(a)],
        [x + rad * Math.cos(b), y + rad * Math.sin(b)],
        2.5,
        s.standIn.color,
      );
    }
    shown.add("standIn");
  }
  const order: MapSymbolKey[] = ["clinic", "station", "thc", "hospital", "centre", "ems"];
  for (const key of order)
    for (const f of input.facilities) {
      if (symbolOf(f) !== key) continue;
      const [x, y] = px([f.lon, f.lat]);
      const rad = DOT_RADIUS[key];
      if (key !== "clinic") r.disc(x, y, rad + 1.5, [255, 255, 255]);
      r.disc(x, y, rad, s[key].color);
      shown.add(key);
    }
  for (const f of input.facilities) {
    if (!f.proposed) continue;
    const [x, y] = px([f.lon, f.lat]);
    const d = DOT_RADIUS.proposed;
    for (const [a, b] of [
      [
        [x - d, y - d],
        [x + d, y - d],
      ],
      [
        [x + d, y - d],
        [x + d, y + d],
      ],
      [
        [x + d, y + d],
        [x - d, y + d],
      ],
      [
        [x - d, y + d],
        [x - d, y - d],
      ],
    ] as Array<[Position, Position]>)
      r.line(a, b, 3, s.proposed.color);
    shown.add("proposed");
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
 * A map image per county of an analysis (the counties its rule set binds, or only `county`), for {@link buildReview}: each county with
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
  const coverageChecked = coverageNotChecked(input.ruleSet) === undefined;
  const placed = placeViolations({
    violations: input.report.violations.filter((v) => !input.county || v.county === input.county),
    ruleSet: input.ruleSet,
    counties: input.counties,
    divisions: input.divisions,
    facilities: input.facilities,
  });
  // the city's report has no section for a county its rule set does not bind (context): no map either
  const context = new Set(input.county ? [] : input.report.scope.context);
  // a county the imported list has no facility in: its "gap" is the whole county, what the list lacks, not a measured
  // one; drawn as such it read as a county with no EMS cover (the print helper, s45: as the print map did)
  const notInList = new Set(input.report.listScope?.missing ?? []);
  for (const county of input.counties) {
    const code = county.properties.code;
    if ((input.county && code !== input.county) || context.has(code)) continue;
    const img = renderCountyMap({
      county,
      neighbours: input.counties,
      facilities: input.facilities.filter((f) =>
        f.county ? f.county === code : pointInPolygon(f.lon, f.lat, county.geometry),
      ),
      gaps: notInList.has(code)
        ? []
        : input.report.gaps.filter((g) => g.properties.county === code).map((g) => g.geometry),
      urban: input.report.urbanAreas.filter((u) => u.properties.county === code).map((u) => u.geometry),
      // a ✕ where the violation is; a ring where a facility or a point stands in for a place it has not
      violations: placed
        .filter((p) => p.properties.county === code && p.geometry && !STAND_IN_KINDS.has(p.properties.geometryKind))
        .map((p) => (p.geometry as Point).coordinates),
      standIns: placed
        .filter((p) => p.properties.county === code && p.geometry && STAND_IN_KINDS.has(p.properties.geometryKind))
        .map((p) => (p.geometry as Point).coordinates),
      ...(input.widthPx ? { widthPx: input.widthPx } : {}),
    });
    out[code] = {
      png: img.png,
      width: img.width,
      height: img.height,
      legend: img.legend.map((l) => ({ label: l.zh, color: l.color, shape: l.shape })),
      // the gaps named only where the rule set checks EMS coverage (the reviewer trial: 平顶山's caption named them)
      caption: notInList.has(code)
        ? `${county.properties.name}：清单未含本县区设施，不作缺口图（按“无设施”核查的结论不反映实况；比例尺见左下，${img.scaleBarKm} km）`
        : `${county.properties.name}：设施、${coverageChecked ? "急救覆盖缺口与" : ""}违规位置（比例尺见左下，${img.scaleBarKm} km）`,
    };
  }
  return out;
}
