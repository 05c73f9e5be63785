import { writeFileSync } from "node:fs";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import { recordFramesDrawn } from "../../scripts/lib/frames";
import { FACILITY_LAYER_IDS } from "../../src/app/map/layers";
import { HFP_PUBLISHED } from "../../src/app/test-hook";

export { recordFramesDrawn };

import type { AnalysisReport } from "../../src/core/rules";
import { wgs84GeoTiff } from "../geotiff";
import { baseUrl, launch, launchWithScrollbars, openPage, type PageWatch, waitForMapReady } from "./browser";

/** Waits until an analysis newer than `afterSeq` is drawn and nothing is computing. */
export async function waitForAnalysis(page: Page, afterSeq = -1): Promise<number> {
  await page.waitForFunction(
    (seq) => {
      const h = window.__hfp;
      return !!h && h.ready && h.analysisSeq > seq && !h.map.isMoving();
    },
    afterSeq,
    { timeout: 90_000 },
  );
  return page.evaluate(() => window.__hfp!.analysisSeq);
}

export function analysisSeq(page: Page): Promise<number> {
  return page.evaluate(() => window.__hfp?.analysisSeq ?? -1);
}

export function getReport(page: Page): Promise<AnalysisReport> {
  return page.evaluate(() => window.__hfp!.report!) as Promise<AnalysisReport>;
}

/**
 * The UTC dates (YYYY-MM-DD) a file exported during this test may carry: today's and yesterday's. A date taken at a
 * test's start failed the 南宫 export test run across midnight (审查报告-邢台市-2026-12-07 against 2026-12-06).
 */
export function recentDates(): string[] {
  const now = Date.now();
  return [now, now - 86_400_000].map((t) => new Date(t).toISOString().slice(0, 10));
}

/** Page coordinates of a lon/lat on the map. */
export async function pagePoint(page: Page, lngLat: [number, number]): Promise<{ x: number; y: number }> {
  const p = await page.evaluate((ll) => window.__hfp!.map.project(ll), lngLat);
  const box = (await page.getByTestId("map").boundingBox())!;
  return { x: box.x + p.x, y: box.y + p.y };
}

/**
 * Starts recording every message the map's toast shows from now on (a MutationObserver in the page); returns a
 * function that reads them all. A toast lasts 4 s: one shown at a drag's first move was gone before the drag's last
 * move under load, and a test that looked for it after the drop waited 30 s for nothing (the sub-centre upgrade test,
 * twice in whole runs: stop 47's CI and a local one).
 */
export async function recordToasts(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const w = window as unknown as { __toasts?: string[]; __toastObserver?: MutationObserver };
    w.__toastObserver?.disconnect();
    const seen: string[] = [];
    w.__toasts = seen;
    const look = () => {
      for (const el of document.querySelectorAll(".toast")) {
        const text = el.textContent ?? "";
        if (text && seen[seen.length - 1] !== text) seen.push(text);
      }
    };
    w.__toastObserver = new MutationObserver(look);
    w.__toastObserver.observe(document.body, { subtree: true, childList: true, characterData: true });
    look();
  });
  return () => page.evaluate(() => [...((window as unknown as { __toasts?: string[] }).__toasts ?? [])]);
}

/**
 * Moves the mouse onto a proposed site at `lngLat` and presses the button, once the map draws a proposed site under
 * that pixel and nothing of the page covers it there; fails naming what is there instead. A press a moment too early
 * (the site's symbol not yet placed after a tab switch under load) started a pan, not a drag, and the test waited
 * 30 s for a message that could not come (a clean-clone CI run, s46). Returns the pixel pressed.
 */
export async function pressSite(page: Page, lngLat: [number, number], timeoutMs = 15_000) {
  const at = await pagePoint(page, lngLat);
  const started = Date.now();
  let seen = "";
  for (;;) {
    seen = await page.evaluate(
      ([x, y, layers]) => {
        const map = window.__hfp!.map;
        const top = document.elementFromPoint(x, y);
        if (top !== map.getCanvas()) return `page element over the map there: ${top?.outerHTML.slice(0, 120)}`;
        const r = map.getCanvas().getBoundingClientRect();
        const hits = map.queryRenderedFeatures([x - r.left, y - r.top]);
        const facilityLayers = layers.filter((id) => map.getLayer(id));
        if (hits.some((f) => facilityLayers.includes(f.layer.id) && f.properties.proposed === true)) return "";
        return `no proposed site drawn there (layers: ${hits.map((f) => f.layer.id).join(", ") || "none"})`;
      },
      [at.x, at.y, [...FACILITY_LAYER_IDS]] as const,
    );
    if (!seen || Date.now() - started > timeoutMs) break;
    await page.waitForTimeout(100);
  }
  if (seen) throw new Error(`pressSite at ${lngLat.join(", ")}: ${seen}`);
  await page.mouse.move(at.x, at.y);
  await page.mouse.down();
  return at;
}

