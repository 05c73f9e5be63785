import type { FeatureCollection, MultiPolygon, Polygon } from "geojson";
import type {
  CountyPopulation,
  CountyProps,
  CountyStaffing,
  Facility,
  ImportTally,
  ParamOverrides,
  RejectedFacility,
  RowIssue,
  UnitPopulation,
  WeightedPoint,
} from "../../core";
import { appendFacilityList, SAVED_IMPORT_ISSUES } from "../../core";

/** Planner-editable analysis parameters (the engine's defaults apply to what is absent). */
export interface ParamsState {
  urbanRadiusKm: number;
  ruralRadiusKm: number;
  subCentreMinKm: number;
  /** Built-up disc around each district seat of the central city, km (0 = none). */
  centralCityRadiusKm: number;
  /** Built-up disc around every other seat, km (0 = none). */
  countySeatRadiusKm: number;
  subCountVariant: "bands" | "per-county";
  /** EMS points of neighbouring counties count towards a county's coverage. */
  crossBorder: boolean;
}

/** The planner's overrides of the engine's parameters, as the engine takes them. */
export function toAnalysisParams(o: Partial<ParamsState>): ParamOverrides {
  const out: ParamOverrides = {};
  if (o.urbanRadiusKm !== undefined) out.urbanRadiusKm = o.urbanRadiusKm;
  if (o.ruralRadiusKm !== undefined) out.ruralRadiusKm = o.ruralRadiusKm;
  if (o.subCentreMinKm !== undefined) out.subCentreMinKm = o.subCentreMinKm;
  if (o.subCountVariant !== undefined) out.subCountVariant = o.subCountVariant;
  if (o.crossBorder !== undefined) out.crossBorder = o.crossBorder;
  if (o.centralCityRadiusKm !== undefined || o.countySeatRadiusKm !== undefined) {
    out.urban = {
      ...(o.centralCityRadiusKm !== undefined ? { centralCityRadiusKm: o.centralCityRadiusKm } : {}),
      ...(o.countySeatRadiusKm !== undefined ? { countySeatRadiusKm: o.countySeatRadiusKm } : {}),
    };
  }
  return out;
}

/**
 * The engine's parameters from the planner's overrides and the city's imported urban polygons (which replace the
 * built-up discs; the file name is recorded with every result).
 */
export function analysisParams(o: Partial<ParamsState>, urban: ImportedUrbanArea | undefined): ParamOverrides {
  const out = toAnalysisParams(o);
  if (!urban) return out;
  return { ...out, urban: { ...out.urban, polygons: urban.polygons, polygonsSource: urban.fileName } };
}

/**
 * One file of a list joined from several (追加到当前清单, the planner trial s53d H2): its name as the list says it (a
 * workbook's sheet in brackets when the workbook has several), when it was added, how many facilities it gave and what
 * became of its rows.
 */
export interface DatasetPart {
  fileName: string;
  importedAt: string;
  count: number;
  tally?: ImportTally;
}

/** A facility list the user imported for a city, replacing the sample scenario. */
export interface ImportedDataset {
  /** The file's name; a joined list's files' names, 「a.csv + b.xlsx（村卫生室）」. */
  fileName: string;
  importedAt: string;
  facilities: Facility[];
  /** The workbook's sheet the list was read from, when the workbook has more than one. */
  sheet?: string;
  /** A list joined from several files: each, in the order added (`tally` is then theirs, not the list's). */
  parts?: DatasetPart[];
  /** What became of the file's rows (refused, struck out, doubtful), for the review report. */
  tally?: ImportTally;
  /**
   * The import's problem list as it stood when the list was used, kept so that it can be read and downloaded again
   * after a reload (the first SAVED_IMPORT_ISSUES of the core; `issuesTotal` says how many there were when more).
   */
  issues?: RowIssue[];
  issuesTotal?: number;
  /**
   * The rows refused for their position alone (core's FacilityImport.rejectedFacilities): the analysis names them
   * where a township or village lacks its facility (the reviewer trial: 彭营镇's refused row 23 read 「无乡镇卫生院」).
   */
  rejectedFacilities?: RejectedFacility[];
}

