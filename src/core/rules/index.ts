export type { CountyContext, CoverageResult, RuleOutcome } from "./checks";
export { countyMedicalCentre, evaluateRule, type SubCountBand, subCountBand } from "./checks";
export { fmtKm, gradeRank, hospitalKindOf, isPublic, pointInPolygon } from "./helpers";
export type { LocalizedText, NumParam, PopulationBand, Provenance, Rule, RuleId, RuleKind, RuleSet } from "./schema";
export { parseRuleSet, RULE_IDS, RuleSchema, RuleSetSchema, ruleSetJsonSchema } from "./schema";
export { analyze, createAnalysisSession, DEFAULT_PARAMS, resolveParams } from "./session";
export type {
  AnalysisInput,
  AnalysisParams,
  AnalysisReport,
  AnalysisSession,
  Check,
  CheckStatus,
  CountyReport,
  DemandPoint,
  Divisions,
  GapFeature,
  RingStat,
  UrbanAreaFeature,
  UrbanDefinition,
  Violation,
} from "./types";
export { describeUrban, isUrbanPoint, urbanAreaFeatures } from "./urban";