/**
 * Runs an edit (`act`) and waits for its analysis to be drawn; returns the times of the frames the map drew from just
 * before the edit to the test hook's first ready publication of a newer analysis (recordFramesDrawn), and that
 * publication's time, in ms from the edit. With `panAfterMs`, the map is panned 40 px that long after the edit began,
 * and the pan's time is returned too.
 */
export async function framesOfEdit(page: Page, act: () => Promise<unknown>, panAfterMs?: number) {
  await recordFramesDrawn(page);
  const seq = await page.evaluate(
    ([panMs, published]) => {
      const w = window as unknown as { __edit: { at: number; readyAt: number | null; panAt: number | null } };
      const from = window.__hfp!.analysisSeq;
      w.__edit = { at: performance.now(), readyAt: null, panAt: null };
      const onPublish = () => {
        const h = window.__hfp;
        if (w.__edit.readyAt !== null || !h?.ready || h.analysisSeq <= from) return;
        w.__edit.readyAt = performance.now();
        window.removeEventListener(published, onPublish);
      };
      window.addEventListener(published, onPublish);
      if (panMs !== null)
        setTimeout(() => {
          w.__edit.panAt = performance.now();
          window.__hfp!.map.panBy([40, 0], { duration: 0 });
        }, panMs);
      return from;
    },
    [panAfterMs ?? null, HFP_PUBLISHED] as const,
  );
  await act();
  await waitForAnalysis(page, seq);
  return page.evaluate(() => {
    const { at, readyAt, panAt } = (window as unknown as { __edit: { at: number; readyAt: number; panAt: number } })
      .__edit;
    const frames = (window as unknown as { __hfpFrames: number[] }).__hfpFrames;
    return {
      frames: frames.filter((t) => t >= at && t <= readyAt).map((t) => t - at),
      readyMs: readyAt - at,
      panMs: panAt === null ? null : panAt - at,
    };
  });
}

/**
 * An edit's map drawn in one frame (MapController's edit hold): exactly one frame from the edit to its ready when the
 * answer came within the hold's limit (3 s; then frames are drawn as they come, and only one at least is required).
 */
export function expectOneFrame(edit: { frames: number[]; readyMs: number }) {
  if (edit.readyMs < 2900) expect(edit.frames.length, JSON.stringify(edit)).toBe(1);
  else expect(edit.frames.length, JSON.stringify(edit)).toBeGreaterThanOrEqual(1);
}

/**
 * Waits until the map has stopped moving and has drawn all it has to draw (tiles, sources, label placement and
 * fades): its `idle` event, which MapLibre fires after a frame with nothing left to do, asked for by a repaint. Not
 * a fixed pause after the camera stops.
 */
export async function waitMapStill(page: Page, timeoutMs = 30_000) {
  const late = await page.evaluate(
    (ms) =>
      new Promise<string>((resolve) => {
        const map = window.__hfp!.map;
        const timer = setTimeout(() => resolve(`moving=${map.isMoving()} loaded=${map.loaded()}`), ms);
        map.once("idle", () => {
          clearTimeout(timer);
          resolve("");
        });
        map.triggerRepaint();
      }),
    timeoutMs,
  );
  if (late) throw new Error(`waitMapStill: the map was not idle after ${timeoutMs} ms: ${late}`);
}

export function ruralCheck(report: AnalysisReport, code: string) {
  return report.counties.find((c) => c.code === code)?.checks.find((k) => k.rule === "EMS-RURAL");
}

/** Reads a download triggered by clicking `testId` (or the button given). */
export async function downloadText(page: Page, testId: string | Locator): Promise<{ name: string; text: string }> {
  const button = typeof testId === "string" ? page.getByTestId(testId) : testId;
  const [dl] = await Promise.all([page.waitForEvent("download"), button.click()]);
  const stream = await dl.createReadStream();
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return { name: dl.suggestedFilename(), text: Buffer.concat(chunks).toString("utf8") };
}

/** The page each browser connection keeps for its tests' {@link openApp}: across files, see {@link useBrowser}. */
const kept = new WeakMap<Browser, PageWatch>();
/** Each shared page's layer visibility on its first load, as a new session must find it again. */
const firstVisibility = new WeakMap<Page, string[]>();

/** Every layer of the map with its visibility ("id:visible"), in drawing order. */
function layerVisibility(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const map = window.__hfp!.map;
    return map.getStyle().layers.map((l) => `${l.id}:${map.getLayoutProperty(l.id, "visibility") ?? "visible"}`);
  });
}

