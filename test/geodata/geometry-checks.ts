import Flatbush from "flatbush";
import { type CountyFeature, polygonsOf } from "./load";

/** Exact orientation sign of the triangle (a, b, c) with plain doubles (inputs have 5 decimals). */
function orient(a: number[], b: number[], c: number[]): number {
  return Math.sign((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]));
}

/** Segments of all rings of a feature, brute-force checked for proper crossings via a Flatbush index. */
export function properCrossings(g: CountyFeature["geometry"]): number {
  const segs: [number[], number[]][] = [];
  for (const poly of polygonsOf(g))
    for (const ring of poly) for (let i = 0; i + 1 < ring.length; i++) segs.push([ring[i], ring[i + 1]]);
  const index = new Flatbush(segs.length);
  for (const [a, b] of segs)
    index.add(Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[0], b[0]), Math.max(a[1], b[1]));
  index.finish();
  let n = 0;
  segs.forEach(([a, b], i) => {
    for (const j of index.search(
      Math.min(a[0], b[0]),
      Math.min(a[1], b[1]),
      Math.max(a[0], b[0]),
      Math.max(a[1], b[1]),
    )) {
      if (j <= i) continue;
      const [c, d] = segs[j];
      const o1 = orient(a, b, c);
      const o2 = orient(a, b, d);
      const o3 = orient(c, d, a);
      const o4 = orient(c, d, b);
      if (o1 * o2 < 0 && o3 * o4 < 0) n++;
    }
  });
  return n;
}

/** Vertices repeated within a ring (self-touching) and zero-angle spikes; the raw source has hundreds. */
export function ringDefects(g: CountyFeature["geometry"]): { repeated: number; spikes: number } {
  let repeated = 0;
  let spikes = 0;
  for (const poly of polygonsOf(g))
    for (const r of poly) {
      // each vertex's y values by its x: the same equality as comparing "x,y" strings (0 and -0 alike), without a
      // string per vertex
      const seen = new Map<number, Set<number>>();
      const n = r.length - 1;
      for (let i = 0; i < n; i++) {
        const ys = seen.get(r[i][0]);
        if (!ys) seen.set(r[i][0], new Set([r[i][1]]));
        else if (ys.has(r[i][1])) repeated++;
        else ys.add(r[i][1]);
        const a = r[(i + n - 1) % n];
        const b = r[i];
        const c = r[(i + 1) % n];
        const cr = (b[0] - a[0]) * (c[1] - b[1]) - (b[1] - a[1]) * (c[0] - b[0]);
        const dot = (b[0] - a[0]) * (c[0] - b[0]) + (b[1] - a[1]) * (c[1] - b[1]);
        if (cr === 0 && dot < 0) spikes++;
      }
    }
  return { repeated, spikes };
}
