import type { LocalizedText } from "../model";
import { FACILITY_TYPE_LABELS, type FacilityType, gradeLabel, HOSPITAL_KIND_LABELS, type HospitalKind } from "../model";
import { distanceKm as kmKeepingSide } from "../report/rounding";
import { fmtKm, fmtKm2, fmtPct } from "./helpers";
import {
  article,
  counted,
  labelMidSentence,
  msg,
  plural,
  STATUS_WORD,
  typesEn,
  typesNounEn,
  typesZh,
  wan,
} from "./messages-common";

export { CITY_LEVEL, PER_CENTRE_BEDS } from "./messages-indicators";

import type { RingStat, UnplacedUnit } from "./types";

/**
 * Every bilingual message the rule checks produce, Chinese first, grouped by rule kind. Checks compute figures;
 * the wording lives here so that a translation or a change of terms is made in one place.
 */

const AREA = {
  urban: { zh: "城区", en: "urban area" },
  rural: { zh: "农村地区", en: "rural area" },
} as const;

/** Which point served as the county medical centre (SUB-15KM). */
export const REFERENCE_LABEL = {
  "county-medical-centre": { zh: "县域医疗中心", en: "county medical centre" },
  // 003:213's 「县(市、区)」: a district's own 区人民医院 stands in too (the audit, s50 M-1)
  "peoples-hospital": {
    zh: "县（市、区）人民医院（作为县域医疗中心）",
    en: "county (district) people's hospital (as county medical centre)",
  },
  seat: { zh: "县政府驻地（无县域医疗中心数据）", en: "county seat (no county medical centre in the data)" },
} as const;

/** How far outside its stated county a kept row lies: 「15.9 km」. */
function kmText(r: { outsideKm?: number }): string {
  return r.outsideKm === undefined ? "" : `${r.outsideKm.toFixed(1)} km`;
}

const UNIT_LABEL = {
  township: { zh: "乡镇", en: "township" },
  street: { zh: "街道", en: "sub-district" },
  village: { zh: "行政村", en: "administrative village" },
} as const;

export const RADIUS_COVERAGE = {
  /** A chosen radius below the plan's (a scenario): its shortfall is for review, not the plan's breach. */
  /**
   * The plan's network counts facilities other than EMS centres and stations as EMS points (004:439 「县级急救中心-中心乡镇
   * 卫生院-乡镇卫生院三级急救网络」): said on the verdict, which rests on it (the reviewer trial, s41-a #3).
   */
  pointsInclude: (types: readonly FacilityType[], cite: string, hospitalMinGrade?: string) => {
    // hospitals count from the plan's grade up (004:439 「二级以上医院为支撑」), and the verdict says so (the EMS
    // planner trial, s53 H1: 「急救点含医院」 read as any hospital)
    const graded = (t: FacilityType) => hospitalMinGrade && (t === "hospital" || t === "county-medical-centre");
    const zh = types
      .map(
        (t) => `${graded(t) ? `${gradeLabel(hospitalMinGrade as string).zh}及以上` : ""}${FACILITY_TYPE_LABELS[t].zh}`,
      )
      .join("/");
    const en = types
      .map((t) => `${typesEn([t])}${graded(t) ? ` of ${gradeLabel(hospitalMinGrade as string).en} or above` : ""}`)
      .join("/");
    return msg(`；急救点含${zh}（${cite}）`, `; EMS points include ${en} (${zh}, ${cite})`);
  },
  /**
   * A county's hospitals that give no grade, which a rule counting hospitals from a grade up leaves out (the EMS
   * planner trial, s53 H1: 袁州区 read 不达标 at 90.2 % with 袁州区人民医院, no grade given, 0.2 km from the seat and
   * 3.8 km from the gap): named, and whether counting them would close every gap (then the verdict is for review).
   */
  /** What a row a missing grade makes a review starts with (before its figures, which a short field may cut off). */
  ungradedReviewLead: (n: number) =>
    msg(
      `待核（${n} 所医院未填等级，补填后可能达标）：`,
      `For review (${counted(n, "hospital gives", "hospitals give")} no grade; with the grades it may pass): `,
    ),
  ungradedNotCounted: (
    names: readonly string[],
    minGrade: string,
    cite: string,
    radiusKm: number,
    wouldClose: boolean,
  ) => {
    const shown = names.slice(0, 8);
    const more =
      names.length > shown.length
        ? { zh: ` 等 ${names.length} 所`, en: ` (${names.length} in all)` }
        : { zh: "", en: "" };
    const grade = gradeLabel(minGrade);
    return msg(
      `；本县区医院 ${names.length} 所未填等级（${shown.join("、")}${more.zh}），未计为急救点（须${grade.zh}及以上，${cite}）${
        wouldClose
          ? `；各缺口均在其中一所的 ${radiusKm} km 内：若其达${grade.zh}即达标，待核，请补填等级`
          : "；即使计入仍有缺口，请补填等级"
      }`,
      `; not counted as EMS points: the county's ${counted(names.length, "hospital", "hospitals")} with no grade given (${shown.join(", ")}${more.en}; ${grade.en} or above needed, ${cite})${
        wouldClose
          ? `; every gap lies within ${radiusKm} km of one of them: if it is of ${grade.en} or above the county meets the rule, so for review; add the grades`
          : "; gaps would remain even with them; add the grades"
      }`,
    );
  },
  /**
   * The county's 120 command centres, which a radius rule does not count (a dispatch centre, not an EMS point): said
   * where the check fails, or the user reads the centre at the seat as lost (the GIS trial, s45 #8: 光山县 城区 55.0 %).
   */
  dispatchNotCounted: (n: number) =>
    msg(
      `；本县 120 急救指挥中心 ${n} 所为调度中枢，不计为急救点`,
      `; not counted as EMS points: the county's 120 command ${plural(n, "centre", "centres")} (${n}), ${plural(n, "a dispatch hub", "dispatch hubs")}`,
    ),
  stricterThanPlan: (chosenKm: number, planKm: number, cite: string) =>
    msg(
      `；所选半径 ${chosenKm} km 严于规划的 ${planKm} km（${cite}）：此为情景分析，不计为规划违规，待核`,
      `; the chosen ${chosenKm} km is stricter than the plan's ${planKm} km (${cite}): a scenario, not a breach of the plan; for review`,
    ),
  /**
   * A chosen radius stricter than the plan's, met: the plan's is met too, said so that the row's limit and the plan's
   * wording it quotes do not read as a contradiction (the reviewer trial, s55b M5: 「不超过 20 公里」 beside 「≤ 10 km」).
   */
  stricterMet: (chosenKm: number, planKm: number, cite: string) =>
    msg(
      `；所选半径 ${chosenKm} km 严于规划的 ${planKm} km（${cite}）：按所选半径达标，规划的 ${planKm} km 亦达标`,
      `; the chosen ${chosenKm} km is stricter than the plan's ${planKm} km (${cite}): met at the chosen radius, so at the plan's too`,
    ),
  /** A chosen radius above the plan's: a county within it is not shown to meet the plan. */
  looserThanPlan: (chosenKm: number, planKm: number, cite: string) =>
    msg(
      `；所选半径 ${chosenKm} km 宽于规划的 ${planKm} km（${cite}）：达标仅为情景分析，不代表满足规划，待核`,
      `; the chosen ${chosenKm} km is looser than the plan's ${planKm} km (${cite}): meeting it is a scenario, not the plan met; for review`,
    ),
  /**
   * A chosen radius above the plan's that still leaves a shortfall: it fails the plan's too, by more; the plan's own
   * figure where it was measured (a single limit: session-layers.ts).
   */
  looserFails: (
    chosenKm: number,
    planKm: number,
    cite: string,
    plan?: { coveredShare: number; uncoveredKm2: number },
  ) =>
    msg(
      `；所选半径 ${chosenKm} km 宽于规划的 ${planKm} km（${cite}），为情景分析：${plan ? `按规划的 ${planKm} km 覆盖率 ${fmtPct(plan.coveredShare)}，${fmtKm2(plan.uncoveredKm2)} km² 超出` : `按规划的 ${planKm} km 缺口更大`}`,
      `; the chosen ${chosenKm} km is looser than the plan's ${planKm} km (${cite}), a scenario: ${plan ? `at the plan's ${planKm} km ${fmtPct(plan.coveredShare)} is covered and ${fmtKm2(plan.uncoveredKm2)} km² is beyond` : `at the plan's ${planKm} km the shortfall is larger`}`,
    ),
  noArea: (area: "urban" | "rural") =>
    msg(`本县（区）按当前定义无${AREA[area].zh}`, `No ${AREA[area].en} in this county under the current definition`),
  result(
    area: "urban" | "rural",
    c: {
      radiusKm: number;
      coveredShare: number;
      uncoveredKm2: number;
      rings?: RingStat[];
      population?: { coveredShare: number; uncovered: number };
    },
  ): LocalizedText {
    const a = AREA[area];
    const p = c.population;
    const pop = p
      ? {
          zh: `；覆盖人口 ${fmtPct(p.coveredShare)}，${Math.round(p.uncovered)} 人在服务半径外`,
          en: `; ${fmtPct(p.coveredShare)} of the people covered, ${Math.round(p.uncovered)} beyond the radius`,
        }
      : { zh: "", en: "" };
    const ringsZh = (c.rings ?? []).map((r) => `${r.radiusKm} km 内 ${fmtPct(r.coveredShare)}`).join("，");
    const ringsEn = (c.rings ?? []).map((r) => `${fmtPct(r.coveredShare)} within ${r.radiusKm} km`).join(", ");
    if (c.uncoveredKm2 <= 0)
      return msg(
        `${a.zh}全部位于急救点 ${c.radiusKm} km 范围内${ringsZh ? `（${ringsZh}）` : ""}${pop.zh}`,
        `The whole ${a.en} lies within ${c.radiusKm} km of an EMS point${ringsEn ? ` (${ringsEn})` : ""}${pop.en}`,
      );
    return msg(
      `${a.zh}急救 ${c.radiusKm} km 覆盖率 ${fmtPct(c.coveredShare)}，${fmtKm2(c.uncoveredKm2)} km² 超出服务半径${ringsZh ? `（${ringsZh}）` : ""}${pop.zh}`,
      `${fmtPct(c.coveredShare)} of the ${a.en} lies within ${c.radiusKm} km of an EMS point; ${fmtKm2(c.uncoveredKm2)} km² is beyond the radius${ringsEn ? ` (${ringsEn})` : ""}${pop.en}`,
    );
  },
};

