import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { paramsInUse, RuleSetSchema, ringFeaturesForExport } from "../../src/core";
import { cli, ROOT, readJson, workDir } from "./run";

/**
 * A result records the EMS radii and the sub-centre distance only where the rule set has the rule that uses them (the
 * GIS trial, s42-a #2: 平顶山's exports and print map said 「农村 20 km」 under plan 001, which sets no radius).
 */
const work = workDir("params-in-use-");
const set = (name: string) => RuleSetSchema.parse(readJson(join(ROOT, `seeds/ruleset-${name}.json`)));

describe("the parameters a result records", () => {
  it("the radii under 南阳's plans, none under 平顶山's; other parameters stay", () => {
    const params = { urbanRadiusKm: 5, ruralRadiusKm: 20, subCentreMinKm: 15, crossBorder: false };
    expect(paramsInUse(set("nanyang"), params)).toEqual(params);
    expect(paramsInUse(set("pingdingshan"), params)).toEqual({ crossBorder: false });
  });

  it("a ring no rule of the set draws is not exported (平顶山 sets no sub-centre distance; the re-trial)", () => {
    const square = [
      [
        [112, 33],
        [112.1, 33],
        [112.1, 33.1],
        [112, 33],
      ],
    ];
    const ring = {
      type: "Feature" as const,
      geometry: { type: "Polygon" as const, coordinates: square },
      properties: {
        facilityId: "cmc",
        facilityType: "county-medical-centre" as const,
        radiusKm: 15,
        role: "sub-centre-distance" as const,
        proposed: false,
      },
    };
    const input = { rings: [ring], facilities: [], counties: [] };
    expect(ringFeaturesForExport({ ...input, ruleSet: set("pingdingshan") })).toEqual([]);
    expect(ringFeaturesForExport({ ...input, ruleSet: set("nanyang") }).map((f) => f.properties.rule)).toEqual([
      "SUB-15KM",
    ]);
  });

  it("平顶山's GeoJSON outputs carry no radius; 南阳's do", async () => {
    const pds = await cli(
      "analyze",
      "--city",
      "pingdingshan",
      "--facilities",
      join(ROOT, "geodata/scenario-pingdingshan.geojson"),
      "--out",
      join(work, "pds"),
    );
    expect(pds.code).toBe(0);
    for (const f of ["gaps.geojson", "violations.geojson", "facilities.geojson", "report.json"]) {
      const params = readJson(join(work, "pds", f)).params;
      expect(params, f).toBeDefined();
      expect(params.ruralRadiusKm, f).toBeUndefined();
      expect(params.urbanRadiusKm, f).toBeUndefined();
    }
    // and its gaps file says coverage was not checked, as the console does (the GIS trial, s51b M2)
    expect(readJson(join(work, "pds", "gaps.geojson")).note.zh).toContain("未作覆盖核查");
    expect(pds.out).toContain("本规则集（001）未设急救服务半径或急救行车时间，未作覆盖核查");
    expect(pds.out).not.toContain("急救覆盖按各自急救网络计");
    const ny = await cli(
      "analyze",
      "--facilities",
      join(ROOT, "geodata/scenario-nanyang.geojson"),
      "--out",
      join(work, "ny"),
    );
    expect(ny.code).toBe(0);
    expect(readJson(join(work, "ny", "gaps.geojson")).params.ruralRadiusKm).toBe(20);
    expect(readJson(join(work, "ny", "gaps.geojson")).note).toBeUndefined();
  }, 120_000);
});
