import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { violationsCsv } from "../../../src/core";
import { refusedFacilityRows } from "../../../src/core/io/export";
import { listScopeIssue } from "../../../src/core/io/list-scope";
import type { Facility } from "../../../src/core/model";
import { placeViolations } from "../../../src/core/report/violations";
import { analyze, RuleSetSchema } from "../../../src/core/rules";
import { nanyangInputs } from "../report/nanyang";
import { parseNanyangCsv, savedDatasetRoundTrip } from "./helpers";

// The user trial, s46-a #3: row 142, 「红庙村村卫生室」, 所属乡镇 古庄店镇 (方城县), 所属村 红庙, no county column, lies in
// 社旗县. Its township was refused as 方城县's, then its village name was matched across 社旗县 and credited to
// 社旗县郝寨镇红庙村 (411327108210); 方城县古庄店镇红庙村 (411322112217) read 「无村卫生室」 with no word of the row.
const FANGCHENG = "411322";
const SHEQI = "411327";
const FC_HONGMIAO = "411322112217";
const SQ_HONGMIAO = "411327108210";
// the row's position (WGS84), in 社旗县
const AT = "112.9124544,32.9801505";

function parse(csv: string) {
  return parseNanyangCsv(csv, "基层导出.csv");
}

/** The Nanyang inputs with an imported list: its facilities and the rows it kept for review. */
function analyzeInputs(r: Awaited<ReturnType<typeof parse>>) {
  return {
    ...nanyangInputs(),
    facilities: r.facilities,
    listImported: true,
    ...(r.rejectedFacilities ? { rejectedFacilities: r.rejectedFacilities } : {}),
  };
}

/** The Nanyang inputs analysed with an imported list ({@link analyzeInputs}). */
function analyzeList(r: Awaited<ReturnType<typeof parse>>) {
  return analyze(analyzeInputs(r));
}

const BY_NAME = `名称,类型,经度,纬度,所属乡镇,所属村\n红庙村村卫生室,村卫生室,${AT},古庄店镇,红庙\n`;

