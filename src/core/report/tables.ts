import type { Feature, MultiPolygon, Polygon } from "geojson";
import { authalicAreaKm2 } from "../geo/area";
import { pointInPolygon } from "../geo/point-in-polygon";
import { type CsvColumn, exportCsv } from "../io/export";
import type { ShapefileLayer } from "../io/shapefile";
import type { RingProps } from "../layers/rings";
import { type CountyProps, type Facility, gradeLabel } from "../model";
import type { AnalysisReport, GapDiscs, GapFeature, ListScope } from "../rules";
import { bookTitle, type RuleSet } from "../rules/schema";
import { clipGapToArea, type ExactOutline, exactGapOutlines, type GapArea } from "./gap-clip";
import { coveredPct, uncoveredKm2 } from "./rounding";
import { bindingProvenance, type PlacedViolation, type PlacedViolationProps, shortCitation } from "./violations";

/** Interface language of an export's headers. */
export type Lang = "zh" | "en";

/**
 * A plan's words to be set inside double quotes (“…”): its own double quotes made single and its single quotes double,
 * so that quotes inside quotes alternate, as English writes them and as GB/T 15834 asks of Chinese (引号里面还要用引号
 * 时，外面一层用双引号，里面一层用单引号). 「南阳市“十四五”公共卫生体系和全民健康规划」 becomes 「南阳市‘十四五’公共卫生体系和全民健康规划」,
 * so that it reads “南阳市‘十四五’公共卫生体系和全民健康规划” in quotes, not “南阳市“十四五”…规划”. Text set in 《》 or 「」
 * (the report, the CSV's plan text) needs none.
 */
export function nestQuotes(text: string): string {
  const swap: Record<string, string> = { "“": "‘", "”": "’", "‘": "“", "’": "”" };
  return text.replace(/[“”‘’]/g, (c) => swap[c] ?? c);
}

/** "doc《title》（number） section，第 N 行：「quote」" for each provenance entry, one per line. */
export function citationText(p: PlacedViolationProps["provenance"]): string {
  return p.map((q) => `${q.doc}${bookTitle(q)} ${q.section}，第 ${q.line} 行：「${q.quote}」`).join("\n");
}

/**
 * How a violation's point was chosen, in words without brackets: the review report prints it in brackets after the
 * coordinates (「112.52, 33.01（代位：县域内代表点）」), so a bracketed label would be printed nested.
 */
const GEOMETRY_KIND_LABEL: Record<PlacedViolationProps["geometryKind"], { zh: string; en: string }> = {
  facility: { zh: "设施位置", en: "facility" },
  "unit-seat": { zh: "乡镇/村驻地", en: "unit seat" },
  "unit-facility": { zh: "该乡镇/村登记的设施", en: "a facility of the unit" },
  "township-health-centre": { zh: "代位：所在乡镇卫生院", en: "stand-in: its township's health centre" },
  "township-facility": {
    zh: "代位：所在乡镇登记的设施",
    en: "stand-in: a facility registered to its township",
  },
  "gap-interior": { zh: "最大缺口内点", en: "a point inside the largest gap" },
  "county-interior": { zh: "代位：县域内代表点", en: "stand-in: a point inside the county" },
  city: { zh: "全市性指标，无单一位置", en: "a city-wide indicator, no single place" },
  none: { zh: "无位置", en: "none" },
};

/** How a violation's point was chosen, in words. */
export function geometryKindLabel(kind: PlacedViolationProps["geometryKind"], lang: Lang): string {
  return GEOMETRY_KIND_LABEL[kind][lang];
}

/** A coordinate to 1e-7° (about 1 cm), as a CSV writes it. */
function degrees(x: number): number {
  return Math.round(x * 1e7) / 1e7;
}

/**
 * The violation list as Excel-friendly CSV (UTF-8 BOM, CRLF): the violation's id, county, rule and its description,
 * severity, facility or unit, measured distance and limit in km (0.01 km, never rounded onto the limit), a counting
 * rule's count, total, expected and measured figures, a coverage failure's uncovered km²,
 * covered %, time limit and mean, gap count and largest gap (0.1 km², 0.1 %), the point and how it was chosen,
 * the short citation and the quoted plan text, and the message, headers in `lang`.
 */
