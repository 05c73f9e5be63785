import { readFileSync } from "node:fs";
import type { Feature, MultiPolygon, Polygon, Position } from "geojson";
import { writeArrayBuffer } from "geotiff";
import proj4 from "proj4";
import { describe, expect, it } from "vitest";
import { buildCountyGrid } from "../../../src/core/coverage";
import { MOLLWEIDE_DEF, readPopulationGeoTiff } from "../../../src/core/io/raster";
import { aggregatePopulation } from "../../../src/core/population";

const counties = JSON.parse(
  readFileSync(new URL("../../../geodata/counties-nanyang.geojson", import.meta.url), "utf8"),
) as { features: Array<Feature<Polygon | MultiPolygon, { code: string }>> };
const county = counties.features.find((f) => f.properties.code === "411321") as Feature<
  Polygon | MultiPolygon,
  { code: string }
>;

/** A smooth synthetic density with a few towns, people per pixel. */
function density(x: number, y: number): number {
  return 50 + 40 * Math.sin(x * 7.1) * Math.cos(y * 5.3) + 400 * Math.exp(-((x - 0.3) ** 2 + (y - 0.6) ** 2) * 60);
}

type Inside = (p: Position) => number;

/** The part of the ring `pts` (open, no closing vertex) where `inside` ≥ 0 (one Sutherland–Hodgman step). */
function clipHalf(pts: Position[], inside: Inside): Position[] {
  const out: Position[] = [];
  for (let k = 0; k < pts.length; k++) {
    const a = pts[k];
    const b = pts[(k + 1) % pts.length];
    const da = inside(a);
    const db = inside(b);
    if (da >= 0) out.push(a);
    if (da >= 0 !== db >= 0) {
      const t = da / (da - db);
      out.push([a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t]);
    }
  }
  return out;
}

function shoelace(pts: Position[]): number {
  let s = 0;
  for (let k = 0; k < pts.length; k++) {
    const a = pts[k];
    const b = pts[(k + 1) % pts.length];
    s += a[0] * b[1] - b[0] * a[1];
  }
  return Math.abs(s) / 2;
}

/**
 * The rings clipped to the row y0 ≤ y ≤ y1, each open (no closing vertex). Clipping to a box is clipping to its
 * four half-planes one after the other (Sutherland–Hodgman; valid for any ring against a convex box), so a row's
 * strip is clipped once and each pixel of the row then only to its two sides.
 */
function clipRow(rings: Position[][], y0: number, y1: number): Position[][] {
  return rings.map((r) => {
    const above = clipHalf(r.slice(0, -1), (p) => p[1] - y0);
    return above.length ? clipHalf(above, (p) => y1 - p[1]) : above;
  });
}

/** Area of an open ring of a row strip clipped to x0 ≤ x ≤ x1. */
function clippedArea(strip: Position[], x0: number, x1: number): number {
  if (strip.length === 0) return 0;
  const right = clipHalf(strip, (p) => p[0] - x0);
  return right.length ? shoelace(clipHalf(right, (p) => x1 - p[0])) : 0;
}

/**
 * The raster's sum over the county by exact areal weighting: each pixel's value times the share of the
 * pixel's area inside the county polygon (rings projected into the raster's CRS, clipped to the pixel).
 */
function referenceSum(
  values: Float32Array,
  w: number,
  h: number,
  x0: number,
  y0: number,
  px: number,
  toRaster: (p: Position) => Position,
): number {
  const polys = county.geometry.type === "Polygon" ? [county.geometry.coordinates] : county.geometry.coordinates;
  const rings = polys.map((rs) => rs.map((r) => r.map(toRaster)));
  let sum = 0;
  for (let j = 0; j < h; j++) {
    const by1 = y0 - j * px;
    const strips = rings.map((rs) => clipRow(rs, by1 - px, by1));
    for (let i = 0; i < w; i++) {
      const v = values[j * w + i];
      if (!(v > 0)) continue;
      const bx0 = x0 + i * px;
      let area = 0;
      for (const rs of strips)
        rs.forEach((r, k) => {
          const a = clippedArea(r, bx0, bx0 + px);
          area += k === 0 ? a : -a;
        });
      sum += (v * area) / (px * px);
    }
  }
  return sum;
}

function makeRaster(w: number, h: number, nodata: number): Float32Array {
  const values = new Float32Array(w * h);
  for (let j = 0; j < h; j++)
    for (let i = 0; i < w; i++) values[j * w + i] = (i * 13 + j * 7) % 97 === 0 ? nodata : density(i / w, j / h);
  return values;
}

