import type { MultiPolygon, Polygon } from "geojson";
import {
  type CountyPopulation,
  type CountyStaffing,
  FACILITY_TYPES,
  type Facility,
  type UnitPopulation,
} from "../model";
import { counted } from "../plural";
import { checkParam, type NumericParamKey, paramSpec } from "../rules/params";
import type { RuleSet } from "../rules/schema";
import { schemaIssues } from "../schema-messages";
import { MAX_SPEED_KMH } from "../travel/speeds";
import { z } from "../zod";
import type { RowIssue } from "./types";

/** A statistical division code: a county's 6 digits, a township's 9, a village's 12. */
const countyCode = z.string().regex(/^\d{6}$/);
const townshipCode = z.string().regex(/^\d{9}$/);
const villageCode = z.string().regex(/^\d{12}$/);

const facilitySchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  type: z.enum(FACILITY_TYPES),
  lon: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90),
  county: countyCode.optional(),
  township: townshipCode.optional(),
  village: villageCode.optional(),
  grade: z.string().optional(),
  hospitalKind: z.enum(["general", "tcm", "maternal-child", "specialty"]).optional(),
  ownership: z.enum(["government", "public", "private"]).optional(),
  beds: z.number().nonnegative().optional(),
  infectiousBeds: z.number().nonnegative().optional(),
  staff: z
    .object({
      doctors: z.number().nonnegative().optional(),
      nurses: z.number().nonnegative().optional(),
      pharmacists: z.number().nonnegative().optional(),
      gps: z.number().nonnegative().optional(),
    })
    .optional(),
  servesVillages: z.array(villageCode).optional(),
  proposed: z.boolean().optional(),
  invented: z.boolean().optional(),
  typeByHand: z.boolean().optional(),
  typeInFile: z.string().optional(),
  townshipInFile: z.string().optional(),
  villageInFile: z.string().optional(),
  typeAsRead: z.enum(FACILITY_TYPES).optional(),
  typeGuessed: z.boolean().optional(),
  nameGiven: z.boolean().optional(),
  /** The id of the facility a proposed upgrade raises (Facility.replaces). */
  replaces: z.string().optional(),
  /** The file's other columns, kept as written (Facility.extra). */
  extra: z.record(z.string(), z.string()).optional(),
  /** The county the row's own township or village is in, where it lies elsewhere (Facility.statedElsewhere). */
  statedElsewhere: z
    .object({
      county: countyCode,
      township: townshipCode.optional(),
      village: villageCode.optional(),
    })
    .optional(),
  /** How far outside its stated county the row lies, km, kept with a warning (Facility.outsideStatedKm). */
  outsideStatedKm: z.number().nonnegative().optional(),
});

const populationSchema = z.object({
  code: z.string(),
  population: z.number().nonnegative(),
  kind: z.enum(["resident", "registered"]),
  year: z.number().int().optional(),
  source: z.string().optional(),
});

const position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]).rest(z.number());
const ring = z.array(position).min(4);
const polygonGeometry = z.discriminatedUnion("type", [
  z.looseObject({ type: z.literal("Polygon"), coordinates: z.array(ring).min(1) }),
  z.looseObject({ type: z.literal("MultiPolygon"), coordinates: z.array(z.array(ring).min(1)).min(1) }),
]);
const countyPropsSchema = z.looseObject({
  code: countyCode,
  name: z.string(),
  kind: z.enum(["district", "county", "city"]),
  seat: z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]),
  city: z.string(),
});
/** County boundaries as the app keeps them: polygons with CountyProps. */
const countyCollectionSchema = z.looseObject({
  type: z.literal("FeatureCollection"),
  features: z.array(
    z.looseObject({ type: z.literal("Feature"), geometry: polygonGeometry, properties: countyPropsSchema }),
  ),
});

/**
 * Planner-set analysis parameters (ParamsState in the app); every key optional, no other key allowed. The numbers'
 * ranges depend on the rule set and are checked by {@link setAsideParams}, which sets a value outside them aside.
 */
const paramsSchema = z.strictObject({
  urbanRadiusKm: z.number().optional(),
  ruralRadiusKm: z.number().optional(),
  subCentreMinKm: z.number().optional(),
  centralCityRadiusKm: z.number().optional(),
  countySeatRadiusKm: z.number().optional(),
  subCountVariant: z.enum(["bands", "per-county"]).optional(),
  crossBorder: z.boolean().optional(),
  // written before the urban area became built-up discs (issue 9): read, then set aside with a warning
  urbanDistricts: z.boolean().optional(),
  seatRadiusKm: z.number().optional(),
});

