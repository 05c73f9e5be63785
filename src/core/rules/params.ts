import { DEFAULT_CELL_SIZE_M } from "../coverage/defaults";
import type { LocalizedText } from "../model";
import type { Rule, RuleId, RuleSet } from "./schema";
import type { AnalysisParams, ParamOverrides } from "./types";
import { COUNTY_SEAT_BUILT_UP, centralCityBuiltUp, discRadiusKm } from "./urban-defaults";

/**
 * Defaults not set by the rule set: the urban area is a built-up disc around each seat, sized from published
 * built-up areas (the central city's by city where a figure is on file, see urban-defaults.ts); each county's own
 * EMS network (no cross-border cover); 250 m cells.
 */
export const DEFAULT_PARAMS = {
  urban: {
    centralCityRadiusKm: discRadiusKm(centralCityBuiltUp(undefined).km2),
    countySeatRadiusKm: discRadiusKm(COUNTY_SEAT_BUILT_UP.km2),
  },
  cellSizeM: DEFAULT_CELL_SIZE_M,
  crossBorder: false,
} as const;

/** The default urban definition for a city: its central city's disc from its published built-up area. */
export function defaultUrban(city?: string): AnalysisParams["urban"] {
  return {
    centralCityRadiusKm: discRadiusKm(centralCityBuiltUp(city).km2),
    countySeatRadiusKm: DEFAULT_PARAMS.urban.countySeatRadiusKm,
  };
}

/** The planner-settable on/off parameters: the CLI flag and the label of each. */
export const FLAG_PARAMS = {
  crossBorder: {
    key: "crossBorder",
    option: "cross-border",
    label: {
      zh: "跨县急救覆盖（计入邻县急救点）",
      en: "Cross-border EMS cover (count neighbouring counties' stations)",
    },
    default: false,
  },
} as const;

/** The planner-settable numeric parameters. */
export type NumericParamKey =
  | "urbanRadiusKm"
  | "ruralRadiusKm"
  | "subCentreMinKm"
  | "centralCityRadiusKm"
  | "countySeatRadiusKm";

/**
 * One numeric parameter as the Plan tab, the CLI and validation see it. The range is the plan's own where the rule
 * set states one (`rangeFrom: "plan"`, e.g. the rural EMS radius 10–20 km of 000:232); elsewhere the tool's, chosen
 * visibly here and widened to take in the rule set's value. Both ends are inclusive.
 */
export interface ParamSpec {
  key: NumericParamKey;
  /** Command-line option, without the leading `--`. */
  option: string;
  label: LocalizedText;
  unit: "km";
  min: number;
  max: number;
  step: number;
  /** The rule set's value (or the tool's default where no rule sets one). */
  default: number;
  /** How the parameter's own bound reads: "inclusive" means a distance equal to it still counts (≤ r, ≥ d). */
  bound: "inclusive" | "exclusive";
  /** The rule whose value this is, when the rule set has it. */
  rule?: RuleId;
  rangeFrom: "plan" | "tool";
}

/** Ranges the tool uses where no plan states one (km, inclusive); the Plan tab has used them from the start. */
const TOOL_RANGES: Record<NumericParamKey, { min: number; max: number; step: number; default: number }> = {
  urbanRadiusKm: { min: 0.5, max: 10, step: 0.5, default: 5 },
  ruralRadiusKm: { min: 0.5, max: 50, step: 0.5, default: 20 },
  subCentreMinKm: { min: 0.5, max: 50, step: 0.5, default: 15 },
  centralCityRadiusKm: { min: 0, max: 20, step: 0.1, default: DEFAULT_PARAMS.urban.centralCityRadiusKm },
  countySeatRadiusKm: { min: 0, max: 10, step: 0.1, default: DEFAULT_PARAMS.urban.countySeatRadiusKm },
};

