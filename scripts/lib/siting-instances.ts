import {
  buildCountyGrid,
  type Candidate,
  type CountyGrid,
  candidatesFromGrid,
  demandFromGrid,
  latticeCandidates,
  type SitingProblem,
} from "../../src/core";

/** The two instances of issue #13: 1 km demand blocks, 2 km candidates, exact MCLP. */
export const ISSUE_13_CASES = [
  { name: "桐柏县 411330", code: "411330", radiusKm: 5, k: 30 },
  { name: "西峡县 411323", code: "411323", radiusKm: 10, k: 10 },
] as const;

/**
 * The candidate lattice of issue #13 as filed (before the grids were nested): every `spacingKm` in cells,
 * starting half a step from the grid's corner. Kept so that the filed instances can be reproduced.
 */
export function filedCandidates(grid: CountyGrid, spacingKm: number): Candidate[] {
  const s = Math.max(1, Math.round((spacingKm * 1000) / grid.cellSizeM));
  return latticeCandidates(grid, s, Math.floor(s / 2), Math.floor(s / 2));
}

/** The county grid of a Nanyang county from the shipped geodata. */
export function nanyangCountyGrid(fc: { features: Array<{ properties: { code: string } }> }, code: string): CountyGrid {
  const f = fc.features.find((g) => g.properties.code === code);
  if (!f) throw new Error(`no county ${code} in counties-nanyang.geojson`);
  return buildCountyGrid(f as Parameters<typeof buildCountyGrid>[0]);
}

/** An issue #13 MCLP on one county grid: 1 km demand blocks, 2 km candidates ("as filed" or nested). */
export function issueProblem(
  grid: CountyGrid,
  radiusKm: number,
  k: number,
  lattice: "as filed" | "nested",
): SitingProblem {
  return {
    demand: demandFromGrid(grid, { blockM: 1000 }),
    candidates: lattice === "as filed" ? filedCandidates(grid, 2) : candidatesFromGrid(grid, 2),
    existing: [],
    radiusKm,
    objective: { kind: "mclp", k },
  };
}
