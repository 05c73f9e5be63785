import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import geographiclib from "geographiclib-geodesic";
import type { Feature, FeatureCollection, Polygon } from "geojson";
import { describe, expect, it } from "vitest";
import { buildCountyGrid, type CountyGrid } from "../../../src/core/coverage";
import type { PopulationRaster } from "../../../src/core/io/raster";
import type { CountyProps, Facility } from "../../../src/core/model";
import { aggregatePopulation } from "../../../src/core/population";
import { type AnalysisReport, analyze, createAnalysisSession, RuleSetSchema } from "../../../src/core/rules";
import type { Road } from "../../../src/core/travel";

const root = resolve(import.meta.dirname, "../../..");
const G = geographiclib.Geodesic.WGS84;
const counties = JSON.parse(
  readFileSync(join(root, "test/fixtures/rules/two-counties.geojson"), "utf8"),
) as FeatureCollection<Polygon, CountyProps>;
const ruleSet = RuleSetSchema.parse(JSON.parse(readFileSync(join(root, "seeds/ruleset-nanyang.json"), "utf8")));
const A = counties.features[0];
const gridA = buildCountyGrid(A, { cellSizeM: 250 });

const V_ROAD = 60;
const V_OFF = 5;
/** A straight road (in county A's grid plane) across both counties, 37 m off a row of cell centres. */
const Y0 = gridA.originY + gridA.height * 125 + 37;
const X0 = gridA.originX - 2000;
const X1 = gridA.originX + gridA.width * 250 + 60_000;
const XS = gridA.originX + 3000;

function road(): Road {
  const n = 41;
  const coords = new Float64Array(n * 2);
  for (let k = 0; k < n; k++) {
    [coords[2 * k], coords[2 * k + 1]] = gridA.projection.inverse(X0 + ((X1 - X0) * k) / (n - 1), Y0);
  }
  return { coords, speedKmh: V_ROAD, ref: { file: "roads.geojson", feature: 1 } };
}

/** Closed form on a straight road (see test/core/travel/travel-time.test.ts): best departure angle sin θ = v_o / v_r. */
function closedForm(x: number, y: number): number {
  const perMinRoad = (V_ROAD * 1000) / 60;
  const perMinOff = (V_OFF * 1000) / 60;
  const D = Math.abs(x - XS);
  const d = Math.abs(y - Y0);
  const theta = Math.asin(V_OFF / V_ROAD);
  const direct = Math.hypot(D, d) / perMinOff;
  if (D < d * Math.tan(theta)) return direct;
  return Math.min(direct, (D - d * Math.tan(theta)) / perMinRoad + d / Math.cos(theta) / perMinOff);
}

function centre(grid: CountyGrid, k: number): [number, number] {
  const i = k % grid.width;
  const j = (k - i) / grid.width;
  return [grid.originX + (i + 0.5) * grid.cellSizeM, grid.originY + (j + 0.5) * grid.cellSizeM];
}

function cellArea(grid: CountyGrid, k: number): number {
  return typeof grid.cellAreaKm2 === "number" ? grid.cellAreaKm2 : grid.cellAreaKm2[k];
}

const station = (): Facility => {
  const [lon, lat] = gridA.projection.inverse(XS, Y0);
  return { id: "ems-1", name: "急救站", type: "ems-station", lon, lat, county: "990001" };
};

function check(r: AnalysisReport, county: string, rule: string) {
  const c = r.counties.find((x) => x.code === county)?.checks.find((x) => x.rule === rule);
  if (!c) throw new Error(`no check ${rule} in ${county}`);
  return c;
}

