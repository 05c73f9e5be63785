import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { check } from "@placemarkio/check-geojson";
import { describe, expect, it } from "vitest";
import {
  exportCsv,
  exportFacilitiesCsv,
  exportFacilitiesGeoJSON,
  exportFeaturesGeoJSON,
  exportIssuesCsv,
  parseFacilityFile,
  parseProject,
  type RowIssue,
  serializeProject,
} from "../../../src/core/io";
import type { Facility } from "../../../src/core/model";
import { expectedFacility, FIXTURE_FACILITIES } from "./fixture-data";
import { metresBetween } from "./reference";

const FACILITIES: Facility[] = [
  ...FIXTURE_FACILITIES.map(expectedFacility),
  {
    id: "P1",
    name: '拟建,"新"卫生院',
    type: "thc",
    lon: 112.123456789,
    lat: 33.987654321,
    proposed: true,
    township: "411321100",
    village: "411321100201",
    invented: true,
  },
];
const enc = (s: string) => new TextEncoder().encode(s);

function sameFacilities(got: Facility[], want: Facility[], tolDeg: number) {
  expect(got.length).toBe(want.length);
  want.forEach((w, i) => {
    const { lon, lat, ...rest } = w;
    const { lon: gl, lat: ga, ...grest } = got[i];
    expect(grest).toEqual(rest);
    expect(Math.abs(gl - lon)).toBeLessThanOrEqual(tolDeg);
    expect(Math.abs(ga - lat)).toBeLessThanOrEqual(tolDeg);
  });
}

