import { describe, expect, it } from "vitest";
import {
  buildCountyGrid,
  CountyCoverage,
  type CountyGrid,
  coverageStats,
  coverCounts,
  coverCountsUint32,
  coverMask,
  createCoverageLayer,
  type Site,
} from "../../../src/core/coverage";
import { expectSameArray } from "../../same-array";
import { deepFreeze, loadHandmade, loadNanyang, refDistanceM, rng } from "./helpers";

const { county } = loadHandmade();

function cellCentre(grid: CountyGrid, i: number, j: number): [number, number] {
  return grid.projection.inverse(grid.originX + (i + 0.5) * grid.cellSizeM, grid.originY + (j + 0.5) * grid.cellSizeM);
}

/** 1 where some site is within its radius of the cell centre, by geographiclib: the reference answer. */
function bruteForce(grid: CountyGrid, sites: readonly Site[]): Uint8Array {
  const out = new Uint8Array(grid.width * grid.height);
  for (let j = 0; j < grid.height; j++)
    for (let i = 0; i < grid.width; i++) {
      const [lon, lat] = cellCentre(grid, i, j);
      for (const s of sites)
        if (refDistanceM(s.lon, s.lat, lon, lat) <= s.radiusKm * 1000) {
          out[j * grid.width + i] = 1;
          break;
        }
    }
  return out;
}

/** Sites scattered over a lon/lat box around the grid (some outside it), seeded. */
function scatter(grid: CountyGrid, seed: number, n: number, radiusKm: (r: () => number) => number): Site[] {
  const r = rng(seed);
  const [w, s] = grid.projection.inverse(grid.originX - 10_000, grid.originY - 10_000);
  const [e, nn] = grid.projection.inverse(
    grid.originX + grid.width * grid.cellSizeM + 10_000,
    grid.originY + grid.height * grid.cellSizeM + 10_000,
  );
  return deepFreeze(
    Array.from({ length: n }, (_, k) => ({
      id: `m${seed}-${k}`,
      lon: w + (e - w) * r(),
      lat: s + (nn - s) * r(),
      radiusKm: radiusKm(r),
    })),
  );
}

function differences(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let n = 0;
  for (let k = 0; k < a.length; k++) if (a[k] > 0 !== b[k] > 0) n++;
  return n;
}

