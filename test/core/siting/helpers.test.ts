import { readFileSync } from "node:fs";
import { booleanPointInPolygon, point } from "@turf/turf";
import type { Feature, MultiPolygon, Polygon } from "geojson";
import { beforeAll, describe, expect, it } from "vitest";
import { buildCountyGrid } from "../../../src/core/coverage";
import type { Facility } from "../../../src/core/model";
import {
  candidatesFromGrid,
  chooseCentralThcs,
  demandFromGrid,
  gridCandidates,
  type HighsInstance,
  loadHighs,
  qualifyingSubCentres,
  solveSiting,
  subCentreExclusion,
} from "../../../src/core/siting";
import { refCoverage, refDirect, refGain, refKm, rng, subsets } from "./reference";

let highs: HighsInstance;
beforeAll(async () => {
  highs = await loadHighs();
});

const square: Polygon = {
  type: "Polygon",
  coordinates: [
    [
      [112.4, 32.9],
      [112.7, 32.9],
      [112.7, 33.15],
      [112.4, 33.15],
      [112.4, 32.9],
    ],
    [
      [112.5, 33.0],
      [112.55, 33.0],
      [112.55, 33.05],
      [112.5, 33.05],
      [112.5, 33.0],
    ],
  ],
};

describe("gridCandidates", () => {
  it("spaces candidates by spacingKm (geodesic) and keeps only points inside the polygon (holes respected)", () => {
    const cands = gridCandidates(square, 2);
    const byId = new Map(cands.map((c) => [c.id, c]));
    let pairs = 0;
    for (const c of cands) {
      expect(booleanPointInPolygon(point([c.lon, c.lat]), square)).toBe(true);
      const [r, col] = c.id.slice(1).split("_").map(Number);
      const east = byId.get(`g${r}_${col + 1}`);
      const north = byId.get(`g${r + 1}_${col}`);
      for (const nb of [east, north]) {
        if (!nb) continue;
        pairs++;
        // TM scale error within ±15 km of the central meridian is < 3e-6
        expect(Math.abs(refKm(c.lon, c.lat, nb.lon, nb.lat) - 2)).toBeLessThan(2e-5);
      }
    }
    expect(pairs).toBeGreaterThan(300);
    // the expected count: area (km²) / 4, hole excluded, up to the boundary rows
    expect(cands.length).toBeGreaterThan(180);
    expect(cands.length).toBeLessThan(230);
  });

  it("is nested: a spacing that is a multiple of another gives a subset of its points", () => {
    const key = (c: { lon: number; lat: number }) => `${c.lon.toFixed(9)},${c.lat.toFixed(9)}`;
    const fine = new Set(gridCandidates(square, 1).map(key));
    const coarse = gridCandidates(square, 3);
    expect(coarse.length).toBeGreaterThan(20);
    for (const c of coarse) expect(fine.has(key(c)), c.id).toBe(true);
  });

  it("bbox form covers the box", () => {
    const cands = gridCandidates([112.4, 32.9, 112.7, 33.15], 5);
    for (const c of cands) {
      expect(c.lon).toBeGreaterThanOrEqual(112.4);
      expect(c.lat).toBeLessThanOrEqual(33.15);
    }
    expect(cands.length).toBeGreaterThan(20);
  });
});

