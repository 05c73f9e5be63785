import { describe, expect, it } from "vitest";
import { parseFacilityFile } from "../../../src/core/io";
import { placeRejectedFacilities, villageInName } from "../../../src/core/io/unit-names";
import type { RejectedFacility } from "../../../src/core/model";
import { analyze } from "../../../src/core/rules";
import { check, counties, direct, divisions, ruleSet, SEAT_A } from "../rules/fidelity-helpers";

/**
 * A village clinic with no village cell nor code whose name says its village (「王三沟村卫生室」, 乡镇 「四里店」: the user
 * trial, s47, 方城县) counts for that village when exactly one village of its township (else county) is so named; it
 * was an uncoded clinic that 'may stand' in any lacking village, turning the county's sure gaps into 待核.
 */
const A = "990001";
const T1 = "990001101";
const T2 = "990001102";
const V = (t: string, n: number) => `${t}${String(200 + n).padStart(3, "0")}`;
const NAMES: Record<string, string> = {
  [V(T1, 1)]: "王三沟村",
  [V(T1, 2)]: "北张庄村",
  [V(T1, 3)]: "白果树村",
  [V(T1, 4)]: "丁庄村",
  [V(T2, 1)]: "丁庄村",
  [V(T2, 2)]: "前营社区居民委员会",
};
const divs = divisions(A, [
  { code: T1, name: "四里店镇", kind: "镇", villages: [V(T1, 1), V(T1, 2), V(T1, 3), V(T1, 4)] },
  { code: T2, name: "二郎庙镇", kind: "镇", villages: [V(T2, 1), V(T2, 2)] },
]);
for (const t of divs.counties[0].townships) for (const v of t.villages) v.name = NAMES[v.code];
const [lon, lat] = direct(SEAT_A, 90, 8);
const enc = (s: string) => new TextEncoder().encode(s);
const read = (lines: string[], head = "名称,类型,经度,纬度,所属县区,乡镇,所属村") =>
  parseFacilityFile(enc([head, ...lines].join("\n")), "村卫生室.csv", {
    counties: [{ code: A, name: "甲县" }],
    divisions: divs,
  });
const row = (name: string, township: string, village = "") =>
  `${name},村卫生室,${lon},${lat},${A},${township},${village}`;

