import { describe, expect, it } from "vitest";
import { placeViolations } from "../../../src/core";
import { analyze } from "../../../src/core/rules";
import { nanyangInputs } from "../report/nanyang";
import { parseNanyangCsv, savedDatasetRoundTrip } from "./helpers";

// The user trial, s52 #1: 会泽县's 上村乡卫生院, its 乡镇 cell right and no county column, lay in 昆明市东川区, outside
// every loaded county. The import promised 「所填乡镇…仍按所填计数」, then said of the same cell 「所在县区不明…无法按名称
// 匹配，未使用」, and 上村乡 read 「无乡镇卫生院」 as a 违规, naming nothing. Here 方城县's 古庄店镇卫生院, 5.8 km outside
// 南阳 (past the 2 km a near-boundary row is the nearest county's): by code or by name, its township is for review,
// naming the row with how far outside 方城县 it lies, and every message says so.
const GUZHUANGDIAN = "411322112";
const FAR = "113.2445,33.0141";

async function verdict(cell: string) {
  const r = await parseNanyangCsv(
    `名称,类型,经度,纬度,所属乡镇\n古庄店镇卫生院,乡镇卫生院,${FAR},${cell}\n`,
    "方城县.csv",
  );
  const inputs = nanyangInputs();
  // the sample's own facilities of 古庄店镇 left out: the row is its only one, and its villages have no clinic
  const own = inputs.facilities.filter((f) => !(f.township ?? f.village ?? "").startsWith(GUZHUANGDIAN));
  const report = analyze({
    ...inputs,
    facilities: [...own, ...r.facilities.map((f, i) => ({ ...f, id: `row${i}` }))],
    rejectedFacilities: r.rejectedFacilities ?? [],
  });
  const v = report.violations.filter((x) => x.rule === "THC-PER-TOWNSHIP" && x.unitCode === GUZHUANGDIAN);
  const facilities = [...own, ...r.facilities.map((f, i) => ({ ...f, id: `row${i}` }))];
  const placed = placeViolations({
    violations: report.violations,
    ruleSet: inputs.ruleSet,
    counties: inputs.counties.features,
    divisions: inputs.divisions,
    facilities,
  });
  return { r, v, placed };
}

describe("a row in none of the loaded counties whose township is one of theirs (the user trial, s52 #1)", () => {
  for (const cell of [GUZHUANGDIAN, "古庄店镇"])
    it(`its township (${cell}) is for review naming the row, not 「无乡镇卫生院」, and its warnings agree`, async () => {
      const { r, v, placed: all } = await verdict(cell);
      const placed = () => all;
      const f = r.facilities[0];
      expect(f.county).toBeUndefined();
      expect(f.township).toBe(GUZHUANGDIAN);
      expect(f.outsideStatedKm).toBeGreaterThan(2);
      expect(r.rejectedFacilities?.map((x) => [x.row, x.reason, x.township, x.countyFromUnit])).toEqual([
        [2, "outside-stated-county", GUZHUANGDIAN, true],
      ]);
      const row = r.issues.filter((i) => i.row === 2);
      const outside = row.find((i) => i.code === "outside-boundaries");
      expect(outside?.message.zh).toContain("所填乡镇、行政村属本市的不计入，该单位按待核计");
      // nothing on the row says the cell was not used, or that it counts
      expect(row.map((i) => i.message.zh).join("\n")).not.toMatch(/未使用|仍按所填计数/);
      if (cell !== GUZHUANGDIAN)
        expect(row.find((i) => i.code === "township-outside")?.message.zh).toBe(
          `乡镇“古庄店镇”按名称在本市名录中只对应方城县古庄店镇（${GUZHUANGDIAN}）；本行坐标在方城县之外 ${f.outsideStatedKm?.toFixed(1)} km，不计入古庄店镇，古庄店镇按待核计；请核对坐标`,
        );
      expect(v.map((x) => x.severity)).toEqual(["review"]);
      expect(v[0].message.zh).toBe(
        `古庄店镇：清单第 2 行“古庄店镇卫生院”所填乡镇即此处，但坐标在方城县之外 ${f.outsideStatedKm?.toFixed(1)} km，未计入；待核（请核对坐标或乡镇后重新导入）`,
      );
      // the township's villages are not drawn at the row, 5.8 km outside the county (the trial's were 17 km away)
      const villages = placed().filter(
        (p) => p.properties.rule === "VC-PER-VILLAGE" && p.properties.unitCode?.startsWith(GUZHUANGDIAN),
      );
      expect(villages.length).toBeGreaterThan(0);
      for (const p of villages) expect(p.geometry?.coordinates).not.toEqual([f.lon, f.lat]);
      // and a saved session keeps it so
      const back = savedDatasetRoundTrip("nanyang", {
        fileName: "方城县.csv",
        importedAt: "2026-12-07T00:00:00Z",
        facilities: r.facilities,
        rejectedFacilities: r.rejectedFacilities,
      });
      expect(back?.rejectedFacilities?.[0].countyFromUnit).toBe(true);
    });

  it("a name two counties have is said with both and not used", async () => {
    // 城关镇 is in several of 南阳's counties
    const r = await parseNanyangCsv(`名称,类型,经度,纬度,所属乡镇\n某卫生院,乡镇卫生院,${FAR},城关镇\n`, "x.csv");
    expect(r.facilities[0].township).toBeUndefined();
    const w = r.issues.find((i) => i.row === 2 && i.code === "ambiguous-unit-name");
    expect(w?.message.zh).toMatch(
      /^“某卫生院”的坐标不在已加载的县区内，所填乡镇“城关镇”在本市有 \d+ 个（.*县城关镇、.*），无法确定，未使用：请填县区或统计代码$/,
    );
  });

  it("a county cell the tool cannot read keeps the row's township unmatched, as before", async () => {
    const r = await parseNanyangCsv(
      `名称,类型,经度,纬度,所属县区,所属乡镇\n某卫生院,乡镇卫生院,${FAR},嵩县,古庄店镇\n`,
      "x.csv",
    );
    expect(r.facilities[0].township).toBeUndefined();
    expect(r.issues.some((i) => i.code === "township-outside")).toBe(false);
  });
});
