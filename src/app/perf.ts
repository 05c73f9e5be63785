/**
 * Timeline marks of a drag release (pointer up → message posted → worker start and end → answer received → state set
 * → React commit → map setData → frame painted), read by `scripts/profile-drag.ts`. They are recorded only while
 * `globalThis.__hfpMarks` is true (the profiling script sets it in the page and in the analysis worker), so a
 * planner's long session leaves no entries behind.
 */
export function perfMark(name: string): void {
  if ((globalThis as { __hfpMarks?: boolean }).__hfpMarks) performance.mark(name);
}
