import { describe, expect, it } from "vitest";
import { sitingBasis } from "../../src/app/state/use-suggestions";
import {
  exportShapefileZip,
  FACILITY_DBF_FIELDS,
  type Facility,
  facilityFeature,
  proposedSites,
  reportSources,
  SITING_BASIS,
} from "../../src/core";

/**
 * An accepted suggestion keeps what it was computed on and what it added (the siting trial, s55d M1: under 平顶山's 001,
 * which sets no EMS radius, the 10 km assumed and each site's gain were in no export and no report once accepted).
 */
const form = {
  county: "410423",
  type: "ems-station" as const,
  radiusKm: 10,
  radiusFollowsPlan: false,
  mode: "mclp" as const,
  k: 2,
  targetPct: 100,
  gridKm: 2,
  minSeparationKm: 0,
  method: "auto" as const,
  candidateSource: "grid" as const,
  minutes: 0,
};
const result = { form, result: { status: "optimal", demandUnit: "km2" } } as never;

/** An accepted suggestion as the Suggest tab makes it, with its basis. */
const accepted = (basis: string): Facility => ({
  id: "P1",
  name: "建议急救站 P1",
  type: "ems-station",
  lon: 112.9,
  lat: 33.74,
  proposed: true,
  extra: { [SITING_BASIS]: basis },
});

describe("an accepted suggestion's basis", () => {
  it("says the radius, k, the site's own gain and the solver's status", () => {
    expect(sitingBasis(result, { gain: 228.64, gainShare: 0.1234 })).toBe(
      "选址建议：服务半径 10 km，新增 2 个；本站新增覆盖 228.6 km²（12.3%）；最优解",
    );
    // a radius no plan sets is said to be the planner's own (the re-check, s55e N5)
    expect(sitingBasis(result, { gain: 228.64, gainShare: 0.1234 }, false)).toMatch(
      /^选址建议：服务半径 10 km（自设假设，规划未规定），新增 2 个；/,
    );
    const timed = {
      form: { ...form, minutes: 15, mode: "lscp", targetPct: 95 },
      result: { status: "time-limit", demandUnit: "people" },
    } as never;
    expect(sitingBasis(timed, { gain: 5321.4, gainShare: 0.05 })).toBe(
      "选址建议：行车 15 分钟，覆盖 95% 所需最少站点；本站新增覆盖 5321 人（5.0%）；限时内最优",
    );
  });

  it("goes into the Shapefile export as SITE_BASIS, an ASCII name as our other fields (the re-check, s55e N4)", async () => {
    const site = accepted("选址建议：服务半径 10 km");
    const { fields } = await exportShapefileZip([
      { name: "facilities", kind: "point", features: [facilityFeature(site, {})], fields: FACILITY_DBF_FIELDS },
    ]);
    expect(fields.find((f) => f.property === SITING_BASIS)?.name).toBe("SITE_BASIS");
  });

  it("is said in the review report's list of proposed sites", () => {
    const site = accepted(sitingBasis(result, { gain: 228.64, gainShare: 0.1234 }));
    const sites = proposedSites([site], []);
    expect(sites[0].basis).toBe("选址建议：服务半径 10 km，新增 2 个；本站新增覆盖 228.6 km²（12.3%）；最优解");
    const notes = reportSources({
      facilities: { file: null, count: 1, invented: true, proposed: 1, proposedSites: sites },
      boundaries: {},
      ruleSet: { id: "pingdingshan", title: "平顶山" },
    });
    expect(notes.find((n) => n.title.startsWith("规划新增站点"))?.caveat).toContain(
      "建议急救站 P1（急救站，不在本市任何县区内，112.90000, 33.74000）【选址建议：服务半径 10 km",
    );
  });
});
