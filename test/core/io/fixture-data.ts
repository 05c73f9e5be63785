import type { Facility } from "../../../src/core/model";

/**
 * The facilities every format fixture encodes (invented sample data around Nanyang; not real positions).
 * Expected values for the format tests: WGS84 positions as written here.
 */
export interface FixtureFacility {
  id: string;
  name: string;
  /** Type cell as written in the file ("" = let the name decide). */
  typeCell: string;
  lon: number;
  lat: number;
  county: string;
  beds?: number;
  grade?: string;
  ownership?: string;
  expected: Omit<Facility, "id" | "name" | "lon" | "lat" | "county" | "invented">;
}

export const FIXTURE_FACILITIES: FixtureFacility[] = [
  {
    id: "F001",
    name: "南阳市中心医院",
    typeCell: "医院",
    lon: 112.54,
    lat: 33.005,
    county: "411302",
    beds: 2000,
    grade: "三级甲等",
    ownership: "公立",
    expected: { type: "hospital", hospitalKind: "general", grade: "3A", ownership: "public", beds: 2000 },
  },
  {
    id: "F002",
    name: "南召县人民医院",
    typeCell: "",
    lon: 112.429,
    lat: 33.489,
    county: "411321",
    beds: 600,
    grade: "二级甲等",
    ownership: "政府办",
    expected: { type: "hospital", hospitalKind: "general", grade: "2A", ownership: "government", beds: 600 },
  },
  {
    id: "F003",
    name: "南召县中医院",
    typeCell: "中医医院",
    lon: 112.4401,
    lat: 33.4952,
    county: "411321",
    beds: 300,
    grade: "二甲",
    expected: { type: "hospital", hospitalKind: "tcm", grade: "2A", beds: 300 },
  },
  {
    id: "F004",
    name: "南召县妇幼保健院",
    typeCell: "",
    lon: 112.4215,
    lat: 33.4833,
    county: "411321",
    grade: "二级",
    expected: { type: "hospital", hospitalKind: "maternal-child", grade: "2" },
  },
  {
    id: "F005",
    name: "皇路店镇中心卫生院",
    typeCell: "",
    lon: 112.381234,
    lat: 33.340567,
    county: "411321",
    beds: 80,
    expected: { type: "central-thc", beds: 80 },
  },
  {
    id: "F006",
    name: "云阳镇卫生院",
    typeCell: "乡镇卫生院",
    lon: 112.270001,
    lat: 33.440002,
    county: "411321",
    beds: 45,
    expected: { type: "thc", beds: 45 },
  },
  {
    id: "F007",
    name: "张庄村卫生室",
    typeCell: "村卫生室",
    lon: 112.41,
    lat: 33.52,
    county: "411321",
    expected: { type: "village-clinic" },
  },
  {
    id: "F008",
    name: "南召县120急救分站",
    typeCell: "",
    lon: 112.4351,
    lat: 33.4801,
    county: "411321",
    expected: { type: "ems-station" },
  },
  {
    id: "F009",
    name: "南召县120指挥调度中心",
    typeCell: "",
    lon: 112.4333,
    lat: 33.4866,
    county: "411321",
    expected: { type: "ems-dispatch" },
  },
  {
    id: "F010",
    name: "南阳市急救中心",
    typeCell: "",
    lon: 112.5281,
    lat: 32.9907,
    county: "411302",
    expected: { type: "ems-centre" },
  },
  {
    id: "F011",
    name: "城关镇社区卫生服务中心",
    typeCell: "",
    lon: 112.4402,
    lat: 33.4702,
    county: "411321",
    expected: { type: "chc" },
  },
  {
    id: "F012",
    name: "皇后乡县域医疗卫生次中心",
    typeCell: "",
    lon: 112.3072,
    lat: 33.6149,
    county: "411321",
    expected: { type: "sub-centre" },
  },
  {
    id: "F013",
    name: "南阳仁和骨科医院",
    typeCell: "",
    lon: 112.5611,
    lat: 33.0177,
    county: "411303",
    beds: 120,
    grade: "二级",
    ownership: "民营",
    expected: { type: "hospital", hospitalKind: "specialty", grade: "2", ownership: "private", beds: 120 },
  },
];

/** Header row used by the CSV/XLSX fixtures. */
export const FIXTURE_HEADERS = [
  "机构编码",
  "机构名称",
  "机构类别",
  "经度",
  "纬度",
  "所属县区",
  "床位数",
  "医院等级",
  "经济类型",
];

/** Cells of one fixture row, in FIXTURE_HEADERS order, with coordinates given. */
export function fixtureRow(f: FixtureFacility, x: number | string = f.lon, y: number | string = f.lat): string[] {
  return [
    f.id,
    f.name,
    f.typeCell,
    String(x),
    String(y),
    f.county,
    f.beds === undefined ? "" : String(f.beds),
    f.grade ?? "",
    f.ownership ?? "",
  ];
}

/**
 * Expected Facility for a fixture facility (coordinates as in the fixture); one written without a type cell has its
 * type guessed from the name, and says so (`typeGuessed`).
 */
export function expectedFacility(f: FixtureFacility): Facility {
  return {
    id: f.id,
    name: f.name,
    lon: f.lon,
    lat: f.lat,
    county: f.county,
    ...f.expected,
    ...(f.typeCell === "" ? { typeGuessed: true } : {}),
  };
}
