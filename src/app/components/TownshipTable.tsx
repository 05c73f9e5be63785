import { useVirtualizer } from "@tanstack/react-virtual";
import { useCallback, useMemo, useRef, useState } from "react";
import { type AnalysisReport, distanceKm } from "../../core";
import { type ColumnText, columnWidth, FONT_PX, fitLayout, sharedColumnWidth } from "../column-widths";
import { sharePct } from "../format";
import { type MessageKey, useI18n } from "../i18n";
import { useClientWidth } from "../use-client-width";

type Row = AnalysisReport["townships"][number];
type SortKey = "code" | "centres" | "distance" | "villages" | "without" | "population" | `ems:${number}`;

const KIND: Record<Row["kind"], MessageKey> = {
  镇: "townshipKindTown",
  乡: "townshipKindXiang",
  街道: "townshipKindStreet",
  other: "townshipKindOther",
};

/** A row's height: the table is virtualised (a county may have 40+ townships). */
const ROW_PX = 24;

function emsShare(r: Row, radiusKm: number) {
  return r.ems?.find((e) => e.radiusKm === radiusKm);
}

function sortValue(r: Row, key: SortKey): number | string {
  if (key.startsWith("ems:")) return emsShare(r, Number(key.slice(4)))?.share ?? -1;
  switch (key) {
    // how many centres are counted; none but for review (a refused row, an uncoded centre) above none at all (the user
    // re-trial, s48: the column could not be sorted)
    case "centres":
      return r.centres.length || (r.refusedCentres || r.centreForReview ? 0.5 : 0);
    case "distance":
      return r.distanceToCountyCentreKm ?? -1;
    case "villages":
      return r.villages;
    case "without":
      return r.villagesWithoutClinic;
    case "population":
      return r.population ?? -1;
    default:
      return r.code;
  }
}

/**
 * The per-township view of one county (core's report.townships): each 乡/镇/街道 with its health centre (central,
 * sub-centre), distance to the county medical centre, villages with and without a clinic, population, and the share
 * of its villages within each EMS ring where village locations are known (else says what is needed). Sortable by
 * any column; virtualised.
 */
