import type { Feature, MultiPolygon, Polygon } from "geojson";
import { type CountyProps, FACILITY_TYPE_LABELS, type Facility, gradeLabel, HOSPITAL_KIND_LABELS } from "../model";
import type { AnalysisReport, Check, CheckStatus, Divisions, Rule, RuleSet, TownshipRow } from "../rules";
import { notBindingNote, subCentreNotStated } from "../rules/comparison";
import { planRadius } from "../rules/kinds/radius-coverage";
import {
  planPeriodNote,
  RADIUS_COVERAGE,
  REFERENCE_LABEL,
  SUB_CENTRE_CANDIDATE,
  unplacedNote,
} from "../rules/messages";
import { bookTitle } from "../rules/schema";
import { comparison } from "./compare";
import { areaKm2, coveredPct, distanceKm, roundKeepingSide, STEP, uncoveredKm2 } from "./rounding";
import { geometryKindLabel } from "./tables";
import {
  bindingProvenance,
  type PlacedViolation,
  type PlacedViolationProps,
  placeViolations,
  shortCitation,
} from "./violations";

/** A data source and what to keep in mind about it. */
export interface SourceNote {
  title: string;
  caveat?: string;
}

/** A map image for a county section: PNG bytes and size, with its legend (text). */
export interface SectionMap {
  png: Uint8Array;
  width: number;
  height: number;
  legend?: Array<{ label: string; color: [number, number, number]; shape: string }>;
  caption?: string;
}

/** What the review report is built from. */
export interface ReviewInput {
  report: AnalysisReport;
  ruleSet: RuleSet;
  counties: Array<Feature<Polygon | MultiPolygon, CountyProps>>;
  facilities: Facility[];
  divisions?: Divisions | null;
  /** City name as written in Chinese (e.g. 南阳市). */
  cityName: string;
  /** The city's romanised name (Nanyang), said beside the Chinese with the rule set. */
  cityNameEn?: string;
  /** One county's code for a county report; the whole city otherwise. */
  county?: string;
  /** Data sources with their caveats. */
  sources: SourceNote[];
  /** Whether the facility data (or part of it) is invented sample data: said on the cover and in the sources. */
  invented: boolean;
  /** Map image per county code (from the app's map or {@link renderCountyMap}); a placeholder note otherwise. */
  maps?: Record<string, SectionMap>;
  /** ISO time the report is dated (default: the analysis time). */
  generatedAt?: string;
  /**
   * The same analysis without the plan's proposed sites (the app's and the CLI's "before"): the report then gives what
   * the sites change, before → after, for the counties it covers (the user trial, s50 M1: the Plan tab's
   * 「86.3% → 95.6%」, the figure a county plan cites, was in no export).
   */
  baseline?: AnalysisReport;
}

/** One check of one county, as the report prints it (Chinese; figures rounded, never across the limit). */
export interface CheckRow {
  rule: string;
  description: string;
  status: CheckStatus;
  statusLabel: string;
  measured: string;
  limit: string;
  citation: string;
  /** The check's own sentence. */
  note: string;
  /**
   * What a check that is not 待核 needs said under its table: it counts the proposed sites (its verdict before them),
   * or it is met at a radius stricter than the plan's (so the plan's is met too). Absent: nothing to say (the re-check,
   * s55c N1: a pass resting on an unbuilt site, or met at 10 km beside the plan's 20 km, had no word in the report).
   */
  remark?: string;
}

export interface ViolationRow {
  rule: string;
  severity: string;
  where: string;
  text: string;
  distanceKm?: number;
  limitKm?: number;
  /** The measured figure and the limit, where the row has them (「12.6 km / ≥ 15 km」); 「—」 where it does not. */
  figure: string;
  place: string;
  citation: string;
}

export interface CountySection {
  code: string;
  name: string;
  kind: string;
  areaKm2: number;
  urbanAreaKm2: number;
  population?: number;
  map?: SectionMap;
  mapNote: string;
  checks: CheckRow[];
  violations: ViolationRow[];
  /**
   * How many violation and review rows the county has: `violations.length`, or more where a county the list leaves out
   * has its township and village rows summed up by rule in the whole city's report.
   */
  violationCount: number;
  /** Counts of this county's checks by status. */
  tally: Record<CheckStatus, number>;
  /**
   * The imported facility list had no facility in this county (the report's `listScope`): said under its tally, so
   * that its failures read as the list's, not the county's.
   */
  listNote?: string;
  /**
   * What the section says of sub-centres, one line each, after its checks: that the rule set sets no sub-centre rule
   * (001, the user trial s46-b #2), or each central THC against SUB-15KM.
   */
  subCentre?: string[];
  /**
   * The county's townships and streets as the app's township table shows them, one row of {@link TOWNSHIP_HEADER}'s
   * cells each (the re-trial, s49b #3: a reviewer signs off township by township, and the report had no such table);
   * absent for a county the list leaves out in the whole city's report, and for a county with no division list.
   */
  townships?: string[][];
}

/** The township table's headings in the review report (the app's 乡镇（街道）一览). */
export const TOWNSHIP_HEADER = [
  "乡镇（街道）",
  "类别",
  "卫生院 / 社区卫生服务中心",
  "距县域医疗中心 km",
  "行政村",
  "有卫生室",
  "无卫生室",
];

/**
 * One county's township rows for the review report: the centres by name (「（中心）」, 「（次中心）」), a township
 * with none 「无」, or for review where a refused row or an uncoded centre may be its own (「待核：第 40 行被拒收」,
 * 「无？待核」), the distance to 0.01 km, the villages, those with a clinic and without (「29（待核 1）」); 「?」 where
 * there is no facility data.
 */
