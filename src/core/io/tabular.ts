import { unzipSync } from "fflate";
import Papa from "papaparse";
import { checkArchive } from "./archive";
import { FileProblem } from "./errors";
import { shortValue } from "./numbers";
import { decodeNoteMessage, decodeText, fileExt } from "./text";
import type { Message } from "./types";

/** A problem with the file's text rather than with a row's values: where it is and what it is. */
export interface TableNote {
  /** Spreadsheet row (header = 1); 0 for the whole file. */
  row: number;
  /** Index of the cell concerned, if one. */
  col?: number;
  code: string;
  severity: "error" | "warning" | "note";
  message: Message;
  value?: string;
}

/** A table read from CSV or XLSX: header cells and data rows, with spreadsheet row numbers. */
export interface Table {
  headers: string[];
  /** Data rows (blank rows removed), each with its spreadsheet row number (header = 1). */
  rows: Array<{ row: number; cells: string[] }>;
  encoding?: string;
  sheet?: string;
  sheets?: string[];
  /** Quoting and encoding problems, each named by row (absent or empty when there were none). */
  notes?: TableNote[];
}

/** Longest run of lines a quoted cell may span before an unclosed quote is taken for a stray one. */
const MAX_QUOTED_LINES = 100;

/**
 * Parses CSV text (delimiter auto-detected among comma, tab, semicolon). The first non-blank record is the header.
 * A malformed quote (a stray `"` as in `"阳光"卫生院`, or one never closed) does not swallow the rows after it: the
 * text is then read line by line, a quoted cell may still span lines when its quotes pair up within
 * {@link MAX_QUOTED_LINES} lines, and any other line with a quote problem is read literally (quotes kept as text)
 * with a "stray-quote" warning naming its row and cell.
 */
export function parseCsvText(text: string): Table {
  return readCsv(text).table;
}

/**
 * The 1-based physical line (ended by LF, CR LF or a lone CR) on which each record of well-quoted CSV text starts: a
 * line break inside quotes continues the record. Undefined if that does not give `count` records (Papa Parse split
 * them otherwise, as on mixed line endings).
 */
function recordStartLines(text: string, count: number): number[] | undefined {
  const starts = [1];
  let line = 1;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) quoted = !quoted;
    else if (c === 0x0a || c === 0x0d) {
      if (c === 0x0d && text.charCodeAt(i + 1) === 0x0a) i++;
      line++;
      if (!quoted) starts.push(line);
    }
  }
  return starts.length === count ? starts : undefined;
}

/**
 * The text with every record's line ending "\n": Papa takes the first line's ending for the whole file, so a CRLF
 * header over LF rows (rows a script appended to an Excel header) read as one row, the rest lost in its last cell (the
 * GIS trial: 1 of 6,799 rows, exit 0). A line break inside a quoted cell is kept as written.
 */
function oneLineEnding(text: string): string {
  if (!text.includes("\r")) return text;
  const out: string[] = [];
  let from = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) quoted = !quoted;
    else if (c === 0x0d && !quoted) {
      out.push(text.slice(from, i), "\n");
      if (text.charCodeAt(i + 1) === 0x0a) i++;
      from = i + 1;
    }
  }
  out.push(text.slice(from));
  return out.join("");
}

