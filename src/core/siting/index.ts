export type {
  Candidate,
  DemandPoint,
  ExistingSite,
  SitingConstraints,
  SitingObjective,
  SitingProblem,
  SitingResult,
  SitingSite,
  SitingStatus,
} from "./types";
export { SitingInputError } from "./types";
export { type SolveOptions, solveSiting } from "./solve";
export { type HighsInstance, type HighsLoadOptions, loadHighs, buildMip, aggregateRows } from "./mip";
export { prepare, validateProblem } from "./prepare";
export { type CandidateArea, gridCandidates } from "./candidates";
export { type DemandFromGridOptions, candidatesFromGrid, demandFromGrid } from "./grid-adapter";
export {
  type SubCentreCheck,
  type UrbanArea,
  chooseCentralThcs,
  qualifyingSubCentres,
  subCentreExclusion,
} from "./thc";
export { approxKm, geodesicKm } from "./distance";
