import { applySite, siteCells } from "../coverage/cover-counts";
import { areaScale, coverageStats } from "../coverage/coverage-stats";
import type { CountyGrid } from "../coverage/types";
import type { LocalizedText } from "../model";
import { counted } from "../plural";
import { uncoveredKm2 } from "../report/rounding";
import { SITING_TRAVEL_CHECK, type TravelCheckFigures } from "../rules/messages";
import { sharedNetwork } from "../rules/travel";
import { computeTravelTime } from "../travel/field";
import { travelTimeSummary } from "../travel/summary";
import type { RoadNetwork, TravelSite } from "../travel/types";
import { geodesicKm } from "./distance";
import { pct } from "./feasibility";
import type { CountySitingProblem } from "./plan";
import { type SolveOptions, solveSiting } from "./solve";
import type { Candidate, DemandPoint, SitingObjective, SitingProblem, SitingResult, SitingSite } from "./types";

/**
 * Coverage of the sited county measured as the checks measure it: on the county's coverage grid (the same cells as
 * the EMS radius checks, default 250 m), a cell covered when its centre lies within the radius (geodesic,
 * inclusive) of an existing or new site. Areas in km², shares in 0..1.
 */
export interface GridCheck {
  cellSizeM: number;
  areaKm2: number;
  coveredShareBefore: number;
  coveredShareAfter: number;
  uncoveredKm2Before: number;
  uncoveredKm2After: number;
  /** Whether the objective's target (LSCP) holds on the grid; always true for MCLP. */
  targetMet: boolean;
  /** Re-solves with the grid's uncovered cells added as demand (LSCP to 100 %, MCLP with fewer than k sites). */
  refinements: number;
  /**
   * Sites added greedily on the grid after the solver, to reach the target (LSCP) or towards k sites while part of
   * the county is uncovered (MCLP); `sites` lists them with the rest.
   */
  toppedUp: number;
}

/**
 * What a siting's demand weights (and so each site's `gain`) count: "km2" of the county's area, "people" from a
 * population raster, or "weight" of the user's own demand points.
 */
export type SitingDemandUnit = "km2" | "people" | "weight";

/** The unit of a built problem's demand weights. */
export function sitingDemandUnit(built: Pick<CountySitingProblem, "demandKind" | "peopleWeighted">): SitingDemandUnit {
  if (built.demandKind === "people" || built.peopleWeighted) return "people";
  return built.demandKind === "points" ? "weight" : "km2";
}

/**
 * A travel-time siting measured as the EMS-TIME check measures it: on the county's coverage grid (default 250 m),
 * times on the roads from the existing EMS points, and from them and the new sites, over area or people as the check
 * weights them. The solver's 1 km cells and the check's grid can differ by a few points (the re-trial, s44: 石龙区
 * 「100.0 %」 on the blocks where the check measured 99.8 %), and the rule judges the mean, which the blocks do not
 * give. Shares in 0..1, areas in km².
 */
export interface TravelCheck extends TravelCheckFigures {
  areaKm2: number;
  beyondKm2Before: number;
  beyondKm2After: number;
  /** People of the county and beyond the limit, where weighted by people. */
  people?: { total: number; beyondBefore: number; beyondAfter: number };
  /** Whether the objective's target share (LSCP) holds on the check's grid; always true for MCLP. */
  targetMet: boolean;
  /** The figures in a sentence, as the app and the CLI say them. */
  note: LocalizedText;
}

/**
 * A county's siting result with what its demand counts (`demandUnit`) and its coverage measured on the checks'
 * grid: `check` for area demand (radius), `travelCheck` for travel time.
 */
export type CountySitingResult = SitingResult & {
  check?: GridCheck;
  travelCheck?: TravelCheck;
  demandUnit: SitingDemandUnit;
  /**
   * "k new sites" (MCLP) that chose fewer than k: why, in a sentence the app and the CLI say (the county covered, or
   * the gap left on the checks' grid that no allowed candidate reaches, with its area). Absent otherwise.
   */
  fewer?: LocalizedText;
};

/** Refinement rounds before the greedy top-up. */
const MAX_REFINEMENTS = 3;
const EPS = 1e-12;

interface GridCounts {
  counts: Uint16Array;
  share: number;
  uncoveredKm2: number;
  coveredKm2: number;
}

