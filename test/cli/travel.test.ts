import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { FeatureCollection, Polygon } from "geojson";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { buildCountyGrid } from "../../src/core/coverage";
import { fromWgs84 } from "../../src/core/io/crs";
import { readPopulationGeoTiff } from "../../src/core/io/raster";
import { readRoadsGeoJSON } from "../../src/core/io/roads";
import type { CountyProps } from "../../src/core/model";
import { aggregatePopulation } from "../../src/core/population";
import { analyze, RuleSetSchema } from "../../src/core/rules";
import { candidatesFromGrid } from "../../src/core/siting/grid-adapter";
import { buildRoadNetwork, computeTravelTime } from "../../src/core/travel";
import { wgs84GeoTiff } from "../geotiff";
import { TWO_COUNTIES as boundaries, cli, ROOT as root, suggestArgs, workDir } from "./run";

const facilities = join(root, "test/fixtures/cli/demand-facilities.csv");
const work = workDir("cli-travel-");
/** `analyze` of the demand facilities on the two counties, into `out`, with `extra` options. */
const analyzeTo = (out: string, ...extra: string[]) =>
  cli("analyze", "--facilities", facilities, "--boundaries", boundaries, ...extra, "--out", out);

/** Two roads across 甲县 and 乙区: a 县道 through the station's latitude and a 乡道 north–south. */
const ROADS = {
  type: "FeatureCollection",
  features: [
    {
      type: "Feature",
      properties: { 道路等级: "县道" },
      geometry: {
        type: "LineString",
        coordinates: Array.from({ length: 21 }, (_, k) => [111.95 + k * 0.05, 33.05]),
      },
    },
    {
      type: "Feature",
      properties: { 道路等级: "乡道" },
      geometry: {
        type: "LineString",
        coordinates: Array.from({ length: 11 }, (_, k) => [112.2, 32.78 + k * 0.045]),
      },
    },
  ],
};
const roadsFile = join(work, "roads.geojson");
writeFileSync(roadsFile, JSON.stringify(ROADS));

/** A WGS84 GeoTIFF over both counties (0.01° pixels), people concentrated east of the station. */
function writeRaster(file: string): void {
  const w = 110;
  const h = 50;
  const values = new Float32Array(w * h);
  for (let r = 0; r < h; r++)
    for (let c = 0; c < w; c++) {
      const lon = 111.95 + (c + 0.5) * 0.01;
      const lat = 33.25 - (r + 0.5) * 0.01;
      values[r * w + c] = 10 + 800 * Math.exp(-(((lon - 112.4) / 0.04) ** 2 + ((lat - 32.9) / 0.04) ** 2));
    }
  writeFileSync(file, wgs84GeoTiff(values, { width: w, height: h }, { west: 111.95, north: 33.25 }, 0.01));
}
const rasterFile = join(work, "pop.tif");
writeRaster(rasterFile);

interface Check {
  rule: string;
  status: string;
  meanMinutes?: number | null;
  shareWithinLimit?: number;
  limitMinutes?: number;
  weighting?: string;
  population?: { total: number; covered: number; uncovered: number; coveredShare: number };
}
function checkOf(out: string, county: string, rule: string): Check {
  const report = JSON.parse(readFileSync(join(out, "report.json"), "utf8"));
  return report.counties.find((x: { code: string }) => x.code === county).checks.find((ch: Check) => ch.rule === rule);
}

