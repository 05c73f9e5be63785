/// <reference path="./env.d.ts" />

import type { Feature, FeatureCollection, Geometry } from "geojson";
import { checkArchive } from "./archive";
import { crsFromPrj, isSupportedCrs, wktToWgs84 } from "./crs";
import { FileProblem, preview } from "./errors";
import { cpgToEncoding, decodeText, decodeWith, readsAsBig5 } from "./text";
import type { CrsId, Message } from "./types";

/** Features read from a vector file, with coordinates still in the file's CRS. */
export interface VectorRead {
  features: Array<Feature<Geometry | null>>;
  /** CRS recognised from a .prj (Shapefile) or implied by the format (GeoJSON/KML: WGS84). */
  crs?: CrsId;
  /** Converter for a .prj that is not one of the known CRS ids (proj4 from WKT). */
  customToWgs84?: (x: number, y: number) => [number, number];
  /** With `customToWgs84`: the .prj's own name of its system (PROJCS["Xian_1980_3_Degree_GK_CM_111E", …]). */
  crsName?: string;
  /** Attribute encoding (Shapefile DBF). */
  encoding?: string;
  /** File-level notes: [code, zh, en]. */
  notes: Array<{ code: string; severity: "error" | "warning" | "note"; zh: string; en: string }>;
  /** Per feature (same index): why it cannot be read; such features have a null geometry. */
  problems?: Array<FeatureProblem | undefined>;
}

/** Why one feature of a vector file cannot be read: "invalid-feature" (GeoJSON) or "missing-geometry" (Shapefile). */
export interface FeatureProblem {
  code: string;
  message: Message;
}

const GEOMETRY_TYPES = new Set([
  "Point",
  "MultiPoint",
  "LineString",
  "MultiLineString",
  "Polygon",
  "MultiPolygon",
  "GeometryCollection",
]);

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

const brief = (v: unknown) => preview(v);

/** Why a GeoJSON feature cannot be read at all, or undefined when it is a Feature with a well-formed geometry (or null). */
function featureProblem(f: unknown): Message | undefined {
  if (!isObject(f)) return { zh: `要素不是对象（${brief(f)}）`, en: `the feature is not an object (${brief(f)})` };
  if (f.type !== "Feature")
    return {
      zh: `要素的 type 不是 "Feature"（${brief(f.type)}）`,
      en: `the feature's type is not "Feature" (${brief(f.type)})`,
    };
  if (!("geometry" in f)) return { zh: "要素没有 geometry 成员", en: "the feature has no geometry member" };
  const g = f.geometry;
  if (g === null) return undefined;
  if (!isObject(g) || typeof g.type !== "string" || !GEOMETRY_TYPES.has(g.type))
    return { zh: `几何无效（${brief(g)}）`, en: `the geometry is not valid GeoJSON (${brief(g)})` };
  if (g.type === "GeometryCollection")
    return Array.isArray(g.geometries)
      ? undefined
      : { zh: "几何集合缺少 geometries", en: "the GeometryCollection has no geometries" };
  if (!Array.isArray(g.coordinates))
    return { zh: `${g.type} 几何缺少坐标数组`, en: `the ${g.type} geometry has no coordinates array` };
  return undefined;
}

/**
 * Parses GeoJSON text: a FeatureCollection, a single Feature or a bare geometry. A feature that is not a Feature
 * or whose geometry is malformed becomes a feature with a null geometry and its problem in `problems` (same index),
 * so the caller reports it by number and keeps the others. Throws {@link FileProblem} on invalid JSON or non-GeoJSON.
 */