export function townshipTableRows(rows: readonly TownshipRow[], limitKm?: number): string[][] {
  const kind: Record<TownshipRow["kind"], string> = { 镇: "镇", 乡: "乡", 街道: "街道", other: "其他" };
  return rows.map((r) => {
    const unknown = r.noFacilityData === true;
    const centres = unknown
      ? "?"
      : r.centres.length > 0
        ? r.centres
            .map(
              (c) =>
                `${c.name}${c.subCentre ? "（次中心）" : c.central ? "（中心）" : ""}${c.proposed ? "（拟建）" : ""}`,
            )
            .join("、")
        : r.refusedCentres
          ? `待核：第 ${r.refusedCentres.map((x) => x.row).join("、")} 行${r.refusedCentres.every((x) => x.notCounted) ? "未计入" : "被拒收"}`
          : r.centreForReview
            ? "无？待核"
            : "无";
    // never rounded onto the sub-centre distance (14.996 km reads 14.99 against 15); each centre's where there are
    // several, the sub-centre marked (the re-trial, s49b #2: 博望镇 showed its central THC's 27.04 km alone)
    const fmt = (d: number) => distanceKm(d, limitKm).toFixed(2);
    const km =
      r.centres.length > 1 && r.centres.every((c) => c.distanceKm !== undefined)
        ? r.centres.map((c) => `${fmt(c.distanceKm as number)}${c.subCentre ? "（次中心）" : ""}`).join(" / ")
        : r.distanceToCountyCentreKm !== undefined
          ? fmt(r.distanceToCountyCentreKm)
          : "–";
    const without = unknown
      ? "?"
      : `${r.villagesWithoutClinic}${r.villagesForReview ? `（待核 ${r.villagesForReview}）` : ""}${r.villagesExempt ? `（另 ${r.villagesExempt} 个卫生院所在村免设）` : ""}`;
    return [
      r.name,
      kind[r.kind],
      centres,
      km,
      String(r.villages),
      unknown ? "?" : String(r.villagesWithClinic),
      without,
    ];
  });
}

/** The content of a review report, rendered to Word by {@link reviewDocx} and to HTML by {@link reviewHtml}. */
export interface ReviewDocument {
  title: string;
  scope: string;
  date: string;
  /** Invented-data notice, when it applies. */
  notice?: string;
  /**
   * The checks count the planner's proposed sites (not yet built): said on the cover, so that no verdict is read as
   * today's (the reviewer trial, s55b M2: the sites were named only in the sources, near the end of 62 pages).
   */
  planNotice?: string;
  /**
   * Which counties the imported facility list covered and which it had no facility in, named, and that those were
   * judged as having none: when the list leaves some judged county out (the report's `listScope`).
   */
  listScope?: string;
  /**
   * A city report of a rule set whose plan binds only some of the city's counties (002: 南宫市 alone): the plan's own
   * note and the context counties, each named once here; they get no section and no summary row (the user trial: a
   * 邢台市 report of 18 sections read 「不在规划范围」 throughout).
   */
  context?: string;
  /**
   * The divisions' units with no boundary (development zones), whose townships and villages no rule judges (the audit,
   * s50 M-4): named in a city report, never passed over. A county report leaves it out (they are no county's).
   */
  unplaced?: string;
  /**
   * What the proposed sites change ({@link ReviewInput.baseline}): the EMS radius rules' covered share, uncovered area
   * and verdict before → after, per county, and every other check whose verdict or message changed, with its sentence
   * now. Absent without a baseline or when nothing changed.
   */
  planEffect?: { header: string[]; rows: string[][]; checks: string[] };
  /**
   * The rule set and its documents. `noLocalPlan`: no document of the set binds the city (the national rules), said in
   * place of a bare list of documents, which a reader could take for plans binding the city: each document is listed
   * with the rules that quote it, as where the rule is stated. `line`: how the report names it, by the plan's title
   * and the city in Chinese and English (「规则集：南宫市规划（002）；城市：邢台市 Xingtai」), never by the internal `id`.
   */
  ruleSet: { id: string; title: string; documents: string[]; noLocalPlan?: string; line: string; period?: string };
  params: Array<[string, string]>;
  urbanDefinition: string;
  /** Rule columns of the summary table, and one row per county with a status per rule. */
  summary: {
    rules: Array<{ id: string; description: string }>;
    /** `notInList`: the imported list had no facility in the county (marked 「清单未含」 beside its name). */
    rows: Array<{ code: string; name: string; cells: CheckStatus[]; notInList?: true }>;
  };
  /** The city-wide indicators (全市指标) the county rows refer to as 「参考（全市核查）」, when the plan sets any. */
  city?: { heading: string; checks: CheckRow[] };
  counties: CountySection[];
  /** Each rule's plan text (documents binding the city), quoted. */
  citations: Array<{ rule: string; description: string; entries: Array<{ ref: string; text: string }> }>;
  /** Clauses of the plans this tool does not test (the rule set's `untested`), each with its line and why. */
  untested: Array<{ ref: string; text: string; why: string }>;
  sources: SourceNote[];
  /** How figures were rounded and how places of violations were chosen. */
  methodNotes: string[];
}

/** The heading of the proposed sites' before → after, under the summary table. */
export const PLAN_EFFECT_HEADING = "规划新增站点的效果（规划前 → 规划后；规划后为本报告各项结论所据）";

export const STATUS_LABEL: Record<CheckStatus, string> = {
  pass: "达标",
  fail: "不达标",
  review: "待核",
  info: "参考（全市核查）",
  "not-applicable": "不适用",
  "needs-data": "缺数据",
  "out-of-scope": "不在规划范围",
};

/** Short status marks for the summary table. */
/** The heading of the plans' clauses the tool does not test, under 五、规划依据 (known ones, not every line). */
export const UNTESTED_HEADING = "本工具未核查的规划条款（已知的，非全部；达标不代表这些条款已满足）";

export const STATUS_MARK: Record<CheckStatus, string> = {
  pass: "✓",
  fail: "✗",
  review: "◐",
  info: "ℹ",
  "not-applicable": "—",
  "needs-data": "?",
  "out-of-scope": "○",
};

const STATUS_ORDER: CheckStatus[] = ["pass", "fail", "review", "needs-data", "info", "not-applicable", "out-of-scope"];

/** The summary table's legend: every mark the table can show, with its meaning ("✓ 达标　✗ 不达标　…"). */
export function statusLegend(): string {
  return STATUS_ORDER.map((s) => `${STATUS_MARK[s]} ${STATUS_LABEL[s]}`).join("　");
}

/**
 * Why each check of a table is 待核, one line each under the table (「待核 EMS-URBAN：城区急救 5 km 覆盖率 90.2%…若其达二级即
 * 达标，待核，请补填等级」): the table gives the figure and the limit, not what is to be reviewed (the re-trial, s53b M-a:
 * 袁州区's 90.2 % read 待核 with the reason only in row 512 of the violation list).
 */
export function reviewReasons(checks: readonly CheckRow[]): string[] {
  return checks.flatMap((k) =>
    k.status === "review"
      ? [`待核 ${k.rule}：${k.note}`]
      : k.remark
        ? [`${STATUS_LABEL[k.status]} ${k.rule}：${k.remark}`]
        : [],
  );
}

