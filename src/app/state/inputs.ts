import { useMemo } from "react";
import { type CountyPopulation, type Facility, hasLocalPlan, paramSpec, withoutReplaced } from "../../core";
import type { CityData } from "../data";
import { ruleSetFor } from "../rulesets";
import { paramsOf, type SessionState } from "./session";

const NO_FACILITIES: Facility[] = [];
const NO_POPULATION: CountyPopulation[] = [];

/**
 * What the analysis of the current city reads from the session: the facilities (imported or sample, plus the
 * proposed sites), rule set and parameter overrides, populations, demand points, and the imported urban polygons,
 * township / village populations and staffing table. Memoised on the session's own
 * slices, so that a parameter change does not look like a new facility list or population (which would re-send
 * every facility or reload the analysis).
 */
export function useAnalysisInputs(session: SessionState | null, data: CityData | null) {
  const cityId = data?.city.id;
  const dataset = session && cityId ? session.datasets[cityId] : undefined;
  const baseFacilities = useMemo(() => dataset?.facilities ?? data?.facilities ?? NO_FACILITIES, [dataset, data]);
  const sessionProposed = session?.proposed;
  const sessionPopulation = session?.population;
  const proposed = useMemo(
    () => (sessionProposed && cityId ? (sessionProposed[cityId] ?? NO_FACILITIES) : NO_FACILITIES),
    [sessionProposed, cityId],
  );
  // the list the analysis is sent: the worker counts an upgrade in place of the facility it raises, and scores the
  // "before" with that facility (the planner trial, s42-b #2)
  const listed = useMemo(() => [...baseFacilities, ...proposed], [baseFacilities, proposed]);
  // an upgrade counts in place of the facility it raises, not beside it: the map, the lists and the exports
  const facilities = useMemo(() => withoutReplaced(listed), [listed]);
  const population = useMemo(
    () => (sessionPopulation && cityId ? (sessionPopulation[cityId] ?? NO_POPULATION) : NO_POPULATION),
    [sessionPopulation, cityId],
  );
  // a plan city's own plans by default ("all five plans, for comparison" when chosen); a city without a local plan
  // is checked by the national set, whatever the session chose for the plan cities
  const localPlan = data ? hasLocalPlan(data.city) : true;
  const ruleSet = ruleSetFor(session?.ruleSetId ?? "", cityId ?? "");
  // the central city's default size is the city's own (its published built-up area)
  const paramSpecs = useMemo(() => paramSpec(ruleSet, cityId), [ruleSet, cityId]);
  return {
    dataset,
    baseFacilities,
    proposed,
    listed,
    facilities,
    population,
    ruleSet,
    localPlan,
    // the overrides of the city whose data these are: at a city switch the session is the next city's a moment before
    // its data are, and its parameters must not be sent to the last city's analysis (nor the last's to the next)
    paramOverrides: session && cityId ? paramsOf(session, cityId) : session?.params,
    paramSpecs,
    demand: session && cityId ? session.demand?.[cityId] : undefined,
    boundaries: session && cityId ? session.boundaries?.[cityId] : undefined,
    urban: session && cityId ? session.urban?.[cityId] : undefined,
    unitPopulation: session && cityId ? session.unitPopulation?.[cityId] : undefined,
    staffing: session && cityId ? session.staffing?.[cityId] : undefined,
  };
}