export function violationsCsv(
  placed: PlacedViolation[],
  lang: Lang,
  opts: { scenario?: { zh: string; en: string } } = {},
): string {
  const zh = lang === "zh";
  const { scenario } = opts;
  type Row = PlacedViolationProps & { lon?: number; lat?: number };
  // coordinates to 1e-7° (1 cm), not a float's tail (the EMS planner trial, s53 L5: 「114.25097500000001」)
  const rows: Row[] = placed.map((f) => {
    const p = f.properties;
    return {
      ...p,
      ...(f.geometry ? { lon: degrees(f.geometry.coordinates[0]), lat: degrees(f.geometry.coordinates[1]) } : {}),
      ...(p.listRowLon !== undefined ? { listRowLon: degrees(p.listRowLon) } : {}),
      ...(p.listRowLat !== undefined ? { listRowLat: degrees(p.listRowLat) } : {}),
      ...(p.measuredFromLon !== undefined ? { measuredFromLon: degrees(p.measuredFromLon) } : {}),
      ...(p.measuredFromLat !== undefined ? { measuredFromLat: degrees(p.measuredFromLat) } : {}),
    };
  });
  const cols: Array<CsvColumn<Row>> = [
    { header: zh ? "违规编号" : "violation_id", value: "violationId" },
    // results that count the planner's proposed sites judge the plan, not today (the user trial, s52 M3): said on
    // every row, as a CSV has no header of its own for it
    ...(scenario ? [{ header: zh ? "方案" : "scenario", value: () => (zh ? scenario.zh : scenario.en) }] : []),
    { header: zh ? "县区代码" : "county", value: "county" },
    { header: zh ? "县区" : "county_name", value: "countyName" },
    // the English name beside the Chinese one (kept for joins) in the English interface
    ...(zh ? [] : [{ header: "county_name_en", value: (r: Row) => r.countyNameEn ?? "" }]),
    // where an imported list leaves counties out: whether it had any facility in this row's county
    ...(rows.some((r) => r.countyInList !== undefined)
      ? [
          {
            header: zh ? "清单含本县区" : "county_in_list",
            value: (r: Row) =>
              r.countyInList === undefined
                ? ""
                : zh
                  ? r.countyInList
                    ? "是"
                    : "否（清单未含）"
                  : String(r.countyInList),
          },
        ]
      : []),
    { header: zh ? "规则" : "rule", value: "rule" },
    { header: zh ? "规则内容" : "rule_description", value: zh ? "ruleDescZh" : "ruleDescEn" },
    // in the comparison set, a rule no plan of the county's city states alike: the row compares, it does not bind; the
    // others say they bind (the re-trial, s47: a blank cell beside the notes read as unknown)
    // (a short tag to filter on, the note beside it: the re-trial, s48, could not filter a column of sentences)
    ...(rows.some((r) => r.notBindingZh !== undefined)
      ? [
          {
            header: zh ? "约束力" : "binding",
            value: (r: Row) =>
              r.notBindingZh !== undefined ? (zh ? "仅作对比" : "comparison only") : zh ? "具约束力" : "binding",
          },
          {
            header: zh ? "约束力说明" : "binding_note",
            value: (r: Row) => (zh ? r.notBindingZh : r.notBindingEn) ?? "",
          },
        ]
      : []),
    {
      header: zh ? "级别" : "severity",
      value: (r) => (zh ? (r.severity === "error" ? "违规" : "待核查") : r.severity),
    },
    { header: zh ? "设施编号" : "facility_id", value: "facilityId" },
    { header: zh ? "设施名称" : "facility_name", value: "facilityName" },
    { header: zh ? "单元代码" : "unit_code", value: "unitCode" },
    { header: zh ? "单元名称" : "unit_name", value: "unitName" },
    { header: zh ? "所属乡镇" : "township_name", value: "townshipName" },
    // a unit's own figures (a township or village row): what it has of what the rule counts, and what it needs
    { header: zh ? "本单元现有" : "unit_has", value: "unitHas" },
    { header: zh ? "本单元应有" : "unit_needs", value: "unitNeeds" },
    // a grade rule's row: the hospital's grade and the grade asked for, in words in the Chinese file (二级甲等, 三级: the
    // re-trial, s48 #6, read 「2A」 as a code left untranslated), as codes in the English one (2A, 3), as the facility
    // exports write grades
    {
      header: zh ? "等级" : "grade",
      value: (r) => (r.grade !== undefined && zh ? gradeLabel(r.grade).zh : r.grade),
    },
    {
      header: zh ? "应达等级" : "grade_needed",
      value: (r) => (r.gradeNeeded !== undefined && zh ? gradeLabel(r.gradeNeeded).zh : r.gradeNeeded),
    },
    { header: zh ? "实测距离_km" : "distance_km", value: "distanceKm" },
    { header: zh ? "限值_km" : "limit_km", value: "limitKm" },
    // SUB-15KM: the point the distance was measured from (the GIS trial, s45 #6)
    { header: zh ? "测距起点" : "measured_from", value: "measuredFromName" },
    { header: zh ? "起点经度" : "measured_from_lon", value: "measuredFromLon" },
    { header: zh ? "起点纬度" : "measured_from_lat", value: "measuredFromLat" },
    // a unit's review row for a list row lying outside the county: that row and where it lies (the re-trial, s48 #3)
    ...(rows.some((r) => r.listRow !== undefined)
      ? [
          { header: zh ? "所涉清单行" : "list_row", value: "listRow" as const },
          { header: zh ? "该行设施" : "list_row_name", value: "listRowName" as const },
          { header: zh ? "该行经度" : "list_row_lon", value: "listRowLon" as const },
          { header: zh ? "该行纬度" : "list_row_lat", value: "listRowLat" as const },
        ]
      : []),
    // a unit's review row sharing a doubt with others (the villages of a township whose THC gives no village code):
    // the group, its rows, and how many of them surely lack the facility (the trial, s51 #2)
    ...(rows.some((r) => r.reviewGroup !== undefined)
      ? [
          { header: zh ? "待核组" : "review_group", value: "reviewGroup" as const },
          { header: zh ? "组内条数" : "group_rows", value: "groupRows" as const },
          { header: zh ? "组内至少确缺" : "group_surely_lacking", value: "groupSurelyLacking" as const },
        ]
      : []),
    // a counting rule's check (the county's): what it counts, of how many, the figure wanted (a range as min–max),
    // measured; named the county's, for on a village's row 「要求 76，实测 40」 read as the village's shortfall (the
    // reviewer trial, s45 #6: 76 villages, 40 of them lacking a clinic)
    { header: zh ? "全县计数" : "county_count", value: "count" },
    { header: zh ? "全县总数" : "county_total", value: "total" },
    {
      header: zh ? "全县要求" : "county_expected",
      value: (r) => r.expected ?? (r.expectedMin !== undefined ? `${r.expectedMin}–${r.expectedMax}` : undefined),
    },
    // a unit's row of a one-per-unit rule (THC-PER-TOWNSHIP, VC-PER-VILLAGE…): its check's `measured` is the units
    // lacking one, written as such (the re-trial, s49b #10: 「要求 267 / 实测 199」 read as 199 of 267 met, where 68 were)
    { header: zh ? "全县实测" : "county_measured", value: (r) => (r.unitNeeds !== undefined ? undefined : r.measured) },
    ...(rows.some((r) => r.unitNeeds !== undefined)
      ? [
          {
            header: zh ? "全县缺数" : "county_lacking",
            value: (r: Row) => (r.unitNeeds !== undefined ? r.measured : undefined),
          },
        ]
      : []),
    // a coverage failure's figures (EMS radius or travel time), empty on other rows
    { header: zh ? "未覆盖面积_km2" : "uncovered_km2", value: "uncoveredKm2" },
    { header: zh ? "覆盖率_%" : "covered_pct", value: "coveredPct" },
    // a scenario radius: the plan's own radius and figures beside the scenario's (the re-trial, s45)
    { header: zh ? "规划半径_km" : "plan_radius_km", value: "planRadiusKm" },
    { header: zh ? "规划半径未覆盖_km2" : "plan_uncovered_km2", value: "planUncoveredKm2" },
    { header: zh ? "规划半径覆盖率_%" : "plan_covered_pct", value: "planCoveredPct" },
    { header: zh ? "时限_分钟" : "limit_min", value: "limitMinutes" },
    { header: zh ? "平均时间_分钟" : "mean_min", value: "meanMinutes" },
    { header: zh ? "缺口数" : "gap_count", value: "gapCount" },
    { header: zh ? "最大缺口_km2" : "largest_gap_km2", value: "largestGapKm2" },
    { header: zh ? "最大缺口编号" : "largest_gap_id", value: "largestGapId" },
    // a radius failure: the EMS point counted nearest to the row's point (inside the largest gap), and how far
    { header: zh ? "最近急救点" : "nearest_ems_point", value: "nearestPointName" },
    { header: zh ? "距最近急救点_km" : "nearest_ems_km", value: "nearestPointKm" },
    // without cross-border cover: the nearest point outside the network counted that reaches the row's point (s50 LOW-3)
    { header: zh ? "网络外可达急救点" : "outside_network_ems_point", value: "neighbourPointName" },
    { header: zh ? "其所在县区" : "outside_network_ems_county", value: "neighbourPointCountyName" },
    { header: zh ? "距网络外急救点_km" : "outside_network_ems_km", value: "neighbourPointKm" },
    { header: zh ? "经度" : "lon", value: "lon" },
    { header: zh ? "纬度" : "lat", value: "lat" },
    { header: zh ? "位置来源" : "geometry_kind", value: (r) => geometryKindLabel(r.geometryKind, lang) },
    { header: zh ? "依据" : "citation", value: "citation" },
    { header: zh ? "规划原文" : "plan_text", value: (r) => citationText(r.provenance) },
    { header: zh ? "说明" : "message", value: zh ? "messageZh" : "messageEn" },
  ];
  return exportCsv(rows, cols);
}

