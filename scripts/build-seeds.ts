import { writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { NumParam, Provenance, Rule, RuleSet } from "../src/core";
import { RuleSetSchema, ruleSetJsonSchema } from "../src/core";

/** Plan documents: file id, title, document number (文号) where the plan has one, city. */
export const DOCUMENTS = {
  "000": {
    file: "000",
    title: "南阳市“十四五”公共卫生体系和全民健康规划",
    city: "nanyang",
    cityName: { zh: "南阳市", en: "Nanyang" },
    // “十四五”: the title's period
    period: { from: 2021, to: 2025 },
  },
  "001": {
    file: "001",
    title: "平顶山市“十四五”公共卫生体系和全民健康规划",
    number: "平政〔2023〕3号",
    city: "pingdingshan",
    cityName: { zh: "平顶山市", en: "Pingdingshan" },
    // “十四五”: the title's period
    period: { from: 2021, to: 2025 },
  },
  "002": {
    file: "002",
    title: "南宫市“十四五”医疗卫生服务体系规划",
    city: "nangong",
    cityName: { zh: "南宫市", en: "Nangong" },
    // “十四五”: the title's period
    period: { from: 2021, to: 2025 },
  },
  // the notice's own title (003:5, 003:9), which sends out the three plans the sections name (003:13)
  "003": {
    file: "003",
    title: "南阳市人民政府办公室关于印发南阳市公共卫生体系建设行动计划(2024—2025年)等三个文件的通知",
    number: "宛政办〔2024〕4号",
    city: "nanyang",
    cityName: { zh: "南阳市", en: "Nanyang" },
    // (2024—2025年): the title's period
    period: { from: 2024, to: 2025 },
  },
  "004": {
    file: "004",
    title: "宜春市“十四五”卫生健康发展规划",
    city: "yichun",
    cityName: { zh: "宜春市", en: "Yichun" },
    // “十四五”: the title's period
    period: { from: 2021, to: 2025 },
  },
} as const;
type DocId = keyof typeof DOCUMENTS;

function p(doc: DocId, line: number, section: string, quote: string): Provenance {
  const d: { title: string; number?: string } = DOCUMENTS[doc];
  return { doc, title: d.title, ...(d.number ? { number: d.number } : {}), section, line, quote };
}

/**
 * A row of the indicator tables of plans 000, 002 and 004, where the name, the 2025 value and the nature (约束性 /
 * 预期性) stand each on a line of their own: the name at `line`, the value two lines below (in the column
 * `valueColumn`), the nature the line after. Gives the provenance keys KEYname, KEYvalue and KEYnature.
 */
function indicatorRow<K extends string>(
  key: K,
  doc: DocId,
  line: number,
  section: string,
  valueColumn: string,
  name: string,
  value: string,
  nature: string,
): Record<`${K}${"name" | "value" | "nature"}`, Provenance> {
  return {
    [`${key}name`]: p(doc, line, section, name),
    [`${key}value`]: p(doc, line + 2, `${section} ${valueColumn}`, value),
    [`${key}nature`]: p(doc, line + 3, section, nature),
  } as Record<`${K}${"name" | "value" | "nature"}`, Provenance>;
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
const S004_TCM = "（六）构建中医药传承创新服务体系（46）加强中医药服务体系建设";
const S004_PRIV = "专栏8（一）社会办医提升工程";
const S002_IND = "二、规划目标 “十四五”时期主要指标（表）";
const S002_STAFF = "三、资源配置 人员 基层医疗卫生机构";
const S002_COL8 = "专栏8 基层培养培训项目";
const S002_PH = "二、机构设置（三）专业公共卫生机构 ";
const S003_CITY = "南阳市医疗服务体系建设行动计划 二、重点任务（一）优化医疗资源配置 3.重塑城市医疗服务网络";

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
  beds001: p("001", 132, S001_IND, "每千常住人口医疗卫生机构床位数（张）\t6.62\t7.7\t预期性"),
  hosp000: p(
    "000",
    310,
    S000_COL6,
    "每个县（区）重点办好1所综合医院、1所中医医院和1所妇幼保健院，全部达到二级甲等水平",
  ),
  priv000: { ...p("000", 337, S000_PRIV, "社会办医区域总量和空间不作规划限制"), role: "exemption" },
  ...indicatorRow(
    "beds000",
    "000",
    119,
    S000_IND,
    "2025年目标值",
    "每千常住人口医疗卫生机构床位数(张)",
    "7.7",
    "预期性",
  ),
  thc004: p("004", 437, `${S004_COL5}（三）基层医疗卫生机构建设工程`, "每个乡镇至少有1所政府办的标准化乡镇卫生院"),
  chc004: p("004", 437, `${S004_COL5}（三）基层医疗卫生机构建设工程`, "每个街道至少设置1所政府办社区卫生服务中心"),
  vc004: p(
    "004",
    437,
    `${S004_COL5}（三）基层医疗卫生机构建设工程`,
    "每个非乡镇卫生院所在行政村和800人口以上的行政村至少设置1所公有产权的标准化村卫生室",
  ),
  ...indicatorRow("beds004", "004", 145, S004_IND, "2025年目标值", "每千人口医疗卫生机构床位数", "7.5", "预期性"),
  priv004: { ...p("004", 500, S004_PRIV, "政府对社会办医区域总量和空间布局不作规划限制"), role: "exemption" },
  // indicator tables: name, 2025 value and nature cells (each a line of its own in 000, 002 and 004)
  ...indicatorRow(
    "doctors000",
    "000",
    126,
    S000_IND,
    "2025年目标值",
    "每千常住人口执业（助理）医师数（人）",
    "3.6",
    "预期性",
  ),
  ...indicatorRow("nurses000", "000", 140, S000_IND, "2025年目标值", "每千常住人口注册护士数（人）", "＞4.3", "预期性"),
  ...indicatorRow("pharm000", "000", 147, S000_IND, "2025年目标值", "每千常住人口药师（士）数（人）", "0.54", "预期性"),
  ...indicatorRow("gp000", "000", 154, S000_IND, "2025年目标值", "每万常住人口全科医生数（人）", "3.93", "约束性"),
  doctors001: p("001", 133, S001_IND, "每千常住人口执业（助理）医师数（人）\t2.77\t3.7\t预期性"),
  nurses001: p("001", 134, S001_IND, "每千常住人口注册护士数（人）\t2.73\t>4.3\t预期性"),
  pharm001: p("001", 135, S001_IND, "每千常住人口药师（士）数（人）\t0.31\t0.54\t预期性"),
  gp001: p("001", 136, S001_IND, "每万常住人口全科医生数（人）\t2.49\t3.93\t约束性"),
  ...indicatorRow("beds002", "002", 86, S002_IND, "2025年", "每千人口医疗卫生机构床位数（张）", "5.90", "预期性"),
  ...indicatorRow("doctors002", "002", 93, S002_IND, "2025年", "每千人口执业（助理）医师数（人）", "2.66", "预期性"),
  ...indicatorRow("nurses002", "002", 100, S002_IND, "2025年", "每千人口注册护士数（人）", "2.91", "预期性"),
  ...indicatorRow("pharm002", "002", 107, S002_IND, "2025年", "每千人口药师（士）数（人）", "0.54", "预期性"),
  ...indicatorRow("gp002", "002", 114, S002_IND, "2025年", "每万人口全科医生数（人）", "3.93", "约束性"),
  gp002text: p("002", 408, S002_STAFF, "按每万人口配备3.93 名全科医师"),
  gp002col8: p("002", 747, S002_COL8, "全科医生每万人口达到3名"),
  ...indicatorRow("doctors004", "004", 152, S004_IND, "2025年目标值", "每千人口执业（助理）医师数", "3.0", "预期性"),
  ...indicatorRow("nurses004", "004", 166, S004_IND, "2025年目标值", "每千人口注册护士数", "3.8", "预期性"),
  ...indicatorRow("pharm004", "004", 173, S004_IND, "2025年目标值", "每千人口药师（士）数", "0.54", "预期性"),
  ...indicatorRow("gp004", "004", 180, S004_IND, "2025年目标值", "每万人口全科医生数", "3.2", "约束性"),
  // shares, one-per-county sets, infectious-disease beds
  vcPublic003: p("003", 143, S003_MED, "公有产权村卫生室比例达到90%"),
  vcPublic003b: p("003", 219, `${S003_RURAL}（四）村卫生室公有化标准化建设`, "公有产权村卫生室占比达90%以上"),
  chcGov003: p("003", 141, S003_CITY, "推动政府办社区服务中心占比达到70%"),
  // 402 sits under 374 「（四）全方位全周期保障生命健康」 and 400 「专栏4」, not 专栏5 (which starts at 431: the reviewer trial)
  mch004: p(
    "004",
    402,
    "（四）全方位全周期保障生命健康 专栏4：全民健康保障服务重点工程（一）妇幼健康保障工程",
    "实现市县两级均有1所政府举办、标准化建设的妇幼保健机构",
  ),
  tcm004: p("004", 444, S004_TCM, "实现县办公立中医医院全覆盖"),
  tcm004b: p("004", 458, "专栏6（一）健全中医药服务体系工程", "以县（市、区）中医院为主体"),
  ph3000: p("000", 310, S000_COL6, "推动县级人民医院全部晋升三级综合医院"),
  infect002: p("002", 209, `${S002_BEDS} 2.优化床位结构`, "传染病救治床位按30-50万人口不低于50张要求配置"),
  ems002: p("002", 201, `${S002_PH}急救机构`, "依托南宫市人民医院设立市急救中心"),
  ems002points: p("002", 201, `${S002_PH}急救机构`, "各乡镇卫生院、社区服务中心设立急救点"),
  chcStation002: p(
    "002",
    191,
    S002_BASE,
    "人口不足3万的街道办事处和社区卫生服务中心难以覆盖的社区可适当设置社区卫生服务站",
  ),
  thcBeds003all: p(
    "003",
    215,
    `${S003_RURAL}（二）薄弱基层医疗卫生机构补短达标`,
    "各县(市、区)所有乡镇卫生院和社区卫生服务中心都要达到服务能力基本标准",
  ),
} satisfies Record<string, Provenance>;

function num(value: number, unit: string, bound: "inclusive" | "exclusive", range?: [number, number]): NumParam {
  return range ? { value, unit, bound, min: range[0], max: range[1] } : { value, unit, bound };
}

const cite = (...ps: Provenance[]) => ps.map((x) => `${x.doc}:${x.line}`);
const t = (zh: string, en: string) => ({ zh, en });
const units = (wording: string, districts: boolean) => ({ wording, districts });

const EMS_TYPES = ["ems-centre", "ems-station"] as const;
const THC_TYPES = ["thc", "central-thc", "sub-centre"] as const;
const ALL_BEDS_TYPES = [
  "hospital",
  "county-medical-centre",
  "sub-centre",
  "central-thc",
  "thc",
  "chc",
  "chc-station",
  "village-clinic",
  "ems-centre",
  "ems-station",
] as const;

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
    description: t(
      "城区每一处距最近的急救点不超过 5 公里",
      "Every point of the urban area lies within 5 km of an EMS point",
    ),
    interpretation: t(
      `「不超过5公里」含 5 公里（r ≤ 5）。城区按统计口径取与政府驻地连接的建成区（默认为各驻地的建成区圆，可导入城区多边形替代），不把整个市辖区当城区，因此不要求农田也在 5 公里内。急救点为急救中心、急救站${withSupport ? "，004:439「二级以上医院为支撑」故二级以上医院也计入" : ""}；默认县、县级市只计本县（市）急救网络，市辖区计本市各市辖区急救网络及市紧急医疗救援中心（市级中枢服务市辖区）。`,
      `「不超过5公里」 includes 5 km (r ≤ 5). The urban area is the built-up area connected to a seat (by default a built-up disc per seat; imported urban polygons replace it), never a whole district, so farmland is not required to be within 5 km. EMS points are EMS centres and stations${withSupport ? "; 004:439 names grade-II+ hospitals as support, so they count too" : ""}; by default a county or county-level city counts its own network, a district the city's (every district's points and the city's rescue centre: the city-level hub serves the districts).`,
    ),
    units: units("城市地区（全市）", true),
  };
}

