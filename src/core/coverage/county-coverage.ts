import type { Feature, MultiPolygon, Polygon } from "geojson";
import { polygonLocator } from "../geo";
import { buildCountyGrid, rasterizeMask } from "./county-grid";
import { applySite } from "./cover-counts";
import { coverageStats } from "./coverage-stats";
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
  /** Site discs painted into or removed from a layer's counts. */
  paints: number;
}

interface Layer {
  radiusKm: number;
  counts: Uint16Array;
  sites: Map<string, Site>;
}

/**
 * The coverage bookkeeping of one county: its grid, its urban and rural masks, and for each layer (a set of sites
 * sharing one radius, e.g. the EMS points of EMS-RURAL at 20 km) the sites and the cover count of every cell.
 * Each change does only the work it needs: a site is painted into its layer alone, a new radius repaints one layer,
 * a new urban area re-rasterises the masks, and only a new cell size rebuilds the grid.
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

  constructor(feature: Feature<Polygon | MultiPolygon, { code: string }>, cellSizeM: number) {
    this.feature = feature;
    this.contains = polygonLocator(feature.geometry);
    this.grid = this.buildGrid(cellSizeM);
  }

  private buildGrid(cellSizeM: number): CountyGrid {
    this.work.grids++;
    return buildCountyGrid(this.feature, { cellSizeM });
  }

  /** Rebuilds the grid at a new cell size, then the masks and every layer's counts from its sites. */
  setCellSize(cellSizeM: number): void {
    if (cellSizeM === this.grid.cellSizeM) return;
    this.grid = this.buildGrid(cellSizeM);
    this.setUrban(this.urban);
    for (const layer of this.layers.values()) this.repaint(layer);
  }

  /** The county's urban part: the whole county ("all", a district) or the cells inside these polygons. */
  setUrban(urban: Array<Polygon | MultiPolygon> | "all"): void {
    this.urban = urban;
    const { grid } = this;
    this.work.masks++;
    this.urbanMask = urban === "all" ? grid.inside.slice() : rasterizeMask(grid, urban);
    this.ruralMask = new Uint8Array(grid.inside.length);
    for (let k = 0; k < grid.inside.length; k++) this.ruralMask[k] = grid.inside[k] & (this.urbanMask[k] ^ 1);
    this.urbanAreaKm2 = coverageStats(grid, new Uint16Array(grid.inside.length), this.urbanMask).areaKm2;
  }

  /** Layers by key and radius: new keys start empty, dropped keys are forgotten, a changed radius repaints. */
  setLayers(defs: ReadonlyArray<{ key: string; radiusKm: number }>): void {
    const keep = new Set(defs.map((d) => d.key));
    for (const key of [...this.layers.keys()]) if (!keep.has(key)) this.layers.delete(key);
    for (const d of defs) {
      const layer = this.layers.get(d.key);
      if (!layer) {
        this.layers.set(d.key, {
          radiusKm: d.radiusKm,
          counts: new Uint16Array(this.grid.inside.length),
          sites: new Map(),
        });
      } else if (layer.radiusKm !== d.radiusKm) {
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

  private repaint(layer: Layer): void {
    layer.counts = new Uint16Array(this.grid.inside.length);
    for (const [id, s] of layer.sites) {
      const site = { ...s, radiusKm: layer.radiusKm };
      layer.sites.set(id, site);
      this.paint(layer, site, 1);
    }
  }

  private paint(layer: Layer, site: Site, delta: 1 | -1): void {
    this.work.paints++;
    applySite(this.grid, layer.counts, site, delta);
  }

  /** Adds a site (at the layer's radius) to a layer. */
  addSite(key: string, site: { id: string; lon: number; lat: number }): void {
    const layer = this.layer(key);
    if (layer.sites.has(site.id)) throw new Error(`county ${this.grid.code}: site ${site.id} already in layer ${key}`);
    const s: Site = { id: site.id, lon: site.lon, lat: site.lat, radiusKm: layer.radiusKm };
    this.paint(layer, s, 1);
    layer.sites.set(s.id, s);
  }

  /** Removes a site from every layer; true when it was in one. */
  removeSite(id: string): boolean {
    let found = false;
    for (const layer of this.layers.values()) {
      const s = layer.sites.get(id);
      if (!s) continue;
      this.paint(layer, s, -1);
      layer.sites.delete(id);
      found = true;
    }
    return found;
  }

  /** Removes every site of a layer (its radius stays). */
  clearLayer(key: string): void {
    const layer = this.layer(key);
    layer.sites.clear();
    layer.counts = new Uint16Array(this.grid.inside.length);
  }

  /** The sites of a layer. */
  sites(key: string): Site[] {
    return [...this.layer(key).sites.values()];
  }

  /** The radius of a layer, km. */
  radiusKm(key: string): number {
    return this.layer(key).radiusKm;
  }

  private mask(part: CountyPart): Uint8Array {
    return part === "urban" ? this.urbanMask : this.ruralMask;
  }

  /** Covered and uncovered area of the county part by a layer (km², geodesic-consistent). */
  stats(key: string, part: CountyPart): CoverageStats {
    return coverageStats(this.grid, this.layer(key).counts, this.mask(part));
  }

  /** The uncovered part of the county part as polygons, largest first. */
  gaps(key: string, part: CountyPart): Feature<Polygon, GapFeatureProps>[] {
    return gapPolygons(this.grid, this.layer(key).counts, { mask: this.mask(part) });
  }
}