describe("a row whose own township is another county's than the one it lies in (the user trial, s46-a #3)", () => {
  it("its village name is not matched where it lies; the note names the county and village it states", async () => {
    const r = await parse(BY_NAME);
    expect(r.facilities).toHaveLength(1);
    // not 社旗县郝寨镇红庙村
    expect(r.facilities[0].village).toBeUndefined();
    expect(r.facilities[0].statedElsewhere).toEqual({
      county: FANGCHENG,
      township: "411322112",
      village: FC_HONGMIAO,
    });
    const notes = r.issues.filter((i) => i.row === 2).map((i) => [i.field, i.code, i.message.zh]);
    expect(notes).toEqual([
      [
        "所属乡镇",
        "unit-name-elsewhere",
        // no county column: the row names no county, it lies in one; how far from the other is said (the user trial,
        // s48 #9: 「不在社旗县……县区或乡镇有误，未使用」 blamed a county the file never gave; 13.2 km is GEOS's distance
        // from the point to 方城县 in an azimuthal equidistant projection centred on it, 13.24 km)
        "“红庙村村卫生室”所填乡镇“古庄店镇”属方城县（古庄店镇，411322112），而坐标在社旗县，距方城县边界 13.2 km：不计入社旗县的乡镇、行政村，方城县的该乡镇及所填行政村按待核计；请核对坐标或乡镇",
      ],
      [
        "所属村",
        "unit-elsewhere",
        "行政村“红庙”未在社旗县按名称对应：本行所填乡镇属方城县古庄店镇，该村应为方城县古庄店镇红庙村民委员会（411322112217），按待核计，不计入社旗县的行政村",
      ],
    ]);
    expect(r.issues.find((i) => i.row === 2 && i.code === "unit-name-elsewhere")?.message.en).toBe(
      `"红庙村村卫生室" gives the township "古庄店镇", which is 方城县's (古庄店镇, 411322112), but lies in 社旗县, 13.2 km outside 方城县: not counted for a township or village of 社旗县, and that township of 方城县 and the village the row gives are for review; check the coordinates or the township`,
    );
    expect(r.rejectedFacilities).toEqual([
      {
        file: "基层导出.csv",
        row: 2,
        name: "红庙村村卫生室",
        type: "village-clinic",
        county: FANGCHENG,
        township: "411322112",
        village: FC_HONGMIAO,
        reason: "unit-elsewhere",
        liesIn: { code: SHEQI, name: "社旗县" },
        // how far outside 方城县 it lies (13.24 km by GEOS, above)
        outsideKm: 13.2,
        // the facility's id, which the row keeps where it lies
        id: r.facilities[0].id,
        // and its point, for the review row to go to (the re-trial, s48 #3)
        at: { lon: 112.9124544, lat: 32.9801505 },
      },
    ]);
    // the row is a facility, exported once (not again as a refused row)
    expect(refusedFacilityRows(r.rejectedFacilities ?? [])).toEqual([]);
  });

  it("the same by code: a 12-digit village code of 方城县 on a row lying in 社旗县", async () => {
    const r = await parse(`名称,类型,经度,纬度,行政村\n红庙村村卫生室,村卫生室,${AT},${FC_HONGMIAO}\n`);
    expect(r.facilities[0].statedElsewhere?.county).toBe(FANGCHENG);
    const note = r.issues.find((i) => i.row === 2 && i.code === "unit-elsewhere");
    expect(note?.field).toBe("行政村");
    expect(note?.message.zh).toBe(
      "“红庙村村卫生室”所填区划代码 411322112217 属方城县，而坐标在社旗县：不计入社旗县的乡镇、行政村，方城县的该单位按待核计；请核对坐标或代码",
    );
    expect(r.rejectedFacilities?.map((x) => [x.row, x.village, x.reason])).toEqual([
      [2, FC_HONGMIAO, "unit-elsewhere"],
    ]);
  });

  // the trial's file has no county column and a 行政区划代码 column: row 142's code 411322112217 gave it 方城县, which
  // it does not lie in (13 km away, in 社旗县): the code is where its units are, not where it lies
  const BY_CODE_COLUMN = `名称,类型,经度,纬度,行政区划代码,所属乡镇,所属村\n红庙村村卫生室,村卫生室,${AT},${FC_HONGMIAO},古庄店镇,红庙\n`;

  it("the same by the division code column: the code's village is for review, not counted there", async () => {
    const r = await parse(BY_CODE_COLUMN);
    expect(r.facilities).toHaveLength(1);
    // counted where it lies (not 方城县 by the code), credited to none of 社旗县's units
    expect(r.facilities[0].county).toBeUndefined();
    expect(r.facilities[0].statedElsewhere).toEqual({
      county: FANGCHENG,
      township: "411322112",
      village: FC_HONGMIAO,
    });
    const notes = r.issues.filter((i) => i.row === 2).map((i) => [i.field, i.code]);
    expect(notes).toContainEqual(["所属村", "unit-elsewhere"]);
    // the township agrees with the code: nothing said of it
    expect(notes.filter(([field]) => field === "所属乡镇")).toEqual([]);
    expect(r.issues.find((i) => i.row === 2 && i.code === "unit-elsewhere")?.message.zh).toBe(
      "行政村“红庙”未在社旗县按名称对应：本行所填乡镇属方城县古庄店镇，该村应为方城县古庄店镇红庙村民委员会（411322112217），按待核计，不计入社旗县的行政村",
    );
    expect(r.rejectedFacilities?.map((x) => [x.row, x.county, x.village, x.reason, x.liesIn?.name])).toEqual([
      [2, FANGCHENG, FC_HONGMIAO, "unit-elsewhere", "社旗县"],
    ]);
    expect(refusedFacilityRows(r.rejectedFacilities ?? [])).toEqual([]);
  });

  it("by the division code column alone, the note is on the code; a village name disagreeing with it is said and the code wins", async () => {
    const alone = await parse(`名称,类型,经度,纬度,行政区划代码\n红庙村村卫生室,村卫生室,${AT},${FC_HONGMIAO}\n`);
    const note = alone.issues.find((i) => i.row === 2 && i.code === "unit-elsewhere");
    expect(note?.field).toBe("行政区划代码");
    expect(note?.message.zh).toBe(
      "“红庙村村卫生室”所填区划代码 411322112217 属方城县，而坐标在社旗县：不计入社旗县的乡镇、行政村，方城县的该单位按待核计；请核对坐标或代码",
    );
    expect(alone.rejectedFacilities?.map((x) => [x.village, x.reason])).toEqual([[FC_HONGMIAO, "unit-elsewhere"]]);
    const other = await parse(
      `名称,类型,经度,纬度,行政区划代码,所属乡镇,所属村\n红庙村村卫生室,村卫生室,${AT},${FC_HONGMIAO},古庄店镇,大马庄\n`,
    );
    const said = other.issues.filter((i) => i.row === 2).map((i) => [i.field, i.code]);
    expect(said).toEqual([
      // (the code's county is 13 km away: said, as before)
      ["行政区划代码", "outside-stated-county"],
      ["所属村", "unit-code-disagrees"],
      ["行政区划代码", "unit-elsewhere"],
    ]);
    expect(other.rejectedFacilities?.map((x) => x.village)).toEqual([FC_HONGMIAO]);
  });

  it("a division code of the county the row lies in is counted there as before", async () => {
    const r = await parse(
      `名称,类型,经度,纬度,行政区划代码,所属乡镇,所属村\n红庙村村卫生室,村卫生室,${AT},${SQ_HONGMIAO},郝寨镇,红庙\n`,
    );
    expect(r.facilities[0].county).toBe(SHEQI);
    expect(r.facilities[0].village).toBe(SQ_HONGMIAO);
    expect(r.facilities[0].statedElsewhere).toBeUndefined();
    expect(r.rejectedFacilities ?? []).toEqual([]);
  });

  it.each([
    ["by name", BY_NAME],
    ["by the division code column", BY_CODE_COLUMN],
  ])("方城县's 红庙村 is for review naming the row; 社旗县's 红庙村 is not credited with it (%s)", async (_, csv) => {
    const r = await parse(csv);
    const all = nanyangInputs();
    const keep = new Set([FANGCHENG, SHEQI]);
    // the sample's clinics of both 红庙村 left out: what the row alone does to them
    const sample = all.facilities.filter(
      (f: Facility) => keep.has(f.county ?? "") && f.village !== FC_HONGMIAO && f.village !== SQ_HONGMIAO,
    );
    const input = {
      ...all,
      counties: { ...all.counties, features: all.counties.features.filter((f) => keep.has(f.properties.code)) },
      facilities: [...sample, ...r.facilities.map((f, i) => ({ ...f, id: `row${i}` }))],
      ...(r.rejectedFacilities ? { rejectedFacilities: r.rejectedFacilities } : {}),
    };
    const report = analyze(input);
    const vc = (code: string) => report.violations.find((v) => v.rule === "VC-PER-VILLAGE" && v.unitCode === code);
    expect(vc(FC_HONGMIAO)?.severity).toBe("review");
    expect(vc(FC_HONGMIAO)?.message.zh).toBe(
      "红庙村民委员会：清单第 2 行“红庙村村卫生室”所填乡镇、行政村即此处，但坐标在社旗县境内（距方城县边界 13.2 km），未计入；待核（请核对坐标或乡镇后重新导入）",
    );
    expect(vc(FC_HONGMIAO)?.message.en).toContain("lies in 社旗县");
    // 社旗县郝寨镇红庙村 has no clinic of its own here: it lacks one (before, the row passed it)
    expect(vc(SQ_HONGMIAO)?.message.zh).toMatch(/^红庙村民委员会：无村卫生室/);
    const check = report.counties.find((c) => c.code === FANGCHENG)?.checks.find((c) => c.rule === "VC-PER-VILLAGE");
    expect(check?.message.zh).toContain("缺的行政村中 1 个由清单中坐标在他县的行（所填乡镇、行政村属本县）指名，待核");
    expect(check?.message.zh).not.toContain("因坐标问题被拒收");
  });

  it("a saved session keeps the row's entry and the facility's stated county", async () => {
    const r = await parse(BY_NAME);
    const back = savedDatasetRoundTrip("nanyang", {
      fileName: "基层导出.csv",
      importedAt: "2026-12-02T06:00:00Z",
      facilities: r.facilities.map((f) => ({ ...f, id: "142" })),
      rejectedFacilities: r.rejectedFacilities,
    });
    expect(back?.rejectedFacilities).toEqual(r.rejectedFacilities);
    expect(back?.facilities[0].statedElsewhere?.county).toBe(FANGCHENG);
  });
});

