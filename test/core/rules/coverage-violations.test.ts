import { readFileSync } from "node:fs";
import { join } from "node:path";
import { booleanPointInPolygon } from "@turf/turf";
import type { FeatureCollection, Polygon } from "geojson";
import { describe, expect, it } from "vitest";
import { pointInPolygon } from "../../../src/core/geo";
import { polygonInteriorPoint } from "../../../src/core/geo/interior";
import type { CountyProps, Facility } from "../../../src/core/model";
import { coveredPct, uncoveredKm2 } from "../../../src/core/report/rounding";
import { placeViolations } from "../../../src/core/report/violations";
import { type AnalysisReport, analyze, RuleSetSchema, violationKeys } from "../../../src/core/rules";
import type { Road } from "../../../src/core/travel";
import { nanyang, nanyangInputs, ROOT } from "../report/nanyang";

const RADIUS_RULES = new Set(["EMS-URBAN", "EMS-RURAL"]);

/** Every failing radius-coverage check of a report, as "rule|county". */
function failing(r: AnalysisReport, rules: Set<string>): string[] {
  return r.counties.flatMap((c) =>
    c.checks.filter((k) => rules.has(k.rule) && k.status === "fail").map((k) => `${k.rule}|${c.code}`),
  );
}

/** The coverage rows of a report, as "rule|county". */
function rows(r: AnalysisReport, rules: Set<string>): string[] {
  return r.violations.filter((v) => rules.has(v.rule)).map((v) => `${v.rule}|${v.county}`);
}

