import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { FeatureCollection, Polygon } from "geojson";
import { describe, expect, it } from "vitest";
import {
  type AnalysisReport,
  analyze,
  type CountyProps,
  type Facility,
  facilitiesFromColumns,
  loadHighs,
  type ParamOverrides,
  RuleSetSchema,
} from "../../src/core";
import { createAnalysisApi, MAX_MAP_RINGS, type ShippedLoad } from "../../src/worker/api";

/** The worker's functions, called in Node: parameter changes go through the session's setParams. */

const root = resolve(import.meta.dirname, "../..");
const counties = JSON.parse(
  readFileSync(join(root, "test/fixtures/rules/two-counties.geojson"), "utf8"),
) as FeatureCollection<Polygon, CountyProps>;
const ruleSet = RuleSetSchema.parse(JSON.parse(readFileSync(join(root, "seeds/ruleset-nanyang.json"), "utf8")));
const existing: Facility[] = [
  { id: "a2", name: "甲县急救站一", type: "ems-station", lon: 112.2, lat: 33.05, county: "990001" },
  { id: "a3", name: "甲县急救站二", type: "ems-station", lon: 112.4, lat: 32.9, county: "990001" },
  { id: "b1", name: "乙区急救中心", type: "ems-centre", lon: 112.75, lat: 33.0, county: "990002" },
];
const proposed: Facility = {
  id: "P1",
  name: "规划急救站",
  type: "ems-station",
  lon: 112.1,
  lat: 32.85,
  proposed: true,
};
const params = { cellSizeM: 500 };

function stable(r: AnalysisReport) {
  return JSON.parse(JSON.stringify({ ...r, generatedAt: "" }));
}
const api = () => createAnalysisApi({ loadHighs: () => loadHighs() });