/**
 * A county's checks counted by status, in words: pass, fail, needs-data and not-applicable always, the other statuses
 * when any check has them, so that the counts add up to the county's number of checks.
 */
export function tallyText(tally: Record<CheckStatus, number>): string {
  const always = new Set<CheckStatus>(["pass", "fail", "needs-data", "not-applicable"]);
  return STATUS_ORDER.filter((s) => always.has(s) || tally[s] > 0)
    .map((s) => `${STATUS_LABEL[s]} ${tally[s]} 项`)
    .join("，");
}

const KIND_LABEL: Record<CountyProps["kind"], string> = { district: "市辖区", county: "县", city: "县级市" };

const UNIT_ZH = { township: "乡镇", street: "街道", village: "行政村" } as const;

/** The grade a {@link gradeRank} stands for: 32 → "3B", 20 → "2". */
function gradeOfRank(rank: number): string {
  return `${Math.floor(rank / 10)}${["", "C", "B", "A"][rank % 10] ?? ""}`;
}

function pct(x: number): string {
  return `${x.toFixed(1)}%`;
}

/** Measured figure and limit of a check, in Chinese, rounded to 0.01 km / 0.1 km² / 0.1 % without crossing the limit. */
export function checkFigures(check: Check, rule: Rule | undefined): { measured: string; limit: string } {
  const na = check.status === "not-applicable" || check.status === "needs-data";
  switch (rule?.kind) {
    case "radius-coverage": {
      const area = rule.area === "urban" ? "城区" : "农村地区";
      const radius = check.radiusKm ?? check.limit;
      const range =
        rule.area === "rural" && rule.params.radiusKm.min !== undefined
          ? `（规划 ${rule.params.radiusKm.min}–${rule.params.radiusKm.max} km）`
          : "";
      const limit = `${area}每处距急救点 ≤ ${radius} km${range}`;
      if (check.coveredShare === undefined) return { measured: na ? "—" : "", limit };
      const unc = check.uncoveredAreaKm2 ?? 0;
      const rings = (check.rings ?? [])
        .map((r) => `${r.radiusKm} km 内 ${pct(coveredPct(r.coveredShare, r.coveredShare >= 1))}`)
        .join("，");
      const main = `覆盖 ${pct(coveredPct(check.coveredShare, unc <= 0))}${unc > 0 ? `，缺口 ${uncoveredKm2(unc).toFixed(1)} km²` : ""}`;
      return { measured: `${main}${rings ? `（${rings}）` : ""}`, limit };
    }
    case "travel-time": {
      const max = check.limitMinutes ?? rule.params.maxMinutes.value;
      const limit = `平均 ≤ ${max} 分钟`;
      if (check.status === "needs-data" || check.meanMinutes === undefined) return { measured: "需路网数据", limit };
      if (check.meanMinutes === null) return { measured: "路网上无可达的急救点", limit };
      const over = check.weighting === "population" ? "按人口" : "按面积";
      const within =
        check.shareWithinLimit !== undefined
          ? `，${max} 分钟内 ${pct(coveredPct(check.shareWithinLimit, check.shareWithinLimit >= 1))}`
          : "";
      // to 0.1 minute, never rounded onto the other side of the limit
      const mean = roundKeepingSide(check.meanMinutes, 0.1, (x) => (check.meanMinutes as number) <= max === x <= max);
      return { measured: `平均 ${mean.toFixed(1)} 分钟（${over}）${within}`, limit };
    }
    case "min-distance-outside-urban": {
      const limitKm = check.limit ?? rule.params.minDistanceKm.value;
      const limit = `城区之外，距县域医疗中心 ≥ ${limitKm} km`;
      if (check.measured === undefined) return { measured: na ? "无次中心" : "—", limit };
      return {
        measured: `最近的次中心 ${distanceKm(check.measured, limitKm).toFixed(2)} km（次中心共 ${check.count ?? 0} 所）`,
        limit,
      };
    }
    case "count-by-population-band": {
      const e = check.expected;
      const limit = Array.isArray(e) ? `${e[0]}–${e[1]} 所` : "按人口分档";
      return { measured: `合格次中心 ${check.count ?? 0} 所`, limit };
    }
    case "one-per-unit": {
      const unit = UNIT_ZH[rule.unit];
      const limit = `每个${unit} ≥ ${rule.params.perUnit.value} 所`;
      const unknown = check.unknown ?? 0;
      if (check.expected === undefined || (check.status === "needs-data" && unknown === 0 && !check.ownershipUnknown))
        return { measured: "—", limit };
      const lacking = check.measured ?? 0;
      // facilities without unit codes may stand in some lacking units: as the check says, not 「缺 16 个」 (the
      // planner trial: the report read 「0/16 个乡镇具备，缺 16 个」 beside the screen's 「至少 11 个确缺」)
      // how many surely lack one, said once (the trial, s44-a #9: 「至少 410 个确缺」 then 「398 个确缺」 in one sentence)
      // lacking units whose facility is in a row refused for its position are for review, as the check says (the
      // trial, s46-a #1: the report read 「至少 20 个确缺」 beside the county table's 「至少 15 个确缺」)
      const refused = check.refused ?? 0;
      const sure = Math.max(0, lacking - (check.mayBeExempt ?? 0) - refused - unknown);
      const sureText = sure > 0 ? `${unknown > 0 ? "至少 " : ""}${sure} 个确缺` : "待补代码核查";
      // (units named only by rows kept where they lie, outside the county or in another, said as such: not counted)
      const notCounted = Math.min(refused, check.notCounted ?? 0);
      const reasons = [
        ...(refused > notCounted ? [`${refused - notCounted} 个的设施在清单中因坐标被拒收`] : []),
        ...(notCounted > 0 ? [`${notCounted} 个的设施在清单中但坐标不在本县，未计入`] : []),
      ];
      const refusedText =
        refused > 0
          ? `，其中 ${reasons.join("、")}（待核）${unknown > 0 || check.mayBeExempt ? "" : `，${sureText}`}`
          : "";
      const uncoded =
        unknown > 0
          ? `，其中 ${unknown} 个可能有未定${unit}的设施（未填代码或名称未匹配${check.mayBeExempt ? "" : `；${sureText}`}）`
          : "";
      // units whose facilities do not say their ownership, where the plan asks for public ones: neither met nor lacking
      const owned = check.ownershipUnknown ? `，${check.ownershipUnknown} 个所有制未填待核` : "";
      // lacking villages that may be a THC's, which the plan exempts: as the check says (the reviewer trial, s41-a #4:
      // the report dropped the screen's caveat)
      const exempt = check.mayBeExempt
        ? `，其中至多 ${check.mayBeExempt} 个可能为乡镇卫生院所在村而免设（待核），${sureText}`
        : "";
      return {
        measured: `${check.count ?? 0}/${check.expected} 个${unit}具备，缺 ${lacking} 个${refusedText}${uncoded}${exempt}${owned}`,
        limit,
      };
    }
    case "required-set":
      return {
        // a kind met by a hospital whose ownership is not given, counted as public: said (the re-trial, s51b)
        measured:
          check.expected !== undefined
            ? `具备 ${check.count ?? 0}/${check.expected}${check.assumedPublic?.length ? `（${check.assumedPublic.join("、")}所有制未填，按公立计）` : ""}`
            : "—",
        // the grade in words: 「（≥ 2）」 read as 「at least 2 hospitals」 (the reviewer trial)
        // the kinds by name (the reviewer trial: 「1 类各 1 所」 for COUNTY-TCM)
        limit: `${rule.params.required.map((k) => `公立${HOSPITAL_KIND_LABELS[k].zh}`).join("、")}${rule.params.required.length > 1 ? "各" : " ≥"} 1 所${rule.params.minGrade ? `，均达${gradeLabel(rule.params.minGrade).zh}及以上` : ""}`,
      };
    case "share-of-type": {
      const target = rule.params.share.value;
      const tol = rule.params.tolerance.value;
      const limit = `约 ${pct(target * 100)}（± ${pct(tol * 100)}）`;
      if (check.measured === undefined) return { measured: "—", limit };
      const shown = roundKeepingSide(check.measured * 100, STEP.pct, (x) => Math.abs(x / 100 - target) <= tol + 1e-12);
      // a share of a subset says what it counts and of how many: 「中心乡镇卫生院 5 / 16 所（公立乡镇卫生院），31.3%」
      const part = rule.numerator.map((t) => FACILITY_TYPE_LABELS[t].zh).join("、");
      const whole = rule.appliesTo.map((t) => FACILITY_TYPE_LABELS[t].zh).join("、");
      return {
        measured: `${part} ${check.count ?? 0} / ${check.total ?? "?"} 所（公立${whole}），${pct(shown)}`,
        limit,
      };
    }
    case "no-new-in-urban":
      return { measured: `拟建综合医院 ${check.count ?? 0} 所在主城区内`, limit: "0 所" };
    case "tiers":
      return {
        measured: `${rule.params.countyHub.map((t) => FACILITY_TYPE_LABELS[t].zh).join("、")} ${check.count ?? 0} 所`,
        limit: `本县${rule.params.countyHub.length > 1 ? "急救中心（站）" : "120 急救指挥中心"} ≥ 1 所${rule.params.cityHubServesDistricts ? "；市辖区由市级急救中心服务" : ""}`,
      };
    case "indicator": {
      const t = check.limit ?? rule.params.target.target.value;
      // the check's own bound (the city's target under the comparison set), else the rule's
      const bound = check.limitExclusive
        ? "exclusive"
        : rule.params.byCity
          ? undefined
          : rule.params.target.target.bound;
      const op = bound === "exclusive" ? ">" : "≥";
      const per = rule.params.per === 10000 ? "万人" : "千人";
      // the check's nature, else the rule's (a county out of the plan's scope has checks without one)
      const nature = check.nature ?? (rule.params.byCity ? undefined : rule.params.target.nature);
      const limit = `${op} ${t} /${per}（${nature === "binding" ? "约束性" : "预期性"}，全市核查）`;
      if (check.measured === undefined) return { measured: "—", limit };
      const shown = roundKeepingSide(check.measured, STEP.ratio, (x) => (op === ">" ? x > t : x >= t));
      return { measured: `${check.unknown ? "至少 " : ""}${shown.toFixed(2)} /${per}`, limit };
    }
    case "ownership-share": {
      const t = rule.params.share.value;
      const limit = `≥ ${pct(t * 100)}（全市核查）`;
      if (check.measured === undefined) return { measured: "—", limit };
      const shown = roundKeepingSide(check.measured * 100, STEP.pct, (x) => x / 100 >= t);
      const who = rule.params.counts === "government" ? "政府办" : "公立";
      const of = rule.appliesTo.map((t) => FACILITY_TYPE_LABELS[t].zh).join("、");
      const base = `${who} ${check.count ?? 0} / ${check.total ?? "?"} 所${of}，${pct(shown)}`;
      // ownership not stated: the share is a range, not the low end alone (a 缺数据 row must not read as measured)
      if (!check.unknown || !check.total) return { measured: base, limit };
      const high = roundKeepingSide(
        (((check.count ?? 0) + check.unknown) / check.total) * 100,
        STEP.pct,
        (x) => x / 100 >= t,
      );
      const unclear = rule.params.counts === "government" ? "性质不明或仅注明公立" : "性质不明";
      return { measured: `${base}；${check.unknown} 所${unclear}，比例在 ${pct(shown)}–${pct(high)} 之间`, limit };
    }
    case "minimum-for-population":
      return {
        // the beds counted; none where the county's population is outside the band the plan states (not-applicable)
        measured: check.measured !== undefined && check.status !== "not-applicable" ? `${check.measured} 张` : "—",
        limit: `≥ ${rule.params.minimum.value} 张（${rule.params.populationMin.value / 10000}–${rule.params.populationMax.value / 10000} 万人口）`,
      };
    case "per-centre-beds":
      return {
        measured:
          check.expected !== undefined
            ? `${check.count ?? 0}/${check.expected} 所可核，${check.measured ?? 0} 所不足`
            : "—",
        limit: `每所按服务人口每千人 ${rule.params.bedsPerThousand.value} 张`,
      };
    case "peoples-hospital-grade":
      return {
        // no hospital in the data: said, not 「未达」, which reads as a grade measured (the user trial, s47)
        measured:
          check.measured === undefined
            ? check.status === "fail" || check.status === "review"
              ? "数据中无县人民医院"
              : "—"
            : `${gradeLabel(gradeOfRank(check.measured)).zh}，${check.status === "pass" ? "已达" : "未达"}`,
        // the grade in words, as the plans write it (the re-trial, s48 #6: 「未达」 beside 「≥ 3 级」)
        limit: `≥ ${gradeLabel(rule.params.minGrade).zh}`,
      };
    default:
      return { measured: check.measured !== undefined ? String(check.measured) : "—", limit: "" };
  }
}

