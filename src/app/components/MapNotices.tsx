import { FACILITY_TYPE_LABELS, type FacilityType, type RowIssue } from "../../core";
import { dataNotice } from "../data-notice";
import { useI18n } from "../i18n";
import type { SaveConflict } from "../state/store";
import type { TravelState } from "../state/use-travel";
import { TravelMissing } from "./TravelSection";

/** What floats over the map: loading, an error, a toast, the add-mode banner and where the data comes from. */
export function MapNotices(props: {
  loading: boolean;
  error: string | null;
  onCloseError: () => void;
  toast: string | null;
  addType: FacilityType | null;
  onStopAdding: () => void;
  datasetName: string | null;
  /** How many of the imported dataset's facilities the file marks invented (sample data): said on screen. */
  datasetInvented?: number;
  /** Why the saved session was set aside on start, and the saved parameters set aside (null: nothing to say). */
  sessionSetAside: RowIssue[] | null;
  paramsSetAside: RowIssue[] | null;
  /** Why the saved undo and redo steps were set aside (null: nothing to say). */
  stepsSetAside: RowIssue[] | null;
  onDismissSetAside: (which: "session" | "params" | "steps") => void;
  /** Another tab saved the session since this one loaded or saved it: this tab saves nothing until the user chooses. */
  saveConflict: SaveConflict | null;
  /** Loads the other tab's version (this tab's unsaved changes are dropped). */
  onLoadOtherTab: () => void;
  /** Saves this tab's version over the other tab's. */
  onKeepThisTab: () => void;
  /** False for a city with no local plan: it has no sample facilities either. */
  localPlan: boolean;
  /** With no facility list, the number of the planner's proposed sites the checks measure (0: none, or a list). */
  proposedOnly?: number;
  /** Road and raster files recorded for the city but not in use (not kept over a reload, or a project's): named. */
  travelMissing?: TravelState["missing"];
  onDismissTravelMissing?: () => void;
}) {
  const { t, pick } = useI18n();
  return (
    <>
      {props.loading && !props.error && <div className="map-loading">{t("loading")}</div>}
      {props.error && (
        <div className="map-error" role="alert">
          {props.error}{" "}
          <button type="button" onClick={props.onCloseError}>
            {t("close")}
          </button>
        </div>
      )}
      {props.saveConflict && (
        <div className="map-conflict" role="alert" data-testid="session-conflict">
          <p>{t(props.saveConflict.unsaved ? "sessionConflictUnsaved" : "sessionConflictStale")}</p>
          <div className="map-conflict-actions">
            <button type="button" className="primary" onClick={props.onLoadOtherTab} data-testid="conflict-load-other">
              {t("sessionConflictLoadOther")}
            </button>
            {props.saveConflict.unsaved && (
              <button type="button" onClick={props.onKeepThisTab} data-testid="conflict-keep-this">
                {t("sessionConflictKeepThis")}
              </button>
            )}
          </div>
        </div>
      )}
      {props.sessionSetAside && (
        <div className="map-error" role="alert" data-testid="session-set-aside">
          {t("sessionSetAside", props.sessionSetAside[0] ? pick(props.sessionSetAside[0].message) : undefined)}{" "}
          <button type="button" onClick={() => props.onDismissSetAside("session")}>
            {t("close")}
          </button>
        </div>
      )}
      {props.paramsSetAside && (
        <div className="map-error" role="alert" data-testid="params-set-aside">
          {t("paramsSetAside", props.paramsSetAside.map((i) => pick(i.message)).join(t("listSeparator")))}{" "}
          <button type="button" onClick={() => props.onDismissSetAside("params")}>
            {t("close")}
          </button>
        </div>
      )}
      {props.stepsSetAside && (
        <div className="map-error" role="alert" data-testid="steps-set-aside">
          {t("stepsSetAside", props.stepsSetAside[0] ? pick(props.stepsSetAside[0].message) : undefined)}{" "}
          <button type="button" onClick={() => props.onDismissSetAside("steps")}>
            {t("close")}
          </button>
        </div>
      )}
      {props.travelMissing && props.travelMissing.length > 0 && (
        <div className="map-error" role="alert" data-testid="travel-missing-notice">
          <TravelMissing missing={props.travelMissing} />{" "}
          <button type="button" onClick={props.onDismissTravelMissing}>
            {t("close")}
          </button>
        </div>
      )}
      {props.toast && (
        <div className="toast" role="status">
          {props.toast}
        </div>
      )}
      {props.addType && (
        <div className="add-banner" role="status" data-testid="add-banner">
          {t("addBanner", pick(FACILITY_TYPE_LABELS[props.addType]))}{" "}
          <button type="button" onClick={props.onStopAdding} data-testid="add-done">
            {t("addDone")}
          </button>
        </div>
      )}
      <div className="sample-notice" data-testid="sample-notice" role="note">
        {dataNotice(t, {
          datasetName: props.datasetName,
          datasetInvented: props.datasetInvented ?? 0,
          proposedOnly: props.proposedOnly ?? 0,
          localPlan: props.localPlan,
        })}
      </div>
    </>
  );
}
