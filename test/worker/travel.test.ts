import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import geographiclib from "geographiclib-geodesic";
import type { FeatureCollection, Polygon } from "geojson";
import { writeArrayBuffer } from "geotiff";
import { describe, expect, it } from "vitest";
import {
  type AnalysisReport,
  analyze,
  type CountyProps,
  DEFAULT_SPEEDS,
  type Facility,
  loadHighs,
  RuleSetSchema,
  readRoadsGeoJSON,
} from "../../src/core";
import { fromWgs84 } from "../../src/core/io/crs";
import { createAnalysisApi } from "../../src/worker/api";

/** The worker's road, speed and population functions, called in Node. */

const root = resolve(import.meta.dirname, "../..");
const G = geographiclib.Geodesic.WGS84;
const counties = JSON.parse(
  readFileSync(join(root, "test/fixtures/rules/two-counties.geojson"), "utf8"),
) as FeatureCollection<Polygon, CountyProps>;
const ruleSet = RuleSetSchema.parse(JSON.parse(readFileSync(join(root, "seeds/ruleset-nanyang.json"), "utf8")));
const facilities: Facility[] = [
  { id: "a2", name: "甲县急救站一", type: "ems-station", lon: 112.2, lat: 33.05, county: "990001" },
  { id: "b1", name: "乙区急救中心", type: "ems-centre", lon: 112.75, lat: 33.0, county: "990002" },
];
const params = { cellSizeM: 500 };
const ROADS = JSON.stringify({
  type: "FeatureCollection",
  features: [
    {
      type: "Feature",
      properties: { class: "县道" },
      geometry: { type: "LineString", coordinates: Array.from({ length: 21 }, (_, k) => [111.95 + k * 0.06, 33.05]) },
    },
    // far outside both counties: clipped while reading
    {
      type: "Feature",
      properties: { class: "国道" },
      geometry: {
        type: "LineString",
        coordinates: [
          [116, 36],
          [116.1, 36],
        ],
      },
    },
  ],
});

function tif(): Uint8Array {
  const w = 110;
  const h = 50;
  const values = new Float32Array(w * h).fill(0);
  // 1,000 people in one pixel 0.1° east of 甲县's station, on its road
  values[20 * w + 35] = 1000;
  return new Uint8Array(
    writeArrayBuffer(values, {
      width: w,
      height: h,
      ModelPixelScale: [0.01, 0.01, 0],
      ModelTiepoint: [0, 0, 0, 111.95, 33.25, 0],
      GTModelTypeGeoKey: 2,
      GTRasterTypeGeoKey: 1,
      GeographicTypeGeoKey: 4326,
      SampleFormat: [3],
      BitsPerSample: [32],
    }),
  );
}

function time(r: AnalysisReport, county = "990001") {
  const c = r.counties.find((x) => x.code === county)?.checks.find((x) => x.rule === "EMS-TIME");
  if (!c) throw new Error("no EMS-TIME");
  return c;
}

