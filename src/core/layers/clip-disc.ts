import type { MultiPolygon, Polygon, Position } from "geojson";

/**
 * The intersection of a convex polygon (a display ring: a geodesic circle's vertices in lon/lat) with a county's
 * polygon, in the lon/lat plane polygon-clipping works in, at a cost that grows with the county edges near the ring
 * rather than with the whole county.
 *
 * The county's rings are walked once: each edge whose box meets the ring's box is cut to the convex ring by its
 * half-planes (Cyrus–Beck), which gives the stretches of the county boundary inside the ring, each from the point
 * where it enters the ring to where it leaves it. The result's rings are those stretches joined by arcs of the
 * ring: from where a stretch leaves, the ring's boundary (counter-clockwise) runs inside the county up to the next
 * crossing, where a stretch enters. County rings wholly inside the ring are kept whole (holes go to the result
 * polygon containing them); with no crossing at all the result is the ring itself when its centre is in the county.
 *
 * Returns `undefined` where this method cannot be sure of its answer and the caller must use a general clipper: a
 * ring that is not strictly convex, a county vertex exactly on the ring's boundary, crossings that do not alternate.
 */
export function clipConvexRing(
  ring: Position[],
  county: Polygon | MultiPolygon,
): Polygon | MultiPolygon | null | "whole" | undefined {
  const c = convexCcw(ring);
  if (!c) return undefined;
  const m = c.length;
  // inward normals of the ring's sides: n·(p − c_k) ≥ 0 inside side k
  const nx = new Float64Array(m);
  const ny = new Float64Array(m);
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (let k = 0; k < m; k++) {
    const a = c[k];
    const b = c[(k + 1) % m];
    nx[k] = -(b[1] - a[1]);
    ny[k] = b[0] - a[0];
    x0 = Math.min(x0, a[0]);
    y0 = Math.min(y0, a[1]);
    x1 = Math.max(x1, a[0]);
    y1 = Math.max(y1, a[1]);
  }
  const side = (p: Position, k: number) => nx[k] * (p[0] - c[k][0]) + ny[k] * (p[1] - c[k][1]);
  // most county vertices are settled without the side tests: in a plane where the ring is nearly round (longitudes
  // scaled by the cosine of its latitude), one closer to its middle than every side's line is inside, one farther
  // than every vertex is outside (each bound widened by a billionth)
  const mx = (x0 + x1) / 2;
  const my = (y0 + y1) / 2;
  const sx = Math.cos((my * Math.PI) / 180);
  const d2 = (p: Position) => ((p[0] - mx) * sx) ** 2 + (p[1] - my) ** 2;
  let rIn2 = Infinity;
  let rOut2 = 0;
  for (let k = 0; k < m; k++) {
    const a = c[k];
    const b = c[(k + 1) % m];
    // distance from the middle to side k's line, in the scaled plane
    const ex = (b[0] - a[0]) * sx;
    const ey = b[1] - a[1];
    const cross = ex * (my - a[1]) - ey * (mx - a[0]) * sx;
    rIn2 = Math.min(rIn2, (cross * cross) / (ex * ex + ey * ey));
    rOut2 = Math.max(rOut2, d2(a));
  }
  if (!(side([mx, my], 0) > 0)) return undefined;
  for (let k = 1; k < m; k++) if (!(side([mx, my], k) > 0)) return undefined;
  rIn2 *= 1 - 1e-9;
  rOut2 *= 1 + 1e-9;
  /** Whether the segment a→b keeps farther from the middle than every ring vertex (so it misses the ring). */
  const farSegment = (a: Position, b: Position) => {
    const ax = (a[0] - mx) * sx;
    const ay = a[1] - my;
    const bx = (b[0] - mx) * sx;
    const by = b[1] - my;
    const dx = bx - ax;
    const dy = by - ay;
    const l2 = dx * dx + dy * dy;
    const t = l2 > 0 ? Math.min(1, Math.max(0, -(ax * dx + ay * dy) / l2)) : 0;
    return (ax + t * dx) ** 2 + (ay + t * dy) ** 2 > rOut2;
  };
  /** Where a point on side k lies along the ring's boundary: k plus its fraction along the side. */
  const along = (p: Position, k: number) => {
    const a = c[k];
    const b = c[(k + 1) % m];
    const dx = b[0] - a[0];
    const dy = b[1] - a[1];
    const u = ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy);
    return k + Math.min(Math.max(u, 0), 1 - 1e-12);
  };

  interface Chain {
    points: Position[];
    enter: number;
    leave: number;
    used: boolean;
  }
  const chains: Chain[] = [];
  /** County rings wholly inside the ring: outer rings and holes. */
  const insideOuters: Position[][] = [];
  const insideHoles: Position[][] = [];
  let degenerate = false;

  const polys = county.type === "Polygon" ? [county.coordinates] : county.coordinates;
  for (const poly of polys)
    poly.forEach((raw, ringIndex) => {
      if (degenerate) return;
      const hole = ringIndex > 0;
      // outer rings counter-clockwise, holes clockwise: the county's inside is always on the left
      const pts = orient(raw, !hole);
      const n = pts.length;
      if (n < 3) return;
      // which vertices are inside (only those in the ring's box can be)
      const inside = new Uint8Array(n);
      let anyOutside = -1;
      for (let i = 0; i < n; i++) {
        const p = pts[i];
        let ins = p[0] >= x0 && p[0] <= x1 && p[1] >= y0 && p[1] <= y1;
        const r2 = ins ? d2(p) : Infinity;
        if (r2 > rOut2) ins = false;
        else if (r2 >= rIn2)
          for (let k = 0; k < m; k++) {
            const s = side(p, k);
            if (s === 0) degenerate = true;
            if (s < 0) {
              ins = false;
              break;
            }
          }
        inside[i] = ins ? 1 : 0;
        if (!ins && anyOutside < 0) anyOutside = i;
      }
      if (degenerate) return;
      if (anyOutside < 0) {
        (hole ? insideHoles : insideOuters).push(close(pts));
        return;
      }
      let open: Chain | null = null;
      for (let j = 0; j < n; j++) {
        const i = (anyOutside + j) % n;
        const a = pts[i];
        const b = pts[(i + 1) % n];
        const ia = inside[i] === 1;
        const ib = inside[(i + 1) % n] === 1;
        if (ia && ib) {
          open?.points.push(b);
          continue;
        }
        if (
          !ia &&
          !ib &&
          (Math.max(a[0], b[0]) < x0 ||
            Math.min(a[0], b[0]) > x1 ||
            Math.max(a[1], b[1]) < y0 ||
            Math.min(a[1], b[1]) > y1 ||
            farSegment(a, b))
        )
          continue;
        // Cyrus–Beck: the part of a→b inside every side is [tIn, tOut]
        let tIn = 0;
        let tOut = 1;
        let kIn = -1;
        let kOut = -1;
        for (let k = 0; k < m && tIn <= tOut; k++) {
          const sa = side(a, k);
          const sb = side(b, k);
          if (sa >= 0 && sb >= 0) continue;
          if (sa < 0 && sb < 0) {
            tIn = 1;
            tOut = 0;
            break;
          }
          const t = sa / (sa - sb);
          if (sa < 0) {
            if (t > tIn) {
              tIn = t;
              kIn = k;
            }
          } else if (t < tOut) {
            tOut = t;
            kOut = k;
          }
        }
        const at = (t: number): Position => [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])];
        if (!ia && ib) {
          if (kIn < 0 || tIn > tOut) {
            degenerate = true;
            return;
          }
          const p = at(tIn);
          open = { points: [p, b], enter: along(p, kIn), leave: -1, used: false };
        } else if (ia && !ib) {
          if (!open || kOut < 0 || tIn > tOut) {
            degenerate = true;
            return;
          }
          const p = at(tOut);
          open.points.push(p);
          open.leave = along(p, kOut);
          chains.push(open);
          open = null;
        } else if (tIn < tOut && kIn >= 0 && kOut >= 0) {
          // both ends outside, the edge passes through the ring
          const p = at(tIn);
          const q = at(tOut);
          chains.push({ points: [p, q], enter: along(p, kIn), leave: along(q, kOut), used: false });
        }
      }
      if (open) degenerate = true;
    });
  if (degenerate) return undefined;

  const outers: Position[][] = [...insideOuters];
  if (chains.length === 0) {
    // no crossing: the ring is wholly inside the county or wholly outside it (holes and parts inside it aside)
    // a vertex of the ring lies in no county ring wholly inside it, so it tells which
    if (inCounty(c[0], polys)) {
      if (outers.length === 0 && insideHoles.length === 0) return "whole";
      return assemble([close(c), ...outers], insideHoles);
    }
    if (outers.length === 0) return null;
    return assemble(outers, insideHoles);
  }

  // join the stretches: from where one leaves, counter-clockwise along the ring to the next crossing, an entry
  const crossings = chains
    .flatMap((ch) => [
      { at: ch.enter, chain: ch, enter: true },
      { at: ch.leave, chain: ch, enter: false },
    ])
    .sort((p, q) => p.at - q.at);
  for (let i = 1; i < crossings.length; i++) if (crossings[i].at === crossings[i - 1].at) return undefined;
  const next = new Map<Chain, Chain>();
  for (let i = 0; i < crossings.length; i++) {
    const x = crossings[i];
    if (x.enter) continue;
    const y = crossings[(i + 1) % crossings.length];
    if (!y.enter) return undefined;
    next.set(x.chain, y.chain);
  }
  for (const start of chains) {
    if (start.used) continue;
    const out: Position[] = [];
    let ch = start;
    for (let guard = 0; ; guard++) {
      if (guard > chains.length) return undefined;
      ch.used = true;
      out.push(...ch.points);
      const to = next.get(ch);
      if (!to) return undefined;
      // the ring's vertices strictly between the two crossings, counter-clockwise
      const k1 = Math.floor(ch.leave);
      const k2 = Math.floor(to.enter);
      let steps = (k2 - k1 + m) % m;
      if (steps === 0 && to.enter < ch.leave) steps = m;
      for (let s = 1; s <= steps; s++) out.push(c[(k1 + s) % m]);
      ch = to;
      if (ch === start) break;
      if (ch.used) return undefined;
    }
    outers.push(close(out));
  }
  return assemble(outers, insideHoles);
}

