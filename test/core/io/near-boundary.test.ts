import { describe, expect, it } from "vitest";
import { parseNanyangCsv } from "./helpers";

// The user re-trial, s48 #1: 古庄店镇卫生院, its 乡镇 cell right, no county column, lay 0.6 km outside 方城县 (on its 叶县
// side, outside 南阳): counted in no county, its township name unmatched (「所在县区不明……未使用」) beside 「……仍按所填计数」,
// and 古庄店镇 read 「无乡镇卫生院」 as a 违规. A point that close is one the approximate boundaries miss.
const FANGCHENG = "411322";
// 0.31 km outside 方城县 and outside every county of 南阳 (3.9 km from the next): GEOS's distance in an azimuthal
// equidistant projection centred on the point, 0.311 km
const NEAR = "113.244518,33.074091";
// farther out on the same side, 5.81 km from 南阳 (GEOS, as above): not a point the boundaries miss
const FAR = "113.2445,33.0141";

function parse(csv: string) {
  return parseNanyangCsv(csv, "方城县.csv");
}

describe("a row with no county just outside the boundaries is the nearest county's (the user re-trial, s48 #1)", () => {
  it("within 2 km: counted in 方城县, its township matched there, said with the distance", async () => {
    const r = await parse(`名称,类型,经度,纬度,所属乡镇\n古庄店镇卫生院,乡镇卫生院,${NEAR},古庄店镇\n`);
    expect(r.facilities.map((f) => [f.county, f.township])).toEqual([[FANGCHENG, "411322112"]]);
    const row = r.issues.filter((i) => i.row === 2);
    expect(row.map((i) => i.code)).toEqual(["near-boundary"]);
    expect(row[0].message.zh).toBe(
      "“古庄店镇卫生院”位于已加载的县区边界之外 0.3 km，最近的是方城县（411322）：边界数据为近似，按方城县计入；请核对坐标",
    );
    expect(row[0].message.en).toContain("counted in 方城县");
  });

  it("farther: outside every county as before", async () => {
    const r = await parse(`名称,类型,经度,纬度,所属乡镇\n古庄店镇卫生院,乡镇卫生院,${FAR},古庄店镇\n`);
    expect(r.facilities[0].county).toBeUndefined();
    expect(r.issues.filter((i) => i.row === 2).map((i) => i.code)).toContain("outside-boundaries");
    expect(r.issues.some((i) => i.code === "near-boundary")).toBe(false);
  });

  it("a row whose county is given is left to the stated-county check", async () => {
    const r = await parse(`名称,类型,经度,纬度,所属县区,所属乡镇\n古庄店镇卫生院,乡镇卫生院,${NEAR},方城县,古庄店镇\n`);
    expect(r.facilities[0].county).toBe(FANGCHENG);
    expect(r.issues.some((i) => i.code === "near-boundary")).toBe(false);
  });
});
