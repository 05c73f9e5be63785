import type { RingProps } from "../../core";
import { type MessageKey, useI18n } from "../i18n";
import { ANALYSIS_STYLES, type AnalysisLayerKey } from "../map/layers";
import { LAYER_KEYS, LAYER_STYLES, type LayerKey } from "../map/symbology";

export interface LayerPanelProps {
  /** Facilities of each layer in the city, existing (the list's or the sample's). */
  counts: Record<LayerKey, number>;
  /** The plan's proposed sites of each layer in the city, shown apart (「+3」). */
  planned?: Record<LayerKey, number>;
  visible: Record<LayerKey, boolean>;
  countiesVisible: boolean;
  countyCount: number;
  onToggle: (key: LayerKey, visible: boolean) => void;
  onToggleCounties: (visible: boolean) => void;
  onAll: (visible: boolean) => void;
  overlays: Record<AnalysisLayerKey, boolean>;
  onToggleOverlay: (key: AnalysisLayerKey, visible: boolean) => void;
  /** The limit (km) of the ring a selected violation draws on the map (SUB-15KM's 15 km), or null when none shows. */
  selectionRingKm?: number | null;
  /** Existing EMS points the map draws no ring round (too many to draw), when any. */
  ringsOmitted?: number;
  /** Whether some county is one the imported list does not cover (drawn grey and hatched: its legend entry). */
  unlisted?: boolean;
  /** Facilities outside the city's boundaries (drawn, not in `counts`), when any. */
  outsideCity?: number;
  /** The 15 km rings drawn (their properties): the legend counts them and says what they are drawn round. */
  ring15?: readonly RingProps[];
  /**
   * Whether the rule set checks the sub-centres' 15 km (SUB-15KM): where it does not (宜春's 004), the rings drawn are
   * said to be for reference only (the reviewer trial, s55b L4).
   */
  ring15Checked?: boolean;
}

const RING15_KIND: Record<NonNullable<RingProps["measuredFrom"]>["kind"], MessageKey> = {
  "county-medical-centre": "ring15KindCentre",
  "peoples-hospital": "ring15KindHospital",
  seat: "ring15KindSeat",
};

/**
 * What the 15 km rings are drawn round (the user trial, s46-b #5: the legend read 「县域医疗中心 0」 while every distance
 * was measured from the people's hospital): one ring names its point, several count each kind; none says why.
 */
function Ring15From({ rings, checked = true }: { rings: readonly RingProps[]; checked?: boolean }) {
  const { t } = useI18n();
  const kindOf = (r: RingProps) => r.measuredFrom?.kind ?? "county-medical-centre";
  let text: string;
  if (rings.length === 0) text = t("ring15None");
  else if (rings.length === 1 && rings[0].measuredFrom)
    text = t("ring15FromOne", rings[0].measuredFrom.name, t(RING15_KIND[kindOf(rings[0])]));
  else {
    const kinds = (Object.keys(RING15_KIND) as Array<keyof typeof RING15_KIND>).flatMap((k) => {
      const n = rings.filter((r) => kindOf(r) === k).length;
      return n > 0 ? [t("ring15KindCount", t(RING15_KIND[k]), n)] : [];
    });
    text = t("ring15FromMany", kinds.join(t("listSeparator")));
  }
  return (
    <span className="hint" data-testid="ring15-from">
      {" "}
      {text}
      {rings.length > 0 && !checked ? t("ring15NotChecked") : ""}
    </span>
  );
}

