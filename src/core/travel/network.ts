import Flatbush from "flatbush";
import type { CountyGrid } from "../coverage";
import type { RowIssue } from "../io/types";
import { DEFAULT_SPEEDS, MAX_SPEED_KMH, normalizedClasses, normalizeRoadClass, type SpeedTable } from "./speeds";
import type { Road, RoadNetwork } from "./types";

/** Options of {@link buildRoadNetwork}. */
export interface RoadNetworkOptions {
  /** Speeds by class and the off-road speed (default {@link DEFAULT_SPEEDS}). */
  speeds?: SpeedTable;
  /** Off-road speed, km/h; overrides `speeds.offroadKmh`. */
  offroadKmh?: number;
  /** Roads farther than this from the grid rectangle are left out (metres, default 10,000). */
  marginM?: number;
  /** Vertices closer than this are joined into one node (metres, default 0.5). */
  snapM?: number;
  /** Spacing of the off-road departure points along each edge (metres, default one grid cell). */
  sampleSpacingM?: number;
}

/** A road network for one grid, the roads left out with the reason, and counts. */
export interface RoadNetworkBuild {
  network: RoadNetwork;
  issues: RowIssue[];
  /** Roads used (at least one segment near the grid). */
  roadsUsed: number;
  /** Roads entirely outside the grid rectangle plus margin (not an error). */
  roadsOutside: number;
}

function issue(road: Road, field: string, code: string, zh: string, en: string): RowIssue {
  const where = road.ref.osmId !== undefined ? `OSM way ${road.ref.osmId}` : `feature ${road.ref.feature}`;
  const whereZh = road.ref.osmId !== undefined ? `OSM 道路 ${road.ref.osmId}` : `第 ${road.ref.feature} 个要素`;
  return {
    file: road.ref.file,
    row: road.ref.feature,
    field,
    message: { zh: `${road.ref.file} ${whereZh}：${zh}`, en: `${road.ref.file}, ${where}: ${en}` },
    severity: "error",
    code,
  };
}

/**
 * Speed of one road: its own `speedKmh` when given, else its class in the table. Returns an issue
 * (naming file, feature and field) when neither gives a usable speed.
 */
export function roadSpeed(road: Road, classes: Map<string, number>): number | RowIssue {
  if (road.speedKmh !== undefined) {
    const v = road.speedKmh;
    if (Number.isFinite(v) && v > 0 && v <= MAX_SPEED_KMH) return v;
    return issue(
      road,
      "speed_kmh",
      "bad-speed",
      `速度 ${v} 无效（应大于 0 且不超过 ${MAX_SPEED_KMH} km/h）`,
      `speed ${v} is not usable (must be > 0 and ≤ ${MAX_SPEED_KMH} km/h)`,
    );
  }
  if (road.roadClass === undefined || road.roadClass.trim() === "")
    return issue(
      road,
      "class",
      "missing-speed",
      "没有道路等级也没有 speed_kmh，无法确定速度",
      "no road class and no speed_kmh: its speed is unknown",
    );
  const v = classes.get(normalizeRoadClass(road.roadClass));
  if (v === undefined)
    return issue(
      road,
      "class",
      "unknown-class",
      `道路等级“${road.roadClass}”不在速度表中（请给该要素 speed_kmh 字段，或在命令行用 --speeds 速度表文件给出此等级的速度）`,
      `road class "${road.roadClass}" is not in the speed table (give the feature a speed_kmh field, or give the class a speed in a --speeds table file on the command line)`,
    );
  return v;
}

/**
 * The roads that have no usable speed under `speeds` (no class and no speed_kmh, a class not in the table, a bad
 * speed), one issue each naming file, feature and field: what {@link buildRoadNetwork} would leave out, found once
 * for the whole file rather than per county.
 */
export function roadSpeedIssues(roads: ReadonlyArray<Road>, speeds: SpeedTable = DEFAULT_SPEEDS): RowIssue[] {
  const classes = normalizedClasses(speeds);
  const out: RowIssue[] = [];
  for (const road of roads) {
    const v = roadSpeed(road, classes);
    if (typeof v !== "number") out.push(v);
  }
  return out;
}

/** What a road file gives the network under a speed table (see {@link roadLayerUse}). */
export interface RoadLayerUse {
  /** Features (or OSM ways) with a usable speed: the roads the network is built from. */
  usableFeatures: number;
  /** The roads without a usable speed, one issue each (as {@link roadSpeedIssues}). */
  speedIssues: RowIssue[];
  /** Features refused: rejected while reading (an error naming the feature) or left without a usable speed. */
  rejectedFeatures: number;
  /**
   * Set when no road of the file can be driven (none read within the counties' reach, or none with a usable speed):
   * the whole file's error to refuse it with, naming the file and what it lacks.
   */
  refusal: RowIssue | null;
}

