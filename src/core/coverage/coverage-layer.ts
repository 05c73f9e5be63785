import { applySite, paintSite } from "./cover-counts";
import { type CellWindow, coverWindow, paintCost, transformCost } from "./cover-mask";
import { checkSite, gridInfo, mayReach, siteFrame } from "./disc-test";
import { SiteStore } from "./site-store";
import type { CellCoverage, CountyGrid, Site } from "./types";

/**
 * The sites of one coverage layer (one radius rule) on one county grid, kept up to date under edits.
 * Edits are recorded and applied when {@link CoverageLayer.coverage} is next asked for, so a batch of
 * many additions costs one computation.
 */
export interface CoverageLayer {
  readonly grid: CountyGrid;
  /** Number of sites. */
  readonly size: number;
  has(id: string): boolean;
  /** Adds a site; throws on a duplicate id or a bad position or radius (RangeError naming the site). */
  add(site: Site): void;
  /** Removes the site with this id and returns it (an equal object), or undefined when there is none. */
  remove(id: string): Site | undefined;
  /** The sites, in insertion order. */
  sites(): Site[];
  /**
   * Per cell of the grid, > 0 where some site covers the cell centre (geodesic distance ≤ radius,
   * inclusive), 0 elsewhere. Read-only, and valid until the next edit.
   */
  coverage(): CellCoverage;
  /** How the last call to {@link coverage} kept the cells: per-cell counts, or a covered mask. */
  readonly mode: "empty" | "counts" | "mask";
  /** Disc walks done so far (to paint or remove a site); a distance transform does none. For diagnostics. */
  readonly paints: number;
  /** Whether `other` holds the same sites (id, position, radius) in the same order, so covers the same cells. */
  sameSites(other: CoverageLayer): boolean;
}

/** Cells a disc walk visits for one site (the disc, padded by a cell), capped by the grid. */
function discCells(grid: CountyGrid, site: Site): number {
  return paintCost(1, site.radiusKm * 1000, grid.cellSizeM, grid.width, grid.height);
}

/** Estimated costs of painting every live site and of the distance transform (per radius) over the whole grid. */
function costs(store: SiteStore): { paint: number; transform: number } {
  const grid = store.grid;
  const byRadius = new Map<number, number>();
  for (let k = 0; k < store.length; k++)
    if (store.alive[k]) byRadius.set(store.radiusKm[k], (byRadius.get(store.radiusKm[k]) ?? 0) + 1);
  let paint = 0;
  let transform = 0;
  for (const [radiusKm, n] of byRadius) {
    const p = paintCost(n, radiusKm * 1000, grid.cellSizeM, grid.width, grid.height);
    paint += p;
    transform += Math.min(p, transformCost(n, radiusKm * 1000, grid.cellSizeM, grid.width, grid.height));
  }
  return { paint, transform };
}

/** Cell window (clipped to the grid) that a site's disc can touch; null when it misses the grid. */
function discWindow(grid: CountyGrid, site: Site): CellWindow | null {
  const info = gridInfo(grid);
  if (!mayReach(info, site)) return null;
  const f = siteFrame(grid, info, site);
  // the planar radius exceeds the geodesic one by under 1 % at county scale; pad by one cell besides
  const reach = (f.r + f.band) * 1.01 + grid.cellSizeM;
  const c = grid.cellSizeM;
  const win = {
    i0: Math.max(0, Math.floor((f.sx - reach - grid.originX) / c)),
    i1: Math.min(grid.width - 1, Math.floor((f.sx + reach - grid.originX) / c)),
    j0: Math.max(0, Math.floor((f.sy - reach - grid.originY) / c)),
    j1: Math.min(grid.height - 1, Math.floor((f.sy + reach - grid.originY) / c)),
  };
  return win.i0 > win.i1 || win.j0 > win.j1 ? null : win;
}

class Layer implements CoverageLayer {
  readonly grid: CountyGrid;
  /** The sites as arrays; slots of removed ones are dropped when they outnumber the live ones. */
  private store: SiteStore;
  /** Slot by id: built on the first has() or remove(), so a batch of additions needs no map. */
  private index: Map<string, number> | null = null;
  /** Slots added since the cells were last brought up to date (only once they have been computed). */
  private added: number[] = [];
  /** Sites removed since then, among those the cells already include. */
  private removed: Site[] = [];
  private counts: Uint32Array | null = null;
  private mask: Uint8Array | null = null;

  /** Keep a covered mask even where painting is the cheaper way (no per-cell counts): see createCoverageLayer. */
  private readonly maskOnly: boolean;

  constructor(grid: CountyGrid, maskOnly: boolean) {
    this.grid = grid;
    this.store = new SiteStore(grid);
    this.maskOnly = maskOnly;
  }

  get size(): number {
    return this.store.live;
  }

  paints = 0;

  get mode(): "empty" | "counts" | "mask" {
    return this.counts ? "counts" : this.mask ? "mask" : "empty";
  }

