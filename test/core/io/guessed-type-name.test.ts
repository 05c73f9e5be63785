import { describe, expect, it } from "vitest";
import {
  exportFacilitiesCsv,
  exportFacilitiesGeoJSON,
  exportShapefileZip,
  type Facility,
  facilityFeature,
  parseFacilityFile,
  parseSavedSession,
  reportSources,
} from "../../../src/core";

/**
 * A type the tool guessed and a name it made up at import are the facility's, not only the import's warnings (the
 * reviewer trial: row 42 「火星卫生院」 typed 「火星卫生院」 was 【存疑】 at import, then exported as a plain 乡镇卫生院; row
 * 43's empty name went out as 「村卫生室（第43行）」 as if it were the real name): every facility export writes them and
 * the tool's own export read again gives them back.
 */

const enc = (s: string) => new TextEncoder().encode(s);
const FILE = [
  "编号,名称,机构类别,经度,纬度",
  "A1,某某乡镇卫生院,乡镇卫生院,112.5,33.0",
  "A2,火星卫生院,火星,112.6,33.1",
  "A3,,村卫生室,112.7,33.2",
  "A4,某某急救站,,112.8,33.3",
  "A5,某某医院,火星医院,112.9,33.4",
].join("\n");

/** What each facility carries of its import's doubts. */
const trace = (list: readonly Facility[]) =>
  list.map((f) => [f.id, f.name, f.type, f.typeGuessed, f.typeInFile, f.nameGiven, f.typeByHand]);

const EXPECTED = [
  ["A1", "某某乡镇卫生院", "thc", undefined, undefined, undefined, undefined],
  // the type cell is no type: the name decided, and the cell is kept (「类型“火星”无法识别，已按名称判断为乡镇卫生院（推测）」)
  ["A2", "火星卫生院", "thc", true, "火星", undefined, undefined],
  // an empty name: the tool's own, said
  ["A3", "村卫生室（第4行）", "village-clinic", undefined, undefined, true, undefined],
  // no type in the file: the name decided
  ["A4", "某某急救站", "ems-station", true, undefined, undefined, undefined],
  // a category's word in a cell that is no category
  ["A5", "某某医院", "hospital", true, "火星医院", undefined, undefined],
];

