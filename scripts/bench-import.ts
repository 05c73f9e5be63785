/**
 * A big facility list in the built app, in headless Chromium: 50,000 rows for 南阳 (10,000 each of EMS stations,
 * hospitals, township health centres, community centres and village clinics; seeded positions over the city's box,
 * no county or unit codes, as a county spreadsheet often comes), imported through the Data tab. Timed from the click
 * on 「使用」 to the analysis of the list published ready (the county table and gaps on screen), in the page. The GIS
 * trial of stop 37 measured 23.4 s here while the map cut and drew a service ring round each of the 10,000 stations;
 * past MAX_MAP_RINGS the map draws none (docs/benchmarks.md).
 * Usage: npx tsx scripts/bench-import.ts [-- --runs 3] [-- --dist DIR (skip the build, serve DIR)]
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { browserSkipReason } from "./bench-browser";
import { option } from "./lib/args";
import { buildApp, openBuiltApp } from "./lib/built-app";

const TYPES = ["急救站", "医院", "乡镇卫生院", "社区卫生服务中心", "村卫生室"];

/** The list: `perType` rows of each type, positions from a fixed-seed generator over 南阳's box. */
function bigList(perType: number): string {
  let s = 12345;
  const rand = () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
  const lines = ["id,name,type,lon,lat"];
  let n = 0;
  for (let i = 0; i < perType; i++)
    for (const type of TYPES) {
      const lon = 110.97 + rand() * (113.81 - 110.97);
      const lat = 32.29 + rand() * (33.81 - 32.29);
      lines.push(`B${n},设施${n},${type},${lon.toFixed(5)},${lat.toFixed(5)}`);
      n++;
    }
  return `${lines.join("\n")}\n`;
}

async function main() {
  const skip = browserSkipReason();
  if (skip) {
    console.log(`skipped: ${skip}`);
    return;
  }
  const runs = Number(option("--runs") ?? 3);
  let dist = option("--dist");
  if (!dist) {
    dist = "test-output/bench-app";
    buildApp(dist);
  }
  const file = join(mkdtempSync(join(tmpdir(), "bench-import-")), "big50k.csv");
  writeFileSync(file, bigList(10_000));
  const app = await openBuiltApp(dist);
  const ms: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      // a fresh context each run: no session (the last run's list) restored
      const context =
        i === 0
          ? app.context
          : await app.browser.newContext({ viewport: { width: 1366, height: 768 }, locale: "zh-CN" });
      const page = await context.newPage();
      await page.goto(app.url);
      await page.waitForFunction(() => window.__hfp?.ready && window.__hfp?.report, null, { timeout: 120_000 });
      await page.getByTestId("tab-data").click();
      await page.getByTestId("import-facilities").setInputFiles(file);
      await page.getByTestId("import-apply").waitFor({ timeout: 120_000 });
      const seq = await page.evaluate(() => window.__hfp!.analysisSeq);
      const t0 = Date.now();
      await page.getByTestId("import-apply").click();
      await page.waitForFunction((s) => window.__hfp!.analysisSeq > s && window.__hfp!.ready, seq, {
        timeout: 300_000,
        polling: 20,
      });
      ms.push(Date.now() - t0);
      const omitted = await page.getByTestId("rings-omitted").textContent();
      console.log(
        `run ${i + 1}: 「使用」 → analysis ready ${(ms[i] / 1000).toFixed(2)} s; rings: ${omitted ?? "all drawn"}`,
      );
      await context.close();
    }
  } finally {
    await app.browser.close();
    await new Promise<void>((resolve) => app.server.httpServer.close(() => resolve()));
  }
  const sorted = [...ms].sort((a, b) => a - b);
  console.log(
    `50,000-row list (10,000 EMS stations), 「使用」 → analysis ready: median ${(sorted[Math.floor(sorted.length / 2)] / 1000).toFixed(2)} s over ${runs} runs (load ${app.load0.toFixed(1)} → ${loadavg()[0].toFixed(1)})`,
  );
}

await main();
