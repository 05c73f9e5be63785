import type { Feature, MultiPolygon, Polygon } from "geojson";
import { polygonLocator } from "../geo";
import type { PopulationRaster } from "../io/raster";
import { aggregatePopulation, type GridPopulation } from "../population/aggregate";
import { buildCountyGrid, urbanRuralMasks } from "./county-grid";
import { type CoverageLayer, createCoverageLayer } from "./coverage-layer";
import { areaScale, cellAreaSums, coverageStats } from "./coverage-stats";
import { gapPolygons } from "./gap-polygons";
import type { CountyGrid, CoverageStats, GapFeatureProps, Site } from "./types";

/** Which part of the county a statistic is over. */
export type CountyPart = "urban" | "rural";

/** How much work a {@link CountyCoverage} has done since it was created (for tests and diagnostics). */
export interface CoverageWork {
  /** County grids built. */
  grids: number;
  /** Urban/rural mask pairs rasterised. */
  masks: number;
  /** Site discs walked to paint or remove them (a layer computed by the distance transform walks none). */
  paints: number;
}

interface Layer {
  radiusKm: number;
  cells: CoverageLayer;
}

/**
 * The coverage bookkeeping of one county: its grid, its urban and rural masks, and for each layer (a set of sites
 * sharing one radius, e.g. the EMS points of EMS-RURAL at 20 km) the sites and the covered cells, kept by a
 * {@link CoverageLayer} (per-cell counts, or a distance-transform mask for many sites; sites added in a batch cost
 * one computation when the cells are next read). Each change does only the work it needs: a site goes into its
 * layer alone, a new radius recomputes one layer, a new urban area re-rasterises the masks, and only a new cell
 * size rebuilds the grid.
 */
export class CountyCoverage {
  readonly feature: Feature<Polygon | MultiPolygon, { code: string }>;
  /** Prepared point-in-polygon test of the county. */
  readonly contains: (lon: number, lat: number) => boolean;
  grid: CountyGrid;
  urbanMask: Uint8Array = new Uint8Array(0);
  ruralMask: Uint8Array = new Uint8Array(0);
  urbanAreaKm2 = 0;
  readonly work: CoverageWork = { grids: 0, masks: 0, paints: 0 };
  private readonly layers = new Map<string, Layer>();
  private urban: Array<Polygon | MultiPolygon> | "all" = [];
  private raster: PopulationRaster | null = null;
  /** People per grid cell, aggregated from the population raster (null when none was given). */
  population: GridPopulation | null = null;

  /** Options of every layer's {@link createCoverageLayer}. */
  private readonly layerOpts: { maskOnly?: boolean };

  /** `opts.maskOnly`: layers keep covered masks only (for a one-shot analysis; see createCoverageLayer). */
  constructor(
    feature: Feature<Polygon | MultiPolygon, { code: string }>,
    cellSizeM: number,
    opts: { maskOnly?: boolean } = {},
  ) {
    this.feature = feature;
    this.layerOpts = opts;
    this.contains = polygonLocator(feature.geometry);
    this.grid = this.buildGrid(cellSizeM);
  }

  private buildGrid(cellSizeM: number): CountyGrid {
    this.work.grids++;
    return buildCountyGrid(this.feature, { cellSizeM });
  }

  /** Rebuilds the grid at a new cell size, then the masks and every layer's cells from its sites. */
  setCellSize(cellSizeM: number): void {
    if (cellSizeM === this.grid.cellSizeM) return;
    this.grid = this.buildGrid(cellSizeM);
    this.setUrban(this.urban);
    this.setPopulation(this.raster);
    for (const layer of this.layers.values()) this.repaint(layer);
  }

  /** The county's urban part: the whole county ("all", a district) or the cells inside these polygons. */
  setUrban(urban: Array<Polygon | MultiPolygon> | "all"): void {
    this.urban = urban;
    const { grid } = this;
    this.work.masks++;
    if (urban === "all") {
      this.urbanMask = grid.inside.slice();
      this.ruralMask = new Uint8Array(grid.inside.length);
    } else ({ urban: this.urbanMask, rural: this.ruralMask } = urbanRuralMasks(grid, urban));
    this.urbanAreaKm2 = cellAreaSums(grid, null, this.urbanMask).inside * areaScale(grid);
  }

  /** A population raster aggregated onto the grid (totals conserved), or none. */
  setPopulation(raster: PopulationRaster | null): void {
    this.raster = raster;
    this.population = raster ? aggregatePopulation(this.grid, raster) : null;
  }

