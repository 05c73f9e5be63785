import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { FeatureCollection, MultiPolygon, Point, Polygon } from "geojson";
import { describe, expect, it } from "vitest";
import type { CountyProps, Facility } from "../../../src/core/model";
import {
  type AnalysisReport,
  analyze,
  countyTints,
  createAnalysisSession,
  type Divisions,
  facilityStatuses,
  type RuleSet,
  RuleSetSchema,
  type Violation,
  violationKeys,
} from "../../../src/core/rules";

const root = resolve(import.meta.dirname, "../../..");
const readJson = (file: string) => JSON.parse(readFileSync(join(root, file), "utf8"));
const ruleSet = (id: string): RuleSet => RuleSetSchema.parse(readJson(`seeds/ruleset-${id}.json`));

function violation(v: Partial<Violation> & Pick<Violation, "rule" | "county">): Violation {
  return { severity: "error", message: { zh: "x", en: "x" }, ...v };
}

describe("facilityStatuses", () => {
  const rules = { rules: [{ appliesTo: ["ems-station", "sub-centre"] }] } as unknown as RuleSet;
  const facilities = [
    { id: "S1", type: "ems-station" as const },
    { id: "S2", type: "ems-station" as const },
    { id: "C1", type: "sub-centre" as const },
    { id: "V1", type: "village-clinic" as const },
  ];

  it("a checked type passes unless an error names it; a review entry is not a failure; unchecked types stay so", () => {
    const report = {
      violations: [
        violation({ rule: "SUB-15KM", county: "411323", facilityId: "C1" }),
        violation({ rule: "EMS-TIERS", county: "411323", facilityId: "S2", severity: "review" }),
        violation({ rule: "VC-PER-VILLAGE", county: "411323", unitCode: "411323100200" }),
      ],
    };
    const s = facilityStatuses(report, facilities, rules);
    expect(Object.fromEntries(s)).toEqual({ S1: "passes", S2: "passes", C1: "violates", V1: "not-checked" });
  });

  it("a facility of a county the plan does not bind is shown, not judged (002 binds 南宫市 130581 alone)", () => {
    // 002 is Nangong's plan: 邢台's other units are context (docs/rules.md §1), so their stations are not-checked
    const report = {
      violations: [],
      counties: [
        { code: "130581", inScope: true },
        { code: "130502", inScope: false },
      ] as AnalysisReport["counties"],
    };
    const s = facilityStatuses(
      report,
      [
        { id: "N1", type: "ems-station", county: "130581" },
        { id: "X1", type: "ems-station", county: "130502" },
      ],
      rules,
    );
    expect(Object.fromEntries(s)).toEqual({ N1: "passes", X1: "not-checked" });
  });

  it("is empty while there is no report", () => {
    expect(facilityStatuses(null, facilities, rules).size).toBe(0);
  });

  it("names no facility that is not in the list", () => {
    const report = { violations: [violation({ rule: "SUB-15KM", county: "411323", facilityId: "gone" })] };
    expect(facilityStatuses(report, facilities, rules).has("gone")).toBe(false);
  });
});

describe("countyTints", () => {
  const rs = ruleSet("nanyang");
  const check = (rule: string, status: string) => ({ rule, status, message: { zh: "", en: "" } });
  const county = (code: string, checks: ReturnType<typeof check>[]) =>
    ({ code, name: code, areaKm2: 1, urbanAreaKm2: 0, checks }) as AnalysisReport["counties"][number];

  it("fails when a radius-coverage check fails, passes when one passes and none fails, else none", () => {
    const report = {
      counties: [
        county("A", [check("EMS-URBAN", "pass"), check("EMS-RURAL", "fail")]),
        county("B", [check("EMS-URBAN", "pass"), check("EMS-RURAL", "not-applicable"), check("SUB-15KM", "fail")]),
        county("C", [check("EMS-URBAN", "needs-data"), check("THC-PER-TOWNSHIP", "fail")]),
        county("D", []),
      ],
    };
    expect(Object.fromEntries(countyTints(report, rs))).toEqual({ A: "fail", B: "pass", C: "none", D: "none" });
  });

  it("reads which rules are radius checks from the rule set, not from their ids", () => {
    const renamed = { rules: rs.rules.map((r) => (r.id === "EMS-RURAL" ? { ...r, kind: "tiers" } : r)) } as RuleSet;
    const report = { counties: [county("A", [check("EMS-URBAN", "pass"), check("EMS-RURAL", "fail")])] };
    expect(countyTints(report, renamed).get("A")).toBe("pass");
  });
});

