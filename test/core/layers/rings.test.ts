import { readFileSync } from "node:fs";
import { join } from "node:path";
import geodesic from "geographiclib-geodesic";
import { describe, expect, it } from "vitest";
import { emsRingPoints } from "../../../src/core";
import { serviceRings, serviceRingsByRule, subCentreRings } from "../../../src/core/layers/rings";
import type { Facility } from "../../../src/core/model";
import type { RuleSet } from "../../../src/core/rules";

const WGS84 = geodesic.Geodesic.WGS84;
function distKm(a: number[], b: number[]) {
  return (WGS84.Inverse(a[1], a[0], b[1], b[0]).s12 as number) / 1000;
}

/** The urban area the ring tests share: a box round 112.55 E, 33.0 N. */
const URBAN = {
  type: "Polygon" as const,
  coordinates: [
    [
      [112.4, 32.9],
      [112.7, 32.9],
      [112.7, 33.1],
      [112.4, 33.1],
      [112.4, 32.9],
    ],
  ],
};

describe("serviceRings", () => {
  const fs: Facility[] = [
    { id: "a", name: "城区急救站", type: "ems-station", lon: 112.5, lat: 33.0 },
    { id: "b", name: "乡村急救站", type: "ems-station", lon: 111.8, lat: 33.4, proposed: true },
    { id: "c", name: "某卫生院", type: "thc", lon: 111.9, lat: 33.4 },
  ];
  it("gives urban stations the urban radius, rural ones the rural radius, and skips other types", () => {
    const rings = serviceRings(fs, ["ems-station", "ems-centre"], [URBAN], { urbanKm: 5, ruralKm: 15 });
    expect(
      rings.map((r) => [r.properties.facilityId, r.properties.role, r.properties.radiusKm, r.properties.proposed]),
    ).toEqual([
      ["a", "urban", 5, false],
      ["b", "rural", 15, true],
    ]);
    const g = rings[1].geometry;
    if (g.type !== "Polygon") throw new Error("a full ring is a polygon");
    expect(distKm([111.8, 33.4], g.coordinates[0][7])).toBeCloseTo(15, 6);
  });
  it("draws the sub-centre distance ring", () => {
    const [r] = subCentreRings([{ id: "m", lon: 112, lat: 33 }], 15);
    expect(r.properties.role).toBe("sub-centre-distance");
    expect(distKm([112, 33], r.geometry.coordinates[0][30])).toBeCloseTo(15, 6);
  });
});

describe("serviceRings with a cache", () => {
  const sites: Facility[] = [
    { id: "a", name: "城区急救站", type: "ems-station", lon: 112.5, lat: 33.0 },
    { id: "b", name: "乡村急救站", type: "ems-station", lon: 111.8, lat: 33.4 },
  ];
  it("gives the same rings as without it, and reuses the unmoved site's circle", () => {
    const cache = new Map();
    const radii = { urbanKm: 5, ruralKm: 15 };
    const first = serviceRings(sites, ["ems-station"], [URBAN], radii, cache);
    expect(first).toEqual(serviceRings(sites, ["ems-station"], [URBAN], radii));
    const moved = serviceRings([sites[0], { ...sites[1], lon: 111.9 }], ["ems-station"], [URBAN], radii, cache);
    expect(moved[0].geometry).toBe(first[0].geometry);
    expect(moved[1].geometry).not.toBe(first[1].geometry);
    expect(moved[1]).toEqual(serviceRings([{ ...sites[1], lon: 111.9 }], ["ems-station"], [URBAN], radii)[0]);
  });
});

