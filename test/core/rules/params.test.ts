import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import geographiclib from "geographiclib-geodesic";
import type { FeatureCollection, Polygon } from "geojson";
import { describe, expect, it } from "vitest";
import {
  type AnalysisReport,
  analyze,
  type CountyProps,
  createAnalysisSession,
  type Facility,
  ParamError,
  paramSpec,
  parseRuleSet,
  RuleSetSchema,
  validateParams,
} from "../../../src/core";

const root = resolve(import.meta.dirname, "../../..");
const G = geographiclib.Geodesic.WGS84;
const counties = JSON.parse(
  readFileSync(join(root, "test/fixtures/rules/two-counties.geojson"), "utf8"),
) as FeatureCollection<Polygon, CountyProps>;
const raw = JSON.parse(readFileSync(join(root, "seeds/ruleset-all.json"), "utf8"));
const ruleSet = RuleSetSchema.parse(raw);
const SEAT_A: [number, number] = [112.25, 33.0];

function direct(lon: number, lat: number, az: number, km: number): [number, number] {
  const r = G.Direct(lat, lon, az, km * 1000);
  return [r.lon2 as number, r.lat2 as number];
}
function fac(id: string, type: Facility["type"], at: [number, number], extra: Partial<Facility> = {}): Facility {
  return { id, name: id, type, lon: at[0], lat: at[1], county: "990001", ...extra };
}
function stable(r: AnalysisReport) {
  return JSON.parse(JSON.stringify({ ...r, generatedAt: "" }));
}
/** The default rule set with one rule's radius value replaced (the JSON as a user would edit it). */
function withRadius(id: string, value: number): unknown {
  const copy = structuredClone(raw);
  const rule = copy.rules.find((r: { id: string }) => r.id === id);
  rule.params.radiusKm.value = value;
  return copy;
}

describe("parameter spec read from the rule set", () => {
  const spec = paramSpec(ruleSet);

  it("takes the plan's range where the rule states one (rural 10–20 km, 000:232) and its value as default", () => {
    expect(spec.ruralRadiusKm).toMatchObject({ min: 10, max: 20, default: 20, rangeFrom: "plan", rule: "EMS-RURAL" });
    expect(spec.ruralRadiusKm.bound).toBe("inclusive");
  });

  it("uses the tool's stated range elsewhere, the rule's value as default", () => {
    expect(spec.urbanRadiusKm).toMatchObject({ min: 0.5, max: 10, default: 5, rangeFrom: "tool", rule: "EMS-URBAN" });
    expect(spec.subCentreMinKm).toMatchObject({ min: 0.5, max: 50, default: 15, rule: "SUB-15KM" });
    // built-up discs: √(12.63 km² / π) = 2.0 km for a county seat (national mean, 2016); for the central city the
    // city's published area (Nanyang 164.75 km² → 7.2 km), else the national mean of cities (72.8 km² → 4.8 km)
    expect(spec.countySeatRadiusKm).toMatchObject({ min: 0, max: 10, default: 2 });
    expect(spec.countySeatRadiusKm.rule).toBeUndefined();
    expect(spec.centralCityRadiusKm).toMatchObject({ min: 0, max: 20, default: 4.8 });
    expect(paramSpec(ruleSet, "nanyang").centralCityRadiusKm.default).toBe(7.2);
    expect(paramSpec(ruleSet, "pingdingshan").centralCityRadiusKm.default).toBe(4.8);
  });

  it("widens a tool range to take in the rule set's own value", () => {
    const rs = RuleSetSchema.parse(withRadius("EMS-URBAN", 12));
    expect(paramSpec(rs).urbanRadiusKm).toMatchObject({ min: 0.5, max: 12, default: 12 });
  });

  it("validation names the parameter, the value and the range, both ends inclusive", () => {
    expect(validateParams(ruleSet, { ruralRadiusKm: 10 })).toEqual([]);
    expect(validateParams(ruleSet, { ruralRadiusKm: 20 })).toEqual([]);
    const [issue] = validateParams(ruleSet, { ruralRadiusKm: 20.5 });
    expect(issue).toMatchObject({ key: "ruralRadiusKm", value: 20.5, min: 10, max: 20 });
    expect(issue.message.zh).toBe("农村急救服务半径 20.5 超出规划范围 [10, 20] 公里");
    expect(issue.message.en).toBe("Rural EMS radius 20.5 is outside the plan's range [10, 20] km");
    expect(validateParams(ruleSet, { urbanRadiusKm: 1000 })[0].message.en).toBe(
      "Urban EMS radius 1000 is outside the allowed range [0.5, 10] km",
    );
    expect(validateParams(ruleSet, { urban: { countySeatRadiusKm: -1 } })[0].key).toBe("countySeatRadiusKm");
    expect(validateParams(ruleSet, { urban: { centralCityRadiusKm: 21 } })[0].key).toBe("centralCityRadiusKm");
    expect(validateParams(ruleSet, { subCentreMinKm: Number.NaN })[0].key).toBe("subCentreMinKm");
    expect(() => analyze({ counties, facilities: [], ruleSet, params: { urbanRadiusKm: 0 } })).toThrow(ParamError);
  });
});

