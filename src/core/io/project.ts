import { z } from "zod";
import { type CountyPopulation, FACILITY_TYPES, type Facility } from "../model";
import type { RowIssue } from "./types";

const facilitySchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  type: z.enum(FACILITY_TYPES),
  lon: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90),
  county: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  township: z
    .string()
    .regex(/^\d{9}$/)
    .optional(),
  village: z
    .string()
    .regex(/^\d{12}$/)
    .optional(),
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
  servesVillages: z.array(z.string().regex(/^\d{12}$/)).optional(),
  proposed: z.boolean().optional(),
  invented: z.boolean().optional(),
});

const populationSchema = z.object({
  code: z.string(),
  population: z.number().nonnegative(),
  kind: z.enum(["resident", "registered"]),
  year: z.number().int().optional(),
  source: z.string().optional(),
});

const featureCollectionSchema = z.looseObject({
  type: z.literal("FeatureCollection"),
  features: z.array(z.looseObject({ type: z.literal("Feature") })),
});

/** The project file schema, version 1. */
export const projectSchema = z.object({
  format: z.literal("hfp-project"),
  version: z.literal(1),
  savedAt: z.string(),
  city: z.string(),
  ruleSetId: z.string(),
  params: z.record(z.string(), z.unknown()),
  facilities: z.array(facilitySchema),
  proposed: z.array(facilitySchema),
  boundaries: featureCollectionSchema.optional(),
  population: z.array(populationSchema).optional(),
  demand: z
    .object({
      fileName: z.string(),
      points: z.array(
        z.object({
          id: z.string(),
          lon: z.number().min(-180).max(180),
          lat: z.number().min(-90).max(90),
          weight: z.number().nonnegative(),
        }),
      ),
    })
    .optional(),
});

/** A saved project (version 1). `boundaries` is a GeoJSON FeatureCollection of the user's polygons. */
export interface Project {
  format: "hfp-project";
  version: 1;
  /** ISO 8601 time of saving. */
  savedAt: string;
  city: string;
  ruleSetId: string;
  params: Record<string, unknown>;
  facilities: Facility[];
  proposed: Facility[];
  boundaries?: { type: "FeatureCollection"; features: unknown[] };
  population?: CountyPopulation[];
  /** Imported weighted demand points (e.g. villages with population). */
  demand?: { fileName: string; points: Array<{ id: string; lon: number; lat: number; weight: number }> };
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
 * A newer version is refused with code "unsupported-version".
 */
export function parseProject(
  text: string,
  file = "project",
): { ok: true; project: Project } | { ok: false; errors: RowIssue[] } {
  const fail = (code: string, field: string, zh: string, en: string) => ({
    ok: false as const,
    errors: [{ file, row: 0, field, message: { zh, en }, severity: "error" as const, code }],
  });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return fail(
      "invalid-json",
      "",
      `不是有效的 JSON：${(e as Error).message}`,
      `not valid JSON: ${(e as Error).message}`,
    );
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
  if (!r.success) {
    return {
      ok: false,
      errors: r.error.issues.map((i) => ({
        file,
        row: 0,
        field: i.path.join("."),
        message: { zh: `字段 ${i.path.join(".")} 无效：${i.message}`, en: `invalid ${i.path.join(".")}: ${i.message}` },
        severity: "error" as const,
        code: "invalid-project",
      })),
    };
  }
  return { ok: true, project: r.data as Project };
}
