import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon, Position } from "geojson";
import { pointInPolygon } from "../geo";
import { type CountyPopulation, type CountyProps, countyKindOfName } from "../model";
import { toWgs84 } from "./crs";
import { describeFileError, FileProblem } from "./errors";
import { type CountyRef, detectFormat } from "./facilities";
import { readGeoJSONText, readKmlText, readShapefileZip, type VectorRead } from "./georead";
import { cellTooLong, notACount, parseDecimal, shortValue } from "./numbers";
import { parseTableBytes, type Table } from "./tabular";
import { decodeText } from "./text";
import type { CrsId, RowIssue } from "./types";
import { validateBoundaries } from "./validate-boundaries";

/** Properties of an imported boundary: guessed code and name plus the file's own attributes. */
export interface BoundaryProps {
  /** Administrative code (6, 9 or 12 digits) if one was found. */
  code?: string;
  name?: string;
  [key: string]: unknown;
}

const CODE_KEYS =
  /^(adcode|code|区划代码|行政区划代码|行政代码|代码|编码|区划编码|xzqdm|xzqhdm|xzqh|pac|gb|dm|county_?code|admin_?code)$/i;
const NAME_KEYS = /^(name|名称|县区|区县|行政区|行政区名称|区划名称|xzqmc|mc|county|county_?name|乡镇|乡镇名称)$/i;

function guessCode(props: Record<string, unknown>): string | undefined {
  for (const [k, v] of Object.entries(props)) {
    if (!CODE_KEYS.test(k.trim())) continue;
    const s = String(v ?? "").trim();
    if (/^\d{6}$|^\d{9}$|^\d{12}$/.test(s)) return s;
  }
  return undefined;
}

/** The county name among the attributes, with the attribute it was found in. */
function guessName(props: Record<string, unknown>): { key: string; name: string } | undefined {
  for (const [k, v] of Object.entries(props)) {
    if (NAME_KEYS.test(k.trim()) && typeof v === "string" && v.trim() !== "") return { key: k, name: v.trim() };
  }
  return undefined;
}

/** Converts the positions that are two finite numbers; leaves anything else as it is for the validator to name. */
function mapRings(rings: Position[][], f: (x: number, y: number) => [number, number]): Position[][] {
  if (!Array.isArray(rings)) return rings;
  return rings.map((r) =>
    Array.isArray(r)
      ? r.map((p) =>
          Array.isArray(p) && typeof p[0] === "number" && typeof p[1] === "number" && Number.isFinite(p[0] + p[1])
            ? f(p[0], p[1])
            : p,
        )
      : r,
  );
}

/**
 * Parses a boundary file (GeoJSON, KML or zipped Shapefile; a Shapefile's .prj is honoured, `opts.crs`
 * overrides) into WGS84 (Multi)Polygons with `code` and `name` guessed from the attributes.
 * Non-polygon features are errors (left out); polygons without a code get a warning. Rows are feature indices.
 */
