import { describe, expect, it } from "vitest";
import { columnWidth, FONT_PX, fitLayout, MIN_FONT_PX } from "../../src/app/column-widths";

describe("fitLayout: the text size a table is drawn in to fit its box", () => {
  // a table whose width grows in proportion to its text size, as a table of text does: 400 px at 12 px
  const table = (px: number) => (400 * px) / 12;
  const fitFontPx = (need: (px: number) => number, room: number | undefined) => fitLayout(need, (w) => w, room).fontPx;

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

  it("returns the layout at the size it chose, each size's layout worked out once", () => {
    // a layout that records the size it was made at; its width is the proportional table's
    for (const room of [undefined, 0, 1000, 400, 388, 383, 350, 300, 100]) {
      const made: number[] = [];
      const { fontPx, layout } = fitLayout(
        (px) => {
          made.push(px);
          return { px, minWidth: table(px) };
        },
        (l) => l.minWidth,
        room,
      );
      expect(layout.px, String(room)).toBe(fontPx);
      expect(layout.minWidth, String(room)).toBe(table(fontPx));
      // the sizes tried, largest first, each once, the last the one chosen (no second pass at the chosen size)
      expect(new Set(made).size, String(room)).toBe(made.length);
      expect(made.at(-1), String(room)).toBe(fontPx);
      expect(made[0], String(room)).toBe(FONT_PX);
    }
  });
});

describe("columnWidth", () => {
  it("grows with the text size it is measured at (the estimate where no canvas exists: no DOM here)", () => {
    const col = { heading: "Rural EMS", lines: ["✔ 100.0%", "✘ 51.9%"] };
    expect(columnWidth(col, 10)).toBeLessThan(columnWidth(col, 12));
    expect(columnWidth(col)).toBe(columnWidth(col, FONT_PX));
  });
});
