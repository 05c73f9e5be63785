import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { baseUrl, openPage, waitForMapReady } from "./browser";
import { openApp, useBrowser, waitMapStill } from "./flows";

const url = baseUrl();
const WOLONG = "411303";

/** The rendered violation rows: each row's county tag and the text after it. */
const rowParts = (page: Page) =>
  page.locator("[data-testid=violation-list] li[data-rule] button").evaluateAll((buttons) =>
    buttons.map((b) => {
      const tag = b.querySelector(".county-tag")?.textContent ?? "";
      const all = b.textContent ?? "";
      return {
        county: b.closest("li")?.getAttribute("data-county") ?? "",
        tag,
        rest: all.slice(all.indexOf(tag) + tag.length).trim(),
      };
    }),
  );

/** Whether `text` opens with `name` followed by a colon or a space (a message naming its county first). */
const opensWith = (text: string, name: string) =>
  name !== "" && text.startsWith(name) && /^[:：\s]/.test(text.slice(name.length));

/** How often `name` occurs in `text`. */
const occurrences = (text: string, name: string) => text.split(name).length - 1;

describe.skipIf(!url)("the last new-user trial's findings (issue #11)", () => {
  const browser = useBrowser();

  it("「zheshan」 typed as soon as the list exists finds 遮山镇's rows once the pinyin arrives, after a failed first fetch too; meanwhile the count says the pinyin is loading", async () => {
    // a page of its own: the pinyin, once loaded, stays loaded in a page (new sessions keep it)
    const { page, consoleErrors } = await openPage(browser());
    // the pinyin chunk's first fetch fails (a connection reset, as under a busy first load or a restarted server);
    // the next is held until the test lets it through
    let requests = 0;
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route(/\/pinyin-[^/]*\.js(\?|$)/, async (route) => {
      requests++;
      if (requests === 1) return route.abort("connectionreset");
      await released;
      await route.continue();
    });
    await page.goto(url);
    // typed at a normal speed as soon as the box is there, the first analysis perhaps still running
    await page.getByTestId("violation-search").click({ timeout: 120_000 });
    await page.keyboard.type("zheshan", { delay: 80 });
    // the failed fetch is tried again (it was given up for good: 「0 / 111」 until the box was emptied and typed again)
    await expect.poll(() => requests, { timeout: 60_000 }).toBe(2);
    // while the pinyin is not in, the count says so beside its 0
    const pending = page.getByTestId("pinyin-pending");
    await expect.poll(() => pending.getAttribute("data-state"), { timeout: 30_000 }).toBe("retrying");
    const count = page.getByTestId("violation-count");
    expect((await count.textContent()) ?? "").toMatch(/^显示 0 \/ \d+ 条 · 拼音检索未能载入，正在重试/);
    release();
    // once it is in, the list holds 遮山镇's rows, without another keystroke
    await expect.poll(() => count.textContent(), { timeout: 60_000 }).toMatch(/^显示 [1-9]\d* \/ \d+ 条$/);
    expect(await pending.count()).toBe(0);
    const total = Number(((await count.textContent()) ?? "").match(/\/ (\d+) 条/)?.[1]);
    expect(total).toBeGreaterThan(100);
    const keys = (page: Page) =>
      page
        .locator("[data-testid=violation-list] li[data-rule]")
        .evaluateAll((lis) => lis.map((li) => `${li.getAttribute("data-key")} ${li.textContent}`));
    const byPinyin = await keys(page);
    expect(byPinyin.length).toBeGreaterThan(0);
    // the reference: the rows 「遮山」 finds as written, without pinyin
    await page.getByTestId("violation-search").fill("");
    await page.getByTestId("violation-search").click();
    await page.keyboard.type("遮山", { delay: 80 });
    await expect.poll(() => count.textContent(), { timeout: 30_000 }).toBe(`显示 ${byPinyin.length} / ${total} 条`);
    expect(await keys(page)).toEqual(byPinyin);
    for (const r of byPinyin) expect(r).toContain("遮山镇");
    // the one console error allowed is the failed fetch the test made
    expect(consoleErrors.filter((e) => !/ERR_CONNECTION_RESET|pinyin/.test(e))).toEqual([]);
  });

  it("「zhe shan」 typed with a space finds the rows 「zheshan」 finds (遮山镇), not a 镇 in one name and a 山 in another", async () => {
    const { page, consoleErrors } = await openApp(browser());
    const count = page.getByTestId("violation-count");
    const rows = () =>
      page
        .locator("[data-testid=violation-list] li[data-rule]")
        .evaluateAll((lis) => lis.map((li) => `${li.getAttribute("data-key")} ${li.textContent}`));
    await page.getByTestId("violation-search").click({ timeout: 120_000 });
    await page.keyboard.type("zheshan", { delay: 80 });
    await expect.poll(() => count.textContent(), { timeout: 60_000 }).toMatch(/^显示 [1-9]\d* \/ \d+ 条$/);
    const joined = await rows();
    for (const r of joined) expect(r).toContain("遮山镇");
    const shown = await count.textContent();
    await page.getByTestId("violation-search").fill("");
    await page.getByTestId("violation-search").click();
    // typed at a normal speed; before, the words were found apart: 9 rows in the Nanyang sample
    await page.keyboard.type("zhe shan", { delay: 80 });
    await expect.poll(() => count.textContent(), { timeout: 30_000 }).toBe(shown);
    expect(await rows()).toEqual(joined);
    // the filters outlive a visit to another tab (the re-trial, s48 #9: the list came back unfiltered after siting)
    await page.getByTestId("violation-group-by").selectOption("county");
    await page.getByTestId("tab-plan").click();
    await page.getByTestId("violation-search").waitFor({ state: "detached" });
    await page.getByTestId("tab-review").click();
    expect(await page.getByTestId("violation-search").inputValue()).toBe("zhe shan");
    expect(await page.getByTestId("violation-group-by").inputValue()).toBe("county");
    await expect.poll(() => count.textContent(), { timeout: 30_000 }).toBe(shown);
    // a rule chosen in the comparison set stays chosen, with its 0, in a rule set that has no such rule: the select
    // showed 「全部规则」 over a list filtered to nothing
    await page.getByTestId("violation-search").fill("");
    const picker = page.getByTestId("ruleset-picker");
    await picker.selectOption("all");
    const filter = page.getByTestId("violation-filter");
    await expect
      .poll(() => filter.evaluate((s: HTMLSelectElement) => [...s.options].some((o) => o.value === "COUNTY-MCH")), {
        timeout: 60_000,
      })
      .toBe(true);
    await filter.selectOption("COUNTY-MCH");
    await picker.selectOption("nanyang");
    await expect.poll(() => count.textContent(), { timeout: 60_000 }).toMatch(/^显示 0 \/ [1-9]\d* 条$/);
    expect(await filter.inputValue()).toBe("COUNTY-MCH");
    expect(await filter.evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent)).toMatch(
      /^COUNTY-MCH .*\(0\)$/,
    );
    expect(consoleErrors).toEqual([]);
  });

  it("in English each violation row, the detail and the county groups name the county once; the review report buttons say the report is in Chinese", async () => {
    const { page, consoleErrors } = await openApp(browser());
    await waitForMapReady(page, "nanyang");
    // the map drawn and ready: no 「地图绘制中…」 over it
    expect(await page.getByTestId("map-drawing").count()).toBe(0);
    await page.getByTestId("lang-toggle").click();
    await page.waitForFunction(() => document.documentElement.lang.startsWith("en"));
    // the rows: the tag names the county, the text does not name it again; those in view first (every rule's group is
    // open), then every row of the two rules whose messages open with their county (EMS-RURAL, EMS-URBAN)
    const check = async (what: string) => {
      const rows = await rowParts(page);
      expect(rows.length, what).toBeGreaterThan(0);
      const bad: string[] = [];
      for (const r of rows) {
        const [en] = r.tag.split(/ (?=\p{Script=Han})/u);
        const zh = r.tag.slice(en.length).trim();
        if (!/[A-Za-z]/.test(en) || zh === "") bad.push(`${r.tag}: not 「English 中文」`);
        if (opensWith(r.rest, en) || opensWith(r.rest, zh)) bad.push(`${r.tag} | ${r.rest}`);
        if (occurrences(`${r.tag} ${r.rest}`, en) !== 1) bad.push(`${r.tag} | ${r.rest}: ${en} not once`);
      }
      expect(bad, what).toEqual([]);
      return rows;
    };
    await check("rows in view");
    await page.getByTestId("violation-filter").selectOption("EMS-RURAL");
    await check("EMS-RURAL");
    await page.getByTestId("violation-filter").selectOption("EMS-URBAN");
    const urbanRows = await check("EMS-URBAN");
    // 卧龙区's urban EMS row, whose text read "Wolong District 卧龙区 Wolong District: 52.6 km² of the urban area …"
    const row = urbanRows.find((r) => r.county === WOLONG);
    expect(row?.tag).toBe("Wolong District 卧龙区");
    expect(row?.rest).toMatch(/^\d+\.\d km² of the urban area/);
    const urban = page.locator(`[data-testid=violation-list] li[data-rule=EMS-URBAN][data-county="${WOLONG}"] button`);
    await urban.click();
    // its detail: the head names the county, the measured figure goes on without it
    const detail = page.getByTestId("violation-detail");
    await detail.waitFor();
    const head = (await detail.locator(".vd-county").textContent()) ?? "";
    const measured = (await detail.locator(".measured").textContent()) ?? "";
    expect(head).toBe("Wolong District 卧龙区");
    expect(measured).toMatch(/^\d+\.\d km² of the urban area/);
    expect(occurrences(`${head} ${measured}`, "Wolong District")).toBe(1);
    // the report buttons of the detail say the report is in Chinese (the label, and in full in the tooltip)
    for (const kind of ["report-docx", "report-html"]) {
      const b = page.getByTestId(`violation-${kind}`);
      expect((await b.textContent()) ?? "").toContain("Chinese");
      expect((await b.getAttribute("title")) ?? "").toContain("in Chinese");
    }
    // and so do the county detail's and the Data tab's
    await page.locator(`[data-testid=county-table] tr[data-county-code="${WOLONG}"] td`).first().click();
    await page.getByTestId("county-detail").waitFor();
    for (const kind of ["report-docx", "report-html"])
      expect((await page.getByTestId(`county-${kind}`).textContent()) ?? "").toContain("review report in Chinese");
    // grouped by county: each header names its county once, each row under it once
    await page.getByTestId("violation-filter").selectOption("");
    await page.getByTestId("violation-group-by").selectOption("county");
    const headers = await page
      .locator("[data-testid=violation-list] li.violation-group .group-label")
      .evaluateAll((ls) => ls.map((l) => (l.textContent ?? "").replace(/^[▾▸]\s*/, "")));
    expect(headers.length).toBeGreaterThan(0);
    for (const h of headers) {
      const [en] = h.split(/ (?=\p{Script=Han})/u);
      expect(occurrences(h, en), h).toBe(1);
    }
    const grouped = await rowParts(page);
    for (const r of grouped) {
      const [en] = r.tag.split(/ (?=\p{Script=Han})/u);
      expect(opensWith(r.rest, en), `${r.tag} | ${r.rest}`).toBe(false);
    }
    await page.getByTestId("tab-data").click();
    expect(await page.getByTestId("export-report-docx").textContent()).toBe("Review report in Chinese, Word (.docx)");
    expect(await page.getByTestId("export-report-html").textContent()).toContain("Review report in Chinese");
    await page.getByTestId("tab-review").click();
    await waitMapStill(page);
    // after a tab switch and a county's selection, still none
    expect(await page.getByTestId("map-drawing").count()).toBe(0);
    expect(consoleErrors).toEqual([]);
  });

  it("「地图绘制中…」 goes once the analysis's data are drawn, though the map never goes idle (a basemap whose tiles never come, as offline)", async () => {
    const { page } = await openPage(browser());
    // a basemap set in 设置 whose server never answers: MapLibre's idle, which the note waited for, never comes
    const tiles = new URL("basemap-tiles/{z}/{x}/{y}.png", url).href.replace(/%7B/g, "{").replace(/%7D/g, "}");
    await page.addInitScript((u) => localStorage.setItem("hfp:basemap", JSON.stringify(u)), tiles);
    let asked = 0;
    await page.route(/\/basemap-tiles\//, () => {
      asked++; // never fulfilled
    });
    await page.goto(url);
    // the first analysis in: its table, no spinner
    await page.locator("[data-testid=county-table] tr[data-county-code]").first().waitFor({ timeout: 120_000 });
    await page.waitForFunction(() => !document.querySelector(".tabs .spinner"), undefined, { timeout: 120_000 });
    expect(asked).toBeGreaterThan(0);
    // the counties, facilities and rings drawn: the note goes (it stayed for good)
    await page.getByTestId("map-drawing").waitFor({ state: "detached", timeout: 90_000 });
    // and stays gone after a tab switch and a county's selection
    await page.getByTestId("tab-plan").click();
    await page.getByTestId("tab-review").click();
    await page.locator(`[data-testid=county-table] tr[data-county-code="${WOLONG}"] td`).first().click();
    await page.getByTestId("county-detail").waitFor();
    expect(await page.getByTestId("map-drawing").count()).toBe(0);
    await page.context().close();
  });
});