/** The road-class fields a file may name, as said in messages (the full list is `CLASS_FIELDS` of core/io/roads). */
const CLASS_FIELD_HINT = "class、道路等级、highway、fclass 等";
const CLASS_FIELD_HINT_EN = "class, 道路等级, highway, fclass …";

/**
 * How many roads of a read file the network can use under `speeds`, how many were refused, and, when none can be
 * used, one whole-file error: a file whose roads all lack a class and a speed_kmh would otherwise be scored as a
 * walk across the county at the off-road speed (the trial: 887 roads with only name and lanes failed every county's
 * EMS-TIME at 52–104 min). `read` is the reader's result: its issues (rejected features) and counts; `fields` the
 * attribute names the file has, named in the refusal.
 */
export function roadLayerUse(
  read: {
    roads: ReadonlyArray<Road>;
    issues: ReadonlyArray<RowIssue>;
    totalFeatures: number;
    outside: number;
    fields?: ReadonlyArray<string>;
  },
  file: string,
  speeds: SpeedTable = DEFAULT_SPEEDS,
): RoadLayerUse {
  const speedIssues = roadSpeedIssues(read.roads, speeds);
  const key = (r: { ref: { feature: number; osmId?: number } }) => r.ref.osmId ?? -r.ref.feature;
  const unusable = new Set(speedIssues.map((i) => i.row));
  const usable = new Set<number>();
  const noSpeed = new Set<number>();
  for (const r of read.roads) {
    if (unusable.has(r.ref.feature)) noSpeed.add(key(r));
    else usable.add(key(r));
  }
  const readRejected = new Set(read.issues.filter((i) => i.severity === "error" && i.row > 0).map((i) => i.row));
  const rejectedFeatures = readRejected.size + noSpeed.size;
  const whole = (code: string, zh: string, en: string): RowIssue => ({
    file,
    row: 0,
    field: "",
    message: { zh: `${file}：${zh}`, en: `${file}: ${en}` },
    severity: "error",
    code,
  });
  const fields = read.fields?.length
    ? {
        zh: `；文件中的字段：${read.fields.slice(0, 12).join("、")}`,
        en: `; the file's fields: ${read.fields.slice(0, 12).join(", ")}`,
      }
    : { zh: "", en: "" };
  let refusal: RowIssue | null = null;
  if (usable.size === 0) {
    const codes = new Set(speedIssues.map((i) => i.code));
    const n = noSpeed.size;
    if (read.roads.length === 0 && read.totalFeatures > 0 && read.outside === read.totalFeatures)
      refusal = whole(
        "no-roads-in-reach",
        `${read.totalFeatures} 条道路都不在这些县区及周边 10 km 内，路网未使用（请检查文件覆盖的范围和坐标系）`,
        `none of its ${read.totalFeatures} roads lies in or within 10 km of the counties: the road layer is not used (check the area it covers and its coordinate system)`,
      );
    else if (read.roads.length === 0)
      refusal = whole(
        "no-roads",
        read.totalFeatures > 0
          ? `${read.totalFeatures} 个要素都没有读成道路，路网未使用`
          : "文件中没有道路，路网未使用",
        read.totalFeatures > 0
          ? `none of its ${read.totalFeatures} features could be read as a road: the road layer is not used`
          : "the file holds no roads: the road layer is not used",
      );
    else if (codes.size === 1 && codes.has("missing-speed"))
      refusal = whole(
        "no-speed-field",
        `${n} 条道路都没有道路等级字段（${CLASS_FIELD_HINT}）也没有 speed_kmh 字段，无法确定任何道路的速度，路网未使用；请给道路加上等级或 speed_kmh 字段${fields.zh}`,
        `none of its ${n} roads has a road class field (${CLASS_FIELD_HINT_EN}) or a speed_kmh field, so no road has a speed: the road layer is not used; give the roads a class or a speed_kmh field${fields.en}`,
      );
    else if (codes.size === 1 && codes.has("unknown-class")) {
      const classes = [...new Set(read.roads.map((r) => r.roadClass ?? ""))].slice(0, 8);
      refusal = whole(
        "no-known-class",
        `${n} 条道路的等级（${classes.join("、")}）都不在速度表中且没有 speed_kmh，路网未使用；请给道路加上 speed_kmh 字段，或在命令行用 --speeds 速度表文件给出这些等级的速度（“数据”页的速度表只能改已有等级的速度）`,
        `the classes of its ${n} roads (${classes.join(", ")}) are none in the speed table and no road has speed_kmh: the road layer is not used; give the roads a speed_kmh field, or give these classes speeds in a --speeds table file on the command line (the Data tab's table only changes the speeds of the classes it lists)`,
      );
    } else
      refusal = whole(
        "no-usable-road",
        `${n} 条道路都没有可用的速度（缺少道路等级或 speed_kmh 字段，或等级不在速度表中），路网未使用${fields.zh}`,
        `none of its ${n} roads has a usable speed (no road class or speed_kmh field, or a class not in the speed table): the road layer is not used${fields.en}`,
      );
  }
  return { usableFeatures: usable.size, speedIssues, rejectedFeatures, refusal };
}

