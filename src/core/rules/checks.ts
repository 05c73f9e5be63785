import { geodesicDistanceKm } from "../geo";
import {
  type CountyPopulation,
  type CountyProps,
  FACILITY_TYPE_LABELS,
  type Facility,
  HOSPITAL_KIND_LABELS,
} from "../model";
import { fmtKm, fmtKm2, fmtPct, fmtRatio, gradeLabel, gradeRank, hospitalKindOf, isPublic } from "./helpers";
import type { LocalizedText, Rule } from "./schema";
import type { AnalysisParams, Check, Divisions, GapFeature, RingStat, Violation } from "./types";

/** Coverage of one EMS rule over a county part (urban or rural), from the session's grids. */
export interface CoverageResult {
  areaKm2: number;
  coveredKm2: number;
  uncoveredKm2: number;
  coveredShare: number;
  radiusKm: number;
  gaps: GapFeature[];
  rings?: RingStat[];
  demand?: Check["demand"];
}

/** Everything a rule needs to be scored in one county. */
export interface CountyContext {
  props: CountyProps;
  /** Facilities whose home county is this one (their `county` code, else the polygon they lie in). */
  facilities: Facility[];
  /** Facilities lying inside this county's polygon. */
  located: Facility[];
  population?: CountyPopulation;
  /** This county's divisions; `divisionsGiven` tells whether any divisions were supplied at all. */
  divisions?: Divisions["counties"][number];
  params: AnalysisParams;
  isUrban(f: Facility): boolean;
  coverage(rule: Rule & { kind: "radius-coverage" }): CoverageResult;
}

/** The outcome of one rule in one county. */
export interface RuleOutcome {
  check: Check;
  violations: Violation[];
  gaps: GapFeature[];
  qualifying: Array<{ facilityId: string; distanceKm: number; county: string; name: string }>;
}

/** Distances within 1 µm of a limit count as equal to it (float noise of the geodesic solver). */
export const DISTANCE_EPS_KM = 1e-9;

function outcome(check: Check, violations: Violation[] = [], extra?: Partial<RuleOutcome>): RuleOutcome {
  return { check, violations, gaps: extra?.gaps ?? [], qualifying: extra?.qualifying ?? [] };
}

function msg(zh: string, en: string): LocalizedText {
  return { zh, en };
}

const typeZh = (t: Facility["type"]) => FACILITY_TYPE_LABELS[t].zh;

/** Scores one rule in one county (exhaustive over rule kinds). */
export function evaluateRule(rule: Rule, ctx: CountyContext): RuleOutcome {
  switch (rule.kind) {
    case "radius-coverage":
      return radiusCoverage(rule, ctx);
    case "travel-time":
      return outcome({
        rule: rule.id,
        status: "needs-data",
        limit: rule.params.maxMinutes.value,
        message: msg(
          `平均急救反应时间（≤ ${rule.params.maxMinutes.value} 分钟）需要路网数据才能计算；直线半径仅为近似`,
          `Average response time (≤ ${rule.params.maxMinutes.value} min) needs a road network; a straight-line radius is only a proxy`,
        ),
      });
    case "min-distance-outside-urban":
      return subCentreDistance(rule, ctx);
    case "count-by-population-band":
      return subCount(rule, ctx);
    case "one-per-unit":
      return onePerUnit(rule, ctx);
    case "required-set":
      return requiredSet(rule, ctx);
    case "share-of-type":
      return shareOfType(rule, ctx);
    case "no-new-in-urban":
      return noNewInUrban(rule, ctx);
    case "tiers":
      return tiers(rule, ctx);
    case "ratio-per-1000":
      return ratioPer1000(rule, ctx);
    default: {
      const never: never = rule;
      throw new Error(`unhandled rule kind ${(never as { kind: string }).kind}`);
    }
  }
}

