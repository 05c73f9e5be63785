import proj4 from "proj4";
import { describe, expect, it } from "vitest";
import {
  geodesicAreaKm2,
  geodesicBoundsM,
  geodesicDestination,
  geodesicDistanceKm,
  geodesicWithinKm,
  localTransverseMercator,
} from "../../../src/core/geo";
import { deepFreeze, loadHandmade, loadNanyang, rng } from "../coverage/helpers";

const A = 6378137;
const F = 1 / 298.257223563;
const E2 = F * (2 - F);

describe("geodesicDistanceKm", () => {
  // Lines of Karney's GeodTest set (lat1, lon1, lat2, lon2, s12 in m), as reproduced in geographiclib's test suite.
  const geodTest: Array<[number, number, number, number, number]> = [
    [35.60777, -139.44815, -11.17491, -69.95921, 8935244.56048183],
    [55.52454, 106.05087, 77.03196, 197.18234, 4105086.17139244],
    [-21.97856, 142.59065, 41.84138, 98.56635, 8394328.894657671],
    [-19.79938, -174.47484, -11.99349, -154.35109, 2319004.86011694],
  ];
  it.each(geodTest)("GeodTest line from (%f, %f) to (%f, %f)", (lat1, lon1, lat2, lon2, s12) => {
    expect(geodesicDistanceKm(lon1, lat1, lon2, lat2) * 1000).toBeCloseTo(s12, 3);
  });

  it("Flinders Peak to Buninyong is 54,972.271 m (Vincenty 1975, GRS80 ≈ WGS84 to < 1 mm)", () => {
    const dms = (d: number, m: number, s: number) => Math.sign(d) * (Math.abs(d) + m / 60 + s / 3600);
    const d = geodesicDistanceKm(
      dms(144, 25, 29.5244),
      dms(-37, 57, 3.7203),
      dms(143, 55, 35.3839),
      dms(-37, 39, 10.1561),
    );
    expect(Math.abs(d * 1000 - 54972.271)).toBeLessThan(0.002);
  });

  it("one degree along the equator is a·π/180 and the quarter meridian is 10,001,965.729 m", () => {
    expect(geodesicDistanceKm(0, 0, 1, 0) * 1000).toBeCloseTo((A * Math.PI) / 180, 4);
    expect(geodesicDistanceKm(112, 0, 112, 90) * 1000).toBeCloseTo(10001965.7293, 3);
  });

  it("is symmetric and zero for identical points", () => {
    const r = rng(11);
    for (let k = 0; k < 200; k++) {
      const p = [110 + 4 * r(), 32 + 2 * r(), 110 + 4 * r(), 32 + 2 * r()];
      expect(geodesicDistanceKm(p[0], p[1], p[2], p[3])).toBeCloseTo(geodesicDistanceKm(p[2], p[3], p[0], p[1]), 9);
    }
    expect(geodesicDistanceKm(112.5, 33, 112.5, 33)).toBe(0);
  });

  it("differs from a spherical haversine (R = 6371.0088 km) by the expected 0.1–0.5 % at 33° N", () => {
    const hav = (lon1: number, lat1: number, lon2: number, lat2: number) => {
      const rad = Math.PI / 180;
      const h =
        Math.sin(((lat2 - lat1) * rad) / 2) ** 2 +
        Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
      return 2 * 6371.0088 * Math.asin(Math.sqrt(h));
    };
    // north-south: meridian radius ρ(33°) ≈ 6354 km < 6371 km, so the sphere overestimates
    const ns = hav(112.5, 32.9, 112.5, 33.1) / geodesicDistanceKm(112.5, 32.9, 112.5, 33.1) - 1;
    expect(ns).toBeGreaterThan(0.001);
    expect(ns).toBeLessThan(0.005);
    // east-west: prime-vertical radius ν(33°) ≈ 6384 km > 6371 km, so the sphere underestimates
    const ew = hav(112.4, 33, 112.6, 33) / geodesicDistanceKm(112.4, 33, 112.6, 33) - 1;
    expect(ew).toBeLessThan(-0.001);
    expect(ew).toBeGreaterThan(-0.005);
  });

  it("geodesicDestination lands at the requested distance", () => {
    const [lon, lat] = geodesicDestination(112.5, 33, 37, 15);
    expect(geodesicDistanceKm(112.5, 33, lon, lat)).toBeCloseTo(15, 9);
  });
});

