import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon } from "geojson";
import { parseBoundaryFile, parseCsvBytes, parseFacilityFile, parsePopulationTable, type RowIssue } from "../core/io";
import type { CountyPopulation, CountyProps, Facility } from "../core/model";
import {
  type AnalysisParams,
  type AnalysisReport,
  analyze,
  type Divisions,
  parseRuleSet,
  pointInPolygon,
  type RuleSet,
} from "../core/rules";

export const CITIES = ["nanyang", "pingdingshan", "nangong", "yichun"] as const;
const CRS = ["wgs84", "gcj02", "bd09"] as const;

/** Repository root (two levels above this file). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

export const USAGE = `用法 / Usage:
  npm run --silent cli -- analyze --facilities 文件FILE --out 目录DIR [选项 options]

命令 / Commands:
  analyze   按规划规则核查设施布局 / check facilities against the plans' rules

选项 / Options:
  --facilities FILE       设施文件（CSV/XLSX/GeoJSON/KML/zip 矢量）；必需
                          facility file (CSV columns id,name,type,lon,lat[,county,township,village,grade,ownership,beds]
                          or GeoJSON points); required. type: English key or Chinese name (乡镇卫生院, 急救站 …)
  --out DIR               输出目录，写入 report.json、gaps.geojson、violations.geojson；必需
                          output directory for report.json, gaps.geojson, violations.geojson; required
  --city NAME             城市 city: nanyang | pingdingshan | nangong | yichun（默认 default nanyang）
  --boundaries FILE       县级边界（默认 geodata/counties-<city>.geojson）/ county boundaries (default from geodata)
  --rules FILE            规则集 JSON（默认 seeds/ruleset-default.json）/ rule set (default seeds/ruleset-default.json)
  --crs CRS               设施坐标系 coordinate system: wgs84 | gcj02 | bd09（默认 default wgs84）
  --urban-radius-km N     城区急救服务半径，公里 / urban EMS radius, km（默认 default 5）
  --rural-radius-km N     农村急救服务半径，公里，10–20 / rural EMS radius, km, within [10, 20]（默认 default 20）
  --population FILE       各县人口表（CSV/XLSX：代码或名称、人口）/ county population table (code or name, population)
  -h, --help              显示本帮助 / show this help

退出码 / Exit codes: 0 正常 ok; 2 输入有误（逐行列出）bad input (each rejected row listed); 1 内部错误 internal error.`;

/** Parsed command-line options of `analyze`. */
export interface AnalyzeOptions {
  facilities: string;
  out: string;
  city: (typeof CITIES)[number];
  boundaries?: string;
  rules?: string;
  crs: (typeof CRS)[number];
  urbanRadiusKm?: number;
  ruralRadiusKm?: number;
  population?: string;
}

/** A user-facing error: exit code 2 with these lines. */
export class InputError extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join("\n"));
  }
}

/** Parses `analyze` options; throws InputError naming the option on bad values. */
export function parseAnalyzeArgs(argv: string[]): AnalyzeOptions {
  const errors: string[] = [];
  const raw = new Map<string, string>();
  const known = ["facilities", "out", "city", "boundaries", "rules", "crs", "urban-radius-km", "rural-radius-km", "population"];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(a);
    if (!m || !known.includes(m[1])) {
      errors.push(`未知参数 unknown argument: ${a}`);
      continue;
    }
    const v = m[2] ?? argv[++i];
    if (v === undefined || (m[2] === undefined && v.startsWith("--"))) {
      errors.push(`--${m[1]}: 缺少取值 missing value`);
      if (v?.startsWith("--")) i--;
      continue;
    }
    raw.set(m[1], v);
  }
  for (const req of ["facilities", "out"]) if (!raw.has(req)) errors.push(`--${req}: 必需 is required`);
  const city = raw.get("city") ?? "nanyang";
  if (!(CITIES as readonly string[]).includes(city)) errors.push(`--city: “${city}” 不是 ${CITIES.join(" | ")} 之一 / is not one of ${CITIES.join(", ")}`);
  const crs = raw.get("crs") ?? "wgs84";
  if (!(CRS as readonly string[]).includes(crs)) errors.push(`--crs: “${crs}” 不是 ${CRS.join(" | ")} 之一 / is not one of ${CRS.join(", ")}`);
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
    city: city as AnalyzeOptions["city"],
    crs: crs as AnalyzeOptions["crs"],
    ...(raw.has("boundaries") ? { boundaries: raw.get("boundaries") } : {}),
    ...(raw.has("rules") ? { rules: raw.get("rules") } : {}),
    ...(raw.has("population") ? { population: raw.get("population") } : {}),
    ...(urbanRadiusKm !== undefined ? { urbanRadiusKm } : {}),
    ...(ruralRadiusKm !== undefined ? { ruralRadiusKm } : {}),
  };
}

