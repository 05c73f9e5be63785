/**
 * Where a drag release's time goes: the built app in headless Chromium (as bench-browser.ts (b)), one proposed EMS
 * station dragged back and forth, with the app's timeline marks switched on in the page and in the analysis worker
 * (src/app/perf.ts: pointer up → message posted → worker start and end → answer received → state set → React commit →
 * map setData → frame rendered) and V8's sampling profiler running in the page during the drags. Prints, per drag,
 * each mark in ms after the pointer went up, the medians, the long tasks, and the page's self and inclusive time by
 * function over the drags.
 * Usage: npx tsx scripts/profile-drag.ts --dist DIR [--drags 8] [--out test-output/profile-drag]; a build with
 * `vite build --minify false --outDir DIR` keeps the function names readable.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { flag, option } from "./lib/args";
import { armAddAtMapCentre, beforeRelease, openBuiltApp, pressAndDrag } from "./lib/built-app";
import { breakdown, type CpuProfile } from "./lib/cpu-profile";

const dist = option("--dist") ?? "dist";
const out = option("--out") ?? "test-output/profile-drag";
const drags = Number(option("--drags") ?? 8);
mkdirSync(out, { recursive: true });

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length ? (s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2) : Number.NaN;
};

const { server, url, browser, context, load0 } = await openBuiltApp(dist);
const page: Page = await context.newPage();
page.on("pageerror", (e) => console.error(`page error: ${e}`));
await page.goto(url);
await page.waitForFunction(
  () => (window as unknown as { __prof: { pubs: { ready: boolean }[] } }).__prof.pubs.some((p) => p.ready),
  null,
  { timeout: 300_000, polling: 50 },
);

const seqOf = () => page.evaluate(() => window.__hfp!.analysisSeq);
/** The first ready publication after `since` (page ms) of an analysis newer than `seq`. */
async function settled(seq: number, since: number): Promise<number> {
  const arg = [seq, since] as const;
  await page.waitForFunction(
    ([s, t]) =>
      (window as unknown as { __prof: { pubs: { at: number; seq: number; ready: boolean }[] } }).__prof.pubs.some(
        (p) => p.at >= t && p.seq > s && p.ready,
      ),
    arg,
    { timeout: 60_000, polling: 20 },
  );
  return page.evaluate(
    ([s, t]) =>
      (window as unknown as { __prof: { pubs: { at: number; seq: number; ready: boolean }[] } }).__prof.pubs.find(
        (p) => p.at >= t && p.seq > s && p.ready,
      )!.at,
    arg,
  );
}

// one proposed EMS station at the map's centre, as bench-browser.ts places it
const at = await armAddAtMapCentre(page);
const seq = await seqOf();
const t0 = await page.evaluate(() => performance.now());
await page.mouse.click(at.x, at.y);
await settled(seq, t0);
await page.keyboard.press("Escape");

// marks on, in the page and in the analysis worker (the one that has the app's worker script)
const worker = page.workers().find((w) => w.url().includes("analysis.worker"));
if (!worker) throw new Error("analysis worker not found");
await page.evaluate(() => {
  (globalThis as { __hfpMarks?: boolean }).__hfpMarks = true;
});
await worker.evaluate(() => {
  (globalThis as { __hfpMarks?: boolean }).__hfpMarks = true;
});
const answerBytes = await page.evaluate(() => ({
  report: JSON.stringify(window.__hfp!.report).length,
  gaps: JSON.stringify((window.__hfp!.report as { gaps: unknown }).gaps).length,
}));
console.log(
  `the shown report as JSON: ${(answerBytes.report / 1e6).toFixed(2)} MB (gaps ${(answerBytes.gaps / 1e6).toFixed(2)} MB)`,
);
const psession = await context.newCDPSession(page);
// a Chrome trace of the drags (--trace): where the page's main thread spends the time V8 does not see (layout,
// style, paint, WebGL, message deserialisation), summed by event name
const tracing = flag("--trace");
const traceEvents: Array<{ name: string; ph: string; dur?: number; tid: number; pid: number; cat: string }> = [];
if (tracing) {
  psession.on("Tracing.dataCollected", (e) => {
    traceEvents.push(...(e.value as unknown as typeof traceEvents));
  });
  await psession.send("Tracing.start", {
    categories: "devtools.timeline,v8,blink,gpu,disabled-by-default-devtools.timeline",
    transferMode: "ReportEvents",
  });
}
await psession.send("Profiler.enable");
await psession.send("Profiler.setSamplingInterval", { interval: 200 });
await psession.send("Profiler.start");

