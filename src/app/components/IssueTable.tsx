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
const LOGICAL_FIELDS = new Set(["lon", "lat", "lon/lat"]);

/** Lines the table shows; the download has them all. */
const SHOWN = 300;

/**
 * What follows an issue's message: its cell's value in brackets, unless the message already quotes it (「经度“abc”不是
 * 数字」) or it is a library's own error text (English, kept for support: shown on hover and in the download).
 */
function inlineValue(i: RowIssue, text: string): string | undefined {
  if (i.severity === "note" || i.value === undefined || i.value === "") return undefined;
  if (i.row === 0 && LIBRARY_DETAIL_CODES.has(i.code)) return undefined;
  return text.includes(i.value) ? undefined : i.value;
}

/**
 * Issues whose facility type the user can choose: unknown types (rejected), types guessed from the name, and type texts
 * that only contain a category's word (「火星医院」).
 */
const TYPE_FIXABLE = new Set(["unknown-type", "type-from-name", "unknown-category", "type-chosen"]);

/**
 * The issues of an import, row by row (file, row, field, message), with type fixes and row drops where offered. A
 * problem with the whole file (row 0) says so, as the command line does (整个文件 / whole file). The number column is
 * named for the file: 行 / row (CSV, XLSX), 要素 / feature (GeoJSON, KML), 记录 / record (Shapefile). A type chosen
 * by hand stays in the list as a note (「类型：火星医院 → 乡镇卫生院（人工指定）」) with its choice in the select and a
 * button that undoes it (`onType` with null). The table lists the first 300 issues; a button above it downloads every
 * issue as CSV (the CLI's rejected.csv columns).
 */
export function IssueTable({
  issues,
  drop,
  onToggle,
  onType,
  typeChosen,
}: {
  issues: RowIssue[];
  drop?: Set<number>;
  onToggle?: (row: number) => void;
  onType?: (issue: RowIssue, type: FacilityType | null) => void;
  /** The type chosen for a row (its 「人工指定」 note), shown in its select. */
  typeChosen?: (issue: RowIssue) => FacilityType | undefined;
}) {
  const { pick, t } = useI18n();
  // the numbers are rows of a table, features of a GeoJSON or KML file, records of a Shapefile
  const unit = recordUnit(issues[0]?.file ?? "");
  const file = issues[0]?.file ?? "";
  return (
    <>
      <button
        type="button"
        className="issues-download"
        data-testid="issues-download"
        onClick={() =>
          download(t("issuesFileName", fileStem(file) || "import"), exportIssuesCsv(issues), "text/csv;charset=utf-8")
        }
      >
        {t("issuesDownload", issues.length)}
      </button>
      <table className="issues" data-testid="import-issues">
        <thead>
          <tr>
            <th>{t("issueFile")}</th>
            <th>{t("issueRow", unit)}</th>
            <th>{t("issueField")}</th>
            <th>{t("issue")}</th>
            {onType && <th>{t("setType")}</th>}
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
                key={`${i.row}-${i.field}-${i.code}`}
                className={i.severity}
                data-row={i.row}
                data-field={i.field}
                data-code={i.code}
              >
                <td title={i.file}>{i.file}</td>
                <td>{i.row > 0 ? i.row : t("wholeFile")}</td>
                {/* the file's own column name and cell text, shown as they are in either language */}
                <td data-verbatim>
                  {i.row === 0 && LOGICAL_FIELDS.has(i.field)
                    ? t("issueFieldLogical", i.field as "lon" | "lat" | "lon/lat")
                    : i.field}
                </td>
                <td {...(detail ? { title: t("issueLibraryDetail", detail) } : {})}>
                  {i.severity === "note" ? "" : t(i.severity === "error" ? "tagRejected" : "tagDoubtful")}
                  {text}
                  {value !== undefined && <span data-verbatim> ({value})</span>}
                  {/* an empty cell (a row without a type) says so rather than showing nothing */}
                  {i.severity !== "note" && i.value === "" && t("issueValueEmpty")}
                </td>
                {onType && (
                  <td>
                    {TYPE_FIXABLE.has(i.code) && (
                      <select
                        aria-label={t("typeOfRow", i.row)}
                        data-testid={`type-row-${i.row}`}
                        value={i.code === "type-chosen" ? (typeChosen?.(i) ?? "") : ""}
                        onChange={(e) => {
                          const v = e.target.value as FacilityType | "";
                          if (v) onType(i, v);
                          else if (i.code === "type-chosen") onType(i, null);
                        }}
                      >
                        <option value="">—</option>
                        {FACILITY_TYPES.map((ft) => (
                          <option key={ft} value={ft}>
                            {pick(FACILITY_TYPE_LABELS[ft])}
                          </option>
                        ))}
                      </select>
                    )}
                    {i.code === "type-chosen" && (
                      <button type="button" onClick={() => onType(i, null)} data-testid={`undo-type-row-${i.row}`}>
                        {t("typeUndoChoice")}
                      </button>
                    )}
                  </td>
                )}
                {onToggle && (
                  <td>
                    {i.severity === "warning" && i.row > 0 && (
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
              <td colSpan={6}>{t("issuesMore", issues.length - SHOWN)}</td>
            </tr>
          )}
        </tbody>
      </table>
    </>
  );
}
