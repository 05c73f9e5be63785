import type { LocalizedText, RowIssue } from "../../core";
import { useI18n } from "../i18n";
import type { ImportedStaffing, ImportedUnitPopulation, ImportedUrbanArea } from "../state/session";
import { ImportSection } from "./ImportSection";
import { IssueTable } from "./IssueTable";

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
  return (
    <>
      <ImportSection
        name="urban"
        heading={t("urbanHeading")}
        hint={t("urbanHint")}
        accept=".geojson,.json,.kml,.zip"
        onFile={props.onUrbanFile}
        inUse={
          props.urban && {
            text: t("urbanInUse", props.urban.fileName, props.urban.polygons.length),
            clearLabel: t("backToDiscs"),
            onClear: props.onClearUrban,
          }
        }
      >
        {props.urbanDefinitionUsed && (
          <p className="hint" data-testid="urban-definition-data">
            {t("urbanDefinitionNow", pick(props.urbanDefinitionUsed))}
          </p>
        )}
        {issues(props.urbanIssues)}
      </ImportSection>
      <ImportSection
        name="unit-population"
        heading={t("unitPopulationHeading")}
        hint={t("unitPopulationHint")}
        accept=".csv,.txt,.xlsx"
        onFile={props.onUnitPopulationFile}
        inUse={
          props.unitPopulation && {
            text: t("unitPopulationInUse", props.unitPopulation.fileName, towns, villages),
            clearLabel: t("clear"),
            onClear: props.onClearUnitPopulation,
          }
        }
      >
        {issues(props.unitPopulationIssues)}
      </ImportSection>
      <ImportSection
        name="staffing"
        heading={t("staffingHeading")}
        hint={t("staffingHint")}
        accept=".csv,.txt,.xlsx"
        onFile={props.onStaffingFile}
        inUse={
          props.staffing && {
            text: t("staffingInUse", props.staffing.fileName, props.staffing.rows.length),
            clearLabel: t("clear"),
            onClear: props.onClearStaffing,
          }
        }
      >
        {issues(props.staffingIssues)}
      </ImportSection>
    </>
  );
}
