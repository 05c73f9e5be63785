import { useCallback, useEffect, useRef, useState } from "react";
import {
  type CountyRef,
  FACILITY_TYPE_LABELS,
  type Facility,
  type FacilityType,
  keptByUpgrade,
  SITING_BASIS,
  type SitingResult,
} from "../../core";
import type { SuggestForm, SuggestPanelProps } from "../components/SuggestPanel";
import { localError } from "../format";
import type { I18n } from "../i18n";
import { loadPref, PLACE_PREFS, savePref } from "../persist";
import { analysisWorker, onSitingWorker, SitingStopped, stopSiting } from "./analysis-client";
import { newProposedId, type SessionAction, type SessionState } from "./session";
import { keepSuggestion, loadSuggestion } from "./suggest-store";
import { NAMES } from "./use-editing";

export interface SuggestionDeps {
  facilities: Facility[];
  session: () => SessionState | null;
  dispatch: (action: SessionAction) => void;
  countyRefs: CountyRef[];
  /** Marks points on the map and fits the view to them. */
  showPoints: (points: Array<[number, number]>, keepView?: boolean) => void;
  onError: (message: string) => void;
  onToast: (message: string) => void;
  i18n: I18n;
  /** The city shown: the form is kept per city. */
  cityId: string | undefined;
  /**
   * Whether the rule set sets the service radius a siting of `type` uses (EMS: a radius-coverage rule): where it does
   * not, an accepted site's basis says the radius was the planner's own assumption (the re-check, s55e N5).
   */
  planSetsRadius?: (type: FacilityType) => boolean;
  /** The county a point lies in: a candidate list's points outside the county sited are counted and said. */
  countyAt?: (lon: number, lat: number) => { code: string } | null;
}

/**
 * An accepted suggestion's basis, in Chinese (data, as a name is): what it was computed on and what the site added,
 * 「选址建议：服务半径 10 km，新增 2 个中的第 1 个，新增覆盖 228.6 km²（12.3%），最优解」.
 */
export function sitingBasis(
  result: NonNullable<SuggestPanelProps["result"]>,
  site: { gain: number; gainShare: number },
  planRadius = true,
): string {
  const f = result.form;
  const on =
    f.minutes > 0
      ? `行车 ${f.minutes} 分钟`
      : `服务半径 ${f.radiusKm} km${planRadius ? "" : "（自设假设，规划未规定）"}`;
  const want = f.mode === "mclp" ? `新增 ${f.k} 个` : `覆盖 ${f.targetPct}% 所需最少站点`;
  const unit = result.result.demandUnit;
  const gain =
    unit === "km2"
      ? `${site.gain.toFixed(1)} km²`
      : unit === "people"
        ? `${Math.round(site.gain)} 人`
        : `权重 ${site.gain.toFixed(1)}`;
  const status = { optimal: "最优解", "time-limit": "限时内最优", heuristic: "贪心解", infeasible: "无可行解" }[
    result.result.status
  ];
  return `选址建议：${on}，${want}；本站新增覆盖 ${gain}（${(site.gainShare * 100).toFixed(1)}%）；${status}`;
}

type Candidates = { fileName: string; list: Array<{ id: string; lon: number; lat: number; attrs: { name: string } }> };

/**
 * The Suggest tab's flows: best or fewest new sites in a county (solved in the worker), the central third of
 * township health centres, an imported candidate list, and accepting suggestions as proposed sites.
 */