/**
 * Properties of an exported gap polygon: areas to 0.1 km² (a gap never reads 0.0), units in the names; the rule in
 * our words and its citation, and the county's covered share for the rule, as the county table shows it.
 */
export interface GapExportProps {
  county: string;
  countyName: string;
  /** The county's English name ("Xixia County"), when the caller gives English names. */
  countyNameEn?: string;
  /**
   * Whether the imported facility list had any facility in the county (DBF `IN_LIST`), as a violation's: `false` where
   * it had none, so that the county was judged as having none and its gap is the whole area the rule judges there, what
   * the list lacks, not a measured gap. Written only when the list leaves some judged county out (the report's
   * `listScope`).
   */
  countyInList?: boolean;
  gapId: string;
  rule: string;
  /** The rule in our words (the rule set's description). */
  ruleDescZh: string;
  ruleDescEn: string;
  /** The radius of a radius rule's gap, or the time limit (minutes) of a travel-time rule's. */
  radiusKm?: number;
  limitMinutes?: number;
  /** The geodesic area of the exported (clipped) polygon, km² to 0.1 (at least 0.1). */
  areaKm2: number;
  /**
   * How many of the analysis's gaps the polygon holds (DBF `GRID_GAPS`): 1, or more where gaps of cells joined by a
   * strip too narrow for a cell's centre are one piece of exact ground, exported once. Summed over a county's and
   * rule's polygons it is the violation's `gapCount` (the user trial, s49 #2: 「7 处缺口」 beside one polygon).
   */
  gridGaps: number;
  /** The ids of the other gaps the polygon holds, joined with ";" (DBF `JOINED`); absent where it holds its own only. */
  joinedGapIds?: string;
  /**
   * The gap's area as the analysis counts it (its grid cells, scaled to the county's geodesic area), km² to 0.1: the
   * figure the county table's uncovered km² and the violation's `largestGapKm2` add up from.
   */
  gridAreaKm2: number;
  /**
   * How the polygon is drawn: "exact", a radius rule's gap bounded by the county's boundary, the urban area's and the
   * discs' rims (`exactGapOutlines`); "cells", the analysis's grid cells cut to the area judged (a travel-time gap).
   */
  outline: "exact" | "cells";
  /** The county's covered share for the rule, % to 0.1 (never 100.0 while some area is uncovered), as the county table. */
  coveredPct?: number;
  /** Short citation of the plans binding the county's city, `doc:line` joined with "；", as on the violations. */
  citation: string;
  /** People in the gap (when a population raster was given), rounded to whole people. */
  population?: number;
}

