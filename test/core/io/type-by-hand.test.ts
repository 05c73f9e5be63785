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
 * A type chosen by hand for a 【存疑】 row (issue 11: 「火星医院」 chosen as 乡镇卫生院 left no trace): the import keeps a
 * note of it, the facility carries it, and every output says the type was set by hand, with the file's value.
 */

const csv = (lines: string[]) => new TextEncoder().encode(lines.join("\n"));
const FILE = [
  "编号,名称,机构类别,经度,纬度",
  "A1,某某医院,火星医院,112.5,33.0",
  "A2,某某卫生院,乡镇卫生院,112.6,33.1",
  "A3,某某站,,112.7,33.2",
];

async function chosen() {
  return parseFacilityFile(csv(FILE), "trial.csv", {
    typeOverrides: { byValue: { 火星医院: "thc" }, byRow: { 4: "ems-station" } },
  });
}

describe("a type chosen by hand at import leaves a trace (issue 11)", () => {
  it("the row's note says what was chosen and from what; the facility carries the file's value and the tool's reading", async () => {
    const before = await parseFacilityFile(csv(FILE), "trial.csv");
    expect(before.issues.map((i) => [i.row, i.code, i.severity])).toEqual([
      [2, "unknown-category", "warning"],
      [4, "unknown-type", "error"],
    ]);
    expect(before.facilities.some((f) => "typeByHand" in f)).toBe(false);

    const r = await chosen();
    expect(r.issues.map((i) => [i.row, i.field, i.value, i.code, i.severity])).toEqual([
      [2, "机构类别", "火星医院", "type-chosen", "note"],
      [4, "机构类别", "某某站", "type-chosen", "note"],
    ]);
    expect(r.issues[0].message).toEqual({
      zh: "类型：火星医院 → 乡镇卫生院（人工指定）",
      en: "type: 火星医院 → Township health centre (set by hand)",
    });
    expect(r.issues[1].message.zh).toBe("类型：（无，名称“某某站”）→ 急救站（人工指定）");
    const [a1, a2, a3] = r.facilities;
    expect(a1).toMatchObject({ type: "thc", typeByHand: true, typeInFile: "火星医院", typeAsRead: "hospital" });
    expect(a2.typeByHand).toBeUndefined();
    // a row refused before (no type, a name that says none) is imported as chosen; there is no reading to go back to
    expect(before.facilities).toHaveLength(2);
    expect(a3).toMatchObject({ type: "ems-station", typeByHand: true });
    expect(a3.typeInFile).toBeUndefined();
    expect(a3.typeAsRead).toBeUndefined();
  });

  it("goes into the GeoJSON, CSV and Shapefile exports and survives a saved session", async () => {
    const { facilities } = await chosen();
    const gj = JSON.parse(exportFacilitiesGeoJSON(facilities));
    expect(gj.features[0].properties).toMatchObject({
      type: "thc",
      typeByHand: true,
      typeInFile: "火星医院",
      typeAsRead: "hospital",
    });
    expect(gj.features[1].properties.typeByHand).toBeUndefined();

    const rows = exportFacilitiesCsv(facilities)
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n")
      .map((l) => l.split(","));
    const col = (h: string) => rows[0].indexOf(h);
    expect(col("typeByHand")).toBeGreaterThan(0);
    expect(rows.slice(1).map((r) => [r[col("type")], r[col("typeByHand")], r[col("typeInFile")]])).toEqual([
      ["thc", "true", "火星医院"],
      ["thc", "", ""],
      ["ems-station", "true", ""],
    ]);

    const shp = await exportShapefileZip([
      {
        name: "facilities",
        features: facilities.map(({ lon, lat, ...p }) => ({
          type: "Feature" as const,
          geometry: { type: "Point" as const, coordinates: [lon, lat] },
          properties: p,
        })),
      },
    ]);
    expect(shp.fields.map((f) => f.name)).toEqual(expect.arrayContaining(["TYPE_HAND", "TYPE_FILE", "TYPE_READ"]));

    const saved = {
      cityId: "nanyang",
      ruleSetId: "",
      params: {},
      datasets: { nanyang: { fileName: "trial.csv", importedAt: "2026-12-02T06:00:00Z", facilities } },
      proposed: {},
      population: {},
    };
    const back = parseSavedSession(JSON.parse(JSON.stringify(saved)));
    expect(back.ok).toBe(true);
    if (back.ok)
      expect(back.state.datasets.nanyang?.facilities[0]).toMatchObject({
        typeByHand: true,
        typeInFile: "火星医院",
        typeAsRead: "hospital",
      });
  });

  it("is read back from the tool's own GeoJSON, CSV and Shapefile (the GIS trial: lost on re-import)", async () => {
    const { facilities } = await chosen();
    const trace = (list: readonly Facility[]) =>
      list.map((f) => [f.id, f.type, f.typeByHand, f.typeInFile, f.typeAsRead]);
    expect(trace(facilities)).toEqual([
      ["A1", "thc", true, "火星医院", "hospital"],
      ["A2", "thc", undefined, undefined, undefined],
      ["A3", "ems-station", true, undefined, undefined],
    ]);
    const enc = (text: string) => new TextEncoder().encode(text);
    const shp = await exportShapefileZip([
      { name: "facilities", kind: "point", features: facilities.map((f) => facilityFeature(f)) },
    ]);
    for (const [bytes, file] of [
      [enc(exportFacilitiesGeoJSON(facilities)), "facilities.geojson"],
      [enc(exportFacilitiesCsv(facilities)), "facilities.csv"],
      [shp.zip, "facilities.zip"],
    ] as const) {
      const back = await parseFacilityFile(bytes, file);
      expect(trace(back.facilities), file).toEqual(trace(facilities));
      // the trace is read as the facility's, not kept as other columns nor said again as a choice
      expect(
        back.facilities.map((f) => f.extra),
        file,
      ).toEqual([undefined, undefined, undefined]);
      expect(
        back.issues.filter((i) => i.code === "type-chosen"),
        file,
      ).toEqual([]);
    }
  });

  it("the review report's data section lists each facility whose type was set by hand, with the file's value", async () => {
    const { facilities } = await chosen();
    const notes = reportSources({
      facilities: { file: "trial.csv", count: 3, invented: false, typeByHand: facilities.filter((f) => f.typeByHand) },
      boundaries: {},
      ruleSet: { id: "nanyang", title: "南阳" },
    });
    const note = notes.find((n) => n.title.startsWith("设施类型人工指定"));
    expect(note?.title).toContain("2 条");
    expect(note?.caveat).toContain("某某医院（类型：火星医院 → 乡镇卫生院（人工指定））");
    expect(note?.caveat).toContain("某某站（类型：（文件中无）→ 急救站（人工指定））");
    // none chosen: no such note
    const none = reportSources({
      facilities: { file: "trial.csv", count: 3, invented: false },
      boundaries: {},
      ruleSet: { id: "nanyang", title: "南阳" },
    });
    expect(none.some((n) => n.title.startsWith("设施类型人工指定"))).toBe(false);
  });
});

describe("a file with no name or type column, every row typed by hand (#13 trial)", () => {
  const positions = csv(["经度,纬度", "112.5,33.0", "112.6,33.1"]);

  it("stays an error while a row is left, and becomes a note once every row has its type", async () => {
    const some = await parseFacilityFile(positions, "pos.csv", { typeOverrides: { byRow: { 2: "thc" } } });
    expect(some.issues.filter((i) => i.row === 0).map((i) => [i.code, i.severity])).toEqual([
      ["missing-column", "error"],
    ]);
    const all = await parseFacilityFile(positions, "pos.csv", {
      typeOverrides: { byRow: { 2: "thc", 3: "ems-station" } },
    });
    const file = all.issues.filter((i) => i.row === 0);
    expect(file.map((i) => [i.code, i.severity, i.message.zh])).toEqual([
      ["missing-column", "note", "找不到名称列和类型列：各行类型均已人工指定"],
    ]);
    expect(all.facilities.map((f) => f.type)).toEqual(["thc", "ems-station"]);
    expect(all.issues.some((i) => i.severity === "error")).toBe(false);
  });
});
