import type { Project, ProjectState } from "../../core";
import { type ImportedBoundaries, paramsFor, type SessionState } from "./session";

/** What of a city's session a project file holds: the city, rule set, parameters and the city's own work. */
export function projectFromSession(session: SessionState, cityId: string): ProjectState {
  const boundaries = session.boundaries?.[cityId];
  const demand = session.demand?.[cityId];
  const urban = session.urban?.[cityId];
  const unitPopulation = session.unitPopulation?.[cityId];
  const staffing = session.staffing?.[cityId];
  return {
    city: cityId,
    ruleSetId: session.ruleSetId,
    params: session.params,
    facilities: session.datasets[cityId]?.facilities ?? [],
    proposed: session.proposed[cityId] ?? [],
    population: session.population[cityId] ?? [],
    ...(boundaries ? { boundaries: boundaries.counties } : {}),
    ...(demand ? { demand } : {}),
    ...(urban ? { urban } : {}),
    ...(unitPopulation ? { unitPopulation } : {}),
    ...(staffing ? { staffing } : {}),
  };
}

/**
 * The session after opening a project file: the project's city becomes the current one, and its rule set (the
 * default when this app does not know it), parameters and the city's work replace what the session had for that
 * city; other cities' work is kept. An empty facility list means the city's sample data.
 */
export function sessionFromProject(
  prev: SessionState,
  project: Project,
  fileName: string,
  knownRuleSets: readonly string[],
): SessionState {
  const city = project.city;
  return {
    ...prev,
    cityId: city,
    ruleSetId: knownRuleSets.includes(project.ruleSetId) ? project.ruleSetId : "",
    // the current city's parameters are kept for it when the project is another city's
    paramsByCity: paramsFor(prev, city).paramsByCity,
    params: project.params as SessionState["params"],
    datasets: {
      ...prev.datasets,
      [city]: project.facilities.length
        ? { fileName, importedAt: project.savedAt, facilities: project.facilities }
        : undefined,
    },
    proposed: { ...prev.proposed, [city]: project.proposed },
    population: { ...prev.population, [city]: project.population ?? [] },
    demand: { ...prev.demand, [city]: project.demand },
    urban: { ...prev.urban, [city]: project.urban },
    unitPopulation: { ...prev.unitPopulation, [city]: project.unitPopulation },
    staffing: { ...prev.staffing, [city]: project.staffing },
    boundaries: {
      ...prev.boundaries,
      [city]: project.boundaries
        ? { fileName, counties: project.boundaries as ImportedBoundaries["counties"] }
        : undefined,
    },
  };
}
