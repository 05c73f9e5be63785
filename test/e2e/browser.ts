import { mkdirSync } from "node:fs";
import { type Browser, chromium, type Page } from "playwright-core";
import { inject } from "vitest";

export const OUTPUT_DIR = "test-output/e2e";
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** The served app's URL, or "" when Chromium is absent outside CI (tests then skip). */
export function baseUrl(): string {
  return inject("baseUrl");
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-quic",
      "--enable-unsafe-swiftshader",
    ],
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
 * Waits until the app has loaded a city and the map is idle: up to 2 minutes, as a first load takes over a minute on
 * this shared machine at a load average of 25.
 */
export async function waitForMapReady(page: Page, cityId?: string) {
  await page.waitForFunction(
    (id) => {
      const h = window.__hfp;
      return !!h && h.ready && (!id || h.cityId === id) && h.map.loaded() && !h.map.isMoving();
    },
    cityId,
    { timeout: 120_000 },
  );
}

/** Counts rendered features of layers, read from the map (not the DOM). */
export async function renderedCount(page: Page, layerIds: string[]): Promise<number> {
  return page.evaluate((ids) => {
    const map = window.__hfp!.map;
    const present = ids.filter((id) => map.getLayer(id));
    return map.queryRenderedFeatures({ layers: present }).length;
  }, layerIds);
}

export async function screenshot(page: Page, name: string) {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  await page.screenshot({ path: `${OUTPUT_DIR}/${name}.png` });
}
