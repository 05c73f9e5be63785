import { booleanPointInPolygon } from "@turf/turf";
import { describe, expect, it } from "vitest";
import { seededRandom as rng } from "../../../scripts/lib/rng";
import { buildCountyGrid, type CountyGrid, coverCounts, gapPolygons, type Site } from "../../../src/core/coverage";
import { deepFreeze, loadHandmade, loadNanyang } from "./helpers";

function centreLonLat(grid: CountyGrid, k: number): [number, number] {
  const i = k % grid.width;
  const j = (k - i) / grid.width;
  return grid.projection.inverse(
    grid.originX + (i + 0.5) * grid.cellSizeM,
    grid.originY + (j + 0.5) * grid.cellSizeM,
  ) as [number, number];
}

/**
 * Brute force: the people of a gap are the weights of the uncovered inside cells whose centres lie inside the gap
 * polygon (Turf's point in polygon on the returned WGS84 geometry, holes included).
 */
function bruteForce(
  grid: CountyGrid,
  counts: Uint16Array,
  weight: Float64Array,
  gap: GeoJSON.Feature<GeoJSON.Polygon>,
) {
  let sum = 0;
  for (let k = 0; k < counts.length; k++) {
    if (!grid.inside[k] || counts[k] > 0 || weight[k] === 0) continue;
    if (booleanPointInPolygon(centreLonLat(grid, k), gap)) sum += weight[k];
  }
  return sum;
}

const nanyang = loadNanyang();

describe("gap polygons carry their population", () => {
  const county = nanyang?.find((f) => f.properties.code === "411323") ?? loadHandmade().county;
  const grid = buildCountyGrid(county, { cellSizeM: 1000 });
  const r = rng(3);
  const insideCells = [...grid.inside.keys()].filter((k) => grid.inside[k]);
  const sites: Site[] = deepFreeze(
    Array.from({ length: 30 }, (_, k) => {
      const [lon, lat] = centreLonLat(grid, insideCells[Math.floor(r() * insideCells.length)]);
      return { id: `s${k}`, lon, lat, radiusKm: 3 + 3 * r() };
    }),
  );
  const counts = coverCounts(grid, sites);
  const weight = new Float64Array(grid.width * grid.height);
  for (let k = 0; k < weight.length; k++) weight[k] = grid.inside[k] ? Math.floor(r() * 500) : 0;

  it("each gap's population is the sum of the weights of the uncovered cells inside it (brute force)", () => {
    const gaps = gapPolygons(grid, counts, { weight });
    expect(gaps.length).toBeGreaterThan(3);
    for (const gap of gaps) expect(gap.properties.population).toBeCloseTo(bruteForce(grid, counts, weight, gap), 6);
  });

  it("the gaps' populations add up to the population of every uncovered inside cell", () => {
    let uncovered = 0;
    for (let k = 0; k < counts.length; k++) if (grid.inside[k] && counts[k] === 0) uncovered += weight[k];
    const gaps = gapPolygons(grid, counts, { weight });
    expect(gaps.reduce((s, g) => s + (g.properties.population ?? 0), 0)).toBeCloseTo(uncovered, 6);
  });

  it("a gap window away from the grid's corner: each gap's people are its own cells' (the trial, s44-b #1)", () => {
    // the uncovered cells only in the grid's north-east quarter: the traced window starts mid-grid, and the regions'
    // people were read at whole-grid positions of the window's labels (新华区's gap: 79,883 people for 3,713)
    const mask = new Uint8Array(grid.width * grid.height);
    for (let k = 0; k < mask.length; k++) {
      const i = k % grid.width;
      const j = (k - i) / grid.width;
      mask[k] = i > grid.width / 2 && j > grid.height / 2 ? 1 : 0;
    }
    const gaps = gapPolygons(grid, counts, { weight, mask });
    expect(gaps.length).toBeGreaterThan(0);
    let uncovered = 0;
    for (let k = 0; k < counts.length; k++) if (grid.inside[k] && counts[k] === 0 && mask[k]) uncovered += weight[k];
    expect(gaps.reduce((s, g) => s + (g.properties.population ?? 0), 0)).toBeCloseTo(uncovered, 6);
    for (const gap of gaps) expect(gap.properties.population).toBeCloseTo(bruteForce(grid, counts, weight, gap), 6);
  });

  it("without weights the gaps carry no population, and a weight grid of the wrong size is refused", () => {
    expect(gapPolygons(grid, counts).every((g) => g.properties.population === undefined)).toBe(true);
    expect(() => gapPolygons(grid, counts, { weight: new Float64Array(3) })).toThrow(/weight has 3 cells/);
  });
});