describe("worker setParams", () => {
  it("re-scores with the new radius without building grids or masks again; the baseline follows", () => {
    const w = api();
    const loaded = w.load({ counties, facilities: [...existing, proposed], ruleSet, params });
    expect(loaded.current.work).toMatchObject({ grids: 2, masks: 2 });
    const r = w.setParams({ ...params, ruralRadiusKm: 12 });
    expect(r.current.work.grids).toBe(2);
    expect(r.current.work.masks).toBe(2);
    const want = { ...params, ruralRadiusKm: 12 };
    expect(stable(r.current.report)).toEqual(
      stable(analyze({ counties, facilities: [...existing, proposed], ruleSet, params: want })),
    );
    expect(stable(r.baseline)).toEqual(stable(analyze({ counties, facilities: existing, ruleSet, params: want })));
    // the rural service rings are drawn at the new radius
    const rural = r.current.rings.filter((g) => g.properties.role === "rural");
    expect(rural.length).toBeGreaterThan(0);
    expect(new Set(rural.map((g) => g.properties.radiusKm))).toEqual(new Set([12]));
  });

  it("takes the overrides as a whole: a value no longer overridden returns to the rule set's", () => {
    const w = api();
    w.load({ counties, facilities: existing, ruleSet, params });
    expect(w.setParams({ ...params, ruralRadiusKm: 12, urbanRadiusKm: 4 }).current.report.params).toMatchObject({
      ruralRadiusKm: 12,
      urbanRadiusKm: 4,
    });
    expect(w.setParams(params).current.report.params).toMatchObject({ ruralRadiusKm: 20, urbanRadiusKm: 5 });
  });

  it("a baseline for proposed sites added after the load has no proposed site in it", () => {
    const w = api();
    w.load({ counties, facilities: existing, ruleSet, params });
    w.setFacilities([...existing, proposed]);
    const r = w.setParams({ ...params, ruralRadiusKm: 15 });
    const want = { ...params, ruralRadiusKm: 15 };
    expect(stable(r.baseline)).toEqual(stable(analyze({ counties, facilities: existing, ruleSet, params: want })));
    expect(stable(r.current.report)).not.toEqual(stable(r.baseline));
  });

  it("an upgrade counts in place of what it raises, and the baseline keeps the raised facility (s42-b #2)", () => {
    // 甲县's only THC raised to a sub-centre: the before has the THC, the after the sub-centre, never both nor neither
    const thc: Facility = {
      id: "t1",
      name: "甲镇中心卫生院",
      type: "central-thc",
      lon: 112.3,
      lat: 33.0,
      county: "990001",
      beds: 80,
    };
    const upgrade: Facility = {
      ...thc,
      id: "P9",
      name: "甲镇中心卫生院（升级为县域医疗卫生次中心）",
      type: "sub-centre",
      proposed: true,
      replaces: "t1",
    };
    const list = [...existing, thc, upgrade];
    const counted = [...existing, upgrade];
    const want = (facilities: Facility[], p: ParamOverrides = params) =>
      stable(analyze({ counties, facilities, ruleSet, params: p }));
    // a reload: the page sends the list with the upgrade beside its centre
    const w = api();
    const loaded = w.load({ counties, facilities: list, ruleSet, params });
    expect(stable(loaded.current.report)).toEqual(want(counted));
    expect(stable(loaded.baseline)).toEqual(want([...existing, thc]));
    const p15 = { ...params, ruralRadiusKm: 15 };
    const r = w.setParams(p15);
    expect(stable(r.current.report)).toEqual(want(counted, p15));
    expect(stable(r.baseline)).toEqual(want([...existing, thc], p15));
    // accepted after the load (the live path), then undone
    const v = api();
    v.load({ counties, facilities: [...existing, thc], ruleSet, params });
    expect(stable(v.setFacilities(list).report)).toEqual(want(counted));
    expect(stable(v.setParams(p15).baseline)).toEqual(want([...existing, thc], p15));
    expect(stable(v.setFacilities([...existing, thc]).report)).toEqual(want([...existing, thc], p15));
  });

  it("rejects a value outside its range and keeps the analysis", () => {
    const w = api();
    const before = w.load({ counties, facilities: existing, ruleSet, params }).current.report;
    expect(() => w.setParams({ ruralRadiusKm: 25 })).toThrow(/outside the plan's range \[10, 20\]/);
    expect(stable(w.setFacilities(existing).report)).toEqual(stable(before));
  });
});

describe("worker moveFacility sends only the rings that changed", () => {
  it("gives the moved site's ring and every ring's id; filled from the answer before, they are a full answer's rings", () => {
    const w = api();
    const loaded = w.load({ counties, facilities: [...existing, proposed], ruleSet, params });
    const m = w.moveFacility("P1", 112.15, 32.9, { live: true });
    expect(m.ringsBase).toBe(loaded.current.ringsVersion);
    expect(m.rings.map((r) => r.properties.facilityId)).toEqual(["P1"]);
    const before = new Map(loaded.current.rings.map((r) => [r.properties.facilityId, r]));
    const filled = m.ringIds.map((id) => m.rings.find((r) => r.properties.facilityId === id) ?? before.get(id));
    // a fresh worker given the moved list draws every ring from scratch
    const fresh = api().load({
      counties,
      facilities: [...existing, { ...proposed, lon: 112.15, lat: 32.9 }],
      ruleSet,
      params,
    });
    expect(JSON.parse(JSON.stringify(filled))).toEqual(JSON.parse(JSON.stringify(fresh.current.rings)));
    // a second move is sent against the first
    const m2 = w.moveFacility("P1", 112.2, 32.9);
    expect(m2.ringsBase).toBe(m.ringsVersion);
    expect(w.currentRings().ringsVersion).toBe(m2.ringsVersion);
    expect(w.currentRings().rings.map((r) => r.properties.facilityId)).toEqual(m2.ringIds);
  });
});

describe("worker loadShipped", () => {
  // the first analysis of a cold load: the worker reads a plan city's shipped files itself
  const file = (name: string) => join(root, "geodata", name);
  const read = (name: string) => JSON.parse(readFileSync(file(name), "utf8"));
  const files = {
    counties: "https://app.test/assets/counties-pingdingshan.geojson",
    scenario: "https://app.test/assets/scenario-pingdingshan.cols.json",
    divisions: "https://app.test/assets/divisions-pingdingshan.json",
  };
  const rules = RuleSetSchema.parse(JSON.parse(readFileSync(join(root, "seeds/ruleset-pingdingshan.json"), "utf8")));
  const coarse = { cellSizeM: 1000 };

  it("scores the same input the page builds from the same files (sample facilities, then the proposed sites)", async () => {
    const asked: string[] = [];
    const byUrl: Record<string, string> = {
      [files.counties]: "counties-pingdingshan.geojson",
      [files.scenario]: "scenario-pingdingshan.cols.json",
      [files.divisions]: "divisions-pingdingshan.json",
    };
    const w = createAnalysisApi({
      loadHighs: () => loadHighs(),
      readJson: async (url) => {
        asked.push(url);
        return read(byUrl[url]);
      },
    });
    const site: Facility = { ...proposed, lon: 113.2, lat: 33.75 };
    const got = await w.loadShipped({ files, proposed: [site], ruleSet: rules, params: coarse });
    expect(asked.sort()).toEqual(Object.values(files).sort());
    // the page's input, as use-analysis builds it from data.ts's load of the same files
    const sample = facilitiesFromColumns(read("scenario-pingdingshan.cols.json"));
    const want = api().load({
      counties: read("counties-pingdingshan.geojson"),
      facilities: [...sample, site],
      ruleSet: rules,
      params: coarse,
      population: [],
      divisions: read("divisions-pingdingshan.json"),
    });
    expect(stable(got.current.report)).toEqual(stable(want.current.report));
    expect(stable(got.baseline)).toEqual(stable(want.baseline));
    // the answer leaves the service rings out; the worker makes them when asked, the same as a load's
    expect(got.current.ringsPending).toBe(true);
    expect(got.current.rings).toEqual([]);
    expect(w.currentRings()).toEqual({ rings: want.current.rings, ringsVersion: got.current.ringsVersion });
    expect(got.current.report.counties.length).toBeGreaterThan(5);
    expect(got.baseline.counties.length).toBe(got.current.report.counties.length);
  });

  it("scores without divisions when their file cannot be read, as the page does", async () => {
    const w = createAnalysisApi({
      loadHighs: () => loadHighs(),
      readJson: async (url) => {
        if (url === files.divisions) throw new Error("HTTP 404");
        return read(url === files.counties ? "counties-pingdingshan.geojson" : "scenario-pingdingshan.cols.json");
      },
    });
    const got = await w.loadShipped({ files, proposed: [], ruleSet: rules, params: coarse });
    const want = api().load({
      counties: read("counties-pingdingshan.geojson"),
      facilities: facilitiesFromColumns(read("scenario-pingdingshan.cols.json")),
      ruleSet: rules,
      params: coarse,
      population: [],
    });
    expect(stable(got.current.report)).toEqual(stable(want.current.report));
  });

  describe("the early first load (started by the worker before the page asks)", () => {
    const byUrl: Record<string, string> = {
      [files.counties]: "counties-pingdingshan.geojson",
      [files.scenario]: "scenario-pingdingshan.cols.json",
      [files.divisions]: "divisions-pingdingshan.json",
    };
    const worker = (firstLoad: ShippedLoad | null, asked: string[] = []) =>
      createAnalysisApi({
        loadHighs: () => loadHighs(),
        readJson: async (url) => {
          asked.push(url);
          return read(byUrl[url]);
        },
        firstLoad: Promise.resolve(firstLoad),
      });
    const sampleInput = (params: ParamOverrides, extra: Facility[] = []) => ({
      counties: read("counties-pingdingshan.geojson"),
      facilities: [...facilitiesFromColumns(read("scenario-pingdingshan.cols.json")), ...extra],
      ruleSet: rules,
      params,
      population: [],
      divisions: read("divisions-pingdingshan.json"),
    });

    it("answers the page's equal request with its own answer, the files read once", async () => {
      const asked: string[] = [];
      const w = worker({ files, proposed: [], ruleSet: rules, params: coarse }, asked);
      await new Promise((r) => setTimeout(r, 50));
      // started on its own: the files are read before the page asks
      expect(asked.sort()).toEqual(Object.values(files).sort());
      // the page's request is another object (structured clone): equal by value
      const got = await w.loadShipped({
        files: { ...files },
        proposed: [],
        ruleSet: structuredClone(rules),
        params: { ...coarse },
      });
      expect(asked.sort()).toEqual(Object.values(files).sort());
      const want = api().load(sampleInput(coarse));
      expect(stable(got.current.report)).toEqual(stable(want.current.report));
      // the answer leaves the service rings out; the worker makes them when asked, the same as a load's
      expect(got.current.ringsPending).toBe(true);
      expect(got.current.rings).toEqual([]);
      expect(w.currentRings()).toEqual({ rings: want.current.rings, ringsVersion: got.current.ringsVersion });
      // and the session it leaves is the loaded one: an edit re-scores from it
      const site: Facility = { ...proposed, lon: 113.2, lat: 33.75 };
      const list = [...sampleInput(coarse).facilities, site];
      const ref = api();
      ref.load(sampleInput(coarse));
      expect(stable(w.setFacilities(list).report)).toEqual(stable(ref.setFacilities(list).report));
    });

    it("gives way to a different request: the page's parameters and proposed sites are scored", async () => {
      const w = worker({ files, proposed: [], ruleSet: rules, params: coarse });
      const site: Facility = { ...proposed, lon: 113.2, lat: 33.75 };
      const params = { ...coarse, ruralRadiusKm: 12 };
      const got = await w.loadShipped({ files, proposed: [site], ruleSet: rules, params });
      const want = api().load(sampleInput(params, [site]));
      expect(stable(got.current.report)).toEqual(stable(want.current.report));
      expect(stable(got.baseline)).toEqual(stable(want.baseline));
      expect(got.current.report.params.ruralRadiusKm).toBe(12);
    });

    it("a move before the rings were asked for sends every ring; asked for, they are a load's rings", async () => {
      // Nanyang's plans state an EMS radius (Pingdingshan's draw no rings)
      const site: Facility = { ...proposed, lon: 113.2, lat: 33.75 };
      const req = { files, proposed: [site], ruleSet, params: coarse };
      const ref = api();
      const want = ref.load({ ...sampleInput(coarse, [site]), ruleSet });
      expect(want.current.rings.length).toBeGreaterThan(10);
      const w1 = worker(null);
      const got = await w1.loadShipped(req);
      expect(got.current.ringsPending).toBe(true);
      expect(w1.currentRings()).toEqual({ rings: want.current.rings, ringsVersion: got.current.ringsVersion });
      const w2 = worker(null);
      await w2.loadShipped(req);
      const m = w2.moveFacility(site.id, 113.25, 33.7);
      expect(m.rings.map((r) => r.properties.facilityId).sort()).toEqual([...m.ringIds].sort());
      ref.moveFacility(site.id, 113.25, 33.7);
      const byId = (rs: { properties: { facilityId: string } }[]) =>
        [...rs].sort((a, b) => a.properties.facilityId.localeCompare(b.properties.facilityId));
      expect(byId(m.rings)).toEqual(byId(ref.currentRings().rings));
    });

    it("is dropped when the page loads its own input first (a saved session with imports)", async () => {
      const w = worker({ files, proposed: [], ruleSet: rules, params: coarse });
      const site: Facility = { ...proposed, lon: 113.2, lat: 33.75 };
      const own = w.load(sampleInput(coarse, [site]));
      await new Promise((r) => setTimeout(r, 50)); // the early load's reads have settled
      const moved = w.moveFacility(site.id, 113.25, 33.7);
      const want = api();
      want.load(sampleInput(coarse, [site]));
      expect(stable(moved.report)).toEqual(stable(want.moveFacility(site.id, 113.25, 33.7).report));
      expect(own.current.report.counties.length).toBeGreaterThan(5);
    });
  });
});

describe("worker load: county names in English texts (issue #11)", () => {
  it("names a county of the shipped name table in English in the English texts, in Chinese in the Chinese ones", () => {
    // the fixture's 甲县 under a real county's code and name: the table knows 411323 as Xixia
    const renamed = {
      ...counties,
      features: counties.features.map((f) =>
        f.properties.code === "990001" ? { ...f, properties: { ...f.properties, code: "411323", name: "西峡县" } } : f,
      ),
    };
    const w = api();
    const facilities = existing.map((f) => (f.county === "990001" ? { ...f, county: "411323" } : f));
    // a 10 km rural radius (the least the plan allows) leaves part of the county uncovered: a coverage row naming the county
    const r = w.load({ counties: renamed, facilities, ruleSet, params: { ...params, ruralRadiusKm: 10 } }).current
      .report;
    const rows = r.violations.filter((v) => v.county === "411323");
    const named = rows.filter((v) => v.message.zh.startsWith("西峡县"));
    expect(named.map((v) => v.rule)).toContain("EMS-RURAL");
    for (const v of named) expect(v.message.en).toMatch(/^Xixia County[: ]/);
    expect(rows.filter((v) => v.message.en.startsWith("西峡县"))).toEqual([]);
  });
});

describe("worker rings without cross-border cover follow the network the checks count", () => {
  // a station of 乙区 5 km from 甲's border, 5 km from the northern edge (lat 33.2), at the 20 km rural radius
  const station: Facility = {
    id: "s",
    name: "乙区急救站",
    type: "ems-station",
    lon: 112.55,
    lat: 33.15,
    county: "990002",
  };
  const box = (w: ReturnType<typeof api>, fc: FeatureCollection<Polygon, CountyProps>) => {
    const ring = w
      .load({ counties: fc, facilities: [station], ruleSet, params })
      .current.rings.find((g) => g.properties.facilityId === "s");
    if (!ring) throw new Error("no ring");
    const pts = (ring.geometry.type === "Polygon" ? [ring.geometry.coordinates] : ring.geometry.coordinates).flat(2);
    return {
      clipped: ring.properties.clipped,
      west: Math.min(...pts.map((p) => p[0])),
      north: Math.max(...pts.map((p) => p[1])),
    };
  };

  it("a district's ring reaches the city's other districts, a county's neighbour stays outside it", () => {
    const asDistricts = structuredClone(counties);
    asDistricts.features[0].properties = { ...asDistricts.features[0].properties, name: "甲区", kind: "district" };
    const twoDistricts = box(api(), asDistricts);
    // 甲区 is in 乙区's network: the ring goes 17 km into it (the full 20 km circle reaches 112.336°E), cut at the
    // districts' northern edge
    expect(twoDistricts.clipped).toBe(true);
    expect(twoDistricts.west).toBeLessThan(112.35);
    expect(twoDistricts.north).toBeLessThanOrEqual(33.2 + 1e-9);
    // 甲县 is a county: its own network, so 乙区's ring is cut at their border
    const withCounty = box(api(), counties);
    expect(withCounty.west).toBeGreaterThanOrEqual(112.5 - 1e-9);
    expect(withCounty.north).toBeLessThanOrEqual(33.2 + 1e-9);
  });
});

describe("the map's service rings past MAX_MAP_RINGS existing EMS points", () => {
  it("draws only the proposed sites' rings and says how many points go without; the exports keep every ring", () => {
    const many: Facility[] = Array.from({ length: MAX_MAP_RINGS + 1 }, (_, i) => ({
      id: `s${i}`,
      name: `急救站${i}`,
      type: "ems-station",
      lon: 112.05 + (i % 40) * 0.01,
      lat: 32.85 + Math.floor(i / 40) * 0.006,
      county: "990001",
    }));
    const w = api();
    const loaded = w.load({ counties, facilities: [...many, proposed], ruleSet, params });
    expect(loaded.current.ringsOmitted).toBe(MAX_MAP_RINGS + 1);
    expect(new Set(loaded.current.rings.map((r) => r.properties.facilityId))).toEqual(new Set(["P1"]));
    // the exports: an urban and a rural ring for every point
    expect(w.ringsByRule().length).toBe(2 * (MAX_MAP_RINGS + 2));
    // at the cap every point has its ring, and nothing is said
    const few = api().load({ counties, facilities: [...many.slice(1), proposed], ruleSet, params });
    expect(few.current.ringsOmitted).toBeUndefined();
    expect(few.current.rings.length).toBe(MAX_MAP_RINGS + 1);
  });
});

describe("worker reviewReport", () => {
  it("gives a county's report twice in a row, in either order (the planner trial: the second said 「load() first」)", async () => {
    const w = api();
    w.load({ counties, facilities: existing, ruleSet, params });
    const req = {
      cityName: "测试市",
      county: "990001",
      provenance: { boundaries: {}, facilityFile: null },
      invented: true,
    };
    const first = await w.reviewReport(req);
    const second = await w.reviewReport(req);
    expect(second.title).toBe(first.title);
    expect(second.html.length).toBeGreaterThan(1000);
    expect((await w.reviewReport({ ...req, county: undefined })).docx.length).toBeGreaterThan(1000);
  });
});
