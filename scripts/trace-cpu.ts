/**
 * Whose CPU a cold load of the built app costs, down to the event: one load of the default city in headless Chromium
 * (as bench-browser.ts) with Chromium's tracing on, to the first publication with the analysis drawn; prints the self
 * time of the traced events by process / thread / event, largest first (`V8.OptimizeBackground` and `V8.Maglev…` on the
 * renderer's ThreadPoolForegroundWorker threads are V8's optimising compilers, `CommandBufferProxyImpl::WaitForGetOffset`
 * the page waiting for the GPU process, whose `CommandBufferService:PutChanged` is SwiftShader's drawing, …).
 * With `--jit`, instead: the same load in a Chromium started with V8's `--trace-opt --trace-deopt`, and the time V8 took
 * to optimise each function (all isolates: the page, the analysis worker, MapLibre's worker), by compiler.
 * Usage: npx tsx scripts/trace-cpu.ts --dist DIR [--top 40] [--jit]; a `vite build --minify false` keeps the app's
 * function names (MapLibre's own are minified in its package).
 * Tracing costs time itself: the figures are the events' shares, not the untraced load's (bench-browser.ts gives
 * those, split by process and thread).
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { preview } from "vite";
import { flag, option } from "./lib/args";
import { openBuiltApp } from "./lib/built-app";

const dist = option("--dist") ?? "dist";
const top = Number(option("--top") ?? 40);

interface TraceEvent {
  ph: string;
  name: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string };
}

/** Self time (ms) of the complete events of a trace, by "process / thread | event" (children's time taken out). */
export function selfTimes(events: TraceEvent[]): Map<string, number> {
  const thread = new Map<string, string>();
  const processName = new Map<number, string>();
  for (const e of events) {
    if (e.ph === "M" && e.name === "thread_name") thread.set(`${e.pid}:${e.tid}`, String(e.args?.name ?? "?"));
    if (e.ph === "M" && e.name === "process_name") processName.set(e.pid, String(e.args?.name ?? "?"));
  }
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of events) {
    if (e.ph !== "X" || !e.dur) continue;
    const k = `${e.pid}:${e.tid}`;
    const list = byThread.get(k) ?? [];
    list.push(e);
    byThread.set(k, list);
  }
  const out = new Map<string, number>();
  for (const [k, list] of byThread) {
    const where = `${processName.get(Number(k.split(":")[0])) ?? "?"} / ${(thread.get(k) ?? "?").replace(/\d+$/, "")}`;
    list.sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
    const self = new Map<TraceEvent, number>();
    const stack: TraceEvent[] = [];
    for (const e of list) {
      while (stack.length && stack[stack.length - 1].ts + (stack[stack.length - 1].dur ?? 0) <= e.ts) stack.pop();
      const parent = stack[stack.length - 1];
      if (parent) self.set(parent, (self.get(parent) ?? 0) - (e.dur ?? 0));
      self.set(e, (self.get(e) ?? 0) + (e.dur ?? 0));
      stack.push(e);
    }
    for (const [e, us] of self) out.set(`${where} | ${e.name}`, (out.get(`${where} | ${e.name}`) ?? 0) + us / 1000);
  }
  return out;
}

const ready = () =>
  !!(window as unknown as { __hfp?: { ready: boolean; report: unknown } }).__hfp?.ready &&
  !!(window as unknown as { __hfp?: { ready: boolean; report: unknown } }).__hfp?.report;

async function traced(): Promise<void> {
  const { server, url, browser, context, load0 } = await openBuiltApp(dist);
  try {
    const page = await context.newPage();
    await browser.startTracing(page, {
      categories: [
        "toplevel",
        "v8",
        "disabled-by-default-v8.gc",
        "disabled-by-default-v8.compile",
        "blink",
        "cc",
        "gpu",
      ],
    });
    await page.goto(url);
    await page.waitForFunction(ready, null, { timeout: 120_000 });
    const trace = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] } | TraceEvent[];
    const times = selfTimes(Array.isArray(trace) ? trace : trace.traceEvents);
    console.log(`one traced cold load of ${dist}; load average ${load0.toFixed(2)} → ${loadavg()[0].toFixed(2)}`);
    for (const [k, ms] of [...times].sort((a, b) => b[1] - a[1]).slice(0, top))
      console.log(`${ms.toFixed(0).padStart(7)} ms  ${k}`);
  } finally {
    await browser.close();
    await server.close();
  }
}

