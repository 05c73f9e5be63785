import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { decodePng as decode } from "../png";
import { baseUrl, screenshot } from "./browser";
import { openApp, openCity, useBrowser, waitMapStill } from "./flows";
import { overlayBoxes, waitLabels } from "./label-flows";

const url = baseUrl();

type Box = [number, number, number, number];

/**
 * The names of a plan city's county-level units, from its shipped boundaries (the reference, not the app's label
 * source): 邢台 is shipped as the nangong city (its plan binds 南宫市), 宜春 as yichun.
 */
function countyNames(id: "nangong" | "yichun"): string[] {
  const fc = JSON.parse(readFileSync(`geodata/counties-${id}.geojson`, "utf8")) as {
    features: Array<{ properties: { name: string } }>;
  };
  return fc.features.map((f) => f.properties.name);
}

/** The Chinese names (the last line of each label) the label layer has placed, once the names are settled. */
async function placedZh(page: Page): Promise<string[]> {
  await waitLabels(page);
  return page.evaluate(() =>
    window
      .__hfp!.map.queryRenderedFeatures({ layers: ["county-label"] })
      .map((f) => String(f.properties.name).split("\n").pop() ?? ""),
  );
}

/**
 * Once the names are placed in `lang` (the label fitter's settled signal, not a poll of frames), checks that every one
 * of `names` is placed on screen, and returns what is.
 */
async function allPlaced(page: Page, names: string[], what: string, lang: "en" | "zh"): Promise<string[]> {
  await waitLabels(page, lang);
  const got = (await placedZh(page)).sort();
  expect(got, what).toEqual([...names].sort());
  return got;
}

/**
 * The boxes of the names MapLibre placed on screen, from its collision index (CSS px of the map, 2 px padding in;
 * a name's text and plate boxes joined): the layout the map drew, read independently of the app's label code.
 */
function screenBoxes(page: Page): Promise<Box[]> {
  return page.evaluate(() => {
    type Key = { bucketInstanceId: number; featureIndex: number };
    const grid = (
      window.__hfp!.map as unknown as {
        style: { placement: { collisionIndex: { grid: { bboxes: number[]; boxKeys: Key[] } } } };
      }
    ).style.placement.collisionIndex.grid;
    const by = new Map<string, [number, number, number, number]>();
    grid.boxKeys.forEach((k, i) => {
      const id = `${k.bucketInstanceId}:${k.featureIndex}`;
      const b = grid.bboxes.slice(4 * i, 4 * i + 4).map((v) => v - 100) as [number, number, number, number];
      const had = by.get(id);
      by.set(
        id,
        had ? [Math.min(had[0], b[0]), Math.min(had[1], b[1]), Math.max(had[2], b[2]), Math.max(had[3], b[3])] : b,
      );
    });
    return [...by.values()];
  });
}

/** Pairs of boxes that overlap (their padding, 2 px a side, taken off first: names that only touch pass). */
function overlaps(boxes: Box[], pad = 2): Array<[Box, Box]> {
  const out: Array<[Box, Box]> = [];
  const inner = boxes.map(([a, b, c, d]) => [a + pad, b + pad, c - pad, d - pad] as Box);
  for (let i = 0; i < inner.length; i++)
    for (let j = i + 1; j < inner.length; j++) {
      const [p, q] = [inner[i], inner[j]];
      const w = Math.min(p[2], q[2]) - Math.max(p[0], q[0]);
      const h = Math.min(p[3], q[3]) - Math.max(p[1], q[1]);
      if (w > 0.5 && h > 0.5) out.push([boxes[i], boxes[j]]);
    }
  return out;
}

/**
 * Prints the whole city's map on A4 (Data tab) and returns the print's test hook. 邢台's exports start on 南宫市, the
 * one county plan 002 binds: the whole city is chosen.
 */
async function printA4(page: Page) {
  await page.getByTestId("tab-data").click();
  if ((await page.getByTestId("export-county").count()) > 0) await page.getByTestId("export-county").selectOption("");
  await page.evaluate(() => {
    window.__hfpPrint = undefined;
  });
  const [dl] = await Promise.all([
    page.waitForEvent("download", { timeout: 240_000 }),
    page.getByTestId("export-map-png").click(),
  ]);
  expect(dl.suggestedFilename()).toMatch(/\.png$/);
  const print = await page.evaluate(() => window.__hfpPrint);
  expect(print?.paper).toBe("A4");
  return print!;
}

