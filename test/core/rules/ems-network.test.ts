import { booleanPointInPolygon } from "@turf/turf";
import geographiclib from "geographiclib-geodesic";
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from "geojson";
import { describe, expect, it } from "vitest";
import {
  type AnalysisReport,
  analyze,
  type CountyFeature,
  type CountyProps,
  createAnalysisSession,
  type Facility,
  placeViolations,
  planCountySiting,
  resolveParams,
  solveCountySiting,
} from "../../../src/core";
import { nanyangInputs } from "../report/nanyang";
import { counties, fac, ruleSet } from "./fidelity-helpers";

/**
 * 003:61 「以市紧急医疗救援中心、县级“120”急救指挥中心为中枢、以急救站为基础」: a county (县) or county-level city has its own
 * county-level 120 hub and is judged on its own network; the city's districts (市辖区) are served by the city's rescue
 * centre and form one network, the city's. Without cross-border cover a district counts the points of every district
 * of its city and the city's rescue centre wherever it stands; a county counts its own (docs/rules.md §3).
 */

const G = geographiclib.Geodesic.WGS84;
const km = (a: [number, number], b: [number, number]) => (G.Inverse(a[1], a[0], b[1], b[0]).s12 as number) / 1000;

function rect(x0: number, y0: number, x1: number, y1: number): Polygon {
  return {
    type: "Polygon",
    coordinates: [
      [
        [x0, y0],
        [x1, y0],
        [x1, y1],
        [x0, y1],
        [x0, y0],
      ],
    ],
  };
}

/**
 * 甲区 (112.0–112.5 × 32.8–33.2) and 乙区 (112.5–113.0) districts of one city, 丙县 a county of that city north of
 * 甲区 (33.2–33.6), and 丁区 a district of another city east of 乙区 (113.0–113.5).
 */
function fourUnits(city = "nanyang"): FeatureCollection<Polygon, CountyProps> {
  const fc = counties(city, { code: "990001", name: "甲区", kind: "district" });
  const more: Array<Feature<Polygon, CountyProps>> = [
    {
      type: "Feature",
      geometry: rect(112.0, 33.2, 112.5, 33.6),
      properties: { code: "990003", name: "丙县", kind: "county", seat: [112.25, 33.4], city },
    },
    {
      type: "Feature",
      geometry: rect(113.0, 32.8, 113.5, 33.2),
      properties: { code: "990004", name: "丁区", kind: "district", seat: [113.25, 33.0], city: "other" },
    },
  ];
  return { ...fc, features: [...fc.features, ...more] };
}

function check(r: AnalysisReport, code: string, rule: string) {
  const c = r.counties.find((x) => x.code === code)?.checks.find((k) => k.rule === rule);
  if (!c) throw new Error(`no ${rule} in ${code}`);
  return c;
}
const rural = (r: AnalysisReport, code: string) => check(r, code, "EMS-RURAL").coveredShare as number;
function stable(r: AnalysisReport) {
  return JSON.parse(JSON.stringify({ ...r, generatedAt: "" }));
}

