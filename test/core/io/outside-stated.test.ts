import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon } from "geojson";
import { describe, expect, it } from "vitest";
import { refusedFacilityRows } from "../../../src/core/io/export";
import { parseFacilityFile } from "../../../src/core/io/facilities";
import type { CountyProps, Facility, RejectedFacility } from "../../../src/core/model";
import { checkFigures } from "../../../src/core/report/review";
import { analyze, type Divisions, RuleSetSchema } from "../../../src/core/rules";
import { townshipRows } from "../../../src/core/rules/townships";
import { nanyangInputs, ROOT } from "../report/nanyang";
import { savedDatasetRoundTrip } from "./helpers";

// The user re-trial: 平顶山市鲁山县's 瓦屋镇卫生院, its row stating 鲁山县 and 瓦屋镇, placed at 112.43, 33.47 (in 南阳市南召县,
// outside the loaded city). The import warned 「位于所填县区 鲁山县（410423） 之外 15.9 km：请核对」, but the centre still
// counted for 瓦屋镇: THC-PER-TOWNSHIP passed it, and the reviewer saw 瓦屋镇 as having its centre.
const LUSHAN = "410423";
const WAWU = "410423106";
const WAWU_VILLAGE = "410423106201";
const json = <T>(path: string) => JSON.parse(readFileSync(join(ROOT, path), "utf8")) as T;
const counties = json<FeatureCollection<Polygon | MultiPolygon, CountyProps>>("geodata/counties-pingdingshan.geojson");
const divisions = json<Divisions>("geodata/divisions-pingdingshan.json");
const ruleSet = RuleSetSchema.parse(json("seeds/ruleset-pingdingshan.json"));
const sample = json<FeatureCollection<Point, Facility>>("geodata/scenario-pingdingshan.geojson").features.map(
  (f: Feature<Point, Facility>) => ({
    ...f.properties,
    lon: f.geometry.coordinates[0],
    lat: f.geometry.coordinates[1],
  }),
);
const enc = (s: string) => new TextEncoder().encode(s);

async function parse(csv: string) {
  return parseFacilityFile(enc(csv), "鲁山县.csv", {
    counties: counties.features.map((f) => ({ code: f.properties.code, name: f.properties.name })),
    boundaries: counties,
    divisions,
  });
}

// row 2 a centre inside its township as listed, row 3 瓦屋镇卫生院 moved into 南召县, row 4 a clinic of 瓦屋村 moved too
const HEADER = "名称,类型,经度,纬度,所属县区,所属乡镇,所属村";
const OWN = "尧山镇卫生院,乡镇卫生院,112.716395,33.77266,鲁山县,尧山镇,";
const MOVED = "瓦屋镇卫生院,乡镇卫生院,112.43,33.47,鲁山县,瓦屋镇,";
const CLINIC = "瓦屋村卫生室,村卫生室,112.43,33.47,410423,瓦屋镇,瓦屋";
const CSV = [HEADER, OWN, MOVED, CLINIC].join("\n");

/** 鲁山县's sample facilities, less those of 瓦屋镇, with the list's rows. */
function input(facilities: Facility[], rejected: RejectedFacility[] | undefined) {
  const own = sample.filter((f) => f.county === LUSHAN && !(f.township ?? "").startsWith(WAWU) && f.id.includes("thc"));
  return {
    ruleSet,
    counties: { ...counties, features: counties.features.filter((f) => f.properties.code === LUSHAN) },
    divisions,
    facilities: [
      ...own.filter((f) => !facilities.some((g) => g.name === f.name)),
      ...sample.filter(
        (f) => f.county === LUSHAN && f.type === "village-clinic" && !(f.village ?? "").startsWith(WAWU),
      ),
      ...facilities.map((f, i) => ({ ...f, id: `row${i}` })),
    ],
    ...(rejected ? { rejectedFacilities: rejected } : {}),
  };
}

