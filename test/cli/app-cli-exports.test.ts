import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { countyNamesEn, exportedFacilities, placedViolations } from "../../src/app/export-actions";
import {
  analyze,
  exportFacilitiesGeoJSON,
  exportFeaturesGeoJSON,
  gapFeaturesForExport,
  importedFacilities,
  parseFacilityFile,
} from "../../src/core";
import { nanyangInputs } from "../core/report/nanyang";
import { cli, workDir } from "./run";

/**
 * The GIS trial: the app's and the CLI's GeoJSON exports of the same list did not diff clean. The CLI wrote no
 * `countyNameEn` on violations and gaps and no `invented` on the imported facilities, which the app's exports carry.
 * The same file, imported and exported as the app does (its export functions) and run through `hfp analyze`, gives
 * the same properties on every violation, gap and facility.
 */
const work = workDir("app-cli-exports-");

// 西峡县: a county medical centre, a sub-centre 8 km from it (SUB-15KM), an EMS station (rural gaps) and a clinic
const LIST = [
  "名称,类型,经度,纬度,所属县区,乡镇,行政村",
  "西峡县人民医院,县域医疗中心,111.47,33.30,西峡县,,",
  "丁河镇中心卫生院,县域医疗卫生次中心,111.55,33.33,西峡县,,",
  "西峡县急救站,急救站,111.48,33.29,西峡县,,",
  "袁店村卫生室,村卫生室,111.50,33.36,西峡县,丹水镇,袁店村",
].join("\n");

type Fc = { features: Array<{ properties: Record<string, unknown> }> };
const read = (file: string): Fc => JSON.parse(readFileSync(file, "utf8"));
/** Each feature's property names, sorted, keyed by what identifies it across the two sets. */
const keysBy = (fc: Fc, id: (p: Record<string, unknown>) => unknown) =>
  new Map(fc.features.map((f) => [String(id(f.properties)), Object.keys(f.properties).sort()]));

describe("the app's and the CLI's exports of the same list carry the same properties (the GIS trial)", () => {
  it("violations, gaps and facilities: the same keys, countyNameEn and invented included, with the same values", async () => {
    const csv = join(work, "list.csv");
    writeFileSync(csv, LIST);
    const out = join(work, "out");
    const r = await cli("analyze", "--facilities", csv, "--out", out);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const cli_ = {
      violations: read(join(out, "violations.geojson")),
      gaps: read(join(out, "gaps.geojson")),
      facilities: read(join(out, "facilities.geojson")),
    };

    // the app: the worker's import (with the city's counties and division list), kept as the Data tab keeps it, the
    // worker's analysis (the county names' table given, as the worker gives it), the Data tab's export functions
    const { ruleSet, counties, divisions } = nanyangInputs();
    const refs = counties.features.map((c) => ({ code: c.properties.code, name: c.properties.name }));
    const parsed = await parseFacilityFile(new TextEncoder().encode(LIST), "list.csv", {
      counties: refs,
      boundaries: counties,
      divisions,
    });
    const facilities = importedFacilities(parsed.facilities);
    const pinyin = JSON.parse(readFileSync("geodata/china/county-names-en.json", "utf8")).names;
    // an imported list, as the app sends it (listImported): its counties without a facility are named
    const report = analyze({ counties, countyNamesEn: pinyin, facilities, ruleSet, divisions, listImported: true });
    const data = { counties, divisions } as unknown as Parameters<typeof exportedFacilities>[0]["data"];
    const namesEn = await countyNamesEn(counties.features);
    const ctx = { analysis: { report }, data, facilities, ruleSet } as unknown as Parameters<
      typeof placedViolations
    >[0];
    const countyNames = Object.fromEntries(counties.features.map((c) => [c.properties.code, c.properties.name]));
    // as the worker writes them (exportFeaturesGeoJSON, exportFacilitiesGeoJSON)
    const app: Record<keyof typeof cli_, Fc> = {
      violations: JSON.parse(exportFeaturesGeoJSON(placedViolations(ctx, namesEn))),
      gaps: JSON.parse(
        exportFeaturesGeoJSON(gapFeaturesForExport({ report, counties: counties.features, ruleSet, namesEn })),
      ),
      facilities: JSON.parse(
        exportFacilitiesGeoJSON(exportedFacilities({ data, facilities }), {}, { crs: "wgs84", countyNames }),
      ),
    };

    expect(cli_.violations.features.length).toBeGreaterThan(0);
    expect(cli_.gaps.features.length).toBeGreaterThan(0);
    const byId = {
      violations: (p: Record<string, unknown>) => p.violationId,
      gaps: (p: Record<string, unknown>) => p.gapId,
      facilities: (p: Record<string, unknown>) => p.id,
    };
    for (const layer of ["violations", "gaps", "facilities"] as const) {
      expect(keysBy(cli_[layer], byId[layer]), layer).toEqual(keysBy(app[layer], byId[layer]));
      // every file says its coordinates in the same member (the GIS trial, s55 L5: only the facilities did)
      const member = (fc: Fc) => (fc as unknown as { coordinateSystem?: { id: string } }).coordinateSystem?.id;
      expect([member(cli_[layer]), member(app[layer])], layer).toEqual(["wgs84", "wgs84"]);
    }

    // the values too: 西峡县's English name on its rows, the city row's "Whole city", and every facility's flag
    const en = (fc: Fc) => fc.features.map((f) => [f.properties.county, f.properties.countyNameEn]);
    expect(en(cli_.violations)).toEqual(en(app.violations));
    expect(en(cli_.gaps)).toEqual(en(app.gaps));
    expect(en(cli_.gaps)).toContainEqual(["411323", "Xixia County"]);
    expect(cli_.facilities.features.map((f) => f.properties.invented)).toEqual([false, false, false, false]);
    expect(app.facilities.features.map((f) => f.properties.invented)).toEqual([false, false, false, false]);
  });

  it("a regional run of the same city (--city by code) writes the same properties on its lines", async () => {
    // the list and the city run of the test above
    const csv = join(work, "list.csv");
    const out = join(work, "region");
    const r = await cli("analyze", "--city", "411300", "--stream", "--facilities", csv, "--out", out);
    expect(r.code).toBe(0);
    const lines = (name: string): Fc => ({
      features: readFileSync(join(out, name), "utf8")
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l)),
    });
    const city = join(work, "out");
    const gapId = (p: Record<string, unknown>) => p.gapId;
    // the city run writes a gap whose ground is another's exact piece once (docs/outputs.md); the regional run keeps
    // every gap's cells: the same properties on the gaps both write
    const cityGaps = keysBy(read(join(city, "gaps.geojson")), gapId);
    const regionGaps = keysBy(lines("gaps.geojsonl"), gapId);
    expect(cityGaps.size).toBeGreaterThan(0);
    expect(new Map([...regionGaps].filter(([k]) => cityGaps.has(k)))).toEqual(cityGaps);
    const id = (p: Record<string, unknown>) => p.id;
    expect(keysBy(lines("facilities.geojsonl"), id)).toEqual(keysBy(read(join(city, "facilities.geojson")), id));
    // a line's quotes are in summary.json, found by its rule set (docs/outputs.md): else the same properties
    const violationId = (p: Record<string, unknown>) => p.violationId;
    const cityViolations = keysBy(read(join(city, "violations.geojson")), violationId);
    for (const [k, keys] of cityViolations)
      cityViolations.set(k, [...keys.filter((x) => x !== "provenance"), "ruleSet"].sort());
    expect(keysBy(lines("violations.geojsonl"), violationId)).toEqual(cityViolations);
  });
});
