import type { AnalysisInput, AnalysisReport } from "../../core";
import type { Decorated } from "../../worker/api";
import type { CityData } from "../data";
import { markOnce } from "../perf";
import { ruleSetFor } from "../rulesets";
import { analysisWorker } from "./analysis-client";
import { analysisParams, type SessionState } from "./session";

type Loaded = { current: Decorated; baseline: AnalysisReport };

/** The first load sent to the worker by the entry module, before React has rendered (at most one, taken once). */
let early: { input: AnalysisInput; result: Promise<Loaded> } | null = null;

/**
 * Sends the first city's analysis to the worker as soon as its data is in, while React builds the page and the map:
 * the same input the page's analysis hook will build from the restored session (a city's own sample or saved
 * proposed sites, the saved parameters and rule set), so the hook can take the answer instead of asking again. A
 * session with imports for the city (facilities, populations, demand, boundaries, urban polygons, staffing) is left
 * to the hook.
 */
export function startFirstAnalysis(state: SessionState, data: CityData): void {
  const id = data.city.id;
  if (state.cityId !== id) return;
  const imported = [
    state.datasets[id],
    state.population[id]?.length ? state.population[id] : undefined,
    state.demand?.[id],
    state.boundaries?.[id],
    state.urban?.[id],
    state.unitPopulation?.[id],
    state.staffing?.[id],
  ];
  if (imported.some((x) => x !== undefined)) return;
  const input: AnalysisInput = {
    counties: data.counties,
    facilities: [...data.facilities, ...(state.proposed[id] ?? [])],
    ruleSet: ruleSetFor(state.ruleSetId, id),
    params: analysisParams(state.params, undefined),
    population: [],
    divisions: data.divisions ?? undefined,
  };
  markOnce("analysis-sent");
  const result = analysisWorker().load(input);
  result.then(() => markOnce("analysis-answer")).catch(() => {});
  result.catch(() => {}); // the hook asks again if it takes this one, and reports the error then
  early = { input, result };
}

/**
 * The early first load's answer when `input` is the same load (the same county and division objects, rule set and
 * facility objects in the same order, equal parameters, no populations or imports); null otherwise. Taken once: a
 * later load of the same input asks the worker again.
 */
export function takeFirstAnalysis(input: AnalysisInput): Promise<Loaded> | null {
  const e = early;
  early = null;
  if (!e) return null;
  const a = e.input;
  const same =
    a.counties === input.counties &&
    a.divisions === input.divisions &&
    a.ruleSet === input.ruleSet &&
    a.facilities.length === input.facilities.length &&
    a.facilities.every((f, i) => f === input.facilities[i]) &&
    JSON.stringify(a.params) === JSON.stringify(input.params) &&
    (input.population?.length ?? 0) === 0 &&
    !input.demand?.length &&
    !input.unitPopulation?.length &&
    !input.staffing?.length &&
    !input.roads &&
    !input.populationRaster;
  return same ? e.result : null;
}
