import { describe, expect, it } from "vitest";
import { onlyPlaceDiffers } from "../../src/app/state/use-analysis";
import type { Facility } from "../../src/core";

describe("an edit of a proposed site that is a move", () => {
  const f: Facility = { id: "P1", name: "P1", type: "thc", lon: 112.5, lat: 33, proposed: true };
  it("is a move when only the position changed, and not when the unit, type or county did", () => {
    expect(onlyPlaceDiffers(f, { ...f, lon: 112.6, lat: 33.1 })).toBe(true);
    // the Plan row's township choice must reach the session (it went as a move, which kept the old township)
    expect(onlyPlaceDiffers(f, { ...f, township: "411330100" })).toBe(false);
    expect(onlyPlaceDiffers({ ...f, township: "411330100" }, { ...f, township: undefined })).toBe(false);
    expect(onlyPlaceDiffers(f, { ...f, type: "central-thc" })).toBe(false);
    const { county: _c, ...moved } = { ...f, county: "411330" };
    expect(onlyPlaceDiffers({ ...f, county: "411330" }, { ...moved, lon: 112.7 })).toBe(false);
  });
});
