import {
  type AnalysisInput,
  type AnalysisParams,
  type CountyFeature,
  type CountySitingPlan,
  type CountySitingResult,
  centralThcPlan,
  chooseCentralThcs,
  type ExistingNetwork,
  type Facility,
  type HighsInstance,
  planCountySiting,
  type SitingResult,
  solveCountySiting,
} from "../core";
import type { SuggestRequest } from "./api";

/**
 * What a siting run reads of the loaded city, as plain data: the analysis worker hands it over (AnalysisApi
 * `sitingState`) and the siting worker solves on it, so that a long exact run never holds the analysis worker (a city
 * switch or an edit is not kept waiting for it, and the run can be stopped by ending its worker).
 */
export interface SitingState {
  counties: CountyFeature[];
  /** The facilities as counted (an upgrade in place of what it raises), proposed sites too. */
  facilities: Facility[];
  ruleSet: AnalysisInput["ruleSet"];
  /** The parameters of the report the map shows: siting uses the same. */
  params: AnalysisParams;
  population?: AnalysisInput["population"];
  demand?: AnalysisInput["demand"];
  /** The road network, only for a run on travel time. */
  roads?: AnalysisInput["roads"];
  populationRaster?: AnalysisInput["populationRaster"];
}

/** A siting run's answer: the solver's result with the cap note and the existing network it counted. */
export type SuggestAnswer = CountySitingResult & { capNote?: { zh: string; en: string }; network?: ExistingNetwork };

/** What a siting run needs from its host: HiGHS, and an optional observer of the plan before it is solved. */
export interface SitingHost {
  loadHighs: () => Promise<HighsInstance>;
  onSitingPlan?: (plan: CountySitingPlan) => void;
}

/**
 * Best k new sites (MCLP) or fewest for a target share (LSCP) in one county; existing sites of the type are fixed.
 * The one function behind the app's siting (in its siting worker) and the analysis API's.
 */
export async function suggestSitesOn(
  state: SitingState,
  req: SuggestRequest,
  host: SitingHost,
): Promise<SuggestAnswer> {
  if (req.minutes !== undefined && !state.roads)
    throw new Error("按行车时间选址需先导入路网 / siting on travel time needs a road network: import one first");
  const plan = planCountySiting({
    counties: state.counties,
    county: req.county,
    facilities: state.facilities,
    ruleSet: state.ruleSet,
    params: state.params,
    population: state.population,
    type: req.type,
    radiusKm: req.radiusKm,
    objective: req.objective,
    candidates: req.candidates
      ? { kind: "list", candidates: req.candidates }
      : req.candidatesType
        ? { kind: "type", type: req.candidatesType }
        : { kind: "grid", gridKm: req.gridKm },
    minSeparationKm: req.minSeparationKm,
    demand: state.demand,
    ...(req.minutes !== undefined && state.roads ? { travel: { roads: state.roads, limitMinutes: req.minutes } } : {}),
    ...(state.populationRaster ? { populationRaster: state.populationRaster } : {}),
  });
  host.onSitingPlan?.(plan);
  // a county at its SUB-COUNT cap gets no new sub-centre: the app shows why
  if (plan.kind === "skip") throw new Error(`${plan.reason.zh} / ${plan.reason.en}`);
  const result = await solveCountySiting(plan.built, {
    method: req.method,
    timeLimitSec: req.timeLimitSec,
    ...(req.method === "greedy" ? {} : { highs: await host.loadHighs() }),
  });
  // which existing points were counted as covering (an EMS site: the rule set's network, 002:201's 急救点 too)
  return {
    ...result,
    ...(plan.cap ? { capNote: plan.cap.note } : {}),
    ...(plan.cap?.perCounty ? { capPerCounty: plan.cap.perCounty } : {}),
    ...(plan.network ? { network: plan.network } : {}),
  };
}

/** About one third of a county's township health centres as central ones, covering the county best (CTHC-THIRD). */
export async function suggestCentralOn(
  state: SitingState,
  county: string,
  radiusKm: number,
  host: SitingHost,
): Promise<SitingResult> {
  const { thcs, demand } = centralThcPlan({
    counties: state.counties,
    county,
    facilities: state.facilities,
    params: state.params,
  });
  return chooseCentralThcs(thcs, demand, radiusKm, 1 / 3, { highs: await host.loadHighs(), timeLimitSec: 20 });
}
