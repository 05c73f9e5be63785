import { useState } from "react";
import type { AnalysisReport } from "../../core";
import { FACILITY_TYPE_LABELS, FACILITY_TYPES, type Facility, type FacilityType } from "../../core";
import { useI18n } from "../i18n";
import type { ParamsState } from "../state/session";

export interface PlanPanelProps {
  params: AnalysisReport["params"] | null;
  onParams: (patch: Partial<ParamsState>) => void;
  addType: FacilityType | null;
  onAddMode: (type: FacilityType | null) => void;
  proposed: Facility[];
  onUpdate: (id: string, patch: Partial<Facility>) => void;
  onRemove: (id: string) => void;
  onFocus: (f: Facility) => void;
  report: AnalysisReport | null;
  baseline: AnalysisReport | null;
}

function ruleShare(r: AnalysisReport | null, code: string, rule: string) {
  return r?.counties.find((c) => c.code === code)?.checks.find((k) => k.rule === rule);
}

/** What the proposed sites changed: per county coverage before and after, fails and violations. */
function comparison(report: AnalysisReport | null, baseline: AnalysisReport | null) {
  if (!report || !baseline) return null;
  const rows = report.counties.flatMap((c) => {
    const out: {
      code: string;
      name: string;
      rule: string;
      before: number;
      after: number;
      gapBefore: number;
      gapAfter: number;
    }[] = [];
    for (const rule of ["EMS-RURAL", "EMS-URBAN"]) {
      const a = ruleShare(report, c.code, rule);
      const b = ruleShare(baseline, c.code, rule);
      if (a?.coveredShare === undefined || b?.coveredShare === undefined) continue;
      if (Math.abs(a.coveredShare - b.coveredShare) < 0.0005) continue;
      out.push({
        code: c.code,
        name: c.name,
        rule,
        before: b.coveredShare,
        after: a.coveredShare,
        gapBefore: b.uncoveredAreaKm2 ?? 0,
        gapAfter: a.uncoveredAreaKm2 ?? 0,
      });
    }
    return out;
  });
  const fails = (r: AnalysisReport) =>
    r.counties.reduce((n, c) => n + c.checks.filter((k) => k.status === "fail").length, 0);
  return {
    rows,
    failsBefore: fails(baseline),
    failsAfter: fails(report),
    violationsBefore: baseline.violations.length,
    violationsAfter: report.violations.length,
  };
}

/** A distance in km; only values within [min, max] reach the parameters (typing "1" on the way to "15" is ignored). */
function KmInput(props: {
  value: number;
  min: number;
  max: number;
  testId: string;
  label?: string;
  onValue: (km: number) => void;
}) {
  return (
    <input
      type="number"
      min={props.min}
      max={props.max}
      step={0.5}
      value={props.value}
      data-testid={props.testId}
      aria-label={props.label}
      onChange={(e) => {
        const v = Number(e.target.value);
        if (e.target.value !== "" && v >= props.min && v <= props.max) props.onValue(v);
      }}
    />
  );
}

const ADDABLE: FacilityType[] = [
  "ems-station",
  "central-thc",
  "thc",
  "sub-centre",
  "village-clinic",
  "chc",
  "hospital",
  "ems-centre",
];