/**
 * Polygons from outer rings and the holes inside them: a hole goes to the smallest outer ring containing it (a part
 * of the county can lie in another part's hole).
 */
function assemble(rawOuters: Position[][], rawHoles: Position[][]): Polygon | MultiPolygon {
  // a county boundary that touches itself at a vertex gives a ring through that point twice: it is split there into
  // simple rings, as a general clipper returns them (a counter-clockwise loop is a part, a clockwise one a hole)
  const outers: Position[][] = [];
  const holes: Position[][] = [];
  for (const r of [...rawOuters, ...rawHoles])
    for (const loop of simpleLoops(r)) (signedArea(open(loop)) > 0 ? outers : holes).push(loop);
  const polys: Position[][][] = outers.map((o) => [o]);
  const areas = outers.map((o) => Math.abs(signedArea(open(o))));
  for (const h of holes) {
    let owner = -1;
    for (let i = 0; i < polys.length; i++)
      // a hole may touch its polygon's outer ring at a vertex: any of its vertices inside places it
      if (h.some((p) => inRing(p, polys[i][0])) && (owner < 0 || areas[i] < areas[owner])) owner = i;
    if (owner >= 0) polys[owner].push(h);
  }
  return polys.length === 1 ? { type: "Polygon", coordinates: polys[0] } : { type: "MultiPolygon", coordinates: polys };
}

