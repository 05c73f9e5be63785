import { readFileSync } from "node:fs";
import type { Feature, MultiPolygon, Polygon } from "geojson";
import { beforeAll, describe, expect, it } from "vitest";
import { buildCountyGrid } from "../../../src/core/coverage";
import {
  buildMip,
  candidatesFromGrid,
  demandFromGrid,
  geodesicKm,
  type HighsInstance,
  improveBySwaps,
  lagrangianBound,
  loadHighs,
  prepare,
  reduceModel,
  solveSiting,
} from "../../../src/core/siting";
import { randomInstance, refCoverage, refGain, rng, subsets } from "./reference";

let highs: HighsInstance;
beforeAll(async () => {
  highs = await loadHighs();
});

/** Brute-force MCLP optimum over the candidate indices `pool` (all when omitted). */
function bruteOptimum(inst: ReturnType<typeof randomInstance>, k: number, pool?: number[]): number {
  const ref = refCoverage(inst);
  const ids = pool ?? inst.candidates.map((_, j) => j);
  let best = 0;
  for (const s of subsets(ids.length, Math.min(k, ids.length)))
    best = Math.max(
      best,
      refGain(
        inst,
        ref,
        s.map((u) => ids[u]),
      ),
    );
  return best;
}

describe("reduceModel", () => {
  for (let seed = 1; seed <= 12; seed++) {
    it(`drops exactly the dominated candidates and keeps the optimum (seed ${seed})`, () => {
      const rand = rng(500 + seed);
      // many candidates close together, so that some cover subsets of others
      const inst = randomInstance(rand, 30 + Math.floor(rand() * 30), 10 + Math.floor(rand() * 4), 1, 3 + rand() * 4);
      const k = 1 + Math.floor(rand() * 3);
      const prepared = prepare({ ...inst, objective: { kind: "mclp", k } });
      const model = reduceModel(prepared, { dropDominated: true });
      const ref = refCoverage(inst);
      const open = (j: number) =>
        new Set([...ref.cover[j]].filter((i) => !ref.before.has(i) && inst.demand[i].weight > 0));
      const kept = new Set<number>();
      for (const set of model.rows.sets) for (const a of set) kept.add(prepared.allowed[a]);
      for (let j = 0; j < inst.candidates.length; j++) {
        const mine = open(j);
        if (mine.size === 0) continue;
        const dominatedBy = inst.candidates
          .map((_, b) => b)
          .filter((b) => b !== j && inst.candidates[b].county === inst.candidates[j].county)
          .filter((b) => {
            const other = open(b);
            const sub = [...mine].every((i) => other.has(i));
            return sub && (other.size > mine.size || b < j);
          });
        expect(kept.has(j), `candidate ${j}`).toBe(dominatedBy.length === 0);
      }
      expect(model.dominated).toBe(model.usefulPositions - kept.size);
      // rows keep all the open, coverable weight
      const rowWeight = model.rows.weight.reduce((s, w) => s + w, 0);
      expect(rowWeight).toBeCloseTo(prepared.coverableWeight, 9);
      expect(bruteOptimum(inst, k, [...kept])).toBeCloseTo(bruteOptimum(inst, k), 9);
    });
  }
});