/** A WGS84 raster over both counties, 0.01° pixels, a smooth density with a town east of county A's seat. */
function raster(): PopulationRaster {
  const w = 110;
  const h = 50;
  const values = new Float64Array(w * h);
  for (let r = 0; r < h; r++)
    for (let c = 0; c < w; c++) {
      const lon = 111.95 + (c + 0.5) * 0.01;
      const lat = 33.25 - (r + 0.5) * 0.01;
      values[r * w + c] = 20 + 500 * Math.exp(-(((lon - 112.35) / 0.05) ** 2 + ((lat - 33.05) / 0.05) ** 2));
    }
  return {
    file: "pop.tif",
    width: w,
    height: h,
    values,
    transform: [111.95, 0.01, 0, 33.25, 0, -0.01],
    crsDef: "+proj=longlat +datum=WGS84 +no_defs",
    crsLabel: "EPSG:4326",
    nodata: null,
  };
}

describe("EMS-TIME without roads", () => {
  it("needs data and says how to load roads", () => {
    const c = check(analyze({ counties, facilities: [station()], ruleSet }), "990001", "EMS-TIME");
    expect(c.status).toBe("needs-data");
    expect(c.limitMinutes).toBe(30);
    expect(c.message.en).toContain("--roads");
    expect(c.message.zh).toContain("数据");
  });
});

describe("EMS-TIME with no usable road near the county", () => {
  it("needs data, not a verdict on a walk at the off-road speed, when no road has a speed", () => {
    // the trial: roads with only name and lanes failed every county at 52–104 min
    const { speedKmh: _, ...bare } = road();
    const r = analyze({ counties, facilities: [station()], ruleSet, roads: { roads: [bare], offroadKmh: V_OFF } });
    const c = check(r, "990001", "EMS-TIME");
    expect(c.status).toBe("needs-data");
    expect(c.meanMinutes).toBeUndefined();
    expect(c.message.zh).toContain("没有一条有可用速度的道路");
    expect(c.message.en).toContain("no road with a usable speed");
    expect(r.violations.filter((v) => v.rule === "EMS-TIME")).toEqual([]);
    expect(r.isochrones ?? []).toEqual([]);
  });
});

