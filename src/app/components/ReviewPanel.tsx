import { Fragment, useMemo, useState } from "react";
import {
  type AnalysisReport,
  bookTitle,
  type PlacedViolation,
  planPeriodNote,
  type RuleSet,
  subCentreNotStated,
  unplacedNote,
} from "../../core";
import { columnWidth, FONT_PX, fitLayout } from "../column-widths";
import { countyShortEn, useCountyName } from "../county-names";
import { byVerdict } from "../county-order";
import { gapKm2, shareDelta, sharePct, uncoveredSumKm2 } from "../format";
import { type MessageKey, makeI18n, useI18n } from "../i18n";
import { findRule, ruleSetsFor } from "../rulesets";
import type { ViolationFilters } from "../state/ui";
import { useClientWidth } from "../use-client-width";
import { CheckItem, STATUS_ICON, STATUS_LABEL } from "./CheckItem";
import { CityRow } from "./CityRow";
import { TownshipTable } from "./TownshipTable";
import { ViolationList } from "./ViolationList";

type County = AnalysisReport["counties"][number];
type Check = County["checks"][number];
export type Violation = AnalysisReport["violations"][number];

export function statusLabel(status: Check["status"], lang: "zh" | "en"): string {
  return makeI18n(lang).t(STATUS_LABEL[status]);
}

function checkOf(c: County, rule: string): Check | undefined {
  return c.checks.find((k) => k.rule === rule);
}

type SortKey = "name" | "fails" | "rural" | "urban" | "gap" | "time" | "uncoveredPeople" | "population";

/** The county table's columns after the name, in order, with their headings. */
const COLUMNS: ReadonlyArray<{ key: Exclude<SortKey, "name">; label: MessageKey }> = [
  { key: "fails", label: "colFails" },
  { key: "rural", label: "colRural" },
  { key: "urban", label: "colUrban" },
  { key: "gap", label: "colGap" },
  { key: "time", label: "colTime" },
  { key: "uncoveredPeople", label: "colUncoveredPeople" },
  { key: "population", label: "colPopulation" },
];

/** People outside every EMS radius of the county (urban and rural parts), when a population raster is loaded. */
function uncoveredPeople(c: County): number | undefined {
  const parts = [checkOf(c, "EMS-RURAL")?.population, checkOf(c, "EMS-URBAN")?.population].filter((p) => p);
  if (parts.length === 0) return undefined;
  return parts.reduce((s, p) => s + (p?.uncovered ?? 0), 0);
}

/** The county's mean EMS travel time (minutes), when roads are loaded and some place is reachable. */
function meanTime(c: County): number | undefined {
  const m = c.checks.find((k) => k.meanMinutes !== undefined)?.meanMinutes;
  return m ?? undefined;
}

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
    case "time":
      return meanTime(c) ?? Number.POSITIVE_INFINITY;
    case "uncoveredPeople":
      return uncoveredPeople(c) ?? -1;
    case "population":
      return c.population ?? rasterPeople(c) ?? -1;
  }
}

/**
 * The county's people by the population raster, where it gave them: the travel-time check's total (the whole county),
 * else the urban and rural radius checks' together. An estimate, shown as such where no population figure is given
 * (the trial, s44-b #8: 「–」 with a raster loaded).
 */
function rasterPeople(c: AnalysisReport["counties"][number]): number | undefined {
  const time = c.checks.find((k) => k.rule === "EMS-TIME")?.population?.total;
  if (time !== undefined) return time;
  const parts = ["EMS-URBAN", "EMS-RURAL"].map((r) => checkOf(c, r)?.population?.total);
  return parts.some((p) => p !== undefined) ? parts.reduce<number>((a, p) => a + (p ?? 0), 0) : undefined;
}