export async function parseBoundaryFile(
  data: Uint8Array,
  fileName: string,
  opts: { crs?: CrsId } = {},
): Promise<{ boundaries: FeatureCollection<Polygon | MultiPolygon, BoundaryProps>; issues: RowIssue[]; crs: CrsId }> {
  const issues: RowIssue[] = [];
  const format = detectFormat(data, fileName);
  let read: VectorRead;
  try {
    if (format === "geojson") read = readGeoJSONText(decodeText(data).text);
    else if (format === "kml") read = await readKmlText(decodeText(data).text);
    else if (format === "shapefile-zip" || format === "xlsx") read = await readShapefileZip(data);
    else
      throw new FileProblem("unsupported-format", {
        zh: "边界文件须为 GeoJSON、KML 或 zip 压缩的 Shapefile",
        en: "boundaries must be GeoJSON, KML or a zipped Shapefile",
      });
  } catch (e) {
    const why = describeFileError(e);
    issues.push({
      file: fileName,
      row: 0,
      field: "",
      ...(why.detail !== undefined ? { value: why.detail } : {}),
      severity: "error",
      code: why.code,
      message: { zh: `无法读取边界文件：${why.message.zh}`, en: `cannot read the boundary file: ${why.message.en}` },
    });
    return { boundaries: { type: "FeatureCollection", features: [] }, issues, crs: opts.crs ?? "wgs84" };
  }
  for (const n of read.notes)
    issues.push({
      file: fileName,
      row: 0,
      field: "",
      severity: n.severity,
      code: n.code,
      message: { zh: n.zh, en: n.en },
    });
  const crs: CrsId = opts.crs ?? read.crs ?? "wgs84";
  const conv =
    opts.crs || read.crs
      ? (x: number, y: number) => toWgs84(x, y, crs)
      : (read.customToWgs84 ?? ((x: number, y: number) => [x, y] as [number, number]));
  const identity = crs === "wgs84" && !read.customToWgs84;
  const candidates: Array<Feature<Polygon | MultiPolygon, BoundaryProps>> = [];
  const candidateRows: number[] = [];
  read.features.forEach((f: Feature<Geometry | null>, i) => {
    const row = i + 1;
    const problem = read.problems?.[i];
    if (problem) {
      const named = guessName(f.properties ?? {});
      const label = named ? `（${shortValue(named.name)}）` : "";
      issues.push({
        file: fileName,
        row,
        field: "geometry",
        severity: "error",
        code: problem.code,
        message: {
          zh: `第 ${row} 个要素${label}：${problem.message.zh}`,
          en: `feature ${row}${named ? ` (${shortValue(named.name)})` : ""}: ${problem.message.en}`,
        },
      });
      return;
    }
    const g = f.geometry;
    const props = (f.properties ?? {}) as Record<string, unknown>;
    if (!g || (g.type !== "Polygon" && g.type !== "MultiPolygon")) {
      issues.push({
        file: fileName,
        row,
        field: "geometry",
        value: g?.type ?? "null",
        severity: "error",
        code: "not-a-polygon",
        message: {
          zh: `第 ${row} 个要素不是面（${g?.type ?? "空几何"}），已忽略`,
          en: `feature ${row} is not a polygon (${g?.type ?? "no geometry"}); left out`,
        },
      });
      return;
    }
    const geometry: Polygon | MultiPolygon = identity
      ? g
      : g.type === "Polygon"
        ? { type: "Polygon", coordinates: mapRings(g.coordinates, conv) }
        : {
            type: "MultiPolygon",
            coordinates: Array.isArray(g.coordinates) ? g.coordinates.map((p) => mapRings(p, conv)) : g.coordinates,
          };
    const code = guessCode(props);
    const named = guessName(props);
    const long = named && cellTooLong(named.name);
    if (named && long) {
      issues.push({
        file: fileName,
        row,
        field: named.key,
        value: shortValue(named.name),
        severity: "error",
        code: "cell-too-long",
        message: { zh: `第 ${row} 个要素的名称${long.zh}`, en: `the name of feature ${row} is ${long.en}` },
      });
      return;
    }
    const name = named?.name;
    if (!code)
      issues.push({
        file: fileName,
        row,
        field: "code",
        ...(name ? { value: name } : {}),
        severity: "warning",
        code: "missing-code",
        message: {
          zh: `边界“${name ?? row}”没有行政区划代码`,
          en: `boundary "${name ?? row}" has no administrative code`,
        },
      });
    candidates.push({
      type: "Feature",
      geometry,
      properties: { ...props, ...(code ? { code } : {}), ...(name ? { name } : {}) },
    });
    candidateRows.push(row);
  });
  const valid = validateBoundaries(candidates, { file: fileName, rows: candidateRows });
  for (const i of valid.issues) issues.push(i);
  issues.sort((a, b) => a.row - b.row);
  return { boundaries: { type: "FeatureCollection", features: valid.features }, issues, crs };
}

const POP_CODE = /^(区划代码|行政区划代码|代码|编码|code|adcode|county_?code)$/i;
const POP_NAME = /^(县区|区县|县市区|名称|县区名称|行政区|name|county)$/i;
const POP_VALUE = /人口|^population$|^pop$/i;
const POP_KIND = /^(口径|类型|人口类型|人口口径|kind|type)$/i;
const POP_YEAR = /^(年份|年度|year)$/i;

function popKind(text: string): CountyPopulation["kind"] | undefined {
  if (/常住|resident/i.test(text)) return "resident";
  if (/户籍|registered/i.test(text)) return "registered";
  return undefined;
}

/**
 * Parses a county population table (CSV or XLSX) with a code or name column, a population column and
 * optionally a kind (常住/户籍) and year column. A header mentioning 万 (e.g. "常住人口（万人）") scales by 10,000.
 * Names are resolved to codes with `counties`; a code not among `counties` (when given) is an error. Values are plain
 * decimals ("0x10" is not a number). Rows are spreadsheet rows (header = 1).
 */
