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
const ruleSet = RuleSetSchema.parse(JSON.parse(readFileSync(join(root, "seeds/ruleset-default.json"), "utf8")));
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
    let list = Array.from({ length: 300 }, (_, k) => station(`d${k}`, 111.9 + 0.45 * rnd(), 32.75 + 0.5 * rnd()));
    const s = createAnalysisSession({ counties, facilities: list, ruleSet, params: { ...params, ruralRadiusKm: 10 } });
    expect(stable(s.report())).toEqual(
      stable(analyze({ counties, facilities: list, ruleSet, params: { ...params, ruralRadiusKm: 10 } })),
    );
    for (let m = 0; m < 4; m++) {
      const k = Math.floor(rnd() * list.length);
      const to = { lon: list[k].lon + 0.05 * (rnd() - 0.5), lat: list[k].lat + 0.05 * (rnd() - 0.5) };
      s.moveFacility(list[k].id, to.lon, to.lat);
      list = list.map((f, q) => (q === k ? { ...f, ...to } : f));
    }
    s.removeFacility(list[0].id);
    list = list.slice(1);
    expect(stable(s.report())).toEqual(
      stable(analyze({ counties, facilities: list, ruleSet, params: { ...params, ruralRadiusKm: 10 } })),
    );
  });
});
