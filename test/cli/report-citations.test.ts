import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { pointInPolygon } from "../../src/core";
import { cli } from "./run";

/**
 * Issue 11: every violation in report.json carries its citation as data (provenance with the plan's own words) and a
 * place, as violations.geojson does. The reference for a quote is the plan text itself (seeds/plans/NNN_*.txt).
 */

const root = resolve(import.meta.dirname, "../..");
const work = mkdtempSync(join(tmpdir(), "cli-cite-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const planLines = new Map<string, string[]>();
for (const f of readdirSync(join(root, "seeds/plans")).filter((n) => /^\d{3}_.*\.txt$/.test(n)))
  planLines.set(f.slice(0, 3), readFileSync(join(root, "seeds/plans", f), "utf8").split("\n"));

describe("report.json violations carry their citation and place", () => {
  it("Nanyang's sample: each violation quotes its plan line verbatim and sits in its own county", async () => {
    const out = join(work, "nanyang");
    const r = await cli("analyze", "--facilities", join(root, "geodata/scenario-nanyang.geojson"), "--out", out);
    expect(r.code).toBe(0);
    const report = JSON.parse(readFileSync(join(out, "report.json"), "utf8"));
    const collection = JSON.parse(readFileSync(join(out, "violations.geojson"), "utf8"));
    const features = collection.features;
    // the file says what its figures mean, where a name does not (the trial, s51 #6: `measured` read as the row's
    // value): every figure field the rows carry that means different things by rule has a note in both languages
    const used = new Set<string>(features.flatMap((f: { properties: object }) => Object.keys(f.properties)));
    for (const key of ["severity", "count", "expected", "measured", "unitHas", "unitNeeds", "nearestPointKm"]) {
      expect(used.has(key), key).toBe(true);
      expect(collection.fieldNotes[key]?.zh, key).toMatch(/\p{Script=Han}/u);
      expect(collection.fieldNotes[key]?.en, key).toMatch(/^[^\p{Script=Han}]*[a-z]/u);
    }
    expect(collection.fieldNotes.measured.zh).toContain("不是本行的值");
    // and every property the rows carry is noted or names itself (the user trial, s52 L6: coveredPct, uncoveredKm2,
    // limitKm, geometryKind and gapCount had no note)
    const named = new Set([
      "violationId",
      "rule",
      "ruleDescZh",
      "ruleDescEn",
      "county",
      "countyName",
      "countyNameEn",
      "facilityId",
      "facilityName",
      "unitCode",
      "unitName",
      "unitLevel",
      "townshipCode",
      "townshipName",
      "grade",
      "gradeNeeded",
      "messageZh",
      "messageEn",
      "provenance",
      "citation",
      "placeName",
      "measuredFromKind",
      "measuredFromId",
      "measuredFromName",
      "measuredFromLon",
      "measuredFromLat",
      "nearestPointId",
      "nearestPointName",
      "neighbourPointId",
      "neighbourPointName",
      "neighbourPointCounty",
      "neighbourPointCountyName",
      "listRowName",
      "listRowLon",
      "listRowLat",
    ]);
    expect([...used].filter((k) => !named.has(k) && !collection.fieldNotes[k])).toEqual([]);
    // the cleaned facility list says what its flags mean too (s52 L6)
    const facilities = JSON.parse(readFileSync(join(out, "facilities.geojson"), "utf8"));
    for (const key of [
      "invented",
      "proposed",
      "typeGuessed",
      "typeInFile",
      "nameGiven",
      "outsideStatedKm",
      "…（原文）",
    ])
      expect(facilities.fieldNotes?.[key]?.zh, key).toMatch(/\p{Script=Han}/u);
    expect(facilities.fieldNotes.invented.zh).toContain("虚构");
    // and the gaps file its figures (the re-trial, s52b L4), every property the gaps carry noted or self-named
    const gapFile = JSON.parse(readFileSync(join(out, "gaps.geojson"), "utf8"));
    const gapKeys = new Set<string>(gapFile.features.flatMap((f: { properties: object }) => Object.keys(f.properties)));
    expect(gapKeys.size).toBeGreaterThan(5);
    const gapNamed = new Set(["county", "countyName", "countyNameEn", "rule", "ruleDescZh", "ruleDescEn", "citation"]);
    expect([...gapKeys].filter((k) => !gapNamed.has(k) && !gapFile.fieldNotes?.[k])).toEqual([]);
    const counties = JSON.parse(readFileSync(join(root, "geodata/counties-nanyang.geojson"), "utf8")).features;
    expect(report.violations.length).toBeGreaterThan(20);
    expect(report.violations).toHaveLength(features.length);
    for (const [i, v] of report.violations.entries()) {
      expect(v.provenance.length, v.rule).toBeGreaterThan(0);
      for (const p of v.provenance) {
        const line = planLines.get(p.doc)?.[p.line - 1] ?? "";
        expect(line, `${v.rule} ${p.doc}:${p.line}`).toContain(p.quote);
      }
      expect(v.citation).toBe(
        [...new Set(v.provenance.map((p: { doc: string; line: number }) => `${p.doc}:${p.line}`))].join("；"),
      );
      // the same place as the feature, and inside the violation's county
      expect(v.geometryKind).toBe(features[i].properties.geometryKind);
      expect(v.geometryKind).not.toBe("none");
      if (v.geometryKind === "city") {
        // a city-wide rule failing in the city row: listed, cited, with no single place
        expect(features[i].geometry).toBeNull();
        expect(v.county).toBe("411300");
        continue;
      }
      expect([v.lon, v.lat]).toEqual(features[i].geometry.coordinates);
      const county = counties.find((c: { properties: { code: string } }) => c.properties.code === v.county);
      expect(pointInPolygon(v.lon, v.lat, county.geometry), `${v.rule} ${v.county}`).toBe(true);
    }

    // a coverage failure is a row too: 西峡县's rural EMS gaps, with the check's figures, read back from both files
    const check = report.counties
      .find((c: { code: string }) => c.code === "411323")
      .checks.find((k: { rule: string }) => k.rule === "EMS-RURAL");
    expect(check.status).toBe("fail");
    const gaps = JSON.parse(readFileSync(join(out, "gaps.geojson"), "utf8")).features.filter(
      (g: { properties: { county: string; rule: string } }) =>
        g.properties.county === "411323" && g.properties.rule === "EMS-RURAL",
    );
    const k = report.violations.findIndex(
      (v: { rule: string; county: string }) => v.rule === "EMS-RURAL" && v.county === "411323",
    );
    expect(k).toBeGreaterThanOrEqual(0);
    const v = report.violations[k];
    expect(v.severity).toBe("error");
    expect(v.geometryKind).toBe("gap-interior");
    expect(v.citation).toBe("000:232");
    expect(v.coverage.uncoveredKm2).toBe(check.uncoveredAreaKm2);
    expect(v.coverage.coveredShare).toBe(check.coveredShare);
    expect(v.coverage.radiusKm).toBe(20);
    expect(v.coverage.gapCount).toBe(gaps.length);
    const largest = gaps.find((g: { properties: { gapId: string } }) => g.properties.gapId === v.coverage.largestGapId);
    // gaps.geojson rounds areas to 0.1 km²: the largest written is the largest, by the analysis's cell area
    // (gridAreaKm2; areaKm2 is the exact outline's, bounded by the county and the discs: 25.5 against the cells' 25.4)
    expect(largest.properties.gridAreaKm2).toBe(
      Math.max(...gaps.map((g: { properties: { gridAreaKm2: number } }) => g.properties.gridAreaKm2)),
    );
    expect(largest.properties.outline).toBe("exact");
    expect(Math.abs(largest.properties.areaKm2 - largest.properties.gridAreaKm2)).toBeLessThanOrEqual(
      0.02 * largest.properties.gridAreaKm2,
    );
    expect(pointInPolygon(v.lon, v.lat, largest.geometry)).toBe(true);
    const f = features[k].properties;
    expect(f.rule).toBe("EMS-RURAL");
    expect(f.uncoveredKm2).toBe(Math.round(check.uncoveredAreaKm2 * 10) / 10);
    expect(f.coveredPct).toBeLessThan(100);
    expect(f.coveredPct).toBe(Math.round(check.coveredShare * 1000) / 10);
    expect(f.limitKm).toBe(20);
    expect(f.gapCount).toBe(gaps.length);
    expect(f.largestGapKm2).toBe(largest.properties.gridAreaKm2);
    expect(f.messageZh).toContain(`西峡县 农村地区 20 公里急救服务半径外尚有 ${f.uncoveredKm2.toFixed(1)} km²`);
  });
});