/** {@link parseCsvText}, with the physical line each record starts on (when known) for naming rows. */
function readCsv(raw: string): { table: Table; starts?: number[] } {
  const text = oneLineEnding(raw);
  const delimiter = headerDelimiter(text);
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false, delimiter, newline: "\n" });
  if (!parsed.errors.some((e) => e.type === "Quotes"))
    return { table: tableFromRecords(parsed.data.map(cellsOf)), starts: recordStartLines(text, parsed.data.length) };
  const lines = text.split(/\r\n|\n|\r/);
  const records: string[][] = [];
  const starts: number[] = [];
  const stray: Array<{ record: number; col: number; value: string }> = [];
  const quotes = (l: string) => {
    let n = 0;
    for (let k = l.indexOf('"'); k >= 0; k = l.indexOf('"', k + 1)) n++;
    return n;
  };
  let i = 0;
  while (i < lines.length) {
    const one = Papa.parse<string[]>(lines[i], { delimiter, skipEmptyLines: false });
    if (one.errors.length === 0) {
      starts.push(i + 1);
      records.push(cellsOf(one.data[0] ?? [""]));
      i++;
      continue;
    }
    if (one.errors.every((e) => e.code === "MissingQuotes")) {
      // perhaps a quoted cell that goes on over the next lines: join until the quotes pair up
      let count = quotes(lines[i]);
      let j = i;
      while (count % 2 === 1 && j + 1 < lines.length && j - i < MAX_QUOTED_LINES) count += quotes(lines[++j]);
      if (count % 2 === 0) {
        const joined = Papa.parse<string[]>(lines.slice(i, j + 1).join("\n"), { delimiter, skipEmptyLines: false });
        if (joined.errors.length === 0 && joined.data.length === 1) {
          starts.push(i + 1);
          records.push(cellsOf(joined.data[0]));
          i = j + 1;
          continue;
        }
      }
    }
    const cells = lines[i].split(delimiter);
    const col = Math.max(
      0,
      cells.findIndex((c) => c.includes('"')),
    );
    stray.push({ record: records.length, col, value: cells[col] ?? "" });
    starts.push(i + 1);
    records.push(cells);
    i++;
  }
  const table = tableFromRecords(records);
  table.notes = [
    ...(table.notes ?? []),
    ...stray.map(({ record, col, value }) => ({
      row: record + 1,
      col,
      code: "stray-quote",
      severity: "warning" as const,
      value: shortValue(value),
      message: {
        zh: '引号不成对（如 "阳光"卫生院），该行按原文读取，引号保留为文字：请核对',
        en: 'unpaired double quote (as in "阳光"卫生院); the row was read as written, quotes kept as text: please check',
      },
    })),
  ];
  return { table, starts };
}

/**
 * The delimiter of a CSV, from its header line (the first non-blank one holding one: a title may hold none): whichever of comma, tab, semicolon and
 * bar occurs most often there outside quotes; comma on a tie or when none does. Papa Parse's own guess weighs the
 * data rows too and can take a semicolon inside quoted cells for the delimiter.
 */
function headerDelimiter(text: string): string {
  // the first non-blank line that holds a delimiter: a title line above the header may hold none
  const lines = text.slice(0, 64 * 1024).split(/\r\n|\n|\r/);
  let looked = 0;
  for (const line of lines) {
    if (line.trim() === "") continue;
    const counts: Record<string, number> = { ",": 0, "\t": 0, ";": 0, "|": 0 };
    let quoted = false;
    for (const ch of line) {
      if (ch === '"') quoted = !quoted;
      else if (!quoted && ch in counts) counts[ch]++;
    }
    let best = ",";
    for (const d of ["\t", ";", "|"]) if (counts[d] > counts[best]) best = d;
    if (counts[best] > 0 || ++looked > MAX_TITLE_ROWS) return best;
  }
  return ",";
}

/** The rows (record index + 1, header = 1) holding the given physical lines, each once, in order. */
function linesToRows(lines: number[], starts: number[]): number[] {
  const rows: number[] = [];
  let k = 0;
  for (const line of lines) {
    while (k + 1 < starts.length && starts[k + 1] <= line) k++;
    if (rows[rows.length - 1] !== k + 1) rows.push(k + 1);
  }
  return rows;
}

function cellsOf(r: unknown[]): string[] {
  return r.map((c) => (c == null ? "" : String(c)));
}

/** The signature every Office 97–2003 file (.xls, .doc: OLE2 compound documents) starts with. */
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/**
 * What a table reader takes besides CSV, for the advice its messages give: "xlsx" (facilities, population, unit
 * tables) or "geojson" (demand points, which read no workbook: a workbook must be saved as CSV).
 */
export type TableAlso = "xlsx" | "geojson";

