/**
 * A second, light entry to the core: the rule set's parameter spec (ranges, defaults, labels, CLI options) and its
 * validation, without the engine, so that help texts and forms can read it without loading geodesy, coverage and
 * file parsing. Everything here is also in src/core/index.ts.
 */
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
  resolveParams,
  SITING_RADIUS_KM,
  validateParams,
} from "./rules/params";
