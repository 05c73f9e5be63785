export type { CountyContext, CoverageResult, Evaluator, QualifyingSubCentre, RuleOutcome } from "./context";
export { EVALUATORS, evaluateRule } from "./evaluate";
export { fmtKm, fmtPct, hospitalKindOf, isPublic } from "./helpers";
export { type SubCountBand, subCountBand } from "./kinds/count-by-population-band";
export { type ListScope, listScopeOf } from "./list-scope";
export { countyMedicalCentre, type MedicalCentreRef } from "./medical-centre";
export {
  checkParam,
  DEFAULT_PARAMS,
  defaultUrban,
  FLAG_PARAMS,
  type NumericParamKey,
  ParamError,
  type ParamIssue,
  type ParamSpec,
  paramSpec,
  resolveParams,
  validateParams,
} from "./params";
export type {
  Measure,
  NumParam,
  PopulationBand,
  Provenance,
  Rule,
  RuleId,
  RuleKind,
  RuleSet,
  Scope,
  Units,
} from "./schema";
export { CITY_LEVEL_KINDS, parseRuleSet, RULE_IDS, RuleSchema, RuleSetSchema, ruleSetJsonSchema } from "./schema";
export { analyze, createAnalysisSession } from "./session";
export { emsRingPoints, inScope } from "./session-layers";
export { type CountyTint, countyTints, type FacilityStatus, facilityStatuses, violationKeys } from "./status";
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
  CountyStaffing,
  CoverageShortfall,
  Divisions,
  GapDiscs,
  GapFeature,
  ParamOverrides,
  ReportOptions,
  RingStat,
  TownshipRow,
  UnitPopulation,
  UrbanAreaFeature,
  UrbanDefinition,
  Violation,
} from "./types";
export {
  type DivisionKinds,
  describeUrban,
  divisionKinds,
  isUrbanPoint,
  type UrbanSeat,
  urbanAreaFeatures,
  urbanByCode,
  urbanSeats,
} from "./urban";
export {
  type BuiltUpArea,
  CENTRAL_CITY_BUILT_UP,
  COUNTY_SEAT_BUILT_UP,
  centralCityBuiltUp,
  discRadiusKm,
  GENERIC_CITY_BUILT_UP,
} from "./urban-defaults";