const rows: Array<{ up: number; done: number; marks: Array<[string, number]> }> = [];
let pos = at;
for (let i = 0; i < drags; i++) {
  const dx = i % 2 === 0 ? 60 : -60;
  await pressAndDrag(page, pos, dx);
  const { afterSeq, at: before } = await beforeRelease(page);
  await page.mouse.up();
  const done = await settled(afterSeq, before);
  await page.waitForTimeout(300);
  // the marks since this drag began, the worker's converted to the page's clock (epoch ms − the page's origin)
  const pageMarks = await page.evaluate(() => {
    const o = performance.getEntriesByType("mark").map((m) => [m.name, m.startTime] as [string, number]);
    performance.clearMarks();
    return { marks: o, origin: performance.timeOrigin };
  });
  const workerMarks = await worker.evaluate(() => {
    const o = performance.getEntriesByType("mark").map((m) => [m.name, m.startTime + performance.timeOrigin]);
    performance.clearMarks();
    return o as Array<[string, number]>;
  });
  const up = pageMarks.marks.find(([n]) => n === "drag:up")?.[1] ?? before;
  const marks: Array<[string, number]> = [
    ...pageMarks.marks,
    ...workerMarks.map(([n, t]) => [n, t - pageMarks.origin] as [string, number]),
  ].sort((a, b) => a[1] - b[1]);
  rows.push({ up, done, marks });
  pos = { x: pos.x + dx, y: pos.y };
}
const profile = ((await psession.send("Profiler.stop")) as { profile: CpuProfile }).profile;
if (tracing) {
  const ended = new Promise<void>((resolve) => psession.once("Tracing.tracingComplete", () => resolve()));
  await psession.send("Tracing.end");
  await ended;
  writeFileSync(join(out, "drags.trace.json"), JSON.stringify({ traceEvents }));
  // the renderer's main thread: the thread of the most "RunTask" time in the page's process
  const main = traceEvents.find((e) => e.name === "TracingStartedInBrowser" || e.name === "Layout");
  const byThread = new Map<string, number>();
  for (const e of traceEvents)
    if (e.ph === "X" && e.name === "RunTask")
      byThread.set(`${e.pid}:${e.tid}`, (byThread.get(`${e.pid}:${e.tid}`) ?? 0) + (e.dur ?? 0));
  console.log(
    "trace: RunTask time by thread (ms):",
    [...byThread]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 6)
      .map(([k, v]) => `${k} ${(v / 1000).toFixed(0)}`)
      .join(", "),
  );
  void main;
  // each frame of the WebGL canvas is read back from SwiftShader (software GL) for the compositor: one ReadPixels
  const frames = traceEvents
    .filter((e) => e.ph === "X" && e.name === "GLES2::ReadPixels")
    .map((e) => (e.dur ?? 0) / 1000);
  console.log(
    `trace: ${frames.length} map frames read back over ${drags} drags (${(frames.length / drags).toFixed(1)} a drag), median ${median(frames).toFixed(0)} ms, ${frames.reduce((a, b) => a + b, 0).toFixed(0)} ms in all`,
  );
  for (const [thread] of [...byThread].sort((a, b) => b[1] - a[1]).slice(0, 3)) {
    const sums = new Map<string, number>();
    for (const e of traceEvents)
      if (e.ph === "X" && `${e.pid}:${e.tid}` === thread) sums.set(e.name, (sums.get(e.name) ?? 0) + (e.dur ?? 0));
    console.log(
      `trace thread ${thread}: ${[...sums]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 25)
        .map(([k, v]) => `${k} ${(v / 1000).toFixed(0)}`)
        .join(", ")}`,
    );
  }
}
const long = await page.evaluate(() => (window as unknown as { __prof: { long: number[][] } }).__prof.long);
writeFileSync(join(out, "page-drags.cpuprofile"), JSON.stringify(profile));
const load1 = loadavg()[0];

