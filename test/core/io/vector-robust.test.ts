import { unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { pointInPolygon } from "../../../src/core/geo";
import { fromWgs84, isShapefileSet, parseBoundaryFile, parseFacilityFile, shapefileSet } from "../../../src/core/io";
import { fixture } from "./helpers";

const enc = (s: string) => new TextEncoder().encode(s);
const json = (v: unknown) => enc(JSON.stringify(v));
const point = (name: string, coordinates: unknown) => ({
  type: "Feature",
  properties: { name, type: "乡镇卫生院" },
  geometry: { type: "Point", coordinates },
});
/** Every message bilingual, with no library text left in it. */
function expectBilingual(issues: Array<{ message: { zh: string; en: string } }>) {
  for (const i of issues) {
    expect(i.message.zh).toMatch(/[\u4e00-\u9fff]/);
    // library text (English phrases) stays out of the Chinese message
    expect(i.message.zh).not.toMatch(/[A-Za-z']{2,} [A-Za-z']{2,} [A-Za-z']{2,}/);
    // (the user's own values, quoted, may be Chinese: a name the type was guessed from)
    expect(i.message.en.replace(/"[^"]*"/g, '""')).not.toMatch(/[\u4e00-\u9fff]{3}/);
    expect(`${i.message.zh} ${i.message.en}`).not.toMatch(
      /Cannot read properties|undefined|I don't know|xmldom|stuk\.github/,
    );
  }
}

describe("GeoJSON: one bad feature does not reject the file", () => {
  it("reports each bad feature by number and keeps the valid ones", async () => {
    const fc = {
      type: "FeatureCollection",
      features: [
        point("卫生院1", [112.1, 33]),
        null,
        point("卫生院3", [112]),
        { type: "Feature", properties: { name: "卫生院4", type: "乡镇卫生院" } },
        point("卫生院5", { x: 1 }),
        point("卫生院6", ["112.5", "33"]),
        { type: "Feature", properties: { name: "卫生院7", type: "乡镇卫生院" }, geometry: { type: "Point" } },
        "text",
        point("卫生院9", [112.9, 33]),
      ],
    };
    const r = await parseFacilityFile(json(fc), "bad-features.geojson");
    expect(r.totalRows).toBe(9);
    expect(r.facilities.map((f) => f.name)).toEqual(["卫生院1", "卫生院9"]);
    expect(r.rejectedRows).toBe(7);
    const rows = [...new Set(r.issues.filter((i) => i.severity === "error").map((i) => i.row))];
    expect(rows).toEqual([2, 3, 4, 5, 6, 7, 8]);
    expect(r.issues.find((i) => i.row === 3)?.message.en).toMatch(/coordinates/);
    expect(r.issues.find((i) => i.row === 3)?.message.en).not.toMatch(/not a point/);
    expectBilingual(r.issues);
  });

  it("a bad boundary feature is named and the others kept", async () => {
    const square = [
      [
        [112, 33],
        [112.1, 33],
        [112.1, 33.1],
        [112, 33.1],
        [112, 33],
      ],
    ];
    const fc = {
      type: "FeatureCollection",
      features: [
        null,
        {
          type: "Feature",
          properties: { code: "411302", name: "宛城区" },
          geometry: { type: "Polygon", coordinates: square },
        },
      ],
    };
    const r = await parseBoundaryFile(json(fc), "b.geojson");
    expect(r.boundaries.features.map((f) => f.properties.code)).toEqual(["411302"]);
    expect(r.issues).toEqual([expect.objectContaining({ row: 1, severity: "error" })]);
    expectBilingual(r.issues);
  });
});

describe("Shapefile", () => {
  it("a truncated .shp: records the .dbf has but the .shp lost are each listed, none silently", async () => {
    const files = unzipSync(fixture("facilities-gk4546.zip"));
    const shpName = Object.keys(files).find((n) => n.endsWith(".shp"))!;
    files[shpName] = files[shpName].subarray(0, 128 + 28); // header + about 2 of 13 records
    const r = await parseFacilityFile(zipSync(files), "truncated.zip");
    expect(r.totalRows).toBe(13);
    expect(r.facilities.length + r.rejectedRows).toBe(13);
    const missing = r.issues.filter((i) => i.code === "missing-geometry");
    expect(missing.length).toBe(13 - r.facilities.length);
    expect(missing.length).toBeGreaterThanOrEqual(11);
    expect(r.issues.some((i) => i.row === 0 && i.code === "record-count-mismatch")).toBe(true);
    expectBilingual(r.issues);
  });

  it("a set without its .dbf, or a bare .shp, is one whole-file error saying what to zip (the GIS trial)", async () => {
    const files = unzipSync(fixture("facilities-gk4546.zip"));
    const shpName = Object.keys(files).find((n) => n.endsWith(".shp"))!;
    for (const n of Object.keys(files)) if (n.endsWith(".dbf")) delete files[n];
    const r = await parseFacilityFile(zipSync(files), "nodbf.zip");
    expect(r.facilities).toEqual([]);
    expect(r.issues.map((i) => [i.row, i.code, i.severity])).toEqual([[0, "missing-dbf", "error"]]);
    expect(r.issues[0].message.zh).toContain("压缩包中没有 .dbf 属性表");
    const bare = await parseFacilityFile(files[shpName], "fac.shp");
    expect(bare.issues.map((i) => [i.row, i.code])).toEqual([[0, "shapefile-part"]]);
    expect(bare.issues[0].message.zh).toContain("同时选中同名的 .shp、.dbf、.prj");
    expectBilingual([...r.issues, ...bare.issues]);
  });

  it("a Shapefile's loose files, chosen together, read as its zip does (the GIS trial: a bare .shp was refused)", async () => {
    const files = unzipSync(fixture("facilities-gk4546.zip"));
    const zipped = await parseFacilityFile(fixture("facilities-gk4546.zip"), "fac.zip");
    // as chosen in a file dialog: no folders, an upper-case extension, a file that is not part of the set
    const loose = Object.entries(files).map(([n, bytes]) => ({
      name: n
        .split("/")
        .pop()!
        .replace(/\.prj$/, ".PRJ"),
      bytes,
    }));
    const set = shapefileSet([...loose, { name: "readme.txt", bytes: new TextEncoder().encode("x") }]);
    expect(set).not.toBeNull();
    expect(set!.name).toMatch(/\.shp$/);
    expect(set!.parts.sort()).toEqual(loose.map((f) => f.name).sort());
    expect(set!.ignored).toEqual(["readme.txt"]);
    expect(isShapefileSet(set!.bytes, set!.name)).toBe(true);
    expect(isShapefileSet(loose.find((f) => f.name.endsWith(".shp"))!.bytes, set!.name)).toBe(false);
    const r = await parseFacilityFile(set!.bytes, set!.name);
    expect(r.crs).toBe(zipped.crs);
    expect(r.facilities.length).toBeGreaterThan(0);
    expect(r.facilities).toEqual(zipped.facilities);
    expect(r.issues.map((i) => i.code)).toEqual(zipped.issues.map((i) => i.code));
    // a .shp chosen alone: the .dbf of its name is missing, named; no .shp among the files, or two: no set
    const alone = shapefileSet(loose.filter((f) => f.name.endsWith(".shp")))!;
    const missing = await parseFacilityFile(alone.bytes, alone.name);
    expect(missing.issues.map((i) => [i.row, i.code])).toEqual([[0, "missing-dbf"]]);
    expect(missing.issues[0].message.zh).toContain(`缺少同名的 .dbf 属性表（${alone.name.replace(/\.shp$/, "")}.dbf）`);
    expectBilingual(missing.issues);
    expect(shapefileSet(loose.filter((f) => !f.name.endsWith(".shp")))).toBeNull();
    expect(shapefileSet([...loose, { name: "other.shp", bytes: alone.bytes }])).toBeNull();
  });

  it("a .prj no CRS id stands for (Xian 1980 Gauss–Krüger) is named, and the datum left unshifted said (the GIS trial, s40-b #5)", async () => {
    const r = await parseFacilityFile(fixture("facilities-xian80-gk111.zip"), "xian80.zip");
    expect(r.crsName).toBe("Xian_1980_3_Degree_GK_CM_111E");
    expect(r.crs).toBe("wgs84");
    const note = r.issues.find((i) => i.code === "prj-custom");
    expect(note).toMatchObject({ row: 0, severity: "warning" });
    expect(note?.message.zh).toContain("坐标按 .prj 的坐标系“Xian_1980_3_Degree_GK_CM_111E”换算为经纬度，未做基准转换");
    expectBilingual([note!]);
    // the positions are longitude/latitude in 淅川 and 西峡 (111°E, 33°N), not metres
    expect(r.facilities.length).toBeGreaterThan(0);
    for (const f of r.facilities) {
      expect(f.lon).toBeGreaterThan(110.5);
      expect(f.lon).toBeLessThan(112);
      expect(f.lat).toBeGreaterThan(32.5);
      expect(f.lat).toBeLessThan(34);
    }
    // a CGCS2000 zone has an id: no name, no note
    const gk = await parseFacilityFile(fixture("facilities-gk4546.zip"), "gk.zip");
    expect(gk.crsName).toBeUndefined();
    expect(gk.issues.some((i) => i.code === "prj-custom")).toBe(false);
  });

  it("an unknown shape type is a bilingual whole-file error", async () => {
    const files = unzipSync(fixture("facilities-gk4546.zip"));
    const shpName = Object.keys(files).find((n) => n.endsWith(".shp"))!;
    const shp = new Uint8Array(files[shpName]);
    new DataView(shp.buffer).setInt32(32, 77, true);
    files[shpName] = shp;
    const r = await parseFacilityFile(zipSync(files), "weird.zip");
    expect(r.facilities).toEqual([]);
    expect(r.issues[0]).toMatchObject({ row: 0, severity: "error" });
    expectBilingual(r.issues);
  });
});

/** Sets the declared uncompressed size of every entry (local and central headers) of a zip. */
function declareSize(zip: Uint8Array, size: number): Uint8Array {
  const out = new Uint8Array(zip);
  const dv = new DataView(out.buffer);
  for (let i = 0; i + 4 <= out.length; i++) {
    const sig = dv.getUint32(i, true);
    if (sig === 0x04034b50) dv.setUint32(i + 22, size, true);
    if (sig === 0x02014b50) dv.setUint32(i + 24, size, true);
  }
  return out;
}

describe("archive expansion guard", () => {
  it("refuses a zip that declares a 1 GB expansion, before inflating it", async () => {
    const files = unzipSync(fixture("facilities-gk4546.zip"));
    const bomb = declareSize(zipSync(files), 1_000_000_000);
    const r = await parseFacilityFile(bomb, "bomb.zip");
    expect(r.facilities).toEqual([]);
    expect(r.issues[0]).toMatchObject({ row: 0, severity: "error", code: "archive-too-large" });
    expectBilingual(r.issues);
    const x = await parseFacilityFile(bomb, "bomb.xlsx");
    expect(x.issues[0]).toMatchObject({ row: 0, code: "archive-too-large" });
    const b = await parseBoundaryFile(bomb, "bomb.zip");
    expect(b.issues[0]).toMatchObject({ row: 0, code: "archive-too-large" });
  });

  it("refuses a zip whose entries inflate to more than they declare", async () => {
    const zeros = new Uint8Array(4_000_000);
    const lying = declareSize(zipSync({ "a.shp": zeros, "a.dbf": zeros }), 1000);
    const r = await parseFacilityFile(lying, "lying.zip");
    expect(r.issues[0]).toMatchObject({ row: 0, code: "archive-too-large" });
    expectBilingual(r.issues);
  });
});

describe("library messages are rewritten bilingually", () => {
  it.each([
    ["broken.kml", "<kml><Document><Placemark><name>卫生院</name>"],
    ["garbage.kml", "<<<>>>"],
    ["garbage.zip", "PK\u0003\u0004garbage"],
    ["text.zip", "hello"],
    ["garbage.xlsx", "PK\u0003\u0004garbage"],
    ["bad.geojson", "{bad json"],
  ])("%s", async (name, text) => {
    const r = await parseFacilityFile(enc(text), name);
    expect(r.issues[0]).toMatchObject({ row: 0, severity: "error" });
    expectBilingual(r.issues);
  });

  it("KML entity references are not expanded and are named in a warning", async () => {
    const kml = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><kml><Document><Placemark><name>&xxe;卫生院</name><Point><coordinates>112,33</coordinates></Point></Placemark></Document></kml>`;
    const r = await parseFacilityFile(enc(kml), "xxe.kml");
    expect(r.facilities.every((f) => !f.name.includes("root:"))).toBe(true);
    expect(r.issues.some((i) => i.code === "xml-entity" && i.severity === "warning")).toBe(true);
    expectBilingual(r.issues);
  });

  it("a facility drawn as an area (a hospital's footprint) is read at a point inside it, said; in degrees and in metres (the bad-files trial, s56b L)", async () => {
    // an L-shaped campus whose box centre (112.5155, 33.0055) lies outside it, in the notch
    const L = [
      [112.5, 33.0],
      [112.53, 33.0],
      [112.53, 33.004],
      [112.504, 33.004],
      [112.504, 33.011],
      [112.5, 33.011],
      [112.5, 33.0],
    ];
    const area = (coordinates: unknown, extra: Record<string, unknown> = {}) => ({
      type: "FeatureCollection",
      ...extra,
      features: [
        {
          type: "Feature",
          properties: { name: "南阳市中心医院", type: "综合医院" },
          geometry: { type: "Polygon", coordinates },
        },
        {
          type: "Feature",
          properties: { name: "某卫生院", type: "乡镇卫生院" },
          geometry: {
            type: "LineString",
            coordinates: [
              [112.6, 33],
              [112.7, 33],
            ],
          },
        },
      ],
    });
    const r = await parseFacilityFile(json(area([L])), "campus.geojson");
    expect(r.facilities).toHaveLength(1);
    const [f] = r.facilities;
    expect(pointInPolygon(f.lon, f.lat, { type: "Polygon", coordinates: [L] })).toBe(true);
    const w = r.issues.find((i) => i.code === "area-as-point");
    expect(w).toMatchObject({ row: 1, severity: "warning", field: "geometry", value: "Polygon" });
    expect(w?.message.zh).toMatch(
      /^几何为面（Polygon），按面内一点 112\.50\d+, 33\.00\d+ 读取；如需入口等准确位置，请改为点后重新导入$/,
    );
    // a line is still refused, by its feature
    expect(r.issues.filter((i) => i.severity === "error").map((i) => [i.row, i.code])).toEqual([[2, "not-a-point"]]);
    // the same campus in CGCS2000 3° Gauss–Krüger CM 111°E (metres): a point inside, within a metre of the degrees' one
    const metres = L.map(([lon, lat]) => fromWgs84(lon, lat, "EPSG:4546"));
    const m = await parseFacilityFile(
      json(area([metres], { crs: { type: "name", properties: { name: "urn:ogc:def:crs:EPSG::4546" } } })),
      "campus-4546.geojson",
    );
    expect(m.facilities).toHaveLength(1);
    expect(pointInPolygon(m.facilities[0].lon, m.facilities[0].lat, { type: "Polygon", coordinates: [L] })).toBe(true);
    expect(m.issues.some((i) => i.code === "area-as-point")).toBe(true);
  });
});
