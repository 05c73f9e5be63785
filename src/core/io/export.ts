import type { Feature, FeatureCollection, Geometry, Point } from "geojson";
import {
  FACILITY_TYPE_LABELS,
  type Facility,
  type FacilityType,
  HOSPITAL_KIND_LABELS,
  type HospitalKind,
  keptForReview,
  type RejectedFacility,
} from "../model";
import type { ListScope } from "../rules/list-scope";
import { fromWgs84 } from "./crs";
import type { RowIssue } from "./types";

/** Metadata carried as top-level members of exported GeoJSON. */
export interface ExportMeta {
  /** Rule-set id the results were computed with ("nanyang"), the same in the app's and the CLI's files. */
  ruleSet?: string;
  /** The rule set's title in both languages, beside its id. */
  ruleSetTitle?: { zh: string; en: string };
  /** Analysis parameters (radii in km etc.), copied as given. */
  params?: Record<string, unknown>;
  /** Data sources (file names, datasets) with provenance. */
  sources?: string[];
  /** The urban area (城区) the results used, in words (the report's urbanDefinitionUsed). */
  urbanDefinition?: { zh: string; en: string };
  /** The EMS network counted: each county's own, or cross-border (the report's emsNetworkUsed). */
  emsNetwork?: { zh: string; en: string };
  /**
   * The counties an imported list has facilities in (`covered`) and none in (`missing`), by code: the report's
   * listScope, present only when the list leaves some judged county out. A GIS desk reading the violations or gaps file
   * alone sees that a missing county's findings are the list's, not the county's (the re-trial, s43).
   */
  listScope?: ListScope;
  /**
   * The county the file is cut to (the app's 范围, the CLI's `--county`): its features only, the city's rows left out;
   * absent when the file covers the whole city.
   */
  county?: { code: string; name: string };
  /** A word on the file as a whole (an empty coverage file of a rule set that measures no coverage). */
  note?: { zh: string; en: string };
  /** What the features' properties mean, where a name alone does not tell (the violations' `count`, `measured`…). */
  fieldNotes?: Readonly<Record<string, { zh: string; en: string }>>;
  /**
   * The planner's proposed sites the results count (not yet built), when there are any ({@link planMeta}): a file of
   * violations or gaps then judges the plan, not the current state (the user trial, s52 M3: 77.9 % cover with one
   * unbuilt station, and no top-level word of it).
   */
  plan?: PlanMeta;
  /** ISO 8601 time; default now. */
  generatedAt?: string;
}

/** The proposed sites an export's results count, and what that means ({@link ExportMeta.plan}). */
export interface PlanMeta {
  proposedSites: Array<{ id: string; name: string; type: FacilityType; lon: number; lat: number }>;
  note: { zh: string; en: string };
  /** The value of a CSV's scenario column (方案): 「规划方案（含规划新增站点 N 处）」. */
  scenario: { zh: string; en: string };
}

/** The proposed sites among `facilities` as an export's {@link ExportMeta.plan}; undefined when there are none. */
export function planMeta(facilities: readonly Facility[]): PlanMeta | undefined {
  const sites = facilities.filter((f) => f.proposed);
  if (sites.length === 0) return undefined;
  const n = sites.length;
  const names = sites.slice(0, 10).map((f) => f.name);
  const more = n > names.length ? { zh: ` 等 ${n} 处`, en: `, ${n} in all` } : { zh: "", en: "" };
  return {
    proposedSites: sites.map((f) => ({ id: f.id, name: f.name, type: f.type, lon: f.lon, lat: f.lat })),
    note: {
      zh: `本文件的核查结果已计入 ${n} 处规划新增站点（尚未建成）：${names.join("、")}${more.zh}；据此判定的是规划方案，不是现状`,
      en: `these results count ${n === 1 ? "1 proposed site" : `${n} proposed sites`}, not yet built: ${names.join(", ")}${more.en}; they judge the plan, not the current state`,
    },
    scenario: {
      zh: `规划方案（含规划新增站点 ${n} 处）`,
      en: `plan (with ${n === 1 ? "1 proposed site" : `${n} proposed sites`})`,
    },
  };
}