describe("exports", () => {
  it("GeoJSON is valid RFC 7946 with metadata and round-trips", async () => {
    const text = exportFacilitiesGeoJSON(FACILITIES, {
      ruleSet: "nanyang-2021",
      params: { emsUrbanRadiusKm: 5 },
      sources: ["fixture"],
      generatedAt: "2026-01-01T00:00:00Z",
    });
    const json = JSON.parse(text);
    expect(() => check(text)).not.toThrow();
    expect(json).toMatchObject({
      type: "FeatureCollection",
      ruleSet: "nanyang-2021",
      params: { emsUrbanRadiusKm: 5 },
      sources: ["fixture"],
      generatedAt: "2026-01-01T00:00:00Z",
    });
    expect(json.crs).toBeUndefined();
    expect(text).toContain("南阳市中心医院");
    const r = await parseFacilityFile(enc(text), "export.geojson");
    // Fields rules need but the fixture lacks: townships of the THCs (F005, F006, F012), the clinic's
    // village (F007), the proposed site's county (P1).
    // three or more empty cells of a column are said once for the file, naming the rows (the GIS trial, s40-b #9)
    expect(r.issues.map((i) => [i.row, i.field, i.code])).toEqual([
      [0, "township", "missing-optional-column"],
      [7, "village", "missing-optional"],
      [14, "county", "missing-optional"],
    ]);
    expect(r.issues[0].value).toBe("5, 6, 12");
    expect(r.issues[0].message.zh).toBe(
      "“township”列有 3 行为空（第 5、6、12 行）：这些设施不能按所在乡镇计入“每个乡镇 1 所”，请补填代码或名称",
    );
    sameFacilities(r.facilities, FACILITIES, 1e-7);
  });

  it("GCJ-02 GeoJSON re-imported with no CRS chosen is read as GCJ-02 by its own marker, within 0.5 m", async () => {
    const text = exportFacilitiesGeoJSON(FACILITIES, {}, { crs: "gcj02" });
    const json = JSON.parse(text);
    // a foreign member, not the 2008 `crs` member GDAL would try to resolve
    expect(json.crs).toBeUndefined();
    expect(json.coordinateSystem.id).toBe("gcj02");
    const near = (r: Awaited<ReturnType<typeof parseFacilityFile>>) => {
      expect(r.crs).toBe("gcj02");
      expect(r.facilities.length).toBe(FACILITIES.length);
      FACILITIES.forEach((f, i) => {
        expect(r.facilities[i].id).toBe(f.id);
        expect(metresBetween([r.facilities[i].lon, r.facilities[i].lat], [f.lon, f.lat])).toBeLessThan(0.5);
      });
    };
    near(await parseFacilityFile(enc(text), "export.geojson"));
    near(await parseFacilityFile(enc(text), "export.geojson", { crs: "gcj02" }));
    // files the app exported before the marker carried `"crs": {"name": "gcj02", "note": …}`: read the same way
    const { coordinateSystem: _m, ...older } = json;
    near(await parseFacilityFile(enc(JSON.stringify({ ...older, crs: { name: "gcj02", note: "…" } })), "old.geojson"));
    // the user's explicit choice still wins
    expect((await parseFacilityFile(enc(text), "export.geojson", { crs: "wgs84" })).crs).toBe("wgs84");
  });

  it("a WGS84 export says its datum in the same member, and reads back as WGS84 stated by the file (the user trial, s49 #6)", async () => {
    const json = JSON.parse(exportFacilitiesGeoJSON(FACILITIES));
    expect(json.crs).toBeUndefined();
    expect(json.coordinateSystem.id).toBe("wgs84");
    expect(json.coordinateSystem.note).toContain("GCJ-02 (Amap/Tencent) or BD-09 (Baidu) were converted to WGS84");
    const r = await parseFacilityFile(enc(JSON.stringify(json)), "export.geojson");
    expect(r.crs).toBe("wgs84");
    sameFacilities(r.facilities, FACILITIES, 1e-7);
  });

  it("the shipped sample round-trips through both GeoJSON exports with every attribute, invented kept", async () => {
    const bytes = readFileSync(resolve(import.meta.dirname, "../../../geodata/scenario-nanyang.geojson"));
    const a = await parseFacilityFile(new Uint8Array(bytes), "scenario-nanyang.geojson");
    expect(a.facilities.every((f) => f.invented === true)).toBe(true);
    for (const crs of ["wgs84", "gcj02"] as const) {
      const b = await parseFacilityFile(enc(exportFacilitiesGeoJSON(a.facilities, {}, { crs })), `x-${crs}.geojson`);
      expect(b.issues).toEqual([]);
      expect(b.facilities.length).toBe(a.facilities.length);
      b.facilities.forEach((g, i) => {
        const { lon, lat, ...rest } = a.facilities[i];
        const { lon: lon2, lat: lat2, ...rest2 } = g;
        expect(rest2).toEqual(rest);
        expect(metresBetween([lon, lat], [lon2, lat2])).toBeLessThan(0.5);
      });
    }
  });

  it("CSV has BOM, CRLF, RFC 4180 quoting and round-trips", async () => {
    const text = exportFacilitiesCsv(FACILITIES);
    expect(text.startsWith("\uFEFFid,name,type,typeName,lon,lat,")).toBe(true);
    expect(text.split("\r\n").length).toBe(FACILITIES.length + 2);
    expect(text).toContain('"拟建,""新""卫生院"');
    const r = await parseFacilityFile(enc(text), "export.csv");
    expect(r.issues.filter((i) => !i.code.startsWith("missing-optional"))).toEqual([]);
    sameFacilities(r.facilities, FACILITIES, 1e-7);
    expect(
      exportCsv(
        [{ a: "x\ny", b: 1 }],
        [
          { header: "A", value: "a" },
          { header: "B", value: (r) => r.b * 2 },
        ],
      ),
    ).toBe('\uFEFFA,B\r\n"x\ny",2\r\n');
  });

  it("exportFeaturesGeoJSON keeps features and adds metadata", () => {
    const json = JSON.parse(
      exportFeaturesGeoJSON(
        [{ type: "Feature", properties: { gap: 1 }, geometry: { type: "Point", coordinates: [112, 33] } }],
        { ruleSet: "x", generatedAt: "t" },
      ),
    );
    expect(json).toEqual({
      type: "FeatureCollection",
      ruleSet: "x",
      generatedAt: "t",
      // the coordinates' member the facility exports carry, WGS84 (the GIS trial, s55 L5)
      coordinateSystem: {
        id: "wgs84",
        note: "WGS84 (EPSG:4326) longitude/latitude, as RFC 7946 requires (坐标为 WGS84)",
      },
      features: [{ type: "Feature", properties: { gap: 1 }, geometry: { type: "Point", coordinates: [112, 33] } }],
    });
  });

  it("records the urban area and the EMS network the results used (issue 9)", () => {
    const urbanDefinition = { zh: "城区 = 建成区近似", en: "Urban area = built-up discs" };
    const emsNetwork = { zh: "仅计本县急救网络", en: "each county's own network" };
    const json = JSON.parse(exportFeaturesGeoJSON([], { urbanDefinition, emsNetwork, generatedAt: "t" }));
    expect(json).toMatchObject({ urbanDefinition, emsNetwork });
  });
});

