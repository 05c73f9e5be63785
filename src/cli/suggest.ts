import { basename } from "node:path";
import {
  type CandidateSource,
  type CityEntry,
  type CodeNote,
  type CountyFeature,
  type CountyPopulation,
  counted,
  type Divisions,
  FACILITY_TYPES,
  type Facility,
  type FacilityType,
  guessFacilityType,
  hasLocalPlan,
  loadCityCounties,
  PARAM_OPTIONS,
  pointInPolygon,
  type RowIssue,
  type RuleSet,
  resolveParams,
  SITING_RADIUS_KM,
  validateParams,
  type WeightedDemandPoint,
} from "../core";
import { type AnalysisOptions, analysisParams, parseAnalysisOptions } from "./analysis-options";
import {
  CITIES,
  type City,
  type Crs,
  crsLine,
  crsOption,
  dropRowsOption,
  type FileKind,
  facilitiesLine,
  InputError,
  loadCountyBoundaries,
  oneOf,
  optionError,
  readFacilityFile,
  readPopulation,
  requireOptions,
  scanArgs,
} from "./common";
import { readDemandFile } from "./demand";
import { doneExit } from "./exit-codes";
import { checkOutDir, issueLines, rejectedFile, withOutputSet, writtenLine } from "./output";
import { NATIONAL_RULES } from "./region";
import { cityDivisions, loadChinaIndex, readGeodata, selectCities } from "./region-select";
import { loadRuleSet } from "./rules";
import { runCentralThc, runSubCentres } from "./suggest-modes";
import { runSite, type SuggestContext, type SuggestHooks } from "./suggest-sites";
import { readTravelInputs, readTravelOptions, TRAVEL_OPTION_NAMES, type TravelOptions } from "./travel";
import { refuseWrongCity } from "./wrong-city";

const METHODS = ["auto", "exact", "greedy"] as const;

/** Parsed options of `suggest`. */
export interface SuggestOptions extends AnalysisOptions {
  mode: "site" | "central-thc" | "sub-centres";
  facilities: string;
  out: string;
  /**
   * A plan city's id (nanyang, pingdingshan, nangong, yichun) or any prefecture-level city by id, 6-digit code or
   * Chinese name (`--city 410300`, `--city 洛阳市`), as `analyze` takes it; resolved by {@link runSuggest}.
   */
  city: string;
  boundaries?: string;
  county?: string;
  /** Given explicitly; absent: the file's own CRS (a Shapefile's .prj), else WGS84. */
  crs?: Crs;
  /** The workbook's sheet to read (`--sheet`, a name or 1-based number; default the first). */
  sheet?: string;
  /** Rows of the facility file struck out (剔除), by the numbers the import report gives them (`--drop-rows`). */
  dropRows?: number[];
  type?: FacilityType;
  radiusKm?: number;
  add?: number;
  targetShare?: number;
  candidates?: string;
  /** The candidate file's own CRS (`--candidates-crs`), when not `crs` (an Amap list beside a WGS84 facility file). */
  candidatesCrs?: Crs;
  gridKm: number;
  method: (typeof METHODS)[number];
  timeLimitSec: number;
  minSeparationKm?: number;
  /** SUB-15KM distance, km; absent: the rule set's. */
  minKm?: number;
  /** Built-up disc radii of the urban area, km; absent: the defaults (docs/rules.md). */
  centralCityRadiusKm?: number;
  countySeatRadiusKm?: number;
  population?: string;
  demand?: string;
  candidatesType?: FacilityType;
  /** Rule set name or file; absent: the city's own plans. */
  rules?: string;
  /** Siting on travel time: a site covers the places it reaches within this many minutes (needs --roads). */
  minutes?: number;
  /** Roads, speeds, off-road speed and population raster. */
  travel?: TravelOptions;
}

const VALUE_OPTIONS = [
  "facilities",
  "out",
  "city",
  "boundaries",
  "county",
  "crs",
  "drop-rows",
  "sheet",
  "type",
  "radius-km",
  "add",
  "target-share",
  "candidates",
  "candidates-crs",
  "grid-km",
  "method",
  "time-limit",
  "min-separation-km",
  "min-km",
  "population",
  "sub-count-variant",
  "demand",
  "candidates-type",
  "rules",
  "minutes",
  ...TRAVEL_OPTION_NAMES,
  "central-city-radius-km",
  "county-seat-radius-km",
  "urban",
];
const FLAGS = ["central-thc", "sub-centres", "cross-border"];

