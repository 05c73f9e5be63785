/**
 * 「新建会话」 (new session) in the built app, in headless Chromium (Debian's, driven by playwright-core): from the
 * click on the dialog's confirm to (a) the county table's first row back (the panels) and (b) the default city's map
 * back: its counties layer and its facility layers with features drawn (MapLibre's queryRenderedFeatures, polled
 * every 50 ms in the page). Two starting points: `same`, a session on the default city with one proposed EMS station
 * added; `city`, a session switched to 宜春 (the default city's counties are then not on the map when the new session
 * starts). Each run is a fresh page.
 * Usage: npx tsx scripts/bench-new-session.ts --dist DIR [--dist DIR2] [--runs 3]
 * With two builds the runs alternate between them (A/B/A/B, for a loaded machine: claim the ratio).
 */
import { loadavg } from "node:os";
import type { Page } from "playwright-core";
import { option, options } from "./lib/args";
import { armAddAtMapCentre, openBuiltApp } from "./lib/built-app";

const dists = options("--dist");
const runs = Number(option("--runs") ?? 3);
if (dists.length === 0) throw new Error("usage: --dist DIR [--dist DIR2] [--runs N]");

const FACILITY_LAYERS = ["facility-village-clinics", "facility-markers"];

async function ready(page: Page, city: string, afterSession = -1) {
  await page.waitForFunction(
    ([id, s]) => {
      const h = window.__hfp;
      return !!h && h.ready && h.cityId === id && h.session > s && h.map.loaded() && !h.map.isMoving();
    },
    [city, afterSession] as const,
    { timeout: 180_000, polling: 100 },
  );
}

/** One new session from `start`: ms from the confirm click to the table row and to the map's counties and facilities. */
async function once(dist: string, start: "same" | "city") {
  const { server, url, browser, context } = await openBuiltApp(dist);
  try {
    const page = await context.newPage();
    await page.goto(url);
    await ready(page, "nanyang");
    if (start === "same") {
      const at = await armAddAtMapCentre(page);
      const seq = await page.evaluate(() => window.__hfp!.analysisSeq);
      await page.mouse.click(at.x, at.y);
      await page.waitForFunction((s) => window.__hfp!.analysisSeq > s && window.__hfp!.ready, seq, {
        timeout: 120_000,
      });
      await page.keyboard.press("Escape");
    } else {
      await page.getByTestId("city-picker").selectOption("yichun");
      await ready(page, "yichun");
    }
    await page.getByTestId("new-session").click();
    await page.getByTestId("new-session-confirm").waitFor();
    const session = await page.evaluate(() => window.__hfp!.session);
    // the probe: the map is the same object over the new session (kept), so it can be taken now
    await page.evaluate(
      ([layers, old]) => {
        const w = window as unknown as { __ns: Record<string, number | null> };
        const map = window.__hfp!.map;
        w.__ns = { table: null, back: null, countiesBlank: 0, facilitiesBlank: 0 };
        document.querySelector("[data-testid=new-session-confirm]")!.addEventListener(
          "click",
          () => {
            const t0 = performance.now();
            let last = t0;
            const timer = setInterval(() => {
              const ns = w.__ns as Record<string, number>;
              const t = performance.now();
              const now = t - t0;
              // the old session's table goes first: only a row of the new app counts
              const fresh = !!window.__hfp && window.__hfp.session > old;
              if (ns.table === null && fresh && document.querySelector("[data-testid=county-table] tbody tr"))
                ns.table = now;
              const counties = map
                .queryRenderedFeatures({ layers: ["county-fill"] })
                .some((f) => String(f.properties.code).startsWith("4113"));
              const fac = layers.filter((id) => map.getLayer(id));
              const facilities = fac.length > 0 && map.queryRenderedFeatures({ layers: fac }).length > 0;
              if (!counties) ns.countiesBlank += t - last;
              if (!facilities) ns.facilitiesBlank += t - last;
              last = t;
              // back: both drawn, the new session's first analysis published
              if (ns.back === null && counties && facilities && fresh && window.__hfp?.ready) ns.back = now;
              if (ns.back !== null && ns.table !== null) clearInterval(timer);
            }, 50);
          },
          { capture: true },
        );
      },
      [FACILITY_LAYERS, session] as const,
    );
    await page.getByTestId("new-session-confirm").click();
    await ready(page, "nanyang", session);
    await page.waitForFunction(
      () => {
        const ns = (window as unknown as { __ns: Record<string, number | null> }).__ns;
        return ns.table !== null && ns.back !== null;
      },
      undefined,
      { timeout: 60_000, polling: 100 },
    );
    return await page.evaluate(() => (window as unknown as { __ns: Record<string, number> }).__ns);
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  }
}

const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
console.log(
  `load average at start ${loadavg()
    .map((x) => x.toFixed(2))
    .join(" ")}; ${new Date().toISOString()}`,
);
for (let r = 0; r < runs; r++)
  for (const dist of dists)
    for (const start of ["same", "city"] as const) {
      const l0 = loadavg()[0];
      const t = await once(dist, start);
      console.log(
        `${dist} start=${start}: table ${fmt(t.table)}, map back ${fmt(t.back)}; without counties ${fmt(t.countiesBlank)}, without facilities ${fmt(t.facilitiesBlank)} (load ${l0.toFixed(1)} → ${loadavg()[0].toFixed(1)})`,
      );
    }
