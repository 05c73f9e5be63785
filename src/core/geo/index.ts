export { authalicAreaKm2 } from "./area";
export {
  geodesicAreaKm2,
  geodesicBoundsM,
  geodesicDestination,
  geodesicDistanceKm,
  geodesicWithinKm,
  WGS84_A,
  WGS84_F,
} from "./geodesic";
export { polygonInteriorPoint } from "./interior";
export { geodesicCircle, pointInPolygon, polygonLocator } from "./point-in-polygon";
export type { LocalProjection } from "./projection";
export { gaussianRadiusSquared, localTransverseMercator, tmScaleFactor } from "./projection";
