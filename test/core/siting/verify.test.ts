import { readFileSync } from "node:fs";
import { join } from "node:path";
import geographiclib from "geographiclib-geodesic";
import type { FeatureCollection, Point } from "geojson";
import { beforeAll, describe, expect, it } from "vitest";
import {
  buildCountyGrid,
  type CountyFeature,
  candidatesFromGrid,
  coverageStats,
  coverCounts,
  createAnalysisSession,
  type Facility,
  type HighsInstance,
  loadHighs,
  type PopulationRaster,
  planCountySiting,
  resolveParams,
  type SitingObjective,
  solveCountySiting,
} from "../../../src/core";
import { nanyangInputs } from "../report/nanyang";

/**
 * What siting claims, the checks confirm: 西峡县 (411323), EMS stations at 20 km, "fewest sites for 100 %". The
 * solver works on 1 km blocks; the EMS radius check on 250 m cells. The suggestion is accepted into a fresh
 * analysis, whose EMS-RURAL check is the reference.
 */

const { counties, divisions, facilities, ruleSet } = nanyangInputs();
const params = resolveParams(ruleSet, { ruralRadiusKm: 20 });
const XIXIA = "411323";
const G = geographiclib.Geodesic.WGS84;
/** Geodesic distance in km (geographiclib): the reference, independent of the code under test. */
function kmBetween(lon1: number, lat1: number, lon2: number, lat2: number): number {
  return (G.Inverse(lat1, lon1, lat2, lon2).s12 as number) / 1000;
}

let highs: HighsInstance;
beforeAll(async () => {
  highs = await loadHighs();
});

/** 西峡县's EMS problem at 20 km on a 2 km candidate grid, with `extra` inputs (a raster, demand points, …). */
function plan(objective: SitingObjective, extra: Partial<Parameters<typeof planCountySiting>[0]> = {}) {
  const p = planCountySiting({
    counties: counties.features as CountyFeature[],
    county: XIXIA,
    facilities,
    ruleSet,
    params,
    type: "ems-station",
    radiusKm: 20,
    objective,
    candidates: { kind: "grid", gridKm: 2 },
    ...extra,
  });
  if (p.kind !== "problem") throw new Error("no problem built");
  return p.built;
}

/** The county's EMS-RURAL check after the sites are added as proposed EMS stations. */
function ruralCheckWith(sites: ReadonlyArray<{ lon: number; lat: number }>) {
  const proposed = sites.map(
    (s, i): Facility => ({
      id: `P${i + 1}`,
      name: `P${i + 1}`,
      type: "ems-station",
      lon: Number(s.lon.toFixed(6)),
      lat: Number(s.lat.toFixed(6)),
      county: XIXIA,
      proposed: true,
    }),
  );
  const report = createAnalysisSession({
    counties,
    facilities: [...facilities, ...proposed],
    ruleSet,
    params: { ruralRadiusKm: 20 },
    divisions,
  }).report();
  const check = report.counties.find((c) => c.code === XIXIA)?.checks.find((k) => k.rule === "EMS-RURAL");
  if (!check) throw new Error("no EMS-RURAL check");
  return check;
}

