import type { Feature, FeatureCollection, MultiPolygon, Polygon } from "geojson";
import { geodesicDistanceKm, polygonLocator } from "../geo";
import type { Facility, RejectedFacility } from "../model";
import { bboxOf } from "../rules/helpers";
import { toWgs84 } from "./crs";
import type { CrsId, RowIssue } from "./types";

/** China's bounding box used for sanity checks, degrees (inclusive): lon 73–136 °E, lat 3–54 °N. */
export const CHINA_BBOX = { minLon: 73, maxLon: 136, minLat: 3, maxLat: 54 } as const;

/** Whether (lon, lat) lies in {@link CHINA_BBOX}. */
export function inChinaBbox(lon: number, lat: number): boolean {
  return lon >= CHINA_BBOX.minLon && lon <= CHINA_BBOX.maxLon && lat >= CHINA_BBOX.minLat && lat <= CHINA_BBOX.maxLat;
}

/** A point-in-polygons test over a FeatureCollection of (Multi)Polygons (planar in lon/lat; holes respected). */
export function makeContains(
  boundaries: FeatureCollection<Polygon | MultiPolygon>,
): (lon: number, lat: number) => boolean {
  const locators = (boundaries.features as Array<Feature<Polygon | MultiPolygon | null>>)
    .map((f) => f.geometry)
    .filter((g): g is Polygon | MultiPolygon => !!g && (g.type === "Polygon" || g.type === "MultiPolygon"))
    .map(polygonLocator);
  return (lon, lat) => locators.some((inside) => inside(lon, lat));
}

/** Terms in a file name or header that suggest GCJ-02 (Amap/Tencent) or BD-09 (Baidu) coordinates. */
const GCJ_HINT = /高德|gaode|amap|gcj|腾讯|tencent|火星/i;
const BD_HINT = /百度|baidu|bd-?09|bmap/i;
/** In a cell (a 备注), only a term that names the datum: 火星 alone is a place name too (火星庙村). */
const GCJ_CELL_HINT = /高德|gaode|amap|gcj|腾讯|tencent|火星坐标/i;

/**
 * Heuristic for "coordinates look like GCJ-02/BD-09 while WGS84 was chosen": the file name or a column header
 * mentions 高德/amap/gcj/腾讯 (→ "gcj02") or 百度/baidu/bd09 (→ "bd09"). Returns undefined when nothing suggests it.
 * (A positional test is not possible without reference points: the GCJ-02 offset, 100–700 m, is smooth.)
 */
export function guessDatumFromNames(
  fileName: string,
  headers: string[],
  /** Cells of the columns that are not names or coordinates (a 备注 of 「坐标取自高德地图」, the planner trial). */
  cells: readonly string[] = [],
): "gcj02" | "bd09" | undefined {
  const text = [fileName, ...headers].join(" ");
  if (BD_HINT.test(text)) return "bd09";
  if (GCJ_HINT.test(text)) return "gcj02";
  let bd = 0;
  let gcj = 0;
  for (const c of cells) {
    if (BD_HINT.test(c)) bd++;
    else if (GCJ_CELL_HINT.test(c)) gcj++;
  }
  if (bd + gcj === 0) return undefined;
  return bd > gcj ? "bd09" : "gcj02";
}

/**
 * The datum the coordinate columns' own headers name: 「高德经度」「高德纬度」, 「amap_lng」 → "gcj02"; 「百度经度」,
 * 「bd09_lat」 → "bd09". Undefined when they name none. Stronger than a file name or a note: the columns say what
 * they hold, so the positions are read in it (the planner trial, s41-b #2).
 */
export function datumOfColumns(lonHeader: string, latHeader: string): "gcj02" | "bd09" | undefined {
  const text = `${lonHeader} ${latHeader}`;
  if (BD_HINT.test(text)) return "bd09";
  if (GCJ_HINT.test(text)) return "gcj02";
  return undefined;
}

/** Options of {@link checkCoordinates}. */
export interface CheckOptions {
  boundaries?: FeatureCollection<Polygon | MultiPolygon>;
  /** File name used in issues; default "". */
  file?: string;
  /** Row number of each facility (same order); default index + 1. */
  rows?: number[];
  /** Field name used in coordinate issues; default "lon/lat". */
  field?: string;
}