function radiusCoverage(rule: Rule & { kind: "radius-coverage" }, ctx: CountyContext): RuleOutcome {
  const urban = rule.area === "urban";
  const areaZh = urban ? "城区" : "农村地区";
  const areaEn = urban ? "urban area" : "rural area";
  const cov = ctx.coverage(rule);
  const base = { rule: rule.id, radiusKm: cov.radiusKm, areaKm2: cov.areaKm2 };
  if (cov.areaKm2 <= 0) {
    return outcome({
      ...base,
      status: "not-applicable",
      message: msg(`本县（区）按当前定义无${areaZh}`, `No ${areaEn} in this county under the current definition`),
    });
  }
  const pass = cov.uncoveredKm2 <= 0;
  const ringsZh = (cov.rings ?? []).map((r) => `${r.radiusKm} km 内 ${fmtPct(r.coveredShare)}`).join("，");
  const ringsEn = (cov.rings ?? []).map((r) => `${fmtPct(r.coveredShare)} within ${r.radiusKm} km`).join(", ");
  return outcome(
    {
      ...base,
      status: pass ? "pass" : "fail",
      coveredShare: cov.coveredShare,
      coveredKm2: cov.coveredKm2,
      uncoveredAreaKm2: cov.uncoveredKm2,
      limit: cov.radiusKm,
      ...(cov.rings ? { rings: cov.rings } : {}),
      ...(cov.demand ? { demand: cov.demand } : {}),
      message: pass
        ? msg(
            `${areaZh}全部位于急救点 ${cov.radiusKm} km 范围内${ringsZh ? `（${ringsZh}）` : ""}`,
            `The whole ${areaEn} lies within ${cov.radiusKm} km of an EMS point${ringsEn ? ` (${ringsEn})` : ""}`,
          )
        : msg(
            `${areaZh}急救 ${cov.radiusKm} km 覆盖率 ${fmtPct(cov.coveredShare)}，${fmtKm2(cov.uncoveredKm2)} km² 超出服务半径${ringsZh ? `（${ringsZh}）` : ""}`,
            `${fmtPct(cov.coveredShare)} of the ${areaEn} lies within ${cov.radiusKm} km of an EMS point; ${fmtKm2(cov.uncoveredKm2)} km² is beyond the radius${ringsEn ? ` (${ringsEn})` : ""}`,
          ),
    },
    [],
    { gaps: cov.gaps },
  );
}

/** The county medical centre: its county-medical-centre facility, else its people's hospital, else the seat. */
export function countyMedicalCentre(ctx: CountyContext): NonNullable<Check["reference"]> {
  const cmc = ctx.facilities.filter((f) => f.type === "county-medical-centre");
  if (cmc.length > 0) {
    const f = cmc.find(isPublic) ?? cmc[0];
    return { kind: "county-medical-centre", facilityId: f.id, name: f.name, lon: f.lon, lat: f.lat };
  }
  const ph = ctx.facilities
    .filter((f) => f.type === "hospital" && /人民医院/.test(f.name) && hospitalKindOf(f) === "general")
    .sort((a, b) => Number(isPublic(b)) - Number(isPublic(a)) || (gradeRank(b.grade) ?? 0) - (gradeRank(a.grade) ?? 0));
  if (ph.length > 0) {
    const f = ph[0];
    return { kind: "peoples-hospital", facilityId: f.id, name: f.name, lon: f.lon, lat: f.lat };
  }
  const [lon, lat] = ctx.props.seat;
  return { kind: "seat", name: `${ctx.props.name}政府驻地`, lon, lat };
}

const REF_LABEL = {
  "county-medical-centre": { zh: "县域医疗中心", en: "county medical centre" },
  "peoples-hospital": {
    zh: "县人民医院（作为县域医疗中心）",
    en: "county people's hospital (as county medical centre)",
  },
  seat: { zh: "县政府驻地（无县域医疗中心数据）", en: "county seat (no county medical centre in the data)" },
} as const;

