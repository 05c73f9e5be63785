import { describe, expect, it } from "vitest";
import { breakUnits, PRINT_MIN_PT, PT_PER_PX_300DPI, wrapLines } from "../../src/app/print-layout";

// a fixed advance: a CJK or full-width character 2, anything else 1
const measure = (s: string) => [...s].reduce((a, ch) => a + ((ch.codePointAt(0) ?? 0) >= 0x2e80 ? 2 : 1), 0);

describe("print text wrapping", () => {
  it("breaks English between words, never wider than the line, and loses nothing but the spaces at line ends", () => {
    const text =
      "EMS service radius: 5 km urban, 20 km rural; Urban area = built-up discs: 3 km around the central city's district seats";
    const lines = wrapLines(text, 30, measure);
    expect(lines.length).toBeGreaterThan(3);
    for (const l of lines) {
      expect(measure(l)).toBeLessThanOrEqual(30);
      expect(l).toBe(l.trim());
    }
    expect(lines.join(" ")).toBe(text);
    expect(lines[0]).toBe("EMS service radius: 5 km");
  });

  it("breaks Chinese between characters, keeps closing punctuation off a line's start and opening brackets off its end", () => {
    const text = "规则集：南阳市规划（000 + 003）；城区 5 km、农村 20 km 急救半径";
    for (const width of [8, 10, 12, 14, 16, 20]) {
      const lines = wrapLines(text, width, measure);
      for (const l of lines) {
        expect(measure(l), `${width}: ${l}`).toBeLessThanOrEqual(width);
        expect("，。、；：）》」".includes(l[0]), `${width}: ${l}`).toBe(false);
        expect("（《「".includes(l[l.length - 1]), `${width}: ${l}`).toBe(false);
      }
      // the characters all there, in order (a break at a space drops that space)
      expect(lines.join("").replace(/ /g, "")).toBe(text.replace(/ /g, ""));
    }
  });

  it("keeps a text that fits on one line, and breaks a word longer than the line between its characters", () => {
    expect(wrapLines("Date 2026-12-02", 40, measure)).toEqual(["Date 2026-12-02"]);
    expect(wrapLines("", 40, measure)).toEqual([]);
    const lines = wrapLines("abcdefghijklmnopqrstuvwxyz", 10, measure);
    expect(lines).toEqual(["abcdefghij", "klmnopqrst", "uvwxyz"]);
  });

  it("gives the units a line breaks between", () => {
    expect(breakUnits("城区（所用口径）")).toEqual(["城", "区", "（所", "用", "口", "径）"]);
    expect(breakUnits("Rule set: 南阳")).toEqual(["Rule ", "set: ", "南", "阳"]);
  });

  it("reads the smallest size of the print in page pixels at 300 dpi", () => {
    // 8 pt is 33.3 px at 300 dpi: the print's sizes (35 px and up at A4) are above it
    expect(PRINT_MIN_PT / PT_PER_PX_300DPI).toBeCloseTo(33.33, 2);
  });
});
