import { describe, expect, it } from "vitest";
import { guessColumns, parseFacilityFile } from "../../../src/core/io";
import { analyze } from "../../../src/core/rules";
import { check, counties, direct, divisions, ruleSet, SEAT_A } from "../rules/fidelity-helpers";

/**
 * A 行政区划代码 column (the 基层卫生信息系统's export: 12-digit village codes on some rows, 9-digit township codes on
 * others) is read: each row's code by its length gives its village, township or county where the row's own columns
 * give no code, and is checked against their names (the user trial, s46-a #5: it was kept as an extra column, unread).
 */
const A = "990001";
const T1 = "990001101";
const V = (n: number) => `990001101${String(200 + n).padStart(3, "0")}`; // named 村201, 村202…
const divs = divisions(A, [
  { code: T1, name: "一镇", kind: "镇", villages: [V(1), V(2), V(3)] },
  { code: "990001102", name: "二镇", kind: "镇", villages: ["990001102201"] },
]);
const [lon, lat] = direct(SEAT_A, 90, 8);
const enc = (s: string) => new TextEncoder().encode(s);
const HEAD = "机构名称,机构类别,行政区划代码,所属乡镇,所属村,经度,纬度";
const row = (name: string, code: string, township: string, village: string) =>
  `${name},村卫生室,${code},${township},${village},${lon},${lat}`;
const read = (lines: string[], head = HEAD) =>
  parseFacilityFile(enc([head, ...lines].join("\n")), "基层医疗机构导出.csv", {
    counties: [{ code: A, name: "甲县" }],
    divisions: divs,
  });
const units = (r: Awaited<ReturnType<typeof read>>) =>
  r.facilities.map((f) => [f.county, f.township, f.village, f.servesVillages]);

describe("the division code column (行政区划代码)", () => {
  it("is guessed under its usual names", () => {
    for (const h of ["行政区划代码", "区划代码", "统计用区划代码", "代码", "所在地行政区划代码"])
      expect(guessColumns(["机构名称", h, "所属村"]).unitCode, h).toBe(h);
  });

  it("gives the village, township and county by its length; a blank 所属村 with a village code counts for that village", async () => {
    const r = await read([
      row("甲卫生室", V(1), "", ""),
      row("乙卫生室", T1, "", "村202"),
      row("丙卫生室", A, "一镇", "村203"),
    ]);
    expect(units(r)).toEqual([
      [A, T1, V(1), undefined],
      [A, T1, V(2), undefined],
      [A, T1, V(3), undefined],
    ]);
    // nothing to say: no 「行政村为空」 for the row whose code is its village's
    expect(r.issues.filter((i) => i.row > 0)).toEqual([]);
  });

  it("full-width digits and an exact scientific notation are read; one that lost digits is warned and not used", async () => {
    const fw = V(1).replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    const r = await read([
      row("甲", fw, "", ""),
      row("乙", "9.90001101202E+11", "", ""),
      row("丙", "9.90001E+11", "", ""),
    ]);
    expect(units(r)).toEqual([
      [A, T1, V(1), undefined],
      [A, T1, V(2), undefined],
      [undefined, undefined, undefined, undefined],
    ]);
    expect(r.issues.find((i) => i.code === "full-width-digits")?.field).toBe("行政区划代码");
    expect(r.issues.filter((i) => i.row > 0).map((i) => [i.row, i.field, i.code, i.value])).toEqual([
      [4, "行政区划代码", "excel-scientific", "9.90001E+11"],
      [4, "所属村", "missing-optional", undefined],
    ]);
  });

  it("a name naming another unit than the code is warned with row, field and both values, and the code is used", async () => {
    const r = await read([row("甲卫生室", V(1), "一镇", "村202"), row("乙卫生室", T1, "二镇", "")]);
    expect(units(r)).toEqual([
      [A, T1, V(1), undefined],
      [A, T1, undefined, undefined],
    ]);
    const warned = r.issues.filter((i) => i.row > 0 && i.code !== "missing-optional");
    expect(warned.map((i) => [i.row, i.field, i.severity, i.code, i.value, i.message.zh])).toEqual([
      [
        2,
        "所属村",
        "warning",
        "unit-code-disagrees",
        "村202",
        `行政村“村202”（名录中为村202，${V(2)}）与行政区划代码“${V(1)}”（村201）不符：按代码计，请核对`,
      ],
      [
        3,
        "所属乡镇",
        "warning",
        "unit-code-disagrees",
        "二镇",
        `乡镇“二镇”（名录中为二镇，990001102）与行政区划代码“${T1}”（一镇）不符：按代码计，请核对`,
      ],
    ]);
  });

  it("a code in the village column itself wins over the division code column, which is then warned and not used", async () => {
    const r = await read([row("甲卫生室", V(2), "", V(1))]);
    expect(units(r)).toEqual([[undefined, undefined, V(1), undefined]]);
    expect(r.issues.filter((i) => i.row > 0).map((i) => [i.field, i.code, i.value])).toEqual([
      ["行政区划代码", "unit-code-disagrees", V(2)],
    ]);
  });

  it("a joint clinic coded with one of its villages: that village is its own, the other one it serves", async () => {
    const r = await read([row("村201、村202联合卫生室", V(2), "一镇", "村201、村202")]);
    expect(units(r)).toEqual([[A, T1, V(2), [V(1)]]]);
  });

  it("VC-PER-VILLAGE counts the villages the codes give, with no uncoded clinic left to 'stand' anywhere", async () => {
    const r = await read([row("甲", V(1), "", ""), row("乙", `${V(2)}`, "", "")]);
    const report = analyze({
      counties: counties("nanyang"),
      facilities: r.facilities,
      ruleSet: ruleSet("nanyang"),
      divisions: divs,
    });
    const c = check(report, A, "VC-PER-VILLAGE");
    expect(c).toMatchObject({ status: "fail", count: 2, expected: 4, measured: 2 });
    expect(c.unknown).toBeUndefined();
    expect(report.violations.filter((v) => v.rule === "VC-PER-VILLAGE").map((v) => [v.unitCode, v.severity])).toEqual([
      [V(3), "error"],
      ["990001102201", "error"],
    ]);
  });
});
