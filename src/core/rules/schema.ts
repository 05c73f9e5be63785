import { MAX_RADIUS_KM } from "../coverage/cover-counts";
import { FACILITY_TYPES, type LocalizedText } from "../model";
import { schemaProblems } from "../schema-messages";
import { z } from "../zod";

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
    /** The document number (文号), cited after the title and outside its 《》: 《…规划》（平政〔2023〕3号）. */
    number: z.string().min(1).optional(),
    section: z.string().min(1),
    line: z.number().int().positive(),
    quote: z.string().min(1),
    /**
     * "exemption": the line sets a kind of facility aside (「社会办医……不作规划限制」, 000:337, 004:500). A finding
     * cites it only where a facility it sets aside is involved; the rule's own listing always does.
     */
    role: z
      .enum(["exemption"])
      .optional()
      .meta({ description: "exemption: cited by a finding only where a facility this line sets aside is involved" }),
  })
  .meta({ id: "Provenance" });
/** Where a rule comes from: plan document ("000"…"004"), section, 1-based line and the verbatim quote of that line. */
export type Provenance = z.infer<typeof ProvenanceSchema>;

/**
 * A plan document as Chinese cites it: its title in 《》, then its document number (文号) in brackets where it has one,
 * outside the title's marks — 《平顶山市“十四五”公共卫生体系和全民健康规划》（平政〔2023〕3号）, not 《…（平政〔2023〕3号）》
 * (the reviewer trial, s43: the number is not part of the title).
 */
export function bookTitle(d: { title: string; number?: string }): string {
  return `《${d.title}》${d.number ? `（${d.number}）` : ""}`;
}

/** Every rule id of RULES.md, in its order, then the rules added from the plans' indicator tables and lists. */
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
  "DOCTORS-PER-1000",
  "NURSES-PER-1000",
  "PHARMACISTS-PER-1000",
  "GP-PER-10000",
  "VC-PUBLIC-SHARE",
  "CHC-GOV-SHARE",
  "COUNTY-MCH",
  "COUNTY-TCM",
  "COUNTY-PH-GRADE3",
  "INFECTIOUS-BEDS",
] as const;
/** Schema of a rule id. */
export const RuleIdSchema = z.enum(RULE_IDS);
/** A rule id such as "EMS-RURAL" or "SUB-15KM". */
export type RuleId = z.infer<typeof RuleIdSchema>;

const FacilityTypeSchema = z.enum(FACILITY_TYPES);

/**
 * The county-level units a rule binds, as the plan words it: 县（市） binds counties and county-level cities only,
 * 县（市、区） (or a rule for every township, village or the whole city) binds districts too. A district is not
 * judged by a rule with `districts: false`.
 */
export const UnitsSchema = z
  .object({
    districts: z.boolean(),
    /** The plan's own wording of the unit, e.g. "县(市、区)" or "每个乡镇". */
    wording: z.string().min(1),
  })
  .meta({ id: "Units" });
/** The county-level units a rule binds (see {@link UnitsSchema}). */
export type Units = z.infer<typeof UnitsSchema>;

const ruleBase = {
  id: RuleIdSchema,
  appliesTo: z.array(FacilityTypeSchema).min(1),
  provenance: z.array(ProvenanceSchema).min(1),
  description: LocalizedTextSchema,
  /** How the tool reads the rule where the text leaves room, and the lines that reading rests on. */
  interpretation: LocalizedTextSchema,
  units: UnitsSchema,
  /**
   * In a comparison set: the cities whose own rule set judges this rule alike (same kind, types, parameters, units; an
   * indicator's target the city's own): for them it binds as it stands. For another city whose plan states the rule
   * too, the set's reading differs from its own (COUNTY-3-HOSPITALS: 000's 二级甲等 against 001's 二级) and the rule is
   * for comparison there (the user trial, s47: 平顶山's hospitals failed untagged under the set, passed under 001).
   */
  bindsAsIs: z.array(z.string()).optional(),
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
  /** The band as the plan words it, e.g. 「在50万人至100万人的县(市、区)」. */
  wording: z.string().min(1),
});
/** One resident-population band of SUB-COUNT and the sub-centre count it allows. */
export type PopulationBand = z.infer<typeof PopulationBandSchema>;

/**
 * Facilities per county: by population band (003:213) or a flat count per county (003:143). Both readings are
 * scored and shown; `variant` is the one that governs by default. Over the cap fails; under the band is a fail or a
 * review as each reading's `shortfall` says (「可…选建」 makes a shortfall advisory).
 */
