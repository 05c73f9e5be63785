import { Fragment, type ReactNode, useEffect, useMemo, useRef, useState } from "react";
import {
  type ColumnMapping,
  type CountyPopulation,
  type CrsId,
  type Facility,
  type FacilityImport,
  type FacilityType,
  projectionLabel,
  type RowIssue,
  recordUnit,
  type ShapefileCrs,
  type TypeOverrides,
  typeChoiceText,
} from "../../core";
import { useCountyName } from "../county-names";
import { type MessageKey, useI18n } from "../i18n";
import { loadPref, PLACE_PREFS, savePref } from "../persist";
import type { DatasetPart } from "../state/session";
import { FileInput } from "./FileInput";
import { IssueTable } from "./IssueTable";

export interface PendingImport {
  fileName: string;
  bytes: Uint8Array;
  result: FacilityImport;
  /** Column headers of a tabular file (empty for GeoJSON, KML, Shapefile). */
  headers: string[];
  crs: CrsId | undefined;
  typeOverrides?: TypeOverrides;
  /** Most of the list lies in this other city (the whole-file warning 「这份名单似属…」): offered to switch to. */
  otherCity?: { id: string; name: string; nameEn: string };
  /**
   * Rows that are this session's own proposed sites, as an export of it writes them (proposed, same id and place):
   * left out when the list is used, so that they are not counted twice (the planner trial, s40-a #5).
   */
  sessionProposedRows?: number[];
  /**
   * The coordinate system chosen for an earlier file, not applied to this one: it states its own (a GeoJSON, KML or
   * Shapefile) or is the tool's own facility CSV (WGS84). The re-trial (s43): the tool's own export, after a GCJ-02
   * list, was converted again and every facility moved about 600 m unsaid.
   */
  earlierCrs?: CrsId;
  /** The rows ticked 剔除 when the file was kept over a reload: ticked again. */
  drop?: number[];
  /** Kept over a reload and read again, not yet used: said above its summary until it is used or cancelled. */
  restored?: boolean;
  /**
   * To be appended to the list in use (追加到当前清单), not to replace it: the rows were read against it (an id it has
   * renamed, a facility it has warned) and the whole-list warnings are the joined list's (the planner trial, s53d H2).
   */
  append?: boolean;
}

/** The fields a planner may map, with the plans' Chinese wording. */
const MAPPED_FIELDS: Array<{ key: keyof ColumnMapping; label: MessageKey; required?: boolean }> = [
  { key: "name", label: "name", required: true },
  { key: "type", label: "type" },
  { key: "lon", label: "longitude", required: true },
  { key: "lat", label: "latitude", required: true },
  { key: "county", label: "county" },
  { key: "township", label: "township" },
  { key: "village", label: "village" },
  // a shared clinic's other villages (003:219), by code or name (the user trial, s46-a #2: not offered)
  { key: "servesVillages", label: "mapServesVillages" },
  // village, township or county codes by their length (the user trial, s46-a #5: the column was left unread)
  { key: "unitCode", label: "mapUnitCode" },
  { key: "beds", label: "beds" },
  { key: "infectiousBeds", label: "mapInfectiousBeds" },
  // the staff counts behind the per-1,000 figures: seen and corrected here (the trial, s44-a #11: read, not shown)
  { key: "doctors", label: "mapDoctors" },
  { key: "nurses", label: "mapNurses" },
  { key: "pharmacists", label: "mapPharmacists" },
  { key: "gps", label: "mapGps" },
  { key: "grade", label: "grade" },
  { key: "hospitalKind", label: "mapHospitalKind" },
  { key: "ownership", label: "ownership" },
  { key: "id", label: "idField" },
];

