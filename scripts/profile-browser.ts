/**
 * Where the first map's time goes: one cold load of the built app in headless Chromium (as bench-browser.ts) with
 * V8's sampling profiler running in the page and in the analysis worker (CDP: the page's session, and the worker
 * target attached from a browser-level session), the resource timings of every fetch, the long tasks, the test
 * hook's publications and the first table row. Prints a timeline (the busy stretches of the page's main thread and of
 * the worker, with the functions that fill them) and, per thread, the self and inclusive time by function.
 * Usage: npx tsx scripts/profile-browser.ts --dist DIR [--out test-output/profile]; a build with
 * `vite build --minify false --outDir DIR` keeps the function names readable.
 * The raw profiles are written as .cpuprofile files (open them in Chrome DevTools' Performance panel).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import type { CDPSession } from "playwright-core";
import { option } from "./lib/args";
import { openBuiltApp } from "./lib/built-app";
import { breakdown, type CpuProfile } from "./lib/cpu-profile";

const dist = option("--dist") ?? "dist";
const out = option("--out") ?? "test-output/profile";
mkdirSync(out, { recursive: true });

/**
 * The busy stretches of a thread (samples neither idle nor GC-free gaps longer than 5 ms apart), in ms from `t0` (a
 * profile's clock, microseconds), each with the app-level functions that fill most of it.
 */
function stretches(p: CpuProfile, t0: number, minMs = 150) {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const out: string[] = [];
  let t = p.startTime;
  let cur: { from: number; to: number; fns: Map<string, number> } | null = null;
  const flush = () => {
    if (cur && (cur.to - cur.from) / 1000 >= minMs) {
      const top = [...cur.fns.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 6)
        .map(([k, v]) => `${k} ${(v / 1000).toFixed(0)}`)
        .join(", ");
      out.push(
        `${((cur.from - t0) / 1000).toFixed(0).padStart(6)} → ${((cur.to - t0) / 1000).toFixed(0).padStart(6)} ms (${((cur.to - cur.from) / 1000).toFixed(0)} ms): ${top}`,
      );
    }
    cur = null;
  };
  for (let i = 0; i < p.samples.length; i++) {
    t += p.timeDeltas[i];
    const n = byId.get(p.samples[i])!;
    if (n.callFrame.functionName === "(idle)") continue;
    if (cur && t - cur.to > 5000) flush();
    cur ??= { from: t, to: t, fns: new Map() };
    const dt = p.timeDeltas[i + 1] ?? 0;
    cur.to = t + dt;
    const seen = new Set<string>();
    for (let id: number | undefined = n.id; id !== undefined; id = parent.get(id)) {
      const f = byId.get(id)!.callFrame;
      const name = f.functionName;
      if (!name || name.length < 3 || name.startsWith("(") || seen.has(name)) continue;
      seen.add(name);
      cur.fns.set(name, (cur.fns.get(name) ?? 0) + dt);
    }
    if (n.callFrame.functionName === "(program)" || n.callFrame.functionName === "(garbage collector)")
      cur.fns.set(n.callFrame.functionName, (cur.fns.get(n.callFrame.functionName) ?? 0) + dt);
  }
  flush();
  return out;
}

const { server, url, browser, context, load0 } = await openBuiltApp(dist);
await context.addInitScript(() => {
  const w = window as unknown as { __prof: { tableAt: number | null } };
  const watch = () => {
    const obs = new MutationObserver(() => {
      if (w.__prof.tableAt === null && document.querySelector("[data-testid=county-table] tbody tr")) {
        w.__prof.tableAt = performance.now();
        obs.disconnect();
      }
    });
    obs.observe(document.documentElement, { childList: true, subtree: true });
  };
  if (document.documentElement) watch();
  else document.addEventListener("readystatechange", watch, { once: true });
});
const page = await context.newPage();
page.on("console", (m) => {
  if (m.type() === "error" || m.type() === "warning") console.log(`console.${m.type()}: ${m.text().slice(0, 200)}`);
});

// the worker: a browser-level session attaches to it as soon as it is created (not flattened: messages go through
// Target.sendMessageToTarget), and starts the profiler in it
const bsession: CDPSession = await browser.newBrowserCDPSession();
let msgId = 1;
const pending = new Map<number, (r: unknown) => void>();
const send = (sessionId: string, method: string, params: object = {}) =>
  new Promise<unknown>((resolve) => {
    const id = msgId++;
    pending.set(id, resolve);
    void bsession.send("Target.sendMessageToTarget", { sessionId, message: JSON.stringify({ id, method, params }) });
  });
bsession.on("Target.receivedMessageFromTarget", (e: { sessionId: string; message: string }) => {
  const m = JSON.parse(e.message) as { id?: number; result?: unknown };
  if (m.id !== undefined) pending.get(m.id)?.(m.result);
});
/** Every dedicated worker of the page (their URL is not known when they are created: the analysis worker is first). */
const workers: Array<{ sessionId: string; targetId: string; seenAt: number; started: Promise<unknown> }> = [];
bsession.on("Target.targetCreated", async (e: { targetInfo: { type: string; targetId: string } }) => {
  if (e.targetInfo.type !== "worker") return;
  const seenAt = Date.now();
  const r = (await bsession.send("Target.attachToTarget", { targetId: e.targetInfo.targetId, flatten: false })) as {
    sessionId: string;
  };
  const started = send(r.sessionId, "Profiler.enable")
    .then(() => send(r.sessionId, "Profiler.setSamplingInterval", { interval: 500 }))
    .then(() => send(r.sessionId, "Profiler.start"));
  workers.push({ sessionId: r.sessionId, targetId: e.targetInfo.targetId, seenAt, started });
});
await bsession.send("Target.setDiscoverTargets", { discover: true });