describe("EMS-TIME on one straight road", () => {
  const roads = { roads: [road()], offroadKmh: V_OFF };
  const report = analyze({ counties, facilities: [station()], ruleSet, roads });
  const c = check(report, "990001", "EMS-TIME");

  // the closed form over county A's inside cells, area-weighted
  let sum = 0;
  let area = 0;
  let within = 0;
  for (let k = 0; k < gridA.inside.length; k++) {
    if (!gridA.inside[k]) continue;
    const t = closedForm(...centre(gridA, k));
    const a = cellArea(gridA, k);
    sum += t * a;
    area += a;
    if (t <= 30) within += a;
  }

  it("gives the mean and the share within 30 min of the closed form (within 0.01 min and one cell)", () => {
    expect(["pass", "fail"]).toContain(c.status);
    expect(c.weighting).toBe("area");
    expect(c.meanMinutes).not.toBeNull();
    expect(Math.abs((c.meanMinutes as number) - sum / area)).toBeLessThan(0.01);
    expect(Math.abs((c.shareWithinLimit as number) - within / area)).toBeLessThan((2 * cellArea(gridA, 0)) / area);
    expect(c.status).toBe(sum / area <= 30 ? "pass" : "fail");
    expect(c.limitMinutes).toBe(30);
  });

  it("reports the places beyond 30 min as gaps adding up to the area beyond", () => {
    const gaps = report.gaps.filter((g) => g.properties.rule === "EMS-TIME" && g.properties.county === "990001");
    expect(gaps.length).toBeGreaterThan(0);
    const total = gaps.reduce((s, g) => s + g.properties.areaKm2, 0);
    expect(total).toBeCloseTo(c.uncoveredAreaKm2 as number, 6);
    for (const g of gaps) expect(g.properties.limitMinutes).toBe(30);
  });

  it("draws isochrone bands at 10, 20 and 30 minutes for each county", () => {
    const bands = (report.isochrones ?? []).filter((b) => b.properties.county === "990001");
    expect(bands.map((b) => [b.properties.fromMinutes, b.properties.toMinutes])).toEqual([
      [0, 10],
      [10, 20],
      [20, 30],
    ]);
    expect(bands.every((b) => b.properties.rule === "EMS-TIME")).toBe(true);
  });

  it("counts only the county's own points unless crossBorder", () => {
    const own = check(report, "990002", "EMS-TIME");
    expect(own.status).toBe("fail");
    expect(own.meanMinutes).toBeNull();
    const [lon, lat] = gridA.projection.inverse(gridA.originX + gridA.width * 250 - 1500, Y0);
    const nearBorder: Facility = { ...station(), lon, lat };
    const cross = analyze({
      counties,
      facilities: [nearBorder],
      ruleSet,
      roads,
      params: { crossBorder: true },
    });
    const b = check(cross, "990002", "EMS-TIME");
    expect(b.meanMinutes).not.toBeNull();
    expect(b.message.en).toContain("neighbouring");
  });

  it("a district counts the city's districts' points (003:61) without crossBorder, the same times as with it", () => {
    // 甲 as a district of the same city: its station near the border is in 乙区's network (the city's)
    const districts = structuredClone(counties);
    districts.features[0].properties = { ...districts.features[0].properties, name: "甲区", kind: "district" };
    const [lon, lat] = gridA.projection.inverse(gridA.originX + gridA.width * 250 - 1500, Y0);
    const nearBorder: Facility = { ...station(), lon, lat };
    const base = { counties: districts, facilities: [nearBorder], ruleSet, roads };
    const own = check(analyze(base), "990002", "EMS-TIME");
    const cross = check(analyze({ ...base, params: { crossBorder: true } }), "990002", "EMS-TIME");
    expect(own.meanMinutes).not.toBeNull();
    expect(own.meanMinutes).toBe(cross.meanMinutes);
    expect(own.message.en).toContain("every district's points and the city's EMS centre");
  });

  it("re-scores a drag in place, agreeing with a fresh analysis", () => {
    const session = createAnalysisSession({ counties, facilities: [station()], ruleSet, roads });
    session.report();
    const before = session.travelWork();
    const [lon, lat] = gridA.projection.inverse(XS + 9000, Y0 + 4000);
    session.moveFacility("ems-1", lon, lat);
    const moved = check(session.report(), "990001", "EMS-TIME");
    const after = session.travelWork();
    expect(after.moves - before.moves).toBe(1);
    expect(after.computes).toBe(before.computes);
    expect(after.builds).toBe(before.builds);
    const fresh = check(
      analyze({ counties, facilities: [{ ...station(), lon, lat }], ruleSet, roads }),
      "990001",
      "EMS-TIME",
    );
    expect(moved.meanMinutes).not.toBe(c.meanMinutes);
    expect(Math.abs((moved.meanMinutes as number) - (fresh.meanMinutes as number))).toBeLessThan(0.01);
  });
});

