import { type RefObject, useCallback } from "react";
import type { Facility, ImportTally, RejectedFacility, RuleSet, ShapefileCrs } from "../../core";
import type { Decorated } from "../../worker/api";
import type { ExportKind } from "../components/DataPanel";
import type { CityData } from "../data";
import { dataNotice } from "../data-notice";
import type { I18n } from "../i18n";
import { lazyModule } from "../lazy-module";
import type { MapController } from "../map/controller";

interface ExportDeps {
  analysis: Decorated | null;
  data: CityData | null;
  facilities: Facility[];
  datasetName: string | null;
  /** What became of the imported file's rows, for the review report (absent: not known). */
  datasetTallies?: ReadonlyArray<{ file: string; tally: ImportTally }>;
  /** The imported file's rows refused for their position alone: the facilities CSV carries them, to import again. */
  refused?: readonly RejectedFacility[];
  ruleSet: RuleSet;
  countyNames: Map<string, string>;
  controller: RefObject<MapController | null>;
  i18n: I18n;
  localPlan: boolean;
  /** How many of the imported list's facilities the file marks invented. */
  datasetInvented: number;
  /** With no list, the proposed sites the checks measure (proposedOnlyCount). */
  proposedOnly: number;
  onError: (text: string) => void;
}

/** export-actions.ts and the writers, a chunk of their own (fetched again after a failure). */
const importExportActions = lazyModule(() => import("../export-actions"));

/**
 * The export menu's action: writes one export (or the review report / print map of one county) as a download. The
 * writers (Shapefile zip, print map, report) are a chunk of their own, fetched on the first export.
 */
export function useExports(d: ExportDeps) {
  const { analysis, data, facilities, datasetName, ruleSet, countyNames, controller, i18n } = d;
  const { localPlan, datasetInvented, proposedOnly, onError, datasetTallies, refused } = d;
  return useCallback(
    (kind: ExportKind, county?: string, shpCrs?: ShapefileCrs) => {
      const run = async () => {
        if (!analysis || !data) return;
        const { runExport } = await importExportActions();
        await runExport(kind, {
          analysis,
          data,
          facilities,
          datasetName,
          ...(datasetTallies ? { datasetTallies } : {}),
          ...(refused?.length ? { refused } : {}),
          ruleSet,
          countyNames,
          map: controller.current?.map ?? null,
          i18n,
          // the print map repeats the map's notice: the imported file's own, the proposed sites', or the sample's
          sampleNotice: dataNotice(i18n.t, { datasetName, datasetInvented, proposedOnly, localPlan }),
          proposedOnly,
          ...(county ? { county } : {}),
          ...(shpCrs ? { shpCrs } : {}),
        });
      };
      return run().catch((e) => onError(`${kind}: ${String(e)}`));
    },
    [
      analysis,
      data,
      facilities,
      datasetName,
      datasetTallies,
      refused,
      ruleSet,
      countyNames,
      controller,
      i18n,
      localPlan,
      datasetInvented,
      proposedOnly,
      onError,
    ],
  );
}
