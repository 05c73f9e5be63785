import { mkdirSync } from "node:fs";
import { type Browser, chromium, type Page } from "playwright-core";
import { inject } from "vitest";
import { HFP_PUBLISHED } from "../../src/app/test-hook";
import { CHROME_ARGS } from "./chrome-args";

export const OUTPUT_DIR = "test-output/e2e";
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** The served app's URL, or "" when Chromium is absent outside CI (tests then skip). */
export function baseUrl(): string {
  return inject("baseUrl");
}

/**
 * The browser for a test file: a connection to the one Chromium the global setup started (each file's
 * connection has its own contexts, closed with it), or a Chromium of its own when there is none.
 */
export async function launch(): Promise<Browser> {
  const ws = inject("browserWs");
  if (ws) return chromium.connect(ws);
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROME_ARGS });
}

/**
 * A Chromium that draws scrollbars as a desktop browser does: Playwright starts headless Chromium with
 * --hide-scrollbars, which lays a scrolled panel out 15 px wider than a user sees it. A connection to the one the
 * global setup started for the whole run (or a Chromium of its own when there is none); tests take its page through
 * `openAppWithScrollbars` (flows.ts).
 */
export function launchWithScrollbars(): Promise<Browser> {
  const ws = inject("scrollbarsWs");
  if (ws) return chromium.connect(ws);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROME_ARGS,
    ignoreDefaultArgs: ["--hide-scrollbars"],
  });
}

export interface PageWatch {
  page: Page;
  consoleErrors: string[];
  /** Requests to anything but the local server (the app must make none). */
  externalRequests: string[];
}

/** Opens a page that records console errors and any request leaving localhost. */
export async function openPage(
  browser: Browser,
  opts: { width?: number; height?: number; locale?: string } = {},
): Promise<PageWatch> {
  const context = await browser.newContext({
    viewport: { width: opts.width ?? 1366, height: opts.height ?? 768 },
    locale: opts.locale ?? "zh-CN",
    acceptDownloads: true,
  });
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  const externalRequests: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") consoleErrors.push(msg.text());
  });
  page.on("pageerror", (err) => consoleErrors.push(String(err)));
  page.on("response", (res) => {
    if (res.status() >= 400) consoleErrors.push(`HTTP ${res.status()} ${res.url()}`);
  });
  page.on("request", (req) => {
    const url = req.url();
    if (!/^(https?:\/\/(127\.0\.0\.1|localhost)[:/]|data:|blob:)/.test(url)) externalRequests.push(url);
  });
  return { page, consoleErrors, externalRequests };
}

/**
 * Waits until the app has loaded a city and the map is idle (up to 2 minutes: a first load takes over a minute on a
 * shared machine at a load average of 25): checked on the frame after the app publishes its test
 * hook (HFP_PUBLISHED) and when the map goes idle, not on every animation frame; a check every 2 s is a backstop.
 */
export async function waitForMapReady(page: Page, cityId?: string, timeoutMs = 120_000) {
  const state = await page.evaluate(
    ([id, event, ms]) =>
      new Promise<string>((resolve) => {
        let map: NonNullable<Window["__hfp"]>["map"] | undefined;
        const ready = () => {
          const h = window.__hfp;
          return !!h && h.ready && (!id || h.cityId === id) && h.map.loaded() && !h.map.isMoving();
        };
        const finish = (result: string) => {
          clearTimeout(timer);
          clearInterval(backstop);
          window.removeEventListener(event, onPublish);
          map?.off("idle", check);
          resolve(result);
        };
        function check() {
          const h = window.__hfp;
          if (h && h.map !== map) {
            map?.off("idle", check);
            map = h.map;
            map.on("idle", check);
          }
          if (ready()) finish("");
        }
        const timer = setTimeout(() => {
          const h = window.__hfp;
          finish(
            h
              ? `ready=${h.ready} city=${h.cityId} loaded=${h.map.loaded()} moving=${h.map.isMoving()}`
              : "no window.__hfp",
          );
        }, ms);
        // A publish can come while the map is about to take the new data: judge it on the next frame, as a poll
        // would, or on the idle event that follows (the app repaints after each publish).
        const onPublish = () => requestAnimationFrame(check);
        const backstop = setInterval(check, 2000);
        window.addEventListener(event, onPublish);
        check();
      }),
    [cityId, HFP_PUBLISHED, timeoutMs] as const,
  );
  if (state) throw new Error(`waitForMapReady(${cityId ?? ""}) timed out after ${timeoutMs} ms: ${state}`);
}

/** Counts rendered features of layers, read from the map (not the DOM). */
export async function renderedCount(page: Page, layerIds: string[]): Promise<number> {
  return page.evaluate((ids) => {
    const map = window.__hfp!.map;
    const present = ids.filter((id) => map.getLayer(id));
    return map.queryRenderedFeatures({ layers: present }).length;
  }, layerIds);
}

/**
 * Writes a screenshot of the page to OUTPUT_DIR for people to look at (no test reads them). `E2E_SCREENSHOTS=0`
 * skips them: `.ci/run` sets it, where nobody looks at them (about 90 in a run, 0.3–0.8 s each at a load of 13).
 */
export async function screenshot(page: Page, name: string) {
  if (process.env.E2E_SCREENSHOTS === "0") return;
  mkdirSync(OUTPUT_DIR, { recursive: true });
  await page.screenshot({ path: `${OUTPUT_DIR}/${name}.png` });
}