/** The parameters the rule set's rules use (a rule set without sub-centre rules has no sub-centre rows). */
function fmtParams(report: AnalysisReport, ruleSet: RuleSet): Array<[string, string]> {
  const p = report.params;
  const has = (id: string) => ruleSet.rules.some((r) => r.id === id);
  const rows: Array<[string, string] | false> = [
    has("EMS-URBAN") && ["城区急救服务半径", `${p.urbanRadiusKm} km`],
    has("EMS-RURAL") && ["农村急救服务半径", `${p.ruralRadiusKm} km`],
    has("SUB-15KM") && ["次中心距县域医疗中心", `≥ ${p.subCentreMinKm} km`],
    has("SUB-COUNT") && [
      "次中心数量口径",
      p.subCountVariant === "bands" ? "按常住人口分档（003:213）" : "每县 1–2 所（003:143）",
    ],
    // the analysis's own words for the network it counted (a district counts the city's network), never a second text
    (has("EMS-URBAN") || has("EMS-RURAL")) && ["急救网络口径", report.emsNetworkUsed.zh],
    ["距离", "WGS84 椭球大地线直线距离（非道路距离）"],
    ["覆盖计算网格", `${p.cellSizeM} m（县域中心横轴墨卡托投影）`],
  ];
  return rows.filter((r): r is [string, string] => r !== false);
}