/**
 * Checks WGS84 facility coordinates: non-finite or out-of-range values and points outside China's bbox are
 * errors (the facility is removed); lon/lat that are swapped (lon in 15–55 and lat in 73–136, i.e. the swap
 * lands in China) are swapped back with a warning; points outside all `boundaries` polygons get a warning.
 * Inputs are not mutated.
 */
export function checkCoordinates(
  facilities: Facility[],
  opts: CheckOptions = {},
): { facilities: Facility[]; rows: number[]; issues: RowIssue[]; rejected: number } {
  const file = opts.file ?? "";
  const field = opts.field ?? "lon/lat";
  const contains = opts.boundaries ? makeContains(opts.boundaries) : undefined;
  const out: Facility[] = [];
  const rows: number[] = [];
  const issues: RowIssue[] = [];
  let rejected = 0;
  facilities.forEach((f, i) => {
    const row = opts.rows?.[i] ?? i + 1;
    const value = `${f.lon}, ${f.lat}`;
    const c = classifyLonLat(f.lon, f.lat);
    if (c.kind === "error") {
      issues.push({ file, row, field, value, severity: "error", code: c.code, message: c.message });
      rejected++;
      return;
    }
    let g = f;
    if (c.kind === "swapped") {
      g = { ...f, lon: f.lat, lat: f.lon };
      issues.push({ file, row, field, value, severity: "warning", code: "swapped-lat-lon", message: SWAP_MESSAGE });
    }
    if (contains && !contains(g.lon, g.lat)) {
      issues.push({
        file,
        row,
        field,
        // as the position is used (converted from GCJ-02 etc.), to 6 decimals (0.1 m), not 14
        value: `${round6(g.lon)}, ${round6(g.lat)}`,
        severity: "warning",
        code: "outside-boundaries",
        message: outsideBoundariesMessage(g.name),
      });
    }
    out.push(g);
    rows.push(row);
  });
  return { facilities: out, rows, issues, rejected };
}

export const SWAP_MESSAGE = { zh: "经纬度疑似填反，已交换", en: "longitude and latitude look swapped; swapped back" };

/**
 * Message of an "outside-boundaries" warning; with `place`, where the point lies (「九江市永修县」, "Yongxiu County,
 * Jiujiang"), or `null` where it lies in no prefecture-level city (see core's placeOutsideRows).
 */
export function outsideBoundariesMessage(name: string, place?: { zh: string; en: string } | null) {
  const zh = place ? `（在${place.zh}境内）` : place === null ? "（不在任何地级市内：请核对坐标和坐标系）" : "";
  const en = place
    ? ` (it lies in ${place.en})`
    : place === null
      ? " (in no prefecture-level city: check the coordinates and their system)"
      : "";
  // what a row's position does not give: a township or village of the city it names does not count it but is for review,
  // naming the row (markOutsideUnitCounty; the user trial, s52 #1: the warning promised 「仍按所填计数」, and the
  // township read 「无乡镇卫生院」)
  return {
    zh: `“${name}”位于已加载的行政区边界之外${zh}：不按位置计入任何县区（仅在计入邻县覆盖时作急救点计）；所填乡镇、行政村属本市的不计入，该单位按待核计，请核对坐标`,
    en: `"${name}" lies outside the loaded boundaries${en}: counted in no county by its position (an EMS point only with cross-border cover); a township or village of this city it names does not count it but is for review: check its coordinates`,
  };
}

