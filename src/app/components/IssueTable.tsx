import type { RowIssue } from "../../core";
import {
  exportIssuesCsv,
  FACILITY_TYPE_LABELS,
  FACILITY_TYPES,
  type FacilityType,
  fileStem,
  LIBRARY_DETAIL_CODES,
  recordUnit,
} from "../../core";
import { download } from "../exports";
import { useI18n } from "../i18n";

/** Fields a whole-file issue names by their logical name, for a column the file does not have. */
/** Whole-file issues' fields that are the tool's own names, not a column of the file: said in the interface's words. */
const LOGICAL_FIELDS = new Set(["lon", "lat", "lon/lat", "grade", "proposed"]);

/** Lines the table shows; the download has them all. */
const SHOWN = 300;

/**
 * What follows an issue's message: its cell's value in brackets, unless the message already quotes it (「经度“abc”不是
 * 数字」) or it is a library's own error text (English, kept for support: shown on hover and in the download).
 */
function inlineValue(i: RowIssue, text: string): string | undefined {
  if (i.severity === "note" || i.value === undefined || i.value === "") return undefined;
  if (i.row === 0 && LIBRARY_DETAIL_CODES.has(i.code)) return undefined;
  // a city's id, for a program to switch by: the message names the city (the planner trial, s54d L4: 「(nangong)」)
  if (i.code === "other-city") return undefined;
  return text.includes(i.value) ? undefined : i.value;
}

/**
 * Issues whose facility type the user can choose: unknown types (rejected), types guessed from the name, and type texts
 * that only contain a category's word (「火星医院」).
 */
const TYPE_FIXABLE = new Set(["unknown-type", "type-from-name", "unknown-category", "type-chosen"]);

/**
 * The issues of an import, row by row (file, row, field, message), with type fixes and row drops where offered. A
 * problem with the whole file (row 0) says so, as the command line does (整个文件 / whole file). The file is named once
 * above the table, or in a column when the issues come from more than one file. The number column is
 * named for the file: 行 / row (CSV, XLSX), 要素 / feature (GeoJSON, KML), 记录 / record (Shapefile). A type chosen
 * by hand stays in the list as a note (「类型：火星医院 → 乡镇卫生院（人工指定）」) with its choice in the select and a
 * button that undoes it (`onType` with null). Above the table, one select sets the type of every row whose type could
 * not be told (the rows past the table's end too) and one button undoes every choice. The table lists the first 300
 * issues; a button above it downloads every issue as CSV (the CLI's rejected.csv columns). A row's select keeps its
 * element (and the keyboard's focus) when its issue becomes a choice, so arrow keys step through the types.
 */
