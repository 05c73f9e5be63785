import type { Facility } from "../model";
import { counted } from "../plural";
import { type ListScope, listScopeOf } from "../rules/list-scope";
import type { RuleSet } from "../rules/schema";
import { inScope } from "../rules/session-layers";
import { homeCounties } from "../siting/county-siting";
import type { CountyFeature } from "../siting/plan";
import { RECORD_UNIT_ZH, recordUnit } from "./facilities";
import type { ColumnMapping, RowIssue } from "./types";

/** The counties `ruleSet` judges (all of them without a rule set, or for a set that binds every county it is given). */
function judgedCounties(counties: readonly CountyFeature[], ruleSet: RuleSet | undefined): CountyFeature[] {
  return ruleSet ? counties.filter((c) => inScope(ruleSet, c.properties)) : [...counties];
}

/**
 * The counties an imported facility list has no facility in, and those it has, among the counties `opts.ruleSet`
 * judges (every county without one: a county the plan does not bind is context, and a list need not reach it): each
 * facility counts where the analysis places it (its county code, else the polygon it lies in); proposed sites do not
 * count. Undefined when the list is not an imported one (`imported` false: the embedded sample data, which covers its
 * city by construction), when every judged county has a facility, when fewer than two counties are judged, or when the
 * list is empty.
 */
export function countiesNotInList(
  facilities: readonly Facility[],
  counties: readonly CountyFeature[],
  opts: { imported: boolean; ruleSet?: RuleSet },
): ListScope | undefined {
  if (!opts.imported || counties.length < 2 || facilities.length === 0) return undefined;
  const home = homeCounties(counties);
  const byHome = new Map<string, Facility[]>();
  for (const f of facilities) {
    const c = home(f);
    if (!c) continue;
    const list = byHome.get(c);
    if (list) list.push(f);
    else byHome.set(c, [f]);
  }
  return listScopeOf(
    byHome,
    judgedCounties(counties, opts.ruleSet).map((c) => c.properties.code),
  );
}

/**
 * The whole-file warning that a facility list leaves some of the counties `ruleSet` judges without any facility: they
 * are then judged as having none, which reads as their failure, not the list's scope (the GIS trial, s40-b #13: a 镇平县
 * list run for 南阳 gave 4,727 violations, almost all 「no village clinic」 in the 12 counties the file never covered).
 * Counties the rule set does not bind are context, never judged, and not counted (the user trial: a 南宫市 list run on
 * plan 002, which binds 南宫市 alone, was warned that 17 of 邢台's counties would be judged as having none). Without a
 * rule set every county is judged. Each facility counts where the analysis places it (its county code, else the
 * polygon it lies in). None when every judged county has a facility, when fewer than two are judged, or when the list
 * is empty (said elsewhere).
 */
export function listScopeIssue(
  file: string,
  facilities: readonly Facility[],
  counties: readonly CountyFeature[],
  ruleSet?: RuleSet,
  /** The facilities' rows in the file, to name the rows that lie in a county they do not put in scope. */
  rows?: readonly number[],
): RowIssue | undefined {
  const scope = countiesNotInList(facilities, counties, { imported: true, ...(ruleSet ? { ruleSet } : {}) });
  if (!scope) return undefined;
  const away = strayRows(facilities, counties, scope.missing, rows);
  const missing = new Set(scope.missing);
  const judged = judgedCounties(counties, ruleSet);
  const empty = judged.filter((c) => missing.has(c.properties.code));
  const covered = judged.filter((c) => !missing.has(c.properties.code));
  const names = (list: readonly CountyFeature[], sep: string) =>
    list
      .slice(0, 5)
      .map((c) => c.properties.name)
      .join(sep) + (list.length > 5 ? (sep === "、" ? " 等" : " …") : "");
  const few = covered.length * 2 <= judged.length;
  return {
    file,
    row: 0,
    field: "",
    severity: "warning",
    code: "counties-without-facilities",
    // no value: the app prints it after the message, and twelve codes buried the sentence (seen on screen)
    message: withStray(
      few
        ? {
            zh: `清单中的设施只在 ${covered.length} 个县区（${names(covered, "、")}）；其余 ${empty.length} 个县区没有任何设施，将按“无设施”核查，结论不反映它们的实况：只看清单所及的县区，请在县区表中选定它（命令行的 report、suggest 加 --county）`,
            en: `the list's facilities lie in ${covered.length} of the ${judged.length} counties (${names(covered, ", ")}); the other ${empty.length} have none and will be judged as having none, which says nothing of them: to look only at the counties the list covers, choose one in the county table (--county for report and suggest on the command line)`,
          }
        : {
            zh: `${empty.length} 个县区在清单中没有任何设施（${names(empty, "、")}）：将按“无设施”核查，请核对清单是否完整`,
            en: `${empty.length} ${empty.length === 1 ? "county has" : "counties have"} no facility in the list (${names(empty, ", ")}): judged as having none; check that the list is complete`,
          },
      away,
      file,
    ),
  };
}

