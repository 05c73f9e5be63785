import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli, ROOT, readJson, workDir } from "./run";

/**
 * A facility list of one county (镇平县 411324, the Nanyang sample's) run for 南阳's 13 (the reviewer trial, s43): every
 * county is judged, and each violation says whether the list had any facility in its county.
 */
const work = workDir("cli-list-scope-");
const ZHENPING = "411324";

function oneCountyList(): string {
  const all = JSON.parse(readFileSync(join(ROOT, "geodata/scenario-nanyang.geojson"), "utf8"));
  const file = join(work, "镇平县.geojson");
  writeFileSync(
    file,
    JSON.stringify({
      ...all,
      features: all.features.filter((f: { properties: { county?: string } }) => f.properties.county === ZHENPING),
    }),
  );
  return file;
}

describe("analyze with a list of one county", () => {
  it("violations.geojson and report.json say countyInList: false for the twelve counties the list leaves out", async () => {
    const out = join(work, "out");
    const r = await cli("analyze", "--facilities", oneCountyList(), "--city", "nanyang", "--out", out);
    expect(r.code).toBe(0);
    const report = readJson(join(out, "report.json"));
    expect(report.listScope.covered).toEqual([ZHENPING]);
    expect(report.listScope.missing).toHaveLength(12);
    // the GeoJSON files say it at their top, as report.json does (a GIS desk reading one file alone)
    for (const file of ["violations.geojson", "gaps.geojson"])
      expect(readJson(join(out, file)).listScope).toEqual(report.listScope);
    const features = readJson(join(out, "violations.geojson")).features as Array<{
      properties: { county: string; countyInList?: boolean };
    }>;
    const outside = features.filter((f) => f.properties.county !== ZHENPING);
    expect(outside.length).toBeGreaterThan(0);
    for (const f of outside) expect(f.properties.countyInList).toBe(false);
    for (const f of features.filter((f) => f.properties.county === ZHENPING))
      expect(f.properties.countyInList).toBe(true);
    // the gaps too, as the violations (the GIS trial, s45-b #1: the other counties' whole-county gaps went unmarked)
    const gaps = readJson(join(out, "gaps.geojson")).features as Array<{
      properties: { county: string; countyInList?: boolean };
    }>;
    expect(gaps.filter((g) => g.properties.county !== ZHENPING).length).toBeGreaterThan(0);
    for (const g of gaps) expect(g.properties.countyInList).toBe(g.properties.county === ZHENPING);
    const cited = report.violations as Array<{ county: string; countyInList?: boolean }>;
    expect(cited.filter((v) => v.countyInList === false)).toHaveLength(outside.length);
  });

  it("a regional run's gaps.geojsonl and violations.geojsonl say countyInList as the city run's files", async () => {
    const out = join(work, "region");
    const r = await cli("analyze", "--facilities", oneCountyList(), "--city", "南阳市", "--stream", "--out", out);
    expect(r.code).toBe(0);
    const lines = (file: string) =>
      readFileSync(join(out, file), "utf8")
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { properties: { county: string; countyInList?: boolean } });
    for (const file of ["gaps.geojsonl", "violations.geojsonl"]) {
      const features = lines(file).filter(
        (f) => f.properties.county.length === 6 && !f.properties.county.endsWith("00"),
      );
      expect(features.filter((f) => f.properties.county !== ZHENPING).length).toBeGreaterThan(0);
      for (const f of features) expect(f.properties.countyInList).toBe(f.properties.county === ZHENPING);
    }
  });
});
