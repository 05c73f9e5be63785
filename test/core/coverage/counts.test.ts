import { describe, expect, it } from "vitest";
import {
  applySite,
  buildCountyGrid,
  type CountyGrid,
  coverageStats,
  coverCounts,
  type Site,
} from "../../../src/core/coverage";
import { gaussianRadiusSquared, tmScaleFactor } from "../../../src/core/geo";
import { deepFreeze, loadHandmade, loadNanyang, refDistanceM, rng } from "./helpers";

const { county, sites: fixtureSites } = loadHandmade();

function cellCentre(grid: CountyGrid, i: number, j: number): [number, number] {
  return grid.projection.inverse(grid.originX + (i + 0.5) * grid.cellSizeM, grid.originY + (j + 0.5) * grid.cellSizeM);
}

function bruteForce(grid: CountyGrid, sites: readonly Site[]): Uint16Array {
  const out = new Uint16Array(grid.width * grid.height);
  for (let j = 0; j < grid.height; j++)
    for (let i = 0; i < grid.width; i++) {
      const [lon, lat] = cellCentre(grid, i, j);
      for (const s of sites) if (refDistanceM(s.lon, s.lat, lon, lat) <= s.radiusKm * 1000) out[j * grid.width + i]++;
    }
  return out;
}

function randomSites(seed: number, n: number, radius?: number): Site[] {
  const r = rng(seed);
  return deepFreeze(
    Array.from({ length: n }, (_, k) => ({
      id: `r${seed}-${k}`,
      lon: 111.85 + 1.0 * r(),
      lat: 32.65 + 0.7 * r(),
      radiusKm: radius ?? 1 + 19 * r(),
    })),
  );
}

describe("coverCounts", () => {
  it("equals a brute-force geographiclib loop over every cell (1 km grid)", () => {
    const grid = buildCountyGrid(county, { cellSizeM: 1000 });
    const sites = deepFreeze([...fixtureSites, ...randomSites(1, 10)]);
    const insideBefore = grid.inside.slice();
    const fast = coverCounts(grid, sites);
    const ref = bruteForce(grid, sites);
    let diff = 0;
    for (let k = 0; k < ref.length; k++) if (fast[k] !== ref[k]) diff++;
    expect(diff).toBe(0);
    expect(grid.inside).toEqual(insideBefore);
  });

  it("is inclusive at the radius and exact at the millimetre", () => {
    const grid = buildCountyGrid(county, { cellSizeM: 250 });
    const r = rng(9);
    for (let t = 0; t < 20; t++) {
      const i0 = 20 + Math.floor(r() * (grid.width - 40));
      const j0 = 20 + Math.floor(r() * (grid.height - 40));
      const [slon, slat] = cellCentre(grid, i0, j0);
      const i1 = i0 + Math.floor(r() * 30) - 15;
      const j1 = j0 + Math.floor(r() * 30) - 15;
      const [clon, clat] = cellCentre(grid, i1, j1);
      const d = refDistanceM(slon, slat, clon, clat) / 1000;
      if (d === 0) continue;
      const at = coverCounts(grid, [{ id: "at", lon: slon, lat: slat, radiusKm: d }]);
      const below = coverCounts(grid, [{ id: "below", lon: slon, lat: slat, radiusKm: d - 1e-6 }]);
      expect(at[j1 * grid.width + i1]).toBe(1);
      expect(below[j1 * grid.width + i1]).toBe(0);
    }
  });

  it("ignores sites far from the county and validates sites", () => {
    const grid = buildCountyGrid(county, { cellSizeM: 1000 });
    const far = coverCounts(grid, [{ id: "far", lon: 100, lat: 40, radiusKm: 20 }]);
    expect(far.every((c) => c === 0)).toBe(true);
    expect(() => coverCounts(grid, [{ id: "bad-7", lon: Number.NaN, lat: 33, radiusKm: 5 }])).toThrow(/bad-7/);
    expect(() => coverCounts(grid, [{ id: "neg", lon: 112, lat: 33, radiusKm: -1 }])).toThrow(/neg/);
  });
});

