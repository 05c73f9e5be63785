import { parseDbf } from "shpjs";
import { describe, expect, it } from "vitest";
import {
  exportFacilitiesCsv,
  exportFacilitiesGeoJSON,
  facilityFeature,
  isOwnFacilityCsv,
  parseFacilityFile,
} from "../../../src/core/io";
import { exportShapefileZip } from "../../../src/core/io/shapefile";
import type { Facility } from "../../../src/core/model";

/**
 * A list exported and imported again is the same list: the tool's own export columns (a Shapefile's HOSP_KIND,
 * CNTY_NAME, TWP_NAME, VIL_NAME…) are read back as the fields they hold, and the names derived from codes on export are
 * not kept as other columns (the GIS trial: each Shapefile round trip added HOSP_KIN_1, CNTY_NAM_1, TWP_NAME_1…).
 */
const enc = (s: string) => new TextEncoder().encode(s);
const NAMES = { "411302": "宛城区" };
const LIST: Facility[] = [
  {
    id: "a",
    name: "某县人民医院",
    type: "hospital",
    lon: 112.5,
    lat: 33.0,
    county: "411302",
    township: "411302001",
    village: "411302001001",
    grade: "2A",
    hospitalKind: "tcm",
    ownership: "public",
    beds: 300,
    infectiousBeds: 20,
    staff: { doctors: 50, nurses: 80, pharmacists: 6, gps: 4 },
    extra: { 备注: "院区" },
  },
  {
    id: "b",
    name: "某村卫生室",
    type: "village-clinic",
    lon: 112.51,
    lat: 33.01,
    county: "411302",
    village: "411302001002",
    servesVillages: ["411302001003", "411302001004"],
  },
  { id: "c", name: "新建急救站", type: "ems-station", lon: 112.52, lat: 33.02, county: "411302", proposed: true },
];
/** The facilities as the app exports them: with the township's and village's names beside their codes. */
const named = (list: Facility[]) => list.map((f) => ({ ...f, townshipName: "某镇", villageName: "某村" }));

async function shpRoundTrip(list: Facility[]) {
  const out = await exportShapefileZip([
    { name: "facilities", features: named(list).map((f) => facilityFeature(f, { countyNames: NAMES })) },
  ]);
  return {
    types: Object.fromEntries(out.fields.map((f) => [f.name, f.type])),
    fields: out.fields.map((f) => f.name),
    back: (await parseFacilityFile(out.zip, "facilities.zip")).facilities,
  };
}