function measure(grid: CountyGrid, sites: ReadonlyArray<{ id: string; lon: number; lat: number }>, radiusKm: number) {
  const counts = new Uint16Array(grid.width * grid.height);
  for (const s of sites) applySite(grid, counts, { id: s.id, lon: s.lon, lat: s.lat, radiusKm }, 1);
  return stats(grid, counts);
}

function stats(grid: CountyGrid, counts: Uint16Array): GridCounts {
  const s = coverageStats(grid, counts);
  return { counts, share: s.coveredShare, uncoveredKm2: s.uncoveredKm2, coveredKm2: s.coveredKm2 };
}

/** Centres of the inside cells no site covers, as demand points weighted by their area (km²). */
function uncoveredCells(grid: CountyGrid, counts: Uint16Array): DemandPoint[] {
  const out: DemandPoint[] = [];
  const { width, originX, originY, cellSizeM: c } = grid;
  for (let k = 0; k < grid.inside.length; k++) {
    if (!grid.inside[k] || counts[k] > 0) continue;
    const i = k % width;
    const j = (k - i) / width;
    const [lon, lat] = grid.projection.inverse(originX + (i + 0.5) * c, originY + (j + 0.5) * c);
    const area = typeof grid.cellAreaKm2 === "number" ? grid.cellAreaKm2 : grid.cellAreaKm2[k];
    out.push({ id: `${grid.code}-cell${k}`, lon, lat, weight: area });
  }
  return out;
}

/** Candidates a further site may use: allowed by the problem's exclusion, separation and per-county maximum. */
function openCandidates(p: SitingProblem, chosen: readonly SitingSite[]): Candidate[] {
  const cons = p.constraints ?? {};
  const taken = new Set(chosen.map((s) => s.candidateId));
  const perCounty = new Map<string, number>();
  const countyOf = new Map(p.candidates.map((c) => [c.id, c.county]));
  for (const s of chosen) {
    const code = countyOf.get(s.candidateId);
    if (code) perCounty.set(code, (perCounty.get(code) ?? 0) + 1);
  }
  const sep = cons.minSeparationKm ?? 0;
  return p.candidates.filter((c) => {
    if (taken.has(c.id) || cons.exclude?.(c)) return false;
    const max = c.county ? cons.perCountyMax?.[c.county] : undefined;
    if (max !== undefined && (perCounty.get(c.county as string) ?? 0) >= max) return false;
    return sep <= 0 || chosen.every((s) => geodesicKm(c.lon, c.lat, s.lon, s.lat) >= sep);
  });
}

/**
 * Adds sites one at a time, each the open candidate covering the most uncovered grid area, until the target share
 * holds on the grid, `maxSites` new sites are chosen, or no candidate covers any more of it.
 */
function topUp(
  built: CountySitingProblem,
  result: SitingResult,
  current: GridCounts,
  target: number,
  maxSites: number,
): { sites: SitingSite[]; grid: GridCounts } {
  const { grid, problem } = built;
  const r = problem.radiusKm;
  const sites = [...result.sites];
  let now = current;
  while (now.share < target - EPS && sites.length < maxSites) {
    const open = openCandidates(problem, sites);
    let best: { c: Candidate; cells: number } | null = null;
    for (const c of open) {
      let gain = 0;
      for (const k of siteCells(grid, { id: c.id, lon: c.lon, lat: c.lat, radiusKm: r }))
        if (grid.inside[k] && now.counts[k] === 0) gain++;
      if (gain > 0 && (!best || gain > best.cells)) best = { c, cells: gain };
    }
    if (!best) break;
    const counts = now.counts.slice();
    applySite(grid, counts, { id: best.c.id, lon: best.c.lon, lat: best.c.lat, radiusKm: r }, 1);
    const next = stats(grid, counts);
    const gain = next.coveredKm2 - now.coveredKm2;
    sites.push({
      candidateId: best.c.id,
      lon: best.c.lon,
      lat: best.c.lat,
      gain,
      gainShare: grid.areaKm2 > 0 ? gain / grid.areaKm2 : 0,
    });
    now = next;
  }
  return { sites, grid: now };
}

/**
 * Closes the gap the checks' grid shows and the solver's 1 km blocks do not, for both objectives alike: for "fewest
 * sites for a target share" (LSCP) while the share falls short of the target, for "k new sites" (MCLP) while fewer than
 * k are chosen and part of the county is still uncovered. The grid's uncovered cells join the demand and the problem
 * is solved again (targets of 100 % and MCLP, up to {@link MAX_REFINEMENTS} rounds; an MCLP re-solve is kept only when
 * it covers more of the grid), then the open candidates covering the most uncovered grid area are added one at a time
 * (MCLP: up to k sites in all). `measureSites` measures existing plus new sites on the grid.
 */
