export type { CountyContext, CoverageResult, Evaluator, QualifyingSubCentre, RuleOutcome } from "./context";
export { EVALUATORS, evaluateRule } from "./evaluate";
export { fmtKm, hospitalKindOf, isPublic } from "./helpers";
export { type SubCountBand, subCountBand } from "./kinds/count-by-population-band";
export { countyMedicalCentre, type MedicalCentreRef } from "./medical-centre";
export {
  checkParam,
  DEFAULT_PARAMS,
  type NumericParamKey,
  ParamError,
  type ParamIssue,
  type ParamSpec,
  paramSpec,
  resolveParams,
  validateParams,
} from "./params";
export type { NumParam, PopulationBand, Provenance, Rule, RuleId, RuleKind, RuleSet } from "./schema";
export { parseRuleSet, RULE_IDS, RuleSchema, RuleSetSchema, ruleSetJsonSchema } from "./schema";
export { analyze, createAnalysisSession } from "./session";
export { type CountyTint, countyTints, type FacilityStatus, facilityStatuses, violationKeys } from "./status";
export type {
  AnalysisInput,
  AnalysisParams,
  AnalysisReport,
  AnalysisSession,
  Check,
  CheckStatus,
  CountyReport,
  Divisions,
  GapFeature,
  RingStat,
  UrbanAreaFeature,
  UrbanDefinition,
  Violation,
} from "./types";
export { describeUrban, isUrbanPoint, urbanAreaFeatures } from "./urban";
