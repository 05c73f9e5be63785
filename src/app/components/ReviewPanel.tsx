import { useMemo, useState } from "react";
import type { AnalysisReport, RuleSet } from "../../core";
import { useI18n } from "../i18n";
import { citation, findRule, RULE_SETS } from "../rulesets";

type County = AnalysisReport["counties"][number];
type Check = County["checks"][number];
export type Violation = AnalysisReport["violations"][number];

const STATUS_ICON: Record<Check["status"], string> = { pass: "✔", fail: "✘", "not-applicable": "–", "needs-data": "?" };

export function statusLabel(status: Check["status"], lang: "zh" | "en"): string {
  const zh = { pass: "达标", fail: "不达标", "not-applicable": "不适用", "needs-data": "缺数据" } as const;
  const en = { pass: "pass", fail: "fail", "not-applicable": "n/a", "needs-data": "needs data" } as const;
  return (lang === "zh" ? zh : en)[status];
}

function pct(x: number | undefined): string {
  return x === undefined ? "–" : `${(x * 100).toFixed(1)}%`;
}

function checkOf(c: County, rule: string): Check | undefined {
  return c.checks.find((k) => k.rule === rule);
}

type SortKey = "name" | "fails" | "rural" | "urban" | "gap" | "population";

function sortValue(c: County, key: SortKey): number | string {
  switch (key) {
    case "name":
      return c.code;
    case "fails":
      return c.checks.filter((k) => k.status === "fail").length;
    case "rural":
      return checkOf(c, "EMS-RURAL")?.coveredShare ?? -1;
    case "urban":
      return checkOf(c, "EMS-URBAN")?.coveredShare ?? -1;
    case "gap":
      return (checkOf(c, "EMS-RURAL")?.uncoveredAreaKm2 ?? 0) + (checkOf(c, "EMS-URBAN")?.uncoveredAreaKm2 ?? 0);
    case "population":
      return c.population ?? -1;
  }
}

export interface ReviewPanelProps {
  report: AnalysisReport | null;
  baseline: AnalysisReport | null;
  ruleSet: RuleSet;
  onRuleSet: (id: string) => void;
  selectedCounty: string | null;
  onSelectCounty: (code: string) => void;
  selectedViolation: number | null;
  onSelectViolation: (index: number, v: Violation) => void;
  busy: boolean;
}