async function closeGridGap(
  built: CountySitingProblem,
  start: SitingResult,
  startGrid: GridCounts,
  opts: SolveOptions,
  measureSites: (sites: readonly SitingSite[]) => GridCounts,
): Promise<{ result: SitingResult; after: GridCounts; refinements: number; toppedUp: number }> {
  const { grid, problem } = built;
  const objective = problem.objective;
  // MCLP: every cell of the county, with no more than k new sites
  const target = objective.kind === "lscp" ? objective.targetShare : 1;
  const maxSites = objective.kind === "mclp" ? objective.k : Number.POSITIVE_INFINITY;
  const short = (r: SitingResult, a: GridCounts) => a.share < target - EPS && r.sites.length < maxSites;
  let result = start;
  let after = startGrid;
  let refinements = 0;
  let extra: DemandPoint[] = [];
  while (short(result, after) && target >= 1 - EPS && refinements < MAX_REFINEMENTS) {
    refinements++;
    extra = [...extra, ...uncoveredCells(grid, after.counts)];
    const again = await solveSiting({ ...problem, demand: [...problem.demand, ...extra] }, opts);
    if (again.status === "infeasible") break;
    const next = measureSites(again.sites);
    // k sites weighing the gap cells twice (in their blocks and as cells) are kept only if the grid gains by them
    if (objective.kind === "mclp" && next.share <= after.share + EPS) break;
    result = { ...again, timeMs: result.timeMs + again.timeMs };
    after = next;
  }
  let toppedUp = 0;
  if (short(result, after)) {
    const up = topUp(built, result, after, target, maxSites);
    toppedUp = up.sites.length - result.sites.length;
    after = up.grid;
    result = withSites(result, up.sites, toppedUp, objective.kind);
  }
  return { result, after, refinements, toppedUp };
}

/**
 * Why "k new sites" (MCLP) chose fewer than k, as {@link CountySitingResult}'s `fewer`; nothing for LSCP or k sites.
 * `gapKm2`, the county's area still uncovered on the checks' grid (area demand): none left says the county is covered,
 * some says that no allowed candidate reaches it, with its area. Without it (points, people, travel time) the sentence
 * says no other candidate adds coverage.
 */
function fewerNote(result: SitingResult, objective: SitingObjective, gapKm2?: number): { fewer?: LocalizedText } {
  if (objective.kind !== "mclp" || result.sites.length >= objective.k) return {};
  const n = result.sites.length;
  const k = objective.k;
  // none at all in words, not 「Only 0 new sites chosen」 (the trial, s51 #5)
  const head = {
    zh: n === 0 ? `未选出新站点（要求 ${k} 个）` : `只选出 ${n} 个新站点（要求 ${k} 个）`,
    en:
      n === 0
        ? `No new site chosen (${k} asked for)`
        : `Only ${counted(n, "new site", "new sites")} chosen (${k} asked for)`,
  };
  if (gapKm2 === undefined)
    return {
      fewer: {
        zh: `${head.zh}：其余候选点都不再增加覆盖（或离已选站点太近），故未列出。`,
        en: `${head.en}: no other candidate adds coverage (or it lies too near a chosen one), so none is listed.`,
      },
    };
  if (gapKm2 <= 0)
    return {
      fewer: {
        zh: `${head.zh}：全县已全部覆盖，无需更多站点。`,
        en: `${head.en}: the whole county is covered, no more sites are needed.`,
      },
    };
  const km2 = uncoveredKm2(gapKm2).toFixed(1);
  return {
    fewer: {
      zh: `${head.zh}：余下 ${km2} km² 的缺口不在任何可用候选点的服务半径内（或离已选站点太近），故未列出更多站点。`,
      en: `${head.en}: the ${km2} km² still uncovered is beyond the radius of every allowed candidate (or too near a chosen site), so no more are listed.`,
    },
  };
}

/**
 * Solves a county's siting problem (see planCountySiting) so that what the solver claims, the checks confirm. With
 * area demand the solver works on 1 km blocks; its answer is then measured on the checks' grid. For "fewest sites
 * for a target share" (LSCP) that falls short there, and for "k new sites" (MCLP) that chose fewer than k while part
 * of the county is uncovered there, the grid's uncovered cells join the demand and the problem is solved again (100 %
 * targets and MCLP, up to three rounds), and any remaining gap is closed greedily with the open candidates covering
 * the most uncovered grid area (MCLP: up to k sites), the same top-up for both ({@link closeGridGap}); an MCLP with
 * fewer than k sites says why in `fewer`. The result carries the grid measure in `check`, and its sites,
 * their gains, the curve and the before/after shares are the grid's too (see onGrid), so the listed gains add up to
 * the change in uncovered km² the checks report; with imported demand points, which the checks and the solver
 * measure alike, it is the solver's result.
 */
