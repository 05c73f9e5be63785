import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon } from "geojson";
import type { CountyProps, Facility } from "../../../src/core/model";
import { type PlacedViolation, placeViolations } from "../../../src/core/report/violations";
import { type AnalysisReport, analyze, type Divisions, type RuleSet, RuleSetSchema } from "../../../src/core/rules";

export const ROOT = resolve(import.meta.dirname, "../../..");

function json<T>(path: string): T {
  return JSON.parse(readFileSync(join(ROOT, path), "utf8")) as T;
}

export interface CityCase {
  ruleSet: RuleSet;
  counties: FeatureCollection<Polygon | MultiPolygon, CountyProps>;
  divisions: Divisions;
  facilities: Facility[];
  report: AnalysisReport;
}

let cachedInputs: Omit<CityCase, "report"> | undefined;
let cached: CityCase | undefined;

/** The embedded Nanyang scenario's inputs: the default rule set, counties, divisions and sample facilities. */
export function nanyangInputs(): Omit<CityCase, "report"> {
  if (cachedInputs) return cachedInputs;
  const ruleSet = RuleSetSchema.parse(json("seeds/ruleset-nanyang.json"));
  const counties = json<FeatureCollection<Polygon | MultiPolygon, CountyProps>>("geodata/counties-nanyang.geojson");
  const divisions = json<Divisions>("geodata/divisions-nanyang.json");
  const scenario = json<FeatureCollection<Point, Facility>>("geodata/scenario-nanyang.geojson");
  const facilities = scenario.features.map((f: Feature<Point, Facility>) => ({
    ...f.properties,
    lon: f.geometry.coordinates[0],
    lat: f.geometry.coordinates[1],
  }));
  cachedInputs = { ruleSet, counties, divisions, facilities };
  return cachedInputs;
}

/** The embedded Nanyang scenario analysed with the default rule set (computed once per test file). */
export function nanyang(): CityCase {
  if (cached) return cached;
  const inputs = nanyangInputs();
  cached = { ...inputs, report: analyze(inputs) };
  return cached;
}

/** The Nanyang scenario's violations placed as the exports place them (facility point, unit seat, gap interior …). */
export function nanyangPlaced(c: CityCase = nanyang()): PlacedViolation[] {
  return placeViolations({
    violations: c.report.violations,
    report: c.report,
    ruleSet: c.ruleSet,
    counties: c.counties.features,
    divisions: c.divisions,
    facilities: c.facilities,
  });
}

/** The parts of a review report's input that the Nanyang scenario gives (analysis, rules, places, facilities, city). */
export function nanyangReviewBase(c: CityCase = nanyang()) {
  return {
    report: c.report,
    ruleSet: c.ruleSet,
    counties: c.counties.features,
    facilities: c.facilities,
    divisions: c.divisions,
    cityName: "南阳市",
  };
}
