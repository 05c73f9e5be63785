import type { Message } from "./types";

/**
 * A problem with a whole input file, already worded for the user (Chinese and English). Readers throw it; the
 * parse functions turn it into one row-0 issue. `detail` keeps a library's own text, if any, for the value.
 */
export class FileProblem extends Error {
  constructor(
    readonly code: string,
    readonly text: Message,
    readonly detail?: string,
  ) {
    super(text.en);
  }
}

/** How a library's error is told to the user: the phrases we recognise, in the order they are tried. */
const KNOWN: Array<[RegExp, string, Message]> = [
  [
    /JSON|Unexpected token|Unexpected end of|Expected property name/i,
    "invalid-json",
    {
      zh: "不是有效的 JSON（语法错误）",
      en: "not valid JSON (syntax error)",
    },
  ],
  [
    /central directory|invalid zip|Corrupted zip|is this a zip file|zip data|unexpected signature/i,
    "invalid-zip",
    {
      zh: "不是有效的 zip 压缩包（文件损坏或不完整）",
      en: "not a valid zip archive (damaged or incomplete)",
    },
  ],
  [
    /unzip `\.xlsx`|xlsx|workbook|sheet/i,
    "invalid-xlsx",
    {
      zh: "不是有效的 XLSX 工作簿（文件损坏或不是 Excel 2007+ 格式）",
      en: "not a valid XLSX workbook (damaged, or not an Excel 2007+ file)",
    },
  ],
  [
    /shp type/i,
    "unknown-shape-type",
    {
      zh: "Shapefile 的几何类型无法识别（文件损坏或为不支持的类型）",
      en: "the Shapefile's shape type is not recognised (damaged or unsupported)",
    },
  ],
  [
    /outside the bounds of the DataView|Offset is outside|out of range|RangeError/i,
    "truncated-file",
    {
      zh: "文件被截断或已损坏（数据不完整）",
      en: "the file is truncated or damaged (data incomplete)",
    },
  ],
];

/**
 * Codes of the row-0 issues whose `value` is a library's own error text (kept for support, in English whatever the
 * interface language), as {@link describeFileError} gives them.
 */
export const LIBRARY_DETAIL_CODES: ReadonlySet<string> = new Set([...KNOWN.map(([, code]) => code), "unreadable-file"]);

/**
 * The row-0 issue text for an error thrown while reading a whole file: a {@link FileProblem} as it is; a library's
 * error (JSON, zip, XLSX, Shapefile) in our own words, the library's text kept as `detail`; anything else as
 * "damaged or not in the expected format" with its text as `detail`.
 */
export function describeFileError(e: unknown): { code: string; message: Message; detail?: string } {
  if (e instanceof FileProblem) return { code: e.code, message: e.text, ...(e.detail ? { detail: e.detail } : {}) };
  const raw = e instanceof Error ? e.message : String(e);
  const detail = raw.length > 200 ? `${raw.slice(0, 200)}…` : raw;
  for (const [re, code, message] of KNOWN) if (re.test(raw)) return { code, message, detail };
  return {
    code: "unreadable-file",
    message: {
      zh: "无法读取文件：文件损坏或格式不符",
      en: "cannot read the file: damaged or not in the expected format",
    },
    detail,
  };
}

/**
 * A short text of any JSON value for a message: at most `max` characters and 4 levels deep, never throwing
 * (JSON.stringify of a value nested 100,000 deep overflows the stack; a cyclic one throws).
 */
export function preview(v: unknown, max = 60): string {
  let out = "";
  const walk = (x: unknown, depth: number): void => {
    if (out.length > max) return;
    if (Array.isArray(x)) {
      if (depth >= 4) {
        out += "[…]";
        return;
      }
      out += "[";
      for (let i = 0; i < x.length && out.length <= max; i++) {
        if (i > 0) out += ",";
        walk(x[i], depth + 1);
      }
      out += "]";
    } else if (x !== null && typeof x === "object") {
      if (depth >= 4) {
        out += "{…}";
        return;
      }
      out += "{";
      let first = true;
      for (const k of Object.keys(x)) {
        if (out.length > max) break;
        out += `${first ? "" : ","}${JSON.stringify(k)}:`;
        first = false;
        walk((x as Record<string, unknown>)[k], depth + 1);
      }
      out += "}";
    } else if (typeof x === "string") out += JSON.stringify(x.length > max ? x.slice(0, max) : x);
    else out += String(x);
  };
  walk(v, 0);
  return out.length > max ? `${out.slice(0, max)}…` : out;
}
