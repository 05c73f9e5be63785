import type { LocalProjection } from "../geo";

/**
 * A raster of square cells over one county in a local transverse Mercator projection.
 * Cell (i, j) is `index = j * width + i`; i grows eastwards, j northwards; its centre is at
 * (originX + (i + 0.5)·cellSizeM, originY + (j + 0.5)·cellSizeM) in projected metres.
 */
export interface CountyGrid {
  /** County code (6 digits for Chinese counties). */
  code: string;
  /** Cell side in projected metres. */
  cellSizeM: number;
  width: number;
  height: number;
  /** Projected coordinates (m) of the lower-left corner of cell (0,0). */
  originX: number;
  originY: number;
  /** Transverse Mercator centred on the county. */
  projection: LocalProjection;
  /** 1 where the cell centre is inside the county polygon. */
  inside: Uint8Array;
  /** True (ellipsoidal) area of one cell in km²: a constant when the scale error is < 1e-4, else per cell. */
  cellAreaKm2: Float32Array | number;
  /** Number of cells with `inside` = 1. */
  insideCount: number;
  /** Ellipsoidal area of the county polygon in km² (not the cell sum): `authalicAreaKm2`, within 1e-7 of the geodesic polygon area. */
  areaKm2: number;
}

/** A facility as a coverage source: a geodesic disc of `radiusKm` (inclusive) around (lon, lat) in degrees. */
export interface Site {
  id: string;
  lon: number;
  lat: number;
  radiusKm: number;
}

/** Coverage over a county (or the masked part of it). Areas in km², share in 0..1. */
export interface CoverageStats {
  areaKm2: number;
  coveredKm2: number;
  uncoveredKm2: number;
  coveredShare: number;
}

/**
 * Properties of one gap polygon: county code, stable-per-call id ("<county>-gap-<n>", largest first), area in km²,
 * and the people living in it when a population grid was given.
 */
export interface GapFeatureProps {
  county: string;
  gapId: string;
  areaKm2: number;
  /** Sum of the population grid over the gap's cells (present only when a population grid was given). */
  population?: number;
}

export type { DemandPoint } from "../model";

/** Per-cell coverage of a grid: a count of covering sites or a 0/1 mask; a cell is covered when its value is > 0. */
export type CellCoverage = Uint8Array | Uint16Array | Uint32Array;
