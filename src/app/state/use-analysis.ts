import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { flushSync } from "react-dom";
import type {
  AnalysisInput,
  AnalysisReport,
  CountyPopulation,
  CountyStaffing,
  Facility,
  IsochroneFeature,
  RejectedFacility,
  RuleSet,
  UnitPopulation,
  WeightedPoint,
} from "../../core";
import type { Decorated } from "../../worker/api";
import type { CityData } from "../data";
import { perfMark } from "../perf";
import { analysisWorker, keepRings, LatestOnly, withAllRings } from "./analysis-client";
import { takeFirstAnalysis } from "./first-analysis";
import { analysisParams, type ImportedUrbanArea, type ParamsState } from "./session";

export interface AnalysisInputs {
  data: CityData | null;
  /** Existing facilities (sample or imported): a change reloads the analysis. */
  baseFacilities: Facility[];
  /**
   * The existing facilities are a list the user imported (the session's dataset for the city), not the sample data:
   * the analysis names the counties it has no facility in (`AnalysisInput.listImported`).
   */
  listImported: boolean;
  /** Existing plus proposed, an upgrade beside what it raises (the worker counts it in place): edits of the proposed
   * sites go the incremental way. */
  facilities: Facility[];
  ruleSet: RuleSet;
  paramOverrides: Partial<ParamsState> | undefined;
  population: CountyPopulation[];
  /** Weighted demand points, when the user imported some. */
  demand: WeightedPoint[] | undefined;
  /** Imported urban polygons (they replace the built-up discs): a change reloads the analysis. */
  urban: ImportedUrbanArea | undefined;
  /** Imported township / village populations and county staffing: a change reloads the analysis. */
  unitPopulation: UnitPopulation[] | undefined;
  staffing: CountyStaffing[] | undefined;
  /**
   * The imported list's rows refused for their position (core's FacilityImport.rejectedFacilities): they come with
   * the list, whose change reloads the analysis.
   */
  rejectedFacilities?: RejectedFacility[];
  /** True while a site is being dragged: the drag sends its own moves through {@link AnalysisState.moveLive}. */
  isDragging: () => boolean;
  onError: (message: string) => void;
}

export interface AnalysisState {
  analysis: Decorated | null;
  /** The same data without proposed sites, for the before/after comparison. */
  baseline: AnalysisReport | null;
  /** True from a request until the newest queued result is in. */
  busy: boolean;
  /** How many results have arrived (tests wait on it). */
  seq: number;
  /**
   * The answer awaited is an edit's, not a live step's (a site or a slider being dragged): an import, an undo or redo,
   * a rule set or parameter set, sites added, deleted or moved by a form. The map holds its frames until it is drawn.
   */
  editPending: boolean;
  /**
   * Isochrone bands drawn during a drag (live steps leave the bands out; they are asked for at most every
   * {@link BANDS_EVERY_MS} while the drag goes on, and once at a drop on the last live position); null until then.
   */
  bands: IsochroneFeature[] | null;
  /** Re-scores one moved facility now; intermediate positions of a drag are skipped, the newest wins. */
  moveLive: (id: string, lon: number, lat: number) => void;
  /** Shows a result the worker returned for another call (roads, speeds, population raster). */
  apply: (r: { current: Decorated; baseline: AnalysisReport }) => void;
}

/** How often a drag asks for the isochrone bands of its live position (they take a few hundred ms for a county). */
export const BANDS_EVERY_MS = 400;

/**
 * Runs the analysis in the web worker: a full load when the city, data, rule set or population change; new
 * parameters through the session's setParams; a move or a facility-list update when only the proposed sites change.
 */
