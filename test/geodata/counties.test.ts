import { check } from "@placemarkio/check-geojson";
import { booleanPointInPolygon, area as turfArea } from "@turf/turf";
import Flatbush from "flatbush";
import geodesic from "geographiclib-geodesic";
import type { MultiPolygon as PcMulti } from "polygon-clipping";
import polygonClipping from "polygon-clipping";
import { describe, expect, it } from "vitest";
import { CITY_IDS, type CountyFeature, cities, counties, fileSize, polygonsOf, readText, signedArea2 } from "./load";

const geod = geodesic.Geodesic.WGS84;

/** Exact orientation sign of the triangle (a, b, c) with plain doubles (inputs have 5 decimals). */
function orient(a: number[], b: number[], c: number[]): number {
  return Math.sign((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]));
}

/** Segments of all rings of a feature, brute-force checked for proper crossings via a Flatbush index. */
function properCrossings(g: CountyFeature["geometry"]): number {
  const segs: [number[], number[]][] = [];
  for (const poly of polygonsOf(g))
    for (const ring of poly) for (let i = 0; i + 1 < ring.length; i++) segs.push([ring[i], ring[i + 1]]);
  const index = new Flatbush(segs.length);
  for (const [a, b] of segs)
    index.add(Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[0], b[0]), Math.max(a[1], b[1]));
  index.finish();
  let n = 0;
  segs.forEach(([a, b], i) => {
    for (const j of index.search(
      Math.min(a[0], b[0]),
      Math.min(a[1], b[1]),
      Math.max(a[0], b[0]),
      Math.max(a[1], b[1]),
    )) {
      if (j <= i) continue;
      const [c, d] = segs[j];
      const o1 = orient(a, b, c);
      const o2 = orient(a, b, d);
      const o3 = orient(c, d, a);
      const o4 = orient(c, d, b);
      if (o1 * o2 < 0 && o3 * o4 < 0) n++;
    }
  });
  return n;
}

/** Vertices repeated within a ring (self-touching) and zero-angle spikes; the raw source has hundreds. */
function ringDefects(g: CountyFeature["geometry"]): { repeated: number; spikes: number } {
  let repeated = 0;
  let spikes = 0;
  for (const poly of polygonsOf(g))
    for (const r of poly) {
      const seen = new Set<string>();
      const n = r.length - 1;
      for (let i = 0; i < n; i++) {
        const k = `${r[i][0]},${r[i][1]}`;
        if (seen.has(k)) repeated++;
        seen.add(k);
        const a = r[(i + n - 1) % n];
        const b = r[i];
        const c = r[(i + 1) % n];
        const cr = (b[0] - a[0]) * (c[1] - b[1]) - (b[1] - a[1]) * (c[0] - b[0]);
        const dot = (b[0] - a[0]) * (c[0] - b[0]) + (b[1] - a[1]) * (c[1] - b[1]);
        if (cr === 0 && dot < 0) spikes++;
      }
    }
  return { repeated, spikes };
}

describe("cities.json", () => {
  const list = cities();
  it("lists the four cities with their plans and files", () => {
    expect(list.map((c) => c.id)).toEqual(["nanyang", "pingdingshan", "nangong", "yichun"]);
    const byId = Object.fromEntries(list.map((c) => [c.id, c]));
    expect(byId.nanyang.plans).toEqual(["000", "003"]);
    expect(byId.pingdingshan.plans).toEqual(["001"]);
    expect(byId.nangong.plans).toEqual(["002"]);
    expect(byId.nangong.focusCounty).toBe("130581");
    expect(byId.yichun.plans).toEqual(["004"]);
    expect(byId.yichun.province).toBe("江西省");
    for (const c of list) {
      expect(fileSize(c.counties)).toBeGreaterThan(0);
      expect(fileSize(c.divisions)).toBeGreaterThan(0);
      expect(fileSize(c.scenario)).toBeGreaterThan(0);
    }
  });
  it("bbox encloses every county vertex and the center lies inside the bbox", () => {
    for (const c of list) {
      const [w, s, e, n] = c.bbox;
      for (const f of counties(c.id).features)
        for (const poly of polygonsOf(f.geometry))
          for (const [x, y] of poly[0]) {
            expect(x >= w && x <= e && y >= s && y <= n).toBe(true);
          }
      expect(c.center[0] > w && c.center[0] < e && c.center[1] > s && c.center[1] < n).toBe(true);
    }
  });
});

