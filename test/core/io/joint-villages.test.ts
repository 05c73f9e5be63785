import { describe, expect, it } from "vitest";
import { parseFacilityFile } from "../../../src/core/io";
import { analyze } from "../../../src/core/rules";
import { check, counties, direct, divisions, ruleSet, SEAT_A } from "../rules/fidelity-helpers";

/**
 * A village cell naming two villages (「王营村、丰山村」, the user trial s46-a #2) is a clinic built jointly by adjacent
 * villages (003:219 「常住人口少、服务半径小、交通便利的相邻行政村可合建中心村卫生室」): it counts for each village named,
 * the first as its own village, the others as villages it serves; it was counted for neither and taken as an uncoded
 * clinic that 'may stand' in a lacking village.
 */
const A = "990001";
const T1 = "990001101";
const V = (n: number) => `990001101${String(200 + n).padStart(3, "0")}`; // named 村201, 村202…
const divs = divisions(A, [{ code: T1, name: "一镇", kind: "镇", villages: [V(1), V(2), V(3), V(4)] }]);
const [lon, lat] = direct(SEAT_A, 90, 8);
const enc = (s: string) => new TextEncoder().encode(s);
const HEAD = "名称,类型,经度,纬度,所属县区,乡镇,所属村";
const row = (name: string, village: string, more = "") => `${name},村卫生室,${lon},${lat},${A},一镇,${village}${more}`;
const read = (lines: string[], head = HEAD) =>
  parseFacilityFile(enc([head, ...lines].join("\n")), "村卫生室.csv", {
    counties: [{ code: A, name: "甲县" }],
    divisions: divs,
  });

describe("a village cell naming several villages: a joint clinic counted for each (003:219)", () => {
  it("the first village named is the clinic's village, the others its servesVillages, said in a note naming them", async () => {
    const r = await read([row("村201、村202联合卫生室", "村201、村202"), row("村203卫生室", "村203")]);
    expect(r.facilities.map((f) => [f.village, f.servesVillages])).toEqual([
      [V(1), [V(2)]],
      [V(3), undefined],
    ]);
    const notes = r.issues.filter((i) => i.row > 0);
    expect(notes.map((i) => [i.row, i.field, i.severity, i.code, i.value])).toEqual([
      [2, "所属村", "note", "joint-village-clinic", "村201、村202"],
    ]);
    expect(notes[0].message.zh).toBe(
      `所属村“村201、村202”：按合建村卫生室计入 村201（${V(1)}）、村202（${V(2)}）（003:219「相邻行政村可合建中心村卫生室」；未规定合建的规则集只计 村201）`,
    );
  });

  it("names are split on 、，,/；; and may be codes; a part not found is warned alone and the others still count", async () => {
    const cells = ["村201，村202", '"村201,村202"', "村201/村202", "村201；村202", "村201;村202", `${V(1)}、村202`];
    for (const cell of cells) {
      const r = await read([row("联合卫生室", cell)]);
      expect(r.facilities[0], cell).toMatchObject({ village: V(1), servesVillages: [V(2)] });
    }
    const r = await read([row("联合卫生室", "村201、火星村")]);
    expect(r.facilities[0].village).toBe(V(1));
    expect(r.facilities[0].servesVillages).toBeUndefined();
    expect(r.issues.filter((i) => i.row > 0).map((i) => [i.code, i.value, i.message.zh])).toEqual([
      ["not-a-code", "火星村", "行政村“火星村”不在990001的区划名录中，未使用"],
    ]);
  });

  it("VC-PER-VILLAGE: both villages have their clinic, and the joint clinic is not an uncoded one that 'may stand' elsewhere", async () => {
    const r = await read([
      row("村201、村202联合卫生室", "村201、村202"),
      row("村203卫生室", "村203"),
      row("无名卫生室", ""),
    ]);
    const report = analyze({
      counties: counties("nanyang"),
      facilities: r.facilities,
      ruleSet: ruleSet("nanyang"),
      divisions: divs,
    });
    // 村204 lacks one; the one uncoded clinic (row 4) may stand there: unknown, not surely missing
    expect(check(report, A, "VC-PER-VILLAGE")).toMatchObject({ count: 3, expected: 4, measured: 1, unknown: 1 });
    expect(report.violations.filter((v) => v.rule === "VC-PER-VILLAGE").map((v) => v.unitCode)).toEqual([]);
  });

  it("a 服务行政村 column takes names as well as codes, matched in the row's township", async () => {
    const r = await read([row("中心村卫生室", "村201", `,村202、${V(3)}`)], `${HEAD},服务行政村`);
    expect(r.mapping.servesVillages).toBe("服务行政村");
    expect(r.facilities[0]).toMatchObject({ village: V(1) });
    expect(new Set(r.facilities[0].servesVillages)).toEqual(new Set([V(2), V(3)]));
    expect(r.issues.filter((i) => i.row > 0)).toEqual([]);
  });
});

describe("a joint clinic's row refused for its coordinates (the noticed-not-done of s46)", () => {
  it("names each village it serves: both are for review naming the row, neither is 确缺", async () => {
    const noCoordinates = `村201、村202联合卫生室,村卫生室,,,${A},一镇,村201、村202`;
    const r = await read([noCoordinates, row("村203卫生室", "村203")]);
    const refused = r.rejectedFacilities ?? [];
    expect(refused.map((x) => [x.row, x.village, x.attributes?.servesVillages])).toEqual([[2, V(1), [V(2)]]]);
    const report = analyze({
      counties: counties("nanyang"),
      facilities: r.facilities,
      rejectedFacilities: refused,
      ruleSet: ruleSet("nanyang"),
      divisions: divs,
    });
    const rows = report.violations.filter((v) => v.rule === "VC-PER-VILLAGE");
    // 村201 and 村202: the refused row, for review; 村204: surely lacking
    expect(rows.map((v) => [v.unitCode, v.severity])).toEqual([
      [V(1), "review"],
      [V(2), "review"],
      [V(4), "error"],
    ]);
    expect(rows[1].message.zh).toContain("清单第 2 行“村201、村202联合卫生室”因缺坐标被拒收");
    expect(check(report, A, "VC-PER-VILLAGE").refused).toBe(2);
  });
});