console.log(`load average ${load0.toFixed(2)} → ${load1.toFixed(2)}; ${drags} drags`);
// each answer's steps, from the marks of all drags: post → worker start → worker end → answer → state set → commit →
// setData start → setData end → rendered; a step's interval is counted when both of its marks belong to that answer
const steps = [
  "move:post",
  "worker:move-start",
  "worker:move-end",
  "move:answer",
  "move:state-set",
  "move:commit",
  "map:setData-start",
  "map:setData-end",
  "map:render",
];
const gaps = new Map<string, number[]>();
let answers = 0;
for (const r of rows) {
  const m = r.marks;
  for (let i = 0; i < m.length; i++) {
    if (m[i][0] !== "move:post") continue;
    answers++;
    let prev = m[i];
    let k = 1;
    for (let j = i + 1; j < m.length && k < steps.length; j++) {
      if (m[j][0] === "move:post") break;
      if (m[j][0] !== steps[k]) continue;
      const key = `${prev[0]} → ${m[j][0]}`;
      gaps.set(key, [...(gaps.get(key) ?? []), m[j][1] - prev[1]]);
      prev = m[j];
      k++;
    }
  }
}
console.log(`per answer (${answers} answers, live steps and releases): median / max ms`);
for (const [k, xs] of gaps)
  console.log(
    `  ${k.padEnd(44)} ${median(xs).toFixed(1).padStart(8)} ${Math.max(...xs)
      .toFixed(1)
      .padStart(8)}`,
  );
// per release: where the pointer went up relative to the answers in flight, and when the result was on screen
console.log("per release (ms after pointer up: the last post before it, and the marks of the answer shown):");
const fromUp = new Map<string, number[]>();
for (const r of rows) {
  const cells: string[] = [];
  const lastPost = r.marks.filter(([n, t]) => n === "move:post" && t <= r.done).at(-1);
  if (lastPost) {
    const after = r.marks.filter(([, t]) => t >= lastPost[1] && t <= r.done);
    for (const [n, t] of after) {
      cells.push(`${n.startsWith("map:tile:") ? n.slice(4) : n.split(":")[1]} ${(t - r.up).toFixed(0)}`);
      fromUp.set(n, [...(fromUp.get(n) ?? []), t - r.up]);
    }
  }
  fromUp.set("published (idle)", [...(fromUp.get("published (idle)") ?? []), r.done - r.up]);
  console.log(`  ${cells.join(", ")}; published ${(r.done - r.up).toFixed(0)}`);
}
console.log("medians after pointer up:");
for (const [n, xs] of fromUp) console.log(`  ${n.padEnd(20)} ${median(xs).toFixed(1).padStart(8)}  (${xs.length})`);
const inLong = long.filter(([s]) => s >= rows[0].up - 20_000);
console.log(
  `long tasks (≥ 50 ms) during the drags: ${inLong.length}, ${inLong.reduce((a, [, d]) => a + d, 0).toFixed(0)} ms in all`,
);
const b = breakdown(profile, { top: 40, skipIdle: true, digits: 1 });
console.log(`\n== page main thread over the drags: busy ${b.busy.toFixed(0)} ms; self time`);
console.log(b.self.join("\n"));
console.log("-- inclusive");
console.log(b.incl.join("\n"));
await browser.close();
await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
