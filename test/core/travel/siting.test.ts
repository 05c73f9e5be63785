import { readFileSync } from "node:fs";
import type { Feature, MultiPolygon, Polygon } from "geojson";
import { describe, expect, it } from "vitest";
import { buildCountyGrid } from "../../../src/core/coverage";
import { buildRoadNetwork, computeTravelTime, travelTimeCoverage } from "../../../src/core/travel";
import { latticeRoads, randomSites } from "./synthetic";

const county = (
  JSON.parse(readFileSync(new URL("../../../geodata/counties-nanyang.geojson", import.meta.url), "utf8")) as {
    features: Array<Feature<Polygon | MultiPolygon, { code: string }>>;
  }
).features.find((f) => f.properties.code === "411321") as Feature<Polygon | MultiPolygon, { code: string }>;

describe("travel-time coverage for siting", () => {
  const grid = buildCountyGrid(county, { cellSizeM: 1000 });
  const { network } = buildRoadNetwork(grid, latticeRoads(grid, 3000, 4));
  const candidates = randomSites(grid, 8, 21);
  const existing = randomSites(grid, 2, 22);
  const limit = 20;
  const cov = travelTimeCoverage(network, { candidates, existing, limitMinutes: limit });

  it("each candidate's row is exactly the demand cells a field with that candidate alone reaches within the limit", () => {
    candidates.forEach((c, r) => {
      const field = computeTravelTime(network, [c]);
      const expected: number[] = [];
      cov.demandCell.forEach((cell, d) => {
        if (field.state.cells.time[cell] <= limit) expected.push(d);
      });
      const row = Array.from(cov.cover.index.subarray(cov.cover.start[r], cov.cover.start[r + 1]));
      expect(row).toEqual(expected);
    });
  });

  it("coveredBefore marks the cells the existing sites reach within the limit; demand is the inside cells", () => {
    const field = computeTravelTime(network, existing);
    cov.demandCell.forEach((cell, d) => {
      expect(cov.coveredBefore[d]).toBe(field.minutes[cell] <= limit ? 1 : 0);
    });
    expect(cov.demand.length).toBe(grid.insideCount);
    expect(cov.demand.every((p) => p.weight > 0)).toBe(true);
  });
});
