import { geodesicDistanceKm } from "../geo/geodesic";
import { FACILITY_TYPE_LABELS, type Facility } from "../model";
import { counted, plural } from "../plural";
import { NEAR_DUPLICATE_M, nameKey } from "./duplicates";
import { RECORD_UNIT_ZH, type RecordUnit } from "./facilities";
import { typeWords } from "./facility-records";
import type { RowIssue } from "./types";

/** A list appended to the one in use: its facilities (ids made unique) and what the joining found. */
export interface AppendedList {
  /** The added list's facilities in its order, an id the list in use already has renamed `id~2` (`~3`, …). */
  facilities: Facility[];
  /**
   * A warning on each row repeating a facility of the list in use, and one for the file when any does; one note for
   * the file naming the renamed ids.
   */
  issues: RowIssue[];
}

/**
 * A second facility list appended to the list in use, as one list (the planner trial, s53d H2: 邓州市's 乡镇卫生院 and
 * 村卫生室 were two sheets, and the second replaced the first). Every row is kept; what joining them finds is said on
 * the added list's rows, for the user to strike out (剔除) before using it:
 * - a row of the same type and name as a facility of the list in use, within {@link NEAR_DUPLICATE_M} m (geodesic), is
 *   【存疑】 "append-repeats" (naming that facility, its id and the distance): the same facility counted twice. When any
 *   row repeats, one whole-file warning counts them and says how to replace the list instead (the same file appended
 *   again repeats every row);
 * - an id the list in use has (or an earlier added row took) is renamed `id~2` (`~3`, …), so that edits, exports and
 *   the plan's upgrades still tell them apart: one whole-file note "append-duplicate-id" names the rows and their new
 *   ids (a repeated row says its new id in its own warning).
 * `baseLabel` names the list in use (its file), `file` the added one; the proposed rows of either are left as they are.
 */
