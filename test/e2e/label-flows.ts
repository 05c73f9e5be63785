import type { Page } from "playwright-core";

/**
 * Waits until the county names are placed for the map's current view and drawn: the label fitter (label-fit.ts) sets
 * the map's container's (MapLibre's, inside `[data-testid=map]`) `data-labels` to "settled" once MapLibre has drawn the names it placed, and back to "fitting"
 * when the camera moves or the names change. With `lang`, also until the names are in that language (a language
 * switch hands the fitter new names a moment after the click). Checked every 100 ms, not on every frame.
 */
export async function waitLabels(page: Page, lang?: "en" | "zh", timeoutMs = 60_000): Promise<void> {
  await page.waitForFunction(
    (lang) => {
      const h = window.__hfp;
      const el = h?.map.getContainer();
      if (!el || !h || el.getAttribute("data-labels") !== "settled" || h.map.isMoving()) return false;
      if (!lang) return true;
      const names = h.map.querySourceFeatures("county-labels").map((f) => String(f.properties.name));
      return names.length > 0 && names.every((n) => /[A-Z]/.test(n) === (lang === "en"));
    },
    lang,
    { timeout: timeoutMs, polling: 100 },
  );
}

/** The boxes (CSS px of the map) of what floats over it: the notices beside the map and MapLibre's controls. */
export function overlayBoxes(page: Page): Promise<Array<{ what: string; box: [number, number, number, number] }>> {
  return page.evaluate(() => {
    const map = document.querySelector("[data-testid=map]")!;
    const c = map.querySelector("canvas")!.getBoundingClientRect();
    const els = [
      ...[...map.parentElement!.children].filter((e) => e !== map),
      ...map.querySelectorAll(".maplibregl-ctrl"),
    ];
    return els
      .map((e) => {
        const r = e.getBoundingClientRect();
        return {
          what: `${e.className} ${(e.textContent ?? "").slice(0, 30)}`,
          box: [r.left - c.left, r.top - c.top, r.right - c.left, r.bottom - c.top] as [number, number, number, number],
        };
      })
      .filter((o) => o.box[2] - o.box[0] >= 1 && o.box[3] - o.box[1] >= 1);
  });
}
