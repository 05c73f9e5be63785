import { basename } from "node:path";
import type { FeatureCollection, MultiPolygon, Polygon } from "geojson";
import type { CountyProps, CountyStaffing, ParamOverrides, RowIssue, UnitPopulation } from "../core";
import { parseStaffingTable, parseUnitPopulationTable, parseUrbanAreaFile } from "../core";
import { type Crs, formatIssue, InputError, optionError, readBytes, readInputFile } from "./common";
import { type DemandFileResult, readDemandFile } from "./demand";

/**
 * Value options shared by `analyze` and `suggest` that set the analysis beyond the numeric parameters of the spec
 * (those, the urban-area radii among them, are read by ./params.ts): the urban polygon file and the SUB-COUNT reading.
 */
export const ANALYSIS_VALUE_OPTIONS = ["urban", "sub-count-variant"] as const;

/** Bare flags shared by `analyze` and `suggest`. */
export const ANALYSIS_FLAGS = ["cross-border"] as const;

/** The analysis settings read from the command line (files still to be read). */
export interface AnalysisOptions {
  crossBorder?: boolean;
  /** Urban polygon file (中心城区 / 城镇开发边界), replacing the built-up discs. */
  urbanFile?: string;
  subCountVariant?: "bands" | "per-county";
}

/** Reads the shared analysis options; adds error lines naming the option for bad values. */
export function parseAnalysisOptions(raw: Map<string, string>, flags: Set<string>, errors: string[]): AnalysisOptions {
  const out: AnalysisOptions = {};
  if (flags.has("cross-border")) out.crossBorder = true;
  const urban = raw.get("urban");
  if (urban !== undefined) out.urbanFile = urban;
  const variant = raw.get("sub-count-variant");
  if (variant !== undefined) {
    if (variant === "bands" || variant === "per-county") out.subCountVariant = variant;
    else
      errors.push(
        optionError(
          "sub-count-variant",
          `“${variant}” 不是 bands、per-county 之一`,
          `"${variant}" is not one of bands, per-county`,
        ),
      );
  }
  return out;
}

/** The parameter overrides of these options, reading the urban polygon file; throws InputError on a bad file. */
export async function analysisParams(opts: AnalysisOptions): Promise<ParamOverrides> {
  const params: ParamOverrides = {};
  if (opts.crossBorder) params.crossBorder = true;
  if (opts.subCountVariant) params.subCountVariant = opts.subCountVariant;
  const urban: NonNullable<ParamOverrides["urban"]> = {};
  if (opts.urbanFile) {
    const { bytes, name } = readInputFile(opts.urbanFile, { zh: "城区多边形文件", en: "urban polygon file" });
    const parsed = await parseUrbanAreaFile(bytes, name);
    const errors = parsed.issues.filter((i) => i.severity === "error");
    if (errors.length > 0 && parsed.polygons.length === 0) throw new InputError(errors.map(formatIssue));
    urban.polygons = parsed.polygons;
    urban.polygonsSource = name;
  }
  if (Object.keys(urban).length > 0) params.urban = urban;
  return params;
}

/** Reads a township/village population table; row errors go to `errorLines`; returns the rows and rejected count. */
export async function readUnitPopulation(
  file: string,
  errorLines: string[],
  collected?: RowIssue[],
): Promise<{ population: UnitPopulation[]; rejected: number }> {
  const r = await parseUnitPopulationTable(
    readBytes(file, { zh: "乡镇/村人口表", en: "township/village population table" }),
    basename(file),
  );
  for (const i of r.issues) {
    errorLines.push(formatIssue(i));
    collected?.push(i);
  }
  if (r.population.length === 0 && r.issues.some((i) => i.row === 0)) throw new InputError(errorLines);
  return { population: r.population, rejected: new Set(r.issues.map((i) => i.row)).size };
}

/** Reads a county staffing table; row errors go to `errorLines`; returns the rows and rejected count. */
export async function readStaffing(
  file: string,
  counties: Array<{ code: string; name: string }>,
  errorLines: string[],
  collected?: RowIssue[],
): Promise<{ staffing: CountyStaffing[]; rejected: number }> {
  const r = await parseStaffingTable(readBytes(file, { zh: "县人员表", en: "county staffing table" }), basename(file), {
    counties,
  });
  for (const i of r.issues) {
    errorLines.push(formatIssue(i));
    collected?.push(i);
  }
  if (r.staffing.length === 0 && r.issues.some((i) => i.row === 0)) throw new InputError(errorLines);
  return { staffing: r.staffing, rejected: new Set(r.issues.map((i) => i.row)).size };
}

/** Value options naming the input files `analyze` and `report` read beside the facilities for their verdicts. */
export const INPUT_FILE_OPTIONS = ["demand", "unit-population", "staffing"] as const;

/** The input files of {@link INPUT_FILE_OPTIONS}, as given. */
export interface InputFileOptions {
  /** Weighted demand points (villages with people). */
  demand?: string;
  /** Township / street (9-digit) and village (12-digit) populations. */
  unitPopulation?: string;
  /** County staffing table. */
  staffing?: string;
}

/** The input file options given on the command line. */
export function inputFileOptions(raw: Map<string, string>): InputFileOptions {
  return {
    ...(raw.has("demand") ? { demand: raw.get("demand") } : {}),
    ...(raw.has("unit-population") ? { unitPopulation: raw.get("unit-population") } : {}),
    ...(raw.has("staffing") ? { staffing: raw.get("staffing") } : {}),
  };
}

/** Reads `--demand` against the counties, in `crs`, its lines and issues going to `out` (analyze and report alike). */
export function readDemandInputs(
  file: string | undefined,
  crs: Crs | undefined,
  counties: FeatureCollection<Polygon | MultiPolygon, CountyProps>,
  out: { errorLines: string[]; warnings: string[]; collected: RowIssue[] },
): DemandFileResult | undefined {
  if (!file) return undefined;
  const demand = readDemandFile(file, crs, counties);
  for (const l of demand.errorLines) out.errorLines.push(l);
  for (const l of demand.warnings) out.warnings.push(l);
  for (const i of demand.issues) out.collected.push(i);
  return demand;
}

/**
 * Reads `--unit-population` and `--staffing` (the staffing against the counties `refs`) as `analyze` and `report` alike
 * read them; lines and issues go to `errorLines` and `collected`; `rejected` counts their refused rows.
 */
export async function readUnitInputs(
  opts: Pick<InputFileOptions, "unitPopulation" | "staffing">,
  refs: Array<{ code: string; name: string }>,
  errorLines: string[],
  collected: RowIssue[],
): Promise<{ unitPopulation?: UnitPopulation[]; staffing?: CountyStaffing[]; rejected: number }> {
  const unit = opts.unitPopulation ? await readUnitPopulation(opts.unitPopulation, errorLines, collected) : undefined;
  const staff = opts.staffing ? await readStaffing(opts.staffing, refs, errorLines, collected) : undefined;
  return {
    ...(unit ? { unitPopulation: unit.population } : {}),
    ...(staff ? { staffing: staff.staffing } : {}),
    rejected: (unit?.rejected ?? 0) + (staff?.rejected ?? 0),
  };
}
