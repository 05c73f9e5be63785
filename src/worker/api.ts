import type { MultiPolygon, Polygon } from "geojson";
import {
  type AnalysisInput,
  type AnalysisReport,
  type AnalysisSession,
  buildReview,
  type Candidate,
  type CountyFeature,
  type CountySitingPlan,
  type CountySitingResult,
  type CrsId,
  centralThcPlan,
  chooseCentralThcs,
  countyFeatures,
  createAnalysisSession,
  detectFormat,
  exportFacilitiesGeoJSON,
  exportFeaturesGeoJSON,
  type Facility,
  type FacilityType,
  type HighsInstance,
  homeCounties,
  type ParamOverrides,
  parseBoundaryFile,
  parseCsvBytes,
  parseDemandFile,
  parseFacilityFile,
  parsePopulationTable,
  parseStaffingTable,
  parseUnitPopulationTable,
  parseUrbanAreaFile,
  parseXlsxBytes,
  planCountySiting,
  type RingClip,
  resolveParams,
  reviewDocx,
  reviewHtml,
  reviewMaps,
  type SitingObjective,
  type SitingResult,
  type SourceNote,
  serviceRings,
  solveCountySiting,
  subCentreRings,
} from "../core";

const EMS_TYPES = ["ems-centre", "ems-station"] as const;

/** A siting request from the app for one county. */
export interface SuggestRequest {
  county: string;
  type: FacilityType;
  radiusKm: number;
  objective: SitingObjective;
  gridKm: number;
  minSeparationKm?: number;
  /** Candidate sites from an imported list; absent: a grid every `gridKm`. */
  candidates?: Candidate[];
  /** Candidates are the county's existing facilities of this type (upgrades, e.g. central THCs to sub-centres). */
  candidatesType?: FacilityType;
  method: "auto" | "exact" | "greedy";
  timeLimitSec: number;
}

/** What the worker needs from its host: HiGHS (the browser loads the wasm by URL), and an optional observer. */
export interface AnalysisApiOptions {
  loadHighs: () => Promise<HighsInstance>;
  /** Called with each county's siting plan before it is solved (tests compare it with the CLI's). */
  onSitingPlan?: (plan: CountySitingPlan) => void;
}

/**
 * The functions the app calls in its web worker: load and score a city, apply edits incrementally, suggest sites,
 * parse files. State (the analysis session) lives here; every rule and constraint lives in core.
 */
