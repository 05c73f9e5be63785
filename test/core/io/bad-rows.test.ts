import { describe, expect, it } from "vitest";
import { checkCoordinates, parseFacilityFile } from "../../../src/core/io";
import { fixture } from "./helpers";

describe("bad rows", () => {
  it("reports exactly the expected issues, by file, row and field", async () => {
    const r = await parseFacilityFile(fixture("bad-rows.csv"), "bad-rows.csv");
    const got = r.issues.map((i) => [i.file, i.row, i.field, i.value, i.severity, i.code]);
    expect(got).toEqual([
      // B01 has no type cell: its type is a guess from the name, marked as such (issue 9)
      ["bad-rows.csv", 2, "机构类别", "", "warning", "type-from-name"],
      ["bad-rows.csv", 3, "经度", undefined, "error", "missing-coordinate"],
      ["bad-rows.csv", 4, "纬度", "abc", "error", "not-a-number"],
      ["bad-rows.csv", 5, "纬度", "200", "error", "out-of-range"],
      ["bad-rows.csv", 6, "机构类别", "诊所X", "error", "unknown-type"],
      ["bad-rows.csv", 7, "经度/纬度", "33.340567, 112.381234", "warning", "swapped-lat-lon"],
      ["bad-rows.csv", 7, "机构类别", "", "warning", "type-from-name"],
      ["bad-rows.csv", 8, "机构名称", undefined, "warning", "missing-name"],
      ["bad-rows.csv", 9, "机构类别", "", "warning", "type-from-name"],
      ["bad-rows.csv", 9, "所属县区", undefined, "warning", "missing-optional"],
    ]);
    for (const i of r.issues) expect(i.message.zh.length > 0 && i.message.en.length > 0).toBe(true);
    expect(r.totalRows).toBe(8);
    expect(r.rejectedRows).toBe(4);
    expect(r.rejectedRows + r.facilities.length).toBe(r.totalRows);
    expect(r.facilities.map((f) => f.id)).toEqual(["B01", "B06", "B07", "B08"]);
    const swapped = r.facilities.find((f) => f.id === "B06")!;
    expect([swapped.lon, swapped.lat]).toEqual([112.381234, 33.340567]);
    expect(r.facilities.find((f) => f.id === "B07")!.type).toBe("village-clinic");
  });

  it("flags points outside the loaded boundaries", async () => {
    const boundaries = {
      type: "FeatureCollection" as const,
      features: [
        {
          type: "Feature" as const,
          properties: {},
          geometry: {
            type: "Polygon" as const,
            coordinates: [
              [
                [112.4, 33.4],
                [112.5, 33.4],
                [112.5, 33.6],
                [112.4, 33.6],
                [112.4, 33.4],
              ],
            ],
          },
        },
      ],
    };
    const r = await parseFacilityFile(fixture("bad-rows.csv"), "bad-rows.csv", { boundaries });
    // B01 (112.429, 33.489) and B08 (112.44, 33.49) are inside; B06 (112.38, 33.34) and B07 (112.45, 33.46) too? B07 is inside, B06 is not.
    expect(r.issues.filter((i) => i.code === "outside-boundaries").map((i) => [i.row, i.field, i.severity])).toEqual([
      [7, "经度/纬度", "warning"],
    ]);
  });

  it("checkCoordinates swaps, rejects outside China and keeps input unchanged", () => {
    const input = [
      { id: "a", name: "A", type: "thc" as const, lon: 112, lat: 33 },
      { id: "b", name: "B", type: "thc" as const, lon: 33, lat: 112 },
      { id: "c", name: "C", type: "thc" as const, lon: 2, lat: 48 },
      { id: "d", name: "D", type: "thc" as const, lon: 112, lat: 95 },
    ];
    const copy = structuredClone(input);
    const r = checkCoordinates(input, { file: "f" });
    expect(input).toEqual(copy);
    expect(r.facilities.map((f) => [f.id, f.lon, f.lat])).toEqual([
      ["a", 112, 33],
      ["b", 112, 33],
    ]);
    expect(r.issues.map((i) => [i.row, i.code, i.severity])).toEqual([
      [2, "swapped-lat-lon", "warning"],
      [3, "outside-china", "error"],
      [4, "out-of-range", "error"],
    ]);
    expect(r.rejected).toBe(2);
  });
});

