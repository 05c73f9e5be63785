import { basename } from "node:path";
import type { FeatureCollection, MultiPolygon, Polygon } from "geojson";
import {
  type AnalysisReport,
  type CountyProps,
  type Facility,
  fmtPct,
  type LonLatBbox,
  MAX_SPEED_KMH,
  type PopulationRaster,
  parseSpeedTable,
  type RoadImport,
  type RoadInput,
  type RowIssue,
  rasterCoverage,
  rasterCoverageIssues,
  readPopulationGeoTiff,
  readRoadsGeoJSON,
  readRoadsOsmPbf,
  readRoadsOsmXml,
  readRoadsShapefile,
  roadDatumFit,
  roadDatumIssue,
  roadLayerUse,
  type SpeedTable,
  travelBox,
} from "../core";
import { formatIssue, InputError, optionError, readBytes, readJson } from "./common";

/** Options of the travel-time and population inputs, shared by `analyze` and `suggest`. */
export const TRAVEL_OPTION_NAMES = ["roads", "speeds", "offroad-kmh", "roads-crs", "population-raster"] as const;

/** The travel-time and population options as given. */
export interface TravelOptions {
  roads?: string;
  speeds?: string;
  offroadKmh?: number;
  roadsCrs?: "wgs84" | "gcj02" | "bd09";
  populationRaster?: string;
}

/** Reads the travel options from scanned arguments; bad values become error lines naming the option. */
export function readTravelOptions(raw: Map<string, string>, errors: string[]): TravelOptions {
  const out: TravelOptions = {};
  if (raw.has("roads")) out.roads = raw.get("roads");
  if (raw.has("speeds")) out.speeds = raw.get("speeds");
  if (raw.has("population-raster")) out.populationRaster = raw.get("population-raster");
  const off = raw.get("offroad-kmh");
  if (off !== undefined) {
    const n = Number(off);
    if (off.trim() === "" || !Number.isFinite(n) || n <= 0 || n > MAX_SPEED_KMH)
      errors.push(
        optionError(
          "offroad-kmh",
          `“${off}” 应为大于 0 且不超过 ${MAX_SPEED_KMH} 的数（km/h）`,
          `"${off}" must be a number > 0 and ≤ ${MAX_SPEED_KMH} (km/h)`,
        ),
      );
    else out.offroadKmh = n;
  }
  const crs = raw.get("roads-crs");
  if (crs !== undefined) {
    if (crs !== "wgs84" && crs !== "gcj02" && crs !== "bd09")
      errors.push(
        optionError("roads-crs", `“${crs}” 不是 wgs84、gcj02、bd09 之一`, `"${crs}" is not one of wgs84, gcj02, bd09`),
      );
    else out.roadsCrs = crs;
  }
  if ((out.speeds || out.offroadKmh !== undefined || out.roadsCrs) && !out.roads)
    errors.push("--speeds、--offroad-kmh、--roads-crs 需与 --roads 一起使用 / need --roads");
  return out;
}

/** Reads a road file by its extension: .geojson/.json, .zip (Shapefile), .osm, .osm.pbf/.pbf. */
async function readRoadFile(file: string, crs: TravelOptions["roadsCrs"], bbox: LonLatBbox): Promise<RoadImport> {
  const name = basename(file);
  const bytes = readBytes(file, { zh: "路网文件", en: "road file" });
  const opts = { file: name, bbox, ...(crs ? { crs } : {}) };
  if (/\.(geo)?json$/i.test(name)) return readRoadsGeoJSON(new TextDecoder().decode(bytes), opts);
  if (/\.zip$/i.test(name)) return readRoadsShapefile(bytes, opts);
  if (/\.pbf$/i.test(name)) return readRoadsOsmPbf(bytes, opts);
  if (/\.osm$/i.test(name)) return readRoadsOsmXml(new TextDecoder().decode(bytes), opts);
  throw new InputError([
    `--roads: ${name}: 无法识别的路网格式（应为 .geojson、.zip（Shapefile）、.osm 或 .osm.pbf）/ unknown road format (use .geojson, .zip (Shapefile), .osm or .osm.pbf)`,
  ]);
}

/** What the travel options produced: roads with their speeds, a population raster, and summary lines. */
export interface TravelInputs {
  roads?: RoadInput;
  populationRaster?: PopulationRaster;
  /** Road features rejected (an error each, listed in `errorLines`). */
  rejected: number;
  lines: string[];
}

/**
 * Reads the road file (clipped to the counties plus the travel margin while reading), the speed table and the
 * population raster (only the pixels over the counties). Rejected roads go to `errorLines`, one line each naming
 * file, feature and field (and to `collected`, for rejected.csv), remarks on roads kept to `warnings` (to
 * `errorLines` when not given); a file that cannot be used at all, or whose roads none has a usable speed, is an
 * InputError.
 */