/**
 * What the report says of its documents when none binds the city (a city analysed on the national rules): no local
 * plan is loaded, the rules are the national-standard requirements the plans share, and each document is named with
 * the rules quoting it, as the place each is stated, not as a plan that applies to the city.
 */
export function noLocalPlanText(ruleSet: RuleSet, cityName: string): string {
  const cited = ruleSet.documents.flatMap((d) => {
    const rules = ruleSet.rules.filter((r) => r.provenance.some((p) => p.doc === d.file)).map((r) => r.id);
    // 「用于」, not the rules in brackets: a document number already stands in brackets after the title
    return rules.length ? [`${d.file}${bookTitle(d)}用于 ${rules.join("、")}`] : [];
  });
  const city = cityName || "本市";
  return `${city}未加载本地规划。以下条款为各市规划共有的规定（至少两份规划一致规定者），不是国家标准文件的条文，引文所在文件为：${cited.join("；")}。这些规划各自只约束本市，在此仅注明条文出处，不表示这些规划适用于${city}。`;
}

function dateOf(iso: string): string {
  const d = new Date(iso);
  return `${d.getUTCFullYear()} 年 ${d.getUTCMonth() + 1} 月 ${d.getUTCDate()} 日`;
}

/**
 * The urban-area line of the report: the definition used, then, as a sentence of its own (the definition may end in a
 * bracket), that the plans do not define it.
 */
export function urbanLine(definition: string): string {
  return `所用城区口径：${definition.replace(/[。；]$/, "")}。各规划未界定城区，本工具按此口径计算。`;
}

/**
 * The content of a review report (审查报告) in Chinese for the city or one county: rule set and parameters, the
 * urban-area definition used, a summary table (county × rule status), a section per county with its map (or a
 * placeholder note), every check with its figure, limit and citation, its violations with their places, the plan
 * text cited, the data sources and their caveats. Pure: the same input gives the same document.
 */
