import { get, set } from "idb-keyval";
import type { SuggestPanelProps } from "../components/SuggestPanel";
import { SUGGEST_KEY, sessionDb } from "./store";

let writes: Promise<void> = Promise.resolve();

/** A city's Suggest result as kept: what the panel shows, structured-cloned into IndexedDB (it came from the worker so). */
export type KeptSuggestion = NonNullable<SuggestPanelProps["result"]>;

/**
 * The Suggest result kept for `cityId` (its last siting, not yet all accepted), or null: a reload brings it back, as
 * the form is (the planner's 20-s exact siting was gone after one). Anything not of its shape is none.
 */
export async function loadSuggestion(cityId: string): Promise<KeptSuggestion | null> {
  try {
    // after the writes handed in before (a result all accepted is gone, not read back)
    await writes;
    const all = (await get(SUGGEST_KEY, sessionDb())) as Record<string, unknown> | undefined;
    const kept = all?.[cityId] as KeptSuggestion | undefined;
    if (!kept || typeof kept !== "object" || !kept.form || !Array.isArray(kept.result?.sites)) return null;
    return kept.cityId === undefined || kept.cityId === cityId ? kept : null;
  } catch {
    return null;
  }
}

/** Keeps (or, with null, forgets) `cityId`'s Suggest result; writes go one after another, the last one last. */
export function keepSuggestion(cityId: string, result: KeptSuggestion | null): Promise<void> {
  writes = writes.then(async () => {
    try {
      const all = ((await get(SUGGEST_KEY, sessionDb())) as Record<string, KeptSuggestion> | undefined) ?? {};
      const next = { ...all };
      if (result) next[cityId] = result;
      else delete next[cityId];
      await set(SUGGEST_KEY, next, sessionDb());
    } catch {
      // storage full or disabled: the result is simply not kept
    }
  });
  return writes;
}

/** Resolves once every result handed to {@link keepSuggestion} is written (the test hook's whenSaved waits for it). */
export function whenSuggestionKept(): Promise<void> {
  return writes;
}
