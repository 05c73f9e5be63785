import geodesic from "geographiclib-geodesic";
import { describe, expect, it } from "vitest";
import { serviceRings, subCentreRings } from "../../../src/core/layers/rings";
import type { Facility } from "../../../src/core/model";

const WGS84 = geodesic.Geodesic.WGS84;
function distKm(a: number[], b: number[]) {
  return (WGS84.Inverse(a[1], a[0], b[1], b[0]).s12 as number) / 1000;
}

describe("serviceRings", () => {
  const urban = {
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
  const fs: Facility[] = [
    { id: "a", name: "城区急救站", type: "ems-station", lon: 112.5, lat: 33.0 },
    { id: "b", name: "乡村急救站", type: "ems-station", lon: 111.8, lat: 33.4, proposed: true },
    { id: "c", name: "某卫生院", type: "thc", lon: 111.9, lat: 33.4 },
  ];
  it("gives urban stations the urban radius, rural ones the rural radius, and skips other types", () => {
    const rings = serviceRings(fs, ["ems-station", "ems-centre"], [urban], { urbanKm: 5, ruralKm: 15 });
    expect(
      rings.map((r) => [r.properties.facilityId, r.properties.role, r.properties.radiusKm, r.properties.proposed]),
    ).toEqual([
      ["a", "urban", 5, false],
      ["b", "rural", 15, true],
    ]);
    expect(distKm([111.8, 33.4], rings[1].geometry.coordinates[0][7])).toBeCloseTo(15, 6);
  });
  it("draws the sub-centre distance ring", () => {
    const [r] = subCentreRings([{ id: "m", lon: 112, lat: 33 }], 15);
    expect(r.properties.role).toBe("sub-centre-distance");
    expect(distKm([112, 33], r.geometry.coordinates[0][30])).toBeCloseTo(15, 6);
  });
});

describe("serviceRings with a cache", () => {
  const urban = {
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
  const sites: Facility[] = [
    { id: "a", name: "城区急救站", type: "ems-station", lon: 112.5, lat: 33.0 },
    { id: "b", name: "乡村急救站", type: "ems-station", lon: 111.8, lat: 33.4 },
  ];
  it("gives the same rings as without it, and reuses the unmoved site's circle", () => {
    const cache = new Map();
    const radii = { urbanKm: 5, ruralKm: 15 };
    const first = serviceRings(sites, ["ems-station"], [urban], radii, cache);
    expect(first).toEqual(serviceRings(sites, ["ems-station"], [urban], radii));
    const moved = serviceRings([sites[0], { ...sites[1], lon: 111.9 }], ["ems-station"], [urban], radii, cache);
    expect(moved[0].geometry).toBe(first[0].geometry);
    expect(moved[1].geometry).not.toBe(first[1].geometry);
    expect(moved[1]).toEqual(serviceRings([{ ...sites[1], lon: 111.9 }], ["ems-station"], [urban], radii)[0]);
  });
});
