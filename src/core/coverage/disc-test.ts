import { gaussianRadiusSquared, geodesicDistanceKm, tmScaleFactor } from "../geo";
import type { CountyGrid, Site } from "./types";

/** Largest supported radius (km): the planar test with scale correction is checked up to this size. */
export const MAX_RADIUS_KM = 300;

/**
 * Half-width (m) of the band around the circle edge in which cells are decided by an exact
 * geographiclib distance instead of the scale-corrected planar distance. The planar estimate
 * errs by well under 1 cm at county scale (tested), so every cell agrees with the exact test.
 */
export function edgeBandM(radiusM: number): number {
  return 0.5 + 2e-5 * radiusM;
}

/** What the disc test needs to know about a grid, computed once per grid. */
export interface GridInfo {
  /** ρν (m²) at the projection's centre latitude, for {@link tmScaleFactor}. */
  rho2: number;
  /** A lon/lat box that contains the whole grid. */
  minLon: number;
  maxLon: number;
  minLat: number;
  maxLat: number;
}

const infoCache = new WeakMap<CountyGrid, GridInfo>();

/** The grid's {@link GridInfo}, cached per grid (grids are immutable once built). */
export function gridInfo(grid: CountyGrid): GridInfo {
  let info = infoCache.get(grid);
  if (info) return info;
  info = windowInfo(grid, { i0: 0, j0: 0, i1: grid.width - 1, j1: grid.height - 1 });
  infoCache.set(grid, info);
  return info;
}

/** {@link GridInfo} of the cells i0..i1 × j0..j1 (inclusive) of the grid: its lon/lat box contains them all. */
export function windowInfo(grid: CountyGrid, win: { i0: number; j0: number; i1: number; j1: number }): GridInfo {
  const { originX: ox, originY: oy, cellSizeM: c, projection } = grid;
  const x0 = ox + win.i0 * c;
  const x1 = ox + (win.i1 + 1) * c;
  const y0 = oy + win.j0 * c;
  const y1 = oy + (win.j1 + 1) * c;
  let minLon = Infinity;
  let maxLon = -Infinity;
  let minLat = Infinity;
  let maxLat = -Infinity;
  // sample the border densely enough that the lon/lat box contains the whole window
  const steps = 16;
  for (let s = 0; s <= steps; s++) {
    const t = s / steps;
    for (const [x, y] of [
      [x0 + t * (x1 - x0), y0],
      [x0 + t * (x1 - x0), y1],
      [x0, y0 + t * (y1 - y0)],
      [x1, y0 + t * (y1 - y0)],
    ]) {
      const [lon, lat] = projection.inverse(x, y);
      minLon = Math.min(minLon, lon);
      maxLon = Math.max(maxLon, lon);
      minLat = Math.min(minLat, lat);
      maxLat = Math.max(maxLat, lat);
    }
  }
  const [, lat0] = projection.inverse(0, 0);
  return { rho2: gaussianRadiusSquared(lat0), minLon, maxLon, minLat, maxLat };
}

/** Throws a RangeError naming the site when its position or radius is unusable. */
export function checkSite(site: Site, where: string): void {
  const ok =
    site != null &&
    Number.isFinite(site.lon) &&
    Number.isFinite(site.lat) &&
    Math.abs(site.lat) <= 90 &&
    Number.isFinite(site.radiusKm) &&
    site.radiusKm >= 0 &&
    site.radiusKm <= MAX_RADIUS_KM;
  if (!ok) {
    throw new RangeError(
      `${where}: site ${site?.id} has bad lon/lat/radiusKm (${site?.lon}, ${site?.lat}, ${site?.radiusKm}); radiusKm must be in [0, ${MAX_RADIUS_KM}]`,
    );
  }
}

/** Quick reject in degrees: can the site's disc reach the grid's lon/lat box at all? */
export function mayReach(info: GridInfo, site: Site): boolean {
  const dLat = site.radiusKm / 110.5 + 0.01;
  if (site.lat < info.minLat - dLat || site.lat > info.maxLat + dLat) return false;
  const latFar = Math.min(89, Math.max(Math.abs(info.minLat), Math.abs(info.maxLat)) + dLat);
  const dLon = site.radiusKm / (111.0 * Math.cos((latFar * Math.PI) / 180)) + 0.01;
  return site.lon >= info.minLon - dLon && site.lon <= info.maxLon + dLon;
}

/** One site prepared for the exact disc test on one grid: projected position, radius and band in metres. */
export interface SiteFrame {
  site: Site;
  sx: number;
  sy: number;
  /** Radius in metres (geodesic). */
  r: number;
  /** {@link edgeBandM} of `r`. */
  band: number;
  /** TM point scale at the site. */
  kSite: number;
  rho2: number;
}

/** Projects `site` into the grid's plane (no range checks: call {@link checkSite} first). */
export function siteFrame(grid: CountyGrid, info: GridInfo, site: Site): SiteFrame {
  const [sx, sy] = grid.projection.forward(site.lon, site.lat);
  const r = site.radiusKm * 1000;
  return { site, sx, sy, r, band: edgeBandM(r), kSite: tmScaleFactor(sx, info.rho2), rho2: info.rho2 };
}

/**
 * Planar radius (m) below which a cell centre at easting `xc` is surely covered (`lo`), and above which
 * it surely is not (`hi`), written into `out`. Geodesic length ≈ planar length × mean(1/k) along the
 * chord (Simpson's rule); the band between lo and hi is decided by geographiclib.
 */
export function planarRadii(f: SiteFrame, xc: number, out: { lo: number; hi: number }): void {
  const inv = (1 / f.kSite + 4 / tmScaleFactor((f.sx + xc) / 2, f.rho2) + 1 / tmScaleFactor(xc, f.rho2)) / 6;
  out.lo = Math.max(0, f.r - f.band) / inv;
  out.hi = (f.r + f.band) / inv;
}

/**
 * The exact test for a cell centre at projected (xc, yc) with column index `i`, given its squared
 * planar distance `d2` to the site and the column's squared planar radii. Cells in the band are decided
 * by the geodesic distance (inclusive).
 */
export function decide(
  grid: CountyGrid,
  f: SiteFrame,
  i: number,
  yc: number,
  d2: number,
  lo2: number,
  hi2: number,
): boolean {
  if (d2 <= lo2) return true;
  if (d2 > hi2) return false;
  const [lon, lat] = grid.projection.inverse(grid.originX + (i + 0.5) * grid.cellSizeM, yc);
  return geodesicDistanceKm(f.site.lon, f.site.lat, lon, lat) * 1000 <= f.r;
}

const radii = { lo: 0, hi: 0 };

/** Whether the site covers the centre of cell (i, j): the same decision as disc painting makes for that cell. */
export function coversCell(grid: CountyGrid, f: SiteFrame, i: number, j: number): boolean {
  const xc = grid.originX + (i + 0.5) * grid.cellSizeM;
  const yc = grid.originY + (j + 0.5) * grid.cellSizeM;
  const dx = xc - f.sx;
  const dy = yc - f.sy;
  const d2 = dx * dx + dy * dy;
  planarRadii(f, xc, radii);
  return decide(grid, f, i, yc, d2, radii.lo * radii.lo, radii.hi * radii.hi);
}