function readBytes(file: string, what: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(file));
  } catch (e) {
    throw new InputError([`${file}: 无法读取${what} / cannot read ${what}: ${(e as Error).message}`]);
  }
}

function readJson(file: string, what: string): unknown {
  const text = new TextDecoder().decode(readBytes(file, what));
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new InputError([`${file}: 不是有效的 JSON / not valid JSON: ${(e as Error).message}`]);
  }
}

/** One line per issue: file, row, field, message (zh / en). */
export function formatIssue(i: Pick<RowIssue, "file" | "row" | "field" | "value" | "message" | "severity">): string {
  const where = i.row > 0 ? `第 ${i.row} 行 row ${i.row}` : "整个文件 whole file";
  const field = i.field ? `，字段 field “${i.field}”` : "";
  const value = i.value !== undefined && i.value !== "" ? `（值 value “${i.value}”）` : "";
  const tag = i.severity === "error" ? "错误 error" : "警告 warning";
  return `${i.file}: ${where}${field}${value}: [${tag}] ${i.message.zh} / ${i.message.en}`;
}

function isCountyProps(p: unknown): p is CountyProps {
  const o = p as Record<string, unknown> | null;
  return (
    !!o &&
    typeof o.code === "string" &&
    typeof o.name === "string" &&
    (o.kind === "district" || o.kind === "county" || o.kind === "city") &&
    Array.isArray(o.seat) &&
    o.seat.length === 2
  );
}

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

async function loadBoundaries(
  opts: AnalyzeOptions,
  warnings: string[],
): Promise<FeatureCollection<Polygon | MultiPolygon, CountyProps>> {
  const file = opts.boundaries ?? join(REPO_ROOT, "geodata", `counties-${opts.city}.geojson`);
  const bytes = readBytes(file, "边界文件 boundary file");
  if (/\.(geo)?json$/i.test(file)) {
    const fc = readJson(file, "边界文件 boundary file") as FeatureCollection;
    if (fc?.type === "FeatureCollection" && fc.features.length > 0 && fc.features.every((f) => isCountyProps(f.properties))) {
      return fc as FeatureCollection<Polygon | MultiPolygon, CountyProps>;
    }
  }
  const parsed = await parseBoundaryFile(bytes, basename(file));
  const errors = parsed.issues.filter((i) => i.severity === "error");
  if (errors.length) throw new InputError(errors.map(formatIssue));
  const features: Array<Feature<Polygon | MultiPolygon, CountyProps>> = [];
  parsed.boundaries.features.forEach((f, n) => {
    const code = f.properties.code;
    if (!code || !/^\d{6}/.test(code)) {
      warnings.push(`${basename(file)}: 第 ${n + 1} 个要素 feature ${n + 1}: 无县级代码，已跳过 / no county code, skipped`);
      return;
    }
    const name = f.properties.name ?? code.slice(0, 6);
    const kind: CountyProps["kind"] = /区$/.test(name) ? "district" : /市$/.test(name) ? "city" : "county";
    features.push({
      type: "Feature",
      geometry: f.geometry,
      properties: { code: code.slice(0, 6), name, kind, seat: bboxCentre(f.geometry), city: opts.city },
    });
  });
  if (features.length === 0) throw new InputError([`${basename(file)}: 没有可用的县级边界 / no usable county boundary`]);
  warnings.push(`${basename(file)}: 县政府驻地取边界中心点（近似）/ county seats approximated by the boundary centre`);
  return { type: "FeatureCollection", features };
}

/** Spreadsheet row (CSV) or feature index (GeoJSON) of each facility id, for messages. */
function rowsById(bytes: Uint8Array, fileName: string): Map<string, number> {
  const out = new Map<string, number>();
  try {
    if (/\.csv$/i.test(fileName)) {
      const t = parseCsvBytes(bytes);
      const col = t.headers.findIndex((h) => /^(id|编号|序号|机构编码)$/i.test(h.trim()));
      if (col >= 0) for (const r of t.rows) out.set((r.cells[col] ?? "").trim(), r.row);
    } else if (/\.(geo)?json$/i.test(fileName)) {
      const fc = JSON.parse(new TextDecoder().decode(bytes)) as FeatureCollection;
      fc.features.forEach((f, n) => {
        const id = (f.properties as { id?: unknown } | null)?.id ?? f.id;
        if (id !== undefined) out.set(String(id), n + 1);
      });
    }
  } catch {
    // rows stay unknown; messages then name the facility id
  }
  return out;
}

/** Warnings printed before the rest are summarised as a count (errors are always all printed). */
export const MAX_WARNINGS_SHOWN = 20;

/** Result of the analyze command. */
export interface AnalyzeResult {
  exitCode: 0 | 2;
  report: AnalysisReport;
  lines: string[];
}

