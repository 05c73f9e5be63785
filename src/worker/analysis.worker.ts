import { expose } from "comlink";
import type { Polygon } from "geojson";
import highsWasmUrl from "highs/runtime?url";
import type { CrsId, Facility, FacilityType } from "../core";
import {
  type AnalysisInput,
  type AnalysisReport,
  type AnalysisSession,
  belongsToCounty,
  buildCountyGrid,
  buildCountySitingProblem,
  buildReview,
  type CountyFeature,
  chooseCentralThcs,
  countyFeatures,
  createAnalysisSession,
  demandFromGrid,
  detectFormat,
  exportFacilitiesGeoJSON,
  exportFeaturesGeoJSON,
  loadHighs,
  parseBoundaryFile,
  parseCsvBytes,
  parseDemandFile,
  parseFacilityFile,
  parsePopulationTable,
  parseXlsxBytes,
  reviewDocx,
  reviewHtml,
  reviewMaps,
  type SitingObjective,
  type SitingResult,
  type SourceNote,
  serviceRings,
  solveSiting,
  subCentreCap,
  subCentreExclusion,
  subCentreRings,
} from "../core";

let session: AnalysisSession | null = null;
let baseline: AnalysisReport | null = null;
let input: AnalysisInput | null = null;

const EMS_TYPES = ["ems-centre", "ems-station"] as const;

/** What the map needs beside the report: service rings from the same radii and urban area the rules used. */
let lastReport: AnalysisReport | null = null;
/** Display circles by centre and radius, reused across re-scores. */
const ringCache = new Map<string, Polygon>();

function decorate(report: AnalysisReport, facilities: Facility[]) {
  lastReport = report;
  const urban = report.urbanAreas.map((f) => f.geometry);
  const rings = serviceRings(
    facilities,
    EMS_TYPES,
    urban,
    { urbanKm: report.params.urbanRadiusKm, ruralKm: report.params.ruralRadiusKm },
    ringCache,
  );
  const centres = facilities.filter((f) => f.type === "county-medical-centre");
  const ring15 = subCentreRings(centres, report.params.subCentreMinKm, ringCache);
  return { report, rings, ring15 };
}

export type Decorated = ReturnType<typeof decorate>;

let facilities: Facility[] = [];

function currentFacilities(): Facility[] {
  return facilities;
}

/** A siting request from the app for one county. */
export interface SuggestRequest {
  county: string;
  type: FacilityType;
  radiusKm: number;
  objective: SitingObjective;
  gridKm: number;
  minSeparationKm?: number;
  /** Candidate sites from an imported list; absent: a grid every `gridKm`. */
  candidates?: Array<{ id: string; lon: number; lat: number; attrs?: Record<string, unknown> }>;
  /** Candidates are the county's existing facilities of this type (upgrades, e.g. central THCs to sub-centres). */
  candidatesType?: FacilityType;
  method: "auto" | "exact" | "greedy";
  timeLimitSec: number;
}

function countyFeature(code: string): CountyFeature {
  const f = input?.counties.features.find((x) => x.properties.code === code);
  if (!f) throw new Error(`unknown county ${code}`);
  return f as CountyFeature;
}

const highs = () => loadHighs({ locateFile: () => highsWasmUrl });