function subCentreDistance(rule: Rule & { kind: "min-distance-outside-urban" }, ctx: CountyContext): RuleOutcome {
  const limit = ctx.params.subCentreMinKm;
  const ref = countyMedicalCentre(ctx);
  const refLabel = REF_LABEL[ref.kind];
  const candidates = ctx.facilities.filter(
    (f) => (f.type === "sub-centre" || f.type === "central-thc") && rule.appliesTo.includes(f.type),
  );
  const base = { rule: rule.id, limit, reference: ref };
  if (candidates.length === 0) {
    return outcome({
      ...base,
      status: "not-applicable",
      count: 0,
      message: msg("本县无次中心或中心乡镇卫生院", "No sub-centre or central THC in this county"),
    });
  }
  const violations: Violation[] = [];
  const qualifying: RuleOutcome["qualifying"] = [];
  let subCount = 0;
  let minSubKm = Infinity;
  for (const f of candidates) {
    const d = geodesicDistanceKm(f.lon, f.lat, ref.lon, ref.lat);
    const near = d < limit - DISTANCE_EPS_KM;
    const urban = ctx.isUrban(f);
    if (f.type === "central-thc") {
      if (!near && !urban) qualifying.push({ facilityId: f.id, distanceKm: d, county: ctx.props.code, name: f.name });
      continue;
    }
    subCount++;
    minSubKm = Math.min(minSubKm, d);
    if (!near && !urban) continue;
    const zh: string[] = [];
    const en: string[] = [];
    if (near) {
      zh.push(`距${refLabel.zh} ${fmtKm(d, limit)} km，不足 ${limit} km`);
      en.push(`${fmtKm(d, limit)} km from the ${refLabel.en}, less than ${limit} km`);
    }
    if (urban) {
      zh.push("位于城区内");
      en.push("inside the urban area");
    }
    violations.push({
      rule: rule.id,
      severity: "error",
      facilityId: f.id,
      facilityName: f.name,
      county: ctx.props.code,
      distanceKm: d,
      limitKm: limit,
      lon: f.lon,
      lat: f.lat,
      message: msg(`${f.name}：${zh.join("；")}`, `${f.name}: ${en.join("; ")}`),
    });
  }
  const fail = violations.length > 0;
  const refZh = `以${ref.name}为${refLabel.zh}`;
  const refEn = `reference point: ${ref.name}, ${refLabel.en}`;
  return outcome(
    {
      ...base,
      status: fail ? "fail" : subCount === 0 ? "not-applicable" : "pass",
      count: subCount,
      ...(subCount > 0 ? { measured: minSubKm } : {}),
      message: fail
        ? msg(
            `${violations.length} 所次中心不满足“城区之外、距县域医疗中心 ${limit} km 以上”（${refZh}）`,
            `${violations.length} sub-centre(s) fail "outside the urban area and ≥ ${limit} km from the county medical centre" (${refEn})`,
          )
        : msg(
            `${subCount === 0 ? "本县无次中心" : `${subCount} 所次中心均满足要求`}；${qualifying.length} 所中心乡镇卫生院符合选建条件（${refZh}）`,
            `${subCount === 0 ? "No sub-centre" : `${subCount} sub-centre(s) all comply`}; ${qualifying.length} central THC(s) qualify as candidates (${refEn})`,
          ),
    },
    violations,
    { qualifying },
  );
}

function populationOf(ctx: CountyContext): number | undefined {
  return ctx.population?.population;
}

/** What SUB-COUNT allows in one county: a [min, max] range with its reason, or why no range applies. */
export type SubCountBand =
  | { kind: "range"; range: [number, number]; why: LocalizedText }
  | { kind: "not-applicable" | "needs-data"; message: LocalizedText; measured?: number };

/**
 * The sub-centre count SUB-COUNT allows for a county: by resident-population band (003:213) or 1–2 per county
 * (003:143), as `variant` says. Used by the check and by the siting of new sub-centres.
 */
