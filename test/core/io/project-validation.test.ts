import { describe, expect, it } from "vitest";
import { parseProject, parseSavedSession, SAVED_IMPORT_ISSUES, serializeProject } from "../../../src/core/io";

const square = [
  [
    [112, 33],
    [112.1, 33],
    [112.1, 33.1],
    [112, 33.1],
    [112, 33],
  ],
];
const county = {
  type: "Feature",
  properties: { code: "411302", name: "宛城区", kind: "district", seat: [112.05, 33.05], city: "nanyang" },
  geometry: { type: "Polygon", coordinates: square },
};
const good = {
  city: "nanyang",
  ruleSetId: "default",
  params: { ruralRadiusKm: 15, crossBorder: true },
  facilities: [{ id: "a", name: "卫生院", type: "thc" as const, lon: 112.05, lat: 33.05 }],
  proposed: [],
};

function project(patch: Record<string, unknown>): string {
  return JSON.stringify({ ...JSON.parse(serializeProject(good)), ...patch });
}

describe("project files are validated in full", () => {
  it("a good project still opens", () => {
    expect(
      parseProject(serializeProject({ ...good, boundaries: { type: "FeatureCollection", features: [county] } })).ok,
    ).toBe(true);
  });

  it.each([
    ["params of the wrong type", { params: { ruralRadiusKm: "15" } }, "params.ruralRadiusKm"],
    ["unknown params", { params: { radius: 5 } }, "params"],
    // (a number out of its range, e.g. a negative radius, is set aside, not refused: test/core/io/project-params.test.ts)
    [
      "a boundary feature without geometry",
      { boundaries: { type: "FeatureCollection", features: [{ ...county, geometry: null }] } },
      "boundaries.features.0.geometry",
    ],
    [
      "a boundary feature with text coordinates",
      {
        boundaries: {
          type: "FeatureCollection",
          features: [{ ...county, geometry: { type: "Polygon", coordinates: [[["a", "b"]]] } }],
        },
      },
      "boundaries.features.0.geometry",
    ],
    [
      "a boundary feature without county properties",
      { boundaries: { type: "FeatureCollection", features: [{ ...county, properties: { name: "x" } }] } },
      "boundaries.features.0.properties",
    ],
  ])("%s is refused, naming the field, in Chinese and English", (_label, patch, field) => {
    const r = parseProject(project(patch), "p.hfp.json");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.some((e) => e.field.startsWith(field))).toBe(true);
    // a value of the wrong type is not "missing"
    if (field === "params.ruralRadiusKm") expect(r.errors[0].message.en).toContain("must be a number");
    for (const e of r.errors) {
      expect(e.message.zh).toMatch(/[\u4e00-\u9fff]/);
      // zod's own English stays out of the Chinese text
      expect(e.message.zh).not.toMatch(/expected|Invalid|Too small|Unrecognized/);
    }
  });
});

