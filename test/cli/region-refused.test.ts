import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli, workDir } from "./run";

/**
 * A regional run's facilities.geojsonl keeps every row of the list, as a city run's facilities.geojson does: the rows
 * refused for their position as features with no geometry, naming their row and reason (the CLI trial, s54b M4: 23
 * features for a list of 25, the two refused rows seen only in rejected.csv). Shards still concatenate to the single
 * run: a refused row naming a county goes with its city, one naming none after every city, in the last shard.
 */
const LIST = [
  "编号,名称,类型,经度,纬度,县区",
  "H1,海口急救站,急救站,110.32,20.03,460106",
  "H2,秀英急救站,急救站,东经110度,20.0,460105",
  "W1,三亚急救站,急救站,109.51,18.26,460203",
  "X1,无坐标急救站,急救站,110.3,,",
].join("\n");

const lines = (file: string) =>
  readFileSync(file, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { id: string; geometry: unknown; properties: Record<string, unknown> });

describe("refused rows in a regional run's facilities.geojsonl", () => {
  it("are kept with no geometry, and the shards concatenate to the single run", async () => {
    const work = workDir("region-refused-");
    const file = join(work, "hainan.csv");
    writeFileSync(file, `${LIST}\n`);
    const args = ["--counties", "460105,460106,460203", "--facilities", file];
    const full = join(work, "full");
    const r = await cli("analyze", ...args, "--out", full);
    expect(r.code, r.err).toBe(3);
    const features = lines(join(full, "facilities.geojsonl"));
    expect(
      features.map((f) => [f.id, f.geometry === null, f.properties.refusedRow, f.properties.refusedReason]),
    ).toEqual([
      ["H1", false, undefined, undefined],
      ["H2", true, 3, "not-a-number"],
      ["W1", false, undefined, undefined],
      ["X1", true, 5, "missing-coordinate"],
    ]);
    expect(features[1].properties.county).toBe("460105");
    const text = readFileSync(join(full, "facilities.geojsonl"), "utf8");
    const shards: string[] = [];
    for (const shard of ["1/2", "2/2"]) {
      const out = join(work, shard.replace("/", "-of-"));
      const s = await cli("analyze", ...args, "--shard", shard, "--out", out);
      expect(s.code, s.err).not.toBe(2);
      shards.push(readFileSync(join(out, "facilities.geojsonl"), "utf8"));
    }
    expect(shards.join("")).toBe(text);
  });
});
