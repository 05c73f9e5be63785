import { describe, expect, it } from "vitest";
import { parseBoundaryFile, parsePopulationTable } from "../../../src/core/io";
import { fixture } from "./helpers";

describe("boundaries", () => {
  it("keeps polygons with guessed codes and names, reports the rest", async () => {
    const r = await parseBoundaryFile(fixture("boundaries.geojson"), "boundaries.geojson");
    expect(r.boundaries.features.map((f) => [f.properties.code, f.properties.name, f.geometry.type])).toEqual([
      ["411321", "南召县", "Polygon"],
      ["411302", "宛城区", "MultiPolygon"],
      [undefined, "无代码区", "Polygon"],
    ]);
    expect(r.issues.map((i) => [i.row, i.field, i.severity, i.code])).toEqual([
      [3, "code", "warning", "missing-code"],
      [4, "geometry", "error", "not-a-polygon"],
    ]);
  });
});

describe("population", () => {
  it("reads codes or names, scales 万, records the kind", async () => {
    const counties = [
      { code: "411302", name: "宛城区" },
      { code: "411321", name: "南召县" },
      { code: "411303", name: "卧龙区" },
    ];
    const r = await parsePopulationTable(fixture("population.csv"), "population.csv", { counties });
    expect(r.population).toEqual([
      { code: "411302", population: 921000, kind: "resident", year: 2023, source: "population.csv" },
      { code: "411321", population: 503800, kind: "registered", year: 2023, source: "population.csv" },
    ]);
    expect(r.issues.map((i) => [i.row, i.field, i.value, i.code])).toEqual([
      [4, "县区", "不存在县", "unresolved-county"],
      [5, "常住人口（万人）", "abc", "not-a-number"],
    ]);
  });
});