describe("violationKeys", () => {
  it("tells apart two missing hospital kinds of one county by their text, and numbers exact repeats", () => {
    const keys = violationKeys([
      violation({ rule: "COUNTY-3-HOSPITALS", county: "A", message: { zh: "缺中医", en: "no TCM hospital" } }),
      violation({ rule: "COUNTY-3-HOSPITALS", county: "A", message: { zh: "缺妇幼", en: "no MCH hospital" } }),
      violation({ rule: "SUB-15KM", county: "A", facilityId: "F1" }),
      violation({ rule: "SUB-15KM", county: "A", facilityId: "F1" }),
    ]);
    expect(new Set(keys).size).toBe(4);
    expect(keys[3]).toBe(`${keys[2]}#2`);
    // the text is named by a short hash, not written out: the key is an id in the Chinese exports too (re-trial s48 #6)
    expect(keys[0]).toMatch(/^COUNTY-3-HOSPITALS\|A\|t:[0-9a-f]{8}$/);
    expect(keys.join(" ")).not.toContain("TCM");
    const again = violationKeys([
      violation({ rule: "COUNTY-3-HOSPITALS", county: "A", message: { zh: "缺中医医院", en: "no TCM hospital" } }),
    ]);
    expect(again[0]).toBe(keys[0]);
  });

  const counties = readJson("geodata/counties-nanyang.geojson") as FeatureCollection<
    Polygon | MultiPolygon,
    CountyProps
  >;
  const divisions = readJson("geodata/divisions-nanyang.json") as Divisions;
  const facilities = (readJson("geodata/scenario-nanyang.geojson") as FeatureCollection<Point, Facility>).features.map(
    (f) => ({ ...f.properties, lon: f.geometry.coordinates[0], lat: f.geometry.coordinates[1] }),
  );
  const ruleSetIds = readdirSync(join(root, "seeds"))
    .filter((f) => /^ruleset-.*\.json$/.test(f))
    .map((f) => f.slice("ruleset-".length, -".json".length));

  it.each(ruleSetIds)("are unique over every violation of the Nanyang scenario under rule set %s", (id) => {
    const report = analyze({ counties, facilities, ruleSet: ruleSet(id), divisions });
    const keys = violationKeys(report.violations);
    expect(new Set(keys).size).toBe(report.violations.length);
    // no key needed a repeat number: each names its rule, county and subject
    expect(keys.filter((k) => k.includes("#"))).toEqual([]);
  });

  it("keep naming the same violations when a facility elsewhere moves", () => {
    const session = createAnalysisSession({ counties, facilities, ruleSet: ruleSet("nanyang"), divisions });
    const before = session.report();
    const sub = before.violations.find((v) => v.rule === "SUB-15KM");
    expect(sub).toBeDefined();
    // move an EMS station of another county by 5 km: the SUB-15KM violation keeps its key
    const station = facilities.find((f) => f.type === "ems-station" && f.county !== sub!.county)!;
    session.moveFacility(station.id, station.lon + 0.05, station.lat);
    const after = session.report();
    const keyOf = (r: AnalysisReport, v: Violation) => violationKeys(r.violations)[r.violations.indexOf(v)];
    const same = after.violations.find((v) => v.rule === "SUB-15KM" && v.facilityId === sub!.facilityId)!;
    expect(keyOf(after, same)).toBe(keyOf(before, sub!));
  });
});