/** What to do with a file the reader cannot take, in words that fit what the reader does take. */
function advice(also: TableAlso): Message {
  return also === "xlsx"
    ? { zh: "请导入 CSV（UTF-8 或 GBK）或 .xlsx", en: "import a CSV (UTF-8 or GBK) or an .xlsx" }
    : {
        zh: "这里只读 CSV（UTF-8 或 GBK）或 GeoJSON，请在 Excel 或 WPS 中另存为 CSV（UTF-8）后再导入",
        en: "this import reads only CSV (UTF-8 or GBK) or GeoJSON: save it as CSV (UTF-8) in Excel or WPS and import that",
      };
}

/**
 * The problem of bytes that are an Office 97–2003 file (an .xls, whatever its name says), which no reader here
 * takes: the user is told to save it as .xlsx or CSV (as CSV where the reader takes no workbook). Undefined for any
 * other bytes.
 */
function officeKind(data: Uint8Array, also: TableAlso = "xlsx"): FileProblem | undefined {
  if (data.length < OLE2.length || OLE2.some((b, i) => data[i] !== b)) return undefined;
  const [zh, en] =
    also === "xlsx" ? [".xlsx 或 CSV（UTF-8）", ".xlsx or CSV (UTF-8)"] : ["CSV（UTF-8）", "CSV (UTF-8)"];
  return new FileProblem("old-office-file", {
    zh: `这是 Office 97–2003 格式的文件（如 .xls），无法直接读取：请在 Excel 或 WPS 中另存为 ${zh}后再导入`,
    en: `this is an Office 97–2003 file (such as .xls), which cannot be read: save it as ${en} in Excel or WPS and import that`,
  });
}

/**
 * The problem of decoded text that is not text at all (an image, a PDF, an executable, a damaged file): any NUL
 * character, or more than 1 % control characters other than tab and line breaks. A table can hold neither, and
 * reading one as rows would give a header of noise and a message per row. Undefined for text.
 */
function binaryText(text: string, also: TableAlso): FileProblem | undefined {
  let control = 0;
  const n = Math.min(text.length, 65_536);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) {
      control = n;
      break;
    }
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f) control++;
  }
  if (n === 0 || control <= n * 0.01) return undefined;
  const a = advice(also);
  return new FileProblem("not-a-table", {
    zh: `文件不是文本表格（含二进制数据，可能是图片、PDF、压缩包或已损坏的文件）：${a.zh}`,
    en: `the file is not a text table (it holds binary data: an image, a PDF, an archive or a damaged file): ${a.en}`,
  });
}

/** The start of every PDF file; a PDF of plain text alone has no binary bytes to give it away. */
const PDF = "%PDF-";

/**
 * The problem of bytes that are a known kind of file other than a text table: a PDF (text-only PDFs pass the binary
 * test), or, for a reader that takes no workbook, any ZIP archive (an .xlsx, a .docx, a zipped Shapefile), named for
 * what it holds. Undefined otherwise.
 */
function otherKind(data: Uint8Array, also: TableAlso): FileProblem | undefined {
  const a = advice(also);
  if (data.length >= PDF.length && [...PDF].every((ch, i) => data[i] === ch.charCodeAt(0)))
    return new FileProblem("not-a-table", {
      zh: `文件是 PDF 文档，不是表格：${a.zh}`,
      en: `the file is a PDF document, not a table: ${a.en}`,
    });
  if (also === "xlsx" || !isZip(data)) return undefined;
  let names: string[];
  try {
    names = checkArchive(data).names;
  } catch {
    names = [];
  }
  const kind = zipKind(names);
  return new FileProblem("not-a-table", {
    zh: `文件是${spaced(kind.zh)}，不是 CSV 表格：${a.zh}`,
    en: `the file is ${kind.en}, not a CSV table: ${a.en}`,
  });
}

/**
 * Decodes (UTF-8 / UTF-8 BOM / GB18030, lines of mixed encoding each in its own) and parses CSV bytes. Encoding
 * warnings name rows (spreadsheet numbering, as every other issue), not the physical lines the decoder saw: a quoted
 * cell spanning lines would otherwise shift every number after it. Throws {@link FileProblem} for an Office 97–2003
 * file ("old-office-file") and for bytes that are not a text table ("not-a-table": binary bytes, a PDF, and for a
 * reader that takes no workbook (`also: "geojson"`) any ZIP, named for what it holds). The advice in both names what
 * the reader does take: CSV or .xlsx (default), or CSV or GeoJSON.
 */