describe("cli analyze --roads --population-raster", () => {
  it("scores EMS-TIME from the roads, weighted by the raster's people, as the engine does with the same inputs", async () => {
    const out = join(work, "a");
    const r = await analyzeTo(out, "--roads", roadsFile, "--offroad-kmh", "6", "--population-raster", rasterFile);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toContain("2 条道路进入路网 in the network");
    expect(r.out).toContain("EMS-TIME 甲县");
    expect(r.out).toContain("people covered");
    const t = checkOf(out, "990001", "EMS-TIME");
    expect(["pass", "fail"]).toContain(t.status);
    expect(t.limitMinutes).toBe(30);
    expect(t.weighting).toBe("population");
    expect(typeof t.meanMinutes).toBe("number");
    expect(t.shareWithinLimit).toBeGreaterThan(0);
    expect(t.shareWithinLimit).toBeLessThan(1);
    expect(t.status).toBe((t.meanMinutes as number) <= 30 ? "pass" : "fail");
    // 乙区 has no EMS point of its own and cross-border cover is off
    expect(checkOf(out, "990002", "EMS-TIME").meanMinutes).toBeNull();

    // the same inputs through the engine directly
    const counties = JSON.parse(readFileSync(boundaries, "utf8")) as FeatureCollection<Polygon, CountyProps>;
    const ruleSet = RuleSetSchema.parse(JSON.parse(readFileSync(join(root, "seeds/ruleset-nanyang.json"), "utf8")));
    const roads = readRoadsGeoJSON(JSON.stringify(ROADS), { file: "roads.geojson" }).roads;
    const raster = await readPopulationGeoTiff(readFileSync(rasterFile), { file: "pop.tif" });
    if (!raster.ok) throw new Error("raster");
    const direct = analyze({
      counties,
      ruleSet,
      facilities: [{ id: "s1", name: "甲县急救站", type: "ems-station", lon: 112.2, lat: 33.05, county: "990001" }],
      roads: { roads, offroadKmh: 6 },
      populationRaster: raster.value,
    });
    const d = direct.counties[0].checks.find((c) => c.rule === "EMS-TIME");
    expect(t.meanMinutes).toBeCloseTo(d?.meanMinutes as number, 9);
    expect(t.population?.total).toBeCloseTo(d?.population?.total as number, 6);

    // people: the radius checks carry them, each gap its own, the bands go to isochrones.geojson
    const rural = checkOf(out, "990001", "EMS-RURAL");
    expect(rural.population?.total).toBeGreaterThan(0);
    const gaps = JSON.parse(readFileSync(join(out, "gaps.geojson"), "utf8"));
    const timeGaps = gaps.features.filter(
      (g: { properties: { rule: string; county: string } }) =>
        g.properties.rule === "EMS-TIME" && g.properties.county === "990001",
    );
    expect(timeGaps.length).toBeGreaterThan(0);
    const gapPeople = timeGaps.reduce((s: number, g: { properties: { population: number } }) => {
      return s + g.properties.population;
    }, 0);
    // gaps.geojson rounds each gap's people to whole people
    expect(Math.abs(gapPeople - (t.population?.uncovered as number))).toBeLessThan(timeGaps.length);
    const iso = JSON.parse(readFileSync(join(out, "isochrones.geojson"), "utf8"));
    expect(
      iso.features.filter((f: { properties: { county: string } }) => f.properties.county === "990001"),
    ).toHaveLength(3);
    expect(JSON.parse(readFileSync(join(out, "report.json"), "utf8")).isochrones).toBeUndefined();
  });

  it("without --roads EMS-TIME needs data and says how to give it", async () => {
    const out = join(work, "b");
    const r = await analyzeTo(out);
    expect(r.code).toBe(0);
    const t = checkOf(out, "990001", "EMS-TIME");
    expect(t.status).toBe("needs-data");
    expect(JSON.stringify(t)).toContain("--roads");
  });

  it("exit 2 naming the option for a bad --offroad-kmh; exit 3 naming the feature and field for a road class not in the table", async () => {
    const bad = await analyzeTo(join(work, "c"), "--roads", roadsFile, "--offroad-kmh", "0");
    expect(bad.code).toBe(2);
    expect(bad.err + bad.out).toContain("--offroad-kmh");

    const unknown = join(work, "unknown.geojson");
    const fc = structuredClone(ROADS);
    fc.features[1].properties = { 道路等级: "土路" };
    writeFileSync(unknown, JSON.stringify(fc));
    const r = await analyzeTo(join(work, "d"), "--roads", unknown);
    expect(r.code).toBe(3);
    expect(r.out + r.err).toMatch(/unknown\.geojson.*第 2 个要素.*土路/);
    // the roads in the network, not those read (the trial: 「798 条已读入」 where 620 were used); the facility line
    // counts the facility file's rows only (it said 「887 行被拒绝」 of roads)
    expect(r.out).toContain("路网 roads: unknown.geojson，1 条道路进入路网 in the network（文件共 2 个要素");
    expect(r.out).toContain("1 条被拒绝 rejected（其中 1 条缺少可用速度");
    expect(r.out).toMatch(/设施 \d+ 条已分析，0 行被拒绝/);

    // no road with a usable speed: refused as a whole (exit 2, nothing written), naming the file and the fields
    const nameOnly = join(work, "roads-nameonly.geojson");
    const bare = structuredClone(ROADS) as { features: Array<{ properties: Record<string, unknown> }> };
    for (const f of bare.features) f.properties = { name: "人民路", lanes: 2 };
    writeFileSync(nameOnly, JSON.stringify(bare));
    const n = await analyzeTo(join(work, "d2"), "--roads", nameOnly);
    expect(n.code).toBe(2);
    expect(n.err).toContain("roads-nameonly.geojson：2 条道路都没有道路等级字段");
    expect(n.err).toContain("speed_kmh");
    expect(existsSync(join(work, "d2", "report.json"))).toBe(false);

    const txt = join(work, "roads.txt");
    writeFileSync(txt, "x");
    const t = await analyzeTo(join(work, "e"), "--roads", txt);
    expect(t.code).toBe(2);
    expect(t.err + t.out).toContain("--roads");
  });
});