describe("scale-corrected planar distance", () => {
  it("matches geographiclib within 1 cm up to 25 km on every county grid (the exact-check band is ≥ 0.5 m)", () => {
    for (const c of [county, ...(loadNanyang() ?? [])]) {
      const grid = buildCountyGrid(c, { cellSizeM: 1000 });
      const rho2 = gaussianRadiusSquared(grid.projection.inverse(0, 0)[1]);
      const r = rng(21);
      let worst = 0;
      for (let n = 0; n < 500; n++) {
        const x1 = grid.originX + r() * grid.width * 1000;
        const y1 = grid.originY + r() * grid.height * 1000;
        const a = 2 * Math.PI * r();
        const d = 25_000 * r();
        const [x2, y2] = [x1 + d * Math.cos(a), y1 + d * Math.sin(a)];
        const inv =
          (1 / tmScaleFactor(x1, rho2) + 4 / tmScaleFactor((x1 + x2) / 2, rho2) + 1 / tmScaleFactor(x2, rho2)) / 6;
        const [lon1, lat1] = grid.projection.inverse(x1, y1);
        const [lon2, lat2] = grid.projection.inverse(x2, y2);
        worst = Math.max(worst, Math.abs(Math.hypot(x2 - x1, y2 - y1) * inv - refDistanceM(lon1, lat1, lon2, lat2)));
      }
      expect(worst, c.properties.code).toBeLessThan(0.01);
    }
  });
});

describe("invariants under a seeded generator", () => {
  const grid = buildCountyGrid(county, { cellSizeM: 500 });

  it("adding a site never lowers any count or the covered share", () => {
    for (let t = 0; t < 15; t++) {
      const base = randomSites(100 + t, 5);
      const extra = randomSites(200 + t, 1)[0];
      const a = coverCounts(grid, base);
      const b = coverCounts(grid, [...base, extra]);
      for (let k = 0; k < a.length; k++) if (b[k] < a[k]) throw new Error(`cell ${k} lowered`);
      expect(coverageStats(grid, b).coveredShare).toBeGreaterThanOrEqual(coverageStats(grid, a).coveredShare);
    }
  });

  it("a larger radius never lowers coverage", () => {
    for (let t = 0; t < 15; t++) {
      const small = randomSites(300 + t, 4);
      const large = small.map((s, k) => ({ ...s, radiusKm: s.radiusKm + (k + 1) * 0.37 }));
      const a = coverCounts(grid, small);
      const b = coverCounts(grid, large);
      for (let k = 0; k < a.length; k++) if (b[k] < a[k]) throw new Error(`cell ${k} lowered`);
      expect(coverageStats(grid, b).coveredKm2).toBeGreaterThanOrEqual(coverageStats(grid, a).coveredKm2);
    }
  });

  it("applySite(+1) then applySite(-1) restores the counts exactly, in any order", () => {
    const base = randomSites(400, 8);
    const counts = coverCounts(grid, base);
    const before = counts.slice();
    const moves = randomSites(401, 30);
    for (const s of moves) applySite(grid, counts, s, 1);
    const shuffled = [...moves].reverse();
    for (const s of shuffled) applySite(grid, counts, s, -1);
    expect(counts).toEqual(before);
    // moving a site = remove at old + add at new, same as recomputing from scratch
    const moved = { ...base[0], lon: base[0].lon + 0.05, lat: base[0].lat - 0.03 };
    applySite(grid, counts, base[0], -1);
    applySite(grid, counts, moved, 1);
    expect(counts).toEqual(coverCounts(grid, [moved, ...base.slice(1)]));
  });

  it("applySite(-1) of a site that was never added throws and leaves counts unchanged", () => {
    const counts = coverCounts(grid, randomSites(500, 3));
    const before = counts.slice();
    const stranger = { id: "stranger", lon: 112.3, lat: 33.0, radiusKm: 30 };
    expect(() => applySite(grid, counts, stranger, -1)).toThrow(/stranger/);
    expect(counts).toEqual(before);
    expect(() => applySite(grid, new Uint16Array(3), stranger, 1)).toThrow(/cells/);
  });
});
