import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type FacilityImport, listSheets, parseFacilityFile } from "../../../src/core/io";
import { expectedFacility, FIXTURE_FACILITIES } from "./fixture-data";
import { fixture } from "./helpers";
import { metresBetween } from "./reference";

function expectFixtureFacilities(r: FacilityImport, tolDeg: number) {
  expect(r.totalRows).toBe(FIXTURE_FACILITIES.length);
  expect(r.rejectedRows).toBe(0);
  expect(r.facilities.length).toBe(FIXTURE_FACILITIES.length);
  for (const f of FIXTURE_FACILITIES) {
    const got = r.facilities.find((g) => g.id === f.id);
    expect(got, f.id).toBeDefined();
    const { lon, lat, ...rest } = expectedFacility(f);
    const { lon: glon, lat: glat, ...grest } = got!;
    expect(grest).toEqual(rest);
    expect(Math.abs(glon - lon), `${f.id} lon`).toBeLessThanOrEqual(tolDeg);
    expect(Math.abs(glat - lat), `${f.id} lat`).toBeLessThanOrEqual(tolDeg);
  }
}

/**
 * The only issues a clean fixture gives: a "type-from-name" warning for each facility written without a type cell
 * (its type is a guess from the name and is marked so, issue 9), naming the facility in its message; the value shown
 * is the type cell's own, empty (issue #11), where the file has a type column.
 */
function expectOnlyGuesses(r: FacilityImport) {
  const guessed = FIXTURE_FACILITIES.filter((f) => f.typeCell === "").map((f) => f.name);
  expect(r.issues.map((i) => [i.code, i.severity])).toEqual(r.issues.map(() => ["type-from-name", "warning"]));
  expect(r.issues.map((i) => i.value)).toEqual(r.issues.map(() => ""));
  expect(r.issues.map((i) => /“(.*)”/.exec(i.message.zh)?.[1]).sort()).toEqual([...guessed].sort());
}