/**
 * What the gap exports' figures mean, written into the GeoJSON as its `fieldNotes` member (the re-trial, s52b L4: the
 * violations had notes, the gaps none).
 */
export const GAP_FIELD_NOTES: Readonly<Record<string, { zh: string; en: string }>> = {
  gapId: { zh: "缺口编号，与违规的 largestGapId 对应", en: "the gap's id, as a violation's largestGapId names it" },
  radiusKm: { zh: "该缺口所依据的服务半径，km", en: "the service radius the gap is measured against, km" },
  limitMinutes: { zh: "急救时间规则的时限，分钟（时间缺口）", en: "an EMS time rule's limit, minutes (a time gap)" },
  areaKm2: {
    zh: "导出多边形（已按县界、城区裁切）的测地面积，km²（保留一位，至少 0.1）",
    en: "the exported polygon's geodesic area, clipped to the county and urban area, km² to 0.1 (at least 0.1)",
  },
  gridAreaKm2: {
    zh: "分析网格计得的缺口面积，km²：县区表“未覆盖面积”与违规的 largestGapKm2 由此累加",
    en: "the gap's area as the analysis's grid counts it, km²: the county table's uncovered area and a violation's largestGapKm2 add up from it",
  },
  gridGaps: {
    zh: "本多边形包含的分析缺口个数（窄于一个网格的地带相连者合为一块）；按县区和规则求和即违规的 gapCount",
    en: "how many of the analysis's gaps the polygon holds (joined by strips narrower than a cell); summed per county and rule it is the violation's gapCount",
  },
  joinedGapIds: {
    zh: "并入本多边形的其他缺口编号，以“;”分隔",
    en: "the other gaps' ids the polygon holds, joined by ;",
  },
  outline: {
    zh: "exact = 按县界、城区边界和服务圈边缘精确勾画；cells = 分析网格单元（时间缺口）",
    en: "exact = drawn along the county's, the urban area's and the discs' edges; cells = the analysis's grid cells (a time gap)",
  },
  coveredPct: {
    zh: "该县该规则的覆盖率，%（与县区表一致，未全覆盖时不会显示为 100.0）",
    en: "the county's covered share for the rule, % (as the county table; never 100.0 while a gap remains)",
  },
  countyInList: {
    zh: "导入清单在该县区是否有设施：false 时该县按“无设施”核查，缺口为清单所缺，不是实测缺口",
    en: "whether the imported list had facilities in the county: false means the county was judged as having none, and the gap is the list's, not a measured one",
  },
  population: { zh: "缺口内人口（提供人口栅格时），人", en: "people in the gap (with a population raster)" },
};