describe("EMS coverage failures as violation rows (Nanyang sample, Nanyang's own plans)", () => {
  const c = nanyang();
  const r = c.report;
  const county = new Map(c.counties.features.map((f) => [f.properties.code, f]));

  it("gives one row per failing county and rule, none for a county that passes or is not applicable", () => {
    const fails = failing(r, RADIUS_RULES);
    // the sample's coverage failures: 宛城区 and 卧龙区 (urban 5 km), 西峡县, 唐河县 and 新野县 (rural 20 km)
    expect(fails.sort()).toEqual(
      ["EMS-URBAN|411302", "EMS-URBAN|411303", "EMS-RURAL|411323", "EMS-RURAL|411328", "EMS-RURAL|411329"].sort(),
    );
    expect(rows(r, RADIUS_RULES).sort()).toEqual(fails.sort());
    for (const v of r.violations.filter((x) => RADIUS_RULES.has(x.rule))) {
      expect(v.severity).toBe("error");
      expect(v.coverage).toBeDefined();
    }
  });

  it("carries the check's figures: uncovered km² = the sum of the gap polygons = the coverage stats", () => {
    for (const v of r.violations.filter((x) => x.coverage)) {
      const check = r.counties.find((k) => k.code === v.county)?.checks.find((k) => k.rule === v.rule);
      const gaps = r.gaps.filter((g) => g.properties.county === v.county && g.properties.rule === v.rule);
      const cov = v.coverage as NonNullable<typeof v.coverage>;
      expect(cov.uncoveredKm2).toBe(check?.uncoveredAreaKm2);
      expect(cov.coveredShare).toBe(check?.coveredShare);
      expect(cov.areaKm2).toBe(check?.areaKm2);
      expect(cov.radiusKm).toBe(check?.radiusKm);
      expect(v.limitKm).toBe(check?.radiusKm);
      const sum = gaps.reduce((s, g) => s + g.properties.areaKm2, 0);
      expect(Math.abs(sum - cov.uncoveredKm2)).toBeLessThan(1e-9 * Math.max(1, sum));
      // and the covered share is the area's complement
      expect(cov.coveredShare).toBeCloseTo(1 - cov.uncoveredKm2 / cov.areaKm2, 12);
      expect(cov.gapCount).toBe(gaps.length);
      const largest = Math.max(...gaps.map((g) => g.properties.areaKm2));
      expect(cov.largestGapKm2).toBe(largest);
      expect(gaps.find((g) => g.properties.gapId === cov.largestGapId)?.properties.areaKm2).toBe(largest);
    }
  });

  it("places each row inside its largest gap and inside its county", () => {
    for (const v of r.violations.filter((x) => x.coverage)) {
      const gap = r.gaps.find(
        (g) => g.properties.gapId === v.coverage?.largestGapId && g.properties.county === v.county,
      );
      expect(gap).toBeDefined();
      const p = [v.lon as number, v.lat as number];
      // turf's test, independent of ours
      expect(booleanPointInPolygon(p, gap?.geometry as Polygon)).toBe(true);
      expect(booleanPointInPolygon(p, county.get(v.county)?.geometry as Polygon)).toBe(true);
    }
  });

  it("says it in the plan's words with the county table's figures (0.1 km², never 100.0 %)", () => {
    const xixia = r.violations.find((v) => v.rule === "EMS-RURAL" && v.county === "411323");
    const check = r.counties.find((k) => k.code === "411323")?.checks.find((k) => k.rule === "EMS-RURAL");
    expect(xixia && check).toBeTruthy();
    const km2 = uncoveredKm2(check?.uncoveredAreaKm2 as number).toFixed(1);
    const pct = coveredPct(check?.coveredShare as number, false).toFixed(1);
    expect(pct).not.toBe("100.0");
    const largest = uncoveredKm2(xixia?.coverage?.largestGapKm2 as number).toFixed(1);
    expect(xixia?.message.zh).toContain(
      `西峡县 农村地区 20 公里急救服务半径外尚有 ${km2} km²（覆盖 ${pct}%），${xixia?.coverage?.gapCount} 处缺口，最大缺口 ${largest} km²`,
    );
    expect(xixia?.message.en).toContain(`${km2} km² of the rural area lies beyond the 20 km EMS service radius`);
    const wolong = r.violations.find((v) => v.rule === "EMS-URBAN" && v.county === "411303");
    expect(wolong?.message.zh).toMatch(/^卧龙区 城区 5 公里急救服务半径外尚有 [\d.]+ km²（覆盖 [\d.]+%）/);
  });

  it("a radius stricter than the plan's is a scenario: its shortfalls are for review, not the plan's breach (the reviewer trial)", () => {
    const strict = analyze({ ...nanyangInputs(), params: { urbanRadiusKm: 3 } });
    const urban = strict.counties.flatMap((k) => k.checks.filter((x) => x.rule === "EMS-URBAN"));
    const short = urban.filter((x) => (x.uncoveredAreaKm2 ?? 0) > 0);
    expect(short.length).toBeGreaterThan(0);
    for (const x of short) {
      expect(x.status).toBe("review");
      expect(x.message.zh).toContain("所选半径 3 km 严于规划的 5 km（000:232）：此为情景分析，不计为规划违规，待核");
    }
    // a county met at the stricter radius says the plan's is met too, beside the limit the row gives (the reviewer
    // trial, s55b M5: 「不超过 20 公里」 beside 「≤ 10 km」 with no word)
    const met = urban.filter((x) => x.status === "pass");
    expect(met.length).toBeGreaterThan(0);
    for (const x of met) {
      expect(x.limit).toBe(3);
      expect(x.message.zh).toContain("所选半径 3 km 严于规划的 5 km（000:232）：按所选半径达标，规划的 5 km 亦达标");
      expect(x.message.en).toContain("met at the chosen radius, so at the plan's too");
    }
    const rowsUrban = strict.violations.filter((v) => v.rule === "EMS-URBAN");
    expect(rowsUrban).toHaveLength(short.length);
    for (const v of rowsUrban) {
      expect(v.severity).toBe("review");
      expect(v.message.en).toContain("the chosen 3 km is stricter than the plan's 5 km (000:232): a scenario");
    }
    // the plan's own radius, or one the plan's range allows (南阳's rural 10–20 km): breaches as before
    const ten = analyze({ ...nanyangInputs(), params: { ruralRadiusKm: 10 } });
    const rural = ten.counties.flatMap((k) => k.checks.filter((x) => x.rule === "EMS-RURAL" && x.status === "fail"));
    expect(rural.length).toBeGreaterThan(0);
    for (const x of rural) expect(x.message.zh).not.toContain("情景分析");
  });

  it("a radius looser than the plan's: a pass is for review, a shortfall still fails", () => {
    const loose = analyze({ ...nanyangInputs(), params: { urbanRadiusKm: 8 } });
    const urban = loose.counties.flatMap((k) => k.checks.filter((x) => x.rule === "EMS-URBAN"));
    const whole = urban.filter((x) => x.status !== "not-applicable" && (x.uncoveredAreaKm2 ?? 0) === 0);
    expect(whole.length).toBeGreaterThan(0);
    for (const x of whole) {
      expect(x.status).toBe("review");
      expect(x.message.zh).toContain(
        "所选半径 8 km 宽于规划的 5 km（000:232）：达标仅为情景分析，不代表满足规划，待核",
      );
    }
    for (const x of urban.filter((k) => (k.uncoveredAreaKm2 ?? 0) > 0)) expect(x.status).toBe("fail");
  });

  it("names the county in English in the English text when given the county-name table (issue #11)", () => {
    const table = JSON.parse(readFileSync(join(ROOT, "geodata/china/county-names-en.json"), "utf8")) as {
      names: Record<string, string>;
    };
    const named = analyze({ ...nanyangInputs(), countyNamesEn: table.names });
    const wolong = named.violations.find((v) => v.rule === "EMS-URBAN" && v.county === "411303");
    expect(wolong?.message.en).toMatch(/^Wolong District: [\d.]+ km² of the urban area lies beyond the 5 km EMS/);
    expect(wolong?.message.zh).toMatch(/^卧龙区 城区 5 公里急救服务半径外尚有/);
    const xixia = named.violations.find((v) => v.rule === "EMS-RURAL" && v.county === "411323");
    expect(xixia?.message.en).toMatch(/^Xixia County: [\d.]+ km² of the rural area lies beyond the 20 km EMS/);
    // the same figures as without the table: only the name changed
    const plain = r.violations.find((v) => v.rule === "EMS-RURAL" && v.county === "411323");
    expect(xixia?.message.en.replace(/^Xixia County/, "西峡县")).toBe(plain?.message.en);
    // no English text of a violation or check opens with a county's Chinese name (a facility's or village's own
    // name, 「西峡县人民医院」, has no English form and stays as it is)
    const names = c.counties.features.map((f) => f.properties.name);
    const opensWithCounty = (m: string) => names.some((n) => m.startsWith(`${n}:`) || m.startsWith(`${n} `));
    const texts = [...named.violations, ...named.counties.flatMap((k) => k.checks)].map((v) => v.message.en);
    expect(texts.filter(opensWithCounty)).toEqual([]);
  });

  it("keeps its key across re-scores and gives the placed row its point, kind, figures and citation", () => {
    const keys = violationKeys(r.violations);
    expect(keys).toContain("EMS-RURAL|411323|coverage");
    expect(new Set(keys).size).toBe(keys.length);
    const placed = placeViolations({
      violations: r.violations,
      ruleSet: c.ruleSet,
      counties: c.counties.features,
      divisions: c.divisions,
      facilities: c.facilities,
    });
    const i = r.violations.findIndex((v) => v.rule === "EMS-RURAL" && v.county === "411323");
    const p = placed[i];
    const v = r.violations[i];
    expect(p.properties.geometryKind).toBe("gap-interior");
    expect(p.geometry?.coordinates).toEqual([v.lon, v.lat]);
    expect(p.properties.uncoveredKm2).toBe(uncoveredKm2(v.coverage?.uncoveredKm2 as number));
    expect(p.properties.coveredPct).toBe(coveredPct(v.coverage?.coveredShare as number, false));
    expect(p.properties.coveredPct as number).toBeLessThan(100);
    expect(p.properties.limitKm).toBe(20);
    expect(p.properties.gapCount).toBe(v.coverage?.gapCount);
    expect(p.properties.largestGapKm2).toBe(uncoveredKm2(v.coverage?.largestGapKm2 as number));
    expect(p.properties.distanceKm).toBeUndefined();
    const rule = c.ruleSet.rules.find((x) => x.id === "EMS-RURAL");
    expect(p.properties.provenance).toEqual(rule?.provenance.filter((q) => q.doc === "000" || q.doc === "003"));
    expect(p.properties.citation).toBe("000:232");
  });

  it("follows the cross-border switch: rows are the failing checks either way, and counting neighbours never adds one", () => {
    const cross = analyze({ ...nanyangInputs(), params: { crossBorder: true } });
    const fails = failing(cross, RADIUS_RULES);
    expect(rows(cross, RADIUS_RULES).sort()).toEqual(fails.sort());
    // more stations count: a county covered on its own stays covered
    const own = new Set(rows(r, RADIUS_RULES));
    for (const k of rows(cross, RADIUS_RULES)) expect(own.has(k)).toBe(true);
    for (const v of cross.violations.filter((x) => x.coverage)) {
      const check = cross.counties.find((k) => k.code === v.county)?.checks.find((k) => k.rule === v.rule);
      expect(v.coverage?.uncoveredKm2).toBe(check?.uncoveredAreaKm2);
      expect(v.message.zh).toContain("计入邻县急救点");
    }
    // the report's violation count moves by the coverage rows alone
    const others = (x: AnalysisReport) => x.violations.filter((v) => !v.coverage).length;
    expect(cross.violations.length - others(cross)).toBe(fails.length);
  });

  it("follows the check when a station is put at the row's point: that gap closes, one row while the check fails, none after", () => {
    // 西峡县's rural gaps lie beyond 20 km; a station at the largest gap's point closes that gap
    const xixia = r.violations.find((v) => v.rule === "EMS-RURAL" && v.county === "411323");
    const extra: Facility = {
      id: "test-gap-station",
      name: "测试急救站",
      type: "ems-station",
      lon: xixia?.lon as number,
      lat: xixia?.lat as number,
      county: "411323",
    };
    const { facilities, ...rest } = nanyangInputs();
    const after = analyze({ ...rest, facilities: [...facilities, extra] });
    const check = after.counties.find((k) => k.code === "411323")?.checks.find((k) => k.rule === "EMS-RURAL");
    const left = after.violations.filter((v) => v.rule === "EMS-RURAL" && v.county === "411323");
    expect(left.length).toBe(check?.status === "fail" ? 1 : 0);
    expect(check?.uncoveredAreaKm2 as number).toBeLessThan(xixia?.coverage?.uncoveredKm2 as number);
    if (left.length === 1) expect(left[0].coverage?.gapCount).toBeLessThan(xixia?.coverage?.gapCount as number);
  });
});

