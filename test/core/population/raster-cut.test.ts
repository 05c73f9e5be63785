import { describe, expect, it } from "vitest";
import type { PopulationRaster } from "../../../src/core/io/raster";
import { rasterCoverage, rasterCoverageIssues, rasterCutShort } from "../../../src/core/population";
import { analyze } from "../../../src/core/rules";
import { nanyangInputs } from "../report/nanyang";

/**
 * A raster whose extent stops short of a county (the re-trial, s44: 叶县 had data on 4.7 % of its area, and that part's
 * mean decided its EMS-TIME verdict): the county is weighted by area, as one the raster misses, and the warning says so.
 */
const XIXIA = "411323";

/** 10 people per pixel of 0.01° over [lon0, lon1] × [lat0, lat1], WGS84. */
function raster(lon0: number, lon1: number, lat0: number, lat1: number): PopulationRaster {
  const width = Math.round((lon1 - lon0) / 0.01);
  const height = Math.round((lat1 - lat0) / 0.01);
  return {
    file: "pop.tif",
    width,
    height,
    values: new Float32Array(width * height).fill(10),
    transform: [lon0, 0.01, 0, lat1, 0, -0.01],
    crsDef: "+proj=longlat +datum=WGS84 +no_defs",
    crsLabel: "EPSG:4326",
    nodata: null,
  };
}

describe("a raster that stops short of a county", () => {
  const inputs = nanyangInputs();
  const xixia = inputs.counties.features.filter((f) => f.properties.code === XIXIA);
  // 西峡县 spans about 110.8–111.8°E, 33.0–33.8°N
  const whole = raster(110.5, 112.0, 32.8, 34.0);
  const north = raster(110.5, 112.0, 33.7, 34.0);

  it("is cut short by the north strip only, and the warning says it keeps area weighting", () => {
    const [all] = rasterCoverage(xixia, whole);
    const [part] = rasterCoverage(xixia, north);
    expect(rasterCutShort(all)).toBe(false);
    expect(rasterCutShort(part)).toBe(true);
    const issues = rasterCoverageIssues("pop.tif", [part]);
    expect(issues.map((i) => i.code)).toEqual(["raster-cut-county"]);
    expect(issues[0].message.zh).toContain("西峡县");
    expect(issues[0].message.zh).toContain("仍按面积计算");
  });

  it("weighs the county by area, not by the people of its covered strip", () => {
    const run = (populationRaster: PopulationRaster) =>
      analyze({
        ...inputs,
        counties: { ...inputs.counties, features: xixia },
        populationRaster,
      }).counties[0].checks.find((k) => k.rule === "EMS-RURAL");
    expect(run(whole)?.population?.total).toBeGreaterThan(0);
    expect(run(north)?.population).toBeUndefined();
  });
});
