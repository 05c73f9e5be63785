import { describe, expect, it } from "vitest";
import {
  exportFacilitiesCsv,
  exportFacilitiesGeoJSON,
  facilityFeature,
  parseFacilityFile,
  refusedFacilityRows,
} from "../../../src/core/io";
import { exportShapefileZip, FACILITY_DBF_FIELDS } from "../../../src/core/io/shapefile";
import type { Facility, RejectedFacility } from "../../../src/core/model";

/**
 * The rows an import refused for their position alone go out with every facility export, with no position (blank
 * coordinates in the CSV, no geometry in GeoJSON and Shapefile), their row and reason kept: read back, each is refused
 * again and still names its township, which stays 待核 (the re-trial, s45: a county-cut list read back made 中源乡 and
 * 古竹村 确缺; the GeoJSON and Shapefile lost the rows).
 */
const refused: RejectedFacility[] = [
  { file: "a.csv", row: 15, name: "中源乡卫生院", type: "thc", township: "360925104", reason: "missing-coordinate" },
  { file: "a.csv", row: 20, name: "别县卫生院", type: "thc", township: "360924100", reason: "not-a-number" },
];
const kept: Facility[] = [
  { id: "f1", name: "双溪镇卫生院", type: "thc", lon: 115.1, lat: 28.9, township: "360925100", county: "360925" },
];
const rows = () => [...kept, ...refusedFacilityRows(refused, "360925")];
const expectRefusedAgain = (back: Awaited<ReturnType<typeof parseFacilityFile>>) => {
  expect(back.facilities.map((f) => f.name)).toEqual(["双溪镇卫生院"]);
  expect(back.rejectedFacilities).toEqual([
    expect.objectContaining({ name: "中源乡卫生院", type: "thc", township: "360925104", reason: "missing-coordinate" }),
  ]);
  // the kept row's row and reason are the tool's own columns: not read back as the file's other columns
  expect(back.facilities[0].extra).toBeUndefined();
};

describe("the facility exports carry the rows refused for their position", () => {
  it("cuts them to a county by the row's county, township or village code", () => {
    expect(refusedFacilityRows(refused, "360925").map((r) => r.name)).toEqual(["中源乡卫生院"]);
    expect(refusedFacilityRows(refused)).toHaveLength(2);
    expect(refusedFacilityRows(refused)[1]).toMatchObject({
      id: "row20",
      refusedRow: 20,
      refusedReason: "not-a-number",
    });
    // the county a row names by its township's code (the trial, s46-a #13: written blank)
    expect(refusedFacilityRows(refused).map((r) => r.county)).toEqual(["360925", "360924"]);
  });

  it("CSV: blank coordinates, the row and reason in their columns; refused again on import", async () => {
    const csv = exportFacilitiesCsv(rows());
    const [head, , line] = csv.replace(/^\uFEFF/, "").split("\r\n");
    const cols = head.split(",");
    const cells = line.split(",");
    expect(cells[cols.indexOf("lon")]).toBe("");
    expect(cells[cols.indexOf("refusedRow")]).toBe("15");
    expect(cells[cols.indexOf("refusedReason")]).toBe("missing-coordinate");
    expectRefusedAgain(await parseFacilityFile(new TextEncoder().encode(csv), "back.csv"));
  });

  it("GeoJSON: a feature with a null geometry (RFC 7946's unlocated feature), WGS84 and GCJ-02 alike", async () => {
    for (const crs of ["wgs84", "gcj02"] as const) {
      const json = exportFacilitiesGeoJSON(rows(), {}, { crs });
      const fc = JSON.parse(json);
      expect(fc.features).toHaveLength(2);
      expect(fc.features[1].geometry).toBeNull();
      expect(fc.features[1].properties).toMatchObject({
        name: "中源乡卫生院",
        refusedRow: 15,
        refusedReason: "missing-coordinate",
      });
      expect(fc.features[1].properties.lon).toBeUndefined();
      expectRefusedAgain(await parseFacilityFile(new TextEncoder().encode(json), "back.geojson"));
    }
  });

  it("Shapefile: a null shape in the point layer, REF_ROW and REF_REASON in the DBF", async () => {
    const out = await exportShapefileZip([
      {
        name: "facilities",
        kind: "point",
        features: rows().map((f) => facilityFeature(f)),
        fields: FACILITY_DBF_FIELDS,
      },
    ]);
    const names = out.fields.map((f) => f.name);
    expect(names).toContain("REF_ROW");
    expect(names).toContain("REF_REASON");
    // one point layer (the null shape in it, not a layer of its own)
    expect(out.files).toEqual(["facilities"]);
    expectRefusedAgain(await parseFacilityFile(out.zip, "facilities.zip"));
  });
});

