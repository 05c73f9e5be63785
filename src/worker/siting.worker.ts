import { expose } from "comlink";
import highsWasmUrl from "highs/runtime?url";
import { loadHighs } from "../core";
import type { SuggestRequest } from "./api";
import { type SitingState, suggestCentralOn, suggestSitesOn } from "./siting";

const host = { loadHighs: () => loadHighs({ locateFile: () => highsWasmUrl }) };

/**
 * The siting worker: solves one siting run on a snapshot of the loaded city (siting.ts), apart from the analysis
 * worker, so that a city switch, an edit or the planner's 「停止」 never waits for the solver: the page ends this worker
 * to stop a run and starts another for the next.
 */
const sitingApi = {
  suggestSites: (state: SitingState, req: SuggestRequest) => suggestSitesOn(state, req, host),
  suggestCentralThcs: (state: SitingState, county: string, radiusKm: number) =>
    suggestCentralOn(state, county, radiusKm, host),
};

/** The siting worker's functions, as the page calls them. */
export type SitingApi = typeof sitingApi;

expose(sitingApi);