describe("facility formats", () => {
  it("reads UTF-8 CSV with BOM", async () => {
    const r = await parseFacilityFile(fixture("facilities-utf8-bom.csv"), "facilities-utf8-bom.csv");
    expect(r.encoding).toBe("utf-8");
    expect(r.mapping).toMatchObject({
      id: "机构编码",
      name: "机构名称",
      type: "机构类别",
      lon: "经度",
      lat: "纬度",
      county: "所属县区",
      beds: "床位数",
      grade: "医院等级",
      ownership: "经济类型",
    });
    expectOnlyGuesses(r);
    expectFixtureFacilities(r, 0);
  });

  it("detects GBK CSV", async () => {
    const r = await parseFacilityFile(fixture("facilities-gbk.csv"), "facilities-gbk.csv");
    expect(r.encoding).toBe("gb18030");
    expectOnlyGuesses(r);
    expectFixtureFacilities(r, 0);
  });

  it("reads the first XLSX sheet by default, another by name", async () => {
    const r = await parseFacilityFile(fixture("facilities.xlsx"), "facilities.xlsx");
    expect(r.sheet).toBe("机构");
    expect(r.sheets).toEqual(["机构", "第二页"]);
    expect(await listSheets(fixture("facilities.xlsx"))).toEqual(["机构", "第二页"]);
    expectOnlyGuesses({ ...r, issues: r.issues.filter((i) => i.code !== "other-sheets-not-read") });
    expectFixtureFacilities(r, 1e-12);
    const r2 = await parseFacilityFile(fixture("facilities.xlsx"), "facilities.xlsx", { sheet: "第二页" });
    expect(r2.sheet).toBe("第二页");
    expect(r2.facilities.map((f) => [f.name, f.type, f.lon, f.lat])).toEqual([
      ["南召县人民医院", "hospital", 112.429, 33.489],
    ]);
    // the sheet not read is said, with its rows (the planner trial, s53d H1: a second sheet's 24 clinics lost unsaid)
    const others = (x: typeof r) => x.issues.filter((i) => i.code === "other-sheets-not-read");
    expect(others(r).map((i) => [i.row, i.severity, i.value])).toEqual([[0, "warning", "第二页"]]);
    expect(others(r)[0].message.zh).toBe(
      "工作簿有 2 个工作表，只读取了「机构」；未读取：「第二页」（约 1 行）。这些行不在本次清单中：可在导入时选择“工作表”读取，再选“追加到该清单”与本表合并核查（命令行用 --sheet 选择工作表，或以 --add-facilities 与 --add-sheet 追加），或把各表的行合并到一个工作表后再导入",
    );
    expect(others(r2).map((i) => i.value)).toEqual(["机构"]);
    const r3 = await parseFacilityFile(fixture("facilities.xlsx"), "facilities.xlsx", { sheet: "没有" });
    expect(r3.facilities).toEqual([]);
    expect(r3.issues[0]).toMatchObject({ file: "facilities.xlsx", row: 0, severity: "error", code: "missing-sheet" });
  });

  it("reads GeoJSON points with English properties", async () => {
    const r = await parseFacilityFile(fixture("facilities.geojson"), "facilities.geojson");
    expectOnlyGuesses(r);
    expectFixtureFacilities(r, 0);
  });

  it("reads KML placemarks with ExtendedData", async () => {
    const r = await parseFacilityFile(fixture("facilities.kml"), "facilities.kml");
    expectOnlyGuesses(r);
    expectFixtureFacilities(r, 0);
  });

  it("reads a zipped Shapefile in CGCS2000 GK CM 111E with a GBK .cpg", async () => {
    const r = await parseFacilityFile(fixture("facilities-gk4546.zip"), "facilities-gk4546.zip");
    expect(r.crs).toBe("EPSG:4546");
    expect(r.encoding).toBe("gbk");
    expect(r.mapping.name).toBe("名称");
    expectOnlyGuesses(r);
    // Reference: Krüger series to n⁴ (< 1 mm); 1e-8° ≈ 1 mm.
    expectFixtureFacilities(r, 1e-8);
  });

  it("reads a zipped Shapefile with zone-prefixed eastings and no .cpg (GBK detected)", async () => {
    const r = await parseFacilityFile(fixture("facilities-gk4525-nocpg.zip"), "facilities-gk4525-nocpg.zip");
    expect(r.crs).toBe("EPSG:4525");
    expect(r.encoding).toBe("gbk");
    expectOnlyGuesses(r);
    expectFixtureFacilities(r, 1e-8);
  });

  it("reads projected CSV with X = northing, Y = easting, swapping with a warning per row", async () => {
    const r = await parseFacilityFile(fixture("facilities-gk4546-xy.csv"), "facilities-gk4546-xy.csv", {
      crs: "EPSG:4546",
      mapping: { lon: "Y", lat: "X" },
    });
    expectOnlyGuesses(r);
    expect(r.facilities.length).toBe(FIXTURE_FACILITIES.length);
    const r2 = await parseFacilityFile(fixture("facilities-gk4546-xy.csv"), "facilities-gk4546-xy.csv", {
      crs: "EPSG:4546",
    });
    expect(r2.mapping).toMatchObject({ lon: "X", lat: "Y" });
    expect(r2.facilities.length).toBe(FIXTURE_FACILITIES.length);
    expect(r2.issues.filter((i) => i.code !== "type-from-name").map((i) => [i.row, i.code, i.severity])).toEqual(
      FIXTURE_FACILITIES.map((_, k) => [k + 2, "swapped-x-y", "warning"]),
    );
    for (const f of FIXTURE_FACILITIES) {
      const g = r2.facilities.find((x) => x.id === f.id)!;
      expect(metresBetween([g.lon, g.lat], [f.lon, f.lat])).toBeLessThan(0.01);
    }
  });

  for (const datum of ["gcj02", "bd09"] as const) {
    it(`converts ${datum} CSV back to the known WGS84 positions (< 1 m)`, async () => {
      const name = `facilities-${datum}.csv`;
      const wrong = await parseFacilityFile(fixture(name), name);
      expect(wrong.issues.filter((i) => i.code !== "type-from-name").map((i) => [i.code, i.row, i.severity])).toEqual([
        [datum === "gcj02" ? "maybe-gcj02" : "maybe-bd09", 0, "warning"],
      ]);
      const r = await parseFacilityFile(fixture(name), name, { crs: datum });
      expectOnlyGuesses(r);
      for (const f of FIXTURE_FACILITIES) {
        const g = r.facilities.find((x) => x.id === f.id)!;
        expect(metresBetween([g.lon, g.lat], [f.lon, f.lat]), f.id).toBeLessThan(1);
        // The uncorrected reading is off by the datum shift (hundreds of metres).
        const w = wrong.facilities.find((x) => x.id === f.id)!;
        expect(metresBetween([w.lon, w.lat], [f.lon, f.lat])).toBeGreaterThan(100);
      }
    });
  }

  it("reports unreadable files as one error naming the file", async () => {
    const r = await parseFacilityFile(new TextEncoder().encode("{not json"), "x.geojson");
    expect(r).toMatchObject({ facilities: [], rejectedRows: 0, totalRows: 0 });
    expect(r.issues).toMatchObject([{ file: "x.geojson", row: 0, severity: "error", code: "invalid-json" }]);
  });

  it("a workbook named .geojson is said to be a ZIP archive, not GeoJSON (the CLI trial, s54b L12)", async () => {
    const book = new Uint8Array(readFileSync("test/fixtures/io/facilities.xlsx"));
    const r = await parseFacilityFile(book, "设施.geojson");
    expect(r.issues.map((i) => [i.row, i.severity, i.code])).toEqual([[0, "error", "not-geojson"]]);
    expect(r.issues[0].message.zh).toContain(
      "文件内容是 ZIP 压缩包（如 Excel 工作簿 .xlsx 或压缩的 Shapefile），不是 GeoJSON",
    );
  });
});
