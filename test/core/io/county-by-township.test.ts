import { describe, expect, it } from "vitest";
import { exportFacilitiesCsv, exportFacilitiesGeoJSON } from "../../../src/core/io/export";
import { analyze } from "../../../src/core/rules";
import { nanyangInputs } from "../report/nanyang";
import { parseNanyangCsv, savedDatasetRoundTrip } from "./helpers";

// The user trial, s49 #1: row 18, 「登封市宣化镇卫生院」, 所属县区 新密市 (a slip), 所属乡镇 宣化镇, its point in 登封市 10.8 km
// outside 新密市. The import said 宣化镇 was for review; the check said 「宣化镇：无乡镇卫生院」 and named no row, and the
// export kept 新密市 with a blank township. The point and the township agree: the county cell is the mistake. Here the
// same in 南阳: a 社旗县 centre (郝寨镇, its point 13.2 km outside 方城县) with 方城县 in its county cell.
const AT = "112.9124544,32.9801505";
const SHEQI = "411327";
const HAOZHAI = "411327108";

function parse(csv: string) {
  return parseNanyangCsv(csv, "基层.csv");
}

describe("a county cell that disagrees with the row's township and point (the user trial, s49 #1)", () => {
  const csv = `名称,类型,经度,纬度,所属县区,所属乡镇\n社旗县郝寨镇卫生院,乡镇卫生院,${AT},方城县,郝寨镇\n`;

  it("is taken as the mistake: the row counts for the township in the county where it lies, with one warning on the county cell", async () => {
    const r = await parse(csv);
    expect(r.facilities.map((f) => [f.county, f.township, f.outsideStatedKm])).toEqual([[SHEQI, HAOZHAI, undefined]]);
    // no row kept for review elsewhere: the township has its centre
    expect(r.rejectedFacilities ?? []).toEqual([]);
    const row = r.issues.filter((i) => i.row === 2);
    expect(row.map((i) => [i.field, i.code, i.severity])).toEqual([["所属县区", "county-by-township", "warning"]]);
    expect(row[0].message.zh).toBe(
      "所填县区“方城县”与乡镇、坐标不符：乡镇“郝寨镇”在社旗县（郝寨镇，411327108），坐标也在社旗县（在方城县之外 13.2 km），按社旗县郝寨镇计入；请核对县区",
    );
  });

  it("and the analysis gives 郝寨镇 its centre, not a 无乡镇卫生院", async () => {
    const r = await parse(csv);
    const report = analyze({ ...nanyangInputs(), facilities: r.facilities, listImported: true });
    expect(report.violations.filter((v) => v.unitCode === HAOZHAI)).toEqual([]);
    expect(report.townships.find((t) => t.code === HAOZHAI)?.centres.map((c) => c.name)).toEqual([
      "社旗县郝寨镇卫生院",
    ]);
  });

  it("a township found in neither county leaves the row as before: outside its stated county, said", async () => {
    const r = await parse(`名称,类型,经度,纬度,所属县区,所属乡镇\n某卫生院,乡镇卫生院,${AT},方城县,火星镇\n`);
    expect(r.facilities[0].county).toBe("411322");
    expect(r.issues.some((i) => i.code === "county-by-township")).toBe(false);
    // its warning does not say a unit is for review: no unit was found to be (宣化镇 「按待核计」 in the import)
    const w = r.issues.find((i) => i.code === "outside-stated-county");
    // and says where the point is (the user trial, s50 L2: 「之外 23.4 km」 never named 唐河县)
    expect(w?.message.zh).toBe(
      "“某卫生院”位于所填县区 方城县（411322） 之外 13.2 km（坐标在社旗县（411327））：请核对",
    );
    expect(w?.message.en).toBe(
      '"某卫生院" lies 13.2 km outside its stated county 方城县 (411322) (the point is in 社旗县 (411327)): please check',
    );
    expect(r.rejectedFacilities ?? []).toEqual([]);
  });

  it("a township cell no unit was found for is kept on the facility, in the exports and over a reload (the user trial, s49 #1: 「宣化镇」 was in no export)", async () => {
    const r = await parse(
      `名称,类型,经度,纬度,所属县区,所属乡镇,所属村\n某卫生院,乡镇卫生院,${AT},方城县,火星镇,水星村\n社旗县郝寨镇卫生院,乡镇卫生院,${AT},方城县,郝寨镇,\n`,
    );
    expect(r.facilities.map((f) => [f.township, f.townshipInFile, f.villageInFile])).toEqual([
      [undefined, "火星镇", "水星村"],
      // matched (its county cell taken as the mistake): nothing to keep
      [HAOZHAI, undefined, undefined],
    ]);
    const lines = exportFacilitiesCsv(r.facilities)
      .replace(/^\uFEFF/, "")
      .split("\r\n");
    const head = lines[0].split(",");
    expect([head.indexOf("townshipInFile"), head.indexOf("villageInFile")].every((i) => i > 0)).toBe(true);
    const row = lines[1].split(",");
    expect([row[head.indexOf("townshipInFile")], row[head.indexOf("villageInFile")]]).toEqual(["火星镇", "水星村"]);
    const geo = JSON.parse(exportFacilitiesGeoJSON(r.facilities));
    expect(geo.features[0].properties).toMatchObject({ townshipInFile: "火星镇", villageInFile: "水星村" });
    const back = savedDatasetRoundTrip("nanyang", {
      fileName: "基层.csv",
      importedAt: "2026-12-07",
      facilities: r.facilities,
    });
    expect(back?.facilities[0]).toMatchObject({ townshipInFile: "火星镇", villageInFile: "水星村" });
  });

  it("a row far outside its stated county whose township matched nowhere is no uncoded centre of that county (the re-trial, s49b #5)", async () => {
    const r = await parse(
      `名称,类型,经度,纬度,所属县区,所属乡镇,所属村\n某卫生院,乡镇卫生院,${AT},方城县,火星镇,\n方城县甲村卫生室,村卫生室,113.01249,33.25439,方城县,,411322004200\n`,
    );
    const report = analyze({ ...nanyangInputs(), facilities: r.facilities, listImported: true });
    const check = report.counties.find((c) => c.code === "411322")?.checks.find((k) => k.rule === "THC-PER-TOWNSHIP");
    // every township of 方城县 surely lacks one: none may be the far row's
    expect(check?.unknown).toBeUndefined();
    expect(check?.status).toBe("fail");
  });

  it("a township of the stated county (the point the mistake) is not moved", async () => {
    // 古庄店镇 is 方城县's: the county cell and the township agree, the point lies in 社旗县
    const r = await parse(`名称,类型,经度,纬度,所属县区,所属乡镇\n古庄店镇卫生院,乡镇卫生院,${AT},方城县,古庄店镇\n`);
    expect(r.facilities[0].county).toBe("411322");
    expect(r.issues.some((i) => i.code === "county-by-township")).toBe(false);
    expect(r.rejectedFacilities?.map((x) => x.reason)).toEqual(["outside-stated-county"]);
  });
});

describe("a county cell naming the county by another kind (the user trial, s49 #10: 「登封县」 read as 登封市 silently)", () => {
  it("is read, with a note naming the county it was read as; the county's own name or its short form says nothing", async () => {
    const r = await parse(
      [
        "名称,类型,经度,纬度,所属县区",
        "甲卫生院,乡镇卫生院,112.53,33.01,卧龙县",
        "乙卫生院,乡镇卫生院,112.53,33.01,卧龙区",
        "丙卫生院,乡镇卫生院,112.53,33.01,卧龙",
      ].join("\n"),
    );
    expect(r.facilities.map((f) => f.county)).toEqual(["411303", "411303", "411303"]);
    const notes = r.issues.filter((i) => i.code === "county-name-other-kind");
    expect(notes.map((i) => [i.row, i.field, i.value, i.severity])).toEqual([[2, "所属县区", "卧龙县", "note"]]);
    expect(notes[0].message.zh).toBe(
      "所属县区“卧龙县”按名称对应为卧龙区（411303）：“县”与“区”不同（或为撤县设市、撤县设区前的名称），请核对",
    );
  });
});