/** A file's name with its workbook sheet when the workbook has several: 「邓州.xlsx（村卫生室）」. */
export function partLabel(fileName: string, sheet: string | undefined): string {
  return sheet ? `${fileName}（${sheet}）` : fileName;
}

/** The files a list was joined from, or its one file, as parts (a list of one file has no `parts`). */
export function datasetParts(d: ImportedDataset): DatasetPart[] {
  return (
    d.parts ?? [
      {
        fileName: partLabel(d.fileName, d.sheet),
        importedAt: d.importedAt,
        count: d.facilities.length,
        ...(d.tally ? { tally: d.tally } : {}),
      },
    ]
  );
}

/** The list's name as a joined list says it: its file with its sheet, or its files'. */
export function datasetLabel(d: ImportedDataset): string {
  return d.parts ? d.fileName : partLabel(d.fileName, d.sheet);
}

/** A file read to be appended to the list in use: what {@link joinedDataset} joins. */
export interface AddedList {
  /** Its name as the joined list says it ({@link partLabel}). */
  fileName: string;
  /** Its name as its issues and refused rows give it (the file's own). */
  asRead: string;
  importedAt: string;
  tally: ImportTally;
  issues: readonly RowIssue[];
  refused: readonly RejectedFacility[];
  facilities: readonly Facility[];
}

/**
 * The list a file gives when it replaces the one in use (or there is none): its facilities, what became of its rows,
 * its problem list and refused rows as the saved session keeps them (the first SAVED_IMPORT_ISSUES of each; a session
 * holding more would not load again).
 */
export function listDataset(added: AddedList, sheet?: string): ImportedDataset {
  return {
    fileName: added.asRead,
    importedAt: added.importedAt,
    ...(sheet ? { sheet } : {}),
    tally: added.tally,
    // the problem list, to be read and downloaded again after a reload (the planner trial)
    issues: added.issues.slice(0, SAVED_IMPORT_ISSUES),
    ...(added.issues.length > SAVED_IMPORT_ISSUES ? { issuesTotal: added.issues.length } : {}),
    ...(added.refused.length ? { rejectedFacilities: added.refused.slice(0, SAVED_IMPORT_ISSUES) } : {}),
    facilities: [...added.facilities],
  };
}

/** The import warnings about a list as a whole, which a file appended to it makes the joined list's. */
const WHOLE_LIST_CODES: ReadonlySet<string> = new Set([
  "kinds-absent-from-list",
  "counties-without-facilities",
  "no-facility-in-judged-counties",
  "upgrade-centre-not-in-list",
]);

/**
 * The list in use with a file appended (追加到当前清单, the planner trial s53d H2): one list of both files' facilities,
 * each file a part with its own tally, the issues and refused rows of both (each naming its file, a workbook's with
 * its sheet), ids kept unique (renamed `id~2` as the import said; again here should the list have changed since).
 */