/**
 * EMS-RURAL: a range where the plan writes one (000:232 「不超过10-20公里」), a single limit where it does not (004:439
 * 「服务半径不超过20公里」 alone: the reviewer trial found 宜春 given 南阳's range).
 */
/**
 * The township health centres of 004:439's rural network: a 县域医疗卫生次中心 is a central THC raised (000, 003), and
 * THC-PER-TOWNSHIP counts it as a THC; the reviewer trial (s45) found 宜春's EMS-RURAL leave it out, so a county listing
 * its central THC as 次中心 failed where the same site typed 中心乡镇卫生院 passed.
 */
const RURAL_NETWORK_THCS = ["sub-centre", "central-thc", "thc"] as const;
const SUB_CENTRE_IS_CTHC = t(
  "县域医疗卫生次中心由中心乡镇卫生院提升而来，亦计为急救点（004 未提次中心）。",
  "a county sub-centre is a central THC raised, so it counts too (004 does not name sub-centres).",
);

/** EMS-RURAL's title where 000 and 004 are cited together: the range is 000's, 004:439 says 20 km. */
const EMS_RURAL_TWO_PLANS = t(
  "农村地区每一处距最近的急救点不超过所选服务半径（10–20 公里，出自 000:232；004:439 为 20 公里）",
  "Every point of the rural area lies within the chosen EMS radius (10–20 km, from 000:232; 004:439 says 20 km)",
);

function emsRural(
  prov: Provenance[],
  valueKm: number,
  withCthc: boolean,
  range = true,
  description?: { zh: string; en: string },
): Rule {
  const network = withCthc
    ? t(
        `004:439 的农村三级急救网络为县级急救中心—中心乡镇卫生院—乡镇卫生院，故中心乡镇卫生院和乡镇卫生院计为急救点；${SUB_CENTRE_IS_CTHC.zh}`,
        ` 004:439's rural network is county EMS centre → central THC → THC, so central THCs and THCs count as EMS points; ${SUB_CENTRE_IS_CTHC.en}`,
      )
    : t("", "");
  const served = t(
    "默认县、县级市只计本县（市）急救网络，市辖区计本市各市辖区急救网络及市紧急医疗救援中心（市级中枢服务市辖区）。",
    " By default a county or county-level city counts its own network, a district the city's (every district's points and the city's rescue centre: the city-level hub serves the districts).",
  );
  if (!range)
    return {
      id: "EMS-RURAL",
      kind: "radius-coverage",
      area: "rural",
      appliesTo: withCthc ? [...EMS_TYPES, ...RURAL_NETWORK_THCS] : [...EMS_TYPES],
      params: { radiusKm: num(valueKm, "km", "inclusive") },
      provenance: prov,
      description: t(
        `农村地区每一处距最近的急救点不超过 ${valueKm} 公里`,
        `Every point of the rural area lies within ${valueKm} km of an EMS point`,
      ),
      interpretation: t(
        `「服务半径不超过${valueKm}公里」含 ${valueKm} 公里（r ≤ ${valueKm}），是单一限值，不是区间：另选的半径是情景分析，严于规划时的不足与宽于规划时的达标均为待核，不计为规划的违规或达标。农村地区 = 县域减城区。${network.zh}${served.zh}`,
        `「服务半径不超过${valueKm}公里」 includes ${valueKm} km (r ≤ ${valueKm}), one limit, not a range: another radius is a scenario, its shortfall when stricter and its pass when looser both for review, never the plan's breach or the plan met. Rural = the county minus the urban area.${network.en}${served.en}`,
      ),
      units: units("农村地区（全市）", true),
    };
  return {
    id: "EMS-RURAL",
    kind: "radius-coverage",
    area: "rural",
    appliesTo: withCthc ? [...EMS_TYPES, ...RURAL_NETWORK_THCS] : [...EMS_TYPES],
    params: { radiusKm: num(valueKm, "km", "inclusive", [10, 20]) },
    provenance: prov,
    description:
      description ??
      t(
        "农村地区每一处距最近的急救点不超过所选服务半径（10–20 公里）",
        "Every point of the rural area lies within the chosen EMS radius (10–20 km)",
      ),
    interpretation: t(
      `「不超过10-20公里」是一个区间：半径可在 [10, 20] 公里内选（含端点），同时报告 10 与 20 公里环的覆盖比例。农村地区 = 县域减城区。${withCthc ? network.zh : ""}默认县、县级市只计本县（市）急救网络，市辖区计本市各市辖区急救网络及市紧急医疗救援中心（市级中枢服务市辖区）。`,
      `「不超过10-20公里」 is a range: the radius is chosen in [10, 20] km (ends included); the 10 and 20 km rings are reported too. Rural = the county minus the urban area.${withCthc ? network.en : ""} By default a county or county-level city counts its own network, a district the city's (every district's points and the city's rescue centre: the city-level hub serves the districts).`,
    ),
    units: units("农村地区（全市）", true),
  };
}

const emsTime: Rule = {
  id: "EMS-TIME",
  kind: "travel-time",
  appliesTo: [...EMS_TYPES],
  params: { maxMinutes: num(30, "min", "inclusive") },
  provenance: [PROV.emsTime000],
  description: t(
    "平均急救反应时间不超过 30 分钟（需路网数据）",
    "Average EMS response time at most 30 minutes (needs a road network)",
  ),
  interpretation: t(
    "「平均急救反应时间」是平均值而非上限，需路网（与调度）数据；直线半径只是近似，故本检查始终为“缺数据”。",
    "「平均急救反应时间」 is an average, not a maximum, and needs a road network (and dispatch data); a straight-line radius is only a proxy, so this check always needs data.",
  ),
  units: units("全市", true),
};

const sub15km: Rule = {
  id: "SUB-15KM",
  kind: "min-distance-outside-urban",
  appliesTo: ["sub-centre", "central-thc"],
  params: { minDistanceKm: num(15, "km", "inclusive") },
  provenance: [PROV.sub15km003],
  description: t(
    "县域医疗卫生次中心位于城区之外，距县域医疗中心 15 公里以上",
    "A county sub-centre lies outside the urban area and at least 15 km from the county medical centre",
  ),
  interpretation: t(
    "「15公里以上」含 15 公里（d ≥ 15，测地线距离）；「县(市、区)」含市辖区，故区内乡镇的次中心同样核查，只要在城区（建成区）之外即可。县域医疗中心取数据中的县域医疗中心，无则本县（区）的人民医院，再无则县政府驻地（结果中注明）。规划未指定市辖区的县域医疗中心（003:143 的 11 个为各县和县级市），区内按本区人民医院量取，以市名开头的市办医院（如南阳市第一人民医院）不作本区的县域医疗中心。",
    "「15公里以上」 includes 15 km (d ≥ 15, geodesic). 「县(市、区)」 includes districts, so a sub-centre in a district's rural town is judged the same way and passes if it lies outside the built-up urban area. The county medical centre is the data's county medical centre, else the county's (district's) own people's hospital, else the county seat (the result says which). The plan names no county medical centre for a district (003:143's 11 are the counties' and the county-level city's): in a district the tool measures from the district's own people's hospital, never from a city-run one named for the city (such as 南阳市第一人民医院).",
  ),
  units: units("县(市、区)", true),
};

function subCount(variant: "bands" | "per-county"): Rule {
  return {
    id: "SUB-COUNT",
    kind: "count-by-population-band",
    appliesTo: ["sub-centre"],
    params: {
      variant,
      bands: [
        {
          populationMin: num(1_000_000, "persons", "inclusive"),
          countMin: 3,
          countMax: 4,
          wording: "常住人口在100万人以上的县(市、区)",
        },
        {
          populationMin: num(500_000, "persons", "inclusive"),
          populationMax: num(1_000_000, "persons", "exclusive"),
          countMin: 2,
          countMax: 3,
          wording: "在50万人至100万人的县(市、区)",
        },
        {
          populationMin: num(200_000, "persons", "inclusive"),
          populationMax: num(500_000, "persons", "exclusive"),
          countMin: 1,
          countMax: 2,
          wording: "在20万人至50万人的县(市、区)",
        },
      ],
      bandsShortfall: "review",
      perCounty: { countMin: 1, countMax: 2 },
      // 003:143 「规划建设1~2所…逐步…加大支持力度」: a plan to build, not a count in force (the audit, s50 L-2)
      perCountyShortfall: "review",
      perCountyIncludesDistricts: false,
    },
    provenance: [PROV.subBands003, PROV.subPerCounty003],
    description: t(
      "按常住人口分档核定次中心数量（003:213），并列显示每县（市）1–2 所（003:143）",
      "Sub-centres per county by resident-population band (003:213), shown beside 1–2 per county (003:143)",
    ),
    interpretation: t(
      "两种读法并列显示：003:213 按常住人口分档（县(市、区)，含区），003:143 每县(市) 1~2 所（不含区）；默认以 003:213 为准（专门规定次中心选建、给出分档）。只计满足 SUB-15KM 的次中心。超过上限为不符合；低于下限时 003:213 写「可规划布局选建」，003:143 写「规划建设…逐步」，均为待核而非违规。档位下限含、上限不含：恰好 50 万人按文字同属「在50万人至100万人」与「在20万人至50万人」，本工具归入 2~3 所档（与「100万人以上」含 100 万一致），结果中注明另一档；20 万人以下规划未规定。",
      "Both readings are shown: 003:213's bands by resident population (县(市、区), districts included) and 003:143's 1–2 per 县(市) (no districts); 003:213 governs by default (it is the clause on siting sub-centres and gives the bands). Only sub-centres meeting SUB-15KM count. Over the cap fails; under the band is a review for both, 003:213 saying 「可规划布局选建」 (an allowance) and 003:143 「规划建设…逐步」 (a plan to build). Bands are lower-inclusive: exactly 500,000 is in both 「在50万人至100万人」 and 「在20万人至50万人」 by the text; the tool puts it in 2–3 (as 「100万人以上」 includes 1,000,000) and states the other band. Under 200,000 the plan sets nothing.",
    ),
    units: units("县(市、区)（003:213）；各县(市)（003:143）", true),
  };
}

const cthcThird: Rule = {
  id: "CTHC-THIRD",
  kind: "share-of-type",
  appliesTo: [...THC_TYPES],
  numerator: ["central-thc", "sub-centre"],
  params: { share: num(1 / 3, "ratio", "inclusive"), tolerance: num(0.1, "ratio", "inclusive"), outside: "review" },
  provenance: [PROV.cthc002],
  description: t(
    "约三分之一的乡镇卫生院建成中心乡镇卫生院",
    "About one third of township health centres are central THCs",
  ),
  interpretation: t(
    "「1/3左右」为约数，是目标而非硬性上下限：中心乡镇卫生院（含次中心）占公立乡镇卫生院的比例在 1/3 ± 10 个百分点内为符合，超出为待核而非违规（002 自己的床位表就把 11–12 所乡镇卫生院中的 5 所列为“中心”，约 42–45%）。",
    "「1/3左右」 is approximate, a target rather than a hard limit: central THCs (sub-centres included) within 1/3 ± 10 percentage points of the public THCs comply; outside that is for review, not a failure (002's own bed table names 5 of its 11–12 THCs central, about 42–45 %).",
  ),
  units: units("南宫市乡镇卫生院", true),
};

