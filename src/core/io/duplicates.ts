import { geodesicDistanceKm, geodesicWithinKm } from "../geo/geodesic";
import { FACILITY_TYPE_LABELS, type Facility } from "../model";
import type { RecordUnit } from "./facilities";
import type { RowIssue } from "./types";

/** How near (m, inclusive, geodesic) two rows of the same name and type must be to be taken for one facility twice. */
export const NEAR_DUPLICATE_M = 100;

/**
 * How near (km, inclusive, geodesic) two rows of the same name, type and county must be to be said to be perhaps one
 * facility entered twice with another position (Amap's and Baidu's readings of one place differ by up to ~1 km; two
 * villages of one name in a county lie farther apart, 1.6 km at the nearest in the four sample lists).
 */
export const SAME_NAME_KM = 3;

/**
 * Grid cells of this many degrees: two points of one cell are at most 0.0005° × 111.7 km × √2 ≈ 79 m apart (less than
 * {@link NEAR_DUPLICATE_M}), so a cell's first row is always near enough to the next ones in it.
 */
const CELL_DEG = 0.0005;
/** Least length of a degree of latitude (m, at the equator) and of longitude at the equator (m): lower bounds. */
const LAT_DEGREE_M = 110_574;
const LON_DEGREE_M = 111_319;
/** Cells looked at each way in longitude at most (beyond 85° of latitude a cell is too narrow; not China). */
const MAX_LON_CELLS = 64;
/** Cells each way in latitude that hold every point within {@link NEAR_DUPLICATE_M}. */
const LAT_CELLS = Math.ceil(NEAR_DUPLICATE_M / LAT_DEGREE_M / CELL_DEG);

/**
 * How many grid cells of `cellDeg` each way in longitude hold every point within `metres` of one at `lat`: measured at
 * the latitude `rowsAway` cells poleward, where a degree of longitude is shortest (capped at {@link MAX_LON_CELLS}).
 */
function lonCellsWithin(lat: number, metres: number, cellDeg: number, rowsAway: number): number {
  const far = Math.min(89.9, Math.abs(lat) + rowsAway * cellDeg);
  return Math.min(MAX_LON_CELLS, Math.ceil(metres / (LON_DEGREE_M * Math.cos((far * Math.PI) / 180)) / cellDeg));
}

/**
 * What a search for rows entered twice is told: the name column (the field its warnings name), how the file numbers its
 * records, and the rows already warned of (left out).
 */
export interface DuplicateSearch {
  field: string;
  unit: RecordUnit;
  skipRows?: ReadonlySet<number>;
}

/** The words for a file's numbered item in each language. */
const UNIT_WORDS: Record<RecordUnit, { zh: (n: number) => string; en: (n: number) => string }> = {
  row: { zh: (n) => `第 ${n} 行`, en: (n) => `row ${n}` },
  feature: { zh: (n) => `第 ${n} 个要素`, en: (n) => `feature ${n}` },
  record: { zh: (n) => `第 ${n} 条记录`, en: (n) => `record ${n}` },
};

/** A name as compared: without any blank (「明化镇 卫生院」 and 「明化镇卫生院」 are one). */
export const nameKey = (name: string) => name.replace(/\s+/g, "");

/**
 * The rows of an imported list that are likely one facility entered twice with slightly different positions (the
 * user trial: 明化镇卫生院 on rows 15 and 16, 35 m apart, counted twice in every figure): each later row whose name (as
 * given in the file: a name the import made up for an empty cell never matches) and facility type are those of an
 * earlier row within {@link NEAR_DUPLICATE_M} m (geodesic) gets a 【存疑】 warning, code "possible-duplicate", field
 * the name column, value the name, naming the earlier row (the first of its grid cell, else the earliest near it) and
 * the distance in metres. The row stays imported: the user
 * strikes it out (剔除 in the app, `--drop-rows` on the command line). Rows in `skipRows` (already warned as exact
 * copies, "duplicate-row") get no second warning; a proposed upgrade and the facility it raises are not a pair.
 * Rows are bucketed by name, type and a grid cell, so a list of 100,000 rows costs a few map look-ups a row.
 */
