import type { LocalizedText } from "../model";
import { FACILITY_TYPE_LABELS, type FacilityType, gradeLabel, HOSPITAL_KIND_LABELS, type HospitalKind } from "../model";
import { fmtKm, fmtKm2, fmtPct, fmtRatio } from "./helpers";
import type { RingStat } from "./types";

/**
 * Every bilingual message the rule checks produce, Chinese first, grouped by rule kind. Checks compute figures;
 * the wording lives here so that a translation or a change of terms is made in one place.
 */

function msg(zh: string, en: string): LocalizedText {
  return { zh, en };
}

const AREA = {
  urban: { zh: "城区", en: "urban area" },
  rural: { zh: "农村地区", en: "rural area" },
} as const;

/** Which point served as the county medical centre (SUB-15KM). */
export const REFERENCE_LABEL = {
  "county-medical-centre": { zh: "县域医疗中心", en: "county medical centre" },
  "peoples-hospital": {
    zh: "县人民医院（作为县域医疗中心）",
    en: "county people's hospital (as county medical centre)",
  },
  seat: { zh: "县政府驻地（无县域医疗中心数据）", en: "county seat (no county medical centre in the data)" },
} as const;

const UNIT_LABEL = {
  township: { zh: "乡镇", en: "township" },
  street: { zh: "街道", en: "sub-district" },
  village: { zh: "行政村", en: "administrative village" },
} as const;

const typesZh = (types: readonly FacilityType[]) => types.map((t) => FACILITY_TYPE_LABELS[t].zh).join("/");
const typesEn = (types: readonly FacilityType[]) => types.map((t) => FACILITY_TYPE_LABELS[t].en).join("/");

export const RADIUS_COVERAGE = {
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

export const TRAVEL_TIME = {
  needsNetwork: (maxMinutes: number) =>
    msg(
      `平均急救反应时间（≤ ${maxMinutes} 分钟）需要路网数据才能计算：在“数据”页导入路网（GeoJSON、Shapefile 压缩包、.osm 或 .osm.pbf，如 Geofabrik 的中国 OSM 提取），或在命令行用 --roads 文件；直线半径仅为近似`,
      `Average response time (≤ ${maxMinutes} min) needs a road network: import one in the Data tab (GeoJSON, zipped Shapefile, .osm or .osm.pbf, e.g. a Geofabrik OSM extract of China), or give --roads FILE on the command line; a straight-line radius is only a proxy`,
    ),
  noArea: () => msg("本县（区）网格内没有面积，无法计算行车时间", "The county has no area on its grid: no travel time"),
  result(s: {
    limitMinutes: number;
    meanMinutes: number | null;
    shareWithinLimit: number;
    weighting: "area" | "population";
    sites: number;
    crossBorder: boolean;
  }): LocalizedText {
    const L = s.limitMinutes;
    const over = s.weighting === "population" ? { zh: "人口", en: "population" } : { zh: "面积", en: "area" };
    const net = s.crossBorder
      ? { zh: "，计入邻县急救点", en: ", neighbouring counties' points counted" }
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
      `按${over.zh}加权的平均急救反应时间 ${meanShown} 分钟，${verdict.zh} ${L} 分钟；${fmtPct(s.shareWithinLimit)} 的${over.zh}在 ${L} 分钟内（${s.sites} 个急救点${net.zh}）`,
      `Mean EMS travel time weighted by ${over.en}: ${meanShown} min, ${verdict.en} ${L} min; ${fmtPct(s.shareWithinLimit)} of the ${over.en} within ${L} min (${s.sites} EMS points${net.en})`,
    );
  },
};

export const MIN_DISTANCE_OUTSIDE_URBAN = {
  noCandidates: () => msg("本县无次中心或中心乡镇卫生院", "No sub-centre or central THC in this county"),
  /** One sub-centre's failure: too near the reference point, inside the urban area, or both. */
  violation(
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
    return msg(`${name}：${zh.join("；")}`, `${name}: ${en.join("; ")}`);
  },
  summary(
    ref: { kind: keyof typeof REFERENCE_LABEL; name: string },
    s: { violations: number; subCount: number; qualifying: number; limitKm: number },
  ): LocalizedText {
    const label = REFERENCE_LABEL[ref.kind];
    const refZh = `以${ref.name}为${label.zh}`;
    const refEn = `reference point: ${ref.name}, ${label.en}`;
    if (s.violations > 0)
      return msg(
        `${s.violations} 所次中心不满足“城区之外、距县域医疗中心 ${s.limitKm} km 以上”（${refZh}）`,
        `${s.violations} sub-centre(s) fail "outside the urban area and ≥ ${s.limitKm} km from the county medical centre" (${refEn})`,
      );
    return msg(
      `${s.subCount === 0 ? "本县无次中心" : `${s.subCount} 所次中心均满足要求`}；${s.qualifying} 所中心乡镇卫生院符合选建条件（${refZh}）`,
      `${s.subCount === 0 ? "No sub-centre" : `${s.subCount} sub-centre(s) all comply`}; ${s.qualifying} central THC(s) qualify as candidates (${refEn})`,
    );
  },
};

