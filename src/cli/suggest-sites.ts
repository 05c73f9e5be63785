import { basename } from "node:path";
import type { Feature, Point } from "geojson";
import {
  type AnalysisParams,
  type CandidateSource,
  type CountyFeature,
  type CountyPopulation,
  type CountySitingOutcome,
  type CountySitingPlan,
  combineCountyResults,
  counted,
  coveredPct,
  describeUrban,
  FACILITY_TYPE_LABELS,
  type Facility,
  type FacilityType,
  loadHighs,
  type PopulationRaster,
  planCountySiting,
  type RuleSet,
  type SitingObjective,
  type SitingResult,
  type SitingTravel,
  type SolveOptions,
  sitingDemandUnit,
  solveCountySiting,
  uncoveredKm2,
  type WeightedDemandPoint,
} from "../core";
import type { OutputFile } from "./output";
import type { SuggestOptions } from "./suggest";

/** Observers of a suggest run (tests compare the plans with the app's). */
export interface SuggestHooks {
  onSitingPlan?: (plan: CountySitingPlan) => void;
}

/** What a suggest mode works on: the counties to solve, every county, the inputs read and the parameters. */
export interface SuggestContext {
  opts: SuggestOptions;
  counties: CountyFeature[];
  all: CountyFeature[];
  facilities: Facility[];
  ruleSet: RuleSet;
  params: AnalysisParams;
  population?: CountyPopulation[];
  demand?: WeightedDemandPoint[];
  candidates?: CandidateSource;
  hooks?: SuggestHooks;
  /** Siting on travel time (--minutes with --roads). */
  travel?: SitingTravel;
  /** Demand as people (--population-raster). */
  populationRaster?: PopulationRaster;
}

/**
 * A covered share as a percentage to 0.1, never rounded onto 100.0 while some demand is uncovered (99.987 % reads
 * 99.9 %, as the checks and exports read it: docs/outputs.md, "Rounding").
 */
export function pct(x: number): string {
  return `${coveredPct(x, x >= 1 - 1e-12).toFixed(1)}%`;
}

export const STATUS_WORDS: Record<SitingResult["status"], { zh: string; en: string }> = {
  optimal: { zh: "最优", en: "optimal" },
  heuristic: { zh: "启发式", en: "heuristic" },
  "time-limit": { zh: "达到时限", en: "time limit" },
  infeasible: { zh: "无可行解", en: "infeasible" },
};

function round(x: number, digits = 6): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

export function pointFeature(lon: number, lat: number, properties: Record<string, unknown>): Feature<Point> {
  return { type: "Feature", geometry: { type: "Point", coordinates: [round(lon), round(lat)] }, properties };
}

/** A JSON file of an output set (pretty-printed, with a final newline). */
export function jsonFile(name: string, value: unknown): OutputFile {
  return { name, data: `${JSON.stringify(value, null, 2)}\n` };
}

/** What a suggest mode gives back: its lines for the screen and the files of its output set (not yet written). */
export interface SuggestOutput {
  lines: string[];
  files: OutputFile[];
}

