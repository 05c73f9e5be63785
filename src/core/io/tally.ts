import type { RowIssue } from "./types";

/**
 * What became of a facility file's rows at import, for the review report (the GIS trial, s40-b #2: a report of 15
 * facilities from a file of 17 never said two were refused): the rows read, the rows refused with the first reason
 * of each, the rows the user struck out, and how many kept rows were doubtful (【存疑】). Issues of the whole file
 * (row 0) are not rows.
 */
export interface ImportTally {
  /** Data rows (or features, records) the file held. */
  rows: number;
  /** Rows refused, in file order, each with its first error's message (Chinese). */
  rejected: Array<{ row: number; reason: string }>;
  /** Rows the user struck out (剔除) before using the list. */
  dropped: number[];
  /** Rows kept with a warning (【存疑】). */
  doubtful: number;
  /** Those rows, in file order (the re-trial: the report said 「存疑仍计入 2 行」 and not which). */
  doubtfulRows?: number[];
  /**
   * The first 20 of them with their first warning's message (Chinese), as the refused rows give theirs (the re-check,
   * s55e N2: 「存疑仍计入 1 行（第 32 行）」 beside the renamed-id note of another row, its reason, a likely repeat,
   * nowhere in the report).
   */
  doubtfulReasons?: Array<{ row: number; reason: string }>;
  /**
   * The system the file's positions were read in, when not WGS84 (gcj02, bd09, EPSG:4546, a .prj's own name), and
   * whether the coordinate columns' names said so: the report says they were converted (the planner trial, s41-b #2:
   * only 「· gcj02」 in the import panel told it).
   */
  crs?: { read: string; fromColumns?: boolean };
  /**
   * How the file's type words were read where they are not the tool's own (「卫生院 → 乡镇卫生院（第 8 行）」), as the import
   * said it (its `type-readings` note, Chinese): the review report says it too (the reviewer trial, s45-a #8: only the
   * import panel and rejected.csv did).
   */
  typeReadings?: string;
  /**
   * The rows kept as context, in counties the plan does not bind (「作背景显示，不参与核查」), in file order: used, not
   * checked, said in the report (the planner trial, s54d M3: 「共 6 行，采用 6 行」 of a file with a 威县 row).
   */
  context?: number[];
  /**
   * The ids of an appended file's rows that the list in use already had, and what they became (「第 2 行“1”→“1~2”」), as
   * the import's `append-duplicate-id` note said it (Chinese): exports and the plan's upgrades use the new ids, so the
   * report says them (the re-check, s54e: the import panel alone did).
   */
  renamedIds?: string;
}

/**
 * The {@link ImportTally} of an import: `rows` read, its `issues` (row > 0), the rows the user struck out, and the
 * system its positions were read in (`crs`, kept when not WGS84). A row both refused and struck out counts as refused.
 */
export function importTally(
  rows: number,
  issues: readonly RowIssue[],
  dropped: Iterable<number> = [],
  crs?: { read: string; fromColumns?: boolean },
): ImportTally {
  const refused = new Map<number, string>();
  const warned = new Map<number, string>();
  for (const i of issues) {
    if (i.row <= 0) continue;
    if (i.severity === "error") {
      if (!refused.has(i.row)) refused.set(i.row, i.message.zh);
    } else if (i.severity === "warning" && !warned.has(i.row)) warned.set(i.row, i.message.zh);
  }
  const struck = [...new Set(dropped)].filter((r) => !refused.has(r)).sort((a, b) => a - b);
  const struckSet = new Set(struck);
  const doubtfulRows = [...warned.keys()].filter((r) => !refused.has(r) && !struckSet.has(r)).sort((a, b) => a - b);
  const readings = issues.find((i) => i.code === "type-readings");
  const renamed = issues.find((i) => i.code === "append-duplicate-id");
  // the context rows: each its note, or one note for the file naming them all (over 20)
  const context = new Set<number>();
  for (const i of issues) {
    if (i.code !== "context-county") continue;
    if (i.row > 0) context.add(i.row);
    else for (const r of (i.value ?? "").split(",")) if (Number(r) > 0) context.add(Number(r));
  }
  const contextRows = [...context].filter((r) => !refused.has(r) && !struckSet.has(r)).sort((a, b) => a - b);
  return {
    rows,
    rejected: [...refused.entries()].sort((a, b) => a[0] - b[0]).map(([row, reason]) => ({ row, reason })),
    dropped: struck,
    doubtful: doubtfulRows.length,
    doubtfulRows,
    ...(doubtfulRows.length
      ? { doubtfulReasons: doubtfulRows.slice(0, 20).map((row) => ({ row, reason: warned.get(row) ?? "" })) }
      : {}),
    ...(crs && crs.read !== "wgs84" ? { crs } : {}),
    ...(readings ? { typeReadings: readings.message.zh } : {}),
    ...(contextRows.length ? { context: contextRows } : {}),
    ...(renamed ? { renamedIds: renamed.message.zh } : {}),
  };
}
