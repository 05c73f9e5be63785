import Flatbush from "flatbush";
import type { FacilityType } from "../model";
import type { Road } from "../travel/types";
import { fromWgs84 } from "./crs";
import type { RowIssue } from "./types";

/** Median distances (metres) from the facilities to the nearest road, with the roads as read and converted. */
export interface RoadDatumFit {
  /** Facilities measured (EMS points and hospitals near the roads; all facilities there when too few). */
  points: number;
  /** Whether the facilities measured are EMS points and hospitals (false: every type, too few of those). */
  emsAndHospitals: boolean;
  /** Median distance with the roads read as WGS84. */
  wgs84M: number;
  /** Median distance with the roads converted from GCJ-02 to WGS84. */
  gcj02M: number;
  /** Median distance with the roads converted from BD-09 to WGS84. */
  bd09M: number;
  /** Share of the facilities nearer to the roads under the better conversion than as read. */
  nearerShare: number;
  /** The datum the roads seem to be in, when the fit is much better converted from it (see {@link roadDatumFit}). */
  datum: "gcj02" | "bd09" | null;
}

/** Types measured first: EMS points and hospitals are on roads an ambulance uses. */
const ON_ROADS: ReadonlySet<FacilityType> = new Set(["ems-centre", "ems-dispatch", "ems-station", "hospital"]);

/** Fewer facilities than this say nothing about the datum. */
const MIN_POINTS = 10;

