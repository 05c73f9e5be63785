import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { baseUrl, screenshot, waitForMapReady } from "./browser";
import { analysisSeq, getReport, openApp, useBrowser, waitForAnalysis } from "./flows";

const url = baseUrl();

/** Line `n` (1-based) of a plan text in seeds/plans, trimmed: the reference for what the plan marks. */
function planLine(doc: string, n: number): string {
  const file = readdirSync("seeds/plans").find((f) => f.startsWith(`${doc}_`));
  return readFileSync(`seeds/plans/${file}`, "utf8").split("\n")[n - 1].trim();
}

interface Division {
  counties: Array<{
    code: string;
    name: string;
    townships: Array<{ code: string; villages: Array<{ kind: "village" | "community" }> }>;
  }>;
}

describe.skipIf(!url)("issue 9 in the Review tab: which plan, what it binds, the city row, the townships", () => {
  const browser = useBrowser();

  it("Nanyang: the comparison set is labelled as such; the EMS network in use follows the Plan tab's switch; city-wide indicators sit above the counties as 约束性 / 预期性", async () => {
    const { page, consoleErrors, seq } = await openApp(browser());
    // the picker: the city's own plans first (and chosen), the five-plan set only in the "for comparison" group
    const groups = await page.$$eval("[data-testid=ruleset-picker] optgroup", (gs) =>
      gs.map((g) => ({
        label: g.getAttribute("label"),
        options: [...g.querySelectorAll("option")].map((o) => o.value),
      })),
    );
    expect(groups).toHaveLength(2);
    expect(groups[0].label).toContain("本市规划");
    expect(groups[0].options).toEqual(["nanyang"]);
    expect(groups[1].label).toContain("对比用");
    expect(groups[1].options).toEqual(["all"]);
    expect(await page.getByTestId("ruleset-picker").inputValue()).toBe("nanyang");

    // the network in use is the one the report states, and changes with the switch
    const before = await getReport(page);
    expect(await page.getByTestId("ems-network").textContent()).toContain(before.emsNetworkUsed.zh);
    await page.getByTestId("tab-plan").click();
    await page.getByTestId("cross-border").click();
    const seq2 = await waitForAnalysis(page, seq);
    const after = await getReport(page);
    expect(after.params.crossBorder).toBe(true);
    expect(after.emsNetworkUsed.zh).not.toBe(before.emsNetworkUsed.zh);
    await page.getByTestId("tab-review").click();
    expect(await page.getByTestId("ems-network").textContent()).toContain(after.emsNetworkUsed.zh);
    await page.getByTestId("tab-plan").click();
    await page.getByTestId("cross-border").click();
    await waitForAnalysis(page, seq2);
    await page.getByTestId("tab-review").click();

    // the city row: 000's table marks GP per 10,000 约束性 (line 157) and beds per 1,000 预期性 (line 122)
    const cityRow = page.getByTestId("city-row");
    await cityRow.waitFor();
    expect(planLine("000", 157)).toBe("约束性");
    expect(planLine("000", 122)).toBe("预期性");
    const gp = cityRow.locator("li[data-rule=GP-PER-10000]");
    expect(await gp.locator("[data-nature]").textContent()).toContain("约束性");
    const beds = cityRow.locator("li[data-rule=BEDS-PER-1000]");
    expect(await beds.locator("[data-nature]").textContent()).toContain("预期性");
    // it sits above the county table
    const cityBox = (await cityRow.boundingBox())!;
    const tableBox = (await page.getByTestId("county-table").boundingBox())!;
    expect(cityBox.y).toBeLessThan(tableBox.y);
    // a summary line counts the verdicts (the checks open below it)
    const counted = await cityRow
      .locator("summary [data-count]")
      .evaluateAll((xs) => xs.reduce((s, x) => s + Number(x.getAttribute("data-count")), 0));
    expect(counted).toBe(await cityRow.locator("li[data-rule]").count());
    await cityRow.locator("summary").click();
    await screenshot(page, "fid-01-city-row-zh");
    await page.getByTestId("lang-toggle").click();
    expect(await gp.locator("[data-nature]").textContent()).toContain("binding");
    expect(await page.locator("[data-testid=ruleset-picker] optgroup").nth(1).getAttribute("label")).toContain(
      "comparison",
    );
    await screenshot(page, "fid-02-city-row-en");
    await page.getByTestId("lang-toggle").click();
    expect(consoleErrors).toEqual([]);
  });

  it("Nanyang: a county's SUB-COUNT shows both readings of 003 side by side, the governing one following the Plan tab; its township table lists every township of the division list, sortable", async () => {
    const { page, consoleErrors, seq } = await openApp(browser());
    const divisions = JSON.parse(readFileSync("geodata/divisions-nanyang.json", "utf8")) as Division;
    // 西峡县: a county with a township list
    const county = divisions.counties.find((c) => c.name === "西峡县")!;
    await page.locator(`[data-testid=county-table] tr[data-county-code="${county.code}"]`).click();
    const readings = page.locator("[data-testid=county-detail] [data-testid=readings-SUB-COUNT] .reading");
    expect(await readings.count()).toBe(2);
    const governs = async () => readings.evaluateAll((rs) => rs.map((r) => r.getAttribute("data-governs")));
    const first = await governs();
    expect(first.filter((g) => g === "true")).toHaveLength(1);
    await screenshot(page, "fid-03-readings-zh");

    // the other variant governs once chosen in the Plan tab
    await page.getByTestId("tab-plan").click();
    const variant = page.getByTestId("sub-count-variant");
    const current = await variant.inputValue();
    await variant.selectOption(current === "bands" ? "per-county" : "bands");
    await waitForAnalysis(page, seq);
    await page.getByTestId("tab-review").click();
    expect(await governs()).toEqual([...first].reverse());

    // the township table: one row per township of the division list (a reference independent of the engine)
    const table = page.getByTestId("township-table");
    await table.waitFor();
    expect(await table.locator("h4").textContent()).toContain(`${county.townships.length}`);
    const seen = new Set<string>();
    const scroller = table.locator(".township-scroll");
    for (let i = 0; i < 20 && seen.size < county.townships.length; i++) {
      for (const c of await table
        .locator("tr[data-township-code]")
        .evaluateAll((rs) => rs.map((r) => r.getAttribute("data-township-code")!)))
        seen.add(c);
      await scroller.evaluate((el) => el.scrollBy(0, 150));
      await page.waitForTimeout(50);
    }
    expect([...seen].sort()).toEqual(county.townships.map((t) => t.code).sort());
    // no township's name or centre is cut: each cell holds its text, a row as tall as it needs (the user trial, s52
    // L2: 「新街回…」, the centres' names clipped by a row of fixed height)
    const cut = await table
      .locator("tr[data-township-code] td")
      .evaluateAll((tds) =>
        tds
          .filter((td) => td.scrollWidth > td.clientWidth + 1 || td.scrollHeight > td.clientHeight + 1)
          .map((td) => td.textContent),
      );
    expect(cut).toEqual([]);
    // sorted by villages without a clinic, largest first, when that header is clicked
    await scroller.evaluate((el) => el.scrollTo(0, 0));
    await table.locator("th[data-sort=without]").click();
    const without = await table
      .locator("tr[data-township-code] td:nth-child(7)")
      .evaluateAll((tds) => tds.map((td) => Number(td.textContent)));
    expect(without.length).toBeGreaterThan(3);
    expect(without).toEqual([...without].sort((a, b) => b - a));
    // and by health centres, most first (the user re-trial, s48: that header did nothing), then back
    await table.locator("th[data-sort=centres]").click();
    const centres = await table
      .locator("tr[data-township-code] td[data-centres]")
      .evaluateAll((tds) => tds.map((td) => Number(td.getAttribute("data-centres"))));
    expect(centres.length).toBeGreaterThan(3);
    expect(centres).toEqual([...centres].sort((a, b) => b - a));
    expect(await table.locator("th[data-sort=centres]").getAttribute("aria-sort")).toBe("descending");
    await table.locator("th[data-sort=without]").click();
    // villages with + without = the division list's villages, row by row
    const counts = await table.locator("tr[data-township-code]").evaluateAll((rs) =>
      rs.map((r) => ({
        code: r.getAttribute("data-township-code")!,
        v: Number(r.children[4].textContent),
        w: Number(r.children[5].textContent),
        wo: Number(r.children[6].textContent),
      })),
    );
    for (const c of counts) {
      const t = county.townships.find((x) => x.code === c.code)!;
      // administrative villages (村委会), not urban communities
      expect(c.v).toBe(t.villages.filter((v) => v.kind === "village").length);
      expect(c.w + c.wo).toBe(c.v);
    }
    // without village locations, the EMS shares say what they need
    expect(await table.getByTestId("township-ems-needs").textContent()).toContain("村点位");
    await screenshot(page, "fid-04-townships-zh");
    await page.getByTestId("lang-toggle").click();
    expect(await table.locator("h4").textContent()).toContain("Townships of");
    await screenshot(page, "fid-05-townships-en");
    expect(consoleErrors).toEqual([]);
  });

  it("Nangong: 002 binds 南宫市 only; Xingtai's other counties are greyed as context in the table and on the map, with the plan's note", async () => {
    const { page, consoleErrors } = await openApp(browser());
    const seq = await analysisSeq(page);
    // Nanyang's plans set EMS radii: no note that they do not
    expect(await page.getByTestId("no-radius-rule").count()).toBe(0);
    await page.getByTestId("city-picker").selectOption("nangong");
    await waitForMapReady(page, "nangong");
    await waitForAnalysis(page, seq);
    expect(await page.getByTestId("ruleset-picker").inputValue()).toBe("nangong");
    expect(await page.getByTestId("scope-note").textContent()).toContain("只约束南宫市");
    // 南宫's rule set has no EMS radius rule: the table's two EMS coverage columns read – and a note says why, once
    expect(await page.getByTestId("no-radius-rule").textContent()).toContain("未设急救服务半径规则");
    const rows = await page
      .locator("[data-testid=county-table] tr[data-county-code]")
      .evaluateAll((rs) =>
        rs.map((r) => ({ code: r.getAttribute("data-county-code")!, inScope: r.getAttribute("data-in-scope") })),
      );
    expect(rows.length).toBeGreaterThan(10);
    for (const r of rows) expect(r.inScope).toBe(r.code === "130581" ? "true" : "false");
    const greyed = await page.locator("[data-testid=county-table] tr.context").count();
    expect(greyed).toBe(rows.length - 1);
    const mapContext = await page.evaluate(() => {
      const map = window.__hfp!.map;
      const out: Record<string, boolean> = {};
      for (const f of map.querySourceFeatures("counties")) out[String(f.properties.code)] = f.properties.context;
      return out;
    });
    expect(mapContext["130581"]).toBe(false);
    const others = Object.entries(mapContext).filter(([c]) => c !== "130581");
    expect(others.length).toBeGreaterThan(10);
    expect(others.every(([, v]) => v === true)).toBe(true);
    await screenshot(page, "fid-06-nangong-scope-zh");
    await page.getByTestId("lang-toggle").click();
    expect(await page.getByTestId("scope-note").textContent()).toContain("binds it alone");
    expect(await page.getByTestId("no-radius-rule").textContent()).toContain("sets no EMS service radius");
    await screenshot(page, "fid-07-nangong-scope-en");
    expect(consoleErrors).toEqual([]);
  });

  it("Nanyang: the city row's failing share (003:143 公有产权村卫生室) is in the violation list as 全市, with its citation and no county report", async () => {
    const { page, consoleErrors } = await openApp(browser());
    const report = await getReport(page);
    expect(report.city?.checks.find((k) => k.rule === "VC-PUBLIC-SHARE")?.status).toBe("fail");
    await page.getByTestId("violation-filter").selectOption("VC-PUBLIC-SHARE");
    const row = page.locator("[data-testid=violation-list] li[data-rule=VC-PUBLIC-SHARE] button");
    expect(await row.count()).toBe(1);
    expect(await row.textContent()).toContain("全市");
    // from one county's close view, the city row shows the whole city (the map stayed on the county: the planner trial)
    await page.evaluate(() => window.__hfp!.map.jumpTo({ center: [113.35, 32.4], zoom: 12 }));
    await row.click();
    await page.waitForFunction(
      () => {
        const m = window.__hfp!.map;
        const b = m.getBounds();
        return (
          !m.isMoving() && b.getWest() < 111.2 && b.getEast() > 113.2 && b.getSouth() < 32.5 && b.getNorth() > 33.4
        );
      },
      null,
      { timeout: 30_000 },
    );
    const detail = page.getByTestId("violation-detail");
    await detail.waitFor();
    const text = (await detail.textContent()) ?? "";
    expect(text).toContain("全市性指标");
    expect(text).toContain("文件 003 第 143 行");
    expect(text).toContain("公有产权村卫生室比例达到90%");
    expect(planLine("003", 143)).toContain("公有产权村卫生室比例达到90%");
    expect(await page.getByTestId("violation-report-docx").count()).toBe(0);
    await screenshot(page, "70-city-row-violation");
    // a review row says ◐ 待核 before its text (000:310's 「推动…晋升」): never only after an ellipsis
    await page.getByTestId("violation-filter").selectOption("COUNTY-PH-GRADE3");
    const reviewRows = page.locator("[data-testid=violation-list] li[data-rule=COUNTY-PH-GRADE3]");
    expect(await reviewRows.count()).toBeGreaterThan(0);
    expect(await reviewRows.first().getByTestId("violation-review-tag").textContent()).toBe("◐ 待核");
    expect(consoleErrors).toEqual([]);
  });

  it("Nanyang: a village's row in the violation list names its township, as the exports do (the user trial, s46-a #8: two rows read 「杨庄村民委员会：无村卫生室」)", async () => {
    const { page, consoleErrors } = await openApp(browser());
    // the reference: the division list's township of each village, by its code
    const divisions = JSON.parse(readFileSync("geodata/divisions-nanyang.json", "utf8")) as {
      counties: Array<{
        townships: Array<{ code: string; name: string; villages: Array<{ code: string; name: string }> }>;
      }>;
    };
    const villages = new Map<string, { township: string; name: string }>();
    for (const c of divisions.counties)
      for (const t of c.townships) for (const v of t.villages) villages.set(v.code, { township: t.name, name: v.name });
    await page.getByTestId("violation-filter").selectOption("VC-PER-VILLAGE");
    const rows = page.locator("[data-testid=violation-list] li[data-rule=VC-PER-VILLAGE]");
    await rows.first().waitFor();
    const shown = await rows.evaluateAll((lis) =>
      lis.map((li) => ({
        unit: li.getAttribute("data-unit") ?? "",
        township: li.querySelector("[data-testid=violation-township]")?.textContent ?? null,
        text: li.querySelector("button")?.textContent ?? "",
      })),
    );
    expect(shown.length).toBeGreaterThan(3);
    for (const r of shown) {
      const v = villages.get(r.unit);
      expect(v, r.unit).toBeDefined();
      expect(r.township?.trim(), r.text).toBe(v?.township);
      // 「朱集镇 杨庄村民委员会：…」
      expect(r.text).toContain(`${v?.township} ${v?.name}`);
    }
    // a township's own row names no township before it
    await page.getByTestId("violation-filter").selectOption("THC-PER-TOWNSHIP");
    const thc = page.locator("[data-testid=violation-list] li[data-rule=THC-PER-TOWNSHIP]");
    if ((await thc.count()) > 0) expect(await thc.first().getByTestId("violation-township").count()).toBe(0);
    expect(consoleErrors).toEqual([]);
  });
});
