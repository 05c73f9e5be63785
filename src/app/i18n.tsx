import { createContext, type ReactNode, useContext, useMemo } from "react";
import { en } from "./messages/en";
import { type Messages, zh } from "./messages/zh";

export type Lang = "zh" | "en";

/** The language the toggle switches to. */
export const OTHER_LANG: Record<Lang, Lang> = { zh: "en", en: "zh" };

/** Every interface string, by key: Chinese first ({@link zh} defines the keys), English with the same signatures. */
export const MESSAGES: Record<Lang, Messages> = { zh, en };

export type MessageKey = keyof Messages;

/** The arguments a message takes: none for a plain string, the function's parameters for one with values. */
export type MessageArgs<K extends MessageKey> = Messages[K] extends (...args: infer A) => string ? A : [];

export interface I18n {
  lang: Lang;
  /** The message `key` in the current language, filled with `args` where it takes values. */
  t: <K extends MessageKey>(key: K, ...args: MessageArgs<K>) => string;
  /** Picks the string of the current language from a {zh, en} pair (texts that come with the data or the core). */
  pick: (text: { zh: string; en: string }) => string;
}

const I18nContext = createContext<I18n>(makeI18n("zh"));

export function makeI18n(lang: Lang): I18n {
  const table = MESSAGES[lang];
  const t = <K extends MessageKey>(key: K, ...args: MessageArgs<K>): string => {
    const m = table[key] as string | ((...a: unknown[]) => string);
    return typeof m === "function" ? m(...args) : m;
  };
  return { lang, t, pick: (text) => text[lang] };
}

export function I18nProvider({ lang, children }: { lang: Lang; children: ReactNode }) {
  const value = useMemo(() => makeI18n(lang), [lang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}