describe("cli analyze --population-raster covering part of the city", () => {
  it("names the county it misses (kept on area) and the one it covers in part, and the no-data pixels inside", async () => {
    // 111.95–112.25°E: half of 甲县 (112.0–112.5), none of 乙区 (112.5–113.0); one column of no data
    const w = 30;
    const h = 50;
    const values = new Float32Array(w * h).fill(100);
    for (let r = 0; r < h; r++) values[r * w + 10] = Number.NaN;
    const part = join(work, "pop-part.tif");
    writeFileSync(part, wgs84GeoTiff(values, { width: w, height: h }, { west: 111.95, north: 33.25 }, 0.01));
    const r = await analyzeTo(join(work, "p1"), "--population-raster", part);
    expect(r.code).toBe(0);
    expect(r.out).toContain("pop-part.tif：人口栅格未覆盖 乙区：这些县区不按人口加权，仍按面积计算");
    // the raster stops short of 甲县 (half of it inside): weighted by area, as 乙区 (the re-trial, s44)
    expect(r.out).toMatch(
      /pop-part\.tif：人口栅格的范围只及部分县区：甲县（栅格内面积 [45]\d%）：这些县区不按人口加权，仍按面积计算/,
    );
    expect(r.out).toMatch(/无数据或负值像元.*甲县（无数据 \d\.\d%）/);
    expect(r.out).toContain("the population raster does not cover 乙区: it keeps area weighting");
    const full = await analyzeTo(join(work, "p2"), "--population-raster", rasterFile);
    expect(full.out).not.toContain("人口栅格未覆盖");
    expect(full.out).not.toContain("只覆盖了部分");
    expect(full.out).not.toContain("范围只及");
  });
});

