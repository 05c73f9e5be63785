export { type CandidateArea, gridCandidates } from "./candidates";
export { approxKm, geodesicKm } from "./distance";
export { candidatesFromGrid, type DemandFromGridOptions, demandFromGrid, latticeCandidates } from "./grid-adapter";
export {
  type BoundAndFixResult,
  boundAndFix,
  type LagrangianOptions,
  type LagrangianResult,
  lagrangianBound,
  lagrangianFixing,
} from "./lagrangian";
export { improveBySwaps, type SwapOptions, type SwapResult } from "./local-search";
export { aggregateRows, buildMip, type HighsInstance, type HighsLoadOptions, loadHighs } from "./mip";
export { prepare, validateProblem } from "./prepare";
export { type ReducedModel, reduceModel, withoutPositions } from "./reduce";
export { type SolveOptions, solveSiting } from "./solve";
export {
  chooseCentralThcs,
  qualifyingSubCentres,
  type SubCentreCheck,
  subCentreExclusion,
  type UrbanArea,
} from "./thc";
export type {
  Candidate,
  DemandPoint,
  ExistingSite,
  SitingConstraints,
  SitingModelInfo,
  SitingObjective,
  SitingProblem,
  SitingResult,
  SitingSite,
  SitingStatus,
} from "./types";
export { SitingInputError } from "./types";
export {
  type CountySitingResult,
  type GridCheck,
  type SitingDemandUnit,
  sitingDemandUnit,
  solveCountySiting,
  type TravelCheck,
} from "./verify";
