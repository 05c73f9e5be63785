import proj4 from "proj4";
import type { CountyGrid } from "../coverage";
import type { PopulationRaster } from "../io/raster";

/** Population on a county grid, with the sums that show nothing was lost. */
export interface GridPopulation {
  /** People per grid cell (grid indexing). */
  population: Float64Array;
  /** Sum of the valid pixels read (no-data, NaN and negative pixels excluded). */
  rasterSum: number;
  /** Sum over all grid cells; `rasterSum − gridSum` fell outside the grid rectangle. */
  gridSum: number;
  /** Sum over the cells inside the county. */
  countySum: number;
  nodataPixels: number;
  /** Negative pixels, left out (a population cannot be negative). */
  negativePixels: number;
  /** Each pixel was split into subdivisions × subdivisions parts before assignment. */
  subdivisions: number;
}

/** Pixels per side of the blocks whose corners are projected exactly (inside a block: bilinear). */
const LATTICE = 16;

/**
 * Aggregates a population raster onto a county grid, conserving totals: each pixel's value is split
 * equally over s × s sub-pixels (s chosen so that sub-pixels are at most half a grid cell) and each part
 * goes to the grid cell holding its centre. Pixel positions are projected from the raster's CRS into the
 * grid's plane with proj4 at the corners of 16 × 16-pixel blocks and bilinearly in between (the
 * interpolation error is far below a metre at county scale). Every valid pixel's value ends up in
 * exactly one cell or in the part outside the grid, so `gridSum` + outside = `rasterSum` up to rounding.
 */
export function aggregatePopulation(grid: CountyGrid, raster: PopulationRaster): GridPopulation {
  const { width: W, height: H, values, transform: t, nodata } = raster;
  const conv = proj4(raster.crsDef, grid.projection.def);
  const nu = Math.ceil(W / LATTICE) + 1;
  const nv = Math.ceil(H / LATTICE) + 1;
  const lx = new Float64Array(nu * nv);
  const ly = new Float64Array(nu * nv);
  for (let b = 0; b < nv; b++)
    for (let a = 0; a < nu; a++) {
      const col = Math.min(W, a * LATTICE);
      const row = Math.min(H, b * LATTICE);
      const [x, y] = conv.forward([t[0] + col * t[1] + row * t[2], t[3] + col * t[4] + row * t[5]]);
      lx[b * nu + a] = x;
      ly[b * nu + a] = y;
    }
  // the largest pixel side in the grid's plane decides the subdivision
  let side = 0;
  for (let b = 0; b < nv - 1; b++)
    for (let a = 0; a < nu - 1; a++) {
      const k = b * nu + a;
      const cols = Math.min(W, (a + 1) * LATTICE) - a * LATTICE;
      const rows = Math.min(H, (b + 1) * LATTICE) - b * LATTICE;
      side = Math.max(
        side,
        Math.hypot(lx[k + 1] - lx[k], ly[k + 1] - ly[k]) / cols,
        Math.hypot(lx[k + nu] - lx[k], ly[k + nu] - ly[k]) / rows,
      );
    }
  const s = Math.min(64, Math.max(1, Math.ceil((2 * side) / grid.cellSizeM)));
  const part = 1 / (s * s);
  const out = new Float64Array(grid.width * grid.height);
  const { originX, originY, cellSizeM: c, width: gw, height: gh } = grid;
  let rasterSum = 0;
  let nodataPixels = 0;
  let negativePixels = 0;
  const gx1 = originX + gw * c;
  const gy1 = originY + gh * c;
  const pad = 2 * side;
  for (let b = 0; b < nv - 1; b++) {
    const r0 = b * LATTICE;
    const rows = Math.min(H, r0 + LATTICE) - r0;
    for (let a = 0; a < nu - 1; a++) {
      const c0 = a * LATTICE;
      const cols = Math.min(W, c0 + LATTICE) - c0;
      const k = b * nu + a;
      const x00 = lx[k];
      const y00 = ly[k];
      const x10 = lx[k + 1];
      const y10 = ly[k + 1];
      const x01 = lx[k + nu];
      const y01 = ly[k + nu];
      const x11 = lx[k + nu + 1];
      const y11 = ly[k + nu + 1];
      // a block whose corners lie well outside the grid rectangle only counts towards the sums
      const away =
        Math.max(x00, x10, x01, x11) < originX - pad ||
        Math.min(x00, x10, x01, x11) > gx1 + pad ||
        Math.max(y00, y10, y01, y11) < originY - pad ||
        Math.min(y00, y10, y01, y11) > gy1 + pad;
      for (let row = r0; row < r0 + rows; row++) {
        for (let col = c0; col < c0 + cols; col++) {
          const v = values[row * W + col];
          if (v === nodata || Number.isNaN(v)) {
            nodataPixels++;
            continue;
          }
          if (v < 0) {
            negativePixels++;
            continue;
          }
          if (v === 0) continue;
          rasterSum += v;
          if (away) continue;
          const w = v * part;
          for (let q = 0; q < s; q++) {
            const fv = (row - r0 + (q + 0.5) / s) / rows;
            for (let p = 0; p < s; p++) {
              const fu = (col - c0 + (p + 0.5) / s) / cols;
              const x = (x00 * (1 - fu) + x10 * fu) * (1 - fv) + (x01 * (1 - fu) + x11 * fu) * fv;
              const y = (y00 * (1 - fu) + y10 * fu) * (1 - fv) + (y01 * (1 - fu) + y11 * fu) * fv;
              const i = Math.floor((x - originX) / c);
              const j = Math.floor((y - originY) / c);
              if (i >= 0 && j >= 0 && i < gw && j < gh) out[j * gw + i] += w;
            }
          }
        }
      }
    }
  }
  let gridSum = 0;
  let countySum = 0;
  for (let k = 0; k < out.length; k++) {
    gridSum += out[k];
    if (grid.inside[k]) countySum += out[k];
  }
  return { population: out, rasterSum, gridSum, countySum, nodataPixels, negativePixels, subdivisions: s };
}
