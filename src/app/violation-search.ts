import { type PlacedViolationProps, pinyinSyllableCount, syllablesFollow } from "../core";

/** A bracketed plan quote inside a message, e.g. 「（000:310 推动县级人民医院全部晋升三级综合医院）」 or "(000:310: …)". */
const QUOTED_CITATION = /（[^（）]*\d{3}:\d+[^（）]*）|\([^()]*\d{3}:\d+[^()]*\)/g;

/**
 * The words a violation is found by in the list's search box: what the row is about, not what its rule says in
 * general. The rule's code; the county (its Chinese name, its English name when known, and `countyNames`: every name
 * the app finds it by, in either interface language, see county-names.ts's countySearchNames); the facility, township and village; and the item's own message without any plan text it quotes. The rule's
 * description and citation are left out: they list every kind the rule covers (「每县办好综合、中医、妇幼各 1 所公立医院」),
 * so 「妇幼」 would find 「缺公立中医医院」; the rule filter picks a rule by its name.
 */
export function violationSearchText(p: PlacedViolationProps, countyNames: string): string {
  return [
    p.rule,
    p.countyName,
    p.countyNameEn ?? "",
    countyNames,
    p.facilityName ?? "",
    p.unitName ?? "",
    p.townshipName ?? "",
    p.messageZh.replace(QUOTED_CITATION, ""),
    p.messageEn.replace(QUOTED_CITATION, ""),
  ]
    .join("\n")
    .toLowerCase();
}

/**
 * A name's pinyin as the search matches it (made by pinyin.ts, which loads pinyin-pro): `joined`, the syllables pinyin-pro
 * reads, toneless, ü as v, without spaces ("zheshanzhen"); `readings`, each character's possible readings, the one
 * read first (a non-Chinese character is itself, lower case).
 */
export interface NamePinyin {
  joined: string;
  readings: string[][];
}

/**
 * A typed word as the pinyin it means: lower case, without tone marks or tone numbers, ü (or u:) as v: 「Zhèshān」,
 * 「zhe4shan1」 → "zheshan", 「Lǚ」 → "lv".
 */
export function tonelessPinyin(word: string): string {
  return word
    .toLowerCase()
    .normalize("NFD")
    .replace(/u\u0308|u:/g, "v")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/([a-z])[1-5]/g, "$1");
}

/**
 * Whether a typed word (already toneless, see {@link tonelessPinyin}) is found in a name's pinyin: anywhere in the
 * joined reading, or from the start of a character with any of each character's readings (so 单 found as "shan",
 * 堡 as "pu"), the last syllable typed perhaps in part ("zheshanzh").
 */
export function pinyinIncludes(name: NamePinyin, word: string): boolean {
  if (word === "") return true;
  if (name.joined.includes(word)) return true;
  const { readings } = name;
  const from = (i: number, at: number): boolean => {
    if (at === word.length) return true;
    if (i === readings.length) return false;
    const rest = word.slice(at);
    for (const r of readings[i]) {
      if (r.startsWith(rest)) return true;
      if (rest.startsWith(r) && from(i + 1, at + r.length)) return true;
    }
    return false;
  };
  for (let i = 0; i < readings.length; i++) if (from(i, 0)) return true;
  return false;
}

/** The names of a violation searched by pinyin: its county, facility, township and village. */
function pinyinNames(p: PlacedViolationProps): string[] {
  return [p.countyName, p.facilityName, p.unitName, p.townshipName].filter((n): n is string => !!n);
}

/** Where `word` (lower case) stands in `text` as a word of its own: no letter or digit either side. */
function wholeWordIn(text: string, word: string): boolean {
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    const before = text[at - 1] ?? " ";
    const after = text[at + word.length] ?? " ";
    if (!/[a-z0-9]/.test(before) && !/[a-z0-9]/.test(after)) return true;
  }
  return false;
}

/**
 * Whether a violation matches the search box's text (trimmed, case-insensitive; every space-separated word). With
 * `pinyinOf` (pinyin.ts's namePinyin, loaded when the box holds Latin letters) a word is also found in the pinyin of
 * the county, facility, township and village names, with or without tones and spaces: 「zheshan」, 「Zheshan Zhen」,
 * 「zhè shān」 find 遮山镇's rows.
 *
 * Syllables typed with spaces are found together, in order: words that read as pinyin (core's pinyinSyllableCount:
 * "zhe", "shan", "zh", "xixia"; not "ems", "county", "sub-15km", Chinese) typed next to one another must be found as
 * consecutive syllables of one name (core's syllablesFollow: each word begins a syllable and covers whole syllables
 * except perhaps its last, which it may only begin, where what is typed of it is not a whole syllable or the word is
 * the text's last; the next word begins at the next character), so 「zhe shan」 finds 遮山镇 and not a row with a 镇 in
 * one name and a 山 in another, 「zh sh」 and 「zhe s」 find it too, and 「xi xia」 finds 西峡县's rows only (not 内乡县,
 * nei xiang xian). A word of two syllables or more ("zheshan", "xixia") or a whole word of the row's text as
 * written ("Zhenping" in an English name) may also be found on its own, so 「zhenping zheshan」 finds 遮山镇 in 镇平县.
 * Any other word is found on its own, as before: in the row's text as written, or a Latin one in the names' pinyin.
 */
export function matchesViolationSearch(
  p: PlacedViolationProps,
  countyNames: string,
  query: string,
  pinyinOf?: (name: string) => NamePinyin,
): boolean {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const text = violationSearchText(p, countyNames);
  const names = pinyinOf ? pinyinNames(p).map(pinyinOf) : [];
  const toneless = words.map(tonelessPinyin);
  const syllables = toneless.map(pinyinSyllableCount);
  const alone = (i: number): boolean => {
    const w = words[i];
    if (text.includes(w)) return true;
    if (!/[a-zü]/.test(w)) return false;
    return names.some((n) => pinyinIncludes(n, toneless[i]));
  };
  // words i..j-1 (pinyin, two or more) one after another: as a phrase in the text, or syllable by syllable in a name
  const together = (i: number, j: number): boolean => {
    if (text.includes(words.slice(i, j).join(" "))) return true;
    const run = toneless.slice(i, j);
    const open = j === words.length;
    return names.some((n) => n.readings.some((_, start) => syllablesFollow(n.readings, start, run, open)));
  };
  // a run of pinyin words (i..end-1) found: cut into words found on their own and groups found together
  const runFound = (i: number, end: number): boolean => {
    if (end - i === 1) return alone(i);
    const ok: boolean[] = [];
    ok[end] = true;
    for (let k = end - 1; k >= i; k--) {
      ok[k] = (syllables[k] >= 2 ? alone(k) : wholeWordIn(text, words[k])) && ok[k + 1];
      for (let m = k + 2; !ok[k] && m <= end; m++) ok[k] = ok[m] && together(k, m);
    }
    return ok[i];
  };
  for (let i = 0; i < words.length; ) {
    if (syllables[i] === 0) {
      if (!alone(i)) return false;
      i++;
      continue;
    }
    let end = i + 1;
    while (end < words.length && syllables[end] > 0) end++;
    if (!runFound(i, end)) return false;
    i = end;
  }
  return true;
}