describe("population GeoTIFF onto a county grid", () => {
  const grid = buildCountyGrid(county, { cellSizeM: 250 });

  it("a geographic (EPSG:4326) raster: totals conserved, county sum within 0.1 % of exact areal weighting", async () => {
    const px = 0.01; // ≈ 1 km pixels, split into sub-pixels on a 250 m grid
    const x0 = 111.9;
    const y0 = 33.9;
    const w = 110;
    const h = 70;
    const values = makeRaster(w, h, -200);
    const tif = writeArrayBuffer(values, {
      width: w,
      height: h,
      ModelPixelScale: [px, px, 0],
      ModelTiepoint: [0, 0, 0, x0, y0, 0],
      GTModelTypeGeoKey: 2,
      GTRasterTypeGeoKey: 1,
      GeographicTypeGeoKey: 4326,
      GDAL_NODATA: "-200",
      SampleFormat: [3],
      BitsPerSample: [32],
    });
    const read = await readPopulationGeoTiff(tif, { file: "pop.tif" });
    if (!read.ok) throw new Error(JSON.stringify(read.errors));
    expect(read.value.crsLabel).toBe("EPSG:4326");
    expect(read.value.nodata).toBe(-200);
    const agg = aggregatePopulation(grid, read.value);
    let valid = 0;
    let nodata = 0;
    for (const v of values) {
      if (v === -200) nodata++;
      else valid += v;
    }
    expect(agg.nodataPixels).toBe(nodata);
    expect(agg.rasterSum).toBeCloseTo(valid, 0);
    expect(agg.subdivisions).toBeGreaterThan(1);
    // the grid rectangle lies inside the raster: nothing of it is lost
    const ref = referenceSum(values, w, h, x0, y0, px, (p) => p);
    expect(Math.abs(agg.countySum - ref) / ref).toBeLessThan(0.001);
  });

  it("a GHS-POP style Mollweide raster (user-defined CRS named by its citation), read by bounding box", async () => {
    const toMoll = proj4("WGS84", MOLLWEIDE_DEF);
    const [mx, my] = toMoll.forward([111.9, 33.9]);
    const px = 500;
    const w = 220;
    const h = 180;
    const x0 = Math.round(mx / px) * px;
    const y0 = Math.round(my / px) * px;
    const values = makeRaster(w, h, -200);
    const tif = writeArrayBuffer(values, {
      width: w,
      height: h,
      ModelPixelScale: [px, px, 0],
      ModelTiepoint: [0, 0, 0, x0, y0, 0],
      GTModelTypeGeoKey: 1,
      GTRasterTypeGeoKey: 1,
      ProjectedCSTypeGeoKey: 32767,
      GTCitationGeoKey: "World_Mollweide",
      GDAL_NODATA: "-200",
      SampleFormat: [3],
      BitsPerSample: [32],
    });
    const b = grid.projection;
    const [w0, s0] = b.inverse(grid.originX, grid.originY);
    const [e0, n0] = b.inverse(grid.originX + grid.width * 250, grid.originY + grid.height * 250);
    const read = await readPopulationGeoTiff(tif, { file: "ghs.tif", bbox: [w0, s0, e0, n0] });
    if (!read.ok) throw new Error(JSON.stringify(read.errors));
    expect(read.value.crsLabel).toContain("54009");
    expect(read.value.width).toBeLessThan(w);
    const agg = aggregatePopulation(grid, read.value);
    const ref = referenceSum(values, w, h, x0, y0, px, (p) => toMoll.forward(p as [number, number]));
    expect(Math.abs(agg.countySum - ref) / ref).toBeLessThan(0.001);
    expect(agg.gridSum).toBeLessThanOrEqual(agg.rasterSum * (1 + 1e-12));
  });

  it("refuses an unknown CRS with a message naming the file", async () => {
    const tif = writeArrayBuffer(new Float32Array(4), {
      width: 2,
      height: 2,
      ModelPixelScale: [1, 1, 0],
      ModelTiepoint: [0, 0, 0, 0, 0, 0],
      GTModelTypeGeoKey: 1,
      ProjectedCSTypeGeoKey: 32767,
      GTCitationGeoKey: "Some local grid",
    });
    const read = await readPopulationGeoTiff(tif, { file: "odd.tif" });
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.errors[0].message.zh).toContain("odd.tif");
    expect(read.errors[0].message.en).toContain("ESRI:54009");
    // neither the app nor the CLI can be told a raster's CRS: the message says what the planner can do instead
    expect(read.errors[0].message.zh).not.toContain("请指定坐标系");
    expect(read.errors[0].message.zh).toContain("gdalwarp -t_srs EPSG:4326");
    expect(read.errors[0].message.en).toContain("reproject the raster");
    const forced = await readPopulationGeoTiff(tif, { file: "odd.tif", crs: "EPSG:3857" });
    expect(forced.ok).toBe(true);
  });
});