describe.skipIf(!url)("邢台: every county named, none over another, legible over the markers", () => {
  const browser = useBrowser();

  it("in English and Chinese all 19 names are placed at 1366×768 and on the A4 print, no two overlapping", async () => {
    const { page, consoleErrors } = await openApp(browser());
    await page.getByTestId("lang-toggle").click();
    await openCity(page, "邢台", "nangong");
    const names = countyNames("nangong");
    expect(names).toHaveLength(19);
    await allPlaced(page, names, "邢台 in English on screen", "en");
    const en = await page.evaluate(() =>
      window.__hfp!.map.queryRenderedFeatures({ layers: ["county-label"] }).map((f) => String(f.properties.name)),
    );
    for (const n of en) expect(n).toMatch(/^[A-Z][a-z]+( [A-Z][a-z]+)* (District|County|City)\n/);
    const boxes = await screenBoxes(page);
    expect(boxes).toHaveLength(19);
    expect(overlaps(boxes)).toEqual([]);
    await screenshot(page, "73-labels-xingtai-en");

    // the A4 print of all of 邢台: every name placed by the collision handling, none drawn over another
    const print = await printA4(page);
    expect(print.labels.map((n) => n.split("\n").pop()).sort()).toEqual([...names].sort());
    expect(print.forced).toEqual([]);
    expect(print.labelBoxes).toHaveLength(19);
    expect(overlaps(print.labelBoxes ?? [])).toEqual([]);

    // in Chinese as well, on screen and in print
    await page.getByTestId("lang-toggle").click();
    await page.getByTestId("tab-review").click();
    await allPlaced(page, names, "邢台 in Chinese on screen", "zh");
    expect(overlaps(await screenBoxes(page))).toEqual([]);
    const zh = await printA4(page);
    expect([...zh.labels].sort()).toEqual([...names].sort());
    expect(overlaps(zh.labelBoxes ?? [])).toEqual([]);
    expect(consoleErrors).toEqual([]);
  }, 900_000);

  it("宜春 in English and Chinese: every name placed at 1366×768", async () => {
    const { page, consoleErrors } = await openApp(browser());
    await openCity(page, "宜春", "yichun");
    const names = countyNames("yichun");
    expect(names.length).toBeGreaterThan(8);
    await allPlaced(page, names, "宜春 in Chinese", "zh");
    await page.getByTestId("lang-toggle").click();
    await allPlaced(page, names, "宜春 in English", "en");
    expect(overlaps(await screenBoxes(page))).toEqual([]);
    // its English county table, one line a row with figures in every column, fits the side panel's width
    const fit = await page.evaluate(() => {
      const wrap = document.querySelector("[data-testid=county-table]")!.parentElement!;
      const rows = [...wrap.querySelectorAll("tbody tr")].map((r) => r.getBoundingClientRect().height);
      return { scrollWidth: wrap.scrollWidth, clientWidth: wrap.clientWidth, tallest: Math.max(...rows) };
    });
    expect(fit.scrollWidth).toBeLessThanOrEqual(fit.clientWidth);
    expect(fit.tallest).toBeLessThan(24);
    await screenshot(page, "73-labels-yichun-en");
    expect(consoleErrors).toEqual([]);
  }, 600_000);

  it("the facility markers do not break up the names: under a name they are faint (邢台, 5,717 village clinics)", async () => {
    const { page } = await openApp(browser());
    await page.getByTestId("lang-toggle").click();
    await openCity(page, "邢台", "nangong");
    await allPlaced(page, countyNames("nangong"), "邢台 in English", "en");
    const boxes = await screenBoxes(page);
    const shot = async () => decode(await page.getByTestId("map").screenshot());
    const withMarkers = await shot();
    // the markers hidden for one picture, then shown again: the page is shared with the files after this one (a
    // facility layer left hidden here kept travel.test.ts from grabbing the site it adds, which is not drawn)
    const showFacilities = (visibility: "none" | "visible") =>
      page.evaluate((v) => {
        const map = window.__hfp!.map;
        for (const l of map.getStyle().layers)
          if (l.id.startsWith("facility-")) map.setLayoutProperty(l.id, "visibility", v);
      }, visibility);
    await showFacilities("none");
    let without: Awaited<ReturnType<typeof shot>>;
    try {
      await waitMapStill(page);
      without = await shot();
    } finally {
      await showFacilities("visible");
    }
    // pixels inside the names' boxes (padding off) that the markers change strongly (summed RGB difference over 120)
    let inside = 0;
    let changed = 0;
    const ch = withMarkers.channels;
    for (const [x1, y1, x2, y2] of boxes)
      for (let y = Math.ceil(y1 + 2); y < Math.floor(y2 - 2); y++)
        for (let x = Math.ceil(x1 + 2); x < Math.floor(x2 - 2); x++) {
          if (x < 0 || y < 0 || x >= withMarkers.width || y >= withMarkers.height) continue;
          const i = (y * withMarkers.width + x) * ch;
          let d = 0;
          for (let c = 0; c < 3; c++) d += Math.abs(withMarkers.data[i + c] - without.data[i + c]);
          inside++;
          if (d > 120) changed++;
        }
    expect(inside).toBeGreaterThan(5000);
    console.log(`[labels-fit] label pixels changed strongly by markers: ${changed} of ${inside}`);
    // measured (邢台, English, 1366×768): 0.08 % of label pixels on their plates; 14.8 % with the halo alone (before)
    expect(changed / inside).toBeLessThan(0.02);
  }, 600_000);

  it("zoomed on 西峡县 (南阳), a neighbour's name is drawn whole or not at all: none is cut by the map's edge", async () => {
    const { page, consoleErrors } = await openApp(browser());
    await page.getByTestId("tab-review").click();
    await page.locator('[data-testid=county-table] tr[data-county-code="411323"]').click();
    await page.waitForFunction(() => window.__hfp!.map.getZoom() > 8.3, null, { timeout: 30_000 });
    // the fitter places the names once the camera has come to rest (its settled signal)
    await waitLabels(page);
    const { w, h } = await page.evaluate(() => {
      const r = window.__hfp!.map.getCanvas().getBoundingClientRect();
      return { w: r.width, h: r.height };
    });
    // a name partly in view: its box meets the view and reaches past an edge
    const cut = async () =>
      (await screenBoxes(page)).filter(
        ([x1, y1, x2, y2]) => x2 > 0 && y2 > 0 && x1 < w && y1 < h && (x1 < -2 || y1 < -2 || x2 > w + 2 || y2 > h + 2),
      );
    expect(await cut()).toEqual([]);
    const shown = await placedZh(page);
    expect(shown).toContain("西峡县");
    await screenshot(page, "73-labels-xixia-edge");

    // in English (two-line names, wider and taller): none cut by the edge, and none under what floats over the map
    // (the sample-data notice at the bottom left, where "Xichuan County" went; the zoom buttons, the scale)
    await page.getByTestId("lang-toggle").click();
    await waitLabels(page, "en");
    expect(await cut()).toEqual([]);
    const overlays = await overlayBoxes(page);
    expect(overlays.some((o) => o.what.includes("sample-notice"))).toBe(true);
    const boxes = await screenBoxes(page);
    // in view: 西峡县's name and its neighbours 淅川县 (by the notice) and 内乡县 (by the right edge)
    expect(boxes.length).toBeGreaterThanOrEqual(2);
    const under = boxes.flatMap((b) =>
      overlays
        .filter((o) => overlaps([b, [o.box[0] - 2, o.box[1] - 2, o.box[2] + 2, o.box[3] + 2]]).length > 0)
        .map((o) => ({ label: b, overlay: o.what })),
    );
    expect(under).toEqual([]);
    const shownEn = await placedZh(page);
    console.log(`[labels-fit] zoomed on 西峡县 in English, placed: ${shownEn.join(" ")}`);
    expect(shownEn).toContain("西峡县");
    await screenshot(page, "73-labels-xixia-edge-en");
    expect(consoleErrors).toEqual([]);
  }, 600_000);
});
