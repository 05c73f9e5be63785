import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Feature, MultiPolygon, Polygon } from "geojson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { polygonLocator } from "../../src/core";
import { rng } from "../core/coverage/helpers";
import { cli } from "./run";

const root = resolve(import.meta.dirname, "../..");
const work = mkdtempSync(join(tmpdir(), "cli-region-inputs-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const read = (file: string) => readFileSync(file, "utf8");
const ndjson = (file: string) =>
  read(file)
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l));
const geodata = (f: string) => JSON.parse(read(join(root, "geodata", f)));

type County = Feature<Polygon | MultiPolygon, { code: string; name: string }>;
const pds: County[] = geodata("counties-pingdingshan.geojson").features;
const nanyang: County[] = geodata("counties-nanyang.geojson").features;

describe("a regional run takes the inputs of a city run, each county its part", () => {
  const facilities = join(root, "geodata/scenario-pingdingshan.geojson");
  const files = {
    population: join(work, "population.csv"),
    demand: join(work, "demand.csv"),
    units: join(work, "units.csv"),
    staffing: join(work, "staffing.csv"),
  };
  const inputs = () => [
    "--population",
    files.population,
    "--demand",
    files.demand,
    "--unit-population",
    files.units,
    "--staffing",
    files.staffing,
  ];
  beforeAll(() => {
    const r = rng(410400);
    // each county its own, different figures, so that a row given to the wrong county changes its checks
    writeFileSync(
      files.population,
      `代码,县区,常住人口\n${pds.map((c, k) => `${c.properties.code},${c.properties.name},${300000 + 97000 * k}`).join("\n")}\n`,
    );
    writeFileSync(
      files.staffing,
      `代码,全科医生,注册护士\n${pds.map((c, k) => `${c.properties.code},${20 + 7 * k},${400 + 55 * k}`).join("\n")}\n`,
    );
    const divisions = geodata("divisions-pingdingshan.json").counties as Array<{
      townships: Array<{ code: string }>;
    }>;
    const townships = divisions.flatMap((c) => c.townships.map((t) => t.code));
    writeFileSync(
      files.units,
      `代码,人口\n${townships.map((code) => `${code},${Math.round(8000 + 60000 * r())}`).join("\n")}\n`,
    );
    // demand points uniform over the city's counties
    const tests = pds.map((c) => polygonLocator(c.geometry));
    const rows = ["编号,经度,纬度,人口"];
    while (rows.length <= 400) {
      const lon = 112.2 + 1.4 * r();
      const lat = 33.1 + 1.3 * r();
      if (tests.some((t) => t(lon, lat)))
        rows.push(`d${rows.length},${lon.toFixed(6)},${lat.toFixed(6)},${1 + (rows.length % 9)}`);
    }
    writeFileSync(files.demand, `${rows.join("\n")}\n`);
  });

  it("平顶山 by name gives the classic run's counties, population, demand, townships and staffing included", async () => {
    const classic = join(work, "classic");
    const streamed = join(work, "streamed");
    const bare = join(work, "bare");
    const a = await cli("analyze", "--city", "pingdingshan", "--facilities", facilities, ...inputs(), "--out", classic);
    const b = await cli(
      "analyze",
      "--city",
      "平顶山市",
      "--stream",
      "--facilities",
      facilities,
      ...inputs(),
      "--out",
      streamed,
    );
    const c = await cli("analyze", "--city", "平顶山市", "--stream", "--facilities", facilities, "--out", bare);
    expect(a.err).toBe("");
    expect(b.err).toBe("");
    expect([a.code, b.code, c.code]).toEqual([0, 0, 0]);
    const report = JSON.parse(read(join(classic, "report.json")));
    const lines = ndjson(join(streamed, "report.ndjson"));
    expect(lines.map(({ city, ruleSet, localPlan, ...county }) => county)).toEqual(report.counties);
    // and the inputs did change the checks: without them the lines differ
    const without = ndjson(join(bare, "report.ndjson"));
    expect(without.map((l) => JSON.stringify(l.checks))).not.toEqual(lines.map((l) => JSON.stringify(l.checks)));
    expect(b.out).toContain("人口表 population: population.csv，10 个县区 / 10 counties");
    expect(b.out).toContain("需求点 demand: demand.csv，400 个已使用 used");
    const summary = JSON.parse(read(join(streamed, "summary.json")));
    expect(summary.inputs.lines.length).toBe(4);
  }, 240_000);

  it("a row naming a county outside the run is counted as outside it, not rejected; a county of no city is", async () => {
    const population = join(work, "population-more.csv");
    writeFileSync(population, `${read(files.population)}410102,中原区,1000000\n990001,无此县,5\n`);
    const out = join(work, "outside");
    const r = await cli(
      "analyze",
      "--city",
      "410400",
      "--stream",
      "--facilities",
      facilities,
      "--population",
      population,
      "--out",
      out,
    );
    expect(r.code).toBe(3);
    // the 郑州 row is another city's; 990001 is nobody's and is named by file, row and field
    expect(r.err).not.toContain("410102");
    expect(r.err).toMatch(/population-more\.csv: 第 13 行 row 13，字段 field “代码”（值 value “990001”）/);
    const summary = JSON.parse(read(join(out, "summary.json")));
    expect(summary.inputs.notInRun).toEqual({ "population-more.csv": 1 });
    expect(read(join(out, "rejected.csv"))).toContain("990001");
  }, 120_000);

  it("a bad option value is refused naming the option before anything is read", async () => {
    const r = await cli(
      "analyze",
      "--province",
      "41",
      "--facilities",
      facilities,
      "--offroad-kmh",
      "fast",
      "--out",
      join(work, "bad"),
    );
    expect(r.code).toBe(2);
    expect(r.err).toContain("--offroad-kmh");
  });
});

