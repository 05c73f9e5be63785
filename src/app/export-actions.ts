import type { AnalysisReport, Facility, ImportTally, RejectedFacility, RuleSet, ShapefileCrs } from "../core";
import {
  counted,
  countyNamesEnByCode,
  coverageNotChecked,
  coveredPct,
  type ExportMeta,
  exportCsv,
  exportFacilitiesCsv,
  exportShapefileZip,
  FACILITY_DBF_FIELDS,
  facilitiesForExport,
  facilityFeature,
  GAP_FIELD_NOTES,
  gapFeaturesForExport,
  gapShapefileLayer,
  listScopeReadme,
  paramsInUse,
  placeViolations,
  planMeta,
  plural,
  refusedFacilityRows,
  ringFeaturesForExport,
  type ShapefileLayer,
  VIOLATION_FIELD_NOTES,
  violationFlatProps,
  violationsCsv,
  withUnitNames,
} from "../core";
import type { Decorated, ReviewRequest } from "../worker/api";
import type { ExportKind } from "./components/DataPanel";
import { statusLabel } from "./components/ReviewPanel";
import type { CityData } from "./data";
import { download, printMapPng } from "./exports";
import type { I18n } from "./i18n";
import { loadCountyNamesEn } from "./map/labels";
import { analysisWorker } from "./state/analysis-client";
import { bboxOfCounties } from "./state/use-city";

/**
 * The counties' English names by code as the English interface gives them ("Xixia County"), for the exports to write
 * beside the Chinese names; a county the shipped table does not know (own boundaries) has none.
 */
export async function countyNamesEn(counties: CityData["counties"]["features"]): Promise<Record<string, string>> {
  // core's, as the CLI names them in its files
  return countyNamesEnByCode(counties, await loadCountyNamesEn());
}

/**
 * The county table as Excel-friendly CSV: one row per county, a status and a detail column per rule. Covered shares
 * to 0.1 %, never 100.0 % while some area is uncovered. In English a `county_en` column beside the Chinese name
 * (`namesEn`, by code), which stays for joins.
 */
export function countyTableCsv(
  report: AnalysisReport,
  i18n: I18n,
  namesEn: Record<string, string> = {},
  scenario?: { zh: string; en: string },
): string {
  const { t } = i18n;
  const ruleIds = [...new Set(report.counties.flatMap((c) => c.checks.map((k) => k.rule)))];
  // an imported list that has no facility in some counties: each row says whether it had any in the county (s43)
  const notInList = report.listScope ? new Set(report.listScope.missing) : undefined;
  const rows = report.counties.map((c) => {
    const row: Record<string, unknown> = {
      code: c.code,
      name: c.name,
      nameEn: namesEn[c.code] ?? "",
      inList: notInList ? t(notInList.has(c.code) ? "csvInListNo" : "csvInListYes") : "",
      areaKm2: c.areaKm2.toFixed(1),
      population: c.population ?? "",
    };
    for (const r of ruleIds) {
      const k = c.checks.find((x) => x.rule === r);
      const pct =
        k?.coveredShare !== undefined
          ? ` ${coveredPct(k.coveredShare, (k.uncoveredAreaKm2 ?? 0) <= 0).toFixed(1)}%`
          : "";
      row[r] = k ? `${statusLabel(k.status, i18n.lang)}${pct}` : "";
      row[`${r}_msg`] = k ? i18n.pick(k.message) : "";
    }
    return row;
  });
  const cols = [
    { header: t("csvCode"), value: "code" },
    // results that count the planner's proposed sites judge the plan, said on every row (the user trial, s52 M3)
    ...(scenario ? [{ header: t("csvScenario"), value: () => i18n.pick(scenario) }] : []),
    { header: t("csvCounty"), value: "name" },
    ...(i18n.lang === "en" ? [{ header: "county_en", value: "nameEn" }] : []),
    ...(notInList ? [{ header: t("csvInList"), value: "inList" }] : []),
    { header: t("csvAreaKm2"), value: "areaKm2" },
    { header: t("csvPopulation"), value: "population" },
    ...ruleIds.flatMap((r) => [
      { header: r, value: r },
      { header: t("csvRuleDetail", r), value: `${r}_msg` },
    ]),
  ];
  return exportCsv(rows, cols);
}

