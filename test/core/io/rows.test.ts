import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseFacilityFile } from "../../../src/core/io";

describe("source rows of imported facilities", () => {
  it("gives each kept facility its spreadsheet row (header = row 1), skipping rejected rows", async () => {
    // test/fixtures/io/bad-rows.csv: rows 3–6 are rejected (missing lon, lat "abc", lat 200, unknown type)
    const bytes = new Uint8Array(readFileSync("test/fixtures/io/bad-rows.csv"));
    const r = await parseFacilityFile(bytes, "bad-rows.csv");
    expect(r.facilities.map((f) => f.id)).toEqual(["B01", "B06", "B07", "B08"]);
    expect(r.rows).toEqual([2, 7, 8, 9]);
  });

  it("numbers GeoJSON features from 1 and stays aligned after a boundary check", async () => {
    const fc = {
      type: "FeatureCollection",
      features: [
        {
          type: "Feature",
          geometry: { type: "Point", coordinates: [112.5, 33.0] },
          properties: { id: "a", name: "甲急救站", type: "ems-station" },
        },
        {
          type: "Feature",
          geometry: { type: "Point", coordinates: ["x", 33.0] },
          properties: { id: "b", name: "乙急救站", type: "ems-station" },
        },
        {
          type: "Feature",
          geometry: { type: "Point", coordinates: [112.6, 33.1] },
          properties: { id: "c", name: "丙急救站", type: "ems-station" },
        },
      ],
    };
    const square = {
      type: "FeatureCollection" as const,
      features: [
        {
          type: "Feature" as const,
          properties: {},
          geometry: {
            type: "Polygon" as const,
            coordinates: [
              [
                [112, 32.5],
                [113, 32.5],
                [113, 33.5],
                [112, 33.5],
                [112, 32.5],
              ],
            ],
          },
        },
      ],
    };
    const r = await parseFacilityFile(new TextEncoder().encode(JSON.stringify(fc)), "sites.geojson", {
      boundaries: square,
    });
    expect(r.facilities.map((f) => f.id)).toEqual(["a", "c"]);
    expect(r.rows).toEqual([1, 3]);
  });
});

describe("type corrections", () => {
  it("accepts a rejected row once the user picks a type for its type value, and overrides a guess by row", async () => {
    const bytes = new Uint8Array(readFileSync("test/fixtures/io/bad-rows.csv"));
    // row 6: type "诊所X" is unknown (rejected); row 2 "南召县人民医院" had no type cell: guessed from the name
    const r = await parseFacilityFile(bytes, "bad-rows.csv", {
      typeOverrides: { byValue: { 诊所X: "village-clinic" }, byRow: { 2: "county-medical-centre" } },
    });
    expect(r.facilities.map((f) => [f.id, f.type])).toEqual([
      ["B01", "county-medical-centre"],
      ["B05", "village-clinic"],
      ["B06", "central-thc"],
      ["B07", "village-clinic"],
      ["B08", "hospital"],
    ]);
    expect(r.rows).toEqual([2, 6, 7, 8, 9]);
    // the rejection is gone; the choice stays as a note
    expect(r.issues.filter((i) => i.row === 6).map((i) => [i.code, i.severity])).toEqual([["type-chosen", "note"]]);
    expect(r.rejectedRows + r.facilities.length).toBe(r.totalRows);
  });
});
