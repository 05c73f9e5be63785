export {
  ARCHIVE_LIMITS,
  type ArchiveLimits,
  checkArchive,
  isShapefileSet,
  SHAPEFILE_PARTS,
  shapefileSet,
} from "./archive";
export {
  type BoundaryProps,
  countyFeatures,
  interiorPoint,
  parseBoundaryFile,
  parsePopulationTable,
} from "./boundaries";
export {
  CHINA_BBOX,
  type CheckOptions,
  checkCoordinates,
  checkStatedCounty,
  type DatumEvidence,
  datumFromBoundaries,
  guessDatumFromNames,
  inChinaBbox,
  makeContains,
  outsideStatedRows,
} from "./checks";
export { guessFacilityType, guessHospitalKind, parseGrade, parseOwnership, readTypeCell } from "./classify";
export { guessColumns } from "./columns";
export {
  crsFromPrj,
  fromWgs84,
  gkZoneCrs,
  isProjected,
  isSupportedCrs,
  normalizeCrs,
  projDefinition,
  toWgs84,
} from "./crs";
export { type DemandImport, parseDemandFile, type WeightedPoint } from "./demand";
export { describeFileError, FileProblem, LIBRARY_DETAIL_CODES } from "./errors";
export {
  type CsvColumn,
  type ExportMeta,
  exportCsv,
  exportFacilitiesCsv,
  exportFacilitiesGeoJSON,
  exportFeaturesGeoJSON,
  exportIssuesCsv,
  FACILITY_CSV_COLUMNS,
  facilityFeature,
  facilityProperties,
  isOwnFacilityCsv,
  type RefusedFacilityRow,
  refusedFacilityRows,
  refusedRowCounty,
} from "./export";
export {
  type CountyRef,
  datumIssue,
  detectFormat,
  emptyFileIssue,
  type FileFormat,
  importedFacilities,
  PROGRESS_EVERY,
  parseFacilityFile,
  RECORD_UNIT_ZH,
  type RecordUnit,
  recordUnit,
} from "./facilities";
export { MAX_NUMBER_CHARS, notACount, notANumber, parseCoordinate, parseDecimal, shortValue } from "./numbers";
export {
  type Project,
  type ProjectState,
  parseProject,
  parseSavedHistory,
  parseSavedSession,
  projectSchema,
  SAVED_HISTORY_STEPS,
  SAVED_IMPORT_ISSUES,
  type SavedHistory,
  savedSessionSchema,
  serializeProject,
} from "./project";
export {
  listSheets,
  parseCsvBytes,
  parseCsvText,
  parseTableBytes,
  parseXlsxBytes,
  type Table,
  type TableNote,
} from "./tabular";
export { type ImportTally, importTally } from "./tally";
export { cpgToEncoding, type DecodeNote, decodeText } from "./text";
export { simplifiedTable } from "./traditional";
export * from "./types";
export {
  matchUnitNames,
  namesUnit,
  type TownshipNamed,
  townshipFinder,
  townshipsNamed,
  type UnitNameCells,
} from "./unit-names";
export { parseStaffingTable, parseUnitPopulationTable, parseUrbanAreaFile } from "./unit-tables";
export { hasSelfIntersection, validateBoundaries } from "./validate-boundaries";
