import { deflateSync } from "node:zlib";
import { PbfWriter } from "pbf";
import { describe, expect, it } from "vitest";
import { buildCountyGrid } from "../../../src/core/coverage";
import { fromWgs84 } from "../../../src/core/io/crs";
import { readRoadsGeoJSON } from "../../../src/core/io/roads";
import { readRoadsOsmPbf, readRoadsOsmXml } from "../../../src/core/io/roads-osm";
import { buildRoadNetwork, DEFAULT_SPEEDS, parseSpeedTable, roadLayerUse } from "../../../src/core/travel";

function fc(features: unknown[]): string {
  return JSON.stringify({ type: "FeatureCollection", features });
}
function line(coords: unknown[][], properties: Record<string, unknown>) {
  return { type: "Feature", properties, geometry: { type: "LineString", coordinates: coords } };
}

describe("GeoJSON roads", () => {
  it("reads lines with class and speed, and reports each bad feature by number and field", () => {
    const text = fc([
      line(
        [
          [112.5, 33],
          [112.6, 33],
        ],
        { 道路等级: "县道" },
      ),
      { type: "Feature", properties: {}, geometry: { type: "Point", coordinates: [112.5, 33] } },
      line(
        [
          [112.5, 33],
          [112.6, 33.1],
        ],
        { class: "乡道", speed_kmh: "abc" },
      ),
      line(
        [
          [112.5, 33],
          ["x", 33.1],
        ],
        { class: "乡道" },
      ),
      {
        type: "Feature",
        properties: { highway: "primary", SPEED_KMH: 45 },
        geometry: {
          type: "MultiLineString",
          coordinates: [
            [
              [112.5, 33],
              [112.5, 33.1],
            ],
            [
              [112.7, 33],
              [112.7, 33.1],
            ],
          ],
        },
      },
    ]);
    const r = readRoadsGeoJSON(text, { file: "roads.geojson" });
    expect(r.totalFeatures).toBe(5);
    // feature 3's bad speed falls back to its class 乡道 (a warning); the rest are rejected
    expect(r.roads.map((x) => [x.ref.feature, x.roadClass, x.speedKmh])).toEqual([
      [1, "县道", undefined],
      [3, "乡道", undefined],
      [5, "primary", 45],
      [5, "primary", 45],
    ]);
    expect(r.issues.map((i) => [i.row, i.field, i.code, i.severity])).toEqual([
      [2, "geometry", "not-a-line", "error"],
      [3, "speed_kmh", "bad-speed", "warning"],
      [4, "geometry", "bad-coordinate", "error"],
    ]);
    expect(r.issues[0].message.zh).toContain("roads.geojson 第 2 个要素");
    expect(r.issues[0].message.en).toContain("roads.geojson, feature 2");
  });

  it("converts GCJ-02 and CGCS2000 Gauss–Krüger coordinates to WGS84", () => {
    const wgs = [
      [112.5, 33.0],
      [112.55, 33.02],
    ];
    for (const crs of ["gcj02", "EPSG:4546"] as const) {
      const coords = wgs.map(([lon, lat]) => fromWgs84(lon, lat, crs));
      const r = readRoadsGeoJSON(fc([line(coords, { class: "国道" })]), { file: "r.geojson", crs });
      expect(r.issues).toEqual([]);
      const c = r.roads[0].coords;
      expect(Math.abs(c[0] - 112.5)).toBeLessThan(1e-7);
      expect(Math.abs(c[3] - 33.02)).toBeLessThan(1e-7);
    }
  });

  it("keeps only roads meeting the bounding box, counting the others", () => {
    const text = fc([
      line(
        [
          [112.5, 33],
          [112.6, 33],
        ],
        { class: "县道" },
      ),
      line(
        [
          [100, 30],
          [100.1, 30],
        ],
        { class: "县道" },
      ),
      // crosses the box with both ends outside it
      line(
        [
          [112.0, 33.05],
          [113.0, 33.05],
        ],
        { class: "县道" },
      ),
    ]);
    const r = readRoadsGeoJSON(text, { file: "r.geojson", bbox: [112.4, 32.9, 112.7, 33.1] });
    expect(r.roads.map((x) => x.ref.feature)).toEqual([1, 3]);
    expect(r.outside).toBe(1);
  });
});