export function subCountBand(
  rule: Rule & { kind: "count-by-population-band" },
  countyKind: CountyProps["kind"],
  population: number | undefined,
  variant: AnalysisParams["subCountVariant"],
): SubCountBand {
  if (variant === "per-county") {
    if (countyKind === "district" && !rule.params.perCountyIncludesDistricts) {
      return {
        kind: "not-applicable",
        message: msg("“每县（市）1~2 所”不适用于市辖区", `"1–2 per county" does not apply to districts (区)`),
      };
    }
    return {
      kind: "range",
      range: [rule.params.perCounty.countMin, rule.params.perCounty.countMax],
      why: msg("每县（市）", "per county"),
    };
  }
  if (population === undefined) {
    return {
      kind: "needs-data",
      message: msg("需要本县常住人口才能确定次中心数量档位", "Needs the county's resident population to pick the band"),
    };
  }
  const pop = population;
  const band = rule.params.bands.find((b) => {
    const lo = b.populationMin;
    const hi = b.populationMax;
    const aboveLo = lo.bound === "inclusive" ? pop >= lo.value : pop > lo.value;
    const belowHi = !hi || (hi.bound === "inclusive" ? pop <= hi.value : pop < hi.value);
    return aboveLo && belowHi;
  });
  if (!band) {
    return {
      kind: "not-applicable",
      measured: pop,
      message: msg(
        `常住人口 ${pop.toLocaleString("en-US")} 人，规划未规定该人口档位的次中心数量`,
        `Resident population ${pop.toLocaleString("en-US")}: the plan sets no sub-centre count for this band`,
      ),
    };
  }
  return {
    kind: "range",
    range: [band.countMin, band.countMax],
    why: msg(`常住人口 ${pop.toLocaleString("en-US")} 人`, `resident population ${pop.toLocaleString("en-US")}`),
  };
}

function subCount(rule: Rule & { kind: "count-by-population-band" }, ctx: CountyContext): RuleOutcome {
  const n = ctx.facilities.filter((f) => rule.appliesTo.includes(f.type) && isPublic(f)).length;
  const base = { rule: rule.id, count: n };
  const band = subCountBand(rule, ctx.props.kind, populationOf(ctx), ctx.params.subCountVariant);
  if (band.kind !== "range") {
    return outcome({
      ...base,
      status: band.kind,
      ...(band.measured !== undefined ? { measured: band.measured } : {}),
      message: band.message,
    });
  }
  const { range, why } = band;
  const ok = n >= range[0] && n <= range[1];
  return outcome({
    ...base,
    status: ok ? "pass" : "fail",
    expected: range,
    message: msg(
      `次中心 ${n} 所，${why.zh}应为 ${range[0]}~${range[1]} 所${ok ? "" : n < range[0] ? "，数量不足" : "，超出规划数量"}`,
      `${n} sub-centre(s); ${why.en} calls for ${range[0]}–${range[1]}${ok ? "" : n < range[0] ? ": too few" : ": more than planned"}`,
    ),
  });
}

const UNIT_LABEL = {
  township: { zh: "乡镇", en: "township" },
  street: { zh: "街道", en: "sub-district" },
  village: { zh: "行政村", en: "administrative village" },
} as const;

