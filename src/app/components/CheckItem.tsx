import { type AnalysisReport, bookTitle, type CoverageShortfall, type RuleSet } from "../../core";
import { useCountyName } from "../county-names";
import { sharePct } from "../format";
import { type MessageKey, useI18n } from "../i18n";
import { findRule } from "../rulesets";

export type Check = AnalysisReport["counties"][number]["checks"][number];

export const STATUS_ICON: Record<Check["status"], string> = {
  pass: "✔",
  fail: "✘",
  review: "◐",
  info: "ℹ",
  "not-applicable": "–",
  "needs-data": "?",
  "out-of-scope": "○",
};

export const STATUS_LABEL: Record<Check["status"], MessageKey> = {
  pass: "statusPass",
  fail: "statusFail",
  review: "statusReview",
  info: "statusInfo",
  "not-applicable": "statusNotApplicable",
  "needs-data": "statusNeedsData",
  "out-of-scope": "statusOutOfScope",
};

/**
 * One check as a reviewer reads it: verdict, rule and its description, whether the plan marks it 约束性 or 预期性,
 * the measured message (which ends with the units the rule binds, in the plan's words), and where the text allows two readings (SUB-COUNT)
 * both side by side with the one that governs the verdict marked.
 */
/** Whether the proposed sites changed a check: its verdict, or its covered share by more than 0.05 percentage points. */
function changedByPlan(now: Check, before: Check): boolean {
  if (now.status !== before.status) return true;
  return (
    now.coveredShare !== undefined &&
    before.coveredShare !== undefined &&
    Math.abs(now.coveredShare - before.coveredShare) > 0.0005
  );
}

export function CheckItem({
  check: k,
  ruleSet,
  shortfall,
  before,
}: {
  check: Check;
  ruleSet: RuleSet;
  /** A failing coverage check's violation figures: where its largest gap lies (the nearest EMS point counted). */
  shortfall?: CoverageShortfall;
  /**
   * The same check without the proposed sites (the baseline): where they changed its verdict or its share, the row
   * says it counts them and what it was before (the re-check, s55c N4: 「✔ 达标」 resting on an unbuilt site, unsaid).
   */
  before?: Check;
}) {
  const { t, pick } = useI18n();
  const countyName = useCountyName();
  const rule = findRule(ruleSet, k.rule);
  return (
    <li className={`check ${k.status}`} data-rule={k.rule} data-status={k.status}>
      <span className="status">
        {STATUS_ICON[k.status]} {t(STATUS_LABEL[k.status])}
      </span>{" "}
      {before && changedByPlan(k, before) && (
        <span className="hint" data-testid="check-before">
          {t(
            "checkWithPlan",
            t(STATUS_LABEL[before.status]),
            before.coveredShare !== undefined ? sharePct(before.coveredShare, before.uncoveredAreaKm2) : "",
          )}{" "}
        </span>
      )}
      <b>{k.rule}</b> {rule ? pick(rule.description) : ""}
      {k.nature && (
        <span className={`nature ${k.nature}`} data-nature={k.nature}>
          {" "}
          [{t(k.nature === "binding" ? "natureBinding" : "natureExpected")}]
        </span>
      )}
      <div className="measured">{pick(k.message)}</div>
      {k.status !== "out-of-scope" && rule && rule.provenance.length > 0 && (
        // the plan's lines beside every verdict, a pass as well (the planner trial, s40-a #7; the reviewer trial, s41-a
        // #3: a ✔ could not be checked against the plan), and a not-applicable row too: it states the plan's terms
        // and names the candidates (the user trial, s46-b #8); the quotes and the rule's reading on hover
        <div
          className="measured cite"
          data-testid={`cite-${k.rule}`}
          title={[
            ...rule.provenance
              .filter((p) => p.role !== "exemption")
              .map((p) => `${p.doc}:${p.line} ${bookTitle(p)} ${p.section}：“${p.quote}”`),
            t("checkReading", pick(rule.interpretation)),
          ].join("\n")}
        >
          {t(
            "checkCites",
            [...new Set(rule.provenance.filter((p) => p.role !== "exemption").map((p) => `${p.doc}:${p.line}`))].join(
              ", ",
            ),
          )}
        </div>
      )}
      {k.candidates && k.candidates.length > 0 && (
        // each central THC with its distance and why it does not qualify (the user trial, s46-b #7: only a count)
        // under their own heading, as the review report words them: a ✔ candidate under the sub-centres' ✘ read as the
        // sub-centre (the re-trial, s49b #2)
        <ul
          className="measured candidates"
          data-testid={`candidates-${k.rule}`}
          aria-label={t("candidatesHeading", k.limit ?? 0)}
        >
          <li className="candidates-heading">{t("candidatesHeading", k.limit ?? 0)}</li>
          {k.candidates.map((c) => (
            <li key={c.facilityId} data-qualifies={c.qualifies} data-distance-km={c.distanceKm}>
              {c.qualifies ? "✔" : "✘"} {pick(c.text)}
            </li>
          ))}
        </ul>
      )}
      {shortfall?.largestGapKm2 !== undefined && (
        <div className="measured" data-testid={`gap-where-${k.rule}`}>
          {t(
            "checkGapWhere",
            shortfall.gapCount,
            shortfall.largestGapKm2.toFixed(1),
            shortfall.nearestPointKm === undefined
              ? null
              : t(
                  "vdNearest",
                  shortfall.nearestPointName ?? shortfall.nearestPointId ?? "",
                  shortfall.nearestPointKm.toFixed(2),
                ),
          )}
        </div>
      )}
      {shortfall?.neighbourPointKm !== undefined && shortfall.radiusKm !== undefined && (
        // the nearest point outside the network counted that reaches the gap (the audit, s50 LOW-3)
        <div className="measured" data-testid={`gap-neighbour-${k.rule}`}>
          {t(
            "vdNeighbour",
            shortfall.neighbourPointName ?? shortfall.neighbourPointId ?? "",
            shortfall.neighbourPointCounty
              ? countyName(shortfall.neighbourPointCounty, shortfall.neighbourPointCountyName ?? "")
              : "",
            shortfall.neighbourPointKm.toFixed(2),
            shortfall.radiusKm,
          )}
        </div>
      )}
      {k.demand && k.demand.total > 0 && (
        <div className="measured" data-testid={`demand-${k.rule}`}>
          {t(
            "demandCovered",
            k.demand.covered,
            k.demand.total,
            sharePct(k.demand.weightTotal ? k.demand.weightCovered / k.demand.weightTotal : 0),
          )}
        </div>
      )}
      {k.readings && k.readings.length > 0 && (
        <div className="readings" data-testid={`readings-${k.rule}`}>
          <div className="hint">{t("readingsHeading")}</div>
          <div className="readings-row">
            {k.readings.map((r) => (
              <div
                key={pick(r.label)}
                className={`reading ${r.governs ? "governs" : ""}`}
                data-governs={r.governs}
                data-status={r.status}
              >
                <b>{pick(r.label)}</b>{" "}
                <span className="status">
                  {STATUS_ICON[r.status]} {t(STATUS_LABEL[r.status])}
                </span>{" "}
                <span className="tag">{t(r.governs ? "readingGoverns" : "readingAdvisory")}</span>
                {r.expected && (
                  <span className="hint">
                    {" "}
                    ({r.expected[0]}–{r.expected[1]})
                  </span>
                )}
                <div className="measured">{pick(r.message)}</div>
              </div>
            ))}
          </div>
        </div>
      )}
    </li>
  );
}
