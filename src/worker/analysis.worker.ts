import { expose } from "comlink";
import highsWasmUrl from "highs/runtime?url";
import { loadHighs } from "../core";
import { createAnalysisApi } from "./api";

export type { AnalysisApi, Decorated, ReviewRequest, SuggestRequest } from "./api";

/** The default city's files, asked for by index.html's start script before the app's first chunk has run. */
const prefetched = new Map<string, Promise<unknown>>();
async function fetchJson(url: string): Promise<unknown> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res.json();
}
self.addEventListener("message", (e: MessageEvent<{ hfpPrefetch?: unknown }>) => {
  const urls = e.data?.hfpPrefetch;
  if (!Array.isArray(urls)) return;
  e.stopImmediatePropagation(); // not a comlink call
  for (const url of urls) {
    const p = fetchJson(String(url));
    p.catch(() => {}); // loadShipped reports it if it takes this one
    prefetched.set(String(url), p);
  }
});
/** A prefetched file once (later reads fetch again), else a fetch. */
function readJson(url: string): Promise<unknown> {
  const p = prefetched.get(url);
  prefetched.delete(url);
  return p ?? fetchJson(url);
}

// the web worker: the analysis functions over comlink, HiGHS loaded from the wasm Vite serves
expose(createAnalysisApi({ loadHighs: () => loadHighs({ locateFile: () => highsWasmUrl }), readJson }));
