import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import geographiclib from "geographiclib-geodesic";
import { afterAll, describe, expect, it } from "vitest";
import { pointInPolygon } from "../../src/core";
import { createAnalysisApi } from "../../src/worker/api";
import { cli } from "./run";

/**
 * A boundary file without county seats gets the same estimated seat on every path (the app's boundary import, analyze,
 * suggest, report): a point guaranteed inside the county. The county here is a U whose bounding-box centre lies in the
 * notch and whose first vertex is a corner, so the two fallbacks used before are told apart from the interior point.
 * By construction the horizontal line through the box centre (y = 33.2) crosses the U at x = 112.0, 112.1, 112.25
 * and 112.4; the wider inside stretch is the right arm's, whose middle is (112.325, 33.2).
 */

const U = [
  [112.0, 33.0],
  [112.4, 33.0],
  [112.4, 33.4],
  [112.25, 33.4],
  [112.25, 33.1],
  [112.1, 33.1],
  [112.1, 33.4],
  [112.0, 33.4],
  [112.0, 33.0],
];
const SEAT: [number, number] = [112.325, 33.2];
const polygon = { type: "Polygon" as const, coordinates: [U] };
const boundaryJson = JSON.stringify({
  type: "FeatureCollection",
  features: [{ type: "Feature", properties: { code: "990001", name: "甲县" }, geometry: polygon }],
});

// two sub-centres and no county medical centre or people's hospital: SUB-15KM measures from the seat
const NEAR: [number, number] = [112.325, 33.3];
const FAR: [number, number] = [112.05, 33.35];
const facilitiesCsv = `id,name,type,lon,lat,county\nN,近次中心,sub-centre,${NEAR.join(",")},990001\nF,远次中心,sub-centre,${FAR.join(",")},990001\n`;

const geod = geographiclib.Geodesic.WGS84;
/** Geodesic distance in km (geographiclib): the reference. */
const km = (a: readonly number[], b: readonly number[]) => (geod.Inverse(a[1], a[0], b[1], b[0]).s12 as number) / 1000;

const work = mkdtempSync(join(tmpdir(), "seat-fallback-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const boundaries = join(work, "u-county.geojson");
writeFileSync(boundaries, boundaryJson);
const facilities = join(work, "sub-centres.csv");
writeFileSync(facilities, facilitiesCsv);

describe("a boundary file without seats: one estimated seat, inside the county, on every path", () => {
  it("the construction: the box centre is outside, the first vertex on the edge, the expected seat inside", () => {
    expect(pointInPolygon(112.2, 33.2, polygon)).toBe(false);
    expect(pointInPolygon(...SEAT, polygon)).toBe(true);
    expect(km(NEAR, SEAT)).toBeLessThan(15);
    expect(km(FAR, SEAT)).toBeGreaterThan(15);
  });

  it("the app (the worker's boundary import)", async () => {
    const api = createAnalysisApi({ loadHighs: () => Promise.reject(new Error("not needed")) });
    const r = await api.parseBoundaries(new TextEncoder().encode(boundaryJson), "u-county.geojson", "custom");
    const seat = r.counties.features[0].properties.seat;
    expect(seat[0]).toBeCloseTo(SEAT[0], 9);
    expect(seat[1]).toBeCloseTo(SEAT[1], 9);
  });

  it("analyze: SUB-15KM measures from that seat", async () => {
    const out = join(work, "analyze");
    const r = await cli("analyze", "--facilities", facilities, "--boundaries", boundaries, "--out", out);
    expect(r.code, r.err).toBe(0);
    const report = JSON.parse(readFileSync(join(out, "report.json"), "utf8"));
    const check = report.counties[0].checks.find((c: { rule: string }) => c.rule === "SUB-15KM");
    expect(check.reference.kind).toBe("seat");
    expect(check.reference.lon).toBeCloseTo(SEAT[0], 9);
    expect(check.reference.lat).toBeCloseTo(SEAT[1], 9);
    const v = report.violations.filter((x: { rule: string }) => x.rule === "SUB-15KM");
    expect(v.map((x: { facilityId: string }) => x.facilityId)).toEqual(["N"]);
    expect(v[0].distanceKm).toBeCloseTo(km(NEAR, SEAT), 3);
  });

  it("suggest --sub-centres: the same seat, the same verdicts", async () => {
    const out = join(work, "suggest");
    const r = await cli(
      "suggest",
      "--sub-centres",
      "--facilities",
      facilities,
      "--boundaries",
      boundaries,
      "--out",
      out,
    );
    expect(r.code, r.err).toBe(0);
    const county = JSON.parse(readFileSync(join(out, "sub-centres.json"), "utf8")).counties[0];
    expect(county.medicalCentre.kind).toBe("seat");
    expect(county.medicalCentre.lon).toBeCloseTo(SEAT[0], 9);
    expect(county.medicalCentre.lat).toBeCloseTo(SEAT[1], 9);
    const byId = new Map(county.candidates.map((c: { id: string }) => [c.id, c]));
    expect(byId.get("N")).toMatchObject({ qualifies: false });
    expect((byId.get("N") as { distanceKm: number }).distanceKm).toBeCloseTo(km(NEAR, SEAT), 3);
    expect(byId.get("F")).toMatchObject({ qualifies: true });
  });

  it("report: the review report states the distance from that seat", async () => {
    const out = join(work, "report");
    const r = await cli("report", "--facilities", facilities, "--boundaries", boundaries, "--out", out);
    expect(r.code, r.err).toBe(0);
    const html = readFileSync(join(out, "report.html"), "utf8");
    expect(html).toContain(`${km(NEAR, SEAT).toFixed(2)} km`);
  }, 120_000);
});