export const COUNT_BY_POPULATION_BAND = {
  perCountyNotForDistricts: () =>
    msg("“每县（市）1~2 所”不适用于市辖区", `"1–2 per county" does not apply to districts (区)`),
  perCounty: () => msg("每县（市）", "per county"),
  needsPopulation: () =>
    msg("需要本县常住人口才能确定次中心数量档位", "Needs the county's resident population to pick the band"),
  bandNotStated: (pop: number) =>
    msg(
      `常住人口 ${pop.toLocaleString("en-US")} 人，规划未规定该人口档位的次中心数量`,
      `Resident population ${pop.toLocaleString("en-US")}: the plan sets no sub-centre count for this band`,
    ),
  band: (pop: number) =>
    msg(`常住人口 ${pop.toLocaleString("en-US")} 人`, `resident population ${pop.toLocaleString("en-US")}`),
  result(n: number, why: LocalizedText, range: [number, number]): LocalizedText {
    const ok = n >= range[0] && n <= range[1];
    return msg(
      `次中心 ${n} 所，${why.zh}应为 ${range[0]}~${range[1]} 所${ok ? "" : n < range[0] ? "，数量不足" : "，超出规划数量"}`,
      `${n} sub-centre(s); ${why.en} calls for ${range[0]}–${range[1]}${ok ? "" : n < range[0] ? ": too few" : ": more than planned"}`,
    );
  },
  /** What the SUB-COUNT cap allows a siting run in one county. */
  cap: (why: LocalizedText, range: [number, number], existing: number, maxNew: number) =>
    msg(
      `SUB-COUNT：${why.zh}应为 ${range[0]}~${range[1]} 所，已有 ${existing} 所，最多新增 ${maxNew} 所`,
      `SUB-COUNT: ${why.en} calls for ${range[0]}–${range[1]}; ${existing} exist, at most ${maxNew} new`,
    ),
  noRule: () => msg("所选规则集没有 SUB-COUNT，不限数量", "the rule set has no SUB-COUNT: no cap"),
};

type Unit = keyof typeof UNIT_LABEL;

export const ONE_PER_UNIT = {
  needsDivisions: (unit: Unit) =>
    msg(
      `需要本县的${UNIT_LABEL[unit].zh}名录（区划代码）`,
      `Needs this county's list of ${UNIT_LABEL[unit].en}s (division codes)`,
    ),
  missing: (unitName: string, types: readonly FacilityType[], shared: boolean) =>
    shared
      ? msg(
          `${unitName}：无${typesZh(types)}（如与相邻行政村合建中心村卫生室则可不单设）`,
          `${unitName}: no ${typesEn(types)} (acceptable if it shares a clinic with adjacent villages)`,
        )
      : msg(`${unitName}：无${typesZh(types)}`, `${unitName}: no ${typesEn(types)}`),
  several: (unitName: string, types: readonly FacilityType[], names: string[]) =>
    msg(
      `${unitName}：有 ${names.length} 所${typesZh(types)}（${names.join("、")}），请核查`,
      `${unitName}: ${names.length} ${typesEn(types)} facilities (${names.join(", ")}); please review`,
    ),
  noUnits: (unit: Unit) =>
    msg(`本县无需核查的${UNIT_LABEL[unit].zh}`, `No ${UNIT_LABEL[unit].en} to check in this county`),
  summary(
    unit: Unit,
    types: readonly FacilityType[],
    s: { units: number; satisfied: number; missing: number; unassigned: number; exemptUnits: number },
  ): LocalizedText {
    const label = UNIT_LABEL[unit];
    const unassignedZh = s.unassigned ? `；另有 ${s.unassigned} 所未标注${label.zh}代码，无法归属` : "";
    const unassignedEn = s.unassigned
      ? `; ${s.unassigned} facilities carry no ${label.en} code and could not be assigned`
      : "";
    const exemptZh = s.exemptUnits ? `（${s.exemptUnits} 个乡镇卫生院所在村免设）` : "";
    const exemptEn = s.exemptUnits ? ` (${s.exemptUnits} villages hosting a THC exempt)` : "";
    return msg(
      `${s.units} 个${label.zh}中 ${s.satisfied} 个有${typesZh(types)}，${s.missing} 个缺${exemptZh}${unassignedZh}`,
      `${s.satisfied} of ${s.units} ${label.en}s have a ${typesEn(types)}, ${s.missing} lack one${exemptEn}${unassignedEn}`,
    );
  },
};