/** The analysis's violations as cited, placed features (see {@link placeViolations}). */
export function placedViolations(
  ctx: Pick<ExportContext, "analysis" | "data" | "facilities" | "ruleSet">,
  countyNamesEn?: Record<string, string>,
) {
  return placeViolations({
    ...(countyNamesEn ? { countyNamesEn } : {}),
    violations: ctx.analysis.report.violations,
    report: ctx.analysis.report,
    ruleSet: ctx.ruleSet,
    counties: ctx.data.counties.features,
    divisions: ctx.data.divisions,
    facilities: ctx.facilities,
  });
}

/**
 * The map's service rings (EMS radii, the sub-centre distance) with the facility's name, its county and the rule each
 * draws ({@link ringFeaturesForExport}), for the 服务半径 GeoJSON and Shapefile.
 */
async function coverageRings(ctx: ExportContext, namesEn: Record<string, string>) {
  // each EMS point's urban and rural ring, as the checks count them (the map draws one a point)
  const rings = await analysisWorker().ringsByRule();
  return ringFeaturesForExport({
    rings: [...rings, ...ctx.analysis.ring15],
    facilities: ctx.facilities,
    counties: ctx.data.counties.features,
    ruleSet: ctx.ruleSet,
    namesEn,
  });
}

/**
 * The facilities as the exports write them: one with no county code takes the county its point lies in (the GIS
 * trial: rows without a code went out with no county, though the analysis placed them), as the analysis counts it.
 */
export function exportedFacilities(ctx: Pick<ExportContext, "data" | "facilities">): Facility[] {
  // with the township's and village's names beside their codes, as the CLI's facilities.geojson
  return facilitiesForExport(ctx.facilities, ctx.data.counties.features, ctx.data.divisions);
}

/**
 * What the page knows of a review report's inputs: the imported facility file's name (null: the sample scenario) and
 * the boundaries' origin (the shipped data's package and licence, or the user's file). The worker adds the rest.
 */
export function reviewPageProvenance(
  data: CityData,
  datasetName: string | null,
  /** What became of the rows of the list's file, or of each file of a list joined from several. */
  tallies: ReadonlyArray<{ file: string; tally: ImportTally }> = [],
): ReviewRequest["provenance"] {
  const c = data.counties;
  return {
    facilityFile: datasetName,
    ...(datasetName && tallies.length ? { facilityImports: tallies } : {}),
    boundaries: c.importedFrom
      ? { userFile: c.importedFrom }
      : { ...(c.source ? { source: c.source } : {}), ...(c.licence ? { licence: c.licence } : {}) },
  };
}

