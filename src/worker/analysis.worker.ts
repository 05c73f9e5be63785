// first, for its side effect: the first city's files are requested before the analysis core below is evaluated
import "./prefetch";
import { expose } from "comlink";
import highsWasmUrl from "highs/runtime?url";
import { createStore, get } from "idb-keyval";
import { ruleSetFor } from "../app/rulesets";
import { analysisParams, INITIAL_SESSION, SAVED_SESSION } from "../app/state/session";
import { loadHighs } from "../core";
import { createAnalysisApi, type ShippedLoad } from "./api";
import { prefetchedCity, readJson } from "./prefetch";

export type { AnalysisApi, Decorated, ReviewRequest, SuggestRequest } from "./api";

/**
 * The first analysis a cold load with no saved session asks for (first-analysis.ts, from the default session): the
 * prefetched default city with its sample facilities, no proposed sites, its own plans and no overrides. Started here
 * as soon as the worker runs, it no longer waits for the page's first chunk to be fetched, run and to read the
 * session; the page's request for it takes the answer. Null when a session is saved (the page asks for its own).
 */
async function firstLoad(): Promise<ShippedLoad | null> {
  const first = prefetchedCity();
  if (!first || first.city !== INITIAL_SESSION.cityId) return null;
  // a first visit has no database yet: listing the databases does not wait for one to be created, as opening it would
  const dbs = await indexedDB.databases?.();
  if (!dbs || dbs.some((d) => d.name === SAVED_SESSION.db)) {
    const saved = await get(SAVED_SESSION.key, createStore(SAVED_SESSION.db, SAVED_SESSION.store));
    if (saved !== undefined) return null;
  }
  return {
    files: first.files,
    proposed: [],
    ruleSet: ruleSetFor(INITIAL_SESSION.ruleSetId, INITIAL_SESSION.cityId),
    params: analysisParams(INITIAL_SESSION.params, undefined),
  };
}

// the web worker: the analysis functions over comlink, HiGHS loaded from the wasm Vite serves
expose(
  createAnalysisApi({
    loadHighs: () => loadHighs({ locateFile: () => highsWasmUrl }),
    readJson,
    firstLoad: firstLoad().catch(() => null),
  }),
);
