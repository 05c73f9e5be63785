import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { exportFacilitiesGeoJSON, parseFacilityFile } from "../../../src/core/io";

/**
 * A county medical centre keeps its hospital kind: the sample scenarios give each 「hospitalKind: general」, and every
 * import dropped it (the GIS trial: 11 rows in 南阳, 6 in 平顶山).
 */
describe("a county medical centre's hospital kind", () => {
  for (const city of ["nanyang", "pingdingshan"]) {
    it(`is kept on import and on re-import of the export (${city})`, async () => {
      const bytes = readFileSync(`geodata/scenario-${city}.geojson`);
      const file = JSON.parse(new TextDecoder().decode(bytes)) as {
        features: Array<{ properties: { id: string; type: string; hospitalKind?: string } }>;
      };
      const given = file.features
        .map((f) => f.properties)
        .filter((p) => p.type === "county-medical-centre" && p.hospitalKind !== undefined);
      expect(given.length).toBeGreaterThan(0);
      const read = await parseFacilityFile(bytes, `scenario-${city}.geojson`);
      const byId = new Map(read.facilities.map((f) => [f.id, f]));
      for (const p of given) expect(byId.get(p.id)?.hospitalKind).toBe(p.hospitalKind);
      const again = await parseFacilityFile(
        new TextEncoder().encode(exportFacilitiesGeoJSON(read.facilities)),
        "facilities.geojson",
      );
      expect(again.facilities).toEqual(read.facilities);
    });
  }

  it("is read from a kind column (a TCM hospital leading its county's 医共体)", async () => {
    const csv = "名称,类型,医院类别,经度,纬度\n某县中医院,县域医疗中心,中医医院,112.5,33.0\n";
    const r = await parseFacilityFile(new TextEncoder().encode(csv), "list.csv");
    expect(r.facilities[0]).toMatchObject({ type: "county-medical-centre", hospitalKind: "tcm" });
  });
});
