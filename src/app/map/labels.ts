import type { CountyProps } from "../../core";

const KIND_EN: Record<CountyProps["kind"], string> = { district: "District", county: "County", city: "City" };

/**
 * The pinyin name of every shipped county by code (`geodata/china/county-names-en.json`, made by
 * `scripts/build-county-names.ts` with pinyin-pro), fetched the first time the interface is English.
 */
export async function loadCountyNamesEn(): Promise<Record<string, string>> {
  const file = await import("../../../geodata/china/county-names-en.json");
  return file.names as Record<string, string>;
}

/**
 * A county's map label: its Chinese name; in the English interface its pinyin name and kind above the Chinese
 * (西峡县 → "Xixia County" / "西峡县"), or the Chinese alone for a county the table does not know (own boundaries).
 */
export function countyLabel(p: Pick<CountyProps, "code" | "name" | "kind">, namesEn: Record<string, string> | null) {
  const en = namesEn?.[p.code];
  return en ? `${en} ${KIND_EN[p.kind]}\n${p.name}` : p.name;
}