export function readGeoJSONText(text: string): VectorRead {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    // a ZIP archive (a workbook, a zipped Shapefile) with a GeoJSON name: said what it is (the CLI trial, s54b L12:
    // an .xlsx renamed .geojson read 「不是有效的 JSON」 and nothing more)
    if (text.startsWith("PK\u0003\u0004"))
      throw new FileProblem("not-geojson", {
        zh: "文件内容是 ZIP 压缩包（如 Excel 工作簿 .xlsx 或压缩的 Shapefile），不是 GeoJSON：请按其实际类型改扩展名（.xlsx 或 .zip）后再导入",
        en: "the file is a ZIP archive (such as an Excel workbook or a zipped Shapefile), not GeoJSON: give it the extension of what it is (.xlsx or .zip) and import it again",
      });
    throw new FileProblem(
      "invalid-json",
      { zh: "不是有效的 JSON（语法错误）", en: "not valid JSON (syntax error)" },
      (e as Error).message,
    );
  }
  if (!isObject(json) || typeof json.type !== "string")
    throw new FileProblem("not-geojson", { zh: "不是 GeoJSON：缺少 type 成员", en: 'not GeoJSON: no "type" member' });
  let raw: unknown[];
  if (json.type === "FeatureCollection") {
    if (!Array.isArray(json.features))
      throw new FileProblem("not-geojson", {
        zh: "FeatureCollection 缺少 features 数组",
        en: "the FeatureCollection has no features array",
      });
    raw = json.features;
  } else if (json.type === "Feature") raw = [json];
  else raw = [{ type: "Feature", geometry: json, properties: {} }];
  const problems: Array<FeatureProblem | undefined> = [];
  const features = raw.map((f, i): Feature<Geometry | null> => {
    const problem = featureProblem(f);
    const props = isObject(f) && isObject(f.properties) ? f.properties : {};
    if (problem) {
      problems[i] = { code: "invalid-feature", message: problem };
      return { type: "Feature", geometry: null, properties: props };
    }
    return f as unknown as Feature<Geometry | null>;
  });
  const notes: VectorRead["notes"] = [];
  // stated by the file, or none (RFC 7946 makes it WGS84, and the readers take it so): a file with no member is not
  // said to give its CRS (the GIS trial, s45-b #9: 「来自文件」 for scenario-nanyang.geojson, which has none)
  let crs: CrsId | undefined;
  // the 2008 GeoJSON `crs` member ({"type":"name","properties":{"name":…}}), this tool's own GCJ-02 marker
  // (`coordinateSystem.id`), and the `crs.name` its exports wrote before the marker
  const legacy = json.crs as { name?: unknown; properties?: { name?: unknown } } | undefined;
  const own = json.coordinateSystem as { id?: unknown } | undefined;
  const named = [legacy?.properties?.name, own?.id, legacy?.name].find((n) => typeof n === "string") as
    | string
    | undefined;
  if (typeof named === "string") {
    // the code is the name's last number: 「urn:ogc:def:crs:EPSG:6.18:3:3857」 names 3857, not 6 (the re-check, s56c
    // N4); ESRI's 102100 is Web Mercator too
    const m = /(?:EPSG|ESRI)(?::[\d.]*)*::?(\d+)/i.exec(named);
    crs = "wgs84";
    if (m && m[1] !== "4326" && m[1] !== "4490") crs = `EPSG:${Number(m[1])}`;
    if (/gcj/i.test(named)) crs = "gcj02";
    if (/bd-?09/i.test(named)) crs = "bd09";
    // a system this tool cannot convert from: said, naming it, before any position is read (the bad-files trial,
    // s56b H1: EPSG:3857 crashed the import with 「Unsupported CRS」 and a stack trace)
    if (!isSupportedCrs(crs))
      throw new FileProblem("unsupported-crs", {
        zh: `文件声明的坐标系为 ${crs}（crs 成员“${named}”），本工具不能换算：请在 GIS 中转为 WGS84 或 CGCS2000 经纬度（EPSG:4326 / 4490）、CGCS2000 3度带高斯投影（EPSG:4513–4554）或 UTM（EPSG:326xx）后再导入`,
        en: `the file states its coordinate system as ${crs} (crs member "${named}"), which this tool cannot convert: convert it in a GIS to WGS84 or CGCS2000 longitude/latitude (EPSG:4326 / 4490), CGCS2000 3° Gauss–Krüger (EPSG:4513–4554) or UTM (EPSG:326xx) and import it again`,
      });
  }
  return { features, problems, crs, notes };
}

