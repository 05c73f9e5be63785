/**
 * The scripts' command-line options, read from `process.argv` after the script's own path.
 *
 * `option("--dist")` is the word after the first `--dist`, or `undefined` when `--dist` is absent or is the last word
 * (no value is checked: `--dist --runs 3` gives `"--runs"`). `flag("--trace")` is whether `--trace` appears at all.
 */
const args = process.argv.slice(2);

/** The word after the first occurrence of `name`, or `undefined` when `name` is absent or last. */
export const option = (name: string): string | undefined => {
  const k = args.indexOf(name);
  return k >= 0 ? args[k + 1] : undefined;
};

/** The word after each occurrence of `name` (`--dist A --dist B`: both), in order. */
export const options = (name: string): string[] =>
  args.flatMap((a, i) => (args[i - 1] === name && a !== undefined ? [a] : []));

/** Whether `name` is among the arguments. */
export const flag = (name: string): boolean => args.includes(name);
