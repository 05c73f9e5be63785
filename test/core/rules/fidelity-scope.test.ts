import type { Position } from "geojson";
import polygonClipping from "polygon-clipping";
import { describe, expect, it } from "vitest";
import { geodesicAreaKm2, geodesicCircle } from "../../../src/core/geo";
import { analyze } from "../../../src/core/rules";
import { check, counties, direct, distKm, fac, ruleSet, SEAT_A, SEAT_B } from "./fidelity-helpers";

/**
 * Issue 9, "which plan applies, and to what", the urban area and EMS. Each expectation is written from the plan line
 * cited beside it, before running the code.
 */

describe("each plan binds its own units", () => {
  it("002 binds 南宫市 (130581) alone: another 邢台 unit is context, every check out-of-scope", () => {
    // 002 is 《南宫市“十四五”医疗卫生服务体系规划》: its rules bind 南宫市 only
    const fc = counties(
      "nangong",
      { code: "130581", name: "南宫市", kind: "city" },
      { code: "130502", name: "襄都区" },
    );
    const r = analyze({ counties: fc, facilities: [], ruleSet: ruleSet("nangong") });
    expect(r.scope).toMatchObject({ judged: ["130581"], context: ["130502"] });
    const ctx = r.counties.find((c) => c.code === "130502");
    expect(ctx?.inScope).toBe(false);
    expect(new Set(ctx?.checks.map((c) => c.status))).toEqual(new Set(["out-of-scope"]));
    expect(ctx?.checks[0].message.zh).toContain("南宫市（130581）");
    expect(r.counties.find((c) => c.code === "130581")?.checks.some((c) => c.status === "out-of-scope")).toBe(false);
    expect(r.violations.every((v) => v.county === "130581")).toBe(true);
    expect(r.city?.counties).toEqual(["130581"]);
  });

  it("a city's plans do not judge another city's counties", () => {
    const r = analyze({ counties: counties("yichun"), facilities: [], ruleSet: ruleSet("nanyang") });
    expect(r.scope.judged).toEqual([]);
    expect(r.counties.flatMap((c) => c.checks).every((c) => c.status === "out-of-scope")).toBe(true);
  });

  it("县（市） leaves districts out, 县（区） and 县(市、区) take them in, and every check says which", () => {
    // 001:295 「每个县（市）重点建好1所公立综合医院…」: 乙区 not judged; 000:310 「每个县（区）」: 乙区 judged
    // (facility data loaded, a village clinic, so a missing hospital is a failure, not missing data)
    const vc = [fac("vc", "village-clinic", direct(SEAT_A, 90, 8), "990001")];
    const p = analyze({ counties: counties("pingdingshan"), facilities: vc, ruleSet: ruleSet("pingdingshan") });
    expect(check(p, "990002", "COUNTY-3-HOSPITALS")).toMatchObject({ status: "not-applicable" });
    expect(check(p, "990002", "COUNTY-3-HOSPITALS").message.zh).toContain("每个县（市）");
    expect(check(p, "990001", "COUNTY-3-HOSPITALS").status).toBe("fail");
    const n = analyze({ counties: counties("nanyang"), facilities: vc, ruleSet: ruleSet("nanyang") });
    expect(check(n, "990002", "COUNTY-3-HOSPITALS").status).toBe("fail");
    expect(check(n, "990002", "COUNTY-3-HOSPITALS").message.zh).toContain("适用：每个县（区）");
    // 000:310 「推动县级人民医院全部晋升三级综合医院」: 县级 — the 11 county medical centres of 003:143, not districts
    expect(check(n, "990002", "COUNTY-PH-GRADE3").status).toBe("not-applicable");
    // SUB-15KM, 003:213 「在县(市、区)城区之外」
    expect(check(n, "990002", "SUB-15KM").message.zh).toContain("县(市、区)");
    for (const c of [...n.counties, ...p.counties]) for (const k of c.checks) expect(k.message.zh).toContain("适用");
  });

  it("001 states no EMS radius, sub-centre, central-THC or dispatch rule: it judges none of them", () => {
    // 001 has no 半径, no 次中心, no 1/3 central THCs and no 120 command-centre rule (seed-notes 001 §0)
    const near = fac("s", "sub-centre", direct(SEAT_A, 90, 3), "990001"); // would fail SUB-15KM under 003
    const r = analyze({ counties: counties("pingdingshan"), facilities: [near], ruleSet: ruleSet("pingdingshan") });
    const ids = new Set(r.counties.flatMap((c) => c.checks.map((k) => k.rule)));
    for (const id of ["EMS-URBAN", "EMS-RURAL", "EMS-TIME", "SUB-15KM", "SUB-COUNT", "CTHC-THIRD", "EMS-TIERS"])
      expect(ids.has(id as never)).toBe(false);
    expect(r.violations.filter((v) => /EMS|SUB|CTHC/.test(v.rule))).toEqual([]);
  });
});