/** Classifies a WGS84 lon/lat pair: ok, swapped (swap lands in China), or an error with code and message. */
export function classifyLonLat(
  lon: number,
  lat: number,
): { kind: "ok" } | { kind: "swapped" } | { kind: "error"; code: string; message: { zh: string; en: string } } {
  if (!Number.isFinite(lon) || !Number.isFinite(lat))
    return { kind: "error", code: "not-a-number", message: { zh: "坐标不是数字", en: "coordinate is not a number" } };
  if (inChinaBbox(lon, lat)) return { kind: "ok" };
  if (inChinaBbox(lat, lon)) return { kind: "swapped" };
  // what the figures look like, when they are China's but for a sign or a decimal point (the bad-files trial, s56b L:
  // 「-112.571319」 and 「112523346,32715517」 were refused with no word of why)
  const hint = lonLatHint(lon, lat);
  if (Math.abs(lon) > 180 || Math.abs(lat) > 90)
    return {
      kind: "error",
      code: "out-of-range",
      message: {
        zh: `坐标超出取值范围（经度 ±180°，纬度 ±90°）${hint.zh}`,
        en: `coordinate out of range (lon ±180°, lat ±90°)${hint.en}`,
      },
    };
  return {
    kind: "error",
    code: "outside-china",
    message: {
      zh: `坐标不在中国范围内（经度 73–136°，纬度 3–54°）${hint.zh}`,
      en: `coordinate outside China (lon 73–136°, lat 3–54°)${hint.en}`,
    },
  };
}

/**
 * A hint for coordinates outside China that are China's but for a minus sign (「-112.57」) or a decimal point lost
 * (「112523346」 = 112.523346 × 10⁶): the reading that falls in China, said; "" when there is none.
 */
function lonLatHint(lon: number, lat: number): { zh: string; en: string } {
  if ((lon < 0 || lat < 0) && inChinaBbox(Math.abs(lon), Math.abs(lat)))
    return {
      zh: `：去掉负号即在中国（${Math.abs(lon)}, ${Math.abs(lat)}），请核对经纬度的正负号`,
      en: `: without the minus sign it is in China (${Math.abs(lon)}, ${Math.abs(lat)}); check the coordinates' signs`,
    };
  // whole numbers only: projected metres have their decimals (the re-check, s56c N1: 「似缺少小数点」 for a GeoJSON's
  // metres pointed 1,000 km off), and whole metres are named beside the lost point
  if (!Number.isInteger(lon) || !Number.isInteger(lat)) return { zh: "", en: "" };
  for (const scale of [1e5, 1e6, 1e7, 1e8]) {
    const [x, y] = [Number((lon / scale).toPrecision(12)), Number((lat / scale).toPrecision(12))];
    const [sx, sy] = [Math.abs(lon) >= 1000 ? x : lon, Math.abs(lat) >= 1000 ? y : lat];
    if ((sx !== lon || sy !== lat) && inChinaBbox(sx, sy))
      return {
        zh: `：似缺少小数点（如 ${sx}, ${sy}），请核对单元格格式（Excel 的数值格式可能去掉了小数点）；如为投影坐标（米），请选择其坐标系`,
        en: `: the decimal point seems lost (as in ${sx}, ${sy}); check the cells' number format; if they are projected metres, choose their coordinate system`,
      };
  }
  return { zh: "", en: "" };
}

/** How many facilities fall outside the county their code names: as read, and read as GCJ-02 or BD-09. */
export interface DatumEvidence {
  /** Facilities with a county code found among the boundaries. */
  checked: number;
  mismatchAsRead: number;
  mismatchGcj02: number;
  mismatchBd09: number;
  /** The reading with clearly fewer mismatches than as read, if any. */
  suggest?: "gcj02" | "bd09";
}

/**
 * Positional evidence that WGS84-read coordinates are really GCJ-02 (Amap, Tencent) or BD-09 (Baidu): the
 * offset of those systems (100–700 m, smooth) puts facilities near county borders into the neighbouring county.
 * Facilities carrying a 6-digit county code are located in `boundaries` (features with a `code` property) as
 * read and after each conversion; a conversion is suggested when at least 20 facilities are checked and it
 * removes at least half of the mismatches, and at least 3.
 */
