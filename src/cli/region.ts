import { join } from "node:path";
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from "geojson";
import KDBush from "kdbush";
import {
  absentKindsIssue,
  analyze,
  type CityEntry,
  type CodeNote,
  CountyLocator,
  type CountyProps,
  checkStatedCounty,
  cityCost,
  continueRenamedUnits,
  counted,
  countyNamesEnByCode,
  type Divisions,
  datumFromBoundaries,
  datumIssue,
  distanceOutsideKm,
  dropIssues,
  type Facility,
  facilitiesForExport,
  facilityFeature,
  gapFeaturesForExport,
  hasLocalPlan,
  importedFacilities,
  loadCityCounties,
  loadCityDivisions,
  lookupCity,
  markOutsideUnitCounty,
  matchUnitNames,
  mayTakeUnitFromName,
  namesUnit,
  outsideStatedRows,
  type ParamOverrides,
  parseFacilityFile,
  placeRejectedFacilities,
  placeViolations,
  RECORD_UNIT_ZH,
  type RejectedFacility,
  type RowIssue,
  type RuleSet,
  recordUnit,
  refusedFacilityRows,
  refusedRowCounty,
  runOrder,
  shardRange,
  type TownshipNamed,
  townshipFinder,
  townshipsNamed,
  ungradedHospitalsIssue,
  unsayUnitReview,
  withoutReplaced,
  withUnitNames,
} from "../core";
import {
  ANALYSIS_FLAGS,
  ANALYSIS_VALUE_OPTIONS,
  type AnalysisOptions,
  analysisParams,
  parseAnalysisOptions,
} from "./analysis-options";
import {
  type Crs,
  checkSheetOption,
  countyNamesEn,
  crsLine,
  crsOption,
  crsSourceOf,
  dropRows,
  dropRowsOption,
  formatIssue,
  InputError,
  MAX_WARNINGS_SHOWN,
  optionError,
  readInputFile,
  requireOptions,
  scanArgs,
  unknownCountyIssue,
  WHOLE_FILE,
} from "./common";
import { doneExit } from "./exit-codes";
import { checkOutDir, issueLines, REJECTED_FILE, rejectedFile } from "./output";
import { checkParamOptions, PARAM_OPTION_NAMES, type ParamOptions, readParamOptions } from "./params";
import { isShippedScenario } from "./paths";
import {
  cityInputs,
  REGION_INPUT_OPTIONS,
  type RegionInputOptions,
  readRegionInputOptions,
  readRegionInputs,
} from "./region-inputs";
import { OutputSet } from "./region-output";
import { cityDivisions, cityOfCode, loadChinaIndex, readGeodata, selectCities } from "./region-select";
import { loadRuleSet } from "./rules";
import { refuseWrongCity, whereTheyLie } from "./wrong-city";

/** What a regional run covers: one city, a province's cities, every city, or a list of county-level units. */
export type RegionSelection =
  | { kind: "city"; query: string }
  | { kind: "province"; query: string }
  | { kind: "china" }
  | { kind: "counties"; codes: string[] };

/** Parsed options of a regional `analyze`. */
export interface RegionOptions extends AnalysisOptions {
  facilities: string;
  out: string;
  /**
   * `--exact-gaps` (true) or `--cell-gaps` (false): radius gaps drawn exactly, as a city run's and the app's, or as
   * their cells. Absent: exact for a run of one city (the user trial, s49 #2: 郑州's 54 cell gaps from the command line
   * beside the app's 32 exact ones), cells for more (the exact outlines double a national run's CPU).
   */
  exactGaps?: boolean;
  select: RegionSelection;
  /** 1-based shard index and shard count. */
  shard?: { index: number; of: number };
  rules?: string;
  /** The facilities' (and demand points') CRS when --crs is given; else a Shapefile's .prj, or WGS84. */
  crs?: Crs;
  /** The workbook's sheet to read (`--sheet`, a name or 1-based number; default the first). */
  sheet?: string;
  /** Rows of the facility file struck out (剔除), by the numbers the import report gives them (`--drop-rows`). */
  dropRows?: number[];
  params: ParamOptions;
  /** Population, demand, township/village population, staffing, roads and raster files (each city gets its part). */
  inputs: RegionInputOptions;
}

/** Names of the streamed outputs, in the order they are listed. */
export const REGION_FILES = {
  report: "report.ndjson",
  facilities: "facilities.geojsonl",
  gaps: "gaps.geojsonl",
  violations: "violations.geojsonl",
  summary: "summary.json",
  rejected: REJECTED_FILE,
} as const;

/** The bundled plan-city ids that the classic single-city `analyze` takes as they are. */
const CLASSIC_CITIES = ["nanyang", "pingdingshan", "nangong", "yichun"];

/**
 * An `analyze` command line with `--city` naming a plan city by its code, Chinese name or pinyin (「--city 平顶山」,
 * 「--city 410400」) written with the city's id instead, so that it is the classic single-city run `--city pingdingshan`
 * is, with the same files (the GIS trial, s55 M3: the Chinese name took the regional path and wrote NDJSON without the
 * plans' quotes or places); any other command line as it is. A name the index does not know is left for the regional
 * run to refuse with its candidates. `--stream` keeps the regional run (its streamed files) for a plan city too.
 */
export async function planCityArgv(argv: readonly string[]): Promise<readonly string[]> {
  if (argv.some((a) => /^--(province|china|counties|shard|stream)(=|$)/.test(a))) return argv;
  const at = argv.findIndex((a) => /^--city(=|$)/.test(a));
  if (at < 0) return argv;
  const inline = argv[at].startsWith("--city=");
  const query = inline ? argv[at].slice("--city=".length) : argv[at + 1];
  if (query === undefined || CLASSIC_CITIES.includes(query)) return argv;
  const found = lookupCity(await loadChinaIndex(), query);
  const plan = found.ok ? found.city.plan : undefined;
  if (!plan || !CLASSIC_CITIES.includes(plan)) return argv;
  return inline ? argv.map((a, i) => (i === at ? `--city=${plan}` : a)) : argv.map((a, i) => (i === at + 1 ? plan : a));
}

/**
 * Whether an `analyze` command line is a regional run: `--province`, `--china`, `--counties` or `--shard`, or a
 * `--city` other than the four plan-city ids (a code, a Chinese name, pinyin, or another city).
 */
