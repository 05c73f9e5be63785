/**
 * Named moments of a cold load as User Timing marks (`performance.mark`, origin: navigation start), each set once:
 * `scripts/profile-browser.ts` prints them as the load's timeline. They cost a few microseconds and read nothing.
 */
const seen = new Set<string>();

/** Marks `hfp:<name>` the first time it is reached. */
export function markOnce(name: string): void {
  if (seen.has(name)) return;
  seen.add(name);
  performance.mark(`hfp:${name}`);
}
