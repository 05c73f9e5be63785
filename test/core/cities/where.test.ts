import { describe, expect, it } from "vitest";
import { loadChinaIndex, readGeodata } from "../../../src/cli/region-select";
import { citiesOfPoints, otherCityIssue, parseFacilityFile, placeOutsideRows } from "../../../src/core";

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
      "5 个设施中有 4 个不在南阳市的县区内；这些点位于洛阳市（2 个）、郑州市（1 个）；1 个不在任何地级市内；这份名单似属洛阳市：请切换到洛阳市后再导入",
    );
    expect(issue.message.en).toBe(
      "4 of 5 facilities lie outside the counties of Nanyang (南阳市); they lie in Luoyang (洛阳市): 2, Zhengzhou (郑州市): 1; 1 in no prefecture-level city; the list looks like Luoyang's (洛阳市): switch to it and import again",
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

describe("placeOutsideRows: a row outside the loaded counties names where it lies (the reviewer trial, s45-a)", () => {
  it("names the city and county of each outside row, says a point in none, and leaves the other issues", async () => {
    const index = await loadChinaIndex();
    const yichun = (await import("../../../geodata/counties-yichun.geojson?raw")).default;
    const bytes = new TextEncoder().encode(
      [
        "名称,类型,经度,纬度",
        "靖安县人民医院,县医院,115.36,28.86",
        "靖安县急救站,急救站,115.37,28.87",
        "永修县急救站,急救站,115.81,29.02", // 九江市永修县, over 靖安县's border
        "海上急救站,急救站,122.5,30.0", // the East China Sea
      ].join("\n"),
    );
    const imported = await parseFacilityFile(bytes, "靖安.csv", { boundaries: JSON.parse(yichun) });
    const outside = imported.issues.filter((i) => i.code === "outside-boundaries");
    expect(outside.map((i) => i.row)).toEqual([4, 5]);
    const { issues, where } = await placeOutsideRows("靖安.csv", imported, index.cities, readGeodata);
    expect(issues).toHaveLength(imported.issues.length);
    const byRow = new Map(issues.filter((i) => i.code === "outside-boundaries").map((i) => [i.row, i.message]));
    expect(byRow.get(4)?.zh).toBe(
      "“永修县急救站”位于已加载的行政区边界之外（在九江市永修县境内）：不按位置计入任何县区（仅在计入邻县覆盖时作急救点计）；所填乡镇、行政村属本市的不计入，该单位按待核计，请核对坐标",
    );
    expect(byRow.get(4)?.en).toContain("(it lies in 永修县, Jiujiang (九江市))");
    expect(byRow.get(5)?.zh).toContain("（不在任何地级市内：请核对坐标和坐标系）");
    // the other issues as they were, in their order
    const others = (list: typeof issues) => list.filter((i) => i.code !== "outside-boundaries");
    expect(others(issues)).toEqual(others(imported.issues));
    expect(where?.at.map((p) => p?.county.code)).toEqual(["360425", undefined]);
    expect(where?.nowhere).toBe(1);
  });

  it("reads nothing when no row lies outside", async () => {
    const read = () => Promise.reject(new Error("no geodata should be read"));
    const issues = [
      {
        file: "a.csv",
        row: 2,
        field: "乡镇",
        severity: "warning" as const,
        code: "missing-optional",
        message: { zh: "", en: "" },
      },
    ];
    const out = await placeOutsideRows("a.csv", { facilities: [], rows: [], issues }, [], read);
    expect(out).toEqual({ issues, where: undefined });
  });
});
