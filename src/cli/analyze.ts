import { existsSync } from "node:fs";
import { join } from "node:path";
import type { CountyPopulation, ParamOverrides, RowIssue } from "../core";
import {
  type AnalysisReport,
  analyze,
  citedViolations,
  counted,
  countyNamesEnByCode,
  coverageNotChecked,
  type Divisions,
  exportFacilitiesGeoJSON,
  facilitiesForExport,
  GAP_FIELD_NOTES,
  gapFeaturesForExport,
  paramsInUse,
  placeViolations,
  planMeta,
  planPeriodNote,
  RESULT_COORDINATES,
  refusedFacilityRows,
  siteEffects,
  unplacedNote,
  VIOLATION_FIELD_NOTES,
  withUnitNames,
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
  oneOf,
  outsideCount,
  REPO_ROOT,
  readJson,
  readPopulation,
  requireOptions,
  scanArgs,
} from "./common";
import type { DemandFileResult } from "./demand";
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
import { loadRuleSet } from "./rules";
import { readTravelInputs, readTravelOptions, TRAVEL_OPTION_NAMES, type TravelOptions, travelLines } from "./travel";
import { refuseWrongCity } from "./wrong-city";

/** Summary lines for `--demand`: points used / rejected, and demand covered by the EMS radius checks over all counties. */
function demandLines(report: AnalysisReport, demand: DemandFileResult): string[] {
  const out = [
    `需求点 ${demand.points.length} 个已使用，${demand.rejected} 行被拒绝 / ${counted(demand.points.length, "demand point", "demand points")} used, ${counted(demand.rejected, "row", "rows")} rejected`,
  ];
  const byRule = new Map<string, { covered: number; total: number; weightCovered: number; weightTotal: number }>();
  for (const c of report.counties)
    for (const ch of c.checks) {
      if (!ch.demand) continue;
      const t = byRule.get(ch.rule) ?? { covered: 0, total: 0, weightCovered: 0, weightTotal: 0 };
      t.covered += ch.demand.covered;
      t.total += ch.demand.total;
      t.weightCovered += ch.demand.weightCovered;
      t.weightTotal += ch.demand.weightTotal;
      byRule.set(ch.rule, t);
    }
  for (const [rule, t] of byRule) {
    const share = t.weightTotal > 0 ? `${((100 * t.weightCovered) / t.weightTotal).toFixed(1)}%` : "—";
    out.push(
      `${rule}: 需求点覆盖 ${t.covered}/${t.total}，加权 ${share} / demand points covered ${t.covered}/${t.total}, weighted share ${share}`,
    );
  }
  return out;
}

/** Parsed command-line options of `analyze`. */
export interface AnalyzeOptions extends AnalysisOptions, InputFileOptions {
  facilities: string;
  out: string;
  city: City;
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
  /** Roads, speeds, off-road speed and population raster (--roads, --speeds, --offroad-kmh, --population-raster). */
  travel?: TravelOptions;
}

