import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import geographiclib from "geographiclib-geodesic";
import { describe, expect, it } from "vitest";
import { cli, readJson, workDir } from "./run";

/**
 * The user trial's list, remade: a county planner's 59 rows for 南宫市 (130581), whose plan 002 judges 南宫市 alone
 * while 邢台's other 18 counties are context. Rows 15 and 16 are both 明化镇卫生院, 35 m apart (imported without a word,
 * then counted twice); row 60, 威县人民医院, lies in 威县, a context county (only a wrong whole-file warning said
 * anything: that 17 counties would be judged as having none).
 */
const work = workDir("cli-trial-nangong-");
const geod = geographiclib.Geodesic.WGS84;
const from = (lon: number, lat: number, azimuth: number, metres: number): [number, number] => {
  const r = geod.Direct(lat, lon, azimuth, metres);
  return [r.lon2 as number, r.lat2 as number];
};
const NANGONG_SEAT: [number, number] = [115.40875, 37.35926];
const WEIXIAN_SEAT: [number, number] = [115.2667, 36.97548];
const at = (p: [number, number]) => `${p[0].toFixed(6)},${p[1].toFixed(6)}`;

function trialList(): string {
  const lines = ["名称,类型,经度,纬度"];
  for (let row = 2; row <= 59; row++) {
    if (row === 15) lines.push(`明化镇卫生院,乡镇卫生院,${at(from(...NANGONG_SEAT, 20, 1500))}`);
    else if (row === 16) lines.push(`明化镇卫生院,乡镇卫生院,${at(from(...from(...NANGONG_SEAT, 20, 1500), 100, 35))}`);
    else lines.push(`南宫${row}村卫生室,村卫生室,${at(from(...NANGONG_SEAT, (row * 37) % 360, 300 + row * 40))}`);
  }
  lines.push(`威县人民医院,医院,${at(WEIXIAN_SEAT)}`);
  const file = join(work, "南宫市.csv");
  writeFileSync(file, lines.join("\n"));
  return file;
}

const issueLines = (dir: string) => readFileSync(join(dir, "rejected.csv"), "utf8").trim().split("\r\n");

describe("analyze: the user trial's 南宫市 list", () => {
  const file = trialList();

  it("flags row 16 as a possible duplicate of row 15 and row 60 as context; no warning of 17 counties judged as having none", async () => {
    const out = join(work, "all");
    const r = await cli("analyze", "--city", "nangong", "--facilities", file, "--out", out);
    expect(r.code).toBe(0);
    expect(r.out).not.toContain("清单中的设施只在");
    expect(r.out).toContain(
      "南宫市.csv: 第 16 行 row 16，字段 field “名称”（值 value “明化镇卫生院”）: [警告 warning] 疑似重复：与第 15 行名称（明化镇卫生院）、类型（乡镇卫生院）相同，相距 35 米",
    );
    expect(r.out).toContain(
      "南宫市.csv: 第 60 行 row 60，字段 field “经度/纬度”: [说明 note] 第 60 行在威县，不在本规划约束的县区（南宫市）内：作背景显示，不参与核查",
    );
    // the count line says it too, with the option that strikes it out
    expect(r.out).toContain(
      "设施 59 条已分析，0 行被拒绝，1 行疑似重复录入（存疑，仍计入；核对后可加 --drop-rows 16 剔除） / 59 facilities analysed, 0 rows rejected, 1 row possibly entered twice (doubtful, still counted; once checked, --drop-rows 16 strikes it out)",
    );
    const lines = issueLines(out);
    expect(lines.filter((l) => l.includes("counties-without-facilities"))).toEqual([]);
    expect(lines.filter((l) => /^南宫市\.csv,16,/.test(l))).toEqual([
      expect.stringMatching(/^南宫市\.csv,16,名称,明化镇卫生院,warning,possible-duplicate,疑似重复：.*,imported$/),
      // the list has no 乡镇 column: the centre's name gives its township, to check
      expect.stringMatching(
        /^南宫市\.csv,16,名称,明化镇卫生院,note,township-from-name,名称“明化镇卫生院”含明化镇（130581103）.*,imported$/,
      ),
    ]);
    expect(lines.filter((l) => /^南宫市\.csv,60,/.test(l))).toEqual([
      expect.stringMatching(/^南宫市\.csv,60,经度\/纬度,,note,context-county,第 60 行在威县.*,imported$/),
    ]);
    const report = readJson(join(out, "report.json"));
    expect(report.scope.judged).toEqual(["130581"]);
    expect(report.listScope).toBeUndefined();
  });

  it("--drop-rows 16 takes the copy out of the analysis, as the message says", async () => {
    const out = join(work, "struck");
    const r = await cli("analyze", "--city", "nangong", "--facilities", file, "--drop-rows", "16", "--out", out);
    expect(r.code).toBe(0);
    expect(r.out).toContain("设施 58 条已分析，0 行被拒绝，1 行按 --drop-rows 剔除 / ");
    const names = readJson(join(out, "facilities.geojson")).features.map(
      (f: { properties: { name: string } }) => f.properties.name,
    );
    expect(names.filter((n: string) => n === "明化镇卫生院")).toHaveLength(1);
    expect(issueLines(out).filter((l) => /^南宫市\.csv,16,/.test(l))).toEqual([
      expect.stringMatching(/,possible-duplicate,.*,struck-out$/),
      expect.stringMatching(/,township-from-name,.*,struck-out$/),
      expect.stringMatching(/,dropped-by-user,.*,struck-out$/),
    ]);
  });
});

describe("report: the same list", () => {
  it("counts row 16 among the doubtful rows kept, and says nothing of the context counties' lack", async () => {
    const out = join(work, "report");
    const r = await cli("report", "--city", "nangong", "--facilities", trialList(), "--out", out);
    expect(r.code).toBe(0);
    expect(r.out).not.toContain("清单中的设施只在");
    expect(r.out).toContain("[说明 note] 第 60 行在威县，不在本规划约束的县区（南宫市）内");
    const html = readFileSync(join(out, "report.html"), "utf8");
    expect(html).toContain("设施导入：文件 南宫市.csv 共 59 行，采用 59 行，存疑仍计入 1 行（第 16 行）");
  }, 120_000);
});
