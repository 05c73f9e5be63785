import { check } from "@placemarkio/check-geojson";
import { booleanPointInPolygon, area as turfArea } from "@turf/turf";
import geodesic from "geographiclib-geodesic";
import type { MultiPolygon as PcMulti } from "polygon-clipping";
import polygonClipping from "polygon-clipping";
import { describe, expect, it } from "vitest";
import { properCrossings, ringDefects } from "./geometry-checks";
import { CITY_IDS, cities, counties, fileSize, polygonsOf, readText, signedArea2 } from "./load";

const geod = geodesic.Geodesic.WGS84;

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