export function buildReview(input: ReviewInput): ReviewDocument {
  const { report, ruleSet } = input;
  const cityEn = input.cityNameEn?.replace(/\s*\([^)]*\)\s*$/, "");
  const countyByCode = new Map(input.counties.map((c) => [c.properties.code, c]));
  // a city report covers the counties the plan binds: the context counties are named once (`context`), no more
  const context = new Set(input.county ? [] : report.scope.context);
  const scoped = report.counties.filter((c) => (input.county ? c.code === input.county : !context.has(c.code)));
  if (input.county && scoped.length === 0) throw new Error(`county ${input.county} is not in the analysis`);
  const city = input.counties[0]?.properties.city;
  const rules = ruleSet.rules;
  const placed = placeViolations({
    violations: report.violations.filter((v) => !input.county || v.county === input.county),
    report,
    ruleSet,
    counties: input.counties,
    divisions: input.divisions,
    facilities: input.facilities,
  });
  const byCounty = new Map<string, PlacedViolation[]>();
  for (const p of placed) {
    const list = byCounty.get(p.properties.county) ?? [];
    list.push(p);
    byCounty.set(p.properties.county, list);
  }
  const scope = input.county ? (scoped[0]?.name ?? input.county) : input.cityName;
  const contextNames = report.counties.filter((c) => context.has(c.code)).map((c) => c.name);
  const judgedNames = scoped.map((c) => c.name).join("、");
  // the facilities by their county code, grouped once (not once per check row)
  const facilitiesByCounty = new Map<string, Facility[]>();
  for (const f of input.facilities) {
    if (!f.county) continue;
    const list = facilitiesByCounty.get(f.county);
    if (list) list.push(f);
    else facilitiesByCounty.set(f.county, [f]);
  }
  const changed = beforePlan(report, input.baseline);
  const checkRow = (k: Check, county?: string): CheckRow => {
    const rule = rules.find((r) => r.id === k.rule);
    const before = county === undefined ? undefined : changed.get(`${county}|${k.rule}`);
    // a county's check row cites an exemption line only where the county has a facility it sets aside
    const involved = county === undefined ? input.facilities : (facilitiesByCounty.get(county) ?? []);
    return {
      rule: k.rule,
      description: rule?.description.zh ?? k.rule,
      status: k.status,
      statusLabel: `${STATUS_LABEL[k.status]}${before ? "（含规划）" : ""}`,
      ...checkFigures(k, rule),
      // in the comparison set, a rule of another city's plan says it does not bind this one (the user trial, s46-b #2)
      citation:
        shortCitation(bindingProvenance(ruleSet, k.rule, city, involved)) +
        (notBindingNote(ruleSet, k.rule, city)?.zh ?? ""),
      note: before ? `【计入规划新增站点，尚未建成】${before}。${k.message.zh}` : k.message.zh,
      ...remarkOf(k, rule, before),
    };
  };
  const notInList = new Set(report.listScope?.missing ?? []);
  const notStated = subCentreNotStated(ruleSet, city);
  const subCentreLines = notStated ? [`${notStated.zh}。`] : [];
  const sections: CountySection[] = scoped.map((c) => {
    const props = countyByCode.get(c.code)?.properties;
    const tally: Record<CheckStatus, number> = {
      pass: 0,
      fail: 0,
      review: 0,
      info: 0,
      "not-applicable": 0,
      "needs-data": 0,
      "out-of-scope": 0,
    };
    const checks: CheckRow[] = c.checks.map((k) => {
      tally[k.status]++;
      return checkRow(k, c.code);
    });
    const rows: ViolationRow[] = (byCounty.get(c.code) ?? []).map((p) => {
      const v = p.properties;
      const where =
        v.facilityName ?? (v.unitName ? `${v.townshipName ? `${v.townshipName} ` : ""}${v.unitName}` : c.name);
      const [lon, lat] = p.geometry?.coordinates ?? [];
      return {
        rule: v.rule,
        // a row of a rule that does not bind the county's city (the comparison set) says so where its verdict is (the
        // user trial, s47: 535 rows of the report's table read as binding)
        // and a review row sharing a doubt with its group says the group's sure shortfall (the trial, s51 #2)
        severity:
          (v.severity === "error" ? "违规" : "待核查") +
          (v.severity === "review" && v.groupRows !== undefined && (v.groupSurelyLacking ?? 0) > 0
            ? `（同组 ${v.groupRows} 条中至少 ${v.groupSurelyLacking} 个确缺）`
            : "") +
          (v.notBindingZh !== undefined ? "（仅作对比）" : ""),
        where,
        text: v.messageZh + nearestNote(v),
        ...(v.distanceKm !== undefined ? { distanceKm: v.distanceKm } : {}),
        ...(v.limitKm !== undefined ? { limitKm: v.limitKm } : {}),
        figure: violationFigure(v, rules.find((r) => r.id === v.rule)?.kind),
        place:
          lon !== undefined
            ? // the facility standing in, named (the reviewer trial: a missing THC at 「该乡镇/村登记的设施」, unnamed,
              // was a 村卫生室 on the map)
              `${lon.toFixed(5)}, ${lat.toFixed(5)}（${geometryKindLabel(v.geometryKind, "zh")}${v.placeName ? `：${v.placeName.replace(/[（）()]/g, " ").trim()}` : ""}）`
            : geometryKindLabel(v.geometryKind, "zh"),
        citation: v.citation,
      };
    });
    // a county the list leaves out, in the whole city's report: its township and village rows, one per unit the list
    // has nothing for, are summed up by rule (the user trial, s49 #4: 1,504 of a two-county list's 2,032 rows were the
    // other counties', unit by unit, in a report of about 15,000 paragraphs); the exports keep every row, and the
    // county's own report lists them
    const violations = notInList.has(c.code) && !input.county ? unitRowsSummed(rows, byCounty.get(c.code) ?? []) : rows;
    const map = input.maps?.[c.code];
    // every central THC against the sub-centre conditions, named with its distance (the user trial, s46-b #7)
    const sub15 = c.checks.find((k) => k.rule === "SUB-15KM");
    const candidates =
      sub15?.reference && sub15.limit !== undefined && sub15.status !== "out-of-scope"
        ? [
            (notBindingNote(ruleSet, "SUB-15KM", city)?.zh ?? "") +
              SUB_CENTRE_CANDIDATE.paragraph(
                sub15.limit,
                `${sub15.reference.name}为${REFERENCE_LABEL[sub15.reference.kind].zh}`,
                (sub15.candidates ?? []).map((x) => x.text.zh),
              ),
          ]
        : [];
    const subCentre = [...subCentreLines, ...candidates];
    const townshipRows = report.townships.filter((t) => t.county === c.code);
    const townships =
      townshipRows.length > 0 && !(notInList.has(c.code) && !input.county)
        ? townshipTableRows(townshipRows, sub15 && sub15.status !== "out-of-scope" ? sub15.limit : undefined)
        : undefined;
    return {
      code: c.code,
      name: c.name,
      kind: props ? KIND_LABEL[props.kind] : "",
      areaKm2: areaKm2(c.areaKm2),
      urbanAreaKm2: areaKm2(c.urbanAreaKm2),
      ...(c.population !== undefined ? { population: c.population } : {}),
      ...(map ? { map } : {}),
      mapNote: map ? (map.caption ?? "") : "（地图待补：调用方未提供本县地图图像）",
      checks,
      violations,
      violationCount: rows.length,
      tally,
      ...(notInList.has(c.code) ? { listNote: LIST_NOTE } : {}),
      ...(subCentre.length > 0 ? { subCentre } : {}),
      ...(townships ? { townships } : {}),
    };
  });
  const ruleIds = rules.map((r) => r.id);
  const citations = rules.map((r) => ({
    rule: r.id,
    description: r.description.zh,
    entries: bindingProvenance(ruleSet, r.id, city).map((p) => ({
      ref: `${p.doc}:${p.line}`,
      text: `${p.doc}${bookTitle(p)} ${p.section}，第 ${p.line} 行：「${p.quote}」`,
    })),
  }));
  const untested = (ruleSet.untested ?? []).map(({ provenance: p, why }) => ({
    ref: `${p.doc}:${p.line}`,
    text: `${p.doc}${bookTitle(p)} ${p.section}，第 ${p.line} 行：「${p.quote}」`,
    why: why.zh,
  }));
  const date = dateOf(input.generatedAt ?? report.generatedAt);
  return {
    title: `${scope}医疗卫生设施布局审查报告`,
    scope: input.county
      ? `${input.cityName}${scope}`
      : contextNames.length > 0
        ? `${input.cityName}（规划范围：${judgedNames}）`
        : input.cityName,
    date,
    ...(contextNames.length > 0 ? { context: contextText(report.scope.note.zh, contextNames) } : {}),
    ...(!input.county && report.scope.unplaced ? { unplaced: unplacedNote(report.scope.unplaced).zh } : {}),
    ...planEffectOf(report, input.baseline, new Set(scoped.map((c) => c.code))),
    ...(input.facilities.some((f) => f.proposed)
      ? {
          planNotice:
            "本报告的核查结论计入了规划新增站点（尚未建成）：判定的是规划方案，不是现状；各站点见“六、数据来源与说明”，其效果（规划前 → 后）见汇总表后；受其影响的检查项，结论标“（含规划）”，说明中写明规划前的结论。",
        }
      : {}),
    ...(input.invented
      ? {
          notice: "本报告所用设施数据为虚构示例数据（位置与属性均为生成），结论仅用于演示工具，不反映实际情况。",
        }
      : {}),
    ...(report.listScope ? { listScope: listScopeText(report.listScope, report) } : {}),
    ruleSet: {
      ...periodOf(ruleSet, (input.generatedAt ?? report.generatedAt).slice(0, 10)),
      id: ruleSet.id,
      title: ruleSet.title.zh,
      // the city's own name: 邢台市 is "Xingtai (Nangong)" in the city list, which says what the plan's title says
      line: `规则集：${ruleSet.title.zh}；城市：${input.cityName}${cityEn ? ` ${cityEn}` : ""}`,
      documents: ruleSet.documents.map((d) => `${d.file}${bookTitle(d)}`),
      ...(ruleSet.documents.some((d) => d.city === city)
        ? {}
        : { noLocalPlan: noLocalPlanText(ruleSet, input.cityName) }),
    },
    params: fmtParams(report, ruleSet),
    urbanDefinition: report.urbanDefinitionUsed.zh,
    summary: {
      rules: ruleIds.map((id) => ({ id, description: rules.find((r) => r.id === id)?.description.zh ?? id })),
      rows: scoped.map((c) => ({
        code: c.code,
        name: c.name,
        cells: ruleIds.map((id) => c.checks.find((k) => k.rule === id)?.status ?? "not-applicable"),
        ...(notInList.has(c.code) ? { notInList: true as const } : {}),
      })),
    },
    ...(report.city?.checks.length
      ? {
          city: {
            heading: `全市指标（所核查的 ${report.city.counties.length} 个县区合计${report.city.population !== undefined ? `，人口 ${report.city.population.toLocaleString("en-US")} 人` : ""}）`,
            checks: report.city.checks.map((k) => checkRow(k)),
          },
        }
      : {}),
    counties: sections,
    citations,
    untested,
    sources: [
      ...input.sources,
      // said once: sources made by reportSources already say it on the facility line
      ...(input.invented && !input.sources.some((s) => `${s.title}${s.caveat ?? ""}`.includes("虚构"))
        ? [{ title: "设施数据", caveat: "虚构示例数据：由脚本按固定随机种子生成，位置与属性均非真实。" }]
        : []),
    ],
    methodNotes: [
      "距离为 WGS84 椭球面大地线距离，取 0.01 km；面积取 0.1 km²；比例取 0.1%。",
      "凡不达标的数值一律向不达标一侧取舍（如覆盖率 99.96% 记为 99.9%，距离 14.996 km 对 15 km 限值记为 14.99 km，缺口 0.04 km² 记为 0.1 km²），不会因四舍五入显示为达到限值。",
      "违规位置：设施类违规取设施坐标；缺乡镇卫生院、村卫生室等按乡镇/村驻地（如提供），否则取该乡镇/村登记的设施或所在乡镇卫生院位置，再否则取县域内代表点，均在“位置”一栏注明。",
      "各规划只约束本市：引用条文只列约束本市的规划文件（无则列全部）。",
    ],
  };
}