/** Parameters earlier versions wrote that no longer exist, and what replaced them. */
const RETIRED_PARAMS = {
  urbanDistricts: {
    zh: "整区计为城区的选项已取消：城区现按建成区计（见 docs/rules.md）",
    en: "counting whole districts as urban is gone: the urban area is now the built-up area (see docs/rules.md)",
  },
  seatRadiusKm: {
    zh: "已由 centralCityRadiusKm（中心城区）与 countySeatRadiusKm（县城）取代",
    en: "replaced by centralCityRadiusKm (the central city) and countySeatRadiusKm (county seats)",
  },
} as const;

/** The planner parameters a project file or a saved session keeps (the app's ParamsState, every key optional). */
export type SavedParams = z.infer<typeof paramsSchema>;

const NUMERIC_PARAMS: NumericParamKey[] = [
  "urbanRadiusKm",
  "ruralRadiusKm",
  "subCentreMinKm",
  "centralCityRadiusKm",
  "countySeatRadiusKm",
];

/**
 * Checks the numbers of saved planner parameters against the parameter spec of `ruleSet` (the Plan tab's and the
 * CLI's ranges; without a rule set, the tool's own). A value outside its range is set aside: left out of the
 * parameters returned, so that the rule set's value applies, and named in a warning giving `file`, the JSON path
 * (`params.<key>`, or `path`.<key>), the value, the allowed range and the value used instead. Nothing else changes.
 */
export function setAsideParams(
  params: SavedParams,
  file: string,
  ruleSet?: RuleSet,
  city?: string,
  path = "params",
): { params: SavedParams; warnings: RowIssue[] } {
  const spec = paramSpec(ruleSet, city);
  const kept: SavedParams = { ...params };
  const warnings: RowIssue[] = [];
  for (const key of Object.keys(RETIRED_PARAMS) as Array<keyof typeof RETIRED_PARAMS>) {
    if (params[key] === undefined) continue;
    delete kept[key];
    const field = `${path}.${key}`;
    warnings.push({
      file,
      row: 0,
      field,
      value: String(params[key]),
      severity: "warning",
      code: "param-retired",
      message: {
        zh: `${field}：${RETIRED_PARAMS[key].zh}，已搁置`,
        en: `${field}: ${RETIRED_PARAMS[key].en}; set aside`,
      },
    });
  }
  for (const key of NUMERIC_PARAMS) {
    const value = params[key];
    if (value === undefined) continue;
    const bad = checkParam(spec[key], value);
    if (!bad) continue;
    delete kept[key];
    const field = `${path}.${key}`;
    const used = spec[key].default;
    const whose = spec[key].rule ? { zh: "规则集的", en: "the rule set's" } : { zh: "默认的", en: "the default" };
    warnings.push({
      file,
      row: 0,
      field,
      value: String(value),
      severity: "warning",
      code: "param-set-aside",
      message: {
        zh: `${field}：${bad.message.zh}，已搁置，按${whose.zh} ${used} 公里计`,
        en: `${field}: ${bad.message.en}; set aside, ${whose.en} ${used} km is used`,
      },
    });
  }
  return { params: kept, warnings };
}

const demandPointSchema = z.object({
  id: z.string(),
  lon: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90),
  weight: z.number().nonnegative(),
});

/** Imported urban polygons (中心城区 / 城镇开发边界) with the file they came from. */
const urbanSchema = z.object({ fileName: z.string(), polygons: z.array(polygonGeometry).min(1) });

/** Township / street (9-digit) and village (12-digit) populations with their file. */
const unitPopulationSchema = z.object({
  fileName: z.string(),
  rows: z.array(z.object({ code: z.string().regex(/^(\d{9}|\d{12})$/), population: z.number().nonnegative() })),
});

const staffCount = z.number().nonnegative().optional();
/** A county staffing table (persons) with its file. */
const staffingSchema = z.object({
  fileName: z.string(),
  rows: z.array(
    z.object({
      code: countyCode,
      doctors: staffCount,
      nurses: staffCount,
      pharmacists: staffCount,
      gps: staffCount,
      source: z.string().optional(),
    }),
  ),
});

/**
 * Largest road or raster file a project file carries inside it (base64 in `travel.roads.data`): 5 MiB. A larger one
 * is named only, with its size, and the planner who opens the project is asked to load it again (a project file of
 * tens of megabytes is awkward to mail; a synthetic county's lattice or a clipped raster fits).
 */
export const PROJECT_EMBED_MAX_BYTES = 5 * 1024 * 1024;

/** A road or population raster file a project was worked with: its name, and its bytes when small enough. */
const travelFileSchema = z.object({
  fileName: z.string().min(1).max(1000),
  /** The coordinate system the file was read in (a road file's .prj or EPSG code), when not WGS84. */
  crs: z.string().max(200).optional(),
  /** The file's size in bytes. */
  size: z.number().int().nonnegative().optional(),
  /** The file itself, base64, when at most {@link PROJECT_EMBED_MAX_BYTES}. */
  data: z
    .string()
    .max(Math.ceil(PROJECT_EMBED_MAX_BYTES / 3) * 4)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/)
    .optional(),
});
const speedValue = z.number().positive().max(MAX_SPEED_KMH);
/** Roads, speeds and population raster of the project's city (the Data tab's 路网 and 人口栅格). */
const travelSchema = z.object({
  roads: travelFileSchema.optional(),
  raster: travelFileSchema.optional(),
  /** The speed table as the planner left it (absent: the defaults). */
  speeds: z.object({ classes: z.record(z.string().max(200), speedValue), offroadKmh: speedValue }).optional(),
});

