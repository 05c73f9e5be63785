import Papa from "papaparse";
import readXlsxFile from "read-excel-file/universal";
import { decodeText } from "./text";

/** A table read from CSV or XLSX: header cells and data rows, with spreadsheet row numbers. */
export interface Table {
  headers: string[];
  /** Data rows (blank rows removed), each with its spreadsheet row number (header = 1). */
  rows: Array<{ row: number; cells: string[] }>;
  encoding?: string;
  sheet?: string;
  sheets?: string[];
}

/** Parses CSV text (delimiter auto-detected among comma, tab, semicolon). The first non-blank record is the header. */
export function parseCsvText(text: string): Table {
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false });
  return tableFromRecords(parsed.data.map((r) => r.map((c) => (c == null ? "" : String(c)))));
}

/** Decodes (UTF-8 / UTF-8 BOM / GB18030) and parses CSV bytes. */
export function parseCsvBytes(data: Uint8Array): Table {
  const { text, encoding } = decodeText(data);
  return { ...parseCsvText(text), encoding };
}

function tableFromRecords(records: string[][]): Table {
  let h = 0;
  while (h < records.length && records[h].every((c) => c.trim() === "")) h++;
  const headers = (records[h] ?? []).map((c) => c.replace(/^\uFEFF/, "").trim());
  const rows: Table["rows"] = [];
  for (let i = h + 1; i < records.length; i++) {
    const cells = records[i];
    if (cells.every((c) => c.trim() === "")) continue;
    rows.push({ row: i + 1, cells });
  }
  return { headers, rows };
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

/**
 * Reads one sheet of an XLSX workbook (default: the first). `sheet` is a sheet name or a 1-based index.
 * Throws an Error whose message names the missing sheet when it does not exist.
 */
export async function parseXlsxBytes(data: Uint8Array, sheet?: string): Promise<Table> {
  const sheets = (await readXlsxFile(toArrayBuffer(data))) as Array<{ sheet: string; data: unknown[][] }>;
  const names = sheets.map((s) => s.sheet);
  let chosen = sheets[0];
  if (sheet !== undefined && sheet !== "") {
    chosen = sheets.find((s) => s.sheet === sheet) ?? (/^\d+$/.test(sheet) ? sheets[Number(sheet) - 1] : undefined)!;
    if (!chosen) throw new Error(`sheet "${sheet}" not found; sheets: ${names.join(", ")}`);
  }
  const table = tableFromRecords((chosen?.data ?? []).map((r) => r.map(cellText)));
  return { ...table, sheet: chosen?.sheet, sheets: names };
}

/** Sheet names of an XLSX workbook, in order (the first is what {@link parseXlsxBytes} reads by default). */
export async function listSheets(data: Uint8Array): Promise<string[]> {
  const sheets = (await readXlsxFile(toArrayBuffer(data))) as Array<{ sheet: string }>;
  return sheets.map((s) => s.sheet);
}
