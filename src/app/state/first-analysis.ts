import type { AnalysisInput, AnalysisReport, Facility, ParamOverrides, RuleSet } from "../../core";
import type { Decorated } from "../../worker/api";
import { type CityData, type CityInfo, shippedFiles } from "../data";
import { markOnce } from "../perf";
import { ruleSetFor } from "../rulesets";
import { analysisWorker } from "./analysis-client";
import { analysisParams, type SessionState } from "./session";

type Loaded = { current: Decorated; baseline: AnalysisReport };

/** The first load sent to the worker by the entry module, before React has rendered (at most one, taken once). */
let early: {
  cityId: string;
  proposed: Facility[];
  ruleSet: RuleSet;
  params: ParamOverrides;
  result: Promise<Loaded>;
} | null = null;

/**
 * Sends the first city's analysis to the worker as soon as the saved session is read, while React builds the page
 * and the map: the worker fetches and parses the city's shipped files itself (`loadShipped`; index.html's start
 * script may have had it fetch them already), so neither the page's parse nor a copy of the data to the worker is on
 * the way. The input is the one the page's analysis hook will build from the restored session (the city's sample
 * facilities and saved proposed sites, the saved parameters and rule set), so the hook can take the answer instead of
 * asking again. A session with imports for the city (facilities, populations, demand, boundaries, urban polygons,
 * staffing) and a city without shipped files are left to the hook.
 */
export function startFirstAnalysis(state: SessionState, city: CityInfo): void {
  const id = city.id;
  const files = shippedFiles(city);
  if (state.cityId !== id || !files) return;
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
  const proposed = state.proposed[id] ?? [];
  const ruleSet = ruleSetFor(state.ruleSetId, id);
  const params = analysisParams(state.params, undefined);
  markOnce("analysis-sent");
  const result = analysisWorker().loadShipped({ files, proposed, ruleSet, params });
  result.then(() => markOnce("analysis-answer")).catch(() => {}); // the hook asks again if it takes this one
  early = { cityId: id, proposed, ruleSet, params, result };
}

/**
 * The early first load's answer when `input` is the same load: `data` is the city's shipped data as the page loaded
 * it (not imported boundaries), the input its counties and divisions, the sample facilities followed by the same
 * proposed site objects, the same rule set, equal parameters, no populations or imports; null otherwise. Taken once:
 * a later load of the same input asks the worker again.
 */
export function takeFirstAnalysis(input: AnalysisInput, data: CityData): Promise<Loaded> | null {
  const e = early;
  early = null;
  if (!e) return null;
  const n = data.facilities.length;
  const same =
    data.city.id === e.cityId &&
    data.counties.importedFrom === undefined &&
    input.counties === data.counties &&
    input.divisions === (data.divisions ?? undefined) &&
    input.ruleSet === e.ruleSet &&
    !input.listImported &&
    input.facilities.length === n + e.proposed.length &&
    input.facilities.every((f, i) => f === (i < n ? data.facilities[i] : e.proposed[i - n])) &&
    JSON.stringify(e.params) === JSON.stringify(input.params) &&
    (input.population?.length ?? 0) === 0 &&
    !input.demand?.length &&
    !input.unitPopulation?.length &&
    !input.staffing?.length &&
    !input.roads &&
    !input.populationRaster;
  return same ? e.result : null;
}
