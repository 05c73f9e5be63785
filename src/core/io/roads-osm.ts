import type { DOMParser } from "@xmldom/xmldom";
import { unzlibSync } from "fflate";
import { PbfReader } from "pbf";
import type { Road } from "../travel/types";
import { toWgs84 } from "./crs";
import { describeFileError, FileProblem } from "./errors";
import { MAX_CELL_CHARS } from "./numbers";
import { type LonLatBbox, lineMeetsBbox, type RoadImport, type RoadReadOptions, wholeFileError } from "./roads";
import type { RowIssue } from "./types";

/** OSM `highway=*` values read as roads for vehicles; other values are counted in `skipped`. */
export const OSM_DRIVABLE = new Set([
  "motorway",
  "motorway_link",
  "trunk",
  "trunk_link",
  "primary",
  "primary_link",
  "secondary",
  "secondary_link",
  "tertiary",
  "tertiary_link",
  "unclassified",
  "residential",
  "living_street",
  "service",
  "track",
  "road",
]);

/** The attribute accessor of an xmldom element. */
type XmlElement = { getAttribute(name: string): string | null };

/** Nodes farther than this outside the box (degrees, ≈ 5 km) are not kept while reading. */
const NODE_MARGIN_DEG = 0.05;

/** Collects OSM nodes and ways and turns them into roads; shared by the XML and PBF readers. */
class OsmCollector {
  private readonly lon = new Map<number, number>();
  private readonly lat = new Map<number, number>();
  private readonly keep: LonLatBbox | undefined;
  readonly roads: Road[] = [];
  readonly issues: RowIssue[] = [];
  readonly skipped: Record<string, number> = {};
  ways = 0;
  outside = 0;

  constructor(private readonly opts: RoadReadOptions) {
    const b = opts.bbox;
    this.keep = b && [b[0] - NODE_MARGIN_DEG, b[1] - NODE_MARGIN_DEG, b[2] + NODE_MARGIN_DEG, b[3] + NODE_MARGIN_DEG];
  }

  node(id: number, lon: number, lat: number): void {
    const crs = this.opts.crs ?? "wgs84";
    const [x, y] = crs === "wgs84" ? [lon, lat] : toWgs84(lon, lat, crs);
    const k = this.keep;
    if (k && (x < k[0] || x > k[2] || y < k[1] || y > k[3])) return;
    this.lon.set(id, x);
    this.lat.set(id, y);
  }

  way(id: number, refs: ArrayLike<number>, tags: Record<string, string>): void {
    this.ways++;
    const file = this.opts.file;
    const feature = this.ways;
    const highway = tags.highway;
    if (highway === undefined) {
      this.skipped["(no highway tag)"] = (this.skipped["(no highway tag)"] ?? 0) + 1;
      return;
    }
    if (!OSM_DRIVABLE.has(highway)) {
      // an absurdly long tag value is counted under a short label (the way is not read either way)
      const label =
        highway.length > MAX_CELL_CHARS
          ? `highway=${highway.slice(0, 40)}…（${highway.length} 字符 characters）`
          : `highway=${highway}`;
      this.skipped[label] = (this.skipped[label] ?? 0) + 1;
      return;
    }
    // split the way where its nodes are missing (outside the kept box, or absent from the file)
    const parts: number[][] = [];
    let cur: number[] = [];
    let missing = 0;
    for (let k = 0; k < refs.length; k++) {
      const lon = this.lon.get(refs[k]);
      if (lon === undefined) {
        missing++;
        if (cur.length >= 4) parts.push(cur);
        cur = [];
        continue;
      }
      cur.push(lon, this.lat.get(refs[k]) as number);
    }
    if (cur.length >= 4) parts.push(cur);
    if (missing > 0 && !this.opts.bbox) {
      this.issues.push({
        file,
        row: feature,
        field: "nd",
        message: {
          zh: `${file} OSM 道路 ${id}：${missing} 个节点不在文件中，只读取了其余部分`,
          en: `${file}, OSM way ${id}: ${missing} of its nodes are not in the file; read the rest`,
        },
        severity: "warning",
        code: "missing-nodes",
      });
    }
    let kept = 0;
    for (const p of parts) {
      const coords = Float64Array.from(p);
      if (!lineMeetsBbox(coords, this.opts.bbox)) continue;
      kept++;
      this.roads.push({ coords, roadClass: highway, ref: { file, feature, osmId: id } });
    }
    if (kept === 0) {
      if (missing > 0 && !this.opts.bbox) {
        this.issues.push({
          file,
          row: feature,
          field: "nd",
          message: {
            zh: `${file} OSM 道路 ${id}：可用节点不足 2 个，未读取`,
            en: `${file}, OSM way ${id}: fewer than 2 of its nodes are usable; not read`,
          },
          severity: "error",
          code: "short-line",
        });
      } else this.outside++;
    }
  }