export function nearDuplicateIssues(
  file: string,
  facilities: readonly Facility[],
  rows: readonly number[],
  opts: DuplicateSearch,
): RowIssue[] {
  const issues: RowIssue[] = [];
  // name and type → grid cell (a number) → the indices of the facilities in it, in file order
  const buckets = new Map<string, Map<number, number[]>>();
  const cellOf = (lon: number, lat: number) => [Math.floor((lon + 180) / CELL_DEG), Math.floor((lat + 90) / CELL_DEG)];
  const cellKey = (cx: number, cy: number) => cx * 2_000_000 + cy;
  const words = UNIT_WORDS[opts.unit];
  const near = (a: Facility, b: Facility) =>
    pairOf(a, b) && geodesicWithinKm(a.lon, a.lat, b.lon, b.lat, NEAR_DUPLICATE_M / 1000);
  facilities.forEach((f, k) => {
    if (f.nameGiven || !Number.isFinite(f.lon) || !Number.isFinite(f.lat)) return;
    const name = nameKey(f.name);
    if (name === "") return;
    const bucketKey = `${f.type}|${name}`;
    const cells = buckets.get(bucketKey);
    const [cx, cy] = cellOf(f.lon, f.lat);
    const own = cellKey(cx, cy);
    if (!cells) {
      buckets.set(bucketKey, new Map([[own, [k]]]));
      return;
    }
    // an earlier row near: its cell's first when it has one (at most 79 m away), else the earliest near one in the cells
    // around, which only a cell's first row looks through (so no row looks at more than the cells around it once)
    let earlier: number | undefined;
    const here = cells.get(own);
    if (here) earlier = here.find((j) => near(f, facilities[j]));
    else {
      const lonCells = lonCellsWithin(f.lat, NEAR_DUPLICATE_M, CELL_DEG, LAT_CELLS + 1);
      for (let dy = -LAT_CELLS; dy <= LAT_CELLS; dy++)
        for (let dx = -lonCells; dx <= lonCells; dx++) {
          const list = dx === 0 && dy === 0 ? undefined : cells.get(cellKey(cx + dx, cy + dy));
          if (!list) continue;
          // in file order: the first near one is the cell's earliest
          for (const i of list) {
            if (earlier !== undefined && i >= earlier) break;
            if (near(f, facilities[i])) {
              earlier = i;
              break;
            }
          }
        }
    }
    if (here) here.push(k);
    else cells.set(own, [k]);
    if (earlier === undefined || opts.skipRows?.has(rows[k])) return;
    const other = facilities[earlier];
    const metres = geodesicDistanceKm(other.lon, other.lat, f.lon, f.lat) * 1000;
    const row = rows[k];
    const first = rows[earlier];
    const type = FACILITY_TYPE_LABELS[f.type];
    const apartZh = metres < 1 ? "相距不到 1 米" : `相距 ${Math.round(metres)} 米`;
    const apartEn = metres < 1 ? "less than 1 m apart" : `${Math.round(metres)} m apart`;
    issues.push({
      file,
      row,
      field: opts.field,
      value: f.name,
      severity: "warning",
      code: "possible-duplicate",
      message: {
        zh: `疑似重复：与${words.zh(first)}名称（${f.name}）、类型（${type.zh}）相同，${apartZh}；如是同一机构，请剔除本行（导入面板中勾选“剔除”，命令行加 --drop-rows ${row}），否则各项核查会把它计两次`,
        en: `possible duplicate: same name (${f.name}) and type (${type.en}) as ${words.en(first)}, ${apartEn}; if it is the same facility, strike this row out (tick it in the import panel, or add --drop-rows ${row} on the command line), or every check counts it twice`,
      },
    });
  });
  return issues;
}

/** Cells of {@link sameNameIssues}' grid, in degrees: 0.03° of latitude is at least 3.3 km (> {@link SAME_NAME_KM}). */
const SAME_CELL_DEG = 0.03;

/**
 * Rows of the same name (as given) and facility type as an earlier row of the same county (or both of none), not in
 * villages or townships of different codes, farther apart than {@link NEAR_DUPLICATE_M} (those {@link nearDuplicateIssues} says) but within {@link SAME_NAME_KM}: one
 * facility entered twice with another position, or two given one name (the planner trial, s56 M3: 寨一村卫生室 on rows
 * 55 and 60, 1.3 km apart, both counted for one village). Each such later row gets a 【存疑】 warning, code
 * "same-name", naming the earliest such row and the distance; the row stays imported. Rows in `skipRows` (warned as
 * copies or near duplicates already) are left out. Bucketed by name, type, county and a 0.03° grid.
 */
