import type { ReactNode } from "react";
import { useI18n } from "../i18n";
import { FileInput } from "./FileInput";

/** The Data tab's inputs drawn by {@link ImportSection}: each has messages `NAMEHeading` and `NAMEHint`. */
export type ImportName = "urban" | "unitPopulation" | "staffing" | "raster";

/**
 * One input file of the Data tab: heading, what the file holds, the file picker, what is in use with a button to
 * clear it (labelled `clearLabel`, else 清除 / Clear), then whatever the caller adds (its issues, the definition in use).
 * Test ids follow the name in kebab case: `NAME-section`, `import-NAME`, `NAME-in-use`, `clear-NAME`.
 */
export function ImportSection(props: {
  name: ImportName;
  accept: string;
  onFile: (file: File) => void;
  /** What is in use now (absent: nothing imported). */
  inUse?: string | null | false;
  onClear: () => void;
  clearLabel?: string;
  children?: ReactNode;
}) {
  const { t } = useI18n();
  const id = props.name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  return (
    <section data-testid={`${id}-section`}>
      <h3>{t(`${props.name}Heading`)}</h3>
      <p className="hint">{t(`${props.name}Hint`)}</p>
      <FileInput accept={props.accept} testId={`import-${id}`} onFile={props.onFile} />
      {props.inUse && (
        <p data-testid={`${id}-in-use`}>
          {props.inUse}{" "}
          <button type="button" data-testid={`clear-${id}`} onClick={props.onClear}>
            {props.clearLabel ?? t("clear")}
          </button>
        </p>
      )}
      {props.children}
    </section>
  );
}
