import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cli } from "./run";

const root = resolve(import.meta.dirname, "../..");
const work = mkdtempSync(join(tmpdir(), "suggest-multi-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

type Sample = { features: Array<{ properties: Record<string, unknown>; geometry: { coordinates: [number, number] } }> };
const sample = (city: string) =>
  JSON.parse(readFileSync(join(root, `geodata/scenario-${city}.geojson`), "utf8")) as Sample;

describe("suggest in a county the user names, from a list of several cities (the national analyst's trial, s56d M2)", () => {
  it("uses the chosen city's rows and says how many were left out; without --county the list is still refused", async () => {
    // 淅川县's EMS points of the 南阳 sample, with 40 points of 平顶山's: most of the list lies in another city
    const xichuan = sample("nanyang").features.filter(
      (f) => f.properties.county === "411326" && String(f.properties.type).startsWith("ems"),
    );
    const other = sample("pingdingshan").features.slice(0, 40);
    expect(xichuan.length).toBeGreaterThan(0);
    const rows = [...xichuan, ...other].map(
      (f, i) =>
        `m${i},${f.properties.name},${f.properties.type},${f.geometry.coordinates[0]},${f.geometry.coordinates[1]}`,
    );
    const list = join(work, "henan-part.csv");
    writeFileSync(list, `id,name,type,lon,lat\n${rows.join("\n")}\n`);
    const args = [
      "--facilities",
      list,
      "--type",
      "ems-station",
      "--radius-km",
      "20",
      "--add",
      "1",
      "--method",
      "greedy",
    ];
    const r = await cli("suggest", ...args, "--city", "南阳市", "--county", "411326", "--out", join(work, "xc"));
    expect(r.code, r.err).not.toBe(2);
    expect(`${r.out}${r.err}`).toContain(
      `清单含多个城市，${rows.length} 个设施中 ${xichuan.length} 个在南阳市的县区内，用于选址；其余 40 个不在其内，未用`,
    );
    expect(r.out).toContain("411326 淅川县");
    // a whole city's siting from another city's list is the wrong city, as before
    const whole = await cli("suggest", ...args, "--city", "南阳市", "--out", join(work, "all"));
    expect(whole.code).toBe(2);
    expect(whole.err).toContain("请改用 use: --city");
  }, 120_000);
});
