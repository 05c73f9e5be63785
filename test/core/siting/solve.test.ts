import { beforeAll, describe, expect, it } from "vitest";
import {
  type Candidate,
  type HighsInstance,
  loadHighs,
  type SitingResult,
  solveSiting,
} from "../../../src/core/siting";
import { type RefInstance, randomInstance, refCoverage, refGain, refKm, rng, subsets } from "./reference";

let highs: HighsInstance;
beforeAll(async () => {
  highs = await loadHighs();
});

const E = 1 - Math.exp(-1);

function idsToIdx(inst: RefInstance, r: SitingResult): number[] {
  return r.sites.map((s) => inst.candidates.findIndex((c) => c.id === s.candidateId));
}

function totalWeight(inst: RefInstance): number {
  return inst.demand.reduce((s, d) => s + d.weight, 0);
}

function weightOf(inst: RefInstance, set: Set<number>): number {
  let w = 0;
  for (const i of set) w += inst.demand[i].weight;
  return w;
}

describe("the status message counts in English with the right number (the planner trial: 「1 new sites」)", () => {
  it("one site: 「1 new site adds」; two: 「2 new sites add」", async () => {
    const inst = randomInstance(rng(7), 40, 8, 0, 6);
    const one = await solveSiting({ ...inst, objective: { kind: "mclp", k: 1 } }, { method: "exact", highs });
    expect(one.status).toBe("optimal");
    expect(one.sites).toHaveLength(1);
    expect(one.statusMessage.en).toMatch(/^optimal among the \d+ candidates: 1 new site adds /);
    const two = await solveSiting({ ...inst, objective: { kind: "mclp", k: 2 } }, { method: "exact", highs });
    expect(two.statusMessage.en).toMatch(/^optimal among the 8 candidates: 2 new sites add /);
    // the optimum is said to be the candidates', in Chinese too (the user trial, s50 M4)
    expect(two.statusMessage.zh).toMatch(/^最优解（就所列 8 个候选点而言）：2 个新站点，新增覆盖 \d+\.\d%/);
  });
});

describe("MCLP: exact equals brute force, greedy within (1 − 1/e)", () => {
  for (let seed = 1; seed <= 30; seed++) {
    it(`seed ${seed}`, async () => {
      const rand = rng(seed);
      const nC = 4 + Math.floor(rand() * 9);
      const k = 1 + Math.floor(rand() * 4);
      const inst = randomInstance(rand, 25 + Math.floor(rand() * 40), nC, Math.floor(rand() * 3), 4 + rand() * 6);
      const ref = refCoverage(inst);
      let opt = 0;
      for (const s of subsets(nC, Math.min(k, nC))) opt = Math.max(opt, refGain(inst, ref, s));

      const problem = { ...inst, objective: { kind: "mclp" as const, k } };
      const exact = await solveSiting(problem, { method: "exact", highs });
      expect(exact.status).toBe("optimal");
      expect(exact.objective).toBeCloseTo(opt, 6);
      // the reported sites really achieve the reported objective
      expect(refGain(inst, ref, idsToIdx(inst, exact))).toBeCloseTo(exact.objective, 6);
      expect(exact.sites.length).toBeLessThanOrEqual(k);
      const W = totalWeight(inst);
      expect(exact.coveredShareBefore).toBeCloseTo(weightOf(inst, ref.before) / W, 9);
      expect(exact.coveredShareAfter).toBeCloseTo((weightOf(inst, ref.before) + opt) / W, 9);

      const greedy = await solveSiting(problem, { method: "greedy" });
      expect(greedy.status).toBe("heuristic");
      expect(greedy.objective).toBeGreaterThanOrEqual(E * opt - 1e-9);
      expect(greedy.bound as number).toBeGreaterThanOrEqual(opt - 1e-9);
      expect(refGain(inst, ref, idsToIdx(inst, greedy))).toBeCloseTo(greedy.objective, 6);
      // curve: starts at the existing share, increases by each site's gain, ends at the "after" share
      expect(greedy.curve[0]).toEqual({ k: 0, coveredShare: greedy.coveredShareBefore });
      expect(greedy.curve.at(-1)?.coveredShare).toBeCloseTo(greedy.coveredShareAfter, 12);
      greedy.sites.forEach((s, u) => {
        expect(greedy.curve[u + 1].coveredShare - greedy.curve[u].coveredShare).toBeCloseTo(s.gain / W, 12);
        // marginal gain against a brute-force recount
        const before = refGain(inst, ref, idsToIdx(inst, { ...greedy, sites: greedy.sites.slice(0, u) }));
        const after = refGain(inst, ref, idsToIdx(inst, { ...greedy, sites: greedy.sites.slice(0, u + 1) }));
        expect(s.gain).toBeCloseTo(after - before, 6);
      });
    });
  }
});