describe("the issue list download", () => {
  it("machine columns for the CLI; Chinese headers and words in the Chinese app, same lines", async () => {
    const csv = "名称,类型,经度,纬度\n急救站一,急救站,abc,33.1\n,火星,112.5,33.2\n城郊卫生院,,112.5,33.3\n";
    const r = await parseFacilityFile(enc(csv), "机构.csv");
    const lines = (text: string) =>
      text
        .replace(/^\uFEFF/, "")
        .trimEnd()
        .split("\r\n");
    const en = lines(exportIssuesCsv(r.issues));
    const zh = lines(exportIssuesCsv(r.issues, "zh"));
    expect(en[0]).toBe("file,row,field,value,severity,code,message_zh,message_en,row_outcome");
    expect(zh[0]).toBe("文件,行号,字段,单元格内容,处理,问题,问题（英文）,代码,本行结果");
    expect(zh).toHaveLength(en.length);
    expect(en.length).toBe(r.issues.length + 1);
    const bad = r.issues.findIndex((i) => i.code === "not-a-number") + 1;
    expect(en[bad]).toBe(
      '机构.csv,2,经度,abc,error,not-a-number,经度“abc”不是数字,"longitude ""abc"" is not a number",refused',
    );
    expect(zh[bad]).toBe(
      '机构.csv,2,经度,abc,拒收,经度“abc”不是数字,"longitude ""abc"" is not a number",not-a-number,拒收',
    );
    const guessed = r.issues.findIndex((i) => i.code === "type-from-name") + 1;
    expect(zh[guessed].split(",")[4]).toBe("存疑");
    expect(zh[guessed].split(",").at(-1)).toBe("计入");
    expect(en[guessed].split(",").at(-1)).toBe("imported");
    // a whole-file issue: 整个文件 in the Chinese list, 0 in the machine one
    const empty = await parseFacilityFile(enc("名称,类型,经度\n急救站一,急救站,112.5\n"), "无纬度.csv");
    expect(lines(exportIssuesCsv(empty.issues, "zh"))[1]).toMatch(/^无纬度\.csv,整个文件,/);
    expect(lines(exportIssuesCsv(empty.issues))[1]).toMatch(/^无纬度\.csv,0,/);
    expect(lines(exportIssuesCsv(empty.issues))[1]).toMatch(/,$/);
  });

  it("every line of a row the user struck out says so: 处理 剔除, not the 存疑 of its warning (the re-trial, s43)", async () => {
    const csv = "名称,类型,经度,纬度\n城郊卫生院,,112.5,33.3\n急救站一,急救站,112.6,33.2\n";
    const r = await parseFacilityFile(enc(csv), "机构.csv");
    const warned = r.issues.find((i) => i.severity === "warning");
    expect(warned?.row).toBe(2);
    const struck: RowIssue = {
      file: "机构.csv",
      row: 2,
      field: "",
      severity: "note",
      code: "dropped-by-user",
      message: { zh: "导入时由用户剔除", en: "struck out at import" },
    };
    const all = [...r.issues, struck];
    const zh = exportIssuesCsv(all, "zh")
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n")
      .slice(1);
    const en = exportIssuesCsv(all)
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n")
      .slice(1);
    for (const line of zh.filter((l) => l.startsWith("机构.csv,2,"))) {
      expect(line.split(",")[4], line).toBe("剔除");
      expect(line.split(",").at(-1), line).toBe("剔除");
    }
    for (const line of en.filter((l) => l.startsWith("机构.csv,2,")))
      expect(line.split(",").at(-1), line).toBe("struck-out");
    // a row ticked to strike out before the file is used (no dropped-by-user line yet) reads the same
    const ticked = exportIssuesCsv(r.issues, "zh", new Set([2]))
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n");
    const row2 = ticked.filter((l) => l.startsWith("机构.csv,2,"));
    expect(row2.length).toBeGreaterThan(0);
    for (const line of row2) expect(line.split(",").at(-1), line).toBe("剔除");
    // the machine severity stays the issue's own
    expect(en.find((l) => l.includes(warned?.code ?? "?"))?.split(",")[4]).toBe("warning");
  });
});

