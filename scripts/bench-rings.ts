/**
 * Times the EMS display rings of each city's scenario with and without the cut to each station's own county (the
 * default, no cross-border cover, issue 9): every ring computed fresh (empty caches), then again from the caches (what
 * a re-score after a drag costs for the rings that did not move). Run: `npx tsx scripts/bench-rings.ts`.
 */
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon } from "geojson";
import {
  type CountyFeature,
  type CountyProps,
  type Facility,
  homeCounties,
  networkArea,
  parseRuleSet,
  serviceRings,
} from "../src/core";

const json = <T>(p: string) => JSON.parse(readFileSync(p, "utf8")) as T;
const EMS = ["ems-centre", "ems-station"] as const;

for (const city of ["nanyang", "pingdingshan", "nangong", "yichun"]) {
  const counties = json<FeatureCollection<Polygon | MultiPolygon, CountyProps>>(`geodata/counties-${city}.geojson`)
    .features as CountyFeature[];
  const facilities = json<FeatureCollection<Point, Facility>>(`geodata/scenario-${city}.geojson`).features.map(
    (f: Feature<Point, Facility>) => ({
      ...f.properties,
      lon: f.geometry.coordinates[0],
      lat: f.geometry.coordinates[1],
    }),
  );
  const home = homeCounties(counties);
  const byCode = new Map(counties.map((c) => [c.properties.code, c.geometry]));
  const clip = (f: Facility) => {
    const code = home(f);
    const geometry = code ? byCode.get(code) : undefined;
    return code && geometry ? { key: code, geometry } : undefined;
  };
  const radii = { urbanKm: 5, ruralKm: 20 };
  let t = performance.now();
  const whole = serviceRings(facilities, EMS, [], radii, new Map());
  const msWhole = performance.now() - t;
  const ringCache = new Map<string, Polygon>();
  const clipCache = new Map<string, Polygon | MultiPolygon | null>();
  t = performance.now();
  const cut = serviceRings(facilities, EMS, [], radii, ringCache, clip, clipCache);
  const msCut = performance.now() - t;
  t = performance.now();
  serviceRings(facilities, EMS, [], radii, ringCache, clip, clipCache);
  const msCached = performance.now() - t;
  const nCut = cut.filter((r) => r.properties.clipped).length;
  // the default since branch ems-city: cut to the counties of the station's network (a district's: the city's
  // districts, each cut alone and the pieces joined)
  const rules = parseRuleSet(json(`seeds/ruleset-${city}.json`));
  if (!rules.ok) throw new Error(rules.errors.join("; "));
  const props = new Map(counties.map((c) => [c.properties.code, c.properties]));
  const net = (f: Facility) => networkArea(counties, props.get(home(f) ?? ""));
  t = performance.now();
  serviceRings(facilities, EMS, [], radii, new Map(), net, new Map());
  const msNet = performance.now() - t;
  console.log(
    `${city}: ${whole.length} rings at 20 km; whole ${msWhole.toFixed(0)} ms; cut to own county ${msCut.toFixed(0)} ms (${nCut} cut); cut to its network ${msNet.toFixed(0)} ms; again from the cache ${msCached.toFixed(1)} ms; load ${loadavg()[0].toFixed(2)}`,
  );
}
