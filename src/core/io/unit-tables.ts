import type { MultiPolygon, Polygon } from "geojson";
import type { CountyStaffing, UnitPopulation } from "../model";
import { parseBoundaryFile } from "./boundaries";
import { describeFileError } from "./errors";
import { type CountyRef, detectFormat } from "./facilities";
import { notACount } from "./numbers";
import { parseTableBytes, type Table } from "./tabular";
import type { RowIssue } from "./types";

type Issue = (row: number, field: string, code: string, zh: string, en: string, value?: string) => void;

function issueSink(fileName: string, issues: RowIssue[]): Issue {
  return (row, field, code, zh, en, value) =>
    issues.push({
      file: fileName,
      row,
      field,
      ...(value !== undefined ? { value } : {}),
      severity: "error",
      code,
      message: { zh, en },
    });
}

async function readTable(
  data: Uint8Array,
  fileName: string,
  what: { zh: string; en: string },
  issue: Issue,
  issues: RowIssue[],
) {
  try {
    const table = await parseTableBytes(data, fileName, detectFormat(data, fileName) === "xlsx" ? "xlsx" : "csv");
    // a CSV named .xlsx (or a workbook named .csv), read as what it is: said as a warning naming the file
    for (const n of table.notes ?? [])
      if (n.code === "extension-mismatch")
        issues.push({ file: fileName, row: 0, field: "", severity: n.severity, code: n.code, message: n.message });
    return table;
  } catch (e) {
    const why = describeFileError(e);
    issue(
      0,
      "",
      why.code,
      `无法读取${what.zh}：${why.message.zh}`,
      `cannot read the ${what.en}: ${why.message.en}`,
      why.detail,
    );
    return undefined;
  }
}

/** A non-negative number from a cell ("1,234" and "1.2万" read as 1234 and 12000), or NaN. */
function count(text: string, scale: number): number {
  const s = text.trim().replace(/[,，\s]/g, "");
  const m = /^(\d+(?:\.\d+)?)(万)?$/.exec(s);
  if (!m) return Number.NaN;
  return Number(m[1]) * (m[2] ? 10_000 : scale);
}

const UNIT_CODE =
  /^(代码|区划代码|统计用区划代码|乡镇代码|村代码|行政村代码|code|adcode|township[_ ]?code|village[_ ]?code)$/i;
const POPULATION = /人口|population|pop/i;

/**
 * Parses a table of township / street (9-digit code) and administrative-village (12-digit code) populations
 * (CSV or XLSX; columns 代码/code and 人口/population, a header with 万 scales by 10,000). Used by THC-BEDS (each
 * centre's service population), CHC-PER-STREET (streets under 3万, 002:191) and VC-PER-VILLAGE (villages of 800+,
 * 004:437). Rows with a bad code or number are errors naming row and field.
 */
export async function parseUnitPopulationTable(
  data: Uint8Array,
  fileName: string,
): Promise<{ population: UnitPopulation[]; issues: RowIssue[] }> {
  const issues: RowIssue[] = [];
  const issue = issueSink(fileName, issues);
  const table = await readTable(
    data,
    fileName,
    { zh: "乡镇/村人口表", en: "township/village population table" },
    issue,
    issues,
  );
  if (!table) return { population: [], issues };
  const h = table.headers;
  const codeCol = h.findIndex((x) => UNIT_CODE.test(x.trim()));
  const valueCol = h.findIndex((x) => POPULATION.test(x));
  if (codeCol < 0 || valueCol < 0) {
    issue(
      0,
      "",
      "missing-column",
      "乡镇/村人口表需要“代码”列（9 位乡镇或 12 位村代码）和“人口”列",
      "the township/village population table needs a code column (9- or 12-digit) and a population column",
    );
    return { population: [], issues };
  }
  const scale = /万/.test(h[valueCol]) ? 10_000 : 1;
  const population: UnitPopulation[] = [];
  for (const { row, cells } of table.rows) {
    const code = (cells[codeCol] ?? "").trim();
    if (!/^\d{9}$|^\d{12}$/.test(code)) {
      issue(
        row,
        h[codeCol],
        "not-a-code",
        `代码“${code}”不是 9 位乡镇或 12 位村代码`,
        `code "${code}" is not a 9-digit township or 12-digit village code`,
        code,
      );
      continue;
    }
    const text = cells[valueCol] ?? "";
    const v = count(text, scale);
    if (!Number.isFinite(v)) {
      const why = notACount({ zh: "人口", en: "population" }, text);
      issue(row, h[valueCol], "not-a-number", why.zh, why.en, text);
      continue;
    }
    population.push({ code, population: Math.round(v) });
  }
  return { population, issues };
}

const STAFF_COLUMNS: Array<[keyof Omit<CountyStaffing, "code" | "source">, RegExp]> = [
  ["gps", /全科/],
  ["doctors", /执业.*医师|^医师|doctor|physician/i],
  ["nurses", /护士|nurse/i],
  ["pharmacists", /药师|pharmacist/i],
];
const COUNTY_CODE = /^(代码|区划代码|县区代码|code|adcode|county[_ ]?code)$/i;
const COUNTY_NAME = /^(县区|区县|县（市、区）|县\(市、区\)|名称|county|name)$/i;

