import type { ReactNode } from "react";
import { FileInput } from "./FileInput";

/**
 * One input file of the Data tab: heading, what the file holds, the file picker (`import-NAME`), what is in use with
 * a button to clear it (`NAME-in-use`, `clear-NAME`), then whatever the caller adds (its issues, the definition in
 * use). The section is `NAME-section`.
 */
export function ImportSection(props: {
  name: string;
  heading: string;
  hint: string;
  accept: string;
  onFile: (file: File) => void;
  /** What is in use now, and how clearing it is labelled (absent: nothing imported). */
  inUse?: { text: string; clearLabel: string; onClear: () => void } | null;
  children?: ReactNode;
}) {
  const { name, inUse } = props;
  return (
    <section data-testid={`${name}-section`}>
      <h3>{props.heading}</h3>
      <p className="hint">{props.hint}</p>
      <FileInput accept={props.accept} testId={`import-${name}`} onFile={props.onFile} />
      {inUse && (
        <p data-testid={`${name}-in-use`}>
          {inUse.text}{" "}
          <button type="button" data-testid={`clear-${name}`} onClick={inUse.onClear}>
            {inUse.clearLabel}
          </button>
        </p>
      )}
      {props.children}
    </section>
  );
}