/**
 * Parses KML text via @tmcw/togeojson and @xmldom/xmldom. Malformed XML is a {@link FileProblem} naming line and
 * column; entity references are never expanded (xmldom does not read DTDs) and are reported in a warning.
 */
export async function readKmlText(text: string): Promise<VectorRead> {
  // loaded on first use: the XML parser is large and most runs read no KML
  const [{ kml: kmlToGeoJSON }, { DOMParser }] = await Promise.all([
    import("@tmcw/togeojson"),
    import("@xmldom/xmldom"),
  ]);
  const errors: string[] = [];
  const entities = new Set<string>();
  let doc: ReturnType<InstanceType<typeof DOMParser>["parseFromString"]>;
  try {
    doc = new DOMParser({
      onError: (level, msg) => {
        const ent = /entity not found:\s*(&[^;\s]*;?)/.exec(msg);
        if (ent) entities.add(ent[1]);
        else if (level !== "warning") errors.push(msg);
      },
    }).parseFromString(text, "text/xml");
  } catch (e) {
    const msg = (e as Error).message;
    const at = /line:(\d+),col:(\d+)/.exec(msg);
    const where = at
      ? { zh: `（第 ${at[1]} 行第 ${at[2]} 列附近）`, en: ` (near line ${at[1]}, column ${at[2]})` }
      : { zh: "", en: "" };
    throw new FileProblem(
      "invalid-xml",
      { zh: `KML 不是格式正确的 XML${where.zh}`, en: `the KML is not well-formed XML${where.en}` },
      msg.split("\n")[0],
    );
  }
  const fc = kmlToGeoJSON(doc as unknown as Parameters<typeof kmlToGeoJSON>[0]) as FeatureCollection<Geometry | null>;
  const notes: VectorRead["notes"] = [];
  if (entities.size > 0) {
    const list = [...entities].slice(0, 5).join(" ");
    notes.push({
      code: "xml-entity",
      severity: "warning",
      zh: `KML 含实体引用（${list}），未展开，按原文保留`,
      en: `the KML holds entity references (${list}); not expanded, kept as written`,
    });
  }
  if (errors.length > 0)
    notes.push({
      code: "xml-errors",
      severity: "warning",
      zh: `KML 有 ${errors.length} 处 XML 错误，已尽量读取：请核对`,
      en: `the KML has ${errors.length} XML errors; read as far as possible: please check`,
    });
  return { features: fc.features, crs: "wgs84", notes };
}

/**
 * The encoding a .dbf without a .cpg is read in: UTF-8 when its header and records are valid UTF-8; else the one its
 * language driver byte names (0x78: Big5, code page 950; 0x4D, 0x7A: GBK, 936); else Big5 when the records read far
 * better so (a Taiwan or Hong Kong locale's GIS, s40-b), else GBK, what a mainland PC writes.
 */
function dbfEncoding(dbf: Uint8Array): "utf-8" | "gbk" | "big5" {
  if (dbfRecordsAreUtf8(dbf)) return "utf-8";
  const driver = dbf[29];
  if (driver === 0x78) return "big5";
  if (driver === 0x4d || driver === 0x7a) return "gbk";
  const headerLen = dbf.length >= 12 ? dbf[8] | (dbf[9] << 8) : 0;
  return readsAsBig5(dbf.subarray(headerLen)) ? "big5" : "gbk";
}

function dbfRecordsAreUtf8(dbf: Uint8Array): boolean {
  if (dbf.length < 12) return true;
  const headerLen = dbf[8] | (dbf[9] << 8);
  try {
    decodeWith(dbf.subarray(headerLen), "utf-8", true);
    decodeWith(dbf.subarray(32, headerLen), "utf-8", true);
    return true;
  } catch {
    return false;
  }
}

/**
 * Reads a zipped Shapefile (first .shp layer with its .dbf, .prj and .cpg). DBF text is decoded with the
 * encoding the .cpg names; without a .cpg, as {@link dbfEncoding} finds (UTF-8, else its language driver's, else Big5
 * or GBK by which reads better).
 * Coordinates are returned as stored; `crs` / `customToWgs84` say how to convert them.
 */
