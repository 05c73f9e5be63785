import type { LocalizedText } from "../model";
import { type CityLookup, findCity, nearCities, nearProvinces, normalise, searchCities } from "./lookup";
import type { ChinaIndex, CityEntry, ProvinceEntry } from "./schema";

/** How many near matches an unknown city name is answered with. */
const SUGGESTIONS = 8;

/**
 * Like {@link findCity}, but a name that matches no city comes back with its near matches as candidates (names,
 * pinyin or codes starting with the text, as the app's picker finds them; else the names a typo away from it, as
 * {@link nearCities} finds them: 郑洲市 and zhengzou → 郑州市), so that the message can list them.
 */
export function lookupCity(index: ChinaIndex, query: string): CityLookup {
  const found = findCity(index, query);
  if (found.ok || found.candidates.length > 0) return found;
  let near = searchCities(index, query).slice(0, SUGGESTIONS);
  // a mistyped name (郑洲市, zhengzou) starts no city's name: the names nearest it
  if (near.length === 0) near = nearCities(index, query);
  if (near.length === 0) return found;
  // each half in its language: the English one names the cities in English (Zhengzhou (zhengzhou))
  const names = near.map((c) => `${c.name} (${c.id})`).join(", ");
  const namesEn = near.map((c) => `${c.nameEn} (${c.id})`).join(", ");
  return {
    ...found,
    candidates: near,
    message: {
      zh: `找不到城市“${found.query}”；相近的有：${names}`,
      en: `no city matches "${found.query}"; close matches: ${namesEn}`,
    },
  };
}

/** Result of resolving a province name or code: the province, or the candidates with a message saying why not. */
export type ProvinceLookup =
  | { ok: true; province: ProvinceEntry }
  | { ok: false; query: string; candidates: ProvinceEntry[]; message: LocalizedText };

/**
 * Official romanisations that toneless pinyin cannot give: 陕西 is written Shaanxi to tell it from 山西 (Shanxi),
 * whose toneless pinyin it shares.
 */
const PROVINCE_ALIASES: Readonly<Record<string, string>> = { shaanxi: "61" };

/**
 * Resolves a province by 2-digit code (41), 6-digit code (410000), full or short name (河南省, 河南), toneless pinyin
 * (henan) or English name. A query several provinces answer to (shanxi: 山西 and 陕西) returns them as candidates
 * instead of guessing; a query none answers to returns the provinces whose names or pinyin start with it, else those a
 * typo away from it ({@link nearProvinces}: 河难 → 河北省, 河南省).
 */
export function lookupProvince(index: ChinaIndex, query: string): ProvinceLookup {
  const raw = query.trim();
  const q = normalise(raw);
  const alias = PROVINCE_ALIASES[q];
  const matches = index.provinces.filter(
    (p) =>
      p.code === q ||
      `${p.code}0000` === q ||
      p.name === raw ||
      p.shortName === raw ||
      p.pinyin === q ||
      normalise(p.nameEn) === q ||
      p.code === alias,
  );
  const byCode = alias ? matches.filter((p) => p.code === alias) : matches;
  if (byCode.length === 1) return { ok: true, province: byCode[0] };
  const list = (ps: ProvinceEntry[]) => ps.map((p) => `${p.name} (${p.code})`).join(", ");
  if (matches.length > 1)
    return {
      ok: false,
      query: raw,
      candidates: matches,
      message: {
        zh: `“${raw}”对应多个省级单位：${list(matches)}`,
        en: `"${raw}" matches several provinces: ${list(matches)}`,
      },
    };
  let near = q
    ? index.provinces.filter((p) => p.name.startsWith(raw) || p.pinyin.startsWith(q) || p.code.startsWith(q))
    : [];
  // a mistyped name (河难) starts no province's name: the names nearest it
  if (near.length === 0 && q) near = nearProvinces(index, raw);
  return {
    ok: false,
    query: raw,
    candidates: near,
    message: near.length
      ? {
          zh: `找不到省级单位“${raw}”；相近的有：${list(near)}`,
          en: `no province matches "${raw}"; close: ${near.map((p) => `${p.nameEn} (${p.code})`).join(", ")}`,
        }
      : { zh: `找不到省级单位“${raw}”`, en: `no province matches "${raw}"` },
  };
}

