import { describe, expect, it } from "vitest";
import { buildPointIndex, pointsWithin, toArrays } from "../../../src/core/siting/coverage-matrix";
import { approxKm, geodesicKm } from "../../../src/core/siting/distance";
import { refDirect, refKm, rng } from "./reference";

describe("distance", () => {
  it("approxKm is within 1e-5 relative of geographiclib up to 60 km, latitudes 15–55°", () => {
    const rand = rng(7);
    for (let t = 0; t < 2000; t++) {
      const lat = 15 + rand() * 40;
      const lon = 100 + rand() * 20;
      const [lon2, lat2] = refDirect(lon, lat, rand() * 360, 0.1 + rand() * 60);
      const ref = refKm(lon, lat, lon2, lat2);
      expect(Math.abs(approxKm(lon, lat, lon2, lat2) - ref) / ref).toBeLessThan(1e-5);
      expect(geodesicKm(lon, lat, lon2, lat2)).toBeCloseTo(ref, 9);
    }
  });
});

describe("pointsWithin equals brute-force geodesic (inclusive radius)", () => {
  for (const [lat0, radiusKm] of [
    [23, 5],
    [33, 10],
    [33, 20],
    [48, 50],
  ]) {
    it(`lat ${lat0}°, r = ${radiusKm} km, with points 0.3 m either side of the circle`, () => {
      const rand = rng(lat0 * 100 + radiusKm);
      const pts: Array<{ lon: number; lat: number }> = [];
      const span = (radiusKm * 6) / 100;
      for (let i = 0; i < 3000; i++) pts.push({ lon: 112 + rand() * span * 1.3, lat: lat0 + rand() * span });
      const qs = Array.from({ length: 25 }, () => ({ lon: 112 + rand() * span * 1.3, lat: lat0 + rand() * span }));
      // plant points just inside and just outside each query's circle
      for (const q of qs)
        for (let a = 0; a < 8; a++) {
          const az = rand() * 360;
          const [li, ai] = refDirect(q.lon, q.lat, az, radiusKm - 0.0003);
          const [lo, ao] = refDirect(q.lon, q.lat, az, radiusKm + 0.0003);
          pts.push({ lon: li, lat: ai }, { lon: lo, lat: ao });
        }
      const index = buildPointIndex(toArrays(pts), radiusKm);
      for (const q of qs) {
        const got = pointsWithin(index, q.lon, q.lat, radiusKm).sort((a, b) => a - b);
        const want = pts.map((p, i) => (refKm(q.lon, q.lat, p.lon, p.lat) <= radiusKm ? i : -1)).filter((i) => i >= 0);
        expect(got).toEqual(want);
      }
    });
  }

  it("strict mode excludes a point at exactly the distance", () => {
    const [lon, lat] = refDirect(112.5, 33, 45, 15);
    const d = refKm(112.5, 33, lon, lat);
    const index = buildPointIndex(toArrays([{ lon, lat }]), d);
    expect(pointsWithin(index, 112.5, 33, d)).toEqual([0]);
    expect(pointsWithin(index, 112.5, 33, d, true)).toEqual([]);
  });
});
