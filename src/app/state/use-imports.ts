import { proxy } from "comlink";
import { useEffect, useMemo, useRef, useState } from "react";
import {
  absentKindsIssue,
  appendFacilityList,
  type ColumnMapping,
  type CountyPopulation,
  type CrsId,
  contextCountyIssues,
  emptyFileIssue,
  type Facility,
  type FacilityImport,
  type FacilityType,
  importedFacilities,
  importTally,
  isOwnFacilityCsv,
  keptForReview,
  listScopeIssue,
  OTHER_CITY_SHARE,
  otherCityIssue,
  type PointsWhere,
  parseProject,
  projectOutsideCity,
  type RowIssue,
  recordUnit,
  sampleChangedIssue,
  sampleDigest,
  serializeProject,
  shapefileSet,
  type TypeOverrides,
  thinCountyIssues,
  ungradedHospitalsIssue,
} from "../../core";
import type { PendingImport } from "../components/DataPanel";
import { type CityData, placeOutside } from "../data";
import { download } from "../exports";
import { type I18n, makeI18n } from "../i18n";
import { RULE_SETS, ruleSetFor } from "../rulesets";
import { analysisWorker } from "./analysis-client";
import { keepPending, loadKeptPending } from "./pending-store";
import { projectFromSession, sessionFromProject } from "./project";
import {
  type AddedList,
  datasetLabel,
  datasetParts,
  type ImportedDataset,
  joinedDataset,
  listDataset,
  partLabel,
  type SessionAction,
  type SessionState,
} from "./session";
import { bboxOfPolygons, type KnownCity } from "./use-city";
import type { TravelState } from "./use-travel";

export interface ImportDeps {
  data: CityData | null;
  /** The roads, raster and speeds a project file records and restores. */
  travel: Pick<TravelState, "projectTravel" | "openProjectTravel">;
  session: () => SessionState | null;
  dispatch: (action: SessionAction) => void;
  onError: (message: string) => void;
  onToast: (message: string) => void;
  /** Called once an import is applied (the app shows the review). */
  /** After a list is used, with its facilities (a list of one county selects that county). */
  onApplied: (facilities: readonly Facility[]) => void;
  /** Fits the map to a [west, south, east, north] box (imported urban polygons are shown where they are). */
  onFit: (bbox: [number, number, number, number]) => void;
  i18n: I18n;
  /**
   * Whether this app has data for a city id: a plan city or any city of the national index (a project naming
   * another city is refused). May have to fetch the national index first.
   */
  knownCity: (cityId: string) => KnownCity | null | Promise<KnownCity | null>;
  /** Switches the app to another city (the pending list is then read again there). */
  switchCity?: (cityId: string) => void;
  /**
   * Whether the worker holds the city's data (its first analysis is in): a file is read against the city's division
   * list there, so a pending file kept over a reload is read again only then (the re-trial, s46: read before it, in a
   * new browser profile, every township name was refused).
   */
  workerReady: boolean;
}

/**
 * The Data tab's flows: a facility file read in the worker, shown with its issues, corrected (CRS, column mapping,
 * types) and applied or cancelled; county boundaries, demand points and populations; project files.
 */
