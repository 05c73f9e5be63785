import { describe, expect, it } from "vitest";
import { parseDemandFile } from "../../../src/core/io";

const enc = (s: string) => new TextEncoder().encode(s);
const square = {
  type: "FeatureCollection" as const,
  features: [
    {
      type: "Feature" as const,
      properties: {},
      geometry: {
        type: "Polygon" as const,
        coordinates: [
          [
            [112, 32.5],
            [113, 32.5],
            [113, 33.5],
            [112, 33.5],
            [112, 32.5],
          ],
        ],
      },
    },
  ],
};

describe("parseDemandFile", () => {
  it("reads weighted points, rejects bad rows by row and field, and counts points outside every county", () => {
    const csv =
      "编号,经度,纬度,人口\na,112.5,33.0,1200\nb,abc,33.0,10\nc,112.6,33.1,-5\nd,114.5,33.0,30\ne,112.4,32.9,\n";
    const r = parseDemandFile(enc(csv), "villages.csv", { counties: square });
    expect(r.points).toEqual([
      { id: "a", lon: 112.5, lat: 33.0, weight: 1200 },
      { id: "d", lon: 114.5, lat: 33.0, weight: 30 },
      { id: "e", lon: 112.4, lat: 32.9, weight: 1 },
    ]);
    expect(r.total).toBe(5);
    expect(r.rejected).toBe(2);
    expect(r.issues.filter((i) => i.severity === "error").map((i) => `${i.row}:${i.field}`)).toEqual([
      "3:经度",
      "4:人口",
    ]);
    const warn = r.issues.find((i) => i.severity === "warning");
    expect(warn).toMatchObject({ code: "outside-boundaries", value: "5" });
    // what each message says: the value quoted once, plain words (not 「缺失或不是数字」, not 「不是非负数」)
    expect(r.issues.filter((i) => i.severity === "error").map((i) => i.message.zh)).toEqual([
      "经度“abc”不是数字",
      "权重“-5”小于 0",
    ]);
    const blank = parseDemandFile(enc("lon,lat\n,33.0\n"), "blank.csv");
    expect(blank.issues.map((i) => i.message)).toEqual([{ zh: "经度为空", en: "longitude is empty" }]);
  });
  it("names the whole file when the coordinate columns are missing", () => {
    const r = parseDemandFile(enc("name,x,y\na,1,2\n"), "bad.csv");
    expect(r.points).toEqual([]);
    expect(r.issues.map((i) => [i.row, i.code])).toEqual([
      [0, "no-longitude-column"],
      [0, "no-latitude-column"],
    ]);
    // each names what the column must be called and the columns the file has, in the user's words
    expect(r.issues[1].message.zh).toBe(
      "缺少纬度列：列名应为“纬度”“lat”或“latitude”；文件的列：name、x、y；该行未导入",
    );
    expect(r.issues[0].message.en).toBe(
      "no longitude column: name it 经度, lon, lng or longitude; the file's columns: name, x, y; the row was not imported",
    );
    expect(r.issues.map((i) => i.field)).toEqual(["lon", "lat"]);
  });
  it("converts GCJ-02 coordinates to WGS84", () => {
    const r = parseDemandFile(enc("lon,lat\n112.5,33.0\n"), "amap.csv", { crs: "gcj02" });
    // the GCJ-02 offset in central China is a few hundred metres, mostly eastwards
    expect(r.points[0].lon).toBeLessThan(112.5);
    expect(Math.abs(r.points[0].lon - 112.5)).toBeGreaterThan(0.001);
    expect(Math.abs(r.points[0].lon - 112.5)).toBeLessThan(0.01);
  });
});
