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
});
