interface TextDecoderLike {
  decode(input?: Uint8Array): string;
}
type TextDecoderCtor = new (label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean }) => TextDecoderLike;

function decoderCtor(): TextDecoderCtor {
  const ctor = (globalThis as unknown as { TextDecoder?: TextDecoderCtor }).TextDecoder;
  if (!ctor) throw new Error("TextDecoder is not available in this environment");
  return ctor;
}

/**
 * Decodes bytes with the given WHATWG encoding label ("utf-8", "gbk", "gb18030", ...).
 * Throws on an unknown label; with `fatal`, throws on malformed input.
 */
export function decodeWith(data: Uint8Array, label: string, fatal = false): string {
  const D = decoderCtor();
  return new D(label, { fatal }).decode(data);
}

/** Whether the environment's TextDecoder knows this encoding label. */
export function isKnownEncoding(label: string): boolean {
  try {
    new (decoderCtor())(label);
    return true;
  } catch {
    return false;
  }
}

/**
 * A problem met while decoding: its code and the 1-based physical lines it concerns (ended by LF, CR LF or a lone CR).
 * A table reader names rows instead, as a quoted cell may span lines ({@link decodeNoteMessage}).
 */
export interface DecodeNote {
  /**
   * "bom-not-utf8": a UTF-8 byte-order mark, but the bytes after it are not UTF-8 (read as GB18030);
   * "mixed-encoding": some lines are UTF-8 and others GB18030 (each line read in its own);
   * "undecodable": bytes that are neither (shown as U+FFFD);
   * "big5": not UTF-8 and read as Big5 (traditional Chinese), which its characters fit and GB18030's do not.
   */
  code: "bom-not-utf8" | "mixed-encoding" | "undecodable" | "big5";
  lines: number[];
}

/** Whether bytes[start, end) are valid UTF-8 (no exceptions thrown, linear). */
function validUtf8(b: Uint8Array, start: number, end: number): boolean {
  let i = start;
  while (i < end) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    let n: number;
    let min: number;
    if (c >= 0xc2 && c <= 0xdf) {
      n = 1;
      min = 0x80;
    } else if (c >= 0xe0 && c <= 0xef) {
      n = 2;
      min = 0x800;
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 3;
      min = 0x10000;
    } else return false;
    if (i + n >= end) return false;
    let cp = c & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const t = b[i + k];
      if ((t & 0xc0) !== 0x80) return false;
      cp = (cp << 6) | (t & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
    i += n + 1;
  }
  return true;
}

function hasNonAscii(b: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (b[i] >= 0x80) return true;
  return false;
}

/** Lines (1-based) holding U+FFFD in `text`. */
function replacementLines(text: string): number[] {
  const out: number[] = [];
  if (!text.includes("\uFFFD")) return out;
  text.split(/\r\n|\n|\r/).forEach((l, i) => {
    if (l.includes("\uFFFD")) out.push(i + 1);
  });
  return out;
}

/**
 * Whether a file holds nothing to read: 0 bytes, or only a byte-order mark and blank space (spaces, tabs, line
 * breaks, in UTF-8, GB18030 or UTF-16).
 */
export function isBlankText(data: Uint8Array): boolean {
  const blank = (b: number) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d || b === 0x00;
  const bom = (b: number) => b === 0xef || b === 0xbb || b === 0xbf || b === 0xff || b === 0xfe;
  // the first byte that is neither decides almost every file at once; only blank-looking ones are decoded
  for (let i = 0; i < data.length; i++) if (!blank(data[i]) && !bom(data[i])) return false;
  return (
    decodeText(data)
      .text.replace(/^\uFEFF/, "")
      .trim() === ""
  );
}

/**
 * "utf-16le" or "utf-16be" for UTF-16 text written without a byte-order mark (as some exporters do), told by its
 * first 1,000 bytes: in Latin and CJK text of that kind the high byte of most ASCII characters (digits, commas, line
 * breaks) is 0, so nearly every second byte is 0 and the others almost never are. Undefined otherwise.
 */