describe("speed table", () => {
  it("validates with errors naming the key", () => {
    const bad = parseSpeedTable({ classes: { 国道: 80, 县道: -5, 乡道: "fast" }, offroadKmh: 0 }, "speeds.json");
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    const fields = bad.errors.map((e) => e.field).sort();
    expect(fields).toEqual(['classes["乡道"]', 'classes["县道"]', "offroadKmh"].sort());
    expect(bad.errors[0].message.zh).toContain("speeds.json");
    const dup = parseSpeedTable({ classes: { Primary: 50, primary: 60 }, offroadKmh: 5 });
    expect(dup.ok).toBe(false);
    const good = parseSpeedTable(JSON.parse(JSON.stringify(DEFAULT_SPEEDS)));
    expect(good.ok).toBe(true);
  });

  it("unknown classes are reported per feature when the network is built; speed_kmh overrides the table", () => {
    const grid = buildCountyGrid({
      type: "Feature",
      properties: { code: "990002" },
      geometry: {
        type: "Polygon",
        coordinates: [
          [
            [112.4, 32.9],
            [112.7, 32.9],
            [112.7, 33.1],
            [112.4, 33.1],
            [112.4, 32.9],
          ],
        ],
      },
    });
    const r = readRoadsGeoJSON(
      fc([
        line(
          [
            [112.5, 33],
            [112.6, 33],
          ],
          { class: "土路" },
        ),
        line(
          [
            [112.5, 33],
            [112.5, 33.05],
          ],
          { class: "县道", speed_kmh: 45 },
        ),
      ]),
      { file: "r.geojson" },
    );
    const built = buildRoadNetwork(grid, r.roads);
    expect(built.issues.map((i) => [i.row, i.field, i.code])).toEqual([[1, "class", "unknown-class"]]);
    // the app's speed table cannot add a class: the message does not say to add it there
    expect(built.issues[0].message.zh).not.toContain("可在速度表中添加");
    expect(built.issues[0].message.zh).toContain("speed_kmh");
    expect(built.issues[0].message.en).toContain("--speeds");
    expect(built.roadsUsed).toBe(1);
    const e = 0;
    const kmh = (built.network.edgeLengthM[e] / built.network.edgeMinutes[e]) * 0.06;
    expect(kmh).toBeCloseTo(45, 6);
  });
});

describe("a road layer the network can use (roadLayerUse)", () => {
  const a = [
    [112.5, 33],
    [112.6, 33],
  ];
  it("refuses a file in which no road has a class or speed_kmh, naming the file, the fields it lacks and those it has", () => {
    const r = readRoadsGeoJSON(fc([line(a, { name: "人民路", lanes: 2 }), line(a, { name: "建设路", lanes: 4 })]), {
      file: "roads-nameonly.geojson",
    });
    const use = roadLayerUse(r, "roads-nameonly.geojson");
    expect(use.usableFeatures).toBe(0);
    expect(use.rejectedFeatures).toBe(2);
    expect(use.refusal?.code).toBe("no-speed-field");
    expect(use.refusal?.row).toBe(0);
    expect(use.refusal?.message.zh).toMatch(
      /^roads-nameonly\.geojson：2 条道路都没有道路等级字段.*speed_kmh.*文件中的字段：name、lanes/,
    );
    expect(use.refusal?.message.en).toContain("no road has a speed");
  });

  it("refuses a file whose classes are none in the table, and one with no road in reach", () => {
    const r = readRoadsGeoJSON(fc([line(a, { class: "土路" })]), { file: "r.geojson" });
    expect(roadLayerUse(r, "r.geojson").refusal?.message.zh).toContain("土路");
    const far = readRoadsGeoJSON(fc([line(a, { class: "县道" })]), { file: "r.geojson", bbox: [100, 20, 101, 21] });
    expect(roadLayerUse(far, "r.geojson").refusal?.code).toBe("no-roads-in-reach");
  });

  it("counts the roads in the network apart from those read but without a usable speed", () => {
    const r = readRoadsGeoJSON(
      fc([
        line(a, { class: "县道" }),
        line(a, { name: "x" }),
        line(a, { class: "土路" }),
        { type: "Feature", properties: {}, geometry: { type: "Point", coordinates: [112.5, 33] } },
        {
          type: "Feature",
          properties: { class: "乡道" },
          geometry: { type: "MultiLineString", coordinates: [a, a] },
        },
      ]),
      { file: "r.geojson" },
    );
    expect(r.roads).toHaveLength(5);
    const use = roadLayerUse(r, "r.geojson");
    expect(use.refusal).toBeNull();
    expect(use.usableFeatures).toBe(2);
    expect(use.rejectedFeatures).toBe(3);
    expect(use.speedIssues.map((i) => [i.row, i.code])).toEqual([
      [2, "missing-speed"],
      [3, "unknown-class"],
    ]);
  });

  it("keeps a road with a class and a bad speed_kmh at its class speed, with a warning", () => {
    const r = readRoadsGeoJSON(fc([line(a, { class: "国道", speed_kmh: "60km/h" }), line(a, { speed_kmh: "x" })]), {
      file: "r.geojson",
    });
    expect(r.roads.map((x) => [x.ref.feature, x.roadClass, x.speedKmh])).toEqual([[1, "国道", undefined]]);
    expect(r.issues.map((i) => [i.row, i.field, i.code, i.severity])).toEqual([
      [1, "speed_kmh", "bad-speed", "warning"],
      [2, "speed_kmh", "bad-speed", "error"],
    ]);
    expect(r.issues[0].message.zh).toContain("按道路等级“国道”的速度计");
    expect(roadLayerUse(r, "r.geojson").usableFeatures).toBe(1);
  });
});

