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
 * Decodes text of unknown encoding: UTF-8 (with or without BOM) if the bytes are valid UTF-8,
 * otherwise GB18030 (a superset of GBK and GB2312). A UTF-16 BOM is honoured too.
 */
export function decodeText(data: Uint8Array): { text: string; encoding: string } {
  if (data.length >= 2 && data[0] === 0xff && data[1] === 0xfe)
    return { text: decodeWith(data, "utf-16le"), encoding: "utf-16le" };
  if (data.length >= 2 && data[0] === 0xfe && data[1] === 0xff)
    return { text: decodeWith(data, "utf-16be"), encoding: "utf-16be" };
  try {
    // TextDecoder strips a UTF-8 BOM by default.
    return { text: decodeWith(data, "utf-8", true), encoding: "utf-8" };
  } catch {
    return { text: decodeWith(data, "gb18030"), encoding: "gb18030" };
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
