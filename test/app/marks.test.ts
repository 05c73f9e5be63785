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
    // centred on the sub-centre, and the view must reach the county medical centre
    expect(camera).toMatchObject({ kind: "fly", center: [111.5, 33.4], zoom: 11 });
    expect(camera?.kind === "fly" && camera.reachKm).toBeCloseTo(km([111.5, 33.4], [111.47, 33.3]) + 0.5, 6);
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
