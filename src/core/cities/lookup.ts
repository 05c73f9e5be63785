import type { ChinaIndex, CityEntry, ProvinceEntry } from "./schema";
import { splitSyllables, syllablesFollow } from "./syllables";

/** Result of resolving what a user typed (`--city 郑州市`, `410100`, `zhengzhou`) to one city. */
export type CityLookup =
  | { ok: true; city: CityEntry }
  | { ok: false; query: string; candidates: CityEntry[]; message: { zh: string; en: string } };

/** What a query is compared by: trimmed, lower case, ü as v, no spaces, apostrophes or hyphens. */
export function normalise(q: string): string {
  return q
    .trim()
    .toLowerCase()
    .replace(/ü/g, "v")
    .replace(/[\s'’-]/g, "");
}

/**
 * Resolves a city by id, 6-digit code (the city's own code, its 4-digit prefix followed by "00", or a
 * municipality's 110000/110100 form), Chinese name (full or short: 郑州市, 郑州) or toneless pinyin
 * (zhengzhou). Ambiguous names (苏州 and 宿州 are both "suzhou") return the candidates instead of guessing.
 */
export function findCity(index: ChinaIndex, query: string): CityLookup {
  const raw = query.trim();
  const q = normalise(raw);
  const pick = (list: CityEntry[]): CityLookup => {
    if (list.length === 1) return { ok: true, city: list[0] };
    if (list.length === 0)
      return {
        ok: false,
        query: raw,
        candidates: [],
        message: { zh: `找不到城市“${raw}”`, en: `no city matches "${raw}"` },
      };
    const names = list.map((c) => `${c.name} (${c.id})`).join(", ");
    return {
      ok: false,
      query: raw,
      candidates: list,
      message: { zh: `“${raw}”对应多个城市：${names}`, en: `"${raw}" matches several cities: ${names}` },
    };
  };
  const byId = index.cities.find((c) => c.id === q);
  if (byId) return { ok: true, city: byId };
  if (/^\d{6}$/.test(q)) {
    const exact = index.cities.filter((c) => c.code === q);
    if (exact.length) return pick(exact);
    if (q.endsWith("00"))
      return pick(index.cities.filter((c) => c.kind !== "province-direct" && c.prefixes.includes(q.slice(0, 4))));
    return pick([]);
  }
  const byName = index.cities.filter((c) => c.name === raw || c.shortName === raw);
  if (byName.length) return pick(byName);
  const byPinyin = index.cities.filter((c) => c.pinyin === q);
  if (byPinyin.length) return pick(byPinyin);
  // the English name where it is not the pinyin (Hohhot, Kashgar, Harbin): `--city hohhot`
  return pick(index.cities.filter((c) => normalise(c.nameEn) === q));
}

/**
 * Cities whose name, short name, pinyin, English name, initials or code start with the text (a picker's search box),
 * exact matches first, then by province and code. Empty text gives every city. The English name finds a city whose
 * name in use is not its pinyin (「hohhot」, 「kashgar」, 「harbin」: the user trial, s49 #8).
 *
 * Pinyin typed in words (spaces or apostrophes between them: "xi an", "xi'an", "nan y", "n y") is matched syllable by
 * syllable from the name's start (syllables.ts syllablesFollow on the pinyin cut by its initials): each word begins a
 * syllable and covers whole syllables except perhaps its last, which it may only begin where what is typed of it is not
 * a syllable itself or the word is the text's last; the next word begins the next syllable. So 「xi an」 finds 西安
 * (xi an) and not 咸阳 (xian yang), which 「xian」 finds with 西安, nor 兴安盟 (xing an: 「xi」 is a syllable typed whole).
 *
 * `planUnits` names the county-level units a city's local plan binds (邢台市: 南宫市, whose plan 002 is): a city is
 * found by them too, after the cities found by their own names (the reviewer trial: 「南宫」 found nothing).
 */
export function searchCities(
  index: ChinaIndex,
  text: string,
  planUnits?: (city: CityEntry) => readonly string[],
): CityEntry[] {
  const q = normalise(text);
  if (q === "") return [...index.cities];
  const words = text
    .trim()
    .toLowerCase()
    .replace(/ü/g, "v")
    .split(/[\s'’]+/)
    .filter(Boolean);
  if (words.length > 1 && words.every((w) => /^[a-z]+$/.test(w))) {
    const found: CityEntry[] = [];
    const exact: CityEntry[] = [];
    for (const c of index.cities) {
      const syllables = splitSyllables(c.pinyin, c.initials);
      if (
        !syllables ||
        !syllablesFollow(
          syllables.map((s) => [s]),
          0,
          words,
        )
      )
        continue;
      (words.join("") === c.pinyin ? exact : found).push(c);
    }
    const byCode = (a: CityEntry, b: CityEntry) => a.code.localeCompare(b.code);
    return [...exact.sort(byCode), ...found.sort(byCode)];
  }
  const score = (c: CityEntry): number => {
    const en = normalise(c.nameEn);
    if (c.name === text.trim() || c.shortName === text.trim() || c.pinyin === q || en === q || c.code === q) return 0;
    if (c.name.startsWith(text.trim()) || c.pinyin.startsWith(q) || c.code.startsWith(q)) return 1;
    // an English prefix ranks with the initials: 「ny」 is 南阳 before Nyingchi
    if (c.initials.startsWith(q) || c.id.startsWith(q) || en.startsWith(q)) return 2;
    if (c.name.includes(text.trim())) return 3;
    const t = text.trim();
    if (planUnits?.(c).some((n) => n === t || n.startsWith(t))) return 4;
    return -1;
  };
  return index.cities
    .map((c) => ({ c, s: score(c) }))
    .filter((x) => x.s >= 0)
    .sort((a, b) => a.s - b.s || a.c.code.localeCompare(b.c.code))
    .map((x) => x.c);
}

/**
 * Resolves a province by 2-digit code, 6-digit code (410000), full or short name, English name or pinyin. The English
 * name is tried before the pinyin: 陕西's pinyin is 山西's (「shanxi」), its English name 「Shaanxi」 its own.
 */
export function findProvince(index: ChinaIndex, query: string): ProvinceEntry | undefined {
  const raw = query.trim();
  const q = normalise(raw);
  return (
    index.provinces.find(
      (p) =>
        p.code === q || `${p.code}0000` === q || p.name === raw || p.shortName === raw || normalise(p.nameEn) === q,
    ) ?? index.provinces.find((p) => p.pinyin === q)
  );
}

/** The cities of each province, provinces in code order and cities in code order within each. */
export function citiesByProvince(index: ChinaIndex): Array<{ province: ProvinceEntry; cities: CityEntry[] }> {
  return [...index.provinces]
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((province) => ({
      province,
      cities: index.cities
        .filter((c) => c.province === province.code)
        .sort((a, b) => a.code.localeCompare(b.code) || a.id.localeCompare(b.id)),
    }))
    .filter((g) => g.cities.length > 0);
}

/** Levenshtein distance counted in characters (code points, not UTF-16 units): 郑洲市 and 郑州市 are one apart. */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    for (let j = 1; j <= y.length; j++)
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[y.length];
}

/** The suffixes a city or province name may be typed with or without (郑州市 / 郑州, 河南省 / 河南). */
const NAME_SUFFIX = /(?:市|地区|自治州|盟|省|自治区|特别行政区)$/;

/** How many near matches {@link nearCities} and {@link nearProvinces} give at most. */
const NEAR_MAX = 5;

/**
 * The entries whose names a mistyped query is nearest to, closest first (ties in the list's order). Chinese text is
 * compared with the names, with and without their suffix, character by character, within one character in two of the
 * shorter and two at most (郑洲市 → 郑州市, 河难 → 河南); Latin text with the pinyin, English name and initials, within
 * one letter in four and two at most (zhengzou → zhengzhou). Anything else (digits) has none.
 */
function nearNames<T>(
  entries: readonly T[],
  query: string,
  names: (e: T) => readonly string[],
  latin: (e: T) => readonly string[],
  max: number,
): T[] {
  const raw = query.trim();
  const q = normalise(raw);
  let forms: string[];
  let targets: (e: T) => readonly string[];
  let limit: (n: number) => number;
  if (/[\u3400-\u9fff]/.test(raw)) {
    forms = [...new Set([raw, raw.replace(NAME_SUFFIX, "")])].filter(Boolean);
    targets = (e) => [...new Set(names(e).flatMap((n) => [n, n.replace(NAME_SUFFIX, "")]))].filter(Boolean);
    limit = (n) => Math.min(2, Math.floor(n / 2));
  } else if (/^[a-z]+$/.test(q)) {
    forms = [q];
    targets = (e) => latin(e).map(normalise);
    limit = (n) => Math.min(2, Math.floor(n / 4));
  } else return [];
  const scored: Array<{ e: T; d: number; i: number }> = [];
  entries.forEach((e, i) => {
    let best = Number.POSITIVE_INFINITY;
    for (const f of forms)
      for (const t of targets(e)) {
        const d = editDistance(f, t);
        if (d <= limit(Math.min([...f].length, [...t].length))) best = Math.min(best, d);
      }
    if (Number.isFinite(best)) scored.push({ e, d: best, i });
  });
  return scored
    .sort((a, b) => a.d - b.d || a.i - b.i)
    .slice(0, max)
    .map((s) => s.e);
}

/**
 * The cities a mistyped name is nearest to, for a name {@link findCity} and {@link searchCities} find nothing for:
 * Chinese within one or two characters of a city's name with or without its suffix (郑洲市 → 郑州市), Latin within a
 * letter or two of its pinyin, English name or initials (zhengzou → 郑州市). Closest first, then by code; at most
 * `max` (5); none when nothing is close.
 */
export function nearCities(index: ChinaIndex, query: string, max = NEAR_MAX): CityEntry[] {
  const order = [...index.cities].sort((a, b) => a.code.localeCompare(b.code) || a.id.localeCompare(b.id));
  return nearNames(
    order,
    query,
    (c) => [c.name, c.shortName],
    (c) => [c.pinyin, c.nameEn, c.initials],
    max,
  );
}

/**
 * The provinces a mistyped name is nearest to, as {@link nearCities} finds cities (河难 → 河南省, hunen → 湖南省):
 * closest first, then by code; at most `max` (5); none when nothing is close.
 */
export function nearProvinces(index: ChinaIndex, query: string, max = NEAR_MAX): ProvinceEntry[] {
  const order = [...index.provinces].sort((a, b) => a.code.localeCompare(b.code));
  return nearNames(
    order,
    query,
    (p) => [p.name, p.shortName],
    (p) => [p.pinyin, p.nameEn],
    max,
  );
}