export async function readShapefileZip(data: Uint8Array): Promise<VectorRead> {
  const { unsafeNames } = checkArchive(data);
  // loaded on first use, like the KML reader
  const [{ default: JSZip }, { parseDbf, parseShp }] = await Promise.all([import("jszip"), import("shpjs")]);
  const zip = await JSZip.loadAsync(data);
  const names = Object.keys(zip.files).filter(
    (n) => !n.includes("__MACOSX") && !zip.files[n].dir && !unsafeNames.includes(n),
  );
  const shpName = names.find((n) => /\.shp$/i.test(n));
  if (!shpName)
    throw new FileProblem("no-shp", { zh: "压缩包中没有 .shp 文件", en: "no .shp file in the zip archive" });
  const base = shpName.slice(0, -4);
  const sibling = (ext: string) => names.find((n) => n.slice(0, -4) === base && n.slice(-4).toLowerCase() === ext);
  const notes: VectorRead["notes"] = [];
  if (unsafeNames.length > 0)
    notes.push({
      code: "archive-unsafe-name",
      severity: "warning",
      zh: `压缩包中有路径不安全的文件（${unsafeNames.slice(0, 3).join("、")}），已忽略`,
      en: `the archive holds entries with unsafe paths (${unsafeNames.slice(0, 3).join(", ")}); ignored`,
    });
  const otherShp = names.filter((n) => /\.shp$/i.test(n) && n !== shpName);
  if (otherShp.length > 0) {
    notes.push({
      code: "extra-layers",
      severity: "warning",
      zh: `压缩包含多个图层，只读取了 ${shpName}（忽略 ${otherShp.join("、")}）`,
      en: `the archive holds several layers; read ${shpName}, ignored ${otherShp.join(", ")}`,
    });
  }
  const shp = await zip.files[shpName].async("uint8array");
  const dbfName = sibling(".dbf");
  const prjName = sibling(".prj");
  const cpgName = sibling(".cpg");
  const prj = prjName ? decodeText(await zip.files[prjName].async("uint8array")).text : undefined;
  const cpg = cpgName ? decodeText(await zip.files[cpgName].async("uint8array")).text : undefined;
  let encoding: string | undefined;
  let properties: Array<Record<string, unknown>> = [];
  if (dbfName) {
    const dbf = await zip.files[dbfName].async("uint8array");
    encoding = cpg !== undefined ? cpgToEncoding(cpg) : undefined;
    if (cpg !== undefined && !encoding) {
      notes.push({
        code: "unknown-cpg",
        severity: "warning",
        zh: `.cpg 编码“${cpg.trim()}”无法识别，按自动检测处理`,
        en: `.cpg encoding "${cpg.trim()}" not recognised; detecting`,
      });
    }
    if (!encoding) {
      encoding = dbfEncoding(dbf);
      if (encoding === "big5")
        notes.push({
          code: "big5",
          severity: "note",
          zh: ".dbf 属性表不是 UTF-8 或 GBK，而是 Big5（繁体中文）编码（没有 .cpg 说明编码），已按 Big5 读取",
          en: "the .dbf attribute table is not UTF-8 or GBK but Big5 (traditional Chinese), with no .cpg to say so; read as Big5",
        });
    }
    properties = parseDbf(dbf, encoding);
  } else {
    notes.push({
      code: "missing-dbf",
      severity: "warning",
      zh: "压缩包中没有 .dbf 属性表",
      en: "no .dbf attribute table in the archive",
    });
  }
  if (shp.length < 100)
    throw new FileProblem("truncated-file", {
      zh: `${shpName} 被截断（不足 100 字节的文件头）`,
      en: `${shpName} is truncated (shorter than its 100-byte header)`,
    });
  let geometries: Array<Geometry | null>;
  try {
    geometries = parseShp(shp);
  } catch (e) {
    const msg = (e as Error).message;
    const type = /shp type "?(\d+)/.exec(msg);
    if (type)
      throw new FileProblem(
        "unknown-shape-type",
        {
          zh: `${shpName} 的几何类型代码 ${type[1]} 无法识别（文件损坏或为不支持的类型）`,
          en: `${shpName} has shape type ${type[1]}, which is not recognised (damaged or unsupported)`,
        },
        msg,
      );
    throw e;
  }
  const declaredBytes = new DataView(shp.buffer, shp.byteOffset, shp.byteLength).getInt32(24) * 2;
  if (dbfName && geometries.length !== properties.length) {
    notes.push({
      code: "record-count-mismatch",
      severity: geometries.length < properties.length ? "error" : "warning",
      zh: `${shpName} 有 ${geometries.length} 条几何记录，.dbf 有 ${properties.length} 条属性记录${declaredBytes > shp.length ? `（.shp 声明 ${declaredBytes} 字节，实有 ${shp.length} 字节：文件被截断）` : ""}；缺几何的记录逐条列出`,
      en: `${shpName} has ${geometries.length} shape records and the .dbf ${properties.length}${declaredBytes > shp.length ? ` (the .shp declares ${declaredBytes} bytes and has ${shp.length}: truncated)` : ""}; records without a shape are listed one by one`,
    });
  }
  let crs: CrsId | undefined;
  let customToWgs84: VectorRead["customToWgs84"];
  let crsName: string | undefined;
  if (prj) {
    crs = crsFromPrj(prj);
    if (!crs) {
      customToWgs84 = wktToWgs84(prj);
      if (!customToWgs84)
        notes.push({
          code: "unknown-prj",
          severity: "warning",
          zh: ".prj 坐标系无法识别",
          en: ".prj coordinate system not recognised",
        });
      else {
        // said, with whether the datum was shifted (the GIS trial: a Xian 1980 .prj was used and the tool said
        // 「wgs84（默认）」, silent on the datum)
        crsName = wktName(prj);
        const shifted = /TOWGS84\[/i.test(prj);
        notes.push({
          code: "prj-custom",
          severity: shifted ? "note" : "warning",
          zh: shifted
            ? `坐标按 .prj 的坐标系“${crsName}”换算为经纬度（按其 TOWGS84 参数转换基准）`
            : `坐标按 .prj 的坐标系“${crsName}”换算为经纬度，未做基准转换（.prj 未给转换参数）：西安 80、北京 54 等与 CGCS2000 可相差数十米，精确位置请在 GIS 中用当地转换参数转为 CGCS2000 后再导入`,
          en: shifted
            ? `positions converted to longitude/latitude by the .prj's system "${crsName}" (its datum shifted by its TOWGS84 parameters)`
            : `positions converted to longitude/latitude by the .prj's system "${crsName}" with no datum shift (the .prj gives none): Xian 1980 or Beijing 1954 can differ from CGCS2000 by tens of metres; for exact positions convert to CGCS2000 in a GIS with local parameters first`,
        });
      }
    }
  }
  const count = Math.max(geometries.length, properties.length);
  const features: Array<Feature<Geometry | null>> = [];
  const problems: Array<FeatureProblem | undefined> = [];
  for (let i = 0; i < count; i++) {
    features.push({ type: "Feature", geometry: geometries[i] ?? null, properties: properties[i] ?? {} });
    if (i >= geometries.length)
      problems[i] = {
        code: "missing-geometry",
        message: {
          zh: `第 ${i + 1} 条记录在 .shp 中没有几何（.shp 只有 ${geometries.length} 条）`,
          en: `record ${i + 1} has no shape in the .shp (which holds only ${geometries.length})`,
        },
      };
  }
  return { features, problems, crs, customToWgs84, ...(crsName ? { crsName } : {}), encoding, notes };
}

/** A .prj's name of its system: the first quoted name of its WKT (PROJCS["…"), or "自定义 / custom". */
function wktName(wkt: string): string {
  return /^\s*[A-Z]+\["([^"]+)"/i.exec(wkt)?.[1] ?? "自定义 / custom";
}