export const REQUIRED_SET = {
  notForDistricts: () => msg("该条款针对县（市），不含市辖区", "The clause covers counties (县/市), not districts"),
  belowGrade: (name: string, grade: string | undefined, minGrade: string | undefined) =>
    msg(
      `${name}：等级${grade ? ` ${grade}` : "未知"}，未达${minGrade ? gradeLabel(minGrade).zh : ""}`,
      `${name}: grade ${grade ?? "unknown"}, below ${minGrade ? `grade ${minGrade}` : "the required grade"}`,
    ),
  missingKind: (kind: HospitalKind) =>
    msg(`缺公立${HOSPITAL_KIND_LABELS[kind].zh}`, `No public ${HOSPITAL_KIND_LABELS[kind].en.toLowerCase()}`),
  summary(required: readonly HospitalKind[], minGrade: string | undefined, met: number): LocalizedText {
    const namesZh = required.map((k) => HOSPITAL_KIND_LABELS[k].zh).join("、");
    const namesEn = required.map((k) => HOSPITAL_KIND_LABELS[k].en.toLowerCase()).join(", ");
    return msg(
      `${namesZh}${minGrade ? `（${gradeLabel(minGrade).zh}及以上）` : ""}：具备 ${met}/${required.length}`,
      `${namesEn}${minGrade ? ` (grade ${minGrade} or above)` : ""}: ${met} of ${required.length} present`,
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
      ? msg(`${bad} 所拟建综合医院位于主城区内`, `${bad} proposed general hospital(s) inside the main urban area`)
      : msg(
          `拟建综合医院 ${proposed} 所，均不在主城区内`,
          `${proposed} proposed general hospital(s), none inside the main urban area`,
        ),
};

export const TIERS = {
  missing: (countyName: string, type: FacilityType) =>
    msg(
      `${countyName}无${FACILITY_TYPE_LABELS[type].zh}`,
      `${countyName} has no ${FACILITY_TYPE_LABELS[type].en.toLowerCase()}`,
    ),
  foreignStation: (name: string, countyName: string, registeredTo: string) =>
    msg(
      `${name}位于${countyName}境内，但登记属于 ${registeredTo}`,
      `${name} lies in ${countyName} but is registered to county ${registeredTo}`,
    ),
  result: (type: FacilityType, have: number, need: number, foreign: boolean) => {
    const label = FACILITY_TYPE_LABELS[type];
    return msg(
      `${label.zh} ${have} 所（应至少 ${need} 所）${foreign ? "；有急救站归属其他县" : ""}`,
      `${have} ${label.en.toLowerCase()}(s) (at least ${need} required)${foreign ? "; some stations belong to another county" : ""}`,
    );
  },
};

export const RATIO_PER_1000 = {
  needsPopulation: () => msg("需要本县人口数据", "Needs the county's population"),
  needsBeds: () => msg("设施数据中无床位数", "No bed counts in the facility data"),
  result(
    r: { ratio: number; target: number; ok: boolean; missing: number },
    populationKind: "resident" | "registered",
    countyPopulationAsProxy: boolean,
  ): LocalizedText {
    const popKind = populationKind === "registered" ? { zh: "户籍", en: "registered" } : { zh: "常住", en: "resident" };
    const proxyZh = countyPopulationAsProxy ? "（以全县人口近似服务人口）" : "";
    const proxyEn = countyPopulationAsProxy ? " (county population used as the service population)" : "";
    const ratio = fmtRatio(r.ratio, r.target, r.ok);
    return msg(
      `每千${popKind.zh}人口床位 ${ratio} 张，目标 ${r.target} 张${r.ok ? "" : "，未达标"}${r.missing ? `（${r.missing} 所设施无床位数）` : ""}${proxyZh}`,
      `${ratio} beds per 1,000 ${popKind.en} population against ${r.target}${r.ok ? "" : ": below target"}${r.missing ? ` (${r.missing} facilities lack a bed count)` : ""}${proxyEn}`,
    );
  },
};
