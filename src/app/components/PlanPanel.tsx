import { useRef, useState } from "react";
import type { AnalysisReport, Divisions, NumericParamKey, ParamSpec, SiteEffect } from "../../core";
import {
  checksRadius,
  comparison,
  FACILITY_TYPE_LABELS,
  FACILITY_TYPES,
  type Facility,
  type FacilityType,
} from "../../core";
import { countyShortEn, useCountyName } from "../county-names";
import { gapKm2, sharePct } from "../format";
import { useI18n } from "../i18n";
import { lackingUnits, proposedTwin, STREET_TYPES, TOWNSHIP_TYPES } from "../proposed-unit";
import type { ParamsState } from "../state/session";
import { STATUS_ICON, STATUS_LABEL } from "./CheckItem";
import { KmInput } from "./KmInput";

export interface PlanPanelProps {
  params: AnalysisReport["params"] | null;
  /** Each parameter's range, step, label and unit, read from the rule set (core's paramSpec). */
  spec: Record<NumericParamKey, ParamSpec>;
  /** A parameter change; `live` while a slider is dragged (the drag becomes one undo step at its end). */
  onParams: (patch: Partial<ParamsState>, live?: boolean) => void;
  /** The end of a slider drag. */
  onParamsEnd: () => void;
  addType: FacilityType | null;
  onAddMode: (type: FacilityType | null) => void;
  /** The type 「新增类型」 shows (the interface store's, so it survives leaving the tab). */
  addChoice: FacilityType;
  /** A new choice of type; while adding, the clicks place it. */
  onAddChoice: (type: FacilityType) => void;
  proposed: Facility[];
  /** The county a point lies in, or null outside the city's counties. */
  countyAt: (lon: number, lat: number) => { code: string; name: string } | null;
  onUpdate: (id: string, patch: Partial<Facility>) => void;
  onRemove: (id: string) => void;
  onFocus: (f: Facility) => void;
  report: AnalysisReport | null;
  baseline: AnalysisReport | null;
  /** The city's townships and villages: a proposed health centre or clinic is given its unit from them. */
  divisions: Divisions | null;
  /**
   * How far (km, geodesic) a point lies from the nearest existing facility a unit's code names (its 卫生院, a village's
   * clinic): the divisions carry no places, so these stand in for the unit's. Undefined where the unit has none.
   */
  unitDistanceKm?: (unit: string, lon: number, lat: number) => number | undefined;
  /**
   * The rule set exempts a THC's own village from needing a clinic (002:193, 004:437): a proposed 卫生院 may be given
   * its village, else one of its township's lacking villages may be it (for review).
   */
  thcVillageExempt?: boolean;
  /**
   * Measures what each proposed site alone does ({@link siteEffects}, in the worker): asked for by the planner's button,
   * not at each edit, and set aside when the sites change.
   */
  onSiteEffects?: () => Promise<SiteEffect[]>;
}

/**
 * The button that measures each proposed site's own effect: the answer is kept with the list it was measured for, so
 * a site moved since then shows none (the caller compares `of` with its current list).
 */
function SiteEffectsButton(props: {
  proposed: readonly Facility[];
  measure: () => Promise<SiteEffect[]>;
  onMeasured: (e: { of: readonly Facility[]; byId: Map<string, SiteEffect> }) => void;
}) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const { proposed, measure, onMeasured } = props;
  return (
    <p className="hint">
      <button
        type="button"
        data-testid="site-effects"
        title={t("siteEffectsHint")}
        disabled={busy}
        onClick={() => {
          setBusy(true);
          measure()
            .then((list) => onMeasured({ of: proposed, byId: new Map(list.map((e) => [e.id, e])) }))
            .finally(() => setBusy(false));
        }}
      >
        {t(busy ? "siteEffectsBusy" : "siteEffectsButton")}
      </button>
    </p>
  );
}

/** A proposed site farther than this from every facility of the unit chosen for it is said to be (km). */
const FAR_FROM_UNIT_KM = 10;

