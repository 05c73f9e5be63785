/**
 * The inputs of a city run beyond the facilities, for regional runs (`--province`, `--china`, `--counties`, any
 * `--city` by code or name): county populations, demand points, township/village populations, county staffing,
 * roads and a population raster. Each file is read once for the whole run and each city gets its part: the rows of
 * its own counties, the points and roads over its box, the raster cropped to it. A row that names a county of a
 * city outside the run (another province, another shard) is counted as "not in this run", not as an error, so
 * that one national table serves every shard.
 */
import { basename } from "node:path";
import type { FeatureCollection, MultiPolygon, Polygon } from "geojson";
import {
  type AnalysisInput,
  type CountyPopulation,
  type CountyProps,
  type CountyStaffing,
  counted,
  cropPopulationRaster,
  type DemandPoint,
  parseDemandFile,
  parsePopulationTable,
  parseStaffingTable,
  parseUnitPopulationTable,
  type RowIssue,
  type UnitPopulation,
} from "../core";
import { type Crs, formatIssue, InputError, readBytes } from "./common";
import {
  readTravelInputs,
  readTravelOptions,
  TRAVEL_OPTION_NAMES,
  type TravelInputs,
  type TravelOptions,
} from "./travel";

/** Value options of a city run that regional runs also take (besides the facilities and the parameters). */
export const REGION_INPUT_OPTIONS = ["population", "demand", "unit-population", "staffing", ...TRAVEL_OPTION_NAMES];

/** The input files of a regional run, as given. */
export interface RegionInputOptions {
  population?: string;
  demand?: string;
  unitPopulation?: string;
  staffing?: string;
  travel: TravelOptions;
}

/** Reads the input options; bad values become error lines naming the option. */
export function readRegionInputOptions(raw: Map<string, string>, errors: string[]): RegionInputOptions {
  return {
    ...(raw.has("population") ? { population: raw.get("population") } : {}),
    ...(raw.has("demand") ? { demand: raw.get("demand") } : {}),
    ...(raw.has("unit-population") ? { unitPopulation: raw.get("unit-population") } : {}),
    ...(raw.has("staffing") ? { staffing: raw.get("staffing") } : {}),
    travel: readTravelOptions(raw, errors),
  };
}

/** The inputs read for the whole run. */
export interface RegionInputs {
  population?: CountyPopulation[];
  demand?: DemandPoint[];
  unitPopulation?: UnitPopulation[];
  staffing?: CountyStaffing[];
  travel: TravelInputs;
  /** Rows rejected with an error, over all these files. */
  rejected: number;
  /** Rows that name a county of a city outside this run, per file. */
  notInRun: Record<string, number>;
  /** One summary line per file read. */
  lines: string[];
}

type Counties = FeatureCollection<Polygon | MultiPolygon, CountyProps>;

/**
 * Reads the files of `opts` against `counties` (the counties of the run's cities). `inRun(code)` says whether a
 * 6-digit county code is one of the run's cities'; `known(code)` whether it belongs to any city at all. Issues go to `note`; a file that cannot be read at all is an InputError.
 */