const noNewGh: Rule = {
  id: "NO-NEW-GH-URBAN",
  kind: "no-new-in-urban",
  appliesTo: ["hospital"],
  params: { hospitalKind: "general" },
  provenance: [PROV.noGh002],
  description: t("主城区内不再新设综合医院", "No new general hospital inside the main urban area"),
  interpretation: t(
    "只核查规划新增（拟建）的综合医院；主城区按所用城区口径判断。",
    "Only proposed (new) general hospitals are checked; the main urban area is the urban area in use.",
  ),
  units: units("市主城区", true),
};

/**
 * One government-run THC per township, in the plan's own words (`plan`: what its line says, for the rule's title;
 * the shared sets say it plainly). `atLeast`: the plan says 「至少有1所」 (004:437), so a township with several
 * complies; otherwise (「设置1所」「建好1所」) several are for review.
 */
function thcPerTownship(
  prov: Provenance[],
  wording: string,
  plan: { description?: { zh: string; en: string }; atLeast?: boolean } = {},
): Rule {
  return {
    id: "THC-PER-TOWNSHIP",
    kind: "one-per-unit",
    unit: "township",
    appliesTo: [...THC_TYPES],
    params: { perUnit: num(1, "facilities", "inclusive"), ...(plan.atLeast ? { atLeast: true } : {}) },
    exemptions: ["private"],
    provenance: prov,
    description:
      plan.description ??
      t("每个乡镇有 1 所政府办乡镇卫生院", "Each township (乡/镇) has one government-run township health centre"),
    interpretation: plan.atLeast
      ? t(
          "按区划名录逐个乡、镇核查（街道不在此列），以设施的 9 位乡镇代码归属；民营机构不计。无卫生院为不符合；规划为「至少有1所」，一个乡镇有多所亦为符合。",
          "Every 乡 and 镇 of the division list is checked (streets are not), by the facilities' 9-digit township codes; private facilities do not count. None is a failure; the plan says 「至少有1所」 (at least one), so a township with several complies.",
        )
      : t(
          "按区划名录逐个乡、镇核查（街道不在此列），以设施的 9 位乡镇代码归属；民营机构不计。无卫生院为不符合；规划为设置（建好）1 所，一个乡镇有多所为待核（002 就有这样的乡镇）。",
          "Every 乡 and 镇 of the division list is checked (streets are not), by the facilities' 9-digit township codes; private facilities do not count. None is a failure; the plan sets one per township, so more than one is for review (002 has such a township).",
        ),
    units: units(wording, true),
  };
}

function chcPerStreet(
  prov: Provenance[],
  opts: {
    station: "counts" | "small-street" | "no";
    wording: string;
    interpretation: { zh: string; en: string };
    /** The plan's own wording of the rule, for its title (the reviewer trial, s41-a #7). */
    description?: { zh: string; en: string };
  },
): Rule {
  return {
    id: "CHC-PER-STREET",
    kind: "one-per-unit",
    unit: "street",
    appliesTo: ["chc"],
    params: {
      perUnit: num(1, "facilities", "inclusive"),
      ...(opts.station === "counts" ? { alsoCounts: ["chc-station" as const] } : {}),
      ...(opts.station === "small-street"
        ? {
            smallStreet: { populationBelow: 30_000, stationTypes: ["chc-station" as const] },
            residentsPerCentreMax: 100_000,
          }
        : {}),
    },
    exemptions: ["private"],
    provenance: prov,
    description:
      opts.description ??
      t("每个街道有 1 所社区卫生服务中心", "Each sub-district (街道) has one community health service centre"),
    interpretation: opts.interpretation,
    units: units(opts.wording, true),
  };
}

/** 「原则上」 at a line: a shortfall is a review (002:193, 002:177). */
const inPrinciple = (cite: string) => ({
  shortfall: { severity: "review" as const, wording: t("原则上", "in principle"), cite },
});

function vcPerVillage(
  prov: Provenance[],
  exemptions: Array<"community" | "thc-village" | "shared-clinic" | "private">,
  interpretation: { zh: string; en: string },
  unlessPopulation?: number,
  soft?: string,
): Rule {
  const publicOnly = exemptions.includes("private");
  return {
    id: "VC-PER-VILLAGE",
    kind: "one-per-unit",
    unit: "village",
    appliesTo: ["village-clinic"],
    params: {
      perUnit: num(1, "facilities", "inclusive"),
      ...(unlessPopulation ? { thcVillageUnlessPopulationAtLeast: unlessPopulation } : {}),
      ...(soft ? inPrinciple(soft) : {}),
    },
    exemptions,
    provenance: prov,
    // 004:437 asks for 公有产权 clinics: the title says so where private ones do not count
    description: publicOnly
      ? t(
          "每个行政村有 1 所公有产权村卫生室（社区及豁免村除外）",
          "Each administrative village has one publicly owned village clinic (communities and exempt villages excepted)",
        )
      : t(
          "每个行政村有 1 所村卫生室（社区及豁免村除外）",
          "Each administrative village has one village clinic (communities and exempt villages excepted)",
        ),
    interpretation,
    units: units("每个行政村", true),
  };
}

function county3(
  prov: Provenance[],
  required: Array<"general" | "tcm" | "maternal-child">,
  minGrade: string | undefined,
  wording: string,
  districts: boolean,
  soft?: string,
  shared?: { zh: string; en: string },
): Rule {
  return {
    id: "COUNTY-3-HOSPITALS",
    kind: "required-set",
    appliesTo: ["hospital", "county-medical-centre"],
    params: { required, ...(minGrade ? { minGrade } : {}), ...(soft ? inPrinciple(soft) : {}) },
    provenance: prov,
    description:
      required.length === 3
        ? t(
            "每县办好综合、中医、妇幼各 1 所公立医院并达到规定等级",
            "Each county runs a public general, TCM and maternal-child hospital at the required grade",
          )
        : t("每县（市）办好综合、中医各 1 所公立医院", "Each county (city) runs a public general and a TCM hospital"),
    interpretation:
      shared ??
      t(
        `每种至少 1 所公立医院达到${minGrade ? `${minGrade === "2A" ? "二级甲等" : "二级"}` : "（无等级要求）"}；民营不计。规划用语“${wording}”${districts ? "含" : "不含"}市辖区。${soft ? `${soft} 写「原则上」：缺者待核，不算违规。` : ""}`,
        `At least one public hospital of each kind at ${minGrade ? `grade ${minGrade}` : "any grade"}; private ones do not count. The plan says “${wording}”, which ${districts ? "includes" : "excludes"} districts.${soft ? ` ${soft} says 「原则上」 (in principle): a missing one is for review, not a failure.` : ""}`,
      ),
    units: units(wording, districts),
  };
}

function emsTiers(
  prov: Provenance[],
  p: {
    countyHub: Rule["appliesTo"];
    points?: Rule["appliesTo"];
    radiusStated: boolean;
    hostedBy?: { name: string; withinKm: number; cite: string };
    wording: string;
    interpretation: { zh: string; en: string };
  },
): Rule {
  return {
    id: "EMS-TIERS",
    kind: "tiers",
    appliesTo: ["ems-centre", "ems-dispatch", "ems-station"],
    params: {
      countyHub: p.countyHub,
      cityHub: ["ems-centre"],
      // a plan of a county-level city (002: 南宫市, its hub at its people's hospital) has no districts to serve (the
      // audit, s50 L-4: 「市辖区由市级中心服务」 was printed for 南宫)
      cityHubServesDistricts: !p.hostedBy,
      ...(p.points ? { points: p.points } : {}),
      radiusStated: p.radiusStated,
      ...(p.hostedBy ? { hostedBy: p.hostedBy } : {}),
    },
    provenance: prov,
    description: p.hostedBy
      ? t(
          `院前急救网络的中枢：依托${p.hostedBy.name}设立本市急救中心（${p.hostedBy.cite}）`,
          `The EMS network's hub: the city's EMS centre, set up at ${p.hostedBy.name} (${p.hostedBy.cite})`,
        )
      : t(
          "院前急救网络的中枢：每县有本县急救中枢，市辖区由市级中心服务",
          "The EMS network's hubs: each county has its own; districts are served by the city's centre",
        ),
    interpretation: p.interpretation,
    units: units(p.wording, true),
  };
}

const thcBeds: Rule = {
  id: "THC-BEDS",
  kind: "per-centre-beds",
  appliesTo: [...THC_TYPES, "chc"],
  params: {
    bedsPerThousand: num(1.2, "beds per 1,000 service population", "inclusive"),
    shortfall: { severity: "review", wording: t("按照…核定规模", "the scale it sets"), cite: "003:215" },
  },
  provenance: [PROV.thcBeds003, PROV.thcBeds003all],
  description: t(
    "乡镇卫生院和社区卫生服务中心床位规模按其每千服务人口 1.2 张核定（核定标准，低于为待核）",
    "Each THC and CHC sized at 1.2 beds per 1,000 of its service population (a sizing norm: below it is for review)",
  ),
  interpretation: t(
    "003:215「按照每千名服务人口1.2张床位核定规模,按规定标准核定建筑面积」在薄弱乡镇卫生院和社区卫生服务中心标准化改造一段，是每所机构按其服务人口核定床位规模的标准，不是现行的床位下限，也不是全县比例：每所公立乡镇卫生院（社区卫生服务中心）以其所在乡镇（街道）的人口为服务人口，低于 1.2‰ 的列出核定规模与现有床位，为待核，不算违规；没有乡镇人口时为“缺数据”，不用全县人口代替。人口取所给乡镇人口表（表中未注明常住或户籍）。同一乡镇有多所机构时需分摊服务人口。",
    "003:215 「按照每千名服务人口1.2张床位核定规模,按规定标准核定建筑面积」 is in the paragraph on standardising the weak THCs and CHCs: it sets how a centre's bed scale is approved from its service population, not a bed floor in force nor a county ratio. Each public THC (CHC) is compared with its township's (street's) population; one below 1.2 per 1,000 is listed with the scale the norm would approve beside its beds, for review, not as a failure. Without the township's population the centre needs data; the county population is never used instead. The population is the unit-population table's (which does not say resident or registered). Several centres in one township share it.",
  ),
  units: units("各县(市、区)所有乡镇卫生院和社区卫生服务中心", true),
};

type Target = { target: NumParam; nature: "binding" | "expected"; cites: string[] };

const MEASURE_TEXT = {
  beds: t("每千常住人口医疗卫生机构床位数", "Beds per 1,000 residents"),
  doctors: t("每千常住人口执业（助理）医师数", "Doctors per 1,000 residents"),
  nurses: t("每千常住人口注册护士数", "Registered nurses per 1,000 residents"),
  pharmacists: t("每千常住人口药师（士）数", "Pharmacists per 1,000 residents"),
  gps: t("每万常住人口全科医生数", "General practitioners per 10,000 residents"),
} as const;

const INDICATOR_ID = {
  beds: "BEDS-PER-1000",
  doctors: "DOCTORS-PER-1000",
  nurses: "NURSES-PER-1000",
  pharmacists: "PHARMACISTS-PER-1000",
  gps: "GP-PER-10000",
} as const;