describe("the same facility entered twice (the GIS trial)", () => {
  const csv = (rows: string[]) => new TextEncoder().encode(`名称,类型,经度,纬度\n${rows.join("\n")}\n`);

  it("warns on each copy, naming the first row, and keeps it for the user to drop", async () => {
    const row = "淅川县急救站,急救站,111.49096,33.13782";
    const r = await parseFacilityFile(csv([row, "西峡县急救站,急救站,111.47,33.30", row, row]), "dup.csv");
    const dups = r.issues.filter((i) => i.code === "duplicate-row");
    expect(dups.map((i) => [i.row, i.field, i.value, i.severity])).toEqual([
      [4, "名称", "淅川县急救站", "warning"],
      [5, "名称", "淅川县急救站", "warning"],
    ]);
    expect(dups[0].message.zh).toBe(
      "与第 2 行名称、类型、位置相同，可能重复录入；如是，勾选本行的“剔除”（命令行加 --drop-rows 4），或在文件中删去本行",
    );
    expect(r.facilities).toHaveLength(4);
  });

  it("does not warn where the name, the type or the position (to 6 decimals) differs", async () => {
    const r = await parseFacilityFile(
      csv([
        "甲卫生院,乡镇卫生院,112.1,33.1",
        "甲卫生院,村卫生室,112.1,33.1",
        "乙卫生院,乡镇卫生院,112.1,33.1",
        "甲卫生院,乡镇卫生院,112.100001,33.1",
        "甲卫生院,乡镇卫生院,112.1000001,33.1",
      ]),
      "near.csv",
    );
    expect(r.issues.filter((i) => i.code === "duplicate-row").map((i) => i.row)).toEqual([6]);
  });
});

describe("converted positions (the GIS trial: 111.48000035797268 in the exports)", () => {
  it("are kept to 7 decimals (1 cm) when converted from GCJ-02, as written when WGS84", async () => {
    const csv = new TextEncoder().encode("名称,类型,经度,纬度\n西峡县急救站,急救站,111.479604,33.305648\n");
    const seven = (x: number) => Number(x.toFixed(7)) === x;
    const gcj = await parseFacilityFile(csv, "gcj.csv", { crs: "gcj02" });
    const [f] = gcj.facilities;
    expect(seven(f.lon) && seven(f.lat)).toBe(true);
    // the Amap point of 西峡县急救站 at WGS84 111.47353, 33.30729 comes back within a metre
    expect(Math.abs(f.lon - 111.47353) * 93_000 + Math.abs(f.lat - 33.30729) * 111_000).toBeLessThan(1);
    const wgs = await parseFacilityFile(
      new TextEncoder().encode("名称,类型,经度,纬度\n某站,急救站,111.123456789012,33.1\n"),
      "wgs.csv",
      { crs: "wgs84" },
    );
    expect(wgs.facilities[0].lon).toBe(111.123456789012);
  });

  it("a coordinate that is China's but for its minus sign or a lost decimal point says so (the bad-files trial, s56b L)", async () => {
    const csv = new TextEncoder().encode(
      [
        "名称,类型,经度,纬度",
        "甲卫生院,乡镇卫生院,-112.571319,32.992504",
        "乙卫生院,乡镇卫生院,112523346,32715517",
        "丙卫生院,乡镇卫生院,2.35,48.85",
      ].join("\n"),
    );
    const r = await parseFacilityFile(csv, "weird.csv");
    const byRow = new Map(r.issues.filter((i) => i.severity === "error").map((i) => [i.row, i.message.zh]));
    expect(byRow.get(2)).toBe(
      "坐标不在中国范围内（经度 73–136°，纬度 3–54°）：去掉负号即在中国（112.571319, 32.992504），请核对经纬度的正负号",
    );
    expect(byRow.get(3)).toBe(
      "坐标超出取值范围（经度 ±180°，纬度 ±90°）：似缺少小数点（如 112.523346, 32.715517），请核对单元格格式（Excel 的数值格式可能去掉了小数点）；如为投影坐标（米），请选择其坐标系",
    );
    // metres with their decimals (a GeoJSON in Web Mercator with no crs member) are no lost decimal point
    const metres = await parseFacilityFile(
      new TextEncoder().encode("名称,类型,经度,纬度\n丁卫生院,乡镇卫生院,12526590.62,3891640.13\n"),
      "metres.csv",
    );
    expect(metres.issues.some((i) => i.message.zh.includes("小数点"))).toBe(false);
    // Paris is Paris: no hint
    expect(byRow.get(4)).toBe("坐标不在中国范围内（经度 73–136°，纬度 3–54°）");
  });
});