/** Rounds to 1e-9 (≈ 0.1 mm) to keep files small without measurable loss. */
function round9(v: number): number {
  return Math.round(v * 1e9) / 1e9;
}

/**
 * The foreign member a GCJ-02 export carries: `"coordinateSystem": {"id": "gcj02", "note": …}`. Read back by
 * {@link readGeoJSONText} (through the importers), so a re-import converts to WGS84 without the user choosing the CRS.
 */
export const GCJ02_MARKER = "coordinateSystem";
const GCJ02_NOTE = "GCJ-02 (火星坐标) longitude/latitude, not WGS84 (EPSG:4326): shifted for Amap/Tencent basemaps";
/**
 * What a WGS84 facility export says of its coordinates, in the same member: RFC 7946 implies WGS84, but a desk given
 * the file of a list that came as Amap coordinates could not tell it had been converted (the user trial, s49 #6).
 */
const WGS84_NOTE =
  "WGS84 (EPSG:4326) longitude/latitude, as RFC 7946 requires; rows imported as GCJ-02 (Amap/Tencent) or BD-09 (Baidu) were converted to WGS84 at import (坐标为 WGS84，高德/百度坐标已于导入时转换)";

/**
 * Facilities as an RFC 7946 FeatureCollection of Points. Properties ({@link facilityProperties}): id, name, type, its
 * Chinese label typeName, and every optional field present (county, township, village, grade, hospitalKind, ownership,
 * beds, the staff counts doctors, nurses, pharmacists, gps, proposed, invented; typeByHand, typeInFile and
 * typeAsRead for a type chosen by hand at import, typeGuessed and typeInFile for one the tool guessed, nameGiven for a
 * name it made up).
 * With `crs: "gcj02"` coordinates are shifted to GCJ-02 (for Amap/Tencent basemaps) and a foreign member
 * {@link GCJ02_MARKER} says so (RFC 7946 has no CRS member, and a legacy `crs` member would mislead GDAL): this
 * tool's importers read the marker and convert back to WGS84 on their own.
 */
export function exportFacilitiesGeoJSON(
  facilities: Facility[],
  meta: ExportMeta = {},
  opts: FacilityFeatureOptions = {},
): string {
  const crs = opts.crs ?? "wgs84";
  const features = facilities.map((f) => facilityFeature(f, opts));
  // the plan's sites in the file's coordinate system too, as its points are (the planner trial, s53d M4: a GCJ-02
  // export listed them in WGS84, unlabelled, about 600 m from its own points)
  const plan =
    meta.plan && crs !== "wgs84"
      ? {
          ...meta.plan,
          proposedSites: meta.plan.proposedSites.map((p) => {
            const [lon, lat] = Number.isFinite(p.lon) ? fromWgs84(p.lon, p.lat, crs) : [p.lon, p.lat];
            return { ...p, lon: round9(lon), lat: round9(lat) };
          }),
        }
      : meta.plan;
  const fc: Record<string, unknown> = {
    type: "FeatureCollection",
    ...metaMembers({ ...meta, ...(plan ? { plan } : {}), fieldNotes: meta.fieldNotes ?? FACILITY_FIELD_NOTES }),
  };
  fc[GCJ02_MARKER] = crs === "gcj02" ? { id: "gcj02", note: GCJ02_NOTE } : { id: "wgs84", note: WGS84_NOTE };
  fc.features = features;
  return JSON.stringify(fc);
}

/** How a facility export writes its features: coordinates, the counties' names, and each proposed site's effect. */
export interface FacilityFeatureOptions {
  crs?: "wgs84" | "gcj02";
  countyNames?: Readonly<Record<string, string>>;
  /**
   * What each proposed site alone does ({@link siteEffects}), by facility id: written as `planEffectZh` and
   * `planEffectEn` on the site (derived, not read back: the next export measures it again).
   */
  effects?: Readonly<Record<string, { zh: string; en: string }>>;
}

