import { useI18n } from "../i18n";

/**
 * A file picker that hands over one file and resets itself, so the same file can be chosen again. Its button reads in
 * the interface's language (the browser's own file input speaks the browser's).
 */
export function FileInput(props: { testId: string; accept: string; onFile: (file: File) => void; label?: string }) {
  const { t } = useI18n();
  return (
    <label className="file-button">
      {props.label ?? t("chooseFile")}
      <input
        type="file"
        className="visually-hidden"
        accept={props.accept}
        data-testid={props.testId}
        onChange={(e) => {
          const f = e.target.files?.[0];
          if (f) props.onFile(f);
          e.target.value = "";
        }}
      />
    </label>
  );
}
