import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseFacilityFile } from "../../../src/core/io/facilities";
import { parseSavedSession } from "../../../src/core/io/project";
import type { Facility, RejectedFacility } from "../../../src/core/model";
import { analyze, RuleSetSchema } from "../../../src/core/rules";
import { type CityCase, nanyangInputs, ROOT } from "../report/nanyang";

// The reviewer trial: 镇平县's list had 「彭营镇卫生院」 (所属乡镇 彭营镇) on row 23 with empty 经度/纬度; the row was refused
// and THC-PER-TOWNSHIP read 「彭营镇：无乡镇卫生院…」 as an error, with no word of the row.
const ZHENPING = "411324";
const PENGYING = "411324115";
const PENGYING_THC = "nanyang-thc-411324115";
// 梁洼村 has one clinic in the sample: refused the same way, VC-PER-VILLAGE must say so too
const LIANGWA = "411324115201";
const LIANGWA_VC = "nanyang-vc-411324115201";

function zhenping(drop: readonly string[]) {
  const all = nanyangInputs();
  return {
    ...all,
    counties: { ...all.counties, features: all.counties.features.filter((f) => f.properties.code === ZHENPING) },
    facilities: all.facilities.filter((f: Facility) => f.county === ZHENPING && !drop.includes(f.id)),
  };
}

const refused: RejectedFacility[] = [
  { file: "镇平县.csv", row: 23, name: "彭营镇卫生院", type: "thc", township: PENGYING, reason: "missing-coordinate" },
  {
    file: "镇平县.csv",
    row: 40,
    name: "梁洼村卫生室",
    type: "village-clinic",
    township: PENGYING,
    village: LIANGWA,
    reason: "missing-coordinate",
  },
];

describe("a unit whose facility is in a row refused for its coordinates", () => {
  it("is an error without the refused rows (the control), a review naming the row with them", () => {
    const input = zhenping([PENGYING_THC, LIANGWA_VC]);
    const before = analyze(input);
    const thcBefore = before.violations.find((v) => v.rule === "THC-PER-TOWNSHIP" && v.unitCode === PENGYING);
    expect(thcBefore?.severity).toBe("error");

    const after = analyze({ ...input, rejectedFacilities: refused });
    const thc = after.violations.find((v) => v.rule === "THC-PER-TOWNSHIP" && v.unitCode === PENGYING);
    expect(thc?.severity).toBe("review");
    expect(thc?.message.zh).toBe("彭营镇：清单第 23 行“彭营镇卫生院”因缺坐标被拒收，未计入；请补坐标后重新导入");
    expect(thc?.message.en).toContain('row 23 ("彭营镇卫生院")');
    expect(thc?.message.en).toContain("missing coordinates");
    const check = after.counties.find((c) => c.code === ZHENPING)?.checks.find((c) => c.rule === "THC-PER-TOWNSHIP");
    // the only township lacking one: the check is for review, not failing
    expect(check?.status).toBe("review");
    expect(check?.message.zh).toContain("被拒收");

    expect(before.violations.find((v) => v.rule === "VC-PER-VILLAGE" && v.unitCode === LIANGWA)?.severity).toBe(
      "error",
    );
    const vc = after.violations.find((v) => v.rule === "VC-PER-VILLAGE" && v.unitCode === LIANGWA);
    expect(vc?.severity).toBe("review");
    expect(vc?.message.zh).toContain("第 40 行“梁洼村卫生室”");

    // the township table's row says so too, where it read 无 (the re-trial, s43): the centre's row, not the clinic's
    const row = (r: typeof after) => r.townships.find((t) => t.code === PENGYING);
    expect(row(before)?.refusedCentres).toBeUndefined();
    expect(row(after)?.centres).toEqual([]);
    expect(row(after)?.refusedCentres).toEqual([{ file: "镇平县.csv", row: 23, name: "彭营镇卫生院" }]);
    expect(after.townships.filter((t) => t.refusedCentres)).toHaveLength(1);
  });

  it("counts only rows of a type the rule counts, in the unit they name", () => {
    const input = zhenping([PENGYING_THC]);
    const wrongType = analyze({ ...input, rejectedFacilities: [{ ...refused[0], type: "village-clinic" }] });
    expect(wrongType.violations.find((v) => v.rule === "THC-PER-TOWNSHIP" && v.unitCode === PENGYING)?.severity).toBe(
      "error",
    );
    const elsewhere = analyze({ ...input, rejectedFacilities: [{ ...refused[0], township: "411324100" }] });
    expect(elsewhere.violations.find((v) => v.rule === "THC-PER-TOWNSHIP" && v.unitCode === PENGYING)?.severity).toBe(
      "error",
    );
  });
});