/** A proposed site's effect as the facility exports' two properties; none for other facilities. */
function effectProps(f: Facility, effects: FacilityFeatureOptions["effects"]): Record<string, string> {
  const e = f.proposed ? effects?.[f.id] : undefined;
  return e ? { planEffectZh: e.zh, planEffectEn: e.en } : {};
}

/**
 * One facility as the facility exports write it: a Point (WGS84, or GCJ-02 with `crs: "gcj02"`) with every attribute,
 * and its county's name from `countyNames`. {@link exportFacilitiesGeoJSON}'s features, and a regional run's
 * facilities.geojsonl lines.
 */
export function facilityFeature(
  f: Facility,
  opts: FacilityFeatureOptions = {},
): Feature<Point | null, Record<string, unknown>> {
  const { lon: _lon, lat: _lat, ...rest } = f;
  const countyName = f.county ? opts.countyNames?.[f.county] : undefined;
  const props = { ...facilityProperties(rest), ...effectProps(f, opts.effects) };
  // a row with no position (refusedFacilityRows): no geometry, as RFC 7946 lets an unlocated feature be
  const placed = Number.isFinite(f.lon) && Number.isFinite(f.lat);
  const [x, y] = placed ? fromWgs84(f.lon, f.lat, opts.crs ?? "wgs84") : [0, 0];
  return {
    type: "Feature",
    id: f.id,
    geometry: placed ? { type: "Point", coordinates: [round9(x), round9(y)] } : null,
    properties: countyName ? { ...props, countyName } : props,
  };
}

/** A row of the imported list refused for its position, as the facility exports carry it ({@link refusedFacilityRows}). */
export type RefusedFacilityRow = Facility & {
  /** The row's number in the file it was imported from (its import report's). */
  refusedRow: number;
  /** Why it was refused, its import error's code ("missing-coordinate", "not-a-number", "out-of-range", "outside-china"). */
  refusedReason: string;
};

/**
 * The county a refused row names: its own code, else its township's or village's (the trial, s46-a #13: county
 * blank); undefined when it names none.
 */
export function refusedRowCounty(r: RejectedFacility): string | undefined {
  return r.county ?? (r.township ?? r.village)?.slice(0, 6);
}

/**
 * The rows of an imported list refused for their position alone ({@link RejectedFacility}), of `county` when given
 * (by the row's county code, or its township's or village's), as facility rows with no position that keep their row
 * and reason: the facility exports carry them (the CSV with blank coordinates, GeoJSON and Shapefile as features with
 * no geometry), so that a GIS desk has every row of the list, and the list read again refuses them again and their
 * townships and villages stay for review (the re-trial, s45: a county-cut list read back made 中源乡 and 古竹村 确缺).
 */
export function refusedFacilityRows(refused: readonly RejectedFacility[], county?: string): RefusedFacilityRow[] {
  const countyOf = refusedRowCounty;
  return (
    refused
      // a row kept where it lies whose units are another county's, or far outside the county it states, is a
      // facility, exported as one already
      .filter((r) => !keptForReview(r))
      .filter((r) => !county || countyOf(r) === county)
      .map((r) => ({
        // the row's own id, else its row; its other fields as read (the planner trial, s46-b #9: beds and staff lost)
        id: r.id ?? `row${r.row}`,
        name: r.name,
        type: r.type,
        lon: Number.NaN,
        lat: Number.NaN,
        ...(countyOf(r) ? { county: countyOf(r) } : {}),
        ...(r.township ? { township: r.township } : {}),
        ...(r.village ? { village: r.village } : {}),
        // a unit named in the row but not matched to a code: its name as written
        ...(r.townshipName ? { townshipName: r.townshipName } : {}),
        ...(r.villageName ? { villageName: r.villageName } : {}),
        ...r.attributes,
        refusedRow: r.row,
        refusedReason: r.reason,
      }))
  );
}