export interface DataPanelProps {
  datasetName: string | null;
  /** The list in use's import problems, kept with it (read and downloaded again after a reload). */
  datasetIssues?: RowIssue[];
  /** How many there were, when more than were kept. */
  datasetIssuesTotal?: number;
  /** The coordinate system the list in use was read in and converted from, when not WGS84 (its tally's crs). */
  datasetCrs?: string;
  /** How many facilities the list in use has (said where a file may replace it or be appended to it). */
  datasetCount?: number;
  /** A list in use joined from several files: each, with its count and the system it was read in. */
  datasetParts?: readonly DatasetPart[];
  /** The pending file to be appended to the list in use (true) or to replace it (false). */
  onAppend: (append: boolean) => void;
  pending: PendingImport | null;
  importing: { done: number; total: number } | null;
  /** One facility list, or the files of one Shapefile chosen together. */
  onFiles: (files: File[], crs: CrsId | undefined) => void;
  onReparse: (crs: CrsId | undefined, mapping?: Partial<ColumnMapping>) => void;
  /** Reads another sheet of the pending workbook. */
  onSheet: (sheet: string) => void;
  /** Switches to the city most of the pending list lies in and reads the list again there. */
  onSwitchCity?: (cityId: string) => void;
  /** The user picked a facility type for a row with an unknown or guessed type (null: undoes the row's choice). */
  onTypeFix: (issues: RowIssue[], type: FacilityType | null) => void;
  /** The type chosen for a pending row, if any. */
  typeChosen: (issue: RowIssue) => FacilityType | undefined;
  /** The imported list's facilities whose type was chosen by hand (kept over a reload with the session). */
  typesByHand?: readonly Facility[];
  /** Undoes an imported facility's chosen type: back to the type the tool had read it as. */
  onUndoType?: (id: string) => void;
  onApply: (dropWarnedRows: Set<number>) => void;
  onCancel: () => void;
  /** The rows ticked 剔除 changed (kept with the pending file for a reload). */
  onDropChange?: (rows: number[]) => void;
  onClearDataset: () => void;
  boundariesName: string | null;
  boundaryIssues: RowIssue[];
  onBoundariesFile: (file: File) => void;
  onClearBoundaries: () => void;
  demand: { fileName: string; count: number } | null;
  demandIssues: RowIssue[];
  onDemandFile: (file: File) => void;
  onClearDemand: () => void;
  /** Drops the imported county populations (the rules that need them go back to saying so). */
  onClearPopulation: () => void;
  population: CountyPopulation[];
  populationIssues: RowIssue[];
  onPopulationFile: (file: File) => void;
  /**
   * An export; `county` (a county code) cuts it to that county (every layer, table, report and map); `shpCrs` is the
   * projected system the Shapefiles (not the GCJ-02 one) are written in, absent: WGS84.
   */
  onExport: (what: ExportKind, county?: string, shpCrs?: ShapefileCrs) => void;
  /**
   * The projected systems the Shapefile exports offer beside WGS84 (core's shapefileProjections: the list's own, the
   * city's Gauss–Krüger zone): the GIS desk's own (the GIS trial, s55 M4).
   */
  exportProjections?: readonly ShapefileCrs[];
  /** The counties the exports can be cut to (the analysis's counties in scope). */
  exportCounties?: Array<{ code: string; name: string }>;
  /**
   * How many of the city's counties the rule set leaves as context (002: 邢台's 18 beside 南宫市). With one judged
   * county, the review report and the print map are that county's by default; the whole city stays a choice.
   */
  exportContext?: number;
  /**
   * The counties the imported list has facilities in (the report's listScope.covered), where it leaves some out: one
   * such county is the exports' scope by default (the user trial, s49 #4: a county's list exported the whole city's
   * rows, most of them the other counties').
   */
  exportListed?: string[];
  onSaveProject: () => void;
  onOpenProject: (file: File) => void;
  projectErrors: RowIssue[];
  /** More import sections: the rules' other inputs (urban area, township and village population, staffing), roads,
   * speeds and the population raster; after the demand and population tables. */
  children?: ReactNode;
}

export type ExportKind =
  | "facilities-geojson"
  | "facilities-geojson-gcj02"
  | "facilities-csv"
  | "gaps-geojson"
  | "violations-geojson"
  | "coverage-geojson"
  | "county-csv"
  | "violations-csv"
  | "facilities-shp"
  | "facilities-shp-gcj02"
  | "coverage-shp"
  | "gaps-shp"
  | "violations-shp"
  | "map-png"
  | "map-png-a3"
  | "report-docx"
  | "report-html";

/** The datum a file's positions or words hint at (its maybe-gcj02 / maybe-bd09 warning), if any. */
function hintedDatum(issues: readonly RowIssue[] | undefined): "gcj02" | "bd09" | undefined {
  const i = issues?.find((x) => x.code === "maybe-gcj02" || x.code === "maybe-bd09");
  return i ? (i.code === "maybe-bd09" ? "bd09" : "gcj02") : undefined;
}

/** The coordinate systems offered for an import, with how each is labelled. */
function crsChoices(t: ReturnType<typeof useI18n>["t"]): Array<{ id: CrsId | ""; label: string }> {
  return [
    { id: "", label: t("crsAuto") },
    { id: "wgs84", label: t("crsWgs84") },
    { id: "gcj02", label: t("crsGcj02") },
    { id: "bd09", label: t("crsBd09") },
    ...[37, 38, 39].map((zone) => ({ id: `EPSG:${4488 + zone}` as CrsId, label: t("crsGkZone", zone, 4488 + zone) })),
    ...[111, 114, 117].map((cm) => ({
      id: `EPSG:${4545 + (cm - 108) / 3}` as CrsId,
      label: t("crsGkMeridian", cm, 4545 + (cm - 108) / 3),
    })),
  ];
}

