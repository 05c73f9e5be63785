import { useEffect, useState } from "react";
import type {
  AnalysisReport,
  CountySitingResult,
  ExistingNetwork,
  Facility,
  SitingDemandUnit,
  SitingResult,
} from "../../core";
import { checksRadius, distanceKm, FACILITY_TYPE_LABELS, type FacilityType, SITING_RADIUS_KM } from "../../core";
import { useCountyName } from "../county-names";
import { gapKm2, sharePct } from "../format";
import { type I18n, type MessageKey, useI18n } from "../i18n";
import { defaultSuggestForm, formToRun, restoredForm } from "../state/suggest-form";
import { FileInput } from "./FileInput";
import { NumberInput } from "./NumberInput";

export interface SuggestForm {
  county: string;
  type: FacilityType;
  radiusKm: number;
  /**
   * The radius follows the Plan tab's rural EMS radius (until the planner sets one here): the planner trial, s42-b #6
   * — set to 10 km in Plan, the form stayed at 20 and answered 「0 new sites」 beside a map of gaps.
   */
  radiusFollowsPlan: boolean;
  mode: "mclp" | "lscp";
  k: number;
  targetPct: number;
  gridKm: number;
  minSeparationKm: number;
  method: "auto" | "exact" | "greedy";
  /** Where candidates come from: a grid, or the county's existing facilities of a type (upgrades). */
  candidateSource: "grid" | FacilityType;
  /** Site on travel time within this many minutes (roads loaded); 0: on the radius. */
  minutes: number;
}

/** Whether the form now asks for something else than the result was computed on (county, type, radius, k …). */
function formMoved(now: SuggestForm, then: SuggestForm): boolean {
  const keys: Array<keyof SuggestForm> = [
    "county",
    "type",
    "radiusKm",
    "mode",
    "gridKm",
    "minSeparationKm",
    "candidateSource",
    "minutes",
  ];
  return (
    keys.some((k) => now[k] !== then[k]) || (now.mode === "mclp" ? now.k !== then.k : now.targetPct !== then.targetPct)
  );
}

export interface SuggestPanelProps {
  report: AnalysisReport | null;
  selectedCounty: string | null;
  running: string | null;
  /** The last siting; its `demandUnit` says what the gains count (km² of area, people, or point weights). */
  result: {
    form: SuggestForm;
    result: CountySitingResult & {
      capNote?: { zh: string; en: string };
      /** Without a population: how many new sub-centres the per-county reading allows, and its words beyond them. */
      capPerCounty?: { maxNew: number; beyond: { zh: string; en: string } };
      network?: ExistingNetwork;
    };
    /**
     * Candidates that are existing facilities (an upgrade: 「现有中心乡镇卫生院（升级）」), by id: a site names the
     * facility it raises (the planner trial, s40-a #4: only coordinates were shown).
     */
    upgrades?: ReadonlyMap<string, Facility>;
    /** A candidate list's own names, by candidate id: a site chosen from the list says it (the siting trial, s55d M3). */
    names?: ReadonlyMap<string, string>;
    /** How many of the candidate list's points lie outside the county sited, and so were not used. */
    candidatesOutside?: number;
    /** The sites (by their place in the list) already accepted one by one. */
    accepted?: number[];
    /** The city the sites were suggested in: accepted only there. */
    cityId?: string;
  } | null;
  central: { county: string; result: SitingResult; names: Map<string, string> } | null;
  onRun: (form: SuggestForm) => void;
  /** The form as this city's last siting left it (see restoredForm), and where each change goes to be kept. */
  savedForm?: unknown;
  onForm?: (form: SuggestForm) => void;
  /** The counties the facility list reaches: the form opens on a failing one of them first. */
  listedCounties?: ReadonlySet<string>;
  /** The county chosen here is the app's selected county (the map shows it, a reload keeps it). */
  onSelectCounty?: (code: string) => void;
  onCentral: (county: string, radiusKm: number) => void;
  /** Stops the siting run in flight (offered while one runs: an exact run can take 20 s). */
  onStop?: () => void;
  /** Accepts the sites at `only` (places in the list), else all not yet accepted. */
  onAccept: (only?: number[]) => void;
  onShowSites: (sites: Array<[number, number]>) => void;
  error: string | null;
  /** An imported candidate list (used instead of the grid), if any. */
  candidates: { fileName: string; count: number } | null;
  onCandidatesFile: (file: File) => void;
  onClearCandidates: () => void;
  /** The imported demand points the siting weighs, if any. */
  demandName: string | null;
  /** The population raster loaded on the Data tab, if any: the demand is then people. */
  rasterName: string | null;
  /**
   * The road file in use (null: none): siting on minutes needs it. Not read from the report's isochrones, which a
   * drag's answer leaves out (the minutes field vanished after a drag, and 「需要路网」 was said with roads loaded).
   */
  roadsName: string | null;
}