describe("the urban area (城区) is the built-up area, not whole districts", () => {
  const cmcB = fac("phB", "hospital", SEAT_B, "990002", { name: "乙区人民医院", hospitalKind: "general", grade: "2A" });

  it("a sub-centre in a district's rural town, 16 km from the county medical centre, passes SUB-15KM", () => {
    // 003:213 「在县(市、区)城区之外,距离县域医疗中心15公里以上」: 县(市、区) includes districts; 16 km east of 乙区's
    // seat lies outside its 7.2 km built-up disc. Before issue 9 every district counted as urban and this failed.
    const sub = fac("subB", "sub-centre", direct(SEAT_B, 90, 16), "990002");
    const r = analyze({ counties: counties("nanyang"), facilities: [cmcB, sub], ruleSet: ruleSet("nanyang") });
    expect(check(r, "990002", "SUB-15KM")).toMatchObject({ status: "pass", count: 1 });
    expect(r.violations.filter((v) => v.rule === "SUB-15KM")).toEqual([]);
  });

  it("the same sub-centre with a 街道 code is urban (a 街道 is 城区), and fails", () => {
    // codes decide where they can: a 街道 township code is urban whatever the position (9-digit code 001–099)
    const sub = fac("subB", "sub-centre", direct(SEAT_B, 90, 16), "990002", { township: "990002001" });
    const r = analyze({ counties: counties("nanyang"), facilities: [cmcB, sub], ruleSet: ruleSet("nanyang") });
    const v = r.violations.filter((x) => x.rule === "SUB-15KM");
    expect(v.map((x) => x.facilityId)).toEqual(["subB"]);
    expect(v[0].message.zh).toContain("位于城区内");
  });

  it("a 乡 or 村委会 code is rural even inside a seat's disc; a 镇 code leaves it to the position", () => {
    // 002:178 「在市主城区内，不再设置新的综合医院」 (the 南宫 set): a proposed general hospital 1 km from the seat is
    // urban by position; with a 乡 code (201) or a 村委会 village code (201) it is rural; with a 镇 code (101) it stays urban
    const fc = counties(
      "nangong",
      { code: "130581", name: "南宫市", kind: "city" },
      { code: "130502", name: "襄都区" },
    );
    const at = direct(SEAT_A, 0, 1);
    const gh = (id: string, extra: object) =>
      fac(id, "hospital", at, "130581", { proposed: true, hospitalKind: "general", ...extra });
    const r = analyze({
      counties: fc,
      facilities: [
        gh("plain", {}),
        gh("xiang", { township: "130581201" }),
        gh("cun", { village: "130581101201" }),
        gh("zhen", { township: "130581101" }),
      ],
      ruleSet: ruleSet("nangong"),
    });
    expect(r.violations.filter((v) => v.rule === "NO-NEW-GH-URBAN").map((v) => v.facilityId)).toEqual([
      "plain",
      "zhen",
    ]);
  });

  it("a 居委会 code does not decide either: 1 km from the seat it is urban, 12 km out (a town's community) rural", () => {
    // 002:178 again. A 居委会 (village digits 001–199) may be the seat's own community or the centre of a distant 镇
    // (decided in docs/rules.md §2): the position decides. At 1 km the seat's 2.0 km county-seat disc holds it (a
    // violation); at 12 km it lies outside every disc (no violation).
    const fc = counties(
      "nangong",
      { code: "130581", name: "南宫市", kind: "city" },
      { code: "130502", name: "襄都区" },
    );
    const gh = (id: string, at: [number, number]) =>
      fac(id, "hospital", at, "130581", { proposed: true, hospitalKind: "general", village: "130581101001" });
    const r = analyze({
      counties: fc,
      facilities: [gh("near", direct(SEAT_A, 0, 1)), gh("far", direct(SEAT_A, 180, 12))],
      ruleSet: ruleSet("nangong"),
    });
    expect(r.violations.filter((v) => v.rule === "NO-NEW-GH-URBAN").map((v) => v.facilityId)).toEqual(["near"]);
  });

  it("EMS-URBAN is judged over the built-up disc only: a district's farmland is rural", () => {
    // 000:232 「城市地区服务半径不超过5公里，农村地区服务半径不超过10-20公里」: 乙区's urban area is the 7.2 km disc of
    // Nanyang's central city (√(164.75 km² / π)), the rest of the district is rural and judged at the rural radius
    const station = fac("st", "ems-station", SEAT_B, "990002");
    const r = analyze({
      counties: counties("nanyang"),
      facilities: [station],
      ruleSet: ruleSet("nanyang"),
      params: { cellSizeM: 200 },
    });
    const rect: Position[][] = [
      [
        [112.5, 32.8],
        [113.0, 32.8],
        [113.0, 33.2],
        [112.5, 33.2],
        [112.5, 32.8],
      ],
    ];
    const disc = geodesicCircle(SEAT_B[0], SEAT_B[1], 7.2, 720).coordinates as Position[][];
    const inter = polygonClipping.intersection(rect as never, disc as never);
    const discKm2 = inter.reduce((a, p) => a + geodesicAreaKm2({ type: "Polygon", coordinates: p as Position[][] }), 0);
    const countyKm2 = geodesicAreaKm2({ type: "Polygon", coordinates: rect });
    const urban = check(r, "990002", "EMS-URBAN");
    expect(Math.abs((urban.areaKm2 as number) - discKm2) / discKm2).toBeLessThan(0.01);
    // 5 km of a 7.2 km disc: about (5 / 7.2)² of it covered, not a sliver of the whole district
    expect(urban.coveredShare as number).toBeGreaterThan(0.46);
    expect(urban.coveredShare as number).toBeLessThan(0.5);
    const rural = check(r, "990002", "EMS-RURAL");
    expect(Math.abs((rural.areaKm2 as number) - (countyKm2 - discKm2)) / countyKm2).toBeLessThan(0.005);
    expect(r.urbanDefinitionUsed.zh).toContain("7.2 km");
    expect(r.urbanDefinitionUsed.zh).toContain("2 km");
  });

  it("imported urban polygons replace the discs, and the result names them", () => {
    const poly = geodesicCircle(SEAT_A[0], SEAT_A[1], 4, 180);
    const r = analyze({
      counties: counties("nanyang"),
      facilities: [],
      ruleSet: ruleSet("nanyang"),
      params: { urban: { polygons: [poly], polygonsSource: "中心城区.geojson" } },
    });
    expect(r.urbanAreas.map((a) => a.properties.source)).toEqual(["user"]);
    expect(r.urbanDefinitionUsed.zh).toContain("中心城区.geojson");
    // 乙区 has no urban area left: its EMS-URBAN has nothing to judge
    expect(check(r, "990002", "EMS-URBAN").status).toBe("not-applicable");
  });
});

