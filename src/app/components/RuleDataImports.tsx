import type { LocalizedText, RowIssue } from "../../core";
import { useI18n } from "../i18n";
import type { ImportedStaffing, ImportedUnitPopulation, ImportedUrbanArea } from "../state/session";
import { ImportSection } from "./ImportSection";
import { IssueTable } from "./IssueTable";

/** The tables these inputs take. */
const TABLES = ".csv,.txt,.xlsx";

export interface RuleDataImportsProps {
  urban: ImportedUrbanArea | undefined;
  /** The urban definition the current result used (report.urbanDefinitionUsed). */
  urbanDefinitionUsed: LocalizedText | null;
  urbanIssues: RowIssue[];
  onUrbanFile: (file: File) => void;
  onClearUrban: () => void;
  unitPopulation: ImportedUnitPopulation | undefined;
  unitPopulationIssues: RowIssue[];
  onUnitPopulationFile: (file: File) => void;
  onClearUnitPopulation: () => void;
  staffing: ImportedStaffing | undefined;
  staffingIssues: RowIssue[];
  onStaffingFile: (file: File) => void;
  onClearStaffing: () => void;
}

/**
 * The Data tab's inputs of the plans' rules beyond facilities: the urban area (imported polygons replace the
 * built-up discs, with a way back), township / village populations and a county staffing table. Each is the current
 * city's, listed with its import issues and clearable.
 */
export function RuleDataImports(props: RuleDataImportsProps) {
  const { t, pick } = useI18n();
  const towns = props.unitPopulation?.rows.filter((r) => r.code.length === 9).length ?? 0;
  const villages = props.unitPopulation?.rows.filter((r) => r.code.length === 12).length ?? 0;
  const issues = (list: RowIssue[]) => list.length > 0 && <IssueTable issues={list} />;
  const urban = props.urban;
  return (
    <>
      <ImportSection
        name="urban"
        accept=".geojson,.json,.kml,.zip"
        onFile={props.onUrbanFile}
        inUse={urban && t("urbanInUse", urban.fileName, urban.polygons.length)}
        onClear={props.onClearUrban}
        clearLabel={t("backToDiscs")}
      >
        {props.urbanDefinitionUsed && (
          <p className="hint" data-testid="urban-definition-data">
            {t("urbanDefinitionNow", pick(props.urbanDefinitionUsed))}
          </p>
        )}
        {issues(props.urbanIssues)}
      </ImportSection>
      <ImportSection
        name="unitPopulation"
        accept={TABLES}
        onFile={props.onUnitPopulationFile}
        inUse={props.unitPopulation && t("unitPopulationInUse", props.unitPopulation.fileName, towns, villages)}
        onClear={props.onClearUnitPopulation}
      >
        {issues(props.unitPopulationIssues)}
      </ImportSection>
      <ImportSection
        name="staffing"
        accept={TABLES}
        onFile={props.onStaffingFile}
        inUse={props.staffing && t("staffingInUse", props.staffing.fileName, props.staffing.rows.length)}
        onClear={props.onClearStaffing}
      >
        {issues(props.staffingIssues)}
      </ImportSection>
    </>
  );
}