export async function readRegionInputs(
  opts: RegionInputOptions,
  counties: Counties,
  crs: Crs,
  inRun: (code: string) => boolean,
  known: (code: string) => boolean,
  note: (i: RowIssue) => void,
): Promise<RegionInputs> {
  const refs = counties.features.map((f) => ({ code: f.properties.code, name: f.properties.name }));
  const out: RegionInputs = { rejected: 0, notInRun: {}, lines: [], travel: { rejected: 0, lines: [] } };
  /** Notes the issues of one file; a county of a city outside the run is counted, not reported. */
  const take = (file: string, issues: RowIssue[]): void => {
    const rows = new Set<number>();
    for (const i of issues) {
      const v = i.value ?? "";
      if (i.code === "unknown-county" && /^\d{6}$/.test(v) && known(v) && !inRun(v)) {
        out.notInRun[file] = (out.notInRun[file] ?? 0) + 1;
        continue;
      }
      note(i);
      if (i.severity === "error") rows.add(i.row);
    }
    out.rejected += rows.size;
  };
  const whole = (issues: RowIssue[], nothing: boolean) => {
    const fatal = issues.filter((i) => i.severity === "error" && i.row === 0);
    if (nothing && fatal.length) throw new InputError(fatal.map(formatIssue));
  };
  if (opts.population) {
    const name = basename(opts.population);
    const r = await parsePopulationTable(readBytes(opts.population, { zh: "人口表", en: "population table" }), name, {
      counties: refs,
    });
    whole(r.issues, r.population.length === 0);
    take(name, r.issues);
    out.population = r.population;
    out.lines.push(
      `人口表 population: ${name}，${r.population.length} 个县区 / ${counted(r.population.length, "county", "counties")}`,
    );
  }
  if (opts.demand) {
    const name = basename(opts.demand);
    const r = parseDemandFile(readBytes(opts.demand, { zh: "需求点文件", en: "demand point file" }), name, {
      crs,
      counties,
    });
    whole(r.issues, r.points.length === 0);
    take(name, r.issues);
    out.demand = r.points;
    out.lines.push(`需求点 demand: ${name}，${r.points.length} 个已使用 used，${r.rejected} 行被拒绝 rejected`);
  }
  if (opts.unitPopulation) {
    const name = basename(opts.unitPopulation);
    const r = await parseUnitPopulationTable(
      readBytes(opts.unitPopulation, { zh: "乡镇/村人口表", en: "township/village population table" }),
      name,
    );
    whole(r.issues, r.population.length === 0);
    take(name, r.issues);
    // a township or village of a county outside the run is counted, like the county tables' rows
    out.unitPopulation = [];
    for (const u of r.population) {
      const county = u.code.slice(0, 6);
      if (inRun(county)) out.unitPopulation.push(u);
      else out.notInRun[name] = (out.notInRun[name] ?? 0) + 1;
    }
    out.lines.push(
      `乡镇/村人口 unit populations: ${name}，${out.unitPopulation.length} 个单位 / ${counted(out.unitPopulation.length, "unit", "units")}`,
    );
  }
  if (opts.staffing) {
    const name = basename(opts.staffing);
    const r = await parseStaffingTable(
      readBytes(opts.staffing, { zh: "县人员表", en: "county staffing table" }),
      name,
      {
        counties: refs,
      },
    );
    whole(r.issues, r.staffing.length === 0);
    take(name, r.issues);
    out.staffing = r.staffing;
    out.lines.push(
      `人员表 staffing: ${name}，${r.staffing.length} 个县区 / ${counted(r.staffing.length, "county", "counties")}`,
    );
  }
  const errorLines: string[] = [];
  const travelIssues: RowIssue[] = [];
  out.travel = await readTravelInputs(opts.travel, counties, errorLines, travelIssues);
  for (const i of travelIssues) note(i);
  out.rejected += out.travel.rejected;
  out.lines.push(...out.travel.lines);
  for (const [file, n] of Object.entries(out.notInRun))
    out.lines.push(`${file}: ${n} 行属于本次范围以外的县区 / rows name counties outside this run`);
  return out;
}

/** A city's part of the run's inputs: the rows of its counties, the points over its box, the raster cropped to it. */
export function cityInputs(
  inputs: RegionInputs,
  counties: Counties,
  bbox: readonly number[],
): Pick<AnalysisInput, "population" | "demand" | "unitPopulation" | "staffing" | "roads" | "populationRaster"> {
  const codes = new Set(counties.features.map((f) => f.properties.code));
  const inBox = (p: { lon: number; lat: number }) =>
    p.lon >= bbox[0] && p.lon <= bbox[2] && p.lat >= bbox[1] && p.lat <= bbox[3];
  const raster = inputs.travel.populationRaster
    ? cropPopulationRaster(inputs.travel.populationRaster, [bbox[0], bbox[1], bbox[2], bbox[3]])
    : null;
  return {
    ...(inputs.population ? { population: inputs.population.filter((p) => codes.has(p.code)) } : {}),
    ...(inputs.demand ? { demand: inputs.demand.filter(inBox) } : {}),
    ...(inputs.unitPopulation
      ? { unitPopulation: inputs.unitPopulation.filter((u) => codes.has(u.code.slice(0, 6))) }
      : {}),
    ...(inputs.staffing ? { staffing: inputs.staffing.filter((s) => codes.has(s.code)) } : {}),
    ...(inputs.travel.roads ? { roads: inputs.travel.roads } : {}),
    ...(raster ? { populationRaster: raster } : {}),
  };
}