export function joinedDataset(base: ImportedDataset, added: AddedList): ImportedDataset {
  const baseLabel = datasetLabel(base);
  const relabel = <T extends { file: string }>(list: readonly T[], from: string, to: string): T[] =>
    from === to ? [...list] : list.map((x) => (x.file === from ? { ...x, file: to } : x));
  const facilities = appendFacilityList(
    base.facilities,
    { facilities: added.facilities, rows: added.facilities.map((_, i) => i + 1) },
    added.asRead,
    { baseLabel, unit: "row" },
  ).facilities;
  const before = datasetParts(base);
  // a file of the same name as one in the list (the same file twice, or two files of one name) is told apart by its
  // place, 「a.csv（2）」, so that its issues are not taken for the other's (the re-trial, s54e: 「a.csv + a.csv」, one
  // issue table with rows 9–21 twice)
  const names = new Set(before.map((p) => p.fileName));
  let label = added.fileName;
  for (let n = 2; names.has(label); n++) label = `${added.fileName}（${n}）`;
  const parts = [
    ...before,
    { fileName: label, importedAt: added.importedAt, count: facilities.length, tally: added.tally },
  ];
  // the list in use's warnings about the list as a whole are the joined list's now, said anew with the file added
  // (the planner trial, s54d M2: 「清单中没有…急救中心/站」 stayed beside a 120 centre's five stations)
  const current = (base.issues ?? []).filter((i) => !(i.row === 0 && WHOLE_LIST_CODES.has(i.code)));
  const issues = [
    ...(base.parts ? current : relabel(current, base.fileName, baseLabel)),
    ...relabel(added.issues, added.asRead, label),
  ];
  const dropped = (base.issues?.length ?? 0) - current.length;
  const total = (base.issuesTotal ?? base.issues?.length ?? 0) - dropped + added.issues.length;
  const refused = [
    ...(base.parts
      ? (base.rejectedFacilities ?? [])
      : relabel(base.rejectedFacilities ?? [], base.fileName, baseLabel)),
    ...relabel(added.refused, added.asRead, label),
  ];
  return {
    fileName: parts.map((p) => p.fileName).join(" + "),
    importedAt: added.importedAt,
    facilities: [...base.facilities, ...facilities],
    parts,
    issues: issues.slice(0, SAVED_IMPORT_ISSUES),
    ...(total > SAVED_IMPORT_ISSUES ? { issuesTotal: total } : {}),
    ...(refused.length ? { rejectedFacilities: refused.slice(0, SAVED_IMPORT_ISSUES) } : {}),
  };
}

/** What became of the rows of each file of the list (those whose import is known), for the review report. */
export function datasetTallies(d: ImportedDataset | undefined): Array<{ file: string; tally: ImportTally }> {
  return d ? datasetParts(d).flatMap((p) => (p.tally ? [{ file: p.fileName, tally: p.tally }] : [])) : [];
}

/** County boundaries the user imported for a region, replacing the embedded ones. */
export interface ImportedBoundaries {
  fileName: string;
  counties: FeatureCollection<Polygon | MultiPolygon, CountyProps>;
}

/** Weighted demand points (e.g. villages with their population) the user imported for a city. */
export interface ImportedDemand {
  fileName: string;
  points: WeightedPoint[];
}

/** Urban polygons (中心城区 / 城镇开发边界) the user imported for a city: they replace the built-up discs. */
export interface ImportedUrbanArea {
  fileName: string;
  polygons: Array<Polygon | MultiPolygon>;
}

/** Township / street and village populations (9- and 12-digit codes) the user imported for a city. */
export interface ImportedUnitPopulation {
  fileName: string;
  rows: UnitPopulation[];
}

/** A county staffing table (doctors, nurses, pharmacists, GPs) the user imported for a city. */
export interface ImportedStaffing {
  fileName: string;
  rows: CountyStaffing[];
}

/** Everything the user made: kept in IndexedDB, saved as a project file, undoable. */
export interface SessionState {
  cityId: string;
  ruleSetId: string;
  /** The current city's overrides of the rule set's parameters (absent = the rule set's value). */
  params: Partial<ParamsState>;
  /**
   * The overrides the planner set in other cities, kept for when they come back: a city is judged by its own plans
   * and its own planner's figures only (a 10 km rural radius set in 南阳 judged 宜春 silently). The current city's
   * overrides are in `params` alone.
   */
  paramsByCity?: Record<string, Partial<ParamsState> | undefined>;
  /** Per city: an imported facility list that replaces the embedded sample scenario. */
  datasets: Record<string, ImportedDataset | undefined>;
  /** Per city: the planner's proposed sites. */
  proposed: Record<string, Facility[] | undefined>;
  /** Per city: county populations entered or imported. */
  population: Record<string, CountyPopulation[] | undefined>;
  /** Per city: imported county boundaries (absent: the embedded ones). */
  boundaries?: Record<string, ImportedBoundaries | undefined>;
  /** Per city: imported demand points (absent: coverage is measured on area only). */
  demand?: Record<string, ImportedDemand | undefined>;
  /** Per city: imported urban polygons (absent: the default built-up discs). */
  urban?: Record<string, ImportedUrbanArea | undefined>;
  /** Per city: imported township and village populations. */
  unitPopulation?: Record<string, ImportedUnitPopulation | undefined>;
  /** Per city: an imported county staffing table. */
  staffing?: Record<string, ImportedStaffing | undefined>;
}

