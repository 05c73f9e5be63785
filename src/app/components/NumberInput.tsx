import { type ReactNode, useEffect, useId, useState } from "react";
import { useI18n } from "../i18n";

export interface NumberInputProps {
  value: number;
  min: number;
  max: number;
  /** Whole numbers only (a count of sites). */
  integer?: boolean;
  /** The unit the messages name (公里 / km, % , 个 / sites …), in the language on screen. */
  unit: string;
  /** Shown after the box, when the label does not already carry the unit. */
  suffix?: string;
  /** The quantity's name, for the refusal message (and screen readers, unless ariaLabel is given). */
  label?: string;
  ariaLabel?: string;
  /** The rule that sets the range, when a plan sets it. */
  rule?: string | null;
  testId: string;
  className?: string;
  /** When given, the box comes inside a <label> with this caption before it. */
  caption?: ReactNode;
  /**
   * A form value, not an analysis input: each valid value is committed as it is typed (a reload while typing keeps
   * it: the Suggest form's k was kept only once the box was left); a value not valid is still said only on Enter or
   * when the field is left.
   */
  live?: boolean;
  onCommit: (value: number) => void;
}

/**
 * A number, edited freely as text and committed on Enter or when the field loses focus; Esc goes back to the value
 * in use. A value outside [min, max], not a number, or not whole where a whole number is asked, is not applied: the
 * field keeps what was typed and says why under the box, and the value in use stays (never a silent substitute).
 */
export function NumberInput(props: NumberInputProps) {
  const { t } = useI18n();
  const { min, max, unit } = props;
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  // a value committed but not yet back from its owner (an analysis re-scoring): shown, and named as the value in
  // use, until it arrives, so the box never snaps back to the old value meanwhile
  const [committed, setCommitted] = useState<number | null>(null);
  useEffect(() => {
    if (committed !== null && props.value === committed) setCommitted(null);
  }, [props.value, committed]);
  // live: the value in use when the typing began, which a value not valid (or Esc) goes back to: typing 「2.5」 passed
  // through a valid 「2」, and the message said 「仍按 2 个计算」
  const [began, setBegan] = useState<number | null>(null);
  const inUse = (props.live ? began : null) ?? committed ?? props.value;
  const errorId = useId();
  const inputId = useId();
  /** The typed text's value, or why it is not applied. */
  const read = (typed: string): { value: number } | { error: string } => {
    const text = typed
      .trim()
      .replace(/[，,]/g, ".")
      .replace(/(公里|km|%|％|分钟|min)$/i, "")
      .trim();
    const v = Number(text);
    // an emptied box: said so, not 「“”不是数字」 (the re-trial)
    if (text === "") return { error: t("numberEmpty", inUse, unit) };
    if (!Number.isFinite(v)) return { error: t("numberNotANumber", typed, inUse, unit) };
    if (props.integer && !Number.isInteger(v)) return { error: t("numberNotWhole", typed, inUse, unit) };
    if (v < min || v > max)
      return { error: t("numberOutOfRange", props.label ?? null, min, max, unit, props.rule ?? null, inUse) };
    return { value: v };
  };
  const apply = (v: number) => {
    if (v === (committed ?? props.value)) return;
    setCommitted(v);
    props.onCommit(v);
  };
  const commit = () => {
    if (draft === null) return;
    const r = read(draft);
    if ("error" in r) {
      setError(r.error);
      // live: what the typing passed through is not kept
      if (props.live && began !== null) apply(began);
      return;
    }
    setDraft(null);
    setError(null);
    setBegan(null);
    apply(r.value);
  };
  const field = (
    <span className={`num-input${props.className ? ` ${props.className}` : ""}`}>
      <span className="num-row">
        <input
          id={inputId}
          type="text"
          inputMode={props.integer ? "numeric" : "decimal"}
          value={draft ?? String(inUse)}
          data-testid={props.testId}
          aria-label={props.ariaLabel ?? props.label}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          className={error ? "invalid" : undefined}
          onChange={(e) => {
            setDraft(e.target.value);
            setError(null);
            if (props.live) {
              if (began === null) setBegan(inUse);
              const r = read(e.target.value);
              if ("value" in r) apply(r.value);
            }
          }}
          onKeyDown={(e) => {
            if (e.key === "Enter") commit();
            else if (e.key === "Escape") {
              if (props.live && began !== null) apply(began);
              setDraft(null);
              setError(null);
              setBegan(null);
            }
          }}
          onBlur={commit}
        />
        {props.suffix}
      </span>
      {error && (
        <span className="field-error" id={errorId} role="alert" data-testid={`${props.testId}-error`}>
          {error}
        </span>
      )}
    </span>
  );
  if (props.caption === undefined) return field;
  return (
    <label htmlFor={inputId}>
      {props.caption}
      {field}
    </label>
  );
}
