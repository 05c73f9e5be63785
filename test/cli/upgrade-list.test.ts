import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli, ROOT, workDir } from "./run";

/**
 * A list with an upgrade (the app's export of a plan: a proposed sub-centre that `replaces` the central THC it raises)
 * counts the centre once, as upgraded, in a plan city's run and in a regional run alike (stop 40 left the regional
 * runs, `--counties` / `--city` by code / `--province` / `--china`, counting both), and the centre's row says why.
 */
const work = workDir("upgrade-list-");
const scenario = JSON.parse(readFileSync(join(ROOT, "geodata/scenario-nanyang.geojson"), "utf8")) as {
  features: Array<{
    properties: { id: string; name: string; type: string; county: string };
    geometry: { coordinates: [number, number] };
  }>;
};
const xixia = scenario.features.filter((f) => f.properties.county === "411323");
const centre = xixia.find((f) => f.properties.type === "central-thc");
if (!centre) throw new Error("the sample has no central THC in 西峡县");
const rows = xixia.map(
  ({ properties: p, geometry: g }) => `${p.id},${p.name},${p.type},${g.coordinates.join(",")},411323,,`,
);
const upgrade = `P1,${centre.properties.name}（升级为县域医疗卫生次中心）,sub-centre,${centre.geometry.coordinates.join(",")},411323,true,${centre.properties.id}`;
const plan = join(work, "plan.csv");
// the city run on 西峡县 alone (the whole city takes 13 s, for the same point)
const counties = JSON.parse(readFileSync(join(ROOT, "geodata/counties-nanyang.geojson"), "utf8"));
counties.features = counties.features.filter((f: { properties: { code: string } }) => f.properties.code === "411323");
const oneCounty = join(work, "xixia.geojson");
writeFileSync(oneCounty, JSON.stringify(counties));
writeFileSync(plan, `id,name,type,lon,lat,county,proposed,replaces\n${[...rows, upgrade].join("\n")}\n`);

function ids(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const features = file.endsWith(".geojsonl")
    ? text
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l))
    : JSON.parse(text).features;
  return features.map((f: { properties: { id: string } }) => f.properties.id);
}

describe("an upgrade in a facility list", () => {
  it.each([
    ["a plan city's run", ["--city", "nanyang", "--boundaries", oneCounty], "facilities.geojson"],
    ["a regional run", ["--counties", "411323"], "facilities.geojsonl"],
  ])("counts in the centre's place in %s, and the centre's row says so", async (_, args, out) => {
    const dir = join(work, args[0].replace(/^--/, ""));
    const r = await cli("analyze", ...args, "--facilities", plan, "--out", dir);
    expect(r.code, r.err).toBeLessThan(2);
    const kept = ids(join(dir, out));
    expect(kept).toContain("P1");
    expect(kept).not.toContain(centre.properties.id);
    expect(kept).toHaveLength(xixia.length);
    expect(r.out).toContain(`设施 ${xixia.length} 条已分析，0 行被拒绝`);
    const centreRow = xixia.indexOf(centre) + 2;
    expect(`${r.out}${r.err}`).toContain(
      `第 ${centreRow} 行 row ${centreRow}，字段 field “id”（值 value “${centre.properties.id}”）: [说明 note] 「${centre.properties.name}」由第 ${xixia.length + 2} 行的规划升级`,
    );
  });
});