describe("the review report counts the villages of refused rows as the check does (the trial, s46-a #1)", () => {
  it("says 「至少 N 个确缺」 with the check's N, the refused rows' villages for review, uncoded clinics or not", async () => {
    const { checkFigures } = await import("../../../src/core/report/review");
    const sure = (text: string) => text.match(/(\d+) 个确缺/)?.[1];
    const input = zhenping([LIANGWA_VC]);
    const rule = input.ruleSet.rules.find((r) => r.id === "VC-PER-VILLAGE");
    // a clinic with no village code anywhere in the county: it may stand in one lacking village
    const uncoded = { ...input.facilities.find((f: Facility) => f.id === LIANGWA_VC.replace("201", "202"))! };
    for (const extra of [[], [{ ...uncoded, id: "uncoded-vc", village: undefined, township: undefined }]]) {
      const r = analyze({ ...input, facilities: [...input.facilities, ...extra], rejectedFacilities: refused });
      const check = r.counties.find((c) => c.code === ZHENPING)?.checks.find((c) => c.rule === "VC-PER-VILLAGE");
      expect(check?.refused).toBe(1);
      const figure = checkFigures(check!, rule).measured;
      expect(figure).toContain("其中 1 个的设施在清单中因坐标被拒收（待核）");
      // the check's own 「至少 N 个确缺」 where it says one (an uncoded clinic), else the lacking less the refused one
      expect(sure(figure)).toBe(sure(check!.message.zh) ?? String((check!.measured ?? 0) - 1));
      if (extra.length > 0) expect(check!.message.zh).toContain(`至少 ${sure(figure)} 个确缺`);
    }
  });
});

describe("parseFacilityFile keeps the rows refused for their position", () => {
  const csv = [
    "名称,类型,经度,纬度,所属乡镇,行政村",
    "遮山镇卫生院,乡镇卫生院,112.2,33.0,411324108,",
    "彭营镇卫生院,乡镇卫生院,,,彭营镇,",
    "梁洼村卫生室,村卫生室,abc,33.1,彭营镇,梁洼村",
    "某某村卫生室,村卫生室,,,,",
    "火星,,,,彭营镇,",
  ].join("\n");

  it("with the township and village their names give in the city's list, and why", async () => {
    const r = await parseFacilityFile(new TextEncoder().encode(csv), "镇平县.csv", {
      divisions: nanyangInputs().divisions,
    });
    expect(r.rejectedRows).toBe(4);
    expect(r.rejectedFacilities).toEqual([
      {
        file: "镇平县.csv",
        row: 3,
        name: "彭营镇卫生院",
        type: "thc",
        township: PENGYING,
        reason: "missing-coordinate",
      },
      {
        file: "镇平县.csv",
        row: 4,
        name: "梁洼村卫生室",
        type: "village-clinic",
        township: PENGYING,
        village: LIANGWA,
        reason: "not-a-number",
      },
      // a row naming no unit is kept too (it counts nowhere); a row whose type cannot be told is not
      { file: "镇平县.csv", row: 5, name: "某某村卫生室", type: "village-clinic", reason: "missing-coordinate" },
    ]);
  });

  it("and the analysis reads them: 彭营镇 is for review, naming row 3", async () => {
    const r = await parseFacilityFile(new TextEncoder().encode(csv), "镇平县.csv", {
      divisions: nanyangInputs().divisions,
    });
    const report = analyze({ ...zhenping([PENGYING_THC]), rejectedFacilities: r.rejectedFacilities });
    const v = report.violations.find((x) => x.rule === "THC-PER-TOWNSHIP" && x.unitCode === PENGYING);
    expect(v?.severity).toBe("review");
    expect(v?.message.zh).toContain("清单第 3 行“彭营镇卫生院”因缺坐标被拒收");
  });
});

