import { expose } from "comlink";
import { exportFacilitiesGeoJSON, exportFeaturesGeoJSON, parseFacilityFile, parsePopulationTable } from "../core/io";
import { serviceRings, subCentreRings } from "../core/layers/rings";
import type { Facility } from "../core/model";
import { type AnalysisInput, type AnalysisReport, type AnalysisSession, createAnalysisSession } from "../core/rules";

let session: AnalysisSession | null = null;
let baseline: AnalysisReport | null = null;
let input: AnalysisInput | null = null;

const EMS_TYPES = ["ems-centre", "ems-station"] as const;

/** What the map needs beside the report: service rings from the same radii and urban area the rules used. */
function decorate(report: AnalysisReport, facilities: Facility[]) {
  const urban = report.urbanAreas.map((f) => f.geometry);
  const rings = serviceRings(facilities, EMS_TYPES, urban, {
    urbanKm: report.params.urbanRadiusKm,
    ruralKm: report.params.ruralRadiusKm,
  });
  const centres = facilities.filter((f) => f.type === "county-medical-centre");
  const ring15 = subCentreRings(centres, report.params.subCentreMinKm);
  return { report, rings, ring15 };
}

export type Decorated = ReturnType<typeof decorate>;

let facilities: Facility[] = [];

function currentFacilities(): Facility[] {
  return facilities;
}

const api = {
  /** Loads a city's data and scores it; also scores the baseline (existing facilities only) for before/after. */
  load(next: AnalysisInput): { current: Decorated; baseline: AnalysisReport } {
    input = next;
    facilities = next.facilities;
    const existing = next.facilities.filter((f) => !f.proposed);
    baseline = createAnalysisSession({ ...next, facilities: existing }).report();
    session = createAnalysisSession(next);
    return { current: decorate(session.report(), currentFacilities()), baseline };
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
  parseFacilityFile,
  parsePopulationTable,
  exportFacilitiesGeoJSON,
  exportFeaturesGeoJSON,
};

export type AnalysisApi = typeof api;

expose(api);