/** A projected system in words, as the import's choices say it: 「CGCS2000 3度带高斯投影 中央经线 114°E（EPSG:4547）」. */
function projectedLabel(id: string, t: ReturnType<typeof useI18n>["t"], pick: ReturnType<typeof useI18n>["pick"]) {
  const code = Number(/^EPSG:(\d+)$/.exec(id)?.[1]);
  if (code >= 4534 && code <= 4554) return t("crsGkMeridian", 75 + (code - 4534) * 3, code);
  if (code >= 4513 && code <= 4533) return t("crsGkZone", code - 4513 + 25, code);
  return `${pick(projectionLabel(id as CrsId))} (${id})`;
}

const EXPORT_LABELS: Record<ExportKind, MessageKey> = {
  "facilities-geojson": "exportFacilitiesGeojson",
  "facilities-geojson-gcj02": "exportFacilitiesGcj02",
  "facilities-csv": "exportFacilitiesCsv",
  "coverage-geojson": "exportCoverageGeojson",
  "gaps-geojson": "exportGapsGeojson",
  "violations-geojson": "exportViolationsGeojson",
  "county-csv": "exportCountyCsv",
  "violations-csv": "exportViolationsCsv",
  "facilities-shp": "exportFacilitiesShp",
  "facilities-shp-gcj02": "exportFacilitiesShpGcj02",
  "coverage-shp": "exportCoverageShp",
  "gaps-shp": "exportGapsShp",
  "violations-shp": "exportViolationsShp",
  "map-png": "exportMapPng",
  "map-png-a3": "exportMapPngA3",
  "report-docx": "exportReportDocx",
  "report-html": "exportReportHtml",
};

/**
 * The coordinate system last chosen for an import, kept over leaving the Data tab (the planner trial: it went back to
 * 自动 after each import, and the next update of the same Amap sheet was read as WGS84 again) and over a reload
 * (PLACE_PREFS.importCrs; the user trial, s52 M5). Undefined: read from the preference when next asked.
 */
let chosenCrs: CrsId | "" | undefined;

function importCrs(): CrsId | "" {
  chosenCrs ??= loadPref<string>(
    PLACE_PREFS.importCrs,
    "",
    (v) => typeof v === "string" && /^(wgs84|gcj02|bd09|EPSG:\d{4,6})?$/.test(v),
  ) as CrsId | "";
  return chosenCrs;
}

/**
 * 新建会话 starts the import's coordinate system at 自动 again (forgetPlace drops the preference); another tab's
 * session loaded reads it again.
 */
export function forgetImportCrs(): void {
  chosenCrs = undefined;
}