/** How many changed checks the before/after lists (the rest counted below it). */
const COMPARE_CHECKS_SHOWN = 30;

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
  const { t, pick } = useI18n();
  const countyName = useCountyName();
  const p = props.params;
  const spec = props.spec;
  const cmp = comparison(props.report, props.baseline);
  // each site's own effect, as last measured, with the list it was measured for
  const [effects, setEffects] = useState<{ of: readonly Facility[]; byId: Map<string, SiteEffect> } | null>(null);
  // a slider drag: its steps are applied live and become one undo step when the pointer is released
  const dragging = useRef(false);
  const endDrag = () => {
    if (!dragging.current) return;
    dragging.current = false;
    props.onParamsEnd();
  };
  return (
    <div className="plan">
      <section className="params" data-testid="params">
        <h3>{t("parameters")}</h3>
        {p && (
          <>
            {/* the EMS radii only where the rule set has a radius rule (the planner trial: 平顶山 001 and 南宫 002 state
                none, yet 20 km and 5 km were offered as if they applied) */}
            {!spec.ruralRadiusKm.rule && !spec.urbanRadiusKm.rule && (
              <p className="hint" data-testid="plan-no-radius">
                {t("planNoRadius")}
              </p>
            )}
            {spec.ruralRadiusKm.rule && (
              <label className="row">
                {pick(spec.ruralRadiusKm.label)}
                <input
                  type="range"
                  min={spec.ruralRadiusKm.min}
                  max={spec.ruralRadiusKm.max}
                  step={spec.ruralRadiusKm.step}
                  value={p.ruralRadiusKm}
                  data-testid="rural-radius"
                  onPointerDown={() => {
                    dragging.current = true;
                  }}
                  onPointerUp={endDrag}
                  onPointerCancel={endDrag}
                  onBlur={endDrag}
                  onChange={(e) => props.onParams({ ruralRadiusKm: Number(e.target.value) }, dragging.current)}
                />
                <KmInput
                  value={p.ruralRadiusKm}
                  spec={spec.ruralRadiusKm}
                  testId="rural-radius-km"
                  label={t("inKm", pick(spec.ruralRadiusKm.label))}
                  onCommit={(v) => props.onParams({ ruralRadiusKm: v })}
                />
              </label>
            )}
            {spec.urbanRadiusKm.rule && (
              <label className="row">
                {pick(spec.urbanRadiusKm.label)}
                <KmInput
                  value={p.urbanRadiusKm}
                  spec={spec.urbanRadiusKm}
                  testId="urban-radius-km"
                  label={t("inKm", pick(spec.urbanRadiusKm.label))}
                  onCommit={(v) => props.onParams({ urbanRadiusKm: v })}
                />
              </label>
            )}
            {/* only where the rule set has SUB-15KM (the national set and 平顶山's plan have none: the planner trial
                found the distance offered for 洛阳, where nothing reads it) */}
            {spec.subCentreMinKm.rule && (
              <label className="row">
                {pick(spec.subCentreMinKm.label)} ≥
                <KmInput
                  value={p.subCentreMinKm}
                  spec={spec.subCentreMinKm}
                  testId="sub-centre-min-km"
                  label={t("inKm", pick(spec.subCentreMinKm.label))}
                  onCommit={(v) => props.onParams({ subCentreMinKm: v })}
                />
              </label>
            )}
            <label className="row">
              <input
                type="checkbox"
                role="switch"
                aria-checked={p.crossBorder}
                checked={p.crossBorder}
                data-testid="cross-border"
                onChange={(e) => props.onParams({ crossBorder: e.target.checked })}
              />
              {t("crossBorder")}
            </label>
            <p className="hint">{t(p.crossBorder ? "crossBorderOn" : "crossBorderOff")}</p>
            {props.report && (
              <p className="hint" data-testid="plan-ems-network">
                {t("emsNetworkLabel", pick(props.report.emsNetworkUsed))}
              </p>
            )}
            <fieldset>
              <legend>{t("urbanDefinition")}</legend>
              <label className="row">
                {pick(spec.centralCityRadiusKm.label)}
                <KmInput
                  value={p.urban.centralCityRadiusKm}
                  spec={spec.centralCityRadiusKm}
                  testId="central-city-radius-km"
                  label={t("inKm", pick(spec.centralCityRadiusKm.label))}
                  onCommit={(v) => props.onParams({ centralCityRadiusKm: v })}
                />
              </label>
              <label className="row">
                {pick(spec.countySeatRadiusKm.label)}
                <KmInput
                  value={p.urban.countySeatRadiusKm}
                  spec={spec.countySeatRadiusKm}
                  testId="seat-radius-km"
                  label={t("inKm", pick(spec.countySeatRadiusKm.label))}
                  onCommit={(v) => props.onParams({ countySeatRadiusKm: v })}
                />
              </label>
            </fieldset>
            {/* 003's two readings of the sub-centre count: only where the rule set scores SUB-COUNT (the user trial
                found 南阳's lines offered in 洛阳, 宜春, 平顶山 and 邢台) */}
            {props.report?.counties.some((c) => c.checks.some((k) => k.rule === "SUB-COUNT")) && (
              <label className="row">
                {t("subCountVariant")}
                <select
                  data-testid="sub-count-variant"
                  value={p.subCountVariant}
                  onChange={(e) =>
                    props.onParams({ subCountVariant: e.target.value as ParamsState["subCountVariant"] })
                  }
                >
                  <option value="bands">{t("subCountBands")}</option>
                  <option value="per-county">{t("subCountPerCounty")}</option>
                </select>
              </label>
            )}
          </>
        )}
      </section>
      <section className="proposed" data-testid="proposed-panel">
        <h3>{t("proposedHeading")}</h3>
        <div className="add-row">
          <select
            aria-label={t("typeToAdd")}
            data-testid="add-type"
            value={props.addChoice}
            onChange={(e) => props.onAddChoice(e.target.value as FacilityType)}
          >
            {ADDABLE.map((ft) => (
              <option key={ft} value={ft}>
                {pick(FACILITY_TYPE_LABELS[ft])}
              </option>
            ))}
          </select>
          <button
            type="button"
            className={props.addType ? "primary" : ""}
            data-testid="add-mode"
            aria-pressed={!!props.addType}
            onClick={() => props.onAddMode(props.addType ? null : props.addChoice)}
          >
            {t(props.addType ? "addModeOn" : "addModeOff")}
          </button>
        </div>
        <p className="hint">{t("dragHint")}</p>
        {/* the boxes are WGS84 while planners read positions off Amap (GCJ-02): said (the planner trial) */}
        <p className="hint" data-testid="proposed-crs-hint">
          {t("proposedCrsHint")}
        </p>
        {props.onSiteEffects && props.proposed.length > 0 && (
          <SiteEffectsButton proposed={props.proposed} measure={props.onSiteEffects} onMeasured={setEffects} />
        )}
        <ul className="proposed-list">
          {props.proposed.map((f) => {
            const locked = f.replaces !== undefined;
            const effect = effects?.of === props.proposed ? effects.byId.get(f.id) : undefined;
            return (
              <li key={f.id} data-proposed-id={f.id}>
                <button type="button" className="link" onClick={() => props.onFocus(f)}>
                  {f.id}
                </button>
                <ProposedWhere at={props.countyAt(f.lon, f.lat)} stated={f.county} />
                <ProposedTwin f={f} proposed={props.proposed} />
                <ProposedName f={f} onUpdate={props.onUpdate} />
                <ProposedUnit
                  f={f}
                  county={props.countyAt(f.lon, f.lat)?.code ?? null}
                  divisions={props.divisions}
                  {...(props.unitDistanceKm ? { unitDistanceKm: props.unitDistanceKm } : {})}
                  violations={props.report?.violations ?? []}
                  onUpdate={props.onUpdate}
                  thcVillage={props.thcVillageExempt === true}
                />
                {/* an upgrade is the existing building raised: its type, place and units are the centre's (the re-trial:
                  typed coordinates moved it into 西峡县, and a new type left its township without a centre) */}
                <select
                  value={f.type}
                  aria-label={t("type")}
                  disabled={locked}
                  title={locked ? t("upgradeStays", f.name) : undefined}
                  onChange={(e) => props.onUpdate(f.id, { type: e.target.value as FacilityType })}
                >
                  {FACILITY_TYPES.map((ft) => (
                    <option key={ft} value={ft}>
                      {pick(FACILITY_TYPE_LABELS[ft])}
                    </option>
                  ))}
                </select>
                <CoordBox f={f} axis="lon" locked={locked} onUpdate={props.onUpdate} />
                <CoordBox f={f} axis="lat" locked={locked} onUpdate={props.onUpdate} />
                <button
                  type="button"
                  onClick={() => props.onRemove(f.id)}
                  aria-label={t("delete")}
                  data-testid={`remove-${f.id}`}
                >
                  ✕
                </button>
                {effect && (
                  <div className="site-effect hint" data-testid={`site-effect-${f.id}`}>
                    {t("siteEffect", pick(effect.summary))}
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      </section>
      {cmp && (
        <section className="compare" data-testid="compare">
          <h3>{t("beforeAfter")}</h3>
          <p>
            {t("failingChecks")}: {cmp.failsBefore} → <b>{cmp.failsAfter}</b> · {t("violationCount")}:{" "}
            {cmp.violationsBefore} → <b>{cmp.violationsAfter}</b>
          </p>
          {/* an EMS site under plans that set no radius changes no verdict: said, not a silent 0 → 0 (the planner
              trial, s56 L6: 南宫's 002) */}
          {props.report &&
            !checksRadius(props.report) &&
            props.proposed.some((f) => f.type === "ems-station" || f.type === "ems-centre") && (
              <p className="hint" role="note" data-testid="compare-no-radius">
                {t("compareNoRadius")}
              </p>
            )}
          {cmp.rows.length > 0 && (
            <table>
              <thead>
                <tr>
                  <th>{t("countyShort")}</th>
                  <th>{t("rule")}</th>
                  <th>{t("covered")}</th>
                  <th>{t("colGap")}</th>
                </tr>
              </thead>
              <tbody>
                {cmp.rows.map((r) => (
                  <tr key={`${r.code}-${r.rule}`} data-county-code={r.code}>
                    <td>{countyName(r.code, r.name)}</td>
                    <td>{r.rule}</td>
                    <td data-testid="compare-share">
                      <span title={t(STATUS_LABEL[r.statusBefore])}>{STATUS_ICON[r.statusBefore]}</span>{" "}
                      {sharePct(r.before, r.gapBefore)} →{" "}
                      <b>
                        <span title={t(STATUS_LABEL[r.statusAfter])}>{STATUS_ICON[r.statusAfter]}</span>{" "}
                        {sharePct(r.after, r.gapAfter)}
                      </b>
                    </td>
                    <td>
                      {r.gapBefore === undefined ? "–" : gapKm2(r.gapBefore)} → <b>{gapKm2(r.gapAfter)}</b>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {/* the other checks the sites changed, with what each says now (the planner trial, s46-b #11) */}
          {cmp.checks.length > 0 && (
            <table className="compare-checks" data-testid="compare-checks">
              <thead>
                <tr>
                  <th>{t("countyShort")}</th>
                  <th>{t("rule")}</th>
                  <th>{t("compareVerdict")}</th>
                  <th>{t("compareNow")}</th>
                </tr>
              </thead>
              <tbody>
                {cmp.checks.slice(0, COMPARE_CHECKS_SHOWN).map((r) => (
                  <tr key={`${r.code}-${r.rule}`} data-county-code={r.code} data-rule={r.rule}>
                    <td>{countyName(r.code, r.name)}</td>
                    <td>{r.rule}</td>
                    <td data-testid="compare-verdict">
                      <span title={t(STATUS_LABEL[r.statusBefore])}>{STATUS_ICON[r.statusBefore]}</span> →{" "}
                      <b title={t(STATUS_LABEL[r.statusAfter])}>{STATUS_ICON[r.statusAfter]}</b>
                    </td>
                    <td>
                      {pick(r.now)}
                      <span className="hint compare-before" data-testid="compare-before">
                        {t("compareBefore", pick(r.before))}
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {cmp.checks.length > COMPARE_CHECKS_SHOWN && (
            <p className="hint">{t("compareChecksMore", cmp.checks.length - COMPARE_CHECKS_SHOWN)}</p>
          )}
        </section>
      )}
    </div>
  );
}

/**
 * A proposed site's name, as the exports, the report and the map's popup give it (the planner trial: a site could
 * not be named, 「规划急救站 P2」 went to the GIS team). Kept on leaving the box or on Enter, one undo step; an empty
 * box keeps the name it had.
 */
function ProposedName(props: { f: Facility; onUpdate: (id: string, patch: Partial<Facility>) => void }) {
  const { t } = useI18n();
  const { f } = props;
  const commit = (el: HTMLInputElement) => {
    const name = el.value.trim();
    if (name === "") el.value = f.name;
    else if (name !== f.name) props.onUpdate(f.id, { name });
  };
  return (
    <label className="proposed-name">
      {t("name")}
      <input
        key={f.name}
        type="text"
        defaultValue={f.name}
        maxLength={100}
        data-testid={`proposed-name-${f.id}`}
        onBlur={(e) => commit(e.currentTarget)}
        onKeyDown={(e) => {
          if (e.key === "Enter") e.currentTarget.blur();
          if (e.key === "Escape") {
            e.currentTarget.value = f.name;
            e.currentTarget.blur();
          }
        }}
      />
    </label>
  );
}

/**
 * A proposed site's longitude or latitude box (WGS84, 5 decimals); an upgrade's is locked with the reason on hover.
 */
function CoordBox(props: {
  f: Facility;
  axis: "lon" | "lat";
  locked: boolean;
  onUpdate: (id: string, patch: Partial<Facility>) => void;
}) {
  const { t } = useI18n();
  const { f, axis } = props;
  const label = t(axis === "lon" ? "longitude" : "latitude");
  // what is being typed: a value outside the globe is never taken (the user trial, s50 H1: 「1132.0032」 was taken,
  // and the saved plan failed to load at the next start); the box says why and goes back to the site's on leaving
  const [typed, setTyped] = useState<string | null>(null);
  const limit = axis === "lon" ? 180 : 90;
  const refused = typed !== null && !coordinateOk(typed, limit);
  const commit = () => {
    if (typed === null || !coordinateOk(typed, limit)) return;
    const v = Number(typed);
    if (v !== Number(f[axis].toFixed(5))) props.onUpdate(f.id, { [axis]: v });
  };
  return (
    <>
      <input
        type="number"
        step={0.001}
        value={typed ?? Number(f[axis].toFixed(5))}
        aria-label={label}
        aria-invalid={refused || undefined}
        disabled={props.locked}
        title={props.locked ? t("upgradeStays", f.name) : t("wgs84Box", label)}
        // taken when typed in full (Enter or leaving the box), not at each keystroke: 「112.95」 typed passed through
        // 11 and 112, moving the site out of the city and back (the user trial, s50 L6)
        onChange={(e) => setTyped(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter") commit();
          if (e.key === "Escape") setTyped(null);
        }}
        onBlur={() => {
          commit();
          setTyped(null);
        }}
      />
      {refused && (
        <span className="coord-refused" role="alert" data-testid="coord-refused">
          {t("coordRefused", label, limit, Number(f[axis].toFixed(5)))}
        </span>
      )}
    </>
  );
}

/** A typed longitude (latitude) the site can take: a number within ±`limit` degrees. */
function coordinateOk(text: string, limit: number): boolean {
  const v = Number(text);
  return text.trim() !== "" && Number.isFinite(v) && Math.abs(v) <= limit;
}

/**
 * The township (street) and, for a village clinic, the administrative village a proposed site is counted in: the
 * one-per-unit rules count by code, and no position tells a township (the shipped divisions carry no places). The
 * choices are the units of the county where the site lies, those now lacking their facility marked ✘ (the planner
 * trial: a proposed 卫生院 beside 水寨乡 never closed 「水寨乡：无乡镇卫生院」). Other types have no unit to choose.
 */
function ProposedUnit(props: {
  f: Facility;
  county: string | null;
  divisions: Divisions | null;
  /** The report's violations: the units a site of its type would fill are marked ✘ ({@link lackingUnits}). */
  violations: ReadonlyArray<{ rule: string; unitCode?: string }>;
  onUpdate: (id: string, patch: Partial<Facility>) => void;
  unitDistanceKm?: PlanPanelProps["unitDistanceKm"];
  /** A 卫生院's village may be chosen too (optional): the rule set exempts it ({@link PlanPanelProps.thcVillageExempt}). */
  thcVillage?: boolean;
}) {
  const { t } = useI18n();
  const { f, county } = props;
  const village = f.type === "village-clinic";
  // a 卫生院's own village, where the plan exempts it from a clinic: optional, not warned when unset
  const hostVillage = props.thcVillage === true && TOWNSHIP_TYPES.has(f.type) && f.replaces === undefined;
  if (!county || !props.divisions || !(village || TOWNSHIP_TYPES.has(f.type) || STREET_TYPES.has(f.type))) return null;
  const townships = (props.divisions.counties.find((c) => c.code === county)?.townships ?? []).filter((u) =>
    village ? true : STREET_TYPES.has(f.type) ? u.kind === "街道" : u.kind !== "街道",
  );
  if (townships.length === 0) return null;
  const lacking = lackingUnits(props.violations, f.type);
  const mark = (code: string, name: string, lacks: (c: string) => boolean) => (lacks(code) ? `✘ ${name}` : name);
  const chosen = townships.find((u) => u.code === f.township);
  const villages = (chosen?.villages ?? []).filter((v) => v.kind !== "community");
  const km = chosen ? props.unitDistanceKm?.(chosen.code, f.lon, f.lat) : undefined;
  const far = km !== undefined && km > FAR_FROM_UNIT_KM ? Math.round(km * 10) / 10 : undefined;
  return (
    <span className="proposed-unit" title={t("proposedUnitHint")}>
      <select
        data-testid="proposed-township"
        className={chosen ? undefined : "unset"}
        aria-label={t("proposedTownship")}
        disabled={f.replaces !== undefined}
        value={chosen?.code ?? ""}
        onChange={(e) => props.onUpdate(f.id, { township: e.target.value || undefined, village: undefined })}
      >
        <option value="">{t("proposedUnitNone")}</option>
        {townships.map((u) => (
          <option key={u.code} value={u.code}>
            {mark(u.code, u.name, lacking.township)}
          </option>
        ))}
      </select>
      {(village || hostVillage) && chosen && (
        <select
          data-testid="proposed-village"
          className={village && !villages.some((v) => v.code === f.village) ? "unset" : undefined}
          aria-label={t(village ? "proposedVillage" : "proposedHostVillage")}
          title={village ? undefined : t("proposedHostVillageHint")}
          value={villages.some((v) => v.code === f.village) ? f.village : ""}
          onChange={(e) => props.onUpdate(f.id, { village: e.target.value || undefined })}
        >
          <option value="">{t(village ? "proposedVillageNone" : "proposedHostVillageNone")}</option>
          {villages.map((v) => (
            <option key={v.code} value={v.code}>
              {mark(v.code, v.name, lacking.village)}
            </option>
          ))}
        </select>
      )}
      {/* a unit chosen stays when the site is moved: said beside it, not in a tooltip alone (the trial, s51 #4: dragged
          5 km, P2 still counted for 茭湖乡, below the far note's 10 km) */}
      {chosen && far === undefined && (
        <span className="hint" data-testid="proposed-unit-by-choice">
          {t(village ? "proposedVillageByChoice" : "proposedTownshipByChoice")}
        </span>
      )}
      {f.township && !chosen && (
        <span className="bad" data-testid="proposed-unit-elsewhere" role="status">
          {t("proposedUnitElsewhere")}
        </span>
      )}
      {/* a clinic or centre with no unit counts for none: said in words, not by the yellow box alone (the re-trial,
          s50b L2: the legend said 「+1」 and the comparison did not move) */}
      {!f.replaces && (!chosen || (village && !villages.some((v) => v.code === f.village))) && (
        <span className="warn" data-testid="proposed-unit-unset" role="status">
          {t(village ? "proposedVillageUnset" : "proposedTownshipUnset")}
        </span>
      )}
      {/* the unit chosen by hand, far from where the site is: said, as a move into another county is (the re-trial,
          s50b M3: a clinic given a village of a township 17 km off closed that village's violation unsaid) */}
      {chosen && far !== undefined && (
        <span className="warn" data-testid="proposed-unit-far" role="status">
          {t("proposedUnitFar", chosen.name, far)}
        </span>
      )}
    </span>
  );
}

/** A warning when another proposed site of the same type stands on (almost) the same place ({@link proposedTwin}). */
function ProposedTwin(props: { f: Facility; proposed: readonly Facility[] }) {
  const { t } = useI18n();
  const twin = proposedTwin(props.f, props.proposed);
  if (!twin) return null;
  return (
    <span className="warn" data-testid="proposed-twin" data-twin={twin.other.id} role="status">
      {t("proposedTwin", twin.other.name, twin.m)}
    </span>
  );
}

/**
 * Where a proposed site lies: its county, or a warning when it lies outside every county of the city (the checks
 * then count it nowhere) or in another county than the one it was accepted for (the planner trial: no warning).
 */
function ProposedWhere(props: { at: { code: string; name: string } | null; stated: string | undefined }) {
  const { t, lang } = useI18n();
  const countyName = useCountyName();
  if (!props.at)
    return (
      <span className="bad" data-testid="proposed-outside" role="status">
        {t("proposedOutside")}
      </span>
    );
  const full = countyName(props.at.code, props.at.name);
  // in English the pinyin without its kind, beside the Chinese name that says it ("Xinmi 新密市"): the row's
  // coordinates then stay on its line (the user trial, s49 #8: "Xinmi City 新密市" pushed the latitude to a second one)
  const suffix = ` ${props.at.name}`;
  const name =
    lang === "en" && full.endsWith(suffix) && full !== props.at.name
      ? `${countyShortEn(full.slice(0, -suffix.length))}${suffix}`
      : full;
  return (
    <span className="hint" data-testid="proposed-county" data-county={props.at.code} title={full}>
      {props.stated && props.stated !== props.at.code ? t("proposedMovedCounty", name) : name}
    </span>
  );
}
