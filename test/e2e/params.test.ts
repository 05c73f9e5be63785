import { describe, expect, it } from "vitest";
import { baseUrl, screenshot } from "./browser";
import { openApp, useBrowser } from "./flows";

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
    expect(await page.getByTestId("rural-radius-input").inputValue()).toBe("10");
    const after = await page.evaluate(() => window.__hfp!.work!);
    // a new radius repaints the rural layer's sites; it builds no grid and rasterises no mask
    expect(after.grids).toBe(before.grids);
    expect(after.masks).toBe(before.masks);
    expect(after.paints).toBeGreaterThan(before.paints);
    await screenshot(page, "20-plan-rural-slider-10km");

    // one undo returns to where the drag began (20 km); a second finds nothing of the drag left
    await page.locator("body").click({ position: { x: 5, y: 60 } });
    await page.keyboard.press("Control+z");
    await page.waitForFunction(() => window.__hfp!.ready && window.__hfp!.report!.params.ruralRadiusKm === 20, null, {
      timeout: 90_000,
    });
    expect(await page.getByTestId("rural-radius-input").inputValue()).toBe("20");
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
});