function median(v: number[]): number {
  if (v.length === 0) return Number.NaN;
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Whether a road layer read as WGS84 lies where the facilities say it does, or where it would if it were in GCJ-02
 * or BD-09: the median distance from the facilities (EMS points and hospitals, which sit on roads; every facility when
 * fewer than 10 of those lie among the roads) to the nearest road segment, with the roads as read and converted from
 * each datum. A road layer from Amap or Baidu read as WGS84 is shifted 100–700 m (1–1.5 km for BD-09): facilities
 * from a WGS84 list then sit systematically off it, and the times and verdicts move (the trial: 汝州市 27.8 → 31.9
 * min). Rather than convert every road, each facility is moved into the datum instead (the shift is locally a
 * translation). `datum` is set only when the fit is large and consistent: at least 10 facilities, the converted
 * median at most half the median as read and at least 80 m less, and at least 70 % of the facilities nearer.
 * Facilities more than 3 km from every road are left out (the roads do not reach them).
 */
export function roadDatumFit(
  roads: ReadonlyArray<Road>,
  facilities: ReadonlyArray<{ type: FacilityType; lon: number; lat: number }>,
): RoadDatumFit | null {
  let nSeg = 0;
  for (const r of roads) nSeg += Math.max(0, (r.coords.length >> 1) - 1);
  if (nSeg === 0) return null;
  // a local plane: metres east and north of the roads' first vertex
  const lon0 = roads[0].coords[0];
  const lat0 = roads[0].coords[1];
  const kx = 111_320 * Math.cos((lat0 * Math.PI) / 180);
  const ky = 110_540;
  const px = (lon: number) => (lon - lon0) * kx;
  const py = (lat: number) => (lat - lat0) * ky;
  const x1 = new Float64Array(nSeg);
  const y1 = new Float64Array(nSeg);
  const x2 = new Float64Array(nSeg);
  const y2 = new Float64Array(nSeg);
  const index = new Flatbush(nSeg);
  let k = 0;
  for (const r of roads) {
    const c = r.coords;
    for (let i = 0; i + 3 < c.length; i += 2) {
      x1[k] = px(c[i]);
      y1[k] = py(c[i + 1]);
      x2[k] = px(c[i + 2]);
      y2[k] = py(c[i + 3]);
      index.add(Math.min(x1[k], x2[k]), Math.min(y1[k], y2[k]), Math.max(x1[k], x2[k]), Math.max(y1[k], y2[k]));
      k++;
    }
  }
  index.finish();
  const segDist = (s: number, x: number, y: number) => {
    const dx = x2[s] - x1[s];
    const dy = y2[s] - y1[s];
    const l2 = dx * dx + dy * dy;
    const t = l2 > 0 ? Math.max(0, Math.min(1, ((x - x1[s]) * dx + (y - y1[s]) * dy) / l2)) : 0;
    return Math.hypot(x - x1[s] - t * dx, y - y1[s] - t * dy);
  };
  const nearest = (lon: number, lat: number) => {
    const x = px(lon);
    const y = py(lat);
    let best = Infinity;
    // the boxes nearest by box distance; a segment's box is never farther than the segment
    for (const s of index.neighbors(x, y, 16, 5000)) best = Math.min(best, segDist(s, x, y));
    return best;
  };
  const MAX_M = 3000;
  const measure = (list: ReadonlyArray<{ lon: number; lat: number }>) => {
    const out: Array<[number, number, number]> = [];
    for (const f of list) {
      if (!Number.isFinite(f.lon) || !Number.isFinite(f.lat)) continue;
      const w = nearest(f.lon, f.lat);
      const [gx, gy] = fromWgs84(f.lon, f.lat, "gcj02");
      const g = nearest(gx, gy);
      const [bx, by] = fromWgs84(f.lon, f.lat, "bd09");
      const b = nearest(bx, by);
      if (Math.min(w, g, b) > MAX_M) continue;
      out.push([w, g, b]);
      if (out.length >= 3000) break;
    }
    return out;
  };
  let d = measure(facilities.filter((f) => ON_ROADS.has(f.type)));
  const emsAndHospitals = d.length >= MIN_POINTS;
  if (!emsAndHospitals) d = measure(facilities);
  if (d.length === 0) return null;
  const wgs84M = median(d.map((x) => x[0]));
  const gcj02M = median(d.map((x) => x[1]));
  const bd09M = median(d.map((x) => x[2]));
  const alt = gcj02M <= bd09M ? 1 : 2;
  const altM = alt === 1 ? gcj02M : bd09M;
  const nearerShare = d.filter((x) => x[alt] < x[0]).length / d.length;
  const datum =
    d.length >= MIN_POINTS && altM <= wgs84M / 2 && wgs84M - altM >= 80 && nearerShare >= 0.7
      ? alt === 1
        ? "gcj02"
        : "bd09"
      : null;
  return { points: d.length, emsAndHospitals, wgs84M, gcj02M, bd09M, nearerShare, datum };
}

/**
 * The warning for a road layer that seems to be in GCJ-02 or BD-09 though read as WGS84 ({@link roadDatumFit}), naming
 * the file and the figures; its `value` is the datum (the app offers to read the file again in it). Null when the fit
 * does not say so.
 */
export function roadDatumIssue(file: string, fit: RoadDatumFit | null): RowIssue | null {
  if (!fit?.datum) return null;
  const m = (v: number) => `${Math.round(v)}`;
  const conv = fit.datum === "gcj02" ? fit.gcj02M : fit.bd09M;
  const label = fit.datum === "gcj02" ? "GCJ-02（高德/腾讯）" : "BD-09（百度）";
  const labelEn = fit.datum === "gcj02" ? "GCJ-02 (Amap, Tencent)" : "BD-09 (Baidu)";
  const pct = Math.round(100 * fit.nearerShare);
  const what = fit.emsAndHospitals
    ? { zh: "所急救站点和医院", en: "EMS points and hospitals" }
    : { zh: "所设施", en: "facilities" };
  return {
    file,
    row: 0,
    field: "",
    value: fit.datum,
    severity: "warning",
    code: fit.datum === "gcj02" ? "roads-maybe-gcj02" : "roads-maybe-bd09",
    message: {
      zh: `${file}：路网坐标似为 ${label}，但按 WGS84 读取：${fit.points} ${what.zh}到最近道路的距离中位数按 WGS84 为 ${m(fit.wgs84M)} 米，按 ${fit.datum.toUpperCase()} 换算后为 ${m(conv)} 米（${pct}% 的设施更近）；如属实请按 ${fit.datum.toUpperCase()} 读取路网（命令行：--roads-crs ${fit.datum}），否则行车时间和结论会偏`,
      en: `${file}: the roads seem to be in ${labelEn} but were read as WGS84: the median distance from ${fit.points} ${what.en} to the nearest road is ${m(fit.wgs84M)} m as read and ${m(conv)} m converted from ${fit.datum.toUpperCase()} (${pct}% of them nearer); if so, read the roads as ${fit.datum.toUpperCase()} (command line: --roads-crs ${fit.datum}), or travel times and verdicts are off`,
    },
  };
}
