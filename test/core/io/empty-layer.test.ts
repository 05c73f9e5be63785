import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { GAP_EXPORT_FIELDS, gapShapefileLayer } from "../../../src/core";
import { exportShapefileZip } from "../../../src/core/io/shapefile";

/**
 * An empty layer keeps its geometry type and fields: 平顶山's gaps (its rule set has no radius rule) were written as a
 * Point layer with a .dbf of no fields, which a GIS desk merging the cities' gaps.shp cannot merge.
 */
async function header(zip: Uint8Array, file: string) {
  const z = await JSZip.loadAsync(zip);
  const shp = await z.file(`${file}.shp`)?.async("uint8array");
  const dbf = await z.file(`${file}.dbf`)?.async("uint8array");
  if (!shp || !dbf) throw new Error(`${file} missing`);
  const shapeType = new DataView(shp.buffer, shp.byteOffset).getInt32(32, true);
  const dv = new DataView(dbf.buffer, dbf.byteOffset);
  const records = dv.getUint32(4, true);
  const headerLen = dv.getUint16(8, true);
  const fields: Array<{ name: string; type: string }> = [];
  for (let at = 32; at + 32 <= headerLen - 1; at += 32) {
    const raw = dbf.subarray(at, at + 11);
    const end = raw.indexOf(0);
    fields.push({
      name: new TextDecoder().decode(end < 0 ? raw : raw.subarray(0, end)),
      type: String.fromCharCode(dbf[at + 11]),
    });
  }
  return { shapeType, records, fields };
}

const GAP = {
  type: "Feature" as const,
  geometry: {
    type: "Polygon" as const,
    coordinates: [
      [
        [113, 33.7],
        [113.1, 33.7],
        [113.1, 33.8],
        [113, 33.7],
      ],
    ],
  },
  properties: {
    county: "410402",
    countyName: "新华区",
    gapId: "g1",
    rule: "EMS-RURAL",
    ruleDescZh: "农村",
    ruleDescEn: "rural",
    radiusKm: 10,
    areaKm2: 12.3,
    gridGaps: 1,
    gridAreaKm2: 12.1,
    outline: "exact" as const,
    citation: "004:12",
  },
};

describe("an empty Shapefile layer", () => {
  it("of gaps is a polygon layer with the gaps' fields, as a layer with gaps is", async () => {
    const empty = await header((await exportShapefileZip([gapShapefileLayer([])])).zip, "gaps");
    expect(empty.shapeType).toBe(5);
    expect(empty.records).toBe(0);
    const full = await header((await exportShapefileZip([gapShapefileLayer([GAP])])).zip, "gaps");
    expect(full.shapeType).toBe(5);
    expect(empty.fields.map((f) => f.name)).toEqual(full.fields.map((f) => f.name));
    expect(empty.fields).toEqual(full.fields);
    expect(empty.fields.length).toBe(GAP_EXPORT_FIELDS.length);
    expect(empty.fields.find((f) => f.name === "AREA_KM2")?.type).toBe("N");
    expect(empty.fields.find((f) => f.name === "GAP_ID")?.type).toBe("C");
  });

  it("keeps the kind it is declared, whatever it is", async () => {
    const { zip, files } = await exportShapefileZip([{ name: "roads", features: [], kind: "line" }]);
    expect(files).toEqual(["roads"]);
    expect((await header(zip, "roads")).shapeType).toBe(3);
  });
});
