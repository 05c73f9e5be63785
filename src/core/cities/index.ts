export {
  type CityCounties,
  type CityDivisions,
  type CodeNote,
  type CompactDivisions,
  type CountyTopology,
  continueRenamedUnits,
  countiesFromTopology,
  divisionsFromCompact,
  townshipKind,
  villageKind,
} from "./chunk";
export { CountyLocator, facilitiesForExport, facilitiesWithCounty, withUnitNames } from "./county-locator";
export { type FacilityColumn, type FacilityColumns, facilitiesFromColumns, facilityColumns } from "./facility-columns";
export {
  type CityLookup,
  citiesByProvince,
  editDistance,
  findCity,
  findProvince,
  nearCities,
  nearProvinces,
  searchCities,
} from "./lookup";
export { type GeodataReader, loadCityCounties, loadCityDivisions, loadNationalCounties } from "./national";
export {
  COST_PER_COUNTY_KM2,
  COST_PER_VILLAGE_KM2,
  cityCost,
  hasLocalPlan,
  type LocalPlanReach,
  localPlanReach,
  lookupCity,
  lookupProvince,
  type ProvinceLookup,
  runOrder,
  shardRange,
} from "./region";
export {
  type ChinaIndex,
  ChinaIndexSchema,
  CITY_KINDS,
  type CityDataIssue,
  type CityEntry,
  CityEntrySchema,
  type CityKind,
  type ProvinceEntry,
  parseChinaIndex,
} from "./schema";
export { PINYIN_SYLLABLES, pinyinSyllableCount, splitSyllables, syllablesFollow } from "./syllables";
export {
  citiesOfPoints,
  OTHER_CITY_SHARE,
  otherCityIssue,
  type PointPlace,
  type PointsWhere,
  placeOutsideRows,
} from "./where";