export const CountByPopulationBandRuleSchema = z.object({
  ...ruleBase,
  kind: z.literal("count-by-population-band"),
  params: z.object({
    variant: z.enum(["bands", "per-county"]),
    bands: z.array(PopulationBandSchema),
    bandsShortfall: z.enum(["review", "fail"]),
    perCounty: z.object({ countMin: z.number().int().nonnegative(), countMax: z.number().int().nonnegative() }),
    perCountyShortfall: z.enum(["review", "fail"]),
    /** Whether districts (区) are counted in the per-county reading (003:143 says 县(市)). */
    perCountyIncludesDistricts: z.boolean(),
  }),
});

/**
 * A plan's softer wording for a requirement: 「原则上」 (002:193, 002:177: in principle) or 「推动」 (000:310: a direction
 * to push). A shortfall is then a review (◐ 待核) naming the wording and its line, not an error.
 */
export const SoftShortfallSchema = z.object({
  severity: z.literal("review"),
  wording: z.object({ zh: z.string().min(1), en: z.string().min(1) }),
  cite: z.string().regex(/^\d{3}:\d+$/),
});
/** A plan's softer wording that makes a shortfall a review. */
export type SoftShortfall = z.infer<typeof SoftShortfallSchema>;

/** Exemptions of one-per-unit rules. */
export const ExemptionSchema = z.enum(["community", "thc-village", "shared-clinic", "private"]);
export type Exemption = z.infer<typeof ExemptionSchema>;

/** At least `perUnit` facilities in each township (乡/镇), street (街道) or administrative village. */
export const OnePerUnitRuleSchema = z.object({
  ...ruleBase,
  kind: z.literal("one-per-unit"),
  unit: z.enum(["township", "street", "village"]),
  params: z.object({
    perUnit: NumParamSchema,
    /** Other types that also satisfy a unit (001:301 「社区卫生服务中心（站）」 counts a station). */
    alsoCounts: z.array(FacilityTypeSchema).optional(),
    /** A street under this population may have a station instead (002:191): a missing centre is then a review. */
    smallStreet: z
      .object({ populationBelow: z.number().positive(), stationTypes: z.array(FacilityTypeSchema) })
      .optional(),
    /** One centre per this many residents at most (002:189 「或3-10万居民」): a larger street is a review. */
    residentsPerCentreMax: z.number().positive().optional(),
    /** A village hosting a THC is exempt unless its population is at least this (004:437 「和800人口以上」). */
    thcVillageUnlessPopulationAtLeast: z.number().positive().optional(),
    /** 「原则上」 (002:193): a unit without its facility is a review. */
    shortfall: SoftShortfallSchema.optional(),
    /**
     * 「至少有1所」 (004:437): more than `perUnit` in a township complies. Without it a township with several is a
     * review (002:187 「每个乡（镇）设置1所」 sets one).
     */
    atLeast: z.boolean().optional(),
  }),
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
    /** 「原则上」 (002:177): a missing or under-grade hospital is a review. */
    shortfall: SoftShortfallSchema.optional(),
    /**
     * A district's shortfall is a review, the plan's target naming counties only (004:444 「县办公立中医医院全覆盖」,
     * while 004:458 puts 县（市、区）中医院 in the network): a county or county-level city's is a failure.
     */
    districtShortfall: SoftShortfallSchema.optional(),
  }),
});

/** The county people's hospital (the county medical centre) reaches a grade (000:310: 三级). */
export const PeoplesHospitalGradeRuleSchema = z.object({
  ...ruleBase,
  kind: z.literal("peoples-hospital-grade"),
  params: z.object({
    minGrade: z.string().regex(/^[123][ABC]?$/),
    /** 「推动…晋升」 (000:310): a hospital below the grade is a review. */
    shortfall: SoftShortfallSchema.optional(),
  }),
});

/** Share of one type among a group (central THCs / all THCs ≈ 1/3). */
export const ShareOfTypeRuleSchema = z.object({
  ...ruleBase,
  kind: z.literal("share-of-type"),
  params: z.object({
    share: NumParamSchema,
    tolerance: NumParamSchema,
    /** A share outside the tolerance: a fail, or a review where the plan words a target (「左右」, 002:187). */
    outside: z.enum(["fail", "review"]).optional(),
  }),
  numerator: z.array(FacilityTypeSchema).min(1),
});

