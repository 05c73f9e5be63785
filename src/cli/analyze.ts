import { existsSync } from "node:fs";
import { basename, join } from "node:path";
import type { MultiPolygon, Polygon } from "geojson";
import { exportCsv, type RowIssue } from "../core/io";
import { schemaIssues } from "../core/io/schema-messages";
import type { CountyPopulation } from "../core/model";
import { gapFeaturesForExport } from "../core/report/tables";
import { placeViolations } from "../core/report/violations";
import {
  type AnalysisParams,
  type AnalysisReport,
  analyze,
  type Divisions,
  parseRuleSet,
  pointInPolygon,
  type RuleSet,
  RuleSetSchema,
} from "../core/rules";
import {
  CITIES,
  type City,
  CRS,
  type Crs,
  capLines,
  crsLine,
  InputError,
  loadCountyBoundaries,
  MAX_ERRORS_SHOWN,
  oneOf,
  REPO_ROOT,
  readFacilityFile,
  readJson,
  readPopulation,
  requireOptions,
  scanArgs,
  warningLines,
} from "./common";
import { type DemandFileResult, readDemandFile } from "./demand";
import { checkOutDir, lockOutDir, writeOutputSet } from "./output";

/** Summary lines for `--demand`: points used / rejected, and demand covered by the EMS radius checks over all counties. */
function demandLines(report: AnalysisReport, demand: DemandFileResult): string[] {
  const out = [
    `需求点 ${demand.points.length} 个已使用，${demand.rejected} 行被拒绝 / ${demand.points.length} demand points used, ${demand.rejected} rows rejected`,
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

export const USAGE = `用法 / Usage:
  npm run --silent cli -- analyze --facilities 文件FILE --out 目录DIR [选项 options]

命令 / Commands:
  analyze   按规划规则核查设施布局 / check facilities against the plans' rules

选项 / Options:
  --facilities FILE       设施文件（CSV/XLSX/GeoJSON/KML/zip 矢量）；必需
                          facility file (CSV columns id,name,type,lon,lat[,county,township,village,grade,ownership,beds]
                          or GeoJSON points); required. type: English key or Chinese name (乡镇卫生院, 急救站 …)
  --out DIR               输出目录，写入 report.json、gaps.geojson、violations.geojson、rejected.csv（全部被拒
                          或存疑的行）；整组写入，失败时保留原有结果；必需
                          output directory for report.json, gaps.geojson, violations.geojson and rejected.csv (every
                          rejected or doubtful row), written as one set (a failed write keeps the previous set); required
  --city NAME             城市 city: nanyang | pingdingshan | nangong | yichun（默认 default nanyang）
  --boundaries FILE       县级边界（默认 geodata/counties-<city>.geojson）/ county boundaries (default from geodata)
  --rules FILE            规则集 JSON（默认 seeds/ruleset-default.json）/ rule set (default seeds/ruleset-default.json)
  --crs CRS               设施与需求点坐标系 coordinate system of facilities and demand points:
                          wgs84 | gcj02 | bd09（默认：Shapefile 按其 .prj，否则 wgs84
                          default: a Shapefile's .prj, else wgs84）
  --urban-radius-km N     城区急救服务半径，公里 / urban EMS radius, km（默认 default 5）
  --rural-radius-km N     农村急救服务半径，公里，10–20 / rural EMS radius, km, within [10, 20]（默认 default 20）
  --population FILE       各县人口表（CSV/XLSX：代码或名称、人口）/ county population table (code or name, population)
  --demand FILE           需求点（CSV：id（可选）、lon/经度、lat/纬度、weight/人口/population（可选，默认 1）；
                          或 GeoJSON 点，属性同上；坐标系同 --crs）：急救半径规则另报告覆盖的需求点数与加权比例
                          demand points (CSV columns id (optional), lon/经度, lat/纬度, weight/人口/population
                          (optional, default 1), or GeoJSON points with these properties; in --crs): the EMS radius
                          checks also report covered demand points and the covered share of their weight
  -h, --help              显示本帮助 / show this help

退出码 / Exit codes: 0 正常 ok; 2 输入有误（逐行列出）bad input (each rejected row listed); 1 内部错误 internal error.`;

/** Parsed command-line options of `analyze`. */
export interface AnalyzeOptions {
  facilities: string;
  out: string;
  city: City;
  boundaries?: string;
  rules?: string;
  /** Given explicitly; absent: the file's own CRS (a Shapefile's .prj), else WGS84. */
  crs?: Crs;
  urbanRadiusKm?: number;
  ruralRadiusKm?: number;
  population?: string;
  demand?: string;
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
    "urban-radius-km",
    "rural-radius-km",
    "population",
    "demand",
  ];
  const { raw, errors } = scanArgs(argv, known);
  requireOptions(raw, ["facilities", "out"], errors);
  const city = oneOf(errors, "city", raw.get("city") ?? "nanyang", CITIES);
  const crs = raw.has("crs") ? oneOf(errors, "crs", raw.get("crs") as string, CRS) : undefined;
  const number = (name: string): number | undefined => {
    const v = raw.get(name);
    if (v === undefined) return undefined;
    const n = Number(v);
    if (v.trim() === "" || !Number.isFinite(n) || n <= 0) {
      errors.push(`--${name}: “${v}” 不是正数 / is not a positive number`);
      return undefined;
    }
    return n;
  };
  const urbanRadiusKm = number("urban-radius-km");
  const ruralRadiusKm = number("rural-radius-km");
  if (errors.length) throw new InputError(errors);
  return {
    facilities: raw.get("facilities") as string,
    out: raw.get("out") as string,
    city,
    ...(crs ? { crs } : {}),
    ...(raw.has("boundaries") ? { boundaries: raw.get("boundaries") } : {}),
    ...(raw.has("rules") ? { rules: raw.get("rules") } : {}),
    ...(raw.has("population") ? { population: raw.get("population") } : {}),
    ...(raw.has("demand") ? { demand: raw.get("demand") } : {}),
    ...(urbanRadiusKm !== undefined ? { urbanRadiusKm } : {}),
    ...(ruralRadiusKm !== undefined ? { ruralRadiusKm } : {}),
  };
}

/** Centre of the bounding box of the outer rings if it lies inside `g`, else the first vertex; [lon, lat] degrees. */
function bboxCentre(g: Polygon | MultiPolygon): [number, number] {
  let a = Infinity;
  let b = Infinity;
  let c = -Infinity;
  let d = -Infinity;
  const polys = g.type === "Polygon" ? [g.coordinates] : g.coordinates;
  for (const p of polys)
    for (const [x, y] of p[0]) {
      a = Math.min(a, x);
      b = Math.min(b, y);
      c = Math.max(c, x);
      d = Math.max(d, y);
    }
  const centre: [number, number] = [(a + c) / 2, (b + d) / 2];
  return pointInPolygon(centre[0], centre[1], g) ? centre : (polys[0][0][0] as [number, number]);
}

/** Result of the analyze command. */
export interface AnalyzeResult {
  exitCode: 0 | 2;
  report: AnalysisReport;
  lines: string[];
}

/** Columns of DIR/rejected.csv: one line per issue, errors and warnings, Chinese and English. */
const REJECTED_COLUMNS = [
  { header: "file", value: "file" as const },
  { header: "row", value: "row" as const },
  { header: "field", value: "field" as const },
  { header: "value", value: "value" as const },
  { header: "severity", value: "severity" as const },
  { header: "code", value: "code" as const },
  { header: "message_zh", value: (i: RowIssue) => i.message.zh },
  { header: "message_en", value: (i: RowIssue) => i.message.en },
];

/**
 * Runs `analyze`: checks `--out` first, reads inputs, analyses, and writes DIR/report.json, gaps.geojson,
 * violations.geojson and rejected.csv as one set under a lock on DIR.
 */
export async function runAnalyze(opts: AnalyzeOptions): Promise<AnalyzeResult> {
  checkOutDir(opts.out);
  const lines: string[] = [];
  const warnings: string[] = [];
  const collected: RowIssue[] = [];
  const rulesFile = opts.rules ?? join(REPO_ROOT, "seeds", "ruleset-default.json");
  const rulesJson = readJson(rulesFile, "规则集 rule set");
  const parsedRules = parseRuleSet(rulesJson, basename(rulesFile));
  if (!parsedRules.ok) {
    // the schema's problems in our own words, by JSON path (zod's English is not shown)
    const check = RuleSetSchema.safeParse(rulesJson);
    const lines = check.success
      ? parsedRules.errors
      : schemaIssues(check.error.issues, rulesJson, basename(rulesFile), "invalid-rule-set").map(
          (i) => `${i.file}: ${i.message.zh} / ${i.message.en}`,
        );
    throw new InputError([`${basename(rulesFile)}: 规则集无效 / invalid rule set`, ...lines]);
  }
  const ruleSet: RuleSet = parsedRules.ruleSet;
  const rural = ruleSet.rules.find((r) => r.id === "EMS-RURAL");
  if (opts.ruralRadiusKm !== undefined && rural?.kind === "radius-coverage") {
    const { min, max } = rural.params.radiusKm;
    if ((min !== undefined && opts.ruralRadiusKm < min) || (max !== undefined && opts.ruralRadiusKm > max)) {
      throw new InputError([
        `--rural-radius-km: ${opts.ruralRadiusKm} 超出规划范围 [${min}, ${max}] 公里 / is outside the plan's range [${min}, ${max}] km`,
      ]);
    }
  }

  const counties = await loadCountyBoundaries(
    opts,
    { seat: bboxCentre, note: "县政府驻地取边界中心点（近似）/ county seats approximated by the boundary centre" },
    warnings,
  );
  const refs = counties.features.map((f) => ({ code: f.properties.code, name: f.properties.name }));

  let divisions: Divisions | undefined;
  const divFile = join(REPO_ROOT, "geodata", `divisions-${opts.city}.json`);
  if (existsSync(divFile)) divisions = readJson(divFile, "区划名录 divisions") as Divisions;

  let population: CountyPopulation[] | undefined;
  let rejected = 0;
  const errorLines: string[] = [];
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
  const facilities = imported.facilities;
  rejected += imported.rejected;

  let demand: DemandFileResult | undefined;
  if (opts.demand) {
    demand = readDemandFile(opts.demand, opts.crs, counties);
    for (const l of demand.errorLines) errorLines.push(l);
    for (const l of demand.warnings) warnings.push(l);
    for (const i of demand.issues) collected.push(i);
  }

  const params: Partial<AnalysisParams> = {};
  if (opts.urbanRadiusKm !== undefined) params.urbanRadiusKm = opts.urbanRadiusKm;
  if (opts.ruralRadiusKm !== undefined) params.ruralRadiusKm = opts.ruralRadiusKm;
  const release = lockOutDir(opts.out);
  let report: AnalysisReport;
  try {
    report = analyze({
      counties,
      facilities,
      ruleSet,
      params,
      population,
      divisions,
      ...(demand ? { demand: demand.points } : {}),
    });
    const meta = { ruleSet: report.ruleSetId, params: report.params, generatedAt: report.generatedAt };
    const vFeatures = placeViolations({
      violations: report.violations,
      ruleSet,
      counties: counties.features,
      divisions,
      facilities,
    });
    writeOutputSet(opts.out, [
      { name: "report.json", text: `${JSON.stringify(report, null, 2)}\n` },
      {
        name: "gaps.geojson",
        text: `${JSON.stringify({ type: "FeatureCollection", ...meta, features: gapFeaturesForExport(report.gaps, counties.features) })}\n`,
      },
      {
        name: "violations.geojson",
        text: `${JSON.stringify({ type: "FeatureCollection", ...meta, features: vFeatures })}\n`,
      },
      { name: "rejected.csv", text: exportCsv(collected, REJECTED_COLUMNS) },
    ]);
  } finally {
    release();
  }

  const tally: Record<string, number> = {};
  for (const c of report.counties) for (const ch of c.checks) tally[ch.status] = (tally[ch.status] ?? 0) + 1;
  const rejectedCsv = join(opts.out, "rejected.csv");
  for (const l of warningLines(warnings)) lines.push(l);
  for (const l of capLines(errorLines, MAX_ERRORS_SHOWN, rejectedCsv)) lines.push(l);
  if (errorLines.length > MAX_ERRORS_SHOWN)
    lines.push(
      `[错误 error] 共 ${errorLines.length} 条错误，见 ${rejectedCsv} / ${errorLines.length} errors in all, listed in ${rejectedCsv}`,
    );
  lines.push(
    crsLine(basename(opts.facilities), imported.crs, imported.crsSource),
    `设施 ${facilities.length} 条已分析，${rejected} 行被拒绝 / ${facilities.length} facilities analysed, ${rejected} rows rejected`,
  );
  if (demand) for (const l of demandLines(report, demand)) lines.push(l);
  lines.push(
    `${report.counties.length} 个县区；检查结果 checks: ${Object.entries(tally)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ")}；违规 violations ${report.violations.length}；缺口 gaps ${report.gaps.length}`,
    `${report.urbanDefinitionUsed.zh} / ${report.urbanDefinitionUsed.en}`,
    `已写入 written: ${join(opts.out, "report.json")}, gaps.geojson, violations.geojson, rejected.csv（${collected.length} 条问题 issues）`,
  );
  return { exitCode: rejected > 0 || (demand?.rejected ?? 0) > 0 ? 2 : 0, report, lines };
}