/**
 * Projects roads onto a county grid's plane and builds the network that {@link computeTravelTime} searches.
 * Consecutive vertices form edges; vertices within `snapM` are one node, so roads connect where they share
 * a vertex (as OSM ways share nodes) and not where they merely cross (bridges, overpasses). Roads with no
 * usable speed are reported, one issue per feature, and left out; roads far outside the grid are counted.
 * Lengths are measured in the grid's transverse Mercator plane (scale error < 3 × 10⁻⁴ within 150 km of
 * the county's central meridian).
 */
export function buildRoadNetwork(
  grid: CountyGrid,
  roads: ReadonlyArray<Road>,
  opts: RoadNetworkOptions = {},
): RoadNetworkBuild {
  const speeds = opts.speeds ?? DEFAULT_SPEEDS;
  const offroadKmh = opts.offroadKmh ?? speeds.offroadKmh;
  if (!(Number.isFinite(offroadKmh) && offroadKmh > 0 && offroadKmh <= MAX_SPEED_KMH))
    throw new RangeError(
      `buildRoadNetwork(${grid.code}): offroadKmh must be in (0, ${MAX_SPEED_KMH}], got ${offroadKmh}`,
    );
  const marginM = opts.marginM ?? 10_000;
  const snapM = opts.snapM ?? 0.5;
  const spacing = opts.sampleSpacingM ?? grid.cellSizeM;
  if (!(spacing > 0)) throw new RangeError(`buildRoadNetwork(${grid.code}): sampleSpacingM must be > 0`);
  const classes = normalizedClasses(speeds);
  const minX = grid.originX - marginM;
  const minY = grid.originY - marginM;
  const maxX = grid.originX + grid.width * grid.cellSizeM + marginM;
  const maxY = grid.originY + grid.height * grid.cellSizeM + marginM;
  const issues: RowIssue[] = [];

  const nodeKey = new Map<string, number>();
  const nodeX: number[] = [];
  const nodeY: number[] = [];
  const edgeA: number[] = [];
  const edgeB: number[] = [];
  const edgeLen: number[] = [];
  const edgeMin: number[] = [];
  let roadsUsed = 0;
  let roadsOutside = 0;
  const node = (x: number, y: number): number => {
    const key = `${Math.round(x / snapM)},${Math.round(y / snapM)}`;
    let id = nodeKey.get(key);
    if (id === undefined) {
      id = nodeX.length;
      nodeKey.set(key, id);
      nodeX.push(x);
      nodeY.push(y);
    }
    return id;
  };
  const { forward } = grid.projection;
  roads.forEach((road) => {
    const c = road.coords;
    const n = c.length >> 1;
    if (n < 2) {
      issues.push(issue(road, "geometry", "short-line", "线要素少于 2 个点", "a line with fewer than 2 vertices"));
      return;
    }
    for (let k = 0; k < c.length; k++) {
      if (!Number.isFinite(c[k]) || (k % 2 === 1 && Math.abs(c[k]) > 90)) {
        issues.push(
          issue(
            road,
            "geometry",
            "bad-coordinate",
            `坐标无效（第 ${(k >> 1) + 1} 个点）`,
            `bad coordinate at vertex ${(k >> 1) + 1}`,
          ),
        );
        return;
      }
    }
    const xs = new Float64Array(n);
    const ys = new Float64Array(n);
    let near = false;
    for (let k = 0; k < n; k++) {
      const [x, y] = forward(c[2 * k], c[2 * k + 1]);
      xs[k] = x;
      ys[k] = y;
      if (x >= minX && x <= maxX && y >= minY && y <= maxY) near = true;
    }
    if (!near) {
      // a long segment may cross the box with both ends outside it
      for (let k = 0; k + 1 < n && !near; k++)
        near = segmentMeetsBox(xs[k], ys[k], xs[k + 1], ys[k + 1], minX, minY, maxX, maxY);
    }
    if (!near) {
      roadsOutside++;
      return;
    }
    const v = roadSpeed(road, classes);
    if (typeof v !== "number") {
      issues.push(v);
      return;
    }
    roadsUsed++;
    const mPerMin = (v * 1000) / 60;
    let prev = node(xs[0], ys[0]);
    for (let k = 1; k < n; k++) {
      const cur = node(xs[k], ys[k]);
      if (cur === prev) continue;
      if (!segmentMeetsBox(xs[k - 1], ys[k - 1], xs[k], ys[k], minX, minY, maxX, maxY)) {
        prev = cur;
        continue;
      }
      const len = Math.hypot(nodeX[cur] - nodeX[prev], nodeY[cur] - nodeY[prev]);
      edgeA.push(prev);
      edgeB.push(cur);
      edgeLen.push(len);
      edgeMin.push(len / mPerMin);
      prev = cur;
    }
  });
  return {
    network: assemble(grid, offroadKmh, spacing, nodeX, nodeY, edgeA, edgeB, edgeLen, edgeMin),
    issues,
    roadsUsed,
    roadsOutside,
  };
}

