import { basename, join } from "node:path";
import type { CityEntry, CountyPopulation, RowIssue } from "../core";
import {
  absentKinds,
  analyze,
  buildReview,
  type CodeNote,
  counted,
  loadCityCounties,
  markedFacilities,
  proposedInCounty,
  proposedOutside,
  proposedSites,
  reportSources,
  reviewDocx,
  reviewHtml,
  reviewMaps,
  siteEffects,
} from "../core";
import {
  ANALYSIS_FLAGS,
  ANALYSIS_VALUE_OPTIONS,
  type AnalysisOptions,
  analysisParams,
  INPUT_FILE_OPTIONS,
  type InputFileOptions,
  inputFileOptions,
  parseAnalysisOptions,
  readDemandInputs,
  readUnitInputs,
} from "./analysis-options";
import {
  CITIES,
  type City,
  type Crs,
  countyNamesEn,
  crsOption,
  dropRowsOption,
  facilitiesLine,
  InputError,
  listAnalysisInput,
  loadCountyBoundaries,
  optionError,
  outsideCount,
  REPO_ROOT,
  readJson,
  readPopulation,
  requireOptions,
  scanArgs,
} from "./common";
import { doneExit } from "./exit-codes";
import {
  ADD_FACILITY_OPTIONS,
  addFacilityOption,
  type FacilityFileInput,
  facilityListWarnings,
  readFacilityLists,
} from "./facility-lists";
import { checkOutDir, issueLines, type OutputFile, rejectedFile, withOutputSet, writtenLine } from "./output";
import { checkParamOptions, PARAM_OPTION_NAMES, type ParamOptions, readParamOptions } from "./params";
import { isShippedScenario } from "./paths";
import { NATIONAL_RULES } from "./region";
import { cityDivisions, loadChinaIndex, readGeodata, selectCities } from "./region-select";
import { loadRuleSet } from "./rules";
import { readTravelInputs, readTravelOptions, TRAVEL_OPTION_NAMES, type TravelOptions } from "./travel";
import { refuseWrongCity } from "./wrong-city";

/**
 * Parsed options of `report`: the inputs `analyze` takes for its verdicts (the re-trial, s45: `--staffing`,
 * `--unit-population`, `--urban` were refused, so the CLI's Word report lacked the staff indicators, 004:437's
 * 800-person exemption and an urban-area file the app's report has).
 */
export interface ReportOptions extends AnalysisOptions, InputFileOptions {
  facilities: string;
  out: string;
  /** A plan city's id (its own plans), or any other prefecture-level city by id, 6-digit code, Chinese name or pinyin (the rules the plans share). */
  city: string;
  county?: string;
  boundaries?: string;
  rules?: string;
  /** Given explicitly; absent: the file's own CRS (a Shapefile's .prj), else WGS84. */
  crs?: Crs;
  /** The workbook's sheet to read (`--sheet`, a name or 1-based number; default the first). */
  sheet?: string;
  /** Rows of the facility file struck out (剔除), by the numbers the import report gives them (`--drop-rows`). */
  dropRows?: number[];
  /** A second facility file joined to the first (`--add-facilities`, with `--add-sheet`, `--add-drop-rows`). */
  add?: FacilityFileInput;
  /** Analysis parameters from their options (--urban-radius-km, --rural-radius-km, --min-km, --central-city-radius-km, --county-seat-radius-km). */
  params: ParamOptions;
  population?: string;
  /** Roads, speeds, off-road speed and population raster, as for `analyze` (EMS-TIME and people in the report). */
  travel?: TravelOptions;
}

