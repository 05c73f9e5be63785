import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { exportFacilitiesCsv, withUnitNames } from "../../src/core";
import { cli, workDir } from "./run";

/** The facility exports name the township and village beside their codes (the GIS trial: codes only, no join). */
const work = workDir("export-names-");

describe("township and village names in the facility exports", () => {
  it("analyze's facilities.geojson carries townshipName and villageName from the city's list", async () => {
    const csv = join(work, "list.csv");
    writeFileSync(
      csv,
      "名称,类型,经度,纬度,所属县区,乡镇,行政村\n袁店村卫生室,村卫生室,111.50,33.36,西峡县,丹水镇,袁店村\n某急救站,急救站,111.51,33.35,西峡县,,\n",
    );
    const out = join(work, "out");
    const r = await cli("analyze", "--facilities", csv, "--out", out);
    expect(r.code).toBe(0);
    const fc = JSON.parse(readFileSync(join(out, "facilities.geojson"), "utf8"));
    const props = fc.features.map((f: { properties: Record<string, unknown> }) => [
      f.properties.township,
      f.properties.townshipName,
      f.properties.village,
      f.properties.villageName,
    ]);
    expect(props).toEqual([
      ["411323101", "丹水镇", "411323101200", "袁店村民委员会"],
      [undefined, undefined, undefined, undefined],
    ]);
  });

  it("the CSV has the two name columns after the codes", () => {
    const named = withUnitNames(
      [{ id: "a", name: "甲", type: "village-clinic" as const, lon: 111.5, lat: 33.36, township: "411323101" }],
      {
        counties: [{ townships: [{ code: "411323101", name: "丹水镇", villages: [] }] }],
      },
    );
    const [head, row] = exportFacilitiesCsv(named)
      .replace(/^\uFEFF/, "")
      .split("\r\n");
    const cols = head.split(",");
    expect(cols.slice(cols.indexOf("village"), cols.indexOf("village") + 3)).toEqual([
      "village",
      "townshipName",
      "villageName",
    ]);
    expect(row.split(",")[cols.indexOf("townshipName")]).toBe("丹水镇");
  });
});