export function sameNameIssues(
  file: string,
  facilities: readonly Facility[],
  rows: readonly number[],
  opts: DuplicateSearch,
): RowIssue[] {
  const issues: RowIssue[] = [];
  const buckets = new Map<string, Map<number, number[]>>();
  const words = UNIT_WORDS[opts.unit];
  const cellKey = (cx: number, cy: number) => cx * 100_000 + cy;
  facilities.forEach((f, k) => {
    if (f.nameGiven || !Number.isFinite(f.lon) || !Number.isFinite(f.lat) || opts.skipRows?.has(rows[k])) return;
    const name = nameKey(f.name);
    if (name === "") return;
    const key = `${f.type}|${name}|${f.county ?? ""}`;
    const cells = buckets.get(key) ?? new Map<number, number[]>();
    buckets.set(key, cells);
    const cx = Math.floor((f.lon + 180) / SAME_CELL_DEG);
    const cy = Math.floor((f.lat + 90) / SAME_CELL_DEG);
    const lonCells = lonCellsWithin(f.lat, SAME_NAME_KM * 1000, SAME_CELL_DEG, 2);
    let earlier: number | undefined;
    for (let dy = -1; dy <= 1; dy++)
      for (let dx = -lonCells; dx <= lonCells; dx++)
        for (const j of cells.get(cellKey(cx + dx, cy + dy)) ?? []) {
          if (earlier !== undefined && j >= earlier) break;
          const g = facilities[j];
          if (pairOf(f, g) && !otherUnits(f, g) && geodesicWithinKm(f.lon, f.lat, g.lon, g.lat, SAME_NAME_KM))
            earlier = j;
        }
    if (earlier === undefined) {
      // only rows warned of none are kept to compare with: a third copy names the first
      const own = cellKey(cx, cy);
      const list = cells.get(own);
      if (list) list.push(k);
      else cells.set(own, [k]);
      return;
    }
    issues.push(sameNameIssue(file, facilities[earlier], rows[earlier], f, rows[k], opts.field, words));
  });
  return issues;
}

/**
 * Two rows the file places in different villages or townships (by their codes): two places of one name (大庄村 twice
 * in 镇平县, 2.7 km apart), not one entered twice.
 */
const otherUnits = (a: Facility, b: Facility) =>
  (a.village !== undefined && b.village !== undefined && a.village !== b.village) ||
  (a.township !== undefined && b.township !== undefined && a.township !== b.township);

/** A proposed upgrade and the facility it raises are one place by design, not a pair of rows. */
const pairOf = (a: Facility, b: Facility) => a.replaces !== b.id && b.replaces !== a.id;

/** The warning of {@link sameNameIssues} on `row` (`f`), naming the earlier row `firstRow` (`first`). */
function sameNameIssue(
  file: string,
  first: Facility,
  firstRow: number,
  f: Facility,
  row: number,
  field: string,
  words: { zh: (n: number) => string; en: (n: number) => string },
): RowIssue {
  const km = geodesicDistanceKm(first.lon, first.lat, f.lon, f.lat);
  const apart = km < 1 ? `${Math.round(km * 1000)} 米` : `${km.toFixed(1)} 公里`;
  const apartEn = km < 1 ? `${Math.round(km * 1000)} m` : `${km.toFixed(1)} km`;
  const type = FACILITY_TYPE_LABELS[f.type];
  const county = f.county ? `，同在县区 ${f.county}` : "";
  const countyEn = f.county ? `, in the same county (${f.county})` : "";
  return {
    file,
    row,
    field,
    value: f.name,
    severity: "warning",
    code: "same-name",
    message: {
      zh: `同名：与${words.zh(firstRow)}名称（${f.name}）、类型（${type.zh}）相同${county}，相距 ${apart}；如是同一机构录入两次，请剔除其中一行（导入面板中勾选“剔除”，命令行加 --drop-rows ${row}），否则各项核查会把它计两次；如是两所机构，请在名称中区分`,
      en: `same name: the name (${f.name}) and type (${type.en}) of ${words.en(firstRow)}${countyEn}, ${apartEn} apart; if it is one facility entered twice, strike one row out (tick it in the import panel, or add --drop-rows ${row} on the command line), or every check counts it twice; if they are two facilities, tell them apart by name`,
    },
  };
}