export function datumFromBoundaries(
  facilities: Array<Pick<Facility, "lon" | "lat" | "county">>,
  boundaries: FeatureCollection<Polygon | MultiPolygon>,
): DatumEvidence {
  const locators = new Map<string, (lon: number, lat: number) => boolean>();
  for (const f of boundaries.features as Array<Feature<Polygon | MultiPolygon | null>>) {
    const code = String((f.properties as { code?: unknown } | null)?.code ?? "");
    if (/^\d{6}$/.test(code) && f.geometry) locators.set(code, polygonLocator(f.geometry));
  }
  const ev: DatumEvidence = { checked: 0, mismatchAsRead: 0, mismatchGcj02: 0, mismatchBd09: 0 };
  for (const f of facilities) {
    const inside = f.county ? locators.get(f.county) : undefined;
    if (!inside) continue;
    ev.checked++;
    if (!inside(f.lon, f.lat)) ev.mismatchAsRead++;
    const [gx, gy] = toWgs84(f.lon, f.lat, "gcj02");
    if (!inside(gx, gy)) ev.mismatchGcj02++;
    const [bx, by] = toWgs84(f.lon, f.lat, "bd09");
    if (!inside(bx, by)) ev.mismatchBd09++;
  }
  const better = (m: number) => ev.mismatchAsRead - m >= Math.max(3, ev.mismatchAsRead / 2);
  if (ev.checked >= 20) {
    const best = ev.mismatchGcj02 <= ev.mismatchBd09 ? "gcj02" : "bd09";
    if (better(best === "gcj02" ? ev.mismatchGcj02 : ev.mismatchBd09)) ev.suggest = best;
  }
  return ev;
}

/**
 * The projection positions in metres were most likely written in, tried against the loaded boundaries: with a zone
 * number before the easting, that CGCS2000 3° Gauss–Krüger zone (EPSG:4513–4533); else each CGCS2000 3° central
 * meridian (EPSG:4534–4554) and WGS84 UTM zone (EPSG:32643–32653) over China, the one that puts the most of (up to 200
 * of) the points inside a county. Null when none puts any inside.
 */
export function projectionFromBoundaries(
  points: ReadonlyArray<[number, number]>,
  boundaries: FeatureCollection<Polygon | MultiPolygon>,
): { crs: CrsId; inside: number; tried: number } | null {
  const sample = points.length > 200 ? points.filter((_, i) => i % Math.ceil(points.length / 200) === 0) : points;
  if (sample.length === 0) return null;
  const contains = makeContains(boundaries);
  const prefixed = sample.filter(([x]) => x >= 1e7);
  const candidates: CrsId[] = [];
  if (prefixed.length * 2 >= sample.length) {
    for (const zone of new Set(prefixed.map(([x]) => Math.floor(x / 1e6))))
      if (zone >= 25 && zone <= 45) candidates.push(`EPSG:${4513 + zone - 25}`);
  } else {
    for (let code = 4534; code <= 4554; code++) candidates.push(`EPSG:${code}`);
    for (let code = 32643; code <= 32653; code++) candidates.push(`EPSG:${code}`);
  }
  let best: { crs: CrsId; inside: number; tried: number } | null = null;
  for (const crs of candidates) {
    let inside = 0;
    for (const [x, y] of sample) {
      const [lon, lat] = toWgs84(x, y, crs);
      if (Number.isFinite(lon) && Number.isFinite(lat) && contains(lon, lat)) inside++;
    }
    if (inside > 0 && (!best || inside > best.inside)) best = { crs, inside, tried: sample.length };
  }
  return best;
}

/** A facility this far outside the county its code names gets a warning, km (exclusive). */
export const STATED_COUNTY_WARN_KM = 2;

/** A facility this far outside the county its code names is rejected, km (exclusive). */
export const STATED_COUNTY_ERROR_KM = 50;

/**
 * How an "outside-stated-county" warning ends: for a row that names a township or village (which is then for review),
 * or for one that names none. A row whose names then match no unit ends as the plain one ({@link unsayUnitReview}).
 */
export const OUTSIDE_STATED_TAIL = {
  unit: {
    zh: "：不计入所填乡镇、行政村，该单位按待核计；请核对坐标或乡镇",
    en: ": not counted for the township or village it names, which is for review; check the coordinates or the township",
  },
  plain: { zh: "：请核对", en: ": please check" },
} as const;

/**
 * The "outside-stated-county" warnings of rows kept with no township or village after their names were matched: they
 * said the unit named was for review, but no unit was found to be (the user trial, s49 #1: 宣化镇 「按待核计」 in the
 * import, 「无乡镇卫生院」 in the check). Rewritten in place to the plain ending; true when any was.
 */
