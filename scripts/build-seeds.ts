import { writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { NumParam, Provenance, Rule, RuleSet } from "../src/core";
import { RuleSetSchema, ruleSetJsonSchema } from "../src/core";

/** Plan documents: file id, title, city. */
export const DOCUMENTS = {
  "000": { file: "000", title: "南阳市“十四五”公共卫生体系和全民健康规划", city: "nanyang" },
  "001": { file: "001", title: "平顶山市“十四五”公共卫生体系和全民健康规划（平政〔2023〕3号）", city: "pingdingshan" },
  "002": { file: "002", title: "南宫市“十四五”医疗卫生服务体系规划", city: "nangong" },
  "003": {
    file: "003",
    title: "南阳市公共卫生、医疗服务、乡村医疗卫生体系行动计划（宛政办〔2024〕4号）",
    city: "nanyang",
  },
  "004": { file: "004", title: "宜春市“十四五”卫生健康发展规划", city: "yichun" },
} as const;
type DocId = keyof typeof DOCUMENTS;

function p(doc: DocId, line: number, section: string, quote: string): Provenance {
  return { doc, title: DOCUMENTS[doc].title, section, line, quote };
}

const S000_EMS =
  "三、重点任务（一）以提高风险防控能力为核心，建设强大公共卫生体系 3.建立陆空协同一体化紧急医学救援体系";
const S000_COL6 = "三、重点任务（六）以优质资源扩容提质为重点 专栏6：医疗卫生机构高质量发展工程";
const S000_PRIV = "三、重点任务（九）以扩大多元化服务供给为重点，积极发展健康产业 2.促进社会办医持续规范发展";
const S000_IND = "“十四五”主要发展指标（表）";
const S001_COL6 = "（六）聚力医疗机构高质量发展 专栏6：医疗卫生机构高质量发展工程";
const S001_IND = "（四）发展目标 “十四五”主要发展指标（表）";
const S002_HOSP = "二、机构设置（一）医院 1.公立医院";
const S002_BASE = "二、机构设置（二）基层医疗卫生机构";
const S002_BEDS = "三、资源配置（一）床位";
const S003_PH = "南阳市公共卫生体系建设行动计划 二、重点任务 11.提升院前医疗急救能力";
const S003_MED = "南阳市医疗服务体系建设行动计划 二、重点任务（一）优化医疗资源配置 4.深化县域医共体建设";
const S003_RURAL = "南阳市乡村医疗卫生体系改革提升攻坚行动实施方案 二、提升攻坚任务";
const S004_COL5 = "（五）建立优质高效医疗卫生服务体系 专栏5：优质高效医疗服务体系重点工程";
const S004_IND = "二、规划目标和重大指标 宜春市“十四五”卫生健康发展规划主要指标表";
const S004_PRIV = "专栏8（一）社会办医提升工程";

/** Every provenance entry, keyed for reuse; line numbers and quotes are checked by test/core/rules/seeds.test.ts. */
export const PROV = {
  emsUrban000: p("000", 232, S000_EMS, "城市地区服务半径不超过5公里"),
  emsRural000: p("000", 232, S000_EMS, "农村地区服务半径不超过10-20公里"),
  emsTime000: p("000", 232, S000_EMS, "平均急救反应时间不超过30分钟"),
  emsUrban004: p(
    "004",
    439,
    `${S004_COL5}（四）院前急救体系建设工程`,
    "城市地区完善以急救中心为主体，二级以上医院为支撑的院前医疗急救网络，服务半径不超过5公里",
  ),
  emsRural004: p(
    "004",
    439,
    `${S004_COL5}（四）院前急救体系建设工程`,
    "农村地区建立县级急救中心-中心乡镇卫生院-乡镇卫生院三级急救网络，服务半径不超过20公里",
  ),
  emsTiers004: p("004", 439, `${S004_COL5}（四）院前急救体系建设工程`, "建立健全市县两级急救中心（站）建设"),
  emsTiers003: p(
    "003",
    61,
    S003_PH,
    "健全以市紧急医疗救援中心、县级“120”急救指挥中心为中枢、以急救站为基础的院前医疗急救服务体系",
  ),
  sub15km003: p(
    "003",
    213,
    `${S003_RURAL}（一）中心乡镇卫生院提质升级`,
    "在县(市、区)城区之外,距离县域医疗中心15公里以上,符合条件的中心乡镇卫生院",
  ),
  subBands003: p(
    "003",
    213,
    `${S003_RURAL}（一）中心乡镇卫生院提质升级`,
    "常住人口在100万人以上的县(市、区),可规划布局选建3~4所;在50万人至100万人的县(市、区),可规划布局选建2~3所;在20万人至50万人的县(市、区),可规划布局选建1~2所",
  ),
  subPerCounty003: p("003", 143, S003_MED, "各县(市)在县域医疗中心之外规划建设1~2所县域医疗卫生次中心"),
  thc003: p("003", 143, S003_MED, "每个乡镇建好1所政府办标准化乡镇卫生院"),
  vc003: p("003", 143, S003_MED, "每个行政村建好1所标准化村卫生室"),
  vcShared003: p(
    "003",
    219,
    `${S003_RURAL}（四）村卫生室公有化标准化建设`,
    "常住人口少、服务半径小、交通便利的相邻行政村可合建中心村卫生室",
  ),
  thcBeds003: p("003", 215, `${S003_RURAL}（二）薄弱基层医疗卫生机构补短达标`, "按照每千名服务人口1.2张床位核定规模"),
  thc002: p("002", 187, S002_BASE, "每个乡（镇）设置1所政府举办的标准化建设的乡镇卫生院"),
  cthc002: p("002", 187, S002_BASE, "选择1/3左右的乡镇卫生院提升服务能力和水平，建设成中心乡镇卫生院"),
  noGh002: p("002", 178, `二、机构设置（一）医院`, "在市主城区内，不再设置新的综合医院"),
  chc002: p("002", 189, S002_BASE, "每个街道办事处或3-10万居民规划设置1所政府举办的社区卫生服务中心"),
  vc002: p("002", 193, S002_BASE, "原则上每个行政村设置1个村卫生室"),
  vcThc002: p("002", 193, S002_BASE, "乡镇卫生院所在地的行政村原则上可不再设村卫生室"),
  hosp002: p("002", 177, S002_HOSP, "原则上设置1个市办综合医院和1个市办中医类医院（含中西医结合）"),
  beds002: p("002", 208, S002_BEDS, "到2025年，全市每千常住人口医疗卫生机构床位数5.90张"),
  thc001: p("001", 301, S001_COL6, "每个乡镇建好1所政府举办的乡镇卫生院"),
  chc001: p("001", 301, S001_COL6, "每个街道建好1所政府举办或公建民营的社区卫生服务中心（站）"),
  hosp001: p(
    "001",
    295,
    S001_COL6,
    "每个县（市）重点建好1所公立综合医院、1所公立中医医院、1所公立妇幼保健院，加快提质改造和临床重点专科建设，全部达到二级水平",
  ),
  beds001: p("001", 132, S001_IND, "每千常住人口医疗卫生机构床位数（张）\t6.62\t7.7"),
  hosp000: p(
    "000",
    310,
    S000_COL6,
    "每个县（区）重点办好1所综合医院、1所中医医院和1所妇幼保健院，全部达到二级甲等水平",
  ),
  priv000: p("000", 337, S000_PRIV, "社会办医区域总量和空间不作规划限制"),
  beds000name: p("000", 119, S000_IND, "每千常住人口医疗卫生机构床位数(张)"),
  beds000value: p("000", 121, `${S000_IND} 2025年目标值`, "7.7"),
  thc004: p("004", 437, `${S004_COL5}（三）基层医疗卫生机构建设工程`, "每个乡镇至少有1所政府办的标准化乡镇卫生院"),
  chc004: p("004", 437, `${S004_COL5}（三）基层医疗卫生机构建设工程`, "每个街道至少设置1所政府办社区卫生服务中心"),
  vc004: p(
    "004",
    437,
    `${S004_COL5}（三）基层医疗卫生机构建设工程`,
    "每个非乡镇卫生院所在行政村和800人口以上的行政村至少设置1所公有产权的标准化村卫生室",
  ),
  beds004name: p("004", 145, S004_IND, "每千人口医疗卫生机构床位数"),
  beds004value: p("004", 147, `${S004_IND} 2025年目标值`, "7.5"),
  priv004: p("004", 500, S004_PRIV, "政府对社会办医区域总量和空间布局不作规划限制"),
} satisfies Record<string, Provenance>;

function num(value: number, unit: string, bound: "inclusive" | "exclusive", range?: [number, number]): NumParam {
  return range ? { value, unit, bound, min: range[0], max: range[1] } : { value, unit, bound };
}

const EMS_TYPES = ["ems-centre", "ems-station"] as const;
const THC_TYPES = ["thc", "central-thc", "sub-centre"] as const;

function emsUrban(prov: Provenance[], withSupport: boolean): Rule {
  return {
    id: "EMS-URBAN",
    kind: "radius-coverage",
    area: "urban",
    appliesTo: withSupport ? [...EMS_TYPES, "hospital", "county-medical-centre"] : [...EMS_TYPES],
    params: withSupport
      ? { radiusKm: num(5, "km", "inclusive"), supportHospitalMinGrade: "2" }
      : { radiusKm: num(5, "km", "inclusive") },
    provenance: prov,
    description: {
      zh: "城区每一处距最近的急救点不超过 5 公里",
      en: "Every point of the urban area lies within 5 km of an EMS point",
    },
  };
}

function emsRural(prov: Provenance[], valueKm: number, withCthc: boolean): Rule {
  return {
    id: "EMS-RURAL",
    kind: "radius-coverage",
    area: "rural",
    appliesTo: withCthc ? [...EMS_TYPES, "central-thc", "thc"] : [...EMS_TYPES],
    params: { radiusKm: num(valueKm, "km", "inclusive", [10, 20]) },
    provenance: prov,
    description: {
      zh: "农村地区每一处距最近的急救点不超过所选服务半径（10–20 公里）",
      en: "Every point of the rural area lies within the chosen EMS radius (10–20 km)",
    },
  };
}

const emsTime: Rule = {
  id: "EMS-TIME",
  kind: "travel-time",
  appliesTo: [...EMS_TYPES],
  params: { maxMinutes: num(30, "min", "inclusive") },
  provenance: [PROV.emsTime000],
  description: {
    zh: "平均急救反应时间不超过 30 分钟（需路网数据）",
    en: "Average EMS response time at most 30 minutes (needs a road network)",
  },
};

const sub15km: Rule = {
  id: "SUB-15KM",
  kind: "min-distance-outside-urban",
  appliesTo: ["sub-centre", "central-thc"],
  params: { minDistanceKm: num(15, "km", "inclusive") },
  provenance: [PROV.sub15km003],
  description: {
    zh: "县域医疗卫生次中心位于城区之外，距县域医疗中心 15 公里以上",
    en: "A county sub-centre lies outside the urban area and at least 15 km from the county medical centre",
  },
};

function subCount(variant: "bands" | "per-county"): Rule {
  return {
    id: "SUB-COUNT",
    kind: "count-by-population-band",
    appliesTo: ["sub-centre"],
    params: {
      variant,
      bands: [
        { populationMin: num(1_000_000, "persons", "inclusive"), countMin: 3, countMax: 4 },
        {
          populationMin: num(500_000, "persons", "inclusive"),
          populationMax: num(1_000_000, "persons", "exclusive"),
          countMin: 2,
          countMax: 3,
        },
        {
          populationMin: num(200_000, "persons", "inclusive"),
          populationMax: num(500_000, "persons", "exclusive"),
          countMin: 1,
          countMax: 2,
        },
      ],
      perCounty: { countMin: 1, countMax: 2 },
      perCountyIncludesDistricts: false,
    },
    provenance: [PROV.subBands003, PROV.subPerCounty003],
    description: {
      zh: "按常住人口分档核定次中心数量（或每县 1–2 所，二者可选）",
      en: "Sub-centres per county by resident-population band (or 1–2 per county; selectable)",
    },
  };
}

const cthcThird: Rule = {
  id: "CTHC-THIRD",
  kind: "share-of-type",
  appliesTo: [...THC_TYPES],
  numerator: ["central-thc", "sub-centre"],
  params: { share: num(1 / 3, "ratio", "inclusive"), tolerance: num(0.1, "ratio", "inclusive") },
  provenance: [PROV.cthc002],
  description: {
    zh: "约三分之一的乡镇卫生院建成中心乡镇卫生院",
    en: "About one third of township health centres are central THCs",
  },
};

const noNewGh: Rule = {
  id: "NO-NEW-GH-URBAN",
  kind: "no-new-in-urban",
  appliesTo: ["hospital"],
  params: { hospitalKind: "general" },
  provenance: [PROV.noGh002],
  description: {
    zh: "主城区内不再新设综合医院",
    en: "No new general hospital inside the main urban area",
  },
};

function thcPerTownship(prov: Provenance[]): Rule {
  return {
    id: "THC-PER-TOWNSHIP",
    kind: "one-per-unit",
    unit: "township",
    appliesTo: [...THC_TYPES],
    params: { perUnit: num(1, "facilities", "inclusive") },
    exemptions: ["private"],
    provenance: prov,
    description: {
      zh: "每个乡镇有 1 所政府办乡镇卫生院",
      en: "Each township (乡/镇) has one government-run township health centre",
    },
  };
}

function chcPerStreet(prov: Provenance[]): Rule {
  return {
    id: "CHC-PER-STREET",
    kind: "one-per-unit",
    unit: "street",
    appliesTo: ["chc"],
    params: { perUnit: num(1, "facilities", "inclusive") },
    exemptions: ["private"],
    provenance: prov,
    description: {
      zh: "每个街道有 1 所社区卫生服务中心",
      en: "Each sub-district (街道) has one community health service centre",
    },
  };
}

function vcPerVillage(prov: Provenance[], exemptions: Array<"community" | "thc-village" | "shared-clinic">): Rule {
  return {
    id: "VC-PER-VILLAGE",
    kind: "one-per-unit",
    unit: "village",
    appliesTo: ["village-clinic"],
    params: { perUnit: num(1, "facilities", "inclusive") },
    exemptions: [...exemptions, "private"],
    provenance: prov,
    description: {
      zh: "每个行政村有 1 所村卫生室（社区及豁免村除外）",
      en: "Each administrative village has one village clinic (communities and exempt villages excepted)",
    },
  };
}

function county3(
  prov: Provenance[],
  required: Array<"general" | "tcm" | "maternal-child">,
  minGrade: string | undefined,
  includeDistricts: boolean,
): Rule {
  return {
    id: "COUNTY-3-HOSPITALS",
    kind: "required-set",
    appliesTo: ["hospital", "county-medical-centre"],
    params: minGrade ? { required, minGrade, includeDistricts } : { required, includeDistricts },
    provenance: prov,
    description: {
      zh: "每县办好综合、中医、妇幼各 1 所公立医院并达到规定等级",
      en: "Each county runs a public general, TCM and maternal-child hospital at the required grade",
    },
  };
}

function emsTiers(prov: Provenance[]): Rule {
  return {
    id: "EMS-TIERS",
    kind: "tiers",
    appliesTo: ["ems-centre", "ems-dispatch", "ems-station"],
    params: { perCounty: "ems-dispatch", perCountyMin: num(1, "facilities", "inclusive") },
    provenance: prov,
    description: {
      zh: "每县有 120 急救调度指挥中心，急救站归属本县",
      en: "Each county has its 120 dispatch centre and every EMS station belongs to its own county",
    },
  };
}

const thcBeds: Rule = {
  id: "THC-BEDS",
  kind: "ratio-per-1000",
  appliesTo: [...THC_TYPES, "chc"],
  // a per-centre norm for government-run centres (薄弱乡镇卫生院、社区卫生服务中心): public ones only, and the
  // county population stands in for the centres' service populations, which the data does not have
  params: {
    perThousand: num(1.2, "beds per 1,000 service population", "inclusive"),
    publicOnly: true,
    countyPopulationAsProxy: true,
  },
  provenance: [PROV.thcBeds003],
  description: {
    zh: "乡镇卫生院和社区卫生服务中心床位按每千服务人口 1.2 张核定",
    en: "THC and CHC beds sized at 1.2 per 1,000 service population",
  },
};

const BEDS_BY_CITY = {
  nanyang: num(7.7, "beds per 1,000 residents", "inclusive"),
  pingdingshan: num(7.7, "beds per 1,000 residents", "inclusive"),
  nangong: num(5.9, "beds per 1,000 residents", "inclusive"),
  yichun: num(7.5, "beds per 1,000 residents", "inclusive"),
};

function bedsPer1000(prov: Provenance[], value: number, byCity: boolean): Rule {
  return {
    id: "BEDS-PER-1000",
    kind: "ratio-per-1000",
    appliesTo: ["hospital", "county-medical-centre", "sub-centre", "central-thc", "thc", "chc", "village-clinic"],
    params: byCity
      ? { perThousand: num(value, "beds per 1,000 residents", "inclusive"), byCity: BEDS_BY_CITY }
      : { perThousand: num(value, "beds per 1,000 residents", "inclusive") },
    provenance: prov,
    description: {
      zh: "2025 年每千常住人口医疗卫生机构床位数达到规划目标",
      en: "Beds per 1,000 residents reach the plan's 2025 target",
    },
  };
}

function ruleSet(id: string, zh: string, en: string, docs: DocId[], rules: Rule[]): RuleSet {
  return {
    $schema: "./ruleset.schema.json",
    id,
    title: { zh, en },
    documents: docs.map((d) => ({ ...DOCUMENTS[d] })),
    rules,
  };
}

/**
 * The set for a city with no local plan loaded: the rules that at least two cities' plans state alike, in the reading
 * they share, each citing those plans' lines (docs/rules.md, "Cities without a local plan", gives the choice rule by rule). Rules of one plan only
 * (SUB-15KM, SUB-COUNT, THC-BEDS: 003; CTHC-THIRD, NO-NEW-GH-URBAN: 002; EMS-TIME: 000), city-specific targets
 * (BEDS-PER-1000) and EMS-TIERS (003 and 004 name different hubs) are left out.
 */
function nationalRuleSet(): RuleSet {
  return {
    ...ruleSet(
      "national",
      "各规划共有的国家标准规则（未加载本地规划）",
      "National-standard rules the plans share (no local plan loaded)",
      ["000", "001", "002", "003", "004"],
      [
        emsUrban([PROV.emsUrban000, PROV.emsUrban004], false),
        emsRural([PROV.emsRural000, PROV.emsRural004], 20, false),
        thcPerTownship([PROV.thc001, PROV.thc002, PROV.thc003, PROV.thc004]),
        chcPerStreet([PROV.chc001, PROV.chc002, PROV.chc004]),
        vcPerVillage([PROV.vc002, PROV.vcThc002, PROV.vc003, PROV.vc004], ["community", "thc-village"]),
        county3([PROV.hosp000, PROV.hosp001], ["general", "tcm", "maternal-child"], "2", false),
      ],
    ),
    noLocalPlan: {
      zh: "该市未加载本地规划：按五份规划中至少两市规划一致规定的国家标准规则核查（急救服务半径城区 5 公里、农村 10–20 公里；每乡镇 1 所乡镇卫生院、每街道 1 所社区卫生服务中心、每行政村 1 所村卫生室；每县综合、中医、妇幼医院达到二级），条文出处为这些规划的原文",
      en: "No local plan is loaded for this city: it is checked against the national-standard rules that at least two cities' plans state alike (EMS radius 5 km urban, 10–20 km rural; one township health centre per township, one community health centre per sub-district, one village clinic per administrative village; a general, a TCM and a maternal-child hospital of grade II in each county), citing those plans' lines",
    },
  };
}

/** All seed rule sets, keyed by output file name. */
export function buildSeedRuleSets(): Record<string, RuleSet> {
  return {
    "ruleset-000.json": ruleSet(
      "000",
      "南阳市“十四五”公共卫生体系和全民健康规划",
      "Nanyang 14th Five-Year public health plan",
      ["000"],
      [
        emsUrban([PROV.emsUrban000], false),
        emsRural([PROV.emsRural000], 20, false),
        emsTime,
        county3([PROV.hosp000, PROV.priv000], ["general", "tcm", "maternal-child"], "2A", true),
        bedsPer1000([PROV.beds000name, PROV.beds000value], 7.7, false),
      ],
    ),
    "ruleset-001.json": ruleSet(
      "001",
      "平顶山市“十四五”公共卫生体系和全民健康规划",
      "Pingdingshan 14th Five-Year public health plan",
      ["001"],
      [
        thcPerTownship([PROV.thc001]),
        chcPerStreet([PROV.chc001]),
        county3([PROV.hosp001], ["general", "tcm", "maternal-child"], "2", false),
        bedsPer1000([PROV.beds001], 7.7, false),
      ],
    ),
    "ruleset-002.json": ruleSet(
      "002",
      "南宫市“十四五”医疗卫生服务体系规划",
      "Nangong 14th Five-Year health service system plan",
      ["002"],
      [
        cthcThird,
        noNewGh,
        thcPerTownship([PROV.thc002]),
        chcPerStreet([PROV.chc002]),
        vcPerVillage([PROV.vc002, PROV.vcThc002], ["community", "thc-village"]),
        county3([PROV.hosp002], ["general", "tcm"], undefined, true),
        bedsPer1000([PROV.beds002], 5.9, false),
      ],
    ),
    "ruleset-003.json": ruleSet(
      "003",
      "南阳市医疗卫生体系行动计划（宛政办〔2024〕4号）",
      "Nanyang health system action plans (2024)",
      ["003"],
      [
        sub15km,
        subCount("bands"),
        thcPerTownship([PROV.thc003]),
        vcPerVillage([PROV.vc003, PROV.vcShared003], ["community", "shared-clinic"]),
        emsTiers([PROV.emsTiers003]),
        thcBeds,
      ],
    ),
    "ruleset-004.json": ruleSet(
      "004",
      "宜春市“十四五”卫生健康发展规划",
      "Yichun 14th Five-Year health development plan",
      ["004"],
      [
        emsUrban([PROV.emsUrban004], true),
        emsRural([PROV.emsRural004], 20, true),
        thcPerTownship([PROV.thc004, PROV.priv004]),
        chcPerStreet([PROV.chc004]),
        vcPerVillage([PROV.vc004], ["community", "thc-village"]),
        emsTiers([PROV.emsTiers004]),
        bedsPer1000([PROV.beds004name, PROV.beds004value], 7.5, false),
      ],
    ),
    "ruleset-national.json": nationalRuleSet(),
    "ruleset-default.json": ruleSet(
      "default",
      "五份规划合并规则集",
      "Combined rule set of the five plans",
      ["000", "001", "002", "003", "004"],
      [
        emsUrban([PROV.emsUrban000, PROV.emsUrban004], false),
        emsRural([PROV.emsRural000, PROV.emsRural004], 20, false),
        emsTime,
        sub15km,
        subCount("bands"),
        cthcThird,
        noNewGh,
        thcPerTownship([PROV.thc003, PROV.thc002, PROV.thc001, PROV.thc004, PROV.priv000]),
        chcPerStreet([PROV.chc001, PROV.chc002, PROV.chc004]),
        vcPerVillage([PROV.vc003, PROV.vc002, PROV.vcThc002, PROV.vc004], ["community", "thc-village"]),
        county3([PROV.hosp000, PROV.hosp001, PROV.priv000], ["general", "tcm", "maternal-child"], "2A", true),
        emsTiers([PROV.emsTiers003, PROV.emsTiers004]),
        thcBeds,
        bedsPer1000(
          [PROV.beds000name, PROV.beds000value, PROV.beds001, PROV.beds002, PROV.beds004name, PROV.beds004value],
          7.7,
          true,
        ),
      ],
    ),
  };
}

/** Writes seeds/*.json and seeds/ruleset.schema.json into `seedsDir`. */
export function writeSeeds(seedsDir: string): string[] {
  const written: string[] = [];
  for (const [name, set] of Object.entries(buildSeedRuleSets())) {
    RuleSetSchema.parse(set);
    const file = join(seedsDir, name);
    writeFileSync(file, `${JSON.stringify(set, null, 2)}\n`);
    written.push(file);
  }
  const schemaFile = join(seedsDir, "ruleset.schema.json");
  writeFileSync(schemaFile, `${JSON.stringify(ruleSetJsonSchema(), null, 2)}\n`);
  written.push(schemaFile);
  return written;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
  for (const f of writeSeeds(join(root, "seeds"))) console.log(f);
}