/** Share of facilities with an ownership, judged for the whole city (003:143 公有产权村卫生室 ≥ 90 %). */
export const OwnershipShareRuleSchema = z.object({
  ...ruleBase,
  kind: z.literal("ownership-share"),
  params: z.object({
    share: NumParamSchema,
    /** "public": government-run or other public; "government": government-run only. */
    counts: z.enum(["public", "government"]),
    nature: z.enum(["binding", "expected"]).optional(),
    /** A share short of a direction (003:141 「推动…达到70%」) is a review, not a failure. */
    shortfall: SoftShortfallSchema.optional(),
  }),
});

/** No proposed facility of these types inside the urban area. */
export const NoNewInUrbanRuleSchema = z.object({
  ...ruleBase,
  kind: z.literal("no-new-in-urban"),
  params: z.object({ hospitalKind: z.enum(["general", "tcm", "maternal-child", "specialty"]) }),
});

/**
 * The EMS network's hubs: each county (县/县级市) has one of `countyHub` (or of `cityHub` standing in it: its own
 * 急救中心); a district is served by the city's hub (one of `cityHub` standing in a district of the city) when
 * `cityHubServesDistricts`. `points` are the network's 急救点 by the
 * plan (002:201: THCs and CHCs), listed for information.
 */
export const TiersRuleSchema = z.object({
  ...ruleBase,
  kind: z.literal("tiers"),
  params: z.object({
    countyHub: z.array(FacilityTypeSchema).min(1),
    cityHub: z.array(FacilityTypeSchema),
    cityHubServesDistricts: z.boolean(),
    points: z.array(FacilityTypeSchema).optional(),
    /** Whether the plan states an EMS service radius (002 does not: coverage is then not judged). */
    radiusStated: z.boolean(),
    /**
     * The hospital the plan sets the county's hub at (002:201 「依托南宫市人民医院设立市急救中心」): a hub passes when its
     * name holds the hospital's, or a hospital so named stands within `withinKm` of it; else it is for review.
     */
    hostedBy: z.object({ name: z.string().min(1), withinKm: z.number().positive(), cite: z.string() }).optional(),
  }),
});

/** What an indicator counts: facility beds, infectious-disease beds, or staff. */
export const MeasureSchema = z.enum(["beds", "infectious-beds", "doctors", "nurses", "pharmacists", "gps"]);
/** What an indicator counts (see {@link MeasureSchema}). */
export type Measure = z.infer<typeof MeasureSchema>;

/** One target of an indicator: value and bound (inclusive ≥, exclusive >), nature, and where it is stated. */
export const IndicatorTargetSchema = z.object({
  target: NumParamSchema,
  /** 约束性 (binding) or 预期性 (expected), as the plan's indicator table marks it. */
  nature: z.enum(["binding", "expected"]),
  /** Lines of the `provenance` list stating this target (doc:line). */
  cites: z.array(z.string().regex(/^\d{3}:\d+$/)).min(1),
});

/** A figure the plans also state for an indicator, beside the governing one (e.g. 002:747's 3 GPs per 10,000). */
export const AlsoStatedSchema = IndicatorTargetSchema.safeExtend({ label: LocalizedTextSchema });

/** A city's own target of an indicator in the comparison set, with the other figures its plan states. */
export const CityTargetSchema = IndicatorTargetSchema.safeExtend({ alsoStated: z.array(AlsoStatedSchema).optional() });

/**
 * A city-wide indicator per 1,000 (or 10,000) people, judged for the city (the plan's scope) as a whole; county
 * rows are information. `alsoStated` are other figures the plans state for the same indicator (002:747 says 3 GPs
 * per 10,000 against 3.93 in the table and 002:408): scored beside the governing one, never silently dropped.
 */
export const IndicatorRuleSchema = z.object({
  ...ruleBase,
  kind: z.literal("indicator"),
  params: z.object({
    measure: MeasureSchema,
    per: z.union([z.literal(1000), z.literal(10000)]),
    /** The governing target; per city in the comparison set (`byCity`). */
    target: IndicatorTargetSchema,
    alsoStated: z.array(AlsoStatedSchema).optional(),
    byCity: z.record(z.string(), CityTargetSchema).optional(),
    /** The population the plan divides by: 常住 (resident) where it says so. */
    populationKind: z.enum(["resident", "any"]),
  }),
});

/** Infectious-disease beds (002:209 「按30-50万人口不低于50张」): at least `minimum` for a population in the band. */
export const MinimumForPopulationRuleSchema = z.object({
  ...ruleBase,
  kind: z.literal("minimum-for-population"),
  params: z.object({
    measure: MeasureSchema,
    populationMin: NumParamSchema,
    populationMax: NumParamSchema,
    minimum: NumParamSchema,
  }),
});

