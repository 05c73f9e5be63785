export { CountyCoverage, type CountyPart, type CoverageWork } from "./county-coverage";
export { buildCountyGrid, DEFAULT_CELL_SIZE_M, MAX_GRID_CELLS, rasterizeMask } from "./county-grid";
export { applySite, coverCounts, coverCountsUint32, MAX_RADIUS_KM, type SiteCounts, siteCells } from "./cover-counts";
export { coverMask } from "./cover-mask";
export { type CoverageLayer, createCoverageLayer } from "./coverage-layer";
export { areaScale, coverageStats } from "./coverage-stats";
export { demandCoverage } from "./demand-coverage";
export { gapPolygons } from "./gap-polygons";
export type { CellCoverage, CountyGrid, CoverageStats, DemandPoint, GapFeatureProps, Site } from "./types";