describe.each(CITY_IDS)("counties-%s.geojson", (id) => {
  const text = readText(`counties-${id}.geojson`);
  const fc = counties(id);
  const prefix = { nanyang: "4113", pingdingshan: "4104", nangong: "1305", yichun: "3609" }[id];

  it("is valid GeoJSON (check-geojson), well under 1 MB, with provenance members", () => {
    expect(() => check(text)).not.toThrow();
    expect(fileSize(`counties-${id}.geojson`)).toBeLessThan(700_000);
    expect(typeof fc.source).toBe("string");
    expect(String(fc.licence)).toMatch(/MIT/);
    expect(String(fc.note)).toMatch(/approximate/);
  });

  it("has exactly CountyProps with unique 6-digit codes under the city prefix", () => {
    const codes = new Set<string>();
    for (const f of fc.features) {
      const p = f.properties;
      expect(Object.keys(p).sort()).toEqual(["city", "code", "kind", "name", "seat"]);
      expect(p.code).toMatch(new RegExp(`^${prefix}\\d{2}$`));
      expect(codes.has(p.code)).toBe(false);
      codes.add(p.code);
      expect(p.city).toBe(id);
      const expected = p.name.endsWith("区") ? "district" : p.name.endsWith("市") ? "city" : "county";
      expect(p.kind).toBe(expected);
      expect(["Polygon", "MultiPolygon"]).toContain(f.geometry.type);
    }
  });

  it("rings are closed, RFC 7946 wound, rounded to 5 decimals, without self-crossings, self-touching vertices or spikes", () => {
    for (const f of fc.features) {
      for (const poly of polygonsOf(f.geometry)) {
        poly.forEach((ring, ri) => {
          expect(ring.length).toBeGreaterThanOrEqual(4);
          expect(ring[0]).toEqual(ring[ring.length - 1]);
          const sa = signedArea2(ring);
          if (ri === 0) expect(sa).toBeGreaterThan(0);
          else expect(sa).toBeLessThan(0);
          for (const [x, y] of ring) {
            expect(Math.abs(x * 1e5 - Math.round(x * 1e5))).toBeLessThan(1e-6);
            expect(Math.abs(y * 1e5 - Math.round(y * 1e5))).toBeLessThan(1e-6);
          }
        });
      }
      expect(properCrossings(f.geometry), f.properties.name).toBe(0);
      expect(ringDefects(f.geometry), f.properties.name).toEqual({ repeated: 0, spikes: 0 });
    }
  });

  it("each polygon's area equals that of its polygon-clipping self-union (to 1e-6)", () => {
    for (const f of fc.features) {
      const a = turfArea(f.geometry);
      const coords = polygonsOf(f.geometry) as PcMulti;
      const u = turfArea({ type: "MultiPolygon", coordinates: polygonClipping.union(coords) });
      expect(Math.abs(u - a) / a, f.properties.name).toBeLessThan(1e-6);
    }
  });

  it("every seat lies inside its county or within 1 km of one of its vertices", () => {
    for (const f of fc.features) {
      const seat = f.properties.seat;
      if (booleanPointInPolygon(seat, f)) continue;
      let best = Infinity;
      for (const poly of polygonsOf(f.geometry))
        for (const ring of poly)
          for (const v of ring) best = Math.min(best, geod.Inverse(seat[1], seat[0], v[1], v[0]).s12 as number);
      expect(best, f.properties.name).toBeLessThanOrEqual(1000);
    }
  });
});

describe("Nanyang totals", () => {
  it("has 13 units (2 districts, 10 counties, 1 city) summing to 26,495 ± 150 km²", () => {
    const fc = counties("nanyang");
    expect(fc.features.length).toBe(13);
    const kinds = fc.features.map((f) => f.properties.kind);
    expect(kinds.filter((k) => k === "district").length).toBe(2);
    expect(kinds.filter((k) => k === "county").length).toBe(10);
    expect(kinds.filter((k) => k === "city").length).toBe(1);
    const km2 = fc.features.reduce((s, f) => s + turfArea(f.geometry) / 1e6, 0);
    expect(Math.abs(km2 - 26495)).toBeLessThan(150);
  });
  it("neighbouring counties hardly overlap (pairwise intersection < 0.1 % of the total)", () => {
    const fc = counties("nanyang");
    let overlap = 0;
    for (let i = 0; i < fc.features.length; i++)
      for (let j = i + 1; j < fc.features.length; j++) {
        const inter = polygonClipping.intersection(
          polygonsOf(fc.features[i].geometry) as PcMulti,
          polygonsOf(fc.features[j].geometry) as PcMulti,
        );
        if (inter.length) overlap += turfArea({ type: "MultiPolygon", coordinates: inter });
      }
    expect(overlap / 1e6).toBeLessThan(26.5);
  });
});