export async function parsePopulationTable(
  data: Uint8Array,
  fileName: string,
  opts: { counties?: CountyRef[]; sheet?: string } = {},
): Promise<{ population: CountyPopulation[]; issues: RowIssue[] }> {
  const issues: RowIssue[] = [];
  const issue = (
    row: number,
    field: string,
    severity: "error" | "warning",
    code: string,
    zh: string,
    en: string,
    value?: string,
  ) =>
    issues.push({
      file: fileName,
      row,
      field,
      ...(value !== undefined ? { value } : {}),
      severity,
      code,
      message: { zh, en },
    });
  let table: Table;
  try {
    table = await parseTableBytes(data, fileName, detectFormat(data, fileName) === "xlsx" ? "xlsx" : "csv", opts.sheet);
  } catch (e) {
    const why = describeFileError(e);
    issue(
      0,
      "",
      "error",
      why.code,
      `无法读取人口表：${why.message.zh}`,
      `cannot read the population table: ${why.message.en}`,
      why.detail,
    );
    return { population: [], issues };
  }
  // a CSV named .xlsx (or a workbook named .csv), read as what it is: said as a warning naming the file
  for (const n of table.notes ?? [])
    if (n.code === "extension-mismatch") issue(0, "", "warning", n.code, n.message.zh, n.message.en);
  if (table.rows.length === 0) {
    issue(
      0,
      "",
      "error",
      "no-data-rows",
      "人口表只有表头，没有数据行",
      "the population table has a header but no data rows",
    );
    return { population: [], issues };
  }
  const h = table.headers;
  const codeCol = h.findIndex((x) => POP_CODE.test(x));
  const nameCol = h.findIndex((x) => POP_NAME.test(x));
  const valueCol = h.findIndex((x) => POP_VALUE.test(x));
  const kindCol = h.findIndex((x) => POP_KIND.test(x));
  const yearCol = h.findIndex((x) => POP_YEAR.test(x));
  if (valueCol < 0 || (codeCol < 0 && nameCol < 0)) {
    issue(
      0,
      "",
      "error",
      "missing-column",
      "人口表需要“代码”或“县区”列和“人口”列",
      "the population table needs a code or name column and a population column",
    );
    return { population: [], issues };
  }
  const scale = /万/.test(h[valueCol]) ? 10_000 : 1;
  const headerKind = popKind(h[valueCol]);
  const byName = new Map<string, string>();
  for (const c of opts.counties ?? []) {
    byName.set(c.name.trim(), c.code);
    const short = c.name.trim().replace(/(自治县|县|区|市)$/, "");
    if (short.length >= 2 && !byName.has(short)) byName.set(short, c.code);
  }
  const known = opts.counties && opts.counties.length > 0 ? new Set(opts.counties.map((c) => c.code)) : undefined;
  const population: CountyPopulation[] = [];
  const usedCols = [codeCol, nameCol, valueCol, kindCol, yearCol].filter((c) => c >= 0);
  rows: for (const { row, cells } of table.rows) {
    for (const c of usedCols) {
      const long = cellTooLong(cells[c] ?? "");
      if (long) {
        issue(row, h[c], "error", "cell-too-long", long.zh, long.en, shortValue(cells[c] ?? ""));
        continue rows;
      }
    }
    const codeText = codeCol >= 0 ? (cells[codeCol] ?? "").trim() : "";
    const nameText = nameCol >= 0 ? (cells[nameCol] ?? "").trim() : "";
    let code = /^\d{6}$/.test(codeText) ? codeText : undefined;
    if (!code && codeText !== "") {
      issue(
        row,
        h[codeCol],
        "error",
        "not-a-code",
        `代码“${codeText}”不是 6 位区划代码`,
        `code "${codeText}" is not a 6-digit code`,
        codeText,
      );
      continue;
    }
    if (!code && nameText !== "") code = byName.get(nameText) ?? byName.get(nameText.replace(/(自治县|县|区|市)$/, ""));
    if (!code) {
      issue(
        row,
        nameCol >= 0 ? h[nameCol] : h[codeCol],
        "error",
        "unresolved-county",
        `无法确定“${nameText}”的区划代码`,
        `cannot resolve "${nameText}" to a county code`,
        nameText,
      );
      continue;
    }
    if (known && !known.has(code)) {
      issue(
        row,
        codeText !== "" ? h[codeCol] : h[nameCol],
        "error",
        "unknown-county",
        `区划代码 ${code} 不在所加载的县区之中`,
        `county code ${code} is not among the loaded counties`,
        code,
      );
      continue;
    }
    const valueText = shortValue((cells[valueCol] ?? "").trim().replace(/,/g, ""));
    const v = parseDecimal(valueText);
    if (valueText === "" || !Number.isFinite(v) || v < 0) {
      const why = notACount({ zh: "人口", en: "population" }, valueText);
      issue(row, h[valueCol], "error", "not-a-number", why.zh, why.en, valueText);
      continue;
    }
    const kindText = kindCol >= 0 ? (cells[kindCol] ?? "").trim() : "";
    let kind = popKind(kindText) ?? headerKind;
    if (!kind) {
      kind = "resident";
      issue(
        row,
        kindCol >= 0 ? h[kindCol] : h[valueCol],
        "warning",
        "assumed-resident",
        "未注明常住或户籍人口，按常住人口处理",
        "resident vs registered not stated; taken as resident",
        kindText || undefined,
      );
    }
    const entry: CountyPopulation = { code, population: Math.round(v * scale), kind };
    const yearText = yearCol >= 0 ? (cells[yearCol] ?? "").trim() : "";
    if (/^\d{4}$/.test(yearText)) entry.year = Number(yearText);
    entry.source = fileName;
    population.push(entry);
  }
  return { population, issues };
}