  result(): RoadImport {
    return {
      roads: this.roads,
      issues: this.issues,
      totalFeatures: this.ways,
      outside: this.outside,
      skipped: this.skipped,
      crs: this.opts.crs ?? "wgs84",
    };
  }
}

/**
 * Reads roads from OpenStreetMap XML (`.osm`): ways tagged `highway=*` with a value in {@link OSM_DRIVABLE}
 * become roads whose class is that value (looked up in the speed table). Other ways are counted in
 * `skipped` by tag. With `bbox`, nodes more than ≈ 5 km outside it are dropped while reading and ways
 * are cut where their nodes were dropped.
 */
export async function readRoadsOsmXml(text: string, opts: RoadReadOptions): Promise<RoadImport> {
  // loaded when an OSM file is read: xmldom's module freezes a table of some 2,000 HTML entities as it loads, which
  // every command line run paid at start-up while it was imported here
  const xmldom = await import("@xmldom/xmldom");
  const errors: string[] = [];
  let doc: ReturnType<DOMParser["parseFromString"]>;
  try {
    doc = new xmldom.DOMParser({
      onError: (level: string, msg: string) => {
        if (level !== "warning") errors.push(msg);
      },
    }).parseFromString(text, "text/xml");
  } catch (e) {
    // xmldom throws on what is not well-formed XML: told in our words, its text kept as the value
    const msg = (e as Error).message ?? String(e);
    const at = /line:(\d+),col:(\d+)/.exec(msg);
    return wholeFileError(
      opts,
      "invalid-xml",
      `不是格式正确的 XML${at ? `（第 ${at[1]} 行第 ${at[2]} 列附近）` : ""}，无法作为 OSM 文件读取`,
      `not well-formed XML${at ? ` (near line ${at[1]}, column ${at[2]})` : ""}; cannot be read as an OSM file`,
      msg.split("\n")[0],
    );
  }
  const root = doc.documentElement;
  if (root?.nodeName !== "osm")
    return wholeFileError(
      opts,
      "not-osm",
      `不是 OSM XML 文件（根元素为 ${root?.nodeName ?? "空"}，应为 osm）`,
      `not an OSM XML file (the root element is ${root?.nodeName ?? "missing"}, not osm)`,
      errors[0],
    );
  const c = new OsmCollector(opts);
  const nodes = root.getElementsByTagName("node");
  const total = nodes.length;
  for (let k = 0; k < total; k++) {
    const n = nodes[k];
    const id = Number(n.getAttribute("id"));
    const lon = Number(n.getAttribute("lon"));
    const lat = Number(n.getAttribute("lat"));
    if (Number.isFinite(id) && Number.isFinite(lon) && Number.isFinite(lat)) c.node(id, lon, lat);
    else
      c.issues.push({
        file: opts.file,
        row: 0,
        field: "node",
        message: {
          zh: `${opts.file} OSM 节点 ${n.getAttribute("id")}：坐标无效`,
          en: `${opts.file}, OSM node ${n.getAttribute("id")}: bad coordinates`,
        },
        severity: "error",
        code: "bad-coordinate",
      });
    if (k % 20000 === 0) opts.onProgress?.({ phase: "nodes", done: k, total });
  }
  const ways = root.getElementsByTagName("way");
  for (let k = 0; k < ways.length; k++) {
    const w = ways[k];
    const refs: number[] = [];
    const tags: Record<string, string> = {};
    for (let ch = w.firstChild; ch; ch = ch.nextSibling) {
      if (ch.nodeName === "nd") refs.push(Number((ch as unknown as XmlElement).getAttribute("ref")));
      else if (ch.nodeName === "tag") {
        const el = ch as unknown as XmlElement;
        tags[el.getAttribute("k") ?? ""] = el.getAttribute("v") ?? "";
      }
    }
    c.way(Number(w.getAttribute("id")), refs, tags);
    if (k % 5000 === 0) opts.onProgress?.({ phase: "ways", done: k, total: ways.length });
  }
  opts.onProgress?.({ phase: "ways", done: ways.length, total: ways.length });
  return c.result();
}