/**
 * The connection to the shared Chromium that the test files of a worker process share (the e2e project does not
 * isolate its files: `isolate: false` in vite.config.ts), so that the page {@link openApp} keeps outlives a file.
 */
let connection: Browser | undefined;

/**
 * The browser for the tests of a file: the worker's connection to the one Chromium the global setup started, made
 * by the first file that asks. After each file every context it opened is closed (its own pages from `openPage`),
 * all but the page {@link openApp} keeps: the next file's first test takes that page back to a first visit through
 * 新建会话 instead of opening a new one (a new page took 8–10 s in the clean-clone run, a new session 2–4 s).
 * `E2E_FRESH_PAGE=1` closes it too, and each file connects anew, as before.
 */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    if (process.env.E2E_FRESH_PAGE || !connection?.isConnected()) {
      connection = await launch();
    }
    browser = connection;
  });
  afterAll(async () => {
    if (!browser) return;
    if (process.env.E2E_FRESH_PAGE) {
      connection = undefined;
      await browser.close();
      return;
    }
    const keep = kept.get(browser)?.page;
    const own = browser.contexts().filter((c) => !keep || keep.isClosed() || c !== keep.context());
    await Promise.all(own.map((c) => c.close().catch(() => {})));
  });
  return () => {
    if (!browser) throw new Error("browser not launched");
    return browser;
  };
}

/**
 * The app on Nanyang, its first analysis drawn, as on a first visit. The tests of a worker process share one page
 * (the files run one at a time in one worker, so every file's tests): after the first, the app is taken back to its
 * start through its own 「新建会话」 (new session) with the browser's storage emptied first, as a new page would find
 * it (the language and layer preferences, set-aside sessions); the console errors and outside requests recorded are
 * those since then. A page that cannot be reset (a test left it broken) is replaced by a new one. `E2E_FRESH_PAGE=1`
 * opens a new page for every test, as before.
 */
export async function openApp(browser: Browser) {
  const previous = process.env.E2E_FRESH_PAGE ? undefined : kept.get(browser);
  const t0 = performance.now();
  const took = (how: string) =>
    console.log(`[e2e] openApp: ${how} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  let reset: number | undefined;
  if (previous && !previous.page.isClosed()) {
    try {
      reset = await newSession(previous);
      took("new session on the shared page");
    } catch (e) {
      console.warn(`[e2e] a new session failed, opening a new page: ${String(e).split("\n")[0]}`);
      await previous.page
        .context()
        .close()
        .catch(() => {});
    }
  } else if (previous)
    await previous.page
      .context()
      .close()
      .catch(() => {});
  if (previous && reset !== undefined) {
    // the app sets every layer it shows or hides on a new session; one left otherwise was set by a test before
    // (through the map itself) and would break the tests after it with no clue why: said here, loudly
    const first = firstVisibility.get(previous.page);
    if (first) {
      const now = new Set(await layerVisibility(previous.page));
      const changed = first.filter((v) => !now.has(v));
      if (changed.length > 0)
        throw new Error(
          `a test before this one left the shared page's layers changed (first load: ${changed.join(", ")})`,
        );
    }
    return { ...previous, seq: reset };
  }
  const watch = await openPage(browser);
  await watch.page.goto(baseUrl());
  await waitForMapReady(watch.page, "nanyang");
  const seq = await waitForAnalysis(watch.page);
  took("new page");
  kept.set(browser, watch);
  firstVisibility.set(watch.page, await layerVisibility(watch.page));
  return { ...watch, seq };
}

/** The connection to the shared Chromium that draws scrollbars, kept for the worker process as `connection` is. */
let scrollbarsConnection: Browser | undefined;

/**
 * {@link openApp} in the Chromium that draws scrollbars as a desktop browser does (`launchWithScrollbars`), for the
 * tests that measure widths: its page is kept for the worker process too, so the second such test, in any file, takes
 * it back through 新建会话 instead of launching a Chromium and loading the app afresh. At 1366×768, as `openApp`.
 */
export async function openAppWithScrollbars() {
  if (!scrollbarsConnection?.isConnected()) scrollbarsConnection = await launchWithScrollbars();
  if (process.env.E2E_FRESH_PAGE) await Promise.all(scrollbarsConnection.contexts().map((c) => c.close()));
  return openApp(scrollbarsConnection);
}

/**
 * Empties the page's storage (IndexedDB's store, localStorage, sessionStorage), starts a new session through the
 * header's 新建会话 and its confirmation, and waits for the rebuilt app's first analysis on Nanyang. Returns its
 * analysis number.
 */
