import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import geographiclib from "geographiclib-geodesic";
import type { FeatureCollection, Polygon } from "geojson";
import type { CountyProps, Facility } from "../../../src/core/model";
import { type AnalysisReport, type Divisions, type RuleSet, RuleSetSchema } from "../../../src/core/rules";

/**
 * Hand-made fixtures for issue 9: two rectangular county-level units (甲 lon 112.0–112.5, 乙 112.5–113.0, lat
 * 32.8–33.2; 甲 a county with its seat at 112.25°E 33.0°N, 乙 a district with its seat at 112.75°E 33.0°N) that each
 * test renames and assigns to the city whose plan it reads. Expected verdicts are written from the plan text.
 */

export const ROOT = resolve(import.meta.dirname, "../../..");
const G = geographiclib.Geodesic.WGS84;

export const SEAT_A: [number, number] = [112.25, 33.0];
export const SEAT_B: [number, number] = [112.75, 33.0];

/** The bundled rule set of a city ("nanyang", "pingdingshan", "nangong", "yichun") or "all". */
export function ruleSet(name: string): RuleSet {
  return RuleSetSchema.parse(JSON.parse(readFileSync(join(ROOT, `seeds/ruleset-${name}.json`), "utf8")));
}

/** The two units as counties of `city`, with their codes and names (甲 first). */
export function counties(
  city: string,
  a: { code: string; name: string; kind?: CountyProps["kind"] } = { code: "990001", name: "甲县" },
  b: { code: string; name: string; kind?: CountyProps["kind"] } = { code: "990002", name: "乙区" },
): FeatureCollection<Polygon, CountyProps> {
  const fc = JSON.parse(
    readFileSync(join(ROOT, "test/fixtures/rules/two-counties.geojson"), "utf8"),
  ) as FeatureCollection<Polygon, CountyProps>;
  const [fa, fb] = fc.features;
  fa.properties = { ...fa.properties, city, code: a.code, name: a.name, kind: a.kind ?? "county" };
  fb.properties = { ...fb.properties, city, code: b.code, name: b.name, kind: b.kind ?? "district" };
  return fc;
}

/** Point at `km` from (lon, lat) along azimuth `az` (geographiclib direct problem). */
export function direct(at: [number, number], az: number, km: number): [number, number] {
  const r = G.Direct(at[1], at[0], az, km * 1000);
  return [r.lon2 as number, r.lat2 as number];
}

export function distKm(a: [number, number], b: [number, number]): number {
  return (G.Inverse(a[1], a[0], b[1], b[0]).s12 as number) / 1000;
}

/** A facility of county `county` at `at`. */
export function fac(
  id: string,
  type: Facility["type"],
  at: [number, number],
  county: string,
  extra: Partial<Facility> = {},
): Facility {
  return { id, name: id, type, lon: at[0], lat: at[1], county, ...extra };
}

/** The check of `rule` in `county`. */
export function check(r: AnalysisReport, county: string, rule: string) {
  const c = r.counties.find((x) => x.code === county)?.checks.find((x) => x.rule === rule);
  if (!c) throw new Error(`no check ${rule} in ${county}`);
  return c;
}

/** The city row's check of `rule`. */
export function cityCheck(r: AnalysisReport, rule: string) {
  const c = r.city?.checks.find((x) => x.rule === rule);
  if (!c) throw new Error(`no city check ${rule}`);
  return c;
}

/** Division lists of one county: townships with their kind and villages (村委会 unless marked community). */
export function divisions(
  county: string,
  townships: Array<{ code: string; name: string; kind: "镇" | "乡" | "街道"; villages?: string[] }>,
): Divisions {
  return {
    counties: [
      {
        code: county,
        name: county,
        townships: townships.map((t) => ({
          code: t.code,
          name: t.name,
          kind: t.kind,
          villages: (t.villages ?? []).map((v) => ({ code: v, name: `村${v.slice(-3)}`, kind: "village" as const })),
        })),
      },
    ],
  };
}
