/**
 * What an edit costs the map: the built app's default city (南阳) in headless Chromium (as bench-browser.ts), its first
 * map ready, then edits in turn: an import of one EMS station per county (a CSV made from the city's boundaries),
 * its undo, its redo, the rural EMS radius set to 12 km. For each: the frames the map draws (counted by the canvas
 * clears: scripts/lib/frames.ts's recordFramesDrawn) from the action to the test hook's next ready publication with the
 * map idle, the time of the last frame and of the ready, from the action. Each edit runs `--runs` times (undo/redo in
 * pairs; the radius alternates 12 and 20 km).
 * Usage: npx tsx scripts/profile-edits.ts [--dist DIR] [--runs N]
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import pointOnFeature from "@turf/point-on-feature";
import type { Feature, FeatureCollection, Polygon } from "geojson";
import type { Page } from "playwright-core";
import { option } from "./lib/args";
import { openBuiltApp } from "./lib/built-app";
import { recordFramesDrawn } from "./lib/frames";

interface EditFigures {
  frames: number;
  lastFrameMs: number;
  readyMs: number;
}

/** Runs `act` with frames recorded; resolves with the figures once an analysis newer than the current is drawn. */
async function timed(page: Page, act: () => Promise<void>): Promise<EditFigures> {
  const seq = await page.evaluate(() => window.__hfp!.analysisSeq);
  await recordFramesDrawn(page);
  await page.evaluate(() => {
    (window as unknown as { __editT0: number }).__editT0 = performance.now();
  });
  await act();
  await page.waitForFunction(
    (s) => {
      const h = window.__hfp;
      return !!h && h.ready && h.analysisSeq > s && !h.map.isMoving() && h.map.loaded();
    },
    seq,
    { timeout: 60_000, polling: 20 },
  );
  const readyAt = await page.evaluate(() => performance.now());
  // frames that follow the ready (rings drawn after it, labels placed) count too: wait for the map's idle
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const m = window.__hfp!.map;
        m.once("idle", () => resolve());
        m.triggerRepaint();
      }),
  );
  await page.waitForTimeout(300);
  return page.evaluate((ready) => {
    const w = window as unknown as { __hfpFrames: number[]; __editT0: number };
    // the idle's own repaint draws one frame: it is not the edit's
    const frames = w.__hfpFrames.filter((t) => t <= ready + 1);
    const last = frames.length ? frames[frames.length - 1] - w.__editT0 : 0;
    return { frames: frames.length, lastFrameMs: last, readyMs: ready - w.__editT0 };
  }, readyAt);
}

function stationsCsv(): string {
  const counties = JSON.parse(readFileSync("geodata/counties-nanyang.geojson", "utf8")) as FeatureCollection<Polygon>;
  const rows = ["机构编码,机构名称,机构类别,经度,纬度"];
  counties.features.forEach((c: Feature<Polygon>, i) => {
    const [lon, lat] = pointOnFeature(c).geometry.coordinates;
    rows.push(`P${i + 1},${c.properties?.name}测试急救站${i + 1},急救站,${lon.toFixed(6)},${lat.toFixed(6)}`);
  });
  return `${rows.join("\n")}\n`;
}

async function main() {
  const dist = option("--dist") ?? "dist";
  const runs = Number(option("--runs") ?? 2);
  const file = join(mkdtempSync(join(tmpdir(), "hfp-edits-")), "急救站.csv");
  writeFileSync(file, stationsCsv());
  const { server, url, browser, context, load0 } = await openBuiltApp(dist);
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => window.__hfp?.ready === true, null, { timeout: 120_000 });
  await page.waitForTimeout(1500);
  const rows: Array<[string, EditFigures]> = [];
  const importOnce = async () => {
    await page.getByTestId("tab-data").click();
    await page.getByTestId("import-facilities").setInputFiles(file);
    await page.getByTestId("import-apply").waitFor({ timeout: 30_000 });
    rows.push(["import", await timed(page, () => page.getByTestId("import-apply").click())]);
  };
  for (let r = 0; r < runs; r++) {
    await importOnce();
    rows.push(["undo", await timed(page, () => page.getByTestId("undo").click())]);
    rows.push(["redo", await timed(page, () => page.getByTestId("redo").click())]);
    rows.push(["undo again", await timed(page, () => page.getByTestId("undo").click())]);
    await page.getByTestId("tab-plan").click();
    const input = page.getByTestId("rural-radius-km");
    await input.fill(r % 2 === 0 ? "12" : "20");
    rows.push(["rural radius", await timed(page, () => input.press("Enter"))]);
  }
  console.log(`load average ${load0.toFixed(2)} → ${loadavg()[0].toFixed(2)}; ${dist}`);
  console.log("edit          frames  last frame  ready");
  for (const [what, f] of rows)
    console.log(
      `${what.padEnd(13)} ${String(f.frames).padStart(6)}  ${f.lastFrameMs.toFixed(0).padStart(7)} ms  ${f.readyMs.toFixed(0).padStart(5)} ms`,
    );
  await browser.close();
  await server.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