export function useSuggestions(deps: SuggestionDeps) {
  const { i18n, showPoints } = deps;
  const [running, setRunning] = useState<string | null>(null);
  const [result, setResult] = useState<SuggestPanelProps["result"]>(null);
  const [central, setCentral] = useState<SuggestPanelProps["central"]>(null);
  const [error, setError] = useState<string | null>(null);
  const [candidates, setCandidates] = useState<Candidates | null>(null);
  // the form as each city's last siting left it: kept over a change of tab and a reload (the planner trial: the
  // Suggest tab came back on another county, with the type and k reset, after each)
  const [forms, setForms] = useState<Record<string, unknown>>(() => loadPref(PLACE_PREFS.suggestForms, {}));
  const { cityId } = deps;
  // a city's suggestions are its own: another city drops them, and an answer that comes after a switch is not shown
  // (the re-trial, s45: a 鲁山县 result showed in 宜春, and accepting it added 鲁山县's stations to 宜春's sites)
  const cityNow = useRef(cityId);
  cityNow.current = cityId;
  // the language on screen when a run ends, not when it began (a toast after a switch to English read Chinese)
  const i18nNow = useRef(i18n);
  i18nNow.current = i18n;
  const shownFor = useRef(cityId);
  // the marking function of this render, for the restore below (which runs once per city, not once per render)
  const showNow = useRef(showPoints);
  showNow.current = showPoints;
  // the city whose kept result has been read (its result is written back only after: never an empty one over it)
  const [restored, setRestored] = useState<string | undefined>(undefined);
  useEffect(() => {
    if (shownFor.current === cityId) return;
    shownFor.current = cityId;
    // the last city's run is stopped, not left to finish (the re-check, s55e N1: up to 20 s more of solving)
    stopSiting();
    setResult(null);
    setCentral(null);
    setCandidates(null);
    setError(null);
    showPoints([]);
  }, [cityId, showPoints]);
  useEffect(() => {
    if (cityId === undefined) return;
    // the city's last result, kept over a reload (not fitted on the map: the view the planner left is kept too)
    let live = true;
    void loadSuggestion(cityId).then((kept) => {
      if (!live || cityNow.current !== cityId) return;
      if (kept) {
        setResult((now) => now ?? kept);
        // drawn as before the reload (the user trial, s50 M2: listed, but no mark until 「在地图上查看」); the sites
        // accepted already are proposed sites now, drawn as such
        const done = new Set(kept.accepted ?? []);
        const left = kept.result.sites.filter((_, i) => !done.has(i));
        if (left.length)
          showNow.current(
            left.map((x) => [x.lon, x.lat]),
            true,
          );
      }
      setRestored(cityId);
    });
    return () => {
      live = false;
    };
  }, [cityId]);
  // each change of the result is kept for its city (a run, an accept, all accepted: none)
  useEffect(() => {
    if (cityId === undefined || restored !== cityId) return;
    if (result && result.cityId !== undefined && result.cityId !== cityId) return;
    void keepSuggestion(cityId, result);
  }, [result, cityId, restored]);
  const onForm = useCallback(
    (form: SuggestForm) => {
      if (cityId === undefined) return;
      setForms((prev) => {
        if (JSON.stringify(prev[cityId]) === JSON.stringify(form)) return prev;
        const next = { ...prev, [cityId]: form };
        savePref(PLACE_PREFS.suggestForms, next);
        return next;
      });
    },
    [cityId],
  );

  /** Runs a siting job; `job` gets whether its city is still the one shown (its answer is dropped if not). */
  async function run(kind: string, job: (current: () => boolean) => Promise<void>) {
    const at = cityNow.current;
    const current = () => cityNow.current === at;
    setRunning(kind);
    setError(null);
    try {
      await job(current);
      // a run whose city was left is dropped: said, not silently gone (the siting trial, s55d M2)
      if (!current()) deps.onToast(i18nNow.current.t("sitingDropped"));
    } catch (e) {
      if (e instanceof SitingStopped) deps.onToast(i18nNow.current.t(current() ? "sitingStopped" : "sitingDropped"));
      else if (current()) setError(localError(e, i18nNow.current.lang));
    } finally {
      setRunning(null);
    }
  }

  const onRun = (form: SuggestForm) =>
    run("sites", async (current) => {
      // the city as the analysis worker holds it now (edits before the run included), solved in the siting worker; a
      // stop while the snapshot is read stops the run too
      const r = await onSitingWorker(async (w) =>
        w.suggestSites(await analysisWorker().sitingState(form.minutes > 0), {
          county: form.county,
          type: form.type,
          radiusKm: form.radiusKm,
          objective:
            form.mode === "mclp"
              ? { kind: "mclp", k: form.k }
              : { kind: "lscp", targetShare: Math.min(1, form.targetPct / 100) },
          gridKm: form.gridKm,
          minSeparationKm: form.minSeparationKm > 0 ? form.minSeparationKm : undefined,
          ...(candidates
            ? { candidates: candidates.list }
            : form.candidateSource !== "grid"
              ? { candidatesType: form.candidateSource }
              : {}),
          method: form.method,
          timeLimitSec: 20,
          ...(form.minutes > 0 ? { minutes: form.minutes } : {}),
        }),
      );
      // candidates of a facility type are the county's existing facilities: each site raises one, named
      const upgrades =
        form.candidateSource !== "grid" && !candidates
          ? new Map(deps.facilities.filter((f) => f.type === form.candidateSource).map((f) => [f.id, f]))
          : undefined;
      // a candidate list's own names, by id (the siting trial, s55d M3: coordinates only)
      const names = candidates
        ? new Map(candidates.list.flatMap((c) => (c.attrs.name ? [[c.id, c.attrs.name] as const] : [])))
        : undefined;
      // the list's points outside the county: not used, said (the re-check, s55e N6: 「所列 11 个」 of a list of 13)
      const outside =
        candidates && deps.countyAt
          ? candidates.list.filter((c) => deps.countyAt?.(c.lon, c.lat)?.code !== form.county).length
          : 0;
      if (!current()) return;
      setResult({
        form,
        result: r,
        ...(cityNow.current ? { cityId: cityNow.current } : {}),
        ...(upgrades ? { upgrades } : {}),
        ...(names?.size ? { names } : {}),
        ...(outside > 0 ? { candidatesOutside: outside } : {}),
      });
      showPoints(r.sites.map((x) => [x.lon, x.lat]));
    });

  const onCentral = (county: string, radiusKm: number) =>
    run("central", async (current) => {
      const r: SitingResult = await onSitingWorker(async (w) =>
        w.suggestCentralThcs(await analysisWorker().sitingState(), county, radiusKm),
      );
      if (!current()) return;
      setCentral({ county, result: r, names: new Map(deps.facilities.map((f) => [f.id, f.name])) });
      showPoints(r.sites.map((x) => [x.lon, x.lat]));
    });

  /**
   * Accepts the suggested sites as proposed sites: those at `only` (their places in the list: one site, the planner
   * trial, s41-b #5: all or nothing made them run again with k = 1), else all not yet accepted. The list stays in view
   * with the accepted ones marked until every site is taken.
   */
  const onAccept = (only?: number[]) => {
    const s = deps.session();
    // never another city's sites into this city's proposed ones
    if (!result || !s || (result.cityId !== undefined && result.cityId !== s.cityId)) return;
    const done = new Set(result.accepted ?? []);
    const take = (only ?? result.result.sites.map((_, i) => i)).filter((i) => !done.has(i) && result.result.sites[i]);
    if (take.length === 0) return;
    const list = [...(s.proposed[s.cityId] ?? [])];
    const added: Facility[] = [];
    for (const site of take.map((i) => result.result.sites[i])) {
      const id = newProposedId([...list, ...added], deps.facilities);
      // named in Chinese whatever the language on screen: a name is data (see NAMES)
      const type = FACILITY_TYPE_LABELS[result.form.type].zh;
      // an upgrade keeps the raised facility's name and units: 「太平镇中心卫生院（升级为县域医疗卫生次中心）」 in its
      // township, not 「建议县域医疗卫生次中心 P3」 in none (the planner trial, s40-a #4)
      const from = result.upgrades?.get(site.candidateId);
      added.push({
        id,
        name: from
          ? NAMES.t("upgradedName", from.name, type)
          : result.names?.get(site.candidateId)
            ? NAMES.t("listedName", result.names.get(site.candidateId) ?? "", type, id)
            : NAMES.t("suggestedName", type, id),
        type: result.form.type,
        lon: Number(site.lon.toFixed(6)),
        lat: Number(site.lat.toFixed(6)),
        county: result.form.county,
        ownership: "public",
        // the same institution raised: its units, ownership, beds, staff and the file's other columns go with it (the
        // planner trial, s42-b #3: the township table read 「无」 and the county lost its 145 beds)
        ...(from ? keptByUpgrade(from) : {}),
        // what it was suggested on, kept with it into the exports (the siting trial, s55d M1: under a plan with no EMS
        // radius the 10 km assumed and each site's gain were gone once accepted)
        extra: {
          ...(from ? keptByUpgrade(from).extra : {}),
          [SITING_BASIS]: sitingBasis(result, site, deps.planSetsRadius?.(result.form.type) ?? true),
        },
        // counted in place of the centre it raises (the re-trial: the centre stayed beside it, 「有 2 所」)
        ...(from ? { replaces: from.id } : {}),
        proposed: true,
      });
    }
    deps.dispatch({ type: "acceptMany", facilities: added });
    for (const i of take) done.add(i);
    if (done.size >= result.result.sites.length) {
      setResult(null);
      // accepted: they are proposed sites now, drawn as such, no longer marked as suggestions
      showPoints([]);
    } else setResult({ ...result, accepted: [...done].sort((a, b) => a - b) });
    deps.onToast(i18n.t("acceptedSites", added.length));
  };

  const onCandidatesFile = async (file: File) => {
    try {
      const r = await analysisWorker().parseFacilities(new Uint8Array(await file.arrayBuffer()), file.name, {
        counties: deps.countyRefs,
      });
      setError(r.rejectedRows ? i18n.t("candidateRowsRejected", file.name, r.rejectedRows) : null);
      setCandidates({
        fileName: file.name,
        list: r.facilities.map((f) => ({ id: f.id, lon: f.lon, lat: f.lat, attrs: { name: f.name } })),
      });
    } catch (e) {
      deps.onError(`${file.name}: ${String(e)}`);
    }
  };

  return {
    running,
    result,
    central,
    error,
    candidates: candidates ? { fileName: candidates.fileName, count: candidates.list.length } : null,
    onRun,
    onCentral,
    /** Stops the run in flight (its worker is ended); said in a toast. */
    onStop: () => {
      stopSiting();
    },
    onAccept,
    onShowSites: showPoints,
    onCandidatesFile,
    onClearCandidates: () => setCandidates(null),
    savedForm: cityId === undefined ? undefined : forms[cityId],
    onForm,
  };
}