describe("project files", () => {
  const state = {
    city: "nanyang",
    ruleSetId: "nanyang-2021",
    params: { urbanRadiusKm: 5 },
    facilities: FACILITIES.slice(0, 3),
    proposed: FACILITIES.slice(-1),
    population: [{ code: "411321", population: 503800, kind: "registered" as const }],
    savedAt: "2026-01-01T00:00:00Z",
  };
  it("round-trips", () => {
    const r = parseProject(serializeProject(state));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.project).toEqual({ format: "hfp-project", version: 1, ...state });
  });
  it("round-trips imported boundaries and weighted demand points, and names a bad demand weight", () => {
    const boundaries = {
      type: "FeatureCollection" as const,
      features: [
        {
          type: "Feature" as const,
          properties: { code: "990001", name: "甲县", kind: "county", seat: [112.2, 33.05], city: "custom" },
          geometry: {
            type: "Polygon" as const,
            coordinates: [
              [
                [112, 33],
                [112.4, 33],
                [112.4, 33.2],
                [112, 33.2],
                [112, 33],
              ],
            ],
          },
        },
      ],
    };
    const demand = { fileName: "villages.csv", points: [{ id: "v1", lon: 112.2, lat: 33.1, weight: 1200 }] };
    const r = parseProject(serializeProject({ ...state, boundaries, demand }));
    expect(r.ok && r.project.boundaries).toEqual(boundaries);
    expect(r.ok && r.project.demand).toEqual(demand);
    const bad = JSON.parse(serializeProject({ ...state, demand }));
    bad.demand.points[0].weight = -1;
    const b = parseProject(JSON.stringify(bad));
    expect(!b.ok && b.errors.map((e) => e.field)).toEqual(["demand.points.0.weight"]);
  });
  it("reports invalid fields by path", () => {
    const bad = JSON.parse(serializeProject(state));
    bad.facilities[1].type = "clinic";
    bad.facilities[2].lat = 200;
    const r = parseProject(JSON.stringify(bad), "p.json");
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.errors.map((e) => [e.file, e.field, e.code])).toEqual([
        ["p.json", "facilities.1.type", "invalid-project"],
        ["p.json", "facilities.2.lat", "invalid-project"],
      ]);
    const v2 = parseProject(JSON.stringify({ ...bad, version: 2 }));
    expect(!v2.ok && v2.errors[0].code).toBe("unsupported-version");
    expect(!parseProject("{").ok).toBe(true);
  });
});

describe("facilities GeoJSON with the counties' names", () => {
  it("writes countyName beside a facility's county code, and none where the code has no name", () => {
    const fc = JSON.parse(
      exportFacilitiesGeoJSON(
        [
          { id: "a", name: "甲", type: "thc", lon: 112, lat: 33, county: "411323" },
          { id: "b", name: "乙", type: "thc", lon: 112, lat: 33 },
        ],
        {},
        { countyNames: { "411323": "西峡县" } },
      ),
    );
    expect(fc.features.map((f: { properties: Record<string, unknown> }) => f.properties.countyName)).toEqual([
      "西峡县",
      undefined,
    ]);
  });
});
