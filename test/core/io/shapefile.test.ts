import { area } from "@turf/turf";
import type { Feature, Geometry, Point, Polygon } from "geojson";
import JSZip from "jszip";
import { parseDbf, parseShp } from "shpjs";
import { describe, expect, it } from "vitest";
import { parseFacilityFile } from "../../../src/core/io";
import { readShapefileZip } from "../../../src/core/io/georead";
import {
  DBF_FIELD_NAMES,
  DBF_NUMBER_FIELDS,
  exportShapefileZip,
  FACILITY_DBF_FIELDS,
  PRJ_GCJ02,
  PRJ_WGS84,
} from "../../../src/core/io/shapefile";
import type { Facility } from "../../../src/core/model";
import { gapFeaturesForExport } from "../../../src/core/report/tables";
import { placeViolations, violationFlatProps } from "../../../src/core/report/violations";
import { nanyang } from "../report/nanyang";

const DATE = new Date("2026-12-01T00:00:00Z");

function facilityFeature(f: Facility): Feature<Point, Record<string, unknown>> {
  const { lon, lat, ...props } = f;
  return { type: "Feature", geometry: { type: "Point", coordinates: [lon, lat] }, properties: props };
}

/** The DBF header and field descriptors read by hand (dBase III layout). */
function dbfHeader(dbf: Uint8Array) {
  const v = new DataView(dbf.buffer, dbf.byteOffset, dbf.byteLength);
  const headerLen = v.getUint16(8, true);
  const fields: Array<{ name: string; type: string; width: number; decimals: number }> = [];
  for (let at = 32; dbf[at] !== 0x0d; at += 32) {
    const raw = dbf.subarray(at, at + 11);
    const end = raw.indexOf(0);
    fields.push({
      name: new TextDecoder("ascii").decode(raw.subarray(0, end < 0 ? 11 : end)),
      type: String.fromCharCode(dbf[at + 11]),
      width: dbf[at + 16],
      decimals: dbf[at + 17],
    });
  }
  return {
    version: dbf[0],
    date: [dbf[1] + 1900, dbf[2], dbf[3]],
    records: v.getUint32(4, true),
    headerLen,
    recordLen: v.getUint16(10, true),
    languageDriver: dbf[29],
    fields,
    terminator: dbf[headerLen - 1],
    eof: dbf[dbf.length - 1],
    size: dbf.length,
  };
}

/** Every record's cell of one field as written, by hand (a logical's T, F or ?, which shpjs reads as true or false). */
function rawCells(dbf: Uint8Array, field: string): string[] {
  const h = dbfHeader(dbf);
  let at = 1;
  for (const f of h.fields) {
    if (f.name === field) break;
    at += f.width;
  }
  const f = h.fields.find((x) => x.name === field);
  if (!f) throw new Error(`no field ${field}`);
  return Array.from({ length: h.records }, (_, i) => {
    const start = h.headerLen + h.recordLen * i + at;
    return new TextDecoder().decode(dbf.subarray(start, start + f.width));
  });
}

async function layerFiles(zip: JSZip, base: string) {
  const get = async (ext: string) => zip.file(`${base}.${ext}`)?.async("uint8array") as Promise<Uint8Array>;
  const [shp, shx, dbf] = await Promise.all([get("shp"), get("shx"), get("dbf")]);
  return {
    shp,
    shx,
    dbf,
    cpg: await zip.file(`${base}.cpg`)?.async("string"),
    prj: await zip.file(`${base}.prj`)?.async("string"),
    geometries: parseShp(shp),
    records: parseDbf(new DataView(dbf.buffer, dbf.byteOffset, dbf.byteLength), "UTF-8"),
  };
}

/** Twice the signed area of a ring (positive counter-clockwise). */
function signed2(ring: number[][]): number {
  let s = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) s += ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
  return s;
}

/** First ring of every polygon record, read from the .shp bytes by hand. */
function firstRings(shp: Uint8Array): number[][][] {
  const v = new DataView(shp.buffer, shp.byteOffset, shp.byteLength);
  const out: number[][][] = [];
  for (let off = 100; off < shp.length; ) {
    const len = v.getInt32(off + 4, false) * 2;
    const c = off + 8;
    if (v.getInt32(c, true) === 5) {
      const nParts = v.getInt32(c + 36, true);
      const nPoints = v.getInt32(c + 40, true);
      const end = nParts > 1 ? v.getInt32(c + 48, true) : nPoints;
      const pts = c + 44 + 4 * nParts;
      const ring: number[][] = [];
      for (let k = 0; k < end; k++) ring.push([v.getFloat64(pts + 16 * k, true), v.getFloat64(pts + 16 * k + 8, true)]);
      out.push(ring);
    }
    off = c + len;
  }
  return out;
}