export function unsayUnitReview(issues: RowIssue[], facilities: readonly Facility[], rows: readonly number[]): boolean {
  const unitless = new Set<number>();
  facilities.forEach((f, i) => {
    if (f.outsideStatedKm !== undefined && f.township === undefined && f.village === undefined) unitless.add(rows[i]);
  });
  if (unitless.size === 0) return false;
  const { unit, plain } = OUTSIDE_STATED_TAIL;
  let changed = false;
  issues.forEach((issue, n) => {
    if (issue.code !== "outside-stated-county" || !unitless.has(issue.row) || !issue.message.zh.endsWith(unit.zh))
      return;
    changed = true;
    issues[n] = {
      ...issue,
      message: {
        zh: issue.message.zh.slice(0, -unit.zh.length) + plain.zh,
        en: issue.message.en.endsWith(unit.en)
          ? issue.message.en.slice(0, -unit.en.length) + plain.en
          : issue.message.en,
      },
    };
  });
  return changed;
}

/**
 * Geodesic distance (km) from a point outside `geom` to its nearest boundary point; 0 inside. The nearest point is
 * found in a local equirectangular plane at the point's latitude, then measured with geographiclib. Pass `contains`
 * (a {@link polygonLocator} of `geom`) when asking about many points: building it costs more than one query.
 */
export function distanceOutsideKm(
  lon: number,
  lat: number,
  geom: Polygon | MultiPolygon,
  contains: (lon: number, lat: number) => boolean = polygonLocator(geom),
): number {
  if (contains(lon, lat)) return 0;
  const kx = Math.cos((lat * Math.PI) / 180);
  let best = Number.POSITIVE_INFINITY;
  let nearest: [number, number] = [lon, lat];
  for (const poly of geom.type === "Polygon" ? [geom.coordinates] : geom.coordinates)
    for (const ring of poly)
      for (let i = 0; i + 1 < ring.length; i++) {
        const ax = (ring[i][0] - lon) * kx;
        const ay = ring[i][1] - lat;
        const bx = (ring[i + 1][0] - lon) * kx;
        const by = ring[i + 1][1] - lat;
        const dx = bx - ax;
        const dy = by - ay;
        const len2 = dx * dx + dy * dy;
        const t = len2 > 0 ? Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2)) : 0;
        const px = ax + t * dx;
        const py = ay + t * dy;
        const d2 = px * px + py * py;
        if (d2 < best) {
          best = d2;
          nearest = [lon + px / kx, lat + py];
        }
      }
  return geodesicDistanceKm(lon, lat, nearest[0], nearest[1]);
}

/**
 * Facilities with no county code lying outside every one of `boundaries` but within {@link STATED_COUNTY_WARN_KM} of
 * one (the nearest): that county's, as a point that close is one the approximate boundaries miss, not a facility of
 * another place (the user re-trial, s48 #1: 古庄店镇卫生院, 0.6 km outside 方城县 on its 叶县 side, counted nowhere, its
 * township name unmatched, and 古庄店镇 read 「无乡镇卫生院」 as a 违规). Each is said on its row, with the distance, in
 * place of the outside-boundaries warning. Inputs are not mutated; `near` holds the rows given a county.
 */
