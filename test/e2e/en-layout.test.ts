import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { baseUrl, launchWithScrollbars, openPage, screenshot, waitForMapReady } from "./browser";
import {
  analysisSeq,
  getReport,
  openApp,
  openAppWithScrollbars,
  openCity,
  pagePoint,
  recentDates,
  useBrowser,
  waitForAnalysis,
} from "./flows";

/** A font whose Latin letters are wider than those of the CJK font the other tests are drawn in. */
const WIDE_LATIN = "DejaVu Sans";

const url = baseUrl();
const XIXIA = "411323";

/** What the selection puts on the map's "marks" source (a violation's subject, reference, ring, link, stand-in). */
const violationMarks = (page: Page) =>
  page.evaluate(
    () =>
      window
        .__hfp!.map.querySourceFeatures("marks")
        .filter((f) => ["subject", "reference", "ring", "link", "stand-in"].includes(String(f.properties.kind))).length,
  );

/** Waits until the map's marks source holds no violation mark (its worker takes a new set a round later). */
const marksGone = (page: Page) =>
  page.waitForFunction(
    () =>
      window
        .__hfp!.map.querySourceFeatures("marks")
        .every((f) => !["subject", "reference", "ring", "link", "stand-in"].includes(String(f.properties.kind))),
    undefined,
    { timeout: 10_000 },
  );

/**
 * The search boxes whose placeholder does not show whole: the placeholder put in as the box's text for the measure
 * (its scroll width then is the text's, beside the clear button Chromium keeps room for), then taken out again. The
 * city picker's box and the violation list's (English "name, pinyin or code" was cut to "…or cod" at 1366 and 1920).
 */
function placeholdersCut(page: Page) {
  return page.evaluate(() =>
    ["city-search", "violation-search"].flatMap((id) => {
      const el = document.querySelector<HTMLInputElement>(`[data-testid=${id}]`);
      if (!el) return [`${id}: missing`];
      const kept = el.value;
      el.value = el.placeholder;
      const [need, room] = [el.scrollWidth, el.clientWidth];
      el.value = kept;
      return need > room ? [`${id} 「${el.placeholder}」: ${need} px in ${room}`] : [];
    }),
  );
}

/**
 * Every table of the open tab, as drawn: whether it scrolls sideways, and each cell whose text does not show whole:
 * wider than its cell (clipped), cut with an ellipsis without a tooltip, or a figure broken across two lines.
 */
function tableFit(page: Page) {
  return page.evaluate(() => {
    const figure = /[-+]?\d[\d,.]*(?:\s?(?:%|km²|km|min|万|千))?/g;
    const tables = [...document.querySelectorAll<HTMLElement>("[data-testid=tab-body] .table-wrap")].map((wrap) => {
      const name = wrap.querySelector("table")?.dataset.testid ?? wrap.closest("section")?.dataset.testid ?? "table";
      const bad: string[] = [];
      let cells = 0;
      for (const c of wrap.querySelectorAll<HTMLElement>("th, td")) {
        if (c.closest("tr.spacer") || c.getClientRects().length === 0) continue;
        cells++;
        const text = (c.textContent ?? "").trim();
        // an ellipsis (the name column's) is allowed where the cell or its row carries the whole text as a tooltip
        const cut = [c, ...c.querySelectorAll<HTMLElement>("*")].filter(
          (e) => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== "visible",
        );
        const ellipsis = cut.filter((e) => getComputedStyle(e).textOverflow === "ellipsis");
        const titled = !!(c.title || c.closest("tr")?.title);
        if (ellipsis.length > 0 && !titled) bad.push(`${text}: cut without a tooltip`);
        if (cut.length > ellipsis.length) bad.push(`${text}: clipped (${c.scrollWidth} > ${c.clientWidth})`);
        if (cut.length === 0 && c.scrollWidth > c.clientWidth + 1)
          bad.push(`${text}: wider than its cell (${c.scrollWidth} > ${c.clientWidth})`);
        // a figure is never broken over two lines
        const walker = document.createTreeWalker(c, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          for (const m of (n.textContent ?? "").matchAll(figure)) {
            const r = document.createRange();
            r.setStart(n, m.index ?? 0);
            r.setEnd(n, (m.index ?? 0) + m[0].length);
            const tops = new Set([...r.getClientRects()].map((x) => Math.round(x.top)));
            if (tops.size > 1) bad.push(`${text}: "${m[0]}" broken over ${tops.size} lines`);
          }
        }
      }
      return { name, scrollWidth: wrap.scrollWidth, clientWidth: wrap.clientWidth, cells, bad };
    });
    return tables;
  });
}