/** Solver options from `--method` and `--time-limit`; HiGHS is loaded unless greedy (failure is fatal only for exact). */
export async function solveOptions(opts: SuggestOptions): Promise<SolveOptions> {
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

/**
 * New sites per county (MCLP or LSCP), solved county after county so that `--min-separation-km` holds across
 * borders; each county's problem, with the plans' constraints for sub-centres, comes from core's planCountySiting.
 * Gives suggest-report.json and suggestions.geojson.
 */
export async function runSite(ctx: SuggestContext): Promise<SuggestOutput> {
  const { opts, params } = ctx;
  const type = opts.type as FacilityType;
  // the EMS checks count their own areas (EMS-RURAL the rural area): the siting's share is of the whole county
  const ems = type === "ems-station" || type === "ems-centre" || type === "ems-dispatch";
  const rural = ems && ctx.ruleSet.rules.some((r) => r.id === "EMS-RURAL");
  // on travel time the radius is not used (the coverage is the roads'); the problem still carries a number
  const radiusKm = opts.radiusKm ?? 0;
  const requested: SitingObjective =
    opts.add !== undefined ? { kind: "mclp", k: opts.add } : { kind: "lscp", targetShare: opts.targetShare as number };
  const subCentres = type === "sub-centre";
  const solveOpts = await solveOptions(opts);
  const lines: string[] = [];
  // a rule set that states no EMS radius (南宫 002, 平顶山 001): the radius is the user's own, as the app says
  if (!ctx.travel && !ctx.ruleSet.rules.some((r) => r.kind === "radius-coverage"))
    lines.push(
      `本规则集未设急救服务半径：--radius-km ${radiusKm} 是您自己设定的假设值，不是规划的半径，选址结果不对应规划条款 / the rule set states no EMS service radius: --radius-km ${radiusKm} is your own assumption, not a radius of the plan, and the sites answer no plan clause`,
    );
  const outcomes: CountySitingOutcome[] = [];
  const perCounty: unknown[] = [];
  const chosen: SitingResult["sites"] = [];
  // candidates of a facility type are existing facilities: a site raises one, named (the planner trial, s40-a #4)
  const upgrades = ctx.candidates?.kind === "type" ? new Map(ctx.facilities.map((f) => [f.id, f.name])) : undefined;
  const upgradeOf = (id: string) => {
    const name = upgrades?.get(id);
    return name ? { upgrades: name } : {};
  };
  // a candidate list's own names (「尧山镇候选」), on the site chosen from it (the siting trial, s55d M3: 「建议急救站 S1」)
  const listed =
    ctx.candidates?.kind === "list"
      ? new Map(
          ctx.candidates.candidates.flatMap((c) =>
            typeof c.attrs?.name === "string" && c.attrs.name !== "" ? [[c.id, c.attrs.name] as const] : [],
          ),
        )
      : undefined;
  for (const county of ctx.counties) {
    const plan = planCountySiting({
      counties: ctx.all,
      county: county.properties.code,
      facilities: ctx.facilities,
      ruleSet: ctx.ruleSet,
      params,
      population: ctx.population,
      type,
      radiusKm,
      objective: requested,
      candidates: ctx.candidates ?? { kind: "grid", gridKm: opts.gridKm },
      minSeparationKm: opts.minSeparationKm,
      chosenElsewhere: [...chosen],
      demand: ctx.demand,
      ...(ctx.travel ? { travel: ctx.travel } : {}),
      ...(ctx.populationRaster ? { populationRaster: ctx.populationRaster } : {}),
    });
    ctx.hooks?.onSitingPlan?.(plan);
    if (plan.cap) lines.push(`${plan.code} ${plan.name}: ${plan.cap.note.zh} / ${plan.cap.note.en}`);
    if (plan.kind === "skip") continue;
    const built = plan.built;
    const result = await solveCountySiting(built, solveOpts);
    chosen.push(...result.sites);
    // with area demand the gains and shares are the checks' grid's (solveCountySiting), so is the county's area
    // on travel time, the check's people or area (a raster cut short of the county leaves the check on area)
    const tc = result.travelCheck;
    const totalWeight =
      result.check?.areaKm2 ??
      (tc
        ? (tc.people?.total ?? (sitingDemandUnit(built) === "km2" ? tc.areaKm2 : built.totalWeight))
        : built.totalWeight);
    outcomes.push({ code: built.code, name: built.name, result, totalWeight });
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
      // the county's total demand in its own unit: its area where the demand is area (or the checks' grid measured
      // it), else its people or weight (the trial, s44-b #7: 「areaKm2: 586033.56」 was 鲁山县's people)
      ...(result.check || sitingDemandUnit(built) === "km2"
        ? { areaKm2: totalWeight }
        : { demandTotal: totalWeight, demandUnit: sitingDemandUnit(built) }),
      existing: built.existing.map((f) => f.id),
      // the existing points counted as covering (EMS: the rule set's network, 002:201's THCs and CHCs in 南宫)
      ...(plan.network ? { existingNetwork: plan.network } : {}),
      demandPoints: built.problem.demand.length,
      candidates: built.problem.candidates.length,
      excluded: result.excluded,
      sites: result.sites.map((s) => ({
        ...s,
        county: built.code,
        ...(listed?.get(s.candidateId) ? { candidateName: listed.get(s.candidateId) } : {}),
      })),
      curve: result.curve,
      ...(result.check ? { check: result.check } : {}),
      ...(tc ? { travelCheck: tc } : {}),
      timeMs: result.timeMs,
    });
    const st = STATUS_WORDS[result.status];
    lines.push(
      `${built.code} ${built.name}: ${result.sites.length} 个新站点，全县覆盖率 ${pct(result.coveredShareBefore)} → ${pct(result.coveredShareAfter)}（${st.zh}${result.status === "optimal" ? "，就所列候选点而言" : ""}）/ ${counted(result.sites.length, "new site", "new sites")}, coverage of the whole county ${pct(result.coveredShareBefore)} → ${pct(result.coveredShareAfter)} (${st.en}${result.status === "optimal" ? " among these candidates" : ""})`,
    );
    if (plan.network) lines.push(`  ${plan.network.note.zh} / ${plan.network.note.en}`);
    if (result.check) {
      const c = result.check;
      // to 0.1 as every other share the command prints (the planner trial: 「37%」 beside 「37.0%」)
      const share = `${coveredPct(c.coveredShareBefore, c.uncoveredKm2Before <= 0).toFixed(1)}% → ${coveredPct(c.coveredShareAfter, c.uncoveredKm2After <= 0).toFixed(1)}%`;
      const gap = uncoveredKm2(c.uncoveredKm2After);
      lines.push(
        `  核查网格 ${c.cellSizeM} 米：全县覆盖率 ${share}，未覆盖 ${gap} km²${rural ? "（EMS-RURAL 只计农村地区，见 analyze）" : ""} / on the checks' ${c.cellSizeM} m grid: ${share} of the whole county, ${gap} km² uncovered${rural ? " (EMS-RURAL counts the rural area only: see analyze)" : ""}`,
      );
    }
    if (tc) lines.push(`  ${tc.note.zh} / ${tc.note.en}`);
    // fewer than k new sites: why, as the app says it (the county covered, or the gap no candidate reaches)
    if (result.fewer) lines.push(`  ${result.fewer.zh} / ${result.fewer.en}`);
    if (result.status === "infeasible" || result.status === "time-limit")
      lines.push(`  ${result.statusMessage.zh} / ${result.statusMessage.en}`);
    // on screen too, not only in the files (the re-trial)
    for (const site of result.sites) {
      const name = upgrades?.get(site.candidateId);
      if (name) lines.push(`  升级 upgrade: ${name}（${site.lon.toFixed(5)}, ${site.lat.toFixed(5)}）`);
      const own = listed?.get(site.candidateId);
      if (own) lines.push(`  候选点 candidate: ${own}（${site.lon.toFixed(5)}, ${site.lat.toFixed(5)}）`);
    }
  }
  const total = combineCountyResults(outcomes);
  const reportParams = {
    type,
    ...(ctx.travel
      ? { minutes: ctx.travel.limitMinutes, roads: basename(opts.travel?.roads as string) }
      : { radiusKm }),
    objective: requested,
    ...(subCentres
      ? {
          subCentres: {
            minKm: params.subCentreMinKm,
            subCountVariant: params.subCountVariant,
            population: opts.population ? basename(opts.population) : null,
          },
        }
      : {}),
    candidates: opts.candidates ? basename(opts.candidates) : { gridKm: opts.gridKm },
    method: opts.method,
    timeLimitSec: opts.timeLimitSec,
    ...(opts.minSeparationKm !== undefined ? { minSeparationKm: opts.minSeparationKm } : {}),
    demand: ctx.demand
      ? { points: basename(opts.demand as string), count: ctx.demand.length }
      : ctx.travel
        ? { cellSizeM: 1000, weight: ctx.populationRaster ? "people" : "area km²" }
        : { cellSizeM: params.cellSizeM, blockM: 1000, weight: ctx.populationRaster ? "people" : "area km²" },
    city: opts.city,
    ...(opts.county ? { county: opts.county } : {}),
    // which EMS network existing sites were counted on (each county's own by default) and the urban area in use
    crossBorder: params.crossBorder,
    urbanDefinition: describeUrban(params.urban),
  };
  const generatedAt = new Date().toISOString();
  const n = ctx.counties.length;
  const worst = outcomes.find((o) => o.result.status === total.status);
  const statusMessage =
    n === 1 && worst
      ? worst.result.statusMessage
      : {
          zh: `${n} 个县区分别求解，最差状态：${STATUS_WORDS[total.status].zh}${worst && total.status !== "optimal" ? `（${worst.code} ${worst.name}：${worst.result.statusMessage.zh}）` : ""}`,
          en: `${counted(n, "county", "counties")} solved separately; worst status: ${STATUS_WORDS[total.status].en}${worst && total.status !== "optimal" ? ` (${worst.code} ${worst.name}: ${worst.result.statusMessage.en})` : ""}`,
        };
  const reportFile = jsonFile("suggest-report.json", {
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
      ...(listed?.get(s.candidateId) ? { candidateName: listed.get(s.candidateId) } : {}),
      ...upgradeOf(s.candidateId),
    })),
    curve: total.curve,
    counties: perCounty,
    params: reportParams,
    generatedAt,
    timeMs: total.timeMs,
  });
  const features = total.sites.map((s, i) =>
    pointFeature(s.lon, s.lat, {
      // named as the app names an accepted suggestion (an upgrade by the centre it raises), so that the file read back
      // as a list gives named proposed sites (the CLI trial, s54b M7: five 「名称为空」 warnings)
      id: `S${i + 1}`,
      name: upgrades?.get(s.candidateId)
        ? `${upgrades.get(s.candidateId)}（升级为${FACILITY_TYPE_LABELS[type].zh}）`
        : listed?.get(s.candidateId)
          ? `${listed.get(s.candidateId)}（建议${FACILITY_TYPE_LABELS[type].zh} S${i + 1}）`
          : `建议${FACILITY_TYPE_LABELS[type].zh} S${i + 1}`,
      ...(listed?.get(s.candidateId) ? { candidateName: listed.get(s.candidateId) } : {}),
      rank: i + 1,
      gain: s.gain,
      gainShare: s.gainShare,
      county: s.county,
      countyName: s.countyName,
      candidateId: s.candidateId,
      ...upgradeOf(s.candidateId),
      type,
      proposed: true,
    }),
  );
  const suggestionsFile = jsonFile("suggestions.geojson", {
    type: "FeatureCollection",
    params: reportParams,
    status: total.status,
    generatedAt,
    features,
  });
  if (n > 1)
    lines.push(
      `合计 total: ${total.sites.length} 个新站点 / ${counted(total.sites.length, "new site", "new sites")}，覆盖率 coverage ${pct(total.coveredShareBefore)} → ${pct(total.coveredShareAfter)}（${STATUS_WORDS[total.status].zh} / ${STATUS_WORDS[total.status].en}）`,
    );
  return { lines, files: [suggestionsFile, reportFile] };
}
