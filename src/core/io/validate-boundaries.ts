import Flatbush from "flatbush";
import type { Feature, Geometry, MultiPolygon, Polygon, Position } from "geojson";
import polygonClipping, { type MultiPolygon as PcMultiPolygon } from "polygon-clipping";
import { geodesicAreaKm2 } from "../geo";
import { counted } from "../plural";
import { inChinaBbox } from "./checks";
import { preview } from "./errors";
import type { Message, RowIssue } from "./types";

/** Properties the validator reads to name a county in its messages. */
interface Named {
  code?: unknown;
  name?: unknown;
}

type Ring = Array<[number, number]>;

/** What went wrong with one feature's coordinates (the first problem found). */
type CoordProblem = { code: string; message: Message; value?: string };

function label(p: Named | null | undefined, row: number): { zh: string; en: string } {
  const name = typeof p?.name === "string" && p.name.trim() !== "" ? p.name.trim() : undefined;
  const code = typeof p?.code === "string" || typeof p?.code === "number" ? String(p.code) : undefined;
  const both = [name, code].filter(Boolean).join("，");
  return {
    zh: both
      ? `县区“${name ?? code}”${name && code ? `（${code}，第 ${row} 个要素）` : `（第 ${row} 个要素）`}`
      : `第 ${row} 个要素`,
    en: both
      ? `county "${name ?? code}"${name && code ? ` (${code}, feature ${row})` : ` (feature ${row})`}`
      : `feature ${row}`,
  };
}

const brief = (v: unknown) => preview(v);

/**
 * Reads the positions of a Polygon/MultiPolygon as numbers: numeric text is accepted (and reported), anything else
 * (null, text, a position of fewer than two numbers, infinities) is a problem. Returns polygons of rings.
 */
function readPositions(g: Polygon | MultiPolygon, onText: () => void): { polys: Ring[][] } | { problem: CoordProblem } {
  const raw: unknown = g.coordinates;
  const polysRaw = g.type === "Polygon" ? [raw] : raw;
  if (!Array.isArray(polysRaw))
    return {
      problem: { code: "invalid-coordinates", message: { zh: "坐标不是数组", en: "the coordinates are not an array" } },
    };
  const polys: Ring[][] = [];
  for (const poly of polysRaw) {
    if (!Array.isArray(poly))
      return {
        problem: {
          code: "invalid-coordinates",
          message: { zh: `面不是环的数组：${brief(poly)}`, en: `a polygon is not an array of rings: ${brief(poly)}` },
        },
      };
    const rings: Ring[] = [];
    for (const ring of poly) {
      if (!Array.isArray(ring))
        return {
          problem: {
            code: "invalid-coordinates",
            message: {
              zh: `环不是坐标数组：${brief(ring)}`,
              en: `a ring is not an array of positions: ${brief(ring)}`,
            },
          },
        };
      const out: Ring = [];
      for (const p of ring) {
        let x: unknown = Array.isArray(p) ? p[0] : undefined;
        let y: unknown = Array.isArray(p) ? p[1] : undefined;
        if (
          typeof x === "string" &&
          typeof y === "string" &&
          /^\s*-?\d+(\.\d+)?\s*$/.test(x) &&
          /^\s*-?\d+(\.\d+)?\s*$/.test(y)
        ) {
          x = Number(x);
          y = Number(y);
          onText();
        }
        if (typeof x !== "number" || typeof y !== "number" || !Number.isFinite(x) || !Number.isFinite(y))
          return {
            problem: {
              code: "invalid-coordinates",
              message: { zh: `坐标不是两个数字：${brief(p)}`, en: `a position is not two numbers: ${brief(p)}` },
              value: brief(p),
            },
          };
        out.push([x, y]);
      }
      rings.push(out);
    }
    polys.push(rings);
  }
  return { polys };
}

/** Whether segments ab and cd cross or overlap other than at a shared endpoint. */
function segmentsConflict(a: number[], b: number[], c: number[], d: number[]): boolean {
  const orient = (p: number[], q: number[], r: number[]) =>
    (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]);
  const o1 = orient(a, b, c);
  const o2 = orient(a, b, d);
  const o3 = orient(c, d, a);
  const o4 = orient(c, d, b);
  if (((o1 > 0 && o2 < 0) || (o1 < 0 && o2 > 0)) && ((o3 > 0 && o4 < 0) || (o3 < 0 && o4 > 0))) return true;
  if (o1 === 0 && o2 === 0 && o3 === 0 && o4 === 0) {
    // collinear: a conflict when they overlap along more than a point
    const axis = a[0] !== b[0] ? 0 : 1;
    const [s1, e1] = [Math.min(a[axis], b[axis]), Math.max(a[axis], b[axis])];
    const [s2, e2] = [Math.min(c[axis], d[axis]), Math.max(c[axis], d[axis])];
    return Math.min(e1, e2) - Math.max(s1, s2) > 0;
  }
  return false;
}