const api = {
  /** Loads a city's data and scores it; also scores the baseline (existing facilities only) for before/after. */
  load(next: AnalysisInput): { current: Decorated; baseline: AnalysisReport } {
    input = next;
    facilities = next.facilities;
    session = createAnalysisSession(next);
    const current = decorate(session.report(), currentFacilities());
    // the "before" of the before/after comparison: the same data without proposed sites (the same report when none)
    const existing = next.facilities.filter((f) => !f.proposed);
    baseline =
      existing.length === next.facilities.length
        ? current.report
        : createAnalysisSession({ ...next, facilities: existing }).report();
    return { current, baseline };
  },
  /** Replaces the facility list (imports, accepted suggestions, undo/redo). */
  setFacilities(list: Facility[]): Decorated {
    if (!session || !input) throw new Error("load() first");
    facilities = list;
    session.setFacilities(list);
    return decorate(session.report(), currentFacilities());
  },
  /** Moves one facility: re-scores only the counties it touches. */
  moveFacility(id: string, lon: number, lat: number): Decorated {
    if (!session) throw new Error("load() first");
    session.moveFacility(id, lon, lat);
    facilities = facilities.map((f) => (f.id === id ? { ...f, lon, lat } : f));
    return decorate(session.report(), currentFacilities());
  },
  /** Best k new sites (MCLP) or fewest for a target share (LSCP) in one county; existing sites of the type are fixed. */
  async suggestSites(req: SuggestRequest): Promise<SitingResult & { capNote?: { zh: string; en: string } }> {
    const county = countyFeature(req.county);
    // sub-centres: candidates outside the urban area and at least the SUB-15KM distance from the county medical centre
    let exclude: ((c: { lon: number; lat: number; id: string }) => string | null) | undefined;
    if (req.type === "sub-centre" && lastReport) {
      const centre = facilities.find((f) => f.type === "county-medical-centre" && belongsToCounty(f, county));
      const urban = lastReport.urbanAreas.filter((u) => u.properties.county === req.county).map((u) => u.geometry);
      if (centre) exclude = subCentreExclusion(centre, urban, lastReport.params.subCentreMinKm);
    }
    // sub-centres: SUB-COUNT caps how many a county may add (by population band or per county)
    let objective = req.objective;
    let capNote: { zh: string; en: string } | undefined;
    let maxNew: number | undefined;
    if (req.type === "sub-centre" && input) {
      const cap = subCentreCap(
        input.ruleSet,
        county,
        facilities,
        input.population,
        lastReport?.params.subCountVariant ?? "bands",
      );
      capNote = cap.note;
      maxNew = cap.maxNew;
      if (maxNew === 0) throw new Error(`${cap.note.zh} / ${cap.note.en}`);
      if (maxNew !== undefined && objective.kind === "mclp" && objective.k > maxNew)
        objective = { kind: "mclp", k: maxNew };
    }
    const built = buildCountySitingProblem({
      county,
      exclude,
      facilities,
      type: req.type,
      radiusKm: req.radiusKm,
      objective,
      gridKm: req.gridKm,
      minSeparationKm: req.minSeparationKm,
      ...(req.candidates
        ? { candidates: req.candidates }
        : req.candidatesType
          ? {
              candidates: facilities
                .filter((f) => f.type === req.candidatesType && belongsToCounty(f, county))
                .map((f) => ({ id: f.id, lon: f.lon, lat: f.lat, attrs: { name: f.name } })),
            }
          : {}),
      // weighted demand points when the user imported some; the county's area otherwise
      ...(input?.demand?.length
        ? { demand: input.demand.map((d) => ({ id: d.id, lon: d.lon, lat: d.lat, weight: d.weight ?? 1 })) }
        : {}),
    });
    if (maxNew !== undefined)
      built.problem.constraints = { ...built.problem.constraints, perCountyMax: { [req.county]: maxNew } };
    const result = await solveSiting(built.problem, {
      method: req.method,
      timeLimitSec: req.timeLimitSec,
      highs: await highs(),
    });
    return capNote ? { ...result, capNote } : result;
  },
  /** About one third of a county's township health centres as central ones, covering the county best (CTHC-THIRD). */
  async suggestCentralThcs(county: string, radiusKm: number): Promise<SitingResult> {
    const c = countyFeature(county);
    const thcs = facilities.filter(
      (f) => (f.type === "thc" || f.type === "central-thc") && !f.proposed && belongsToCounty(f, c),
    );
    const demand = demandFromGrid(buildCountyGrid(c), {});
    return chooseCentralThcs(thcs, demand, radiusKm, 1 / 3, { highs: await highs(), timeLimitSec: 20 });
  },
  /** Parses a facility file; progress goes to a separate (comlink-proxied) callback, called every ~5,000 rows. */
  parseFacilities(
    data: Uint8Array,
    fileName: string,
    opts: Omit<NonNullable<Parameters<typeof parseFacilityFile>[2]>, "onProgress">,
    onProgress?: (done: number, total: number) => void,
  ) {
    return parseFacilityFile(data, fileName, { ...opts, onProgress });
  },
  /** Column headers of a tabular file (CSV, XLSX), for the column-mapping step; [] for other formats. */
  async fileHeaders(data: Uint8Array, fileName: string): Promise<string[]> {
    const format = detectFormat(data, fileName);
    if (format === "csv") return parseCsvBytes(data).headers;
    if (format === "xlsx") return (await parseXlsxBytes(data)).headers;
    return [];
  },
  parsePopulationTable,
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
    if (!input || !lastReport) throw new Error("load() first");
    const counties = input.counties.features as CountyFeature[];
    const base = { report: lastReport, ruleSet: input.ruleSet, counties, facilities, divisions: input.divisions };
    const maps = reviewMaps({ ...base, ...(req.county ? { county: req.county } : {}), widthPx: 1200 });
    const doc = buildReview({ ...base, ...req, maps });
    return { docx: await reviewDocx(doc), html: reviewHtml(doc), title: doc.title };
  },
};

/** What the page adds to the loaded analysis for a review report. */
export interface ReviewRequest {
  cityName: string;
  county?: string;
  sources: SourceNote[];
  invented: boolean;
}

export type AnalysisApi = typeof api;

expose(api);