describe("grid adapter (real county grid)", () => {
  const fc = JSON.parse(readFileSync(new URL("../../../geodata/counties-nanyang.geojson", import.meta.url), "utf8"));
  const county = fc.features.find((f: { properties: { code: string } }) => f.properties.code === "411329") as Feature<
    Polygon | MultiPolygon,
    { code: string }
  >;
  const grid = buildCountyGrid(county);

  it("demand blocks carry the inside area; points and candidates lie inside the county", () => {
    const demand = demandFromGrid(grid, { blockM: 1000 });
    const total = demand.reduce((s, d) => s + d.weight, 0);
    const cell =
      typeof grid.cellAreaKm2 === "number"
        ? grid.cellAreaKm2 * grid.insideCount
        : [...grid.cellAreaKm2].reduce((s, a, i) => s + (grid.inside[i] ? a : 0), 0);
    expect(total).toBeCloseTo(cell, 6);
    // the grid's cell area sum approximates the geodesic polygon area
    expect(Math.abs(total - grid.areaKm2) / grid.areaKm2).toBeLessThan(0.01);
    expect(demand.every((d) => d.weight > 0 && d.weight <= 1.0001)).toBe(true);
    const cands = candidatesFromGrid(grid, 2);
    expect(cands.every((c) => c.county === "411329")).toBe(true);
    const inside = cands.filter((c) => booleanPointInPolygon(point([c.lon, c.lat]), county)).length;
    expect(inside / cands.length).toBeGreaterThan(0.97);
    expect(cands.length).toBeGreaterThan(grid.areaKm2 / 4 - 40);
    expect(cands.length).toBeLessThan(grid.areaKm2 / 4 + 40);
  });

  it("every piece of a county gets a candidate: 卧龙区's small detached pieces are within reach (the GIS trial)", () => {
    const fc = JSON.parse(readFileSync("geodata/counties-nanyang.geojson", "utf8"));
    const wolong = fc.features.find((f: Feature) => f.properties?.code === "411303") as Feature<
      MultiPolygon,
      { code: string }
    >;
    expect(wolong.geometry.type).toBe("MultiPolygon");
    const g = buildCountyGrid(wolong);
    for (const km of [2, 4]) {
      const cands = candidatesFromGrid(g, km);
      // the farthest inside cell from its nearest candidate: within two grid steps (it was 16 km at 2 km)
      let worst = 0;
      for (const d of demandFromGrid(g, { blockM: 500 })) {
        let near = Infinity;
        for (const c of cands) near = Math.min(near, refKm(d.lon, d.lat, c.lon, c.lat));
        worst = Math.max(worst, near);
      }
      expect(worst, `${km} km`).toBeLessThan(2 * km);
    }
  });

  it("grids of different spacing are nested: a multiple's candidates are a subset of the finer grid's", () => {
    const ids = (km: number) => new Set(candidatesFromGrid(grid, km).map((c) => c.id));
    const at = (km: number) => new Map(candidatesFromGrid(grid, km).map((c) => [c.id, [c.lon, c.lat]]));
    for (const [fine, coarse] of [
      [1, 2],
      [1, 4],
      [2, 4],
      [0.5, 1.5],
      [1.5, 3],
      [1, 5],
    ]) {
      const f = ids(fine);
      const c = ids(coarse);
      expect(c.size).toBeGreaterThan(0);
      for (const id of c) expect(f.has(id), `${coarse} km ${id} in ${fine} km`).toBe(true);
      // same ids, same points
      const fp = at(fine);
      for (const [id, p] of at(coarse)) expect(fp.get(id)).toEqual(p);
    }
    // the coarse grid's point count is about the fine one's / (ratio²)
    expect(ids(1).size / ids(2).size).toBeGreaterThan(3.5);
    expect(ids(1).size / ids(2).size).toBeLessThan(4.5);
  });

  it("issue 13: the exact optimum on the 1 km grid is never worse than on the 2 km grid", async () => {
    // before the grids were nested, 1 km gave 67.8 km² here and 2 km 70.4 km²
    const demand = demandFromGrid(grid, { blockM: 2000 });
    const solve = (km: number) =>
      solveSiting(
        {
          demand,
          candidates: candidatesFromGrid(grid, km),
          existing: [],
          radiusKm: 3,
          objective: { kind: "mclp", k: 2 },
        },
        { method: "exact", highs, timeLimitSec: 20 },
      );
    const coarse = await solve(2);
    const fine = await solve(1);
    expect(coarse.status).toBe("optimal");
    expect(fine.status).toBe("optimal");
    expect(fine.objective).toBeGreaterThanOrEqual(coarse.objective - 1e-9);
  });

  it("a time-limited exact run reports its gap and is never worse than greedy", async () => {
    const problem = {
      demand: demandFromGrid(grid, { blockM: 1000 }),
      candidates: candidatesFromGrid(grid, 2),
      existing: [],
      radiusKm: 10,
      objective: { kind: "mclp" as const, k: 4 },
    };
    const greedy = await solveSiting(problem, { method: "greedy" });
    const r = await solveSiting(problem, { method: "exact", highs, timeLimitSec: 0.005 });
    expect(r.status).toBe("time-limit");
    expect(r.statusMessage.en).toContain("time limit of 0.005 s reached");
    expect(r.objective).toBeGreaterThanOrEqual(greedy.objective - 1e-9);
    expect(r.bound as number).toBeGreaterThanOrEqual(r.objective);
    expect(r.gap as number).toBeGreaterThanOrEqual(0);
  });
});

function facility(id: string, lon: number, lat: number, type: Facility["type"], county = "411330"): Facility {
  return { id, name: id, type, lon, lat, county };
}