  /** Layers by key and radius: new keys start empty, dropped keys are forgotten, a changed radius repaints. */
  setLayers(defs: ReadonlyArray<{ key: string; radiusKm: number }>): void {
    const keep = new Set(defs.map((d) => d.key));
    for (const key of [...this.layers.keys()]) if (!keep.has(key)) this.layers.delete(key);
    for (const d of defs) {
      const layer = this.layers.get(d.key);
      if (!layer)
        this.layers.set(d.key, { radiusKm: d.radiusKm, cells: createCoverageLayer(this.grid, this.layerOpts) });
      else if (layer.radiusKm !== d.radiusKm) {
        layer.radiusKm = d.radiusKm;
        this.repaint(layer);
      }
    }
  }

  private layer(key: string): Layer {
    const layer = this.layers.get(key);
    if (!layer) throw new Error(`county ${this.grid.code}: no coverage layer ${key}`);
    return layer;
  }

  /** The layer's sites again at its radius, on the current grid; the cells are computed at once. */
  private repaint(layer: Layer): void {
    const sites = layer.cells.sites();
    layer.cells = createCoverageLayer(this.grid, this.layerOpts);
    for (const s of sites) layer.cells.add({ ...s, radiusKm: layer.radiusKm });
    this.count(layer.cells);
  }

  /** Brings a layer's cells up to date and counts the disc walks that took. */
  private count(cells: CoverageLayer): ReturnType<CoverageLayer["coverage"]> {
    const before = cells.paints;
    const out = cells.coverage();
    this.work.paints += cells.paints - before;
    return out;
  }

  /**
   * Adds a site (at the layer's radius) to a layer. A second site with the same id in a layer is reported by the
   * layer's next lookup by id (not checked here, so that a batch of additions builds no id index).
   */
  addSite(key: string, site: { id: string; lon: number; lat: number }): void {
    const layer = this.layer(key);
    layer.cells.add({ id: site.id, lon: site.lon, lat: site.lat, radiusKm: layer.radiusKm });
  }

  /** Removes a site from every layer; true when it was in one. */
  removeSite(id: string): boolean {
    let found = false;
    for (const layer of this.layers.values()) if (layer.cells.remove(id)) found = true;
    return found;
  }

  /** Removes every site of a layer (its radius stays). */
  clearLayer(key: string): void {
    this.layer(key).cells = createCoverageLayer(this.grid, this.layerOpts);
  }

  /** The sites of a layer. */
  sites(key: string): Site[] {
    return this.layer(key).cells.sites();
  }

  /** The radius of a layer, km. */
  radiusKm(key: string): number {
    return this.layer(key).radiusKm;
  }

  /**
   * A layer's cells, brought up to date. A layer with the same radius and the same sites as an earlier one (EMS-RURAL
   * and its range end at the same 20 km) covers the same cells: it reads that layer's instead of computing its own.
   */
  private cells(key: string): ReturnType<CoverageLayer["coverage"]> {
    const layer = this.layer(key);
    for (const [k, other] of this.layers) {
      if (k === key) break;
      if (other.radiusKm === layer.radiusKm && other.cells.sameSites(layer.cells)) return this.count(other.cells);
    }
    return this.count(layer.cells);
  }

  private mask(part: CountyPart): Uint8Array {
    return part === "urban" ? this.urbanMask : this.ruralMask;
  }

  /** Covered and uncovered area of the county part by a layer (km², geodesic-consistent). */
  stats(key: string, part: CountyPart): CoverageStats {
    return coverageStats(this.grid, this.cells(key), this.mask(part));
  }

  /** People in the county part and those covered by a layer (null without a population raster). */
  populationStats(key: string, part: CountyPart): { total: number; covered: number } | null {
    if (!this.population) return null;
    const counts = this.cells(key);
    return populationSums(this.population.population, counts, this.grid.inside, this.mask(part));
  }

  /** The uncovered part of the county part as polygons, largest first, each with its people when known. */
  gaps(key: string, part: CountyPart): Feature<Polygon, GapFeatureProps>[] {
    const weight = this.population?.population;
    return gapPolygons(this.grid, this.cells(key), {
      mask: this.mask(part),
      ...(weight ? { weight } : {}),
    });
  }
}

/** Sum of `people` over the cells inside the county and `mask`, and over those also covered (count > 0). */
export function populationSums(
  people: ArrayLike<number>,
  counts: ArrayLike<number>,
  inside: ArrayLike<number>,
  mask: ArrayLike<number>,
): { total: number; covered: number } {
  let total = 0;
  let covered = 0;
  for (let k = 0; k < mask.length; k++) {
    if (!inside[k] || !mask[k]) continue;
    total += people[k];
    if (counts[k] > 0) covered += people[k];
  }
  return { total, covered };
}