describe("worker roads and population", () => {
  it("reads roads clipped to the city, scores EMS-TIME, re-scores a drag and follows speed edits", async () => {
    const w = createAnalysisApi({ loadHighs: () => loadHighs() });
    const first = w.load({ counties, facilities, ruleSet, params });
    expect(time(first.current.report).status).toBe("needs-data");
    const progress: Array<[string, number, number]> = [];
    const r = await w.loadRoads(new TextEncoder().encode(ROADS), "roads.geojson", {}, (p) =>
      progress.push([p.phase, p.done, p.total]),
    );
    if (!r.ok) throw new Error("refused");
    expect(r.loaded).toMatchObject({ roads: 1, totalFeatures: 2, outside: 1 });
    expect(r.loaded.issues).toEqual([]);
    expect(progress.length).toBeGreaterThan(0);
    // reading, then re-scoring each county (no baseline session: no proposed sites)
    const n = counties.features.length;
    expect(progress.filter((p) => p[0] === "score")).toEqual(Array.from({ length: n }, (_, i) => ["score", i + 1, n]));
    expect(progress.findIndex((p) => p[0] === "score")).toBeGreaterThan(0);
    const t0 = time(r.current.report);
    expect(["pass", "fail"]).toContain(t0.status);
    expect(r.current.report.isochrones?.length).toBe(6);

    // the same roads through the engine directly
    const roads = readRoadsGeoJSON(ROADS, { file: "roads.geojson" }).roads;
    const direct = analyze({ counties, facilities, ruleSet, params, roads: { roads } });
    expect(t0.meanMinutes).toBeCloseTo(time(direct).meanMinutes as number, 9);

    // a file in which no road has a class or speed_kmh is refused, naming the file; the roads in use stay (the
    // drag below is scored on them, as a fresh analysis with them is)
    const nameOnly = JSON.parse(ROADS);
    for (const f of nameOnly.features) f.properties = { name: "人民路", lanes: 2 };
    const refused = await w.loadRoads(new TextEncoder().encode(JSON.stringify(nameOnly)), "roads-nameonly.geojson");
    expect(refused.ok).toBe(false);
    if (refused.ok) throw new Error("accepted");
    expect(refused.issues[0]).toMatchObject({ row: 0, code: "no-speed-field", severity: "error" });
    expect(refused.issues[0].message.zh).toContain("roads-nameonly.geojson");

    const moved = w.moveFacility("a2", 112.3, 33.0);
    const t1 = time(moved.report);
    expect(t1.meanMinutes).not.toBeCloseTo(t0.meanMinutes as number, 3);
    const fresh = analyze({
      counties,
      facilities: facilities.map((f) => (f.id === "a2" ? { ...f, lon: 112.3, lat: 33.0 } : f)),
      ruleSet,
      params,
      roads: { roads },
    });
    expect(Math.abs((t1.meanMinutes as number) - (time(fresh).meanMinutes as number))).toBeLessThan(0.01);

    // a live drag re-scores but keeps the last bands; the move on release draws them again
    const live = w.moveFacility("a2", 112.35, 33.0, { live: true });
    expect(time(live.report).meanMinutes).not.toBe(t1.meanMinutes);
    expect(live.isochronesKept).toBe(true);
    expect(live.report.isochrones).toBeUndefined();
    // asked for during the drag, the bands catch up with the live position: those the drop will draw
    const during = w.isochrones();
    const drop = w.moveFacility("a2", 112.35, 33.0);
    expect(drop.isochronesKept).toBe(false);
    expect(drop.report.isochrones).not.toEqual(moved.report.isochrones);
    expect(time(drop.report).meanMinutes).toBe(time(live.report).meanMinutes);
    expect(during).toEqual(drop.report.isochrones);
    w.moveFacility("a2", 112.3, 33.0);

    // a faster 县道: shorter times; an unknown class in the table is named
    const faster = w.setSpeeds({ ...DEFAULT_SPEEDS, classes: { ...DEFAULT_SPEEDS.classes, 县道: 60 } }, 5);
    expect(time(faster.current.report).meanMinutes as number).toBeLessThan(t1.meanMinutes as number);
    const missing = w.setSpeeds({ classes: { 国道: 80 }, offroadKmh: 5 });
    expect(missing.issues.map((i) => [i.row, i.field, i.code])).toEqual([[1, "class", "unknown-class"]]);

    const cleared = w.clearRoads();
    expect(time(cleared.current.report).status).toBe("needs-data");
    expect(cleared.current.report.isochrones).toBeUndefined();
  });

  it("reads a population GeoTIFF over the city: EMS-TIME is weighted by people, checks report people covered", async () => {
    const w = createAnalysisApi({ loadHighs: () => loadHighs() });
    w.load({ counties, facilities, ruleSet, params });
    await w.loadRoads(new TextEncoder().encode(ROADS), "roads.geojson");
    const r = await w.loadPopulationRaster(tif(), "pop.tif");
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const t = time(r.current.report);
    expect(t.weighting).toBe("population");
    expect(t.population?.total).toBeCloseTo(1000, 6);
    // every person is in one pixel (112.30–112.31°E, 33.04–33.05°N) just south of the 县道 (30 km/h) through the
    // station: drive D along the road, then walk d to the pixel's centre leaving at sin θ = 5/30 (closed form);
    // the pixel's people spread over its 1 km × 1.1 km, on 500 m cells: allow 1.5 min
    const D = (G.Inverse(33.05, 112.2, 33.05, 112.305).s12 as number) / 1000;
    const d = (G.Inverse(33.05, 112.305, 33.045, 112.305).s12 as number) / 1000;
    const theta = Math.asin(5 / 30);
    const closed = ((D - d * Math.tan(theta)) / 30) * 60 + (d / (5 * Math.cos(theta))) * 60;
    expect(Math.abs((t.meanMinutes as number) - closed)).toBeLessThan(1.5);
    const rural = r.current.report.counties[0].checks.find((c) => c.rule === "EMS-RURAL");
    expect(rural?.population?.total).toBeCloseTo(1000, 6);
    const bad = await w.loadPopulationRaster(new TextEncoder().encode("nope"), "bad.tif");
    expect(bad.ok).toBe(false);
    const cleared = w.clearPopulationRaster();
    expect(time(cleared.current.report).weighting).toBe("area");
  });
  it("warns of roads that fit the facilities only converted from GCJ-02, and reads them so when asked", async () => {
    const w = createAnalysisApi({ loadHighs: () => loadHighs() });
    const onRoads: Facility[] = Array.from({ length: 12 }, (_, i) => ({
      id: `e${i}`,
      name: `急救站${i}`,
      type: i % 2 ? "hospital" : "ems-station",
      lon: 112.01 + i * 0.04,
      lat: 33.05,
      county: "990001",
    }));
    w.load({ counties, facilities: onRoads, ruleSet, params });
    const gcj = JSON.parse(ROADS);
    for (const f of gcj.features)
      f.geometry.coordinates = f.geometry.coordinates.map(([lon, lat]: number[]) => fromWgs84(lon, lat, "gcj02"));
    const bytes = new TextEncoder().encode(JSON.stringify(gcj));
    const asRead = await w.loadRoads(bytes, "roads-gcj.geojson");
    if (!asRead.ok) throw new Error("refused");
    expect(asRead.loaded.crs).toBe("wgs84");
    expect(asRead.loaded.issues[0]).toMatchObject({ code: "roads-maybe-gcj02", value: "gcj02", severity: "warning" });
    const converted = await w.loadRoads(bytes, "roads-gcj.geojson", { crs: "gcj02" });
    if (!converted.ok) throw new Error("refused");
    expect(converted.loaded.crs).toBe("gcj02");
    expect(converted.loaded.issues).toEqual([]);
  });

  it("reset (a new session) forgets the roads, speeds and raster: the same counties load as in a fresh worker", async () => {
    const w = createAnalysisApi({ loadHighs: () => loadHighs() });
    w.load({ counties, facilities, ruleSet, params });
    await w.loadRoads(new TextEncoder().encode(ROADS), "roads.geojson");
    w.setSpeeds({ ...DEFAULT_SPEEDS, classes: { ...DEFAULT_SPEEDS.classes, 县道: 60 } }, 5);
    const r = await w.loadPopulationRaster(tif(), "pop.tif");
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    // without the reset, loading the same counties keeps what was read for them
    const kept = w.load({ counties, facilities, ruleSet, params });
    expect(time(kept.current.report).weighting).toBe("population");
    w.reset();
    const again = w.load({ counties, facilities, ruleSet, params });
    const fresh = createAnalysisApi({ loadHighs: () => loadHighs() }).load({ counties, facilities, ruleSet, params });
    expect(time(again.current.report).status).toBe("needs-data");
    expect(again.current.report.isochrones).toBeUndefined();
    const plain = (x: AnalysisReport) => JSON.stringify({ ...x, generatedAt: "" });
    expect(plain(again.current.report)).toBe(plain(fresh.current.report));
    // roads read again use the default speeds, not the ones set before the reset
    const roads = await w.loadRoads(new TextEncoder().encode(ROADS), "roads.geojson");
    const other = createAnalysisApi({ loadHighs: () => loadHighs() });
    other.load({ counties, facilities, ruleSet, params });
    const expected = await other.loadRoads(new TextEncoder().encode(ROADS), "roads.geojson");
    if (!roads.ok || !expected.ok) throw new Error("refused");
    expect(time(roads.current.report).meanMinutes).toBe(time(expected.current.report).meanMinutes);
  });
});