describe("coverMask (distance transform)", () => {
  it("equals a brute-force geographiclib loop over every cell, at 20 km with many sites", () => {
    const grid = buildCountyGrid(county, { cellSizeM: 1000 });
    const sites = scatter(grid, 1, 400, () => 20);
    for (const set of [sites, sites.filter((_, k) => k % 40 === 0), sites.filter((_, k) => k % 100 === 0)]) {
      const ref = bruteForce(grid, set);
      expect(differences(coverMask(grid, set, { method: "transform" }), ref)).toBe(0);
      expect(differences(coverMask(grid, set), ref)).toBe(0);
    }
  });

  it("equals disc painting cell for cell on Nanyang grids (250 m cells, 5 / 15 / 20 km, mixed radii)", () => {
    const counties = loadNanyang();
    if (!counties) return;
    for (const code of ["411302", "411330"]) {
      const grid = buildCountyGrid(counties.find((c) => c.properties.code === code) as (typeof counties)[number]);
      // from a few sites (long edges between covered and uncovered cells) to many (the whole grid covered)
      for (const [seed, n, radius] of [
        [2, 6, () => 15],
        [3, 4, () => 20],
        [4, 60, () => 5],
        [5, 15, (r: () => number) => [5, 10, 15, 20][Math.floor(r() * 4)]],
        [6, 3000, () => 15],
      ] as Array<[number, number, (r: () => number) => number]>) {
        const sites = scatter(grid, seed, n, radius);
        const ref = coverCountsUint32(grid, sites);
        const mask = coverMask(grid, sites, { method: "transform" });
        expect(differences(mask, ref), `${code} seed ${seed}`).toBe(0);
        let covered = 0;
        for (let k = 0; k < mask.length; k++) covered += mask[k];
        if (n < 1000) expect(covered / mask.length, `${code} seed ${seed} has an edge`).toBeLessThan(0.95);
      }
    }
  });

  it("is inclusive at the radius: a cell centre exactly at the radius is covered, 1 mm farther it is not", () => {
    const grid = buildCountyGrid(county, { cellSizeM: 500 });
    const r = rng(8);
    // a dense background far from the test cells forces the transform; the test site decides the test cell
    const background = scatter(grid, 9, 300, () => 12).filter((s) => s.lat > 33.15);
    for (let t = 0; t < 12; t++) {
      const i0 = 10 + Math.floor(r() * (grid.width - 20));
      const j0 = 5 + Math.floor(r() * 10);
      const [slon, slat] = cellCentre(grid, i0, j0);
      const i1 = i0 + Math.floor(r() * 16) - 8;
      const j1 = j0 + Math.floor(r() * 8) + 1;
      const [clon, clat] = cellCentre(grid, i1, j1);
      const d = refDistanceM(slon, slat, clon, clat) / 1000;
      const k = j1 * grid.width + i1;
      const others = background.filter((s) => refDistanceM(s.lon, s.lat, clon, clat) > s.radiusKm * 1000);
      const method = "transform";
      const at = coverMask(grid, [...others, { id: "at", lon: slon, lat: slat, radiusKm: d }], { method });
      const below = coverMask(grid, [...others, { id: "below", lon: slon, lat: slat, radiusKm: d - 1e-6 }], { method });
      expect(at[k]).toBe(1);
      expect(below[k]).toBe(0);
    }
  });

  it("adding a site never lowers coverage; a larger radius never lowers coverage (seeded)", () => {
    const grid = buildCountyGrid(county, { cellSizeM: 500 });
    for (let t = 0; t < 8; t++) {
      const base = scatter(grid, 100 + t, 150, (r) => 5 + 15 * r());
      const extra = scatter(grid, 200 + t, 1, () => 10)[0];
      const a = coverMask(grid, base, { method: "transform" });
      const b = coverMask(grid, [...base, extra], { method: "transform" });
      for (let k = 0; k < a.length; k++) if (b[k] < a[k]) throw new Error(`adding: cell ${k} lowered`);
      const larger = base.map((s, k) => ({ ...s, radiusKm: s.radiusKm + 0.1 + (k % 3) }));
      const c = coverMask(grid, larger, { method: "transform" });
      for (let k = 0; k < a.length; k++) if (c[k] < a[k]) throw new Error(`radius: cell ${k} lowered`);
      expect(coverageStats(grid, c).coveredKm2).toBeGreaterThanOrEqual(coverageStats(grid, a).coveredKm2);
    }
  });

  it("does not mutate its inputs and validates sites", () => {
    const grid = buildCountyGrid(county, { cellSizeM: 1000 });
    const inside = grid.inside.slice();
    const sites = scatter(grid, 11, 200, () => 15); // deep-frozen: a write would throw
    expect(() => coverMask(grid, sites)).not.toThrow();
    expectSameArray(grid.inside, inside);
    expect(() => coverMask(grid, [...sites, { id: "bad-9", lon: Number.NaN, lat: 33, radiusKm: 5 }])).toThrow(/bad-9/);
  });
});

describe("more than 65,535 sites on one cell", () => {
  const grid = buildCountyGrid(county, { cellSizeM: 1000 });
  const many: Site[] = Array.from({ length: 70_000 }, (_, k) => ({ id: `p${k}`, lon: 112.4, lat: 33.0, radiusKm: 3 }));

  it("coverCounts says which function to use; coverCountsUint32 and coverMask count past it", () => {
    expect(() => coverCounts(grid, many)).toThrow(/65535.*coverCountsUint32 or coverMask/);
    const wide = coverCountsUint32(grid, many);
    const one = coverCounts(grid, [many[0]]);
    for (let k = 0; k < one.length; k++) if (wide[k] !== one[k] * 70_000) throw new Error(`cell ${k}`);
    expect(differences(coverMask(grid, many, { method: "transform" }), one)).toBe(0);
    const layer = createCoverageLayer(grid);
    for (const s of many) layer.add(s);
    expect(differences(layer.coverage(), one)).toBe(0);
  });
});