/** Parses `suggest` options; throws InputError naming the option on bad values. */
export function parseSuggestArgs(argv: string[]): SuggestOptions {
  const { raw, flags, errors } = scanArgs(argv, VALUE_OPTIONS, FLAGS);
  const analysis = parseAnalysisOptions(raw, flags, errors);
  requireOptions(raw, ["facilities", "out"], errors);
  const travel = readTravelOptions(raw, errors);
  if (flags.has("central-thc") && flags.has("sub-centres"))
    errors.push("--central-thc 与 --sub-centres 只能选一个 / choose only one of --central-thc and --sub-centres");
  const mode: SuggestOptions["mode"] = flags.has("central-thc")
    ? "central-thc"
    : flags.has("sub-centres")
      ? "sub-centres"
      : "site";
  const city = raw.get("city") ?? "nanyang";
  const crs = raw.has("crs") ? crsOption(errors, raw.get("crs") as string) : undefined;
  // the candidates' own system (the siting trial, s55d M4: --crs gcj02 for an Amap candidate list shifted the WGS84
  // facility file too)
  const candidatesCrs = raw.has("candidates-crs")
    ? crsOption(errors, raw.get("candidates-crs") as string, "candidates-crs")
    : undefined;
  const dropRows = raw.has("drop-rows") ? dropRowsOption(errors, raw.get("drop-rows") as string) : undefined;
  const method = oneOf(errors, "method", raw.get("method") ?? "auto", METHODS);
  const num = (name: string, check: (n: number) => boolean, what: { zh: string; en: string }): number | undefined => {
    const v = raw.get(name);
    if (v === undefined) return undefined;
    const n = Number(v);
    if (v.trim() === "" || !Number.isFinite(n) || !check(n)) {
      errors.push(optionError(name, `“${v}” 不是${what.zh}`, `"${v}" is not ${what.en}`));
      return undefined;
    }
    return n;
  };
  const positive = { zh: "正数", en: "a positive number" };
  const R = SITING_RADIUS_KM;
  const radiusKm = num("radius-km", (n) => n >= R.min && n <= R.max, {
    zh: `[${R.min}, ${R.max}] 公里内的数`,
    en: `a number of km in [${R.min}, ${R.max}]`,
  });
  const minutes = num("minutes", (n) => n > 0 && n <= 240, {
    zh: "(0, 240] 内的分钟数",
    en: "a number of minutes in (0, 240]",
  });
  const add = num("add", (n) => Number.isInteger(n) && n > 0, { zh: "正整数", en: "a positive integer" });
  const targetShare = num("target-share", (n) => n > 0 && n <= 1, { zh: "(0, 1] 内的数", en: "a number in (0, 1]" });
  const gridKm = num("grid-km", (n) => n > 0, positive) ?? 2;
  const timeLimitSec = num("time-limit", (n) => n > 0, positive) ?? 30;
  const minSeparationKm = num("min-separation-km", (n) => n >= 0, { zh: "非负数", en: "a non-negative number" });
  // its range is the rule set's parameter spec, checked once the rule set is read
  const minKm = num("min-km", (n) => Number.isFinite(n), { zh: "数", en: "a number" });
  const centralCityRadiusKm = num("central-city-radius-km", (n) => Number.isFinite(n), { zh: "数", en: "a number" });
  const countySeatRadiusKm = num("county-seat-radius-km", (n) => Number.isFinite(n), { zh: "数", en: "a number" });
  const county = raw.get("county");
  if (county !== undefined && !/^\d{6}$/.test(county))
    errors.push(optionError("county", `“${county}” 不是 6 位县级代码`, `"${county}" is not a 6-digit county code`));
  let type: FacilityType | undefined;
  if (mode === "site") {
    const t = raw.get("type");
    if (t === undefined)
      errors.push(
        "缺少参数 --type（必需，如 --type ems-station）/ missing required option --type (e.g. --type ems-station)",
      );
    else {
      type = (FACILITY_TYPES as readonly string[]).includes(t) ? (t as FacilityType) : guessFacilityType("", t);
      if (!type)
        errors.push(
          optionError(
            "type",
            `未知设施类型“${t}”（可用 ${FACILITY_TYPES.join("、")}）`,
            `unknown facility type "${t}" (one of ${FACILITY_TYPES.join(", ")})`,
          ),
        );
    }
    if (raw.has("radius-km") === raw.has("minutes"))
      errors.push(
        "--radius-km 与 --minutes 必须且只能给一个 / give exactly one of --radius-km and --minutes (travel time, with --roads)",
      );
    if (raw.has("minutes") && !travel.roads) errors.push(optionError("minutes", "需要 --roads 路网", "needs --roads"));
    if (raw.has("minutes") && raw.has("demand"))
      errors.push(
        optionError(
          "demand",
          "按行车时间选址时需求为 1 km 网格（可用 --population-raster 按人口加权）",
          "with --minutes the demand is the 1 km cells (weight them by people with --population-raster)",
        ),
      );
    if (raw.has("add") === raw.has("target-share"))
      errors.push("--add 与 --target-share 必须且只能给一个 / give exactly one of --add and --target-share");
  }
  let candidatesType: FacilityType | undefined;
  const ct = raw.get("candidates-type");
  if (ct !== undefined) {
    candidatesType = (FACILITY_TYPES as readonly string[]).includes(ct)
      ? (ct as FacilityType)
      : guessFacilityType("", ct);
    if (!candidatesType)
      errors.push(optionError("candidates-type", `未知设施类型“${ct}”`, `unknown facility type "${ct}"`));
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
      "minutes",
      "roads",
      "population-raster",
    ].filter((o) => raw.has(o));
    if (mode === "sub-centres" && raw.has("radius-km")) misplaced.push("radius-km");
    for (const o of misplaced) errors.push(optionError(o, `不适用于 --${mode}`, `does not apply to --${mode}`));
  } else if (raw.has("min-km") && type !== "sub-centre")
    errors.push(
      optionError(
        "min-km",
        "仅用于 --sub-centres 或 --type sub-centre",
        "only applies to --sub-centres or --type sub-centre",
      ),
    );
  if (errors.length) throw new InputError(errors);
  return {
    ...analysis,
    mode,
    facilities: raw.get("facilities") as string,
    out: raw.get("out") as string,
    city,
    ...(crs ? { crs } : {}),
    ...(candidatesCrs ? { candidatesCrs } : {}),
    ...(raw.has("sheet") ? { sheet: raw.get("sheet") as string } : {}),
    ...(dropRows ? { dropRows } : {}),
    method,
    gridKm,
    timeLimitSec,
    ...(minKm !== undefined ? { minKm } : {}),
    ...(centralCityRadiusKm !== undefined ? { centralCityRadiusKm } : {}),
    ...(countySeatRadiusKm !== undefined ? { countySeatRadiusKm } : {}),
    ...(raw.has("rules") ? { rules: raw.get("rules") } : {}),
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
    ...(minutes !== undefined ? { minutes } : {}),
    travel,
  };
}