describe("--cross-border in a regional run", () => {
  // 方城县 (南阳, plan 003 with EMS radii) and 叶县 (平顶山, plan 001 without) share a border: one EMS station just
  // inside 叶县, about 1 km from it
  const ye = pds.find((c) => c.properties.code === "410422") as County;
  const fangcheng = nanyang.find((c) => c.properties.code === "411322") as County;
  const inYe = polygonLocator(ye.geometry);
  const inFangcheng = polygonLocator(fangcheng.geometry);
  const station = (() => {
    const ring =
      fangcheng.geometry.type === "Polygon" ? fangcheng.geometry.coordinates[0] : fangcheng.geometry.coordinates[0][0];
    for (const [lon, lat] of ring)
      for (const [dx, dy] of [
        [0, -0.01],
        [0.01, 0],
        [-0.01, 0],
        [0, 0.01],
      ]) {
        const p = [lon + dx, lat + dy];
        if (inYe(p[0], p[1]) && !inFangcheng(p[0], p[1])) return p;
      }
    throw new Error("no point of 叶县 beside 方城县");
  })();
  const file = join(work, "one-station.csv");
  writeFileSync(
    file,
    `id,name,type,lon,lat\ns1,叶县边界急救站,ems-station,${station[0].toFixed(6)},${station[1].toFixed(6)}\n`,
  );

  /** 方城县's EMS coverage checks of a run: rule id → covered area, km². */
  async function fangchengCover(...flags: string[]): Promise<Record<string, number>> {
    const out = join(work, `cross-${flags.length}`);
    const r = await cli("analyze", "--counties", "410422,411322", "--facilities", file, ...flags, "--out", out);
    expect(r.code).toBe(0);
    const lines = ndjson(join(out, "report.ndjson"));
    expect(lines.map((l) => l.code)).toEqual(["410422", "411322"]);
    const fangcheng = lines[1];
    const cover: Record<string, number> = {};
    // a check with no station in reach carries no covered area: 0 km²
    for (const ch of fangcheng.checks) if (/^EMS-(URBAN|RURAL)$/.test(ch.rule)) cover[ch.rule] = ch.coveredKm2 ?? 0;
    return cover;
  }

  it("the neighbour's station counts for 方城县 only with the switch", async () => {
    const off = await fangchengCover();
    const on = await fangchengCover("--cross-border");
    expect(Object.keys(off).length).toBeGreaterThan(0);
    expect(Object.keys(on)).toEqual(Object.keys(off));
    for (const v of Object.values(off)) expect(v).toBe(0);
    // the station is about 1 km from 方城县's border: a disc of 5 km and more reaches into it
    expect(Math.max(...Object.values(on))).toBeGreaterThan(1);
  }, 240_000);
});