export interface ReviewPanelProps {
  report: AnalysisReport | null;
  baseline: AnalysisReport | null;
  ruleSet: RuleSet;
  /** The city shown (its own plans and the comparison set are offered). */
  cityId: string;
  /** False for a city with no local plan loaded: the national set applies and the panel says so. */
  localPlan: boolean;
  /** No facility data loaded at all (no sample, nothing imported): the checks need data, the list says why it is empty. */
  noFacilityData?: boolean;
  onRuleSet: (id: string) => void;
  selectedCounty: string | null;
  onSelectCounty: (code: string) => void;
  /** One click: the review report of one county (Word file or print view). */
  onCountyReport?: (kind: "report-docx" | "report-html", county: string) => void;
  /** Stable keys of the report's violations (core's violationKeys), in report order. */
  violationKeys: string[];
  /** The selected violation's key. */
  selectedViolation: string | null;
  /** The report's violations placed and cited (core's placeViolations), in report order. */
  placed: PlacedViolation[];
  /** Selects a violation by key and report index; null clears the selection. */
  onSelectViolation: (key: string | null, index: number) => void;
  /** The violation list's filters, kept over tab switches (see ViolationList). */
  violationFilters?: ViolationFilters;
  onViolationFilters?: (filters: Partial<ViolationFilters>) => void;
  busy: boolean;
}

