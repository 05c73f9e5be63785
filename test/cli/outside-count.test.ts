import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli, TWO_COUNTIES, workDir } from "./run";

const work = workDir("cli-outside-count-");

describe("cli: facilities lying in no county are counted apart, not as analysed (the GIS trial)", () => {
  it("says how many lie outside, with their warnings, and counts a coded one by its code", async () => {
    const file = join(work, "outside.csv");
    writeFileSync(
      file,
      [
        "id,name,type,lon,lat,county",
        "a1,甲县急救站,急救站,112.4,32.9,990001",
        "a2,北京某站,急救站,116.4,39.9,",
        "a3,天津某站,急救站,117.2,39.1,",
      ].join("\n"),
    );
    const r = await cli("analyze", "--facilities", file, "--boundaries", TWO_COUNTIES, "--out", join(work, "o"));
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      "设施 1 条已分析，2 条不在任何县区内（不计入各县核查，仅跨县覆盖时作急救点计），0 行被拒绝 / 1 facility analysed, 2 facilities lie in no county",
    );
    const warnings = r.out.split("\n").filter((l) => l.includes("位于已加载的行政区边界之外"));
    expect(warnings).toHaveLength(2);
    // each names where it lies among every prefecture-level city (the reviewer trial, s45-a), as the app's import
    expect(warnings[0]).toContain("“北京某站”位于已加载的行政区边界之外（在北京市东城区境内）");
    expect(warnings[1]).toContain("“天津某站”位于已加载的行政区边界之外（在天津市");
  });
});

describe("cli: a table's row numbers are said to be its lines, not a 序号 column's (the re-trial, s46)", () => {
  it("says so once for a table with row issues, not for a GeoJSON", async () => {
    const table = join(work, "rows.csv");
    writeFileSync(
      table,
      ["序号,名称,类型,经度,纬度", "1,甲卫生院,乡镇卫生院,,33.0", "2,乙卫生院,乡镇卫生院,112.5,33.0"].join("\n"),
    );
    const r = await cli("analyze", "--facilities", table, "--boundaries", TWO_COUNTIES, "--out", join(work, "t"));
    expect(r.out.split("\n").filter((l) => l.includes("所列行号为表格中的行（表头为第 1 行"))).toHaveLength(1);
    const geo = join(work, "rows.geojson");
    writeFileSync(
      geo,
      JSON.stringify({
        type: "FeatureCollection",
        features: [{ type: "Feature", geometry: null, properties: { name: "甲卫生院", type: "thc" } }],
      }),
    );
    const g = await cli("analyze", "--facilities", geo, "--boundaries", TWO_COUNTIES, "--out", join(work, "g"));
    expect(g.out).not.toContain("所列行号");
  });
});
