import type { Page } from "playwright-core";

/**
 * From now on, records in the page the time of each frame the map draws (`window.__hfpFrames`, emptied by each call):
 * MapLibre's painter clears the canvas first in each frame it draws, and a held frame (MapController.holdFrames) makes
 * no WebGL call. Used by the browser tests (test/e2e/flows.ts) and the profiling scripts.
 */
export function recordFramesDrawn(page: Page): Promise<void> {
  return page.evaluate(() => {
    const w = window as unknown as { __hfpFrames: number[]; __hfpFramesOn?: boolean };
    w.__hfpFrames = [];
    if (w.__hfpFramesOn) return; // recording already: the times start again
    w.__hfpFramesOn = true;
    const gl = WebGL2RenderingContext.prototype;
    const clear = gl.clear;
    gl.clear = function (this: WebGL2RenderingContext, mask: number) {
      if (mask & this.COLOR_BUFFER_BIT) w.__hfpFrames.push(performance.now());
      return clear.call(this, mask);
    };
  });
}
