import { readFileSync } from "node:fs";
import type { FeatureCollection, MultiPolygon, Polygon } from "geojson";
import { describe, expect, it } from "vitest";
import { geodesicDistanceKm } from "../../../src/core/geo";
import { parseFacilityFile } from "../../../src/core/io";

const boundaries = JSON.parse(
  readFileSync(new URL("../../fixtures/rules/two-counties.geojson", import.meta.url), "utf8"),
) as FeatureCollection<Polygon | MultiPolygon>;
const enc = (s: string) => new TextEncoder().encode(s);

describe("a facility far from the county its code names", () => {
  it("700 km away: rejected with the distance; a few km over the border: a warning; inside: nothing", async () => {
    // 990001 甲县 is the box 112.0–112.5 °E, 32.8–33.2 °N; 990002 乙区 lies east of it (see the fixture)
    const csv = [
      "id,name,type,lon,lat,county",
      "in,甲县急救站,ems-station,112.2,33.0,990001",
      "near,甲县急救站二,ems-station,112.55,33.0,990001",
      "far,甲县急救站三,ems-station,119.5,33.0,990001",
    ].join("\n");
    const r = await parseFacilityFile(enc(csv), "far.csv", { boundaries });
    expect(r.facilities.map((f) => f.id)).toEqual(["in", "near"]);
    const far = r.issues.find((i) => i.row === 4 && i.severity === "error");
    expect(far).toMatchObject({ severity: "error", code: "far-from-stated-county", field: "county", value: "990001" });
    // reference: geodesic distance from (119.5, 33) to the county's east edge at (112.5, 33)
    const refKm = geodesicDistanceKm(119.5, 33, 112.5, 33);
    const km = Number(/([\d.]+) km/.exec(far!.message.en)![1]);
    expect(Math.abs(km - refKm) / refKm).toBeLessThan(0.01);
    const near = r.issues.find((i) => i.row === 3);
    expect(near).toMatchObject({ severity: "warning", code: "outside-stated-county" });
    expect(r.issues.some((i) => i.row === 2)).toBe(false);
    expect(r.rejectedRows + r.facilities.length).toBe(r.totalRows);
  });
});

describe("how a row outside the boundaries or its county is named (the planner trial)", () => {
  it("the county by name and code, the position as used to 6 decimals, not 14", async () => {
    const csv = [
      "id,name,type,lon,lat,county",
      "far,甲县急救站三,ems-station,119.5,33.0,990001",
      "out,境外站,ems-station,115.123456789012,30.987654321098,",
    ].join("\n");
    const r = await parseFacilityFile(enc(csv), "far.csv", { boundaries, crs: "gcj02" });
    const far = r.issues.find((i) => i.row === 2 && i.severity === "error");
    expect(far?.message.zh).toContain("所填县区 甲县（990001）");
    expect(far?.message.en).toContain("stated county 甲县 (990001)");
    const out = r.issues.find((i) => i.row === 3 && i.code === "outside-boundaries");
    // converted from GCJ-02: the value is the WGS84 position used, at most 6 decimals each
    expect(out?.value).toMatch(/^\d+(\.\d{1,6})?, \d+(\.\d{1,6})?$/);
  });
});

describe("a row refused for its stated county is not also told how it counts outside every county (the GIS trial)", () => {
  it("北京协和医院 coded 宛城区: one error, no outside-boundaries warning", async () => {
    const { readFileSync } = await import("node:fs");
    const { parseFacilityFile } = await import("../../../src/core/io");
    const counties = JSON.parse(readFileSync("geodata/counties-nanyang.geojson", "utf8"));
    const r = await parseFacilityFile(
      new TextEncoder().encode("名称,类型,经度,纬度,所属县区\n北京协和医院,医院,116.417,39.912,411302\n"),
      "f.csv",
      { boundaries: counties, counties: [{ code: "411302", name: "宛城区" }] },
    );
    expect(r.issues.filter((i) => i.row === 2).map((i) => [i.severity, i.code])).toEqual([
      ["error", "far-from-stated-county"],
    ]);
  });
});

describe("a county issue's value is the county cell as the file wrote it (the reviewer trial)", () => {
  it("镇平县, not the code 411324 it was read as: in the issue, the app's problem-list CSV and rejected.csv", async () => {
    const { exportIssuesCsv } = await import("../../../src/core/io");
    const counties = JSON.parse(readFileSync("geodata/counties-nanyang.geojson", "utf8"));
    const refs = counties.features.map((f: { properties: { code: string; name: string } }) => f.properties);
    const file = enc(
      [
        "名称,类型,经度,纬度,所属县区",
        "北京某卫生院,乡镇卫生院,116.417,39.912,镇平县",
        "某某急救站,急救站,116.417,39.912,411324",
      ].join("\n"),
    );
    const r = await parseFacilityFile(file, "f.csv", { boundaries: counties, counties: refs });
    const issues = r.issues.filter((i) => i.code === "far-from-stated-county");
    expect(issues.map((i) => [i.row, i.field, i.value])).toEqual([
      [2, "所属县区", "镇平县"],
      [3, "所属县区", "411324"],
    ]);
    // the message names the county by name and code
    expect(issues[0].message.zh).toContain("镇平县（411324）");
    const zh = exportIssuesCsv(issues, "zh").split("\r\n");
    expect(zh[0].split(",")[3]).toBe("单元格内容");
    expect(zh[1].split(",")[3]).toBe("镇平县");
    const en = exportIssuesCsv(issues).split("\r\n");
    expect(en[0].split(",")[3]).toBe("value");
    expect(en[1].split(",")[3]).toBe("镇平县");

    // a regional run's own check (names matched later): the cells as written come with the import
    const later = await parseFacilityFile(file, "f.csv", { counties: refs, unitNamesLater: true });
    expect([...(later.countyCells ?? new Map())]).toEqual([[2, "镇平县"]]);
  });
});