describe("a district counts the city's network, a county its own", () => {
  const fc = fourUnits();
  const rs = ruleSet("nanyang");
  const params = { cellSizeM: 500 };
  // 甲区's station 4.7 km from 乙区; another 5.5 km from 丙县; 乙区's station 4.7 km from 丁区 (another city)
  const sA = fac("sA", "ems-station", [112.45, 33.0], "990001");
  const sA2 = fac("sA2", "ems-station", [112.25, 33.15], "990001");
  const sB = fac("sB", "ems-station", [112.95, 33.0], "990002");
  const facilities = [sA, sA2, sB];

  it("甲区's station covers part of 乙区 by default, as with cross-border cover; 丙县 and 丁区 only with it", () => {
    const own = analyze({ counties: fc, facilities, ruleSet: rs, params });
    const cross = analyze({ counties: fc, facilities, ruleSet: rs, params: { ...params, crossBorder: true } });
    // 乙区 counts sA (甲区) and sB (its own); 甲区 counts sB: each district's figure is the same as cross-border's,
    // which counts the very same stations there
    expect(rural(own, "990002")).toBeGreaterThan(0);
    expect(rural(own, "990002")).toBe(rural(cross, "990002"));
    expect(rural(own, "990001")).toBe(rural(cross, "990001"));
    // 丙县 is a county: 甲区's station does not count for it without cross-border cover
    expect(rural(own, "990003")).toBe(0);
    expect(rural(cross, "990003")).toBeGreaterThan(0);
    // 丁区 is another city's district: not in this city's network (南阳's set leaves it out of scope; the national
    // set, which any city of the picker gets, judges every unit)
    const nat = { counties: fc, facilities, ruleSet: ruleSet("national"), params };
    expect(rural(analyze(nat), "990004")).toBe(0);
    expect(rural(analyze(nat), "990002")).toBe(rural(own, "990002"));
    expect(rural(analyze({ ...nat, params: { ...params, crossBorder: true } }), "990004")).toBeGreaterThan(0);
  });

  it("without 甲区's stations 乙区 covers less: they are what the default adds", () => {
    const withA = analyze({ counties: fc, facilities, ruleSet: rs, params });
    const withoutA = analyze({ counties: fc, facilities: [sB], ruleSet: rs, params });
    expect(rural(withA, "990002")).toBeGreaterThan(rural(withoutA, "990002") + 0.01);
  });

  it("an EMS centre standing in a county is that county's, not the districts' (the GIS trial: 镇平县急救中心)", () => {
    // 南阳's plan: the city hub is the 市紧急医疗救援中心 (an EMS centre), a county's hub its 120 command centre; the
    // centre of a 县 is the county's own, in its network alone, and its hub
    const at: [number, number] = [112.3, 33.22]; // in 丙县, 2.2 km from 甲区
    const centre = fac("c", "ems-centre", at, "990003", { name: "丙县急救中心" });
    const station = fac("st", "ems-station", at, "990003");
    for (const city of ["nanyang", "yichun"]) {
      const r = analyze({ counties: fourUnits(city), facilities: [centre], ruleSet: ruleSet(city), params });
      expect(rural(r, "990001"), city).toBe(0);
      expect(rural(r, "990003"), city).toBeGreaterThan(0);
      expect(check(r, "990003", "EMS-TIERS").status, city).toBe("pass");
      expect(check(r, "990003", "EMS-TIERS").message.zh, city).toContain("丙县急救中心");
      // the districts are not served by it
      expect(check(r, "990001", "EMS-TIERS").status, city).toBe("fail");
      expect(check(r, "990001", "EMS-TIERS").message.zh, city).toContain("市辖区内也无");
    }
    expect(rural(analyze({ counties: fc, facilities: [station], ruleSet: rs, params }), "990001")).toBe(0);
    // one standing in a district is the city's: it counts for every district and passes their EMS-TIERS
    const inDistrict = { ...centre, id: "hub", name: "市紧急医疗救援中心", county: "990002", lon: 112.75, lat: 33.1 };
    const withHub = analyze({ counties: fc, facilities: [inDistrict], ruleSet: rs, params });
    expect(check(withHub, "990001", "EMS-TIERS").status).toBe("pass");
    expect(check(withHub, "990001", "EMS-TIERS").message.zh).toContain("市辖区由市级急救中枢服务：市紧急医疗救援中心");
    expect(check(withHub, "990003", "EMS-TIERS").status).toBe("fail");
    // 宜春 counts a district's own 急救中心 as its hub: 「本区」, not 「本县」 (the re-trial)
    const yichun = analyze({
      counties: fourUnits("yichun"),
      facilities: [inDistrict],
      ruleSet: ruleSet("yichun"),
      params,
    });
    expect(check(yichun, "990002", "EMS-TIERS").message.zh).toMatch(/^有本区.* 1 所（市紧急医疗救援中心）/);
    expect(check(yichun, "990002", "EMS-TIERS").message.en).toMatch(/^its own hub, .* \(市紧急医疗救援中心\)/);
    const two = analyze({
      counties: fourUnits("yichun"),
      facilities: [inDistrict, { ...inDistrict, id: "hub2", name: "乙区急救站", type: "ems-station" }],
      ruleSet: ruleSet("yichun"),
      params,
    });
    expect(check(two, "990002", "EMS-TIERS").message.zh).toMatch(/ 2 所（市紧急医疗救援中心 等）/);
  });

  it("南宫's hub stands at 南宫市人民医院 (002:201 「依托南宫市人民医院」): by name or within 0.5 km, else for review", () => {
    const rs = ruleSet("nangong");
    // 002 binds 南宫市 alone (130581): 丙县 stands in for it
    const fc4 = fourUnits("nangong");
    const units = {
      ...fc4,
      features: fc4.features.map((f) =>
        f.properties.code === "990003"
          ? { ...f, properties: { ...f.properties, code: "130581", name: "南宫市", kind: "city" as const } }
          : f,
      ),
    };
    const seat: [number, number] = [112.25, 33.4]; // in 丙县, a county-level unit as 南宫市 is
    const hospital = fac("ph", "county-medical-centre", seat, "130581", { name: "南宫市人民医院" });
    const run = (facilities: Facility[]) =>
      check(analyze({ counties: units, facilities, ruleSet: rs, params }), "130581", "EMS-TIERS");
    const violations = (facilities: Facility[]) =>
      analyze({ counties: units, facilities, ruleSet: rs, params }).violations.filter(
        (v) => v.rule === "EMS-TIERS" && v.county === "130581",
      );
    // 0.4 km east of the hospital (geodesic), so named that its name does not tell
    const near: [number, number] = [seat[0] + 0.4 / (111.32 * Math.cos((seat[1] * Math.PI) / 180)), seat[1]];
    const hub = (at: [number, number], name = "市120急救指挥中心") =>
      fac("hub", "ems-dispatch", at, "130581", { name });
    expect(km(near, seat)).toBeGreaterThan(0.39);
    expect(km(near, seat)).toBeLessThan(0.5);
    const atHospital = run([hospital, hub(near)]);
    expect(atHospital.status).toBe("pass");
    expect(atHospital.message.zh).toContain("，依托南宫市人民医院（002:201）");
    // 3 km away: for review, the distance said; the violation row stands at the hub
    const far: [number, number] = [seat[0] + 3 / (111.32 * Math.cos((seat[1] * Math.PI) / 180)), seat[1]];
    const away = run([hospital, hub(far)]);
    expect(away.status).toBe("review");
    expect(away.message.zh).toContain(
      `市120急救指挥中心未见依托南宫市人民医院（002:201）：清单中的南宫市人民医院距它 ${km(far, seat).toFixed(1)} 公里，待核`,
    );
    expect(away.message.en).toContain(
      `the list's 南宫市人民医院 is ${km(far, seat).toFixed(1)} km from it; for review`,
    );
    const v = violations([hospital, hub(far)]);
    expect(v.map((x) => [x.severity, x.facilityId])).toEqual([["review", "hub"]]);
    // named for the hospital but 3 km from the list's hospital: its place says otherwise, for review (the re-trial);
    // with no such hospital in the list the name is all there is: at it by name, for review without it
    expect(run([hospital, hub(far, "南宫市人民医院急救中心")]).status).toBe("review");
    expect(run([hub(far, "南宫市人民医院急救中心")]).status).toBe("pass");
    const none = run([hub(far)]);
    expect(none.status).toBe("review");
    expect(none.message.zh).toContain("清单中没有南宫市人民医院");
    // no other plan sets its hubs at a hospital: the same far hub passes in 宜春
    expect(
      check(
        analyze({
          counties: fourUnits("yichun"),
          facilities: [hospital, hub(far)].map((f) => ({ ...f, county: "990003" })),
          ruleSet: ruleSet("yichun"),
          params,
        }),
        "990003",
        "EMS-TIERS",
      ).status,
    ).toBe("pass");
  });

  it("every check and violation row says which network it counted, and so does the report", () => {
    const own = analyze({ counties: fc, facilities, ruleSet: rs, params });
    const district = check(own, "990002", "EMS-RURAL");
    expect(district.status).toBe("fail");
    expect(district.message.zh).toContain("（计本市各市辖区急救网络及市级急救中心）");
    expect(district.message.en).toContain("(the city's network: every district's points and the city's EMS centre)");
    const row = own.violations.find((v) => v.rule === "EMS-RURAL" && v.county === "990002");
    expect(row?.message.zh).toContain("计本市各市辖区急救网络及市级急救中心");
    expect(row?.message.en).toContain("the city's network");
    expect(check(own, "990003", "EMS-RURAL").message.zh).toContain("（仅计本县急救网络）");
    expect(own.emsNetworkUsed.zh).toContain("市辖区计本市各市辖区急救网络及市级急救中心");
    expect(own.emsNetworkUsed.en).toContain("a district the city's network");
    const cross = analyze({ counties: fc, facilities, ruleSet: rs, params: { ...params, crossBorder: true } });
    expect(check(cross, "990002", "EMS-RURAL").message.zh).toContain("（计入邻县急救点）");
  });

  it("the network statement quotes the city's own plan for its hubs, never Nanyang's 003:61 for another city", () => {
    // the reviewer trial: 南阳's 「以市紧急医疗救援中心、县级“120”急救指挥中心为中枢」 was shown for 平顶山, 宜春, 南宫
    const net = (city: string) =>
      analyze({ counties: fourUnits(city), facilities, ruleSet: ruleSet(city), params }).emsNetworkUsed;
    expect(net("nanyang").zh).toContain("003:61「健全以市紧急医疗救援中心");
    for (const city of ["pingdingshan", "yichun", "nangong"]) {
      expect(net(city).zh, city).not.toContain("003:61");
      expect(net(city).zh, city).not.toContain("紧急医疗救援中心");
    }
    expect(net("yichun").zh).toContain("004:439「建立健全市县两级急救中心（站）建设」");
    expect(net("nangong").zh).toContain("002:201「依托南宫市人民医院设立市急救中心」");
    expect(net("pingdingshan").zh).not.toContain("「");
    // a 宜春 district served by the city's hub cites 004:439, not 003:61
    const hub = fac("hub", "ems-centre", [114.38, 27.8], "990002", { name: "宜春市急救中心" });
    const y = analyze({ counties: fourUnits("yichun"), facilities: [hub], ruleSet: ruleSet("yichun"), params });
    const tiers = check(y, "990001", "EMS-TIERS");
    expect(tiers.message.zh).toContain("市辖区由市级急救中枢服务：宜春市急救中心（004:439）");
    expect(tiers.message.zh).not.toContain("003:61");
  });

  it("moving a district's station re-scores every district of the city and equals a fresh analysis", () => {
    const s = createAnalysisSession({ counties: fc, facilities, ruleSet: rs, params });
    s.report();
    s.moveFacility("sA", 112.48, 33.05);
    const after = s.report();
    // (丙县 fails, but its row's place lies beyond 20 km of sA before and after: no outside point of its row changes)
    expect(s.lastRescored().sort()).toEqual(["990001", "990002"]);
    const moved = facilities.map((f) => (f.id === "sA" ? { ...f, lon: 112.48, lat: 33.05 } : f));
    expect(stable(after)).toEqual(stable(analyze({ counties: fc, facilities: moved, ruleSet: rs, params })));
    // and switching cross-border cover on and off again gives the default's figures back
    s.setParams({ crossBorder: true });
    s.report();
    s.setParams({ crossBorder: false });
    expect(stable(s.report()).counties).toEqual(stable(after).counties);
  });

  it("siting counts the same network: 甲区's station is an existing site of 乙区, not of 丙县 or 丁区", () => {
    const ids = (county: string) => {
      const plan = planCountySiting(sitingRequest(fc, county, params));
      if (plan.kind !== "problem") throw new Error(plan.kind);
      return plan.built.problem.existing.map((e) => e.id).sort();
    };
    expect(ids("990002")).toEqual(["sA", "sB"]);
    expect(ids("990003")).toEqual([]);
    expect(ids("990004")).toEqual([]);
  });

  it("siting's coverage before equals the check's, and the fewest sites for 100 % make 乙区's check pass", async () => {
    // the urban area replaced by a polygon in 丁区: 乙区 is all rural, so the siting's whole-area share is EMS-RURAL's
    const only = { cellSizeM: 500, ruralRadiusKm: 10, urban: { polygons: [rect(113.2, 32.9, 113.3, 33.0)] } };
    const before = analyze({ counties: fc, facilities, ruleSet: rs, params: only });
    const plan = planCountySiting({
      ...sitingRequest(fc, "990002", only),
      objective: { kind: "lscp", targetShare: 1 },
    });
    if (plan.kind !== "problem") throw new Error(plan.kind);
    const r = await solveCountySiting(plan.built, { method: "greedy", timeLimitSec: 30 });
    // on the checks' grid: what siting counts as covered before is what the check counts (sA of 甲区 included)
    expect(r.check?.coveredShareBefore).toBeCloseTo(rural(before, "990002"), 9);
    expect(r.check?.uncoveredKm2After).toBe(0);
    const proposed = r.sites.map(
      (x, i): Facility => fac(`P${i + 1}`, "ems-station", [x.lon, x.lat], "990002", { proposed: true }),
    );
    const after = analyze({ counties: fc, facilities: [...facilities, ...proposed], ruleSet: rs, params: only });
    expect(check(after, "990002", "EMS-RURAL").status).toBe("pass");
    // and that share is not 乙区's own stations' alone: 甲区's station is in it
    const ownOnly = analyze({ counties: fc, facilities: [sB], ruleSet: rs, params: only });
    expect(rural(ownOnly, "990002")).toBeLessThan((r.check?.coveredShareBefore as number) - 0.01);
  }, 120_000);

  function sitingRequest(fcIn: typeof fc, county: string, p: Parameters<typeof resolveParams>[1]) {
    return {
      counties: fcIn.features as CountyFeature[],
      county,
      facilities,
      ruleSet: rs,
      params: resolveParams(rs, p, "nanyang"),
      type: "ems-station" as const,
      radiusKm: 10,
      objective: { kind: "mclp" as const, k: 1 },
      candidates: { kind: "grid" as const, gridKm: 5 },
    };
  }
});