/**
 * Every property an exported gap may carry and its dBase type (C text, N number, L logical): the gaps Shapefile's full
 * field list, written even when a city has no gaps or no gap has an optional one (a GIS desk merging several cities'
 * gaps.shp needs one schema; an empty layer was written as points with no fields).
 */
export const GAP_EXPORT_FIELDS: ReadonlyArray<{ property: keyof GapExportProps; type: "C" | "N" | "L" }> = [
  { property: "county", type: "C" },
  { property: "countyName", type: "C" },
  { property: "countyNameEn", type: "C" },
  { property: "countyInList", type: "L" },
  { property: "gapId", type: "C" },
  { property: "rule", type: "C" },
  { property: "ruleDescZh", type: "C" },
  { property: "ruleDescEn", type: "C" },
  { property: "radiusKm", type: "N" },
  { property: "limitMinutes", type: "N" },
  { property: "areaKm2", type: "N" },
  { property: "gridGaps", type: "N" },
  { property: "joinedGapIds", type: "C" },
  { property: "gridAreaKm2", type: "N" },
  { property: "outline", type: "C" },
  { property: "coveredPct", type: "N" },
  { property: "citation", type: "C" },
  { property: "population", type: "N" },
];

/**
 * The gaps as one Shapefile layer for {@link exportShapefileZip}: a polygon layer with every field of
 * {@link GAP_EXPORT_FIELDS}, whether or not there are gaps (平顶山, whose rule set has no radius rule, has none).
 */
export function gapShapefileLayer(
  features: Array<Feature<Polygon | MultiPolygon, GapExportProps>>,
  name = "gaps",
): ShapefileLayer {
  return { name, features, kind: "polygon", fields: GAP_EXPORT_FIELDS };
}