/** The road file, population raster and speeds a project records (see {@link Project}'s `travel`). */
export type ProjectTravel = z.infer<typeof travelSchema>;

/** The session the app keeps in IndexedDB (SessionState in src/app/state/session.ts), per city where keyed. */
/**
 * How many of an import's problems are kept with the list it gave (the planner trial: the problem list could not be
 * downloaded again after a reload); past that, the count is kept and the list says it is cut.
 */
export const SAVED_IMPORT_ISSUES = 5000;
const savedIssueSchema = z.object({
  file: z.string().max(1000),
  row: z.number().int(),
  field: z.string().max(1000),
  value: z.string().max(10_000).optional(),
  message: z.object({ zh: z.string().max(10_000), en: z.string().max(10_000) }),
  severity: z.enum(["error", "warning", "note"]),
  code: z.string().max(200),
});

const rejectedFacilitySchema = z.object({
  file: z.string().max(1000),
  row: z.number().int(),
  name: z.string().max(10_000),
  type: z.enum(FACILITY_TYPES),
  county: countyCode.optional(),
  township: townshipCode.optional(),
  village: villageCode.optional(),
  townshipName: z.string().max(1000).optional(),
  villageName: z.string().max(1000).optional(),
  reason: z.string().max(200),
  liesIn: z.object({ code: countyCode, name: z.string().max(1000) }).optional(),
  /** How far outside its stated county a row kept with it lies, km (reason "outside-stated-county"). */
  outsideKm: z.number().nonnegative().optional(),
  countyFromUnit: z.boolean().optional(),
  id: z.string().max(1000).optional(),
  at: z.object({ lon: z.number().min(-180).max(180), lat: z.number().min(-90).max(90) }).optional(),
  attributes: facilitySchema
    .pick({
      grade: true,
      hospitalKind: true,
      ownership: true,
      beds: true,
      infectiousBeds: true,
      staff: true,
      servesVillages: true,
      extra: true,
    })
    .optional(),
});

/** What became of an imported file's rows (ImportTally). */
const tallySchema = z.object({
  rows: z.number().int().nonnegative(),
  rejected: z.array(z.object({ row: z.number().int(), reason: z.string() })),
  dropped: z.array(z.number().int()),
  doubtful: z.number().int().nonnegative(),
  doubtfulRows: z.array(z.number().int()).optional(),
  doubtfulReasons: z
    .array(z.object({ row: z.number().int(), reason: z.string().max(10_000) }))
    .max(20)
    .optional(),
  crs: z.object({ read: z.string().max(200), fromColumns: z.boolean().optional() }).optional(),
  typeReadings: z.string().max(10_000).optional(),
  context: z.array(z.number().int()).optional(),
  renamedIds: z.string().max(10_000).optional(),
});

/**
 * Where an imported facility list came from and what became of its rows, without the facilities: kept with the list
 * in the saved session and in a project file (the reviewer trial, s55b M1: a project opened elsewhere named itself
 * as the list's file, and its review report lost the import's paragraph).
 */
const savedDatasetSchema = z.object({
  fileName: z.string(),
  importedAt: z.string(),
  /** What became of the file's rows (ImportTally), for the review report. */
  tally: tallySchema.optional(),
  /** The workbook's sheet the list was read from, when the workbook has more than one. */
  sheet: z.string().max(200).optional(),
  /** A list joined from several files (追加到当前清单): each file, its count and its tally, in order. */
  parts: z
    .array(
      z.object({
        fileName: z.string(),
        importedAt: z.string(),
        count: z.number().int().nonnegative(),
        tally: tallySchema.optional(),
      }),
    )
    .optional(),
  /** The import's problem list as it stood when the list was used (the first SAVED_IMPORT_ISSUES of it). */
  issues: z.array(savedIssueSchema).max(SAVED_IMPORT_ISSUES).optional(),
  /** How many problems the import listed, when more than were kept. */
  issuesTotal: z.number().int().nonnegative().optional(),
  /** The rows refused for their position alone (RejectedFacility), which the unit checks name. */
  rejectedFacilities: z.array(rejectedFacilitySchema).max(SAVED_IMPORT_ISSUES).optional(),
});

/** An imported list's provenance as a project file keeps it (see savedDatasetSchema): its file, tally and issues. */
export type SavedDatasetSource = z.infer<typeof savedDatasetSchema>;