export function isRegionRun(argv: readonly string[]): boolean {
  for (let i = 0; i < argv.length; i++) {
    const m = /^--(province|china|counties|shard|stream|city)(?:=(.*))?$/.exec(argv[i]);
    if (!m) continue;
    if (m[1] !== "city") return true;
    const v = m[2] ?? argv[i + 1];
    if (v !== undefined && !CLASSIC_CITIES.includes(v)) return true;
  }
  return false;
}

/**
 * The line saying which cities have no local plan and what they are checked by: the rule set's own words for one city;
 * for several, how many and which (five named), and the cities judged by their own plans (the CLI trial, s54b L13: a
 * 河南 run said 「该市未加载本地规划」 of a run where 南阳 and 平顶山 were judged by their own plans).
 */
function noLocalPlanLines(cities: readonly CityEntry[], setFor: (c: CityEntry) => { ruleSet: RuleSet }): string[] {
  // a plan city run on the shared set by --rules has a plan, not used: said so, not 「未加载本地规划」 (the re-check,
  // s56e N3)
  const overridden = cities.filter((c) => setFor(c).ruleSet.noLocalPlan && hasLocalPlan(c));
  const chosen = overridden.length
    ? [
        `${overridden.map((c) => c.name).join("、")}有本市规划，此次按 --rules 所选的规则集（${setFor(overridden[0]).ruleSet.title.zh}）核查，结论仅作对比 / ${overridden.map((c) => c.nameEn ?? c.name).join(", ")} ${overridden.length === 1 ? "has its" : "have their"} own plans; this run checks ${overridden.length === 1 ? "it" : "them"} by the rule set chosen with --rules (${setFor(overridden[0]).ruleSet.title.en}), for comparison only`,
      ]
    : [];
  const without = cities.filter((c) => setFor(c).ruleSet.noLocalPlan && !hasLocalPlan(c));
  const text = without[0] ? setFor(without[0]).ruleSet.noLocalPlan : undefined;
  if (!text) return chosen;
  if (cities.length === 1) return [`${text.zh} / ${text.en}`];
  const own = cities.filter((c) => !setFor(c).ruleSet.noLocalPlan);
  const names = (list: readonly CityEntry[], sep: string, en: boolean) =>
    list
      .slice(0, 5)
      .map((c) => (en ? (c.nameEn ?? c.name) : c.name))
      .join(sep) + (list.length > 5 ? (en ? " …" : " 等") : "");
  const zh = text.zh.replace("也不是该市自己的规划指标", "也不是这些城市自己的规划指标").replace(
    /^该市未加载本地规划：/,
    // 「其余」 only beside the cities judged by their own plans (the re-check, s56e: 「其余 18 个城市」 of 18)
    `${own.length ? `${names(own, "、", false)}按本市规划核查；其余` : "这"} ${without.length} 个城市（${names(without, "、", false)}）未加载本地规划：`,
  );
  const en = text.en
    .replace("nor the city's own targets", `nor ${without.length === 1 ? "the city's" : "those cities'"} own targets`)
    .replace(
      /^No local plan is loaded for this city: it is checked/,
      `${own.length ? `${names(own, ", ", true)} ${own.length === 1 ? "is" : "are"} checked by ${own.length === 1 ? "its" : "their"} own plans; ` : ""}no local plan is loaded for the ${own.length ? "other " : ""}${counted(without.length, "city", "cities")} (${names(without, ", ", true)}): ${without.length === 1 ? "it is" : "they are"} checked`,
    );
  return [...chosen, `${zh} / ${en}`];
}

/**
 * The shared rules (the national set's) a plan city's own plans do not set, by rule set, where the run holds both: its
 * counties are not checked by them, so a region's map has no gaps of theirs there, which is not having none (the
 * national analyst's trial, s56d M1: 平顶山's 10 counties had no EMS line in a 河南 run, and nothing said why).
 */
export function unsetSharedRules(sets: ReadonlyArray<{ ruleSet: RuleSet }>): Map<string, string[]> {
  const shared = sets.find((s) => s.ruleSet.noLocalPlan);
  const out = new Map<string, string[]>();
  if (!shared) return out;
  for (const s of sets) {
    if (s.ruleSet.noLocalPlan) continue;
    const own = new Set(s.ruleSet.rules.map((r) => r.id));
    const missing = shared.ruleSet.rules.map((r) => r.id).filter((id) => !own.has(id));
    if (missing.length) out.set(s.ruleSet.id, missing);
  }
  return out;
}