/**
 * A failing coverage check as one violation row of its county, naming the county (the row is read on its own in the
 * exports): the uncovered area and covered share as the county table shows them (0.1 km², 0.1 %, never 100.0 % while
 * some area is uncovered: `uncoveredKm2` and `coveredPct` are given rounded), the radius or time limit, the gaps and
 * the largest one.
 */
export const COVERAGE_SHORTFALL = {
  radius(
    county: LocalizedText,
    area: "urban" | "rural",
    c: { radiusKm: number; uncoveredKm2: number; coveredPct: number; gapCount: number; largestGapKm2?: number },
  ): LocalizedText {
    const a = AREA[area];
    const g = gapsText(c.gapCount, c.largestGapKm2);
    return msg(
      `${county.zh} ${a.zh} ${c.radiusKm} 公里急救服务半径外尚有 ${c.uncoveredKm2.toFixed(1)} km²（覆盖 ${c.coveredPct.toFixed(1)}%）${g.zh}`,
      `${county.en}: ${c.uncoveredKm2.toFixed(1)} km² of the ${a.en} lies beyond the ${c.radiusKm} km EMS service radius (${c.coveredPct.toFixed(1)}% covered)${g.en}`,
    );
  },
  travel(
    county: LocalizedText,
    c: {
      limitMinutes: number;
      meanMinutes: number | null;
      weighting: "area" | "population";
      uncoveredKm2: number;
      withinPct: number;
      gapCount: number;
      largestGapKm2?: number;
    },
  ): LocalizedText {
    const L = c.limitMinutes;
    const g = gapsText(c.gapCount, c.largestGapKm2);
    const over = c.weighting === "population" ? { zh: "人口", en: "people" } : { zh: "面积", en: "area" };
    const mean =
      c.meanMinutes === null
        ? { zh: "无可到达的急救点", en: "no EMS point can be reached" }
        : {
            zh: `平均急救行车时间 ${fmtMinutesOver(c.meanMinutes, L)} 分钟，超过 ${L} 分钟`,
            en: `mean EMS travel time ${fmtMinutesOver(c.meanMinutes, L)} min, over ${L} min`,
          };
    return msg(
      `${county.zh} ${mean.zh}；${L} 分钟外尚有 ${c.uncoveredKm2.toFixed(1)} km²（${L} 分钟内${over.zh} ${c.withinPct.toFixed(1)}%）${g.zh}`,
      `${county.en}: ${mean.en}; ${c.uncoveredKm2.toFixed(1)} km² beyond ${L} min (${c.withinPct.toFixed(1)}% of the ${over.en} within ${L} min)${g.en}`,
    );
  },
};

/** 「，3 处缺口，最大缺口 12.3 km²」 / ", 3 gaps, the largest 12.3 km²"; one gap is just counted. */
function gapsText(n: number, largestKm2: number | undefined): LocalizedText {
  if (n === 0 || largestKm2 === undefined) return msg("", "");
  if (n === 1) return msg("，1 处缺口", ", 1 gap");
  return msg(
    `，${n} 处缺口，最大缺口 ${largestKm2.toFixed(1)} km²`,
    `, ${n} gaps, the largest ${largestKm2.toFixed(1)} km²`,
  );
}

/** Minutes over a limit to 0.1, with more digits where 0.1 would read as the limit itself. */
function fmtMinutesOver(m: number, limit: number): string {
  const s = m.toFixed(1);
  return Number(s) <= limit ? m.toFixed(3) : s;
}

export const TRAVEL_TIME = {
  needsNetwork: (maxMinutes: number) =>
    msg(
      `平均急救反应时间（≤ ${maxMinutes} 分钟）需要路网数据才能计算：在“数据”页导入路网（GeoJSON、Shapefile 压缩包、.osm 或 .osm.pbf，如 Geofabrik 的中国 OSM 提取），或在命令行用 --roads 文件；直线半径仅为近似`,
      `Average response time (≤ ${maxMinutes} min) needs a road network: import one in the Data tab (GeoJSON, zipped Shapefile, .osm or .osm.pbf, e.g. a Geofabrik OSM extract of China), or give --roads FILE on the command line; a straight-line radius is only a proxy`,
    ),
  noArea: () => msg("本县（区）网格内没有面积，无法计算行车时间", "The county has no area on its grid: no travel time"),
  noRoads: (maxMinutes: number) =>
    msg(
      `平均急救反应时间（≤ ${maxMinutes} 分钟）无法计算：路网在本县（区）及周边 10 km 内没有一条有可用速度的道路（道路需有道路等级或 speed_kmh）；请导入覆盖本县（区）的路网`,
      `Average response time (≤ ${maxMinutes} min) cannot be computed: the road network has no road with a usable speed in or within 10 km of the county (a road needs a class or speed_kmh); import roads that cover it`,
    ),
  result(s: {
    limitMinutes: number;
    meanMinutes: number | null;
    shareWithinLimit: number;
    weighting: "area" | "population";
    sites: number;
    crossBorder: boolean;
    /** A district counts the city's network (every district's points and the city's hub: ems-network.ts). */
    district?: boolean;
  }): LocalizedText {
    const L = s.limitMinutes;
    const over = s.weighting === "population" ? { zh: "人口", en: "population" } : { zh: "面积", en: "area" };
    const net = s.crossBorder
      ? { zh: "，计入邻县急救点", en: ", neighbouring counties' points counted" }
      : s.district
        ? {
            zh: "，计本市各市辖区急救点及市级急救中心",
            en: ", every district's points and the city's EMS centre",
          }
        : { zh: "，仅计本县急救点", en: ", the county's own points only" };
    if (s.sites === 0 || s.meanMinutes === null)
      return msg(
        `无可到达的急救点，平均急救反应时间无法达到 ${L} 分钟以内${net.zh}`,
        `No EMS point can be reached: the average response time cannot be within ${L} min${net.en}`,
      );
    const mean = s.meanMinutes.toFixed(1);
    const meanShown = Number(mean) === L && s.meanMinutes !== L ? s.meanMinutes.toFixed(3) : mean;
    const verdict = s.meanMinutes <= L ? { zh: "不超过", en: "within" } : { zh: "超过", en: "over" };
    return msg(
      `按${over.zh}加权的平均急救行车时间 ${meanShown} 分钟，${verdict.zh} ${L} 分钟；${fmtPct(s.shareWithinLimit)} 的${over.zh}在 ${L} 分钟内（${s.sites} 个急救点${net.zh}；行车时间按路网估算，作反应时间的近似，不含接警、出车时间）`,
      `Mean EMS travel time weighted by ${over.en}: ${meanShown} min, ${verdict.en} ${L} min; ${fmtPct(s.shareWithinLimit)} of the ${over.en} within ${L} min (${s.sites} EMS points${net.en}; travel time on the road network, standing in for response time without call handling and turnout)`,
    );
  },
};

export const MIN_DISTANCE_OUTSIDE_URBAN = {
  noCandidates: () => msg("本县无次中心或中心乡镇卫生院", "No sub-centre or central THC in this county"),
  /**
   * One sub-centre's failure: too near the reference point, inside the urban area, or both. Opens with the county's
   * name as the EMS rows do (「南召县 …」 / "Nanzhao County: …"); in Chinese not twice when the facility's own name
   * already begins with it.
   */
  violation(
    county: LocalizedText,
    name: string,
    ref: keyof typeof REFERENCE_LABEL,
    f: { near: boolean; urban: boolean; distanceKm: number; limitKm: number },
  ): LocalizedText {
    const label = REFERENCE_LABEL[ref];
    const zh: string[] = [];
    const en: string[] = [];
    if (f.near) {
      zh.push(`距${label.zh} ${fmtKm(f.distanceKm, f.limitKm)} km，不足 ${f.limitKm} km`);
      en.push(`${fmtKm(f.distanceKm, f.limitKm)} km from the ${label.en}, less than ${f.limitKm} km`);
    }
    if (f.urban) {
      zh.push("位于城区内");
      en.push("inside the urban area");
    }
    const zhName = name.startsWith(county.zh) ? name : `${county.zh} ${name}`;
    return msg(`${zhName}：${zh.join("；")}`, `${county.en}: ${name}: ${en.join("; ")}`);
  },
  summary(
    ref: { kind: keyof typeof REFERENCE_LABEL; name: string },
    s: {
      violations: number;
      subCount: number;
      qualifying: number;
      limitKm: number;
      nearestKm?: number;
      /** The sub-centres that fail, by name: the county's line names them (the re-trial, s49b #2: only a count). */
      failing?: readonly string[];
    },
  ): LocalizedText {
    const label = REFERENCE_LABEL[ref.kind];
    const refZh = `以${ref.name}为${label.zh}`;
    const refEn = `reference point: ${ref.name}, ${label.en}`;
    // the measured figure on the county's line too: the nearest sub-centre's distance (never rounded onto the limit)
    const near =
      s.nearestKm === undefined
        ? { zh: "", en: "" }
        : {
            zh: `，最近者 ${fmtKm(s.nearestKm, s.limitKm)} km`,
            en: `; the nearest ${fmtKm(s.nearestKm, s.limitKm)} km`,
          };
    if (s.violations > 0) {
      const names = s.failing ?? [];
      const shown = names.slice(0, 5);
      const more = names.length - shown.length;
      return msg(
        `${s.violations} 所次中心不满足“城区之外、距县域医疗中心 ${s.limitKm} km 以上”（${refZh}${near.zh}）${shown.length > 0 ? `：${shown.join("、")}${more > 0 ? ` 等 ${names.length} 所` : ""}` : ""}`,
        `${counted(s.violations, "sub-centre fails", "sub-centres fail")} "outside the urban area and ≥ ${s.limitKm} km from the county medical centre" (${refEn}${near.en})${shown.length > 0 ? `: ${shown.join(", ")}${more > 0 ? ` and ${more} more` : ""}` : ""}`,
      );
    }
    // a pass gives its figure too: the nearest sub-centre's distance (the planner trial, s42-b: only the Word report
    // gave one)
    // (in the sub-centres' clause: beside the candidates it read as the nearest candidate's, the re-trial)
    const nearSub =
      s.nearestKm === undefined
        ? { zh: "", en: "" }
        : {
            zh: `（最近者距${label.zh} ${fmtKm(s.nearestKm, s.limitKm)} km）`,
            en: ` (the nearest ${fmtKm(s.nearestKm, s.limitKm)} km from the ${label.en})`,
          };
    return msg(
      `${s.subCount === 0 ? "本县无次中心" : `${s.subCount} 所次中心均满足要求${nearSub.zh}`}；${s.qualifying} 所中心乡镇卫生院符合选建条件（${refZh}）`,
      `${s.subCount === 0 ? "No sub-centre" : s.subCount === 1 ? `1 sub-centre, complying${nearSub.en}` : `${s.subCount} sub-centres, all complying${nearSub.en}`}; ${counted(s.qualifying, "central THC qualifies", "central THCs qualify")} as candidates (${refEn})`,
    );
  },
};