export const savedSessionSchema = z.object({
  cityId: z.string().min(1),
  /** "" = the city's own plans (the default); an id no longer shipped falls back to them too. */
  ruleSetId: z.string(),
  params: paramsSchema,
  /** The planner parameters set in other cities, by city id (SessionState's paramsByCity). */
  paramsByCity: z.record(z.string(), paramsSchema.optional()).optional(),
  datasets: z.record(z.string(), savedDatasetSchema.extend({ facilities: z.array(facilitySchema) }).optional()),
  proposed: z.record(z.string(), z.array(facilitySchema).optional()),
  population: z.record(z.string(), z.array(populationSchema).optional()),
  boundaries: z
    .record(z.string(), z.object({ fileName: z.string(), counties: countyCollectionSchema }).optional())
    .optional(),
  demand: z
    .record(z.string(), z.object({ fileName: z.string(), points: z.array(demandPointSchema) }).optional())
    .optional(),
  urban: z.record(z.string(), urbanSchema.optional()).optional(),
  unitPopulation: z.record(z.string(), unitPopulationSchema.optional()).optional(),
  staffing: z.record(z.string(), staffingSchema.optional()).optional(),
});

/** The project file schema, version 1. */
export const projectSchema = z.object({
  format: z.literal("hfp-project"),
  version: z.literal(1),
  savedAt: z.string(),
  city: z.string(),
  ruleSetId: z.string(),
  params: paramsSchema,
  facilities: z.array(facilitySchema),
  proposed: z.array(facilitySchema),
  boundaries: countyCollectionSchema.optional(),
  /** The boundary file's name, when `boundaries` is the user's. */
  boundariesFile: z.string().max(1000).optional(),
  /** Where `facilities` came from (file, sheet, parts) and what became of its rows: absent, the city's sample. */
  dataset: savedDatasetSchema.optional(),
  /** With no facilities of its own: the city's sample the work was done on, its size and digest (sampleDigest). */
  sample: z.object({ count: z.number().int().nonnegative(), digest: z.string().max(64) }).optional(),
  population: z.array(populationSchema).optional(),
  demand: z.object({ fileName: z.string(), points: z.array(demandPointSchema) }).optional(),
  urban: urbanSchema.optional(),
  unitPopulation: unitPopulationSchema.optional(),
  staffing: staffingSchema.optional(),
  travel: travelSchema.optional(),
});

/** A saved project (version 1). `boundaries` is a GeoJSON FeatureCollection of the user's polygons. */
export interface Project {
  format: "hfp-project";
  version: 1;
  /** ISO 8601 time of saving. */
  savedAt: string;
  city: string;
  ruleSetId: string;
  params: SavedParams;
  facilities: Facility[];
  proposed: Facility[];
  boundaries?: { type: "FeatureCollection"; features: unknown[] };
  /** The boundary file's name, when `boundaries` is the user's (absent in older files: the project file's name). */
  boundariesFile?: string;
  /**
   * Where `facilities` came from: the imported file(s), sheet, what became of their rows and the import's problems
   * (absent in older files: the project file is named as the list's file).
   */
  dataset?: SavedDatasetSource;
  /**
   * A project of the city's shipped sample (`facilities` empty): how many facilities the sample had and its digest
   * ({@link sampleDigest}), so that a build whose sample differs says so when the project is opened (the reviewer
   * trial, s55b L5: the file recorded nothing of the sample its work rested on).
   */
  sample?: { count: number; digest: string };
  population?: CountyPopulation[];
  /** Imported weighted demand points (e.g. villages with population). */
  demand?: { fileName: string; points: Array<{ id: string; lon: number; lat: number; weight: number }> };
  /** Imported urban polygons, replacing the default built-up discs. */
  urban?: { fileName: string; polygons: Array<Polygon | MultiPolygon> };
  /** Imported township / village populations. */
  unitPopulation?: { fileName: string; rows: UnitPopulation[] };
  /** An imported county staffing table. */
  staffing?: { fileName: string; rows: CountyStaffing[] };
  /**
   * The road file and population raster loaded for the city (names, sizes, the road file's CRS; the files themselves
   * when small), and the speed table: a colleague who opens the project is told which files to load again.
   */
  travel?: ProjectTravel;
}

/** What the app hands to {@link serializeProject}. */
export type ProjectState = Omit<Project, "format" | "version" | "savedAt"> & { savedAt?: string };

/** Serialises the project as pretty JSON with format "hfp-project", version 1 and savedAt (default now). */
export function serializeProject(state: ProjectState): string {
  const project: Project = {
    format: "hfp-project",
    version: 1,
    ...state,
    savedAt: state.savedAt ?? new Date().toISOString(),
  };
  return JSON.stringify(project, null, 1);
}