export function appendFacilityList(
  base: readonly Facility[],
  added: { facilities: readonly Facility[]; rows: readonly number[] },
  file: string,
  opts: {
    baseLabel: string;
    unit: RecordUnit;
    nameField?: string;
    idField?: string;
    /**
     * How to use the file in place of the list, and how to strike rows out, where the same list is appended again:
     * the app's 「改选“替换该清单”」 and 「剔除」 by default; the command line's own words (`--facilities` alone,
     * `--add-drop-rows`).
     */
    howTo?: { replace: { zh: string; en: string }; strike: { zh: string; en: string } };
  },
): AppendedList {
  const ids = new Set(base.map((f) => f.id));
  // the list in use by type and name, for the repeats
  const byName = new Map<string, Facility[]>();
  for (const f of base) {
    if (f.proposed || f.nameGiven || !Number.isFinite(f.lon) || !Number.isFinite(f.lat)) continue;
    const key = `${f.type}|${nameKey(f.name)}`;
    const list = byName.get(key);
    if (list) list.push(f);
    else byName.set(key, [f]);
  }
  const issues: RowIssue[] = [];
  const repeatedRows: number[] = [];
  const renamedRows: Array<{ row: number; from: string; to: string }> = [];
  const facilities = added.facilities.map((f, k) => {
    const row = added.rows[k];
    let id = f.id;
    if (ids.has(id)) {
      let n = 2;
      while (ids.has(`${f.id}~${n}`)) n++;
      id = `${f.id}~${n}`;
    }
    ids.add(id);
    const renamed = id !== f.id;
    const same = f.proposed || f.nameGiven ? undefined : nearest(byName.get(`${f.type}|${nameKey(f.name)}`), f);
    if (same) {
      repeatedRows.push(row);
      const metres = same.km * 1000;
      const apartZh = metres < 1 ? "相距不到 1 米" : `相距 ${Math.round(metres)} 米`;
      const apartEn = metres < 1 ? "less than 1 m away" : `${Math.round(metres)} m away`;
      const type = FACILITY_TYPE_LABELS[f.type];
      issues.push({
        file,
        row,
        field: opts.nameField ?? "name",
        value: f.name,
        severity: "warning",
        code: "append-repeats",
        message: {
          zh: `疑似重复：当前清单（${opts.baseLabel}）已有同名同类的「${same.f.name}」（${type.zh}，编号 ${same.f.id}），${apartZh}${renamed ? `；本行编号改为“${id}”` : ""}。如是同一机构，请剔除本行，否则各项核查会把它计两次`,
          en: `possible duplicate: the list in use (${opts.baseLabel}) has 「${same.f.name}」 (${typeWords(f.type)}, id ${same.f.id}) of the same name and type, ${apartEn}${renamed ? `; this row's id is now "${id}"` : ""}. If it is the same facility, strike this row out, or every check counts it twice`,
        },
      });
    } else if (renamed) renamedRows.push({ row, from: f.id, to: id });
    return renamed ? { ...f, id } : f;
  });
  // one note for the file, not one a row: the ids are the file's numbering, no row is in doubt (the re-trials, s54c
  // M2: ten renamed ids made ten 【存疑】 rows; s54d L1: six notes for 1~6)
  if (renamedRows.length > 0) {
    const n = renamedRows.length;
    const unit = { zh: RECORD_UNIT_ZH[opts.unit], en: opts.unit };
    const shown = renamedRows.slice(0, 10);
    const more = n > shown.length;
    issues.push({
      file,
      row: 0,
      field: opts.idField ?? "id",
      value: renamedRows.map((r) => r.from).join(", "),
      severity: "note",
      code: "append-duplicate-id",
      message: {
        zh: `${n} ${unit.zh}的编号在当前清单（${opts.baseLabel}）中已有，已改为不重复的编号：${shown.map((r) => `第 ${r.row} ${unit.zh === "行" ? "行" : "条"}“${r.from}”→“${r.to}”`).join("、")}${more ? " 等" : ""}`,
        en: `${counted(n, unit.en, `${unit.en}s`)} ${plural(n, "has an id", "have ids")} the list in use (${opts.baseLabel}) already has, now unique: ${shown.map((r) => `${unit.en} ${r.row} "${r.from}" → "${r.to}"`).join(", ")}${more ? " …" : ""}`,
      },
    });
  }
  if (repeatedRows.length > 0) {
    const n = repeatedRows.length;
    const howTo = opts.howTo ?? {
      replace: { zh: "请改选“替换该清单”", en: 'choose "replace that list" instead' },
      strike: { zh: "剔除", en: "strike out" },
    };
    const unit = { zh: RECORD_UNIT_ZH[opts.unit], en: opts.unit };
    const all = n === added.facilities.length;
    issues.unshift({
      file,
      row: 0,
      field: "",
      severity: "warning",
      code: "append-repeats-file",
      message: {
        zh: `${all ? "全部" : ""} ${n} ${unit.zh}与当前清单（${opts.baseLabel}）中同名同类的机构相距不到 ${NEAR_DUPLICATE_M} 米，疑似重复：若本文件是当前清单的新版本，${howTo.replace.zh}；否则请${howTo.strike.zh}重复的${unit.zh === "行" ? "行" : "记录"}`.trimStart(),
        en: `${all ? "all " : ""}${counted(n, unit.en, `${unit.en}s`)} ${plural(n, "lies", "lie")} within ${NEAR_DUPLICATE_M} m of a facility of the same name and type in the list in use (${opts.baseLabel}), possibly the same facilities: if this file is a new version of that list, ${howTo.replace.en}; otherwise ${howTo.strike.en} the repeated ones`,
      },
    });
  }
  return { facilities, issues };
}

/** The nearest of `list` to `f` within {@link NEAR_DUPLICATE_M} m (geodesic), with its distance in km. */
function nearest(list: readonly Facility[] | undefined, f: Facility): { f: Facility; km: number } | undefined {
  if (!list || !Number.isFinite(f.lon) || !Number.isFinite(f.lat)) return undefined;
  let best: { f: Facility; km: number } | undefined;
  for (const g of list) {
    const km = geodesicDistanceKm(g.lon, g.lat, f.lon, f.lat);
    if (km * 1000 <= NEAR_DUPLICATE_M && (!best || km < best.km)) best = { f: g, km };
  }
  return best;
}
