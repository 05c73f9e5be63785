import { z } from "zod";
import { MAX_RADIUS_KM } from "../coverage/cover-counts";
import { FACILITY_TYPES, type LocalizedText } from "../model";
import { schemaProblems } from "../schema-messages";

export type { LocalizedText } from "../model";

/** Bilingual text (Chinese first). */
export const LocalizedTextSchema: z.ZodType<LocalizedText> = z.object({ zh: z.string().min(1), en: z.string().min(1) });

/**
 * A numeric parameter with its unit and whether the bound includes the value
 * (以上/以下/以内/不超过 include it; 超过/不满 exclude it). `min`/`max` give the allowed range
 * where the plan states a range (e.g. the rural EMS radius 10–20 km).
 */
const IN_RANGE_MESSAGE = "取值须在 [min, max] 之内 / value must lie within [min, max]";

export const NumParamSchema = z
  .object({
    value: z.number(),
    unit: z.string().min(1),
    bound: z.enum(["inclusive", "exclusive"]),
    min: z.number().optional(),
    max: z.number().optional(),
  })
  .refine(withinRange, { message: IN_RANGE_MESSAGE })
  .meta({ id: "NumParam" });
/** A numeric rule parameter: value, unit, inclusive or exclusive bound, and the plan's range where it states one. */
export type NumParam = z.infer<typeof NumParamSchema>;

function withinRange(p: { value: number; min?: number; max?: number }): boolean {
  return (p.min === undefined || p.value >= p.min) && (p.max === undefined || p.value <= p.max);
}

const RADIUS_MESSAGE = `半径须大于 0 公里且不超过 ${MAX_RADIUS_KM} 公里 / a radius must be > 0 and ≤ ${MAX_RADIUS_KM} km`;

/** A distance in km that must be positive (the sub-centre distance of SUB-15KM). */
const positiveKm = () => z.number().gt(0, { message: "距离须大于 0 公里 / a distance must be > 0 km" });

/** A coverage radius in km: 0 < r ≤ MAX_RADIUS_KM (the largest radius the coverage engine is checked for). */
const radiusKm = () => z.number().gt(0, { message: RADIUS_MESSAGE }).lte(MAX_RADIUS_KM, { message: RADIUS_MESSAGE });

/**
 * A coverage radius: a NumParam whose value, and range ends where the plan states a range, are radii the coverage
 * engine supports (0 < r ≤ 300 km).
 */
export const RadiusParamSchema = z
  .object({
    value: radiusKm(),
    unit: z.string().min(1),
    bound: z.enum(["inclusive", "exclusive"]),
    min: radiusKm().optional(),
    max: radiusKm().optional(),
  })
  .refine(withinRange, { message: IN_RANGE_MESSAGE })
  .meta({ id: "RadiusParam" });

/** Where a rule comes from: document id ("000"…"004"), section, 1-based line, verbatim quote of that line. */
export const ProvenanceSchema = z
  .object({
    doc: z.string().regex(/^\d{3}$/),
    title: z.string().min(1),
    section: z.string().min(1),
    line: z.number().int().positive(),
    quote: z.string().min(1),
  })
  .meta({ id: "Provenance" });
/** Where a rule comes from: plan document ("000"…"004"), section, 1-based line and the verbatim quote of that line. */
export type Provenance = z.infer<typeof ProvenanceSchema>;

/** Every rule id of RULES.md, in its order. */
export const RULE_IDS = [
  "EMS-URBAN",
  "EMS-RURAL",
  "EMS-TIME",
  "SUB-15KM",
  "SUB-COUNT",
  "CTHC-THIRD",
  "NO-NEW-GH-URBAN",
  "THC-PER-TOWNSHIP",
  "CHC-PER-STREET",
  "VC-PER-VILLAGE",
  "COUNTY-3-HOSPITALS",
  "EMS-TIERS",
  "THC-BEDS",
  "BEDS-PER-1000",
] as const;
/** Schema of a rule id. */
export const RuleIdSchema = z.enum(RULE_IDS);
/** A rule id such as "EMS-RURAL" or "SUB-15KM". */
export type RuleId = z.infer<typeof RuleIdSchema>;

