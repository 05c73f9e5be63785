import { checkSite } from "./disc-test";
import type { CountyGrid, Site } from "./types";

/**
 * Sites as parallel arrays (no object per site), with their projected position on one grid computed once
 * and kept. Slots of removed sites stay until {@link SiteStore.compact}. For the coverage code of this module.
 */
export class SiteStore {
  ids: string[] = [];
  lon: Float64Array;
  lat: Float64Array;
  radiusKm: Float64Array;
  alive: Uint8Array;
  /** Projected position on `grid` (NaN until computed). */
  x: Float64Array;
  y: Float64Array;
  /** Slots in use (live or removed). */
  length = 0;
  /** Live sites. */
  live = 0;
  readonly grid: CountyGrid;

  constructor(grid: CountyGrid, capacity = 16) {
    this.grid = grid;
    const n = Math.max(16, capacity);
    this.lon = new Float64Array(n);
    this.lat = new Float64Array(n);
    this.radiusKm = new Float64Array(n);
    this.alive = new Uint8Array(n);
    this.x = new Float64Array(n).fill(Number.NaN);
    this.y = new Float64Array(n).fill(Number.NaN);
  }

  /** A store holding `sites`, each checked (RangeError naming a bad one). */
  static of(grid: CountyGrid, sites: Iterable<Site>, where: string): SiteStore {
    const store = new SiteStore(grid, Array.isArray(sites) ? sites.length : 16);
    for (const s of sites) {
      checkSite(s, where);
      store.add(s.id, s.lon, s.lat, s.radiusKm);
    }
    return store;
  }

  private grow(): void {
    const n = this.lon.length * 2;
    const more = (a: Float64Array, fill = 0) => {
      const b = new Float64Array(n).fill(fill);
      b.set(a);
      return b;
    };
    this.lon = more(this.lon);
    this.lat = more(this.lat);
    this.radiusKm = more(this.radiusKm);
    this.x = more(this.x, Number.NaN);
    this.y = more(this.y, Number.NaN);
    const alive = new Uint8Array(n);
    alive.set(this.alive);
    this.alive = alive;
  }

  /** Appends a site (not checked here) and returns its slot. */
  add(id: string, lon: number, lat: number, radiusKm: number): number {
    if (this.length === this.lon.length) this.grow();
    const k = this.length++;
    this.ids.push(id);
    this.lon[k] = lon;
    this.lat[k] = lat;
    this.radiusKm[k] = radiusKm;
    this.alive[k] = 1;
    this.live++;
    return k;
  }

  remove(slot: number): void {
    if (!this.alive[slot]) return;
    this.alive[slot] = 0;
    this.live--;
  }

  /** The site in `slot` as a new object. */
  site(slot: number): Site {
    return { id: this.ids[slot], lon: this.lon[slot], lat: this.lat[slot], radiusKm: this.radiusKm[slot] };
  }

  /** Projects the site in `slot` on the grid unless it already is. */
  project(slot: number): void {
    if (!Number.isNaN(this.x[slot])) return;
    const [x, y] = this.grid.projection.forward(this.lon[slot], this.lat[slot]);
    this.x[slot] = x;
    this.y[slot] = y;
  }

  /** Whether both stores hold the same live sites (id, position and radius) in the same order. */
  sameLive(other: SiteStore): boolean {
    if (other.live !== this.live) return false;
    let b = 0;
    for (let a = 0; a < this.length; a++) {
      if (!this.alive[a]) continue;
      while (!other.alive[b]) b++;
      if (
        this.ids[a] !== other.ids[b] ||
        this.lon[a] !== other.lon[b] ||
        this.lat[a] !== other.lat[b] ||
        this.radiusKm[a] !== other.radiusKm[b]
      )
        return false;
      b++;
    }
    return true;
  }

  /** Drops the slots of removed sites; returns the new slot of each old one (−1 for removed ones). */
  compact(): Int32Array {
    const map = new Int32Array(this.length).fill(-1);
    let n = 0;
    for (let k = 0; k < this.length; k++) {
      if (!this.alive[k]) continue;
      map[k] = n;
      this.ids[n] = this.ids[k];
      this.lon[n] = this.lon[k];
      this.lat[n] = this.lat[k];
      this.radiusKm[n] = this.radiusKm[k];
      this.x[n] = this.x[k];
      this.y[n] = this.y[k];
      this.alive[n] = 1;
      n++;
    }
    this.ids.length = n;
    this.alive.fill(0, n, this.length);
    this.x.fill(Number.NaN, n, this.length);
    this.y.fill(Number.NaN, n, this.length);
    this.length = n;
    return map;
  }
}