const LABELS: Record<NumericParamKey, LocalizedText> = {
  urbanRadiusKm: { zh: "城区急救服务半径", en: "Urban EMS radius" },
  ruralRadiusKm: { zh: "农村急救服务半径", en: "Rural EMS radius" },
  subCentreMinKm: { zh: "次中心距县域医疗中心", en: "Sub-centre distance from county medical centre" },
  centralCityRadiusKm: {
    zh: "中心城区建成区半径（各区政府驻地周围）",
    en: "Central city built-up radius (around its district seats)",
  },
  countySeatRadiusKm: {
    zh: "县城建成区半径（其他区、县（市）政府驻地周围）",
    en: "County-seat built-up radius (around other seats)",
  },
};

/** The command-line option of each numeric parameter (without `--`). */
export const PARAM_OPTIONS: Readonly<Record<NumericParamKey, string>> = {
  urbanRadiusKm: "urban-radius-km",
  ruralRadiusKm: "rural-radius-km",
  subCentreMinKm: "min-km",
  centralCityRadiusKm: "central-city-radius-km",
  countySeatRadiusKm: "county-seat-radius-km",
};

type NumberParam = { value: number; bound: "inclusive" | "exclusive"; min?: number; max?: number };

function ruleParam(ruleSet: RuleSet | undefined, key: NumericParamKey): { rule: Rule; p: NumberParam } | undefined {
  const find = (id: RuleId) => ruleSet?.rules.find((r) => r.id === id);
  if (key === "urbanRadiusKm" || key === "ruralRadiusKm") {
    const r = find(key === "urbanRadiusKm" ? "EMS-URBAN" : "EMS-RURAL");
    return r?.kind === "radius-coverage" ? { rule: r, p: r.params.radiusKm } : undefined;
  }
  if (key === "subCentreMinKm") {
    const r = find("SUB-15KM");
    return r?.kind === "min-distance-outside-urban" ? { rule: r, p: r.params.minDistanceKm } : undefined;
  }
  return undefined;
}

/**
 * The spec of each numeric parameter under `ruleSet` (urban, rural, sub-centre distance, urban-area sizes); without a
 * rule set, the tool's own ranges and defaults. The central city's default is `city`'s (from its published built-up
 * area), else the rule set's scope city's.
 */
export function paramSpec(ruleSet?: RuleSet, city?: string): Record<NumericParamKey, ParamSpec> {
  const out = {} as Record<NumericParamKey, ParamSpec>;
  const urban = defaultUrban(city ?? ruleSet?.scope?.city);
  for (const key of Object.keys(TOOL_RANGES) as NumericParamKey[]) {
    const tool =
      key === "centralCityRadiusKm" ? { ...TOOL_RANGES[key], default: urban.centralCityRadiusKm } : TOOL_RANGES[key];
    const from = ruleParam(ruleSet, key);
    const p = from?.p;
    const planRange = p?.min !== undefined || p?.max !== undefined;
    const value = p?.value ?? tool.default;
    out[key] = {
      key,
      option: PARAM_OPTIONS[key],
      label: LABELS[key],
      unit: "km",
      min: p?.min ?? Math.min(tool.min, value),
      max: p?.max ?? Math.max(tool.max, value),
      step: tool.step,
      default: value,
      bound: p?.bound ?? "inclusive",
      ...(from ? { rule: from.rule.id } : {}),
      rangeFrom: planRange ? "plan" : "tool",
    };
  }
  return out;
}

/**
 * The parameters a result records for its reader (GeoJSON exports, the print map): the EMS radii and the sub-centre
 * distance only where `ruleSet` has the rule that uses them. The GIS trial (s42-a #2): 平顶山's exports and print
 * map said 「农村 20 km」 under plan 001, which sets no radius and checks none.
 */
export function paramsInUse<P extends object>(ruleSet: RuleSet, params: P): Partial<P> {
  const out: Partial<P> = { ...params };
  for (const key of ["urbanRadiusKm", "ruralRadiusKm", "subCentreMinKm"] as const)
    if (!ruleParam(ruleSet, key)) delete (out as Record<string, unknown>)[key];
  return out;
}

/**
 * The service radius of new sites in siting (any facility type), km: the app's Suggest tab and `suggest --radius-km`
 * (whose default is the rural EMS radius there, and 10 km for central THCs). Within the coverage engine's limit.
 */