/**
 * The city report's line on the counties its rule set does not bind: the plan's note, then the context counties, each
 * named once, with what the report does with them.
 */
export function contextText(note: string, names: readonly string[]): string {
  return `${note.replace(/[。；]$/, "")}。背景县区 ${names.length} 个（${names.join("、")}）不受本规则集约束，未核查，本报告不列其章节与汇总行。`;
}

/** A county section's note when the imported list had no facility in the county. */
/**
 * A county's violation rows with those about a township or village (a unit row) replaced by one row per rule saying
 * how many units it has and where each one is: for a county the imported list leaves out, whose unit rows only repeat
 * that the list has nothing there.
 */
function unitRowsSummed(rows: ViolationRow[], placed: readonly PlacedViolation[]): ViolationRow[] {
  const out: ViolationRow[] = [];
  const byRule = new Map<string, { row: ViolationRow; n: number; level: "township" | "village" | undefined }>();
  rows.forEach((row, i) => {
    const p = placed[i]?.properties;
    if (!p?.unitCode) {
      out.push(row);
      return;
    }
    const seen = byRule.get(row.rule);
    if (seen) seen.n++;
    else {
      const summed = { row: { ...row }, n: 1, level: p.unitLevel };
      byRule.set(row.rule, summed);
      out.push(summed.row);
    }
  });
  for (const { row, n, level } of byRule.values()) {
    const unit = level === "village" ? "行政村" : "乡镇（街道）";
    row.where = `${n} 个${unit}`;
    row.text = `清单未含本县区：${n} 个${unit}均按无设施计，逐个从略（见本县区的审查报告，或违规清单 CSV、GeoJSON）`;
    row.figure = "—";
    row.place = "—";
  }
  return out;
}

export const LIST_NOTE =
  "本县区在设施清单中没有任何设施，按“无设施”核查：以下不达标项与违规反映清单未含本县区，不反映其实况（清单未含）。";

/**
 * The report's sentence on an imported list that leaves counties out: the counties it covered and the others, each
 * named, judged as having no facility.
 */
export function listScopeText(
  scope: NonNullable<AnalysisReport["listScope"]>,
  report: Pick<AnalysisReport, "counties">,
): string {
  const name = (code: string) => report.counties.find((c) => c.code === code)?.name ?? code;
  const covered = scope.covered.map(name).join("、");
  const missing = scope.missing.map(name).join("、");
  return `所用设施清单只含 ${scope.covered.length} 个县区（${covered}）的设施；其余 ${scope.missing.length} 个县区（${missing}）在清单中没有任何设施，均按“无设施”核查：它们的不达标项与违规反映清单未含这些县区，不反映其实况；全市指标中据清单计算者只据清单所含县区，不作达标判定。`;
}

/**
 * A violation row's measured figure and limit, as its check reads them (the reviewer trial: the rows had neither, only
 * the check table above): a distance and its bound, a coverage shortfall and its radius, a travel time and its limit.
 */