describe("a failing travel-time check (EMS-TIME) as a violation row", () => {
  const counties = JSON.parse(
    readFileSync(join(ROOT, "test/fixtures/rules/two-counties.geojson"), "utf8"),
  ) as FeatureCollection<Polygon, CountyProps>;
  const ruleSet = RuleSetSchema.parse(JSON.parse(readFileSync(join(ROOT, "seeds/ruleset-nanyang.json"), "utf8")));
  const A = counties.features[0];
  const [x0, y0] = A.geometry.coordinates[0][0];
  // a road through county A; the station on it. County B has no station of its own: it fails with no time at all
  const road: Road = {
    coords: new Float64Array([x0 - 0.1, y0 + 0.05, x0 + 1, y0 + 0.05]),
    speedKmh: 60,
    ref: { file: "roads.geojson", feature: 1 },
  };
  const station: Facility = {
    id: "ems-1",
    name: "急救站",
    type: "ems-station",
    lon: x0 + 0.05,
    lat: y0 + 0.05,
    county: "990001",
  };
  const report = analyze({ counties, facilities: [station], ruleSet, roads: { roads: [road], offroadKmh: 5 } });
  const T = new Set(["EMS-TIME"]);

  it("gives one row per failing county, with the check's figures, inside the largest gap beyond the limit", () => {
    const fails = failing(report, T);
    expect(fails).toContain("EMS-TIME|990002");
    expect(rows(report, T).sort()).toEqual(fails.sort());
    for (const v of report.violations.filter((x) => x.rule === "EMS-TIME")) {
      const check = report.counties.find((k) => k.code === v.county)?.checks.find((k) => k.rule === "EMS-TIME");
      const gaps = report.gaps.filter((g) => g.properties.county === v.county && g.properties.rule === "EMS-TIME");
      expect(v.coverage?.uncoveredKm2).toBe(check?.uncoveredAreaKm2);
      expect(v.coverage?.limitMinutes).toBe(30);
      expect(v.coverage?.meanMinutes).toBe(check?.meanMinutes);
      expect(v.coverage?.gapCount).toBe(gaps.length);
      const sum = gaps.reduce((s, g) => s + g.properties.areaKm2, 0);
      expect(sum).toBeCloseTo(v.coverage?.uncoveredKm2 as number, 6);
      const gap = gaps.find((g) => g.properties.gapId === v.coverage?.largestGapId);
      expect(booleanPointInPolygon([v.lon as number, v.lat as number], gap?.geometry as Polygon)).toBe(true);
      const home = counties.features.find((f) => f.properties.code === v.county);
      expect(booleanPointInPolygon([v.lon as number, v.lat as number], home?.geometry as Polygon)).toBe(true);
      expect(v.limitKm).toBeUndefined();
    }
    const b = report.violations.find((v) => v.rule === "EMS-TIME" && v.county === "990002");
    expect(b?.coverage?.meanMinutes).toBeNull();
    expect(b?.message.zh).toContain("无可到达的急救点");
    const placed = placeViolations({ violations: report.violations, ruleSet, counties: counties.features });
    const pb = placed[report.violations.indexOf(b as (typeof report.violations)[number])];
    expect(pb.properties.geometryKind).toBe("gap-interior");
    expect(pb.properties.limitMinutes).toBe(30);
    expect(pb.properties.meanMinutes).toBeUndefined();
    expect(pb.properties.citation).toBe("000:232");
  });

  it("has no row without roads (needs data is not a failure)", () => {
    const without = analyze({ counties, facilities: [station], ruleSet });
    expect(without.violations.filter((v) => v.rule === "EMS-TIME")).toEqual([]);
  });
});

