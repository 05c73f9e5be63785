import { coveredPct, nestQuotes, uncoveredKm2 } from "../core";

/**
 * A covered share as a percentage to 0.1: never 100.0 % while some area is uncovered (`uncoveredKm2` > 0, or the
 * share below 1 when the area is not known), and never below 100 % when all of it is covered.
 */
export function sharePct(share: number | undefined, uncoveredAreaKm2?: number): string {
  if (share === undefined) return "–";
  return `${shownPct({ coveredShare: share, uncoveredAreaKm2 }).toFixed(1)}%`;
}

/**
 * The change between two checks' covered shares as they are shown, each rounded as {@link sharePct} rounds it: 「(+6.0)」
 * for 93.3 % → 99.3 % (the EMS planner trial, s53 L4: 「(+6.1)」, from the unrounded 93.25 → 99.33); "" when the
 * shown figures are the same.
 */
export function shareDelta(
  after: { coveredShare?: number; uncoveredAreaKm2?: number } | undefined,
  before: { coveredShare?: number; uncoveredAreaKm2?: number } | undefined,
): string {
  if (after?.coveredShare === undefined || before?.coveredShare === undefined) return "";
  const step = Math.round((shownPct(after) - shownPct(before)) * 10) / 10;
  return step === 0 ? "" : `(${step > 0 ? "+" : "−"}${Math.abs(step).toFixed(1)})`;
}

/** A check's covered share as {@link sharePct} shows it, a number (0 when it has none). */
export function shownPct(k: { coveredShare?: number; uncoveredAreaKm2?: number } | undefined): number {
  if (k?.coveredShare === undefined) return 0;
  const complete = k.uncoveredAreaKm2 === undefined ? k.coveredShare >= 1 : k.uncoveredAreaKm2 <= 0;
  return coveredPct(k.coveredShare, complete);
}

/**
 * The uncovered km² of several checks as a table's one figure: the sum of each as it is shown (to 0.1, kept off 0), so
 * the column equals the verdicts' figures added (the re-trial, s53b L-b: 155.8 beside 7.1 + 148.8).
 */
export function uncoveredSumKm2(...checks: Array<{ uncoveredAreaKm2?: number } | undefined>): number {
  const sum = checks.reduce((s, k) => s + (k?.uncoveredAreaKm2 ? uncoveredKm2(k.uncoveredAreaKm2) : 0), 0);
  return Math.round(sum * 10) / 10;
}

/** An uncovered area in km² to 0.1, never "0.0" while some area is uncovered. */
export function gapKm2(areaKm2: number): string {
  return uncoveredKm2(areaKm2).toFixed(1);
}

/**
 * An error for the reader: without the "Error: " prefix, and of a core message written "中文 / English" only the
 * half in the interface's language.
 */
export function localError(e: unknown, lang: "zh" | "en"): string {
  const text = String(e instanceof Error ? e.message : e).replace(/^Error:\s*/, "");
  const parts = text.split(" / ");
  if (parts.length !== 2 || !/[\u4e00-\u9fff]/.test(parts[0]) || /[\u4e00-\u9fff]/.test(parts[1])) return text;
  return { zh: parts[0], en: parts[1] }[lang];
}

/**
 * A violation's message as its list row shows it after the county tag: a message that starts with the county's name
 * (Chinese or English) and a colon or a space (a coverage failure's, which names the county for the exports) is not
 * made to say it twice; a facility named after its county (卧龙区人民医院) keeps its whole name.
 */
export function afterCountyName(message: string, names: ReadonlyArray<string | undefined>): string {
  for (const name of names) {
    if (name && message.startsWith(name) && /^[:：\s]/.test(message.slice(name.length))) {
      return message.slice(name.length).replace(/^[:：]?\s*/, "");
    }
  }
  return message;
}

/**
 * A citation's sentence in parts: the interface's words (`plan: false`) and the plan's own words (`plan: true`, set
 * apart in Chinese), from the sentence `make` writes with stand-ins for the title, section, quote and document number
 * (messages' `citation`; the number, 宛政办〔2024〕4号, is the plan's words too, or "" where it has none). A plan's words the sentence puts in double quotes have their own double quotes made single
 * (core nestQuotes): “南阳市‘十四五’公共卫生体系和全民健康规划”, not “南阳市“十四五”…规划”.
 */
export function citationParts(
  make: (title: string, section: string, quote: string, number: string) => string,
  words: { title: string; section: string; quote: string; number?: string },
): Array<{ text: string; plan: boolean }> {
  const stand = ["\ue000", "\ue001", "\ue002", "\ue003"];
  const own = [words.title, words.section, words.quote, words.number ?? ""];
  const parts = make(stand[0], stand[1], stand[2], words.number ? stand[3] : "").split(/([\ue000-\ue003])/);
  return parts
    .map((part, i) => {
      const k = stand.indexOf(part);
      if (k < 0) return { text: part, plan: false };
      return { text: parts[i - 1]?.endsWith("“") ? nestQuotes(own[k]) : own[k], plan: true };
    })
    .filter((p) => p.text !== "");
}