export function ReviewPanel(props: ReviewPanelProps) {
  const i18n = useI18n();
  const { t, pick } = i18n;
  const { report, ruleSet } = props;
  const subCentreNote = subCentreNotStated(ruleSet, props.cityId);
  // judged rows first (不达标, 达标, 缺数据, then context) until the user sorts by a column
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean } | null>(null);
  const rows = useMemo(() => {
    if (!report) return [];
    if (!sort) return byVerdict(report.counties, new Set(report.listScope?.missing ?? []));
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
  const header = (key: SortKey, label: string) => (
    <th
      key={key}
      scope="col"
      aria-sort={sort?.key === key ? (sort.desc ? "descending" : "ascending") : "none"}
      tabIndex={0}
      onClick={() => setSort({ key, desc: sort?.key === key ? !sort.desc : key !== "name" })}
      onKeyDown={(e) => {
        if (e.key === "Enter" || e.key === " ") setSort({ key, desc: sort?.key === key ? !sort.desc : key !== "name" });
      }}
      data-sort={key}
    >
      {label}
      {sort?.key === key ? (sort.desc ? " ▼" : " ▲") : ""}
    </th>
  );
  const countyName = useCountyName();
  const [room, wrap] = useClientWidth();
  const selected = report?.counties.find((c) => c.code === props.selectedCounty);
  // the counties an imported list has no facility in: still judged, their verdicts marked as the list's (s43)
  const notInList = new Set(report?.listScope?.missing ?? []);
  // each row's figures as shown, then each column as wide as its widest figure (or its heading's widest word)
  const cells = rows.map((c) => {
    const fails = c.checks.filter((k) => k.status === "fail").length;
    const rural = checkOf(c, "EMS-RURAL");
    const urban = checkOf(c, "EMS-URBAN");
    const before = baselineByCode.get(c.code);
    const ruralBefore = before ? checkOf(before, "EMS-RURAL")?.coveredShare : undefined;
    const gap = uncoveredSumKm2(rural, urban);
    const time = c.checks.find((k) => k.rule === "EMS-TIME" || k.meanMinutes !== undefined);
    const mean = meanTime(c);
    const people = uncoveredPeople(c);
    const share = (k: Check | undefined) =>
      `${STATUS_ICON[k?.status ?? "not-applicable"]} ${
        k?.status === "needs-data" ? t("statusNeedsDataShort") : sharePct(k?.coveredShare, k?.uncoveredAreaKm2)
      }`;
    const moved =
      ruralBefore !== undefined &&
      rural?.coveredShare !== undefined &&
      Math.abs(rural.coveredShare - ruralBefore) > 0.0005;
    const estimate = c.population ? undefined : rasterPeople(c);
    const text: Record<SortKey, string> = {
      name: c.name,
      fails: c.inScope ? String(fails) : "○",
      rural: share(rural),
      urban: share(urban),
      gap: rural?.coveredShare === undefined && urban?.coveredShare === undefined ? "–" : gapKm2(gap),
      time: `${time ? `${STATUS_ICON[time.status]} ` : ""}${mean !== undefined ? t("minutesShort", mean) : "–"}`,
      uncoveredPeople: people !== undefined ? t("peopleCount", people) : "–",
      population: c.population
        ? t("populationShort", c.population)
        : estimate !== undefined
          ? `≈${t("populationShort", estimate)}`
          : "–",
    };
    // the change between the two figures as shown, each rounded as it is shown (the EMS planner trial, s53 L4: 「99.3%
    // (+6.1)」 for 93.3 % → 99.3 %, the unrounded 93.25 → 99.33)
    const delta = moved && before ? shareDelta(rural, checkOf(before, "EMS-RURAL")) : "";
    // under the count, smaller, wrapping within the column (not measured: it would widen the column for one mark)
    const listTag = notInList.has(c.code) ? t("notInList") : "";
    return { c, fails, rural, urban, gap, time, mean, people, text, delta, listTag };
  });
  const columnsAt = (px: number) => {
    const widths = COLUMNS.map((col) =>
      columnWidth(
        {
          heading: `${t(col.label)}${sort?.key === col.key ? " ▼" : ""}`,
          lines: cells.flatMap((x) => [x.text[col.key], x.delta]),
        },
        px,
      ),
    );
    // the name column takes what the figures leave, and never less than its widest word or Chinese name (each name's
    // parts wrap onto two lines, a word is not broken): the table is at least that wide
    const nameWidth = Math.max(
      columnWidth(
        {
          heading: `${t("county")}${sort?.key === "name" ? " ▼" : ""}`,
          lines: cells.map(({ c }) => englishPart(countyName(c.code, c.name), c.name)),
          wrap: true,
        },
        px,
      ),
      columnWidth({ heading: "", lines: cells.map(({ c }) => c.name) }, px),
    );
    return { widths, minWidth: widths.reduce((a, b) => a + b, nameWidth) };
  };
  // drawn smaller where the page's font is too wide for the panel at the usual size; it scrolls sideways only below
  // the smallest size
  const {
    fontPx,
    layout: { widths, minWidth },
  } = fitLayout(columnsAt, (l) => l.minWidth, room);

  return (
    <div className="review">
      {/* a city with no local plan has the national set and the comparison set to choose from (the user trial, s49
          #3), its own plans' group named as the national set */}
      <label className="row">
        {t("ruleSet")}
        <select data-testid="ruleset-picker" value={ruleSet.id} onChange={(e) => props.onRuleSet(e.target.value)}>
          {/* the city's own plans first (the default); the five-plan set only under "for comparison" */}
          {[false, true].map((comparison) => {
            const sets = ruleSetsFor(ruleSet.scope?.city ?? props.cityId).filter(
              (r) => (r.comparison === true) === comparison,
            );
            return sets.length === 0 ? null : (
              <optgroup
                key={String(comparison)}
                label={t(
                  comparison ? "ruleSetComparisonGroup" : props.localPlan ? "ruleSetOwnGroup" : "ruleSetNationalGroup",
                )}
                data-comparison={comparison}
              >
                {sets.map((r) => (
                  <option key={r.id} value={r.id}>
                    {pick(r.title)}
                  </option>
                ))}
              </optgroup>
            );
          })}
        </select>
      </label>
      {!props.localPlan &&
        (ruleSet.comparison ? (
          <p className="no-local-plan" role="note" data-testid="comparison-no-local-plan">
            {t("comparisonNoLocalPlan")}
          </p>
        ) : (
          <NoLocalPlan ruleSet={ruleSet} />
        ))}
      <UntestedClauses ruleSet={ruleSet} />
      {report && (
        <>
          <PlanPeriod ruleSet={ruleSet} date={report.generatedAt} />
          <p className="hint" data-testid="urban-definition">
            {pick(report.urbanDefinitionUsed)}
          </p>
          <p className="hint" data-testid="ems-network">
            {t("emsNetworkLabel", pick(report.emsNetworkUsed))}
          </p>
          {report.scope.context.length > 0 && (
            <p className="hint scope-note" data-testid="scope-note">
              {t("scopeLabel", pick(report.scope.note))}
            </p>
          )}
          {/* development zones with no boundary: their townships and villages are judged by no county (audit s50 M-4) */}
          {report.scope.unplaced && (
            <p className="hint unplaced-note" role="note" data-testid="unplaced-note">
              {pick(unplacedNote(report.scope.unplaced))}
            </p>
          )}
        </>
      )}
      {props.busy && (
        <div className="busy" role="status">
          {t("computing")}
        </div>
      )}
      {report?.listScope && (
        <p className="hint list-scope-note" role="note" data-testid="list-scope-note">
          {t(
            "listScopeNote",
            report.listScope.covered
              .map((code) => countyName(code, report.counties.find((c) => c.code === code)?.name ?? code))
              .join(t("listJoin")),
            report.listScope.covered.length,
            report.listScope.missing.length,
          )}
        </p>
      )}
      {report?.city && report.city.checks.length > 0 && <CityRow city={report.city} ruleSet={ruleSet} />}
      <div className="table-wrap" ref={wrap}>
        <table
          className="county-table fixed"
          data-testid="county-table"
          data-font-px={fontPx}
          style={{ minWidth, ...(fontPx !== FONT_PX && { fontSize: fontPx }) }}
        >
          <colgroup>
            <col />
            {widths.map((w, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the table's columns, in order
              <col key={i} style={{ width: w }} />
            ))}
          </colgroup>
          <thead>
            <tr>
              {header("name", t("county"))}
              {COLUMNS.map((col) => header(col.key, t(col.label)))}
            </tr>
          </thead>
          <tbody>
            {cells.map((x) => {
              const { c, fails, rural, urban, time, listTag } = x;
              return (
                <tr
                  key={c.code}
                  data-county-code={c.code}
                  data-fails={fails}
                  data-in-scope={c.inScope}
                  data-in-list={listTag ? false : undefined}
                  className={`${c.code === props.selectedCounty ? "selected" : ""} ${fails ? "has-fail" : ""} ${c.inScope ? "" : "context"}`}
                  tabIndex={0}
                  onClick={() => props.onSelectCounty(c.code)}
                  onKeyDown={(e) => {
                    if (e.key === "Enter") props.onSelectCounty(c.code);
                  }}
                >
                  {/* never cut: the Chinese name goes under the pinyin where the column is narrow (styles.css) */}
                  <td
                    className="name"
                    data-testid="county-name"
                    title={`${countyName(c.code, c.name)}${c.inScope ? "" : ` · ${t("contextCounty")}`}`}
                  >
                    <CountyCell full={countyName(c.code, c.name)} zh={c.name} />
                    {/* the list had no facility here: the verdicts stay, marked as the list's (s43); under the name,
                        whose column is wide enough to keep it on one line (in the fails column it broke into four) */}
                    {listTag && (
                      <span className="not-in-list" data-testid="not-in-list" title={t("notInListTitle")}>
                        {listTag}
                      </span>
                    )}
                  </td>
                  <td
                    data-testid="county-fails"
                    className={`num ${c.inScope ? (fails ? "bad" : props.noFacilityData ? "muted" : "good") : ""}`}
                  >
                    {x.text.fails}
                  </td>
                  <td
                    className={`num ${rural?.status === "fail" ? "bad" : rural?.status === "needs-data" ? "muted" : ""}`}
                    data-rule="EMS-RURAL"
                    data-status={rural?.status}
                    title={rural?.status === "needs-data" ? pick(rural.message) : undefined}
                  >
                    {x.text.rural}
                    {/* the change since the start, under the figure: the column holds the figure, not both */}
                    {x.delta && <span className="delta">{x.delta}</span>}
                  </td>
                  <td
                    className={`num ${urban?.status === "fail" ? "bad" : urban?.status === "needs-data" ? "muted" : ""}`}
                    data-rule="EMS-URBAN"
                    data-status={urban?.status}
                    title={urban?.status === "needs-data" ? pick(urban.message) : undefined}
                  >
                    {x.text.urban}
                  </td>
                  <td className="num" data-gap-km2={x.gap}>
                    {x.text.gap}
                  </td>
                  <td
                    className={`num ${time?.status === "fail" ? "bad" : ""}`}
                    data-rule="EMS-TIME"
                    data-status={time?.status}
                    data-mean-minutes={x.mean}
                    // no figure reads – like the other columns, and the tooltip says why (no roads, no such rule)
                    title={time ? pick(time.message) : t("timeNoRule")}
                  >
                    {x.text.time}
                  </td>
                  <td className="num" data-uncovered-people={x.people}>
                    {x.text.uncoveredPeople}
                  </td>
                  <td
                    className="num"
                    data-testid="county-population"
                    {...(!x.c.population && x.text.population.startsWith("≈")
                      ? { title: t("populationFromRaster") }
                      : {})}
                  >
                    {x.text.population}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {/* a rule set without an EMS radius rule (平顶山's 001, 南宫's): the coverage columns read – in every row; said once */}
      {report && !findRule(ruleSet, "EMS-RURAL") && !findRule(ruleSet, "EMS-URBAN") && (
        <p className="hint" role="note" data-testid="no-radius-rule">
          {t("radiusNoRule", pick(ruleSet.title))}
        </p>
      )}
      {selected && (
        <section className="county-detail" data-testid="county-detail">
          <h3>
            {countyName(selected.code, selected.name)} {selected.code} · {selected.areaKm2.toFixed(0)} km²
          </h3>
          {notInList.has(selected.code) && (
            <p className="hint not-in-list-note" role="note" data-testid="county-not-in-list">
              <strong>{t("notInList")}</strong> {t("notInListTitle")}
            </p>
          )}
          {/* no report of a county the rule set leaves as context (002: 邢台's other units): every row would read
              「不在规划范围」 */}
          {props.onCountyReport && selected.inScope && (
            <div className="buttons">
              {(["report-docx", "report-html"] as const).map((kind) => (
                <button
                  key={kind}
                  type="button"
                  data-testid={`county-${kind}`}
                  onClick={() => props.onCountyReport?.(kind, selected.code)}
                >
                  {t(kind === "report-docx" ? "countyReportDocx" : "countyReportHtml", selected.name)}
                </button>
              ))}
            </div>
          )}
          <ul>
            {selected.checks.map((k) => (
              <CheckItem
                key={k.rule}
                check={k}
                ruleSet={ruleSet}
                {...(baselineByCode.get(selected.code)
                  ? { before: baselineByCode.get(selected.code)?.checks.find((b) => b.rule === k.rule) }
                  : {})}
                shortfall={
                  k.status === "fail"
                    ? report?.violations.find((v) => v.county === selected.code && v.rule === k.rule && v.coverage)
                        ?.coverage
                    : undefined
                }
              />
            ))}
          </ul>
          {/* a rule set with no sub-centre rule (平顶山's 001) says so, as it says it states no EMS radius (the user
              trial, s46-b #2) */}
          {subCentreNote && (
            <p className="hint" role="note" data-testid="no-sub-centre-rule">
              {pick(subCentreNote)}
            </p>
          )}
          {report && (
            <TownshipTable
              rows={report.townships}
              county={selected.code}
              countyName={countyName(selected.code, selected.name)}
              notInList={notInList.has(selected.code)}
              subDistanceRule={!subCentreNote && findRule(ruleSet, "SUB-15KM") !== undefined}
              subDistanceKm={report.params.subCentreMinKm}
            />
          )}
        </section>
      )}
      <h3 className="violations-heading">
        {/* no count before the first report: a "(0)" then read as "no violations" while it was still computing */}
        {t("violationsHeading")}
        {report ? ` (${report.violations.length})` : ""}
      </h3>
      {props.noFacilityData && props.placed.length === 0 && (
        <p className="hint" role="note" data-testid="violations-no-data">
          {t("violationsNoData")}
        </p>
      )}
      <ViolationList
        placed={props.placed}
        keys={props.violationKeys}
        selectedKey={props.selectedViolation}
        onSelect={props.onSelectViolation}
        onHidden={() => props.onSelectViolation(null, -1)}
        pending={!report}
        notInList={notInList}
        filters={props.violationFilters}
        onFilters={props.onViolationFilters}
      />
    </div>
  );
}

/**
 * What a city with no local plan is checked against, said plainly: no plan loaded, the national set's own words,
 * and each of its rules with the plans it rests on.
 */
/**
 * A county's name in one line of the table: in English its pinyin name without the kind ("Xixia 西峡县": the Chinese
 * name beside it says county, district or city), cut with an ellipsis only where the column is narrower still; the
 * Chinese name always whole, the full English name in the row's tooltip.
 */
/** A county name's English part without its kind ("Xixia" of "Xixia County 西峡县"), or "" in Chinese. */
function englishPart(full: string, zh: string): string {
  return full !== zh && full.endsWith(` ${zh}`) ? countyShortEn(full.slice(0, -zh.length - 1)) : "";
}

function CountyCell({ full, zh }: { full: string; zh: string }) {
  const en = englishPart(full, zh);
  return (
    <span className="cname">
      {en && (
        <>
          <span className="cname-en">{en}</span>{" "}
        </>
      )}
      <span className="cname-zh" lang="zh">
        {zh}
      </span>
    </span>
  );
}

/**
 * The plan's clauses the tool does not test, each with its line (the quote on hover) and why: a ✔ is not the whole
 * plan met (the reviewer trial). Known ones, not every line; none shown for a set that lists none.
 */
function UntestedClauses({ ruleSet }: { ruleSet: RuleSet }) {
  const { t, pick } = useI18n();
  const list = ruleSet.untested ?? [];
  if (list.length === 0) return null;
  return (
    <details className="hint" data-testid="untested-clauses">
      <summary>{t("untestedClauses", list.length)}</summary>
      <ul>
        {list.map(({ provenance: p, why }) => (
          <li key={`${p.doc}:${p.line}:${p.quote}`} data-cite={`${p.doc}:${p.line}`}>
            <abbr title={`${p.doc}${bookTitle(p)} ${p.section}`}>
              {p.doc}:{p.line}
            </abbr>{" "}
            <span lang="zh">「{p.quote}」</span> — {pick(why)}
          </li>
        ))}
      </ul>
    </details>
  );
}

function NoLocalPlan({ ruleSet }: { ruleSet: RuleSet }) {
  const { t, pick } = useI18n();
  if (!ruleSet.noLocalPlan)
    return (
      <div className="no-local-plan" role="note" data-testid="no-local-plan">
        <strong>{t("noLocalPlanTitle")}</strong> {t("noNationalSet")}
      </div>
    );
  return (
    <div className="no-local-plan" role="note" data-testid="no-local-plan" data-ruleset={ruleSet.id}>
      <strong>{pick(ruleSet.title)}</strong>
      <p>{pick(ruleSet.noLocalPlan)}</p>
      <details>
        <summary>{t("rulesApplied", ruleSet.rules.length)}</summary>
        <ul data-testid="national-rules">
          {ruleSet.rules.map((r) => (
            <li key={r.id} data-rule={r.id}>
              <code>{r.id}</code> {pick(r.description)}{" "}
              {/* each line it quotes, with the quote on hover; and how the plans' differing words are read */}
              <span className="hint" data-testid="national-rule-cites">
                (
                {[...new Set(r.provenance.map((p) => `${p.doc}:${p.line}`))].map((cite, i) => {
                  const quotes = r.provenance.filter((p) => `${p.doc}:${p.line}` === cite).map((p) => `「${p.quote}」`);
                  return (
                    <Fragment key={cite}>
                      {i > 0 && ", "}
                      <abbr title={`${cite} ${quotes.join("")}`}>{cite}</abbr>
                    </Fragment>
                  );
                })}
                )
              </span>
              <div className="hint national-rule-reading">{pick(r.interpretation)}</div>
            </li>
          ))}
        </ul>
      </details>
    </div>
  );
}

/**
 * The plans' periods and the day of the check: the targets are 2025's, and after 2025 the present state is judged
 * against them (the audit, s50 L-1). The date is the analysis's, in the user's local day.
 */
function PlanPeriod(props: { ruleSet: RuleSet | undefined; date: string }) {
  const { pick } = useI18n();
  if (!props.ruleSet) return null;
  const d = new Date(props.date);
  const day = Number.isNaN(d.getTime())
    ? props.date.slice(0, 10)
    : `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
  const note = planPeriodNote(props.ruleSet.documents, day);
  return note ? (
    <p className="hint" data-testid="plan-period">
      {pick(note)}
    </p>
  ) : null;
}