describe("loading roads into a session", () => {
  const roads = { roads: [road()], offroadKmh: V_OFF };
  const strip = (r: AnalysisReport) => ({ ...r, generatedAt: "" });
  const checkOf = (r: AnalysisReport, code: string, rule: string) => check(r, code, rule);

  it("evaluates only the travel-time rules again, with progress, and agrees with a fresh analysis", () => {
    const session = createAnalysisSession({ counties, facilities: [station()], ruleSet });
    const without = session.report();
    session.setRoads(roads);
    const progress: Array<[number, number]> = [];
    const withRoads = session.report({ onCounty: (done, total) => progress.push([done, total]) });
    expect(strip(withRoads)).toEqual(strip(analyze({ counties, facilities: [station()], ruleSet, roads })));
    expect(progress).toEqual([
      [1, 2],
      [2, 2],
    ]);
    // every other rule's check is the one scored before the roads: it was not evaluated again
    let kept = 0;
    for (const c of withRoads.counties)
      for (const k of c.checks) {
        const old = checkOf(without, c.code, k.rule);
        if (k.rule === "EMS-TIME") expect(k).not.toBe(old);
        else {
          expect(k).toBe(old);
          kept++;
        }
      }
    expect(kept).toBeGreaterThan(10);
    expect(checkOf(without, "990001", "EMS-TIME").status).toBe("needs-data");
    expect(checkOf(withRoads, "990001", "EMS-TIME").meanMinutes).not.toBeNull();
    // and back without roads: the analysis without them
    session.setRoads(null);
    expect(strip(session.report())).toEqual(strip(without));
  });

  it("builds each county's network once for sessions given the same roads, with their own results", () => {
    const shared = { roads: [road()], offroadKmh: V_OFF };
    const a = createAnalysisSession({ counties, facilities: [station()], ruleSet, roads: shared });
    a.report();
    expect(a.travelWork().builds).toBe(2);
    const [lon, lat] = gridA.projection.inverse(XS + 9000, Y0 + 4000);
    const moved = [{ ...station(), lon, lat }];
    const b = createAnalysisSession({ counties, facilities: moved, ruleSet, roads: shared });
    const rb = b.report();
    expect(b.travelWork().builds).toBe(0);
    expect(strip(rb)).toEqual(strip(analyze({ counties, facilities: moved, ruleSet, roads })));
    // other roads (a new object, as after new speeds) are built afresh
    const c = createAnalysisSession({ counties, facilities: moved, ruleSet, roads: { ...shared } });
    c.report();
    expect(c.travelWork().builds).toBe(2);
  });

  it("scores everything again when something besides the roads changed too", () => {
    const session = createAnalysisSession({ counties, facilities: [station()], ruleSet });
    const first = session.report();
    session.setRoads(roads);
    const [lon, lat] = gridA.projection.inverse(XS + 9000, Y0 + 4000);
    session.moveFacility("ems-1", lon, lat);
    const r = session.report();
    expect(checkOf(r, "990001", "EMS-RURAL")).not.toBe(checkOf(first, "990001", "EMS-RURAL"));
    const fresh = analyze({ counties, facilities: [{ ...station(), lon, lat }], ruleSet, roads });
    for (const c of fresh.counties)
      for (const k of c.checks) if (k.rule !== "EMS-TIME") expect(checkOf(r, c.code, k.rule)).toEqual(k);
  });
});

describe("EMS-TIME and the rule set's scope", () => {
  const roads = { roads: [road()], offroadKmh: V_OFF };

  it("does not judge a county the plan does not bind: no figures, no gaps, no bands there", () => {
    const scoped = RuleSetSchema.parse({ ...ruleSet, scope: { ...ruleSet.scope, counties: ["990001"] } });
    const r = analyze({ counties, facilities: [station()], ruleSet: scoped, roads });
    const out = check(r, "990002", "EMS-TIME");
    expect(out.status).toBe("out-of-scope");
    expect(out.meanMinutes).toBeUndefined();
    expect(r.gaps.some((g) => g.properties.county === "990002")).toBe(false);
    expect((r.isochrones ?? []).some((b) => b.properties.county === "990002")).toBe(false);
    // the bound county is judged as before
    expect(check(r, "990001", "EMS-TIME").meanMinutes).not.toBeNull();
    expect(r.scope.context).toEqual(["990002"]);
  });

  it("gives no EMS-TIME check, gap or band when the plan sets no travel time, roads or not", () => {
    const yichun = RuleSetSchema.parse(JSON.parse(readFileSync(join(root, "seeds/ruleset-yichun.json"), "utf8")));
    expect(yichun.rules.some((x) => x.kind === "travel-time")).toBe(false);
    const plain = RuleSetSchema.parse({ ...ruleSet, rules: ruleSet.rules.filter((x) => x.kind !== "travel-time") });
    const r = analyze({ counties, facilities: [station()], ruleSet: plain, roads });
    for (const c of r.counties) expect(c.checks.some((x) => x.rule === "EMS-TIME")).toBe(false);
    expect(r.gaps.some((g) => g.properties.rule === "EMS-TIME")).toBe(false);
    expect(r.isochrones ?? []).toEqual([]);
  });
});