describe("geodesicAreaKm2", () => {
  it("matches the closed-form ellipsoidal area of a 0.1° × 0.1° quadrangle at 33° N", () => {
    // A = Δλ·b²/2·[q(φ2) − q(φ1)], q(φ) = sinφ/(1−e²sin²φ) + ln((1+e sinφ)/(1−e sinφ))/(2e); the geodesic
    // edges of the polygon differ from the parallels by effects well below 1e-5 of the area here.
    const e = Math.sqrt(E2);
    const b2 = A * A * (1 - E2);
    const q = (deg: number) => {
      const s = Math.sin((deg * Math.PI) / 180);
      return s / (1 - E2 * s * s) + Math.log((1 + e * s) / (1 - e * s)) / (2 * e);
    };
    const exact = (((0.1 * Math.PI) / 180) * b2 * (q(33.1) - q(33))) / 2 / 1e6;
    const ring = [
      [112, 33],
      [112.1, 33],
      [112.1, 33.1],
      [112, 33.1],
      [112, 33],
    ];
    expect(Math.abs(geodesicAreaKm2({ type: "Polygon", coordinates: [ring] }) / exact - 1)).toBeLessThan(1e-5);
    // winding does not matter; a hole is subtracted; multipolygon parts add
    const ccwArea = geodesicAreaKm2({ type: "Polygon", coordinates: [ring] });
    const cw = [...ring].reverse();
    expect(geodesicAreaKm2({ type: "Polygon", coordinates: [cw] })).toBeCloseTo(ccwArea, 6);
    const hole = [
      [112.02, 33.02],
      [112.02, 33.04],
      [112.04, 33.04],
      [112.04, 33.02],
      [112.02, 33.02],
    ];
    const holeArea = geodesicAreaKm2({ type: "Polygon", coordinates: [hole] });
    expect(geodesicAreaKm2({ type: "Polygon", coordinates: [ring, hole] })).toBeCloseTo(ccwArea - holeArea, 6);
    expect(geodesicAreaKm2({ type: "MultiPolygon", coordinates: [[ring], [hole]] })).toBeCloseTo(ccwArea + holeArea, 6);
  });

  it("agrees with an equal-area (Lambert azimuthal, proj4) shoelace area on real and fixture counties", () => {
    const counties = [loadHandmade().county, ...(loadNanyang() ?? [])];
    for (const county of counties) {
      const g = county.geometry;
      const polys = g.type === "Polygon" ? [g.coordinates] : g.coordinates;
      const c = polys[0][0][0];
      const laea = proj4(
        "WGS84",
        `+proj=laea +lat_0=${c[1]} +lon_0=${c[0]} +x_0=0 +y_0=0 +ellps=WGS84 +units=m +no_defs`,
      );
      let ref = 0;
      for (const rings of polys)
        rings.forEach((ring, k) => {
          const p = ring.map((q) => laea.forward([q[0], q[1]]));
          let s = 0;
          for (let i = 0; i < p.length - 1; i++) s += p[i][0] * p[i + 1][1] - p[i + 1][0] * p[i][1];
          ref += (k === 0 ? 1 : -1) * Math.abs(s / 2);
        });
      expect(Math.abs(geodesicAreaKm2(g) / (ref / 1e6) - 1), county.properties.code).toBeLessThan(1e-5);
    }
  });

  it("does not modify its input", () => {
    const g = deepFreeze({
      type: "Polygon" as const,
      coordinates: [
        [
          [112, 33],
          [112.1, 33],
          [112.1, 33.1],
          [112, 33],
        ],
      ],
    });
    expect(() => geodesicAreaKm2(g)).not.toThrow();
  });
});

describe("localTransverseMercator", () => {
  const p = localTransverseMercator(112.3, 33.0);
  it("maps its centre to the origin and round-trips to < 1e-9°", () => {
    const [x, y] = p.forward(112.3, 33.0);
    expect(Math.abs(x) + Math.abs(y)).toBeLessThan(1e-6);
    const r = rng(5);
    for (let k = 0; k < 100; k++) {
      const lon = 111.3 + 2 * r();
      const lat = 32 + 2 * r();
      const [lo, la] = p.inverse(...p.forward(lon, lat));
      expect(Math.abs(lo - lon) + Math.abs(la - lat)).toBeLessThan(1e-9);
    }
    expect(p.def).toContain("+proj=tmerc");
  });
  it("has unit scale on the central meridian and ≈ 1 + x²/(2R²) at 100 km east", () => {
    const a = p.forward(112.3, 33.0);
    const b = p.forward(112.3, 33.01);
    const s = geodesicDistanceKm(112.3, 33.0, 112.3, 33.01) * 1000;
    expect(Math.hypot(b[0] - a[0], b[1] - a[1]) / s).toBeCloseTo(1, 7);
    const [lonE] = p.inverse(100_000, 0);
    const c = p.forward(lonE, 33.0);
    const d = p.forward(lonE, 33.01);
    const s2 = geodesicDistanceKm(lonE, 33.0, lonE, 33.01) * 1000;
    const expected = 1 + 100_000 ** 2 / (2 * 6371_000 ** 2);
    expect(Math.abs(Math.hypot(d[0] - c[0], d[1] - c[1]) / s2 - expected)).toBeLessThan(2e-6);
  });
});