const psession = await context.newCDPSession(page);
await psession.send("Profiler.enable");
await psession.send("Profiler.setSamplingInterval", { interval: 500 });
await psession.send("Profiler.start");
const navAt = Date.now();
await page.goto(url);
await page.waitForFunction(
  () => {
    const b = (window as unknown as { __prof: { tableAt: number | null; pubs: { ready: boolean }[] } }).__prof;
    return b.tableAt !== null && b.pubs.some((p) => p.ready);
  },
  null,
  { timeout: 300_000, polling: 50 },
);
const pageProfile = ((await psession.send("Profiler.stop")) as { profile: CpuProfile }).profile;
const workerProfiles: CpuProfile[] = [];
for (const w of workers) {
  await w.started;
  workerProfiles.push(((await send(w.sessionId, "Profiler.stop")) as { profile: CpuProfile }).profile);
}
// the analysis worker is the one whose profile holds the analysis worker's script
const wi = workerProfiles.findIndex((p) => p.nodes.some((n) => n.callFrame.url.includes("analysis.worker")));
const workerProfile = workerProfiles[wi];
const workerSeenAt = workers[wi].seenAt;
const timeline = await page.evaluate(() => {
  const w = window as unknown as {
    __prof: { tableAt: number; pubs: { at: number; seq: number; ready: boolean }[]; long: number[][] };
  };
  const res = performance.getEntriesByType("resource") as PerformanceResourceTiming[];
  return {
    resources: res.map((r) => ({
      name: r.name.split("/").pop()!,
      start: r.startTime,
      end: r.responseEnd,
      bytes: r.encodedBodySize,
    })),
    domContentLoaded: (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming)
      .domContentLoadedEventEnd,
    tableAt: w.__prof.tableAt,
    pubs: w.__prof.pubs,
    long: w.__prof.long,
    marks: performance.getEntriesByType("mark").map((m) => ({ name: m.name, at: m.startTime })),
  };
});
writeFileSync(join(out, "page.cpuprofile"), JSON.stringify(pageProfile));
writeFileSync(join(out, "worker.cpuprofile"), JSON.stringify(workerProfile));
console.log(`load average ${load0.toFixed(2)} → ${loadavg()[0].toFixed(2)}`);
console.log(`worker target created ${workerSeenAt - navAt} ms after navigation (wall clock)`);
console.log("fetches (ms from navigation start):");
for (const r of timeline.resources)
  console.log(
    `  ${r.start.toFixed(0).padStart(6)} → ${r.end.toFixed(0).padStart(6)}  ${(r.bytes / 1024).toFixed(0).padStart(6)} kB  ${r.name}`,
  );
console.log(`DOMContentLoaded ${timeline.domContentLoaded.toFixed(0)} ms`);
for (const m of timeline.marks) console.log(`mark ${m.name} ${m.at.toFixed(0)} ms`);
console.log(`first table row ${timeline.tableAt.toFixed(0)} ms`);
console.log(`publications: ${timeline.pubs.map((p) => `${p.at.toFixed(0)}${p.ready ? "✓" : ""}`).join(", ")}`);
const longTotal = timeline.long.reduce((s, [, d]) => s + d, 0);
console.log(
  `long tasks on the page's main thread: ${timeline.long.length}, ${longTotal.toFixed(0)} ms; the largest: ${timeline.long
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8)
    .map(([s, d]) => `${d.toFixed(0)} ms at ${s.toFixed(0)}`)
    .join(", ")}`,
);
// the page profile starts just before navigation: its start is the common origin (both clocks are the same ticks)
// every other worker (MapLibre's) by the script its profile holds
const others = workerProfiles
  .filter((_, i) => i !== wi)
  .map((p) => {
    const url = p.nodes.find((n) => n.callFrame.url)?.callFrame.url ?? "";
    return [url.split("/").pop()?.split("?")[0] || "worker", p] as const;
  });
for (const [name, p] of [["page", pageProfile] as const, ["worker", workerProfile] as const, ...others]) {
  console.log(`\n== ${name}: busy stretches (ms from the page profile's start)`);
  console.log(stretches(p, pageProfile.startTime).join("\n"));
}
for (const [name, p] of [["page", pageProfile] as const, ["worker", workerProfile] as const, ...others]) {
  const b = breakdown(p, { top: 25 });
  console.log(`\n== ${name}: ${b.total.toFixed(0)} ms profiled; self time by function`);
  console.log(b.self.join("\n"));
  console.log(`-- ${name}: inclusive time`);
  console.log(b.incl.join("\n"));
}
await browser.close();
await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
