/**
 * Line breaking for the print's text blocks (title, rule set, parameters, notice, sources): the words set at their
 * size on as many lines as they need, never squeezed to fit a width. Pure: the caller measures (a canvas's
 * measureText in the app, a fixed advance in the tests).
 */

/** Points per page pixel at 300 dpi (72 pt an inch). */
export const PT_PER_PX_300DPI = 72 / 300;

/** The smallest text on the print, in points (what a reader reads on paper without a lens). */
export const PRINT_MIN_PT = 8;

/** Characters a line does not start with (closing punctuation, Chinese and Latin). */
const NO_START = new Set([..."，。、；：！？）》」』】〕…·,.;:!?)]}%"]);
/** Characters a line does not end with (opening brackets and quotes). */
const NO_END = new Set([..."（《「『【〔([{"]);

/** Whether a character is one a line may break before or after without a space: CJK ideographs, kana, full-width. */
function isCjk(ch: string): boolean {
  const c = ch.codePointAt(0) ?? 0;
  return (c >= 0x2e80 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xff00 && c <= 0xffef);
}

/**
 * The pieces a line may break between: a Latin word with the spaces after it; a CJK character alone; an opening
 * bracket joined to what follows it and closing punctuation to what precedes it.
 */
export function breakUnits(text: string): string[] {
  const units: string[] = [];
  let cur = "";
  const chars = [...text];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    const next = chars[i + 1];
    cur += ch;
    if (next === undefined) break;
    if (NO_START.has(next) || NO_END.has(ch)) continue;
    if (ch === " " && next !== " ") {
      units.push(cur);
      cur = "";
    } else if ((isCjk(ch) || isCjk(next)) && next !== " ") {
      units.push(cur);
      cur = "";
    } else if (ch === "/" || ch === "-" || ch === "–") {
      // a long path or a range may break after its slash or dash
      units.push(cur);
      cur = "";
    }
  }
  if (cur) units.push(cur);
  return units;
}

/**
 * `text` set on lines no wider than `maxWidth` as `measure` measures them, broken between the units of breakUnits
 * (a unit wider than a line alone is broken between its characters). Spaces at a line's end are dropped; the lines
 * joined give the text back, less those spaces. An empty text is no line.
 */
export function wrapLines(text: string, maxWidth: number, measure: (s: string) => number): string[] {
  const lines: string[] = [];
  let line = "";
  const push = () => {
    const t = line.trimEnd();
    if (t) lines.push(t);
    line = "";
  };
  for (const unit of breakUnits(text.trim())) {
    if (measure((line + unit).trimEnd()) <= maxWidth) {
      line += unit;
      continue;
    }
    if (line) push();
    if (measure(unit.trimEnd()) <= maxWidth) {
      line = unit;
      continue;
    }
    // a unit wider than the line: by characters
    for (const ch of unit) {
      if (line && measure((line + ch).trimEnd()) > maxWidth) push();
      line += ch;
    }
  }
  push();
  return lines;
}
