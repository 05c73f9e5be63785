import geodesic from "geographiclib-geodesic";
import type { LineString } from "geojson";
import { describe, expect, it } from "vitest";
import { violationFocus } from "../../src/app/map/marks";
import { LAYER_STYLES } from "../../src/app/map/symbology";
import type { PlacedViolation } from "../../src/core";

const WGS84 = geodesic.Geodesic.WGS84;
const km = (a: number[], b: number[]) => (WGS84.Inverse(a[1], a[0], b[1], b[0]).s12 as number) / 1000;

function placed(props: Partial<PlacedViolation["properties"]>, at: [number, number] | null): PlacedViolation {
  return {
    type: "Feature",
    geometry: at ? { type: "Point", coordinates: at } : null,
    properties: {
      violationId: "SUB-15KM|411323|f:F1",
      rule: "SUB-15KM",
      ruleDescZh: "",
      ruleDescEn: "",
      severity: "error",
      county: "411323",
      countyName: "西峡县",
      messageZh: "",
      messageEn: "",
      provenance: [],
      citation: "003:213",
      geometryKind: "facility",
      ...props,
    },
  };
}

describe("what the map marks for a selected violation", () => {
  const subCentre = { id: "F1", name: "丁河镇中心卫生院", type: "sub-centre" as const, lon: 111.5, lat: 33.4 };
  const reference = {
    kind: "county-medical-centre" as const,
    facilityId: "H1",
    name: "西峡县人民医院",
    lon: 111.47,
    lat: 33.3,
  };

  it("SUB-15KM: the sub-centre itself in its colour, the county medical centre, the 15 km ring around it", () => {
    const v = placed({ facilityId: "F1", distanceKm: 11.4, limitKm: 15 }, [111.5, 33.4]);
    const { marks, camera } = violationFocus(v, { facility: subCentre, reference });
    const byKind = Object.fromEntries(marks.features.map((f) => [f.properties?.kind, f]));
    expect(byKind.subject.properties?.color).toBe(LAYER_STYLES["sub-centre"].color);
    expect(byKind.reference.geometry).toEqual({ type: "Point", coordinates: [111.47, 33.3] });
    // every vertex of the ring is 15 km from the reference (geographiclib)
    const ring = (byKind.ring.geometry as LineString).coordinates;
    expect(ring.length).toBeGreaterThan(100);
    for (const p of ring) expect(km(p, [111.47, 33.3])).toBeCloseTo(15, 6);
    expect((byKind.link.geometry as LineString).coordinates).toEqual([
      [111.47, 33.3],
      [111.5, 33.4],
    ]);
    // the view fits the sub-centre, the county medical centre and the whole 15 km ring: the ring's extent is where
    // the geodesics from the centre due north, east, south and west end at 15 km (geographiclib)
    expect(camera?.kind).toBe("fit");
    const bbox = camera?.kind === "fit" ? camera.bbox : [0, 0, 0, 0];
    const end = (azi: number) => {
      const r = WGS84.Direct(33.3, 111.47, azi, 15_000);
      return [r.lon2 as number, r.lat2 as number];
    };
    // within 10 m: the ring's 128 vertices are a polygon inscribed in the circle (its chords lie ≤ 4.6 m inside)
    const mDeg = 111_320 * Math.cos((33.3 * Math.PI) / 180);
    expect(Math.abs(bbox[1] - end(180)[1]) * 111_000).toBeLessThan(10);
    expect(Math.abs(bbox[3] - end(0)[1]) * 111_000).toBeLessThan(10);
    expect(Math.abs(bbox[0] - end(270)[0]) * mDeg).toBeLessThan(10);
    expect(Math.abs(bbox[2] - end(90)[0]) * mDeg).toBeLessThan(10);
    // the sub-centre is inside the ring here (11.4 km): the ring's extent is the view
    expect(km([111.5, 33.4], [111.47, 33.3])).toBeLessThan(15);

    // a sub-centre beyond the ring's extent (a limit of 5 km; it is 11.4 km north-north-east) widens the view north
    const far = violationFocus(placed({ facilityId: "F1", distanceKm: 11.4, limitKm: 5 }, [111.5, 33.4]), {
      facility: subCentre,
      reference,
    }).camera;
    expect(far?.kind === "fit" && far.bbox[3]).toBe(33.4);
  });

  it("a county-wide violation marks nothing and fits the county; a village by its township's centre gets a stand-in", () => {
    const county = violationFocus(
      placed({ rule: "COUNTY-3-HOSPITALS", geometryKind: "county-interior" }, [111.4, 33.3]),
      {
        countyBbox: [111, 33, 112, 34],
      },
    );
    expect(county.marks.features).toEqual([]);
    expect(county.camera).toEqual({ kind: "fit", bbox: [111, 33, 112, 34] });
    const village = violationFocus(
      placed(
        { rule: "VC-PER-VILLAGE", geometryKind: "township-health-centre", unitCode: "411323100200" },
        [111.6, 33.2],
      ),
      {},
    );
    expect(village.marks.features.map((f) => f.properties?.kind)).toEqual(["stand-in"]);
    expect(village.camera).toEqual({ kind: "fly", center: [111.6, 33.2], zoom: 11 });
  });
});