async function jit(): Promise<void> {
  const server = await preview({ build: { outDir: dist }, preview: { port: 0, host: "127.0.0.1" }, logLevel: "warn" });
  const url = server.resolvedUrls!.local[0];
  const profile = mkdtempSync(join(tmpdir(), "trace-cpu-"));
  const port = 9300 + Math.floor(Math.random() * 500);
  // V8 writes its traces to the renderer's stdout: Chromium started here, not by Playwright, to read it
  const chrome = spawn(
    process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    [
      "--headless=new",
      `--remote-debugging-port=${port}`,
      "--no-sandbox",
      "--no-first-run",
      "--enable-unsafe-swiftshader",
      `--user-data-dir=${profile}`,
      "--js-flags=--trace-opt --trace-deopt",
      "about:blank",
    ],
    // its own process group, so that its GPU and renderer processes end with it
    { stdio: ["ignore", "pipe", "ignore"], detached: true },
  );
  let log = "";
  chrome.stdout.on("data", (d) => {
    log += d;
  });
  try {
    let browser: Awaited<ReturnType<typeof chromium.connectOverCDP>> | undefined;
    for (let i = 0; i < 50 && !browser; i++) {
      await new Promise((r) => setTimeout(r, 200));
      browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`).catch(() => undefined);
    }
    if (!browser) throw new Error("Chromium did not start");
    const page = await browser.contexts()[0].newPage();
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(url);
    await page.waitForFunction(ready, null, { timeout: 120_000 });
    await browser.close();
  } finally {
    const exited = new Promise((resolve) => chrome.once("exit", resolve));
    if (chrome.pid) process.kill(-chrome.pid, "SIGTERM");
    await exited;
    await server.close();
    await new Promise((r) => setTimeout(r, 500));
    rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  }
  // [completed compiling 0x… <JSFunction name (sfi = 0x…)> (target MAGLEV) - took 0.001, 1.890, 0.017 ms]
  const done = /<JSFunction ([^ >]*)[^>]*> \(target (\w+)\) - took ([\d.]+), ([\d.]+), ([\d.]+) ms/;
  const byCompiler = new Map<string, { n: number; ms: number }>();
  const byFunction = new Map<string, { n: number; ms: number }>();
  for (const line of log.split("\n")) {
    if (!line.startsWith("[completed")) continue;
    const m = done.exec(line);
    if (!m) continue;
    const ms = Number(m[3]) + Number(m[4]) + Number(m[5]);
    for (const [map, key] of [
      [byCompiler, m[2]],
      [byFunction, `${m[1] === "" || m[1] === "(sfi" ? "(anonymous)" : m[1]} ${m[2]}`],
    ] as const) {
      const v = map.get(key) ?? { n: 0, ms: 0 };
      map.set(key, { n: v.n + 1, ms: v.ms + ms });
    }
  }
  const deopts = log.split("\n").filter((l) => l.startsWith("[bailout")).length;
  console.log(`one cold load of ${dist} with V8's --trace-opt: ${deopts} deoptimisations`);
  for (const [k, v] of byCompiler) console.log(`  ${k}: ${v.n} functions optimised, ${v.ms.toFixed(0)} ms`);
  for (const [k, v] of [...byFunction].sort((a, b) => b[1].ms - a[1].ms).slice(0, top))
    console.log(`${v.ms.toFixed(0).padStart(7)} ms  ${String(v.n).padStart(3)}×  ${k}`);
}

await (flag("--jit") ? jit() : traced());
