import { describe, expect, it } from "vitest";
import {
  areaKm2,
  coveredPct,
  distanceKm,
  roundKeepingSide,
  roundTo,
  uncoveredKm2,
} from "../../../src/core/report/rounding";

describe("roundTo", () => {
  it.each([
    [2.675, 0.01, 2.68],
    [1.005, 0.01, 1.01],
    [0.1 + 0.2, 0.1, 0.3],
    [-2.5, 1, -3],
    [3454.04, 0.1, 3454],
    [99.95, 0.1, 100],
  ])("%d to %d is %d", (v, step, want) => {
    expect(roundTo(v, step)).toBe(want);
  });
});

describe("rounding that keeps a figure on its side of the limit", () => {
  it.each([
    // value, limit rule, expected
    [14.996, (x: number) => x >= 15, 14.99],
    [14.994, (x: number) => x >= 15, 14.99],
    [15.004, (x: number) => x >= 15, 15],
    [7.698, (x: number) => x >= 7.7, 7.69],
    [7.702, (x: number) => x >= 7.7, 7.7],
    [5.004, (x: number) => x <= 5, 5.01],
    [4.996, (x: number) => x <= 5, 5],
    [5.001, (x: number) => x <= 5, 5.01],
  ])("%d", (v, passes, want) => {
    expect(roundKeepingSide(v, 0.01, passes)).toBe(want);
    expect(passes(want)).toBe(passes(v));
  });

  it("never shows a failing share as 100 % nor a gap as 0.0 km²", () => {
    expect(coveredPct(0.99996, false)).toBe(99.9);
    expect(coveredPct(0.9991, false)).toBe(99.9);
    expect(coveredPct(1, true)).toBe(100);
    expect(coveredPct(0.12345, false)).toBe(12.3);
    expect(uncoveredKm2(0.04)).toBe(0.1);
    expect(uncoveredKm2(0)).toBe(0);
    expect(uncoveredKm2(12.34)).toBe(12.3);
    expect(areaKm2(3454.04)).toBe(3454);
  });

  it("shows more digits when no multiple of the step lies on the value's side", () => {
    // limit band (14.991, 14.999]: neither 14.99 nor 15.00 passes
    const passes = (x: number) => x > 14.991 && x <= 14.999;
    expect(roundKeepingSide(14.995, 0.01, passes)).toBe(14.995);
  });

  it("counts a distance within 1e-9 km of the limit as the limit, as the rule does", () => {
    expect(distanceKm(15 - 1e-12, 15)).toBe(15);
    expect(distanceKm(8.0449)).toBe(8.04);
  });
});

describe("the engine's message formats keep the same rule", async () => {
  const { fmtKm2, fmtPct, fmtRatio } = await import("../../../src/core/rules/helpers");
  it("never shows a failing share as 100.0 %, a positive area as 0.0, or a failing ratio at its target", () => {
    expect(fmtPct(0.99996)).toBe("99.9%");
    expect(fmtPct(1)).toBe("100.0%");
    expect(fmtPct(0.00001)).toBe("0.1%");
    expect(fmtPct(0)).toBe("0.0%");
    expect(fmtPct(0.927)).toBe("92.7%");
    expect(fmtKm2(0.04)).toBe("0.1");
    expect(fmtKm2(0)).toBe("0.0");
    expect(fmtKm2(12.34)).toBe("12.3");
    expect(fmtRatio(7.698, 7.7, false)).toBe("7.69");
    expect(fmtRatio(7.702, 7.7, true)).toBe("7.70");
    expect(fmtRatio(7.6951, 7.695, true)).toBe("7.70");
    expect(fmtRatio(6.123, 7.7, false)).toBe("6.12");
  });
});