/** Where the session is saved: idb-keyval's default database and store, under this key (store.ts). */
export const SAVED_SESSION = { db: "keyval-store", store: "keyval", key: "hfp-session-v1" } as const;

export const INITIAL_SESSION: SessionState = {
  cityId: "nanyang",
  /** "": the city's own plans. */
  ruleSetId: "",
  params: {},
  datasets: {},
  proposed: {},
  population: {},
};

export type SessionAction =
  | { type: "city"; cityId: string }
  | { type: "ruleSet"; ruleSetId: string }
  | { type: "params"; patch: Partial<ParamsState> }
  | { type: "addProposed"; facility: Facility }
  | { type: "moveProposed"; id: string; lon: number; lat: number }
  | { type: "updateProposed"; id: string; patch: Partial<Facility> }
  | { type: "removeProposed"; id: string }
  | { type: "acceptMany"; facilities: Facility[] }
  /** `proposed`: the list's proposed rows, added to the city's proposed sites (a clashing id takes the next free one). */
  | { type: "importDataset"; dataset: ImportedDataset; proposed?: Facility[] }
  | { type: "clearDataset" }
  /**
   * Undoes a type chosen by hand at import: the facility goes back to the type the tool had read it as, a guess again
   * (`typeGuessed`, with the file's type text: a type is offered for choosing only where the tool could not read it).
   */
  | { type: "undoTypeChoice"; id: string }
  | { type: "population"; rows: CountyPopulation[] }
  | { type: "importBoundaries"; boundaries: ImportedBoundaries }
  | { type: "clearBoundaries" }
  | { type: "importDemand"; demand: ImportedDemand }
  | { type: "clearDemand" }
  | { type: "importUrban"; urban: ImportedUrbanArea }
  | { type: "clearUrban" }
  | { type: "importUnitPopulation"; unitPopulation: ImportedUnitPopulation }
  | { type: "clearUnitPopulation" }
  | { type: "importStaffing"; staffing: ImportedStaffing }
  | { type: "clearStaffing" }
  | { type: "load"; state: SessionState };