/**
 * A point inside a polygon, for a county seat when the file has none: the bounding-box centre if it is inside,
 * else the middle of the widest inside stretch of the horizontal line through that centre.
 */
export function interiorPoint(geom: Polygon | MultiPolygon): [number, number] {
  const polys = geom.type === "Polygon" ? [geom.coordinates] : geom.coordinates;
  // the largest part by bounding box (loops, not Math.max(...xs): a ring may have more vertices than a call has room for)
  const box = (ring: Position[]) => {
    let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const q of ring) {
      if (q[0] < x0) x0 = q[0];
      if (q[0] > x1) x1 = q[0];
      if (q[1] < y0) y0 = q[1];
      if (q[1] > y1) y1 = q[1];
    }
    return [x0, y0, x1, y1];
  };
  let best = polys[0];
  let bestSize = -1;
  for (const p of polys) {
    const [x0, y0, x1, y1] = box(p[0]);
    const size = (x1 - x0) * (y1 - y0);
    if (size > bestSize) {
      bestSize = size;
      best = p;
    }
  }
  const [bx0, by0, bx1, by1] = box(best[0]);
  const cx = (bx0 + bx1) / 2;
  const cy = (by0 + by1) / 2;
  const part: Polygon = { type: "Polygon", coordinates: best };
  if (pointInPolygon(cx, cy, part)) return [cx, cy];
  const crossings: number[] = [];
  for (const ring of best) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i];
      const [xj, yj] = ring[j];
      if (yi > cy !== yj > cy) crossings.push(xi + ((cy - yi) * (xj - xi)) / (yj - yi));
    }
  }
  crossings.sort((a, b) => a - b);
  let mid: [number, number] = [best[0][0][0], best[0][0][1]];
  let widest = 0;
  for (let k = 0; k + 1 < crossings.length; k += 2) {
    if (crossings[k + 1] - crossings[k] > widest) {
      widest = crossings[k + 1] - crossings[k];
      mid = [(crossings[k] + crossings[k + 1]) / 2, cy];
    }
  }
  return mid;
}

/**
 * County features for the analysis from imported boundaries: a 6-digit code is required (features without one
 * are reported by feature number and left out); the kind comes from the name (…区 district, …市 county-level city,
 * else county) and the seat is estimated by {@link interiorPoint}, a point inside the county: the one fallback of the
 * app, analyze, suggest and report for boundary files without seats.
 */
export function countyFeatures(
  boundaries: FeatureCollection<Polygon | MultiPolygon, BoundaryProps>,
  opts: { city: string; file: string },
): { counties: FeatureCollection<Polygon | MultiPolygon, CountyProps>; issues: RowIssue[] } {
  const issues: RowIssue[] = [];
  const features: Array<Feature<Polygon | MultiPolygon, CountyProps>> = [];
  boundaries.features.forEach((f, n) => {
    const code = f.properties.code;
    if (!code || !/^\d{6}/.test(code)) {
      issues.push({
        file: opts.file,
        row: n + 1,
        field: "code",
        value: code ?? "",
        severity: "error",
        code: "no-county-code",
        message: { zh: "无县级代码，已跳过", en: "no county code, skipped" },
      });
      return;
    }
    const name = f.properties.name ?? code.slice(0, 6);
    const kind = countyKindOfName(name);
    features.push({
      type: "Feature",
      geometry: f.geometry,
      properties: { code: code.slice(0, 6), name, kind, seat: interiorPoint(f.geometry), city: opts.city },
    });
  });
  return { counties: { type: "FeatureCollection", features }, issues };
}
