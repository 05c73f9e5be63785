import type { Feature, MultiPolygon, Polygon } from "geojson";
import proj4 from "proj4";
import { pointInPolygon } from "../geo/point-in-polygon";
import type { PopulationRaster } from "../io/raster";
import type { RowIssue } from "../io/types";
import { bboxOf } from "../rules/helpers";

/** How much of one county a population raster covers with data (see {@link rasterCoverage}). */
export interface CountyRasterCover {
  code: string;
  name: string;
  /** Share of the county's area on pixels with data (≥ 0). */
  covered: number;
  /** Share on no-data (or NaN) pixels inside the raster. */
  nodata: number;
  /** Share on negative pixels (left out: a population cannot be negative). */
  negative: number;
}

/** A county is said to be covered only in part below this share of its area on pixels with data. */
export const RASTER_COVER_MIN = 0.95;

/**
 * Whether the raster's extent stops short of the county: more than 1 − {@link RASTER_COVER_MIN} of its area lies
 * outside the raster (not on no-data pixels within it, which a lake or a border can give). Such a county is weighted by
 * area, as one the raster misses: its people would be a part's, and a part's mean decided its verdict (the re-trial,
 * s44: 叶县, 4.7 % inside, failed EMS-TIME at 32.5 min and passed at 26.5 with the whole raster).
 */
export function rasterCutShort(c: CountyRasterCover): boolean {
  return 1 - c.covered - c.nodata - c.negative > 1 - RASTER_COVER_MIN;
}

/**
 * The share of each county's area that a population raster covers with data, from a lattice of about 4,000 points over
 * the county (each mapped into the raster's pixels), with the shares on no-data and on negative pixels. A raster cut
 * short of a county (the trial: cut at 33.70°N, 叶县's people fell from 544,149 to 25,226 and it flipped to fail) or
 * missing it (舞钢市 fell back to area weighting) would otherwise be taken silently.
 */
export function rasterCoverage(
  counties: ReadonlyArray<Feature<Polygon | MultiPolygon, { code: string; name: string }>>,
  raster: PopulationRaster,
): CountyRasterCover[] {
  const conv = proj4("+proj=longlat +datum=WGS84 +no_defs", raster.crsDef);
  const [a, b, c, d, e, f] = raster.transform;
  const det = b * f - c * e;
  const out: CountyRasterCover[] = [];
  for (const county of counties) {
    const [w, s, east, n] = bboxOf(county.geometry);
    const steps = 64;
    const dx = (east - w) / steps;
    const dy = (n - s) / steps;
    let inside = 0;
    let data = 0;
    let nodata = 0;
    let negative = 0;
    for (let j = 0; j < steps; j++)
      for (let i = 0; i < steps; i++) {
        const lon = w + (i + 0.5) * dx;
        const lat = s + (j + 0.5) * dy;
        if (!pointInPolygon(lon, lat, county.geometry)) continue;
        inside++;
        const [x, y] = conv.forward([lon, lat]);
        // the affine map inverted: pixel column and row of (x, y)
        const col = Math.floor((f * (x - a) - c * (y - d)) / det);
        const row = Math.floor((-e * (x - a) + b * (y - d)) / det);
        if (col < 0 || row < 0 || col >= raster.width || row >= raster.height) continue;
        const v = raster.values[row * raster.width + col];
        if (v === raster.nodata || Number.isNaN(v)) nodata++;
        else if (v < 0) negative++;
        else data++;
      }
    if (inside === 0) continue;
    out.push({
      code: county.properties.code,
      name: county.properties.name,
      covered: data / inside,
      nodata: nodata / inside,
      negative: negative / inside,
    });
  }
  return out;
}

/**
 * Warnings naming the counties a raster covers with data on less than {@link RASTER_COVER_MIN} of their area (one for
 * those entirely outside, which keep area weighting; one for those covered in part, whose people are undercounted),
 * and the counties with no-data or negative pixels inside, with the shares. Each names the file.
 */
export function rasterCoverageIssues(file: string, cover: ReadonlyArray<CountyRasterCover>): RowIssue[] {
  const pct = (v: number) => `${(100 * v).toFixed(v < 0.1 ? 1 : 0)}%`;
  const issue = (code: string, zh: string, en: string): RowIssue => ({
    file,
    row: 0,
    field: "",
    severity: "warning",
    code,
    message: { zh: `${file}：${zh}`, en: `${file}: ${en}` },
  });
  const out: RowIssue[] = [];
  const none = cover.filter((c) => c.covered === 0 && c.nodata === 0 && c.negative === 0);
  const cut = cover.filter((c) => !none.includes(c) && rasterCutShort(c));
  const part = cover.filter((c) => c.covered < RASTER_COVER_MIN && !none.includes(c) && !cut.includes(c));
  if (none.length)
    out.push(
      issue(
        "raster-misses-county",
        `人口栅格未覆盖 ${none.map((c) => c.name).join("、")}：这些县区不按人口加权，仍按面积计算`,
        `the population raster does not cover ${none.map((c) => c.name).join(", ")}: ${none.length === 1 ? "it keeps" : "they keep"} area weighting, not people`,
      ),
    );
  if (cut.length)
    out.push(
      issue(
        "raster-cut-county",
        `人口栅格的范围只及部分县区：${cut.map((c) => `${c.name}（栅格内面积 ${pct(1 - Math.max(0, 1 - c.covered - c.nodata - c.negative))}）`).join("、")}：这些县区不按人口加权，仍按面积计算`,
        `the population raster's extent stops short of ${cut.map((c) => `${c.name} (${pct(1 - Math.max(0, 1 - c.covered - c.nodata - c.negative))} of the area inside it)`).join(", ")}: ${cut.length === 1 ? "it keeps" : "they keep"} area weighting, not people`,
      ),
    );
  if (part.length)
    out.push(
      issue(
        "raster-partial-county",
        `人口栅格只覆盖了部分县区，其人口被低估：${part.map((c) => `${c.name}（有数据的面积 ${pct(c.covered)}）`).join("、")}`,
        `the population raster covers only part of ${part.length === 1 ? "a county" : "some counties"}, whose people are undercounted: ${part.map((c) => `${c.name} (${pct(c.covered)} of the area with data)`).join(", ")}`,
      ),
    );
  const bad = cover.filter((c) => c.nodata > 0 || c.negative > 0);
  if (bad.length)
    out.push(
      issue(
        "raster-nodata-in-county",
        `县区内有无数据或负值像元（不计人口）：${bad.map((c) => `${c.name}（无数据 ${pct(c.nodata)}${c.negative > 0 ? `，负值 ${pct(c.negative)}` : ""}）`).join("、")}`,
        `no-data or negative pixels inside counties (no people counted there): ${bad.map((c) => `${c.name} (no data ${pct(c.nodata)}${c.negative > 0 ? `, negative ${pct(c.negative)}` : ""} of the area)`).join(", ")}`,
      ),
    );
  return out;
}
