import { existsSync } from "node:fs";
import { basename, join } from "node:path";
import type { CountyPopulation, RowIssue } from "../core";
import { analyze, buildReview, type Divisions, reviewDocx, reviewHtml, reviewMaps, type SourceNote } from "../core";
import {
  CITIES,
  type City,
  CRS,
  type Crs,
  crsLine,
  InputError,
  loadCountyBoundaries,
  oneOf,
  REPO_ROOT,
  readFacilityFile,
  readJson,
  readPopulation,
  requireOptions,
  scanArgs,
} from "./common";
import { checkOutDir, issueLines, type OutputFile, rejectedFile, withOutputSet, writtenLine } from "./output";
import { checkParamOptions, PARAM_OPTION_NAMES, type ParamOptions, readParamOptions } from "./params";
import { loadRuleSet } from "./rules";
import { readTravelInputs, readTravelOptions, TRAVEL_OPTION_NAMES, type TravelOptions } from "./travel";

/** Parsed options of `report`. */
export interface ReportOptions {
  facilities: string;
  out: string;
  city: City;
  county?: string;
  boundaries?: string;
  rules?: string;
  /** Given explicitly; absent: the file's own CRS (a Shapefile's .prj), else WGS84. */
  crs?: Crs;
  /** Analysis parameters from their options (--urban-radius-km, --rural-radius-km, --min-km, --central-city-radius-km, --county-seat-radius-km). */
  params: ParamOptions;
  population?: string;
  /** Roads, speeds, off-road speed and population raster, as for `analyze` (EMS-TIME and people in the report). */
  travel?: TravelOptions;
}

/** Parses `report` options; throws InputError naming the option on bad values. */
export function parseReportArgs(argv: string[]): ReportOptions {
  const known = ["facilities", "out", "city", "county", "boundaries", "rules", "crs", "population"];
  const { raw, errors } = scanArgs(argv, [...known, ...PARAM_OPTION_NAMES, ...TRAVEL_OPTION_NAMES]);
  requireOptions(raw, ["facilities", "out"], errors);
  const city = oneOf(errors, "city", raw.get("city") ?? "nanyang", CITIES);
  const crs = raw.has("crs") ? oneOf(errors, "crs", raw.get("crs") as string, CRS) : undefined;
  const county = raw.get("county");
  if (county !== undefined && !/^\d{6}$/.test(county))
    errors.push(`--county: “${county}” 不是 6 位县级代码 / is not a 6-digit county code`);
  const params = readParamOptions(raw, errors);
  const travel = readTravelOptions(raw, errors);
  if (errors.length) throw new InputError(errors);
  return {
    facilities: raw.get("facilities") as string,
    out: raw.get("out") as string,
    city,
    ...(crs ? { crs } : {}),
    ...(county !== undefined ? { county } : {}),
    ...(raw.has("boundaries") ? { boundaries: raw.get("boundaries") } : {}),
    ...(raw.has("rules") ? { rules: raw.get("rules") } : {}),
    ...(raw.has("population") ? { population: raw.get("population") } : {}),
    params,
    travel,
  };
}

/** File names written by `report`. */
export const REPORT_FILES = { docx: "审查报告.docx", html: "report.html" } as const;

/**
 * Runs `report`: checks `--out` first, reads the inputs as `analyze` does, analyses, draws a map per county (pure JS,
 * no browser) and writes DIR/审查报告.docx, DIR/report.html and DIR/rejected.csv as one set under the lock on DIR.
 * Exit code 2 when rows were rejected (the report is still written).
 */