/** The rows lying in a county out of the list's scope, by county: each names another county's units (statedElsewhere). */
function strayRows(
  facilities: readonly Facility[],
  counties: readonly CountyFeature[],
  missing: readonly string[],
  rows: readonly number[] | undefined,
): Array<{ county: string; rows: Array<{ row?: number; name: string; stated: string; unit?: string }> }> {
  const out = new Map<string, Array<{ row?: number; name: string; stated: string; unit?: string }>>();
  const home = homeCounties(counties);
  const outOfScope = new Set(missing);
  const nameOf = new Map(counties.map((c) => [c.properties.code, c.properties.name]));
  facilities.forEach((f, i) => {
    if (!f.statedElsewhere || f.proposed) return;
    const at = home(f);
    if (!at || !outOfScope.has(at)) return;
    const s = f.statedElsewhere;
    const unit = s.village ?? s.township;
    const list = out.get(at) ?? [];
    list.push({
      ...(rows?.[i] !== undefined ? { row: rows[i] } : {}),
      name: f.name,
      stated: nameOf.get(s.county) ?? s.county,
      ...(unit ? { unit } : {}),
    });
    out.set(at, list);
  });
  return [...out.entries()].map(([code, list]) => ({ county: nameOf.get(code) ?? code, rows: list }));
}

/**
 * The scope warning with the counties whose only rows name another county's units: not counted as the list's (清单未含),
 * the rows named with what they state (the user trial, s46-a #4: 「清单中的设施只在 4 个县区（方城县、西峡县…）」 for one
 * 内乡县 row placed in 西峡县).
 */
