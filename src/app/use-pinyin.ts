import { useEffect, useState } from "react";
import { lazyModule } from "./lazy-module";
import type { NamePinyin } from "./violation-search";

type PinyinOf = (name: string) => NamePinyin;
let shared: PinyinOf | null = null;
/** pinyin.ts, a chunk of its own, fetched once for every component that wants it (again after a failure). */
const importPinyin = lazyModule(() => import("./pinyin"));

function loadPinyin(): Promise<PinyinOf> {
  return importPinyin().then((m) => {
    shared = m.namePinyin;
    return m.namePinyin;
  });
}

/** The waits before each new try after a failed load (ms): then every RETRY_MS[last] while the pinyin is wanted. */
export const PINYIN_RETRY_MS = [1_000, 2_000, 4_000, 8_000];

/** Where the pinyin stands: `pinyinOf` once it has arrived; `failed` after a load failed (another try is scheduled). */
export interface PinyinState {
  pinyinOf: PinyinOf | null;
  failed: boolean;
}

/**
 * pinyin.ts's namePinyin, imported (a chunk of its own, with pinyin-pro's dictionary) once `wanted` is true and shared
 * by every component; null until it has arrived. A failed load (the chunk's fetch failed: a busy or lost connection,
 * a server restarted) is tried again after PINYIN_RETRY_MS while it is wanted, and the list it filters updates when
 * it arrives: a failure once left the pinyin null for good, the search showing 「0 / 111」 for 「zheshan」 until the box
 * was emptied and typed again. Meanwhile the search finds by the names as written, and the counties by their English
 * names.
 */
export function usePinyin(wanted: boolean): PinyinState {
  const [pinyinOf, setPinyinOf] = useState<PinyinOf | null>(() => shared);
  const [failures, setFailures] = useState(0);
  useEffect(() => {
    if (!wanted || pinyinOf) return;
    if (shared) {
      setPinyinOf(() => shared);
      return;
    }
    let live = true;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const attempt = () =>
      loadPinyin().then(
        (f) => {
          if (live) setPinyinOf(() => f);
        },
        () => {
          if (!live) return;
          setFailures((n) => n + 1);
        },
      );
    if (failures === 0) void attempt();
    else retry = setTimeout(attempt, PINYIN_RETRY_MS[Math.min(failures, PINYIN_RETRY_MS.length) - 1]);
    return () => {
      live = false;
      clearTimeout(retry);
    };
  }, [wanted, pinyinOf, failures]);
  return { pinyinOf, failed: failures > 0 && !pinyinOf };
}
