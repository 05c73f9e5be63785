import type { AnalysisReport, ShapefileCrs } from "../../core";
import type { useAnalysisInputs } from "../state/inputs";
import type { SessionAction } from "../state/session";
import type { Imports } from "../state/use-imports";
import type { TravelState } from "../state/use-travel";
import { DataPanel, type ExportKind } from "./DataPanel";
import { RuleDataImports } from "./RuleDataImports";
import { TravelSection } from "./TravelSection";

/**
 * The Data tab: the facility, boundary, demand and population imports with the exports (DataPanel), the rules' other
 * inputs (urban area, township and village population, staffing) and the roads and population raster.
 */
export function DataTab(props: {
  inputs: ReturnType<typeof useAnalysisInputs>;
  imports: Imports;
  travel: TravelState;
  dispatch: (action: SessionAction) => void;
  urbanDefinitionUsed: AnalysisReport["urbanDefinitionUsed"] | null;
  onExport: (kind: ExportKind, county?: string, shpCrs?: ShapefileCrs) => void;
  /** The projected systems the Shapefile exports offer (see DataPanel). */
  exportProjections?: readonly ShapefileCrs[];
  exportCounties?: Array<{ code: string; name: string }>;
  /** How many counties the rule set leaves as context (see DataPanel). */
  exportContext?: number;
  /** The counties the imported list covers, where it leaves some out (see DataPanel). */
  exportListed?: string[];
}) {
  const { inputs, imports, dispatch } = props;
  return (
    <DataPanel
      datasetName={inputs.dataset?.fileName ?? null}
      {...(inputs.dataset?.issues ? { datasetIssues: inputs.dataset.issues } : {})}
      {...(inputs.dataset?.issuesTotal ? { datasetIssuesTotal: inputs.dataset.issuesTotal } : {})}
      {...(inputs.dataset?.tally?.crs ? { datasetCrs: inputs.dataset.tally.crs.read } : {})}
      {...(inputs.dataset ? { datasetCount: inputs.dataset.facilities.length } : {})}
      {...(inputs.dataset?.parts ? { datasetParts: inputs.dataset.parts } : {})}
      onClearDataset={() => dispatch({ type: "clearDataset" })}
      typesByHand={inputs.dataset?.facilities.filter((f) => f.typeByHand) ?? []}
      onUndoType={(id) => dispatch({ type: "undoTypeChoice", id })}
      boundariesName={inputs.boundaries?.fileName ?? null}
      onClearBoundaries={() => dispatch({ type: "clearBoundaries" })}
      demand={inputs.demand ? { fileName: inputs.demand.fileName, count: inputs.demand.points.length } : null}
      onClearDemand={() => dispatch({ type: "clearDemand" })}
      onClearPopulation={() => dispatch({ type: "population", rows: [] })}
      population={inputs.population}
      onExport={props.onExport}
      {...(props.exportCounties ? { exportCounties: props.exportCounties } : {})}
      {...(props.exportContext ? { exportContext: props.exportContext } : {})}
      {...(props.exportListed ? { exportListed: props.exportListed } : {})}
      {...(props.exportProjections ? { exportProjections: props.exportProjections } : {})}
      {...imports}
    >
      <RuleDataImports
        urban={inputs.urban}
        urbanDefinitionUsed={props.urbanDefinitionUsed}
        urbanIssues={imports.urbanIssues}
        onUrbanFile={imports.onUrbanFile}
        onClearUrban={() => dispatch({ type: "clearUrban" })}
        unitPopulation={inputs.unitPopulation}
        unitPopulationIssues={imports.unitPopulationIssues}
        onUnitPopulationFile={imports.onUnitPopulationFile}
        onClearUnitPopulation={() => dispatch({ type: "clearUnitPopulation" })}
        staffing={inputs.staffing}
        staffingIssues={imports.staffingIssues}
        onStaffingFile={imports.onStaffingFile}
        onClearStaffing={() => dispatch({ type: "clearStaffing" })}
      />
      <TravelSection {...props.travel} />
    </DataPanel>
  );
}