describe("a failing radius row names the nearest point outside its network that reaches its place (the audit, s50 LOW-3)", () => {
  const fc = fourUnits();
  const rs = ruleSet("nanyang");
  const params = { cellSizeM: 500 };
  // 丙县's own station covers its north; 甲区's stations stand south of its southern edge (33.2)
  const own = fac("c1", "ems-station", [112.25, 33.55], "990003", { name: "丙县北站" });
  const sA = fac("sA", "ems-station", [112.45, 33.0], "990001", { name: "甲区东站" });
  const sA2 = fac("sA2", "ems-station", [112.12, 33.15], "990001", { name: "甲区北站" });
  const facilities = [own, sA, sA2];
  const rowOf = (r: AnalysisReport) => {
    const v = r.violations.find((x) => x.rule === "EMS-RURAL" && x.county === "990003");
    if (!v?.coverage || v.lon === undefined || v.lat === undefined) throw new Error("no row");
    return { v, c: v.coverage, at: [v.lon, v.lat] as [number, number] };
  };
  // the reference: every EMS point not of 丙县 (a county counts its own network), by geographiclib
  const reference = (fs: Facility[], at: [number, number]) =>
    fs
      .filter((f) => f.county !== "990003")
      .map((f) => ({ f, d: km(at, [f.lon, f.lat]) }))
      .filter((x) => x.d <= 20)
      .sort((a, b) => a.d - b.d)[0];

  it("丙县's row names 甲区's station nearest its place, within 20 km, with its county and geodesic distance", () => {
    const { c, at } = rowOf(analyze({ counties: fc, facilities, ruleSet: rs, params }));
    const ref = reference(facilities, at);
    expect(ref).toBeDefined();
    expect(c.neighbourPointId).toBe(ref.f.id);
    expect(c.neighbourPointName).toBe(ref.f.name);
    expect(c.neighbourPointCounty).toBe("990001");
    expect(c.neighbourPointCountyName).toBe("甲区");
    expect(c.neighbourPointKm).toBeCloseTo(ref.d, 6);
    expect(c.neighbourPointKm).toBeLessThanOrEqual(20);
    // its own network's nearest is still the one it counted, and lies beyond the radius
    expect(c.nearestPointId).toBe("c1");
    expect(c.nearestPointKm).toBeGreaterThan(20);
  });

  it("with cross-border cover, or with no outside point within the radius, the row names none", () => {
    const cross = analyze({ counties: fc, facilities, ruleSet: rs, params: { ...params, crossBorder: true } });
    for (const v of cross.violations) expect(v.coverage?.neighbourPointId).toBeUndefined();
    // 甲区's stations moved 30 km south: none reaches 丙县's gap
    const far = facilities.map((f) => (f.county === "990001" ? { ...f, lat: f.lat - 0.3 } : f));
    const { c, at } = rowOf(analyze({ counties: fc, facilities: far, ruleSet: rs, params }));
    expect(reference(far, at)).toBeUndefined();
    expect(c.neighbourPointId).toBeUndefined();
    expect(c.neighbourPointKm).toBeUndefined();
  });

  it("moving the outside point away re-scores 丙县 and equals a fresh analysis; so does moving it back", () => {
    const s = createAnalysisSession({ counties: fc, facilities, ruleSet: rs, params });
    const before = s.report();
    const named = rowOf(before).c.neighbourPointId as string;
    const f = facilities.find((x) => x.id === named) as Facility;
    s.moveFacility(named, f.lon, f.lat - 0.3);
    const moved = facilities.map((x) => (x.id === named ? { ...x, lat: x.lat - 0.3 } : x));
    const after = s.report();
    expect(s.lastRescored()).toContain("990003");
    expect(rowOf(after).c.neighbourPointId).not.toBe(named);
    expect(stable(after)).toEqual(stable(analyze({ counties: fc, facilities: moved, ruleSet: rs, params })));
    s.moveFacility(named, f.lon, f.lat);
    expect(stable(s.report())).toEqual(stable(before));
  });

  it("the violation's exported properties carry the point, its county and the distance to 0.01 km", () => {
    const r = analyze({ counties: fc, facilities, ruleSet: rs, params });
    const { at } = rowOf(r);
    const ref = reference(facilities, at);
    const p = placeViolations({
      violations: r.violations,
      report: r,
      ruleSet: rs,
      counties: fc.features,
      facilities,
    }).find((x) => x.properties.rule === "EMS-RURAL" && x.properties.county === "990003")?.properties;
    expect(p?.neighbourPointName).toBe(ref.f.name);
    expect(p?.neighbourPointCountyName).toBe("甲区");
    expect(p?.neighbourPointKm).toBe(Math.round(ref.d * 100) / 100);
  });
});

