import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import geographiclib from "geographiclib-geodesic";
import type { FeatureCollection, MultiPolygon, Polygon } from "geojson";
import { afterAll, describe, expect, it } from "vitest";
import { parseSuggestArgs, runSuggest } from "../../src/cli/suggest";
import {
  type CountyPopulation,
  type CountyProps,
  type CountySitingPlan,
  describeSitingProblem,
  type Facility,
  loadHighs,
  parsePopulationTable,
  RuleSetSchema,
  type WeightedDemandPoint,
} from "../../src/core";
import { createAnalysisApi, type SuggestRequest } from "../../src/worker/api";
import { suggestSitesOn } from "../../src/worker/siting";

/**
 * The app (its worker's functions, called here in Node) and the CLI (runSuggest, in process) must build the same
 * siting problem for the same county and inputs: one core entry builds both. The problems are compared as plain
 * data, the exclusion predicate evaluated on every candidate.
 */

const root = resolve(import.meta.dirname, "../..");
const fixtures = join(root, "test/fixtures/cli");
const twoCounties = join(root, "test/fixtures/rules/two-counties.geojson");
const nanyangCounties = join(root, "geodata/counties-nanyang.geojson");
const scenario = join(root, "geodata/scenario-nanyang.geojson");
const ruleSet = RuleSetSchema.parse(JSON.parse(readFileSync(join(root, "seeds/ruleset-nanyang.json"), "utf8")));
const work = mkdtempSync(join(tmpdir(), "siting-agreement-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const geod = geographiclib.Geodesic.WGS84;
function km(lon1: number, lat1: number, lon2: number, lat2: number): number {
  return (geod.Inverse(lat1, lon1, lat2, lon2).s12 as number) / 1000;
}

type Counties = FeatureCollection<Polygon | MultiPolygon, CountyProps>;
const readCounties = (file: string) => JSON.parse(readFileSync(file, "utf8")) as Counties;

interface Inputs {
  boundaries: string;
  /** Another city's rule set (default Nanyang's); the CLI is given the city by `--city`. */
  ruleSet?: typeof ruleSet;
  facilities: string;
  population?: string;
  demand?: string;
  candidates?: string;
}

/** The app's path: parse the files as the worker does, load, then suggest (greedy: no wasm needed). */
async function appPlan(inputs: Inputs, req: Omit<SuggestRequest, "method" | "timeLimitSec">) {
  const plans: CountySitingPlan[] = [];
  const api = createAnalysisApi({ loadHighs: () => loadHighs() });
  const counties = readCounties(inputs.boundaries);
  const refs = counties.features.map((f) => ({ code: f.properties.code, name: f.properties.name }));
  const parse = async (file: string) =>
    (
      await api.parseFacilities(new Uint8Array(readFileSync(file)), basename(file), {
        counties: refs,
        boundaries: counties,
      })
    ).facilities;
  const facilities: Facility[] = await parse(inputs.facilities);
  let population: CountyPopulation[] | undefined;
  if (inputs.population)
    population = (
      await parsePopulationTable(new Uint8Array(readFileSync(inputs.population)), basename(inputs.population), {
        counties: refs,
      })
    ).population as CountyPopulation[];
  let demand: WeightedDemandPoint[] | undefined;
  if (inputs.demand)
    demand = api.parseDemand(new Uint8Array(readFileSync(inputs.demand)), basename(inputs.demand)).points;
  api.load({ counties, facilities, ruleSet: inputs.ruleSet ?? ruleSet, population, ...(demand ? { demand } : {}) });
  const candidates = inputs.candidates
    ? (await parse(inputs.candidates)).map((f) => ({ id: f.id, lon: f.lon, lat: f.lat, attrs: { name: f.name } }))
    : undefined;
  // as the app runs it: the analysis worker's snapshot, cloned as a message to the siting worker is, solved there
  const state = structuredClone(api.sitingState());
  const result = await suggestSitesOn(
    state,
    { ...req, ...(candidates ? { candidates } : {}), method: "greedy", timeLimitSec: 5 },
    { loadHighs: () => loadHighs(), onSitingPlan: (p) => plans.push(p) },
  );
  return { plan: plans[0], result };
}

/** The CLI's path: the same files as options, run in process. */
async function cliPlan(inputs: Inputs, args: string[]) {
  const plans: CountySitingPlan[] = [];
  const opts = parseSuggestArgs([
    "--facilities",
    inputs.facilities,
    ...(inputs.boundaries === nanyangCounties || inputs.ruleSet ? [] : ["--boundaries", inputs.boundaries]),
    ...(inputs.population ? ["--population", inputs.population] : []),
    ...(inputs.demand ? ["--demand", inputs.demand] : []),
    ...(inputs.candidates ? ["--candidates", inputs.candidates] : []),
    "--method",
    "greedy",
    "--out",
    mkdtempSync(join(work, "out-")),
    ...args,
  ]);
  const r = await runSuggest(opts, { onSitingPlan: (p) => plans.push(p) });
  expect(r.exitCode).toBe(0);
  return plans;
}

function problemOf(plan: CountySitingPlan | undefined) {
  if (plan?.kind !== "problem") throw new Error(`expected a problem, got ${JSON.stringify(plan)}`);
  return { plan, digest: describeSitingProblem(plan.built.problem) };
}

describe("the app's worker and the CLI build the same siting problem", () => {
  it("sub-centres in a county without a county medical centre: SUB-15KM measures from its people's hospital", async () => {
    // 甲县 990001 has no county medical centre here; its people's hospital stands 14 km west of the seat
    const facilities = join(work, "no-cmc.csv");
    writeFileSync(
      facilities,
      [
        "id,name,type,lon,lat,county,grade,ownership,beds",
        "h1,甲县人民医院,hospital,112.10,33.0,990001,3A,public,800",
        "s1,甲县某次中心,sub-centre,112.25,33.15,990001,,public,",
        "e1,甲县急救站一,ems-station,112.2,33.05,990001,,public,",
        "b1,乙区急救中心,ems-centre,112.75,33.0,990002,,public,",
      ].join("\n"),
    );
    const population = join(work, "pop.csv");
    writeFileSync(population, "code,population\n990001,600000\n990002,300000\n");
    const inputs = { boundaries: twoCounties, facilities, population };
    const app = await appPlan(inputs, {
      county: "990001",
      type: "sub-centre",
      radiusKm: 8,
      objective: { kind: "mclp", k: 4 },
      gridKm: 2,
    });
    const cli = await cliPlan(inputs, [
      "--county",
      "990001",
      "--type",
      "sub-centre",
      "--radius-km",
      "8",
      "--add",
      "4",
      "--grid-km",
      "2",
    ]);
    const a = problemOf(app.plan);
    const c = problemOf(cli[0]);
    expect(c.digest).toEqual(a.digest);
    expect(c.plan.reference).toEqual(a.plan.reference);
    expect(a.plan.reference).toMatchObject({ kind: "peoples-hospital", facilityId: "h1", lon: 112.1, lat: 33.0 });
    // SUB-COUNT: 600,000 residents → 2–3 (003:213), one public sub-centre exists → at most 2 new, asked 4
    expect(a.digest.objective).toEqual({ kind: "mclp", k: 2 });
    expect(a.digest.constraints.perCountyMax).toEqual({ "990001": 2 });
    expect(app.result.sites.length).toBeLessThanOrEqual(2);
    // the exclusion, against geographiclib: within 15 km of the hospital or in the urban area, the county seat's
    // built-up disc of √(12.6 km² / π) = 2.0 km (19,500 km² over 1,544 county seats, docs/rules.md §2)
    const excluded = new Set(a.digest.excluded.map((e) => e.candidateId));
    expect(excluded.size).toBeGreaterThan(0);
    expect(excluded.size).toBeLessThan(a.digest.candidates.length);
    for (const cand of a.digest.candidates) {
      const dRef = km(cand.lon, cand.lat, 112.1, 33.0);
      const dSeat = km(cand.lon, cand.lat, 112.25, 33.0);
      if (Math.abs(dRef - 15) < 1e-6 || Math.abs(dSeat - 2) < 1e-6) continue;
      expect(excluded.has(cand.id)).toBe(dRef < 15 || dSeat <= 2);
    }
  });

  it("upgrades in Nanyang (central THCs of 西峡县 to sub-centres) with weighted demand points", async () => {
    const demand = join(work, "villages.csv");
    const scen = JSON.parse(readFileSync(scenario, "utf8")).features as Array<{
      properties: { id: string; type: string; county: string };
      geometry: { coordinates: [number, number] };
    }>;
    // the county's village clinics stand in for its villages, weighted 100–990
    const villages = scen.filter((f) => f.properties.type === "village-clinic" && f.properties.county === "411323");
    writeFileSync(
      demand,
      `id,lon,lat,weight\n${villages.map((f, i) => `${f.properties.id},${f.geometry.coordinates.join(",")},${100 + ((i * 37) % 900)}`).join("\n")}\n`,
    );
    const inputs = {
      boundaries: nanyangCounties,
      facilities: scenario,
      demand,
      population: join(fixtures, "suggest-population.csv"),
    };
    const app = await appPlan(inputs, {
      county: "411323",
      type: "sub-centre",
      radiusKm: 10,
      objective: { kind: "mclp", k: 3 },
      gridKm: 2,
      candidatesType: "central-thc",
    });
    const cli = await cliPlan(inputs, [
      "--county",
      "411323",
      "--type",
      "sub-centre",
      "--radius-km",
      "10",
      "--add",
      "3",
      "--candidates-type",
      "central-thc",
    ]);
    const a = problemOf(app.plan);
    expect(problemOf(cli[0]).digest).toEqual(a.digest);
    expect(a.plan.reference?.kind).toBe("county-medical-centre");
    expect(a.digest.demand).toHaveLength(villages.length);
    expect(a.digest.candidates.map((x) => x.id).sort()).toEqual(
      scen
        .filter((f) => f.properties.type === "central-thc" && f.properties.county === "411323")
        .map((f) => f.properties.id)
        .sort(),
    );
  });

  it("EMS stations from a candidate list with a separation", async () => {
    const inputs = {
      boundaries: twoCounties,
      facilities: join(fixtures, "facilities-good.csv"),
      candidates: join(fixtures, "suggest-candidates.csv"),
    };
    const app = await appPlan(inputs, {
      county: "990001",
      type: "ems-station",
      radiusKm: 8,
      objective: { kind: "lscp", targetShare: 0.5 },
      gridKm: 2,
      minSeparationKm: 5,
    });
    const cli = await cliPlan(inputs, [
      "--county",
      "990001",
      "--type",
      "ems-station",
      "--radius-km",
      "8",
      "--target-share",
      "0.5",
      "--min-separation-km",
      "5",
    ]);
    const a = problemOf(app.plan);
    expect(problemOf(cli[0]).digest).toEqual(a.digest);
    expect(a.digest.constraints).toEqual({ minSeparationKm: 5 });
    expect(a.digest.existing.map((e) => e.id).sort()).toEqual(["a2", "a3"]);
  });

  it("a county at its SUB-COUNT cap gets no new sub-centre on either path, with the same reason", async () => {
    const population = join(work, "pop-small.csv");
    // 250,000 residents → 1–2; with 2 public sub-centres the county is at its cap
    writeFileSync(population, "code,population\n990001,250000\n");
    const facilities = join(work, "two-subs.csv");
    writeFileSync(
      facilities,
      `${readFileSync(join(fixtures, "facilities-good.csv"), "utf8").trim()}\na6,甲县另一次中心,sub-centre,112.4,33.2,990001,,public,\n`,
    );
    const inputs = { boundaries: twoCounties, facilities, population };
    const req = {
      county: "990001",
      type: "sub-centre" as const,
      radiusKm: 8,
      objective: { kind: "mclp" as const, k: 1 },
      gridKm: 2,
    };
    await expect(appPlan(inputs, req)).rejects.toThrow(/最多新增 0 所/);
    const cli = await cliPlan(inputs, ["--county", "990001", "--type", "sub-centre", "--radius-km", "8", "--add", "1"]);
    expect(cli[0]).toMatchObject({ kind: "skip", code: "990001" });
    expect(cli[0].kind === "skip" && cli[0].reason.en).toBe(
      // both sub-centres meet SUB-15KM, so both count (SUB-COUNT counts only those, issue 9)
      "SUB-COUNT: resident population 250,000 (counties (county-level cities, districts) of 200,000 to 500,000 people) calls for 1–2; 2 qualifying ones exist, at most 0 new",
    );
  });

  it("南宫 (002): EMS stations at 10 km count its THCs and CHCs as existing 急救点 (002:201), in the app and the CLI", async () => {
    const nangong = RuleSetSchema.parse(JSON.parse(readFileSync(join(root, "seeds/ruleset-nangong.json"), "utf8")));
    const inputs = {
      boundaries: join(root, "geodata/counties-nangong.geojson"),
      facilities: join(root, "geodata/scenario-nangong.geojson"),
      ruleSet: nangong,
    };
    const req = { county: "130581", type: "ems-station" as const, radiusKm: 10, gridKm: 2 };
    const app = await appPlan(inputs, { ...req, objective: { kind: "mclp", k: 2 } });
    const cli = await cliPlan(inputs, [
      "--city",
      "nangong",
      "--county",
      "130581",
      "--type",
      "ems-station",
      "--radius-km",
      "10",
      "--add",
      "2",
      "--grid-km",
      "2",
    ]);
    const a = problemOf(app.plan);
    const c = problemOf(cli[0]);
    expect(c.digest).toEqual(a.digest);
    expect(c.plan.network).toEqual(a.plan.network);
    expect(app.result.network).toEqual(a.plan.network);
    // the sample's THCs and CHCs of 南宫市 are among the existing sites, and they cover the county at 10 km
    const scen = JSON.parse(readFileSync(inputs.facilities, "utf8")).features as Array<{
      properties: { id: string; type: string; county: string };
    }>;
    const points = scen
      .filter(
        (f) =>
          f.properties.county === "130581" && ["thc", "central-thc", "sub-centre", "chc"].includes(f.properties.type),
      )
      .map((f) => f.properties.id);
    const existing = new Set(a.digest.existing.map((e) => e.id));
    expect(points.filter((id) => !existing.has(id))).toEqual([]);
    expect(a.plan.network?.points?.count).toBe(points.length);
    expect(app.result.sites).toEqual([]);
  }, 120_000);
});
