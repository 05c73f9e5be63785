import { describe, expect, it } from "vitest";
import { DBF_FIELD_NAMES, exportShapefileZip } from "../../../src/core/io/shapefile";
import { serviceRings, subCentreRings } from "../../../src/core/layers/rings";
import { ringFeaturesForExport } from "../../../src/core/report/tables";
import { nanyang } from "./nanyang";

describe("service rings for export", () => {
  const c = nanyang();
  const ems = ["ems-centre", "ems-station"] as const;
  const rings = [
    ...serviceRings(
      c.facilities,
      [...ems],
      c.report.urbanAreas.map((u) => u.geometry),
      {
        urbanKm: c.report.params.urbanRadiusKm,
        ruralKm: c.report.params.ruralRadiusKm,
      },
    ),
    ...subCentreRings(
      c.facilities.filter((f) => f.type === "county-medical-centre"),
      c.report.params.subCentreMinKm,
    ),
  ];
  const out = ringFeaturesForExport({
    rings,
    facilities: c.facilities,
    counties: c.counties.features,
    ruleSet: c.ruleSet,
    namesEn: { "411323": "Xixia County" },
  });
  const names = new Map(c.counties.features.map((f) => [f.properties.code, f.properties.name]));

  it("name each ring's facility, its county and the rule it draws, geometry and order kept", () => {
    expect(out).toHaveLength(rings.length);
    expect(new Set(out.map((r) => r.properties.role))).toEqual(new Set(["urban", "rural", "sub-centre-distance"]));
    const want = { urban: "EMS-URBAN", rural: "EMS-RURAL", "sub-centre-distance": "SUB-15KM" } as const;
    out.forEach((r, i) => {
      const f = c.facilities.find((x) => x.id === rings[i].properties.facilityId);
      expect(r.geometry).toBe(rings[i].geometry);
      expect(r.properties.facilityId).toBe(f?.id);
      expect(r.properties.facilityName).toBe(f?.name);
      expect(r.properties.county).toBe(f?.county);
      expect(r.properties.countyName).toBe(names.get(r.properties.county ?? ""));
      expect(r.properties.rule).toBe(want[r.properties.role as keyof typeof want]);
      const rule = c.ruleSet.rules.find((x) => x.id === r.properties.rule);
      expect(r.properties.ruleDescZh).toBe(rule?.description.zh);
      expect(r.properties.radiusKm).toBe(rings[i].properties.radiusKm);
      if (r.properties.county === "411323") expect(r.properties.countyNameEn).toBe("Xixia County");
    });
  });

  it("find the county by the point when the facility gives none", () => {
    const f = c.facilities.find((x) => x.type === "ems-station" && x.county === "411323");
    if (!f) throw new Error("no station in 411323");
    const [r] = ringFeaturesForExport({
      rings: rings.filter((x) => x.properties.facilityId === f.id).slice(0, 1),
      facilities: [{ ...f, county: undefined }],
      counties: c.counties.features,
      ruleSet: c.ruleSet,
    });
    expect(r.properties.county).toBe("411323");
    expect(r.properties.countyName).toBe("西峡县");
  });

  it("write a Shapefile whose every field has a chosen name of at most 10 characters", async () => {
    const zip = await exportShapefileZip([{ name: "coverage", features: out }], {
      date: new Date(Date.UTC(2026, 11, 1)),
    });
    expect(zip.files).toEqual(["coverage"]);
    for (const f of zip.fields) {
      expect(f.name).toBe(DBF_FIELD_NAMES[f.property]);
      expect(f.name.length).toBeLessThanOrEqual(10);
    }
    expect(zip.fields.map((f) => f.name)).toEqual(
      expect.arrayContaining(["FAC_ID", "FAC_NAME", "FAC_TYPE", "COUNTY", "CNTY_NAME", "RULE", "RADIUS_KM", "ROLE"]),
    );
  });
});