function countyResolver(counties: CountyRef[]): (name: string) => string | undefined {
  const byName = new Map<string, string>();
  for (const c of counties) {
    byName.set(c.name.trim(), c.code);
    const short = c.name.trim().replace(/(自治县|县|区|市)$/, "");
    if (short.length >= 2 && !byName.has(short)) byName.set(short, c.code);
  }
  return (name) => byName.get(name.trim()) ?? byName.get(name.trim().replace(/(自治县|县|区|市)$/, ""));
}

function staffRows(table: Table, fileName: string, counties: CountyRef[], issue: Issue): CountyStaffing[] {
  const h = table.headers;
  const codeCol = h.findIndex((x) => COUNTY_CODE.test(x.trim()));
  const nameCol = h.findIndex((x) => COUNTY_NAME.test(x.trim()));
  const cols = STAFF_COLUMNS.map(([key, re]) => [key, h.findIndex((x) => re.test(x))] as const).filter(
    ([, i]) => i >= 0,
  );
  if ((codeCol < 0 && nameCol < 0) || cols.length === 0) {
    issue(
      0,
      "",
      "missing-column",
      "县人员表需要“代码”或“县区”列，以及医师、护士、药师、全科医生中至少一列",
      "the county staffing table needs a code or county column and at least one of doctors, nurses, pharmacists, GPs",
    );
    return [];
  }
  const resolve = countyResolver(counties);
  const out: CountyStaffing[] = [];
  for (const { row, cells } of table.rows) {
    const codeText = codeCol >= 0 ? (cells[codeCol] ?? "").trim() : "";
    const nameText = nameCol >= 0 ? (cells[nameCol] ?? "").trim() : "";
    const code = /^\d{6}$/.test(codeText) ? codeText : nameText ? resolve(nameText) : undefined;
    if (!code) {
      issue(
        row,
        codeCol >= 0 ? h[codeCol] : h[nameCol],
        "unresolved-county",
        `无法确定“${codeText || nameText}”的县级代码`,
        `cannot resolve "${codeText || nameText}" to a county code`,
        codeText || nameText,
      );
      continue;
    }
    if (counties.length > 0 && !counties.some((c) => c.code === code)) {
      // a county of another city would be kept and never used: say so instead
      issue(
        row,
        codeCol >= 0 ? h[codeCol] : h[nameCol],
        "unknown-county",
        `代码 ${code} 不是本市的县区`,
        `code ${code} is not a county of this city`,
        code,
      );
      continue;
    }
    const entry: CountyStaffing = { code, source: fileName };
    let bad = false;
    for (const [key, i] of cols) {
      const text = (cells[i] ?? "").trim();
      if (text === "") continue;
      const v = count(text, 1);
      if (!Number.isFinite(v)) {
        const why = notACount({ zh: h[i], en: h[i] }, text);
        issue(row, h[i], "not-a-number", why.zh, why.en, text);
        bad = true;
        continue;
      }
      entry[key] = v;
    }
    if (!bad) out.push(entry);
  }
  return out;
}

/**
 * Parses a county staffing table (CSV or XLSX): a 6-digit code or county name, and any of 执业（助理）医师, 注册护士,
 * 药师（士）, 全科医生 (persons). Used by the staffing indicators where facilities carry no staff columns.
 */
export async function parseStaffingTable(
  data: Uint8Array,
  fileName: string,
  opts: { counties?: CountyRef[] } = {},
): Promise<{ staffing: CountyStaffing[]; issues: RowIssue[] }> {
  const issues: RowIssue[] = [];
  const issue = issueSink(fileName, issues);
  const table = await readTable(data, fileName, { zh: "县人员表", en: "county staffing table" }, issue, issues);
  if (!table) return { staffing: [], issues };
  return { staffing: staffRows(table, fileName, opts.counties ?? [], issue), issues };
}

/**
 * Reads urban-area polygons (中心城区 / 城镇开发边界 of a 国土空间规划) from GeoJSON, KML or a zipped Shapefile, in
 * WGS84 / CGCS2000 (a Shapefile's .prj is honoured). They replace the default built-up discs. Features that are not
 * polygons are errors; polygons need no code.
 */
export async function parseUrbanAreaFile(
  data: Uint8Array,
  fileName: string,
): Promise<{ polygons: Array<Polygon | MultiPolygon>; issues: RowIssue[] }> {
  const parsed = await parseBoundaryFile(data, fileName);
  const issues = parsed.issues.filter((i) => i.code !== "missing-code");
  const polygons = parsed.boundaries.features.map((f) => f.geometry);
  if (polygons.length === 0 && !issues.some((i) => i.severity === "error"))
    issues.push({
      file: fileName,
      row: 0,
      field: "",
      severity: "error",
      code: "no-polygon",
      message: { zh: "文件中没有城区多边形", en: "the file holds no urban polygon" },
    });
  return { polygons, issues };
}