describe("serviceRings cut to the station's own county (no cross-border cover, issue 9)", () => {
  // 甲县 of the two-county fixture: lon 112.0–112.5, lat 32.8–33.2; its neighbour 乙区 starts at lon 112.5
  const county = {
    type: "Polygon" as const,
    coordinates: [
      [
        [112.0, 32.8],
        [112.5, 32.8],
        [112.5, 33.2],
        [112.0, 33.2],
        [112.0, 32.8],
      ],
    ],
  };
  const near = { id: "n", name: "边界急救站", type: "ems-station" as const, lon: 112.45, lat: 33.0, county: "990001" };
  const deep = { id: "d", name: "腹地急救站", type: "ems-station" as const, lon: 112.2, lat: 33.0, county: "990001" };
  const clip = () => ({ key: "990001", geometry: county });
  const [cut, whole] = serviceRings([near, deep], ["ems-station"], [], { urbanKm: 5, ruralKm: 15 }, undefined, clip);

  it("a ring crossing into the neighbour ends at the county line; every vertex is on the circle or on the line", () => {
    expect(cut.properties.clipped).toBe(true);
    const rings = cut.geometry.type === "Polygon" ? [cut.geometry.coordinates] : cut.geometry.coordinates;
    let onLine = 0;
    for (const poly of rings)
      for (const p of poly[0]) {
        // the station is 4.7 km from the line (112.5°E): nothing of the cut ring lies east of it
        expect(p[0]).toBeLessThanOrEqual(112.5 + 1e-9);
        const onCircle = Math.abs(distKm([near.lon, near.lat], p) - 15) < 0.02;
        if (Math.abs(p[0] - 112.5) < 1e-9) onLine++;
        expect(
          onCircle || Math.abs(p[0] - 112.5) < 1e-9 || Math.abs(p[1] - 32.8) < 1e-9 || Math.abs(p[1] - 33.2) < 1e-9,
        ).toBe(true);
      }
    expect(onLine).toBeGreaterThanOrEqual(2);
  });

  it("a ring well inside its county is left whole", () => {
    expect(whole.properties.clipped).toBe(false);
    expect(whole.geometry.type).toBe("Polygon");
  });

  it("without a clip (cross-border cover on) rings are whole circles", () => {
    const [r] = serviceRings([near], ["ems-station"], [], { urbanKm: 5, ruralKm: 15 });
    expect(r.properties.clipped).toBeUndefined();
    expect(r.geometry.type).toBe("Polygon");
  });
});

describe("the cut on real county outlines", () => {
  it("equals the exact intersection with the whole county (polygon-clipping, no box), for a Nanyang station", async () => {
    const { readFileSync } = await import("node:fs");
    const polygonClipping = (await import("polygon-clipping")).default;
    const { geodesicAreaKm2, geodesicCircle } = await import("../../../src/core/geo");
    const counties = JSON.parse(readFileSync("geodata/counties-nanyang.geojson", "utf8")).features;
    const scenario = JSON.parse(readFileSync("geodata/scenario-nanyang.geojson", "utf8")).features;
    const areaOf = (g: { type: string; coordinates: unknown }) => geodesicAreaKm2(g as never);
    let compared = 0;
    for (const s of scenario
      .filter((f: { properties: { type: string } }) => f.properties.type === "ems-station")
      .slice(0, 12)) {
      const county = counties.find((c: { properties: { code: string } }) => c.properties.code === s.properties.county);
      const f = { ...s.properties, lon: s.geometry.coordinates[0], lat: s.geometry.coordinates[1] } as Facility;
      const [cut] = serviceRings([f], ["ems-station"], [], { urbanKm: 5, ruralKm: 20 }, undefined, () => ({
        key: county.properties.code,
        geometry: county.geometry,
      }));
      const ring = geodesicCircle(f.lon, f.lat, 20, 96);
      const g = county.geometry;
      const ref = polygonClipping.intersection(
        ring.coordinates as never,
        (g.type === "Polygon" ? [g.coordinates] : g.coordinates) as never,
      );
      const refArea = ref.reduce((a, p) => a + areaOf({ type: "Polygon", coordinates: p }), 0);
      expect(areaOf(cut.geometry)).toBeCloseTo(refArea, 6);
      compared++;
    }
    expect(compared).toBe(12);
  });
});