describe("createCoverageLayer", () => {
  function check(grid: CountyGrid, seed: number, n: number, radiusKm: number, expectMode: "counts" | "mask") {
    const r = rng(seed);
    const layer = createCoverageLayer(grid);
    let sites = scatter(grid, seed, n, () => radiusKm);
    for (const s of sites) layer.add(s);
    expect(differences(layer.coverage(), coverCountsUint32(grid, sites))).toBe(0);
    expect(layer.mode).toBe(expectMode);
    for (let step = 0; step < 25; step++) {
      // a drag: remove and re-add one site a little further on; sometimes add or remove one
      const k = Math.floor(r() * sites.length);
      const old = sites[k];
      const moved = { ...old, lon: old.lon + (r() - 0.5) * 0.05, lat: old.lat + (r() - 0.5) * 0.04 };
      expect(layer.remove(old.id)).toEqual(old);
      layer.add(moved);
      sites = sites.map((s, q) => (q === k ? moved : s));
      if (step % 5 === 1) {
        const extra = { id: `extra-${step}`, lon: moved.lon + 0.02, lat: moved.lat, radiusKm };
        layer.add(extra);
        sites = [...sites, extra];
      }
      if (step % 7 === 3) {
        const gone = sites[0];
        layer.remove(gone.id);
        sites = sites.slice(1);
      }
      if (step % 3 === 0) expect(differences(layer.coverage(), coverCountsUint32(grid, sites)), `step ${step}`).toBe(0);
    }
    expect(layer.size).toBe(sites.length);
    expect(new Set(layer.sites().map((s) => s.id))).toEqual(new Set(sites.map((s) => s.id)));
    expect(layer.remove("nobody")).toBeUndefined();
    expect(() => layer.add(sites[0])).toThrow(/duplicate/);
  }

  it("keeps per-cell counts for a few sites, and equals a fresh computation after every edit", () => {
    check(buildCountyGrid(county, { cellSizeM: 500 }), 31, 12, 10, "counts");
  });

  it("keeps a transform-built mask for many large sites, and equals a fresh computation after every edit", () => {
    check(buildCountyGrid(county, { cellSizeM: 500 }), 32, 1500, 15, "mask");
  });

  it("in a mask, removing the sites at the edge of the union uncovers exactly the cells no other site covers", () => {
    const grid = buildCountyGrid(county, { cellSizeM: 500 });
    const r = rng(33);
    const [w, s] = grid.projection.inverse(grid.originX, grid.originY);
    const [, n] = grid.projection.inverse(grid.originX, grid.originY + grid.height * grid.cellSizeM);
    // a western strip of sites: the edge of their union runs through the grid
    let sites: Site[] = Array.from({ length: 1500 }, (_, k) => ({
      id: `w${k}`,
      lon: w + 0.08 * r(),
      lat: s + (n - s) * r(),
      radiusKm: 15,
    }));
    const layer = createCoverageLayer(grid);
    for (const site of sites) layer.add(site);
    const covered = (c: ArrayLike<number>) => Array.from(c).filter((v) => v > 0).length;
    const first = covered(layer.coverage());
    expect(layer.mode).toBe("mask");
    const eastmost = [...sites].sort((a, b) => b.lon - a.lon).slice(0, 40);
    for (const [step, gone] of eastmost.entries()) {
      layer.remove(gone.id);
      sites = sites.filter((x) => x.id !== gone.id);
      if (step % 8 === 7) expect(differences(layer.coverage(), coverCountsUint32(grid, sites)), `step ${step}`).toBe(0);
    }
    expect(covered(layer.coverage())).toBeLessThan(first);
  });
});

describe("CountyCoverage: layers with the same radius and sites", () => {
  it("a layer equal to an earlier one reads its cells; once its sites or radius differ it computes its own", () => {
    for (const maskOnly of [false, true]) {
      const cov = new CountyCoverage(county, 500, { maskOnly });
      const grid = cov.grid;
      cov.setUrban("all");
      cov.setLayers([
        { key: "main", radiusKm: 15 },
        { key: "ring", radiusKm: 15 },
      ]);
      let sites = scatter(grid, 34, 20, () => 15);
      for (const s of sites) {
        cov.addSite("main", s);
        cov.addSite("ring", s);
      }
      const expected = (list: Site[]) => coverageStats(grid, coverCountsUint32(grid, list), cov.urbanMask);
      expect(cov.stats("ring", "urban")).toEqual(expected(sites));
      expect(cov.stats("main", "urban")).toEqual(expected(sites));
      // one walk per site, for the first layer only
      expect(cov.work.paints).toBe(sites.length);
      // a site taken out of both layers and put back into the first only: the ring computes its own cells
      const gone = sites[0];
      cov.removeSite(gone.id);
      cov.addSite("main", gone);
      sites = sites.slice(1);
      expect(cov.stats("ring", "urban")).toEqual(expected(sites));
      expect(cov.stats("main", "urban")).toEqual(expected([...sites, gone]));
      expect(cov.work.paints).toBeGreaterThan(sites.length + 1);
      // a radius of its own
      cov.setLayers([
        { key: "main", radiusKm: 15 },
        { key: "ring", radiusKm: 10 },
      ]);
      expect(cov.stats("ring", "urban")).toEqual(
        coverageStats(
          grid,
          coverCountsUint32(
            grid,
            sites.map((s) => ({ ...s, radiusKm: 10 })),
          ),
          cov.urbanMask,
        ),
      );
    }
  });
});
