import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseFacilityFile } from "../../src/core";
import { TWO_COUNTIES as boundaries, cli, FIXTURES as fixtures, readJson, suggestArgs, workDir } from "./run";

/** Issue 9 on the command line: the city's plans by default, the comparison set by name, and the new options. */

const facilities = join(fixtures, "facilities-good.csv");
const work = workDir("cli-fidelity-");

const analyze = (name: string, ...extra: string[]) =>
  cli("analyze", "--facilities", facilities, "--boundaries", boundaries, "--out", join(work, name), ...extra);

describe("cli: which plan applies", () => {
  it("--help says the city's plans are the default and how to pick the comparison set", async () => {
    const r = await cli("analyze", "--help");
    expect(r.out).toContain("--rules all");
    expect(r.out).toContain("all five plans, for comparison");
    for (const o of ["--cross-border", "--sub-count-variant", "--urban FILE", "--unit-population", "--staffing"])
      expect(r.out).toContain(o);
    expect(r.out).toContain("--central-city-radius-km");
    const s = await cli("suggest", "--help");
    expect(s.out).toContain("--cross-border");
    expect(s.out).toContain("--rules all");
  });

  it("defaults to the city's plans; --rules all picks the comparison set", async () => {
    const own = await analyze("own");
    expect(own.code).toBe(0);
    expect(readJson(join(work, "own", "report.json")).ruleSetId).toBe("nanyang");
    expect(own.out).toContain("南阳市规划（000 + 003）");
    const all = await analyze("all", "--rules", "all");
    expect(all.code).toBe(0);
    expect(readJson(join(work, "all", "report.json")).ruleSetId).toBe("all");
    expect(all.out).toContain("全部五份规划（对比用）");
  });
});

describe("cli analyze: the options of issue 9", () => {
  it("--cross-border and --sub-count-variant reach the report, which says which network was counted", async () => {
    const r = await analyze("cross", "--cross-border", "--sub-count-variant", "per-county");
    expect(r.code).toBe(0);
    const rep = readJson(join(work, "cross", "report.json"));
    expect(rep.params).toMatchObject({ crossBorder: true, subCountVariant: "per-county" });
    expect(rep.emsNetworkUsed.en).toMatch(/cross-border/);
    expect(r.out).toMatch(/cross-border/);
    const sub = rep.counties[0].checks.find((c: { rule: string }) => c.rule === "SUB-COUNT");
    expect(sub.readings.find((x: { governs: boolean }) => x.governs).label.zh).toContain("003:143");
    const own = readJson(join(work, "own", "report.json"));
    expect(own.params.crossBorder).toBe(false);
    expect(own.emsNetworkUsed.en).toMatch(/own network/);
  });

  it("--central-city-radius-km and --county-seat-radius-km size the built-up discs; --urban FILE replaces them", async () => {
    const r = await analyze("radii", "--central-city-radius-km", "5", "--county-seat-radius-km", "3");
    expect(r.code).toBe(0);
    expect(readJson(join(work, "radii", "report.json")).params.urban).toEqual({
      centralCityRadiusKm: 5,
      countySeatRadiusKm: 3,
    });
    const urban = join(work, "城区.geojson");
    writeFileSync(
      urban,
      JSON.stringify({
        type: "FeatureCollection",
        features: [
          {
            type: "Feature",
            properties: { name: "中心城区" },
            geometry: {
              type: "Polygon",
              coordinates: [
                [
                  [112.2, 32.95],
                  [112.3, 32.95],
                  [112.3, 33.05],
                  [112.2, 33.05],
                  [112.2, 32.95],
                ],
              ],
            },
          },
        ],
      }),
    );
    const u = await analyze("urban", "--urban", urban);
    expect(u.code).toBe(0);
    const rep = readJson(join(work, "urban", "report.json"));
    expect(rep.urbanDefinitionUsed.zh).toContain("城区.geojson");
    expect(rep.urbanAreas.map((a: { properties: { source: string } }) => a.properties.source)).toEqual(["user"]);
    const gaps = readJson(join(work, "urban", "gaps.geojson"));
    expect(gaps.urbanDefinition.zh).toContain("城区.geojson");
  });

  it("--unit-population and --staffing are read, bad rows named by file, row and field", async () => {
    const unit = join(work, "units.csv");
    writeFileSync(unit, "代码,人口\n990001101,30000\n99000110,5\n");
    const staff = join(work, "staff.csv");
    writeFileSync(staff, "代码,全科医生,注册护士\n990001,80,\n990002,abc,40\n");
    const r = await analyze("units", "--unit-population", unit, "--staffing", staff);
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/units\.csv: 第 3 行 row 3，字段 field “代码”/);
    expect(r.err).toMatch(/staff\.csv: 第 3 行 row 3，字段 field “全科医生”/);
  });

  it("suggest takes --cross-border and records the network and urban area it used", async () => {
    const out = join(work, "suggest");
    const r = await cli(
      ...suggestArgs(
        { facilities, boundaries, type: "ems-station", radiusKm: 10, add: 1, gridKm: 5, method: "greedy", out },
        "--cross-border",
      ),
    );
    expect(r.code).toBe(0);
    const rep = readJson(join(out, "suggest-report.json"));
    expect(rep.params.crossBorder).toBe(true);
    expect(rep.params.urbanDefinition.en).toMatch(/built-up discs/);
  });
});

describe("import: the columns issue 9 reads", () => {
  it("staff, infectious-disease beds and the villages a shared clinic serves", async () => {
    const csv = [
      "编号,名称,类型,经度,纬度,执业（助理）医师,注册护士,药师（士）,全科医生,传染病床位,服务行政村",
      "h1,甲县人民医院,医院,112.25,33.0,320,410,38,12,60,",
      "v1,一村卫生室,村卫生室,112.3,33.0,,,,,,990001101201;990001101202、990001101203",
      "v2,二村卫生室,村卫生室,112.31,33.0,,,,,,9900011012",
    ].join("\n");
    const r = await parseFacilityFile(new TextEncoder().encode(csv), "f.csv");
    expect(r.mapping).toMatchObject({
      doctors: "执业（助理）医师",
      nurses: "注册护士",
      pharmacists: "药师（士）",
      gps: "全科医生",
      infectiousBeds: "传染病床位",
      servesVillages: "服务行政村",
    });
    const [h, v1] = r.facilities;
    expect(h).toMatchObject({ staff: { doctors: 320, nurses: 410, pharmacists: 38, gps: 12 }, infectiousBeds: 60 });
    expect(v1.servesVillages).toEqual(["990001101201", "990001101202", "990001101203"]);
    expect(r.issues.map((i) => [i.row, i.field, i.code])).toEqual([[4, "服务行政村", "not-a-code"]]);
  });
});
