import { useEffect, useState } from "react";
import type { NamePinyin } from "./violation-search";

type PinyinOf = (name: string) => NamePinyin;
let shared: PinyinOf | null = null;

/**
 * pinyin.ts's namePinyin, imported (a chunk of its own, with pinyin-pro's dictionary) once `wanted` is true and shared
 * by every component; null until it has arrived, and null for good if it cannot be loaded (the search then finds by
 * the names as written, and the counties by their English names).
 */
export function usePinyin(wanted: boolean): PinyinOf | null {
  const [pinyinOf, setPinyinOf] = useState<PinyinOf | null>(() => shared);
  useEffect(() => {
    if (!wanted || pinyinOf) return;
    let live = true;
    import("./pinyin")
      .then((m) => {
        shared = m.namePinyin;
        if (live) setPinyinOf(() => m.namePinyin);
      })
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [wanted, pinyinOf]);
  return pinyinOf;
}
