import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli, workDir } from "./run";

/**
 * A row just outside every loaded county, next to the one it states: counted there, and every command says so alike
 * (the CLI trial, s54b H3: 徐庄镇卫生院, 0.24 km outside 登封市 in 禹州市 by the approximate boundaries, was said by
 * `report` and `suggest` to count in no county, while a regional `analyze` counted it in 登封市 unsaid; both counted it
 * in 徐庄镇).
 */
const LIST = [
  "编号,名称,类型,经度,纬度,县区,乡镇",
  "F1,大金店镇卫生院,乡镇卫生院,112.966067,34.428606,登封市,大金店镇",
  "F6,徐庄镇卫生院,乡镇卫生院,113.29631,34.348708,登封市,徐庄镇",
].join("\n");

const rejectedRows = (dir: string) =>
  readFileSync(join(dir, "rejected.csv"), "utf8")
    .split("\n")
    .filter((l) => l.includes(",3,"));

describe("a row just outside the county it states", () => {
  it("is counted there, with the same note from report and a regional analyze", async () => {
    const work = workDir("near-stated-");
    const file = join(work, "zz.csv");
    writeFileSync(file, `${LIST}\n`);
    // 0.26 km by GEOS and pyproj's geodesic on the shipped boundary (nearest point of 登封市's outline): 264 m
    const note =
      "“徐庄镇卫生院”位于所填县区 登封市（410185） 的边界之外 0.3 km：边界数据为近似，按所填县区计入；请核对坐标";
    const report = await cli(
      "report",
      ...["--facilities", file, "--city", "郑州市", "--county", "410185", "--crs", "gcj02", "--out", join(work, "r")],
    );
    expect(report.code, report.err).toBe(0);
    const r = rejectedRows(join(work, "r"));
    expect(r.join("\n")).toContain(`near-stated-county,${note}`);
    // not also said to count nowhere
    expect(r.join("\n")).not.toContain("outside-boundaries");
    const analyze = await cli(
      "analyze",
      ...["--facilities", file, "--city", "郑州市", "--crs", "gcj02", "--out", join(work, "a")],
    );
    expect(analyze.code, analyze.err).toBe(0);
    const a = rejectedRows(join(work, "a"));
    expect(a.join("\n")).toContain(`near-stated-county,${note}`);
    // and counted in its township: 徐庄镇 is not one lacking its health centre (as 大金店镇's neighbours are)
    const thc = readFileSync(join(work, "a", "violations.geojsonl"), "utf8")
      .split("\n")
      .filter(Boolean)
      .map((l) => (JSON.parse(l) as { properties: { rule: string; county: string; unitName: string } }).properties)
      .filter((p) => p.rule === "THC-PER-TOWNSHIP" && p.county === "410185");
    expect(thc.length).toBeGreaterThan(5);
    expect(thc.map((p) => p.unitName)).toContain("颍阳镇");
    expect(thc.map((p) => p.unitName)).not.toContain("徐庄镇");
    expect(thc.map((p) => p.unitName)).not.toContain("大金店镇");
    expect(readFileSync(join(work, "r", "report.html"), "utf8")).toContain("徐庄镇卫生院");
  });
});

describe("a run over cities with and without a local plan", () => {
  it("says which are judged by their own plans and which by the shared rules (the CLI trial, s54b L13)", async () => {
    const work = workDir("plans-said-");
    const file = join(work, "list.csv");
    writeFileSync(file, `${LIST}\nX1,西峡急救站,急救站,111.48,33.30,西峡县,\n`);
    const r = await cli(
      "analyze",
      "--counties",
      "410185,411323",
      "--facilities",
      file,
      "--crs",
      "gcj02",
      "--out",
      join(work, "o"),
    );
    expect(r.code, r.err).not.toBe(2);
    const line = r.out.split("\n").find((l) => l.includes("未加载本地规划")) ?? "";
    expect(line.startsWith("南阳市按本市规划核查；其余 1 个城市（郑州市）未加载本地规划：只按五份规划中至少两份")).toBe(
      true,
    );
    expect(line).toContain(
      " / Nanyang is checked by its own plans; no local plan is loaded for the other 1 city (Zhengzhou): it is checked only against",
    );
    expect(line).not.toContain("该市");
  });
});

describe("a list of proposed sites alone, in a region run", () => {
  it("says the proposed sites are not counted as the list's (the CLI trial, s54b M6)", async () => {
    const work = workDir("proposed-only-");
    const file = join(work, "suggestions.geojson");
    const site = (id: string, lon: number, lat: number) => ({
      type: "Feature",
      geometry: { type: "Point", coordinates: [lon, lat] },
      properties: { id, name: `建议急救站 ${id}`, type: "ems-station", proposed: true },
    });
    writeFileSync(
      file,
      JSON.stringify({ type: "FeatureCollection", features: [site("S1", 113.0, 34.45), site("S2", 113.1, 34.42)] }),
    );
    const r = await cli("analyze", "--counties", "410185", "--facilities", file, "--out", join(work, "o"));
    expect(r.code, r.err).not.toBe(2);
    expect(r.out).toContain("清单含其设施的县区 0 个（共 1 个，规划新增站点不计）");
    expect(r.out).toContain("the list has facilities in 0 of the 1 county (proposed sites not counted)");
  });
});
