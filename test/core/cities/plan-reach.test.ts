import { readFileSync } from "node:fs";
import type { FeatureCollection, MultiPolygon, Point, Polygon } from "geojson";
import { describe, expect, it } from "vitest";
import { localPlanReach, parseChinaIndex } from "../../../src/core/cities";
import type { CountyProps, Facility } from "../../../src/core/model";
import { analyze, type Divisions, type RuleSet } from "../../../src/core/rules";

const readJson = (file: string) => JSON.parse(readFileSync(file, "utf8"));
const parsed = parseChinaIndex(readJson("geodata/china/index.json"));
if (!parsed.ok) throw new Error("index does not validate");
const cities = parsed.index.cities;
const ruleSet = (id: string) => readJson(`seeds/ruleset-${id}.json`) as RuleSet;

describe("what a city's local plan binds", () => {
  it("南阳, 平顶山, 宜春: the whole city; 邢台: 南宫市 (130581) alone; 郑州: nothing", () => {
    const reach = (name: string) => {
      const city = cities.find((c) => c.name === name);
      if (!city) throw new Error(name);
      return localPlanReach(city, city.plan ? ruleSet(city.plan).scope : undefined);
    };
    for (const name of ["南阳市", "平顶山市", "宜春市"]) expect(reach(name), name).toEqual({ kind: "city" });
    // 002 is 《南宫市“十四五”医疗卫生服务体系规划》: it binds 南宫市, a county-level city of 邢台市, not 邢台市
    expect(reach("邢台市")).toEqual({ kind: "counties", codes: ["130581"], names: ["南宫市"] });
    expect(reach("郑州市")).toEqual({ kind: "none" });
    // a scope of another city's plan is not this city's
    const xingtai = cities.find((c) => c.name === "邢台市")!;
    expect(localPlanReach(xingtai, ruleSet("nanyang").scope)).toEqual({ kind: "none" });
  });

  it("002 judges 南宫市 alone over 邢台's real boundaries and sample facilities: the other units are context", () => {
    const counties = readJson("geodata/counties-nangong.geojson") as FeatureCollection<
      Polygon | MultiPolygon,
      CountyProps
    >;
    const divisions = readJson("geodata/divisions-nangong.json") as Divisions;
    const facilities: Facility[] = (
      readJson("geodata/scenario-nangong.geojson") as FeatureCollection<Point, Facility>
    ).features.map((f) => ({ ...f.properties, lon: f.geometry.coordinates[0], lat: f.geometry.coordinates[1] }));
    const others = counties.features.map((f) => f.properties.code).filter((c) => c !== "130581");
    expect(others.length).toBeGreaterThan(10);
    // the sample has facilities in the other units too, so a rule applied there would have something to judge
    expect(facilities.filter((f) => f.county !== "130581").length).toBeGreaterThan(0);
    const r = analyze({ counties, facilities, divisions, ruleSet: ruleSet("nangong") });
    expect(r.scope.judged).toEqual(["130581"]);
    expect([...r.scope.context].sort()).toEqual([...others].sort());
    for (const c of r.counties.filter((k) => k.code !== "130581")) {
      expect(c.inScope, c.name).toBe(false);
      expect(new Set(c.checks.map((k) => k.status)), c.name).toEqual(new Set(["out-of-scope"]));
    }
    expect(r.violations.filter((v) => v.county !== "130581")).toEqual([]);
    expect(r.counties.find((c) => c.code === "130581")?.checks.some((k) => k.status === "out-of-scope")).toBe(false);
  });
});
