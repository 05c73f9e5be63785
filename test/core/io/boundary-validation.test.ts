import { describe, expect, it } from "vitest";
import { geodesicAreaKm2 } from "../../../src/core/geo";
import { interiorPoint, parseBoundaryFile } from "../../../src/core/io";

const enc = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));
const county = (code: string, name: string, coordinates: unknown, type = "Polygon") => ({
  type: "Feature",
  properties: { code, name },
  geometry: { type, coordinates },
});
const square = (x: number, y: number, d: number) => [
  [
    [x, y],
    [x + d, y],
    [x + d, y + d],
    [x, y + d],
    [x, y],
  ],
];
const fc = (...features: unknown[]) => ({ type: "FeatureCollection", features });
const errors = <T extends { severity: string }>(r: { issues: T[] }) => r.issues.filter((i) => i.severity === "error");

/** Planar (lon/lat) area of a ring by the shoelace formula, absolute. */
function shoelace(ring: number[][]): number {
  let a = 0;
  for (let i = 0; i + 1 < ring.length; i++) a += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return Math.abs(a) / 2;
}

describe("boundary validation", () => {
  it("a bow-tie county is repaired into its two lobes with a warning naming it, not given area 0", async () => {
    // a 0.2° square crossed at its centre: two triangles of a quarter of the square each
    const bow = [
      [
        [112, 33],
        [112.2, 33.2],
        [112.2, 33],
        [112, 33.2],
        [112, 33],
      ],
    ];
    const r = await parseBoundaryFile(enc(fc(county("411302", "宛城区", bow))), "bow.geojson");
    expect(errors(r)).toEqual([]);
    const w = r.issues.find((i) => i.code === "self-intersection-repaired");
    expect(w).toMatchObject({ row: 1, severity: "warning" });
    expect(w?.message.zh).toContain("宛城区");
    const g = r.boundaries.features[0].geometry;
    const parts = g.type === "MultiPolygon" ? g.coordinates : [g.coordinates];
    const planar = parts.reduce((s, p) => s + shoelace(p[0]), 0);
    expect(planar).toBeCloseTo(0.5 * 0.2 * 0.2, 12);
    expect(geodesicAreaKm2(g)).toBeGreaterThan(100);
  });

  it("a 3-point county (a ring that encloses nothing) is an error naming the feature", async () => {
    const three = [
      [
        [112, 33],
        [112.1, 33.1],
        [112, 33],
      ],
    ];
    const r = await parseBoundaryFile(
      enc(fc(county("411302", "宛城区", three), county("411303", "卧龙区", square(112.3, 33, 0.1)))),
      "3pt.geojson",
    );
    expect(errors(r)).toEqual([expect.objectContaining({ row: 1, code: "degenerate-polygon" })]);
    expect(r.boundaries.features.map((f) => f.properties.code)).toEqual(["411303"]);
  });

  it.each([
    ["null coordinates", null, "invalid-feature"],
    ["empty coordinates", [], "degenerate-polygon"],
    ["a null position", [[[112, 33], null, [112.1, 33.1], [112, 33]]], "invalid-coordinates"],
    [
      "text coordinates",
      [
        [
          ["a", "b"],
          [112.1, 33],
          [112.1, 33.1],
          ["a", "b"],
        ],
      ],
      "invalid-coordinates",
    ],
    [
      "huge coordinates",
      [
        [
          [1e308, 33],
          [112.1, 33],
          [112.1, 33.1],
          [1e308, 33],
        ],
      ],
      "out-of-range",
    ],
    [
      "projected coordinates without a .prj",
      [
        [
          [38_500_000, 3_650_000],
          [38_510_000, 3_650_000],
          [38_510_000, 3_660_000],
          [38_500_000, 3_650_000],
        ],
      ],
      "projected-without-crs",
    ],
  ])("%s: exit-2 error naming the feature, the other county kept", async (_label, coords, code) => {
    const r = await parseBoundaryFile(
      enc(fc(county("411302", "宛城区", coords), county("411303", "卧龙区", square(112.3, 33, 0.1)))),
      "b.geojson",
    );
    expect(errors(r)).toEqual([expect.objectContaining({ row: 1, code, file: "b.geojson" })]);
    expect(errors(r)[0].message.zh).toContain("宛城区");
    expect(r.boundaries.features.map((f) => f.properties.code)).toEqual(["411303"]);
  });

  it("numeric-text coordinates are read as numbers with a warning", async () => {
    const text = square(112, 33, 0.1).map((ring) => ring.map(([x, y]) => [String(x), String(y)]));
    const r = await parseBoundaryFile(enc(fc(county("411302", "宛城区", text))), "t.geojson");
    expect(errors(r)).toEqual([]);
    expect(r.issues.some((i) => i.code === "text-coordinates" && i.row === 1)).toBe(true);
    expect(r.boundaries.features[0].geometry.coordinates[0][1]).toEqual([112.1, 33]);
  });

  it("an unclosed ring is closed with a warning", async () => {
    const open = [square(112, 33, 0.1)[0].slice(0, 4)];
    const r = await parseBoundaryFile(enc(fc(county("411302", "宛城区", open))), "o.geojson");
    expect(errors(r)).toEqual([]);
    expect(r.issues.some((i) => i.code === "ring-not-closed")).toBe(true);
    const ring = r.boundaries.features[0].geometry.coordinates[0] as number[][];
    expect(ring[0]).toEqual(ring[ring.length - 1]);
  });

  it("duplicate county codes: the second is an error naming both features", async () => {
    const r = await parseBoundaryFile(
      enc(fc(county("411302", "宛城区", square(112, 33, 0.1)), county("411302", "宛城区", square(112.3, 33, 0.1)))),
      "dup.geojson",
    );
    expect(errors(r)).toEqual([expect.objectContaining({ row: 2, code: "duplicate-code", value: "411302" })]);
    expect(errors(r)[0].message.en).toContain("feature 1");
  });
});

describe("very large rings", () => {
  it("a county ring of 300,000 vertices gets an interior seat (no spread of its vertices into one call)", () => {
    const n = 300_000;
    const ring: number[][] = [];
    for (let i = 0; i < n; i++) {
      const a = (2 * Math.PI * i) / n;
      ring.push([112.5 + 0.3 * Math.cos(a), 33 + 0.2 * Math.sin(a)]);
    }
    ring.push(ring[0]);
    const [x, y] = interiorPoint({ type: "Polygon", coordinates: [ring] });
    expect(Math.hypot((x - 112.5) / 0.3, (y - 33) / 0.2)).toBeLessThan(1);
  });
});
