import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { type CountyTopology, countiesFromTopology } from "../../src/core/cities";
import { baseUrl, screenshot, waitForMapReady } from "./browser";
import { openApp, useBrowser, waitForAnalysis, waitMapStill } from "./flows";

const url = baseUrl();

/** Nanyang's county-level units and their established English names (reference: the names as published). */
const NANYANG_EN: Record<string, string> = {
  宛城区: "Wancheng District",
  卧龙区: "Wolong District",
  南召县: "Nanzhao County",
  方城县: "Fangcheng County",
  西峡县: "Xixia County",
  镇平县: "Zhenping County",
  内乡县: "Neixiang County",
  淅川县: "Xichuan County",
  社旗县: "Sheqi County",
  唐河县: "Tanghe County",
  新野县: "Xinye County",
  桐柏县: "Tongbai County",
  邓州市: "Dengzhou City",
};

/** The county label layer's text: every label in its source, and the labels MapLibre placed on screen. */
function labels(page: import("playwright-core").Page) {
  return page.evaluate(() => {
    const map = window.__hfp!.map;
    const layout = map.getLayoutProperty("county-label", "text-field");
    const name = (f: { properties: Record<string, unknown> }) => String(f.properties.name);
    return {
      layout: JSON.stringify(layout),
      source: map.querySourceFeatures("county-labels").map(name),
      rendered: map.queryRenderedFeatures({ layers: ["county-label"] }).map(name),
    };
  });
}

describe.skipIf(!url)("map labels follow the interface language", () => {
  const browser = useBrowser();

  it("shows the counties' pinyin names in English and their Chinese names in Chinese", async () => {
    const { page, consoleErrors } = await openApp(browser());
    const zh = await labels(page);
    expect(zh.layout).toBe(JSON.stringify(["get", "name"]));
    expect(new Set(zh.source)).toEqual(new Set(Object.keys(NANYANG_EN)));
    expect(zh.rendered.length).toBeGreaterThan(5);
    for (const r of zh.rendered) expect(r).toMatch(/^[\u4e00-\u9fff]+$/);

    await page.getByTestId("lang-toggle").click();
    await page.waitForFunction(
      () =>
        window
          .__hfp!.map.queryRenderedFeatures({ layers: ["county-label"] })
          .some((f) => /[A-Z]/.test(f.properties.name)),
      null,
      { timeout: 30_000 },
    );
    await waitMapStill(page);
    const en = await labels(page);
    // the English name above the Chinese one, for every county in the layer's source
    expect(new Set(en.source)).toEqual(new Set(Object.entries(NANYANG_EN).map(([zhName, e]) => `${e}\n${zhName}`)));
    expect(en.rendered.length).toBeGreaterThan(5);
    for (const r of en.rendered) expect(Object.values(NANYANG_EN)).toContain(r.split("\n")[0]);

    await page.getByTestId("lang-toggle").click();
    await page.waitForFunction(
      () =>
        window
          .__hfp!.map.queryRenderedFeatures({ layers: ["county-label"] })
          .every((f) => !/[A-Z]/.test(f.properties.name)),
      null,
      { timeout: 30_000 },
    );
    expect(new Set((await labels(page)).source)).toEqual(new Set(Object.keys(NANYANG_EN)));
    expect(consoleErrors).toEqual([]);
  });

  it("names counties in English in the county table, the county detail and the violation list, Chinese beside", async () => {
    const { page, consoleErrors } = await openApp(browser());
    const names = () =>
      page.$$eval('[data-testid="county-table"] tbody td[data-testid="county-name"]', (tds) =>
        tds.map((td) => (td.textContent ?? "").trim()),
      );
    const zh = await names();
    expect(zh.length).toBe(Object.keys(NANYANG_EN).length);
    for (const n of zh) expect(Object.keys(NANYANG_EN)).toContain(n);

    await page.getByTestId("lang-toggle").click();
    await page.waitForFunction(
      () => /[A-Z]/.test(document.querySelector('[data-testid="county-name"]')?.textContent ?? ""),
      null,
      { timeout: 30_000 },
    );
    // the table's rows, in the order shown: "Xixia County 西峡县"
    const en = await names();
    expect(en.slice(0, 5)).toEqual(zh.slice(0, 5).map((n) => `${NANYANG_EN[n]} ${n}`));
    expect(en).toEqual(zh.map((n) => `${NANYANG_EN[n]} ${n}`));

    // the county detail's heading
    await page.locator('[data-testid="county-table"] tbody tr').first().click();
    const heading = (await page.locator('[data-testid="county-detail"] h3').textContent()) ?? "";
    expect(heading.startsWith(`${NANYANG_EN[zh[0]]} ${zh[0]} `)).toBe(true);

    // a violation item names its county the same way, and so does its detail once clicked
    await page.getByTestId("violation-filter").selectOption({ index: 1 }); // one rule: its items are listed
    const item = page.locator('[data-testid="violations"] .county-tag').first();
    await item.waitFor({ timeout: 30_000 });
    const tag = ((await item.textContent()) ?? "").trim();
    const zhName = tag.split(" ").pop() ?? "";
    expect(Object.keys(NANYANG_EN)).toContain(zhName);
    expect(tag).toBe(`${NANYANG_EN[zhName]} ${zhName}`);
    await item.click();
    const where = (await page.locator('[data-testid="violation-detail"] .where b').textContent()) ?? "";
    expect(Object.values(NANYANG_EN).some((e) => where.startsWith(`${e} `))).toBe(true);

    // back in Chinese: the Chinese names alone
    await page.getByTestId("lang-toggle").click();
    await page.waitForFunction(
      () => !/[A-Z]/.test(document.querySelector('[data-testid="county-name"]')?.textContent ?? "x"),
      null,
      { timeout: 30_000 },
    );
    expect(await names()).toEqual(zh);
    expect(consoleErrors).toEqual([]);
  });
});