/**
 * Reads a facility-format file; row errors go to `errorLines`, warnings to `warnings`, the issues to `collected`.
 * Returns the good rows, the number rejected and the line saying which CRS the file was read in.
 */
async function readPoints(
  file: string,
  what: FileKind,
  opts: SuggestOptions,
  counties: CountyFeature[],
  issues: { warnings: string[]; errorLines: string[]; collected: RowIssue[] },
  divisions: Divisions | null = null,
  drop: readonly number[] = [],
  /** The workbook's sheet to read (the facility file's `--sheet`). */
  sheet?: string,
): Promise<{ facilities: Facility[]; read: Facility[]; rejected: number; crsLine: string }> {
  const r = await readFacilityFile(
    file,
    what,
    opts.crs,
    { type: "FeatureCollection", features: counties },
    issues.warnings,
    issues.errorLines,
    issues.collected,
    divisions,
    drop,
    undefined,
    sheet,
  );
  return {
    facilities: r.facilities,
    read: r.read,
    rejected: r.rejected,
    crsLine: crsLine(basename(file), r.crs, r.crsSource, r.crsName),
  };
}

/** Result of the suggest command. */
export interface SuggestResult {
  exitCode: 0 | 3;
  lines: string[];
}

/**
 * The city `--city` names, as `analyze` reads it: a plan city's id and its bundled boundaries and plans (or `--rules`,
 * `--boundaries`); any other city by id, code or Chinese name from the national index, with its shipped boundaries
 * and its plans if it has one, else the rule set of the rules the plans share (the planner trial: `suggest --city 洛阳市` was
 * refused while `analyze` took it). Unknown or ambiguous names are refused listing candidates.
 */