/**
 * Every row of the county table, its name cell as drawn: the rows, and each name not shown whole (wider than its cell
 * or a part of it, cut with an ellipsis, or a piece of its text outside the cell's box), with what it lacks.
 */
function countyNames(page: Page) {
  return page.evaluate(() => {
    const cells = [
      ...document.querySelectorAll<HTMLElement>("[data-testid=county-table] tbody tr [data-testid=county-name]"),
    ];
    const bad: string[] = [];
    for (const c of cells) {
      const text = (c.textContent ?? "").trim();
      if (c.scrollWidth > c.clientWidth) bad.push(`${text}: wider than its cell (${c.scrollWidth} > ${c.clientWidth})`);
      for (const e of [c, ...c.querySelectorAll<HTMLElement>("*")]) {
        if (e.scrollWidth > e.clientWidth && getComputedStyle(e).overflowX !== "visible")
          bad.push(`${text}: a part clipped (${e.scrollWidth} > ${e.clientWidth})`);
        if (getComputedStyle(e).textOverflow === "ellipsis") bad.push(`${text}: set to end in an ellipsis`);
      }
      // each piece of the name's text within the cell's box, on its own line or beside the other
      const box = c.getBoundingClientRect();
      const walker = document.createTreeWalker(c, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const r = document.createRange();
        r.selectNodeContents(n);
        for (const x of r.getClientRects())
          if (x.width > 0 && (x.left < box.left - 0.5 || x.right > box.right + 0.5))
            bad.push(`${text}: "${n.textContent}" outside its cell (${x.left}–${x.right} in ${box.left}–${box.right})`);
      }
    }
    return { rows: cells.length, names: cells.map((c) => (c.textContent ?? "").trim()), bad };
  });
}

/** A button (by the end of its test id) in view, on screen and on top: the county's report buttons. */
function reachable(page: Page, testIdEnd: string) {
  return page.evaluate((end) => {
    return [...document.querySelectorAll<HTMLElement>(`.analysis button[data-testid$="${end}"]`)].some((el) => {
      const b = el.getBoundingClientRect();
      if (b.width < 2 || b.height < 2 || b.top < 0 || b.bottom > innerHeight) return false;
      return [
        [b.left + 3, b.top + 3],
        [b.right - 3, b.bottom - 3],
      ].every(([x, y]) => {
        const hit = document.elementFromPoint(x, y);
        return !!hit && (hit === el || el.contains(hit));
      });
    });
  }, testIdEnd);
}

/** The detail pane's first citation: on screen, inside the pane's visible part, and on top. */
function citationInView(page: Page) {
  return page.evaluate(() => {
    const pane = document.querySelector<HTMLElement>("[data-testid=violation-detail]");
    const cite = pane?.querySelector<HTMLElement>(".citation");
    if (!pane || !cite) return "no citation";
    const p = pane.getBoundingClientRect();
    const c = cite.getBoundingClientRect();
    if (p.bottom > innerHeight + 0.5 || p.top < 0) return `pane off screen (${p.top}–${p.bottom})`;
    if (c.top < p.top - 0.5 || c.bottom > p.bottom + 0.5) return `citation outside the pane (${c.top}–${c.bottom})`;
    const hit = document.elementFromPoint(c.left + 10, c.top + 6);
    return hit && cite.contains(hit) ? "" : "citation covered";
  });
}

