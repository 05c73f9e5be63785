/**
 * Named moments as User Timing marks (`performance.mark`, origin: navigation start).
 *
 * - `markOnce`: a cold load's timeline, each mark `hfp:<name>` set once; `scripts/profile-browser.ts` prints it.
 *   They cost a few microseconds and read nothing.
 * - `perfMark`: a drag release's timeline (pointer up → message posted → worker start and end → answer received →
 *   state set → React commit → map setData → frame painted), read by `scripts/profile-drag.ts`. Recorded only while
 *   `globalThis.__hfpMarks` is true (the profiling script sets it in the page and in the analysis worker), so a
 *   planner's long session leaves no entries behind. The map also marks each frame drawn (`map:frame`), each source's
 *   data handed to MapLibre (`map:send-<source>`) and each tile a source delivered (`map:tile:<source>`) under the same
 *   switch, for `scripts/profile-frames.ts` and `scripts/profile-drag.ts`.
 */
const seen = new Set<string>();

/** Marks `hfp:<name>` the first time it is reached. */
export function markOnce(name: string): void {
  if (seen.has(name)) return;
  seen.add(name);
  performance.mark(`hfp:${name}`);
}

/** Marks `name` while a profiling script asks for marks. */
export function perfMark(name: string): void {
  if ((globalThis as { __hfpMarks?: boolean }).__hfpMarks) performance.mark(name);
}