const TYPES: FacilityType[] = ["ems-station", "central-thc", "sub-centre", "thc", "village-clinic"];
/** The EMS radius rules: a rule set without them (平顶山 001, 南宫 002) states no radius to site by. */

/** A site's gain in the unit of the demand: km² of area, people, or the imported points' weight. */
function gainText(t: I18n["t"], unit: SitingDemandUnit, gain: number): string {
  if (unit === "people") return t("gainPeople", Math.round(gain));
  return unit === "km2" ? t("gainKm2", gain.toFixed(1)) : t("gainWeight", gain.toFixed(1));
}

function pct(x: number) {
  return sharePct(x);
}

/** A site's gain as a share: a gain too small for 0.1 % reads 「< 0.1%」, never 0.0 % beside its km². */
function gainPct(x: number) {
  return x > 0 && x < 0.0005 ? "< 0.1%" : sharePct(x);
}

const STATUS_KEY: Record<SitingResult["status"], MessageKey> = {
  optimal: "sitingOptimal",
  heuristic: "sitingHeuristic",
  "time-limit": "sitingTimeLimit",
  infeasible: "sitingInfeasible",
};

/** Coverage versus number of new sites, as a small SVG chart. */
function Curve({ curve }: { curve: SitingResult["curve"] }) {
  const { t } = useI18n();
  if (curve.length < 2) return null;
  const w = 380;
  const h = 120;
  const pad = 28;
  const maxK = Math.max(...curve.map((c) => c.k), 1);
  const minY = Math.min(...curve.map((c) => c.coveredShare));
  const y0 = Math.max(0, Math.floor(minY * 10) / 10);
  const x = (k: number) => pad + ((w - pad - 8) * k) / maxK;
  const y = (s: number) => h - pad + 6 - ((h - pad) * (s - y0)) / Math.max(1e-9, 1 - y0);
  return (
    <svg width={w} height={h} role="img" aria-label={t("curveAria")} data-testid="suggest-curve">
      <line x1={pad} y1={h - pad + 6} x2={w - 4} y2={h - pad + 6} stroke="#999" />
      <line x1={pad} y1={4} x2={pad} y2={h - pad + 6} stroke="#999" />
      <text x={2} y={12} fontSize={10}>
        100%
      </text>
      <text x={2} y={h - pad + 6} fontSize={10}>
        {Math.round(y0 * 100)}%
      </text>
      <text x={w - 80} y={h - 6} fontSize={10}>
        {t("newSites")} → {maxK}
      </text>
      <polyline
        fill="none"
        stroke="#0050b3"
        strokeWidth={2}
        points={curve.map((c) => `${x(c.k)},${y(c.coveredShare)}`).join(" ")}
      />
      {curve.map((c) => (
        <circle key={c.k} cx={x(c.k)} cy={y(c.coveredShare)} r={2.5} fill="#0050b3">
          <title>
            {c.k}: {pct(c.coveredShare)}
          </title>
        </circle>
      ))}
    </svg>
  );
}

