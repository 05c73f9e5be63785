import { describe, expect, it } from "vitest";
import { columnWidth, FONT_PX, fitFontPx, MIN_FONT_PX } from "../../src/app/column-widths";

describe("fitFontPx: the text size a table is drawn in to fit its box", () => {
  // a table whose width grows in proportion to its text size, as a table of text does: 400 px at 12 px
  const table = (px: number) => (400 * px) / 12;

  it("keeps the usual size where the table fits, and where the room is not known yet", () => {
    expect(fitFontPx(table, 400)).toBe(FONT_PX);
    expect(fitFontPx(table, 1000)).toBe(FONT_PX);
    expect(fitFontPx(table, undefined)).toBe(FONT_PX);
    expect(fitFontPx(table, 0)).toBe(FONT_PX);
  });

  it("takes the largest half-pixel size at which the table fits", () => {
    // 388 px of room (the English county table at 1366×768): 11.5 px needs 383.3 px, 12 px 400
    expect(fitFontPx(table, 388)).toBe(11.5);
    expect(fitFontPx(table, 383)).toBe(11);
    expect(fitFontPx(table, (400 * 10.5) / 12)).toBe(10.5);
    for (const room of [340, 350, 360, 370, 380, 390, 399]) {
      const px = fitFontPx(table, room);
      expect(table(px), String(room)).toBeLessThanOrEqual(room);
      if (px < FONT_PX) expect(table(px + 0.5), String(room)).toBeGreaterThan(room);
    }
  });

  it("goes no smaller than MIN_FONT_PX (the table then scrolls sideways)", () => {
    expect(fitFontPx(table, 100)).toBe(MIN_FONT_PX);
    expect(fitFontPx(table, (400 * MIN_FONT_PX) / 12 - 1)).toBe(MIN_FONT_PX);
  });
});

describe("columnWidth", () => {
  it("grows with the text size it is measured at (the estimate where no canvas exists: no DOM here)", () => {
    const col = { heading: "Rural EMS", lines: ["✔ 100.0%", "✘ 51.9%"] };
    expect(columnWidth(col, 10)).toBeLessThan(columnWidth(col, 12));
    expect(columnWidth(col)).toBe(columnWidth(col, FONT_PX));
  });
});