function indicator(
  measure: keyof typeof MEASURE_TEXT,
  prov: Provenance[],
  target: Target,
  opts: {
    populationKind: "resident" | "any";
    alsoStated?: Array<Target & { label: { zh: string; en: string } }>;
    byCity?: Record<string, Target & { alsoStated?: Array<Target & { label: { zh: string; en: string } }> }>;
  },
): Rule {
  const staff = measure !== "beds";
  // a plan that says 「每千人口」 for this measure does not say resident (002's table: only its beds are 常住, 002:208;
  // the audit, s50 M-2): the input's population kind is used and the message says the plan leaves it open
  const populationKind =
    opts.populationKind === "resident" && prov.some((p) => p.quote.includes("常住")) ? "resident" : "any";
  // in the plan's own words: 「每千人口」 where its table says so (004:145, 002:93), not 「每千常住人口」 (the reviewer
  // trial found 宜春's indicators called 常住 beside quotes that are not)
  const resident = prov[0]?.quote.includes("常住") ?? true;
  const measureText = resident
    ? MEASURE_TEXT[measure]
    : t(MEASURE_TEXT[measure].zh.replace("常住", ""), MEASURE_TEXT[measure].en.replace("residents", "people"));
  // the plan states another figure elsewhere (002:747's 3 GPs beside the table's 3.93): which one governs, and why
  const also = opts.alsoStated ?? [];
  const alsoNote = also.length
    ? t(
        `规划另有${also.map((a) => `「${a.label.zh}」`).join("、")}：按主要指标表（${target.cites.join("、")}）的数值核查，另一数值并列显示其结论，供审查者比对。`,
        ` The plan also states ${also.map((a) => a.label.en).join("; ")}: the main indicator table's figure (${target.cites.join(", ")}) governs, and the other is judged beside it for the reviewer to compare.`,
      )
    : t("", "");
  return {
    id: INDICATOR_ID[measure],
    kind: "indicator",
    appliesTo: staff ? [...ALL_BEDS_TYPES] : [...ALL_BEDS_TYPES],
    params: {
      measure,
      per: measure === "gps" ? 10000 : 1000,
      target,
      ...(opts.alsoStated ? { alsoStated: opts.alsoStated } : {}),
      ...(opts.byCity ? { byCity: opts.byCity } : {}),
      populationKind,
    },
    provenance: prov,
    description: t(`${measureText.zh}达到 2025 年目标`, `${measureText.en} reach the 2025 target`),
    interpretation: t(
      `全市性指标：按规划约束的全部县区合计（${staff ? "人员取各县人员表，无表则取设施的人员列" : "全部医疗卫生机构床位，含民营"}）除以合计人口，在全市一行核查；各县数值仅供参考。标明约束性/预期性；「＞」不含目标值，其余为“达到”（含）。数值按需多保留小数，未达标者不会四舍五入成目标值。${alsoNote.zh}`,
      `A city-wide indicator: the counties the plan binds are summed (${staff ? "staff from the county staffing table, else the facilities' staff columns" : "all institutions' beds, private ones included"}) over their summed population and judged in one city row; county figures are for information. Binding/expected is shown; 「＞」 excludes the target, otherwise reaching it is enough. Values keep the decimals needed: a failing value is never rounded onto the target.${alsoNote.en}`,
    ),
    units: units("全市", true),
  };
}

function ownershipShare(
  id: "VC-PUBLIC-SHARE" | "CHC-GOV-SHARE",
  prov: Provenance[],
  share: number,
  counts: "public" | "government",
): Rule {
  const vc = id === "VC-PUBLIC-SHARE";
  return {
    id,
    kind: "ownership-share",
    appliesTo: vc ? ["village-clinic"] : ["chc"],
    params: {
      share: num(share, "ratio", "inclusive"),
      counts,
      // 003:141 「推动…占比达到70%」: a direction, as 000:310's 「推动…晋升」 is read (the audit, s50 H-1)
      ...(vc
        ? {}
        : {
            shortfall: { severity: "review", wording: t("推动…达到", "a direction to push toward"), cite: "003:141" },
          }),
    },
    provenance: prov,
    description: vc
      ? t("公有产权村卫生室占比达到 90% 以上", "Publicly owned village clinics reach 90% or more")
      : t(
          "推动政府办社区卫生服务中心占比达到 70%（推进方向，未达为待核）",
          "Government-run CHCs pushed toward a 70% share (a direction: below it is for review)",
        ),
    interpretation: vc
      ? t(
          "全市比例（「达到」「以上」含 90%），按设施的所有制列：政府办、公立、集体、公有均计为公有产权；性质不明者给出比例区间，区间跨越目标时为“缺数据”。各县比例仅供参考。",
          "A city-wide share (「达到」/「以上」 include 90%) from the facilities' ownership: government-run, public, collective and publicly owned count; unknown ownership gives a range, and a range across the target needs data. County shares are for information.",
        )
      : t(
          "003:141 写「推动政府办社区服务中心占比达到70%」，是推进方向而非现行标准（与 000:310「推动…晋升」同读）：未达 70% 列为待核，不算违规。比例含 70%，按规划约束的全部县区的社区卫生服务中心合计（该句在“重塑城市医疗服务网络”一段；社区卫生服务中心设于街道，即城市网络本身，故不另划城区）。只计注明政府办（政府举办）的中心；只注明“公立”或性质不明者给出区间。各县比例仅供参考。",
          "003:141 says 「推动政府办社区服务中心占比达到70%」, a direction to push, not a standard in force (read as 000:310's 「推动…晋升」 is): below 70% is for review, not a failure. The share (70% included) is over every CHC of the counties the plan binds (the sentence is in the paragraph on the urban network; CHCs serve sub-districts, the urban network itself, so no urban line is drawn). Only centres marked government-run count; 'public' alone or unknown gives a range. County shares are for information.",
        ),
    units: units("全市", true),
  };
}

const county3Grade: Rule = {
  id: "COUNTY-PH-GRADE3",
  kind: "peoples-hospital-grade",
  appliesTo: ["hospital", "county-medical-centre"],
  params: {
    minGrade: "3",
    shortfall: { severity: "review", wording: t("推动…晋升", "a direction to push toward"), cite: "000:310" },
  },
  provenance: [PROV.ph3000],
  description: t(
    "推动县级人民医院晋升三级综合医院（推进方向，未达为待核）",
    "County people's hospitals pushed toward grade III (a direction: below it is for review)",
  ),
  interpretation: t(
    "000:310 写「推动…晋升三级」，是推进方向而非现行标准：未达三级列为待核，不算违规。县人民医院取数据中的县域医疗中心，无则名称含“人民医院”的综合医院；等级三级（不论甲乙）即符合，未注明等级为“缺数据”。“县级”指县和县级市（003:143 的 11 个县域医疗中心），不含市辖区。",
    "000:310 says 「推动…晋升三级」, a direction to push, not a standard in force: below grade III is for review, not a failure. The county people's hospital is the data's county medical centre, else its general 人民医院; any grade III complies, no grade needs data. 「县级」 means counties and county-level cities (003:143's 11 county medical centres), not districts.",
  ),
  units: units("县级人民医院", false),
};

const countyMch: Rule = {
  id: "COUNTY-MCH",
  kind: "required-set",
  appliesTo: ["hospital"],
  params: { required: ["maternal-child"] },
  provenance: [PROV.mch004],
  description: t(
    "每县有 1 所政府举办的妇幼保健机构",
    "Each county has a government-run maternal and child health institution",
  ),
  interpretation: t(
    "「市县两级」：每个县（市）至少 1 所公立妇幼保健机构；市辖区由市级妇幼保健院服务，不单独核查。",
    "「市县两级」 (city and county levels): each county and county-level city has at least one public MCH institution; districts are served by the city's and not judged on their own.",
  ),
  units: units("市县两级", false),
};

const countyTcm: Rule = {
  id: "COUNTY-TCM",
  kind: "required-set",
  appliesTo: ["hospital"],
  params: {
    required: ["tcm"],
    districtShortfall: {
      severity: "review",
      wording: t("县办公立中医医院全覆盖", "every county-run public TCM hospital"),
      cite: "004:444",
    },
  },
  provenance: [PROV.tcm004, PROV.tcm004b],
  description: t("县办公立中医医院全覆盖", "Every county has a public TCM hospital"),
  interpretation: t(
    "「县办公立中医医院全覆盖」（004:444）：每个县、县级市须有本县（市）办的公立中医医院，缺为不符合。市辖区：目标只写「县办」，而 004:458 写「以县（市、区）中医院为主体」，区是否须自办未明言，缺者为待核；名为市办的中医院（如“宜春市中医院”）不计为本区所办。",
    "「县办公立中医医院全覆盖」 (004:444): each county and county-level city needs a public TCM hospital of its own; none is a failure. Districts: the target says 「县办」 (county-run) only, while 004:458 puts 县（市、区）中医院 (county, city and district TCM hospitals) in the network, so whether a district needs its own is not stated: none is for review; a hospital named for the city (「宜春市中医院」) is not the district's own.",
  ),
  units: units("县（市、区）", true),
};

const infectiousBeds: Rule = {
  id: "INFECTIOUS-BEDS",
  kind: "minimum-for-population",
  appliesTo: [...ALL_BEDS_TYPES],
  params: {
    measure: "infectious-beds",
    populationMin: num(300_000, "persons", "inclusive"),
    populationMax: num(500_000, "persons", "inclusive"),
    minimum: num(50, "beds", "inclusive"),
  },
  provenance: [PROV.infect002],
  description: t(
    "传染病救治床位按 30–50 万人口不低于 50 张",
    "At least 50 infectious-disease beds for 300,000–500,000 people",
  ),
  interpretation: t(
    "南宫市常住人口在 30–50 万之间时，全市传染病救治床位合计不少于 50 张（「不低于」含 50）；人口不在此区间时规划未给数量。",
    "With a population of 300,000–500,000, the city's infectious-disease beds total at least 50 (「不低于」 includes 50); outside that band the plan gives no figure.",
  ),
  units: units("南宫市", true),
};

function ruleSet(
  id: string,
  title: { zh: string; en: string },
  docs: DocId[],
  scope: RuleSet["scope"],
  rules: Rule[],
  untested: NonNullable<RuleSet["untested"]> = [],
): RuleSet {
  return {
    $schema: "./ruleset.schema.json",
    id,
    title,
    documents: docs.map((d) => ({ ...DOCUMENTS[d] })),
    ...(scope ? { scope } : { comparison: true }),
    rules,
    ...(untested.length ? { untested } : {}),
  };
}

/**
 * Clauses that bind the plan's counties or city as the rules do but that the tool does not test, with why (the
 * reviewer trial: 「✔ 达标」 could not be told from "every duty of the plan met"). Known ones, not every line.
 */
