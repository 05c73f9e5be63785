export {
  type CityCounties,
  type CityDivisions,
  type CodeNote,
  type CompactDivisions,
  type CountyTopology,
  countiesFromTopology,
  divisionsFromCompact,
  townshipKind,
  villageKind,
} from "./chunk";
export { type CityLookup, citiesByProvince, findCity, findProvince, searchCities } from "./lookup";
export { type GeodataReader, loadCityCounties, loadNationalCounties } from "./national";
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