export function nearBoundaryCounties(
  facilities: readonly Facility[],
  rows: readonly number[],
  boundaries: FeatureCollection<Polygon | MultiPolygon>,
  opts: {
    file: string;
    field: string;
    /** The rows lying outside every boundary (checkCoordinates' "outside-boundaries"): the only ones looked at. */
    outside: ReadonlySet<number>;
  },
): { facilities: Facility[]; issues: RowIssue[]; near: Set<number> } {
  const issues: RowIssue[] = [];
  const near = new Set<number>();
  if (opts.outside.size === 0) return { facilities: [...facilities], issues, near };
  const counties = (boundaries.features as Array<Feature<Polygon | MultiPolygon | null>>).flatMap((f) => {
    const props = f.properties as { code?: unknown; name?: unknown } | null;
    const code = String(props?.code ?? "");
    if (!/^\d{6}$/.test(code) || !f.geometry) return [];
    const name = typeof props?.name === "string" ? props.name : code;
    return [{ code, name, geom: f.geometry, box: bboxOf(f.geometry) }];
  });
  // the box of a county grown by the distance (degrees, generously at these latitudes)
  const pad = STATED_COUNTY_WARN_KM / 80;
  const out = facilities.map((f, i) => {
    if (f.county || f.proposed || !opts.outside.has(rows[i])) return f;
    let best: { c: (typeof counties)[number]; km: number } | undefined;
    for (const c of counties) {
      if (f.lon < c.box[0] - pad || f.lon > c.box[2] + pad || f.lat < c.box[1] - pad || f.lat > c.box[3] + pad)
        continue;
      // (outside every county: no point-in-polygon test to repeat)
      const km = distanceOutsideKm(f.lon, f.lat, c.geom, () => false);
      if (km <= STATED_COUNTY_WARN_KM && (!best || km < best.km)) best = { c, km };
    }
    if (!best) return f;
    near.add(rows[i]);
    issues.push({
      file: opts.file,
      row: rows[i],
      field: opts.field,
      value: `${round6(f.lon)}, ${round6(f.lat)}`,
      severity: "warning",
      code: "near-boundary",
      message: {
        zh: `“${f.name}”位于已加载的县区边界之外 ${best.km.toFixed(1)} km，最近的是${best.c.name}（${best.c.code}）：边界数据为近似，按${best.c.name}计入；请核对坐标`,
        en: `"${f.name}" lies ${best.km.toFixed(1)} km outside the loaded county boundaries, nearest ${best.c.name} (${best.c.code}): the boundaries are approximate, so it is counted in ${best.c.name}; check its coordinates`,
      },
    });
    return { ...f, county: best.c.code };
  });
  return { facilities: out, issues, near };
}

/**
 * Facilities whose 6-digit county code names a county among `boundaries` (features with a `code` property) but lie
 * outside it: more than {@link STATED_COUNTY_ERROR_KM} km away → rejected with an error; more than
 * {@link STATED_COUNTY_WARN_KM} km → kept with a warning. Both name the distance. A code of the boundaries' cities
 * that no boundary has (a county re-coded since they were drawn) is replaced by the county the facility lies in,
 * with a warning; one lying in none is left for the caller to refuse. Inputs are not mutated. An issue's `value` is
 * the row's county cell as the file wrote it (`countyCells`, by row: 镇平县), else the code; the message names the
 * county by name and code (the reviewer trial: the problem list's 单元格内容 read 411324 for a cell saying 镇平县).
 */
