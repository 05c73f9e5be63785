/**
 * How long the county names take to settle after a language switch: the built app in headless Chromium at
 * 1366×768 opens 邢台 (the nangong city, 19 county-level units), then the interface is switched to English and the
 * page itself timestamps every frame the map draws (its `render` event) from the click on: the first frame in which
 * all 19 English names are placed (MapLibre's rendered symbols), and the last frame in which the placed names
 * changed (text, size or position) before the map stayed still for 4 s. For each it also gives the smallest text size
 * of a placed name (CSS px, MapLibre's evaluated `text-size`). Chinese back, then English again is a second switch.
 * Usage: npx tsx scripts/bench-labels.ts --dist DIR [--runs 3] [--label NAME]
 * Compare two builds by running it on each in turn (A/B/A/B), with `uptime` before each run.
 */
import { loadavg } from "node:os";
import type { Page } from "playwright-core";
import { option } from "./lib/args";
import { openBuiltApp } from "./lib/built-app";

const dist = option("--dist");
if (!dist) throw new Error("--dist DIR: the built app to serve");
const runs = Number(option("--runs") ?? 3);
const label = option("--label") ?? dist;

interface Switch {
  allPlacedMs: number | null;
  lastChangeMs: number;
  frames: number;
  placed: number;
  minPx: number;
}

/** Switches the language in the page and records the frames until the map stays still for `quietMs`. */
function measureSwitch(page: Page, want: number, quietMs = 4000, maxMs = 30_000): Promise<Switch> {
  return page.evaluate(
    ([want, quietMs, maxMs]) =>
      new Promise<Switch>((resolve) => {
        const map = window.__hfp!.map;
        const t0 = performance.now();
        let allPlacedMs: number | null = null;
        let lastChangeMs = 0;
        let frames = 0;
        let last = "";
        let placed = 0;
        let minPx = Number.POSITIVE_INFINITY;
        let quiet: ReturnType<typeof setTimeout> | undefined;
        const finish = () => {
          map.off("render", onRender);
          resolve({ allPlacedMs, lastChangeMs, frames, placed, minPx });
        };
        const onRender = () => {
          frames++;
          const now = performance.now() - t0;
          const feats = map.queryRenderedFeatures({ layers: ["county-label"] });
          const english = feats.filter((f) => /[A-Z]/.test(String(f.properties.name)));
          const names = new Set(english.map((f) => String(f.properties.code)));
          const key = feats
            .map((f) => {
              const size = (f.layer.layout as Record<string, unknown> | undefined)?.["text-size"];
              return `${f.properties.code}:${f.properties.name}:${size}:${JSON.stringify(f.properties)}`;
            })
            .sort()
            .join("|");
          if (key !== last) {
            last = key;
            lastChangeMs = now;
            placed = names.size;
            minPx = Math.min(
              ...english.map((f) =>
                Number((f.layer.layout as Record<string, unknown> | undefined)?.["text-size"] ?? Number.NaN),
              ),
            );
          }
          if (allPlacedMs === null && names.size >= want) allPlacedMs = now;
          clearTimeout(quiet);
          quiet = setTimeout(finish, quietMs);
          if (now > maxMs) finish();
        };
        map.on("render", onRender);
        (document.querySelector("[data-testid=lang-toggle]") as HTMLElement).click();
        quiet = setTimeout(finish, quietMs);
      }),
    [want, quietMs, maxMs] as const,
  );
}

async function backToChinese(page: Page) {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        (document.querySelector("[data-testid=lang-toggle]") as HTMLElement).click();
        const map = window.__hfp!.map;
        let quiet = setTimeout(done, 3000);
        function done() {
          map.off("render", onRender);
          resolve();
        }
        function onRender() {
          clearTimeout(quiet);
          quiet = setTimeout(done, 3000);
        }
        map.on("render", onRender);
      }),
  );
}

const { server, url, browser, context } = await openBuiltApp(dist);
try {
  for (let r = 0; r < runs; r++) {
    const load = loadavg()[0];
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction(() => window.__hfp?.ready === true, null, { timeout: 180_000 });
    const box = page.getByTestId("city-search");
    await box.fill("邢台");
    await page.locator('[data-testid=city-results] [role=option][data-city-id="nangong"]').waitFor();
    await box.press("Enter");
    await page.waitForFunction(
      () => window.__hfp?.cityId === "nangong" && window.__hfp.ready && !window.__hfp.map.isMoving(),
      null,
      { timeout: 180_000 },
    );
    await page.waitForTimeout(4000);
    const first = await measureSwitch(page, 19);
    await backToChinese(page);
    const second = await measureSwitch(page, 19);
    for (const [n, s] of [
      ["first", first],
      ["second", second],
    ] as const)
      console.log(
        `${label} run ${r + 1} ${n} switch (load ${load.toFixed(2)}): all 19 placed at ${
          s.allPlacedMs === null ? "never" : `${(s.allPlacedMs / 1000).toFixed(2)} s`
        }, last change at ${(s.lastChangeMs / 1000).toFixed(2)} s (${s.placed} English names placed then, smallest ${s.minPx.toFixed(1)} px), ${s.frames} frames`,
      );
    await page.close();
  }
} finally {
  await browser.close();
  await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
}
