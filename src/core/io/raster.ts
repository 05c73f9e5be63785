import type { fromArrayBuffer } from "geotiff";
import proj4 from "proj4";
import { projDefinition } from "./crs";
import { describeFileError } from "./errors";
import type { LonLatBbox } from "./roads";
import type { RowIssue } from "./types";

/** proj4 definition of World Mollweide (ESRI:54009), the CRS of GHS-POP. */
export const MOLLWEIDE_DEF = "+proj=moll +lon_0=0 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs";
const LONLAT_DEF = "+proj=longlat +datum=WGS84 +no_defs";

/** A single-band raster window with its georeferencing. */
export interface PopulationRaster {
  file: string;
  /** Size of the window that was read, in pixels. */
  width: number;
  height: number;
  /** Pixel values, row by row from the top (north) row. */
  values: ArrayLike<number>;
  /**
   * Affine map from pixel (col, row) — corners at integers, window origin at (0, 0) — to CRS x, y:
   * x = t[0] + col·t[1] + row·t[2], y = t[3] + col·t[4] + row·t[5].
   */
  transform: [number, number, number, number, number, number];
  /** proj4 definition of the raster's CRS, and how it was recognised. */
  crsDef: string;
  crsLabel: string;
  /** The no-data value (GDAL_NODATA), or null. NaN pixels are always no data. */
  nodata: number | null;
}

/** Options of {@link readPopulationGeoTiff}. */
export interface RasterReadOptions {
  file: string;
  /** CRS to use instead of the GeoKeys: "EPSG:n" (those proj4 or core/io/crs know), "ESRI:54009", or a proj4 string. */
  crs?: string;
  /** Read only the pixels over this WGS84 box (with a one-pixel margin). */
  bbox?: LonLatBbox;
}

function crsDefinition(code: string): string | undefined {
  const s = code.trim();
  if (/^ESRI:54009$/i.test(s)) return MOLLWEIDE_DEF;
  if (s.startsWith("+")) return s;
  const known = projDefinition(s.toUpperCase());
  if (known) return known;
  try {
    proj4(s.toUpperCase(), LONLAT_DEF);
    return s.toUpperCase();
  } catch {
    return undefined;
  }
}

/** A failed read: one whole-file error; `value` keeps a library's own text, if any. */
function fail(file: string, code: string, zh: string, en: string, value?: string): { ok: false; errors: RowIssue[] } {
  return {
    ok: false,
    errors: [
      {
        file,
        row: 0,
        field: "",
        ...(value !== undefined ? { value } : {}),
        message: { zh: `${file}：${zh}`, en: `${file}: ${en}` },
        severity: "error",
        code,
      },
    ],
  };
}

/** The CRS of a GeoTIFF from its GeoKeys: EPSG codes proj4 or core/io/crs know, and user-defined Mollweide. */
export function crsFromGeoKeys(keys: Record<string, unknown>): { def: string; label: string } | { error: string } {
  const model = keys.GTModelTypeGeoKey;
  const citation = [keys.GTCitationGeoKey, keys.PCSCitationGeoKey, keys.GeogCitationGeoKey]
    .filter((v) => typeof v === "string")
    .join(" ");
  if (model === 2) {
    const g = keys.GeographicTypeGeoKey;
    if (g === 4326 || g === 4490 || g === 4979 || g === 4019) return { def: LONLAT_DEF, label: `EPSG:${g}` };
    if (g === undefined && /WGS[ _]?84|CGCS[ _]?2000/i.test(citation)) return { def: LONLAT_DEF, label: citation };
    return { error: `geographic CRS ${String(g)}` };
  }
  if (model === 1) {
    const p = keys.ProjectedCSTypeGeoKey;
    if (typeof p === "number" && p !== 32767) {
      const def = crsDefinition(p === 54009 ? "ESRI:54009" : `EPSG:${p}`);
      return def ? { def, label: p === 54009 ? "ESRI:54009" : `EPSG:${p}` } : { error: `projected CRS EPSG:${p}` };
    }
    if (/mollweide/i.test(citation)) return { def: MOLLWEIDE_DEF, label: "ESRI:54009 (World Mollweide)" };
    return { error: `user-defined projected CRS "${citation}"` };
  }
  return { error: `model type ${String(model)}` };
}