describe("a streamed violation line leads to its quotes", () => {
  it("(ruleSet, rule) of every line finds the rule's quotes in summary.json, and its citation names some of them", async () => {
    // three cities on three rule sets: 平顶山 (plan 001), 南阳 (plan 003 + 000), 郑州 (no local plan: national)
    // one EMS station near 叶县's seat; every village of the three counties lacks a clinic
    const ye = pds.find((c) => c.properties.code === "410422") as County;
    expect(polygonLocator(ye.geometry)(113.357, 33.626)).toBe(true);
    const file = join(work, "ye.csv");
    writeFileSync(file, "id,name,type,lon,lat\ny1,叶县急救站,ems-station,113.357,33.626\n");
    const out = join(work, "quotes");
    const r = await cli("analyze", "--counties", "410422,411322,410102", "--facilities", file, "--out", out);
    expect(r.code).toBe(0);
    const summary = JSON.parse(read(join(out, "summary.json")));
    type Quote = { doc: string; title: string; section: string; line: number; quote: string };
    const quotes = new Map<string, Quote[]>();
    for (const set of summary.ruleSets as Array<{ id: string; rules: Array<{ id: string; provenance: Quote[] }> }>)
      for (const rule of set.rules) quotes.set(`${set.id} ${rule.id}`, rule.provenance);
    const lines = ndjson(join(out, "violations.geojsonl"));
    const sets = new Set(lines.map((l) => l.properties.ruleSet));
    expect(sets.size).toBe(3);
    expect(sets.has("national")).toBe(true);
    for (const l of lines) {
      expect(l.properties.provenance).toBeUndefined();
      const found = quotes.get(`${l.properties.ruleSet} ${l.properties.rule}`);
      expect(found, `${l.properties.ruleSet} ${l.properties.rule}`).toBeDefined();
      for (const q of found as Quote[]) {
        for (const k of ["doc", "title", "section", "quote"] as const)
          expect(typeof q[k] === "string" && q[k] !== "").toBe(true);
        expect(Number.isInteger(q.line) && q.line > 0).toBe(true);
      }
      for (const c of String(l.properties.citation).split("；"))
        expect(
          (found as Quote[]).some((q) => `${q.doc}:${q.line}` === c),
          c,
        ).toBe(true);
    }
  }, 240_000);
});

describe("--roads in a regional run", () => {
  it("南阳 by name scores EMS-TIME on the roads as the classic run does", async () => {
    // two roads crossing at 西峡县's seat: a 县道 east–west and a 乡道 north–south
    const roads = join(work, "xixia-roads.geojson");
    const line = (coordinates: number[][], cls: string) => ({
      type: "Feature",
      properties: { 道路等级: cls },
      geometry: { type: "LineString", coordinates },
    });
    writeFileSync(
      roads,
      JSON.stringify({
        type: "FeatureCollection",
        features: [
          line(
            Array.from({ length: 21 }, (_, k) => [111.2 + k * 0.03, 33.307]),
            "县道",
          ),
          line(
            Array.from({ length: 21 }, (_, k) => [111.474, 33.05 + k * 0.025]),
            "乡道",
          ),
        ],
      }),
    );
    const facilities = join(root, "geodata/scenario-nanyang.geojson");
    const travel = ["--roads", roads, "--offroad-kmh", "6"];
    const classic = join(work, "ny-classic");
    const streamed = join(work, "ny-streamed");
    const a = await cli("analyze", "--city", "nanyang", "--facilities", facilities, ...travel, "--out", classic);
    const b = await cli(
      "analyze",
      "--city",
      "南阳市",
      "--stream",
      "--facilities",
      facilities,
      ...travel,
      "--out",
      streamed,
    );
    expect([a.code, b.code]).toEqual([0, 0]);
    const report = JSON.parse(read(join(classic, "report.json")));
    const lines = ndjson(join(streamed, "report.ndjson"));
    expect(lines.map(({ city, ruleSet, localPlan, ...county }) => county)).toEqual(report.counties);
    const xixia = lines.find((l) => l.code === "411323");
    const time = xixia.checks.find((c: { rule: string }) => c.rule === "EMS-TIME");
    expect(time.status).not.toBe("needs-data");
    expect(typeof time.meanMinutes).toBe("number");
    expect(b.out).toContain("路网 roads: xixia-roads.geojson，2 条道路进入路网 in the network");
  }, 300_000);
});
