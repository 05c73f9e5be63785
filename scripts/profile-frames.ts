/**
 * What the map's frames cost and why there are so many: the built app in headless Chromium (as bench-browser.ts),
 * with every animation frame that drew WebGL counted in the page (requestAnimationFrame and the WebGL draw calls are
 * wrapped by an init script, so any build can be measured, main's included) and, where the build has them, the app's
 * `map:tile:<source>` marks (a tile of a source finished; src/app/map/controller.ts, recorded while profiling).
 * Prints:
 *   1. the cold load: frames drawn before the first map with its analysis was published, their JavaScript time and
 *      draw calls, the gaps between them, and the tiles each source delivered;
 *   2. what one frame costs, forced frames back to back (the interval is the whole frame: JavaScript, SwiftShader's
 *      drawing and the read-back of the canvas), with all layers drawn and with each drawn layer hidden in turn;
 *   3. drags as bench-browser.ts (b) makes them: frames and tiles from pointer down to up, and from up to the
 *      published result.
 * Usage: npx tsx scripts/profile-frames.ts --dist DIR [--frames 6] [--drags 3] [--skip-layers] [--each-layer (hide each
 * drawn layer in turn: slow, and at a load above ~4 the differences are within the noise)]
 */
import { loadavg } from "node:os";
import type { Page } from "playwright-core";
import { flag, option } from "./lib/args";
import { armAddAtMapCentre, beforeRelease, openBuiltApp, pressAndDrag } from "./lib/built-app";

const dist = option("--dist") ?? "dist";
const K = Number(option("--frames") ?? 6);
const drags = Number(option("--drags") ?? 3);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length ? (s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2) : Number.NaN;
};

/** Init script: frames that drew (time, JavaScript ms, draw calls) in window.__frames; the app's marks switched on. */
function frameCounter() {
  const w = window as unknown as { __frames: { at: number[]; js: number[]; draws: number[] }; __hfpMarks: boolean };
  w.__frames = { at: [], js: [], draws: [] };
  w.__hfpMarks = true;
  let draws = 0;
  for (const C of [WebGL2RenderingContext, WebGLRenderingContext])
    for (const fn of ["drawElements", "drawArrays"] as const) {
      const proto = C.prototype as unknown as Record<string, (...a: unknown[]) => unknown>;
      const orig = proto[fn];
      proto[fn] = function (this: unknown, ...a: unknown[]) {
        draws++;
        return orig.apply(this, a);
      };
    }
  const raf = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = (cb: FrameRequestCallback) =>
    raf((t) => {
      const before = draws;
      const t0 = performance.now();
      cb(t);
      if (draws > before) {
        w.__frames.at.push(t0);
        w.__frames.js.push(performance.now() - t0);
        w.__frames.draws.push(draws - before);
      }
    });
}

type Frames = { at: number[]; js: number[]; draws: number[] };
const framesNow = (page: Page) => page.evaluate(() => (window as unknown as { __frames: Frames }).__frames);
const tileMarks = (page: Page) =>
  page.evaluate(() =>
    performance
      .getEntriesByType("mark")
      .filter((m) => m.name.startsWith("map:tile:"))
      .map((m) => [m.name.slice(9), m.startTime] as [string, number]),
  );
function tilesBySource(marks: Array<[string, number]>, from: number, to: number): string {
  const n = new Map<string, number>();
  for (const [s, t] of marks) if (t >= from && t <= to) n.set(s, (n.get(s) ?? 0) + 1);
  return n.size ? [...n].map(([s, c]) => `${s} ${c}`).join(", ") : "(no tile marks in this build)";
}
function framesIn(f: Frames, from: number, to: number) {
  const idx = f.at.flatMap((t, i) => (t >= from && t <= to ? [i] : []));
  return {
    n: idx.length,
    js: idx.reduce((a, i) => a + f.js[i], 0),
    draws: idx.reduce((a, i) => a + f.draws[i], 0),
    idx,
  };
}

const { server, url, browser, context, load0 } = await openBuiltApp(dist);
await context.addInitScript(frameCounter);
const page = await context.newPage();
page.on("pageerror", (e) => console.error(`page error: ${e}`));
await page.goto(url);
await page.waitForFunction(
  () => (window as unknown as { __prof: { pubs: { ready: boolean }[] } }).__prof.pubs.some((p) => p.ready),
  null,
  { timeout: 300_000, polling: 50 },
);
const ready = await page.evaluate(
  () =>
    (window as unknown as { __prof: { pubs: { at: number; ready: boolean }[] } }).__prof.pubs.find((p) => p.ready)!.at,
);
const f0 = await framesNow(page);
const tiles0 = await tileMarks(page);
const cold = framesIn(f0, 0, ready);
console.log(`load average ${load0.toFixed(2)} at the start; served from ${dist}`);
console.log(
  `1. cold load: first map with its analysis published at ${ready.toFixed(0)} ms; ${cold.n} frames drew before it (JavaScript ${cold.js.toFixed(0)} ms, ${cold.draws} draw calls)`,
);
console.log(`   tiles delivered before it, by source: ${tilesBySource(tiles0, 0, ready)}`);
console.log("   frame at (ms) / JS ms / draws / tiles since the previous frame:");
let prev = 0;
for (const i of cold.idx) {
  const t = f0.at[i];
  console.log(
    `   ${t.toFixed(0).padStart(6)} ${f0.js[i].toFixed(0).padStart(5)} ${String(f0.draws[i]).padStart(5)}  ${tilesBySource(tiles0, prev, t)}`,
  );
  prev = t;
}

