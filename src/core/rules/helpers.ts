import type { MultiPolygon, Polygon } from "geojson";
import type { CountyProps, Facility, HospitalKind } from "../model";

export { gradeRank } from "../model";

/** [minLon, minLat, maxLon, maxLat] in degrees. */
export type BBox = [number, number, number, number];

/** Whether two boxes meet (touching counts). */
export function boxesMeet(a: BBox, b: BBox): boolean {
  return a[0] <= b[2] && a[2] >= b[0] && a[1] <= b[3] && a[3] >= b[1];
}

export function bboxOf(geom: Polygon | MultiPolygon): BBox {
  const b: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  const polys = geom.type === "Polygon" ? [geom.coordinates] : geom.coordinates;
  for (const poly of polys) {
    const ring = poly[0];
    for (let k = 0; k < ring.length; k++) {
      const x = ring[k][0];
      const y = ring[k][1];
      if (x < b[0]) b[0] = x;
      if (y < b[1]) b[1] = y;
      if (x > b[2]) b[2] = x;
      if (y > b[3]) b[3] = y;
    }
  }
  return b;
}

export { geodesicCircle, pointInPolygon } from "../geo";

/** Expands a bbox by `km` kilometres (conservative in longitude). */
export function expandBBox(b: BBox, km: number): BBox {
  const dLat = km / 110.5;
  const maxAbsLat = Math.min(89, Math.max(Math.abs(b[1]), Math.abs(b[3])) + dLat);
  const dLon = km / (111.32 * Math.cos((maxAbsLat * Math.PI) / 180));
  return [b[0] - dLon, b[1] - dLat, b[2] + dLon, b[3] + dLat];
}

export function inBBox(lon: number, lat: number, b: BBox): boolean {
  return lon >= b[0] && lon <= b[2] && lat >= b[1] && lat <= b[3];
}

/** Private facilities are exempt from quota and layout limits (000:337, 004:500). */
export function isPublic(f: Facility): boolean {
  return f.ownership !== "private";
}

/** Hospital kind from the attribute, else guessed from the name (中医 / 妇幼 / 人民医院 or 综合). */
/**
 * In a district, a hospital named for a city (「宜春市中医院」, 「南阳市第一人民医院」, 「市妇幼保健院」) is the city's, not
 * the district's own (004:444 「县办」; 003:143's 11 county medical centres are the counties'): the reviewer trial found
 * 袁州区 passing on one, the audit (s50 M-1) 宛城区's sub-centres measured from one.
 */
export function cityRunInDistrict(county: Pick<CountyProps, "kind" | "name">, name: string): boolean {
  return county.kind === "district" && !name.startsWith(county.name) && /^([\u4e00-\u9fff]{1,6}市|市)/.test(name);
}

export function hospitalKindOf(f: Facility): HospitalKind | undefined {
  if (f.type === "county-medical-centre") return f.hospitalKind ?? "general";
  if (f.type !== "hospital") return undefined;
  if (f.hospitalKind) return f.hospitalKind;
  if (/中医|中西医/.test(f.name)) return "tcm";
  if (/妇幼|妇女儿童/.test(f.name)) return "maternal-child";
  if (/人民医院|综合医院|中心医院/.test(f.name)) return "general";
  return undefined;
}

/** Formats a distance in km with one decimal, or more when rounding would hide which side of `limitKm` it lies. */
export function fmtKm(d: number, limitKm?: number): string {
  for (const digits of [1, 2, 3, 4]) {
    const s = d.toFixed(digits);
    if (limitKm === undefined || Number(s) !== limitKm || d === limitKm) return s;
  }
  return d.toFixed(6);
}

/**
 * Formats a share in [0, 1] as a percentage with one decimal; a share short of 1 never reads 100.0% (it reads
 * 99.9%) and a positive share never reads 0.0%.
 */
export function fmtPct(share: number): string {
  let pct = Math.round(share * 1000) / 10;
  if (share < 1 && pct >= 100) pct = 99.9;
  if (share > 0 && pct <= 0) pct = 0.1;
  return `${pct.toFixed(1)}%`;
}

/** Formats an area in km² with one decimal; a positive area never reads 0.0. */
export function fmtKm2(a: number): string {
  return a > 0 && a < 0.05 ? "0.1" : a.toFixed(1);
}

/**
 * Formats a ratio with two decimals on the same side of `target` as its verdict: a failing 7.698 against a target of
 * 7.7 reads 7.69, not 7.70 (and a passing one never reads below the target).
 */
export function fmtRatio(ratio: number, target: number, passes: boolean): string {
  const plain = Math.round(ratio * 100) / 100;
  if (!passes && plain >= target) return (Math.floor(ratio * 100 + 1e-9) / 100).toFixed(2);
  if (passes && plain < target) return (Math.ceil(ratio * 100 - 1e-9) / 100).toFixed(2);
  return plain.toFixed(2);
}
