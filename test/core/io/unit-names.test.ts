import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Divisions } from "../../../src/core";
import { parseFacilityFile } from "../../../src/core/io";

const counties = JSON.parse(readFileSync("geodata/counties-nanyang.geojson", "utf8"));
const divisions = JSON.parse(readFileSync("geodata/divisions-nanyang.json", "utf8")) as Divisions;
const enc = (s: string) => new TextEncoder().encode(s);
const HEAD = "名称,类型,经度,纬度,所属县区,乡镇,行政村\n";

describe("township and village names matched to their codes in the city's division list (the planner trial)", () => {
  it("a name, with or without its kind, gives its code; a village named alone gives its township too", async () => {
    const r = await parseFacilityFile(
      enc(
        `${HEAD}丹水镇卫生院,乡镇卫生院,111.50,33.35,西峡县,丹水镇,\n袁店村卫生室,村卫生室,111.50,33.36,西峡县,丹水,袁店村\n马边村卫生室,村卫生室,111.50,33.37,西峡县,,马边村民委员会\n`,
      ),
      "设施.csv",
      { counties: [{ code: "411323", name: "西峡县" }], boundaries: counties, divisions },
    );
    expect(r.facilities.map((f) => [f.township, f.village])).toEqual([
      ["411323101", undefined],
      ["411323101", "411323101200"],
      ["411323101", "411323101202"],
    ]);
    expect(r.issues.map((i) => [i.row, i.code])).toEqual([[0, "unit-names-matched"]]);
    expect(r.issues[0].message.zh).toBe(
      "乡镇、行政村按名称与本市区划名录对应：2 行的乡镇、2 行的行政村（同名或找不到的逐行列出）",
    );
  });

  it("a name of another kind (「丹水乡」 for 丹水镇) is matched and said on its row as a note to check (the GIS trial, s40-b #10)", async () => {
    const r = await parseFacilityFile(
      enc(
        `${HEAD}丹水乡卫生院,乡镇卫生院,111.50,33.35,西峡县,丹水乡,\n袁店卫生室,村卫生室,111.50,33.36,西峡县,丹水镇,袁店社区\n`,
      ),
      "设施.csv",
      { counties: [{ code: "411323", name: "西峡县" }], boundaries: counties, divisions },
    );
    expect(r.facilities.map((f) => [f.township, f.village])).toEqual([
      ["411323101", undefined],
      ["411323101", "411323101200"],
    ]);
    const notes = r.issues.filter((i) => i.code === "unit-name-other-kind");
    expect(notes.map((i) => [i.row, i.field, i.severity])).toEqual([
      [2, "乡镇", "note"],
      [3, "行政村", "note"],
    ]);
    expect(notes[0].message.zh).toBe("乡镇“丹水乡”按名称对应为丹水镇（411323101）：“乡”与“镇”不同，请核对");
    // the same kind says nothing
    const same = await parseFacilityFile(
      enc(`${HEAD}丹水镇卫生院,乡镇卫生院,111.50,33.35,西峡县,丹水,\n`),
      "设施.csv",
      { counties: [{ code: "411323", name: "西峡县" }], boundaries: counties, divisions },
    );
    expect(same.issues.some((i) => i.code === "unit-name-other-kind")).toBe(false);
  });

  it("the county by position when the row names none; a name not in it, or in it twice, is warned and not used", async () => {
    const r = await parseFacilityFile(
      enc(
        `${HEAD}甲卫生院,乡镇卫生院,111.50,33.35,,丹水镇,\n乙卫生室,村卫生室,112.53,32.99,宛城区,,张庄村\n丙卫生院,乡镇卫生院,111.50,33.35,西峡县,火星镇,\n`,
      ),
      "设施.csv",
      {
        counties: [
          { code: "411323", name: "西峡县" },
          { code: "411302", name: "宛城区" },
        ],
        boundaries: counties,
        divisions,
      },
    );
    expect(r.facilities.map((f) => f.township)).toEqual(["411323101", undefined, undefined]);
    const rows = r.issues.filter((i) => i.row > 0 && i.code !== "missing-optional");
    expect(rows.map((i) => [i.row, i.field, i.code, i.message.zh])).toEqual([
      // (the point lies just outside the fixture's 宛城区: counted there, said)
      [
        3,
        "所属县区",
        "near-stated-county",
        "“乙卫生室”位于所填县区 宛城区（411302） 的边界之外 0.5 km：边界数据为近似，按所填县区计入；请核对坐标",
      ],
      [3, "行政村", "ambiguous-unit-name", "宛城区有 2 个行政村名为“张庄村”，无法确定，未使用：请填统计代码"],
      [4, "乡镇", "not-a-code", "乡镇“火星镇”不在西峡县的区划名录中，未使用"],
    ]);
  });

  it("「X村」 matches the national lists' 「X村村民委员会」, and a one-character stem 「车村」 its own (the re-trial: 洛阳 matched no village)", async () => {
    const list: Divisions = {
      counties: [
        {
          code: "410325",
          name: "嵩县",
          townships: [
            {
              code: "410325101",
              name: "田湖镇",
              kind: "镇",
              villages: [
                { code: "410325101201", name: "田湖村村民委员会", kind: "village" },
                { code: "410325101202", name: "樊店村村民委员会", kind: "village" },
                { code: "410325101203", name: "车村村民委员会", kind: "village" },
                { code: "410325101204", name: "车村沟村民委员会", kind: "village" },
              ],
            },
          ],
        },
      ],
    };
    const r = await parseFacilityFile(
      enc(
        `${HEAD}甲,村卫生室,112.2,34.2,410325,田湖镇,田湖村\n乙,村卫生室,112.2,34.2,410325,田湖,樊店村\n丙,村卫生室,112.2,34.2,410325,田湖镇,车村\n丁,村卫生室,112.2,34.2,410325,田湖镇,樊店\n`,
      ),
      "设施.csv",
      { counties: [{ code: "410325", name: "嵩县" }], divisions: list },
    );
    expect(r.facilities.map((f) => f.village)).toEqual([
      "410325101201",
      "410325101202",
      "410325101203",
      "410325101202",
    ]);
    expect(r.issues.filter((i) => i.row > 0)).toEqual([]);
  });

  it("names with the county's or township's name before them match (栾川县's list: 「栾川县三川镇新庄村村民委员会」; 「嵩县旧县镇」)", async () => {
    const list: Divisions = {
      counties: [
        {
          code: "410324",
          name: "栾川县",
          townships: [
            {
              code: "410324101",
              name: "三川镇",
              kind: "镇",
              villages: [
                { code: "410324101201", name: "栾川县三川镇新庄村村民委员会", kind: "village" },
                { code: "410324101202", name: "栾川县三川镇竹园村村民委员会", kind: "village" },
              ],
            },
            { code: "410324102", name: "旧县镇", kind: "镇", villages: [] },
          ],
        },
      ],
    };
    const r = await parseFacilityFile(
      enc(
        `${HEAD}甲,村卫生室,111.6,33.8,410324,三川镇,新庄村\n乙,村卫生室,111.6,33.8,410324,,竹园\n丙,乡镇卫生院,111.6,33.8,410324,栾川县旧县镇,\n`,
      ),
      "设施.csv",
      { counties: [{ code: "410324", name: "栾川县" }], divisions: list },
    );
    expect(r.facilities.map((f) => [f.township, f.village])).toEqual([
      ["410324101", "410324101201"],
      ["410324101", "410324101202"],
      ["410324102", undefined],
    ]);
    expect(r.issues.filter((i) => i.row > 0)).toEqual([]);
  });

  it("a village of another township, a township of another county: says where the name is, and does not use it (the re-trial)", async () => {
    const r = await parseFacilityFile(
      enc(
        `${HEAD}甲卫生室,村卫生室,111.50,33.35,西峡县,西坪镇,袁店村\n乙卫生院,乡镇卫生院,111.50,33.35,西峡县,夏馆镇,\n`,
      ),
      "设施.csv",
      {
        counties: [
          { code: "411323", name: "西峡县" },
          { code: "411325", name: "内乡县" },
        ],
        boundaries: counties,
        divisions,
      },
    );
    // the township named is kept; the village is not put in a township the row does not give
    expect(r.facilities.map((f) => [f.township, f.village])).toEqual([
      ["411323102", undefined],
      [undefined, undefined],
    ]);
    const rows = r.issues.filter((i) => i.row > 0 && i.code !== "missing-optional");
    expect(rows.map((i) => [i.row, i.field, i.code, i.message.zh])).toEqual([
      [
        2,
        "行政村",
        "unit-name-elsewhere",
        "行政村“袁店村”不在西坪镇，而在西峡县丹水镇（411323101200）：乡镇或行政村有误，未使用",
      ],
      [
        3,
        "乡镇",
        "unit-name-elsewhere",
        "乡镇“夏馆镇”不在西峡县，而在内乡县（夏馆镇，411325101）：县区或乡镇有误，未使用",
      ],
    ]);
    expect(rows[0].message.en).toBe(
      `village "袁店村" is not in 西坪镇 but in 西峡县's 丹水镇 (411323101200): the township or the village is wrong; not used`,
    );
  });

  it("a township cell that names none of the county's: the township the facility's own name holds, to check (the user trial, s48 #2)", async () => {
    const r = await parseFacilityFile(
      enc(
        `${HEAD}黄岗镇卫生院,乡镇卫生院,113.40,32.40,桐柏县,黄冈镇,\n` +
          // no township in the name, or two: set aside as before
          `桐柏县某卫生院,乡镇卫生院,113.40,32.40,桐柏县,黄冈镇,\n` +
          `城关镇黄岗镇联合卫生院,乡镇卫生院,113.40,32.40,桐柏县,黄冈镇,\n`,
      ),
      "设施.csv",
      { counties: [{ code: "411330", name: "桐柏县" }], boundaries: counties, divisions },
    );
    expect(r.facilities.map((f) => f.township)).toEqual(["411330109", undefined, undefined]);
    const rows = r.issues.filter((i) => i.row > 0 && i.field === "乡镇");
    expect(rows.map((i) => [i.row, i.severity, i.code])).toEqual([
      [2, "warning", "township-from-name"],
      [3, "warning", "not-a-code"],
      [4, "warning", "not-a-code"],
    ]);
    expect(rows[0].message.zh).toBe(
      "乡镇“黄冈镇”不在桐柏县的区划名录中；设施名称“黄岗镇卫生院”含黄岗镇（411330109），按黄岗镇计入；请核对",
    );
    expect(rows[0].message.en).toBe(
      `township "黄冈镇" is not in 桐柏县's division list; the facility's name "黄岗镇卫生院" holds 黄岗镇 (411330109), counted there; check it`,
    );
    // counted among the rows whose township was matched by name
    expect(r.issues.find((i) => i.code === "unit-names-matched")?.message.en).toContain("the township on 1 row");
  });

  it("a health centre's row with no 乡镇 at all: the township its name holds, in a note; other types are left alone", async () => {
    const r = await parseFacilityFile(
      enc(
        "名称,类型,经度,纬度,所属县区\n" +
          "黄岗镇卫生院,乡镇卫生院,113.40,32.40,桐柏县\n" +
          "黄岗镇人民医院,综合医院,113.40,32.40,桐柏县\n" +
          "桐柏县某卫生院,乡镇卫生院,113.40,32.40,桐柏县\n",
      ),
      "设施.csv",
      { counties: [{ code: "411330", name: "桐柏县" }], boundaries: counties, divisions },
    );
    expect(r.facilities.map((f) => f.township)).toEqual(["411330109", undefined, undefined]);
    const notes = r.issues.filter((i) => i.code === "township-from-name");
    expect(notes.map((i) => [i.row, i.severity, i.field, i.message.zh])).toEqual([
      [2, "note", "名称", "名称“黄岗镇卫生院”含黄岗镇（411330109）：所属乡镇为空，按名称计入；请核对"],
    ]);
  });

  it("without a division list a name is set aside as before, saying it is not a code", async () => {
    const r = await parseFacilityFile(enc(`${HEAD}甲卫生院,乡镇卫生院,111.50,33.35,西峡县,丹水镇,\n`), "设施.csv", {
      counties: [{ code: "411323", name: "西峡县" }],
      divisions: null,
    });
    expect(r.facilities[0].township).toBeUndefined();
    expect(r.issues.map((i) => i.message.zh)).toEqual(["乡镇“丹水镇”不是 9 位统计代码，未使用"]);
  });

  it("a row in none of the loaded counties (another city's list) says its county is unknown, not that a list is missing", async () => {
    const r = await parseFacilityFile(enc(`${HEAD}甲卫生院,乡镇卫生院,112.09,34.13,嵩县,田湖镇,\n`), "设施.csv", {
      counties: [{ code: "411323", name: "西峡县" }],
      boundaries: counties,
      divisions,
    });
    expect(r.issues.find((i) => i.field === "乡镇")?.message.zh).toBe(
      "乡镇“田湖镇”不是 9 位统计代码，所在县区不明（不在已加载的县区内），无法按名称匹配，未使用",
    );
  });
});
