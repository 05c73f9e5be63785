/**
 * The command line's exit codes, the same for every command (`analyze`, its region runs, `suggest`, `report`); listed
 * in each command's --help, README.md and docs/reliability.md. Violations found are not an error: a plan that breaks
 * its rules is what the tool is for, so a run that analysed everything exits 0 whatever it found.
 */
export const EXIT = {
  /** Analysed, every input row accepted; the outputs written. */
  ok: 0,
  /** A defect of ours (an internal error, printed with its stack). */
  defect: 1,
  /**
   * Bad usage or input (an option out of range, a facility or boundary file unusable as a whole or with every row
   * rejected, facilities of another city): nothing analysed, no output written.
   */
  badInput: 2,
  /**
   * Done with rejected rows: the other rows analysed and the outputs written, every rejected row named on screen (the
   * first 50) and in DIR/rejected.csv.
   */
  rejectedRows: 3,
} as const;

/** The exit code of a command that ran to the end with `rejected` rows refused. */
export function doneExit(rejected: number): typeof EXIT.ok | typeof EXIT.rejectedRows {
  return rejected > 0 ? EXIT.rejectedRows : EXIT.ok;
}
