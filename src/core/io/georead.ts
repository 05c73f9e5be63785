/// <reference path="./env.d.ts" />

import { kml as kmlToGeoJSON } from "@tmcw/togeojson";
import { DOMParser } from "@xmldom/xmldom";
import type { Feature, FeatureCollection, Geometry } from "geojson";
import JSZip from "jszip";
import { parseDbf, parseShp } from "shpjs";
import { crsFromPrj, wktToWgs84 } from "./crs";
import { cpgToEncoding, decodeText, decodeWith } from "./text";
import type { CrsId } from "./types";

/** Features read from a vector file, with coordinates still in the file's CRS. */
export interface VectorRead {
  features: Array<Feature<Geometry | null>>;
  /** CRS recognised from a .prj (Shapefile) or implied by the format (GeoJSON/KML: WGS84). */
  crs?: CrsId;
  /** Converter for a .prj that is not one of the known CRS ids (proj4 from WKT). */
  customToWgs84?: (x: number, y: number) => [number, number];
  /** Attribute encoding (Shapefile DBF). */
  encoding?: string;
  /** File-level notes: [code, zh, en]. */
  notes: Array<{ code: string; severity: "error" | "warning"; zh: string; en: string }>;
}

/** Parses GeoJSON text: a FeatureCollection, a single Feature or a bare geometry. Throws on invalid JSON. */
export function readGeoJSONText(text: string): VectorRead {
  const json = JSON.parse(text) as { type?: string; features?: unknown; geometry?: unknown; crs?: unknown };
  let features: Array<Feature<Geometry | null>>;
  if (json.type === "FeatureCollection" && Array.isArray(json.features))
    features = json.features as Array<Feature<Geometry | null>>;
  else if (json.type === "Feature") features = [json as unknown as Feature<Geometry | null>];
  else if (typeof json.type === "string")
    features = [{ type: "Feature", geometry: json as unknown as Geometry, properties: {} }];
  else throw new Error('not GeoJSON: no "type" member');
  const notes: VectorRead["notes"] = [];
  let crs: CrsId | undefined = "wgs84";
  const named = (json.crs as { properties?: { name?: string } } | undefined)?.properties?.name;
  if (typeof named === "string") {
    const m = /EPSG::?(\d+)/i.exec(named);
    if (m && m[1] !== "4326" && m[1] !== "4490") crs = `EPSG:${Number(m[1])}`;
    if (/gcj/i.test(named)) crs = "gcj02";
    if (/bd-?09/i.test(named)) crs = "bd09";
  }
  return { features, crs, notes };
}

/** Parses KML text via @tmcw/togeojson and @xmldom/xmldom. */
export function readKmlText(text: string): VectorRead {
  const doc = new DOMParser().parseFromString(text, "text/xml");
  const fc = kmlToGeoJSON(doc as unknown as Parameters<typeof kmlToGeoJSON>[0]) as FeatureCollection<Geometry | null>;
  return { features: fc.features, crs: "wgs84", notes: [] };
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
 * encoding the .cpg names; without a .cpg, as UTF-8 when the records are valid UTF-8, else as GBK.
 * Coordinates are returned as stored; `crs` / `customToWgs84` say how to convert them.
 */
export async function readShapefileZip(data: Uint8Array): Promise<VectorRead> {
  const zip = await JSZip.loadAsync(data);
  const names = Object.keys(zip.files).filter((n) => !n.includes("__MACOSX") && !zip.files[n].dir);
  const shpName = names.find((n) => /\.shp$/i.test(n));
  if (!shpName) throw new Error("no .shp file in the zip archive");
  const base = shpName.slice(0, -4);
  const sibling = (ext: string) => names.find((n) => n.slice(0, -4) === base && n.slice(-4).toLowerCase() === ext);
  const notes: VectorRead["notes"] = [];
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
    if (!encoding) encoding = dbfRecordsAreUtf8(dbf) ? "utf-8" : "gbk";
    properties = parseDbf(dbf, encoding);
  } else {
    notes.push({
      code: "missing-dbf",
      severity: "warning",
      zh: "压缩包中没有 .dbf 属性表",
      en: "no .dbf attribute table in the archive",
    });
  }
  const geometries = parseShp(shp);
  let crs: CrsId | undefined;
  let customToWgs84: VectorRead["customToWgs84"];
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
    }
  }
  const features: Array<Feature<Geometry | null>> = geometries.map((g, i) => ({
    type: "Feature",
    geometry: g,
    properties: properties[i] ?? {},
  }));
  return { features, crs, customToWgs84, encoding, notes };
}