/**
 * Beds per centre on its own service population (003:215 「按照每千名服务人口1.2张床位核定规模」): each township health
 * centre and CHC against its township's (street's) population; never a county-wide ratio.
 */
export const PerCentreBedsRuleSchema = z.object({
  ...ruleBase,
  kind: z.literal("per-centre-beds"),
  params: z.object({
    bedsPerThousand: NumParamSchema,
    /** A sizing norm (003:215 「按照…核定规模」): a centre below it is a review, not a failure. */
    shortfall: SoftShortfallSchema.optional(),
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
  PeoplesHospitalGradeRuleSchema,
  ShareOfTypeRuleSchema,
  OwnershipShareRuleSchema,
  NoNewInUrbanRuleSchema,
  TiersRuleSchema,
  IndicatorRuleSchema,
  MinimumForPopulationRuleSchema,
  PerCentreBedsRuleSchema,
]);
/** One rule of a rule set (see {@link RuleSchema}). */
export type Rule = z.infer<typeof RuleSchema>;
/** A rule kind: how a rule is scored ("radius-coverage", "one-per-unit", …); each has one evaluator. */
export type RuleKind = Rule["kind"];

/** Rule kinds judged once for the whole city (the plan's scope), with county rows as information. */
export const CITY_LEVEL_KINDS: ReadonlySet<RuleKind> = new Set([
  "indicator",
  "ownership-share",
  "minimum-for-population",
]);

/**
 * Where a rule set applies: the city whose plan it is, and, when the plan binds fewer units than the city's map
 * shows, the county codes it binds (002 binds 南宫市 130581 only; the other 邢台 counties are context, not judged).
 */
export const ScopeSchema = z
  .object({
    city: z.string().min(1),
    counties: z.array(z.string().regex(/^\d{6}$/)).optional(),
    /** The names of `counties`, in the same order (南宫市): what the city picker says the plan covers. */
    countyNames: z.array(z.string().min(1)).optional(),
    note: LocalizedTextSchema,
  })
  .meta({ id: "Scope" });
/** Where a rule set applies (see {@link ScopeSchema}). */
export type Scope = z.infer<typeof ScopeSchema>;

/** Schema of a rule set: id, title, the plan documents it reads, its rules (ids unique). */
export const RuleSetSchema = z
  .object({
    $schema: z.string().optional(),
    id: z.string().min(1),
    title: LocalizedTextSchema,
    documents: z
      .array(
        z.object({
          file: z.string().regex(/^\d{3}$/),
          title: z.string().min(1),
          number: z.string().min(1).optional(),
          city: z.string().min(1),
          /** The city's name (南阳市 / Nanyang): how a comparison set says whose plan a rule is. */
          cityName: LocalizedTextSchema.optional(),
          /**
           * The years the plan covers (十四五: 2021–2025; 003: 2024—2025), as its title states: its targets are for
           * the last year, which the reports name beside the date of the check (the audit, s50 L-1).
           */
          period: z.object({ from: z.number().int(), to: z.number().int() }).optional(),
        }),
      )
      .min(1),
    /** The city (and counties) the plan binds; absent only in a comparison set, which judges every county. */
    scope: ScopeSchema.optional(),
    /** A set that applies several cities' plans to any city, for comparison; never a city's default. */
    comparison: z.boolean().optional(),
    // a rule set without rules would report every county as passing nothing and failing nothing
    rules: z.array(RuleSchema).min(1, { message: "规则集没有任何规则 / the rule set has no rules" }),
    /**
     * Present on a set for cities with no local plan loaded (seeds/ruleset-national.json): what the set is, in words
     * to show with its results (the national-standard rules the plans share, each resting on plan lines).
     */
    noLocalPlan: LocalizedTextSchema.optional(),
    /**
     * Clauses of the plans that bind units as the rules do but that the tool does not test (a facility kind or a
     * department it has no data for), each with its line and why: said with the results, so that a ✔ is not read as
     * the whole plan met (the reviewer trial). Known ones, not an exhaustive list.
     */
    untested: z.array(z.object({ provenance: ProvenanceSchema, why: LocalizedTextSchema })).optional(),
  })
  .refine((s) => new Set(s.rules.map((r) => r.id)).size === s.rules.length, {
    message: "规则编号须唯一 / rule ids must be unique",
  })
  .refine((s) => s.comparison === true || s.scope !== undefined || s.noLocalPlan !== undefined, {
    message:
      "规则集须写明适用范围（所约束的城市），对比用规则集与未加载本地规划时的国家标准规则集除外 / a rule set names its scope (the city it binds) unless it is a comparison set or the no-local-plan set",
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
