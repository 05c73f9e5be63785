import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { baseUrl, openPage, renderedCount, screenshot, waitForMapReady } from "./browser";
import { openApp, recordFramesDrawn, useBrowser } from "./flows";

const url = baseUrl();
/** The facility layers (each draws every legend category: a feature's own is its `layer` property). */
const FACILITY_LAYERS = [
  "facility-village-clinics",
  "facility-rings",
  "facility-proposed-rings",
  "facility-markers",
  "facility-proposed",
];

/** How many facilities of these legend categories the map draws in view. */
function renderedOf(page: Page, categories: string[]): Promise<number> {
  return page.evaluate(
    ([layers, cats]) => {
      const map = window.__hfp!.map;
      return map
        .queryRenderedFeatures({ layers: layers.filter((l) => map.getLayer(l)) })
        .filter((f) => cats.includes(String(f.properties.layer))).length;
    },
    [FACILITY_LAYERS, categories] as const,
  );
}

describe.skipIf(!url)("foundation: the map app on real county boundaries", () => {
  const browser = useBrowser();

  it("loads Nanyang in Chinese with counties and facilities rendered, then switches to Yichun", async () => {
    const { page, consoleErrors, externalRequests } = await openPage(browser());
    // A first load's map is drawn before its service rings are in (the counties tinted, the facilities), and ready
    // must still wait for the rings. The page's request for the rings (comlink's call of the worker's currentRings)
    // is held here until the app has marked that map drawn (at most 60 s), so the order does not depend on how fast
    // the machine is; at the first publication that says ready, the rings must be drawn too.
    await page.addInitScript(() => {
      const w = window as unknown as {
        __atReady?: { rings: number; counties: number; facilities: number };
        __ringsHeld?: "held" | "after-map-drawn" | "timed-out";
        __firstDraw?: number;
        __hfpMarks?: boolean;
      };
      // The first map is drawn whole: no WebGL draw call before the counties' and the facilities' tiles are in (each
      // frame drawn on the way, in software here, took the cores MapLibre's workers were tiling on). The app marks
      // each tile a source delivers (`map:tile:<source>`) while __hfpMarks is set; the first draw call is timed here.
      w.__hfpMarks = true;
      const gl = WebGL2RenderingContext.prototype as unknown as Record<string, (...a: unknown[]) => unknown>;
      for (const name of ["drawElements", "drawArrays", "drawElementsInstanced", "drawArraysInstanced"]) {
        const draw = gl[name];
        gl[name] = function (this: unknown, ...a: unknown[]) {
          w.__firstDraw ??= performance.now();
          return draw.apply(this, a);
        };
      }
      // MapLibre's tile messages to its worker, per source: each tile made (LT: first, RT: again) since the source's
      // data was last set (LD). A tile made twice for one data was re-tiled by a style change (a filter or a layout
      // property set), which a first load should not make.
      const tiles: Record<string, Record<string, number>> = {};
      (window as unknown as { __tilesSinceData: typeof tiles }).__tilesSinceData = tiles;
      const post = Worker.prototype.postMessage;
      Worker.prototype.postMessage = function (this: Worker, ...args: unknown[]) {
        const msg = args[0] as {
          type?: string;
          path?: string[];
          data?: { source?: string; tileID?: { canonical?: { z: number; x: number; y: number } } };
        } | null;
        const c = msg?.data?.tileID?.canonical;
        if ((msg?.type === "LT" || msg?.type === "RT") && msg.data?.source && c) {
          tiles[msg.data.source] ??= {};
          const byTile = tiles[msg.data.source];
          const key = `${c.z}/${c.x}/${c.y}`;
          byTile[key] = (byTile[key] ?? 0) + 1;
        }
        if (msg?.type === "LD" && msg.data?.source) tiles[msg.data.source] = {};
        if (msg?.type !== "APPLY" || msg.path?.[0] !== "currentRings") return post.apply(this, args as never);
        w.__ringsHeld = "held";
        const t0 = performance.now();
        const release = () => {
          const drawn = performance.getEntriesByName("hfp:map-drawn").length > 0;
          if (!drawn && performance.now() - t0 < 60_000) return void setTimeout(release, 50);
          w.__ringsHeld = drawn ? "after-map-drawn" : "timed-out";
          post.apply(this, args as never);
        };
        release();
      };
      const onPublished = () => {
        const hook = window.__hfp;
        if (!hook?.ready || w.__atReady) return;
        const count = (layers: string[]) =>
          hook.map.queryRenderedFeatures({ layers: layers.filter((l) => hook.map.getLayer(l)) }).length;
        w.__atReady = {
          rings: count(["ring-line"]),
          counties: count(["county-fill"]),
          facilities: count(["facility-village-clinics", "facility-markers"]),
        };
      };
      window.addEventListener("hfp:published", onPublished);
    });
    await page.goto(url);
    await waitForMapReady(page, "nanyang");
    const atReady = await page.evaluate(
      () => (window as unknown as { __atReady?: { rings: number; counties: number; facilities: number } }).__atReady,
    );
    expect(await page.evaluate(() => (window as { __ringsHeld?: string }).__ringsHeld)).toBe("after-map-drawn");
    expect(atReady?.rings, "service rings drawn when the hook first says ready").toBeGreaterThan(0);
    expect(atReady?.counties).toBeGreaterThan(0);
    expect(atReady?.facilities).toBeGreaterThan(1000);
    const firstDraw = await page.evaluate(() => {
      const last = (source: string) =>
        Math.max(...performance.getEntriesByName(`map:tile:${source}`).map((e) => e.startTime));
      return {
        at: (window as { __firstDraw?: number }).__firstDraw ?? null,
        countyTiles: last("counties"),
        facilityTiles: last("facilities"),
      };
    });
    expect(firstDraw.at, "a WebGL draw call was made").not.toBeNull();
    expect(firstDraw.at!, "the first draw call after the counties' tiles").toBeGreaterThan(firstDraw.countyTiles);
    expect(firstDraw.at!, "the first draw call after the facilities' tiles").toBeGreaterThan(firstDraw.facilityTiles);
    // every source's tiles made once for the data it has: none re-tiled by a filter or visibility set on the way
    // (the county names' filter and the leaders' visibility did; the names were tiled twice)
    await page.waitForFunction(
      () => document.querySelector("[data-labels]")?.getAttribute("data-labels") === "settled",
    );
    const retiled = await page.evaluate(() =>
      Object.entries(
        (window as unknown as { __tilesSinceData: Record<string, Record<string, number>> }).__tilesSinceData,
      )
        .flatMap(([source, byTile]) => Object.entries(byTile).map(([tile, n]) => ({ source, tile, n })))
        .filter((t) => t.n > 1),
    );
    expect(retiled).toEqual([]);
    expect(await page.locator("h1").textContent()).toBe("医疗卫生设施布局核查");
    expect(await page.getByTestId("sample-notice").textContent()).toContain("示例数据");

    // counties rendered, read from the map
    const counties = await page.evaluate(() => {
      const map = window.__hfp!.map;
      const codes = new Set(map.querySourceFeatures("counties").map((f) => String(f.properties.code)));
      return { codes: [...codes].sort(), rendered: map.queryRenderedFeatures({ layers: ["county-fill"] }).length };
    });
    expect(counties.codes).toHaveLength(13);
    expect(counties.codes.every((c) => c.startsWith("4113"))).toBe(true);
    expect(counties.rendered).toBeGreaterThan(0);
    expect(await renderedCount(page, FACILITY_LAYERS)).toBeGreaterThan(1000);
    expect(await renderedOf(page, ["ems-station"])).toBeGreaterThan(0);
    expect(await renderedOf(page, ["county-medical-centre"])).toBeGreaterThan(0);
    await screenshot(page, "01-nanyang-zh");

    // counts in the legend match the map's facility source
    const vcLegend = Number((await page.getByTestId("count-village-clinic").textContent())!.replace(/,/g, ""));
    expect(vcLegend).toBeGreaterThan(5000);

    // toggle village clinics off: nothing of that layer renders
    await page.getByTestId("toggle-village-clinic").uncheck();
    await page.waitForFunction(
      () => window.__hfp!.map.queryRenderedFeatures({ layers: ["facility-village-clinics"] }).length === 0,
    );
    expect(await renderedOf(page, ["village-clinic"])).toBe(0);
    expect(await renderedOf(page, ["thc"])).toBeGreaterThan(0);
    await screenshot(page, "02-nanyang-no-village-clinics");

    // popup on click: it describes the facility drawn on top at the clicked pixel
    const target = await page.evaluate((layers) => {
      const map = window.__hfp!.map;
      const f = map
        .queryRenderedFeatures({ layers: ["facility-markers"] })
        .find((x) => x.properties.layer === "county-medical-centre")!;
      const c = (f.geometry as GeoJSON.Point).coordinates as [number, number];
      const p = map.project(c);
      const top = map.queryRenderedFeatures([p.x, p.y], { layers: layers.filter((l) => map.getLayer(l)) })[0];
      return { x: p.x, y: p.y, id: String(top.properties.id) };
    }, FACILITY_LAYERS);
    // the map's features carry ids only: the name is the sample file's for that id
    const sample = JSON.parse(readFileSync("geodata/scenario-nanyang.geojson", "utf8")) as {
      features: Array<{ properties: { id: string; name: string } }>;
    };
    const name = sample.features.find((f) => f.properties.id === target.id)?.properties.name;
    expect(name).toBeTruthy();
    const box = (await page.getByTestId("map").boundingBox())!;
    await page.mouse.click(box.x + target.x, box.y + target.y);
    await page.getByTestId("facility-popup").waitFor({ state: "visible" });
    const popupText = await page.getByTestId("facility-popup").textContent();
    expect(popupText).toContain(name);
    expect(popupText).toContain("示例（虚构）");
    await screenshot(page, "03-popup");

    // switch to Yichun: its map is drawn once, whole, as the first one was: the frames drawn from the switch to the
    // hook's first ready on Yichun, and the last tile of its facilities before then
    await recordFramesDrawn(page);
    await page.evaluate(() => {
      type Switch = { at: number; atReady: number[] | null; readyAt: number; faded: boolean; fadedAtReady?: boolean };
      const w = window as unknown as { __switch: Switch; __hfpFrames: number[] };
      const sw: Switch = { at: performance.now(), atReady: null, readyAt: Infinity, faded: false };
      w.__switch = sw;
      // meanwhile the last frame (Nanyang's) is shown faded: the map container's class while frames are held
      const box = window.__hfp!.map.getContainer();
      new MutationObserver(() => {
        if (box.classList.contains("map-held")) sw.faded = true;
      }).observe(box, { attributes: true, attributeFilter: ["class"] });
      const onPublished = () => {
        if (window.__hfp?.cityId !== "yichun" || !window.__hfp.ready || sw.atReady) return;
        sw.atReady = [...w.__hfpFrames];
        sw.fadedAtReady = box.classList.contains("map-held");
        sw.readyAt = performance.now();
        window.removeEventListener("hfp:published", onPublished);
      };
      window.addEventListener("hfp:published", onPublished);
    });
    await page.getByTestId("city-picker").selectOption("yichun");
    await waitForMapReady(page, "yichun");
    const switched = await page.evaluate(() => {
      const sw = (
        window as unknown as {
          __switch: { at: number; atReady: number[] | null; readyAt: number; faded: boolean; fadedAtReady?: boolean };
        }
      ).__switch;
      const tiles = performance
        .getEntriesByName("map:tile:facilities")
        .map((e) => e.startTime)
        .filter((t) => t > sw.at && t < sw.readyAt);
      return {
        faded: sw.faded,
        fadedAtReady: sw.fadedAtReady,
        frames: (sw.atReady ?? []).map((t) => t - sw.at),
        facilityTiles: Math.max(...tiles) - sw.at,
      };
    });
    console.log(
      `[e2e] to 宜春: ${switched.frames.length} frame(s) drawn by its first ready (at ${switched.frames.map((t) => t.toFixed(0)).join(", ")} ms), its facilities' last tile at ${switched.facilityTiles.toFixed(0)} ms`,
    );
    expect(switched.frames.length).toBeGreaterThanOrEqual(1);
    expect(switched.frames.length).toBeLessThanOrEqual(2);
    expect(switched.frames[0]).toBeGreaterThan(switched.facilityTiles);
    expect(switched.faded, "Nanyang's last frame faded while Yichun's map was held").toBe(true);
    expect(switched.fadedAtReady, "not faded once Yichun's map is drawn").toBe(false);
    const yichun = await page.evaluate(() => {
      const map = window.__hfp!.map;
      return [...new Set(map.querySourceFeatures("counties").map((f) => String(f.properties.code)))];
    });
    expect(yichun.length).toBeGreaterThanOrEqual(10);
    expect(yichun.every((c) => c.startsWith("3609"))).toBe(true);
    expect(await renderedOf(page, ["thc", "central-thc"])).toBeGreaterThan(0);
    await screenshot(page, "04-yichun-zh");

    // English switch
    await page.getByTestId("lang-toggle").click();
    expect(await page.locator("h1").textContent()).toBe("Health facility layout check");
    expect(await page.getByTestId("sample-notice").textContent()).toContain("Sample data");
    await screenshot(page, "05-yichun-en");

    expect(consoleErrors).toEqual([]);
    expect(externalRequests).toEqual([]);
  });

  it("tiles its own sources with a 16 px buffer and draws the same pixels as with MapLibre's 128, at two zooms", async () => {
    const { page, consoleErrors } = await openApp(browser());
    const result = await page.evaluate(async () => {
      type Source = {
        workerOptions: { geojsonVtOptions: { buffer: number } };
        setData: (d: unknown) => void;
        getData: () => Promise<unknown>;
      };
      const m = window.__hfp!.map;
      const UNITS_PER_PX = 8192 / 512; // MapLibre's tile extent over its tile size
      // every source of the map's own data: its lines and fills, and its circles
      const ids = ["counties", "facilities", "gaps", "isochrones", "urban", "rings", "rings-proposed", "ring15"];
      const source = (id: string) => m.getSource(id) as unknown as Source;
      const buffers = ids.map((id) => source(id).workerOptions.geojsonVtOptions.buffer / UNITS_PER_PX);
      const ours = buffers[0];
      // the tiles made again with `px`, and the map idle with every source loaded
      const tileWith = async (px: number) => {
        for (const id of ids) {
          source(id).workerOptions.geojsonVtOptions.buffer = px * UNITS_PER_PX;
          source(id).setData(await source(id).getData());
        }
        await new Promise<void>((resolve) => {
          const check = () => {
            if (!ids.every((id) => m.isSourceLoaded(id))) return;
            m.off("idle", check);
            resolve();
          };
          m.on("idle", check);
          m.triggerRepaint();
        });
      };
      // the pixels of the next frame, read in it (the canvas keeps no copy of its frames)
      const pixels = () =>
        new Promise<Uint8Array>((resolve) => {
          m.once("render", () => {
            const gl = m.getCanvas().getContext("webgl2")!;
            const px = new Uint8Array(gl.drawingBufferWidth * gl.drawingBufferHeight * 4);
            gl.readPixels(0, 0, gl.drawingBufferWidth, gl.drawingBufferHeight, gl.RGBA, gl.UNSIGNED_BYTE, px);
            resolve(px);
          });
          m.triggerRepaint();
        });
      // dashed lines are left out: a dash's phase starts where a tile's copy of the line starts, in the buffer
      const dashed = m
        .getStyle()
        .layers.filter((l) => l.type === "line" && l.paint?.["line-dasharray"] !== undefined)
        .map((l) => l.id);
      for (const id of dashed) m.setLayoutProperty(id, "visibility", "none");
      const zoom = m.getZoom();
      const out: Array<{ zoom: number; pixels: number; differing: number; clearly: number }> = [];
      for (const z of [zoom, zoom + 1.5]) {
        m.jumpTo({ zoom: z });
        await tileWith(ours);
        const a = await pixels();
        await tileWith(128);
        const b = await pixels();
        let differing = 0;
        let clearly = 0;
        for (let i = 0; i < a.length; i += 4) {
          const d = Math.max(Math.abs(a[i] - b[i]), Math.abs(a[i + 1] - b[i + 1]), Math.abs(a[i + 2] - b[i + 2]));
          if (d > 0) differing++;
          if (d > 16) clearly++;
        }
        out.push({ zoom: z, pixels: a.length / 4, differing, clearly });
      }
      await tileWith(ours);
      m.jumpTo({ zoom });
      for (const id of dashed) m.setLayoutProperty(id, "visibility", "visible");
      return { buffers, out };
    });
    // every data source has the app's buffer, not MapLibre's 128 px
    expect(result.buffers).toEqual(Array(result.buffers.length).fill(16));
    // and the map is the same picture: no pixel off by more than 16 levels (a buffer of 2 px changed 306 of them at
    // the closer zoom, 8 px 4), a few hundred by less (antialiasing along the tile edges)
    for (const z of result.out) {
      expect(z.clearly, JSON.stringify(z)).toBe(0);
      expect(z.differing, JSON.stringify(z)).toBeLessThan(z.pixels * 0.002);
    }
    expect(consoleErrors).toEqual([]);
  });

  it("shows Nangong within Xingtai and Pingdingshan", async () => {
    // the page of the first test (or the run's shared page) taken back to a first visit: no load is checked here
    const { page, consoleErrors } = await openApp(browser());
    for (const [id, prefix] of [
      ["nangong", "1305"],
      ["pingdingshan", "4104"],
    ] as const) {
      await page.getByTestId("city-picker").selectOption(id);
      await waitForMapReady(page, id);
      const codes = await page.evaluate(() =>
        window.__hfp!.map.querySourceFeatures("counties").map((f) => String(f.properties.code)),
      );
      expect(codes.length).toBeGreaterThan(3);
      expect(codes.every((c) => c.startsWith(prefix))).toBe(true);
      if (id === "nangong") expect(codes).toContain("130581");
      await screenshot(page, `06-${id}`);
    }
    expect(consoleErrors).toEqual([]);
  });
});
