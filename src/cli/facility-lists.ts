/**
 * A facility list of one file, or of two joined (`--add-facilities`): the command line's 追加到当前清单, as the app's
 * Data tab joins a second file or sheet to the list in use (the CLI trial, s54b H1: a second `--facilities` replaced
 * the first; s55: refused, with no way to check two departments' files as one list).
 */
import { basename } from "node:path";
import type { FeatureCollection, MultiPolygon, Polygon } from "geojson";
import {
  absentKindsIssue,
  appendFacilityList,
  type CountyProps,
  type Divisions,
  type ImportTally,
  importedFacilities,
  importTally,
  listScopeIssue,
  type RowIssue,
  type RuleSet,
  recordUnit,
  thinCountyIssues,
  ungradedHospitalsIssue,
  withoutReplaced,
} from "../core";
import {
  type Crs,
  crsLine,
  dropRowsOption,
  type FileKind,
  formatIssue,
  listWarnings,
  optionError,
  readFacilityFile,
} from "./common";

/** One facility file of the command line: its path, the workbook's sheet and the rows struck out. */
export interface FacilityFileInput {
  file: string;
  sheet?: string;
  drop?: readonly number[];
  /** The option `drop` came from, as the notes name it (default `drop-rows`). */
  dropOption?: string;
}

type FacilityRead = Awaited<ReturnType<typeof readFacilityFile>>;

/** The list as read: readFacilityFile's result for the joined list, with each file's tally and CRS line. */
export interface FacilityLists extends FacilityRead {
  /** Each file, in order: its label (「邓州.xlsx（村卫生室）」 for a sheet), what became of its rows, its CRS line. */
  parts: Array<{ file: string; tally: ImportTally; crsLine: string }>;
  /** The rows of the joined list that are the first file's (the rest are the added file's). */
  firstCount: number;
}

/** A file's name with its sheet, as the app labels a part of a joined list: 「邓州.xlsx（村卫生室）」. */
function partName(input: FacilityFileInput): string {
  const name = basename(input.file);
  return input.sheet ? `${name}（${input.sheet}）` : name;
}

/** {@link partName} with the sheet's name as read: `--sheet 3` is labelled by the third sheet's name, not 「（3）」. */
function named(input: FacilityFileInput, read: { sheet?: string }): string {
  return partName(input.sheet && read.sheet ? { ...input, sheet: read.sheet } : input);
}

/**
 * Reads the facility file, and the added one when given, each as {@link readFacilityFile} reads it (its own CRS,
 * sheet and `--drop-rows`), and joins the second to the first with core's appendFacilityList: an id the first has is
 * renamed `id~2`, a row of the same type and name within 100 m of one of the first's is 【存疑】, each said once.
 * Issue lines go to `warnings` / `errorLines` and the issues to `collected`, naming each file.
 */
export async function readFacilityLists(
  main: FacilityFileInput,
  added: FacilityFileInput | undefined,
  what: FileKind,
  crs: Crs | undefined,
  boundaries: FeatureCollection<Polygon | MultiPolygon, CountyProps>,
  out: { warnings: string[]; errorLines: string[]; collected: RowIssue[] },
  divisions: Divisions | null,
  ruleSet: RuleSet,
): Promise<FacilityLists> {
  const read = async (input: FacilityFileInput) => {
    const before = out.collected.length;
    const r = await readFacilityFile(
      input.file,
      what,
      crs,
      boundaries,
      out.warnings,
      out.errorLines,
      out.collected,
      divisions,
      input.drop ?? [],
      ruleSet,
      input.sheet,
      input.dropOption,
    );
    return { r, issues: () => out.collected.slice(before) };
  };
  const part = (label: string, r: FacilityRead, issues: readonly RowIssue[]) => ({
    file: label,
    tally: importTally(r.totalRows, issues, r.dropped, {
      read: r.crsName ?? r.crs,
      ...(r.crsSource === "columns" ? { fromColumns: true } : {}),
    }),
    crsLine: crsLine(label, r.crs, r.crsSource, r.crsName),
  });
  const first = await read(main);
  const firstIssues = first.issues();
  if (!added)
    return {
      ...first.r,
      parts: [part(named(main, first.r), first.r, firstIssues)],
      firstCount: first.r.listed.facilities.length,
    };
  // two sheets of one workbook: each named by its sheet, the first's too when it was the default (the re-check, s55e N3)
  const mainLabel =
    basename(added.file) === basename(main.file) && !main.sheet && first.r.sheet
      ? partName({ ...main, sheet: first.r.sheet })
      : named(main, first.r);
  const second = await read(added);
  // the workbook's other sheet appended is not 「未读取」 (the app's re-trial, s54c M1): each file's note on the sheets
  // it did not read goes when the other file read every sheet it names
  const secondIssues0 = second.issues();
  if (basename(added.file) === basename(main.file)) {
    const noteOf = (issues: readonly RowIssue[]) => issues.find((i) => i.code === "other-sheets-not-read");
    const unread = (i: RowIssue | undefined) => new Set((i?.value ?? "").split("、").filter(Boolean));
    const [a, b] = [noteOf(firstIssues), noteOf(secondIssues0)];
    const [ua, ub] = [unread(a), unread(b)];
    for (const [note, names, other] of [
      [a, ua, ub],
      [b, ub, ua],
    ] as const) {
      if (!note || ![...names].every((sheet) => !other.has(sheet))) continue;
      out.collected.splice(out.collected.indexOf(note), 1);
      const line = out.warnings.indexOf(formatIssue(note));
      if (line >= 0) out.warnings.splice(line, 1);
      for (const list of [firstIssues, secondIssues0]) if (list.includes(note)) list.splice(list.indexOf(note), 1);
    }
  }
  const joined = appendFacilityList(first.r.listed.facilities, second.r.listed, named(added, second.r), {
    baseLabel: mainLabel,
    unit: recordUnit(added.file),
    ...(second.r.mapping.name ? { nameField: second.r.mapping.name } : {}),
    ...(second.r.mapping.id ? { idField: second.r.mapping.id } : {}),
    howTo: {
      replace: { zh: "请只用 --facilities 给出该文件", en: "give it alone as --facilities" },
      strike: { zh: "用 --add-drop-rows 剔除", en: "strike out with --add-drop-rows" },
    },
  });
  for (const i of joined.issues) {
    (i.severity === "error" ? out.errorLines : out.warnings).push(formatIssue(i));
    out.collected.push(i);
  }
  // the added file's issues are filed under its own name, a sheet's under its label, as the app files them
  const label = named(added, second.r);
  const secondIssues = secondIssues0.map((i) => (i.file === basename(added.file) ? { ...i, file: label } : i));
  out.collected.splice(
    out.collected.length - joined.issues.length - secondIssues.length,
    secondIssues.length,
    ...secondIssues,
  );
  const listed = [...first.r.listed.facilities, ...joined.facilities];
  return {
    facilities: importedFacilities(withoutReplaced(listed)),
    read: [...first.r.read, ...second.r.read],
    rejected: first.r.rejected + second.r.rejected,
    crs: first.r.crs,
    crsSource: first.r.crsSource,
    ...(first.r.crsName ? { crsName: first.r.crsName } : {}),
    totalRows: first.r.totalRows + second.r.totalRows,
    dropped: first.r.dropped,
    rejectedFacilities: [...first.r.rejectedFacilities, ...second.r.rejectedFacilities],
    listed: { facilities: listed, rows: [...first.r.listed.rows, ...second.r.listed.rows] },
    mapping: first.r.mapping,
    parts: [
      part(mainLabel, first.r, firstIssues),
      part(named(added, second.r), second.r, [...secondIssues, ...joined.issues]),
    ],
    firstCount: first.r.listed.facilities.length,
  };
}