export async function readTravelInputs(
  opts: TravelOptions,
  counties: FeatureCollection<Polygon | MultiPolygon, CountyProps>,
  errorLines: string[],
  collected?: RowIssue[],
  warnings: string[] = errorLines,
  /** The run's facilities: a road file read as WGS84 that fits them only converted from GCJ-02 or BD-09 is warned of. */
  facilities: ReadonlyArray<Pick<Facility, "type" | "lon" | "lat">> = [],
): Promise<TravelInputs> {
  const out: TravelInputs = { rejected: 0, lines: [] };
  const bbox = travelBox(counties);
  if (opts.roads) {
    let speeds: SpeedTable | undefined;
    if (opts.speeds) {
      const parsed = parseSpeedTable(readJson(opts.speeds, { zh: "速度表", en: "speed table" }), basename(opts.speeds));
      if (!parsed.ok) throw new InputError(parsed.errors.map(formatIssue));
      speeds = parsed.value;
    }
    const read = await readRoadFile(opts.roads, opts.roadsCrs, bbox);
    const errors = read.issues.filter((i) => i.severity === "error");
    if (read.roads.length === 0 && errors.some((i) => i.row === 0)) throw new InputError(errors.map(formatIssue));
    const use = roadLayerUse(read, basename(opts.roads), speeds);
    // no road with a usable speed: refused as a whole, as a facility file whose every row is rejected (the trial:
    // 887 roads with only name and lanes judged EMS-TIME on a walk across each county)
    if (use.refusal)
      throw new InputError([
        `--roads: ${formatIssue(use.refusal)}`,
        ...[...errors, ...use.speedIssues].slice(0, 5).map(formatIssue),
      ]);
    for (const i of [...read.issues, ...use.speedIssues]) {
      (i.severity === "error" ? errorLines : warnings).push(formatIssue(i));
      collected?.push(i);
    }
    out.rejected = use.rejectedFeatures;
    // roads from Amap or Baidu read as WGS84 lie 100–700 m (BD-09: about 1 km) off the facilities (the trial: GCJ-02
    // roads flipped 汝州市 from 27.8 to 31.9 min, silently)
    if (!opts.roadsCrs && read.crs === "wgs84") {
      const shifted = roadDatumIssue(basename(opts.roads), roadDatumFit(read.roads, facilities));
      if (shifted) {
        warnings.push(formatIssue(shifted));
        collected?.push(shifted);
      }
    }
    out.roads = {
      roads: read.roads,
      ...(speeds ? { speeds } : {}),
      ...(opts.offroadKmh !== undefined ? { offroadKmh: opts.offroadKmh } : {}),
    };
    const skipped = Object.entries(read.skipped)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ");
    const offroad = opts.offroadKmh ?? speeds?.offroadKmh;
    const noSpeed = use.speedIssues.length
      ? `（其中 ${new Set(use.speedIssues.map((i) => i.row)).size} 条缺少可用速度 without a usable speed）`
      : "";
    out.lines.push(
      `路网 roads: ${basename(opts.roads)}，${use.usableFeatures} 条道路进入路网 in the network` +
        `（文件共 ${read.totalFeatures} 个要素 features in the file），${read.outside} 条在范围外 outside the counties，` +
        `${out.rejected} 条被拒绝 rejected${noSpeed}${skipped ? `，非机动车道路跳过 skipped (not for vehicles): ${skipped}` : ""}；` +
        `速度 speeds: ${opts.speeds ? basename(opts.speeds) : "默认表 default table (docs/travel-time.md)"}` +
        `${offroad !== undefined ? `，路外 off-road ${offroad} km/h` : ""}`,
    );
  }
  if (opts.populationRaster) {
    const file = basename(opts.populationRaster);
    const bytes = readBytes(opts.populationRaster, { zh: "人口栅格", en: "population raster" });
    const read = await readPopulationGeoTiff(bytes, { file, bbox });
    if (!read.ok) throw new InputError(read.errors.map((i) => `--population-raster: ${formatIssue(i)}`));
    out.populationRaster = read.value;
    // counties the raster misses or covers in part, and no-data pixels inside them (the trial: a raster cut at
    // 33.70°N took 叶县 from 544,149 people to 25,226 silently)
    for (const i of rasterCoverageIssues(file, rasterCoverage(counties.features, read.value))) {
      warnings.push(formatIssue(i));
      collected?.push(i);
    }
    out.lines.push(
      `人口栅格 population raster: ${file}，${read.value.width} × ${read.value.height} 像元 pixels，坐标系 CRS ${read.value.crsLabel}`,
    );
  }
  return out;
}

/** Summary lines: each county's travel-time figures, and per coverage rule the people covered over all counties. */
export function travelLines(report: Pick<AnalysisReport, "counties">): string[] {
  const out: string[] = [];
  const people = new Map<string, { covered: number; total: number }>();
  for (const c of report.counties)
    for (const ch of c.checks) {
      if (ch.population) {
        const t = people.get(ch.rule) ?? { covered: 0, total: 0 };
        t.covered += ch.population.covered;
        t.total += ch.population.total;
        people.set(ch.rule, t);
      }
      if (ch.shareWithinLimit === undefined || ch.limitMinutes === undefined) continue;
      const mean = ch.meanMinutes === null || ch.meanMinutes === undefined ? "—" : ch.meanMinutes.toFixed(1);
      const over =
        ch.weighting === "population" ? { zh: "人口", en: "of the people" } : { zh: "面积", en: "of the area" };
      // never 100.0 % while some people or area are beyond the limit (the trial, s44-b #9)
      const share = fmtPct(ch.shareWithinLimit);
      out.push(
        `${ch.rule} ${c.name}（${c.code}）: ${ch.status}，平均 ${mean} 分钟，${ch.limitMinutes} 分钟内${over.zh} ${share} / mean ${mean} min, ${share} ${over.en} within ${ch.limitMinutes} min`,
      );
    }
  for (const [rule, t] of people) {
    const share = t.total > 0 ? fmtPct(t.covered / t.total) : "—";
    out.push(
      `${rule}: 覆盖人口 ${Math.round(t.covered)} / ${Math.round(t.total)}（${share}）/ people covered ${Math.round(t.covered)} of ${Math.round(t.total)} (${share})`,
    );
  }
  return out;
}