function violationFigure(v: PlacedViolationProps, kind: string | undefined): string {
  if (v.meanMinutes !== undefined && v.limitMinutes !== undefined)
    return `平均 ${v.meanMinutes} 分钟 / ≤ ${v.limitMinutes} 分钟`;
  if (v.uncoveredKm2 !== undefined && v.limitKm !== undefined)
    return `半径外 ${v.uncoveredKm2.toFixed(1)} km²，覆盖 ${v.coveredPct?.toFixed(1)}% / ≤ ${v.limitKm} km`;
  if (v.distanceKm !== undefined && v.limitKm !== undefined)
    return `${v.distanceKm} km / ${kind === "min-distance-outside-urban" ? "≥" : "≤"} ${v.limitKm} km`;
  // a township's or village's row: what it has of what the rule counts, and what it needs (the reviewer trial, s41-a #5)
  if (v.unitHas !== undefined && v.unitNeeds !== undefined) return `${v.unitHas} 所 / ≥ ${v.unitNeeds} 所`;
  // a grade rule's row: the hospital's grade and the grade asked for (the GIS trial, s42-a #8)
  if (v.grade !== undefined && v.gradeNeeded !== undefined)
    return `${gradeLabel(v.grade).zh} / ≥ ${gradeLabel(v.gradeNeeded).zh}`;
  return "—";
}

/**
 * A radius failure's words end with the EMS point counted nearest to its place: 「；标注点距最近急救点 卧龙区急救站 6.08 km」,
 * and without cross-border cover the nearest point outside the network that reaches it (the audit, s50 LOW-3):
 * 「；标注点在网络外急救点 桃溪镇中心卫生院急救站（内乡县）7.48 km 处，在其 20 km 半径内，未计跨县覆盖」.
 */
function nearestNote(
  v: Pick<
    PlacedViolationProps,
    | "nearestPointName"
    | "nearestPointId"
    | "nearestPointKm"
    | "neighbourPointName"
    | "neighbourPointId"
    | "neighbourPointCountyName"
    | "neighbourPointKm"
    | "limitKm"
  >,
): string {
  const near =
    v.nearestPointKm === undefined
      ? ""
      : `；标注点距最近急救点 ${v.nearestPointName ?? v.nearestPointId} ${v.nearestPointKm.toFixed(2)} km`;
  if (v.neighbourPointKm === undefined) return near;
  const county = v.neighbourPointCountyName ? `（${v.neighbourPointCountyName}）` : "";
  const radius = v.limitKm !== undefined ? `，在其 ${v.limitKm} km 半径内` : "";
  return `${near}；标注点在网络外急救点 ${v.neighbourPointName ?? v.neighbourPointId}${county} ${v.neighbourPointKm.toFixed(2)} km 处${radius}，未计跨县覆盖`;
}

/** The plans' periods and the check's date beside them (the audit, s50 L-1), when the documents state periods. */
function periodOf(ruleSet: RuleSet, date: string): { period?: string } {
  const note = planPeriodNote(ruleSet.documents, date);
  return note ? { period: note.zh } : {};
}

/**
 * The {@link CheckRow.remark} of a check: that it counts the proposed sites, with its verdict before them (`before`),
 * and that a radius stricter than the plan's was met, so the plan's is too.
 */
function remarkOf(k: Check, rule: Rule | undefined, before: string | undefined): { remark?: string } {
  const parts: string[] = [];
  if (before) parts.push(`计入规划新增站点（尚未建成），${before}`);
  // in the verdict's own words (rules/messages.ts), its citation too
  const plan = rule?.kind === "radius-coverage" ? planRadius(rule) : undefined;
  if (plan && k.status === "pass" && k.limit !== undefined && k.limit < plan.minKm)
    parts.push(RADIUS_COVERAGE.stricterMet(k.limit, plan.minKm, plan.cite).zh.replace(/^；/, ""));
  return parts.length ? { remark: parts.join("；") } : {};
}

/** A covered share of the before → after, to 0.1 % on its verdict's side; 「—」 where there was none. */
const share = (x: number | undefined) => (x === undefined ? "—" : pct(coveredPct(x, x >= 1)));
/** An uncovered area of the before → after, to 0.1 km²; 「—」 where there was none. */
const area = (x: number | undefined) => (x === undefined ? "—" : `${uncoveredKm2(x).toFixed(1)}`);

/**
 * Each county check the proposed sites changed, by 「code|rule」, with what it was before them (「规划前不达标（覆盖
 * 99.8%，未覆盖 5.2 km²）」): the check's row says it counts the sites (the reviewer trial, s55b M2: 袁州区 read 「达标
 * 100.0%」 with nothing saying P1, not yet built, made it so).
 */
function beforePlan(report: AnalysisReport, baseline: AnalysisReport | undefined): Map<string, string> {
  const cmp = comparison(report, baseline ?? null);
  const out = new Map<string, string>();
  for (const r of cmp?.rows ?? [])
    out.set(
      `${r.code}|${r.rule}`,
      `规划前${STATUS_LABEL[r.statusBefore]}（覆盖 ${share(r.before)}，未覆盖 ${area(r.gapBefore)} km²）`,
    );
  for (const c of cmp?.checks ?? [])
    if (!out.has(`${c.code}|${c.rule}`)) out.set(`${c.code}|${c.rule}`, `规划前${STATUS_LABEL[c.statusBefore]}`);
  return out;
}

/**
 * The before → after of the plan's proposed sites in the counties `codes` (see {@link ReviewDocument.planEffect}):
 * shares to 0.1 % on their verdict's side, areas to 0.1 km², as the rest of the report rounds them.
 */
function planEffectOf(
  report: AnalysisReport,
  baseline: AnalysisReport | undefined,
  codes: ReadonlySet<string>,
): { planEffect?: ReviewDocument["planEffect"] } {
  const cmp = comparison(report, baseline ?? null);
  if (!cmp) return {};
  const rows = cmp.rows
    .filter((r) => codes.has(r.code))
    .map((r) => [
      r.name,
      r.rule,
      `${share(r.before)} → ${share(r.after)}`,
      `${area(r.gapBefore)} → ${area(r.gapAfter)}`,
      `${STATUS_LABEL[r.statusBefore]} → ${STATUS_LABEL[r.statusAfter]}`,
    ]);
  const checks = cmp.checks
    .filter((c) => codes.has(c.code))
    .map(
      (c) =>
        `${c.name} ${c.rule}：${STATUS_LABEL[c.statusBefore]} → ${STATUS_LABEL[c.statusAfter]}；原为：${c.before.zh}；现为：${c.now.zh}`,
    );
  if (rows.length === 0 && checks.length === 0) return {};
  return {
    planEffect: {
      header: ["县区", "规则", "覆盖率（规划前 → 后）", "未覆盖 km²（前 → 后）", "结论（前 → 后）"],
      rows,
      checks,
    },
  };
}
