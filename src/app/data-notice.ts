import type { Facility } from "../core";
import type { I18n } from "./i18n";

/** Where the analysed facilities come from, as the map's notice and the print map say it. */
export interface DataSource {
  /** The imported facility list's file name, or null (the sample, or no list). */
  datasetName: string | null;
  /** How many of the imported list's facilities the file marks invented. */
  datasetInvented: number;
  /** With no list, the planner's proposed sites the checks measure (0: none, or a list). */
  proposedOnly: number;
  /** False for a city with no local plan: it has no sample facilities either. */
  localPlan: boolean;
}

/**
 * With no facility list (neither the sample nor an import), the planner's proposed sites the checks measure: those
 * lying in a county of the city. A site dragged outside every county is not counted by the analysis, nor here.
 */
export function proposedOnlyCount(
  base: readonly Facility[],
  proposed: readonly Facility[],
  hasDataset: boolean,
  countyAt: (lon: number, lat: number) => unknown,
): number {
  if (hasDataset || base.length > 0) return 0;
  return proposed.filter((f) => countyAt(f.lon, f.lat) !== null).length;
}

/**
 * The sentence that says where the facilities come from: the imported file (and how many of its facilities it marks
 * invented), the proposed sites alone, the invented sample, or none. The map shows it and the print map repeats it.
 */
export function dataNotice(t: I18n["t"], s: DataSource): string {
  if (s.datasetName)
    return s.datasetInvented ? t("dataFileInvented", s.datasetName, s.datasetInvented) : t("dataFile", s.datasetName);
  if (s.proposedOnly) return t("proposedOnlyNotice", s.proposedOnly);
  return s.localPlan ? t("sampleNotice") : t("noFacilitiesNotice");
}