describe("EMS: each county's own network by default, hubs as the plans name them", () => {
  it("cross-border cover is off by default and every result says which network was counted", () => {
    // a station of 甲县 4.7 km from 乙区: by default it does not count for 乙区 (the plans give each county its network)
    const st = fac("stA", "ems-station", [112.45, 33.0], "990001");
    const base = { counties: counties("nanyang"), facilities: [st], ruleSet: ruleSet("nanyang") };
    const own = analyze(base);
    expect(check(own, "990002", "EMS-RURAL").coveredShare).toBe(0);
    expect(own.emsNetworkUsed.en).toMatch(/own network/);
    // 乙区 is a district: its network is the city's (every district's points and the rescue centre, 003:61), which
    // 甲县's station is not part of; 甲县 counts its own
    expect(check(own, "990002", "EMS-RURAL").message.en).toContain("the city's network");
    expect(check(own, "990001", "EMS-RURAL").message.en).toContain("own network only");
    const cross = analyze({ ...base, params: { crossBorder: true } });
    expect(check(cross, "990002", "EMS-RURAL").coveredShare as number).toBeGreaterThan(0.05);
    expect(cross.emsNetworkUsed.en).toMatch(/cross-border/);
  });

  it("003:61: a county needs its 120 command centre; a district is served by the city's rescue centre", () => {
    // 「以市紧急医疗救援中心、县级“120”急救指挥中心为中枢、以急救站为基础」
    const dispatch = fac("dA", "ems-dispatch", SEAT_A, "990001", { name: "甲县120急救指挥中心" });
    // the city's centre stands in a district (乙区)
    const centre = fac("cA", "ems-centre", [112.72, 33.12], "990002", { name: "市紧急医疗救援中心" });
    const stray = fac("stray", "ems-station", [112.7, 33.1], "990001"); // lies in 乙区, registered to 甲县
    const r = analyze({
      counties: counties("nanyang"),
      facilities: [dispatch, centre, stray],
      ruleSet: ruleSet("nanyang"),
    });
    expect(check(r, "990001", "EMS-TIERS").status).toBe("pass");
    expect(check(r, "990002", "EMS-TIERS").status).toBe("pass");
    expect(check(r, "990002", "EMS-TIERS").message.zh).toContain("市紧急医疗救援中心");
    // the station registered elsewhere is information only (no plan states such a rule)
    expect(r.violations.filter((v) => v.rule === "EMS-TIERS")).toEqual([]);
    expect(check(r, "990002", "EMS-TIERS").message.en).toMatch(/registered to another county/);
    const noCity = analyze({ counties: counties("nanyang"), facilities: [dispatch], ruleSet: ruleSet("nanyang") });
    expect(check(noCity, "990002", "EMS-TIERS").status).toBe("fail");
    // a 急救中心 standing in the county is the county's own hub, not the districts' (the GIS trial)
    const countyCentre = {
      ...centre,
      id: "cB",
      name: "甲县急救中心",
      county: "990001",
      lon: SEAT_A[0],
      lat: SEAT_A[1],
    };
    const own = analyze({ counties: counties("nanyang"), facilities: [countyCentre], ruleSet: ruleSet("nanyang") });
    expect(check(own, "990001", "EMS-TIERS").status).toBe("pass");
    expect(check(own, "990002", "EMS-TIERS").status).toBe("fail");
    // a station alone is no 120 command centre
    const st = fac("s", "ems-station", SEAT_A, "990001");
    expect(
      check(
        analyze({ counties: counties("nanyang"), facilities: [st], ruleSet: ruleSet("nanyang") }),
        "990001",
        "EMS-TIERS",
      ).status,
    ).toBe("fail");
  });

  it("004:439 「市县两级急救中心（站）」 is met by a county EMS station, not only a dispatch centre", () => {
    const st = fac("s", "ems-station", SEAT_A, "990001");
    const r = analyze({ counties: counties("yichun"), facilities: [st], ruleSet: ruleSet("yichun") });
    expect(check(r, "990001", "EMS-TIERS").status).toBe("pass");
  });

  it("002:201: Nangong's THCs and CHCs are 急救点 of its own network; 002 states no radius and none is invented", () => {
    const fc = counties(
      "nangong",
      { code: "130581", name: "南宫市", kind: "city" },
      { code: "130502", name: "襄都区" },
    );
    const facilities = [
      fac("ems", "ems-centre", SEAT_A, "130581", { name: "南宫市急救中心" }),
      // 002:201 「依托南宫市人民医院」: the centre stands at the hospital
      fac("ph", "county-medical-centre", SEAT_A, "130581", { name: "南宫市人民医院" }),
      fac("t1", "thc", direct(SEAT_A, 0, 10), "130581"),
      fac("t2", "central-thc", direct(SEAT_A, 90, 12), "130581"),
      fac("c1", "chc", direct(SEAT_A, 180, 1), "130581"),
    ];
    const r = analyze({ counties: fc, facilities, ruleSet: ruleSet("nangong") });
    const tiers = check(r, "130581", "EMS-TIERS");
    expect(tiers.status).toBe("pass");
    expect(tiers.message.zh).toContain("急救点 3 个");
    expect(tiers.message.zh).toContain("本规划未规定急救服务半径");
    const rules = new Set(r.counties[0].checks.map((c) => c.rule));
    expect(rules.has("EMS-URBAN")).toBe(false);
    expect(rules.has("EMS-RURAL")).toBe(false);
  });
});

