import { existsSync, readdirSync, readFileSync } from "node:fs";

/**
 * CPU seconds (user + system) used so far by this process's descendants that are alive (Chromium's browser, GPU,
 * renderer and utility processes; not this Node process), from /proc; null where /proc is missing. `parts` splits it
 * by kind of process (Chromium's `--type=`, `browser` for its own, `node` for anything else) and thread name
 * (`CrRendererMain`, the page's main thread; `DedicatedWorker`, the app's workers and MapLibre's; `CrGpuMain` and
 * SwiftShader's threads in the GPU process; …), so that a figure says whose work it is; a process's threads that have
 * ended are its part `(ended threads)`.
 */
export interface TreeCpu {
  total: number;
  parts: Map<string, number>;
}

/** The fields after a /proc stat line's command: state ppid … utime (14th field) stime (15th), i.e. f[11], f[12]. */
const fields = (text: string) => text.slice(text.lastIndexOf(")") + 2).split(" ");
const seconds = (f: string[]) => (Number(f[11]) + Number(f[12])) / 100; // USER_HZ

export function treeCpu(): TreeCpu | null {
  if (!existsSync("/proc/self/stat")) return null;
  const ppid = new Map<number, number>();
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      ppid.set(Number(d), Number(fields(readFileSync(`/proc/${d}/stat`, "utf8"))[1]));
    } catch {
      // the process ended meanwhile
    }
  }
  const mine = (pid: number): boolean => {
    for (let p = ppid.get(pid); p !== undefined && p > 1; p = ppid.get(p)) if (p === process.pid) return true;
    return false;
  };
  const parts = new Map<string, number>();
  const add = (key: string, s: number) => parts.set(key, (parts.get(key) ?? 0) + s);
  let total = 0;
  for (const pid of ppid.keys()) {
    if (!mine(pid)) continue;
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8");
      const kind = cmd.includes("chrom") ? (/--type=([\w-]+)/.exec(cmd)?.[1] ?? "browser") : "node";
      const own = seconds(fields(readFileSync(`/proc/${pid}/stat`, "utf8")));
      let threads = 0;
      for (const tid of readdirSync(`/proc/${pid}/task`)) {
        const text = readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8");
        const name = text.slice(text.indexOf("(") + 1, text.lastIndexOf(")")).replace(/\d+$/, "");
        const s = seconds(fields(text));
        add(`${kind} ${name}`, s);
        threads += s;
      }
      if (own > threads) add(`${kind} (ended threads)`, own - threads);
      total += Math.max(own, threads);
    } catch {
      // the process or a thread ended meanwhile
    }
  }
  return { total, parts };
}

/** What each part used between two readings of {@link treeCpu}, in seconds. */
export function cpuSince(before: TreeCpu | null, after: TreeCpu | null): TreeCpu | null {
  if (!before || !after) return null;
  const parts = new Map<string, number>();
  for (const [k, v] of after.parts) parts.set(k, v - (before.parts.get(k) ?? 0));
  return { total: after.total - before.total, parts };
}

/** A reading's parts summed by kind of process (`browser`, `gpu-process`, `renderer`, …). */
export function byKind(cpu: TreeCpu): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of cpu.parts) {
    const kind = k.slice(0, k.indexOf(" "));
    out[kind] = (out[kind] ?? 0) + v;
  }
  return out;
}