describe("population from a raster", () => {
  const pop = raster();
  const roads = { roads: [road()], offroadKmh: V_OFF };
  const report = analyze({ counties, facilities: [station()], ruleSet, roads, populationRaster: pop });
  const people = aggregatePopulation(gridA, pop).population;

  it("weights EMS-TIME by population: mean and share as the closed form over the people per cell", () => {
    const c = check(report, "990001", "EMS-TIME");
    expect(c.weighting).toBe("population");
    let sum = 0;
    let total = 0;
    let within = 0;
    for (let k = 0; k < gridA.inside.length; k++) {
      if (!gridA.inside[k]) continue;
      const t = closedForm(...centre(gridA, k));
      sum += t * people[k];
      total += people[k];
      if (t <= 30) within += people[k];
    }
    expect(Math.abs((c.meanMinutes as number) - sum / total)).toBeLessThan(0.01);
    expect(c.population?.total).toBeCloseTo(total, 3);
    expect(Math.abs((c.shareWithinLimit as number) - within / total)).toBeLessThan(0.002);
    expect(c.population?.coveredShare).toBeCloseTo(c.shareWithinLimit as number, 12);
  });

  it("gives the radius checks their people covered, by brute force over the cells", () => {
    const c = check(report, "990001", "EMS-RURAL");
    const seat = A.properties.seat;
    const st = station();
    let total = 0;
    let covered = 0;
    for (let k = 0; k < gridA.inside.length; k++) {
      if (!gridA.inside[k]) continue;
      const [lon, lat] = gridA.projection.inverse(...centre(gridA, k));
      if ((G.Inverse(lat, lon, seat[1], seat[0]).s12 as number) <= 3000) continue; // urban: the seat's 3 km disc
      total += people[k];
      if ((G.Inverse(lat, lon, st.lat, st.lon).s12 as number) <= 20_000) covered += people[k];
    }
    // cells on the disc edges may fall either way: allow a ring of cells' people
    expect(Math.abs((c.population?.total as number) - total) / total).toBeLessThan(0.01);
    expect(Math.abs((c.population?.covered as number) - covered) / total).toBeLessThan(0.01);
    expect(c.message.en).toContain("of the people covered");
  });

  it("gives each gap its people, adding up to the people not covered", () => {
    for (const rule of ["EMS-RURAL", "EMS-TIME"]) {
      const c = check(report, "990001", rule);
      const gaps = report.gaps.filter((g) => g.properties.rule === rule && g.properties.county === "990001");
      const sum = gaps.reduce((s, g) => s + (g.properties.population ?? Number.NaN), 0);
      expect(sum).toBeCloseTo(c.population?.uncovered as number, 3);
    }
  });

  it("loses no one by cropping the raster per county, and agrees with a brute-force count over the county", () => {
    const c = check(report, "990001", "EMS-TIME");
    const whole = aggregatePopulation(gridA, pop).countySum;
    expect(Math.abs((c.population?.total as number) - whole) / whole).toBeLessThan(1e-9);
    // brute force: each pixel split into 20 × 20 parts, each part in the county when its centre is in the polygon
    const ring = (A.geometry as Polygon).coordinates[0];
    const [w, s, e, n] = [ring[0][0], ring[0][1], ring[2][0], ring[2][1]];
    let sum = 0;
    for (let r = 0; r < pop.height; r++)
      for (let col = 0; col < pop.width; col++) {
        const v = pop.values[r * pop.width + col];
        for (let a = 0; a < 20; a++)
          for (let b = 0; b < 20; b++) {
            const lon = 111.95 + (col + (a + 0.5) / 20) * 0.01;
            const lat = 33.25 - (r + (b + 0.5) / 20) * 0.01;
            if (lon > w && lon < e && lat > s && lat < n) sum += v / 400;
          }
      }
    // the grid's inside cells (centre in the county) follow the border to within half a cell: 0.2 % here
    expect(Math.abs((c.population?.total as number) - sum) / sum).toBeLessThan(0.002);
  });
});

// keeps the fixture's shape honest: a rectangle whose corners the brute force above reads
it("two-counties fixture is two rectangles", () => {
  for (const f of counties.features as Feature<Polygon>[]) expect(f.geometry.coordinates[0]).toHaveLength(5);
});