/** Parses `report` options; throws InputError naming the option on bad values. */
export function parseReportArgs(argv: string[]): ReportOptions {
  const known = [
    ...["facilities", "out", "city", "county", "boundaries", "rules", "crs", "population", "drop-rows", "sheet"],
    ...ADD_FACILITY_OPTIONS,
    ...INPUT_FILE_OPTIONS,
    ...ANALYSIS_VALUE_OPTIONS,
  ];
  const { raw, flags, errors } = scanArgs(
    argv,
    [...known, ...PARAM_OPTION_NAMES, ...TRAVEL_OPTION_NAMES],
    ANALYSIS_FLAGS,
  );
  const analysis = parseAnalysisOptions(raw, flags, errors);
  requireOptions(raw, ["facilities", "out"], errors);
  const city = raw.get("city") ?? "nanyang"; // looked up when the report runs (the national index is read then)
  const crs = raw.has("crs") ? crsOption(errors, raw.get("crs") as string) : undefined;
  const county = raw.get("county");
  if (county !== undefined && !/^\d{6}$/.test(county))
    errors.push(optionError("county", `“${county}” 不是 6 位县级代码`, `"${county}" is not a 6-digit county code`));
  const dropRows = raw.has("drop-rows") ? dropRowsOption(errors, raw.get("drop-rows") as string) : undefined;
  const add = addFacilityOption(raw, errors);
  const params = readParamOptions(raw, errors);
  const travel = readTravelOptions(raw, errors);
  if (errors.length) throw new InputError(errors);
  return {
    ...analysis,
    ...(dropRows ? { dropRows } : {}),
    ...(add ? { add } : {}),
    ...inputFileOptions(raw),
    facilities: raw.get("facilities") as string,
    out: raw.get("out") as string,
    city,
    ...(crs ? { crs } : {}),
    ...(raw.has("sheet") ? { sheet: raw.get("sheet") as string } : {}),
    ...(county !== undefined ? { county } : {}),
    ...(raw.has("boundaries") ? { boundaries: raw.get("boundaries") } : {}),
    ...(raw.has("rules") ? { rules: raw.get("rules") } : {}),
    ...(raw.has("population") ? { population: raw.get("population") } : {}),
    params,
    travel,
  };
}

/**
 * The city `--city` names: one of the four plan cities (by id, or by the name or code the national index gives it),
 * or any other prefecture-level city of the index (refused with candidates when the name is ambiguous or unknown).
 */
async function reportCity(
  query: string,
): Promise<{ plan: City; entry?: undefined } | { plan?: undefined; entry: CityEntry }> {
  if ((CITIES as readonly string[]).includes(query)) return { plan: query as City };
  const [entry] = selectCities(await loadChinaIndex(), { kind: "city", query });
  const plan = CITIES.find((c) => c === entry.plan);
  return plan ? { plan } : { entry };
}

/** File names written by `report`. */
export const REPORT_FILES = { docx: "审查报告.docx", html: "report.html" } as const;

/**
 * Runs `report`: checks `--out` first, reads the inputs as `analyze` does, analyses, draws a map per county (pure JS,
 * no browser) and writes DIR/审查报告.docx, DIR/report.html and DIR/rejected.csv as one set under the lock on DIR.
 * Exit code 3 when rows were rejected (the report is still written; see exit-codes.ts).
 */