export function SuggestPanel(props: SuggestPanelProps) {
  const { t, pick } = useI18n();
  const countyName = useCountyName();
  const counties = props.report?.counties ?? [];
  const failing = (c: (typeof counties)[number]) => c.checks.some((k) => k.rule === "EMS-RURAL" && k.status === "fail");
  const listed = props.listedCounties;
  // with nothing failing, a county the plan binds comes first, not a context county (the re-trial, s44: under 002 the
  // tab opened on 桥东区 and sited a station there unsaid)
  const firstJudged = counties.find((c) => c.inScope !== false)?.code ?? counties[0]?.code;
  const firstFailing =
    counties.find((c) => failing(c) && (!listed || listed.has(c.code)))?.code ??
    counties.find(failing)?.code ??
    firstJudged;
  const [form, setForm] = useState<SuggestForm>(() => {
    const form = restoredForm(
      defaultSuggestForm(firstFailing ?? counties[0]?.code ?? "", props.report?.params.ruralRadiusKm ?? 15),
      props.savedForm,
    );
    // the county selected in the app (on the map, in the county table) comes first
    return props.selectedCounty ? { ...form, county: props.selectedCounty } : form;
  });
  // a county of another city (a saved form of a code this city lacks) or none yet: the first failing one
  useEffect(() => {
    if (counties.length > 0 && !counties.some((c) => c.code === form.county))
      setForm((f) => ({ ...f, county: firstFailing ?? counties[0].code }));
  }, [counties, firstFailing, form.county]);
  // a county selected on the map while this tab is open is the one sited
  useEffect(() => {
    if (props.selectedCounty)
      setForm((f) => (f.county === props.selectedCounty ? f : { ...f, county: props.selectedCounty as string }));
  }, [props.selectedCounty]);
  // the Plan tab's rural radius, while the form follows it; none where the rule set states no radius (平顶山 001, 南宫
  // 002: the Plan tab offers none, the map draws no gaps), so the radius here is the planner's own (the user trial:
  // 南宫's form said 「规划页的农村急救服务半径为 20 公里…输入 20 即随规划页」 beside a Plan tab that sets none)
  const radiusRule = checksRadius(props.report);
  const planRadius = radiusRule ? props.report?.params.ruralRadiusKm : undefined;
  useEffect(() => {
    if (planRadius !== undefined)
      setForm((f) => (f.radiusFollowsPlan && f.radiusKm !== planRadius ? { ...f, radiusKm: planRadius } : f));
  }, [planRadius]);
  const { onForm } = props;
  useEffect(() => onForm?.(form), [form, onForm]);
  const set = <K extends keyof SuggestForm>(k: K, v: SuggestForm[K]) => {
    setForm((f) => ({ ...f, [k]: v }));
    if (k === "county") props.onSelectCounty?.(v as string);
  };
  const r = props.result?.result;
  const accepted = new Set(props.result?.accepted ?? []);
  const subs = (props.report?.qualifyingSubCentres ?? []).filter((q) => q.county === form.county);
  const roadsLoaded = props.roadsName !== null;
  // an EMS station's radius is the plan's EMS radius; another type's is the planner's own
  const ems = form.type === "ems-station";
  return (
    <div className="suggest" data-testid="suggest-panel">
      <h3>{t("suggestHeading")}</h3>
      <div className="grid-form">
        {/* the county on a row of its own: 「Tongbai County 桐柏县 411330」 was cut in half a row (the user trial, s50) */}
        <label className="wide">
          {t("countyShort")}
          <select value={form.county} onChange={(e) => set("county", e.target.value)} data-testid="suggest-county">
            {/* a county the plan does not bind is said so: a site there meets no rule (the re-trial, s44) */}
            {counties.map((c) => (
              <option key={c.code} value={c.code} data-context={c.inScope === false || undefined}>
                {countyName(c.code, c.name)} {c.code}
                {c.inScope === false ? ` · ${t("contextCounty")}` : ""}
              </option>
            ))}
          </select>
        </label>
        {/* the imported list has no facility here: siting starts from none, as the checks judge it (the re-trial, s43) */}
        {props.report?.listScope?.missing.includes(form.county) && (
          <p className="hint" role="note" data-testid="suggest-not-in-list">
            {t("suggestNotInList")}
          </p>
        )}
        <label>
          {t("facilityType")}
          <select
            value={form.type}
            data-testid="suggest-type"
            onChange={(e) => {
              const type = e.target.value as FacilityType;
              // a sub-centre is a qualifying central THC raised (003:213 「符合条件的中心乡镇卫生院」): its candidates are
              // the county's central THCs, not grid points (the planner trial, s46-b #6), unless another source is chosen
              setForm((f) => ({
                ...f,
                type,
                ...(type === "sub-centre" && f.candidateSource === "grid"
                  ? { candidateSource: "central-thc" as const }
                  : f.type === "sub-centre" && f.candidateSource === "central-thc"
                    ? { candidateSource: "grid" as const }
                    : {}),
              }));
            }}
          >
            {TYPES.map((type) => (
              <option key={type} value={type}>
                {pick(FACILITY_TYPE_LABELS[type])}
              </option>
            ))}
          </select>
        </label>
        <NumberInput
          live
          caption={t("radiusKm")}
          min={SITING_RADIUS_KM.min}
          max={SITING_RADIUS_KM.max}
          unit={t("unitKm")}
          value={form.radiusKm}
          onCommit={(v) => setForm((f) => ({ ...f, radiusKm: v, radiusFollowsPlan: v === planRadius }))}
          testId="suggest-radius"
        />
        {ems && planRadius !== undefined && form.radiusKm !== planRadius && (
          <p className="hint" data-testid="suggest-radius-own">
            {t("suggestRadiusOwn", form.radiusKm, planRadius)}
          </p>
        )}
        {/* a radius no plan states: a what-if of the planner's, said so beside it (the planner trial) */}
        {ems && props.report && !radiusRule && (
          <p className="hint" data-testid="suggest-no-radius-rule">
            {t("suggestNoRadiusRule", form.radiusKm)}
          </p>
        )}
        {/* no plan states a service radius for a health centre or a sub-centre: the planner's assumption, said (the
            planner trial, s46-b #6: 20 km for a sub-centre, unsaid) */}
        {!ems && (
          <p className="hint" data-testid="suggest-radius-assumed">
            {t("suggestRadiusAssumed", pick(FACILITY_TYPE_LABELS[form.type]), form.radiusKm)}
          </p>
        )}
        {form.type === "sub-centre" && form.candidateSource === "central-thc" && (
          <p className="hint" data-testid="suggest-sub-upgrade">
            {t("suggestSubUpgrade")}
          </p>
        )}
        {/* kept without roads (a reload, a city's roads cleared): said, and the run is by the radius until they are back */}
        {!roadsLoaded && form.minutes > 0 && (
          <p className="hint" role="note" data-testid="suggest-minutes-need-roads">
            {t("suggestMinutesNeedRoads", form.minutes)}
          </p>
        )}
        {roadsLoaded && (
          <NumberInput
            live
            caption={t("suggestMinutes")}
            min={0}
            max={240}
            unit={t("unitMinutes")}
            value={form.minutes}
            onCommit={(v) => set("minutes", v)}
            testId="suggest-minutes"
          />
        )}
        <label>
          {t("goal")}
          <select
            value={form.mode}
            onChange={(e) => set("mode", e.target.value as SuggestForm["mode"])}
            data-testid="suggest-mode"
          >
            <option value="mclp">{t("goalMclp")}</option>
            <option value="lscp">{t("goalLscp")}</option>
          </select>
        </label>
        {form.mode === "mclp" ? (
          <NumberInput
            live
            caption={"k"}
            min={1}
            max={30}
            integer
            unit={t("unitSites")}
            value={form.k}
            onCommit={(v) => set("k", v)}
            testId="suggest-k"
          />
        ) : (
          <NumberInput
            live
            caption={t("targetPct")}
            min={1}
            max={100}
            unit="%"
            value={form.targetPct}
            onCommit={(v) => set("targetPct", v)}
            testId="suggest-target"
          />
        )}
        <label>
          {t("candidates")}
          {/* a candidate list in use is the source, said here too (the siting trial, s55d L5: 「网格」 beside the list) */}
          <select
            value={props.candidates ? "list" : form.candidateSource}
            disabled={props.candidates !== null}
            data-testid="suggest-candidate-source"
            onChange={(e) => set("candidateSource", e.target.value as SuggestForm["candidateSource"])}
          >
            {props.candidates && <option value="list">{t("candidatesFromList")}</option>}
            <option value="grid">{t("candidatesGrid")}</option>
            {(["central-thc", "thc", "sub-centre", "hospital", "chc"] as FacilityType[]).map((type) => (
              <option key={type} value={type}>
                {t("candidatesUpgrade", pick(FACILITY_TYPE_LABELS[type]))}
              </option>
            ))}
          </select>
        </label>
        <NumberInput
          live
          caption={t("candidateGridKm")}
          min={0.5}
          max={10}
          unit={t("unitKm")}
          value={form.gridKm}
          onCommit={(v) => set("gridKm", v)}
          testId="suggest-grid"
        />
        <NumberInput
          live
          caption={t("minSeparationKm")}
          min={0}
          max={50}
          unit={t("unitKm")}
          value={form.minSeparationKm}
          onCommit={(v) => set("minSeparationKm", v)}
          testId="suggest-separation"
        />
        <label>
          {t("method")}
          <select value={form.method} onChange={(e) => set("method", e.target.value as SuggestForm["method"])}>
            <option value="auto">{t("methodAuto")}</option>
            <option value="exact">{t("methodExact")}</option>
            <option value="greedy">{t("methodGreedy")}</option>
          </select>
        </label>
      </div>
      <div className="row">
        {t("candidateList")}
        <FileInput
          accept=".csv,.xlsx,.geojson,.json,.kml,.zip"
          testId="suggest-candidates"
          onFile={props.onCandidatesFile}
        />
      </div>
      {props.candidates && (
        <p className="hint" data-testid="candidates-in-use">
          {t("candidatesInUse", props.candidates.fileName, props.candidates.count)}{" "}
          <button type="button" onClick={props.onClearCandidates}>
            {t("useGrid")}
          </button>
        </p>
      )}
      <p className="hint" data-testid="suggest-demand">
        {props.demandName
          ? t("demandImported", props.demandName)
          : props.rasterName
            ? t("demandPeople", props.rasterName)
            : t("demandArea")}
      </p>
      <button
        type="button"
        className="primary"
        disabled={!!props.running || !form.county}
        onClick={() => props.onRun(formToRun(form, roadsLoaded))}
        data-testid="suggest-run"
      >
        {t(props.running === "sites" ? "solving" : "suggestRun")}
      </button>
      {props.running === "sites" && props.onStop && (
        <button type="button" className="stop-run" onClick={props.onStop} data-testid="suggest-stop">
          {t("sitingStop")}
        </button>
      )}
      {props.error && (
        <p className="bad" role="alert">
          {props.error}
        </p>
      )}
      {r && props.result && (
        <section
          className="suggest-result"
          data-testid="suggest-result"
          data-status={r.status}
          data-radius-km={props.result?.form.radiusKm}
          data-k={props.result?.form.mode === "mclp" ? props.result.form.k : undefined}
        >
          {/* what the result was computed on, and whether the form has moved since (the siting trial, s55d M2: the form
              read 5 km, 30 sites beside a result of 10 km, 2 sites, with nothing saying so) */}
          <p className="hint" data-testid="suggest-basis">
            {t(
              "suggestBasis",
              props.result.form.minutes > 0
                ? t("basisMinutes", props.result.form.minutes)
                : t("basisKm", props.result.form.radiusKm),
              props.result.form.mode === "mclp"
                ? t("basisK", props.result.form.k)
                : t("basisTarget", props.result.form.targetPct),
              pick(FACILITY_TYPE_LABELS[props.result.form.type]),
            )}
            {props.result.candidatesOutside ? (
              <span data-testid="suggest-candidates-outside">
                {" "}
                {t("candidatesOutside", props.result.candidatesOutside)}
              </span>
            ) : null}
            {formMoved(form, props.result.form) && (
              <span className="warn" data-testid="suggest-stale">
                {" "}
                {t("suggestStale")}
              </span>
            )}
          </p>
          <p>
            <b>
              {t("status")}
              {t("summaryColon")}
              {t(STATUS_KEY[r.status])}
            </b>{" "}
            · {pick(r.statusMessage)} · {t(r.method === "exact" ? "methodExactShort" : "methodGreedyShort")} ·{" "}
            {(r.timeMs / 1000).toFixed(2)} s
          </p>
          {r.capNote && (
            <p className="hint" data-testid="suggest-cap">
              {pick(r.capNote)}
            </p>
          )}
          {r.check ? (
            <p data-testid="suggest-check" data-uncovered-km2={r.check.uncoveredKm2After}>
              {t(
                "coveredOnGrid",
                r.check.cellSizeM,
                !!props.report?.counties.some((c) => c.checks.some((k) => k.rule === "EMS-RURAL")),
              )}
              {t("summaryColon")}
              {sharePct(r.check.coveredShareBefore, r.check.uncoveredKm2Before)} →{" "}
              <b>{sharePct(r.check.coveredShareAfter, r.check.uncoveredKm2After)}</b> ·{" "}
              {t("uncoveredKm2", gapKm2(r.check.uncoveredKm2After))}
              {r.gap !== undefined && r.gap > 0 ? ` · ${t("optimalityGap")} ${(r.gap * 100).toFixed(2)}%` : ""}
            </p>
          ) : r.travelCheck ? (
            // on travel time, what EMS-TIME will measure: the mean it judges and the share within the limit, on its
            // own grid (the re-trial, s44: 「100.0 %」 of the solver's 1 km cells where the check measured 99.8 %)
            <p
              data-testid="suggest-travel-check"
              data-mean-before={r.travelCheck.meanMinutesBefore ?? undefined}
              data-mean-after={r.travelCheck.meanMinutesAfter ?? undefined}
              data-share-after={r.travelCheck.shareWithinAfter}
            >
              {pick(r.travelCheck.note)}
              {r.gap !== undefined && r.gap > 0 ? ` · ${t("optimalityGap")} ${(r.gap * 100).toFixed(2)}%` : ""}
            </p>
          ) : (
            <p>
              {t("covered")}: {pct(r.coveredShareBefore)} → <b>{pct(r.coveredShareAfter)}</b>
              {r.gap !== undefined && r.gap > 0 ? ` · ${t("optimalityGap")} ${(r.gap * 100).toFixed(2)}%` : ""}
            </p>
          )}
          {/* the existing points counted as covering already: the rule set's EMS network, 002:201's THCs and CHCs
              in 南宫 (the user trial: its stations alone were counted) */}
          {r.network && (
            <p
              className="hint"
              data-testid="suggest-existing"
              data-count={r.network.count}
              data-points={r.network.points?.count}
            >
              {pick(r.network.note)}
            </p>
          )}
          {r.check && (r.check.refinements > 0 || r.check.toppedUp > 0) && (
            <p className="hint" data-testid="suggest-refined">
              {t("gridRefined", r.check.cellSizeM, r.check.refinements, r.check.toppedUp)}
            </p>
          )}
          {/* why fewer than k: the county covered, or the gap no allowed candidate reaches, with its area (the
              trial: 「其余候选点都不再增加覆盖」 over 「未覆盖 0.3 km²」 that one more site covered) */}
          {r.fewer && (
            <p className="hint" data-testid="suggest-fewer">
              {pick(r.fewer)}
            </p>
          )}
          {/* the sites' coordinates are WGS84, which Amap and Baidu show some hundred metres off (the planner trial,
            s53d L2: compared with the planner's own Amap sheet, they read as wrong) */}
          <p className="hint" data-testid="suggest-crs">
            {t("suggestCrsHint")}
          </p>
          <ol className="sites">
            {r.sites.map((s, i) => (
              <li
                key={s.candidateId}
                data-accepted={accepted.has(i) || undefined}
                data-gain={s.gainShare}
                data-unit={r.demandUnit}
                data-gain-km2={r.demandUnit === "km2" ? s.gain : undefined}
              >
                {props.result?.upgrades?.get(s.candidateId) && (
                  <span data-testid="suggest-upgrade">
                    {t("upgradeOf", props.result.upgrades.get(s.candidateId)?.name ?? "")} ·{" "}
                  </span>
                )}
                {props.result?.names?.get(s.candidateId) && (
                  <span data-testid="suggest-candidate-name">{props.result.names.get(s.candidateId)} · </span>
                )}
                {s.lon.toFixed(4)}, {s.lat.toFixed(4)} · {t("gain")} {gainText(t, r.demandUnit, s.gain)} (
                {gainPct(s.gainShare)}){" "}
                {/* a sub-centre beyond what 003:143's 1~2 a county allows, where only the population bands would (the
                    planner trial, s53d M3: 邓州市's third upgrade read like the first two) */}
                {r.capPerCounty && i >= r.capPerCounty.maxNew && (
                  <span className="warn" data-testid="suggest-beyond-reading">
                    {pick(r.capPerCounty.beyond)}{" "}
                  </span>
                )}
                {accepted.has(i) ? (
                  <span className="hint">{t("siteAccepted")}</span>
                ) : (
                  r.sites.length > 1 && (
                    <button type="button" onClick={() => props.onAccept([i])} data-testid={`suggest-accept-${i}`}>
                      {t("acceptOne")}
                    </button>
                  )
                )}
              </li>
            ))}
          </ol>
          <Curve curve={r.curve} />
          {r.excluded.length > 0 && (
            <p className="hint">
              {t("excludedCandidates")}
              {t("summaryColon")}
              {r.excluded.length}
            </p>
          )}
          {/* no site to show or accept: no buttons for nothing (the re-trial: 「采纳为规划新增（0 个）」) */}
          {r.sites.length > 0 && (
            <>
              <button type="button" onClick={() => props.onShowSites(r.sites.map((s) => [s.lon, s.lat]))}>
                {t("showOnMap")}
              </button>{" "}
              <button type="button" className="primary" onClick={() => props.onAccept()} data-testid="suggest-accept">
                {t("acceptAsProposed", r.sites.length - accepted.size)}
              </button>
            </>
          )}
        </section>
      )}
      <section className="central">
        <h3>{t("centralHeading")}</h3>
        {/* the third is 南宫's plan's (002:187): said where the city's plans set no share (the planner trial, s42-b #7:
            offered in 南阳 and 宜春 as if theirs) */}
        {!props.report?.counties.some((c) => c.checks.some((k) => k.rule === "CTHC-THIRD")) && (
          <p className="hint" data-testid="central-not-this-plan">
            {t("centralNotThisPlan")}
          </p>
        )}
        <button
          type="button"
          disabled={!!props.running}
          onClick={() => props.onCentral(form.county, 10)}
          data-testid="suggest-central"
        >
          {t(props.running === "central" ? "solving" : "centralRun")}
        </button>
        {props.running === "central" && props.onStop && (
          <button type="button" className="stop-run" onClick={props.onStop} data-testid="central-stop">
            {t("sitingStop")}
          </button>
        )}
        {props.central && props.central.county === form.county && (
          <div data-testid="central-result">
            {/* existing central THCs and sub-centres stay; the ones listed are ordinary THCs to raise, not new sites
                (the planner trial: 「4 个新站点」 for existing THCs, from 0 % though 叶县 has central ones) */}
            <p data-testid="central-summary">
              {t(STATUS_KEY[props.central.result.status])} ·{" "}
              {props.central.result.sites.length === 0
                ? t("centralNone", pct(props.central.result.coveredShareBefore))
                : t(
                    "centralSummary",
                    props.central.result.sites.length,
                    pct(props.central.result.coveredShareBefore),
                    pct(props.central.result.coveredShareAfter),
                  )}
            </p>
            <ol>
              {props.central.result.sites.map((s) => (
                <li key={s.candidateId}>
                  {props.central?.names.get(s.candidateId) ?? s.candidateId} · +{pct(s.gainShare)}
                </li>
              ))}
            </ol>
          </div>
        )}
      </section>
      <section className="subcentres" data-testid="subcentre-candidates">
        <h3>{t("subCentreHeading")}</h3>
        {/* where no rule reads the distance (平顶山 001 has no SUB-15KM), say so rather than 「none qualifies」 */}
        {!props.report?.counties.some((c) => c.checks.some((k) => k.rule === "SUB-15KM")) ? (
          <p className="hint" data-testid="no-sub-15km-rule">
            {t("noSub15Rule")}
          </p>
        ) : subs.length === 0 ? (
          <p className="hint">{t("noQualifying")}</p>
        ) : (
          <ul>
            {subs.map((q) => (
              <li key={q.facilityId}>
                {/* to 0.01 km, never across the limit, as the check and the report (the re-trial, s46: 「15.0 km」) */}
                {q.name} · {distanceKm(q.distanceKm, props.report?.params.subCentreMinKm).toFixed(2)} km
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
