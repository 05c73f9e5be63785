import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { RuleSetSchema } from "../../../src/core";
import { parseProject, parseSavedSession, serializeProject } from "../../../src/core/io";

/**
 * A project file or a saved session whose parameters lie outside the parameter spec of its rule set opens with each
 * such value set aside (the rule set's value applies) and named: file, JSON path, value, allowed range. The ranges
 * here are the plans' and the tool's as the rule sets state them (the reference: the bundled seeds, read directly).
 */

const root = resolve(import.meta.dirname, "../../..");
const seed = (id: string) =>
  RuleSetSchema.parse(JSON.parse(readFileSync(join(root, `seeds/ruleset-${id}.json`), "utf8")));
const sets = { nanyang: seed("nanyang"), pingdingshan: seed("pingdingshan") };
/** As the app resolves a rule set: the one named, else the city's own plans ("" = the city's own). */
const ruleSetFor = (id: string, city: string) => sets[(id || city) as keyof typeof sets];

const base = { city: "nanyang", ruleSetId: "nanyang", facilities: [], proposed: [] };
const session = (params: Record<string, unknown>) => ({
  cityId: "nanyang",
  ruleSetId: "",
  params,
  datasets: {},
  proposed: {},
  population: {},
});

describe("a project's parameters are checked against its rule set's parameter spec", () => {
  it("in range: kept as they are, no message", () => {
    const params = {
      ruralRadiusKm: 10,
      urbanRadiusKm: 5,
      subCentreMinKm: 15,
      centralCityRadiusKm: 7.2,
      countySeatRadiusKm: 0,
      crossBorder: true,
    };
    const r = parseProject(serializeProject({ ...base, params }), "p.hfp.json", ruleSetFor);
    expect(r.ok && r.project.params).toEqual(params);
    expect(r.ok && r.warnings).toEqual([]);
  });

  it("a rural radius of 30 km (the plan allows 10–20) is set aside and named; the rest opens", () => {
    const params = { ruralRadiusKm: 30, urbanRadiusKm: 4 };
    const r = parseProject(serializeProject({ ...base, params }), "p.hfp.json", ruleSetFor);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.project.params).toEqual({ urbanRadiusKm: 4 });
    expect(r.warnings).toHaveLength(1);
    const w = r.warnings[0];
    expect(w).toMatchObject({ file: "p.hfp.json", field: "params.ruralRadiusKm", value: "30", severity: "warning" });
    expect(w.message.zh).toContain("[10, 20]");
    expect(w.message.zh).toContain("20 公里");
    expect(w.message.en).toContain("params.ruralRadiusKm");
    expect(w.message.en).toContain("outside the plan's range [10, 20] km");
  });

  it("the range is the project's own rule set's: 000:232 states 10–20 km for Nanyang, 001 states no radius", () => {
    for (const [value, ok] of [
      [10, true],
      [20, true],
      [9.5, false],
      [20.5, false],
    ] as const) {
      const text = serializeProject({ ...base, params: { ruralRadiusKm: value } });
      const r = parseProject(text, "p.hfp.json", ruleSetFor);
      expect(r.ok && r.warnings.length === 0, String(value)).toBe(ok);
    }
    // Pingdingshan's plan gives no EMS radius: only the tool's range (0.5–50 km) applies, so 30 km opens as it is
    const text = serializeProject({ ...base, city: "pingdingshan", ruleSetId: "", params: { ruralRadiusKm: 30 } });
    const r = parseProject(text, "p.hfp.json", ruleSetFor);
    expect(r.ok && r.warnings).toEqual([]);
  });

  it("parameters earlier versions wrote (whole districts urban, one seat radius) are set aside with the reason", () => {
    const params = { urbanDistricts: true, seatRadiusKm: 3, ruralRadiusKm: 15 };
    const r = parseProject(serializeProject({ ...base, params }), "old.hfp.json", ruleSetFor);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.project.params).toEqual({ ruralRadiusKm: 15 });
    expect(r.warnings.map((w) => [w.field, w.code])).toEqual([
      ["params.urbanDistricts", "param-retired"],
      ["params.seatRadiusKm", "param-retired"],
    ]);
    expect(r.warnings[0].message.zh).toContain("建成区");
    expect(r.warnings[1].message.en).toContain("countySeatRadiusKm");
  });

  it.each([
    ["a negative urban radius", { urbanRadiusKm: -1 }, "params.urbanRadiusKm"],
    ["a zero rural radius", { ruralRadiusKm: 0 }, "params.ruralRadiusKm"],
    ["a sub-centre distance of 500 km", { subCentreMinKm: 500 }, "params.subCentreMinKm"],
    ["a county-seat radius of 16 km (the tool allows 0–10)", { countySeatRadiusKm: 16 }, "params.countySeatRadiusKm"],
    ["a central-city radius of −1 km", { centralCityRadiusKm: -1 }, "params.centralCityRadiusKm"],
  ])("%s is set aside and named", (_label, params, field) => {
    const r = parseProject(serializeProject({ ...base, params }), "p.hfp.json", ruleSetFor);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.project.params).toEqual({});
    expect(r.warnings.map((w) => w.field)).toEqual([field]);
  });

  it("without the rule sets at hand, the tool's ranges apply (a rural radius of 60 km is past 50)", () => {
    const r = parseProject(serializeProject({ ...base, params: { ruralRadiusKm: 60 } }), "p.hfp.json");
    expect(r.ok && r.warnings.map((w) => w.field)).toEqual(["params.ruralRadiusKm"]);
  });
});

describe("a saved session's parameters too", () => {
  it("an out-of-range value is set aside with a message, the session still loads", () => {
    const r = parseSavedSession(session({ ruralRadiusKm: 25, subCountVariant: "per-county" }), ruleSetFor);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.state.params).toEqual({ subCountVariant: "per-county" });
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatchObject({ file: "session", field: "params.ruralRadiusKm", value: "25" });
    expect(r.warnings[0].message.en).toContain("[10, 20]");
  });
});