describe("the default urban sizes rest on published built-up areas", () => {
  it("√(area / π): Nanyang 164.75 km² → 7.2 km, a county seat 19,500 / 1,544 km² → 2.0 km", () => {
    expect(Math.round(Math.sqrt(164.75 / Math.PI) * 10) / 10).toBe(7.2);
    expect(Math.round(Math.sqrt(19_500 / 1544 / Math.PI) * 10) / 10).toBe(2.0);
    const r = analyze({ counties: counties("nanyang"), facilities: [], ruleSet: ruleSet("nanyang") });
    expect(r.params.urban).toMatchObject({ centralCityRadiusKm: 7.2, countySeatRadiusKm: 2 });
    // the district 乙区 is the city's only district: its seat's disc is the central city's
    const seats = r.urbanAreas.map((a) => [a.properties.county, a.properties.source, a.properties.radiusKm]);
    expect(seats).toEqual([
      ["990001", "county-seat", 2],
      ["990002", "central-city", 7.2],
    ]);
    expect(distKm(SEAT_A, SEAT_B)).toBeGreaterThan(40);
  });

  it("a detached district seat (far from the others) is a county seat, not the central city", () => {
    // 平顶山 石龙区 lies 41 km from 新华区/卫东区/湛河区: it is its own small town, sized as a county seat
    const fc = counties(
      "pingdingshan",
      { code: "990001", name: "甲区", kind: "district" },
      { code: "990002", name: "乙区" },
    );
    const r = analyze({ counties: fc, facilities: [], ruleSet: ruleSet("pingdingshan") });
    // two district seats 46.7 km apart: neither group is larger, the first district's is the central city
    expect(r.urbanAreas.map((a) => [a.properties.source, a.properties.radiusKm])).toEqual([
      ["central-city", 4.8],
      ["county-seat", 2],
    ]);
  });
});