describe("siting that the checks confirm (西峡县, EMS, 20 km)", () => {
  it("the county fails before: its existing stations leave part of it uncovered", () => {
    const before = ruralCheckWith([]);
    expect(before.status).toBe("fail");
    expect(before.uncoveredAreaKm2).toBeGreaterThan(1);
  });

  it("covering every 1 km block's point is not covering every 250 m cell (why a solver's answer is verified)", async () => {
    // from a placement that covers every cell, one site moves away until the first cell falls outside its 20 km:
    // at that point every demand block the solver sees is still within 20 km (geographiclib), the grid is not
    const built = plan({ kind: "lscp", targetShare: 1 });
    const full = await solveCountySiting(built, { method: "exact", highs, timeLimitSec: 30 });
    expect(full.check?.uncoveredKm2After).toBe(0);
    const grid = buildCountyGrid(counties.features.find((f) => f.properties.code === XIXIA)!, { cellSizeM: 250 });
    const existing = built.problem.existing.map((e) => ({ ...e, radiusKm: 20 }));
    const uncoveredWith = (sites: Array<{ id: string; lon: number; lat: number }>) =>
      coverageStats(grid, coverCounts(grid, [...existing, ...sites.map((x) => ({ ...x, radiusKm: 20 }))])).uncoveredKm2;
    const blocksCovered = (sites: Array<{ lon: number; lat: number }>) =>
      built.problem.demand.every((d) =>
        [...built.problem.existing, ...sites].some((x) => kmBetween(d.lon, d.lat, x.lon, x.lat) <= 20),
      );
    const found: string[] = [];
    for (const azimuth of [0, 90, 180, 270]) {
      const moved = (km: number) =>
        full.sites.map((x, i) => {
          if (i > 0) return { id: x.candidateId, lon: x.lon, lat: x.lat };
          const r = G.Direct(x.lat, x.lon, azimuth, km * 1000);
          return { id: x.candidateId, lon: r.lon2 as number, lat: r.lat2 as number };
        });
      if (uncoveredWith(moved(20)) === 0) continue;
      let lo = 0;
      let hi = 20;
      while (hi - lo > 0.01) {
        const mid = (lo + hi) / 2;
        if (uncoveredWith(moved(mid)) > 0) hi = mid;
        else lo = mid;
      }
      const first = moved(hi);
      if (uncoveredWith(first) > 0 && blocksCovered(first)) found.push(`${azimuth}°: ${hi.toFixed(2)} km`);
    }
    expect(found.length).toBeGreaterThan(0);
  });

  it.each([
    "exact",
    "greedy",
  ] as const)("fewest sites for full coverage, %s: the county passes once they are accepted", async (method) => {
    const built = plan({ kind: "lscp", targetShare: 1 });
    const r = await solveCountySiting(built, { method, highs, timeLimitSec: 30 });
    expect(r.status).not.toBe("infeasible");
    expect(r.check?.targetMet).toBe(true);
    expect(r.check?.uncoveredKm2After).toBe(0);
    expect(r.check?.coveredShareBefore).toBeLessThan(1);
    const check = ruralCheckWith(r.sites);
    expect(check.status).toBe("pass");
    expect(check.uncoveredAreaKm2).toBe(0);
    // every site is a candidate of the problem, and no more sites than the solver's own count plus the top-up
    const ids = new Set(built.problem.candidates.map((c) => c.id));
    expect(r.sites.every((s) => ids.has(s.candidateId))).toBe(true);
    expect(r.objective).toBe(r.sites.length);
  });

  it.each([0.995, 0.999])("a %s target holds on the checks' grid, counted here cell by cell", async (target) => {
    const built = plan({ kind: "lscp", targetShare: target });
    const r = await solveCountySiting(built, { method: "exact", highs, timeLimitSec: 30 });
    expect(r.check?.targetMet).toBe(true);
    // the reference: the county's 250 m grid with every existing and new site painted (the checks' covered test)
    const grid = buildCountyGrid(counties.features.find((f) => f.properties.code === XIXIA)!, { cellSizeM: 250 });
    const sites = [...built.problem.existing, ...r.sites.map((s) => ({ id: s.candidateId, lon: s.lon, lat: s.lat }))];
    const counts = coverCounts(
      grid,
      sites.map((s) => ({ ...s, radiusKm: 20 })),
    );
    const share = coverageStats(grid, counts).coveredShare;
    expect(share).toBeGreaterThanOrEqual(target);
    expect(r.check?.coveredShareAfter).toBeCloseTo(share, 12);
  });

  it("a shortfall the solver cannot see is closed greedily on the grid: demand misstated as one point", async () => {
    // the same county and candidates, but the demand handed to the solver is one point at a grid candidate: the
    // solver is satisfied by one site, the grid is not, and a 60 % target (no re-solve below 100 %) needs top-ups
    const built = plan({ kind: "lscp", targetShare: 0.6 });
    const centre = built.problem.candidates[Math.floor(built.problem.candidates.length / 2)];
    const misstated = {
      ...built,
      problem: { ...built.problem, existing: [], demand: [{ id: "d", lon: centre.lon, lat: centre.lat, weight: 1 }] },
    };
    const r = await solveCountySiting(misstated, { method: "exact", highs, timeLimitSec: 30 });
    expect(r.check?.refinements).toBe(0);
    expect(r.check?.toppedUp).toBeGreaterThan(0);
    expect(r.check?.targetMet).toBe(true);
    expect(r.sites).toHaveLength(1 + (r.check?.toppedUp ?? 0));
    expect(r.objective).toBe(r.sites.length);
    const grid = buildCountyGrid(counties.features.find((f) => f.properties.code === XIXIA)!, { cellSizeM: 250 });
    const counts = coverCounts(
      grid,
      r.sites.map((s) => ({ id: s.candidateId, lon: s.lon, lat: s.lat, radiusKm: 20 })),
    );
    const share = coverageStats(grid, counts).coveredShare;
    expect(share).toBeGreaterThanOrEqual(0.6);
    // greedy on the grid: each top-up site covers less new area than the one before
    const gains = r.sites.slice(1).map((x) => x.gain);
    expect(gains).toEqual([...gains].sort((a, b) => b - a));
    // one site fewer would fall short: the top-up stops as soon as the target holds
    const fewer = coverCounts(
      grid,
      r.sites.slice(0, -1).map((s) => ({ id: s.candidateId, lon: s.lon, lat: s.lat, radiusKm: 20 })),
    );
    expect(coverageStats(grid, fewer).coveredShare).toBeLessThan(0.6);
  });

  it("MCLP is measured on the grid too, without sites being added", async () => {
    const built = plan({ kind: "mclp", k: 1 });
    const r = await solveCountySiting(built, { method: "exact", highs, timeLimitSec: 30 });
    expect(r.sites).toHaveLength(1);
    expect(r.check?.toppedUp).toBe(0);
    expect(r.check?.coveredShareAfter).toBeGreaterThan(r.check?.coveredShareBefore ?? 1);
    // the status line says the grid's share, as the site does (the re-trial: 「新增覆盖 33.6%」 over a site's 33.7 %)
    expect(r.statusMessage.zh).toContain(`新增覆盖 ${Math.round(r.sites[0].gainShare * 1000) / 10}%`);
  });

  // issue 11: the trial's list gave 28.1 + 2.3 km² against a 29.4 km² gap (gains on the solver's 1 km blocks)
  for (const [label, objective, method] of [
    ["fewest sites for 100 %, exact", { kind: "lscp", targetShare: 1 }, "exact"],
    ["best 3 sites, greedy", { kind: "mclp", k: 3 }, "greedy"],
  ] as const) {
    it(`${label}: the listed gains add up, site by site, to the fall in uncovered km² the check reports`, async () => {
      const r = await solveCountySiting(plan(objective), { method, highs, timeLimitSec: 30 });
      expect(r.demandUnit).toBe("km2");
      const before = ruralCheckWith([]).uncoveredAreaKm2 ?? Number.NaN;
      expect(before).toBeGreaterThan(1);
      let listed = 0;
      for (let m = 1; m <= r.sites.length; m++) {
        listed += r.sites[m - 1].gain;
        // the check of a fresh analysis with the first m listed sites accepted as proposed EMS stations
        const check = ruralCheckWith(r.sites.slice(0, m));
        expect(before - listed, `after ${m} of ${r.sites.length}`).toBeCloseTo(check.uncoveredAreaKm2 ?? Number.NaN, 1);
        expect(r.curve[m].coveredShare).toBeCloseTo(r.curve[m - 1].coveredShare + r.sites[m - 1].gainShare, 12);
      }
      expect(before - listed).toBeCloseTo(r.check?.uncoveredKm2After ?? Number.NaN, 6);
      // read in order, each site adds no more than the one before it
      for (let m = 1; m < r.sites.length; m++) expect(r.sites[m].gain).toBeLessThanOrEqual(r.sites[m - 1].gain + 1e-9);
    });
  }
});

