import { Fragment, useContext } from "react";
import { createPortal } from "react-dom";
import type { GeometryKind, PlacedViolation } from "../../core";
import { countyMessageNames, useCountyName, useCountyNamesEn } from "../county-names";
import { afterCountyName, citationParts } from "../format";
import { type MessageKey, useI18n } from "../i18n";
import { TabFoot } from "./Tabs";

const PLACE_KEY: Record<GeometryKind, MessageKey> = {
  facility: "placeFacility",
  "unit-seat": "placeUnitSeat",
  "unit-facility": "placeUnitFacility",
  "township-health-centre": "placeTownshipCentre",
  "township-facility": "placeTownshipFacility",
  "gap-interior": "placeGapInterior",
  "county-interior": "placeCounty",
  city: "placeCity",
  none: "placeNone",
};

export interface ViolationDetailProps {
  /** The report's violations placed and cited (core's placeViolations), in report order. */
  placed: PlacedViolation[];
  /** Their stable keys (core's violationKeys), same order. */
  keys: string[];
  /** The selected violation's key, or null. */
  selectedKey: string | null;
  onClose: () => void;
  /** The review report of the violation's county (Word file or print view). */
  onCountyReport?: (kind: "report-docx" | "report-html", county: string) => void;
  /** Takes the map to a point (a list row that lies outside the violation's county). */
  onFlyTo?: (center: [number, number]) => void;
}

/**
 * The selected violation's detail, in the analysis column's foot (Tabs' TabFoot): below the scrolled tab body, over
 * nothing, so its citation stays in view wherever the body is scrolled. Its head (the county, that county's review
 * report buttons, the close button) never scrolls; its text scrolls within a bounded height, the citation right
 * after the verdict. Everything but names and the plan's own words is in the interface's language.
 */
export function ViolationDetail(props: ViolationDetailProps) {
  const { t, pick, lang } = useI18n();
  const countyName = useCountyName();
  const namesEn = useCountyNamesEn(lang === "en");
  const foot = useContext(TabFoot);
  const index = props.selectedKey === null ? -1 : props.keys.indexOf(props.selectedKey);
  const v = index >= 0 ? props.placed[index]?.properties : undefined;
  if (!v) return null;
  // a city-wide rule's row (the city's indicators): the whole city, no county report of its own
  const cityWide = v.geometryKind === "city";
  const county = cityWide ? t("violationsWholeCity") : v.countyName ? countyName(v.county, v.countyName) : v.county;
  const place = [v.unitName ? `${v.townshipName ? `${v.townshipName} ` : ""}${v.unitName}` : "", v.facilityName ?? ""]
    .filter((x) => x)
    .join(" · ");
  const pane = (
    <section className="violation-detail" data-testid="violation-detail" data-rule={v.rule} data-county={v.county}>
      <div className="vd-head">
        <b className="vd-county" title={county}>
          {county}
        </b>
        {props.onCountyReport &&
          !cityWide &&
          (["report-docx", "report-html"] as const).map((kind) => {
            const full = t(kind === "report-docx" ? "countyReportDocx" : "countyReportHtml", v.countyName ?? "");
            return (
              <button
                key={kind}
                type="button"
                data-testid={`violation-${kind}`}
                data-county={v.county}
                title={`${county}: ${full}`}
                aria-label={`${county}: ${full}`}
                onClick={() => props.onCountyReport?.(kind, v.county)}
              >
                {t(kind === "report-docx" ? "detailReportDocx" : "detailReportHtml")}
              </button>
            );
          })}
        <button type="button" className="close" aria-label={t("close")} onClick={props.onClose}>
          ×
        </button>
      </div>
      <div className="vd-body">
        <p className="where">
          {place && `${place} · `}
          <span className="hint">
            {t(PLACE_KEY[v.geometryKind])}
            {/* which facility the map went to (the reviewer trial: 「该乡镇/村登记的设施」 named none) */}
            {v.placeName && t("placeNamed", v.placeName)}
          </span>
        </p>
        {/* the imported list has no facility in this county: the finding is the list's (the re-trial, s43) */}
        {v.countyInList === false && (
          <p className="vd-not-in-list" data-testid="vd-not-in-list">
            <span className="not-in-list-tag">{t("notInList")}</span> {t("notInListTitle")}
          </p>
        )}
        {/* the comparison set: the rule's plans are other cities' (the user trial, s46-b #2) */}
        {v.notBindingZh !== undefined && (
          <p className="vd-not-binding" data-testid="vd-not-binding">
            {pick({ zh: v.notBindingZh, en: v.notBindingEn ?? v.notBindingZh })}
          </p>
        )}
        {/* the head names the county: the message goes on after its own county name, if it opens with it */}
        <p className="measured">
          {afterCountyName(
            pick({ zh: v.messageZh, en: v.messageEn }),
            countyMessageNames(v.county, v.countyName, namesEn, v.countyNameEn),
          )}
        </p>
        {v.uncoveredKm2 !== undefined && (
          <p className="vd-figures" data-testid="vd-shortfall">
            {t(
              "vdShortfall",
              v.uncoveredKm2.toFixed(1),
              (v.coveredPct ?? 0).toFixed(1),
              v.limitMinutes !== undefined ? `${v.limitMinutes} ${t("unitMinutes")}` : `${v.limitKm} km`,
              v.gapCount ?? 0,
              (v.largestGapKm2 ?? 0).toFixed(1),
            )}
          </p>
        )}
        {/* a unit's review row for a list row lying outside the county: the map goes to that row's point, which the
            row's own marks (at the unit's stand-in) do not show (the re-trial, s48 #3) */}
        {v.listRow !== undefined && v.listRowLon !== undefined && v.listRowLat !== undefined && props.onFlyTo && (
          <p className="vd-figures">
            <button
              type="button"
              className="link-button"
              data-testid="vd-list-row"
              onClick={() => props.onFlyTo?.([v.listRowLon as number, v.listRowLat as number])}
            >
              {t("vdListRow", v.listRow, v.listRowName ?? "")}
            </button>
          </p>
        )}
        {v.nearestPointKm !== undefined && (
          <p className="vd-figures" data-testid="vd-nearest">
            {t("vdNearest", v.nearestPointName ?? v.nearestPointId ?? "", v.nearestPointKm.toFixed(2))}
          </p>
        )}
        {v.neighbourPointKm !== undefined && v.limitKm !== undefined && (
          <p className="vd-figures" data-testid="vd-neighbour">
            {t(
              "vdNeighbour",
              v.neighbourPointName ?? v.neighbourPointId ?? "",
              v.neighbourPointCounty ? countyName(v.neighbourPointCounty, v.neighbourPointCountyName ?? "") : "",
              v.neighbourPointKm.toFixed(2),
              v.limitKm,
            )}
          </p>
        )}
        {v.provenance.map((p) => (
          <p key={`${p.doc}:${p.line}:${p.quote}`} className="citation">
            {citationParts(
              (title, section, quote, number) => t("citation", title, number, section, p.doc, p.line, quote),
              p,
            ).map((part, i) =>
              part.plan ? (
                // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed sentence, in order
                <span key={i} lang="zh-CN" className="plan-words">
                  {part.text}
                </span>
              ) : (
                // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed sentence, in order
                <Fragment key={i}>{part.text}</Fragment>
              ),
            )}
          </p>
        ))}
        <p className="vd-rule">
          <b>{v.rule}</b> {pick({ zh: v.ruleDescZh, en: v.ruleDescEn })}
        </p>
      </div>
    </section>
  );
  return foot ? createPortal(pane, foot) : pane;
}