/**
 * The whole-list warnings of a list read by {@link readFacilityLists}, to `out`: of one file, common's listWarnings;
 * of two joined, as the app gives them for a file appended to the list in use: the judged counties the joined list
 * never reaches and the kinds it lacks, once for the joined list (「a.csv + b.csv」); the one or two rows of a county it
 * is otherwise not about and the hospitals with no grade, each row under its own file.
 */
export function facilityListWarnings(
  lists: FacilityLists,
  counties: FeatureCollection<Polygon | MultiPolygon, CountyProps>,
  ruleSet: RuleSet,
  out: { warnings: string[]; collected: RowIssue[] },
  opts: { scope?: boolean; shipped?: boolean } = {},
): void {
  if (lists.parts.length === 1) {
    listWarnings(lists.parts[0].file, lists.listed, counties, ruleSet, out, opts);
    return;
  }
  const whole = lists.listed.facilities;
  const label = lists.parts.map((p) => p.file).join(" + ");
  // each file's rows at their places in the joined list, the other file's left empty (not named under this one)
  const rowsOf = (k: number): number[] => {
    const rows = new Array<number>(whole.length);
    const [from, to] = k === 0 ? [0, lists.firstCount] : [lists.firstCount, whole.length];
    for (let i = from; i < to; i++) rows[i] = lists.listed.rows[i];
    return rows;
  };
  const issues = [
    opts.scope === false ? undefined : listScopeIssue(label, whole, counties.features, ruleSet),
    ...lists.parts.flatMap((p, k) =>
      thinCountyIssues(p.file, whole, rowsOf(k), counties.features, ruleSet).filter((i) => i.row !== undefined),
    ),
    opts.shipped ? undefined : absentKindsIssue(label, whole, ruleSet),
    ...(opts.shipped
      ? []
      : lists.parts.map((p, k) => {
          const [from, to] = k === 0 ? [0, lists.firstCount] : [lists.firstCount, whole.length];
          return ungradedHospitalsIssue(p.file, whole.slice(from, to), lists.listed.rows.slice(from, to), ruleSet);
        })),
  ];
  for (const issue of issues) {
    if (!issue) continue;
    out.warnings.push(formatIssue(issue));
    out.collected.push(issue);
  }
}

/** The options of a second facility file: `--add-facilities FILE`, its `--add-sheet` and `--add-drop-rows`. */
export const ADD_FACILITY_OPTIONS = ["add-facilities", "add-sheet", "add-drop-rows"] as const;

/**
 * The second facility file of `--add-facilities`, with its `--add-sheet` and `--add-drop-rows` (as `--sheet` and
 * `--drop-rows` are the first file's); the last two without the first are refused, naming the option.
 */
export function addFacilityOption(raw: Map<string, string>, errors: string[]): FacilityFileInput | undefined {
  const file = raw.get("add-facilities");
  if (file === undefined) {
    for (const name of ["add-sheet", "add-drop-rows"])
      if (raw.has(name))
        errors.push(optionError(name, "须与 --add-facilities 一起使用", "is for the file given by --add-facilities"));
    return undefined;
  }
  const drop = raw.has("add-drop-rows")
    ? dropRowsOption(errors, raw.get("add-drop-rows") as string, "add-drop-rows")
    : undefined;
  return {
    file,
    ...(raw.has("add-sheet") ? { sheet: raw.get("add-sheet") as string } : {}),
    ...(drop ? { drop, dropOption: "add-drop-rows" } : {}),
  };
}