describe("LSCP: exact equals brute force (fewest sites reaching the target)", () => {
  for (let seed = 101; seed <= 125; seed++) {
    it(`seed ${seed}`, async () => {
      const rand = rng(seed);
      const nC = 4 + Math.floor(rand() * 9);
      const inst = randomInstance(rand, 25 + Math.floor(rand() * 40), nC, Math.floor(rand() * 2), 5 + rand() * 6);
      const ref = refCoverage(inst);
      const W = totalWeight(inst);
      const all = Array.from({ length: nC }, (_, j) => j);
      const reachable = (weightOf(inst, ref.before) + refGain(inst, ref, all)) / W;
      const targetShare = Math.round(reachable * (0.5 + 0.5 * rand()) * 1000) / 1000;
      let opt = -1;
      for (let m = 0; m <= nC && opt < 0; m++) {
        for (const s of subsets(nC, m)) {
          if ((weightOf(inst, ref.before) + refGain(inst, ref, s)) / W >= targetShare - 1e-12) {
            opt = m;
            break;
          }
        }
      }
      const problem = { ...inst, objective: { kind: "lscp" as const, targetShare } };
      const exact = await solveSiting(problem, { method: "exact", highs });
      expect(exact.status).toBe("optimal");
      expect(exact.objective).toBe(opt);
      expect(exact.sites.length).toBe(opt);
      expect((weightOf(inst, ref.before) + refGain(inst, ref, idsToIdx(inst, exact))) / W).toBeGreaterThanOrEqual(
        targetShare - 1e-9,
      );

      const greedy = await solveSiting(problem, { method: "greedy" });
      expect(greedy.objective).toBeGreaterThanOrEqual(opt);
      expect(greedy.bound as number).toBeLessThanOrEqual(opt);
      expect(greedy.coveredShareAfter).toBeGreaterThanOrEqual(targetShare - 1e-9);
    });
  }
});

/** Brute-force constrained MCLP optimum over feasible subsets of size ≤ k. */
function constrainedOpt(
  inst: RefInstance,
  ref: ReturnType<typeof refCoverage>,
  k: number,
  ok: (set: number[]) => boolean,
): number {
  let best = Number.NEGATIVE_INFINITY;
  for (let m = 0; m <= Math.min(k, inst.candidates.length); m++)
    for (const s of subsets(inst.candidates.length, m)) if (ok(s)) best = Math.max(best, refGain(inst, ref, s));
  return best;
}

describe("constraints are never violated; exact equals constrained brute force", () => {
  for (let seed = 201; seed <= 230; seed++) {
    it(`seed ${seed}`, async () => {
      const rand = rng(seed);
      const nC = 6 + Math.floor(rand() * 7);
      const k = 1 + Math.floor(rand() * 4);
      const inst = randomInstance(rand, 40, nC, Math.floor(rand() * 2), 4 + rand() * 6, ["A", "B", "C"]);
      const ref = refCoverage(inst);
      const minSeparationKm = rand() < 0.8 ? 3 + rand() * 10 : undefined;
      const perCountyMax: Record<string, number> =
        rand() < 0.6 ? { A: Math.floor(rand() * 2) + 0, B: 1 + Math.floor(rand() * 2) } : {};
      const perCountyMin: Record<string, number> = rand() < 0.5 ? { C: 1 } : {};
      const banned = new Set(inst.candidates.filter(() => rand() < 0.2).map((c) => c.id));
      const exclude = (c: Candidate) => (banned.has(c.id) ? `banned ${c.id}` : null);

      const ok = (set: number[]) => {
        const cnt: Record<string, number> = {};
        for (const j of set) {
          const c = inst.candidates[j];
          if (banned.has(c.id)) return false;
          cnt[c.county as string] = (cnt[c.county as string] ?? 0) + 1;
        }
        for (const [c, m] of Object.entries(perCountyMax)) if ((cnt[c] ?? 0) > m) return false;
        for (const [c, m] of Object.entries(perCountyMin)) if ((cnt[c] ?? 0) < m) return false;
        if (minSeparationKm !== undefined)
          for (const a of set)
            for (const b of set) {
              if (a >= b) continue;
              const ca = inst.candidates[a];
              const cb = inst.candidates[b];
              if (refKm(ca.lon, ca.lat, cb.lon, cb.lat) < minSeparationKm) return false;
            }
        return true;
      };
      const opt = constrainedOpt(inst, ref, k, ok);
      const problem = {
        ...inst,
        objective: { kind: "mclp" as const, k },
        constraints: { minSeparationKm, perCountyMax, perCountyMin, exclude },
      };
      for (const method of ["exact", "greedy"] as const) {
        const r = await solveSiting(problem, { method, highs });
        expect(r.excluded.map((e) => e.candidateId).sort()).toEqual([...banned].sort());
        for (const e of r.excluded) expect(e.reason).toBe(`banned ${e.candidateId}`);
        if (opt === Number.NEGATIVE_INFINITY) {
          // no feasible subset: exact must say infeasible, greedy must not claim success
          if (method === "exact") expect(r.status).toBe("infeasible");
          else expect(r.status === "infeasible" || r.statusMessage.en.includes("could not")).toBe(true);
          continue;
        }
        if (method === "exact") {
          expect(r.status).toBe("optimal");
          expect(r.objective).toBeCloseTo(opt, 6);
        } else if (!r.statusMessage.en.includes("could not")) {
          expect(r.bound as number).toBeGreaterThanOrEqual(opt - 1e-9);
        }
        if (r.status !== "infeasible" && !r.statusMessage.en.includes("could not"))
          expect(ok(idsToIdx(inst, r))).toBe(true);
        // even a greedy that fails the minimums never breaks separation, caps or exclusions
        const idx = idsToIdx(inst, r);
        expect(idx.every((j) => !banned.has(inst.candidates[j].id))).toBe(true);
        for (const [c, m] of Object.entries(perCountyMax))
          expect(idx.filter((j) => inst.candidates[j].county === c).length).toBeLessThanOrEqual(m);
        if (minSeparationKm !== undefined)
          for (const a of idx)
            for (const b of idx)
              if (a < b) {
                const ca = inst.candidates[a];
                const cb = inst.candidates[b];
                expect(refKm(ca.lon, ca.lat, cb.lon, cb.lat)).toBeGreaterThanOrEqual(minSeparationKm);
              }
      }
    });
  }
});

