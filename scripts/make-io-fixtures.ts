// Generates test/fixtures/io/*: run with `npx tsx scripts/make-io-fixtures.ts`.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import JSZip from "jszip";
import writeXlsxFile from "write-excel-file/node";
import { expectedFacility, FIXTURE_FACILITIES, FIXTURE_HEADERS, fixtureRow } from "../test/core/io/fixture-data";
import { makeDoubleByteEncoder, makeGbkEncoder, refGk, refWgsToBd, refWgsToGcj } from "../test/core/io/reference";

const OUT = join(dirname(fileURLToPath(import.meta.url)), "..", "test", "fixtures", "io");
mkdirSync(OUT, { recursive: true });
const gbk = makeGbkEncoder();
const utf8 = (s: string) => new TextEncoder().encode(s);

function csvLine(cells: string[]): string {
  return cells.map((c) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(",");
}
function csv(rows: string[][]): string {
  return `${rows.map(csvLine).join("\r\n")}\r\n`;
}
function write(name: string, data: Uint8Array | string) {
  writeFileSync(join(OUT, name), data);
  console.log("wrote", name);
}

const plainRows = [FIXTURE_HEADERS, ...FIXTURE_FACILITIES.map((f) => fixtureRow(f))];

// CSV: UTF-8 with BOM, and GBK.
write("facilities-utf8-bom.csv", new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(csv(plainRows))]));
write("facilities-gbk.csv", gbk(csv(plainRows)));

// GCJ-02 and BD-09 CSVs: coordinates from the published forward formulas applied to the WGS84 positions.
const gcjRows = [
  FIXTURE_HEADERS,
  ...FIXTURE_FACILITIES.map((f) => {
    const [x, y] = refWgsToGcj(f.lon, f.lat);
    return fixtureRow(f, x.toFixed(9), y.toFixed(9));
  }),
];
write("facilities-gcj02.csv", csv(gcjRows));
const bdRows = [
  FIXTURE_HEADERS,
  ...FIXTURE_FACILITIES.map((f) => {
    const [x, y] = refWgsToBd(f.lon, f.lat);
    return fixtureRow(f, x.toFixed(9), y.toFixed(9));
  }),
];
write("facilities-bd09.csv", csv(bdRows));

// Projected CSV in CGCS2000 GK CM 111°E with X = northing, Y = easting (surveyors' order) to test the swap.
const gkRows = [
  ["编号", "名称", "类型", "X", "Y"],
  ...FIXTURE_FACILITIES.map((f) => {
    const [e, n] = refGk(f.lon, f.lat, 111);
    return [f.id, f.name, f.typeCell, n.toFixed(4), e.toFixed(4)];
  }),
];
write("facilities-gk4546-xy.csv", csv(gkRows));

// Bad rows (UTF-8): the expected issues are listed in test/core/io/bad-rows.test.ts.
write(
  "bad-rows.csv",
  csv([
    ["机构编码", "机构名称", "机构类别", "经度", "纬度", "所属县区"],
    ["B01", "南召县人民医院", "", "112.429", "33.489", "411321"],
    ["B02", "云阳镇卫生院", "乡镇卫生院", "", "33.44", "411321"],
    ["B03", "张庄村卫生室", "村卫生室", "112.41", "abc", "411321"],
    ["B04", "李庄村卫生室", "村卫生室", "112.42", "200", "411321"],
    ["B05", "某某诊所", "诊所X", "112.43", "33.5", "411321"],
    ["B06", "皇路店镇中心卫生院", "", "33.340567", "112.381234", "411321"],
    ["B07", "", "村卫生室", "112.45", "33.46", "411321"],
    ["B08", "南召县中医院", "", "112.44", "33.49", ""],
  ]),
);

// GeoJSON with English property names.
write(
  "facilities.geojson",
  JSON.stringify(
    {
      type: "FeatureCollection",
      features: FIXTURE_FACILITIES.map((f) => ({
        type: "Feature",
        geometry: { type: "Point", coordinates: [f.lon, f.lat] },
        properties: {
          id: f.id,
          name: f.name,
          ...(f.typeCell ? { type: f.typeCell } : {}),
          county: f.county,
          ...(f.beds !== undefined ? { beds: f.beds } : {}),
          ...(f.grade ? { grade: f.grade } : {}),
          ...(f.ownership ? { ownership: f.ownership } : {}),
        },
      })),
    },
    null,
    1,
  ),
);

// KML with ExtendedData.
const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");
const placemarks = FIXTURE_FACILITIES.map((f) => {
  const data: Array<[string, string]> = [
    ["机构编码", f.id],
    ["机构类别", f.typeCell],
    ["所属县区", f.county],
    ["床位数", f.beds === undefined ? "" : String(f.beds)],
    ["医院等级", f.grade ?? ""],
    ["经济类型", f.ownership ?? ""],
  ];
  const ext = data
    .filter(([, v]) => v !== "")
    .map(([k, v]) => `<Data name="${k}"><value>${esc(v)}</value></Data>`)
    .join("");
  return `  <Placemark><name>${esc(f.name)}</name><ExtendedData>${ext}</ExtendedData><Point><coordinates>${f.lon},${f.lat},0</coordinates></Point></Placemark>`;
});
write(
  "facilities.kml",
  `<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2"><Document><name>医疗机构</name>\n${placemarks.join("\n")}\n</Document></kml>\n`,
);