describe("CTHC-THIRD: chooseCentralThcs", () => {
  it("picks round(n/3) THCs with the brute-force best coverage", async () => {
    const rand = rng(99);
    const thcs = Array.from({ length: 9 }, (_, j) =>
      facility(`t${j}`, 113.1 + rand() * 0.4, 32.3 + rand() * 0.3, "thc"),
    );
    const demand = Array.from({ length: 60 }, (_, i) => ({
      id: `v${i}`,
      lon: 113.1 + rand() * 0.4,
      lat: 32.3 + rand() * 0.3,
      weight: 100 + Math.round(rand() * 900),
    }));
    const r = await chooseCentralThcs(thcs, demand, 8, 1 / 3, { method: "exact", highs });
    const inst = { demand, candidates: thcs, existing: [], radiusKm: 8 };
    const ref = refCoverage(inst);
    let opt = 0;
    for (const s of subsets(9, 3)) opt = Math.max(opt, refGain(inst, ref, s));
    expect(r.sites.length).toBeLessThanOrEqual(3);
    expect(r.objective).toBeCloseTo(opt, 6);
  });

  it("keeps the central THCs and sub-centres there are and makes up the third from the others (the planner trial)", async () => {
    const rand = rng(7);
    const types = ["central-thc", "sub-centre", "thc", "thc", "thc", "thc", "thc", "thc", "thc"] as const;
    const thcs = types.map((type, j) => facility(`t${j}`, 113.1 + rand() * 0.4, 32.3 + rand() * 0.3, type));
    const demand = Array.from({ length: 60 }, (_, i) => ({
      id: `v${i}`,
      lon: 113.1 + rand() * 0.4,
      lat: 32.3 + rand() * 0.3,
      weight: 100 + Math.round(rand() * 900),
    }));
    const r = await chooseCentralThcs(thcs, demand, 8, 1 / 3, { method: "exact", highs });
    // a third of 9 is 3: the two central ones stay, one more is chosen among the seven ordinary ones
    const inst = { demand, candidates: thcs.slice(2), existing: thcs.slice(0, 2), radiusKm: 8 };
    const ref = refCoverage(inst);
    let opt = 0;
    for (const s of subsets(7, 1)) opt = Math.max(opt, refGain(inst, ref, s));
    expect(r.sites.map((s) => s.candidateId).every((id) => thcs.find((f) => f.id === id)?.type === "thc")).toBe(true);
    expect(r.sites.length).toBe(1);
    expect(r.objective).toBeCloseTo(opt, 6);
    expect(r.coveredShareBefore).toBeGreaterThan(0);
    // a county with its third already: none to choose
    const done = await chooseCentralThcs(thcs.slice(0, 6), demand, 8, 1 / 3, { method: "exact", highs });
    expect(done.sites).toEqual([]);
  });
});

describe("SUB-15KM: qualifyingSubCentres and subCentreExclusion", () => {
  const centre = facility("cmc", 113.4, 32.38, "county-medical-centre");
  const urban: Polygon = {
    type: "Polygon",
    coordinates: [
      [
        [113.35, 32.33],
        [113.45, 32.33],
        [113.45, 32.43],
        [113.35, 32.43],
        [113.35, 32.33],
      ],
    ],
  };
  const at = (km: number, az: number) => refDirect(centre.lon, centre.lat, az, km);
  const [l1, a1] = at(15.001, 90);
  const [l2, a2] = at(14.999, 270);
  const [l3, a3] = at(3, 0);
  const [l4, a4] = at(30, 200);
  const thcs = [
    facility("ok", l1, a1, "central-thc"),
    facility("near", l2, a2, "central-thc"),
    facility("urban", l3, a3, "central-thc"),
    facility("other-county", l4, a4, "central-thc", "411329"),
  ];

  it("measures the distance and applies ≥ 15 km (inclusive) and outside-urban", () => {
    const out = qualifyingSubCentres(thcs, [centre], [urban]);
    const by = Object.fromEntries(out.map((o) => [o.facility.id, o]));
    expect(by.ok.qualifies).toBe(true);
    expect(by.ok.distanceKm as number).toBeCloseTo(15.001, 6);
    expect(by.near.qualifies).toBe(false);
    expect(by.near.reasons[0].en).toContain("less than 15 km");
    expect(by.urban.insideUrban).toBe(true);
    expect(by.urban.qualifies).toBe(false);
    expect(by["other-county"].medicalCentreId).toBeNull();
    expect(by["other-county"].qualifies).toBe(false);
  });

  it("as an exclusion predicate in siting, with reasons listed", async () => {
    const exclude = subCentreExclusion(centre, [urban]);
    const r = await solveSiting(
      {
        demand: thcs.map((t) => ({ id: `d-${t.id}`, lon: t.lon, lat: t.lat, weight: 1 })),
        candidates: thcs.map((t) => ({ id: t.id, lon: t.lon, lat: t.lat, county: t.county })),
        existing: [],
        radiusKm: 1,
        objective: { kind: "mclp", k: 4 },
        constraints: { exclude },
      },
      { highs },
    );
    expect(r.sites.map((s) => s.candidateId).sort()).toEqual(["ok", "other-county"]);
    expect(r.excluded.map((e) => e.candidateId).sort()).toEqual(["near", "urban"]);
    expect(r.excluded.find((e) => e.candidateId === "urban")?.reason).toBe("inside the urban area");
  });
});
