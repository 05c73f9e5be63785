import { describe, expect, it } from "vitest";
import { exportFacilitiesGeoJSON, exportFeaturesGeoJSON, planMeta } from "../../../src/core/io/export";
import type { Facility } from "../../../src/core/model";
import { violationsCsv } from "../../../src/core/report/tables";
import { refWgsToGcj } from "./reference";

// The user trial, s52 M3: the violations and gaps a planner exported with one unbuilt station said 77.9 % cover and
// nothing of the station at the top; only the Word report said the results judge the plan.
const site = (id: string): Facility => ({
  id,
  name: `规划急救站 ${id}`,
  type: "ems-station",
  lon: 103.3,
  lat: 26.4,
  proposed: true,
});
const existing: Facility = { id: "a", name: "者海镇急救站", type: "ems-station", lon: 103.6, lat: 26.4 };

describe("an export's word that its results count proposed sites (the user trial, s52 M3)", () => {
  it("names the sites and says the plan is judged; nothing without a proposed site", () => {
    expect(planMeta([existing])).toBeUndefined();
    const plan = planMeta([existing, site("P1")]);
    expect(plan?.proposedSites).toEqual([
      { id: "P1", name: "规划急救站 P1", type: "ems-station", lon: 103.3, lat: 26.4 },
    ]);
    expect(plan?.note.en).toBe(
      "these results count 1 proposed site, not yet built: 规划急救站 P1; they judge the plan, not the current state",
    );
    expect(plan?.scenario).toEqual({ zh: "规划方案（含规划新增站点 1 处）", en: "plan (with 1 proposed site)" });
    const many = planMeta(Array.from({ length: 12 }, (_, i) => site(`P${i + 1}`)));
    expect(many?.note.zh).toMatch(/：规划急救站 P1、.*规划急救站 P10 等 12 处；据此判定的是规划方案，不是现状$/);
  });

  it("a GeoJSON carries it as a top-level member, a CSV on every row", () => {
    const plan = planMeta([existing, site("P1")]);
    const fc = JSON.parse(exportFeaturesGeoJSON([], plan ? { plan } : {}));
    expect(fc.plan).toEqual({ proposedSites: plan?.proposedSites, note: plan?.note });
    expect(JSON.parse(exportFeaturesGeoJSON([], {})).plan).toBeUndefined();
    const row = {
      type: "Feature" as const,
      geometry: { type: "Point" as const, coordinates: [103.3, 26.4] },
      properties: {
        violationId: "x",
        rule: "EMS-RURAL",
        severity: "error",
        county: "530326",
        geometryKind: "gap-interior",
        provenance: [],
      } as never,
    };
    const [head, line] = violationsCsv([row], "zh", plan ? { scenario: plan.scenario } : {})
      .slice(1)
      .split("\r\n");
    expect(head.split(",")[1]).toBe("方案");
    expect(line.split(",")[1]).toBe("规划方案（含规划新增站点 1 处）");
    expect(violationsCsv([row], "en").split("\r\n")[0]).not.toContain("scenario");
  });
});

describe("a GCJ-02 facility export gives the plan's sites in GCJ-02, as its points (the planner trial, s53d M4)", () => {
  it("the member's coordinates are the site's feature's; a WGS84 export keeps WGS84", () => {
    const list = [existing, site("P1")];
    const plan = planMeta(list);
    const gcj = JSON.parse(exportFacilitiesGeoJSON(list, plan ? { plan } : {}, { crs: "gcj02" }));
    const feature = gcj.features.find((f: { id: string }) => f.id === "P1");
    expect([gcj.plan.proposedSites[0].lon, gcj.plan.proposedSites[0].lat]).toEqual(feature.geometry.coordinates);
    const [lon, lat] = refWgsToGcj(103.3, 26.4);
    expect(gcj.plan.proposedSites[0].lon).toBeCloseTo(lon, 8);
    expect(gcj.plan.proposedSites[0].lat).toBeCloseTo(lat, 8);
    const wgs = JSON.parse(exportFacilitiesGeoJSON(list, plan ? { plan } : {}));
    expect(wgs.plan.proposedSites[0]).toMatchObject({ lon: 103.3, lat: 26.4 });
  });
});