export function checkStatedCounty(
  facilities: Facility[],
  rows: number[],
  boundaries: FeatureCollection<Polygon | MultiPolygon>,
  opts: {
    file: string;
    field: string;
    /** The county cells that are not the code read from them, by row ({@link FacilityImport.countyCells}). */
    countyCells?: ReadonlyMap<number, string>;
    /**
     * The rows whose township or village cell is a name still to be matched ({@link FacilityImport.unitNames}): a row
     * kept with a warning that names one is told its unit is for review, as one giving its code is.
     */
    namesUnit?: (row: number) => boolean;
  },
): { facilities: Facility[]; rows: number[]; issues: RowIssue[]; rejected: number } {
  const byCode = new Map<string, Polygon | MultiPolygon>();
  const names = new Map<string, string>();
  for (const f of boundaries.features as Array<Feature<Polygon | MultiPolygon | null>>) {
    const props = f.properties as { code?: unknown; name?: unknown } | null;
    const code = String(props?.code ?? "");
    if (/^\d{6}$/.test(code) && f.geometry) byCode.set(code, f.geometry);
    if (typeof props?.name === "string") names.set(code, props.name);
  }
  // the county by name and code (「西峡县（411323）」), not by code alone
  const named = (code: string) => (names.has(code) ? `${names.get(code)}（${code}）` : code);
  const namedEn = (code: string) => (names.has(code) ? `${names.get(code)} (${code})` : code);
  // one prepared point-in-polygon test per county named, built when first asked for
  const locators = new Map<string, (lon: number, lat: number) => boolean>();
  const locator = (code: string, geom: Polygon | MultiPolygon) => {
    let l = locators.get(code);
    if (!l) {
      l = polygonLocator(geom);
      locators.set(code, l);
    }
    return l;
  };
  const out: Facility[] = [];
  const outRows: number[] = [];
  const issues: RowIssue[] = [];
  let rejected = 0;
  // the cities (4-digit prefixes) of the boundaries: a code of one of them the boundaries lack is a county renamed or
  // re-coded since the boundaries were drawn (赣州: 龙南县 360727 → 龙南市 360783, 赣县 360721 → 赣县区 360704)
  const cityPrefixes = new Set([...byCode.keys()].map((c) => c.slice(0, 4)));
  const countyAt = (lon: number, lat: number) => {
    for (const [code, geom] of byCode) if (locator(code, geom)(lon, lat)) return code;
    return undefined;
  };
  facilities.forEach((stated, i) => {
    let f = stated;
    if (f.county && !byCode.has(f.county) && cityPrefixes.has(f.county.slice(0, 4))) {
      // counted where it lies, said (the reviewer trial, s41-a #6: the app took such rows by position while the
      // command line refused them all and analysed a city with no facilities)
      const at = countyAt(f.lon, f.lat);
      if (at) {
        issues.push({
          file: opts.file,
          row: rows[i],
          field: opts.field,
          value: opts.countyCells?.get(rows[i]) ?? f.county,
          severity: "warning",
          code: "county-code-by-position",
          message: {
            zh: `县级代码“${f.county}”不在边界数据中（区划代码可能在边界数据之后有调整）；按位置计入 ${named(at)}`,
            en: `county code "${f.county}" is not in the boundary data (the division code may have changed since the boundaries were drawn); counted in ${namedEn(at)} by its position`,
          },
        });
        f = { ...f, county: at };
      }
    }
    const geom = f.county ? byCode.get(f.county) : undefined;
    const km = geom && f.county ? distanceOutsideKm(f.lon, f.lat, geom, locator(f.county, geom)) : 0;
    const base = {
      file: opts.file,
      row: rows[i],
      field: opts.field,
      value: opts.countyCells?.get(rows[i]) ?? stated.county ?? "",
    };
    if (km > STATED_COUNTY_ERROR_KM) {
      issues.push({
        ...base,
        severity: "error",
        code: "far-from-stated-county",
        message: {
          zh: `“${f.name}”距所填县区 ${named(f.county as string)} 的边界 ${km.toFixed(1)} km（超过 ${STATED_COUNTY_ERROR_KM} km），坐标或县区代码有误`,
          en: `"${f.name}" lies ${km.toFixed(1)} km outside its stated county ${namedEn(f.county as string)} (more than ${STATED_COUNTY_ERROR_KM} km): wrong coordinates or county code`,
        },
      });
      rejected++;
      return;
    }
    if (km > STATED_COUNTY_WARN_KM) {
      // its township or village is not counted as having it, but for review naming the row (the user re-trial: 瓦屋镇
      // had its centre from a row 15.9 km into 南召县), as the unit checks say ({@link outsideStatedRows})
      const unit = f.township !== undefined || f.village !== undefined || opts.namesUnit?.(rows[i]) === true;
      // where it lies instead, when that is one of the loaded counties (the user trial, s50 L2: 「之外 23.4 km」 never
      // said the point was in 唐河县)
      const at = countyAt(f.lon, f.lat);
      const where = at ? { zh: `（坐标在${named(at)}）`, en: ` (the point is in ${namedEn(at)})` } : { zh: "", en: "" };
      issues.push({
        ...base,
        severity: "warning",
        code: "outside-stated-county",
        message: {
          zh: `“${f.name}”位于所填县区 ${named(f.county as string)} 之外 ${km.toFixed(1)} km${where.zh}${OUTSIDE_STATED_TAIL[unit ? "unit" : "plain"].zh}`,
          en: `"${f.name}" lies ${km.toFixed(1)} km outside its stated county ${namedEn(f.county as string)}${where.en}${OUTSIDE_STATED_TAIL[unit ? "unit" : "plain"].en}`,
        },
      });
      f = { ...f, outsideStatedKm: Math.round(km * 10) / 10 };
    } else if (km > 0) {
      // just outside the county it states (in a neighbour, or in none loaded): counted there, as the approximate
      // boundaries miss it, said alike wherever the run's boundaries end (the CLI trial, s54b H3: 徐庄镇卫生院, 0.26 km
      // outside 登封市, was said by `report` to count in no county, in none of 郑州's; a regional `analyze`, which loads
      // the neighbours, said nothing; both counted it in 徐庄镇). In place of the outside-boundaries warning.
      issues.push({
        ...base,
        severity: "note",
        code: "near-stated-county",
        message: {
          zh: `“${f.name}”位于所填县区 ${named(f.county as string)} 的边界之外 ${km.toFixed(1)} km：边界数据为近似，按所填县区计入；请核对坐标`,
          en: `"${f.name}" lies ${km.toFixed(1)} km outside its stated county ${namedEn(f.county as string)}: the boundaries are approximate, so it is counted there; check its coordinates`,
        },
      });
    }
    out.push(f);
    outRows.push(rows[i]);
  });
  return { facilities: out, rows: outRows, issues, rejected };
}