const NO_KIND = t(
  "本工具的设施类型中没有这类机构，无法按清单核查",
  "the tool has no facility type for these institutions, so a list cannot be checked for them",
);
const PUBLIC_HEALTH_STAFF = t(
  "设施清单的人员列只有执业（助理）医师、注册护士、药师、全科医生，不含疾控、卫生监督等机构的公共卫生人员",
  "a facility list's staff columns are doctors, nurses, pharmacists and GPs, not the public-health staff of disease control and health supervision",
);
const TCM_DOCTORS = t(
  "设施清单的人员列只有执业（助理）医师、注册护士、药师、全科医生，没有中医执业（助理）医师",
  "a facility list's staff columns are doctors, nurses, pharmacists and GPs; TCM doctors are not one of them",
);
const CHILDCARE = t(
  "托育机构不是医疗卫生机构，不在设施清单中",
  "childcare places are not health facilities and are not in a facility list",
);
const UNTESTED_004: NonNullable<RuleSet["untested"]> = [
  {
    provenance: p(
      "004",
      404,
      "（四）全方位全周期保障生命健康 专栏4：全民健康保障服务重点工程（二）老年健康服务工程",
      "市级有1所老年医院，各县（市、区）均有1所护理院或康复医院",
    ),
    why: NO_KIND,
  },
  {
    provenance: p(
      "004",
      367,
      "专栏3：全面社会健康管理重点工程（三）精神卫生建设工程",
      "各县（市、区）至少在1所符合条件的综合性医院设立精神科",
    ),
    why: t(
      "需要医院的科室数据，设施清单中没有",
      "needs the hospitals' departments, which a facility list does not give",
    ),
  },
  {
    provenance: p(
      "004",
      406,
      "（四）全方位全周期保障生命健康 专栏4：全民健康保障服务重点工程（三）职业健康能力提升工程",
      "各县（市、区）至少设置1家职业健康检查机构",
    ),
    why: NO_KIND,
  },
  {
    provenance: p("004", 444, S004_TCM, "力争全市建成三级中医医院4—5家"),
    why: t(
      "全市的目标，且需要中医医院的等级；设施清单只记医院类别，不记三级等级",
      "a city-wide target that needs each TCM hospital's grade; a facility list gives the hospital's kind, not its tertiary grade",
    ),
  },
  {
    provenance: p("004", 444, S004_TCM, "全部乡镇卫生院、社区卫生服务中心设置中医馆、配备中医医师"),
    why: t(
      "需要各机构是否设中医馆、有无中医医师的数据，设施清单中没有",
      "needs whether each centre has a TCM unit (中医馆) and a TCM doctor, which a facility list does not give",
    ),
  },
  {
    provenance: p("004", 159, S004_IND, "其中每千人口医疗卫生机构中医执业（助理）医师数"),
    why: TCM_DOCTORS,
  },
  {
    provenance: p("004", 187, S004_IND, "每千人口公共卫生人员数"),
    why: PUBLIC_HEALTH_STAFF,
  },
  // found missing from this list by the reviewer trial of s45 (#4)
  {
    provenance: p("004", 500, S004_PRIV, "社会办医疗机构床位数和大型设备配备力争不低于总量的30%"),
    why: t(
      "床位占比可由所有制与床位数算出，但设施清单的床位数多不全（村卫生室、急救站常空），大型设备配备没有数据；本工具暂未核查",
      "the bed share could be taken from ownership and beds, but lists leave many bed counts blank (village clinics, EMS stations) and give no large equipment; not checked yet",
    ),
  },
  {
    provenance: p(
      "004",
      378,
      "（四）全方位全周期保障生命健康（30）加强妇幼健康服务体系建设",
      "力争全市建成三级妇幼保健院1—2家",
    ),
    why: t(
      "全市的目标，且需要妇幼保健院的等级；本工具只核查各县（市、区）有无妇幼保健机构",
      "a city-wide target that needs each maternal and child health hospital's grade; the tool checks only that each county has one",
    ),
  },
  {
    provenance: p("004", 208, S004_IND, "二级以上综合医院设立老年医学科比例"),
    why: t(
      "需要医院的科室数据，设施清单中没有",
      "needs the hospitals' departments, which a facility list does not give",
    ),
  },
  {
    provenance: p(
      "004",
      404,
      "（四）全方位全周期保障生命健康 专栏4：全民健康保障服务重点工程（二）老年健康服务工程",
      "二级以上中医医院设立老年医学学科的比例达到90%",
    ),
    why: t(
      "需要医院的科室数据，设施清单中没有",
      "needs the hospitals' departments, which a facility list does not give",
    ),
  },
  {
    provenance: p(
      "004",
      413,
      "（五）建立优质高效医疗卫生服务体系（39）加强医院服务能力建设",
      "建设1个市级综合区域医疗中心和1-3个市级区域专科医疗中心",
    ),
    why: t(
      "区域医疗中心是建设项目与称号，不是设施清单的类型",
      "a regional medical centre is a project and a title, not a facility type of a list",
    ),
  },
  {
    provenance: p("004", 435, S004_COL5, "力争全市建成2级“三大中心（胸痛中心、创伤急救中心、卒中中心）”各1-2个"),
    why: t(
      "胸痛、创伤急救、卒中中心设在医院之内，需要医院的科室数据，设施清单中没有",
      "chest-pain, trauma and stroke centres are units inside hospitals: needs their departments, which a facility list does not give",
    ),
  },
  {
    provenance: p(
      "004",
      402,
      "（四）全方位全周期保障生命健康 专栏4：全民健康保障服务重点工程（一）妇幼健康保障工程",
      "实现市县两级均有1所政府举办、标准化建设的妇幼保健机构",
    ),
    why: t(
      "本工具只核查各县（市、区）有无妇幼保健机构；市级一所与“政府举办、标准化建设”需要机构隶属与建设标准的数据",
      "the tool checks only that each county has a maternal and child health institution (COUNTY-MCH); the city's own and 「政府举办、标准化建设」 need data on who runs it and its standard",
    ),
  },
  {
    provenance: p(
      "004",
      281,
      "（一）构建强大的公共卫生体系 专栏1：公共卫生体系建设引领工程（二）疾病预防控制检测能力提升工程",
      "推进市县两级疾病预防控制中心标准化建设",
    ),
    why: NO_KIND,
  },
  {
    provenance: p(
      "004",
      437,
      "（五）建立优质高效医疗卫生服务体系 专栏5：优质高效医疗服务体系重点工程（三）基层医疗卫生机构建设工程",
      "每个乡镇至少有1所政府办的标准化乡镇卫生院",
    ),
    why: t(
      "THC-PER-TOWNSHIP 与 VC-PER-VILLAGE 核查有无，不核查“标准化”：是否达到建设标准，设施清单中没有",
      "THC-PER-TOWNSHIP and VC-PER-VILLAGE check that there is one, not that it is 「标准化」: whether it meets the building standard is not in a facility list",
    ),
  },
  {
    provenance: p(
      "004",
      477,
      "（七）促进人口长期均衡发展（55）推动婴幼儿照护服务事业发展",
      "支持各县（市、区）依托本县（市、区）妇幼保健机构建设1所具有指导功能、示范性、综合性的托育服务中心",
    ),
    why: CHILDCARE,
  },
  {
    provenance: p(
      "004",
      481,
      "（七）促进人口长期均衡发展 专栏7：人口均衡发展工程（一）优生优育工程",
      "全市每个县（市、区）至少建成一个优生优育指导中心或优教平台",
    ),
    why: NO_KIND,
  },
  {
    provenance: p(
      "004",
      483,
      "（七）促进人口长期均衡发展 专栏7：人口均衡发展工程（二）家庭发展工程",
      "全市每个县（市、区）均建成不少于1个暖心家园",
    ),
    why: t(
      "暖心家园不是医疗卫生机构，不在设施清单中",
      "a 暖心家园 is not a health facility and is not in a facility list",
    ),
  },
];
const UNTESTED_001: NonNullable<RuleSet["untested"]> = [
  {
    provenance: p(
      "001",
      293,
      S001_COL6,
      "重点建好1所公立综合医院、1所公立中医医院、1所公立妇幼保健院、1所公立儿童医院，全部达到三级水平",
    ),
    why: t(
      "市级医院，不按县核查；本工具的医院类别中没有儿童医院",
      "the city's own hospitals, not a county's; the tool's hospital kinds have no children's hospital",
    ),
  },
  {
    provenance: p(
      "001",
      263,
      "（五）优化“一老一小”服务 专栏 5：“一老一小”服务能力提升工程",
      "全市拥有 1 所老年医院、1 所康复医院、1 所安宁疗护中心",
    ),
    why: NO_KIND,
  },
  {
    provenance: p(
      "001",
      161,
      "（一）建设强大公共卫生体系 专栏 1：公共卫生防控体系建设工程",
      "每个县（市）依托 1 所综合实力较强的县级医院建设公共卫生医学中心",
    ),
    why: t(
      "需要医院的功能（公共卫生医学中心）数据，设施清单中没有",
      "needs the hospitals' functions (public-health medical centre), which a facility list does not give",
    ),
  },
  {
    provenance: p(
      "001",
      213,
      "（四）实施健康鹰城行动，全方位全周期保障人民健康 3. 维护全生命周期健康",
      "将2—3家县级妇幼保健院创建为二级甲等妇幼保健院",
    ),
    why: t(
      "「力争」的全市目标（2—3 家县级妇幼保健院达到二级甲等）；COUNTY-3-HOSPITALS 只核查每县有妇幼保健院且达到二级，二级甲等的家数未核查",
      "a city-wide aim (「力争」: 2–3 county maternal-child hospitals at grade IIA); COUNTY-3-HOSPITALS checks only that each county has one at grade II, not how many reach IIA",
    ),
  },
  {
    provenance: p("001", 137, S001_IND, "每千常住人口公共卫生人员数（人）\t0.99\t1\t预期性"),
    why: PUBLIC_HEALTH_STAFF,
  },
  {
    provenance: p("001", 138, S001_IND, "每千人口拥有3岁以下婴幼儿托位数（个）\t0.86\t4.5\t预期性"),
    why: CHILDCARE,
  },
];

const DEPARTMENTS = t(
  "需要医疗机构的科室（诊室）数据，设施清单中没有",
  "needs the facilities' departments (clinics), which a facility list does not give",
);
const S002_STAFF_HOSP = "三、资源配置（二）人员 医院";
/**
 * 南宫's plan (002): the clauses binding 南宫市 that the tool does not test, each with why (the trial, s44-a #2: the
 * Review tab listed none, where the other three cities' sets do).
 */
const UNTESTED_002: NonNullable<RuleSet["untested"]> = [
  { provenance: p("002", 49, S002_IND, "每千人口专业公共卫生机构人员数（人）"), why: PUBLIC_HEALTH_STAFF },
  { provenance: p("002", 63, S002_IND, "二级以上综合医院设置感染性疾病科的比例（%）"), why: DEPARTMENTS },
  {
    provenance: p("002", 70, S002_IND, "乡镇卫生院和社区卫生服务中心设置发热筛查门诊（发热诊室）的比例（%）"),
    why: DEPARTMENTS,
  },
  {
    provenance: p("002", 77, S002_IND, "每万人口重症床位数（张）"),
    why: t("设施清单的床位列不分重症床位", "a facility list's bed count does not single out intensive-care beds"),
  },
  {
    provenance: p("002", 121, S002_IND, "医护比"),
    why: t(
      "未核查：医师、护士人数已分别按每千人口核查，二者之比未另设规则",
      "not tested: doctors and nurses are each judged per 1,000 (DOCTORS-PER-1000, NURSES-PER-1000); their ratio has no rule of its own",
    ),
  },
  {
    provenance: p("002", 128, S002_IND, "床人比（卫生人员）"),
    why: t(
      "设施清单的人员列只有医师、护士、药师、全科医生，不含全部卫生人员",
      "a facility list's staff columns are not all health workers (doctors, nurses, pharmacists and GPs only)",
    ),
  },
  { provenance: p("002", 136, S002_IND, "每千人口中医类别执业（助理）医师数（人）"), why: TCM_DOCTORS },
  {
    provenance: p("002", 143, S002_IND, "每千人口公立中医类医院床位数（张）"),
    why: t(
      "未核查：本工具只核查全部医疗卫生机构的每千人口床位与传染病床位，不按医院类别和所有制分项核查床位",
      "not tested: the tool judges all facilities' beds (BEDS-PER-1000) and infectious-disease beds, not beds by hospital kind and ownership",
    ),
  },
  { provenance: p("002", 150, S002_IND, "设置国医堂的社区卫生服务中心和乡镇卫生院比例（%）"), why: DEPARTMENTS },
  { provenance: p("002", 157, S002_IND, "每千人口拥有3岁以下婴幼儿托位数（个）"), why: CHILDCARE },
  { provenance: p("002", 164, S002_IND, "二级及以上综合性医院设置老年医学科的比例（%）"), why: DEPARTMENTS },
  {
    provenance: p(
      "002",
      178,
      "二、机构设置（一）医院",
      "保留南宫市人民医院、南宫市中医院、南宫市妇幼保健院、南宫市精神病医院",
    ),
    why: t(
      "COUNTY-3-HOSPITALS 按 002:177 只核查市办综合医院和中医类医院；妇幼保健院、精神病医院的保留未核查",
      "COUNTY-3-HOSPITALS checks only the city-run general and TCM hospitals of 002:177; keeping the maternal-child and psychiatric hospitals is not checked",
    ),
  },
  { provenance: p("002", 201, `${S002_PH}急救机构`, "每个二级医院设立急诊科"), why: DEPARTMENTS },
  {
    provenance: p("002", 208, S002_BEDS, "其中，医院床位数4.54张，基层医疗卫生机构床位数1.36张"),
    why: t(
      "未核查：BEDS-PER-1000 核查全市每千人口床位 5.90 张，医院、基层、公立、非公立、公立中医类医院的分项未核查",
      "not tested: BEDS-PER-1000 judges the 5.90 beds per 1,000 in all; the parts (hospitals, primary care, public, private, public TCM hospitals) are not",
    ),
  },
  {
    provenance: p("002", 209, `${S002_BEDS} 2.优化床位结构`, "按照15%的公立医院床位比例设置专科医院"),
    why: t(
      "未核查：需要按医院类别统计公立医院床位，本工具未设此规则",
      "not tested: needs public hospitals' beds by hospital kind; the tool has no rule for it",
    ),
  },
  {
    provenance: p("002", 407, S002_STAFF_HOSP, "每10万人口精神科医师数达到4人"),
    why: t(
      "设施清单的人员列不分精神科、康复等专科",
      "a facility list's staff columns do not split doctors by specialty (psychiatry, rehabilitation …)",
    ),
  },
  {
    provenance: p("002", 408, S002_STAFF, "按照每千人口不少于1名的标准配置乡村医生或乡村执业（助理）医师"),
    why: t(
      "设施清单的人员列没有乡村医生；执业（助理）医师按 DOCTORS-PER-1000 全市合计核查，不单列乡村",
      "a facility list's staff columns have no village doctors; licensed doctors are judged city-wide (DOCTORS-PER-1000), not for the villages apart",
    ),
  },
  {
    provenance: p("002", 408, S002_STAFF, "每家社区卫生服务中心和乡镇卫生院至少应配备1名公共卫生医师"),
    why: PUBLIC_HEALTH_STAFF,
  },
  {
    provenance: p("002", 409, "三、资源配置（二）人员 专业公共卫生机构", "每千人口专业公共卫生机构人员数达到0.83人"),
    why: PUBLIC_HEALTH_STAFF,
  },
];