/**
 * The Chinese label of a facility's type (「乡镇卫生院」 for `thc`; a hospital's kind, 「中医医院」, where given): the
 * facility exports' `typeName` (Shapefile
 * `TYPE_ZH`), beside the English code in `type`, for a Chinese map legend (the GIS trial, s45-b #9). The importer
 * reads the type from `type` and leaves `typeName` out, as it does the county's name.
 */
export function facilityTypeName(type: FacilityType | undefined, hospitalKind?: HospitalKind): string | undefined {
  // a hospital by its kind (中医医院, 妇幼保健院): 「医院」 for all three of a county's hospitals told a legend nothing
  // (the re-trial, s45)
  if (type === "hospital" && hospitalKind !== undefined) return HOSPITAL_KIND_LABELS[hospitalKind]?.zh;
  return type !== undefined ? FACILITY_TYPE_LABELS[type]?.zh : undefined;
}

/** A facility's staff counts, in the order and under the names the facility CSV's columns have. */
const STAFF_KEYS = ["doctors", "nurses", "pharmacists", "gps"] as const;

/**
 * A facility's attributes as a flat record for GeoJSON, CSV and Shapefile: its fields, with the type's Chinese label
 * (`typeName`, {@link facilityTypeName}) after the type and the staff counts as numbers of their own (`doctors`,
 * `nurses`, `pharmacists`, `gps`, as the CSV's columns, not a nested `staff` object), then the file's other columns
 * ({@link Facility.extra}) each under its own header, one that clashes with a field's name kept as 「原_header」 (a GIS
 * layer wants flat attributes, not a nested object).
 */
export function facilityProperties<F extends Partial<Facility>>(f: F): Record<string, unknown> {
  const { extra, ...fields } = f;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) {
    // the staff counts as numbers of their own, under the CSV's names: OGR made the object one JSON text field (the
    // GIS trial, s45-b #5); the importer reads both forms
    if (k === "staff" && typeof v === "object" && v !== null) {
      for (const key of STAFF_KEYS) {
        const n = (v as NonNullable<Facility["staff"]>)[key];
        if (n !== undefined) out[key] = n;
      }
      continue;
    }
    out[k] = v;
    const label = k === "type" ? facilityTypeName(v as FacilityType, f.hospitalKind) : undefined;
    if (label !== undefined) out.typeName = label;
  }
  for (const [k, v] of Object.entries(extra ?? {})) out[k in out ? `原_${k}` : k] = v;
  return out;
}

function metaMembers(meta: ExportMeta): Record<string, unknown> {
  return {
    ...(meta.ruleSet !== undefined ? { ruleSet: meta.ruleSet } : {}),
    ...(meta.ruleSetTitle !== undefined ? { ruleSetTitle: meta.ruleSetTitle } : {}),
    ...(meta.params !== undefined ? { params: meta.params } : {}),
    ...(meta.sources !== undefined ? { sources: meta.sources } : {}),
    ...(meta.urbanDefinition !== undefined ? { urbanDefinition: meta.urbanDefinition } : {}),
    ...(meta.emsNetwork !== undefined ? { emsNetwork: meta.emsNetwork } : {}),
    ...(meta.listScope !== undefined ? { listScope: meta.listScope } : {}),
    ...(meta.county !== undefined ? { county: meta.county } : {}),
    ...(meta.note !== undefined ? { note: meta.note } : {}),
    ...(meta.fieldNotes !== undefined ? { fieldNotes: meta.fieldNotes } : {}),
    ...(meta.plan !== undefined ? { plan: { proposedSites: meta.plan.proposedSites, note: meta.plan.note } } : {}),
    generatedAt: meta.generatedAt ?? new Date().toISOString(),
  };
}

