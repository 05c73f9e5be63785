/** A file picker that hands over one file and resets itself, so the same file can be chosen again. */
export function FileInput(props: { testId: string; accept: string; onFile: (file: File) => void; label?: string }) {
  return (
    <input
      type="file"
      accept={props.accept}
      data-testid={props.testId}
      aria-label={props.label}
      onChange={(e) => {
        const f = e.target.files?.[0];
        if (f) props.onFile(f);
        e.target.value = "";
      }}
    />
  );
}