export function parseCsvBytes(data: Uint8Array, opts: { also?: TableAlso } = {}): Table {
  const also = opts.also ?? "xlsx";
  const known = officeKind(data, also) ?? otherKind(data, also);
  if (known) throw known;
  const { text, encoding, notes } = decodeText(data);
  const binary = binaryText(text, also);
  if (binary) throw binary;
  const { table, starts } = readCsv(text);
  const decodeNotes: TableNote[] = notes.map((n) => {
    const rows = starts ? linesToRows(n.lines, starts) : undefined;
    return {
      row: 0,
      code: n.code,
      severity: "warning",
      message: decodeNoteMessage(n, rows),
      ...(n.code !== "bom-not-utf8" && n.code !== "big5" ? { value: (rows ?? n.lines).slice(0, 20).join(", ") } : {}),
    };
  });
  return { ...table, encoding, notes: [...decodeNotes, ...(table.notes ?? [])] };
}

/** Drops the single quote our CSV exports put before text starting like a formula ('=…, '+…, '-…, '@…). */
function unguardFormula(c: string): string {
  return c.length > 1 && c[0] === "'" && /[=+\-@\t\r]/.test(c[1]) ? c.slice(1) : c;
}

/**
 * The first filled cell of a totals row under a table (a county 报表's 「合计」, 「小计」, 「总计」): not a record, and
 * in a population table a sum that would count every person twice (the re-trial: 「合计」 rejected as a facility with
 * three errors, so a clean file exited 3).
 */
const TOTALS = /^(合\s*计|小\s*计|总\s*计|共\s*计|累\s*计|总\s*数|全县合计|全市合计)[:：]?$/;

/** Rows above the header that may be a title (a provincial export's 「XX市医疗卫生机构名录（2024年导出）」 and a blank). */
const MAX_TITLE_ROWS = 5;

function filled(cells: readonly string[]): number {
  let n = 0;
  for (const c of cells) if (c.trim() !== "") n++;
  return n;
}

/**
 * The header: the first non-blank record, unless that holds one or two cells (a title, a 「填报单位：…」「填报日期：…」
 * line) and a record within the next {@link MAX_TITLE_ROWS} holds three or more: then that one, the rows above it said
 * in a note (the GIS trial: a title row above the header rejected every row, 「找不到经度列和纬度列」; the re-trial: a
 * 填报单位 line of two cells under the title stopped the search). A table of two columns keeps its first row. Repeated
 * header names are noted: the first is used.
 */
