import type { MultiPolygon, Polygon } from "geojson";
import { geodesicDistanceKm, geodesicWithinKm } from "../geo";
import type { CountyProps, Facility, LocalizedText } from "../model";
import { geodesicCircle, pointInPolygon } from "./helpers";
import type { Divisions, UrbanAreaFeature, UrbanDefinition } from "./types";

type CountyFeatureLike = { geometry: Polygon | MultiPolygon; properties: CountyProps };

/** One seat's built-up disc: the central city's (a district seat of the main group) or a county seat's. */
export interface UrbanSeat {
  county: string;
  name: string;
  lon: number;
  lat: number;
  radiusKm: number;
  role: "central-city" | "county-seat";
}

/**
 * The seats whose discs make the default urban area. District seats whose central-city discs overlap (within two
 * radii of each other) form groups; the largest group is the prefecture's central city (中心城区) and its seats get
 * the central-city radius. Every other seat — counties, county-level cities, and detached districts such as a
 * mining district or a former county (平顶山 石龙区 lies 41 km from the others) — gets the county-seat radius.
 * Ties go to the group holding the first district in input order.
 */
export function urbanSeats(counties: readonly CountyFeatureLike[], urban: UrbanDefinition): UrbanSeat[] {
  const key = `${urban.centralCityRadiusKm}|${urban.countySeatRadiusKm}`;
  const cached = seatCache.get(counties);
  if (cached?.key === key) return cached.seats;
  const seats = computeSeats(counties, urban);
  seatCache.set(counties, { key, seats });
  return seats;
}

const seatCache = new WeakMap<readonly CountyFeatureLike[], { key: string; seats: UrbanSeat[] }>();

function computeSeats(counties: readonly CountyFeatureLike[], urban: UrbanDefinition): UrbanSeat[] {
  const districts = counties.filter((c) => c.properties.kind === "district");
  const parent = districts.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  const link = 2 * urban.centralCityRadiusKm;
  for (let i = 0; i < districts.length; i++)
    for (let j = i + 1; j < districts.length; j++) {
      const [a, b] = [districts[i].properties.seat, districts[j].properties.seat];
      if (geodesicDistanceKm(a[0], a[1], b[0], b[1]) <= link) parent[find(j)] = find(i);
    }
  const size = new Map<number, number>();
  for (let i = 0; i < districts.length; i++) size.set(find(i), (size.get(find(i)) ?? 0) + 1);
  let main = -1;
  districts.forEach((_, i) => {
    const r = find(i);
    if (main < 0 || (size.get(r) ?? 0) > (size.get(main) ?? 0)) main = r;
  });
  const central = new Set(districts.filter((_, i) => find(i) === main).map((d) => d.properties.code));
  return counties.map((c) => {
    const p = c.properties;
    const isCentral = central.has(p.code);
    return {
      county: p.code,
      name: p.name,
      lon: p.seat[0],
      lat: p.seat[1],
      radiusKm: isCentral ? urban.centralCityRadiusKm : urban.countySeatRadiusKm,
      role: isCentral ? "central-city" : "county-seat",
    };
  });
}

/** The urban-area parts as display features: the user's polygons when given, else the seat discs. */
export function urbanAreaFeatures(counties: readonly CountyFeatureLike[], urban: UrbanDefinition): UrbanAreaFeature[] {
  if (urban.polygons && urban.polygons.length > 0)
    return urban.polygons.map((g) => ({ type: "Feature", geometry: g, properties: { county: "", source: "user" } }));
  return urbanSeats(counties, urban)
    .filter((s) => s.radiusKm > 0)
    .map((s) => ({
      type: "Feature",
      geometry: geodesicCircle(s.lon, s.lat, s.radiusKm),
      properties: { county: s.county, source: s.role, radiusKm: s.radiusKm },
    }));
}

/**
 * Whether a point lies in the urban area by position: inside a user polygon when polygons are given (they replace
 * the discs), else within a seat's disc (geodesic, inclusive). `countyOfPoint` is kept for callers that know it.
 */
export function isUrbanPoint(
  lon: number,
  lat: number,
  _countyOfPoint: CountyProps | undefined,
  counties: readonly CountyFeatureLike[],
  urban: UrbanDefinition,
): boolean {
  if (urban.polygons && urban.polygons.length > 0) return urban.polygons.some((g) => pointInPolygon(lon, lat, g));
  return urbanSeats(counties, urban).some(
    (s) => s.radiusKm > 0 && geodesicWithinKm(lon, lat, s.lon, s.lat, s.radiusKm),
  );
}