/**
 * The review rows of the facilities kept more than {@link STATED_COUNTY_WARN_KM} km outside their stated county
 * ({@link Facility.outsideStatedKm}, set by {@link checkStatedCounty}) that name a township or village, once their
 * names are matched: reason "outside-stated-county", with the distance. The unit checks count no such facility for its
 * units and name the row instead (THC-PER-TOWNSHIP, VC-PER-VILLAGE), as for a row whose units are another county's.
 * A row already for review elsewhere ({@link Facility.statedElsewhere}) gives none. `rows`: each facility's row.
 */
export function outsideStatedRows(
  facilities: readonly Facility[],
  rows: readonly number[],
  file: string,
): RejectedFacility[] {
  const out: RejectedFacility[] = [];
  facilities.forEach((f, i) => {
    if (f.outsideStatedKm === undefined || f.statedElsewhere || f.proposed) return;
    if (f.township === undefined && f.village === undefined) return;
    out.push({
      file,
      row: rows[i],
      name: f.name,
      type: f.type,
      ...(f.county ? { county: f.county } : { countyFromUnit: true }),
      ...(f.township ? { township: f.township } : {}),
      ...(f.village ? { village: f.village } : {}),
      reason: "outside-stated-county",
      outsideKm: f.outsideStatedKm,
      ...(f.id ? { id: f.id } : {}),
      at: { lon: f.lon, lat: f.lat },
    });
  });
  return out;
}

/**
 * Facilities in none of the loaded counties that state no county (more than 2 km from the nearest, or the nearest's
 * near-boundary rule would have placed them: checks' `placeNearBoundary`) whose township or village is a loaded county's,
 * by its code or by a name matched in the city's list: each is given how far outside that county it lies
 * (`outsideStatedKm`), so that, as a row kept outside its stated county, its units are not counted as having it but
 * are for review naming the row ({@link outsideStatedRows}). The import's outside-boundaries warning says so. (The user
 * trial, s52 #1: 上村乡卫生院, placed in 昆明市东川区, was promised 「所填乡镇…仍按所填计数」 and its township read
 * 「无乡镇卫生院」 as a 违规, naming nothing.) Returns how many were marked.
 */
export function markOutsideUnitCounty(
  facilities: Facility[],
  kmOutside: (lon: number, lat: number, county: string) => number | undefined,
): number {
  let marked = 0;
  for (const f of facilities) {
    if (f.county !== undefined || f.proposed || f.outsideStatedKm !== undefined) continue;
    const unit = f.township ?? f.village;
    if (unit === undefined) continue;
    const km = kmOutside(f.lon, f.lat, unit.slice(0, 6));
    if (km === undefined || !(km > 0)) continue;
    f.outsideStatedKm = Math.round(km * 10) / 10;
    marked++;
  }
  return marked;
}

/** A coordinate to 6 decimals (about 0.1 m), as a message shows it. */
function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