export function ReviewPanel(props: ReviewPanelProps) {
  const { t, pick, lang } = useI18n();
  const { report, ruleSet } = props;
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: "name", desc: false });
  const [ruleFilter, setRuleFilter] = useState<string>("");
  const rows = useMemo(() => {
    if (!report) return [];
    const list = [...report.counties];
    list.sort((a, b) => {
      const va = sortValue(a, sort.key);
      const vb = sortValue(b, sort.key);
      const cmp = typeof va === "number" && typeof vb === "number" ? va - vb : String(va).localeCompare(String(vb));
      return sort.desc ? -cmp : cmp;
    });
    return list;
  }, [report, sort]);
  const baselineByCode = useMemo(
    () => new Map((props.baseline?.counties ?? []).map((c) => [c.code, c])),
    [props.baseline],
  );
  const violations = useMemo(
    () => (report?.violations ?? []).map((v, i) => ({ v, i })).filter(({ v }) => !ruleFilter || v.rule === ruleFilter),
    [report, ruleFilter],
  );
  const ruleIdsWithViolations = useMemo(
    () => [...new Set((report?.violations ?? []).map((v) => v.rule))].sort(),
    [report],
  );
  const header = (key: SortKey, label: string) => (
    <th
      scope="col"
      aria-sort={sort.key === key ? (sort.desc ? "descending" : "ascending") : "none"}
      tabIndex={0}
      onClick={() => setSort({ key, desc: sort.key === key ? !sort.desc : key !== "name" })}
      onKeyDown={(e) => {
        if (e.key === "Enter" || e.key === " ") setSort({ key, desc: sort.key === key ? !sort.desc : key !== "name" });
      }}
      data-sort={key}
    >
      {label}
      {sort.key === key ? (sort.desc ? " ▼" : " ▲") : ""}
    </th>
  );
  const selected = report?.counties.find((c) => c.code === props.selectedCounty);
  const selectedV = props.selectedViolation !== null ? report?.violations[props.selectedViolation] : undefined;
  const selectedRule = selectedV ? findRule(ruleSet, selectedV.rule) : undefined;

  return (
    <div className="review">
      <label className="row">
        {lang === "zh" ? "规划规则集" : "Plan rule set"}
        <select data-testid="ruleset-picker" value={ruleSet.id} onChange={(e) => props.onRuleSet(e.target.value)}>
          {RULE_SETS.map((r) => (
            <option key={r.id} value={r.id}>
              {r.id === "default" ? "" : `${r.id} · `}
              {pick(r.title)}
            </option>
          ))}
        </select>
      </label>
      {report && (
        <p className="hint" data-testid="urban-definition">
          {pick(report.urbanDefinitionUsed)}
        </p>
      )}
      {props.busy && (
        <div className="busy" role="status">
          {lang === "zh" ? "计算中…" : "Computing…"}
        </div>
      )}
      <div className="table-wrap">
        <table className="county-table" data-testid="county-table">
          <thead>
            <tr>
              {header("name", t("county"))}
              {header("fails", lang === "zh" ? "不达标" : "Fails")}
              {header("rural", lang === "zh" ? "农村急救覆盖" : "Rural EMS")}
              {header("urban", lang === "zh" ? "城区急救覆盖" : "Urban EMS")}
              {header("gap", lang === "zh" ? "缺口 km²" : "Gap km²")}
              {header("population", lang === "zh" ? "人口" : "Pop.")}
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => {
              const fails = c.checks.filter((k) => k.status === "fail").length;
              const rural = checkOf(c, "EMS-RURAL");
              const urban = checkOf(c, "EMS-URBAN");
              const before = baselineByCode.get(c.code);
              const ruralBefore = before ? checkOf(before, "EMS-RURAL")?.coveredShare : undefined;
              const gap = (rural?.uncoveredAreaKm2 ?? 0) + (urban?.uncoveredAreaKm2 ?? 0);
              return (
                <tr
                  key={c.code}
                  data-county-code={c.code}
                  data-fails={fails}
                  className={`${c.code === props.selectedCounty ? "selected" : ""} ${fails ? "has-fail" : ""}`}
                  tabIndex={0}
                  onClick={() => props.onSelectCounty(c.code)}
                  onKeyDown={(e) => {
                    if (e.key === "Enter") props.onSelectCounty(c.code);
                  }}
                >
                  <td>{c.name}</td>
                  <td className={fails ? "bad" : "good"}>{fails}</td>
                  <td
                    className={rural?.status === "fail" ? "bad" : ""}
                    data-rule="EMS-RURAL"
                    data-status={rural?.status}
                  >
                    {STATUS_ICON[rural?.status ?? "not-applicable"]} {pct(rural?.coveredShare)}
                    {ruralBefore !== undefined &&
                      rural?.coveredShare !== undefined &&
                      Math.abs(rural.coveredShare - ruralBefore) > 0.0005 && (
                        <span className="delta"> (+{((rural.coveredShare - ruralBefore) * 100).toFixed(1)})</span>
                      )}
                  </td>
                  <td
                    className={urban?.status === "fail" ? "bad" : ""}
                    data-rule="EMS-URBAN"
                    data-status={urban?.status}
                  >
                    {STATUS_ICON[urban?.status ?? "not-applicable"]} {pct(urban?.coveredShare)}
                  </td>
                  <td className="num">{gap.toFixed(1)}</td>
                  <td className="num">
                    {c.population
                      ? lang === "zh"
                        ? `${(c.population / 10000).toFixed(1)}万`
                        : `${(c.population / 1e6).toFixed(2)} M`
                      : "–"}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {selected && (
        <section className="county-detail" data-testid="county-detail">
          <h3>
            {selected.name} {selected.code} · {selected.areaKm2.toFixed(0)} km²
          </h3>
          <ul>
            {selected.checks.map((k) => {
              const rule = findRule(ruleSet, k.rule);
              return (
                <li key={k.rule} className={`check ${k.status}`} data-rule={k.rule} data-status={k.status}>
                  <span className="status">
                    {STATUS_ICON[k.status]} {statusLabel(k.status, lang)}
                  </span>{" "}
                  <b>{k.rule}</b> {rule ? pick(rule.description) : ""}
                  <div className="measured">{pick(k.message)}</div>
                  {k.demand && k.demand.total > 0 && (
                    <div className="measured" data-testid={`demand-${k.rule}`}>
                      {lang === "zh"
                        ? `需求点覆盖 ${k.demand.covered}/${k.demand.total}，加权 ${pct(k.demand.weightTotal ? k.demand.weightCovered / k.demand.weightTotal : 0)}`
                        : `Demand points covered ${k.demand.covered}/${k.demand.total}, weighted ${pct(k.demand.weightTotal ? k.demand.weightCovered / k.demand.weightTotal : 0)}`}
                    </div>
                  )}
                </li>
              );
            })}
          </ul>
        </section>
      )}
      <div className="violations-head">
        <h3>
          {lang === "zh" ? "违规与缺口清单" : "Violations and gaps"} ({report?.violations.length ?? 0})
        </h3>
        <select
          value={ruleFilter}
          onChange={(e) => setRuleFilter(e.target.value)}
          aria-label="rule filter"
          data-testid="violation-filter"
        >
          <option value="">{lang === "zh" ? "全部规则" : "All rules"}</option>
          {ruleIdsWithViolations.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </div>
      {selectedV && (
        <section className="violation-detail" data-testid="violation-detail">
          <p className="measured">{pick(selectedV.message)}</p>
          {selectedRule && (
            <>
              <p>
                <b>{selectedRule.id}</b> {pick(selectedRule.description)}
              </p>
              {citation(selectedRule, lang).map((c) => (
                <p key={c} className="citation">
                  {c}
                </p>
              ))}
            </>
          )}
        </section>
      )}
      <ul className="violation-list" data-testid="violation-list">
        {violations.slice(0, 500).map(({ v, i }) => (
          <li key={i} data-rule={v.rule} data-facility-id={v.facilityId ?? ""} data-county={v.county}>
            <button
              type="button"
              className={`violation-row ${i === props.selectedViolation ? "selected" : ""} ${v.severity === "review" ? "review" : ""}`}
              onClick={() => props.onSelectViolation(i, v)}
            >
              <span className="rule-tag">{v.rule}</span> {pick(v.message)}
            </button>
          </li>
        ))}
        {violations.length > 500 && <li className="hint">… {violations.length - 500}</li>}
      </ul>
    </div>
  );
}