export async function solveCountySiting(built: CountySitingProblem, opts: SolveOptions): Promise<CountySitingResult> {
  let result = await solveSiting(built.problem, opts);
  const demandUnit = sitingDemandUnit(built);
  if (built.travelCheck) {
    const travel = travelOnGrid(built, result, built.travelCheck);
    return { ...travel, demandUnit, ...fewerNote(travel, built.problem.objective) };
  }
  if (built.demandKind !== "area") return { ...result, demandUnit, ...fewerNote(result, built.problem.objective) };
  const { grid, problem } = built;
  const existing = problem.existing.map((e) => ({ id: e.id, lon: e.lon, lat: e.lat }));
  const before = measure(grid, existing, problem.radiusKm);
  const siteList = (sites: readonly SitingSite[]) => [
    ...existing,
    ...sites.map((s) => ({ id: `new:${s.candidateId}`, lon: s.lon, lat: s.lat })),
  ];
  let after = measure(grid, siteList(result.sites), problem.radiusKm);
  const objective = problem.objective;
  const target = objective.kind === "lscp" ? objective.targetShare : 0;
  let refinements = 0;
  let toppedUp = 0;
  if (result.status !== "infeasible") {
    const closed = await closeGridGap(built, result, after, opts, (sites) =>
      measure(grid, siteList(sites), problem.radiusKm),
    );
    ({ result, after, refinements, toppedUp } = closed);
  }
  // the sites, their gains and the curve as the checks measure them (the solver's are on its 1 km blocks); the status
  // line's share too, which said the blocks' (the re-trial: 「新增覆盖 33.6%」 over sites adding 33.7 %)
  const blocksGain = pct(result.coveredShareAfter - result.coveredShareBefore);
  result = { ...result, ...onGrid(grid, before, result.sites, problem.radiusKm) };
  const gridGain = pct(result.sites.reduce((s, x) => s + x.gainShare, 0));
  if (blocksGain !== gridGain)
    result = { ...result, statusMessage: withShare(result.statusMessage, blocksGain, gridGain) };
  const targetMet = objective.kind === "mclp" || after.share >= target - EPS;
  // a shortfall only the grid shows is said so; the solver's own infeasibility keeps its reason
  if (!targetMet && result.status !== "infeasible")
    result = { ...result, status: "infeasible", statusMessage: shortfall(target, after.share, grid) };
  return {
    ...result,
    demandUnit,
    ...fewerNote(result, objective, after.uncoveredKm2),
    check: {
      cellSizeM: grid.cellSizeM,
      areaKm2: grid.areaKm2,
      coveredShareBefore: before.share,
      coveredShareAfter: after.share,
      uncoveredKm2Before: before.uncoveredKm2,
      uncoveredKm2After: after.uncoveredKm2,
      targetMet,
      refinements,
      toppedUp,
    },
  };
}

/**
 * The sites re-measured on the checks' grid, in the order a planner reads them: each next the one that adds the most
 * still-uncovered grid area to the existing sites and those listed before it, its gain that added area (km²). So the
 * listed gains add up to the fall in uncovered km² the check reports, and (coverage being submodular) they do not
 * grow down the list; the curve follows the same cumulative shares.
 */