/**
 * What a zipped Shapefile's README.txt says of an imported list that leaves some judged counties out (the report's
 * `listScope`), in Chinese and English: which counties the list covered (names and codes; `namesEn`, by code, in the
 * English line where known), and that the others' features, `IN_LIST` F, are the list's: such a county was judged as
 * having no facility, so its gaps are the whole area each rule judges there, not measured gaps, and its violations say
 * what the list lacks, not what the county lacks. A GIS user loading gaps.shp alone saw nine counties with no EMS
 * cover (the GIS trial, s45-b #1).
 */
export function listScopeReadme(
  scope: ListScope,
  names: Readonly<Record<string, string>>,
  namesEn: Readonly<Record<string, string>> = {},
): string {
  const zh = (codes: string[]) => codes.map((c) => `${names[c] ?? ""}${c}`).join("、");
  const en = (codes: string[]) => codes.map((c) => `${namesEn[c] ?? names[c] ?? ""} ${c}`.trim()).join(", ");
  const [nc, nm] = [scope.covered.length, scope.missing.length];
  return [
    `设施清单只含 ${nc} 个县区（${zh(scope.covered)}）的设施，要素 IN_LIST = T；其余 ${nm} 个县区（${zh(scope.missing)}）在清单中没有任何设施，按“无设施”核查，要素 IN_LIST = F：它们的覆盖缺口是该县区按规则核查的整个范围，并非实测缺口，违规反映清单未含这些县区，不反映其实况（清单未含）。`,
    `The facility list covered ${nc} ${nc === 1 ? "county" : "counties"} (${en(scope.covered)}), whose features have IN_LIST = T; the other ${nm} (${en(scope.missing)}) had no facility in the list and were judged as having none, their features IN_LIST = F: their coverage gaps are the whole area each rule judges there, not measured gaps, and their violations say what the list lacks, not what the county lacks.`,
  ].join("\r\n");
}

/**
 * What {@link gapFeaturesForExport} reads: the report's gaps, checks, urban area and list scope, the counties and the
 * rule set.
 */
export interface GapExportInput {
  report: Pick<AnalysisReport, "gaps" | "counties" | "urbanAreas" | "listScope">;
  counties: Array<Feature<Polygon | MultiPolygon, CountyProps>>;
  ruleSet: RuleSet;
  /** Counties' English names by code, written as `countyNameEn`. */
  namesEn?: Record<string, string>;
  /**
   * Draw radius gaps exactly ({@link exactGapOutlines}; the default). False: every gap keeps its cells cut to the area
   * its rule judges (`outline: "cells"`), as a regional run writes them unless asked (`--exact-gaps`): an exact outline
   * costs some milliseconds a gap, 80 s of CPU for the country's 16,000, which doubled the national run.
   */
  exact?: boolean;
}

/**
 * Gap polygons for export: each cut to the area its rule judges ({@link clipGapToArea}: its county, and for EMS-URBAN
 * the urban area, for EMS-RURAL the county less the urban area; a polygon or a multipolygon when the cut splits it),
 * with `areaKm2` the geodesic area of that polygon, the analysis's own figure as `gridAreaKm2`, the county's name (and
 * English name from `namesEn`), whether the imported list had any facility in the county (`countyInList`, with the
 * report's `listScope`), the rule's description and citation and the county's covered share. A gap that the cut
 * leaves empty is dropped (none on the shipped cities), and so is one whose ground is another gap's exact piece (written
 * there once: 40 of the 131 gaps of the Nanyang sample at 10 km, whose cells were apart, are parts of others' ground).
 * Order and ids are the report's.
 */
