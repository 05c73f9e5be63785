import { z } from "zod";
import { FACILITY_TYPES } from "../model";

/** Bilingual text (Chinese first). */
export const LocalizedTextSchema = z.object({ zh: z.string().min(1), en: z.string().min(1) });
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;

/**
 * A numeric parameter with its unit and whether the bound includes the value
 * (以上/以下/以内/不超过 include it; 超过/不满 exclude it). `min`/`max` give the allowed range
 * where the plan states a range (e.g. the rural EMS radius 10–20 km).
 */
export const NumParamSchema = z
  .object({
    value: z.number(),
    unit: z.string().min(1),
    bound: z.enum(["inclusive", "exclusive"]),
    min: z.number().optional(),
    max: z.number().optional(),
  })
  .refine((p) => (p.min === undefined || p.value >= p.min) && (p.max === undefined || p.value <= p.max), {
    message: "value must lie within [min, max]",
  })
  .meta({ id: "NumParam" });
export type NumParam = z.infer<typeof NumParamSchema>;

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
export type Provenance = z.infer<typeof ProvenanceSchema>;

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
export const RuleIdSchema = z.enum(RULE_IDS);
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
    radiusKm: NumParamSchema,
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
  params: z.object({ minDistanceKm: NumParamSchema }),
});

/** One resident-population band and the number of facilities it allows. */
export const PopulationBandSchema = z.object({
  populationMin: NumParamSchema,
  populationMax: NumParamSchema.optional(),
  countMin: z.number().int().nonnegative(),
  countMax: z.number().int().nonnegative(),
});
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
  }),
});

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
export type Rule = z.infer<typeof RuleSchema>;
export type RuleKind = Rule["kind"];

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
  })
  .refine((s) => new Set(s.rules.map((r) => r.id)).size === s.rules.length, { message: "rule ids must be unique" });
export type RuleSet = z.infer<typeof RuleSetSchema>;

/** JSON Schema (draft 2020-12) of a rule set, as committed in seeds/ruleset.schema.json. */
export function ruleSetJsonSchema(): unknown {
  return z.toJSONSchema(RuleSetSchema, { io: "input" });
}

/** Validates unknown JSON as a rule set; errors name the JSON path. */
export function parseRuleSet(
  data: unknown,
  fileName = "ruleset",
): { ok: true; ruleSet: RuleSet } | { ok: false; errors: string[] } {
  const r = RuleSetSchema.safeParse(data);
  if (r.success) return { ok: true, ruleSet: r.data };
  return {
    ok: false,
    errors: r.error.issues.map((i) => `${fileName}: ${i.path.length ? i.path.join(".") : "(root)"}: ${i.message}`),
  };
}
