import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { FeatureCollection, Polygon } from "geojson";
import { describe, expect, it } from "vitest";
import { analyze, type CountyProps, type Facility, RuleSetSchema, standsToday } from "../../../src/core";
import { townshipTableRows } from "../../../src/core/report/review";

/**
 * An accepted upgrade is the centre it raises, the same building: the rules that count what stands today (beds, the
 * township table) count it in the centre's place (the re-trial of s42-b #3: 「至少 3.73张」 fell to 3.47 and the
 * township read 「无」 once 盛湾镇中心卫生院 was raised to a sub-centre).
 */
const root = resolve(import.meta.dirname, "../../..");
const counties = JSON.parse(
  readFileSync(join(root, "test/fixtures/rules/two-counties.geojson"), "utf8"),
) as FeatureCollection<Polygon, CountyProps>;
const ruleSet = RuleSetSchema.parse(JSON.parse(readFileSync(join(root, "seeds/ruleset-nanyang.json"), "utf8")));
const population = [
  { code: "990001", population: 400_000, kind: "resident" as const },
  { code: "990002", population: 300_000, kind: "resident" as const },
];
const centre: Facility = {
  id: "t1",
  name: "甲镇中心卫生院",
  type: "central-thc",
  lon: 112.3,
  lat: 33.0,
  county: "990001",
  township: "990001100",
  ownership: "public",
  beds: 145,
};
const hospital: Facility = {
  id: "h1",
  name: "甲县人民医院",
  type: "county-medical-centre",
  lon: 112.25,
  lat: 33.02,
  county: "990001",
  ownership: "public",
  beds: 600,
};
const upgrade: Facility = {
  ...centre,
  id: "P1",
  name: "甲镇中心卫生院（升级为县域医疗卫生次中心）",
  type: "sub-centre",
  proposed: true,
  replaces: "t1",
};
const divisions = {
  counties: [
    {
      code: "990001",
      name: "甲县",
      townships: [{ code: "990001100", name: "甲镇", kind: "镇" as const, villages: [] }],
    },
  ],
};

describe("an upgrade stands today in its centre's place", () => {
  it("keeps the county's beds and its township's centre; a new site does not", () => {
    const before = analyze({ counties, facilities: [hospital, centre], ruleSet, population, divisions });
    const after = analyze({ counties, facilities: [hospital, upgrade], ruleSet, population, divisions });
    const beds = (r: typeof before) =>
      r.counties.find((c) => c.code === "990001")?.checks.find((k) => k.rule === "BEDS-PER-1000")?.count;
    expect(beds(before)).toBe(745);
    expect(beds(after)).toBe(745);
    const centreOf = (r: typeof before) => r.townships.find((t) => t.code === "990001100")?.centres.map((c) => c.id);
    expect(centreOf(after)).toEqual(["P1"]);
    expect(standsToday(upgrade)).toBe(true);
    expect(standsToday({ ...upgrade, replaces: undefined })).toBe(false);
    expect(standsToday(centre)).toBe(true);
  });

  it("a new proposed centre is in its township's row too, marked proposed, as the verdict counts it (the GIS trial, s51b M1)", () => {
    const planned = { ...upgrade, id: "P2", replaces: undefined };
    const r = analyze({ counties, facilities: [hospital, planned], ruleSet, population, divisions });
    const row = r.townships.find((t) => t.code === "990001100");
    expect(row?.centres.map((c) => [c.id, c.proposed])).toEqual([["P2", true]]);
    expect(townshipTableRows(r.townships)[0][2]).toBe(`${planned.name}（次中心）（拟建）`);
    // the upgrade stands today: not marked
    const up = analyze({ counties, facilities: [hospital, upgrade], ruleSet, population, divisions });
    expect(up.townships[0].centres[0].proposed).toBeUndefined();
  });
});
