import type { Facility } from "../model";
import { type ListScope, listScopeOf } from "../rules/list-scope";
import { homeCounties } from "../siting/county-siting";
import type { CountyFeature } from "../siting/plan";
import type { RowIssue } from "./types";

/**
 * The counties an imported facility list has no facility in, and those it has: each facility counts where the
 * analysis places it (its county code, else the polygon it lies in); proposed sites do not count. Undefined when the
 * list is not an imported one (`imported` false: the embedded sample data, which covers its city by construction),
 * when every county has a facility, when there are fewer than two counties, or when the list is empty.
 */
export function countiesNotInList(
  facilities: readonly Facility[],
  counties: readonly CountyFeature[],
  opts: { imported: boolean },
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
    counties.map((c) => c.properties.code),
  );
}

/**
 * The whole-file warning that a facility list leaves some of the loaded counties without any facility: they are
 * then judged as having none, which reads as their failure, not the list's scope (the GIS trial, s40-b #13: a 镇平县
 * list run for 南阳 gave 4,727 violations, almost all 「no village clinic」 in the 12 counties the file never covered).
 * Each facility counts where the analysis places it (its county code, else the polygon it lies in). None when every
 * county has a facility, when there is one county, or when the list is empty (said elsewhere).
 */
export function listScopeIssue(
  file: string,
  facilities: readonly Facility[],
  counties: readonly CountyFeature[],
): RowIssue | undefined {
  const scope = countiesNotInList(facilities, counties, { imported: true });
  if (!scope) return undefined;
  const missing = new Set(scope.missing);
  const empty = counties.filter((c) => missing.has(c.properties.code));
  const covered = counties.filter((c) => !missing.has(c.properties.code));
  const names = (list: readonly CountyFeature[], sep: string) =>
    list
      .slice(0, 5)
      .map((c) => c.properties.name)
      .join(sep) + (list.length > 5 ? (sep === "、" ? " 等" : " …") : "");
  const few = covered.length * 2 <= counties.length;
  return {
    file,
    row: 0,
    field: "",
    severity: "warning",
    code: "counties-without-facilities",
    // no value: the app prints it after the message, and twelve codes buried the sentence (seen on screen)
    message: few
      ? {
          zh: `清单中的设施只在 ${covered.length} 个县区（${names(covered, "、")}）；其余 ${empty.length} 个县区没有任何设施，将按“无设施”核查，结论不反映它们的实况：只看清单所及的县区，请在县区表中选定它（命令行的 report、suggest 加 --county）`,
          en: `the list's facilities lie in ${covered.length} of the ${counties.length} counties (${names(covered, ", ")}); the other ${empty.length} have none and will be judged as having none, which says nothing of them: to look only at the counties the list covers, choose one in the county table (--county for report and suggest on the command line)`,
        }
      : {
          zh: `${empty.length} 个县区在清单中没有任何设施（${names(empty, "、")}）：将按“无设施”核查，请核对清单是否完整`,
          en: `${empty.length} ${empty.length === 1 ? "county has" : "counties have"} no facility in the list (${names(empty, ", ")}): judged as having none; check that the list is complete`,
        },
  };
}