/** Legend with toggles and counts for every facility category. */
export function LayerPanel(props: LayerPanelProps) {
  const { t, pick } = useI18n();
  return (
    <section className="panel layer-panel" data-testid="layer-panel" aria-label={t("layers")}>
      <h2>
        {t("layers")} · {t("legend")}
      </h2>
      <label className="layer-row">
        <input
          type="checkbox"
          checked={props.countiesVisible}
          onChange={(e) => props.onToggleCounties(e.target.checked)}
          data-testid="toggle-counties"
        />
        <span className="swatch swatch-county" aria-hidden />
        <span className="layer-name">{t("counties")}</span>
        <span className="layer-count">{props.countyCount}</span>
      </label>
      <div className="layer-all">
        <button type="button" onClick={() => props.onAll(true)}>
          {t("showAll")}
        </button>
        <button type="button" onClick={() => props.onAll(false)}>
          {t("hideAll")}
        </button>
      </div>
      {LAYER_KEYS.map((key) => {
        const s = LAYER_STYLES[key];
        return (
          <label key={key} className="layer-row" data-layer={key}>
            <input
              type="checkbox"
              checked={props.visible[key]}
              onChange={(e) => props.onToggle(key, e.target.checked)}
              data-testid={`toggle-${key}`}
            />
            <span
              className="swatch"
              aria-hidden
              style={{
                background: s.color,
                borderColor: s.stroke,
                width: 6 + s.radius * 1.4,
                height: 6 + s.radius * 1.4,
              }}
            />
            <span className="layer-name">{pick(s.label)}</span>
            <span className="layer-count" data-testid={`count-${key}`}>
              {props.counts[key].toLocaleString()}
            </span>
            {(props.planned?.[key] ?? 0) > 0 && (
              <span
                className="layer-planned"
                data-testid={`planned-${key}`}
                title={t("legendPlanned", props.planned?.[key] ?? 0)}
              >
                +{props.planned?.[key]}
              </span>
            )}
          </label>
        );
      })}
      {props.outsideCity ? (
        <div className="hint" data-testid="outside-city">
          {t("outsideCity", props.outsideCity)}
        </div>
      ) : null}
      <h2 className="sub">{t("analysisLayers")}</h2>
      {(Object.keys(ANALYSIS_STYLES) as AnalysisLayerKey[]).map((key) => (
        // the gaps drawn as the analysis measures them, by its grid's cells; the exports' outlines are exact (the user
        // trial, s49 #7: a staircase on screen beside 「outline: exact」 in the file)
        <label
          key={key}
          className="layer-row"
          data-overlay={key}
          title={key === "gaps" ? t("gapsDrawnByCells") : undefined}
        >
          <input
            type="checkbox"
            checked={props.overlays[key]}
            onChange={(e) => props.onToggleOverlay(key, e.target.checked)}
            data-testid={`overlay-${key}`}
          />
          <span
            className={`swatch ${key === "rings" || key === "ring15" ? "swatch-line" : "swatch-fill"}`}
            aria-hidden
            style={
              key === "rings" || key === "ring15"
                ? { borderColor: ANALYSIS_STYLES[key].color }
                : { background: ANALYSIS_STYLES[key].color }
            }
          />
          <span className="layer-name">
            {pick(ANALYSIS_STYLES[key].label)}
            {key === "ring15" && props.ring15 ? (
              <Ring15From rings={props.ring15} checked={props.ring15Checked ?? true} />
            ) : null}
            {key === "rings" && props.ringsOmitted ? (
              <span className="hint" data-testid="rings-omitted">
                {t("ringsOmitted", props.ringsOmitted)}
              </span>
            ) : null}
          </span>
          {key === "ring15" && props.ring15 ? (
            <span className="layer-count" data-testid="count-ring15">
              {props.ring15.length}
            </span>
          ) : null}
        </label>
      ))}
      <div className="status-legend">
        <span className="st st-violates" /> {t("legendViolates")}
        <br />
        <span className="st st-proposed" /> {t("legendProposed")}
        <br />
        <span className="st st-suggested" /> {t("legendSuggested")}
        <br />
        <span className="st st-fail" /> {t("legendCountyFill")}
        {props.unlisted && (
          <span className="legend-entry" data-testid="legend-unlisted">
            <br />
            <span className="st st-unlisted" /> {t("legendUnlisted")}
          </span>
        )}
        {/* the selected violation's ring is drawn whatever the 15 km overlay's box says: it has its own entry */}
        {props.selectionRingKm != null && (
          <span className="legend-entry" data-testid="legend-selection-ring">
            <br />
            <span
              className="swatch swatch-line swatch-dashed"
              aria-hidden
              style={{ borderColor: ANALYSIS_STYLES.ring15.color }}
            />{" "}
            {t("legendSelectionRing", props.selectionRingKm)}
          </span>
        )}
      </div>
    </section>
  );
}
