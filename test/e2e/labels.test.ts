import { describe, expect, it } from "vitest";
import { baseUrl } from "./browser";
import { openApp, useBrowser, waitMapStill } from "./flows";

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
