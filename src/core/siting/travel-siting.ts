import { buildCountyGrid } from "../coverage";
import { cropPopulationRaster, type PopulationRaster } from "../io/raster";
import { aggregatePopulation } from "../population/aggregate";
import { rasterCoverage, rasterCutShort } from "../population/coverage";
import { bboxOf } from "../rules/helpers";
import { type RoadInput, TRAVEL_MARGIN_KM } from "../rules/travel";
import { buildRoadNetwork } from "../travel/network";
import { travelTimeCoverage } from "../travel/siting";
import { demandFromGrid } from "./grid-adapter";
import type { CountyFeature, CountySitingProblem } from "./plan";

/** Siting on travel time: roads with their speeds, and the limit a site must reach a place within. */
export interface SitingTravel {
  roads: RoadInput;
  /** Minutes (inclusive), e.g. 30 for EMS-TIME. */
  limitMinutes: number;
}

/** What shapes the demand and the coverage of a county's siting beyond the radius. */
export interface SitingPeopleAndTravel {
  /** People per pixel over the county: the demand becomes people, not km² (siting maximises people covered). */
  populationRaster?: PopulationRaster;
  /** Coverage by travel time on roads instead of the radius. */
  travel?: SitingTravel;
  /** Side of the demand cells, m (default 1000). */
  blockM?: number;
}

/**
 * A county's siting problem with people as the demand and/or travel time as the coverage.
 *
 * People: the raster is aggregated (totals conserved) onto the county's grid and summed into the demand blocks,
 * so MCLP maximises people covered and LSCP reaches a share of the people. Travel time: the demand is the county's
 * cells of `blockM` (default 1 km), each at its centre and weighted by its area or its people; a candidate covers a
 * cell when the travel time from it to the cell centre, on the roads and off them, is ≤ the limit
 * (`travelTimeCoverage`: the same network and the same times as EMS-TIME); the existing sites' cover is found the
 * same way. Point demand given by the user (villages) is kept for the radius, and replaced by cells for travel time.
 */
export function withPeopleAndTravel(
  built: CountySitingProblem,
  county: CountyFeature,
  opts: SitingPeopleAndTravel,
): CountySitingProblem {
  const blockM = opts.blockM ?? 1000;
  const raster = opts.populationRaster
    ? cropPopulationRaster(opts.populationRaster, bboxOf(county.geometry))
    : undefined;
  if (opts.travel) {
    const grid = buildCountyGrid(county, { cellSizeM: blockM });
    const people = raster ? aggregatePopulation(grid, raster).population : undefined;
    const { network } = buildRoadNetwork(grid, opts.travel.roads.roads, {
      ...(opts.travel.roads.speeds ? { speeds: opts.travel.roads.speeds } : {}),
      ...(opts.travel.roads.offroadKmh !== undefined ? { offroadKmh: opts.travel.roads.offroadKmh } : {}),
      marginM: TRAVEL_MARGIN_KM * 1000,
    });
    const cov = travelTimeCoverage(network, {
      candidates: built.problem.candidates,
      existing: built.problem.existing,
      limitMinutes: opts.travel.limitMinutes,
      ...(people ? { cellWeight: people } : {}),
    });
    let totalWeight = 0;
    for (const d of cov.demand) totalWeight += d.weight;
    // the check weights by people unless the raster stops short of the county (rasterCutShort): so does the measure
    const checkPeople =
      raster && !rasterCoverage([county], raster).some(rasterCutShort)
        ? aggregatePopulation(built.grid, raster).population
        : undefined;
    return {
      ...built,
      problem: {
        ...built.problem,
        demand: cov.demand,
        coverage: { limitMinutes: cov.limitMinutes, cover: cov.cover, coveredBefore: cov.coveredBefore },
      },
      totalWeight,
      demandKind: "travel",
      ...(people ? { peopleWeighted: true } : {}),
      travelCheck: {
        roads: opts.travel.roads,
        limitMinutes: opts.travel.limitMinutes,
        ...(checkPeople ? { population: checkPeople } : {}),
      },
    };
  }
  if (raster && built.demandKind !== "points") {
    const people = aggregatePopulation(built.grid, raster).population;
    const demand = demandFromGrid(built.grid, { blockM, cellWeight: people });
    let totalWeight = 0;
    for (const d of demand) totalWeight += d.weight;
    return { ...built, problem: { ...built.problem, demand }, totalWeight, demandKind: "people" };
  }
  return built;
}