const FacilityTypeSchema = z.enum(FACILITY_TYPES);

const ruleBase = {
  id: RuleIdSchema,
  appliesTo: z.array(FacilityTypeSchema).min(1),
  provenance: z.array(ProvenanceSchema).min(1),
  description: LocalizedTextSchema,
};

/** Every point of the urban (or rural) area lies within `radiusKm` of an EMS point. */
export const RadiusCoverageRuleSchema = z.object({
  ...ruleBase,
  kind: z.literal("radius-coverage"),
  area: z.enum(["urban", "rural"]),
  params: z.object({
    radiusKm: RadiusParamSchema,
    /** Hospitals of at least this grade count as EMS network support (004:439). */
    supportHospitalMinGrade: z.string().optional(),
  }),
});

/** Average response time; needs a road network, so always "needs-data". */
export const TravelTimeRuleSchema = z.object({
  ...ruleBase,
  kind: z.literal("travel-time"),
  params: z.object({ maxMinutes: NumParamSchema }),
});

/** Sub-centre candidates must be outside the urban area and at least `minDistanceKm` from the county medical centre. */
export const MinDistanceOutsideUrbanRuleSchema = z.object({
  ...ruleBase,
  kind: z.literal("min-distance-outside-urban"),
  params: z.object({
    minDistanceKm: NumParamSchema.safeExtend({ value: positiveKm() }),
  }),
});

/** One resident-population band and the number of facilities it allows. */
export const PopulationBandSchema = z.object({
  populationMin: NumParamSchema,
  populationMax: NumParamSchema.optional(),
  countMin: z.number().int().nonnegative(),
  countMax: z.number().int().nonnegative(),
});
/** One resident-population band of SUB-COUNT and the sub-centre count it allows. */
export type PopulationBand = z.infer<typeof PopulationBandSchema>;

/** Facilities per county by population band, or a flat count per county (two variants of 003). */
export const CountByPopulationBandRuleSchema = z.object({
  ...ruleBase,
  kind: z.literal("count-by-population-band"),
  params: z.object({
    variant: z.enum(["bands", "per-county"]),
    bands: z.array(PopulationBandSchema),
    perCounty: z.object({ countMin: z.number().int().nonnegative(), countMax: z.number().int().nonnegative() }),
    /** Whether districts (区) are counted in the per-county variant (003:143 says 县(市)). */
    perCountyIncludesDistricts: z.boolean(),
  }),
});

/** Exemptions of one-per-unit rules. */
export const ExemptionSchema = z.enum(["community", "thc-village", "shared-clinic", "private"]);
export type Exemption = z.infer<typeof ExemptionSchema>;

/** At least `perUnit` facilities in each township (乡/镇), street (街道) or administrative village. */
export const OnePerUnitRuleSchema = z.object({
  ...ruleBase,
  kind: z.literal("one-per-unit"),
  unit: z.enum(["township", "street", "village"]),
  params: z.object({ perUnit: NumParamSchema }),
  exemptions: z.array(ExemptionSchema),
});

/** Each county runs one hospital of each listed kind, at least at the given grade. */
export const RequiredSetRuleSchema = z.object({
  ...ruleBase,
  kind: z.literal("required-set"),
  params: z.object({
    required: z.array(z.enum(["general", "tcm", "maternal-child", "specialty"])).min(1),
    /** Minimum grade, e.g. "2A" (二级甲等) or "2" (二级); absent: no grade requirement. */
    minGrade: z
      .string()
      .regex(/^[123][ABC]?$/)
      .optional(),
    includeDistricts: z.boolean(),
  }),
});

/** Share of one type among a group (central THCs / all THCs ≈ 1/3). */
export const ShareOfTypeRuleSchema = z.object({
  ...ruleBase,
  kind: z.literal("share-of-type"),
  params: z.object({ share: NumParamSchema, tolerance: NumParamSchema }),
  numerator: z.array(FacilityTypeSchema).min(1),
});