function onGrid(
  grid: CountyGrid,
  before: GridCounts,
  sites: readonly SitingSite[],
  radiusKm: number,
): Pick<SitingResult, "sites" | "curve" | "coveredShareBefore" | "coveredShareAfter"> {
  const cells = sites.map((s) => siteCells(grid, { id: s.candidateId, lon: s.lon, lat: s.lat, radiusKm }));
  const area = grid.cellAreaKm2;
  const cellArea = (k: number) => (typeof area === "number" ? area : area[k]);
  const left = sites.map((_, i) => i);
  const out: SitingSite[] = [];
  const curve = [{ k: 0, coveredShare: before.share }];
  let now = before;
  while (left.length > 0) {
    let best = 0;
    let bestAdd = -1;
    for (let u = 0; u < left.length; u++) {
      let add = 0;
      for (const k of cells[left[u]]) if (grid.inside[k] && now.counts[k] === 0) add += cellArea(k);
      if (add > bestAdd + EPS) {
        bestAdd = add;
        best = u;
      }
    }
    const i = left.splice(best, 1)[0];
    const site = sites[i];
    const counts = now.counts.slice();
    applySite(grid, counts, { id: site.candidateId, lon: site.lon, lat: site.lat, radiusKm }, 1);
    const next = stats(grid, counts);
    const gain = next.coveredKm2 - now.coveredKm2;
    out.push({ ...site, gain, gainShare: grid.areaKm2 > 0 ? gain / grid.areaKm2 : 0 });
    curve.push({ k: out.length, coveredShare: next.share });
    now = next;
  }
  return { sites: out, curve, coveredShareBefore: before.share, coveredShareAfter: now.share };
}

/**
 * The result with the topped-up sites appended: the site count (LSCP) or the weight covered (MCLP), curve and status
 * message follow.
 */
function withSites(
  result: SitingResult,
  sites: SitingSite[],
  added: number,
  kind: SitingObjective["kind"],
): SitingResult {
  if (added === 0) return result;
  const curve = [...result.curve];
  let share = curve[curve.length - 1]?.coveredShare ?? result.coveredShareAfter;
  for (let k = result.sites.length; k < sites.length; k++) {
    share += sites[k].gainShare;
    curve.push({ k: k + 1, coveredShare: Math.min(1, share) });
  }
  return {
    ...result,
    sites,
    curve,
    objective:
      kind === "lscp"
        ? sites.length
        : result.objective + sites.slice(result.sites.length).reduce((s, x) => s + x.gain, 0),
    coveredShareAfter: Math.min(1, share),
    statusMessage:
      kind === "lscp"
        ? {
            zh: `${result.statusMessage.zh}；按核查网格补充 ${added} 个站点后达到目标`,
            en: `${result.statusMessage.en}; ${added} site(s) added so that the checks' grid reaches the target`,
          }
        : {
            zh: `${result.statusMessage.zh}；按核查网格补充 ${added} 个站点覆盖余下缺口`,
            en: `${result.statusMessage.en}; ${added} site(s) added for the gap left on the checks' grid`,
          },
  };
}

function shortfall(target: number, share: number, grid: CountyGrid): { zh: string; en: string } {
  const floorPct = (x: number) => `${(Math.floor(x * 1000) / 10).toFixed(1)}%`;
  return {
    zh: `按核查网格（${grid.cellSizeM} 米）只能覆盖 ${floorPct(share)}，达不到目标 ${floorPct(target)}：余下的格网不在任何可用候选点的服务半径内`,
    en: `on the checks' ${grid.cellSizeM} m grid at most ${floorPct(share)} is covered, short of the ${floorPct(target)} target: the remaining cells are beyond the radius of every allowed candidate`,
  };
}

/** A status message with the solver's share (`from`, as {@link pct} writes it) said as the grid's (`to`), where it is said once. */
function withShare(m: { zh: string; en: string }, from: string, to: string): { zh: string; en: string } {
  const once = (text: string) => (text.split(from).length === 2 ? text.replace(from, to) : text);
  return { zh: once(m.zh), en: once(m.en) };
}

/** Minutes from the sites to every cell of the network's grid (Infinity everywhere with no site). */
function minutesFrom(network: RoadNetwork, sites: ReadonlyArray<TravelSite>): Float32Array {
  if (sites.length === 0) return new Float32Array(network.grid.width * network.grid.height).fill(Infinity);
  return computeTravelTime(network, sites).minutes;
}

/**
 * A travel-time siting re-measured on the checks' grid ({@link TravelCheck}): the times from the existing points
 * and each new site on the same network as EMS-TIME's, the sites listed in the order a planner reads them (each next
 * the one bringing the most area, or people, within the limit to those before it, its gain what it brings), the curve
 * and the before/after shares the check's, and the status line's share said as the grid's. A target share (LSCP)
 * the grid does not reach is said in the status line, with what to do.
 */
