import { contours } from "d3-contour";
import type { Feature, MultiPolygon, Polygon, Position } from "geojson";
import polygonClipping, { type MultiPolygon as ClipMultiPolygon } from "polygon-clipping";
import { areaScale, type CountyGrid, type GapFeatureProps, gapPolygons } from "../coverage";
import { authalicAreaKm2 } from "../geo/area";

/** Travel-time figures over the cells inside a county. */
export interface TravelTimeSummary {
  limitMinutes: number;
  /** What the mean and the share are taken over: cell area, or the population grid when given. */
  weighting: "area" | "population";
  /** Mean minutes from the nearest site, weighted by area or population; null when no cell is reachable. */
  meanMinutes: number | null;
  /** Largest minutes over inside cells (Infinity when some cell has no site). */
  maxMinutes: number;
  /** Share (0..1) of the area, or of the population, within `limitMinutes` (inclusive). */
  shareWithinLimit: number;
  areaKm2: number;
  withinKm2: number;
  beyondKm2: number;
  /** Population figures when a population grid was given. */
  population?: { total: number; within: number; beyond: number };
}

function cellArea(grid: CountyGrid, k: number): number {
  return typeof grid.cellAreaKm2 === "number" ? grid.cellAreaKm2 : grid.cellAreaKm2[k];
}

function checkLength(grid: CountyGrid, arr: ArrayLike<number>, name: string, where: string): void {
  const n = grid.width * grid.height;
  if (arr.length !== n) throw new RangeError(`${where}(${grid.code}): ${name} has ${arr.length} cells, grid has ${n}`);
}

/**
 * Mean minutes, share within the limit and areas (and population when `population` is given, one value per
 * grid cell) over the cells inside the county. Areas are cell areas scaled to the county's geodesic area, as
 * in coverageStats. A cell is within the limit when its time is ≤ `limitMinutes` (default 30).
 */
export function travelTimeSummary(
  grid: CountyGrid,
  minutes: ArrayLike<number>,
  opts: { limitMinutes?: number; population?: ArrayLike<number> } = {},
): TravelTimeSummary {
  const limit = opts.limitMinutes ?? 30;
  checkLength(grid, minutes, "minutes", "travelTimeSummary");
  const pop = opts.population;
  if (pop) checkLength(grid, pop, "population", "travelTimeSummary");
  const scale = areaScale(grid);
  let area = 0;
  let within = 0;
  let sumT = 0;
  let sumW = 0;
  let max = 0;
  let pTotal = 0;
  let pWithin = 0;
  for (let k = 0; k < grid.inside.length; k++) {
    if (!grid.inside[k]) continue;
    const a = cellArea(grid, k);
    const t = minutes[k];
    area += a;
    if (t <= limit) within += a;
    if (t > max) max = t;
    const w = pop ? pop[k] : a;
    if (pop) {
      pTotal += w;
      if (t <= limit) pWithin += w;
    }
    if (t < Infinity && w > 0) {
      sumT += w * t;
      sumW += w;
    }
  }
  const out: TravelTimeSummary = {
    limitMinutes: limit,
    weighting: pop ? "population" : "area",
    meanMinutes: sumW > 0 ? sumT / sumW : null,
    maxMinutes: max,
    shareWithinLimit: pop ? (pTotal > 0 ? pWithin / pTotal : 0) : area > 0 ? within / area : 0,
    areaKm2: area * scale,
    withinKm2: within * scale,
    beyondKm2: (area - within) * scale,
  };
  if (pop) out.population = { total: pTotal, within: pWithin, beyond: pTotal - pWithin };
  return out;
}

/** 1 for cells inside the county whose time exceeds `limitMinutes`, else 0. */
export function beyondLimit(grid: CountyGrid, minutes: ArrayLike<number>, limitMinutes: number): Uint8Array {
  checkLength(grid, minutes, "minutes", "beyondLimit");
  const out = new Uint8Array(minutes.length);
  for (let k = 0; k < out.length; k++) out[k] = grid.inside[k] && minutes[k] > limitMinutes ? 1 : 0;
  return out;
}

/**
 * The places beyond `limitMinutes` as gap polygons, made by the same contouring as the radius rules'
 * gaps (cell-edge outlines, largest first, areas in km²); with `weight` (e.g. people per cell) each gap
 * carries its `population`.
 */
export function travelGapPolygons(
  grid: CountyGrid,
  minutes: ArrayLike<number>,
  limitMinutes: number,
  opts?: { minAreaKm2?: number; weight?: ArrayLike<number> },
): Feature<Polygon, GapFeatureProps>[] {
  checkLength(grid, minutes, "minutes", "travelGapPolygons");
  const counts = new Uint16Array(minutes.length);
  for (let k = 0; k < counts.length; k++) counts[k] = minutes[k] <= limitMinutes ? 1 : 0;
  return gapPolygons(grid, counts, opts);
}

/** Properties of an isochrone band: times from `fromMinutes` (inclusive) to `toMinutes`, and the band's area. */
export interface IsochroneProps {
  county: string;
  fromMinutes: number;
  toMinutes: number;
  /** Area (km²) of the band's polygons, on the ellipsoid's authalic sphere: what a GIS measures of the feature. */
  areaKm2: number;
  /**
   * Area (km²) of the inside cells whose time is in [fromMinutes, toMinutes), scaled as in travelTimeSummary: the
   * figure the checks' shares rest on. The outline runs through the cells' interpolated times, so the two differ by a
   * few per cent in a small band (the trial, s44-b #10: areaKm2 was this, 2–16 % above the polygons' own areas).
   */
  gridAreaKm2: number;
}