/**
 * Reads band 1 of a GeoTIFF (WorldPop, GHS-POP or a national grid) with geotiff.js: the pixel values of
 * the window over `bbox` (or the whole image), the affine georeferencing (PixelIsPoint rasters are shifted
 * half a pixel so that integers are pixel corners), the CRS from the GeoKeys unless `opts.crs` is given,
 * and GDAL_NODATA. Fails with a bilingual message naming the file when the CRS is not recognised or the
 * box misses the raster.
 */
export async function readPopulationGeoTiff(
  data: ArrayBuffer | Uint8Array,
  opts: RasterReadOptions,
): Promise<{ ok: true; value: PopulationRaster } | { ok: false; errors: RowIssue[] }> {
  const { file } = opts;
  const buffer =
    data instanceof Uint8Array ? data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) : data;
  let image: Awaited<ReturnType<Awaited<ReturnType<typeof fromArrayBuffer>>["getImage"]>>;
  // geotiff and its decoders are loaded on first use: most runs read no raster
  const geotiff = await import("geotiff");
  try {
    image = await (await geotiff.fromArrayBuffer(buffer as ArrayBuffer)).getImage();
  } catch (e) {
    const why = describeFileError(e);
    return fail(
      file,
      "not-geotiff",
      `不是可读取的 GeoTIFF（${why.message.zh}）`,
      `not a readable GeoTIFF (${why.message.en})`,
      why.detail,
    );
  }
  const keys = (image.getGeoKeys() ?? {}) as Record<string, unknown>;
  let crs: { def: string; label: string };
  if (opts.crs !== undefined) {
    const def = crsDefinition(opts.crs);
    if (!def)
      return fail(
        file,
        "unknown-crs",
        `无法识别指定的坐标系 ${opts.crs}`,
        `the given CRS ${opts.crs} is not recognised`,
      );
    crs = { def, label: opts.crs };
  } else {
    const found = crsFromGeoKeys(keys);
    if ("error" in found)
      return fail(
        file,
        "unknown-crs",
        // the app and the CLI have no way to name a CRS for a raster: say what the planner can do (the trial: 「请指定坐标系」
        // for EPSG:2435 with nowhere to specify one)
        `无法识别坐标系（${found.error}）；本工具可读 WGS84/CGCS2000 经纬度（EPSG:4326、4490）、Web 墨卡托（EPSG:3857）、UTM 带、CGCS2000 3 度带高斯投影和 Mollweide（ESRI:54009）：请先在 QGIS（栅格 → 投影 → 变换）或 GDAL（gdalwarp -t_srs EPSG:4326 输入.tif 输出.tif）中重投影为其中之一，再导入`,
        `the CRS is not recognised (${found.error}); the tool reads WGS84/CGCS2000 longitude/latitude (EPSG:4326, 4490), Web Mercator (EPSG:3857), UTM zones, CGCS2000 3° Gauss–Krüger and Mollweide (ESRI:54009): reproject the raster to one of them first in QGIS (Raster → Projections → Warp) or GDAL (gdalwarp -t_srs EPSG:4326 in.tif out.tif), then import it`,
      );
    crs = found;
  }
  const fd = image.fileDirectory;
  const mt = fd.getValue("ModelTransformation") as number[] | undefined;
  let t: [number, number, number, number, number, number];
  if (mt && mt.length >= 8) t = [mt[3], mt[0], mt[1], mt[7], mt[4], mt[5]];
  else {
    let origin: number[];
    let res: number[];
    try {
      origin = image.getOrigin();
      res = image.getResolution();
    } catch (e) {
      return fail(
        file,
        "no-georeference",
        "没有地理参照（缺少原点与像元大小）",
        "no georeferencing (no origin and pixel size)",
        describeFileError(e).detail,
      );
    }
    t = [origin[0], res[0], 0, origin[1], 0, res[1]];
  }
  if (keys.GTRasterTypeGeoKey === 2) {
    t[0] -= 0.5 * (t[1] + t[2]);
    t[3] -= 0.5 * (t[4] + t[5]);
  }
  const fullW = image.getWidth();
  const fullH = image.getHeight();
  let win: [number, number, number, number] = [0, 0, fullW, fullH];
  if (opts.bbox) {
    if (t[2] !== 0 || t[4] !== 0)
      return fail(file, "rotated", "不支持旋转的栅格与范围裁剪", "a rotated raster cannot be read by bounding box");
    win = pixelWindow(t, crs.def, fullW, fullH, opts.bbox);
    if (win[2] <= win[0] || win[3] <= win[1])
      return fail(file, "outside", "栅格不覆盖所需范围", "the raster does not cover the area asked for");
  }
  const raster = (await image.readRasters({
    window: win,
    samples: [0],
    interleave: true,
  })) as unknown as ArrayLike<number>;
  const nodata = image.getGDALNoData();
  return {
    ok: true,
    value: {
      file,
      width: win[2] - win[0],
      height: win[3] - win[1],
      values: raster,
      transform: [t[0] + win[0] * t[1] + win[1] * t[2], t[1], t[2], t[3] + win[0] * t[4] + win[1] * t[5], t[4], t[5]],
      crsDef: crs.def,
      crsLabel: crs.label,
      nodata: nodata ?? null,
    },
  };
}