describe("the status line says the grid's share, as the sites do (the re-trial: 「新增覆盖 20.5%」 over a site's 20.4 %)", () => {
  it("西峡县, a sub-centre raised from a central THC at 15 km", async () => {
    const { counties, facilities, ruleSet } = nanyangInputs();
    const built = planCountySiting({
      counties: counties.features as CountyFeature[],
      county: "411323",
      facilities,
      ruleSet,
      params: resolveParams(ruleSet, {}, "nanyang"),
      type: "sub-centre",
      radiusKm: 15,
      objective: { kind: "mclp", k: 1 },
      candidates: { kind: "type", type: "central-thc" },
    });
    if (built.kind !== "problem") throw new Error(built.kind);
    const r = await solveCountySiting(built.built, { method: "exact", highs, timeLimitSec: 30 });
    expect(r.sites).toHaveLength(1);
    const site = `${Math.round(r.sites[0].gainShare * 1000) / 10}%`;
    expect(r.statusMessage.zh).toContain(`新增覆盖 ${site}`);
    expect(r.statusMessage.en).toContain(`adds ${site} coverage`);
  });
});

describe("what a siting's gains count (issue #14: people, not km², when people are the demand)", () => {
  /** A WGS84 raster over 西峡县, 0.01° pixels of 100 people each. */
  const uniform = (): PopulationRaster => {
    const [w, h] = [90, 80];
    return {
      file: "pop.tif",
      width: w,
      height: h,
      values: new Float64Array(w * h).fill(100),
      transform: [110.95, 0.01, 0, 33.85, 0, -0.01],
      crsDef: "+proj=longlat +datum=WGS84 +no_defs",
      crsLabel: "EPSG:4326",
      nodata: null,
    };
  };
  const solveOne = async (extra: {
    populationRaster?: PopulationRaster;
    demand?: Array<{ id: string; lon: number; lat: number; weight: number }>;
  }) =>
    solveCountySiting(plan({ kind: "mclp", k: 1 }, { candidates: { kind: "grid", gridKm: 4 }, ...extra }), {
      method: "greedy",
    });

  it("area demand counts km², a population raster people, imported points their weights", async () => {
    const area = await solveOne({});
    const people = await solveOne({ populationRaster: uniform() });
    const inXixia = facilities.find((f) => f.county === XIXIA && f.type === "village-clinic");
    if (!inXixia) throw new Error("no village clinic in 西峡县");
    const points = await solveOne({ demand: [{ id: "v1", lon: inXixia.lon, lat: inXixia.lat, weight: 5 }] });
    expect([area.demandUnit, people.demandUnit, points.demandUnit]).toEqual(["km2", "people", "weight"]);
    // 100 people per 0.01° × 0.01° pixel: at 西峡县's latitude (~33.4°) a pixel is 1.113 × 0.929 km (geographiclib)
    const pixelKm2 = kmBetween(111.4, 33.4, 111.41, 33.4) * kmBetween(111.4, 33.395, 111.4, 33.405);
    const density = 100 / pixelKm2;
    const [a, b] = [area.sites[0], people.sites[0]];
    // the best site for people on a uniform density is as good for area: its gain in people ≈ its km² × density
    expect(b.gain / (a.gain * density)).toBeGreaterThan(0.9);
    expect(b.gain / (a.gain * density)).toBeLessThan(1.1);
  });
});