async function newSession(watch: PageWatch): Promise<number> {
  const { page } = watch;
  // a test may have resized the kept page (en-layout's tables at 1920×1080): back to openPage's size
  const size = page.viewportSize();
  if (size?.width !== 1366 || size.height !== 768) await page.setViewportSize({ width: 1366, height: 768 });
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        localStorage.clear();
        sessionStorage.clear();
        (window as { __hfpOldSession?: number }).__hfpOldSession = window.__hfp?.session ?? -1;
        const open = indexedDB.open("keyval-store");
        open.onupgradeneeded = () => open.result.createObjectStore("keyval");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction("keyval", "readwrite");
          tx.objectStore("keyval").clear();
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
  await page.keyboard.press("Escape"); // a popup, add mode or open menu a test left behind
  // the buttons are sent a click event, not clicked as a user does: Playwright's click() first waits for each to be
  // stable over two animation frames, which the map's software-drawn frames make slow (storage to confirm: 0.2–3.5 s,
  // 2.0 s on average, against 0.2–1.1 s, 0.5 s, at load 19–27: scripts/profile-reset.ts); session.test.ts clicks
  // them as a user does
  await page.getByTestId("new-session").dispatchEvent("click", undefined, { timeout: 15_000 });
  await page.getByTestId("new-session-confirm").dispatchEvent("click", undefined, { timeout: 15_000 });
  await page.waitForFunction(
    () => !!window.__hfp && window.__hfp.session > (window as { __hfpOldSession?: number }).__hfpOldSession!,
    undefined,
    { timeout: 120_000 },
  );
  await waitForMapReady(page, "nanyang");
  const seq = await waitForAnalysis(page);
  watch.consoleErrors.length = 0;
  watch.externalRequests.length = 0;
  return seq;
}

/**
 * Waits until every change the app's session store has been handed is in IndexedDB (the app's `whenSaved`), so
 * that a reload finds it: not a pause for the save's debounce.
 */
export async function waitSaved(page: Page) {
  await page.evaluate(() => window.__hfpWhenSaved!());
}

/** Sets the rural EMS radius on the Plan tab and waits for the re-scored analysis. */
export async function setRuralRadius(page: Page, km: number, afterSeq: number): Promise<number> {
  await page.getByTestId("tab-plan").click();
  const input = page.getByTestId("rural-radius-km");
  await input.fill(String(km));
  await input.press("Enter");
  return waitForAnalysis(page, afterSeq);
}

/** 西峡县's bounding box (from geodata/counties-nanyang.geojson). */
export const XIXIA_BOX = { w: 110.99, s: 33.08, e: 111.84, n: 33.81 };

/** A synthetic road lattice over 西峡县: 县道 every 0.05° both ways (no real road data ships with the tool). */
export function writeRoads(file: string) {
  const features = [];
  for (let lat = XIXIA_BOX.s; lat <= XIXIA_BOX.n; lat += 0.05)
    features.push({
      type: "Feature",
      properties: { 道路等级: "县道" },
      geometry: {
        type: "LineString",
        coordinates: Array.from({ length: 18 }, (_, k) => [XIXIA_BOX.w + k * 0.05, lat]),
      },
    });
  for (let lon = XIXIA_BOX.w; lon <= XIXIA_BOX.e; lon += 0.05)
    features.push({
      type: "Feature",
      properties: { 道路等级: "乡道" },
      geometry: {
        type: "LineString",
        coordinates: Array.from({ length: 16 }, (_, k) => [lon, XIXIA_BOX.s + k * 0.05]),
      },
    });
  writeFileSync(file, JSON.stringify({ type: "FeatureCollection", features }));
}

/** A WGS84 population GeoTIFF over 西峡县, 0.01° pixels, 100 people each, written by geotiff.js. */
export function writeRaster(file: string) {
  const w = Math.ceil((XIXIA_BOX.e - XIXIA_BOX.w) / 0.01);
  const h = Math.ceil((XIXIA_BOX.n - XIXIA_BOX.s) / 0.01);
  const values = new Float32Array(w * h).fill(100);
  writeFileSync(file, wgs84GeoTiff(values, { width: w, height: h }, { west: XIXIA_BOX.w, north: XIXIA_BOX.n }, 0.01));
}

/**
 * Switches the city with the picker (typing `query`, then Enter on the result `id`) and waits for its map; with
 * `analysis` also for its first analysis.
 */
export async function openCity(page: Page, query: string, id: string, analysis = true): Promise<void> {
  const box = page.getByTestId("city-search");
  await box.fill(query);
  await page.locator(`[data-testid=city-results] [role=option][data-city-id="${id}"]`).waitFor();
  await box.press("Enter");
  await waitForMapReady(page, id);
  if (analysis) await waitForAnalysis(page);
}