describe("卧龙区's urban EMS coverage counts 宛城区's stations and the city's rescue centre (Nanyang sample)", () => {
  const inputs = nanyangInputs();
  const WOLONG = "411303";
  const DISTRICTS = new Set(["411302", "411303"]);
  const types = new Set(["ems-centre", "ems-station"]); // EMS-URBAN's appliesTo in 南阳's set
  const report = analyze(inputs);
  const cross = analyze({ ...inputs, params: { crossBorder: true } });
  const params = resolveParams(inputs.ruleSet, {}, "nanyang");

  /**
   * The uncovered share of 卧龙区's urban area by brute force: a 0.001° point grid (weighted by cos latitude) inside
   * the district (turf's point in polygon) and within a seat's built-up disc (geographiclib distance to each seat at
   * its radius), each point tested for a station of `stations` within 5 km (geographiclib).
   */
  function bruteForceCovered(stations: ReadonlyArray<[number, number]>): number {
    const county = inputs.counties.features.find((f) => f.properties.code === WOLONG) as Feature<
      Polygon | MultiPolygon
    >;
    const seats = inputs.counties.features.map((f) => ({
      at: f.properties.seat,
      r: DISTRICTS.has(f.properties.code) ? params.urban.centralCityRadiusKm : params.urban.countySeatRadiusKm,
    }));
    const [sx, sy] = inputs.counties.features.find((f) => f.properties.code === WOLONG)?.properties.seat as [
      number,
      number,
    ];
    let total = 0;
    let covered = 0;
    for (let y = sy - 0.12; y <= sy + 0.12; y += 0.001)
      for (let x = sx - 0.14; x <= sx + 0.14; x += 0.001) {
        const p: [number, number] = [x, y];
        if (!seats.some((s) => km(p, s.at) <= s.r)) continue;
        if (!booleanPointInPolygon(p, county)) continue;
        const w = Math.cos((y * Math.PI) / 180);
        total += w;
        if (stations.some((s) => Math.abs(s[1] - y) < 0.06 && km(p, s) <= 5)) covered += w;
      }
    return covered / total;
  }
  const stationsOf = (codes: ReadonlySet<string>) =>
    inputs.facilities
      .filter((f: Facility) => types.has(f.type) && codes.has(f.county ?? ""))
      .map((f): [number, number] => [f.lon, f.lat]);

  it("the default counts both districts' stations and the hub: the figure agrees with a brute-force reference", () => {
    const c = check(report, WOLONG, "EMS-URBAN");
    const reference = bruteForceCovered(stationsOf(DISTRICTS));
    const ownOnly = bruteForceCovered(stationsOf(new Set([WOLONG])));
    // measured: 51.9 % with the city network (52.6 km² uncovered); 39.7 % with 卧龙区's own stations (65.9 km²)
    expect(c.coveredShare as number).toBeCloseTo(reference, 2);
    expect(Math.abs((c.coveredShare as number) - ownOnly)).toBeGreaterThan(0.1);
    expect(c.status).toBe("fail");
    expect(c.message.zh).toContain("计本市各市辖区急救网络及市级急救中心");
    // the rescue centre, 南阳市紧急医疗救援中心, stands in 宛城区 and is among the stations counted
    expect(inputs.facilities.find((f) => f.name === "南阳市紧急医疗救援中心")?.county).toBe("411302");
    // no county's station lies within 5 km of 卧龙区's urban area: cross-border cover reads the same figure
    expect(check(cross, WOLONG, "EMS-URBAN").coveredShare).toBe(c.coveredShare);
  });

  it("a county still counts only its own network: 镇平县 and 邓州市 read the same with their own facilities alone", () => {
    for (const code of ["411324", "411381"]) {
      const alone = analyze({ ...inputs, facilities: inputs.facilities.filter((f) => f.county === code) });
      for (const rule of ["EMS-URBAN", "EMS-RURAL"])
        expect(check(report, code, rule).coveredShare).toBe(check(alone, code, rule).coveredShare);
    }
    // with cross-border cover 西峡县 counts its neighbours' stations and covers more
    expect(check(cross, "411323", "EMS-RURAL").coveredShare as number).toBeGreaterThan(
      check(report, "411323", "EMS-RURAL").coveredShare as number,
    );
  });

  it("siting in 卧龙区 counts the same network: 宛城区's stations are existing sites, 镇平县's are not", () => {
    const plan = planCountySiting({
      counties: inputs.counties.features as CountyFeature[],
      county: WOLONG,
      facilities: inputs.facilities,
      ruleSet: inputs.ruleSet,
      params,
      type: "ems-station",
      radiusKm: 5,
      objective: { kind: "mclp", k: 1 },
      candidates: { kind: "grid", gridKm: 2 },
    });
    if (plan.kind !== "problem") throw new Error(plan.kind);
    const home = new Map(inputs.facilities.map((f) => [f.id, f.county]));
    const counted = new Set(plan.built.problem.existing.map((e) => home.get(e.id)));
    expect([...counted].sort()).toEqual(["411302", "411303"]);
  });
});