describe("infeasible problems say why", () => {
  it("LSCP 100% with a demand point beyond every candidate", async () => {
    const demand = [
      { id: "near", lon: 112.5, lat: 33.0, weight: 10 },
      { id: "far1", lon: 113.5, lat: 33.0, weight: 3 },
      { id: "far2", lon: 113.6, lat: 33.0, weight: 2 },
    ];
    const candidates = [{ id: "c", lon: 112.51, lat: 33.0 }];
    for (const method of ["exact", "greedy"] as const) {
      const r = await solveSiting(
        { demand, candidates, existing: [], radiusKm: 15, objective: { kind: "lscp", targetShare: 1 } },
        { method, highs },
      );
      expect(r.status).toBe("infeasible");
      expect(r.statusMessage.en).toContain("target 100% cannot be reached: 2 demand points");
      expect(r.statusMessage.en).toContain("15 km");
      expect(r.statusMessage.en).toContain("66.7%");
      expect(r.statusMessage.zh).toContain("无法达到");
      expect(r.sites).toEqual([]);
    }
  });

  it("LSCP blocked by the separation constraint is proven infeasible by the MIP", async () => {
    // two demand clusters 8 km apart, each needs its own candidate; candidates 8 km apart, separation 10 km
    const demand = [
      { id: "a", lon: 112.5, lat: 33.0, weight: 1 },
      { id: "b", lon: 112.5 + 8 / 93.4, lat: 33.0, weight: 1 },
    ];
    const candidates = demand.map((d) => ({ id: `c${d.id}`, lon: d.lon, lat: d.lat }));
    const r = await solveSiting(
      {
        demand,
        candidates,
        existing: [],
        radiusKm: 2,
        objective: { kind: "lscp", targetShare: 1 },
        constraints: { minSeparationKm: 10 },
      },
      { method: "exact", highs },
    );
    expect(r.status).toBe("infeasible");
    expect(r.statusMessage.en).toContain("separation of ≥ 10 km");
  });

  it("a county minimum larger than its candidates", async () => {
    const r = await solveSiting(
      {
        demand: [{ id: "d", lon: 112.5, lat: 33, weight: 1 }],
        candidates: [{ id: "c", lon: 112.5, lat: 33, county: "X" }],
        existing: [],
        radiusKm: 5,
        objective: { kind: "mclp", k: 3 },
        constraints: { perCountyMin: { X: 2 } },
      },
      { method: "exact", highs },
    );
    expect(r.status).toBe("infeasible");
    expect(r.statusMessage.en).toContain("county X needs at least 2 new sites but only 1 allowed candidate lies in it");
  });

  it("bad input names the array, index and field", async () => {
    await expect(
      solveSiting({
        demand: [{ id: "d", lon: 112.5, lat: Number.NaN, weight: -1 }],
        candidates: [],
        existing: [],
        radiusKm: 5,
        objective: { kind: "mclp", k: 1 },
      }),
    ).rejects.toThrow(/demand\[0\]\.lat.*demand\[0\]\.weight/);
  });
});

describe("existing facilities", () => {
  it("demand already covered gives no gain; LSCP met by existing sites needs no new site", async () => {
    const demand = [
      { id: "a", lon: 112.5, lat: 33.0, weight: 5 },
      { id: "b", lon: 112.7, lat: 33.0, weight: 1 },
    ];
    const candidates = [
      { id: "onA", lon: 112.5, lat: 33.0 },
      { id: "onB", lon: 112.7, lat: 33.0 },
    ];
    const existing = [{ id: "e", lon: 112.501, lat: 33.0 }];
    const m = await solveSiting(
      { demand, candidates, existing, radiusKm: 3, objective: { kind: "mclp", k: 1 } },
      { highs },
    );
    expect(m.sites.map((s) => s.candidateId)).toEqual(["onB"]);
    expect(m.objective).toBe(1);
    expect(m.coveredShareBefore).toBeCloseTo(5 / 6, 12);
    const l = await solveSiting(
      { demand, candidates, existing, radiusKm: 3, objective: { kind: "lscp", targetShare: 0.8 } },
      { highs },
    );
    expect(l.status).toBe("optimal");
    expect(l.objective).toBe(0);
  });
});
