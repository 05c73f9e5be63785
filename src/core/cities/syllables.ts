/**
 * Toneless pinyin syllables (ü written v) and the search over them shared by the city picker (lookup.ts searchCities)
 * and the app's violation search: what a typed word is read as, and syllables typed with spaces found in order.
 */

/** Finals each initial takes (toneless; ü as v after n and l). The zero-initial syllables are listed under "". */
const FINALS: Record<string, string> = {
  "": "a ai an ang ao e ei en eng er o ou",
  b: "a ai an ang ao ei en eng i ian iao ie in ing o u",
  p: "a ai an ang ao ei en eng i ian iao ie in ing o ou u",
  m: "a ai an ang ao e ei en eng i ian iao ie in ing iu o ou u",
  f: "a an ang ei en eng iao o ou u",
  d: "a ai an ang ao e ei en eng i ia ian iao ie ing iu ong ou u uan ui un uo",
  t: "a ai an ang ao e ei eng i ian iao ie ing ong ou u uan ui un uo",
  n: "a ai an ang ao e ei en eng i ian iang iao ie in ing iu ong ou u uan un uo v ve ue",
  l: "a ai an ang ao e ei eng i ia ian iang iao ie in ing iu o ong ou u uan un uo v ve ue",
  g: "a ai an ang ao e ei en eng ong ou u ua uai uan uang ui un uo",
  k: "a ai an ang ao e ei en eng ong ou u ua uai uan uang ui un uo",
  h: "a ai an ang ao e ei en eng ong ou u ua uai uan uang ui un uo",
  j: "i ia ian iang iao ie in ing iong iu u uan ue un v van ve vn",
  q: "i ia ian iang iao ie in ing iong iu u uan ue un v van ve vn",
  x: "i ia ian iang iao ie in ing iong iu u uan ue un v van ve vn",
  zh: "a ai an ang ao e ei en eng i ong ou u ua uai uan uang ui un uo",
  ch: "a ai an ang ao e en eng i ong ou u ua uai uan uang ui un uo",
  sh: "a ai an ang ao e ei en eng i ou u ua uai uan uang ui un uo",
  r: "an ang ao e en eng i ong ou u ua uan ui un uo",
  z: "a ai an ang ao e ei en eng i ong ou u uan ui un uo",
  c: "a ai an ang ao e en eng i ong ou u uan ui un uo",
  s: "a ai an ang ao e en eng i ong ou u uan ui un uo",
  y: "a an ang ao e i in ing o ong ou u uan ue un",
  w: "a ai an ang ei en eng o u",
};

/** Every toneless syllable (about 420). */
export const PINYIN_SYLLABLES: ReadonlySet<string> = new Set(
  Object.entries(FINALS).flatMap(([initial, finals]) => finals.split(" ").map((f) => initial + f)),
);

/** Every start of a syllable ("z", "zh", "zha", …, each syllable itself included). */
const SYLLABLE_STARTS: ReadonlySet<string> = new Set(
  [...PINYIN_SYLLABLES].flatMap((s) => [...s].map((_, i) => s.slice(0, i + 1))),
);

/**
 * How many syllables a typed word (lower case, toneless, ü as v) reads as: whole syllables, the last perhaps only
 * begun ("zheshanzh" 3, "zh" 1, "xian" 1 read as one syllable where it can be); 0 when it is not pinyin ("ems",
 * "county", "zs": an initial that is not the word's last letters, a letter outside pinyin, a digit).
 */
export function pinyinSyllableCount(word: string): number {
  const memo = new Map<number, number>();
  // the fewest syllables the rest of the word from `at` reads as (Infinity when it cannot be read)
  const from = (at: number): number => {
    if (at === word.length) return 0;
    const known = memo.get(at);
    if (known !== undefined) return known;
    let best = SYLLABLE_STARTS.has(word.slice(at)) ? 1 : Number.POSITIVE_INFINITY;
    for (let end = at + 1; end <= Math.min(word.length, at + 6); end++)
      if (PINYIN_SYLLABLES.has(word.slice(at, end))) best = Math.min(best, 1 + from(end));
    memo.set(at, best);
    return best;
  };
  if (!/^[a-z]+$/.test(word)) return 0;
  const n = from(0);
  return Number.isFinite(n) ? n : 0;
}

/**
 * Whether typed words (each lower case, toneless, ü as v) are found one after another in a name whose characters
 * read `readings` (each character's possible readings), beginning with the character at `start`: each word begins a
 * character's syllable and covers whole syllables of the characters that follow, except its last, which it may only
 * begin where what is typed of it is not a syllable itself ("zh" begins zhe, zhen, zhong …; "xi" followed by another
 * word is xi, not xiang: the space says the syllable is done); the last word (`lastOpen`: the text's last, still being
 * typed) may end in any syllable it begins ("zhe" of zhen). The next word begins at the next character. So "zhe shan",
 * "zh sh" and "zhe s" are found in 遮山镇 (zhe shan zhen); "zhe shan" not in 镇平县 (no shan after zhen) nor in 马山口镇
 * (no zhe before shan); "xi xia" in 西峡县 and not in 内乡县 (nei xiang xian).
 */
export function syllablesFollow(
  readings: readonly (readonly string[])[],
  start: number,
  words: readonly string[],
  lastOpen = true,
): boolean {
  const match = (w: number, at: number, i: number): boolean => {
    if (w === words.length) return true;
    const word = words[w];
    if (i >= readings.length) return false;
    const rest = word.slice(at);
    const begun = (w === words.length - 1 && lastOpen) || !PINYIN_SYLLABLES.has(rest);
    for (const r of readings[i]) {
      // the word ends in this character's syllable (or begins it): the next word at the next character
      if ((r === rest || (begun && r.startsWith(rest))) && match(w + 1, 0, i + 1)) return true;
      // the syllable whole, the word going on
      if (rest.length > r.length && rest.startsWith(r) && match(w, at + r.length, i + 1)) return true;
    }
    return false;
  };
  return words.length > 0 && match(0, 0, start);
}

/**
 * A name's joined pinyin ("xian") cut into its syllables, one per letter of its initials ("xa" → xi, an; "xy" for
 * 咸阳's "xianyang" → xian, yang): each syllable one of PINYIN_SYLLABLES starting with its initial's letter. Null when
 * no cut fits (a name with letters other than pinyin's).
 */
export function splitSyllables(joined: string, initials: string): string[] | null {
  const cut = (at: number, k: number): string[] | null => {
    if (k === initials.length) return at === joined.length ? [] : null;
    if (joined[at] !== initials[k]) return null;
    for (let end = Math.min(joined.length, at + 6); end > at; end--) {
      const s = joined.slice(at, end);
      if (!PINYIN_SYLLABLES.has(s)) continue;
      const rest = cut(end, k + 1);
      if (rest) return [s, ...rest];
    }
    return null;
  };
  return cut(0, 0);
}
