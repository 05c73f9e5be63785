/**
 * Which of the map's sources MapLibre tiles on a cold load, and how often: one cold load of the built app in headless
 * Chromium (scripts/lib/built-app.ts) with the page's messages to MapLibre's workers recorded (a wrapper around
 * `Worker.prototype.postMessage`): each source's data sent (`LD`, with its feature count), each tile made for the
 * first time (`LT`) and each tile made again (`RT`, a reload: the source's data set again after its tiles were made,
 * or a filter or layout property of one of its layers changed), with the worker's answer time. Prints, per source, the
 * counts and the time the worker took answering them (wall clock, so a busy machine stretches it), and the timeline.
 * Usage: npx tsx scripts/trace-tiles.ts --dist DIR [--until ready|drawn] [--timeline]
 */

import { flag, option } from "./lib/args";
import { openBuiltApp } from "./lib/built-app";

const dist = option("--dist") ?? "dist";
const timeline = flag("--timeline");

interface Sent {
  type: string;
  source: string;
  tile: string;
  features: number | null;
  at: number;
  doneAt: number | null;
}

const { server, url, browser, context, load0 } = await openBuiltApp(dist);
await context.addInitScript(() => {
  const w = window as unknown as { __tiles: Sent[] };
  w.__tiles = [];
  const byId = new Map<string, Sent>();
  const post = Worker.prototype.postMessage;
  const seen = new WeakSet<Worker>();
  Worker.prototype.postMessage = function (this: Worker, message: unknown, ...rest: unknown[]) {
    const m = message as {
      type?: string;
      id?: string;
      data?: { source?: string; tileID?: { key?: string; canonical?: { z: number; x: number; y: number } } };
    };
    if (m && (m.type === "LT" || m.type === "RT" || m.type === "LD")) {
      const d = m.data as Record<string, unknown> & { tileID?: { canonical?: { z: number; x: number; y: number } } };
      const c = d?.tileID?.canonical;
      const data = (d as { data?: { features?: unknown[] } })?.data;
      const s: Sent = {
        type: m.type,
        source: String(d?.source ?? (d as { id?: string })?.id ?? "?"),
        tile: c ? `${c.z}/${c.x}/${c.y}` : "",
        features: data && Array.isArray(data.features) ? data.features.length : null,
        at: performance.now(),
        doneAt: null,
      };
      w.__tiles.push(s);
      if (m.id) byId.set(m.id, s);
      if (!seen.has(this)) {
        seen.add(this);
        this.addEventListener("message", (e: MessageEvent) => {
          const r = byId.get((e.data as { id?: string })?.id ?? "");
          if (r && r.doneAt === null) r.doneAt = performance.now();
        });
      }
    }
    return (post as (...a: unknown[]) => void).call(this, message, ...rest);
  } as typeof Worker.prototype.postMessage;
});
const page = await context.newPage();
page.on("pageerror", (e) => console.error(`page error: ${e}`));
await page.goto(url);
await page.waitForFunction(() => window.__hfp?.ready === true && !!window.__hfp.report, null, {
  timeout: 180_000,
  polling: 50,
});
// a second for what follows the first ready (the label fitter's names, a late reload)
await page.waitForTimeout(1500);
const r = await page.evaluate(() => ({
  tiles: (window as unknown as { __tiles: Sent[] }).__tiles,
  drawn: performance.getEntriesByName("hfp:map-drawn")[0]?.startTime ?? null,
  ready: (window as unknown as { __prof: { pubs: Array<{ at: number; ready: boolean }> } }).__prof.pubs.find(
    (p) => p.ready,
  )?.at,
}));
console.log(
  `load average ${load0.toFixed(2)}; map drawn ${r.drawn?.toFixed(0) ?? "—"} ms, first ready ${r.ready?.toFixed(0)} ms`,
);
const bySource = new Map<string, { LD: number; LT: number; RT: number; ltMs: number; rtMs: number; feats: string[] }>();
for (const s of r.tiles) {
  const e = bySource.get(s.source) ?? { LD: 0, LT: 0, RT: 0, ltMs: 0, rtMs: 0, feats: [] };
  e[s.type as "LD" | "LT" | "RT"]++;
  const ms = s.doneAt === null ? 0 : s.doneAt - s.at;
  if (s.type === "LT") e.ltMs += ms;
  if (s.type === "RT") e.rtMs += ms;
  if (s.type === "LD") e.feats.push(String(s.features ?? "?"));
  bySource.set(s.source, e);
}
console.log("source | data sets (features) | LT | RT | LT answer ms (sum) | RT answer ms (sum)");
for (const [k, e] of bySource)
  console.log(
    `${k} | ${e.LD} (${e.feats.join(", ")}) | ${e.LT} | ${e.RT} | ${e.ltMs.toFixed(0)} | ${e.rtMs.toFixed(0)}`,
  );
if (timeline)
  for (const s of r.tiles)
    console.log(
      `${s.at.toFixed(0).padStart(6)} → ${s.doneAt?.toFixed(0).padStart(6) ?? "     —"} ${s.type} ${s.source} ${s.tile}${s.features === null ? "" : ` (${s.features} features)`}`,
    );
await browser.close();
await server.close();
