import { describe, expect, it } from "vitest";
import { readPopulationGeoTiff } from "../../../src/core/io/raster";
import { readRoadsGeoJSON, readRoadsShapefile } from "../../../src/core/io/roads";
import { readRoadsOsmPbf, readRoadsOsmXml } from "../../../src/core/io/roads-osm";

/**
 * Unreadable road and raster files are answered in our own Chinese and English (the library's text only in the
 * issue's value), never with a thrown error; an over-long attribute is refused with the feature named.
 */

/** Three English words in a row: library text leaking into the Chinese message. */
const ENGLISH = /[A-Za-z']{2,} [A-Za-z']{2,} [A-Za-z']{2,}/;

function expectOwnWords(i: { message: { zh: string; en: string }; row: number; severity: string }, file: string) {
  expect(i.severity).toBe("error");
  expect(i.message.zh).toContain(file);
  expect(i.message.zh).toMatch(/[\u4e00-\u9fff]/);
  expect(i.message.zh).not.toMatch(ENGLISH);
  expect(i.message.zh).not.toMatch(/Error:|SyntaxError|ParseError/);
  expect(i.message.en).not.toMatch(/Error:|SyntaxError|ParseError/);
}

describe("unreadable road files", () => {
  it("GeoJSON that is not JSON: one whole-file error in our words, the parser's text kept as the value", () => {
    const r = readRoadsGeoJSON('{"type": "FeatureCollection", "features": [', { file: "r.geojson" });
    expect(r.roads).toEqual([]);
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({ row: 0, code: "invalid-json" });
    expectOwnWords(r.issues[0], "r.geojson");
    expect(r.issues[0].value).toMatch(/JSON/);
  });

  it("a zipped Shapefile that is not a zip", async () => {
    const r = await readRoadsShapefile(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]), { file: "r.zip" });
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0].code).toBe("invalid-zip");
    expectOwnWords(r.issues[0], "r.zip");
  });

  it.each([
    ["an unclosed tag", "<osm><node id='1' lat='33' lon='112'>"],
    ["no root element", "garbage <<<"],
    ["an empty file", ""],
  ])("OSM XML with %s is a whole-file error, not a thrown ParseError", async (_label, text) => {
    const r = await readRoadsOsmXml(text, { file: "a.osm" });
    expect(r.roads).toEqual([]);
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0].code).toBe("invalid-xml");
    expectOwnWords(r.issues[0], "a.osm");
  });

  it("a truncated or damaged .osm.pbf: the byte where reading stopped, in our words", () => {
    // a blob header announcing 1,000 bytes that are not there
    const header = new Uint8Array([0, 0, 0, 12, 0x0a, 0x07, ...new TextEncoder().encode("OSMData"), 0x18, 0xe8, 0x07]);
    for (const data of [new Uint8Array([0, 0]), header]) {
      const r = readRoadsOsmPbf(data, { file: "cut.osm.pbf" });
      expect(r.issues[0].code).toBe("bad-pbf");
      expectOwnWords(r.issues[0], "cut.osm.pbf");
      expect(r.issues[0].message.en).toMatch(/byte \d+/);
    }
  });

  it("a GeoTIFF that is not one", async () => {
    const r = await readPopulationGeoTiff(new Uint8Array(64), { file: "pop.tif" });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0].code).toBe("not-geotiff");
    expect(r.errors[0].message.zh).not.toMatch(ENGLISH);
    expect(r.errors[0].message.zh).not.toMatch(/Error:/);
  });
});

describe("over-long attributes of roads", () => {
  const feature = (cls: string) => ({
    type: "Feature",
    properties: { class: cls },
    geometry: {
      type: "LineString",
      coordinates: [
        [112, 33],
        [112.01, 33],
      ],
    },
  });
  const read = (...classes: string[]) =>
    readRoadsGeoJSON(JSON.stringify({ type: "FeatureCollection", features: classes.map(feature) }), {
      file: "r.geojson",
    });

  it("a class of 1,000 characters is kept whole; one of 1,001 refuses the feature, named, not cut", () => {
    const r = read("primary", "x".repeat(1000), "y".repeat(1001));
    expect(r.roads.map((x) => x.roadClass?.length)).toEqual([7, 1000]);
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({ row: 3, field: "class", code: "cell-too-long", severity: "error" });
    expect(r.issues[0].message.en).toContain("1001 characters");
    expect(r.issues[0].message.en).toContain("1000");
    expect(r.issues[0].value?.length).toBeLessThan(120);
  });

  it("an OSM highway tag of 5,000 characters is counted as skipped under a short label", async () => {
    const xml = `<osm><node id="1" lat="33" lon="112"/><node id="2" lat="33" lon="112.01"/><way id="9"><nd ref="1"/><nd ref="2"/><tag k="highway" v="${"z".repeat(5000)}"/></way></osm>`;
    const r = await readRoadsOsmXml(xml, { file: "a.osm" });
    const keys = Object.keys(r.skipped);
    expect(keys).toHaveLength(1);
    expect(keys[0].length).toBeLessThan(120);
    expect(keys[0]).toContain("5000");
  });
});
