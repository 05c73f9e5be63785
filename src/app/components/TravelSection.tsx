import { useState } from "react";
import { MAX_SPEED_KMH, type RowIssue, type SpeedTable } from "../../core";
import { useI18n } from "../i18n";
import { megabytes } from "../state/travel-store";
import type { RoadsCrs, TravelState } from "../state/use-travel";
import { FileInput } from "./FileInput";
import { ImportSection } from "./ImportSection";

/** The message key naming each datum a road layer may be converted from. */
const datumLabel = { gcj02: "crsGcj02", bd09: "crsBd09" } as const;

function Issues({ issues }: { issues: RowIssue[] }) {
  const { pick } = useI18n();
  if (issues.length === 0) return null;
  return (
    <ul className="issues-list" data-testid="travel-issues">
      {issues.slice(0, 50).map((i) => (
        <li key={`${i.file}-${i.row}-${i.field}-${i.code}`} className={i.severity}>
          {pick(i.message)}
        </li>
      ))}
      {issues.length > 50 && <li>… {issues.length - 50}</li>}
    </ul>
  );
}

/** A speed box that commits a valid value (0 < v ≤ 200 km/h) on blur or Enter, and says why it refuses another. */
function SpeedBox(props: { label: string; value: number; testId: string; onValue: (v: number) => void }) {
  const { t } = useI18n();
  const [text, setText] = useState<string | null>(null);
  const shown = text ?? String(props.value);
  const n = Number(shown);
  const ok = shown.trim() !== "" && Number.isFinite(n) && n > 0 && n <= MAX_SPEED_KMH;
  const commit = () => {
    if (text === null) return;
    if (ok && n !== props.value) props.onValue(n);
    if (ok) setText(null);
  };
  return (
    <label className="speed-box">
      <span>{props.label}</span>
      <input
        type="text"
        inputMode="decimal"
        size={4}
        value={shown}
        data-testid={props.testId}
        aria-invalid={!ok}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === "Enter") commit();
        }}
      />
      <span className="unit">km/h</span>
      {!ok && <span className="refusal">{t("speedRange", MAX_SPEED_KMH)}</span>}
    </label>
  );
}

/**
 * The road file and raster recorded for the city but not in use, named, to be loaded again: 「此项目使用了路网 … ，请重新
 *加载」 for a project's, else what a reload could not bring back (a file too large to keep).
 */
export function TravelMissing({ missing }: { missing: TravelState["missing"] }) {
  const { t } = useI18n();
  const name = (kind: "roads" | "raster") => missing.find((m) => m.kind === kind)?.file.fileName ?? null;
  const fromProject = missing.some((m) => m.file.notKept === "project");
  return <>{t("travelMissing", fromProject, name("roads"), name("raster"))}</>;
}

/** The file just loaded is not kept by the browser: said at once, with its size (it must be loaded after a reload). */
function NotKeptNote({ note, testId }: { note: TravelState["notKept"]["roads"]; testId: string }) {
  const { t } = useI18n();
  if (!note) return null;
  return (
    <p className="hint warning" role="note" data-testid={testId}>
      {t(note.why === "too-large" ? "travelTooLarge" : "travelNotStored", megabytes(note.size))}
    </p>
  );
}

/** The Data tab's roads, speeds and population raster: what to load, where planners get it, and what was read. */
export function TravelSection(props: TravelState) {
  const { t } = useI18n();
  const [showSpeeds, setShowSpeeds] = useState(false);
  const raster = props.raster;
  // roads read as WGS84 that fit the facilities only converted from GCJ-02 / BD-09: one click reads them so
  const hint = props.roads?.issues.find((i) => i.code === "roads-maybe-gcj02" || i.code === "roads-maybe-bd09");
  const shifted = hint ? (hint.code === "roads-maybe-bd09" ? "bd09" : "gcj02") : null;
  const setClass = (cls: string, v: number) =>
    props.onSpeeds({ ...props.speeds, classes: { ...props.speeds.classes, [cls]: v } } satisfies SpeedTable);
  return (
    <>
      {props.missing.length > 0 && (
        <p className="hint warning" role="alert" data-testid="travel-missing">
          <TravelMissing missing={props.missing} />
        </p>
      )}
      <section data-testid="roads-section">
        <h3>{t("roadsHeading")}</h3>
        <p className="hint">{t("roadsHint")}</p>
        <label className="crs-choice">
          <span>{t("roadsCrs")}</span>
          <select
            value={props.roadsCrs}
            data-testid="roads-crs"
            onChange={(e) => props.onRoadsCrs(e.target.value as RoadsCrs)}
          >
            <option value="">{t("roadsCrsAuto")}</option>
            <option value="wgs84">{t("crsWgs84")}</option>
            <option value="gcj02">{t("crsGcj02")}</option>
            <option value="bd09">{t("crsBd09")}</option>
          </select>
        </label>
        <FileInput accept=".geojson,.json,.zip,.osm,.pbf" testId="import-roads" onFile={props.onRoadFile} />
        {props.reading && (
          <div className="progress" role="progressbar" aria-valuenow={props.reading.done}>
            {t(props.reading.phase === "score" ? "scoringRoads" : "readingRoads")} {props.reading.done.toLocaleString()}{" "}
            / {props.reading.total.toLocaleString()}
            <progress value={props.reading.done} max={Math.max(1, props.reading.total)} />
          </div>
        )}
        {props.roads && (
          <p data-testid="roads-in-use">
            {t("roadsInUse", props.roads.file, props.roads.roads, props.roads.outside)}
            {props.roads.crs === "gcj02" || props.roads.crs === "bd09"
              ? t("roadsReadIn", t(datumLabel[props.roads.crs]))
              : ""}{" "}
            <button type="button" onClick={props.onClearRoads}>
              {t("clear")}
            </button>
          </p>
        )}
        <NotKeptNote note={props.notKept.roads} testId="roads-not-kept" />
        <Issues issues={props.roadIssues} />
        {shifted && (
          <p className="datum-hint" data-testid="roads-datum-hint">
            <button type="button" data-testid="roads-convert" onClick={() => props.onRereadRoads(shifted)}>
              {t("roadsConvert", t(datumLabel[shifted]))}
            </button>
          </p>
        )}
        {props.roads && <Issues issues={props.roads.issues} />}
        <SpeedBox
          label={t("offroadSpeed")}
          value={props.speeds.offroadKmh}
          testId="offroad-kmh"
          onValue={(v) => props.onSpeeds({ ...props.speeds, offroadKmh: v })}
        />
        <button type="button" onClick={() => setShowSpeeds(!showSpeeds)} data-testid="toggle-speeds">
          {showSpeeds ? t("hideSpeedTable") : t("showSpeedTable")}
        </button>
        {showSpeeds && (
          <div className="speed-table" data-testid="speed-table">
            {Object.entries(props.speeds.classes).map(([cls, v]) => (
              <SpeedBox key={cls} label={cls} value={v} testId={`speed-${cls}`} onValue={(x) => setClass(cls, x)} />
            ))}
          </div>
        )}
        <Issues issues={props.speedIssues} />
      </section>
      <ImportSection
        name="raster"
        accept=".tif,.tiff"
        onFile={props.onRasterFile}
        inUse={raster && t("rasterInUse", raster.file, raster.width, raster.height, raster.crsLabel)}
        onClear={props.onClearRaster}
      >
        <NotKeptNote note={props.notKept.raster} testId="raster-not-kept" />
        <Issues issues={props.rasterIssues} />
      </ImportSection>
    </>
  );
}