const OSM_NODES: Array<[number, number, number]> = [
  [1, 112.5, 33.0],
  [2, 112.51, 33.0],
  [3, 112.52, 33.01],
  [4, 112.52, 33.02],
  [5, 112.6, 33.2],
  [6, 120.0, 40.0],
  [7, 120.01, 40.0],
];
const OSM_WAYS: Array<[number, number[], Record<string, string>]> = [
  [100, [1, 2, 3], { highway: "primary", name: "县城路" }],
  [101, [3, 4], { highway: "footway" }],
  [102, [3, 4, 5], { highway: "tertiary" }],
  [103, [1, 4], { building: "yes" }],
  [104, [6, 7], { highway: "residential" }],
];

function osmXml(): string {
  const nodes = OSM_NODES.map(([id, lon, lat]) => `<node id="${id}" lat="${lat}" lon="${lon}"/>`).join("\n");
  const ways = OSM_WAYS.map(
    ([id, refs, tags]) =>
      `<way id="${id}">${refs.map((r) => `<nd ref="${r}"/>`).join("")}${Object.entries(tags)
        .map(([k, v]) => `<tag k="${k}" v="${v}"/>`)
        .join("")}</way>`,
  ).join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>\n<osm version="0.6">\n${nodes}\n${ways}\n</osm>`;
}

/** An .osm.pbf written from the PBF format description with pbf's writer and zlib (one header, one data block). */
function osmPbf(): Uint8Array {
  const strings = [""];
  const str = (s: string) => {
    let k = strings.indexOf(s);
    if (k < 0) k = strings.push(s) - 1;
    return k;
  };
  const wayTags = OSM_WAYS.map(([, , tags]) => Object.entries(tags).map(([k, v]) => [str(k), str(v)]));
  const block = new PbfWriter();
  block.writeMessage(
    1,
    (_: null, p: PbfWriter) => {
      for (const s of strings) p.writeBytesField(1, new TextEncoder().encode(s));
    },
    null,
  );
  block.writeMessage(
    2,
    (_: null, p: PbfWriter) => {
      // dense nodes, delta coded, granularity 100 nanodegrees
      p.writeMessage(
        2,
        (__: null, d: PbfWriter) => {
          let pid = 0;
          let plat = 0;
          let plon = 0;
          const ids: number[] = [];
          const lats: number[] = [];
          const lons: number[] = [];
          for (const [id, lon, lat] of OSM_NODES) {
            const la = Math.round(lat * 1e7);
            const lo = Math.round(lon * 1e7);
            ids.push(id - pid);
            lats.push(la - plat);
            lons.push(lo - plon);
            pid = id;
            plat = la;
            plon = lo;
          }
          d.writePackedSVarint(1, ids);
          d.writePackedSVarint(8, lats);
          d.writePackedSVarint(9, lons);
        },
        null,
      );
    },
    null,
  );
  block.writeMessage(
    2,
    (_: null, p: PbfWriter) => {
      OSM_WAYS.forEach(([id, refs], w) => {
        p.writeMessage(
          3,
          (__: null, wr: PbfWriter) => {
            wr.writeVarintField(1, id);
            wr.writePackedVarint(
              2,
              wayTags[w].map(([k]) => k),
            );
            wr.writePackedVarint(
              3,
              wayTags[w].map(([, v]) => v),
            );
            wr.writePackedSVarint(
              8,
              refs.map((r, k) => r - (k > 0 ? refs[k - 1] : 0)),
            );
          },
          null,
        );
      });
    },
    null,
  );
  const header = new PbfWriter();
  header.writeStringField(4, "OsmSchema-V0.6");
  header.writeStringField(4, "DenseNodes");
  const chunks: Uint8Array[] = [];
  for (const [type, raw, zip] of [
    ["OSMHeader", header.finish(), false],
    ["OSMData", block.finish(), true],
  ] as Array<[string, Uint8Array, boolean]>) {
    const blob = new PbfWriter();
    if (zip) {
      blob.writeVarintField(2, raw.length);
      blob.writeBytesField(3, deflateSync(raw));
    } else blob.writeBytesField(1, raw);
    const blobBytes = blob.finish();
    const bh = new PbfWriter();
    bh.writeStringField(1, type);
    bh.writeVarintField(3, blobBytes.length);
    const bhBytes = bh.finish();
    const len = new Uint8Array(4);
    new DataView(len.buffer).setInt32(0, bhBytes.length, false);
    chunks.push(len, bhBytes, blobBytes);
  }
  const out = new Uint8Array(chunks.reduce((a, c) => a + c.length, 0));
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

describe("OpenStreetMap roads", () => {
  const summary = (r: ReturnType<typeof readRoadsOsmPbf>) =>
    r.roads.map((x) => [x.ref.osmId, x.roadClass, Array.from(x.coords).map((v) => Math.round(v * 1e6) / 1e6)]);

  it("reads drivable highways from .osm XML, counting what is not a road", async () => {
    const r = await readRoadsOsmXml(osmXml(), { file: "a.osm" });
    expect(r.totalFeatures).toBe(5);
    expect(r.roads.map((x) => x.ref.osmId)).toEqual([100, 102, 104]);
    expect(r.roads[0].roadClass).toBe("primary");
    expect(r.skipped).toEqual({ "highway=footway": 1, "(no highway tag)": 1 });
    expect(r.issues).toEqual([]);
  });

  it("reads the same roads from .osm.pbf, with byte progress", async () => {
    const progress: number[] = [];
    const data = osmPbf();
    const pbf = readRoadsOsmPbf(data, { file: "a.osm.pbf", onProgress: (p) => progress.push(p.done) });
    const xml = await readRoadsOsmXml(osmXml(), { file: "a.osm" });
    expect(pbf.issues).toEqual([]);
    expect(summary(pbf)).toEqual(summary(xml));
    expect(pbf.skipped).toEqual(xml.skipped);
    expect(progress.at(-1)).toBe(data.byteLength);
  });

  it("clips to a bounding box while reading, cutting ways at dropped nodes", async () => {
    const bbox: [number, number, number, number] = [112.45, 32.95, 112.55, 33.05];
    for (const r of [
      await readRoadsOsmXml(osmXml(), { file: "a.osm", bbox }),
      readRoadsOsmPbf(osmPbf(), { file: "a.osm.pbf", bbox }),
    ]) {
      expect(r.roads.map((x) => x.ref.osmId)).toEqual([100, 102]);
      // way 102 keeps nodes 3 and 4; node 5 is more than 5 km outside the box
      expect(r.roads[1].coords.length).toBe(4);
      expect(r.outside).toBe(1);
    }
  });

  it("reports a truncated PBF and a non-OSM XML as whole-file errors", async () => {
    const data = osmPbf();
    const cut = readRoadsOsmPbf(data.subarray(0, data.length - 10), { file: "cut.osm.pbf" });
    expect(cut.issues[0].code).toBe("bad-pbf");
    expect(cut.issues[0].message.zh).toContain("cut.osm.pbf");
    const notOsm = await readRoadsOsmXml("<gpx></gpx>", { file: "b.osm" });
    expect(notOsm.issues[0].code).toBe("not-osm");
  });
});