/** No proposed facility of these types inside the urban area. */
export const NoNewInUrbanRuleSchema = z.object({
  ...ruleBase,
  kind: z.literal("no-new-in-urban"),
  params: z.object({ hospitalKind: z.enum(["general", "tcm", "maternal-child", "specialty"]) }),
});

/** Tiered network: each county has its dispatch centre; each station lies in its own county. */
export const TiersRuleSchema = z.object({
  ...ruleBase,
  kind: z.literal("tiers"),
  params: z.object({ perCounty: FacilityTypeSchema, perCountyMin: NumParamSchema }),
});

/** Beds per 1,000 population, optionally per city. */
export const RatioPer1000RuleSchema = z.object({
  ...ruleBase,
  kind: z.literal("ratio-per-1000"),
  params: z.object({
    perThousand: NumParamSchema,
    byCity: z.record(z.string(), NumParamSchema).optional(),
    /** Count public facilities only (a norm for government-run centres, e.g. THC-BEDS, 003:215). */
    publicOnly: z.boolean().optional(),
    /**
     * The norm is per centre and per its own service population; with no service populations in the data the
     * county population stands in for them, and the message says so.
     */
    countyPopulationAsProxy: z.boolean().optional(),
  }),
});

/** Schema of one rule: a union discriminated by `kind` (one schema per rule kind). */
export const RuleSchema = z.discriminatedUnion("kind", [
  RadiusCoverageRuleSchema,
  TravelTimeRuleSchema,
  MinDistanceOutsideUrbanRuleSchema,
  CountByPopulationBandRuleSchema,
  OnePerUnitRuleSchema,
  RequiredSetRuleSchema,
  ShareOfTypeRuleSchema,
  NoNewInUrbanRuleSchema,
  TiersRuleSchema,
  RatioPer1000RuleSchema,
]);
/** One rule of a rule set (see {@link RuleSchema}). */
export type Rule = z.infer<typeof RuleSchema>;
/** A rule kind: how a rule is scored ("radius-coverage", "one-per-unit", …); each has one evaluator. */
export type RuleKind = Rule["kind"];

/** Schema of a rule set: id, title, the plan documents it reads, its rules (ids unique). */
export const RuleSetSchema = z
  .object({
    $schema: z.string().optional(),
    id: z.string().min(1),
    title: LocalizedTextSchema,
    documents: z
      .array(z.object({ file: z.string().regex(/^\d{3}$/), title: z.string().min(1), city: z.string().min(1) }))
      .min(1),
    // a rule set without rules would report every county as passing nothing and failing nothing
    rules: z.array(RuleSchema).min(1, { message: "规则集没有任何规则 / the rule set has no rules" }),
    /**
     * Present on a set for cities with no local plan loaded (seeds/ruleset-national.json): what the set is, in words
     * to show with its results (the national-standard rules the plans share, each resting on plan lines).
     */
    noLocalPlan: LocalizedTextSchema.optional(),
  })
  .refine((s) => new Set(s.rules.map((r) => r.id)).size === s.rules.length, {
    message: "规则编号须唯一 / rule ids must be unique",
  });
/** A validated rule set (see {@link RuleSetSchema}); read one with {@link parseRuleSet}. */
export type RuleSet = z.infer<typeof RuleSetSchema>;

/** JSON Schema (draft 2020-12) of a rule set, as committed in seeds/ruleset.schema.json. */
export function ruleSetJsonSchema(): unknown {
  return z.toJSONSchema(RuleSetSchema, { io: "input" });
}

/**
 * Validates unknown JSON as a rule set; each error names the file and the JSON path, in our own Chinese and English
 * (zod's English is not shown).
 */
export function parseRuleSet(
  data: unknown,
  fileName = "ruleset",
): { ok: true; ruleSet: RuleSet } | { ok: false; errors: string[] } {
  const r = RuleSetSchema.safeParse(data);
  if (r.success) return { ok: true, ruleSet: r.data };
  return {
    ok: false,
    errors: schemaProblems(r.error.issues, data).map((p) =>
      p.path === undefined
        ? `${fileName}: ${p.message.zh} / ${p.message.en}`
        : `${fileName}: ${p.path || "(root)"}: ${p.message.zh} / ${p.message.en}`,
    ),
  };
}
