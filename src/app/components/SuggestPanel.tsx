import { useEffect, useState } from "react";
import type { AnalysisReport, SitingResult } from "../../core";
import { FACILITY_TYPE_LABELS, type FacilityType, SITING_RADIUS_KM } from "../../core";
import { useI18n } from "../i18n";
import { FileInput } from "./FileInput";

export interface SuggestForm {
  county: string;
  type: FacilityType;
  radiusKm: number;
  mode: "mclp" | "lscp";
  k: number;
  targetPct: number;
  gridKm: number;
  minSeparationKm: number;
  method: "auto" | "exact" | "greedy";
  /** Where candidates come from: a grid, or the county's existing facilities of a type (upgrades). */
  candidateSource: "grid" | FacilityType;
}

export interface SuggestPanelProps {
  report: AnalysisReport | null;
  selectedCounty: string | null;
  running: string | null;
  /** `weighted`: demand was imported points (gains are their weights), else area (gains in km²). */
  result: {
    form: SuggestForm;
    result: SitingResult & { capNote?: { zh: string; en: string } };
    weighted: boolean;
  } | null;
  central: { county: string; result: SitingResult; names: Map<string, string> } | null;
  onRun: (form: SuggestForm) => void;
  onCentral: (county: string, radiusKm: number) => void;
  onAccept: () => void;
  onShowSites: (sites: Array<[number, number]>) => void;
  error: string | null;
  /** An imported candidate list (used instead of the grid), if any. */
  candidates: { fileName: string; count: number } | null;
  onCandidatesFile: (file: File) => void;
  onClearCandidates: () => void;
  /** The imported demand points the siting weighs, if any. */
  demandName: string | null;
}

const TYPES: FacilityType[] = ["ems-station", "central-thc", "sub-centre", "thc", "village-clinic"];

function pct(x: number) {
  return `${(x * 100).toFixed(1)}%`;
}

