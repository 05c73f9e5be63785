import { describe, expect, it } from "vitest";
import { loadChinaIndex, readGeodata } from "../../../src/cli/region-select";
import { citiesOfPoints, otherCityIssue } from "../../../src/core";

describe("citiesOfPoints: which cities a list's points lie in (a list of another city, imported into the app)", () => {
  it("counts each city's points, most first, and the points in none", async () => {
    const index = await loadChinaIndex();
    const points = [
      { lon: 112.21, lat: 34.22 }, // 嵩县, 洛阳
      { lon: 112.45, lat: 34.62 }, // 洛阳 city
      { lon: 113.664521, lat: 34.748119 }, // 郑州
      { lon: 124.5, lat: 30.0 }, // the East China Sea
    ];
    const where = await citiesOfPoints(points, index.cities, readGeodata);
    expect(where.byCity.map(({ city, count }) => [city.name, count])).toEqual([
      ["洛阳市", 2],
      ["郑州市", 1],
    ]);
    expect(where.nowhere).toBe(1);
    const issue = otherCityIssue("洛阳.csv", 5, 4, { name: "南阳市", nameEn: "Nanyang" }, where);
    expect(issue).toMatchObject({ row: 0, severity: "warning", code: "other-city", value: "luoyang" });
    expect(issue.message.zh).toBe(
      "5 个设施中有 4 个不在南阳市的县区内；这些点位于 洛阳市 2、郑州市 1；1 个不在任何地级市内；这份名单似属洛阳市：请切换到洛阳市后再导入",
    );
    expect(issue.message.en).toBe(
      "4 of 5 facilities lie outside the counties of Nanyang (南阳市); they lie in Luoyang (洛阳市) 2, Zhengzhou (郑州市) 1; 1 in no prefecture-level city; the list looks like Luoyang's (洛阳市): switch to it and import again",
    );
  });

  it("points in no city say so and name no city to switch to", async () => {
    const index = await loadChinaIndex();
    const where = await citiesOfPoints([{ lon: 124.5, lat: 30.0 }], index.cities, readGeodata);
    const issue = otherCityIssue("x.csv", 1, 1, { name: "南阳市", nameEn: "Nanyang" }, where);
    expect(issue.value).toBeUndefined();
    expect(issue.message.zh).toBe("1 个设施中有 1 个不在南阳市的县区内；这些点不在任何地级市内：请核对坐标和坐标系");
  });
});
