import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { FeatureCollection, Polygon } from "geojson";
import { describe, expect, it } from "vitest";
import { type CountyProps, type Facility, listScopeIssue } from "../../../src/core";

/**
 * A list that reaches only some of the loaded counties: the others are judged as having nothing, which reads as their
 * failure (the GIS trial, s40-b #13: a 镇平县 list run for 南阳 gave 4,727 violations in the 12 counties it never
 * covered). Said once, before the list is used.
 */
const ROOT = join(import.meta.dirname, "../../..");
const nanyang = JSON.parse(readFileSync(join(ROOT, "geodata/counties-nanyang.geojson"), "utf8")) as FeatureCollection<
  Polygon,
  CountyProps
>;
const at = (id: string, county: string | undefined, lon: number, lat: number): Facility => ({
  id,
  name: id,
  type: "thc",
  lon,
  lat,
  ...(county ? { county } : {}),
});

describe("listScopeIssue", () => {
  it("a list of one county, of thirteen: the one named, the twelve judged as having none, said", () => {
    const i = listScopeIssue(
      "镇平县.csv",
      [at("a", "411324", 112.23, 33.03), at("b", "411324", 112.3, 33.1)],
      nanyang.features,
    );
    expect(i).toMatchObject({ row: 0, severity: "warning", code: "counties-without-facilities" });
    expect(i?.message.zh).toMatch(/^清单中的设施只在 1 个县区（镇平县）；其余 12 个县区没有任何设施，将按“无设施”核查/);
    // the counties are named in the message; no list of twelve codes after it on screen
    expect(i?.value).toBeUndefined();
    expect(i?.message.en).toContain("lie in 1 of the 13 counties (镇平县)");
  });

  it("a facility without a county code counts where it lies; a city list missing one county names it", () => {
    const all = nanyang.features.map((c, k) =>
      at(`f${k}`, c.properties.code, c.properties.seat[0], c.properties.seat[1]),
    );
    expect(listScopeIssue("全市.csv", all, nanyang.features)).toBeUndefined();
    // 西峡县's facility given by position alone still counts for it
    const byPlace = all.map((f) => (f.county === "411323" ? { ...f, county: undefined } : f));
    expect(listScopeIssue("全市.csv", byPlace, nanyang.features)).toBeUndefined();
    const missing = listScopeIssue(
      "全市.csv",
      all.filter((f) => f.county !== "411323"),
      nanyang.features,
    );
    expect(missing?.message.zh).toBe("1 个县区在清单中没有任何设施（西峡县）：将按“无设施”核查，请核对清单是否完整");
  });

  it("says nothing for one county, or an empty list", () => {
    expect(listScopeIssue("x.csv", [], nanyang.features)).toBeUndefined();
    expect(listScopeIssue("x.csv", [at("a", "411324", 112.23, 33.03)], nanyang.features.slice(0, 1))).toBeUndefined();
  });
});