// --- .osm.pbf (https://wiki.openstreetmap.org/wiki/PBF_Format), decoded with mapbox's pbf and fflate

interface Blob {
  raw?: Uint8Array;
  rawSize: number;
  zlib?: Uint8Array;
  other?: string;
}

function readBlob(tag: number, b: Blob, pbf: PbfReader): void {
  if (tag === 1) b.raw = pbf.readBytes();
  else if (tag === 2) b.rawSize = pbf.readVarint();
  else if (tag === 3) b.zlib = pbf.readBytes();
  else if (tag === 4) b.other = "lzma";
  else if (tag === 6) b.other = "lz4";
  else if (tag === 7) b.other = "zstd";
}

function blobData(b: Blob): Uint8Array {
  if (b.raw) return b.raw;
  if (b.zlib) return unzlibSync(b.zlib, { out: new Uint8Array(b.rawSize) });
  throw new Error(`unsupported blob compression ${b.other ?? "(empty blob)"}`);
}

interface Block {
  strings: string[];
  granularity: number;
  latOffset: number;
  lonOffset: number;
  groups: Array<[number, number]>;
}

const utf8 = new TextDecoder();

function readBlock(tag: number, b: Block, pbf: PbfReader): void {
  if (tag === 1) {
    const end = pbf.readVarint() + pbf.pos;
    while (pbf.pos < end) {
      const val = pbf.readVarint();
      if (val >> 3 === 1) {
        const len = pbf.readVarint();
        b.strings.push(utf8.decode(pbf.buf.subarray(pbf.pos, pbf.pos + len)));
        pbf.pos += len;
      } else pbf.skip(val);
    }
  } else if (tag === 2) {
    const len = pbf.readVarint();
    b.groups.push([pbf.pos, pbf.pos + len]);
    pbf.pos += len;
  } else if (tag === 17) b.granularity = pbf.readVarint();
  else if (tag === 19) b.latOffset = pbf.readVarint(true);
  else if (tag === 20) b.lonOffset = pbf.readVarint(true);
}

function readDense(pbf: PbfReader, end: number, block: Block, c: OsmCollector): void {
  let ids: number[] = [];
  let lats: number[] = [];
  let lons: number[] = [];
  while (pbf.pos < end) {
    const val = pbf.readVarint();
    const tag = val >> 3;
    if (tag === 1) ids = pbf.readPackedSVarint();
    else if (tag === 8) lats = pbf.readPackedSVarint();
    else if (tag === 9) lons = pbf.readPackedSVarint();
    else pbf.skip(val);
  }
  let id = 0;
  let lat = 0;
  let lon = 0;
  const g = block.granularity * 1e-9;
  for (let k = 0; k < ids.length; k++) {
    id += ids[k];
    lat += lats[k];
    lon += lons[k];
    c.node(id, block.lonOffset * 1e-9 + g * lon, block.latOffset * 1e-9 + g * lat);
  }
}

function readNode(pbf: PbfReader, end: number, block: Block, c: OsmCollector): void {
  let id = 0;
  let lat = 0;
  let lon = 0;
  while (pbf.pos < end) {
    const val = pbf.readVarint();
    const tag = val >> 3;
    if (tag === 1) id = pbf.readSVarint();
    else if (tag === 8) lat = pbf.readSVarint();
    else if (tag === 9) lon = pbf.readSVarint();
    else pbf.skip(val);
  }
  const g = block.granularity * 1e-9;
  c.node(id, block.lonOffset * 1e-9 + g * lon, block.latOffset * 1e-9 + g * lat);
}

function readWay(pbf: PbfReader, end: number, block: Block, c: OsmCollector): void {
  let id = 0;
  let keys: number[] = [];
  let vals: number[] = [];
  let refs: number[] = [];
  while (pbf.pos < end) {
    const val = pbf.readVarint();
    const tag = val >> 3;
    if (tag === 1) id = pbf.readVarint();
    else if (tag === 2) keys = pbf.readPackedVarint();
    else if (tag === 3) vals = pbf.readPackedVarint();
    else if (tag === 8) refs = pbf.readPackedSVarint();
    else pbf.skip(val);
  }
  const tags: Record<string, string> = {};
  keys.forEach((k, i) => {
    tags[block.strings[k]] = block.strings[vals[i]];
  });
  let ref = 0;
  for (let k = 0; k < refs.length; k++) {
    ref += refs[k];
    refs[k] = ref;
  }
  c.way(id, refs, tags);
}