/**
 * The pixel window [col0, row0, col1, row1) of a north-up raster (transform `t`, CRS `crsDef`, `fullW` × `fullH`)
 * that covers a WGS84 box, with a one-pixel margin, clamped to the raster; empty (col1 ≤ col0 or row1 ≤ row0) when
 * the box misses it. The box's edges are sampled 21 times each, so a curved outline in the raster's CRS is covered.
 */
export function pixelWindow(
  t: PopulationRaster["transform"],
  crsDef: string,
  fullW: number,
  fullH: number,
  bbox: LonLatBbox,
): [number, number, number, number] {
  const toRaster = proj4(LONLAT_DEF, crsDef);
  const [w, s, e, n] = bbox;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let k = 0; k <= 20; k++) {
    const f = k / 20;
    for (const [lon, lat] of [
      [w + (e - w) * f, s],
      [w + (e - w) * f, n],
      [w, s + (n - s) * f],
      [e, s + (n - s) * f],
    ]) {
      const [x, y] = toRaster.forward([lon, lat]);
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
      minY = Math.min(minY, y);
      maxY = Math.max(maxY, y);
    }
  }
  const c0 = Math.floor((Math.min(minX, maxX) - t[0]) / t[1]);
  const c1 = Math.ceil((Math.max(minX, maxX) - t[0]) / t[1]);
  const ra = (minY - t[3]) / t[5];
  const rb = (maxY - t[3]) / t[5];
  return [
    Math.max(0, Math.min(c0, c1) - 1),
    Math.max(0, Math.floor(Math.min(ra, rb)) - 1),
    Math.min(fullW, Math.max(c0, c1) + 1),
    Math.min(fullH, Math.ceil(Math.max(ra, rb)) + 1),
  ];
}

/**
 * The part of a population raster over a WGS84 box (see {@link pixelWindow}), values copied; null when the box
 * misses the raster. A rotated raster is returned whole (aggregation handles it; only cropping needs north-up).
 */
export function cropPopulationRaster(raster: PopulationRaster, bbox: LonLatBbox): PopulationRaster | null {
  const t = raster.transform;
  if (t[2] !== 0 || t[4] !== 0) return raster;
  const [c0, r0, c1, r1] = pixelWindow(t, raster.crsDef, raster.width, raster.height, bbox);
  if (c1 <= c0 || r1 <= r0) return null;
  if (c0 === 0 && r0 === 0 && c1 === raster.width && r1 === raster.height) return raster;
  const w = c1 - c0;
  const h = r1 - r0;
  const values = new Float64Array(w * h);
  for (let r = 0; r < h; r++)
    for (let c = 0; c < w; c++) values[r * w + c] = raster.values[(r + r0) * raster.width + c + c0];
  return {
    ...raster,
    width: w,
    height: h,
    values,
    transform: [t[0] + c0 * t[1], t[1], 0, t[3] + r0 * t[5], 0, t[5]],
  };
}