/** Kinds of township and village codes, from the division lists (or the national code ranges where absent). */
export interface DivisionKinds {
  township(code: string): "镇" | "乡" | "街道" | "other" | undefined;
  village(code: string): "village" | "community" | undefined;
}

/**
 * Kinds of codes from the division lists; a code missing from them is read by the national code ranges of the
 * statistical division codes (统计用区划代码: township digits 7–9 001–099 街道, 100–199 镇, 200–399 乡; village
 * digits 10–12 001–199 居委会, 200–399 村委会).
 */
export function divisionKinds(divisions?: Divisions): DivisionKinds {
  const towns = new Map<string, "镇" | "乡" | "街道" | "other">();
  const villages = new Map<string, "village" | "community">();
  for (const c of divisions?.counties ?? [])
    for (const t of c.townships) {
      towns.set(t.code, t.kind);
      for (const v of t.villages) villages.set(v.code, v.kind);
    }
  return {
    township(code) {
      const k = towns.get(code);
      if (k) return k;
      if (!/^\d{9}$/.test(code)) return undefined;
      const n = Number(code.slice(6));
      return n >= 1 && n <= 99 ? "街道" : n >= 100 && n <= 199 ? "镇" : n >= 200 && n <= 399 ? "乡" : "other";
    },
    village(code) {
      const k = villages.get(code);
      if (k) return k;
      if (!/^\d{12}$/.test(code)) return undefined;
      const n = Number(code.slice(9));
      return n >= 200 && n <= 399 ? "village" : "community";
    },
  };
}

/**
 * Urban or rural by the facility's codes, where they decide: a 村委会 (administrative village) code → rural; a
 * 街道 township code → urban; a 乡 code → rural. A 居委会 (community) or 镇 code does not decide (a 镇 may hold the
 * county seat, 城关镇, and a community may be a town centre away from any seat): the position does. The village code
 * is the more specific and is read first. Undefined: the codes do not decide.
 */
export function urbanByCode(f: Pick<Facility, "township" | "village">, kinds: DivisionKinds): boolean | undefined {
  if (f.village && kinds.village(f.village) === "village") return false;
  if (f.township) {
    const k = kinds.township(f.township);
    if (k === "街道") return true;
    if (k === "乡") return false;
  }
  return undefined;
}

/** Human-readable statement of the urban definition in force, with the sizes and where they come from. */
export function describeUrban(urban: UrbanDefinition): LocalizedText {
  const codes = {
    zh: "；带区划代码的设施：街道 → 城区，乡、村委会 → 农村（镇、居委会按位置）",
    en: "; facilities with division codes: streets (街道) → urban, townships (乡) and villagers' committees (村委会) → rural, towns (镇) and residents' committees (居委会) by position",
  };
  const n = urban.polygons?.length ?? 0;
  if (n > 0) {
    const src = urban.polygonsSource ? `（${urban.polygonsSource}）` : "";
    const srcEn = urban.polygonsSource ? ` (${urban.polygonsSource})` : "";
    return {
      zh: `城区 = 用户导入的 ${n} 个城区多边形${src}，替代默认的建成区圆${codes.zh}`,
      en: `Urban area = ${n} imported urban polygon${n > 1 ? "s" : ""}${srcEn}, replacing the default built-up discs${codes.en}`,
    };
  }
  if (urban.centralCityRadiusKm <= 0 && urban.countySeatRadiusKm <= 0)
    return { zh: "未定义城区（全部按农村计）", en: "No urban area defined (everything counts as rural)" };
  return {
    zh: `城区 = 建成区近似：中心城区各区政府驻地周围 ${urban.centralCityRadiusKm} km，其他区和各县（市）政府驻地周围 ${urban.countySeatRadiusKm} km（统计上划分城乡的规定：与驻地连接的建成区）${codes.zh}`,
    en: `Urban area = built-up discs: ${urban.centralCityRadiusKm} km around the central city's district seats, ${urban.countySeatRadiusKm} km around every other district and county seat (the statistical urban–rural division: built-up area connected to the seat)${codes.en}`,
  };
}