export async function runReport(opts: ReportOptions): Promise<{ exitCode: 0 | 3; lines: string[] }> {
  checkOutDir(opts.out);
  const warnings: string[] = [];
  const errorLines: string[] = [];
  const collected: RowIssue[] = [];
  const where = await reportCity(opts.city);
  const cityKey = where.plan ?? where.entry.id;
  // a city without a local plan is checked against the rules the plans share, as `analyze` does
  const ruleSet = loadRuleSet(opts.rules ?? (where.plan ? undefined : NATIONAL_RULES), cityKey);
  const fromOptions = checkParamOptions(ruleSet, opts.params, cityKey);
  const extra = await analysisParams(opts);
  const params = { ...fromOptions, ...extra, urban: { ...fromOptions.urban, ...extra.urban } };
  const counties =
    where.plan || opts.boundaries
      ? await loadCountyBoundaries({ boundaries: opts.boundaries, city: where.plan ?? "nanyang" }, warnings) // with --boundaries the city names no file
      : ((await loadCityCounties(where.entry, readGeodata)) as Awaited<ReturnType<typeof loadCountyBoundaries>>);
  if (opts.county && !counties.features.some((f) => f.properties.code === opts.county))
    throw new InputError([
      optionError("county", `${opts.county} 不在边界数据中`, `${opts.county} is not in the boundaries`),
    ]);
  const refs = counties.features.map((f) => ({ code: f.properties.code, name: f.properties.name }));
  const divisions = await cityDivisions(where.entry, cityKey, counties as { codeNotes?: CodeNote[] });
  let population: CountyPopulation[] | undefined;
  let rejected = 0;
  if (opts.population) {
    const pop = await readPopulation(opts.population, refs, warnings, errorLines, collected);
    rejected += pop.rejected;
    population = pop.population;
  }
  // what became of each file's rows, for the report's 六 (the GIS trial: a report of 15 from a file of 17)
  const imported = await readFacilityLists(
    {
      file: opts.facilities,
      ...(opts.sheet ? { sheet: opts.sheet } : {}),
      ...(opts.dropRows ? { drop: opts.dropRows } : {}),
    },
    opts.add,
    { zh: "设施文件", en: "facility file" },
    opts.crs,
    counties,
    { warnings, errorLines, collected },
    divisions ?? null,
    ruleSet,
  );
  rejected += imported.rejected;
  // facilities mostly outside the chosen city are another city's data: refused, naming where they lie (as analyze)
  if (!opts.boundaries) await refuseWrongCity(opts.facilities, imported.read, counties, cityKey);
  // the whole-list warnings the app's import gives: counties never reached (unless one county is asked for), a stray
  // county, and for a list of the user's, kinds absent and hospitals with no grade
  const shipped = isShippedScenario(opts.facilities);
  facilityListWarnings(imported, counties, ruleSet, { warnings, collected }, { scope: !opts.county, shipped });
  // a list with no hospital or no EMS point at all, for the report's 数据来源
  const lacking = shipped ? undefined : absentKinds(imported.facilities, ruleSet);
  const facilities = imported.facilities;
  const travel = await readTravelInputs(opts.travel ?? {}, counties, errorLines, collected, warnings, facilities);
  rejected += travel.rejected;
  // the analysis inputs analyze takes, read as it reads them
  const demand = readDemandInputs(opts.demand, opts.crs, counties, { errorLines, warnings, collected });
  const { unitPopulation, staffing, ...units } = await readUnitInputs(opts, refs, errorLines, collected);
  rejected += units.rejected;
  const cityInfo = where.entry
    ? { name: where.entry.name, nameEn: where.entry.nameEn }
    : (
        readJson(join(REPO_ROOT, "geodata", "cities.json"), { zh: "城市列表", en: "city list" }) as Array<{
          id: string;
          name: string;
          nameEn: string;
        }>
      ).find((c) => c.id === where.plan);
  const invented = facilities.some((f) => f.invented);
  const scoped = opts.county ? counties.features.find((f) => f.properties.code === opts.county) : undefined;
  const boundaryMeta = counties as { source?: string; licence?: string };
  const inputs = listAnalysisInput({
    counties,
    countyNamesEn: countyNamesEn(),
    facilities,
    shipped: isShippedScenario(opts.facilities),
    rejectedFacilities: imported.rejectedFacilities,
    ruleSet,
    params,
    population,
    divisions,
    demand,
    ...(travel.roads ? { roads: travel.roads } : {}),
    ...(travel.populationRaster ? { populationRaster: travel.populationRaster } : {}),
    ...(unitPopulation ? { unitPopulation } : {}),
    ...(staffing ? { staffing } : {}),
  });
  // what each proposed site alone does, in the report's list of them (the trial, s51)
  const effects = siteEffects(inputs, { listed: imported.listed.facilities });
  const sources = reportSources({
    facilities: {
      file: isShippedScenario(opts.facilities) ? null : imported.parts.map((p) => p.file).join(" + "),
      // one note a file of a joined list (--add-facilities), as the app's report gives them
      ...(isShippedScenario(opts.facilities)
        ? {}
        : imported.parts.length > 1
          ? { imports: imported.parts.map((p) => ({ file: p.file, tally: p.tally })) }
          : { import: imported.parts[0].tally }),
      count: facilities.length,
      invented,
      proposed: facilities.filter((f) => f.proposed).length,
      proposedOutside: proposedOutside(facilities, counties.features),
      proposedSites: proposedSites(facilities, counties.features, scoped?.properties.code, effects),
      ...(scoped
        ? {
            proposedInCounty: {
              name: scoped.properties.name,
              count: proposedInCounty(facilities, counties.features, scoped.properties.code),
            },
          }
        : {}),
      ...(lacking ? { absentKinds: lacking } : {}),
      ...markedFacilities(facilities),
    },
    boundaries: opts.boundaries
      ? { userFile: basename(opts.boundaries) }
      : {
          ...(boundaryMeta.source ? { source: boundaryMeta.source } : {}),
          ...(boundaryMeta.licence ? { licence: boundaryMeta.licence } : {}),
        },
    divisions,
    ruleSet: { id: ruleSet.id, title: ruleSet.title.zh, travelTime: ruleSet.rules.some((r) => r.id === "EMS-TIME") },
    population,
    roads: travel.roads && opts.travel?.roads ? { ...travel.roads, file: basename(opts.travel.roads) } : null,
    populationRaster: opts.travel?.populationRaster ? basename(opts.travel.populationRaster) : null,
  });
  const { doc, written } = await withOutputSet(opts.out, async () => {
    const report = analyze(inputs);
    // the list's proposed rows (proposed = true): the report gives what they change, as the app's does
    const existing = facilities.filter((f) => !f.proposed);
    const baseline = existing.length < facilities.length ? analyze({ ...inputs, facilities: existing }) : undefined;
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
      cityName: cityInfo?.name ?? cityKey,
      ...(cityInfo?.nameEn ? { cityNameEn: cityInfo.nameEn } : {}),
      ...(opts.county ? { county: opts.county } : {}),
      sources,
      invented,
      maps,
      ...(baseline ? { baseline } : {}),
    });
    const files: OutputFile[] = [
      { name: REPORT_FILES.docx, data: await reviewDocx(doc) },
      { name: REPORT_FILES.html, data: reviewHtml(doc) },
      rejectedFile(collected),
    ];
    return { files, value: { doc, written: writtenLine(opts.out, files) } };
  });
  const lines = issueLines(opts.out, warnings, errorLines);
  // the city row's too, as analyze counts them (the GIS trial, s45-b #9: report said 113 where analyze said 114)
  const cityRows = doc.city?.checks.filter((k) => k.status === "fail").length ?? 0;
  // every row, not the summed-up ones a county the list leaves out shows in the city report (the GIS trial, s55 M1:
  // 「违规 36 条」 for 124)
  const violations = doc.counties.reduce((s, c) => s + c.violationCount, 0) + cityRows;
  lines.push(
    ...imported.parts.map((p) => p.crsLine),
    ...travel.lines,
    facilitiesLine(facilities.length, imported.rejected, collected, "analysed", outsideCount(facilities, counties)),
    `${doc.title}：${doc.counties.length} 个县区，违规 ${violations} 条${cityRows ? `（其中全市指标 ${cityRows} 条）` : ""} / ${counted(doc.counties.length, "county", "counties")}, ${counted(violations, "violation", "violations")}${cityRows ? ` (${cityRows} of them the city's)` : ""}`,
    `${written}（${collected.length} 条问题 / ${counted(collected.length, "issue", "issues")}）`,
  );
  return { exitCode: doneExit(rejected), lines };
}
