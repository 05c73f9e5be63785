import * as geolib from "geographiclib-geodesic";
import { seededRandom as rng } from "../../../scripts/lib/rng";
import type { Candidate, DemandPoint, ExistingSite } from "../../../src/core/siting";

type G = {
  WGS84: {
    Inverse(a: number, b: number, c: number, d: number): { s12?: number };
    Direct(lat: number, lon: number, azi: number, s: number): { lat2?: number; lon2?: number };
  };
};
const Geo = ((geolib as unknown as { Geodesic?: G }).Geodesic ??
  (geolib as unknown as { default: { Geodesic: G } }).default.Geodesic) as G;

/** Reference geodesic distance (geographiclib), km. */
export function refKm(lon1: number, lat1: number, lon2: number, lat2: number): number {
  return (Geo.WGS84.Inverse(lat1, lon1, lat2, lon2).s12 as number) / 1000;
}

/** The point `km` from (lon, lat) along azimuth `azi` (degrees). */
export function refDirect(lon: number, lat: number, azi: number, km: number): [number, number] {
  const r = Geo.WGS84.Direct(lat, lon, azi, km * 1000);
  return [r.lon2 as number, r.lat2 as number];
}

/** Seeded uniform generator in [0, 1) (mulberry32), the scripts' own. */
export { rng };

export interface RefInstance {
  demand: DemandPoint[];
  candidates: Candidate[];
  existing: ExistingSite[];
  radiusKm: number;
}

/** Random instance in a ≈ 30 km square near Nanyang. */
export function randomInstance(
  rand: () => number,
  nD: number,
  nC: number,
  nE: number,
  radiusKm: number,
  counties = ["411321", "411322"],
): RefInstance {
  const lon0 = 112.3 + rand();
  const lat0 = 32.6 + rand();
  const pt = () => ({ lon: lon0 + rand() * 0.32, lat: lat0 + rand() * 0.27 });
  const demand = Array.from({ length: nD }, (_, i) => ({
    id: `d${i}`,
    ...pt(),
    weight: rand() < 0.1 ? 0 : Math.round(1 + rand() * 99),
  }));
  const candidates = Array.from({ length: nC }, (_, j) => ({
    id: `c${j}`,
    ...pt(),
    county: counties[Math.floor(rand() * counties.length)],
  }));
  const existing = Array.from({ length: nE }, (_, e) => ({ id: `e${e}`, ...pt() }));
  return { demand, candidates, existing, radiusKm };
}

/** Brute-force coverage: cover[j] = set of demand indices within radius (inclusive) of candidate j. */
export function refCoverage(inst: RefInstance): { cover: Set<number>[]; before: Set<number> } {
  const within = (p: { lon: number; lat: number }) =>
    new Set(
      inst.demand.map((d, i) => (refKm(p.lon, p.lat, d.lon, d.lat) <= inst.radiusKm ? i : -1)).filter((i) => i >= 0),
    );
  const before = new Set<number>();
  for (const e of inst.existing) for (const i of within(e)) before.add(i);
  return { cover: inst.candidates.map(within), before };
}

/** Weight newly covered by the candidate set `set` (indices), existing coverage excluded. */
export function refGain(inst: RefInstance, ref: ReturnType<typeof refCoverage>, set: number[]): number {
  const cov = new Set<number>();
  for (const j of set) for (const i of ref.cover[j]) if (!ref.before.has(i)) cov.add(i);
  let w = 0;
  for (const i of cov) w += inst.demand[i].weight;
  return w;
}

/** All subsets of {0..n-1} of size exactly k. */
export function* subsets(n: number, k: number, from = 0, acc: number[] = []): Generator<number[]> {
  if (acc.length === k) {
    yield [...acc];
    return;
  }
  for (let j = from; j <= n - (k - acc.length); j++) {
    acc.push(j);
    yield* subsets(n, k, j + 1, acc);
    acc.pop();
  }
}
