import { useEffect, useState } from "react";
import type { NamePinyin } from "./violation-search";

type PinyinOf = (name: string) => NamePinyin;
let shared: PinyinOf | null = null;
/** The import under way, shared by every component that wants it; forgotten when it fails, so the next try fetches. */
let loading: Promise<PinyinOf> | null = null;
/** The address of the chunk whose fetch failed, read from the failure (see {@link failedModuleUrl}), and the tries. */
let failedUrl: string | null = null;
let tries = 0;

/**
 * The module address a failed dynamic import names in its error, or null. Chromium keeps a failed module fetch in
 * the page's module map: importing the same address again fails at once without a request (measured with Debian's
 * Chromium 156: three imports of one address, the first aborted, made one request), so a retry must ask for another
 * address of the same file. Chromium ("Failed to fetch dynamically imported module: URL") and Firefox ("error loading
 * dynamically imported module: URL") name it; Safari does not, and there the plain import is tried again.
 */
export function failedModuleUrl(error: unknown): string | null {
  const message = error instanceof Error ? error.message : String(error);
  const m = /(?:module|import)[^:]*:\s*(\S+\.m?[jt]sx?(?:\?\S*)?)\s*$/i.exec(message);
  return m ? m[1] : null;
}

/** The address to import on try number `n` (1 = the first retry) of a chunk that failed at `url`: a fresh query. */
export function retryModuleUrl(url: string, n: number): string {
  const u = new URL(url);
  u.searchParams.set("retry", String(n));
  return u.href;
}

function loadPinyin(): Promise<PinyinOf> {
  loading ??= (
    failedUrl === null
      ? import("./pinyin")
      : (import(/* @vite-ignore */ retryModuleUrl(failedUrl, tries)) as Promise<typeof import("./pinyin")>)
  ).then(
    (m) => {
      shared = m.namePinyin;
      return m.namePinyin;
    },
    (e: unknown) => {
      loading = null;
      tries++;
      failedUrl ??= failedModuleUrl(e);
      throw e;
    },
  );
  return loading;
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