/** The names of a city's county-level units, from the shipped boundaries (the reference, not the app's source). */
function countyNames(id: string): string[] {
  if (id === "nanyang")
    return (
      JSON.parse(readFileSync("geodata/counties-nanyang.geojson", "utf8")) as {
        features: Array<{ properties: { name: string } }>;
      }
    ).features.map((f) => f.properties.name);
  const topo = JSON.parse(readFileSync(`geodata/china/${id}.topo.json`, "utf8")) as CountyTopology;
  return countiesFromTopology(topo).features.map((f) => f.properties.name);
}

/** The names the label layer has placed on screen (MapLibre's placed symbols), once the map is still. */
async function placed(page: Page): Promise<string[]> {
  await waitMapStill(page);
  return page.evaluate(() =>
    window.__hfp!.map.queryRenderedFeatures({ layers: ["county-label"] }).map((f) => String(f.properties.name)),
  );
}

/** Prints the map (Data tab) on `paper` and returns the county names the print drew in its frame, and its legend. */
async function printed(page: Page, paper: "A4" | "A3"): Promise<{ labels: string[]; legend: string[] }> {
  await page.getByTestId("tab-data").click();
  await page.evaluate(() => {
    window.__hfpPrint = undefined;
  });
  const [dl] = await Promise.all([
    page.waitForEvent("download", { timeout: 240_000 }),
    page.getByTestId(paper === "A4" ? "export-map-png" : "export-map-png-a3").click(),
  ]);
  expect(dl.suggestedFilename()).toMatch(/\.png$/);
  const print = await page.evaluate(() => window.__hfpPrint);
  expect(print?.paper).toBe(paper);
  return { labels: print?.labels ?? [], legend: print?.legend ?? [] };
}

describe.skipIf(!url)("every county is named on screen and in print", () => {
  const browser = useBrowser();

  it("places all 13 of 南阳's names at 1366×768", async () => {
    const { page, consoleErrors } = await openApp(browser());
    const names = countyNames("nanyang");
    expect(names).toHaveLength(13);
    expect((await placed(page)).sort()).toEqual([...names].sort());
    await screenshot(page, "70-labels-nanyang");
    // (南阳's A4 and A3 prints are made by outputs.test.ts, which checks their names too)
    expect(consoleErrors).toEqual([]);
  });

  it("places every one of 郑州's names at 1366×768 and on the A4 and A3 prints; the legend lists what is drawn", async () => {
    const { page, consoleErrors } = await openApp(browser());
    const box = page.getByTestId("city-search");
    await box.fill("郑州");
    await page.locator('[data-testid=city-results] [role=option][data-city-id="zhengzhou"]').waitFor();
    await box.press("Enter");
    await waitForMapReady(page, "zhengzhou");
    await waitForAnalysis(page);
    const names = countyNames("zhengzhou");
    expect(names.length).toBeGreaterThan(10);
    expect((await placed(page)).sort()).toEqual([...names].sort());
    await screenshot(page, "70-labels-zhengzhou");
    for (const paper of ["A4", "A3"] as const) {
      const print = await printed(page, paper);
      expect(print.labels.sort()).toEqual([...names].sort());
      // no roads loaded: no isochrone bands drawn, so none in the legend (its switch is on); the radius gaps are
      expect(print.legend.some((l) => l.startsWith("急救等时圈"))).toBe(false);
      expect(print.legend).toContain("急救服务半径覆盖缺口");
    }
    expect(consoleErrors).toEqual([]);
  }, 600_000);
});