/**
 * What a facility export's properties mean where a name alone does not tell, written as its `fieldNotes` member (the
 * user trial, s52 L6: `invented`, `typeGuessed` and 「床位数（原文）」 were undocumented).
 */
export const FACILITY_FIELD_NOTES: Readonly<Record<string, { zh: string; en: string }>> = {
  typeName: {
    zh: "类型的中文名（图例用；读回时按 type）",
    en: "the type's Chinese label (for a legend; read back by type)",
  },
  proposed: {
    zh: "true = 规划新增站点（在本工具中新增或采纳，尚未建成）",
    en: "true = a proposed site (added or accepted in this tool, not built)",
  },
  invented: { zh: "true = 示例数据，位置与属性为虚构", en: "true = sample data, position and attributes invented" },
  typeGuessed: {
    zh: "true = 文件中的类型无法识别，类型由工具按名称推测（原值见 typeInFile）",
    en: "true = the file's type was not read; the tool guessed it from the name (the cell is in typeInFile)",
  },
  typeByHand: {
    zh: "true = 类型由用户在导入时人工指定（原值见 typeInFile，工具的读法见 typeAsRead）",
    en: "true = the type was chosen by hand at import (the cell in typeInFile, the tool's reading in typeAsRead)",
  },
  typeInFile: { zh: "文件中类型单元格的原文", en: "the file's type cell as written" },
  typeAsRead: { zh: "人工指定前工具读出的类型", en: "the type the tool read before it was chosen by hand" },
  nameGiven: {
    zh: "true = 文件中名称为空，名称由工具按类型和行号暂拟",
    en: "true = the file gave no name; the tool made one up from the type and row",
  },
  townshipInFile: {
    zh: "文件所填乡镇的原文（未能对应到统计代码时）",
    en: "the file's township as written (where no code was found for it)",
  },
  villageInFile: {
    zh: "文件所填行政村的原文（未能对应到统计代码时）",
    en: "the file's village as written (where no code was found for it)",
  },
  statedElsewhere: {
    zh: "本行所填乡镇/村属他县（县、乡镇、村代码）：本行按坐标所在县计，所填单元按待核计",
    en: "the township or village the row names is another county's (codes): the row counts where it lies, the unit it names is for review",
  },
  outsideStatedKm: {
    zh: "本行坐标在所填县区（或所填乡镇所属县区）之外的距离，km：所填乡镇/村不计入，按待核计",
    en: "how far outside its stated county (or its township's county) the row lies, km: the unit it names does not count it, it is for review",
  },
  replaces: {
    zh: "规划升级站点所替代的现有机构编号（如中心卫生院升级为次中心）",
    en: "the id of the existing facility a proposed upgrade stands in for (a central THC raised to a sub-centre)",
  },
  planEffectZh: {
    zh: "规划新增站点单独的作用：全部站点的核查结果与去掉本站点后的结果之差",
    en: "a proposed site's own effect: the analysis with every site against it without this one (Chinese)",
  },
  planEffectEn: { zh: "同上，英文", en: "the same, in English" },
  "…（原文）": {
    zh: "以“（原文）”结尾的字段：该可选字段的单元格无法使用（如“约50张”），保留原文，未参与核查",
    en: "a field ending in （原文）: an optional cell the tool could not use (「约50张」 beds), kept as written, not checked",
  },
};

/**
 * The {@link GCJ02_MARKER} member of an analysis result's file (gaps, violations, coverage): WGS84, said as the
 * facility exports say it, so that a desk reading several files finds the same member in each (the GIS trial, s55 L5).
 */
export const RESULT_COORDINATES = {
  id: "wgs84",
  note: "WGS84 (EPSG:4326) longitude/latitude, as RFC 7946 requires (坐标为 WGS84)",
} as const;