function readGroup(pbf: PbfReader, start: number, end: number, block: Block, c: OsmCollector): void {
  pbf.pos = start;
  while (pbf.pos < end) {
    const val = pbf.readVarint();
    const tag = val >> 3;
    if (tag === 1 || tag === 2 || tag === 3) {
      const len = pbf.readVarint();
      const stop = pbf.pos + len;
      if (tag === 1) readNode(pbf, stop, block, c);
      else if (tag === 2) readDense(pbf, stop, block, c);
      else readWay(pbf, stop, block, c);
      pbf.pos = stop;
    } else pbf.skip(val);
  }
}

const SUPPORTED_FEATURES = new Set(["OsmSchema-V0.6", "DenseNodes", "HistoricalInformation"]);

/**
 * Reads roads from an OpenStreetMap PBF extract (`.osm.pbf`), block by block, with the same rules as
 * {@link readRoadsOsmXml}. Nodes must come before the ways that use them (as in every sorted extract).
 * Progress is reported in bytes. Pure JavaScript (pbf, fflate): runs in Node and in a browser worker.
 */
export function readRoadsOsmPbf(data: Uint8Array, opts: RoadReadOptions): RoadImport {
  const TRUNCATED = new FileProblem("truncated-file", {
    zh: "文件在此处截断（数据不完整）",
    en: "the file ends here: truncated, data incomplete",
  });
  const c = new OsmCollector(opts);
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  let pos = 0;
  try {
    while (pos < data.byteLength) {
      if (pos + 4 > data.byteLength) throw TRUNCATED;
      const headerLen = view.getInt32(pos, false);
      pos += 4;
      const header = new PbfReader(data.subarray(pos, pos + headerLen)).readFields(
        (tag, h: { type: string; size: number }, pbf) => {
          if (tag === 1) h.type = pbf.readString();
          else if (tag === 3) h.size = pbf.readVarint();
        },
        { type: "", size: 0 },
      );
      pos += headerLen;
      if (pos + header.size > data.byteLength) throw TRUNCATED;
      const blob = new PbfReader(data.subarray(pos, pos + header.size)).readFields(readBlob, { rawSize: 0 } as Blob);
      pos += header.size;
      const bytes = blobData(blob);
      if (header.type === "OSMHeader") {
        const required: string[] = [];
        new PbfReader(bytes).readFields((tag, _r: null, pbf) => {
          if (tag === 4) required.push(pbf.readString());
        }, null);
        const missing = required.filter((f) => !SUPPORTED_FEATURES.has(f));
        if (missing.length > 0)
          throw new FileProblem(
            "unsupported-pbf",
            {
              zh: `需要本程序不支持的功能：${missing.join("、")}`,
              en: `it requires features this program does not support: ${missing.join(", ")}`,
            },
            missing.join(", "),
          );
      } else if (header.type === "OSMData") {
        const pbf = new PbfReader(bytes);
        const block = pbf.readFields(readBlock, {
          strings: [],
          granularity: 100,
          latOffset: 0,
          lonOffset: 0,
          groups: [],
        } as Block);
        for (const [start, end] of block.groups) readGroup(pbf, start, end, block, c);
      }
      opts.onProgress?.({ phase: "parse", done: pos, total: data.byteLength });
    }
  } catch (e) {
    const r = c.result();
    const why = describeFileError(e);
    r.issues.unshift({
      file: opts.file,
      row: 0,
      field: "",
      ...(why.detail !== undefined ? { value: why.detail } : {}),
      message: {
        zh: `${opts.file}：OSM PBF 在第 ${pos} 字节处无法继续读取（${why.message.zh}），之前的道路已读取`,
        en: `${opts.file}: the OSM PBF cannot be read past byte ${pos} (${why.message.en}); roads before it were read`,
      },
      severity: "error",
      code: "bad-pbf",
    });
    return r;
  }
  return c.result();
}
