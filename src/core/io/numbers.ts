/** Longest cell text read as a number or coordinate; longer text is refused without being scanned. */
export const MAX_NUMBER_CHARS = 64;

/** Longest cell value quoted in an issue (longer values are cut with "…"). */
export const MAX_VALUE_CHARS = 80;

/** `text` cut to {@link MAX_VALUE_CHARS} characters for an issue's value or message. */
export function shortValue(text: string): string {
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS)}…（共 ${text.length} 字符 chars）` : text;
}

/**
 * Longest text a cell may hold (a name, an id, a code, a type, a road class): a longer one is refused with its row and
 * field named, never cut to fit. Numbers have their own, shorter bound ({@link MAX_NUMBER_CHARS}).
 */
export const MAX_CELL_CHARS = 1000;

/** Why `text` is too long for a cell ({@link MAX_CELL_CHARS}), in Chinese and English; undefined when it is not. */
export function cellTooLong(text: string): { zh: string; en: string } | undefined {
  if (text.length <= MAX_CELL_CHARS) return undefined;
  return {
    zh: `内容过长：${text.length} 个字符，超过 ${MAX_CELL_CHARS} 个字符的上限（不截断）：请核对该单元格`,
    en: `too long: ${text.length} characters, more than the limit of ${MAX_CELL_CHARS} (not cut): please check the cell`,
  };
}

/**
 * Why a code or id cell is a number Excel shows in scientific notation (「4.10221E+11」: a 12-digit village code whose
 * last digits are gone), in Chinese and English; undefined when it is not (the GIS trial: read as an unknown village,
 * or as duplicate ids renamed 「4.102E+11~3」).
 */
export function excelScientific(text: string): { zh: string; en: string } | undefined {
  if (!/^\d(\.\d+)?E\+\d+$/i.test(text.trim())) return undefined;
  return {
    zh: `“${text.trim()}”是 Excel 以科学计数法显示的长数字，末几位已丢失，无法还原：请把该列设为“文本”格式后重新导出`,
    en: `"${text.trim()}" is a long number Excel shows in scientific notation; its last digits are lost and cannot be restored: format the column as text and export again`,
  };
}

/** Full-width digits, point and minus (０-９．－) as ASCII. */
function asciiDigits(s: string): string {
  return s.replace(/[０-９．－＋]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

// Each pattern is anchored and every repetition is separated by a literal, so matching is linear in the length.
const DECIMAL = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/;
const DMS =
  /^([NSEW东西南北])?\s*(-?\d+(?:\.\d+)?)\s*[°度]\s*(?:(\d+(?:\.\d+)?)\s*['′分]\s*)?(?:(\d+(?:\.\d+)?)\s*(?:["″秒]|'')\s*)?([NSEW东西南北])?$/i;
const DEG = /^([NSEW东西南北])?\s*(-?\d+(?:\.\d+)?)\s*°?\s*([NSEW东西南北])?$/i;
/**
 * Degrees, minutes and seconds (or degrees and decimal minutes) separated by spaces, as GPS units export them:
 * 「112 14 04.9」, 「E112 14.082」 (the GIS trial, s40-b #14: refused as not a number). Minutes and seconds below 60.
 */
const SPACED = /^([NSEW东西南北])?\s*(\d{1,3})\s+(\d{1,2}(?:\.\d+)?)(?:\s+(\d{1,2}(?:\.\d+)?))?\s*([NSEW东西南北])?$/i;

/**
 * A plain decimal number (sign, digits, optional fraction and exponent; full-width digits accepted), else NaN.
 * Hexadecimal, binary, "Infinity" and text longer than {@link MAX_NUMBER_CHARS} are NaN.
 * @example parseDecimal(" 12.5 ") // 12.5;  parseDecimal("0x10") // NaN
 */
export function parseDecimal(text: string): number {
  const s = asciiDigits(text.trim());
  if (s.length === 0 || s.length > MAX_NUMBER_CHARS || !DECIMAL.test(s)) return Number.NaN;
  return Number(s);
}

function hemisphereSign(h: string | undefined): number {
  const u = (h ?? "").toUpperCase();
  return u === "S" || u === "W" || u === "西" || u === "南" ? -1 : 1;
}

/** A position written in degrees and minutes (and seconds), with its parts as read, before the range check. */
interface Sexagesimal {
  sign: number;
  deg: number;
  min: number;
  sec: number;
  /** decimal minutes followed by seconds (「112 14.5 30」): not a position */
  fractionalMinutesBeforeSeconds: boolean;
}

/** The parts of a degrees-minutes(-seconds) cell, marked (112°30'15"E, 112度30分15秒) or spaced (112 14 04.9). */
function sexagesimal(s: string): Sexagesimal | undefined {
  const dms = DMS.exec(s);
  if (dms) {
    return {
      sign: hemisphereSign(dms[1] ?? dms[5]),
      deg: Number(dms[2]),
      min: Number(dms[3] ?? 0),
      sec: Number(dms[4] ?? 0),
      fractionalMinutesBeforeSeconds: dms[4] !== undefined && !Number.isInteger(Number(dms[3] ?? 0)),
    };
  }
  const spaced = SPACED.exec(s);
  if (spaced) {
    return {
      sign: hemisphereSign(spaced[1] ?? spaced[5]),
      deg: Number(spaced[2]),
      min: Number(spaced[3]),
      sec: Number(spaced[4] ?? 0),
      fractionalMinutesBeforeSeconds: spaced[4] !== undefined && !Number.isInteger(Number(spaced[3])),
    };
  }
  return undefined;
}

function normalised(text: string): string {
  return asciiDigits(text.trim().replace(/[，,]/g, "."));
}

/**
 * A coordinate in degrees: a decimal (a decimal comma, "," or "，", is read as a point), or degrees-minutes-seconds
 * such as 112°30'15.5"E, 112度30分15秒, N33°0'0", 112 14 04.9. Minutes and seconds must be below 60 (112°30'75" is
 * not read as 112°31'15"). NaN when it is none of these or longer than {@link MAX_NUMBER_CHARS}.
 */
export function parseCoordinate(text: string): number {
  const s = normalised(text);
  if (s.length === 0 || s.length > MAX_NUMBER_CHARS) return Number.NaN;
  if (DECIMAL.test(s)) return Number(s);
  const deg = DEG.exec(s);
  if (deg) return hemisphereSign(deg[1] ?? deg[3]) * Number(deg[2]);
  const p = sexagesimal(s);
  if (!p || p.min >= 60 || p.sec >= 60 || p.fractionalMinutesBeforeSeconds) return Number.NaN;
  return p.sign * (p.deg + p.min / 60 + p.sec / 3600);
}

/** Whether a coordinate cell is written in degrees and minutes (and seconds), not as a decimal (112°30'15.5"E). */
export function isSexagesimal(text: string): boolean {
  const s = normalised(text);
  return !DECIMAL.test(s) && !DEG.test(s) && sexagesimal(s) !== undefined;
}

/**
 * Why a cell that should hold a number does not: 「经度“abc”不是数字」 / 'longitude "abc" is not a number', or, when the
 * text is too long to be one, that it is. `what` names the field (经度 / longitude).
 */
export function notANumber(what: { zh: string; en: string }, text: string): { zh: string; en: string } {
  if (text.length > MAX_NUMBER_CHARS)
    return {
      zh: `${what.zh}不是数字：长度超过 ${MAX_NUMBER_CHARS} 个字符（${text.length}）`,
      en: `${what.en} is not a number: longer than ${MAX_NUMBER_CHARS} characters (${text.length})`,
    };
  const v = shortValue(text);
  // degrees, minutes and seconds with a part out of range: said, not called "not a number" (the GIS trial, s40-b)
  const p = sexagesimal(normalised(text));
  if (p && (p.min >= 60 || p.sec >= 60)) {
    const part = p.sec >= 60 ? { zh: "秒", en: "seconds" } : { zh: "分", en: "minutes" };
    return {
      zh: `${what.zh}“${v}”的${part.zh}（${String(p.sec >= 60 ? p.sec : p.min)}）须小于 60`,
      en: `${what.en} "${v}": ${part.en} (${String(p.sec >= 60 ? p.sec : p.min)}) must be below 60`,
    };
  }
  if (p?.fractionalMinutesBeforeSeconds)
    return {
      zh: `${what.zh}“${v}”的分带小数又有秒，无法确定位置`,
      en: `${what.en} "${v}" has decimal minutes followed by seconds: not a position`,
    };
  return { zh: `${what.zh}“${v}”不是数字`, en: `${what.en} "${v}" is not a number` };
}

/**
 * Why a cell that should hold a count (people, beds, staff) does not, said plainly: empty (「人口为空」), below 0
 * (「人口“-5”小于 0」) or not a number (「人口“abc”不是数字」), not as a double negative (「不是非负数」).
 */
export function notACount(what: { zh: string; en: string }, text: string): { zh: string; en: string } {
  const t = text.trim();
  if (t === "") return { zh: `${what.zh}为空`, en: `${what.en} is empty` };
  const n = parseDecimal(t.replace(/[,，\s]/g, ""));
  if (Number.isFinite(n) && n < 0) {
    const v = shortValue(t);
    return { zh: `${what.zh}“${v}”小于 0`, en: `${what.en} "${v}" is below 0` };
  }
  return notANumber(what, t);
}
