export { CountyCoverage, type CountyPart, type CoverageWork } from "./county-coverage";
export { buildCountyGrid, DEFAULT_CELL_SIZE_M, MAX_GRID_CELLS, rasterizeMask } from "./county-grid";
export { applySite, coverCounts, MAX_RADIUS_KM, siteCells } from "./cover-counts";
export { areaScale, coverageStats } from "./coverage-stats";
export { demandCoverage } from "./demand-coverage";
export { gapPolygons } from "./gap-polygons";
export type { CountyGrid, CoverageStats, DemandPoint, GapFeatureProps, Site } from "./types";
