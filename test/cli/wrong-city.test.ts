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
    expect(text).toMatch(/宜春市 \d+/);
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
