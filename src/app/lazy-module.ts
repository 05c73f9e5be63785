/**
 * A chunk of the app imported on first use, shared by every caller, and fetched again after a failure.
 *
 * Chromium keeps a failed module fetch in the page's module map: importing the same address again fails at once,
 * without a request (measured with Debian's Chromium 156: three imports of one address, the first aborted, made one
 * request). A chunk whose first fetch failed (a busy or lost connection, a server restarted, an intranet proxy's
 * hiccup) was therefore lost until the page was reloaded: the pinyin search stayed at 「0 / 111」, an export failed
 * on every click. So after a failure the next call asks for another address of the same file (a `retry` query), read
 * from the failure's message: Chromium ("Failed to fetch dynamically imported module: URL") and Firefox ("error
 * loading dynamically imported module: URL") name it; Safari does not, and there the plain import is tried again.
 */
export function lazyModule<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | null = null;
  let failedUrl: string | null = null;
  let tries = 0;
  return () => {
    loading ??= (
      failedUrl === null ? load() : (import(/* @vite-ignore */ retryModuleUrl(failedUrl, tries)) as Promise<T>)
    ).then(
      (m) => m,
      (e: unknown) => {
        loading = null;
        tries++;
        failedUrl ??= failedModuleUrl(e);
        throw e;
      },
    );
    return loading;
  };
}

/** The module address a failed dynamic import names in its error (Chromium, Firefox), or null (Safari, others). */
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