export function gapFeaturesForExport(input: GapExportInput): Array<Feature<Polygon | MultiPolygon, GapExportProps>> {
  const { report, ruleSet, namesEn } = input;
  const counties = new Map(input.counties.map((c) => [c.properties.code, c]));
  const urban = report.urbanAreas.map((u) => u.geometry);
  const checks = new Map(report.counties.map((c) => [c.code, c.checks]));
  // an imported list that has no facility in some counties: each gap says whether its county was in the list, as the
  // violations do (the GIS trial, s45-b #1: nine counties of a one-county list came out as whole-county gaps, unmarked)
  const notInList = report.listScope ? new Set(report.listScope.missing) : undefined;
  const areaOf = (ruleId: string): GapArea => {
    const rule = ruleSet.rules.find((r) => r.id === ruleId);
    return rule?.kind === "radius-coverage" ? rule.area : "county";
  };
  // a radius rule's gaps are drawn exactly, a county's and rule's together (one piece of ground is one gap's)
  const exact = new Map<GapFeature, ExactOutline>();
  const groups = new Map<string, Array<GapFeature & { discs: GapDiscs }>>();
  for (const g of report.gaps) {
    if (input.exact === false || !g.discs || !counties.has(g.properties.county)) continue;
    const key = `${g.properties.county}\u0000${g.properties.rule}`;
    const list = groups.get(key) ?? [];
    list.push(g as GapFeature & { discs: GapDiscs });
    groups.set(key, list);
  }
  const discCache = new Map<string, Polygon>();
  const joined = new Map<GapFeature, GapFeature[]>();
  for (const list of groups.values()) {
    const { county, rule } = list[0].properties;
    const outlines = exactGapOutlines(
      list,
      (counties.get(county) as GapExportInput["counties"][number]).geometry,
      areaOf(rule),
      urban,
      discCache,
    );
    list.forEach((g, k) => {
      exact.set(g, outlines[k]);
    });
    // the gaps each outline holds besides its own, following a merge into a merged gap to the one that holds it
    list.forEach((g, k) => {
      let at = k;
      for (let hops = 0; hops < list.length; hops++) {
        const o = outlines[at];
        if (!o || !("mergedInto" in o)) break;
        at = o.mergedInto;
      }
      if (at === k) return;
      const holder = list[at];
      joined.set(holder, [...(joined.get(holder) ?? []), g]);
    });
  }
  const out: Array<Feature<Polygon | MultiPolygon, GapExportProps>> = [];
  for (const g of report.gaps) {
    const p = g.properties;
    const county = counties.get(p.county);
    const rule = ruleSet.rules.find((r) => r.id === p.rule);
    const area = areaOf(p.rule);
    const found = exact.get(g);
    // its ground is another gap's piece, written there once (two gaps of cells joined by a strip too narrow for a
    // cell's centre): not written twice
    if (found && "mergedInto" in found) continue;
    const drawn = found;
    // a gap whose exact outline came out empty (cells whose centres lie within a disc's polygon's last half metre) keeps its cells
    const outline: GapExportProps["outline"] = drawn ? "exact" : "cells";
    const geometry = drawn ?? (county ? clipGapToArea(g.geometry, county.geometry, area, urban) : g.geometry);
    if (!geometry) continue;
    const check = checks.get(p.county)?.find((k) => k.rule === p.rule);
    // a gap involves no facility: no line that sets facilities aside is cited
    const provenance = bindingProvenance(ruleSet, p.rule, county?.properties.city, []);
    out.push({
      type: "Feature",
      geometry,
      properties: {
        county: p.county,
        countyName: county?.properties.name ?? "",
        ...(namesEn?.[p.county] ? { countyNameEn: namesEn[p.county] } : {}),
        ...(notInList ? { countyInList: !notInList.has(p.county) } : {}),
        gapId: p.gapId,
        rule: p.rule,
        ruleDescZh: rule?.description.zh ?? p.rule,
        ruleDescEn: rule?.description.en ?? p.rule,
        ...(p.radiusKm !== undefined ? { radiusKm: p.radiusKm } : {}),
        ...(p.limitMinutes !== undefined ? { limitMinutes: p.limitMinutes } : {}),
        areaKm2: uncoveredKm2(authalicAreaKm2(geometry)),
        gridGaps: 1 + (joined.get(g)?.length ?? 0),
        ...(joined.has(g) ? { joinedGapIds: (joined.get(g) ?? []).map((x) => x.properties.gapId).join(";") } : {}),
        gridAreaKm2: uncoveredKm2(p.areaKm2),
        outline,
        ...(check?.coveredShare !== undefined
          ? { coveredPct: coveredPct(check.coveredShare, (check.uncoveredAreaKm2 ?? 0) <= 0) }
          : {}),
        citation: shortCitation(provenance),
        ...(p.population !== undefined ? { population: Math.round(p.population) } : {}),
      },
    });
  }
  return out;
}

