import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { baseUrl, screenshot } from "./browser";
import { getReport, openApp, ruralCheck, setRuralRadius, useBrowser, waitForAnalysis } from "./flows";

const url = baseUrl();

describe.skipIf(!url)("suggest sites in the browser", () => {
  const browser = useBrowser();

  it("solves the best 2 EMS sites exactly with HiGHS in the worker, shows gains and the curve, and accepts them", async () => {
    const { page, consoleErrors, seq: firstSeq } = await openApp(browser());
    let seq = firstSeq;
    seq = await setRuralRadius(page, 15, seq);
    let report = await getReport(page);
    // the county with the most uncovered rural area
    const worst = report.counties
      .filter((c) => ruralCheck(report, c.code)?.status === "fail")
      .sort((a, b) => ruralCheck(report, b.code)!.uncoveredAreaKm2! - ruralCheck(report, a.code)!.uncoveredAreaKm2!)[0];
    const before = ruralCheck(report, worst.code)!.uncoveredAreaKm2!;

    await page.getByTestId("tab-suggest").click();
    await page.getByTestId("suggest-county").selectOption(worst.code);
    expect(await page.getByTestId("suggest-radius").inputValue()).toBe("15");
    await page.getByTestId("suggest-k").fill("2");
    await page.getByTestId("suggest-run").click();
    const result = page.getByTestId("suggest-result");
    await result.waitFor({ timeout: 90_000 });
    expect(await result.getAttribute("data-status")).toBe("optimal");
    const gains = await result.locator("li[data-gain]").evaluateAll((li) => li.map((x) => Number(x.getAttribute("data-gain"))));
    expect(gains).toHaveLength(2);
    expect(gains.every((g) => g > 0)).toBe(true);
    const gainKm2 = await result.locator("li[data-gain-km2]").evaluateAll((li) => li.reduce((t, x) => t + Number(x.getAttribute("data-gain-km2")), 0));
    expect(await page.getByTestId("suggest-curve").locator("circle").count()).toBeGreaterThanOrEqual(3);
    await screenshot(page, "20-suggest-result");

    await page.getByTestId("suggest-accept").click();
    seq = await waitForAnalysis(page, seq);
    report = await getReport(page);
    const after = ruralCheck(report, worst.code)!.uncoveredAreaKm2!;
    // the solver's gain is measured on 1 km demand blocks, the rule check on 250 m cells: they agree closely
    expect(after).toBeLessThan(before);
    expect(Math.abs(before - after - gainKm2)).toBeLessThan(Math.max(8, 0.1 * gainKm2));
    await page.getByTestId("tab-plan").click();
    expect(await page.locator("[data-testid=proposed-panel] li[data-proposed-id]").count()).toBe(2);

    // central third of THCs for the same county
    await page.getByTestId("tab-suggest").click();
    await page.getByTestId("suggest-county").selectOption(worst.code);
    await page.getByTestId("suggest-central").click();
    const central = page.getByTestId("central-result");
    await central.waitFor({ timeout: 90_000 });
    // about one third of the county's township health centres (counted here from the scenario file)
    const scenario = JSON.parse(readFileSync("geodata/scenario-nanyang.geojson", "utf8"));
    const n = scenario.features.filter(
      (f: { properties: { county: string; type: string } }) =>
        f.properties.county === worst.code && (f.properties.type === "thc" || f.properties.type === "central-thc"),
    ).length;
    expect(await central.locator("li").count()).toBe(Math.max(1, Math.round(n / 3)));
    await screenshot(page, "21-suggest-central");
    expect(consoleErrors).toEqual([]);
  });

  it("caps new sub-centres by the SUB-COUNT band of the county's population, and says so", async () => {
    const { page, consoleErrors, seq: first } = await openApp(browser());
    let seq = first;
    // 西峡县 411323: 450,000 residents → 1–2 sub-centres (003:213); the scenario already has one there
    await page.getByTestId("tab-data").click();
    await page.getByTestId("import-population").setInputFiles("test/fixtures/io/population-xixia.csv");
    seq = await waitForAnalysis(page, seq);
    await page.getByTestId("tab-suggest").click();
    await page.getByTestId("suggest-county").selectOption("411323");
    await page.locator("[data-testid=suggest-panel] select").nth(1).selectOption("sub-centre");
    await page.getByTestId("suggest-radius").fill("10");
    await page.getByTestId("suggest-k").fill("3");
    await page.getByTestId("suggest-run").click();
    const result = page.getByTestId("suggest-result");
    await result.waitFor({ timeout: 90_000 });
    expect((await page.getByTestId("suggest-cap").textContent()) ?? "").toContain("1~2");
    expect((await page.getByTestId("suggest-cap").textContent()) ?? "").toContain("最多新增 1 所");
    expect(await result.locator("li[data-gain]").count()).toBe(1);
    await screenshot(page, "22-suggest-sub-centre-cap");
    expect(consoleErrors).toEqual([]);
  });
});