describe("a row kept more than 2 km outside the county it states (the user re-trial: 瓦屋镇卫生院 in 南召县)", () => {
  it("its warning says its township is not counted but for review; the row is kept, for review in the unit checks", async () => {
    const r = await parse(CSV);
    expect(r.facilities.map((f) => f.name)).toEqual(["尧山镇卫生院", "瓦屋镇卫生院", "瓦屋村卫生室"]);
    const moved = r.facilities[1];
    // still a facility where it lies, of its stated county, with its township
    expect([moved.county, moved.township, moved.lon, moved.lat]).toEqual([LUSHAN, WAWU, 112.43, 33.47]);
    expect(moved.outsideStatedKm).toBeCloseTo(15.9, 1);
    expect(r.facilities[0].outsideStatedKm).toBeUndefined();
    const warning = r.issues.find((i) => i.row === 3 && i.code === "outside-stated-county");
    expect(warning?.severity).toBe("warning");
    expect(warning?.message.zh).toBe(
      "“瓦屋镇卫生院”位于所填县区 鲁山县（410423） 之外 15.9 km：不计入所填乡镇、行政村，该单位按待核计；请核对坐标或乡镇",
    );
    expect(warning?.message.en).toBe(
      '"瓦屋镇卫生院" lies 15.9 km outside its stated county 鲁山县 (410423): not counted for the township or village it names, which is for review; check the coordinates or the township',
    );
    expect(r.rejectedFacilities).toEqual([
      {
        file: "鲁山县.csv",
        row: 3,
        name: "瓦屋镇卫生院",
        type: "thc",
        county: LUSHAN,
        township: WAWU,
        reason: "outside-stated-county",
        outsideKm: 15.9,
        at: { lon: 112.43, lat: 33.47 },
        id: moved.id,
      },
      {
        file: "鲁山县.csv",
        row: 4,
        name: "瓦屋村卫生室",
        type: "village-clinic",
        county: LUSHAN,
        township: WAWU,
        village: WAWU_VILLAGE,
        reason: "outside-stated-county",
        outsideKm: 15.9,
        at: { lon: 112.43, lat: 33.47 },
        id: r.facilities[2].id,
      },
    ]);
    // the rows are facilities, exported once (not again as refused rows)
    expect(refusedFacilityRows(r.rejectedFacilities ?? [])).toEqual([]);
  });

  it("瓦屋镇 and 瓦屋村 are for review naming the row and the distance, not counted, and not among those surely lacking", async () => {
    const r = await parse(CSV);
    const report = analyze(input(r.facilities, r.rejectedFacilities));
    const v = (rule: string, code: string) => report.violations.find((x) => x.rule === rule && x.unitCode === code);
    const thc = v("THC-PER-TOWNSHIP", WAWU);
    expect(thc?.severity).toBe("review");
    expect(thc?.message.zh).toBe(
      "瓦屋镇：清单第 3 行“瓦屋镇卫生院”所填乡镇即此处，但坐标在所填县区鲁山县之外 15.9 km，未计入；待核（请核对坐标或乡镇后重新导入）",
    );
    expect(thc?.message.en).toBe(
      '瓦屋镇: row 3 ("瓦屋镇卫生院") of the list names this township but lies 15.9 km outside its stated county 鲁山县; not counted, for review (check the coordinates or the township and import the list again)',
    );
    // a row inside its county counts as before
    expect(v("THC-PER-TOWNSHIP", "410423105")).toBeUndefined();
    const check = report.counties.find((c) => c.code === LUSHAN)?.checks.find((c) => c.rule === "THC-PER-TOWNSHIP");
    expect(check?.refused).toBe(1);
    expect(check?.notCounted).toBe(1);
    expect(check?.message.zh).toContain(
      "缺的乡镇中 1 个由清单中坐标在所填县区之外的行（所填乡镇属本县）指名，未计入，待核",
    );
    expect(check?.message.zh).not.toContain("因坐标问题被拒收");
    expect(check?.message.en).toContain("named by a row of the list that lies outside its stated county");
    // the review report: for review, not lacking
    const rule = ruleSet.rules.find((x) => x.id === "THC-PER-TOWNSHIP");
    const figure = check ? checkFigures(check, rule).measured : "";
    expect(figure).toContain("其中 1 个的设施在清单中但坐标不在本县，未计入（待核）");
    expect(figure).not.toContain("确缺");
    // the county's township table: 瓦屋镇 has no centre counted, its row for review, not refused
    const rows = townshipRows({
      county: counties.features.find((f) => f.properties.code === LUSHAN)?.properties as CountyProps,
      facilities: input(r.facilities, undefined).facilities,
      divisions: divisions.counties.find((c) => c.code === LUSHAN) as Divisions["counties"][number],
      unitPopulation: new Map(),
      villagePoints: new Map(),
      ems: { radii: [], points: [] },
      ...(r.rejectedFacilities ? { rejected: r.rejectedFacilities } : {}),
    });
    const wawu = rows.find((t) => t.code === WAWU);
    expect(wawu?.centres).toEqual([]);
    expect(wawu?.refusedCentres).toEqual([{ file: "鲁山县.csv", row: 3, name: "瓦屋镇卫生院", notCounted: true }]);
  });

  it("a row within 2 km of its county (boundary generalisation) counts as before", async () => {
    // 瓦屋镇卫生院 where the sample has it, inside 鲁山县
    const r = await parse([HEADER, OWN, "瓦屋镇卫生院,乡镇卫生院,112.508988,33.762678,鲁山县,瓦屋镇,"].join("\n"));
    expect(r.facilities[1].outsideStatedKm).toBeUndefined();
    expect(r.rejectedFacilities ?? []).toEqual([]);
    const report = analyze(input(r.facilities, r.rejectedFacilities));
    expect(report.violations.find((x) => x.rule === "THC-PER-TOWNSHIP" && x.unitCode === WAWU)).toBeUndefined();
  });

  it("a saved session keeps the facility's distance and the row's entry", async () => {
    const r = await parse(CSV);
    const back = savedDatasetRoundTrip("pingdingshan", {
      fileName: "鲁山县.csv",
      importedAt: "2026-12-07T00:00:00Z",
      facilities: r.facilities,
      rejectedFacilities: r.rejectedFacilities,
    });
    expect(back?.rejectedFacilities).toEqual(r.rejectedFacilities);
    expect(back?.facilities[1].outsideStatedKm).toBe(r.facilities[1].outsideStatedKm);
  });
});