function withStray(
  message: { zh: string; en: string },
  away: ReturnType<typeof strayRows>,
  file: string,
): { zh: string; en: string } {
  if (away.length === 0) return message;
  const unit = recordUnit(file);
  const unitZh = RECORD_UNIT_ZH[unit];
  const zh = away
    .map(
      (a) =>
        `${a.county}只有${a.rows
          .map(
            (r) =>
              `${r.row !== undefined ? `第 ${r.row} ${unitZh}` : ""}“${r.name}”（所填乡镇、行政村属${r.stated}${r.unit ? `，${r.unit}` : ""}）`,
          )
          .join("、")}`,
    )
    .join("；");
  const en = away
    .map(
      (a) =>
        `${a.county} holds only ${a.rows
          .map(
            (r) =>
              `${r.row !== undefined ? `${unit} ${r.row} ` : ""}"${r.name}" (its township or village is ${r.stated}'s${r.unit ? `, ${r.unit}` : ""})`,
          )
          .join(", ")}`,
    )
    .join("; ");
  return {
    zh: `${message.zh}。${zh}：不算清单所含的县区，按清单未含处理；请核对坐标或乡镇`,
    en: `${message.en}. ${en}: not counted as a county of the list, treated as not in it; check the coordinates or the township`,
  };
}

/** Rows in context counties said one by one up to this many; more are said in one whole-file note. */
export const CONTEXT_ROWS_SHOWN = 20;

/**
 * What a facility list's rows in counties the rule set does not bind get (the user trial: row 60, 威县人民医院, lay in
 * 威县, a context county of plan 002, which binds 南宫市 alone, and nothing said so): each such row a note,
 * code "context-county", naming the county it lies in and the counties judged: shown as context, not checked. More
 * than {@link CONTEXT_ROWS_SHOWN} such rows (a whole city's list read for one county's plan) are one whole-file note
 * counting them by county, naming the first rows. And when the list has no facility at all in a judged county (a
 * neighbour's list), one whole-file warning, code "no-facility-in-judged-counties": they will be judged as having none.
 * Each facility counts where the analysis places it (its county code, else the polygon it lies in); facilities in no
 * county are said elsewhere (outside-boundaries). None without a rule set, or for one that judges every county given.
 */
export function contextCountyIssues(
  file: string,
  imported: { facilities: readonly Facility[]; rows: readonly number[]; mapping: ColumnMapping },
  counties: readonly CountyFeature[],
  ruleSet: RuleSet | undefined,
): RowIssue[] {
  const judged = judgedCounties(counties, ruleSet);
  if (judged.length === counties.length || judged.length === 0 || imported.facilities.length === 0) return [];
  const judgedCodes = new Set(judged.map((c) => c.properties.code));
  const byCode = new Map(counties.map((c) => [c.properties.code, c.properties.name]));
  const home = homeCounties(counties);
  const { mapping } = imported;
  const position = mapping.lon && mapping.lat ? `${mapping.lon}/${mapping.lat}` : "geometry";
  const context: Array<{ row: number; county: string; field: string }> = [];
  let inJudged = 0;
  imported.facilities.forEach((f, k) => {
    if (f.proposed) return;
    const code = home(f);
    if (code === undefined) return;
    if (judgedCodes.has(code)) inJudged++;
    // the county column when the row's code placed it, else its position
    else
      context.push({
        row: imported.rows[k],
        county: code,
        field: f.county === code ? (mapping.county ?? "county") : position,
      });
  });
  if (context.length === 0) return [];
  const names = (list: readonly string[], sep: string) =>
    list.slice(0, 5).join(sep) + (list.length > 5 ? (sep === "、" ? " 等" : " …") : "");
  const judgedZh = names(
    judged.map((c) => c.properties.name),
    "、",
  );
  const judgedEn = names(
    judged.map((c) => c.properties.name),
    ", ",
  );
  const unit = recordUnit(file);
  const unitZh = RECORD_UNIT_ZH[unit];
  const out: RowIssue[] = [];
  if (inJudged === 0)
    out.push({
      file,
      row: 0,
      field: "",
      severity: "warning",
      code: "no-facility-in-judged-counties",
      message: {
        zh: `清单中没有一个设施在本规划约束的县区（${judgedZh}）内：这些县区将按“无设施”核查，请核对是否选错了文件或城市`,
        en: `none of the list's facilities lies in the counties the plan binds (${judgedEn}): they will be judged as having none; check that the file and the city are the right ones`,
      },
    });
  if (context.length > CONTEXT_ROWS_SHOWN) {
    const count = new Map<string, number>();
    for (const c of context) count.set(c.county, (count.get(c.county) ?? 0) + 1);
    const counts = [...count.entries()].sort((a, b) => b[1] - a[1]);
    const countsZh = names(
      counts.map(([code, n]) => `${byCode.get(code) ?? code} ${n} ${unitZh}`),
      "、",
    );
    const countsEn = names(
      counts.map(([code, n]) => `${byCode.get(code) ?? code} ${n}`),
      ", ",
    );
    const rows = context.map((c) => c.row);
    // 「第 1、2、…、20 等 5315 个要素」: the count after 等 (the re-check, s56c N5: 「20 等 个要素」)
    const shownZh = rows.slice(0, 20).join("、") + (rows.length > 20 ? ` 等 ${rows.length}` : "");
    const shownEn = rows.slice(0, 20).join(", ") + (rows.length > 20 ? " …" : "");
    out.push({
      file,
      row: 0,
      field: "",
      value: rows.join(", "),
      severity: "note",
      code: "context-county",
      message: {
        zh: `${context.length} ${unitZh}在本规划约束的县区（${judgedZh}）以外的 ${counts.length} 个县区（${countsZh}）：作背景显示，不参与核查（第 ${shownZh} ${unitZh}）`,
        en: `${counted(context.length, unit, `${unit}s`)} lie in ${counted(counts.length, "county", "counties")} the plan does not bind (${countsEn}), outside ${judgedEn}: shown as context, not checked (${unit}s ${shownEn})`,
      },
    });
    return out;
  }
  for (const c of context) {
    const county = byCode.get(c.county) ?? c.county;
    out.push({
      file,
      row: c.row,
      field: c.field,
      severity: "note",
      code: "context-county",
      message: {
        zh: `第 ${c.row} ${unitZh}在${county}，不在本规划约束的县区（${judgedZh}）内：作背景显示，不参与核查`,
        en: `${unit} ${c.row} lies in ${county}, not in the counties the plan binds (${judgedEn}): shown as context, not checked`,
      },
    });
  }
  return out;
}

