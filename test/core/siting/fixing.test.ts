import { describe, expect, it } from "vitest";
import { boundAndFix, lagrangianBound, lagrangianFixing } from "../../../src/core/siting/lagrangian";
import { prepare } from "../../../src/core/siting/prepare";
import { reduceModel, withoutPositions } from "../../../src/core/siting/reduce";
import { randomInstance, refCoverage, refGain, rng, subsets } from "./reference";

type Inst = ReturnType<typeof randomInstance>;

/** Brute-force best weight of at most k candidates from `pool`, with every candidate of `forced` in. */
function brute(inst: Inst, ref: ReturnType<typeof refCoverage>, k: number, pool: number[], forced: number[] = []) {
  const rest = pool.filter((j) => !forced.includes(j));
  const m = Math.min(k - forced.length, rest.length);
  let best = -1;
  for (let size = 0; size <= m; size++)
    for (const s of subsets(rest.length, size))
      best = Math.max(best, refGain(inst, ref, [...forced, ...s.map((u) => rest[u])]));
  return best;
}

function setUp(seed: number) {
  const rand = rng(1300 + seed);
  // demand clustered enough that the LP bound is not tight, candidates spread so that some are clearly poor
  const inst = randomInstance(rand, 45 + Math.floor(rand() * 25), 11 + Math.floor(rand() * 3), 0, 3 + rand() * 4);
  const k = 2 + Math.floor(rand() * 2);
  const prepared = prepare({ ...inst, objective: { kind: "mclp", k } });
  const model = reduceModel(prepared, { dropDominated: true });
  const ref = refCoverage(inst);
  const all = inst.candidates.map((_, j) => j);
  return { inst, k, prepared, model, ref, opt: brute(inst, ref, k, all) };
}

describe("reduced-cost fixing from the Lagrangian multipliers", () => {
  for (let seed = 1; seed <= 14; seed++) {
    it(`fixes to 0 only candidates that no solution as good as the incumbent uses (seed ${seed})`, () => {
      const { inst, k, prepared, model, ref, opt } = setUp(seed);
      // incumbents: the optimum itself (the most fixing) and 1 % below it
      for (const incumbent of [opt, 0.99 * opt]) {
        const lag = lagrangianBound(model, k, { incumbent, maxIterations: 2000 });
        const fix = lagrangianFixing(model, k, lag.lambda, incumbent);
        let count = 0;
        for (let a = 0; a < fix.fixed.length; a++) {
          if (!fix.fixed[a]) continue;
          count++;
          const j = prepared.allowed[a];
          const pool = inst.candidates.map((_, u) => u);
          expect(brute(inst, ref, k, pool, [j]), `candidate ${j}`).toBeLessThan(incumbent);
        }
        expect(fix.count).toBe(count);
        // the model without them keeps the optimum
        const smaller = withoutPositions(model, fix.fixed);
        const kept = new Set<number>();
        for (const set of smaller.rows.sets) for (const a of set) kept.add(prepared.allowed[a]);
        expect(brute(inst, ref, k, [...kept])).toBeCloseTo(opt, 9);
        // rows carried over: every row of the model maps to a row of the same or larger weight, or is left out
        // because no kept candidate covers it
        smaller.rowOf.forEach((to, r) => {
          if (to < 0) expect([...model.rows.sets[r]].every((a) => fix.fixed[a] === 1)).toBe(true);
          else expect(smaller.rows.weight[to]).toBeGreaterThanOrEqual(model.rows.weight[r] - 1e-12);
        });
      }
    });
  }

  it("fixes something on some of these instances (so that the check above is not empty)", () => {
    let fixed = 0;
    for (let seed = 1; seed <= 14; seed++) {
      const { k, model, opt } = setUp(seed);
      const lag = lagrangianBound(model, k, { incumbent: opt, maxIterations: 2000 });
      fixed += lagrangianFixing(model, k, lag.lambda, opt).count;
    }
    expect(fixed).toBeGreaterThan(0);
  });

  for (let seed = 1; seed <= 8; seed++) {
    it(`boundAndFix: the bound is ≥ the optimum, ≤ the first bound, and the smaller model holds the optimum (seed ${seed})`, () => {
      const { inst, k, prepared, model, ref, opt } = setUp(seed);
      for (const incumbent of [opt, 0.98 * opt]) {
        const r = boundAndFix(model, k, { incumbent, firstIterations: 2000 });
        expect(r.bound).toBeGreaterThanOrEqual(opt - 1e-9);
        expect(r.bound).toBeLessThanOrEqual(r.firstBound);
        const kept = new Set<number>();
        for (const set of r.model.rows.sets) for (const a of set) kept.add(prepared.allowed[a]);
        expect(brute(inst, ref, k, [...kept])).toBeCloseTo(opt, 9);
        const left = new Set<number>();
        for (const set of model.rows.sets) for (const a of set) left.add(a);
        expect(kept.size).toBe(left.size - r.fixed);
      }
    });
  }
});