// 南阳 plans a clinic in every administrative village (VC-PER-VILLAGE): a 方城县 clinic whose row states 方城县 古庄店镇
// 红庙, placed in 社旗县 13 km outside 方城县 (the trial's row 142, given a county column)
describe("a village clinic kept outside the county it states (VC-PER-VILLAGE)", () => {
  const FANGCHENG = "411322";
  const FC_HONGMIAO = "411322112217";
  const ROW =
    "名称,类型,经度,纬度,所属县区,所属乡镇,所属村\n红庙村村卫生室,村卫生室,112.9124544,32.9801505,方城县,古庄店镇,红庙\n";

  it("its village is for review naming the row and the distance, not counted", async () => {
    const all = nanyangInputs();
    const r = await parseFacilityFile(enc(ROW), "方城县.csv", {
      counties: all.counties.features.map((f) => ({ code: f.properties.code, name: f.properties.name })),
      boundaries: all.counties,
      divisions: all.divisions,
    });
    const f = r.facilities[0];
    expect([f.county, f.village, f.statedElsewhere]).toEqual([FANGCHENG, FC_HONGMIAO, undefined]);
    const km = f.outsideStatedKm as number;
    expect(km).toBeGreaterThan(2);
    expect(r.rejectedFacilities?.map((x) => [x.row, x.village, x.reason, x.outsideKm])).toEqual([
      [2, FC_HONGMIAO, "outside-stated-county", km],
    ]);
    const report = analyze({
      ...all,
      counties: { ...all.counties, features: all.counties.features.filter((c) => c.properties.code === FANGCHENG) },
      facilities: [
        ...all.facilities.filter((x: Facility) => x.county === FANGCHENG && x.village !== FC_HONGMIAO),
        { ...f, id: "row2" },
      ],
      ...(r.rejectedFacilities ? { rejectedFacilities: r.rejectedFacilities } : {}),
    });
    const vc = report.violations.find((x) => x.rule === "VC-PER-VILLAGE" && x.unitCode === FC_HONGMIAO);
    expect(vc?.severity).toBe("review");
    expect(vc?.message.zh).toBe(
      `红庙村民委员会：清单第 2 行“红庙村村卫生室”所填行政村即此处，但坐标在所填县区方城县之外 ${km.toFixed(1)} km，未计入；待核（请核对坐标或行政村后重新导入）`,
    );
    expect(vc?.message.en).toContain(
      `lies ${km.toFixed(1)} km outside its stated county 方城县; not counted, for review`,
    );
  });
});
