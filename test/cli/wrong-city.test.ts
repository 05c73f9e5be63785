import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cli } from "./run";

/**
 * Issue 11: the CLI refuses to analyse facilities that mostly fall outside the chosen city, and says which city the
 * points belong to. The reference: the sample scenarios are made inside their own city's counties.
 */

const root = resolve(import.meta.dirname, "../..");
const work = mkdtempSync(join(tmpdir(), "cli-wrong-city-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const scenario = (city: string) => JSON.parse(readFileSync(join(root, `geodata/scenario-${city}.geojson`), "utf8"));

describe("facilities of another city", () => {
  it("Yichun's facilities analysed as Nanyang's (the default city): exit 2, they lie in 宜春市, use --city yichun", async () => {
    const out = join(work, "yichun-as-nanyang");
    const r = await cli("analyze", "--facilities", join(root, "geodata/scenario-yichun.geojson"), "--out", out);
    expect(r.code).toBe(2);
    const text = r.out + r.err;
    const n = scenario("yichun").features.length;
    expect(text).toContain(`${n} 个设施中有 ${n} 个不在南阳市的县区内`);
    expect(text).toMatch(/宜春市（\d+ 个）/);
    expect(text).toContain("--city yichun");
    expect(existsSync(join(out, "report.json"))).toBe(false);
  });

  it("a few points outside (under half): the run goes on, those rows are listed (exit 3) and the report is written", async () => {
    const nanyang = scenario("nanyang");
    const yichun = scenario("yichun");
    const some = yichun.features.slice(0, Math.floor(nanyang.features.length / 4));
    const file = join(work, "mixed.geojson");
    writeFileSync(file, JSON.stringify({ ...nanyang, features: [...nanyang.features, ...some] }));
    const r = await cli("analyze", "--facilities", file, "--out", join(work, "mixed"));
    expect(r.code).toBe(3);
    expect(r.out + r.err).not.toContain("不予分析");
    expect(existsSync(join(work, "mixed", "report.json"))).toBe(true);
  });
});

describe("a city with no local plan, a province, and codes the boundaries lack (trials s41-a #6, s41-b #1)", () => {
  // no folder left behind either (the re-trial: a refused run left an empty one)
  const nothingIn = (dir: string) => !existsSync(dir);
  // two facilities of 金寨县 (六安市, 安徽), next to 信阳's 商城县
  const jinzhai = join(work, "jinzhai.csv");
  writeFileSync(jinzhai, "name,type,lon,lat\n金寨县人民医院,医院,115.93,31.68\n金寨县急救站,急救站,115.90,31.70\n");

  it.each([
    ["analyze", ["analyze", "--city", "xinyang"]],
    [
      "suggest",
      [
        "suggest",
        "--city",
        "xinyang",
        "--county",
        "411524",
        "--type",
        "ems-station",
        "--radius-km",
        "20",
        "--add",
        "2",
      ],
    ],
  ])("%s --city xinyang with 金寨县's list: exit 2, nothing written, the list lies in 六安市", async (_, args) => {
    const out = join(work, `jinzhai-${args[0]}`);
    const r = await cli(...args, "--facilities", jinzhai, "--out", out);
    expect(r.code).toBe(2);
    expect(r.out + r.err).toContain("2 个设施中有 2 个不在信阳市的县区内");
    expect(r.out + r.err).toContain("--city luan（六安市）");
    expect(nothingIn(out)).toBe(true);
  });

  it("a run of counties none of the list lies in: exit 2, nothing written (it wrote a run of 0 facilities, exit 0)", async () => {
    const out = join(work, "jinzhai-shangcheng");
    const r = await cli("analyze", "--counties", "411524", "--facilities", jinzhai, "--out", out);
    expect(r.code).toBe(2);
    expect(r.out + r.err).toContain("2 行中没有一条在本次范围内（拒收 0，不在范围 2），未写入任何结果");
    expect(r.out + r.err).toContain("这些点位于六安市（2 个）");
    expect(r.out + r.err).toContain("--city luan（六安市）");
    expect(nothingIn(out)).toBe(true);
  });

  it("赣州's current codes 360783 (龙南市) and 360704 (赣县区), which its boundaries predate: counted where they lie, said", async () => {
    const file = join(work, "ganzhou.csv");
    writeFileSync(
      file,
      "name,type,lon,lat,county\n龙南市杨村镇卫生院,乡镇卫生院,114.79,24.75,360783\n赣县区王母渡镇卫生院,乡镇卫生院,115.03,25.63,360704\n",
    );
    const r = await cli("analyze", "--city", "赣州市", "--facilities", file, "--out", join(work, "ganzhou"));
    const text = r.out + r.err;
    expect(r.code).toBe(0);
    expect(text).toContain("设施 2 条已分析，0 行被拒绝");
    expect(text).toContain(
      "县级代码“360783”不在边界数据中（区划代码可能在边界数据之后有调整）；按位置计入 龙南县（360727）",
    );
    const kept = readFileSync(join(work, "ganzhou", "facilities.geojsonl"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l).properties.county);
    expect(kept.sort()).toEqual(["360721", "360727"]);
  });
});