/** Whether a closed ring passes through one position twice (it touches itself there: invalid in GEOS). */
function meetsItself(ring: Position[]): boolean {
  const seen = new Set<string>();
  for (let k = 0; k < ring.length - 1; k++) {
    const key = `${ring[k][0]},${ring[k][1]}`;
    if (seen.has(key)) return true;
    seen.add(key);
  }
  return false;
}

/** A ring with its repeated consecutive positions dropped, or null when fewer than three distinct ones are left. */
function cleanRing(ring: Position[]): Position[] | null {
  const out: Position[] = [];
  for (const p of ring) {
    const q = out[out.length - 1];
    if (!q || q[0] !== p[0] || q[1] !== p[1]) out.push(p);
  }
  if (out.length > 1 && out[0][0] === out[out.length - 1][0] && out[0][1] === out[out.length - 1][1]) out.pop();
  if (out.length < 3) return null;
  out.push(out[0]);
  return out;
}

const ROUND = 1e7;

function signedArea(ring: Position[]): number {
  let s = 0;
  for (let k = 0, n = ring.length; k < n - 1; k++) s += ring[k][0] * ring[k + 1][1] - ring[k + 1][0] * ring[k][1];
  return s / 2;
}

/**
 * Isochrone bands as WGS84 MultiPolygons: one feature per band [b[k-1], b[k]) of `breaksMinutes`
 * (default 10, 20, 30; the first band starts at 0). Outlines are the iso-lines of the cell times,
 * linearly interpolated between cell centres (d3-contour), so band edges are at the stated minutes to
 * within the interpolation between neighbouring cells. With `clipToCounty` (default true) only cells
 * inside the county count, and band edges along the county border run between the border cells' centres and their
 * outside neighbours' (at most half a cell beyond the centres). Rings that meet themselves are rebuilt valid.
 * Rings follow RFC 7946; coordinates rounded to 1e-7°.
 */
export function isochroneBands(
  grid: CountyGrid,
  minutes: ArrayLike<number>,
  breaksMinutes: ReadonlyArray<number> = [10, 20, 30],
  opts: { clipToCounty?: boolean } = {},
): Feature<MultiPolygon, IsochroneProps>[] {
  checkLength(grid, minutes, "minutes", "isochroneBands");
  const clip = opts.clipToCounty ?? true;
  const { width, height, originX, originY, cellSizeM: c, projection, code } = grid;
  const W = width + 2;
  const H = height + 2;
  const values = new Float64Array(W * H);
  const scale = areaScale(grid);
  const toLonLat = (p: number[]): Position => {
    const [lon, lat] = projection.inverse(originX + (p[0] - 1) * c, originY + (p[1] - 1) * c);
    return [Math.round(lon * ROUND) / ROUND, Math.round(lat * ROUND) / ROUND];
  };
  const out: Feature<MultiPolygon, IsochroneProps>[] = [];
  let from = 0;
  for (const to of breaksMinutes) {
    if (!(to > from))
      throw new RangeError(`isochroneBands(${code}): breaks must increase, got ${breaksMinutes.join(", ")}`);
    // outside the county (and unreachable cells): as far below the threshold as a band is wide, so a border cell's
    // outline crosses its edges at distinct points; at -1e6 the crossings sat within a millimetre of the cell's centre
    // and met there once rounded, pinching the ring
    values.fill(-(to - from));
    let area = 0;
    for (let j = 0; j < height; j++)
      for (let i = 0; i < width; i++) {
        const k = j * width + i;
        const t = minutes[k];
        if (clip && !grid.inside[k]) continue;
        if (t === Infinity) continue;
        // ≥ 0 exactly when from ≤ t ≤ to, and linear in t near either edge
        values[(j + 1) * W + i + 1] = Math.min(t - from, to - t);
        if (grid.inside[k] && t >= from && t < to)
          area += typeof grid.cellAreaKm2 === "number" ? grid.cellAreaKm2 : grid.cellAreaKm2[k];
      }
    const [multi] = contours().size([W, H]).thresholds([0])(values as unknown as number[]);
    // rounded to 1e-7°, a contour's ring can collapse to fewer than three points or touch itself where the iso-line
    // pinches between cells: rings cleaned, then the band rebuilt as a union, which gives valid polygons (the trial,
    // s44-b #10: 14 of 30 bands were invalid in GEOS)
    // (only the polygons whose rings meet themselves are rebuilt: the union tripled a band's cost)
    const simple: Position[][][] = [];
    const pinched: ClipMultiPolygon = [];
    for (const poly of multi.coordinates) {
      const outer = cleanRing(poly[0].map(toLonLat));
      if (!outer) continue;
      const holes = poly.slice(1).flatMap((ring) => {
        const h = cleanRing(ring.map(toLonLat));
        return h ? [h] : [];
      });
      const rings = [outer, ...holes];
      if (rings.some(meetsItself)) pinched.push(rings as ClipMultiPolygon[number]);
      else simple.push(rings);
    }
    const rebuilt = pinched.length
      ? polygonClipping.union(pinched).map((poly) => poly.map((ring) => ring.map((p) => [p[0], p[1]])))
      : [];
    const polygons = [...simple, ...rebuilt].map((poly) =>
      poly.map((ring, r) => {
        if ((r === 0) !== signedArea(ring) > 0) ring.reverse();
        return ring;
      }),
    );
    const geometry: MultiPolygon = { type: "MultiPolygon", coordinates: polygons };
    out.push({
      type: "Feature",
      geometry,
      properties: {
        county: code,
        fromMinutes: from,
        toMinutes: to,
        areaKm2: authalicAreaKm2(geometry),
        gridAreaKm2: area * scale,
      },
    });
    from = to;
  }
  return out;
}
