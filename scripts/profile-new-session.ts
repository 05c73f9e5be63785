/**
 * Where 「新建会话」's time goes, from another city (宜春) back to the default one: one run of the built app in headless
 * Chromium with the app's profiling marks on (`ns:*`: the confirm, the storage and worker reset, the default city's
 * data, its counties on the kept map, the rebuild, the new app's mount, counties and fit), the map's frames, and the
 * moment Nanyang's counties are first drawn in view (queryRenderedFeatures, polled every 25 ms), all in ms after the
 * confirm's click. Usage: npx tsx scripts/profile-new-session.ts --dist DIR [--runs 1]
 */
import { loadavg } from "node:os";
import { flag, option } from "./lib/args";
import { openBuiltApp } from "./lib/built-app";
import { breakdown, type CpuProfile } from "./lib/cpu-profile";

// (a run without --dist took the first word given, whatever it was, for the build's directory)
const dist = option("--dist") ?? "dist";
const runs = Number(option("--runs") ?? 1);
/** With --cpu: V8's sampling profiler in the page from the confirm to the counties drawn, by function. */
const cpu = flag("--cpu");

for (let r = 0; r < runs; r++) {
  const { server, url, browser, context, load0 } = await openBuiltApp(dist);
  try {
    const page = await context.newPage();
    await page.goto(url);
    const ready = (city: string, after = -1) =>
      page.waitForFunction(
        ([id, s]) => {
          const h = window.__hfp;
          return !!h && h.ready && h.cityId === id && h.session > s && h.map.loaded() && !h.map.isMoving();
        },
        [city, after] as const,
        { timeout: 180_000, polling: 100 },
      );
    await ready("nanyang");
    await page.getByTestId("city-picker").selectOption("yichun");
    await ready("yichun");
    await page.getByTestId("new-session").click();
    await page.getByTestId("new-session-confirm").waitFor();
    const session = await page.evaluate(() => window.__hfp!.session);
    await page.evaluate(() => {
      const w = window as unknown as { __hfpMarks: boolean; __ns: { t0: number; events: Array<[number, string]> } };
      w.__hfpMarks = true;
      const map = window.__hfp!.map;
      w.__ns = { t0: 0, events: [] };
      const ev = (what: string) => w.__ns.events.push([performance.now() - w.__ns.t0, what]);
      map.on("render", () => ev("frame"));
      map.on("sourcedata", (e) => {
        if (e.sourceId === "counties" && e.tile) ev("counties tile");
      });
      document.querySelector("[data-testid=new-session-confirm]")!.addEventListener(
        "click",
        () => {
          w.__ns.t0 = performance.now();
          let drawn = false;
          const timer = setInterval(() => {
            const c = map.getCenter();
            const has = map
              .queryRenderedFeatures({ layers: ["county-fill"] })
              .some((f) => String(f.properties.code).startsWith("4113"));
            if (has && !drawn) ev(`COUNTIES DRAWN (centre ${c.lng.toFixed(2)},${c.lat.toFixed(2)})`);
            drawn ||= has;
            if (drawn && window.__hfp?.ready && window.__hfp.cityId === "nanyang") clearInterval(timer);
          }, 25);
        },
        { capture: true },
      );
    });
    const cdp = cpu ? await context.newCDPSession(page) : null;
    if (cdp) {
      await cdp.send("Profiler.enable");
      await cdp.send("Profiler.setSamplingInterval", { interval: 500 });
      await cdp.send("Profiler.start");
    }
    await page.getByTestId("new-session-confirm").click();
    if (cdp) {
      await page.waitForFunction(
        () =>
          (window as unknown as { __ns: { events: Array<[number, string]> } }).__ns.events.some(([, e]) =>
            e.startsWith("COUNTIES DRAWN"),
          ),
        undefined,
        { timeout: 120_000, polling: 50 },
      );
      const { profile } = (await cdp.send("Profiler.stop")) as { profile: CpuProfile };
      const b = breakdown(profile, { top: 40, skipIdle: true });
      console.log(`page profile: ${b.total.toFixed(0)} ms, busy ${b.busy.toFixed(0)} ms; inclusive time`);
      console.log(b.incl.join("\n"));
    }
    await ready("nanyang", session);
    await page.waitForTimeout(300);
    const out = await page.evaluate(() => {
      const w = window as unknown as { __ns: { t0: number; events: Array<[number, string]> } };
      const marks = performance
        .getEntriesByType("mark")
        .filter((m) => m.name.startsWith("ns:") || m.name.startsWith("hfp:"))
        .filter((m) => m.startTime >= w.__ns.t0 - 1)
        .map((m) => [m.startTime - w.__ns.t0, m.name] as [number, string]);
      const long = (window as unknown as { __prof: { long: number[][] } }).__prof.long
        .filter(([at]) => at >= w.__ns.t0 - 1)
        .map(([at, d]) => [at - w.__ns.t0, `long task ${d.toFixed(0)} ms`] as [number, string]);
      return [...marks, ...w.__ns.events, ...long].sort((a, b) => a[0] - b[0]);
    });
    console.log(`run ${r + 1}, load ${load0.toFixed(1)} → ${loadavg()[0].toFixed(1)}`);
    let frames = 0;
    for (const [t, what] of out) {
      if (what === "frame" || what === "counties tile") {
        frames++;
        if (frames > 40) continue;
      }
      console.log(`${t.toFixed(0).padStart(6)} ms  ${what}`);
    }
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  }
}