describe("004:439's rural network in 宜春: central THCs and THCs, and a 县域医疗卫生次中心 (a central THC raised)", () => {
  it("a sub-centre covers the rural area as the same site typed 中心乡镇卫生院 does (the reviewer trial, s45 #1)", () => {
    const fc = fourUnits("yichun");
    const rs = ruleSet("yichun");
    expect(rs.rules.find((r) => r.id === "EMS-RURAL")?.appliesTo).toContain("sub-centre");
    const at: [number, number] = [112.25, 33.4];
    const run = (type: Facility["type"]) =>
      rural(
        analyze({ counties: fc, facilities: [fac("x", type, at, "990003")], ruleSet: rs, params: { cellSizeM: 500 } }),
        "990003",
      );
    const asCentral = run("central-thc");
    expect(asCentral).toBeGreaterThan(0.5);
    expect(run("sub-centre")).toBe(asCentral);
    expect(run("hospital")).toBe(0);
  });
});

describe("a radius looser than the plan's single limit that still fails says the plan's own figure", () => {
  it("宜春 at 25 km: the verdict and the violation give 004:439's 20 km figure beside the scenario's (the reviewer trial, s45 #3)", () => {
    const fc = fourUnits("yichun");
    const rs = ruleSet("yichun");
    const facilities = [fac("x", "central-thc", [112.25, 33.4], "990003")];
    const at = (km: number) =>
      analyze({ counties: fc, facilities, ruleSet: rs, params: { cellSizeM: 500, ruralRadiusKm: km } });
    const plan = check(at(20), "990003", "EMS-RURAL");
    const wide = at(25);
    const scenario = check(wide, "990003", "EMS-RURAL");
    expect(plan.status).toBe("fail");
    expect(scenario.status).toBe("fail");
    expect(scenario.uncoveredAreaKm2 as number).toBeLessThan(plan.uncoveredAreaKm2 as number);
    const share = `${(Math.round((plan.coveredShare as number) * 1000) / 10).toFixed(1)}%`;
    const km2 = (plan.uncoveredAreaKm2 as number).toFixed(1);
    const said = `所选半径 25 km 宽于规划的 20 km（004:439），为情景分析：按规划的 20 km 覆盖率 ${share}，${km2} km² 超出`;
    expect(scenario.message.zh).toContain(said);
    const row = wide.violations.find((v) => v.rule === "EMS-RURAL" && v.county === "990003");
    expect(row?.message.zh).toContain(said);
    expect(row?.severity).toBe("error");
    expect(scenario.message.en).toContain(`at the plan's 20 km ${share} is covered and ${km2} km² is beyond`);
    // and in the row's fields, for a GIS reading the figures (the re-trial, s45)
    expect(row?.coverage?.plan?.radiusKm).toBe(20);
    expect(row?.coverage?.plan?.uncoveredKm2).toBeCloseTo(plan.uncoveredAreaKm2 as number, 6);
    expect(row?.coverage?.plan?.coveredShare).toBeCloseTo(plan.coveredShare as number, 9);
    const placed = placeViolations({ violations: wide.violations, report: wide, ruleSet: rs, counties: fc.features });
    const p = placed.find((x) => x.properties.rule === "EMS-RURAL" && x.properties.county === "990003")?.properties;
    expect(p).toMatchObject({
      limitKm: 25,
      planRadiusKm: 20,
      planUncoveredKm2: Number(km2),
      planCoveredPct: Number(share.slice(0, -1)),
    });

    // a session moved to 25 km and back (the plan's layer added, then dropped) scores as fresh analyses do
    const session = createAnalysisSession({ counties: fc, facilities, ruleSet: rs, params: { cellSizeM: 500 } });
    session.report();
    session.setParams({ ruralRadiusKm: 25 });
    expect(stable(session.report())).toEqual(stable(wide));
    session.setParams({ ruralRadiusKm: 20 });
    session.removeFacility("x");
    session.addFacility(facilities[0]);
    expect(stable(session.report())).toEqual(stable(at(20)));
  });
});

describe("a failing radius check names the county's 120 command centres it does not count", () => {
  it("says them where it fails, not where it passes (the GIS trial, s45 #8)", () => {
    const fc = fourUnits("nanyang");
    const rs = ruleSet("nanyang");
    const hub = fac("d", "ems-dispatch", [112.25, 33.4], "990003");
    const run = (list: Facility[]) =>
      check(
        analyze({ counties: fc, facilities: list, ruleSet: rs, params: { cellSizeM: 500 } }),
        "990003",
        "EMS-RURAL",
      );
    const failing = run([hub]);
    expect(failing.status).toBe("fail");
    expect(failing.message.zh).toContain("；本县 120 急救指挥中心 1 所为调度中枢，不计为急救点");
    expect(failing.message.en).toContain(
      "; not counted as EMS points: the county's 120 command centre (1), a dispatch hub",
    );
    expect(run([fac("s", "ems-station", [112.25, 33.4], "990003")]).message.zh).not.toContain("调度中枢");
  });
});
