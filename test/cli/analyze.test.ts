import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { check } from "@placemarkio/check-geojson";
import { afterAll, describe, expect, it } from "vitest";
import { cli } from "./run";

const root = resolve(import.meta.dirname, "../..");
const fixtures = join(root, "test/fixtures/cli");
const boundaries = join(root, "test/fixtures/rules/two-counties.geojson");
const work = mkdtempSync(join(tmpdir(), "cli-test-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function readJson(file: string) {
  return JSON.parse(readFileSync(file, "utf8"));
}

describe("cli analyze", () => {
  it("--help prints usage in Chinese and English", async () => {
    const r = await cli("--help");
    expect(r.code).toBe(0);
    expect(r.out).toContain("用法 / Usage");
    expect(r.out).toContain("--rural-radius-km");
    expect(r.out).toContain("农村急救服务半径");
  });

  it("analyses a good CSV and writes valid GeoJSON with ruleSet, params, generatedAt", async () => {
    const out = join(work, "good");
    const r = await cli(
      "analyze",
      "--facilities",
      join(fixtures, "facilities-good.csv"),
      "--boundaries",
      boundaries,
      "--out",
      out,
    );
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toContain("6 facilities analysed, 0 rows rejected");
    const report = readJson(join(out, "report.json"));
    expect(report.ruleSetId).toBe("nanyang"); // the city's own plans (000 + 003) by default
    expect(report.counties.map((c: { code: string }) => c.code)).toEqual(["990001", "990002"]);
    for (const name of ["gaps.geojson", "violations.geojson"]) {
      const text = readFileSync(join(out, name), "utf8");
      expect(() => check(text)).not.toThrow();
      const fc = JSON.parse(text);
      expect(fc.ruleSet).toBe("nanyang");
      expect(fc.ruleSetTitle.zh).toContain("南阳");
      expect(fc.params.urbanRadiusKm).toBe(5);
      expect(typeof fc.generatedAt).toBe("string");
    }
    // The sub-centre at 33.15°N lies 16.6 km (> 15 km) north of the people's hospital at the seat: no SUB-15KM violation.
    const v = readJson(join(out, "violations.geojson"));
    expect(v.features.filter((f: { properties: { rule: string } }) => f.properties.rule === "SUB-15KM")).toEqual([]);
    // every violation is placed and cited, and has its id, in violations.geojson and report.json alike
    expect(v.features.length).toBeGreaterThan(0);
    expect(report.violations.map((x: { violationId: string }) => x.violationId)).toEqual(
      v.features.map((f: { properties: { violationId: string } }) => f.properties.violationId),
    );
    expect(new Set(report.violations.map((x: { violationId: string }) => x.violationId)).size).toBe(
      report.violations.length,
    );
    for (const f of v.features) {
      expect(f.geometry.type).toBe("Point");
      expect(f.properties.geometryKind).toMatch(
        /^(facility|unit-seat|unit-facility|township-health-centre|gap-interior|county-interior)$/,
      );
      expect(f.properties.provenance.length).toBeGreaterThan(0);
      expect(f.properties.provenance[0]).toHaveProperty("quote");
    }
  });

  it("rejects bad rows with file, row and field, still analyses the good ones, exits 3", async () => {
    const out = join(work, "bad");
    const r = await cli(
      "analyze",
      "--facilities",
      join(fixtures, "facilities-bad.csv"),
      "--boundaries",
      boundaries,
      "--out",
      out,
    );
    expect(r.code).toBe(3);
    const errLines = r.err.split("\n");
    const has = (row: number, field: string) =>
      errLines.some((l) => l.startsWith("facilities-bad.csv:") && l.includes(`row ${row}`) && l.includes(`“${field}”`));
    expect(has(4, "lon")).toBe(true); // non-numeric longitude
    expect(has(5, "lat")).toBe(true); // latitude 95
    expect(has(6, "type")).toBe(true); // unknown type
    expect(has(7, "county")).toBe(true); // unknown county code
    expect(r.out).toContain("3 facilities analysed, 4 rows rejected");
    expect(existsSync(join(out, "report.json"))).toBe(true);
  });

  it("rejects a file without a latitude column", async () => {
    const r = await cli(
      "analyze",
      "--facilities",
      join(fixtures, "facilities-nolat.csv"),
      "--boundaries",
      boundaries,
      "--out",
      join(work, "nolat"),
    );
    expect(r.code).toBe(2);
    expect(r.err).toContain("facilities-nolat.csv");
    expect(r.err).toMatch(/latitude/);
  });

  it("rejects a rural radius outside [10, 20] km and bad option values", async () => {
    const a = await cli(
      "analyze",
      "--facilities",
      join(fixtures, "facilities-good.csv"),
      "--boundaries",
      boundaries,
      "--rural-radius-km",
      "25",
      "--out",
      join(work, "r25"),
    );
    expect(a.code).toBe(2);
    expect(a.err).toContain("--rural-radius-km");
    expect(existsSync(join(work, "r25"))).toBe(false);
    const b = await cli(
      "analyze",
      "--facilities",
      "x.csv",
      "--out",
      join(work, "x"),
      "--crs",
      "mars",
      "--urban-radius-km",
      "five",
    );
    expect(b.code).toBe(2);
    expect(b.err).toContain("--crs");
    expect(b.err).toContain("--urban-radius-km");
  });

  it("names an unreadable file", async () => {
    const r = await cli(
      "analyze",
      "--facilities",
      join(fixtures, "does-not-exist.csv"),
      "--boundaries",
      boundaries,
      "--out",
      join(work, "nofile"),
    );
    expect(r.code).toBe(2);
    expect(r.err).toContain("does-not-exist.csv");
  });

  it("honours --rural-radius-km in the report", async () => {
    const out = join(work, "r12");
    const r = await cli(
      "analyze",
      "--facilities",
      join(fixtures, "facilities-good.csv"),
      "--boundaries",
      boundaries,
      "--rural-radius-km",
      "12",
      "--out",
      out,
    );
    expect(r.code).toBe(0);
    const report = readJson(join(out, "report.json"));
    const rural = report.counties[0].checks.find((c: { rule: string }) => c.rule === "EMS-RURAL");
    expect(rural.radiusKm).toBe(12);
  });
});