describe("zipped Shapefile export, read back", () => {
  const c = nanyang();
  const facilities = c.facilities.filter((f) => f.county === "411323").slice(0, 400);
  const placed = placeViolations({
    violations: c.report.violations,
    ruleSet: c.ruleSet,
    counties: c.counties.features,
    divisions: c.divisions,
    facilities: c.facilities,
    report: c.report,
    // English names beside the Chinese for two counties (the others have none: an empty field)
    countyNamesEn: { "411323": "Xixia County", "411330": "Tongbai County" },
  });
  const gaps = gapFeaturesForExport({
    report: c.report,
    counties: c.counties.features,
    ruleSet: c.ruleSet,
    namesEn: { "411323": "Xixia County" },
  });

  it("writes one shapefile per layer with .cpg UTF-8 and a WGS84 .prj; every field survives, Chinese included", async () => {
    const out = await exportShapefileZip(
      [
        { name: "facilities", features: facilities.map(facilityFeature) },
        {
          name: "violations",
          features: placed.map((p) => ({ ...p, properties: violationFlatProps(p.properties) })),
        },
        { name: "gaps", features: gaps },
      ],
      { date: DATE },
    );
    expect(out.files).toEqual(["facilities", "violations", "gaps"]);
    const zip = await JSZip.loadAsync(out.zip);
    expect(Object.keys(zip.files).sort()).toEqual(
      [
        ...["facilities", "violations", "gaps"].flatMap((b) =>
          ["shp", "shx", "dbf", "cpg", "prj"].map((e) => `${b}.${e}`),
        ),
        "fields.csv",
        "README.txt",
      ].sort(),
    );
    const cases: Array<[string, Array<Feature<Geometry | null, Record<string, unknown>>>]> = [
      ["facilities", facilities.map(facilityFeature)],
      ["violations", placed.map((p) => ({ ...p, properties: violationFlatProps(p.properties) }))],
      ["gaps", gaps as unknown as Array<Feature<Geometry, Record<string, unknown>>>],
    ];
    for (const [base, features] of cases) {
      const l = await layerFiles(zip, base);
      expect(l.cpg).toBe("UTF-8");
      expect(l.prj).toBe(PRJ_WGS84);
      const h = dbfHeader(l.dbf);
      expect(h.version).toBe(3);
      expect(h.date).toEqual([2026, 12, 1]);
      expect(h.records).toBe(features.length);
      expect(h.languageDriver).toBe(0);
      expect(h.terminator).toBe(0x0d);
      expect(h.eof).toBe(0x1a);
      expect(h.headerLen).toBe(32 + 32 * h.fields.length + 1);
      expect(h.recordLen).toBe(1 + h.fields.reduce((s, f) => s + f.width, 0));
      expect(h.size).toBe(h.headerLen + h.recordLen * h.records + 1);
      const mine = out.fields.filter((f) => f.file === base);
      expect(h.fields.map((f) => f.name)).toEqual(mine.map((f) => f.name));
      for (const f of h.fields) expect(f.name).toMatch(/^[A-Z0-9_]{1,10}$/);
      expect(new Set(h.fields.map((f) => f.name)).size).toBe(h.fields.length);
      for (const f of mine) if (DBF_FIELD_NAMES[f.property]) expect(f.name).toBe(DBF_FIELD_NAMES[f.property]);
      expect(l.geometries).toHaveLength(features.length);
      expect(l.records).toHaveLength(features.length);
      features.forEach((feature, i) => {
        const rec = l.records[i];
        for (const f of mine) {
          const want = feature.properties?.[f.property];
          const got = rec[f.name];
          if (want === undefined || want === null) {
            if (f.type === "N") expect(got).toBeNaN();
            else if (f.type === "C") expect(got).toBe("");
          } else if (f.type === "N") expect(got).toBe(want);
          else if (f.type === "L") expect(got).toBe(want);
          else expect(got).toBe(String(want).trim());
        }
        const g = feature.geometry;
        if (g?.type === "Point") expect(l.geometries[i]).toEqual(g);
        if (g?.type === "Polygon") {
          const back = l.geometries[i] as Geometry;
          expect(area(back)).toBeCloseTo(area(g), 3);
        }
      });
      expect(mine.every((f) => f.truncated === 0)).toBe(true);
    }
    // Chinese text, byte for byte
    const v = await layerFiles(zip, "violations");
    expect(v.records.map((r) => r.CNTY_NAME)).toEqual(placed.map((p) => p.properties.countyName));
    // the English name in a field of its own (CNTY_EN, ≤ 10 characters), the Chinese kept for joins
    expect(v.records.map((r) => r.CNTY_EN)).toEqual(
      placed.map((p) =>
        p.properties.geometryKind === "city"
          ? "Whole city"
          : ({ "411323": "Xixia County", "411330": "Tongbai County" }[p.properties.county] ?? ""),
      ),
    );
    expect(v.records.some((r) => r.CNTY_EN === "Xixia County")).toBe(true);
    const g = await layerFiles(zip, "gaps");
    expect(g.records.filter((r) => r.COUNTY === "411323").every((r) => r.CNTY_EN === "Xixia County")).toBe(true);
    // every gap property has a chosen DBF name (none cut by the fallback), and the cited, shared figures are there
    for (const f of out.fields.filter((x) => x.file === "gaps")) expect(f.name).toBe(DBF_FIELD_NAMES[f.property]);
    // and every violation property; the id and a counting rule's figures in fields of their own
    for (const f of out.fields.filter((x) => x.file === "violations")) expect(f.name).toBe(DBF_FIELD_NAMES[f.property]);
    expect(v.records.map((r) => r.VIOL_ID)).toEqual(placed.map((p) => p.properties.violationId));
    const village = v.records.find((r) => r.RULE === "VC-PER-VILLAGE");
    expect([village?.COUNT, village?.EXPECTED, village?.MEASURED].every((x) => typeof x === "number")).toBe(true);
    for (const r of g.records) {
      expect(r.CITATION).toMatch(/^\d{3}:\d+/);
      expect(r.COVER_PCT).toBeGreaterThan(0);
      expect(r.GRID_KM2).toBeGreaterThan(0);
      expect(r.RULE_ZH).not.toBe("");
    }
    expect(v.records.map((r) => r.CITE_QUOTE)).toEqual(placed.map((p) => p.properties.provenance[0].quote));
    expect(v.records.map((r) => r.MSG_ZH)).toEqual(placed.map((p) => p.properties.messageZh));
    // the fields table in the zip says the same as the returned mapping
    const table = (await zip.file("fields.csv")?.async("string")) ?? "";
    expect(table.startsWith("\uFEFF")).toBe(true);
    for (const f of out.fields) expect(table).toContain(`${f.file},${f.name},${f.property},${f.type},${f.width},`);
  });

  it("writes a yes/no field F where a feature says no or nothing, ? only where the value is unknown (s45-b #9)", async () => {
    // the GIS trial: PROPOSED was ? on 6,799 facilities, so that QGIS's "PROPOSED" = false selected none of them
    const some = facilities.slice(0, 6).map((f, i) => ({
      ...f,
      ...(i === 1 ? { proposed: true } : {}),
      ...(i === 2 ? { invented: false } : {}),
      ...(i === 3 ? { typeByHand: true, typeInFile: "火星" } : {}),
      ...(i === 4 ? { typeGuessed: true } : {}),
      ...(i === 5 ? { nameGiven: true } : {}),
    }));
    const ring = (props: Record<string, unknown>): Feature<Polygon, Record<string, unknown>> => ({
      type: "Feature",
      geometry: gaps[0].geometry as Polygon,
      properties: props,
    });
    const out = await exportShapefileZip([
      { name: "facilities", kind: "point", features: some.map(facilityFeature), fields: FACILITY_DBF_FIELDS },
      // a list with no proposed site and nothing invented still has both fields, every row F
      {
        name: "plain",
        kind: "point",
        features: facilities.slice(0, 6).map(({ invented: _i, ...f }) => facilityFeature(f)),
        fields: FACILITY_DBF_FIELDS,
      },
      { name: "rings", features: [ring({ proposed: false, clipped: true }), ring({ proposed: true })] },
      // not a yes/no whose absence means no: the city row's IN_LIST, a list's own flag
      { name: "other", features: [ring({ countyInList: false, flag: true }), ring({ countyInList: true }), ring({})] },
    ]);
    const zip = await JSZip.loadAsync(out.zip);
    const dbf = async (base: string) => (await layerFiles(zip, base)).dbf;
    const f = await dbf("facilities");
    const sample = some.map((x) => (x.invented ? "T" : "F"));
    expect(rawCells(f, "PROPOSED")).toEqual(["F", "T", "F", "F", "F", "F"]);
    expect(rawCells(f, "INVENTED")).toEqual(sample);
    expect(sample).toContain("T");
    expect(rawCells(f, "TYPE_HAND")).toEqual(["F", "F", "F", "T", "F", "F"]);
    expect(rawCells(f, "TYPE_GUESS")).toEqual(["F", "F", "F", "F", "T", "F"]);
    expect(rawCells(f, "NAME_GIVEN")).toEqual(["F", "F", "F", "F", "F", "T"]);
    const plain = await dbf("plain");
    expect(
      dbfHeader(plain)
        .fields.filter((x) => x.type === "L")
        .map((x) => x.name),
    ).toEqual(["PROPOSED", "INVENTED"]);
    expect(rawCells(plain, "PROPOSED")).toEqual(["F", "F", "F", "F", "F", "F"]);
    expect(rawCells(plain, "INVENTED")).toEqual(["F", "F", "F", "F", "F", "F"]);
    const r = await dbf("rings");
    expect(rawCells(r, "CLIPPED")).toEqual(["T", "F"]);
    expect(rawCells(r, "PROPOSED")).toEqual(["F", "T"]);
    const o = await dbf("other");
    expect(rawCells(o, "IN_LIST")).toEqual(["F", "T", "?"]);
    expect(rawCells(o, "FLAG")).toEqual(["T", "?", "?"]);

    // read back as they were, and a file of before (? where F is now written) as well, with no warning
    const back = await parseFacilityFile(out.zip, "facilities.zip");
    expect(back.facilities.map((x) => x.proposed === true)).toEqual(some.map((x) => x.proposed === true));
    expect(back.facilities.map((x) => x.invented === true)).toEqual(some.map((x) => x.invented === true));
    expect(back.facilities.map((x) => x.typeByHand === true)).toEqual(some.map((x) => x.typeByHand === true));
    expect(back.facilities.map((x) => x.nameGiven === true)).toEqual(some.map((x) => x.nameGiven === true));
    expect(back.issues.filter((i) => i.code === "not-a-boolean")).toEqual([]);
    const old = f.slice();
    const h = dbfHeader(old);
    for (const name of ["PROPOSED", "INVENTED", "TYPE_HAND", "TYPE_GUESS", "NAME_GIVEN"]) {
      let at = 1;
      for (const x of h.fields) {
        if (x.name === name) break;
        at += x.width;
      }
      for (let i = 0; i < h.records; i++) {
        const k = h.headerLen + h.recordLen * i + at;
        if (old[k] === "F".charCodeAt(0)) old[k] = "?".charCodeAt(0);
      }
    }
    expect(rawCells(old, "PROPOSED")).toEqual(["?", "T", "?", "?", "?", "?"]);
    zip.file("facilities.dbf", old);
    const before = await parseFacilityFile(await zip.generateAsync({ type: "uint8array" }), "facilities.zip");
    expect(before.facilities).toEqual(back.facilities);
    expect(before.issues).toEqual(back.issues);
  });

  it("writes polygon outer rings clockwise and holes counter-clockwise (ESRI), from RFC 7946 input", async () => {
    const square: Polygon = {
      type: "Polygon",
      coordinates: [
        [
          [112, 33],
          [112.1, 33],
          [112.1, 33.1],
          [112, 33.1],
          [112, 33],
        ],
        [
          [112.02, 33.02],
          [112.02, 33.05],
          [112.05, 33.05],
          [112.05, 33.02],
          [112.02, 33.02],
        ],
      ],
    };
    expect(signed2(square.coordinates[0])).toBeGreaterThan(0);
    const out = await exportShapefileZip([
      { name: "sq", features: [{ type: "Feature", geometry: square, properties: { areaKm2: 1.5 } }, ...gaps] },
    ]);
    const zip = await JSZip.loadAsync(out.zip);
    const l = await layerFiles(zip, "sq");
    for (const ring of firstRings(l.shp)) expect(signed2(ring)).toBeLessThan(0);
    // shpjs reads the hole back as a hole: the area is the square's less the hole's
    expect(area(l.geometries[0] as Polygon)).toBeCloseTo(area(square), 0);
    expect(l.geometries.length).toBe(1 + gaps.length);
  });

  it("splits mixed geometry types into one shapefile each and keeps features without geometry as null shapes", async () => {
    const out = await exportShapefileZip([
      {
        name: "mixed",
        features: [
          facilityFeature(facilities[0]),
          { ...gaps[0], properties: { ...gaps[0].properties } },
          { type: "Feature", geometry: null, properties: { name: "无位置" } },
        ],
      },
    ]);
    expect(out.files).toEqual(["mixed_point", "mixed_polygon"]);
    const zip = await JSZip.loadAsync(out.zip);
    const pts = await layerFiles(zip, "mixed_point");
    expect(pts.geometries).toEqual([facilityFeature(facilities[0]).geometry, null]);
    expect(pts.records[1].NAME).toBe("无位置");
    const shp = new DataView(pts.shp.buffer, pts.shp.byteOffset);
    expect(shp.getInt32(32, true)).toBe(1);
  });

  it("cuts text over 254 bytes at a character boundary, says so, and numbers clashing field names", async () => {
    const long = "急".repeat(100);
    const out = await exportShapefileZip([
      {
        name: "t",
        features: [
          {
            type: "Feature",
            geometry: { type: "Point", coordinates: [112, 33] },
            properties: { note: long, someLongPropertyA: 1, someLongPropertyB: 2.25, flag: true },
          },
        ],
      },
    ]);
    const f = Object.fromEntries(out.fields.map((x) => [x.property, x]));
    expect(f.note).toMatchObject({ name: "NOTE", type: "C", width: 252, truncated: 1 });
    expect(f.someLongPropertyA.name).toBe("SOME_LONG_");
    expect(f.someLongPropertyB).toMatchObject({ name: "SOME_LON_1", type: "N", decimals: 2 });
    expect(f.flag.type).toBe("L");
    const zip = await JSZip.loadAsync(out.zip);
    const l = await layerFiles(zip, "t");
    expect(l.records[0].NOTE).toBe(`${"急".repeat(83)}…`);
    expect(l.records[0].SOME_LON_1).toBe(2.25);
    expect(l.records[0].FLAG).toBe(true);
  });

  it("numeric fields are as wide as their meaning, not their values: a GIS user can type a larger count (issue 11, 3d)", async () => {
    const violations = placed.map((p) => ({ ...p, properties: violationFlatProps(p.properties) }));
    const out = await exportShapefileZip(
      [
        { name: "facilities", features: facilities.map(facilityFeature) },
        { name: "violations", features: violations },
        { name: "gaps", features: gaps },
      ],
      { date: DATE },
    );
    const zip = await JSZip.loadAsync(out.zip);
    const expected: Record<string, [number, number]> = {
      BEDS: [10, 0],
      CITE_LINE: [10, 0],
      GAP_COUNT: [10, 0],
      DIST_KM: [12, 2],
      LIMIT_KM: [12, 2],
      RADIUS_KM: [12, 2],
      AREA_KM2: [14, 1],
      UNCOV_KM2: [14, 1],
      MAXGAP_KM2: [14, 1],
      COVER_PCT: [6, 1],
    };
    const seen = new Set<string>();
    for (const [base, features] of [
      ["facilities", facilities.map(facilityFeature)],
      ["violations", violations],
      ["gaps", gaps],
    ] as const) {
      const l = await layerFiles(zip, base);
      const h = dbfHeader(l.dbf);
      for (const f of h.fields) {
        const prop = out.fields.find((x) => x.file === base && x.name === f.name)?.property ?? "";
        if (!(prop in DBF_NUMBER_FIELDS)) continue;
        // the header read back: type N, the width and decimals of the field's meaning
        const { width, decimals } = DBF_NUMBER_FIELDS[prop];
        expect([f.name, f.type, f.width, f.decimals]).toEqual([f.name, "N", width, decimals]);
        if (expected[f.name]) expect([f.width, f.decimals], f.name).toEqual(expected[f.name]);
        seen.add(f.name);
        // every value read back as it was, an absent one blank
        (features as ReadonlyArray<Feature<Geometry | null, object | null>>).forEach((feat, i) => {
          const want = (feat.properties as Record<string, unknown> | null)?.[prop];
          expect((l.records[i] as Record<string, unknown>)[f.name], `${base} ${f.name} ${i}`).toBe(
            typeof want === "number" ? want : Number.NaN, // shpjs reads a blank N as NaN
          );
        });
      }
    }
    // the sample has every one of these (GAP_COUNT: 3 gaps at most, one character before)
    for (const name of Object.keys(expected)) expect(seen, name).toContain(name);

    // a GIS user's edit: 1234567890 typed into a GAP_COUNT cell fits, and reads back
    const l = await layerFiles(zip, "violations");
    const h = dbfHeader(l.dbf);
    const row = l.records.findIndex((r) => typeof (r as Record<string, unknown>).GAP_COUNT === "number");
    expect(row).toBeGreaterThanOrEqual(0);
    let at = h.headerLen + h.recordLen * row + 1;
    for (const f of h.fields) {
      if (f.name === "GAP_COUNT") break;
      at += f.width;
    }
    const edited = l.dbf.slice();
    edited.set(new TextEncoder().encode("1234567890"), at);
    const back = parseDbf(new DataView(edited.buffer), "UTF-8") as Array<Record<string, unknown>>;
    expect(back[row].GAP_COUNT).toBe(1234567890);
    expect(back[row].RULE).toBe((l.records[row] as Record<string, unknown>).RULE);
  });

  it("an unknown number is a GIS long (N 10 0) or double (N 19, its decimals); a value too long widens its field, never cut", async () => {
    const props = [
      { beds: 12345678901234, count: 7, ratio: 0.125, distanceKm: 3.14156 },
      { beds: 5, count: 12, ratio: 2, distanceKm: 12 },
    ];
    const out = await exportShapefileZip([
      {
        name: "t",
        features: props.map((p, i) => ({
          type: "Feature" as const,
          geometry: { type: "Point" as const, coordinates: [112 + i, 33] },
          properties: p,
        })),
      },
    ]);
    const f = Object.fromEntries(out.fields.map((x) => [x.property, [x.type, x.width, x.decimals]]));
    expect(f).toEqual({
      beds: ["N", 14, 0],
      count: ["N", 10, 0],
      ratio: ["N", 19, 3],
      distanceKm: ["N", 15, 5],
    });
    const l = await layerFiles(await JSZip.loadAsync(out.zip), "t");
    expect(l.records).toEqual([
      { BEDS: 12345678901234, COUNT: 7, RATIO: 0.125, DIST_KM: 3.14156 },
      { BEDS: 5, COUNT: 12, RATIO: 2, DIST_KM: 12 },
    ]);
  });

  it("writes GCJ-02 coordinates with a .prj that says so; the importer converts them back to WGS84", async () => {
    const some = facilities.slice(0, 50);
    const out = await exportShapefileZip([{ name: "facilities", features: some.map(facilityFeature) }], {
      crs: "gcj02",
    });
    const zip = await JSZip.loadAsync(out.zip);
    expect(await zip.file("facilities.prj")?.async("string")).toBe(PRJ_GCJ02);
    const read = await readShapefileZip(out.zip);
    expect(read.crs).toBe("gcj02");
    expect(read.encoding).toBe("utf-8");
    // shifted by the GCJ-02 offset (hundreds of metres), not left in WGS84
    const p = read.features[0].geometry as Point;
    expect(Math.abs(p.coordinates[0] - some[0].lon) + Math.abs(p.coordinates[1] - some[0].lat)).toBeGreaterThan(1e-3);
    const back = await parseFacilityFile(out.zip, "facilities.zip");
    expect(back.facilities).toHaveLength(some.length);
    back.facilities.forEach((f, i) => {
      expect(f.name).toBe(some[i].name);
      expect(f.type).toBe(some[i].type);
      expect(Math.abs(f.lon - some[i].lon)).toBeLessThan(1e-7);
      expect(Math.abs(f.lat - some[i].lat)).toBeLessThan(1e-7);
    });
  });
});
