import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { baseUrl, openPage, waitForMapReady } from "./browser";
import { openCity, useBrowser, waitForAnalysis } from "./flows";

const url = baseUrl();

/**
 * Starts recording, on every frame, the county codes of the county table's rows and the city the header's picker
 * shows; `mixed()` lists each frame where a row's code does not open with `prefixes[city]` (another city's rows).
 */
async function watchTable(page: Page, prefixes: Record<string, string>) {
  await page.evaluate((prefixes) => {
    const w = window as unknown as { __mixed: string[]; __stop: boolean };
    w.__mixed = [];
    w.__stop = false;
    const tick = () => {
      if (w.__stop) return;
      const city = (document.querySelector("[data-testid=city-picker]") as HTMLSelectElement | null)?.value ?? "";
      const codes = [...document.querySelectorAll("[data-testid=county-table] tr[data-county-code]")].map(
        (tr) => tr.getAttribute("data-county-code") ?? "",
      );
      const prefix = prefixes[city];
      const wrong = prefix === undefined ? [] : codes.filter((c) => !c.startsWith(prefix));
      if (wrong.length > 0) w.__mixed.push(`${city}: ${wrong.slice(0, 3).join(" ")}`);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  }, prefixes);
  return {
    mixed: () =>
      page.evaluate(() => {
        const w = window as unknown as { __mixed: string[]; __stop: boolean };
        w.__stop = true;
        return w.__mixed;
      }),
  };
}

describe.skipIf(!url)("switching city (issue #11's new-user trial)", () => {
  const browser = useBrowser();

  it("a city searched and entered while the national list is loading is opened once the list is in, the box saying so meanwhile", async () => {
    // a page of its own: the national index, once loaded, stays loaded in a page
    const { page, consoleErrors } = await openPage(browser());
    let requests = 0;
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route(/\/assets\/index-[^/]*\.json(\?|$)/, async (route) => {
      requests++;
      await released;
      await route.continue();
    });
    await page.goto(url);
    await waitForMapReady(page, "nanyang");
    const box = page.getByTestId("city-search");
    await box.click();
    await page.keyboard.type("zhengzhou", { delay: 50 });
    await box.press("Enter");
    await expect.poll(() => requests, { timeout: 30_000 }).toBeGreaterThan(0);
    const loading = page.getByTestId("city-index-loading");
    await expect
      .poll(() => loading.textContent(), { timeout: 10_000 })
      .toBe("正在加载全国城市列表…加载完即切换到第一个匹配的城市");
    // still the old city while the list is held
    expect(await page.getByTestId("city-picker").inputValue()).toBe("nanyang");
    release();
    // the query kept: 郑州市 opens without another keystroke
    await waitForMapReady(page, "zhengzhou");
    await waitForAnalysis(page);
    expect(await page.getByTestId("city-picker").inputValue()).toBe("zhengzhou");
    expect(await box.inputValue()).toBe("");
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it("while a new city's first analysis runs the county table shows computing, never the old city's rows under the new name", async () => {
    const { page, consoleErrors } = await openPage(browser());
    await page.goto(url);
    await waitForMapReady(page, "nanyang");
    await waitForAnalysis(page);
    const prefixes = { nanyang: "4113", pingdingshan: "4104" };
    // 南阳 → 平顶山 → 南阳: the second time 南阳's data are in the page at once, and its analysis (6,800 facilities)
    // takes seconds in the worker, while 平顶山's report is the one the app holds
    for (const [query, id] of [
      ["平顶山", "pingdingshan"],
      ["南阳", "nanyang"],
    ] as const) {
      const watch = await watchTable(page, prefixes);
      await openCity(page, query, id);
      const mixed = await watch.mixed();
      expect(mixed, `switching to ${id}`).toEqual([]);
      // and the new city's own rows once its analysis is in
      const codes = await page
        .locator("[data-testid=county-table] tr[data-county-code]")
        .evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-county-code") ?? ""));
      expect(codes.length).toBeGreaterThan(5);
      for (const c of codes) expect(c.startsWith(prefixes[id])).toBe(true);
    }
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });
});