const S003_PH_TASKS = "南阳市公共卫生体系建设行动计划 二、重点任务";
/** 南阳's plans (000, 003): the clauses of the kinds 宜春's and 平顶山's lists name (the reviewer trial, s43-a #7). */
const UNTESTED_NANYANG: NonNullable<RuleSet["untested"]> = [
  {
    // the audit, s50 M-3: a village 「不适宜单设卫生室」 may keep a fixed service site instead of a clinic
    provenance: p(
      "003",
      219,
      `${S003_RURAL}（四）村卫生室公有化标准化建设`,
      "不适宜单设卫生室的行政村应当保留固定服务场所",
    ),
    why: t(
      "设施清单中没有行政村的固定服务场所，也没有哪些村“不适宜单设卫生室”：VC-PER-VILLAGE 把无村卫生室的行政村按 003:143 列出，属此类的村请审查者逐一剔除",
      "a facility list has no village's fixed service site, nor which villages are 「不适宜单设卫生室」: VC-PER-VILLAGE lists every village without a clinic by 003:143, and the reviewer strikes out those of this kind",
    ),
  },
  { provenance: p("000", 133, S000_IND, "其中：每千常住人口中医类别执业（助理）医师数（人）"), why: TCM_DOCTORS },
  { provenance: p("000", 161, S000_IND, "每千常住人口公共卫生人员数（人）"), why: PUBLIC_HEALTH_STAFF },
  { provenance: p("000", 168, S000_IND, "每千常住人口3岁以下婴幼儿托位数（个）"), why: CHILDCARE },
  {
    provenance: p(
      "000",
      297,
      "三、重点任务（五）以服务“一老一小”为重点，促进人口长期均衡发展 专栏5：“一老一小”服务能力提升工程",
      "二级及以上综合医院设立老年医学科比例达到60%",
    ),
    why: t(
      "需要医院的科室数据，设施清单中没有",
      "needs the hospitals' departments, which a facility list does not give",
    ),
  },
  {
    provenance: p(
      "000",
      309,
      S000_COL6,
      "带动市妇幼保健院、市儿童医院建设，加快市中医院迁建项目，“四所医院”全部达到三级水平",
    ),
    why: t(
      "市级医院，不按县核查；本工具的医院类别中没有儿童医院",
      "the city's own hospitals, not a county's; the tool's hospital kinds have no children's hospital",
    ),
  },
  {
    provenance: p(
      "003",
      63,
      `${S003_PH_TASKS} 12.提高医疗救治能力`,
      "每个县(市)依托1所综合实力较强的医院建设相对独立的传染病院区或符合规范的病房楼",
    ),
    why: t(
      "需要医院有无独立传染病院区或病房楼的数据，设施清单中没有；清单的传染病床位数只用于南宫 002 的床位规则",
      "needs whether a hospital has a separate infectious-disease campus or ward building, which a facility list does not give; its infectious beds serve Nangong's 002 bed rule only",
    ),
  },
  {
    provenance: p(
      "003",
      71,
      `${S003_PH_TASKS} 16.提升采供血服务能力`,
      "每个县(市、区)依托综合实力较强的二级以上综合医院设置1个标准化储血点",
    ),
    why: NO_KIND,
  },
  {
    provenance: p(
      "003",
      147,
      "南阳市医疗服务体系建设行动计划 二、重点任务（一）优化医疗资源配置 6.完善老年医疗服务网络",
      "各县(市、区)新建一所老年医院",
    ),
    why: NO_KIND,
  },
];

const VC_003 = t(
  "003:143 每个行政村 1 所（社区/居委会不是行政村）。003:219 的相邻行政村合建中心村卫生室只在数据说明某卫生室服务哪些村（设施的“服务行政村”代码列）时适用，不作一概豁免；同条「不适宜单设卫生室的行政村应当保留固定服务场所」无从核查（见“本工具未核查的规划条款”），缺村卫生室的村中属此类者由审查者剔除；全县没有一所村卫生室为不符合。民营村卫生室也计入（003 的公有产权要求另由 VC-PUBLIC-SHARE 按比例核查）。",
  "003:143: one per administrative village (communities are not villages). 003:219's shared clinic of adjacent villages applies only where the data says which villages a clinic serves (the facility's served-villages codes), never as a blanket waiver; the same line's 「不适宜单设卫生室的行政村应当保留固定服务场所」 cannot be checked (listed among the clauses not checked), so the reviewer strikes out such villages among those without a clinic; a county with no village clinic fails. Private clinics count here (003's public ownership is the share rule VC-PUBLIC-SHARE).",
);
const VC_002 = t(
  "002:193「原则上每个行政村设置1个村卫生室」：「原则上」是原则而非硬性标准，缺村卫生室的村列为待核，不算违规；乡镇卫生院所在地的行政村原则上可不再设（按卫生院的 12 位村代码判断）。",
  "002:193: one per administrative village 「原则上」 (in principle), so a village without one is for review, not a failure; the village hosting the THC need not have one (by the THC's 12-digit village code).",
);
const VC_004 = t(
  "004:437 两类村都须设：非乡镇卫生院所在行政村，以及 800 人口以上的行政村（按「和」取并集：卫生院所在村人口 800 以上仍须设，需村人口数据判断，缺则“缺数据”）；须为公有产权，民营不计。",
  "004:437 names two kinds of village: every village not hosting a THC, and every village of 800+ people (「和」 read as a union: a THC village of 800+ still needs one, which its population decides — without it the check needs data); clinics must be publicly owned, private ones do not count.",
);

/**
 * The set for a city with no local plan loaded: the rules that at least two plans state alike, in the reading they
 * share, each citing those plans' lines (docs/national-rules.md gives the choice rule by rule).
 * Rules of one plan only (EMS-TIME: 000; SUB-15KM, SUB-COUNT, THC-BEDS, the ownership shares: 003; CTHC-THIRD,
 * NO-NEW-GH-URBAN: 002), EMS-TIERS (003 and 004 name different hubs) and the city-wide indicators (each plan's own
 * figure for its own city) are left out. No scope: it judges every county of the city it is applied to.
 */
function nationalRuleSet(): RuleSet {
  const { comparison: _comparison, ...set } = ruleSet(
    "national",
    t(
      "各规划共有的规则（未加载本地规划；条文引自各市规划）",
      "Rules the plans share (no local plan loaded; quoted from the cities' plans)",
    ),
    ["000", "001", "002", "003", "004"],
    undefined,
    [
      emsUrban([PROV.emsUrban000, PROV.emsUrban004], false),
      // the range is 000's; 004:439 says 20 km (the reviewer trial, s41-a #9: both read as setting 10–20)
      emsRural([PROV.emsRural000, PROV.emsRural004], 20, false, true, EMS_RURAL_TWO_PLANS),
      thcPerTownship([PROV.thc001, PROV.thc002, PROV.thc003, PROV.thc004], "每个乡镇"),
      chcPerStreet([PROV.chc001, PROV.chc002, PROV.chc004], {
        station: "no",
        wording: "每个街道",
        interpretation: t(
          "各规划共有的读法：每个街道 1 所社区卫生服务中心（002:189、004:437 要求“中心”），社区卫生服务站不算中心（001:301 允许以站代替，是平顶山规划自己的读法）；民营不计。",
          "The reading the plans share: one community health service centre per street (002:189 and 004:437 ask for a centre); a station is not a centre (001:301 accepting one is Pingdingshan's own reading); private ones do not count.",
        ),
      }),
      vcPerVillage(
        [PROV.vc002, PROV.vcThc002, PROV.vc003, PROV.vc004],
        ["community", "thc-village"],
        t(
          "各规划共有的读法：每个行政村 1 所村卫生室（002:193、003:143、004:437），社区（居委会）不是行政村；乡镇卫生院所在的行政村可不再设（002:193 与 004:437 都这样写，按卫生院的 12 位村代码判断）。004 的 800 人以上村与公有产权要求、003:219 的相邻村合建是各自规划的读法，不在此列；民营村卫生室计入。",
          "The reading the plans share: one village clinic per administrative village (002:193, 003:143, 004:437); communities (居委会) are not villages; the village hosting the THC need not have one (both 002:193 and 004:437 say so; by the THC's 12-digit village code). 004's 800-people villages and public ownership, and 003:219's clinic shared by adjacent villages, are those plans' own readings and not applied; private clinics count.",
        ),
      ),
      county3(
        [PROV.hosp000, PROV.hosp001],
        ["general", "tcm", "maternal-child"],
        "2",
        "每个县（市）",
        false,
        undefined,
        t(
          "各规划共有的读法：000:310 要求每个县（区）三所达到二级甲等，001:295 要求每个县（市）三所达到二级；取两者共有的部分：每个县（市）综合、中医、妇幼各 1 所公立医院达到二级，不含市辖区。000 的二级甲等和市辖区是南阳规划自己的要求，不在此列；民营不计。",
          "The reading the plans share: 000:310 asks each 县（区） for the three at grade IIA, 001:295 each 县（市） at grade II; what both ask is each county and county-level city with a public general, TCM and maternal-child hospital at grade II, districts not judged. 000's grade IIA and its districts are Nanyang's own; private ones do not count.",
        ),
      ),
    ],
  );
  return {
    ...set,
    noLocalPlan: t(
      "该市未加载本地规划：只按五份规划中至少两份一致规定的规则核查（城区急救服务半径 5 公里、农村 10–20 公里；每个乡镇 1 所乡镇卫生院、每个街道 1 所社区卫生服务中心、每个行政村 1 所村卫生室；每个县（市）综合、中医、妇幼医院达到二级），每条规则引用这些规划的原文；这些规划各自只约束本市，这些规则既不是国家标准文件的条文，也不是该市自己的规划指标。不核查的有：县域医疗卫生次中心的数量及“城区之外、距县域医疗中心 15 公里以上”（只有南阳 003 规定）、平均急救反应时间（只有 000 规定）、每千人床位与人员（各市目标不同）等；如需对照，可在“核查”页的规则集中选“全部五份规划（对比用）”（命令行加 --rules all），其结论仅作对比",
      "No local plan is loaded for this city: it is checked only against the rules that at least two of the five plans state alike (EMS radius 5 km urban, 10–20 km rural; one township health centre per township, one community health centre per street, one village clinic per administrative village; a general, a TCM and a maternal-child hospital of grade II in each county), each citing those plans' lines; each plan binds its own city only, and these rules are neither a national standard's text nor the city's own targets. Not checked: the number of county sub-centres and their place 'outside the urban area, 15 km or more from the county medical centre' (Nanyang's 003 alone), the average EMS response time (000 alone), beds and staff per 1,000 (each city's own targets), and others; to compare with them, choose 'all five plans, for comparison' as the rule set in the Review tab (--rules all on the command line), whose findings are for comparison only",
    ),
  };
}