async function selectSub15(page: Page) {
  await page.getByTestId("violation-filter").selectOption("SUB-15KM");
  await page.locator("[data-testid=violation-list] li[data-rule=SUB-15KM] button").first().click();
  await page.getByTestId("violation-detail").waitFor();
}

describe.skipIf(!url)("the analysis panel in English and Chinese: tables, the detail pane, the legend (#11)", () => {
  const browser = useBrowser();

  it("every table fits its box at 1366×768 and 1920×1080, Chinese and English, before and after accepting a 100 % suggestion: no sideways scroll, no clipped cell, no broken figure; the search boxes' placeholders whole", async () => {
    // a Chromium that draws scrollbars as a desktop one does (Playwright's headless default hides them: see polish)
    const { page, consoleErrors, seq: first } = await openAppWithScrollbars();
    let seq = first;
    const check = async (what: string) => {
      for (const lang of ["zh", "en"] as const) {
        if ((await page.evaluate(() => document.documentElement.lang)).startsWith("en") !== (lang === "en"))
          await page.getByTestId("lang-toggle").click();
        // the county detail with its township table open (西峡县)
        await page.locator(`[data-testid=county-table] tr[data-county-code="${XIXIA}"]`).click();
        await page.getByTestId("township-table").waitFor();
        const fit = await tableFit(page);
        expect(
          fit.map((f) => f.name),
          what,
        ).toEqual(["county-table", "township-table"]);
        for (const f of fit) {
          const w = `${what} ${lang} ${f.name}`;
          expect(f.cells, w).toBeGreaterThan(10);
          expect(f.scrollWidth, w).toBeLessThanOrEqual(f.clientWidth);
          expect(f.bad, w).toEqual([]);
        }
        // every county's name whole: no ellipsis, nothing clipped, in both languages, before and after accepting
        const names = await countyNames(page);
        expect(names.rows, `${what} ${lang}`).toBe(13);
        expect(names.bad, `${what} ${lang}`).toEqual([]);
        // in English each name carries its pinyin (Xixia 西峡县), in Chinese its Chinese name alone
        if (lang === "en") expect(names.names, what).toContain("Xixia 西峡县");
        else expect(names.names, what).toContain("西峡县");
        // the search boxes' placeholders whole (the city picker's and the violation list's)
        expect(await placeholdersCut(page), `${what} ${lang}`).toEqual([]);
        await page.getByTestId("county-table").scrollIntoViewIfNeeded();
        await screenshot(page, `en-layout-01-tables-${what}-${lang}`);
      }
    };
    await check("1366-before");
    // 西峡县, EMS, 20 km, fewest sites for 100 %, accepted: the rural column reads 「✔ 100.0% (+0.9)」
    await page.getByTestId("tab-suggest").click();
    await page.getByTestId("suggest-county").selectOption(XIXIA);
    await page.getByTestId("suggest-radius").fill("20");
    await page.getByTestId("suggest-mode").selectOption("lscp");
    await page.getByTestId("suggest-target").fill("100");
    await page.getByTestId("suggest-run").click();
    await page.getByTestId("suggest-result").waitFor({ timeout: 120_000 });
    await page.getByTestId("suggest-accept").click();
    seq = await waitForAnalysis(page, seq);
    await page.getByTestId("tab-review").click();
    const delta = page.locator(`[data-testid=county-table] tr[data-county-code="${XIXIA}"] .delta`);
    expect((await delta.textContent()) ?? "").toMatch(/\(\+\d+\.\d\)/);
    await check("1366-accepted");
    await page.setViewportSize({ width: 1920, height: 1080 });
    await check("1920-accepted");
    await page.getByTestId("undo").click();
    seq = await waitForAnalysis(page, seq);
    await check("1920-before");
    expect(consoleErrors).toEqual([]);
  }, 600_000);

  it("with a font whose Latin letters are wider (DejaVu Sans ahead of the CJK font, as on a Linux PC) the English county table is drawn smaller and fits its panel at 1366×768, every name and figure whole; with the usual font the county table keeps its 12 px", async () => {
    // a Chromium that draws scrollbars, the page's font set in its HTML before the app starts (the app measures its
    // columns in the page's font once, on its first table)
    const scrollbars = await launchWithScrollbars();
    try {
      const { page, consoleErrors } = await openPage(scrollbars);
      await page.route(`${url}**`, async (route) => {
        if (route.request().resourceType() !== "document") return route.fallback();
        const response = await route.fetch();
        const html = (await response.text()).replace(
          "</head>",
          `<style>:root { font-family: "${WIDE_LATIN}", "WenQuanYi Micro Hei" !important; }</style></head>`,
        );
        return route.fulfill({ response, body: html });
      });
      await page.goto(url);
      await waitForMapReady(page, "nanyang");
      await waitForAnalysis(page);
      // the wide font is installed and drawn: its Latin letters at least 8 % wider than the CJK font's (a machine
      // without it would fall back to the CJK font and test nothing)
      const widths = await page.evaluate((wide) => {
        const c = document.createElement("canvas").getContext("2d")!;
        const at = (family: string) => {
          c.font = `12px ${family}`;
          return c.measureText("Rural EMS Urban EMS Population Zhenping 100.0%").width;
        };
        return {
          wide: at(`"${wide}"`),
          cjk: at('"WenQuanYi Micro Hei"'),
          page: getComputedStyle(document.body).fontFamily,
        };
      }, WIDE_LATIN);
      expect(widths.page, "the page's font").toContain(WIDE_LATIN);
      expect(widths.wide / widths.cjk, `${WIDE_LATIN} installed (fonts-dejavu-core)`).toBeGreaterThan(1.08);
      await page.getByTestId("lang-toggle").click();
      await page.locator(`[data-testid=county-table] tr[data-county-code="${XIXIA}"]`).click();
      await page.getByTestId("township-table").waitFor();
      const fit = await tableFit(page);
      expect(fit.map((f) => f.name)).toEqual(["county-table", "township-table"]);
      for (const f of fit) {
        expect(f.cells, f.name).toBeGreaterThan(10);
        expect(f.scrollWidth, f.name).toBeLessThanOrEqual(f.clientWidth);
        expect(f.bad, f.name).toEqual([]);
      }
      const names = await countyNames(page);
      expect(names.rows).toBe(13);
      expect(names.bad).toEqual([]);
      for (const table of ["[data-testid=county-table]", "[data-testid=township-table] table"]) {
        const px = Number(await page.locator(table).getAttribute("data-font-px"));
        expect(px, table).toBeLessThan(12);
        expect(px, table).toBeGreaterThanOrEqual(9);
      }
      await page.getByTestId("county-table").scrollIntoViewIfNeeded();
      await screenshot(page, "en-layout-04-wide-latin-font-en");
      expect(consoleErrors).toEqual([]);
    } finally {
      await scrollbars.close();
    }
    // the usual font: the county table keeps its size (the shrink is for a font too wide, not for every page)
    const { page } = await openAppWithScrollbars();
    if (!(await page.evaluate(() => document.documentElement.lang)).startsWith("en"))
      await page.getByTestId("lang-toggle").click();
    await page.locator(`[data-testid=county-table] tr[data-county-code="${XIXIA}"]`).click();
    await page.getByTestId("township-table").waitFor();
    expect(await page.getByTestId("county-table").getAttribute("data-font-px")).toBe("12");
    // the township table's headings, whole in their cells (「Township / street」 ran 1.3 px past its cell at 12 px),
    // take it at most a pixel smaller
    const township = Number(await page.locator("[data-testid=township-table] table").getAttribute("data-font-px"));
    expect(township).toBeGreaterThanOrEqual(11);
    expect(township).toBeLessThanOrEqual(12);
  }, 300_000);

  it("with a violation selected the county's report buttons and the citation are on screen without scrolling, Chinese and English", async () => {
    const { page, consoleErrors } = await openApp(browser());
    await selectSub15(page);
    for (const lang of ["zh", "en"]) {
      if (lang === "en") await page.getByTestId("lang-toggle").click();
      // wherever the tab body is scrolled (the list where the violation was clicked, or the county detail's top)
      for (const where of ["list", "top", "bottom"]) {
        await page.getByTestId("tab-body").evaluate((el, w) => {
          if (w === "top") el.scrollTop = 0;
          if (w === "bottom") el.scrollTop = el.scrollHeight;
        }, where);
        if (where === "list") await page.getByTestId("violation-list").scrollIntoViewIfNeeded();
        const w = `${lang}, ${where}`;
        expect(await reachable(page, "report-docx"), `${w}: Word report`).toBe(true);
        expect(await reachable(page, "report-html"), `${w}: print view`).toBe(true);
        expect(await citationInView(page), w).toBe("");
        if (where === "list") await screenshot(page, `en-layout-02-detail-${lang}`);
      }
      // the pane's own buttons make the report of the violation's county
      const county = await page.getByTestId("violation-report-docx").getAttribute("data-county");
      const report = await getReport(page);
      const v = report.violations.find((x) => x.rule === "SUB-15KM")!;
      expect(county).toBe(v.county);
      if (lang === "en") {
        // in English the county's report is named in English, from the shipped English county names (the Chinese
        // name is outputs.test.ts's): 「审查报告-镇平县-411324-….docx」 before
        const pinyin = (
          JSON.parse(readFileSync("geodata/china/county-names-en.json", "utf8")) as { names: Record<string, string> }
        ).names[v.county];
        const [dl] = await Promise.all([
          page.waitForEvent("download", { timeout: 120_000 }),
          page.getByTestId("violation-report-docx").click(),
        ]);
        expect(recentDates().map((d) => `review-report-${pinyin}-County-${v.county}-${d}.docx`)).toContain(
          dl.suggestedFilename(),
        );
      }
    }
    expect(consoleErrors).toEqual([]);
  }, 300_000);

  it("the detail pane closes with its map marks when another tab opens, when its violation leaves the list's filter or is gone, and re-renders in the new language", async () => {
    const { page, consoleErrors, seq: first } = await openApp(browser());
    let seq = first;
    const detail = page.getByTestId("violation-detail");
    // the Plan and Data tabs keep it, in the column's foot beside the map's marks (a fix is planned there, the county
    // printed); the Suggest tab, whose sites take the map's marks, closes it
    await selectSub15(page);
    for (const tab of ["plan", "data"]) {
      await page.getByTestId(`tab-${tab}`).click();
      expect(await detail.count(), tab).toBe(1);
      expect(await citationInView(page), tab).toBe("");
      expect(await violationMarks(page), tab).toBeGreaterThan(0);
    }
    await page.getByTestId("tab-suggest").click();
    await marksGone(page);
    expect(await detail.count(), "suggest").toBe(0);
    await page.getByTestId("tab-review").click();
    expect(await detail.count(), "suggest, back on the review tab").toBe(0);
    expect(await page.locator(".violation-row.selected").count(), "suggest").toBe(0);
    await page.getByTestId("violation-filter").selectOption("");

    // the list's filter: a rule filter, a county filter and a search that leave it out close it
    for (const [how, act] of [
      ["rule filter", () => page.getByTestId("violation-filter").selectOption("VC-PER-VILLAGE")],
      ["search", () => page.getByTestId("violation-search").fill("没有这样的违规")],
    ] as const) {
      await selectSub15(page);
      await act();
      await page.waitForFunction(() => !document.querySelector("[data-testid=violation-detail]"));
      // the map's source takes the emptied marks on its worker's next round: waited for, not read at once
      await marksGone(page);
      await page.getByTestId("violation-search").fill("");
      await page.getByTestId("violation-filter").selectOption("");
      // and it does not come back when the filter is cleared
      expect(await detail.count(), `${how}, filter cleared`).toBe(0);
    }

    // the language: it stays open, all of it in the new language (the place, the verdict, the rule, the citation's
    // frame), Chinese left only in names and the plan's quoted words
    await selectSub15(page);
    await page.getByTestId("lang-toggle").click();
    expect(await detail.count()).toBe(1);
    const report = await getReport(page);
    const v = report.violations.find((x) => x.rule === "SUB-15KM")!;
    const en = await detail.evaluate((el) => {
      const clone = el.cloneNode(true) as HTMLElement;
      for (const q of clone.querySelectorAll("[lang^=zh], button")) q.remove();
      return clone.textContent ?? "";
    });
    const countyZh = report.counties.find((c) => c.code === v.county)?.name;
    const townships = report.townships.filter((t) => t.county === v.county).map((t) => t.name);
    const names = [v.facilityName, v.unitName, countyZh, ...townships]
      .filter((x): x is string => !!x)
      .sort((a, b) => b.length - a.length);
    let rest = en;
    for (const n of names) rest = rest.split(n).join("");
    expect(rest).toContain("line 213");
    expect(rest, en).not.toMatch(/\p{Script=Han}/u);
    await page.getByTestId("lang-toggle").click();
    expect((await detail.textContent()) ?? "").toContain("第 213 行");
    await page.getByTestId("violation-filter").selectOption("");

    // gone from the report: the SUB-15KM violation (a sub-centre 13 km from its county medical centre), selected,
    // then the plan's minimum distance set to 10 km, where no SUB-15KM violation is left; undo brings it back
    // unselected
    await selectSub15(page);
    await page.getByTestId("tab-plan").click();
    const minKm = page.getByTestId("sub-centre-min-km");
    await minKm.fill("10");
    await minKm.press("Enter");
    seq = await waitForAnalysis(page, seq);
    expect((await getReport(page)).violations.filter((x) => x.rule === "SUB-15KM")).toEqual([]);
    expect(await detail.count(), "violation gone").toBe(0);
    await marksGone(page);
    await page.getByTestId("tab-review").click();
    expect(await detail.count(), "violation gone, review tab").toBe(0);
    // back with undo: the violation is listed again but not selected (a stale selection does not spring back)
    await page.getByTestId("undo").click();
    seq = await waitForAnalysis(page, seq);
    expect((await getReport(page)).violations.filter((x) => x.rule === "SUB-15KM").length).toBeGreaterThan(0);
    expect(await detail.count(), "after undo").toBe(0);
    expect(await page.locator(".violation-row.selected").count(), "after undo").toBe(0);
    await marksGone(page);
    expect(consoleErrors).toEqual([]);
  }, 600_000);

  it("the legend names the selected violation's 15 km ring while it is drawn, Chinese and English", async () => {
    const { page, consoleErrors } = await openApp(browser());
    const entry = page.getByTestId("legend-selection-ring");
    expect(await entry.count()).toBe(0);
    const box = page.getByTestId("overlay-ring15");
    const boxBefore = await box.isChecked();
    await selectSub15(page);
    await page.waitForFunction(() =>
      window.__hfp!.map.querySourceFeatures("marks").some((f) => f.properties.kind === "ring"),
    );
    expect(await entry.isVisible()).toBe(true);
    expect((await entry.textContent()) ?? "").toContain("15 公里");
    // drawn in the ring's own colour, the overlay's box left as the user set it
    const colour = await entry.locator(".swatch").evaluate((el) => getComputedStyle(el).borderTopColor);
    const ring = await page.evaluate(() => window.__hfp!.map.getPaintProperty("mark-ring", "line-color"));
    expect(colour).toBe(`rgb(${[1, 3, 5].map((i) => Number.parseInt(String(ring).slice(i, i + 2), 16)).join(", ")})`);
    expect(await box.isChecked()).toBe(boxBefore);
    await page.getByTestId("lang-toggle").click();
    expect((await entry.textContent()) ?? "").toMatch(/selected violation.*15 km/i);
    await screenshot(page, "en-layout-03-legend-ring-en");
    await page.locator("[data-testid=violation-detail] button.close").click();
    await page.waitForFunction(() => !document.querySelector("[data-testid=legend-selection-ring]"));
    expect(consoleErrors).toEqual([]);
  });

  it("the English panel's rule texts name where each rule applies in English (Nanyang, Nangong)", async () => {
    const { page, consoleErrors } = await openApp(browser());
    await page.getByTestId("lang-toggle").click();
    for (const city of ["nanyang", "nangong"]) {
      if (city === "nangong") await openCity(page, "邢台", "nangong");
      const rows = page.locator("[data-testid=county-table] tr[data-county-code]");
      const scopes: string[] = [];
      for (let i = 0; i < Math.min(await rows.count(), 4); i++) {
        await rows.nth(i).click();
        await page.getByTestId("county-detail").waitFor();
        const texts = await page.locator("[data-testid=tab-body]").evaluate((el) => el.textContent ?? "");
        scopes.push(...[...texts.matchAll(/applies to: ([^\]]*)\]/g)].map((m) => m[1]));
      }
      expect(scopes.length, city).toBeGreaterThan(3);
      // in English, with the plan's own words beside it in 「」 (the reviewer trial, s41-a #10), never only Chinese
      for (const s of scopes) {
        expect(s.replace(/ \(「[^」]*」\)/g, ""), city).not.toMatch(/\p{Script=Han}/u);
        expect(s, city).toMatch(/\(「[^」]+」\)/);
      }
      expect(scopes.join(" | "), city).not.toMatch(/适用/);
    }
    // at 1280×720 the title bar's buttons keep one line each (the planner trial, s42-b #11: 「↶ / Undo」, 「中 / 文」)
    const size = page.viewportSize();
    await page.setViewportSize({ width: 1280, height: 720 });
    for (const lang of ["en", "zh"]) {
      if ((await page.evaluate(() => document.documentElement.lang)).startsWith("en") !== (lang === "en"))
        await page.getByTestId("lang-toggle").click();
      const heights = await page
        .locator(".header-buttons button")
        .evaluateAll((bs) => bs.map((b) => [b.textContent, Math.round(b.getBoundingClientRect().height)]));
      expect(heights.length, lang).toBeGreaterThan(3);
      for (const [text, h] of heights) expect(h, `${lang} ${text}`).toBeLessThan(32);
    }
    if (size) await page.setViewportSize(size);
    expect(consoleErrors).toEqual([]);
  }, 300_000);

  it("a proposed site's row keeps its id, county, type and both coordinates on one line, whole, in English at 1366 and 1440 px (the user trial, s49 #8)", async () => {
    const { page, consoleErrors } = await openApp(browser());
    await page.getByTestId("lang-toggle").click();
    await page.getByTestId("tab-plan").click();
    const seq = await analysisSeq(page);
    await page.getByTestId("add-type").selectOption("ems-station");
    await page.getByTestId("add-mode").click();
    // 镇平县's seat, a county whose English name is of a usual length
    const seat = await pagePoint(page, [112.2347, 33.03411]);
    await page.mouse.click(seat.x, seat.y);
    await waitForAnalysis(page, seq);
    await page.keyboard.press("Escape");
    for (const width of [1366, 1440]) {
      await page.setViewportSize({ width, height: 900 });
      const row = page.locator("[data-testid=proposed-panel] li").first();
      const fit = await row.evaluate((li) => {
        const line = [...li.children].filter((c) => !c.matches(".proposed-name, .proposed-unit"));
        return {
          county: li.querySelector("[data-testid=proposed-county]")?.textContent,
          tops: [...new Set(line.map((c) => Math.round(c.getBoundingClientRect().top / 8)))].length,
          clipped: [...li.querySelectorAll<HTMLInputElement>("input[type=number]")].filter(
            (i) => i.scrollWidth > i.clientWidth,
          ).length,
        };
      });
      expect(fit, String(width)).toEqual({ county: "Zhenping 镇平县", tops: 1, clipped: 0 });
    }
    await page.setViewportSize({ width: 1366, height: 768 });
    expect(consoleErrors).toEqual([]);
  });
});