/** Whether the segment (x1,y1)-(x2,y2) meets the box [minX, maxX] × [minY, maxY] (Liang–Barsky). */
export function segmentMeetsBox(
  x1: number,
  y1: number,
  x2: number,
  y2: number,
  minX: number,
  minY: number,
  maxX: number,
  maxY: number,
): boolean {
  // Liang–Barsky clip of the segment against the box
  let t0 = 0;
  let t1 = 1;
  const dx = x2 - x1;
  const dy = y2 - y1;
  const p = [-dx, dx, -dy, dy];
  const q = [x1 - minX, maxX - x1, y1 - minY, maxY - y1];
  for (let k = 0; k < 4; k++) {
    if (p[k] === 0) {
      if (q[k] < 0) return false;
      continue;
    }
    const r = q[k] / p[k];
    if (p[k] < 0) {
      if (r > t1) return false;
      if (r > t0) t0 = r;
    } else {
      if (r < t0) return false;
      if (r < t1) t1 = r;
    }
  }
  return t0 <= t1;
}

function assemble(
  grid: CountyGrid,
  offroadKmh: number,
  spacing: number,
  xs: number[],
  ys: number[],
  ea: number[],
  eb: number[],
  len: number[],
  minutes: number[],
): RoadNetwork {
  const nNodes = xs.length;
  const nEdges = ea.length;
  const adjStart = new Int32Array(nNodes + 1);
  for (let e = 0; e < nEdges; e++) {
    adjStart[ea[e] + 1]++;
    adjStart[eb[e] + 1]++;
  }
  for (let u = 0; u < nNodes; u++) adjStart[u + 1] += adjStart[u];
  const fill = adjStart.slice(0, nNodes);
  const adjEdge = new Int32Array(2 * nEdges);
  for (let e = 0; e < nEdges; e++) {
    adjEdge[fill[ea[e]]++] = e;
    adjEdge[fill[eb[e]]++] = e;
  }
  const sampleStart = new Int32Array(nEdges + 1);
  for (let e = 0; e < nEdges; e++) sampleStart[e + 1] = sampleStart[e] + Math.ceil(len[e] / spacing) + 1;
  const nSamples = sampleStart[nEdges];
  const sampleX = new Float64Array(nSamples);
  const sampleY = new Float64Array(nSamples);
  for (let e = 0; e < nEdges; e++) {
    const s0 = sampleStart[e];
    const m = sampleStart[e + 1] - s0 - 1;
    const ax = xs[ea[e]];
    const ay = ys[ea[e]];
    const bx = xs[eb[e]];
    const by = ys[eb[e]];
    for (let k = 0; k <= m; k++) {
      const t = k / m;
      const x = ax + (bx - ax) * t;
      const y = ay + (by - ay) * t;
      const s = s0 + k;
      sampleX[s] = x;
      sampleY[s] = y;
    }
  }
  const { edgeCellStart, edgeCells, cellEdgeStart, cellEdges } = edgeCellIndex(grid, sampleStart, sampleX, sampleY);
  const edgeUx = new Float64Array(nEdges);
  const edgeUy = new Float64Array(nEdges);
  const edgeTan = new Float64Array(nEdges);
  const offroadMinPerM = 60 / (offroadKmh * 1000);
  for (let e = 0; e < nEdges; e++) {
    const L = len[e];
    if (L > 0) {
      edgeUx[e] = (xs[eb[e]] - xs[ea[e]]) / L;
      edgeUy[e] = (ys[eb[e]] - ys[ea[e]]) / L;
    }
    const sin = L > 0 ? minutes[e] / L / offroadMinPerM : 1;
    edgeTan[e] = sin < 1 ? sin / Math.sqrt(1 - sin * sin) : -1;
  }
  const edgeIndex = new Flatbush(Math.max(1, nEdges));
  for (let e = 0; e < nEdges; e++) {
    const ax = xs[ea[e]];
    const ay = ys[ea[e]];
    const bx = xs[eb[e]];
    const by = ys[eb[e]];
    edgeIndex.add(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by));
  }
  if (nEdges === 0) edgeIndex.add(1e15, 1e15, 1e15, 1e15);
  edgeIndex.finish();
  return {
    grid,
    offroadKmh,
    nodeX: Float64Array.from(xs),
    nodeY: Float64Array.from(ys),
    adjStart,
    adjEdge,
    edgeA: Int32Array.from(ea),
    edgeB: Int32Array.from(eb),
    edgeLengthM: Float64Array.from(len),
    edgeMinutes: Float64Array.from(minutes),
    edgeUx,
    edgeUy,
    edgeTan,
    sampleStart,
    sampleX,
    sampleY,
    sampleSpacingM: spacing,
    edgeCellStart,
    edgeCells,
    cellEdgeStart,
    cellEdges,
    edgeIndex: nEdges === 0 ? emptyIndex() : edgeIndex,
  };
}

