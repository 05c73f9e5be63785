import { type NumericParamKey, PARAM_OPTIONS, type ParamOverrides, type RuleSet, validateParams } from "../core";
import { InputError, optionError } from "./common";

/**
 * The analysis parameters given as options (--urban-radius-km, --rural-radius-km, --min-km,
 * --central-city-radius-km, --county-seat-radius-km).
 */
export type ParamOptions = Partial<Record<NumericParamKey, number>>;

/** The option names of the analysis parameters, for scanArgs. */
export const PARAM_OPTION_NAMES: readonly string[] = Object.values(PARAM_OPTIONS);

/**
 * Reads the parameter options as numbers (an error line for one that is not); their ranges depend on the rule set
 * and are checked by {@link checkParamOptions} once it is read.
 */
export function readParamOptions(raw: Map<string, string>, errors: string[]): ParamOptions {
  const params: ParamOptions = {};
  for (const [key, option] of Object.entries(PARAM_OPTIONS) as Array<[NumericParamKey, string]>) {
    const v = raw.get(option);
    if (v === undefined) continue;
    const n = Number(v);
    if (v.trim() === "" || !Number.isFinite(n))
      errors.push(optionError(option, `“${v}” 不是数字`, `"${v}" is not a number`));
    else params[key] = n;
  }
  return params;
}

/**
 * The options as analysis parameters, checked against the rule set's parameter spec: a value out of its range is
 * an InputError naming the option, the value and the range (exit 2).
 */
export function checkParamOptions(ruleSet: RuleSet, options: ParamOptions, city?: string): ParamOverrides {
  const params: ParamOverrides = {};
  if (options.urbanRadiusKm !== undefined) params.urbanRadiusKm = options.urbanRadiusKm;
  if (options.ruralRadiusKm !== undefined) params.ruralRadiusKm = options.ruralRadiusKm;
  if (options.subCentreMinKm !== undefined) params.subCentreMinKm = options.subCentreMinKm;
  const urban: NonNullable<ParamOverrides["urban"]> = {};
  if (options.centralCityRadiusKm !== undefined) urban.centralCityRadiusKm = options.centralCityRadiusKm;
  if (options.countySeatRadiusKm !== undefined) urban.countySeatRadiusKm = options.countySeatRadiusKm;
  if (Object.keys(urban).length > 0) params.urban = urban;
  const bad = validateParams(ruleSet, params, city);
  if (bad.length) throw new InputError(bad.map((i) => optionError(PARAM_OPTIONS[i.key], i.message.zh, i.message.en)));
  return params;
}