/** All seed rule sets, keyed by output file name: one per city (its own plans) and the comparison set. */
export function buildSeedRuleSets(): Record<string, RuleSet> {
  const bedsAll = {
    nanyang: {
      target: num(7.7, "beds per 1,000 residents", "inclusive"),
      nature: "expected" as const,
      cites: cite(PROV.beds000name, PROV.beds000value, PROV.beds000nature),
    },
    pingdingshan: {
      target: num(7.7, "beds per 1,000 residents", "inclusive"),
      nature: "expected" as const,
      cites: cite(PROV.beds001),
    },
    nangong: {
      target: num(5.9, "beds per 1,000 residents", "inclusive"),
      nature: "expected" as const,
      cites: cite(PROV.beds002name, PROV.beds002value, PROV.beds002nature, PROV.beds002),
    },
    yichun: {
      target: num(7.5, "beds per 1,000 population", "inclusive"),
      nature: "expected" as const,
      cites: cite(PROV.beds004name, PROV.beds004value, PROV.beds004nature),
    },
  };
  const doctorsAll = {
    nanyang: {
      target: num(3.6, "per 1,000", "inclusive"),
      nature: "expected" as const,
      cites: cite(PROV.doctors000name, PROV.doctors000value, PROV.doctors000nature),
    },
    pingdingshan: {
      target: num(3.7, "per 1,000", "inclusive"),
      nature: "expected" as const,
      cites: cite(PROV.doctors001),
    },
    nangong: {
      target: num(2.66, "per 1,000", "inclusive"),
      nature: "expected" as const,
      cites: cite(PROV.doctors002name, PROV.doctors002value, PROV.doctors002nature),
    },
    yichun: {
      target: num(3.0, "per 1,000", "inclusive"),
      nature: "expected" as const,
      cites: cite(PROV.doctors004name, PROV.doctors004value, PROV.doctors004nature),
    },
  };
  const nursesAll = {
    nanyang: {
      target: num(4.3, "per 1,000", "exclusive"),
      nature: "expected" as const,
      cites: cite(PROV.nurses000name, PROV.nurses000value, PROV.nurses000nature),
    },
    pingdingshan: {
      target: num(4.3, "per 1,000", "exclusive"),
      nature: "expected" as const,
      cites: cite(PROV.nurses001),
    },
    nangong: {
      target: num(2.91, "per 1,000", "inclusive"),
      nature: "expected" as const,
      cites: cite(PROV.nurses002name, PROV.nurses002value, PROV.nurses002nature),
    },
    yichun: {
      target: num(3.8, "per 1,000", "inclusive"),
      nature: "expected" as const,
      cites: cite(PROV.nurses004name, PROV.nurses004value, PROV.nurses004nature),
    },
  };
  const pharmAll = {
    nanyang: {
      target: num(0.54, "per 1,000", "inclusive"),
      nature: "expected" as const,
      cites: cite(PROV.pharm000name, PROV.pharm000value, PROV.pharm000nature),
    },
    pingdingshan: {
      target: num(0.54, "per 1,000", "inclusive"),
      nature: "expected" as const,
      cites: cite(PROV.pharm001),
    },
    nangong: {
      target: num(0.54, "per 1,000", "inclusive"),
      nature: "expected" as const,
      cites: cite(PROV.pharm002name, PROV.pharm002value, PROV.pharm002nature),
    },
    yichun: {
      target: num(0.54, "per 1,000", "inclusive"),
      nature: "expected" as const,
      cites: cite(PROV.pharm004name, PROV.pharm004value, PROV.pharm004nature),
    },
  };
  const gp747 = {
    target: num(3, "per 10,000", "inclusive"),
    nature: "binding" as const,
    cites: cite(PROV.gp002col8),
    label: t("002:747 专栏8 全科医生每万人口 3 名", "002:747 (box 8): 3 GPs per 10,000"),
  };
  const gpAll = {
    nanyang: {
      target: num(3.93, "per 10,000", "inclusive"),
      nature: "binding" as const,
      cites: cite(PROV.gp000name, PROV.gp000value, PROV.gp000nature),
    },
    pingdingshan: { target: num(3.93, "per 10,000", "inclusive"), nature: "binding" as const, cites: cite(PROV.gp001) },
    nangong: {
      target: num(3.93, "per 10,000", "inclusive"),
      nature: "binding" as const,
      cites: cite(PROV.gp002name, PROV.gp002value, PROV.gp002nature, PROV.gp002text),
      alsoStated: [gp747],
    },
    yichun: {
      target: num(3.2, "per 10,000", "inclusive"),
      nature: "binding" as const,
      cites: cite(PROV.gp004name, PROV.gp004value, PROV.gp004nature),
    },
  };
  const indicators = (
    city: keyof typeof bedsAll,
    prov: Record<"beds" | "doctors" | "nurses" | "pharmacists" | "gps", Provenance[]>,
    kind: "resident" | "any",
  ) => [
    indicator("beds", prov.beds, bedsAll[city], { populationKind: kind }),
    indicator("doctors", prov.doctors, doctorsAll[city], { populationKind: kind }),
    indicator("nurses", prov.nurses, nursesAll[city], { populationKind: kind }),
    indicator("pharmacists", prov.pharmacists, pharmAll[city], { populationKind: kind }),
    indicator(
      "gps",
      prov.gps,
      { target: gpAll[city].target, nature: gpAll[city].nature, cites: gpAll[city].cites },
      {
        populationKind: kind,
        ...(city === "nangong" ? { alsoStated: [gp747] } : {}),
      },
    ),
  ];
  const ind000 = {
    beds: [PROV.beds000name, PROV.beds000value, PROV.beds000nature],
    doctors: [PROV.doctors000name, PROV.doctors000value, PROV.doctors000nature],
    nurses: [PROV.nurses000name, PROV.nurses000value, PROV.nurses000nature],
    pharmacists: [PROV.pharm000name, PROV.pharm000value, PROV.pharm000nature],
    gps: [PROV.gp000name, PROV.gp000value, PROV.gp000nature],
  };
  const ind001 = {
    beds: [PROV.beds001],
    doctors: [PROV.doctors001],
    nurses: [PROV.nurses001],
    pharmacists: [PROV.pharm001],
    gps: [PROV.gp001],
  };
  const ind002 = {
    beds: [PROV.beds002name, PROV.beds002value, PROV.beds002nature, PROV.beds002],
    doctors: [PROV.doctors002name, PROV.doctors002value, PROV.doctors002nature],
    nurses: [PROV.nurses002name, PROV.nurses002value, PROV.nurses002nature],
    pharmacists: [PROV.pharm002name, PROV.pharm002value, PROV.pharm002nature],
    gps: [PROV.gp002name, PROV.gp002value, PROV.gp002nature, PROV.gp002text, PROV.gp002col8],
  };
  const ind004 = {
    beds: [PROV.beds004name, PROV.beds004value, PROV.beds004nature],
    doctors: [PROV.doctors004name, PROV.doctors004value, PROV.doctors004nature],
    nurses: [PROV.nurses004name, PROV.nurses004value, PROV.nurses004nature],
    pharmacists: [PROV.pharm004name, PROV.pharm004value, PROV.pharm004nature],
    gps: [PROV.gp004name, PROV.gp004value, PROV.gp004nature],
  };
  const tiers003 = emsTiers([PROV.emsTiers003], {
    countyHub: ["ems-dispatch"],
    radiusStated: true,
    wording: "市、县级（县级“120”急救指挥中心）",
    interpretation: t(
      "003:61 以市紧急医疗救援中心、县级“120”急救指挥中心为中枢：每个县（市）须有本县 120 急救指挥中心（本县的急救中心亦计）；市辖区由市紧急医疗救援中心服务，即立于市辖区的急救中心，有即符合；立于县（市）的急救中心为该县所有，不服务市辖区。急救站登记属哪个县不是规划规定，仅作提示。",
      "003:61: the city's emergency medical rescue centre and the county 120 command centres are the hubs: each county and county-level city needs its own 120 command centre (its own EMS centre counts too); districts are served by the city's centre, an EMS centre standing in a district. An EMS centre standing in a county or county-level city is that county's and does not serve the districts. Which county a station is registered to is no plan's rule: information only.",
    ),
  });
  const tiers004 = emsTiers([PROV.emsTiers004], {
    countyHub: ["ems-centre", "ems-dispatch", "ems-station"],
    radiusStated: true,
    wording: "市县两级",
    interpretation: t(
      "004:439「市县两级急救中心（站）」：每个县（市）有本县急救中心或急救站（或 120 急救指挥中心）即符合，不要求专门的调度中心；市辖区由市级急救中心服务。",
      "004:439 「市县两级急救中心（站）」: a county or county-level city complies with its own EMS centre or station (or 120 command centre), not only a dispatch centre; districts are served by the city's EMS centre.",
    ),
  });
  const tiers002 = emsTiers([PROV.ems002, PROV.ems002points], {
    countyHub: ["ems-centre", "ems-dispatch"],
    points: ["thc", "central-thc", "sub-centre", "chc"],
    radiusStated: false,
    hostedBy: { name: "南宫市人民医院", withinKm: 0.5, cite: "002:201" },
    wording: "南宫市",
    interpretation: t(
      "002:201 依托南宫市人民医院设立市急救中心（或其 120 急救指挥中心）：清单中的南宫市人民医院在急救中心 0.5 公里内，即为依托；在更远处则待核（坐标可能只是不准），名称含“南宫市人民医院”也不例外；清单中没有南宫市人民医院时，急救中心名称含它即为依托，否则待核。各乡镇卫生院、社区卫生服务中心为南宫市急救网络的急救点（列出数量）。002 没有规定急救服务半径，本工具不替它设定，覆盖不作核查。",
      "002:201: a city EMS centre at 南宫市人民医院 (or its 120 command centre): a centre within 0.5 km of the list's 南宫市人民医院 is at it; one farther is for review (the positions may only be imprecise), whatever its name; where the list has no 南宫市人民医院, a centre named for it is at it, any other for review. Every THC and CHC is an 急救点 of Nangong's own network (counted). 002 states no EMS service radius and the tool does not invent one: coverage is not judged.",
    ),
  });
  const nanyang = ruleSet(
    "nanyang",
    t("南阳市规划（000 + 003）", "Nanyang plans (000 + 003)"),
    ["000", "003"],
    {
      city: "nanyang",
      note: t(
        "000 与 003 是南阳市的规划，约束南阳市全部县（市、区）",
        "000 and 003 are Nanyang's plans and bind all of Nanyang's counties and districts",
      ),
    },
    [
      emsUrban([PROV.emsUrban000], false),
      emsRural([PROV.emsRural000], 20, false),
      emsTime,
      sub15km,
      subCount("bands"),
      thcPerTownship([PROV.thc003], "每个乡镇", {
        description: t(
          "每个乡镇建好 1 所政府办标准化乡镇卫生院",
          "Each township (乡/镇) has one standardised government-run township health centre",
        ),
      }),
      vcPerVillage([PROV.vc003, PROV.vcShared003], ["community", "shared-clinic"], VC_003),
      county3([PROV.hosp000, PROV.priv000], ["general", "tcm", "maternal-child"], "2A", "每个县（区）", true),
      county3Grade,
      tiers003,
      thcBeds,
      ...indicators("nanyang", ind000, "resident"),
      ownershipShare("VC-PUBLIC-SHARE", [PROV.vcPublic003, PROV.vcPublic003b], 0.9, "public"),
      ownershipShare("CHC-GOV-SHARE", [PROV.chcGov003], 0.7, "government"),
    ],
    UNTESTED_NANYANG,
  );
  const pingdingshan = ruleSet(
    "pingdingshan",
    t("平顶山市规划（001）", "Pingdingshan plan (001)"),
    ["001"],
    {
      city: "pingdingshan",
      note: t(
        "001 是平顶山市的规划，约束平顶山市全部县（市、区）",
        "001 is Pingdingshan's plan and binds all its counties and districts",
      ),
    },
    [
      thcPerTownship([PROV.thc001], "每个乡镇", {
        description: t(
          "每个乡镇建好 1 所政府举办的乡镇卫生院",
          "Each township (乡/镇) has one government-run township health centre",
        ),
      }),
      chcPerStreet([PROV.chc001], {
        station: "counts",
        wording: "每个街道",
        description: t(
          "每个街道建好 1 所政府举办或公建民营的社区卫生服务中心（站）",
          "Each sub-district (街道) has a government-run or publicly built community health service centre (or station)",
        ),
        interpretation: t(
          "001:301 写「社区卫生服务中心（站）」，括注“站”，故社区卫生服务站也满足本街道；政府举办或公建民营，民营不计。",
          "001:301 says 「社区卫生服务中心（站）」: the bracketed 站 makes a station enough for a street; government-run or publicly built and privately run, private ones do not count.",
        ),
      }),
      county3([PROV.hosp001], ["general", "tcm", "maternal-child"], "2", "每个县（市）", false),
      ...indicators("pingdingshan", ind001, "resident"),
    ],
    UNTESTED_001,
  );
  const nangong = ruleSet(
    "nangong",
    t("南宫市规划（002）", "Nangong plan (002)"),
    ["002"],
    {
      city: "nangong",
      counties: ["130581"],
      countyNames: ["南宫市"],
      note: t(
        "002 是南宫市（130581）的规划，只约束南宫市；邢台市其他县区仅作背景",
        "002 is the plan of 南宫市 (130581) and binds it alone; Xingtai's other counties are context",
      ),
    },
    [
      cthcThird,
      noNewGh,
      thcPerTownship([PROV.thc002], "每个乡（镇）", {
        description: t(
          "每个乡（镇）设置 1 所政府举办的标准化乡镇卫生院",
          "Each township (乡/镇) has one standardised government-run township health centre",
        ),
      }),
      chcPerStreet([PROV.chc002, PROV.chcStation002], {
        station: "small-street",
        wording: "每个街道办事处",
        interpretation: t(
          "002:189 每个街道办事处（或每 3–10 万居民）1 所政府举办的社区卫生服务中心；002:191 人口不足 3 万的街道可设社区卫生服务站：这类街道缺中心为待核，不算违规；社区卫生服务站不算中心。给出街道人口时，超过 10 万居民只有 1 所中心也列为待核。",
          "002:189: one government-run CHC per street (or per 30,000–100,000 residents); 002:191: a street under 30,000 may have a station instead, so a missing centre there is for review, not an error; a station is not a centre. With street populations, a street over 100,000 with one centre is for review too.",
        ),
      }),
      vcPerVillage([PROV.vc002, PROV.vcThc002], ["community", "thc-village"], VC_002, undefined, "002:193"),
      county3([PROV.hosp002], ["general", "tcm"], undefined, "市办（南宫市）", true, "002:177"),
      tiers002,
      infectiousBeds,
      ...indicators("nangong", ind002, "resident"),
    ],
    UNTESTED_002,
  );
  const yichun = ruleSet(
    "yichun",
    t("宜春市规划（004）", "Yichun plan (004)"),
    ["004"],
    {
      city: "yichun",
      note: t(
        "004 是宜春市的规划，约束宜春市全部县（市、区）",
        "004 is Yichun's plan and binds all its counties and districts",
      ),
    },
    [
      emsUrban([PROV.emsUrban004], true),
      emsRural([PROV.emsRural004], 20, true, false),
      thcPerTownship([PROV.thc004, PROV.priv004], "每个乡镇", {
        description: t(
          "每个乡镇至少有 1 所政府办的标准化乡镇卫生院",
          "Each township (乡/镇) has at least one standardised government-run township health centre",
        ),
        atLeast: true,
      }),
      chcPerStreet([PROV.chc004], {
        station: "no",
        wording: "每个街道",
        description: t(
          "每个街道至少设置 1 所政府办社区卫生服务中心",
          "Each sub-district (街道) has at least one government-run community health service centre",
        ),
        interpretation: t(
          "004:437「每个街道至少设置1所政府办社区卫生服务中心」：社区卫生服务站不算中心；民营不计。",
          "004:437: at least one government-run CHC per street; a station is not a centre; private ones do not count.",
        ),
      }),
      vcPerVillage([PROV.vc004], ["community", "thc-village", "private"], VC_004, 800),
      tiers004,
      countyMch,
      countyTcm,
      ...indicators("yichun", ind004, "any"),
    ],
    UNTESTED_004,
  );
  const all = ruleSet(
    "all",
    t("全部五份规划（对比用）", "All five plans, for comparison"),
    ["000", "001", "002", "003", "004"],
    undefined,
    [
      emsUrban([PROV.emsUrban000, PROV.emsUrban004], false),
      // the range is 000's; 004:439 says 20 km (the reviewer trial, s41-a #9: both read as setting 10–20)
      emsRural([PROV.emsRural000, PROV.emsRural004], 20, false, true, EMS_RURAL_TWO_PLANS),
      emsTime,
      sub15km,
      subCount("bands"),
      cthcThird,
      noNewGh,
      thcPerTownship([PROV.thc003, PROV.thc002, PROV.thc001, PROV.thc004, PROV.priv000], "每个乡镇"),
      chcPerStreet([PROV.chc001, PROV.chc002, PROV.chc004], {
        station: "no",
        wording: "每个街道",
        interpretation: t(
          "对比用：按 002:189 与 004:437 取“每个街道 1 所社区卫生服务中心”，站不算中心（001:301 允许以站代替，见平顶山规则集）。",
          "For comparison: one CHC per street as 002:189 and 004:437 say; a station is not a centre (001:301 accepts one: see the Pingdingshan set).",
        ),
      }),
      vcPerVillage(
        [PROV.vc003, PROV.vc002, PROV.vcThc002, PROV.vc004],
        ["community", "thc-village"],
        t(
          "对比用：每个行政村 1 所村卫生室按 003:143「建好」与 004:437「至少设置」取硬性要求，缺者不符合（002:193 写「原则上」，南宫规则集中缺者为待核）；乡镇卫生院所在地的行政村可不再设（002:193、004:437，按卫生院的 12 位村代码判断）。",
          "For comparison: one clinic per administrative village as a firm requirement, as 003:143 and 004:437 word it, so a missing one fails (002:193 says 「原则上」, in principle: the Nangong set makes it a review); the village hosting the THC need not have one (002:193, 004:437; by the THC's 12-digit village code).",
        ),
      ),
      county3(
        [PROV.hosp000, PROV.hosp001, PROV.priv000],
        ["general", "tcm", "maternal-child"],
        "2A",
        "每个县（区）",
        true,
      ),
      county3Grade,
      emsTiers([PROV.emsTiers003, PROV.emsTiers004], {
        countyHub: ["ems-dispatch"],
        radiusStated: true,
        wording: "市、县级",
        interpretation: t(
          "对比用：取 003:61 的读法（每县有 120 急救指挥中心，市辖区由市级中心服务）；004:439 只要求县级急救中心（站），见宜春规则集。",
          "For comparison: 003:61's reading (each county has its 120 command centre, districts served by the city's centre); 004:439 only asks for a county EMS centre or station (see the Yichun set).",
        ),
      }),
      thcBeds,
      indicator("beds", [...ind000.beds, ...ind001.beds, ...ind002.beds, ...ind004.beds], bedsAll.nanyang, {
        populationKind: "resident",
        byCity: bedsAll,
      }),
      indicator(
        "doctors",
        [...ind000.doctors, ...ind001.doctors, ...ind002.doctors, ...ind004.doctors],
        doctorsAll.nanyang,
        { populationKind: "resident", byCity: doctorsAll },
      ),
      indicator("nurses", [...ind000.nurses, ...ind001.nurses, ...ind002.nurses, ...ind004.nurses], nursesAll.nanyang, {
        populationKind: "resident",
        byCity: nursesAll,
      }),
      indicator(
        "pharmacists",
        [...ind000.pharmacists, ...ind001.pharmacists, ...ind002.pharmacists, ...ind004.pharmacists],
        pharmAll.nanyang,
        { populationKind: "resident", byCity: pharmAll },
      ),
      indicator("gps", [...ind000.gps, ...ind001.gps, ...ind002.gps, ...ind004.gps], gpAll.nanyang, {
        populationKind: "resident",
        byCity: gpAll,
      }),
      ownershipShare("VC-PUBLIC-SHARE", [PROV.vcPublic003, PROV.vcPublic003b], 0.9, "public"),
      ownershipShare("CHC-GOV-SHARE", [PROV.chcGov003], 0.7, "government"),
      countyMch,
      countyTcm,
      infectiousBeds,
    ],
  );
  markBindsAsIs(all, [nanyang, pingdingshan, nangong, yichun]);
  return {
    "ruleset-nanyang.json": nanyang,
    "ruleset-pingdingshan.json": pingdingshan,
    "ruleset-nangong.json": nangong,
    "ruleset-yichun.json": yichun,
    "ruleset-all.json": all,
    "ruleset-national.json": nationalRuleSet(),
  };
}