  private ids(): Map<string, number> {
    if (this.index) return this.index;
    const index = new Map<string, number>();
    const { ids, alive, length } = this.store;
    for (let k = 0; k < length; k++) {
      if (!alive[k]) continue;
      if (index.has(ids[k])) throw new Error(`coverage layer (${this.grid.code}): duplicate site id ${ids[k]}`);
      index.set(ids[k], k);
    }
    this.index = index;
    return index;
  }

  has(id: string): boolean {
    return this.ids().has(id);
  }

  add(site: Site): void {
    checkSite(site, `coverage layer (${this.grid.code})`);
    if (this.index?.has(site.id)) throw new Error(`coverage layer (${this.grid.code}): duplicate site id ${site.id}`);
    const k = this.store.add(site.id, site.lon, site.lat, site.radiusKm);
    this.index?.set(site.id, k);
    // before the first computation every live site is new anyway
    if (this.counts || this.mask) this.added.push(k);
  }

  remove(id: string): Site | undefined {
    const ids = this.ids();
    const k = ids.get(id);
    if (k === undefined) return undefined;
    const site = this.store.site(k);
    ids.delete(id);
    this.store.remove(k);
    if (this.counts || this.mask) {
      const pending = this.added.indexOf(k);
      if (pending >= 0) this.added.splice(pending, 1);
      else this.removed.push(site);
    }
    if (this.store.length > 64 && this.store.live < this.store.length / 2) {
      const map = this.store.compact();
      this.added = this.added.map((a) => map[a]);
      this.index = null;
    }
    return site;
  }

  sameSites(other: CoverageLayer): boolean {
    return other instanceof Layer && other.grid === this.grid && this.store.sameLive(other.store);
  }

  sites(): Site[] {
    const out: Site[] = [];
    for (let k = 0; k < this.store.length; k++) if (this.store.alive[k]) out.push(this.store.site(k));
    return out;
  }

  coverage(): CellCoverage {
    if (!this.counts && !this.mask) this.rebuild();
    else if (this.added.length > 0 || this.removed.length > 0) {
      let cost = 0;
      for (const k of this.added) cost += discCells(this.grid, this.store.site(k));
      // in a mask, a removal recomputes the window of its disc from the sites around it
      for (const s of this.removed) cost += this.counts ? discCells(this.grid, s) : 4 * discCells(this.grid, s);
      if (cost > costs(this.store).transform) this.rebuild();
      else if (this.counts) this.updateCounts(this.counts);
      else this.updateMask(this.mask as Uint8Array);
    }
    this.added = [];
    this.removed = [];
    return (this.counts ?? this.mask) as CellCoverage;
  }

  /** Counts when one disc walk per site is the cheaper way, else a mask from the distance transform. */
  private rebuild(): void {
    const cells = this.grid.width * this.grid.height;
    const { paint, transform } = costs(this.store);
    if (paint <= transform && this.maskOnly) {
      // the same disc walks, but each covered run is one fill of a byte mask instead of a count per cell
      this.counts = null;
      this.mask = new Uint8Array(cells);
      for (let k = 0; k < this.store.length; k++)
        if (this.store.alive[k]) paintSite(this.grid, this.mask, this.store.site(k));
      this.paints += this.store.live;
    } else if (paint <= transform) {
      this.mask = null;
      this.counts = new Uint32Array(cells);
      for (const s of this.sites()) applySite(this.grid, this.counts, s, 1);
      this.paints += this.store.live;
    } else {
      this.counts = null;
      this.mask = new Uint8Array(cells);
      coverWindow(this.store, { i0: 0, j0: 0, i1: this.grid.width - 1, j1: this.grid.height - 1 }, this.mask);
    }
  }

  private updateCounts(counts: Uint32Array): void {
    for (const s of this.removed) applySite(this.grid, counts, s, -1);
    for (const k of this.added) applySite(this.grid, counts, this.store.site(k), 1);
    this.paints += this.removed.length + this.added.length;
  }

  /** A removed site's window is recomputed from the live sites; added sites are painted. */
  private updateMask(mask: Uint8Array): void {
    for (const s of this.removed) {
      const win = discWindow(this.grid, s);
      if (win) coverWindow(this.store, win, mask);
    }
    for (const k of this.added) paintSite(this.grid, mask, this.store.site(k));
    this.paints += this.added.length;
  }
}

/**
 * An empty {@link CoverageLayer} on `grid`. Below a size where the discs' total area is a few times the
 * grid's, it keeps per-cell counts (an edit costs one disc walk); above it, a covered mask computed by a
 * distance transform (cost independent of the discs' area), where removing a site recomputes the cells
 * its disc touched from the remaining sites. With `maskOnly` (a one-shot analysis that will not be edited) it
 * keeps a mask in either case: painting then fills runs of a byte mask, cheaper than counting every cell.
 */
export function createCoverageLayer(grid: CountyGrid, opts: { maskOnly?: boolean } = {}): CoverageLayer {
  return new Layer(grid, opts.maskOnly ?? false);
}