function utf16WithoutMark(data: Uint8Array): "utf-16le" | "utf-16be" | undefined {
  const n = Math.min(data.length, 1000) & ~1;
  if (n < 8) return undefined;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (data[i] === 0) evenZero++;
    if (data[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero >= pairs * 0.4 && evenZero <= pairs * 0.02) return "utf-16le";
  if (evenZero >= pairs * 0.4 && oddZero <= pairs * 0.02) return "utf-16be";
  return undefined;
}

/**
 * Decodes text of unknown encoding: UTF-8 (with or without BOM) if the bytes are valid UTF-8, otherwise GB18030 (a
 * superset of GBK and GB2312). A UTF-16 BOM is honoured too, and UTF-16 without one is recognised. Damage is
 * reported in `notes`, never silently: a UTF-8
 * BOM before GBK bytes (the BOM is dropped and the rest read as GB18030), files mixing UTF-8 and GBK lines (each line
 * is decoded in its own encoding; the lines in the rarer one are named), and bytes neither encoding can read.
 */
export function decodeText(data: Uint8Array): { text: string; encoding: string; notes: DecodeNote[] } {
  if (data.length >= 2 && data[0] === 0xff && data[1] === 0xfe)
    return { text: decodeWith(data, "utf-16le"), encoding: "utf-16le", notes: [] };
  if (data.length >= 2 && data[0] === 0xfe && data[1] === 0xff)
    return { text: decodeWith(data, "utf-16be"), encoding: "utf-16be", notes: [] };
  const utf16 = utf16WithoutMark(data);
  if (utf16) return { text: decodeWith(data, utf16), encoding: utf16, notes: [] };
  const bom = data.length >= 3 && data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf;
  const body = bom ? data.subarray(3) : data;
  if (validUtf8(body, 0, body.length)) return { text: decodeWith(body, "utf-8"), encoding: "utf-8", notes: [] };
  const notes: DecodeNote[] = [];
  if (bom) notes.push({ code: "bom-not-utf8", lines: [1] });
  // Lines end at LF, CR LF or a lone CR (as `text.split(/\r\n|\n|\r/)` counts them): 0x0A and 0x0D are never part
  // of a multi-byte UTF-8 or GBK character.
  const utf8Lines: number[] = [];
  const gbLines: number[] = [];
  const spans: Array<[number, number, boolean]> = [];
  let start = 0;
  let line = 1;
  for (let i = 0; i <= body.length; i++) {
    const lineEnd =
      i === body.length || body[i] === 0x0a || (body[i] === 0x0d && (i + 1 === body.length || body[i + 1] !== 0x0a));
    if (lineEnd) {
      const end = i === body.length ? i : i + 1;
      const utf8 = validUtf8(body, start, end);
      if (!utf8) gbLines.push(line);
      else if (hasNonAscii(body, start, end)) utf8Lines.push(line);
      spans.push([start, end, utf8]);
      start = end;
      line++;
    }
  }
  let text: string;
  let encoding = "gb18030";
  if (utf8Lines.length === 0) {
    text = decodeWith(body, "gb18030");
    const big5 = big5Instead(body, text);
    if (big5 !== undefined) {
      text = big5;
      encoding = "big5";
      notes.push({ code: "big5", lines: [] });
    }
  } else {
    encoding = "utf-8+gb18030";
    text = spans.map(([a, b, utf8]) => decodeWith(body.subarray(a, b), utf8 ? "utf-8" : "gb18030")).join("");
    notes.push({ code: "mixed-encoding", lines: gbLines.length <= utf8Lines.length ? gbLines : utf8Lines });
  }
  const bad = replacementLines(text);
  if (bad.length) notes.push({ code: "undecodable", lines: bad });
  return { text, encoding, notes };
}

/**
 * Characters common in any Chinese text and in facility lists, in simplified and traditional forms: text decoded in
 * its right encoding is full of them, and in the wrong one (Big5 bytes read as GB18030, or GBK bytes as Big5) has
 * almost none (the GIS trial: a Big5 list read as GBK gave 「嘿,摸,竒,絥」 for 「名稱,類型,經度,緯度」, unsaid).
 */
const FREQUENT = new Set(
  "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其但些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处府研院卫县镇乡村市站心名称类型经纬急救街诊所室服务构保健妇幼疾病控疗医" +
    "醫衛縣鎮鄉區稱類經緯務構診療為個來這們時對會發動與東車長門開間關電說國學話當還點問體實現種無進過頭樣應從產業後義處麼號碼屬療婦幣療",
);

function frequentChars(text: string): number {
  let n = 0;
  for (const ch of text) if (FREQUENT.has(ch)) n++;
  return n;
}

/**
 * The text as Big5 when bytes that are not UTF-8 read as Big5 far better than as GB18030 (`gb`): judged on the first
 * 64 KiB by the share of common characters, and no more undecodable bytes than GB18030 leaves. Undefined otherwise:
 * GBK is what a mainland PC writes, and stays the default.
 */
function big5Instead(body: Uint8Array, gb: string): string | undefined {
  if (!isKnownEncoding("big5")) return undefined;
  const sample = body.subarray(0, 65536);
  const asBig5 = decodeWith(sample, "big5");
  const asGb = body.length <= 65536 ? gb : decodeWith(sample, "gb18030");
  const bad = (t: string) => t.split("\uFFFD").length - 1;
  const b5 = frequentChars(asBig5);
  if (b5 < 3 || b5 <= 2 * frequentChars(asGb) || bad(asBig5) > bad(asGb)) return undefined;
  return body.length <= 65536 ? asBig5 : decodeWith(body, "big5");
}

/**
 * Whether bytes that are not UTF-8 (a .dbf's records with no .cpg) read as Big5 rather than GBK, by the test
 * {@link decodeText} makes of a text file.
 */
export function readsAsBig5(bytes: Uint8Array): boolean {
  return big5Instead(bytes, bytes.length <= 65536 ? decodeWith(bytes, "gb18030") : "") !== undefined;
}

/**
 * Bilingual text of a {@link DecodeNote}, naming at most 20 places: the table rows in `rows` when given (spreadsheet
 * numbering, header = 1: what a CSV reader names, a quoted cell may span several lines), else the note's lines.
 */
export function decodeNoteMessage(note: DecodeNote, rows?: number[]): { zh: string; en: string } {
  const at = rows ?? note.lines;
  const list = at.slice(0, 20).join(", ");
  const shown = list + (at.length > 20 ? ` …（共 ${at.length}）` : "");
  const shownEn = list + (at.length > 20 ? ` … (${at.length} in all)` : "");
  const zhPlace = rows ? "表格行" : "文本行";
  const enPlace = rows ? "rows" : "lines";
  switch (note.code) {
    case "bom-not-utf8":
      return {
        zh: "文件以 UTF-8 标记（BOM）开头，但内容不是 UTF-8，已按 GBK/GB18030 读取：请核对文字",
        en: "the file starts with a UTF-8 byte-order mark but is not UTF-8; read as GBK/GB18030: check the text",
      };
    case "mixed-encoding":
      return {
        zh: `文件混用 UTF-8 与 GBK 编码，各行已分别解码；与多数行编码不同的${zhPlace}：${shown}`,
        en: `the file mixes UTF-8 and GBK lines; each line was decoded in its own encoding; ${enPlace} unlike the rest: ${shownEn}`,
      };
    case "big5":
      return {
        zh: "文件不是 UTF-8 或 GBK，而是 Big5（繁体中文）编码，已按 Big5 读取：请核对文字",
        en: "the file is neither UTF-8 nor GBK but Big5 (traditional Chinese); read as Big5: check the text",
      };
    case "undecodable":
      return {
        zh: `以下${zhPlace}含无法解码的字节（显示为 �）：${shown}`,
        en: `these ${enPlace} hold bytes that cannot be decoded (shown as �): ${shownEn}`,
      };
  }
}

/**
 * Maps a Shapefile .cpg content ("GBK", "936", "UTF-8", "ANSI 936", "CP936") to a WHATWG encoding label,
 * or undefined when not recognised.
 */
export function cpgToEncoding(cpg: string): string | undefined {
  const s = cpg
    .trim()
    .toLowerCase()
    .replace(/^ansi[\s_]*/, "")
    .replace(/^cp/, "");
  if (s === "") return undefined;
  if (s === "936" || s === "gbk" || s === "gb2312" || s === "gb_2312-80") return "gbk";
  if (s === "54936" || s === "gb18030") return "gb18030";
  if (s === "65001" || s === "utf8" || s === "utf-8") return "utf-8";
  if (s === "950" || s === "big5") return "big5";
  if (/^\d+$/.test(s) && isKnownEncoding(`windows-${s}`)) return `windows-${s}`;
  if (isKnownEncoding(s)) return s;
  return undefined;
}

/** File name without directories and final extension. */
export function fileStem(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const dot = base.lastIndexOf(".");
  return dot > 0 ? base.slice(0, dot) : base;
}

/** Lower-case extension without the dot ("" if none). */
export function fileExt(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const dot = base.lastIndexOf(".");
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : "";
}