describe("a guessed type and a made-up name are carried, exported and read back (the reviewer trial)", () => {
  it("the import marks them on the facility, beside the row's warning", async () => {
    const r = await parseFacilityFile(enc(FILE), "dirty.csv");
    expect(trace(r.facilities)).toEqual(EXPECTED);
    expect(r.issues.filter((i) => i.row > 0).map((i) => [i.row, i.code])).toEqual([
      [3, "type-from-name"],
      [4, "missing-name"],
      [5, "type-from-name"],
      [6, "unknown-category"],
    ]);
  });

  it("the CSV, GeoJSON and Shapefile exports write them, and each read again gives them back", async () => {
    const { facilities } = await parseFacilityFile(enc(FILE), "dirty.csv");
    const gj = JSON.parse(exportFacilitiesGeoJSON(facilities));
    expect(gj.features[1].properties).toMatchObject({ type: "thc", typeGuessed: true, typeInFile: "火星" });
    expect(gj.features[2].properties).toMatchObject({ name: "村卫生室（第4行）", nameGiven: true });
    expect(gj.features[0].properties.typeGuessed).toBeUndefined();
    expect(gj.features[0].properties.nameGiven).toBeUndefined();

    const csv = exportFacilitiesCsv(facilities);
    const rows = csv
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n")
      .map((l) => l.split(","));
    const col = (h: string) => rows[0].indexOf(h);
    expect(col("typeGuessed")).toBeGreaterThan(0);
    expect(col("nameGiven")).toBeGreaterThan(0);
    expect(rows.slice(1).map((r) => [r[col("typeGuessed")], r[col("typeInFile")], r[col("nameGiven")]])).toEqual([
      ["", "", ""],
      ["true", "火星", ""],
      ["", "", "true"],
      ["true", "", ""],
      ["true", "火星医院", ""],
    ]);

    const shp = await exportShapefileZip([
      { name: "facilities", kind: "point", features: facilities.map((f) => facilityFeature(f)) },
    ]);
    expect(shp.fields.map((f) => f.name)).toEqual(expect.arrayContaining(["TYPE_GUESS", "TYPE_FILE", "NAME_GIVEN"]));

    for (const [bytes, file] of [
      [enc(exportFacilitiesGeoJSON(facilities)), "facilities.geojson"],
      [enc(csv), "facilities.csv"],
      [shp.zip, "facilities.zip"],
    ] as const) {
      const back = await parseFacilityFile(bytes, file);
      expect(trace(back.facilities), file).toEqual(EXPECTED);
      // read as the facility's fields, not kept as other columns
      expect(
        back.facilities.map((f) => f.extra),
        file,
      ).toEqual([undefined, undefined, undefined, undefined, undefined]);
    }
  });

  it("a type chosen by hand replaces the guess, and a saved session keeps both marks", async () => {
    const chosen = await parseFacilityFile(enc(FILE), "dirty.csv", { typeOverrides: { byRow: { 3: "central-thc" } } });
    expect(chosen.facilities[1]).toMatchObject({ type: "central-thc", typeByHand: true, typeInFile: "火星" });
    expect(chosen.facilities[1].typeGuessed).toBeUndefined();

    // the tool's export of a guess, its type then chosen by hand at the next import
    const { facilities } = await parseFacilityFile(enc(FILE), "dirty.csv");
    const again = await parseFacilityFile(enc(exportFacilitiesCsv(facilities)), "facilities.csv", {
      typeOverrides: { byRow: { 3: "central-thc" } },
    });
    expect(again.facilities[1]).toMatchObject({ type: "central-thc", typeByHand: true });
    expect(again.facilities[1].typeGuessed).toBeUndefined();

    const saved = {
      cityId: "nanyang",
      ruleSetId: "",
      params: {},
      datasets: { nanyang: { fileName: "dirty.csv", importedAt: "2026-12-02T06:00:00Z", facilities } },
      proposed: {},
      population: {},
    };
    const back = parseSavedSession(JSON.parse(JSON.stringify(saved)));
    expect(back.ok).toBe(true);
    if (back.ok) expect(trace(back.state.datasets.nanyang?.facilities ?? [])).toEqual(EXPECTED);
  });
});

describe("the review report's data section lists the guessed types and the made-up names", () => {
  it("each with the file's value, as it lists the types chosen by hand; none: no such note", async () => {
    const { facilities } = await parseFacilityFile(enc(FILE), "dirty.csv");
    const notes = reportSources({
      facilities: {
        file: "dirty.csv",
        count: 5,
        invented: false,
        typeGuessed: facilities.filter((f) => f.typeGuessed),
        nameGiven: facilities.filter((f) => f.nameGiven),
      },
      boundaries: {},
      ruleSet: { id: "nanyang", title: "南阳" },
    });
    const guessed = notes.find((n) => n.title.startsWith("设施类型推测"));
    expect(guessed?.title).toContain("3 条");
    expect(guessed?.caveat).toContain("火星卫生院（类型：火星 → 乡镇卫生院（推测））");
    expect(guessed?.caveat).toContain("某某急救站（类型：（文件中无）→ 急救站（推测））");
    expect(guessed?.caveat).toContain("某某医院（类型：火星医院 → 医院（推测））");
    const named = notes.find((n) => n.title.startsWith("设施名称空缺"));
    expect(named?.title).toContain("1 条");
    expect(named?.caveat).toContain("村卫生室（第4行）");

    const none = reportSources({
      facilities: { file: "dirty.csv", count: 5, invented: false },
      boundaries: {},
      ruleSet: { id: "nanyang", title: "南阳" },
    });
    expect(none.some((n) => /^设施(类型推测|名称空缺)/.test(n.title))).toBe(false);
  });
});