/** Runs `analyze`: reads inputs, analyses, writes DIR/report.json, gaps.geojson, violations.geojson. */
export async function runAnalyze(opts: AnalyzeOptions): Promise<AnalyzeResult> {
  const lines: string[] = [];
  const warnings: string[] = [];
  const rulesFile = opts.rules ?? join(REPO_ROOT, "seeds", "ruleset-default.json");
  const parsedRules = parseRuleSet(readJson(rulesFile, "规则集 rule set"), basename(rulesFile));
  if (!parsedRules.ok) throw new InputError(parsedRules.errors);
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

  const counties = await loadBoundaries(opts, warnings);
  const codes = new Set(counties.features.map((f) => f.properties.code));
  const refs = counties.features.map((f) => ({ code: f.properties.code, name: f.properties.name }));

  let divisions: Divisions | undefined;
  const divFile = join(REPO_ROOT, "geodata", `divisions-${opts.city}.json`);
  if (existsSync(divFile)) divisions = readJson(divFile, "区划名录 divisions") as Divisions;

  let population: CountyPopulation[] | undefined;
  let rejected = 0;
  const errorLines: string[] = [];
  if (opts.population) {
    const pop = await parsePopulationTable(readBytes(opts.population, "人口表 population table"), basename(opts.population), {
      counties: refs,
    });
    for (const i of pop.issues) (i.severity === "error" ? errorLines : warnings).push(formatIssue(i));
    rejected += new Set(pop.issues.filter((i) => i.severity === "error").map((i) => i.row)).size;
    population = pop.population;
  }

  const facBytes = readBytes(opts.facilities, "设施文件 facility file");
  const facName = basename(opts.facilities);
  const imported = await parseFacilityFile(facBytes, facName, { crs: opts.crs, counties: refs, boundaries: counties });
  const fatal = imported.issues.find((i) => i.row === 0 && i.severity === "error");
  for (const i of imported.issues) (i.severity === "error" ? errorLines : warnings).push(formatIssue(i));
  if (fatal && imported.facilities.length === 0) throw new InputError(errorLines);
  rejected += imported.rejectedRows;

  const rows = rowsById(facBytes, facName);
  const facilities: Facility[] = [];
  for (const f of imported.facilities) {
    if (f.county && !codes.has(f.county)) {
      rejected++;
      const row = rows.get(f.id) ?? 0;
      errorLines.push(
        formatIssue({
          file: facName,
          row,
          field: "county",
          value: f.county,
          severity: "error",
          message: {
            zh: `县级代码不在边界数据中（设施 ${f.id}）`,
            en: `county code is not in the boundary data (facility ${f.id})`,
          },
        }),
      );
      continue;
    }
    facilities.push(f);
  }

  const params: Partial<AnalysisParams> = {};
  if (opts.urbanRadiusKm !== undefined) params.urbanRadiusKm = opts.urbanRadiusKm;
  if (opts.ruralRadiusKm !== undefined) params.ruralRadiusKm = opts.ruralRadiusKm;
  const report = analyze({ counties, facilities, ruleSet, params, population, divisions });

  mkdirSync(opts.out, { recursive: true });
  const meta = { ruleSet: report.ruleSetId, params: report.params, generatedAt: report.generatedAt };
  writeFileSync(join(opts.out, "report.json"), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(
    join(opts.out, "gaps.geojson"),
    `${JSON.stringify({ type: "FeatureCollection", ...meta, features: report.gaps })}\n`,
  );
  const vFeatures: Array<Feature<Point | null>> = report.violations.map((v) => ({
    type: "Feature",
    geometry: v.lon !== undefined && v.lat !== undefined ? { type: "Point", coordinates: [v.lon, v.lat] } : null,
    properties: { ...v },
  }));
  writeFileSync(
    join(opts.out, "violations.geojson"),
    `${JSON.stringify({ type: "FeatureCollection", ...meta, features: vFeatures })}\n`,
  );

  const tally: Record<string, number> = {};
  for (const c of report.counties) for (const ch of c.checks) tally[ch.status] = (tally[ch.status] ?? 0) + 1;
  const shown = warnings.slice(0, MAX_WARNINGS_SHOWN);
  lines.push(...shown.map((w) => `警告 warning: ${w}`));
  if (warnings.length > shown.length) {
    lines.push(`…… 另有 ${warnings.length - shown.length} 条警告未显示 / ${warnings.length - shown.length} more warnings not shown`);
  }
  lines.push(...errorLines);
  lines.push(
    `设施 ${facilities.length} 条已分析，${rejected} 行被拒绝 / ${facilities.length} facilities analysed, ${rejected} rows rejected`,
    `${report.counties.length} 个县区；检查结果 checks: ${Object.entries(tally)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ")}；违规 violations ${report.violations.length}；缺口 gaps ${report.gaps.length}`,
    `${report.urbanDefinitionUsed.zh} / ${report.urbanDefinitionUsed.en}`,
    `已写入 written: ${join(opts.out, "report.json")}, gaps.geojson, violations.geojson`,
  );
  return { exitCode: rejected > 0 ? 2 : 0, report, lines };
}