// XLSX: facilities on the first sheet, a second sheet to test sheet selection.
const xlsxRows = [
  FIXTURE_HEADERS.map((h) => ({ value: h })),
  ...FIXTURE_FACILITIES.map((f) =>
    fixtureRow(f).map((c, i) =>
      i === 3
        ? { value: f.lon }
        : i === 4
          ? { value: f.lat }
          : i === 6 && f.beds !== undefined
            ? { value: f.beds }
            : { value: c },
    ),
  ),
];
const secondSheet = [
  [{ value: "名称" }, { value: "经度" }, { value: "纬度" }],
  [{ value: "南召县人民医院" }, { value: 112.429 }, { value: 33.489 }],
];
const xlsx = await writeXlsxFile([
  { data: xlsxRows, sheet: "机构" },
  { data: secondSheet, sheet: "第二页" },
] as never).toBuffer();
write("facilities.xlsx", new Uint8Array(xlsx));

// Zipped point Shapefiles: hand-written .shp/.shx/.dbf, GBK attributes.
function shpFiles(points: Array<[number, number]>): { shp: Uint8Array; shx: Uint8Array } {
  const n = points.length;
  const shp = new DataView(new ArrayBuffer(100 + 28 * n));
  const shx = new DataView(new ArrayBuffer(100 + 8 * n));
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  for (const [dv, words] of [
    [shp, (100 + 28 * n) / 2],
    [shx, (100 + 8 * n) / 2],
  ] as const) {
    dv.setInt32(0, 9994, false);
    dv.setInt32(24, words, false);
    dv.setInt32(28, 1000, true);
    dv.setInt32(32, 1, true);
    dv.setFloat64(36, Math.min(...xs), true);
    dv.setFloat64(44, Math.min(...ys), true);
    dv.setFloat64(52, Math.max(...xs), true);
    dv.setFloat64(60, Math.max(...ys), true);
  }
  points.forEach(([x, y], i) => {
    const off = 100 + 28 * i;
    shp.setInt32(off, i + 1, false);
    shp.setInt32(off + 4, 10, false);
    shp.setInt32(off + 8, 1, true);
    shp.setFloat64(off + 12, x, true);
    shp.setFloat64(off + 20, y, true);
    shx.setInt32(100 + 8 * i, off / 2, false);
    shx.setInt32(100 + 8 * i + 4, 10, false);
  });
  return { shp: new Uint8Array(shp.buffer), shx: new Uint8Array(shx.buffer) };
}

function dbf(
  fields: Array<{ name: string; type: "C" | "N"; len: number }>,
  records: string[][],
  encode: (s: string) => Uint8Array,
  driver = 0x4d, // language driver: GBK (0 for none)
): Uint8Array {
  const headerLen = 32 + 32 * fields.length + 1;
  const recLen = 1 + fields.reduce((s, f) => s + f.len, 0);
  const out = new Uint8Array(headerLen + recLen * records.length + 1);
  const dv = new DataView(out.buffer);
  out[0] = 0x03;
  out[1] = 124;
  out[2] = 1;
  out[3] = 1;
  dv.setUint32(4, records.length, true);
  dv.setUint16(8, headerLen, true);
  dv.setUint16(10, recLen, true);
  out[29] = driver;
  fields.forEach((f, i) => {
    const o = 32 + 32 * i;
    const nameBytes = encode(f.name);
    if (nameBytes.length > 10) throw new Error(`field name too long: ${f.name}`);
    out.set(nameBytes, o);
    out[o + 11] = f.type.charCodeAt(0);
    out[o + 16] = f.len;
  });
  out[headerLen - 1] = 0x0d;
  records.forEach((r, ri) => {
    let o = headerLen + ri * recLen;
    out[o++] = 0x20;
    fields.forEach((f, fi) => {
      const bytes = encode(r[fi]);
      if (bytes.length > f.len) throw new Error(`value too long: ${r[fi]}`);
      const cell = new Uint8Array(f.len).fill(0x20);
      if (f.type === "N") cell.set(bytes, f.len - bytes.length);
      else cell.set(bytes, 0);
      out.set(cell, o);
      o += f.len;
    });
  });
  out[out.length - 1] = 0x1a;
  return out;
}

const PRJ_4546 =
  'PROJCS["CGCS2000_3_Degree_GK_CM_111E",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",111.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
const PRJ_4525 =
  'PROJCS["CGCS2000_3_Degree_GK_Zone_37",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",37500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",111.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';

