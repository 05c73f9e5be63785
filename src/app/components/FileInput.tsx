import { useI18n } from "../i18n";

/**
 * A file picker that hands over one file and resets itself, so the same file can be chosen again. Its button reads in
 * the interface's language (the browser's own file input speaks the browser's). With `onFiles`, several files may be
 * chosen at once (a Shapefile's .shp, .dbf, .prj and .cpg) and all are handed over instead.
 */
export function FileInput(props: {
  testId: string;
  accept: string;
  onFile: (file: File) => void;
  onFiles?: (files: File[]) => void;
  label?: string;
}) {
  const { t } = useI18n();
  return (
    <label className="file-button">
      {props.label ?? t("chooseFile")}
      <input
        type="file"
        className="visually-hidden"
        accept={props.accept}
        multiple={props.onFiles !== undefined}
        data-testid={props.testId}
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          if (props.onFiles && files.length > 0) props.onFiles(files);
          else if (files[0]) props.onFile(files[0]);
          e.target.value = "";
        }}
      />
    </label>
  );
}