/**
 * Properties of an exported service ring (the 「服务半径」 GeoJSON and Shapefile): the display ring's own (`facilityId`,
 * `facilityType`, `radiusKm`, `role`, `proposed`, `clipped`) with the facility's name, its county and the rule the
 * ring stands for.
 */
export interface RingExportProps {
  facilityId: string;
  facilityName?: string;
  facilityType: string;
  /** The facility's county: its own code when it is one of the counties, else the county its point lies in. */
  county?: string;
  countyName?: string;
  countyNameEn?: string;
  /** The rule the ring draws: the urban or rural EMS radius rule, or the sub-centre distance rule (SUB-15KM). */
  rule?: string;
  ruleDescZh?: string;
  ruleDescEn?: string;
  /** The ring's radius, km. */
  radiusKm: number;
  /** "urban" or "rural" EMS service radius, or "sub-centre-distance" (the ring round a county medical centre). */
  role: string;
  proposed: boolean;
  /** The ring was cut to the counties whose network its facility counts in (absent when no cut was asked). */
  clipped?: boolean;
}

/** What {@link ringFeaturesForExport} reads: the rings as drawn, the facilities, counties and the rule set. */
export interface RingExportInput {
  rings: ReadonlyArray<Feature<Polygon | MultiPolygon, RingProps>>;
  facilities: readonly Facility[];
  counties: Array<Feature<Polygon | MultiPolygon, CountyProps>>;
  ruleSet: RuleSet;
  /** Counties' English names by code, written as `countyNameEn`. */
  namesEn?: Record<string, string>;
}

/**
 * The service rings as drawn (EMS radii, the sub-centre distance round each county medical centre) with what a GIS
 * user joins them by: the facility's name, its county (code, name, English name) and the rule each ring draws, with
 * its description. Geometry as drawn (cut to the county's network when the map cuts it); order kept. A ring whose role
 * no rule of the set has (a sub-centre distance where the plan sets none) is left out.
 */
export function ringFeaturesForExport(input: RingExportInput): Array<Feature<Polygon | MultiPolygon, RingExportProps>> {
  const facilities = new Map(input.facilities.map((f) => [f.id, f]));
  const counties = new Map(input.counties.map((c) => [c.properties.code, c]));
  const ruleOf = (role: RingProps["role"]) =>
    input.ruleSet.rules.find((r) =>
      role === "sub-centre-distance"
        ? r.kind === "min-distance-outside-urban"
        : r.kind === "radius-coverage" && r.area === role,
    );
  const located = new Map<string, string | undefined>();
  const countyOf = (f: Facility | undefined): string | undefined => {
    if (!f) return undefined;
    if (f.county && counties.has(f.county)) return f.county;
    if (!located.has(f.id))
      located.set(f.id, input.counties.find((c) => pointInPolygon(f.lon, f.lat, c.geometry))?.properties.code);
    return located.get(f.id);
  };
  // a ring no rule of the set draws is not exported: 平顶山's plan 001 sets no sub-centre distance, and its export
  // carried 15 km rings (the re-trial of s42-a #2)
  return input.rings.flatMap((r) => {
    const p = r.properties;
    const rule = ruleOf(p.role);
    if (!rule) return [];
    const f = facilities.get(p.facilityId);
    const code = countyOf(f);
    return {
      type: "Feature",
      geometry: r.geometry,
      properties: {
        facilityId: p.facilityId,
        ...(f ? { facilityName: f.name } : {}),
        facilityType: p.facilityType,
        ...(code
          ? {
              county: code,
              countyName: counties.get(code)?.properties.name ?? "",
              ...(input.namesEn?.[code] ? { countyNameEn: input.namesEn[code] } : {}),
            }
          : {}),
        rule: rule.id,
        ruleDescZh: rule.description.zh,
        ruleDescEn: rule.description.en,
        radiusKm: p.radiusKm,
        role: p.role,
        proposed: p.proposed,
        ...(p.clipped !== undefined ? { clipped: p.clipped } : {}),
      },
    } as Feature<Polygon | MultiPolygon, RingExportProps>;
  });
}