export function DataPanel(props: DataPanelProps) {
  const { t, pick } = useI18n();
  const countyName = useCountyName();
  const [crs, setCrsState] = useState<CrsId | "">(importCrs);
  const setCrs = (next: CrsId | "") => {
    chosenCrs = next;
    savePref(PLACE_PREFS.importCrs, next);
    setCrsState(next);
  };
  const [drop, setDrop] = useState<Set<number>>(new Set());
  const p = props.pending;
  // a file kept over a reload comes back with its ticks; each change of them is kept with it
  useEffect(() => {
    if (p?.drop) setDrop(new Set(p.drop));
  }, [p?.drop]);
  const dropChange = useRef(props.onDropChange);
  dropChange.current = props.onDropChange;
  useEffect(() => dropChange.current?.([...drop]), [drop]);
  // the file hints at Amap (GCJ-02) or Baidu (BD-09) positions: that datum's button first, and 使用 says it keeps WGS84
  // (the trial, s44-a #5: 使用 pressed past the hint left a 百度 list 1.4 km off, with GCJ-02 offered first)
  const hinted = hintedDatum(p?.result.issues);
  const maybeGcj = hinted !== undefined;
  // positions in metres: the projection that puts them in the counties, offered as a button
  const projected = p?.result.issues.find((i) => i.code === "looks-projected" && i.value)?.value as CrsId | undefined;
  // a table read as WGS84 by default: said, with the conversions at hand (most lists' positions come from Amap)
  // (not for a file with no rows: nothing to convert, the re-trial of s41-b #9)
  const defaultWgs =
    !!p &&
    !p.crs &&
    p.result.crs === "wgs84" &&
    !p.result.crsFromFile &&
    p.headers.length > 0 &&
    p.result.totalRows > 0 &&
    !maybeGcj &&
    !projected;
  /** Re-reads the pending file in `next`, which the select then shows and the next import takes. */
  const reread = (next: CrsId) => {
    if (!p) return;
    setCrs(next);
    props.onReparse(next, p.result.mapping);
  };
  const choices = crsChoices(t);
  const crsLabel = (id: string) => choices.find((c) => c.id === id)?.label ?? id;
  if (crs && !choices.some((c) => c.id === crs)) choices.push({ id: crs, label: crs });
  const errors = p?.result.issues.filter((i) => i.severity === "error").length ?? 0;
  const warnings = p?.result.issues.filter((i) => i.severity === "warning").length ?? 0;
  // rows, not warnings: the kept rows with a warning (a subset of the usable ones), and the file's own notes apart
  // (the GIS trial: 「共 16 行，可用 12，拒收 4，存疑 7」 counted warnings and read as if 16 = 12 + 4 + 7)
  const rejectedRows = new Set((p?.result.issues ?? []).filter((i) => i.severity === "error").map((i) => i.row));
  const warned = (p?.result.issues ?? []).filter((i) => i.severity === "warning");
  // the rows ticked to drop are left out as the ticks change (the re-trial: 「可用 3」 beside 「使用 1 行」)
  const doubtfulRows = new Set(
    warned.filter((i) => i.row > 0 && !rejectedRows.has(i.row) && !drop.has(i.row)).map((i) => i.row),
  ).size;
  // every whole-file line the table lists, notes too (the re-trial: 「提示 2 条」 over 3 lines)
  const fileNotes = (p?.result.issues ?? []).filter((i) => i.row === 0 && i.severity !== "error").length;
  const unknownCategories = p?.result.issues.filter((i) => i.code === "unknown-category").length ?? 0;
  const byHand = p?.result.issues.filter((i) => i.code === "type-chosen").length ?? 0;
  const unit = recordUnit(p?.fileName ?? "");
  // a file with nothing to read (empty, header only, unreadable): its message alone, no counts and nothing to use
  const nothing = !!p && p.result.totalRows === 0 && p.result.facilities.length === 0 && errors > 0;
  // the rows struck out, and the session's own proposed sites the list holds again (left out when it is used)
  const again = (p?.sessionProposedRows ?? []).filter((r) => !drop.has(r)).length;
  const usable = p ? p.result.facilities.length - drop.size - again : 0;
  const keptRows = useMemo(() => new Set(p?.result.rows ?? []), [p]);
  // the mapping's choices: each header once, a repeated name with its column number (only the first is read: the GIS
  // trial could not tell two 「经度」 apart), and the columns the import made (「经纬度（经度）」 split from one cell)
  const mappingOptions = useMemo(() => {
    const headers = p?.headers ?? [];
    const count = new Map<string, number>();
    for (const h of headers) count.set(h, (count.get(h) ?? 0) + 1);
    const seen = new Set<string>();
    const out = headers.map((h, i) => {
      const repeated = (count.get(h) ?? 0) > 1;
      const first = !seen.has(h);
      seen.add(h);
      return {
        key: `${i}`,
        value: h,
        label: repeated ? t("columnNumbered", h, i + 1) : h,
        disabled: !first,
      };
    });
    for (const v of Object.values(p?.result.mapping ?? {}))
      if (typeof v === "string" && !count.has(v)) out.push({ key: `made:${v}`, value: v, label: v, disabled: false });
    return out;
  }, [p, t]);
  // the scope of every export: a county, or "" for the whole city (the GIS trial, s45-b #2: the layers were always the
  // whole city's, 90 % of a one-county list's violations another county's). A rule set that binds one
  // county of the city (002: 南宫市) starts on that county (the user trial: 南宫's Word report and prints were 邢台市's,
  // the selector hidden); a choice holds while the judged counties stay the same (not over a change of city)
  const judged = props.exportCounties ?? [];
  const contextCount = props.exportContext ?? 0;
  const listed = props.exportListed ?? [];
  const scopeKey = `${judged.map((c) => c.code).join(",")}|${contextCount}|${listed.join(",")}`;
  // kept over a reload (the re-trial, s45: a planner exporting county by county picked the county again each time)
  const [chosenScope, setChosenScope] = useState<{ key: string; value: string } | null>(null);
  // read once per set of counties, not on every render
  const savedScope = useMemo(() => loadPref<string>(PLACE_PREFS.exportScope(scopeKey), "?"), [scopeKey]);
  const stored =
    chosenScope?.key === scopeKey
      ? chosenScope.value
      : savedScope === "" || judged.some((c) => c.code === savedScope)
        ? savedScope
        : undefined;
  const scope =
    stored ??
    (contextCount > 0 && judged.length === 1
      ? judged[0].code
      : listed.length === 1 && judged.some((c) => c.code === listed[0])
        ? listed[0]
        : "");
  const setScope = (value: string) => {
    setChosenScope({ key: scopeKey, value });
    savePref(PLACE_PREFS.exportScope(scopeKey), value);
  };
  // the Shapefiles' system: WGS84 ("") unless one offered was chosen (kept over a reload while it is offered)
  const projections = props.exportProjections ?? [];
  const [chosenShpCrs, setChosenShpCrs] = useState<string>(() =>
    loadPref<string>(PLACE_PREFS.exportShpCrs, "", (v) => typeof v === "string"),
  );
  const shpCrs = projections.find((c) => c === chosenShpCrs);
  const setShpCrs = (value: string) => {
    setChosenShpCrs(value);
    savePref(PLACE_PREFS.exportShpCrs, value);
  };
  const exportButton = (kind: ExportKind) => (
    <button
      key={kind}
      type="button"
      onClick={() => props.onExport(kind, scope || undefined, kind.endsWith("-shp") && shpCrs ? shpCrs : undefined)}
      data-testid={`export-${kind}`}
    >
      {t(EXPORT_LABELS[kind])}
    </button>
  );
  return (
    <div className="data">
      <section>
        <h3>{t("importFacilities")}</h3>
        <p className="hint">{t("importFacilitiesHint")}</p>
        <label className="row">
          {t("coordinateSystem")}
          <select
            value={p ? (p.crs ?? "") : crs}
            onChange={(e) => {
              const next = e.target.value as CrsId | "";
              setCrs(next);
              // a file waiting to be used is read again in the new system (it was not: 使用 took WGS84)
              if (p) props.onReparse(next || undefined, p.result.mapping);
            }}
            data-testid="import-crs"
          >
            {choices.map((c) => (
              <option key={c.id} value={c.id}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
        {/* a workbook of several sheets: the one read, and the others to choose (the planner trial, s53d H1: the
          second sheet's 24 village clinics were lost, the sheet names never shown) */}
        {p?.result.sheets && p.result.sheets.length > 1 && (
          <label className="row">
            {t("importSheet")}
            <select
              value={p.result.sheet ?? p.result.sheets[0]}
              onChange={(e) => props.onSheet(e.target.value)}
              data-testid="import-sheet"
            >
              {p.result.sheets.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </label>
        )}
        {p?.earlierCrs && (
          <p className="hint" role="note" data-testid="earlier-crs-not-used">
            {t("earlierCrsNotUsed", choices.find((c) => c.id === p.earlierCrs)?.label ?? p.earlierCrs)}
          </p>
        )}
        <FileInput
          accept=".csv,.txt,.xlsx,.geojson,.json,.kml,.zip,.shp,.dbf,.shx,.prj,.cpg"
          testId="import-facilities"
          onFile={(f) => {
            setDrop(new Set());
            props.onFiles([f], crs || undefined);
          }}
          onFiles={(files) => {
            setDrop(new Set());
            props.onFiles(files, crs || undefined);
          }}
        />
        {props.importing && (
          <div
            className="progress"
            role="progressbar"
            aria-valuenow={props.importing.done}
            aria-valuemax={props.importing.total}
          >
            {t("reading")} {props.importing.done.toLocaleString()} / {props.importing.total.toLocaleString()}
            <progress value={props.importing.done} max={Math.max(1, props.importing.total)} />
          </div>
        )}
        {props.datasetName && !p && (
          <p>
            {t("usingImportedList")}
            <b>{props.datasetName}</b>{" "}
            <button type="button" onClick={props.onClearDataset} data-testid="restore-sample">
              {t("backToSample")}
            </button>
          </p>
        )}
        {/* a list joined from several files: each said, with what it gave (the planner trial, s53d H2) */}
        {props.datasetName && !p && props.datasetParts && props.datasetParts.length > 1 && (
          <ul className="hint" data-testid="dataset-parts">
            {props.datasetParts.map((part) => (
              <li key={`${part.importedAt}-${part.fileName}`}>
                {t("datasetPart", part.fileName, part.count)}
                {part.tally?.crs ? ` · ${t("datasetCrs", crsLabel(part.tally.crs.read))}` : ""}
              </li>
            ))}
          </ul>
        )}
        {props.datasetName && !p && props.datasetCrs && (
          <p className="hint" data-testid="dataset-crs">
            {t("datasetCrs", crsLabel(props.datasetCrs))}
          </p>
        )}
        {/* used in WGS84 past a hint that the positions are Amap's or Baidu's: said in view, not in the closed list */}
        {props.datasetName && !p && !props.datasetCrs && hintedDatum(props.datasetIssues) && (
          <p className="warn" data-testid="dataset-crs-unconverted">
            {t(hintedDatum(props.datasetIssues) === "bd09" ? "datasetNotBd09" : "datasetNotGcj02")}
          </p>
        )}
        {props.datasetName && !p && props.datasetIssues && props.datasetIssues.length > 0 && (
          <details className="hint" data-testid="dataset-issues">
            <summary>{t("datasetIssues", props.datasetIssues.length, props.datasetIssuesTotal)}</summary>
            <IssueTable issues={props.datasetIssues} />
          </details>
        )}
        {!p && props.typesByHand && props.typesByHand.length > 0 && (
          <div data-testid="types-by-hand">
            <p>{t("typesByHand", props.typesByHand.length)}</p>
            <ul>
              {props.typesByHand.map((f) => (
                <li key={f.id} data-facility-id={f.id}>
                  <b>{f.name}</b> · {pick(typeChoiceText(f, { withName: false }))}{" "}
                  {f.typeAsRead && props.onUndoType && (
                    <button type="button" onClick={() => props.onUndoType?.(f.id)} data-testid={`undo-type-${f.id}`}>
                      {t("typeUndoChoice")}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          </div>
        )}
        {/* kept over a reload and read again: said in view until it is used or cancelled (the re-trial, s46: a toast of
            4 s was gone before anyone looked, and the file read as if just chosen) */}
        {p?.restored && (
          <p className="warn" role="note" data-testid="import-restored">
            {t("pendingRestoredNote", p.fileName)}
          </p>
        )}
        {/* a list in use: this file replaces it, or is appended to it and checked with it (the planner trial, s53d H2:
            a second file of village clinics replaced the centres and hospitals, and they could not be put together) */}
        {p && props.datasetName && (
          <fieldset className="import-mode" data-testid="import-mode">
            <legend>{t("importModeLegend", props.datasetName, props.datasetCount ?? 0)}</legend>
            <label>
              <input
                type="radio"
                name="import-mode"
                checked={!p.append}
                onChange={() => props.onAppend(false)}
                data-testid="import-mode-replace"
              />{" "}
              {t("importModeReplace")}
            </label>{" "}
            <label>
              <input
                type="radio"
                name="import-mode"
                checked={!!p.append}
                onChange={() => props.onAppend(true)}
                data-testid="import-mode-append"
              />{" "}
              {t("importModeAppend")}
            </label>
          </fieldset>
        )}
        {p && props.datasetName && !p.append && props.datasetName !== p.fileName && (
          <p className="warn" role="note" data-testid="import-replaces">
            {t("importReplaces", props.datasetName)}
          </p>
        )}
        {p && props.datasetName && p.append && (
          <p className="hint" role="note" data-testid="import-appends">
            {t("importAppends", props.datasetName, props.datasetCount ?? 0)}
          </p>
        )}
        {p && (
          <div className="pending" data-testid="import-summary">
            {nothing ? (
              <p data-testid="import-nothing">
                <b>{p.fileName}</b>
              </p>
            ) : (
              <p>
                <b>{p.fileName}</b>
                {t("summaryColon")}
                {t("rowsTotal", p.result.totalRows, unit)}
                {t("summaryComma")}
                {t("rowsUsable")} {usable}
                {/* the rows of a type that is not a known category are doubtful rows, said among them, not among the
                    whole-file notes (the GIS trial, s42-a #9: 「整份文件的提示 1 条（其中类型不是已知机构类别 1 条）」) */}
                {doubtfulRows > 0 && (
                  <span data-testid="rows-doubtful">
                    {t("rowsDoubtfulOf", doubtfulRows)}
                    {unknownCategories > 0 && (
                      <span data-testid="unknown-category-count">{t("rowsUnknownCategory", unknownCategories)}</span>
                    )}
                    {t("rowsDoubtfulClose")}
                  </span>
                )}
                {t("summaryComma")}
                <span className={p.result.rejectedRows > 0 ? "bad" : undefined} data-testid="rows-rejected">
                  {t("rowsRejected")} {p.result.rejectedRows}
                </span>
                {drop.size > 0 && <span data-testid="rows-dropped">{t("rowsDropped", drop.size)}</span>}
                {fileNotes > 0 && t("fileNotes", fileNotes)}
                {unknownCategories > 0 && doubtfulRows === 0 && (
                  <span data-testid="unknown-category-count">{t("rowsUnknownCategory", unknownCategories)}</span>
                )}
                {byHand > 0 && <span data-testid="type-by-hand-count">{t("rowsTypeByHand", byHand)}</span>}
                {p.result.encoding ? ` · ${p.result.encoding}` : ""} ·{" "}
                {/* the system in the words of the choice above, not its id (the planner trial, s53d L1: 「· gcj02」) */}
                {p.result.crsName
                  ? t("crsFromPrj", p.result.crsName)
                  : p.result.crsFromFile && !p.crs
                    ? t("crsStatedInFile", crsLabel(p.result.crs))
                    : crsLabel(p.result.crs)}
              </p>
            )}
            {!nothing && p.headers.length > 0 && (
              <details className="mapping" data-testid="column-mapping" open={p.result.rejectedRows > 0}>
                <summary>{t("columnMapping")}</summary>
                <div className="grid-form">
                  {MAPPED_FIELDS.map((f) => (
                    <label key={f.key}>
                      {t(f.label)}
                      {f.required ? " *" : ""}
                      <select
                        value={p.result.mapping[f.key] ?? ""}
                        data-testid={`map-${f.key}`}
                        onChange={(e) =>
                          props.onReparse(p.crs, { ...p.result.mapping, [f.key]: e.target.value || undefined })
                        }
                      >
                        <option value="">{t("none")}</option>
                        {mappingOptions.map((o) => (
                          <option key={o.key} value={o.value} disabled={o.disabled}>
                            {o.label}
                          </option>
                        ))}
                      </select>
                    </label>
                  ))}
                </div>
              </details>
            )}
            {/* a table read in the system chosen above, which stays for the next tables: said, with the way back (the
                re-trial, s46: after 按 GCJ-02 转换 the next two files were read as GCJ-02 with no word) */}
            {p.crs && p.crs !== "wgs84" && p.headers.length > 0 && !p.result.crsFromFile && (
              <p className="hint" data-testid="crs-chosen-applies">
                {t("crsChosenApplies", choices.find((c) => c.id === p.crs)?.label ?? p.crs)}
              </p>
            )}
            {/* the file hints at Amap/Baidu (a warning), or was read as WGS84 by default (a hint): the same two buttons */}
            {(maybeGcj || defaultWgs) && (
              <p
                // the default read is a question to answer, not a footnote: drawn apart (the user trial, s48 #10: a grey
                // line under the column mapping, missed, and a GCJ-02 list read 100–700 m off)
                className={maybeGcj ? "warn" : "crs-question"}
                data-testid={maybeGcj ? "crs-maybe-hint" : "crs-default-hint"}
                data-datum={hinted}
              >
                {t(hinted === "bd09" ? "maybeBd09" : hinted === "gcj02" ? "maybeGcj02" : "crsDefaultHint")}
                {(hinted === "bd09" ? (["bd09", "gcj02"] as const) : (["gcj02", "bd09"] as const)).map((d, i) => (
                  <Fragment key={d}>
                    {i > 0 && " "}
                    <button
                      type="button"
                      className={d === hinted ? "primary" : undefined}
                      data-testid={`convert-${d}`}
                      onClick={() => reread(d)}
                    >
                      {t(d === "gcj02" ? "convertGcj02" : "convertBd09")}
                    </button>
                  </Fragment>
                ))}
              </p>
            )}
            {p.otherCity && props.onSwitchCity && (
              <p className="warn" data-testid="other-city-hint">
                {t("otherCityHint", pick({ zh: p.otherCity.name, en: `${p.otherCity.nameEn} (${p.otherCity.name})` }))}
                <button
                  type="button"
                  data-testid="switch-city-import"
                  onClick={() => p.otherCity && props.onSwitchCity?.(p.otherCity.id)}
                >
                  {t(
                    "switchCityImport",
                    pick({ zh: p.otherCity.name, en: `${p.otherCity.nameEn} (${p.otherCity.name})` }),
                  )}
                </button>
              </p>
            )}
            {projected && (
              <p className="warn" data-testid="crs-projected-hint">
                {t("looksProjected")}
                <button type="button" data-testid="convert-projected" onClick={() => reread(projected)}>
                  {t("convertProjected", projected)}
                </button>
              </p>
            )}
            {(errors > 0 || warnings > 0 || byHand > 0 || p.result.issues.some((i) => i.severity === "note")) && (
              <IssueTable
                issues={p.result.issues}
                onType={props.onTypeFix}
                typeChosen={props.typeChosen}
                drop={drop}
                keptRows={keptRows}
                onToggle={(row) =>
                  setDrop((prev) => {
                    const next = new Set(prev);
                    if (next.has(row)) next.delete(row);
                    else next.add(row);
                    return next;
                  })
                }
              />
            )}
            {!nothing && (
              <>
                <button
                  type="button"
                  className="primary"
                  onClick={() => props.onApply(drop)}
                  disabled={usable === 0}
                  aria-disabled={usable === 0}
                  data-testid="import-apply"
                >
                  {t(maybeGcj ? "useRowsAsWgs84" : p.append ? "appendRows" : "useRows", usable, unit)}
                </button>{" "}
              </>
            )}
            <button type="button" data-testid="import-cancel" onClick={props.onCancel}>
              {t("cancel")}
            </button>
          </div>
        )}
      </section>
      <section>
        <h3>{t("boundariesHeading")}</h3>
        <p className="hint">{t("boundariesHint")}</p>
        <FileInput accept=".geojson,.json,.kml,.zip" testId="import-boundaries" onFile={props.onBoundariesFile} />
        {props.boundariesName && (
          <p data-testid="boundaries-in-use">
            {t("usingImportedBoundaries")}
            <b>{props.boundariesName}</b>{" "}
            <button type="button" onClick={props.onClearBoundaries}>
              {t("backToEmbedded")}
            </button>
          </p>
        )}
        {props.boundaryIssues.length > 0 && <IssueTable issues={props.boundaryIssues} />}
      </section>
      <section>
        <h3>{t("demandHeading")}</h3>
        <p className="hint">{t("demandHint")}</p>
        <FileInput accept=".csv,.txt,.geojson,.json" testId="import-demand" onFile={props.onDemandFile} />
        {props.demand && (
          <p data-testid="demand-in-use">
            {t("demandInUse")}
            <b>{props.demand.fileName}</b> ({props.demand.count}){" "}
            <button type="button" onClick={props.onClearDemand}>
              {t("clear")}
            </button>
          </p>
        )}
        {props.demandIssues.length > 0 && <IssueTable issues={props.demandIssues} />}
      </section>
      <section>
        <h3>{t("populationHeading")}</h3>
        <p className="hint">{t("populationHint")}</p>
        <FileInput accept=".csv,.txt,.xlsx" testId="import-population" onFile={props.onPopulationFile} />
        {props.population.length > 0 && (
          // the figures in use and the file(s) they came from: a later file that was refused changes nothing
          <p data-testid="population-in-use">
            {t("countiesWithPopulation", props.population.length, [
              ...new Set(props.population.map((p) => p.source ?? "").filter((x) => x !== "")),
            ])}{" "}
            <button type="button" onClick={props.onClearPopulation} data-testid="clear-population">
              {t("clear")}
            </button>
          </p>
        )}
        {props.populationIssues.length > 0 && <IssueTable issues={props.populationIssues} />}
      </section>
      {props.children}
      <section>
        <h3>{t("exportHeading")}</h3>
        {(judged.length > 1 || (judged.length > 0 && contextCount > 0)) && (
          <label className="export-scope">
            {t("exportScope")}{" "}
            <select value={scope} onChange={(e) => setScope(e.target.value)} data-testid="export-county">
              <option value="">
                {contextCount > 0 ? t("exportScopeCityContext", contextCount) : t("exportScopeCity")}
              </option>
              {judged.map((c) => (
                <option key={c.code} value={c.code}>
                  {countyName(c.code, c.name)}
                  {listed.length > 0 && listed.includes(c.code) ? t("exportScopeListed") : ""}
                </option>
              ))}
            </select>
          </label>
        )}
        {projections.length > 0 && (
          <label className="export-scope">
            {t("exportShpCrs")}{" "}
            <select value={shpCrs ?? ""} onChange={(e) => setShpCrs(e.target.value)} data-testid="export-shp-crs">
              <option value="">{t("exportShpWgs84")}</option>
              {projections.map((c) => (
                <option key={c} value={c}>
                  {c === props.datasetCrs ? t("exportShpListCrs") : ""}
                  {projectedLabel(c, t, pick)}
                </option>
              ))}
            </select>
          </label>
        )}
        <div className="buttons">{(Object.keys(EXPORT_LABELS) as ExportKind[]).map(exportButton)}</div>
      </section>
      <section>
        <h3>{t("projectHeading")}</h3>
        <p className="hint">{t("projectHint")}</p>
        <div className="buttons">
          <button type="button" onClick={props.onSaveProject} data-testid="save-project">
            {t("saveProject")}
          </button>
          <FileInput
            accept=".json,.hfp.json"
            testId="open-project"
            label={t("openProject")}
            onFile={props.onOpenProject}
          />
        </div>
        {props.projectErrors.length > 0 && <IssueTable issues={props.projectErrors} />}
      </section>
    </div>
  );
}