/** A name as ASCII for a file name: letters and digits, each run of anything else one hyphen ("Xi'an" → "Xi-an"). */
function fileWord(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/**
 * The review report's file name, without its extension, in the interface's language: 「审查报告-镇平县-411324-2026-12-02」
 * (a county) or 「审查报告-南阳市-2026-12-02」 (the city, by its Chinese name as a county is; the reviewer trial found the
 * city's id there) in Chinese; in English `review-report-Zhenping-County-411324-2026-12-02` with the county's shipped
 * English name (`nameEn`, as the English interface shows it; the code alone where there is none, e.g. own boundaries)
 * and `review-report-Nanyang-2026-12-02` (the city's English name, else its id). The report itself is in Chinese.
 */
export function reviewReportFileName(
  lang: "zh" | "en",
  city: { id: string; name: string; nameEn?: string },
  date: string,
  county?: { code: string; name: string; nameEn?: string },
): string {
  if (lang === "zh") return `审查报告-${county ? `${county.name}-${county.code}` : city.name}-${date}`;
  const en = county?.nameEn ? fileWord(county.nameEn) : "";
  const place = county ? (en ? `${en}-${county.code}` : county.code) : fileWord(city.nameEn ?? city.id);
  return `review-report-${place}-${date}`;
}

/** What an export needs from the page. */
export interface ExportContext {
  analysis: Decorated;
  data: CityData;
  facilities: Facility[];
  datasetName: string | null;
  /** What became of the imported file's rows (refused, struck out), or of each file's of a joined list. */
  datasetTallies?: ReadonlyArray<{ file: string; tally: ImportTally }>;
  /** The imported file's rows refused for their position alone (RejectedFacility), for the facilities CSV. */
  refused?: readonly RejectedFacility[];
  ruleSet: RuleSet;
  countyNames: Map<string, string>;
  map: import("maplibre-gl").Map | null;
  i18n: I18n;
  sampleNotice: string;
  /** With no list, the planner's proposed sites the checks measure (0: none, or a list): see proposedOnlyCount. */
  proposedOnly: number;
  /** A county code: every export covers this county alone (default: the whole city). */
  county?: string;
  /** The projected system the Shapefiles are written in (not the GCJ-02 one); absent: WGS84. */
  shpCrs?: ShapefileCrs;
}

/**
 * The print map's lines under its title: the rule set, then the EMS radii where the rule set checks them, or that it
 * sets none (the GIS trial, s42-a #2: 平顶山's sheet said 「农村 20 km」 under plan 001, which sets no radius).
 */
export function printSubtitle(
  ruleSet: RuleSet,
  report: Pick<AnalysisReport, "params" | "urbanDefinitionUsed">,
  i18n: Pick<I18n, "t" | "pick">,
): string[] {
  const { t, pick } = i18n;
  const p = report.params;
  const radii = Object.keys(paramsInUse(ruleSet, { ruralRadiusKm: 0, urbanRadiusKm: 0 })).length > 0;
  return [
    t("printRuleSet", pick(ruleSet.title)),
    radii
      ? t("printParams", p.urbanRadiusKm, p.ruralRadiusKm, pick(report.urbanDefinitionUsed))
      : t("printNoRadius", pick(report.urbanDefinitionUsed)),
  ];
}

/**
 * The lines a zipped Shapefile's README.txt adds: the rule set, the sources and the time; and for the analysis's
 * results (`results`: gaps, violations) of an imported list that leaves some judged counties out (`meta.listScope`),
 * which counties it covered and that the others' features (`IN_LIST` F) are the list's, not measured ({@link
 * listScopeReadme}): a gaps.shp loaded alone showed nine counties of a one-county list as whole-county gaps, unsaid
 * (the GIS trial, s45-b #1).
 */
export function shapefileReadme(
  ruleSet: Pick<RuleSet, "id" | "title">,
  meta: Pick<ExportMeta, "sources" | "generatedAt" | "listScope" | "county" | "plan">,
  results: boolean,
  countyNames: Readonly<Record<string, string>>,
  namesEn: Readonly<Record<string, string>> = {},
): string {
  const base = `${ruleSet.id}: ${ruleSet.title.zh} / ${ruleSet.title.en} · ${meta.sources?.filter(Boolean).join(" · ") ?? ""} · ${meta.generatedAt}`;
  // a file cut to one county says so (the GIS trial, s45-b #2: every layer was the whole city's)
  const c = meta.county;
  const scoped = c
    ? `${base}\r\n范围：仅${c.name}（${c.code}）的要素；全市指标等全市一行只见全市导出 / Scope: the features of ${namesEn[c.code] ?? c.name} (${c.code}) only; the city-wide rows (indicators, shares) are in the whole city's export`
    : base;
  // results that count the planner's proposed sites judge the plan (the user trial, s52 M3)
  const head = results && meta.plan ? `${scoped}\r\n${meta.plan.note.zh} / ${meta.plan.note.en}` : scoped;
  return results && meta.listScope && !c ? `${head}\r\n${listScopeReadme(meta.listScope, countyNames, namesEn)}` : head;
}

/**
 * What a zipped Shapefile's README says of its layer (`name`) beyond the scope: of an empty results layer (gaps or
 * violations), that no gap or no violation is a finding, not a failed export (the re-trial, s45: 靖安县's empty
 * gaps.shp said nothing); of a facilities layer with features that have no geometry, that they are the rows refused at
 * import for their position, with their row and reason; "" otherwise.
 */
export function layerNote(
  name: string,
  features: ReadonlyArray<{ geometry: unknown; properties?: unknown }>,
  county?: string,
  /** The rule set measures no coverage ({@link coverageNotChecked}): said on its coverage layers, empty or not. */
  notChecked?: { zh: string; en: string },
): string {
  if ((name === "gaps" || name === "coverage") && notChecked) return `${notChecked.zh} / ${notChecked.en}`;
  const unplaced = features.filter((f) => f.geometry === null).length;
  // a county's cut: the rows lying in another county that name this one's township or village, kept in it
  const elsewhere = county
    ? features.filter((f) => {
        const p = f.properties as { county?: string; statedElsewhere?: { county?: string } } | undefined;
        return p?.statedElsewhere?.county === county && p.county !== county;
      }).length
    : 0;
  const elsewhereNote =
    name === "facilities" && elsewhere > 0
      ? `另有 ${elsewhere} 行所填乡镇、行政村属本县区，但坐标在其他县区（COUNTY 为所在县区，STATED_ELS 为所填单位），一并导出以免清单丢行；分析中不计入本县区的乡镇、行政村，该单位待核 / ${counted(elsewhere, "row", "rows")} naming this county's township or village but lying in another county (COUNTY where it lies, STATED_ELS the units it gives) ${elsewhere === 1 ? "is" : "are"} kept here so that no row of the list is lost; the analysis counts ${plural(elsewhere, "it", "them")} for no unit of this county, which ${elsewhere === 1 ? "is" : "are"} for review`
      : "";
  const withElsewhere = (note: string) => [note, elsewhereNote].filter(Boolean).join("\r\n");
  if (name === "facilities" && unplaced > 0)
    return withElsewhere(
      `另有 ${unplaced} 行导入时因坐标被拒收，作为无几何（空）的要素保留，以免清单丢行：REF_ROW 为原文件行号，REF_REASON 为原因 / ${counted(unplaced, "row", "rows")} refused at import for ${plural(unplaced, "its", "their")} position ${unplaced === 1 ? "is" : "are"} kept as ${unplaced === 1 ? "a feature" : "features"} with no geometry (a null shape), so that no row of the list is lost: REF_ROW is the row in the imported file, REF_REASON why it was refused`,
    );
  if (elsewhereNote) return elsewhereNote;
  if (features.length > 0) return "";
  if (name === "gaps")
    return "本范围内没有覆盖缺口（各急救半径与行车时间检查均无未覆盖区域）/ No coverage gap in this scope";
  if (name === "violations") return "本范围内没有违规或待核项 / No violation or review row in this scope";
  return "";
}

/** The metadata of a coverage file (gaps, service radii), with the word that nothing was measured where so. */
function withCoverageNote(meta: ExportMeta, ruleSet: ExportContext["ruleSet"]): ExportMeta {
  const note = coverageNotChecked(ruleSet);
  return note ? { ...meta, note } : meta;
}

/** Writes one export as a download; GeoJSON records the rule set, parameters, sources and time. */
export async function runExport(kind: ExportKind, ctx: ExportContext): Promise<void> {
  const { analysis, data, i18n } = ctx;
  const report = analysis.report;
  const w = analysisWorker();
  // a city with no list, measured on the planner's proposed sites alone (docs/rules.md, "No facility data")
  const proposedOnly = ctx.proposedOnly;
  const plan = planMeta(ctx.facilities);
  const meta: ExportMeta = {
    // the id and the title apart, as the CLI writes them (a GIS desk joining both sets of files: the GIS trial)
    ruleSet: ctx.ruleSet.id,
    ruleSetTitle: ctx.ruleSet.title,
    // the radii only where a rule uses them (平顶山's 001 sets none: its exports said 20 km, the GIS trial)
    params: paramsInUse(ctx.ruleSet, report.params) as Record<string, unknown>,
    urbanDefinition: report.urbanDefinitionUsed,
    emsNetwork: report.emsNetworkUsed,
    ...(report.listScope ? { listScope: report.listScope } : {}),
    // the proposed sites the results count (the user trial, s52 M3: a gaps file of the plan read as today's)
    ...(plan ? { plan } : {}),
    sources: [
      data.counties.source ?? "",
      ctx.datasetName
        ? `imported: ${ctx.datasetName}`
        : proposedOnly
          ? `only the planner's ${proposedOnly} proposed sites (no facility list imported)`
          : ctx.facilities.some((f) => !f.proposed)
            ? (data.scenario.notice?.en ?? "sample scenario (invented)")
            : "no facility data (no sample for this city, none imported)",
    ],
    generatedAt: new Date().toISOString(),
  };
  // a county chosen in 范围 cuts every export to it (the GIS trial, s45-b #2: only the report and the print map were)
  const only = ctx.county ? data.counties.features.find((f) => f.properties.code === ctx.county) : undefined;
  if (ctx.county && !only) throw new Error(`县级代码 ${ctx.county} 不在边界数据中 / not in the boundaries`);
  if (only) meta.county = { code: only.properties.code, name: only.properties.name };
  const inScope = <T extends { properties: { county?: string } | null }>(list: T[]): T[] =>
    only ? list.filter((x) => x.properties?.county === only.properties.code) : list;
  // (with the rows lying in another county that name this county's township or village, flagged statedElsewhere, so
  // that the county's own list loses none of its rows: the user trial, s48 #4, row 44 of 桐柏县's list lay in 唐河县)
  const facilitiesOut = () => {
    const all = exportedFacilities(ctx);
    const code = only?.properties.code;
    // and the rows lying in none of the loaded counties whose township or village is this county's (the user trial,
    // s52 L7: the county's list lost 上村乡卫生院, placed in 昆明市东川区)
    return code
      ? all.filter(
          (f) =>
            f.county === code ||
            f.statedElsewhere?.county === code ||
            (f.county === undefined && (f.township ?? f.village)?.startsWith(code)),
        )
      : all;
  };
  // with the rows refused for their position alone, with no position (blank coordinates in the CSV, no geometry in
  // GeoJSON and Shapefile): imported again, they are refused again and still tell their township or village, which
  // stays 待核 (the re-trial, s45: a county-cut list read back made 中源乡 and 古竹村 确缺; its GeoJSON and Shapefile
  // lost those rows)
  const facilitiesAndRefused = () => [
    ...facilitiesOut(),
    // with their township's and village's names, as the facilities have (the re-trial, s46: TWP_NAME, VIL_NAME empty)
    ...withUnitNames(refusedFacilityRows(ctx.refused ?? [], only?.properties.code), data.divisions),
  ];
  const stamp = `${data.city.id}-${meta.generatedAt?.slice(0, 10)}`;
  // the county's code in every file name cut to it, as the print map's
  const cut = only ? `-${only.properties.code}` : "";
  // the counties' English names beside the Chinese ones in the GeoJSON and Shapefile (both interfaces: one schema
  // for GIS desks), in the English CSVs and print title, and in the English review report's file name
  const namesEn =
    kind.startsWith("facilities") || (kind.startsWith("report") && i18n.lang !== "en")
      ? {}
      : await countyNamesEn(data.counties.features);
  const countyNames = Object.fromEntries(data.counties.features.map((c) => [c.properties.code, c.properties.name]));
  // what each proposed site alone does, on the site in every facility export (the trial, s51), measured when asked
  const effects = async () =>
    ctx.facilities.some((f) => f.proposed)
      ? Object.fromEntries((await w.siteEffects()).map((e) => [e.id, e.summary]))
      : {};
  const geojson = "application/geo+json";
  const csv = "text/csv;charset=utf-8";
  switch (kind) {
    case "facilities-geojson":
      return download(
        `facilities-${stamp}${cut}.geojson`,
        await w.exportFacilitiesGeoJSON(facilitiesAndRefused(), meta, {
          crs: "wgs84",
          countyNames,
          effects: await effects(),
        }),
        geojson,
      );
    case "facilities-geojson-gcj02":
      return download(
        `facilities-${stamp}${cut}-gcj02.geojson`,
        await w.exportFacilitiesGeoJSON(facilitiesAndRefused(), meta, {
          crs: "gcj02",
          countyNames,
          effects: await effects(),
        }),
        geojson,
      );
    case "facilities-csv":
      return download(
        `facilities-${stamp}${cut}.csv`,
        exportFacilitiesCsv(facilitiesAndRefused(), await effects()),
        csv,
      );
    case "gaps-geojson":
      return download(
        `gaps-${stamp}${cut}.geojson`,
        await w.exportFeaturesGeoJSON(
          inScope(gapFeaturesForExport({ report, counties: data.counties.features, ruleSet: ctx.ruleSet, namesEn })),
          { ...withCoverageNote(meta, ctx.ruleSet), fieldNotes: GAP_FIELD_NOTES },
        ),
        geojson,
      );
    case "coverage-geojson":
      return download(
        `coverage-${stamp}${cut}.geojson`,
        await w.exportFeaturesGeoJSON(inScope(await coverageRings(ctx, namesEn)), withCoverageNote(meta, ctx.ruleSet)),
        geojson,
      );
    case "violations-geojson":
      return download(
        `violations-${stamp}${cut}.geojson`,
        await w.exportFeaturesGeoJSON(inScope(placedViolations(ctx, namesEn)), {
          ...meta,
          fieldNotes: VIOLATION_FIELD_NOTES,
        }),
        geojson,
      );
    case "facilities-shp":
    case "facilities-shp-gcj02":
    case "coverage-shp":
    case "gaps-shp":
    case "violations-shp": {
      const gcj02 = kind === "facilities-shp-gcj02";
      const name = kind.slice(0, kind.indexOf("-shp"));
      // each layer with its geometry type, and the gaps with their full field list: a city with no gaps still writes
      // a polygon layer with the gaps' fields (it was a point layer with none)
      // each proposed site's own effect, on the facilities layer only (measured in the worker)
      const fx = name === "facilities" ? await effects() : {};
      const layer: ShapefileLayer =
        kind === "gaps-shp"
          ? gapShapefileLayer(
              inScope(
                gapFeaturesForExport({ report, counties: data.counties.features, ruleSet: ctx.ruleSet, namesEn }),
              ),
              name,
            )
          : kind === "coverage-shp"
            ? { name, kind: "polygon", features: inScope(await coverageRings(ctx, namesEn)) }
            : kind === "violations-shp"
              ? {
                  name,
                  features: inScope(placedViolations(ctx, namesEn)).map((p) => ({
                    ...p,
                    properties: violationFlatProps(p.properties),
                  })),
                }
              : {
                  name,
                  kind: "point",
                  features: facilitiesAndRefused().map((f) => facilityFeature(f, { countyNames, effects: fx })),
                  // PROPOSED and INVENTED on every facility, F where not (a list with no proposed site has the field)
                  fields: FACILITY_DBF_FIELDS,
                };
      const readme = shapefileReadme(ctx.ruleSet, meta, name === "gaps" || name === "violations", countyNames, namesEn);
      const note = layerNote(name, layer.features, only?.properties.code, coverageNotChecked(ctx.ruleSet));
      // GCJ-02 for its own button; else the projected system chosen (the GIS trial, s55 M4), said in the file's name
      const crs: ShapefileCrs = gcj02 ? "gcj02" : (ctx.shpCrs ?? "wgs84");
      const { zip } = await exportShapefileZip([layer], {
        crs,
        readme: note ? `${readme}\r\n${note}` : readme,
      });
      const suffix = crs === "wgs84" ? "" : `-${crs.replace(":", "").toLowerCase()}`;
      return download(`${name}-${stamp}${cut}${suffix}-shp.zip`, zip, "application/zip");
    }
    case "county-csv":
      return download(
        `county-table-${stamp}${cut}.csv`,
        countyTableCsv(
          only ? { ...report, counties: report.counties.filter((c) => c.code === only.properties.code) } : report,
          i18n,
          namesEn,
          plan?.scenario,
        ),
        csv,
      );
    case "violations-csv":
      return download(
        `violations-${stamp}${cut}.csv`,
        violationsCsv(inScope(placedViolations(ctx, namesEn)), i18n.lang, plan ? { scenario: plan.scenario } : {}),
        csv,
      );
    case "map-png":
    case "map-png-a3": {
      if (!ctx.map) return;
      const { t, pick } = i18n;
      const paper = kind === "map-png-a3" ? "A3" : "A4";
      // the whole city, or the county chosen for the export, whatever the screen shows
      const framed = data.counties.features.filter((f) => !ctx.county || f.properties.code === ctx.county);
      if (framed.length === 0) throw new Error(`县级代码 ${ctx.county} 不在边界数据中 / not in the boundaries`);
      // in English the English name with the Chinese beside it: "Xixia County 西峡县, Nanyang 南阳市"
      const county = framed[0].properties;
      const place =
        i18n.lang === "en"
          ? `${ctx.county ? `${namesEn[county.code] ? `${namesEn[county.code]} ` : ""}${county.name}, ` : ""}${data.city.nameEn} ${data.city.name}`
          : `${data.city.name}${ctx.county ? ` ${county.name}` : ""}`;
      const blob = await printMapPng(ctx.map, {
        paper,
        title: `${place} · ${t("appTitle")}`,
        subtitle: printSubtitle(ctx.ruleSet, report, i18n),
        date: t("printDate", meta.generatedAt?.slice(0, 10) ?? ""),
        scaleLine: (rf, paper) => t("printScale", rf, paper),
        legendHeading: t("printLegendHeading"),
        legendLabel: pick,
        bounds: bboxOfCounties(framed),
        ...(ctx.county ? { focus: ctx.county } : {}),
        // an imported file whose facilities it marks invented (the app's own export of its sample) keeps the notice
        ...(ctx.datasetName && !ctx.facilities.some((f) => f.invented) ? {} : { notice: ctx.sampleNotice }),
        // the page is read in the interface's language: the facility source in it too (meta.sources is for files)
        footer: t(
          "printFooter",
          [
            data.counties.source ?? "",
            ctx.datasetName
              ? t("printImported", ctx.datasetName)
              : proposedOnly
                ? t("proposedOnlyData", proposedOnly)
                : ctx.facilities.some((f) => !f.proposed)
                  ? t("invented")
                  : t("noFacilityData"),
          ]
            .filter(Boolean)
            .join(t("listSeparator")),
        ),
      });
      const scope = ctx.county ? `-${ctx.county}` : "";
      return download(`map-${stamp}${scope}-${paper}.png`, new Uint8Array(await blob.arrayBuffer()), "image/png");
    }
    case "report-docx":
    case "report-html": {
      const invented = ctx.facilities.some((f) => f.invented);
      const county = ctx.county ? report.counties.find((c) => c.code === ctx.county) : undefined;
      if (ctx.county && !county) throw new Error(`县级代码 ${ctx.county} 不在本次分析中 / not in this analysis`);
      const r = await w.reviewReport({
        cityName: data.city.name,
        cityNameEn: data.city.nameEn,
        ...(county ? { county: county.code } : {}),
        provenance: reviewPageProvenance(data, ctx.datasetName, ctx.datasetTallies),
        invented,
      });
      const file = reviewReportFileName(
        i18n.lang,
        { id: data.city.id, name: data.city.name, ...(data.city.nameEn ? { nameEn: data.city.nameEn } : {}) },
        stamp.slice(data.city.id.length + 1),
        county && {
          code: county.code,
          name: county.name,
          ...(namesEn[county.code] ? { nameEn: namesEn[county.code] } : {}),
        },
      );
      if (kind === "report-docx")
        return download(
          `${file}.docx`,
          r.docx,
          "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        );
      const url = URL.createObjectURL(new Blob([r.html], { type: "text/html;charset=utf-8" }));
      const win = window.open(url, "_blank");
      if (!win) download(`${file}.html`, r.html, "text/html;charset=utf-8");
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      return;
    }
  }
}
