import { describe, expect, it } from "vitest";
import { commitFrom, initHistory, redo, replace, undo } from "../../src/app/state/history";

describe("a gesture is one undo step", () => {
  it("a drag's intermediate states are replaced; its end records the start once", () => {
    let h = initHistory({ r: 20 });
    const start = h.present;
    for (const r of [19.5, 18, 16.5, 15]) h = replace(h, { r });
    h = commitFrom(h, start);
    expect(h.present).toEqual({ r: 15 });
    expect(h.past).toEqual([{ r: 20 }]);
    const back = undo(h);
    expect(back.present).toBe(start);
    expect(back.past).toEqual([]);
    expect(redo(back).present).toEqual({ r: 15 });
  });

  it("a gesture that changed nothing records nothing; a new gesture drops the redo stack", () => {
    const h = initHistory({ r: 20 });
    expect(commitFrom(h, h.present)).toBe(h);
    let g = commitFrom(replace(h, { r: 15 }), h.present);
    g = undo(g);
    expect(g.future).toHaveLength(1);
    g = commitFrom(replace(g, { r: 12 }), g.present);
    expect(g.future).toEqual([]);
    expect(g.past).toEqual([{ r: 20 }]);
  });
});