function onePerUnit(rule: Rule & { kind: "one-per-unit" }, ctx: CountyContext): RuleOutcome {
  const label = UNIT_LABEL[rule.unit];
  const code = ctx.props.code;
  if (!ctx.divisions) {
    return outcome({
      rule: rule.id,
      status: "needs-data",
      message: msg(
        `需要本县的${label.zh}名录（区划代码）`,
        `Needs this county's list of ${label.en}s (division codes)`,
      ),
    });
  }
  const exempt = new Set(rule.exemptions);
  const counted = ctx.facilities.filter(
    (f) => rule.appliesTo.includes(f.type) && (!exempt.has("private") || isPublic(f)),
  );
  type Unit = { code: string; name: string };
  let units: Unit[] = [];
  let exemptUnits = 0;
  const key = rule.unit === "village" ? "village" : "township";
  if (rule.unit === "village") {
    const thcVillages = new Set(
      ctx.facilities
        .filter((f) => (f.type === "thc" || f.type === "central-thc" || f.type === "sub-centre") && f.village)
        .map((f) => f.village as string),
    );
    for (const t of ctx.divisions.townships)
      for (const v of t.villages) {
        if (v.kind === "community") continue;
        if (exempt.has("thc-village") && thcVillages.has(v.code)) {
          exemptUnits++;
          continue;
        }
        units.push(v);
      }
  } else {
    units = ctx.divisions.townships.filter((t) =>
      rule.unit === "street" ? t.kind === "街道" : t.kind === "镇" || t.kind === "乡",
    );
  }
  const byUnit = new Map<string, Facility[]>();
  let unassigned = 0;
  for (const f of counted) {
    const c = f[key];
    if (!c) {
      unassigned++;
      continue;
    }
    const list = byUnit.get(c) ?? [];
    list.push(f);
    byUnit.set(c, list);
  }
  const need = rule.params.perUnit.value;
  const violations: Violation[] = [];
  let missing = 0;
  let satisfied = 0;
  const typesZh = rule.appliesTo.map(typeZh).join("/");
  const typesEn = rule.appliesTo.map((t) => FACILITY_TYPE_LABELS[t].en).join("/");
  const shared = rule.unit === "village" && exempt.has("shared-clinic");
  for (const u of units) {
    const have = byUnit.get(u.code) ?? [];
    if (have.length < need) {
      missing++;
      violations.push({
        rule: rule.id,
        severity: shared ? "review" : "error",
        county: code,
        unitCode: u.code,
        unitName: u.name,
        message: shared
          ? msg(
              `${u.name}：无${typesZh}（如与相邻行政村合建中心村卫生室则可不单设）`,
              `${u.name}: no ${typesEn} (acceptable if it shares a clinic with adjacent villages)`,
            )
          : msg(`${u.name}：无${typesZh}`, `${u.name}: no ${typesEn}`),
      });
      continue;
    }
    satisfied++;
    if (rule.unit !== "village" && have.length > need) {
      violations.push({
        rule: rule.id,
        severity: "review",
        county: code,
        unitCode: u.code,
        unitName: u.name,
        message: msg(
          `${u.name}：有 ${have.length} 所${typesZh}（${have.map((f) => f.name).join("、")}），请核查`,
          `${u.name}: ${have.length} ${typesEn} facilities (${have.map((f) => f.name).join(", ")}); please review`,
        ),
      });
    }
  }
  if (units.length === 0) {
    return outcome({
      rule: rule.id,
      status: "not-applicable",
      count: 0,
      expected: 0,
      message: msg(`本县无需核查的${label.zh}`, `No ${label.en} to check in this county`),
    });
  }
  const fail = missing > 0 && !shared;
  const unassignedZh = unassigned ? `；另有 ${unassigned} 所未标注${label.zh}代码，无法归属` : "";
  const unassignedEn = unassigned
    ? `; ${unassigned} facilities carry no ${label.en} code and could not be assigned`
    : "";
  const exemptZh = exemptUnits ? `（${exemptUnits} 个乡镇卫生院所在村免设）` : "";
  const exemptEn = exemptUnits ? ` (${exemptUnits} villages hosting a THC exempt)` : "";
  return outcome(
    {
      rule: rule.id,
      status: fail ? "fail" : "pass",
      count: satisfied,
      expected: units.length,
      measured: missing,
      message: msg(
        `${units.length} 个${label.zh}中 ${satisfied} 个有${typesZh}，${missing} 个缺${exemptZh}${unassignedZh}`,
        `${satisfied} of ${units.length} ${label.en}s have a ${typesEn}, ${missing} lack one${exemptEn}${unassignedEn}`,
      ),
    },
    violations,
  );
}