async function suggestPlace(
  opts: SuggestOptions,
): Promise<{ key: string; ruleSet: RuleSet; counties?: { features: CountyFeature[] }; entry?: CityEntry }> {
  if ((CITIES as readonly string[]).includes(opts.city))
    return { key: opts.city, ruleSet: loadRuleSet(opts.rules, opts.city) };
  const [entry] = selectCities(await loadChinaIndex(), { kind: "city", query: opts.city });
  const key = entry.plan ?? entry.id;
  const ruleSet = loadRuleSet(opts.rules ?? (hasLocalPlan(entry) ? undefined : NATIONAL_RULES), key);
  // --boundaries: the user's own file (read by loadCountyBoundaries), the city's rules as above
  if (opts.boundaries) return { key, ruleSet, entry };
  return { key, ruleSet, counties: await loadCityCounties(entry, readGeodata), entry };
}

/**
 * Runs `suggest` in the chosen mode: checks `--out` first, reads inputs, solves per county under the lock on DIR and
 * writes the mode's files with DIR/rejected.csv as one set.
 */
export async function runSuggest(given: SuggestOptions, hooks?: SuggestHooks): Promise<SuggestResult> {
  checkOutDir(given.out);
  const warnings: string[] = [];
  const errorLines: string[] = [];
  const collected: RowIssue[] = [];
  const issues = { warnings, errorLines, collected };
  const place = await suggestPlace(given);
  const opts: SuggestOptions = { ...given, city: place.key };
  const ruleSet = place.ruleSet;
  const urbanRadii = {
    ...(opts.centralCityRadiusKm !== undefined ? { centralCityRadiusKm: opts.centralCityRadiusKm } : {}),
    ...(opts.countySeatRadiusKm !== undefined ? { countySeatRadiusKm: opts.countySeatRadiusKm } : {}),
  };
  const bad = validateParams(
    ruleSet,
    { ...(opts.minKm !== undefined ? { subCentreMinKm: opts.minKm } : {}), urban: urbanRadii },
    opts.city,
  );
  if (bad.length) throw new InputError(bad.map((i) => optionError(PARAM_OPTIONS[i.key], i.message.zh, i.message.en)));
  const all: CountyFeature[] = place.counties
    ? place.counties.features
    : (await loadCountyBoundaries({ ...opts, city: place.key as City }, warnings)).features;
  let counties = all;
  if (opts.county !== undefined) {
    counties = all.filter((c) => c.properties.code === opts.county);
    if (counties.length === 0)
      throw new InputError([
        optionError(
          "county",
          `边界数据中没有县级代码“${opts.county}”（有 ${all.map((c) => c.properties.code).join("、")}）`,
          `county code "${opts.county}" is not in the boundary data (${all.map((c) => c.properties.code).join(", ")})`,
        ),
      ]);
  }
  // the analysis parameters siting reads: the urban area (as in analyze, report and the app, with the seat estimated
  // inside the county when the boundaries have none), the SUB-15KM distance, the SUB-COUNT reading and the EMS
  // network (own county or cross-border); the rule set's values unless given
  const extra = await analysisParams(opts);
  const params = resolveParams(
    ruleSet,
    {
      ...(opts.minKm !== undefined ? { subCentreMinKm: opts.minKm } : {}),
      ...extra,
      urban: { ...urbanRadii, ...extra.urban },
      crossBorder: opts.crossBorder === true,
    },
    all[0]?.properties.city ?? opts.city,
  );
  // township and village names matched in the city's list, as `analyze` and `report` do
  const divisions = await cityDivisions(place.entry, place.key, (place.counties ?? {}) as { codeNotes?: CodeNote[] });
  const read = await readPoints(
    opts.facilities,
    { zh: "设施文件", en: "facility file" },
    opts,
    all,
    issues,
    divisions,
    opts.dropRows,
    opts.sheet,
  );
  // another city's list is refused, naming where it lies, as `analyze` and `report` do (the planner trial, s41-b #1:
  // a 金寨县 list sited 信阳's 商城县 as if it had no station, 0.0% → 87.8%, exit 0)
  const spans = opts.boundaries
    ? []
    : await refuseWrongCity(
        opts.facilities,
        read.read,
        { type: "FeatureCollection", features: all },
        place.entry?.id ?? place.key,
        opts.county !== undefined,
      );
  const facilities = read.facilities;
  const crsLines = [read.crsLine, ...spans];
  let rejected = read.rejected;
  let candidates: CandidateSource | undefined;
  // the candidate file's rows, said on a line of their own (the siting trial, s55d L3: its refused row was counted
  // among the facility file's)
  let candidateLine: string | undefined;
  let candidateRejected = 0;
  if (opts.mode === "site" && opts.candidatesType) candidates = { kind: "type", type: opts.candidatesType };
  if (opts.mode === "site" && opts.candidates) {
    const c = await readPoints(
      opts.candidates,
      { zh: "候选点文件", en: "candidate file" },
      { ...opts, ...(opts.candidatesCrs ? { crs: opts.candidatesCrs } : {}) },
      all,
      issues,
    );
    rejected += c.rejected;
    candidateRejected = c.rejected;
    candidateLine = `${basename(opts.candidates)}: 候选点 ${c.facilities.length} 个已读入，${c.rejected} 行被拒绝 / ${counted(c.facilities.length, "candidate", "candidates")} read, ${counted(c.rejected, "row", "rows")} rejected`;
    crsLines.push(
      opts.candidatesCrs
        ? c.crsLine.replace("由 --crs 指定 / given by --crs", "由 --candidates-crs 指定 / given by --candidates-crs")
        : c.crsLine,
    );
    const list = c.facilities.map((f) => ({ id: f.id, lon: f.lon, lat: f.lat, attrs: { name: f.name } }));
    candidates = { kind: "list", candidates: list };
    const outside = list.filter((p) => !counties.some((k) => pointInPolygon(p.lon, p.lat, k.geometry)));
    if (outside.length > 0)
      warnings.push(
        `${basename(opts.candidates)}: ${outside.length} 个候选点不在所选县内，未使用 / ${counted(outside.length, "candidate lies", "candidates lie")} outside the selected counties and are not used (${outside
          .slice(0, 5)
          .map((p) => p.id)
          .join(", ")}${outside.length > 5 ? ", …" : ""})`,
      );
  }
  let population: CountyPopulation[] | undefined;
  if (opts.population) {
    const refs = all.map((c) => ({ code: c.properties.code, name: c.properties.name }));
    const pop = await readPopulation(opts.population, refs, warnings, errorLines, collected);
    rejected += pop.rejected;
    population = pop.population;
  }
  let demand: WeightedDemandPoint[] | undefined;
  if (opts.mode === "site" && opts.demand) {
    const d = readDemandFile(opts.demand, opts.crs, { type: "FeatureCollection", features: all });
    for (const l of d.errorLines) errorLines.push(l);
    for (const l of d.warnings) warnings.push(l);
    for (const i of d.issues) collected.push(i);
    rejected += d.rejected;
    demand = d.points.map((p) => ({ id: p.id, lon: p.lon, lat: p.lat, weight: p.weight ?? 1 }));
  }
  const travel =
    opts.mode === "site"
      ? await readTravelInputs(
          opts.travel ?? {},
          { type: "FeatureCollection", features: all },
          errorLines,
          collected,
          warnings,
          facilities,
        )
      : undefined;
  rejected += travel?.rejected ?? 0;
  const ctx: SuggestContext = {
    opts,
    counties,
    all,
    facilities,
    ruleSet,
    params,
    population,
    demand,
    candidates,
    hooks,
    ...(travel?.roads && opts.minutes !== undefined
      ? { travel: { roads: travel.roads, limitMinutes: opts.minutes } }
      : {}),
    ...(travel?.populationRaster ? { populationRaster: travel.populationRaster } : {}),
  };
  const body = await withOutputSet(opts.out, async () => {
    const made =
      opts.mode === "site"
        ? await runSite(ctx)
        : opts.mode === "central-thc"
          ? await runCentralThc(ctx)
          : runSubCentres(ctx);
    const files = [...made.files, rejectedFile(collected)];
    return {
      files,
      value: [
        ...made.lines,
        `${writtenLine(opts.out, files)}（${collected.length} 条问题 / ${counted(collected.length, "issue", "issues")}）`,
      ],
    };
  });
  // every error line is formatIssue's, marked "[错误 error]" (main prints those on stderr)
  const lines = issueLines(opts.out, warnings, errorLines);
  for (const l of crsLines) lines.push(l);
  // the rows of the facility, population and demand files; the candidates' and the roads' are said on their own lines
  lines.push(
    facilitiesLine(facilities.length, rejected - (travel?.rejected ?? 0) - candidateRejected, collected, "read"),
  );
  if (candidateLine) lines.push(candidateLine);
  for (const l of travel?.lines ?? []) lines.push(l);
  for (const l of body) lines.push(l);
  return { exitCode: doneExit(rejected), lines };
}