/** K frames forced back to back; the median interval between them (the whole cost of a frame). */
async function frameCost(waitIdle = true): Promise<{ ms: number; js: number; draws: number }> {
  if (waitIdle)
    await page.evaluate(
      () =>
        new Promise<void>((r) => {
          const m = window.__hfp!.map;
          if (m.loaded() && !m.isMoving()) r();
          else m.once("idle", () => r());
        }),
    );
  const before = (await framesNow(page)).at.length;
  const ts = await page.evaluate(
    (k) =>
      new Promise<number[]>((resolve) => {
        const map = window.__hfp!.map;
        const out: number[] = [];
        const f = () => {
          out.push(performance.now());
          if (out.length > k) {
            map.off("render", f);
            resolve(out);
          } else map.triggerRepaint();
        };
        map.on("render", f);
        map.triggerRepaint();
      }),
    K,
  );
  const f = await framesNow(page);
  const iv = ts.slice(1).map((t, i) => t - ts[i]);
  return { ms: median(iv), js: median(f.js.slice(before)), draws: median(f.draws.slice(before)) };
}

if (!flag("--skip-layers")) {
  const all = await frameCost();
  console.log(
    `2. a frame with every layer drawn: ${all.ms.toFixed(0)} ms (JavaScript ${all.js.toFixed(1)} ms, ${all.draws} draw calls), median of ${K} forced frames`,
  );
  const layers = await page.evaluate(() => {
    const m = window.__hfp!.map;
    return m
      .getStyle()
      .layers.filter((l) => l.type !== "background" && m.getLayoutProperty(l.id, "visibility") !== "none")
      .map((l) => l.id);
  });
  for (const id of flag("--each-layer") ? layers : []) {
    await page.evaluate((l) => window.__hfp!.map.setLayoutProperty(l, "visibility", "none"), id);
    const c = await frameCost();
    await page.evaluate((l) => window.__hfp!.map.setLayoutProperty(l, "visibility", "visible"), id);
    console.log(
      `   without ${id.padEnd(24)} ${c.ms.toFixed(0).padStart(5)} ms (${(all.ms - c.ms).toFixed(0).padStart(4)} ms less; JS ${c.js.toFixed(1)} ms, ${c.draws} draws)`,
    );
  }
  for (const id of layers) await page.evaluate((l) => window.__hfp!.map.setLayoutProperty(l, "visibility", "none"), id);
  // (no wait for idle here: with no layer drawn the map may not report idle)
  const none = await frameCost(false);
  for (const id of layers)
    await page.evaluate((l) => window.__hfp!.map.setLayoutProperty(l, "visibility", "visible"), id);
  console.log(`   background only: ${none.ms.toFixed(0)} ms (JS ${none.js.toFixed(1)} ms, ${none.draws} draws)`);
  const again = await frameCost();
  console.log(`   every layer again: ${again.ms.toFixed(0)} ms; load average now ${loadavg()[0].toFixed(2)}`);
}

// 3. drags, as bench-browser.ts (b)
const seqOf = () => page.evaluate(() => window.__hfp!.analysisSeq);
async function settled(seq: number, since: number): Promise<number> {
  const arg = [seq, since] as const;
  const has = ([s, t]: readonly [number, number]) =>
    (window as unknown as { __prof: { pubs: { at: number; seq: number; ready: boolean }[] } }).__prof.pubs.find(
      (p) => p.at >= t && p.seq > s && p.ready,
    )?.at ?? 0;
  await page.waitForFunction(has, arg, { timeout: 60_000, polling: 20 });
  return page.evaluate(has, arg);
}
const at = await armAddAtMapCentre(page);
const seq = await seqOf();
const tAdd = await page.evaluate(() => performance.now());
await page.mouse.click(at.x, at.y);
const added = await settled(seq, tAdd);
await page.keyboard.press("Escape");
{
  const f = await framesNow(page);
  const c = framesIn(f, tAdd, added);
  console.log(
    `3. adding the site: ${(added - tAdd).toFixed(0)} ms to the published result, ${c.n} frames; tiles: ${tilesBySource(await tileMarks(page), tAdd, added)}`,
  );
}
let pos = at;
const rel: number[] = [];
for (let i = 0; i < drags; i++) {
  const dx = i % 2 === 0 ? 60 : -60;
  const down = await pressAndDrag(page, pos, dx);
  const { afterSeq, at: up } = await beforeRelease(page);
  await page.mouse.up();
  const done = await settled(afterSeq, up);
  rel.push(done - up);
  await page.waitForTimeout(300);
  const f = await framesNow(page);
  const marks = await tileMarks(page);
  const during = framesIn(f, down, up);
  const after = framesIn(f, up, done);
  console.log(
    `   drag ${i + 1}: down → up ${(up - down).toFixed(0)} ms, ${during.n} frames (tiles: ${tilesBySource(marks, down, up)}); up → published ${(done - up).toFixed(0)} ms, ${after.n} frames (JS ${after.js.toFixed(0)} ms; tiles: ${tilesBySource(marks, up, done)})`,
  );
  pos = { x: pos.x + dx, y: pos.y };
}
console.log(`   release → published, median ${median(rel).toFixed(0)} ms; load average ${loadavg()[0].toFixed(2)}`);
await browser.close();
await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