/** A judged county holding at most this many of a list's rows, where the others hold many, is said row by row. */
export const THIN_COUNTY_ROWS = 2;
/** …where the list's other judged counties hold at least this many rows each on average. */
const THIN_COUNTY_OTHERS = 10;

/**
 * The rows that are all a list has in one judged county, where its other counties hold many (at most
 * {@link THIN_COUNTY_ROWS} there, against {@link THIN_COUNTY_OTHERS} or more a county elsewhere): each a warning, code
 * "county-few-rows", naming the county and saying that it will be judged by those rows alone, most checks failing
 * (the user trial, s54 M1: 文峰镇卫生院, one row of a 通渭县 and 岷县 list lying in 陇西县, made 陇西县 a county of the
 * list, failing five rules, and no row said so). The row stays: struck out (剔除, `--drop-rows`), the county is one
 * the list does not reach (清单未含). Each facility counts where the analysis places it; proposed sites do not count.
 */
export function thinCountyIssues(
  file: string,
  facilities: readonly Facility[],
  rows: readonly number[],
  counties: readonly CountyFeature[],
  ruleSet: RuleSet | undefined,
  field = "lon/lat",
): RowIssue[] {
  const judged = new Map(judgedCounties(counties, ruleSet).map((c) => [c.properties.code, c.properties.name]));
  const home = homeCounties(counties);
  const byCounty = new Map<string, number[]>();
  facilities.forEach((f, k) => {
    if (f.proposed) return;
    const code = home(f);
    if (code === undefined || !judged.has(code)) return;
    const list = byCounty.get(code);
    if (list) list.push(k);
    else byCounty.set(code, [k]);
  });
  const total = [...byCounty.values()].reduce((n, l) => n + l.length, 0);
  const unit = recordUnit(file);
  const unitZh = RECORD_UNIT_ZH[unit];
  const issues: RowIssue[] = [];
  for (const [code, list] of byCounty) {
    const others = byCounty.size - 1;
    const elsewhere = total - list.length;
    if (list.length > THIN_COUNTY_ROWS || others === 0 || elsewhere < THIN_COUNTY_OTHERS * others) continue;
    const name = judged.get(code) ?? code;
    const names = [...byCounty.keys()]
      .filter((c) => c !== code)
      .slice(0, 5)
      .map((c) => judged.get(c) ?? c);
    for (const k of list) {
      const f = facilities[k];
      issues.push({
        file,
        row: rows[k],
        field,
        value: f.name,
        severity: "warning",
        code: "county-few-rows",
        message: {
          zh: `“${f.name}”位于${name}，清单在${name}只有 ${list.length} ${unitZh}（其余 ${elsewhere} ${unitZh}在${names.join("、")}${others > 5 ? " 等" : ""}）：${name}将只按这 ${list.length} ${unitZh}核查，各项多为不达标；如本${unitZh}不属本清单，请剔除，${name}即按“清单未含”处理`,
          en: `"${f.name}" lies in ${name}, where the list has only ${counted(list.length, unit, `${unit}s`)} (the other ${elsewhere} are in ${names.join(", ")}${others > 5 ? " …" : ""}): ${name} will be judged by ${list.length === 1 ? "it" : "them"} alone, failing most checks; if the ${unit} is not of this list, strike it out, and ${name} is treated as a county the list does not reach`,
        },
      });
    }
  }
  return issues.sort((a, b) => a.row - b.row);
}