export function IssueTable({
  issues,
  drop,
  keptRows,
  onToggle,
  onType,
  typeChosen,
}: {
  issues: RowIssue[];
  drop?: Set<number>;
  /** The rows that are imported: only they can be dropped (a row both rejected and warned has nothing to drop). */
  keptRows?: ReadonlySet<number>;
  onToggle?: (row: number) => void;
  /** Sets (or, with null, undoes) the type of the issues' rows: one row from its select, many from the bulk one. */
  onType?: (issues: RowIssue[], type: FacilityType | null) => void;
  /** The type chosen for a row (its 「人工指定」 note), shown in its select. */
  typeChosen?: (issue: RowIssue) => FacilityType | undefined;
}) {
  const { pick, t, lang } = useI18n();
  // the numbers are rows of a table, features of a GeoJSON or KML file, records of a Shapefile
  const unit = recordUnit(issues[0]?.file ?? "");
  const file = issues[0]?.file ?? "";
  // one file's issues (every import but a multi-file one): its name once, above the table, not on every row
  const oneFile = issues.every((i) => i.file === file);
  const untyped = onType ? issues.filter((i) => i.code === "unknown-type") : [];
  const chosen = onType ? issues.filter((i) => i.code === "type-chosen") : [];
  const typeOptions = FACILITY_TYPES.map((ft) => (
    <option key={ft} value={ft}>
      {pick(FACILITY_TYPE_LABELS[ft])}
    </option>
  ));
  return (
    <>
      <div className="issues-actions">
        <button
          type="button"
          data-testid="issues-download"
          onClick={() =>
            download(
              t("issuesFileName", fileStem(file) || "import"),
              exportIssuesCsv(issues, lang, drop),
              "text/csv;charset=utf-8",
            )
          }
        >
          {t("issuesDownload", issues.length)}
        </button>
        {onType && untyped.length >= 2 && (
          <label>
            {t("typeAllUnknown", untyped.length)}
            <select
              data-testid="type-all"
              value=""
              onChange={(e) => {
                const v = e.target.value as FacilityType | "";
                if (v) onType(untyped, v);
              }}
            >
              <option value="">—</option>
              {typeOptions}
            </select>
          </label>
        )}
        {onType && chosen.length >= 2 && (
          <button type="button" data-testid="undo-type-all" onClick={() => onType(chosen, null)}>
            {t("typeUndoAll", chosen.length)}
          </button>
        )}
      </div>
      {/* a table's rows by the spreadsheet's own numbers, not a 序号 column's (the trial, s46-a #11: one off) */}
      {unit === "row" && (
        <p className="hint" data-testid="issue-rows-are-lines">
          {t("issueRowsAreLines")}
        </p>
      )}
      <table className="issues" data-testid="import-issues">
        {oneFile && (
          <caption data-testid="issues-file" title={file}>
            {t("issuesOfFile", file)}
          </caption>
        )}
        <thead>
          <tr>
            {!oneFile && <th>{t("issueFile")}</th>}
            <th>{t("issueRow", unit)}</th>
            <th>{t("issueField")}</th>
            {/* the sentence takes the room: a type choice on one row took a third of the width (the user trial, s50) */}
            <th className="issue-text">{t("issue")}</th>
            {onToggle && <th>{t("dropRow")}</th>}
          </tr>
        </thead>
        <tbody>
          {issues.slice(0, SHOWN).map((i) => {
            const text = pick(i.message);
            const value = inlineValue(i, text);
            const detail = i.row === 0 && LIBRARY_DETAIL_CODES.has(i.code) && i.value ? i.value : undefined;
            return (
              <tr
                // a type issue and the choice that replaces it are one row to React: its select keeps the focus
                key={`${i.row}-${i.field}-${TYPE_FIXABLE.has(i.code) ? "type" : i.code}`}
                className={i.severity}
                data-row={i.row}
                data-field={i.field}
                data-code={i.code}
              >
                {!oneFile && (
                  <td className="file" title={i.file}>
                    {i.file}
                  </td>
                )}
                <td data-cell="row">{i.row > 0 ? i.row : t("wholeFile")}</td>
                {/* the file's own column name and cell text, shown as they are in either language */}
                <td data-verbatim>
                  {i.row === 0 && LOGICAL_FIELDS.has(i.field)
                    ? t("issueFieldLogical", i.field as "lon" | "lat" | "lon/lat" | "grade" | "proposed")
                    : i.field}
                </td>
                <td {...(detail ? { title: t("issueLibraryDetail", detail) } : {})}>
                  {i.severity === "note" ? "" : t(i.severity === "error" ? "tagRejected" : "tagDoubtful")}
                  {text}
                  {value !== undefined && <span data-verbatim> ({value})</span>}
                  {/* an empty cell (a row without a type) says so rather than showing nothing */}
                  {i.severity !== "note" && i.value === "" && t("issueValueEmpty")}
                  {/* the type chosen for the row, under its sentence: a column of its own took a third of the width for
                      one row's choice (the user trial, s50) */}
                  {onType && (TYPE_FIXABLE.has(i.code) || i.code === "type-chosen") && (
                    <span className="set-type">
                      {t("setType")}
                      {TYPE_FIXABLE.has(i.code) && (
                        <select
                          aria-label={t("typeOfRow", i.row)}
                          data-testid={`type-row-${i.row}`}
                          value={typeChosen?.(i) ?? ""}
                          onChange={(e) => {
                            const v = e.target.value as FacilityType | "";
                            if (v) onType([i], v);
                            else if (i.code === "type-chosen") onType([i], null);
                          }}
                        >
                          <option value="">—</option>
                          {typeOptions}
                        </select>
                      )}
                      {i.code === "type-chosen" && (
                        <button type="button" onClick={() => onType([i], null)} data-testid={`undo-type-row-${i.row}`}>
                          {t("typeUndoChoice")}
                        </button>
                      )}
                    </span>
                  )}
                </td>
                {onToggle && (
                  <td>
                    {i.severity === "warning" && i.row > 0 && (keptRows?.has(i.row) ?? true) && (
                      <input
                        type="checkbox"
                        checked={drop?.has(i.row) ?? false}
                        onChange={() => onToggle(i.row)}
                        aria-label={t("dropRowN", i.row)}
                        data-testid={`drop-row-${i.row}`}
                      />
                    )}
                  </td>
                )}
              </tr>
            );
          })}
          {issues.length > SHOWN && (
            <tr data-testid="issues-more">
              <td colSpan={7}>{t("issuesMore", issues.length - SHOWN)}</td>
            </tr>
          )}
        </tbody>
      </table>
    </>
  );
}