describe("cli analyze --roads in GCJ-02", () => {
  it("warns, with the figures and naming the file, when the roads fit the facilities only converted from GCJ-02", async () => {
    // EMS points and hospitals along the two roads (WGS84); the roads written in GCJ-02, as Amap gives them
    const rows = ["id,name,type,lon,lat,county"];
    for (let i = 0; i < 8; i++)
      rows.push(`e${i},急救站${i},ems-station,${(112.02 + i * 0.06).toFixed(3)},33.05,990001`);
    for (let i = 0; i < 6; i++) rows.push(`h${i},医院${i},hospital,112.2,${(32.82 + i * 0.07).toFixed(3)},990001`);
    const list = join(work, "gcj-facilities.csv");
    writeFileSync(list, `${rows.join("\n")}\n`);
    const gcj = structuredClone(ROADS);
    for (const f of gcj.features)
      f.geometry.coordinates = f.geometry.coordinates.map(([lon, lat]) => fromWgs84(lon, lat, "gcj02"));
    const gcjFile = join(work, "roads-gcj.geojson");
    writeFileSync(gcjFile, JSON.stringify(gcj));
    const run = (out: string, ...extra: string[]) =>
      cli("analyze", "--facilities", list, "--boundaries", boundaries, "--roads", gcjFile, ...extra, "--out", out);
    const r = await run(join(work, "g1"));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/roads-gcj\.geojson：路网坐标似为 GCJ-02.*14 所急救站点和医院.*--roads-crs gcj02/);
    const given = await run(join(work, "g2"), "--roads-crs", "gcj02");
    expect(given.code).toBe(0);
    expect(given.out).not.toContain("路网坐标似为");
    const wgs = await cli(
      "analyze",
      ...["--facilities", list, "--boundaries", boundaries, "--roads", roadsFile, "--out", join(work, "g3")],
    );
    expect(wgs.out).not.toContain("路网坐标似为");
  });
});