export const COUNT_BY_POPULATION_BAND = {
  perCountyNotForDistricts: () =>
    msg("003:143“各县(市)…1~2所”不含市辖区", `003:143 "each 县(市) … 1–2" does not cover districts (区)`),
  perCounty: () => msg("003:143 每县(市)", "003:143 per county"),
  needsPopulation: () =>
    msg("需要本县常住人口才能确定次中心数量档位", "Needs the county's resident population to pick the band"),
  bandNotStated: (pop: number) =>
    msg(
      `常住人口 ${pop.toLocaleString("en-US")} 人，规划未规定该人口档位（20万人以下）的次中心数量`,
      `Resident population ${pop.toLocaleString("en-US")}: the plan sets no sub-centre count for this band (under 200,000)`,
    ),
  band: (pop: number, wording: string) =>
    msg(
      `常住人口 ${pop.toLocaleString("en-US")} 人（${wording}）`,
      `resident population ${pop.toLocaleString("en-US")} (${wordingEn(wording)})`,
    ),
  /** A population the text puts in two bands: which one the tool uses, and what the other would allow. */
  boundary: (
    pop: number,
    used: { countMin: number; countMax: number },
    other: { countMin: number; countMax: number; wording: string },
  ) =>
    msg(
      `${wan(pop)}按文字同属两档（另见「${other.wording}」）；本工具按“下限含、上限不含”（与「100万人以上」含100万一致）归入 ${used.countMin}~${used.countMax} 所档，若按另一档应为 ${other.countMin}~${other.countMax} 所`,
      `${wan(pop)} is in two bands by the text (also ${wordingEn(other.wording)}); the tool reads bands lower-inclusive (as 「100万人以上」 includes 100万) and uses ${used.countMin}–${used.countMax}; the other band would allow ${other.countMin}–${other.countMax}`,
    ),
  readingLabel: (variant: "bands" | "per-county") =>
    variant === "bands"
      ? msg(
          "003:213 按常住人口分档（县(市、区)，可规划布局选建）",
          "003:213 population bands, per county, county-level city or district (县(市、区)); 「可规划布局选建」 (may be planned)",
        )
      : msg("003:143 各县(市)规划建设 1~2 所", "003:143 1–2 per county or county-level city (县(市))"),
  result(
    n: number,
    why: LocalizedText,
    range: [number, number],
    status: string,
    boundary?: LocalizedText,
    variant: "bands" | "per-county" = "bands",
  ): LocalizedText {
    // a shortfall for review in the plan's own words: 003:213 「可…选建」, 003:143 「规划建设…逐步」 (the re-trial, s50b L4)
    const soft = variant === "bands" ? "“可…选建”" : "“规划建设…逐步”";
    const softEn = variant === "bands" ? "「可…选建」" : "「规划建设…逐步」";
    const verdict =
      status === "pass"
        ? msg("", "")
        : n > range[1]
          ? msg("，超出规划数量", ": more than planned")
          : status === "review"
            ? variant === "bands"
              ? msg(`，少于档位下限（${soft}，待核）`, `: below the band (${softEn}: for review)`)
              : msg(`，少于规划数量（${soft}，待核）`, `: fewer than planned (${softEn}: for review)`)
            : msg("，数量不足", ": too few");
    return msg(
      `达标次中心 ${n} 所，${why.zh}应为 ${range[0]}~${range[1]} 所${verdict.zh}${boundary ? `；${boundary.zh}` : ""}`,
      `${counted(n, "qualifying sub-centre", "qualifying sub-centres")}; ${why.en} calls for ${range[0]}–${range[1]}${verdict.en}${boundary ? `; ${boundary.en}` : ""}`,
    );
  },
  summary(
    gov: { label: LocalizedText; status: string; message: LocalizedText },
    other: { label: LocalizedText; status: string; message: LocalizedText },
    notCounted: number,
    limitKm: number,
  ): LocalizedText {
    const nc = notCounted
      ? msg(
          `；另有 ${notCounted} 所次中心不满足 SUB-15KM（城区外、距县域医疗中心 ${limitKm} km 以上），未计入`,
          `; ${counted(notCounted, "sub-centre", "sub-centres")} failing SUB-15KM (outside the urban area, ≥ ${limitKm} km) not counted`,
        )
      : msg("", "");
    // the other reading's verdict, unless its sentence says it already (a review: 「（“可…选建”，待核）」 was followed by
    // 「（待核（可选建，不足不算违规））」, the re-trial s50b L4)
    const word = other.status === "review" ? undefined : STATUS_WORD[other.status];
    const tail =
      other.status === "review"
        ? msg("", "")
        : msg(`（${word?.zh ?? other.status}）`, ` (${word?.en ?? other.status})`);
    return msg(
      `【依据】${gov.label.zh}：${gov.message.zh}${nc.zh}。【另一读法】${other.label.zh}：${other.message.zh}${tail.zh}`,
      `[Governs] ${gov.label.en}: ${gov.message.en}${nc.en}. [Other reading] ${other.label.en}: ${other.message.en}${tail.en}`,
    );
  },
  /** What the SUB-COUNT cap allows a siting run in one county. */
  cap: (why: LocalizedText, range: [number, number], existing: number, maxNew: number) =>
    msg(
      `SUB-COUNT：${why.zh}应为 ${range[0]}~${range[1]} 所，已有达标次中心 ${existing} 所，最多新增 ${maxNew} 所`,
      `SUB-COUNT: ${why.en} calls for ${range[0]}–${range[1]}; ${counted(existing, "qualifying one exists", "qualifying ones exist")}, at most ${maxNew} new`,
    ),
  noRule: () => msg("所选规则集没有 SUB-COUNT，不限数量", "the rule set has no SUB-COUNT: no cap"),
  /**
   * No population to pick the band: the most any band allows caps the new ones, and both readings are said (the
   * planner trial, s40-a #4: three proposed for 唐河县 with only 「需要本县常住人口…」 beside them).
   */
  beyondPerCounty: (perCounty: [number, number]) =>
    msg(
      `超出每县(市) ${perCounty[0]}~${perCounty[1]} 所的读法（003:143），仅按人口档位（003:213）可设`,
      `beyond the per-county reading's ${perCounty[0]}–${perCounty[1]} (003:143); only the population bands (003:213) allow it`,
    ),
  capWithoutPopulation: (
    bands: [number, number],
    perCounty: [number, number] | undefined,
    existing: number,
    maxNew: number,
  ) =>
    msg(
      `SUB-COUNT：未提供本县常住人口，数量未能定档：按人口档位（003:213）为 ${bands[0]}~${bands[1]} 所${perCounty ? `，按每县(市)（003:143）为 ${perCounty[0]}~${perCounty[1]} 所` : ""}；已有达标次中心 ${existing} 所，新增至多 ${maxNew} 所（各档上限），请导入人口后定档`,
      `SUB-COUNT: no resident population for the county, so no band: the population bands (003:213) call for ${bands[0]}–${bands[1]}${perCounty ? `, the per-county reading (003:143) for ${perCounty[0]}–${perCounty[1]}` : ""}; ${counted(existing, "qualifying one exists", "qualifying ones exist")}, at most ${maxNew} new (the highest band's cap); import the population to pick the band`,
    ),
};

type Unit = keyof typeof UNIT_LABEL;