/** Coverage versus number of new sites, as a small SVG chart. */
function Curve({ curve, zh }: { curve: SitingResult["curve"]; zh: boolean }) {
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
    <svg
      width={w}
      height={h}
      role="img"
      aria-label={zh ? "覆盖率随新增站点数变化" : "coverage versus number of new sites"}
      data-testid="suggest-curve"
    >
      <line x1={pad} y1={h - pad + 6} x2={w - 4} y2={h - pad + 6} stroke="#999" />
      <line x1={pad} y1={4} x2={pad} y2={h - pad + 6} stroke="#999" />
      <text x={2} y={12} fontSize={10}>
        100%
      </text>
      <text x={2} y={h - pad + 6} fontSize={10}>
        {Math.round(y0 * 100)}%
      </text>
      <text x={w - 80} y={h - 6} fontSize={10}>
        {zh ? "新增站点数" : "new sites"} → {maxK}
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
  const { lang, pick } = useI18n();
  const zh = lang === "zh";
  const counties = props.report?.counties ?? [];
  const firstFailing = counties.find((c) => c.checks.some((k) => k.rule === "EMS-RURAL" && k.status === "fail"))?.code;
  const [form, setForm] = useState<SuggestForm>(() => ({
    county: props.selectedCounty ?? firstFailing ?? counties[0]?.code ?? "",
    type: "ems-station",
    radiusKm: props.report?.params.ruralRadiusKm ?? 15,
    mode: "mclp",
    k: 3,
    targetPct: 100,
    gridKm: 2,
    minSeparationKm: 0,
    method: "auto",
    candidateSource: "grid",
  }));
  useEffect(() => {
    if (!form.county && counties[0]) setForm((f) => ({ ...f, county: firstFailing ?? counties[0].code }));
  }, [counties, firstFailing, form.county]);
  const set = <K extends keyof SuggestForm>(k: K, v: SuggestForm[K]) => setForm((f) => ({ ...f, [k]: v }));
  const r = props.result?.result;
  const subs = (props.report?.qualifyingSubCentres ?? []).filter((q) => q.county === form.county);
  return (
    <div className="suggest" data-testid="suggest-panel">
      <h3>{zh ? "选址建议" : "Suggest sites"}</h3>
      <div className="grid-form">
        <label>
          {zh ? "县区" : "County"}
          <select value={form.county} onChange={(e) => set("county", e.target.value)} data-testid="suggest-county">
            {counties.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name} {c.code}
              </option>
            ))}
          </select>
        </label>
        <label>
          {zh ? "设施类型" : "Facility type"}
          <select value={form.type} onChange={(e) => set("type", e.target.value as FacilityType)}>
            {TYPES.map((t) => (
              <option key={t} value={t}>
                {pick(FACILITY_TYPE_LABELS[t])}
              </option>
            ))}
          </select>
        </label>
        <label>
          {zh ? "服务半径 km" : "Radius km"}
          <input
            type="number"
            min={SITING_RADIUS_KM.min}
            max={SITING_RADIUS_KM.max}
            step={SITING_RADIUS_KM.step}
            value={form.radiusKm}
            onChange={(e) => set("radiusKm", Number(e.target.value))}
            data-testid="suggest-radius"
          />
        </label>
        <label>
          {zh ? "目标" : "Goal"}
          <select
            value={form.mode}
            onChange={(e) => set("mode", e.target.value as SuggestForm["mode"])}
            data-testid="suggest-mode"
          >
            <option value="mclp">{zh ? "新增 k 个站点，覆盖最大" : "k new sites, most coverage"}</option>
            <option value="lscp">{zh ? "达到目标覆盖率的最少站点" : "fewest sites for a target share"}</option>
          </select>
        </label>
        {form.mode === "mclp" ? (
          <label>
            k
            <input
              type="number"
              min={1}
              max={30}
              value={form.k}
              onChange={(e) => set("k", Math.max(1, Math.round(Number(e.target.value))))}
              data-testid="suggest-k"
            />
          </label>
        ) : (
          <label>
            {zh ? "目标覆盖率 %" : "Target %"}
            <input
              type="number"
              min={1}
              max={100}
              value={form.targetPct}
              onChange={(e) => set("targetPct", Number(e.target.value))}
              data-testid="suggest-target"
            />
          </label>
        )}
        <label>
          {zh ? "候选点" : "Candidates"}
          <select
            value={form.candidateSource}
            data-testid="suggest-candidate-source"
            onChange={(e) => set("candidateSource", e.target.value as SuggestForm["candidateSource"])}
          >
            <option value="grid">{zh ? "网格" : "grid"}</option>
            {(["central-thc", "thc", "sub-centre", "hospital", "chc"] as FacilityType[]).map((t) => (
              <option key={t} value={t}>
                {zh
                  ? `现有${pick(FACILITY_TYPE_LABELS[t])}（升级）`
                  : `existing ${pick(FACILITY_TYPE_LABELS[t])} (upgrade)`}
              </option>
            ))}
          </select>
        </label>
        <label>
          {zh ? "候选点间距 km" : "Candidate grid km"}
          <input
            type="number"
            min={0.5}
            max={10}
            step={0.5}
            value={form.gridKm}
            onChange={(e) => set("gridKm", Number(e.target.value))}
          />
        </label>
        <label>
          {zh ? "新站最小间距 km" : "Min separation km"}
          <input
            type="number"
            min={0}
            max={50}
            step={1}
            value={form.minSeparationKm}
            onChange={(e) => set("minSeparationKm", Number(e.target.value))}
          />
        </label>
        <label>
          {zh ? "求解方法" : "Method"}
          <select value={form.method} onChange={(e) => set("method", e.target.value as SuggestForm["method"])}>
            <option value="auto">{zh ? "自动（精确优先）" : "auto (exact when small)"}</option>
            <option value="exact">{zh ? "精确（整数规划 HiGHS）" : "exact (MIP, HiGHS)"}</option>
            <option value="greedy">{zh ? "贪心（带上界）" : "greedy (with bound)"}</option>
          </select>
        </label>
      </div>
      <div className="row">
        {zh ? "候选点清单（可选，代替网格）" : "Candidate list (optional, instead of the grid)"}
        <FileInput
          accept=".csv,.xlsx,.geojson,.json,.kml,.zip"
          testId="suggest-candidates"
          onFile={props.onCandidatesFile}
        />
      </div>
      {props.candidates && (
        <p className="hint" data-testid="candidates-in-use">
          {zh ? "候选点：" : "Candidates: "}
          {props.candidates.fileName} ({props.candidates.count}){" "}
          <button type="button" onClick={props.onClearCandidates}>
            {zh ? "改用网格" : "Use the grid"}
          </button>
        </p>
      )}
      <p className="hint">
        {props.demandName
          ? zh
            ? `需求：导入的需求点 ${props.demandName}（按人口加权）`
            : `Demand: imported points ${props.demandName} (weighted)`
          : zh
            ? "需求：县域面积（1 km 网格，按面积加权）；可在数据页导入人口需求点"
            : "Demand: the county's area (1 km blocks, weighted by km²); import weighted points on the Data tab"}
      </p>
      <button
        type="button"
        className="primary"
        disabled={!!props.running || !form.county}
        onClick={() => props.onRun(form)}
        data-testid="suggest-run"
      >
        {props.running === "sites" ? (zh ? "求解中…" : "Solving…") : zh ? "计算建议站点" : "Suggest sites"}
      </button>
      {props.error && (
        <p className="bad" role="alert">
          {props.error}
        </p>
      )}
      {r && props.result && (
        <section className="suggest-result" data-testid="suggest-result" data-status={r.status}>
          <p>
            <b>
              {zh ? "状态" : "Status"}: {r.status}
            </b>{" "}
            · {pick(r.statusMessage)} · {r.method} · {(r.timeMs / 1000).toFixed(2)} s
          </p>
          {r.capNote && (
            <p className="hint" data-testid="suggest-cap">
              {pick(r.capNote)}
            </p>
          )}
          <p>
            {zh ? "覆盖率" : "Covered"}: {pct(r.coveredShareBefore)} → <b>{pct(r.coveredShareAfter)}</b>
            {r.gap !== undefined && r.gap > 0 ? ` · ${zh ? "最优性间隙" : "gap"} ${(r.gap * 100).toFixed(2)}%` : ""}
          </p>
          <ol className="sites">
            {r.sites.map((s) => (
              <li key={s.candidateId} data-gain={s.gainShare} data-gain-km2={s.gain}>
                {s.lon.toFixed(4)}, {s.lat.toFixed(4)} · {zh ? "新增覆盖" : "gain"} {s.gain.toFixed(1)}{" "}
                {props.result?.weighted ? (zh ? "（需求点权重）" : "(demand weight)") : "km²"} ({pct(s.gainShare)})
              </li>
            ))}
          </ol>
          <Curve curve={r.curve} zh={zh} />
          {r.excluded.length > 0 && (
            <p className="hint">
              {zh ? "排除的候选点" : "Excluded candidates"}: {r.excluded.length}
            </p>
          )}
          <button type="button" onClick={() => props.onShowSites(r.sites.map((s) => [s.lon, s.lat]))}>
            {zh ? "在地图上查看" : "Show on map"}
          </button>{" "}
          <button
            type="button"
            className="primary"
            onClick={props.onAccept}
            disabled={r.sites.length === 0}
            data-testid="suggest-accept"
          >
            {zh ? `采纳为规划新增（${r.sites.length} 个）` : `Accept as proposed (${r.sites.length})`}
          </button>
        </section>
      )}
      <section className="central">
        <h3>{zh ? "中心乡镇卫生院（约 1/3，CTHC-THIRD）" : "Central THCs (about one third, CTHC-THIRD)"}</h3>
        <button
          type="button"
          disabled={!!props.running}
          onClick={() => props.onCentral(form.county, 10)}
          data-testid="suggest-central"
        >
          {props.running === "central"
            ? zh
              ? "求解中…"
              : "Solving…"
            : zh
              ? "选出覆盖最好的 1/3（10 km）"
              : "Pick the best-covering third (10 km)"}
        </button>
        {props.central && props.central.county === form.county && (
          <div data-testid="central-result">
            <p>
              {props.central.result.status} · {pick(props.central.result.statusMessage)} · {zh ? "覆盖率" : "covered"}{" "}
              {pct(props.central.result.coveredShareAfter)}
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
        <h3>{zh ? "符合条件的次中心候选（SUB-15KM）" : "Qualifying sub-centre candidates (SUB-15KM)"}</h3>
        {subs.length === 0 ? (
          <p className="hint">
            {zh ? "本县区没有符合条件的中心乡镇卫生院。" : "No qualifying central THC in this county."}
          </p>
        ) : (
          <ul>
            {subs.map((q) => (
              <li key={q.facilityId}>
                {q.name} · {q.distanceKm.toFixed(1)} km
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