describe("rule-set schema: radii the engine can compute", () => {
  it.each([
    [-5, "rules.0.params.radiusKm.value"],
    [0, "rules.0.params.radiusKm.value"],
    [10_000, "rules.0.params.radiusKm.value"],
  ])("EMS-URBAN radius %s km is rejected at its JSON path", (value, path) => {
    const r = parseRuleSet(withRadius("EMS-URBAN", value), "my-rules.json");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toContain(
      `my-rules.json: ${path}: 半径须大于 0 公里且不超过 300 公里 / a radius must be > 0 and ≤ 300 km`,
    );
  });

  it("a rural value outside the rule's own [min, max] is rejected; 300 km is still a radius", () => {
    const r = parseRuleSet(withRadius("EMS-RURAL", 25), "x.json");
    expect(r.ok ? [] : r.errors).toEqual([
      "x.json: rules.1.params.radiusKm: 取值须在 [min, max] 之内 / value must lie within [min, max]",
    ]);
    expect(parseRuleSet(withRadius("EMS-URBAN", 300)).ok).toBe(true);
  });
});

describe("setParams recomputes only what a parameter changes", () => {
  const facilities: Facility[] = [
    fac("a1", "ems-station", direct(...SEAT_A, 0, 4)),
    fac("a2", "ems-station", direct(...SEAT_A, 200, 12)),
    fac("b1", "ems-station", [112.75, 33.0], { county: "990002" }),
    fac("sub", "sub-centre", direct(...SEAT_A, 90, 16)),
  ];
  const params = { cellSizeM: 400 };

  it("a radius repaints the sites of that radius only: no grid, no mask; the report equals a fresh analysis", () => {
    const s = createAnalysisSession({ counties, facilities, ruleSet, params });
    s.report();
    const w0 = s.work();
    // 2 counties: 2 grids and 2 mask pairs; 3 stations × 3 layers painted (urban 5 km, rural 20 km, and the rural
    // range's end 10 km kept for a ring), each in its home county: the range's other end, 20 km, has the rural
    // layer's sites at its radius and reads its cells
    expect(w0).toEqual({ grids: 2, masks: 2, paints: 3 * 3 });
    s.setParams({ ruralRadiusKm: 15 });
    const w1 = s.work();
    expect(w1.grids).toBe(w0.grids);
    expect(w1.masks).toBe(w0.masks);
    expect(w1.paints - w0.paints).toBe(3); // the rural layer's 3 sites, painted again at 15 km
    expect(stable(s.report())).toEqual(
      stable(analyze({ counties, facilities, ruleSet, params: { ...params, ruralRadiusKm: 15 } })),
    );
    // the 20 km ring no longer matches the rural layer: its own cells are computed when it is next read
    expect(s.work().paints - w1.paints).toBe(3);
  });

  it("the sub-centre distance and the count variant repaint nothing; an urban definition re-rasterises masks only", () => {
    const s = createAnalysisSession({ counties, facilities, ruleSet, params });
    const w0 = s.work();
    s.setParams({ subCentreMinKm: 20, subCountVariant: "per-county" });
    expect(s.work()).toEqual(w0);
    s.setParams({ urban: { countySeatRadiusKm: 6 } });
    expect(s.work()).toEqual({ ...w0, masks: w0.masks + 2 });
    const next = { ...params, subCentreMinKm: 20, subCountVariant: "per-county" as const };
    expect(stable(s.report())).toEqual(
      stable(analyze({ counties, facilities, ruleSet, params: { ...next, urban: { countySeatRadiusKm: 6 } } })),
    );
  });

  it("a rejected value leaves the session as it was", () => {
    const s = createAnalysisSession({ counties, facilities, ruleSet, params });
    const before = stable(s.report());
    expect(() => s.setParams({ ruralRadiusKm: 30 })).toThrow(/outside the plan's range \[10, 20\]/);
    expect(stable(s.report())).toEqual(before);
  });
});