describe("what the map marks for a coverage failure (placed inside its largest gap)", () => {
  const square = (x: number, y: number, d: number) => ({
    type: "Polygon" as const,
    coordinates: [
      [
        [x, y],
        [x + d, y],
        [x + d, y + d],
        [x, y + d],
        [x, y],
      ],
    ],
  });
  const gap = (id: string, geometry: ReturnType<typeof square>, areaKm2: number) => ({
    type: "Feature" as const,
    geometry,
    properties: { county: "411323", gapId: id, areaKm2, rule: "EMS-RURAL" as const, radiusKm: 20 },
  });
  const big = gap("EMS-RURAL-1", square(111.6, 33.05, 0.2), 400);
  const small = gap("EMS-RURAL-2", square(111.9, 33.5, 0.01), 1);

  it("outlines every gap of the rule, the largest marked, a stand-in at the point, and fits the largest gap", () => {
    const v = placed(
      { rule: "EMS-RURAL", geometryKind: "gap-interior", limitKm: 20, largestGapId: "EMS-RURAL-1", gapCount: 2 },
      [111.7, 33.15],
    );
    const { marks, camera } = violationFocus(v, { gaps: [small, big], countyBbox: [111, 33, 112, 34] });
    const gaps = marks.features.filter((f) => f.properties?.kind === "gap");
    expect(gaps.map((f) => f.properties?.gapId).sort()).toEqual(["EMS-RURAL-1", "EMS-RURAL-2"]);
    expect(gaps.find((f) => f.properties?.largest)?.properties?.gapId).toBe("EMS-RURAL-1");
    expect(marks.features.find((f) => f.properties?.kind === "stand-in")?.geometry).toEqual({
      type: "Point",
      coordinates: [111.7, 33.15],
    });
    // no ring: the radius is not measured from a point
    expect(marks.features.some((f) => f.properties?.kind === "ring")).toBe(false);
    expect(camera?.kind).toBe("fit");
    const b = camera?.kind === "fit" ? camera.bbox : [0, 0, 0, 0];
    for (const [i, x] of [111.6, 33.05, 111.8, 33.25].entries()) expect(b[i]).toBeCloseTo(x, 9);
  });

  it("fits a small largest gap at least 10 km across, centred on it", () => {
    const v = placed(
      { rule: "EMS-RURAL", geometryKind: "gap-interior", largestGapId: "EMS-RURAL-2" },
      [111.905, 33.505],
    );
    const { camera } = violationFocus(v, { gaps: [small] });
    const b = camera?.kind === "fit" ? camera.bbox : [0, 0, 0, 0];
    expect((b[0] + b[2]) / 2).toBeCloseTo(111.905, 9);
    expect((b[1] + b[3]) / 2).toBeCloseTo(33.505, 9);
    expect(km([b[0], (b[1] + b[3]) / 2], [b[2], (b[1] + b[3]) / 2])).toBeGreaterThan(9.9);
    expect(km([b[0], b[1]], [b[0], b[3]])).toBeGreaterThan(9.9);
  });
});