/** Pure reducer of the session; returns the same object when nothing changes. */
export function reduceSession(s: SessionState, a: SessionAction): SessionState {
  const city = s.cityId;
  const proposed = s.proposed[city] ?? [];
  const setProposed = (list: Facility[]) => ({ ...s, proposed: { ...s.proposed, [city]: list } });
  switch (a.type) {
    case "city":
      // another city opens on its own plans: the comparison set chosen for one city does not follow to the next,
      // where only the select box showed it (the re-trial, s44: Suggest in 南宫 went from 0 to 3 new stations)
      // and with its own parameters (the ones the planner set there, or none)
      return a.cityId === s.cityId ? s : { ...s, ...paramsFor(s, a.cityId), cityId: a.cityId, ruleSetId: "" };
    case "ruleSet":
      return a.ruleSetId === s.ruleSetId ? s : { ...s, ruleSetId: a.ruleSetId };
    case "params": {
      const next = { ...s.params, ...a.patch };
      const keys = new Set([...Object.keys(next), ...Object.keys(s.params)]) as Set<keyof ParamsState>;
      const same = [...keys].every((k) => next[k] === s.params[k]);
      return same ? s : { ...s, params: next };
    }
    case "addProposed":
      return setProposed([...proposed, { ...a.facility, proposed: true }]);
    // a moved site counts where it stands: the county it was accepted for goes with the move (the planner trial: a
    // suggestion dragged into the next county still counted in the first)
    case "moveProposed":
      return setProposed(proposed.map((f) => (f.id === a.id ? { ...withoutCounty(f), lon: a.lon, lat: a.lat } : f)));
    case "updateProposed":
      return setProposed(
        proposed.map((f) =>
          f.id === a.id
            ? {
                ...(a.patch.lon !== undefined || a.patch.lat !== undefined ? withoutCounty(f) : f),
                ...a.patch,
                id: f.id,
                proposed: true,
              }
            : f,
        ),
      );
    case "removeProposed":
      return setProposed(proposed.filter((f) => f.id !== a.id));
    case "acceptMany":
      return setProposed([...proposed, ...a.facilities.map((f) => ({ ...f, proposed: true }))]);
    case "importDataset": {
      const datasets = { ...s.datasets, [city]: a.dataset };
      if (!a.proposed?.length) return { ...s, datasets };
      let sites = s.proposed[city] ?? [];
      for (const f of a.proposed) {
        const listed = a.dataset?.facilities ?? [];
        const id =
          sites.some((p) => p.id === f.id) || listed.some((g) => g.id === f.id) ? newProposedId(sites, listed) : f.id;
        sites = [...sites, { ...f, id, proposed: true }];
      }
      return { ...s, datasets, proposed: { ...s.proposed, [city]: sites } };
    }
    case "undoTypeChoice": {
      const d = s.datasets[city];
      if (!d) return s;
      const facilities = d.facilities.map((f) => {
        if (f.id !== a.id || !f.typeByHand || !f.typeAsRead) return f;
        const { typeByHand: _h, typeAsRead, ...rest } = f;
        return { ...rest, type: typeAsRead, typeGuessed: true };
      });
      return { ...s, datasets: { ...s.datasets, [city]: { ...d, facilities } } };
    }
    case "clearDataset":
      return { ...s, datasets: { ...s.datasets, [city]: undefined } };
    case "population":
      return { ...s, population: { ...s.population, [city]: a.rows } };
    case "importBoundaries":
      return { ...s, boundaries: { ...s.boundaries, [city]: a.boundaries } };
    case "clearBoundaries":
      return { ...s, boundaries: { ...s.boundaries, [city]: undefined } };
    case "importDemand":
      return { ...s, demand: { ...s.demand, [city]: a.demand } };
    case "clearDemand":
      return { ...s, demand: { ...s.demand, [city]: undefined } };
    case "importUrban":
      return { ...s, urban: { ...s.urban, [city]: a.urban } };
    case "clearUrban":
      return s.urban?.[city] ? { ...s, urban: { ...s.urban, [city]: undefined } } : s;
    case "importUnitPopulation":
      return { ...s, unitPopulation: { ...s.unitPopulation, [city]: a.unitPopulation } };
    case "clearUnitPopulation":
      return s.unitPopulation?.[city] ? { ...s, unitPopulation: { ...s.unitPopulation, [city]: undefined } } : s;
    case "importStaffing":
      return { ...s, staffing: { ...s.staffing, [city]: a.staffing } };
    case "clearStaffing":
      return s.staffing?.[city] ? { ...s, staffing: { ...s.staffing, [city]: undefined } } : s;
    case "load":
      return a.state;
  }
}

/**
 * The parameters when `cityId` becomes the current city: the current city's overrides are put by, under its id in
 * `paramsByCity` (none kept when it has none), and `cityId`'s taken out as `params`.
 */
export function paramsFor(
  s: Pick<SessionState, "cityId" | "params" | "paramsByCity">,
  cityId: string,
): Pick<SessionState, "params" | "paramsByCity"> {
  const { [cityId]: theirs, ...rest } = s.paramsByCity ?? {};
  const keep = Object.keys(s.params).length > 0 && s.cityId !== cityId;
  const paramsByCity = keep ? { ...rest, [s.cityId]: s.params } : rest;
  return { params: theirs ?? (s.cityId === cityId ? s.params : {}), paramsByCity };
}