/** The lines saying, for each plan city whose plans set fewer rules than the shared set, which are not checked there. */
function unsetSharedLines(
  cities: readonly CityEntry[],
  setFor: (c: CityEntry) => { ruleSet: RuleSet },
  unset: ReadonlyMap<string, string[]>,
  countyCodes: (c: CityEntry) => string[],
): string[] {
  const lines: string[] = [];
  // each rule named with the first clause of its description (「城区每一处距最近的急救点不超过 5 公里」)
  const shared = new Map<string, { zh: string; en: string }>(
    cities
      .map((c) => setFor(c).ruleSet)
      .find((r) => r.noLocalPlan)
      ?.rules.map((r) => [r.id, { zh: r.description.zh.split(/[（(]/)[0], en: r.description.en }]) ?? [],
  );
  for (const [id, rules] of unset) {
    const own = cities.filter((c) => setFor(c).ruleSet.id === id);
    if (own.length === 0) continue;
    const zhNames = own.map((c) => c.name).join("、");
    const enNames = own.map((c) => c.nameEn ?? c.name).join(", ");
    const zhRules = rules.map((r) => `${r}（${shared.get(r)?.zh ?? r}）`).join("、");
    const enRules = rules.map((r) => `${r} (${shared.get(r)?.en ?? r})`).join(", ");
    const radius = rules.some((r) => r === "EMS-URBAN" || r === "EMS-RURAL");
    // the counties to run again, as a --counties list that works as typed (the re-check, s56e N1: the --city form was
    // refused for the province's list)
    const codes = own.flatMap(countyCodes).join(",");
    lines.push(
      `${zhNames}按本市规划核查，其规划未设共有规则中的 ${zhRules}：这些县区不核查这几项，结果中没有它们的行${radius ? "，缺口图上也没有其急救半径缺口，不等于没有缺口" : ""}；如需对照，可另跑：--counties ${codes} --rules national / ${enNames} ${own.length === 1 ? "is" : "are"} checked by ${own.length === 1 ? "its" : "their"} own plans, which set none of the shared rules ${enRules}: those counties are not checked by them and have no lines of them${radius ? ", nor EMS radius gaps on the map, which is not having none" : ""}; to compare, run --counties ${codes} --rules national`,
    );
  }
  return lines;
}

/** Parses a regional `analyze`; throws InputError naming each bad option. */
export function parseRegionArgs(argv: string[]): RegionOptions {
  const known = ["facilities", "out", "city", "province", "counties", "shard", "rules", "crs", "drop-rows", "sheet"];
  const { raw, flags, errors } = scanArgs(
    argv,
    [...known, ...ANALYSIS_VALUE_OPTIONS, ...PARAM_OPTION_NAMES, ...REGION_INPUT_OPTIONS],
    ["china", "stream", "exact-gaps", "cell-gaps", ...ANALYSIS_FLAGS],
  );
  const analysis = parseAnalysisOptions(raw, flags, errors);
  requireOptions(raw, ["facilities", "out"], errors);
  const given = ["city", "province", "counties"].filter((k) => raw.has(k));
  if (flags.has("china")) given.push("china");
  if (given.length !== 1)
    errors.push(
      given.length === 0
        ? "须指定 --city、--province、--counties 或 --china 之一 / give one of --city, --province, --counties, --china"
        : `--${given.join("、--")} 只能指定其一 / give only one of --${given.join(", --")}`,
    );
  let select: RegionSelection = { kind: "china" };
  if (raw.has("city")) select = { kind: "city", query: raw.get("city") as string };
  if (raw.has("province")) select = { kind: "province", query: raw.get("province") as string };
  if (raw.has("counties")) {
    const codes = (raw.get("counties") as string).split(/[\s,，;]+/).filter(Boolean);
    const bad = codes.filter((c) => !/^\d{6}$/.test(c));
    if (codes.length === 0) errors.push(optionError("counties", "列表为空", "the list is empty"));
    if (bad.length)
      errors.push(
        optionError("counties", `不是 6 位县级代码：${bad.join("、")}`, `not 6-digit county codes: ${bad.join(", ")}`),
      );
    select = { kind: "counties", codes: [...new Set(codes)] };
  }
  let shard: RegionOptions["shard"];
  if (raw.has("shard")) {
    const v = raw.get("shard") as string;
    const m = /^(\d+)\/(\d+)$/.exec(v.trim());
    const index = m ? Number(m[1]) : Number.NaN;
    const of = m ? Number(m[2]) : Number.NaN;
    if (!m || of < 1 || index < 1 || index > of)
      errors.push(
        optionError("shard", `“${v}” 应为 I/N，1 ≤ I ≤ N（如 3/8）`, `"${v}" must be I/N with 1 ≤ I ≤ N (e.g. 3/8)`),
      );
    else shard = { index, of };
  }
  const crs = raw.has("crs") ? crsOption(errors, raw.get("crs") as string) : undefined;
  const dropRows = raw.has("drop-rows") ? dropRowsOption(errors, raw.get("drop-rows") as string) : undefined;
  const params = readParamOptions(raw, errors);
  const inputs = readRegionInputOptions(raw, errors);
  if (errors.length) throw new InputError(errors);
  return {
    ...analysis,
    facilities: raw.get("facilities") as string,
    out: raw.get("out") as string,
    select,
    inputs,
    ...(shard ? { shard } : {}),
    ...(raw.has("rules") ? { rules: raw.get("rules") } : {}),
    ...(crs ? { crs } : {}),
    ...(raw.has("sheet") ? { sheet: raw.get("sheet") as string } : {}),
    ...(dropRows ? { dropRows } : {}),
    ...(flags.has("exact-gaps") ? { exactGaps: true } : flags.has("cell-gaps") ? { exactGaps: false } : {}),
    params,
  };
}

function boxesMeet(a: readonly number[], b: readonly number[]): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}

/** User plus system CPU time of a process.cpuUsage() reading, seconds (a run's work even on a loaded machine). */
function cpuSeconds(u: NodeJS.CpuUsage): number {
  return Math.round((u.user + u.system) / 1e3) / 1e3;
}

export { loadChinaIndex, readGeodata, selectCities } from "./region-select";

/** Result of a regional run. */
export interface RegionResult {
  exitCode: 0 | 3;
  lines: string[];
}

interface Tally {
  counties: number;
  /** Counties the facility file has a row of its own in (an imported list: the shipped sample counts none). */
  countiesInList: number;
  checks: Record<string, number>;
  byRule: Record<string, Record<string, number>>;
  violations: Record<string, number>;
  gaps: number;
  gapAreaKm2: Record<string, number>;
}