export function createAnalysisApi(opts: AnalysisApiOptions) {
  let session: AnalysisSession | null = null;
  /** The same data without proposed sites, for the before/after comparison (null when there are none). */
  let baselineSession: AnalysisSession | null = null;
  let input: AnalysisInput | null = null;
  let facilities: Facility[] = [];
  /** The report the map shows; its parameters are those siting uses. */
  let lastReport: AnalysisReport | null = null;
  /** Display circles by centre and radius, reused across re-scores; rings cut to their county, by county too. */
  const ringCache = new Map<string, Polygon>();
  const clipCache = new Map<string, Polygon | MultiPolygon | null>();

  /** What the map needs beside the report: service rings from the same radii and urban area the rules used. */
  function decorate(report: AnalysisReport) {
    lastReport = report;
    const urban = report.urbanAreas.map((f) => f.geometry);
    // each county's own network unless cross-border cover is on: a ring is cut to its station's own county, so the
    // map never shows a neighbour's ring over a gap the check counts
    let clipTo: RingClip | undefined;
    if (!report.params.crossBorder && input) {
      const features = input.counties.features as CountyFeature[];
      const home = homeCounties(features);
      const byCode = new Map(features.map((c) => [c.properties.code, c.geometry]));
      clipTo = (f) => {
        const code = home(f);
        const geometry = code ? byCode.get(code) : undefined;
        return code && geometry ? { key: code, geometry } : undefined;
      };
    }
    // a plan that states no EMS service radius (001, 002) gets no rings: the map does not invent one
    const radiusStated = input?.ruleSet.rules.some((r) => r.kind === "radius-coverage") ?? true;
    const rings = serviceRings(
      radiusStated ? facilities : [],
      EMS_TYPES,
      urban,
      { urbanKm: report.params.urbanRadiusKm, ruralKm: report.params.ruralRadiusKm },
      ringCache,
      clipTo,
      clipCache,
    );
    const centres = facilities.filter((f) => f.type === "county-medical-centre");
    const ring15 = subCentreRings(centres, report.params.subCentreMinKm, ringCache);
    // what the session has computed so far (grids, masks, painted sites): the test hook shows it
    const work = session?.work() ?? { grids: 0, masks: 0, paints: 0 };
    return { report, rings, ring15, work };
  }

  function loaded(): { session: AnalysisSession; input: AnalysisInput; report: AnalysisReport } {
    if (!session || !input || !lastReport) throw new Error("load() first");
    return { session, input, report: lastReport };
  }

  return {
    /** Loads a city's data and scores it; also scores the baseline (existing facilities only) for before/after. */
    load(next: AnalysisInput): { current: ReturnType<typeof decorate>; baseline: AnalysisReport } {
      input = next;
      facilities = next.facilities;
      session = createAnalysisSession(next);
      const current = decorate(session.report());
      // the "before" of the before/after comparison: the same data without proposed sites (the same report when none)
      const existing = next.facilities.filter((f) => !f.proposed);
      baselineSession =
        existing.length === next.facilities.length ? null : createAnalysisSession({ ...next, facilities: existing });
      return { current, baseline: baselineSession?.report() ?? current.report };
    },
    /**
     * New parameters (the planner's overrides of the rule set's values): the sessions recompute only what they
     * change (a radius repaints its layer; grids are kept), then re-score. Returns the report and the baseline.
     */
    setParams(overrides: ParamOverrides): { current: ReturnType<typeof decorate>; baseline: AnalysisReport } {
      const { session: s, input: inp } = loaded();
      // the central city's default size is the city's own (its published built-up area)
      const city = inp.ruleSet.scope?.city ?? inp.counties.features[0]?.properties.city;
      const params = resolveParams(inp.ruleSet, overrides, city);
      s.setParams(params);
      input = { ...inp, params: overrides };
      const current = decorate(s.report());
      const existing = facilities.filter((f) => !f.proposed);
      if (existing.length === facilities.length) return { current, baseline: current.report };
      // proposed sites were added since the load: the baseline gets its own session, once
      if (baselineSession) baselineSession.setParams(params);
      else baselineSession = createAnalysisSession({ ...inp, facilities: existing, params: overrides });
      return { current, baseline: baselineSession.report() };
    },
    /** Replaces the facility list (imports, accepted suggestions, undo/redo). */
    setFacilities(list: Facility[]) {
      const s = loaded().session;
      facilities = list;
      s.setFacilities(list);
      return decorate(s.report());
    },
    /** Moves one facility: re-scores only the counties it touches. */
    moveFacility(id: string, lon: number, lat: number) {
      const s = loaded().session;
      s.moveFacility(id, lon, lat);
      facilities = facilities.map((f) => (f.id === id ? { ...f, lon, lat } : f));
      return decorate(s.report());
    },
    /** Best k new sites (MCLP) or fewest for a target share (LSCP) in one county; existing sites of the type are fixed. */
    async suggestSites(req: SuggestRequest): Promise<CountySitingResult & { capNote?: { zh: string; en: string } }> {
      const { input: inp, report } = loaded();
      const plan = planCountySiting({
        counties: inp.counties.features as CountyFeature[],
        county: req.county,
        facilities,
        ruleSet: inp.ruleSet,
        params: report.params,
        population: inp.population,
        type: req.type,
        radiusKm: req.radiusKm,
        objective: req.objective,
        candidates: req.candidates
          ? { kind: "list", candidates: req.candidates }
          : req.candidatesType
            ? { kind: "type", type: req.candidatesType }
            : { kind: "grid", gridKm: req.gridKm },
        minSeparationKm: req.minSeparationKm,
        demand: inp.demand,
      });
      opts.onSitingPlan?.(plan);
      // a county at its SUB-COUNT cap gets no new sub-centre: the app shows why
      if (plan.kind === "skip") throw new Error(`${plan.reason.zh} / ${plan.reason.en}`);
      const result = await solveCountySiting(plan.built, {
        method: req.method,
        timeLimitSec: req.timeLimitSec,
        ...(req.method === "greedy" ? {} : { highs: await opts.loadHighs() }),
      });
      return plan.cap ? { ...result, capNote: plan.cap.note } : result;
    },
    /** About one third of a county's township health centres as central ones, covering the county best (CTHC-THIRD). */
    async suggestCentralThcs(county: string, radiusKm: number): Promise<SitingResult> {
      const { input: inp, report } = loaded();
      const { thcs, demand } = centralThcPlan({
        counties: inp.counties.features as CountyFeature[],
        county,
        facilities,
        params: report.params,
      });
      return chooseCentralThcs(thcs, demand, radiusKm, 1 / 3, { highs: await opts.loadHighs(), timeLimitSec: 20 });
    },
    /** Parses a facility file; progress goes to a separate (comlink-proxied) callback, called every ~5,000 rows. */
    parseFacilities(
      data: Uint8Array,
      fileName: string,
      o: Omit<NonNullable<Parameters<typeof parseFacilityFile>[2]>, "onProgress">,
      onProgress?: (done: number, total: number) => void,
    ) {
      return parseFacilityFile(data, fileName, { ...o, onProgress });
    },
    /** Column headers of a tabular file (CSV, XLSX), for the column-mapping step; [] for other formats. */
    async fileHeaders(data: Uint8Array, fileName: string): Promise<string[]> {
      const format = detectFormat(data, fileName);
      if (format === "csv") return parseCsvBytes(data).headers;
      if (format === "xlsx") return (await parseXlsxBytes(data)).headers;
      return [];
    },
    parsePopulationTable,
    /** Township / street (9-digit) and village (12-digit) populations: THC-BEDS, 002:191, 004:437's 800 people. */
    parseUnitPopulationTable,
    /** A county staffing table (doctors, nurses, pharmacists, GPs) for the city-wide staff indicators. */
    parseStaffingTable,
    /** Urban polygons (中心城区 / 城镇开发边界) that replace the built-up discs (params.urban.polygons). */
    parseUrbanAreaFile,
    /** Weighted demand points (CSV/GeoJSON) against the loaded counties. */
    parseDemand(data: Uint8Array, fileName: string, crs?: CrsId) {
      return parseDemandFile(data, fileName, { crs, counties: input?.counties });
    },
    /** County boundaries for another region (GeoJSON, zipped Shapefile, KML) as counties of the analysis. */
    async parseBoundaries(data: Uint8Array, fileName: string, city: string) {
      const parsed = await parseBoundaryFile(data, fileName);
      const { counties, issues } = countyFeatures(parsed.boundaries, { city, file: fileName });
      return { counties, issues: [...parsed.issues, ...issues] };
    },
    exportFacilitiesGeoJSON,
    exportFeaturesGeoJSON,
    /**
     * The review report (审查报告) of the current analysis, for the city or one county, as a Word file and a print
     * HTML page; maps are drawn here in pure JS (about a second per county), off the page's thread.
     */
    async reviewReport(req: ReviewRequest): Promise<{ docx: Uint8Array; html: string; title: string }> {
      const { input: inp, report } = loaded();
      const counties = inp.counties.features as CountyFeature[];
      const base = { report, ruleSet: inp.ruleSet, counties, facilities, divisions: inp.divisions };
      const maps = reviewMaps({ ...base, ...(req.county ? { county: req.county } : {}), widthPx: 1200 });
      const doc = buildReview({ ...base, ...req, maps });
      return { docx: await reviewDocx(doc), html: reviewHtml(doc), title: doc.title };
    },
  };
}

/** What the page adds to the loaded analysis for a review report. */
export interface ReviewRequest {
  cityName: string;
  county?: string;
  sources: SourceNote[];
  invented: boolean;
}

/** The worker's functions as the page sees them (through comlink). */
export type AnalysisApi = ReturnType<typeof createAnalysisApi>;

/** A report with the display rings drawn from it. */
export type Decorated = ReturnType<AnalysisApi["setFacilities"]>;
