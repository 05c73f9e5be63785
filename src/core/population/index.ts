export { aggregatePopulation, type GridPopulation } from "./aggregate";
export {
  type CountyRasterCover,
  RASTER_COVER_MIN,
  rasterCoverage,
  rasterCoverageIssues,
  rasterCutShort,
} from "./coverage";
