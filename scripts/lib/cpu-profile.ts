/** V8 CPU profiles (CDP `Profiler.stop`, `--cpu-prof`) read for the profiling scripts. */

export interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber?: number };
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/**
 * Self time by function (ms) and the inclusive time of each function (counted once per sample), the `top` largest of
 * each as printable lines; `total` is the profile's span and `busy` the sampled time counted (idle samples are left
 * out when `skipIdle`). Functions are named `name file:line`.
 */
export function breakdown(p: CpuProfile, opts: { top: number; skipIdle?: boolean; digits?: number }) {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const incl = new Map<string, number>();
  const label = (n: ProfileNode) => {
    const f = n.callFrame;
    const file = f.url.split("/").pop()?.split("?")[0] ?? "";
    return `${f.functionName || "(anonymous)"} ${file}:${f.lineNumber + 1}`;
  };
  let busy = 0;
  for (let i = 0; i < p.samples.length; i++) {
    const dt = (p.timeDeltas[i + 1] ?? 0) / 1000;
    const n = byId.get(p.samples[i])!;
    if (opts.skipIdle && n.callFrame.functionName === "(idle)") continue;
    busy += dt;
    self.set(label(n), (self.get(label(n)) ?? 0) + dt);
    const seen = new Set<string>();
    for (let id: number | undefined = n.id; id !== undefined; id = parent.get(id)) {
      const l = label(byId.get(id)!);
      if (seen.has(l)) continue;
      seen.add(l);
      incl.set(l, (incl.get(l) ?? 0) + dt);
    }
  }
  const digits = opts.digits ?? 0;
  const sort = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, opts.top)
      .map(([k, v]) => `${v.toFixed(digits).padStart(7 + Math.min(digits, 1))} ms  ${k}`);
  return { total: (p.endTime - p.startTime) / 1000, busy, self: sort(self), incl: sort(incl) };
}