/** A closed ring split into simple closed loops where it passes through the same point twice. */
function simpleLoops(ring: Position[]): Position[][] {
  const pts = open(ring);
  // most rings pass through no point twice: checked first, by longitude then latitude
  const seen = new Map<number, number[]>();
  let twice = false;
  for (const p of pts) {
    const ys = seen.get(p[0]);
    if (!ys) seen.set(p[0], [p[1]]);
    else if (ys.includes(p[1])) {
      twice = true;
      break;
    } else ys.push(p[1]);
  }
  if (!twice) return [ring];
  const stack: Position[] = [];
  const at = new Map<string, number>();
  const loops: Position[][] = [];
  for (const p of pts) {
    const key = `${p[0]},${p[1]}`;
    const k = at.get(key);
    if (k === undefined) {
      at.set(key, stack.length);
      stack.push(p);
      continue;
    }
    // the stretch since p's first visit is a loop of its own
    const loop = stack.splice(k + 1);
    for (const q of loop) at.delete(`${q[0]},${q[1]}`);
    if (loop.length >= 2) loops.push(close([p, ...loop]));
  }
  if (stack.length >= 3) loops.push(close(stack));
  return loops;
}

/** The ring's distinct vertices counter-clockwise when it is strictly convex, else null. */
function convexCcw(ring: Position[]): Position[] | null {
  const pts = open(ring);
  const n = pts.length;
  if (n < 3) return null;
  const ccw = signedArea(pts) > 0;
  const c = ccw ? pts : [...pts].reverse();
  for (let i = 0; i < n; i++) {
    const a = c[i];
    const b = c[(i + 1) % n];
    const d = c[(i + 2) % n];
    if ((b[0] - a[0]) * (d[1] - b[1]) - (b[1] - a[1]) * (d[0] - b[0]) <= 0) return null;
  }
  return c;
}

function open(ring: Position[]): Position[] {
  const last = ring.length - 1;
  return last > 0 && ring[0][0] === ring[last][0] && ring[0][1] === ring[last][1] ? ring.slice(0, last) : ring;
}

function close(pts: Position[]): Position[] {
  return [...pts, pts[0]];
}

function signedArea(pts: Position[]): number {
  let s = 0;
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) s += (pts[j][0] - pts[i][0]) * (pts[j][1] + pts[i][1]);
  return s / 2;
}

/** The ring's distinct vertices, counter-clockwise when `ccw`, else clockwise. */
function orient(ring: Position[], ccw: boolean): Position[] {
  const pts = open(ring);
  return signedArea(pts) > 0 === ccw ? pts : [...pts].reverse();
}

function inRing(p: Position, ring: Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i];
    const b = ring[j];
    if (a[1] > p[1] !== b[1] > p[1] && p[0] < ((b[0] - a[0]) * (p[1] - a[1])) / (b[1] - a[1]) + a[0]) inside = !inside;
  }
  return inside;
}

function inCounty(p: Position, polys: Position[][][]): boolean {
  return polys.some((poly) => inRing(p, poly[0]) && !poly.slice(1).some((h) => inRing(p, h)));
}