function tableFromRecords(records: string[][]): Table {
  let h = 0;
  while (h < records.length && records[h].every((c) => c.trim() === "")) h++;
  const notes: TableNote[] = [];
  if (h < records.length && filled(records[h]) <= 2) {
    for (let k = h + 1; k < Math.min(records.length, h + 1 + MAX_TITLE_ROWS); k++) {
      const n = filled(records[k]);
      if (n <= 2) continue;
      const title = records[h].find((c) => c.trim() !== "")?.trim() ?? "";
      const rows = k - h === 1 ? `第 ${h + 1} 行` : `第 ${h + 1}–${k} 行`;
      const rowsEn = k - h === 1 ? `row ${h + 1}` : `rows ${h + 1}–${k}`;
      notes.push({
        row: 0,
        code: "title-rows-skipped",
        severity: "note",
        value: shortValue(title),
        message: {
          zh: `${rows}是标题（“${shortValue(title)}”），已跳过：表头取第 ${k + 1} 行`,
          en: `${rowsEn} ${k - h === 1 ? "is a title" : "are a title"} ("${shortValue(title)}"), skipped: the header is row ${k + 1}`,
        },
      });
      h = k;
      break;
    }
  }
  let headers = (records[h] ?? []).map((c) => c.replace(/^\uFEFF/, "").trim());
  // a header of two rows, the upper one's merged cells over groups of columns (「基本信息」 over 编码, 名称, 类别;
  // 「坐标」 over 经度, 纬度): the lower row names the columns, the upper one those it leaves empty (a cell merged down
  // over both rows) (the bad-files trial, s56b M5: every row refused, the lower header read as a record)
  const lower = records[h + 1];
  if (lower && isLowerHeader(headers, lower)) {
    const width = Math.max(headers.length, lower.length);
    headers = Array.from({ length: width }, (_, c) => (lower[c] ?? "").trim() || (headers[c] ?? ""));
    notes.push({
      row: 0,
      code: "two-row-header",
      severity: "note",
      value: headers.join("、"),
      message: {
        zh: `第 ${h + 1}–${h + 2} 行是两行表头（上行为合并单元格）：列名取第 ${h + 2} 行，其空处取第 ${h + 1} 行；数据从第 ${h + 3} 行起`,
        en: `rows ${h + 1}–${h + 2} are a header of two rows (the upper one of merged cells): the column names are row ${h + 2}'s, row ${h + 1}'s where it has none; the records start at row ${h + 3}`,
      },
    });
    h++;
  }
  const seen = new Map<string, number[]>();
  headers.forEach((name, i) => {
    if (name) seen.set(name, [...(seen.get(name) ?? []), i]);
  });
  for (const [name, cols] of seen)
    if (cols.length > 1)
      notes.push({
        row: 0,
        col: cols[0],
        code: "duplicate-header",
        severity: "warning",
        value: name,
        message: {
          zh: `列名“${name}”出现 ${cols.length} 次（第 ${cols.map((c) => c + 1).join("、")} 列）：只读第 ${cols[0] + 1} 列，其余未用`,
          en: `the column name "${name}" appears ${cols.length} times (columns ${cols.map((c) => c + 1).join(", ")}): only column ${cols[0] + 1} is read`,
        },
      });
  const rows: Table["rows"] = [];
  const totals: number[] = [];
  for (let i = h + 1; i < records.length; i++) {
    const cells = records[i];
    if (cells.every((c) => c.trim() === "")) continue;
    if (TOTALS.test(cells.find((c) => c.trim() !== "")?.trim() ?? "")) {
      totals.push(i + 1);
      continue;
    }
    rows.push({ row: i + 1, cells: cells.map(unguardFormula) });
  }
  if (totals.length > 0)
    notes.push({
      row: 0,
      code: "totals-rows-skipped",
      severity: "note",
      value: totals.join(", "),
      message: {
        zh: `第 ${totals.join("、")} 行是合计行（首格“合计”“小计”等），不是一条记录，已跳过`,
        en: `${totals.length === 1 ? "row" : "rows"} ${totals.join(", ")} ${totals.length === 1 ? "is a totals row" : "are totals rows"} (first cell 「合计」, 「小计」 or the like), not a record: skipped`,
      },
    });
  return notes.length ? { headers, rows, notes } : { headers, rows };
}

/** A cell that reads as a number (a coordinate, a count, a code) or a date: a record's, never a column name. */
const DATA_LIKE = /^[-+]?\d[\d,.]*$|^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}/;

/**
 * Whether `lower` is the second row of a two-row header under `upper`: it names columns the upper row leaves empty (the
 * columns under a merged cell, at least two of them), holds more names than the upper row, and no cell of it reads as
 * data (a number or a date), as every record of a facility list has its coordinates.
 */
function isLowerHeader(upper: readonly string[], lower: readonly string[]): boolean {
  const cells = lower.map((c) => c.trim());
  if (cells.some((c) => DATA_LIKE.test(c))) return false;
  const under = cells.filter((c, i) => c !== "" && (upper[i] ?? "").trim() === "").length;
  return under >= 2 && filled(cells) > filled(upper);
}

function cellText(v: unknown): string {
  if (v == null) return "";
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? "" : v.toISOString().slice(0, 10);
  return String(v);
}

/** Whether the bytes start like a ZIP archive (XLSX, zipped Shapefile). */
export function isZip(data: Uint8Array): boolean {
  return data.length > 4 && data[0] === 0x50 && data[1] === 0x4b && data[2] === 0x03 && data[3] === 0x04;
}