describe("localTransverseMercator against proj4's own transform", () => {
  it("gives proj4's results to the last bit, both ways, on every vertex of Nanyang's counties and far off them", () => {
    const counties = loadNanyang();
    expect(counties).not.toBeNull();
    const r = rng(11);
    for (const c of counties ?? []) {
      const ring = c.geometry.type === "Polygon" ? c.geometry.coordinates[0] : c.geometry.coordinates[0][0];
      const lon0 = ring[0][0] + 0.3 * (r() - 0.5);
      const lat0 = ring[0][1] + 0.3 * (r() - 0.5);
      const p = localTransverseMercator(lon0, lat0);
      const ref = proj4("WGS84", p.def);
      const polys = c.geometry.type === "Polygon" ? [c.geometry.coordinates] : c.geometry.coordinates;
      const points = polys
        .flat(2)
        .concat(Array.from({ length: 200 }, () => [lon0 + 8 * (r() - 0.5), lat0 + 6 * (r() - 0.5)]));
      for (const [lon, lat] of points) {
        const xy = p.forward(lon, lat);
        expect(xy).toEqual(ref.forward([lon, lat]));
        expect(p.inverse(xy[0], xy[1])).toEqual(ref.inverse(xy));
      }
    }
  });

  it("is shared by every caller with the same centre, and refuses non-finite coordinates as proj4 does", () => {
    expect(localTransverseMercator(112.25, 33.5)).toBe(localTransverseMercator(112.25, 33.5));
    const p = localTransverseMercator(112.25, 33.5);
    expect(() => p.forward(Number.NaN, 33)).toThrow(/finite/);
    expect(() => p.inverse(0, Number.POSITIVE_INFINITY)).toThrow(/finite/);
  });
});

describe("geodesicBoundsM and geodesicWithinKm against geographiclib", () => {
  it("bound geographiclib's distance from both sides, from the equator to 80°, up to 10° of longitude", () => {
    const r = rng(21);
    const out = [0, 0];
    let n = 0;
    for (let k = 0; k < 20_000; k++) {
      const lat1 = -80 + 160 * r();
      const lon1 = -180 + 360 * r();
      const scale = [0.001, 0.05, 0.3, 3][k % 4];
      const lat2 = Math.max(-80, Math.min(80, lat1 + scale * (2 * r() - 1)));
      const lon2 = lon1 + scale * (2 * r() - 1) * 3;
      if (!geodesicBoundsM(lon1, lat1, lon2, lat2, out)) continue;
      n++;
      const s = geodesicDistanceKm(lon1, lat1, lon2, lat2) * 1000;
      expect(out[0]).toBeLessThanOrEqual(s + 1e-8);
      expect(out[1]).toBeGreaterThanOrEqual(s - 1e-8);
    }
    expect(n).toBeGreaterThan(19_000);
    // across the antimeridian and the equator
    expect(geodesicBoundsM(179.95, -0.02, -179.97, 0.03, out)).toBe(true);
    const s = geodesicDistanceKm(179.95, -0.02, -179.97, 0.03) * 1000;
    expect(out[0]).toBeLessThanOrEqual(s);
    expect(out[1]).toBeGreaterThanOrEqual(s);
    expect(geodesicBoundsM(112, 85, 112.1, 85, out)).toBe(false);
  });

  it("are within 1 % of each other at county scale (so that few points need geographiclib)", () => {
    const out = [0, 0];
    expect(geodesicBoundsM(112.5, 33, 112.62, 33.05, out)).toBe(true);
    expect((out[1] - out[0]) / out[1]).toBeLessThan(0.01);
  });

  it("answers exactly as geographiclib's distance ≤ radius, for points on, just inside and just outside circles", () => {
    const r = rng(22);
    let near = 0;
    for (let k = 0; k < 4_000; k++) {
      const lat = 20 + 25 * r();
      const lon = 100 + 20 * r();
      const radiusKm = [2.5, 5, 10, 15, 20][k % 5];
      const az = 360 * r();
      // a point at the radius, then nudged by ±(0–2 mm, 0–1 m, 0–100 m) along the same azimuth
      const nudgeM = [0, 0.002, 1, 100][k % 4] * (2 * r() - 1);
      const [lon2, lat2] = geodesicDestination(lon, lat, az, radiusKm + nudgeM / 1000);
      const exact = geodesicDistanceKm(lon, lat, lon2, lat2) <= radiusKm;
      expect(geodesicWithinKm(lon, lat, lon2, lat2, radiusKm)).toBe(exact);
      if (Math.abs(nudgeM) < 0.002) near++;
    }
    expect(near).toBeGreaterThan(1000);
    // and far inside / far outside: the bounds decide alone
    expect(geodesicWithinKm(112, 33, 112.01, 33.01, 5)).toBe(true);
    expect(geodesicWithinKm(112, 33, 112.5, 33.5, 5)).toBe(false);
  });
});