describe("a refused row keeps its id and its other fields through the exports (the planner trial, s46-b #9)", () => {
  it("reads the id, beds, staff and the file's other columns of a row refused for its position, and writes them back", async () => {
    const csv = [
      "编号,名称,类型,经度,纬度,乡镇,床位,执业医师,注册护士,备注",
      "h1,某县人民医院,综合医院,112.5,33.0,,300,50,80,",
      "t9,张良镇中心卫生院,中心乡镇卫生院,,,张良镇,60,12,15,待补坐标",
    ].join("\n");
    const first = await parseFacilityFile(new TextEncoder().encode(csv), "list.csv");
    expect(first.rejectedFacilities).toEqual([
      expect.objectContaining({
        row: 3,
        id: "t9",
        attributes: { beds: 60, staff: { doctors: 12, nurses: 15 }, extra: { 备注: "待补坐标" } },
      }),
    ]);
    const rows = refusedFacilityRows(first.rejectedFacilities ?? []);
    expect(rows[0]).toMatchObject({ id: "t9", beds: 60, staff: { doctors: 12, nurses: 15 }, refusedRow: 3 });
    // the app's CSV read again: the same row refused again, with the same fields
    const again = await parseFacilityFile(
      new TextEncoder().encode(exportFacilitiesCsv([...first.facilities, ...rows])),
      "back.csv",
    );
    expect(again.rejectedFacilities?.[0]).toMatchObject({
      id: "t9",
      name: "张良镇中心卫生院",
      attributes: { beds: 60, staff: { doctors: 12, nurses: 15 }, extra: { 备注: "待补坐标" } },
    });
    // the GeoJSON's feature carries them flat, as a placed facility's
    const fc = JSON.parse(exportFacilitiesGeoJSON(rows));
    expect(fc.features[0].properties).toMatchObject({ id: "t9", beds: 60, doctors: 12, nurses: 15, 备注: "待补坐标" });
  });
});

describe("a refused row's township and village names go out with it (the re-trial, s46: TWP_NAME, VIL_NAME empty)", () => {
  it("the name as written where no code was matched; the list's names where the codes are, as for a facility", async () => {
    const { withUnitNames } = await import("../../../src/core");
    const rows = refusedFacilityRows([
      { file: "a.csv", row: 3, name: "甲卫生院", type: "thc", townshipName: "某某镇", reason: "missing-coordinate" },
      {
        file: "a.csv",
        row: 4,
        name: "乙村卫生室",
        type: "village-clinic",
        township: "360925104",
        village: "360925104201",
        reason: "missing-coordinate",
      },
    ]);
    const divisions = {
      counties: [
        {
          townships: [{ code: "360925104", name: "中源乡", villages: [{ code: "360925104201", name: "古竹村" }] }],
        },
      ],
    };
    const named = withUnitNames(rows, divisions);
    expect(named.map((r) => [r.townshipName, r.villageName])).toEqual([
      ["某某镇", undefined],
      ["中源乡", "古竹村"],
    ]);
  });
});