/** Any features (gaps, violations, coverage polygons) as a WGS84 FeatureCollection with the metadata members. */
export function exportFeaturesGeoJSON(
  features: Array<Feature<Geometry | null>> | FeatureCollection,
  meta: ExportMeta = {},
): string {
  const list = Array.isArray(features) ? features : features.features;
  return JSON.stringify({
    type: "FeatureCollection",
    ...metaMembers(meta),
    [GCJ02_MARKER]: RESULT_COORDINATES,
    features: list,
  });
}

/** A CSV column: the header text and how to get the cell from a row (a key or a function). */
export interface CsvColumn<T> {
  header: string;
  value: keyof T | ((row: T) => unknown);
}

function csvCell(v: unknown): string {
  if (v == null) return "";
  const s =
    typeof v === "number"
      ? Number.isFinite(v)
        ? String(v)
        : ""
      : typeof v === "object"
        ? JSON.stringify(v)
        : String(v);
  // OWASP CSV injection: text a spreadsheet would run as a formula is prefixed with a single quote
  const safe = typeof v !== "number" && FORMULA_START.test(s) ? `'${s}` : s;
  // quoted also when the cell holds a character a reader might take for the delimiter (tab, semicolon, bar)
  return /[",\r\n\t;|]/.test(safe) || /^\s|\s$/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** First characters that make Excel, LibreOffice or WPS read a cell as a formula (OWASP: = + - @ tab CR). */
export const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * CSV text for Excel: UTF-8 BOM, CRLF line ends, RFC 4180 quoting (cells with comma, quote, CR/LF, tab, semicolon,
 * bar or leading/trailing space are quoted, so no reader guesses another delimiter; quotes doubled). Text cells starting with = + - @ tab or CR get a leading
 * single quote so that no spreadsheet runs them as formulas (numbers are left as they are); the importers drop
 * that quote again. Encode with TextEncoder to get the bytes.
 */
export function exportCsv<T>(rows: T[], columns: Array<CsvColumn<T>>): string {
  const lines = [columns.map((c) => csvCell(c.header)).join(",")];
  for (const r of rows)
    lines.push(columns.map((c) => csvCell(typeof c.value === "function" ? c.value(r) : r[c.value])).join(","));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/** Columns used by {@link exportFacilitiesCsv}; headers are English keys that {@link guessColumns} maps back. */
export const FACILITY_CSV_COLUMNS: Array<CsvColumn<Facility>> = [
  { header: "id", value: "id" },
  { header: "name", value: "name" },
  { header: "type", value: "type" },
  // the type's Chinese label, for a legend; not read back (the type is read from `type`)
  { header: "typeName", value: (f) => facilityTypeName(f.type, f.hospitalKind) },
  // blank for a row with no position (a refused row the app's CSV carries, to be refused again on import)
  { header: "lon", value: (f) => (Number.isFinite(f.lon) ? round9(f.lon) : undefined) },
  { header: "lat", value: (f) => (Number.isFinite(f.lat) ? round9(f.lat) : undefined) },
  { header: "county", value: "county" },
  { header: "township", value: "township" },
  { header: "village", value: "village" },
  // the names beside the codes, when the export was given them (withUnitNames)
  { header: "townshipName", value: (f) => (f as { townshipName?: string }).townshipName },
  { header: "villageName", value: (f) => (f as { villageName?: string }).villageName },
  // the file's township and village text where no unit was found for it (Facility.townshipInFile)
  { header: "townshipInFile", value: "townshipInFile" },
  { header: "villageInFile", value: "villageInFile" },
  { header: "grade", value: "grade" },
  { header: "hospitalKind", value: "hospitalKind" },
  { header: "ownership", value: "ownership" },
  { header: "beds", value: "beds" },
  // the counts and the served villages the GeoJSON and Shapefile exports carry, under headers the importer maps back
  // (the GIS trial: the CSV had none of them); the villages' codes apart by spaces
  { header: "infectiousBeds", value: "infectiousBeds" },
  { header: "doctors", value: (f) => f.staff?.doctors },
  { header: "nurses", value: (f) => f.staff?.nurses },
  { header: "pharmacists", value: (f) => f.staff?.pharmacists },
  { header: "gps", value: (f) => f.staff?.gps },
  { header: "servesVillages", value: (f) => f.servesVillages?.join(" ") },
  { header: "proposed", value: (f) => (f.proposed ? "true" : "") },
  { header: "replaces", value: "replaces" },
  { header: "invented", value: (f) => (f.invented ? "true" : "") },
  // a type chosen by hand at import, the file's own type text it replaced and what the tool had read it as
  { header: "typeByHand", value: (f) => (f.typeByHand ? "true" : "") },
  { header: "typeInFile", value: "typeInFile" },
  { header: "typeAsRead", value: "typeAsRead" },
  // a type the tool guessed at import (with the file's type text in typeInFile), a name it made up for an empty cell
  { header: "typeGuessed", value: (f) => (f.typeGuessed ? "true" : "") },
  { header: "nameGiven", value: (f) => (f.nameGiven ? "true" : "") },
  // a row refused at import for its position (refusedFacilityRows): its row in that file and the error's code
  { header: "refusedRow", value: (f) => (f as Partial<RefusedFacilityRow>).refusedRow },
  { header: "refusedReason", value: (f) => (f as Partial<RefusedFacilityRow>).refusedReason },
];

/**
 * Whether a table's headers are the tool's own facility CSV ({@link exportFacilitiesCsv}: every one of its columns, in
 * WGS84 always). Such a file is read in WGS84 whatever coordinate system an earlier file was read in: the re-trial
 * (s43) read its own export, after a GCJ-02 list, as GCJ-02 again, every facility moved about 600 m unsaid.
 */
export function isOwnFacilityCsv(headers: readonly string[]): boolean {
  const have = new Set(headers);
  return FACILITY_CSV_COLUMNS.every((c) => have.has(c.header) || ADDED_CSV_COLUMNS.has(c.header));
}

/** Columns the facility CSV gained after files were exported without them: not needed to know an export as ours. */
const ADDED_CSV_COLUMNS: ReadonlySet<string> = new Set(["typeName", "refusedRow", "refusedReason"]);

/**
 * Facilities as Excel-friendly CSV (WGS84), re-importable with {@link parseFacilityFile}: the tool's columns, then the
 * file's other columns ({@link Facility.extra}) in the order they first appear.
 */
export function exportFacilitiesCsv(facilities: Facility[], effects?: FacilityFeatureOptions["effects"]): string {
  const own = new Set(FACILITY_CSV_COLUMNS.map((c) => c.header));
  const extras: string[] = [];
  const seen = new Set<string>();
  for (const f of facilities)
    for (const k of Object.keys(f.extra ?? {}))
      if (!seen.has(k)) {
        seen.add(k);
        extras.push(k);
      }
  const measured = facilities.some((f) => f.proposed && effects?.[f.id]);
  const columns = [
    ...FACILITY_CSV_COLUMNS,
    // each proposed site's own effect, where measured (derived: a re-import leaves them)
    ...(measured
      ? [
          { header: "planEffectZh", value: (f: Facility) => effectProps(f, effects).planEffectZh },
          { header: "planEffectEn", value: (f: Facility) => effectProps(f, effects).planEffectEn },
        ]
      : []),
    ...extras.map(
      (k): CsvColumn<Facility> => ({ header: own.has(k) ? `原_${k}` : k, value: (f: Facility) => f.extra?.[k] }),
    ),
  ];
  return exportCsv(facilities, columns);
}

/** What became of the row an issue names: refused (it has an error), struck out by the user, else imported. */
type RowOutcome = "refused" | "struck-out" | "imported";
const OUTCOME_ZH: Record<RowOutcome, string> = { refused: "拒收", "struck-out": "剔除", imported: "计入" };

/**
 * Each issue's row outcome, from every issue of the list and the rows ticked to strike out before the list is used
 * (`struckRows`, of the pending file): row 0 (the whole file) has none.
 */
function rowOutcomes(issues: readonly RowIssue[], struckRows?: ReadonlySet<number>): (i: RowIssue) => RowOutcome | "" {
  const refused = new Set<string>();
  const struck = new Set<string>();
  for (const i of issues) if (struckRows?.has(i.row)) struck.add(`${i.file}\n${i.row}`);
  for (const i of issues) {
    if (i.severity === "error") refused.add(`${i.file}\n${i.row}`);
    if (i.code === "dropped-by-user") struck.add(`${i.file}\n${i.row}`);
  }
  return (i) => {
    if (i.row <= 0) return "";
    const key = `${i.file}\n${i.row}`;
    return refused.has(key) ? "refused" : struck.has(key) ? "struck-out" : "imported";
  };
}

/**
 * Columns of {@link exportIssuesCsv} for machines (the CLI's rejected.csv): one line per issue, errors, warnings and
 * notes, row 0 = the whole file, both languages' messages, and last what became of the row (`row_outcome`: refused,
 * struck-out, imported; empty for the whole file).
 */
function issueCsvColumns(outcome: (i: RowIssue) => RowOutcome | ""): Array<CsvColumn<RowIssue>> {
  return [
    { header: "file", value: "file" },
    { header: "row", value: "row" },
    { header: "field", value: "field" },
    { header: "value", value: "value" },
    { header: "severity", value: "severity" },
    { header: "code", value: "code" },
    { header: "message_zh", value: (i) => i.message.zh },
    { header: "message_en", value: (i) => i.message.en },
    { header: "row_outcome", value: outcome },
  ];
}

/** What the app's table calls each severity, in Chinese (its 【拒收】 / 【存疑】 tags). */
const SEVERITY_ZH: Record<RowIssue["severity"], string> = { error: "拒收", warning: "存疑", note: "说明" };

/**
 * The same columns for a reader of Chinese opening the list in Excel or WPS: Chinese headers, severities in the table's
 * words (拒收, 存疑, 说明), 整个文件 for row 0, the Chinese message first. Every line of a row the user struck out says
 * 剔除 under 处理 (the re-trial, s43: its warning read 存疑, as if kept). The code and the English message stay, for
 * support; last, what became of the row (本行结果: 拒收, 剔除, 计入).
 */
function issueCsvColumnsZh(outcome: (i: RowIssue) => RowOutcome | ""): Array<CsvColumn<RowIssue>> {
  return [
    { header: "文件", value: "file" },
    { header: "行号", value: (i) => (i.row > 0 ? i.row : "整个文件") },
    { header: "字段", value: "field" },
    { header: "单元格内容", value: "value" },
    { header: "处理", value: (i) => (outcome(i) === "struck-out" ? "剔除" : SEVERITY_ZH[i.severity]) },
    { header: "问题", value: (i) => i.message.zh },
    { header: "问题（英文）", value: (i) => i.message.en },
    { header: "代码", value: "code" },
    {
      header: "本行结果",
      value: (i) => {
        const o = outcome(i);
        return o ? OUTCOME_ZH[o] : "";
      },
    },
  ];
}

/**
 * Every issue of an import as Excel-friendly CSV: the CLI's DIR/rejected.csv (`lang` "en", the default: the
 * machine columns of {@link issueCsvColumns}) and the app's download of an import's full issue list, which its table
 * cuts at 300 lines (`lang` "zh" in the Chinese interface: Chinese headers and words, same lines). `struckRows`: the
 * rows of a file not yet used that are ticked to strike out, said as struck (the re-trial, s44: the pending panel's
 * download wrote a ticked row 计入).
 */
export function exportIssuesCsv(
  issues: readonly RowIssue[],
  lang: "zh" | "en" = "en",
  struckRows?: ReadonlySet<number>,
): string {
  const outcome = rowOutcomes(issues, struckRows);
  return exportCsv(issues as RowIssue[], lang === "zh" ? issueCsvColumnsZh(outcome) : issueCsvColumns(outcome));
}
