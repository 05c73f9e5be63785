/**
 * What one frame of the map costs, by source: the built app's default city in headless Chromium (as bench-browser.ts),
 * its first map ready, then for 3 s a repaint asked for after every frame, with every layer shown, then with each
 * source's layers hidden in turn, then none. Prints the mean time per frame of each (in software GL each frame is
 * drawn by SwiftShader and read back: what a frame drawn on the way to a map costs both cores).
 * Usage: npx tsx scripts/frame-cost.ts [--dist DIR]
 */
import { loadavg } from "node:os";
import { option } from "./lib/args";
import { openBuiltApp } from "./lib/built-app";

async function main() {
  const dist = option("--dist") ?? "dist";
  const { server, url, browser, context, load0 } = await openBuiltApp(dist);
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => window.__hfp?.ready === true, null, { timeout: 120_000 });
  await page.waitForTimeout(1500);
  const groups = await page.evaluate(() => {
    const g: Record<string, string[]> = {};
    for (const l of window.__hfp!.map.getStyle().layers) {
      const k = "source" in l && typeof l.source === "string" ? l.source : "(background)";
      g[k] ??= [];
      g[k].push(l.id);
    }
    return g;
  });
  /** Mean ms per frame over 3 s of repaints with `hide`'s layers hidden (restored after). */
  const perFrame = (hide: string[]) =>
    page.evaluate(async (ids) => {
      const m = window.__hfp!.map;
      const before = ids.map((id) => [id, m.getLayoutProperty(id, "visibility") ?? "visible"] as const);
      for (const id of ids) m.setLayoutProperty(id, "visibility", "none");
      await new Promise((r) => setTimeout(r, 800));
      let n = 0;
      let on = true;
      const again = () => {
        n++;
        if (on) m.triggerRepaint();
      };
      m.on("render", again);
      m.triggerRepaint();
      const t0 = performance.now();
      await new Promise((r) => setTimeout(r, 3000));
      on = false;
      m.off("render", again);
      const ms = (performance.now() - t0) / n;
      for (const [id, v] of before) m.setLayoutProperty(id, "visibility", v);
      await new Promise((r) => setTimeout(r, 800));
      return ms;
    }, hide);
  console.log(`load average ${load0.toFixed(2)}; ms per frame, mean over 3 s of repaints`);
  console.log(`  every layer shown: ${(await perFrame([])).toFixed(1)}`);
  for (const [source, ids] of Object.entries(groups))
    console.log(`  without ${source} (${ids.length} layers): ${(await perFrame(ids)).toFixed(1)}`);
  console.log(`  no layer shown: ${(await perFrame(Object.values(groups).flat())).toFixed(1)}`);
  console.log(
    `  every layer shown, again: ${(await perFrame([])).toFixed(1)}; load average ${loadavg()[0].toFixed(2)}`,
  );
  await browser.close();
  await server.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
