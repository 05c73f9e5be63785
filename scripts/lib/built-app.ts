import { spawnSync } from "node:child_process";
import { loadavg } from "node:os";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { type PreviewServer, preview } from "vite";

/** Builds the app into `dist` (vite build, emptied first), as the browser benchmarks serve it. */
export function buildApp(dist: string): void {
  const b = spawnSync(
    process.execPath,
    ["node_modules/vite/bin/vite.js", "build", "--outDir", dist, "--emptyOutDir", "--logLevel", "warn"],
    { stdio: "inherit" },
  );
  if (b.status !== 0) throw new Error("vite build failed");
}

/**
 * The built app served from `dist` and a headless Chromium (Debian's, or CHROMIUM_PATH) with one 1366×768 Chinese
 * context, as the profiling scripts open it (`switches`: Chromium's command line), recording the test hook's publications and long tasks in `window.__prof`; `load0` is the 1-minute load average when the browser started.
 */
export async function openBuiltApp(
  dist: string,
  switches: string[] = [
    "--no-sandbox",
    "--no-first-run",
    "--disable-background-networking",
    "--enable-unsafe-swiftshader",
  ],
): Promise<{ server: PreviewServer; url: string; browser: Browser; context: BrowserContext; load0: number }> {
  const server = await preview({
    build: { outDir: dist },
    preview: { port: 0, host: "127.0.0.1", strictPort: false },
    logLevel: "warn",
  });
  const url = server.resolvedUrls!.local[0];
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: switches,
  });
  const load0 = loadavg()[0];
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: "zh-CN" });
  // tsx/esbuild's keepNames helper, referenced by functions passed to page.evaluate
  await context.addInitScript({ content: "globalThis.__name = (f) => f;" });
  // the test hook's publications (time, seq, whether a report is in) and the page's long tasks, in window.__prof
  await context.addInitScript(() => {
    const w = window as unknown as {
      __prof: { tableAt: number | null; pubs: Array<{ at: number; seq: number; ready: boolean }>; long: number[][] };
      __hfpValue?: { ready: boolean; analysisSeq: number; report: unknown };
    };
    w.__prof = { tableAt: null, pubs: [], long: [] };
    Object.defineProperty(window, "__hfp", {
      configurable: true,
      get: () => w.__hfpValue,
      set: (v: { ready: boolean; analysisSeq: number; report: unknown }) => {
        w.__hfpValue = v;
        w.__prof.pubs.push({ at: performance.now(), seq: v.analysisSeq, ready: v.ready && !!v.report });
      },
    });
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) w.__prof.long.push([e.startTime, e.duration]);
    }).observe({ type: "longtask", buffered: true });
  });
  return { server, url, browser, context, load0 };
}

/** Page position of a lon/lat on the app's map. */
export async function pagePoint(page: Page, lngLat: [number, number]): Promise<{ x: number; y: number }> {
  const p = await page.evaluate((ll) => window.__hfp!.map.project(ll), lngLat);
  const box = (await page.getByTestId("map").boundingBox())!;
  return { x: box.x + p.x, y: box.y + p.y };
}

/**
 * Opens the Plan tab in add mode and returns the page position of the map's centre, where the benchmark and
 * profiling scripts place their one proposed EMS station (the next click there adds it).
 */
export async function armAddAtMapCentre(page: Page): Promise<{ x: number; y: number }> {
  const target = await page.evaluate(() => {
    const c = window.__hfp!.map.getCenter();
    return [c.lng, c.lat] as [number, number];
  });
  await page.getByTestId("tab-plan").click();
  await page.getByTestId("add-mode").click();
  return pagePoint(page, target);
}

/**
 * The drag the benchmark and profiles time: pointer down at `from`, then 8 moves of `dx / 8` px at a hand's pace (a
 * move every ~30 ms), the pointer left down (the caller releases it, timing the release). Returns the page's clock
 * just before the press.
 */
export async function pressAndDrag(page: Page, from: { x: number; y: number }, dx: number): Promise<number> {
  await page.mouse.move(from.x, from.y);
  const down = await page.evaluate(() => performance.now());
  await page.mouse.down();
  for (let k = 1; k <= 8; k++) {
    await page.mouse.move(from.x + (dx * k) / 8, from.y, { steps: 1 });
    await page.waitForTimeout(30);
  }
  return down;
}

/**
 * Read just before a drag's pointer goes up: the page's clock and the analysis number a publication after the release
 * must exceed to count as the released state on screen. While an answer is in flight (or not yet drawn) that is the
 * number shown now; when the page had already drawn the last step's answer and nothing is queued (its last
 * publication is ready with that number), the release's own publication carries the same number, so one less. (A
 * release always publishes again: the drop is a new session state.) Without the second case a release after a
 * settled step waited for an analysis that never came.
 */
export async function beforeRelease(page: Page): Promise<{ afterSeq: number; at: number }> {
  return page.evaluate(() => {
    const hook = window.__hfp!;
    return { afterSeq: hook.ready && hook.report ? hook.analysisSeq - 1 : hook.analysisSeq, at: performance.now() };
  });
}