function requiredSet(rule: Rule & { kind: "required-set" }, ctx: CountyContext): RuleOutcome {
  if (ctx.props.kind === "district" && !rule.params.includeDistricts) {
    return outcome({
      rule: rule.id,
      status: "not-applicable",
      message: msg("该条款针对县（市），不含市辖区", "The clause covers counties (县/市), not districts"),
    });
  }
  const minRank = rule.params.minGrade ? (gradeRank(rule.params.minGrade) ?? 0) : 0;
  const gl = rule.params.minGrade ? gradeLabel(rule.params.minGrade) : undefined;
  const hospitals = ctx.facilities.filter((f) => rule.appliesTo.includes(f.type) && isPublic(f));
  const violations: Violation[] = [];
  let met = 0;
  for (const kind of rule.params.required) {
    const ofKind = hospitals.filter((f) => hospitalKindOf(f) === kind);
    const good = ofKind.filter((f) => (gradeRank(f.grade) ?? -1) >= minRank);
    const kl = HOSPITAL_KIND_LABELS[kind];
    if (good.length > 0) {
      met++;
      continue;
    }
    const best = ofKind[0];
    violations.push({
      rule: rule.id,
      severity: "error",
      county: ctx.props.code,
      ...(best ? { facilityId: best.id, facilityName: best.name, lon: best.lon, lat: best.lat } : {}),
      message: best
        ? msg(
            `${best.name}：等级${best.grade ? ` ${best.grade}` : "未知"}，未达${gl?.zh ?? ""}`,
            `${best.name}: grade ${best.grade ?? "unknown"}, below ${gl?.en ?? "the required grade"}`,
          )
        : msg(`缺公立${kl.zh}`, `No public ${kl.en.toLowerCase()}`),
    });
  }
  const need = rule.params.required.length;
  const namesZh = rule.params.required.map((k) => HOSPITAL_KIND_LABELS[k].zh).join("、");
  const namesEn = rule.params.required.map((k) => HOSPITAL_KIND_LABELS[k].en.toLowerCase()).join(", ");
  return outcome(
    {
      rule: rule.id,
      status: met === need ? "pass" : "fail",
      count: met,
      expected: need,
      message: msg(
        `${namesZh}${gl ? `（${gl.zh}及以上）` : ""}：具备 ${met}/${need}`,
        `${namesEn}${gl ? ` (${gl.en} or above)` : ""}: ${met} of ${need} present`,
      ),
    },
    violations,
  );
}

function shareOfType(rule: Rule & { kind: "share-of-type" }, ctx: CountyContext): RuleOutcome {
  const all = ctx.facilities.filter((f) => rule.appliesTo.includes(f.type) && isPublic(f));
  const num = all.filter((f) => rule.numerator.includes(f.type)).length;
  const target = rule.params.share.value;
  const tol = rule.params.tolerance.value;
  if (all.length === 0) {
    return outcome({
      rule: rule.id,
      status: "not-applicable",
      count: 0,
      message: msg("本县无乡镇卫生院", "No township health centre in this county"),
    });
  }
  const share = num / all.length;
  const ok = Math.abs(share - target) <= tol + 1e-12;
  return outcome({
    rule: rule.id,
    status: ok ? "pass" : "fail",
    count: num,
    expected: target,
    measured: share,
    limit: tol,
    message: msg(
      `中心乡镇卫生院 ${num}/${all.length} = ${fmtPct(share)}，目标约 ${fmtPct(target)}（±${fmtPct(tol)}）`,
      `Central THCs ${num}/${all.length} = ${fmtPct(share)}; target about ${fmtPct(target)} (±${fmtPct(tol)})`,
    ),
  });
}

function noNewInUrban(rule: Rule & { kind: "no-new-in-urban" }, ctx: CountyContext): RuleOutcome {
  const proposed = ctx.facilities.filter(
    (f) => f.proposed && rule.appliesTo.includes(f.type) && hospitalKindOf(f) === rule.params.hospitalKind,
  );
  const bad = proposed.filter((f) => ctx.isUrban(f));
  const violations: Violation[] = bad.map((f) => ({
    rule: rule.id,
    severity: "error",
    facilityId: f.id,
    facilityName: f.name,
    county: ctx.props.code,
    lon: f.lon,
    lat: f.lat,
    message: msg(
      `拟建综合医院「${f.name}」位于主城区内`,
      `Proposed general hospital "${f.name}" lies inside the main urban area`,
    ),
  }));
  return outcome(
    {
      rule: rule.id,
      status: bad.length > 0 ? "fail" : "pass",
      count: bad.length,
      message:
        bad.length > 0
          ? msg(
              `${bad.length} 所拟建综合医院位于主城区内`,
              `${bad.length} proposed general hospital(s) inside the main urban area`,
            )
          : msg(
              `拟建综合医院 ${proposed.length} 所，均不在主城区内`,
              `${proposed.length} proposed general hospital(s), none inside the main urban area`,
            ),
    },
    violations,
  );
}