/**
 * The cells each edge is offered to (the 3 × 3 cells around each of its departure samples, clamped to the grid, each
 * cell once per edge), and the inverse: the edges offered to each cell. Both in compressed rows.
 */
function edgeCellIndex(
  grid: CountyGrid,
  sampleStart: Int32Array,
  sampleX: Float64Array,
  sampleY: Float64Array,
): Pick<RoadNetwork, "edgeCellStart" | "edgeCells" | "cellEdgeStart" | "cellEdges"> {
  const { originX, originY, cellSizeM: c, width, height } = grid;
  const nEdges = sampleStart.length - 1;
  const nCells = width * height;
  const stamp = new Int32Array(nCells);
  const edgeCellStart = new Int32Array(nEdges + 1);
  let cells: Int32Array = new Int32Array(Math.max(16, 4 * sampleX.length));
  let n = 0;
  for (let e = 0; e < nEdges; e++) {
    for (let q = sampleStart[e]; q < sampleStart[e + 1]; q++) {
      const ci = Math.min(width - 1, Math.max(0, Math.floor((sampleX[q] - originX) / c)));
      const cj = Math.min(height - 1, Math.max(0, Math.floor((sampleY[q] - originY) / c)));
      for (let j = Math.max(0, cj - 1); j <= Math.min(height - 1, cj + 1); j++)
        for (let i = Math.max(0, ci - 1); i <= Math.min(width - 1, ci + 1); i++) {
          const k = j * width + i;
          if (stamp[k] === e + 1) continue;
          stamp[k] = e + 1;
          if (n === cells.length) {
            const grown = new Int32Array(2 * cells.length);
            grown.set(cells);
            cells = grown;
          }
          cells[n++] = k;
        }
    }
    edgeCellStart[e + 1] = n;
  }
  const edgeCells = cells.slice(0, n);
  const cellEdgeStart = new Int32Array(nCells + 1);
  for (let p = 0; p < n; p++) cellEdgeStart[edgeCells[p] + 1]++;
  for (let k = 0; k < nCells; k++) cellEdgeStart[k + 1] += cellEdgeStart[k];
  const fill = cellEdgeStart.slice(0, nCells);
  const cellEdges = new Int32Array(n);
  for (let e = 0; e < nEdges; e++)
    for (let p = edgeCellStart[e]; p < edgeCellStart[e + 1]; p++) cellEdges[fill[edgeCells[p]]++] = e;
  return { edgeCellStart, edgeCells, cellEdgeStart, cellEdges };
}

function emptyIndex(): RoadNetwork["edgeIndex"] {
  return { search: () => [], neighbors: () => [] };
}