describe("the review row of a unit named by a row lying elsewhere carries that row's point (the re-trial, s48 #3)", () => {
  it("in the violation, the placed GeoJSON row and the CSV, with the row's number and name", async () => {
    // a 方城县 clinic of the list too, so that 方城县 is in the list's scope and its villages are judged
    const r = await parse(`${BY_NAME}方城县甲村卫生室,村卫生室,113.01249,33.25439,,\n`);
    const all = nanyangInputs();
    const report = analyzeList(r);
    const v = report.violations.find((x) => x.rule === "VC-PER-VILLAGE" && x.unitCode === FC_HONGMIAO);
    expect(v?.severity).toBe("review");
    expect(v?.listRow).toEqual({ row: 2, name: "红庙村村卫生室", lon: 112.9124544, lat: 32.9801505 });
    // no other row carries one
    expect(report.violations.filter((x) => x.listRow !== undefined)).toHaveLength(1);
    const placed = placeViolations({
      violations: report.violations,
      report,
      ruleSet: all.ruleSet,
      counties: all.counties.features,
      divisions: all.divisions,
      facilities: r.facilities,
    });
    const row = placed.find((f) => f.properties.unitCode === FC_HONGMIAO)!;
    expect(row.properties).toMatchObject({
      listRow: 2,
      listRowName: "红庙村村卫生室",
      listRowLon: 112.9124544,
      listRowLat: 32.9801505,
    });
    // the row itself stays at its unit's stand-in, in 方城县: the point the list gives lies in 社旗县
    expect(row.geometry?.coordinates).not.toEqual([112.9124544, 32.9801505]);
    const lines = violationsCsv(placed, "zh").split("\r\n");
    const head = lines[0].replace(/^\uFEFF/, "").split(",");
    const line = lines.find((l) => l.includes(FC_HONGMIAO))!.split(",");
    expect(["所涉清单行", "该行设施", "该行经度", "该行纬度"].map((h) => line[head.indexOf(h)])).toEqual([
      "2",
      "红庙村村卫生室",
      "112.9124544",
      "32.9801505",
    ]);
  });
});