export const SITING_RADIUS_KM = { min: 0.5, max: 50, step: 0.5 } as const;

/** A parameter value outside its allowed range, with a message naming both (zh / en). */
export interface ParamIssue {
  key: NumericParamKey;
  value: unknown;
  min: number;
  max: number;
  message: LocalizedText;
}

/** Why `value` is not allowed for `spec`, or null when it is (a finite number within [min, max]). */
export function checkParam(spec: ParamSpec, value: unknown): ParamIssue | null {
  if (typeof value === "number" && Number.isFinite(value) && value >= spec.min && value <= spec.max) return null;
  const where =
    spec.rangeFrom === "plan"
      ? { zh: "规划范围", en: "the plan's range" }
      : { zh: "允许范围", en: "the allowed range" };
  const shown = typeof value === "number" ? String(value) : JSON.stringify(value);
  return {
    key: spec.key,
    value,
    min: spec.min,
    max: spec.max,
    message: {
      zh: `${spec.label.zh} ${shown} 超出${where.zh} [${spec.min}, ${spec.max}] 公里`,
      en: `${spec.label.en} ${shown} is outside ${where.en} [${spec.min}, ${spec.max}] km`,
    },
  };
}

/** Every numeric parameter of `partial` outside its range under `ruleSet`. */
export function validateParams(ruleSet: RuleSet, partial: ParamOverrides, city?: string): ParamIssue[] {
  const spec = paramSpec(ruleSet, city);
  const values: Partial<Record<NumericParamKey, unknown>> = {
    urbanRadiusKm: partial.urbanRadiusKm,
    ruralRadiusKm: partial.ruralRadiusKm,
    subCentreMinKm: partial.subCentreMinKm,
    centralCityRadiusKm: partial.urban?.centralCityRadiusKm,
    countySeatRadiusKm: partial.urban?.countySeatRadiusKm,
  };
  const issues: ParamIssue[] = [];
  for (const key of Object.keys(values) as NumericParamKey[]) {
    if (values[key] === undefined) continue;
    const issue = checkParam(spec[key], values[key]);
    if (issue) issues.push(issue);
  }
  return issues;
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Parameters outside their ranges; `issues` name each (thrown by {@link resolveParams}). */
export class ParamError extends RangeError {
  readonly issues: ParamIssue[];
  constructor(issues: ParamIssue[]) {
    super(issues.map((i) => `${i.message.zh} / ${i.message.en}`).join("; "));
    this.name = "ParamError";
    this.issues = issues;
  }
}

/**
 * Full parameters from the rule set's values and the caller's overrides (an urban override may give only some of its
 * fields; the rest keep their defaults). `city` picks the central city's default size (else the rule set's scope
 * city). Throws {@link ParamError} when an override lies outside its range ({@link paramSpec}), RangeError for a bad
 * cell size.
 */
export function resolveParams(ruleSet: RuleSet, partial: ParamOverrides = {}, city?: string): AnalysisParams {
  const issues = validateParams(ruleSet, partial, city);
  if (issues.length > 0) throw new ParamError(issues);
  const spec = paramSpec(ruleSet, city);
  const countRule = ruleSet.rules.find((r) => r.id === "SUB-COUNT");
  const p: AnalysisParams = {
    urbanRadiusKm: spec.urbanRadiusKm.default,
    ruralRadiusKm: spec.ruralRadiusKm.default,
    subCentreMinKm: spec.subCentreMinKm.default,
    subCountVariant: countRule?.kind === "count-by-population-band" ? countRule.params.variant : "bands",
    cellSizeM: DEFAULT_PARAMS.cellSizeM,
    crossBorder: DEFAULT_PARAMS.crossBorder,
    ...partial,
    urban: {
      centralCityRadiusKm: spec.centralCityRadiusKm.default,
      countySeatRadiusKm: spec.countySeatRadiusKm.default,
      ...definedOnly(partial.urban ?? {}),
    },
  };
  if (!Number.isFinite(p.cellSizeM) || p.cellSizeM <= 0)
    throw new RangeError(`cellSizeM must be a positive number, got ${p.cellSizeM}`);
  return p;
}