function travelOnGrid(
  built: CountySitingProblem,
  solved: SitingResult,
  tc: NonNullable<CountySitingProblem["travelCheck"]>,
): SitingResult & { travelCheck: TravelCheck } {
  const { grid, problem } = built;
  const { network } = sharedNetwork(grid, tc.roads).built;
  const limit = tc.limitMinutes;
  const pop = tc.population;
  const scale = areaScale(grid);
  const area = grid.cellAreaKm2;
  const weight = (k: number) => (pop ? pop[k] : (typeof area === "number" ? area : area[k]) * scale);
  const existing = problem.existing.map((e) => ({ id: e.id, lon: e.lon, lat: e.lat }));
  const before = minutesFrom(network, existing);
  const summaryOf = (m: ArrayLike<number>) =>
    travelTimeSummary(grid, m, { limitMinutes: limit, ...(pop ? { population: pop } : {}) });
  const first = summaryOf(before);
  const total = pop ? (first.population?.total ?? 0) : first.areaKm2;
  const fields = solved.sites.map((s) =>
    minutesFrom(network, [{ id: `new:${s.candidateId}`, lon: s.lon, lat: s.lat }]),
  );
  const now = before.slice();
  const left = solved.sites.map((_, i) => i);
  const sites: SitingSite[] = [];
  const curve = [{ k: 0, coveredShare: first.shareWithinLimit }];
  let within = total * first.shareWithinLimit;
  while (left.length > 0) {
    let best = 0;
    let bestAdd = -1;
    for (let u = 0; u < left.length; u++) {
      const f = fields[left[u]];
      let add = 0;
      for (let k = 0; k < now.length; k++) if (grid.inside[k] && now[k] > limit && f[k] <= limit) add += weight(k);
      if (add > bestAdd + EPS) {
        bestAdd = add;
        best = u;
      }
    }
    const i = left.splice(best, 1)[0];
    const f = fields[i];
    for (let k = 0; k < now.length; k++) if (f[k] < now[k]) now[k] = f[k];
    within += bestAdd;
    sites.push({ ...solved.sites[i], gain: bestAdd, gainShare: total > 0 ? bestAdd / total : 0 });
    curve.push({ k: sites.length, coveredShare: total > 0 ? Math.min(1, within / total) : 0 });
  }
  const last = summaryOf(now);
  const target = problem.objective.kind === "lscp" ? problem.objective.targetShare : 0;
  const targetMet = problem.objective.kind === "mclp" || last.shareWithinLimit >= target - EPS;
  const blocksGain = pct(solved.coveredShareAfter - solved.coveredShareBefore);
  const gridGain = pct(last.shareWithinLimit - first.shareWithinLimit);
  let statusMessage =
    blocksGain !== gridGain ? withShare(solved.statusMessage, blocksGain, gridGain) : solved.statusMessage;
  if (!targetMet && solved.status !== "infeasible") statusMessage = travelShortfall(statusMessage, target, last, grid);
  return {
    ...solved,
    statusMessage,
    sites,
    curve,
    coveredShareBefore: first.shareWithinLimit,
    coveredShareAfter: last.shareWithinLimit,
    travelCheck: withNote({
      cellSizeM: grid.cellSizeM,
      limitMinutes: limit,
      weighting: pop ? "population" : "area",
      meanMinutesBefore: first.meanMinutes,
      meanMinutesAfter: last.meanMinutes,
      shareWithinBefore: first.shareWithinLimit,
      shareWithinAfter: last.shareWithinLimit,
      areaKm2: first.areaKm2,
      beyondKm2Before: first.beyondKm2,
      beyondKm2After: last.beyondKm2,
      ...(first.population && last.population
        ? {
            people: {
              total: first.population.total,
              beyondBefore: first.population.beyond,
              beyondAfter: last.population.beyond,
            },
          }
        : {}),
      targetMet,
    }),
  };
}

function withNote(c: Omit<TravelCheck, "note">): TravelCheck {
  return { ...c, note: SITING_TRAVEL_CHECK.line(c) };
}

/** The status line of a travel-time siting whose target the check's grid does not reach, with what to do. */
function travelShortfall(
  m: { zh: string; en: string },
  target: number,
  last: { shareWithinLimit: number },
  grid: CountyGrid,
): { zh: string; en: string } {
  const floorPct = (x: number) => `${(Math.floor(x * 1000) / 10).toFixed(1)}%`;
  const got = floorPct(last.shareWithinLimit);
  const want = floorPct(target);
  return {
    zh: `${m.zh}；按核查网格（${grid.cellSizeM} 米）只达到 ${got}，未达目标 ${want}（求解按 1 公里格网）：可加密候选点或再增站点`,
    en: `${m.en}; on the checks' ${grid.cellSizeM} m grid only ${got} is reached, short of the ${want} target (the solver works on 1 km cells): use a finer candidate grid or add sites`,
  };
}