/** Parses `analyze` options; throws InputError naming the option on bad values. */
export function parseAnalyzeArgs(argv: string[]): AnalyzeOptions {
  const known = [
    "facilities",
    "out",
    "city",
    "boundaries",
    "rules",
    "crs",
    "drop-rows",
    "sheet",
    ...ADD_FACILITY_OPTIONS,
    "population",
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
  const travel = readTravelOptions(raw, errors);
  const city = oneOf(errors, "city", raw.get("city") ?? "nanyang", CITIES);
  const crs = raw.has("crs") ? crsOption(errors, raw.get("crs") as string) : undefined;
  const dropRows = raw.has("drop-rows") ? dropRowsOption(errors, raw.get("drop-rows") as string) : undefined;
  const add = addFacilityOption(raw, errors);
  const params = readParamOptions(raw, errors);
  if (errors.length) throw new InputError(errors);
  return {
    ...analysis,
    ...(dropRows ? { dropRows } : {}),
    ...(add ? { add } : {}),
    facilities: raw.get("facilities") as string,
    out: raw.get("out") as string,
    city,
    ...(crs ? { crs } : {}),
    ...(raw.has("sheet") ? { sheet: raw.get("sheet") as string } : {}),
    ...inputFileOptions(raw),
    ...(raw.has("boundaries") ? { boundaries: raw.get("boundaries") } : {}),
    ...(raw.has("rules") ? { rules: raw.get("rules") } : {}),
    ...(raw.has("population") ? { population: raw.get("population") } : {}),
    params,
    travel,
  };
}

/** Result of the analyze command. */
export interface AnalyzeResult {
  exitCode: 0 | 3;
  report: AnalysisReport;
  lines: string[];
}

/**
 * Runs `analyze`: checks `--out` first, reads inputs, analyses, and writes DIR/report.json, gaps.geojson,
 * violations.geojson and rejected.csv as one set under a lock on DIR.
 */
export async function runAnalyze(opts: AnalyzeOptions): Promise<AnalyzeResult> {
  checkOutDir(opts.out);
  const lines: string[] = [];
  const warnings: string[] = [];
  const collected: RowIssue[] = [];
  const ruleSet = loadRuleSet(opts.rules, opts.city);
  const fromOptions = checkParamOptions(ruleSet, opts.params, opts.city);
  const extra = await analysisParams(opts);
  const params: ParamOverrides = { ...fromOptions, ...extra, urban: { ...fromOptions.urban, ...extra.urban } };

  const counties = await loadCountyBoundaries(opts, warnings);
  const refs = counties.features.map((f) => ({ code: f.properties.code, name: f.properties.name }));

  let divisions: Divisions | undefined;
  const divFile = join(REPO_ROOT, "geodata", `divisions-${opts.city}.json`);
  if (existsSync(divFile)) divisions = readJson(divFile, { zh: "区划名录", en: "division list" }) as Divisions;

  let population: CountyPopulation[] | undefined;
  let rejected = 0;
  const errorLines: string[] = [];
  if (opts.population) {
    const pop = await readPopulation(opts.population, refs, warnings, errorLines, collected);
    rejected += pop.rejected;
    population = pop.population;
  }

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
  const facilities = imported.facilities;
  rejected += imported.rejected;
  // facilities mostly outside the chosen city are another city's data: refused, naming where they lie (with the
  // user's own --boundaries, points outside them are each named instead, as before)
  if (!opts.boundaries) await refuseWrongCity(opts.facilities, imported.read, counties, opts.city);
  // the whole-list warnings the app's import gives: counties never reached, a stray county, kinds absent, no grade
  facilityListWarnings(imported, counties, ruleSet, { warnings, collected });

  const demand = readDemandInputs(opts.demand, opts.crs, counties, { errorLines, warnings, collected });

  const travel = await readTravelInputs(opts.travel ?? {}, counties, errorLines, collected, warnings, facilities);
  rejected += travel.rejected;
  const { unitPopulation, staffing, ...units } = await readUnitInputs(opts, refs, errorLines, collected);
  rejected += units.rejected;

  const pinyin = countyNamesEn();
  const { report, written } = await withOutputSet(opts.out, () => {
    const input = listAnalysisInput({
      counties,
      countyNamesEn: pinyin,
      facilities,
      // a county the list has no facility in is named in report.json's listScope, its violations countyInList false
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
    const { isochrones, ...report } = analyze(input);
    // what each proposed site of the list alone does, on the site in facilities.geojson (the trial, s51)
    const effects = Object.fromEntries(
      siteEffects(input, { listed: imported.listed.facilities }).map((e) => [e.id, e.summary]),
    );
    const plan = planMeta(input.facilities);
    const meta = {
      ruleSet: report.ruleSetId,
      ruleSetTitle: ruleSet.title,
      // the radii only where a rule uses them (the GIS trial, s42-a #2)
      params: paramsInUse(ruleSet, report.params),
      urbanDefinition: report.urbanDefinitionUsed,
      emsNetwork: report.emsNetworkUsed,
      ...(report.listScope ? { listScope: report.listScope } : {}),
      generatedAt: report.generatedAt,
    };
    // the proposed sites of the list the results count, as the app's exports say (the user trial, s52 M3)
    const planMember = plan ? { plan: { proposedSites: plan.proposedSites, note: plan.note } } : {};
    // the counties' English names beside the Chinese ones, as the app's exports write them (the GIS trial: the
    // CLI's violations and gaps had no countyNameEn, so the two sets of files did not diff clean)
    const namesEn = countyNamesEnByCode(counties.features, pinyin);
    const vFeatures = placeViolations({
      countyNamesEn: namesEn,
      violations: report.violations,
      report,
      ruleSet,
      counties: counties.features,
      divisions,
      facilities,
    });
    const gaps = gapFeaturesForExport({ report, counties: counties.features, ruleSet, namesEn });
    const noCoverage = coverageNotChecked(ruleSet);
    const files: OutputFile[] = [
      // every violation with its citation and place, as in violations.geojson (issue 11)
      {
        name: "report.json",
        data: `${JSON.stringify({ ...report, params: meta.params, violations: citedViolations(report.violations, vFeatures) }, null, 2)}\n`,
      },
      // a rule set that measures no coverage says so, not an empty file that reads as covered (the GIS trial, s51b M2)
      {
        name: "gaps.geojson",
        data: `${JSON.stringify({ type: "FeatureCollection", ...meta, ...planMember, ...(noCoverage ? { note: noCoverage } : {}), fieldNotes: GAP_FIELD_NOTES, coordinateSystem: RESULT_COORDINATES, features: gaps })}\n`,
      },
      {
        name: "violations.geojson",
        data: `${JSON.stringify({ type: "FeatureCollection", ...meta, ...planMember, fieldNotes: VIOLATION_FIELD_NOTES, coordinateSystem: RESULT_COORDINATES, features: vFeatures })}\n`,
      },
      // the cleaned list a GIS desk takes (the GIS trial: only the app wrote it): every analysed facility as read
      // (GBK, swapped, DMS, GCJ-02 fixed) in WGS84, with its county (by position where the row gave none) and name
      {
        name: "facilities.geojson",
        data: `${exportFacilitiesGeoJSON(
          // with the rows refused for their position alone, as features with no geometry (as the app's export)
          [
            ...facilitiesForExport(facilities, counties.features, divisions),
            ...withUnitNames(refusedFacilityRows(imported.rejectedFacilities ?? []), divisions ?? null),
          ],
          { ...meta, params: { ...meta.params }, ...(plan ? { plan } : {}) },
          {
            crs: "wgs84",
            countyNames: Object.fromEntries(counties.features.map((c) => [c.properties.code, c.properties.name])),
            effects,
          },
        )}\n`,
      },
      ...(isochrones && ruleSet.rules.some((r) => r.id === "EMS-TIME")
        ? [
            {
              name: "isochrones.geojson",
              data: `${JSON.stringify({ type: "FeatureCollection", ...meta, features: isochrones })}\n`,
            },
          ]
        : []),
      rejectedFile(collected),
    ];
    return { files, value: { report, written: writtenLine(opts.out, files) } };
  });

  const tally: Record<string, number> = {};
  const countyNameOf = new Map(report.counties.map((c) => [c.code, c.name]));
  const named = (code: string) => `${countyNameOf.get(code) ?? ""}${code}`;
  for (const c of report.counties) for (const ch of c.checks) tally[ch.status] = (tally[ch.status] ?? 0) + 1;
  for (const l of issueLines(opts.out, warnings, errorLines)) lines.push(l);
  lines.push(
    ...imported.parts.map((p) => p.crsLine),
    // the facility file's own rejected rows: roads, population and other tables are counted on their own lines
    facilitiesLine(facilities.length, imported.rejected, collected, "analysed", outsideCount(facilities, counties)),
  );
  if (demand) for (const l of demandLines(report, demand)) lines.push(l);
  for (const l of travel.lines) lines.push(l);
  // roads under a rule set with no travel-time rule judge nothing: said, not left to an empty isochrones.geojson (the
  // trial, s44-b #6: 平顶山's 001 sets no EMS-TIME)
  if (travel.roads && !ruleSet.rules.some((r) => r.id === "EMS-TIME"))
    lines.push(
      `规则集「${ruleSet.title.zh}」没有平均急救反应时间规则：路网不参与核查，等时圈不写出（对比可用 --rules all）/ the rule set "${ruleSet.title.en}" has no EMS-TIME rule: the roads judge nothing and no isochrones are written (compare with --rules all)`,
    );
  for (const l of travelLines(report)) lines.push(l);
  lines.push(
    `${report.counties.length} 个县区 / ${counted(report.counties.length, "county", "counties")}；检查结果 checks: ${Object.entries(
      tally,
    )
      .map(([k, v]) => `${k} ${v}`)
      .join(", ")}；违规 violations ${report.violations.length}；缺口 gaps ${report.gaps.length}`,
    `规则集 rule set: ${ruleSet.title.zh} / ${ruleSet.title.en}；${report.scope.note.zh} / ${report.scope.note.en}`,
    // the plans' periods beside the day of the check (the audit, s50 L-1)
    ...((n) => (n ? [`${n.zh} / ${n.en}`] : []))(planPeriodNote(ruleSet.documents, report.generatedAt.slice(0, 10))),
    // development zones with no boundary, whose townships and villages no county's check holds (the audit, s50 M-4)
    ...(report.scope.unplaced ? [((n) => `${n.zh} / ${n.en}`)(unplacedNote(report.scope.unplaced))] : []),
    ...(report.scope.context.length
      ? [
          // by name and code (the re-trial, s44: codes alone)
          `背景县区（不核查）context, not judged: ${report.scope.context.map(named).join(", ")}；核查 judged: ${report.scope.judged.map(named).join(", ")}`,
        ]
      : []),
    ...(report.city
      ? [
          `全市 city (${report.city.counties.length} 个县区 / ${counted(report.city.counties.length, "county", "counties")}): ${report.city.checks
            .map((c) => `${c.rule} ${c.status}`)
            .join(", ")}`,
        ]
      : []),
    `${report.urbanDefinitionUsed.zh} / ${report.urbanDefinitionUsed.en}`,
    // (a rule set that measures no coverage: that, not a network nothing was measured over)
    ...[coverageNotChecked(ruleSet) ?? report.emsNetworkUsed].map((m) => `${m.zh} / ${m.en}`),
    `${written}（${collected.length} 条问题 / ${counted(collected.length, "issue", "issues")}）`,
  );
  return { exitCode: doneExit(rejected + (demand?.rejected ?? 0)), report, lines };
}
