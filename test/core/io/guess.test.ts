import { describe, expect, it } from "vitest";
import { guessColumns, guessFacilityType, guessHospitalKind, parseGrade, parseOwnership } from "../../../src/core/io";

describe("guessColumns", () => {
  it("takes a longitude and latitude pair whose names a DBF cut to 10 bytes, when the pair is unambiguous", () => {
    // UTF-8 (百度经度 is 12 bytes: 百度经), a writer that cut a character in two (U+FFFD), GBK (百度地图经度: 百度地图经)
    for (const [lon, lat] of [
      ["百度经", "百度纬"],
      ["高德经", "高德纬"],
      ["百度经\uFFFD", "百度纬\uFFFD"],
      ["百度地图经", "百度地图纬"],
    ])
      expect(guessColumns(["名称", "类型", lon, lat]), lon).toMatchObject({ lon, lat });
    // a lone cut name (百度经纬度 cut to 百度经 too), two pairs, or a stem twice: no pair to take
    for (const headers of [
      ["名称", "百度经"],
      ["名称", "百度经", "高德纬"],
      ["名称", "百度经", "百度纬", "高德经", "高德纬"],
      ["名称", "百度经", "百度经\uFFFD", "百度纬"],
    ]) {
      const m = guessColumns(headers);
      expect([m.lon, m.lat], headers.join(",")).toEqual([undefined, undefined]);
    }
    // whole names win: the cut pair is another column
    expect(guessColumns(["经度", "纬度", "百度经", "百度纬"])).toMatchObject({ lon: "经度", lat: "纬度" });
  });

  it("maps Chinese headers", () => {
    expect(
      guessColumns([
        "序号",
        "单位名称",
        "机构类型",
        "经度",
        "纬度",
        "区县",
        "乡镇街道",
        "行政村",
        "编制床位",
        "医院等级",
        "所有制",
      ]),
    ).toEqual({
      id: "序号",
      name: "单位名称",
      type: "机构类型",
      lon: "经度",
      lat: "纬度",
      county: "区县",
      township: "乡镇街道",
      village: "行政村",
      beds: "编制床位",
      grade: "医院等级",
      ownership: "所有制",
    });
  });
  it("maps English headers, case-insensitively", () => {
    expect(guessColumns(["ID", "Name", "Type", "LNG", "Lat", "County", "Beds", "Grade", "Ownership"])).toEqual({
      id: "ID",
      name: "Name",
      type: "Type",
      lon: "LNG",
      lat: "Lat",
      county: "County",
      beds: "Beds",
      grade: "Grade",
      ownership: "Ownership",
    });
    expect(guessColumns(["x", "y", "long"])).toMatchObject({ lon: "x", lat: "y" });
  });
  it("falls back to partial matches", () => {
    expect(guessColumns(["医疗机构名称", "GCJ经度", "GCJ纬度"])).toEqual({
      name: "医疗机构名称",
      lon: "GCJ经度",
      lat: "GCJ纬度",
    });
  });
});

describe("guessFacilityType", () => {
  const cases: Array<[string, string | undefined, string | undefined]> = [
    ["城关镇卫生院", undefined, "thc"],
    ["皇路店镇中心卫生院", undefined, "central-thc"],
    ["张庄村卫生室", undefined, "village-clinic"],
    ["南召县急救站", undefined, "ems-station"],
    ["南召县120急救分站", undefined, "ems-station"],
    ["南阳市急救中心", undefined, "ems-centre"],
    ["南召县120指挥调度中心", undefined, "ems-dispatch"],
    ["南召县人民医院", undefined, "hospital"],
    ["南召县中医院", undefined, "hospital"],
    ["南召县妇幼保健院", undefined, "hospital"],
    ["七里园乡社区卫生服务中心", undefined, "chc"],
    ["皇后乡县域医疗卫生次中心", undefined, "sub-centre"],
    // the plans' own words (issue 9): 003:61 「县级“120”急救指挥中心」, 002's tables 「…镇中心医院」 (central THCs),
    // 002:191 社区卫生服务站 (a station, not a 中心); a city's 中心医院 is a hospital
    ["南召县120急救指挥中心", undefined, "ems-dispatch"],
    ["南召县急救指挥中心", undefined, "ems-dispatch"],
    ["南阳市紧急医疗救援中心", undefined, "ems-centre"],
    ["南宫市段芦头镇中心医院", undefined, "central-thc"],
    ["南宫市大高村镇中心医院", undefined, "central-thc"],
    ["南阳市中心医院", undefined, "hospital"],
    ["西丁街道社区卫生服务站", undefined, "chc-station"],
    ["某某", "社区卫生服务站", "chc-station"],
    ["某某", "社区卫生服务中心", "chc"],
    ["某某", "thc", "thc"],
    ["某某", "village clinic", "village-clinic"],
    ["某某", "EMS station", "ems-station"],
    ["张庄村卫生室", "诊所X", "village-clinic"],
    ["某某诊所", "诊所X", undefined],
    ["", "", undefined],
  ];
  for (const [name, cell, want] of cases)
    it(`${name} / ${cell ?? "-"} → ${want}`, () => expect(guessFacilityType(name, cell)).toBe(want));

  it("guesses hospital kinds", () => {
    expect(guessHospitalKind("南召县中医院")).toBe("tcm");
    expect(guessHospitalKind("南召县妇幼保健院")).toBe("maternal-child");
    expect(guessHospitalKind("南阳市第二人民医院")).toBe("general");
    expect(guessHospitalKind("南阳市精神病医院")).toBe("specialty");
  });
});

describe("grade and ownership", () => {
  it("parses grades", () => {
    expect(parseGrade("三级甲等")).toBe("3A");
    expect(parseGrade("三甲")).toBe("3A");
    expect(parseGrade("3A")).toBe("3A");
    expect(parseGrade("二级甲等")).toBe("2A");
    expect(parseGrade("二级乙等")).toBe("2B");
    expect(parseGrade("二级")).toBe("2");
    expect(parseGrade("一级")).toBe("1");
    expect(parseGrade("未定级")).toBeUndefined();
  });
  it("parses ownership", () => {
    expect(parseOwnership("公立")).toBe("public");
    expect(parseOwnership("政府办")).toBe("government");
    expect(parseOwnership("政府举办")).toBe("government");
    expect(parseOwnership("公建民营")).toBe("public");
    expect(parseOwnership("集体")).toBe("public");
    expect(parseOwnership("民营")).toBe("private");
    expect(parseOwnership("私立")).toBe("private");
    // (the re-trial, s51b: 「私人」, common beside 个体, was a doubt and dropped)
    expect(parseOwnership("私人")).toBe("private");
    expect(parseOwnership("其他")).toBeUndefined();
  });
});
