export { computeTravelTime, moveSite, type TravelTimeField } from "./field";
export {
  buildRoadNetwork,
  type RoadLayerUse,
  type RoadNetworkBuild,
  type RoadNetworkOptions,
  roadLayerUse,
  roadSpeed,
  roadSpeedIssues,
} from "./network";
export { snapToNetwork } from "./search";
export { type TravelTimeCoverage, type TravelTimeCoverageOptions, travelTimeCoverage } from "./siting";
export {
  DEFAULT_SPEEDS,
  MAX_SPEED_KMH,
  normalizeRoadClass,
  parseSpeedTable,
  type SpeedTable,
  speedTableSchema,
} from "./speeds";
export {
  beyondLimit,
  type IsochroneProps,
  isochroneBands,
  type TravelTimeSummary,
  travelGapPolygons,
  travelTimeSummary,
} from "./summary";
export type { Road, RoadNetwork, RoadRef, TravelSite } from "./types";
