import { describe, expect, it } from "vitest";
import { type Facility, withoutReplaced } from "../../../src/core";
import { exportFacilitiesCsv, exportFacilitiesGeoJSON, parseFacilityFile } from "../../../src/core/io";

/**
 * An accepted upgrade (a central THC raised to a sub-centre) counts in place of the centre it raises: the re-trial
 * found the centre kept beside it, and its township flagged 「有 2 所」 by the tool's own suggestion.
 */
const centre: Facility = {
  id: "T1",
  name: "丁河镇中心卫生院",
  type: "central-thc",
  lon: 111.3,
  lat: 33.4,
  county: "411323",
};
const upgrade: Facility = {
  id: "P1",
  name: "丁河镇中心卫生院（升级为县域医疗卫生次中心）",
  type: "sub-centre",
  lon: 111.3,
  lat: 33.4,
  county: "411323",
  proposed: true,
  replaces: "T1",
};
const other: Facility = {
  id: "E1",
  name: "西峡县急救站",
  type: "ems-station",
  lon: 111.49,
  lat: 33.31,
  county: "411323",
};

describe("withoutReplaced", () => {
  it("leaves out the facility a proposed upgrade raises, and nothing else", () => {
    expect(withoutReplaced([centre, other, upgrade]).map((f) => f.id)).toEqual(["E1", "P1"]);
    // only a proposed site replaces: an existing row naming one does not
    expect(withoutReplaced([centre, { ...upgrade, proposed: false }]).map((f) => f.id)).toEqual(["T1", "P1"]);
    expect(withoutReplaced([centre, other])).toEqual([centre, other]);
  });

  it("the export of a plan carries it, CSV and GeoJSON, and reading it back gives the same", async () => {
    for (const [text, name] of [
      [exportFacilitiesCsv([other, upgrade]), "plan.csv"],
      [exportFacilitiesGeoJSON([other, upgrade]), "plan.geojson"],
    ] as const) {
      const r = await parseFacilityFile(new TextEncoder().encode(text), name);
      const p = r.facilities.find((f) => f.id === "P1");
      expect(p?.replaces, name).toBe("T1");
      expect(p?.extra, name).toBeUndefined();
    }
  });

  it("the raised facility's row says it is replaced, and an upgrade of an id the list lacks is noted (the tool's own export)", async () => {
    const text = exportFacilitiesCsv([centre, other, upgrade, { ...upgrade, id: "P2", replaces: "T9" }]);
    const r = await parseFacilityFile(new TextEncoder().encode(text), "plan.csv");
    const said = r.issues.filter((i) => i.code === "replaced-by-upgrade" || i.code === "upgrade-of-unknown");
    expect(said.map((i) => [i.row, i.field, i.value, i.severity, i.code])).toEqual([
      [2, "id", "T1", "note", "replaced-by-upgrade"],
      [5, "replaces", "T9", "note", "upgrade-of-unknown"],
    ]);
    expect(said[0].message.zh).toBe(
      "「丁河镇中心卫生院」由第 4 行的规划升级「丁河镇中心卫生院（升级为县域医疗卫生次中心）」代替：核查、地图和导出按升级后的机构计，本行不重复计数",
    );
    // every row is read: leaving the centre out is the checks' business (withoutReplaced), not the reader's
    expect(r.facilities.map((f) => f.id)).toEqual(["T1", "E1", "P1", "P2"]);
  });
});