export function PlanPanel(props: PlanPanelProps) {
  const { lang, pick } = useI18n();
  const zh = lang === "zh";
  const p = props.params;
  const cmp = comparison(props.report, props.baseline);
  const [type, setType] = useState<FacilityType>("ems-station");
  return (
    <div className="plan">
      <section className="params" data-testid="params">
        <h3>{zh ? "参数" : "Parameters"}</h3>
        {p && (
          <>
            <label className="row">
              {zh ? "农村急救服务半径" : "Rural EMS radius"}
              <input
                type="range"
                min={10}
                max={20}
                step={0.5}
                value={p.ruralRadiusKm}
                data-testid="rural-radius"
                onChange={(e) => props.onParams({ ruralRadiusKm: Number(e.target.value) })}
              />
              <KmInput
                value={p.ruralRadiusKm}
                min={10}
                max={20}
                testId="rural-radius-input"
                label={zh ? "农村急救服务半径（公里）" : "Rural EMS radius (km)"}
                onValue={(v) => props.onParams({ ruralRadiusKm: v })}
              />
              km
            </label>
            <label className="row">
              {zh ? "城区急救服务半径" : "Urban EMS radius"}
              <KmInput
                value={p.urbanRadiusKm}
                min={0.5}
                max={10}
                testId="urban-radius"
                onValue={(v) => props.onParams({ urbanRadiusKm: v })}
              />
              km
            </label>
            <label className="row">
              {zh ? "次中心距县域医疗中心" : "Sub-centre distance from county medical centre"} ≥
              <KmInput
                value={p.subCentreMinKm}
                min={0.5}
                max={50}
                testId="subcentre-distance"
                onValue={(v) => props.onParams({ subCentreMinKm: v })}
              />
              km
            </label>
            <fieldset>
              <legend>{zh ? "城区口径" : "Urban area definition"}</legend>
              <label className="row">
                <input
                  type="checkbox"
                  checked={p.urban.districts}
                  data-testid="urban-districts"
                  onChange={(e) => props.onParams({ urbanDistricts: e.target.checked })}
                />
                {zh ? "市辖区（区）整体计为城区" : "Districts (区) count as urban"}
              </label>
              <label className="row">
                {zh ? "县城驻地周边半径" : "Around each county seat, radius"}
                <KmInput
                  value={p.urban.seatRadiusKm ?? 0}
                  min={0}
                  max={15}
                  testId="seat-radius"
                  onValue={(v) => props.onParams({ seatRadiusKm: v })}
                />
                km
              </label>
            </fieldset>
            <label className="row">
              {zh ? "次中心数量口径" : "Sub-centre count variant"}
              <select
                value={p.subCountVariant}
                onChange={(e) => props.onParams({ subCountVariant: e.target.value as ParamsState["subCountVariant"] })}
              >
                <option value="bands">{zh ? "按常住人口分档（003:213）" : "By population band (003:213)"}</option>
                <option value="per-county">{zh ? "每县1–2个（003:143）" : "1–2 per county (003:143)"}</option>
              </select>
            </label>
          </>
        )}
      </section>
      <section className="proposed" data-testid="proposed-panel">
        <h3>{zh ? "规划新增设施" : "Proposed facilities"}</h3>
        <div className="add-row">
          <select
            aria-label={zh ? "新增设施类型" : "Type to add"}
            data-testid="add-type"
            value={type}
            onChange={(e) => {
              const t = e.target.value as FacilityType;
              setType(t);
              if (props.addType) props.onAddMode(t);
            }}
          >
            {ADDABLE.map((t) => (
              <option key={t} value={t}>
                {pick(FACILITY_TYPE_LABELS[t])}
              </option>
            ))}
          </select>
          <button
            type="button"
            className={props.addType ? "primary" : ""}
            data-testid="add-mode"
            aria-pressed={!!props.addType}
            onClick={() => props.onAddMode(props.addType ? null : type)}
          >
            {props.addType
              ? zh
                ? "点击地图放置…（再按取消）"
                : "Click the map… (press to stop)"
              : zh
                ? "在地图上添加"
                : "Add on the map"}
          </button>
        </div>
        <p className="hint">
          {zh
            ? "拖动蓝圈标记的新增设施可移动位置；表格与缺口即时更新。"
            : "Drag a proposed site (blue ring) to move it; tables and gaps update at once."}
        </p>
        <ul className="proposed-list">
          {props.proposed.map((f) => (
            <li key={f.id} data-proposed-id={f.id}>
              <button type="button" className="link" onClick={() => props.onFocus(f)}>
                {f.id}
              </button>
              <select
                value={f.type}
                aria-label={zh ? "类型" : "Type"}
                onChange={(e) => props.onUpdate(f.id, { type: e.target.value as FacilityType })}
              >
                {FACILITY_TYPES.map((t) => (
                  <option key={t} value={t}>
                    {pick(FACILITY_TYPE_LABELS[t])}
                  </option>
                ))}
              </select>
              <input
                type="number"
                step={0.001}
                value={Number(f.lon.toFixed(5))}
                aria-label={zh ? "经度" : "Longitude"}
                onChange={(e) =>
                  Number.isFinite(Number(e.target.value)) && props.onUpdate(f.id, { lon: Number(e.target.value) })
                }
              />
              <input
                type="number"
                step={0.001}
                value={Number(f.lat.toFixed(5))}
                aria-label={zh ? "纬度" : "Latitude"}
                onChange={(e) =>
                  Number.isFinite(Number(e.target.value)) && props.onUpdate(f.id, { lat: Number(e.target.value) })
                }
              />
              <button
                type="button"
                onClick={() => props.onRemove(f.id)}
                aria-label={zh ? "删除" : "Delete"}
                data-testid={`remove-${f.id}`}
              >
                ✕
              </button>
            </li>
          ))}
        </ul>
      </section>
      {cmp && (
        <section className="compare" data-testid="compare">
          <h3>{zh ? "新增前后对比" : "Before / after"}</h3>
          <p>
            {zh ? "不达标项" : "Failing checks"}: {cmp.failsBefore} → <b>{cmp.failsAfter}</b> ·{" "}
            {zh ? "违规条目" : "Violations"}: {cmp.violationsBefore} → <b>{cmp.violationsAfter}</b>
          </p>
          {cmp.rows.length > 0 && (
            <table>
              <thead>
                <tr>
                  <th>{zh ? "县区" : "County"}</th>
                  <th>{zh ? "规则" : "Rule"}</th>
                  <th>{zh ? "覆盖率" : "Covered"}</th>
                  <th>{zh ? "缺口 km²" : "Gap km²"}</th>
                </tr>
              </thead>
              <tbody>
                {cmp.rows.map((r) => (
                  <tr key={`${r.code}-${r.rule}`} data-county-code={r.code}>
                    <td>{r.name}</td>
                    <td>{r.rule}</td>
                    <td>
                      {(r.before * 100).toFixed(1)}% → <b>{(r.after * 100).toFixed(1)}%</b>
                    </td>
                    <td>
                      {r.gapBefore.toFixed(0)} → <b>{r.gapAfter.toFixed(0)}</b>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
    </div>
  );
}
