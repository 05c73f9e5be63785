import type { ParamSpec } from "../../core";
import { useI18n } from "../i18n";
import { NumberInput } from "./NumberInput";

/**
 * A distance in km for one of the plan's parameters: a NumberInput with the parameter's range (from the rule set's
 * spec), naming the rule when the plan sets the range; the unit (km) follows the box.
 */
export function KmInput(props: {
  value: number;
  spec: ParamSpec;
  testId: string;
  label?: string;
  onCommit: (km: number) => void;
}) {
  const { t, pick } = useI18n();
  const { spec } = props;
  return (
    <NumberInput
      value={props.value}
      min={spec.min}
      max={spec.max}
      unit={t("unitKm")}
      suffix="km"
      label={pick(spec.label)}
      ariaLabel={props.label}
      rule={spec.rangeFrom === "plan" && spec.rule ? spec.rule : null}
      testId={props.testId}
      className="km-input"
      onCommit={props.onCommit}
    />
  );
}