const dbfFields = [
  { name: "ID", type: "C" as const, len: 10 },
  { name: "名称", type: "C" as const, len: 60 },
  { name: "类型", type: "C" as const, len: 20 },
  { name: "COUNTY", type: "C" as const, len: 6 },
  { name: "BEDS", type: "N" as const, len: 8 },
  { name: "GRADE", type: "C" as const, len: 12 },
  { name: "OWNER", type: "C" as const, len: 12 },
];
const dbfRecords = FIXTURE_FACILITIES.map((f) => [
  f.id,
  f.name,
  f.typeCell,
  f.county,
  f.beds === undefined ? "" : String(f.beds),
  f.grade ?? "",
  f.ownership ?? "",
]);

async function shapefileZip(name: string, prefix: boolean, prj: string, cpg: string | undefined) {
  const pts = FIXTURE_FACILITIES.map((f) => refGk(f.lon, f.lat, 111, prefix));
  const { shp, shx } = shpFiles(pts);
  const zip = new JSZip();
  const date = new Date(Date.UTC(2026, 0, 1)); // fixed, so the archive is reproducible
  zip.file(`${name}.shp`, shp, { date });
  zip.file(`${name}.shx`, shx, { date });
  zip.file(`${name}.dbf`, dbf(dbfFields, dbfRecords, gbk), { date });
  zip.file(`${name}.prj`, prj, { date });
  if (cpg !== undefined) zip.file(`${name}.cpg`, cpg, { date });
  write(`${name}.zip`, await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" }));
}
await shapefileZip("facilities-gk4546", false, PRJ_4546, "GBK");
await shapefileZip("facilities-gk4525-nocpg", true, PRJ_4525, undefined);

// A Big5 Shapefile (a Taiwan or Hong Kong locale's GIS) with no .cpg and no language driver: the list of
// big5-zhenping.csv, in WGS84.
{
  const rows: Array<[string, string, number, number, string, string]> = [
    ["鎮平縣人民醫院", "醫院", 112.2345, 33.034, "411324", ""],
    ["鎮平縣石佛寺鎮衛生院", "鄉鎮衛生院", 112.34, 33.062, "411324", "石佛寺鎮"],
    ["鎮平縣急救站", "急救站", 112.24, 33.03, "411324", ""],
    ["侯集鎮衛生院", "鄉鎮衛生院", 112.12, 33.11, "411324", "侯集鎮"],
  ];
  const { shp, shx } = shpFiles(rows.map((r) => [r[2], r[3]]));
  const fields = [
    { name: "名稱", type: "C" as const, len: 40 },
    { name: "類型", type: "C" as const, len: 20 },
    { name: "所屬縣區", type: "C" as const, len: 6 },
    { name: "鄉鎮", type: "C" as const, len: 20 },
  ];
  const big5 = makeDoubleByteEncoder("big5");
  const records = rows.map((r) => [r[0], r[1], r[4], r[5]]);
  const zip = new JSZip();
  const date = new Date(Date.UTC(2026, 0, 1));
  zip.file("big5-zhenping.shp", shp, { date });
  zip.file("big5-zhenping.shx", shx, { date });
  zip.file("big5-zhenping.dbf", dbf(fields, records, big5, 0), { date });
  zip.file(
    "big5-zhenping.prj",
    'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]',
    { date },
  );
  write("big5-zhenping-nocpg.zip", await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" }));
}

// Boundaries (two rectangles, one without a code) and a population table.
write(
  "boundaries.geojson",
  JSON.stringify({
    type: "FeatureCollection",
    features: [
      {
        type: "Feature",
        properties: { adcode: 411321, name: "南召县" },
        geometry: {
          type: "Polygon",
          coordinates: [
            [
              [112.1, 33.2],
              [112.7, 33.2],
              [112.7, 33.7],
              [112.1, 33.7],
              [112.1, 33.2],
            ],
          ],
        },
      },
      {
        type: "Feature",
        properties: { NAME: "宛城区", CODE: "411302" },
        geometry: {
          type: "MultiPolygon",
          coordinates: [
            [
              [
                [112.45, 32.9],
                [112.6, 32.9],
                [112.6, 33.1],
                [112.45, 33.1],
                [112.45, 32.9],
              ],
            ],
          ],
        },
      },
      {
        type: "Feature",
        properties: { 名称: "无代码区" },
        geometry: {
          type: "Polygon",
          coordinates: [
            [
              [113, 33],
              [113.1, 33],
              [113.1, 33.1],
              [113, 33],
            ],
          ],
        },
      },
      { type: "Feature", properties: { name: "一个点" }, geometry: { type: "Point", coordinates: [112, 33] } },
    ],
  }),
);
write(
  "population.csv",
  csv([
    ["区划代码", "县区", "常住人口（万人）", "口径", "年份"],
    ["411302", "宛城区", "92.1", "常住", "2023"],
    ["", "南召县", "50.38", "户籍", "2023"],
    ["", "不存在县", "10", "常住", "2023"],
    ["411303", "卧龙区", "abc", "常住", "2023"],
  ]),
);

console.log("expected facilities:", FIXTURE_FACILITIES.map(expectedFacility).length);