/**
 * Parses and validates a project file. Errors name the JSON path in `field` (row is 0) with file "project".
 * A newer version is refused with code "unsupported-version". Parameters outside the spec of the project's rule set
 * (`ruleSetFor(project.ruleSetId)`; the tool's ranges when it gives none) are set aside with `warnings`
 * ({@link setAsideParams}): the project opens with the rest of its work.
 */
export function parseProject(
  text: string,
  file = "project",
  ruleSetFor?: (id: string, cityId: string) => RuleSet | undefined,
): { ok: true; project: Project; warnings: RowIssue[] } | { ok: false; errors: RowIssue[] } {
  const fail = (code: string, field: string, zh: string, en: string) => ({
    ok: false as const,
    errors: [{ file, row: 0, field, message: { zh, en }, severity: "error" as const, code }],
  });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    const { zh, en } = jsonSyntaxWords(text, (e as Error).message);
    return fail("invalid-json", "", zh, en);
  }
  const head = json as { format?: unknown; version?: unknown };
  if (head?.format !== "hfp-project")
    return fail(
      "not-a-project",
      "format",
      "不是项目文件（format 不是 hfp-project）",
      'not a project file (format is not "hfp-project")',
    );
  if (typeof head.version === "number" && head.version > 1)
    return fail(
      "unsupported-version",
      "version",
      `项目文件版本 ${head.version} 比本程序新`,
      `project version ${head.version} is newer than this program supports`,
    );
  const r = projectSchema.safeParse(json);
  if (!r.success) return { ok: false, errors: schemaIssues(r.error.issues, json, file, "invalid-project") };
  // one id twice (a hand edit): every analysis of the list would fail, so the project is refused naming both places
  // (the bad-files trial, s56b H2: it opened, the analysis failed, the last city's verdicts stayed on screen)
  const twice = duplicateIds(r.data.facilities, r.data.proposed);
  if (twice.length > 0)
    return {
      ok: false,
      errors: twice.map(({ id, first, again }) => ({
        file,
        row: 0,
        field: again,
        value: id,
        severity: "error" as const,
        code: "duplicate-id",
        message: {
          zh: `${again}：编号“${id}”与 ${first} 重复（每个设施和规划站点的编号须唯一）：请改正后再打开`,
          en: `${again}: id "${id}" is that of ${first} too (each facility's and proposed site's id must be unique): correct it and open the file again`,
        },
      })),
    };
  const { params, warnings } = setAsideParams(
    r.data.params,
    file,
    ruleSetFor?.(r.data.ruleSetId, r.data.city),
    r.data.city,
  );
  return { ok: true, project: { ...(r.data as Project), params }, warnings };
}

/**
 * The ids a project's facilities and proposed sites share (the analysis takes them as one list), each with the JSON
 * path of its first place and of the place it is repeated at ("facilities.7.id", "proposed.0.id").
 */
export function duplicateIds(
  facilities: readonly Pick<Facility, "id">[],
  proposed: readonly Pick<Facility, "id">[],
): Array<{ id: string; first: string; again: string }> {
  const seen = new Map<string, string>();
  const twice: Array<{ id: string; first: string; again: string }> = [];
  for (const [key, list] of [
    ["facilities", facilities],
    ["proposed", proposed],
  ] as const)
    list.forEach((f, i) => {
      const at = `${key}.${i}.id`;
      const first = seen.get(f.id);
      if (first !== undefined) twice.push({ id: f.id, first, again: at });
      else seen.set(f.id, at);
    });
  return twice;
}

/**
 * A JSON syntax error in words: where (line and column, from the parser's position), and, when the text ends there (a
 * file cut short: saved or downloaded in part), that the file is incomplete; the parser's own English in the English
 * text only (the bad-files trial, s56b L: 「不是有效的 JSON：Unterminated string in JSON at position 9826…」).
 */
export function jsonSyntaxWords(text: string, parserMessage: string): { zh: string; en: string } {
  const at = Number(/position (\d+)/.exec(parserMessage)?.[1]);
  const cut =
    /Unexpected end|Unterminated/i.test(parserMessage) || (Number.isFinite(at) && at >= text.trimEnd().length - 1);
  let where = { zh: "", en: "" };
  if (Number.isFinite(at)) {
    const before = text.slice(0, at).split("\n");
    const line = before.length;
    const column = (before[before.length - 1]?.length ?? 0) + 1;
    where = { zh: `（第 ${line} 行第 ${column} 列）`, en: ` (line ${line}, column ${column})` };
  }
  return cut
    ? {
        zh: `不是有效的 JSON${where.zh}：文件在此中断，似乎没有完整保存或下载，请重新保存或下载后再打开`,
        en: `not valid JSON${where.en}: the file ends there, as if it were saved or downloaded in part; save or download it again and open that (${parserMessage})`,
      }
    : {
        zh: `不是有效的 JSON${where.zh}：此处语法有误（如缺少或多出逗号、引号、括号），请改正后再打开`,
        en: `not valid JSON${where.en}: a syntax error there (a comma, quote or bracket missing or extra); correct it and open the file again (${parserMessage})`,
      };
}

