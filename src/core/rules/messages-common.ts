import { FACILITY_TYPE_LABELS, type FacilityType, type LocalizedText } from "../model";
import { roundKeepingSide } from "../report/rounding";

/** Shared pieces of the checks' bilingual messages. */

export function msg(zh: string, en: string): LocalizedText {
  return { zh, en };
}

export { counted, plural } from "../plural";

/**
 * An English label as it reads mid-sentence: the first letter lower-cased ("Village clinic" → "village clinic"),
 * unless the label starts with an abbreviation ("EMS station", "TCM hospital", "CHC" stay as they are).
 */
export function labelMidSentence(label: string): string {
  return /^[A-Z0-9]{2,}\b/.test(label) ? label : label.charAt(0).toLowerCase() + label.slice(1);
}

/** "a" or "an" before an English word, by how it is read ("an EMS station", "a village clinic", "an urban area"). */
export function article(word: string): string {
  return /^([aeiou]|[AEFHILMNORSX][A-Z0-9]*\b)/.test(word) && !/^(u[bcdfghjklmnpqrstvwxyz][aeiou]|eu|one)/i.test(word)
    ? "an"
    : "a";
}

export const typesZh = (types: readonly FacilityType[]) => types.map((t) => FACILITY_TYPE_LABELS[t].zh).join("/");
/** Facility types' English labels as they read mid-sentence ("village clinic", "EMS station/EMS centre"). */
export const typesEn = (types: readonly FacilityType[]) =>
  types.map((t) => labelMidSentence(FACILITY_TYPE_LABELS[t].en)).join("/");

/**
 * A set of facility types as one English noun, singular and plural: the township levels (township, central township
 * health centre, county sub-centre) read "township health centre (of any level: …)" / "township-level health
 * centres" rather than the labels joined with "/"; any other set reads as {@link typesEn} ("… facilities").
 */
export function typesNounEn(types: readonly FacilityType[]): { one: string; many: string } {
  const set = new Set(types);
  const thcLevels = ["thc", "central-thc", "sub-centre"] as const;
  if (set.size === thcLevels.length && thcLevels.every((t) => set.has(t)))
    return {
      one: "township health centre (of any level: township, central or county sub-centre)",
      many: "township-level health centres",
    };
  const one = typesEn(types);
  return { one, many: `${one} facilities` };
}

export const STATUS_WORD: Record<string, LocalizedText> = {
  pass: { zh: "符合", en: "met" },
  fail: { zh: "不符合", en: "not met" },
  review: { zh: "待核（可选建，不足不算违规）", en: "for review (an allowance: a shortfall is not a failure)" },
  info: { zh: "仅供参考", en: "for information" },
  "not-applicable": { zh: "不适用", en: "not applicable" },
  "needs-data": { zh: "缺数据", en: "needs data" },
  "out-of-scope": { zh: "不在规划范围", en: "out of scope" },
};

/**
 * A shortfall the plan words softly (「原则上」, 「推动」): appended to the violation and the summary so a reviewer sees
 * why it is ◐ 待核 and not ✘: 「规划写「原则上」（002:193），待核」.
 */
export function softShortfallNote(s: { wording: LocalizedText; cite: string }): LocalizedText {
  return msg(
    `规划写「${s.wording.zh}」（${s.cite}），待核`,
    `the plan says 「${s.wording.zh}」 (${s.wording.en}, ${s.cite}): for review`,
  );
}

/** Joins a message and a note: 「…；note」 / "…; note". */
export function withNote(m: LocalizedText, note: LocalizedText | undefined): LocalizedText {
  return note ? msg(`${m.zh}；${note.zh}`, `${m.en}; ${note.en}`) : m;
}

export const wan = (n: number) => `${(n / 10_000).toLocaleString("en-US", { maximumFractionDigits: 2 })}万`;

/**
 * A figure rounded to `step` on its verdict's side of the limit (a failing 7.698 against ≥ 7.7 reads 7.69, a passing
 * 4.302 against > 4.3 reads 4.31), as the exports round (core/report/rounding).
 */
export function fmtSide(value: number, step: number, passes: (x: number) => boolean): string {
  const v = roundKeepingSide(value, step, passes);
  const decimals = String(step).split(".")[1]?.length ?? 0;
  return Number(v.toFixed(decimals)) === v ? v.toFixed(decimals) : String(v);
}
