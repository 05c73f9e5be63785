import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { baseUrl, screenshot } from "./browser";
import { expectOneFrame, framesOfEdit, openApp, openCity, setRuralRadius, useBrowser } from "./flows";

const url = baseUrl();

describe.skipIf(!url)("Plan tab parameters", () => {
  const browser = useBrowser();

  it("a rural-radius slider drag re-scores as it goes, keeps the county grids, and is one undo step", async () => {
    const { page, consoleErrors } = await openApp(browser());
    await page.getByTestId("tab-plan").click();
    const slider = page.getByTestId("rural-radius");
    // the range comes from the rule set: EMS-RURAL's 10–20 km (000:232)
    expect(await slider.getAttribute("min")).toBe("10");
    expect(await slider.getAttribute("max")).toBe("20");
    const before = await page.evaluate(() => window.__hfp!.work!);
    expect(before.grids).toBeGreaterThan(0);

    // drag the thumb from the right end (20 km) to the left end (10 km) in a dozen steps
    const box = (await slider.boundingBox())!;
    const y = box.y + box.height / 2;
    await page.mouse.move(box.x + box.width - 3, y);
    await page.mouse.down();
    await page.mouse.move(box.x + 3, y, { steps: 12 });
    await page.mouse.up();
    await page.waitForFunction(
      () => {
        const h = window.__hfp!;
        return h.ready && h.report!.params.ruralRadiusKm === 10;
      },
      null,
      { timeout: 90_000 },
    );
    expect(await page.getByTestId("rural-radius-km").inputValue()).toBe("10");
    const after = await page.evaluate(() => window.__hfp!.work!);
    // a new radius repaints the rural layer's sites; it builds no grid and rasterises no mask
    expect(after.grids).toBe(before.grids);
    expect(after.masks).toBe(before.masks);
    expect(after.paints).toBeGreaterThan(before.paints);
    await screenshot(page, "20-plan-rural-slider-10km");

    // one undo returns to where the drag began (20 km); a second finds nothing of the drag left
    await page.locator("body").click({ position: { x: 5, y: 60 } });
    // an undo is an edit: the map goes back in one frame, drawn once the answer is tiled (the rings, then the gaps drew
    // frames of their own)
    expectOneFrame(await framesOfEdit(page, () => page.keyboard.press("Control+z")));
    await page.waitForFunction(() => window.__hfp!.ready && window.__hfp!.report!.params.ruralRadiusKm === 20, null, {
      timeout: 90_000,
    });
    expect(await page.getByTestId("rural-radius-km").inputValue()).toBe("20");
    await page.keyboard.press("Control+z");
    await page.waitForTimeout(500);
    await page.waitForFunction(() => window.__hfp!.ready, null, { timeout: 90_000 });
    expect(await page.evaluate(() => window.__hfp!.report!.params.ruralRadiusKm)).toBe(20);
    // redo brings the whole drag back in one step
    await page.keyboard.press("Control+y");
    await page.waitForFunction(() => window.__hfp!.ready && window.__hfp!.report!.params.ruralRadiusKm === 10, null, {
      timeout: 90_000,
    });
    expect((await page.evaluate(() => window.__hfp!.work!)).grids).toBe(before.grids);
    expect(consoleErrors).toEqual([]);
  });

  it("a radius set in one city stays with it: 宜春 is judged by its plan's 20 km, and 南阳's 12 km comes back with 南阳", async () => {
    const { page, consoleErrors, seq } = await openApp(browser());
    await setRuralRadius(page, 12, seq);
    const params = () => page.evaluate(() => window.__hfp!.report!.params);
    expect((await params()).ruralRadiusKm).toBe(12);
    const yichun = JSON.parse(readFileSync("seeds/ruleset-yichun.json", "utf8")) as {
      rules: Array<{ id: string; params?: { radiusKm?: { value: number } } }>;
    };
    const plan = yichun.rules.find((r) => r.id === "EMS-RURAL")?.params?.radiusKm?.value;
    expect(plan).toBe(20);
    await openCity(page, "宜春", "yichun");
    await page.waitForFunction((id) => window.__hfp!.report?.city?.city === id, "yichun", { timeout: 90_000 });
    expect((await params()).ruralRadiusKm).toBe(plan);
    await page.getByTestId("tab-plan").click();
    expect(await page.getByTestId("rural-radius-km").inputValue()).toBe(String(plan));
    // the analysis is 宜春's whole: its facilities counted (the switch once sent the next city's parameters to the
    // last city's analysis and the siting then counted no existing station)
    expect(await page.evaluate(() => window.__hfp!.report!.counties.length)).toBeGreaterThan(5);
    // 宜春's village rows that share a doubt (a THC with no village code may stand in one of its township's lacking
    // villages): the list says their sure shortfall, as the check's card does (the trial, s51 #2)
    await page.getByTestId("tab-review").click();
    await page.getByTestId("violation-filter").selectOption("VC-PER-VILLAGE");
    const sure = await page.evaluate(() => {
      const groups = new Map<string, { n: number; atMost: number }>();
      for (const v of window.__hfp!.report!.violations) {
        if (v.rule !== "VC-PER-VILLAGE" || !v.uncertain) continue;
        const key = `${v.county}|${v.uncertain.group}`;
        const g = groups.get(key) ?? { n: 0, atMost: v.uncertain.atMost };
        g.n++;
        groups.set(key, g);
      }
      let rows = 0;
      let sure = 0;
      for (const g of groups.values()) {
        if (g.n <= g.atMost) continue;
        rows += g.n;
        sure += g.n - g.atMost;
      }
      return { rows, sure };
    });
    expect(sure.sure).toBeGreaterThan(0);
    expect(await page.getByTestId("violation-group-doubt").textContent()).toContain(
      `其中 ${sure.rows} 条待核同组存疑（如乡镇卫生院未填所在村）：按组合计至少 ${sure.sure} 个确缺`,
    );
    await openCity(page, "南阳", "nanyang");
    await page.waitForFunction((id) => window.__hfp!.report?.city?.city === id, "nanyang", { timeout: 90_000 });
    expect((await params()).ruralRadiusKm).toBe(12);
    await page.getByTestId("tab-plan").click();
    expect(await page.getByTestId("rural-radius-km").inputValue()).toBe("12");
    expect(consoleErrors).toEqual([]);
  });

  it("km boxes take typing at normal speed, commit on Enter or blur, and refuse an out-of-range value in words", async () => {
    const { page, consoleErrors } = await openApp(browser());
    await page.getByTestId("tab-plan").click();
    const params = () => page.evaluate(() => window.__hfp!.report!.params);
    const retype = async (testId: string, text: string) => {
      const box = page.getByTestId(testId);
      await box.click();
      await page.keyboard.press("Control+a");
      await page.keyboard.type(text, { delay: 80 });
      return box;
    };

    // 15 into the rural radius: nothing snaps back while typing; Enter applies it
    const rural = await retype("rural-radius-km", "15");
    expect(await rural.inputValue()).toBe("15");
    expect((await params()).ruralRadiusKm).toBe(20);
    await rural.press("Enter");
    await page.waitForFunction(() => window.__hfp!.ready && window.__hfp!.report!.params.ruralRadiusKm === 15);

    // 4.5 into the urban radius, committed by leaving the field
    const urban = await retype("urban-radius-km", "4.5");
    expect(await urban.inputValue()).toBe("4.5");
    await page.getByTestId("sub-centre-min-km").click();
    await page.waitForFunction(() => window.__hfp!.ready && window.__hfp!.report!.params.urbanRadiusKm === 4.5);

    // 30 is beyond EMS-RURAL's 10–20 km: an inline message, the typed text stays, the radius in use stays 15
    await retype("rural-radius-km", "30");
    await page.keyboard.press("Enter");
    const error = page.getByTestId("rural-radius-km-error");
    await error.waitFor();
    const message = (await error.textContent()) ?? "";
    expect(message).toContain("10–20");
    expect(message).toContain("EMS-RURAL");
    expect(message).toContain("15");
    expect(await rural.inputValue()).toBe("30");
    expect(await rural.getAttribute("aria-invalid")).toBe("true");
    await page.waitForTimeout(300);
    expect((await params()).ruralRadiusKm).toBe(15);
    await screenshot(page, "24-plan-km-out-of-range-zh");

    // an emptied box says so, not 「“”不是数字」 (the re-trial)
    await retype("rural-radius-km", "");
    await page.keyboard.press("Backspace");
    await page.keyboard.press("Enter");
    await page.waitForFunction(() =>
      document.querySelector("[data-testid=rural-radius-km-error]")?.textContent?.startsWith("未填数值"),
    );
    expect((await error.textContent()) ?? "").toBe("未填数值，未采用；仍按 15 公里计算");

    // 10 replaces it and applies on blur; the message goes
    await retype("rural-radius-km", "10");
    await page.getByTestId("urban-radius-km").click();
    await page.waitForFunction(() => window.__hfp!.ready && window.__hfp!.report!.params.ruralRadiusKm === 10);
    expect(await error.count()).toBe(0);

    // the sub-centre distance and the seat radius take values the same way
    await retype("sub-centre-min-km", "12.5");
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => window.__hfp!.ready && window.__hfp!.report!.params.subCentreMinKm === 12.5);
    await retype("seat-radius-km", "4");
    await page.keyboard.press("Enter");
    await page.waitForFunction(
      () => window.__hfp!.ready && window.__hfp!.report!.params.urban.countySeatRadiusKm === 4,
      null,
      { timeout: 90_000 },
    );

    // the cross-border switch reaches the engine, and says which reading is in use
    expect((await params()).crossBorder).toBe(false);
    await page.getByTestId("cross-border").click();
    await page.waitForFunction(() => window.__hfp!.ready && window.__hfp!.report!.params.crossBorder === true);
    await page.getByTestId("lang-toggle").click();
    await retype("rural-radius-km", "9");
    await page.keyboard.press("Enter");
    expect((await page.getByTestId("rural-radius-km-error").textContent()) ?? "").toContain("between 10 and 20 km");
    await screenshot(page, "25-plan-km-out-of-range-en");
    expect(consoleErrors).toEqual([]);
  });
});