/**
 * A digest of a facility list (FNV-1a, 32 bits, hex) over each facility's id, type and position to 10⁻⁶°, in id order:
 * the same list gives the same digest in any build; a facility added, moved or retyped gives another.
 */
export function sampleDigest(facilities: readonly Pick<Facility, "id" | "type" | "lon" | "lat">[]): string {
  const lines = facilities
    .map((f) => `${f.id}|${f.type}|${f.lon.toFixed(6)}|${f.lat.toFixed(6)}`)
    .sort()
    .join("\n");
  let h = 0x811c9dc5;
  for (let i = 0; i < lines.length; i++) {
    h ^= lines.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}

/**
 * A warning when a project of the city's sample is opened on a build whose sample differs from the one it was saved on
 * (another count or digest): its verdicts may not be the saved ones. Nothing when the project has its own list or
 * records no sample, or when the samples agree.
 */
export function sampleChangedIssue(
  project: Pick<Project, "sample" | "facilities">,
  sample: readonly Pick<Facility, "id" | "type" | "lon" | "lat">[],
  city: string,
  file: string,
): RowIssue | undefined {
  const saved = project.sample;
  if (!saved || project.facilities.length > 0) return undefined;
  const digest = sampleDigest(sample);
  if (saved.count === sample.length && saved.digest === digest) return undefined;
  return {
    file,
    row: 0,
    field: "sample",
    value: `${saved.count} ${saved.digest} → ${sample.length} ${digest}`,
    severity: "warning",
    code: "sample-changed",
    message: {
      zh: `项目基于${city}的示例数据（保存时 ${saved.count} 个设施），本程序所带的示例数据已不同（${sample.length} 个设施）：核查结论可能与保存时不同`,
      en: `the project was worked on ${city}'s sample data (${saved.count} facilities when saved), and this program's sample differs (${sample.length} facilities): the verdicts may not be those it was saved with`,
    },
  };
}

/** How far past its counties' box (degrees, about 5 km) a project's point is taken to lie outside its city. */
const CITY_BOX_MARGIN_DEG = 0.05;

/**
 * Warnings for a project's proposed sites and facilities that lie outside its city (beyond the box of its counties,
 * with a 5 km margin): all of them, the file's city is likely wrong (a 宜春 plan saved as 南阳's); some, those sites
 * are in no county's checks. One warning each for the sites and for the facilities, naming up to three with their
 * positions (the reviewer trial, s55b M3: such a project opened with a plain 「已打开项目」, the sites marked only on
 * the Plan tab).
 */
export function projectOutsideCity(
  project: Pick<Project, "facilities" | "proposed">,
  city: { name: string; bbox: readonly [number, number, number, number] },
  file: string,
): RowIssue[] {
  const [w, s, e, n] = city.bbox;
  const m = CITY_BOX_MARGIN_DEG;
  const outside = (f: Facility) => !(f.lon >= w - m && f.lon <= e + m && f.lat >= s - m && f.lat <= n + m);
  const issues: RowIssue[] = [];
  for (const [field, list, what] of [
    ["proposed", project.proposed, { zh: "规划新增站点", en: ["proposed site", "proposed sites"] }],
    ["facilities", project.facilities, { zh: "设施", en: ["facility", "facilities"] }],
  ] as const) {
    const out = list.filter(outside);
    if (out.length === 0) continue;
    const all = out.length === list.length;
    const shown = out.slice(0, 3).map((f) => `「${f.name}」${f.lon.toFixed(4)}, ${f.lat.toFixed(4)}`);
    const more = out.length > shown.length;
    const count = counted(out.length, what.en[0], what.en[1]);
    issues.push({
      file,
      row: 0,
      field,
      value: out.map((f) => f.id).join(", "),
      severity: "warning",
      code: "project-outside-city",
      message: all
        ? {
            zh: `项目的 ${out.length} 个${what.zh}全部在${city.name}范围以外（${shown.join("；")}${more ? " 等" : ""}）：项目文件记录的城市可能有误，或坐标有误；不在本市县区内的不计入核查`,
            en: `all the project's ${count} lie outside ${city.name} (${shown.join("; ")}${more ? " …" : ""}): the city the project file names may be wrong, or the positions are; those in none of its counties are in no check`,
          }
        : {
            zh: `项目中 ${out.length} 个${what.zh}在${city.name}范围以外（${shown.join("；")}${more ? " 等" : ""}）：不计入核查，请核对坐标`,
            en: `${count} of the project ${out.length === 1 ? "lies" : "lie"} outside ${city.name} (${shown.join("; ")}${more ? " …" : ""}): in no check; check the positions`,
          },
    });
  }
  return issues;
}

/** A saved session as {@link savedSessionSchema} checks it. */
export type SavedSession = z.infer<typeof savedSessionSchema>;

/**
 * Validates a saved session (as read back from the browser's storage) against {@link savedSessionSchema}. The app
 * sets aside a session that fails, with these reasons, instead of loading it. Errors name the JSON path in `field`.
 * Parameters outside the spec of the session's rule set (`ruleSetFor(state.ruleSetId)`) are set aside alone, with
 * `warnings` ({@link setAsideParams}): the session still loads.
 */
export function parseSavedSession(
  value: unknown,
  ruleSetFor?: (id: string, cityId: string) => RuleSet | undefined,
): { ok: true; state: SavedSession; warnings: RowIssue[] } | { ok: false; errors: RowIssue[] } {
  const first = savedSessionSchema.safeParse(value);
  // a proposed site that fails alone (a longitude typed 1132.0032) is left out, named, and the rest of the session
  // loads: one typo set the whole plan aside (the user trial, s50 H1)
  const salvaged = first.success ? undefined : withoutBadSites(value, first.error.issues);
  const r = salvaged ? savedSessionSchema.safeParse(salvaged.value) : first;
  const r0 = parseChecked(r, value, ruleSetFor);
  return r0.ok && salvaged ? { ...r0, warnings: [...salvaged.dropped, ...r0.warnings] } : r0;
}

/**
 * The session without the proposed sites every schema problem lies in (`proposed.<city>.<i>…`), and those sites named
 * with their problems; undefined when some problem lies elsewhere (the session is then set aside whole, as before).
 */
function withoutBadSites(
  value: unknown,
  issues: z.core.$ZodIssue[],
): { value: unknown; dropped: RowIssue[] } | undefined {
  const bad = new Map<string, Set<number>>();
  for (const i of issues) {
    const [head, city, index] = i.path;
    if (head !== "proposed" || typeof city !== "string" || typeof index !== "number") return undefined;
    bad.set(city, (bad.get(city) ?? new Set()).add(index));
  }
  if (bad.size === 0 || typeof value !== "object" || value === null) return undefined;
  const v = value as { proposed?: Record<string, unknown> };
  if (!v.proposed || typeof v.proposed !== "object") return undefined;
  const proposed: Record<string, unknown> = { ...v.proposed };
  const dropped: RowIssue[] = [];
  for (const [city, indexes] of bad) {
    const list = proposed[city];
    if (!Array.isArray(list)) return undefined;
    proposed[city] = list.filter((site, i) => {
      if (!indexes.has(i)) return true;
      const f = (site ?? {}) as { id?: unknown; name?: unknown; lon?: unknown; lat?: unknown };
      const problems = schemaIssues(
        issues.filter((x) => x.path[1] === city && x.path[2] === i),
        value,
        "session",
        "site-set-aside",
      );
      const why = problems.map((p) => p.message);
      const label = `${typeof f.id === "string" ? f.id : `#${i + 1}`}${typeof f.name === "string" ? `（${f.name}）` : ""}`;
      const at = `${String(f.lon)}, ${String(f.lat)}`;
      dropped.push({
        file: "session",
        row: 0,
        field: `proposed.${city}.${i}`,
        message: {
          zh: `规划新增站点 ${label}${typeof f.name === "string" ? "" : " "}坐标或属性无效（${why.map((m) => m.zh).join("；")}；所存坐标 ${at}），未载入，请重新添加`,
          en: `proposed site ${label} has an invalid position or field (${why.map((m) => m.en).join("; ")}; stored position ${at}): not loaded, add it again`,
        },
        severity: "warning",
        code: "site-set-aside",
      });
      return false;
    });
  }
  return { value: { ...v, proposed }, dropped };
}

/** A parsed session's parameters checked against their rule sets (see {@link parseSavedSession}). */
function parseChecked(
  r: ReturnType<typeof savedSessionSchema.safeParse>,
  value: unknown,
  ruleSetFor?: (id: string, cityId: string) => RuleSet | undefined,
): { ok: true; state: SavedSession; warnings: RowIssue[] } | { ok: false; errors: RowIssue[] } {
  if (r.success) {
    const { params, warnings } = setAsideParams(
      r.data.params,
      "session",
      ruleSetFor?.(r.data.ruleSetId, r.data.cityId),
      r.data.cityId,
    );
    if (!r.data.paramsByCity) return { ok: true, state: { ...r.data, params }, warnings };
    // another city's are checked against its own plans, which it opens on
    const paramsByCity: NonNullable<SavedSession["paramsByCity"]> = {};
    for (const [city, theirs] of Object.entries(r.data.paramsByCity)) {
      if (!theirs) continue;
      const kept = setAsideParams(theirs, "session", ruleSetFor?.("", city), city, `paramsByCity.${city}`);
      paramsByCity[city] = kept.params;
      warnings.push(...kept.warnings);
    }
    return { ok: true, state: { ...r.data, params, paramsByCity }, warnings };
  }
  return { ok: false, errors: schemaIssues(r.error.issues, value, "session", "invalid-session") };
}

/** Most undo steps (and most redo steps) kept with the saved session. */
export const SAVED_HISTORY_STEPS = 50;

/** The undo and redo steps of the current city as read back from storage: each step a whole session. */
export interface SavedHistory {
  cityId: string;
  /** Oldest first, at most {@link SAVED_HISTORY_STEPS}. */
  past: SavedSession[];
  /** Next first, at most {@link SAVED_HISTORY_STEPS}. */
  future: SavedSession[];
}

/**
 * Validates the saved undo and redo steps (`{ cityId, past, future }`, each step a session) as
 * {@link parseSavedSession} validates the session: every step against {@link savedSessionSchema}, its parameters
 * against its rule set's ranges (one outside is set aside, the rule set's value applies), and every step of the
 * city `cityId`. Steps beyond {@link SAVED_HISTORY_STEPS} (the oldest undo, the farthest redo) are left out. One step
 * that fails sets the whole history aside, with errors naming the step (`past[3].proposed…`); the session itself is
 * not affected. Storage gives back the members the steps share (an unchanged facility list) as one object: each is
 * checked once and stays shared, so 50 steps do not cost 50 copies.
 */
export function parseSavedHistory(
  value: unknown,
  ruleSetFor?: (id: string, cityId: string) => RuleSet | undefined,
): { ok: true; history: SavedHistory } | { ok: false; errors: RowIssue[] } {
  const fail = (field: string, zh: string, en: string) => ({
    ok: false as const,
    errors: [
      {
        file: "history",
        row: 0,
        field,
        message: { zh: `${field}：${zh}`, en: `${field}: ${en}` },
        severity: "error" as const,
        code: "invalid-history",
      },
    ],
  });
  if (typeof value !== "object" || value === null) return fail("(root)", "不是对象", "not an object");
  const v = value as { cityId?: unknown; past?: unknown; future?: unknown };
  if (typeof v.cityId !== "string" || v.cityId === "") return fail("cityId", "缺少城市", "no city");
  if (!Array.isArray(v.past) || !Array.isArray(v.future)) return fail("past/future", "应为数组", "arrays expected");
  const shape = savedSessionSchema.shape;
  const keys = Object.keys(shape) as Array<keyof typeof shape>;
  /** Each member object already checked, by identity: shared members are checked once and stay shared. */
  const checked = new Map<unknown, unknown>();
  const parseStep = (raw: unknown, where: string): SavedSession | RowIssue[] => {
    if (typeof raw !== "object" || raw === null) return fail(where, "不是对象", "not an object").errors;
    const out: Record<string, unknown> = {};
    for (const k of keys) {
      const m = (raw as Record<string, unknown>)[k];
      if (typeof m === "object" && m !== null && checked.has(m)) {
        out[k] = checked.get(m);
        continue;
      }
      let r = shape[k].safeParse(m);
      if (!r.success && k === "proposed") {
        // as in the session: a step's site that fails alone is left out of the step, the steps kept (s50 H1)
        const kept = withoutBadSites(
          { proposed: m },
          r.error.issues.map((i) => ({ ...i, path: [k, ...i.path] })),
        );
        if (kept) r = shape[k].safeParse((kept.value as { proposed: unknown }).proposed);
      }
      if (!r.success) {
        const issues = r.error.issues.map((i) => ({ ...i, path: [k, ...i.path] }));
        return schemaIssues(issues, raw, "history", "invalid-history").map((e) => ({
          ...e,
          field: `${where}.${e.field}`,
          message: { zh: `${where}.${e.message.zh}`, en: `${where}.${e.message.en}` },
        }));
      }
      if (typeof m === "object" && m !== null) checked.set(m, r.data);
      if (r.data !== undefined) out[k] = r.data;
    }
    const step = out as SavedSession;
    if (step.cityId !== v.cityId) return fail(`${where}.cityId`, "不是本城市的步骤", "a step of another city").errors;
    const { params } = setAsideParams(step.params, "session", ruleSetFor?.(step.ruleSetId, step.cityId), step.cityId);
    return { ...step, params };
  };
  const past: SavedSession[] = [];
  const future: SavedSession[] = [];
  const pastStart = Math.max(0, v.past.length - SAVED_HISTORY_STEPS);
  for (let i = pastStart; i < v.past.length; i++) {
    const s = parseStep(v.past[i], `past[${i}]`);
    if (Array.isArray(s)) return { ok: false, errors: s };
    past.push(s);
  }
  for (let i = 0; i < Math.min(v.future.length, SAVED_HISTORY_STEPS); i++) {
    const s = parseStep(v.future[i], `future[${i}]`);
    if (Array.isArray(s)) return { ok: false, errors: s };
    future.push(s);
  }
  return { ok: true, history: { cityId: v.cityId, past, future } };
}