/** Whether any two edges of the polygons cross or overlap (touching at a vertex is allowed). Near-linear (R-tree). */
export function hasSelfIntersection(polys: Ring[][]): boolean {
  const segs: Array<[number[], number[]]> = [];
  for (const poly of polys)
    for (const ring of poly) for (let i = 0; i + 1 < ring.length; i++) segs.push([ring[i], ring[i + 1]]);
  if (segs.length < 2) return false;
  const index = new Flatbush(segs.length);
  for (const [a, b] of segs)
    index.add(Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[0], b[0]), Math.max(a[1], b[1]));
  index.finish();
  for (let i = 0; i < segs.length; i++) {
    const [a, b] = segs[i];
    const near = index.search(Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[0], b[0]), Math.max(a[1], b[1]));
    for (const j of near) {
      if (j <= i) continue;
      if (segmentsConflict(a, b, segs[j][0], segs[j][1])) return true;
    }
  }
  return false;
}

/** Drops repeated consecutive positions and closes the ring; `closed` says whether it had to be closed. */
function tidyRing(ring: Ring): { ring: Ring; closed: boolean } {
  const out: Ring = [];
  for (const p of ring) {
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  let closed = false;
  if (out.length > 1) {
    const [f, l] = [out[0], out[out.length - 1]];
    if (f[0] !== l[0] || f[1] !== l[1]) {
      out.push([f[0], f[1]]);
      closed = true;
    }
  }
  return { ring: out, closed };
}

/** Area in square degrees (shoelace; outer rings minus holes): only to tell zero from not zero. */
function planarArea(g: Polygon | MultiPolygon): number {
  let total = 0;
  for (const poly of g.type === "Polygon" ? [g.coordinates] : g.coordinates)
    poly.forEach((ring, k) => {
      let a = 0;
      for (let i = 0; i + 1 < ring.length; i++) a += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
      total += (k === 0 ? 1 : -1) * Math.abs(a / 2);
    });
  return total;
}

/** A Polygon when there is one part and the input was one, else a MultiPolygon. */
function toGeometry(polys: Ring[][], type: "Polygon" | "MultiPolygon"): Polygon | MultiPolygon {
  return polys.length === 1 && type === "Polygon"
    ? { type: "Polygon", coordinates: polys[0] }
    : { type: "MultiPolygon", coordinates: polys };
}

/**
 * Validates and, where it can, repairs county boundaries in WGS84 degrees. Per feature: a missing or non-polygon
 * geometry, positions that are not two finite numbers, values outside ±180°/±90° (with a hint when they look like
 * projected metres read without a .prj) and polygons that enclose nothing are errors (the feature is left out);
 * numeric text, unclosed rings, rings of fewer than three distinct points beside a good one, and self-intersecting
 * rings (repaired by a polygon-clipping union, which keeps every lobe of a bow-tie) are warnings naming the county.
 * A county code met a second time is an error naming both features. Inputs are not mutated.
 */
export function validateBoundaries<P extends Named>(
  features: Array<Feature<Geometry | null, P>>,
  opts: { file: string; rows?: number[] },
): { features: Array<Feature<Polygon | MultiPolygon, P>>; rows: number[]; issues: RowIssue[] } {
  const issues: RowIssue[] = [];
  const out: Array<Feature<Polygon | MultiPolygon, P>> = [];
  const rows: number[] = [];
  const firstByCode = new Map<string, number>();
  features.forEach((f, i) => {
    const row = opts.rows?.[i] ?? i + 1;
    const who = label(f.properties, row);
    const issue = (severity: "error" | "warning", code: string, zh: string, en: string, value?: string) =>
      issues.push({
        file: opts.file,
        row,
        field: "geometry",
        ...(value !== undefined ? { value } : {}),
        severity,
        code,
        message: { zh: `${who.zh}：${zh}`, en: `${who.en}: ${en}` },
      });
    const g = f.geometry;
    if (!g || (g.type !== "Polygon" && g.type !== "MultiPolygon")) {
      issue(
        "error",
        "not-a-polygon",
        `不是面（${g?.type ?? "空几何"}）`,
        `not a polygon (${g?.type ?? "no geometry"})`,
        g?.type ?? "null",
      );
      return;
    }
    let textSeen = false;
    const read = readPositions(g, () => {
      textSeen = true;
    });
    if ("problem" in read) {
      issue("error", read.problem.code, read.problem.message.zh, read.problem.message.en, read.problem.value);
      return;
    }
    if (textSeen)
      issue(
        "warning",
        "text-coordinates",
        "坐标以文字形式给出，已按数字读取",
        "coordinates given as text; read as numbers",
      );
    // range: values far beyond degrees are metres of a projected CRS read without its .prj
    let bad: [number, number] | undefined;
    let projectedLike = false;
    let outsideChina = 0;
    for (const poly of read.polys)
      for (const ring of poly)
        for (const p of ring) {
          if (Math.abs(p[0]) > 180 || Math.abs(p[1]) > 90) {
            bad ??= p;
            if (Math.abs(p[0]) >= 1000 && Math.abs(p[0]) < 1e9 && Math.abs(p[1]) >= 1000 && Math.abs(p[1]) < 1e8)
              projectedLike = true;
          } else if (!inChinaBbox(p[0], p[1])) outsideChina++;
        }
    if (bad) {
      if (projectedLike)
        issue(
          "error",
          "projected-without-crs",
          `坐标像是投影坐标（米，如 ${bad[0]}, ${bad[1]}），但文件没有 .prj，也未指定坐标系`,
          `the coordinates look like projected metres (e.g. ${bad[0]}, ${bad[1]}) but the file has no .prj and no CRS was given`,
          `${bad[0]}, ${bad[1]}`,
        );
      else
        issue(
          "error",
          "out-of-range",
          `坐标超出经度 ±180°、纬度 ±90°（${bad[0]}, ${bad[1]}）`,
          `coordinates outside lon ±180°, lat ±90° (${bad[0]}, ${bad[1]})`,
          `${bad[0]}, ${bad[1]}`,
        );
      return;
    }
    // rings: tidy, close, drop those that enclose nothing
    const polys: Ring[][] = [];
    let closedAny = false;
    let droppedRings = 0;
    for (const poly of read.polys) {
      const rings: Ring[] = [];
      poly.forEach((r, k) => {
        const t = tidyRing(r);
        closedAny ||= t.closed;
        if (t.ring.length < 4) {
          droppedRings++;
          if (k === 0) rings.length = 0;
          return;
        }
        if (k === 0 || rings.length > 0) rings.push(t.ring);
      });
      if (rings.length > 0) polys.push(rings);
    }
    if (polys.length === 0) {
      issue(
        "error",
        "degenerate-polygon",
        "边界不围成任何面积（环少于 3 个不同的点，或为空）",
        "the boundary encloses nothing (rings of fewer than three distinct points, or none)",
      );
      return;
    }
    if (closedAny) issue("warning", "ring-not-closed", "环未闭合，已补上闭合点", "a ring was not closed; closed");
    if (droppedRings > 0)
      issue(
        "warning",
        "degenerate-ring",
        `去掉了 ${droppedRings} 个少于 3 个不同点的环`,
        `dropped ${counted(droppedRings, "ring", "rings")} of fewer than three distinct points`,
      );
    let geometry = toGeometry(polys, g.type);
    if (hasSelfIntersection(polys)) {
      const before = geodesicAreaKm2(geometry);
      const repaired = polygonClipping.union(polys as unknown as PcMultiPolygon) as unknown as Position[][][];
      if (repaired.length === 0) {
        issue(
          "error",
          "degenerate-polygon",
          "边界自相交且修复后不围成任何面积",
          "the boundary crosses itself and encloses nothing once repaired",
        );
        return;
      }
      geometry = toGeometry(repaired as unknown as Ring[][], g.type);
      const after = geodesicAreaKm2(geometry);
      issue(
        "warning",
        "self-intersection-repaired",
        `边界自相交（如“8”字形），已修复；修复前按环计面积 ${before.toFixed(1)} km²，修复后 ${after.toFixed(1)} km²：请核对`,
        `the boundary crosses itself (e.g. a bow-tie) and was repaired; area by its rings ${before.toFixed(1)} km² before, ${after.toFixed(1)} km² after: please check`,
      );
    }
    if (!(planarArea(geometry) > 0)) {
      issue("error", "degenerate-polygon", "边界面积为 0", "the boundary has zero area");
      return;
    }
    if (outsideChina > 0)
      issue(
        "warning",
        "outside-china",
        "部分坐标不在中国范围内（经度 73–136°，纬度 3–54°）",
        "some coordinates lie outside China (lon 73–136°, lat 3–54°)",
      );
    const code = typeof f.properties?.code === "string" ? f.properties.code : undefined;
    if (code !== undefined) {
      const first = firstByCode.get(code);
      if (first !== undefined) {
        issue(
          "error",
          "duplicate-code",
          `区划代码 ${code} 与第 ${first} 个要素重复，未使用`,
          `county code ${code} repeats that of feature ${first}; not used`,
          code,
        );
        return;
      }
      firstByCode.set(code, row);
    }
    out.push({ ...f, geometry });
    rows.push(row);
  });
  return { features: out, rows, issues };
}
