import { describe, expect, it } from "vitest";
import { type CountyFeature, planCountySiting, resolveParams } from "../../../src/core";
import { counties, fac, ruleSet } from "../rules/fidelity-helpers";

/**
 * Siting counts the same EMS network the check counts: by default each county's own stations (the plans assign the
 * network to each county, issue 9); with cross-border cover, a neighbour's station within reach too.
 */
describe("siting and cross-border cover", () => {
  const fc = counties("nanyang");
  const rs = ruleSet("nanyang");
  const neighbour = fac("stA", "ems-station", [112.45, 33.0], "990001"); // 甲县's, 4.7 km from 乙区
  const far = fac("farA", "ems-station", [112.05, 33.0], "990001"); // 甲县's, 45 km from 乙区's edge
  const req = (crossBorder: boolean) => ({
    counties: fc.features as CountyFeature[],
    county: "990002",
    facilities: [neighbour, far],
    ruleSet: rs,
    params: resolveParams(rs, { crossBorder }, "nanyang"),
    type: "ems-station" as const,
    radiusKm: 10,
    objective: { kind: "mclp" as const, k: 1 },
    candidates: { kind: "grid" as const, gridKm: 5 },
  });

  it("by default a neighbouring county's station is not an existing site of 乙区", () => {
    const plan = planCountySiting(req(false));
    if (plan.kind !== "problem") throw new Error(plan.kind);
    expect(plan.built.problem.existing).toEqual([]);
  });

  it("with cross-border cover the neighbour's station within the radius counts; one beyond it does not", () => {
    const plan = planCountySiting(req(true));
    if (plan.kind !== "problem") throw new Error(plan.kind);
    expect(plan.built.problem.existing.map((e) => e.id)).toEqual(["stA"]);
  });

  it("on travel time the same: the neighbour's station reaches 乙区's cells only with cross-border cover", () => {
    // one road along 33.0° N across both counties, 60 km/h; off it 5 km/h
    const n = 61;
    const coords = new Float64Array(n * 2);
    for (let k = 0; k < n; k++) {
      coords[2 * k] = 112.0 + (0.9 * k) / (n - 1);
      coords[2 * k + 1] = 33.0;
    }
    const roads = { roads: [{ coords, speedKmh: 60, ref: { file: "roads.geojson", feature: 1 } }], offroadKmh: 5 };
    const onTime = (crossBorder: boolean) => {
      const plan = planCountySiting({ ...req(crossBorder), travel: { roads, limitMinutes: 30 }, blockM: 2000 });
      if (plan.kind !== "problem") throw new Error(plan.kind);
      const cov = plan.built.problem.coverage as { coveredBefore: Uint8Array };
      return {
        existing: plan.built.problem.existing.map((e) => e.id),
        reached: cov.coveredBefore.reduce((a, b) => a + b, 0),
      };
    };
    expect(onTime(false)).toEqual({ existing: [], reached: 0 });
    const cross = onTime(true);
    // stA lies 4.7 km from 乙区 (within the roads' 10 km margin); farA 45 km away is beyond it
    expect(cross.existing).toEqual(["stA"]);
    // 30 min at 60 km/h along the road reaches well into 乙区 from stA
    expect(cross.reached).toBeGreaterThan(0);
  });
});
