import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { FeatureCollection, Polygon } from "geojson";
import { describe, expect, it } from "vitest";
import { type CountyProps, type Facility, THIN_COUNTY_ROWS, thinCountyIssues } from "../../../src/core";

/**
 * One row of a list lying in a county the list is otherwise not about (the user trial, s54 M1: 文峰镇卫生院 of a 通渭县
 * and 岷县 list lay in 陇西县, which then counted as a county of the list and failed five rules, unsaid row by row).
 */
const ROOT = join(import.meta.dirname, "../../..");
const nanyang = JSON.parse(readFileSync(join(ROOT, "geodata/counties-nanyang.geojson"), "utf8")) as FeatureCollection<
  Polygon,
  CountyProps
>;
const at = (id: string, county: string): Facility => ({ id, name: `${id}卫生院`, type: "thc", lon: 0, lat: 0, county });
/** n facilities coded to `county`, ids prefixed. */
const many = (prefix: string, county: string, n: number) =>
  Array.from({ length: n }, (_, k) => at(`${prefix}${k + 1}`, county));

describe("a county the list holds one or two rows of", () => {
  it("is said on each of its rows, naming the counties the list is about", () => {
    // 西峡县 18 rows, 内乡县 18, 镇平县 1 (the stray)
    const list = [...many("西峡", "411323", 18), ...many("内乡", "411325", 18), at("镇平", "411324")];
    const rows = list.map((_, k) => k + 2);
    const issues = thinCountyIssues("设施.csv", list, rows, nanyang.features, undefined, "经度/纬度");
    expect(issues.map((i) => [i.row, i.field, i.value, i.severity, i.code])).toEqual([
      [38, "经度/纬度", "镇平卫生院", "warning", "county-few-rows"],
    ]);
    expect(issues[0].message.zh).toBe(
      "“镇平卫生院”位于镇平县，清单在镇平县只有 1 行（其余 36 行在西峡县、内乡县）：镇平县将只按这 1 行核查，各项多为不达标；如本行不属本清单，请剔除，镇平县即按“清单未含”处理",
    );
    expect(issues[0].message.en).toBe(
      '"镇平卫生院" lies in 镇平县, where the list has only 1 row (the other 36 are in 西峡县, 内乡县): 镇平县 will be judged by it alone, failing most checks; if the row is not of this list, strike it out, and 镇平县 is treated as a county the list does not reach',
    );
  });

  it("is not said where every county is thin, the others hold few rows, or the county has more than two", () => {
    const rows = (n: number) => Array.from({ length: n }, (_, k) => k + 2);
    // a list of three rows in three counties: nothing stands out
    const three = [at("a", "411323"), at("b", "411325"), at("c", "411324")];
    expect(thinCountyIssues("a.csv", three, rows(3), nanyang.features, undefined)).toEqual([]);
    // 9 rows a county elsewhere: under the bar of 10
    const nine = [...many("x", "411323", 9), at("y", "411324")];
    expect(thinCountyIssues("a.csv", nine, rows(10), nanyang.features, undefined)).toEqual([]);
    // three rows in the county: more than THIN_COUNTY_ROWS
    const more = [...many("x", "411323", 30), ...many("y", "411324", THIN_COUNTY_ROWS + 1)];
    expect(thinCountyIssues("a.csv", more, rows(33), nanyang.features, undefined)).toEqual([]);
    // two rows: both said; a proposed site does not count
    const two = [...many("x", "411323", 30), ...many("y", "411324", 2), { ...at("p", "411324"), proposed: true }];
    expect(thinCountyIssues("a.csv", two, rows(33), nanyang.features, undefined).map((i) => i.row)).toEqual([32, 33]);
  });
});