describe("cli suggest --minutes", () => {
  it("picks the site a brute force over the candidates picks, and its coverage is what a travel-time field gives", async () => {
    const out = join(work, "s");
    const r = await cli(
      ...suggestArgs(
        { facilities, boundaries, county: "990001", type: "ems-station", add: 1, gridKm: 6, method: "exact", out },
        "--minutes",
        "20",
        "--roads",
        roadsFile,
        "--population-raster",
        rasterFile,
      ),
    );
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const rep = JSON.parse(readFileSync(join(out, "suggest-report.json"), "utf8"));
    expect(rep.params.minutes).toBe(20);
    expect(rep.params.demand.weight).toBe("people");
    expect(rep.sites).toHaveLength(1);

    // brute force with the engine's full field (computeTravelTime, tested against the closed form) on the same
    // 1 km cells: the people within 20 min of the existing station plus each candidate
    const counties = JSON.parse(readFileSync(boundaries, "utf8")) as FeatureCollection<Polygon, CountyProps>;
    const county = counties.features[0];
    const grid = buildCountyGrid(county, { cellSizeM: 1000 });
    const raster = await readPopulationGeoTiff(readFileSync(rasterFile), { file: "pop.tif" });
    if (!raster.ok) throw new Error("raster");
    const people = aggregatePopulation(grid, raster.value).population;
    const roads = readRoadsGeoJSON(JSON.stringify(ROADS), { file: "roads.geojson" }).roads;
    const { network } = buildRoadNetwork(grid, roads, { marginM: 10_000 });
    const station = { id: "s1", lon: 112.2, lat: 33.05 };
    const covered = (sites: Array<{ id: string; lon: number; lat: number }>) => {
      const f = computeTravelTime(network, sites);
      let w = 0;
      for (let k = 0; k < people.length; k++) if (grid.inside[k] && f.minutes[k] <= 20) w += people[k];
      return w;
    };
    let total = 0;
    for (let k = 0; k < people.length; k++) if (grid.inside[k]) total += people[k];
    const before = covered([station]);
    let best = -1;
    // the candidates are those of radius siting: every 6 km on the checks' 250 m grid
    for (const c of candidatesFromGrid(buildCountyGrid(county, { cellSizeM: 250 }), 6))
      best = Math.max(best, covered([station, c]) - before);
    const chosen = rep.sites[0];
    const gain = covered([station, { id: "new", lon: chosen.lon, lat: chosen.lat }]) - before;
    expect(rep.objective).toBeCloseTo(best, 3);
    expect(gain).toBeCloseTo(best, 3);
    // the shares said are the check's (its 250 m grid), not the solver's 1 km cells': below
    expect(rep.coveredShareAfter - rep.coveredShareBefore).toBeCloseTo(best / total, 1);
    // the county's demand in its own unit: people, not an 「areaKm2」 holding people (the trial, s44-b #7)
    const county0 = rep.counties[0];
    expect(county0.areaKm2).toBeUndefined();
    expect(county0.demandUnit).toBe("people");
    // the check's people (its 250 m grid), within a few of the solver's 1 km cells'
    expect(county0.demandTotal).toBe(county0.travelCheck.people.total);
    expect(Math.abs(county0.demandTotal - total) / total).toBeLessThan(1e-3);
  });

  it("says what EMS-TIME will measure with the new site: the mean time and the share within the limit (the re-trial, s44)", async () => {
    const out = join(work, "s30");
    const r = await cli(
      ...suggestArgs(
        { facilities, boundaries, county: "990001", type: "ems-station", add: 1, gridKm: 6, method: "exact", out },
        ...["--minutes", "30", "--roads", roadsFile, "--population-raster", rasterFile],
      ),
    );
    expect(r.code).toBe(0);
    const rep = JSON.parse(readFileSync(join(out, "suggest-report.json"), "utf8"));
    const tc = rep.counties[0].travelCheck;
    const site = rep.sites[0];
    // analyze with and without the suggested station: the check's own figures
    const withSite = join(work, "s30-facilities.csv");
    writeFileSync(
      withSite,
      `${readFileSync(facilities, "utf8").trimEnd()}\nn1,新急救站,ems-station,${site.lon},${site.lat},990001\n`,
    );
    const extra = ["--roads", roadsFile, "--population-raster", rasterFile];
    await analyzeTo(join(work, "s30-before"), ...extra);
    const a = await cli(
      ...["analyze", "--facilities", withSite, "--boundaries", boundaries, ...extra, "--out", join(work, "s30-after")],
    );
    expect(a.code).not.toBe(2);
    const before = checkOf(join(work, "s30-before"), "990001", "EMS-TIME");
    const after = checkOf(join(work, "s30-after"), "990001", "EMS-TIME");
    expect(tc.weighting).toBe("population");
    expect(tc.meanMinutesBefore).toBeCloseTo(before.meanMinutes as number, 6);
    expect(tc.meanMinutesAfter).toBeCloseTo(after.meanMinutes as number, 6);
    expect(tc.shareWithinBefore).toBeCloseTo(before.shareWithinLimit as number, 9);
    expect(tc.shareWithinAfter).toBeCloseTo(after.shareWithinLimit as number, 9);
    expect(rep.counties[0].coveredShareAfter).toBeCloseTo(after.shareWithinLimit as number, 9);
    expect(rep.sites[0].gainShare).toBeCloseTo(
      (after.shareWithinLimit as number) - (before.shareWithinLimit as number),
      9,
    );
    expect(tc.people.beyondAfter).toBeCloseTo(after.population?.uncovered as number, 3);
    // on screen, with the mean the rule judges
    const mean = (x: number) => x.toFixed(1);
    expect(r.out).toContain(`平均急救行车时间 ${mean(tc.meanMinutesBefore)} → ${mean(tc.meanMinutesAfter)} 分钟`);
  });

  it("needs --roads with --minutes, and not both --minutes and --radius-km", async () => {
    const base = ["suggest", "--facilities", facilities, "--boundaries", boundaries, "--type", "ems-station"];
    const a = await cli(...base, "--minutes", "30", "--add", "1", "--out", join(work, "t1"));
    expect(a.code).toBe(2);
    expect(a.err + a.out).toContain("--minutes");
    const b = await cli(
      ...base,
      "--minutes",
      "30",
      "--radius-km",
      "10",
      "--roads",
      roadsFile,
      "--add",
      "1",
      "--out",
      join(work, "t2"),
    );
    expect(b.code).toBe(2);
    expect(b.err + b.out).toContain("--radius-km");
  });
});

