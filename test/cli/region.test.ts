import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { check } from "@placemarkio/check-geojson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isRegionRun, loadChinaIndex, planCityArgv, selectCities } from "../../src/cli/region";
import { type ChinaIndex, loadCityCounties, polygonLocator } from "../../src/core";
import { rng } from "../core/coverage/helpers";
import { cli } from "./run";

const root = resolve(import.meta.dirname, "../..");
const work = mkdtempSync(join(tmpdir(), "cli-region-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const read = (file: string) => readFileSync(file, "utf8");
const lines = (file: string) => read(file).split("\n").filter(Boolean);
const ndjson = (file: string) => lines(file).map((l) => JSON.parse(l));

let index: ChinaIndex;
beforeAll(async () => {
  index = await loadChinaIndex();
});

describe("--city, --province, --counties resolution", () => {
  it("takes an id, a 6-digit code, the Chinese name, the short name or pinyin", () => {
    for (const q of ["zhengzhou", "410100", "郑州市", "郑州", "Zhengzhou"]) {
      const cities = selectCities(index, { kind: "city", query: q });
      expect(
        cities.map((c) => c.name),
        q,
      ).toEqual(["郑州市"]);
    }
    expect(selectCities(index, { kind: "city", query: "411300" }).map((c) => c.id)).toEqual(["nanyang"]);
    expect(selectCities(index, { kind: "city", query: "济源市" }).map((c) => c.code)).toEqual(["419001"]);
  });

  it("a province by code, name or pinyin gives its cities in code order", () => {
    const byCode = selectCities(index, { kind: "province", query: "41" }).map((c) => c.code);
    expect(byCode).toHaveLength(18);
    expect(byCode).toEqual([...byCode].sort());
    for (const q of ["410000", "河南省", "河南", "henan"])
      expect(selectCities(index, { kind: "province", query: q }).map((c) => c.code)).toEqual(byCode);
    expect(selectCities(index, { kind: "province", query: "shaanxi" })[0].province).toBe("61");
  });

  it("a county list gives the cities that hold those counties", () => {
    const cities = selectCities(index, { kind: "counties", codes: ["411381", "410102", "411303"] });
    expect(cities.map((c) => c.id)).toEqual(["zhengzhou", "nanyang"]);
  });

  it("only the four plan-city ids keep the classic single-city analyze", () => {
    expect(isRegionRun(["--city", "nanyang"])).toBe(false);
    expect(isRegionRun(["--facilities", "f.csv"])).toBe(false);
    for (const argv of [
      ["--city", "郑州市"],
      ["--city=410100"],
      ["--china"],
      ["--province", "41"],
      ["--shard", "1/2"],
      ["--city", "nanyang", "--stream"],
    ])
      expect(isRegionRun(argv), argv.join(" ")).toBe(true);
  });

  it("a plan city named by its code or Chinese name is the classic run of its id (the GIS trial, s55 M3)", async () => {
    expect(await planCityArgv(["--city", "平顶山", "--out", "o"])).toEqual(["--city", "pingdingshan", "--out", "o"]);
    expect(await planCityArgv(["--city=410400"])).toEqual(["--city=pingdingshan"]);
    expect(await planCityArgv(["--city", "宜春市"])).toEqual(["--city", "yichun"]);
    // 邢台市's bundled data is the 南宫市 plan's
    expect(await planCityArgv(["--city", "邢台市"])).toEqual(["--city", "nangong"]);
    for (const argv of [
      ["--city", "郑州市"],
      ["--city", "平顶山", "--counties", "410425"],
      ["--city", "平顶山", "--stream"],
      ["--city", "nanyang"],
    ])
      expect(await planCityArgv(argv), argv.join(" ")).toEqual(argv);
    // the same files as --city pingdingshan: report.json with the plans' quotes and the violations' places
    const out = join(work, "pds-zh");
    const r = await cli(
      "analyze",
      "--city",
      "平顶山",
      "--facilities",
      join(root, "geodata/scenario-pingdingshan.geojson"),
      "--out",
      out,
    );
    expect(r.code, r.err).toBe(0);
    const v = JSON.parse(readFileSync(join(out, "violations.geojson"), "utf8"));
    expect(v.features.length).toBeGreaterThan(0);
    expect(v.features.every((f: { properties: { provenance?: unknown } }) => f.properties.provenance)).toBe(true);
    expect(existsSync(join(out, "report.ndjson"))).toBe(false);
  }, 120_000);

  it("an ambiguous name exits 2 listing every candidate, before any input is read", async () => {
    const r = await cli("analyze", "--city", "suzhou", "--facilities", join(work, "absent.csv"), "--out", work);
    expect(r.code).toBe(2);
    expect(r.err).toContain("对应多个城市");
    expect(r.err).toContain("matches several cities");
    expect(r.err).toMatch(/苏州市.*--city suzhou-jiangsu/);
    expect(r.err).toMatch(/宿州市.*--city suzhou-anhui/);
    const p = await cli("analyze", "--province", "shanxi", "--facilities", join(work, "absent.csv"), "--out", work);
    expect(p.code).toBe(2);
    expect(p.err).toContain("山西省 --province 14");
    expect(p.err).toContain("陕西省 --province 61");
  });

  it("an unknown name exits 2 with the near matches, an unknown county code names the code", async () => {
    const r = await cli("analyze", "--city", "郑", "--facilities", join(work, "absent.csv"), "--out", work);
    expect(r.code).toBe(2);
    expect(r.err).toContain("找不到城市");
    expect(r.err).toContain("郑州市 --city zhengzhou");
    const c = await cli("analyze", "--counties", "999901", "--facilities", join(work, "absent.csv"), "--out", work);
    expect(c.code).toBe(2);
    expect(c.err).toContain("999901");
    const s = await cli("analyze", "--china", "--shard", "3/2", "--facilities", "x.csv", "--out", work);
    expect(s.code).toBe(2);
    expect(s.err).toContain("--shard");
  });
});

describe("facilities of a city run", () => {
  it("a code of no city is rejected naming row and field, a code of another city is outside the run", async () => {
    const file = join(work, "sanya.csv");
    writeFileSync(
      file,
      [
        "id,name,type,lon,lat,county",
        "a,三亚急救站,急救站,109.5120,18.2525,",
        "b,海口急救站,急救站,110.3300,20.0300,460105",
        "c,无效代码站,急救站,109.5200,18.2600,999999",
      ].join("\n"),
    );
    const r = await cli("analyze", "--city", "三亚市", "--facilities", file, "--out", join(work, "sanya"));
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/sanya\.csv: 第 4 行 row 4，字段 field “county”（值 value “999999”）/);
    const summary = JSON.parse(read(join(work, "sanya", "summary.json")));
    expect(summary.facilities).toMatchObject({ read: 3, analysed: 1, rejected: 1, notInRun: 1 });
    expect(summary.cities.map((c: { id: string }) => c.id)).toEqual(["sanya"]);
    const rejected = read(join(work, "sanya", "rejected.csv"));
    expect(rejected).toContain("999999");
    expect(rejected).toContain("unknown-county");
  });
});

/** A row lying in 澄迈县 whose 乡镇 cell names 西秀镇, a township of 海口市秀英区 (460105101) and of no other unit in China. */
const STRAY = "stray-1,西秀镇卫生院,乡镇卫生院,110.150000,19.850000,西秀镇";
/** How many rows the 海南 list has: 8 stations in each of the 19 entries, and the stray. */
const HAINAN_ROWS = 19 * 8 + 1;

describe("a province run in process, and its shards", () => {
  // 海南: 4 prefecture-level cities and 15 province-direct units, 19 entries of the index
  const facilities = join(work, "hainan.csv");
  const full = join(work, "hainan-full");
  beforeAll(async () => {
    // 8 stations uniform in each entry's box, kept where they fall in one of its counties; no county column; and a
    // township health centre lying in 澄迈县 (shard 3 of 3) whose 乡镇 is 海口's 西秀镇 (shard 1): the single run reads it
    // in 海口 (the re-trial, s52b M2), and so must the shards, one of them only
    const r = rng(46);
    const rows = ["id,name,type,lon,lat,township"];
    for (const city of index.cities.filter((c) => c.province === "46")) {
      const tests = (
        await loadCityCounties(city, async (f) => JSON.parse(read(join(root, "geodata", f))))
      ).features.map((f) => polygonLocator(f.geometry));
      const [w, s, e, n] = city.bbox;
      for (let k = 0; k < 8; ) {
        const lon = w + (e - w) * r();
        const lat = s + (n - s) * r();
        if (!tests.some((t) => t(lon, lat))) continue;
        k++;
        rows.push(`${city.id}-${k},${city.shortName}急救站${k},急救站,${lon.toFixed(6)},${lat.toFixed(6)},`);
      }
    }
    rows.push(STRAY);
    writeFileSync(facilities, `${rows.join("\n")}\n`);
    const res = await cli("analyze", "--province", "海南", "--facilities", facilities, "--out", full);
    expect(res.err).toBe("");
    expect(res.code).toBe(0);
    // no plan city in the run: 「这 19 个城市」, not 「其余」 of them all (the re-check, s56e)
    expect(res.out).toMatch(/这 19 个城市（.+）未加载本地规划：/);
    expect(res.out).not.toContain("其余 19 个城市");
  }, 240_000);

  it("writes one parseable line per county, valid GeoJSON features, and a summary whose totals are the lines' sums", () => {
    const counties = ndjson(join(full, "report.ndjson"));
    const expected = index.cities.filter((c) => c.province === "46").reduce((s, c) => s + c.counties, 0);
    expect(counties).toHaveLength(expected);
    expect(counties.every((c) => /^46\d{4}$/.test(c.code) && c.ruleSet === "national" && c.localPlan === false)).toBe(
      true,
    );
    const summary = JSON.parse(read(join(full, "summary.json")));
    expect(summary.totals.counties).toBe(expected);
    expect(summary.facilities).toMatchObject({ analysed: HAINAN_ROWS, rejected: 0, notInRun: 0 });
    const checks: Record<string, number> = {};
    for (const c of counties) for (const ch of c.checks) checks[ch.status] = (checks[ch.status] ?? 0) + 1;
    expect(summary.totals.checks).toEqual(checks);
    const gaps = ndjson(join(full, "gaps.geojsonl"));
    const violations = ndjson(join(full, "violations.geojsonl"));
    expect(summary.totals.gaps).toBe(gaps.length);
    expect(Object.values(summary.totals.violations).reduce((s: number, n) => s + (n as number), 0)).toBe(
      violations.length,
    );
    expect(summary.files["report.ndjson"].lines).toBe(expected);
    // the cleaned list: every analysed facility once, a valid point with its county and the county's name
    const facilities = ndjson(join(full, "facilities.geojsonl"));
    expect(facilities).toHaveLength(HAINAN_ROWS);
    expect(summary.files["facilities.geojsonl"].lines).toBe(HAINAN_ROWS);
    for (const f of facilities) {
      expect(f.geometry.type).toBe("Point");
      if (f.id === "stray-1") {
        // outside the county of its township, counted in none: its township and how far outside, no county
        expect(f.properties).toMatchObject({ township: "460105101", townshipName: "西秀镇", outsideStatedKm: 0.8 });
        expect(f.properties.county).toBeUndefined();
        continue;
      }
      expect(f.properties.county).toMatch(/^46\d{4}$/);
      expect(typeof f.properties.countyName).toBe("string");
    }
    for (const f of [...gaps.slice(0, 50), ...violations.slice(0, 50)])
      expect(() => check(JSON.stringify({ type: "FeatureCollection", features: [f] }))).not.toThrow();
    // every violation of a one-per-village rule names a village of the county it is placed in
    expect(violations.some((v) => v.properties.rule === "VC-PER-VILLAGE")).toBe(true);
    // the stray is 西秀镇's, for review naming its row, not read in 澄迈县
    const xixiu = violations.filter(
      (v) => v.properties.rule === "THC-PER-TOWNSHIP" && v.properties.unitCode === "460105101",
    );
    expect(xixiu.map((v) => [v.properties.severity, v.properties.listRow])).toEqual([["review", HAINAN_ROWS + 1]]);
  });

  it("shards' outputs, concatenated in shard order, are the single run's, byte for byte", async () => {
    for (const of of [3]) {
      const parts: Record<string, string[]> = {
        "report.ndjson": [],
        "facilities.geojsonl": [],
        "gaps.geojsonl": [],
        "violations.geojsonl": [],
      };
      let analysed = 0;
      for (let i = 1; i <= of; i++) {
        const out = join(work, `hainan-${i}-of-${of}`);
        const r = await cli(
          "analyze",
          "--province",
          "46",
          "--shard",
          `${i}/${of}`,
          "--facilities",
          facilities,
          "--out",
          out,
        );
        expect(r.code).toBe(0);
        for (const f of Object.keys(parts)) parts[f].push(read(join(out, f)));
        const summary = JSON.parse(read(join(out, "summary.json")));
        expect(summary.shard).toEqual({ index: i, of });
        analysed += summary.facilities.analysed;
      }
      for (const [f, texts] of Object.entries(parts))
        expect(texts.join(""), `${f}, ${of} shards`).toBe(read(join(full, f)));
      expect(analysed).toBe(HAINAN_ROWS);
    }
  }, 240_000);

  it("a run of every county reads the stray in 海口 too, in the shard of 海口 only", async () => {
    // of 366 shards, 166 holds 海口 (with 崇左, 三亚, 三沙) and 167 holds 澄迈县, where the stray lies
    const list = join(work, "stray.csv");
    writeFileSync(list, `id,name,type,lon,lat,township\n${STRAY}\n`);
    const runs: Record<string, { analysed: number; notInRun: number; review: number[] }> = {};
    for (const shard of ["166/366", "167/366"]) {
      const out = join(work, `china-${shard.replace("/", "-of-")}`);
      const r = await cli("analyze", "--china", "--shard", shard, "--facilities", list, "--out", out);
      expect(r.code, `${shard}: ${r.err}`).not.toBe(2);
      const summary = JSON.parse(read(join(out, "summary.json")));
      const cities = summary.cities.map((c: { id: string }) => c.id);
      expect(cities).toContain(shard === "166/366" ? "haikou" : "chengmaixian");
      const review = ndjson(join(out, "violations.geojsonl"))
        .filter((v) => v.properties.rule === "THC-PER-TOWNSHIP" && v.properties.severity === "review")
        .map((v) => v.properties.listRow);
      runs[shard] = { ...summary.facilities, review };
    }
    expect(runs["166/366"]).toMatchObject({ analysed: 1, notInRun: 0, review: [2] });
    expect(runs["167/366"]).toMatchObject({ analysed: 0, notInRun: 1, review: [] });
  }, 240_000);

  it("a shard given no city says so, not a blank list of checks (the national analyst's trial, s56d L4)", async () => {
    const said: string[] = [];
    for (const shard of ["1/2", "2/2"]) {
      const out = join(work, `one-county-${shard.replace("/", "-of-")}`);
      const r = await cli(
        "analyze",
        "--counties",
        "460105",
        "--shard",
        shard,
        "--facilities",
        facilities,
        "--out",
        out,
      );
      expect(r.code, r.err).not.toBe(2);
      said.push(r.out);
    }
    const empty = said.filter((o) => o.includes("0 个城市、0 个县区"));
    expect(empty).toHaveLength(1);
    expect(empty[0]).toContain("检查结果 checks: 无 none；");
    expect(empty[0]).toContain("本分片不含城市：所选范围的城市少于分片数，其结果都在其他分片中");
    expect(said.filter((o) => o.includes("本分片不含城市"))).toHaveLength(1);
  }, 120_000);

  it("--counties writes those counties' lines of the province run", async () => {
    const codes = ["460105", "469001"];
    const out = join(work, "hainan-counties");
    const r = await cli("analyze", "--counties", codes.join(","), "--facilities", facilities, "--out", out);
    expect(r.code).toBe(0);
    const want = lines(join(full, "report.ndjson")).filter((l) => codes.includes(JSON.parse(l).code));
    expect(want).toHaveLength(2);
    expect(lines(join(out, "report.ndjson"))).toEqual(want);
    const gapsWant = lines(join(full, "gaps.geojsonl")).filter((l) => codes.includes(JSON.parse(l).properties.county));
    expect(lines(join(out, "gaps.geojsonl"))).toEqual(gapsWant);
  }, 120_000);
});

describe("streamed lines against the classic report of a plan city", () => {
  it("南阳: a regional run of one city writes the city run's exact outlines, as the app does (the user trial, s49 #2); --cell-gaps their cells", async () => {
    const facilities = join(root, "geodata/scenario-nanyang.geojson");
    const classic = join(work, "ny-classic");
    const cells = join(work, "ny-cells");
    const exact = join(work, "ny-exact");
    expect((await cli("analyze", "--city", "nanyang", "--facilities", facilities, "--out", classic)).code).toBe(0);
    expect(
      (await cli("analyze", "--city", "411300", "--stream", "--cell-gaps", "--facilities", facilities, "--out", cells))
        .code,
    ).toBe(0);
    expect(
      (await cli("analyze", "--city", "南阳市", "--stream", "--facilities", facilities, "--out", exact)).code,
    ).toBe(0);
    const city = JSON.parse(read(join(classic, "gaps.geojson"))).features;
    expect(city.length).toBeGreaterThan(0);
    expect(city.every((g: { properties: { outline: string } }) => g.properties.outline === "exact")).toBe(true);
    const byCells = ndjson(join(cells, "gaps.geojsonl"));
    expect(byCells.map((g) => g.properties.gapId)).toEqual(
      city.map((g: { properties: { gapId: string } }) => g.properties.gapId),
    );
    expect(byCells.every((g) => g.properties.outline === "cells")).toBe(true);
    expect(ndjson(join(exact, "gaps.geojsonl"))).toEqual(city);
  }, 120_000);

  it("平顶山: each report line is the county of report.json, gaps and violations the same features", async () => {
    const facilities = join(root, "geodata/scenario-pingdingshan.geojson");
    const classic = join(work, "pds-classic");
    const streamed = join(work, "pds-streamed");
    const a = await cli("analyze", "--city", "pingdingshan", "--facilities", facilities, "--out", classic);
    const b = await cli("analyze", "--city", "平顶山市", "--stream", "--facilities", facilities, "--out", streamed);
    expect(a.code).toBe(0);
    expect(b.code).toBe(0);
    const report = JSON.parse(read(join(classic, "report.json")));
    const counties = ndjson(join(streamed, "report.ndjson"));
    expect(counties.map(({ city, ruleSet, localPlan, ...c }) => c)).toEqual(report.counties);
    expect(counties.every((c) => c.city === "pingdingshan" && c.ruleSet === report.ruleSetId && c.localPlan)).toBe(
      true,
    );
    expect(ndjson(join(streamed, "gaps.geojsonl"))).toEqual(JSON.parse(read(join(classic, "gaps.geojson"))).features);
    const violations = JSON.parse(read(join(classic, "violations.geojson"))).features;
    expect(violations.length).toBeGreaterThan(0);
    // a line is the classic feature without its quotes; summary.json holds each rule's quotes once
    const summary = JSON.parse(read(join(streamed, "summary.json")));
    const quotes = new Map<string, unknown[]>(
      summary.ruleSets[0].rules.map((r: { id: string; provenance: unknown[] }) => [r.id, r.provenance]),
    );
    expect(
      ndjson(join(streamed, "violations.geojsonl")).map(({ properties: { ruleSet, ...properties }, ...v }) => ({
        ...v,
        properties: {
          ...properties,
          provenance: violations.find(
            (c: { properties: { rule: string; citation: string } }) =>
              c.properties.rule === properties.rule && c.properties.citation === properties.citation,
          )?.properties.provenance,
        },
      })),
    ).toEqual(violations);
    for (const v of violations)
      for (const q of v.properties.provenance) expect(quotes.get(v.properties.rule)).toContainEqual(q);
  }, 120_000);
});
