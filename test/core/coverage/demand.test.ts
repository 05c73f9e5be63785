import { describe, expect, it } from "vitest";
import { type DemandPoint, demandCoverage, type Site } from "../../../src/core/coverage";
import { deepFreeze, refDistanceM, rng } from "./helpers";

describe("demandCoverage", () => {
  it("equals a brute-force O(n·m) geographiclib check on seeded points", () => {
    for (const seed of [1, 2, 3]) {
      const r = rng(seed);
      const points: DemandPoint[] = deepFreeze(
        Array.from({ length: 2000 }, (_, k) => ({
          id: `p${k}`,
          lon: 111.5 + 2 * r(),
          lat: 32.3 + 1.5 * r(),
          weight: Math.floor(r() * 1000),
        })),
      );
      const sites: Site[] = deepFreeze(
        Array.from({ length: 40 }, (_, k) => ({
          id: `s${k}`,
          lon: 111.5 + 2 * r(),
          lat: 32.3 + 1.5 * r(),
          radiusKm: [2.5, 5, 10, 15, 20][k % 5],
        })),
      );
      const got = demandCoverage(points, sites);
      let covered = 0;
      let weightCovered = 0;
      let weightTotal = 0;
      const ids = new Set<string>();
      for (const p of points) {
        weightTotal += p.weight ?? 1;
        if (sites.some((s) => refDistanceM(s.lon, s.lat, p.lon, p.lat) <= s.radiusKm * 1000)) {
          covered++;
          weightCovered += p.weight ?? 1;
          ids.add(p.id);
        }
      }
      expect(got.total).toBe(points.length);
      expect(got.covered).toBe(covered);
      expect(got.weightCovered).toBe(weightCovered);
      expect(got.weightTotal).toBe(weightTotal);
      expect(got.coveredIds).toEqual(ids);
      expect(covered).toBeGreaterThan(0);
      expect(covered).toBeLessThan(points.length);
    }
  });

  it("is inclusive at the radius, defaults weights to 1 and handles empty input", () => {
    const site = { id: "s", lon: 112.5, lat: 33, radiusKm: 0 };
    const p = { id: "p", lon: 112.6, lat: 33.05 };
    const d = refDistanceM(site.lon, site.lat, p.lon, p.lat) / 1000;
    expect(demandCoverage([p], [{ ...site, radiusKm: d }]).covered).toBe(1);
    expect(demandCoverage([p], [{ ...site, radiusKm: d - 1e-6 }]).covered).toBe(0);
    expect(demandCoverage([p, { id: "q", lon: 112.5, lat: 33 }], [site])).toMatchObject({
      covered: 1,
      weightCovered: 1,
      weightTotal: 2,
    });
    expect(demandCoverage([], [site])).toMatchObject({ covered: 0, total: 0, weightTotal: 0 });
  });

  it("rejects bad points and sites naming them", () => {
    expect(() => demandCoverage([{ id: "v-12", lon: 112, lat: 95 }], [])).toThrow(/v-12/);
    expect(() => demandCoverage([{ id: "w", lon: 112, lat: 33, weight: -1 }], [])).toThrow(/weight/);
    expect(() =>
      demandCoverage([{ id: "x", lon: 112, lat: 33 }], [{ id: "s-9", lon: 112, lat: 33, radiusKm: Number.NaN }]),
    ).toThrow(/s-9/);
  });
});