/** Runs a regional `analyze`: resolves the cities, reads the facilities once, analyses city by city, streams. */
export async function runRegion(opts: RegionOptions): Promise<RegionResult> {
  checkOutDir(opts.out);
  const started = Date.now();
  const cpuAtStart = process.cpuUsage();
  const index = await loadChinaIndex();
  const selected = selectCities(index, opts.select);
  const shard = opts.shard;
  const cities = shard
    ? (() => {
        const { start, end } = shardRange(selected.map(cityCost), shard.index, shard.of);
        return selected.slice(start, end);
      })()
    : selected;
  // one city's gaps are drawn exactly, as the app and a plan city's run draw them, unless asked otherwise
  const oneCity = selected.length === 1;
  const countyFilter = opts.select.kind === "counties" ? new Set(opts.select.codes) : undefined;

  // Rule sets and parameters first: a bad --rules file or radius is refused before anything is read.
  // a plan city's own set (its plans, their scope), else the set of the rules the plans share; --rules one set for every city
  const extra = await analysisParams(opts);
  const sets = new Map<string, { ruleSet: RuleSet; params: ParamOverrides }>();
  const setFor = (city: CityEntry) => {
    const cityKey = city.plan ?? city.id;
    const key = opts.rules ?? (hasLocalPlan(city) ? cityKey : NATIONAL_RULES);
    let s = sets.get(key);
    if (!s) {
      const ruleSet = loadRuleSet(opts.rules ?? (hasLocalPlan(city) ? undefined : NATIONAL_RULES), cityKey);
      const fromOptions = checkParamOptions(ruleSet, opts.params, cityKey);
      s = { ruleSet, params: { ...fromOptions, ...extra, urban: { ...fromOptions.urban, ...extra.urban } } };
      sets.set(key, s);
    }
    return s;
  };
  for (const c of cities) setFor(c);

  const output = OutputSet.open(opts.out, Object.values(REGION_FILES));
  try {
    // The counties that can hold a point of the run's cities: those of every city whose box meets one of theirs,
    // in national run order, so that a point on a sliver two cities share goes where the national run puts it.
    const located = runOrder(index.cities).filter((c) => cities.some((r) => boxesMeet(c.bbox, r.bbox)));
    const countiesOf = new Map<string, FeatureCollection<Polygon | MultiPolygon, CountyProps>>();
    const features: Array<Feature<Polygon | MultiPolygon, CountyProps>> = [];
    const cityOfFeature: string[] = [];
    for (const c of located) {
      const fc = await loadCityCounties(c, readGeodata);
      countiesOf.set(c.id, fc);
      for (const f of fc.features) {
        features.push(f);
        cityOfFeature.push(c.id);
      }
    }
    const cityByCounty = new Map(features.map((f, i) => [f.properties.code, cityOfFeature[i]]));
    const runIds = new Set(cities.map((c) => c.id));
    const runPrefix = (code: string) => cityOfCode(index, code).some((c) => runIds.has(c.id));
    const firstShard = !shard || shard.index === 1;
    if (countyFilter) {
      // a shard holds the boundaries of its own cities (and their neighbours): it checks the codes of its cities, and
      // the first shard those of no city; another shard's codes are that shard's to check (a --counties list over
      // two cities failed in the shard of one of them, naming the other's county as having no boundary)
      const mine = (code: string) => runPrefix(code) || (cityOfCode(index, code).length === 0 && firstShard);
      const missing = [...countyFilter].filter((code) => mine(code) && !cityByCounty.has(code));
      if (missing.length)
        throw new InputError([
          `--counties: 这些代码没有县级边界 / no county boundary for: ${missing.join(", ")}（${index.unplaced.length} 个单位无边界，见 geodata/china/index.json unplaced）`,
        ]);
    }

    // Facilities: read once, each given to the city of its stated county code, else of the county it lies in.
    const warnings: string[] = [];
    const errorLines: string[] = [];
    const { bytes, name } = readInputFile(opts.facilities, { zh: "设施文件", en: "facility file" });
    checkSheetOption(name, bytes, opts.sheet);
    const refs = features.map((f) => ({ code: f.properties.code, name: f.properties.name }));
    // township and village names are matched city by city, in each city's list, once it is read (below)
    // without --crs a Shapefile is read in its .prj's CRS, as `analyze` does (it was read as WGS84 whatever the .prj)
    const parsed = await parseFacilityFile(bytes, name, {
      ...(opts.crs ? { crs: opts.crs } : {}),
      ...(opts.sheet ? { sheet: opts.sheet } : {}),
      counties: refs,
      unitNamesLater: true,
    });
    // each facility says whether the file marks it invented, as the app keeps an imported list
    const imported = { ...parsed, facilities: importedFacilities(parsed.facilities) };
    const issues: RowIssue[] = [];
    const note = (i: RowIssue) => {
      issues.push(i);
      (i.severity === "error" ? errorLines : warnings).push(formatIssue(i));
    };
    /**
     * Applies one of the core's in-place edits of the issues (dropIssues, unsayUnitReview: true when it changed any)
     * and, where it did, prints them again as `note` printed them.
     */
    const revise = (edit: (list: RowIssue[]) => boolean) => {
      if (!edit(issues)) return;
      warnings.length = 0;
      errorLines.length = 0;
      for (const i of issues) (i.severity === "error" ? errorLines : warnings).push(formatIssue(i));
    };
    for (const i of imported.issues) note(i);
    if (imported.facilities.length === 0 && imported.issues.some((i) => i.row === 0 && i.severity === "error"))
      throw new InputError(errorLines);
    const struck = dropRows(name, imported, opts.dropRows ?? []);
    for (const i of struck.issues) note(i);
    let rejected = imported.rejectedRows;
    // a row far from the county it names is refused, as in a city run (the re-trial: 「嵩县」 at a point in 郑州 was
    // analysed and counted in 嵩县)
    const stated = checkStatedCounty(
      struck.facilities,
      struck.rows,
      { type: "FeatureCollection", features },
      {
        file: name,
        field: imported.mapping.county ?? "county",
        ...(imported.countyCells ? { countyCells: imported.countyCells } : {}),
        ...(imported.unitNames ? { namesUnit: (row: number) => namesUnit(imported.unitNames?.get(row)) } : {}),
      },
    );
    for (const i of stated.issues) note(i);
    rejected += stated.rejected;
    // an upgrade in the list (the app's export of a plan) counts in place of the facility it raises, as in a city run
    const inPlace = new Set(withoutReplaced(stated.facilities));
    const kept = {
      facilities: stated.facilities.filter((f) => inPlace.has(f)),
      rows: stated.rows.filter((_, k) => inPlace.has(stated.facilities[k])),
    };
    // positions that fall in the county their code names only once converted: Amap's or Baidu's, as the app and a
    // plan city's `analyze` say (regional runs gave no hint); judged on up to 2,000 rows spread over the file
    if (imported.crs === "wgs84" && !opts.crs) {
      const sample = kept.facilities.filter((f) => f.county && cityByCounty.has(f.county));
      const step = Math.max(1, Math.ceil(sample.length / 2000));
      const some = sample.filter((_, k) => k % step === 0);
      const named = new Set(some.map((f) => f.county));
      const hint = datumIssue(
        name,
        datumFromBoundaries(some, {
          type: "FeatureCollection",
          features: features.filter((f) => named.has(f.properties.code)),
        }),
      );
      if (hint && !issues.some((i) => i.code === hint.code)) note(hint);
    }
    /** Each kept facility's source row, for matching its township and village names in its city's list. */
    const rowOf = new Map<Facility, number>(kept.facilities.map((f, k) => [f, kept.rows[k]]));
    let elsewhere = 0;
    const matchedNames = { townships: 0, villages: 0 };
    const locator = new CountyLocator(features);
    const byCity = new Map<string, Facility[]>();
    const inRun: Facility[] = [];
    const outsideNamed: Array<{ f: Facility; k: number; text: string; at: string | undefined }> = [];
    /**
     * A row outside the run: counted, and said on its row where it lies (a run of every county says a point in none;
     * a city's or a province's run says which city it lies in, the user trial, s52 M2: 「1 条不在本次范围」 named no
     * row; a shard leaves the rows of the others unsaid).
     */
    const outOfRun = (f: Facility, k: number, city: string | undefined) => {
      elsewhere++;
      if (shard) return;
      const entry = city === undefined ? undefined : index.cities.find((c) => c.id === city);
      note({
        file: name,
        row: kept.rows[k],
        field: "lon/lat",
        value: `${f.lon}, ${f.lat}`,
        severity: "warning",
        code: "outside-boundaries",
        message:
          city === undefined && opts.select.kind === "china"
            ? {
                zh: `“${f.name}”不在任何县级单位内，未分析`,
                en: `"${f.name}" lies in no county-level unit; not analysed`,
              }
            : entry
              ? {
                  zh: `“${f.name}”位于本次范围之外（在${entry.name}境内），未分析`,
                  en: `"${f.name}" lies outside this run (in ${entry.nameEn ?? entry.name}); not analysed`,
                }
              : { zh: `“${f.name}”位于本次范围之外，未分析`, en: `"${f.name}" lies outside this run; not analysed` },
      });
    };
    /** The township name a row gives by a cell, where it states no county and no unit by code; else undefined. */
    const namedCell = (f: Facility) => {
      const cells = imported.unitNames?.get(rowOf.get(f) ?? -1);
      return !f.county && f.township === undefined && f.village === undefined && cells?.township && !cells.code
        ? cells.countyUnread === undefined
          ? cells.township.text
          : undefined
        : undefined;
    };
    /** Puts a row in a city's share of the list. */
    const addTo = (city: string, f: Facility) => {
      const list = byCity.get(city) ?? [];
      list.push(f);
      byCity.set(city, list);
    };
    for (const [k, f] of kept.facilities.entries()) {
      let city: string | undefined;
      if (f.county && cityByCounty.has(f.county)) city = cityByCounty.get(f.county);
      else if (f.county && (runPrefix(f.county) || (cityOfCode(index, f.county).length === 0 && firstShard))) {
        // a code of the run's cities without a boundary, or a code of no city at all (reported by one shard only)
        rejected++;
        note(unknownCountyIssue(name, kept.rows[k], f.county, f.id));
        continue;
      } else if (!f.county) {
        const at = locator.locate(f.lon, f.lat);
        city = at >= 0 ? cityOfFeature[at] : undefined;
      }
      if (city === undefined || !runIds.has(city)) {
        // a row that states no county and lies outside the run, whose township or village is one of the run's: the
        // run's, its unit for review there, as the app has it (the user trial, s52 M2: `--city 曲靖市` left out
        // 上村乡卫生院, lying in 昆明市东川区, with no word on its row); by the unit's code now, by a township's name once
        // the run's lists are read (below)
        const unit = f.county ? undefined : (f.township ?? f.village);
        const unitCity = unit ? cityByCounty.get(unit.slice(0, 6)) : undefined;
        const text = namedCell(f);
        if (unitCity && runIds.has(unitCity)) city = unitCity;
        else if (text !== undefined) {
          outsideNamed.push({ f, k, text, at: city });
          continue;
        } else {
          outOfRun(f, k, city);
          continue;
        }
      }
      addTo(city, f);
      inRun.push(f);
    }
    // the division lists of every city of the selection, read once where a row's township name must be looked for in
    // them all: every city's, not only this shard's, so that each shard gives a row the city the single run gives it
    // (a row lying in 澄迈县 naming 海口's 西秀镇 was read in both shards); as published, a pre-2023 unit not continued
    // (a name found under both codes would read as two townships)
    let listsRead: Promise<Map<string, Divisions>> | undefined;
    const selectionLists = () =>
      (listsRead ??= (async () => {
        const lists = new Map<string, Divisions>();
        for (const c of selected) lists.set(c.id, await loadCityDivisions(c, readGeodata));
        return lists;
      })());
    let finder: ((text: string) => Array<{ id: string; found: TownshipNamed[] }>) | undefined;
    const cityNamed = new Map<string, CityEntry | undefined>();
    /** The one city of the selection whose list has one township called `text` (in one county), if one. */
    const townshipCity = async (text: string) => {
      if (cityNamed.has(text)) return cityNamed.get(text);
      if (!finder) {
        const lists = [...(await selectionLists()).entries()];
        const lookup = townshipFinder(lists.map(([, d]) => d));
        finder = (t) => lookup(t).map((x) => ({ ...x, id: lists[x.list][0] }));
      }
      const found = finder(text);
      const city =
        found.length === 1 && found[0].found.length === 1 ? selected.find((c) => c.id === found[0].id) : undefined;
      cityNamed.set(text, city);
      return city;
    };
    /** Rows lying outside the run's cities taken by their township's name (not looked at again as strays below). */
    const takenByName = new Set<Facility>();
    for (const { f, k, text, at } of outsideNamed) {
      const city = await townshipCity(text);
      if (!city || !runIds.has(city.id)) {
        outOfRun(f, k, at);
        continue;
      }
      addTo(city.id, f);
      inRun.push(f);
      takenByName.add(f);
    }
    // a row lying in one of the run's cities, stating no county, whose township name is not in the county it lies in
    // but in one county of another of the selection's cities: that city's, as a row lying outside it (its township 待核
    // naming it), not read where it lies (the re-trial, s52b M2: `--province 云南省` read 上村乡卫生院, lying in 昆明市
    // 东川区, in 昆明's list, 「不在东川区的区划名录中，未使用」, so 会泽县's 上村乡 read 不达标 naming nothing and 东川区
    // counted as in the list); a shard leaves it to the shard of that city. Not needed in one city's run (its other
    // counties are looked in where the row is matched).
    const strays = selected.length < 2 ? [] : inRun.filter((f) => !takenByName.has(f) && namedCell(f));
    if (strays.length > 0) {
      const lists = await selectionLists();
      for (const f of strays) {
        const text = namedCell(f) as string;
        const at = locator.locate(f.lon, f.lat);
        if (at < 0) continue;
        const here = cityOfFeature[at];
        const own = lists.get(here);
        const county = own?.counties.find((c) => c.code === features[at].properties.code);
        if (!own || (county && townshipsNamed({ ...own, counties: [county] }, text).length > 0)) continue;
        const other = await townshipCity(text);
        if (!other || other.id === here) continue;
        byCity.set(
          here,
          (byCity.get(here) ?? []).filter((x) => x !== f),
        );
        if (runIds.has(other.id)) addTo(other.id, f);
        else outOfRun(f, kept.facilities.indexOf(f), other.id);
      }
    }
    // no name is looked up after this: the index lets go of the lists, each released once its city is analysed
    finder = undefined;
    // a list that reaches none of the run (another city's, every row refused): bad input, nothing written, as in a
    // plan city's run (the planner trial, s41-b #1: a 金寨县 list run as 信阳's exited 0, 「设施 0 条已分析」, every
    // county failing); a city's run refuses a list that mostly lies elsewhere and says where it lies
    if (!shard && imported.totalRows > 0) {
      const runFeatures = features.filter((_, i) => runIds.has(cityOfFeature[i]));
      if (opts.select.kind === "city" && cities.length === 1)
        await refuseWrongCity(
          name,
          kept.facilities,
          { type: "FeatureCollection", features: runFeatures },
          cities[0].id,
        );
      if (inRun.length === 0) {
        const unit = RECORD_UNIT_ZH[recordUnit(name)];
        throw new InputError([
          ...[...errorLines, ...warnings].filter((l) => l.includes(WHOLE_FILE)),
          `${name}: ${imported.totalRows} ${unit}中没有一条在本次范围内（拒收 ${rejected}，不在范围 ${elsewhere}），未写入任何结果 / none of the ${counted(imported.totalRows, recordUnit(name), `${recordUnit(name)}s`)} falls in this run (${rejected} rejected, ${elsewhere} outside it); nothing written`,
          ...errorLines.filter((l) => !l.includes(WHOLE_FILE)).slice(0, MAX_WARNINGS_SHOWN),
          // and where the list lies, when its rows were read (the re-trial: 六安市 was named for --city only)
          ...(kept.facilities.length > 0 ? await whereTheyLie(name, kept.facilities) : []),
        ]);
      }
    }
    // the other inputs, read once; each city gets its counties' rows, the points and roads over its box
    const inputs = await readRegionInputs(
      opts.inputs,
      { type: "FeatureCollection", features: features.filter((_, i) => runIds.has(cityOfFeature[i])) },
      opts.crs ?? "wgs84",
      runPrefix,
      (code) => cityOfCode(index, code).length > 0,
      note,
    );
    rejected += inputs.rejected;
    // with cross-border cover, a city also counts the stations of its neighbours within reach
    const near = inRun.length ? new KDBush(inRun.length) : undefined;
    if (near) {
      for (const f of inRun) near.add(f.lon, f.lat);
      near.finish();
    }

    // the list's whole-file warnings a city run gives, for the rows of the run's cities of each rule set (the CLI
    // trial, s54b H3: `report --city 郑州市` warned of two hospitals with no grade, a regional `analyze` said nothing):
    // a list with no hospital or no EMS point at all, and hospitals with no grade where a check counts from one up
    const bySet = new Map<RuleSet, Facility[]>();
    for (const city of cities) {
      const set = setFor(city).ruleSet;
      const list = bySet.get(set) ?? [];
      for (const f of byCity.get(city.id) ?? []) list.push(f);
      bySet.set(set, list);
    }
    for (const [set, list] of bySet) {
      const rows = list.map((f) => rowOf.get(f) ?? 0);
      for (const issue of [absentKindsIssue(name, list, set), ungradedHospitalsIssue(name, list, rows, set)])
        if (issue && !issues.some((i) => i.code === issue.code && i.message.zh === issue.message.zh)) note(issue);
    }
    // how far outside a county (of the run, or a neighbour's) a point lies, km, as the app says it
    const kmOutside = (lon: number, lat: number, county: string) => {
      const f = features.find((x) => x.properties.code === county);
      return f ? distanceOutsideKm(lon, lat, f.geometry) : undefined;
    };
    const tally: Tally = {
      counties: 0,
      countiesInList: 0,
      checks: {},
      byRule: {},
      violations: {},
      gaps: 0,
      gapAreaKm2: {},
    };
    const cityRows: Array<Record<string, unknown>> = [];
    let analysed = 0;
    const namesEn = countyNamesEn();
    for (const city of cities) {
      const counties = countiesOf.get(city.id) as FeatureCollection<Polygon | MultiPolygon, CountyProps>;
      const { ruleSet, params } = setFor(city);
      const own = byCity.get(city.id) ?? [];
      let facilities = own;
      if (params.crossBorder && near) {
        const reachKm = Math.max(params.ruralRadiusKm ?? 20, params.urbanRadiusKm ?? 5, 20);
        const dLat = reachKm / 110;
        const dLon =
          reachKm / (111.3 * Math.cos((Math.max(Math.abs(city.bbox[1]), Math.abs(city.bbox[3])) * Math.PI) / 180));
        const ids = near.range(city.bbox[0] - dLon, city.bbox[1] - dLat, city.bbox[2] + dLon, city.bbox[3] + dLat);
        const mine = new Set(own);
        facilities = [...own, ...ids.map((i) => inRun[i]).filter((f) => !mine.has(f))];
      }
      analysed += own.length;
      const keep = (code: string) => !countyFilter || countyFilter.has(code);
      const cityStarted = Date.now();
      const cpuStarted = process.cpuUsage();
      // a pre-2023 unit of the boundaries reads its 2023 successor's townships (孟津县 ← 孟津区), as in report and suggest
      // (read ahead already where a row's township was looked for in every city's list: taken from there, not read again)
      const codeNotes = counties as { codeNotes?: CodeNote[] };
      const lists = listsRead && (await listsRead);
      const readAhead = lists?.get(city.id);
      lists?.delete(city.id);
      const divisions =
        (readAhead
          ? continueRenamedUnits(readAhead, codeNotes.codeNotes)
          : await cityDivisions(city, city.id, codeNotes)) ?? undefined;
      // this city's rows' township and village names, in its list (the re-trial: `--city 洛阳市` matched none)
      const cells = imported.unitNames;
      // (and the facilities whose own names may give the unit their row lacks: 「王三沟村卫生室」, 「明化镇卫生院」)
      const named = cells ? own.filter((f) => cells.has(rowOf.get(f) ?? -1) || mayTakeUnitFromName(f)) : [];
      // rows kept where they lie whose own units are another county's: for review there (unit-elsewhere)
      const elsewhere: RejectedFacility[] = [];
      if (cells && named.length > 0) {
        const m = matchUnitNames(
          named,
          named.map((f) => rowOf.get(f) ?? -1),
          cells,
          {
            file: name,
            divisions,
            fields: {
              ...(imported.mapping.county ? { county: imported.mapping.county } : {}),
              ...(imported.mapping.township ? { township: imported.mapping.township } : {}),
              ...(imported.mapping.village ? { village: imported.mapping.village } : {}),
            },
            countyAt: (lon, lat) => {
              const at = locator.locate(lon, lat);
              return at >= 0 ? features[at].properties.code : undefined;
            },
            kmOutside,
          },
        );
        // a county cell taken as the mistake: its row's outside-stated-county warning no longer holds; a row outside
        // its stated county whose names matched no unit has no unit for review (as in the app)
        revise((list) => dropIssues(list, "outside-stated-county", m.countyFixed));
        revise((list) =>
          unsayUnitReview(
            list,
            named,
            named.map((f) => rowOf.get(f) ?? -1),
          ),
        );
        for (const i of m.issues) note(i);
        elsewhere.push(...m.elsewhere);
        matchedNames.townships += m.townships;
        matchedNames.villages += m.villages;
      }
      // rows in none of the run's counties, stating none, whose township or village is this city's: for review there,
      // as in the app (the user trial, s52 M2)
      markOutsideUnitCounty(own, kmOutside);
      // the cleaned list of the city's own rows, as a plan city's facilities.geojson (the GIS trial: a city without a
      // plan gave a GIS desk no cleaned, converted list from the command line)
      const countyNames = Object.fromEntries(counties.features.map((c) => [c.properties.code, c.properties.name]));
      for (const f of facilitiesForExport(own, counties.features, divisions))
        if (!f.county || keep(f.county)) output.line(REGION_FILES.facilities, facilityFeature(f, { countyNames }));
      const more = cityInputs(inputs, counties, city.bbox);
      // the rows refused for their position that name a county of this city (by its code, or a township's or
      // village's), their names matched in its list: a unit whose facility is among them is for review, naming the row
      const codes = new Set(counties.features.map((c) => c.properties.code));
      const refusedHere = (imported.rejectedFacilities ?? []).filter((r) => codes.has(refusedRowCounty(r) ?? ""));
      // and they follow the city's facilities as features with no geometry, as a city run's facilities.geojson keeps
      // every row of the list (the CLI trial, s54b M4: a regional run wrote 23 features for a list of 25)
      for (const f of withUnitNames(refusedFacilityRows(refusedHere), divisions ?? null))
        if (!f.county || keep(f.county)) output.line(REGION_FILES.facilities, facilityFeature(f, { countyNames }));
      const refused = placeRejectedFacilities(refusedHere, divisions)
        .concat(elsewhere)
        // the city's own rows kept far outside the county they state: the units they name are for review, naming the
        // row, as in a plan city's run (the user re-trial: 瓦屋镇卫生院, 15.9 km into 南召县, gave 瓦屋镇 its centre)
        .concat(
          outsideStatedRows(
            own,
            own.map((f) => rowOf.get(f) ?? -1),
            name,
          ),
        );
      // --facilities was given: a city none of whose facilities is in the file has none (not missing data)
      const report = analyze({
        counties,
        countyNamesEn: namesEn,
        facilities,
        facilitiesLoaded: true,
        ...(refused.length ? { rejectedFacilities: refused } : {}),
        // an imported list, as analyze's: a county it has no facility in is named (listScope, countyInList false)
        listImported: !isShippedScenario(opts.facilities),
        ruleSet,
        params,
        divisions,
        ...more,
      });
      const localPlan = hasLocalPlan(city);
      // whether the list has a row of its own in each county, on every county line and violation of the run (the user
      // trial, s52 M4: a province run with a one-county list flagged 2,448 of 13,647 violation lines, from the cities
      // the list reached; those of the other cities read as the counties' own): the city's listScope where it has one,
      // else all the city's counties or none, as the list has rows in it or not
      const listed = !isShippedScenario(opts.facilities);
      const ownRows = own.some((f) => !f.proposed && !f.statedElsewhere);
      const inList = (code: string) => (report.listScope ? !report.listScope.missing.includes(code) : ownRows);
      const countyCodes = new Set(report.counties.map((c) => c.code));
      for (const c of report.counties) {
        if (!keep(c.code)) continue;
        tally.counties++;
        if (listed && inList(c.code)) tally.countiesInList++;
        for (const ch of c.checks) {
          tally.checks[ch.status] = (tally.checks[ch.status] ?? 0) + 1;
          const r = tally.byRule[ch.rule] ?? {};
          tally.byRule[ch.rule] = r;
          r[ch.status] = (r[ch.status] ?? 0) + 1;
        }
        output.line(REGION_FILES.report, {
          city: city.id,
          ruleSet: report.ruleSetId,
          localPlan,
          ...(listed ? { countyInList: inList(c.code) } : {}),
          ...c,
        });
      }
      // the counties' English names on the gaps and violations, as the app's exports write them
      const englishNames = countyNamesEnByCode(counties.features, namesEn);
      for (const g of gapFeaturesForExport({
        report,
        counties: counties.features,
        ruleSet,
        namesEn: englishNames,
        exact: opts.exactGaps ?? oneCity,
      })) {
        if (!keep(g.properties.county)) continue;
        tally.gaps++;
        const rule = String(g.properties.rule);
        tally.gapAreaKm2[rule] = (tally.gapAreaKm2[rule] ?? 0) + g.properties.areaKm2;
        const gp = g.properties as { countyInList?: boolean; county: string };
        output.line(
          REGION_FILES.gaps,
          listed && gp.countyInList === undefined
            ? { ...g, properties: { ...g.properties, countyInList: inList(gp.county) } }
            : g,
        );
      }
      const placed = placeViolations({
        countyNamesEn: englishNames,
        violations: report.violations,
        report,
        ruleSet,
        counties: counties.features,
        divisions,
        facilities,
      });
      for (const v of placed) {
        if (!keep(v.properties.county)) continue;
        tally.violations[v.properties.rule] = (tally.violations[v.properties.rule] ?? 0) + 1;
        // the quotes are the rule's, the same on each of its violations: summary.json lists them once per rule, the
        // line keeps its `citation` (document:line of each quote that binds the city) and names its rule set, so
        // that (ruleSet, rule) finds the quotes in summary.json's ruleSets[].rules[].provenance
        const { provenance: _quotes, ...properties } = v.properties;
        const flag =
          listed && properties.countyInList === undefined && countyCodes.has(properties.county)
            ? { countyInList: inList(properties.county) }
            : {};
        output.line(REGION_FILES.violations, {
          ...v,
          properties: { ...properties, ...flag, ruleSet: report.ruleSetId },
        });
      }
      cityRows.push({
        id: city.id,
        name: city.name,
        code: city.code,
        ruleSet: report.ruleSetId,
        localPlan,
        counties: report.counties.filter((c) => keep(c.code)).length,
        facilities: own.length,
        urbanDefinitionUsed: report.urbanDefinitionUsed,
        areaKm2: city.areaKm2,
        villages: city.villages,
        seconds: (Date.now() - cityStarted) / 1000,
        cpuSeconds: cpuSeconds(process.cpuUsage(cpuStarted)),
      });
    }
    // the refused rows that name no county (nor a township or village): after every city's, by the last shard alone,
    // so that the shards' files still concatenate to the single run's
    if (!shard || shard.index === shard.of)
      for (const f of refusedFacilityRows(
        (imported.rejectedFacilities ?? []).filter((r) => refusedRowCounty(r) === undefined),
      ))
        output.line(REGION_FILES.facilities, facilityFeature(f));

    const proposedInRun = inRun.some((f) => f.proposed);
    const { [REGION_FILES.summary]: _summary, [REGION_FILES.rejected]: _rejected, ...files } = output.counts();
    const seconds = (Date.now() - started) / 1000;
    const cpu = cpuSeconds(process.cpuUsage(cpuAtStart));
    const unset = unsetSharedRules([...sets.values()]);
    const summary = {
      generatedAt: new Date().toISOString(),
      selection: opts.select,
      ...(shard ? { shard } : {}),
      ruleSets: [...sets.values()].map((s) => ({
        id: s.ruleSet.id,
        title: s.ruleSet.title,
        ...(s.ruleSet.noLocalPlan ? { noLocalPlan: s.ruleSet.noLocalPlan } : {}),
        ...(unset.has(s.ruleSet.id) ? { sharedRulesNotSet: unset.get(s.ruleSet.id) } : {}),
        params: s.params,
        rules: s.ruleSet.rules.map((r) => ({ id: r.id, description: r.description, provenance: r.provenance })),
      })),
      facilities: { file: name, read: imported.totalRows, analysed, rejected, notInRun: elsewhere },
      ...(inputs.lines.length ? { inputs: { lines: inputs.lines, notInRun: inputs.notInRun } } : {}),
      totals: {
        cities: cities.length,
        counties: tally.counties,
        ...(isShippedScenario(opts.facilities) ? {} : { countiesInList: tally.countiesInList }),
        checks: tally.checks,
        checksByRule: tally.byRule,
        violations: tally.violations,
        gaps: tally.gaps,
        gapAreaKm2: Object.fromEntries(Object.entries(tally.gapAreaKm2).map(([k, v]) => [k, Math.round(v * 10) / 10])),
      },
      files,
      cities: cityRows,
      seconds,
      cpuSeconds: cpu,
    };
    if (matchedNames.townships + matchedNames.villages > 0)
      note({
        file: name,
        row: 0,
        field: "",
        severity: "note",
        code: "unit-names-matched",
        message: {
          zh: `乡镇、行政村按名称与各市区划名录对应：${matchedNames.townships} 行的乡镇、${matchedNames.villages} 行的行政村（同名或找不到的逐行列出）`,
          en: `townships and villages matched by name to each city's division list: the township on ${counted(matchedNames.townships, "row", "rows")}, the village on ${counted(matchedNames.villages, "row", "rows")} (names found twice or not at all are listed by row)`,
        },
      });
    output.whole(REGION_FILES.summary, `${JSON.stringify(summary, null, 2)}\n`);
    output.whole(REGION_FILES.rejected, rejectedFile(issues).data);
    output.commit();

    const nViolations = Object.values(tally.violations).reduce((s, n) => s + n, 0);
    const lines = [
      ...issueLines(opts.out, warnings, errorLines),
      crsLine(
        name,
        imported.crs,
        crsSourceOf(opts.crs, imported.crs, imported.crsFromColumns, imported.crsFromFile),
        imported.crsName,
      ),
      ...inputs.lines,
      `设施 ${analysed} 条已分析，${rejected} 行被拒绝${struck.dropped.length ? `，${struck.dropped.length} 行按 --drop-rows 剔除` : ""}，${elsewhere} 条不在本次范围 / ${counted(analysed, "facility", "facilities")} analysed, ${counted(rejected, "row", "rows")} rejected${struck.dropped.length ? `, ${counted(struck.dropped.length, "row", "rows")} struck out by --drop-rows` : ""}, ${elsewhere} outside this run`,
      `${cities.length} 个城市、${tally.counties} 个县区${shard ? `（分片 shard ${shard.index}/${shard.of}）` : ""}；检查结果 checks: ${
        Object.entries(tally.checks)
          .map(([k, v]) => `${k} ${v}`)
          .join(", ") || "无 none"
      }；违规 violations ${nViolations}；缺口 gaps ${tally.gaps}`,
      // a shard given no city (fewer cities than shards) says so, not a blank list (the national analyst's trial, s56d L4)
      ...(shard && cities.length === 0
        ? [
            `本分片不含城市：所选范围的城市少于分片数，其结果都在其他分片中 / this shard holds no city: the selection has fewer cities than shards, and its results are all in the other shards`,
          ]
        : []),
      // how much of the run the list reaches: the other counties' findings are the list's, not theirs (s52 M4)
      ...(isShippedScenario(opts.facilities) || tally.countiesInList === tally.counties
        ? []
        : [
            // proposed sites are no facilities of the list (the CLI trial, s54b M6: a suggestions file read 「0 个」)
            `清单含其设施的县区 ${tally.countiesInList} 个（共 ${tally.counties} 个${proposedInRun ? "，规划新增站点不计" : ""}）；其余县区的结果反映的是清单未含，不是县区本身（countyInList 为 false）/ the list has facilities in ${tally.countiesInList} of the ${counted(tally.counties, "county", "counties")}${proposedInRun ? " (proposed sites not counted)" : ""}; the others' findings are the list's gaps, not theirs (countyInList false)`,
          ]),
      ...noLocalPlanLines(cities, setFor),
      ...unsetSharedLines(cities, setFor, unset, (c) =>
        (countiesOf.get(c.id)?.features ?? []).map((f) => f.properties.code),
      ),
      `已写入 written: ${join(opts.out, REGION_FILES.report)}, ${REGION_FILES.facilities}, ${REGION_FILES.gaps}, ${REGION_FILES.violations}, ${REGION_FILES.summary}, ${REGION_FILES.rejected}（${issues.length} 条问题 / ${counted(issues.length, "issue", "issues")}）(${seconds.toFixed(1)} s)`,
    ];
    return { exitCode: doneExit(rejected), lines };
  } catch (e) {
    output.abort();
    throw e;
  }
}

/** The bundled rule set of a city with no local plan loaded (seeds/ruleset-national.json). */
export const NATIONAL_RULES = "national";