describe("a village clinic with no village: the village its name says", () => {
  it("「王三沟村卫生室」 in 四里店 counts for 王三沟村, said in a note naming the name, the village and its code", async () => {
    const r = await read([row("王三沟村卫生室", "四里店")]);
    expect(r.facilities[0]).toMatchObject({ village: V(T1, 1), township: T1 });
    const notes = r.issues.filter((i) => i.code === "village-from-name");
    expect(notes.map((i) => [i.row, i.field, i.severity, i.value])).toEqual([[2, "名称", "note", "王三沟村卫生室"]]);
    expect(notes[0].message.zh).toBe(
      `名称“王三沟村卫生室”按名称对应为王三沟村（${V(T1, 1)}）：所属行政村为空，按名称计入；请核对`,
    );
    expect(notes[0].message.en).toBe(
      `name "王三沟村卫生室" matched by name to 王三沟村 (${V(T1, 1)}): no village given, counted for the one its name says; check it`,
    );
    // counted as a matched village row in the file's note
    const file = r.issues.find((i) => i.code === "unit-names-matched");
    expect(file?.message.en).toContain("the village on 1 row");
  });

  it("the village column's empty cells: rows the names placed are not among those that cannot be counted (the re-trial, s47)", async () => {
    const line = (r: Awaited<ReturnType<typeof read>>) =>
      r.issues.filter((i) => i.code === "missing-optional-column" && i.field === "所属村");
    // four empty village cells, two of them placed by their names: the line names the other two
    const r = await read([
      row("王三沟村卫生室", "四里店"),
      row("火星村卫生室", "四里店"),
      row("北张庄村卫生室", "四里店"),
      row("某某卫生室", "四里店"),
    ]);
    expect(r.issues.filter((i) => i.code === "village-from-name").map((i) => i.row)).toEqual([2, 4]);
    expect(line(r).map((i) => [i.value, i.message.zh])).toEqual([
      [
        "3, 5",
        "“所属村”列有 2 行为空（第 3、5 行）：这些设施不能按所在行政村计入“每个行政村 1 个”，请补填代码或名称（另有 2 行按设施名称对应了行政村，已计入，逐行列出）",
      ],
    ]);
    expect(line(r)[0].message.en).toContain("on 2 rows (3, 5)");
    expect(line(r)[0].message.en).toContain("(2 more rows were placed in a village by the facility's name");
    // every empty cell placed by its name: no such line at all
    const all = await read([
      row("王三沟村卫生室", "四里店"),
      row("北张庄村卫生室", "四里店"),
      row("白果树村卫生室", "四里店"),
    ]);
    expect(all.facilities.map((f) => f.village)).toEqual([V(T1, 1), V(T1, 2), V(T1, 3)]);
    expect(line(all)).toEqual([]);
    expect(all.issues.filter((i) => i.code === "missing-optional" && i.field === "所属村")).toEqual([]);
  });

  it("「王三沟中心村卫生室」: the village without 中心 when the whole name is no village's", async () => {
    const r = await read([row("王三沟中心村卫生室", "四里店"), row("火星中心村卫生室", "四里店")]);
    expect(r.facilities.map((f) => f.village)).toEqual([V(T1, 1), undefined]);
    expect(r.issues.filter((i) => i.code === "village-from-name").map((i) => i.row)).toEqual([2]);
  });

  it("「王三沟村第二卫生室」, 「王三沟村卫生室（新）」: a number, 新 or a bracketed tail are not the village's (the re-trial, s51b)", async () => {
    const r = await read([
      row("王三沟村第二卫生室", "四里店"),
      row("王三沟村卫生室（新）", "四里店"),
      row("王三沟村2号卫生室", "四里店"),
      row("白果树村分卫生室", "四里店"),
    ]);
    expect(r.facilities.map((f) => f.village)).toEqual([V(T1, 1), V(T1, 1), V(T1, 1), V(T1, 3)]);
    expect(r.issues.filter((i) => i.code === "village-from-name").map((i) => i.row)).toEqual([2, 3, 4, 5]);
    expect(villageInName("东新村卫生室")).toBe("东新村");
    expect(villageInName("第二卫生室")).toBeUndefined();
  });

  it("a row with no township or village column at all is tried in its county; a 社区 is matched by its committee's name", async () => {
    const r = await read(
      [`北张庄村卫生所,村卫生室,${lon},${lat},${A}`, `前营社区卫生室,村卫生室,${lon},${lat},${A}`],
      "名称,类型,经度,纬度,所属县区",
    );
    expect(r.facilities.map((f) => f.village)).toEqual([V(T1, 2), V(T2, 2)]);
    expect(r.facilities.map((f) => f.township)).toEqual([T1, T2]);
  });

  it("an ambiguous or unknown name, a name without a village word, a village cell or another type: nothing", async () => {
    const r = await read([
      row("丁庄村卫生室", ""), // two 丁庄村 in the county
      row("火星村卫生室", "四里店"),
      row("王三沟卫生室", "四里店"),
      row("王三沟村卫生室", "四里店", "北张庄村"),
      `王三沟村卫生院,乡镇卫生院,${lon},${lat},${A},四里店,`,
    ]);
    expect(r.facilities.map((f) => f.village)).toEqual([undefined, undefined, undefined, V(T1, 2), undefined]);
    expect(r.issues.filter((i) => i.code === "village-from-name")).toEqual([]);
    // in its township, the county's other 丁庄村 is not in the way
    const s = await read([row("丁庄村卫生室", "四里店")]);
    expect(s.facilities[0].village).toBe(V(T1, 4));
  });

  it("VC-PER-VILLAGE: the township's lacking villages are sure gaps (error), no longer for review", async () => {
    const r = await read([row("王三沟村卫生室", "四里店"), row("北张庄村卫生室", "四里店", "北张庄村")]);
    const report = analyze({
      counties: counties("nanyang"),
      facilities: r.facilities,
      ruleSet: ruleSet("nanyang"),
      divisions: divs,
    });
    // 4 villages lack one, surely: no uncoded clinic may stand in them (before, 王三沟村卫生室 was one: all 待核)
    const c = check(report, A, "VC-PER-VILLAGE");
    expect(c).toMatchObject({ count: 2, expected: 6, measured: 4 });
    expect(c.unknown).toBeUndefined();
    const lacking = report.violations.filter((v) => v.rule === "VC-PER-VILLAGE");
    expect(lacking.map((v) => [v.unitCode, v.severity]).sort()).toEqual(
      [V(T1, 3), V(T1, 4), V(T2, 1), V(T2, 2)].map((c) => [c, "error"]),
    );
  });
});

describe("a refused village clinic with no village: placed by the village its name says", () => {
  const refused = (name: string, more: Partial<RejectedFacility> = {}): RejectedFacility => ({
    file: "村卫生室.csv",
    row: 2,
    name,
    type: "village-clinic",
    county: A,
    reason: "missing-coordinates",
    ...more,
  });
  it("in its township when named, else its county; only one village so named", () => {
    const out = placeRejectedFacilities(
      [
        refused("王三沟村卫生室"),
        refused("丁庄村卫生室"),
        refused("丁庄村卫生室", { townshipName: "二郎庙" }),
        refused("火星村卫生室"),
        refused("王三沟村卫生院", { type: "central-thc" }),
      ],
      divs,
    );
    expect(out.map((r) => [r.township, r.village])).toEqual([
      [T1, V(T1, 1)],
      [undefined, undefined],
      [T2, V(T2, 1)],
      [undefined, undefined],
      [undefined, undefined],
    ]);
  });
});