describe("the app keeps the refused rows with the imported list", () => {
  it("over a reload: the saved session reads them back (they reach the analysis with the list)", () => {
    const saved = {
      cityId: "nanyang",
      ruleSetId: "",
      params: {},
      datasets: {
        nanyang: {
          fileName: "镇平县.csv",
          importedAt: "2026-12-02T06:00:00Z",
          facilities: zhenping([PENGYING_THC]).facilities,
          rejectedFacilities: refused,
        },
      },
      proposed: {},
      population: {},
    };
    const back = parseSavedSession(JSON.parse(JSON.stringify(saved)));
    expect(back.ok).toBe(true);
    if (back.ok) expect(back.state.datasets.nanyang?.rejectedFacilities).toEqual(refused);
  });
});

describe("004:437: a village in a township whose centre's row was refused may host that centre (the reviewer trial, s45 #2)", () => {
  const JINGAN = "360925";
  const SHUANGXI = "360925100";
  const THC = "yichun-thc-360925100";
  const VILLAGE = "360925100200";
  function jingan(drop: readonly string[]) {
    const read = <T>(p: string) => JSON.parse(readFileSync(join(ROOT, p), "utf8")) as T;
    const counties = read<CityCase["counties"]>("geodata/counties-yichun.geojson");
    const scenario = read<{ features: Array<{ properties: Facility; geometry: { coordinates: number[] } }> }>(
      "geodata/scenario-yichun.geojson",
    );
    return {
      ruleSet: RuleSetSchema.parse(read("seeds/ruleset-yichun.json")),
      counties: { ...counties, features: counties.features.filter((f) => f.properties.code === JINGAN) },
      divisions: read<CityCase["divisions"]>("geodata/divisions-yichun.json"),
      facilities: scenario.features
        .map((f) => ({ ...f.properties, lon: f.geometry.coordinates[0], lat: f.geometry.coordinates[1] }))
        .filter((f) => f.county === JINGAN && !drop.includes(f.id)),
    };
  }
  const row: RejectedFacility = {
    file: "靖安县.xlsx",
    row: 15,
    name: "双溪镇卫生院",
    type: "thc",
    township: SHUANGXI,
    reason: "missing-coordinate",
  };
  const village = (r: ReturnType<typeof analyze>) =>
    r.violations.find((v) => v.rule === "VC-PER-VILLAGE" && v.unitCode === VILLAGE);

  it("is surely lacking with no centre listed (the control), for review naming the refused row, with 004's 800-person condition", () => {
    const clinics = jingan([])
      .facilities.filter((f) => f.village === VILLAGE)
      .map((f) => f.id);
    const input = jingan([THC, ...clinics]);
    expect(village(analyze(input))?.severity).toBe("error");
    const v = village(analyze({ ...input, rejectedFacilities: [row] }));
    expect(v?.severity).toBe("review");
    expect(v?.message.zh).toContain("含第 15 行因坐标被拒收");
    expect(v?.message.zh).toContain("本村可能即其所在村而免设（所在村不足 800 人时免设），待核");
    expect(v?.message.en).toContain("row 15 refused for its coordinates among them");
    expect(v?.message.en).toContain("exempt if under 800 people");
  });
});