function tiers(rule: Rule & { kind: "tiers" }, ctx: CountyContext): RuleOutcome {
  const t = rule.params.perCounty;
  const need = rule.params.perCountyMin.value;
  const have = ctx.facilities.filter((f) => f.type === t).length;
  const violations: Violation[] = [];
  const label = FACILITY_TYPE_LABELS[t];
  if (have < need) {
    violations.push({
      rule: rule.id,
      severity: "error",
      county: ctx.props.code,
      message: msg(`${ctx.props.name}无${label.zh}`, `${ctx.props.name} has no ${label.en.toLowerCase()}`),
    });
  }
  for (const f of ctx.located) {
    if (f.type !== "ems-station" || !f.county || f.county === ctx.props.code) continue;
    violations.push({
      rule: rule.id,
      severity: "error",
      facilityId: f.id,
      facilityName: f.name,
      county: ctx.props.code,
      lon: f.lon,
      lat: f.lat,
      message: msg(
        `${f.name}位于${ctx.props.name}境内，但登记属于 ${f.county}`,
        `${f.name} lies in ${ctx.props.name} but is registered to county ${f.county}`,
      ),
    });
  }
  return outcome(
    {
      rule: rule.id,
      status: violations.length > 0 ? "fail" : "pass",
      count: have,
      expected: need,
      message: msg(
        `${label.zh} ${have} 所（应至少 ${need} 所）${violations.length > (have < need ? 1 : 0) ? "；有急救站归属其他县" : ""}`,
        `${have} ${label.en.toLowerCase()}(s) (at least ${need} required)${violations.length > (have < need ? 1 : 0) ? "; some stations belong to another county" : ""}`,
      ),
    },
    violations,
  );
}

function ratioPer1000(rule: Rule & { kind: "ratio-per-1000" }, ctx: CountyContext): RuleOutcome {
  const target = rule.params.byCity?.[ctx.props.city] ?? rule.params.perThousand;
  const pop = populationOf(ctx);
  const scoped = ctx.facilities.filter(
    (f) => rule.appliesTo.includes(f.type) && (rule.id !== "THC-BEDS" || isPublic(f)),
  );
  const withBeds = scoped.filter((f) => typeof f.beds === "number" && Number.isFinite(f.beds));
  const base = { rule: rule.id, limit: target.value };
  if (pop === undefined || pop <= 0) {
    return outcome({
      ...base,
      status: "needs-data",
      message: msg("需要本县人口数据", "Needs the county's population"),
    });
  }
  if (withBeds.length === 0) {
    return outcome({
      ...base,
      status: "needs-data",
      message: msg("设施数据中无床位数", "No bed counts in the facility data"),
    });
  }
  const beds = withBeds.reduce((s, f) => s + (f.beds as number), 0);
  const ratio = (beds / pop) * 1000;
  const ok = target.bound === "inclusive" ? ratio >= target.value : ratio > target.value;
  const missing = scoped.length - withBeds.length;
  const popKind =
    ctx.population?.kind === "registered" ? { zh: "户籍", en: "registered" } : { zh: "常住", en: "resident" };
  const proxyZh = rule.id === "THC-BEDS" ? "（以全县人口近似服务人口）" : "";
  const proxyEn = rule.id === "THC-BEDS" ? " (county population used as the service population)" : "";
  return outcome({
    ...base,
    status: ok ? "pass" : "fail",
    count: beds,
    measured: ratio,
    expected: target.value,
    message: msg(
      `每千${popKind.zh}人口床位 ${fmtRatio(ratio, target.value, ok)} 张，目标 ${target.value} 张${ok ? "" : "，未达标"}${missing ? `（${missing} 所设施无床位数）` : ""}${proxyZh}`,
      `${fmtRatio(ratio, target.value, ok)} beds per 1,000 ${popKind.en} population against ${target.value}${ok ? "" : ": below target"}${missing ? ` (${missing} facilities lack a bed count)` : ""}${proxyEn}`,
    ),
  });
}
