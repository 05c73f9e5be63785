/**
 * How busy the machine's cores are during a cold load of the built app, over time: /proc/stat's busy share of every
 * core sampled every 50 ms from navigation to the test hook's first ready, in 250 ms steps, beside the page's own marks
 * (the map made and loaded, the first table row, the analysis handed to the map, ready, its frame done). Says whether a step of
 * the load waits on the cores (all busy) or on something else (a core idle), i.e. whether work moved earlier would
 * overlap or only compete. Whole machine: run it with nothing else running.
 * Usage: npx tsx scripts/cpu-timeline.ts [--dist DIR] (one cold load; run it again for another)
 */
import { readFileSync } from "node:fs";
import { cpus } from "node:os";
import { option } from "./lib/args";
import { openBuiltApp } from "./lib/built-app";

/** Busy and total jiffies of all cores from /proc/stat's first line. */
function jiffies(): { busy: number; total: number } {
  const f = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
  const idle = f[3] + (f[4] ?? 0); // idle + iowait
  const total = f.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

async function main() {
  const dist = option("--dist") ?? "dist";
  const cores = cpus().length;
  const { server, url, browser, context } = await openBuiltApp(dist);
  {
    await context.addInitScript(() => {
      const w = window as unknown as { __tableAt: number | null };
      w.__tableAt = null;
      const watch = () => {
        if (w.__tableAt === null && document.querySelector("[data-testid=county-table] tbody tr"))
          w.__tableAt = performance.now();
        if (w.__tableAt === null) requestAnimationFrame(watch);
      };
      requestAnimationFrame(watch);
      // the end of the task that first published ready: the frame it was published in is then done (bench-browser.ts)
      const d = window as unknown as { __doneAt: number | null };
      d.__doneAt = null;
      window.addEventListener("hfp:published", () => {
        if (d.__doneAt === null && window.__hfp?.ready)
          setTimeout(() => {
            d.__doneAt ??= performance.now();
          });
      });
    });
    const page = await context.newPage();
    const samples: Array<{ at: number; busy: number; total: number }> = [];
    const sample = () => samples.push({ at: Date.now(), ...jiffies() });
    sample();
    const timer = setInterval(sample, 50);
    await page.goto(url);
    await page.waitForFunction(() => (window as unknown as { __doneAt: number | null }).__doneAt !== null, null, {
      timeout: 120_000,
      polling: 50,
    });
    clearInterval(timer);
    sample();
    const marks = await page.evaluate(() => {
      const w = window as unknown as {
        __tableAt: number | null;
        __prof: { pubs: Array<{ at: number; ready: boolean }> };
      };
      const out: Record<string, number> = {};
      for (const m of performance.getEntriesByType("mark"))
        if (["hfp:analysis-to-map", "hfp:map-created", "hfp:map-load"].includes(m.name))
          out[m.name.slice(4)] = m.startTime;
      if (w.__tableAt !== null) out["first table row"] = w.__tableAt;
      const ready = w.__prof.pubs.find((p) => p.ready);
      if (ready) out.ready = ready.at;
      out["frame done"] = (window as unknown as { __doneAt: number }).__doneAt;
      return { origin: performance.timeOrigin, out };
    });
    const t0 = marks.origin;
    console.log(`busy cores of ${cores}, per 250 ms from navigation (/proc/stat)`);
    const step = 250;
    const end = samples[samples.length - 1].at;
    for (let from = t0; from < end; from += step) {
      const inside = samples.filter((s) => s.at >= from && s.at <= from + step);
      const before = samples.filter((s) => s.at < from).pop() ?? samples[0];
      const last = inside[inside.length - 1];
      if (!last) continue;
      const busy = ((last.busy - before.busy) / Math.max(1, last.total - before.total)) * cores;
      const here = Object.entries(marks.out)
        .filter(([, at]) => at >= from - t0 && at < from + step - t0)
        .map(([name, at]) => `${name} ${(at / 1000).toFixed(2)} s`)
        .join(", ");
      const bar = "#".repeat(Math.round(busy * 10));
      console.log(
        `  ${((from - t0) / 1000).toFixed(2).padStart(5)} s ${busy.toFixed(2)} ${bar.padEnd(cores * 10)} ${here}`,
      );
    }
    await page.close();
  }
  await browser.close();
  await server.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