export function TownshipTable({
  rows: all,
  county,
  countyName,
  notInList,
  subDistanceRule,
  subDistanceKm,
}: {
  rows: Row[];
  county: string;
  countyName: string;
  /**
   * The imported list has no facility in this county (the report's listScope): its centres and clinics are unknown, as
   * with no facility data at all, not 无 (the trial, s44: 宛城区's table read 无 in red on every row).
   */
  notInList?: boolean;
  /** Whether the rule set measures sub-centres from the same point (SUB-15KM): the note says so only then. */
  subDistanceRule?: boolean;
  /**
   * SUB-15KM's limit (km): a distance is never shown rounded onto or across it (14.996 km reads 14.99, not 15.0: the
   * county detail's list of central THCs gave 14.99 beside the table's 15.0).
   */
  subDistanceKm?: number;
}) {
  const { t, pick, lang } = useI18n();
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: "code", desc: false });
  const rows = useMemo(() => {
    const list = all.filter((r) => r.county === county);
    list.sort((a, b) => {
      const va = sortValue(a, sort.key);
      const vb = sortValue(b, sort.key);
      const cmp = typeof va === "number" && typeof vb === "number" ? va - vb : String(va).localeCompare(String(vb));
      return sort.desc ? -cmp : cmp;
    });
    return list;
  }, [all, county, sort]);
  const radii = useMemo(
    () => [...new Set(rows.flatMap((r) => (r.ems ?? []).map((e) => e.radiusKm)))].sort((a, b) => a - b),
    [rows],
  );
  const needs = rows.find((r) => r.emsNeeds)?.emsNeeds;
  const scroller = useRef<HTMLDivElement | null>(null);
  const [room, observe] = useClientWidth();
  const scrollerRef = useCallback(
    (el: HTMLDivElement | null) => {
      scroller.current = el;
      observe(el);
    },
    [observe],
  );
  const virtual = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_PX,
    overscan: 10,
  });
  const header = (key: SortKey, label: string) => (
    <th
      key={key}
      scope="col"
      aria-sort={sort.key === key ? (sort.desc ? "descending" : "ascending") : "none"}
      tabIndex={0}
      data-sort={key}
      onClick={() => setSort({ key, desc: sort.key === key ? !sort.desc : key !== "code" })}
      onKeyDown={(e) => {
        if (e.key === "Enter" || e.key === " ") setSort({ key, desc: sort.key === key ? !sort.desc : key !== "code" });
      }}
    >
      {label}
      {sort.key === key ? (sort.desc ? " ▼" : " ▲") : ""}
    </th>
  );
  if (rows.length === 0)
    return (
      <p className="hint" data-testid="township-none">
        {t("townshipNone")}
      </p>
    );
  // the name and health-centre columns share what is left; every other column is as wide as its widest figure (over
  // all rows, not only those drawn) or its heading's widest word; the kind wraps between its words
  const arrow = (key: SortKey) => (sort.key === key ? " ▼" : "");
  // to 0.01 km, as the county detail lists the central THCs, never rounded across SUB-15KM's limit
  const km = (r: Row) =>
    r.distanceToCountyCentreKm === undefined
      ? "–"
      : distanceKm(r.distanceToCountyCentreKm, subDistanceRule ? subDistanceKm : undefined).toFixed(2);
  const pop = (r: Row) => (r.population === undefined ? "–" : t("populationShort", r.population));
  // no facility data at all: centres and clinics unknown (?), never 无 or a count of villages without one
  const unknown = (r: Row) => r.noFacilityData || notInList;
  const clinics = (r: Row, n: number) => (unknown(r) ? "?" : String(n));
  // where the rule counts publicly owned clinics only (004:437), the column says so and a village whose only clinic
  // is private is named as such among those without one (the planner trial: 216 in the table, 198 in the verdict)
  const publicOnly = rows.some((r) => r.villagesPrivateOnly !== undefined);
  const withHeading = t(publicOnly ? "colWithPublicClinic" : "colWithClinic");
  const without = (r: Row) =>
    clinics(r, r.villagesWithoutClinic) +
    (!unknown(r) && r.villagesPrivateOnly ? t("privateOnlyShort", r.villagesPrivateOnly) : "") +
    (!unknown(r) && r.villagesOwnershipUnknown ? t("ownershipUnknownShort", r.villagesOwnershipUnknown) : "") +
    (!unknown(r) && r.villagesForReview ? t("forReviewShort", r.villagesForReview) : "") +
    (!unknown(r) && r.villagesExempt ? t("exemptShort", r.villagesExempt) : "");
  // red only where some village surely lacks one: those the verdict leaves for review are not 确缺
  const columns: Array<ColumnText | null> = [
    { heading: t("colTownshipKind"), lines: rows.map((r) => t(KIND[r.kind])), wrap: true },
    null,
    { heading: t("colDistanceCentre") + arrow("distance"), lines: rows.map(km) },
    { heading: t("colVillages") + arrow("villages"), lines: rows.map((r) => String(r.villages)) },
    { heading: withHeading, lines: rows.map((r) => clinics(r, r.villagesWithClinic)) },
    { heading: t("colWithoutClinic") + arrow("without"), lines: rows.map(without) },
    { heading: t("colPopulation") + arrow("population"), lines: rows.map(pop) },
    ...radii.map((radius) => ({
      heading: t("colEmsShare", radius) + arrow(`ems:${radius}`),
      lines: rows.flatMap((r) => {
        const e = emsShare(r, radius);
        return e ? [sharePct(e.share), `(${e.located})`] : ["–"];
      }),
    })),
  ];
  // drawn smaller where the page's font is too wide for the panel at the usual size: the figures, and the name and
  // health-centre columns (which share what is left equally) each at least as wide as either heading's widest word
  const columnsAt = (px: number) => {
    const widths = columns.map((col) => (col ? columnWidth(col, px) : undefined));
    const minWidth =
      widths.reduce<number>((a, b) => a + (b ?? 0), 0) +
      2 * Math.max(sharedColumnWidth(`${t("colTownship")} ▲`, px), sharedColumnWidth(`${t("colCentre")} ▼`, px));
    return { widths, minWidth };
  };
  const {
    fontPx,
    layout: { widths, minWidth },
  } = fitLayout(columnsAt, (l) => l.minWidth, room);
  const from = rows.find((r) => r.distanceFrom)?.distanceFrom;
  const items = virtual.getVirtualItems();
  const padTop = items[0]?.start ?? 0;
  const padBottom = virtual.getTotalSize() - (items.at(-1)?.end ?? 0);
  return (
    <section className="townships" data-testid="township-table">
      <h4>{t("townshipHeading", countyName, rows.length)}</h4>
      {from && (
        // what the distance column measures from, where the list has no 县域医疗中心 (the planner trial, s41-b #8)
        <p className="hint" data-testid="township-distance-from">
          {t(
            from.kind === "county-medical-centre"
              ? "distanceFromCentre"
              : from.kind === "peoples-hospital"
                ? subDistanceRule
                  ? "distanceFromHospital"
                  : "distanceFromHospitalNoRule"
                : "distanceFromSeat",
            from.name,
          )}
        </p>
      )}
      {notInList && (
        <p className="hint not-in-list-note" data-testid="township-not-in-list">
          {t("townshipNotInList")}
        </p>
      )}
      {needs && (
        <p className="hint" data-testid="township-ems-needs">
          {pick(needs)}
        </p>
      )}
      <div className="table-wrap township-scroll" ref={scrollerRef}>
        <table
          className="county-table fixed"
          data-font-px={fontPx}
          style={{ minWidth, ...(fontPx !== FONT_PX && { fontSize: fontPx }) }}
        >
          <colgroup>
            <col />
            {widths.map((w, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the table's columns, in order
              <col key={i} style={w ? { width: w } : undefined} />
            ))}
          </colgroup>
          <thead>
            <tr>
              {header("code", t("colTownship"))}
              <th scope="col">{t("colTownshipKind")}</th>
              {header("centres", t("colCentre"))}
              {header("distance", t("colDistanceCentre"))}
              {header("villages", t("colVillages"))}
              <th scope="col">{withHeading}</th>
              {header("without", t("colWithoutClinic"))}
              {header("population", t("colPopulation"))}
              {radii.map((r) => header(`ems:${r}`, t("colEmsShare", r)))}
            </tr>
          </thead>
          <tbody>
            {padTop > 0 && (
              <tr className="spacer" style={{ height: padTop }}>
                <td colSpan={8 + radii.length} />
              </tr>
            )}
            {items.map((vi) => {
              const r = rows[vi.index];
              return (
                // measured as drawn: a name or centres that wrap make a row taller (the user trial, s52 L2: cut to
                // 「新街回…」, the centres' names clipped)
                <tr
                  key={r.code}
                  ref={virtual.measureElement}
                  data-index={vi.index}
                  data-township-code={r.code}
                  style={{ height: ROW_PX }}
                >
                  {/* the name as written: no township has an English name the app can vouch for (the counties' come
                      from a table; pinyin-pro reads 什川 「shenchuan」), so in English the kind is said beside it, in
                      words, on hover as in the next column (the user trial, s54 L9: 「平襄镇 town none」) */}
                  <td
                    className="tname"
                    lang={lang === "en" ? "zh" : undefined}
                    title={lang === "en" ? `${r.name} (${t(KIND[r.kind])})` : r.name}
                  >
                    {r.name}
                  </td>
                  <td className="wrap" title={lang === "en" && r.kind !== "other" ? r.kind : undefined}>
                    {t(KIND[r.kind])}
                  </td>
                  <td data-centres={unknown(r) ? undefined : r.centres.length}>
                    {unknown(r) ? (
                      <span className="muted" title={t(r.noFacilityData ? "statusNeedsData" : "notInListTitle")}>
                        ?
                      </span>
                    ) : r.centres.length === 0 && r.refusedCentres ? (
                      // its centre's row was refused for its position: for review, as its violation says, not 无
                      <span
                        className="review-tag"
                        data-testid="township-refused"
                        title={t(
                          r.refusedCentres.every((x) => x.notCounted)
                            ? "townshipNotCountedTitle"
                            : "townshipRefusedTitle",
                          r.refusedCentres.length,
                          r.refusedCentres.map((x) => x.row).join(t("listJoin")),
                          r.refusedCentres.map((x) => x.name).join(t("listJoin")),
                        )}
                      >
                        ◐{" "}
                        {t(
                          r.refusedCentres.every((x) => x.notCounted) ? "townshipNotCounted" : "townshipRefused",
                          r.refusedCentres.length,
                          r.refusedCentres.map((x) => x.row).join(t("listJoin")),
                        )}
                      </span>
                    ) : r.centres.length === 0 && r.centreForReview ? (
                      // the rule leaves it for review (an uncoded centre may be its own), as its violation says
                      <span
                        className="review-tag"
                        data-testid="township-centre-review"
                        title={t("townshipCentreReviewTitle")}
                      >
                        ◐ {t("townshipCentreReview")}
                      </span>
                    ) : r.centres.length === 0 ? (
                      <span className="bad">{t("noCentre")}</span>
                    ) : (
                      r.centres.map((c) => (
                        <span
                          key={c.id}
                          className="centre"
                          data-central={c.central}
                          data-sub-centre={c.subCentre}
                          data-proposed={c.proposed === true}
                        >
                          {c.name}
                          {c.central ? ` [${t("centreCentral")}]` : ""}
                          {c.subCentre ? ` [${t("centreSub")}]` : ""}
                          {c.proposed ? ` [${t("centreProposed")}]` : ""}{" "}
                        </span>
                      ))
                    )}
                  </td>
                  <td
                    className="num"
                    data-km={r.distanceToCountyCentreKm}
                    title={
                      // several centres: each one's distance (the sub-centre's is the one shown: the re-trial, s49b #2)
                      r.centres.length > 1
                        ? r.centres
                            .map((c) =>
                              c.distanceKm === undefined
                                ? c.name
                                : `${c.name} ${distanceKm(c.distanceKm, subDistanceRule ? subDistanceKm : undefined).toFixed(2)} km`,
                            )
                            .join(t("listJoin"))
                        : undefined
                    }
                  >
                    {km(r)}
                  </td>
                  <td className="num">{r.villages}</td>
                  <td className="num">{clinics(r, r.villagesWithClinic)}</td>
                  <td
                    className={`num ${r.villagesWithoutClinic - (r.villagesForReview ?? 0) > 0 && !unknown(r) ? "bad" : ""}`}
                    data-for-review={r.villagesForReview}
                    title={
                      !unknown(r) && r.villagesForReview
                        ? t(
                            "forReviewTitle",
                            r.villagesForReview,
                            (r.villagesForReviewNames ?? []).slice(0, 12).join(t("listJoin")) +
                              ((r.villagesForReviewNames?.length ?? 0) > 12 ? t("andMore") : ""),
                          )
                        : undefined
                    }
                  >
                    {without(r)}
                  </td>
                  <td className="num">{pop(r)}</td>
                  {radii.map((km) => {
                    const e = emsShare(r, km);
                    return (
                      <td key={km} className="num" data-ems-km={km} data-share={e?.share}>
                        {e ? sharePct(e.share) : "–"}
                        {/* the villages located, under the share: the column holds the share, not both */}
                        {e && <span className="located">({e.located})</span>}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
            {padBottom > 0 && (
              <tr className="spacer" style={{ height: padBottom }}>
                <td colSpan={8 + radii.length} />
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}