export function useAnalysis(inputs: AnalysisInputs): AnalysisState {
  const { data, baseFacilities, facilities, ruleSet, paramOverrides, population, demand, isDragging, onError } = inputs;
  const { urban, unitPopulation, staffing, rejectedFacilities, listImported } = inputs;
  const [analysis, setAnalysis] = useState<Decorated | null>(null);
  const [baseline, setBaseline] = useState<AnalysisReport | null>(null);
  const [busy, setBusy] = useState(false);
  const [editPending, setEditPending] = useState(false);
  // the data the shown analysis was loaded for: another city's (or boundaries') answer is not shown as this one's
  // while the new data's first analysis runs (南阳's county rows under 平顶山's name for seconds, issue #11)
  const [analysisFor, setAnalysisFor] = useState<CityData | null>(null);
  const analysisForNow = useRef(analysisFor);
  analysisForNow.current = analysisFor;
  const seq = useRef(0);
  const onErrorRef = useRef(onError);
  onErrorRef.current = onError;

  const onResult = useCallback((d: Decorated, morePending = false) => {
    seq.current++;
    perfMark("move:state-set");
    setAnalysis(d);
    setBusy(morePending);
    if (!morePending) setEditPending(false);
  }, []);
  /** A request goes out: the page is busy until its answer; `edit`: see {@link AnalysisState.editPending}. */
  const requested = useCallback((edit: boolean) => {
    setBusy(true);
    setEditPending(edit);
  }, []);
  const failed = useCallback(() => {
    setBusy(false);
    setEditPending(false);
  }, []);
  // a queued job's answer, with its baseline when it has one (new parameters), shown in the same commit
  const queue = useMemo(
    () =>
      new LatestOnly<Queued>(
        (a, morePending) =>
          // committed in the answer's own task: left to React's scheduler, the commit (and with it the map's setData)
          // came after the map frame MapLibre had already asked for (0.1–0.8 s in headless Chromium, which draws in
          // software), and MapLibre's worker began tiling the answer only then (scripts/profile-drag.ts)
          flushSync(() => {
            if (a.baseline) setBaseline(a.baseline);
            onResult(a.current, morePending);
          }),
        (e) => {
          failed();
          onErrorRef.current(String(e));
        },
      ),
    [onResult, failed],
  );
  const sentFacilities = useRef<Facility[] | null>(null);
  /** The last position a drag sent live (the worker has it, or will once its queued job runs). */
  const liveSent = useRef<{ id: string; lon: number; lat: number } | null>(null);
  const facilitiesRef = useRef(facilities);
  facilitiesRef.current = facilities;
  /** The parameter overrides the worker has (or will have, once the queued job runs). */
  const sentParams = useRef<Partial<ParamsState> | undefined>(undefined);
  const paramsRef = useRef(paramOverrides);
  paramsRef.current = paramOverrides;
  const urbanRef = useRef(urban);
  urbanRef.current = urban;
  const [bands, setBands] = useState<IsochroneFeature[] | null>(null);
  const bandsState = useRef({ at: 0, running: false, again: false });
  // outside the latest-only queue (which would drop a waiting move for it): the worker runs calls in order, so the
  // bands answer the live moves sent before them
  const requestBands = useCallback((force: boolean) => {
    const b = bandsState.current;
    if (b.running) {
      b.again ||= force;
      return;
    }
    if (!force && performance.now() - b.at < BANDS_EVERY_MS) return;
    b.running = true;
    b.at = performance.now();
    analysisWorker()
      .isochrones()
      .then((f) => {
        if (f) setBands(f);
      })
      .catch((e) => onErrorRef.current(String(e)))
      .finally(() => {
        b.running = false;
        if (b.again) {
          b.again = false;
          requestBands(true);
        }
      });
  }, []);

  // a new city is loading: its predecessor's result must not be shown
  useEffect(() => {
    if (!data) setAnalysis(null);
  }, [data]);

  // full (re)load; the facility list and the parameters are read through refs so that proposed-site edits and
  // parameter changes take the incremental paths below
  // biome-ignore lint/correctness/useExhaustiveDependencies: baseFacilities triggers a reload on import
  useEffect(() => {
    const overrides = paramsRef.current;
    if (!data || !overrides) return;
    let cancelled = false;
    // an import, a rule set, an undo of either is an edit of the map shown; another city's data is a new map
    requested(analysisForNow.current === data && !isDragging());
    const all = facilitiesRef.current;
    sentFacilities.current = all;
    sentParams.current = overrides;
    // the load carries the newest facilities and parameters: an edit still waiting in the queue is older, and sent
    // after the load it would put the last state over the new one (a city switch's empty list, sent to the last
    // city's analysis, replaced 南宫's facilities and the siting counted no existing 急救点); nor is a live step's
    // position the worker's any more
    queue.supersede();
    liveSent.current = null;
    const input: AnalysisInput = {
      counties: data.counties,
      facilities: all,
      ruleSet,
      params: analysisParams(overrides, urban),
      population,
      divisions: data.divisions ?? undefined,
      ...(listImported ? { listImported } : {}),
      ...(demand?.length ? { demand } : {}),
      ...(unitPopulation?.length ? { unitPopulation } : {}),
      ...(staffing?.length ? { staffing } : {}),
      ...(rejectedFacilities?.length ? { rejectedFacilities } : {}),
    };
    // the entry module may have sent this very load before React rendered (first-analysis.ts)
    (takeFirstAnalysis(input, data) ?? analysisWorker().load(input))
      .then((r) => {
        keepRings(r.current);
        if (cancelled) return;
        setAnalysisFor(data);
        setBaseline(r.baseline);
        const pending = !!r.current.ringsPending;
        onResult(r.current, pending);
        if (!pending) return;
        // a first load's answer comes without its service rings (the tables first): the map waits for them, and the
        // page stays busy until they are in, unless a newer answer came meanwhile
        const at = seq.current;
        const withRings = (d: Decorated) => {
          if (!cancelled && seq.current === at) onResult(d);
        };
        analysisWorker()
          .currentRings()
          // kept in any case: they are the worker's rings of this answer's number, which a move's answer is sent against
          .then((all) => withRings(keepRings({ ...r.current, rings: all.rings, ringsPending: false })))
          .catch((e) => {
            withRings({ ...r.current, ringsPending: false });
            onErrorRef.current(String(e));
          });
      })
      .catch((e) => {
        failed();
        // the last analysis is not this data's: its verdicts are not left on screen as if they were (the bad-files
        // trial, s56b H2: a failed load kept the sample's table beside the project's facilities)
        if (!cancelled) setAnalysis(null);
        onErrorRef.current(String(e));
      });
    return () => {
      cancelled = true;
    };
  }, [
    data,
    ruleSet,
    population,
    demand,
    urban,
    unitPopulation,
    staffing,
    rejectedFacilities,
    listImported,
    baseFacilities,
    onResult,
    requested,
    failed,
    queue,
  ]);

  // incremental: new parameters (a slider step, undo) go through the latest-only queue to the session's setParams,
  // which keeps the county grids; during a drag only the newest value is computed
  // (none while no data: at a city switch the analysis kept is the last city's, and the load sends the next's)
  useEffect(() => {
    if (!data || !analysis || !paramOverrides || sentParams.current === paramOverrides) return;
    const same = sentParams.current && JSON.stringify(sentParams.current) === JSON.stringify(paramOverrides);
    sentParams.current = paramOverrides;
    // the same values in a new object (a city switch hands over the next city's, which may be none, as the last's)
    if (same) return;
    const params = analysisParams(paramOverrides, urbanRef.current);
    requested(!isDragging());
    queue.submit(async () => {
      const r = await analysisWorker().setParams(params);
      return { current: keepRings(r.current), baseline: r.baseline };
    });
  }, [data, paramOverrides, analysis, queue, requested, isDragging]);

  // incremental: proposed sites changed (add, delete, retype, undo), not during a drag
  useEffect(() => {
    if (!data || !analysis || isDragging()) return;
    if (sentFacilities.current === facilities) return;
    if (sentFacilities.current && sentFacilities.current.length === facilities.length) {
      // a single moved site is cheaper as a move
      const moved = facilities.filter((f, i) => f !== sentFacilities.current![i]);
      const was = moved.length === 1 ? sentFacilities.current.find((g) => g.id === moved[0].id) : undefined;
      if (was && onlyPlaceDiffers(was, moved[0])) {
        const m = moved[0];
        sentFacilities.current = facilities;
        // the drop of a drag lands where its last live move was sent: that result is (or will be) the answer
        const live = liveSent.current;
        liveSent.current = null;
        if (live && live.id === m.id && live.lon === m.lon && live.lat === m.lat) {
          requestBands(true); // the table and gaps are those of the last live step; its bands may be behind
          return;
        }
        requested(true);
        queue.submit(async () => ({
          current: await withAllRings(await analysisWorker().moveFacility(m.id, m.lon, m.lat)),
        }));
        return;
      }
    }
    sentFacilities.current = facilities;
    liveSent.current = null;
    requested(true);
    queue.submit(async () => ({ current: keepRings(await analysisWorker().setFacilities(facilities)) }));
  }, [data, facilities, analysis, queue, isDragging, requestBands, requested]);

  const moveLive = useCallback(
    (id: string, lon: number, lat: number) => {
      liveSent.current = { id, lon, lat };
      requested(false);
      queue.submit(async () => {
        perfMark("move:post");
        const m = await analysisWorker().moveFacility(id, lon, lat, { live: true });
        perfMark("move:answer");
        const r = await withAllRings(m);
        requestBands(false);
        return { current: r };
      });
    },
    [queue, requestBands, requested],
  );
  const apply = useCallback(
    (r: { current: Decorated; baseline: AnalysisReport }) => {
      setBaseline(r.baseline);
      onResult(keepRings(r.current));
    },
    [onResult],
  );
  const current = analysisFor === data;
  return {
    analysis: current ? analysis : null,
    baseline: current ? baseline : null,
    busy,
    editPending: current && editPending,
    seq: seq.current,
    bands,
    moveLive,
    apply,
  };
}

/** A queued job's answer: the report, and the baseline when the job changed it (new parameters). */
interface Queued {
  current: Decorated;
  baseline?: AnalysisReport;
}

/**
 * Whether two versions of a facility differ in position alone: only then is an edit a move. A new type, township or
 * village (the Plan row's unit choice) goes as a new facility list, which the session reads whole.
 */
export function onlyPlaceDiffers(a: Facility, b: Facility): boolean {
  return JSON.stringify({ ...a, lon: 0, lat: 0 }) === JSON.stringify({ ...b, lon: 0, lat: 0 });
}