describe("a facility export read back", () => {
  it("Shapefile: its own DBF fields are the fields they hold, and the field list is the same the next time", async () => {
    const first = await shpRoundTrip(LIST);
    expect(first.fields).toEqual(expect.arrayContaining(["HOSP_KIND", "CNTY_NAME", "TWP_NAME", "VIL_NAME"]));
    // staff counts as numbers a GIS can sum, one field each, not one JSON text (the trial, s44-a #12)
    expect(first.fields).not.toContain("STAFF");
    for (const f of ["DOCTORS", "NURSES", "PHARMACIST", "GPS"]) expect(first.types[f], f).toBe("N");
    expect(first.back).toEqual(LIST);
    const second = await shpRoundTrip(first.back);
    expect(second.fields).toEqual(first.fields);
    expect(second.fields.filter((n) => /_\d$/.test(n))).toEqual([]);
  });

  it("GeoJSON: the same facilities and the same properties", async () => {
    const text = exportFacilitiesGeoJSON(named(LIST), {}, { countyNames: NAMES });
    const back = (await parseFacilityFile(enc(text), "facilities.geojson")).facilities;
    expect(back).toEqual(LIST);
    const again = JSON.parse(exportFacilitiesGeoJSON(named(back), {}, { countyNames: NAMES }));
    const keys = (fc: { features: Array<{ properties: object }> }) =>
      fc.features.map((f) => Object.keys(f.properties).sort());
    expect(keys(again)).toEqual(keys(JSON.parse(text)));
  });

  it("GeoJSON: staff counts as flat numbers, as the CSV's columns; the old nested form is read the same (s45-b #5)", async () => {
    // the GIS trial: "staff": {"doctors": 260, …} became one JSON text field in OGR
    const fc = JSON.parse(exportFacilitiesGeoJSON(named(LIST), {}, { countyNames: NAMES }));
    const first = fc.features[0].properties;
    expect(first.staff).toBeUndefined();
    expect([first.doctors, first.nurses, first.pharmacists, first.gps]).toEqual([50, 80, 6, 4]);
    for (const f of fc.features.slice(1))
      for (const k of ["staff", "doctors", "nurses"]) expect(f.properties[k]).toBe(undefined);
    // a regional run's facilities.geojsonl lines alike
    const line = facilityFeature(LIST[0]).properties as Record<string, unknown>;
    expect([line.staff, line.doctors, line.gps]).toEqual([undefined, 50, 4]);
    const flat = await parseFacilityFile(enc(JSON.stringify(fc)), "facilities.geojson");
    expect(flat.facilities).toEqual(LIST);
    expect(flat.issues.filter((i) => i.severity !== "note")).toEqual([]);
    // a file exported before: one nested staff object
    for (const f of fc.features) {
      const p = f.properties;
      if (p.doctors !== undefined)
        p.staff = { doctors: p.doctors, nurses: p.nurses, pharmacists: p.pharmacists, gps: p.gps };
      for (const k of ["doctors", "nurses", "pharmacists", "gps"]) delete p[k];
    }
    const nested = await parseFacilityFile(enc(JSON.stringify(fc)), "facilities.geojson");
    expect(nested.facilities).toEqual(LIST);
    expect(nested.issues.filter((i) => i.severity !== "note")).toEqual([]);
  });

  it("CSV: staff counts, infectious beds and served villages come back as written (the GIS trial: not in the CSV)", async () => {
    const csv = exportFacilitiesCsv(named(LIST));
    const head = csv
      .replace(/^\uFEFF/, "")
      .split("\r\n")[0]
      .split(",");
    expect(head).toEqual(
      expect.arrayContaining(["infectiousBeds", "doctors", "nurses", "pharmacists", "gps", "servesVillages"]),
    );
    const r = await parseFacilityFile(enc(csv), "facilities.csv");
    expect(r.issues.filter((i) => i.severity !== "note")).toEqual([]);
    expect(r.facilities).toEqual(LIST);
  });

  it("CSV: the same header and no other columns", async () => {
    const csv = exportFacilitiesCsv(named(LIST));
    const back = (await parseFacilityFile(enc(csv), "facilities.csv")).facilities;
    expect(back.map((f) => f.extra)).toEqual(LIST.map((f) => f.extra));
    expect(exportFacilitiesCsv(named(back)).split("\r\n")[0]).toBe(csv.split("\r\n")[0]);
  });

  it("every facility export carries the type's Chinese label (typeName, TYPE_ZH), read back as nothing (s45-b #9)", async () => {
    // the GIS trial: TYPE held English codes only (thc, ems-dispatch), nothing for a Chinese legend; a hospital by its
    // kind (the re-trial: 「医院」 for the county's three hospitals alike)
    const labels = ["中医医院", "村卫生室", "急救站"];
    const issues = (r: Awaited<ReturnType<typeof parseFacilityFile>>) =>
      r.issues.map((i) => `${i.severity} ${i.code} ${i.field}`);
    // GeoJSON: after the type; the same facilities and the same issues as a file without it
    const fc = JSON.parse(exportFacilitiesGeoJSON(named(LIST), {}, { countyNames: NAMES }));
    expect(fc.features.map((f: { properties: { typeName: string } }) => f.properties.typeName)).toEqual(labels);
    const keys = Object.keys(fc.features[0].properties);
    expect(keys.indexOf("typeName")).toBe(keys.indexOf("type") + 1);
    const withLabel = await parseFacilityFile(enc(JSON.stringify(fc)), "facilities.geojson");
    for (const f of fc.features) delete f.properties.typeName;
    const without = await parseFacilityFile(enc(JSON.stringify(fc)), "facilities.geojson");
    expect(withLabel.facilities).toEqual(LIST);
    expect(issues(withLabel)).toEqual(issues(without));
    // a label edited in a GIS does not change the type: the type is read from `type`
    const edited = JSON.parse(exportFacilitiesGeoJSON(named(LIST), {}, { countyNames: NAMES }));
    edited.features[0].properties.typeName = "急救站";
    const e = await parseFacilityFile(enc(JSON.stringify(edited)), "facilities.geojson");
    expect(e.facilities).toEqual(LIST);
    expect(issues(e)).toEqual(issues(without));

    // CSV: a column after `type`; an export of before, without it, is still known as the tool's own
    const csv = exportFacilitiesCsv(named(LIST))
      .replace(/^\uFEFF/, "")
      .split("\r\n");
    const head = csv[0].split(",");
    expect(head.slice(0, 4)).toEqual(["id", "name", "type", "typeName"]);
    expect(csv.slice(1, 4).map((l) => l.split(",")[3])).toEqual(labels);
    const at = head.indexOf("typeName");
    const older = csv
      .map((l) =>
        l
          .split(",")
          .filter((_, i) => i !== at)
          .join(","),
      )
      .join("\r\n");
    expect(isOwnFacilityCsv(head)).toBe(true);
    expect(isOwnFacilityCsv(head.filter((h) => h !== "typeName"))).toBe(true);
    const c1 = await parseFacilityFile(enc(csv.join("\r\n")), "facilities.csv");
    const c0 = await parseFacilityFile(enc(older), "facilities.csv");
    expect(c1.facilities).toEqual(LIST);
    expect(c0.facilities).toEqual(LIST);
    expect(issues(c1)).toEqual(issues(c0));

    // Shapefile: TYPE_ZH, a text field, read back as nothing
    const out = await exportShapefileZip([
      { name: "facilities", features: named(LIST).map((f) => facilityFeature(f, { countyNames: NAMES })) },
    ]);
    const names = out.fields.map((f) => f.name);
    expect(names.indexOf("TYPE_ZH")).toBe(names.indexOf("TYPE") + 1);
    expect(out.fields.find((f) => f.name === "TYPE_ZH")?.type).toBe("C");
    const JSZip = (await import("jszip")).default;
    const dbf = await (await JSZip.loadAsync(out.zip)).file("facilities.dbf")?.async("uint8array");
    expect(parseDbf(dbf as Uint8Array, "UTF-8").map((r) => r.TYPE_ZH)).toEqual(labels);
    const s = await parseFacilityFile(out.zip, "facilities.zip");
    expect(s.facilities).toEqual(LIST);
    expect(s.issues.filter((i) => i.severity !== "note")).toEqual([]);
  });
});