// The user trial, s46-a #4: the list covers 方城县, 内乡县 and 社旗县; row 608, a 内乡县 clinic (余关镇 东孙沟), lies in
// 西峡县, which then counted as a county of the list: judged in full, 283 villages 确缺, 306 violation rows.
describe("a county whose only rows state another county's units is not in the list's scope (the user trial, s46-a #4)", () => {
  const XIXIA = "411323";
  const csv = [
    "名称,类型,经度,纬度,所属乡镇,所属村",
    "方城县某卫生院,乡镇卫生院,113.01249,33.25439,,",
    "内乡县某卫生院,乡镇卫生院,111.84939,33.04486,,",
    "社旗县某卫生院,乡镇卫生院,112.94825,33.05611,,",
    // in 西峡县 (its seat), naming 内乡县余关镇 东孙沟
    "东孙沟村卫生室,村卫生室,111.47353,33.30729,余关镇,东孙沟",
  ].join("\n");

  it("the import's scope warning leaves it out, naming the row and what it states", async () => {
    const r = await parse(csv);
    const { counties } = nanyangInputs();
    const issue = listScopeIssue("基层导出.csv", r.facilities, counties.features, undefined, r.rows);
    expect(issue?.message.zh).toMatch(/^清单中的设施只在 3 个县区（方城县、内乡县、社旗县）；其余 10 个县区/);
    expect(issue?.message.zh).toContain(
      "西峡县只有第 5 行“东孙沟村卫生室”（所填乡镇、行政村属内乡县，411325111215）：不算清单所含的县区，按清单未含处理",
    );
    expect(issue?.message.en).toContain('西峡县 holds only row 5 "东孙沟村卫生室"');
  });

  it("the analysis marks it not in the list (countyInList false, hatched) like the others", async () => {
    const r = await parse(csv);
    const all = nanyangInputs();
    const report = analyzeList(r);
    expect(report.listScope?.covered).toEqual(["411322", "411325", "411327"]);
    expect(report.listScope?.missing).toContain(XIXIA);
    // a row of 西峡县's own (no other county stated) still puts it in the list
    const own = await parse(`${csv}\n西峡县某卫生院,乡镇卫生院,111.47353,33.30729,,`);
    const withOwn = analyze({ ...all, facilities: own.facilities, listImported: true });
    expect(withOwn.listScope?.covered).toContain(XIXIA);
  });

  it("the city row counts it as its counties do, not at all (the user re-trial, s48: the city 0 / 50 clinics, 方城县 0 / 49)", async () => {
    const r = await parse(`${csv}\n方城县甲村卫生室,村卫生室,113.01249,33.25439,,`);
    const report = analyze({ ...nanyangInputs(), facilities: r.facilities, listImported: true });
    expect(report.listScope?.missing).toContain(XIXIA);
    // 方城县's clinic alone: not 东孙沟's, which lies in 西峡县 (not in the list) and counts in no county
    expect(report.city?.checks.find((k) => k.rule === "VC-PUBLIC-SHARE")).toMatchObject({ total: 1 });
  });

  it("the same where the row's code is in the division code column (the trial's file: row 608, 411325111215)", async () => {
    const byCode = [
      "名称,类型,经度,纬度,行政区划代码,所属乡镇,所属村",
      "方城县某卫生院,乡镇卫生院,113.01249,33.25439,,,",
      "内乡县某卫生院,乡镇卫生院,111.84939,33.04486,,,",
      "社旗县某卫生院,乡镇卫生院,112.94825,33.05611,,,",
      "东孙沟村卫生室,村卫生室,111.47353,33.30729,411325111215,余关镇,东孙沟",
    ].join("\n");
    const r = await parse(byCode);
    const all = nanyangInputs();
    const issue = listScopeIssue("基层导出.csv", r.facilities, all.counties.features, undefined, r.rows);
    expect(issue?.message.zh).toContain("西峡县只有第 5 行“东孙沟村卫生室”（所填乡镇、行政村属内乡县，411325111215）");
    const report = analyze({
      ...all,
      facilities: r.facilities,
      listImported: true,
      ...(r.rejectedFacilities ? { rejectedFacilities: r.rejectedFacilities } : {}),
    });
    expect(report.listScope?.covered).toEqual(["411322", "411325", "411327"]);
    expect(report.listScope?.missing).toContain(XIXIA);
    // 内乡县's 东孙沟村 is for review naming the row, not counted from 西峡县
    const v = report.violations.find((x) => x.rule === "VC-PER-VILLAGE" && x.unitCode === "411325111215");
    expect(v?.severity).toBe("review");
    expect(v?.message.zh).toContain(
      // (15.6 km: GEOS's distance from the point to 内乡县, in a projection centred on it, is 15.65 km)
      "清单第 5 行“东孙沟村卫生室”所填乡镇、行政村即此处，但坐标在西峡县境内（距内乡县边界 15.6 km），未计入；待核",
    );
  });
});

