// first, for its side effect: the first city's files are requested before the analysis core below is evaluated
import "./prefetch";
import { expose } from "comlink";
import highsWasmUrl from "highs/runtime?url";
import { loadHighs } from "../core";
import { createAnalysisApi } from "./api";
import { readJson } from "./prefetch";

export type { AnalysisApi, Decorated, ReviewRequest, SuggestRequest } from "./api";

// the web worker: the analysis functions over comlink, HiGHS loaded from the wasm Vite serves
expose(createAnalysisApi({ loadHighs: () => loadHighs({ locateFile: () => highsWasmUrl }), readJson }));