export const ONE_PER_UNIT = {
  needsDivisions: (unit: Unit) =>
    msg(
      `需要本县的${UNIT_LABEL[unit].zh}名录（区划代码）`,
      `Needs this county's list of ${UNIT_LABEL[unit].en}s (division codes)`,
    ),
  missing: (unitName: string, types: readonly FacilityType[]) =>
    msg(`${unitName}：无${typesZh(types)}`, `${unitName}: no ${typesNounEn(types).one}`),
  /** A unit whose only facilities of the type are private, where the rule counts public ones (004:437 公有产权). */
  missingPublic: (unitName: string, unit: Unit, types: readonly FacilityType[], privateNames: string[]) => {
    const own = unit === "village" ? { zh: "公有产权", en: "publicly owned" } : { zh: "政府办", en: "government-run" };
    return msg(
      `${unitName}：无${own.zh}${typesZh(types)}；有民营 ${privateNames.length} 所（${privateNames.join("、")}），不计`,
      `${unitName}: no ${own.en} ${typesNounEn(types).one}; ${counted(privateNames.length, "private one", "private ones")} (${privateNames.join(", ")}), not counted`,
    );
  },
  /** A unit whose only facilities do not say whether they are public, where the plan asks for public ones. */
  ownershipUnknown: (unitName: string, unit: Unit, types: readonly FacilityType[], names: string[]) => {
    const own = unit === "village" ? { zh: "公有产权", en: "publicly owned" } : { zh: "政府办", en: "government-run" };
    return msg(
      `${unitName}：有${typesZh(types)}（${names.join("、")}），但所有制未填，是否${own.zh}待核`,
      `${unitName}: has ${article(typesNounEn(types).one)} ${typesNounEn(types).one} (${names.join(", ")}) whose ownership is not given: whether ${own.en} is for review`,
    );
  },
  /**
   * A unit whose only facilities of the kind are in rows of the list refused for their position (no coordinates, or
   * none readable): for review, naming the rows (the reviewer trial: 彭营镇 read 「无乡镇卫生院」, row 23 unnamed).
   * `where`: the unit's kind and its county's name, for rows kept with the county though they lie outside it
   * ("outside-stated-county": 「瓦屋镇：清单第 12 行“瓦屋镇卫生院”所填乡镇即此处，但坐标在所填县区鲁山县之外 15.9 km，…」).
   */
  refused: (
    unitName: string,
    rows: ReadonlyArray<{
      row: number;
      name: string;
      reason: string;
      liesIn?: { name: string };
      outsideKm?: number;
      countyFromUnit?: boolean;
    }>,
    where?: { unit: Unit; county: string },
  ): LocalizedText => {
    // rows kept with this county that lie more than 2 km outside it (the user re-trial: 瓦屋镇卫生院 15.9 km into
    // 南召县): not counted here, for review; said apart from the others a unit may have
    const outside = rows.filter((r) => r.reason === "outside-stated-county");
    if (outside.length > 0) {
      const what = UNIT_LABEL[where?.unit ?? "township"].zh;
      const whatEn = UNIT_LABEL[where?.unit ?? "township"].en;
      const county = where?.county ?? "本县";
      const countyEn = where?.county ?? "this county";
      const listZh = outside
        .map(
          (r, i) =>
            `${i === 0 ? "" : "、"}第 ${r.row} 行“${r.name}”${outside.length > 1 && kmText(r) ? `（${kmText(r)}）` : ""}`,
        )
        .join("");
      const listEn = outside
        .map((r) => `${r.row} ("${r.name}"${outside.length > 1 && kmText(r) ? `, ${kmText(r)}` : ""})`)
        .join(", ");
      const far = outside.length === 1 && kmText(outside[0]) ? ` ${kmText(outside[0])}` : "";
      // (rows that state no county lie in none of the loaded counties: the county is their unit's, not "stated")
      const stated = outside.some((r) => !r.countyFromUnit);
      const own = msg(
        `${unitName}：清单${listZh}所填${what}即此处，但坐标在${stated ? "所填县区" : ""}${county}之外${far}，未计入；待核（请核对坐标或${what}后重新导入）`,
        `${unitName}: ${plural(outside.length, "row", "rows")} ${listEn} of the list ${plural(outside.length, "names", "name")} this ${whatEn} but ${plural(outside.length, "lies", "lie")}${far} outside ${stated ? `${plural(outside.length, "its", "their")} stated county ` : ""}${countyEn}; not counted, for review (check the coordinates or the ${whatEn} and import the list again)`,
      );
      const rest = rows.filter((r) => r.reason !== "outside-stated-county");
      if (rest.length === 0) return own;
      // the other rows naming the unit, each as it reads alone, after the unit's name
      const more = ONE_PER_UNIT.refused(unitName, rest);
      const tail = (t: string, sep: string) => t.slice(t.indexOf(sep) + sep.length);
      return msg(`${own.zh}；${tail(more.zh, "：")}`, `${own.en}; ${tail(more.en, ": ")}`);
    }
    // rows kept where they lie, in another county, whose own township or village is this unit's (the user trial,
    // s46-a #3): not refused, not counted here, for review
    const away = rows.filter((r) => r.reason === "unit-elsewhere");
    if (away.length === rows.length) {
      const listZh = away.map((r, i) => `${i === 0 ? "" : "、"}第 ${r.row} 行“${r.name}”`).join("");
      const listEn = away.map((r) => `${r.row} ("${r.name}")`).join(", ");
      const whereZh = [...new Set(away.map((r) => r.liesIn?.name ?? "他县"))].join("、");
      const whereEn = [...new Set(away.map((r) => r.liesIn?.name ?? "another county"))].join(", ");
      // one row: how far outside this county it lies, where known
      const far = away.length === 1 && kmText(away[0]) ? kmText(away[0]) : "";
      const farZh = far ? `（距${where?.county ?? "本县"}边界 ${far}）` : "";
      const farEn = far ? `, ${far} outside ${where?.county ?? "this county"}` : "";
      return msg(
        `${unitName}：清单${listZh}所填乡镇、行政村即此处，但坐标在${whereZh}境内${farZh}，未计入；待核（请核对坐标或乡镇后重新导入）`,
        `${unitName}: ${plural(away.length, "row", "rows")} ${listEn} of the list ${plural(away.length, "names", "name")} it but ${plural(away.length, "lies", "lie")} in ${whereEn}${farEn}; not counted, for review (check the coordinates or the township and import the list again)`,
      );
    }
    const missing = rows.every((r) => r.reason === "missing-coordinate");
    const listZh = rows.map((r, i) => `${i === 0 ? "" : "、"}第 ${r.row} 行“${r.name}”`).join("");
    const listEn = rows.map((r) => `${r.row} ("${r.name}")`).join(", ");
    return msg(
      `${unitName}：清单${listZh}因${missing ? "缺坐标" : "坐标缺失或有误"}被拒收，未计入；请${missing ? "补坐标" : "更正坐标"}后重新导入`,
      `${unitName}: ${plural(rows.length, "row", "rows")} ${listEn} of the list ${plural(rows.length, "was", "were")} refused for ${missing ? "missing coordinates" : "missing or unreadable coordinates"} and not counted; ${missing ? "add the coordinates" : "correct the coordinates"} and import the list again`,
    );
  },
  several: (unitName: string, types: readonly FacilityType[], names: string[]) =>
    msg(
      `${unitName}：有 ${names.length} 所${typesZh(types)}（${names.join("、")}），请核查`,
      `${unitName}: ${names.length} ${typesNounEn(types).many} (${names.join(", ")}); please review`,
    ),
  smallStreet: (name: string, pop: number, below: number, stations: number) =>
    msg(
      `${name}：无社区卫生服务中心；常住 ${pop.toLocaleString("en-US")} 人，不足 ${wan(below)}，按 002:191 可设社区卫生服务站（现有 ${stations} 所），待核`,
      `${name}: no community health service centre; ${pop.toLocaleString("en-US")} residents, under ${below.toLocaleString("en-US")}, so 002:191 allows a station instead (${stations} present): for review`,
    ),
  stationUnknownPopulation: (name: string, below: number) =>
    msg(
      `${name}：无社区卫生服务中心，有社区卫生服务站；街道人口不足 ${wan(below)} 时 002:191 允许以站代替，需街道人口核定`,
      `${name}: a station but no centre; 002:191 allows that for a street under ${below.toLocaleString("en-US")} residents: the street's population decides`,
    ),
  largeStreet: (name: string, pop: number, centres: number, per: number) =>
    msg(
      `${name}：常住 ${pop.toLocaleString("en-US")} 人，仅 ${centres} 所社区卫生服务中心；002:189「或3-10万居民」设置 1 所，超过 ${wan(per)}/所，待核`,
      `${name}: ${pop.toLocaleString("en-US")} residents and ${counted(centres, "centre", "centres")}; 002:189 plans one per 30,000–100,000 residents, more than ${per.toLocaleString("en-US")} per centre: for review`,
    ),
  /** A lacking unit's note where facilities with no unit code may stand in it. */
  uncodedMayBeHere: (n: number, unit: Unit) =>
    msg(
      `本县另有 ${n} 所未定${UNIT_LABEL[unit].zh}（未填代码或名称未匹配），可能即在此，待核`,
      `${counted(n, "facility of the county has", "facilities of the county have")} no known ${UNIT_LABEL[unit].en} (no code, or a name that matched none) and may stand here: for review`,
    ),
  /**
   * A lacking village that may host a THC whose village is not given (004:437 / 002:193 exempt a THC's village): `n`
   * such THCs in its township (`inTownship`) or anywhere in the county.
   */
  /**
   * `refusedRows`: those of the `n` centres whose rows were refused for their position (so their village is not known
   * either); `minPopulation`: the plan exempts a THC's village only below it (004:437 「800人口以上的行政村」 must have one).
   */
  mayHostThc: (
    n: number,
    inTownship: boolean,
    lacking: number,
    refusedRows: ReadonlyArray<{ row: number; elsewhere: boolean }> = [],
    minPopulation?: number,
    /** Of the `n`, the planner's proposed centres, whose village the Plan tab can choose. */
    planned = 0,
  ) => {
    const sure = Math.max(0, lacking - n);
    // rows refused for their coordinates, and rows kept where they lie in another county (not refused: the re-trial,
    // s49b #4, read 「因坐标被拒收」 beside the import's 「拒收 0」)
    const refused = refusedRows.filter((r) => !r.elsewhere).map((r) => r.row);
    const away = refusedRows.filter((r) => r.elsewhere).map((r) => r.row);
    const partsZh = [
      ...(planned > 0 ? [`规划新增 ${planned} 所，可在“规划”中选其所在行政村`] : []),
      ...(refused.length ? [`第 ${refused.join("、")} 行因坐标被拒收`] : []),
      ...(away.length ? [`第 ${away.join("、")} 行坐标在他县、未计入`] : []),
    ];
    const partsEn = [
      ...(planned > 0 ? [`${planned} proposed, whose village the Plan tab can choose`] : []),
      ...(refused.length
        ? [
            `${plural(refused.length, "row", "rows")} ${refused.join(", ")} refused for ${plural(refused.length, "its", "their")} coordinates`,
          ]
        : []),
      ...(away.length
        ? [`${plural(away.length, "row", "rows")} ${away.join(", ")} lying in another county, not counted`]
        : []),
    ];
    const rowsZh = partsZh.length ? `（含${partsZh.join("，")}）` : "";
    const rowsEn = partsEn.length ? ` (${partsEn.join("; ")} among them)` : "";
    const unless =
      minPopulation === undefined
        ? { zh: "", en: "" }
        : {
            zh: `（所在村不足 ${minPopulation} 人时免设）`,
            en: ` (exempt if under ${minPopulation} people)`,
          };
    return msg(
      `${inTownship ? "本乡镇" : "本县"}有 ${n} 所乡镇卫生院未填行政村代码${rowsZh}，本村可能即其所在村而免设${unless.zh}，待核${sure > 0 ? `（${inTownship ? "本乡镇" : "本县"}缺的 ${lacking} 个村中至少 ${sure} 个确缺，补全卫生院的村代码后可定）` : ""}`,
      `${counted(n, inTownship ? "township health centre of its township gives" : "township health centre of the county gives", inTownship ? "township health centres of its township give" : "township health centres of the county give")} no village code${rowsEn}: this village may host one and be exempt${unless.en}; for review${sure > 0 ? ` (at least ${sure} of the ${lacking} lacking villages ${inTownship ? "of its township" : "of the county"} surely ${plural(sure, "lacks", "lack")} one; the centres' village codes would tell which)` : ""}`,
    );
  },
  /** `kind`: the county-level unit's kind, for its own word (本区 / 本市 / 本县: the reviewer trial read 本县 for 卫东区). */
  noUnits: (unit: Unit, kind: "county" | "city" | "district" = "county") =>
    msg(
      `${{ county: "本县", city: "本市", district: "本区" }[kind]}无需核查的${UNIT_LABEL[unit].zh}`,
      `No ${UNIT_LABEL[unit].en} to check in this ${{ county: "county", city: "county-level city", district: "district" }[kind]}`,
    ),
  summary(
    unit: Unit,
    types: readonly FacilityType[],
    s: {
      units: number;
      satisfied: number;
      missing: number;
      unassigned: number;
      /** Units lacking a facility that no uncoded facility can account for. */
      surelyMissing: number;
      exemptUnits: number;
      shared: number;
      reviews: number;
      needPopulation: number;
      noneAtAll: boolean;
      /** Units whose facilities do not say whether they are public (counted neither as having one nor as lacking). */
      ownershipUnknown?: number;
      /** No facility of the kinds gives its ownership (the list has no such column): said once, no row per unit. */
      noOwnershipData?: boolean;
      /** The rule counts public facilities only: the count says so (「有公有产权村卫生室」). */
      publicOnly?: boolean;
      /** THCs with no village code, whose villages the plan's exemption cannot be applied to. */
      thcVillageUnknown?: number;
      /** Lacking villages that may host one of those THCs (in its township, or anywhere for one with no township). */
      mayBeExempt?: number;
      /** Lacking units whose facility is in a row of the list refused for its position (for review). */
      refused?: number;
      /**
       * Of those, units named by a row that lies in another county (reason "unit-elsewhere", for review too): said
       * apart, not as refused for its coordinates.
       */
      elsewhere?: number;
      /**
       * Of those, units named by a row kept with this county that lies more than 2 km outside it (reason
       * "outside-stated-county", for review too): said apart, not as refused for its coordinates.
       */
      outside?: number;
    },
  ): LocalizedText {
    const label = UNIT_LABEL[unit];
    // the kind counted, in the plans' words where only public ones count (the reviewer trial: 「265 个有村卫生室」
    // counted publicly owned clinics only, and 168 villages had a private one)
    const own = !s.publicOnly
      ? { zh: "", en: "" }
      : unit === "village"
        ? { zh: "公有产权", en: "publicly owned " }
        : unit === "street"
          ? // what is counted: every centre not private, 公建民营 ones too (001:301 「政府举办或公建民营」; the audit, s50
            // L-4: 「政府办」 was said of a count that held them)
            { zh: "公立", en: "public " }
          : { zh: "", en: "" };
    const noun = typesNounEn(types).one;
    const parts: LocalizedText[] = [
      msg(
        `${s.units} 个${label.zh}中 ${s.satisfied} 个有${own.zh}${typesZh(types)}，${s.missing} 个缺`,
        // none in words, not 「0 of 1 sub-district have」 (the trial, s51 #5)
        `${s.satisfied === 0 ? `None of the ${s.units} ${plural(s.units, label.en, `${label.en}s`)} ${plural(s.units, "has", "have")}` : `${s.satisfied} of ${s.units} ${plural(s.units, label.en, `${label.en}s`)} ${plural(s.satisfied, "has", "have")}`} ${article(`${own.en}${noun}`)} ${own.en}${noun}, ${s.missing} ${plural(s.missing, "lacks", "lack")} one`,
      ),
    ];
    if (s.ownershipUnknown && s.noOwnershipData)
      parts.push(
        msg(
          `${s.ownershipUnknown} 个有${typesZh(types)}但清单未填所有制：是否${own.zh || "公立"}需补所有制数据`,
          `${s.ownershipUnknown} ${plural(s.ownershipUnknown, "has", "have")} ${plural(s.ownershipUnknown, `${article(noun)} ${noun}`, `${noun}s`)} but the list gives no ownership: whether ${own.en.trim() || "public"} needs the ownership data`,
        ),
      );
    else if (s.ownershipUnknown)
      parts.push(
        msg(
          `${s.ownershipUnknown} 个的${typesZh(types)}所有制未填，待核`,
          `${s.ownershipUnknown} ${plural(s.ownershipUnknown, "has", "have")} ${plural(s.ownershipUnknown, `${article(noun)} ${noun}`, `${noun}s`)} whose ownership is not given: for review`,
        ),
      );
    if (s.noneAtAll)
      parts.push(
        msg(`本县数据中没有任何${typesZh(types)}`, `the county has no ${typesNounEn(types).one} at all in the data`),
      );
    if (s.shared)
      parts.push(
        msg(
          // of those that have one (the re-trial, s46: 「20 个缺；其中 2 个由相邻村合建…」 read as among the lacking), and
          // from the villages a row names, a 服务行政村 column or a joint 所属村 cell
          `有的 ${s.satisfied} 个中 ${s.shared} 个由相邻村合建的中心村卫生室服务（依清单所填的所属村或服务行政村，003:219）`,
          `${s.shared} of the ${s.satisfied} that have one ${plural(s.shared, "is", "are")} served by a clinic shared with adjacent villages (the villages the list's rows name, 003:219)`,
        ),
      );
    if (s.exemptUnits)
      parts.push(
        msg(
          `${s.exemptUnits} 个乡镇卫生院所在村免设`,
          `${counted(s.exemptUnits, "village hosting a THC is", "villages hosting a THC are")} exempt`,
        ),
      );
    if (s.needPopulation)
      parts.push(
        msg(
          `${s.needPopulation} 个乡镇卫生院所在村需村人口（800 人以上者仍须设，004:437）`,
          `${counted(s.needPopulation, "village hosting a THC needs its", "villages hosting a THC need their")} population (800+ still need one, 004:437)`,
        ),
      );
    if (s.thcVillageUnknown)
      parts.push(
        s.mayBeExempt
          ? msg(
              `${s.thcVillageUnknown} 所乡镇卫生院未填行政村代码，其所在村免设：缺的村中至多 ${s.mayBeExempt} 个可能为其所在村（待核），${s.surelyMissing} 个确缺`,
              `${counted(s.thcVillageUnknown, "THC gives", "THCs give")} no village code, and a THC's own village is exempt: up to ${s.mayBeExempt} of the lacking villages may be such a village (for review), ${s.surelyMissing} surely ${plural(s.surelyMissing, "lacks", "lack")} one`,
            )
          : msg(
              `${s.thcVillageUnknown} 所乡镇卫生院未填行政村代码，其所在村的免设未能适用（缺的村中可能有免设者）`,
              `${counted(s.thcVillageUnknown, "THC gives", "THCs give")} no village code, so the exemption of ${plural(s.thcVillageUnknown, "its village", "their villages")} could not be applied (a lacking village may be exempt)`,
            ),
      );
    const byPosition = (s.refused ?? 0) - (s.elsewhere ?? 0) - (s.outside ?? 0);
    if (byPosition > 0)
      parts.push(
        msg(
          `缺的${label.zh}中 ${byPosition} 个的${typesZh(types)}在清单中因坐标问题被拒收，待核（补坐标后重新导入）`,
          `${counted(byPosition, `lacking ${label.en} has its`, `lacking ${label.en}s have their`)} ${noun} in a row of the list refused for its coordinates: for review (add them and import again)`,
        ),
      );
    if (s.elsewhere)
      parts.push(
        msg(
          `缺的${label.zh}中 ${s.elsewhere} 个由清单中坐标在他县的行（所填乡镇、行政村属本县）指名，待核（核对坐标或乡镇）`,
          `${counted(s.elsewhere, `lacking ${label.en} is`, `lacking ${label.en}s are`)} named by a row of the list that lies in another county: for review (check its coordinates or township)`,
        ),
      );
    if (s.outside)
      parts.push(
        msg(
          `缺的${label.zh}中 ${s.outside} 个由清单中坐标在所填县区之外的行（所填${label.zh}属本县）指名，未计入，待核（核对坐标或${label.zh}）`,
          `${counted(s.outside, `lacking ${label.en} is`, `lacking ${label.en}s are`)} named by a row of the list that lies outside its stated county: not counted, for review (check its coordinates or ${label.en})`,
        ),
      );
    if (s.reviews) parts.push(msg(`${s.reviews} 处待核`, `${s.reviews} for review`));
    if (s.unassigned)
      parts.push(
        msg(
          `另有 ${s.unassigned} 所未定${label.zh}（未填代码或名称未匹配），无法归属`,
          `${counted(s.unassigned, "facility has", "facilities have")} no known ${label.en} (no code, or a name that matched none) and could not be assigned`,
        ),
      );
    if (s.unassigned && s.missing)
      parts.push(
        s.surelyMissing > 0
          ? msg(
              `它们可能就在缺的${label.zh}中：至少 ${s.surelyMissing} 个确缺；补全${label.zh}代码后逐个核查`,
              `they may stand in lacking ${label.en}s: at least ${s.surelyMissing} surely ${plural(s.surelyMissing, "lacks", "lack")} one; give the ${label.en} codes to check each`,
            )
          : msg(
              `缺的 ${s.missing} 个${label.zh}可能都由它们承担：补全${label.zh}代码后方能核查`,
              `they may stand in all ${s.missing} lacking ${plural(s.missing, label.en, `${label.en}s`)}: the ${label.en} codes are needed to check`,
            ),
      );
    return msg(parts.map((p) => p.zh).join("；"), parts.map((p) => p.en).join("; "));
  },
};

export const REQUIRED_SET = {
  belowGrade: (name: string, grade: string | undefined, minGrade: string | undefined) =>
    msg(
      // the grade in words, as the people's-hospital check writes it (the user trial, s47: 「等级 2B」 beside 「二级乙等」)
      `${name}：等级${grade ? ` ${gradeLabel(grade).zh}` : "未知"}，未达${minGrade ? gradeLabel(minGrade).zh : ""}`,
      `${name}: ${grade ? gradeLabel(grade).en : "grade unknown"}, below ${minGrade ? gradeLabel(minGrade).en : "the required grade"}`,
    ),
  gradeUnknown: (name: string, minGrade: string | undefined) =>
    msg(
      `${name}：等级未填，无法判断是否达${minGrade ? gradeLabel(minGrade).zh : "所需等级"}`,
      `${name}: no grade given, so whether it reaches ${minGrade ? `grade ${minGrade}` : "the required grade"} cannot be judged`,
    ),
  /**
   * `cityRun`: the city's hospitals of the kind standing in the district, which are not the district's own;
   * `privateOnes`: the county's hospitals of the kind that are private, named so that the verdict says why (s51b).
   */
  missingKind: (kind: HospitalKind, cityRun: readonly string[] = [], privateOnes: readonly string[] = []) =>
    msg(
      `缺公立${HOSPITAL_KIND_LABELS[kind].zh}${privateOnes.length ? `；${privateOnes.join("、")}为民营，不计` : ""}${cityRun.length ? `；${cityRun.join("、")}为市办，不计为本区所办` : ""}`,
      `No public ${labelMidSentence(HOSPITAL_KIND_LABELS[kind].en)}${privateOnes.length ? `; ${privateOnes.join(", ")} ${privateOnes.length === 1 ? "is" : "are"} private, not counted` : ""}${cityRun.length ? `; ${cityRun.join(", ")} ${cityRun.length === 1 ? "is" : "are"} the city's, not the district's own` : ""}`,
    ),
  /** A district, where the plan's target names counties only (the rule's `districtShortfall`). */
  districtNote: (s: { wording: LocalizedText; cite: string }) =>
    msg(
      `本区为市辖区：规划写「${s.wording.zh}」（${s.cite}），未明言市辖区，待核`,
      `a district: the plan says 「${s.wording.zh}」 (${s.wording.en}, ${s.cite}), which does not name districts: for review`,
    ),
  /** The hospitals a kind was met by whose ownership the list does not give, counted as public. */
  assumedPublic: (names: readonly string[]) =>
    msg(
      `${names.join("、")}所有制未填，按公立计`,
      `the ownership of ${names.join(", ")} is not given: counted as public`,
    ),
  /** The county's private hospitals of a kind it lacks a public one of, on the county's line. */
  privateLeftOut: (names: readonly string[]) =>
    msg(
      `${names.join("、")}为民营，不计`,
      `${names.join(", ")} ${names.length === 1 ? "is" : "are"} private, not counted`,
    ),
  /** `ungraded`: kinds present only with hospitals that give no grade (neither met nor short). */
  summary(required: readonly HospitalKind[], minGrade: string | undefined, met: number, ungraded = 0): LocalizedText {
    const namesZh = required.map((k) => HOSPITAL_KIND_LABELS[k].zh).join("、");
    const namesEn = required.map((k) => labelMidSentence(HOSPITAL_KIND_LABELS[k].en)).join(", ");
    return msg(
      // (the ungraded kinds are among those not met: 「另 3 类」 beside 「具备 0/3」 read as six kinds, the user trial s52 L3)
      `${namesZh}${minGrade ? `（${gradeLabel(minGrade).zh}及以上）` : ""}：具备 ${met}/${required.length}${ungraded ? `；未具备的 ${required.length - met} 类中 ${ungraded} 类有医院但未填等级，无法判定` : ""}`,
      `${namesEn}${minGrade ? ` (grade ${minGrade} or above)` : ""}: ${met} of ${required.length} present${ungraded ? `; of the ${required.length - met} not met, ${ungraded} ${ungraded === 1 ? "has" : "have"} a hospital with no grade given, which cannot be judged` : ""}`,
    );
  },
};

export const SHARE_OF_TYPE = {
  none: () => msg("本县无乡镇卫生院", "No township health centre in this county"),
  result: (num: number, all: number, share: number, target: number, tolerance: number) =>
    msg(
      `中心乡镇卫生院 ${num}/${all} = ${fmtPct(share)}，目标约 ${fmtPct(target)}（±${fmtPct(tolerance)}）`,
      `Central THCs ${num}/${all} = ${fmtPct(share)}; target about ${fmtPct(target)} (±${fmtPct(tolerance)})`,
    ),
};

export const NO_NEW_IN_URBAN = {
  violation: (name: string) =>
    msg(`拟建综合医院「${name}」位于主城区内`, `Proposed general hospital "${name}" lies inside the main urban area`),
  result: (bad: number, proposed: number) =>
    bad > 0
      ? msg(
          `${bad} 所拟建综合医院位于主城区内`,
          `${counted(bad, "proposed general hospital", "proposed general hospitals")} inside the main urban area`,
        )
      : msg(
          `拟建综合医院 ${proposed} 所，均不在主城区内`,
          `${counted(proposed, "proposed general hospital", "proposed general hospitals")}, none inside the main urban area`,
        ),
};

type TierExtras = {
  points?: { count: number; types: readonly FacilityType[] };
  /** The county's own 急救站, said with the 急救点 (the planner trial, s54d M1: a 120 centre's 5 stations unsaid). */
  stations?: number;
  foreign: number;
  radiusStated: boolean;
};

function tierExtras(x?: TierExtras): LocalizedText {
  if (!x) return msg("", "");
  const zh: string[] = [];
  const en: string[] = [];
  const stations = x.stations ?? 0;
  if (x.points) {
    zh.push(
      `本县急救网络另有${stations ? `急救站 ${stations} 个、` : ""}急救点 ${x.points.count} 个（${typesZh(x.points.types)}，002:201）`,
    );
    en.push(
      `the county's network also has ${stations ? `${counted(stations, "EMS station", "EMS stations")} and ` : ""}${x.points.count} 急救点 (${typesEn(x.points.types)}, 002:201)`,
    );
  } else if (stations) {
    zh.push(`本县急救网络另有急救站 ${stations} 个`);
    en.push(`the county's network also has ${counted(stations, "EMS station", "EMS stations")}`);
  }
  if (!x.radiusStated) {
    zh.push("本规划未规定急救服务半径，覆盖不作核查");
    en.push("the plan states no EMS service radius, so coverage is not judged");
  }
  if (x.foreign) {
    zh.push(`境内有 ${x.foreign} 个登记属其他县的急救站（仅供参考）`);
    en.push(
      `${counted(x.foreign, "station registered to another county lies", "stations registered to another county lie")} here (information only)`,
    );
  }
  return zh.length ? msg(`；${zh.join("；")}`, `; ${en.join("; ")}`) : msg("", "");
}

export const TIERS = {
  /** `district`: the unit is a 市辖区 (「本区」); several hubs are named by the first, 「等」 (the re-trial: 「15 所（宜春市紧急医疗救援中心）」). */
  own: (name: string, n: number, types: readonly FacilityType[], x?: TierExtras, district = false) =>
    msg(
      `有本${district ? "区" : "县"}${typesZh(types)} ${n} 所（${name}${n > 1 ? " 等" : ""}）${tierExtras(x).zh}`,
      `${n === 1 ? "its own hub" : `${n} hubs of its own`}, ${typesEn(types)} (${name}${n > 1 ? " and others" : ""})${tierExtras(x).en}`,
    ),
  /** `cite`: the rule's own line naming the city's hub (003:61 for Nanyang, 004:439 for Yichun, 002:201 for Nangong). */
  servedByCity: (hub: string, cite: string | undefined, x?: TierExtras) =>
    msg(
      `市辖区由市级急救中枢服务：${hub}${cite ? `（${cite}）` : ""}${tierExtras(x).zh}`,
      `a district served by the city's hub: ${hub}${cite ? ` (${cite})` : ""}${tierExtras(x).en}`,
    ),
  /** The hub stands at the hospital the plan sets it at (002:201). */
  hosted: (host: string, cite: string) => msg(`，依托${host}（${cite}）`, `, based at ${host} (${cite})`),
  /** The network's other points, the radius the plan does not state, other counties' stations: after the hub's words. */
  extras: tierExtras,
  /**
   * No hub stands at the plan's hospital: the nearest such hospital's distance, or none in the list (002:201
   * 「依托南宫市人民医院设立市急救中心」).
   */
  notHosted: (hub: string, host: string, cite: string, km: number | undefined) =>
    msg(
      `${hub}未见依托${host}（${cite}）：${km === undefined ? `清单中没有${host}` : `清单中的${host}距它 ${km.toFixed(1)} 公里`}，待核`,
      `${hub} is not seen at ${host} (${cite}): ${km === undefined ? `the list has no ${host}` : `the list's ${host} is ${km.toFixed(1)} km from it`}; for review`,
    ),
  noCityHub: (countyName: LocalizedText, types: readonly FacilityType[], x?: TierExtras) =>
    msg(
      `${countyName.zh}无本区急救中枢，市辖区内也无${typesZh(types)}${tierExtras(x).zh}`,
      `${countyName.en} has no hub of its own and no ${typesEn(types)} stands in any of the city's districts${tierExtras(x).en}`,
    ),
  missing: (countyName: LocalizedText, types: readonly FacilityType[], x?: TierExtras) =>
    msg(
      `${countyName.zh}无${typesZh(types)}${tierExtras(x).zh}`,
      `${countyName.en} has no ${typesEn(types)}${tierExtras(x).en}`,
    ),
};

/** The facility types' Chinese labels as a list in a sentence (「乡镇卫生院、社区卫生服务中心」). */
const typesListZh = (types: readonly FacilityType[]) => types.map((t) => FACILITY_TYPE_LABELS[t].zh).join("、");

/**
 * What an EMS siting counted as existing coverage, said by the app's Suggest tab and the CLI's `suggest` alike: the
 * points of the county's network and, where the plan makes other facilities 急救点 (002:201), how many of them are
 * those (the user trial: 南宫's suggestion counted its 6 stations alone, not its 16 THCs and CHCs).
 */
export const SITING_NETWORK = {
  /**
   * `planned`: how many of the `n` are the plan's proposed sites, not yet built: said, so that the coverage before
   * is not read as today's (the user trial, s50 M3: 「现有急救点 11 个」 held the planner's 2 proposed stations).
   */
  existing: (
    n: number,
    types: readonly FacilityType[],
    points?: { count: number; types: readonly FacilityType[]; cite: string },
    planned = 0,
  ) => {
    const base = points
      ? msg(
          `现有急救点 ${n} 个计为已覆盖（含按 ${points.cite} 设立急救点的${typesListZh(points.types)} ${points.count} 个）`,
          `${counted(n, "existing EMS point", "existing EMS points")} counted as covering already, including ${points.count} made 急救点 by ${points.cite} (${typesEn(points.types)})`,
        )
      : msg(
          `现有急救点 ${n} 个计为已覆盖（${typesListZh(types)}）`,
          `${counted(n, "existing EMS point", "existing EMS points")} counted as covering already (${typesEn(types)})`,
        );
    return planned > 0
      ? msg(
          `${base.zh}；其中 ${planned} 个为规划新增站点（尚未建成），“选址前”的覆盖率含其覆盖，并非现状`,
          `${base.en}; ${planned} of them ${planned === 1 ? "is a proposed site" : "are proposed sites"} of the plan, not yet built, so the coverage before includes ${planned === 1 ? "its cover" : "their cover"} and is not today's`,
        )
      : base;
  },
};

/** The figures of a travel-time siting measured as EMS-TIME measures them (siting/verify.ts `TravelCheck`). */
export interface TravelCheckFigures {
  cellSizeM: number;
  limitMinutes: number;
  /** What the mean and the shares are taken over, as the check: cell area, or the people of a population raster. */
  weighting: "area" | "population";
  /** Mean minutes to the nearest EMS point (平均急救行车时间), before and after; null where no cell is reached. */
  meanMinutesBefore: number | null;
  meanMinutesAfter: number | null;
  /** Share of the area (or the people) within the limit, before and after. */
  shareWithinBefore: number;
  shareWithinAfter: number;
}

/**
 * A travel-time siting as EMS-TIME will measure it (siting/verify.ts `TravelCheck`), said by the app's Suggest tab and
 * the CLI's `suggest` alike: the mean time the rule judges, before → after, and the share within the limit, over
 * people or area as the check weights (the re-trial, s44: minutes-mode Suggest never said the mean).
 */
export const SITING_TRAVEL_CHECK = {
  line: (c: TravelCheckFigures) => {
    const over = c.weighting === "population" ? { zh: "人口", en: "people" } : { zh: "面积", en: "area" };
    const m = (x: number | null) => (x === null ? "–" : x.toFixed(1));
    const L = c.limitMinutes;
    return msg(
      `按核查网格（${c.cellSizeM} 米）：按${over.zh}加权的平均急救行车时间 ${m(c.meanMinutesBefore)} → ${m(c.meanMinutesAfter)} 分钟；${L} 分钟内的${over.zh} ${fmtPct(c.shareWithinBefore)} → ${fmtPct(c.shareWithinAfter)}`,
      `On the checks' ${c.cellSizeM} m grid: mean EMS travel time weighted by ${over.en} ${m(c.meanMinutesBefore)} → ${m(c.meanMinutesAfter)} min; ${over.en} within ${L} min ${fmtPct(c.shareWithinBefore)} → ${fmtPct(c.shareWithinAfter)}`,
    );
  },
};

export const PEOPLES_HOSPITAL_GRADE = {
  none: (county: LocalizedText) =>
    msg(
      `${county.zh}数据中无县人民医院（县域医疗中心）`,
      `${county.en}: no county people's hospital (county medical centre) in the data`,
    ),
  noGrade: (name: string) => msg(`${name}未注明等级`, `${name}: grade not given`),
  result: (name: string, grade: string, min: string, ok: boolean) =>
    msg(
      `${name}：${gradeLabel(grade).zh}${ok ? "，已达" : "，未达"}${gradeLabel(min).zh}（000:310 推动县级人民医院全部晋升三级综合医院）`,
      `${name}: ${gradeLabel(grade).en}${ok ? ", meets" : ", below"} ${gradeLabel(min).en} (000:310: all county people's hospitals to grade III)`,
    ),
};

/**
 * The plans' words for where a rule applies (a rule's `units.wording`) and for a population band (`bands[].wording`),
 * in English: every wording the shipped rule sets use (a unit test holds them to it). Keyed with ASCII brackets, as
 * the plans write both.
 */
const WORDING_EN: Record<string, string> = {
  "城市地区(全市)": "urban areas (the whole city)",
  "农村地区(全市)": "rural areas (the whole city)",
  全市: "the whole city",
  市主城区: "the city's main urban area",
  市县两级: "city and county levels",
  "市、县级": "city and county level",
  "市、县级(县级“120”急救指挥中心)": 'city and county level (the county "120" emergency command centre)',
  南宫市: "Nangong City",
  "市办(南宫市)": "run by the city (Nangong City)",
  南宫市乡镇卫生院: "Nangong's township health centres",
  "县(市、区)": "counties (county-level cities, districts)",
  "每个县(区)": "every county (district)",
  "每个县(市)": "every county (county-level city)",
  "县(市、区)(003:213);各县(市)(003:143)":
    "counties (county-level cities, districts) (003:213); every county (county-level city) (003:143)",
  县级人民医院: "county people's hospitals",
  "各县(市、区)所有乡镇卫生院和社区卫生服务中心":
    "every township health centre and community health service centre of each county (county-level city, district)",
  每个乡镇: "every township",
  "每个乡(镇)": "every township (town)",
  每个街道: "every subdistrict",
  每个街道办事处: "every subdistrict office",
  每个行政村: "every administrative village",
  "在20万人至50万人的县(市、区)": "counties (county-level cities, districts) of 200,000 to 500,000 people",
  "在50万人至100万人的县(市、区)": "counties (county-level cities, districts) of 500,000 to 1,000,000 people",
  "常住人口在100万人以上的县(市、区)": "counties (county-level cities, districts) of over 1,000,000 residents",
};

/**
 * A plan's wording of where a rule applies, in English; a wording of a rule set edited by hand that has no
 * translation yet is given in the plan's words, quoted.
 */
export function wordingEn(wording: string): string {
  const key = wording.replace(/（/g, "(").replace(/）/g, ")").replace(/；/g, ";").trim();
  return WORDING_EN[key] ?? `「${wording}」`;
}

/**
 * A plan's wording in English with its own words beside it (「市县两级」 city and county levels): the plan's terms keep
 * their Chinese (the reviewer trial, s41-a #10: the English dropped them); a wording with no translation is given once.
 */
export function withPlanWords(wording: string): string {
  const en = wordingEn(wording);
  return en.startsWith("「") ? en : `${en} (「${wording}」)`;
}

/** Where a rule applies, in the plan's words (in English, translated); appended to every check's message. */
export const UNITS = {
  label: (u: { districts: boolean; wording: string }) =>
    msg(
      `适用：${u.wording}${u.districts ? "" : "，不含市辖区"}`,
      `applies to: ${withPlanWords(u.wording)}${u.districts ? "" : ", city districts excluded"}`,
    ),
  notForDistricts: (u: { wording: string }) =>
    msg(
      `规划用语为“${u.wording}”，不含市辖区，本区不核查`,
      `The plan says ${withPlanWords(u.wording)}, which leaves out city districts: not judged here`,
    ),
};

/**
 * A check that reads facilities while no facility data is loaded at all (no sample for the city, nothing imported):
 * it needs data, it has not failed (docs/rules.md, "No facility data").
 */
export const NO_FACILITY_DATA = {
  needsData: () =>
    msg(
      "未导入设施数据：本市未附示例设施，也未导入设施清单，无从核查。导入设施清单后核查（应用：「数据」页「导入设施清单」，支持 CSV、XLSX、GeoJSON、KML、压缩的 Shapefile；命令行：--facilities 文件）",
      "No facility data imported: this city has no sample facilities and no facility list is loaded, so this cannot be checked. Import a facility list to check it (app: Data tab, Import facilities: CSV, XLSX, GeoJSON, KML or zipped Shapefile; command line: --facilities FILE)",
    ),
};

/** Which network a county's EMS coverage counted, as a suffix of its checks and violation rows (ems-network.ts). */
export const EMS_NETWORK = {
  own: () => msg("（仅计本县急救网络）", " (the county's own network only)"),
  city: () =>
    msg(
      "（计本市各市辖区急救网络及市级急救中心）",
      " (the city's network: every district's points and the city's EMS centre)",
    ),
  cross: () => msg("（计入邻县急救点）", " (neighbouring counties' points counted)"),
};

/** A county the rule set's plan does not bind, and which network EMS coverage used. */
export const SCOPE = {
  outOfScope: (note: LocalizedText, county: string) =>
    msg(
      `${county}不在本规划约束范围内，仅作背景显示：${note.zh}`,
      `${county} is not bound by this plan; shown as context: ${note.en}`,
    ),
  allJudged: () =>
    msg("对比用规则集：五份规划的规则适用于所有县区", "Comparison set: every plan's rules applied to every county"),
  /**
   * The divisions' units with no boundary (development zones): what they hold, not judged (the audit, s50 M-4).
   * 「未核查：平顶山高新技术产业开发区（410471：1 个乡镇、1 个街道、24 个行政村）…」.
   */
  unplaced: (units: ReadonlyArray<UnplacedUnit>, namesEn?: Readonly<Record<string, string>>) => {
    const partsZh = (u: UnplacedUnit) =>
      [
        u.townships ? `${u.townships} 个乡镇` : "",
        u.streets ? `${u.streets} 个街道` : "",
        u.villages ? `${u.villages} 个行政村` : "",
      ]
        .filter(Boolean)
        .join("、");
    const partsEn = (u: UnplacedUnit) =>
      [
        u.townships ? counted(u.townships, "township", "townships") : "",
        u.streets ? counted(u.streets, "sub-district", "sub-districts") : "",
        u.villages ? counted(u.villages, "administrative village", "administrative villages") : "",
      ]
        .filter(Boolean)
        .join(", ");
    return msg(
      `未核查：区划名录中的${units.map((u) => `${u.name}（${u.code}：${partsZh(u)}）`).join("、")}没有县级边界（开发区、示范区等功能区，其乡镇、村分属何县未定），所辖乡镇、街道、行政村不在任何县区的核查之内；按规划“每个乡镇”“每个行政村”的要求，请另行核对`,
      `Not judged: ${units.map((u) => `${namesEn?.[u.code] ?? u.name} (${u.code}: ${partsEn(u)})`).join("; ")} of the division list ${units.length === 1 ? "has" : "have"} no county-level boundary (a development or demonstration zone), so ${units.length === 1 ? "its" : "their"} townships, sub-districts and villages fall in no county's checks; the plans' 「每个乡镇」 and 「每个行政村」 cover them, so check them apart`,
    );
  },
  /**
   * Which network EMS coverage counted. `hubs`: the rule set's own words for the network's hubs (its EMS-TIERS
   * quotes, e.g. 003:61 for Nanyang, 002:201 for Nangong), cited; none where the rule set states none (Pingdingshan,
   * the national set): another city's plan is never quoted as this one's.
   */
  network: (crossBorder: boolean, hubs: ReadonlyArray<{ cite: string; quote: string }> = []) => {
    if (crossBorder)
      return msg(
        "急救覆盖计入邻县急救点（跨县覆盖）",
        "EMS coverage counts neighbouring counties' points (cross-border)",
      );
    const said = hubs.map((h) => `${h.cite}「${h.quote}」`).join("；");
    return msg(
      `急救覆盖按各自急救网络计：县、县级市仅计本县（市）急救网络；市辖区计本市各市辖区急救网络及市级急救中心${said ? `（${said}）` : ""}；未计跨县覆盖`,
      `EMS coverage counts each unit's own network: a county or county-level city its own; a district the city's network, every district's points and the city's EMS centre${said ? ` (the plan: ${said})` : ""}; no cross-border cover`,
    );
  },
};

/** Whose plan a rule is, where the rule set is the comparison set, and what a set leaves unstated. */
export const PLAN_BINDING = {
  /**
   * A rule of a comparison set none of whose plans binds the county's city: each plan named with its city (「003 为南阳市
   * 规划」), then the county's city (`city`, undefined when no plan of the set is its own: 「本市」).
   */
  notBinding: (
    plans: ReadonlyArray<{ files: readonly string[]; city: LocalizedText }>,
    city: LocalizedText | undefined,
  ) =>
    msg(
      `（${plans.map((p) => `${p.files.join("、")} 为${p.city.zh}规划`).join("，")}，对${city?.zh ?? "本市"}仅作对比，不具约束力）`,
      `(${plans.map((p) => `${p.files.join(", ")} ${p.files.length > 1 ? "are" : "is"} ${p.city.en}'s plan`).join("; ")}: for ${city?.en ?? "this city"} a comparison only, not binding) `,
    ),
  /**
   * A rule of a comparison set that the county's city's plan (`own`: its files) states in another reading than the
   * set's, taken from `others` (other cities' plans): its own rule set judges it as its plan reads.
   */
  otherReading: (others: readonly string[], own: readonly string[], city: LocalizedText) =>
    msg(
      `（本项按对比用的合并口径核查${others.length > 0 ? `（含 ${others.join("、")}）` : ""}，与${city.zh}规划 ${own.join("、")} 的规定不同，对${city.zh}仅作对比，不具约束力；按本市规划核查请选本市规则集）`,
      `(judged by the comparison set's combined reading${others.length > 0 ? ` (with ${others.join(", ")})` : ""}, which differs from ${city.en}'s plan ${own.join(", ")}: for ${city.en} a comparison only, not binding; choose the city's own rule set to judge it by its plan) `,
    ),
  /** A rule set with no sub-centre rule (001): said where the sub-centres would be checked. `files`: its own plans. */
  noSubCentreRule: (files: readonly string[]) =>
    files.length > 0
      ? msg(
          `本规划（${files.join("、")}）未规定县域医疗卫生次中心的数量与选址条件，次中心不作核查`,
          `The plan (${files.join(", ")}) states neither the number nor the siting conditions of county sub-centres (县域医疗卫生次中心), so they are not checked`,
        )
      : msg(
          "本规则集未规定县域医疗卫生次中心的数量与选址条件，次中心不作核查",
          "The rule set states neither the number nor the siting conditions of county sub-centres (县域医疗卫生次中心), so they are not checked",
        ),
};

/**
 * A central THC against SUB-15KM's siting conditions (003:213), as the check, the county detail, the review report
 * and the CLI's `suggest --sub-centres` list it: the distance to 0.01 km, never rounded across the limit (14.996 km
 * reads 14.99 against 15), and why it does not qualify (the user trial, s46-b #7).
 */
export const SUB_CENTRE_CANDIDATE = {
  /** The distance in km to 0.01, on its own side of `limitKm`. */
  km: (distanceKm: number, limitKm: number) => kmKeepingSide(distanceKm, limitKm).toFixed(2),
  /** Why a site does not qualify: too near the county medical centre, inside the urban area; empty when it does. */
  reasons: (s: { distanceKm: number; limitKm: number; near: boolean; urban: boolean }): LocalizedText[] => {
    const km = SUB_CENTRE_CANDIDATE.km(s.distanceKm, s.limitKm);
    return [
      ...(s.near
        ? [
            msg(
              `距县域医疗中心 ${km} 公里，不足 ${s.limitKm} 公里`,
              `${km} km from the county medical centre, less than ${s.limitKm} km`,
            ),
          ]
        : []),
      ...(s.urban ? [msg("位于城区内", "inside the urban area")] : []),
    ];
  },
  /** One line: 「马楼乡中心卫生院 15.05 km，符合」, 「张良镇中心卫生院 14.90 km，不符合（不足 15 km）」. */
  line: (name: string, distanceKm: number, limitKm: number, s: { near: boolean; urban: boolean }) => {
    const km = SUB_CENTRE_CANDIDATE.km(distanceKm, limitKm);
    if (!s.near && !s.urban) return msg(`${name} ${km} km，符合`, `${name} ${km} km, qualifies`);
    const zh = [...(s.near ? [`不足 ${limitKm} km`] : []), ...(s.urban ? ["位于城区内"] : [])];
    const en = [...(s.near ? [`less than ${limitKm} km`] : []), ...(s.urban ? ["inside the urban area"] : [])];
    return msg(`${name} ${km} km，不符合（${zh.join("，")}）`, `${name} ${km} km, does not qualify (${en.join(", ")})`);
  },
  /** The review report's paragraph: the conditions, the reference point, then every central THC. */
  paragraph: (limitKm: number, reference: string, lines: readonly string[]) =>
    `中心乡镇卫生院对照次中心选建条件（城区之外、距县域医疗中心 ${limitKm} 公里以上；以${reference}量起）：${lines.length > 0 ? lines.join("；") : "本县无中心乡镇卫生院"}。`,
};

/**
 * What an analysis leaves unjudged for want of a boundary (`report.scope.unplaced`), in both languages: the app's
 * review panel, the CLI's summary and the review report say it alike. `namesEn`: the units' English names where known.
 */
export const unplacedNote: (
  units: ReadonlyArray<UnplacedUnit>,
  namesEn?: Readonly<Record<string, string>>,
) => LocalizedText = SCOPE.unplaced;

/**
 * The plans' periods and what a target date means on the day of the check (the audit, s50 L-1: the verdicts never
 * said the 2021–2025 plans' targets were for 2025, nor that the period had ended): 「规划期：000、003 为 2021—2025
 * 年……目标为 2025 年应达的值；核查日 2026-12-07 规划期已满，按目标值核查现状」. Undefined when no document states a
 * period.
 */
export function planPeriodNote(
  documents: ReadonlyArray<{ file: string; period?: { from: number; to: number } }>,
  date: string,
): LocalizedText | undefined {
  const byPeriod = new Map<string, string[]>();
  for (const d of documents) {
    if (!d.period) continue;
    const key = `${d.period.from}—${d.period.to}`;
    byPeriod.set(key, [...(byPeriod.get(key) ?? []), d.file]);
  }
  if (byPeriod.size === 0) return undefined;
  const last = Math.max(...documents.flatMap((d) => (d.period ? [d.period.to] : [])));
  const year = Number(date.slice(0, 4));
  const zh = [...byPeriod].map(([k, files]) => `${files.join("、")} 为 ${k} 年`).join("，");
  const en = [...byPeriod].map(([k, files]) => `${files.join(", ")} ${k.replace("—", "–")}`).join("; ");
  const ended = year > last;
  return msg(
    `规划期：${zh}；规划目标为到 ${last} 年应达的值。核查日 ${date}：${ended ? "规划期已满，按目标值核查现状" : "尚在规划期内，未达者为现状与目标的差距"}`,
    `Plan periods: ${en}; the targets are what ${last} should reach. Checked on ${date}: ${ended ? "the period has ended, so the present state is judged against the targets" : "within the period, so a shortfall is the distance still to go"}`,
  );
}
