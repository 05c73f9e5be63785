import type { Project, ProjectState, SavedDatasetSource } from "../../core";
import { type ImportedBoundaries, type ImportedDataset, paramsFor, type SessionState } from "./session";

/** What of a city's session a project file holds: the city, rule set, parameters and the city's own work. */
export function projectFromSession(session: SessionState, cityId: string): ProjectState {
  const boundaries = session.boundaries?.[cityId];
  const demand = session.demand?.[cityId];
  const urban = session.urban?.[cityId];
  const unitPopulation = session.unitPopulation?.[cityId];
  const staffing = session.staffing?.[cityId];
  const dataset = session.datasets[cityId];
  return {
    city: cityId,
    ruleSetId: session.ruleSetId,
    params: session.params,
    facilities: dataset?.facilities ?? [],
    // where the list came from and what became of its rows: the review report of whoever opens it says the same
    ...(dataset ? { dataset: datasetSource(dataset) } : {}),
    proposed: session.proposed[cityId] ?? [],
    population: session.population[cityId] ?? [],
    ...(boundaries ? { boundaries: boundaries.counties, boundariesFile: boundaries.fileName } : {}),
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
      // the list's own file, tally and problems where the project keeps them (older files: the project's name)
      [city]: project.facilities.length
        ? {
            ...(project.dataset ?? { fileName, importedAt: project.savedAt }),
            facilities: project.facilities,
          }
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
        ? {
            fileName: project.boundariesFile ?? fileName,
            counties: project.boundaries as ImportedBoundaries["counties"],
          }
        : undefined,
    },
  };
}

/** An imported list's provenance without its facilities, as a project file keeps it. */
function datasetSource(d: ImportedDataset): SavedDatasetSource {
  const { facilities: _facilities, ...source } = d;
  return source;
}
