import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Facility } from "../../../src/core/model";
import type { RuleSet } from "../../../src/core/rules";
import { type CountyFeature, subCentreCap } from "../../../src/core/siting/plan";

const ruleSet = JSON.parse(readFileSync("seeds/ruleset-nanyang.json", "utf8")) as RuleSet;
const county = (JSON.parse(readFileSync("geodata/counties-nanyang.geojson", "utf8")).features as CountyFeature[]).find(
  (f) => f.properties.code === "411323",
)!;
const [lon, lat] = county.properties.seat;
const sub = (id: string, ownership: "public" | "private" = "public"): Facility => ({
  id,
  name: id,
  type: "sub-centre",
  lon,
  lat,
  county: "411323",
  ownership,
});

describe("subCentreCap (SUB-COUNT, 003:213 and 003:143)", () => {
  it("caps new sub-centres at the band's maximum minus the public ones that exist", () => {
    // 600,000 residents: the 0.5–1 M band allows 2–3; one public and one private exist (private ones are not counted)
    const cap = subCentreCap(
      ruleSet,
      county,
      [sub("a"), sub("p", "private")],
      [{ code: "411323", population: 600_000, kind: "resident" }],
      "bands",
    );
    expect(cap.existing).toBe(1);
    expect(cap.maxNew).toBe(2);
    expect(cap.note.zh).toContain("2~3");
  });
  it("uses the upper band from 1,000,000 residents up (以上 includes the number)", () => {
    expect(
      subCentreCap(ruleSet, county, [], [{ code: "411323", population: 1_000_000, kind: "resident" }], "bands").maxNew,
    ).toBe(4);
  });
  it("takes 1–2 per county in the other variant, and never goes below zero", () => {
    expect(subCentreCap(ruleSet, county, [sub("a")], undefined, "per-county").maxNew).toBe(1);
    expect(subCentreCap(ruleSet, county, [sub("a"), sub("b"), sub("c")], undefined, "per-county").maxNew).toBe(0);
  });
  it("without a population, caps at the highest band and says both readings (the planner trial, s40-a #4)", () => {
    // 003:213's bands go up to 3–4 (over 1,000,000 people): no population can allow more than 4
    const cap = subCentreCap(ruleSet, county, [sub("a")], undefined, "bands");
    expect(cap.maxNew).toBe(3);
    expect(cap.note.zh).toBe(
      "SUB-COUNT：未提供本县常住人口，数量未能定档：按人口档位（003:213）为 1~4 所，按每县(市)（003:143）为 1~2 所；已有达标次中心 1 所，新增至多 3 所（各档上限），请导入人口后定档",
    );
    expect(cap.note.en).toContain("import the population to pick the band");
    // of the 3, 003:143's 1~2 a county allows 1 more: a second or third is marked (the planner trial, s53d M3)
    expect(cap.perCounty?.maxNew).toBe(1);
    expect(cap.perCounty?.beyond.zh).toBe("超出每县(市) 1~2 所的读法（003:143），仅按人口档位（003:213）可设");
    // none existing: 2 allowed by that reading; two existing: none, and the highest band's 2 more are beyond it
    expect(subCentreCap(ruleSet, county, [], undefined, "bands").perCounty?.maxNew).toBe(2);
    expect(subCentreCap(ruleSet, county, [sub("a"), sub("b")], undefined, "bands").perCounty?.maxNew).toBe(0);
    // with a population the band decides: nothing to mark
    expect(
      subCentreCap(ruleSet, county, [], [{ code: "411323", population: 600_000, kind: "resident" }], "bands").perCounty,
    ).toBeUndefined();
    const full = subCentreCap(
      ruleSet,
      county,
      ["a", "b", "c", "d"].map((id) => sub(id)),
      undefined,
      "bands",
    );
    expect(full.maxNew).toBe(0);
  });
});

describe("buildCountySitingProblem with demand points", () => {
  it("uses the weighted points inside the county instead of area cells, and area cells when none are inside", async () => {
    const { buildCountySitingProblem } = await import("../../../src/core/siting/plan");
    const inside = { id: "v1", lon, lat, weight: 1200 };
    const outside = { id: "v2", lon: 100, lat: 20, weight: 5000 };
    const base = {
      county,
      facilities: [],
      type: "ems-station" as const,
      radiusKm: 10,
      objective: { kind: "mclp" as const, k: 1 },
      gridKm: 5,
    };
    const withPoints = buildCountySitingProblem({ ...base, demand: [inside, outside] });
    expect(withPoints.problem.demand).toEqual([inside]);
    expect(withPoints.totalWeight).toBe(1200);
    const area = buildCountySitingProblem({ ...base, demand: [outside] });
    expect(area.problem.demand.length).toBeGreaterThan(1000);
    expect(area.totalWeight).toBeCloseTo(3454, -1);
  });
});
