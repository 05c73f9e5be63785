/**
 * The analysis core: what the app's worker, the command line and the scripts may use. Pure TypeScript (no DOM,
 * React, MapLibre, fs or Node APIs); plain data in, plain data out; inputs never mutated. Each name is documented
 * where it is declared. Tests may import deeper; everything else imports from here (Biome enforces it).
 */

// Every prefecture-level city's geodata: the national index, lookups, and the per-city chunks
export {
  type ChinaIndex,
  ChinaIndexSchema,
  CITY_KINDS,
  type CityCounties,
  type CityDataIssue,
  type CityDivisions,
  type CityEntry,
  CityEntrySchema,
  type CityKind,
  type CityLookup,
  COST_PER_COUNTY_KM2,
  COST_PER_VILLAGE_KM2,
  type CodeNote,
  type CompactDivisions,
  CountyLocator,
  type CountyTopology,
  citiesByProvince,
  citiesOfPoints,
  cityCost,
  continueRenamedUnits,
  countiesFromTopology,
  divisionsFromCompact,
  editDistance,
  type FacilityColumn,
  type FacilityColumns,
  facilitiesForExport,
  facilitiesFromColumns,
  facilitiesWithCounty,
  facilityColumns,
  findCity,
  findProvince,
  type GeodataReader,
  hasLocalPlan,
  type LocalPlanReach,
  loadCityCounties,
  loadCityDivisions,
  loadNationalCounties,
  localPlanReach,
  lookupCity,
  lookupProvince,
  nearCities,
  nearProvinces,
  OTHER_CITY_SHARE,
  otherCityIssue,
  PINYIN_SYLLABLES,
  type PointPlace,
  type PointsWhere,
  type ProvinceEntry,
  type ProvinceLookup,
  parseChinaIndex,
  pinyinSyllableCount,
  placeOutsideRows,
  runOrder,
  searchCities,
  shardRange,
  splitSyllables,
  syllablesFollow,
  townshipKind,
  villageKind,
  withUnitNames,
} from "./cities";
export { CountyCoverage, type CountyPart, type CoverageWork } from "./coverage/county-coverage";
export { buildCountyGrid } from "./coverage/county-grid";
// Coverage on county grids
export { applySite, coverCounts, coverCountsUint32, type SiteCounts } from "./coverage/cover-counts";
export { type CoverMethod, coverMask } from "./coverage/cover-mask";
export { type CoverageLayer, createCoverageLayer } from "./coverage/coverage-layer";
export { coverageStats } from "./coverage/coverage-stats";
export { DEFAULT_CELL_SIZE_M } from "./coverage/defaults";
export { demandCoverage } from "./coverage/demand-coverage";
export { MAX_RADIUS_KM } from "./coverage/disc-test";
export { gapPolygons } from "./coverage/gap-polygons";
export type { CellCoverage, CountyGrid, CoverageStats, GapFeatureProps, Site } from "./coverage/types";
// Geodesy: distances and areas on the WGS84 ellipsoid, local projections, point in polygon
export { authalicAreaKm2 } from "./geo/area";
export { geodesicAreaKm2, geodesicDestination, geodesicDistanceKm } from "./geo/geodesic";
export { polygonInteriorPoint } from "./geo/interior";
export { geodesicCircle, pointInPolygon, polygonLocator } from "./geo/point-in-polygon";
export { type LocalProjection, localTransverseMercator } from "./geo/projection";
export {
  type AbsentKinds,
  absentKinds,
  absentKindsIssue,
  absentKindsText,
  ungradedHospitalsIssue,
} from "./io/absent-kinds";
export { type AppendedList, appendFacilityList } from "./io/append";
export { isShapefileSet, SHAPEFILE_PARTS, shapefileSet } from "./io/archive";
// Reading and writing files: facilities, boundaries, populations, demand points, projects, exports
export {
  type BoundaryProps,
  countyFeatures,
  interiorPoint,
  parseBoundaryFile,
  parsePopulationTable,
} from "./io/boundaries";
export {
  checkStatedCounty,
  datumFromBoundaries,
  distanceOutsideKm,
  markOutsideUnitCounty,
  outsideStatedRows,
  unsayUnitReview,
} from "./io/checks";
export { guessFacilityType } from "./io/classify";
export { fromWgs84, normalizeCrs, projectionLabel, toWgs84 } from "./io/crs";
export { type DemandImport, parseDemandFile, type WeightedPoint } from "./io/demand";
export { LIBRARY_DETAIL_CODES } from "./io/errors";
export {
  type CsvColumn,
  type ExportMeta,
  exportCsv,
  exportFacilitiesCsv,
  exportFacilitiesGeoJSON,
  exportFeaturesGeoJSON,
  exportIssuesCsv,
  facilityFeature,
  facilityProperties,
  isOwnFacilityCsv,
  type PlanMeta,
  planMeta,
  RESULT_COORDINATES,
  type RefusedFacilityRow,
  refusedFacilityRows,
  refusedRowCounty,
} from "./io/export";
export {
  type CountyRef,
  datumIssue,
  detectFormat,
  dropIssues,
  emptyFileIssue,
  type FileFormat,
  importedFacilities,
  parseFacilityFile,
  RECORD_UNIT_ZH,
  type RecordUnit,
  recordUnit,
} from "./io/facilities";
export {
  contextCountyIssues,
  countiesNotInList,
  listScopeIssue,
  THIN_COUNTY_ROWS,
  thinCountyIssues,
} from "./io/list-scope";
export {
  PROJECT_EMBED_MAX_BYTES,
  type Project,
  type ProjectState,
  type ProjectTravel,
  parseProject,
  parseSavedHistory,
  parseSavedSession,
  projectOutsideCity,
  SAVED_HISTORY_STEPS,
  SAVED_IMPORT_ISSUES,
  type SavedDatasetSource,
  type SavedHistory,
  type SavedSession,
  sampleChangedIssue,
  sampleDigest,
  serializeProject,
} from "./io/project";
export {
  cropPopulationRaster,
  type PopulationRaster,
  pixelWindow,
  type RasterReadOptions,
  readPopulationGeoTiff,
} from "./io/raster";
export {
  type LonLatBbox,
  type RoadImport,
  type RoadProgress,
  type RoadReadOptions,
  readRoadsGeoJSON,
  readRoadsShapefile,
} from "./io/roads";
export { type RoadDatumFit, roadDatumFit, roadDatumIssue } from "./io/roads-datum";
export { readRoadsOsmPbf, readRoadsOsmXml } from "./io/roads-osm";
export {
  type DbfField,
  type DbfSchemaField,
  exportShapefileZip,
  FACILITY_DBF_FIELDS,
  isShapefileCrs,
  type ShapefileCrs,
  type ShapefileLayer,
  type ShapefileZip,
  type ShapeKind,
  shapefilePrj,
  shapefileProjections,
} from "./io/shapefile";
export { parseCsvBytes, parseTableBytes, parseXlsxBytes, type Table } from "./io/tabular";
export { type ImportTally, importTally } from "./io/tally";
export { fileExt, fileStem } from "./io/text";
export { simplifiedTable } from "./io/traditional";
export type {
  ColumnMapping,
  CrsId,
  FacilityImport,
  Message,
  ParseFacilityOptions,
  RowIssue,
  TypeOverrides,
} from "./io/types";
export {
  matchUnitNames,
  mayTakeUnitFromName,
  namesUnit,
  placeRejectedFacilities,
  type TownshipNamed,
  townshipFinder,
  townshipsNamed,
  type UnitNameCells,
} from "./io/unit-names";
export { parseStaffingTable, parseUnitPopulationTable, parseUrbanAreaFile } from "./io/unit-tables";
export { validateBoundaries } from "./io/validate-boundaries";
// Map layers drawn from the analysis
export {
  measuredFromRings,
  type RingClip,
  type RingProps,
  serviceRings,
  serviceRingsByRule,
  subCentreRings,
} from "./layers/rings";
// The facility taxonomy and shared data types
export {
  COUNTY_KIND_EN,
  type CountyPopulation,
  type CountyProps,
  type CountyStaffing,
  countyKindEn,
  countyKindOfName,
  countyNamesEnByCode,
  type DemandPoint,
  FACILITY_TYPE_LABELS,
  FACILITY_TYPES,
  type Facility,
  type FacilityType,
  gradeLabel,
  gradeRank,
  HOSPITAL_KIND_LABELS,
  HOSPITAL_LEVEL_LABELS,
  type HospitalGrade,
  type HospitalKind,
  hospitalLevel,
  keptByUpgrade,
  keptForReview,
  type LocalizedText,
  type Ownership,
  type RejectedFacility,
  type StaffCounts,
  standsToday,
  typeChoiceText,
  type UnitPopulation,
  type WeightedDemandPoint,
  withoutReplaced,
} from "./model";
export { counted, plural } from "./plural";
// Travel time on roads and population rasters (the engine; not yet wired into the rules)
export {
  aggregatePopulation,
  type CountyRasterCover,
  type GridPopulation,
  RASTER_COVER_MIN,
  rasterCoverage,
  rasterCoverageIssues,
  rasterCutShort,
} from "./population";
export { checksRadius, comparison } from "./report/compare";
export { reviewDocx } from "./report/docx";
export { clipGapToArea, type GapArea } from "./report/gap-clip";
export { reviewHtml } from "./report/html";
export { reviewMaps } from "./report/map-image";
export { buildReview, type ReviewDocument, type ReviewInput, type SourceNote } from "./report/review";
export { coveredPct, distanceKm, uncoveredKm2 } from "./report/rounding";
export { type SiteEffect, siteEffects } from "./report/site-effects";
export {
  markedFacilities,
  type ProposedSite,
  proposedInCounty,
  proposedOutside,
  proposedSites,
  type ReportProvenance,
  reportSources,
  SITING_BASIS,
} from "./report/sources";
export {
  GAP_EXPORT_FIELDS,
  GAP_FIELD_NOTES,
  type GapExportInput,
  type GapExportProps,
  gapFeaturesForExport,
  gapShapefileLayer,
  listScopeReadme,
  nestQuotes,
  type RingExportInput,
  type RingExportProps,
  ringFeaturesForExport,
  violationsCsv,
} from "./report/tables";
// What reviewers and GIS teams take away: placed, cited violations, export tables, the review report
export {
  type CitedViolation,
  citedViolations,
  type GeometryKind,
  type PlacedViolation,
  type PlacedViolationProps,
  type PlaceViolationsInput,
  placeViolations,
  sureInGroups,
  VIOLATION_FIELD_NOTES,
  violationFlatProps,
} from "./report/violations";
// Which EMS points a county's network counts without cross-border cover (a district: the city's districts and hub)
export { notBindingNote, ownPlanFiles, subCentreNotStated, withBindingNote } from "./rules/comparison";
export type { CountyContext, CoverageResult, Evaluator, QualifyingSubCentre, RuleOutcome } from "./rules/context";
export { coverageNotChecked, emsNetworkPointTypes, inOwnNetwork, networkArea } from "./rules/ems-network";
export { EVALUATORS, evaluateRule } from "./rules/evaluate";
export { fmtPct } from "./rules/helpers";
export { type SubCountBand, subCountBand } from "./rules/kinds/count-by-population-band";
// The plans' rules: rule sets, parameters, the analysis and its report
export { type ListScope, listScopeOf } from "./rules/list-scope";
export { countyMedicalCentre, type MedicalCentreRef } from "./rules/medical-centre";
export { planPeriodNote, unplacedNote } from "./rules/messages";
export { labelMidSentence } from "./rules/messages-common";
export {
  checkParam,
  DEFAULT_PARAMS,
  defaultUrban,
  FLAG_PARAMS,
  type NumericParamKey,
  PARAM_OPTIONS,
  ParamError,
  type ParamIssue,
  type ParamSpec,
  paramSpec,
  paramsInUse,
  resolveParams,
  SITING_RADIUS_KM,
  validateParams,
} from "./rules/params";
export {
  bookTitle,
  CITY_LEVEL_KINDS,
  type Measure,
  type NumParam,
  type PopulationBand,
  type Provenance,
  parseRuleSet,
  RULE_IDS,
  type Rule,
  type RuleId,
  type RuleKind,
  RuleSchema,
  type RuleSet,
  RuleSetSchema,
  ruleSetJsonSchema,
  type Scope,
  type Units,
} from "./rules/schema";
export { analyze, createAnalysisSession } from "./rules/session";
export { emsRingPoints, inScope } from "./rules/session-layers";
// Map-facing verdicts: facility status, county tint, stable violation keys
export { type CountyTint, countyTints, type FacilityStatus, facilityStatuses, violationKeys } from "./rules/status";
export {
  type IsochroneFeature,
  type RoadInput,
  TRAVEL_MARGIN_KM,
  type TravelResult,
  type TravelWork,
  travelBox,
} from "./rules/travel";
export type {
  AnalysisInput,
  AnalysisParams,
  AnalysisReport,
  AnalysisSession,
  Check,
  CheckReading,
  CheckStatus,
  CityReport,
  CountyReport,
  CoverageShortfall,
  Divisions,
  GapDiscs,
  GapFeature,
  ParamOverrides,
  PopulationCover,
  ReportOptions,
  RingStat,
  TownshipRow,
  UrbanAreaFeature,
  UrbanDefinition,
  Violation,
} from "./rules/types";
export {
  type DivisionKinds,
  describeUrban,
  divisionKinds,
  isUrbanPoint,
  type UrbanSeat,
  urbanAreaFeatures,
  urbanByCode,
  urbanSeats,
} from "./rules/urban";
export {
  type BuiltUpArea,
  CENTRAL_CITY_BUILT_UP,
  COUNTY_SEAT_BUILT_UP,
  centralCityBuiltUp,
  discRadiusKm,
  GENERIC_CITY_BUILT_UP,
} from "./rules/urban-defaults";
// Siting: maximal covering and set covering, exact (HiGHS) or greedy, and the plans' constraints
export { type CandidateArea, gridCandidates } from "./siting/candidates";
export {
  type CandidateSource,
  type CountySitingPlan,
  centralThcPlan,
  describeSitingProblem,
  type ExistingNetwork,
  homeCounties,
  planCountySiting,
  type SitingProblemDigest,
  type SitingRequest,
  type SubCentreVerdict,
  subCentreSiteRule,
  subCentreVerdicts,
} from "./siting/county-siting";
export {
  candidatesFromGrid,
  type DemandFromGridOptions,
  demandFromGrid,
  latticeCandidates,
} from "./siting/grid-adapter";
export {
  type BoundAndFixResult,
  boundAndFix,
  type LagrangianOptions,
  type LagrangianResult,
  lagrangianBound,
  lagrangianFixing,
} from "./siting/lagrangian";
export { improveBySwaps, type SwapOptions, type SwapResult } from "./siting/local-search";
export { buildMip, type HighsInstance, type HighsLoadOptions, loadHighs } from "./siting/mip";
export {
  belongsToCounty,
  buildCountySitingProblem,
  type CombinedSiting,
  type CountyFeature,
  type CountySitingInput,
  type CountySitingOutcome,
  type CountySitingProblem,
  combineCountyResults,
  type SubCentreCap,
  separationExclusion,
  subCentreCap,
  worseStatus,
} from "./siting/plan";
export { prepare } from "./siting/prepare";
export { type ReducedModel, reduceModel, withoutPositions } from "./siting/reduce";
export { type SolveOptions, solveSiting } from "./siting/solve";
export { chooseCentralThcs, qualifyingSubCentres, type SubCentreCheck, subCentreExclusion } from "./siting/thc";
export { type SitingPeopleAndTravel, type SitingTravel, withPeopleAndTravel } from "./siting/travel-siting";
export {
  type Candidate,
  type ExistingSite,
  type GivenCoverage,
  type SitingConstraints,
  SitingInputError,
  type SitingModelInfo,
  type SitingObjective,
  type SitingProblem,
  type SitingResult,
  type SitingSite,
  type SitingStatus,
} from "./siting/types";
export {
  type CountySitingResult,
  type GridCheck,
  type SitingDemandUnit,
  sitingDemandUnit,
  solveCountySiting,
  type TravelCheck,
} from "./siting/verify";
export {
  buildRoadNetwork,
  computeTravelTime,
  DEFAULT_SPEEDS,
  isochroneBands,
  MAX_SPEED_KMH,
  moveSite,
  parseSpeedTable,
  type Road,
  type RoadLayerUse,
  type RoadNetwork,
  type RoadNetworkBuild,
  type RoadNetworkOptions,
  roadLayerUse,
  roadSpeedIssues,
  type SpeedTable,
  snapToNetwork,
  type TravelSite,
  type TravelTimeCoverage,
  type TravelTimeField,
  type TravelTimeSummary,
  travelGapPolygons,
  travelTimeCoverage,
  travelTimeSummary,
} from "./travel";