describe("cli report --roads (issue #14)", () => {
  const xml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

  it("the review report carries the EMS-TIME check from the roads, in the Word file and the print view", async () => {
    const inputs = ["--facilities", facilities, "--boundaries", boundaries];
    const travel = ["--roads", roadsFile, "--offroad-kmh", "6", "--population-raster", rasterFile];
    const analysed = join(work, "report-analyze");
    expect((await cli("analyze", ...inputs, ...travel, "--out", analysed)).code).toBe(0);
    // analyze's EMS-TIME on the same inputs (tested against the engine above): the figure the report must show
    const t = checkOf(analysed, "990001", "EMS-TIME");
    expect(t.weighting).toBe("population");
    const mean = t.meanMinutes as number;
    const share = (t.shareWithinLimit as number) * 100;
    expect(Math.abs(mean - 30)).toBeGreaterThan(0.1);
    const figure = `平均 ${mean.toFixed(1)} 分钟（按人口），30 分钟内 ${share.toFixed(1)}%`;

    const out = join(work, "report-roads");
    const r = await cli("report", ...inputs, ...travel, "--out", out);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toContain("2 条道路进入路网 in the network");
    const page = readFileSync(join(out, "report.html"), "utf8");
    expect(page).toContain(figure);
    expect(page).toContain("路网：已加载 roads.geojson（2 条）");
    expect(page).toMatch(/速度（默认速度表）：[^<]*km\/h，路外 6 km\/h/);
    expect(page).toContain("人口栅格：pop.tif");
    // the rule's description says "(需路网数据)"; the measured cell must not
    expect(page).not.toContain(">需路网数据<");
    const zip = await JSZip.loadAsync(readFileSync(join(out, "审查报告.docx")));
    const doc = (await zip.file("word/document.xml")?.async("string")) ?? "";
    expect(doc).toContain(xml(figure));
    expect(doc).not.toContain(">需路网数据<");
    // 乙区 has no EMS point of its own (cross-border cover off): nothing reachable, said so
    expect(page).toContain("路网上无可达的急救点");

    // without --roads the report says EMS-TIME needs road data
    const plain = join(work, "report-plain");
    expect((await cli("report", ...inputs, "--out", plain)).code).toBe(0);
    const plainPage = readFileSync(join(plain, "report.html"), "utf8");
    expect(plainPage).toContain(">需路网数据<");
    expect(plainPage).toContain("路网：未加载：急救到达时间规则 EMS-TIME 记为“缺数据”");
    expect(plainPage).not.toContain(figure);
  }, 120_000);

  it("refuses a bad --offroad-kmh naming the option", async () => {
    const r = await cli("report", "--facilities", facilities, "--offroad-kmh", "0", "--out", join(work, "x"));
    expect(r.code).toBe(2);
    expect(r.err).toContain("--offroad-kmh");
  });
});

describe("travelLines", () => {
  it("never prints 100.0 % while some people or area are beyond the limit (the trial, s44-b #9)", async () => {
    const { travelLines } = await import("../../src/cli/travel");
    const lines = travelLines({
      counties: [
        {
          code: "410423",
          name: "鲁山县",
          checks: [
            { rule: "EMS-RURAL", status: "fail", population: { covered: 2_561_157, total: 2_561_483 } },
            { rule: "EMS-TIME", status: "pass", meanMinutes: 12.3, limitMinutes: 30, shareWithinLimit: 0.99998 },
          ],
        },
      ],
    } as unknown as Parameters<typeof travelLines>[0]);
    expect(lines.join("\n")).not.toContain("100.0%");
    expect(lines.filter((l) => l.includes("99.9%"))).toHaveLength(2);
  });
});

describe("roads under a rule set without EMS-TIME", () => {
  it("says the roads judge nothing and writes no empty isochrones.geojson (the trial, s44-b #6: 平顶山's 001)", async () => {
    writeFileSync(roadsFile, JSON.stringify(ROADS));
    const out = join(work, "no-time");
    const r = await analyzeTo(out, "--rules", "pingdingshan", "--roads", roadsFile);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain("没有平均急救反应时间规则：路网不参与核查");
    expect(existsSync(join(out, "isochrones.geojson"))).toBe(false);
  });
});
