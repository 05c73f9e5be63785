import { useEffect, useId, useState } from "react";
import type { ParamSpec } from "../../core";
import { useI18n } from "../i18n";

/**
 * A distance in km, edited freely as text and committed on Enter or when the field loses focus; Esc goes back to
 * the value in use. The unit (km) follows the box and a refusal goes under both. A value outside the parameter's range (from the rule set's spec) or not a number is not
 * applied: the field keeps what was typed and says why, and the value in use stays.
 */
export function KmInput(props: {
  value: number;
  spec: ParamSpec;
  testId: string;
  label?: string;
  onCommit: (km: number) => void;
}) {
  const { t, pick } = useI18n();
  const { min, max } = props.spec;
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  // a value committed but not yet back from the analysis: shown (and named as the value in use) until it arrives,
  // so the box never snaps back to the old value while the county grids re-score
  const [committed, setCommitted] = useState<number | null>(null);
  useEffect(() => {
    if (committed !== null && props.value === committed) setCommitted(null);
  }, [props.value, committed]);
  const inUse = committed ?? props.value;
  const errorId = useId();
  const commit = () => {
    if (draft === null) return;
    const text = draft
      .trim()
      .replace(/[，,]/g, ".")
      .replace(/(公里|km)$/i, "")
      .trim();
    const v = Number(text);
    if (text === "" || !Number.isFinite(v)) {
      setError(t("kmNotANumber", draft, inUse));
      return;
    }
    if (v < min || v > max) {
      const where = props.spec.rangeFrom === "plan" && props.spec.rule ? props.spec.rule : null;
      setError(t("kmOutOfRange", pick(props.spec.label), min, max, where, inUse));
      return;
    }
    setDraft(null);
    setError(null);
    if (v !== inUse) {
      setCommitted(v);
      props.onCommit(v);
    }
  };
  return (
    <span className="km-input">
      <span className="km-row">
        <input
          type="text"
          inputMode="decimal"
          value={draft ?? String(inUse)}
          data-testid={props.testId}
          aria-label={props.label}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          className={error ? "invalid" : undefined}
          onChange={(e) => {
            setDraft(e.target.value);
            setError(null);
          }}
          onKeyDown={(e) => {
            if (e.key === "Enter") commit();
            else if (e.key === "Escape") {
              setDraft(null);
              setError(null);
            }
          }}
          onBlur={commit}
        />
        km
      </span>
      {error && (
        <span className="field-error" id={errorId} role="alert" data-testid={`${props.testId}-error`}>
          {error}
        </span>
      )}
    </span>
  );
}
