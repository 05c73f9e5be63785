import { useCallback, useEffect, useState } from "react";
import { COUNTY_KIND_EN, type CountyProps, countyKindOfName } from "../core";
import { useI18n } from "./i18n";
import { loadCountyNamesEn } from "./map/labels";

/**
 * A county's English name as the map labels give it, its pinyin name and kind ("Xixia County"), or null for a county
 * the table does not know (own boundaries).
 */
export function countyNameEn(
  code: string,
  name: string,
  namesEn: Record<string, string> | null,
  kind: CountyProps["kind"] = countyKindOfName(name),
): string | null {
  const en = namesEn?.[code];
  return en ? `${en} ${COUNTY_KIND_EN[kind]}` : null;
}

/**
 * Every name a violation's message may open with for a county, in either language: its Chinese name, and its pinyin
 * name with each kind ("Wolong District", "Wolong County", "Wolong City": the analysis names the kind from the
 * county's data, which a name alone cannot always tell). The list and the detail take them off a message whose
 * county they already show (see format.ts's afterCountyName), so that a row names its county once.
 */
export function countyMessageNames(
  code: string,
  name: string,
  namesEn: Record<string, string> | null,
  nameEn?: string,
): string[] {
  const en = namesEn?.[code];
  return [name, nameEn ?? "", ...(en ? Object.values(COUNTY_KIND_EN).map((kind) => `${en} ${kind}`) : [])].filter(
    Boolean,
  );
}

/** An English county name without its kind: "Xixia County" → "Xixia" (a name without a known kind is kept whole). */
export function countyShortEn(nameEn: string): string {
  const kinds = Object.values(COUNTY_KIND_EN).join("|");
  return nameEn.replace(new RegExp(`\\s+(${kinds})$`), "");
}

/** A county as the interface names it: the Chinese name; in English "Xixia County 西峡县" (Chinese alone if unknown). */
export function countyDisplayName(
  code: string,
  name: string,
  lang: "zh" | "en",
  namesEn: Record<string, string> | null,
): string {
  if (lang === "zh") return name;
  const en = countyNameEn(code, name, namesEn);
  return en ? `${en} ${name}` : name;
}

let shared: Record<string, string> | null = null;

/**
 * The counties' English names by code (pinyin, "Xixia"), fetched once `wanted` is true and shared by every component;
 * null until then. The English interface wants them for its labels; the Chinese one for a search typed in English.
 */
export function useCountyNamesEn(wanted: boolean): Record<string, string> | null {
  const [namesEn, setNamesEn] = useState<Record<string, string> | null>(shared);
  useEffect(() => {
    if (!wanted || namesEn) return;
    let live = true;
    loadCountyNamesEn()
      .then((n) => {
        shared = n;
        if (live) setNamesEn(n);
      })
      .catch(() => {
        if (live) setNamesEn({});
      });
    return () => {
      live = false;
    };
  }, [wanted, namesEn]);
  return namesEn;
}

/**
 * The county namer for the interface's language (see {@link countyDisplayName}); the English names are fetched the
 * first time the interface is English and shared by every component.
 */
export function useCountyName(): (code: string, name: string) => string {
  const { lang } = useI18n();
  const namesEn = useCountyNamesEn(lang === "en");
  return useCallback((code: string, name: string) => countyDisplayName(code, name, lang, namesEn), [lang, namesEn]);
}

/**
 * Every name a county is found by in a search box, whatever the interface's language: its Chinese name, its English
 * name with and without its kind ("Xixia County", "Xixia", the pinyin the labels use) and the name the interface
 * shows; one per line.
 */
export function countySearchNames(
  code: string,
  name: string,
  shown: string,
  namesEn: Record<string, string> | null,
): string {
  const en = countyNameEn(code, name, namesEn);
  return [name, en ?? "", shown].filter(Boolean).join("\n");
}