describe("improveBySwaps and lagrangianBound", () => {
  for (let seed = 1; seed <= 12; seed++) {
    it(`local search never loses weight, keeps the constraints; the bound is ≥ the optimum and ≥ the LP (seed ${seed})`, async () => {
      const rand = rng(900 + seed);
      const inst = randomInstance(rand, 40 + Math.floor(rand() * 30), 9 + Math.floor(rand() * 4), 0, 4 + rand() * 5);
      const k = 2 + Math.floor(rand() * 2);
      const constraints =
        seed % 3 === 0 ? { minSeparationKm: 6 } : seed % 3 === 1 ? { perCountyMax: { "411321": 1 } } : {};
      const prepared = prepare({ ...inst, objective: { kind: "mclp", k }, constraints });
      const model = reduceModel(prepared, { dropDominated: !constraints.minSeparationKm });
      const start = [0];
      const ref = refCoverage(inst);
      // the constrained optimum, by brute force, bounds the local search from above
      const exact = await solveSiting(
        { ...inst, objective: { kind: "mclp", k }, constraints },
        { method: "exact", highs },
      );
      if (constraints.minSeparationKm) expect(exact.sites.length).toBeLessThanOrEqual(k);
      const runs = (["local", "random"] as const).map((kick) =>
        improveBySwaps(prepared, model, start, k, { rounds: 50, kick }),
      );
      for (const ls of runs) {
        const picked = ls.chosen.map((a) => prepared.allowed[a]);
        expect(ls.chosen.length).toBeLessThanOrEqual(k);
        expect(refGain(inst, ref, picked)).toBeCloseTo(ls.value, 9);
        expect(ls.value).toBeGreaterThanOrEqual(refGain(inst, ref, [prepared.allowed[0]]) - 1e-9);
        if (constraints.perCountyMax)
          expect(picked.filter((j) => inst.candidates[j].county === "411321").length).toBeLessThanOrEqual(1);
        if (constraints.minSeparationKm)
          for (const a of picked)
            for (const b of picked)
              if (a < b) {
                const [p, q] = [inst.candidates[a], inst.candidates[b]];
                expect(geodesicKm(p.lon, p.lat, q.lon, q.lat)).toBeGreaterThanOrEqual(6 - 1e-9);
              }
        expect(ls.value).toBeLessThanOrEqual(exact.objective + 1e-9);
      }
      const ls = runs[0];

      const unconstrained = bruteOptimum(inst, k);
      const { bound } = lagrangianBound(model, k, { incumbent: ls.value });
      expect(bound).toBeGreaterThanOrEqual(unconstrained - 1e-9);
      // weak duality: every Lagrangian value is at least the LP relaxation's optimum
      const lp = buildMip(prepared, model.rows, { k }).lp.replace(/\nBinaries[\s\S]*?\nEnd/, "\nEnd");
      const m = highs.createModel({ format: "lp", data: lp });
      try {
        m.options.set({ output_flag: false });
        m.run();
        const lpValue =
          (m.info.get("objective_function_value") as number) / buildMip(prepared, model.rows, { k }).scale;
        expect(bound).toBeGreaterThanOrEqual(lpValue - 1e-6 * lpValue);
      } finally {
        m.dispose();
      }
    });
  }
});

describe("issue 13 instance (西峡县 411323, 1 km demand blocks × 2 km candidates, r = 10 km, k = 10)", () => {
  it("reaches a proven gap of 0.5 % without the MIP", async () => {
    const fc = JSON.parse(readFileSync(new URL("../../../geodata/counties-nanyang.geojson", import.meta.url), "utf8"));
    const county = fc.features.find((f: { properties: { code: string } }) => f.properties.code === "411323") as Feature<
      Polygon | MultiPolygon,
      { code: string }
    >;
    const grid = buildCountyGrid(county);
    const problem = {
      demand: demandFromGrid(grid, { blockM: 1000 }),
      candidates: candidatesFromGrid(grid, 2),
      existing: [],
      radiusKm: 10,
      objective: { kind: "mclp" as const, k: 10 },
    };
    const greedy = await solveSiting(problem, { method: "greedy" });
    const r = await solveSiting(problem, { method: "exact", highs, timeLimitSec: 60, mipRelGap: 0.005 });
    expect(r.status).toBe("optimal");
    expect(r.gap as number).toBeLessThanOrEqual(0.005);
    expect(r.bound as number).toBeGreaterThanOrEqual(r.objective);
    expect(r.objective).toBeGreaterThan(greedy.objective);
    expect(r.model?.highsRan).toBe(false);
    expect(r.statusMessage.en).toMatch(/proven within/);
  });
});
