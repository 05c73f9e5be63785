import { mkdirSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import type { Feature, Point } from "geojson";
import {
  belongsToCounty,
  buildCountyGrid,
  buildCountySitingProblem,
  type Candidate,
  type CountyFeature,
  type CountyPopulation,
  type CountySitingOutcome,
  chooseCentralThcs,
  combineCountyResults,
  countyMedicalCentre,
  DEFAULT_PARAMS,
  demandFromGrid,
  describeUrban,
  FACILITY_TYPES,
  type Facility,
  type FacilityType,
  guessFacilityType,
  loadHighs,
  pointInPolygon,
  qualifyingSubCentres,
  type RuleSet,
  type WeightedDemandPoint as SitingDemandPoint,
  type SitingObjective,
  type SitingResult,
  type SolveOptions,
  type SubCentreCap,
  separationExclusion,
  solveSiting,
  subCentreCap,
  subCentreExclusion,
  urbanAreaFeatures,
  worseStatus,
} from "../core";
import {
  CITIES,
  type City,
  CRS,
  type Crs,
  InputError,
  loadCountyBoundaries,
  oneOf,
  REPO_ROOT,
  readFacilityFile,
  readJson,
  readPopulation,
  requireOptions,
  scanArgs,
  warningLines,
} from "./common";
import { readDemandFile } from "./demand";

const METHODS = ["auto", "exact", "greedy"] as const;

export const SUGGEST_USAGE = `用法 / Usage:
  npm run --silent cli -- suggest --facilities FILE --type TYPE --radius-km N (--add K | --target-share S) --out DIR [选项 options]
  npm run --silent cli -- suggest --central-thc --facilities FILE --out DIR [--radius-km N] [选项 options]
  npm run --silent cli -- suggest --sub-centres --facilities FILE --out DIR [--min-km 15] [选项 options]

新站点建议 / site suggestions (每县单独求解 solved per county):
  --type TYPE             设施类型，如 ems-station（急救站）/ facility type to site, e.g. ems-station
  --radius-km N           服务半径，公里（测地线，含边界）/ service radius, km (geodesic, inclusive)
  --add K                 每县新增 K 个站点，最大覆盖（MCLP）/ add K sites per county, maximal covering
  --target-share S        目标覆盖率 (0, 1]，最少新站点（LSCP）/ target covered share, fewest new sites
  --candidates FILE       候选点文件（CSV/GeoJSON 点，格式同设施文件）/ candidate points (same format as facilities)
  --candidates-type TYPE  以各县现有该类设施为候选点（升级，如 central-thc → 次中心）/ candidates = the county's
                          existing facilities of TYPE (upgrades, e.g. central THCs to sub-centres)
  --grid-km N             无候选文件时按 N 公里网格生成候选点（默认 2）/ candidate grid spacing, km (default 2)
  --method M              auto | exact | greedy（默认 auto：HiGHS 精确求解）/ solver (default auto)
  --time-limit SEC        每县求解时限，秒（默认 30）/ time limit per county, s (default 30)
  --min-separation-km N   新站点最小间距，公里（跨县亦然，按县依次求解）/ minimum distance between new sites, km
                          (also across county borders: counties are solved in turn)
  --type sub-centre       次中心选址：候选点须在城区外且距县域医疗中心 ≥ --min-km（SUB-15KM），每县新增数量受
                          SUB-COUNT 人口档位限制（需 --population）/ siting sub-centres: candidates outside the urban area
                          and ≥ --min-km from the county medical centre; new sites per county capped by SUB-COUNT
  --demand FILE           需求点（CSV/GeoJSON：lon/经度、lat/纬度、weight/人口，如各村人口）；替代面积网格作为需求
                          weighted demand points (e.g. villages with population) instead of the area cells
  --population FILE       各县人口表（CSV/XLSX：代码或名称、人口）/ county population table (code or name, population)
  --sub-count-variant V   bands（按常住人口分档，003:213，默认）| per-county（每县 1–2 所，003:143）
  需求 demand: 县域 250 m 网格聚合为 1 km 块，权重 = 面积 km² / county 250 m grid in 1 km blocks, weight = area km²
  输出 writes: DIR/suggestions.geojson, DIR/suggest-report.json

规划模式 / plan modes:
  --central-thc           每县从乡镇卫生院（含中心卫生院）中选约 1/3 为中心乡镇卫生院，使覆盖最大（CTHC-THIRD, 002:187）；
                          --radius-km 默认 10（规划未给数值）/ choose ≈ 1/3 of each county's THCs as central THCs covering
                          the county best; --radius-km default 10 (the plan gives no figure). Writes central-thc.json/.geojson
  --sub-centres           列出各县符合次中心条件的中心乡镇卫生院与次中心（城区外且距县域医疗中心 ≥ --min-km，SUB-15KM, 003:213）
                          list central THCs and sub-centres qualifying as county sub-centres (outside the urban area,
                          ≥ --min-km from the county medical centre). Writes sub-centres.json/.geojson
  --min-km N              次中心最小距离，公里（默认 15，含边界）/ minimum distance, km (default 15, inclusive)

共同选项 / common options:
  --facilities FILE       设施文件（CSV/XLSX/GeoJSON/KML/zip）；必需 / facility file; required
  --out DIR               输出目录；必需 / output directory; required
  --city NAME             nanyang | pingdingshan | nangong | yichun（默认 default nanyang）
  --boundaries FILE       县级边界（默认 geodata/counties-<city>.geojson）/ county boundaries
  --county CODE           只计算该县（6 位代码）/ only this county (6-digit code)
  --crs CRS               wgs84 | gcj02 | bd09（默认 default wgs84）

退出码 / Exit codes: 0 正常 ok; 2 输入有误 bad input (each rejected row listed); 1 内部错误 internal error.`;

/** Parsed options of `suggest`. */
export interface SuggestOptions {
  mode: "site" | "central-thc" | "sub-centres";
  facilities: string;
  out: string;
  city: City;
  boundaries?: string;
  county?: string;
  crs: Crs;
  type?: FacilityType;
  radiusKm?: number;
  add?: number;
  targetShare?: number;
  candidates?: string;
  gridKm: number;
  method: (typeof METHODS)[number];
  timeLimitSec: number;
  minSeparationKm?: number;
  minKm: number;
  population?: string;
  demand?: string;
  candidatesType?: FacilityType;
  subCountVariant: "bands" | "per-county";
}

const VALUE_OPTIONS = [
  "facilities",
  "out",
  "city",
  "boundaries",
  "county",
  "crs",
  "type",
  "radius-km",
  "add",
  "target-share",
  "candidates",
  "grid-km",
  "method",
  "time-limit",
  "min-separation-km",
  "min-km",
  "population",
  "sub-count-variant",
  "demand",
  "candidates-type",
];
const FLAGS = ["central-thc", "sub-centres"];

/** Parses `suggest` options; throws InputError naming the option on bad values. */
export function parseSuggestArgs(argv: string[]): SuggestOptions {
  const { raw, flags, errors } = scanArgs(argv, VALUE_OPTIONS, FLAGS);
  requireOptions(raw, ["facilities", "out"], errors);
  if (flags.size > 1)
    errors.push("--central-thc 与 --sub-centres 只能选一个 / choose only one of --central-thc and --sub-centres");
  const mode: SuggestOptions["mode"] = flags.has("central-thc")
    ? "central-thc"
    : flags.has("sub-centres")
      ? "sub-centres"
      : "site";
  const city = oneOf(errors, "city", raw.get("city") ?? "nanyang", CITIES);
  const crs = oneOf(errors, "crs", raw.get("crs") ?? "wgs84", CRS);
  const method = oneOf(errors, "method", raw.get("method") ?? "auto", METHODS);
  const subCountVariant = oneOf(errors, "sub-count-variant", raw.get("sub-count-variant") ?? "bands", [
    "bands",
    "per-county",
  ] as const);
  const num = (name: string, check: (n: number) => boolean, what: { zh: string; en: string }): number | undefined => {
    const v = raw.get(name);
    if (v === undefined) return undefined;
    const n = Number(v);
    if (v.trim() === "" || !Number.isFinite(n) || !check(n)) {
      errors.push(`--${name}: “${v}” 不是${what.zh} / is not ${what.en}`);
      return undefined;
    }
    return n;
  };
  const positive = { zh: "正数", en: "a positive number" };
  const radiusKm = num("radius-km", (n) => n > 0, positive);
  const add = num("add", (n) => Number.isInteger(n) && n > 0, { zh: "正整数", en: "a positive integer" });
  const targetShare = num("target-share", (n) => n > 0 && n <= 1, { zh: "(0, 1] 内的数", en: "a number in (0, 1]" });
  const gridKm = num("grid-km", (n) => n > 0, positive) ?? 2;
  const timeLimitSec = num("time-limit", (n) => n > 0, positive) ?? 30;
  const minSeparationKm = num("min-separation-km", (n) => n >= 0, { zh: "非负数", en: "a non-negative number" });
  const minKm = num("min-km", (n) => n > 0, positive) ?? 15;
  const county = raw.get("county");
  if (county !== undefined && !/^\d{6}$/.test(county))
    errors.push(`--county: “${county}” 不是 6 位县级代码 / is not a 6-digit county code`);
  let type: FacilityType | undefined;
  if (mode === "site") {
    const t = raw.get("type");
    if (t === undefined) errors.push("--type: 必需 is required (如 e.g. ems-station)");
    else {
      type = (FACILITY_TYPES as readonly string[]).includes(t) ? (t as FacilityType) : guessFacilityType("", t);
      if (!type) errors.push(`--type: 未知设施类型 unknown facility type “${t}” (${FACILITY_TYPES.join(", ")})`);
    }
    if (!raw.has("radius-km")) errors.push("--radius-km: 必需 is required");
    if (raw.has("add") === raw.has("target-share"))
      errors.push("--add 与 --target-share 必须且只能给一个 / give exactly one of --add and --target-share");
  }
  let candidatesType: FacilityType | undefined;
  const ct = raw.get("candidates-type");
  if (ct !== undefined) {
    candidatesType = (FACILITY_TYPES as readonly string[]).includes(ct)
      ? (ct as FacilityType)
      : guessFacilityType("", ct);
    if (!candidatesType) errors.push(`--candidates-type: 未知设施类型 unknown facility type “${ct}”`);
    if (raw.has("candidates"))
      errors.push(
        "--candidates 与 --candidates-type 只能给一个 / give at most one of --candidates and --candidates-type",
      );
  }
  if (mode !== "site") {
    const misplaced = [
      "type",
      "add",
      "target-share",
      "candidates",
      "candidates-type",
      "grid-km",
      "min-separation-km",
      "demand",
    ].filter((o) => raw.has(o));
    if (mode === "sub-centres" && raw.has("radius-km")) misplaced.push("radius-km");
    for (const o of misplaced) errors.push(`--${o}: 不适用于 --${mode} / does not apply to --${mode}`);
  } else if (raw.has("min-km") && type !== "sub-centre")
    errors.push(
      "--min-km: 仅用于 --sub-centres 或 --type sub-centre / only applies to --sub-centres or --type sub-centre",
    );
  if (errors.length) throw new InputError(errors);
  return {
    mode,
    facilities: raw.get("facilities") as string,
    out: raw.get("out") as string,
    city,
    crs,
    method,
    gridKm,
    timeLimitSec,
    minKm,
    subCountVariant,
    ...(raw.has("population") ? { population: raw.get("population") } : {}),
    ...(raw.has("demand") ? { demand: raw.get("demand") } : {}),
    ...(candidatesType ? { candidatesType } : {}),
    ...(raw.has("boundaries") ? { boundaries: raw.get("boundaries") } : {}),
    ...(county !== undefined ? { county } : {}),
    ...(raw.has("candidates") ? { candidates: raw.get("candidates") } : {}),
    ...(type ? { type } : {}),
    ...(radiusKm !== undefined ? { radiusKm } : {}),
    ...(add !== undefined ? { add } : {}),
    ...(targetShare !== undefined ? { targetShare } : {}),
    ...(minSeparationKm !== undefined ? { minSeparationKm } : {}),
  };
}

async function loadCounties(opts: SuggestOptions, warnings: string[]): Promise<CountyFeature[]> {
  const firstVertex = (g: CountyFeature["geometry"]): [number, number] => {
    const first = (g.type === "Polygon" ? g.coordinates : g.coordinates[0])[0][0];
    return [first[0], first[1]];
  };
  const note = "无县政府驻地数据，城区按区界计 / no county seats in this file; urban area = districts only";
  return (await loadCountyBoundaries(opts, { seat: firstVertex, note }, warnings)).features;
}

/** Reads a facility-format file; row errors go to `errorLines`, returns the good rows and the number rejected. */
function readPoints(
  file: string,
  what: string,
  opts: SuggestOptions,
  counties: CountyFeature[],
  warnings: string[],
  errorLines: string[],
): Promise<{ facilities: Facility[]; rejected: number }> {
  return readFacilityFile(
    file,
    what,
    opts.crs,
    { type: "FeatureCollection", features: counties },
    warnings,
    errorLines,
  );
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

const STATUS_WORDS: Record<SitingResult["status"], { zh: string; en: string }> = {
  optimal: { zh: "最优", en: "optimal" },
  heuristic: { zh: "启发式", en: "heuristic" },
  "time-limit": { zh: "达到时限", en: "time limit" },
  infeasible: { zh: "无可行解", en: "infeasible" },
};

function round(x: number, digits = 6): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

function pointFeature(lon: number, lat: number, properties: Record<string, unknown>): Feature<Point> {
  return { type: "Feature", geometry: { type: "Point", coordinates: [round(lon), round(lat)] }, properties };
}

function writeJson(file: string, value: unknown): void {
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

/** Result of the suggest command. */
export interface SuggestResult {
  exitCode: 0 | 2;
  lines: string[];
}

/** Runs `suggest` in the chosen mode: reads inputs, solves per county, writes DIR outputs. */
export async function runSuggest(opts: SuggestOptions): Promise<SuggestResult> {
  const warnings: string[] = [];
  const errorLines: string[] = [];
  const all = await loadCounties(opts, warnings);
  let counties = all;
  if (opts.county !== undefined) {
    counties = all.filter((c) => c.properties.code === opts.county);
    if (counties.length === 0)
      throw new InputError([
        `--county: 边界数据中没有县级代码 “${opts.county}” / county code “${opts.county}” is not in the boundary data (${all.map((c) => c.properties.code).join(", ")})`,
      ]);
  }
  const { facilities, rejected: facRejected } = await readPoints(
    opts.facilities,
    "设施文件 facility file",
    opts,
    all,
    warnings,
    errorLines,
  );
  let rejected = facRejected;
  let candidates: Candidate[] | undefined;
  if (opts.mode === "site" && opts.candidatesType) {
    // upgrades: the existing facilities of a type are the candidates (each county keeps those inside it)
    candidates = facilities
      .filter((f) => f.type === opts.candidatesType)
      .map((f) => ({ id: f.id, lon: f.lon, lat: f.lat, attrs: { name: f.name } }));
  }
  if (opts.mode === "site" && opts.candidates) {
    const c = await readPoints(opts.candidates, "候选点文件 candidate file", opts, all, warnings, errorLines);
    rejected += c.rejected;
    candidates = c.facilities.map((f) => ({ id: f.id, lon: f.lon, lat: f.lat, attrs: { name: f.name } }));
    const outside = candidates.filter((p) => !counties.some((k) => pointInPolygon(p.lon, p.lat, k.geometry)));
    if (outside.length > 0)
      warnings.push(
        `${basename(opts.candidates)}: ${outside.length} 个候选点不在所选县内，未使用 / ${outside.length} candidates lie outside the selected counties and are not used (${outside
          .slice(0, 5)
          .map((p) => p.id)
          .join(", ")}${outside.length > 5 ? ", …" : ""})`,
      );
  }
  let population: CountyPopulation[] | undefined;
  if (opts.population) {
    const refs = all.map((c) => ({ code: c.properties.code, name: c.properties.name }));
    const pop = await readPopulation(opts.population, refs, warnings, errorLines);
    rejected += pop.rejected;
    population = pop.population;
  }
  let demand: SitingDemandPoint[] | undefined;
  if (opts.mode === "site" && opts.demand) {
    const d = readDemandFile(opts.demand, opts.crs, { type: "FeatureCollection", features: all });
    errorLines.push(...d.errorLines);
    warnings.push(...d.warnings);
    rejected += d.rejected;
    demand = d.points.map((p) => ({ id: p.id, lon: p.lon, lat: p.lat, weight: p.weight ?? 1 }));
  }
  mkdirSync(opts.out, { recursive: true });
  const lines: string[] = [];
  const body =
    opts.mode === "site"
      ? await runSite(opts, counties, facilities, candidates, all, population, demand)
      : opts.mode === "central-thc"
        ? await runCentralThc(opts, counties, facilities)
        : runSubCentres(opts, counties, all, facilities, opts.boundaries === undefined);
  lines.push(...warningLines(warnings));
  lines.push(...errorLines.map((l) => (l.includes("[错误 error]") ? l : `[错误 error] ${l}`)));
  lines.push(
    `设施 ${facilities.length} 条已读入，${rejected} 行被拒绝 / ${facilities.length} facilities read, ${rejected} rows rejected`,
  );
  lines.push(...body);
  return { exitCode: rejected > 0 ? 2 : 0, lines };
}

/** Solver options from `--method` and `--time-limit`; HiGHS is loaded unless greedy (failure is fatal only for exact). */
async function solveOptions(opts: SuggestOptions): Promise<SolveOptions> {
  const solveOpts: SolveOptions = { method: opts.method, timeLimitSec: opts.timeLimitSec };
  if (opts.method !== "greedy") {
    try {
      solveOpts.highs = await loadHighs();
    } catch (e) {
      if (opts.method === "exact") throw e;
    }
  }
  return solveOpts;
}

async function runSite(
  opts: SuggestOptions,
  counties: CountyFeature[],
  facilities: Facility[],
  candidates: Candidate[] | undefined,
  all: CountyFeature[],
  population: CountyPopulation[] | undefined,
  demand: SitingDemandPoint[] | undefined,
): Promise<string[]> {
  const type = opts.type as FacilityType;
  const radiusKm = opts.radiusKm as number;
  const requested: SitingObjective =
    opts.add !== undefined ? { kind: "mclp", k: opts.add } : { kind: "lscp", targetShare: opts.targetShare as number };
  // sub-centres: SUB-15KM (outside the urban area, ≥ --min-km from the county medical centre) and SUB-COUNT
  const subCentres = type === "sub-centre";
  const ruleSet = subCentres
    ? (readJson(join(REPO_ROOT, "seeds", "ruleset-default.json"), "规则集 rule set") as RuleSet)
    : undefined;
  const urban = subCentres
    ? urbanAreaFeatures(all, opts.boundaries === undefined ? { ...DEFAULT_PARAMS.urban } : { districts: true })
    : [];
  const solveOpts = await solveOptions(opts);
  const lines: string[] = [];
  const outcomes: CountySitingOutcome[] = [];
  const perCounty: unknown[] = [];
  const chosen: SitingResult["sites"] = [];
  for (const county of counties) {
    const sep = opts.minSeparationKm ?? 0;
    const excludes: Array<(c: Candidate) => string | null> = [];
    if (sep > 0 && chosen.length > 0) excludes.push(separationExclusion([...chosen], sep));
    let objective = requested;
    let cap: SubCentreCap | undefined;
    if (subCentres && ruleSet) {
      const mine = facilities.filter((f) => belongsToCounty(f, county));
      const urbanHere = urban.filter((u) => u.properties.county === county.properties.code).map((u) => u.geometry);
      excludes.push(subCentreExclusion(medicalCentreOf(county, mine).centre, urbanHere, opts.minKm));
      cap = subCentreCap(ruleSet, county, facilities, population, opts.subCountVariant);
      lines.push(`${county.properties.code} ${county.properties.name}: ${cap.note.zh} / ${cap.note.en}`);
      if (cap.maxNew === 0) continue;
      if (cap.maxNew !== undefined && objective.kind === "mclp" && objective.k > cap.maxNew)
        objective = { kind: "mclp", k: cap.maxNew };
    }
    const built = buildCountySitingProblem({
      county,
      facilities,
      type,
      radiusKm,
      objective,
      candidates,
      gridKm: opts.gridKm,
      minSeparationKm: opts.minSeparationKm,
      ...(demand ? { demand } : {}),
      ...(excludes.length
        ? { exclude: (c: Candidate) => excludes.map((x) => x(c)).find((r) => r !== null) ?? null }
        : {}),
    });
    if (cap?.maxNew !== undefined)
      built.problem.constraints = { ...built.problem.constraints, perCountyMax: { [built.code]: cap.maxNew } };
    const result = await solveSiting(built.problem, solveOpts);
    chosen.push(...result.sites);
    outcomes.push({ code: built.code, name: built.name, result, totalWeight: built.totalWeight });
    perCounty.push({
      code: built.code,
      name: built.name,
      status: result.status,
      statusMessage: result.statusMessage,
      method: result.method,
      objective: result.objective,
      ...(result.bound !== undefined ? { bound: result.bound } : {}),
      ...(result.gap !== undefined ? { gap: result.gap } : {}),
      coveredShareBefore: result.coveredShareBefore,
      coveredShareAfter: result.coveredShareAfter,
      areaKm2: built.totalWeight,
      existing: built.existing.map((f) => f.id),
      demandPoints: built.problem.demand.length,
      candidates: built.problem.candidates.length,
      excluded: result.excluded,
      sites: result.sites.map((s) => ({ ...s, county: built.code })),
      curve: result.curve,
      timeMs: result.timeMs,
    });
    const st = STATUS_WORDS[result.status];
    lines.push(
      `${built.code} ${built.name}: ${result.sites.length} 个新站点，覆盖率 ${pct(result.coveredShareBefore)} → ${pct(result.coveredShareAfter)}（${st.zh}）/ ${result.sites.length} new sites, coverage ${pct(result.coveredShareBefore)} → ${pct(result.coveredShareAfter)} (${st.en})`,
    );
    if (result.status === "infeasible" || result.status === "time-limit")
      lines.push(`  ${result.statusMessage.zh} / ${result.statusMessage.en}`);
  }
  const total = combineCountyResults(outcomes);
  const params = {
    type,
    radiusKm,
    objective: requested,
    ...(subCentres
      ? {
          subCentres: {
            minKm: opts.minKm,
            subCountVariant: opts.subCountVariant,
            population: opts.population ? basename(opts.population) : null,
          },
        }
      : {}),
    candidates: opts.candidates ? basename(opts.candidates) : { gridKm: opts.gridKm },
    method: opts.method,
    timeLimitSec: opts.timeLimitSec,
    ...(opts.minSeparationKm !== undefined ? { minSeparationKm: opts.minSeparationKm } : {}),
    demand: demand
      ? { points: basename(opts.demand as string), count: demand.length }
      : { cellSizeM: 250, blockM: 1000, weight: "area km²" },
    city: opts.city,
    ...(opts.county ? { county: opts.county } : {}),
  };
  const generatedAt = new Date().toISOString();
  const n = counties.length;
  const worst = outcomes.find((o) => o.result.status === total.status);
  const statusMessage =
    n === 1 && worst
      ? worst.result.statusMessage
      : {
          zh: `${n} 个县区分别求解，最差状态：${STATUS_WORDS[total.status].zh}${worst && total.status !== "optimal" ? `（${worst.code} ${worst.name}：${worst.result.statusMessage.zh}）` : ""}`,
          en: `${n} counties solved separately; worst status: ${STATUS_WORDS[total.status].en}${worst && total.status !== "optimal" ? ` (${worst.code} ${worst.name}: ${worst.result.statusMessage.en})` : ""}`,
        };
  const report = {
    status: total.status,
    statusMessage,
    method: total.method,
    objective: total.objective,
    ...(total.bound !== undefined ? { bound: total.bound, gap: total.gap } : {}),
    coveredShareBefore: total.coveredShareBefore,
    coveredShareAfter: total.coveredShareAfter,
    sites: total.sites.map((s, i) => ({
      rank: i + 1,
      lon: s.lon,
      lat: s.lat,
      gain: s.gain,
      gainShare: s.gainShare,
      county: s.county,
      countyName: s.countyName,
      candidateId: s.candidateId,
    })),
    curve: total.curve,
    counties: perCounty,
    params,
    generatedAt,
    timeMs: total.timeMs,
  };
  writeJson(join(opts.out, "suggest-report.json"), report);
  const features = total.sites.map((s, i) =>
    pointFeature(s.lon, s.lat, {
      rank: i + 1,
      gain: s.gain,
      gainShare: s.gainShare,
      county: s.county,
      countyName: s.countyName,
      candidateId: s.candidateId,
      type,
      proposed: true,
    }),
  );
  writeJson(join(opts.out, "suggestions.geojson"), {
    type: "FeatureCollection",
    params,
    status: total.status,
    generatedAt,
    features,
  });
  if (n > 1)
    lines.push(
      `合计 total: ${total.sites.length} 个新站点 new sites，覆盖率 coverage ${pct(total.coveredShareBefore)} → ${pct(total.coveredShareAfter)}（${STATUS_WORDS[total.status].zh} / ${STATUS_WORDS[total.status].en}）`,
    );
  lines.push(`已写入 written: ${join(opts.out, "suggestions.geojson")}, suggest-report.json`);
  return lines;
}

async function runCentralThc(
  opts: SuggestOptions,
  counties: CountyFeature[],
  facilities: Facility[],
): Promise<string[]> {
  const radiusKm = opts.radiusKm ?? 10;
  const solveOpts = await solveOptions(opts);
  const lines: string[] = [];
  const out: unknown[] = [];
  const features: Feature<Point>[] = [];
  let status: SitingResult["status"] = "optimal";
  for (const county of counties) {
    const code = county.properties.code;
    const thcs = facilities.filter((f) => (f.type === "thc" || f.type === "central-thc") && belongsToCounty(f, county));
    if (thcs.length === 0) {
      out.push({
        code,
        name: county.properties.name,
        thcCount: 0,
        k: 0,
        chosen: [],
        note: { zh: "本县无乡镇卫生院", en: "no township health centre in this county" },
      });
      lines.push(`${code} ${county.properties.name}: 无乡镇卫生院 / no township health centre`);
      continue;
    }
    const grid = buildCountyGrid(county);
    const demand = demandFromGrid(grid);
    const result = await chooseCentralThcs(thcs, demand, radiusKm, 1 / 3, solveOpts);
    status = worseStatus(status, result.status);
    const byId = new Map(thcs.map((f) => [f.id, f]));
    const chosen = result.sites.map((s, i) => {
      const f = byId.get(s.candidateId) as Facility;
      return {
        rank: i + 1,
        id: f.id,
        name: f.name,
        currentType: f.type,
        lon: f.lon,
        lat: f.lat,
        gain: s.gain,
        gainShare: s.gainShare,
      };
    });
    const chosenIds = new Set(chosen.map((c) => c.id));
    for (const c of chosen)
      features.push(pointFeature(c.lon, c.lat, { ...c, county: code, countyName: county.properties.name }));
    const currentCentral = thcs.filter((f) => f.type === "central-thc").map((f) => f.id);
    out.push({
      code,
      name: county.properties.name,
      thcCount: thcs.length,
      k: Math.max(1, Math.round(thcs.length / 3)),
      status: result.status,
      statusMessage: result.statusMessage,
      method: result.method,
      coveredShare: result.coveredShareAfter,
      chosen,
      currentCentral,
      keptCentral: currentCentral.filter((id) => chosenIds.has(id)),
      timeMs: result.timeMs,
    });
    lines.push(
      `${code} ${county.properties.name}: ${thcs.length} 个乡镇卫生院中选 ${chosen.length} 个为中心卫生院，${radiusKm} 公里内覆盖 ${pct(result.coveredShareAfter)}（${STATUS_WORDS[result.status].zh}）/ ${chosen.length} of ${thcs.length} THCs chosen as central, ${pct(result.coveredShareAfter)} of the area within ${radiusKm} km (${STATUS_WORDS[result.status].en})`,
    );
  }
  const params = {
    radiusKm,
    share: 1 / 3,
    method: opts.method,
    demand: { cellSizeM: 250, blockM: 1000, weight: "area km²" },
    city: opts.city,
  };
  const generatedAt = new Date().toISOString();
  writeJson(join(opts.out, "central-thc.json"), { rule: "CTHC-THIRD", status, params, generatedAt, counties: out });
  writeJson(join(opts.out, "central-thc.geojson"), {
    type: "FeatureCollection",
    params,
    status,
    generatedAt,
    features,
  });
  lines.push(`已写入 written: ${join(opts.out, "central-thc.json")}, central-thc.geojson`);
  return lines;
}

/** The county medical centre SUB-15KM measures from: the county's own, its people's hospital, or the seat. */
function medicalCentreOf(county: CountyFeature, mine: Facility[]) {
  const code = county.properties.code;
  const ref = countyMedicalCentre(county.properties, mine);
  const centre: Facility = {
    id: ref.facilityId ?? `${code}-seat`,
    name: ref.name ?? `${county.properties.name}政府驻地`,
    type: "county-medical-centre",
    lon: ref.lon as number,
    lat: ref.lat as number,
    county: code,
  };
  return { centre, ref };
}

function runSubCentres(
  opts: SuggestOptions,
  counties: CountyFeature[],
  all: CountyFeature[],
  facilities: Facility[],
  seatsKnown: boolean,
): string[] {
  const urbanDef = seatsKnown ? { ...DEFAULT_PARAMS.urban } : { districts: true };
  const urban = urbanAreaFeatures(all, urbanDef);
  const lines: string[] = [];
  const out: unknown[] = [];
  const features: Feature<Point>[] = [];
  for (const county of counties) {
    const code = county.properties.code;
    const mine = facilities.filter((f) => belongsToCounty(f, county));
    const { centre, ref } = medicalCentreOf(county, mine);
    const cands = mine
      .filter((f) => f.type === "central-thc" || f.type === "sub-centre")
      .map((f) => ({ ...f, county: code }));
    const checks = qualifyingSubCentres(cands, centre, urban, opts.minKm);
    const rows = checks.map((c) => ({
      id: c.facility.id,
      name: c.facility.name,
      type: c.facility.type,
      lon: c.facility.lon,
      lat: c.facility.lat,
      distanceKm: c.distanceKm,
      insideUrban: c.insideUrban,
      qualifies: c.qualifies,
      reasons: c.reasons,
    }));
    for (const r of rows)
      if (r.qualifies)
        features.push(pointFeature(r.lon, r.lat, { ...r, county: code, countyName: county.properties.name }));
    const q = rows.filter((r) => r.qualifies).length;
    out.push({
      code,
      name: county.properties.name,
      medicalCentre: { kind: ref.kind, id: ref.facilityId ?? null, name: ref.name, lon: ref.lon, lat: ref.lat },
      qualifying: q,
      candidates: rows,
    });
    lines.push(
      `${code} ${county.properties.name}: ${rows.length} 个中心卫生院/次中心中 ${q} 个符合次中心条件（≥ ${opts.minKm} 公里且在城区外）/ ${q} of ${rows.length} qualify (≥ ${opts.minKm} km, outside the urban area)`,
    );
  }
  const params = { minKm: opts.minKm, urban: urbanDef, urbanDefinition: describeUrban(urbanDef), city: opts.city };
  const generatedAt = new Date().toISOString();
  writeJson(join(opts.out, "sub-centres.json"), { rule: "SUB-15KM", params, generatedAt, counties: out });
  writeJson(join(opts.out, "sub-centres.geojson"), { type: "FeatureCollection", params, generatedAt, features });
  lines.push(`${describeUrban(urbanDef).zh} / ${describeUrban(urbanDef).en}`);
  lines.push(`已写入 written: ${join(opts.out, "sub-centres.json")}, sub-centres.geojson`);
  return lines;
}