const NO_PARAMS: Partial<ParamsState> = {};

/** The overrides the planner set for `cityId`: the session's `params` when it is the current city, else those kept. */
export function paramsOf(s: Pick<SessionState, "cityId" | "params" | "paramsByCity">, cityId: string) {
  return s.cityId === cityId ? s.params : (s.paramsByCity?.[cityId] ?? NO_PARAMS);
}

/**
 * A fresh id for a proposed site, unique within the list and not among `taken` (the city's facility ids: the analysis
 * takes them and the proposed sites as one list, where one id twice fails it, the bad-files trial s56b H2).
 */
export function newProposedId(existing: Facility[], taken: Iterable<{ id: string }> = []): string {
  const used = new Set([...existing, ...taken].map((f) => f.id));
  let n = existing.length + 1;
  while (used.has(`P${n}`)) n++;
  return `P${n}`;
}

/** A proposed site without the county it was accepted for: once moved, its position says where it counts. */
function withoutCounty(f: Facility): Facility {
  const { county: _county, ...rest } = f;
  return rest;
}

/** What one undo or redo step changes, for the buttons' tooltips (the planner trial: 「撤销」 said nothing more). */
export type StepDescription =
  | {
      kind: "add" | "move" | "remove" | "edit";
      id: string /** Sites added with it in the same step (accepted suggestions). */;
      others?: number;
    }
  | { kind: "params" | "ruleSet" | "city" | "other" }
  | { kind: "import"; file: string };

/** Whether two values read back alike: states restored after a reload share no objects (the planner trial). */
function same(x: unknown, y: unknown): boolean {
  return x === y || JSON.stringify(x) === JSON.stringify(y);
}

/**
 * The step from `from` to `to`: a proposed site added, moved, removed or edited, parameters, a rule set, an import.
 * Compared by content, not by object: the history read back after a reload shares no objects between its states, and
 * every site then differed (the planner trial, s40-a #2: a drag of P4 read 「修改 P1」, and a redo that re-imported a
 * file read 「重做：修改 P1」).
 */
export function describeStep(from: SessionState, to: SessionState): StepDescription {
  if (from.cityId !== to.cityId) return { kind: "city" };
  if (from.ruleSetId !== to.ruleSetId) return { kind: "ruleSet" };
  const city = to.cityId;
  const a = from.proposed[city] ?? [];
  const b = to.proposed[city] ?? [];
  if (a !== b) {
    const before = new Map(a.map((f) => [f.id, f]));
    const after = new Map(b.map((f) => [f.id, f]));
    const added = b.filter((f) => !before.has(f.id));
    // suggestions accepted at once are one step: 「新增 P2 等 3 处」, not 「新增 P2」 (the planner trial)
    if (added.length > 0)
      return { kind: "add", id: added[0].id, ...(added.length > 1 ? { others: added.length - 1 } : {}) };
    const removed = a.find((f) => !after.has(f.id));
    if (removed) return { kind: "remove", id: removed.id };
    const changed = b.filter((f) => {
      const g = before.get(f.id);
      return g !== undefined && !same(g, f);
    });
    const moved = changed.find((f) => {
      const g = before.get(f.id);
      return g !== undefined && (g.lon !== f.lon || g.lat !== f.lat);
    });
    if (moved) return { kind: "move", id: moved.id };
    if (changed[0]) return { kind: "edit", id: changed[0].id };
  }
  const d0 = from.datasets[city];
  const dataset = to.datasets[city];
  if (dataset && (!d0 || d0.fileName !== dataset.fileName || d0.importedAt !== dataset.importedAt))
    return { kind: "import", file: dataset.fileName };
  if (!same(from.params, to.params)) return { kind: "params" };
  return { kind: "other" };
}
