import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { FeatureCollection, Polygon } from "geojson";
import { describe, expect, it } from "vitest";
import type { CountyProps, Facility } from "../../../src/core/model";
import { type AnalysisReport, analyze, createAnalysisSession, RuleSetSchema } from "../../../src/core/rules";

const root = resolve(import.meta.dirname, "../../..");
const counties = JSON.parse(
  readFileSync(join(root, "test/fixtures/rules/two-counties.geojson"), "utf8"),
) as FeatureCollection<Polygon, CountyProps>;
const ruleSet = RuleSetSchema.parse(JSON.parse(readFileSync(join(root, "seeds/ruleset-nanyang.json"), "utf8")));
const params = { cellSizeM: 400 };

function station(id: string, lon: number, lat: number): Facility {
  return { id, name: id, type: "ems-station", lon, lat, county: "990001" };
}
function stable(r: AnalysisReport) {
  return JSON.parse(JSON.stringify({ ...r, generatedAt: "" }));
}
function share(r: AnalysisReport, rule: string): number | undefined {
  return r.counties.find((c) => c.code === "990001")?.checks.find((c) => c.rule === rule)?.coveredShare;
}

describe("analysis with many EMS stations", () => {
  it("more than 65,535 stations covering one cell: no internal error, same cover as one station", () => {
    const many = Array.from({ length: 65_600 }, (_, k) => station(`s${k}`, 112.25, 33.0));
    const one = analyze({ counties, facilities: [many[0]], ruleSet, params });
    const all = analyze({ counties, facilities: many, ruleSet, params });
    for (const rule of ["EMS-URBAN", "EMS-RURAL"]) {
      expect(share(all, rule), rule).toBeDefined();
      expect(share(all, rule), rule).toBe(share(one, rule));
    }
  });

  it("a session over stations dense enough for the distance transform equals a fresh analysis after moves", () => {
    let seed = 3;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    // 2,000 stations in the county's western strip: their 20 km discs overlap enough for the transform, and the
    // edge of their union crosses the county, so moving the easternmost ones changes the covered share
    let list = Array.from({ length: 2000 }, (_, k) => station(`d${k}`, 112.0 + 0.05 * rnd(), 32.8 + 0.4 * rnd()));
    const p = { ...params, ruralRadiusKm: 20 };
    const s = createAnalysisSession({ counties, facilities: list, ruleSet, params: p });
    const before = s.report();
    expect(stable(before)).toEqual(stable(analyze({ counties, facilities: list, ruleSet, params: p })));
    const east = [...list].sort((a, b) => b.lon - a.lon).slice(0, 5);
    for (const f of east) {
      const to = { lon: f.lon + 0.02 + 0.03 * rnd(), lat: f.lat + 0.02 * (rnd() - 0.5) };
      s.moveFacility(f.id, to.lon, to.lat);
      list = list.map((g) => (g.id === f.id ? { ...g, ...to } : g));
    }
    s.removeFacility(list[0].id);
    list = list.slice(1);
    const after = s.report();
    expect(share(after, "EMS-RURAL")).toBeGreaterThan(share(before, "EMS-RURAL") as number);
    expect(stable(after)).toEqual(stable(analyze({ counties, facilities: list, ruleSet, params: p })));
    // and back west, past the others: the cells only they covered are uncovered again
    for (const f of east) {
      s.moveFacility(f.id, 112.0, f.lat);
      list = list.map((g) => (g.id === f.id ? { ...g, lon: 112.0 } : g));
    }
    const back = s.report();
    expect(share(back, "EMS-RURAL")).toBeLessThan(share(after, "EMS-RURAL") as number);
    expect(stable(back)).toEqual(stable(analyze({ counties, facilities: list, ruleSet, params: p })));
  });
});