describe("a suggestion's sites are the sites accepted (the reviewer trial, s43-a #2: 镇平县, EMS, 10 km)", () => {
  // the trial's own invented list for 镇平县 (GCJ-02, read by the tool): 「100 %」 was claimed, and once accepted (each
  // position to 6 decimals, as the app places and the CLI writes it) one 250 m cell stayed uncovered: its centre lay
  // 9,999.99 m from the solver's site and 10,000.02 m from the accepted one
  const fixture = JSON.parse(
    readFileSync(join(import.meta.dirname, "../../fixtures/siting/zhenping-trial-s43.geojson"), "utf8"),
  ) as FeatureCollection<Point, Omit<Facility, "lon" | "lat">>;
  const list: Facility[] = fixture.features.map((f) => ({
    ...f.properties,
    lon: f.geometry.coordinates[0],
    lat: f.geometry.coordinates[1],
  }));
  const ZHENPING = "411324";

  it("every grid candidate stands where a placed site would: to 6 decimals", () => {
    const grid = buildCountyGrid(counties.features.find((f) => f.properties.code === ZHENPING)!, { cellSizeM: 250 });
    const cands = candidatesFromGrid(grid, 2);
    expect(cands.length).toBeGreaterThan(100);
    for (const c of cands) {
      expect(Number(c.lon.toFixed(6))).toBe(c.lon);
      expect(Number(c.lat.toFixed(6))).toBe(c.lat);
    }
  });

  it("fewest sites for 100 %: the county passes once they are accepted", async () => {
    const p = planCountySiting({
      counties: counties.features as CountyFeature[],
      county: ZHENPING,
      facilities: list,
      ruleSet,
      params: resolveParams(ruleSet, { ruralRadiusKm: 10 }),
      type: "ems-station",
      radiusKm: 10,
      objective: { kind: "lscp", targetShare: 1 },
      candidates: { kind: "grid", gridKm: 2 },
    });
    if (p.kind !== "problem") throw new Error("no problem built");
    const r = await solveCountySiting(p.built, { method: "auto", highs, timeLimitSec: 30 });
    expect(r.check?.targetMet).toBe(true);
    expect(r.check?.uncoveredKm2After).toBe(0);
    const proposed = r.sites.map(
      (s, i): Facility => ({
        id: `P${i + 1}`,
        name: `P${i + 1}`,
        type: "ems-station",
        lon: Number(s.lon.toFixed(6)),
        lat: Number(s.lat.toFixed(6)),
        county: ZHENPING,
        proposed: true,
      }),
    );
    const report = createAnalysisSession({
      counties,
      facilities: [...list, ...proposed],
      ruleSet,
      params: { ruralRadiusKm: 10 },
      divisions,
    }).report();
    const check = report.counties.find((c) => c.code === ZHENPING)?.checks.find((k) => k.rule === "EMS-RURAL");
    expect(check?.uncoveredAreaKm2).toBe(0);
    expect(check?.status).toBe("pass");
  });
});