export async function runReport(opts: ReportOptions): Promise<{ exitCode: 0 | 2; lines: string[] }> {
  checkOutDir(opts.out);
  const warnings: string[] = [];
  const errorLines: string[] = [];
  const collected: RowIssue[] = [];
  const ruleSet = loadRuleSet(opts.rules, opts.city);
  const params = checkParamOptions(ruleSet, opts.params, opts.city);
  const boundaryFile = opts.boundaries ?? join(REPO_ROOT, "geodata", `counties-${opts.city}.geojson`);
  const counties = await loadCountyBoundaries(opts, warnings);
  if (opts.county && !counties.features.some((f) => f.properties.code === opts.county))
    throw new InputError([`--county: ${opts.county} 不在边界数据中 / is not in the boundaries`]);
  const refs = counties.features.map((f) => ({ code: f.properties.code, name: f.properties.name }));
  const divFile = join(REPO_ROOT, "geodata", `divisions-${opts.city}.json`);
  const divisions = existsSync(divFile)
    ? (readJson(divFile, "区划名录 divisions") as Divisions & { source?: string })
    : null;
  let population: CountyPopulation[] | undefined;
  let rejected = 0;
  if (opts.population) {
    const pop = await readPopulation(opts.population, refs, warnings, errorLines, collected);
    rejected += pop.rejected;
    population = pop.population;
  }
  const imported = await readFacilityFile(
    opts.facilities,
    "设施文件 facility file",
    opts.crs,
    counties,
    warnings,
    errorLines,
    collected,
  );
  rejected += imported.rejected;
  const facilities = imported.facilities;
  const travel = await readTravelInputs(opts.travel ?? {}, counties, errorLines, collected);
  rejected += travel.rejected;
  const cityInfo = (
    readJson(join(REPO_ROOT, "geodata", "cities.json"), "cities.json") as Array<{ id: string; name: string }>
  ).find((c) => c.id === opts.city);
  const invented = facilities.some((f) => f.invented);
  const boundaryMeta = counties as { source?: string; note?: string };
  const sources: SourceNote[] = [
    {
      title: `设施数据：${basename(opts.facilities)}（${facilities.length} 条${rejected ? `，${rejected} 行被拒绝` : ""}）`,
      ...(invented ? { caveat: "含虚构示例数据（invented = true）" } : {}),
    },
    {
      title: `县级边界：${opts.boundaries ? basename(boundaryFile) : (boundaryMeta.source ?? basename(boundaryFile))}`,
      caveat: opts.boundaries
        ? "用户提供；县政府驻地取边界内一点（近似）"
        : "近似边界，位置精度约数百米；不作为法定界线",
    },
    ...(divisions
      ? [{ title: `乡镇与行政村名录：${divisions.source ?? basename(divFile)}`, caveat: "按代码核对设施所属乡镇、村" }]
      : []),
    {
      title: `规则集：${ruleSet.title.zh}（${ruleSet.id}）`,
      caveat: "规则由规划原文整理，每条附原文出处（文件、章节、行号）",
    },
    ...(population
      ? [{ title: `人口：${basename(opts.population as string)}`, caveat: "按文件所注常住/户籍口径" }]
      : [{ title: "人口", caveat: "未提供，需人口的规则记为“缺数据”" }]),
    ...(opts.travel?.roads
      ? [
          {
            title: `路网：${basename(opts.travel.roads)}（${travel.roads?.roads.length ?? 0} 条）`,
            caveat: `急救到达时间按路网计算；速度：${opts.travel.speeds ? basename(opts.travel.speeds) : "默认速度表"}`,
          },
        ]
      : [{ title: "路网", caveat: "未提供，急救到达时间（EMS-TIME）记为“缺数据”" }]),
    ...(opts.travel?.populationRaster
      ? [{ title: `人口栅格：${basename(opts.travel.populationRaster)}`, caveat: "覆盖与到达时间按人口加权" }]
      : []),
  ];
  const { doc, written } = await withOutputSet(opts.out, async () => {
    const report = analyze({
      counties,
      facilities,
      ruleSet,
      params,
      population,
      divisions: divisions ?? undefined,
      ...(travel.roads ? { roads: travel.roads } : {}),
      ...(travel.populationRaster ? { populationRaster: travel.populationRaster } : {}),
    });
    const maps = reviewMaps({
      report,
      ruleSet,
      counties: counties.features,
      facilities,
      divisions,
      county: opts.county,
    });
    const doc = buildReview({
      report,
      ruleSet,
      counties: counties.features,
      facilities,
      divisions,
      cityName: cityInfo?.name ?? opts.city,
      ...(opts.county ? { county: opts.county } : {}),
      sources,
      invented,
      maps,
    });
    const files: OutputFile[] = [
      { name: REPORT_FILES.docx, data: await reviewDocx(doc) },
      { name: REPORT_FILES.html, data: reviewHtml(doc) },
      rejectedFile(collected),
    ];
    return { files, value: { doc, written: writtenLine(opts.out, files) } };
  });
  const lines = issueLines(opts.out, warnings, errorLines);
  lines.push(
    crsLine(basename(opts.facilities), imported.crs, imported.crsSource),
    ...travel.lines,
    `设施 ${facilities.length} 条已分析，${rejected} 行被拒绝 / ${facilities.length} facilities analysed, ${rejected} rows rejected`,
    `${doc.title}：${doc.counties.length} 个县区，违规 ${doc.counties.reduce((s, c) => s + c.violations.length, 0)} 条 / ${doc.counties.length} counties`,
    `${written}（${collected.length} 条问题 issues）`,
  );
  return { exitCode: rejected > 0 ? 2 : 0, lines };
}
