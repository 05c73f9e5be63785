import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Feature, FeatureCollection, Point } from "geojson";
import { describe, expect, it } from "vitest";
import type { Facility } from "../../src/core/model";
import { cli, ROOT, readJson, workDir } from "./run";

// The user re-trial: 鲁山县's 瓦屋镇卫生院, its row stating 鲁山县 and 瓦屋镇, placed at 112.43, 33.47 (in 南阳市南召县, 15.9 km
// outside 鲁山县). The import warned, but 瓦屋镇 counted its centre. The command line reads it as the app does, in a
// plan city's run and in a regional one: 瓦屋镇 is for review, naming the row and the distance.
const work = workDir("cli-outside-stated-");
const LUSHAN = "410423";
const WAWU = "410423106";
const MESSAGE_ZH =
  "瓦屋镇：清单第 11 行“瓦屋镇卫生院”所填乡镇即此处，但坐标在所填县区鲁山县之外 15.9 km，未计入；待核（请核对坐标或乡镇后重新导入）";

/** 鲁山县's township health centres as a list naming county and township by name; 瓦屋镇卫生院 moved into 南召县. */
function lushanCsv(): string {
  const sample = JSON.parse(
    readFileSync(join(ROOT, "geodata/scenario-pingdingshan.geojson"), "utf8"),
  ) as FeatureCollection<Point, Facility>;
  const divisions = JSON.parse(readFileSync(join(ROOT, "geodata/divisions-pingdingshan.json"), "utf8")) as {
    counties: Array<{ code: string; townships: Array<{ code: string; name: string }> }>;
  };
  const names = new Map(
    divisions.counties.find((c) => c.code === LUSHAN)?.townships.map((t) => [t.code, t.name] as const),
  );
  const rows = sample.features
    .filter((f: Feature<Point, Facility>) => f.properties.county === LUSHAN && /thc|chc/.test(f.properties.type))
    .map((f) => {
      const p = f.properties;
      const [lon, lat] = p.township === WAWU ? [112.43, 33.47] : f.geometry.coordinates;
      return [
        p.name,
        p.type === "chc" ? "社区卫生服务中心" : "乡镇卫生院",
        lon,
        lat,
        "鲁山县",
        names.get(p.township ?? ""),
      ].join(",");
    });
  return ["名称,类型,经度,纬度,所属县区,所属乡镇", ...rows].join("\n");
}

describe("a row kept more than 2 km outside the county it states (the user re-trial: 瓦屋镇卫生院)", () => {
  const file = join(work, "鲁山县.csv");
  writeFileSync(file, lushanCsv());

  it("the row number the tests name is 瓦屋镇卫生院's", () => {
    expect(readFileSync(file, "utf8").split("\n")[10]).toMatch(/^瓦屋镇卫生院,/);
  });

  it("a plan city's run: 瓦屋镇 is for review naming the row, in violations.geojson and report.json", async () => {
    const out = join(work, "city");
    const r = await cli("analyze", "--city", "pingdingshan", "--facilities", file, "--out", out);
    expect(r.code).toBe(0);
    expect(r.err + r.out).toContain("不计入所填乡镇、行政村，该单位按待核计");
    const v = readJson(join(out, "violations.geojson")).features.find(
      (f: { properties: { rule: string; unitCode?: string } }) =>
        f.properties.rule === "THC-PER-TOWNSHIP" && f.properties.unitCode === WAWU,
    );
    expect(v?.properties.severity).toBe("review");
    expect(v?.properties.messageZh).toBe(MESSAGE_ZH);
    expect(v?.properties.messageEn).toContain(
      'row 11 ("瓦屋镇卫生院") of the list names this township but lies 15.9 km',
    );
    const check = readJson(join(out, "report.json"))
      .counties.find((c: { code: string }) => c.code === LUSHAN)
      .checks.find((c: { rule: string }) => c.rule === "THC-PER-TOWNSHIP");
    expect(check.status).toBe("review");
    expect(check.refused).toBe(1);
    expect(check.message.zh).toContain(
      "缺的乡镇中 1 个由清单中坐标在所填县区之外的行（所填乡镇属本县）指名，未计入，待核",
    );
    // still a facility of 鲁山县 where it lies, with its township, exported once
    const listed = readJson(join(out, "facilities.geojson")).features.filter(
      (f: { properties: { name: string } }) => f.properties.name === "瓦屋镇卫生院",
    );
    expect(listed).toHaveLength(1);
    expect(listed[0].properties.county).toBe(LUSHAN);
    expect(listed[0].properties.township).toBe(WAWU);
  });

  it("a regional run (平顶山市 by name): the same", async () => {
    const out = join(work, "region");
    const r = await cli("analyze", "--city", "平顶山市", "--stream", "--facilities", file, "--out", out);
    expect(r.code).toBe(0);
    expect(r.err + r.out).toContain("不计入所填乡镇、行政村，该单位按待核计");
    const lines = readFileSync(join(out, "violations.geojsonl"), "utf8")
      .split("\n")
      .filter(Boolean)
      .map(
        (l) =>
          JSON.parse(l) as { properties: { rule: string; unitCode?: string; severity: string; messageZh: string } },
      );
    const v = lines.find((f) => f.properties.rule === "THC-PER-TOWNSHIP" && f.properties.unitCode === WAWU);
    expect(v?.properties.severity).toBe("review");
    expect(v?.properties.messageZh).toBe(MESSAGE_ZH);
  });

  it("struck out with --drop-rows, the row names nothing for review: 瓦屋镇 lacks its centre", async () => {
    const out = join(work, "dropped");
    const r = await cli("analyze", "--city", "pingdingshan", "--facilities", file, "--drop-rows", "11", "--out", out);
    expect(r.code).toBe(0);
    const v = readJson(join(out, "violations.geojson")).features.find(
      (f: { properties: { rule: string; unitCode?: string } }) =>
        f.properties.rule === "THC-PER-TOWNSHIP" && f.properties.unitCode === WAWU,
    );
    expect(v?.properties.severity).toBe("error");
    expect(v?.properties.messageZh).toMatch(/^瓦屋镇：无乡镇卫生院/);
  });
});