describe("a point inside a polygon (polygonInteriorPoint)", () => {
  // a C-shaped polygon: its centroid and its bounding box's centre lie in the notch, outside
  const c: Polygon = {
    type: "Polygon",
    coordinates: [
      [
        [112, 33],
        [112.3, 33],
        [112.3, 33.05],
        [112.05, 33.05],
        [112.05, 33.25],
        [112.3, 33.25],
        [112.3, 33.3],
        [112, 33.3],
        [112, 33],
      ],
    ],
  };

  it("lies inside a crescent whose middle is outside, far from the edge", () => {
    expect(booleanPointInPolygon([112.15, 33.15], c)).toBe(false);
    const { point, roomKm } = polygonInteriorPoint(c);
    expect(booleanPointInPolygon(point, c)).toBe(true);
    // the arms are 0.05° wide (≈ 4.7 km E–W, 5.6 km N–S): the best point is about half an arm from the edge
    expect(roomKm).toBeGreaterThan(2);
  });

  it("keeps to what `accept` takes (e.g. the county) when the pole does not", () => {
    const { point: pole } = polygonInteriorPoint(c);
    // refuse the half of the polygon where the pole lies
    const accept = (lon: number, lat: number) => (pole[1] < 33.15 ? lat > 33.15 : lat < 33.15) && lon < 112.2;
    const { point } = polygonInteriorPoint(c, accept);
    expect(booleanPointInPolygon(point, c)).toBe(true);
    expect(accept(point[0], point[1])).toBe(true);
    expect(pointInPolygon(point[0], point[1], c)).toBe(true);
  });

  it("gives the point to 6 decimals where that stays inside, and exactly where it would not", () => {
    const six = (x: number) => Number(x.toFixed(6)) === x;
    const { point } = polygonInteriorPoint(c);
    expect(point.every(six)).toBe(true);
    // a sliver 0.05 µ° wide whose every 6-decimal point lies outside it: the exact point is kept
    const sliver: Polygon = {
      type: "Polygon",
      coordinates: [
        [
          [112.0000001, 33.0000001],
          [112.0000009, 33.0000001],
          [112.0000009, 33.00000015],
          [112.0000001, 33.00000015],
          [112.0000001, 33.0000001],
        ],
      ],
    };
    const { point: q } = polygonInteriorPoint(sliver, undefined, 1e-9);
    expect(pointInPolygon(q[0], q[1], sliver)).toBe(true);
    expect(q.every(six)).toBe(false);
  });
});