export function useImports(deps: ImportDeps) {
  const { data, dispatch, onError } = deps;
  const [pending, setPending] = useState<PendingImport | null>(null);
  const [importing, setImporting] = useState<{ done: number; total: number } | null>(null);
  const [populationIssues, setPopulationIssues] = useState<RowIssue[]>([]);
  const [boundaryIssues, setBoundaryIssues] = useState<RowIssue[]>([]);
  const [demandIssues, setDemandIssues] = useState<RowIssue[]>([]);
  const [projectErrors, setProjectErrors] = useState<RowIssue[]>([]);
  const [urbanIssues, setUrbanIssues] = useState<RowIssue[]>([]);
  const [unitPopulationIssues, setUnitPopulationIssues] = useState<RowIssue[]>([]);
  const [staffingIssues, setStaffingIssues] = useState<RowIssue[]>([]);
  const countyRefs = useMemo(
    () => (data?.counties.features ?? []).map((f) => ({ code: f.properties.code, name: f.properties.name })),
    [data],
  );
  const fail = (file: string) => (e: unknown) => onError(`${file}: ${String(e)}`);
  /**
   * A file's bytes, or null when it is empty (0 bytes or blank): then its one message is listed by `show`, as for a
   * facility list, and nothing is read or replaced, whatever kind of file it is.
   */
  const bytesOf = async (file: File, show: (issues: RowIssue[]) => void): Promise<Uint8Array | null> => {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const empty = emptyFileIssue(bytes, file.name);
    if (empty) show([empty]);
    return empty ? null : bytes;
  };

  /**
   * A list most of whose facilities lie outside the loaded city: the whole-file warning naming the cities they lie in,
   * and the one holding most (the re-trial: a 洛阳 list imported into 南阳 was only warned row by row; the CLI refuses
   * it and names the city).
   */
  const otherCity = (fileName: string, result: FacilityImport, where: PointsWhere | undefined) => {
    if (!data || !where || result.facilities.length === 0) return undefined;
    // the points outside the loaded counties (those `where` placed): another city's list when most are
    const outside = where.at.length;
    if (outside <= OTHER_CITY_SHARE * result.facilities.length) return undefined;
    const issue = otherCityIssue(fileName, result.facilities.length, outside, data.city, where);
    const best = where.byCity[0]?.city;
    return {
      issue,
      city: best && best.id !== data.city.id ? { id: best.id, name: best.name, nameEn: best.nameEn } : undefined,
    };
  };
  /**
   * The list's rows that are this session's own proposed sites (an export of the session re-imported: proposed, the
   * same id, the same place to a micro-degree), each with a warning: they are left out when the list is used, so the
   * checks do not count them twice (the planner trial, s40-a #5: the legend went from 130 to 133 stations).
   */
  const sessionProposedRows = (fileName: string, result: FacilityImport) => {
    const s = deps.session();
    const mine = s ? (s.proposed[s.cityId] ?? []) : [];
    if (mine.length === 0) return [];
    const byId = new Map(mine.map((p) => [p.id, p]));
    const out: Array<{ issue: RowIssue }> = [];
    result.facilities.forEach((f, k) => {
      const p = f.proposed ? byId.get(f.id) : undefined;
      if (!p || Math.abs(p.lon - f.lon) > 1e-6 || Math.abs(p.lat - f.lat) > 1e-6) return;
      out.push({
        issue: {
          file: fileName,
          row: result.rows[k],
          field: "proposed",
          value: f.id,
          severity: "warning",
          code: "proposed-in-session",
          message: {
            zh: `本行是本会话已有的规划新增站点 ${f.id}（导出时带 proposed）：使用清单时不再导入，以免重复计入`,
            en: `this row is the session's own proposed site ${f.id} (exported with proposed): left out when the list is used, so it is not counted twice`,
          },
        },
      });
    });
    return out;
  };
  /**
   * The session's planned upgrades whose centre (`replaces`) the new list does not have: once the list is used, each
   * counts as a new site, with nothing raised (the planner trial, s53d M1: 小杨营镇's upgrade outlived its list and was
   * the one 卫生院 邓州市 counted). Said, one warning each, before the list replaces the old one.
   */
  const orphanUpgrades = (fileName: string, facilities: readonly Facility[]): RowIssue[] => {
    const s = deps.session();
    const upgrades = (s ? (s.proposed[s.cityId] ?? []) : []).filter((p) => p.replaces);
    if (upgrades.length === 0) return [];
    const ids = new Set(facilities.filter((f) => !f.proposed).map((f) => f.id));
    return upgrades
      .filter((p) => !ids.has(p.replaces as string))
      .map((p) => ({
        file: fileName,
        row: 0,
        field: "replaces",
        value: p.replaces as string,
        severity: "warning" as const,
        code: "upgrade-centre-not-in-list",
        message: {
          zh: `规划升级「${p.name}」（${p.id}）所升级的机构（编号“${p.replaces}”）不在本清单中：使用本清单后，它将按新建站点计入；如不再需要，请在“规划”页删除`,
          en: `the planned upgrade 「${p.name}」 (${p.id}) raises a facility (id "${p.replaces}") this list does not have: once the list is used it counts as a new site; delete it in the Plan tab if it is no longer wanted`,
        },
      }));
  };
  /** The city the pending list is to be read again in, once its data is loaded. */
  const [rereadIn, setRereadIn] = useState<string | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the switched-to city's data arrives
  useEffect(() => {
    if (!rereadIn || data?.city.id !== rereadIn) return;
    setRereadIn(null);
    if (pending) parseFile(pending.fileName, pending.bytes, pending.crs, pending.result.mapping, pending.typeOverrides);
  }, [data, rereadIn]);

  // a city chosen elsewhere (the title bar's search) while a file is pending: the file is read again there, as the
  // preview's own switch does (the EMS planner trial, s53 M2: the preview kept 南阳's 「请切换到宜春市」, and 使用 then
  // read it against 宜春 with 南阳's findings)
  const parsedIn = useRef<string | undefined>(undefined);
  /**
   * The workbook's sheet chosen for the pending file (undefined: the first), kept when the file is read again for a
   * coordinate system, a column or a type, and over a reload (the planner trial, s53d H1: only the first was read).
   */
  const sheetChosen = useRef<string | undefined>(undefined);
  /** Whether the pending file is to be appended to the list in use (追加到当前清单) rather than replace it. */
  const appendChosen = useRef(false);
  /** The list in use, when the pending file is to be appended to it. */
  const appendBase = (): ImportedDataset | undefined => {
    const s = deps.session();
    return appendChosen.current && s ? s.datasets[s.cityId] : undefined;
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the city or the pending file changes
  useEffect(() => {
    if (!pending || !data || rereadIn || parsedIn.current === undefined || parsedIn.current === data.city.id) return;
    parseFile(pending.fileName, pending.bytes, pending.crs, pending.result.mapping, pending.typeOverrides);
  }, [data, pending]);

  // a file chosen and not yet used is kept for a reload, with the choices made on it (the trial, s46-a #10: a reload
  // before 使用 lost the preview, the GCJ-02 choice and the 剔除 ticks, unsaid); restored once the city's data is in
  const dropRows = useRef<number[]>([]);
  const restoreTried = useRef(false);
  const keepNow = (p: PendingImport | null) => {
    if (!restoreTried.current) return;
    void keepPending(
      p && data
        ? {
            cityId: data.city.id,
            fileName: p.fileName,
            bytes: p.bytes,
            ...(p.crs ? { crs: p.crs } : {}),
            mapping: p.result.mapping,
            ...(p.typeOverrides ? { typeOverrides: p.typeOverrides } : {}),
            ...(sheetChosen.current ? { sheet: sheetChosen.current } : {}),
            ...(appendChosen.current ? { append: true } : {}),
            drop: dropRows.current,
          }
        : null,
    );
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: kept as the pending import changes
  useEffect(() => keepNow(pending), [pending]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, when the first city's data is in the worker
  useEffect(() => {
    if (!data || !deps.workerReady || restoreTried.current) return;
    void loadKeptPending().then((kept) => {
      restoreTried.current = true;
      if (!kept) return;
      const t = deps.i18n.t;
      if (kept.cityId !== data.city.id || !kept.bytes) {
        void keepPending(null);
        deps.onToast(kept.bytes ? t("pendingOtherCity", kept.fileName) : t("pendingNotKept", kept.fileName));
        return;
      }
      dropRows.current = kept.drop;
      sheetChosen.current = kept.sheet;
      appendChosen.current = kept.append === true;
      void parseFile(kept.fileName, kept.bytes, kept.crs, kept.mapping, kept.typeOverrides, undefined, kept.drop);
      deps.onToast(t("pendingRestored", kept.fileName));
    });
  }, [data, deps.workerReady]);

  const parseFile = async (
    fileName: string,
    bytes: Uint8Array,
    crs: CrsId | undefined,
    mapping?: Partial<ColumnMapping>,
    typeOverrides?: TypeOverrides,
    earlierCrs?: CrsId,
    /** The rows ticked 剔除 when the file was kept for a reload (see pending-store). */
    restoredDrop?: number[],
  ) => {
    setImporting({ done: 0, total: 0 });
    parsedIn.current = data?.city.id;
    try {
      const w = analysisWorker();
      const [parsed, headers] = await Promise.all([
        w.parseFacilities(
          bytes,
          fileName,
          {
            crs,
            mapping,
            typeOverrides,
            counties: countyRefs,
            boundaries: data?.counties as never,
            ...(sheetChosen.current ? { sheet: sheetChosen.current } : {}),
          },
          proxy((done: number, total: number) => setImporting({ done, total })),
        ),
        w.fileHeaders(bytes, fileName).catch(() => [] as string[]),
      ]);
      // appended to the list in use: its ids made unique and its rows that repeat that list warned (s53d H2)
      const base = appendBase();
      const joined = base
        ? appendFacilityList(base.facilities, parsed, fileName, {
            baseLabel: datasetLabel(base),
            unit: recordUnit(fileName),
            ...(parsed.mapping.name ? { nameField: parsed.mapping.name } : {}),
            ...(parsed.mapping.id ? { idField: parsed.mapping.id } : {}),
          })
        : undefined;
      // the workbook's other sheets already in the list in use are not 「未读取」 (the re-trial, s54c M1: appending
      // 村卫生室 said 乡镇卫生院及医院 was not in the list, which it was)
      const inUse = new Set(base ? datasetParts(base).map((p) => p.fileName) : []);
      const read = (i: RowIssue) =>
        i.code !== "other-sheets-not-read" ||
        !(i.value ?? "").split("、").every((sheet) => inUse.has(partLabel(fileName, sheet)));
      const result = joined ? { ...parsed, facilities: joined.facilities, issues: parsed.issues.filter(read) } : parsed;
      // the whole-list warnings are of the list as it will be used: the joined one when appended
      const whole = base ? [...base.facilities, ...result.facilities] : result.facilities;
      const wholeRows = base ? [...new Array<number>(base.facilities.length), ...result.rows] : result.rows;
      // each row outside the city's counties names the city and county it lies in (the reviewer trial, s45-a)
      const placed = await placeOutside(fileName, result);
      const other = otherCity(fileName, result, placed.where);
      // the counties the city's rule set judges: the others are context (002 binds 南宫市 alone of 邢台's 19)
      const ruleSet = data ? ruleSetFor(deps.session()?.ruleSetId ?? "", data.city.id) : undefined;
      // a list that reaches only some judged counties: the others will be judged as having nothing (s40-b #13); said
      // before it replaces the city's list (the planner trial, s40-a #11: one county's 6 rows replaced 6,799 unsaid)
      const scope =
        other || !data ? undefined : listScopeIssue(fileName, whole, data.counties.features, ruleSet, wholeRows);
      // a row in a county the plan does not bind: shown as context, not checked (the user trial: 威县 in a 南宫市 list)
      const context = other || !data ? [] : contextCountyIssues(fileName, result, data.counties.features, ruleSet);
      // the one or two rows a list has in a county it is otherwise not about, said on each (the user trial, s54 M1);
      // of the joined list when appended, on this file's rows
      const thin =
        other || !data
          ? []
          : thinCountyIssues(
              fileName,
              whole,
              wholeRows,
              data.counties.features,
              ruleSet,
              `${result.mapping.lon ?? "lon"}/${result.mapping.lat ?? "lat"}`,
            ).filter((i) => i.row !== undefined);
      // a list with no hospital or no EMS point at all: those checks will judge the list (the user trial, s46-a #6)
      const lacking = other || !data ? undefined : absentKindsIssue(fileName, whole, ruleSet);
      // hospitals that give no grade, where a check counts hospitals from a grade up (the EMS planner trial, s53 H1)
      const ungraded =
        other || !data ? undefined : ungradedHospitalsIssue(fileName, result.facilities, result.rows, ruleSet);
      const first = other
        ? [other.issue]
        : [
            ...(scope ? [scope] : []),
            ...(lacking ? [lacking] : []),
            ...(ungraded ? [ungraded] : []),
            ...orphanUpgrades(fileName, whole),
            ...(joined?.issues.filter((i) => i.row === 0) ?? []),
          ];
      const again = sessionProposedRows(fileName, result);
      // the list's other proposed rows (an export of a plan opened elsewhere): said, and made the session's proposed
      // sites when the list is used (the re-trial, s50b M1: they were counted as existing in the legend, not in 规划)
      const repeated = new Set(again.map((a) => a.issue.row));
      const planned = result.facilities.filter((f, k) => f.proposed && !repeated.has(result.rows[k])).length;
      const plannedNote: RowIssue[] = planned
        ? [
            {
              file: fileName,
              row: 0,
              field: "proposed",
              severity: "note",
              code: "proposed-rows",
              message: {
                zh: `其中 ${planned} 行为规划新增站点（proposed 为 true，尚未建成）：使用清单后列入“规划”页，可移动、改名或删除，不计为现有设施`,
                en: `${planned === 1 ? "1 row is a proposed site" : `${planned} rows are proposed sites`} (proposed true, not built): once the list is used they join the Plan tab, to move, rename or delete, not counted as existing facilities`,
              },
            },
          ]
        : [];
      const joinedRows = joined?.issues.filter((i) => i.row > 0) ?? [];
      const rowIssues =
        context.length + thin.length + joinedRows.length > 0
          ? [...placed.issues, ...context, ...thin, ...joinedRows].sort((a, b) => a.row - b.row)
          : placed.issues;
      const issues = [...first, ...plannedNote, ...again.map((a) => a.issue), ...rowIssues];
      setPending({
        fileName,
        bytes,
        result: { ...result, issues },
        ...(again.length ? { sessionProposedRows: again.map((a) => a.issue.row) } : {}),
        headers,
        crs,
        typeOverrides,
        ...(earlierCrs ? { earlierCrs } : {}),
        ...(other?.city ? { otherCity: other.city } : {}),
        ...(restoredDrop?.length ? { drop: restoredDrop } : {}),
        ...(restoredDrop ? { restored: true } : {}),
        ...(base ? { append: true } : {}),
      });
    } catch (e) {
      fail(fileName)(e);
    } finally {
      setImporting(null);
    }
  };

  /**
   * A new file in the coordinate system chosen for an earlier one, unless it states its own (a GeoJSON, KML or
   * Shapefile: RFC 7946's WGS84, a marker, a .prj) or is the tool's own facility CSV (WGS84): those are read as they
   * say, and the panel says the earlier choice was not used (it stays for the next table).
   */
  const readNew = async (fileName: string, bytes: Uint8Array, crs: CrsId | undefined) => {
    sheetChosen.current = undefined;
    appendChosen.current = false;
    if (!crs || crs === "wgs84") return parseFile(fileName, bytes, crs);
    const vector = /\.(geojson|json|kml|zip|shp)$/i.test(fileName);
    const headers = vector
      ? []
      : await analysisWorker()
          .fileHeaders(bytes, fileName)
          .catch(() => [] as string[]);
    if (vector || isOwnFacilityCsv(headers)) return parseFile(fileName, bytes, undefined, undefined, undefined, crs);
    return parseFile(fileName, bytes, crs);
  };

  return {
    pending,
    importing,
    populationIssues,
    boundaryIssues,
    demandIssues,
    projectErrors,
    urbanIssues,
    unitPopulationIssues,
    staffingIssues,
    countyRefs,
    /**
     * A facility list, or a Shapefile's files chosen together (.shp with its .dbf, .prj, .cpg), read as one set (the GIS
     * trial: a bare .shp was refused with the advice to zip it). Files that are not of the set are named, not read.
     */
    onFiles: async (files: File[], crs: CrsId | undefined) => {
      const read = await Promise.all(
        files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })),
      );
      const set = read.some((f) => /\.shp$/i.test(f.name)) ? shapefileSet(read) : null;
      if (set) {
        if (set.ignored.length > 0) onError(deps.i18n.t("shapefileSetIgnored", set.name, set.ignored.join("、")));
        return readNew(set.name, set.bytes, crs);
      }
      if (read.length > 1) return onError(deps.i18n.t("oneFacilityFile", read.map((f) => f.name).join("、")));
      return readNew(read[0].name, read[0].bytes, crs);
    },
    /** The rows ticked 剔除 on the pending file changed: kept with it for a reload. */
    onDropChange: (rows: number[]) => {
      dropRows.current = rows;
      keepNow(pending);
    },
    onReparse: (crs: CrsId | undefined, mapping?: Partial<ColumnMapping>) =>
      pending && parseFile(pending.fileName, pending.bytes, crs, mapping, pending.typeOverrides),
    /** Another sheet of the pending workbook: read with its own columns guessed, in the chosen coordinate system. */
    onSheet: (sheet: string) => {
      if (!pending) return;
      sheetChosen.current = sheet;
      dropRows.current = [];
      parseFile(pending.fileName, pending.bytes, pending.crs);
    },
    /**
     * The pending file to be appended to the list in use (true) or to replace it (false): read again, its rows against
     * the list it joins (the planner trial, s53d H2).
     */
    onAppend: (append: boolean) => {
      if (!pending) return;
      appendChosen.current = append;
      // the choice shows at once, while the file is read again against the list it joins
      setPending({ ...pending, append });
      parseFile(pending.fileName, pending.bytes, pending.crs, pending.result.mapping, pending.typeOverrides);
    },
    /**
     * A type-cell value fixes every row that has it; a type guessed from the name is fixed for its row. null undoes
     * the rows' choices (each row's, or its type value's for every row that has it): the file is read again as it
     * is. Many issues at once is the bulk choice (every row whose type could not be told). The choice shows at once
     * (the selects read it from the pending import) while the file is read again.
     */
    onTypeFix: (issues: RowIssue[], type: FacilityType | null) => {
      if (!pending) return;
      const o = pending.typeOverrides ?? {};
      const byRow = { ...o.byRow };
      const byValue = { ...o.byValue };
      for (const issue of issues) {
        const cell = issue.field === pending.result.mapping.type && issue.value ? issue.value : undefined;
        if (type === null) {
          delete byRow[issue.row];
          if (cell !== undefined) delete byValue[cell];
        } else if (cell !== undefined) byValue[cell] = type;
        else byRow[issue.row] = type;
      }
      const typeOverrides = { byValue, byRow };
      setPending({ ...pending, typeOverrides });
      parseFile(pending.fileName, pending.bytes, pending.crs, pending.result.mapping, typeOverrides);
    },
    /** The type chosen for an issue's row while the file is pending (its row's choice, else its type value's). */
    typeChosen: (issue: RowIssue): FacilityType | undefined => {
      const o = pending?.typeOverrides;
      if (!o) return undefined;
      if (o.byRow && Object.hasOwn(o.byRow, issue.row)) return o.byRow[issue.row];
      return issue.value !== undefined && o.byValue && Object.hasOwn(o.byValue, issue.value)
        ? o.byValue[issue.value]
        : undefined;
    },
    onApply: (chosen: Set<number>) => {
      if (!pending) return;
      // the session's own proposed sites in the list are left out, as their rows said
      const drop = new Set([...chosen, ...(pending.sessionProposedRows ?? [])]);
      const used = pending.result.facilities.filter((_, i) => !drop.has(pending.result.rows[i]));
      // the list's proposed rows become the session's proposed sites (the re-trial, s50b M1), the rest its facilities
      const kept = used.filter((f) => !f.proposed);
      const proposed = used.filter((f) => f.proposed);
      // the rows struck out stay in the problem list, as the command line's --drop-rows keeps them
      const struck: RowIssue[] = [...chosen].map((row) => ({
        file: pending.fileName,
        row,
        field: "",
        severity: "note",
        code: "dropped-by-user",
        message: {
          zh: "导入时由用户剔除：不计入核查与导出",
          en: "struck out at import: not in the checks or the exports",
        },
      }));
      const keptIssues = [...pending.result.issues, ...struck].sort((a, b) => a.row - b.row);
      const importedAt = new Date().toISOString();
      const tally = importTally(pending.result.totalRows, pending.result.issues, drop, {
        read: pending.result.crsName ?? pending.result.crs,
        ...(pending.result.crsFromColumns ? { fromColumns: true } : {}),
      });
      // the rows refused for their position, which the unit checks name (not those struck out: only imported rows
      // can be), and the rows kept whose units are for review, less those struck out
      const refused = (pending.result.rejectedFacilities ?? []).filter((r) => !(keptForReview(r) && drop.has(r.row)));
      // a file's own 「invented」 flag is kept (the app's export of its sample data says so): never laundered; the CLI
      // keeps it alike (core's importedFacilities)
      const facilities = importedFacilities(kept);
      const sheet = (pending.result.sheets?.length ?? 0) > 1 ? pending.result.sheet : undefined;
      const added: AddedList = {
        fileName: partLabel(pending.fileName, sheet),
        asRead: pending.fileName,
        importedAt,
        tally,
        issues: keptIssues,
        refused,
        facilities,
      };
      const base = pending.append ? appendBase() : undefined;
      const dataset = base ? joinedDataset(base, added) : listDataset(added, sheet);
      dispatch({ type: "importDataset", dataset, ...(proposed.length ? { proposed } : {}) });
      setPending(null);
      deps.onApplied(used);
    },
    onCancel: () => setPending(null),
    onSwitchCity: deps.switchCity
      ? (cityId: string) => {
          setRereadIn(cityId);
          deps.switchCity?.(cityId);
        }
      : undefined,
    onBoundariesFile: async (file: File) => {
      const cityId = data?.city.id;
      if (!cityId) return;
      try {
        const bytes = await bytesOf(file, setBoundaryIssues);
        if (!bytes) return;
        const r = await analysisWorker().parseBoundaries(bytes, file.name, cityId);
        setBoundaryIssues(r.issues);
        if (r.counties.features.length > 0)
          dispatch({ type: "importBoundaries", boundaries: { fileName: file.name, counties: r.counties } });
      } catch (e) {
        fail(file.name)(e);
      }
    },
    onDemandFile: async (file: File) => {
      try {
        const bytes = await bytesOf(file, setDemandIssues);
        if (!bytes) return;
        const r = await analysisWorker().parseDemand(bytes, file.name);
        setDemandIssues(r.issues);
        if (r.points.length > 0) dispatch({ type: "importDemand", demand: { fileName: file.name, points: r.points } });
      } catch (e) {
        fail(file.name)(e);
      }
    },
    onPopulationFile: async (file: File) => {
      try {
        const bytes = await bytesOf(file, setPopulationIssues);
        if (!bytes) return;
        const r = await analysisWorker().parsePopulationTable(bytes, file.name, { counties: countyRefs });
        setPopulationIssues(r.issues);
        if (r.population.length) dispatch({ type: "population", rows: r.population as CountyPopulation[] });
      } catch (e) {
        fail(file.name)(e);
      }
    },
    /** Urban polygons replace the built-up discs; a file with rejected features is listed and applies the rest. */
    onUrbanFile: async (file: File) => {
      try {
        const bytes = await bytesOf(file, setUrbanIssues);
        if (!bytes) return;
        const r = await analysisWorker().parseUrbanAreaFile(bytes, file.name);
        setUrbanIssues(r.issues);
        if (r.polygons.length > 0) {
          dispatch({ type: "importUrban", urban: { fileName: file.name, polygons: r.polygons } });
          deps.onFit(bboxOfPolygons(r.polygons));
        }
      } catch (e) {
        fail(file.name)(e);
      }
    },
    onUnitPopulationFile: async (file: File) => {
      try {
        const bytes = await bytesOf(file, setUnitPopulationIssues);
        if (!bytes) return;
        const r = await analysisWorker().parseUnitPopulationTable(bytes, file.name);
        setUnitPopulationIssues(r.issues);
        if (r.population.length > 0)
          dispatch({ type: "importUnitPopulation", unitPopulation: { fileName: file.name, rows: r.population } });
      } catch (e) {
        fail(file.name)(e);
      }
    },
    onStaffingFile: async (file: File) => {
      try {
        const bytes = await bytesOf(file, setStaffingIssues);
        if (!bytes) return;
        const r = await analysisWorker().parseStaffingTable(bytes, file.name, { counties: countyRefs });
        setStaffingIssues(r.issues);
        if (r.staffing.length > 0)
          dispatch({ type: "importStaffing", staffing: { fileName: file.name, rows: r.staffing } });
      } catch (e) {
        fail(file.name)(e);
      }
    },
    onSaveProject: async () => {
      const s = deps.session();
      if (!s || !data) return;
      const stamp = `${data.city.id}-${new Date().toISOString().slice(0, 10)}`;
      // the road file and raster by name (and inside the file when small), with the speeds: see ProjectTravel
      const travel = await deps.travel.projectTravel(data.city.id);
      // work on the city's sample: which sample, so that a build whose sample differs can say so (s55b L5)
      const onSample = !s.datasets[data.city.id] && data.facilities.length > 0;
      const text = serializeProject({
        ...projectFromSession(s, data.city.id),
        ...(travel ? { travel } : {}),
        ...(onSample ? { sample: { count: data.facilities.length, digest: sampleDigest(data.facilities) } } : {}),
      });
      download(`project-${stamp}.hfp.json`, text, "application/json");
    },
    onOpenProject: async (file: File) => {
      // parameters are checked against the project's rule set: a value outside its range is set aside and listed
      const r = parseProject(await file.text(), file.name, ruleSetFor);
      if (!r.ok) {
        setProjectErrors(r.errors);
        return;
      }
      const city = r.project.city;
      const known = await deps.knownCity(city);
      if (!known) {
        const message = {
          zh: makeI18n("zh").t("projectUnknownCity", city),
          en: makeI18n("en").t("projectUnknownCity", city),
        };
        setProjectErrors([
          { file: file.name, row: 0, field: "city", value: city, severity: "error", code: "unknown-city", message },
        ]);
        return;
      }
      // sites or facilities outside the project's city: said where the file's problems are (the reviewer trial, s55b M3)
      const elsewhere = projectOutsideCity(r.project, known, file.name);
      // a project of the sample, opened where the sample differs (checked when the city is the one loaded)
      const changed =
        data && data.city.id === city
          ? sampleChangedIssue(r.project, data.facilities, known.name, file.name)
          : undefined;
      if (changed) elsewhere.push(changed);
      setProjectErrors([...r.warnings, ...elsewhere]);
      const ruleSets = RULE_SETS.map((x) => x.id);
      const prev = deps.session();
      if (!prev) return;
      // the project's roads and raster are kept for its city first: used (or named as missing) once it is analysed
      await deps.travel.openProjectTravel(city, r.project.travel);
      dispatch({ type: "load", state: sessionFromProject(prev, r.project, file.name, ruleSets) });
      const n = r.warnings.length;
      deps.onToast(
        n
          ? deps.i18n.t("projectOpenedSetAside", file.name, n)
          : elsewhere.some((i) => i.code === "project-outside-city")
            ? deps.i18n.t("projectOpenedElsewhere", file.name, known.name)
            : elsewhere.length
              ? deps.i18n.t("projectOpenedNotes", file.name)
              : deps.i18n.t("projectOpened", file.name),
      );
    },
  };
}

export type Imports = ReturnType<typeof useImports>;