describe("a health centre's row lying in another county, named in its township's village rows (the re-trial, s49b #4)", () => {
  it("is said to lie in another county, not to have been refused for its coordinates", async () => {
    const r = await parse(
      `名称,类型,经度,纬度,所属乡镇,所属村\n古庄店镇卫生院,乡镇卫生院,${AT},古庄店镇,\n方城县甲村卫生室,村卫生室,113.01249,33.25439,,411322004200\n`,
    );
    expect(r.rejectedFacilities?.map((x) => [x.row, x.reason, x.township])).toEqual([
      [2, "unit-elsewhere", "411322112"],
    ]);
    // under the comparison set, whose VC-PER-VILLAGE exempts a THC's own village (004:437, 002:193)
    const all = RuleSetSchema.parse(JSON.parse(readFileSync("seeds/ruleset-all.json", "utf8")));
    const report = analyze({ ...analyzeInputs(r), ruleSet: all });
    const v = report.violations.find(
      (x) =>
        x.rule === "VC-PER-VILLAGE" && x.unitCode?.startsWith("411322112") && x.message.zh.includes("未填行政村代码"),
    );
    expect(v?.message.zh).toContain("含第 2 行坐标在他县、未计入");
    expect(v?.message.zh).not.toContain("拒收");
    expect(v?.message.en).toContain("row 2 lying in another county, not counted among them");
  });
});