describe("saved sessions are validated before the app uses them", () => {
  const session = {
    cityId: "nanyang",
    ruleSetId: "default",
    params: {},
    datasets: {},
    proposed: { nanyang: [{ ...good.facilities[0], proposed: true }] },
    population: {},
  };

  it("a good session passes unchanged", () => {
    const r = parseSavedSession(session);
    expect(r).toEqual({ ok: true, state: session, warnings: [] });
  });

  it("a dataset keeps its import's problem list, up to SAVED_IMPORT_ISSUES (read again after a reload)", () => {
    const issue = {
      file: "list.csv",
      row: 3,
      field: "经度",
      message: { zh: "经度为空", en: "longitude is empty" },
      severity: "error" as const,
      code: "missing-coordinate",
    };
    const dataset = { fileName: "list.csv", importedAt: "2026-12-06T08:00:00Z", facilities: good.facilities };
    const kept = { ...session, datasets: { nanyang: { ...dataset, issues: [issue], issuesTotal: 6000 } } };
    expect(parseSavedSession(kept)).toEqual({ ok: true, state: kept, warnings: [] });
    const tooMany = {
      ...session,
      datasets: { nanyang: { ...dataset, issues: Array.from({ length: SAVED_IMPORT_ISSUES + 1 }, () => issue) } },
    };
    expect(parseSavedSession(tooMany).ok).toBe(false);
    const badSeverity = {
      ...session,
      datasets: { nanyang: { ...dataset, issues: [{ ...issue, severity: "fatal" }] } },
    };
    expect(parseSavedSession(badSeverity).ok).toBe(false);
  });

  it.each([
    ["not an object", "garbage"],
    [
      "a dataset facility with no coordinates",
      {
        ...session,
        datasets: {
          nanyang: {
            fileName: "a.csv",
            importedAt: "2026-12-06T08:00:00Z",
            facilities: [{ id: "x", name: "y", type: "thc" }],
          },
        },
      },
    ],
    ["a dataset of the wrong shape", { ...session, datasets: { nanyang: { facilities: "lots" } } }],
    [
      "boundaries without geometry",
      {
        ...session,
        boundaries: {
          nanyang: {
            fileName: "b",
            counties: { type: "FeatureCollection", features: [{ ...county, geometry: null }] },
          },
        },
      },
    ],
    ["a params value of the wrong type", { ...session, params: { countySeatRadiusKm: "3" } }],
  ])("%s is refused with the reasons", (_label, value) => {
    const r = parseSavedSession(value);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.length).toBeGreaterThan(0);
  });

  it("a proposed site with no coordinates is left out alone, named, and the session loads (the user trial, s50 H1)", () => {
    const r = parseSavedSession({ ...session, proposed: { nanyang: [{ id: "x", name: "y", type: "thc" }] } });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.state.proposed.nanyang).toEqual([]);
    expect(r.warnings.map((w) => [w.code, w.field])).toEqual([["site-set-aside", "proposed.nanyang.0"]]);
  });

  it("refuses an id given twice, among the facilities or between them and the proposed sites, naming both places (the bad-files trial, s56b H2)", () => {
    const f = good.facilities[0];
    const twice = parseProject(
      project({
        facilities: [f, { ...f, name: "卫生院二", lon: 112.06 }, { ...f, id: "b" }],
        proposed: [{ ...f, id: "b", name: "规划急救站", type: "ems-station", proposed: true }],
      }),
      "19e.hfp.json",
    );
    expect(twice.ok).toBe(false);
    if (twice.ok) return;
    expect(twice.errors.map((e) => [e.file, e.field, e.value, e.code])).toEqual([
      ["19e.hfp.json", "facilities.1.id", "a", "duplicate-id"],
      ["19e.hfp.json", "proposed.0.id", "b", "duplicate-id"],
    ]);
    expect(twice.errors[0].message.zh).toBe(
      "facilities.1.id：编号“a”与 facilities.0.id 重复（每个设施和规划站点的编号须唯一）：请改正后再打开",
    );
  });

  it("a project cut short says where and that the file is incomplete, in Chinese without the parser's English (the bad-files trial, s56b L)", () => {
    const whole = project({});
    const cut = parseProject(whole.slice(0, whole.indexOf('"name"') + 8), "19a.hfp.json");
    expect(cut.ok).toBe(false);
    if (cut.ok) return;
    expect(cut.errors[0].message.zh).toMatch(
      /^不是有效的 JSON（第 1 行第 \d+ 列）：文件在此中断，似乎没有完整保存或下载/,
    );
    expect(cut.errors[0].message.zh).not.toMatch(/[a-z]{4}/);
    const comma = parseProject(whole.replace('"city"', ',"city"'), "x.hfp.json");
    expect(comma.ok).toBe(false);
    if (comma.ok) return;
    expect(comma.errors[0].message.zh).toMatch(/^不是有效的 JSON（第 1 行第 \d+ 列）：此处语法有误/);
    expect(comma.errors[0].message.en).toMatch(/^not valid JSON \(line 1, column \d+\): a syntax error there/);
  });
});