function toArrayBuffer(data: Uint8Array): ArrayBuffer {
  return data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;
}

/** read-excel-file, loaded on first use (most runs read no workbook). */
async function readXlsx(data: ArrayBuffer): Promise<unknown> {
  const { default: readXlsxFile } = await import("read-excel-file/universal");
  return readXlsxFile(data);
}

/**
 * What a ZIP archive seems to be, from its entries' names: an Excel workbook, a Word or PowerPoint file, an
 * OpenDocument file (.ods, .odt), a zipped Shapefile or another archive.
 */
function zipKind(names: string[]): Message & { shapefile: boolean; workbook: boolean } {
  const lower = names.map((n) => n.toLowerCase());
  const has = (re: RegExp) => lower.some((n) => re.test(n));
  const workbook = has(/^xl\//) || has(/workbook\.xml$/);
  const shapefile = has(/\.shp$/);
  const [zh, en] = workbook
    ? ["Excel 工作簿（.xlsx）", "an Excel workbook (.xlsx)"]
    : has(/^word\//)
      ? ["Word 文档（.docx）", "a Word document (.docx)"]
      : has(/^ppt\//)
        ? ["PowerPoint 演示文稿（.pptx）", "a PowerPoint presentation (.pptx)"]
        : has(/^content\.xml$/)
          ? ["OpenDocument 文件（如 WPS/LibreOffice 的 .ods）", "an OpenDocument file (such as an .ods)"]
          : shapefile
            ? ["打包的 Shapefile", "a zipped Shapefile"]
            : names.length > 0
              ? [`zip 压缩包（${names.length} 个文件）`, `a zip archive (${names.length} files)`]
              : ["zip 压缩包", "a zip archive"];
  return { zh, en, shapefile, workbook };
}

/** A Chinese phrase to follow Chinese text: a space before it when it starts with a Latin letter (「文件是 Word 文档」). */
function spaced(zh: string): string {
  return /^[A-Za-z]/.test(zh) ? ` ${zh}` : zh;
}

/** Throws "not-a-workbook" for a ZIP archive without an Excel workbook in it (no `xl/` part), naming what it is. */
function notAWorkbook(names: string[]): void {
  const kind = zipKind(names);
  if (kind.workbook) return;
  throw new FileProblem("not-a-workbook", {
    zh: `文件是${spaced(kind.zh)}，不是 Excel 工作簿（.xlsx）：请另存为 .xlsx 或 CSV 后再导入${kind.shapefile ? "，或以 .zip 扩展名导入 Shapefile" : ""}`,
    en: `the file is ${kind.en}, not an Excel workbook (.xlsx): save it as .xlsx or CSV and import that${kind.shapefile ? ", or import the Shapefile with a .zip extension" : ""}`,
  });
}

/**
 * Reads one sheet of an XLSX workbook (default: the first). `sheet` is a sheet name or a 1-based index.
 * Throws {@link FileProblem}: "missing-sheet" naming the sheets there are, "old-office-file" for an .xls,
 * "not-a-workbook" for a ZIP that holds no workbook.
 */
export async function parseXlsxBytes(data: Uint8Array, sheet?: string): Promise<Table> {
  const office = officeKind(data);
  if (office) throw office;
  notAWorkbook(checkArchive(data).names);
  const sheets = (await readXlsx(toArrayBuffer(data))) as Array<{ sheet: string; data: unknown[][] }>;
  const names = sheets.map((s) => s.sheet);
  let chosen = sheets[0];
  if (sheet !== undefined && sheet !== "") {
    chosen = sheets.find((s) => s.sheet === sheet) ?? (/^\d+$/.test(sheet) ? sheets[Number(sheet) - 1] : undefined)!;
    if (!chosen)
      throw new FileProblem("missing-sheet", {
        zh: `工作表“${sheet}”不存在；现有工作表：${names.join("、")}`,
        en: `sheet "${sheet}" not found; sheets: ${names.join(", ")}`,
      });
  }
  const table = tableFromRecords((chosen?.data ?? []).map((r) => r.map(cellText)));
  const others = otherSheetsNote(sheets, chosen?.sheet);
  const formulas = formulasWithoutValuesNote(data);
  const first = [...(formulas ? [formulas] : []), ...(others ? [others] : [])];
  return {
    ...table,
    ...(first.length ? { notes: [...first, ...(table.notes ?? [])] } : {}),
    sheet: chosen?.sheet,
    sheets: names,
  };
}

/**
 * Formula cells whose result the workbook does not hold (a file written by a script or a report generator and never
 * opened and saved in Excel or WPS): read as empty, for no formula is evaluated here. Counted over the worksheets'
 * XML (a formula `<f>` with no value `<v>` in its cell) and said on the whole file, with the remedy (the bad-files trial,
 * s56b M4: 40 「经度为空 / 纬度为空」 for cells that look full in Excel).
 */
function formulasWithoutValuesNote(data: Uint8Array): TableNote | undefined {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(data, { filter: (f) => /^xl\/worksheets\/[^/]+\.xml$/i.test(f.name) });
  } catch {
    return undefined;
  }
  let count = 0;
  const decoder = new TextDecoder();
  for (const bytes of Object.values(files)) {
    const xml = decoder.decode(bytes);
    const formula = /<f[\s>/]/g;
    for (let m = formula.exec(xml); m; m = formula.exec(xml)) {
      const end = xml.indexOf("</c>", m.index);
      const cell = end < 0 ? xml.slice(m.index) : xml.slice(m.index, end);
      if (!cell.includes("<v")) count++;
      if (end >= 0) formula.lastIndex = end;
    }
  }
  if (count === 0) return undefined;
  return {
    row: 0,
    code: "formulas-without-values",
    severity: "warning",
    value: String(count),
    message: {
      zh: `工作簿中有 ${count} 个公式单元格没有保存计算结果（多见于程序或脚本生成、未在 Excel 中打开保存过的文件）：本工具不计算公式，这些单元格按空读取。请在 Excel 或 WPS 中打开该文件、保存后再导入`,
      en: `the workbook has ${count} formula ${count === 1 ? "cell" : "cells"} whose result is not saved in it (common in files written by a program or script and never opened and saved in Excel): formulas are not evaluated here, so ${count === 1 ? "it reads" : "they read"} as empty. Open the file in Excel or WPS, save it and import it again`,
    },
  };
}

/**
 * A workbook's other sheets that hold rows, which this import does not read: said on the whole file, with their rows
 * (the planner trial, s53d H1: 邓州市's workbook of 「乡镇卫生院及医院」 and 「村卫生室」 read the first sheet only, 26 rows,
 * and its 24 village clinics were lost without a word; 村卫生室 then read as none).
 */
function otherSheetsNote(sheets: ReadonlyArray<{ sheet: string; data: unknown[][] }>, read: string | undefined) {
  const unread = sheets
    .filter((s) => s.sheet !== read)
    .map((s) => ({
      name: s.sheet,
      rows: Math.max(0, s.data.filter((r) => r.some((c) => cellText(c).trim() !== "")).length - 1),
    }))
    .filter((s) => s.rows > 0);
  if (unread.length === 0) return undefined;
  const total = unread.reduce((n, s) => n + s.rows, 0);
  const note: TableNote = {
    row: 0,
    code: "other-sheets-not-read",
    severity: "warning",
    value: unread.map((s) => s.name).join("、"),
    message: {
      zh: `工作簿有 ${sheets.length} 个工作表，只读取了「${read ?? ""}」；未读取：${unread.map((s) => `「${s.name}」（约 ${s.rows} 行）`).join("、")}。这些行不在本次清单中：可在导入时选择“工作表”读取，再选“追加到该清单”与本表合并核查（命令行用 --sheet 选择工作表，或以 --add-facilities 与 --add-sheet 追加），或把各表的行合并到一个工作表后再导入`,
      en: `the workbook has ${sheets.length} sheets and only 「${read ?? ""}」 was read; not read: ${unread.map((s) => `「${s.name}」 (about ${s.rows} ${s.rows === 1 ? "row" : "rows"})`).join(", ")}. Their ${total === 1 ? "row is" : "rows are"} not in this list: choose the sheet at import and "append to that list" to check it with this one (on the command line --sheet picks the sheet, or --add-facilities with --add-sheet appends it), or put the sheets' rows in one sheet and import it again`,
    },
  };
  return note;
}

/** Sheet names of an XLSX workbook, in order (the first is what {@link parseXlsxBytes} reads by default). */
export async function listSheets(data: Uint8Array): Promise<string[]> {
  const office = officeKind(data);
  if (office) throw office;
  notAWorkbook(checkArchive(data).names);
  const sheets = (await readXlsx(toArrayBuffer(data))) as Array<{ sheet: string }>;
  return sheets.map((s) => s.sheet);
}

/**
 * CSV text behind a workbook's name (a CSV saved or renamed with the extension .xlsx): bytes that are not a ZIP (as
 * every .xlsx is) nor an Office 97–2003 file, hold no binary data, do not start like JSON or XML, and read as a
 * delimited table of two or more header cells. Undefined for anything else (that is left to the workbook reader).
 */
function csvInDisguise(data: Uint8Array): Table | undefined {
  if (isZip(data) || officeKind(data)) return undefined;
  if (/^[{[<]/.test(decodeText(data.subarray(0, 512)).text.trimStart())) return undefined;
  let table: Table;
  try {
    table = parseCsvBytes(data);
  } catch {
    return undefined;
  }
  return table.headers.filter((h) => h.trim() !== "").length >= 2 ? table : undefined;
}

/** Whether the bytes are a ZIP holding an Excel workbook (an .xlsx, whatever its name says). */
function isWorkbook(data: Uint8Array): boolean {
  if (!isZip(data)) return false;
  try {
    return zipKind(checkArchive(data).names).workbook;
  } catch {
    return false;
  }
}

/** The file-level warning of a table read in the other format than its extension says. */
function extensionNote(fileName: string, read: "csv" | "xlsx"): TableNote {
  const ext = fileExt(fileName);
  const message: Message =
    read === "csv"
      ? {
          zh: `文件“${fileName}”的扩展名为 .${ext}，但内容是 CSV 文本，已按 CSV 读取；请核对并改用 .csv 扩展名`,
          en: `the file "${fileName}" has the extension .${ext} but holds CSV text: it was read as CSV. Please check it and rename it to .csv`,
        }
      : {
          zh: `文件“${fileName}”的扩展名为 .${ext}，但内容是 Excel 工作簿（.xlsx），已按 .xlsx 读取；请核对并改用 .xlsx 扩展名`,
          en: `the file "${fileName}" has the extension .${ext} but is an Excel workbook (.xlsx): it was read as a workbook. Please check it and rename it to .xlsx`,
        };
  return { row: 0, code: "extension-mismatch", severity: "warning", message };
}

/**
 * Reads a table file as the format its name gave (`format`, from `detectFormat`), or as the other one when the bytes
 * say otherwise: CSV text (UTF-8 or GBK, decoded as any CSV) named .xlsx is read as CSV, and an Excel workbook named
 * .csv (or .txt, .tsv) as a workbook, each with an "extension-mismatch" warning (row 0) naming the file. Anything
 * else goes to {@link parseXlsxBytes} or {@link parseCsvBytes} and throws what they throw (an .xls is refused with
 * advice to save it as .xlsx or CSV).
 */
export async function parseTableBytes(
  data: Uint8Array,
  fileName: string,
  format: "csv" | "xlsx",
  sheet?: string,
): Promise<Table> {
  const withNote = (t: Table, read: "csv" | "xlsx"): Table => ({
    ...t,
    notes: [extensionNote(fileName, read), ...(t.notes ?? [])],
  });
  if (format === "xlsx") {
    const csv = csvInDisguise(data);
    return csv ? withNote(csv, "csv") : parseXlsxBytes(data, sheet);
  }
  if (isWorkbook(data)) return withNote(await parseXlsxBytes(data, sheet), "xlsx");
  return parseCsvBytes(data);
}