/**
 * Whether a local plan is loaded for the city (the four plan cities, whose index entries name their plan). A city
 * without one is judged by the national-standard rules the plans share (seeds/ruleset-national.json).
 */
export function hasLocalPlan(city: Pick<CityEntry, "plan">): boolean {
  return city.plan !== undefined;
}

/**
 * What a city's local plan binds: nothing (no plan loaded), the whole city, or only some of its county-level units
 * (002 is 南宫市's plan: in 邢台市 it binds 南宫市 alone, and the analysis judges only that unit by it). `scope` is
 * the scope of the plan city's own rule set.
 */
export type LocalPlanReach =
  | { kind: "none" }
  | { kind: "city" }
  | { kind: "counties"; codes: string[]; names: string[] };

/** What the city's own plan binds, from the scope of the plan city's rule set (see {@link LocalPlanReach}). */
export function localPlanReach(
  city: Pick<CityEntry, "plan">,
  scope: { city: string; counties?: string[]; countyNames?: string[] } | undefined,
): LocalPlanReach {
  if (city.plan === undefined || !scope || scope.city !== city.plan) return { kind: "none" };
  if (!scope.counties) return { kind: "city" };
  return { kind: "counties", codes: scope.counties, names: scope.countyNames ?? scope.counties };
}

/** The order a run takes its cities in: by code, then id (a municipality's 110000 before its province's cities). */
export function runOrder(cities: readonly CityEntry[]): CityEntry[] {
  return [...cities].sort((a, b) => a.code.localeCompare(b.code) || a.id.localeCompare(b.id));
}

/**
 * Relative cost of analysing a city, to balance shards: its area (the coverage grids, km²) plus a term for its
 * villages (the one-per-unit checks and their violations) and a fixed term per county-level unit. Only the ratios
 * matter; every shard computes the same costs from the index, so shards agree on the cut without talking.
 */
export function cityCost(city: Pick<CityEntry, "areaKm2" | "villages" | "townships" | "counties">): number {
  return city.areaKm2 + COST_PER_VILLAGE_KM2 * city.villages + COST_PER_COUNTY_KM2 * city.counties;
}

/** A village's weight in {@link cityCost}, in km² of grid (a chosen weight, not a fitted one). */
export const COST_PER_VILLAGE_KM2 = 1;
/** A county-level unit's fixed weight in {@link cityCost}, in km² of grid (a chosen weight, not a fitted one). */
export const COST_PER_COUNTY_KM2 = 0;

/**
 * The items of a run that shard `shard` of `of` (1-based) takes: a contiguous range [start, end) of the run order,
 * so that the shards' outputs, concatenated in shard order, are the single run's. Item j goes to the shard its cost's
 * midpoint falls in when the total cost is cut into `of` equal parts; every shard computes the same cut from the same
 * costs, with no state shared. A shard may be empty when one item outweighs a share.
 */
export function shardRange(costs: readonly number[], shard: number, of: number): { start: number; end: number } {
  if (!Number.isInteger(of) || of < 1) throw new RangeError(`shard count must be a positive integer, got ${of}`);
  if (!Number.isInteger(shard) || shard < 1 || shard > of)
    throw new RangeError(`shard must be an integer in [1, ${of}], got ${shard}`);
  for (const c of costs)
    if (!Number.isFinite(c) || c <= 0) throw new RangeError(`costs must be positive numbers, got ${c}`);
  const total = costs.reduce((s, c) => s + c, 0);
  let before = 0;
  let start = costs.length;
  let end = costs.length;
  for (let j = 0; j < costs.length; j++) {
    const mid = before + costs[j] / 2;
    const k = Math.min(of, Math.floor((of * mid) / total) + 1);
    if (k === shard && start === costs.length) start = j;
    if (k > shard) {
      end = j;
      break;
    }
    before += costs[j];
  }
  if (start > end) start = end;
  return { start, end };
}
