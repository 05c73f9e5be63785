/**
 * The floor under the first-map target (issue #13: the first map with a populated county table in under 2 s): how long
 * MapLibre alone takes, on this machine's headless Chromium, to draw the default city's data and nothing else
 * (scripts/floor/: no React, no analysis, no table), beside the app's own first map, in one browser, the
 * loads alternated (a fresh context each, nothing cached), each timed to its first frame done as bench-browser.ts times
 * the app's:
 *   none        MapLibre's map with its background only (its worker file, style and first frame);
 *   counties    the default city's county polygons, a fill and a line layer;
 *   facilities  and the sample scenario's facilities, one circle layer;
 *   unnamed     with `--app DIR`: what the app's map draws on a first load (every data source's GeoJSON and every
 *               layer, with the app's paint and layout) but the county names, taken from one load of the app before
 *               the runs and served to the floor page;
 *   map         the same with the county names: MapLibre drawing the app's whole map, without React, the analysis
 *               or the table;
 *   app         the built app (bench-browser.ts (a)), with `--app DIR`.
 * Usage: npx tsx scripts/bench-floor.ts [--runs 5] [--app DIR (a built app, e.g. from `vite build --outDir DIR`)]
 *   [--shots DIR (a screenshot of each variant's first load)]
 * The `map` variant's data is served from memory by Playwright (a route), not from the floor's server.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { build, preview } from "vite";
import { firstMap, launchBenchBrowser } from "./bench-browser";
import { option } from "./lib/args";
import { cpuSince, treeCpu } from "./lib/proc-cpu";

const runs = Number(option("--runs") ?? 5);
const app = option("--app");
/** A screenshot of each variant's first load, to see that they draw what they say (`DIR/floor-<variant>.png`). */
const shots = option("--shots");

const out = mkdtempSync(join(tmpdir(), "bench-floor-"));
await build({
  root: "scripts/floor",
  base: "./",
  configFile: false,
  logLevel: "warn",
  build: { outDir: out, emptyOutDir: true, chunkSizeWarningLimit: 4000 },
});
const serve = async (dir: string) => {
  const s = await preview({
    build: { outDir: dir },
    preview: { port: 0, host: "127.0.0.1", strictPort: false },
    logLevel: "warn",
  });
  return { server: s, url: s.resolvedUrls!.local[0] };
};
const floorSite = await serve(out);
const appSite = app ? await serve(app) : null;
const browser = await launchBenchBrowser();
/**
 * What the app's map draws after its first load: its data sources' GeoJSON and its layers (the style has no glyphs URL,
 * so MapLibre draws the county names' glyphs with the browser's fonts in either page).
 */
async function appMap(url: string): Promise<{ json: string; view: string }> {
  const r = await firstMap(browser, url);
  const view = await r.page.evaluate(() => {
    const map = window.__hfp!.map;
    const c = map.getCenter();
    const box = map.getContainer();
    return `&w=${box.clientWidth}&h=${box.clientHeight}&lon=${c.lng}&lat=${c.lat}&z=${map.getZoom()}`;
  });
  const json = await r.page.evaluate(async () => {
    const map = window.__hfp!.map;
    const style = map.getStyle();
    const sources: Record<string, { data: unknown; buffer: number; promoteId?: unknown }> = {};
    const layers = style.layers.filter((l) => l.type !== "background" && "source" in l);
    for (const l of layers) {
      const id = (l as { source: string }).source;
      if (sources[id]) continue;
      const source = map.getSource(id) as unknown as {
        getData(): Promise<unknown>;
        serialize(): { buffer?: number; promoteId?: unknown };
      };
      const spec = source.serialize();
      sources[id] = { data: await source.getData(), buffer: spec.buffer ?? 128, promoteId: spec.promoteId };
    }
    return JSON.stringify({ sources, layers });
  });
  await r.page.context().close();
  return { json, view };
}
const fromApp = appSite ? await appMap(appSite.url) : null;
const appMapJson = fromApp?.json ?? null;
// every floor variant drawn at the app's map size and camera (without --app: 686×720, MapLibre's own fit)
const view = fromApp?.view ?? "";

const load0 = loadavg()[0];
const variants = ["none", "counties", "facilities", ...(appSite ? ["unnamed", "map", "app"] : [])];
const times = new Map<string, { load: number[]; done: number[]; cpu: number[] }>(
  variants.map((v) => [v, { load: [], done: [], cpu: [] }]),
);
try {
  for (let i = 0; i < runs; i++) {
    for (const v of variants) {
      const t = times.get(v)!;
      if (v === "app") {
        const r = await firstMap(browser, appSite!.url);
        if (shots && i === 0) await r.page.screenshot({ path: join(shots, "floor-app.png") });
        t.done.push(r.done);
        if (r.cpu) t.cpu.push(r.cpu.total * 1000);
        await r.page.context().close();
        continue;
      }
      const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: "zh-CN" });
      const page = await context.newPage();
      if (appMapJson)
        await page.route("**/app-map.json", (route) =>
          route.fulfill({ body: appMapJson, contentType: "application/json" }),
        );
      const cpu0 = treeCpu();
      page.on("pageerror", (e) => console.error(`floor page (${v}): ${e.message}`));
      await page.goto(`${floorSite.url}?v=${v === "unnamed" ? "map&names=0" : v}${view}`);
      await page.waitForFunction(() => (window as unknown as { __floor: { done?: number } }).__floor?.done, null, {
        timeout: 30_000,
        polling: 50,
      });
      const f = await page.evaluate(() => (window as unknown as { __floor: Record<string, number> }).__floor);
      if (shots && i === 0) await page.screenshot({ path: join(shots, `floor-${v}.png`) });
      const cpu = cpuSince(cpu0, treeCpu());
      t.load.push(f.load);
      t.done.push(f.done);
      if (cpu) t.cpu.push(cpu.total * 1000);
      await context.close();
    }
  }
  const fmt = (xs: number[]) => {
    if (xs.length === 0) return "–";
    const s = [...xs].sort((a, b) => a - b);
    return `median ${(s[Math.floor(s.length / 2)] / 1000).toFixed(2)} s (${s.map((x) => (x / 1000).toFixed(2)).join(" / ")})`;
  };
  console.log(
    `Chromium ${browser.version()}, ${cpus().length} cores (${cpus()[0]?.model ?? "cpu"}), 1366×768; ${runs} loads each, alternated; load average ${load0.toFixed(2)} → ${loadavg()[0].toFixed(2)}`,
  );
  for (const v of variants) {
    const t = times.get(v)!;
    console.log(`${v.padEnd(11)} frame done ${fmt(t.done)}`);
    if (t.load.length) console.log(`${"".padEnd(11)} MapLibre's load ${fmt(t.load)}`);
    console.log(`${"".padEnd(11)} Chromium's CPU ${fmt(t.cpu)}`);
  }
} finally {
  await browser.close();
  for (const s of [floorSite, appSite]) if (s) await new Promise<void>((r) => s.server.httpServer.close(() => r()));
  rmSync(out, { recursive: true, force: true });
}