/** JSON with object keys sorted, so that two objects built in another order compare equal. */
function stableJson(x: unknown): string {
  return JSON.stringify(x, (_k, v) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

/**
 * What a rule judges, without its words and citations: kind, types, parameters and units; an indicator's target the
 * one `city` has in the comparison set's `byCity` (each plan's own figure for its own city).
 */
function judgement(rule: Rule, city?: string): string {
  const { provenance: _p, description: _d, interpretation: _i, bindsAsIs: _b, ...rest } = rule;
  const params = { ...(rest.params as Record<string, unknown>) };
  const byCity = params.byCity as Record<string, unknown> | undefined;
  if (byCity) {
    if (city && byCity[city] !== undefined) params.target = byCity[city];
    delete params.byCity;
  }
  // the other figures a plan states beside its target inform, they do not judge; nor do the units' words
  const target = params.target as Record<string, unknown> | undefined;
  if (target && typeof target === "object") {
    const { alsoStated: _a, ...judged } = target;
    params.target = judged;
  }
  delete params.alsoStated;
  const { wording: _w, ...units } = rest.units as Record<string, unknown>;
  return stableJson({ ...rest, units, params });
}

/**
 * Each rule of the comparison set names the cities whose own set judges it alike (`bindsAsIs`): for them it binds as
 * it stands; for another city whose plan states it too, it is a comparison (comparison.ts notBindingNote).
 */
function markBindsAsIs(all: RuleSet, own: RuleSet[]): void {
  for (const rule of all.rules) {
    const cities = own
      .filter((set) => {
        const city = set.scope?.city;
        const mine = set.rules.find((r) => r.id === rule.id);
        return city !== undefined && mine !== undefined && judgement(mine) === judgement(rule, city);
      })
      .map((set) => set.scope?.city as string);
    if (cities.length > 0) rule.bindsAsIs = cities;
  }
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
