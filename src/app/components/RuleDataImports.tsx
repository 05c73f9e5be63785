import type { LocalizedText, RowIssue } from "../../core";
import { useI18n } from "../i18n";
import type { ImportedStaffing, ImportedUnitPopulation, ImportedUrbanArea } from "../state/session";
import { FileInput } from "./FileInput";
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
  return (
    <>
      <section data-testid="urban-section">
        <h3>{t("urbanHeading")}</h3>
        <p className="hint">{t("urbanHint")}</p>
        <FileInput accept=".geojson,.json,.kml,.zip" testId="import-urban" onFile={props.onUrbanFile} />
        {props.urban && (
          <p data-testid="urban-in-use">
            {t("urbanInUse", props.urban.fileName, props.urban.polygons.length)}{" "}
            <button type="button" data-testid="clear-urban" onClick={props.onClearUrban}>
              {t("backToDiscs")}
            </button>
          </p>
        )}
        {props.urbanDefinitionUsed && (
          <p className="hint" data-testid="urban-definition-data">
            {t("urbanDefinitionNow", pick(props.urbanDefinitionUsed))}
          </p>
        )}
        {props.urbanIssues.length > 0 && <IssueTable issues={props.urbanIssues} />}
      </section>
      <section data-testid="unit-population-section">
        <h3>{t("unitPopulationHeading")}</h3>
        <p className="hint">{t("unitPopulationHint")}</p>
        <FileInput accept=".csv,.txt,.xlsx" testId="import-unit-population" onFile={props.onUnitPopulationFile} />
        {props.unitPopulation && (
          <p data-testid="unit-population-in-use">
            {t("unitPopulationInUse", props.unitPopulation.fileName, towns, villages)}{" "}
            <button type="button" data-testid="clear-unit-population" onClick={props.onClearUnitPopulation}>
              {t("clear")}
            </button>
          </p>
        )}
        {props.unitPopulationIssues.length > 0 && <IssueTable issues={props.unitPopulationIssues} />}
      </section>
      <section data-testid="staffing-section">
        <h3>{t("staffingHeading")}</h3>
        <p className="hint">{t("staffingHint")}</p>
        <FileInput accept=".csv,.txt,.xlsx" testId="import-staffing" onFile={props.onStaffingFile} />
        {props.staffing && (
          <p data-testid="staffing-in-use">
            {t("staffingInUse", props.staffing.fileName, props.staffing.rows.length)}{" "}
            <button type="button" data-testid="clear-staffing" onClick={props.onClearStaffing}>
              {t("clear")}
            </button>
          </p>
        )}
        {props.staffingIssues.length > 0 && <IssueTable issues={props.staffingIssues} />}
      </section>
    </>
  );
}