describe("the rings the checks count, for the exports (serviceRingsByRule)", () => {
  it("gives each EMS point its urban and its rural ring, wherever it stands", () => {
    const station: Facility = { id: "s", name: "某站", type: "ems-station", lon: 112.5, lat: 33, county: "411323" };
    const clinic: Facility = { id: "v", name: "某卫生室", type: "village-clinic", lon: 112.6, lat: 33 };
    const rings = serviceRingsByRule([station, clinic], ["ems-station"], { urbanKm: 5, ruralKm: 20 });
    expect(rings.map((r) => [r.properties.facilityId, r.properties.role, r.properties.radiusKm])).toEqual([
      ["s", "urban", 5],
      ["s", "rural", 20],
    ]);
    // the map draws one: the urban ring for a point inside the urban area
    expect(
      serviceRings([station], ["ems-station"], [URBAN], { urbanKm: 5, ruralKm: 20 }).map((r) => r.properties.role),
    ).toEqual(["urban"]);
  });
});

describe("a point in no county's network", () => {
  it("gets no ring when rings are cut to the networks, and its full ring with cross-border cover (no cut)", () => {
    const away: Facility = { id: "bj", name: "北京某站", type: "ems-station", lon: 116.4, lat: 39.9 };
    const radii = { urbanKm: 5, ruralKm: 20 };
    expect(serviceRingsByRule([away], ["ems-station"], radii, undefined, () => undefined)).toEqual([]);
    expect(serviceRings([away], ["ems-station"], [], radii, undefined, () => undefined)).toEqual([]);
    expect(serviceRings([away], ["ems-station"], [], radii)).toHaveLength(1);
  });
});

describe("rings round the points each plan's radius rules count (the EMS planner trial, s53 M1)", () => {
  const ruleSet = (name: string) =>
    JSON.parse(readFileSync(join(import.meta.dirname, `../../../seeds/ruleset-${name}.json`), "utf8")) as RuleSet;
  const town = URBAN;
  const list: Facility[] = [
    { id: "st", name: "急救站", type: "ems-station", lon: 111.8, lat: 33.4 },
    { id: "thc", name: "乡镇卫生院", type: "thc", lon: 111.9, lat: 33.4 },
    { id: "thc-town", name: "城区卫生院", type: "thc", lon: 112.55, lat: 33.0 },
    { id: "h2", name: "二级医院", type: "hospital", grade: "2A", lon: 112.5, lat: 33.0 },
    { id: "h-none", name: "未填等级医院", type: "hospital", lon: 112.6, lat: 33.0 },
    { id: "h2-out", name: "乡间二级医院", type: "hospital", grade: "2", lon: 111.7, lat: 33.4 },
  ];
  const radii = { urbanKm: 5, ruralKm: 20 };
  const roles = (rings: ReturnType<typeof serviceRingsByRule>) =>
    rings.map((r) => `${r.properties.facilityId}:${r.properties.role}:${r.properties.radiusKm}`);

  it("宜春 (004:439): township health centres get their rural ring, grade-II+ hospitals their urban one, an ungraded hospital none", () => {
    const points = emsRingPoints(ruleSet("yichun"));
    expect(roles(serviceRingsByRule(list, points, radii))).toEqual([
      "st:urban:5",
      "st:rural:20",
      "thc:rural:20",
      "thc-town:rural:20",
      "h2:urban:5",
      "h2-out:urban:5",
    ]);
    // on the map, one ring a point: a centre in town its rural ring (the rural check counts it), a hospital out of
    // town none (only the urban check counts it)
    expect(roles(serviceRings(list, points, [town], radii))).toEqual([
      "st:rural:20",
      "thc:rural:20",
      "thc-town:rural:20",
      "h2:urban:5",
    ]);
  });

  it("南阳 (000:232): EMS centres and stations only, as before", () => {
    const points = emsRingPoints(ruleSet("nanyang"));
    expect(roles(serviceRingsByRule(list, points, radii))).toEqual(["st:urban:5", "st:rural:20"]);
    expect(roles(serviceRings(list, points, [town], radii))).toEqual(["st:rural:20"]);
  });
});
